-- name: ringkasan_kpi
-- returns: one row of headline figures for a period and area, each beside the previous period's (suffix _sebelumnya): extreme-poor keluarga and jiwa, keluarga that left extreme poverty this year, cakupan bansos of the extreme-poor (share reached by a strategy-1 programme, tercakup_bansos: paid in the 12 months up to the period's end or enrolled) and aid disbursed this year (1 January to the period's end); definitions in _shared/20_cakupan.sql and _shared/30_angka_utama.sql
-- unit: keluarga, jiwa, share 0-1 (cakupan), Rp (bantuan_rp_tahun_ini)
-- counts: keluarga_miskin_ekstrem, jiwa_miskin_ekstrem, keluarga_keluar_tahun_ini, keluarga_miskin_ekstrem_sebelumnya, jiwa_miskin_ekstrem_sebelumnya, keluarga_keluar_tahun_ini_sebelumnya
-- shares: cakupan <- keluarga_miskin_ekstrem; cakupan_sebelumnya <- keluarga_miskin_ekstrem_sebelumnya
-- params: periode (YYYY-MM; empty = latest), kode_kec, kode_kel (empty = all)
WITH pair AS (
    SELECT periode, sebelumnya FROM (
        SELECT periode, lag(periode) OVER (ORDER BY periode) AS sebelumnya
        FROM keluarga_periode
    )
    WHERE periode = periode_atau_terakhir($periode)
)
SELECT a.*, (SELECT sebelumnya FROM pair) AS periode_sebelumnya,
       b.keluarga_miskin_ekstrem AS keluarga_miskin_ekstrem_sebelumnya,
       b.jiwa_miskin_ekstrem AS jiwa_miskin_ekstrem_sebelumnya,
       b.keluarga_keluar_tahun_ini AS keluarga_keluar_tahun_ini_sebelumnya,
       b.cakupan AS cakupan_sebelumnya,
       b.bantuan_rp_tahun_ini AS bantuan_rp_tahun_ini_sebelumnya
FROM angka_utama(periode_atau_terakhir($periode), $kode_kec, $kode_kel) a
LEFT JOIN angka_utama((SELECT sebelumnya FROM pair), $kode_kec, $kode_kel) b
    ON (SELECT sebelumnya FROM pair) IS NOT NULL
WHERE a.periode IS NOT NULL AND EXISTS (SELECT 1 FROM pair)

-- name: ringkasan_kpi
-- returns: one row of headline figures for a period and area (definitions in _shared/20_cakupan.sql and _shared/30_angka_utama.sql): whether the period's list carries the extreme-poverty flag (berstatus_ekstrem), its sources and keluarga on the list; extreme-poor keluarga and jiwa and their cakupan bansos (share reached by a strategy-1 programme, tercakup_bansos: paid in the 12 months up to the period's end or enrolled), NULL for a flagless list, each beside the previous flagged period's (suffix _sebelumnya; none for a flagless period or the first flagged one); keluarga that left extreme poverty and aid disbursed this year (1 January to the period's end), each beside the same span a year earlier (suffix _tahun_lalu, periode_tahun_lalu; NULL when no visit or payment at all is dated in that span, this year's too: '–', no data, not 0); the families at risk on 1 January (keluarga_berisiko_awal_tahun: extreme-poor on the latest flagged list before that day, NULL when none precedes it) and the exit rate laju_keluar_tahun_ini = keluar ÷ at risk, each also a year earlier; the changes the KPI cards show, this figure minus the one it is compared with (perubahan_keluarga_miskin_ekstrem and perubahan_cakupan against _sebelumnya, perubahan_cakupan a difference of shares, ×100 = percentage points; perubahan_keluarga_keluar against _tahun_lalu), NULL when either side is NULL, hidden from a guest whenever either side is (derived)
-- unit: keluarga, jiwa, share 0-1 (cakupan, laju_keluar_…), Rp (bantuan_rp_…), keluarga (perubahan_keluarga_…), difference of shares 0-1 (perubahan_cakupan)
-- counts: keluarga_daftar, keluarga_miskin_ekstrem, jiwa_miskin_ekstrem, keluarga_keluar_tahun_ini, keluarga_miskin_ekstrem_sebelumnya, jiwa_miskin_ekstrem_sebelumnya, keluarga_keluar_tahun_lalu, keluarga_berisiko_awal_tahun, keluarga_berisiko_awal_tahun_lalu
-- sums: keluarga_daftar = keluarga_miskin_ekstrem + …
-- shares: cakupan <- keluarga_miskin_ekstrem; cakupan_sebelumnya <- keluarga_miskin_ekstrem_sebelumnya; laju_keluar_tahun_ini <- keluarga_berisiko_awal_tahun; laju_keluar_tahun_lalu <- keluarga_berisiko_awal_tahun_lalu
-- derived: perubahan_keluarga_miskin_ekstrem <- keluarga_miskin_ekstrem, keluarga_miskin_ekstrem_sebelumnya; perubahan_cakupan <- cakupan, cakupan_sebelumnya; perubahan_keluarga_keluar <- keluarga_keluar_tahun_ini, keluarga_keluar_tahun_lalu
-- params: periode (YYYY-MM; empty = latest), kode_kec (a kecamatan code, or in a province a kab/kota code: all its desa/kelurahan), kode_kel (empty = all)
-- columns: periode = Periode [periode]; berstatus_ekstrem = Daftar menandai miskin ekstrem [teks]; sumber_daftar = Sumber daftar [teks]; keluarga_daftar = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; jiwa_miskin_ekstrem = Jiwa dalam keluarga miskin ekstrem (jiwa) [jiwa]; keluarga_keluar_tahun_ini = Keluar sejak 1 Januari (keluarga) [keluarga]; cakupan = Cakupan bansos (%) [persen]; bantuan_rp_tahun_ini = Bantuan tersalur sejak 1 Januari (Rp) [rp]; periode_sebelumnya = Periode sebelumnya [periode]; keluarga_berisiko_awal_tahun = Miskin ekstrem pada 1 Januari (keluarga) [keluarga]; laju_keluar_tahun_ini = Laju keluar sejak 1 Januari (%) [persen]; keluarga_miskin_ekstrem_sebelumnya = Keluarga miskin ekstrem, daftar sebelumnya (keluarga) [keluarga]; jiwa_miskin_ekstrem_sebelumnya = Jiwa miskin ekstrem, daftar sebelumnya (jiwa) [jiwa]; cakupan_sebelumnya = Cakupan bansos, daftar sebelumnya (%) [persen]; periode_tahun_lalu = Periode tahun lalu [periode]; keluarga_keluar_tahun_lalu = Keluar, rentang sama tahun lalu (keluarga) [keluarga]; bantuan_rp_tahun_lalu = Bantuan tersalur, rentang sama tahun lalu (Rp) [rp]; keluarga_berisiko_awal_tahun_lalu = Miskin ekstrem pada 1 Januari tahun lalu (keluarga) [keluarga]; laju_keluar_tahun_lalu = Laju keluar, rentang sama tahun lalu (%) [persen]; perubahan_keluarga_miskin_ekstrem = Perubahan miskin ekstrem dari periode sebelumnya (keluarga) [keluarga]; perubahan_cakupan = Perubahan cakupan bansos dari periode sebelumnya (poin, 0–1) [desimal]; perubahan_keluarga_keluar = Perubahan keluar dari miskin ekstrem dari tahun lalu (keluarga) [keluarga]
-- periode_atau_terakhir / periode_setahun_lalu of $periode fold to constants, so the span a
-- year earlier prunes files and payments by date like the period itself.
WITH pair AS (
    SELECT periode, pembanding
    FROM periode_banding
    WHERE periode = periode_atau_terakhir($periode)
)
SELECT a.*, (SELECT pembanding FROM pair) AS periode_sebelumnya,
       r.keluarga_berisiko_awal_tahun,
       a.keluarga_keluar_tahun_ini / nullif(r.keluarga_berisiko_awal_tahun, 0)
           AS laju_keluar_tahun_ini,
       b.keluarga_miskin_ekstrem AS keluarga_miskin_ekstrem_sebelumnya,
       b.jiwa_miskin_ekstrem AS jiwa_miskin_ekstrem_sebelumnya,
       b.cakupan AS cakupan_sebelumnya,
       periode_setahun_lalu(periode_atau_terakhir($periode)) AS periode_tahun_lalu,
       r.keluarga_keluar_tahun_lalu,
       bantuan_sejak_awal_tahun(periode_setahun_lalu(periode_atau_terakhir($periode)),
                                $kode_kec, $kode_kel) AS bantuan_rp_tahun_lalu,
       r.keluarga_berisiko_awal_tahun_lalu,
       r.keluarga_keluar_tahun_lalu / nullif(r.keluarga_berisiko_awal_tahun_lalu, 0)
           AS laju_keluar_tahun_lalu,
       a.keluarga_miskin_ekstrem - b.keluarga_miskin_ekstrem AS perubahan_keluarga_miskin_ekstrem,
       a.cakupan - b.cakupan AS perubahan_cakupan,
       a.keluarga_keluar_tahun_ini - r.keluarga_keluar_tahun_lalu AS perubahan_keluarga_keluar
FROM angka_utama(periode_atau_terakhir($periode), $kode_kec, $kode_kel) a
CROSS JOIN (
    SELECT berisiko_awal_tahun(periode_atau_terakhir($periode), $kode_kec, $kode_kel)
               AS keluarga_berisiko_awal_tahun,
           berisiko_awal_tahun(periode_setahun_lalu(periode_atau_terakhir($periode)),
                               $kode_kec, $kode_kel) AS keluarga_berisiko_awal_tahun_lalu,
           -- once: the year-ago exits are a column and the numerator of last year's rate
           keluar_sejak_awal_tahun(periode_setahun_lalu(periode_atau_terakhir($periode)),
                                   $kode_kec, $kode_kel) AS keluarga_keluar_tahun_lalu
) r
LEFT JOIN angka_utama((SELECT pembanding FROM pair), $kode_kec, $kode_kel) b
    ON (SELECT pembanding FROM pair) IS NOT NULL
WHERE a.periode IS NOT NULL AND EXISTS (SELECT 1 FROM pair)

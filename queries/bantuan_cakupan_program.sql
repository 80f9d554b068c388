-- name: bantuan_cakupan_program
-- returns: coverage of the period's extreme-poor keluarga in the area, each row with its window in words (jendela). First the named figures (tingkat 'ringkasan'): 'Bansos (strategi 1)' = reached by a strategy-1 programme, paid in the 12 months up to the period's end or enrolled on the period's list (the cakupan definition, _shared/20_cakupan.sql; cakupan bansos, the coverage KPI); 'Bansos dibayar (tanpa kepesertaan)' = the same with payments only (salur_bansos: enrolment such as PBI-JK is not receipt); 'Pemberdayaan (strategi 2)' = paid or enrolled in a strategy-2 programme in the 12 months, or a member of a KUBE not marked inactive in the latest KUBE export up to the period (pemberdayaan_kk); 'Pemberdayaan (strategi 2), pernah' = ever reached by strategy 2 up to the period's end (a strategy-2 payment at any date, or KUBE membership in any export up to the period: modal usaha is one-off); 'Program apa pun' = reached by any programme by payment or enrolment (as the maps' "belum tercakup program apa pun"; KUBE membership is counted in the strategy-2 rows only); then one row per programme that reached a family (tingkat 'program', 12 months or enrolled) with its strategy, most reached first; each row's keluarga_belum_tercakup = the extreme-poor keluarga that row does not reach (keluarga_miskin_ekstrem − keluarga_tercakup), a column of its own so that a guest cannot subtract it out; no rows when the area has no extreme-poor keluarga in the period
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup, keluarga_belum_tercakup); share 0-1 (cakupan); strategi 1/2/3 (NULL for programmes not in the reference table and for 'Program apa pun'); jendela text
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup, keluarga_belum_tercakup
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup + keluarga_belum_tercakup
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_belum_tercakup, keluarga_miskin_ekstrem
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: tingkat = Tingkat [teks]; program = Program [teks]; strategi = Strategi [teks]; jendela = Jendela waktu [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; keluarga_tercakup = Tercakup (keluarga) [keluarga]; keluarga_belum_tercakup = Belum tercakup (keluarga) [keluarga]; cakupan = Cakupan (%) [persen]
WITH c AS (
    SELECT e.tercakup_bansos, e.tercakup_program, e.program,
           e.no_kk IN (SELECT no_kk FROM salur_bansos(periode_atau_terakhir($periode)))
               AS dibayar_bansos,
           e.tercakup_pendapatan OR coalesce(d.kube_kini, false) AS pendapatan,
           e.tercakup_pendapatan OR coalesce(d.pernah, false) AS pendapatan_pernah
    FROM cakupan_ekstrem e
    LEFT JOIN pemberdayaan_kk(periode_atau_terakhir($periode)) d USING (no_kk)
    WHERE e.periode = periode_atau_terakhir($periode)
      AND di_wilayah(e.kode_kel, $kode_kec, $kode_kel)
),
per_program AS (
    SELECT program, count(*) AS keluarga_tercakup
    FROM (SELECT unnest(program) AS program FROM c)
    GROUP BY program
),
rows AS (
    SELECT 0 AS urutan, 'Bansos (strategi 1)' AS program, 1 AS strategi,
           count(*) FILTER (WHERE tercakup_bansos) AS keluarga_tercakup,
           '12 bulan s.d. akhir periode, atau terdaftar' AS jendela
    FROM c
    UNION ALL
    SELECT 1, 'Bansos dibayar (tanpa kepesertaan)', 1, count(*) FILTER (WHERE dibayar_bansos),
           '12 bulan s.d. akhir periode, hanya penyaluran tersalur'
    FROM c
    UNION ALL
    SELECT 2, 'Pemberdayaan (strategi 2)', 2, count(*) FILTER (WHERE pendapatan),
           '12 bulan s.d. akhir periode, atau anggota KUBE aktif (ekspor KUBE terakhir)'
    FROM c
    UNION ALL
    SELECT 3, 'Pemberdayaan (strategi 2), pernah', 2, count(*) FILTER (WHERE pendapatan_pernah),
           'pernah menerima s.d. akhir periode'
    FROM c
    UNION ALL
    SELECT 4, 'Program apa pun', NULL::INTEGER, count(*) FILTER (WHERE tercakup_program),
           '12 bulan s.d. akhir periode, atau terdaftar'
    FROM c
    UNION ALL
    SELECT 5, x.program, r.strategi, x.keluarga_tercakup,
           '12 bulan s.d. akhir periode, atau terdaftar'
    FROM per_program x LEFT JOIN program r USING (program)
)
SELECT CASE WHEN urutan < 5 THEN 'ringkasan' ELSE 'program' END AS tingkat,
       program, strategi, jendela,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       keluarga_tercakup,
       (SELECT count(*) FROM c) - keluarga_tercakup AS keluarga_belum_tercakup,
       keluarga_tercakup / (SELECT count(*) FROM c) AS cakupan
FROM rows
WHERE (SELECT count(*) FROM c) > 0
ORDER BY urutan, keluarga_tercakup DESC, program

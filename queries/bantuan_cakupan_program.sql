-- name: bantuan_cakupan_program
-- returns: coverage of the period's extreme-poor keluarga in the area (the cakupan definition, _shared/20_cakupan.sql: a 'tersalur' disbursement in the 12 months up to the period's end, or enrolment in the period's list): first three named figures (tingkat 'ringkasan'): 'Bansos (strategi 1)' = reached by a strategy-1 programme (cakupan bansos, the coverage KPI), 'Pemberdayaan (strategi 2)' = reached by a strategy-2 programme (modal usaha, KUBE, …), 'Program apa pun' = reached by any programme; then one row per programme that reached a family (tingkat 'program') with its strategy, most reached first; no rows when the area has no extreme-poor keluarga in the period
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup); share 0-1 (cakupan); strategi 1/2/3 (NULL for programmes not in the reference table and for 'Program apa pun')
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_miskin_ekstrem
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH c AS (
    SELECT tercakup_bansos, tercakup_pendapatan, tercakup_program, program FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
per_program AS (
    SELECT program, count(*) AS keluarga_tercakup
    FROM (SELECT unnest(program) AS program FROM c)
    GROUP BY program
),
rows AS (
    SELECT 0 AS urutan, 'Bansos (strategi 1)' AS program, 1 AS strategi,
           count(*) FILTER (WHERE tercakup_bansos) AS keluarga_tercakup
    FROM c
    UNION ALL
    SELECT 1, 'Pemberdayaan (strategi 2)', 2, count(*) FILTER (WHERE tercakup_pendapatan) FROM c
    UNION ALL
    SELECT 2, 'Program apa pun', NULL::INTEGER, count(*) FILTER (WHERE tercakup_program) FROM c
    UNION ALL
    SELECT 3, x.program, r.strategi, x.keluarga_tercakup
    FROM per_program x LEFT JOIN program r USING (program)
)
SELECT CASE WHEN urutan < 3 THEN 'ringkasan' ELSE 'program' END AS tingkat,
       program, strategi,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       keluarga_tercakup,
       keluarga_tercakup / (SELECT count(*) FROM c) AS cakupan
FROM rows
WHERE (SELECT count(*) FROM c) > 0
ORDER BY urutan, keluarga_tercakup DESC, program

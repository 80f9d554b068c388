-- name: bantuan_cakupan_program
-- returns: per programme, the period's extreme-poor keluarga in the area and those the programme reached (the cakupan definition, _shared/20_cakupan.sql), with the share; the first row 'Program apa pun' is the overall coverage (reached by at least one programme); no rows when the area has no extreme-poor keluarga in the period
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup); share 0-1 (cakupan); strategi 1/2/3 (NULL for programmes not in the reference table and for the overall row)
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_miskin_ekstrem
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH c AS (
    SELECT tercakup, program FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
per_program AS (
    SELECT program, count(*) AS keluarga_tercakup
    FROM (SELECT unnest(program) AS program FROM c)
    GROUP BY program
),
rows AS (
    SELECT 0 AS urutan, 'Program apa pun' AS program, NULL::INTEGER AS strategi,
           count(*) FILTER (WHERE tercakup) AS keluarga_tercakup
    FROM c
    UNION ALL
    SELECT 1, x.program, r.strategi, x.keluarga_tercakup
    FROM per_program x LEFT JOIN program r USING (program)
)
SELECT program, strategi,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       keluarga_tercakup,
       keluarga_tercakup / (SELECT count(*) FROM c) AS cakupan
FROM rows
WHERE (SELECT count(*) FROM c) > 0
ORDER BY urutan, keluarga_tercakup DESC, program

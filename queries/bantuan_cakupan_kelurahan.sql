-- name: bantuan_cakupan_kelurahan
-- returns: per kelurahan of the area and programme, the period's extreme-poor keluarga and those the programme reached (the cakupan definition, _shared/20_cakupan.sql: 12 months up to the period's end, or enrolment), with the share; the first three 'programmes' are the named figures 'Bansos (strategi 1)' (cakupan bansos), 'Pemberdayaan (strategi 2)' and 'Program apa pun'; every kelurahan of the area appears (cakupan NULL where it has no extreme-poor keluarga), every programme that reached a family in the area appears; no rows when the area has no extreme-poor keluarga in the period
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup); share 0-1 (cakupan)
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup
-- total: implied
-- groups: program, kode_kec
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_miskin_ekstrem
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH c AS (
    SELECT kode_kel, tercakup_bansos, tercakup_pendapatan, tercakup_program, program
    FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
dicapai AS (SELECT kode_kel, unnest(program) AS program FROM c),
per_kel AS (
    SELECT kode_kel, count(*) AS keluarga_miskin_ekstrem,
           count(*) FILTER (WHERE tercakup_bansos) AS keluarga_bansos,
           count(*) FILTER (WHERE tercakup_pendapatan) AS keluarga_pendapatan,
           count(*) FILTER (WHERE tercakup_program) AS keluarga_tercakup
    FROM c GROUP BY kode_kel
),
per_program AS (
    SELECT kode_kel, program, count(*) AS keluarga_tercakup FROM dicapai GROUP BY ALL
),
programs AS (
    SELECT 0 AS urutan, 'Bansos (strategi 1)' AS program
    UNION ALL
    SELECT 1, 'Pemberdayaan (strategi 2)'
    UNION ALL
    SELECT 2, 'Program apa pun'
    UNION ALL
    SELECT DISTINCT 3, program FROM dicapai
)
SELECT w.kode_kec, w.kecamatan, w.kode_kel, w.kelurahan, g.program,
       coalesce(k.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem,
       coalesce(CASE g.urutan WHEN 0 THEN k.keluarga_bansos WHEN 1 THEN k.keluarga_pendapatan
                    WHEN 2 THEN k.keluarga_tercakup ELSE x.keluarga_tercakup END, 0)
           AS keluarga_tercakup,
       coalesce(CASE g.urutan WHEN 0 THEN k.keluarga_bansos WHEN 1 THEN k.keluarga_pendapatan
                    WHEN 2 THEN k.keluarga_tercakup ELSE x.keluarga_tercakup END, 0)
           / nullif(k.keluarga_miskin_ekstrem, 0) AS cakupan
FROM wilayah w
CROSS JOIN programs g
LEFT JOIN per_kel k ON k.kode_kel = w.kode_kel
LEFT JOIN per_program x ON x.kode_kel = w.kode_kel AND x.program = g.program
WHERE di_wilayah(w.kode_kel, $kode_kec, $kode_kel) AND EXISTS (SELECT 1 FROM c)
ORDER BY w.kode_kel, g.urutan, g.program

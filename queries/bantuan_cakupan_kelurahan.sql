-- name: bantuan_cakupan_kelurahan
-- returns: per kelurahan of the area and programme, the period's extreme-poor keluarga and those the programme reached (the cakupan definition, _shared/20_cakupan.sql: 12 months up to the period's end, or enrolment), with the share; the first five 'programmes' are the named figures of bantuan_cakupan_program, with the same windows: 'Bansos (strategi 1)' (cakupan bansos), 'Bansos dibayar (tanpa kepesertaan)', 'Pemberdayaan (strategi 2)' (with KUBE membership), 'Pemberdayaan (strategi 2), pernah' and 'Program apa pun'; every kelurahan of the area appears (cakupan NULL where it has no extreme-poor keluarga), every programme that reached a family in the area appears; no rows when the area has no extreme-poor keluarga in the period
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup); share 0-1 (cakupan)
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup
-- total: implied
-- groups: program, kode_kec
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_miskin_ekstrem
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH c AS (
    SELECT e.kode_kel, e.tercakup_bansos, e.tercakup_program, e.program,
           e.no_kk IN (SELECT no_kk FROM salur_bansos(periode_atau_terakhir($periode)))
               AS dibayar_bansos,
           e.tercakup_pendapatan OR coalesce(d.kube_kini, false) AS tercakup_pendapatan,
           e.tercakup_pendapatan OR coalesce(d.pernah, false) AS pendapatan_pernah
    FROM cakupan_ekstrem e
    LEFT JOIN pemberdayaan_kk(periode_atau_terakhir($periode)) d USING (no_kk)
    WHERE e.periode = periode_atau_terakhir($periode)
      AND di_wilayah(e.kode_kel, $kode_kec, $kode_kel)
),
dicapai AS (SELECT kode_kel, unnest(program) AS program FROM c),
per_kel AS (
    SELECT kode_kel, count(*) AS keluarga_miskin_ekstrem,
           count(*) FILTER (WHERE tercakup_bansos) AS keluarga_bansos,
           count(*) FILTER (WHERE dibayar_bansos) AS keluarga_dibayar,
           count(*) FILTER (WHERE tercakup_pendapatan) AS keluarga_pendapatan,
           count(*) FILTER (WHERE pendapatan_pernah) AS keluarga_pernah,
           count(*) FILTER (WHERE tercakup_program) AS keluarga_tercakup
    FROM c GROUP BY kode_kel
),
per_program AS (
    SELECT kode_kel, program, count(*) AS keluarga_tercakup FROM dicapai GROUP BY ALL
),
programs AS (
    SELECT 0 AS urutan, 'Bansos (strategi 1)' AS program
    UNION ALL
    SELECT 1, 'Bansos dibayar (tanpa kepesertaan)'
    UNION ALL
    SELECT 2, 'Pemberdayaan (strategi 2)'
    UNION ALL
    SELECT 3, 'Pemberdayaan (strategi 2), pernah'
    UNION ALL
    SELECT 4, 'Program apa pun'
    UNION ALL
    SELECT DISTINCT 5, program FROM dicapai
)
SELECT w.kode_kec, w.kecamatan, w.kode_kel, w.kelurahan, g.program,
       coalesce(k.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem,
       coalesce(CASE g.urutan WHEN 0 THEN k.keluarga_bansos WHEN 1 THEN k.keluarga_dibayar
                    WHEN 2 THEN k.keluarga_pendapatan WHEN 3 THEN k.keluarga_pernah
                    WHEN 4 THEN k.keluarga_tercakup ELSE x.keluarga_tercakup END, 0)
           AS keluarga_tercakup,
       coalesce(CASE g.urutan WHEN 0 THEN k.keluarga_bansos WHEN 1 THEN k.keluarga_dibayar
                    WHEN 2 THEN k.keluarga_pendapatan WHEN 3 THEN k.keluarga_pernah
                    WHEN 4 THEN k.keluarga_tercakup ELSE x.keluarga_tercakup END, 0)
           / nullif(k.keluarga_miskin_ekstrem, 0) AS cakupan
FROM wilayah w
CROSS JOIN programs g
LEFT JOIN per_kel k ON k.kode_kel = w.kode_kel
LEFT JOIN per_program x ON x.kode_kel = w.kode_kel AND x.program = g.program
WHERE di_wilayah(w.kode_kel, $kode_kec, $kode_kel) AND EXISTS (SELECT 1 FROM c)
ORDER BY w.kode_kel, g.urutan, g.program

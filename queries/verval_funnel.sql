-- name: verval_funnel
-- returns: the verval funnel per source list: keluarga on the list (NULL when that list was not loaded: daftar_dimuat false), checked at verval, meeting the criteria (memenuhi) and not; then 'Di lebih dari satu daftar', the keluarga counted in two or more rows above (on two or more lists; checked under two or more lists); a last row 'Semua daftar' counts each keluarga once (the lists' keluarga and every checked keluarga, so with the overlap row the rows above add up to it when no keluarga is on three lists). A keluarga's result is its latest verval (per list in a list's row, over all lists in the last two rows)
-- unit: keluarga
-- counts: daftar_keluarga, diperiksa_keluarga, memenuhi_keluarga, tidak_memenuhi_keluarga
-- total: last row
-- sums: diperiksa_keluarga = memenuhi_keluarga + tidak_memenuhi_keluarga
-- params: periode (YYYY-MM of the verval; empty = every verval period)
WITH v AS (
    SELECT no_kk, hasil, tanggal_verval,
           coalesce(sumber_daftar, 'Tidak disebut') AS sumber_daftar, periode
    FROM verval
    WHERE $periode IS NULL OR periode = $periode
),
-- the source lists loaded up to the verval: one row per list and family
daftar AS (
    SELECT DISTINCT sumber_data AS sumber_daftar, no_kk
    FROM keluarga
    WHERE sumber_data IN ('P3KE', 'Bansos Pemkot', 'Bansos Pemprov', 'Usulan')
      AND periode <= (SELECT max(periode) FROM v)
      AND sumber_data IN (SELECT sumber_daftar FROM v)
),
-- each family's latest result per list, and over all lists
per_daftar AS (
    SELECT sumber_daftar, no_kk, arg_max(hasil, tanggal_verval) AS hasil
    FROM v GROUP BY ALL
),
per_keluarga AS (
    SELECT no_kk, arg_max(hasil, tanggal_verval) AS hasil, count(DISTINCT sumber_daftar) AS n
    FROM v GROUP BY no_kk
),
-- every family on a loaded list or checked (as on the list it was checked for), with the
-- number of lists it is on
semua AS (
    SELECT no_kk, count(DISTINCT sumber_daftar) AS n
    FROM (SELECT sumber_daftar, no_kk FROM daftar
          UNION SELECT sumber_daftar, no_kk FROM per_daftar)
    GROUP BY no_kk
),
lists AS (SELECT sumber_daftar, count(*) AS daftar FROM daftar GROUP BY 1),
checked AS (
    SELECT sumber_daftar,
           count(*) AS diperiksa,
           count(*) FILTER (WHERE hasil = 'memenuhi') AS memenuhi,
           count(*) FILTER (WHERE hasil = 'tidak memenuhi') AS tidak_memenuhi
    FROM per_daftar GROUP BY 1
),
rows AS (
    SELECT 1 AS urutan, sumber_daftar, l.sumber_daftar IS NOT NULL AS daftar_dimuat,
           l.daftar AS daftar_keluarga,
           c.diperiksa AS diperiksa_keluarga,
           c.memenuhi AS memenuhi_keluarga,
           c.tidak_memenuhi AS tidak_memenuhi_keluarga
    FROM checked c LEFT JOIN lists l USING (sumber_daftar)
),
gabung AS (
    SELECT s.n AS n_daftar, coalesce(k.n, 0) AS n_diperiksa, s.no_kk, k.hasil
    FROM semua s LEFT JOIN per_keluarga k USING (no_kk)
),
tail AS (
    SELECT 2 AS urutan, 'Di lebih dari satu daftar' AS sumber_daftar,
           (SELECT bool_and(daftar_dimuat) FROM rows) AS daftar_dimuat,
           count(*) FILTER (WHERE n_daftar > 1) AS daftar_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1) AS diperiksa_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1 AND hasil = 'memenuhi') AS memenuhi_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1 AND hasil = 'tidak memenuhi')
               AS tidak_memenuhi_keluarga
    FROM gabung
    UNION ALL
    SELECT 3, 'Semua daftar', (SELECT bool_and(daftar_dimuat) FROM rows),
           count(*),
           count(*) FILTER (WHERE hasil IS NOT NULL),
           count(*) FILTER (WHERE hasil = 'memenuhi'),
           count(*) FILTER (WHERE hasil = 'tidak memenuhi')
    FROM gabung
)
SELECT urutan, sumber_daftar, daftar_keluarga, diperiksa_keluarga, memenuhi_keluarga,
       tidak_memenuhi_keluarga, daftar_dimuat
FROM (SELECT * FROM rows
      UNION ALL
      SELECT * FROM tail WHERE EXISTS (SELECT 1 FROM rows))
ORDER BY urutan, CASE sumber_daftar WHEN 'P3KE' THEN 0 ELSE 1 END, sumber_daftar

-- name: verval_funnel
-- returns: the verval funnel per source list: keluarga on the list, checked at verval, meeting the criteria (memenuhi) and not; a last row 'Semua daftar' totals them
-- unit: keluarga
-- counts: daftar_keluarga, diperiksa_keluarga, memenuhi_keluarga, tidak_memenuhi_keluarga
-- total: last row
-- sums: diperiksa_keluarga = memenuhi_keluarga + tidak_memenuhi_keluarga
-- params: periode (YYYY-MM of the verval; empty = every verval period)
WITH v AS (
    SELECT no_kk, hasil, coalesce(sumber_daftar, 'Tidak disebut') AS sumber_daftar, periode
    FROM verval
    WHERE $periode IS NULL OR periode = $periode
),
lists AS (
    SELECT sumber_data AS sumber_daftar, count(DISTINCT no_kk) AS daftar
    FROM keluarga
    WHERE sumber_data IN ('P3KE', 'Bansos Pemkot', 'Bansos Pemprov', 'Usulan')
      AND periode <= (SELECT max(periode) FROM v)
    GROUP BY 1
),
checked AS (
    SELECT sumber_daftar,
           count(DISTINCT no_kk) AS diperiksa,
           count(DISTINCT no_kk) FILTER (WHERE hasil = 'memenuhi') AS memenuhi,
           count(DISTINCT no_kk) FILTER (WHERE hasil = 'tidak memenuhi') AS tidak_memenuhi
    FROM v GROUP BY 1
),
rows AS (
    SELECT sumber_daftar,
           coalesce(l.daftar, c.diperiksa) AS daftar_keluarga,
           coalesce(c.diperiksa, 0) AS diperiksa_keluarga,
           coalesce(c.memenuhi, 0) AS memenuhi_keluarga,
           coalesce(c.tidak_memenuhi, 0) AS tidak_memenuhi_keluarga
    FROM checked c LEFT JOIN lists l USING (sumber_daftar)
)
SELECT * FROM (
    SELECT 1 AS urutan, * FROM rows
    UNION ALL
    SELECT 2, 'Semua daftar', CAST(sum(daftar_keluarga) AS BIGINT),
           CAST(sum(diperiksa_keluarga) AS BIGINT), CAST(sum(memenuhi_keluarga) AS BIGINT),
           CAST(sum(tidak_memenuhi_keluarga) AS BIGINT)
    FROM rows HAVING count(*) > 0
)
ORDER BY urutan, CASE sumber_daftar WHEN 'P3KE' THEN 0 ELSE 1 END, sumber_daftar

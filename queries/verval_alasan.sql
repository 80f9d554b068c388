-- name: verval_alasan
-- returns: keluarga found not to meet the criteria at verval, per reason and source list; then per reason a row 'Semua daftar' counting each keluarga once however many lists it was checked for (the deck's "Alasan tidak memenuhi terbanyak" reads the first of them); the 'Semua daftar' rows come first, most keluarga first, then the per-list rows. A reason's lists add up to its 'Semua daftar' row (more when a keluarga was checked for two lists), so each reason is a group whose total a reader sees, and the reasons together come near verval_funnel's tidak_memenuhi_keluarga (a total shown: the whole column is protected too)
-- unit: keluarga
-- counts: keluarga
-- total: implied
-- groups: alasan
-- params: periode (YYYY-MM of the verval; empty = every verval period)
-- columns: alasan = Alasan [teks]; sumber_daftar = Sumber daftar [teks]; keluarga = Tidak memenuhi (keluarga) [keluarga]
WITH t AS (
    SELECT coalesce(alasan, 'tidak disebut') AS alasan,
           coalesce(sumber_daftar, 'Tidak disebut') AS sumber_daftar, no_kk
    FROM verval
    WHERE hasil = 'tidak memenuhi' AND ($periode IS NULL OR periode = $periode)
)
SELECT alasan, sumber_daftar, keluarga
FROM (
    SELECT 0 AS urutan, alasan, 'Semua daftar' AS sumber_daftar,
           count(DISTINCT no_kk) AS keluarga
    FROM t GROUP BY alasan
    UNION ALL
    SELECT 1, alasan, sumber_daftar, count(DISTINCT no_kk) FROM t GROUP BY alasan, sumber_daftar
)
ORDER BY urutan, keluarga DESC, alasan, sumber_daftar

-- name: verval_alasan
-- returns: keluarga found not to meet the criteria at verval, per reason and source list
-- unit: keluarga
-- counts: keluarga
-- params: periode (YYYY-MM of the verval; empty = every verval period)
-- columns: alasan = Alasan [teks]; sumber_daftar = Sumber daftar [teks]; keluarga = Tidak memenuhi (keluarga) [keluarga]
SELECT coalesce(alasan, 'tidak disebut') AS alasan,
       coalesce(sumber_daftar, 'Tidak disebut') AS sumber_daftar,
       count(DISTINCT no_kk) AS keluarga
FROM verval
WHERE hasil = 'tidak memenuhi' AND ($periode IS NULL OR periode = $periode)
GROUP BY ALL
ORDER BY keluarga DESC, alasan, sumber_daftar

-- name: beban_sebaran_sampel
-- returns: per group of beban_sebaran (Miskin ekstrem, Bukan miskin ekstrem; Semua keluarga dalam daftar for a list without the extreme flag): the families its fixed sample draws (keluarga_sampel) and the families of the group with a spending and an income figure (keluarga_kelompok), the "N dari M keluarga" under the Beban scatter; the sample is beban_sampel (_shared/56_beban_sampel.sql), the one beban_sebaran draws
-- unit: keluarga
-- counts: keluarga_sampel, keluarga_kelompok
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kelompok = Kelompok [teks]; keluarga_sampel = Keluarga dalam sampel (keluarga) [keluarga]; keluarga_kelompok = Keluarga dalam kelompok (keluarga) [keluarga]
SELECT kelompok, count(*) AS keluarga_sampel, any_value(keluarga_kelompok) AS keluarga_kelompok
FROM beban_sampel(periode_atau_terakhir($periode), $kode_kec, $kode_kel)
GROUP BY kelompok, miskin_ekstrem
ORDER BY kelompok

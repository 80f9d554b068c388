-- name: sk_lampiran_ringkas
-- returns: the count of one frozen Daftar SK version's families per kelurahan (tingkat 'kelurahan'), each kecamatan's total after its kelurahan (tingkat 'kecamatan', kelurahan NULL) and a last row named for the region, nama_wilayah() ('Kota Pasuruan'; tingkat 'kota'): the totals printed in the SK's lampiran (pantau/sk.py), ordered as the lampiran's pages (kecamatan, kelurahan)
-- unit: keluarga
-- counts: keluarga
-- total: last row
-- params: versi (the version's number; empty = the latest frozen)
-- columns: tingkat = Tingkat [teks]; kecamatan = Kecamatan [teks]; kelurahan = {desa} [teks]; keluarga = Keluarga (keluarga) [keluarga]
WITH d AS (
    SELECT kecamatan, kelurahan FROM sk_daftar WHERE versi = sk_versi_pilih($versi, NULL)
),
kel AS (SELECT 1 AS urutan, 'kelurahan' AS tingkat, kecamatan, kelurahan, count(*) AS keluarga
        FROM d GROUP BY kecamatan, kelurahan),
kec AS (SELECT 2, 'kecamatan', kecamatan, NULL, count(*) FROM d GROUP BY kecamatan),
kota AS (SELECT 3, 'kota', nama_wilayah(), NULL, count(*) FROM d HAVING count(*) > 0)
SELECT tingkat, kecamatan, kelurahan, keluarga
FROM (SELECT * FROM kel UNION ALL SELECT * FROM kec UNION ALL SELECT * FROM kota)
ORDER BY urutan = 3, kecamatan, urutan, kelurahan

-- name: sk_lampiran_ringkas_kab
-- returns: the totals of a province's SK lampiran (pantau/sk.py): one frozen Daftar SK version's families per desa/kelurahan (tingkat 'kelurahan'), per kecamatan by its code (tingkat 'kecamatan': kecamatan of one name in several kab/kota are apart), per kab/kota (tingkat 'kabupaten_kota') and a last row named for the region, nama_wilayah() (tingkat 'wilayah'), ordered as the lampiran's pages (kab/kota, kecamatan, desa/kelurahan by Kemendagri code, each total after its parts)
-- unit: keluarga
-- counts: keluarga
-- total: last row
-- params: versi (the version's number; empty = the latest frozen)
-- columns: tingkat = Tingkat [teks]; kode_kab = Kode kabupaten/kota [teks]; kabupaten_kota = Kabupaten/Kota [teks]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; keluarga = Keluarga (keluarga) [keluarga]
WITH d AS (
    SELECT substr(kode_kel, 1, 5) AS kode_kab, kode_kec, kecamatan, kode_kel, kelurahan
    FROM sk_daftar WHERE versi = sk_versi_pilih($versi, NULL)
),
nama_kab AS (SELECT DISTINCT kode_kab, kabupaten_kota FROM wilayah),
kel AS (SELECT 1 AS urutan, 'kelurahan' AS tingkat, kode_kab, kode_kec, any_value(kecamatan) AS kecamatan,
               kode_kel, any_value(kelurahan) AS kelurahan, count(*) AS keluarga
        FROM d GROUP BY kode_kab, kode_kec, kode_kel),
kec AS (SELECT 2, 'kecamatan', kode_kab, kode_kec, any_value(kecamatan), NULL, NULL, count(*)
        FROM d GROUP BY kode_kab, kode_kec),
kab AS (SELECT 3, 'kabupaten_kota', kode_kab, NULL, NULL, NULL, NULL, count(*) FROM d GROUP BY kode_kab),
semua AS (SELECT 4, 'wilayah', NULL, NULL, NULL, NULL, NULL, count(*) FROM d HAVING count(*) > 0),
t AS (SELECT * FROM kel UNION ALL SELECT * FROM kec UNION ALL SELECT * FROM kab UNION ALL SELECT * FROM semua)
SELECT t.tingkat, t.kode_kab,
       CASE WHEN t.tingkat = 'wilayah' THEN nama_wilayah() ELSE nama_kab.kabupaten_kota END AS kabupaten_kota,
       t.kode_kec, t.kecamatan, t.kode_kel, t.kelurahan, t.keluarga
FROM t LEFT JOIN nama_kab USING (kode_kab)
ORDER BY t.urutan = 4, t.kode_kab, t.urutan = 3, t.kode_kec, t.urutan = 2, t.kode_kel

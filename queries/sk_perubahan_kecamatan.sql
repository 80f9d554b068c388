-- name: sk_perubahan_kecamatan
-- returns: one Daftar SK version's change against the version before it, per kecamatan (every kecamatan of the city, then a last row 'Kota Pasuruan'): keluarga in the previous version (in its area) and in this one, unchanged (tetap, in this version's area), entered (masuk) by way of usulan, verval or pemutakhiran daftar, left (keluar, in the previous version's area) as graduasi, meninggal, pindah or tidak memenuhi syarat (sk_perubahan's families counted; definitions in _shared/75_sk.sql); no rows for the first version (nothing to compare with); versi and versi_sebelumnya say which two
-- unit: keluarga
-- counts: keluarga_sebelumnya, keluarga_sekarang, tetap, masuk, masuk_usulan, masuk_verval, masuk_pemutakhiran, keluar, keluar_graduasi, keluar_meninggal, keluar_pindah, keluar_tidak_memenuhi
-- total: last row
-- sums: keluarga_sekarang = tetap + masuk; masuk = masuk_usulan + masuk_verval + masuk_pemutakhiran; keluar = keluar_graduasi + keluar_meninggal + keluar_pindah + keluar_tidak_memenuhi
-- params: versi (the version's number; empty = the latest frozen), periode (YYYY-MM: with versi empty, the version in force then)
-- columns: kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; keluarga_sebelumnya = Versi sebelumnya [keluarga]; keluarga_sekarang = Versi ini [keluarga]; tetap = Tetap [keluarga]; masuk = Masuk [keluarga]; masuk_usulan = Masuk: usulan [keluarga]; masuk_verval = Masuk: verval [keluarga]; masuk_pemutakhiran = Masuk: pemutakhiran daftar [keluarga]; keluar = Keluar [keluarga]; keluar_graduasi = Keluar: graduasi [keluarga]; keluar_meninggal = Keluar: meninggal [keluarga]; keluar_pindah = Keluar: pindah [keluarga]; keluar_tidak_memenuhi = Keluar: tidak memenuhi syarat [keluarga]; versi = Versi [teks]; versi_sebelumnya = Versi sebelumnya [teks]
WITH v AS (SELECT sk_versi_pilih($versi, $periode) AS versi),
u AS (SELECT * FROM sk_versi_urut WHERE versi = (SELECT versi FROM v)),
p AS (SELECT * FROM sk_perubahan_kk((SELECT versi FROM v))),
lama AS (
    SELECT kode_kec, count(*) AS n FROM sk_daftar
    WHERE versi = (SELECT versi_sebelumnya FROM u) GROUP BY kode_kec
),
kec AS (SELECT DISTINCT kode_kec, kecamatan FROM wilayah),
per AS (
    SELECT k.kode_kec, k.kecamatan,
           CAST(coalesce(any_value(l.n), 0) AS BIGINT) AS keluarga_sebelumnya,
           count(*) FILTER (WHERE p.status IN ('masuk', 'tetap')) AS keluarga_sekarang,
           count(*) FILTER (WHERE p.status = 'tetap') AS tetap,
           count(*) FILTER (WHERE p.status = 'masuk') AS masuk,
           count(*) FILTER (WHERE p.status = 'masuk' AND p.kategori = 'usulan') AS masuk_usulan,
           count(*) FILTER (WHERE p.status = 'masuk' AND p.kategori = 'verval') AS masuk_verval,
           count(*) FILTER (WHERE p.status = 'masuk' AND p.kategori = 'pemutakhiran daftar')
               AS masuk_pemutakhiran,
           count(*) FILTER (WHERE p.status = 'keluar') AS keluar,
           count(*) FILTER (WHERE p.status = 'keluar' AND p.kategori = 'graduasi')
               AS keluar_graduasi,
           count(*) FILTER (WHERE p.status = 'keluar' AND p.kategori = 'meninggal')
               AS keluar_meninggal,
           count(*) FILTER (WHERE p.status = 'keluar' AND p.kategori = 'pindah') AS keluar_pindah,
           count(*) FILTER (WHERE p.status = 'keluar' AND p.kategori = 'tidak memenuhi syarat')
               AS keluar_tidak_memenuhi
    FROM kec k
    LEFT JOIN p ON p.kode_kec = k.kode_kec
    LEFT JOIN lama l ON l.kode_kec = k.kode_kec
    GROUP BY k.kode_kec, k.kecamatan
),
baris AS (
    SELECT 1 AS urut, * FROM per
    UNION ALL
    SELECT 2, NULL, nama_wilayah(),
           (SELECT CAST(coalesce(sum(n), 0) AS BIGINT) FROM lama),
           count(*) FILTER (WHERE status IN ('masuk', 'tetap')),
           count(*) FILTER (WHERE status = 'tetap'),
           count(*) FILTER (WHERE status = 'masuk'),
           count(*) FILTER (WHERE status = 'masuk' AND kategori = 'usulan'),
           count(*) FILTER (WHERE status = 'masuk' AND kategori = 'verval'),
           count(*) FILTER (WHERE status = 'masuk' AND kategori = 'pemutakhiran daftar'),
           count(*) FILTER (WHERE status = 'keluar'),
           count(*) FILTER (WHERE status = 'keluar' AND kategori = 'graduasi'),
           count(*) FILTER (WHERE status = 'keluar' AND kategori = 'meninggal'),
           count(*) FILTER (WHERE status = 'keluar' AND kategori = 'pindah'),
           count(*) FILTER (WHERE status = 'keluar' AND kategori = 'tidak memenuhi syarat')
    FROM p
)
SELECT * EXCLUDE (urut),
       (SELECT versi FROM v) AS versi, (SELECT versi_sebelumnya FROM u) AS versi_sebelumnya
FROM baris
WHERE (SELECT versi_sebelumnya FROM u) IS NOT NULL
ORDER BY urut, kecamatan

-- name: keluarga_per_kabupaten
-- returns: per kabupaten/kota of the region (a provinsi: each of its kab/kota; a kab/kota: its one row) for one period, keluarga on the list, extreme-poor keluarga and their members; a last row naming the region (kode_kab empty) holds its total. A list without the extreme flag (P3KE 2021, the 2022 bansos lists) gives NULL extreme-poor figures, never 0
-- unit: keluarga (keluarga, keluarga_miskin_ekstrem); jiwa (jiwa_miskin_ekstrem)
-- counts: keluarga, keluarga_miskin_ekstrem, jiwa_miskin_ekstrem
-- sums: keluarga = keluarga_miskin_ekstrem + …
-- total: last row
-- params: periode (YYYY-MM; empty = the latest period with keluarga data)
-- columns: periode = Periode [periode]; kode_kab = Kode kabupaten/kota [teks]; kabupaten_kota = Kabupaten/Kota [teks]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; jiwa_miskin_ekstrem = Jiwa dalam keluarga miskin ekstrem (jiwa) [jiwa]
WITH p AS (
    SELECT coalesce($periode, (SELECT max(periode) FROM keluarga)) AS periode
),
k AS (
    SELECT substr(kode_kel, 1, 5) AS kode_kab,
           count(*) AS keluarga,
           count(*) FILTER (WHERE miskin_ekstrem) AS keluarga_miskin_ekstrem,
           CAST(coalesce(sum(jumlah_anggota) FILTER (WHERE miskin_ekstrem), 0) AS BIGINT) AS jiwa_miskin_ekstrem
    FROM keluarga, p
    WHERE keluarga.periode = p.periode
    GROUP BY ALL
),
kab AS (SELECT DISTINCT kode_kab, kabupaten_kota FROM wilayah),
-- the period's list flags extreme poverty (else every extreme-poor figure is NULL)
t AS (
    SELECT coalesce(any_value(ada_tanda_ekstrem), false) AS ada
    FROM keluarga_periode WHERE periode = (SELECT periode FROM p)
)
SELECT (SELECT periode FROM p) AS periode, kab.kode_kab, kab.kabupaten_kota,
       coalesce(k.keluarga, 0) AS keluarga,
       CASE WHEN (SELECT ada FROM t) THEN coalesce(k.keluarga_miskin_ekstrem, 0) END
           AS keluarga_miskin_ekstrem,
       CASE WHEN (SELECT ada FROM t) THEN coalesce(k.jiwa_miskin_ekstrem, 0) END
           AS jiwa_miskin_ekstrem
FROM kab LEFT JOIN k USING (kode_kab)
UNION ALL
SELECT (SELECT periode FROM p), NULL, nama_wilayah(),
       CAST(coalesce(sum(keluarga), 0) AS BIGINT),
       CASE WHEN (SELECT ada FROM t) THEN CAST(coalesce(sum(keluarga_miskin_ekstrem), 0) AS BIGINT) END,
       CASE WHEN (SELECT ada FROM t) THEN CAST(coalesce(sum(jiwa_miskin_ekstrem), 0) AS BIGINT) END
FROM k
ORDER BY kode_kab NULLS LAST

-- name: keluarga_per_kelurahan
-- returns: per period and kelurahan, keluarga on the period's list and those flagged extreme-poor, with their members; every kelurahan appears, with 0 where it has no family; in a period whose list has no extreme flag (P3KE 2021, the 2022 bansos lists) the extreme-poor figures are NULL, never 0
-- unit: keluarga (keluarga, keluarga_miskin_ekstrem); jiwa (jiwa_miskin_ekstrem)
-- counts: keluarga, keluarga_miskin_ekstrem, jiwa_miskin_ekstrem
-- total: implied
-- groups: periode, kode_kec
-- sums: keluarga = keluarga_miskin_ekstrem + …
-- params: periode (YYYY-MM; empty = every period), kode_kec (a kecamatan, 35.75.0X, or a kab/kota code in a province, 35.23: all its kecamatan; empty = the whole region)
-- columns: periode = Periode [periode]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; jiwa_miskin_ekstrem = Jiwa dalam keluarga miskin ekstrem (jiwa) [jiwa]
WITH periods AS (
    SELECT periode, ada_tanda_ekstrem AS ada FROM keluarga_periode
    WHERE $periode IS NULL OR periode = $periode
),
counts AS (
    SELECT periode, kode_kel,
           count(*) AS keluarga,
           count(*) FILTER (WHERE miskin_ekstrem) AS keluarga_miskin_ekstrem,
           CAST(coalesce(sum(jumlah_anggota) FILTER (WHERE miskin_ekstrem), 0) AS BIGINT) AS jiwa_miskin_ekstrem
    FROM keluarga
    WHERE ($periode IS NULL OR periode = $periode)
    GROUP BY ALL
)
SELECT p.periode, w.kode_kec, w.kecamatan, w.kode_kel, w.kelurahan,
       coalesce(c.keluarga, 0) AS keluarga,
       CASE WHEN p.ada THEN coalesce(c.keluarga_miskin_ekstrem, 0) END AS keluarga_miskin_ekstrem,
       CASE WHEN p.ada THEN coalesce(c.jiwa_miskin_ekstrem, 0) END AS jiwa_miskin_ekstrem
FROM periods p
CROSS JOIN wilayah w
LEFT JOIN counts c ON c.periode = p.periode AND c.kode_kel = w.kode_kel
WHERE $kode_kec IS NULL OR w.kode_kec = $kode_kec OR starts_with(w.kode_kec, $kode_kec || '.')
ORDER BY p.periode, w.kode_kel

-- name: tren_miskin_ekstrem_tabel
-- returns: the deck's trend table in long form (tren_miskin_ekstrem per unit with the region's row): per flagged period up to periode (only flagged periods, as tren_miskin_ekstrem), from the first whose region count is above 0, one row per unit (tingkat 'kecamatan'; in a province 'kabupaten_kota', its kecamatan summed) that has keluarga on a flagged list up to periode, by code, 0 in a period where it has none; then the region's row (tingkat 'wilayah', wilayah = nama_wilayah(), kode_wilayah NULL): extreme-poor keluarga. A period's unit rows add up to its region row, a total a reader sees (ringkasan_kpi too)
-- unit: keluarga
-- counts: keluarga_miskin_ekstrem
-- total: implied
-- groups: periode
-- params: periode (YYYY-MM: the periods up to it; empty = all)
-- columns: periode = Periode [periode]; tingkat = Tingkat [teks]; kode_wilayah = Kode Kemendagri [teks]; wilayah = Wilayah [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]
WITH t AS (
    SELECT k.periode,
           CASE WHEN adalah_provinsi() THEN w.kode_kab ELSE w.kode_kec END AS kode_wilayah,
           CASE WHEN adalah_provinsi() THEN w.kabupaten_kota ELSE w.kecamatan END AS wilayah,
           CAST(sum(k.keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas k
    JOIN (SELECT DISTINCT kode_kab, kabupaten_kota, kode_kec, kecamatan FROM wilayah) w
        ON w.kode_kec = k.kode_kec
    WHERE k.periode IN (SELECT periode FROM periode_banding WHERE berstatus_ekstrem)
      AND ($periode IS NULL OR k.periode <= $periode)
    GROUP BY ALL
),
grid AS (
    SELECT p.periode, u.kode_wilayah, u.wilayah,
           coalesce(t.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem
    FROM (SELECT DISTINCT periode FROM t) p
    CROSS JOIN (SELECT DISTINCT kode_wilayah, wilayah FROM t) u
    LEFT JOIN t USING (periode, kode_wilayah)
),
total AS (
    SELECT periode, CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM grid GROUP BY periode
)
SELECT periode, tingkat, kode_wilayah, wilayah, keluarga_miskin_ekstrem
FROM (
    SELECT periode, CASE WHEN adalah_provinsi() THEN 'kabupaten_kota' ELSE 'kecamatan' END
               AS tingkat, kode_wilayah, wilayah, keluarga_miskin_ekstrem, 0 AS urutan
    FROM grid
    UNION ALL
    SELECT periode, 'wilayah', NULL, nama_wilayah(), keluarga_miskin_ekstrem, 1 FROM total
)
WHERE periode >= (SELECT min(periode) FROM total WHERE keluarga_miskin_ekstrem > 0)
ORDER BY periode, urutan, kode_wilayah

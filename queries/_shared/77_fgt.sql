-- fgt_p(p, kec): the fgt query's rows (queries/fgt.sql: per unit one level below the area, then
-- the area) with their order keys (urut_kota, urut_kode), written once so that fgt and
-- fgt_rentang (the range per unit that Beban's title gives) read the same figures.
CREATE OR REPLACE MACRO fgt_p(p, kec) AS TABLE
WITH b AS (
    SELECT CASE WHEN kec IS NULL AND adalah_provinsi() THEN left(kode_kec, 5)
                ELSE kode_kec END AS kode_kec,
           jumlah_anggota AS w,
           pengeluaran_per_kapita < garis_ekstrem AS miskin,
           CASE WHEN pengeluaran_per_kapita < garis_ekstrem
                THEN (garis_ekstrem - pengeluaran_per_kapita) / garis_ekstrem ELSE 0 END AS kurang
    FROM beban_keluarga(p)
    WHERE pengeluaran_per_kapita IS NOT NULL AND garis_ekstrem IS NOT NULL
      AND (kec IS NULL OR starts_with(kode_kec, kec || '.'))
),
f AS (
    SELECT kode_kec, grouping(kode_kec) AS kota,
           100 * sum(w) FILTER (WHERE miskin) / sum(w) AS p0,
           100 * sum(w * kurang) / sum(w) AS p1,
           100 * sum(w * kurang * kurang) / sum(w) AS p2
    FROM b
    GROUP BY GROUPING SETS ((kode_kec), ())
    HAVING count(*) > 0
)
SELECT CASE WHEN f.kota = 0 THEN f.kode_kec END AS kode_kec,
       CASE WHEN f.kota = 0 THEN w.nama
            ELSE coalesce((SELECT DISTINCT kabupaten_kota FROM wilayah WHERE kode_kab = kec),
                          nama_wilayah()) END AS kecamatan,
       round(coalesce(f.p0, 0), 4) AS p0, round(f.p1, 4) AS p1, round(f.p2, 4) AS p2,
       f.kota AS urut_kota, f.kode_kec AS urut_kode
FROM f
LEFT JOIN (SELECT DISTINCT kode_kec AS kode, kecamatan AS nama FROM wilayah
           UNION ALL
           SELECT DISTINCT kode_kab, kabupaten_kota FROM wilayah WHERE adalah_provinsi()) w
    ON f.kota = 0 AND w.kode = f.kode_kec;

-- name: fgt
-- returns: per unit with data one level below the area (kecamatan for a kab/kota region and for a province's kab/kota given as kode_kec; kab/kota for a province as a whole, its code and name then in kode_kec and kecamatan), then the area (kode_kec empty, the region's or the kab/kota's name), the Foster–Greer–Thorbecke indices of the persons in the period's listed families, on per-capita spending (pengeluaran_bulanan / jumlah_anggota) against the extreme line of the period's year (see _shared/15_beban.sql); each family counts for its jumlah_anggota persons; families with no spending figure are left out (counted in fgt_kelurahan and beban_ringkasan)
-- unit: p0 = percent of persons below the line; p1, p2 = BPS indices (×100): p1 = 100·Σ w·(z−y)/z·[y<z] / Σ w, p2 = 100·Σ w·((z−y)/z)²·[y<z] / Σ w
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec (a province's kab/kota, 35.23; empty = the whole region)
-- columns: kode_kec = Kode wilayah [teks]; kecamatan = Wilayah [teks]; p0 = P0 (% jiwa di bawah garis) [desimal]; p1 = P1 (indeks kedalaman) [indeks]; p2 = P2 (indeks keparahan) [indeks]
WITH b AS (
    SELECT CASE WHEN $kode_kec IS NULL AND adalah_provinsi() THEN left(kode_kec, 5)
                ELSE kode_kec END AS kode_kec,
           jumlah_anggota AS w,
           pengeluaran_per_kapita < garis_ekstrem AS miskin,
           CASE WHEN pengeluaran_per_kapita < garis_ekstrem
                THEN (garis_ekstrem - pengeluaran_per_kapita) / garis_ekstrem ELSE 0 END AS kurang
    FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE pengeluaran_per_kapita IS NOT NULL AND garis_ekstrem IS NOT NULL
      AND ($kode_kec IS NULL OR starts_with(kode_kec, $kode_kec || '.'))
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
            ELSE coalesce((SELECT DISTINCT kabupaten_kota FROM wilayah WHERE kode_kab = $kode_kec),
                          nama_wilayah()) END AS kecamatan,
       round(coalesce(f.p0, 0), 4) AS p0, round(f.p1, 4) AS p1, round(f.p2, 4) AS p2
FROM f
LEFT JOIN (SELECT DISTINCT kode_kec AS kode, kecamatan AS nama FROM wilayah
           UNION ALL
           SELECT DISTINCT kode_kab, kabupaten_kota FROM wilayah WHERE adalah_provinsi()) w
    ON f.kota = 0 AND w.kode = f.kode_kec
ORDER BY f.kota, f.kode_kec

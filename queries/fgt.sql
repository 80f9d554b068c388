-- name: fgt
-- returns: per unit with data one level below the area (kecamatan for a kab/kota region and for a province's kab/kota given as kode_kec; kab/kota for a province as a whole, its code and name then in kode_kec and kecamatan), then the area (kode_kec empty, the region's or the kab/kota's name), the Foster–Greer–Thorbecke indices of the persons in the period's listed families, on per-capita spending (pengeluaran_bulanan / jumlah_anggota) against the extreme line of the period's year (see _shared/15_beban.sql); each family counts for its jumlah_anggota persons; families with no spending figure are left out (counted in fgt_kelurahan and beban_ringkasan)
-- unit: p0 = percent of persons below the line; p1, p2 = BPS indices (×100): p1 = 100·Σ w·(z−y)/z·[y<z] / Σ w, p2 = 100·Σ w·((z−y)/z)²·[y<z] / Σ w
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec (a province's kab/kota, 35.23; empty = the whole region)
-- columns: kode_kec = Kode wilayah [teks]; kecamatan = Wilayah [teks]; p0 = P0 (% jiwa di bawah garis) [desimal]; p1 = P1 (indeks kedalaman) [indeks]; p2 = P2 (indeks keparahan) [indeks]
-- the rows: fgt_p (_shared/77_fgt.sql), which fgt_rentang reads too
SELECT kode_kec, kecamatan, p0, p1, p2
FROM fgt_p(periode_atau_terakhir($periode), $kode_kec)
ORDER BY urut_kota, urut_kode

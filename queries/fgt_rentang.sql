-- name: fgt_rentang
-- returns: one row: the lowest and the highest P0 among fgt's units one level below the area (its rows but the area's own), the range Beban's FGT title gives instead of a rank (fgt has no interval per unit, BPS re-review N5); NULL when fgt has no such row
-- unit: percent of persons below the extreme line (p0_terendah, p0_tertinggi)
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec (a province's kab/kota, 35.23; empty = the whole region)
-- columns: p0_terendah = P0 terendah per wilayah (% jiwa di bawah garis) [desimal]; p0_tertinggi = P0 tertinggi per wilayah (% jiwa di bawah garis) [desimal]
SELECT min(p0) FILTER (WHERE kode_kec IS NOT NULL) AS p0_terendah,
       max(p0) FILTER (WHERE kode_kec IS NOT NULL) AS p0_tertinggi
FROM fgt_p(periode_atau_terakhir($periode), $kode_kec)

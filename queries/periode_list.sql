-- name: periode_list
-- returns: every period that has data in any dataset, oldest first, with the datasets present and whether its keluarga list carries the extreme-poverty flag (berstatus_ekstrem, _shared/30_angka_utama.sql; false without a list)
-- unit: periode
-- params: (none)
-- columns: periode = Periode [periode]; dataset = Data [teks]; berstatus_ekstrem = Daftar menandai miskin ekstrem [teks]
SELECT d.periode, string_agg(DISTINCT d.dataset, ', ' ORDER BY d.dataset) AS dataset,
       coalesce(any_value(b.berstatus_ekstrem), false) AS berstatus_ekstrem
FROM periode_dataset d
LEFT JOIN periode_banding b USING (periode)
GROUP BY d.periode
ORDER BY d.periode

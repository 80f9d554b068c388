-- name: beban_ringkasan
-- returns: one row for the period and area: the extreme line that applies (its year and Rp), listed keluarga, extreme-poor keluarga, keluarga with no spending figure (left out of every spending measure on the page), extreme-poor keluarga without and with a spending figure, those of them whose per-capita spending is below the line (number and share) and at or above it, the other listed keluarga (not flagged extreme-poor) without and with a spending figure, below and at or above the line (every part beside its whole, so that no count 1-4 is a whole minus a part), and the median per-capita spending of the extreme-poor
-- unit: tahun (tahun_garis); Rp per jiwa per bulan (garis_ekstrem, median_pengeluaran_per_kapita_miskin_ekstrem); share 0-1 (bagian_miskin_ekstrem_di_bawah_garis); keluarga (the rest)
-- counts: keluarga, keluarga_miskin_ekstrem, keluarga_tanpa_pengeluaran, keluarga_miskin_ekstrem_tanpa_pengeluaran, keluarga_miskin_ekstrem_dengan_pengeluaran, keluarga_miskin_ekstrem_di_bawah_garis, keluarga_miskin_ekstrem_di_atas_garis, keluarga_lain, keluarga_lain_tanpa_pengeluaran, keluarga_lain_dengan_pengeluaran, keluarga_lain_di_bawah_garis, keluarga_lain_di_atas_garis
-- sums: keluarga_miskin_ekstrem = keluarga_miskin_ekstrem_tanpa_pengeluaran + keluarga_miskin_ekstrem_dengan_pengeluaran; keluarga_miskin_ekstrem_dengan_pengeluaran = keluarga_miskin_ekstrem_di_bawah_garis + keluarga_miskin_ekstrem_di_atas_garis; keluarga = keluarga_miskin_ekstrem + keluarga_lain; keluarga_tanpa_pengeluaran = keluarga_miskin_ekstrem_tanpa_pengeluaran + keluarga_lain_tanpa_pengeluaran; keluarga_lain = keluarga_lain_tanpa_pengeluaran + keluarga_lain_dengan_pengeluaran; keluarga_lain_dengan_pengeluaran = keluarga_lain_di_bawah_garis + keluarga_lain_di_atas_garis
-- shares: bagian_miskin_ekstrem_di_bawah_garis <- keluarga_miskin_ekstrem_dengan_pengeluaran
-- derived: median_pengeluaran_per_kapita_miskin_ekstrem <- keluarga_miskin_ekstrem_dengan_pengeluaran; bagian_miskin_ekstrem_di_bawah_garis <- keluarga_miskin_ekstrem_di_bawah_garis, keluarga_miskin_ekstrem_dengan_pengeluaran
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH g AS (SELECT * FROM garis_periode(periode_atau_terakhir($periode))),
b AS (
    SELECT * FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE di_wilayah(kode_kel, $kode_kec, $kode_kel)
)
SELECT periode_atau_terakhir($periode) AS periode,
       (SELECT tahun_garis FROM g) AS tahun_garis,
       (SELECT garis_ekstrem FROM g) AS garis_ekstrem,
       count(*) AS keluarga,
       count(*) FILTER (WHERE miskin_ekstrem) AS keluarga_miskin_ekstrem,
       count(*) FILTER (WHERE pengeluaran_per_kapita IS NULL) AS keluarga_tanpa_pengeluaran,
       count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita IS NULL)
           AS keluarga_miskin_ekstrem_tanpa_pengeluaran,
       count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita IS NOT NULL)
           AS keluarga_miskin_ekstrem_dengan_pengeluaran,
       count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita < garis_ekstrem)
           AS keluarga_miskin_ekstrem_di_bawah_garis,
       -- the complement, so that a guest cannot subtract it out when it is 1-4 (sums above)
       count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita >= garis_ekstrem)
           AS keluarga_miskin_ekstrem_di_atas_garis,
       count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita < garis_ekstrem)
           / nullif(count(*) FILTER (WHERE miskin_ekstrem AND pengeluaran_per_kapita IS NOT NULL), 0)
           AS bagian_miskin_ekstrem_di_bawah_garis,
       count(*) FILTER (WHERE miskin_ekstrem IS NOT TRUE) AS keluarga_lain,
       count(*) FILTER (WHERE miskin_ekstrem IS NOT TRUE AND pengeluaran_per_kapita IS NULL)
           AS keluarga_lain_tanpa_pengeluaran,
       count(*) FILTER (WHERE miskin_ekstrem IS NOT TRUE AND pengeluaran_per_kapita IS NOT NULL)
           AS keluarga_lain_dengan_pengeluaran,
       count(*) FILTER (WHERE NOT miskin_ekstrem AND pengeluaran_per_kapita < garis_ekstrem)
           AS keluarga_lain_di_bawah_garis,
       count(*) FILTER (WHERE miskin_ekstrem IS NOT TRUE AND pengeluaran_per_kapita >= garis_ekstrem)
           AS keluarga_lain_di_atas_garis,
       quantile_cont(pengeluaran_per_kapita, 0.5) FILTER (WHERE miskin_ekstrem)
           AS median_pengeluaran_per_kapita_miskin_ekstrem
FROM b

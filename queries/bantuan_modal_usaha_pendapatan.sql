-- name: bantuan_modal_usaha_pendapatan
-- returns: TIDAK UNTUK DILAPORKAN: a before/after change with no comparison group; no page, slide or report shows it, and the effect of modal usaha is bantuan_modal_usaha_efek. Kept for checking only. income before and after modal usaha, per year of a family's first 'tersalur' Modal Usaha disbursement (up to the period's end) and a last row 'Semua': recipients, and those with a pair of monitoring visits (with pendapatan_bulanan) = the last visit before the first disbursement and the latest visit after it, up to the period's end; over the pairs, the median monthly income before, after, the median of each family's change, and the share whose income rose. A family's area is its kelurahan in the latest list that has it.
-- unit: keluarga (keluarga_penerima, keluarga_berpasangan); Rp per keluarga per bulan (median_sebelum, median_sesudah, median_perubahan; NULL without pairs); share 0-1 (porsi_naik)
-- counts: keluarga_penerima, keluarga_berpasangan
-- total: last row
-- shares: porsi_naik <- keluarga_berpasangan
-- derived: median_sebelum, median_sesudah, median_perubahan, porsi_naik <- keluarga_berpasangan
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: tahun_terima = Tahun menerima [teks]; keluarga_penerima = Penerima (keluarga) [keluarga]; keluarga_berpasangan = Dengan kunjungan sebelum dan sesudah (keluarga) [keluarga]; median_sebelum = Median sebelum (Rp per keluarga per bulan) [rp]; median_sesudah = Median sesudah (Rp per keluarga per bulan) [rp]; median_perubahan = Median perubahan (Rp per keluarga per bulan) [rp]; porsi_naik = Pendapatan naik (% berpasangan) [persen]
WITH modal AS (
    SELECT no_kk, tanggal_terima
    FROM modal_usaha_kk
    WHERE tanggal_terima <= periode_akhir(periode_atau_terakhir($periode))
      AND di_wilayah_kk(no_kk, $kode_kec, $kode_kel)
),
kunjungan AS (
    SELECT no_kk, tanggal, pendapatan_bulanan FROM pemantauan
    WHERE pendapatan_bulanan IS NOT NULL AND tanggal <= periode_akhir(periode_atau_terakhir($periode))
),
pasangan AS (
    SELECT m.no_kk, year(m.tanggal_terima) AS tahun,
           arg_max(v.pendapatan_bulanan, v.tanggal) FILTER (WHERE v.tanggal < m.tanggal_terima)
               AS sebelum,
           arg_max(v.pendapatan_bulanan, v.tanggal) FILTER (WHERE v.tanggal > m.tanggal_terima)
               AS sesudah
    FROM modal m LEFT JOIN kunjungan v USING (no_kk)
    GROUP BY ALL
),
ringkas AS (
    SELECT tahun,
           count(*) AS keluarga_penerima,
           count(*) FILTER (WHERE sebelum IS NOT NULL AND sesudah IS NOT NULL) AS keluarga_berpasangan,
           median(sebelum) FILTER (WHERE sesudah IS NOT NULL) AS median_sebelum,
           median(sesudah) FILTER (WHERE sebelum IS NOT NULL) AS median_sesudah,
           median(sesudah - sebelum) AS median_perubahan,
           avg(CASE WHEN sesudah > sebelum THEN 1.0 ELSE 0.0 END)
               FILTER (WHERE sebelum IS NOT NULL AND sesudah IS NOT NULL) AS porsi_naik
    FROM pasangan
    GROUP BY GROUPING SETS ((tahun), ())
)
SELECT coalesce(CAST(tahun AS VARCHAR), 'Semua') AS tahun_terima, * EXCLUDE (tahun)
FROM ringkas
WHERE keluarga_penerima > 0
ORDER BY tahun NULLS LAST

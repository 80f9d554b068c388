-- name: skor_strategi
-- returns: the scorecard of the three strategies: per indicator its value in the period and in the previous period, unit, the direction that means progress and whether it moved that way (membaik true/false, NULL when unchanged or no previous period); definitions in _shared/40_skor_strategi.sql
-- unit: per row (satuan): persen = share 0-1, KPM, kelompok, keluarga, kelurahan
-- counts: nilai, nilai_sebelumnya
-- counts_where: satuan in keluarga, KPM
-- params: periode (YYYY-MM; empty = latest)
WITH pair AS (
    SELECT periode, sebelumnya FROM (
        SELECT periode, lag(periode) OVER (ORDER BY periode) AS sebelumnya
        FROM keluarga_periode
    )
    WHERE periode = periode_atau_terakhir($periode)
),
a AS (SELECT * FROM skor_strategi(periode_atau_terakhir($periode))),
b AS (SELECT * FROM skor_strategi((SELECT sebelumnya FROM pair)))
SELECT a.strategi,
       CASE a.strategi WHEN 1 THEN 'Mengurangi beban pengeluaran'
                       WHEN 2 THEN 'Meningkatkan pendapatan'
                       ELSE 'Menurunkan kantong kemiskinan' END AS nama_strategi,
       a.indikator, a.satuan, a.nilai,
       CASE WHEN (SELECT sebelumnya FROM pair) IS NOT NULL THEN b.nilai END AS nilai_sebelumnya,
       a.arah_baik,
       CASE WHEN (SELECT sebelumnya FROM pair) IS NULL OR b.nilai IS NULL OR a.nilai = b.nilai THEN NULL
            WHEN a.arah_baik = 'naik' THEN a.nilai > b.nilai
            ELSE a.nilai < b.nilai END AS membaik
FROM a LEFT JOIN b USING (indikator)
WHERE (SELECT periode FROM pair) IS NOT NULL
ORDER BY a.urutan

-- name: skor_strategi
-- returns: the scorecard of the three strategies: per indicator its value in the period, the value it is compared with (nilai_sebelumnya) and that value's period (periode_pembanding), unit, the direction that means progress and whether it moved that way (membaik true/false, NULL when unchanged or nothing to compare). A period is compared with the previous flagged period (_shared/30_angka_utama.sql), a flagless period with nothing; a year-to-date indicator (sejak_awal_tahun: keluarga keluar tahun ini) with the same span a year earlier; definitions in _shared/40_skor_strategi.sql
-- unit: per row (satuan): persen = share 0-1 of basis_keluarga keluarga (its base; NULL on the other rows), KPM, kelompok, keluarga, kelurahan
-- counts: nilai, nilai_sebelumnya, basis_keluarga, basis_keluarga_sebelumnya
-- shares: nilai <- basis_keluarga; nilai_sebelumnya <- basis_keluarga_sebelumnya
-- derived: membaik <- nilai, nilai_sebelumnya
-- counts_where: satuan in keluarga, KPM
-- params: periode (YYYY-MM; empty = latest)
WITH pair AS (
    SELECT periode, pembanding
    FROM periode_banding
    WHERE periode = periode_atau_terakhir($periode)
),
a AS (SELECT * FROM skor_strategi(periode_atau_terakhir($periode))),
b AS (SELECT * FROM skor_strategi((SELECT pembanding FROM pair))),
banding AS (
    SELECT a.*, a.urutan = 6 AS sejak_awal_tahun,
           CASE WHEN a.urutan = 6 THEN periode_setahun_lalu(periode_atau_terakhir($periode))
                ELSE (SELECT pembanding FROM pair) END AS periode_pembanding,
           -- the year-to-date row against the same span a year earlier (NULL without visits)
           CASE WHEN a.urutan = 6
                THEN keluar_sejak_awal_tahun(periode_setahun_lalu(periode_atau_terakhir($periode)),
                                             NULL, NULL)
                WHEN (SELECT pembanding FROM pair) IS NOT NULL THEN b.nilai END AS nilai_sebelumnya,
           CASE WHEN a.urutan <> 6 AND (SELECT pembanding FROM pair) IS NOT NULL
                THEN b.basis_keluarga END AS basis_keluarga_sebelumnya
    FROM a LEFT JOIN b USING (indikator)
)
SELECT strategi,
       CASE strategi WHEN 1 THEN 'Mengurangi beban pengeluaran'
                     WHEN 2 THEN 'Meningkatkan pendapatan'
                     ELSE 'Menurunkan kantong kemiskinan' END AS nama_strategi,
       indikator, satuan, nilai, nilai_sebelumnya, basis_keluarga, basis_keluarga_sebelumnya,
       CASE WHEN nilai_sebelumnya IS NULL THEN NULL ELSE periode_pembanding END
           AS periode_pembanding,
       sejak_awal_tahun, arah_baik,
       CASE WHEN nilai_sebelumnya IS NULL OR nilai IS NULL OR nilai = nilai_sebelumnya THEN NULL
            WHEN arah_baik = 'naik' THEN nilai > nilai_sebelumnya
            ELSE nilai < nilai_sebelumnya END AS membaik
FROM banding
WHERE (SELECT periode FROM pair) IS NOT NULL
ORDER BY urutan

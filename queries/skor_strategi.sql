-- name: skor_strategi
-- returns: the scorecard of the three strategies: per indicator its value in the period, the value it is compared with (nilai_sebelumnya) and that value's period (periode_pembanding), unit, the direction that means progress (arah_baik; NULL for the share below the line, a check of the list: a fall would reward flagged families left on the list above the line; NULL for the count of pocket kelurahan, which measures concentration, not progress), whether the change exceeds its 95 % interval (berubah_berarti: Newcombe's interval of a difference of shares, a z-test of a mean; a count is an enumeration, any change counts) and whether it moved the good way (membaik true/false, NULL when not beyond its interval, without a direction or nothing to compare), and arah in words: membaik / memburuk / tidak berubah berarti / tetap (a count) / tanpa arah (pemeriksaan daftar) / tanpa arah (pemusatan, bukan kemajuan). A period is compared with the previous flagged period (_shared/30_angka_utama.sql), a flagless period with nothing; a year-to-date indicator (sejak_awal_tahun: keluarga keluar tahun ini, a share: the families that left since 1 January ÷ the extreme-poor keluarga at risk on 1 January, berisiko_awal_tahun, as Ringkasan's tile; its arrow from Newcombe's interval like every share) with the same span a year earlier; definitions in _shared/58_skor_strategi.sql
-- unit: per row (satuan): persen = share 0-1 of basis_keluarga keluarga (its base; NULL on the other rows), KPM, kelompok, keluarga, kelurahan (desa/kelurahan where the region has desa: the pocket row is then 'Desa/kelurahan kantong kemiskinan')
-- counts: nilai, nilai_sebelumnya, basis_keluarga, basis_keluarga_sebelumnya
-- shares: nilai <- basis_keluarga; nilai_sebelumnya <- basis_keluarga_sebelumnya
-- derived: membaik, berubah_berarti, arah <- nilai, nilai_sebelumnya
-- counts_where: satuan in keluarga, KPM
-- params: periode (YYYY-MM; empty = latest)
-- columns: strategi = Strategi [teks]; nama_strategi = Nama strategi [teks]; indikator = Indikator [teks]; satuan = Satuan [teks]; nilai = Nilai [desimal]; nilai_sebelumnya = Pembanding [desimal]; basis_keluarga = Dasar (keluarga) [keluarga]; basis_keluarga_sebelumnya = Dasar pembanding (keluarga) [keluarga]; periode_pembanding = Periode pembanding [periode]; sejak_awal_tahun = Sejak 1 Januari [teks]; arah_baik = Arah yang baik [teks]; berubah_berarti = Berubah berarti (95 %) [teks]; membaik = Membaik [teks]; arah = Arah [teks]
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
                     / nullif(berisiko_awal_tahun(
                           periode_setahun_lalu(periode_atau_terakhir($periode)), NULL, NULL), 0)
                WHEN (SELECT pembanding FROM pair) IS NOT NULL THEN b.nilai END AS nilai_sebelumnya,
           CASE WHEN a.urutan = 6
                THEN berisiko_awal_tahun(periode_setahun_lalu(periode_atau_terakhir($periode)),
                                         NULL, NULL)
                WHEN (SELECT pembanding FROM pair) IS NOT NULL
                THEN b.basis_keluarga END AS basis_keluarga_sebelumnya,
           b.galat_baku AS galat_baku_sebelumnya
    FROM a LEFT JOIN b USING (indikator)
),
-- Whether a change exceeds its 95 % interval. A share of basis_keluarga keluarga: Newcombe's
-- hybrid score interval of the difference (method 10, from both Wilson intervals:
-- d ± sqrt of the squared distances to the bounds), significant when it excludes 0. A mean
-- (the food share, galat_baku): |d| > 1,96 · sqrt(se1² + se2²). Both treat the two lists as
-- independent; the same families on both make the true interval narrower, so this errs toward
-- "tidak berubah berarti". Counts (KPM, kelompok, keluarga, kelurahan) are complete
-- enumerations with no sampling model: compared as they are.
uji AS (
    SELECT *,
           round(nilai * basis_keluarga) AS k1, round(nilai_sebelumnya * basis_keluarga_sebelumnya)
               AS k0
    FROM banding
),
selang AS (
    SELECT *,
           CASE WHEN nilai IS NULL OR nilai_sebelumnya IS NULL THEN NULL
                WHEN galat_baku IS NOT NULL AND galat_baku_sebelumnya IS NOT NULL
                THEN abs(nilai - nilai_sebelumnya)
                     > 1.959963984540054 * sqrt(galat_baku ^ 2 + galat_baku_sebelumnya ^ 2)
                WHEN satuan = 'persen' AND basis_keluarga > 0 AND basis_keluarga_sebelumnya > 0
                THEN (nilai - nilai_sebelumnya)
                         - sqrt((nilai - wilson_bawah(k1, basis_keluarga)) ^ 2
                                + (wilson_atas(k0, basis_keluarga_sebelumnya) - nilai_sebelumnya) ^ 2)
                         > 0
                     OR (nilai - nilai_sebelumnya)
                         + sqrt((wilson_atas(k1, basis_keluarga) - nilai) ^ 2
                                + (nilai_sebelumnya - wilson_bawah(k0, basis_keluarga_sebelumnya)) ^ 2)
                         < 0
                WHEN satuan = 'persen' THEN NULL
                ELSE nilai <> nilai_sebelumnya END AS berubah_berarti
    FROM uji
)
SELECT strategi,
       CASE strategi WHEN 1 THEN 'Mengurangi beban pengeluaran'
                     WHEN 2 THEN 'Meningkatkan pendapatan'
                     ELSE 'Menurunkan kantong kemiskinan' END AS nama_strategi,
       -- the pocket count in the region's word (kata_desa(): 'desa/kelurahan' where it has desa)
       CASE WHEN satuan = 'kelurahan'
            THEN upper(kata_desa()[1]) || kata_desa()[2:] || ' kantong kemiskinan'
            ELSE indikator END AS indikator,
       CASE WHEN satuan = 'kelurahan' THEN kata_desa() ELSE satuan END AS satuan,
       nilai, nilai_sebelumnya, basis_keluarga, basis_keluarga_sebelumnya,
       CASE WHEN nilai_sebelumnya IS NULL THEN NULL ELSE periode_pembanding END
           AS periode_pembanding,
       sejak_awal_tahun, arah_baik, berubah_berarti,
       CASE WHEN nilai_sebelumnya IS NULL OR nilai IS NULL OR nilai = nilai_sebelumnya
                 OR arah_baik IS NULL OR NOT coalesce(berubah_berarti, false) THEN NULL
            WHEN arah_baik = 'naik' THEN nilai > nilai_sebelumnya
            ELSE nilai < nilai_sebelumnya END AS membaik,
       CASE WHEN nilai_sebelumnya IS NULL OR nilai IS NULL THEN NULL
            WHEN arah_baik IS NULL AND satuan = 'kelurahan'
                THEN 'tanpa arah (pemusatan, bukan kemajuan)'
            WHEN arah_baik IS NULL THEN 'tanpa arah (pemeriksaan daftar)'
            WHEN satuan <> 'persen' AND nilai = nilai_sebelumnya THEN 'tetap'
            WHEN NOT coalesce(berubah_berarti, false) THEN 'tidak berubah berarti'
            WHEN (arah_baik = 'naik') = (nilai > nilai_sebelumnya) THEN 'membaik'
            ELSE 'memburuk' END AS arah
FROM selang
WHERE (SELECT periode FROM pair) IS NOT NULL
ORDER BY urutan

-- name: beban_ringkasan
-- returns: one row for the period and area: the extreme line that applies (its year and Rp), listed keluarga, extreme-poor keluarga, keluarga with no spending figure (left out of every spending measure on the page), extreme-poor keluarga without and with a spending figure, those of them whose per-capita spending is below the line (number and share) and at or above it, the other listed keluarga (not flagged extreme-poor) without and with a spending figure, below and at or above the line (every part beside its whole, so that no count 1-4 is a whole minus a part), and the median per-capita spending of the extreme-poor; keluarga_di_bawah_garis (appended last): every listed keluarga below the line, the extreme-poor plus the others, the same whole as beban_rekonsiliasi.keluarga_di_bawah_garis, stated here with its parts so that the privacy policy protects the parts the same way in both queries (a guest could otherwise subtract this query's exact keluarga_lain_di_bawah_garis from beban_rekonsiliasi's total and recover a hidden count 1-4 of flagged families above the line). The share below the line carries its 95 % Wilson interval over families (the family is the unit: one spending figure per family) and dasar_kecil (fewer than 30 extreme-poor keluarga with a figure: "hati-hati: dasar kecil"). A list without the extreme flag (berstatus_ekstrem false: P3KE 2021, the 2022 bansos lists) has every extreme-poor figure NULL, never 0; its families are all keluarga_lain (none is flagged). What the line is (keterangan_garis, dasar_garis, status_nilai, garis_dibawa, sumber_garis: _shared/15_beban.sql) and what the list is against the previous one (sumber_daftar, jiwa, periode_sebelumnya, sumber_daftar_sebelumnya, daftar_berubah, garis_berganti_dasar, dasar_garis_sebelumnya, pembanding_garis: daftar_banding, _shared/45_daftar.sql)
-- unit: tahun (tahun_garis); text (keterangan_garis, dasar_garis, status_nilai, sumber_garis, sumber_daftar, sumber_daftar_sebelumnya, dasar_garis_sebelumnya); periode (periode_sebelumnya, pembanding_garis); true/false (garis_dibawa, berstatus_ekstrem, daftar_berubah, garis_berganti_dasar, dasar_kecil); jiwa (jiwa); Rp per jiwa per bulan (garis_ekstrem, median_pengeluaran_per_kapita_miskin_ekstrem); share 0-1 (bagian_miskin_ekstrem_di_bawah_garis, bagian_miskin_ekstrem_di_bawah_garis_bawah, bagian_miskin_ekstrem_di_bawah_garis_atas); keluarga (the rest)
-- counts: keluarga, jiwa, keluarga_miskin_ekstrem, keluarga_tanpa_pengeluaran, keluarga_miskin_ekstrem_tanpa_pengeluaran, keluarga_miskin_ekstrem_dengan_pengeluaran, keluarga_miskin_ekstrem_di_bawah_garis, keluarga_miskin_ekstrem_di_atas_garis, keluarga_lain, keluarga_lain_tanpa_pengeluaran, keluarga_lain_dengan_pengeluaran, keluarga_lain_di_bawah_garis, keluarga_lain_di_atas_garis, keluarga_di_bawah_garis
-- sums: keluarga_miskin_ekstrem = keluarga_miskin_ekstrem_tanpa_pengeluaran + keluarga_miskin_ekstrem_dengan_pengeluaran; keluarga_miskin_ekstrem_dengan_pengeluaran = keluarga_miskin_ekstrem_di_bawah_garis + keluarga_miskin_ekstrem_di_atas_garis; keluarga = keluarga_miskin_ekstrem + keluarga_lain; keluarga_tanpa_pengeluaran = keluarga_miskin_ekstrem_tanpa_pengeluaran + keluarga_lain_tanpa_pengeluaran; keluarga_lain = keluarga_lain_tanpa_pengeluaran + keluarga_lain_dengan_pengeluaran; keluarga_lain_dengan_pengeluaran = keluarga_lain_di_bawah_garis + keluarga_lain_di_atas_garis; keluarga_di_bawah_garis = keluarga_miskin_ekstrem_di_bawah_garis + keluarga_lain_di_bawah_garis
-- shares: bagian_miskin_ekstrem_di_bawah_garis <- keluarga_miskin_ekstrem_dengan_pengeluaran
-- derived: median_pengeluaran_per_kapita_miskin_ekstrem <- keluarga_miskin_ekstrem_dengan_pengeluaran; bagian_miskin_ekstrem_di_bawah_garis <- keluarga_miskin_ekstrem_di_bawah_garis, keluarga_miskin_ekstrem_dengan_pengeluaran; bagian_miskin_ekstrem_di_bawah_garis_bawah, bagian_miskin_ekstrem_di_bawah_garis_atas <- bagian_miskin_ekstrem_di_bawah_garis
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; tahun_garis = Tahun garis [teks]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; keluarga_tanpa_pengeluaran = Tanpa angka pengeluaran (keluarga) [keluarga]; keluarga_miskin_ekstrem_tanpa_pengeluaran = Miskin ekstrem tanpa angka pengeluaran (keluarga) [keluarga]; keluarga_miskin_ekstrem_dengan_pengeluaran = Miskin ekstrem dengan angka pengeluaran (keluarga) [keluarga]; keluarga_miskin_ekstrem_di_bawah_garis = Miskin ekstrem di bawah garis (keluarga) [keluarga]; keluarga_miskin_ekstrem_di_atas_garis = Miskin ekstrem di atas garis (keluarga) [keluarga]; bagian_miskin_ekstrem_di_bawah_garis = Miskin ekstrem di bawah garis (%) [persen]; keluarga_lain = Keluarga lain (keluarga) [keluarga]; keluarga_lain_tanpa_pengeluaran = Keluarga lain tanpa angka pengeluaran (keluarga) [keluarga]; keluarga_lain_dengan_pengeluaran = Keluarga lain dengan angka pengeluaran (keluarga) [keluarga]; keluarga_lain_di_bawah_garis = Keluarga lain di bawah garis (keluarga) [keluarga]; keluarga_lain_di_atas_garis = Keluarga lain di atas garis (keluarga) [keluarga]; median_pengeluaran_per_kapita_miskin_ekstrem = Median pengeluaran per kapita miskin ekstrem (Rp per jiwa per bulan) [rp]; bagian_miskin_ekstrem_di_bawah_garis_bawah = Di bawah garis: batas bawah 95 % (%) [persen]; bagian_miskin_ekstrem_di_bawah_garis_atas = Di bawah garis: batas atas 95 % (%) [persen]; dasar_kecil = Dasar kecil (< 30 keluarga) [teks]; jiwa = Jiwa dalam daftar (jiwa) [jiwa]; berstatus_ekstrem = Daftar menandai miskin ekstrem [teks]; sumber_daftar = Sumber daftar [teks]; keterangan_garis = Keterangan garis [teks]; dasar_garis = Dasar garis [teks]; status_nilai = Status nilai garis [teks]; garis_dibawa = Garis dibawa dari tahun lain [teks]; sumber_garis = Sumber garis [teks]; periode_sebelumnya = Periode sebelumnya [periode]; sumber_daftar_sebelumnya = Sumber daftar sebelumnya [teks]; daftar_berubah = Sumber daftar berubah [teks]; dasar_garis_sebelumnya = Dasar garis sebelumnya [teks]; garis_berganti_dasar = Garis berganti dasar [teks]; pembanding_garis = Periode pembanding garis [periode]; keluarga_di_bawah_garis = Di bawah garis (keluarga) [keluarga]
WITH g AS (SELECT * FROM garis_periode(periode_atau_terakhir($periode))),
d AS (SELECT * FROM daftar_banding WHERE periode = periode_atau_terakhir($periode)),
b AS (
    SELECT * FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
n AS (
    SELECT count(*) AS keluarga,
           CAST(coalesce(sum(jumlah_anggota), 0) AS BIGINT) AS jiwa,
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
),
-- t.ada: the period's list flags extreme poverty; without the flag every extreme-poor figure is
-- NULL (a list, not "0 keluarga miskin ekstrem")
t AS (SELECT coalesce(any_value(berstatus_ekstrem), false) AS ada FROM d)
SELECT periode_atau_terakhir($periode) AS periode,
       g.tahun_garis AS tahun_garis,
       g.garis_ekstrem AS garis_ekstrem,
       n.keluarga,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem END AS keluarga_miskin_ekstrem,
       n.keluarga_tanpa_pengeluaran,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_tanpa_pengeluaran END
           AS keluarga_miskin_ekstrem_tanpa_pengeluaran,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_dengan_pengeluaran END
           AS keluarga_miskin_ekstrem_dengan_pengeluaran,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_di_bawah_garis END
           AS keluarga_miskin_ekstrem_di_bawah_garis,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_di_atas_garis END
           AS keluarga_miskin_ekstrem_di_atas_garis,
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_di_bawah_garis
           / nullif(n.keluarga_miskin_ekstrem_dengan_pengeluaran, 0) END
           AS bagian_miskin_ekstrem_di_bawah_garis,
       n.keluarga_lain, n.keluarga_lain_tanpa_pengeluaran, n.keluarga_lain_dengan_pengeluaran,
       n.keluarga_lain_di_bawah_garis, n.keluarga_lain_di_atas_garis,
       CASE WHEN t.ada THEN n.median_pengeluaran_per_kapita_miskin_ekstrem END
           AS median_pengeluaran_per_kapita_miskin_ekstrem,
       -- appended after the columns the deck and pages already read
       CASE WHEN t.ada THEN wilson_bawah(n.keluarga_miskin_ekstrem_di_bawah_garis,
                                         n.keluarga_miskin_ekstrem_dengan_pengeluaran) END
           AS bagian_miskin_ekstrem_di_bawah_garis_bawah,
       CASE WHEN t.ada THEN wilson_atas(n.keluarga_miskin_ekstrem_di_bawah_garis,
                                        n.keluarga_miskin_ekstrem_dengan_pengeluaran) END
           AS bagian_miskin_ekstrem_di_bawah_garis_atas,
       CASE WHEN t.ada THEN dasar_kecil(n.keluarga_miskin_ekstrem_dengan_pengeluaran) END
           AS dasar_kecil,
       n.jiwa,
       t.ada AS berstatus_ekstrem,
       d.sumber_daftar AS sumber_daftar,
       g.keterangan_garis AS keterangan_garis,
       g.dasar_garis AS dasar_garis,
       g.status_nilai AS status_nilai,
       g.garis_dibawa AS garis_dibawa,
       g.sumber_garis AS sumber_garis,
       d.periode_sebelumnya AS periode_sebelumnya,
       d.sumber_daftar_sebelumnya AS sumber_daftar_sebelumnya,
       d.daftar_berubah AS daftar_berubah,
       d.dasar_garis_sebelumnya AS dasar_garis_sebelumnya,
       d.garis_berganti_dasar AS garis_berganti_dasar,
       d.pembanding_garis AS pembanding_garis,
       -- the whole below the line (beban_rekonsiliasi's), beside its two parts (sums above)
       CASE WHEN t.ada THEN n.keluarga_miskin_ekstrem_di_bawah_garis + n.keluarga_lain_di_bawah_garis
            ELSE n.keluarga_lain_di_bawah_garis END AS keluarga_di_bawah_garis
FROM n CROSS JOIN t LEFT JOIN g ON true LEFT JOIN d ON true

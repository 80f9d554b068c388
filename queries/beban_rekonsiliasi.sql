-- name: beban_rekonsiliasi
-- returns: one row for the period and area reconciling the two counts of "extreme poor": the flagged list (miskin_ekstrem on the period's list, the city's SK list) and the listed families whose per-capita spending (pengeluaran_bulanan / jumlah_anggota) is below the extreme line of the period's year (beban_keluarga); each family is in one part (rekonsiliasi_bagian, _shared/15_beban.sql, also the filter of daftar_sasaran). Parts: flagged and below the line; flagged but at or above it (candidates to graduate); flagged without a spending figure; below the line but not flagged (candidates for usulan / verval). Each in keluarga and jiwa (jumlah_anggota). A list without the extreme-poverty flag (P3KE 2021, the 2022 bansos lists; ada_tanda_ekstrem false) has only the below-the-line count: the flagged parts are empty, not 0. No row when the period has no keluarga list.
-- unit: keluarga (keluarga_*); jiwa (jiwa_*); tahun (tahun_garis); Rp per jiwa per bulan (garis_ekstrem)
-- counts: keluarga_ditandai, keluarga_di_bawah_garis, keluarga_ditandai_di_bawah, keluarga_ditandai_di_atas, keluarga_ditandai_tanpa_pengeluaran, keluarga_di_bawah_tidak_ditandai, jiwa_ditandai, jiwa_di_bawah_garis, jiwa_ditandai_di_bawah, jiwa_ditandai_di_atas, jiwa_ditandai_tanpa_pengeluaran, jiwa_di_bawah_tidak_ditandai
-- sums: keluarga_ditandai = keluarga_ditandai_di_bawah + keluarga_ditandai_di_atas + keluarga_ditandai_tanpa_pengeluaran; keluarga_di_bawah_garis = keluarga_ditandai_di_bawah + keluarga_di_bawah_tidak_ditandai; jiwa_ditandai = jiwa_ditandai_di_bawah + jiwa_ditandai_di_atas + jiwa_ditandai_tanpa_pengeluaran; jiwa_di_bawah_garis = jiwa_ditandai_di_bawah + jiwa_di_bawah_tidak_ditandai
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; tahun_garis = Tahun garis [teks]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; ada_tanda_ekstrem = Daftar menandai miskin ekstrem [teks]; keluarga_ditandai = Ditandai miskin ekstrem (keluarga) [keluarga]; keluarga_di_bawah_garis = Di bawah garis ekstrem (keluarga) [keluarga]; keluarga_ditandai_di_bawah = Ditandai, di bawah garis (keluarga) [keluarga]; keluarga_ditandai_di_atas = Ditandai, di atas garis (keluarga) [keluarga]; keluarga_ditandai_tanpa_pengeluaran = Ditandai, tanpa angka pengeluaran (keluarga) [keluarga]; keluarga_di_bawah_tidak_ditandai = Di bawah garis, belum ditandai (keluarga) [keluarga]; jiwa_ditandai = Ditandai miskin ekstrem (jiwa) [jiwa]; jiwa_di_bawah_garis = Di bawah garis ekstrem (jiwa) [jiwa]; jiwa_ditandai_di_bawah = Ditandai, di bawah garis (jiwa) [jiwa]; jiwa_ditandai_di_atas = Ditandai, di atas garis (jiwa) [jiwa]; jiwa_ditandai_tanpa_pengeluaran = Ditandai, tanpa angka pengeluaran (jiwa) [jiwa]; jiwa_di_bawah_tidak_ditandai = Di bawah garis, belum ditandai (jiwa) [jiwa]
WITH b AS (
    SELECT miskin_ekstrem AS ditandai, jumlah_anggota AS jiwa,
           rekonsiliasi_bagian(miskin_ekstrem, pengeluaran_per_kapita, garis_ekstrem) AS bagian
    FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
n AS (
    SELECT count(*) FILTER (WHERE ditandai) AS keluarga_ditandai,
           count(*) FILTER (WHERE bagian IN ('ditandai_di_bawah', 'di_bawah_tidak_ditandai'))
               AS keluarga_di_bawah_garis,
           count(*) FILTER (WHERE bagian = 'ditandai_di_bawah') AS keluarga_ditandai_di_bawah,
           count(*) FILTER (WHERE bagian = 'ditandai_di_atas') AS keluarga_ditandai_di_atas,
           count(*) FILTER (WHERE bagian = 'ditandai_tanpa_pengeluaran')
               AS keluarga_ditandai_tanpa_pengeluaran,
           count(*) FILTER (WHERE bagian = 'di_bawah_tidak_ditandai')
               AS keluarga_di_bawah_tidak_ditandai,
           CAST(coalesce(sum(jiwa) FILTER (WHERE ditandai), 0) AS BIGINT) AS jiwa_ditandai,
           CAST(coalesce(sum(jiwa) FILTER (WHERE bagian IN ('ditandai_di_bawah',
                                                            'di_bawah_tidak_ditandai')), 0)
                AS BIGINT) AS jiwa_di_bawah_garis,
           CAST(coalesce(sum(jiwa) FILTER (WHERE bagian = 'ditandai_di_bawah'), 0) AS BIGINT)
               AS jiwa_ditandai_di_bawah,
           CAST(coalesce(sum(jiwa) FILTER (WHERE bagian = 'ditandai_di_atas'), 0) AS BIGINT)
               AS jiwa_ditandai_di_atas,
           CAST(coalesce(sum(jiwa) FILTER (WHERE bagian = 'ditandai_tanpa_pengeluaran'), 0)
                AS BIGINT) AS jiwa_ditandai_tanpa_pengeluaran,
           CAST(coalesce(sum(jiwa) FILTER (WHERE bagian = 'di_bawah_tidak_ditandai'), 0)
                AS BIGINT) AS jiwa_di_bawah_tidak_ditandai
    FROM b
),
t AS (
    SELECT ada_tanda_ekstrem AS ada FROM keluarga_periode
    WHERE periode = periode_atau_terakhir($periode)
)
SELECT periode_atau_terakhir($periode) AS periode,
       (SELECT tahun_garis FROM garis_periode(periode_atau_terakhir($periode))) AS tahun_garis,
       (SELECT garis_ekstrem FROM garis_periode(periode_atau_terakhir($periode))) AS garis_ekstrem,
       t.ada AS ada_tanda_ekstrem,
       CASE WHEN t.ada THEN n.keluarga_ditandai END AS keluarga_ditandai,
       n.keluarga_di_bawah_garis,
       CASE WHEN t.ada THEN n.keluarga_ditandai_di_bawah END AS keluarga_ditandai_di_bawah,
       CASE WHEN t.ada THEN n.keluarga_ditandai_di_atas END AS keluarga_ditandai_di_atas,
       CASE WHEN t.ada THEN n.keluarga_ditandai_tanpa_pengeluaran END
           AS keluarga_ditandai_tanpa_pengeluaran,
       CASE WHEN t.ada THEN n.keluarga_di_bawah_tidak_ditandai END
           AS keluarga_di_bawah_tidak_ditandai,
       CASE WHEN t.ada THEN n.jiwa_ditandai END AS jiwa_ditandai,
       n.jiwa_di_bawah_garis,
       CASE WHEN t.ada THEN n.jiwa_ditandai_di_bawah END AS jiwa_ditandai_di_bawah,
       CASE WHEN t.ada THEN n.jiwa_ditandai_di_atas END AS jiwa_ditandai_di_atas,
       CASE WHEN t.ada THEN n.jiwa_ditandai_tanpa_pengeluaran END
           AS jiwa_ditandai_tanpa_pengeluaran,
       CASE WHEN t.ada THEN n.jiwa_di_bawah_tidak_ditandai END AS jiwa_di_bawah_tidak_ditandai
FROM n, t

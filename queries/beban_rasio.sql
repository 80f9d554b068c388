-- name: beban_rasio
-- returns: per area one level below the filter (kecamatan for a kab/kota region, kab/kota for a province, kecamatan for a province's kab/kota, kelurahan for a kecamatan, the kelurahan itself when one is chosen; tingkat says which) and for the whole area (kode_wilayah empty, tingkat 'total'), separately for extreme-poor keluarga and the others: listed keluarga; median ratio of spending to income (keluarga with income above 0); share of keluarga spending more than they earn; median food share of spending; median share of spending covered by the strategy-1 cash received (cakupan's nilai_bansos_12_bulan / 12 ÷ pengeluaran_bulanan: bansos paid in the 12 months up to the period's end; modal usaha and other strategy-2 capital are not spending support and are left out); keluarga with no spending figure are left out of every ratio. program_tanpa_rupiah (the same text on every row, for the city): the strategy-1 programmes that reach families in the period (enrolled on its list, or paid in the 12 months) with no rupiah figure in the payments, e.g. PBI-JK and PKH/BPNT known only as enrolment: their value is in no share, so the share understates the support received
-- unit: keluarga (keluarga, keluarga_tanpa_pengeluaran); ratio (median_rasio_pengeluaran_pendapatan); share 0-1 (bagian_pengeluaran_melebihi_pendapatan, median_porsi_pangan, median_porsi_bantuan); program_tanpa_rupiah text (programme names joined with ', ', NULL = none)
-- counts: keluarga, keluarga_tanpa_pengeluaran
-- shares: bagian_pengeluaran_melebihi_pendapatan <- keluarga
-- derived: median_rasio_pengeluaran_pendapatan, median_porsi_pangan, median_porsi_bantuan <- keluarga
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kode_wilayah = Kode wilayah [teks]; wilayah = Wilayah [teks]; tingkat = Tingkat [teks]; kelompok = Kelompok [teks]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_tanpa_pengeluaran = Tanpa angka pengeluaran (keluarga) [keluarga]; median_rasio_pengeluaran_pendapatan = Median pengeluaran ÷ pendapatan [indeks]; bagian_pengeluaran_melebihi_pendapatan = Pengeluaran melebihi pendapatan (%) [persen]; median_porsi_pangan = Median porsi pangan (%) [persen]; median_porsi_bantuan = Median porsi bantuan (%) [persen]; program_tanpa_rupiah = Program tanpa nilai rupiah [teks]
-- The CTE c is one narrow row per family with its three ratios, kept once (MATERIALIZED) for
-- the two aggregates below; per area and for the total in two passes over it: a CROSS JOIN that
-- counted every family twice, or GROUPING SETS, stored the wide rows of cakupan for the medians
-- and ran out of DuckDB's 1 GB at 5.000.000 keluarga.
WITH c AS MATERIALIZED (
    SELECT CASE WHEN $kode_kel IS NOT NULL THEN kode_kel
                WHEN length($kode_kec) = 5 THEN kode_kec  -- a province's kab/kota: its kecamatan
                WHEN $kode_kec IS NOT NULL THEN kode_kel
                WHEN adalah_provinsi() THEN left(kode_kec, 5)
                ELSE kode_kec END AS kode,
           coalesce(miskin_ekstrem, false) AS ekstrem,
           pendapatan_bulanan AS masuk,
           CASE WHEN pengeluaran_bulanan > 0 THEN pengeluaran_bulanan END AS keluar,
           CASE WHEN pengeluaran_bulanan > 0 AND pendapatan_bulanan > 0
                THEN pengeluaran_bulanan / pendapatan_bulanan END AS rasio,
           pengeluaran_pangan / CASE WHEN pengeluaran_bulanan > 0 THEN pengeluaran_bulanan END
               AS pangan,
           nilai_bansos_12_bulan / 12 / CASE WHEN pengeluaran_bulanan > 0 THEN pengeluaran_bulanan END
               AS bantuan
    FROM cakupan(periode_atau_terakhir($periode))
    WHERE di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
r AS (
    SELECT kode, 0 AS total, ekstrem,
           count(*) AS keluarga,
           count(*) FILTER (WHERE keluar IS NULL) AS keluarga_tanpa_pengeluaran,
           quantile_cont(rasio, 0.5) AS median_rasio_pengeluaran_pendapatan,
           avg(CASE WHEN keluar > masuk THEN 1.0 ELSE 0.0 END)
               FILTER (WHERE keluar IS NOT NULL AND masuk IS NOT NULL)
               AS bagian_pengeluaran_melebihi_pendapatan,
           quantile_cont(pangan, 0.5) AS median_porsi_pangan,
           quantile_cont(bantuan, 0.5) AS median_porsi_bantuan
    FROM c GROUP BY kode, ekstrem
    UNION ALL
    SELECT NULL, 1, ekstrem,
           count(*),
           count(*) FILTER (WHERE keluar IS NULL),
           quantile_cont(rasio, 0.5),
           avg(CASE WHEN keluar > masuk THEN 1.0 ELSE 0.0 END)
               FILTER (WHERE keluar IS NOT NULL AND masuk IS NOT NULL),
           quantile_cont(pangan, 0.5),
           quantile_cont(bantuan, 0.5)
    FROM c GROUP BY ekstrem
),
-- strategy-1 programmes reaching families of the period without a rupiah figure
tanpa_rupiah AS (
    SELECT string_agg(program, ', ' ORDER BY program) AS program_tanpa_rupiah
    FROM (
        SELECT DISTINCT unnest(program_terdaftar) AS program
        FROM keluarga WHERE periode = periode_atau_terakhir($periode)
        UNION
        SELECT program FROM program_bulan
        WHERE bulan > strftime(periode_akhir(periode_atau_terakhir($periode)) - INTERVAL 12 MONTH, '%Y-%m')
          AND bulan <= periode_atau_terakhir($periode)
    )
    WHERE list_contains(program_strategi(1), program)
      AND program NOT IN (
          SELECT program FROM program_bulan
          WHERE ada_rupiah
            AND bulan > strftime(periode_akhir(periode_atau_terakhir($periode)) - INTERVAL 12 MONTH, '%Y-%m')
            AND bulan <= periode_atau_terakhir($periode))
),
nama AS (
    SELECT DISTINCT kode_kab AS kode, kabupaten_kota AS wilayah FROM wilayah WHERE adalah_provinsi()
    UNION ALL
    SELECT DISTINCT kode_kec AS kode, kecamatan AS wilayah FROM wilayah
    UNION ALL
    SELECT kode_kel, kelurahan FROM wilayah
)
SELECT CASE WHEN r.total = 0 THEN r.kode END AS kode_wilayah,
       CASE WHEN r.total = 1 THEN coalesce((SELECT wilayah FROM nama
                                            WHERE kode = coalesce($kode_kel, $kode_kec)),
                                           nama_wilayah())
            ELSE nama.wilayah END AS wilayah,
       CASE WHEN r.total = 1 THEN 'total'
            WHEN $kode_kel IS NOT NULL THEN 'kelurahan'
            WHEN length($kode_kec) = 5 THEN 'kecamatan'
            WHEN $kode_kec IS NOT NULL THEN 'kelurahan'
            WHEN adalah_provinsi() THEN 'kabupaten_kota'
            ELSE 'kecamatan' END AS tingkat,
       CASE WHEN r.ekstrem THEN 'Miskin ekstrem' ELSE 'Bukan miskin ekstrem' END AS kelompok,
       r.keluarga, r.keluarga_tanpa_pengeluaran,
       r.median_rasio_pengeluaran_pendapatan, r.bagian_pengeluaran_melebihi_pendapatan,
       r.median_porsi_pangan, r.median_porsi_bantuan,
       (SELECT program_tanpa_rupiah FROM tanpa_rupiah) AS program_tanpa_rupiah
FROM r
LEFT JOIN nama ON r.total = 0 AND nama.kode = r.kode
ORDER BY r.total, r.kode, r.ekstrem DESC

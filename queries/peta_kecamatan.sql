-- name: peta_kecamatan
-- returns: per kecamatan for one period: keluarga on the list, extreme-poor keluarga, their rate per 1.000 listed keluarga with its 95 % Wilson interval, and share of the city's extreme-poor, extreme-poor keluarga not reached by any programme (cakupan: tercakup_program) with the share's 95 % Wilson interval (_shared/55_wilson.sql), dasar_kecil (fewer than 30 extreme-poor keluarga), and housing deprivation shares among the extreme-poor (_shared/50_peta.sql); every kecamatan appears. A period whose list has no extreme flag (P3KE 2021, the 2022 bansos lists: berstatus_ekstrem false) gives NULL for every extreme-poor figure, never 0; keluarga (the list) stays
-- unit: keluarga (keluarga, keluarga_miskin_ekstrem, keluarga_belum_tercakup); keluarga per 1.000 keluarga (per_1000_keluarga, per_1000_bawah, per_1000_atas); true/false (dasar_kecil, berstatus_ekstrem); text (sumber_daftar); share 0-1 (porsi_kota, porsi_belum_tercakup, porsi_belum_tercakup_bawah, porsi_belum_tercakup_atas, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln, rata_deprivasi)
-- counts: keluarga, keluarga_miskin_ekstrem, keluarga_belum_tercakup
-- sums: keluarga = keluarga_miskin_ekstrem + …; keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- derived: per_1000_keluarga, porsi_kota, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln <- keluarga_miskin_ekstrem; porsi_belum_tercakup <- keluarga_belum_tercakup, keluarga_miskin_ekstrem; rata_deprivasi <- keluarga_miskin_ekstrem, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln; per_1000_bawah, per_1000_atas <- per_1000_keluarga, keluarga; porsi_belum_tercakup_bawah, porsi_belum_tercakup_atas <- porsi_belum_tercakup
-- total: implied
-- shares: porsi_belum_tercakup, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln <- keluarga_miskin_ekstrem; per_1000_keluarga <- keluarga / 1000
-- params: periode (YYYY-MM; empty = latest), kode_kab (a kab/kota code: only its kecamatan, e.g. in a province; empty = every kecamatan of the region; porsi_kota stays the share of the whole region's)
-- columns: periode = Periode [periode]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Miskin ekstrem (keluarga) [keluarga]; per_1000_keluarga = Miskin ekstrem per 1.000 keluarga [desimal]; per_1000_bawah = Per 1.000: batas bawah 95 % [desimal]; per_1000_atas = Per 1.000: batas atas 95 % [desimal]; porsi_kota = Porsi {jenis} (%) [persen]; keluarga_belum_tercakup = Belum tercakup program (keluarga) [keluarga]; porsi_belum_tercakup = Belum tercakup (%) [persen]; porsi_belum_tercakup_bawah = Belum tercakup: batas bawah 95 % (%) [persen]; porsi_belum_tercakup_atas = Belum tercakup: batas atas 95 % (%) [persen]; dasar_kecil = Dasar kecil (< 30 keluarga) [teks]; porsi_lantai_tanah = Lantai tanah (% miskin ekstrem) [persen]; porsi_air_tidak_layak = Air minum tidak layak (% miskin ekstrem) [persen]; porsi_tanpa_jamban = Tanpa jamban sendiri (% miskin ekstrem) [persen]; porsi_bukan_pln = Penerangan bukan PLN (% miskin ekstrem) [persen]; rata_deprivasi = Rata-rata deprivasi rumah (%) [persen]; berstatus_ekstrem = Daftar menandai miskin ekstrem [teks]; sumber_daftar = Sumber daftar [teks]
WITH t AS (
    -- the period's list flags extreme poverty (keluarga_periode); else its extreme-poor
    -- figures are NULL: a list, not "0 keluarga miskin ekstrem"
    SELECT coalesce(any_value(b.berstatus_ekstrem), false) AS ada, any_value(b.sumber_daftar) AS sumber
    FROM periode_banding b WHERE b.periode = periode_atau_terakhir($periode)
),
daftar AS (
    SELECT substr(kode_kel, 1, 8) AS kode_kec,
           CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CASE WHEN (SELECT ada FROM t) THEN CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) END
               AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas
    WHERE periode = periode_atau_terakhir($periode)
    GROUP BY 1
),
ekstrem AS (
    SELECT substr(kode_kel, 1, 8) AS kode_kec,
           count(*) FILTER (WHERE NOT tercakup_program) AS keluarga_belum_tercakup,
           avg(CAST(lantai_tanah AS DOUBLE)) AS porsi_lantai_tanah,
           avg(CAST(air_tidak_layak AS DOUBLE)) AS porsi_air_tidak_layak,
           avg(CAST(tanpa_jamban AS DOUBLE)) AS porsi_tanpa_jamban,
           avg(CAST(bukan_pln AS DOUBLE)) AS porsi_bukan_pln
    FROM deprivasi_ekstrem(periode_atau_terakhir($periode))
    GROUP BY 1
),
agg AS (
    SELECT d.kode_kec, d.keluarga, d.keluarga_miskin_ekstrem,
           coalesce(e.keluarga_belum_tercakup, 0) AS keluarga_belum_tercakup,
           e.porsi_lantai_tanah, e.porsi_air_tidak_layak, e.porsi_tanpa_jamban, e.porsi_bukan_pln
    FROM daftar d
    LEFT JOIN ekstrem e ON e.kode_kec IS NOT DISTINCT FROM d.kode_kec
)
SELECT periode_atau_terakhir($periode) AS periode, w.kode_kec, w.kecamatan,
       coalesce(a.keluarga, 0) AS keluarga,
       CASE WHEN (SELECT ada FROM t) THEN coalesce(a.keluarga_miskin_ekstrem, 0) END
           AS keluarga_miskin_ekstrem,
       1000.0 * a.keluarga_miskin_ekstrem / nullif(a.keluarga, 0) AS per_1000_keluarga,
       1000.0 * wilson_bawah(a.keluarga_miskin_ekstrem, a.keluarga) AS per_1000_bawah,
       1000.0 * wilson_atas(a.keluarga_miskin_ekstrem, a.keluarga) AS per_1000_atas,
       CASE WHEN a.keluarga > 0 THEN a.keluarga_miskin_ekstrem
           / nullif(sum(a.keluarga_miskin_ekstrem) OVER (), 0) END AS porsi_kota,
       CASE WHEN (SELECT ada FROM t) THEN coalesce(a.keluarga_belum_tercakup, 0) END
           AS keluarga_belum_tercakup,
       a.keluarga_belum_tercakup / nullif(a.keluarga_miskin_ekstrem, 0) AS porsi_belum_tercakup,
       wilson_bawah(a.keluarga_belum_tercakup, a.keluarga_miskin_ekstrem) AS porsi_belum_tercakup_bawah,
       wilson_atas(a.keluarga_belum_tercakup, a.keluarga_miskin_ekstrem) AS porsi_belum_tercakup_atas,
       CASE WHEN (SELECT ada FROM t) THEN dasar_kecil(a.keluarga_miskin_ekstrem) END AS dasar_kecil,
       a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban, a.porsi_bukan_pln,
       list_avg([a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban,
                 a.porsi_bukan_pln]) AS rata_deprivasi,
       (SELECT ada FROM t) AS berstatus_ekstrem, (SELECT sumber FROM t) AS sumber_daftar
FROM (SELECT DISTINCT kode_kec, kecamatan FROM wilayah) w
LEFT JOIN agg a USING (kode_kec)
QUALIFY $kode_kab IS NULL OR starts_with(w.kode_kec, $kode_kab || '.')
ORDER BY w.kode_kec

-- name: peta_kelurahan
-- returns: per kelurahan for one period: keluarga on the list, extreme-poor keluarga, their rate per 1.000 listed keluarga and share of the city's extreme-poor, extreme-poor keluarga not reached by any programme (cakupan: tercakup_program), housing deprivation shares among the extreme-poor (_shared/50_peta.sql), and the pocket index with its rank; every kelurahan appears. indeks_kantong = 100 × mean of the components known for the kelurahan, each min-max scaled over the kelurahan with a list: per_1000_keluarga, porsi_kota, porsi_belum_tercakup, rata_deprivasi (mean of the four known deprivation shares); NULL when the kelurahan has no keluarga on the list
-- unit: keluarga (keluarga, keluarga_miskin_ekstrem, keluarga_belum_tercakup); keluarga per 1.000 keluarga (per_1000_keluarga); share 0-1 (porsi_kota, porsi_belum_tercakup, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln, rata_deprivasi); index 0-100 (indeks_kantong); rank 1 = strongest pocket of the city (peringkat)
-- counts: keluarga, keluarga_miskin_ekstrem, keluarga_belum_tercakup
-- sums: keluarga = keluarga_miskin_ekstrem + …; keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- derived: per_1000_keluarga, porsi_kota, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln <- keluarga_miskin_ekstrem; porsi_belum_tercakup <- keluarga_belum_tercakup, keluarga_miskin_ekstrem; rata_deprivasi <- keluarga_miskin_ekstrem, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln
-- total: implied
-- shares: porsi_belum_tercakup, porsi_lantai_tanah, porsi_air_tidak_layak, porsi_tanpa_jamban, porsi_bukan_pln <- keluarga_miskin_ekstrem; per_1000_keluarga <- keluarga / 1000
-- params: periode (YYYY-MM; empty = latest), kode_kec (empty = the whole city; index and rank are always over all 34 kelurahan)
WITH daftar AS (
    SELECT kode_kel,
           CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas
    WHERE periode = periode_atau_terakhir($periode)
    GROUP BY kode_kel
),
ekstrem AS (
    SELECT kode_kel,
           count(*) FILTER (WHERE NOT tercakup_program) AS keluarga_belum_tercakup,
           avg(CAST(lantai_tanah AS DOUBLE)) AS porsi_lantai_tanah,
           avg(CAST(air_tidak_layak AS DOUBLE)) AS porsi_air_tidak_layak,
           avg(CAST(tanpa_jamban AS DOUBLE)) AS porsi_tanpa_jamban,
           avg(CAST(bukan_pln AS DOUBLE)) AS porsi_bukan_pln
    FROM deprivasi_ekstrem(periode_atau_terakhir($periode))
    GROUP BY kode_kel
),
agg AS (
    SELECT d.kode_kel, d.keluarga, d.keluarga_miskin_ekstrem,
           coalesce(e.keluarga_belum_tercakup, 0) AS keluarga_belum_tercakup,
           e.porsi_lantai_tanah, e.porsi_air_tidak_layak, e.porsi_tanpa_jamban, e.porsi_bukan_pln
    FROM daftar d
    LEFT JOIN ekstrem e ON e.kode_kel IS NOT DISTINCT FROM d.kode_kel
),
base AS (
    SELECT w.kode_kec, w.kecamatan, w.kode_kel, w.kelurahan,
           coalesce(a.keluarga, 0) AS keluarga,
           coalesce(a.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem,
           1000.0 * a.keluarga_miskin_ekstrem / nullif(a.keluarga, 0) AS per_1000_keluarga,
           CASE WHEN a.keluarga > 0 THEN a.keluarga_miskin_ekstrem
               / nullif(sum(a.keluarga_miskin_ekstrem) OVER (), 0) END AS porsi_kota,
           coalesce(a.keluarga_belum_tercakup, 0) AS keluarga_belum_tercakup,
           a.keluarga_belum_tercakup / nullif(a.keluarga_miskin_ekstrem, 0) AS porsi_belum_tercakup,
           a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban, a.porsi_bukan_pln,
           list_avg([a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban,
                     a.porsi_bukan_pln]) AS rata_deprivasi
    FROM wilayah w LEFT JOIN agg a USING (kode_kel)
),
indeks AS (
    SELECT *,
           CASE WHEN keluarga > 0 THEN 100 * list_avg([
               skala_01(per_1000_keluarga, min(per_1000_keluarga) OVER (), max(per_1000_keluarga) OVER ()),
               skala_01(porsi_kota, min(porsi_kota) OVER (), max(porsi_kota) OVER ()),
               skala_01(porsi_belum_tercakup, min(porsi_belum_tercakup) OVER (),
                        max(porsi_belum_tercakup) OVER ()),
               skala_01(rata_deprivasi, min(rata_deprivasi) OVER (), max(rata_deprivasi) OVER ())
           ]) END AS indeks_kantong
    FROM base
),
-- Ranked before the kecamatan filter, so a rank is always the kelurahan's place in the city.
peringkat AS (
    SELECT *, CASE WHEN indeks_kantong IS NOT NULL
                   THEN rank() OVER (ORDER BY indeks_kantong DESC NULLS LAST) END AS peringkat
    FROM indeks
)
SELECT periode_atau_terakhir($periode) AS periode, *
FROM peringkat
WHERE $kode_kec IS NULL OR kode_kec = $kode_kec
ORDER BY peringkat NULLS LAST, kode_kel

-- peta_kelurahan_p(p): the rows of queries/peta_kelurahan.sql for the (resolved) period p,
-- every kelurahan of the city: the one home of the pocket index and its rank, so that the
-- Peta page and the budget simulation's 'kantong' strategy (70_simulasi.sql) rank alike.
-- Columns and definitions: the header of queries/peta_kelurahan.sql.
CREATE OR REPLACE MACRO peta_kelurahan_p(p) AS TABLE
WITH t AS (
    -- the period's list flags extreme poverty (keluarga_periode); else its extreme-poor
    -- figures are NULL: a list, not "0 keluarga miskin ekstrem"
    SELECT coalesce(any_value(b.berstatus_ekstrem), false) AS ada, any_value(b.sumber_daftar) AS sumber
    FROM periode_banding b WHERE b.periode = p
),
daftar AS (
    SELECT kode_kel,
           CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CASE WHEN (SELECT ada FROM t) THEN CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) END
               AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas
    WHERE periode = p
    GROUP BY kode_kel
),
ekstrem AS (
    SELECT kode_kel,
           count(*) FILTER (WHERE NOT tercakup_program) AS keluarga_belum_tercakup,
           avg(CAST(lantai_tanah AS DOUBLE)) AS porsi_lantai_tanah,
           avg(CAST(air_tidak_layak AS DOUBLE)) AS porsi_air_tidak_layak,
           avg(CAST(tanpa_jamban AS DOUBLE)) AS porsi_tanpa_jamban,
           avg(CAST(bukan_pln AS DOUBLE)) AS porsi_bukan_pln
    FROM deprivasi_ekstrem(p)
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
           wilson_bawah(a.keluarga_belum_tercakup, a.keluarga_miskin_ekstrem)
               AS porsi_belum_tercakup_bawah,
           wilson_atas(a.keluarga_belum_tercakup, a.keluarga_miskin_ekstrem)
               AS porsi_belum_tercakup_atas,
           CASE WHEN (SELECT ada FROM t) THEN dasar_kecil(a.keluarga_miskin_ekstrem) END AS dasar_kecil,
           a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban, a.porsi_bukan_pln,
           list_avg([a.porsi_lantai_tanah, a.porsi_air_tidak_layak, a.porsi_tanpa_jamban,
                     a.porsi_bukan_pln]) AS rata_deprivasi,
           (SELECT ada FROM t) AS berstatus_ekstrem, (SELECT sumber FROM t) AS sumber_daftar
    FROM wilayah w LEFT JOIN agg a USING (kode_kel)
),
dinilai AS (
    -- the index's base is the listed keluarga, the rate's denominator (as the pocket rule's):
    -- a kelurahan with few extreme-poor keluarga is still ranked, its components smoothed
    SELECT *, keluarga >= dasar_indeks() AND keluarga_miskin_ekstrem IS NOT NULL AS cukup,
           -- the three components as events ÷ base, for empirical-Bayes smoothing (eb_rate);
           -- deprivation: the mean of the four shares × the extreme-poor keluarga
           CASE WHEN keluarga > 0 THEN keluarga_miskin_ekstrem END AS e1,
           CASE WHEN keluarga > 0 THEN keluarga END AS b1,
           CASE WHEN keluarga_miskin_ekstrem > 0 THEN keluarga_belum_tercakup END AS e2,
           CASE WHEN keluarga_miskin_ekstrem > 0 THEN keluarga_miskin_ekstrem END AS b2,
           CASE WHEN keluarga_miskin_ekstrem > 0 AND rata_deprivasi IS NOT NULL
                THEN rata_deprivasi * keluarga_miskin_ekstrem END AS e3,
           CASE WHEN keluarga_miskin_ekstrem > 0 AND rata_deprivasi IS NOT NULL
                THEN keluarga_miskin_ekstrem END AS b3
    FROM base
),
eb_rata AS (  -- each component's pooled rate over the kelurahan that have its base
    SELECT *, sum(e1) OVER () / sum(b1) OVER () AS t1, sum(e2) OVER () / sum(b2) OVER () AS t2,
           sum(e3) OVER () / sum(b3) OVER () AS t3
    FROM dinilai
),
eb_varians AS (  -- and its between-kelurahan variance (eb_rate, _shared/57_kantong.sql)
    SELECT *,
           sum(b1 * (e1 / b1 - t1) ^ 2) OVER () / sum(b1) OVER ()
               - t1 / (sum(b1) OVER () / count(b1) OVER ()) AS v1,
           sum(b2 * (e2 / b2 - t2) ^ 2) OVER () / sum(b2) OVER ()
               - t2 / (sum(b2) OVER () / count(b2) OVER ()) AS v2,
           sum(b3 * (e3 / b3 - t3) ^ 2) OVER () / sum(b3) OVER ()
               - t3 / (sum(b3) OVER () / count(b3) OVER ()) AS v3
    FROM eb_rata
),
eb AS (
    SELECT *, eb_rate(e1, b1, t1, v1) AS r_eb, eb_rate(e2, b2, t2, v2) AS u_eb,
           eb_rate(e3, b3, t3, v3) AS d_eb
    FROM eb_varians
),
-- The index on the smoothed components, each min-max scaled over every kelurahan that has it
-- (smoothing pulls a small base toward the city, so it stretches the scale less than its raw
-- share would); given to every kelurahan with at least dasar_indeks() = 30 keluarga on its
-- list (BPS review 3, B1: an earlier base of 30 extreme-poor keluarga ranked one pocket of
-- four). A component without a base of its own (no extreme-poor keluarga: nothing to be
-- uncovered or deprived; or no deprivation filled in) takes the city's pooled value, the
-- empirical-Bayes estimate on a base of 0 (w = 0); the pooled value lies within the smoothed
-- range, so it never stretches the scale.
-- A component that empirical Bayes shrinks to one value in every kelurahan (its spread between
-- kelurahan no larger than chance: v <= 0) carries no information: it is left out of the mean
-- (NULL, which list_avg skips) instead of adding 0 to every kelurahan, which capped the index at
-- 33,3 when two of the three were flat (BPS review 4, N1).
indeks AS (
    SELECT * EXCLUDE (cukup, e1, b1, e2, b2, e3, b3, t1, t2, t3, v1, v2, v3, r_eb, u_eb, d_eb),
           -- no component varies at all: every kelurahan ties at 0 (no difference to rank by)
           CASE WHEN cukup THEN 100 * coalesce(list_avg([
               CASE WHEN v1 > 0 THEN skala_01(r_eb, min(r_eb) OVER (), max(r_eb) OVER ()) END,
               CASE WHEN v2 > 0
                    THEN skala_01(coalesce(u_eb, t2), min(u_eb) OVER (), max(u_eb) OVER ()) END,
               CASE WHEN v3 > 0
                    THEN skala_01(coalesce(d_eb, t3), min(d_eb) OVER (), max(d_eb) OVER ()) END
           ]), 0) END AS indeks_kantong
    FROM eb
),
-- Ranked before the kecamatan filter, so a rank is always the kelurahan's place in the city;
-- kantong: the one pocket definition (_shared/57_kantong.sql).
peringkat AS (
    SELECT i.*, CASE WHEN indeks_kantong IS NOT NULL
                   THEN rank() OVER (ORDER BY indeks_kantong DESC NULLS LAST) END AS peringkat,
           -- the N of "rank x of N": the kelurahan ranked, never those below the base
           count(indeks_kantong) OVER () AS peringkat_dari,
           kk.kantong, 1000.0 * kk.batas_uji AS per_1000_batas_uji
    FROM indeks i
    LEFT JOIN kantong_kelurahan(p) kk USING (kode_kel)
)
SELECT * FROM peringkat;

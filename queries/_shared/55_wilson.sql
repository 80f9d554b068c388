-- wilson_bawah(k, n) / wilson_atas(k, n): the 95 % Wilson score interval of a share k / n
-- (k families of n), in closed form, because DuckDB has none:
--   p = k / n, z = 1.959963984540054 (the normal 97.5 % quantile),
--   centre = (p + z²/2n) / (1 + z²/n), half = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²),
--   interval = centre ± half, clipped to [0, 1].
-- It equals statsmodels.stats.proportion.proportion_confint(k, n, method="wilson")
-- (tests/test_statistics.py checks it). NULL when n is 0 or unknown. Unlike p ± 1,96·SE it
-- stays inside 0..1 and is honest for a share of 0 or 1 of a few families. (k IS NOT NULL is
-- tested because greatest/least skip a NULL: an unknown k would give 0 or 1.)
CREATE OR REPLACE MACRO wilson_pusat(k, n) AS
    (k / n + 1.959963984540054 ^ 2 / (2 * n)) / (1 + 1.959963984540054 ^ 2 / n);

CREATE OR REPLACE MACRO wilson_setengah(k, n) AS
    1.959963984540054 / (1 + 1.959963984540054 ^ 2 / n)
        * sqrt((k / n) * (1 - k / n) / n + 1.959963984540054 ^ 2 / (4 * n * n));

-- At k = 0 the lower bound is 0 and at k = n the upper bound is 1 exactly: the closed form
-- leaves a rounding residue there (2,8·10⁻¹⁷), which a reader would take for a number.
-- Written in counts, (k + z²/2 ∓ z·√(k(n − k)/n + z²/4)) / (n + z²), the same interval as the
-- centre ± half above with each argument pasted a few times only (a macro is pasted as text:
-- the longer form made a query with two bounds bind for milliseconds).
-- z² = 3.841458820694124, z²/2 = 1.920729410347062, z²/4 = 0.960364705173531.
CREATE OR REPLACE MACRO wilson_bawah(k, n) AS
    CASE WHEN n > 0 AND k IS NOT NULL THEN
        CASE WHEN k <= 0 THEN 0.0
             ELSE greatest(0.0, (k + 1.920729410347062 - 1.959963984540054
                                 * sqrt(CAST(k AS DOUBLE) * (n - k) / n + 0.960364705173531))
                                / (n + 3.841458820694124)) END
    END;

-- wilson_bawah_z(k, n, z): the lower Wilson bound of k of n at normal quantile z (the bound a
-- one-sided test at another level uses; z = 1.959963984540054 gives wilson_bawah).
CREATE OR REPLACE MACRO wilson_bawah_z(k, n, z) AS
    CASE WHEN n > 0 AND k IS NOT NULL THEN
        CASE WHEN k <= 0 THEN 0.0
             ELSE greatest(0.0, (k + z * z / 2 - z * sqrt(CAST(k AS DOUBLE) * (n - k) / n
                                                          + z * z / 4)) / (n + z * z)) END
    END;

CREATE OR REPLACE MACRO wilson_atas(k, n) AS
    CASE WHEN n > 0 AND k IS NOT NULL THEN
        CASE WHEN k >= n THEN 1.0
             ELSE least(1.0, (k + 1.920729410347062 + 1.959963984540054
                              * sqrt(CAST(k AS DOUBLE) * (n - k) / n + 0.960364705173531))
                             / (n + 3.841458820694124)) END
    END;

-- jiwa_efektif_varians(keluarga, jiwa, jiwa_bawah, w2y, w2) and jiwa_efektif: the effective number of persons behind a
-- share of persons below the line when the family is the cluster (every member of a family
-- shares its spending per person, so 4 members are not 4 independent observations).
--   keluarga = G families, jiwa = N = Σ w (w = members), jiwa_bawah = K = Σ w·y (y = 1 below
--   the line), w2y = Σ w²·y, w2 = Σ w².
--   R = K / N. The ratio estimator's variance with families as clusters (the linearised,
--   cluster-robust variance; statsmodels OLS of y on a constant over persons with
--   cov_type="cluster", groups = family, gives exactly this):
--   V = G / (G − 1) · Σ w²·(y − R)² / N², and Σ w²(y − R)² = (1 − 2R)·w2y + R²·w2 since y² = y.
--   Effective n = R(1 − R) / V (= N / design effect), never above N (no narrower than
--   counting every person as independent). When every family is on one side (R = 0 or 1) or
--   there is one family, V says nothing: then n = G, one observation per family, as if all
--   members always shared their status (the design effect of full clustering).
-- The 95 % interval of P0 is then the Wilson interval of R·n of n
-- (statsmodels proportion_confint(R·n, n, method="wilson")), tests/test_fgt.py.
CREATE OR REPLACE MACRO jiwa_efektif_varians(g, n, k, w2y, w2) AS
    CASE WHEN g > 1 AND n > 0 THEN CAST(g AS DOUBLE) / (g - 1)
        * ((1 - 2 * (k / n)) * w2y + (k / n) * (k / n) * w2) / (CAST(n AS DOUBLE) * n) END;

-- jiwa_efektif(g, n, k, v) takes V from jiwa_efektif_varians computed as a column first: a macro
-- is pasted as text, and nested in one expression the two would be bound dozens of times.
CREATE OR REPLACE MACRO jiwa_efektif(g, n, k, v) AS
    CASE WHEN g IS NULL OR n IS NULL OR n <= 0 THEN NULL
         WHEN g < 2 OR k <= 0 OR k >= n OR v <= 0 THEN CAST(g AS DOUBLE)
         ELSE least(CAST(n AS DOUBLE), (k / n) * (1 - k / n) / v)
    END;

-- DASAR_KECIL: a share of fewer than 30 families carries the mark "hati-hati: dasar kecil";
-- DASAR_INDEKS: a kelurahan needs at least 30 keluarga on its list (the denominator of its
-- rate, as the pocket rule's base, _shared/57_kantong.sql) to be given a pocket index and a
-- rank (_shared/65_peta_kelurahan.sql); a rank resting on fewer than 30 extreme-poor keluarga
-- keeps the mark "dasar kecil". Under 30 one family moves a share by more than 3 points.
CREATE OR REPLACE MACRO dasar_kecil(n) AS coalesce(n, 0) < 30;
CREATE OR REPLACE MACRO dasar_indeks() AS 30;

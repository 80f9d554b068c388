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

CREATE OR REPLACE MACRO wilson_bawah(k, n) AS
    CASE WHEN n > 0 AND k IS NOT NULL THEN greatest(0.0, wilson_pusat(CAST(k AS DOUBLE), CAST(n AS DOUBLE))
                                       - wilson_setengah(CAST(k AS DOUBLE), CAST(n AS DOUBLE)))
    END;

CREATE OR REPLACE MACRO wilson_atas(k, n) AS
    CASE WHEN n > 0 AND k IS NOT NULL THEN least(1.0, wilson_pusat(CAST(k AS DOUBLE), CAST(n AS DOUBLE))
                                    + wilson_setengah(CAST(k AS DOUBLE), CAST(n AS DOUBLE)))
    END;

-- DASAR_KECIL: a share of fewer than 30 families carries the mark "hati-hati: dasar kecil";
-- DASAR_INDEKS: a kelurahan needs at least 30 extreme-poor families on the list (the same base
-- as "dasar kecil") to be given a pocket index and a rank, and to be called a pocket
-- (_shared/57_kantong.sql): under it one family moves a share by more than 3 points.
CREATE OR REPLACE MACRO dasar_kecil(n) AS coalesce(n, 0) < 30;
CREATE OR REPLACE MACRO dasar_indeks() AS 30;

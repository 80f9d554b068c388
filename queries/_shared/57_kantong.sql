-- eb_rate(e, b, t, v): the empirical-Bayes (Marshall 1991, global) smoothed rate of e events of
-- a base b, given the areas' pooled rate t = Σe ÷ Σb and the between-area variance
-- v = Σ b·(e/b − t)² ÷ Σb − t ÷ (Σb ÷ areas): w·(e/b) + (1 − w)·t with w = v ÷ (v + t/b), so a
-- small base is pulled toward the pooled rate and a large one keeps its own. A negative v (the
-- areas differ less than chance alone would make them) is 0: every area gets the pooled rate.
-- It equals esda.smoothing.Empirical_Bayes where v > 0 (tests/test_kantong.py). NULL without a
-- base.
CREATE OR REPLACE MACRO eb_rate(e, b, t, v) AS
    CASE WHEN b > 0 THEN
        CASE WHEN greatest(v, 0) + t / b = 0 THEN e / b
             ELSE greatest(v, 0) / (greatest(v, 0) + t / b) * (e / b)
                  + (t / b) / (greatest(v, 0) + t / b) * t END
    END;

-- kantong_kelurahan(p): THE pocket definition reported to DPRD (the scorecard's "Kelurahan
-- kantong kemiskinan", the Peta index chart's mark and slide 5): a kelurahan is a pocket
-- (kantong) on period p's list when it has at least dasar_indeks() = 30 extreme-poor keluarga
-- and its extreme-poor keluarga per listed keluarga is above the city's rate with its whole 95 %
-- Wilson interval (wilson_bawah > the city rate): a concentration the data distinguish from
-- the city's level, not one or two families. The rule is relative to the city: the count can
-- rise while every kelurahan improves (when the city improves faster than one kelurahan), so
-- it measures concentration, not progress. NULL kantong for a list without the extreme flag.
CREATE OR REPLACE MACRO kantong_kelurahan(p) AS TABLE
WITH kel AS (
    SELECT kode_kel, CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas WHERE periode = p GROUP BY kode_kel
),
kota AS (
    SELECT sum(keluarga_miskin_ekstrem) * 1.0 / nullif(sum(keluarga), 0) AS rate FROM kel
),
bertanda AS (SELECT coalesce(any_value(ada_tanda_ekstrem), false) AS ya FROM keluarga_periode
             WHERE periode = p)
SELECT kode_kel, keluarga, keluarga_miskin_ekstrem, (SELECT rate FROM kota) AS rate_kota,
       CASE WHEN (SELECT ya FROM bertanda) THEN
           coalesce(keluarga_miskin_ekstrem >= dasar_indeks()
                    AND wilson_bawah(keluarga_miskin_ekstrem, keluarga) > (SELECT rate FROM kota),
                    false)
       END AS kantong
FROM kel;

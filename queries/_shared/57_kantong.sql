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
-- (kantong) on period p's list when its extreme-poor keluarga per listed keluarga lies above the
-- city's rate beyond chance: the lower Wilson bound at z_kantong() (one-sided 5 % with
-- Bonferroni's correction over the region's kelurahan: z = 2,97 for 34) is above the city rate.
-- The base is the listed keluarga, the rate's own denominator: a kelurahan whose list is small
-- has a wide interval and is no pocket unless its rate is far above the city's, and a shrinking
-- list of extreme-poor families does not by itself end a pocket (an earlier rule that asked for
-- 30 extreme-poor keluarga did). The rule is relative to the city: the count can rise while
-- every kelurahan improves (when the city improves faster than one kelurahan), so it measures
-- concentration, not progress. NULL kantong for a list without the extreme flag. batas_uji:
-- the bound the test compares (the lower Wilson bound at z_kantong(), a share 0-1), printed
-- beside the 95 % interval so that "interval above the city, yet not a pocket" is explained.
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
           wilson_bawah_z(keluarga_miskin_ekstrem, keluarga, z_kantong())
       END AS batas_uji,
       CASE WHEN (SELECT ya FROM bertanda) THEN
           coalesce(wilson_bawah_z(keluarga_miskin_ekstrem, keluarga, z_kantong())
                    > (SELECT rate FROM kota), false)
       END AS kantong
FROM kel;

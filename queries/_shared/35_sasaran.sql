-- The area-filtered half of the targeting check (penerima and syarat_program are in
-- 25_ringkas.sql); here because it uses di_wilayah of 30_angka_utama.sql.

-- sasaran_program(p, kec, kel): per programme with a rule, the families of p's list in the
-- area that meet it (the eligible set of that programme's targeting check), counted over
-- keluarga_syarat's groups so each rule is applied to a few hundred rows. Only rules p's list
-- can answer: a list that carries no desil (the 2022 bansos lists), no extreme-poverty flag
-- (P3KE 2021) or no business field says nothing about who meets a rule on it, so no row.
CREATE OR REPLACE MACRO sasaran_program(p, kec, kel) AS TABLE
WITH semua AS (SELECT * FROM keluarga_syarat_cepat(p)),
ada AS (
    SELECT bool_or(desil IS NOT NULL) AS desil, bool_or(ekstrem IS NOT NULL) AS ekstrem,
           bool_or(usaha IS NOT NULL) AS usaha
    FROM semua
),
g AS (SELECT * FROM semua WHERE di_wilayah(kode_kel, kec, kel))
SELECT r.program, r.syarat, CAST(coalesce(sum(g.n), 0) AS BIGINT) AS keluarga_sasaran
FROM syarat_program r
CROSS JOIN ada
LEFT JOIN g ON memenuhi_syarat(g.desil, g.ekstrem, g.usaha, r.desil_maks, r.wajib_ekstrem,
                               r.wajib_usaha)
WHERE r.punya_syarat
  AND (r.desil_maks IS NULL OR ada.desil IS TRUE)
  AND (NOT r.wajib_ekstrem OR ada.ekstrem IS TRUE)
  AND (NOT r.wajib_usaha OR ada.usaha IS TRUE)
GROUP BY r.program, r.syarat;

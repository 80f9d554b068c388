-- The area-filtered half of the targeting check (penerima and syarat_program are in
-- 25_ringkas.sql); here because it uses di_wilayah of 30_angka_utama.sql.

-- sasaran_program(p, kec, kel): per programme with a rule, the families of p's list in the
-- area that meet it (the eligible set of that programme's targeting check), counted over
-- keluarga_syarat's groups so each rule is applied to a few hundred rows.
CREATE OR REPLACE MACRO sasaran_program(p, kec, kel) AS TABLE
WITH g AS (SELECT * FROM keluarga_syarat_cepat(p) WHERE di_wilayah(kode_kel, kec, kel))
SELECT r.program, r.syarat, CAST(coalesce(sum(g.n), 0) AS BIGINT) AS keluarga_sasaran
FROM syarat_program r
LEFT JOIN g ON memenuhi_syarat(g.desil, g.ekstrem, g.usaha, r.desil_maks, r.wajib_ekstrem,
                               r.wajib_usaha)
WHERE r.punya_syarat
GROUP BY r.program, r.syarat;

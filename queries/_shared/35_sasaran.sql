-- The area-filtered halves of the targeting check (penerima and syarat_program are in
-- 25_ringkas.sql); here because they use di_wilayah and di_wilayah_kk of 30_angka_utama.sql.

-- penerima_di(p, kec, kel): penerima_cepat(p) in the area: a KPM on p's list by its kelurahan
-- there, any other by its family's kelurahan in the latest list that has it (di_wilayah_kk; a
-- KPM on no list is in no area, so it counts only when no area is chosen).
CREATE OR REPLACE MACRO penerima_di(p, kec, kel) AS TABLE
SELECT * FROM penerima_cepat(p)
WHERE CASE WHEN di_daftar THEN di_wilayah(kode_kel, kec, kel)
           ELSE di_wilayah_kk(no_kk, kec, kel) END;

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

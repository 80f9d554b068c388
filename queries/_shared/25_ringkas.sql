-- Tables rebuilt with the views on every refresh (see 05_periode.sql), so a page reads a few
-- thousand rows instead of every family paid in the city. Each holds exactly what its
-- definition says; a query reading one gives the rows it would compute from the lists.

-- cakupan_ekstrem: cakupan(p) of every period p, extreme-poor families only (the same columns
-- as cakupan(p) WHERE miskin_ekstrem): only their payments are looked at, a few thousand
-- families instead of every family paid in the city.
CREATE OR REPLACE TABLE cakupan_ekstrem AS
WITH k AS (SELECT * FROM keluarga WHERE miskin_ekstrem),
salur AS (
    SELECT kk.periode, s.no_kk,
           list(s.program) AS program_salur,
           sum(s.nilai) AS nilai_12_bulan
    FROM penyaluran_kk s
    JOIN (SELECT DISTINCT periode, no_kk FROM k) kk ON kk.no_kk = s.no_kk
    WHERE s.status = 'tersalur' AND dalam_12_bulan(s.tanggal_salur, kk.periode)
    GROUP BY kk.periode, s.no_kk
)
SELECT k.*,
       program_gabung(k.program_terdaftar, s.program_salur) AS program,
       coalesce(s.nilai_12_bulan, 0) AS nilai_bantuan_12_bulan,
       dalam_strategi(program_gabung(k.program_terdaftar, s.program_salur), 1) AS tercakup_bansos,
       dalam_strategi(program_gabung(k.program_terdaftar, s.program_salur), 2)
           AS tercakup_pendapatan,
       tercakup_dari(k.program_terdaftar, s.program_salur) AS tercakup_program
FROM k
LEFT JOIN salur s USING (periode, no_kk);

-- syarat_program: each programme's own eligibility rule from program.csv, as columns (no
-- string is evaluated): desil at most desil_maks, extreme-poor (wajib_ekstrem), with a
-- business (wajib_usaha); punya_syarat is false for a programme the table gives no rule.
-- memenuhi_syarat(...): a family meets the rule; a family without a desil does not meet a
-- desil rule (it cannot be shown to).
CREATE OR REPLACE VIEW syarat_program AS
SELECT program, strategi, desil_maks, wajib_ekstrem, wajib_usaha, syarat,
       desil_maks IS NOT NULL OR wajib_ekstrem OR wajib_usaha AS punya_syarat
FROM program;

CREATE OR REPLACE MACRO memenuhi_syarat(desil, ekstrem, usaha, desil_maks, wajib_ekstrem,
                                        wajib_usaha) AS
    (desil_maks IS NULL OR coalesce(desil <= desil_maks, false))
    AND (NOT wajib_ekstrem OR coalesce(ekstrem, false))
    AND (NOT wajib_usaha OR coalesce(usaha, false));

-- keluarga_syarat(p): period p's families grouped by what the programme rules ask (kelurahan,
-- desil, flag, business; NULL kept, so a list without the field can be told apart): a few
-- hundred rows to apply each rule to (sasaran_program), kept for the latest period as
-- keluarga_syarat_terakhir (as salur_terakhir in 20_cakupan.sql).
CREATE OR REPLACE MACRO keluarga_syarat(p) AS TABLE
SELECT kode_kel, desil, miskin_ekstrem AS ekstrem, punya_usaha AS usaha, count(*) AS n
FROM keluarga
WHERE periode = p
GROUP BY ALL;

CREATE OR REPLACE TABLE keluarga_syarat_terakhir AS
SELECT * FROM keluarga_syarat(getvariable('periode_tersimpan'));

CREATE OR REPLACE MACRO keluarga_syarat_cepat(p) AS TABLE
SELECT * FROM keluarga_syarat_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM keluarga_syarat(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

-- modal_usaha_kk: families with a 'tersalur' Modal Usaha disbursement and the date of the
-- first one ("had Modal Usaha by date d" = tanggal_terima <= d).
CREATE OR REPLACE TABLE modal_usaha_kk AS
SELECT no_kk, min(tanggal_salur) AS tanggal_terima
FROM penyaluran_kk
WHERE program = 'Modal Usaha' AND status = 'tersalur' AND no_kk IS NOT NULL
GROUP BY no_kk;

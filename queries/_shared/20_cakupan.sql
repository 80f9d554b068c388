-- cakupan(p): the families on period p's list, each with the programmes that reached it.
-- A family is reached (tercakup) by a programme when it received a disbursement with status
-- 'tersalur' in the 12 months up to the end of period p, or when period p's export lists it
-- as enrolled in a national programme (program_terdaftar: PKH, BPNT, PBI-JK, ...).
-- This is the one definition of coverage; every coverage figure uses it (cakupan_ekstrem in
-- 25_ringkas.sql stores it for the extreme-poor of every period, from these same macros).
CREATE OR REPLACE MACRO periode_akhir(p) AS
    last_day(CAST(strptime(p || '-01', '%Y-%m-%d') AS DATE));

-- dalam_12_bulan(tanggal, p): a disbursement date in the 12 months up to the end of period p.
CREATE OR REPLACE MACRO dalam_12_bulan(tanggal, p) AS
    tanggal > periode_akhir(p) - INTERVAL 12 MONTH AND tanggal <= periode_akhir(p);

-- program_gabung / tercakup_dari: a family's programmes (enrolled or paid, each once, sorted)
-- and whether it has any, from program_terdaftar and the programmes paid in the 12 months.
CREATE OR REPLACE MACRO program_gabung(terdaftar, salur) AS
    list_sort(list_distinct(list_concat(coalesce(terdaftar, []), coalesce(salur, []))));
CREATE OR REPLACE MACRO tercakup_dari(terdaftar, salur) AS
    len(list_concat(coalesce(terdaftar, []), coalesce(salur, []))) > 0;

CREATE OR REPLACE MACRO cakupan(p) AS TABLE
WITH salur AS (
    -- list(program), not list(DISTINCT ...): program_gabung sorts and dedups anyway, and a plain
    -- list is dropped by DuckDB when a query uses only the sum (beban_rasio)
    SELECT no_kk, list(program) AS program_salur, sum(nilai) AS nilai_12_bulan
    FROM penyaluran_kk
    WHERE status = 'tersalur' AND no_kk IS NOT NULL AND dalam_12_bulan(tanggal_salur, p)
    GROUP BY no_kk
)
SELECT k.*,
       program_gabung(k.program_terdaftar, s.program_salur) AS program,
       coalesce(s.nilai_12_bulan, 0) AS nilai_bantuan_12_bulan,
       tercakup_dari(k.program_terdaftar, s.program_salur) AS tercakup
FROM keluarga k
LEFT JOIN salur s USING (no_kk)
WHERE k.periode = p;

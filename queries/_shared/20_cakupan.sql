-- cakupan(p): the families on period p's list, each with the programmes that reached it.
-- A programme reached a family when it received a disbursement with status 'tersalur' in the
-- 12 months up to the end of period p (a one-off payment such as BLT counts for the 12 months
-- after it), or when period p's export lists it as enrolled in a national programme
-- (program_terdaftar: PKH, BPNT, PBI-JK, ...). Three named figures follow from that list:
--   tercakup_bansos     reached by a strategy-1 programme (program.strategi = 1: bansos,
--                       subsidies, PBI-JK: the spending burden). This is "cakupan bansos", the
--                       coverage KPI.
--   tercakup_pendapatan reached by a strategy-2 programme (modal usaha, KUBE, pelatihan,
--                       BPUM: raising income), reported as such, never as bansos.
--   tercakup_program    reached by any programme at all (also strategy 3 and names the
--                       reference table does not know).
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

-- program_strategi(s): the programmes of strategy s in the reference table, as a list (one
-- uncorrelated subquery, evaluated once per query); dalam_strategi(programs, s): a family's
-- programme list holds one of them.
CREATE OR REPLACE MACRO program_strategi(s) AS
    (SELECT coalesce(list(program), []) FROM program WHERE strategi = s);
CREATE OR REPLACE MACRO dalam_strategi(programs, s) AS
    list_has_any(coalesce(programs, []), program_strategi(s));

-- salur_12_bulan(p): per family, the programmes paid ('tersalur') in the 12 months up to the
-- end of period p, as a list (program_gabung dedups and sorts it), and the Rp paid: all of it,
-- and that of strategy-1 programmes only (nilai_bansos_12_bulan: the cash that eases spending;
-- modal usaha is capital, strategy 2). A plain list, not list(DISTINCT ...): DuckDB drops it
-- when a query uses only the sums (beban_rasio).
CREATE OR REPLACE MACRO salur_12_bulan(p) AS TABLE
SELECT no_kk, list(program) AS program_salur, sum(nilai) AS nilai_12_bulan,
       sum(nilai) FILTER (WHERE list_contains(program_strategi(1), program))
           AS nilai_bansos_12_bulan
FROM penyaluran_kk
WHERE status = 'tersalur' AND no_kk IS NOT NULL AND dalam_12_bulan(tanggal_salur, p)
GROUP BY no_kk;

-- periode_tersimpan / salur_terakhir: salur_12_bulan of the latest period, kept as a table,
-- because the latest period is the one every page opens on. The engine runs each query in a
-- transaction that first sets the variable periode_tersimpan from the table periode_tersimpan,
-- so getvariable('periode_tersimpan') is a constant of the query's own snapshot.
CREATE OR REPLACE TABLE periode_tersimpan AS
SELECT max(periode) AS periode FROM keluarga_periode;

CREATE OR REPLACE TABLE salur_terakhir AS
SELECT * FROM salur_12_bulan(getvariable('periode_tersimpan'));

-- salur_12_bulan_cepat(p): salur_12_bulan(p), from salur_terakhir when p is the period it
-- holds. p and the variable are constants when a query names its period, so DuckDB drops the
-- branch that does not apply while planning; otherwise both branches filter at run time.
CREATE OR REPLACE MACRO salur_12_bulan_cepat(p) AS TABLE
SELECT * FROM salur_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM salur_12_bulan(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

CREATE OR REPLACE MACRO cakupan(p) AS TABLE
SELECT k.*,
       program_gabung(k.program_terdaftar, s.program_salur) AS program,
       coalesce(s.nilai_12_bulan, 0) AS nilai_bantuan_12_bulan,
       coalesce(s.nilai_bansos_12_bulan, 0) AS nilai_bansos_12_bulan,
       dalam_strategi(program_gabung(k.program_terdaftar, s.program_salur), 1) AS tercakup_bansos,
       dalam_strategi(program_gabung(k.program_terdaftar, s.program_salur), 2)
           AS tercakup_pendapatan,
       tercakup_dari(k.program_terdaftar, s.program_salur) AS tercakup_program
FROM keluarga k
LEFT JOIN salur_12_bulan_cepat(p) s USING (no_kk)
WHERE k.periode = p;

-- salur_bansos(p): the families paid ('tersalur') by a strategy-1 programme in the 12 months up
-- to the end of period p: cakupan bansos without enrolment ("kepesertaan bukan penerimaan": a
-- PBI-JK card or a PKH flag on the list is not a payment seen in the exports).
CREATE OR REPLACE MACRO salur_bansos(p) AS TABLE
SELECT no_kk FROM salur_12_bulan_cepat(p) WHERE dalam_strategi(program_salur, 1);

-- salur_strategi_2: the families with a 'tersalur' strategy-2 payment (modal usaha, BPUM, ...)
-- and the date of the first one, kept as a table per refresh: strategy-2 payments are few, and
-- "ever received" would otherwise read every payment of every year.
CREATE OR REPLACE TABLE salur_strategi_2 AS
SELECT no_kk, min(tanggal_salur) AS tanggal_pertama
FROM penyaluran_kk
WHERE status = 'tersalur' AND no_kk IS NOT NULL
  AND list_contains(program_strategi(2), program)
GROUP BY no_kk;

-- pemberdayaan_kk(p): strategy 2 beyond the 12-month payments of cakupan(p). A KUBE is a
-- membership, not a payment: kube_kini = the family is a member of a group not marked inactive
-- in the latest KUBE export up to p (counted as reached by strategy 2 in p); pernah = ever
-- reached by strategy 2 up to the end of p: a 'tersalur' strategy-2 payment at any date (modal
-- usaha is a one-off grant, so the 12-month window loses a round a year after it) or a KUBE
-- membership in any export up to p (an inactive group too).
CREATE OR REPLACE MACRO pemberdayaan_kk(p) AS TABLE
SELECT no_kk, bool_or(kini) AS kube_kini, true AS pernah
FROM (
    SELECT no_kk,
           periode = (SELECT max(periode) FROM kube WHERE periode <= p)
               AND status_aktif IS NOT false AS kini
    FROM kube WHERE no_kk IS NOT NULL AND periode <= p
    UNION ALL
    SELECT no_kk, false FROM salur_strategi_2 WHERE tanggal_pertama <= periode_akhir(p)
)
GROUP BY no_kk;

-- program_bulan: per programme and month, whether a 'tersalur' payment carried rupiah (a table
-- per refresh of a few hundred rows; beban_rasio names the programmes that reach families
-- without any).
CREATE OR REPLACE TABLE program_bulan AS
SELECT program, strftime(tanggal_salur, '%Y-%m') AS bulan, bool_or(nilai > 0) AS ada_rupiah
FROM penyaluran_kk
WHERE status = 'tersalur'
GROUP BY ALL;

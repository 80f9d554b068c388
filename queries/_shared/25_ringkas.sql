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
       tercakup_dari(k.program_terdaftar, s.program_salur) AS tercakup
FROM k
LEFT JOIN salur s USING (periode, no_kk);

-- modal_usaha_kk: families with a 'tersalur' Modal Usaha disbursement and the date of the
-- first one ("had Modal Usaha by date d" = tanggal_terima <= d).
CREATE OR REPLACE TABLE modal_usaha_kk AS
SELECT no_kk, min(tanggal_salur) AS tanggal_terima
FROM penyaluran_kk
WHERE program = 'Modal Usaha' AND status = 'tersalur' AND no_kk IS NOT NULL
GROUP BY no_kk;

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

-- salur_sasaran(p): the recipients of the 12 months up to the end of period p, for the
-- targeting check: one row per programme and KPM (a family; a payment with only a NIK that
-- matches no family head is its own KPM), with the family's no_kk and whether it is on period
-- p's extreme-poor or desil 1-4 list. Only the paid families are looked up in the list.
CREATE OR REPLACE MACRO salur_sasaran(p) AS TABLE
WITH bayar AS (
    SELECT DISTINCT program, coalesce(no_kk, 'NIK ' || nik) AS kpm, no_kk
    FROM penyaluran_kk
    WHERE status = 'tersalur' AND dalam_12_bulan(tanggal_salur, p)
),
sasaran AS (
    SELECT no_kk FROM keluarga
    WHERE periode = p AND (miskin_ekstrem OR desil BETWEEN 1 AND 4)
      AND no_kk IN (SELECT no_kk FROM bayar)
)
SELECT program, kpm, no_kk, no_kk IN (SELECT no_kk FROM sasaran) IS TRUE AS sasaran
FROM bayar;

-- salur_sasaran_terakhir / salur_sasaran_cepat(p): as salur_terakhir / salur_12_bulan_cepat in
-- 20_cakupan.sql, for salur_sasaran.
CREATE OR REPLACE TABLE salur_sasaran_terakhir AS
SELECT * FROM salur_sasaran((SELECT periode FROM periode_tersimpan));

CREATE OR REPLACE MACRO salur_sasaran_cepat(p) AS TABLE
SELECT * FROM salur_sasaran_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM salur_sasaran(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

-- modal_usaha_kk: families with a 'tersalur' Modal Usaha disbursement and the date of the
-- first one ("had Modal Usaha by date d" = tanggal_terima <= d).
CREATE OR REPLACE TABLE modal_usaha_kk AS
SELECT no_kk, min(tanggal_salur) AS tanggal_terima
FROM penyaluran_kk
WHERE program = 'Modal Usaha' AND status = 'tersalur' AND no_kk IS NOT NULL
GROUP BY no_kk;

-- penyaluran_baris: the disbursement rows of every period's current batch with the family
-- resolved: rows that carry only a NIK are matched to the family whose head has that NIK in the
-- latest list that has it, else to the family of the member with that NIK in the latest
-- `individu` export that has it (a payment to a wife's or child's NIK is the family's); no_kk
-- stays NULL for a NIK of nobody listed (dari_nik marks the rows whose no_kk was found so).
-- Only NIK-only rows are looked up, so the common case (no_kk given) costs a plain scan.
CREATE OR REPLACE VIEW penyaluran_baris AS
SELECT *, false AS dari_nik FROM penyaluran WHERE no_kk IS NOT NULL
UNION ALL
SELECT s.* REPLACE (coalesce(kepala.no_kk, anggota.no_kk) AS no_kk),
       coalesce(kepala.no_kk, anggota.no_kk) IS NOT NULL AS dari_nik
FROM penyaluran s
LEFT JOIN (
    SELECT nik_kepala, arg_max(no_kk, periode) AS no_kk
    FROM keluarga
    WHERE nik_kepala IN (SELECT nik FROM penyaluran WHERE no_kk IS NULL)
    GROUP BY nik_kepala
) kepala ON kepala.nik_kepala = s.nik
LEFT JOIN (
    SELECT nik, arg_max(no_kk, periode) AS no_kk
    FROM individu
    WHERE nik IN (SELECT nik FROM penyaluran WHERE no_kk IS NULL)
    GROUP BY nik
) anggota ON anggota.nik = s.nik
WHERE s.no_kk IS NULL;

-- A payment is its family (no_kk, or for a NIK that matches no family head the NIK itself,
-- nik_kunci), programme, date and amount. Exports repeat earlier payments (the 2024-12 file
-- carries June's again): the same payment in two batches is one payment, and the row that
-- stands for it is the newest batch's (the latest periode: a 'gagal' in June that is 'tersalur'
-- in December is one payment, paid, not new money); within one batch a 'tersalur' row outweighs
-- 'retur', and 'retur' 'gagal', then a row with its No KK given one found from the NIK.
-- penyaluran_ulang: the payments more than one row carries, with the row kept (dipakai) and the
-- rows (baris_ekspor). Kept as a table per refresh: most payments are in one export, and every
-- query then pays a lookup in this table instead of grouping the payments it reads; a grouping
-- would also stop a date filter that is not a constant from reaching the files.
CREATE OR REPLACE TABLE penyaluran_ulang AS
WITH b AS (
    SELECT no_kk, CASE WHEN no_kk IS NULL THEN nik END AS nik_kunci, program, tanggal_salur,
           nilai,
           struct_pack(periode, status, nik, dari_nik, sumber_dana) AS baris,
           struct_pack(periode,
                       peringkat := CASE status WHEN 'tersalur' THEN 3 WHEN 'retur' THEN 2 ELSE 1 END,
                       langsung := NOT dari_nik, nik := coalesce(nik, ''),
                       sumber_dana := coalesce(sumber_dana, '')) AS urut
    FROM penyaluran_baris
)
SELECT no_kk, nik_kunci, program, tanggal_salur, nilai,
       arg_max(baris, urut) AS dipakai, count(*) AS baris_ekspor
FROM b
GROUP BY no_kk, nik_kunci, program, tanggal_salur, nilai
HAVING count(*) > 1;

-- penyaluran_kk: one row per payment (penyaluran_baris without the rows another row of the same
-- payment stands for): status, source of funds and periode are the newest export's;
-- baris_ekspor = the export rows that are this payment.
CREATE OR REPLACE VIEW penyaluran_kk AS
SELECT s.*, coalesce(u.baris_ekspor, 1) AS baris_ekspor
FROM penyaluran_baris s
LEFT JOIN penyaluran_ulang u
    ON u.no_kk IS NOT DISTINCT FROM s.no_kk
   AND u.nik_kunci IS NOT DISTINCT FROM (CASE WHEN s.no_kk IS NULL THEN s.nik END)
   AND u.program = s.program AND u.tanggal_salur = s.tanggal_salur AND u.nilai = s.nilai
WHERE u.dipakai IS NULL
   OR (s.periode = u.dipakai.periode AND s.status IS NOT DISTINCT FROM u.dipakai.status
       AND s.nik IS NOT DISTINCT FROM u.dipakai.nik AND s.dari_nik = u.dipakai.dari_nik
       AND s.sumber_dana IS NOT DISTINCT FROM u.dipakai.sumber_dana);

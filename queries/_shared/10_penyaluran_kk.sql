-- penyaluran_baris: the disbursement rows of every period's current batch with the family
-- resolved: rows that carry only a NIK are matched to the family whose head has that NIK in the
-- latest list that has it (no_kk stays NULL for the NIK of a non-head or of nobody listed). Only
-- NIK-only rows are looked up, so the common case (no_kk given) costs a plain scan.
CREATE OR REPLACE VIEW penyaluran_baris AS
SELECT * FROM penyaluran WHERE no_kk IS NOT NULL
UNION ALL
SELECT s.* REPLACE (kepala.no_kk AS no_kk)
FROM penyaluran s
LEFT JOIN (
    SELECT nik_kepala, arg_max(no_kk, periode) AS no_kk
    FROM keluarga
    WHERE nik_kepala IN (SELECT nik FROM penyaluran WHERE no_kk IS NULL)
    GROUP BY nik_kepala
) kepala ON kepala.nik_kepala = s.nik
WHERE s.no_kk IS NULL;

-- penyaluran_kk: one row per payment. A payment is its family (no_kk, or for a NIK that matches
-- no family head the NIK itself), programme, date and amount: exports repeat earlier payments
-- (the 2024-12 file carries June's again), and the same payment in two batches is one payment.
-- Its status, source of funds and other fields are the newest batch's (the latest periode: a
-- 'gagal' in June that is 'tersalur' in December is one payment, paid, not new money); within one
-- batch a 'tersalur' row outweighs 'retur', and 'retur' 'gagal'. periode is the newest export
-- carrying it, baris_ekspor the number of export rows that are this payment. The key columns
-- are grouped on, so a filter on the date (every query has one) reaches the files first.
-- penyaluran_sekali(baris) does this to the rows of the view named baris (penyaluran_baris or a
-- part of it that holds whole payments: a filter that is not on the key cannot pass the grouping).
CREATE OR REPLACE MACRO penyaluran_sekali(baris) AS TABLE
WITH b AS (
    SELECT *, periode || CASE status WHEN 'tersalur' THEN '3' WHEN 'retur' THEN '2' ELSE '1' END
                  || coalesce(sumber_dana, '') AS urut
    FROM query_table(baris)
)
SELECT no_kk, arg_max(nik, urut) AS nik, program, tanggal_salur, nilai,
       arg_max(status, urut) AS status, arg_max(sumber_dana, urut) AS sumber_dana,
       arg_max(extra, urut) AS extra, max(periode) AS periode, count(*) AS baris_ekspor
FROM b
GROUP BY no_kk, CASE WHEN no_kk IS NULL THEN nik END, program, tanggal_salur, nilai;

CREATE OR REPLACE VIEW penyaluran_kk AS SELECT * FROM penyaluran_sekali('penyaluran_baris');

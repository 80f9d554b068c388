-- Disbursements with the family resolved: rows that carry only a NIK are matched to the
-- family whose head has that NIK in the latest list that has it. Only NIK-only rows are looked
-- up, so the common case (no_kk given) costs a plain scan.
CREATE OR REPLACE VIEW penyaluran_kk AS
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

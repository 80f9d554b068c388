-- Disbursements with the family resolved: rows that carry only a NIK are matched to the
-- family whose head has that NIK in any period's list.
CREATE OR REPLACE VIEW penyaluran_kk AS
WITH kepala AS (
    SELECT nik_kepala, arg_max(no_kk, periode) AS no_kk FROM keluarga GROUP BY nik_kepala
)
SELECT s.* REPLACE (coalesce(s.no_kk, kepala.no_kk) AS no_kk)
FROM penyaluran s
LEFT JOIN kepala ON s.no_kk IS NULL AND kepala.nik_kepala = s.nik;

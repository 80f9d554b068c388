-- cakupan(p): the families on period p's list, each with the programmes that reached it.
-- A family is reached (tercakup) by a programme when it received a disbursement with status
-- 'tersalur' in the 12 months up to the end of period p, or when period p's export lists it
-- as enrolled in a national programme (program_terdaftar: PKH, BPNT, PBI-JK, ...).
-- This is the one definition of coverage; every coverage figure uses it.
CREATE OR REPLACE MACRO periode_akhir(p) AS
    last_day(CAST(strptime(p || '-01', '%Y-%m-%d') AS DATE));

CREATE OR REPLACE MACRO cakupan(p) AS TABLE
WITH salur AS (
    SELECT no_kk,
           list(DISTINCT program ORDER BY program) AS program_salur,
           sum(nilai) AS nilai_12_bulan
    FROM penyaluran_kk
    WHERE status = 'tersalur' AND no_kk IS NOT NULL
      AND tanggal_salur > periode_akhir(p) - INTERVAL 12 MONTH
      AND tanggal_salur <= periode_akhir(p)
    GROUP BY no_kk
)
SELECT k.*,
       list_sort(list_distinct(list_concat(coalesce(k.program_terdaftar, []),
                                           coalesce(s.program_salur, [])))) AS program,
       coalesce(s.nilai_12_bulan, 0) AS nilai_bantuan_12_bulan,
       len(list_concat(coalesce(k.program_terdaftar, []), coalesce(s.program_salur, []))) > 0
           AS tercakup
FROM keluarga k
LEFT JOIN salur s USING (no_kk)
WHERE k.periode = p;

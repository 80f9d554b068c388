-- name: penyaluran_tanpa_keluarga
-- returns: the payments (penyaluran_kk: a payment repeated in a later export counted once) that match no family on any keluarga list, so that no area can be named for them ('Wilayah tidak diketahui' in bantuan_per_wilayah; they count in the city's figures only), per export period (the newest export carrying the payment), programme and reason: 'NIK bukan NIK kepala keluarga' (a row with only a NIK that is no listed head's: a member's NIK, or a person on no list) or 'No KK tidak ada di daftar' (a No KK on no list); per row the payments, those tersalur, their Rp and the KPM paid (a NIK is its own KPM); a last row (program 'Semua', periode_ekspor and alasan empty) totals them (a KPM in several rows counted once). No rows when every payment matches a listed family. Aggregates only: no NIK or No KK is shown
-- unit: disbursements (penyaluran, penyaluran_tersalur); Rp (nilai_tersalur); KPM (kpm)
-- counts: penyaluran, penyaluran_tersalur, kpm
-- total: last row
-- params: (none)
-- columns: periode_ekspor = Periode ekspor [periode]; program = Program [teks]; alasan = Alasan [teks]; penyaluran = Penyaluran (penyaluran) [penyaluran]; penyaluran_tersalur = Penyaluran tersalur (penyaluran) [penyaluran]; nilai_tersalur = Tersalur (Rp) [rp]; kpm = Penerima (KPM) [kpm]
WITH s AS (
    SELECT periode, program, status, nilai, coalesce(no_kk, 'NIK ' || nik) AS kpm,
           CASE WHEN no_kk IS NULL THEN 'NIK bukan NIK kepala keluarga'
                ELSE 'No KK tidak ada di daftar' END AS alasan
    FROM penyaluran_tanpa_wilayah
)
SELECT periode AS periode_ekspor, CASE WHEN grouping(program) = 1 THEN 'Semua' ELSE program END
           AS program,
       alasan,
       count(*) AS penyaluran,
       count(*) FILTER (WHERE status = 'tersalur') AS penyaluran_tersalur,
       coalesce(sum(nilai) FILTER (WHERE status = 'tersalur'), 0) AS nilai_tersalur,
       count(DISTINCT kpm) FILTER (WHERE status = 'tersalur') AS kpm
FROM s
GROUP BY GROUPING SETS ((periode, program, alasan), ())
HAVING count(*) > 0
ORDER BY grouping(program), periode_ekspor, program, alasan

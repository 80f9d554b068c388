-- name: bantuan_ketepatan_sasaran
-- returns: targeting errors of the period, overall (first row, program 'Semua program') and per programme. Exclusion error = extreme-poor keluarga of the period's list in the area that no programme reached (per programme: that this programme did not reach; the cakupan definition, _shared/20_cakupan.sql) ÷ all extreme-poor keluarga in the area. Inclusion error = recipients (KPM: families with a 'tersalur' disbursement in the 12 months up to the period's end; a payment with only a NIK that matches no family head counts as its own KPM) that are on neither the period's extreme-poor list nor its desil 1-4 list ÷ all recipients; a recipient's area is its kelurahan in the latest list that has it, and recipients on no list count only when no area is chosen. No rows when the period has no keluarga list.
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tidak_tercakup); KPM (kpm_penerima, kpm_di_luar_sasaran); share 0-1 (kesalahan_eksklusi, kesalahan_inklusi; NULL when the base is 0)
-- counts: keluarga_miskin_ekstrem, keluarga_tidak_tercakup, kpm_penerima, kpm_di_luar_sasaran
-- shares: kesalahan_eksklusi <- keluarga_miskin_ekstrem; kesalahan_inklusi <- kpm_penerima
-- derived: kesalahan_eksklusi <- keluarga_tidak_tercakup, keluarga_miskin_ekstrem; kesalahan_inklusi <- kpm_di_luar_sasaran, kpm_penerima
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH c AS (
    SELECT tercakup, program FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
-- one row per programme and KPM (kpm determines no_kk), so per programme count(*) counts KPM
salur AS (
    SELECT program, kpm, sasaran
    FROM salur_sasaran_cepat(periode_atau_terakhir($periode))
    WHERE di_wilayah_kk(no_kk, $kode_kec, $kode_kel)
),
dicapai AS (SELECT program, count(*) AS n FROM (SELECT unnest(program) AS program FROM c) GROUP BY 1),
eksklusi AS (
    SELECT 'Semua program' AS program, count(*) FILTER (WHERE NOT tercakup) AS tidak FROM c
    UNION ALL
    SELECT pr.program, (SELECT count(*) FROM c) - coalesce(d.n, 0)
    FROM (SELECT program FROM dicapai UNION SELECT program FROM salur) pr
    LEFT JOIN dicapai d USING (program)
),
inklusi AS (
    SELECT 'Semua program' AS program, count(DISTINCT kpm) AS kpm,
           count(DISTINCT kpm) FILTER (WHERE NOT sasaran) AS luar
    FROM salur
    UNION ALL
    SELECT program, count(*), count(*) FILTER (WHERE NOT sasaran)
    FROM salur GROUP BY program
)
SELECT e.program,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       e.tidak AS keluarga_tidak_tercakup,
       e.tidak / nullif((SELECT count(*) FROM c), 0) AS kesalahan_eksklusi,
       coalesce(i.kpm, 0) AS kpm_penerima,
       coalesce(i.luar, 0) AS kpm_di_luar_sasaran,
       i.luar / nullif(i.kpm, 0) AS kesalahan_inklusi
FROM eksklusi e
LEFT JOIN inklusi i USING (program)
WHERE EXISTS (SELECT 1 FROM keluarga_periode WHERE periode = periode_atau_terakhir($periode))
ORDER BY e.program <> 'Semua program', e.program

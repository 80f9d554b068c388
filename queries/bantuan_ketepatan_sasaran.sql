-- name: bantuan_ketepatan_sasaran
-- returns: targeting errors of the period (BRIEF §5.1), each against one named eligible set. acuan 'miskin_ekstrem' (the city's target, the extreme-poor list): first row 'Semua program' (any programme), then one row per programme; acuan 'syarat_program': per programme with its own rule in data/reference/program.csv (sasaran names it, e.g. 'desil 1–5'; kuota_kpm = the programme's KPM quota where program.csv knows it, else NULL); only programmes with a recipient in the city in the window, and only rules the period's list can answer (no row for a rule that asks for a field the list lacks). Receiving = the cakupan definition (_shared/20_cakupan.sql): a 'tersalur' disbursement in the 12 months up to the period's end, or enrolment in the period's list (program_terdaftar). Exclusion error = keluarga of the period's list in the eligible set not receiving ÷ all of them (eligibility now: these are the families still to reach). Inclusion error = recipients (KPM) outside the eligible set ÷ the recipients judged (kpm_dinilai), where a paid KPM is judged on the list in force on its latest payment in the window (the latest flagged list at or before that month that has the family; penerima_bayar in _shared/35_sasaran.sql) and an enrolled one on the period's list: a family paid while extreme-poor that has graduated since is not an inclusion error. kpm_tidak_lagi_dalam_daftar = paid KPM that were on a list when paid and are on the period's list no more (died, moved, dropped: meninggal / pindah / keluar): their own category, not judged. A payment with only a NIK is its family's through the head's or a member's NIK (individu); one that matches nobody is its own KPM, on no list, outside every set. A recipient's area is its kelurahan on the period's list, else its kelurahan in the latest list that has it; recipients on no list count only when no area is chosen. No rows when the period has no keluarga list; no 'miskin_ekstrem' rows when the list carries no extreme-poverty flag.
-- unit: keluarga (keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima); KPM (kuota_kpm, kpm_penerima, kpm_tidak_lagi_dalam_daftar, kpm_dinilai, kpm_sasaran, kpm_bukan_sasaran); share 0-1 (kesalahan_eksklusi, kesalahan_inklusi; NULL when the base is 0)
-- counts: keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima, kpm_penerima, kpm_tidak_lagi_dalam_daftar, kpm_dinilai, kpm_sasaran, kpm_bukan_sasaran
-- sums: keluarga_sasaran = keluarga_sasaran_menerima + keluarga_sasaran_tidak_menerima; kpm_penerima = kpm_dinilai + kpm_tidak_lagi_dalam_daftar; kpm_dinilai = kpm_sasaran + kpm_bukan_sasaran
-- shares: kesalahan_eksklusi <- keluarga_sasaran; kesalahan_inklusi <- kpm_dinilai
-- derived: kesalahan_eksklusi <- keluarga_sasaran_tidak_menerima, keluarga_sasaran; kesalahan_inklusi <- kpm_bukan_sasaran, kpm_dinilai
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- every recipient of the period once (r is read several times below), then those of the area: a
-- KPM on the period's list by its kelurahan there, any other by its family's kelurahan in the
-- latest list that has it (a KPM on no list is in no area: it counts only for the city)
WITH semua AS MATERIALIZED (
    SELECT * FROM penerima_bayar_cepat(periode_atau_terakhir($periode))
),
r AS MATERIALIZED (
    SELECT program, kpm, ekstrem, memenuhi_syarat, ekstrem_saat_bayar, syarat_saat_bayar,
           tidak_lagi_dalam_daftar AS lepas
    FROM semua
    WHERE CASE WHEN di_daftar THEN di_wilayah(kode_kel, $kode_kec, $kode_kel)
               ELSE di_wilayah_kk(no_kk, $kode_kec, $kode_kel) END
),
ekstrem AS (
    SELECT CAST(coalesce(sum(keluarga_miskin_ekstrem), 0) AS BIGINT) AS n
    FROM keluarga_ringkas
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
-- (a) against the extreme-poor list; 'Semua program' per KPM (inside when any of its
-- programmes paid it while extreme-poor), then one row per programme and KPM
per_kpm AS (
    SELECT kpm, bool_or(ekstrem) AS ekstrem, bool_or(ekstrem_saat_bayar) AS saat_bayar,
           bool_and(lepas) AS lepas
    FROM r GROUP BY kpm
),
a AS (
    SELECT 1 AS urutan, 'Semua program' AS program,
           count(*) FILTER (WHERE ekstrem) AS menerima, count(*) AS kpm,
           count(*) FILTER (WHERE lepas) AS lepas,
           count(*) FILTER (WHERE NOT lepas AND NOT saat_bayar) AS luar
    FROM per_kpm
    UNION ALL
    SELECT 2, program, count(*) FILTER (WHERE ekstrem), count(*), count(*) FILTER (WHERE lepas),
           count(*) FILTER (WHERE NOT lepas AND NOT ekstrem_saat_bayar)
    FROM r GROUP BY program
),
-- (b) against each programme's own rule
b AS (
    SELECT s.program, s.syarat, s.keluarga_sasaran,
           count(x.kpm) FILTER (WHERE x.memenuhi_syarat) AS menerima,
           count(x.kpm) AS kpm,
           count(x.kpm) FILTER (WHERE x.lepas) AS lepas,
           count(x.kpm) FILTER (WHERE NOT x.lepas AND NOT x.syarat_saat_bayar) AS luar
    FROM sasaran_program(periode_atau_terakhir($periode), $kode_kec, $kode_kel) s
    LEFT JOIN r x ON x.program = s.program
    WHERE s.program IN (SELECT program FROM semua)
    GROUP BY s.program, s.syarat, s.keluarga_sasaran
),
baris AS (
    SELECT a.urutan, 'miskin_ekstrem' AS acuan, a.program, 'daftar miskin ekstrem' AS sasaran,
           NULL::INTEGER AS kuota_kpm, e.n AS keluarga_sasaran, a.menerima, a.kpm, a.lepas, a.luar
    FROM a, ekstrem e
    WHERE (SELECT ada_tanda_ekstrem FROM keluarga_periode
           WHERE periode = periode_atau_terakhir($periode))
    UNION ALL
    SELECT 3, 'syarat_program', b.program, b.syarat, p.kuota_kpm, b.keluarga_sasaran, b.menerima,
           b.kpm, b.lepas, b.luar
    FROM b LEFT JOIN program p USING (program)
)
SELECT acuan, program, sasaran, kuota_kpm,
       keluarga_sasaran,
       menerima AS keluarga_sasaran_menerima,
       keluarga_sasaran - menerima AS keluarga_sasaran_tidak_menerima,
       (keluarga_sasaran - menerima) / nullif(keluarga_sasaran, 0) AS kesalahan_eksklusi,
       kpm AS kpm_penerima,
       lepas AS kpm_tidak_lagi_dalam_daftar,
       kpm - lepas AS kpm_dinilai,
       kpm - lepas - luar AS kpm_sasaran,
       luar AS kpm_bukan_sasaran,
       luar / nullif(kpm - lepas, 0) AS kesalahan_inklusi
FROM baris
WHERE EXISTS (SELECT 1 FROM keluarga_periode WHERE periode = periode_atau_terakhir($periode))
ORDER BY urutan, program

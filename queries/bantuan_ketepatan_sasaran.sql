-- name: bantuan_ketepatan_sasaran
-- returns: targeting errors of the period (BRIEF §5.1), each against one named eligible set. acuan 'miskin_ekstrem' (the city's target, the extreme-poor list): first row 'Semua program' (any programme), then one row per programme; acuan 'syarat_program': per programme with its own rule in data/reference/program.csv (sasaran names it, e.g. 'desil 1–5'; kuota_kpm = the programme's KPM quota where program.csv knows it, else NULL); only programmes with a recipient in the city in the window, and only rules the period's list can answer (no row for a rule that asks for a field the list lacks). Receiving = the cakupan definition (_shared/20_cakupan.sql): a 'tersalur' disbursement in the 12 months up to the period's end, or enrolment in the period's list (program_terdaftar). Exclusion error = keluarga of the period's list in the eligible set not receiving ÷ all of them (eligibility now: these are the families still to reach). Inclusion error = recipients (KPM) outside the eligible set ÷ the recipients judged (kpm_dinilai), where a paid KPM is judged on the list in force on its latest payment in the window (the latest flagged list at or before that month that has the family; penerima_bayar in _shared/35_sasaran.sql) and an enrolled one on the period's list: a family paid while extreme-poor that has graduated since is not an inclusion error. kpm_tidak_lagi_dalam_daftar = paid KPM that were on a list when paid and are on the period's list no more (died, moved, dropped: meninggal / pindah / keluar): their own category, not judged. A payment with only a NIK is its family's through the head's or a member's NIK (individu); one that matches nobody is its own KPM, on no list, outside every set. A recipient's area is its kelurahan on the period's list, else its kelurahan in the latest list that has it; recipients on no list count only when no area is chosen. No rows when the period has no keluarga list; no 'miskin_ekstrem' rows when the list carries no extreme-poverty flag.
-- unit: keluarga (keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima); KPM (kuota_kpm, kpm_penerima, kpm_tidak_lagi_dalam_daftar, kpm_dinilai, kpm_sasaran, kpm_bukan_sasaran); share 0-1 (kesalahan_eksklusi, kesalahan_inklusi; NULL when the base is 0)
-- counts: keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima, kpm_penerima, kpm_tidak_lagi_dalam_daftar, kpm_dinilai, kpm_sasaran, kpm_bukan_sasaran
-- sums: keluarga_sasaran = keluarga_sasaran_menerima + keluarga_sasaran_tidak_menerima; kpm_penerima = kpm_dinilai + kpm_tidak_lagi_dalam_daftar; kpm_dinilai = kpm_sasaran + kpm_bukan_sasaran
-- shares: kesalahan_eksklusi <- keluarga_sasaran; kesalahan_inklusi <- kpm_dinilai
-- derived: kesalahan_eksklusi <- keluarga_sasaran_tidak_menerima, keluarga_sasaran; kesalahan_inklusi <- kpm_bukan_sasaran, kpm_dinilai
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: acuan = Acuan sasaran [teks]; program = Program [teks]; sasaran = Syarat (sasaran) [teks]; kuota_kpm = Kuota (KPM) [kpm]; keluarga_sasaran = Keluarga memenuhi syarat (keluarga) [keluarga]; keluarga_sasaran_menerima = Sasaran menerima (keluarga) [keluarga]; keluarga_sasaran_tidak_menerima = Memenuhi syarat, tidak menerima (keluarga) [keluarga]; kesalahan_eksklusi = Kesalahan eksklusi (%) [persen]; kpm_penerima = KPM penerima (KPM) [kpm]; kpm_tidak_lagi_dalam_daftar = Tidak lagi dalam daftar [kpm]; kpm_dinilai = Penerima dinilai (KPM) [kpm]; kpm_sasaran = Penerima sasaran (KPM) [kpm]; kpm_bukan_sasaran = Di luar syarat saat dibayar (KPM) [kpm]; kesalahan_inklusi = Kesalahan inklusi (%) [persen]
-- the recipients of the period counted by programme, kelurahan and what the check asks
-- (sasaran_kelompok, _shared/35_sasaran.sql; program NULL = per KPM over all its programmes),
-- then those of the area: a KPM on the period's list by its kelurahan there, any other by its
-- family's kelurahan in the latest list that has it (a KPM on no list is in no area: it counts
-- only for the city)
WITH semua AS MATERIALIZED (
    SELECT * FROM sasaran_kelompok_cepat(periode_atau_terakhir($periode))
),
r AS (
    SELECT * FROM semua WHERE program IS NOT NULL AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
ekstrem AS (
    SELECT CAST(coalesce(sum(keluarga_miskin_ekstrem), 0) AS BIGINT) AS n
    FROM keluarga_ringkas
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
-- (a) against the extreme-poor list; 'Semua program' per KPM (inside when any of its
-- programmes paid it while extreme-poor), then one row per programme and KPM
a AS (
    SELECT 1 AS urutan, 'Semua program' AS program,
           CAST(coalesce(sum(n) FILTER (WHERE ekstrem), 0) AS BIGINT) AS menerima, CAST(coalesce(sum(n), 0) AS BIGINT) AS kpm,
           CAST(coalesce(sum(n) FILTER (WHERE lepas), 0) AS BIGINT) AS lepas,
           CAST(coalesce(sum(n) FILTER (WHERE NOT lepas AND NOT ekstrem_saat_bayar), 0) AS BIGINT) AS luar
    FROM semua WHERE program IS NULL AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
    UNION ALL
    SELECT 2, program, CAST(coalesce(sum(n) FILTER (WHERE ekstrem), 0) AS BIGINT), CAST(sum(n) AS BIGINT),
           CAST(coalesce(sum(n) FILTER (WHERE lepas), 0) AS BIGINT),
           CAST(coalesce(sum(n) FILTER (WHERE NOT lepas AND NOT ekstrem_saat_bayar), 0) AS BIGINT)
    FROM r GROUP BY program
),
-- (b) against each programme's own rule
b AS (
    SELECT s.program, s.syarat, s.keluarga_sasaran,
           CAST(coalesce(sum(x.n) FILTER (WHERE x.memenuhi_syarat), 0) AS BIGINT) AS menerima,
           CAST(coalesce(sum(x.n), 0) AS BIGINT) AS kpm,
           CAST(coalesce(sum(x.n) FILTER (WHERE x.lepas), 0) AS BIGINT) AS lepas,
           CAST(coalesce(sum(x.n) FILTER (WHERE NOT x.lepas AND NOT x.syarat_saat_bayar), 0) AS BIGINT) AS luar
    FROM sasaran_program(periode_atau_terakhir($periode), $kode_kec, $kode_kel) s
    LEFT JOIN r x ON x.program = s.program
    WHERE s.program IN (SELECT program FROM semua WHERE program IS NOT NULL)
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

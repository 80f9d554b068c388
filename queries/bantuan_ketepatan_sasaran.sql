-- name: bantuan_ketepatan_sasaran
-- returns: targeting errors of the period (BRIEF §5.1), each against one named eligible set used on both sides. acuan 'miskin_ekstrem' (the city's target, the period's extreme-poor list): first row 'Semua program' (any programme), then one row per programme; acuan 'syarat_program': per programme with its own rule in data/reference/program.csv (sasaran names it, e.g. 'desil 1–5'), eligible = the period's listed families that meet it; only programmes with a recipient in the city in the window, and only rules the period's list can answer (a list without desil, extreme flag or business field gives no row for a rule that asks for it). Receiving = the cakupan definition (_shared/20_cakupan.sql): a 'tersalur' disbursement in the 12 months up to the period's end, or enrolment in the period's list (program_terdaftar); enrolment counts on both sides (an enrolled eligible family is reached; an enrolled family outside the set is an inclusion error). Exclusion error = eligible keluarga not receiving ÷ all eligible keluarga. Inclusion error = recipients (KPM; a payment with only a NIK that matches no family head is its own KPM, never eligible) outside the eligible set ÷ all recipients. A recipient's area is its kelurahan on the period's list, else its kelurahan in the latest list that has it; recipients on no list count only when no area is chosen. No rows when the period has no keluarga list; no 'miskin_ekstrem' rows when the list carries no extreme-poverty flag.
-- unit: keluarga (keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima); KPM (kpm_penerima, kpm_sasaran, kpm_bukan_sasaran); share 0-1 (kesalahan_eksklusi, kesalahan_inklusi; NULL when the base is 0)
-- counts: keluarga_sasaran, keluarga_sasaran_menerima, keluarga_sasaran_tidak_menerima, kpm_penerima, kpm_sasaran, kpm_bukan_sasaran
-- sums: keluarga_sasaran = keluarga_sasaran_menerima + keluarga_sasaran_tidak_menerima; kpm_penerima = kpm_sasaran + kpm_bukan_sasaran
-- shares: kesalahan_eksklusi <- keluarga_sasaran; kesalahan_inklusi <- kpm_penerima
-- derived: kesalahan_eksklusi <- keluarga_sasaran_tidak_menerima, keluarga_sasaran; kesalahan_inklusi <- kpm_bukan_sasaran, kpm_penerima
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- every recipient of the period once (r is read four times below), then those of the area: a
-- KPM on the period's list by its kelurahan there, any other by its family's kelurahan in the
-- latest list that has it (a KPM on no list is in no area: it counts only for the city)
WITH semua AS MATERIALIZED (
    SELECT * FROM penerima_cepat(periode_atau_terakhir($periode))
),
r AS MATERIALIZED (
    SELECT program, kpm, ekstrem, memenuhi_syarat
    FROM semua
    WHERE CASE WHEN di_daftar THEN di_wilayah(kode_kel, $kode_kec, $kode_kel)
               ELSE di_wilayah_kk(no_kk, $kode_kec, $kode_kel) END
),
ekstrem AS (
    SELECT CAST(coalesce(sum(keluarga_miskin_ekstrem), 0) AS BIGINT) AS n
    FROM keluarga_ringkas
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
-- (a) against the extreme-poor list; one row per programme and KPM in r, so per programme
-- count(*) counts KPM
a AS (
    SELECT 1 AS urutan, 'Semua program' AS program,
           count(DISTINCT kpm) FILTER (WHERE ekstrem) AS menerima,
           count(DISTINCT kpm) AS kpm,
           count(DISTINCT kpm) FILTER (WHERE NOT ekstrem) AS luar
    FROM r
    UNION ALL
    SELECT 2, program, count(*) FILTER (WHERE ekstrem), count(*), count(*) FILTER (WHERE NOT ekstrem)
    FROM r GROUP BY program
),
-- (b) against each programme's own rule
b AS (
    SELECT s.program, s.syarat, s.keluarga_sasaran,
           count(x.kpm) FILTER (WHERE x.memenuhi_syarat) AS menerima,
           count(x.kpm) AS kpm,
           count(x.kpm) FILTER (WHERE NOT x.memenuhi_syarat) AS luar
    FROM sasaran_program(periode_atau_terakhir($periode), $kode_kec, $kode_kel) s
    LEFT JOIN r x ON x.program = s.program
    WHERE s.program IN (SELECT program FROM semua)
    GROUP BY s.program, s.syarat, s.keluarga_sasaran
),
baris AS (
    SELECT a.urutan, 'miskin_ekstrem' AS acuan, a.program, 'daftar miskin ekstrem' AS sasaran,
           e.n AS keluarga_sasaran, a.menerima, a.kpm, a.luar
    FROM a, ekstrem e
    WHERE (SELECT ada_tanda_ekstrem FROM keluarga_periode
           WHERE periode = periode_atau_terakhir($periode))
    UNION ALL
    SELECT 3, 'syarat_program', program, syarat, keluarga_sasaran, menerima, kpm, luar FROM b
)
SELECT acuan, program, sasaran,
       keluarga_sasaran,
       menerima AS keluarga_sasaran_menerima,
       keluarga_sasaran - menerima AS keluarga_sasaran_tidak_menerima,
       (keluarga_sasaran - menerima) / nullif(keluarga_sasaran, 0) AS kesalahan_eksklusi,
       kpm AS kpm_penerima,
       kpm - luar AS kpm_sasaran,
       luar AS kpm_bukan_sasaran,
       luar / nullif(kpm, 0) AS kesalahan_inklusi
FROM baris
WHERE EXISTS (SELECT 1 FROM keluarga_periode WHERE periode = periode_atau_terakhir($periode))
ORDER BY urutan, program

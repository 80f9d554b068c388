-- The area-filtered half of the targeting check (penerima and syarat_program are in
-- 25_ringkas.sql); here because it uses di_wilayah of 30_angka_utama.sql.

-- sasaran_program(p, kec, kel): per programme with a rule, the families of p's list in the
-- area that meet it (the eligible set of that programme's targeting check), counted over
-- keluarga_syarat's groups so each rule is applied to a few hundred rows. Only rules p's list
-- can answer: a list that carries no desil (the 2022 bansos lists), no extreme-poverty flag
-- (P3KE 2021) or no business field says nothing about who meets a rule on it, so no row.
CREATE OR REPLACE MACRO sasaran_program(p, kec, kel) AS TABLE
WITH semua AS (SELECT * FROM keluarga_syarat_cepat(p)),
ada AS (
    SELECT bool_or(desil IS NOT NULL) AS desil, bool_or(ekstrem IS NOT NULL) AS ekstrem,
           bool_or(usaha IS NOT NULL) AS usaha
    FROM semua
),
g AS (SELECT * FROM semua WHERE di_wilayah(kode_kel, kec, kel))
SELECT r.program, r.syarat, CAST(coalesce(sum(g.n), 0) AS BIGINT) AS keluarga_sasaran
FROM syarat_program r
CROSS JOIN ada
LEFT JOIN g ON memenuhi_syarat(g.desil, g.ekstrem, g.usaha, r.desil_maks, r.wajib_ekstrem,
                               r.wajib_usaha)
WHERE r.punya_syarat
  AND (r.desil_maks IS NULL OR ada.desil IS TRUE)
  AND (NOT r.wajib_ekstrem OR ada.ekstrem IS TRUE)
  AND (NOT r.wajib_usaha OR ada.usaha IS TRUE)
GROUP BY r.program, r.syarat;

-- penerima_bayar(p): the recipients of period p for the targeting check, judged when they were
-- paid (issue 11, review M2). One row per programme and KPM, over the same 12 months and the
-- same enrolment as cakupan(p) (penerima(p) of 25_ringkas.sql, which judges every recipient on
-- p's own list, stays for the coverage side):
--   di_daftar, kode_kel, ekstrem, memenuhi_syarat   the KPM on p's list (the exclusion side:
--       an eligible family of p's list is reached when it is a recipient here)
--   ekstrem_saat_bayar, syarat_saat_bayar   the inclusion side: a paid KPM is judged on the list
--       in force on the date of its latest payment in the window, the latest flagged list (a
--       DTKS/DTSEN snapshot with the extreme flag, desil and business) at or before that month
--       that has the family, or its earliest flagged list up to p when paid before it (the rule
--       wilayah_kk_riwayat uses for area, over the lists that can answer a rule: a P3KE or
--       bansos list carries no desil or flag); an enrolled KPM on p's list, which shows the
--       enrolment. Either meeting the rule is enough.
--   tidak_lagi_dalam_daftar   paid, on a list when paid, and not on p's list any more (died,
--       moved, dropped at verval): its own category, neither inside nor outside the rule.
-- A payment with only a NIK is its family's when the NIK is a head's or a member's
-- (penyaluran_baris); one that matches nobody is its own KPM, on no list, never eligible.
CREATE OR REPLACE MACRO penerima_bayar(p) AS TABLE
WITH bayar AS (
    SELECT program, coalesce(no_kk, 'NIK ' || nik) AS kpm, no_kk,
           strftime(max(tanggal_salur), '%Y-%m') AS bulan
    FROM penyaluran_kk
    WHERE status = 'tersalur' AND dalam_12_bulan(tanggal_salur, p)
    GROUP BY ALL
),
daftar AS (
    SELECT no_kk, kode_kel, desil, miskin_ekstrem, punya_usaha, program_terdaftar
    FROM keluarga WHERE periode = p
),
terdaftar AS (
    SELECT DISTINCT unnest(program_terdaftar) AS program, no_kk
    FROM daftar WHERE len(program_terdaftar) > 0
),
semua AS (
    SELECT program, kpm, no_kk, max(bulan) AS bulan, bool_or(terdaftar) AS terdaftar
    FROM (
        SELECT program, kpm, no_kk, bulan, false AS terdaftar FROM bayar
        UNION ALL
        SELECT program, no_kk, no_kk, NULL, true FROM terdaftar
    )
    GROUP BY program, kpm, no_kk
),
-- the flagged lists up to p of the paid families, one row per family and list
riwayat AS (
    SELECT k.no_kk, k.periode,
           struct_pack(desil := k.desil, ekstrem := k.miskin_ekstrem,
                       usaha := k.punya_usaha) AS baris
    FROM keluarga k
    WHERE k.periode <= p
      AND k.periode IN (SELECT periode FROM keluarga_periode WHERE ada_tanda_ekstrem)
      AND k.no_kk IN (SELECT no_kk FROM bayar)
),
berlaku AS (
    SELECT s.program, s.kpm,
           coalesce(arg_max(r.baris, r.periode) FILTER (WHERE r.periode <= s.bulan),
                    arg_min(r.baris, r.periode)) AS baris
    FROM semua s JOIN riwayat r ON r.no_kk = s.no_kk
    WHERE s.bulan IS NOT NULL
    GROUP BY s.program, s.kpm
)
SELECT s.program, s.kpm, s.no_kk, d.kode_kel, d.no_kk IS NOT NULL AS di_daftar,
       coalesce(d.miskin_ekstrem, false) AS ekstrem,
       CASE WHEN r.punya_syarat THEN d.no_kk IS NOT NULL
           AND memenuhi_syarat(d.desil, d.miskin_ekstrem, d.punya_usaha, r.desil_maks,
                               r.wajib_ekstrem, r.wajib_usaha) END AS memenuhi_syarat,
       (s.terdaftar AND coalesce(d.miskin_ekstrem, false))
           OR coalesce(b.baris.ekstrem, false) AS ekstrem_saat_bayar,
       CASE WHEN r.punya_syarat THEN
           (s.terdaftar AND memenuhi_syarat(d.desil, d.miskin_ekstrem, d.punya_usaha,
                                            r.desil_maks, r.wajib_ekstrem, r.wajib_usaha))
           OR (b.baris IS NOT NULL
               AND memenuhi_syarat(b.baris.desil, b.baris.ekstrem, b.baris.usaha, r.desil_maks,
                                   r.wajib_ekstrem, r.wajib_usaha)) END AS syarat_saat_bayar,
       NOT s.terdaftar AND d.no_kk IS NULL AND b.baris IS NOT NULL AS tidak_lagi_dalam_daftar
FROM semua s
LEFT JOIN daftar d ON d.no_kk = s.no_kk
LEFT JOIN berlaku b ON b.program = s.program AND b.kpm = s.kpm
LEFT JOIN syarat_program r ON r.program = s.program;

-- penerima_bayar_terakhir / penerima_bayar_cepat(p): as salur_terakhir / salur_12_bulan_cepat
-- in 20_cakupan.sql (the latest period, the one every page opens on, kept per refresh).
CREATE OR REPLACE TABLE penerima_bayar_terakhir AS
SELECT * FROM penerima_bayar(getvariable('periode_tersimpan'));

CREATE OR REPLACE MACRO penerima_bayar_cepat(p) AS TABLE
SELECT * FROM penerima_bayar_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM penerima_bayar(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

-- sasaran_kelompok(p): penerima_bayar_cepat(p) counted by what the targeting check asks of a
-- recipient: per programme and kelurahan of the KPM (its kelurahan on p's list, else its
-- family's in the latest list that has it, wilayah_kk; NULL for a KPM on no list, which counts
-- only for the city), the KPM (n) with each combination of ekstrem, memenuhi_syarat,
-- ekstrem_saat_bayar, syarat_saat_bayar and lepas (tidak_lagi_dalam_daftar); and with program
-- NULL, per KPM over all its programmes ('Semua program': ekstrem and ekstrem_saat_bayar of any,
-- lepas of all). A few hundred rows where penerima_bayar has one per programme and KPM: kept for
-- the latest period (sasaran_kelompok_terakhir) for bantuan_ketepatan_sasaran.
CREATE OR REPLACE MACRO sasaran_kelompok(p) AS TABLE
WITH r AS (
    SELECT s.program, s.kpm,
           CASE WHEN s.di_daftar THEN s.kode_kel ELSE w.kode_kel END AS kode_kel,
           s.ekstrem, s.memenuhi_syarat, s.ekstrem_saat_bayar, s.syarat_saat_bayar,
           s.tidak_lagi_dalam_daftar AS lepas
    FROM penerima_bayar_cepat(p) s
    LEFT JOIN wilayah_kk w ON w.no_kk = s.no_kk AND NOT s.di_daftar
)
SELECT program, kode_kel, ekstrem, memenuhi_syarat, ekstrem_saat_bayar, syarat_saat_bayar, lepas,
       count(*) AS n
FROM r GROUP BY ALL
UNION ALL
SELECT NULL, kode_kel, ekstrem, NULL, saat_bayar, NULL, lepas, count(*)
FROM (
    SELECT kpm, any_value(kode_kel) AS kode_kel, bool_or(ekstrem) AS ekstrem,
           bool_or(ekstrem_saat_bayar) AS saat_bayar, bool_and(lepas) AS lepas
    FROM r GROUP BY kpm
)
GROUP BY ALL;

CREATE OR REPLACE TABLE sasaran_kelompok_terakhir AS
SELECT * FROM sasaran_kelompok(getvariable('periode_tersimpan'));

CREATE OR REPLACE MACRO sasaran_kelompok_cepat(p) AS TABLE
SELECT * FROM sasaran_kelompok_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM sasaran_kelompok(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

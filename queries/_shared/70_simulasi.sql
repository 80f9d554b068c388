-- Macros of the budget simulation (queries/simulasi.sql).

-- fgt_kurang(y, z): a person's relative shortfall below line z, (z − y) / z, 0 at or above it:
-- the term of the Foster–Greer–Thorbecke indices exactly as queries/fgt.sql writes it
-- (p1 = 100·Σ w·kurang / Σ w, p2 = 100·Σ w·kurang² / Σ w, p0 = 100·Σ w·[y < z] / Σ w).
CREATE OR REPLACE MACRO fgt_kurang(y, z) AS
    CASE WHEN y < z THEN (z - y) / z ELSE 0 END;

-- peringkat_kantong(p): per kelurahan of period p, the pocket index and its rank over the whole
-- city: the Peta page's own (peta_kelurahan_p, _shared/65_peta_kelurahan.sql), written once.
CREATE OR REPLACE MACRO peringkat_kantong(p) AS TABLE
SELECT kode_kel, indeks_kantong, peringkat FROM peta_kelurahan_p(p);

-- simulasi_atur(anggaran, biaya_per_kpm, bulan): the simulation's inputs as numbers (the CLI's
-- `query` passes text): the budget (empty = 0), the cost of the transfer per family, its effect
-- on the family's monthly spending (tambahan = biaya ÷ bulan, bulan empty = 12) and n_maks, the
-- most families the budget pays for (floor(anggaran ÷ biaya); 0 without a cost).
CREATE OR REPLACE MACRO simulasi_atur(anggaran_, biaya_, bulan_) AS TABLE
SELECT anggaran, biaya, biaya / bulan AS tambahan,
       coalesce(CAST(floor(anggaran / nullif(biaya, 0)) AS BIGINT), 0) AS n_maks
FROM (SELECT coalesce(CAST(anggaran_ AS DOUBLE), 0) AS anggaran,
             CAST(biaya_ AS DOUBLE) AS biaya,
             coalesce(CAST(bulan_ AS DOUBLE), 12) AS bulan);

-- penerima_bansos(p): the families of period p's list reached by a strategy-1 programme:
-- exactly `cakupan(p) WHERE tercakup_bansos` (tests/test_simulasi.py checks it on the demo
-- lake), asked of the two sources apart instead of building every family's programme list
-- (half the time at a million families).
CREATE OR REPLACE MACRO penerima_bansos(p) AS TABLE
SELECT k.no_kk
FROM keluarga k
LEFT JOIN salur_12_bulan_cepat(p) s USING (no_kk)
WHERE k.periode = p
  AND (dalam_strategi(k.program_terdaftar, 1) OR dalam_strategi(s.program_salur, 1));

-- penerima_bansos_terakhir / penerima_bansos_cepat(p): penerima_bansos of the latest period kept
-- per refresh (as salur_terakhir, 20_cakupan.sql): the 'sekarang' strategy then reads one column
-- of families instead of every family's enrolment list and 12 months' payments.
CREATE OR REPLACE TABLE penerima_bansos_terakhir AS
SELECT * FROM penerima_bansos(getvariable('periode_tersimpan'));

CREATE OR REPLACE MACRO penerima_bansos_cepat(p) AS TABLE
SELECT * FROM penerima_bansos_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM penerima_bansos(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

-- simulasi_calon_hitung(p): period p's listed families with a spending figure (beban_keluarga,
-- as queries/fgt.sql) and a line: w persons, y per-capita spending, z the extreme line,
-- ditandai = flagged extreme-poor, bertanda = the period's list carries the flag at all; and
-- the family's latest verval when it found the family tidak memenuhi (Tidak Layak:
-- verval_akhir_keluarga, _shared/40_verval.sql, the latest of every verval period, as Daftar
-- sasaran shows it): tidak_layak, alasan_verval (NULL = no reason given), tanggal_verval; and
-- penerima = reached by a strategy-1 programme now (penerima_bansos below: the `sekarang`
-- strategy's families), so that a simulation asks no join of the 5 million for it.
CREATE OR REPLACE MACRO simulasi_calon_hitung(p) AS TABLE
SELECT b.no_kk, b.kode_kec, b.kode_kel, b.jumlah_anggota AS w, b.pengeluaran_per_kapita AS y,
       b.garis_ekstrem AS z, b.miskin_ekstrem AND b.bertanda AS ditandai, b.bertanda,
       v.no_kk IS NOT NULL AS tidak_layak, v.verval_terakhir_alasan AS alasan_verval,
       v.verval_terakhir_tanggal AS tanggal_verval,
       coalesce(b.no_kk IN (SELECT no_kk FROM penerima_bansos_cepat(p)), false) AS penerima
FROM beban_keluarga(p) b
LEFT JOIN (SELECT * FROM verval_akhir_keluarga() WHERE verval_terakhir = 'tidak memenuhi') v
    -- a verval older than the period's list was the list's to weigh: a 2023 "sudah mampu" does
    -- not undo a 2026 list that flags the family again (perencana review 2, SHOULD 1)
    ON v.no_kk = b.no_kk AND v.verval_terakhir_tanggal >= CAST(p || '-01' AS DATE)
WHERE b.pengeluaran_per_kapita IS NOT NULL AND b.garis_ekstrem IS NOT NULL;

-- simulasi_calon_terakhir: simulasi_calon_hitung of the latest period, kept per refresh (as
-- penerima_bansos_terakhir below): a simulation reads its candidates four times (before and
-- after sums, the strategies' orders); from the lake that is four scans of the period's
-- keluarga files (at 5.000.000 keluarga most of a simulation's time), from here an in-memory
-- table. An import rebuilds it (the engine runs _shared again), verval results too.
CREATE OR REPLACE TABLE simulasi_calon_terakhir AS
SELECT * FROM simulasi_calon_hitung(getvariable('periode_tersimpan'));

-- simulasi_calon_semua(p, kec, sasaran): simulasi_calon_hitung(p) (the kept table for the latest
-- period) in kecamatan kec, or in every kecamatan of kab/kota kec in a province (35.23: its
-- kecamatan 35.23.xx; NULL = the whole region); sasaran 'ekstrem' = only those flagged
-- miskin_ekstrem on the period's list (anything else, NULL too = all of them).
CREATE OR REPLACE MACRO simulasi_calon_semua(p, kec, sasaran) AS TABLE
SELECT * FROM (
    SELECT * FROM simulasi_calon_terakhir WHERE p = getvariable('periode_tersimpan')
    UNION ALL
    SELECT * FROM simulasi_calon_hitung(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan')
)
WHERE (kec IS NULL OR kode_kec = kec OR starts_with(kode_kec, kec || '.'))
  AND (sasaran IS DISTINCT FROM 'ekstrem' OR ditandai);

-- simulasi_calon_keluarga(p, kec, sasaran): the families a strategy may reach: those of
-- simulasi_calon_semua whose latest verval since the period's list did not find them tidak
-- memenuhi (never checked, or memenuhi last). A family found Tidak Layak (meninggal, pindah,
-- sudah mampu, …) is reached by no strategy, but stays in the population the indices are of
-- (P0, P1, P2 are of the period's list, as on the Beban page: perencana review 2, MUST 1);
-- queries/simulasi.sql counts them (keluarga_dikeluarkan), simulasi_dikeluarkan.sql per reason.
CREATE OR REPLACE MACRO simulasi_calon_keluarga(p, kec, sasaran) AS TABLE
SELECT no_kk, kode_kec, kode_kel, w, y, z, ditandai, bertanda, penerima
FROM simulasi_calon_semua(p, kec, sasaran)
WHERE NOT tidak_layak;

-- simulasi_dicapai(p, kec, anggaran, biaya, bulan, sasaran): per strategy the families the budget reaches
-- among simulasi_calon_keluarga(p, kec, sasaran)
-- (strategi, no_kk, urut = the order reached, and the family's kode_kec, w, y, z, ditandai, so
-- that the sums after the transfer join nothing), each strategy's order written once here
-- (queries/simulasi.sql says what each means). The budget takes the first n_maks of each order
-- (a top-n, ORDER BY … LIMIT, not a sort of every candidate), for proporsional each
-- kecamatan's quota (a window over the families below the line).
CREATE OR REPLACE MACRO simulasi_dicapai(p, kec, anggaran_, biaya_, bulan_, sasaran) AS TABLE
WITH atur AS (SELECT * FROM simulasi_atur(anggaran_, biaya_, bulan_)),
miskin AS MATERIALIZED (SELECT * FROM simulasi_calon_keluarga(p, kec, sasaran) WHERE y < z),
kantong AS (SELECT kode_kel, peringkat FROM peringkat_kantong(p)),
kuota AS (
    SELECT kode_kec,
           CAST(floor((SELECT n_maks FROM atur) * count(*) / sum(count(*)) OVER ()) AS BIGINT)
               AS kuota
    FROM miskin GROUP BY kode_kec
),
terdekat AS (
    SELECT no_kk, kode_kec, w, y, z, ditandai, y + a.tambahan / w >= z AS terangkat,
           (z - y) * w AS kurang_keluarga
    FROM miskin, atur a
    ORDER BY terangkat DESC, w DESC, kurang_keluarga, no_kk
    LIMIT (SELECT n_maks FROM atur)
),
termiskin AS (
    SELECT no_kk, kode_kec, w, y, z, ditandai,
           w * (fgt_kurang(y, z) ^ 2 - fgt_kurang(y + a.tambahan / w, z) ^ 2) AS turun_p2
    FROM miskin, atur a
    ORDER BY turun_p2 DESC, y, no_kk
    LIMIT (SELECT n_maks FROM atur)
),
di_kantong AS (
    SELECT m.no_kk, m.kode_kec, m.w, m.y, m.z, m.ditandai, c.peringkat
    FROM miskin m LEFT JOIN kantong c ON c.kode_kel = m.kode_kel
    ORDER BY c.peringkat NULLS LAST, m.y, m.no_kk
    LIMIT (SELECT n_maks FROM atur)
),
sekarang AS (
    SELECT no_kk, kode_kec, w, y, z, ditandai
    FROM simulasi_calon_keluarga(p, kec, sasaran)
    WHERE penerima
    ORDER BY y, no_kk
    LIMIT (SELECT n_maks FROM atur)
),
proporsional AS (
    SELECT m.no_kk, m.kode_kec, m.w, m.y, m.z, m.ditandai,
           row_number() OVER (PARTITION BY m.kode_kec ORDER BY m.y, m.no_kk) AS urut, q.kuota
    FROM miskin m JOIN kuota q ON q.kode_kec = m.kode_kec
    QUALIFY urut <= q.kuota
)
SELECT 'terdekat_garis' AS strategi, no_kk,
       row_number() OVER (ORDER BY terangkat DESC, w DESC, kurang_keluarga, no_kk) AS urut,
       kode_kec, w, y, z, ditandai
FROM terdekat
UNION ALL
SELECT 'termiskin', no_kk, row_number() OVER (ORDER BY turun_p2 DESC, y, no_kk),
       kode_kec, w, y, z, ditandai
FROM termiskin
UNION ALL
SELECT 'kantong', no_kk, row_number() OVER (ORDER BY peringkat NULLS LAST, y, no_kk),
       kode_kec, w, y, z, ditandai
FROM di_kantong
UNION ALL
SELECT 'sekarang', no_kk, row_number() OVER (ORDER BY y, no_kk), kode_kec, w, y, z, ditandai
FROM sekarang
UNION ALL
SELECT 'proporsional', no_kk, urut, kode_kec, w, y, z, ditandai FROM proporsional;

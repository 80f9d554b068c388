-- angka_utama(p, kec, kel): the headline figures of one period p for an area (kec / kel may be
-- NULL for all): whether p is a flagged period (below), its sources and the keluarga on its
-- list; extreme-poor keluarga and jiwa on p's list (NULL, not 0, when p is flagless); keluarga
-- that left extreme poverty this year (monitoring status 'keluar' between 1 January and p's
-- end); coverage of the extreme-poor (share reached, see cakupan); aid disbursed this year
-- (Rp, tersalur). Coverage is cakupan bansos: the share reached by a strategy-1
-- programme (tercakup_bansos in cakupan).
-- A payment or visit is booked to the kelurahan the family lived in on its date (the list in
-- force then, wilayah_kk_riwayat), so a move does not rewrite an area's past figures; with no
-- area chosen every payment counts, those to no listed family too ('wilayah tidak diketahui').
-- kec is an area code: a kecamatan's (35.75.04), or in a province a kab/kota's (35.23), so
-- every query that takes kode_kec also takes a chosen kab/kota (Kemendagri codes nest).
CREATE OR REPLACE MACRO di_wilayah(kode, kec, kel) AS
    (kec IS NULL OR starts_with(kode, kec || '.')) AND (kel IS NULL OR kode = kel);

-- keluarga_terakhir: each family's kelurahan in the latest list that has it (a family's area
-- where no date is asked about: the families of a group, not what was paid or seen when).
CREATE OR REPLACE VIEW keluarga_terakhir AS
SELECT no_kk, arg_max(kode_kel, periode) AS kode_kel FROM keluarga GROUP BY no_kk;

-- wilayah_kk_riwayat: where a family lived when: per family an area is asked about by no_kk
-- (paid, visited, or extreme-poor on some list), one row per run of lists with the same
-- kelurahan, valid for the months from mulai up to (not including) sampai; NULL sampai = to
-- this day. The first run starts at '' so that a payment or visit dated before the family's
-- first list is booked to the kelurahan of the earliest list that has it. A month in a gap
-- between lists belongs to the latest list before it that has the family. Two rows of one list
-- with different kelurahan count as the smaller code. Kept as a table per refresh: most families
-- never move, so they are one row each, and only the movers' lists are read period by period.
CREATE OR REPLACE TABLE wilayah_kk_riwayat AS
WITH ditanya AS (
    SELECT no_kk FROM penyaluran_baris
    UNION SELECT no_kk FROM pemantauan
    UNION SELECT no_kk FROM cakupan_ekstrem
),
kk AS (
    SELECT no_kk, min(kode_kel) AS kel_min, max(kode_kel) AS kel_max,
           arg_max(kode_kel, periode) AS kode_kel
    FROM keluarga
    WHERE no_kk IN (SELECT no_kk FROM ditanya)
    GROUP BY no_kk
),
pindah AS (
    SELECT no_kk, periode, min(kode_kel) AS kode_kel
    FROM keluarga
    WHERE no_kk IN (SELECT no_kk FROM kk WHERE kel_min <> kel_max)
    GROUP BY no_kk, periode
),
awal_run AS (
    SELECT no_kk, periode, kode_kel FROM (
        SELECT *, lag(kode_kel) OVER (PARTITION BY no_kk ORDER BY periode) AS sebelumnya,
               row_number() OVER (PARTITION BY no_kk ORDER BY periode) AS ke
        FROM pindah
    )
    WHERE ke = 1 OR sebelumnya IS DISTINCT FROM kode_kel
)
SELECT no_kk, '' AS mulai, NULL::VARCHAR AS sampai, kode_kel
FROM kk WHERE kel_min IS NOT DISTINCT FROM kel_max
UNION ALL
SELECT no_kk,
       CASE WHEN row_number() OVER w = 1 THEN '' ELSE periode END AS mulai,
       lead(periode) OVER w AS sampai, kode_kel
FROM awal_run
WINDOW w AS (PARTITION BY no_kk ORDER BY periode);

-- wilayah_kk: each family's kelurahan in the latest list that has it (keluarga_terakhir), for
-- the families of wilayah_kk_riwayat: its last run. What di_wilayah_kk asks about.
CREATE OR REPLACE VIEW wilayah_kk AS
SELECT no_kk, kode_kel FROM wilayah_kk_riwayat WHERE sampai IS NULL;

-- di_wilayah_kk(kk, kec, kel): family kk's kelurahan in the latest list that has it lies in the
-- area (a family on no list is in no area); for the families of wilayah_kk, the only ones it is
-- asked about. With no area chosen it is true for every row, and the lookup folds away. For a
-- family as a member of a group; what was paid or seen is booked by date (penyaluran_di, pemantauan_di).
CREATE OR REPLACE MACRO di_wilayah_kk(kk, kec, kel) AS
    (kec IS NULL AND kel IS NULL)
    OR kk IN (SELECT no_kk FROM wilayah_kk
              WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel));

-- penyaluran_wilayah: penyaluran_kk with the kelurahan (kode_kel, kode_kec) the family lived in
-- when it was paid: its run in wilayah_kk_riwayat holding the payment's month. NULL = wilayah
-- tidak diketahui: a NIK that matches no family head, or a no_kk on no list.
CREATE OR REPLACE VIEW penyaluran_wilayah AS
SELECT s.*, r.kode_kel, substr(r.kode_kel, 1, 8) AS kode_kec
FROM penyaluran_kk s
LEFT JOIN wilayah_kk_riwayat r
    ON r.no_kk = s.no_kk AND strftime(s.tanggal_salur, '%Y-%m') >= r.mulai
   AND (r.sampai IS NULL OR strftime(s.tanggal_salur, '%Y-%m') < r.sampai);

-- salur_bulan: per month of payment, kelurahan it is booked to (penyaluran_wilayah's kode_kel;
-- NULL = wilayah tidak diketahui) and status, the payments (n) and their Rp (rp), kept as a
-- table per refresh of a few thousand rows. Year-to-date sums ("tahun ini": 1 January to a
-- period's end, whole months) are sums of its rows, for any period and area, instead of a scan
-- of every payment with the lookup of where the family lived (angka_utama, ringkasan_kpi's
-- same span a year earlier).
CREATE OR REPLACE TABLE salur_bulan AS
SELECT strftime(tanggal_salur, '%Y-%m') AS bulan, kode_kel, status,
       count(*) AS n, sum(nilai) AS rp
FROM penyaluran_wilayah
GROUP BY ALL;

-- bulan_sejak_awal_tahun(bulan, p): a month ('YYYY-MM') from January of p's year to p itself:
-- the months of sejak_awal_tahun (below) as text.
CREATE OR REPLACE MACRO bulan_sejak_awal_tahun(bulan, p) AS
    bulan BETWEEN left(p, 4) || '-01' AND p;

-- penyaluran_tanpa_wilayah: the payments (penyaluran_kk) of no known area (penyaluran_wilayah's
-- kode_kel NULL: a family in no list), kept as a table per refresh for the Data page.
CREATE OR REPLACE TABLE penyaluran_tanpa_wilayah AS
SELECT * FROM penyaluran_kk
WHERE no_kk IS NULL OR no_kk NOT IN (SELECT no_kk FROM wilayah_kk_riwayat);

-- pemantauan_wilayah: the monitoring visits with the kelurahan the family lived in when it was
-- visited (as penyaluran_wilayah): kode_kel NULL for a family on no list.
CREATE OR REPLACE VIEW pemantauan_wilayah AS
SELECT m.*, r.kode_kel
FROM pemantauan m
LEFT JOIN wilayah_kk_riwayat r
    ON r.no_kk = m.no_kk AND strftime(m.tanggal, '%Y-%m') >= r.mulai
   AND (r.sampai IS NULL OR strftime(m.tanggal, '%Y-%m') < r.sampai);

-- pemantauan_keluar / pemantauan_bulan: the visits that found a family leaving extreme poverty
-- ('keluar'), with their month and the kelurahan the family lived in then (pemantauan_wilayah),
-- and the months with any visit at all; tables per refresh of a few hundred rows, so the
-- year-to-date leavers (keluar_sejak_awal_tahun) open no monitoring file.
CREATE OR REPLACE TABLE pemantauan_keluar AS
SELECT strftime(tanggal, '%Y-%m') AS bulan, no_kk, kode_kel
FROM pemantauan_wilayah
WHERE status_ekstrem = 'keluar' AND tanggal IS NOT NULL AND no_kk IS NOT NULL;

CREATE OR REPLACE TABLE pemantauan_bulan AS
SELECT DISTINCT strftime(tanggal, '%Y-%m') AS bulan FROM pemantauan WHERE tanggal IS NOT NULL;

-- penyaluran_di(kec, kel): the penyaluran_kk rows paid while the family lived in the area
-- (penyaluran_wilayah). Two branches of which planning keeps one: with no area the rows are read
-- with no lookup at all, and every payment counts, those of no known area too.
CREATE OR REPLACE MACRO penyaluran_di(kec, kel) AS TABLE
SELECT * FROM penyaluran_kk WHERE kec IS NULL AND kel IS NULL
UNION ALL
SELECT * EXCLUDE (kode_kel, kode_kec) FROM penyaluran_wilayah
WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel)
  -- only families that ever lived in the area are dated (most of the city's payments are not)
  AND no_kk IN (SELECT no_kk FROM wilayah_kk_riwayat
                WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel));

-- pemantauan_di(kec, kel): the visits made while the family lived in the area, as penyaluran_di.
CREATE OR REPLACE MACRO pemantauan_di(kec, kel) AS TABLE
SELECT * FROM pemantauan WHERE kec IS NULL AND kel IS NULL
UNION ALL
SELECT * EXCLUDE (kode_kel) FROM pemantauan_wilayah
WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel)
  AND no_kk IN (SELECT no_kk FROM wilayah_kk_riwayat
                WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel));

-- Flagged period (berstatus_ekstrem): a period whose keluarga list carries the extreme-poverty
-- flag, i.e. its rows' miskin_ekstrem are not all NULL (keluarga_periode.ada_tanda_ekstrem in
-- 05_periode.sql). The importer writes NULL where the export has no such column, so the P3KE
-- 2021 list and the 2022 bansos lists are flagless: lists of families, not "0 keluarga miskin
-- ekstrem". Every period-over-period comparison compares a flagged period with the previous
-- flagged period (pembanding); a flagless period, and the first flagged one, have none.
-- periode_banding: per period with a keluarga list, whether it is flagged, its sources
-- (sumber_data, sorted, 'tidak disebut' where empty) and its pembanding.
CREATE OR REPLACE TABLE periode_banding AS
WITH sumber AS (
    SELECT periode, string_agg(sumber, ', ' ORDER BY sumber) AS sumber_daftar
    FROM (SELECT DISTINCT periode, coalesce(sumber_data, 'tidak disebut') AS sumber FROM keluarga)
    GROUP BY periode
)
SELECT p.periode, p.ada_tanda_ekstrem AS berstatus_ekstrem, s.sumber_daftar,
       CASE WHEN p.ada_tanda_ekstrem
            THEN lag(p.periode) OVER (PARTITION BY p.ada_tanda_ekstrem ORDER BY p.periode)
       END AS pembanding
FROM keluarga_periode p
LEFT JOIN sumber s USING (periode);

-- Year-to-date figures ("tahun ini": 1 January of p's year to p's end) only rise within a year,
-- so they are compared like with like: with the same span a year earlier, periode_setahun_lalu(p)
-- (2023-06 -> 2022-06: 1 January to 30 June 2022), never with the previous quarter's.
CREATE OR REPLACE MACRO periode_setahun_lalu(p) AS
    CAST(CAST(left(p, 4) AS INTEGER) - 1 AS VARCHAR) || substr(p, 5);

CREATE OR REPLACE MACRO sejak_awal_tahun(tanggal, p) AS
    tanggal BETWEEN make_date(CAST(left(p, 4) AS INTEGER), 1, 1) AND periode_akhir(p);

-- salur_tahun_ini(p): the payments of p's year to date (1 January to p's end, sejak_awal_tahun),
-- grouped per kelurahan booked (penyaluran_wilayah: where the family lived on the payment date;
-- NULL = wilayah tidak diketahui), source of funds, programme, status and KPM (kpm = no_kk, or
-- 'NIK ' || nik for a NIK that matches no family): the payments (n) and their Rp (nilai). The
-- area's payments are the rows with di_wilayah(kode_kel, kec, kel), as penyaluran_di(kec, kel):
-- with no area every row, those of no known area too. Kept for the latest period as
-- salur_tahun_ini_terakhir (as salur_terakhir, 20_cakupan.sql): bantuan_per_wilayah,
-- bantuan_program_dana and bantuan_per_sumber_dana then group a few rows per family paid this
-- year instead of every payment with the lookup of where the family lived.
CREATE OR REPLACE MACRO salur_tahun_ini(p) AS TABLE
SELECT kode_kel, sumber_dana, program, status, coalesce(no_kk, 'NIK ' || nik) AS kpm,
       count(*) AS n, sum(nilai) AS nilai
FROM penyaluran_wilayah
WHERE sejak_awal_tahun(tanggal_salur, p)
GROUP BY ALL;

CREATE OR REPLACE TABLE salur_tahun_ini_terakhir AS
SELECT * FROM salur_tahun_ini(getvariable('periode_tersimpan'));

CREATE OR REPLACE MACRO salur_tahun_ini_cepat(p) AS TABLE
SELECT * FROM salur_tahun_ini_terakhir WHERE p = getvariable('periode_tersimpan')
UNION ALL
SELECT * FROM salur_tahun_ini(p) WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

CREATE OR REPLACE MACRO angka_utama(p, kec, kel) AS TABLE
WITH c AS (
    SELECT count(*) AS n, CAST(coalesce(sum(jumlah_anggota), 0) AS BIGINT) AS jiwa,
           avg(CASE WHEN tercakup_bansos THEN 1.0 ELSE 0.0 END) AS cakupan
    FROM cakupan_ekstrem WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
daftar AS (
    SELECT CAST(coalesce(sum(keluarga), 0) AS BIGINT) AS n
    FROM keluarga_ringkas WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
bantuan AS (
    -- the payments of penyaluran_di(kec, kel) dated in the span, summed by month (salur_bulan)
    SELECT coalesce(sum(rp), 0) AS rp
    FROM salur_bulan
    WHERE status = 'tersalur' AND bulan_sejak_awal_tahun(bulan, p)
      AND di_wilayah(kode_kel, kec, kel)
)
-- one row of one-row parts; the flag (periode_banding) decides whether the extreme-poor counts mean
-- anything (a flagless list: NULL)
SELECT p AS periode,
       coalesce(b.berstatus_ekstrem, false) AS berstatus_ekstrem,
       b.sumber_daftar,
       daftar.n AS keluarga_daftar,
       CASE WHEN b.berstatus_ekstrem THEN c.n END AS keluarga_miskin_ekstrem,
       CASE WHEN b.berstatus_ekstrem THEN c.jiwa END AS jiwa_miskin_ekstrem,
       -- NULL ("–", no data) when no visit at all is dated since 1 January, not 0 (S6)
       keluar_sejak_awal_tahun(p, kec, kel) AS keluarga_keluar_tahun_ini,
       c.cakupan,
       bantuan.rp AS bantuan_rp_tahun_ini
FROM c CROSS JOIN daftar CROSS JOIN bantuan
LEFT JOIN periode_banding b ON b.periode = p;

-- keluar_sejak_awal_tahun / bantuan_sejak_awal_tahun(p, kec, kel): angka_utama's year-to-date
-- leavers and Rp tersalur alone, NULL when no visit (payment) at all is dated from 1 January to
-- p's end: the comparison a year earlier (ringkasan_kpi, skor_strategi) is then "no data", not 0.
CREATE OR REPLACE MACRO keluar_sejak_awal_tahun(p, kec, kel) AS (
    -- the 'keluar' visits of pemantauan_di(kec, kel) dated in the span (pemantauan_keluar)
    SELECT CASE WHEN EXISTS (SELECT 1 FROM pemantauan_bulan WHERE bulan_sejak_awal_tahun(bulan, p))
                THEN (SELECT count(DISTINCT m.no_kk) FROM pemantauan_keluar m
                      WHERE bulan_sejak_awal_tahun(m.bulan, p)
                        AND di_wilayah(m.kode_kel, kec, kel)) END
);

CREATE OR REPLACE MACRO bantuan_sejak_awal_tahun(p, kec, kel) AS (
    SELECT CASE WHEN bool_or(bulan_sejak_awal_tahun(bulan, p))
                THEN coalesce(sum(rp) FILTER (WHERE status = 'tersalur'
                                              AND bulan_sejak_awal_tahun(bulan, p)
                                              AND di_wilayah(kode_kel, kec, kel)), 0) END
    FROM salur_bulan
);

-- berisiko_awal_tahun(p, kec, kel): the families at risk on 1 January of p's year, the base of
-- the year-to-date exit rate (BPS review S6): the extreme-poor keluarga of the latest flagged
-- list before that day (the December list of the year before); NULL when no flagged list
-- precedes it (2023: the first flagged list is 2023-03).
CREATE OR REPLACE MACRO berisiko_awal_tahun(p, kec, kel) AS (
    SELECT CASE WHEN max(b.periode) IS NOT NULL THEN
               (SELECT count(*) FROM cakupan_ekstrem e
                WHERE e.periode = max(b.periode) AND di_wilayah(e.kode_kel, kec, kel)) END
    FROM periode_banding b
    WHERE b.berstatus_ekstrem AND b.periode < left(p, 4) || '-01'
);

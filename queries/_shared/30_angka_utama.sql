-- angka_utama(p, kec, kel): the headline figures of one period p for an area (kec / kel may be
-- NULL for all): whether p is a flagged period (below), its sources and the keluarga on its
-- list; extreme-poor keluarga and jiwa on p's list (NULL, not 0, when p is flagless); keluarga
-- that left extreme poverty this year (monitoring status 'keluar' between 1 January and p's
-- end); coverage of the extreme-poor (share reached, see cakupan); aid disbursed this year
-- (Rp, tersalur).
-- A family's area for visits and payments is its kelurahan in the latest list that has it.
CREATE OR REPLACE MACRO di_wilayah(kode, kec, kel) AS
    (kec IS NULL OR substr(kode, 1, 8) = kec) AND (kel IS NULL OR kode = kel);

CREATE OR REPLACE VIEW keluarga_terakhir AS
SELECT no_kk, arg_max(kode_kel, periode) AS kode_kel FROM keluarga GROUP BY no_kk;

-- wilayah_kk: keluarga_terakhir of the families an area filter is applied to by no_kk (those
-- paid, visited, or extreme-poor on some list), kept as a table per refresh. keluarga_terakhir
-- groups every list of every period: 20 s at 5 million families a quarter on every use, where
-- this table costs 3 s once per import.
CREATE OR REPLACE TABLE wilayah_kk AS
SELECT no_kk, arg_max(kode_kel, periode) AS kode_kel
FROM keluarga
WHERE no_kk IN (SELECT no_kk FROM penyaluran_kk
                UNION SELECT no_kk FROM pemantauan
                UNION SELECT no_kk FROM cakupan_ekstrem)
GROUP BY no_kk;

-- di_wilayah_kk(kk, kec, kel): family kk's kelurahan in the latest list that has it lies in the
-- area (a family on no list is in no area); for the families of wilayah_kk, the only ones it is
-- asked about. With no area chosen it is true for every row, and the lookup folds away.
CREATE OR REPLACE MACRO di_wilayah_kk(kk, kec, kel) AS
    (kec IS NULL AND kel IS NULL)
    OR kk IN (SELECT no_kk FROM wilayah_kk
              WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah(kode_kel, kec, kel));

-- penyaluran_di(kec, kel): the penyaluran_kk rows whose family lies in the area (di_wilayah_kk).
-- Two branches of which planning keeps one: with no area the rows are read with no lookup at all.
CREATE OR REPLACE MACRO penyaluran_di(kec, kel) AS TABLE
SELECT * FROM penyaluran_kk WHERE kec IS NULL AND kel IS NULL
UNION ALL
SELECT * FROM penyaluran_kk
WHERE NOT (kec IS NULL AND kel IS NULL) AND di_wilayah_kk(no_kk, kec, kel);

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

CREATE OR REPLACE MACRO angka_utama(p, kec, kel) AS TABLE
WITH c AS (
    SELECT count(*) AS n, CAST(coalesce(sum(jumlah_anggota), 0) AS BIGINT) AS jiwa,
           avg(CASE WHEN tercakup THEN 1.0 ELSE 0.0 END) AS cakupan
    FROM cakupan_ekstrem WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
daftar AS (
    SELECT CAST(coalesce(sum(keluarga), 0) AS BIGINT) AS n
    FROM keluarga_ringkas WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
keluar AS (
    SELECT count(DISTINCT m.no_kk) AS n
    FROM pemantauan m
    WHERE m.status_ekstrem = 'keluar'
      AND sejak_awal_tahun(m.tanggal, p)
      AND di_wilayah_kk(m.no_kk, kec, kel)
),
bantuan AS (
    SELECT coalesce(sum(s.nilai), 0) AS rp
    FROM penyaluran_di(kec, kel) s
    WHERE s.status = 'tersalur' AND sejak_awal_tahun(s.tanggal_salur, p)
)
-- one row of one-row parts; the flag (periode_banding) decides whether the extreme-poor counts mean
-- anything (a flagless list: NULL)
SELECT p AS periode,
       coalesce(b.berstatus_ekstrem, false) AS berstatus_ekstrem,
       b.sumber_daftar,
       daftar.n AS keluarga_daftar,
       CASE WHEN b.berstatus_ekstrem THEN c.n END AS keluarga_miskin_ekstrem,
       CASE WHEN b.berstatus_ekstrem THEN c.jiwa END AS jiwa_miskin_ekstrem,
       keluar.n AS keluarga_keluar_tahun_ini,
       c.cakupan,
       bantuan.rp AS bantuan_rp_tahun_ini
FROM c CROSS JOIN daftar CROSS JOIN keluar CROSS JOIN bantuan
LEFT JOIN periode_banding b ON b.periode = p;

-- keluar_sejak_awal_tahun / bantuan_sejak_awal_tahun(p, kec, kel): angka_utama's year-to-date
-- leavers and Rp tersalur alone, NULL when no visit (payment) at all is dated from 1 January to
-- p's end: the comparison a year earlier (ringkasan_kpi, skor_strategi) is then "no data", not 0.
CREATE OR REPLACE MACRO keluar_sejak_awal_tahun(p, kec, kel) AS (
    SELECT CASE WHEN count(*) > 0
                THEN count(DISTINCT m.no_kk) FILTER (WHERE m.status_ekstrem = 'keluar'
                                                     AND di_wilayah_kk(m.no_kk, kec, kel)) END
    FROM pemantauan m
    WHERE sejak_awal_tahun(m.tanggal, p)
);

CREATE OR REPLACE MACRO bantuan_sejak_awal_tahun(p, kec, kel) AS (
    SELECT CASE WHEN count(*) > 0
                THEN coalesce(sum(s.nilai) FILTER (WHERE s.status = 'tersalur'
                                                   AND di_wilayah_kk(s.no_kk, kec, kel)), 0) END
    FROM penyaluran_kk s
    WHERE sejak_awal_tahun(s.tanggal_salur, p)
);

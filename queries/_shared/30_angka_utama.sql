-- angka_utama(p, kec, kel): the headline figures of one period p for an area (kec / kel may be
-- NULL for all): extreme-poor keluarga and jiwa on p's list; keluarga that left extreme
-- poverty this year (monitoring status 'keluar' between 1 January and p's end); cakupan bansos
-- of the extreme-poor (share reached by a strategy-1 programme, tercakup_bansos in cakupan);
-- aid disbursed this year (Rp, tersalur).
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

CREATE OR REPLACE MACRO angka_utama(p, kec, kel) AS TABLE
WITH c AS (
    SELECT * FROM cakupan_ekstrem WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
keluar AS (
    SELECT count(DISTINCT m.no_kk) AS n
    FROM pemantauan m
    WHERE m.status_ekstrem = 'keluar'
      AND m.tanggal BETWEEN make_date(CAST(left(p, 4) AS INTEGER), 1, 1) AND periode_akhir(p)
      AND di_wilayah_kk(m.no_kk, kec, kel)
),
bantuan AS (
    SELECT coalesce(sum(s.nilai), 0) AS rp
    FROM penyaluran_di(kec, kel) s
    WHERE s.status = 'tersalur'
      AND s.tanggal_salur BETWEEN make_date(CAST(left(p, 4) AS INTEGER), 1, 1) AND periode_akhir(p)
)
SELECT p AS periode,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       (SELECT CAST(coalesce(sum(jumlah_anggota), 0) AS BIGINT) FROM c) AS jiwa_miskin_ekstrem,
       (SELECT n FROM keluar) AS keluarga_keluar_tahun_ini,
       (SELECT avg(CASE WHEN tercakup_bansos THEN 1.0 ELSE 0.0 END) FROM c) AS cakupan,
       (SELECT rp FROM bantuan) AS bantuan_rp_tahun_ini;

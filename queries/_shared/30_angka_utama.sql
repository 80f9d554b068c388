-- angka_utama(p, kec, kel): the headline figures of one period p for an area (kec / kel may be
-- NULL for all): extreme-poor keluarga and jiwa on p's list; keluarga that left extreme
-- poverty this year (monitoring status 'keluar' between 1 January and p's end); coverage of
-- the extreme-poor (share reached, see cakupan); aid disbursed this year (Rp, tersalur).
-- A payment or visit is booked to the kelurahan the family lived in on its date (the list in
-- force then, wilayah_kk_riwayat), so a move does not rewrite an area's past figures; with no
-- area chosen every payment counts, those to no listed family too ('wilayah tidak diketahui').
CREATE OR REPLACE MACRO di_wilayah(kode, kec, kel) AS
    (kec IS NULL OR substr(kode, 1, 8) = kec) AND (kel IS NULL OR kode = kel);

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

CREATE OR REPLACE MACRO angka_utama(p, kec, kel) AS TABLE
WITH c AS (
    SELECT * FROM cakupan_ekstrem WHERE periode = p AND di_wilayah(kode_kel, kec, kel)
),
keluar AS (
    SELECT count(DISTINCT m.no_kk) AS n
    FROM pemantauan_di(kec, kel) m
    WHERE m.status_ekstrem = 'keluar'
      AND m.tanggal BETWEEN make_date(CAST(left(p, 4) AS INTEGER), 1, 1) AND periode_akhir(p)
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
       (SELECT avg(CASE WHEN tercakup THEN 1.0 ELSE 0.0 END) FROM c) AS cakupan,
       (SELECT rp FROM bantuan) AS bantuan_rp_tahun_ini;

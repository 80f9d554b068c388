-- daftar_banding: per period with a keluarga list, what a comparison of its below-the-line
-- figures (P0, P1, P2, families below the line) with the previous list would compare. One row
-- per period:
--   berstatus_ekstrem, sumber_daftar   the list (periode_banding, 30_angka_utama.sql)
--   keluarga_daftar                    its size (the whole city)
--   periode_sebelumnya                 the previous period with any keluarga list
--   sumber_daftar_sebelumnya, berstatus_sebelumnya
--   daftar_berubah                     the list is not the same kind of list as the previous
--                                      one: another source, the extreme flag present in one
--                                      and not the other, or a size outside 0,8–1,25 times the
--                                      previous (another coverage: the 2022 bansos lists hold
--                                      2.866 recipients, the 2023 DTKS list 5.000 families)
--   dasar_garis, dasar_garis_sebelumnya, garis_berganti_dasar
--                                      the basis of the extreme line of each period's year and
--                                      whether it changed (USD 1,90 PPP 2011 → USD 2,15 PPP
--                                      2017 between 2023 and 2024: the line rises 11 % by the
--                                      change alone)
--   pembanding_garis                   the period the below-the-line figures may be compared
--                                      with: periode_sebelumnya when the list is the same kind
--                                      and the line has the same basis, else NULL (no
--                                      comparison across lists of different coverage or
--                                      across the break)
-- P0 is over the persons of the period's list, so a P0 of another list is of another
-- population: it is never set beside this one.
CREATE OR REPLACE TABLE daftar_banding AS
WITH d AS (
    SELECT b.periode, b.berstatus_ekstrem, b.sumber_daftar,
           (SELECT CAST(sum(keluarga) AS BIGINT) FROM keluarga_ringkas r
            WHERE r.periode = b.periode) AS keluarga_daftar,
           dasar_garis_tahun(CAST(left(b.periode, 4) AS INTEGER)) AS dasar_garis
    FROM periode_banding b
),
l AS (
    SELECT *,
           lag(periode) OVER w AS periode_sebelumnya,
           lag(sumber_daftar) OVER w AS sumber_daftar_sebelumnya,
           lag(berstatus_ekstrem) OVER w AS berstatus_sebelumnya,
           lag(keluarga_daftar) OVER w AS keluarga_sebelumnya,
           lag(dasar_garis) OVER w AS dasar_garis_sebelumnya
    FROM d
    WINDOW w AS (ORDER BY periode)
)
SELECT periode, berstatus_ekstrem, sumber_daftar, keluarga_daftar, periode_sebelumnya,
       sumber_daftar_sebelumnya, berstatus_sebelumnya,
       CASE WHEN periode_sebelumnya IS NOT NULL THEN
           sumber_daftar IS DISTINCT FROM sumber_daftar_sebelumnya
           OR berstatus_ekstrem IS DISTINCT FROM berstatus_sebelumnya
           OR NOT (keluarga_daftar BETWEEN 0.8 * keluarga_sebelumnya
                                       AND 1.25 * keluarga_sebelumnya)
       END AS daftar_berubah,
       dasar_garis, dasar_garis_sebelumnya,
       CASE WHEN periode_sebelumnya IS NOT NULL
            THEN dasar_garis IS DISTINCT FROM dasar_garis_sebelumnya END AS garis_berganti_dasar,
       CASE WHEN periode_sebelumnya IS NOT NULL
             AND sumber_daftar IS NOT DISTINCT FROM sumber_daftar_sebelumnya
             AND berstatus_ekstrem IS NOT DISTINCT FROM berstatus_sebelumnya
             AND keluarga_daftar BETWEEN 0.8 * keluarga_sebelumnya AND 1.25 * keluarga_sebelumnya
             AND dasar_garis IS NOT DISTINCT FROM dasar_garis_sebelumnya
            THEN periode_sebelumnya END AS pembanding_garis
FROM l;

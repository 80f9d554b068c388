-- name: tren_miskin_ekstrem_kabupaten
-- returns: per flagged period and kabupaten/kota of a province, extreme-poor keluarga on that period's list (tren_miskin_ekstrem one level up), for the 8 kab/kota with the most extreme-poor keluarga on the latest flagged list up to periode (ties by code; peringkat 1-8 in that order): the province's trend chart, one colour per line (charts.PALETTE has 8; a legend of 38 cannot be read); every kab/kota is in tren_target_kabupaten. Only flagged periods (berstatus_ekstrem), as tren_miskin_ekstrem; a kab/kota without families in a period is 0
-- unit: keluarga
-- counts: keluarga_miskin_ekstrem
-- total: implied
-- groups: periode
-- params: periode (YYYY-MM: the periods up to it; empty = all)
-- columns: periode = Periode [periode]; peringkat = Peringkat [peringkat]; kode_kab = Kode kabupaten/kota [teks]; kabupaten_kota = Kabupaten/Kota [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]
WITH t AS (
    SELECT k.periode, substr(k.kode_kec, 1, 5) AS kode_kab,
           CAST(sum(k.keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas k
    WHERE k.periode IN (SELECT periode FROM periode_banding WHERE berstatus_ekstrem)
      AND ($periode IS NULL OR k.periode <= $periode)
    GROUP BY ALL
),
kab AS (SELECT DISTINCT kode_kab, kabupaten_kota FROM wilayah),
urut AS (
    SELECT kab.kode_kab, kab.kabupaten_kota,
           row_number() OVER (ORDER BY coalesce(t.keluarga_miskin_ekstrem, 0) DESC, kab.kode_kab)
               AS peringkat
    FROM kab
    LEFT JOIN t ON t.kode_kab = kab.kode_kab AND t.periode = (SELECT max(periode) FROM t)
)
SELECT p.periode, u.peringkat, u.kode_kab, u.kabupaten_kota,
       coalesce(t.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem
FROM (SELECT DISTINCT periode FROM t) p
CROSS JOIN urut u
LEFT JOIN t ON t.periode = p.periode AND t.kode_kab = u.kode_kab
WHERE u.peringkat <= 8
ORDER BY p.periode, u.peringkat

-- name: tren_miskin_ekstrem_perubahan
-- returns: one row for the area (none without a flagged period): the first and the last flagged period of the trend (tren_miskin_ekstrem), the area's extreme-poor keluarga in each, and the change from the first to the last as a share of the first (negative = fewer; NULL when the first is 0 or there is one period). The trend's title reads it, so no page computes a change from counts a guest sees suppressed
-- unit: keluarga (keluarga_awal, keluarga_akhir); share 0-1 (perubahan)
-- counts: keluarga_awal, keluarga_akhir
-- derived: perubahan <- keluarga_awal, keluarga_akhir
-- params: periode (YYYY-MM: the trend up to it; empty = all), kode_kec, kode_kel (empty = all)
-- columns: periode_awal = Periode awal [periode]; periode_akhir = Periode akhir [periode]; keluarga_awal = Miskin ekstrem, periode awal (keluarga) [keluarga]; keluarga_akhir = Miskin ekstrem, periode akhir (keluarga) [keluarga]; perubahan = Perubahan (%) [persen]
WITH per AS (
    SELECT k.periode, CAST(sum(k.keluarga_miskin_ekstrem) AS BIGINT) AS keluarga
    FROM keluarga_ringkas k
    WHERE di_wilayah(k.kode_kel, $kode_kec, $kode_kel)
      AND k.periode IN (SELECT periode FROM periode_banding WHERE berstatus_ekstrem)
      AND ($periode IS NULL OR k.periode <= $periode)
    GROUP BY k.periode
),
ujung AS (
    SELECT arg_min(periode, periode) AS periode_awal, arg_min(keluarga, periode) AS keluarga_awal,
           arg_max(periode, periode) AS periode_akhir, arg_max(keluarga, periode) AS keluarga_akhir,
           count(*) AS titik
    FROM per
)
SELECT periode_awal, periode_akhir, keluarga_awal, keluarga_akhir,
       CASE WHEN titik > 1 AND keluarga_awal > 0
            THEN (keluarga_akhir - keluarga_awal) / keluarga_awal END AS perubahan
FROM ujung
WHERE titik > 0

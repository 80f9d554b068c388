-- name: tren_miskin_ekstrem
-- returns: per flagged period and kecamatan, extreme-poor keluarga on that period's list, for the trend against the 0 % target; only flagged periods (berstatus_ekstrem in _shared/30_angka_utama.sql: the 2021 P3KE and 2022 bansos lists carry no flag and are no point of the trend); a period's kecamatan add up to the area's figure (ringkasan_kpi, tren_miskin_ekstrem_perubahan), a total a reader sees
-- unit: keluarga
-- counts: keluarga_miskin_ekstrem
-- total: implied
-- groups: periode
-- params: periode (YYYY-MM: the periods up to it; empty = all), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]
SELECT k.periode, w.kode_kec, w.kecamatan,
       CAST(sum(k.keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
FROM keluarga_ringkas k
JOIN (SELECT DISTINCT kode_kec, kecamatan FROM wilayah) w ON w.kode_kec = k.kode_kec
WHERE di_wilayah(k.kode_kel, $kode_kec, $kode_kel)
  AND k.periode IN (SELECT periode FROM periode_banding WHERE berstatus_ekstrem)
  AND ($periode IS NULL OR k.periode <= $periode)
GROUP BY ALL
ORDER BY k.periode, w.kode_kec

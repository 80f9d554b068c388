-- name: tren_miskin_ekstrem
-- returns: per period and kecamatan, extreme-poor keluarga on that period's list, for the trend against the 0 % target; only periods whose list flags extreme poverty at all (the 2021 P3KE and 2022 bansos lists carry no flag)
-- unit: keluarga
-- counts: keluarga_miskin_ekstrem
-- params: kode_kec, kode_kel (empty = all)
SELECT k.periode, w.kode_kec, w.kecamatan,
       CAST(sum(k.keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
FROM keluarga_ringkas k
JOIN (SELECT DISTINCT kode_kec, kecamatan FROM wilayah) w ON w.kode_kec = k.kode_kec
WHERE di_wilayah(k.kode_kel, $kode_kec, $kode_kel)
  AND k.periode IN (SELECT periode FROM keluarga_periode WHERE ada_tanda_ekstrem)
GROUP BY ALL
ORDER BY k.periode, w.kode_kec

-- name: peta_wilayah
-- returns: one row for the area: peta_kelurahan's counts summed over its desa/kelurahan (keluarga on the list, extreme-poor keluarga, extreme-poor keluarga not reached by any programme), named after the region (nama_wilayah()) or the kecamatan; the total the kelurahan of peta_kelurahan add up to (its `total: implied`), as the deck's kantong table shows it below them. A period whose list has no extreme flag (or no list) gives NULL for the extreme-poor figures, never 0, as peta_kelurahan does
-- unit: keluarga
-- counts: keluarga, keluarga_miskin_ekstrem, keluarga_belum_tercakup
-- sums: keluarga = keluarga_miskin_ekstrem + …; keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- params: periode (YYYY-MM; empty = latest), kode_kec (a kecamatan code, or in a province a kab/kota code; empty = the whole region)
-- columns: periode = Periode [periode]; kelurahan = {desa} [teks]; keluarga = Keluarga dalam daftar (keluarga) [keluarga]; keluarga_miskin_ekstrem = Miskin ekstrem (keluarga) [keluarga]; keluarga_belum_tercakup = Belum tercakup program (keluarga) [keluarga]
SELECT periode_atau_terakhir($periode) AS periode,
       CASE WHEN $kode_kec IS NULL THEN nama_wilayah()
            ELSE (SELECT any_value(kecamatan) FROM wilayah WHERE kode_kec = $kode_kec) END
           AS kelurahan,
       CAST(sum(keluarga) AS BIGINT) AS keluarga,
       CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem,
       CAST(sum(keluarga_belum_tercakup) AS BIGINT) AS keluarga_belum_tercakup
FROM peta_kelurahan_p(periode_atau_terakhir($periode))
WHERE di_wilayah(kode_kel, $kode_kec, NULL)
HAVING count(*) > 0

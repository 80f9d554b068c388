-- name: verval_progres
-- returns: the field verification's progress per kelurahan for the lists of one period sent out with daftar-verval (the register verval_kirim): keluarga sent, returned with a result (the latest verval row answering one of the family's sendings, by the file's ID Berkas), of them layak (memenuhi) and tidak layak (tidak memenuhi), and not yet visited (sent, no result back); a last row 'Semua kelurahan'. A family sent twice in the period counts once
-- unit: keluarga
-- counts: dikirim_keluarga, kembali_keluarga, layak_keluarga, tidak_layak_keluarga, belum_dikunjungi_keluarga
-- total: last row
-- sums: dikirim_keluarga = kembali_keluarga + belum_dikunjungi_keluarga; kembali_keluarga = layak_keluarga + tidak_layak_keluarga
-- params: periode (YYYY-MM of the list sent; empty = the latest period with a list sent), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; dikirim_keluarga = Dikirim (keluarga) [keluarga]; kembali_keluarga = Kembali (keluarga) [keluarga]; layak_keluarga = Layak (keluarga) [keluarga]; tidak_layak_keluarga = Tidak layak (keluarga) [keluarga]; belum_dikunjungi_keluarga = Belum dikunjungi (keluarga) [keluarga]
WITH p AS (
    SELECT coalesce($periode, (SELECT max(periode) FROM verval_kirim)) AS periode
),
kirim AS (
    SELECT kode_kel, no_kk, id_berkas FROM verval_kirim
    WHERE periode = (SELECT periode FROM p) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
-- each verval row of a filled-in list carries the ID Berkas of its sending (in `extra`)
jawab AS (
    SELECT no_kk, json_extract_string(extra, '$."ID Berkas"') AS id_berkas, hasil,
           tanggal_verval, periode
    FROM verval
    WHERE extra IS NOT NULL AND json_extract_string(extra, '$."ID Berkas"') IS NOT NULL
),
per_keluarga AS (
    SELECT k.kode_kel, k.no_kk,
           arg_max(j.hasil, (j.tanggal_verval, j.periode)) AS hasil
    FROM kirim k
    LEFT JOIN jawab j ON j.no_kk = k.no_kk AND j.id_berkas = k.id_berkas
    GROUP BY k.kode_kel, k.no_kk
),
per_kel AS (
    SELECT w.kode_kec, w.kecamatan, k.kode_kel, w.kelurahan,
           count(*) AS dikirim_keluarga,
           count(k.hasil) AS kembali_keluarga,
           count(*) FILTER (WHERE k.hasil = 'memenuhi') AS layak_keluarga,
           count(*) FILTER (WHERE k.hasil = 'tidak memenuhi') AS tidak_layak_keluarga,
           count(*) FILTER (WHERE k.hasil IS NULL) AS belum_dikunjungi_keluarga
    FROM per_keluarga k
    LEFT JOIN wilayah w USING (kode_kel)
    GROUP BY ALL
)
SELECT (SELECT periode FROM p) AS periode, kode_kec, kecamatan, kode_kel, kelurahan,
       dikirim_keluarga, kembali_keluarga, layak_keluarga, tidak_layak_keluarga,
       belum_dikunjungi_keluarga
FROM (
    SELECT 1 AS urutan, * FROM per_kel
    UNION ALL
    SELECT 2, NULL, NULL, NULL, 'Semua kelurahan',
           CAST(sum(dikirim_keluarga) AS BIGINT), CAST(sum(kembali_keluarga) AS BIGINT), CAST(sum(layak_keluarga) AS BIGINT),
           CAST(sum(tidak_layak_keluarga) AS BIGINT), CAST(sum(belum_dikunjungi_keluarga) AS BIGINT)
    FROM per_kel
    HAVING count(*) > 0
)
ORDER BY urutan, kecamatan, kelurahan

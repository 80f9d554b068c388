-- name: sk_perubahan
-- returns: one Daftar SK version's change against the version before it, per family: status masuk (entered), keluar (left) or tetap (unchanged), its kategori (masuk: usulan, verval, pemutakhiran daftar; keluar: graduasi, meninggal, pindah, tidak memenuhi syarat) and alasan in words with the dataset it comes from (pemantauan, verval, keluarga) and its date; masuk and tetap with the version's area, keluar with the previous version's; no rows for the first version (definitions in _shared/75_sk.sql) (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each)
-- params: versi (the version's number; empty = the latest frozen), periode (YYYY-MM: with versi empty, the version in force then), status (masuk, keluar, tetap; empty = all), kode_kec (empty = all)
-- columns: status = Status [teks]; kategori = Kategori [teks]; alasan = Alasan (sumber, tanggal) [teks]; sumber_alasan = Sumber alasan [teks]; tanggal_alasan = Tanggal alasan [tanggal]; kecamatan = Kecamatan [teks]; kelurahan = {desa} [teks]; no_kk = No KK [teks]; nik_kepala = NIK kepala keluarga [teks]; nama_kepala = Nama kepala keluarga [teks]; alamat = Alamat [teks]; rt = RT [teks]; rw = RW [teks]; kode_kec = Kode kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; versi = Versi [teks]; versi_sebelumnya = Versi sebelumnya [teks]
SELECT status, kategori, alasan, sumber_alasan, tanggal_alasan, kecamatan, kelurahan,
       no_kk, nik_kepala, nama_kepala, alamat, rt, rw, kode_kec, kode_kel, versi,
       versi_sebelumnya
FROM sk_perubahan_kk(sk_versi_pilih($versi, $periode))
WHERE ($status IS NULL OR status = $status)
  AND ($kode_kec IS NULL OR kode_kec = $kode_kec)
ORDER BY CASE status WHEN 'masuk' THEN 1 WHEN 'keluar' THEN 2 ELSE 3 END,
         kecamatan, kelurahan, kategori, nama_kepala, no_kk

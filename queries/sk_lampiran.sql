-- name: sk_lampiran
-- returns: the lampiran of one frozen Daftar SK version: one row per family, per kecamatan and kelurahan, numbered from 1 within each kelurahan (nomor), ordered by RW, RT and name; kode_kel stays for the content check (pantau/sk.periksa_isi) (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each)
-- params: versi (the version's number; empty = the latest frozen)
-- columns: versi = Versi [teks]; nomor = Nomor [peringkat]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; no_kk = No KK [teks]; nik_kepala = NIK kepala keluarga [teks]; nama_kepala = Nama kepala keluarga [teks]; alamat = Alamat [teks]; rt = RT [teks]; rw = RW [teks]
SELECT versi,
       row_number() OVER (PARTITION BY kode_kel
                          ORDER BY TRY_CAST(rw AS INTEGER), TRY_CAST(rt AS INTEGER),
                                   nama_kepala, no_kk) AS nomor,
       kode_kec, kecamatan, kode_kel, kelurahan, no_kk, nik_kepala, nama_kepala, alamat, rt, rw
FROM sk_daftar
WHERE versi = sk_versi_pilih($versi, NULL)
ORDER BY kecamatan, kelurahan, nomor

-- name: sk_calon
-- returns: the list an SK Wali Kota would fix for a period: one row per family flagged extreme-poor (miskin_ekstrem) on the period's keluarga list, with the fields its lampiran prints and the list's source (sumber_data: Usulan = proposed by a kelurahan); what `python -m pantau sk bekukan` freezes (pantau/sk.py) (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each); jiwa (jumlah_anggota)
-- params: periode (YYYY-MM of the keluarga list)
-- columns: no_kk = No KK [teks]; nik_kepala = NIK kepala keluarga [teks]; nama_kepala = Nama kepala keluarga [teks]; alamat = Alamat [teks]; rt = RT [teks]; rw = RW [teks]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; desil = Desil [teks]; jumlah_anggota = Jumlah anggota (jiwa) [jiwa]; sumber_data = Sumber daftar [teks]
SELECT k.no_kk, k.nik_kepala, k.nama_kepala, k.alamat, k.rt, k.rw,
       coalesce(k.kode_kec, w.kode_kec) AS kode_kec, coalesce(w.kecamatan, k.kecamatan) AS kecamatan,
       k.kode_kel, coalesce(w.kelurahan, k.kelurahan) AS kelurahan,
       k.desil, k.jumlah_anggota, k.sumber_data
FROM keluarga k
LEFT JOIN wilayah w USING (kode_kel)
WHERE k.periode = $periode AND k.miskin_ekstrem
ORDER BY kecamatan, kelurahan, k.no_kk

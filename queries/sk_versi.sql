-- name: sk_versi
-- returns: the frozen versions of the Daftar SK (the SK Wali Kota extreme-poor list, pantau/sk.py), newest first: number, name (nama_versi), the keluarga list's period, when and by whom it was frozen, the content hash (SHA-256 of the sorted No KK, kode_kel and lampiran fields), its keluarga, and the version it is compared with (versi_sebelumnya: the one before it in period order, then freezing order; NULL for the first)
-- unit: keluarga
-- counts: keluarga
-- params: (none)
-- columns: versi = Versi [teks]; nama_versi = Nama [teks]; periode = Periode daftar [periode]; dibekukan = Dibekukan [teks]; oleh = Oleh [teks]; sha256 = Hash isi (SHA-256) [teks]; keluarga = Keluarga [keluarga]; versi_sebelumnya = Versi sebelumnya [teks]; periode_sebelumnya = Periode sebelumnya [periode]
SELECT versi, nama_versi, periode, dibekukan, oleh, sha256, keluarga, versi_sebelumnya,
       periode_sebelumnya
FROM sk_versi_urut
ORDER BY periode DESC, versi DESC

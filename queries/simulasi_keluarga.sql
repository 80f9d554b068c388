-- name: simulasi_keluarga
-- returns: the families one strategy of the budget simulation reaches (queries/simulasi.sql, the same inputs; the order is _shared/70_simulasi.sql simulasi_dicapai), in the order it reaches them, with name, address, desil, source list (sumber_data), programmes now (cakupan), per-capita spending before and after the transfer and whether it lifts the family to or above the extreme line: the list a field check starts from (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each); jiwa (jumlah_anggota); Rp per person per month (pengeluaran_per_kapita, pengeluaran_per_kapita_sesudah, garis_ekstrem); order 1 = reached first (urut)
-- params: periode (YYYY-MM; empty = latest), kode_kec (a kecamatan, or a kab/kota code in a province: all its kecamatan; empty = the whole region), anggaran (Rp), biaya_per_kpm (Rp per family), bulan (empty = 12), sasaran (semua = default, ekstrem = only the families flagged miskin_ekstrem), strategi (terdekat_garis, termiskin, kantong, sekarang, proporsional)
-- columns: urut = Urutan [peringkat]; no_kk = No KK [teks]; nik_kepala = NIK kepala keluarga [teks]; nama_kepala = Nama kepala keluarga [teks]; alamat = Alamat [teks]; rt = RT [teks]; rw = RW [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; kecamatan = Kecamatan [teks]; desil = Desil [teks]; jumlah_anggota = Jumlah anggota (jiwa) [jiwa]; miskin_ekstrem = Miskin ekstrem [teks]; sumber_data = Sumber daftar [teks]; program = Program sekarang [teks]; pengeluaran_per_kapita = Pengeluaran per kapita sebelum (Rp per jiwa per bulan) [rp]; pengeluaran_per_kapita_sesudah = Sesudah bantuan (Rp per jiwa per bulan) [rp]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; terangkat = Terangkat [teks]
WITH atur AS (SELECT * FROM simulasi_atur($anggaran, $biaya_per_kpm, $bulan)),
d AS (
    SELECT no_kk, urut
    FROM simulasi_dicapai(periode_atau_terakhir($periode), $kode_kec, $anggaran, $biaya_per_kpm,
                          $bulan, $sasaran)
    WHERE strategi = $strategi
)
-- The reached families' programmes as cakupan(p) lists them (the same macros), for those few
-- families only: building every listed family's programme list first costs seconds at a million.
SELECT d.urut, k.no_kk, k.nik_kepala, k.nama_kepala, k.alamat, k.rt, k.rw, k.kode_kel,
       k.kelurahan, k.kecamatan, k.desil, k.jumlah_anggota,
       k.miskin_ekstrem, k.sumber_data,
       array_to_string(program_gabung(k.program_terdaftar, s.program_salur), ', ') AS program,
       b.pengeluaran_per_kapita, b.pengeluaran_per_kapita + a.tambahan / b.jumlah_anggota
           AS pengeluaran_per_kapita_sesudah,
       b.garis_ekstrem,
       b.pengeluaran_per_kapita < b.garis_ekstrem
           AND b.pengeluaran_per_kapita + a.tambahan / b.jumlah_anggota >= b.garis_ekstrem
           AS terangkat
FROM d
JOIN keluarga k ON k.no_kk = d.no_kk AND k.periode = periode_atau_terakhir($periode)
LEFT JOIN salur_12_bulan_cepat(periode_atau_terakhir($periode)) s ON s.no_kk = d.no_kk
JOIN beban_keluarga(periode_atau_terakhir($periode)) b ON b.no_kk = d.no_kk
CROSS JOIN atur a
ORDER BY d.urut, k.kecamatan, k.no_kk

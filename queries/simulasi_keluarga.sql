-- name: simulasi_keluarga
-- returns: the families one strategy of the budget simulation reaches (queries/simulasi.sql, the same inputs; the order is _shared/70_simulasi.sql simulasi_dicapai), in the order it reaches them, with name, address, desil, programmes now (cakupan), per-capita spending before and after the transfer and whether it lifts the family to or above the extreme line: the list a field check starts from (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each); jiwa (jumlah_anggota); Rp per person per month (pengeluaran_per_kapita, pengeluaran_per_kapita_sesudah, garis_ekstrem); order 1 = reached first (urut)
-- params: periode (YYYY-MM; empty = latest), kode_kec (empty = the whole city), anggaran (Rp), biaya_per_kpm (Rp per family), bulan (empty = 12), strategi (terdekat_garis, termiskin, kantong, sekarang, proporsional)
WITH p AS (SELECT periode_atau_terakhir($periode) AS periode),
atur AS (SELECT * FROM simulasi_atur($anggaran, $biaya_per_kpm, $bulan)),
d AS (
    SELECT no_kk, urut
    FROM simulasi_dicapai(periode_atau_terakhir($periode), $kode_kec, $anggaran, $biaya_per_kpm,
                          $bulan)
    WHERE strategi = $strategi
)
SELECT d.urut, c.no_kk, c.nik_kepala, c.nama_kepala, c.alamat, c.rt, c.rw, c.kode_kel,
       c.kelurahan, c.kecamatan, c.desil, c.jumlah_anggota, c.miskin_ekstrem,
       array_to_string(c.program, ', ') AS program,
       b.pengeluaran_per_kapita, b.pengeluaran_per_kapita + a.tambahan / b.jumlah_anggota
           AS pengeluaran_per_kapita_sesudah,
       b.garis_ekstrem,
       b.pengeluaran_per_kapita < b.garis_ekstrem
           AND b.pengeluaran_per_kapita + a.tambahan / b.jumlah_anggota >= b.garis_ekstrem
           AS terangkat
FROM d
JOIN cakupan((SELECT periode FROM p)) c USING (no_kk)
JOIN beban_keluarga((SELECT periode FROM p)) b USING (no_kk)
CROSS JOIN atur a
ORDER BY d.urut, c.kecamatan, c.no_kk

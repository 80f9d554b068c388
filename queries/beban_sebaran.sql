-- name: beban_sebaran
-- returns: a fixed sample of the period's listed keluarga in the area that have both a spending and an income figure: per family its income and spending per person and whether it is extreme-poor (kelompok 'Semua keluarga dalam daftar' for a list without the extreme flag), with no name or number that identifies it; up to 1,000 extreme-poor keluarga and the others up to 2,000 in all, chosen by a hash of the family number so the sample is the same on every run and a family stays in it from period to period; keluarga_kelompok is the number of such families in its group (sampled or not)
-- unit: Rp per jiwa per bulan (pendapatan_per_kapita, pengeluaran_per_kapita, garis_ekstrem); keluarga (keluarga_kelompok)
-- counts: keluarga_kelompok
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kelompok = Kelompok [teks]; pendapatan_per_kapita = Pendapatan per kapita (Rp per jiwa per bulan) [rp]; pengeluaran_per_kapita = Pengeluaran per kapita (Rp per jiwa per bulan) [rp]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; keluarga_kelompok = Keluarga dalam kelompok (keluarga) [keluarga]
-- the sample: beban_sampel (_shared/56_beban_sampel.sql), which beban_sebaran_sampel counts
SELECT kelompok, pendapatan_per_kapita, pengeluaran_per_kapita, garis_ekstrem, keluarga_kelompok
FROM beban_sampel(periode_atau_terakhir($periode), $kode_kec, $kode_kel)
ORDER BY miskin_ekstrem DESC, urut

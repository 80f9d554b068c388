-- name: bantuan_per_sumber_dana
-- returns: aid disbursed (status tersalur) from 1 January to the end of the period, per source of funds: Rp and KPM (distinct families paid; a payment with only a NIK that matches no family head counts as its own KPM, as in bantuan_program_dana); a payment repeated in later exports counts once, booked to the kelurahan the family lived in on the payment date; payments that match no listed family count only when no area is chosen (the 'Wilayah tidak diketahui' row of bantuan_per_wilayah)
-- unit: Rp (nilai), KPM (kpm)
-- counts: kpm
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: sumber_dana = Sumber dana [teks]; nilai = Tersalur (Rp) [rp]; kpm = KPM dibayar (KPM) [kpm]
-- the year to date's payments per area, source, programme, status and KPM (salur_tahun_ini,
-- _shared/30_angka_utama.sql: kept for the latest period)
SELECT coalesce(s.sumber_dana, 'tidak disebut') AS sumber_dana,
       sum(s.nilai) AS nilai,
       count(DISTINCT s.kpm) AS kpm
FROM salur_tahun_ini_cepat(periode_atau_terakhir($periode)) s
WHERE s.status = 'tersalur' AND di_wilayah(s.kode_kel, $kode_kec, $kode_kel)
GROUP BY 1
ORDER BY nilai DESC

-- name: bantuan_per_sumber_dana
-- returns: aid disbursed (status tersalur) from 1 January to the end of the period, per source of funds: Rp and KPM (distinct families paid; a payment with only a NIK that matches no family head counts as its own KPM, as in bantuan_program_dana)
-- unit: Rp (nilai), KPM (kpm)
-- counts: kpm
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH p AS (SELECT coalesce($periode, (SELECT max(periode) FROM keluarga)) AS periode)
SELECT coalesce(s.sumber_dana, 'tidak disebut') AS sumber_dana,
       sum(s.nilai) AS nilai,
       count(DISTINCT coalesce(s.no_kk, 'nik:' || s.nik)) AS kpm
FROM penyaluran_kk s, p
LEFT JOIN keluarga_terakhir r ON r.no_kk = s.no_kk
WHERE s.status = 'tersalur'
  AND s.tanggal_salur BETWEEN make_date(CAST(left(p.periode, 4) AS INTEGER), 1, 1)
                          AND periode_akhir(p.periode)
  AND di_wilayah(r.kode_kel, $kode_kec, $kode_kel)
GROUP BY 1
ORDER BY nilai DESC

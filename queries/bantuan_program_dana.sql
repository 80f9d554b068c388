-- name: bantuan_program_dana
-- returns: disbursements from 1 January to the end of the period, per source of funds and programme: KPM paid (families with a 'tersalur' disbursement; a payment with only a NIK that matches no family head counts as its own KPM), Rp paid, Rp per KPM, and disbursements by status (tersalur / gagal / retur) with their shares of all disbursements; a disbursement's area is its family's kelurahan in the latest list that has it, and payments to families on no list count only when no area is chosen
-- unit: KPM (kpm); Rp (nilai_tersalur, rp_per_kpm); disbursements (penyaluran, penyaluran_tersalur, penyaluran_gagal, penyaluran_retur); share 0-1 (porsi_tersalur, porsi_gagal, porsi_retur)
-- counts: kpm
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
WITH s AS (
    SELECT coalesce(s.sumber_dana, 'tidak disebut') AS sumber_dana, s.program, s.status, s.nilai,
           coalesce(s.no_kk, 'NIK ' || s.nik) AS kpm
    FROM penyaluran_di($kode_kec, $kode_kel) s
    WHERE s.tanggal_salur BETWEEN make_date(CAST(left(periode_atau_terakhir($periode), 4) AS INTEGER), 1, 1)
                              AND periode_akhir(periode_atau_terakhir($periode))
)
SELECT sumber_dana, program,
       count(DISTINCT kpm) FILTER (WHERE status = 'tersalur') AS kpm,
       coalesce(sum(nilai) FILTER (WHERE status = 'tersalur'), 0) AS nilai_tersalur,
       sum(nilai) FILTER (WHERE status = 'tersalur')
           / nullif(count(DISTINCT kpm) FILTER (WHERE status = 'tersalur'), 0) AS rp_per_kpm,
       count(*) AS penyaluran,
       count(*) FILTER (WHERE status = 'tersalur') AS penyaluran_tersalur,
       count(*) FILTER (WHERE status = 'gagal') AS penyaluran_gagal,
       count(*) FILTER (WHERE status = 'retur') AS penyaluran_retur,
       count(*) FILTER (WHERE status = 'tersalur') / count(*) AS porsi_tersalur,
       count(*) FILTER (WHERE status = 'gagal') / count(*) AS porsi_gagal,
       count(*) FILTER (WHERE status = 'retur') / count(*) AS porsi_retur
FROM s
GROUP BY ALL
ORDER BY nilai_tersalur DESC, sumber_dana, program

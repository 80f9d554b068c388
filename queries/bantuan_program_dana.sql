-- name: bantuan_program_dana
-- returns: disbursements from 1 January to the end of the period, per source of funds and programme: KPM paid (families with a 'tersalur' disbursement; a payment with only a NIK that matches no family head counts as its own KPM), Rp paid, Rp per KPM, and disbursements by status (tersalur / gagal / retur) with their shares of all disbursements, the share gagal or retur together and its rank (1 = the row with the largest share of failed or returned disbursements; ties share the rank; a guest's rank counts only the rows whose share is shown, pantau.privacy); a disbursement is one payment however many exports repeat it (penyaluran_kk: the newest export's status), booked to the kelurahan its family lived in on the payment date (the list in force then, _shared/30_angka_utama.sql); payments that match no listed family count only when no area is chosen (the 'Wilayah tidak diketahui' row of bantuan_per_wilayah)
-- unit: KPM (kpm); Rp (nilai_tersalur, rp_per_kpm); disbursements (penyaluran, penyaluran_tersalur, penyaluran_gagal, penyaluran_retur); share 0-1 (porsi_tersalur, porsi_gagal, porsi_retur, porsi_gagal_retur); rank (peringkat_gagal_retur)
-- counts: kpm, penyaluran, penyaluran_tersalur, penyaluran_gagal, penyaluran_retur
-- sums: penyaluran = penyaluran_tersalur + penyaluran_gagal + penyaluran_retur
-- shares: porsi_tersalur, porsi_gagal, porsi_retur, porsi_gagal_retur <- penyaluran
-- derived: rp_per_kpm <- kpm; porsi_tersalur <- penyaluran_tersalur, penyaluran; porsi_gagal <- penyaluran_gagal, penyaluran; porsi_retur <- penyaluran_retur, penyaluran; porsi_gagal_retur <- penyaluran_gagal, penyaluran_retur, penyaluran
-- ranks: peringkat_gagal_retur <- porsi_gagal_retur
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: sumber_dana = Sumber dana [teks]; program = Program [teks]; kpm = KPM dibayar (KPM) [kpm]; nilai_tersalur = Tersalur (Rp) [rp]; rp_per_kpm = Rp per KPM [rp]; penyaluran = Semua penyaluran (penyaluran) [penyaluran]; penyaluran_tersalur = Tersalur (penyaluran) [penyaluran]; penyaluran_gagal = Gagal (penyaluran) [penyaluran]; penyaluran_retur = Retur (penyaluran) [penyaluran]; porsi_tersalur = Tersalur (% penyaluran) [persen]; porsi_gagal = Gagal (% penyaluran) [persen]; porsi_retur = Retur (% penyaluran) [persen]; porsi_gagal_retur = Gagal atau retur (% penyaluran) [persen]; peringkat_gagal_retur = Peringkat gagal atau retur [peringkat]
-- one row per source, programme and KPM first (from salur_tahun_ini, _shared/30_angka_utama.sql:
-- the year to date's payments per area, source, programme, status and KPM, kept for the latest
-- period): KPM are then counted without a DISTINCT
WITH per_kpm AS (
    SELECT coalesce(s.sumber_dana, 'tidak disebut') AS sumber_dana, s.program, s.kpm,
           sum(s.n) AS n,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'tersalur'), 0) AS n_tersalur,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'gagal'), 0) AS n_gagal,
           coalesce(sum(s.n) FILTER (WHERE s.status = 'retur'), 0) AS n_retur,
           sum(s.nilai) FILTER (WHERE s.status = 'tersalur') AS nilai_tersalur
    FROM salur_tahun_ini_cepat(periode_atau_terakhir($periode)) s
    WHERE di_wilayah(s.kode_kel, $kode_kec, $kode_kel)
    GROUP BY ALL
)
SELECT sumber_dana, program,
       count(kpm) FILTER (WHERE n_tersalur > 0) AS kpm,
       coalesce(sum(nilai_tersalur), 0) AS nilai_tersalur,
       sum(nilai_tersalur) / nullif(count(kpm) FILTER (WHERE n_tersalur > 0), 0) AS rp_per_kpm,
       CAST(sum(n) AS BIGINT) AS penyaluran,
       CAST(sum(n_tersalur) AS BIGINT) AS penyaluran_tersalur,
       CAST(sum(n_gagal) AS BIGINT) AS penyaluran_gagal,
       CAST(sum(n_retur) AS BIGINT) AS penyaluran_retur,
       sum(n_tersalur) / sum(n) AS porsi_tersalur,
       sum(n_gagal) / sum(n) AS porsi_gagal,
       sum(n_retur) / sum(n) AS porsi_retur,
       (sum(n_gagal) + sum(n_retur)) / sum(n) AS porsi_gagal_retur,
       rank() OVER (ORDER BY (sum(n_gagal) + sum(n_retur)) / sum(n) DESC) AS peringkat_gagal_retur
FROM per_kpm
GROUP BY ALL
ORDER BY nilai_tersalur DESC, sumber_dana, program

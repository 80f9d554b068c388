-- name: bantuan_per_wilayah
-- returns: aid disbursed (status tersalur) from 1 January to the end of the period per area one level below the filter (kecamatan for the city, kelurahan for a kecamatan, the kelurahan itself when one is chosen), every area of that level appearing; a payment is booked to the kelurahan the family lived in on the payment date (the list in force then, _shared/30_angka_utama.sql); for the whole city a row 'Wilayah tidak diketahui' (tingkat 'tidak diketahui') holds the payments that match no listed family (a NIK that is no family head's, a No KK on no list), so the rows above the last add up to it; the last row (tingkat 'total') is the whole area, the same Rp as ringkasan_kpi's bantuan_rp_tahun_ini. Per row Rp, disbursements and KPM (families paid; a NIK that matches no family head is its own KPM; a family paid in two areas after a move is a KPM in each, and once in the total)
-- unit: Rp (nilai_tersalur); disbursements (penyaluran_tersalur); KPM (kpm)
-- counts: kpm, penyaluran_tersalur
-- total: last row
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kode_wilayah = Kode wilayah [teks]; wilayah = Wilayah [teks]; tingkat = Tingkat [teks]; kpm = KPM dibayar (KPM) [kpm]; penyaluran_tersalur = Penyaluran tersalur (penyaluran) [penyaluran]; nilai_tersalur = Tersalur (Rp) [rp]
-- the year to date's payments per area, source, programme, status and KPM (salur_tahun_ini,
-- _shared/30_angka_utama.sql: booked by date, kept for the latest period)
WITH s AS (
    SELECT CASE WHEN $kode_kec IS NULL AND $kode_kel IS NULL THEN substr(kode_kel, 1, 8) ELSE kode_kel END AS kode,
           nilai, n, kpm
    FROM salur_tahun_ini_cepat(periode_atau_terakhir($periode))
    WHERE status = 'tersalur' AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
baris AS (
    SELECT DISTINCT 1 AS urutan, kode_kec AS kode, kecamatan AS wilayah, 'kecamatan' AS tingkat
    FROM wilayah WHERE $kode_kec IS NULL AND $kode_kel IS NULL
    UNION ALL
    SELECT 1, kode_kel, kelurahan, 'kelurahan' FROM wilayah
    WHERE NOT ($kode_kec IS NULL AND $kode_kel IS NULL) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
    UNION ALL
    SELECT 2, NULL, 'Wilayah tidak diketahui', 'tidak diketahui'
    WHERE $kode_kec IS NULL AND $kode_kel IS NULL
),
nama AS (
    SELECT DISTINCT kode_kec AS kode, kecamatan AS wilayah FROM wilayah
    UNION ALL
    SELECT kode_kel, kelurahan FROM wilayah
),
per AS (
    SELECT kode, count(DISTINCT kpm) AS kpm, CAST(sum(n) AS BIGINT) AS penyaluran_tersalur,
           sum(nilai) AS nilai
    FROM s GROUP BY kode
)
SELECT kode_wilayah, wilayah, tingkat, kpm, penyaluran_tersalur, nilai_tersalur FROM (
    SELECT b.urutan, b.kode AS kode_wilayah, b.wilayah, b.tingkat,
           coalesce(p.kpm, 0) AS kpm, coalesce(p.penyaluran_tersalur, 0) AS penyaluran_tersalur,
           coalesce(p.nilai, 0) AS nilai_tersalur
    FROM baris b LEFT JOIN per p ON p.kode IS NOT DISTINCT FROM b.kode
    UNION ALL
    SELECT 3, NULL,
           coalesce((SELECT wilayah FROM nama WHERE kode = coalesce($kode_kel, $kode_kec)),
                    nama_wilayah()),
           'total', count(DISTINCT kpm), CAST(coalesce(sum(n), 0) AS BIGINT), coalesce(sum(nilai), 0)
    FROM s
)
ORDER BY urutan, kode_wilayah

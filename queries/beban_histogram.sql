-- name: beban_histogram
-- returns: listed keluarga of the period and area by per-capita spending (pengeluaran_bulanan / jumlah_anggota) as a multiple of the extreme line of the period's year, in bins of 0.1 from 0; the last bin (from 3.0, kelipatan_atas empty) holds everything above; separately for extreme-poor keluarga and the others (one group 'Semua keluarga dalam daftar' for a list without the extreme flag: P3KE 2021, the 2022 bansos lists); di_bawah_garis: the bin is below the line (its families are beban_ringkasan's keluarga_miskin_ekstrem_di_bawah_garis / keluarga_lain_di_bawah_garis, so the bins below and the bins at or above the line each add up to a total a reader can see); only bins with families; families with no spending figure are left out (see beban_ringkasan)
-- unit: multiple of the line (kelipatan_bawah, kelipatan_atas); Rp per jiwa per bulan (pengeluaran_per_kapita_bawah, pengeluaran_per_kapita_atas, garis_ekstrem); keluarga
-- counts: keluarga
-- total: implied
-- groups: kelompok, di_bawah_garis
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kelompok = Kelompok [teks]; kelipatan_bawah = Pengeluaran per kapita ÷ garis, dari [desimal]; kelipatan_atas = Pengeluaran per kapita ÷ garis, sampai [desimal]; pengeluaran_per_kapita_bawah = Dari (Rp per jiwa per bulan) [rp]; pengeluaran_per_kapita_atas = Sampai (Rp per jiwa per bulan) [rp]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; di_bawah_garis = Di bawah garis [teks]; keluarga = Keluarga [keluarga]
WITH b AS (
    SELECT miskin_ekstrem, bertanda, garis_ekstrem,
           -- 10·y/z in one division keeps a spending exactly on a bin edge in the upper bin
           least(floor(10 * pengeluaran_per_kapita / garis_ekstrem), 30) AS bin
    FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE pengeluaran_per_kapita IS NOT NULL AND garis_ekstrem IS NOT NULL
      AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
)
-- a list without the extreme flag has one group: its families are not "bukan miskin ekstrem"
SELECT CASE WHEN NOT bertanda THEN 'Semua keluarga dalam daftar'
            WHEN miskin_ekstrem THEN 'Miskin ekstrem' ELSE 'Bukan miskin ekstrem' END AS kelompok,
       round(bin / 10, 1) AS kelipatan_bawah,
       CASE WHEN bin < 30 THEN round((bin + 1) / 10, 1) END AS kelipatan_atas,
       bin * garis_ekstrem / 10 AS pengeluaran_per_kapita_bawah,
       CASE WHEN bin < 30 THEN (bin + 1) * garis_ekstrem / 10 END AS pengeluaran_per_kapita_atas,
       garis_ekstrem,
       bin < 10 AS di_bawah_garis,
       count(*) AS keluarga
FROM b
GROUP BY miskin_ekstrem, bertanda, bin, garis_ekstrem
ORDER BY miskin_ekstrem DESC, bin

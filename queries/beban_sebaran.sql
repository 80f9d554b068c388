-- name: beban_sebaran
-- returns: a fixed sample of the period's listed keluarga in the area that have both a spending and an income figure: per family its income and spending per person and whether it is extreme-poor (kelompok 'Semua keluarga dalam daftar' for a list without the extreme flag), with no name or number that identifies it; up to 1,000 extreme-poor keluarga and the others up to 2,000 in all, chosen by a hash of the family number so the sample is the same on every run and a family stays in it from period to period; keluarga_kelompok is the number of such families in its group (sampled or not)
-- unit: Rp per jiwa per bulan (pendapatan_per_kapita, pengeluaran_per_kapita, garis_ekstrem); keluarga (keluarga_kelompok)
-- counts: keluarga_kelompok
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kelompok = Kelompok [teks]; pendapatan_per_kapita = Pendapatan per kapita (Rp per jiwa per bulan) [rp]; pengeluaran_per_kapita = Pengeluaran per kapita (Rp per jiwa per bulan) [rp]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; keluarga_kelompok = Keluarga dalam kelompok (keluarga) [keluarga]
WITH b AS (
    SELECT miskin_ekstrem, bertanda, pendapatan_per_kapita, pengeluaran_per_kapita, garis_ekstrem,
           hash(no_kk) AS urut
    FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE pengeluaran_per_kapita IS NOT NULL AND pendapatan_per_kapita IS NOT NULL
      AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
n AS (
    SELECT count(*) FILTER (WHERE miskin_ekstrem) AS ekstrem,
           count(*) FILTER (WHERE NOT miskin_ekstrem) AS lain
    FROM b
),
s AS (
    (SELECT * FROM b WHERE miskin_ekstrem ORDER BY urut LIMIT 1000)
    UNION ALL
    -- the first 2000 by urut (a constant limit: a top-N, not a sort of every family), then
    -- as many as the extreme-poor leave room for
    (SELECT * FROM (SELECT * FROM b WHERE NOT miskin_ekstrem ORDER BY urut LIMIT 2000)
     ORDER BY urut
     LIMIT (SELECT 2000 - least(ekstrem, 1000) FROM n))
)
-- a list without the extreme flag has one group: its families are not "bukan miskin ekstrem"
SELECT CASE WHEN NOT s.bertanda THEN 'Semua keluarga dalam daftar'
            WHEN s.miskin_ekstrem THEN 'Miskin ekstrem' ELSE 'Bukan miskin ekstrem' END AS kelompok,
       s.pendapatan_per_kapita, s.pengeluaran_per_kapita, s.garis_ekstrem,
       CASE WHEN s.miskin_ekstrem THEN n.ekstrem ELSE n.lain END AS keluarga_kelompok
FROM s, n
ORDER BY s.miskin_ekstrem DESC, s.urut

-- beban_sampel(p, kec, kel): beban_sebaran's fixed sample, written once so that the scatter
-- (beban_sebaran) and its "N dari M keluarga" (beban_sebaran_sampel) are the same families: of
-- the listed keluarga of the area with a spending and an income figure, up to 1,000
-- extreme-poor and the others up to 2,000 in all, by a hash of the family number; per family
-- its group's size (keluarga_kelompok, sampled or not).
CREATE OR REPLACE MACRO beban_sampel(p, kec, kel) AS TABLE
WITH b AS (
    SELECT miskin_ekstrem, bertanda, pendapatan_per_kapita, pengeluaran_per_kapita, garis_ekstrem,
           hash(no_kk) AS urut
    FROM beban_keluarga(p)
    WHERE pengeluaran_per_kapita IS NOT NULL AND pendapatan_per_kapita IS NOT NULL
      AND di_wilayah(kode_kel, kec, kel)
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
       s.miskin_ekstrem, s.urut,
       s.pendapatan_per_kapita, s.pengeluaran_per_kapita, s.garis_ekstrem,
       CASE WHEN s.miskin_ekstrem THEN n.ekstrem ELSE n.lain END AS keluarga_kelompok
FROM s, n;

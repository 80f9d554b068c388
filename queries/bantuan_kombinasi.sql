-- name: bantuan_kombinasi
-- returns: the combinations of programmes the period's extreme-poor keluarga in the area receive (the cakupan definition, _shared/20_cakupan.sql: paid in the 12 months up to the period's end or enrolled, any strategy; programmes joined with ' + ' in name order, 'Tidak ada' for none), most common first: the ten commonest plus 'Tidak ada' wherever it ranks, then one row 'Kombinasi lain' summing the rest; porsi is the share of all extreme-poor keluarga in the area
-- unit: keluarga; jumlah_program = programmes in the combination; share 0-1 (porsi)
-- counts: keluarga
-- total: implied
-- derived: porsi <- keluarga
-- ranks: peringkat <- keluarga
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: peringkat = Peringkat [peringkat]; kombinasi = Kombinasi program [teks]; jumlah_program = Jumlah program [peringkat]; keluarga = Keluarga miskin ekstrem (keluarga) [keluarga]; porsi = Porsi keluarga miskin ekstrem (%) [persen]
WITH c AS (
    SELECT program FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
g AS (
    SELECT CASE WHEN len(program) = 0 THEN 'Tidak ada' ELSE array_to_string(program, ' + ') END
               AS kombinasi,
           len(program) AS jumlah_program,
           count(*) AS keluarga
    FROM c GROUP BY ALL
),
r AS (SELECT *, row_number() OVER (ORDER BY keluarga DESC, kombinasi) AS peringkat FROM g),
shown AS (SELECT * FROM r WHERE peringkat <= 10 OR kombinasi = 'Tidak ada')
SELECT peringkat, kombinasi, jumlah_program, keluarga,
       keluarga / (SELECT count(*) FROM c) AS porsi
FROM shown
UNION ALL
SELECT NULL, 'Kombinasi lain (' || count(*) || ' kombinasi)', NULL,
       CAST(sum(keluarga) AS BIGINT), sum(keluarga) / (SELECT count(*) FROM c)
FROM r WHERE peringkat > 10 AND kombinasi <> 'Tidak ada'
HAVING count(*) > 0
ORDER BY peringkat NULLS LAST

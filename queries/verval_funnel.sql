-- name: verval_funnel
-- returns: the verval funnel per source list: keluarga on the list (NULL when that list was not loaded: daftar_dimuat false), checked at verval, meeting the criteria (memenuhi) and not; then 'Di lebih dari satu daftar', the keluarga counted in two or more rows above (on two or more lists; checked under two or more lists); a last row 'Semua daftar' counts each keluarga once (the lists' keluarga and every checked keluarga, so with the overlap row the rows above add up to it when no keluarga is on three lists). A keluarga's result is its latest verval (per list in a list's row, over all lists in the last two rows). A row of a filled-in field-verification file (daftar-verval, Daftar sasaran or Simulasi) whose Sumber Daftar is empty (a family of a list the verval contract does not name, such as DTSEN) counts under '<that list> (verval lapangan)', the list being the family's source on the keluarga list of the sending's period as the register verval_kirim records it; that row's keluarga are the families sent with that label (so daftar_dimuat is true); 'Tidak disebut' is left for verval rows of no list at all. porsi_memenuhi = memenuhi_keluarga ÷ diperiksa_keluarga (NULL when none was checked)
-- unit: keluarga; share 0-1 (porsi_memenuhi)
-- counts: daftar_keluarga, diperiksa_keluarga, memenuhi_keluarga, tidak_memenuhi_keluarga
-- total: last row
-- sums: diperiksa_keluarga = memenuhi_keluarga + tidak_memenuhi_keluarga
-- shares: porsi_memenuhi <- diperiksa_keluarga
-- derived: porsi_memenuhi <- memenuhi_keluarga, diperiksa_keluarga
-- params: periode (YYYY-MM of the verval; empty = every verval period)
-- columns: urutan = Urutan [teks]; sumber_daftar = Sumber daftar [teks]; daftar_keluarga = Dalam daftar (keluarga) [keluarga]; diperiksa_keluarga = Diperiksa (keluarga) [keluarga]; memenuhi_keluarga = Memenuhi kriteria (keluarga) [keluarga]; tidak_memenuhi_keluarga = Tidak memenuhi (keluarga) [keluarga]; daftar_dimuat = Daftar dimuat [teks]; porsi_memenuhi = Memenuhi (% diperiksa) [persen]
WITH
-- each family of each field-verification file sent (the register), with the list it came
-- from: its source on the keluarga list of the sending's period
kirim AS (
    SELECT r.id_berkas, r.no_kk, r.periode,
           coalesce(k.sumber_data, 'Tanpa sumber') || ' (verval lapangan)' AS label
    FROM (SELECT DISTINCT id_berkas, no_kk, periode FROM verval_kirim) r
    LEFT JOIN (
        SELECT periode, no_kk, min(sumber_data) AS sumber_data FROM keluarga
        WHERE no_kk IN (SELECT no_kk FROM verval_kirim) GROUP BY ALL
    ) k ON k.periode = r.periode AND k.no_kk = r.no_kk
),
v AS (
    SELECT x.no_kk, x.hasil, x.tanggal_verval,
           coalesce(x.sumber_daftar, s.label, 'Tidak disebut') AS sumber_daftar, x.periode
    FROM verval x
    LEFT JOIN kirim s
        ON x.sumber_daftar IS NULL AND s.no_kk = x.no_kk
       AND s.id_berkas = json_extract_string(x.extra, '$."ID Berkas"')
    WHERE $periode IS NULL OR x.periode = $periode
),
-- the source lists loaded up to the verval: one row per list and family
daftar AS (
    SELECT DISTINCT sumber_data AS sumber_daftar, no_kk
    FROM keluarga
    WHERE sumber_data IN ('P3KE', 'Bansos Pemkot', 'Bansos Pemkab', 'Bansos Pemkab/Pemkot',
                          'Bansos Pemprov', 'Usulan')
      AND periode <= (SELECT max(periode) FROM v)
      AND sumber_data IN (SELECT sumber_daftar FROM v)
    UNION
    -- a field-verification list of families from another list: the families sent
    SELECT label, no_kk FROM kirim
    WHERE label IN (SELECT sumber_daftar FROM v) AND periode <= (SELECT max(periode) FROM v)
),
-- each family's latest result per list, and over all lists
per_daftar AS (
    SELECT sumber_daftar, no_kk, arg_max(hasil, tanggal_verval) AS hasil
    FROM v GROUP BY ALL
),
per_keluarga AS (
    SELECT no_kk, arg_max(hasil, tanggal_verval) AS hasil, count(DISTINCT sumber_daftar) AS n
    FROM v GROUP BY no_kk
),
-- every family on a loaded list or checked (as on the list it was checked for), with the
-- number of lists it is on
semua AS (
    SELECT no_kk, count(DISTINCT sumber_daftar) AS n
    FROM (SELECT sumber_daftar, no_kk FROM daftar
          UNION SELECT sumber_daftar, no_kk FROM per_daftar)
    GROUP BY no_kk
),
lists AS (SELECT sumber_daftar, count(*) AS daftar FROM daftar GROUP BY 1),
checked AS (
    SELECT sumber_daftar,
           count(*) AS diperiksa,
           count(*) FILTER (WHERE hasil = 'memenuhi') AS memenuhi,
           count(*) FILTER (WHERE hasil = 'tidak memenuhi') AS tidak_memenuhi
    FROM per_daftar GROUP BY 1
),
rows AS (
    SELECT 1 AS urutan, sumber_daftar, l.sumber_daftar IS NOT NULL AS daftar_dimuat,
           l.daftar AS daftar_keluarga,
           c.diperiksa AS diperiksa_keluarga,
           c.memenuhi AS memenuhi_keluarga,
           c.tidak_memenuhi AS tidak_memenuhi_keluarga
    FROM checked c LEFT JOIN lists l USING (sumber_daftar)
),
gabung AS (
    SELECT s.n AS n_daftar, coalesce(k.n, 0) AS n_diperiksa, s.no_kk, k.hasil
    FROM semua s LEFT JOIN per_keluarga k USING (no_kk)
),
tail AS (
    SELECT 2 AS urutan, 'Di lebih dari satu daftar' AS sumber_daftar,
           (SELECT bool_and(daftar_dimuat) FROM rows) AS daftar_dimuat,
           count(*) FILTER (WHERE n_daftar > 1) AS daftar_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1) AS diperiksa_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1 AND hasil = 'memenuhi') AS memenuhi_keluarga,
           count(*) FILTER (WHERE n_diperiksa > 1 AND hasil = 'tidak memenuhi')
               AS tidak_memenuhi_keluarga
    FROM gabung
    UNION ALL
    SELECT 3, 'Semua daftar', (SELECT bool_and(daftar_dimuat) FROM rows),
           count(*),
           count(*) FILTER (WHERE hasil IS NOT NULL),
           count(*) FILTER (WHERE hasil = 'memenuhi'),
           count(*) FILTER (WHERE hasil = 'tidak memenuhi')
    FROM gabung
)
SELECT urutan, sumber_daftar, daftar_keluarga, diperiksa_keluarga, memenuhi_keluarga,
       tidak_memenuhi_keluarga, daftar_dimuat,
       memenuhi_keluarga / nullif(diperiksa_keluarga, 0) AS porsi_memenuhi
FROM (SELECT * FROM rows
      UNION ALL
      SELECT * FROM tail WHERE EXISTS (SELECT 1 FROM rows))
ORDER BY urutan, CASE sumber_daftar WHEN 'P3KE' THEN 0 ELSE 1 END, sumber_daftar

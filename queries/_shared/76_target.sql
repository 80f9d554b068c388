-- tren_target(tp, panjang, induk): the target pace per unit of one flagged period, then a last
-- row for the area they make up (kode NULL): the one definition behind tren_target_kecamatan
-- (panjang 8: per kecamatan) and tren_target_kabupaten (panjang 5: per kab/kota of a province).
-- tp: the period (NULL = the latest); induk: a kab/kota code (only its units, the last row then
-- being that kab/kota, named as it), NULL = the whole region (the last row nama_wilayah()).
-- Columns as tren_target_kecamatan's header says, with kode and nama for the unit.
CREATE OR REPLACE MACRO tren_target(tp, panjang, induk) AS TABLE
WITH p AS (
    SELECT b.periode, b.pembanding,
           (SELECT coalesce(max(a.periode), min(a.periode)) FROM periode_banding a
            WHERE a.berstatus_ekstrem AND a.periode <= b.periode
              AND a.periode <= CAST(CAST(left(b.periode, 4) AS INTEGER) - 1 AS VARCHAR)
                               || substr(b.periode, 5)) AS awal,
           (SELECT min(a.periode) FROM periode_banding a WHERE a.berstatus_ekstrem) AS pertama
    FROM periode_banding b
    WHERE b.periode = periode_atau_terakhir(tp) AND b.berstatus_ekstrem
),
q AS (
    SELECT periode, pembanding, coalesce(awal, pertama) AS awal,
           ((2026 - CAST(left(periode, 4) AS INTEGER)) * 12
            + 12 - CAST(substr(periode, 6, 2) AS INTEGER)) / 3.0 AS tersisa
    FROM p
),
unit AS (
    SELECT DISTINCT substr(kode_kec, 1, panjang) AS kode,
           CASE WHEN panjang = 5 THEN kabupaten_kota ELSE kecamatan END AS nama
    FROM wilayah WHERE induk IS NULL OR starts_with(kode_kec, induk || '.')
),
-- the extreme-poor families of the area (the whole region, or the kab/kota induk)
e AS (
    SELECT * FROM cakupan_ekstrem
    WHERE induk IS NULL OR starts_with(kode_kel, induk || '.')
),
hitung AS (
    SELECT substr(e.kode_kel, 1, panjang) AS kode, e.periode, count(*) AS n,
           avg(CASE WHEN e.tercakup_bansos THEN 1.0 ELSE 0.0 END) AS cakupan,
           count(*) FILTER (WHERE NOT e.tercakup_program) AS belum
    FROM e
    WHERE e.periode IN (SELECT periode FROM q UNION SELECT pembanding FROM q
                        UNION SELECT awal FROM q)
    GROUP BY ALL
),
baris AS (
    SELECT unit.kode, unit.nama, q.*,
           coalesce(h.n, 0) AS n, h.cakupan, coalesce(h.belum, 0) AS belum,
           CASE WHEN q.pembanding IS NOT NULL THEN coalesce(s.n, 0) END AS n_sebelum,
           coalesce(a.n, 0) AS n_awal
    FROM q CROSS JOIN unit
    LEFT JOIN hitung h ON h.kode = unit.kode AND h.periode = q.periode
    LEFT JOIN hitung s ON s.kode = unit.kode AND s.periode = q.pembanding
    LEFT JOIN hitung a ON a.kode = unit.kode AND a.periode = q.awal
    UNION ALL
    SELECT NULL,
           CASE WHEN induk IS NULL THEN nama_wilayah()
                ELSE (SELECT any_value(kabupaten_kota) FROM wilayah WHERE kode_kab = induk) END,
           q.*,
           (SELECT count(*) FROM e WHERE periode = q.periode),
           (SELECT avg(CASE WHEN tercakup_bansos THEN 1.0 ELSE 0.0 END) FROM e
            WHERE periode = q.periode),
           (SELECT count(*) FROM e WHERE periode = q.periode AND NOT tercakup_program),
           CASE WHEN q.pembanding IS NOT NULL THEN
               (SELECT count(*) FROM e WHERE periode = q.pembanding) END,
           (SELECT count(*) FROM e WHERE periode = q.awal)
    FROM q
),
laju AS (
    SELECT *,
           ((CAST(left(periode, 4) AS INTEGER) - CAST(left(awal, 4) AS INTEGER)) * 12
            + CAST(substr(periode, 6, 2) AS INTEGER) - CAST(substr(awal, 6, 2) AS INTEGER)) / 3.0
               AS triwulan_capai
    FROM baris
)
SELECT periode, kode, nama,
       n AS keluarga_miskin_ekstrem,
       pembanding AS periode_sebelumnya, n_sebelum AS keluarga_sebelumnya,
       n - n_sebelum AS perubahan,
       cakupan, belum AS keluarga_belum_tercakup,
       CASE WHEN tersisa > 0 THEN tersisa END AS triwulan_tersisa,
       CASE WHEN tersisa > 0 THEN n / tersisa END AS laju_perlu,
       awal AS periode_awal, n_awal AS keluarga_awal, triwulan_capai,
       CASE WHEN triwulan_capai > 0 THEN (n_awal - n) / triwulan_capai END AS laju_capai,
       CASE WHEN tersisa > 0 AND triwulan_capai > 0
            THEN greatest(0, n - (n_awal - n) / triwulan_capai * tersisa) END
           AS proyeksi_akhir_2026
FROM laju;

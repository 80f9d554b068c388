-- name: tren_target_kecamatan
-- returns: per kecamatan of the city, then a last row 'Kota Pasuruan' (kode_kec NULL), for one flagged period (none for a flagless one): extreme-poor keluarga on the list (the SK list), on the previous flagged list (periode_sebelumnya, pembanding in periode_banding) and the change (perubahan, keluarga: now minus before); cakupan bansos (share reached by a strategy-1 programme, tercakup_bansos) and the keluarga reached by no programme at all (keluarga_belum_tercakup, tercakup_program, as the maps); the target pace: triwulan_tersisa = quarters from the period's end to the end of 2026 (NULL when the period is at or past it), laju_perlu = keluarga to leave the list per quarter to reach 0 by then (now ÷ quarters left); laju_capai = the mean fall per quarter over the last year (from the latest flagged list at least 12 months before, else the first flagged list; periode_awal, keluarga_awal; negative = the list grew), and proyeksi_akhir_2026 = the count at the end of 2026 if that pace holds (now − pace × quarters left, never below 0). The target of Inpres 8/2025 is the national extreme-poverty RATE (persons, Susenas); this pace is of the SK list's count, which can also fall by deaths, moves and verval
-- unit: keluarga (keluarga_*, perubahan); share 0-1 (cakupan); triwulan (triwulan_tersisa, triwulan_capai); keluarga per triwulan (laju_perlu, laju_capai); keluarga (proyeksi_akhir_2026)
-- counts: keluarga_miskin_ekstrem, keluarga_sebelumnya, keluarga_belum_tercakup, keluarga_awal
-- total: last row
-- sums: keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: perubahan <- keluarga_miskin_ekstrem, keluarga_sebelumnya; laju_perlu <- keluarga_miskin_ekstrem; laju_capai, proyeksi_akhir_2026 <- keluarga_miskin_ekstrem, keluarga_awal
-- params: periode (YYYY-MM; empty = latest)
WITH p AS (
    SELECT b.periode, b.pembanding,
           (SELECT coalesce(max(a.periode), min(a.periode)) FROM periode_banding a
            WHERE a.berstatus_ekstrem AND a.periode <= b.periode
              AND a.periode <= CAST(CAST(left(b.periode, 4) AS INTEGER) - 1 AS VARCHAR)
                               || substr(b.periode, 5)) AS awal,
           (SELECT min(a.periode) FROM periode_banding a WHERE a.berstatus_ekstrem) AS pertama
    FROM periode_banding b
    WHERE b.periode = periode_atau_terakhir($periode) AND b.berstatus_ekstrem
),
q AS (
    SELECT periode, pembanding, coalesce(awal, pertama) AS awal,
           ((2026 - CAST(left(periode, 4) AS INTEGER)) * 12
            + 12 - CAST(substr(periode, 6, 2) AS INTEGER)) / 3.0 AS tersisa
    FROM p
),
kec AS (SELECT DISTINCT kode_kec, kecamatan FROM wilayah),
hitung AS (
    SELECT substr(e.kode_kel, 1, 8) AS kode_kec, e.periode, count(*) AS n,
           avg(CASE WHEN e.tercakup_bansos THEN 1.0 ELSE 0.0 END) AS cakupan,
           count(*) FILTER (WHERE NOT e.tercakup_program) AS belum
    FROM cakupan_ekstrem e
    WHERE e.periode IN (SELECT periode FROM q UNION SELECT pembanding FROM q
                        UNION SELECT awal FROM q)
    GROUP BY ALL
),
baris AS (
    SELECT kec.kode_kec, kec.kecamatan, q.*,
           coalesce(h.n, 0) AS n, h.cakupan, coalesce(h.belum, 0) AS belum,
           CASE WHEN q.pembanding IS NOT NULL THEN coalesce(s.n, 0) END AS n_sebelum,
           coalesce(a.n, 0) AS n_awal
    FROM q CROSS JOIN kec
    LEFT JOIN hitung h ON h.kode_kec = kec.kode_kec AND h.periode = q.periode
    LEFT JOIN hitung s ON s.kode_kec = kec.kode_kec AND s.periode = q.pembanding
    LEFT JOIN hitung a ON a.kode_kec = kec.kode_kec AND a.periode = q.awal
    UNION ALL
    SELECT NULL, nama_wilayah(), q.*,
           (SELECT count(*) FROM cakupan_ekstrem WHERE periode = q.periode),
           (SELECT avg(CASE WHEN tercakup_bansos THEN 1.0 ELSE 0.0 END) FROM cakupan_ekstrem
            WHERE periode = q.periode),
           (SELECT count(*) FROM cakupan_ekstrem WHERE periode = q.periode
              AND NOT tercakup_program),
           CASE WHEN q.pembanding IS NOT NULL THEN
               (SELECT count(*) FROM cakupan_ekstrem WHERE periode = q.pembanding) END,
           (SELECT count(*) FROM cakupan_ekstrem WHERE periode = q.awal)
    FROM q
),
laju AS (
    SELECT *,
           ((CAST(left(periode, 4) AS INTEGER) - CAST(left(awal, 4) AS INTEGER)) * 12
            + CAST(substr(periode, 6, 2) AS INTEGER) - CAST(substr(awal, 6, 2) AS INTEGER)) / 3.0
               AS triwulan_capai
    FROM baris
)
SELECT periode, kode_kec, kecamatan,
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
FROM laju
ORDER BY kode_kec NULLS LAST

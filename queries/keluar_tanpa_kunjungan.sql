-- name: keluar_tanpa_kunjungan
-- returns: the import check of BPS re-review N7 (exit from extreme poverty is recorded by monitoring visits only): per flagged period with a previous flagged list (periode_banding.pembanding), the families flagged extreme-poor on the previous flagged list that are on this list without the flag (keluarga_tanda_dicabut), split by whether a monitoring visit marked 'keluar' is dated in the span (after the previous list's period end minus 3 months, up to this period's end) (dicabut_dengan_kunjungan_keluar) or not (dicabut_tanpa_kunjungan_keluar: exits the visit-based outcome does not see; such a family stays "at risk" in the modal usaha and KUBE comparison until it leaves the list, see the sensitivity 'keluar menurut daftar'); and those flagged on the previous list that are not on this list at all (keluarga_tidak_lagi_dalam_daftar), split by whether any visit marked 'keluar', 'meninggal' or 'pindah' is dated in the same span; a last row (periode 'Semua') totals them. Every flagged period after the first appears (0 when no flag was removed). No rows with fewer than two flagged lists. Aggregates only
-- unit: keluarga (every count); periode (periode, pembanding)
-- counts: keluarga_tanda_dicabut, dicabut_dengan_kunjungan_keluar, dicabut_tanpa_kunjungan_keluar, keluarga_tidak_lagi_dalam_daftar, tidak_lagi_dengan_kunjungan, tidak_lagi_tanpa_kunjungan
-- total: last row
-- sums: keluarga_tanda_dicabut = dicabut_dengan_kunjungan_keluar + dicabut_tanpa_kunjungan_keluar; keluarga_tidak_lagi_dalam_daftar = tidak_lagi_dengan_kunjungan + tidak_lagi_tanpa_kunjungan
-- params: periode (YYYY-MM; empty = every flagged period up to the latest; given = the flagged periods up to it)
-- columns: periode = Periode [periode]; pembanding = Periode pembanding [periode]; keluarga_tanda_dicabut = Tanda miskin ekstrem dicabut (keluarga) [keluarga]; dicabut_dengan_kunjungan_keluar = Dicabut, dengan kunjungan keluar (keluarga) [keluarga]; dicabut_tanpa_kunjungan_keluar = Dicabut, tanpa kunjungan keluar (keluarga) [keluarga]; keluarga_tidak_lagi_dalam_daftar = Tidak lagi dalam daftar (keluarga) [keluarga]; tidak_lagi_dengan_kunjungan = Tidak lagi dalam daftar, dengan kunjungan (keluarga) [keluarga]; tidak_lagi_tanpa_kunjungan = Tidak lagi dalam daftar, tanpa kunjungan (keluarga) [keluarga]
WITH pasangan AS (
    SELECT periode, pembanding FROM periode_banding
    WHERE berstatus_ekstrem AND pembanding IS NOT NULL
      AND periode <= periode_atau_terakhir($periode)
),
sebelum AS (  -- flagged on the previous flagged list
    SELECT p.periode, p.pembanding, k.no_kk
    FROM pasangan p JOIN keluarga k ON k.periode = p.pembanding AND k.miskin_ekstrem
),
nasib AS (
    SELECT s.periode, s.pembanding, s.no_kk, k.no_kk IS NOT NULL AS di_daftar,
           coalesce(k.miskin_ekstrem, false) AS masih_ekstrem
    FROM sebelum s LEFT JOIN keluarga k ON k.periode = s.periode AND k.no_kk = s.no_kk
),
hilang AS (SELECT * FROM nasib WHERE NOT (di_daftar AND masih_ekstrem)),
-- the visits of those families dated in the span: after the previous list's period end minus
-- 3 months (a visit that saw the exit may precede that list by weeks) to this period's end
kunjungan AS (
    SELECT h.periode, h.no_kk,
           bool_or(v.status_ekstrem = 'keluar') AS keluar,
           bool_or(v.status_ekstrem IN ('keluar', 'meninggal', 'pindah')) AS alasan
    FROM hilang h
    JOIN pemantauan v ON v.no_kk = h.no_kk
     AND v.tanggal > periode_akhir(h.pembanding) - INTERVAL 3 MONTH
     AND v.tanggal <= periode_akhir(h.periode)
    GROUP BY ALL
),
per AS (
    SELECT p.periode, p.pembanding,
           count(h.no_kk) FILTER (WHERE h.di_daftar) AS keluarga_tanda_dicabut,
           count(h.no_kk) FILTER (WHERE h.di_daftar AND coalesce(v.keluar, false))
               AS dicabut_dengan_kunjungan_keluar,
           count(h.no_kk) FILTER (WHERE h.di_daftar AND NOT coalesce(v.keluar, false))
               AS dicabut_tanpa_kunjungan_keluar,
           count(h.no_kk) FILTER (WHERE NOT h.di_daftar) AS keluarga_tidak_lagi_dalam_daftar,
           count(h.no_kk) FILTER (WHERE NOT h.di_daftar AND coalesce(v.alasan, false))
               AS tidak_lagi_dengan_kunjungan,
           count(h.no_kk) FILTER (WHERE NOT h.di_daftar AND NOT coalesce(v.alasan, false))
               AS tidak_lagi_tanpa_kunjungan
    FROM pasangan p
    LEFT JOIN hilang h ON h.periode = p.periode
    LEFT JOIN kunjungan v ON v.periode = h.periode AND v.no_kk = h.no_kk
    GROUP BY p.periode, p.pembanding
)
SELECT periode, pembanding, keluarga_tanda_dicabut, dicabut_dengan_kunjungan_keluar,
       dicabut_tanpa_kunjungan_keluar, keluarga_tidak_lagi_dalam_daftar,
       tidak_lagi_dengan_kunjungan, tidak_lagi_tanpa_kunjungan
FROM (
    SELECT 0 AS urut, * FROM per
    UNION ALL
    SELECT 1, 'Semua', NULL, CAST(sum(keluarga_tanda_dicabut) AS BIGINT),
           CAST(sum(dicabut_dengan_kunjungan_keluar) AS BIGINT),
           CAST(sum(dicabut_tanpa_kunjungan_keluar) AS BIGINT),
           CAST(sum(keluarga_tidak_lagi_dalam_daftar) AS BIGINT),
           CAST(sum(tidak_lagi_dengan_kunjungan) AS BIGINT),
           CAST(sum(tidak_lagi_tanpa_kunjungan) AS BIGINT)
    FROM per HAVING count(*) > 0
)
ORDER BY urut, periode

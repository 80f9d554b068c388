-- name: tren_miskin_ekstrem_komponen
-- returns: per flagged period with a previous flagged list to compare (pembanding, periode_banding), the change of the area's extreme-poor keluarga decomposed (BPS review M9: the SK list can shrink by list maintenance alone). keluarga_sebelumnya = flagged on the previous list in the area; keluarga_sekarang = flagged on this list; tetap = on both; those that left, each in one part by the first that applies: meninggal_pindah (their latest monitoring visit up to the period's end says 'meninggal' or 'pindah'), lulus (that visit says 'keluar': left extreme poverty), dicoret_verval (a verval 'tidak memenuhi' dated after the previous list's period and up to this period's end), keluar_lain (no reason recorded: dropped from the list or the flag); masuk = flagged now and not before (usulan, verval, moved in). A family's area is its kelurahan on the list it is counted on. Only periods up to periode
-- unit: keluarga
-- counts: keluarga_sebelumnya, keluarga_sekarang, tetap, meninggal_pindah, lulus, dicoret_verval, keluar_lain, masuk
-- sums: keluarga_sebelumnya = tetap + meninggal_pindah + lulus + dicoret_verval + keluar_lain; keluarga_sekarang = tetap + masuk
-- params: periode (YYYY-MM: the periods up to it; empty = all), kode_kec, kode_kel (empty = all)
-- columns: periode = Ke periode [periode]; periode_sebelumnya = Dari periode [periode]; keluarga_sebelumnya = Sebelumnya (keluarga) [keluarga]; keluarga_sekarang = Sekarang (keluarga) [keluarga]; tetap = Tetap (keluarga) [keluarga]; meninggal_pindah = Meninggal/pindah (keluarga) [keluarga]; lulus = Lulus (keluarga) [keluarga]; dicoret_verval = Dicoret saat verval (keluarga) [keluarga]; keluar_lain = Keluar tanpa alasan tercatat (keluarga) [keluarga]; masuk = Masuk (keluarga) [keluarga]
WITH pasangan AS (
    SELECT periode, pembanding
    FROM periode_banding
    WHERE berstatus_ekstrem AND pembanding IS NOT NULL
      AND ($periode IS NULL OR periode <= $periode)
),
ekstrem AS (
    SELECT DISTINCT periode, no_kk FROM cakupan_ekstrem
    WHERE di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
sebelum AS (
    SELECT p.periode, p.pembanding, e.no_kk,
           e.no_kk IN (SELECT no_kk FROM ekstrem x WHERE x.periode = p.periode) AS tetap
    FROM pasangan p JOIN ekstrem e ON e.periode = p.pembanding
),
keluar AS (
    SELECT s.periode, s.no_kk,
           (SELECT arg_max(m.status_ekstrem, m.tanggal) FROM pemantauan m
            WHERE m.no_kk = s.no_kk AND m.tanggal <= periode_akhir(s.periode)) AS status_terakhir,
           EXISTS (SELECT 1 FROM verval v
                   WHERE v.no_kk = s.no_kk AND v.hasil = 'tidak memenuhi'
                     AND v.tanggal_verval > periode_akhir(s.pembanding)
                     AND v.tanggal_verval <= periode_akhir(s.periode)) AS dicoret
    FROM sebelum s WHERE NOT s.tetap
),
bagian AS (
    SELECT periode,
           CASE WHEN status_terakhir IN ('meninggal', 'pindah') THEN 'meninggal_pindah'
                WHEN status_terakhir = 'keluar' THEN 'lulus'
                WHEN dicoret THEN 'dicoret_verval'
                ELSE 'keluar_lain' END AS bagian
    FROM keluar
)
SELECT p.periode, p.pembanding AS periode_sebelumnya,
       (SELECT count(*) FROM sebelum s WHERE s.periode = p.periode) AS keluarga_sebelumnya,
       (SELECT count(*) FROM ekstrem e WHERE e.periode = p.periode) AS keluarga_sekarang,
       (SELECT count(*) FROM sebelum s WHERE s.periode = p.periode AND s.tetap) AS tetap,
       (SELECT count(*) FROM bagian b WHERE b.periode = p.periode AND b.bagian = 'meninggal_pindah')
           AS meninggal_pindah,
       (SELECT count(*) FROM bagian b WHERE b.periode = p.periode AND b.bagian = 'lulus') AS lulus,
       (SELECT count(*) FROM bagian b WHERE b.periode = p.periode AND b.bagian = 'dicoret_verval')
           AS dicoret_verval,
       (SELECT count(*) FROM bagian b WHERE b.periode = p.periode AND b.bagian = 'keluar_lain')
           AS keluar_lain,
       (SELECT count(*) FROM ekstrem e WHERE e.periode = p.periode
          AND e.no_kk NOT IN (SELECT no_kk FROM ekstrem x WHERE x.periode = p.pembanding)) AS masuk
FROM pasangan p
ORDER BY p.periode

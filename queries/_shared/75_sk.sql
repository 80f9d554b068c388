-- Daftar SK (pantau/sk.py): the frozen versions of the SK Wali Kota list and each version's
-- change against the previous one. `sk_daftar` (a view the engine builds from the manifest's
-- `sk` list) holds every family row of every version, the version's columns first.

-- sk_versi_urut: one row per version with the version it is compared with: the one before it
-- in period order (then in freezing order), NULL for the first.
CREATE OR REPLACE TABLE sk_versi_urut AS
SELECT v.*,
       lag(versi) OVER (ORDER BY periode, versi) AS versi_sebelumnya,
       lag(periode) OVER (ORDER BY periode, versi) AS periode_sebelumnya
FROM (
    SELECT versi, any_value(nama_versi) AS nama_versi, any_value(periode) AS periode,
           any_value(dibekukan) AS dibekukan, any_value(oleh) AS oleh,
           any_value(sha256) AS sha256, count(*) AS keluarga
    FROM sk_daftar GROUP BY versi
) v;

-- sk_versi_pilih(v, p): version v; with v empty, the latest version of a period at or before p
-- (the version in force in period p); with both empty, the latest version.
CREATE OR REPLACE MACRO sk_versi_pilih(v, p) AS
    CASE WHEN v IS NOT NULL THEN CAST(v AS INTEGER) ELSE (
        SELECT arg_max(versi, periode || lpad(CAST(versi AS VARCHAR), 6, '0'))
        FROM sk_versi_urut WHERE p IS NULL OR periode <= p) END;

-- sk_perubahan_kk(v): each family of version v and of the version before it, once: status
-- 'masuk' (in v only), 'keluar' (in the previous only) or 'tetap' (in both), with its kategori
-- and alasan in words, the dataset the reason comes from (sumber_alasan) and its date.
--   masuk: 'usulan' (the list's sumber is Usulan, or its verval was of the Usulan list),
--          'verval' (a verval 'memenuhi' dated after the previous version's period, up to v's),
--          'pemutakhiran daftar' (newly flagged on the list without either);
--   keluar: the latest exit reason dated up to the end of v's period, from monitoring (status
--          keluar = graduasi, meninggal, pindah) or verval (tidak memenuhi: sudah mampu =
--          graduasi, meninggal, pindah, any other alasan = tidak memenuhi syarat); without one,
--          'tidak memenuhi syarat': still on v's keluarga list but no longer flagged, or no
--          longer on that list at all.
-- Area: v's row for masuk and tetap, the previous version's row for keluar.
CREATE OR REPLACE MACRO sk_perubahan_kk(v) AS TABLE
WITH ini AS (SELECT * FROM sk_versi_urut WHERE versi = v),
lalu AS (SELECT * FROM sk_versi_urut WHERE versi = (SELECT versi_sebelumnya FROM ini)),
batas AS (
    SELECT periode_akhir((SELECT periode FROM ini)) AS akhir,
           periode_akhir((SELECT periode FROM lalu)) AS akhir_lalu
),
baru AS (SELECT * FROM sk_daftar WHERE versi = v),
lama AS (SELECT * FROM sk_daftar WHERE versi = (SELECT versi FROM lalu)),
keluar_alasan AS (
    SELECT no_kk, tanggal, sumber, alasan, kategori FROM (
        SELECT no_kk, tanggal, 'pemantauan' AS sumber, status_ekstrem AS alasan,
               CASE status_ekstrem WHEN 'keluar' THEN 'graduasi' ELSE status_ekstrem END
                   AS kategori
        FROM pemantauan
        WHERE status_ekstrem IN ('keluar', 'meninggal', 'pindah')
          AND tanggal <= (SELECT akhir FROM batas)
        UNION ALL
        SELECT no_kk, tanggal_verval, 'verval', coalesce(alasan, 'tidak memenuhi'),
               CASE alasan WHEN 'sudah mampu' THEN 'graduasi' WHEN 'meninggal' THEN 'meninggal'
                           WHEN 'pindah' THEN 'pindah' ELSE 'tidak memenuhi syarat' END
        FROM verval
        WHERE hasil = 'tidak memenuhi' AND tanggal_verval <= (SELECT akhir FROM batas)
    )
    QUALIFY row_number() OVER (PARTITION BY no_kk ORDER BY tanggal DESC, sumber) = 1
),
masuk_verval AS (
    SELECT no_kk, tanggal_verval AS tanggal, sumber_daftar FROM verval
    WHERE hasil = 'memenuhi' AND tanggal_verval <= (SELECT akhir FROM batas)
      AND ((SELECT akhir_lalu FROM batas) IS NULL OR tanggal_verval > (SELECT akhir_lalu FROM batas))
    QUALIFY row_number() OVER (PARTITION BY no_kk ORDER BY tanggal_verval DESC) = 1
),
daftar_ini AS (
    SELECT no_kk, bool_or(coalesce(miskin_ekstrem, false)) AS ekstrem FROM keluarga
    WHERE periode = (SELECT periode FROM ini) GROUP BY no_kk
)
SELECT v AS versi, (SELECT versi FROM lalu) AS versi_sebelumnya, 'masuk' AS status,
       CASE WHEN b.sumber_data = 'Usulan' OR m.sumber_daftar = 'Usulan' THEN 'usulan'
            WHEN m.no_kk IS NOT NULL THEN 'verval' ELSE 'pemutakhiran daftar' END AS kategori,
       CASE WHEN m.no_kk IS NOT NULL
                THEN 'verval ' || strftime(m.tanggal, '%d-%m-%Y') || ': memenuhi'
                     || CASE WHEN b.sumber_data = 'Usulan' OR m.sumber_daftar = 'Usulan'
                             THEN ' (usulan)' ELSE '' END
            WHEN b.sumber_data = 'Usulan' THEN 'usulan dalam daftar ' || (SELECT periode FROM ini)
            ELSE 'bertanda miskin ekstrem di daftar ' || (SELECT periode FROM ini)
                 || coalesce(' (' || b.sumber_data || ')', '') END AS alasan,
       CASE WHEN m.no_kk IS NOT NULL THEN 'verval' ELSE 'keluarga' END AS sumber_alasan,
       m.tanggal AS tanggal_alasan,
       b.no_kk, b.nik_kepala, b.nama_kepala, b.alamat, b.rt, b.rw,
       b.kode_kec, b.kecamatan, b.kode_kel, b.kelurahan
FROM baru b
LEFT JOIN masuk_verval m USING (no_kk)
WHERE (SELECT versi FROM lalu) IS NOT NULL AND b.no_kk NOT IN (SELECT no_kk FROM lama)
UNION ALL
SELECT v, (SELECT versi FROM lalu), 'keluar',
       coalesce(a.kategori, 'tidak memenuhi syarat'),
       CASE WHEN a.no_kk IS NOT NULL
                THEN a.sumber || ' ' || strftime(a.tanggal, '%d-%m-%Y') || ': ' || a.alasan
            WHEN d.no_kk IS NOT NULL
                THEN 'tidak lagi bertanda miskin ekstrem di daftar ' || (SELECT periode FROM ini)
            ELSE 'tidak ada lagi di daftar keluarga ' || (SELECT periode FROM ini) END,
       coalesce(a.sumber, 'keluarga'), a.tanggal,
       l.no_kk, l.nik_kepala, l.nama_kepala, l.alamat, l.rt, l.rw,
       l.kode_kec, l.kecamatan, l.kode_kel, l.kelurahan
FROM lama l
LEFT JOIN keluar_alasan a USING (no_kk)
LEFT JOIN daftar_ini d USING (no_kk)
WHERE l.no_kk NOT IN (SELECT no_kk FROM baru)
UNION ALL
SELECT v, (SELECT versi FROM lalu), 'tetap', 'tetap',
       CASE WHEN b.kode_kel IS DISTINCT FROM l.kode_kel
            THEN 'tetap; pindah dari ' || l.kelurahan ELSE NULL END,
       NULL, NULL,
       b.no_kk, b.nik_kepala, b.nama_kepala, b.alamat, b.rt, b.rw,
       b.kode_kec, b.kecamatan, b.kode_kel, b.kelurahan
FROM baru b JOIN lama l USING (no_kk);

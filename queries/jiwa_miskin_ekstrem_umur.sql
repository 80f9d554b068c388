-- name: jiwa_miskin_ekstrem_umur
-- returns: the persons (jiwa) of the period's extreme-poor families, by age group at the end of the period (P3KE's bands: < 7, 7–12, 13–15, 16–18, 19–21, 22–59, ≥ 60 tahun) and by disability, then a row 'Umur tidak diketahui' (a member without a readable birth date, or one dated after the period), a row 'Keluarga tanpa data anggota' (the list's jumlah_anggota of extreme-poor families no individu export has, at least 1 each: persons counted, age and disability unknown), and last 'Semua' (every jiwa of the period's extreme-poor families in the area). Members are those of the latest individu export at or before the period that has the family (a later export does not say who lived there then), each NIK once. Disability from the export's disabilitas text: empty = tidak diketahui; '0', 'tidak', 'tidak ada', 'bukan', 'tidak cacat', 'tidak disabilitas', '-' = tanpa disabilitas; any other value (a code 1–9 or a kind such as 'tuna netra') = penyandang disabilitas. No rows when the period has no keluarga list or the list carries no extreme-poverty flag. A count from the registers, not a survey: no sampling error; it is as complete as the individu exports are.
-- unit: jiwa (jiwa, jiwa_disabilitas, jiwa_tanpa_disabilitas, jiwa_disabilitas_tidak_diketahui); share 0-1 (porsi_disabilitas: of the jiwa whose disability is known)
-- counts: jiwa, jiwa_disabilitas, jiwa_tanpa_disabilitas, jiwa_disabilitas_tidak_diketahui
-- total: last row
-- sums: jiwa = jiwa_disabilitas + jiwa_tanpa_disabilitas + jiwa_disabilitas_tidak_diketahui
-- derived: porsi_disabilitas <- jiwa_disabilitas, jiwa_tanpa_disabilitas
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: urutan = Urutan [teks]; kelompok_umur = Kelompok umur [teks]; jiwa = Jiwa miskin ekstrem (jiwa) [jiwa]; jiwa_disabilitas = Penyandang disabilitas (jiwa) [jiwa]; jiwa_tanpa_disabilitas = Tanpa disabilitas (jiwa) [jiwa]; jiwa_disabilitas_tidak_diketahui = Disabilitas tidak diketahui (jiwa) [jiwa]; porsi_disabilitas = Penyandang disabilitas (% diketahui) [persen]
WITH daftar AS MATERIALIZED (
    SELECT no_kk, any_value(jumlah_anggota) AS jumlah_anggota, any_value(periode) AS periode
    FROM keluarga
    WHERE periode = periode_atau_terakhir($periode) AND miskin_ekstrem
      AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
    GROUP BY no_kk
),
ekspor AS (
    SELECT i.no_kk, max(i.periode) AS periode
    FROM individu i JOIN daftar d ON d.no_kk = i.no_kk AND i.periode <= d.periode
    GROUP BY i.no_kk
),
anggota AS (
    SELECT i.nik, any_value(i.tanggal_lahir) AS tanggal_lahir,
           any_value(lower(trim(i.disabilitas))) AS disabilitas,
           last_day(CAST(periode_atau_terakhir($periode) || '-01' AS DATE)) AS akhir
    FROM individu i JOIN ekspor e ON e.no_kk = i.no_kk AND e.periode = i.periode
    GROUP BY i.nik
),
orang AS (
    SELECT CASE
               WHEN tanggal_lahir IS NULL OR tanggal_lahir > akhir THEN 8
               WHEN date_sub('year', tanggal_lahir, akhir) < 7 THEN 1
               WHEN date_sub('year', tanggal_lahir, akhir) <= 12 THEN 2
               WHEN date_sub('year', tanggal_lahir, akhir) <= 15 THEN 3
               WHEN date_sub('year', tanggal_lahir, akhir) <= 18 THEN 4
               WHEN date_sub('year', tanggal_lahir, akhir) <= 21 THEN 5
               WHEN date_sub('year', tanggal_lahir, akhir) <= 59 THEN 6
               ELSE 7
           END AS urutan,
           CASE
               WHEN disabilitas IS NULL OR disabilitas = '' THEN NULL
               WHEN disabilitas IN ('0', 'tidak', 'tidak ada', 'bukan', 'tidak cacat',
                                    'tidak disabilitas', '-') THEN false
               ELSE true
           END AS disabilitas,
           1 AS n
    FROM anggota
    UNION ALL
    SELECT 9, NULL, greatest(coalesce(jumlah_anggota, 1), 1)
    FROM daftar
    WHERE no_kk NOT IN (SELECT no_kk FROM ekspor)
),
kelompok(urutan, kelompok_umur) AS (
    VALUES (1, '< 7 tahun'), (2, '7–12 tahun'), (3, '13–15 tahun'), (4, '16–18 tahun'),
           (5, '19–21 tahun'), (6, '22–59 tahun'), (7, '≥ 60 tahun'),
           (8, 'Umur tidak diketahui'), (9, 'Keluarga tanpa data anggota'), (10, 'Semua')
),
hitung AS (
    SELECT coalesce(urutan, 10) AS urutan,
           sum(n) AS jiwa,
           sum(n) FILTER (WHERE disabilitas) AS jiwa_disabilitas,
           sum(n) FILTER (WHERE NOT disabilitas) AS jiwa_tanpa_disabilitas,
           sum(n) FILTER (WHERE disabilitas IS NULL) AS jiwa_disabilitas_tidak_diketahui
    FROM orang
    GROUP BY ROLLUP (urutan)
)
SELECT k.urutan, k.kelompok_umur,
       CAST(coalesce(h.jiwa, 0) AS BIGINT) AS jiwa,
       CAST(coalesce(h.jiwa_disabilitas, 0) AS BIGINT) AS jiwa_disabilitas,
       CAST(coalesce(h.jiwa_tanpa_disabilitas, 0) AS BIGINT) AS jiwa_tanpa_disabilitas,
       CAST(coalesce(h.jiwa_disabilitas_tidak_diketahui, 0) AS BIGINT)
           AS jiwa_disabilitas_tidak_diketahui,
       coalesce(h.jiwa_disabilitas, 0)
           / nullif(coalesce(h.jiwa_disabilitas, 0) + coalesce(h.jiwa_tanpa_disabilitas, 0), 0)
           AS porsi_disabilitas
FROM kelompok k
LEFT JOIN hitung h ON h.urutan = k.urutan
WHERE EXISTS (SELECT 1 FROM daftar)
   OR EXISTS (SELECT 1 FROM keluarga WHERE periode = periode_atau_terakhir($periode) AND miskin_ekstrem IS NOT NULL)
ORDER BY k.urutan

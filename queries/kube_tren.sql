-- name: kube_tren
-- returns: per KUBE period up to the chosen period, the KUBE groups of the area listed, those still active (status_aktif; not stated counts as active), member keluarga of the active groups, and the monthly turnover (omzet_bulanan) of the active groups: total and median per group. A group's turnover is the largest value on its member rows, because exports put it on the ketua's row only or repeat it on every row.
-- unit: kelompok (kelompok, kelompok_aktif); keluarga (keluarga_anggota_aktif); Rp per bulan (omzet_bulanan_total; omzet_bulanan_median = Rp per kelompok per bulan)
-- counts: keluarga_anggota_aktif
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; kelompok = KUBE (kelompok) [kelompok]; kelompok_aktif = KUBE aktif (kelompok) [kelompok]; keluarga_anggota_aktif = Anggota KUBE aktif (keluarga) [keluarga]; omzet_bulanan_total = Omzet KUBE aktif (Rp per bulan) [rp]; omzet_bulanan_median = Omzet median per KUBE aktif (Rp per bulan) [rp]
WITH baris AS (
    SELECT periode, id_kube, no_kk, status_aktif, omzet_bulanan FROM kube
    WHERE periode <= periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
kelompok AS (
    SELECT periode, id_kube, bool_or(coalesce(status_aktif, true)) AS aktif,
           max(omzet_bulanan) AS omzet
    FROM baris GROUP BY ALL
)
SELECT k.periode,
       count(*) AS kelompok,
       count(*) FILTER (WHERE aktif) AS kelompok_aktif,
       (SELECT count(DISTINCT b.no_kk) FROM baris b JOIN kelompok a USING (periode, id_kube)
        WHERE a.aktif AND b.periode = k.periode) AS keluarga_anggota_aktif,
       sum(omzet) FILTER (WHERE aktif) AS omzet_bulanan_total,
       median(omzet) FILTER (WHERE aktif) AS omzet_bulanan_median
FROM kelompok k
GROUP BY k.periode
ORDER BY k.periode

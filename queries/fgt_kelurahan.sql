-- name: fgt_kelurahan
-- returns: per kelurahan with listed families in the period, the Foster–Greer–Thorbecke indices of the persons in those families on per-capita spending against the extreme line of the period's year (as in fgt), with the persons and families counted and the families left out for having no spending figure. P0 carries its 95 % interval with the family as the cluster (members share their family's spending per person, so they are not independent): the Wilson interval of P0 on the effective number of persons jiwa_efektif = jiwa_dihitung ÷ design effect, from the cluster-robust variance of the ratio (jiwa_efektif, _shared/55_wilson.sql; tests/test_fgt.py checks it against statsmodels); dasar_kecil = fewer than 30 keluarga with a spending figure ("hati-hati: dasar kecil"). The persons are those of the period's list only, against the extreme line: not BPS's P0 (Susenas, the whole population, the BPS poverty line). p0_wilayah = P0 of the whole area (the city, or the kecamatan asked for); di_atas_wilayah = P0's interval lies wholly above it. tertinggi_dapat_dibedakan (the rule for a 'tertinggi' headline, queries/README.md "Tertinggi / terendah"): the top group is the kelurahan with the highest P0 (all of them when tied) and every kelurahan whose interval overlaps theirs (upper bound at or above the lowest lower bound among them); true on the one kelurahan of a group of one (it can be named as the highest), false on each kelurahan of a larger group (they cannot be told apart), NULL outside the group, without P0, and when fewer than two kelurahan have one
-- unit: keluarga (keluarga_dihitung, keluarga_tanpa_pengeluaran); jiwa (jiwa_dihitung, jiwa_di_bawah_garis, jiwa_di_atas_garis: the rest, beside them so that it is no whole minus a part); p0, p0_bawah, p0_atas, p0_wilayah = percent of persons below the line; jiwa (jiwa_efektif, effective persons, not a count); true/false (dasar_kecil, di_atas_wilayah, tertinggi_dapat_dibedakan); p1, p2 = BPS indices (×100); Rp per jiwa per bulan (garis_ekstrem)
-- counts: keluarga_dihitung, keluarga_tanpa_pengeluaran, jiwa_dihitung, jiwa_di_bawah_garis, jiwa_di_atas_garis
-- total: implied
-- groups: kode_kec
-- sums: jiwa_dihitung = jiwa_di_bawah_garis + jiwa_di_atas_garis
-- shares: p0 <- jiwa_dihitung / 100
-- derived: p0, p1, p2, jiwa_efektif <- jiwa_di_bawah_garis, jiwa_dihitung; p0_bawah, p0_atas, di_atas_wilayah, tertinggi_dapat_dibedakan <- p0
-- params: periode (YYYY-MM; empty = the latest period with keluarga data), kode_kec (35.75.0X; empty = the whole city)
-- columns: kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; keluarga_dihitung = Keluarga dihitung (keluarga) [keluarga]; keluarga_tanpa_pengeluaran = Tanpa angka pengeluaran (keluarga) [keluarga]; jiwa_dihitung = Jiwa dihitung (jiwa) [jiwa]; jiwa_di_bawah_garis = Jiwa di bawah garis (jiwa) [jiwa]; jiwa_di_atas_garis = Jiwa di atas garis (jiwa) [jiwa]; p0 = P0 (% jiwa di bawah garis) [desimal]; p1 = P1 (indeks kedalaman) [indeks]; p2 = P2 (indeks keparahan) [indeks]; jiwa_efektif = Jiwa efektif (bukan hitungan) [desimal]; p0_bawah = P0: batas bawah 95 % (%) [desimal]; p0_atas = P0: batas atas 95 % (%) [desimal]; dasar_kecil = Dasar kecil (< 30 keluarga) [teks]; p0_wilayah = P0 {jenis} (%) [desimal]; di_atas_wilayah = Di atas angka {jenis} (95 %) [teks]; tertinggi_dapat_dibedakan = Tertinggi, dapat dibedakan [teks]
WITH b AS (
    SELECT kode_kel, garis_ekstrem, jumlah_anggota AS w,
           CASE WHEN pengeluaran_per_kapita < garis_ekstrem THEN 1 ELSE 0 END AS y,
           pengeluaran_per_kapita IS NULL AS tanpa_pengeluaran,
           pengeluaran_per_kapita IS NOT NULL AND garis_ekstrem IS NOT NULL AS dihitung,
           pengeluaran_per_kapita < garis_ekstrem AS miskin,
           CASE WHEN pengeluaran_per_kapita < garis_ekstrem
                THEN (garis_ekstrem - pengeluaran_per_kapita) / garis_ekstrem ELSE 0 END AS kurang
    FROM beban_keluarga(periode_atau_terakhir($periode))
    WHERE di_wilayah(kode_kel, $kode_kec, NULL)
),
f AS (
    SELECT kode_kel,
           any_value(garis_ekstrem) AS garis_ekstrem,
           count(*) FILTER (WHERE dihitung) AS keluarga_dihitung,
           count(*) FILTER (WHERE tanpa_pengeluaran) AS keluarga_tanpa_pengeluaran,
           CAST(coalesce(sum(w) FILTER (WHERE dihitung), 0) AS BIGINT) AS jiwa_dihitung,
           CAST(coalesce(sum(w) FILTER (WHERE dihitung AND miskin), 0) AS BIGINT) AS jiwa_di_bawah_garis,
           CAST(coalesce(sum(w) FILTER (WHERE dihitung AND NOT miskin), 0) AS BIGINT)
               AS jiwa_di_atas_garis,
           -- Σ w²·y and Σ w² of the families counted: the cluster variance (jiwa_efektif)
           sum(w * w * y) FILTER (WHERE dihitung) AS w2y,
           sum(w * w) FILTER (WHERE dihitung) AS w2,
           100 * sum(w * kurang) FILTER (WHERE dihitung) / sum(w) FILTER (WHERE dihitung) AS p1,
           100 * sum(w * kurang * kurang) FILTER (WHERE dihitung)
               / sum(w) FILTER (WHERE dihitung) AS p2
    FROM b
    GROUP BY kode_kel
),
v AS (
    SELECT *, jiwa_efektif_varians(keluarga_dihitung, jiwa_dihitung, jiwa_di_bawah_garis, w2y, w2)
              AS var_kluster
    FROM f
),
n AS (
    SELECT *, jiwa_efektif(keluarga_dihitung, jiwa_dihitung, jiwa_di_bawah_garis, var_kluster)
              AS n_ef
    FROM v
),
-- the effective persons below the line, R·n, as a column: the Wilson macros paste it often
e AS (SELECT *, n_ef * jiwa_di_bawah_garis / jiwa_dihitung AS k_ef FROM n),
-- the rule for a 'tertinggi' headline (queries/README.md "Tertinggi / terendah"), on P0's interval
r AS (
    SELECT w.kode_kec, w.kecamatan, f.kode_kel, w.kelurahan, f.garis_ekstrem,
           f.keluarga_dihitung, f.keluarga_tanpa_pengeluaran, f.jiwa_dihitung,
           f.jiwa_di_bawah_garis, f.jiwa_di_atas_garis,
           round(100 * f.jiwa_di_bawah_garis / nullif(f.jiwa_dihitung, 0), 4) AS p0,
           round(f.p1, 4) AS p1, round(f.p2, 4) AS p2,
           round(f.n_ef, 4) AS jiwa_efektif,
           round(100 * wilson_bawah(f.k_ef, f.n_ef), 4)
               AS p0_bawah,
           round(100 * wilson_atas(f.k_ef, f.n_ef), 4)
               AS p0_atas,
           dasar_kecil(f.keluarga_dihitung) AS dasar_kecil,
           round(100 * sum(f.jiwa_di_bawah_garis) OVER ()
                 / nullif(sum(f.jiwa_dihitung) OVER (), 0), 4) AS p0_wilayah
    FROM e f
    JOIN wilayah w USING (kode_kel)
),
m AS (SELECT *, max(p0) OVER () AS p0_maks, count(p0) OVER () AS kelurahan_dinilai FROM r),
acuan AS (SELECT *, min(CASE WHEN p0 = p0_maks THEN p0_bawah END) OVER () AS bawah_tertinggi
          FROM m),
kelompok AS (
    SELECT *, p0_atas >= bawah_tertinggi AS di_kelompok,
           count(*) FILTER (WHERE p0_atas >= bawah_tertinggi) OVER () AS kelompok_tertinggi
    FROM acuan
)
SELECT kode_kec, kecamatan, kode_kel, kelurahan, garis_ekstrem, keluarga_dihitung,
       keluarga_tanpa_pengeluaran, jiwa_dihitung, jiwa_di_bawah_garis, jiwa_di_atas_garis, p0, p1,
       p2, jiwa_efektif, p0_bawah, p0_atas, dasar_kecil, p0_wilayah,
       CASE WHEN p0 IS NOT NULL THEN p0_bawah > p0_wilayah END AS di_atas_wilayah,
       CASE WHEN kelurahan_dinilai >= 2 AND di_kelompok THEN kelompok_tertinggi = 1 END
           AS tertinggi_dapat_dibedakan
FROM kelompok
ORDER BY kode_kel

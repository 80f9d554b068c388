-- name: simulasi
-- returns: the budget simulation of one period: per strategy (awal = before any transfer, then terdekat_garis, termiskin, kantong, sekarang, proporsional) and per kecamatan, then the strategy's total (kode_kec empty), the families the budget reaches, what it costs, the families lifted from below to at or above the extreme line, the cost per family lifted (biaya_per_terangkat_rp = biaya_rp ÷ keluarga_terangkat, rounded to the rupiah; NULL when none is lifted), how many of the reached and of the lifted families are flagged miskin_ekstrem on the period's list (keluarga_ditandai, ditandai_terangkat) and how many flagged families the simulation considers (ditandai_dihitung: the period's extreme-poor list, the families a Daftar SK freezes, with a spending figure and not left out at verval; the three NULL when the list carries no flag), and P0, P1, P2 after the transfer. Families considered (keluarga_dihitung, jiwa_dihitung: the population of P0, P1, P2, the same as queries/fgt.sql's): the period's listed families with a spending figure (beban_keluarga), in the area; those whose latest verval since the period began (as daftar_sasaran's verval_terakhir: _shared/40_verval.sql; an older one was the list's to weigh) found them tidak memenuhi (Tidak Layak: meninggal, pindah, sudah mampu, …) stay in that population but no strategy reaches them: they are counted in keluarga_dikeluarkan (per kecamatan and the total, the same on every strategy's rows; queries/simulasi_dikeluarkan.sql gives them per reason); with sasaran = ekstrem only those flagged miskin_ekstrem on the period's list (the candidates and P0, P1, P2 are then of those families alone); a reached family's per-capita spending rises by (biaya_per_kpm ÷ bulan) ÷ jumlah_anggota per month, nothing else changes. Order of reaching (each family reached costs the same, so the first n by a family's own gain is the best set of n for that index): terdekat_garis = families below the line, closest to it first: first those the transfer lifts to or above the line, the largest households first (the most persons lifted: the lowest P0; the most families lifted too), then the others by the family's monthly shortfall, (garis − per-capita spending) × jumlah_anggota; termiskin = families below the line by how much the transfer lowers their share of P2, w·(kurang² before − kurang² after), largest first: the poorest per capita first, weighed by family size (a small family's transfer overshoots the line), so the lowest P2; kantong = families below the line in the kelurahan of the best pocket rank first (peringkat_kantong = peta_kelurahan's peringkat; unranked kelurahan last), poorest first within; sekarang = the families reached by a bansos programme now (cakupan: tercakup_bansos), poorest first; proporsional = the budget split over the kecamatan in proportion to their families below the line (floor of each share in whole families), poorest first within. The budget reaches floor(anggaran ÷ biaya_per_kpm) families at most; a strategy with fewer candidates reaches them all and leaves the rest (sisa_anggaran_rp)
-- unit: keluarga (keluarga, keluarga_terangkat, keluarga_ditandai, ditandai_terangkat, ditandai_dihitung, keluarga_dihitung, keluarga_dikeluarkan; keluarga_maks = the most families the budget pays for, on the total rows); jiwa (jiwa_dihitung); Rp (biaya_rp, sisa_anggaran_rp, biaya_per_terangkat_rp); Rp per person per month (garis_ekstrem: the extreme line of the period's year the simulation measures against, beban_keluarga's); p0 = percent of persons below the line; p1, p2 = BPS indices (×100), as queries/fgt.sql
-- counts: keluarga, keluarga_terangkat, keluarga_ditandai, ditandai_terangkat, ditandai_dihitung, keluarga_dihitung, keluarga_dikeluarkan, jiwa_dihitung
-- total: implied
-- groups: strategi
-- shares: p0 <- jiwa_dihitung / 100
-- derived: p1, p2 <- jiwa_dihitung; biaya_rp, sisa_anggaran_rp <- keluarga; biaya_per_terangkat_rp <- keluarga, keluarga_terangkat
-- params: periode (YYYY-MM; empty = latest), kode_kec (a kecamatan, or a kab/kota code in a province: all its kecamatan; empty = the whole region), anggaran (Rp; empty = 0), biaya_per_kpm (Rp per family for the whole transfer: per month × months, or a one-off amount), bulan (months the transfer's effect on monthly spending is spread over; empty = 12), sasaran (semua = every listed family with a spending figure, the default when empty; ekstrem = only the families flagged miskin_ekstrem on the period's list)
-- columns: strategi = Strategi [teks]; kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; keluarga = Keluarga terjangkau (keluarga) [keluarga]; biaya_rp = Biaya (Rp) [rp]; sisa_anggaran_rp = Sisa anggaran (Rp) [rp]; keluarga_maks = Paling banyak dibiayai (keluarga) [keluarga]; keluarga_terangkat = Keluarga terangkat (keluarga) [keluarga]; biaya_per_terangkat_rp = Biaya per keluarga terangkat (Rp) [rp]; keluarga_ditandai = Di antaranya miskin ekstrem (keluarga) [keluarga]; ditandai_terangkat = Terangkat, miskin ekstrem (keluarga) [keluarga]; ditandai_dihitung = Keluarga miskin ekstrem dipertimbangkan (keluarga) [keluarga]; keluarga_dihitung = Keluarga dihitung (keluarga) [keluarga]; jiwa_dihitung = Jiwa dihitung (jiwa) [jiwa]; keluarga_dikeluarkan = Dikeluarkan: verval Tidak Layak (keluarga) [keluarga]; garis_ekstrem = Garis ekstrem (Rp per jiwa per bulan) [rp]; p0 = P0 (% jiwa) [indeks]; p1 = P1 [indeks]; p2 = P2 [indeks]
WITH atur AS (SELECT * FROM simulasi_atur($anggaran, $biaya_per_kpm, $bulan)),
-- every family of the area with a spending figure: the population of P0, P1, P2 (as fgt.sql);
-- those the latest verval since the list found Tidak Layak are counted (keluarga_dikeluarkan)
-- and reached by no strategy (the candidates: _shared/70_simulasi.sql)
semua AS (SELECT * FROM simulasi_calon_semua(periode_atau_terakhir($periode), $kode_kec, $sasaran)),
dicapai AS (
    SELECT * FROM simulasi_dicapai(periode_atau_terakhir($periode), $kode_kec, $anggaran,
                                   $biaya_per_kpm, $bulan, $sasaran)
),
-- Before: per kecamatan, persons and the FGT sums. After: those sums plus each reached family's
-- change, so only the reached families are computed again.
awal AS (
    SELECT kode_kec, count(*) AS keluarga_dihitung, coalesce(sum(w), 0) AS jiwa_dihitung,
           count(*) FILTER (WHERE tidak_layak) AS keluarga_dikeluarkan,
           count(*) FILTER (WHERE ditandai AND NOT tidak_layak) AS ditandai_dihitung,
           bool_or(bertanda) AS bertanda, max(z) AS garis_ekstrem,
           sum(w) FILTER (WHERE y < z) AS s0,
           sum(w * fgt_kurang(y, z)) AS s1,
           sum(w * fgt_kurang(y, z) ^ 2) AS s2
    FROM semua GROUP BY kode_kec
),
ubah AS (
    SELECT k.strategi, k.kode_kec, count(*) AS keluarga,
           count(*) FILTER (WHERE k.y < k.z AND k.y + a.tambahan / k.w >= k.z) AS keluarga_terangkat,
           count(*) FILTER (WHERE k.ditandai) AS keluarga_ditandai,
           count(*) FILTER (WHERE k.ditandai AND k.y < k.z AND k.y + a.tambahan / k.w >= k.z)
               AS ditandai_terangkat,
           sum(k.w * ((k.y + a.tambahan / k.w < k.z)::INT - (k.y < k.z)::INT)) AS d0,
           sum(k.w * (fgt_kurang(k.y + a.tambahan / k.w, k.z) - fgt_kurang(k.y, k.z))) AS d1,
           sum(k.w * (fgt_kurang(k.y + a.tambahan / k.w, k.z) ^ 2 - fgt_kurang(k.y, k.z) ^ 2))
               AS d2
    FROM dicapai k, atur a
    GROUP BY k.strategi, k.kode_kec
),
strategi AS (
    SELECT * FROM (VALUES (0, 'awal'), (1, 'terdekat_garis'), (2, 'termiskin'), (3, 'kantong'),
                          (4, 'sekarang'), (5, 'proporsional')) t(nomor, strategi)
),
baris AS (
    SELECT s.nomor, s.strategi, w.kode_kec, w.keluarga_dihitung, w.jiwa_dihitung,
           w.keluarga_dikeluarkan, w.garis_ekstrem,
           CASE WHEN w.bertanda THEN w.ditandai_dihitung END AS ditandai_dihitung,
           coalesce(u.keluarga, 0) AS keluarga,
           coalesce(u.keluarga_terangkat, 0) AS keluarga_terangkat,
           CASE WHEN w.bertanda THEN coalesce(u.keluarga_ditandai, 0) END AS keluarga_ditandai,
           CASE WHEN w.bertanda THEN coalesce(u.ditandai_terangkat, 0) END AS ditandai_terangkat,
           coalesce(w.s0, 0) + coalesce(u.d0, 0) AS s0,
           coalesce(w.s1, 0) + coalesce(u.d1, 0) AS s1,
           coalesce(w.s2, 0) + coalesce(u.d2, 0) AS s2
    FROM strategi s CROSS JOIN awal w
    LEFT JOIN ubah u ON u.strategi = s.strategi AND u.kode_kec = w.kode_kec
),
f AS (
    SELECT nomor, strategi, kode_kec, grouping(kode_kec) AS kota,
           CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CAST(sum(keluarga_terangkat) AS BIGINT) AS keluarga_terangkat,
           CAST(sum(keluarga_ditandai) AS BIGINT) AS keluarga_ditandai,
           CAST(sum(ditandai_terangkat) AS BIGINT) AS ditandai_terangkat,
           CAST(sum(keluarga_dihitung) AS BIGINT) AS keluarga_dihitung,
           CAST(sum(jiwa_dihitung) AS BIGINT) AS jiwa_dihitung,
           CAST(sum(keluarga_dikeluarkan) AS BIGINT) AS keluarga_dikeluarkan,
           CAST(sum(ditandai_dihitung) AS BIGINT) AS ditandai_dihitung,
           max(garis_ekstrem) AS garis_ekstrem,
           100 * sum(s0) / nullif(sum(jiwa_dihitung), 0) AS p0,
           100 * sum(s1) / nullif(sum(jiwa_dihitung), 0) AS p1,
           100 * sum(s2) / nullif(sum(jiwa_dihitung), 0) AS p2
    FROM baris
    GROUP BY GROUPING SETS ((nomor, strategi, kode_kec), (nomor, strategi))
)
SELECT f.strategi,
       CASE WHEN f.kota = 0 THEN f.kode_kec END AS kode_kec,
       CASE WHEN f.kota = 0 THEN nm.kecamatan
            WHEN $kode_kec IS NULL THEN nama_wilayah() ELSE 'Jumlah' END AS kecamatan,
       f.keluarga,
       f.keluarga * coalesce(a.biaya, 0) AS biaya_rp,
       CASE WHEN f.kota = 1 THEN a.anggaran - f.keluarga * coalesce(a.biaya, 0) END
           AS sisa_anggaran_rp,
       CASE WHEN f.kota = 1 THEN a.n_maks END AS keluarga_maks,
       f.keluarga_terangkat,
       round(f.keluarga * a.biaya / nullif(f.keluarga_terangkat, 0)) AS biaya_per_terangkat_rp,
       f.keluarga_ditandai, f.ditandai_terangkat, f.ditandai_dihitung,
       f.keluarga_dihitung, f.jiwa_dihitung, f.keluarga_dikeluarkan, f.garis_ekstrem,
       round(f.p0, 4) AS p0, round(f.p1, 4) AS p1, round(f.p2, 4) AS p2
FROM f
CROSS JOIN atur a
LEFT JOIN (SELECT DISTINCT kode_kec, kecamatan FROM wilayah) nm
    ON f.kota = 0 AND nm.kode_kec = f.kode_kec
ORDER BY f.nomor, f.kota, f.kode_kec

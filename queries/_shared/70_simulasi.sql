-- Macros of the budget simulation (queries/simulasi.sql).

-- fgt_kurang(y, z): a person's relative shortfall below line z, (z − y) / z, 0 at or above it:
-- the term of the Foster–Greer–Thorbecke indices exactly as queries/fgt.sql writes it
-- (p1 = 100·Σ w·kurang / Σ w, p2 = 100·Σ w·kurang² / Σ w, p0 = 100·Σ w·[y < z] / Σ w).
CREATE OR REPLACE MACRO fgt_kurang(y, z) AS
    CASE WHEN y < z THEN (z - y) / z ELSE 0 END;

-- peringkat_kantong(p): per kelurahan of period p, the pocket index and its rank over the whole
-- city, computed exactly as queries/peta_kelurahan.sql computes indeks_kantong and peringkat
-- (tests/test_simulasi.py checks that the two agree on the demo lake): only kelurahan with at
-- least dasar_indeks() extreme-poor keluarga get one; 100 × the mean of per_1000_keluarga,
-- porsi_belum_tercakup and rata_deprivasi, each min-max scaled over those kelurahan.
CREATE OR REPLACE MACRO peringkat_kantong(p) AS TABLE
WITH daftar AS (
    SELECT kode_kel,
           CAST(sum(keluarga) AS BIGINT) AS keluarga,
           CAST(sum(keluarga_miskin_ekstrem) AS BIGINT) AS keluarga_miskin_ekstrem
    FROM keluarga_ringkas
    WHERE periode = p
    GROUP BY kode_kel
),
ekstrem AS (
    SELECT kode_kel,
           count(*) FILTER (WHERE NOT tercakup_program) AS keluarga_belum_tercakup,
           avg(CAST(lantai_tanah AS DOUBLE)) AS porsi_lantai_tanah,
           avg(CAST(air_tidak_layak AS DOUBLE)) AS porsi_air_tidak_layak,
           avg(CAST(tanpa_jamban AS DOUBLE)) AS porsi_tanpa_jamban,
           avg(CAST(bukan_pln AS DOUBLE)) AS porsi_bukan_pln
    FROM deprivasi_ekstrem(p)
    GROUP BY kode_kel
),
base AS (
    SELECT w.kode_kel,
           1000.0 * d.keluarga_miskin_ekstrem / nullif(d.keluarga, 0) AS per_1000_keluarga,
           coalesce(e.keluarga_belum_tercakup, 0) / nullif(d.keluarga_miskin_ekstrem, 0)
               AS porsi_belum_tercakup,
           list_avg([e.porsi_lantai_tanah, e.porsi_air_tidak_layak, e.porsi_tanpa_jamban,
                     e.porsi_bukan_pln]) AS rata_deprivasi,
           coalesce(d.keluarga_miskin_ekstrem, 0) >= dasar_indeks() AS cukup
    FROM wilayah w
    LEFT JOIN daftar d ON d.kode_kel = w.kode_kel
    LEFT JOIN ekstrem e ON e.kode_kel = w.kode_kel
),
indeks AS (
    SELECT kode_kel,
           CASE WHEN cukup THEN 100 * list_avg([
               skala_01(per_1000_keluarga, min(per_1000_keluarga) FILTER (WHERE cukup) OVER (),
                        max(per_1000_keluarga) FILTER (WHERE cukup) OVER ()),
               skala_01(porsi_belum_tercakup, min(porsi_belum_tercakup) FILTER (WHERE cukup) OVER (),
                        max(porsi_belum_tercakup) FILTER (WHERE cukup) OVER ()),
               skala_01(rata_deprivasi, min(rata_deprivasi) FILTER (WHERE cukup) OVER (),
                        max(rata_deprivasi) FILTER (WHERE cukup) OVER ())
           ]) END AS indeks_kantong
    FROM base
)
SELECT kode_kel, indeks_kantong,
       CASE WHEN indeks_kantong IS NOT NULL
            THEN rank() OVER (ORDER BY indeks_kantong DESC NULLS LAST) END AS peringkat
FROM indeks;

-- simulasi_atur(anggaran, biaya_per_kpm, bulan): the simulation's inputs as numbers (the CLI's
-- `query` passes text): the budget (empty = 0), the cost of the transfer per family, its effect
-- on the family's monthly spending (tambahan = biaya ÷ bulan, bulan empty = 12) and n_maks, the
-- most families the budget pays for (floor(anggaran ÷ biaya); 0 without a cost).
CREATE OR REPLACE MACRO simulasi_atur(anggaran_, biaya_, bulan_) AS TABLE
SELECT anggaran, biaya, biaya / bulan AS tambahan,
       coalesce(CAST(floor(anggaran / nullif(biaya, 0)) AS BIGINT), 0) AS n_maks
FROM (SELECT coalesce(CAST(anggaran_ AS DOUBLE), 0) AS anggaran,
             CAST(biaya_ AS DOUBLE) AS biaya,
             coalesce(CAST(bulan_ AS DOUBLE), 12) AS bulan);

-- simulasi_calon_keluarga(p, kec): the families the simulation considers: period p's listed
-- families with a spending figure (beban_keluarga, as queries/fgt.sql), in kecamatan kec (NULL =
-- the city): w persons, y per-capita spending, z the extreme line.
CREATE OR REPLACE MACRO simulasi_calon_keluarga(p, kec) AS TABLE
SELECT no_kk, kode_kec, kode_kel, jumlah_anggota AS w, pengeluaran_per_kapita AS y,
       garis_ekstrem AS z
FROM beban_keluarga(p)
WHERE pengeluaran_per_kapita IS NOT NULL AND garis_ekstrem IS NOT NULL
  AND (kec IS NULL OR kode_kec = kec);

-- simulasi_dicapai(p, kec, anggaran, biaya, bulan): per strategy the families the budget reaches
-- (strategi, no_kk, urut = the order reached), each strategy's order written once here
-- (queries/simulasi.sql says what each means); window functions over the candidates, the budget
-- taking the first n_maks (for proporsional each kecamatan's quota).
CREATE OR REPLACE MACRO simulasi_dicapai(p, kec, anggaran_, biaya_, bulan_) AS TABLE
WITH atur AS (SELECT * FROM simulasi_atur(anggaran_, biaya_, bulan_)),
k AS (SELECT * FROM simulasi_calon_keluarga(p, kec)),
miskin AS (SELECT * FROM k WHERE y < z),
kantong AS (SELECT kode_kel, peringkat FROM peringkat_kantong(p)),
penerima_bansos AS (SELECT no_kk FROM cakupan(p) WHERE tercakup_bansos),
kuota AS (
    SELECT kode_kec,
           CAST(floor((SELECT n_maks FROM atur) * count(*) / sum(count(*)) OVER ()) AS BIGINT)
               AS kuota
    FROM miskin GROUP BY kode_kec
),
calon AS (
    SELECT 'terdekat_garis' AS strategi, no_kk,
           row_number() OVER (ORDER BY y + a.tambahan / w >= z DESC, w DESC, (z - y) * w, no_kk)
               AS urut,
           NULL::BIGINT AS kuota
    FROM miskin, atur a
    UNION ALL
    SELECT 'termiskin', no_kk,
           row_number() OVER (ORDER BY w * (fgt_kurang(y, z) ^ 2
                                            - fgt_kurang(y + a.tambahan / w, z) ^ 2) DESC,
                              y, no_kk),
           NULL
    FROM miskin, atur a
    UNION ALL
    SELECT 'kantong', m.no_kk,
           row_number() OVER (ORDER BY c.peringkat NULLS LAST, m.y, m.no_kk), NULL
    FROM miskin m LEFT JOIN kantong c ON c.kode_kel = m.kode_kel
    UNION ALL
    SELECT 'sekarang', k.no_kk, row_number() OVER (ORDER BY k.y, k.no_kk), NULL
    FROM k SEMI JOIN penerima_bansos b ON b.no_kk = k.no_kk
    UNION ALL
    SELECT 'proporsional', m.no_kk,
           row_number() OVER (PARTITION BY m.kode_kec ORDER BY m.y, m.no_kk), q.kuota
    FROM miskin m JOIN kuota q ON q.kode_kec = m.kode_kec
)
SELECT c.strategi, c.no_kk, c.urut
FROM calon c, atur a
WHERE c.urut <= coalesce(c.kuota, a.n_maks);

-- garis_periode(p): the extreme poverty line that applies to period p (Rp per person per month):
-- the line of the latest year in garis_kemiskinan not after p's year; no row before the first year.
-- beban_keluarga(p): period p's listed families with spending and income per person (Rp per
-- person per month) beside that line, and `bertanda` (the list flags extreme poverty). A family has no spending figure when pengeluaran_bulanan
-- is empty or 0: nobody lives on nothing, and exports write 0 where the question was skipped.
-- Besides the Rp, what the line is (data/reference/garis_kemiskinan.csv): dasar_garis (USD 1,90
-- PPP 2011 / USD 2,15 PPP 2017), status_garis of the year's row (resmi, perkiraan, dibawa dari
-- 2024), tahun_nilai (the year whose value it is: 2025 and 2026 carry the 2024 line),
-- status_nilai (the status of that year's own value: the 2024 line is an estimate, "sekitar"),
-- garis_dibawa (the period's year uses an earlier year's value), sumber_garis, and
-- keterangan_garis, the label pages and the deck print beside the Rp, e.g. "garis 2024
-- (perkiraan, USD 2,15 PPP 2017), dipakai untuk 2025–2026; tetap dalam rupiah nominal, tidak
-- disesuaikan dengan inflasi". A carried line is frozen in nominal terms: it is not indexed
-- by CPI, so in real terms it falls a little every year it is carried.
-- garis_tahun: one row per year of the table with what its line is (a table per refresh: the
-- macro below is called by every spending query, and a CTE over the reference rows costs
-- milliseconds each time).
CREATE OR REPLACE TABLE garis_tahun AS
WITH g AS (
    SELECT tahun, garis_ekstrem, dasar, status, coalesce(tahun_nilai, tahun) AS tahun_nilai, sumber
    FROM garis_kemiskinan
)
SELECT g.tahun AS tahun_garis, g.garis_ekstrem, g.dasar AS dasar_garis, g.status AS status_garis,
       g.tahun_nilai, coalesce(v.status, g.status) AS status_nilai,
       CASE WHEN v.sumber IS NULL OR v.sumber = g.sumber THEN g.sumber
            ELSE v.sumber || '; ' || g.sumber END AS sumber_garis,
       (SELECT min(k.tahun) FROM g k WHERE k.tahun_nilai = g.tahun_nilai AND k.tahun > g.tahun_nilai)
           AS dibawa_dari,
       (SELECT max(k.tahun) FROM g k WHERE k.tahun_nilai = g.tahun_nilai) AS dibawa_sampai
FROM g
LEFT JOIN g v ON v.tahun = g.tahun_nilai;

-- (p is a macro argument: written once in a CTE, since a period given as a subquery, such as
-- periode_atau_terakhir(NULL), would be evaluated at every place it is written)
CREATE OR REPLACE MACRO garis_periode(p) AS TABLE
WITH y AS (SELECT CAST(left(p, 4) AS INTEGER) AS y),
g AS (
    SELECT t.* FROM garis_tahun t, y WHERE t.tahun_garis <= y.y ORDER BY t.tahun_garis DESC LIMIT 1
)
SELECT g.tahun_garis, g.garis_ekstrem, g.dasar_garis, g.status_garis, g.tahun_nilai,
       g.status_nilai, y.y > g.tahun_nilai AS garis_dibawa, g.sumber_garis,
       'garis ' || g.tahun_nilai || ' (' || coalesce(g.status_nilai, 'tanpa status') || ', '
           || coalesce(g.dasar_garis, 'dasar tidak disebut') || ')'
           || CASE WHEN y.y > g.tahun_nilai
                   THEN ', dipakai untuk ' || coalesce(g.dibawa_dari, y.y)
                        || CASE WHEN greatest(g.dibawa_sampai, y.y) > coalesce(g.dibawa_dari, y.y)
                                THEN '–' || greatest(g.dibawa_sampai, y.y) ELSE '' END
                        || '; tetap dalam rupiah nominal, tidak disesuaikan dengan inflasi'
                   ELSE '' END AS keterangan_garis
FROM g, y;

-- dasar_garis_tahun(y): the basis of the line that applies to year y (NULL before the first).
-- Two periods whose lines differ in basis (USD 1,90 PPP 2011 in 2023, USD 2,15 PPP 2017 from
-- 2024: the line rises 11 % by the change alone) give below-the-line figures that are not
-- comparable: every comparison over time of such figures marks the break (daftar_banding).
CREATE OR REPLACE MACRO dasar_garis_tahun(y) AS (
    SELECT dasar FROM garis_kemiskinan WHERE tahun <= y ORDER BY tahun DESC LIMIT 1
);

-- pengeluaran_per_kapita(pengeluaran, anggota): Rp per person per month; NULL without a figure.
CREATE OR REPLACE MACRO pengeluaran_per_kapita(pengeluaran, anggota) AS
    CASE WHEN pengeluaran > 0 THEN pengeluaran / anggota END;

CREATE OR REPLACE MACRO beban_keluarga(p) AS TABLE
SELECT k.periode, k.no_kk, k.kode_kec, k.kode_kel, k.jumlah_anggota,
       coalesce(k.miskin_ekstrem, false) AS miskin_ekstrem,
       k.pendapatan_bulanan, k.pengeluaran_bulanan, k.pengeluaran_pangan,
       g.tahun_garis, g.garis_ekstrem,
       pengeluaran_per_kapita(k.pengeluaran_bulanan, k.jumlah_anggota) AS pengeluaran_per_kapita,
       k.pendapatan_bulanan / k.jumlah_anggota AS pendapatan_per_kapita,
       -- whether the period's list carries the extreme flag at all: in a flagless list (P3KE
       -- 2021, bansos 2022) miskin_ekstrem is false for every family and means nothing, so
       -- every extreme-poor figure of it is NULL, never 0
       coalesce((SELECT any_value(ada_tanda_ekstrem) FROM keluarga_periode WHERE periode = p),
                false) AS bertanda
FROM keluarga k
-- the Rp alone (garis_periode's labels are for the one-row summaries)
LEFT JOIN (SELECT tahun_garis, garis_ekstrem FROM garis_tahun
           WHERE tahun_garis <= CAST(left(p, 4) AS INTEGER)
           ORDER BY tahun_garis DESC LIMIT 1) g ON true
WHERE k.periode = p;

-- rekonsiliasi_bagian(ditandai, pengeluaran_per_kapita, garis): which part of the
-- reconciliation of the two extreme-poor counts (beban_rekonsiliasi) a family is in; NULL for
-- an unflagged family at or above the line or without a figure.
CREATE OR REPLACE MACRO rekonsiliasi_bagian(ditandai, ppk, garis) AS
    CASE WHEN ditandai AND (ppk IS NULL OR garis IS NULL) THEN 'ditandai_tanpa_pengeluaran'
         WHEN ditandai AND ppk < garis THEN 'ditandai_di_bawah'
         WHEN ditandai THEN 'ditandai_di_atas'
         WHEN ppk < garis THEN 'di_bawah_tidak_ditandai' END;

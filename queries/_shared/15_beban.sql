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
CREATE OR REPLACE MACRO garis_periode(p) AS TABLE
WITH g AS (
    SELECT tahun AS tahun_garis, garis_ekstrem, dasar AS dasar_garis, status AS status_garis,
           coalesce(tahun_nilai, tahun) AS tahun_nilai, sumber
    FROM garis_kemiskinan
    WHERE tahun <= CAST(left(p, 4) AS INTEGER)
    ORDER BY tahun DESC
    LIMIT 1
),
nilai AS (
    -- the row of the year the value comes from, and the years that carry it
    SELECT any_value(k.status) FILTER (WHERE k.tahun = g.tahun_nilai) AS status_nilai,
           any_value(k.sumber) FILTER (WHERE k.tahun = g.tahun_nilai) AS sumber_nilai,
           min(k.tahun) FILTER (WHERE k.tahun > g.tahun_nilai) AS dibawa_dari,
           max(k.tahun) AS dibawa_sampai
    FROM garis_kemiskinan k, g
    WHERE coalesce(k.tahun_nilai, k.tahun) = g.tahun_nilai
)
SELECT g.tahun_garis, g.garis_ekstrem, g.dasar_garis, g.status_garis, g.tahun_nilai,
       coalesce(n.status_nilai, g.status_garis) AS status_nilai,
       CAST(left(p, 4) AS INTEGER) > g.tahun_nilai AS garis_dibawa,
       CASE WHEN n.sumber_nilai IS NULL OR n.sumber_nilai = g.sumber THEN g.sumber
            ELSE n.sumber_nilai || '; ' || g.sumber END AS sumber_garis,
       'garis ' || g.tahun_nilai || ' (' || coalesce(n.status_nilai, g.status_garis, 'tanpa status')
           || ', ' || coalesce(g.dasar_garis, 'dasar tidak disebut') || ')'
           || CASE WHEN CAST(left(p, 4) AS INTEGER) > g.tahun_nilai
                   THEN ', dipakai untuk ' || n.dibawa_dari
                        || CASE WHEN greatest(n.dibawa_sampai, CAST(left(p, 4) AS INTEGER))
                                     > n.dibawa_dari
                                THEN '–' || greatest(n.dibawa_sampai, CAST(left(p, 4) AS INTEGER))
                                ELSE '' END
                        || '; tetap dalam rupiah nominal, tidak disesuaikan dengan inflasi'
                   ELSE '' END AS keterangan_garis
FROM g, nilai n;

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
       coalesce(t.ada_tanda_ekstrem, false) AS bertanda
FROM keluarga k
LEFT JOIN garis_periode(p) g ON true
LEFT JOIN keluarga_periode t ON t.periode = p
WHERE k.periode = p;

-- rekonsiliasi_bagian(ditandai, pengeluaran_per_kapita, garis): which part of the
-- reconciliation of the two extreme-poor counts (beban_rekonsiliasi) a family is in; NULL for
-- an unflagged family at or above the line or without a figure.
CREATE OR REPLACE MACRO rekonsiliasi_bagian(ditandai, ppk, garis) AS
    CASE WHEN ditandai AND (ppk IS NULL OR garis IS NULL) THEN 'ditandai_tanpa_pengeluaran'
         WHEN ditandai AND ppk < garis THEN 'ditandai_di_bawah'
         WHEN ditandai THEN 'ditandai_di_atas'
         WHEN ppk < garis THEN 'di_bawah_tidak_ditandai' END;

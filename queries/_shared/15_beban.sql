-- garis_periode(p): the extreme poverty line that applies to period p (Rp per person per month):
-- the line of the latest year in garis_kemiskinan not after p's year; no row before the first year.
-- beban_keluarga(p): period p's listed families with spending and income per person (Rp per
-- person per month) beside that line. A family has no spending figure when pengeluaran_bulanan
-- is empty or 0: nobody lives on nothing, and exports write 0 where the question was skipped.
CREATE OR REPLACE MACRO garis_periode(p) AS TABLE
SELECT tahun AS tahun_garis, garis_ekstrem
FROM garis_kemiskinan
WHERE tahun <= CAST(left(p, 4) AS INTEGER)
ORDER BY tahun DESC
LIMIT 1;

-- pengeluaran_per_kapita(pengeluaran, anggota): Rp per person per month; NULL without a figure.
CREATE OR REPLACE MACRO pengeluaran_per_kapita(pengeluaran, anggota) AS
    CASE WHEN pengeluaran > 0 THEN pengeluaran / anggota END;

CREATE OR REPLACE MACRO beban_keluarga(p) AS TABLE
SELECT k.periode, k.no_kk, k.kode_kec, k.kode_kel, k.jumlah_anggota,
       coalesce(k.miskin_ekstrem, false) AS miskin_ekstrem,
       k.pendapatan_bulanan, k.pengeluaran_bulanan, k.pengeluaran_pangan,
       g.tahun_garis, g.garis_ekstrem,
       pengeluaran_per_kapita(k.pengeluaran_bulanan, k.jumlah_anggota) AS pengeluaran_per_kapita,
       k.pendapatan_bulanan / k.jumlah_anggota AS pendapatan_per_kapita
FROM keluarga k
LEFT JOIN garis_periode(p) g ON true
WHERE k.periode = p;

-- rekonsiliasi_bagian(ditandai, pengeluaran_per_kapita, garis): which part of the
-- reconciliation of the two extreme-poor counts (beban_rekonsiliasi) a family is in; NULL for
-- an unflagged family at or above the line or without a figure.
CREATE OR REPLACE MACRO rekonsiliasi_bagian(ditandai, ppk, garis) AS
    CASE WHEN ditandai AND (ppk IS NULL OR garis IS NULL) THEN 'ditandai_tanpa_pengeluaran'
         WHEN ditandai AND ppk < garis THEN 'ditandai_di_bawah'
         WHEN ditandai THEN 'ditandai_di_atas'
         WHEN ppk < garis THEN 'di_bawah_tidak_ditandai' END;

-- kube_kk: KUBE member families and the day their membership is taken to start: the formation
-- date (tanggal_bentuk) of the group of the first KUBE export that lists the family, or that
-- export period's last day when the date is missing. Exports list members once a year, so a
-- family that joined an older group later is dated at the group's formation (stated on the page).
CREATE OR REPLACE TABLE kube_kk AS
SELECT no_kk,
       arg_min(coalesce(tanggal_bentuk, periode_akhir(periode)), periode) AS tanggal_mulai
FROM kube
WHERE no_kk IS NOT NULL
GROUP BY no_kk;

-- panel_efek(p, kec, kel, program): the person-period rows of the comparison of a strategy-2
-- programme ('modal_usaha': the first 'tersalur' Modal Usaha disbursement, modal_usaha_kk;
-- 'kube': the start of KUBE membership, kube_kk) with matched non-participants. One definition
-- for both; bantuan_modal_usaha_panel and kube_panel document the rows.
-- Cohort g = the quarter the programme starts for the family. Participants: extreme-poor on
-- the flagged list in force then (the latest at or before the start's month). Comparison:
-- families extreme-poor on that list who have not started by the end of quarter g. Coarsened
-- exact matching on that list: cell = (g, kelurahan, desil, family size 1-2/3-4/5+, spending
-- per person <75 % / 75-100 % / >=100 % of the extreme line, business yes/no); cells without
-- both kinds are dropped; weight 1 for a participant, participants ÷ comparison families in the
-- cell for a comparison family. Quarters g-4 .. g+8 up to p's end (k = quarter - g); a
-- comparison family's rows stop before its own start. berisiko: k >= 1 and no 'keluar' visit in
-- an earlier quarter after g; keluar: a visit marked 'keluar' in the quarter; pendapatan:
-- monthly income at the quarter's latest visit that has one.
CREATE OR REPLACE MACRO panel_efek(p, kec, kel, program) AS TABLE
WITH akhir AS (
    SELECT periode_akhir(periode_atau_terakhir(p)) AS tanggal
),
kuartal_akhir AS (
    SELECT year(tanggal) * 4 + (month(tanggal) - 1) // 3 AS q FROM akhir
),
daftar AS (  -- the flagged lists: a list without the extreme flag says nothing of who is extreme
    SELECT periode FROM keluarga_periode WHERE ada_tanda_ekstrem
),
mulai AS (
    SELECT no_kk, tanggal_terima FROM modal_usaha_kk WHERE program = 'modal_usaha'
    UNION ALL
    SELECT no_kk, tanggal_mulai FROM kube_kk WHERE program = 'kube'
),
terima AS (
    SELECT m.no_kk, m.tanggal_terima,
           (SELECT max(d.periode) FROM daftar d
            WHERE d.periode <= strftime(m.tanggal_terima, '%Y-%m')) AS daftar_g,
           year(m.tanggal_terima) * 4 + (month(m.tanggal_terima) - 1) // 3 AS g
    FROM mulai m
    WHERE m.tanggal_terima <= (SELECT tanggal FROM akhir)
),
kohort AS (SELECT DISTINCT g, daftar_g FROM terima WHERE daftar_g IS NOT NULL),
awal AS (  -- every extreme-poor family on a cohort's list, with its matching cell
    SELECT c.g, k.no_kk, k.kode_kel,
           t.no_kk IS NOT NULL AND t.g = c.g AS penerima,
           t.g AS g_terima,
           concat_ws('|', c.g, k.kode_kel, coalesce(CAST(k.desil AS VARCHAR), '?'),
                     CASE WHEN k.jumlah_anggota <= 2 THEN '1-2'
                          WHEN k.jumlah_anggota <= 4 THEN '3-4' ELSE '5+' END,
                     CASE WHEN pengeluaran_per_kapita(k.pengeluaran_bulanan, k.jumlah_anggota)
                               IS NULL THEN '?'
                          WHEN pengeluaran_per_kapita(k.pengeluaran_bulanan, k.jumlah_anggota)
                               < 0.75 * gk.garis_ekstrem THEN '<75'
                          WHEN pengeluaran_per_kapita(k.pengeluaran_bulanan, k.jumlah_anggota)
                               < gk.garis_ekstrem THEN '75-100' ELSE '>=100' END,
                     coalesce(CAST(k.punya_usaha AS VARCHAR), '?')) AS sel
    FROM kohort c
    JOIN keluarga k ON k.periode = c.daftar_g AND k.miskin_ekstrem
    LEFT JOIN terima t ON t.no_kk = k.no_kk
    LEFT JOIN garis_kemiskinan gk ON gk.tahun = (
        SELECT max(tahun) FROM garis_kemiskinan WHERE tahun <= CAST(left(c.daftar_g, 4) AS INTEGER))
    WHERE di_wilayah(k.kode_kel, kec, kel)
),
sampel AS (  -- recipients of the cohort, and families without a grant by the cohort's end
    SELECT * FROM awal WHERE penerima OR g_terima IS NULL OR g_terima > g
),
sel AS (
    SELECT sel, count(*) FILTER (WHERE penerima) AS n1, count(*) FILTER (WHERE NOT penerima) AS n0
    FROM sampel GROUP BY sel HAVING n1 > 0 AND n0 > 0
),
cocok AS (
    SELECT s.*, CASE WHEN s.penerima THEN 1.0 ELSE c.n1 / c.n0 END AS bobot
    FROM sampel s JOIN sel c USING (sel)
),
kunjungan AS (
    SELECT no_kk, year(tanggal) * 4 + (month(tanggal) - 1) // 3 AS q,
           bool_or(status_ekstrem = 'keluar') AS keluar,
           arg_max(pendapatan_bulanan, tanggal) FILTER (WHERE pendapatan_bulanan IS NOT NULL)
               AS pendapatan
    FROM pemantauan
    WHERE no_kk IN (SELECT no_kk FROM cocok) AND tanggal <= (SELECT tanggal FROM akhir)
    GROUP BY ALL
),
baris AS (
    SELECT c.no_kk, c.g, c.sel, c.penerima, c.bobot, c.g_terima, c.g + r.k AS q, r.k
    FROM cocok c, (SELECT unnest(range(-4, 9)) AS k) r
    WHERE c.g + r.k <= (SELECT q FROM kuartal_akhir)
      AND (c.penerima OR c.g_terima IS NULL OR c.g + r.k < c.g_terima)
),
dengan AS (
    SELECT b.*, coalesce(v.keluar, false) AS keluar_kuartal, v.pendapatan,
           -- exits in earlier quarters after the grant: the family is no longer at risk
           coalesce(sum(CASE WHEN v.keluar AND b.k >= 1 THEN 1 ELSE 0 END) OVER (
               PARTITION BY b.no_kk, b.g ORDER BY b.k
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS keluar_sebelumnya
    FROM baris b LEFT JOIN kunjungan v ON v.no_kk = b.no_kk AND v.q = b.q
)
SELECT no_kk, printf('%d-Q%d', g // 4, g % 4 + 1) AS kohort, sel, penerima, bobot, k,
       k >= 1 AND keluar_sebelumnya = 0 AS berisiko,
       k >= 1 AND keluar_sebelumnya = 0 AND keluar_kuartal AS keluar,
       pendapatan
FROM dengan
ORDER BY kohort, sel, no_kk, k;

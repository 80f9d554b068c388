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

-- efek_mulai(p, program): the participants of a strategy-2 programme up to p's end, once each:
-- the day it starts for the family ('modal_usaha': the first 'tersalur' Modal Usaha
-- disbursement, modal_usaha_kk; 'kube': the start of KUBE membership, kube_kk), its quarter g
-- (year × 4 + quarter index, the cohort) and the cohort's flagged list (daftar_g: the latest
-- list that flags extreme poverty at or before the month of the cohort's first start, one list
-- per cohort so that its families are matched on one list; NULL when there is none).
CREATE OR REPLACE MACRO efek_mulai(p, program) AS TABLE
WITH mulai AS (
    SELECT no_kk, tanggal_terima FROM modal_usaha_kk WHERE program = 'modal_usaha'
    UNION ALL
    SELECT no_kk, tanggal_mulai FROM kube_kk WHERE program = 'kube'
),
t AS (
    SELECT no_kk, tanggal_terima,
           year(tanggal_terima) * 4 + (month(tanggal_terima) - 1) // 3 AS g
    FROM mulai
    WHERE tanggal_terima <= periode_akhir(periode_atau_terakhir(p))
)
SELECT t.*,
       (SELECT max(d.periode) FROM keluarga_periode d
        WHERE d.ada_tanda_ekstrem AND d.periode <= strftime(c.pertama, '%Y-%m')) AS daftar_g
FROM t JOIN (SELECT g, min(tanggal_terima) AS pertama FROM t GROUP BY g) c USING (g);

-- efek_cocok(p, kec, kel, program): the matched sample of the comparison, one row per family
-- and cohort. Cohort g = the quarter the programme starts for the family. Participants:
-- extreme-poor on the flagged list in force then. Comparison: families extreme-poor on that
-- list who have not started by the end of quarter g. Coarsened exact matching on that list:
-- cell = (g, kelurahan, desil, family size 1-2/3-4/5+, spending per person <75 % / 75-100 % /
-- >=100 % of the extreme line, business yes/no); cells without both kinds are dropped; weight 1
-- for a participant, participants ÷ comparison families in the cell for a comparison family.
CREATE OR REPLACE MACRO efek_cocok(p, kec, kel, program) AS TABLE
WITH terima AS (SELECT * FROM efek_mulai(p, program)),
kohort AS (SELECT DISTINCT g, daftar_g FROM terima WHERE daftar_g IS NOT NULL),
awal AS (  -- every extreme-poor family on a cohort's list, with its matching cell
    SELECT c.g, k.no_kk, k.kode_kel, k.jumlah_anggota,
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
)
SELECT s.*, CASE WHEN s.penerima THEN 1.0 ELSE c.n1 / c.n0 END AS bobot
FROM sampel s JOIN sel c USING (sel);

-- efek_penerima(p, kec, kel, program): every participant up to p's end, once, and why it is or
-- is not in the comparison: 'dianalisis' (matched), 'tidak_ekstrem' (not extreme-poor on its
-- cohort's flagged list, or no flagged list then), 'tanpa_pembanding' (extreme-poor
-- then, but no comparison family in its cell). Area: the kelurahan on the list in force at the
-- start (the latest list of any kind at or before its month); a participant on no list then is
-- counted for the whole city only.
CREATE OR REPLACE MACRO efek_penerima(p, kec, kel, program) AS TABLE
WITH terima AS (SELECT * FROM efek_mulai(p, program)),
-- each start's kelurahan: the latest list at or before its month (a join, not a subquery per
-- row: that cost 0.7 s at 50.000 keluarga)
lokasi AS (
    SELECT t.no_kk, t.tanggal_terima, arg_max(k.kode_kel, k.periode) AS kode_kel
    FROM terima t
    JOIN keluarga k ON k.no_kk = t.no_kk AND k.periode <= strftime(t.tanggal_terima, '%Y-%m')
    GROUP BY t.no_kk, t.tanggal_terima
),
di_daftar AS (
    SELECT t.*, coalesce(e.miskin_ekstrem, false) AS ekstrem_saat_mulai, l.kode_kel
    FROM terima t
    LEFT JOIN keluarga e ON e.no_kk = t.no_kk AND e.periode = t.daftar_g
    LEFT JOIN lokasi l ON l.no_kk = t.no_kk AND l.tanggal_terima = t.tanggal_terima
),
cocok AS (SELECT DISTINCT no_kk, g FROM efek_cocok(p, kec, kel, program) WHERE penerima)
SELECT d.no_kk, printf('%d-Q%d', d.g // 4, d.g % 4 + 1) AS kohort,
       CASE WHEN c.no_kk IS NOT NULL THEN 'dianalisis'
            WHEN NOT d.ekstrem_saat_mulai THEN 'tidak_ekstrem'
            ELSE 'tanpa_pembanding' END AS alasan,
       d.kode_kel
FROM di_daftar d
LEFT JOIN cocok c ON c.no_kk = d.no_kk AND c.g = d.g
WHERE (kec IS NULL AND kel IS NULL) OR di_wilayah(d.kode_kel, kec, kel);

-- efek_penerima_terakhir / efek_penerima_cepat(p, kec, kel, program), p a period (not empty):
-- efek_penerima of the
-- latest period (periode_tersimpan, 20_cakupan.sql) for the whole city, kept per refresh (3 s
-- a programme at 5.000.000 keluarga), an area taken from it by the start's kelurahan: a
-- matching cell holds one kelurahan, so an area's matched recipients are the city's in it.
CREATE OR REPLACE TABLE efek_penerima_terakhir AS
SELECT 'modal_usaha' AS program, *
FROM efek_penerima(getvariable('periode_tersimpan'), NULL, NULL, 'modal_usaha')
UNION ALL
SELECT 'kube', * FROM efek_penerima(getvariable('periode_tersimpan'), NULL, NULL, 'kube');

CREATE OR REPLACE MACRO efek_penerima_cepat(p, kec, kel, program_) AS TABLE
SELECT * EXCLUDE (program) FROM efek_penerima_terakhir
WHERE p = getvariable('periode_tersimpan') AND program = program_
  AND ((kec IS NULL AND kel IS NULL) OR di_wilayah(kode_kel, kec, kel))
UNION ALL
SELECT * FROM efek_penerima(p, kec, kel, program_)
WHERE p IS DISTINCT FROM getvariable('periode_tersimpan');

-- efek_sampel(p, kec, kel, program_): how many participants the comparison covers, per cohort
-- and a last row 'Semua' (bantuan_modal_usaha_sampel and kube_sampel document the columns).
CREATE OR REPLACE MACRO efek_sampel(p, kec, kel, program_) AS TABLE
WITH r AS (SELECT * FROM efek_penerima_cepat(p, kec, kel, program_)),
per AS (
    SELECT kohort, count(*) AS penerima,
           count(*) FILTER (WHERE alasan = 'dianalisis') AS dianalisis,
           count(*) FILTER (WHERE alasan = 'tidak_ekstrem') AS tidak_ekstrem,
           count(*) FILTER (WHERE alasan = 'tanpa_pembanding') AS tanpa_pembanding
    FROM r GROUP BY kohort
)
SELECT kohort, penerima, dianalisis, tidak_ekstrem, tanpa_pembanding FROM (
    SELECT 0 AS urut, * FROM per
    UNION ALL
    SELECT 1, 'Semua', count(*),
           count(*) FILTER (WHERE alasan = 'dianalisis'),
           count(*) FILTER (WHERE alasan = 'tidak_ekstrem'),
           count(*) FILTER (WHERE alasan = 'tanpa_pembanding')
    FROM r
) ORDER BY urut, kohort;

-- panel_efek(p, kec, kel, program): the person-period rows of efek_cocok's families;
-- bantuan_modal_usaha_panel and kube_panel document the rows. Quarters g-4 .. g+8 up to p's
-- end (k = quarter - g); a comparison family's rows stop before its own start (it is censored
-- there). The risk set starts at k = 1 (the first full quarter after the start): an exit in the
-- start quarter k = 0 takes the family out of the risk set (it is no longer extreme-poor at the
-- start of k = 1) without counting as an exit; berisiko_k0 is the variant that counts it.
-- Censoring (berisiko false from then on): a visit marked 'meninggal' or 'pindah' (moved out of
-- the city) in the quarter or an earlier one since k = 0, and every quarter after the family's
-- last observation (a quarter with a visit or with the family on the list in force at its end).
-- berisiko_tanpa_sensor: the same without censoring (the sensitivity). dikunjungi: a visit in
-- the quarter. keluar: the first 'keluar' visit since k = 0 falls in the quarter. pendapatan:
-- monthly income at the quarter's latest visit that has one; pendapatan_per_kapita: ÷ the
-- family size of that visit, or of the list of quarter g when the visit has none.
-- The sensitivity of BPS re-review N7, exit by the list rather than by a visit: keluar_daftar =
-- the first quarter since k = 0 whose flagged list in force (the latest flagged list at or before
-- the quarter's end) has the family without the flag; berisiko_daftar = at risk for it: k >= 1,
-- no such quarter before, not censored by a 'meninggal'/'pindah' visit, and on that list (a
-- quarter whose list does not carry the family is not observed).
CREATE OR REPLACE MACRO panel_efek(p, kec, kel, program) AS TABLE
WITH akhir AS (
    SELECT periode_akhir(periode_atau_terakhir(p)) AS tanggal
),
kuartal_akhir AS (
    SELECT year(tanggal) * 4 + (month(tanggal) - 1) // 3 AS q FROM akhir
),
cocok AS (SELECT * FROM efek_cocok(p, kec, kel, program)),
-- the matched families' rows of every list, read once: a join of each lookup below with the
-- whole keluarga view read its 76 million rows twice at 5.000.000 keluarga a quarter (24 s)
daftar_kk AS MATERIALIZED (
    SELECT periode, no_kk, miskin_ekstrem FROM keluarga
    WHERE no_kk IN (SELECT no_kk FROM cocok)
),
kunjungan AS (
    SELECT no_kk, year(tanggal) * 4 + (month(tanggal) - 1) // 3 AS q,
           bool_or(status_ekstrem = 'keluar') AS keluar,
           bool_or(status_ekstrem IN ('meninggal', 'pindah')) AS sensor,
           arg_max(pendapatan_bulanan, tanggal) FILTER (WHERE pendapatan_bulanan IS NOT NULL)
               AS pendapatan,
           arg_max(jumlah_anggota, tanggal) FILTER (WHERE pendapatan_bulanan IS NOT NULL)
               AS anggota
    FROM pemantauan
    WHERE no_kk IN (SELECT no_kk FROM cocok) AND tanggal <= (SELECT tanggal FROM akhir)
    GROUP BY ALL
),
-- the list in force at the end of each quarter (the latest list of any kind at or before it),
-- and the latest flagged list at or before it (the exit by the list, keluar_daftar)
daftar_kuartal AS (
    SELECT r.q, (SELECT max(periode) FROM keluarga_periode
                 WHERE periode <= printf('%04d-%02d', r.q // 4, (r.q % 4) * 3 + 3)) AS periode,
           (SELECT max(periode) FROM keluarga_periode
            WHERE ada_tanda_ekstrem
              AND periode <= printf('%04d-%02d', r.q // 4, (r.q % 4) * 3 + 3)) AS periode_bertanda
    FROM (SELECT DISTINCT g + k AS q FROM cocok, (SELECT unnest(range(-4, 9)) AS k)) r
),
baris AS (
    SELECT c.no_kk, c.g, c.sel, c.penerima, c.bobot, c.g_terima, c.jumlah_anggota,
           c.g + r.k AS q, r.k
    FROM cocok c, (SELECT unnest(range(-4, 9)) AS k) r
    WHERE c.g + r.k <= (SELECT q FROM kuartal_akhir)
      AND (c.penerima OR c.g_terima IS NULL OR c.g + r.k < c.g_terima)
),
dengan AS (
    SELECT b.*, coalesce(v.keluar, false) AS keluar_kuartal, v.pendapatan,
           v.no_kk IS NOT NULL AS dikunjungi,
           v.no_kk IS NOT NULL OR kl.no_kk IS NOT NULL AS teramati,
           coalesce(v.anggota, b.jumlah_anggota) AS anggota,
           -- the family's flag on the flagged list in force (NULL: not on that list)
           kb.miskin_ekstrem AS ekstrem_daftar,
           coalesce(sum(CASE WHEN kb.miskin_ekstrem = false AND b.k >= 0 THEN 1 ELSE 0 END)
                    OVER w_sebelum, 0) AS keluar_daftar_sebelumnya,
           -- exits since the start quarter in earlier quarters: no longer at risk
           coalesce(sum(CASE WHEN v.keluar AND b.k >= 0 THEN 1 ELSE 0 END) OVER w_sebelum, 0)
               AS keluar_sebelumnya,
           -- a death or move since the start quarter, in this quarter or before
           coalesce(sum(CASE WHEN v.sensor AND b.k >= 0 THEN 1 ELSE 0 END) OVER w_sd_kini, 0)
               AS sensor_sd_kini
    FROM baris b
    LEFT JOIN kunjungan v ON v.no_kk = b.no_kk AND v.q = b.q
    LEFT JOIN daftar_kuartal dk ON dk.q = b.q
    LEFT JOIN daftar_kk kl ON kl.periode = dk.periode AND kl.no_kk = b.no_kk
    LEFT JOIN daftar_kk kb ON kb.periode = dk.periode_bertanda AND kb.no_kk = b.no_kk
    WINDOW w_sebelum AS (PARTITION BY b.no_kk, b.g ORDER BY b.k
                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           w_sd_kini AS (PARTITION BY b.no_kk, b.g ORDER BY b.k
                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
terakhir AS (
    SELECT *, max(CASE WHEN teramati THEN k END) OVER (PARTITION BY no_kk, g) AS k_terakhir
    FROM dengan
)
SELECT no_kk, printf('%d-Q%d', g // 4, g % 4 + 1) AS kohort, sel, penerima, bobot, k,
       k >= 1 AND keluar_sebelumnya = 0 AND sensor_sd_kini = 0 AND k <= coalesce(k_terakhir, -99)
           AS berisiko,
       k >= 1 AND keluar_sebelumnya = 0 AS berisiko_tanpa_sensor,
       k >= 0 AND keluar_sebelumnya = 0 AND sensor_sd_kini = 0 AND k <= coalesce(k_terakhir, -99)
           AS berisiko_k0,
       dikunjungi,
       k >= 0 AND keluar_sebelumnya = 0 AND keluar_kuartal AS keluar,
       pendapatan,
       pendapatan / nullif(anggota, 0) AS pendapatan_per_kapita,
       k >= 1 AND keluar_daftar_sebelumnya = 0 AND sensor_sd_kini = 0
           AND ekstrem_daftar IS NOT NULL AS berisiko_daftar,
       k >= 0 AND keluar_daftar_sebelumnya = 0 AND coalesce(ekstrem_daftar = false, false)
           AS keluar_daftar
FROM terakhir
ORDER BY kohort, sel, no_kk, k;

-- efek_panel_terakhir: panel_efek of the latest period (periode_tersimpan) for the whole region,
-- both programmes, kept by Engine.simpan_panel (the server's warm-up, after each build) in a
-- transaction of its own: at 5.000.000 keluarga it takes tens of seconds and more memory than
-- the build may use, so the build only empties it (efek_panel_status.siap false) and the
-- macro below computes as before until it is kept. A matching cell holds one kelurahan (its
-- code is the second part of `sel`), so an area's panel is the region's rows in the area.
CREATE OR REPLACE TABLE efek_panel_terakhir AS
SELECT 'modal_usaha' AS program, * FROM panel_efek(NULL, NULL, NULL, 'modal_usaha') WHERE false;
CREATE OR REPLACE TABLE efek_panel_status AS SELECT false AS siap;

-- panel_efek_cepat(p, kec, kel, program_): panel_efek, from efek_panel_terakhir when it is kept
-- and p is its period (getvariable('efek_panel_siap'), set before every query from
-- efek_panel_status: a constant, so the branch not taken is never run).
CREATE OR REPLACE MACRO panel_efek_cepat(p, kec, kel, program_) AS TABLE
SELECT * FROM (
    SELECT * EXCLUDE (program) FROM efek_panel_terakhir
    WHERE getvariable('efek_panel_siap')
      AND periode_atau_terakhir(p) = getvariable('periode_tersimpan') AND program = program_
      AND di_wilayah(split_part(sel, '|', 2), kec, kel)
    UNION ALL
    SELECT * FROM panel_efek(p, kec, kel, program_)
    WHERE NOT (getvariable('efek_panel_siap')
               AND periode_atau_terakhir(p) = getvariable('periode_tersimpan'))
)
ORDER BY kohort, sel, no_kk, k;

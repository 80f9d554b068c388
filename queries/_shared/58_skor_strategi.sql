-- skor_strategi(p): two or three indicators per national strategy for period p, each with
-- its unit and the direction that means progress ('naik' = up is good, 'turun' = down is good).
-- A share's base (basis_keluarga: the keluarga it is a share of, NULL for a count) goes with it,
-- so the privacy policy can hide a share whose numerator or complement is a count 1-4.
-- Kelurahan kantong kemiskinan: the one pocket definition, kantong_kelurahan(p)
-- (_shared/57_kantong.sql); this file sorts after it for that reason.
-- 'Keluarga miskin ekstrem … di bawah garis ekstrem' has no direction (arah_baik NULL): a fall
-- means flagged families whose spending rose above the line but who are still on the list (not
-- graduated at verval), so "turun = membaik" would reward poor list upkeep; it is shown as a
-- check of the list, not as progress. Nor has 'Kelurahan kantong kemiskinan' (BPS review 5, MUST 2):
-- the count measures concentration, not progress (one kelurahan crossing the test's bound
-- changes it while its families stay poor), so it carries no arrow either. galat_baku: the standard error of a mean (the food
-- share), for skor_strategi's test of a change; a share's interval comes from its base.
-- Row 6 is the year-to-date exit rate, as Ringkasan's tile (BPS review 3, S6: not the count,
-- which grows with the stock at risk): angka_utama's keluarga_keluar_tahun_ini for the city,
-- asked of its macro alone (keluar_sejak_awal_tahun) so the rest of angka_utama is not planned
-- with it, ÷ the families at risk on 1 January (berisiko_awal_tahun, its basis_keluarga);
-- NULL without visits or without a flagged list before 1 January.
-- For a flagless period (30_angka_utama.sql) every indicator about the extreme-poor is NULL:
-- its list says nothing about extreme poverty (no "0 kelurahan kantong").
-- kube_aktif_periode: per KUBE export, the groups not marked inactive (a table per refresh:
-- 'KUBE aktif' in p is the latest export up to p's figure, with no KUBE file opened).
CREATE OR REPLACE TABLE kube_aktif_periode AS
SELECT periode, count(DISTINCT id_kube) FILTER (WHERE coalesce(status_aktif, true)) AS n
FROM kube GROUP BY periode;

CREATE OR REPLACE MACRO skor_strategi(p) AS TABLE
WITH c AS (SELECT * FROM cakupan_ekstrem WHERE periode = p),
bertanda AS (
    SELECT coalesce(any_value(berstatus_ekstrem), false) AS ya
    FROM periode_banding WHERE periode = p
),
modal AS (
    SELECT count(*) AS kpm FROM modal_usaha_kk WHERE tanggal_terima <= periode_akhir(p)
),
kube_aktif AS (
    SELECT coalesce(arg_max(n, periode), 0) AS n FROM kube_aktif_periode WHERE periode <= p
)
SELECT * FROM (VALUES
    (1, 1, 'Cakupan bansos keluarga miskin ekstrem',
        (SELECT avg(CASE WHEN tercakup_bansos THEN 1.0 ELSE 0.0 END) FROM c), 'persen', 'naik',
        (SELECT count(*) FROM c), NULL),
    (2, 1, 'Keluarga miskin ekstrem dengan pengeluaran per kapita di bawah garis ekstrem',
        (SELECT avg(CASE WHEN pengeluaran_per_kapita(c.pengeluaran_bulanan, c.jumlah_anggota)
                              < g.garis_ekstrem THEN 1.0 ELSE 0.0 END)
         FROM c LEFT JOIN garis_periode(p) g ON true
         WHERE pengeluaran_per_kapita(c.pengeluaran_bulanan, c.jumlah_anggota) IS NOT NULL),
        'persen', NULL,
        (SELECT count(*) FROM c
         WHERE pengeluaran_per_kapita(c.pengeluaran_bulanan, c.jumlah_anggota) IS NOT NULL), NULL),
    (3, 1, 'Rata-rata porsi pengeluaran pangan keluarga miskin ekstrem',
        (SELECT avg(pengeluaran_pangan / nullif(pengeluaran_bulanan, 0)) FROM c), 'persen', 'turun',
        (SELECT count(pengeluaran_pangan / nullif(pengeluaran_bulanan, 0)) FROM c),
        (SELECT stddev_samp(pengeluaran_pangan / nullif(pengeluaran_bulanan, 0))
                / sqrt(count(pengeluaran_pangan / nullif(pengeluaran_bulanan, 0))) FROM c)),
    (4, 2, 'KPM penerima modal usaha (kumulatif)', (SELECT kpm FROM modal), 'KPM', 'naik', NULL, NULL),
    (5, 2, 'KUBE aktif', (SELECT n FROM kube_aktif), 'kelompok', 'naik', NULL, NULL),
    (6, 2, 'Keluarga keluar dari kemiskinan ekstrem tahun ini',
        keluar_sejak_awal_tahun(p, NULL, NULL) / nullif(berisiko_awal_tahun(p, NULL, NULL), 0),
        'persen', 'naik', berisiko_awal_tahun(p, NULL, NULL), NULL),
    (7, 3, 'Kelurahan kantong kemiskinan',
        (SELECT count(*) FILTER (WHERE kantong) FROM kantong_kelurahan(p)
         WHERE (SELECT ya FROM bertanda) HAVING (SELECT ya FROM bertanda)), 'kelurahan', NULL,
        NULL, NULL),
    (8, 3, 'Keluarga miskin ekstrem berlantai tanah',
        (SELECT avg(CASE WHEN lantai = 9 THEN 1.0 ELSE 0.0 END) FROM c WHERE lantai IS NOT NULL),
        'persen', 'turun', (SELECT count(*) FROM c WHERE lantai IS NOT NULL), NULL),
    (9, 3, 'Keluarga miskin ekstrem tanpa jamban sendiri',
        (SELECT avg(CASE WHEN fasilitas_bab <> 1 THEN 1.0 ELSE 0.0 END) FROM c
         WHERE fasilitas_bab IS NOT NULL), 'persen', 'turun',
        (SELECT count(*) FROM c WHERE fasilitas_bab IS NOT NULL), NULL)
) t(urutan, strategi, indikator, nilai, satuan, arah_baik, basis_keluarga, galat_baku);

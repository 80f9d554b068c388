-- name: bantuan_cakupan_kelurahan
-- returns: per kelurahan of the area and programme, the period's extreme-poor keluarga and those the programme reached (the cakupan definition, _shared/20_cakupan.sql: 12 months up to the period's end, or enrolment), with the share; the first five 'programmes' are the named figures of bantuan_cakupan_program, with the same windows: 'Bansos (strategi 1)' (cakupan bansos), 'Bansos dibayar (tanpa kepesertaan)', 'Pemberdayaan (strategi 2)' (with KUBE membership), 'Pemberdayaan (strategi 2), pernah' and 'Program apa pun'; every kelurahan of the area appears (cakupan NULL where it has no extreme-poor keluarga), every programme that reached a family in the area appears; no rows when the area has no extreme-poor keluarga in the period. Each share carries its 95 % Wilson interval (cakupan_bawah, cakupan_atas, _shared/55_wilson.sql) and dasar_kecil (fewer than 30 extreme-poor keluarga: "hati-hati: dasar kecil"; NULL without any); cakupan_wilayah = the programme's share over the whole area; di_bawah_wilayah = the interval lies wholly below it. terendah_dapat_dibedakan (the rule for a 'terendah' headline, per programme, queries/README.md "Tertinggi / terendah"): the lowest group is the kelurahan with the lowest share (all of them when tied) and every kelurahan whose interval overlaps theirs (lower bound at or below the highest upper bound among them); true on the one kelurahan of a group of one (it can be named as the lowest), false on each kelurahan of a larger group (they cannot be told apart), NULL outside the group, without a share, and when fewer than two kelurahan have a share
-- unit: keluarga (keluarga_miskin_ekstrem, keluarga_tercakup); share 0-1 (cakupan, cakupan_bawah, cakupan_atas, cakupan_wilayah); true/false (dasar_kecil, di_bawah_wilayah, terendah_dapat_dibedakan)
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup
-- total: implied
-- groups: program, kode_kec
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: cakupan <- keluarga_tercakup, keluarga_miskin_ekstrem; cakupan_bawah, cakupan_atas, cakupan_wilayah, di_bawah_wilayah, terendah_dapat_dibedakan <- cakupan
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kode_kec = Kode kecamatan [teks]; kecamatan = Kecamatan [teks]; kode_kel = Kode Kemendagri [teks]; kelurahan = {desa} [teks]; program = Program [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; keluarga_tercakup = Tercakup (keluarga) [keluarga]; cakupan = Cakupan (%) [persen]; cakupan_bawah = Cakupan: batas bawah 95 % (%) [persen]; cakupan_atas = Cakupan: batas atas 95 % (%) [persen]; dasar_kecil = Dasar kecil (< 30 keluarga) [teks]; cakupan_wilayah = Cakupan {jenis} (%) [persen]; di_bawah_wilayah = Di bawah angka {jenis} (95 %) [teks]; terendah_dapat_dibedakan = Terendah, dapat dibedakan [teks]
WITH c AS (
    SELECT e.kode_kel, e.tercakup_bansos, e.tercakup_program, e.program,
           e.no_kk IN (SELECT no_kk FROM salur_bansos(periode_atau_terakhir($periode)))
               AS dibayar_bansos,
           e.tercakup_pendapatan OR coalesce(d.kube_kini, false) AS tercakup_pendapatan,
           e.tercakup_pendapatan OR coalesce(d.pernah, false) AS pendapatan_pernah
    FROM cakupan_ekstrem e
    LEFT JOIN pemberdayaan_kk(periode_atau_terakhir($periode)) d USING (no_kk)
    WHERE e.periode = periode_atau_terakhir($periode)
      AND di_wilayah(e.kode_kel, $kode_kec, $kode_kel)
),
dicapai AS (SELECT kode_kel, unnest(program) AS program FROM c),
per_kel AS (
    SELECT kode_kel, count(*) AS keluarga_miskin_ekstrem,
           count(*) FILTER (WHERE tercakup_bansos) AS keluarga_bansos,
           count(*) FILTER (WHERE dibayar_bansos) AS keluarga_dibayar,
           count(*) FILTER (WHERE tercakup_pendapatan) AS keluarga_pendapatan,
           count(*) FILTER (WHERE pendapatan_pernah) AS keluarga_pernah,
           count(*) FILTER (WHERE tercakup_program) AS keluarga_tercakup
    FROM c GROUP BY kode_kel
),
per_program AS (
    SELECT kode_kel, program, count(*) AS keluarga_tercakup FROM dicapai GROUP BY ALL
),
programs AS (
    SELECT 0 AS urutan, 'Bansos (strategi 1)' AS program
    UNION ALL
    SELECT 1, 'Bansos dibayar (tanpa kepesertaan)'
    UNION ALL
    SELECT 2, 'Pemberdayaan (strategi 2)'
    UNION ALL
    SELECT 3, 'Pemberdayaan (strategi 2), pernah'
    UNION ALL
    SELECT 4, 'Program apa pun'
    UNION ALL
    SELECT DISTINCT 5, program FROM dicapai
),
sel AS (
    SELECT w.kode_kec, w.kecamatan, w.kode_kel, w.kelurahan, g.program, g.urutan,
           coalesce(k.keluarga_miskin_ekstrem, 0) AS keluarga_miskin_ekstrem,
           coalesce(CASE g.urutan WHEN 0 THEN k.keluarga_bansos WHEN 1 THEN k.keluarga_dibayar
                        WHEN 2 THEN k.keluarga_pendapatan WHEN 3 THEN k.keluarga_pernah
                        WHEN 4 THEN k.keluarga_tercakup ELSE x.keluarga_tercakup END, 0)
               AS keluarga_tercakup
    FROM wilayah w
    CROSS JOIN programs g
    LEFT JOIN per_kel k ON k.kode_kel = w.kode_kel
    LEFT JOIN per_program x ON x.kode_kel = w.kode_kel AND x.program = g.program
    WHERE di_wilayah(w.kode_kel, $kode_kec, $kode_kel) AND EXISTS (SELECT 1 FROM c)
),
-- the share with its 95 % Wilson interval, and the area's share of the same programme
r AS (
    SELECT *, keluarga_tercakup / nullif(keluarga_miskin_ekstrem, 0) AS cakupan,
           wilson_bawah(keluarga_tercakup, keluarga_miskin_ekstrem) AS cakupan_bawah,
           wilson_atas(keluarga_tercakup, keluarga_miskin_ekstrem) AS cakupan_atas,
           sum(keluarga_tercakup) OVER (PARTITION BY program)
               / nullif(sum(keluarga_miskin_ekstrem) OVER (PARTITION BY program), 0)
               AS cakupan_wilayah
    FROM sel
),
-- the lowest kelurahan of each programme: the lowest share (all of them when tied) and every
-- kelurahan whose interval reaches down to the lowest one's upper bound (queries/README.md, "Tertinggi / terendah")
m AS (
    SELECT *, min(cakupan) OVER (PARTITION BY program) AS cakupan_min,
           count(cakupan) OVER (PARTITION BY program) AS kelurahan_dinilai
    FROM r
),
acuan AS (
    SELECT *, max(CASE WHEN cakupan = cakupan_min THEN cakupan_atas END)
                  OVER (PARTITION BY program) AS atas_terendah
    FROM m
),
kelompok AS (
    SELECT *, cakupan_bawah <= atas_terendah AS di_kelompok,
           count(*) FILTER (WHERE cakupan_bawah <= atas_terendah) OVER (PARTITION BY program)
               AS kelompok_terendah
    FROM acuan
)
SELECT kode_kec, kecamatan, kode_kel, kelurahan, program, keluarga_miskin_ekstrem,
       keluarga_tercakup, cakupan, cakupan_bawah, cakupan_atas,
       CASE WHEN keluarga_miskin_ekstrem > 0 THEN dasar_kecil(keluarga_miskin_ekstrem) END
           AS dasar_kecil,
       cakupan_wilayah,
       CASE WHEN cakupan IS NOT NULL THEN cakupan_atas < cakupan_wilayah END AS di_bawah_wilayah,
       CASE WHEN kelurahan_dinilai >= 2 AND di_kelompok THEN kelompok_terendah = 1 END
           AS terendah_dapat_dibedakan
FROM kelompok
ORDER BY kode_kel, urutan, program

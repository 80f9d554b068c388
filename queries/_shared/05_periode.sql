-- Tables rebuilt with the views on every refresh (the engine runs _shared in one transaction
-- when the manifest version changes): "which periods", "the latest period" and counts per
-- kelurahan then cost a lookup in a few hundred rows instead of a scan of every period's list.

-- keluarga_ringkas: per period, kecamatan and kelurahan code as listed: the keluarga on the
-- list, those with the extreme-poverty flag filled in, and the extreme-poor among them.
CREATE OR REPLACE TABLE keluarga_ringkas AS
SELECT periode, kode_kec, kode_kel,
       count(*) AS keluarga,
       count(miskin_ekstrem) AS keluarga_bertanda,
       count(*) FILTER (WHERE miskin_ekstrem) AS keluarga_miskin_ekstrem
FROM keluarga
GROUP BY ALL;

-- keluarga_periode: the periods with a keluarga list, and whether the list flags extreme poverty
-- at all (the 2021 P3KE and 2022 bansos lists do not).
CREATE OR REPLACE TABLE keluarga_periode AS
SELECT periode, sum(keluarga_bertanda) > 0 AS ada_tanda_ekstrem
FROM keluarga_ringkas
GROUP BY periode;

-- periode_dataset: every period that has data, once per dataset that has it.
CREATE OR REPLACE TABLE periode_dataset AS
SELECT periode, 'keluarga' AS dataset FROM keluarga_periode
UNION ALL SELECT DISTINCT periode, 'verval' FROM verval
UNION ALL SELECT DISTINCT periode, 'penyaluran' FROM penyaluran
UNION ALL SELECT DISTINCT periode, 'kube' FROM kube
UNION ALL SELECT DISTINCT periode, 'pemantauan' FROM pemantauan;

-- periode_atau_terakhir(p): p, or the latest period with a keluarga list when p is NULL, as
-- the constant getvariable('periode_tersimpan'), not a subquery. The engine sets that variable
-- before every query from the table periode_tersimpan (20_cakupan.sql, the same max), and this
-- build sets it here for the files that follow. A subquery cannot be folded by the planner: an
-- empty $periode then left both branches of the *_cepat / *_semua macros (the kept table's and
-- the lake's) to filter at run time, and the lake's read every period's families (a simulation
-- at 5.000.000 keluarga: 25 CPU-s instead of 7; the programme participants kept for the
-- effect pages, efek_penerima_terakhir: 41 s instead of 6).
SET VARIABLE periode_tersimpan = (SELECT max(periode) FROM keluarga_periode);

CREATE OR REPLACE MACRO periode_atau_terakhir(p) AS coalesce(p, getvariable('periode_tersimpan'));

-- verval_akhir_keluarga(): the latest verval known of each family, of every verval period (by
-- tanggal_verval, then periode), not cut at any period's end: the answer of the field check
-- (the round trip's too). One row per no_kk: verval_terakhir (memenuhi / tidak memenuhi), its
-- alasan and tanggal. Written once: Daftar sasaran shows it, the budget simulation leaves out
-- the families it found tidak memenuhi (70_simulasi.sql).
CREATE OR REPLACE MACRO verval_akhir_keluarga() AS TABLE
SELECT no_kk, arg_max(hasil, (tanggal_verval, periode)) AS verval_terakhir,
       arg_max(alasan, (tanggal_verval, periode)) AS verval_terakhir_alasan,
       max(tanggal_verval) AS verval_terakhir_tanggal
FROM verval
GROUP BY no_kk;

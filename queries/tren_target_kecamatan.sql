-- name: tren_target_kecamatan
-- returns: per kecamatan of the region (or of the kab/kota kode_kab), then a last row naming the area (kode_kec NULL; Kota Pasuruan for its city), for one flagged period (none for a flagless one): extreme-poor keluarga on the list (the SK list), on the previous flagged list (periode_sebelumnya, pembanding in periode_banding) and the change (perubahan, keluarga: now minus before); cakupan bansos (share reached by a strategy-1 programme, tercakup_bansos) and the keluarga reached by no programme at all (keluarga_belum_tercakup, tercakup_program, as the maps); the target pace: triwulan_tersisa = quarters from the period's end to the end of 2026 (NULL when the period is at or past it), laju_perlu = keluarga to leave the list per quarter to reach 0 by then (now ÷ quarters left); laju_capai = the mean fall per quarter over the last year (from the latest flagged list at least 12 months before, else the first flagged list; periode_awal, keluarga_awal; negative = the list grew), and proyeksi_akhir_2026 = the count at the end of 2026 if that pace holds (now − pace × quarters left, never below 0). The target of Inpres 8/2025 is the national extreme-poverty RATE (persons, Susenas); this pace is of the SK list's count, which can also fall by deaths, moves and verval
-- unit: keluarga (keluarga_*, perubahan); share 0-1 (cakupan); triwulan (triwulan_tersisa, triwulan_capai); keluarga per triwulan (laju_perlu, laju_capai); keluarga (proyeksi_akhir_2026)
-- counts: keluarga_miskin_ekstrem, keluarga_sebelumnya, keluarga_belum_tercakup, keluarga_awal
-- total: last row
-- sums: keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: perubahan <- keluarga_miskin_ekstrem, keluarga_sebelumnya; laju_perlu <- keluarga_miskin_ekstrem; laju_capai, proyeksi_akhir_2026 <- keluarga_miskin_ekstrem, keluarga_awal
-- params: periode (YYYY-MM; empty = latest), kode_kab (a kab/kota code in a province: only its kecamatan, the last row then that kab/kota's total, named as it; empty = every kecamatan, the last row the region's)
-- one definition with tren_target_kabupaten: _shared/76_target.sql
SELECT periode, kode AS kode_kec, nama AS kecamatan,
       keluarga_miskin_ekstrem, periode_sebelumnya, keluarga_sebelumnya, perubahan,
       cakupan, keluarga_belum_tercakup, triwulan_tersisa, laju_perlu,
       periode_awal, keluarga_awal, triwulan_capai, laju_capai, proyeksi_akhir_2026
FROM tren_target($periode, 8, $kode_kab)
ORDER BY kode_kec NULLS LAST

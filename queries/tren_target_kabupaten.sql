-- name: tren_target_kabupaten
-- returns: per kabupaten/kota of the region (a province's first level; a kab/kota region: its one row), then a last row naming the region (kode_kab NULL), the same figures as tren_target_kecamatan one level up (its last row is this one's), for one flagged period (none for a flagless one): extreme-poor keluarga on the list (the SK list), on the previous flagged list (periode_sebelumnya, pembanding in periode_banding) and the change (perubahan, keluarga: now minus before); cakupan bansos (share reached by a strategy-1 programme, tercakup_bansos) and the keluarga reached by no programme at all (keluarga_belum_tercakup, tercakup_program, as the maps); the target pace: triwulan_tersisa = quarters from the period's end to the end of 2026 (NULL when the period is at or past it), laju_perlu = keluarga to leave the list per quarter to reach 0 by then (now ÷ quarters left); laju_capai = the mean fall per quarter over the last year (from the latest flagged list at least 12 months before, else the first flagged list; periode_awal, keluarga_awal; negative = the list grew), and proyeksi_akhir_2026 = the count at the end of 2026 if that pace holds (now − pace × quarters left, never below 0). The target of Inpres 8/2025 is the national extreme-poverty RATE (persons, Susenas); this pace is of the SK list's count, which can also fall by deaths, moves and verval
-- unit: keluarga (keluarga_*, perubahan); share 0-1 (cakupan); triwulan (triwulan_tersisa, triwulan_capai); keluarga per triwulan (laju_perlu, laju_capai); keluarga (proyeksi_akhir_2026)
-- counts: keluarga_miskin_ekstrem, keluarga_sebelumnya, keluarga_belum_tercakup, keluarga_awal
-- total: last row
-- sums: keluarga_miskin_ekstrem = keluarga_belum_tercakup + …
-- shares: cakupan <- keluarga_miskin_ekstrem
-- derived: perubahan <- keluarga_miskin_ekstrem, keluarga_sebelumnya; laju_perlu <- keluarga_miskin_ekstrem; laju_capai, proyeksi_akhir_2026 <- keluarga_miskin_ekstrem, keluarga_awal
-- params: periode (YYYY-MM; empty = latest)
-- columns: periode = Periode [periode]; kode_kab = Kode kabupaten/kota [teks]; kabupaten_kota = Kabupaten/Kota [teks]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; periode_sebelumnya = Periode sebelumnya [periode]; keluarga_sebelumnya = Daftar sebelumnya (keluarga) [keluarga]; perubahan = Perubahan (keluarga) [keluarga]; cakupan = Cakupan bansos (%) [persen]; keluarga_belum_tercakup = Belum tercakup program apa pun (keluarga) [keluarga]; triwulan_tersisa = Triwulan tersisa sampai akhir 2026 [desimal]; laju_perlu = Laju perlu (keluarga per triwulan) [desimal]; periode_awal = Periode setahun sebelumnya [periode]; keluarga_awal = Setahun sebelumnya (keluarga) [keluarga]; triwulan_capai = Triwulan di antaranya [desimal]; laju_capai = Laju tercapai (keluarga per triwulan) [desimal]; proyeksi_akhir_2026 = Proyeksi akhir 2026 (keluarga) [desimal]
-- one definition with tren_target_kecamatan: _shared/76_target.sql
SELECT periode, kode AS kode_kab, nama AS kabupaten_kota,
       keluarga_miskin_ekstrem, periode_sebelumnya, keluarga_sebelumnya, perubahan,
       cakupan, keluarga_belum_tercakup, triwulan_tersisa, laju_perlu,
       periode_awal, keluarga_awal, triwulan_capai, laju_capai, proyeksi_akhir_2026
FROM tren_target($periode, 5, NULL)
ORDER BY kode_kab NULLS LAST

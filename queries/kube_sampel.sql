-- name: kube_sampel
-- returns: how many KUBE members (membership start up to the period's end) the comparison covers, per cohort (grant quarter) and a last row 'Semua': penerima = all of them; dianalisis = extreme-poor on the flagged list in force at the start and matched with a comparison family (the families the estimates rest on); tidak_ekstrem = not extreme-poor on that list, or no flagged list then (outside the question the comparison answers); tanpa_pembanding = extreme-poor then, but no comparison family in its matching cell (_shared/60_efek.sql: efek_penerima). A family's area is its kelurahan on the list in force at the start; one on no list then is counted for the whole city only
-- unit: keluarga
-- counts: penerima, dianalisis, tidak_ekstrem, tanpa_pembanding
-- total: last row
-- sums: penerima = dianalisis + tidak_ekstrem + tanpa_pembanding
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kohort = Kohort [teks]; penerima = Penerima (keluarga) [keluarga]; dianalisis = Dianalisis (keluarga) [keluarga]; tidak_ekstrem = Tidak miskin ekstrem saat mulai (keluarga) [keluarga]; tanpa_pembanding = Tanpa pembanding (keluarga) [keluarga]
SELECT * FROM efek_sampel(coalesce($periode, getvariable('periode_tersimpan')), $kode_kec, $kode_kel,
                          'kube')

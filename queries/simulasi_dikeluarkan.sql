-- name: simulasi_dikeluarkan
-- returns: the families the budget simulation leaves out (queries/simulasi.sql keluarga_dikeluarkan, the same inputs): the period's listed families with a spending figure in the area (with sasaran = ekstrem only those flagged miskin_ekstrem) whose latest verval (of any verval period, _shared/40_verval.sql) found them tidak memenuhi (Tidak Layak), per reason (alasan; 'tanpa alasan' when the verval gave none), with the date of the latest such verval; then a last row 'Semua alasan' with their total
-- unit: keluarga
-- counts: keluarga
-- total: last row
-- params: periode (YYYY-MM; empty = latest), kode_kec (a kecamatan, or a kab/kota code in a province: all its kecamatan; empty = the whole region), sasaran (semua = default, ekstrem = only the families flagged miskin_ekstrem)
-- columns: alasan = Alasan [teks]; keluarga = Dikeluarkan (keluarga) [keluarga]; verval_terakhir_tanggal = Tanggal verval terakhir [tanggal]
WITH d AS (
    SELECT coalesce(alasan_verval, 'tanpa alasan') AS alasan, tanggal_verval
    FROM simulasi_calon_semua(periode_atau_terakhir($periode), $kode_kec, $sasaran)
    WHERE tidak_layak
)
SELECT alasan, keluarga, verval_terakhir_tanggal
FROM (
    SELECT 0 AS urut, alasan, count(*) AS keluarga, max(tanggal_verval) AS verval_terakhir_tanggal
    FROM d GROUP BY alasan
    UNION ALL
    SELECT 1, 'Semua alasan', count(*), max(tanggal_verval) FROM d
)
ORDER BY urut, keluarga DESC, alasan

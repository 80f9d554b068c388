-- name: daftar_sasaran
-- returns: the named target list for field verification: one row per family on the period's list matching the filters, with its source list (sumber_data), programmes, coverage, last monitoring visit up to the period's end, spending per person (NULL where the export gives none: empty or 0, _shared/15_beban.sql), and its latest verval result known (of any verval period, by tanggal_verval then periode: verval_terakhir, its alasan and tanggal; NULL when never checked) (NAMED LIST: the privacy policy decides who sees names and identifiers)
-- unit: keluarga (one row each); jiwa (jumlah_anggota); Rp per person per month (pengeluaran_per_kapita)
-- params: periode (YYYY-MM; empty = latest), kode_kec, kode_kel, rt, rw (empty = all), desil_maks (1-10; empty = all), hanya_ekstrem, belum_tercakup (not reached by any programme, tercakup_program), punya_usaha (true/false; empty = no filter), tidak_dikunjungi_bulan (months without a visit; empty = no filter), rekonsiliasi (a part of beban_rekonsiliasi: ditandai_di_bawah, ditandai_di_atas, ditandai_tanpa_pengeluaran, di_bawah_tidak_ditandai; empty = no filter)
-- columns: no_kk = No KK [teks]; nik_kepala = NIK kepala keluarga [teks]; nama_kepala = Nama kepala keluarga [teks]; alamat = Alamat [teks]; rt = RT [teks]; rw = RW [teks]; kelurahan = {desa} [teks]; kecamatan = Kecamatan [teks]; desil = Desil [teks]; jumlah_anggota = Jumlah anggota (jiwa) [jiwa]; miskin_ekstrem = Miskin ekstrem [teks]; punya_usaha = Punya usaha [teks]; sumber_data = Sumber daftar [teks]; program = Program [teks]; tercakup_bansos = Tercakup bansos [teks]; tercakup_program = Tercakup program apa pun [teks]; kunjungan_terakhir = Kunjungan terakhir [tanggal]; verval_terakhir = Verval terakhir [teks]; verval_terakhir_alasan = Alasan verval [teks]; verval_terakhir_tanggal = Tanggal verval terakhir [tanggal]; pengeluaran_per_kapita = Pengeluaran per kapita (Rp per jiwa per bulan) [rp]
WITH p AS (SELECT periode_atau_terakhir($periode) AS periode),
-- the last visit up to the period's end: a later visit is not yet known in that period
kunjungan AS (
    SELECT no_kk, max(tanggal) AS kunjungan_terakhir FROM pemantauan
    WHERE tanggal <= periode_akhir((SELECT periode FROM p))
    GROUP BY no_kk
),
-- the latest verval known of each family (the field-verification round trip's answer too):
-- _shared/40_verval.sql, the same as the budget simulation's
verval_akhir AS (SELECT * FROM verval_akhir_keluarga())
SELECT c.no_kk, c.nik_kepala, c.nama_kepala, c.alamat, c.rt, c.rw, c.kelurahan, c.kecamatan,
       c.desil, c.jumlah_anggota, c.miskin_ekstrem, c.punya_usaha, c.sumber_data,
       array_to_string(c.program, ', ') AS program, c.tercakup_bansos, c.tercakup_program,
       v.kunjungan_terakhir, a.verval_terakhir, a.verval_terakhir_alasan, a.verval_terakhir_tanggal,
       round(pengeluaran_per_kapita(c.pengeluaran_bulanan, c.jumlah_anggota)) AS pengeluaran_per_kapita
FROM cakupan((SELECT periode FROM p)) c
LEFT JOIN kunjungan v USING (no_kk)
LEFT JOIN verval_akhir a USING (no_kk)
WHERE di_wilayah(c.kode_kel, $kode_kec, $kode_kel)
  AND ($rt IS NULL OR c.rt = CAST(TRY_CAST($rt AS BIGINT) AS VARCHAR))
  AND ($rw IS NULL OR c.rw = CAST(TRY_CAST($rw AS BIGINT) AS VARCHAR))
  AND ($desil_maks IS NULL OR c.desil <= TRY_CAST($desil_maks AS INTEGER))
  AND (NOT coalesce(TRY_CAST($hanya_ekstrem AS BOOLEAN), false) OR c.miskin_ekstrem)
  AND (NOT coalesce(TRY_CAST($belum_tercakup AS BOOLEAN), false) OR NOT c.tercakup_program)
  AND (NOT coalesce(TRY_CAST($punya_usaha AS BOOLEAN), false) OR c.punya_usaha)
  AND ($rekonsiliasi IS NULL OR rekonsiliasi_bagian(
           coalesce(c.miskin_ekstrem, false),
           pengeluaran_per_kapita(c.pengeluaran_bulanan, c.jumlah_anggota),
           (SELECT garis_ekstrem FROM garis_periode((SELECT periode FROM p)))) = $rekonsiliasi)
  AND ($tidak_dikunjungi_bulan IS NULL
       OR v.kunjungan_terakhir IS NULL
       OR v.kunjungan_terakhir < periode_akhir((SELECT periode FROM p))
                                 - to_months(TRY_CAST($tidak_dikunjungi_bulan AS INTEGER)))
ORDER BY c.kecamatan, c.kelurahan, c.rw, c.rt, c.nama_kepala

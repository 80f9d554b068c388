-- name: langkah_berikutnya
-- returns: one row for the period and area: what is still to do now, on the period's (the current) list. keluarga_miskin_ekstrem = extreme-poor keluarga on it; keluarga_belum_tercakup_bansos = those not reached by a strategy-1 programme (cakupan bansos, _shared/20_cakupan.sql); keluarga_usaha_tanpa_modal = those with a business (punya_usaha) and no 'tersalur' Modal Usaha disbursement up to the period's end (modal_usaha_kk), split into those whose latest monitoring visit with a status up to the period's end is marked 'keluar' (already left extreme poverty: check whether they still belong on the list; a later visit that finds the family extreme-poor again undoes an earlier 'keluar') and the rest. No row when the period has no keluarga list or its list carries no extreme-poverty flag (nothing to count: not 0).
-- unit: keluarga
-- counts: keluarga_miskin_ekstrem, keluarga_tercakup_bansos, keluarga_belum_tercakup_bansos, keluarga_usaha_tanpa_modal, keluarga_usaha_tanpa_modal_sudah_keluar, keluarga_usaha_tanpa_modal_belum_keluar
-- sums: keluarga_miskin_ekstrem = keluarga_tercakup_bansos + keluarga_belum_tercakup_bansos; keluarga_usaha_tanpa_modal = keluarga_usaha_tanpa_modal_sudah_keluar + keluarga_usaha_tanpa_modal_belum_keluar
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: periode = Periode [periode]; keluarga_miskin_ekstrem = Keluarga miskin ekstrem (keluarga) [keluarga]; keluarga_tercakup_bansos = Tercakup bansos (keluarga) [keluarga]; keluarga_belum_tercakup_bansos = Belum tercakup bansos (keluarga) [keluarga]; keluarga_usaha_tanpa_modal = Punya usaha, belum menerima modal (keluarga) [keluarga]; keluarga_usaha_tanpa_modal_sudah_keluar = Punya usaha tanpa modal, sudah keluar (keluarga) [keluarga]; keluarga_usaha_tanpa_modal_belum_keluar = Punya usaha tanpa modal, belum keluar (keluarga) [keluarga]
WITH c AS (
    SELECT no_kk, tercakup_bansos, punya_usaha IS TRUE AS usaha
    FROM cakupan_ekstrem
    WHERE periode = periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
usaha AS (
    SELECT c.no_kk,
           -- the latest visit up to the period's end decides: a family marked 'keluar' and
           -- seen back in extreme poverty at a later visit has not left (re-entry undoes it)
           c.no_kk IN (SELECT no_kk FROM pemantauan
                       WHERE tanggal <= periode_akhir(periode_atau_terakhir($periode))
                         AND status_ekstrem IS NOT NULL
                       GROUP BY no_kk
                       HAVING arg_max(status_ekstrem, tanggal) = 'keluar')
               IS TRUE AS keluar
    FROM c
    WHERE c.usaha
      AND c.no_kk NOT IN (SELECT no_kk FROM modal_usaha_kk
                          WHERE tanggal_terima <= periode_akhir(periode_atau_terakhir($periode)))
)
SELECT periode_atau_terakhir($periode) AS periode,
       (SELECT count(*) FROM c) AS keluarga_miskin_ekstrem,
       (SELECT count(*) FILTER (WHERE tercakup_bansos) FROM c) AS keluarga_tercakup_bansos,
       (SELECT count(*) FILTER (WHERE NOT tercakup_bansos) FROM c) AS keluarga_belum_tercakup_bansos,
       (SELECT count(*) FROM usaha) AS keluarga_usaha_tanpa_modal,
       (SELECT count(*) FILTER (WHERE keluar) FROM usaha) AS keluarga_usaha_tanpa_modal_sudah_keluar,
       (SELECT count(*) FILTER (WHERE NOT keluar) FROM usaha) AS keluarga_usaha_tanpa_modal_belum_keluar
WHERE (SELECT ada_tanda_ekstrem FROM keluarga_periode WHERE periode = periode_atau_terakhir($periode))

-- name: bantuan_modal_usaha_graduasi
-- returns: TIDAK UNTUK DILAPORKAN: a naive cumulative comparison (its sign flips between periods; no matching, no censoring); no page, slide or report shows it, and the effect of modal usaha is bantuan_modal_usaha_efek. Kept for checking only. two rows comparing who left extreme poverty: 'Penerima modal usaha' = families extreme-poor on some list up to the period that had a 'tersalur' Modal Usaha disbursement by the period's end; 'Pembanding: punya usaha, bukan penerima' = families extreme-poor and with a business (punya_usaha) on the same list row up to the period, without Modal Usaha by then. Per group: keluarga, those with a monitoring visit up to the period's end (dipantau), those with a visit marked status_ekstrem 'keluar' by then, and keluar ÷ dipantau; the complements (not visited, visited and not keluar) beside them. A family's area is its kelurahan in the latest list that has it.
-- unit: keluarga; share 0-1 (porsi_keluar, NULL when no family was visited)
-- counts: keluarga, keluarga_dipantau, keluarga_tidak_dipantau, keluarga_keluar, keluarga_belum_keluar
-- sums: keluarga = keluarga_dipantau + keluarga_tidak_dipantau; keluarga_dipantau = keluarga_keluar + keluarga_belum_keluar
-- shares: porsi_keluar <- keluarga_dipantau
-- derived: porsi_keluar <- keluarga_keluar, keluarga_dipantau
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: kelompok = Kelompok [teks]; keluarga = Penerima (keluarga) [keluarga]; keluarga_dipantau = Dipantau (keluarga) [keluarga]; keluarga_tidak_dipantau = Tidak dipantau (keluarga) [keluarga]; keluarga_keluar = Keluar (keluarga) [keluarga]; keluarga_belum_keluar = Belum keluar (keluarga) [keluarga]; porsi_keluar = Keluar (% dipantau) [persen]
WITH ekstrem AS (
    SELECT no_kk, bool_or(punya_usaha IS TRUE) AS punya_usaha
    FROM cakupan_ekstrem
    WHERE periode <= periode_atau_terakhir($periode)
    GROUP BY no_kk
),
modal AS (
    SELECT no_kk FROM modal_usaha_kk
    WHERE tanggal_terima <= periode_akhir(periode_atau_terakhir($periode))
),
kunjungan AS (
    SELECT no_kk, bool_or(status_ekstrem = 'keluar') AS keluar
    FROM pemantauan
    WHERE tanggal <= periode_akhir(periode_atau_terakhir($periode))
    GROUP BY no_kk
),
anggota AS (
    SELECT CASE WHEN m.no_kk IS NOT NULL THEN 1 ELSE 2 END AS urutan,
           v.no_kk IS NOT NULL AS dipantau, v.keluar IS TRUE AS keluar
    FROM ekstrem e
    LEFT JOIN modal m USING (no_kk)
    LEFT JOIN kunjungan v USING (no_kk)
    WHERE (m.no_kk IS NOT NULL OR e.punya_usaha)
      AND di_wilayah_kk(e.no_kk, $kode_kec, $kode_kel)
)
SELECT g.kelompok,
       count(a.urutan) AS keluarga,
       count(a.urutan) FILTER (WHERE a.dipantau) AS keluarga_dipantau,
       -- the complements, so that a guest cannot subtract one that is 1-4 (sums above)
       count(a.urutan) FILTER (WHERE NOT a.dipantau) AS keluarga_tidak_dipantau,
       count(a.urutan) FILTER (WHERE a.keluar) AS keluarga_keluar,
       count(a.urutan) FILTER (WHERE a.dipantau AND NOT a.keluar) AS keluarga_belum_keluar,
       count(a.urutan) FILTER (WHERE a.keluar)
           / nullif(count(a.urutan) FILTER (WHERE a.dipantau), 0) AS porsi_keluar
FROM (VALUES (1, 'Penerima modal usaha'), (2, 'Pembanding: punya usaha, bukan penerima'))
     g(urutan, kelompok)
LEFT JOIN anggota a USING (urutan)
GROUP BY g.urutan, g.kelompok
ORDER BY g.urutan

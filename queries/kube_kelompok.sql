-- name: kube_kelompok
-- returns: the KUBE groups of the area in the latest KUBE period up to the chosen period, one row each: name, kelurahan, business, member keluarga, whether active (status_aktif; not stated counts as active), monthly turnover (omzet_bulanan; the largest value on its member rows) now and in the group's first period with a turnover, and the change between them; active groups first, highest turnover first
-- unit: keluarga (keluarga_anggota); Rp per kelompok per bulan (omzet_bulanan, omzet_bulanan_awal, perubahan_omzet)
-- counts: keluarga_anggota
-- params: periode (YYYY-MM; empty = latest period with keluarga data), kode_kec, kode_kel (empty = all)
-- columns: id_kube = ID KUBE [teks]; nama_kube = KUBE [teks]; kelurahan = {desa} [teks]; jenis_usaha = Usaha [teks]; keluarga_anggota = Anggota (keluarga) [keluarga]; aktif = Status [teks]; omzet_bulanan = Omzet (Rp per bulan) [rp]; periode_awal = Periode awal omzet [periode]; omzet_bulanan_awal = Omzet awal (Rp per bulan) [rp]; perubahan_omzet = Perubahan omzet (Rp per bulan) [rp]
WITH baris AS (
    SELECT * FROM kube
    WHERE periode <= periode_atau_terakhir($periode) AND di_wilayah(kode_kel, $kode_kec, $kode_kel)
),
per_periode AS (
    SELECT periode, id_kube, max(omzet_bulanan) AS omzet FROM baris GROUP BY ALL
),
awal AS (
    SELECT id_kube, arg_min(periode, periode) AS periode_awal, arg_min(omzet, periode) AS omzet_awal
    FROM per_periode WHERE omzet IS NOT NULL GROUP BY id_kube
),
kini AS (
    SELECT id_kube, any_value(nama_kube) AS nama_kube, any_value(kelurahan) AS kelurahan,
           any_value(jenis_usaha) AS jenis_usaha, count(DISTINCT no_kk) AS keluarga_anggota,
           bool_or(coalesce(status_aktif, true)) AS aktif, max(omzet_bulanan) AS omzet_bulanan
    FROM baris
    WHERE periode = (SELECT max(periode) FROM baris)
    GROUP BY id_kube
)
SELECT k.id_kube, k.nama_kube, k.kelurahan, k.jenis_usaha, k.keluarga_anggota, k.aktif,
       k.omzet_bulanan, a.periode_awal, a.omzet_awal AS omzet_bulanan_awal,
       k.omzet_bulanan - a.omzet_awal AS perubahan_omzet
FROM kini k LEFT JOIN awal a USING (id_kube)
ORDER BY k.aktif DESC, k.omzet_bulanan DESC NULLS LAST, k.nama_kube

"""Daftar sasaran: the named target list for planners' field verification (kepala, perencana).

The list leaves the server only through the audited door: the table has no export control
(`client.disableDataExport` in .streamlit/config.toml) and the XLSX is built, formula-safe,
only when the user clicks, with one audit line per build (`audit.on_click`).

Verifikasi lapangan (issue 13 part 2): the same families as a field-verification workbook,
one sheet per kelurahan (pantau/verval_lapangan.py: each build records its sending in the
register verval_kirim and writes its audit line), and the progress of the lists sent out
for the period (named query verval_progres). The audited doors are pantau/ui_daftar.py's,
shared with the Simulasi page.
"""

import streamlit as st

from pantau import fmt, privacy, ui, ui_daftar, wilayah

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL = W.label_desa_kecil

ui.guard("sasaran")

f = st.session_state["filters"]
st.title("Daftar sasaran")
st.caption(
    f"{ui.wilayah_label(f)} · {fmt.periode(f['periode'])} · "
    "Daftar bernama: setiap tampilan dan unduhan dicatat di log audit."
)

c1, c2, c3, c4 = st.columns(4)
rt = c1.text_input("RT", key="s_rt", help="Kosongkan untuk semua RT.")
rw = c2.text_input("RW", key="s_rw")
desil = c3.selectbox(
    "Desil paling tinggi",
    [None, *range(1, 11)],
    key="s_desil",
    format_func=lambda d: "Semua desil" if d is None else f"Desil 1–{d}",
)
bulan = c4.number_input(
    "Tidak dikunjungi sejak (bulan)",
    min_value=0,
    max_value=60,
    value=0,
    key="s_bulan",
    help="0 = tanpa filter kunjungan.",
)
d1, d2, d3, d4 = st.columns(4)
ekstrem = d1.checkbox("Hanya miskin ekstrem", value=True, key="s_ekstrem")
belum = d2.checkbox("Belum tercakup program apa pun", key="s_belum")
usaha = d3.checkbox("Punya usaha (calon modal usaha)", key="s_usaha")
# The parts of beban_rekonsiliasi (the Beban page links here with one chosen).
REKONSILIASI = {
    None: "Semua",
    "ditandai_di_bawah": "Ditandai, di bawah garis",
    "ditandai_di_atas": "Ditandai, di atas garis (calon graduasi)",
    "ditandai_tanpa_pengeluaran": "Ditandai, tanpa angka pengeluaran",
    "di_bawah_tidak_ditandai": "Di bawah garis, belum ditandai (calon usulan)",
}
rekon = d4.selectbox(
    "Tanda vs garis ekstrem",
    list(REKONSILIASI),
    key="s_rekon",
    format_func=REKONSILIASI.get,
    help="Tanda miskin ekstrem dalam daftar dibanding pengeluaran per kapita terhadap garis.",
)

chosen = {
    "periode": f["periode"],
    "kode_kec": f["kode_kec"],
    "kode_kel": f["kode_kel"],
    "rt": rt.strip() or None,
    "rw": rw.strip() or None,
    "desil_maks": desil,
    "hanya_ekstrem": ekstrem or None,
    "belum_tercakup": belum or None,
    "punya_usaha": usaha or None,
    "tidak_dikunjungi_bulan": int(bulan) or None,
    "rekonsiliasi": rekon,
}
daftar = ui.query("daftar_sasaran", **chosen)

# Column headings on screen from the catalogue (ui.tabel), with the page's help texts; the XLSX
# keeps the query's column names, which field forms map.
BANTUAN = {
    "verval_terakhir": "Hasil verifikasi lapangan terakhir keluarga ini (semua periode verval), "
    "dengan alasan dan tanggalnya; kosong = belum pernah diverval.",
    # No figure in the export (empty or 0) stays an empty cell, not Rp 0 (daftar_sasaran).
    "pengeluaran_per_kapita": "Kosong = ekspor tidak memuat angka pengeluaran keluarga ini "
    "(kosong atau 0).",
}

# Every view of the named list is logged (ui_daftar.catat_lihat): no line, no list.
ui_daftar.catat_lihat("daftar_sasaran", chosen, daftar)

st.markdown(f"**{fmt.angka(len(daftar))} keluarga** cocok dengan filter.")
if daftar.empty:
    ui.empty("Tidak ada keluarga yang cocok dengan filter ini.")
else:
    if privacy.masks_identifiers(ui.role()):
        st.caption("NIK dan No KK disamarkan kecuali 4 digit terakhir.")
    ui.tabel(daftar, "daftar_sasaran", bantuan=BANTUAN, height=520)
    ui_daftar.unduh_xlsx(
        "Unduh daftar (XLSX)",
        daftar,
        "daftar_sasaran",
        f"daftar_sasaran_{f['periode']}.xlsx",
        chosen,
        "Daftar sasaran",
        key="dl_sasaran",
    )
    st.subheader("Berkas verifikasi lapangan")
    st.caption(
        f"Keluarga di atas sebagai XLSX untuk petugas: satu lembar per {KEL}, kolom Hasil "
        "(Layak / Tidak Layak) dan Alasan berupa pilihan, Tanggal Verval, Petugas, Catatan, dan "
        "blok tanda tangan lurah. Setiap berkas dicatat sebagai daftar kiriman; berkas yang sudah "
        "diisi diimpor kembali di halaman Data (jenis data verval) tanpa mengubah judul kolom."
    )
    if st.toggle("Siapkan berkas verval", key="s_verval"):
        ui_daftar.unduh_verval(
            f"Unduh berkas verval per {KEL} (XLSX)",
            "daftar_sasaran",
            chosen,
            f"verval_lapangan_{f['periode']}.xlsx",
            key="dl_verval",
        )

st.subheader("Kemajuan verifikasi lapangan")
ui_daftar.progres(
    f["periode"],
    f["kode_kec"],
    f["kode_kel"],
    kosong=f"Belum ada daftar verval yang dikirim untuk daftar {fmt.periode(f['periode'])} di "
    "wilayah ini.",
)

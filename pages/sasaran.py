"""Daftar sasaran: the named target list for planners' field verification (kepala, perencana)."""

import streamlit as st

from pantau import audit, export, fmt, privacy, ui

ui.guard("sasaran")

f = st.session_state["filters"]
st.title("Daftar sasaran")
st.caption(
    f"{ui.wilayah_label(f)} · {fmt.periode(f['periode'])} · "
    + (
        "NIK dan No KK disamarkan kecuali 4 digit terakhir."
        if ui.role() == "perencana"
        else "Daftar bernama: setiap tampilan dan unduhan dicatat di log audit."
    )
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

# Column headings on screen; the XLSX keeps the query's column names, which field forms map.
LABELS = {
    "no_kk": "No KK",
    "nik_kepala": "NIK kepala keluarga",
    "nama_kepala": "Nama kepala keluarga",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "kelurahan": "Kelurahan",
    "kecamatan": "Kecamatan",
    "desil": "Desil",
    "jumlah_anggota": "Jumlah anggota (jiwa)",
    "miskin_ekstrem": "Miskin ekstrem",
    "punya_usaha": "Punya usaha",
    "program": "Program",
    "tercakup_bansos": "Tercakup bansos",
    "tercakup_program": "Tercakup program apa pun",
    "kunjungan_terakhir": "Kunjungan terakhir",
    "pengeluaran_per_kapita": "Pengeluaran per kapita (Rp/bulan)",
}

logged = st.session_state.setdefault("audit_viewed", set())
key = repr(sorted(chosen.items()))
if key not in logged:
    audit.record(
        ui.data_dir(),
        ui.user(),
        "lihat_daftar",
        daftar="daftar_sasaran",
        filter=chosen,
        baris=len(daftar),
    )
    logged.add(key)

st.markdown(f"**{fmt.angka(len(daftar))} keluarga** cocok dengan filter.")
if daftar.empty:
    ui.empty("Tidak ada keluarga yang cocok dengan filter ini.")
else:
    st.dataframe(daftar, hide_index=True, width="stretch", height=520, column_config=LABELS)
    name = f"daftar_sasaran_{f['periode']}.xlsx"
    if st.download_button(
        "Unduh XLSX untuk verifikasi lapangan",
        export.xlsx_bytes({"Daftar sasaran": daftar}),
        file_name=name,
        key="dl_sasaran",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ):
        audit.record(
            ui.data_dir(),
            ui.user(),
            "ekspor",
            berkas=name,
            filter=chosen,
            baris=len(daftar),
            peran=ui.role(),
            samaran=privacy.sees_named_lists(ui.role()),
        )

"""Simulasi anggaran (issue 13 §1): whom a budget should reach to cut extreme poverty most,
five strategies side by side, from the named query `simulasi` (layout only)."""

import pandas as pd
import streamlit as st

from pantau import fmt, privacy, simulasi, ui, ui_daftar, verval_lapangan, wilayah
from pantau.errors import PantauError

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL = W.label_desa_kecil

ui.guard("simulasi")
f = st.session_state["filters"]
KEC_DIPILIH = f["kode_kec"] or (f["kode_kel"] or "")[:8] or None  # a kelurahan alone: its kecamatan
KEC = KEC_DIPILIH or f.get("kode_kab")  # else the kab/kota chosen in a province: its kecamatan
WILAYAH = ui.wilayah_label({"kode_kec": KEC_DIPILIH, "kode_kab": f.get("kode_kab")})

st.title("Simulasi anggaran")
st.caption(f"{WILAYAH} · {fmt.periode(f['periode'])} · Siapa dijangkau lebih dulu?")
st.markdown(
    "Masukkan anggaran dan bentuk bantuannya. Simulasi membandingkan lima cara memilih keluarga "
    "penerima dan menunjukkan, untuk tiap cara, berapa keluarga terjangkau, berapa biayanya, "
    "berapa keluarga terangkat melewati garis kemiskinan ekstrem, dan indeks kemiskinan sesudah "
    "bantuan (P0, P1, P2, sama dengan halaman Beban)."
)
if f["kode_kel"]:
    st.caption(f"Simulasi dihitung untuk seluruh kecamatan dari {KEL} yang dipilih.")

with st.form("simulasi_masukan"):
    c1, c2, c3 = st.columns([2, 2, 1])
    anggaran = c1.number_input(
        "Anggaran (Rp)", min_value=0, value=480_000_000, step=10_000_000, format="%d"
    )
    bentuk = c2.radio(
        "Bentuk bantuan",
        ["Per bulan", "Satu kali"],
        horizontal=True,
        help="Per bulan: mis. Sembako Daerah Rp 200.000 per KPM per bulan. Satu kali: mis. "
        "modal usaha Rp 2.500.000 per KPM.",
    )
    nilai = c1.number_input(
        "Nilai per KPM (Rp; per bulan, atau sekali bayar)",
        min_value=0,
        value=200_000,
        step=50_000,
        format="%d",
    )
    bulan = c3.number_input(
        "Lama (bulan)",
        min_value=1,
        max_value=120,
        value=12,
        help="Bantuan per bulan: berapa bulan dibayar. Bantuan satu kali: dianggap dibelanjakan "
        "merata selama sekian bulan (bawaan 12).",
    )
    sasaran = st.radio(
        "Keluarga yang dipertimbangkan",
        list(simulasi.SASARAN),
        format_func=simulasi.SASARAN.get,
        horizontal=True,
        help="Anggaran kemiskinan ekstrem ditujukan bagi keluarga yang ditandai miskin ekstrem "
        "di daftar periode ini; pilihan pertama memakai semua keluarga dalam daftar "
        "yang punya angka pengeluaran.",
    )
    st.form_submit_button("Hitung simulasi", type="primary")

try:
    params = simulasi.parameter(
        anggaran,
        per_bulan=nilai if bentuk == "Per bulan" else None,
        sekali=nilai if bentuk == "Satu kali" else None,
        bulan=bulan,
        periode=f["periode"],
        kode_kec=KEC,
        sasaran=sasaran,
    )
except PantauError as err:
    st.warning(str(err))
    st.stop()

df = ui.query("simulasi", **params)
if df.empty:
    ui.empty(
        "Periode ini tidak punya keluarga dengan angka pengeluaran; tidak ada yang disimulasikan."
    )
    st.stop()
total = simulasi.kota(df)
awal = total.iloc[0]
SEKALI = bentuk == "Satu kali"
# the families the latest verval found Tidak Layak: left out, said how many and why
why = ui.query(
    "simulasi_dikeluarkan",
    periode=params["periode"],
    kode_kec=params["kode_kec"],
    sasaran=params["sasaran"],
)
st.markdown(
    f"**{fmt.rupiah(params['biaya_per_kpm'])} per KPM** → anggaran "
    f"{fmt.rupiah(params['anggaran'])} cukup untuk paling banyak "
    f"**{fmt.angka(awal['keluarga_maks'])} keluarga**. Dihitung atas "
    f"{fmt.angka(awal['keluarga_dihitung'])} keluarga ({fmt.angka(awal['jiwa_dihitung'])} jiwa) "
    + (
        "yang ditandai miskin ekstrem dan punya angka pengeluaran di daftar periode ini: hanya "
        "keluarga yang ditandai di daftar periode ini yang dipertimbangkan; P0, P1 dan "
        "P2 di bawah ini indeks keluarga-keluarga itu saja, bukan seluruh daftar."
        if params["sasaran"] == "ekstrem"
        else "yang punya angka pengeluaran di daftar periode ini: semua keluarga dalam daftar "
        "dipertimbangkan, juga yang tidak ditandai miskin ekstrem; kolom Di antaranya miskin "
        "ekstrem menunjukkan berapa yang ada di daftar miskin ekstrem."
    )
    + (
        ""
        if pd.isna(awal["ditandai_dihitung"])
        else f" Keluarga yang ditandai miskin ekstrem di daftar periode ini dan dipertimbangkan: "
        f"**{fmt.angka(awal['ditandai_dihitung'])}**."
    )
)
kalimat = simulasi.kalimat_dikeluarkan(why)
if kalimat:
    st.markdown(
        f"**{kalimat}** Keluarga ini tidak dipilih strategi mana pun dan tidak ikut dihitung "
        "dalam P0, P1, P2 (juga sebelum bantuan)."
    )
else:
    st.caption("Tidak ada keluarga yang dikeluarkan oleh hasil verval (Tidak Layak).")


def di_antaranya(n, m, sesudah: str = "") -> str:
    """'N keluarga[ sesudah], di antaranya M miskin ekstrem (daftar)': two figures of the query;
    without M (a list without the extreme flag) the first part alone."""
    teks = f"{fmt.angka(n)} keluarga{sesudah}"
    if pd.isna(m):
        return teks
    return f"{teks}, di antaranya {fmt.angka(m)} miskin ekstrem (daftar)"


def angka_fgt(x) -> str:
    return fmt.angka(x, 2)


shown = total.assign(
    strategi=total["strategi"].map(simulasi.STRATEGI),
    keluarga=total["keluarga"].map(fmt.angka),
    keluarga_ditandai=total["keluarga_ditandai"].map(fmt.angka),
    ditandai_terangkat=total["ditandai_terangkat"].map(fmt.angka),
    biaya_rp=total["biaya_rp"].map(fmt.rupiah),
    sisa_anggaran_rp=total["sisa_anggaran_rp"].map(fmt.rupiah),
    keluarga_terangkat=total["keluarga_terangkat"].map(fmt.angka),
    biaya_per_terangkat_rp=total["biaya_per_terangkat_rp"].map(fmt.rupiah),
    p0=total["p0"].map(lambda x: f"{fmt.angka(x, 2)}%"),
    p1=total["p1"].map(angka_fgt),
    p2=total["p2"].map(angka_fgt),
)[simulasi.KOLOM_KOTA]
# The catalogue's headers (ui.tabel), with what each figure means.
BANTUAN = {
    "keluarga": "Keluarga yang menerima bantuan.",
    "keluarga_ditandai": "Keluarga terjangkau yang ditandai miskin ekstrem di daftar periode "
    "ini; kosong (–) bila daftar periode ini tidak memuat tanda miskin ekstrem.",
    "ditandai_terangkat": "Keluarga terangkat yang ditandai miskin ekstrem di daftar periode ini.",
    "keluarga_terangkat": "Keluarga di bawah garis ekstrem yang sesudah bantuan berada di atas "
    "atau tepat di garis.",
    "biaya_per_terangkat_rp": "Biaya strategi ÷ keluarga terangkat; – bila tidak ada yang "
    "terangkat.",
    "p0": "Persen jiwa di bawah garis ekstrem.",
    "p1": "Kedalaman: rata-rata jarak pengeluaran ke garis (×100).",
    "p2": "Keparahan: jarak kuadrat ke garis, memberi bobot lebih pada yang termiskin.",
}
ui.tabel(shown, "simulasi", bantuan=BANTUAN)

# Which strategy is best on each index: read from the rows as they are (no figure computed).
pilihan = total.iloc[1:]
terbaik_p0 = pilihan.loc[pilihan["p0"].idxmin()]
terbaik_p2 = pilihan.loc[pilihan["p2"].idxmin()]
terbanyak = pilihan.loc[pilihan["keluarga_terangkat"].idxmax()]
if simulasi.semua_terjangkau(total):
    # Every strategy reaches all its candidates: no order chooses anyone, so no card names a
    # "best" strategy (the targeted ones tie).
    st.info(
        "Anggaran cukup untuk semua calon setiap strategi (setiap strategi masih bersisa "
        "anggaran): semua strategi menjangkau semua keluarganya, jadi tidak ada strategi yang "
        "lebih baik karena urutannya. Sesudah bantuan: P0 terendah "
        f"{fmt.angka(terbaik_p0['p0'], 2)}% jiwa (sebelum {fmt.angka(awal['p0'], 2)}%), P2 "
        f"terendah {fmt.angka(terbaik_p2['p2'], 2)} (sebelum {fmt.angka(awal['p2'], 2)})."
    )
else:
    k1, k2, k3 = st.columns(3)
    ui.kpi(k1, "Paling banyak keluarga terangkat", simulasi.STRATEGI[terbanyak["strategi"]])
    k1.caption(
        di_antaranya(
            terbanyak["keluarga_terangkat"],
            terbanyak["ditandai_terangkat"],
            " melewati garis ekstrem",
        )
    )
    ui.kpi(k2, "P0 terendah sesudah bantuan", simulasi.STRATEGI[terbaik_p0["strategi"]])
    k2.caption(
        f"{fmt.angka(terbaik_p0['p0'], 2)}% jiwa miskin (sebelum {fmt.angka(awal['p0'], 2)}%)"
    )
    ui.kpi(k3, "Keparahan (P2) terendah", simulasi.STRATEGI[terbaik_p2["strategi"]])
    k3.caption(f"P2 {fmt.angka(terbaik_p2['p2'], 2)} (sebelum {fmt.angka(awal['p2'], 2)})")
# What "terangkat" means, beside the cards (review item 7): while the transfer lasts; a one-off
# grant is counted as spread-out consumption, which a business grant is not.
ASUMSI = simulasi.asumsi(params, sekali=SEKALI)
teks_asumsi = dict(ASUMSI)
if SEKALI:
    st.warning(
        f"**Bantuan satu kali.** {teks_asumsi['bantuan_satu_kali']} "
        f"{teks_asumsi['terangkat_selama_bantuan']}",
        icon="⚠️",
    )
else:
    st.caption(teks_asumsi["terangkat_selama_bantuan"])
st.caption(
    # with money for everyone the orders choose no one: the trade-off is for a smaller budget
    ("Bila anggaran tidak cukup untuk semua: m" if simulasi.semua_terjangkau(total) else "M")
    + "emilih yang paling dekat di bawah garis mengangkat paling banyak orang melewati garis "
    "(P0 turun paling banyak), tetapi hampir tidak menolong yang termiskin; memilih yang "
    "termiskin menurunkan keparahan (P2) paling banyak, tetapi sedikit yang melewati garis. "
    "Pilihan di antara keduanya adalah keputusan kebijakan, bukan hitungan."
)

with st.expander("Cara tiap strategi memilih keluarga"):
    for key, text in simulasi.PENJELASAN.items():
        st.markdown(f"- **{simulasi.STRATEGI[key]}**: {text}.")

with st.expander("Per kecamatan"):
    kec = df[df["kode_kec"].notna()]
    ui.tabel(
        kec.assign(strategi=kec["strategi"].map(simulasi.STRATEGI)),
        "simulasi",
        ["strategi", "kecamatan", "keluarga", "keluarga_ditandai", "biaya_rp"]
        + ["keluarga_terangkat", "ditandai_terangkat", "biaya_per_terangkat_rp", "p0", "p1", "p2"],
    )

# The comparison itself for Bappeda: the rows above (through privacy, as ui.query gave them)
# and the inputs and assumptions, one workbook.
st.download_button(
    "Unduh XLSX perbandingan strategi",
    simulasi.xlsx_perbandingan(
        df, why, params, SEKALI, WILAYAH, fmt.periode(params["periode"] or f["periode"])
    ),
    file_name=f"simulasi_perbandingan_{f['periode']}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="dl_simulasi_perbandingan",
    on_click="ignore",
    help="Lembar Perbandingan, Per kecamatan, Dikeluarkan verval dan Asumsi (periode, garis, "
    "bantuan, anggaran, wilayah).",
)

st.info(
    "**Apa yang diandaikan simulasi ini.** Bantuan menaikkan pengeluaran per kapita keluarga "
    "sebesar nilai bantuan per bulan ÷ jumlah anggota keluarga (bantuan satu kali dibagi rata "
    "atas jumlah bulan yang diisi, sebagai konsumsi, bukan pendapatan usaha); terangkat berarti "
    "di atas garis selama bantuan berjalan; keluarga tidak mengubah perilaku (tidak bekerja lebih "
    "sedikit, tidak ada bantuan lain yang berubah); pengeluaran yang dipakai adalah angka "
    "yang dilaporkan di daftar keluarga periode ini, dan keluarga tanpa angka pengeluaran "
    "tidak ikut dihitung; keluarga yang hasil verval terakhirnya Tidak Layak dikeluarkan. "
    "Hasilnya perkiraan urutan besar untuk membandingkan strategi, "
    "bukan ramalan angka kemiskinan BPS.",
    icon="ℹ️",
)

# The chosen strategy's families: a named list through the audited export path.
st.subheader("Daftar keluarga satu strategi")
st.caption(
    "Daftar bernama untuk diperiksa di lapangan sebelum diusulkan; setiap unduhan dicatat di "
    "log audit."
)
pilih = st.selectbox(
    "Strategi",
    [k for k in simulasi.STRATEGI if k != "awal"],
    format_func=simulasi.STRATEGI.get,
    key="simulasi_strategi",
)
daftar = ui.query("simulasi_keluarga", **params, strategi=pilih)
filter_ = {**params, "strategi": pilih}
# Every view of a named list is logged, as on Daftar sasaran (ui_daftar): no line, no list.
ui_daftar.catat_lihat("simulasi_keluarga", filter_, daftar)
baris_strategi = total[total["strategi"] == pilih].iloc[0]
st.markdown(
    f"**{di_antaranya(baris_strategi['keluarga'], baris_strategi['keluarga_ditandai'])}** "
    "dijangkau strategi ini."
)
if privacy.masks_identifiers(ui.role()):
    st.caption("NIK dan No KK disamarkan kecuali 4 digit terakhir.")
if not daftar.empty:
    b1, b2, b3 = st.columns([1, 0.9, 1.4], vertical_alignment="center")
    with b1:
        ui_daftar.unduh_xlsx(
            "Unduh XLSX daftar keluarga",
            daftar,
            "simulasi_keluarga",
            f"simulasi_{pilih}_{f['periode']}.xlsx",
            filter_,
            "Simulasi",
            key="dl_simulasi",
        )
    # The same families as the field-verification workbook of Daftar sasaran: one sheet per
    # kelurahan, registered as a list sent out, imported back on the Data page (jenis verval);
    # its progress shows on Daftar sasaran and Data. Behind a toggle as on Daftar sasaran:
    # every file made is a sending in the register.
    if b2.toggle("Siapkan berkas verval", key="simulasi_verval"):
        with b3:
            ui_daftar.unduh_verval(
                "Unduh berkas verval lapangan (XLSX)",
                "simulasi_keluarga",
                filter_,
                f"verval_simulasi_{pilih}_{f['periode']}.xlsx",
                key="dl_simulasi_verval",
                keterangan=verval_lapangan.keterangan_simulasi(params, pilih),
            )
    st.caption(
        f"Berkas verval: keluarga strategi ini untuk petugas lapangan, satu lembar per {KEL} "
        "dalam urutan strategi, dengan kolom Hasil, Alasan, Tanggal Verval, Petugas, Catatan dan "
        "blok tanda tangan lurah (sama dengan berkas di Daftar sasaran). Setiap berkas dicatat "
        "sebagai daftar kiriman; berkas yang sudah diisi diimpor di halaman Data (jenis data "
        "verval), dan kemajuannya tampil di Daftar sasaran dan Data."
    )
    ui.tabel(daftar.drop(columns=["kode_kel"]).head(200), "simulasi_keluarga")
    if len(daftar) > 200:
        st.caption(f"Tampil 200 keluarga pertama dari {fmt.angka(len(daftar))}; unduh untuk semua.")

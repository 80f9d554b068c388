"""Bantuan: which extreme-poor families the programmes reach, how well aid is targeted, what was
paid and what came of modal usaha and KUBE (strategies 1 and 2). Each section is a named query,
its words (pantau.bantuan_cakupan, _sasaran, _penyaluran, _efek, _kube) and a chart builder."""

import pandas as pd
import streamlit as st

from pantau import bantuan_cakupan as cakupan
from pantau import bantuan_efek as efek
from pantau import bantuan_kube as kube
from pantau import bantuan_penyaluran as salur
from pantau import bantuan_sasaran as sasaran
from pantau import fmt, pembeda, ui, wilayah
from pantau.bantuan_kata import tahun_berjalan
from pantau.charts import bantuan as cb
from pantau.charts import efek as cb_efek

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL = W.label_desa_kecil

ui.guard("bantuan")

f = st.session_state["filters"]
AREA = {"periode": f["periode"], **ui.area(f)}  # a chosen kab/kota when no kecamatan is
PERIODE = fmt.periode(f["periode"])
WILAYAH = ui.wilayah_label(f)
TAHUN_BERJALAN = tahun_berjalan(f["periode"])


def judul_halaman() -> None:
    st.title("Bantuan: cakupan & hasil")
    st.caption(f"{WILAYAH} · {PERIODE} · Strategi 1 (beban pengeluaran) dan 2 (pendapatan)")


# --- coverage --------------------------------------------------------------------------------


def ringkasan(prog: pd.DataFrame, tepat: pd.DataFrame) -> None:
    r = cakupan.ringkasan(prog, tepat)
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(c1, "Keluarga miskin ekstrem", r.keluarga)
    ui.kpi(c2, "Cakupan bansos (strategi 1)", r.cakupan_bansos, help=cakupan.BANTU_BANSOS)
    ui.kpi(c3, "Bansos dibayar", r.bansos_dibayar, help=cakupan.BANTU_DIBAYAR)
    ui.kpi(
        c4,
        "Kesalahan eksklusi (daftar ekstrem)",
        r.kesalahan_eksklusi,
        inverse=True,
        help=cakupan.BANTU_EKSKLUSI,
    )


def cakupan_program(prog: pd.DataFrame) -> None:
    st.subheader("Cakupan per program")
    df = cakupan.baris_program(prog)
    fig = cb.share_hbar(
        df,
        "cakupan",
        "baris",
        cakupan.judul_program(prog, PERIODE),
        text="label",
        labels={"cakupan": "Cakupan (% keluarga miskin ekstrem)", "baris": ""},
        height=max(300, 44 * len(df) + 140),
    )
    ui.chart(fig, prog, "bantuan_cakupan_program")
    st.caption(cakupan.KETERANGAN_PROGRAM)


def cakupan_kelurahan(programs: list[str]) -> None:
    if f["kode_kel"]:  # one kelurahan: the grid would repeat the bars above
        return
    kel = ui.query("bantuan_cakupan_kelurahan", **AREA)
    if kel.empty:
        return
    n_unit = kel["kode_kel"].nunique()
    if n_unit > cakupan.GRID_MAKS:
        st.info(cakupan.terlalu_banyak(n_unit, KEL))
        return
    kel = cakupan.sel_kelurahan(kel)
    fig = cb.coverage_grid(
        kel,
        "program",
        "baris",
        "cakupan",
        "label",
        pembeda.judul_cakupan_kelurahan(kel, WILAYAH, f["periode"]),
        x_order=programs,
        y_order=list(dict.fromkeys(kel["baris"])),
        hover="tip",
    )
    ui.chart(fig, kel.drop(columns=["label", "tip", "baris"]), "bantuan_cakupan_kelurahan")
    st.caption(cakupan.keterangan_grid(KEL))


def kombinasi() -> None:
    st.subheader("Tumpang tindih program")
    df = ui.query("bantuan_kombinasi", **AREA)
    fig = cb.count_hbar(
        cakupan.label_kombinasi(df),
        "keluarga",
        "kombinasi",
        cakupan.judul_kombinasi(df, PERIODE),
        text="label",
        labels={"keluarga": "Keluarga miskin ekstrem", "kombinasi": ""},
        highlight=cakupan.TANPA,
        muted_prefix="Kombinasi lain",
    )
    ui.chart(fig, df, "bantuan_kombinasi")
    st.caption(cakupan.KETERANGAN_KOMBINASI)


# --- targeting -------------------------------------------------------------------------------


def ketepatan(df: pd.DataFrame) -> None:
    st.subheader("Ketepatan sasaran")
    st.markdown(sasaran.CARA_MENILAI)
    st.markdown(sasaran.terhadap_daftar(df, W.jenis, PERIODE))
    per = sasaran.per_program(df)
    if per.empty:
        ui.download(df, "bantuan_ketepatan_sasaran")
        return
    st.markdown(sasaran.PENGANTAR_SYARAT)
    fig = cb.share_hbar(
        sasaran.batang(per),
        "nilai",
        "baris",
        sasaran.judul(per, PERIODE),
        text="label",
        color="jenis",
        barmode="group",
        labels={"nilai": "Kesalahan (%)", "baris": "", "jenis": ""},
        height=max(300, 60 * len(per) + 140),
    )
    fig.for_each_trace(lambda t: t.update(textposition=sasaran.posisi_label(t.x)))
    ui.chart(fig, df, "bantuan_ketepatan_sasaran")
    ui.tabel_teks(sasaran.dengan_kuota(per), "bantuan_ketepatan_sasaran", sasaran.KOLOM_TABEL)
    st.caption(sasaran.KETERANGAN_TABEL)


def cakupan_dan_sasaran() -> None:
    """Coverage, overlap and targeting, or why this period's list cannot give them."""
    prog = ui.query("bantuan_cakupan_program", **AREA)
    tepat = ui.query("bantuan_ketepatan_sasaran", **AREA)
    daftar = ui.query("periode_list")
    ada = daftar["dataset"].str.contains("keluarga").loc[daftar["periode"] == f["periode"]].any()
    if not ada:
        ui.empty(
            f"Belum ada daftar keluarga untuk {PERIODE}: cakupan, tumpang tindih program dan "
            "ketepatan sasaran tidak dapat dihitung."
        )
    elif tepat.empty:
        ui.empty(
            f"Daftar {PERIODE} tidak memuat tanda miskin ekstrem maupun desil: cakupan, tumpang "
            "tindih program dan ketepatan sasaran tidak dapat dihitung terhadap daftar ini."
        )
    elif prog.empty:
        ui.empty(
            f"Tidak ada keluarga miskin ekstrem dalam daftar {PERIODE} di {WILAYAH}: cakupan "
            "dan tumpang tindih program tidak dapat dihitung."
        )
        ketepatan(tepat)
    else:
        ringkasan(prog, tepat)
        cakupan_program(prog)
        cakupan_kelurahan(cakupan.program_grid(prog))
        kombinasi()
        ketepatan(tepat)


# --- disbursement ----------------------------------------------------------------------------


def penyaluran() -> None:
    st.subheader(salur.judul_bagian(TAHUN_BERJALAN))
    st.caption(salur.keterangan_jendela(TAHUN_BERJALAN))
    df = ui.query("bantuan_program_dana", **AREA)
    if df.empty:
        ui.empty(salur.belum_ada(TAHUN_BERJALAN, WILAYAH))
        return
    df = salur.dengan_baris(df)
    rp_per_kpm(df)
    status_penyaluran(df)
    ui.tabel_teks(df, "bantuan_program_dana", salur.KOLOM_TABEL)
    per_wilayah()


def rp_per_kpm(df: pd.DataFrame) -> None:
    paid = salur.dibayar(df)
    if paid.empty:
        return
    fig = cb.count_hbar(
        paid,
        "rp_per_kpm",
        "baris",
        salur.judul_rp_per_kpm(paid, TAHUN_BERJALAN),
        text="label",
        labels={"rp_per_kpm": "Rp per KPM (tersalur)", "baris": ""},
        rupiah=True,
    )
    ui.chart(fig, df.drop(columns="baris"), "bantuan_rp_per_kpm")


def status_penyaluran(df: pd.DataFrame) -> None:
    shares = salur.porsi_status(df)
    fig = cb.status_bar(shares, "baris", salur.judul_status(shares, TAHUN_BERJALAN))
    ui.chart(fig, df.drop(columns="baris"), "bantuan_status_penyaluran")


def per_wilayah() -> None:
    df = ui.query("bantuan_per_wilayah", **AREA)
    st.markdown(salur.judul_wilayah(TAHUN_BERJALAN))
    ui.tabel_teks(df, "bantuan_per_wilayah", salur.KOLOM_WILAYAH)
    st.caption(salur.keterangan_wilayah(KEL, W.jenis))
    ui.download(df, "bantuan_per_wilayah")


# --- outcomes --------------------------------------------------------------------------------


def dampak(name: str, sampel_name: str, penerima: str, ikut: str, kunci: str) -> None:
    """One strategy-2 programme against matched non-participants: who is compared, exits,
    then income, then how to read them."""
    kalimat = efek.kalimat_sampel(ui.query(sampel_name, **AREA), penerima, PERIODE)
    if kalimat:
        st.markdown(kalimat)
    df = ui.query(name, **AREA)
    e = efek.baca(df, penerima)
    if e is None:
        ui.empty(efek.belum_ada(penerima, PERIODE, WILAYAH))
        return
    if not e.teramati:
        ui.empty(efek.belum_teramati(e, PERIODE, WILAYAH))
        return
    st.info(efek.BUKAN_ACAK.format(penerima=penerima))
    for col, (label, value, bantu) in zip(st.columns(4), efek.angka_kunci(e), strict=True):
        ui.kpi(col, label, value, help=bantu)
    keluar(df, e, ikut, kunci)
    pendapatan(df, e, kunci)
    st.markdown(efek.ASUMSI_EFEK.format(penerima=penerima, ikut=ikut, kel=KEL))


def keluar(df: pd.DataFrame, e: efek.Efek, ikut: str, kunci: str) -> None:
    fig = cb_efek.kaplan_meier(df, efek.judul_keluar(e, PERIODE), efek.nama_kelompok(e))
    ui.chart(fig, df[df["jenis"] == "km"], f"{kunci}_km")
    st.caption(efek.keterangan_keluar(e))
    kalimat = efek.kalimat_daftar(df, e)
    if kalimat:
        st.markdown(kalimat)
    st.markdown(efek.SENSOR.format(ikut=ikut))
    tabel = efek.tabel_kepekaan(df)
    if tabel is not None:
        st.markdown(efek.KEPEKAAN_JUDUL)
        st.dataframe(tabel, hide_index=True, width="stretch")


def pendapatan(df: pd.DataFrame, e: efek.Efek, kunci: str) -> None:
    if not efek.ada_pendapatan(e):
        ui.empty(efek.TANPA_PENDAPATAN)
        return
    fig = cb_efek.event_study(df, efek.judul_pendapatan(e))
    ui.chart(fig, df[df["jenis"] == "event"], f"{kunci}_event")
    st.caption(efek.keterangan_pendapatan(e))
    tabel = efek.tabel_kohort(df, e.penerima)
    if tabel is not None:
        st.dataframe(tabel, hide_index=True, width="stretch")


def modal_usaha() -> None:
    st.markdown("#### Modal usaha: keluar dari kemiskinan ekstrem dan pendapatan")
    dampak(
        "bantuan_modal_usaha_efek",
        "bantuan_modal_usaha_sampel",
        "penerima modal usaha",
        "menerima modal usaha",
        "modal",
    )


def kube_bagian() -> None:
    st.markdown("#### Kelompok Usaha Bersama (KUBE)")
    df = ui.query("kube_tren", **AREA)
    if df.empty:
        ui.empty(kube.belum_ada(PERIODE, WILAYAH))
        return
    for col, (label, value, bantu) in zip(st.columns(3), kube.angka_kunci(df), strict=True):
        ui.kpi(col, label, value, help=bantu)
    fig = cb.trend(
        kube.tren_tampil(df),
        "periode",
        "kelompok_aktif",
        "omzet_bulanan_median",
        kube.judul_tren(df),
        "KUBE aktif (kelompok)",
        "Omzet median (Rp per bulan)",
    )
    ui.chart(fig, df, "kube_tren")
    st.markdown(kube.JUDUL_EFEK)
    dampak("kube_efek", "kube_sampel", "anggota KUBE", "menjadi anggota KUBE", "kube")
    st.caption(kube.KETERANGAN_MULAI)
    with st.expander("Daftar KUBE"):
        groups = ui.query("kube_kelompok", **AREA)
        ui.tabel_teks(kube.kelompok_tampil(groups), "kube_kelompok", kube.KOLOM_KELOMPOK)
        ui.download(groups, "kube_kelompok")


def hasil() -> None:
    st.subheader("Hasil: modal usaha dan KUBE")
    modal_usaha()
    kube_bagian()


# --- page ------------------------------------------------------------------------------------

judul_halaman()
cakupan_dan_sasaran()
penyaluran()
hasil()

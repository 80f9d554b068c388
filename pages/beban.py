"""Beban pengeluaran & pendapatan: spending per person against the extreme line, the burden ratios
and the FGT indices of the period's listed families (strategy 1, reduce the spending burden).
"""

import numpy as np
import pandas as pd
import streamlit as st

from pantau import daftar, fmt, pembeda, ui, wilayah
from pantau.charts import beban as charts_beban
from pantau.report import daerah

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL, KEL_B = W.label_desa_kecil, W.label_desa

SK = daerah.sk_daftar(W)  # 'SK Wali Kota', 'SK Bupati', 'SK Bupati/Wali Kota' (a province)

ui.guard("beban")
f = st.session_state["filters"]
AREA = {"periode": f["periode"], **ui.area(f)}  # a chosen kab/kota when no kecamatan is
PERIODE = fmt.periode(f["periode"])
WILAYAH = ui.wilayah_label(f)
# In a province the FGT bars are per kab/kota, or per kecamatan of the kab/kota chosen; its desa
# chart needs a kab/kota at least (8.494 desa/kelurahan are no chart).
KAB_FGT = f.get("kode_kab") if W.adalah_provinsi else None
# the kecamatan of the desa chart: a kelurahan alone implies its kecamatan; else the kab/kota
KEC_FGT = f["kode_kec"] or (f["kode_kel"] or "")[:8] or KAB_FGT or None
FGT_AREA = {"kode_kec": KAB_FGT} if KAB_FGT else {}

st.title("Beban pengeluaran & pendapatan")
st.caption(f"{WILAYAH} · {PERIODE} · Strategi 1: mengurangi beban pengeluaran")


def persen_fgt(x) -> str:
    return "–" if pd.isna(x) else f"{fmt.angka(x, 2)}%"


def fgt_wilayah(kec: pd.DataFrame, kel: pd.DataFrame):
    """The FGT row of the chosen area: a kelurahan, a kecamatan or the city."""
    if f["kode_kel"]:
        rows = kel[kel["kode_kel"] == f["kode_kel"]]
    elif f["kode_kec"]:
        rows = kec[kec["kode_kec"] == f["kode_kec"]]
    else:
        rows = kec[kec["kode_kec"].isna()]
    return rows.iloc[0] if len(rows) else pd.Series({"p0": None, "p1": None, "p2": None})


def ringkasan(r, kec: pd.DataFrame, kel: pd.DataFrame) -> None:
    st.caption(
        daftar.garis(r) + " Pengeluaran per kapita = pengeluaran keluarga sebulan ÷ jumlah anggota."
    )
    for warning in daftar.peringatan_banding(r):
        st.warning(warning, icon="⚠️")
    row = fgt_wilayah(kec, kel)
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(
        c1,
        "P0 ekstrem (jiwa dalam daftar)",
        persen_fgt(row["p0"]),
        help="Persen jiwa dalam keluarga di daftar yang pengeluaran per kapitanya di bawah garis "
        "ekstrem. " + daftar.BUKAN_BPS,
    )
    ui.kpi(
        c2,
        "P1 ekstrem (kedalaman, daftar)",
        fmt.angka(row["p1"], 2),
        help="Rata-rata jarak pengeluaran per kapita ke garis ekstrem, dalam persen garis, atas "
        "jiwa dalam daftar. " + daftar.BUKAN_BPS,
    )
    ui.kpi(
        c3,
        "P2 ekstrem (keparahan, daftar)",
        fmt.angka(row["p2"], 2),
        help="Kuadrat jarak ke garis ekstrem: makin tinggi, makin timpang di antara yang di bawah "
        "garis, atas jiwa dalam daftar. " + daftar.BUKAN_BPS,
    )
    if r["berstatus_ekstrem"]:
        ui.kpi(
            c4,
            "Keluarga ekstrem di bawah garis" + (" *" if r["dasar_kecil"] else ""),
            fmt.persen(r["bagian_miskin_ekstrem_di_bawah_garis"]),
            help=f"{fmt.angka(r['keluarga_miskin_ekstrem_di_bawah_garis'])} dari "
            f"{fmt.angka(r['keluarga_miskin_ekstrem_dengan_pengeluaran'])} keluarga miskin "
            "ekstrem yang punya angka pengeluaran; selang 95 % (Wilson, keluarga sebagai "
            f"satuan): {_selang_persen(r)}."
            + (" Hati-hati: dasar kecil (kurang dari 30 keluarga)." if r["dasar_kecil"] else ""),
        )
    st.caption(f"{daftar.daftar_dan_sumber(r)} **{daftar.BUKAN_BPS}**")
    if not r["berstatus_ekstrem"]:
        st.info(
            daftar.tanpa_tanda(
                r["periode"],
                r["sumber_daftar"],
                r["keluarga"],
                "bagiannya yang di bawah garis dan rasio bebannya",
            )
            + " P0, P1 dan P2 di bawah ini tetap dihitung atas jiwa dalam daftar ini saja.",
            icon="ℹ️",
        )
    if r["keluarga_tanpa_pengeluaran"] > 0:
        st.caption(
            f"{fmt.angka(r['keluarga_tanpa_pengeluaran'])} dari {fmt.angka(r['keluarga'])} keluarga "
            "dalam daftar tidak punya angka pengeluaran (kosong atau 0) dan tidak dihitung dalam "
            "ukuran pengeluaran di halaman ini."
        )


def _selang_persen(r) -> str:
    lo, hi = (
        r["bagian_miskin_ekstrem_di_bawah_garis_bawah"],
        r["bagian_miskin_ekstrem_di_bawah_garis_atas"],
    )
    if isinstance(lo, str) or isinstance(hi, str):
        return lo if isinstance(lo, str) else hi
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{fmt.persen(lo)}–{fmt.persen(hi)}"


def sebaran_pengeluaran(r) -> None:
    st.subheader("Pengeluaran per kapita terhadap garis ekstrem")
    bins = ui.query("beban_histogram", **AREA)
    if bins.empty:
        ui.empty(f"Tidak ada keluarga dengan angka pengeluaran di {WILAYAH} pada {PERIODE}.")
        return
    title = (
        f"{fmt.persen(r['bagian_miskin_ekstrem_di_bawah_garis'])} keluarga miskin ekstrem "
        f"berpengeluaran per kapita di bawah garis ekstrem (keluarga, {WILAYAH}, {PERIODE})"
        if pd.notna(r["bagian_miskin_ekstrem_di_bawah_garis"])
        else f"Sebaran pengeluaran per kapita keluarga dalam daftar (keluarga, {WILAYAH}, {PERIODE})"
    )
    fig = charts_beban.histogram_kelipatan(bins, title, r["garis_ekstrem"])
    ui.chart(fig, bins, "beban_histogram")


def rekonsiliasi() -> None:
    st.subheader("Dua hitungan miskin ekstrem: daftar bertanda dan pengeluaran di bawah garis")
    df = ui.query("beban_rekonsiliasi", **AREA)
    if df.empty:
        return
    r = df.iloc[0]
    if not r["ada_tanda_ekstrem"]:
        st.caption(
            f"Daftar {PERIODE} tidak memuat tanda miskin ekstrem, jadi hanya ada satu hitungan: "
            f"{fmt.angka(r['keluarga_di_bawah_garis'])} keluarga "
            f"({fmt.angka(r['jiwa_di_bawah_garis'])} jiwa) berpengeluaran per kapita di bawah "
            "garis ekstrem."
        )
        return
    c1, c2 = st.columns(2)
    ui.kpi(
        c1,
        "Ditandai miskin ekstrem di daftar periode ini",
        f"{fmt.angka(r['jiwa_ditandai'])} jiwa",
        help=f"{fmt.angka(r['keluarga_ditandai'])} keluarga bertanda miskin ekstrem dalam "
        f"daftar {PERIODE}.",
    )
    ui.kpi(
        c2,
        "Di bawah garis ekstrem (pengeluaran)",
        f"{fmt.angka(r['jiwa_di_bawah_garis'])} jiwa",
        help=f"{fmt.angka(r['keluarga_di_bawah_garis'])} keluarga dalam daftar {PERIODE} yang "
        "pengeluaran per kapitanya di bawah garis ekstrem, bertanda atau tidak.",
    )
    st.caption(
        "Dua hitungan yang berbeda: tanda miskin ekstrem berasal dari daftar yang ditetapkan "
        f"({SK}, diperbarui lewat verval), sedangkan pengeluaran per kapita di bawah garis "
        "adalah ukuran dari angka pengeluaran dalam daftar. Selisihnya adalah pekerjaan verval:"
    )
    parts = [
        ("ditandai_di_bawah", "Ditandai dan di bawah garis", None),
        ("ditandai_di_atas", "Ditandai, tetapi di atas garis: calon graduasi", True),
        ("ditandai_tanpa_pengeluaran", "Ditandai, tanpa angka pengeluaran", True),
        ("di_bawah_tidak_ditandai", "Di bawah garis, belum ditandai: calon usulan/verval", False),
    ]
    tabel = pd.DataFrame(
        {
            "Kelompok": [label for _, label, _ in parts],
            "Keluarga": [fmt.angka(r[f"keluarga_{key}"]) for key, _, _ in parts],
            "Jiwa": [fmt.angka(r[f"jiwa_{key}"]) for key, _, _ in parts],
        }
    )
    st.dataframe(tabel, hide_index=True, width="stretch")
    cols = st.columns(2)
    for col, (key, label, ekstrem) in zip(cols, [parts[1], parts[3]], strict=True):
        with col:
            ui.ke_daftar(
                f"Buka daftar: {label.split(':')[0].lower()}",
                key,
                s_rekon=key,
                s_ekstrem=bool(ekstrem),
            )


# Review S4: self-reported income is a weak field, so "pengeluaran > pendapatan" is as much a
# data-quality signal as a burden; said on the page face, beside the figure and the scatter.
PENDAPATAN_LEMAH = (
    '**Angka pendapatan lemah: baca "pengeluaran > pendapatan" dengan hati-hati.** '
    "Pendapatan yang dilaporkan sendiri bukan isian baku DTKS/P3KE, dan kemungkinan besar "
    "dilaporkan lebih rendah dari kenyataan (penghasilan tidak tetap, kiriman keluarga, bantuan "
    "dan usaha kecil sering tidak tercatat). Jadi bagian keluarga yang pengeluarannya melebihi "
    "pendapatan menunjukkan di mana data pendapatan lemah, tidak hanya di mana bebannya berat; "
    "angka ini bukan jumlah keluarga yang berutang."
)


def rasio() -> None:
    st.subheader("Pengeluaran, pendapatan, pangan dan bantuan")
    df = ui.query("beban_rasio", **AREA)
    total = df[df["tingkat"] == "total"].set_index("kelompok")
    if not RING["berstatus_ekstrem"]:
        ui.empty(
            f"Rasio beban keluarga miskin ekstrem tidak dihitung untuk {PERIODE}: daftar ini "
            "tidak menandai keluarga miskin ekstrem (lihat keterangan di atas)."
        )
        return
    if "Miskin ekstrem" not in total.index:
        ui.empty(f"Tidak ada keluarga miskin ekstrem di {WILAYAH} pada {PERIODE}.")
        return
    me = total.loc["Miskin ekstrem"]
    st.caption(
        f"Keluarga miskin ekstrem di {WILAYAH}, {PERIODE}: nilai tengah (median), kecuali bagian "
        "keluarga yang pengeluarannya melebihi pendapatan. Angka keluarga lain dalam daftar ada "
        "di keterangan (?) tiap angka."
    )
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(
        c1,
        "Pengeluaran ÷ pendapatan",
        _kali(me["median_rasio_pengeluaran_pendapatan"]),
        help="Keluarga miskin ekstrem berpendapatan di atas 0. "
        + _lain(total, "median_rasio_pengeluaran_pendapatan", _kali),
    )
    ui.kpi(
        c2,
        "Pengeluaran > pendapatan",
        fmt.persen(me["bagian_pengeluaran_melebihi_pendapatan"]),
        help="Bagian keluarga miskin ekstrem yang punya angka pendapatan dan pengeluaran. "
        "Pendapatan dilaporkan sendiri (bukan isian baku DTKS/P3KE) dan cenderung terlalu rendah. "
        + _lain(total, "bagian_pengeluaran_melebihi_pendapatan", fmt.persen),
    )
    ui.kpi(
        c3,
        "Porsi pangan",
        fmt.persen(me["median_porsi_pangan"]),
        help="Pengeluaran pangan ÷ pengeluaran sebulan. "
        + _lain(total, "median_porsi_pangan", fmt.persen),
    )
    ui.kpi(
        c4,
        "Porsi tertutup bantuan",
        fmt.persen(me["median_porsi_bantuan"]),
        help="Bantuan tersalur dalam 12 bulan sampai akhir periode ÷ 12, dibagi pengeluaran sebulan. "
        + _lain(total, "median_porsi_bantuan", fmt.persen),
    )
    st.warning(PENDAPATAN_LEMAH, icon="⚠️")
    per = df[df["tingkat"] != "total"]
    tabs = st.tabs(["Pengeluaran ÷ pendapatan", "Porsi pangan", "Porsi tertutup bantuan"])
    with tabs[0]:
        _rasio_chart(per, "median_rasio_pengeluaran_pendapatan", me, "rasio pengeluaran")
    with tabs[1]:
        _rasio_chart(per, "median_porsi_pangan", me, "porsi pangan")
    with tabs[2]:
        _rasio_chart(per, "median_porsi_bantuan", me, "porsi bantuan")


def _kali(x) -> str:
    return "–" if pd.isna(x) else f"{fmt.angka(x, 2)}×"


def _lain(total: pd.DataFrame, col: str, fmt_fn) -> str:
    if "Bukan miskin ekstrem" not in total.index:
        return ""
    return f"Keluarga lain dalam daftar: {fmt_fn(total.loc['Bukan miskin ekstrem', col])}."


RASIO = {
    "median_rasio_pengeluaran_pendapatan": (
        "Median pengeluaran ÷ pendapatan",
        False,
        1.0,
        "pengeluaran = pendapatan",
        "Pengeluaran keluarga miskin ekstrem {v} pendapatannya (median, {p})",
    ),
    "median_porsi_pangan": (
        "Median porsi pangan dalam pengeluaran",
        True,
        None,
        "",
        "Pangan menyerap {v} pengeluaran keluarga miskin ekstrem (median, {p})",
    ),
    "median_porsi_bantuan": (
        "Median porsi pengeluaran yang tertutup bantuan",
        True,
        None,
        "",
        "Bantuan menutup {v} pengeluaran bulanan keluarga miskin ekstrem (median, {p})",
    ),
}


def _rasio_chart(per: pd.DataFrame, col: str, me, key: str) -> None:
    label, persen, acuan, acuan_label, finding = RASIO[col]
    value = me[col]
    shown = fmt.persen(value) if persen else _kali(value)
    title = finding.format(v=shown, p=f"{WILAYAH}, {PERIODE}")
    data = per[["wilayah", "kelompok", "keluarga", col]]
    fig = charts_beban.rasio_wilayah(data, col, title, label, persen, acuan, acuan_label)
    ui.chart(fig, data, f"beban_{key.replace(' ', '_')}")


def fgt(kec: pd.DataFrame, kel: pd.DataFrame) -> None:
    st.subheader("Indeks FGT ekstrem atas jiwa dalam daftar (P0, P1, P2)")
    st.caption(
        "Dihitung per jiwa: tiap keluarga berbobot jumlah anggotanya. P0 = persen jiwa di bawah "
        "garis ekstrem; P1 dan P2 memakai rumus BPS (×100). Keluarga tanpa angka pengeluaran "
        f"tidak dihitung. **{daftar.BUKAN_BPS}** {daftar.daftar_dan_sumber(RING)}"
    )
    if kec.empty:
        ui.empty(f"Tidak ada keluarga dengan angka pengeluaran pada {PERIODE}.")
        return
    city = kec[kec["kode_kec"].isna()].iloc[0]
    per_kec = kec[kec["kode_kec"].notna()]
    # No "tertinggi" per kecamatan (BPS re-review N5): fgt gives no interval per kecamatan, so
    # the title gives the range, not a rank.
    rentang = ui.query("fgt_rentang", periode=f["periode"], **FGT_AREA).iloc[0]
    lo, hi = rentang["p0_terendah"], rentang["p0_tertinggi"]
    unit = "kabupaten/kota" if W.adalah_provinsi and not KAB_FGT else "kecamatan"
    title = (
        f"{persen_fgt(city['p0'])} jiwa dalam daftar {city['kecamatan']} di bawah garis ekstrem; "
        f"per {unit} {persen_fgt(lo)}–{persen_fgt(hi)} ({PERIODE})"
        if len(per_kec) > 1
        else f"{persen_fgt(city['p0'])} jiwa dalam daftar {city['kecamatan']} di bawah garis "
        f"ekstrem ({PERIODE})"
    )
    ui.chart(charts_beban.fgt_kecamatan(kec, title), kec, "fgt")
    _fgt_kelurahan(kel)


def _fgt_kelurahan(kel: pd.DataFrame) -> None:
    if W.adalah_provinsi and not KEC_FGT:
        ui.empty(f"Pilih kabupaten/kota di samping untuk melihat P0 per {KEL} beserta selangnya.")
        return
    data = kel[kel["p0"].notna()]
    if data.empty:
        ui.empty(f"Tidak ada {KEL} dengan angka pengeluaran di {WILAYAH} pada {PERIODE}.")
        return
    where = ui.wilayah_label({"kode_kec": KEC_FGT}) if KEC_FGT else W.nama
    title = pembeda.judul_p0_kelurahan(data, where, f["periode"])
    fig = charts_beban.fgt_kelurahan(data, title, f["kode_kel"])
    ui.chart(fig, kel, "fgt_kelurahan")
    st.caption(SELANG_P0)
    st.dataframe(_tabel_fgt(kel), hide_index=True, width="stretch")


SELANG_P0 = (
    f"**Selang 95 %** P0 per {KEL}: anggota satu keluarga berbagi pengeluaran per kapita yang "
    "sama, jadi mereka bukan pengamatan yang saling lepas; selang dihitung dengan keluarga "
    "sebagai gugus (jumlah jiwa efektif = jiwa ÷ efek desain, lalu metode Wilson). Daftar adalah "
    "pencacahan lengkap, bukan sampel: selang bertumpu pada model proses acak dan menunjukkan "
    "seberapa jauh angka bisa bergeser karena kebetulan pada dasar sekecil itu. Selang yang "
    "tumpang tindih berarti perbedaannya bisa saja kebetulan; selang yang tidak tumpang tindih "
    "bukan bukti pasti berbeda. Tanda * = hati-hati: dasar kecil (kurang dari 30 keluarga "
    "dengan angka pengeluaran)."
)


def _tabel_fgt(kel: pd.DataFrame) -> pd.DataFrame:
    """The kelurahan FGT table in Indonesian number format, highest P0 first."""
    data = kel.assign(_urut=pd.to_numeric(kel["p0"], errors="coerce")).sort_values(
        "_urut", ascending=False, na_position="last"
    )
    return pd.DataFrame(
        {
            KEL_B: [
                f"{n} *" if isinstance(k, bool | np.bool_) and k else n
                for n, k in zip(data["kelurahan"], data["dasar_kecil"], strict=True)
            ],
            "Keluarga dihitung": data["keluarga_dihitung"].map(fmt.angka),
            "Jiwa dihitung": data["jiwa_dihitung"].map(fmt.angka),
            "P0 ekstrem (% jiwa)": data["p0"].map(lambda x: fmt.angka(x, 2)),
            "P0: selang 95 %": [
                _selang_p0(lo, hi) for lo, hi in zip(data["p0_bawah"], data["p0_atas"], strict=True)
            ],
            "P1": data["p1"].map(lambda x: fmt.angka(x, 2)),
            "P2": data["p2"].map(lambda x: fmt.angka(x, 2)),
            "Keluarga tanpa angka pengeluaran": data["keluarga_tanpa_pengeluaran"].map(fmt.angka),
        }
    )


def _selang_p0(lo, hi) -> str:
    if isinstance(lo, str) or isinstance(hi, str):
        return lo if isinstance(lo, str) else hi
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{fmt.angka(lo, 1)}–{fmt.angka(hi, 1)}%"


def sampel(r) -> None:
    st.subheader("Pendapatan dan pengeluaran per kapita")
    df = ui.query("beban_sebaran", **AREA)
    if df.empty:
        ui.empty(f"Tidak ada keluarga dengan angka pendapatan dan pengeluaran di {WILAYAH}.")
        return
    rasio_df = ui.query("beban_rasio", **AREA)
    me = rasio_df[(rasio_df["tingkat"] == "total") & (rasio_df["kelompok"] == "Miskin ekstrem")]
    share = me["bagian_pengeluaran_melebihi_pendapatan"].iloc[0] if len(me) else None
    title = (
        f"{fmt.persen(share)} keluarga miskin ekstrem mencatat pengeluaran melebihi pendapatan "
        f"yang dilaporkan: tanda data pendapatan lemah maupun beban (Rp per jiwa per bulan, "
        f"{WILAYAH}, {PERIODE})"
        if share is not None and pd.notna(share)
        else f"Pendapatan dan pengeluaran per kapita (Rp per jiwa per bulan, {WILAYAH}, {PERIODE})"
    )
    ui.chart(charts_beban.sebaran(df, title, r["garis_ekstrem"]), df, "beban_sebaran")
    counts = ui.query("beban_sebaran_sampel", **AREA)
    st.caption(
        "Sampel tetap tanpa nama (dipilih dengan hash No KK, sama di setiap tampilan): "
        + "; ".join(
            f"{fmt.angka(n)} dari {fmt.angka(total)} keluarga {k.lower()}"
            for k, n, total in zip(
                counts["kelompok"],
                counts["keluarga_sampel"],
                counts["keluarga_kelompok"],
                strict=True,
            )
        )
        + ". Titik di atas garis titik-titik: pengeluaran melebihi pendapatan."
    )
    st.caption(PENDAPATAN_LEMAH)


ring = RING = ui.query("beban_ringkasan", **AREA).iloc[0]
if ring["keluarga"] == 0:
    ui.empty(f"Belum ada keluarga dalam daftar di {WILAYAH} untuk periode {PERIODE}.")
elif ring["keluarga_tanpa_pengeluaran"] == ring["keluarga"]:
    ui.empty(
        f"Daftar {PERIODE} di {WILAYAH} ({fmt.angka(ring['keluarga'])} keluarga) tidak memuat "
        "angka pengeluaran, jadi beban pengeluaran dan indeks FGT tidak dapat dihitung."
    )
    if not ring["berstatus_ekstrem"]:
        st.info(
            daftar.tanpa_tanda(f["periode"], ring["sumber_daftar"], ring["keluarga"], "bebannya"),
            icon="ℹ️",
        )
elif pd.isna(ring["garis_ekstrem"]):
    ui.empty(
        f"Tabel garis kemiskinan belum memuat garis ekstrem untuk tahun {f['periode'][:4]} "
        "atau sebelumnya."
    )
else:
    fgt_kec = ui.query("fgt", periode=f["periode"], **FGT_AREA)
    fgt_kel = (
        ui.query("fgt_kelurahan", periode=f["periode"], kode_kec=KEC_FGT)
        if KEC_FGT or not W.adalah_provinsi
        else pd.DataFrame(columns=["kode_kel", "p0", "p1", "p2"])
    )
    ringkasan(ring, fgt_kec, fgt_kel)
    rekonsiliasi()
    sebaran_pengeluaran(ring)
    rasio()
    fgt(fgt_kec, fgt_kel)
    sampel(ring)

"""Ringkasan: progress at a glance for department heads, along the three strategies.

The page lays out named queries section by section; the sentences and tables it shows are
built in pantau/ringkasan_* (angka, wilayah, prioritas, modal, verval, tren, umur, skor)."""

from pathlib import Path

import pandas as pd
import streamlit as st

from pantau import audit, fmt, privacy, ui, wilayah
from pantau import ringkasan_angka as angka
from pantau import ringkasan_modal as modal
from pantau import ringkasan_prioritas as prioritas
from pantau import ringkasan_skor as skor
from pantau import ringkasan_tren as tren
from pantau import ringkasan_umur as umur
from pantau import ringkasan_verval as verval
from pantau import ringkasan_wilayah as per_unit
from pantau.charts import bars, trends
from pantau.report import daerah

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL, KEL_B = W.label_desa_kecil, W.label_desa
SK = daerah.sk_daftar(W)  # 'SK Wali Kota', 'SK Bupati', 'SK Bupati/Wali Kota' (a province)

ui.guard("ringkasan")


@st.cache_data(show_spinner=False, max_entries=8)
def _pptx(data: str, version: int, periode: str | None, role: str) -> bytes:
    from pantau.report import build_deck
    from pantau.report.cli import write

    return write(build_deck(Path(data), periode, role), "pptx")


def paparan_pptx() -> None:
    """One click to the Paparan's PowerPoint for the chosen period, as the role may see it
    (built on click, like the Paparan page's button; the download is audited)."""
    key = (str(ui.data_dir().resolve()), ui.version(), st.session_state["filters"]["periode"])
    # which version the file is: small counts hidden (for DPRD) or whole (internal)
    versi = "publik" if privacy.suppresses(ui.role()) else "internal"
    name = f"paparan_{key[2] or 'kosong'}_{versi}.pptx"
    st.download_button(
        "Unduh PowerPoint paparan",
        audit.on_click(
            ui.data_dir(),
            ui.user(),
            ui.role(),
            lambda: (_pptx(*key, ui.role()), {}),
            st.session_state.to_dict(),
            berkas=name,
            periode=key[2],
        ),
        file_name=name,
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="dl_ringkasan_pptx",
        type="primary",
        on_click="ignore",
    )


f = st.session_state["filters"]
periode = f["periode"]
area = ui.area(f)  # kode_kec: the kecamatan, else the kab/kota chosen in a province
# A province's first level is the kab/kota (38 rows, not 666 kecamatan); with one chosen, the
# page goes one level down to its kecamatan. A kab/kota region's page is as it always was.
PER_KAB = W.adalah_provinsi and not f.get("kode_kab")
KAB = ui.wilayah_label({"kode_kab": f.get("kode_kab")}) if W.adalah_provinsi else W.nama
UNIT, UNIT_LABEL = ("kabupaten_kota", "Kabupaten/Kota") if PER_KAB else ("kecamatan", "Kecamatan")
QUERY_TARGET = "tren_target_kabupaten" if PER_KAB else "tren_target_kecamatan"
# a province's trend per kab/kota: its 8 with the most extreme-poor keluarga, one colour each
QUERY_TREN = "tren_miskin_ekstrem_kabupaten" if PER_KAB else "tren_miskin_ekstrem"


# --- headline figures -------------------------------------------------------------------------


def kpi_keluar(col, k) -> None:
    """Year-to-date leavers, against the same span a year earlier (flagged or flagless list);
    '–' when no monitoring visit is dated this year yet (no data, not 0), and as a rate of the
    families at risk on 1 January (BPS review S6)."""
    ui.kpi(
        col,
        "Keluar dari miskin ekstrem tahun ini",
        fmt.angka(k["keluarga_keluar_tahun_ini"]),
        fmt.selisih(k["perubahan_keluarga_keluar"], "keluarga"),
        help=angka.bantuan_keluar(k),
    )
    laju = angka.laju_keluar(k)
    if laju:
        col.caption(laju)


def angka_daftar(k) -> None:
    """A list without the extreme flag (P3KE 2021, bansos 2022) is a list, not "0 keluarga
    miskin ekstrem": it shows its size and source and is compared with nothing."""
    c1, c2, c3 = st.columns(3)
    ui.kpi(
        c1, "Keluarga dalam daftar", fmt.angka(k["keluarga_daftar"]), help=angka.bantuan_daftar(k)
    )
    kpi_keluar(c2, k)
    ui.kpi(
        c3,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=angka.bantuan_tersalur(k),
    )
    st.info(angka.daftar_tanpa_tanda(k), icon="ℹ️")


def garis_ekstrem(col) -> None:
    """BPS review M9: the count below the extreme expenditure line beside the SK list's."""
    rek = ui.query("beban_rekonsiliasi", periode=periode, **area)
    if rek.empty:
        return
    b = rek.iloc[0]
    ui.kpi(
        col,
        "Di bawah garis pengeluaran ekstrem",
        fmt.angka(b["keluarga_di_bawah_garis"]),
        help=angka.bantuan_garis(b),
    )
    col.caption(angka.keterangan_garis(b))


def angka_miskin_ekstrem(k) -> None:
    """The flagged list's five figures in two rows of three (five side by side cut the labels
    and "Rp 2,36 miliar"), and the jiwa under them."""
    c1, c0, c2 = st.columns(3)
    c3, c4, _ = st.columns(3)
    ui.kpi(
        c1,
        "Keluarga miskin ekstrem",
        fmt.angka(k["keluarga_miskin_ekstrem"]),
        fmt.selisih(k["perubahan_keluarga_miskin_ekstrem"], "keluarga"),
        help=angka.bantuan_miskin_ekstrem(k, SK),
        inverse=True,
    )
    c1.caption(f"daftar {SK}")
    garis_ekstrem(c0)
    kpi_keluar(c2, k)
    ui.kpi(
        c3,
        "Cakupan bansos",
        fmt.persen(k["cakupan"]),
        # A change hidden for a guest ('×', either share hidden) has no delta to show.
        fmt.selisih_poin_persen(k["perubahan_cakupan"]),
        help=angka.bantuan_cakupan(k),
    )
    ui.kpi(
        c4,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=angka.bantuan_tersalur(k),
    )
    st.caption(angka.kalimat_jiwa(k, SK))


def sumber_dana() -> None:
    """The year's aid by source of funds, the largest named in the title."""
    dana = ui.query("bantuan_per_sumber_dana", periode=periode, **area)
    if dana.empty:
        return
    fig = bars.bar(
        dana,
        "sumber_dana",
        "nilai",
        f"{dana.iloc[0]['sumber_dana']} menyalurkan bantuan terbesar tahun ini "
        f"(Rp, Januari–{fmt.periode(periode)})",
        labels={"sumber_dana": "Sumber dana", "nilai": "Rupiah"},
    )
    fig.update_traces(texttemplate="Rp %{value:,.0f}")
    fig.update_yaxes(tickformat=",.0f", tickprefix="Rp ")
    ui.chart(fig, dana, "bantuan_per_sumber_dana")


# --- the five questions of a Kepala Dinas (issue 12 §4), each one click away ---------------


def tab_per_unit(target) -> None:
    """Per kecamatan (per kab/kota in a province): counts, change, coverage, unreached."""
    if target.empty:
        ui.empty(
            "Daftar periode ini tidak menandai keluarga miskin ekstrem: tidak ada jumlah per "
            f"{UNIT_LABEL.lower()} untuk periode ini."
        )
        return
    before = target["periode_sebelumnya"].iloc[0]
    tabel = per_unit.tabel_unit(target, UNIT, UNIT_LABEL)
    st.markdown(
        f"**Keluarga miskin ekstrem per {UNIT_LABEL.lower()}, {fmt.periode(periode)}** "
        "(klik judul kolom untuk mengurutkan)"
    )
    # counts stay whole numbers so the columns sort, in a fixed format (no separator and no
    # decimals whatever the browser's locale); the share is Babel's text (84,1)
    st.dataframe(
        tabel,
        hide_index=True,
        width="stretch",
        key="tabel_kecamatan",
        column_config={
            c: st.column_config.NumberColumn(format="%d")
            for c in tabel.columns[1:]
            if pd.api.types.is_numeric_dtype(tabel[c])
        },
    )
    ui.download(target, QUERY_TARGET, f"Unduh tabel per {UNIT_LABEL.lower()}")
    st.caption(per_unit.catatan_unit(before, PER_KAB, W.adalah_provinsi, KAB, W.nama, W.jenis))


def tab_prioritas(klaster, lima, k, kartu: pd.DataFrame) -> None:
    """The priority desa/kelurahan as the deck names them, or why there are none."""
    if klaster.empty or "per_1000_keluarga" not in klaster:
        ui.empty(f"Belum ada data {KEL} untuk periode ini.")
    elif not k["berstatus_ekstrem"]:
        ui.empty(
            f"Daftar {fmt.periode(periode)} tidak menandai keluarga miskin ekstrem: tidak "
            "ada kantong dan peringkat untuk periode ini."
        )
    elif lima.empty:
        ui.empty(f"Belum ada {KEL} dengan keluarga miskin ekstrem pada periode ini.")
    else:
        n_kantong = prioritas.jumlah_kantong(kartu)
        st.markdown(prioritas.judul_prioritas(lima, n_kantong, KEL, periode, W.jenis))
        # a static table: its headers wrap, none is cut at 1366 px (five rows need no sorting)
        st.table(prioritas.tabel_prioritas(lima, KEL_B), hide_index=True, border="horizontal")
        ui.download(lima, "kantong_klaster", f"Unduh {KEL} prioritas")
        st.caption(prioritas.catatan_prioritas(KEL, W.jenis))


def tab_belum(target) -> None:
    """How many keluarga no programme reached, and where, in words."""
    if target.empty:
        ui.empty("Daftar periode ini tidak menandai keluarga miskin ekstrem.")
        return
    st.markdown(per_unit.kalimat_belum(target, UNIT, PER_KAB, periode))
    st.caption(per_unit.CATATAN_BELUM)


def tab_modal(k) -> None:
    """Whether business capital helps: the Bantuan page's headline measures, then the leavers."""
    shown = modal.ukuran_utama(ui.query("bantuan_modal_usaha_efek", periode=periode))
    if shown.empty:
        ui.empty("Belum ada penerima modal usaha dengan pembanding yang sebanding.")
    else:
        for r in shown.itertuples():
            st.markdown(modal.baris(r))
        st.caption(modal.catatan(shown.iloc[0]))
    st.markdown(angka.kalimat_keluar(k))


def tab_target(target) -> None:
    """The pace needed to reach 0 by the end of 2026 beside the pace reached, per unit."""
    if target.empty:
        ui.empty("Daftar periode ini tidak menandai keluarga miskin ekstrem.")
        return
    st.markdown(
        "**Laju yang diperlukan agar daftar SK mencapai 0 pada akhir 2026, dibanding laju "
        "yang dicapai** (keluarga per triwulan)"
    )
    st.dataframe(
        per_unit.tabel_target(target, UNIT, UNIT_LABEL),
        hide_index=True,
        width="stretch",
        key="tabel_target",
    )
    ui.download(target, "tren_target", "Unduh tabel target")
    st.caption(per_unit.catatan_target(target.iloc[-1]))


def tab_paparan() -> None:
    """The DPRD deck of the period, one click away."""
    st.markdown(
        f"Paparan {fmt.periode(periode)} untuk DPRD: 8 slide (sampul, 6 slide, penutup), "
        "sama dengan halaman Paparan."
    )
    paparan_pptx()


def lima_pertanyaan(k, kartu: pd.DataFrame) -> None:
    """The five questions as tabs, the priority tab named by how many it lists (its pocket
    count from `kartu`, the scorecard's rows)."""
    st.subheader("Lima pertanyaan")
    klaster = ui.query("peta_klaster", periode=periode)
    lima = prioritas.prioritas(klaster) if k["berstatus_ekstrem"] else klaster.iloc[0:0]
    tabs = st.tabs(
        [
            f"Per {UNIT_LABEL.lower()}",
            # named by what it lists: the priority kelurahan (some of which may be no pocket)
            f"{len(lima)} {KEL} prioritas" if len(lima) else f"{KEL_B} prioritas",
            "Belum terjangkau",
            "Modal usaha",
            "Target 2026",
            "Paparan (PowerPoint)",
        ]
    )
    # a province's chosen kab/kota: its kecamatan
    satu_kab = {"kode_kab": f["kode_kab"]} if W.adalah_provinsi and not PER_KAB else {}
    target = ui.query(QUERY_TARGET, periode=periode, **satu_kab)
    with tabs[0]:
        tab_per_unit(target)
    with tabs[1]:
        tab_prioritas(klaster, lima, k, kartu)
    with tabs[2]:
        tab_belum(target)
    with tabs[3]:
        tab_modal(k)
    with tabs[4]:
        tab_target(target)
    with tabs[5]:
        tab_paparan()


# --- verval funnel ----------------------------------------------------------------------------


def verval_funnel() -> None:
    """The latest verval up to the chosen period (a period before it shows none, issue 12 §4):
    its funnel beside the table per source list. The lists were checked as a whole: the
    funnel is not cut by area (its query has none)."""
    st.subheader("Verifikasi dan validasi (verval)")
    p = verval.periode_verval(ui.query("periode_list"), periode)
    funnel = ui.query("verval_funnel", periode=p) if p else pd.DataFrame()
    if any(area.values()) and not funnel.empty:
        st.caption(f"Verval untuk seluruh {W.nama}: filter wilayah tidak dipakai di bagian ini.")
    if funnel.empty:
        ui.empty(f"Belum ada data verval sampai {fmt.periode(periode)}.")
        return
    total = funnel.iloc[-1]
    left, right = st.columns([3, 2])
    with left:
        fig = bars.funnel(verval.tahap(total), "tahap", "keluarga", verval.judul(total))
        ui.chart(fig, funnel, "verval_funnel")
    with right:
        st.markdown("**Per sumber daftar** (keluarga)")
        st.table(verval.tabel_sumber(funnel), hide_index=True)
    st.caption(verval.catatan_gabungan(funnel))
    peringatan = verval.peringatan_belum_dimuat(funnel)
    if peringatan:
        st.warning(peringatan, icon="⚠️")


# --- trend ------------------------------------------------------------------------------------


def garis_tren(data) -> None:
    """The count per period and unit, towards 0; its change comes from its query, hidden with
    its counts where they are small (the page computes nothing from '<5' / '×' cells)."""
    ujung = ui.query("tren_miskin_ekstrem_perubahan", periode=periode, **area).iloc[0]
    fig = trends.line(
        tren.digambar(data),
        "periode",
        "keluarga_miskin_ekstrem",
        tren.judul(ujung, PER_KAB),
        color=UNIT,
        target=0,
        # no x-axis title: the period ticks say it, and the title sat on the legend row
        labels={
            "periode": "",
            "keluarga_miskin_ekstrem": "Keluarga miskin ekstrem",
            UNIT: UNIT_LABEL,
        },
    )
    ui.chart(fig, data, QUERY_TREN)
    if PER_KAB:
        st.caption(tren.kalimat_delapan(ujung["periode_akhir"], W.tabel()["kode_kab"].nunique()))
    hidden = tren.tersembunyi(data)
    if not hidden.empty:
        st.caption(tren.kalimat_tersembunyi(hidden, UNIT, PER_KAB))


def komponen_tren() -> None:
    """BPS review M9: how the list changed, by cause (a named query), up to the chosen period."""
    komponen = ui.query("tren_miskin_ekstrem_komponen", periode=periode, **area)
    if komponen.empty:
        return
    fig = bars.bar(
        tren.komponen_panjang(komponen),
        "periode",
        "keluarga",
        tren.JUDUL_KOMPONEN,
        labels={"periode": "Periode", "keluarga": "Keluarga", "sebab": "Sebab"},
        color="sebab",
        barmode="group",
    )
    # no number on every bar (a row of zeros is noise; the values are in the download);
    # the legend below the axis title, not on it
    fig.update_traces(texttemplate="")
    fig.update_layout(legend_y=-0.35)
    ui.chart(fig, komponen, "tren_miskin_ekstrem_komponen")
    st.caption(tren.CATATAN_KOMPONEN)


def tren_miskin_ekstrem(k) -> None:
    """The trend and its causes, or why there is nothing to draw."""
    st.subheader("Tren keluarga miskin ekstrem")
    data = ui.query(QUERY_TREN, periode=periode, **({} if PER_KAB else area))
    if data.empty and not k["berstatus_ekstrem"]:
        # a list without the extreme flag (Desember 2021, Desember 2022): no count to draw
        ui.empty(f"Daftar {fmt.periode(k['periode'])} tidak menandai keluarga miskin ekstrem.")
    elif data.empty:
        ui.empty("Belum ada data keluarga untuk digambar trennya.")
    else:
        garis_tren(data)
        komponen_tren()


# --- who they are: age and disability --------------------------------------------------------


def umur_disabilitas(k) -> None:
    """The period's extreme-poor jiwa by P3KE age band and disability (individu exports)."""
    st.subheader("Jiwa miskin ekstrem menurut umur dan disabilitas")
    data = ui.query("jiwa_miskin_ekstrem_umur", periode=periode, **area)
    if data.empty:
        ui.empty(f"Daftar {fmt.periode(k['periode'])} tidak menandai keluarga miskin ekstrem.")
        return
    row = data.set_index("kelompok_umur")
    if row.loc["Semua", "jiwa"] == 0:
        ui.empty(
            f"Tidak ada jiwa miskin ekstrem dalam daftar {fmt.periode(k['periode'])} di "
            f"{ui.wilayah_label(f)}."
        )
        return
    title = umur.judul(row, k["periode"])
    ui.chart(bars.umur_disabilitas(data, title), data, "jiwa_miskin_ekstrem_umur")
    st.caption(umur.catatan(row.loc["Keluarga tanpa data anggota", "jiwa"]))


# --- scorecard --------------------------------------------------------------------------------


def kartu_skor(k, data: pd.DataFrame) -> None:
    """One table per strategy, its direction coloured, and the scorecard's download."""
    st.subheader("Kartu skor tiga strategi")
    st.caption(skor.catatan(KEL, k["berstatus_ekstrem"]))
    for strategi, rows in data.groupby("strategi", sort=True):
        st.markdown(f"**Strategi {strategi}: {rows['nama_strategi'].iloc[0]}**")
        table = skor.tabel(rows, periode)
        st.dataframe(table.style.map(skor.warna, subset=["Arah"]), hide_index=True, width="stretch")
    ui.download(data, "skor_strategi", "Unduh kartu skor")


# --- the page, top to bottom -------------------------------------------------------------------

st.title("Ringkasan")
st.caption(f"{ui.wilayah_label(f)} · {fmt.periode(periode)}")
kpi = ui.query("ringkasan_kpi", periode=periode, **area)
if kpi.empty:
    ui.empty("Belum ada data keluarga yang dimuat; impor data di halaman Data.")
    st.stop()
k = kpi.iloc[0]
kartu = ui.query("skor_strategi", periode=periode)  # the scorecard and the pocket count
if k["berstatus_ekstrem"]:
    angka_miskin_ekstrem(k)
else:
    angka_daftar(k)
sumber_dana()
lima_pertanyaan(k, kartu)
verval_funnel()
tren_miskin_ekstrem(k)
umur_disabilitas(k)
kartu_skor(k, kartu)

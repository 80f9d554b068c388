"""Ringkasan: progress at a glance for department heads, along the three strategies."""

from pathlib import Path

import pandas as pd
import streamlit as st

from pantau import audit, fmt, privacy, ui, wilayah
from pantau.charts import bars, trends
from pantau.daftar import TIDAK_MENANDAI
from pantau.report import daerah
from pantau.teks import INDIKATOR_KANTONG

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
area = ui.area(f)  # kode_kec: the kecamatan, else the kab/kota chosen in a province
# A province's first level is the kab/kota (38 rows, not 666 kecamatan); with one chosen, the
# page goes one level down to its kecamatan. A kab/kota region's page is as it always was.
PER_KAB = W.adalah_provinsi and not f.get("kode_kab")
KAB = ui.wilayah_label({"kode_kab": f.get("kode_kab")}) if W.adalah_provinsi else W.nama
UNIT, UNIT_LABEL = ("kabupaten_kota", "Kabupaten/Kota") if PER_KAB else ("kecamatan", "Kecamatan")
st.title("Ringkasan")
st.caption(f"{ui.wilayah_label(f)} · {fmt.periode(f['periode'])}")

# --- headline figures -------------------------------------------------------------------------
kpi = ui.query("ringkasan_kpi", periode=f["periode"], **area)
if kpi.empty:
    ui.empty("Belum ada data keluarga yang dimuat; impor data di halaman Data.")
    st.stop()
k = kpi.iloc[0]


def rentang_tahun(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the year-to-date span a '…tahun ini' figure covers."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


# Year-to-date figures are compared with the same span a year earlier (ringkasan_kpi).
setahun = rentang_tahun(k["periode_tahun_lalu"])
keluar_help = (
    "Keluarga yang pada kunjungan pemantauan sejak 1 Januari berstatus 'keluar'. Perubahan "
    f"dibanding rentang yang sama tahun lalu ({setahun}); angka sejak 1 Januari hanya bisa naik "
    "sepanjang tahun, jadi tidak dibandingkan dengan triwulan sebelumnya."
    + (
        ""
        if pd.notna(k["keluarga_keluar_tahun_lalu"])
        else " Tahun lalu belum ada data pemantauan."
    )
)
keluar_delta = fmt.selisih(k["perubahan_keluarga_keluar"], "keluarga")


laju = (
    f"{fmt.persen(k['laju_keluar_tahun_ini'])} dari {fmt.angka(k['keluarga_berisiko_awal_tahun'])} "
    "keluarga miskin ekstrem pada 1 Januari"
    if pd.notna(k["laju_keluar_tahun_ini"])
    else None
)
if laju:
    keluar_help += f" Sebagai laju: {laju}" + (
        f"; tahun lalu {fmt.persen(k['laju_keluar_tahun_lalu'])} dari "
        f"{fmt.angka(k['keluarga_berisiko_awal_tahun_lalu'])}."
        if pd.notna(k["laju_keluar_tahun_lalu"])
        else "."
    )


def kpi_keluar(col) -> None:
    """Year-to-date leavers, against the same span a year earlier (flagged or flagless list);
    '–' when no monitoring visit is dated this year yet (no data, not 0), and as a rate of the
    families at risk on 1 January (BPS review S6)."""
    ui.kpi(
        col,
        "Keluar dari miskin ekstrem tahun ini",
        fmt.angka(k["keluarga_keluar_tahun_ini"]),
        keluar_delta,
        help=keluar_help
        + (
            ""
            if pd.notna(k["keluarga_keluar_tahun_ini"])
            else " Belum ada kunjungan pemantauan tahun ini: belum ada data (–), bukan 0."
        ),
    )
    if laju:
        col.caption(laju)


bantuan_help = "Jumlah rupiah berstatus tersalur sejak 1 Januari sampai akhir periode." + (
    f" Rentang yang sama tahun lalu ({setahun}): {fmt.rupiah_singkat(k['bantuan_rp_tahun_lalu'])}."
    if pd.notna(k["bantuan_rp_tahun_lalu"])
    else ""
)
if not k["berstatus_ekstrem"]:
    # A list without the extreme flag (P3KE 2021, bansos 2022) is a list, not "0 keluarga
    # miskin ekstrem": it shows its size and source and is compared with nothing.
    c1, c2, c3 = st.columns(3)
    ui.kpi(
        c1,
        "Keluarga dalam daftar",
        fmt.angka(k["keluarga_daftar"]),
        help=f"Sumber daftar: {k['sumber_daftar'] or 'tidak disebut'}.",
    )
    kpi_keluar(c2)
    ui.kpi(
        c3,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=bantuan_help,
    )
    st.info(
        f"Daftar {fmt.periode(k['periode'])} ({k['sumber_daftar'] or 'sumber tidak disebut'}) "
        f"memuat {fmt.angka(k['keluarga_daftar'])} keluarga tanpa status miskin ekstrem: "
        + TIDAK_MENANDAI.format(apa="cakupannya dan perubahannya"),
        icon="ℹ️",
    )
else:
    before = fmt.periode(k["periode_sebelumnya"]) if k["periode_sebelumnya"] else None
    banding = (
        f"Perubahan dibanding {before}, daftar bertanda miskin ekstrem sebelumnya."
        if before
        else "Belum ada daftar bertanda miskin ekstrem sebelum periode ini untuk dibandingkan "
        "(daftar P3KE 2021 dan bansos 2022 tidak memuat status itu)."
    )
    rek = ui.query("beban_rekonsiliasi", periode=f["periode"], **area)
    # two rows of three: five figures side by side cut the labels and "Rp 2,36 miliar"
    c1, c0, c2 = st.columns(3)
    c3, c4, _ = st.columns(3)
    ui.kpi(
        c1,
        "Keluarga miskin ekstrem",
        fmt.angka(k["keluarga_miskin_ekstrem"]),
        fmt.selisih(k["perubahan_keluarga_miskin_ekstrem"], "keluarga"),
        help=f"Daftar {SK} (tanda miskin ekstrem DTKS/DTSEN): {fmt.angka(k['jiwa_miskin_ekstrem'])} "
        f"jiwa. {banding}",
        inverse=True,
    )
    c1.caption(f"daftar {SK}")
    if not rek.empty:
        b = rek.iloc[0]
        # BPS review M9: the count below the extreme line beside the SK list's
        ui.kpi(
            c0,
            "Di bawah garis pengeluaran ekstrem",
            fmt.angka(b["keluarga_di_bawah_garis"]),
            help=f"Keluarga dalam daftar yang pengeluaran per kapitanya di bawah garis ekstrem "
            f"{b['tahun_garis']} (Rp {fmt.angka(b['garis_ekstrem'])} per jiwa per bulan): "
            f"{fmt.angka(b['jiwa_di_bawah_garis'])} jiwa; "
            f"{fmt.angka(b['keluarga_di_bawah_tidak_ditandai'])} keluarga di antaranya belum "
            "ditandai miskin ekstrem (calon usulan/verval). Rincian di halaman Beban.",
        )
        c0.caption(
            f"{fmt.angka(b['jiwa_di_bawah_garis'])} jiwa; "
            f"{fmt.angka(b['keluarga_di_bawah_tidak_ditandai'])} belum ditandai"
        )
    kpi_keluar(c2)
    ui.kpi(
        c3,
        "Cakupan bansos",
        fmt.persen(k["cakupan"]),
        # A change hidden for a guest ('×', either share hidden) has no delta to show.
        fmt.selisih_poin_persen(k["perubahan_cakupan"]),
        help="Bagian keluarga miskin ekstrem yang tercakup bansos (program strategi 1: tersalur "
        "dalam 12 bulan sampai akhir periode, atau terdaftar di program nasional). Modal usaha dan "
        f"KUBE (strategi 2) ada di halaman Bantuan. {banding}",
    )
    ui.kpi(
        c4,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=bantuan_help,
    )
    st.caption(
        f"Jiwa dalam keluarga miskin ekstrem (daftar {SK}): "
        f"**{fmt.angka(k['jiwa_miskin_ekstrem'])} jiwa**. {banding} {trends.TARGET_NASIONAL.replace('<br>', ' ')}."
    )

dana = ui.query("bantuan_per_sumber_dana", periode=f["periode"], **area)
if not dana.empty:
    top = dana.iloc[0]
    fig = bars.bar(
        dana,
        "sumber_dana",
        "nilai",
        f"{top['sumber_dana']} menyalurkan bantuan terbesar tahun ini "
        f"(Rp, Januari–{fmt.periode(f['periode'])})",
        labels={"sumber_dana": "Sumber dana", "nilai": "Rupiah"},
    )
    fig.update_traces(texttemplate="Rp %{value:,.0f}")
    fig.update_yaxes(tickformat=",.0f", tickprefix="Rp ")
    ui.chart(fig, dana, "bantuan_per_sumber_dana")


def urutkan(values: pd.Series, kali: int = 1) -> pd.Series:
    """A column that sorts as numbers when every cell is one (a guest's '<5' or '×' keeps the
    column as text, in Indonesian notation); `kali` 100 shows a share in percent points."""
    if values.map(lambda v: isinstance(v, str)).any():
        return values.map(
            lambda v: v if isinstance(v, str) else fmt.angka(v * kali, 1 if kali > 1 else 0)
        )
    out = pd.to_numeric(values, errors="coerce") * kali
    return out.round(1) if kali > 1 else out.astype("Int64")


# --- the five questions of a Kepala Dinas (issue 12 §4), each one click away ---------------
st.subheader("Lima pertanyaan")


def prioritas(klaster: pd.DataFrame) -> pd.DataFrame:
    """The deck's "Lima kelurahan prioritas" (pantau/report/slides/kantong.py strategi_3), in its order:
    the kelurahan ranked by the pocket index (peringkat, peta_kelurahan) in rank order, then,
    to five rows, the unranked pockets, then the highest rates per 1.000 (a hidden rate last);
    a kelurahan without extreme-poor keluarga is no priority."""
    if klaster.empty or "peringkat" not in klaster:
        return klaster
    rank = pd.to_numeric(klaster["peringkat"], errors="coerce")
    ranked = klaster.assign(_n=rank)[rank.notna()].sort_values("_n", kind="stable")
    rest = klaster[rank.isna() & klaster["keluarga_miskin_ekstrem"].ne(0)]
    rest = rest.assign(
        _k=~rest["kantong"].map(lambda v: v is True or v == True),  # noqa: E712
        _p=pd.to_numeric(rest["per_1000_keluarga"], errors="coerce"),
    ).sort_values(["_k", "_p"], ascending=[True, False], na_position="last", kind="stable")
    return pd.concat([ranked, rest]).drop(columns=["_n", "_k", "_p"], errors="ignore").head(5)


klaster = ui.query("peta_klaster", periode=f["periode"])
lima = prioritas(klaster) if k["berstatus_ekstrem"] else klaster.iloc[0:0]
tab_kec, tab_kantong, tab_belum, tab_modal, tab_target, tab_paparan = st.tabs(
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
QUERY_TARGET = "tren_target_kabupaten" if PER_KAB else "tren_target_kecamatan"
# a province's chosen kab/kota: its kecamatan
satu_kab = {"kode_kab": f["kode_kab"]} if W.adalah_provinsi and not PER_KAB else {}
target = ui.query(QUERY_TARGET, periode=f["periode"], **satu_kab)


def nama_unit(nama: str) -> str:
    """A row's unit as a sentence names it: 'Kec. Bugul Kidul', or a kab/kota by its name."""
    return nama if PER_KAB else f"Kec. {nama}"


with tab_kec:
    if target.empty:
        ui.empty(
            "Daftar periode ini tidak menandai keluarga miskin ekstrem: tidak ada jumlah per "
            f"{UNIT_LABEL.lower()} untuk periode ini."
        )
    else:
        before = target["periode_sebelumnya"].iloc[0]
        sejak = f"Perubahan sejak {fmt.periode(before)} (keluarga)" if before else "Perubahan"
        tabel_kec = pd.DataFrame(
            {
                UNIT_LABEL: target[UNIT],
                "Keluarga miskin ekstrem": urutkan(target["keluarga_miskin_ekstrem"]),
                sejak: urutkan(target["perubahan"]),
                # a share in Indonesian notation from Babel (84,1), never the browser's "84.1"
                "Cakupan bansos (%)": target["cakupan"].map(
                    lambda v: v if isinstance(v, str) else fmt.angka(v * 100, 1)
                ),
                "Belum tercakup program apa pun (keluarga)": urutkan(
                    target["keluarga_belum_tercakup"]
                ),
            }
        )
        st.markdown(
            f"**Keluarga miskin ekstrem per {UNIT_LABEL.lower()}, {fmt.periode(f['periode'])}** "
            "(klik judul kolom untuk mengurutkan)"
        )
        # counts stay whole numbers so the columns sort, in a fixed format (no separator and no
        # decimals whatever the browser's locale); the share is Babel's text (84,1)
        st.dataframe(
            tabel_kec,
            hide_index=True,
            width="stretch",
            key="tabel_kecamatan",
            column_config={
                c: st.column_config.NumberColumn(format="%d")
                for c in tabel_kec.columns[1:]
                if pd.api.types.is_numeric_dtype(tabel_kec[c])
            },
        )
        ui.download(target, QUERY_TARGET, f"Unduh tabel per {UNIT_LABEL.lower()}")
        st.caption(
            "Perubahan dibanding daftar bertanda miskin ekstrem sebelumnya"
            + (f" ({fmt.periode(before)})" if before else " (belum ada untuk periode ini)")
            + (
                f". Baris {W.nama} = jumlah seluruh provinsi. Tabel ini selalu untuk seluruh "
                "provinsi; pilih Kabupaten/Kota di filter untuk melihat kecamatannya."
                if PER_KAB
                else f". Baris {KAB} = jumlah seluruh {KAB}. Tabel ini selalu untuk seluruh {KAB}, "
                "filter kecamatan tidak dipakai."
                if W.adalah_provinsi
                else f". Baris {W.nama} = jumlah seluruh {W.jenis}. Tabel ini selalu untuk seluruh "
                f"{W.jenis}, filter kecamatan tidak dipakai."
            )
        )

# the scorecard (its last section) also gives the pocket count
skor = ui.query("skor_strategi", periode=f["periode"])

with tab_kantong:
    if klaster.empty or "per_1000_keluarga" not in klaster:
        ui.empty(f"Belum ada data {KEL} untuk periode ini.")
    elif not k["berstatus_ekstrem"]:
        ui.empty(
            f"Daftar {fmt.periode(f['periode'])} tidak menandai keluarga miskin ekstrem: tidak "
            "ada kantong dan peringkat untuk periode ini."
        )
    elif lima.empty:
        ui.empty(f"Belum ada {KEL} dengan keluarga miskin ekstrem pada periode ini.")
    else:
        # the region's pocket count as the scorecard and the deck give it (skor_strategi)
        skor_kantong = skor.loc[skor["indikator"].isin(INDIKATOR_KANTONG), "nilai"]
        di_lima = lima["kantong"].map(lambda v: v is True or v == True)  # noqa: E712

        def angka1(v):
            return v if isinstance(v, str) else ("–" if pd.isna(v) else fmt.angka(v, 1))

        n_kantong = skor_kantong.iloc[0] if len(skor_kantong) else 0
        st.markdown(
            f"**{fmt.angka(len(lima))} {KEL} prioritas** pada {fmt.periode(f['periode'])}, "
            f"urut peringkat indeks kantong seperti di paparan; {fmt.angka(n_kantong)} {KEL} "
            f"berstatus kantong di seluruh {W.jenis} ({fmt.angka(int(di_lima.sum()))} di tabel ini)"
        )
        # a static table: its headers wrap, none is cut at 1366 px (five rows need no sorting)
        st.table(
            pd.DataFrame(
                {
                    "Peringkat": lima["peringkat"].map(
                        lambda v: v if isinstance(v, str) else ("–" if pd.isna(v) else fmt.angka(v))
                    ),
                    KEL_B: [
                        f"{kel}{' *' if kecil is True else ''}"
                        for kel, kecil in zip(lima["kelurahan"], lima["dasar_kecil"], strict=True)
                    ],
                    "Kecamatan": lima["kecamatan"],
                    "Kantong": di_lima.map({True: "ya", False: "tidak"}),
                    "Keluarga miskin ekstrem": lima["keluarga_miskin_ekstrem"].map(
                        lambda v: v if isinstance(v, str) else fmt.angka(v)
                    ),
                    "Per 1.000 keluarga (selang 95 %)": [
                        f"{angka1(r)} ({angka1(lo)}–{angka1(hi)})"
                        for r, lo, hi in zip(
                            lima["per_1000_keluarga"],
                            lima["per_1000_bawah"],
                            lima["per_1000_atas"],
                            strict=True,
                        )
                    ],
                    "Indeks kantong (0–100)": lima["indeks_kantong"].map(angka1),
                    "Klaster": lima["kuadran"].fillna("–"),
                }
            ),
            hide_index=True,
            border="horizontal",
        )
        ui.download(lima, "kantong_klaster", f"Unduh {KEL} prioritas")
        st.caption(
            f"Peringkat = urutan indeks kantong (prioritas, bukan status), hanya untuk {KEL} "
            f"dengan sedikitnya 30 keluarga dalam daftar; {KEL} tanpa peringkat menyusul: "
            "kantong lebih dulu, lalu angka per 1.000 tertinggi. Kantong = angka keluarga miskin "
            f"ekstrem per 1.000 keluarga dalam daftar di atas angka {W.jenis} melampaui kebetulan "
            "(batas bawah selang Wilson, uji satu sisi 5 % dengan koreksi Bonferroni atas semua "
            f"{KEL}). * = hati-hati: dasar kecil (kurang dari 30). Klaster: uji Local Moran "
            f"atas angka yang dihaluskan, koreksi FDR 5 %; 'Tidak signifikan' berarti {KEL} "
            f"itu tidak terbukti bagian dari kelompok {KEL} bertetangga yang sama-sama tinggi. "
            "Peta lengkap di halaman Peta."
        )

with tab_belum:
    if target.empty:
        ui.empty("Daftar periode ini tidak menandai keluarga miskin ekstrem.")
    else:
        kota = target.iloc[-1]
        rows = target.iloc[:-1]
        urut = rows.assign(
            _n=pd.to_numeric(rows["keluarga_belum_tercakup"], errors="coerce")
        ).sort_values("_n", ascending=False)
        st.markdown(
            f"**{fmt.angka(kota['keluarga_belum_tercakup'])} keluarga miskin ekstrem belum "
            f"tercakup program apa pun** ({fmt.periode(f['periode'])}): "
            + "; ".join(
                f"{nama_unit(getattr(r, UNIT))} {fmt.angka(r.keluarga_belum_tercakup)} keluarga"
                for r in urut.itertuples()
            )
            + "."
        )
        st.caption(
            "Belum tercakup = tidak menerima penyaluran tersalur dalam 12 bulan sampai akhir "
            "periode dan tidak terdaftar di program nasional apa pun. Daftar namanya ada di "
            "halaman Daftar sasaran (hanya untuk petugas)."
        )

with tab_modal:
    efek = ui.query("bantuan_modal_usaha_efek", periode=f["periode"])
    # The headline measures of the Bantuan page and slide 4: both exit rates, their ratio and
    # the income difference (the odds ratio is secondary there, so not here either).
    kinds = ["laju", "rasio_laju", "did"]
    shown = efek[efek["jenis"].isin(kinds)] if not efek.empty else efek
    if shown.empty:
        ui.empty("Belum ada penerima modal usaha dengan pembanding yang sebanding.")
    else:
        shown = shown.assign(_u=shown["jenis"].map(kinds.index)).sort_values("_u", kind="stable")
        for r in shown.itertuples():
            if r.jenis == "laju":
                nilai = r.estimasi if isinstance(r.estimasi, str) else fmt.angka(r.estimasi, 1)
                st.markdown(f"- **{r.ukuran}, {r.kelompok}**: {nilai}")
                continue
            # a ratio to two decimals; a Rupiah difference in whole Rupiah
            d = 2 if r.jenis == "rasio_laju" else 0
            nilai = r.estimasi if isinstance(r.estimasi, str) else fmt.angka(r.estimasi, d)
            rentang = (
                ""
                if isinstance(r.bawah, str) or pd.isna(r.bawah)
                else f" (selang 95 %: {fmt.angka(r.bawah, d)} s.d. {fmt.angka(r.atas, d)})"
            )
            st.markdown(f"- **{r.ukuran}**: {nilai}{rentang}")
        r0 = shown.iloc[0]
        st.caption(
            f"{fmt.angka(r0['keluarga_penerima'])} penerima dibanding "
            f"{fmt.angka(r0['keluarga_pembanding'])} keluarga pembanding yang sebanding. Bukan "
            "uji acak; asosiasi setelah pencocokan, berlaku untuk penerima yang miskin ekstrem "
            "saat menerima. Penjelasan metode, berapa penerima yang dianalisis, dan grafiknya di "
            "halaman Bantuan."
        )
    st.markdown(
        f"Keluarga keluar dari kemiskinan ekstrem sejak 1 Januari: "
        f"**{fmt.angka(k['keluarga_keluar_tahun_ini'])}**" + (f" ({laju})" if laju else "") + "."
    )

with tab_target:
    if target.empty:
        ui.empty("Daftar periode ini tidak menandai keluarga miskin ekstrem.")
    else:
        t0 = target.iloc[-1]
        st.markdown(
            "**Laju yang diperlukan agar daftar SK mencapai 0 pada akhir 2026, dibanding laju "
            "yang dicapai** (keluarga per triwulan)"
        )
        st.dataframe(
            pd.DataFrame(
                {
                    UNIT_LABEL: target[UNIT],
                    "Keluarga miskin ekstrem": target["keluarga_miskin_ekstrem"].map(fmt.angka),
                    "Perlu turun per triwulan": target["laju_perlu"].map(
                        lambda v: v if isinstance(v, str) else fmt.angka(v, 1)
                    ),
                    "Dicapai per triwulan (setahun terakhir)": target["laju_capai"].map(
                        lambda v: v if isinstance(v, str) else fmt.angka(v, 1)
                    ),
                    "Proyeksi akhir 2026": target["proyeksi_akhir_2026"].map(
                        lambda v: v if isinstance(v, str) else fmt.angka(v)
                    ),
                }
            ),
            hide_index=True,
            width="stretch",
            key="tabel_target",
        )
        ui.download(target, "tren_target", "Unduh tabel target")
        st.caption(
            f"Asumsi proyeksi: laju rata-rata sejak {fmt.periode(t0['periode_awal'])} "
            f"({fmt.angka(t0['triwulan_capai'], 0)} triwulan) tetap sama sampai Desember 2026; "
            f"{fmt.angka(t0['triwulan_tersisa'], 0)} triwulan tersisa. "
            + trends.TARGET_NASIONAL.replace("<br>", " ")
            + ": daftar bisa turun juga karena meninggal, pindah atau dicoret saat verval."
        )

with tab_paparan:
    st.markdown(
        f"Paparan {fmt.periode(f['periode'])} untuk DPRD: 8 slide (sampul, 6 slide, penutup), "
        "sama dengan halaman Paparan."
    )
    paparan_pptx()

# --- verval funnel ----------------------------------------------------------------------------
st.subheader("Verifikasi dan validasi (verval)")
# the latest verval up to the chosen period: a period before it shows none (issue 12 §4)
daftar_periode = ui.query("periode_list")
verval_periode = [
    p
    for p, d in zip(daftar_periode["periode"], daftar_periode["dataset"], strict=True)
    if "verval" in d and p <= (f["periode"] or "9999")
]
funnel = ui.query("verval_funnel", periode=verval_periode[-1]) if verval_periode else pd.DataFrame()
if any(area.values()) and not funnel.empty:
    # the lists were checked as a whole: the funnel is not cut by area (its query has none)
    st.caption(f"Verval untuk seluruh {W.nama}: filter wilayah tidak dipakai di bagian ini.")
if funnel.empty:
    ui.empty(f"Belum ada data verval sampai {fmt.periode(f['periode'])}.")
else:
    total = funnel.iloc[-1]
    stages = pd.DataFrame(
        {
            "tahap": ["Daftar awal (semua sumber)", "Diverifikasi", "Memenuhi kriteria"],
            "keluarga": [
                total["daftar_keluarga"],
                total["diperiksa_keluarga"],
                total["memenuhi_keluarga"],
            ],
        }
    )
    left, right = st.columns([3, 2])
    with left:
        fig = bars.funnel(
            stages,
            "tahap",
            "keluarga",
            f"Verval menyaring {fmt.angka(total['daftar_keluarga'])} keluarga menjadi "
            f"{fmt.angka(total['memenuhi_keluarga'])} yang memenuhi kriteria (keluarga)",
        )
        ui.chart(fig, funnel, "verval_funnel")
    with right:
        st.markdown("**Per sumber daftar** (keluarga)")
        # text in Indonesian notation (1.234), so no column is cut or shown as 1,234
        st.table(
            pd.DataFrame(
                {
                    "Sumber daftar": funnel["sumber_daftar"],
                    "Daftar": funnel["daftar_keluarga"].map(fmt.angka),
                    "Diperiksa": funnel["diperiksa_keluarga"].map(fmt.angka),
                    "Memenuhi": funnel["memenuhi_keluarga"].map(fmt.angka),
                    "Tidak memenuhi": funnel["tidak_memenuhi_keluarga"].map(fmt.angka),
                }
            ),
            hide_index=True,
        )
    lists = funnel[funnel["urutan"] == 1]
    missing = lists.loc[~lists["daftar_dimuat"].astype(bool), "sumber_daftar"].tolist()
    overlap = funnel.loc[funnel["urutan"] == 2, "daftar_keluarga"]
    st.caption(
        "Satu keluarga dihitung sekali pada baris Semua daftar, walaupun ada di beberapa daftar; "
        f"baris 'Di lebih dari satu daftar' ({fmt.angka(overlap.iloc[0]) if len(overlap) else 0} "
        "keluarga) menunjukkan berapa yang ada di dua daftar atau lebih. Hasil verval satu "
        "keluarga = hasil verval terakhirnya."
    )
    if missing:
        st.warning(
            f"Daftar {', '.join(missing)} belum dimuat, jadi jumlah keluarga dalam daftar itu "
            "tidak diketahui (kolom Daftar kosong); Semua daftar hanya memuat keluarga daftar itu "
            "yang sudah diperiksa. Impor daftarnya di halaman Data.",
            icon="⚠️",
        )

# --- trend ------------------------------------------------------------------------------------
st.subheader("Tren keluarga miskin ekstrem")
# a province's trend per kab/kota: its 8 with the most extreme-poor keluarga, one colour each
TREN = "tren_miskin_ekstrem_kabupaten" if PER_KAB else "tren_miskin_ekstrem"
tren = ui.query(TREN, periode=f["periode"], **({} if PER_KAB else area))
if tren.empty and not k["berstatus_ekstrem"]:
    # a list without the extreme flag (Desember 2021, Desember 2022): no count to draw
    ui.empty(f"Daftar {fmt.periode(k['periode'])} tidak menandai keluarga miskin ekstrem.")
elif tren.empty:
    ui.empty("Belum ada data keluarga untuk digambar trennya.")
else:
    # The change comes from its query, hidden with its counts where they are small: the page
    # lays it out and computes nothing from the (possibly "<5" / "×") cells.
    ujung = ui.query("tren_miskin_ekstrem_perubahan", periode=f["periode"], **area).iloc[0]
    change = ujung["perubahan"]
    if isinstance(change, str):
        moved = f"(perubahan {change})"
    elif pd.isna(change) or change == 0:
        moved = "tetap"
    else:
        moved = f"turun {fmt.persen(-change)}" if change < 0 else f"naik {fmt.persen(change)}"
    # A hidden cell is no point of the line (a gap); it is named under the chart as it is shown.
    hidden = tren[tren["keluarga_miskin_ekstrem"].map(lambda v: isinstance(v, str))]
    drawn = tren.assign(
        keluarga_miskin_ekstrem=pd.to_numeric(tren["keluarga_miskin_ekstrem"], errors="coerce")
    )
    fig = trends.line(
        drawn,
        "periode",
        "keluarga_miskin_ekstrem",
        f"Keluarga miskin ekstrem {moved} dari {fmt.periode(ujung['periode_awal'])} ke "
        f"{fmt.periode(ujung['periode_akhir'])} "
        + (
            "(keluarga, 8 kabupaten/kota dengan jumlah terbanyak)"
            if PER_KAB
            else "(keluarga, per kecamatan)"
        ),
        color=UNIT,
        target=0,
        # no x-axis title: the period ticks say it, and the title sat on the legend row
        labels={
            "periode": "",
            "keluarga_miskin_ekstrem": "Keluarga miskin ekstrem",
            UNIT: UNIT_LABEL,
        },
    )
    ui.chart(fig, tren, TREN)
    if PER_KAB:
        st.caption(
            f"Delapan kabupaten/kota dengan keluarga miskin ekstrem terbanyak pada "
            f"{fmt.periode(ujung['periode_akhir'])}, satu warna masing-masing; semua "
            f"{fmt.angka(W.tabel()['kode_kab'].nunique())} kabupaten/kota ada di tab Per "
            "kabupaten/kota. Pilih Kabupaten/Kota di filter untuk tren per kecamatannya."
        )
    if not hidden.empty:
        st.caption(
            "Tidak digambar (jumlah kecil disembunyikan): "
            + "; ".join(
                f"{nama_unit(getattr(r, UNIT))} {fmt.periode(r.periode)}: "
                f"{r.keluarga_miskin_ekstrem}"
                for r in hidden.itertuples()
            )
            + "."
        )

    # BPS review M9: how the list changed, by cause (a named query), up to the chosen period
    komponen = ui.query("tren_miskin_ekstrem_komponen", periode=f["periode"], **area)
    if not komponen.empty:
        sebab = {
            "lulus": "Lulus (status 'keluar' saat pemantauan)",
            "meninggal_pindah": "Meninggal atau pindah",
            "dicoret_verval": "Dicoret saat verval",
            "keluar_lain": "Keluar tanpa alasan tercatat",
            "masuk": "Masuk (usulan/verval/pindah datang)",
        }
        panjang = komponen.melt(
            id_vars=["periode"], value_vars=list(sebab), var_name="sebab", value_name="keluarga"
        ).assign(
            sebab=lambda d: d["sebab"].map(sebab),
            keluarga=lambda d: pd.to_numeric(d["keluarga"], errors="coerce"),
        )
        fig = bars.bar(
            panjang,
            "periode",
            "keluarga",
            "Mengapa daftar berubah: keluarga yang keluar dari daftar dan yang masuk, per periode "
            "(keluarga)",
            labels={"periode": "Periode", "keluarga": "Keluarga", "sebab": "Sebab"},
            color="sebab",
            barmode="group",
        )
        # no number on every bar (a row of zeros is noise; the values are in the download);
        # the legend below the axis title, not on it
        fig.update_traces(texttemplate="")
        fig.update_layout(legend_y=-0.35)
        ui.chart(fig, komponen, "tren_miskin_ekstrem_komponen")
        st.caption(
            "Berkurangnya daftar SK karena meninggal, pindah atau dicoret saat verval bukan "
            "keluar dari kemiskinan: hanya 'lulus' yang berarti keluarga keluar dari kemiskinan "
            "ekstrem menurut pemantauan."
        )


# --- who they are: age and disability --------------------------------------------------------
def umur_disabilitas() -> None:
    """The period's extreme-poor jiwa by P3KE age band and disability (individu exports)."""
    st.subheader("Jiwa miskin ekstrem menurut umur dan disabilitas")
    umur = ui.query("jiwa_miskin_ekstrem_umur", periode=f["periode"], **area)
    if umur.empty:
        ui.empty(f"Daftar {fmt.periode(k['periode'])} tidak menandai keluarga miskin ekstrem.")
        return
    row = umur.set_index("kelompok_umur")
    semua, tanpa_data = row.loc["Semua", "jiwa"], row.loc["Keluarga tanpa data anggota", "jiwa"]
    if semua == 0:
        ui.empty(
            f"Tidak ada jiwa miskin ekstrem dalam daftar {fmt.periode(k['periode'])} di "
            f"{ui.wilayah_label(f)}."
        )
        return
    title = (
        f"{fmt.angka(row.loc['Semua', 'jiwa_disabilitas'])} penyandang disabilitas, "
        f"{fmt.angka(row.loc['≥ 60 tahun', 'jiwa'])} lansia (≥ 60) dan "
        f"{fmt.angka(row.loc['< 7 tahun', 'jiwa'])} anak di bawah 7 tahun di antara "
        f"{fmt.angka(semua)} jiwa miskin ekstrem ({fmt.periode(k['periode'])})"
    )
    ui.chart(bars.umur_disabilitas(umur, title), umur, "jiwa_miskin_ekstrem_umur")
    st.caption(
        "Hitungan dari daftar, bukan survei: tidak ada galat sampel, tetapi hanya selengkap "
        "ekspor individu. Anggota = ekspor individu terbaru sampai periode ini yang memuat "
        f"keluarganya (tiap NIK sekali); umur pada akhir periode. {fmt.angka(tanpa_data)} jiwa "
        "dari keluarga tanpa data anggota dihitung menurut jumlah anggota di daftar, umur dan "
        "disabilitasnya tidak diketahui. Disabilitas dari isian ekspor (kosong = tidak "
        "diketahui); grafik ini tidak mengukur berat disabilitas atau kebutuhan layanan."
        " Angka yang disembunyikan ('<5', '×') tidak digambar."
    )


umur_disabilitas()

# --- scorecard --------------------------------------------------------------------------------
st.subheader("Kartu skor tiga strategi")
st.caption(
    "Inpres 4/2022, dilanjutkan Inpres 8/2025. Panah hijau ▲ = bergerak ke arah yang "
    "diharapkan, merah ▼ = menjauh, hanya bila perubahan melebihi selang 95 %-nya; ● tidak "
    "berubah berarti = perubahan masih dalam selang itu; ● tanpa arah = indikator pemeriksaan "
    f"daftar, atau jumlah {KEL} kantong (ukuran pemusatan, bukan kemajuan); 'belum ada pembanding' = tidak ada periode untuk dibandingkan. "
    "Pembanding: daftar bertanda miskin ekstrem sebelumnya; angka sejak 1 Januari dibanding "
    "rentang yang sama tahun lalu."
    + (
        ""
        if k["berstatus_ekstrem"]
        else " Daftar periode ini tanpa status miskin ekstrem: indikator tentang keluarga miskin "
        "ekstrem kosong dan tidak dibandingkan."
    )
)


def pembanding(row) -> str:
    if pd.isna(row["periode_pembanding"]):
        return "–"
    if row["sejak_awal_tahun"]:
        return rentang_tahun(row["periode_pembanding"])
    return fmt.periode(row["periode_pembanding"])


def nilai(v, satuan):
    if pd.isna(v):
        return "–"
    return fmt.persen(v) if satuan == "persen" else f"{fmt.angka(v)} {satuan}"


def arah(row):
    if isinstance(row["membaik"], str):  # hidden with a value it compares
        return row["membaik"]
    if pd.isna(row["membaik"]):
        # no comparison at all, a change within its 95 % interval (skor_strategi's `arah`
        # words) or a row without direction: different things, said apart
        if pd.isna(row["periode_pembanding"]) or pd.isna(row["nilai_sebelumnya"]):
            return "belum ada pembanding"
        if isinstance(row.get("arah"), str) and row["arah"] not in ("membaik", "memburuk"):
            return f"● {row['arah']}"
        return "● tetap"
    return "▲ membaik" if row["membaik"] else "▼ memburuk"


WARNA_ARAH = {"▲": "color: #1a7f37", "▼": "color: #b00020", "●": "color: #555555"}


def warna(v) -> str:
    """The caption's colours: green towards the goal, red away, grey unchanged."""
    return WARNA_ARAH.get(str(v)[:1], "color: #555555")


for strategi, rows in skor.groupby("strategi", sort=True):
    st.markdown(f"**Strategi {strategi}: {rows['nama_strategi'].iloc[0]}**")
    table = pd.DataFrame(
        {
            "Indikator": rows["indikator"],
            fmt.periode(f["periode"]): [
                nilai(v, s) for v, s in zip(rows["nilai"], rows["satuan"], strict=True)
            ],
            "Sebelumnya": [
                nilai(v, s) for v, s in zip(rows["nilai_sebelumnya"], rows["satuan"], strict=True)
            ],
            "Pembanding": [pembanding(r) for _, r in rows.iterrows()],
            "Arah": [arah(r) for _, r in rows.iterrows()],
        }
    )
    st.dataframe(table.style.map(warna, subset=["Arah"]), hide_index=True, width="stretch")
ui.download(skor, "skor_strategi", "Unduh kartu skor")

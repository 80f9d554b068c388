"""Peta kantong kemiskinan: where the extreme-poor keluarga are, drilling down the region's
levels (a province: kab/kota → kecamatan → desa/kelurahan; a kab/kota: kecamatan → desa/kel.)."""

import pandas as pd
import streamlit as st

from pantau import daftar, fmt, pembeda, peta, ui, wilayah
from pantau.charts import kantong, maps

ui.guard("peta")
f = st.session_state["filters"]
periode = f["periode"]
unit = wilayah.dari()
t = peta.tingkat_peta(f, unit.adalah_provinsi)
st.title("Peta kantong kemiskinan")
st.caption(f"{ui.wilayah_label(f)} · {fmt.periode(periode)}")

kota = ui.query("peta_kelurahan", periode=periode)
if not peta.ada_data(kota):
    ui.empty(f"Belum ada data keluarga untuk periode {fmt.periode(periode)}.")
    st.stop()


def pilih_wilayah(level: str, chart_key: str):
    """A map click sets the sidebar filter, so the map and the filter always agree."""

    def on_select():
        code = peta.kode_terpilih(st.session_state.get(f"chart_{chart_key}"))
        if code:
            st.session_state.update(peta.pilihan_klik(level, code, unit.adalah_provinsi))

    return on_select


def ke_atas():
    st.session_state.update(t.naik)


def tombol_kembali() -> None:
    """One level up: the kab/kota (in a province), else the whole region."""
    if t.naik is None:
        return
    if t.naik.get("f_kab"):
        above = ui.wilayah_label({"kode_kab": t.naik["f_kab"]})
    else:
        above = "seluruh kota" if unit.jenis == "kota" else unit.nama
    st.button(f"← Kembali ke {above}", on_click=ke_atas)


# --- a list without the extreme flag ---------------------------------------------------------


def daftar_tanpa_tanda() -> None:
    """P3KE 2021, bansos 2022: a list, not "0 keluarga miskin ekstrem". Only its size is mapped;
    rates, intervals, the pocket index and the clusters need the flag and are not shown."""
    r = ui.query("beban_ringkasan", periode=periode).iloc[0]
    st.info(
        daftar.tanpa_tanda(
            periode,
            r["sumber_daftar"],
            r["keluarga"],
            "angkanya per 1.000 keluarga, indeks kantong dan klaster kantong",
        ),
        icon="ℹ️",
    )
    wilayah0 = ui.query(t.query, periode=periode, **t.params)
    fokus0 = wilayah0[peta.kolom_id(t.level)].tolist() if t.fokus else None
    key0 = f"peta_daftar_{t.induk or 'kota'}"
    fig = maps.peta_metrik(
        wilayah0,
        t.level,
        "daftar",
        peta.judul(wilayah0, t.level, "daftar", periode),
        sorot=f["kode_kel"],
        fokus=fokus0,
    )
    ui.chart(fig, wilayah0, key0, on_select=pilih_wilayah(t.level, key0), selection_mode="points")
    tombol_kembali()
    st.subheader("Klaster kantong kemiskinan (Local Moran's I)")
    ui.empty(peta.kalimat_klaster_tidak_dihitung(ui.query("peta_klaster", periode=periode)))


# --- map -------------------------------------------------------------------------------------


def pilih_metrik() -> str:
    """The chooser, kept in the URL (?metrik=) so a link opens the same map."""
    metrik_pilihan = peta.metrik_wilayah()
    keys = list(metrik_pilihan)
    metrik = st.radio(
        "Ukuran di peta",
        keys,
        index=keys.index(peta.metrik(st.query_params.get("metrik"))),
        format_func=lambda k: metrik_pilihan[k].label,
        horizontal=True,
        key="peta_metrik",
    )
    st.query_params["metrik"] = metrik
    return metrik


def peta_wilayah(wilayah: pd.DataFrame, metrik: str) -> None:
    """The metric map of the level the filters show, its captions and the way back up."""
    for lvl in unit.tingkat:
        _, _, error = peta.batas(lvl)
        if error:
            st.error(error)
    level = t.level
    fokus = wilayah[peta.kolom_id(level)].tolist() if t.fokus else None
    fig = maps.peta_metrik(
        wilayah,
        level,
        metrik,
        pembeda.judul_peta(wilayah, level, metrik, periode),
        sorot=f["kode_kel"],
        fokus=fokus,
    )
    ui.chart(fig, wilayah, key, on_select=pilih_wilayah(level, key), selection_mode="points")
    if samar := peta.kalimat_disamarkan(wilayah, level, metrik):
        st.caption(samar)
    if level != "kelurahan":
        below = unit.tingkat[unit.tingkat.index(level) + 1]
        st.caption(
            f"Klik sebuah {unit.label(level).lower()} untuk melihat {unit.label(below).lower()}nya."
        )
    else:
        st.caption(f"Klik sebuah {unit.label_desa_kecil} untuk menyorotnya dan melihat profilnya.")
    tombol_kembali()
    st.caption(peta.DEFINISI_DEPRIVASI)
    st.caption(
        peta.sumber(level, wilayah[peta.kolom_id(level)].tolist())[0].attrs.get("sumber", "")
    )


# --- uncertainty and the chosen unit's profile -------------------------------------------------


def selang(wilayah: pd.DataFrame) -> None:
    level = t.level
    with st.expander(
        "Seberapa pasti angka per wilayah? (selang 95 %)", expanded=level == "kecamatan"
    ):
        st.markdown(peta.penjelasan_selang())
        fig = kantong.grafik_selang(wilayah, peta.judul_selang(wilayah, level, periode), level)
        ui.chart(fig, wilayah, f"selang_{key}")


def profil(kode_kel: str) -> None:
    """The chosen desa/kelurahan's index, rank, count and uncovered count. The rank's N is the
    query's (peringkat_dari): the units ranked whose index the role sees, never a hidden one."""
    row = kota.loc[kota["kode_kel"] == kode_kel].iloc[0]
    st.subheader(unit.sebutan(row["kode_kel"], row["kelurahan"]))
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(c1, "Indeks kantong (0–100)", peta.teks_indeks(row["indeks_kantong"]))
    ui.kpi(
        c2,
        f"Peringkat di {unit.jenis}",
        peta.teks_peringkat(row["peringkat"], row["peringkat_dari"], row["indeks_kantong"]),
        help=(
            f"Peringkat di antara {unit.label_desa_kecil} yang berperingkat dan ditampilkan "
            f"(sedikitnya {peta.DASAR_INDEKS} keluarga dalam daftar; indeks yang disamarkan "
            "tidak diberi peringkat dan tidak dihitung)."
        ),
    )
    ui.kpi(c3, "Keluarga miskin ekstrem", peta.teks(row["keluarga_miskin_ekstrem"], "keluarga"))
    ui.kpi(
        c4,
        "Belum tercakup program (keluarga)",
        peta.teks(row["keluarga_belum_tercakup"], "keluarga"),
    )
    if pd.notna(pd.to_numeric(row["peringkat"], errors="coerce")):
        st.caption(
            f"Peringkat {fmt.angka(float(row['peringkat']))} dari "
            f"{fmt.angka(float(row['peringkat_dari']))} {unit.label_desa_kecil} yang berperingkat "
            "dan ditampilkan."
        )


# --- pocket index ranking --------------------------------------------------------------------


def peringkat_indeks(wilayah: pd.DataFrame) -> None:
    """The ranking chart and table; the chart shows the first 15 of a long list. Long by its
    three cases (every index hidden, no unit on the base, a ranking), each with its sentence."""
    level = t.level
    st.subheader(f"Peringkat {unit.label_desa_kecil} menurut indeks kantong kemiskinan")
    st.latex(peta.RUMUS_INDEKS)
    st.markdown(peta.penjelasan_indeks())
    if level == "kelurahan":
        peringkat = wilayah
    elif t.induk:  # a kab/kota of a province: its desa/kelurahan
        peringkat = ui.query("peta_kelurahan", periode=periode, kode_kec=t.induk)
    else:
        peringkat = kota
    # ranked rows: a numeric rank (a guest's hidden rows have "×" for the index and no rank)
    berperingkat = peringkat[pd.to_numeric(peringkat["peringkat"], errors="coerce").notna()]
    if berperingkat.empty and not peringkat["indeks_kantong"].isna().all():
        ui.empty(
            f"Indeks setiap {unit.label_desa_kecil} di sini disamarkan (dasar kecil): peringkat "
            "tidak ditampilkan; tabel di bawah memuat yang boleh ditampilkan."
        )
        st.dataframe(peta.tabel_peringkat(peringkat), hide_index=True)
        st.caption(peta.kalimat_batas_uji())
    elif peringkat["indeks_kantong"].isna().all():
        ui.empty(
            f"Tidak ada {unit.label_desa_kecil} di sini dengan sedikitnya {peta.DASAR_INDEKS} "
            "keluarga dalam "
            "daftar pada periode ini: indeks dan peringkat tidak diberikan pada dasar sekecil itu."
        )
        st.dataframe(peta.tabel_peringkat(peringkat), hide_index=True)
        st.caption(peta.kalimat_batas_uji())
    else:
        shown = peringkat if level == "kelurahan" else berperingkat.head(15)
        area = ui.wilayah_label({"kode_kec": kec, "kode_kab": t.induk})
        title = peta.judul_peringkat(peringkat, area, periode)
        fig = kantong.grafik_peringkat(shown, title, f["kode_kel"])
        ui.chart(fig, peringkat, f"peringkat_kantong_{t.induk or 'kota'}")
        if level != "kelurahan" and len(berperingkat) > 15:
            st.caption(
                f"Grafik: 15 {unit.label_desa_kecil} teratas dari {len(berperingkat)} yang berperingkat; "
                "tabel memuat semua."
            )
        st.dataframe(peta.tabel_peringkat(peringkat), hide_index=True)
        st.caption(peta.kalimat_batas_uji())


# --- hotspots --------------------------------------------------------------------------------


def klaster_kantong() -> None:
    """Local Moran's I on the full rows (every role sees the same clusters), or why not run."""
    st.subheader("Klaster kantong kemiskinan (Local Moran's I)")
    st.markdown(peta.penjelasan_hotspot())
    # Computed on the full rows, then suppressed: every role sees the same clusters.
    klaster = ui.query("peta_klaster", periode=periode)
    if not peta.cukup_untuk_klaster(klaster):
        ui.empty(peta.kalimat_klaster_tidak_dihitung(klaster))
    else:
        # a province with no significant cluster draws nothing (an empty map is no map): the
        # sentence below says there is none
        if len(peta.klaster_digambar(klaster, t.induk)):
            fig = maps.peta_klaster(klaster, peta.judul_klaster(klaster, periode), t.induk)
            ui.chart(fig, klaster, f"klaster_{t.induk or 'kota'}")
            if len(klaster) > peta.MAKS_FITUR:
                st.caption(peta.kalimat_klaster_digambar(klaster, t.induk))
        if not peta.batas("kelurahan")[1]:
            st.caption(
                "Tetangga dihitung dari peta perkiraan (tidak ada berkas batas); atur berkas batas "
                f"resmi (PANTAU_BATAS) agar klaster memakai batas {unit.label_desa_kecil} yang "
                "sebenarnya."
            )
        signifikan = peta.tabel_klaster(klaster)
        kosong = peta.kalimat_tanpa_klaster(klaster)
        if kosong:
            ui.empty(kosong)
        if not signifikan.empty:
            st.dataframe(signifikan, hide_index=True)


# --- the page, top to bottom -------------------------------------------------------------------

if not kota["berstatus_ekstrem"].fillna(False).astype(bool).any():
    daftar_tanpa_tanda()
    st.stop()

metrik = pilih_metrik()
kec = f["kode_kec"] or (f["kode_kel"] or "")[:8] or None
key = f"{t.query}_{t.induk}" if t.induk else t.query
wilayah = ui.query(t.query, periode=periode, **t.params)
peta_wilayah(wilayah, metrik)
selang(wilayah)
if f["kode_kel"]:
    profil(f["kode_kel"])
peringkat_indeks(wilayah)
klaster_kantong()

"""Peta kantong kemiskinan: where the extreme-poor keluarga are, kecamatan down to kelurahan."""

import streamlit as st

from pantau import daftar, fmt, pembeda, peta, ui

ui.guard("peta")
f = st.session_state["filters"]
periode = f["periode"]
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
        if code and level == "kecamatan":
            st.session_state["f_kec"], st.session_state["f_kel"] = code, ui.SEMUA
        elif code:
            st.session_state["f_kel"] = code

    return on_select


def ke_kota():
    st.session_state["f_kec"], st.session_state["f_kel"] = ui.SEMUA, ui.SEMUA


# --- a list without the extreme flag ---------------------------------------------------------

if not kota["berstatus_ekstrem"].fillna(False).astype(bool).any():
    # P3KE 2021, bansos 2022: a list, not "0 keluarga miskin ekstrem". Only its size is mapped;
    # rates, intervals, the pocket index and the clusters need the flag and are not shown.
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
    kec0 = f["kode_kec"] or (f["kode_kel"] or "")[:8] or None
    if kec0 is None:
        level0, wilayah0, fokus0 = "kecamatan", ui.query("peta_kecamatan", periode=periode), None
    else:
        level0 = "kelurahan"
        wilayah0 = ui.query("peta_kelurahan", periode=periode, kode_kec=kec0)
        fokus0 = wilayah0["kode_kel"].tolist()
    key0 = f"peta_daftar_{kec0 or 'kota'}"
    fig = peta.peta(
        wilayah0,
        level0,
        "daftar",
        peta.judul(wilayah0, level0, "daftar", periode),
        sorot=f["kode_kel"],
        fokus=fokus0,
    )
    ui.chart(fig, wilayah0, key0, on_select=pilih_wilayah(level0, key0), selection_mode="points")
    if kec0 is not None:
        st.button("← Kembali ke seluruh kota", on_click=ke_kota)
    st.subheader("Klaster kantong kemiskinan (Local Moran's I)")
    ui.empty(peta.kalimat_klaster_tidak_dihitung(ui.query("peta_klaster", periode=periode)))
    st.stop()


# --- map -------------------------------------------------------------------------------------

keys = list(peta.METRIK)
metrik = st.radio(
    "Ukuran di peta",
    keys,
    index=keys.index(peta.metrik(st.query_params.get("metrik"))),
    format_func=lambda k: peta.METRIK[k].label,
    horizontal=True,
    key="peta_metrik",
)
st.query_params["metrik"] = metrik

kec = f["kode_kec"] or (f["kode_kel"] or "")[:8] or None
for level in ("kecamatan", "kelurahan"):
    _, _, error = peta.batas(level)
    if error:
        st.error(error)

if kec is None:
    level, key = "kecamatan", "peta_kecamatan"
    wilayah = ui.query("peta_kecamatan", periode=periode)
    fokus = None
else:
    level, key = "kelurahan", f"peta_kelurahan_{kec}"
    wilayah = ui.query("peta_kelurahan", periode=periode, kode_kec=kec)
    fokus = wilayah["kode_kel"].tolist()

fig = peta.peta(
    wilayah,
    level,
    metrik,
    pembeda.judul_peta(wilayah, level, metrik, periode),
    sorot=f["kode_kel"],
    fokus=fokus,
)
ui.chart(fig, wilayah, key, on_select=pilih_wilayah(level, key), selection_mode="points")
if kec is None:
    st.caption("Klik sebuah kecamatan untuk melihat kelurahannya.")
else:
    st.caption("Klik sebuah kelurahan untuk menyorotnya dan melihat profilnya.")
    st.button("← Kembali ke seluruh kota", on_click=ke_kota)
st.caption(peta.DEFINISI_DEPRIVASI)
st.caption(peta.batas(level)[0].attrs.get("sumber", ""))

# --- uncertainty -----------------------------------------------------------------------------

with st.expander("Seberapa pasti angka per wilayah? (selang 95 %)", expanded=level == "kecamatan"):
    st.markdown(peta.PENJELASAN_SELANG)
    fig = peta.grafik_selang(wilayah, peta.judul_selang(wilayah, level, periode), level)
    ui.chart(fig, wilayah, f"selang_{key}")

if f["kode_kel"]:
    row = kota.loc[kota["kode_kel"] == f["kode_kel"]].iloc[0]
    st.subheader(f"Kel. {row['kelurahan']}")
    c1, c2, c3, c4 = st.columns(4)
    ranked = int(kota["indeks_kantong"].notna().sum())
    ui.kpi(c1, "Indeks kantong (0–100)", peta.teks_indeks(row["indeks_kantong"]))
    ui.kpi(c2, "Peringkat di kota", peta.teks_peringkat(row["peringkat"], ranked))
    ui.kpi(c3, "Keluarga miskin ekstrem", peta.teks(row["keluarga_miskin_ekstrem"], "keluarga"))
    ui.kpi(
        c4,
        "Belum tercakup program (keluarga)",
        peta.teks(row["keluarga_belum_tercakup"], "keluarga"),
    )

# --- pocket index ranking --------------------------------------------------------------------

st.subheader("Peringkat kelurahan menurut indeks kantong kemiskinan")
st.latex(peta.RUMUS_INDEKS)
st.markdown(peta.PENJELASAN_INDEKS)
peringkat = wilayah if level == "kelurahan" else kota
if peringkat["indeks_kantong"].isna().all():
    ui.empty(
        f"Tidak ada kelurahan di sini dengan sedikitnya {peta.DASAR_INDEKS} keluarga dalam "
        "daftar pada periode ini: indeks dan peringkat tidak diberikan pada dasar sekecil itu."
    )
    st.dataframe(peta.tabel_peringkat(peringkat), hide_index=True)
    st.caption(peta.kalimat_batas_uji())
else:
    shown = peringkat if level == "kelurahan" else peringkat.head(15)
    area = ui.wilayah_label({"kode_kec": kec})
    title = peta.judul_peringkat(peringkat, area, periode)
    fig = peta.grafik_peringkat(shown, title, f["kode_kel"])
    ui.chart(fig, peringkat, f"peringkat_kantong_{kec or 'kota'}")
    if level == "kecamatan":
        st.caption("Grafik: 15 kelurahan teratas dari 34; tabel memuat semua.")
    st.dataframe(peta.tabel_peringkat(peringkat), hide_index=True)
    st.caption(peta.kalimat_batas_uji())

# --- hotspots --------------------------------------------------------------------------------

st.subheader("Klaster kantong kemiskinan (Local Moran's I)")
st.markdown(peta.PENJELASAN_HOTSPOT)
# Computed on the full rows, then suppressed: every role sees the same clusters.
klaster = ui.query("peta_klaster", periode=periode)
if not peta.cukup_untuk_klaster(klaster):
    ui.empty(peta.kalimat_klaster_tidak_dihitung(klaster))
else:
    fig = peta.peta_klaster(klaster, peta.judul_klaster(klaster, periode))
    ui.chart(fig, klaster, "klaster")
    if not peta.batas("kelurahan")[1]:
        st.caption(
            "Tetangga dihitung dari peta perkiraan (tidak ada berkas batas); atur berkas batas "
            "resmi (PANTAU_BATAS) agar klaster memakai batas kelurahan yang sebenarnya."
        )
    signifikan = peta.tabel_klaster(klaster)
    kosong = peta.kalimat_tanpa_klaster(klaster)
    if kosong:
        ui.empty(kosong)
    if not signifikan.empty:
        st.dataframe(signifikan, hide_index=True)

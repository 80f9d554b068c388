"""Helpers of the poverty-pocket map page: metrics, boundaries with a fallback, map figures with
drill-down and highlight, the pocket index formula and the hotspot (Local Moran's I) wrapper."""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from pantau import charts, fmt, geo
from pantau.errors import PantauError

PUSAT_KOTA = {"lon": 112.91, "lat": -7.65}
ZOOM_KOTA = 12.0
# Degrees that fit the map's plot area at zoom 0 (512-px tiles: 512 px per 360°), for a
# 520-px-high figure (~400 px of map) and at least ~800 px of width.
_DERAJAT_Z0 = {"lat": 400 * 360 / 512, "lon": 800 * 360 / 512}
PERMUTASI = 999
SEED = 20240601
# Below this many kelurahan with a rate, permutation p-values of Local Moran's I degenerate
# (with 3 values every one came out "significant" at p = 0,001), so no cluster is claimed.
MIN_KLASTER = 10


@dataclass(frozen=True)
class Metrik:
    kolom: str
    label: str  # the chooser's option
    satuan: str  # what the number counts, for titles and the colour bar
    jenis: str  # "keluarga" (count), "rasio" (per 1.000) or "persen" (share 0-1)


METRIK: dict[str, Metrik] = {
    "miskin_ekstrem": Metrik(
        "keluarga_miskin_ekstrem", "Keluarga miskin ekstrem", "keluarga miskin ekstrem", "keluarga"
    ),
    "per_1000": Metrik(
        "per_1000_keluarga",
        "Per 1.000 keluarga dalam daftar",
        "keluarga miskin ekstrem per 1.000 keluarga dalam daftar",
        "rasio",
    ),
    "porsi_kota": Metrik(
        "porsi_kota", "Porsi dari total kota", "dari keluarga miskin ekstrem kota", "persen"
    ),
    "belum_tercakup": Metrik(
        "keluarga_belum_tercakup",
        "Belum tercakup program",
        "keluarga miskin ekstrem belum tercakup program apa pun",
        "keluarga",
    ),
    "lantai_tanah": Metrik(
        "porsi_lantai_tanah", "Lantai tanah", "keluarga miskin ekstrem berlantai tanah", "persen"
    ),
    "air_tidak_layak": Metrik(
        "porsi_air_tidak_layak",
        "Air minum tidak layak",
        "keluarga miskin ekstrem dengan air minum tidak layak",
        "persen",
    ),
    "tanpa_jamban": Metrik(
        "porsi_tanpa_jamban",
        "Tanpa jamban sendiri",
        "keluarga miskin ekstrem tanpa jamban sendiri",
        "persen",
    ),
    "bukan_pln": Metrik(
        "porsi_bukan_pln",
        "Penerangan bukan PLN",
        "keluarga miskin ekstrem dengan penerangan bukan listrik PLN",
        "persen",
    ),
}
METRIK_AWAL = "miskin_ekstrem"
EKSTREM = "keluarga_miskin_ekstrem"

DEFINISI_DEPRIVASI = (
    "Porsi deprivasi dihitung di antara keluarga miskin ekstrem yang isiannya diketahui: "
    "**lantai tanah** = jenis lantai 9 (tanah); **air minum tidak layak** = sumur tak "
    "terlindung, mata air tak terlindung, sungai/danau, atau air hujan; **tanpa jamban "
    "sendiri** = fasilitas BAB bersama, umum, atau tidak ada; **penerangan bukan PLN** = "
    "listrik non-PLN atau bukan listrik. **Tercakup** (program apa pun, semua strategi) = "
    "menerima penyaluran berstatus tersalur dalam 12 bulan sampai akhir periode atau terdaftar "
    "di program nasional (PKH, BPNT, PBI-JK, …)."
)

RUMUS_INDEKS = (
    r"\text{Indeks}_k = 100 \times \frac{1}{4}\left("
    r"\tilde{r}_k + \tilde{s}_k + \tilde{u}_k + \tilde{d}_k\right),\qquad "
    r"\tilde{x}_k = \frac{x_k - \min_j x_j}{\max_j x_j - \min_j x_j}"
)

PENJELASAN_INDEKS = (
    "$r$ = keluarga miskin ekstrem per 1.000 keluarga dalam daftar, $s$ = porsi dari keluarga "
    "miskin ekstrem kota, $u$ = porsi keluarga miskin ekstrem yang belum tercakup program, "
    "$d$ = rata-rata empat porsi deprivasi (lantai tanah, air minum tidak layak, tanpa jamban "
    "sendiri, penerangan bukan PLN). Setiap komponen diskalakan min–maks atas kelurahan yang "
    "punya keluarga dalam daftar periode ini (dari 34 kelurahan), sehingga 0 = terendah di kota "
    "dan 1 = tertinggi. Komponen yang tidak dapat dihitung (mis. tanpa keluarga miskin ekstrem) "
    "dilewati dan rata-rata diambil dari komponen yang ada. Indeks 100 = tertinggi pada semua "
    "komponen. Peringkat 1 = kantong terkuat; indeks membandingkan kelurahan satu sama lain, "
    "bukan ukuran mutlak."
)

KUADRAN_WARNA = {
    "Tinggi-Tinggi (kantong)": "#D55E00",
    "Tinggi-Rendah": "#E69F00",
    "Rendah-Tinggi": "#56B4E9",
    "Rendah-Rendah": "#0072B2",
    geo.NOT_SIGNIFICANT: "#e5e5e5",
    geo.NO_DATA: "#ffffff",
}

PENJELASAN_HOTSPOT = (
    "Klaster dihitung dengan **Local Moran's I** pada angka keluarga miskin ekstrem per 1.000 "
    "keluarga dalam daftar, dengan tetangga = kelurahan yang bersinggungan batas atau titik "
    "sudut (*queen contiguity*). **Signifikan** berarti p < 0,05: pola kelurahan dan "
    f"tetangganya lebih kuat daripada 95% dari {fmt.angka(PERMUTASI)} penataan acak angka yang "
    f"sama (permutasi dengan seed {SEED}, sehingga hasilnya sama setiap kali dihitung). "
    "**Tinggi-Tinggi** = kelurahan berangka tinggi yang dikelilingi kelurahan berangka tinggi "
    "(kantong); **Rendah-Rendah** = rendah dikelilingi rendah; **Tinggi-Rendah** = tinggi di "
    "tengah tetangga yang rendah (kantong terpencil); **Rendah-Tinggi** = rendah di tengah "
    "tetangga yang tinggi. Kelurahan lain tidak signifikan: polanya bisa terjadi secara acak."
)


def metrik(key: str | None) -> str:
    return key if key in METRIK else METRIK_AWAL


def teks(value, jenis: str) -> str:
    """A metric value in Indonesian notation with its unit sign."""
    if isinstance(value, str):  # a count suppressed for guests ("<5")
        return value
    if jenis == "persen":
        return fmt.persen(value)
    return fmt.angka(value, 1 if jenis == "rasio" else 0)


def ada_data(df: pd.DataFrame) -> bool:
    """Whether the period has any keluarga on its list (suppressed counts still count)."""
    return bool((pd.to_numeric(df["keluarga"], errors="coerce").fillna(1) > 0).any())


# --- boundaries ------------------------------------------------------------------------------


def _stamp(name: str) -> tuple[str, float]:
    value = os.environ.get(name, "").strip()
    try:
        return value, Path(value).stat().st_mtime if value else 0.0
    except OSError:
        return value, -1.0


@functools.lru_cache(maxsize=16)
def _batas(level: str, _files: tuple) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    try:
        gdf, official = geo.boundaries(level)
        return gdf, official, None
    except PantauError as err:
        message = f"{err} Peta perkiraan ditampilkan sebagai gantinya."
        return geo.approximate_boundaries(level), False, message


def batas(level: str) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    """Boundaries for `level`, whether they are official, and the error that made them fall back
    to the approximate map (None when the configured file, or none, was used)."""
    files = tuple(_stamp(name) for name in geo.ENV_BATAS.values())
    return _batas(level, files)


@functools.lru_cache(maxsize=16)
def _geojson(level: str, _files: tuple) -> dict:
    gdf, _, _ = _batas(level, _files)
    return geo.geojson(gdf, _id(level))


def geojson(level: str) -> dict:
    return _geojson(level, tuple(_stamp(name) for name in geo.ENV_BATAS.values()))


def _id(level: str) -> str:
    return "kode_kel" if level == "kelurahan" else "kode_kec"


# --- maps ------------------------------------------------------------------------------------


def tampilan(gdf: gpd.GeoDataFrame, id_col: str, codes: list[str] | None) -> tuple[dict, float]:
    """Map centre and zoom framing the regions `codes` (the city when None)."""
    if not codes:
        return PUSAT_KOTA, ZOOM_KOTA
    part = gdf[gdf[id_col].isin(codes)]
    if part.empty:
        return PUSAT_KOTA, ZOOM_KOTA
    x0, y0, x1, y1 = part.total_bounds
    zoom = min(
        math.log2(_DERAJAT_Z0["lat"] / max(y1 - y0, 1e-4)),
        math.log2(_DERAJAT_Z0["lon"] / max(x1 - x0, 1e-4)),
        14.0,
    )
    return {"lon": float(x0 + x1) / 2, "lat": float(y0 + y1) / 2}, float(zoom)


def judul(df: pd.DataFrame, level: str, key: str, periode: str | None) -> str:
    """The map's title: which region is highest on the metric, with unit and period."""
    m = METRIK[key]
    values = pd.to_numeric(df[m.kolom], errors="coerce")
    when = fmt.periode(periode)
    if values.isna().all():
        return f"Belum ada angka {m.satuan} untuk wilayah ini ({when})"
    if values.max() <= 0:
        return f"Tidak ada {m.satuan} di wilayah ini ({when})"
    top = df.loc[values.idxmax()]
    prefix = "Kel." if level == "kelurahan" else "Kec."
    name = top["kelurahan" if level == "kelurahan" else "kecamatan"]
    return f"{prefix} {name} tertinggi: {teks(top[m.kolom], m.jenis)} {m.satuan} ({when})"


def peta(
    df: pd.DataFrame,
    level: str,
    key: str,
    title: str,
    sorot: str | None = None,
    fokus: list[str] | None = None,
) -> go.Figure:
    """Choropleth of metric `key` per region; `sorot` (a code) is outlined; `fokus` (codes)
    frames the view. Labels the approximate map as such."""
    m = METRIK[key]
    id_col, name_col = _id(level), level
    gdf, official, _ = batas(level)
    frame = df.assign(
        nilai=pd.to_numeric(df[m.kolom], errors="coerce"),
        teks=[teks(v, m.jenis) for v in df[m.kolom]],
    )
    center, zoom = tampilan(gdf, id_col, fokus)
    fig = charts.choropleth(
        frame,
        geojson(level),
        id_col,
        "nilai",
        title,
        hover=name_col,
        center=center,
        zoom=zoom,
        labels={"nilai": m.label},
        approximate=not official,
    )
    # A share of 2 families reads differently from a share of 200: the hover says which.
    # A hidden share keeps its base out of the hover too: no line of it is built from a count
    # under 5.
    dasar = [
        "angka kecil disembunyikan"
        if isinstance(x, str)
        else f"dari {teks(v, 'keluarga')} keluarga miskin ekstrem"
        for x, v in zip(df[m.kolom], df[EKSTREM], strict=True)
    ]
    frame = frame.assign(dasar=dasar if m.kolom != EKSTREM else "")
    fig.update_traces(
        customdata=frame[["teks", "dasar"]].to_numpy(),
        hovertemplate=f"<b>%{{hovertext}}</b><br>%{{customdata[0]}} {m.satuan}"
        "<br>%{customdata[1]}<extra></extra>",
    )
    if m.jenis == "persen":
        fig.update_coloraxes(colorbar_tickformat=".0%")
    fig.update_coloraxes(colorbar_title_text="")
    if sorot:
        fig.add_trace(_garis_sorot(level, sorot))
    return fig


def _garis_sorot(level: str, code: str) -> go.Choroplethmap:
    """A thick outline drawn over one region, with no fill, so the chosen one stands out."""
    return go.Choroplethmap(
        geojson=geojson(level),
        locations=[code],
        z=[0],
        featureidkey="id",
        showscale=False,
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        marker_line_color="#000000",
        marker_line_width=4,
        hoverinfo="skip",
        name="terpilih",
    )


def kode_terpilih(event) -> str | None:
    """The code of the region clicked in a map's selection event (the first point)."""
    points = (event or {}).get("selection", {}).get("points", [])
    for point in points:
        if point.get("location"):
            return str(point["location"])
    return None


# --- ranking ---------------------------------------------------------------------------------


def judul_peringkat(df: pd.DataFrame, wilayah: str, periode: str | None) -> str:
    """The ranking's title: the strongest pocket of `wilayah` (e.g. "Kec. Purworejo")."""
    top = df.dropna(subset=["indeks_kantong"]).sort_values("peringkat").iloc[0]
    return (
        f"Kel. {top['kelurahan']} kantong kemiskinan terkuat di {wilayah}: indeks "
        f"{fmt.angka(top['indeks_kantong'], 1)} dari 100 ({fmt.periode(periode)})"
    )


def grafik_peringkat(df: pd.DataFrame, title: str, sorot: str | None = None) -> go.Figure:
    """Horizontal bars of the pocket index, highest first; the chosen kelurahan in orange."""
    frame = df.dropna(subset=["indeks_kantong"]).assign(
        label=lambda d: d["peringkat"].astype(int).astype(str) + ". " + d["kelurahan"],
        terpilih=lambda d: d["kode_kel"].eq(sorot or ""),
    )
    fig = charts.hbar(
        frame,
        "indeks_kantong",
        "label",
        title,
        labels={"indeks_kantong": "Indeks kantong (0–100)", "label": ""},
    )
    colours = [charts.PALETTE[1] if s else charts.PALETTE[0] for s in frame["terpilih"]]
    fig.update_traces(
        marker_color=colours,
        texttemplate="%{x:,.1f}",
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{x:,.1f}<extra></extra>",
    )
    fig.update_xaxes(range=[0, 110])
    # Room for the kelurahan names on the left and the axis title below the ticks.
    fig.update_layout(margin={"l": 160, "r": 10, "t": 60, "b": 50})
    return fig


def tabel_peringkat(df: pd.DataFrame) -> pd.DataFrame:
    """The ranking as people read it: Indonesian number notation, unit in each header."""
    return pd.DataFrame(
        {
            "Peringkat": [fmt.angka(v) for v in df["peringkat"].astype(float)],
            "Kelurahan": df["kelurahan"],
            "Kecamatan": df["kecamatan"],
            "Indeks kantong (0–100)": [fmt.angka(v, 1) for v in df["indeks_kantong"]],
            "Keluarga miskin ekstrem": [teks(v, "keluarga") for v in df["keluarga_miskin_ekstrem"]],
            "Per 1.000 keluarga": [fmt.angka(v, 1) for v in df["per_1000_keluarga"]],
            "Porsi kota": [fmt.persen(v) for v in df["porsi_kota"]],
            "Belum tercakup (keluarga)": [
                teks(v, "keluarga") for v in df["keluarga_belum_tercakup"]
            ],
            "Belum tercakup (%)": [fmt.persen(v) for v in df["porsi_belum_tercakup"]],
            "Rata-rata deprivasi (%)": [fmt.persen(v) for v in df["rata_deprivasi"]],
        }
    )


# --- hotspots --------------------------------------------------------------------------------


def _rate(df: pd.DataFrame) -> pd.Series:
    return pd.to_numeric(df["per_1000_keluarga"], errors="coerce")


def hitung_klaster(raw: pd.DataFrame) -> pd.DataFrame:
    """peta_kelurahan's full rows for the whole city with Local Moran's I of the rate per 1.000
    keluarga over all kelurahan on the kelurahan map: `I`, `p_sim`, `kuadran`, and `dihitung`
    (whether the kelurahan's rate entered the statistic). Run on the full rows only (through
    privacy.result("peta_klaster", …)), so every role sees the same clusters; with fewer than
    MIN_KLASTER rates no cluster is claimed (every kuadran "Tanpa data")."""
    out = raw.assign(dihitung=_rate(raw).notna())
    if int(out["dihitung"].sum()) < MIN_KLASTER:
        return out.assign(I=float("nan"), p_sim=float("nan"), kuadran=geo.NO_DATA)
    gdf, _, _ = batas("kelurahan")
    values = gdf[["kode_kel", "geometry"]].merge(
        raw[["kode_kel"]].assign(nilai=_rate(raw)), on="kode_kel", how="left"
    )
    hs = geo.hotspots(values, "nilai", "kode_kel", permutations=PERMUTASI, seed=SEED)
    # Every kelurahan of the map, in its order; one missing from the rows has no data.
    frame = hs[["kode_kel"]].merge(out, on="kode_kel", how="left")
    frame["dihitung"] = frame["dihitung"].fillna(False).astype(bool)
    return frame.merge(hs[["kode_kel", "I", "p_sim", "kuadran"]], on="kode_kel", how="left")


def cukup_untuk_klaster(hs: pd.DataFrame) -> bool:
    """Whether the statistic was computed (`hs` from privacy.result("peta_klaster", …))."""
    return int(hs["dihitung"].sum()) >= MIN_KLASTER


def judul_klaster(hs: pd.DataFrame, periode: str | None) -> str:
    when = fmt.periode(periode)
    hh = hs.loc[hs["kuadran"] == "Tinggi-Tinggi (kantong)", "kelurahan"].tolist()
    if hh:
        return (
            f"{len(hh)} kelurahan membentuk klaster kantong Tinggi-Tinggi: "
            f"{', '.join(hh)} (per 1.000 keluarga, {when})"
        )
    significant = int(hs["kuadran"].isin(list(KUADRAN_WARNA)[:4]).sum())
    if significant:
        return (
            f"Tidak ada klaster Tinggi-Tinggi; {significant} kelurahan signifikan pada pola "
            f"lain (per 1.000 keluarga, {when})"
        )
    return f"Tidak ada klaster yang signifikan (per 1.000 keluarga, {when})"


def peta_klaster(hs: pd.DataFrame, title: str) -> go.Figure:
    """The kelurahan map coloured by Local Moran's I cluster type."""
    gdf, official, _ = batas("kelurahan")
    frame = hs.assign(
        angka=[teks(v, "rasio") for v in hs["per_1000_keluarga"]],
        p=[fmt.angka(v, 3) for v in hs["p_sim"]],
    )
    fig = px.choropleth_map(
        frame,
        geojson=geojson("kelurahan"),
        locations="kode_kel",
        featureidkey="id",
        color="kuadran",
        color_discrete_map=KUADRAN_WARNA,
        category_orders={"kuadran": list(KUADRAN_WARNA)},
        map_style="white-bg",
        center=PUSAT_KOTA,
        zoom=ZOOM_KOTA,
        hover_name="kelurahan",
        custom_data=["kuadran", "angka", "p"],
        opacity=0.85,
    )
    fig.update_traces(
        marker_line_color="#333",
        marker_line_width=0.8,
        hovertemplate="<b>%{hovertext}</b><br>%{customdata[0]}<br>%{customdata[1]} per 1.000 "
        "keluarga<br>p = %{customdata[2]}<extra></extra>",
    )
    if not official:
        fig.add_annotation(
            text="Peta perkiraan (sel Voronoi dari titik pusat kelurahan), bukan batas resmi",
            x=0.01,
            y=0.01,
            xref="paper",
            yref="paper",
            showarrow=False,
            bgcolor="rgba(255,255,255,0.85)",
            font={"size": 11},
        )
    fig = charts.style(fig, title, height=520)
    fig.update_layout(
        margin={"l": 0, "r": 0, "t": 60, "b": 0},
        legend={
            "orientation": "v",
            "y": 0.98,
            "x": 0.99,
            "xanchor": "right",
            "bgcolor": "rgba(255,255,255,0.85)",
        },
    )
    return fig


def tabel_klaster(hs: pd.DataFrame) -> pd.DataFrame:
    """The significant kelurahan, strongest first, as people read them."""
    sig = hs[hs["kuadran"].isin(list(KUADRAN_WARNA)[:4])].sort_values("p_sim")
    return pd.DataFrame(
        {
            "Kelurahan": sig["kelurahan"],
            "Kecamatan": sig["kecamatan"],
            "Klaster": sig["kuadran"],
            "Per 1.000 keluarga": [teks(v, "rasio") for v in sig["per_1000_keluarga"]],
            "Local Moran's I": [v if isinstance(v, str) else fmt.angka(v, 2) for v in sig["I"]],
            "p": [fmt.angka(v, 3) for v in sig["p_sim"]],
        }
    )

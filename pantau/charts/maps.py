"""Every map: the tile-free choropleth, the Peta page's metric map (drill-down, highlight,
hidden units in grey), its Local Moran's I cluster map and the deck's static map drawn without
tiles or WebGL; a map drawn on approximate boundaries says so, in the words of `perkiraan()`."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import shapely

from pantau import catalogue, fmt, wilayah
from pantau.charts import SEQUENTIAL, memo, style
from pantau.peta import (
    DAFTAR,
    EKSTREM,
    KUADRAN_WARNA,
    SELANG,
    TANDA_DASAR_KECIL,
    batas,
    berkas_batas,
    geojson,
    klaster_digambar,
    kolom_id,
    metrik_wilayah,
    sumber,
    teks,
    teks_selang,
)


def perkiraan() -> str:
    """The note on a map drawn on approximate boundaries, in the region's word for its units."""
    return (
        "Peta perkiraan (sel Voronoi dari titik pusat "
        f"{wilayah.dari().label_desa_kecil}), bukan batas resmi"
    )


def _tandai_perkiraan(fig: go.Figure, x: float = 0.01, y: float = 0.01, **letak) -> None:
    """Write `perkiraan()` in the map's lower left corner."""
    fig.add_annotation(
        text=perkiraan(),
        x=x,
        y=y,
        xref="paper",
        yref="paper",
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        font={"size": 11},
        **letak,
    )


PUSAT_KOTA = {"lon": 112.91, "lat": -7.65}
ZOOM_KOTA = 12.0
# Degrees that fit the map's plot area at zoom 0 (512-px tiles: 512 px per 360°), for a
# 520-px-high figure (~400 px of map) and at least ~800 px of width.
_DERAJAT_Z0 = {"lat": 400 * 360 / 512, "lon": 800 * 360 / 512}


def tampilan(gdf: gpd.GeoDataFrame, id_col: str, codes: list[str] | None) -> tuple[dict, float]:
    """Map centre and zoom framing the regions `codes` (the city when None)."""
    if not codes and not gdf[id_col].str.startswith("35.75").all():
        codes = gdf[id_col].tolist()  # another region: frame all of it, not Kota Pasuruan
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


# The queries whose columns a map colours, in the order their labels are looked up: a column's
# words on the colour bar are its label in the first of these headers that has it.
KUERI_PETA = ("peta_kelurahan", "peta_kecamatan", "bantuan_cakupan_kelurahan")


def judul_warna(value: str, labels: dict | None) -> str:
    """The colour bar's title in words: the chart's own label, else the column's label in the
    map queries' headers (catalogue), else the column name as words."""
    if (labels or {}).get(value):
        return labels[value]
    for name in KUERI_PETA:
        kolom = catalogue.kolom(name, wilayah.dari())
        if value in kolom:
            return kolom[value].label
    return value.replace("_", " ").capitalize()


@memo
def choropleth(
    df,
    geojson: dict,
    locations: str,
    value: str,
    title: str,
    hover: str,
    center: dict,
    zoom: float = 11.6,
    labels=None,
    approximate: bool = False,
) -> go.Figure:
    fig = px.choropleth_map(
        df,
        geojson=geojson,
        locations=locations,
        featureidkey="id",
        color=value,
        color_continuous_scale=SEQUENTIAL,
        map_style="white-bg",
        center=center,
        zoom=zoom,
        hover_name=hover,
        labels=labels or {},
        opacity=0.85,
    )
    fig.update_traces(marker_line_color="#333", marker_line_width=0.8)
    # the colour bar names its figure in words, never a column name such as "cakupan"
    fig.update_layout(coloraxis_colorbar_title_text=judul_warna(value, labels))
    if approximate:
        _tandai_perkiraan(fig)
    fig = style(fig, title, height=520)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 60, "b": 0})
    return fig


# --- the Peta page's maps -------------------------------------------------------------------


def _keadaan() -> tuple:
    """What a Peta page map depends on besides its arguments, for the memo's key: the boundary
    files (configured, shipped and stored in the data directory, with their times) and the
    region of the data directory (its words, its approximate map)."""
    return (berkas_batas(), wilayah.kode())


def peta_metrik(
    df: pd.DataFrame,
    level: str,
    key: str,
    title: str,
    sorot: str | None = None,
    fokus: list[str] | None = None,
) -> go.Figure:
    """Choropleth of metric `key` per region; `sorot` (a code) is outlined; `fokus` (codes)
    frames the view. Labels the approximate map as such. Kept (memo) by its arguments and the
    boundaries and region it is drawn on: rebuilding it, and keying its GeoJSON, is most of a
    Peta page view."""
    return _peta_metrik(df, level, key, title, sorot, fokus, _keadaan())


@memo
def _peta_metrik(df, level, key, title, sorot, fokus, keadaan) -> go.Figure:
    m = DAFTAR if key == "daftar" else metrik_wilayah()[key]
    id_col, name_col = kolom_id(level), level
    codes = df[id_col].tolist()
    gdf, official, kind = sumber(level, codes)
    shapes = geojson(level, kind, codes)
    frame = df.assign(
        nilai=pd.to_numeric(df[m.kolom], errors="coerce"),
        teks=[teks(v, m.jenis) for v in df[m.kolom]],
    )
    center, zoom = tampilan(gdf, id_col, fokus)
    fig = choropleth(
        frame,
        shapes,
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
    frame = frame.assign(dasar=dasar if m.kolom not in (EKSTREM, DAFTAR.kolom) else "")
    bounds = SELANG.get(m.kolom)
    if bounds and all(b in df.columns for b in bounds):
        # The interval joins the base line: the hover keeps its two parts.
        selang = [
            f"<br>selang 95 %: {teks_selang(lo, hi, m.jenis)}"
            + (f" ({TANDA_DASAR_KECIL})" if k else "")
            for lo, hi, k in zip(df[bounds[0]], df[bounds[1]], df["dasar_kecil"], strict=True)
        ]
        frame = frame.assign(dasar=frame["dasar"] + pd.Series(selang, index=frame.index))
    fig.update_traces(
        customdata=frame[["teks", "dasar"]].to_numpy(),
        hovertemplate=f"<b>%{{hovertext}}</b><br>%{{customdata[0]}} {m.satuan}"
        "<br>%{customdata[1]}<extra></extra>",
    )
    if m.jenis == "persen":
        fig.update_coloraxes(colorbar_tickformat=".0%")
    # The colour scale starts at 0: from the lowest region up, a small difference looks like
    # the whole range of the city.
    top = frame["nilai"].max()
    fig.update_coloraxes(
        colorbar_title_text="", cmin=0, cmax=float(top) if pd.notna(top) and top > 0 else 1
    )
    hidden = frame[[isinstance(v, str) for v in df[m.kolom]]]
    if len(hidden):
        fig.add_trace(_disamarkan(shapes, hidden[id_col].tolist(), hidden[name_col].tolist()))
    if sorot:
        fig.add_trace(_garis_sorot(shapes, sorot))
    return fig


# A unit whose figure a guest may not see (a count 1-4, or what is derived from one) is drawn in
# its own grey with a legend entry, so it does not look like a unit without data.
DISAMARKAN = "Disamarkan (jumlah < 5)"
WARNA_DISAMARKAN = "#9e9e9e"


def _disamarkan(shapes: dict, codes: list[str], names: list[str]) -> go.Choroplethmap:
    return go.Choroplethmap(
        geojson=shapes,
        locations=codes,
        z=[1] * len(codes),
        featureidkey="id",
        colorscale=[[0, WARNA_DISAMARKAN], [1, WARNA_DISAMARKAN]],
        showscale=False,
        marker_opacity=0.85,
        marker_line_color="#333",
        marker_line_width=0.8,
        hovertext=names,
        hovertemplate="<b>%{hovertext}</b><br>disamarkan: jumlah < 5<extra></extra>",
        name=DISAMARKAN,
        showlegend=True,
    )


def _garis_sorot(shapes: dict, code: str) -> go.Choroplethmap:
    """A thick outline drawn over one region, with no fill, so the chosen one stands out."""
    return go.Choroplethmap(
        geojson=shapes,
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


def peta_klaster(hs: pd.DataFrame, title: str, induk: str | None = None) -> go.Figure:
    """The kelurahan map coloured by Local Moran's I cluster type (`klaster_digambar`),
    framed on what it draws (kept as `peta_metrik` is)."""
    return _peta_klaster(hs, title, induk, _keadaan())


@memo
def _peta_klaster(hs, title, induk, keadaan) -> go.Figure:
    hs = klaster_digambar(hs, induk)
    codes = hs["kode_kel"].tolist()
    gdf, official, kind = sumber("kelurahan", codes)
    center, zoom = tampilan(gdf, "kode_kel", codes)
    frame = hs.assign(
        angka=[teks(v, "rasio") for v in hs["per_1000_keluarga"]],
        p=[fmt.angka(v, 3) for v in hs["p_sim"]],
    )
    fig = px.choropleth_map(
        frame,
        geojson=geojson("kelurahan", kind, codes),
        locations="kode_kel",
        featureidkey="id",
        color="kuadran",
        color_discrete_map=KUADRAN_WARNA,
        category_orders={"kuadran": list(KUADRAN_WARNA)},
        map_style="white-bg",
        center=center,
        zoom=zoom,
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
        _tandai_perkiraan(fig)
    fig = style(fig, title, height=520)
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


# --- the deck's static map ------------------------------------------------------------------

NO_DATA = "#ffffff"

# A map names every unit up to this many (Kota Pasuruan: 34); above it, the marked ones only.
NAMA_SEMUA_MAKS = 60


def _colour(value: float, lo: float, hi: float) -> str:
    """The sequential palette's colour for `value` on [lo, hi], interpolated in RGB."""
    if value is None or np.isnan(value):
        return NO_DATA
    t = 0.0 if hi <= lo else (value - lo) / (hi - lo)
    stops = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in SEQUENTIAL]
    pos = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    k = min(int(pos), len(stops) - 2)
    a, b = stops[k], stops[k + 1]
    rgb = [round(a[j] + (b[j] - a[j]) * (pos - k)) for j in range(3)]
    return "#" + "".join(f"{c:02x}" for c in rgb)


def _rings(geometry) -> list[np.ndarray]:
    polygons = shapely.get_parts(geometry)
    return [np.asarray(p.exterior.coords) for p in polygons if p.geom_type == "Polygon"]


TINGKAT_WARNA = 24  # colour steps of a map with many units


def _peta_bertingkat(fig: go.Figure, order, values: pd.Series, lo: float, hi: float, tebal) -> None:
    """The units in one filled trace per colour step (TINGKAT_WARNA steps of the palette) and
    outline width, rings apart by gaps: a province's 8.494 desa were 8.494 traces, 12 s to
    build and too slow for the image renderer. No hover: the screen has its own map."""
    groups: dict[tuple[bool, str], list[np.ndarray]] = {}
    for code, geometry in order:
        v = values.get(code, np.nan)
        if not np.isnan(v) and hi > lo:
            v = lo + round((v - lo) / (hi - lo) * TINGKAT_WARNA) / TINGKAT_WARNA * (hi - lo)
        groups.setdefault((code in tebal, _colour(v, lo, hi)), []).extend(_rings(geometry))
    for (thick, colour), rings in sorted(groups.items()):  # the thick outlines last
        xs = np.concatenate([np.append(r[:, 0], np.nan) for r in rings])
        ys = np.concatenate([np.append(r[:, 1], np.nan) for r in rings])
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                line={"color": "#000000", "width": 3.2}
                if thick
                else {"color": "#555555", "width": 0.5},
                hoverinfo="skip",
                showlegend=False,
            )
        )


def peta_statis(
    df: pd.DataFrame,
    value: str,
    label: str,
    title: str,
    sorot: dict[str, str] | None = None,
    tebal: set[str] | None = None,
    legenda: tuple[str, str] | None = None,
) -> go.Figure:
    """Kelurahan polygons as filled scatter traces on equal-aspect axes, coloured by `value`;
    `sorot` maps codes to a short mark drawn on them (a rank); `tebal` are the codes outlined
    thick (the pockets). `legenda` names the thick outline and the marks in a legend below the
    map. No tiles, no WebGL, no network: the same figure on the screen and in the files."""
    gdf, official, _ = batas("kelurahan")
    values = pd.to_numeric(df.set_index("kode_kel")[value], errors="coerce")
    lo, hi = float(np.nanmin(values)) if values.notna().any() else 0.0, float(values.max() or 0)
    names = df.set_index("kode_kel")["kelurahan"]
    fig = go.Figure()
    tebal = tebal or set()
    # the thick outlines last, so a neighbour's thin line does not cover them
    order = sorted(zip(gdf["kode_kel"], gdf.geometry, strict=True), key=lambda cg: cg[0] in tebal)
    if len(gdf) > NAMA_SEMUA_MAKS:  # a kabupaten or a province: one trace per colour step
        _peta_bertingkat(fig, order, values, lo, hi, tebal)
        order = []
    for code, geometry in order:
        v = values.get(code, np.nan)
        for ring in _rings(geometry):
            fig.add_trace(
                go.Scatter(
                    x=ring[:, 0],
                    y=ring[:, 1],
                    mode="lines",
                    fill="toself",
                    fillcolor=_colour(v, lo, hi),
                    line={"color": "#000000", "width": 3.2}
                    if code in tebal
                    else {"color": "#555555", "width": 0.8},
                    hoverinfo="text",
                    text=f"{names.get(code, code)}: {fmt.angka(v, 1)}",
                    showlegend=False,
                )
            )
    # Every kelurahan carries its name (issue 12 §2: maps with names), small and on a white
    # halo so it reads on dark fills; a ranked one gets its rank above the name. Where the region
    # has more units than names fit on a slide (a kabupaten's 328 desa/kelurahan run into one
    # grey mass), only the ranked and the thick-outlined ones are named.
    marks = sorot or {}
    named = None if len(gdf) <= NAMA_SEMUA_MAKS else set(marks) | tebal
    # Set at once: plotly's add_annotation copies every annotation before it, so naming a
    # province's few hundred pockets one by one took seconds.
    labels = []
    for code, geometry in zip(gdf["kode_kel"], gdf.geometry, strict=True):
        if named is not None and code not in named:
            continue
        point = geometry.representative_point()
        labels.append(
            dict(
                x=point.x,
                y=point.y,
                text=str(names.get(code, "")),
                showarrow=False,
                font={"size": 8, "color": "#000000"},
                bgcolor="rgba(255,255,255,0.6)",
                borderpad=0,
                yshift=-8 if code in marks else 0,
            )
        )
    for code, mark in marks.items():
        row = gdf[gdf["kode_kel"] == code]
        if len(row):
            point = row.geometry.iloc[0].representative_point()
            labels.append(
                dict(
                    x=point.x,
                    y=point.y,
                    yshift=8,
                    text=f"<b>{mark}</b>",
                    showarrow=False,
                    font={"size": 13, "color": "#000000"},
                    bgcolor="rgba(255,255,255,0.9)",
                    bordercolor="#000000",
                    borderwidth=1,
                    borderpad=2,
                )
            )
    fig.update_layout(annotations=[*fig.layout.annotations, *labels])
    # An invisible trace carries the colour bar, since filled scatters have none of their own.
    fig.add_trace(
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            showlegend=False,
            hoverinfo="skip",
            marker={
                "colorscale": SEQUENTIAL,
                "cmin": lo,
                "cmax": hi,
                "color": [lo],
                "showscale": True,
                "colorbar": {"title": {"text": label, "side": "right"}, "thickness": 14},
            },
        )
    )
    if legenda:  # legend entries for the thick outline and the rank marks
        for name, line in zip(
            legenda,
            ({"color": "#000000", "width": 3.2}, {"color": "#000000", "width": 1}),
            strict=True,
        ):
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines" if line["width"] > 1 else "markers",
                    line=line,
                    marker={"symbol": "square-open", "size": 12, "color": "#000000"},
                    name=name,
                    showlegend=True,
                    hoverinfo="skip",
                )
            )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    if not official:  # in the corner, its box inside the figure
        _tandai_perkiraan(fig, x=0, y=0, xanchor="left", yanchor="bottom")
    fig = style(fig, title, height=520)
    fig.update_layout(plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 60, "b": 10})
    if legenda:
        fig.update_layout(
            legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font_size": 13},
            margin_b=40,
        )
    return fig

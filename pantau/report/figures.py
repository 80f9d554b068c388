"""Figures only the deck needs: a static kelurahan map drawn without tiles or WebGL, and a pass
that makes any figure readable when printed in black and white."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import shapely

from pantau import charts, fmt, geo, wilayah
from pantau.errors import PantauError

DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]
PATTERNS = ["", "/", ".", "x", "\\", "+"]
NO_DATA = "#ffffff"

# A map names every unit up to this many (Kota Pasuruan: 34); above it, the marked ones only.
NAMA_SEMUA_MAKS = 60


def batas_kelurahan() -> tuple[object, bool, str | None]:
    """Kelurahan boundaries, whether official, and why the approximate map was used instead."""
    try:
        gdf, official = geo.boundaries("kelurahan")
        return gdf, official, None
    except PantauError as err:
        return geo.approximate_boundaries("kelurahan"), False, str(err)


def _colour(value: float, lo: float, hi: float) -> str:
    """The sequential palette's colour for `value` on [lo, hi], interpolated in RGB."""
    if value is None or np.isnan(value):
        return NO_DATA
    t = 0.0 if hi <= lo else (value - lo) / (hi - lo)
    stops = [tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)) for c in charts.SEQUENTIAL]
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
    gdf, official, _ = batas_kelurahan()
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
                "colorscale": charts.SEQUENTIAL,
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
    if not official:
        fig.add_annotation(
            text="Peta perkiraan (sel Voronoi dari titik pusat "
            f"{wilayah.dari().label_desa_kecil}), bukan batas resmi",
            x=0,
            y=0,
            xref="paper",
            yref="paper",
            xanchor="left",
            yanchor="bottom",
            showarrow=False,
            font={"size": 11},
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig = charts.style(fig, title, height=520)
    fig.update_layout(plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 60, "b": 10})
    if legenda:
        fig.update_layout(
            legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top", "font_size": 13},
            margin_b=40,
        )
    return fig


def cetak_hitam_putih(fig: go.Figure) -> go.Figure:
    """Give each line its own dash and marker and each bar series its own hatching, so series
    stay apart when colour is lost on a black-and-white printout."""
    lines = [
        t
        for t in fig.data
        if t.type == "scatter"
        and t.mode
        and "lines" in t.mode
        and getattr(t, "fill", None) in (None, "none")
    ]
    for i, trace in enumerate(lines):
        trace.update(line_dash=DASHES[i % len(DASHES)], marker_symbol=SYMBOLS[i % len(SYMBOLS)])
    panels: dict = {}
    for trace in fig.data:
        if trace.type == "bar":
            panels.setdefault((trace.xaxis, trace.yaxis), []).append(trace)
    for bars in panels.values():
        if len({t.name for t in bars}) > 1:  # series side by side or stacked in one panel
            for i, trace in enumerate(bars):
                trace.update(marker_pattern_shape=PATTERNS[i % len(PATTERNS)])
    return fig


def sumbu_periode(fig: go.Figure, n: int, per_label: int = 6) -> go.Figure:
    """Upright period labels on a category axis, every k-th one, so they never overlap."""
    step = max(1, -(-n // per_label))
    fig.update_xaxes(tickangle=0, dtick=step, type="category")
    return fig


BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def periode_singkat(p: str | None) -> str:
    """'2024-06' → 'Jun 2024': axis labels that fit under a slide-sized chart."""
    if not p:
        return "–"
    year, month = str(p).split("-")[:2]
    return f"{BULAN_SINGKAT[int(month) - 1]} {year}"


def sumbu_pas(fig: go.Figure, height_px: int) -> go.Figure:
    """Wrap a y-axis title longer than the plot's height onto two lines (a long vertical title
    in a short chart ran up into the chart title: slide 5)."""
    import textwrap

    margin = fig.layout.margin
    # the x axis' ticks and a legend below take about 80 px whatever the margin says
    plot = height_px - (margin.t or 100) - max(margin.b or 0, 80)
    ax = fig.layout.yaxis
    title = ax.title.text or ""
    size = ax.title.font.size or 13
    if title and "<br>" not in title and len(title) * size * 0.56 > plot:
        ax.title.text = "<br>".join(textwrap.wrap(title, max(8, len(title) // 2 + 1)))
    return fig


def judul_pas(fig: go.Figure, width_px: int) -> go.Figure:
    """Wrap the title to the figure's width (plotly never wraps one and cuts it at the edge)
    and make room above the plot for its lines."""
    import textwrap

    title = (fig.layout.title.text or "").replace("<br>", " ")
    size = (fig.layout.title.font.size or 16) if fig.layout.title.font else 16
    # 0.56 em: the mean advance of Liberation Sans/Arial over Indonesian text with digits and
    # capitals; a narrower guess let titles run past the chart's edge ("… per bul").
    lines = textwrap.wrap(title, max(20, int(width_px / (size * 0.56)))) or [""]
    fig.update_layout(
        title_text="<br>".join(lines),
        margin_t=max(fig.layout.margin.t or 0, 24 + round(size * 1.35) * len(lines)),
    )
    return fig


# 14 pt on the slide (issue 12 §2, DPRD re-review N2): a chart image is placed at 96 px per
# inch, so 1 px prints as 0.75 pt and 14 pt needs 19 px.
HURUF_SLIDE_PX = 19


def huruf_min(fig: go.Figure, px: int = HURUF_SLIDE_PX) -> go.Figure:
    """A copy of `fig` whose every text (title, ticks, axis titles, bar labels, legend) is at
    least `px` pixels high: the file version of a chart read from the back of the room."""
    out = go.Figure(fig)

    def at_least(size) -> int:
        return max(size or 0, px)

    out.update_layout(
        font_size=at_least(out.layout.font.size),
        title_font_size=at_least(out.layout.title.font.size) + 2,
        legend_font_size=at_least(out.layout.legend.font.size),
    )
    out.update_xaxes(tickfont_size=px, title_font_size=px)
    out.update_yaxes(tickfont_size=px, title_font_size=px)
    for trace in out.data:
        if getattr(trace, "text", None) is not None and hasattr(trace, "textfont"):
            trace.textfont.size = at_least(trace.textfont.size)
    return out

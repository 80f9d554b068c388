"""Plotly figure builders: one palette, Indonesian number format, titles that state the finding.

Pages, the PowerPoint and the PDF all draw with these, so a chart looks the same everywhere.
Nothing here needs the network: maps use `choropleth_map` on a blank background.
"""

from __future__ import annotations

import functools
import textwrap
import threading
from collections import OrderedDict

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from pantau import wilayah

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
SEQUENTIAL = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
DIVERGING = ["#0072B2", "#f7f7f7", "#D55E00"]
FONT = "Arial, Helvetica, sans-serif"  # present everywhere; nothing is downloaded


MEMO_SIZE = 512  # figures kept per process, across sessions


def _memo_key(value):
    """A hashable stand-in for a builder argument; TypeError when there is none."""
    if isinstance(value, pd.DataFrame):
        digest = int(pd.util.hash_pandas_object(value, index=True).sum())
        return ("df", tuple(map(str, value.columns)), tuple(map(str, value.dtypes)), digest)
    if isinstance(value, pd.Series):
        return (
            "s",
            str(value.name),
            str(value.dtype),
            int(pd.util.hash_pandas_object(value).sum()),
        )
    if isinstance(value, dict):
        return ("d", tuple((k, _memo_key(v)) for k, v in sorted(value.items(), key=repr)))
    if isinstance(value, list | tuple):
        return ("l", tuple(_memo_key(v) for v in value))
    hash(value)
    return value


def memo(builder, copy=go.Figure):
    """Keep the figures a chart builder made, by its arguments (tables by their content).

    Every session that opens a page with the same data draws the same figures, and building a
    plotly figure costs far more than copying one: each call gets its own copy (`copy`), so a
    caller may change it freely. Arguments that cannot be keyed (a table holding lists) build
    afresh."""
    cache: OrderedDict = OrderedDict()
    lock = threading.Lock()

    @functools.wraps(builder)
    def wrapper(*args, **kwargs):
        try:
            key = (_memo_key(args), _memo_key(kwargs))
        except (TypeError, ValueError):
            return builder(*args, **kwargs)
        with lock:
            fig = cache.get(key)
            if fig is not None:
                cache.move_to_end(key)
        if fig is None:
            fig = builder(*args, **kwargs)
            with lock:
                cache[key] = fig
                while len(cache) > MEMO_SIZE:
                    cache.popitem(last=False)
        return copy(fig)

    return wrapper


def memo_tabel(builder):
    """`memo` for a builder of a table as people read it (thousands of cells each formatted by
    Babel: a province's 8,494 desa/kelurahan take a second to format, a copy milliseconds)."""
    return memo(builder, copy=pd.DataFrame.copy)


def wrap(title: str, width: int = 70) -> str:
    """Break a long finding over lines: plotly clips a title at the figure's edge."""
    return "<br>".join(textwrap.wrap(title, width)) if len(title) > width else title


def title_lines(title: str) -> int:
    """How many lines `wrap` breaks a title into."""
    return wrap(title).count("<br>") + 1


def style(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": wrap(title), "x": 0, "xanchor": "left", "font": {"size": 16}},
        separators=",.",
        colorway=PALETTE,
        font={"family": FONT, "size": 13},
        height=height,
        # room for every line of the title, so a long finding never overlaps the plot
        margin={"l": 10, "r": 10, "t": max(60, 34 + 22 * title_lines(title)), "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "title": None},
        plot_bgcolor="white",
        paper_bgcolor="white",
    )
    fig.update_xaxes(showgrid=False, linecolor="#888", automargin=True)
    fig.update_yaxes(gridcolor="#e5e5e5", zerolinecolor="#888", automargin=True)
    return fig


@memo
def bar(
    df: pd.DataFrame, x: str, y: str, title: str, labels: dict | None = None, **kw
) -> go.Figure:
    fig = px.bar(df, x=x, y=y, labels=labels or {}, color_discrete_sequence=PALETTE, **kw)
    fig.update_traces(texttemplate="%{value:,.0f}", textposition="outside", cliponaxis=False)
    return style(fig, title)


@memo
def hbar(
    df: pd.DataFrame, x: str, y: str, title: str, labels: dict | None = None, **kw
) -> go.Figure:
    height = kw.pop("height", max(300, 28 * len(df) + 100))
    fig = px.bar(
        df, x=x, y=y, orientation="h", labels=labels or {}, color_discrete_sequence=PALETTE, **kw
    )
    fig.update_yaxes(autorange="reversed")
    return style(fig, title, height=height)


TARGET_NASIONAL = (
    "Target nasional akhir 2026: tingkat kemiskinan ekstrem 0 % (jiwa, Susenas BPS);<br>"
    "jumlah keluarga di daftar ini bukan ukuran target itu"
)


@memo
def line(
    df, x: str, y: str, title: str, color: str | None = None, labels=None, target=None
) -> go.Figure:
    fig = px.line(
        df,
        x=x,
        y=y,
        color=color,
        markers=True,
        labels=labels or {},
        color_discrete_sequence=PALETTE,
    )
    if target is not None:
        # The national target is BPS's extreme-poverty RATE (persons, Susenas), not a count
        # of the SK list: it is named in words, never drawn as a "0 %" line on a count axis
        # (BPS review M9). The list can reach 0 by maintenance alone.
        fig.add_annotation(
            text=TARGET_NASIONAL,
            xref="paper",
            yref="paper",
            # top right: a falling line leaves it empty
            x=0.99,
            y=0.99,
            xanchor="right",
            yanchor="top",
            align="right",
            showarrow=False,
            font={"size": 11, "color": "#555555"},
            bgcolor="rgba(255,255,255,0.85)",
        )
    return style(fig, title)


@memo
def funnel(df: pd.DataFrame, stage: str, value: str, title: str) -> go.Figure:
    fig = go.Figure(
        go.Funnel(
            y=df[stage],
            x=df[value],
            texttemplate="%{value:,.0f}<br>%{percentInitial:.0%}",
            marker={"color": PALETTE[: len(df)]},
        )
    )
    return style(fig, title)


@memo
def histogram(
    df,
    x: str,
    title: str,
    line_at: float | None = None,
    line_label: str = "",
    labels=None,
    color=None,
) -> go.Figure:
    fig = px.histogram(
        df,
        x=x,
        color=color,
        nbins=40,
        labels=labels or {},
        color_discrete_sequence=PALETTE,
        barmode="overlay",
    )
    if line_at is not None:
        fig.add_vline(
            x=line_at,
            line_dash="dash",
            line_color="#D55E00",
            annotation_text=line_label,
            annotation_position="top right",
        )
    return style(fig, title)


@memo
def scatter(df, x: str, y: str, title: str, color=None, labels=None, diagonal=False) -> go.Figure:
    fig = px.scatter(
        df, x=x, y=y, color=color, opacity=0.6, labels=labels or {}, color_discrete_sequence=PALETTE
    )
    if diagonal and len(df):
        hi = float(max(df[x].max(), df[y].max()))
        fig.add_trace(
            go.Scatter(
                x=[0, hi],
                y=[0, hi],
                mode="lines",
                name="pendapatan = pengeluaran",
                line={"dash": "dot", "color": "#888"},
            )
        )
    return style(fig, title)


KATA_KOLOM = {
    "cakupan": "Cakupan (%)",
    "porsi_belum_tercakup": "Belum tercakup (%)",
    "per_1000_keluarga": "Miskin ekstrem per 1.000 keluarga",
    "keluarga_miskin_ekstrem": "Keluarga miskin ekstrem",
    "keluarga_belum_tercakup": "Keluarga belum tercakup",
    "indeks_kantong": "Indeks kantong (0–100)",
}


def judul_warna(value: str, labels: dict | None) -> str:
    """The colour bar's title in words: the chart's own label, else a known column's words,
    else the column name as words."""
    return (
        (labels or {}).get(value) or KATA_KOLOM.get(value) or value.replace("_", " ").capitalize()
    )


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
        fig.add_annotation(
            text="Peta perkiraan (sel Voronoi dari titik pusat "
            f"{wilayah.dari().label_desa_kecil}), bukan batas resmi",
            x=0.01,
            y=0.01,
            xref="paper",
            yref="paper",
            showarrow=False,
            bgcolor="rgba(255,255,255,0.85)",
            font={"size": 11},
        )
    fig = style(fig, title, height=520)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 60, "b": 0})
    return fig

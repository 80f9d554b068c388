"""Bars of counts: upright with their values, horizontal in row order, and the funnel of
stages (verval), in the shared palette and Indonesian number format."""

from __future__ import annotations

import re

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from pantau import catalogue
from pantau.charts import PALETTE, memo, style


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


# The parts of a count bar split by what is known of each person, in the order drawn.
WARNA_DISABILITAS = {
    "jiwa_disabilitas": PALETTE[3],
    "jiwa_tanpa_disabilitas": PALETTE[0],
    "jiwa_disabilitas_tidak_diketahui": "#bbbbbb",
}


def bagian_disabilitas() -> dict[str, tuple[str, str]]:
    """Each part's legend name and colour. The name is the query header's label
    (jiwa_miskin_ekstrem_umur `columns`) without its unit, which the axis already gives:
    "Penyandang disabilitas (jiwa)" → "Penyandang disabilitas"."""
    kolom = catalogue.kolom("jiwa_miskin_ekstrem_umur")
    return {c: (tanpa_satuan(kolom[c].label), w) for c, w in WARNA_DISABILITAS.items()}


def tanpa_satuan(label: str) -> str:
    """A header label without its closing unit in brackets ("Tanpa disabilitas (jiwa)")."""
    return re.sub(r"\s*\([^()]*\)$", "", label)


@memo
def umur_disabilitas(df: pd.DataFrame, title: str) -> go.Figure:
    """Jiwa per age group (rows of `jiwa_miskin_ekstrem_umur` but its total), each bar split
    by disability: penyandang, tanpa, tidak diketahui. A row whose parts a guest may not see
    ("<5", "×") is drawn whole, as its jiwa, in grey ("rincian disamarkan"); a hidden jiwa is
    not drawn."""
    rows = df[df["kelompok_umur"] != "Semua"]
    hidden = rows[list(WARNA_DISABILITAS)].map(lambda v: isinstance(v, str)).any(axis=1)

    def part(col: str, name: str, shown: pd.Series, **marker) -> go.Bar:
        return go.Bar(
            y=rows["kelompok_umur"],
            x=pd.to_numeric(rows[col], errors="coerce").where(shown),
            name=name,
            orientation="h",
            marker=marker,
            hovertemplate="%{y}: %{x:,.0f} jiwa<extra>" + name + "</extra>",
        )

    traces = [part(c, n, ~hidden, color=k) for c, (n, k) in bagian_disabilitas().items()]
    if hidden.any():
        name = "Rincian disamarkan (ada bagian < 5)"
        traces.append(part("jiwa", name, hidden, color="#dddddd", pattern_shape="/"))
    fig = go.Figure(traces)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    return style(fig, title, height=max(320, 30 * len(rows) + 140))

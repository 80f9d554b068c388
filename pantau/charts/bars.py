"""Bars of counts: upright with their values, horizontal in row order, and the funnel of
stages (verval), in the shared palette and Indonesian number format."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

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

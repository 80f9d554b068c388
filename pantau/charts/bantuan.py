"""Plotly builders the Bantuan page needs beyond `bars`: shares in percent, a coverage grid,
grouped and stacked bars, all in the shared palette and Indonesian number format."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from pantau.charts import PALETTE, SEQUENTIAL, memo, style, title_lines

STATUS_COLOURS = {"Tersalur": PALETTE[2], "Gagal": PALETTE[3], "Retur": PALETTE[1]}
MUTED = "#9a9a9a"


def finish(fig: go.Figure, title: str, height: int) -> go.Figure:
    """`charts.style`, plus a wrapped title and axes that make room for their own labels."""
    fig = style(fig, title, height=height + 20 * (title_lines(title) - 1))
    # style() keeps a 10 px margin; without automargin long category labels are cut off.
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


@memo
def share_hbar(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    labels: dict | None = None,
    text: str | None = None,
    **kw,
) -> go.Figure:
    """Horizontal bars of a 0-1 share, axis and labels in percent; `text` names a label column."""
    height = kw.pop("height", max(260, 34 * len(df) + 120))
    fig = px.bar(
        df,
        x=x,
        y=y,
        orientation="h",
        labels=labels or {},
        text=text,
        color_discrete_sequence=PALETTE,
        **kw,
    )
    # 'auto': inside a bar wide enough to hold the label, else after it.
    fig.update_traces(
        textposition="auto",
        insidetextanchor="end",
        cliponaxis=False,
        **({} if text else {"texttemplate": "%{x:.1%}"}),
    )
    fig.update_xaxes(tickformat=".0%", range=[0, 1.15])
    fig.update_yaxes(autorange="reversed")
    return finish(fig, title, height)


@memo
def count_hbar(
    df: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    labels: dict | None = None,
    text: str | None = None,
    highlight: str | None = None,
    rupiah: bool = False,
    muted_prefix: str | None = None,
) -> go.Figure:
    """Horizontal bars of counts (or Rupiah) in row order, labelled; the `highlight` row stands
    out, rows starting with `muted_prefix` (a remainder such as 'Kombinasi lain') are grey."""
    fig = px.bar(
        df,
        x=x,
        y=y,
        orientation="h",
        labels=labels or {},
        text=text,
        color_discrete_sequence=PALETTE,
    )
    colours = [
        PALETTE[3]
        if v == highlight
        else (MUTED if muted_prefix and str(v).startswith(muted_prefix) else PALETTE[0])
        for v in df[y]
    ]
    fig.update_traces(
        textposition="outside",
        cliponaxis=False,
        marker_color=colours,
        **({} if text else {"texttemplate": "%{x:,.0f}"}),
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(range=[0, float(df[x].max() or 1) * 1.3])
    if rupiah:
        fig.update_xaxes(tickprefix="Rp ", tickformat=",.0f")
    elif df[x].max() < 10:  # whole families only: no 0,2-keluarga ticks
        fig.update_xaxes(dtick=1)
    return finish(fig, title, max(260, 34 * len(df) + 120))


@memo
def coverage_grid(
    df: pd.DataFrame,
    x: str,
    y: str,
    z: str,
    text: str,
    title: str,
    x_order: list[str],
    y_order: list[str],
    hover: str | None = None,
) -> go.Figure:
    """Rows × columns of a 0-1 share, each cell labelled; blank where the share is undefined.
    `hover`: a text column shown on hover instead of the label (e.g. with the interval)."""
    grid = df.pivot(index=y, columns=x, values=z).reindex(index=y_order, columns=x_order)
    labels = df.pivot(index=y, columns=x, values=text).reindex(index=y_order, columns=x_order)
    tips = (
        df.pivot(index=y, columns=x, values=hover).reindex(index=y_order, columns=x_order)
        if hover
        else labels
    )
    fig = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(dtype=float),
            x=x_order,
            y=y_order,
            text=labels.fillna("").to_numpy(),
            texttemplate="%{text}",
            textfont={"size": 11},
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=1,
            colorbar={"tickformat": ".0%", "title": {"text": "cakupan"}},
            customdata=tips.fillna("").to_numpy(),
            hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>",
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed", showgrid=False)
    fig.update_xaxes(side="top", showgrid=False)
    fig = finish(fig, title, max(300, 30 * len(y_order) + 160))
    # The title at the very top and room under it for the slanted programme names (which
    # automargin does not count under a title of several lines).
    fig.update_layout(
        margin={"t": fig.layout.margin.t + 110},
        title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 26}},
    )
    return fig


@memo
def grouped_bar(
    df: pd.DataFrame,
    x: str,
    y: str,
    color: str,
    title: str,
    labels: dict | None = None,
    rupiah: bool = False,
    share: bool = False,
) -> go.Figure:
    """Bars side by side per `color`; values labelled in Rupiah, percent or plain numbers."""
    fig = px.bar(
        df,
        x=x,
        y=y,
        color=color,
        barmode="group",
        labels=labels or {},
        color_discrete_sequence=PALETTE,
    )
    template = "%{y:.1%}" if share else ("Rp %{y:,.0f}" if rupiah else "%{y:,.0f}")
    fig.update_traces(texttemplate=template, textposition="outside", cliponaxis=False)
    if share:
        fig.update_yaxes(tickformat=".0%", range=[0, 1.15])
    elif rupiah:
        fig.update_yaxes(tickprefix="Rp ", tickformat=",.0f")
    return finish(fig, title, 400)


@memo
def status_bar(df: pd.DataFrame, y: str, title: str) -> go.Figure:
    """Stacked 100 % bars of disbursement status per row of `y` (columns Tersalur/Gagal/Retur)."""
    fig = go.Figure()
    for status, colour in STATUS_COLOURS.items():
        fig.add_trace(
            go.Bar(
                y=df[y],
                x=df[status],
                name=status,
                orientation="h",
                marker_color=colour,
                # Only segments wide enough to hold their label get one; hover shows them all.
                text=[f"{v:.1%}".replace(".", ",") if v >= 0.05 else "" for v in df[status]],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                hovertemplate=f"%{{y}} · {status}: %{{x:.1%}}<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(tickformat=".0%", range=[0, 1])
    fig.update_yaxes(autorange="reversed")
    fig.update_layout(legend={"traceorder": "normal"})
    return finish(fig, title, max(260, 40 * len(df) + 140))


@memo
def trend(
    df: pd.DataFrame, x: str, bars: str, line: str, title: str, bar_name: str, line_name: str
) -> go.Figure:
    """Counts as bars on the left axis and a Rupiah line on the right axis, over periods."""
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=df[x],
            y=df[bars],
            name=bar_name,
            marker_color=PALETTE[4],
            texttemplate="%{y:,.0f}",
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=df[x],
            y=df[line],
            name=line_name,
            yaxis="y2",
            mode="lines+markers",
            line={"color": PALETTE[0], "width": 3},
            hovertemplate="%{x}: Rp %{y:,.0f}<extra></extra>",
        )
    )
    fig = finish(fig, title, 400)
    # Fixed ranges: the bars' labels get headroom and the Rupiah axis gets round ticks even
    # when there is a single period (autorange then picks ticks like Rp 659.619).
    top_bar = float(df[bars].max() or 0) or 1.0
    top_line = float(df[line].fillna(0).max()) or 1.0
    fig.update_layout(
        yaxis={"title": bar_name, "range": [0, top_bar * 1.35]},
        yaxis2={
            "title": line_name,
            "range": [0, top_line * 1.15],
            "tickmode": "auto",  # not synced to the left axis, whose steps are not round Rupiah
            "overlaying": "y",
            "side": "right",
            "tickprefix": "Rp ",
            "tickformat": ",.0f",
            "showgrid": False,
            "automargin": True,
        },
        xaxis={"type": "category"},
    )
    return fig

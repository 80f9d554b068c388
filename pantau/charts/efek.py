"""Charts of the strategy-2 comparisons (stats.efek_modal_usaha rows): Kaplan–Meier curves of
the share still extreme-poor and the event-study plot of income, each with its 95 % interval."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pantau import charts, fmt

WARNA = {"penerima": charts.PALETTE[1], "pembanding": charts.PALETTE[0]}


def _angka(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s, errors="coerce")


@charts.memo
def kaplan_meier(df: pd.DataFrame, title: str, nama: dict[str, str]) -> go.Figure:
    """Step curves per group (`nama`: group → legend label) with a shaded 95 % band."""
    fig = go.Figure()
    for grp in ("pembanding", "penerima"):
        part = df[(df["jenis"] == "km") & (df["kelompok"] == grp)].sort_values("k")
        if part.empty:
            continue
        k, s = _angka(part["k"]), _angka(part["estimasi"])
        lo, hi = _angka(part["bawah"]), _angka(part["atas"])
        colour = WARNA[grp]
        # The band as explicit steps: each bound holds from its quarter to the next.
        xs = [x for a, b in zip(k, [*k[1:], k.iloc[-1]], strict=True) for x in (a, b)]
        top = [v for v in hi for _ in (0, 1)]
        bottom = [v for v in lo for _ in (0, 1)]
        fig.add_trace(
            go.Scatter(
                x=xs + xs[::-1],
                y=top + bottom[::-1],
                mode="lines",
                fill="toself",
                fillcolor=colour,
                opacity=0.15,
                line={"width": 0},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        fig.add_trace(
            go.Scatter(
                x=k,
                y=s,
                mode="lines+markers",
                line={"shape": "hv", "color": colour, "width": 3},
                name=nama[grp],
                customdata=[
                    [fmt.persen(a), fmt.persen(b), fmt.persen(c)]
                    for a, b, c in zip(s, lo, hi, strict=True)
                ],
                hovertemplate="Triwulan ke-%{x}: %{customdata[0]} masih miskin ekstrem"
                "<br>95%: %{customdata[1]} – %{customdata[2]}<extra></extra>",
            )
        )
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%", title="Masih miskin ekstrem")
    fig.update_xaxes(title="Triwulan sejak mulai program", dtick=1)
    fig = charts.style(fig, title, height=420)
    # Inside the plot, top right: the curves start at 100 % on the left and fall, so that corner
    # is empty (bottom left sat on the curves where they fall fast; below the axis it ran into
    # the axis title on the smaller slide).
    fig.update_layout(
        legend={
            "x": 0.99,
            "y": 0.99,
            "xanchor": "right",
            "yanchor": "top",
            "orientation": "v",
            "bgcolor": "rgba(255,255,255,0.85)",
        }
    )
    return fig


@charts.memo
def event_study(df: pd.DataFrame, title: str) -> go.Figure:
    """Recipients minus comparison income per quarter relative to the grant (k = -1 = 0), with
    95 % intervals as error bars; pre-grant quarters (leads) in grey."""
    part = df[df["jenis"] == "event"].sort_values("k")
    k, est = _angka(part["k"]), _angka(part["estimasi"])
    lo, hi = _angka(part["bawah"]), _angka(part["atas"])
    colours = ["#888888" if v < 0 else charts.PALETTE[1] for v in k]
    fig = go.Figure(
        go.Scatter(
            x=k,
            y=est,
            mode="markers",
            marker={"size": 11, "color": colours},
            error_y={"type": "data", "symmetric": False, "array": hi - est, "arrayminus": est - lo},
            customdata=[
                [fmt.rupiah(a), fmt.rupiah(b), fmt.rupiah(c)]
                for a, b, c in zip(est, lo, hi, strict=True)
            ],
            hovertemplate="Triwulan %{x}: selisih %{customdata[0]}<br>95%: %{customdata[1]} – "
            "%{customdata[2]}<extra></extra>",
            showlegend=False,
        )
    )
    fig.add_hline(y=0, line_color="#444", line_width=1)
    fig.add_vline(x=-0.5, line_dash="dot", line_color="#444")
    fig.add_annotation(
        x=-0.5, y=1, yref="paper", text="mulai program", showarrow=False, xanchor="left"
    )
    fig.update_xaxes(
        title="Triwulan relatif terhadap triwulan mulai (−1 = acuan)", dtick=1, zeroline=False
    )
    # a short vertical title: a long one ran up into the chart title on the slide
    fig.update_yaxes(title="Selisih (Rp per bulan)", tickformat=",.0f")
    return charts.style(fig, title, height=420)

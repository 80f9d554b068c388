"""Chart builders of the spending-burden page: binned spending against the extreme line, ratios
by area, FGT indices and the income–spending sample; styled like every chart by `charts.style`.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from pantau import fmt
from pantau.charts import PALETTE, memo, style

GARIS = "#D55E00"
# TANPA_TANDA: the families of a list without the extreme flag (beban_histogram, beban_sebaran):
# they are not "bukan miskin ekstrem", the list says nothing of it.
TANPA_TANDA = "Semua keluarga dalam daftar"
KELOMPOK = ["Miskin ekstrem", "Bukan miskin ekstrem", TANPA_TANDA]
WARNA = {"Miskin ekstrem": PALETTE[3], "Bukan miskin ekstrem": PALETTE[0], TANPA_TANDA: PALETTE[0]}


@memo
def histogram_kelipatan(df: pd.DataFrame, title: str, garis: float) -> go.Figure:
    """Families per 0.1-wide bin of spending per person ÷ the line, one panel per group."""
    groups = [g for g in KELOMPOK if g in set(df["kelompok"])]
    fig = make_subplots(
        rows=len(groups),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.14,
        subplot_titles=[f"{g} (keluarga)" for g in groups],
    )
    fig.update_annotations(x=0, xanchor="left", font={"size": 13})
    top = float(df["kelipatan_bawah"].max())
    for row, group in enumerate(groups, start=1):
        fig.add_trace(_bins(df[df["kelompok"] == group], group), row=row, col=1)
        fig.add_vline(x=1.0, line_dash="dash", line_color=GARIS, row=row, col=1)
    fig.add_annotation(
        x=1.0,
        y=1.0,
        xref="x",
        yref="paper",
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        text=f" garis ekstrem {fmt.rupiah(garis)} per jiwa",
        font={"color": GARIS, "size": 12},
    )
    ticks = [t / 2 for t in range(int(top * 2) + 1)]
    fig.update_xaxes(tickvals=ticks, ticktext=[_tick(t, top) for t in ticks], range=[0, top + 0.1])
    fig.update_xaxes(
        title_text="Pengeluaran per kapita ÷ garis kemiskinan ekstrem", row=len(groups), col=1
    )
    fig.update_yaxes(tickformat=",.0f")
    fig = style(fig, title, height=240 + 200 * len(groups))
    fig.update_layout(showlegend=False, bargap=0.05, margin={"t": 90})
    return _room(fig)


def _bins(part: pd.DataFrame, group: str) -> go.Bar:
    upper = part["pengeluaran_per_kapita_atas"]
    rentang = [
        f"{fmt.rupiah(lo)} – {fmt.rupiah(hi)}" if pd.notna(hi) else f"{fmt.rupiah(lo)} ke atas"
        for lo, hi in zip(part["pengeluaran_per_kapita_bawah"], upper, strict=True)
    ]
    return go.Bar(
        x=part["kelipatan_bawah"] + 0.05,
        y=part["keluarga"],
        width=0.1,
        name=group,
        marker_color=WARNA[group],
        customdata=rentang,
        hovertemplate="%{customdata} per jiwa per bulan<br>%{y:,.0f} keluarga<extra></extra>",
    )


def _tick(t: float, top: float) -> str:
    label = fmt.angka(t, 1) + "×"
    return f"≥{label}" if t >= top and t >= 3 else label


@memo
def rasio_wilayah(
    df: pd.DataFrame,
    value: str,
    title: str,
    label: str,
    persen: bool,
    acuan: float | None = None,
    acuan_label: str = "",
) -> go.Figure:
    """Grouped horizontal bars of one ratio per area, extreme-poor beside the others."""
    fig = px.bar(
        df,
        x=value,
        y="wilayah",
        color="kelompok",
        orientation="h",
        barmode="group",
        category_orders={"kelompok": KELOMPOK},
        color_discrete_map=WARNA,
        labels={value: label, "wilayah": "", "kelompok": ""},
    )
    fig.update_traces(
        texttemplate="%{x:.0%}" if persen else "%{x:,.2f}×",
        textposition="outside",
        cliponaxis=False,
    )
    top = float(df[value].max()) if df[value].notna().any() else 0.0
    fig.update_xaxes(
        tickformat=".0%" if persen else ",.1f", range=[0, max(top, acuan or 0, 0.01) * 1.15]
    )
    fig.update_yaxes(autorange="reversed")
    if acuan is not None:
        fig.add_vline(x=acuan, line_dash="dot", line_color="#555")
        fig.add_annotation(
            x=acuan,
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            showarrow=False,
            text=acuan_label,
            font={"size": 11, "color": "#555"},
        )
    fig = style(fig, title, height=max(300, 30 * len(df) + 160))
    # legend above the bars, so the axis title below has the space to itself
    fig.update_layout(legend={"y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"})
    return _room(fig)


@memo
def fgt_kecamatan(df: pd.DataFrame, title: str) -> go.Figure:
    """P0, P1 and P2 side by side per kecamatan and for the city."""
    long = df.melt(id_vars="kecamatan", value_vars=["p0", "p1", "p2"], var_name="indeks")
    long["indeks"] = long["indeks"].map(
        {
            "p0": "P0 ekstrem (% jiwa dalam daftar)",
            "p1": "P1 ekstrem (kedalaman)",
            "p2": "P2 ekstrem (keparahan)",
        }
    )
    colours = [PALETTE[3], PALETTE[1], PALETTE[5]]
    labels = {"kecamatan": "", "value": "indeks (×100)", "indeks": ""}
    if len(df) > 12:  # a province's 38 kab/kota (or a big kabupaten): names down the side
        fig = px.bar(
            long, x="value", y="kecamatan", color="indeks", barmode="group", orientation="h",
            color_discrete_sequence=colours, labels=labels,
        )  # fmt: skip
        fig.update_traces(texttemplate="%{x:,.2f}", textposition="outside", cliponaxis=False)
        fig.update_yaxes(autorange="reversed")
        fig = style(fig, title, height=160 + 42 * len(df))
        # the legend above the bars, below the title (which keeps its own lines of room)
        fig.update_layout(
            legend={"y": 1.0, "yanchor": "bottom", "x": 0, "xanchor": "left"},
            margin={"t": fig.layout.margin.t + 34},
        )
        return _room(fig)
    fig = px.bar(
        long, x="kecamatan", y="value", color="indeks", barmode="group",
        color_discrete_sequence=colours, labels=labels,
    )  # fmt: skip
    fig.update_traces(texttemplate="%{y:,.2f}", textposition="outside", cliponaxis=False)
    return _room(style(fig, title, height=420))


@memo
def fgt_kelurahan(df: pd.DataFrame, title: str, pilih: str | None = None) -> go.Figure:
    """P0 per kelurahan, highest first, with its 95 % interval (the family as the cluster,
    fgt_kelurahan's p0_bawah/p0_atas) as error bars; a kelurahan resting on fewer than 30
    families is marked * (hati-hati: dasar kecil); the chosen kelurahan stands out."""
    num = {c: pd.to_numeric(df[c], errors="coerce") for c in ("p0", "p0_bawah", "p0_atas")}
    data = df.assign(**num).dropna(subset=["p0"]).sort_values("p0", ascending=False)
    colours = [PALETTE[3] if k == pilih or pilih is None else "#bbbbbb" for k in data["kode_kel"]]
    small = data["dasar_kecil"].fillna(False).astype(bool) if "dasar_kecil" in data else False
    labels = [f"{n} *" if k else n for n, k in zip(data["kelurahan"], small, strict=True)]
    lo = (data["p0"] - data["p0_bawah"]).clip(lower=0).fillna(0)
    hi = (data["p0_atas"] - data["p0"]).clip(lower=0).fillna(0)
    selang = [
        "–" if pd.isna(a) or pd.isna(b) else f"{fmt.angka(a, 1)}–{fmt.angka(b, 1)}%"
        for a, b in zip(data["p0_bawah"], data["p0_atas"], strict=True)
    ]
    basis = [
        f"{_teks(k)} keluarga, {_teks(j)} jiwa"
        for k, j in zip(data["keluarga_dihitung"], data["jiwa_dihitung"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=data["p0"],
            y=labels,
            orientation="h",
            marker_color=colours,
            error_x={
                "type": "data",
                "symmetric": False,
                "array": hi,
                "arrayminus": lo,
                "color": "#444",
                "thickness": 1.2,
            },
            customdata=list(zip(data["p1"], data["p2"], selang, basis, strict=True)),
            hovertemplate="%{y}<br>P0 %{x:,.2f}% (selang 95 %: %{customdata[2]})"
            "<br>P1 %{customdata[0]:,.2f}<br>P2 %{customdata[1]:,.2f}"
            "<br>dasar: %{customdata[3]}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text="P0 ekstrem: jiwa dalam daftar di bawah garis ekstrem (%), selang 95 %",
        ticksuffix="%",
    )
    fig.update_yaxes(autorange="reversed")
    top = data["p0_atas"].max() if data["p0_atas"].notna().any() else data["p0"].max()
    fig.update_xaxes(range=[0, float(top) * 1.05 if pd.notna(top) and top > 0 else 1])
    fig = _room(style(fig, title, height=max(300, 26 * len(data) + 140)))
    # a little air between a title of several lines and the first bar
    return fig.update_layout(margin={"t": fig.layout.margin.t + 16})


def _teks(value) -> str:
    return value if isinstance(value, str) else fmt.angka(value)


@memo
def sebaran(df: pd.DataFrame, title: str, garis: float) -> go.Figure:
    """Income against spending per person, the extreme line on both axes and the break-even."""
    fig = px.scatter(
        df,
        x="pendapatan_per_kapita",
        y="pengeluaran_per_kapita",
        color="kelompok",
        category_orders={"kelompok": KELOMPOK},
        color_discrete_map=WARNA,
        opacity=0.55,
        labels={
            "pendapatan_per_kapita": "Pendapatan per kapita (Rp per jiwa per bulan)",
            "pengeluaran_per_kapita": "Pengeluaran per kapita (Rp per jiwa per bulan)",
            "kelompok": "",
        },
    )
    fig.update_traces(marker={"size": 6})
    fig.data = fig.data[::-1]  # the few extreme-poor points drawn on top of the many others
    hi = _batas(df)
    fig.add_trace(
        go.Scatter(
            x=[0, hi],
            y=[0, hi],
            mode="lines",
            name="pendapatan = pengeluaran",
            line={"dash": "dot", "color": "#777"},
            hoverinfo="skip",
        )
    )
    fig.add_hline(
        y=garis,
        line_dash="dash",
        line_color=GARIS,
        annotation_text=f"garis ekstrem {fmt.rupiah(garis)}",
        annotation_position="top right",
        annotation_font_color=GARIS,
    )
    fig.add_vline(x=garis, line_dash="dash", line_color=GARIS)
    # a little room below 0, so families with no income (x = 0) are not cut in half by the axis
    span = [-0.02 * hi, hi]
    fig.update_xaxes(range=span, tickformat=",.0f", tickprefix="Rp ")
    fig.update_yaxes(range=span, tickformat=",.0f", tickprefix="Rp ")
    return _room(style(fig, title, height=520))


def _room(fig: go.Figure) -> go.Figure:
    """Let tick labels and axis titles push the margins instead of being cut at the edge."""
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    return fig


def _batas(df: pd.DataFrame) -> float:
    """An axis end that keeps the few very high incomes from squeezing everyone else."""
    q = df[["pendapatan_per_kapita", "pengeluaran_per_kapita"]].quantile(0.98).max()
    return float(q) * 1.1 if pd.notna(q) and q > 0 else 1.0

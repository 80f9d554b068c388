"""The pocket ranking (the index, highest first, pockets marked) and the rates with their 95 %
Wilson intervals, as the Peta page draws them under its map."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from pantau import charts, peta, wilayah
from pantau.charts import bars


def grafik_peringkat(df: pd.DataFrame, title: str, sorot: str | None = None) -> go.Figure:
    """Horizontal bars of the pocket index, highest first; the chosen kelurahan in orange; ◆ =
    a pocket by the one definition, * = a rank resting on fewer than peta.DASAR_KECIL extreme-poor
    keluarga (dasar_kecil)."""
    frame = df.assign(_k=peta.status_kantong(df)).dropna(subset=["indeks_kantong"])
    # a guest's hidden index (a kelurahan with 1-4 extreme-poor keluarga) draws no bar
    frame = frame[frame["indeks_kantong"].map(lambda v: not isinstance(v, str))]
    frame = frame.assign(indeks_kantong=frame["indeks_kantong"].astype(float))
    if frame.empty:  # every index hidden: an empty chart with its title, no label to build
        return charts.style(go.Figure(), title)
    frame = frame.assign(
        label=lambda d: (
            d["peringkat"].astype(int).astype(str)
            + ". "
            + pd.Series(wilayah.dari().nama_jelas(d["kode_kel"], d["kelurahan"]), index=d.index)
            + d["_k"].map(lambda k: " ◆" if k else "")
            + d["dasar_kecil"].map(lambda k: " *" if k is True else "")
        ),
        terpilih=lambda d: d["kode_kel"].eq(sorot or ""),
    )
    fig = bars.hbar(
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
    # The title names every pocket (B4) and may wrap to several lines: room above the bars.
    lines = (fig.layout.title.text or "").count("<br>") + 1
    fig.update_layout(margin={"l": 160, "r": 10, "t": max(60, 30 + 22 * lines), "b": 50})
    return fig


def grafik_selang(df: pd.DataFrame, title: str, level: str) -> go.Figure:
    """Extreme-poor keluarga per 1.000 listed keluarga per region with its 95 % Wilson interval
    as error bars, highest first; a region resting on a small base in grey."""
    name = level  # the name column: kelurahan, kecamatan or kabupaten_kota
    frame = df.assign(
        nilai=pd.to_numeric(df["per_1000_keluarga"], errors="coerce"),
        lo=pd.to_numeric(df["per_1000_bawah"], errors="coerce"),
        hi=pd.to_numeric(df["per_1000_atas"], errors="coerce"),
    ).dropna(subset=["nilai", "lo", "hi"])
    frame = frame.sort_values("nilai")
    small = frame["dasar_kecil"].astype(bool)
    colours = ["#aaaaaa" if k else charts.PALETTE[0] for k in small]
    names = frame[name].tolist()
    if level == "kelurahan":  # two desa of one name get their kecamatan
        names = wilayah.dari().nama_jelas(frame["kode_kel"], names)
    labels = [f"{n} *" if k else n for n, k in zip(names, small, strict=True)]
    fig = go.Figure(
        go.Scatter(
            x=frame["nilai"],
            y=labels,
            mode="markers",
            marker={"size": 10, "color": colours},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": frame["hi"] - frame["nilai"],
                "arrayminus": frame["nilai"] - frame["lo"],
                "color": "#555",
            },
            customdata=[
                [peta.teks(v, "rasio"), peta.teks(a, "rasio"), peta.teks(b, "rasio")]
                for v, a, b in zip(frame["nilai"], frame["lo"], frame["hi"], strict=True)
            ],
            hovertemplate="<b>%{y}</b><br>%{customdata[0]} per 1.000 keluarga<br>"
            "selang 95 %: %{customdata[1]}–%{customdata[2]}<extra></extra>",
        )
    )
    fig.update_xaxes(title="Keluarga miskin ekstrem per 1.000 keluarga (selang 95 % Wilson)")
    # from 0, as the map's colour scale: a start at the lowest bound magnifies the differences
    top = frame["hi"].max() if len(frame) else None
    fig.update_xaxes(range=[0, float(top) * 1.05 if top is not None and top > 0 else 1])
    fig = charts.style(fig, title, height=max(320, 90 + 22 * len(frame)))
    fig.update_layout(margin={"l": 150, "r": 20})
    return fig

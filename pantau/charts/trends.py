"""Lines over periods, with the national target named in words (never drawn as a line)."""

from __future__ import annotations

import plotly.express as px
import plotly.graph_objects as go

from pantau.charts import PALETTE, memo, style
from pantau.teks import TARGET_NASIONAL


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

"""What the deck does to any figure: readable when printed in black and white, period axes and
titles that fit a slide, type large enough for the back of the room (its static map is
`charts.maps.peta_statis`)."""

from __future__ import annotations

import plotly.graph_objects as go

DASHES = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"]
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x", "star"]
PATTERNS = ["", "/", ".", "x", "\\", "+"]


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

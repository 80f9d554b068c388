"""Every figure builder, one module by what it draws; here what they share: one palette,
Indonesian number format, titles that state the finding, and the memo that keeps built figures.

Pages, the PowerPoint and the PDF all draw with these, so a chart looks the same everywhere:
`bars`, `trends` (lines over periods), `maps` (every map, nothing fetched from the network),
`kantong` (the pocket ranking and intervals), `bantuan`, `beban`, `efek` (their pages' charts).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import textwrap
import threading
from collections import OrderedDict

import pandas as pd
import plotly.graph_objects as go

# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
SEQUENTIAL = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
FONT = "Arial, Helvetica, sans-serif"  # present everywhere; nothing is downloaded


MEMO_SIZE = 512  # figures kept per process, across sessions


def _digest(value: pd.DataFrame | pd.Series) -> str:
    """The table's pickle, hashed: its columns, types, index and every cell in order (a table
    sorted another way is another key; the order is what a bar chart or a CSV shows). Equal
    pickles unpickle to equal tables; two equal tables that pickle apart only miss the memo.
    About ten times faster than pandas' row hashes on the text columns of a query result."""
    return hashlib.blake2b(pickle.dumps(value, protocol=5), digest_size=16).hexdigest()


def _memo_key(value):
    """A hashable stand-in for a builder argument; TypeError when there is none."""
    if isinstance(value, pd.DataFrame):
        return ("df", _digest(value))
    if isinstance(value, pd.Series):
        return ("s", _digest(value))
    if isinstance(value, dict):
        return ("d", tuple((k, _memo_key(v)) for k, v in sorted(value.items(), key=repr)))
    if isinstance(value, list | tuple):
        return ("l", tuple(_memo_key(v) for v in value))
    hash(value)
    return value


class _Geojson(dict):
    """A map's GeoJSON (every polygon's points) shared by the copies of its figure: deepcopy
    gives it back as it is. No caller edits one, and copying it was most of a Peta page view."""

    def __deepcopy__(self, memo):
        return self


def figure_copy(fig: go.Figure) -> go.Figure:
    """A figure equal to `fig` (the same JSON), built from its properties without plotly's
    checks: they were checked when `fig` was built, and checking them again is most of what
    `go.Figure(fig)` costs (40 ms for a grouped bar chart where this takes 5, every view). The figure
    deep-copies what it is given, so a caller may change its copy freely; GeoJSON excepted."""
    if fig.frames:
        return go.Figure(fig)
    for trace in fig._data:
        shapes = trace.get("geojson")
        if isinstance(shapes, dict) and not isinstance(shapes, _Geojson):
            trace["geojson"] = _Geojson(shapes)
    props = {"data": fig._data, "layout": fig._layout}
    props |= {"_grid_str": fig._grid_str, "_grid_ref": fig._grid_ref}
    return go.Figure(props, _validate=False)


def memo(builder, copy=figure_copy):
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
        except (TypeError, ValueError, AttributeError, pickle.PicklingError):
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
    """The shared look: font, palette, Indonesian separators, a title wrapped over its lines."""
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

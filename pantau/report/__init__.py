"""Reports for DPRD delegations and leadership: the deck's content built once (`deck`, from the
model in `model` and one module per slide in `slides`), laid out as PowerPoint, PDF and Excel by
the writers, and shown slide by slide on the Paparan page.

The names below load on first use (PEP 562): `python -m pantau` registers the `report` command
from `pantau.report.cli` on every run, and importing the deck's slides (the maps, geopandas,
esda) cost every other command, `status` included, seconds of start-up."""

from importlib import import_module

_HOME = {
    "build_deck": "pantau.report.deck",
    "Deck": "pantau.report.model",
    "Chart": "pantau.report.model",
    "Slide": "pantau.report.model",
    "Table": "pantau.report.model",
}
__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        return getattr(import_module(_HOME[name]), name)
    raise AttributeError(f"module 'pantau.report' has no attribute {name!r}")

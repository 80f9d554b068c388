"""Reports for DPRD delegations and leadership: the deck's content built once (`deck`, from the
model in `model` and one module per slide in `slides`), laid out as PowerPoint, PDF and Excel by
the writers, and shown slide by slide on the Paparan page."""

from pantau.report.deck import build_deck
from pantau.report.model import Deck, Grafik, Slide, Table

__all__ = ["Deck", "Grafik", "Slide", "Table", "build_deck"]

"""Reports for DPRD delegations and leadership: the deck's content built once (`deck`), laid out
as PowerPoint, PDF and Excel by the writers, and shown slide by slide on the Paparan page."""

from pantau.report.deck import Deck, Grafik, Slide, Tabel, build_deck

__all__ = ["Deck", "Grafik", "Slide", "Tabel", "build_deck"]

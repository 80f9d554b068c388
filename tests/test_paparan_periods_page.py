"""Every period of the period list opens on the Paparan page (issue 12 §1): the flagless and
early periods of the demo (Des 2021, Des 2022, Mar–Sep 2023) used to crash the page.

Time: the page builds each period's deck for the role that opens it (seconds each). The guest
chooses every one of the 18 demo periods and walks every slide of each; the Kepala, whose deck
differs in its numbers only, chooses the periods that crashed and the latest and walks all of
theirs. The decks and files of every period are checked in tests/test_paparan_periods.py."""

from __future__ import annotations

import re

import pytest
from lakes import open_page
from test_paparan_periods import CRASHED, lake_of_keluarga_only, periods

from pantau.report.context import Context


@pytest.mark.parametrize("role", ["kepala", "tamu"])
def test_page_opens_every_period_from_its_own_chooser(demo_lake, monkeypatch, role):
    """Each period chosen on the slide page itself shows its first slide, without an error."""
    at = open_page(demo_lake, monkeypatch, "pages/paparan.py", role=role)
    every = chosen(periods(demo_lake), role)
    listed = Context(demo_lake, None, "tamu").query("periode_list")
    flagged = set(listed.loc[listed["berstatus_ekstrem"].astype(bool), "periode"])
    for periode in every:
        at.selectbox(key="paparan_periode").set_value(periode).run()
        assert not at.exception, (periode, at.exception)
        assert not at.error, (periode, [e.value for e in at.error])
        assert at.query_params["periode"] == periode
    # the chooser keeps the slide shown (the cover stays the cover; tests/test_paparan_browser.py):
    # each period's slides are walked from slide 1 in a page opened at that period
    for periode in every:
        at = open_page(
            demo_lake, monkeypatch, "pages/paparan.py", role=role, periode=periode, slide="1"
        )
        assert not at.exception, (periode, at.exception)
        assert not at.error, (periode, [e.value for e in at.error])
        total = jumlah_slide(at)
        # the six slides of a flagged list, or fewer where the empty ones of a flagless list
        # (or of a period with no list, e.g. verval only) are one (N12)
        assert total == 6 if periode in flagged else total < 6, (periode, total)
        for n in range(2, total + 1):
            at.button(key="berikutnya").click().run()
            assert not at.exception, (periode, n, at.exception)
            assert f"slide {n} dari {total}" in " ".join(c.value for c in at.caption)


def chosen(every: list[str], role: str) -> list[str]:
    """The periods `role` opens: all of them for the guest; for the Kepala those that crashed
    and the latest (the guest walks the others; the Kepala's deck differs in its numbers)."""
    return every if role == "tamu" else [p for p in every if p in CRASHED] + [every[-1]]


def jumlah_slide(at) -> int:
    """N of the caption "slide 1 dari N" the page shows."""
    caption = " ".join(c.value for c in at.caption)
    return int(re.search(r"slide 1 dari (\d+)", caption).group(1))


def test_a_lake_with_only_keluarga_shows_every_slide(tmp_path, monkeypatch):
    at = open_page(lake_of_keluarga_only(tmp_path), monkeypatch, "pages/paparan.py", slide="1")
    # no verval and no modal usaha: those two are one "Data belum tersedia" slide (N12)
    assert jumlah_slide(at) == 5
    for n in range(1, 6):
        assert not at.exception and not at.error, n
        assert f"slide {n} dari 5" in " ".join(c.value for c in at.caption)
        if n < 5:
            at.button(key="berikutnya").click().run()

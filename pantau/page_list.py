"""The dashboard's pages in menu order: the one list navigation, policy, tests and benches read.

A new page is one entry here and its file in pages/; `privacy.PAGES` then says which roles may
open it (and a test fails if a role names a key that is not here).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # the file stem in pages/ and the URL path
    file: str
    title: str
    icon: str


PAGES = (
    Page("ringkasan", "pages/ringkasan.py", "Ringkasan", ":material/dashboard:"),
    Page("peta", "pages/peta.py", "Peta kantong kemiskinan", ":material/map:"),
    Page("beban", "pages/beban.py", "Beban pengeluaran & pendapatan", ":material/balance:"),
    Page(
        "bantuan", "pages/bantuan.py", "Bantuan: cakupan & hasil", ":material/volunteer_activism:"
    ),
    Page("paparan", "pages/paparan.py", "Paparan", ":material/slideshow:"),
    Page("sasaran", "pages/sasaran.py", "Daftar sasaran", ":material/checklist:"),
    Page("simulasi", "pages/simulasi.py", "Simulasi anggaran", ":material/calculate:"),
    Page("daftar_sk", "pages/daftar_sk.py", "Daftar SK", ":material/gavel:"),
    Page("data", "pages/data.py", "Data", ":material/database:"),
)
KEYS = tuple(p.key for p in PAGES)
TITLES = {p.key: p.title for p in PAGES}


def page(key: str) -> Page:
    """The page of `key`; a key that is not a page is a KeyError."""
    for p in PAGES:
        if p.key == key:
            return p
    raise KeyError(f"no page {key!r}; pages: {', '.join(KEYS)}")


def pick(*keys: str) -> list[str]:
    """`keys` in menu order, each checked to be a page (a bench's or test's selection)."""
    chosen = {page(k).key for k in keys}
    return [k for k in KEYS if k in chosen]


def path(key: str) -> str:
    """The URL path of the page's sidebar link: the first page is the default, at "/"."""
    return "/" if page(key).key == KEYS[0] else f"/{key}"

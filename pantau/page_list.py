"""The dashboard's pages in menu order: the one list navigation, policy, tests and benches read.

A new page is one entry here, with the roles that may open it, and its file in pages/.
`privacy.PAGES` (role -> its pages) is read from these entries, and `privacy.may_open` asks
it; a role that `privacy.ROLES` does not know is refused when the policy loads.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    key: str  # the file stem in pages/ and the URL path
    file: str
    title: str
    icon: str
    roles: tuple[str, ...]  # who may open it: keys of privacy.ROLES


# Who may open what, in words: everyone (the guest from the DPRD too) sees the summary, the
# map and the presentation; the Dinas's own staff the burden and aid pages; named lists and
# the decisions made on them (targets, budget simulation, the SK) only the head and the
# planner; the Data page (imports, rollback, audit) the head and the data operator.
EVERYONE = ("kepala", "perencana", "operator", "tamu")
STAFF = ("kepala", "perencana", "operator")
NAMED_LISTS = ("kepala", "perencana")
DATA = ("kepala", "operator")

PAGES = (
    Page("ringkasan", "pages/ringkasan.py", "Ringkasan", ":material/dashboard:", EVERYONE),
    Page("peta", "pages/peta.py", "Peta kantong kemiskinan", ":material/map:", EVERYONE),
    Page(
        "beban",
        "pages/beban.py",
        "Beban pengeluaran & pendapatan",
        ":material/balance:",
        STAFF,
    ),
    Page(
        "bantuan",
        "pages/bantuan.py",
        "Bantuan: cakupan & hasil",
        ":material/volunteer_activism:",
        STAFF,
    ),
    Page("paparan", "pages/paparan.py", "Paparan", ":material/slideshow:", EVERYONE),
    Page("sasaran", "pages/sasaran.py", "Daftar sasaran", ":material/checklist:", NAMED_LISTS),
    Page("simulasi", "pages/simulasi.py", "Simulasi anggaran", ":material/calculate:", NAMED_LISTS),
    Page("daftar_sk", "pages/daftar_sk.py", "Daftar SK", ":material/gavel:", NAMED_LISTS),
    Page("data", "pages/data.py", "Data", ":material/database:", DATA),
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

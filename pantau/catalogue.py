"""The query catalogue: every `queries/*.sql` file's header read as the contract its callers
use (queries/README.md): units, the privacy policy's counts, sums, shares and derived columns,
and each output column's label and kind. Reading it runs no query: the deck and the pages take
labels from here without touching rows (the rows come through pantau.privacy)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pantau import wilayah
from pantau.columns import Column
from pantau.config import QUERIES_DIR
from pantau.errors import QueryError

PARAM_RE = re.compile(r"\$([a-z_][a-z0-9_]*)")
HEADER_RE = re.compile(r"^--\s*(\w+)\s*:\s*(.*)$")
# One entry of the `-- columns:` line: `name = Label with its unit [kind]` (queries/README.md).
COLUMN_RE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*=\s*(\S[^\[\]=]*?)\s*\[([a-z_]+)\]\s*$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    sql: str
    returns: str
    unit: str
    params: tuple[str, ...]
    doc: dict

    @property
    def counts(self) -> list[str]:
        """Columns holding counts of families or persons: suppressed for guests when small."""
        return [c.strip() for c in self.doc.get("counts", "").split(",") if c.strip()]

    @property
    def total_row(self) -> bool:
        """Whether each count column is tied by a sum that a reader knows: the last row totals
        the others (`-- total: last row`), or the rows add up to a total shown elsewhere, such
        as the city figure (`-- total: implied`). Either way one hidden cell alone would show."""
        return self.doc.get("total", "").strip().lower() in ("last row", "implied")

    @property
    def derived(self) -> dict[str, list[str]]:
        """Columns computed from counts (`-- derived: rate, share <- count; …`): hidden with them."""
        out: dict[str, list[str]] = {}
        for group in self.doc.get("derived", "").split(";"):
            if "<-" not in group:
                continue
            cols, sources = group.split("<-", 1)
            for col in cols.split(","):
                if col.strip():
                    out[col.strip()] = [s.strip() for s in sources.split(",") if s.strip()]
        return out

    @property
    def ranks(self) -> dict[str, str]:
        """Rank columns and the value each orders (`-- ranks: peringkat <- indeks_kantong; …`):
        a guest's rank counts only the rows whose value the guest sees (pantau.privacy)."""
        out: dict[str, str] = {}
        for group in self.doc.get("ranks", "").split(";"):
            rank, sep, value = group.partition("<-")
            if sep and rank.strip() and value.strip():
                out[rank.strip()] = value.strip()
        return out

    @property
    def columns(self) -> dict[str, tuple[str, str]]:
        """Each output column's label and kind (`-- columns: name = Label (unit) [kind]; …`),
        in the order written; an entry not of that form is left out, which
        tests/test_catalogue.py finds (it counts the entries)."""
        out: dict[str, tuple[str, str]] = {}
        for entry in column_entries(self.doc.get("columns", "")):
            m = COLUMN_RE.match(entry)
            if m:
                out[m.group(1)] = (m.group(2), m.group(3))
        return out


def column_entries(line: str) -> list[str]:
    """The `;`-separated entries of a `columns` line (labels never hold a `;`)."""
    return [e for e in line.split(";") if e.strip()]


def kolom(name: str, w: wilayah.Wilayah | None = None) -> dict[str, Column]:
    """Query `name`'s columns as {column: Column(label, kind)}, the labels in region `w`'s words
    (Kota Pasuruan's by default): `{desa}` 'Kelurahan' or 'Desa/Kelurahan', `{desa_kecil}` the
    same in lower case, `{jenis}` 'kota', 'kabupaten' or 'provinsi', `{wilayah}` its name. The
    deck's tables and the pages' headers and formats come from here, declared once."""
    w = w or wilayah.PASURUAN
    words = {
        "desa": w.label_desa,
        "desa_kecil": w.label_desa_kecil,
        "jenis": w.jenis,
        "wilayah": w.nama,
    }
    return {
        c: Column(label.format(**words), kind) for c, (label, kind) in get(name).columns.items()
    }


def header(sql: str) -> list[tuple[str, str]]:
    """The `-- key: value` lines of a query file's header, in order: the comment lines that
    open the file, up to its first other line (a later line of a key wins in `doc`)."""
    out = []
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        m = HEADER_RE.match(line)
        if m:
            out.append((m.group(1).lower(), m.group(2).strip()))
    return out


def parse(path: Path) -> NamedQuery:
    """The named query of one file (queries/README.md; tests/test_catalogue.py checks them)."""
    sql = path.read_text(encoding="utf-8")
    doc = dict(header(sql))
    params = tuple(dict.fromkeys(PARAM_RE.findall(_strip_comments(sql))))
    return NamedQuery(path.stem, sql, doc.get("returns", ""), doc.get("unit", ""), params, doc)


def _strip_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


@cache
def catalogue() -> dict[str, NamedQuery]:
    return {p.stem: parse(p) for p in sorted(QUERIES_DIR.glob("*.sql"))}


def get(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise QueryError(
            f"Query '{name}' tidak ada; pilih salah satu: {', '.join(catalogue())}."
        ) from None

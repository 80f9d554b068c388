"""The one privacy policy: which role sees which pages, which columns, and what gets suppressed.

Every result that leaves the engine for a person comes from `result`: query name, parameters
and role in, the frame that role may see out (identifiers masked or removed, small counts and
what they can be worked out from suppressed, all as the query file's header declares). Raw rows
(`queries.run`) are for the CLI's `query` command and for tests only. Pages and reports ask this
module what a role may see; they never test the role themselves.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

ROLES = {
    "kepala": "Kepala Dinas / Kabid",
    "perencana": "Perencana",
    "operator": "Operator data",
    "tamu": "Tamu (DPRD)",
}

# Page keys (file stems in pages/) each role may open.
PAGES = {
    "kepala": {"ringkasan", "peta", "beban", "bantuan", "paparan", "sasaran", "data"},
    "perencana": {"ringkasan", "peta", "beban", "bantuan", "paparan", "sasaran"},
    "operator": {"ringkasan", "peta", "beban", "bantuan", "paparan", "data"},
    "tamu": {"ringkasan", "peta", "paparan"},
}

# Columns that identify a person or a family.
IDENTIFIERS = {"nik", "nik_kepala", "no_kk"}
PERSONAL = {"nama", "nama_kepala", "alamat", "lat", "lon", "rt", "rw", "id_keluarga", "petugas"}
NAMED_LIST_ROLES = {"kepala", "perencana"}
SMALL = 5  # counts under this are shown as "<5" to guests


def result(name: str, params: dict, role: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Named query `name` run with `params`, as `role` may see it.

    The policy comes from the query file's header only (`counts`, `total`, `derived`,
    `shares`; see queries/README.md), so no caller can forget a part of it."""
    from pantau import queries

    raw = queries.run(name, dict(params or {}), data_dir)
    return policy(name, raw, role)


def policy(name: str, df: pd.DataFrame, role: str) -> pd.DataFrame:
    """`df`, the raw rows of named query `name`, as `role` may see them (see `result`)."""
    from pantau import queries

    q = queries.get(name)
    return apply_linked(role, df, q.counts, total_row=q.total_row, derived=q.derived)


def may_open(role: str, page: str) -> bool:
    return page in PAGES.get(role, set())


def sees_named_lists(role: str) -> bool:
    return role in NAMED_LIST_ROLES


def suppresses(role: str) -> bool:
    return role == "tamu"


def mask(value) -> str | None:
    """'3575014505800002' → '************0002'."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return "*" * max(0, len(text) - 4) + text[-4:]


def apply(role: str, df: pd.DataFrame, count_columns: list[str] | None = None) -> pd.DataFrame:
    """`df` as `role` may see it: identifiers masked or removed, small counts suppressed."""
    out = df.copy()
    personal = [c for c in out.columns if c in IDENTIFIERS | PERSONAL]
    if personal and not sees_named_lists(role):
        out = out.drop(columns=personal)
    elif role == "perencana":
        for col in IDENTIFIERS & set(out.columns):
            out[col] = out[col].map(mask)
    if suppresses(role) and count_columns:
        out = suppress_small(out, count_columns)
    return out


def suppress_small(df: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Counts 1–4 become '<5'. Zero stays zero: it reveals no family."""
    out = df.copy()
    for col in columns:
        if col not in out.columns:
            continue
        values = pd.to_numeric(out[col], errors="coerce")
        small = values.between(1, SMALL - 1)
        out[col] = out[col].astype(object)
        out.loc[small, col] = f"<{SMALL}"
    return out


HIDDEN = "×"  # a cell hidden only so that a small neighbour cannot be worked out


def suppress_with_total(
    df: pd.DataFrame, columns: list[str], has_total: bool = True
) -> pd.DataFrame:
    """Primary and secondary suppression for a table whose last row totals the others.

    Primary: counts 1–4 become '<5'. Secondary: where a column hides exactly one cell, the
    total minus the shown cells would give it away, so the smallest other non-zero cell of that
    column is hidden too, shown as '×'. The total row itself stays visible.
    """
    out = df.copy()
    body = out.index[:-1] if has_total else out.index
    for col in columns:
        if col not in out.columns:
            continue
        values = pd.to_numeric(out.loc[body, col], errors="coerce")
        small = values.between(1, SMALL - 1)
        extra = pd.Series(False, index=values.index)
        if has_total and small.sum() == 1:
            others = values[~small & (values > 0)]
            if len(others):
                extra[others.idxmin()] = True
        out[col] = out[col].astype(object)
        out.loc[small[small].index, col] = f"<{SMALL}"
        out.loc[extra[extra].index, col] = HIDDEN
    return out


def suppress_linked(
    df: pd.DataFrame,
    columns: list[str],
    total_row: bool = False,
    row_sums: list[tuple[str, list[str]]] | None = None,
    derived: dict[str, list[str]] | None = None,
) -> pd.DataFrame:
    """Primary and secondary suppression for a table whose cells are tied by sums.

    Primary: counts 1–4 become '<5', the total row included. Secondary: in every sum that ties
    cells together (a column and its total row when `total_row`; a row's `whole` and its `parts`
    for each pair in `row_sums`), one hidden cell could be worked out from the others, so the
    smallest other non-zero cell of that sum is hidden too ('×'), until no sum hides exactly
    one cell. `derived` maps a column computed from counts (a share, a rate, a median) to the
    count columns it comes from: it is hidden ('×') in every row where one of them is.
    """
    out = df.reset_index(drop=True).copy()
    values = {c: pd.to_numeric(out[c], errors="coerce") for c in columns if c in out.columns}
    hidden = {c: v.between(1, SMALL - 1) for c, v in values.items()}
    primary = {c: h.copy() for c, h in hidden.items()}
    sums = _linked_sums(out, list(values), total_row, row_sums or [])
    changed = True
    while changed:
        changed = False
        for cells in sums:
            if sum(bool(hidden[c][i]) for c, i in cells) != 1:
                continue
            shown = [
                (values[c][i], c, i) for c, i in cells if not hidden[c][i] and values[c][i] > 0
            ]
            if shown:
                _, c, i = min(shown)
                hidden[c][i] = True
                changed = True
    for col, h in hidden.items():
        out[col] = out[col].astype(object)
        out.loc[h & ~primary[col], col] = HIDDEN
        out.loc[primary[col], col] = f"<{SMALL}"
    for col, sources in (derived or {}).items():
        if col in out.columns:
            mask_rows = pd.Series(False, index=out.index)
            for source in sources:
                mask_rows |= hidden.get(source, pd.Series(False, index=out.index))
            out[col] = out[col].astype(object)
            out.loc[mask_rows, col] = HIDDEN
    return out


def _linked_sums(df, columns, total_row, row_sums) -> list[list[tuple[str, int]]]:
    """Each sum as the list of its cells (column, row), the total among them."""
    sums = []
    if total_row and len(df) > 1:
        sums += [[(c, i) for i in range(len(df))] for c in columns]
    for whole, parts in row_sums:
        if whole in columns and all(p in columns for p in parts):
            sums += [[(whole, i), *((p, i) for p in parts)] for i in range(len(df))]
    return sums


def apply_linked(role: str, df: pd.DataFrame, count_columns: list[str], **links) -> pd.DataFrame:
    """`apply` for a table whose counts are tied by sums: secondary suppression for guests too
    (see `suppress_linked` for `total_row`, `row_sums` and `derived`)."""
    out = apply(role, df)
    if suppresses(role):
        out = suppress_linked(out, count_columns, **links)
    return out

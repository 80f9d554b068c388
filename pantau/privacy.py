"""The one privacy policy: which role sees which pages, which columns, and what gets suppressed.

Every result that leaves the engine for a person comes from `result`: query name, parameters
and role in, the frame that role may see out (identifiers masked or removed, small counts and
what they can be worked out from suppressed, all as the query file's header declares). Raw rows
(`queries.run`) are for the CLI's `query` command and for tests only. Pages and reports ask this
module what a role may see; they never test the role themselves.
"""

from __future__ import annotations

import hashlib
import importlib
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pantau import page_list

ROLES = {
    "kepala": "Kepala Dinas / Kabid",
    "perencana": "Perencana",
    "operator": "Operator data",
    "tamu": "Tamu (DPRD)",
}


def pages_by_role(pages, roles) -> dict[str, set[str]]:
    """Role -> the keys of the pages it may open, read from each page's `roles`
    (pantau.page_list); a page naming a role that is not one of `roles` is refused, so that a
    misspelt role never silently opens or hides a page."""
    out: dict[str, set[str]] = {role: set() for role in roles}
    for p in pages:
        unknown = sorted(set(p.roles) - set(out))
        if unknown:
            raise ValueError(f"page {p.key!r} names roles that are not roles: {unknown}")
        for role in p.roles:
            out[role].add(p.key)
    return out


# The pages each role may open, from the page list (one entry per page, with its roles).
PAGES = pages_by_role(page_list.PAGES, ROLES)

# Columns that identify a person or a family.
IDENTIFIERS = {"nik", "nik_kepala", "no_kk"}
PERSONAL = {"nama", "nama_kepala", "alamat", "lat", "lon", "rt", "rw", "id_keluarga", "petugas"}
NAMED_LIST_ROLES = {"kepala", "perencana"}
MASKED_ROLES = {"perencana"}  # sees named lists with NIK and No KK masked
# Roles that see counts as they are; any other role (a guest, or one this module does not know)
# sees small counts suppressed.
WHOLE_COUNT_ROLES = {"kepala", "perencana", "operator", "laporan_resmi"}
# Purposes: uses of the data the policy knows that are not a person's role (nobody signs in as
# one). "laporan_resmi": the quarterly report to the Mendagri (Inpres 4/2022), an official
# aggregate report between governments: counts whole, as the Dinas sees them, and no
# identifier or personal column at all (not in NAMED_LIST_ROLES, so `apply` removes them).
PURPOSES = {"laporan_resmi": "Laporan resmi antarinstansi (angka agregat utuh, tanpa identitas)"}
SMALL = 5  # counts under this are shown as "<5" to guests
# Named queries only these roles may run at all; any other role gets no rows from `result`.
# The budget simulation decides whom the next rupiah reaches: a planner's tool (issue 13).
QUERY_ROLES = {
    "simulasi": {"kepala", "perencana"},
    "simulasi_keluarga": {"kepala", "perencana"},
    "simulasi_dikeluarkan": {"kepala", "perencana"},
    # The field verification's progress (issue 13 part 2): the Dinas's own follow-up.
    "verval_progres": {"kepala", "perencana", "operator"},
    # The Daftar SK's named lists (pantau/sk.py): the list to freeze, the lampiran, the change
    # per family. Their per-kecamatan counts (sk_perubahan_kecamatan) are for every role.
    "sk_calon": {"kepala", "perencana"},
    "sk_lampiran": {"kepala", "perencana"},
    "sk_perubahan": {"kepala", "perencana"},
}


def result(name: str, params: dict, role: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Named query `name` run with `params`, as `role` may see it.

    The policy comes from the query file's header only (`counts`, `total`, `sums`, `groups`,
    `derived`, `shares`, `counts_where`; see queries/README.md), so no caller can forget a part
    of it. `name` may also be one of `ANALYSES`: a statistic computed on the full rows of its
    base query, then suppressed like that query, so that every role sees the same statistic.
    A query of `QUERY_ROLES` gives a role not named there an empty frame (it is not run)."""
    if not may_run(role, name):
        return pd.DataFrame()
    if name in ANALYSES:
        base, compute, extra = ANALYSES[name]
        return policy(base, _analysis(compute, _raw(base, params, data_dir)), role, **extra)
    return policy(name, _raw(name, params, data_dir), role)


def _raw(name: str, params: dict | None, data_dir: Path | None) -> pd.DataFrame:
    from pantau import queries

    return queries.run(name, dict(params or {}), data_dir)


_ANALYSED: OrderedDict[tuple, pd.DataFrame] = OrderedDict()
_ANALYSED_LOCK = threading.Lock()
_RUNNING: dict[tuple, threading.Event] = {}


def _analysis(path: str, rows: pd.DataFrame) -> pd.DataFrame:
    """The statistic `path` computes on `rows`, kept for the last few inputs by their content:
    the effect models take seconds, and the same rows come back for every role, page and file
    of a period (each role's policy is applied afterwards, to a copy)."""
    try:
        digest = hashlib.sha256(pd.util.hash_pandas_object(rows, index=False).values.tobytes())
    except TypeError:  # a column of lists: not hashable, computed every time
        return _compute(path)(rows)
    key = (path, tuple(rows.columns), tuple(map(str, rows.dtypes)), len(rows), digest.hexdigest())
    while True:
        with _ANALYSED_LOCK:
            if key in _ANALYSED:
                _ANALYSED.move_to_end(key)
                return _ANALYSED[key].copy()
            running = _RUNNING.get(key)
            if running is None:
                running = _RUNNING[key] = threading.Event()
                break
        # Another thread (the warm-up, another session) computes these rows now: wait for its
        # result rather than compute the same models a second time beside it.
        running.wait()
    try:
        out = _compute(path)(rows)
        with _ANALYSED_LOCK:
            _ANALYSED[key] = out.copy()
            while len(_ANALYSED) > 32:
                _ANALYSED.popitem(last=False)
        return out
    finally:
        with _ANALYSED_LOCK:
            del _RUNNING[key]
        running.set()


def hangatkan(data_dir: Path) -> None:
    """Compute every ANALYSES statistic of the latest period for the whole region, so that the
    first page after a start or an import finds it kept (`_analysis`, by its rows' content:
    the pages' own call with the period named gives the same rows). The effect models take
    tens of seconds on a province's lists; the server's `queries.warm_up` calls this after
    each build."""
    for base, compute, _ in ANALYSES.values():
        try:
            _analysis(compute, _raw(base, {"periode": None}, data_dir))
        except Exception:  # noqa: BLE001 - the page that asks shows the problem itself
            continue


def _compute(path: str) -> Callable[[pd.DataFrame], pd.DataFrame]:
    module, func = path.split(":")
    return getattr(importlib.import_module(module), func)


# Statistics over a query's full rows: computed before suppression (a Moran's I on suppressed
# rates would give a guest other clusters than the Kepala), then the combined frame is
# suppressed by the base query's header. name -> (base query, "module:function", extra links).
ANALYSES: dict[str, tuple[str, str, dict]] = {
    # The local statistic I of a kelurahan whose rate is hidden could help work the rate out;
    # its cluster label and p-value are what the page reads and stay.
    "peta_klaster": (
        "peta_kelurahan",
        "pantau.peta:hitung_klaster",
        {"derived": {"I": ["per_1000_keluarga"]}},
    ),
    # Effect estimates from person-period rows: counts of families in each arm; the estimates
    # of an arm of 1-4 families could describe those families, so they go with the counts.
    "bantuan_modal_usaha_efek": (
        "bantuan_modal_usaha_panel",
        "pantau.stats:efek_modal_usaha",
        _EFEK := {
            "counts": ["keluarga_penerima", "keluarga_pembanding"],
            "derived": {
                c: ["keluarga_penerima", "keluarga_pembanding"]
                for c in ("estimasi", "bawah", "atas")
            },
        },
    ),
    "kube_efek": ("kube_panel", "pantau.stats:efek_modal_usaha", _EFEK),
}


@dataclass(frozen=True)
class Rules:
    """What a query file's header says about suppressing its columns (queries/README.md)."""

    counts: list[str]
    total_row: bool = False
    row_sums: list[tuple[str, list[str]]] = field(default_factory=list)
    # nested groups: the total holds within each group of the first column, and again within
    # each group of the first two columns, and so on (`groups: kelompok, di_bawah_garis`)
    groups: tuple[str, ...] = ()
    derived: dict[str, list[str]] = field(default_factory=dict)
    # share or rate -> (base count, scale): value × base ÷ scale is a count of families
    shares: dict[str, tuple[str, float]] = field(default_factory=dict)
    counts_where: tuple[str, set[str]] | None = None
    # rank column -> the value it orders (`ranks: peringkat <- indeks_kantong`)
    ranks: dict[str, str] = field(default_factory=dict)


def rules(name: str) -> Rules:
    from pantau import queries

    q = queries.get(name)
    doc = q.doc
    return Rules(
        counts=q.counts,
        total_row=q.total_row,
        row_sums=_sums(doc.get("sums", "")),
        groups=tuple(g.strip() for g in doc.get("groups", "").split(",") if g.strip()),
        derived=q.derived,
        shares=_shares(doc.get("shares", "")),
        counts_where=_where(doc.get("counts_where", "")),
        ranks=q.ranks,
    )


def _sums(text: str) -> list[tuple[str, list[str]]]:
    """`whole = part + part; …`"""
    out = []
    for group in text.split(";"):
        if "=" in group:
            whole, parts = group.split("=", 1)
            out.append((whole.strip(), [p.strip() for p in parts.split("+") if p.strip()]))
    return out


def _shares(text: str) -> dict[str, tuple[str, float]]:
    """`share, share <- base; rate <- base / 1000; …`"""
    out: dict[str, tuple[str, float]] = {}
    for group in text.split(";"):
        if "<-" not in group:
            continue
        cols, base = group.split("<-", 1)
        base, _, scale = base.partition("/")
        for col in cols.split(","):
            if col.strip():
                out[col.strip()] = (base.strip(), float(scale.strip() or 1))
    return out


def _where(text: str) -> tuple[str, set[str]] | None:
    """`column in value, value`"""
    col, sep, values = text.partition(" in ")
    if not sep:
        return None
    return col.strip(), {v.strip() for v in values.split(",") if v.strip()}


def policy(name: str, df: pd.DataFrame, role: str, **links) -> pd.DataFrame:
    """`df`, rows of named query `name` (or a table built from them), as `role` may see them:
    identifiers masked or removed; for guests, the header's suppression plus `links`."""
    out = apply(role, df)
    if not suppresses(role):
        return out
    r = rules(name)
    r = Rules(
        counts=[*r.counts, *[c for c in links.get("counts", []) if c not in r.counts]],
        total_row=links.get("total_row", r.total_row),
        row_sums=[*r.row_sums, *links.get("row_sums", [])],
        groups=r.groups,
        derived={**r.derived, **links.get("derived", {})},
        shares=r.shares,
        counts_where=r.counts_where,
        ranks=r.ranks,
    )
    return _rank_visible(_suppress(out, r), r.ranks)


def _rank_visible(df: pd.DataFrame, ranks: dict[str, str]) -> pd.DataFrame:
    """Each rank of the header's `ranks` recomputed over the rows whose value is shown (1 = the
    highest, ties share the lower rank as SQL's rank()); a row whose value is hidden has no rank
    (NA, as a row below the index's base: its value cell already carries the mark). A hidden
    row's place between two shown values would bound its value, and so the small count it rests
    on (BPS review 4, N2: every hidden kelurahan count came back from the pocket rank). A
    column `<rank>_dari` (peta_kelurahan.peringkat_dari) is recounted with it: the rows ranked."""
    out = df
    for rank, value in ranks.items():
        if rank not in df.columns or value not in df.columns:
            continue
        hidden = df[value].map(disamarkan)
        if not hidden.any():
            continue
        shown = pd.to_numeric(df[value].where(~hidden), errors="coerce")
        ranked = shown.rank(method="min", ascending=False)
        out = out.copy()
        # NaN as SQL's NULL rank arrives (a float column), so readers treat both alike
        keep = ~hidden & pd.to_numeric(df[rank], errors="coerce").notna()
        out[rank] = ranked.where(keep).astype(float)
        if f"{rank}_dari" in out.columns:  # the N of "rank x of N": the ranks shown
            out[f"{rank}_dari"] = int(out[rank].notna().sum())
    return out


def _suppress(df: pd.DataFrame, r: Rules) -> pd.DataFrame:
    """`_suppress_rows` on every row, or with `counts_where` on the rows where the counts are
    counts; on the other rows a column that is both a count and a share (skor_strategi's
    `nilai`: KPM on one row, a share of `basis_keluarga` on the next) is a share only."""
    if not (r.counts_where and r.counts_where[0] in df.columns):
        return _suppress_rows(df, pd.Series(True, index=df.index), r)
    rows = df[r.counts_where[0]].isin(r.counts_where[1])
    counted = Rules(
        counts=r.counts,
        total_row=r.total_row,
        row_sums=r.row_sums,
        groups=r.groups,
        derived=r.derived,
        shares={c: b for c, b in r.shares.items() if c not in r.counts},
    )
    out = _suppress_rows(df, rows, counted)
    shares = Rules(
        counts=[c for c in r.counts if c not in r.shares],
        derived=r.derived,
        shares=r.shares,
    )
    return _suppress_rows(out, ~rows, shares)


def _suppress_rows(df: pd.DataFrame, rows: pd.Series, r: Rules) -> pd.DataFrame:
    out = df.copy()
    if not rows.any():
        return out
    part = out.loc[rows]
    linked = suppress_linked(
        part,
        r.counts,
        total_row=r.total_row,
        row_sums=r.row_sums,
        derived=r.derived,
        shares=r.shares,
        sets=_group_sets(part.reset_index(drop=True), r.groups),
    )
    linked.index = out.index[rows]
    for col in linked.columns:
        if not linked[col].equals(out.loc[rows, col]):
            out[col] = out[col].astype(object)
            out.loc[rows, col] = linked[col]
    return out


def _group_sets(df: pd.DataFrame, groups: tuple[str, ...]) -> list[list[int]] | None:
    """The rows (positions) of every group at every level of `groups`: each adds up to a total
    a reader knows. None: the whole frame is the one such set."""
    groups = tuple(g for g in groups if g in df.columns)
    if not groups:
        return None
    sets = []
    for level in range(1, len(groups) + 1):
        # A missing key (a total row's kode_kec) is a group of its own, not an error: pandas 3
        # keeps NaN through astype(str).
        keys = (
            df[list(groups[:level])].astype(object).fillna("").astype(str).agg("\x1f".join, axis=1)
        )
        sets += [list(idx) for idx in keys.groupby(keys, sort=False).groups.values()]
    return sets


def official_report_role(role: str) -> str:
    """The role an official aggregate report is built for when `role` asks for it: the purpose
    `laporan_resmi` for a role that sees whole counts, `role` itself (its suppressed view) for
    any other, so a guest never gets through a report what the policy hides from him."""
    return "laporan_resmi" if not suppresses(role) else role


def may_open(role: str, page: str) -> bool:
    return page in PAGES.get(role, set())


def may_run(role: str, name: str) -> bool:
    """Whether `role` may have the rows of named query `name` at all (`QUERY_ROLES`)."""
    return name not in QUERY_ROLES or role in QUERY_ROLES[name]


def sees_named_lists(role: str) -> bool:
    return role in NAMED_LIST_ROLES


def suppresses(role: str) -> bool:
    return role not in WHOLE_COUNT_ROLES


def masks_identifiers(role: str) -> bool:
    """Whether `role` sees NIK and No KK masked (all but the last 4 digits) in named lists."""
    return role in MASKED_ROLES


def mask(value) -> str | None:
    """'3575014505800002' → '************0002'."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return "*" * max(0, len(text) - 4) + text[-4:]


def apply(role: str, df: pd.DataFrame) -> pd.DataFrame:
    """`df` with identifiers as `role` may see them: removed, masked or whole."""
    out = df.copy()
    personal = [c for c in out.columns if c in IDENTIFIERS | PERSONAL]
    if personal and not sees_named_lists(role):
        out = out.drop(columns=personal)
    elif masks_identifiers(role):
        for col in IDENTIFIERS & set(out.columns):
            out[col] = out[col].map(mask)
    return out


def notes(role: str, df: pd.DataFrame) -> pd.DataFrame:
    """An import's notes (rejected rows and warnings: file, baris, tingkat, kolom, alasan,
    nilai) as `role` may see them. `nilai` quotes the rejected value, which may be a NIK, a
    No KK or a name: whole for a role that sees named lists unmasked, masked to its last 4
    characters for every other role, so an operator still finds the row and the kind of fault
    (row number, column, reason) without reading whose it is."""
    out = df.copy()
    if "nilai" not in out.columns or "kolom" not in out.columns:
        return out
    if sees_named_lists(role) and not masks_identifiers(role):
        return out
    personal = out["kolom"].isin(IDENTIFIERS | PERSONAL)
    out["nilai"] = out["nilai"].astype(object)
    out.loc[personal, "nilai"] = out.loc[personal, "nilai"].map(mask)
    return out


HIDDEN = "×"  # a cell hidden only so that a small neighbour cannot be worked out


def suppress_linked(
    df: pd.DataFrame,
    columns: list[str],
    total_row: bool = False,
    row_sums: list[tuple[str, list[str]]] | None = None,
    derived: dict[str, list[str]] | None = None,
    shares: dict[str, tuple[str, float]] | None = None,
    sets: list[list[int]] | None = None,
) -> pd.DataFrame:
    """Primary and secondary suppression for a table whose cells are tied by sums.

    Primary: counts 1–4 become '<5', the total row included. Secondary: in every sum that ties
    cells together (a column and its total row when `total_row`; a row's `whole` and its `parts`
    for each pair in `row_sums`), one hidden cell could be worked out from the others, and so
    could several that are all '<5' (8 over two of them is 4 + 4), so the smallest other
    non-zero cell of such a sum is hidden too ('×'), until every sum hides no cell or two or
    more with a '×' among them. `shares` maps a share or rate to its base count and scale: where share × base ÷
    scale (or the base minus that) is a count 1–4, or the base is hidden, the share is a small count too and is hidden
    ('×'). `derived` maps a column computed from others (a share, a rate, a median) to the
    columns it comes from: it is hidden ('×') in every row where one of them is. `sets`: with
    `total_row`, the groups of rows (positions) each adding up to a known total, besides the
    whole column.

    Ranges (`_ranges`): a large cell hidden only beside a small one (309 in 309 + 2 = 311, the
    311 shown: hiding the 2 as '<5' leaves the 309 as the one cell that gives it away, and
    hiding the 311 instead would not help, it is the headline count shown everywhere) is shown
    as the range of values a reader can already work out from what the row shows: '307–310'
    (311 minus 1 to 4). The range is a function of the shown cells and of the marks' meaning
    alone ('<5' is 1 to 4, '×' is 0 or more; the row's sums, not the column totals), so it tells
    nobody anything the row did not: the small cell stays 1 to 4. A cell gets a range only when
    the row bounds it to at most SMALL values (hi − lo ≤ SMALL − 2) and its lower end is at
    least RANGE_FROM (a big figure a sentence can still quote), and never in a table with
    `total_row` (a column's sum would bound the small cell again); every other hidden cell
    stays '×'. Shares and derived columns of a ranged cell stay '×'.
    """
    out = df.reset_index(drop=True).copy()
    # As floats: an empty count (NULL: a list not loaded, a flagless period) is NaN, neither
    # small nor shown, where a nullable integer's NA cannot be tested at all.
    values = {
        c: pd.to_numeric(out[c], errors="coerce").astype(float) for c in columns if c in out.columns
    }
    hidden = {c: v.between(1, SMALL - 1) for c, v in values.items()}
    primary = {c: h.copy() for c, h in hidden.items()}
    sums = _linked_sums(out, list(values), total_row, row_sums or [], sets)
    rests = _rest_sums(values, row_sums or [])
    changed = True
    while changed:
        changed = False
        # A whole minus its shown parts is the rest no column shows: where it is 1–4 and
        # every cell of the sum is shown, the whole is hidden (the parts are the figures the
        # reader came for: the extreme-poor, the uncovered).
        for cells, small in rests:
            if small and not any(hidden[c][i] for c, i in cells):
                c, i = cells[0]
                hidden[c][i] = True
                changed = True
        for cells in sums:
            # A sum with one hidden cell gives it away (the total minus the shown cells), and
            # so can several that are all '<5' (8 over two '<5' cells is 4 + 4). A sum is safe
            # with no hidden cell, or with two or more of which one is not small ('×'), whose
            # size nobody can bound; otherwise it hides one more.
            gone = [(c, i) for c, i in cells if hidden[c][i]]
            if not gone or (len(gone) >= 2 and any(not primary[c][i] for c, i in gone)):
                continue
            shown = [
                (values[c][i], c, i) for c, i in cells if not hidden[c][i] and values[c][i] > 0
            ]
            if shown:
                _, c, i = min(shown)
                hidden[c][i] = True
                changed = True
    # (a table whose column adds up to a total keeps '×': its column sums are no row's)
    ranges = {} if total_row else _ranges(values, hidden, primary, row_sums or [])
    for col, h in hidden.items():
        out[col] = out[col].astype(object)
        out.loc[h & ~primary[col], col] = HIDDEN
        out.loc[primary[col], col] = f"<{SMALL}"
    for (col, i), (lo, hi) in ranges.items():
        out.loc[i, col] = rentang(lo, hi)
    none = pd.Series(False, index=out.index)
    masks = dict(hidden)
    for col, (base, scale) in (shares or {}).items():
        if col not in out.columns or base not in df.columns:
            continue
        share = pd.to_numeric(df[col].reset_index(drop=True), errors="coerce")
        count = share * pd.to_numeric(df[base].reset_index(drop=True), errors="coerce") / scale
        rest = pd.to_numeric(df[base].reset_index(drop=True), errors="coerce") - count
        # The share's numerator, or the base's other families, are a count 1–4.
        small = ((count > 1e-9) & (count < SMALL - 1e-6)) | ((rest > 1e-9) & (rest < SMALL - 1e-6))
        masks[col] = masks.get(col, none) | small | (masks.get(base, none) & share.notna())
    # Derived columns may come from shares or other derived columns: settle until nothing moves.
    changed = True
    while changed:
        changed = False
        for col, sources in (derived or {}).items():
            if col not in out.columns:
                continue
            rows = masks.get(col, none).copy()
            for source in sources:
                rows |= masks.get(source, none)
            if not rows.equals(masks.get(col, none)):
                masks[col] = rows
                changed = True
    for col, rows in masks.items():
        if col in hidden or col not in out.columns:
            continue
        out[col] = out[col].astype(object)
        out.loc[rows, col] = HIDDEN
    return out


REST = ("…", "...")  # in `sums`: the part of the whole that no column of the row shows
RANGE_FROM = 20  # a hidden cell bounded to a few values is shown as a range from this size up


def rentang(lo: int, hi: int) -> str:
    """A hidden cell shown as the values it can take: '307–310', '1.227–1.230'."""
    from pantau import fmt

    return f"{fmt.angka(lo)}–{fmt.angka(hi)}"


def disamarkan(v) -> bool:
    """Whether a cell is a mark of the policy ('<5', '×', a range) rather than a number."""
    return isinstance(v, str) and (v in (f"<{SMALL}", HIDDEN) or _RENTANG.fullmatch(v) is not None)


_RENTANG = re.compile(r"\d{1,3}(?:\.\d{3})*–\d{1,3}(?:\.\d{3})*")


def _ranges(values, hidden, primary, row_sums) -> dict[tuple[str, int], tuple[int, int]]:
    """The hidden, non-small cells a row's sums bound to a short range (see `suppress_linked`).

    Per row, a small linear programme over the row's hidden cells: each `whole = part + …`
    sum is an equation (with a REST part, the whole is at least its shown parts); a '<5' cell
    lies in 1..4, a '×' cell is 0 or more; the shown cells are constants. The bounds of each
    '×' cell are what a reader can work out; rounded inwards to whole families."""
    import numpy as np
    from scipy.optimize import linprog

    out: dict[tuple[str, int], tuple[int, int]] = {}
    if not row_sums or not values:
        return out
    n = len(next(iter(values.values())))
    for i in range(n):
        cells = sorted({c for c in hidden if hidden[c].iloc[i]})
        secondary = [c for c in cells if not primary[c].iloc[i]]
        if not secondary:
            continue
        pos = {c: j for j, c in enumerate(cells)}
        eq, eq_b, ub, ub_b = [], [], [], []
        for whole, parts in row_sums:
            shown = [p for p in parts if p not in REST]
            terms = [(whole, 1.0), *((p, -1.0) for p in shown)]
            if any(c not in values or pd.isna(values[c].iloc[i]) for c, _ in terms):
                continue
            if not any(c in pos for c, _ in terms):
                continue
            row, const = np.zeros(len(cells)), 0.0
            for c, sign in terms:
                if c in pos:
                    row[pos[c]] += sign
                else:
                    const -= sign * float(values[c].iloc[i])
            if len(shown) < len(parts):  # whole − shown parts = the rest, 0 or more
                ub.append(-row)
                ub_b.append(-const)
            else:
                eq.append(row)
                eq_b.append(const)
        if not eq:
            continue
        bounds = [(1, SMALL - 1) if primary[c].iloc[i] else (0, None) for c in cells]
        for c in secondary:
            ends = []
            for sign in (1.0, -1.0):
                goal = np.zeros(len(cells))
                goal[pos[c]] = sign
                res = linprog(
                    goal,
                    A_ub=np.array(ub) if ub else None,
                    b_ub=np.array(ub_b) if ub else None,
                    A_eq=np.array(eq),
                    b_eq=np.array(eq_b),
                    bounds=bounds,
                    method="highs",
                )
                ends.append(sign * res.fun if res.status == 0 else None)
            lo, hi = ends
            if lo is None or hi is None:
                continue
            lo, hi = math.ceil(lo - 1e-6), math.floor(hi + 1e-6)
            if lo >= RANGE_FROM and 0 < hi - lo <= SMALL - 2:
                out[(c, i)] = (lo, hi)
    return out


def _rest_sums(values, row_sums) -> list[tuple[list[tuple[str, int]], bool]]:
    """Each `whole = part + … ` sum per row: its shown cells, and whether the rest is 1–4."""
    out = []
    for whole, parts in row_sums:
        shown = [p for p in parts if p not in REST]
        if len(shown) == len(parts) or whole not in values or not all(p in values for p in shown):
            continue
        rest = values[whole] - sum((values[p] for p in shown), 0 * values[whole])
        for i in range(len(rest)):
            small = bool(1 <= rest.iloc[i] < SMALL)
            out.append(([(whole, i), *((p, i) for p in shown)], small))
    return out


def _linked_sums(df, columns, total_row, row_sums, sets=None) -> list[list[tuple[str, int]]]:
    """Each sum as the list of its cells (column, row), the total among them."""
    sums = []
    if total_row:
        # The whole column adds up to its known total, and each group (when `sets`) to its own:
        # protecting the groups alone would leave a city total minus the kecamatan shown.
        # Groups first: a cell hidden for a group then often settles the whole column too.
        for rows in [*(sets or []), list(range(len(df)))]:
            if len(rows) > 1:
                sums += [[(c, i) for i in rows] for c in columns]
    for whole, parts in row_sums:
        if whole in columns and all(p in columns for p in parts):
            sums += [[(whole, i), *((p, i) for p in parts)] for i in range(len(df))]
    return sums

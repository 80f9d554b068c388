"""Text columns built with Arrow compute (no Python loop per row): the cells of every export."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc


def _s(values) -> pa.Array:
    return pa.array(np.asarray(values)).cast(pa.string())


def _pad(values, width: int) -> pa.Array:
    return pc.utf8_lpad(_s(values), width, "0")


def _cat(*parts, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*parts, sep, null_handling="replace")


def _pick(labels: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(labels, pa.string()).take(pa.array(np.asarray(index, np.int64)))


def _where(mask, a, b) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, bool)), a, b)


def _null_where(mask, a) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, bool)), pa.scalar(None, pa.string()), a)


def _date(days: np.ndarray, fmt: str) -> pa.Array:
    arr = pa.array(np.asarray(days, np.int64).astype("datetime64[D]"))
    return pc.strftime(arr, format=fmt)


def _money(values: np.ndarray, style: np.ndarray | str) -> pa.Array:
    """Rupiah as written in real lists: '2500000', 'Rp 2.500.000' or '2.500.000,00'."""
    v = np.asarray(values, np.int64)
    mil, rib, sat = v // 1_000_000, (v // 1000) % 1000, v % 1000
    dotted = _where(
        mil > 0,
        _cat(_s(mil), _pad(rib, 3), _pad(sat, 3), sep="."),
        _where(rib > 0, _cat(_s(rib), _pad(sat, 3), sep="."), _s(sat)),
    )
    plain = _s(v)
    if isinstance(style, str):
        style = np.full(len(v), {"plain": 0, "rp": 1, "dec": 2}[style])
    return _where(style == 0, plain, _where(style == 1, _cat("Rp ", dotted), _cat(dotted, ",00")))


def _yes(mask, yes: str = "Ya", no: str = "Tidak") -> pa.Array:
    return _where(mask, pa.scalar(yes), pa.scalar(no))

"""Days as integers (days since 1970-01-01), the unit every date of the demo is drawn in."""

from __future__ import annotations

import numpy as np


def _day(s: str) -> int:
    return int(np.datetime64(s, "D").astype(np.int64))


def _split_date(days: np.ndarray):
    d = np.asarray(days, dtype="datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, dd


def _year(periode: str) -> int:
    return int(periode[:4])


def _year_of(day: int) -> int:
    return int(np.datetime64(int(day), "D").astype("datetime64[Y]").astype(int) + 1970)

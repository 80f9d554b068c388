"""Indonesian number, Rupiah, percent and date formatting, and the UI's words in one place."""

from __future__ import annotations

import pandas as pd

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def _missing(x) -> bool:
    """None, NaN, pd.NA and NaT alike (DuckDB gives nullable columns with pd.NA)."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # list-likes are values, not missing
        return False


def _suppressed(x) -> bool:
    """A cell the privacy policy replaced ('<5', '×') is shown as it is."""
    return isinstance(x, str)


def angka(x, desimal: int = 0) -> str:
    """12345.6 → '12.345,6' (desimal=1)."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    text = f"{float(x):,.{desimal}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def rupiah(x, desimal: int = 0) -> str:
    """2500000 → 'Rp 2.500.000'."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    sign = "-" if float(x) < 0 else ""
    return f"{sign}Rp {angka(abs(float(x)), desimal)}"


def rupiah_singkat(x) -> str:
    """1_250_000_000 → 'Rp 1,25 miliar'; for KPI cards."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    v = float(x)
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if abs(v) >= size:
            return f"Rp {angka(v / size, 2 if abs(v) < 10 * size else 1)} {word}"
    return rupiah(v)


def persen(x, desimal: int = 1) -> str:
    """0.1234 → '12,3%' (x is a share between 0 and 1)."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    return f"{angka(float(x) * 100, desimal)}%"


def periode(p: str | None) -> str:
    """'2024-06' → 'Juni 2024'."""
    if not p:
        return "–"
    year, month = str(p).split("-")[:2]
    return f"{BULAN[int(month) - 1]} {year}"


def tanggal(d) -> str:
    """date(2024, 6, 5) → '5 Juni 2024'."""
    if _missing(d):
        return "–"
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def perubahan(now, before, satuan: str = "", desimal: int = 0) -> str | None:
    """The change from `before` to `now`, signed, for a KPI delta ('+12 keluarga').

    The sign is ASCII: Streamlit's metric reads a leading '-' to draw a downward arrow.
    """
    if _missing(now) or _missing(before) or _suppressed(now) or _suppressed(before):
        return None
    diff = round(float(now) - float(before), desimal)
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    return f"{sign}{angka(abs(diff), desimal)} {satuan}".strip()

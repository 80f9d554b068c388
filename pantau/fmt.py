"""Indonesian number, Rupiah, percent and date formatting, and the UI's words in one place.

The digits, separators and month names come from Babel's `id_ID` locale (CLDR), not from
hand-written replacements; the project's own style stays on top of it: "Rp 2.500.000" with a
space, shares as "12,3%", and large sums spelled out ("Rp 1,2 miliar": Babel's compact form
would print "1,2 M", which readers take for juta).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from zoneinfo import ZoneInfo

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.dates import get_month_names as _month_names
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

LOCALE = "id_ID"
WIB = ZoneInfo("Asia/Jakarta")

# Plotly's layout.separators: the decimal mark then the thousands mark (",." for id_ID), so a
# chart's "%{y:,.0f}" reads 1.234 and not 1,234.
PEMISAH_PLOTLY = get_decimal_symbol(LOCALE) + get_group_symbol(LOCALE)

# Standalone month names ("Juni"), as in "Juni 2024"; index 0 is January.
BULAN = [_month_names("wide", "stand-alone", LOCALE)[m] for m in range(1, 13)]


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


def _rounded(x, desimal: int) -> decimal.Decimal:
    """x rounded half away from zero, as a reader rounds (0,5 → 1; Babel alone rounds half to
    even, 2,5 → 2), from its shortest decimal text so 2,675 stays 2,675 before rounding. A
    value that rounds to zero loses its sign: no "-0"."""
    d = decimal.Decimal(repr(float(x))).quantize(
        decimal.Decimal(1).scaleb(-desimal), rounding=decimal.ROUND_HALF_UP
    )
    return d.copy_abs() if d.is_zero() else d


def _number(x, desimal: int) -> str:
    try:
        return _number_kept(x, desimal)
    except TypeError:  # a value that cannot be a key
        return _format(x, desimal)


def _format(x, desimal: int) -> str:
    pattern = "#,##0" + ("." + "0" * desimal if desimal > 0 else "")
    return format_decimal(_rounded(x, desimal), format=pattern, locale=LOCALE)


# Babel takes ~0.1 ms a number and a page view formats thousands of cells, the same ones on
# every view; numbers that compare equal (1, 1.0, Decimal('1.0'), -0.0 and 0.0) format alike.
_number_kept = functools.lru_cache(maxsize=65536)(_format)


def angka(x, desimal: int = 0) -> str:
    """12345.6 → '12.345,6' (desimal=1)."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    return _number(x, desimal)


def rupiah(x, desimal: int = 0) -> str:
    """2500000 → 'Rp 2.500.000'; -2500000 → '-Rp 2.500.000'."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    d = _rounded(x, desimal)
    sign = "-" if d < 0 else ""
    return f"{sign}Rp {_number(abs(d), desimal)}"


def rupiah_singkat(x) -> str:
    """1_250_000_000 → 'Rp 1,25 miliar'; 2_070_000 → 'Rp 2,07 juta'; for KPI cards.

    Two decimals under ten units, one above; the unit spelled out (juta, miliar, triliun).
    """
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    v = float(x)
    for size, word in ((1e12, "triliun"), (1e9, "miliar"), (1e6, "juta")):
        if abs(v) >= size:
            sign = "-" if v < 0 else ""
            return f"{sign}Rp {_number(abs(v) / size, 2 if abs(v) < 10 * size else 1)} {word}"
    return rupiah(v)


def persen(x, desimal: int = 1) -> str:
    """0.1234 → '12,3%' (x is a share between 0 and 1)."""
    if _missing(x):
        return "–"
    if _suppressed(x):
        return x
    return f"{_number(float(x) * 100, desimal)}%"


def periode(p: str | None) -> str:
    """'2024-06' → 'Juni 2024'; text that is not a period (a typed '2024-6x') as it is."""
    if _missing(p) or p == "":
        return "–"
    try:
        year, month = str(p).split("-")[:2]
        return format_date(dt.date(int(year), int(month), 1), "LLLL y", locale=LOCALE)
    except ValueError:
        return str(p)


def tanggal(d) -> str:
    """date(2024, 6, 5) → '5 Juni 2024'."""
    if _missing(d):
        return "–"
    return format_date(d, "d MMMM y", locale=LOCALE)


def waktu(t) -> str:
    """A moment in WIB: '2024-06-05T00:03:00+00:00' → '5 Juni 2024 07.03 WIB'.

    An ISO text or a datetime; one without a zone is the server's local time (the lake's
    `imported_at` is written so), which is read as such and then shown in Asia/Jakarta.
    Text that is not a time is shown as it is.
    """
    t = di_wib(t)
    if isinstance(t, str):
        return t
    return format_datetime(t, "d MMMM y HH.mm", locale=LOCALE) + " WIB"


def waktu_angka(t) -> str:
    """A moment in WIB with the date in figures, as on a decree document: '02-12-2026 10:56 WIB'."""
    t = di_wib(t)
    return t if isinstance(t, str) else f"{t:%d-%m-%Y %H:%M} WIB"


def di_wib(t) -> dt.datetime | str:
    """`t` (an ISO text or a datetime; naive = the server's local time) as an aware datetime in
    WIB; "–" for nothing, and a text that is not a time as it is."""
    if _missing(t) or t == "":
        return "–"
    if isinstance(t, str):
        try:
            t = dt.datetime.fromisoformat(t)
        except ValueError:
            return t
    if isinstance(t, pd.Timestamp):
        t = t.to_pydatetime()
    if t.tzinfo is None:
        t = t.astimezone()  # naive: the server's local time
    return t.astimezone(WIB)


def selisih(x, satuan: str = "", desimal: int = 0) -> str | None:
    """A change a query computed, signed, for a KPI delta (12 → '+12 keluarga', 0 → '±0').

    The sign is ASCII: Streamlit's metric reads a leading '-' to draw a downward arrow. A
    change the policy hid ('×') or that has no figure is no delta at all (None)."""
    if _missing(x) or _suppressed(x):
        return None
    diff = _rounded(x, desimal)
    sign = "+" if diff > 0 else ("-" if diff < 0 else "±")
    return f"{sign}{angka(abs(diff), desimal)} {satuan}".strip()


def selisih_poin_persen(x, desimal: int = 1) -> str | None:
    """A change of a share (0-1) as percentage points: 0.023 → '+2,3 poin persen'."""
    if _missing(x) or _suppressed(x):
        return None
    return selisih(float(x) * 100, "poin persen", desimal)

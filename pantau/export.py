"""Files a user downloads (CSV, XLSX): the one writer of spreadsheets the app hands out.

Every CSV and XLSX the dashboard offers is written here, so that no text cell can run as a
formula when a spreadsheet opens it (OWASP "CSV injection"): a cell starting with = + - @,
a tab or a carriage return, also after leading blanks, gets a leading apostrophe.
"""

from __future__ import annotations

import io
import re

import pandas as pd

from pantau import privacy

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheets skip leading blanks and line breaks before they look for a formula.
_LEADING_BLANKS = " \n\u00a0\u3000"


def defuse(value):
    """A text cell starting like a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.lstrip(_LEADING_BLANKS).startswith(FORMULA_START):
        return "'" + value
    return value


def _is_text(series: pd.Series) -> bool:
    """A column that may hold text: anything but numbers, booleans and timestamps."""
    dtype = series.dtype
    return not (
        pd.api.types.is_numeric_dtype(dtype)
        or pd.api.types.is_bool_dtype(dtype)
        or pd.api.types.is_datetime64_any_dtype(dtype)
        or pd.api.types.is_timedelta64_dtype(dtype)
    )


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` whose every text cell and heading is defused (categories included)."""
    out = df.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].astype(object).map(defuse)
    out.columns = [defuse(str(c)) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    # BOM so that Excel opens the Indonesian text as UTF-8. CRLF rows (RFC 4180): Python's csv
    # quotes a field holding a character of the line terminator, so a lone CR in a name stays
    # inside its quoted field instead of starting a row of its own in a spreadsheet.
    return safe_frame(df).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(
    sheets: dict[str, pd.DataFrame], number_formats: dict[str, str] | None = None
) -> bytes:
    """One sheet per table; numbers keep a number format, text never becomes a formula."""
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        for name, df in sheets.items():
            sheet = name[:31]
            safe_frame(df).to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            book = writer.book
            for i, col in enumerate(df.columns):
                width = min(40, max(10, len(str(col)) + 2))
                fmt = (number_formats or {}).get(col)
                if fmt is None and pd.api.types.is_integer_dtype(df[col]):
                    fmt = "#,##0"
                elif fmt is None and pd.api.types.is_float_dtype(df[col]):
                    fmt = "#,##0.00"
                ws.set_column(i, i, width, book.add_format({"num_format": fmt}) if fmt else None)
    return buf.getvalue()


_FULL_ID = re.compile(r"[0-9]{5}")


def identifiers_masked(df: pd.DataFrame) -> bool:
    """Whether no NIK or No KK in `df` is shown whole (what the audit line records).

    Read from the frame itself, after the privacy policy ran, so the audit says what the file
    holds whatever the role: a cell with five digits in a row is more than the last four.
    """
    for col in privacy.IDENTIFIERS & set(df.columns):
        values = df[col].dropna().astype(str)
        if values.str.contains(_FULL_ID).any():
            return False
    return True

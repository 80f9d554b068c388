"""Files a user downloads (CSV, XLSX): cells a spreadsheet could execute are escaped."""

from __future__ import annotations

import io

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value):
    """A text cell starting like a formula gets a leading apostrophe, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(defuse)
    out.columns = [defuse(str(c)) for c in out.columns]
    return out


def csv_bytes(df: pd.DataFrame) -> bytes:
    # BOM so that Excel opens the Indonesian text as UTF-8.
    return safe_frame(df).to_csv(index=False).encode("utf-8-sig")


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

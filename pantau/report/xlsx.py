"""The deck's tables as an Excel workbook: a sheet of notes, a sheet of key figures, then each
aggregate table on a sheet named in Indonesian words, with a number format by kind (counts
#.##0, shares 0,0 %, Rupiah), a frozen header row, filters and widths to its content. Numbers
stay numbers; text is escaped so no cell can run as a formula."""

from __future__ import annotations

import io
import re

import pandas as pd

from pantau.export import safe_frame
from pantau.report.deck import NUMBER_FORMATS, SINTETIS, WILAYAH, Deck

RAHASIA = (
    "Hanya angka agregat. Angka di bawah 5 ditulis <5; tanda × menyembunyikan angka yang dapat "
    "dipakai menghitung angka <5 dari total atau sel tetangganya."
)
# Excel keeps format codes in its own (US) notation and shows them in the reader's locale:
# '#,##0' reads 1.234 and '0.0%' reads 12,5% on an Indonesian Excel or LibreOffice.
LEBAR_MIN, LEBAR_MAKS = 8, 60


def xlsx_bytes(deck: Deck) -> bytes:
    sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]] = {}
    tables = []
    for tabel in deck.tabel() + (deck.penutup.tabel if deck.penutup else []):
        name = nama_lembar(tabel.judul, sheets)
        sheets[name] = (tabel.angka(), tabel.formats())
        tables.append((name, tabel))
    first = {
        "Keterangan": (_keterangan(deck, tables), {}),
        "Angka kunci": _kunci(deck),
    }
    return _tulis({**first, **sheets})


def _tulis(sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]]) -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(
        buf,
        engine="xlsxwriter",
        engine_kwargs={"options": {"strings_to_formulas": False, "strings_to_urls": False}},
    ) as writer:
        book = writer.book
        head = book.add_format({"bold": True, "bg_color": "#E6E6E6", "text_wrap": True})
        cache: dict[str, object] = {}
        for name, (df, formats) in sheets.items():
            df = df.map(bilangan)
            safe = safe_frame(df)
            safe.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            for j, col in enumerate(df.columns):
                ws.write(0, j, safe.columns[j], head)
                code = formats.get(col)
                style = (
                    cache.setdefault(code, book.add_format({"num_format": code})) if code else None
                )
                ws.set_column(j, j, lebar(df[col], col, code), style)
            ws.freeze_panes(1, 0)
            if len(df.columns):
                ws.autofilter(0, 0, max(len(df), 1), len(df.columns) - 1)
            per_row = formats.get("__per_baris__")
            if per_row:  # key figures: counts, shares and Rupiah in one column, each its own
                col = list(df.columns).index("Nilai")
                for i, code in enumerate(per_row.split("\t"), start=1):
                    value = df["Nilai"].iloc[i - 1]
                    if code and not isinstance(value, str) and pd.notna(value):
                        fmt_ = cache.setdefault(code, book.add_format({"num_format": code}))
                        ws.write_number(i, col, float(value), fmt_)
    return buf.getvalue()


def bilangan(v: object) -> object:
    """A whole number that reached the sheet as text (a year from a text column) becomes a
    number; a code with a leading zero or any other text stays text."""
    if isinstance(v, str) and v.isdigit() and (v == "0" or not v.startswith("0")):
        return int(v)
    return v


def lebar(values: pd.Series, header: str, code: str | None) -> float:
    """Column width in characters: the longest cell as shown (numbers with their separators),
    the header's longest word, within LEBAR_MIN..LEBAR_MAKS."""
    shown = []
    for v in values:
        if isinstance(v, int | float) and not isinstance(v, bool) and pd.notna(v):
            shown.append(len(f"{v:,.1f}") + (3 if code and "Rp" in code else 0))
        else:
            shown.append(len(str(v)) if v is not None and not pd.isna(v) else 1)
    word = max((len(w) for w in str(header).split()), default=0)
    longest = max([*shown, min(len(str(header)), 24), word], default=LEBAR_MIN)
    return float(min(max(longest + 2, LEBAR_MIN), LEBAR_MAKS))


def nama_lembar(judul: str, taken: dict) -> str:
    """A sheet name from a table's title: Excel's 31 characters, cut at a word, without the
    characters Excel refuses ([]:*?/\\), numbered when two titles start alike."""
    clean = re.sub(r"[\[\]:*?/\\]", " ", judul)
    clean = " ".join(clean.replace("'", "").split())
    name = clean if len(clean) <= 31 else clean[:31].rsplit(" ", 1)[0].rstrip(",;·–-")
    base, i = name, 2
    while name in taken or name in ("Keterangan", "Angka kunci"):
        name = f"{base[:27]} ({i})"
        i += 1
    return name


def _keterangan(deck: Deck, tables) -> pd.DataFrame:
    rows = [
        ("Instansi", deck.dinas),
        ("Wilayah", WILAYAH),
        ("Periode", deck.label_periode),
        ("Dibuat", f"{deck.dibuat:%d-%m-%Y %H:%M}"),
        ("Versi data", deck.versi),
        (
            "Data",
            SINTETIS + ": dibuat program untuk demonstrasi" if deck.demo else "Data impor dinas",
        ),
        ("Kerahasiaan", RAHASIA),
    ]
    rows += [(f"Slide {s.nomor}", s.judul) for s in deck.slides]
    rows += [
        (f"Lembar {name}", f"{t.judul} (python -m pantau query {t.sumber})") for name, t in tables
    ]
    return pd.DataFrame(rows, columns=["Keterangan", "Isi"])


def _kunci(deck: Deck) -> tuple[pd.DataFrame, dict[str, str]]:
    df = pd.DataFrame(
        {
            "Angka": [a.label for a in deck.angka_kunci],
            "Nilai": [_nilai(a.nilai) for a in deck.angka_kunci],
            "Query": [a.sumber for a in deck.angka_kunci],
            "Kolom": [a.kolom for a in deck.angka_kunci],
        }
    )
    codes = "\t".join(NUMBER_FORMATS.get(a.jenis, "") for a in deck.angka_kunci)
    return df, {"__per_baris__": codes}


def _nilai(v: object) -> object:
    """A key figure as a cell: a number stays a number, a suppression mark stays text, and a
    figure the period has no data for (None, NaN) is an empty cell, never a crash."""
    if isinstance(v, str):
        return v
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if x != x else x

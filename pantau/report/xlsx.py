"""The deck's tables as an Excel workbook: a sheet of notes, a sheet of key figures, then each
aggregate table on a sheet named in Indonesian words, with a number format by kind (counts
#.##0, shares 0,0 %, Rupiah), a frozen header row, filters and widths to its content. Numbers
stay numbers; text is escaped so no cell can run as a formula."""

from __future__ import annotations

import io
import re

import pandas as pd

from pantau import fmt, privacy
from pantau.export import safe_frame
from pantau.report.model import NUMBER_FORMATS, SINTETIS, Deck
from pantau.teks import RAHASIA_EXCEL as RAHASIA

# Excel keeps format codes in its own (US) notation and shows them in the reader's locale:
# '#,##0' reads 1.234 and '0.0%' reads 12,5% on an Indonesian Excel or LibreOffice.
LEBAR_MIN, LEBAR_MAKS = 8, 60
# Whole short names (Excel allows 31 characters; a title cut there read "Cakupan program di
# antara"); a table not listed is named from its title.
NAMA_LEMBAR = {
    "angka_utama": "Angka utama",
    "komponen_tren": "Perubahan daftar dan sebabnya",
    "verval": "Hasil verval per daftar",
    "cakupan_program": "Cakupan program",
    "beban": "Pengeluaran dan garis",
    "rekonsiliasi": "Dua hitungan miskin ekstrem",
    "pengeluaran_garis": "Sebaran pengeluaran",
    "sumber_dana": "Bantuan per sumber dana",
    "efek_modal_usaha": "Hasil modal usaha",
    "kube": "KUBE",
    "kelurahan_teratas": "Lima kelurahan prioritas",
    "peta_kelurahan": "Kantong per kelurahan",
    "tren_kecamatan": "Tren per kecamatan",
    "kartu_skor": "Kartu skor tiga strategi",
    "sumber_data": "Sumber data dan tanggal impor",
}
# Where the region has desa ('/' is one of the characters Excel refuses in a sheet's name).
NAMA_LEMBAR_DESA = {
    "kelurahan_teratas": "Lima desa & kelurahan prioritas",
    "peta_kelurahan": "Kantong per desa & kelurahan",
}


def xlsx_bytes(deck: Deck) -> bytes:
    sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]] = {}
    tables = []
    names = NAMA_LEMBAR if deck.desa == "kelurahan" else {**NAMA_LEMBAR, **NAMA_LEMBAR_DESA}
    for tabel in deck.tabel() + (deck.penutup.tabel if deck.penutup else []):
        name = nama_lembar(names.get(tabel.key, tabel.judul), sheets)
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
            # a column of counts, shares and Rupiah together (key figures, the scorecard):
            # each row its own number format, given as "__baris__<column>" (tab-separated)
            for key, per_row in formats.items():
                if not key.startswith("__baris__") or key[9:] not in df.columns:
                    continue
                col = list(df.columns).index(key[9:])
                for i, code in enumerate(per_row.split("\t")[: len(df)], start=1):
                    value = df[key[9:]].iloc[i - 1]
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
    from pantau.report.pdf import sumber_kata

    rows = [
        ("Instansi", deck.dinas),
        ("Wilayah", deck.wilayah),
        ("Periode", deck.label_periode),
        ("Dibuat", fmt.waktu(deck.dibuat)),
        ("Versi data", deck.versi),
        (
            "Data",
            SINTETIS + ": dibuat program untuk demonstrasi" if deck.demo else "Data impor dinas",
        ),
        ("Kerahasiaan", RAHASIA),
    ]
    rows += [(f"Slide {s.nomor}", s.judul) for s in deck.slides]
    rows += [
        (f"Lembar {name}", f"{t.judul}; dihitung dari {sumber_kata(t.sumber, deck.desa)}")
        for name, t in tables
    ]
    # traceability for whoever checks a figure: the named query behind each sheet, last
    rows += [(f"Asal (teknis): {name}", f"python -m pantau query {t.sumber}") for name, t in tables]
    return pd.DataFrame(rows, columns=["Keterangan", "Isi"])


def _kunci(deck: Deck) -> tuple[pd.DataFrame, dict[str, str]]:
    """The key figures: label, the number (a number cell), a note (why a hidden one is empty,
    or the figure's words where they name more: the kelurahan), and where it comes from (named
    query · column) last, for checking."""
    df = pd.DataFrame(
        {
            "Angka": [a.label for a in deck.angka_kunci],
            "Nilai": [_nilai(a.nilai) for a in deck.angka_kunci],
            "Catatan": [_catatan(a.nilai) or _kata(a.teks) for a in deck.angka_kunci],
            "Asal (teknis)": [f"{a.sumber} · {a.kolom}" for a in deck.angka_kunci],
        }
    )
    codes = "\t".join(NUMBER_FORMATS.get(a.jenis, "") for a in deck.angka_kunci)
    return df, {"__baris__Nilai": codes}


def _kata(teks: str) -> str:
    """The figure's words when they say more than the number ("Kel. Ngemplakrejo: 31,1"); a
    number written out ("311", "83,0%", "Rp 391.000") is the cell already."""
    words = re.sub(r"\bRp\b", "", str(teks))
    return str(teks) if re.search(r"[A-Za-z]{3,}", words) else ""


def _catatan(v: object) -> str:
    if not privacy.disamarkan(v):
        return ""
    if v == f"<{privacy.SMALL}":
        return "Disamarkan: kurang dari 5 (1 sampai 4)."
    if v == privacy.HIDDEN:
        return "Disamarkan: angka ini dapat dipakai menghitung angka kecil di dekatnya."
    return f"Disamarkan: antara {v.replace('–', ' dan ')}."


def _nilai(v: object) -> object:
    """A key figure as a cell: a number stays a number; a suppression mark or a figure the
    period has no data for (None, NaN) is an empty cell (the note says why), never text in a
    number column and never a crash."""
    if isinstance(v, str):
        return None
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if x != x else x

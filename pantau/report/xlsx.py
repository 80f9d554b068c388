"""The deck's tables as an Excel workbook: a sheet of key figures, then each aggregate table on its
own sheet with number formats; text is escaped so no cell can run as a formula."""

from __future__ import annotations

import pandas as pd

from pantau import export
from pantau.report.deck import SINTETIS, WILAYAH, Deck

RAHASIA = (
    "Hanya angka agregat. Angka di bawah 5 ditulis <5; tanda × menyembunyikan angka yang dapat "
    "dipakai menghitung angka <5 dari total atau sel tetangganya."
)


def xlsx_bytes(deck: Deck) -> bytes:
    sheets = {"Keterangan": _keterangan(deck), "Angka kunci": _kunci(deck)}
    formats: dict[str, str] = {}
    for tabel in deck.tabel():
        sheets[_nama(tabel.key, sheets)] = tabel.angka()
        formats |= tabel.formats()
    return export.xlsx_bytes(sheets, formats)


def _keterangan(deck: Deck) -> pd.DataFrame:
    rows = [
        ("Instansi", deck.dinas),
        ("Wilayah", WILAYAH),
        ("Periode", deck.label_periode),
        ("Dibuat", f"{deck.dibuat:%d-%m-%Y %H:%M}"),
        ("Versi data", str(deck.versi)),
        (
            "Data",
            SINTETIS + ": dibuat program untuk demonstrasi" if deck.demo else "Data impor dinas",
        ),
        ("Kerahasiaan", RAHASIA),
    ]
    rows += [(f"Slide {s.nomor}", s.judul) for s in deck.slides]
    rows += [(f"Lembar {t.key[:31]}", f"{t.judul} (query {t.sumber})") for t in deck.tabel()]
    return pd.DataFrame(rows, columns=["Keterangan", "Isi"])


def _kunci(deck: Deck) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Angka": [a.label for a in deck.angka_kunci],
            "Nilai (teks)": [a.teks for a in deck.angka_kunci],
            "Nilai": [_nilai(a.nilai) for a in deck.angka_kunci],
            "Sumber (query)": [a.sumber for a in deck.angka_kunci],
            "Kolom": [a.kolom for a in deck.angka_kunci],
        }
    )


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


def _nama(key: str, taken: dict) -> str:
    name, i = key[:31], 2
    while name in taken:
        name = f"{key[:28]}_{i}"
        i += 1
    return name

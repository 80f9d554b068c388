"""An output column as people read it: its label (with the unit) and its kind, which gives its
notation and its spreadsheet format. The query catalogue declares both once per column
(`-- columns:`, queries/README.md); the deck, the pages and the files read them from there."""

from __future__ import annotations

from dataclasses import dataclass

# Kinds that count families, persons, KPM, groups, desa/kelurahan or payments: a column the header's
# `counts` line names has one of these (tests/test_catalogue.py).
COUNTS = {"keluarga", "jiwa", "kpm", "kelompok", "kelurahan", "penyaluran"}
# Every kind: the counts, money, a share 0-1 shown as a percent, a number to one or two
# decimals, a rank or another whole number that counts no family, text, a period ('2024-06')
# and a date.
KINDS = (
    *sorted(COUNTS),
    "rp",
    "persen",
    "desimal",
    "indeks",
    "peringkat",
    "teks",
    "periode",
    "tanggal",
)
# Excel number formats per kind of column; text kinds get none.
NUMBER_FORMATS = {
    **dict.fromkeys(COUNTS, "#,##0"),
    "peringkat": "#,##0",
    "rp": '"Rp" #,##0',
    "persen": "0.0%",
    "desimal": "#,##0.0",
    "indeks": "#,##0.00",
}


@dataclass(frozen=True)
class Column:
    label: str  # header with its unit
    jenis: str  # one of KINDS

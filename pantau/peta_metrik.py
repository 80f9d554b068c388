"""What the Peta map measures and how a value reads: the metrics of the chooser, the bases
below which a figure is marked or not ranked, and the notation of a value, an interval, a rank."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pantau import catalogue, fmt
from pantau import wilayah as wilayah_mod

# Fewer extreme-poor keluarga than this: a share carries the mark "hati-hati: dasar kecil"
# (the same base as dasar_kecil() in queries/_shared/55_wilson.sql).
DASAR_KECIL = 30
TANDA_DASAR_KECIL = "hati-hati: dasar kecil"
# The pocket index's base: keluarga on the kelurahan's list (the rate's denominator, as the
# pocket rule's), dasar_indeks() in queries/_shared/55_wilson.sql (BPS review 3, B1).
DASAR_INDEKS = 30
# What DASAR_INDEKS counts, for sentences elsewhere (the deck, Ringkasan): "≥ 30 keluarga dalam
# daftar", no longer "keluarga miskin ekstrem".
SATUAN_DASAR_INDEKS = "keluarga dalam daftar"


@dataclass(frozen=True)
class Metrik:
    kolom: str
    label: str  # the chooser's option and the colour bar's title: the query header's label
    satuan: str  # what the number counts, in the map's title and hover sentence
    jenis: str  # "keluarga" (count), "rasio" (per 1.000) or "persen" (share 0-1)


# The header's kind → the notation teks() writes (one decimal for a rate per 1.000).
_JENIS = {"desimal": "rasio", "persen": "persen", "keluarga": "keluarga"}
# The chooser's metrics: key → (column, the title's phrase). Label and kind are the header's
# (queries/peta_kelurahan.sql `columns`), so the chooser, the colour bar and the tables read
# the same words.
_UKURAN = {
    "per_1000": ("per_1000_keluarga", "keluarga miskin ekstrem per 1.000 keluarga dalam daftar"),
    "miskin_ekstrem": ("keluarga_miskin_ekstrem", "keluarga miskin ekstrem"),
    "porsi_kota": ("porsi_kota", "dari keluarga miskin ekstrem {jenis}"),
    "belum_tercakup": (
        "keluarga_belum_tercakup",
        "keluarga miskin ekstrem belum tercakup program apa pun",
    ),
    "lantai_tanah": ("porsi_lantai_tanah", "keluarga miskin ekstrem berlantai tanah"),
    "air_tidak_layak": (
        "porsi_air_tidak_layak",
        "keluarga miskin ekstrem dengan air minum tidak layak",
    ),
    "tanpa_jamban": ("porsi_tanpa_jamban", "keluarga miskin ekstrem tanpa jamban sendiri"),
    "bukan_pln": (
        "porsi_bukan_pln",
        "keluarga miskin ekstrem dengan penerangan bukan listrik PLN",
    ),
}


def _metrik_dari_katalog(w: wilayah_mod.Wilayah) -> dict[str, Metrik]:
    """The chooser's metrics in region `w`'s words, label and kind from the query header. One
    exception: the share of the region's total reads "Porsi dari total kota" in the chooser
    while its column header is "Porsi kota (%)"; both wordings are pinned by tests
    (test_wilayah_kata, test_catalogue), so it keeps its own label here."""
    kolom = catalogue.kolom("peta_kelurahan", w)
    out = {}
    for key, (col, satuan) in _UKURAN.items():
        c = kolom[col]
        label = f"Porsi dari total {w.jenis}" if col == "porsi_kota" else c.label
        out[key] = Metrik(col, label, satuan.format(jenis=w.jenis), _JENIS[c.jenis])
    return out


METRIK: dict[str, Metrik] = _metrik_dari_katalog(wilayah_mod.PASURUAN)


def metrik_wilayah() -> dict[str, Metrik]:
    """The chooser's metrics in the region's words: 'Porsi dari total kabupaten' in a
    kabupaten, '… provinsi' in a province (METRIK itself, a kota's, elsewhere)."""
    region = wilayah_mod.dari()
    if region.jenis == "kota":
        return METRIK
    return _metrik_dari_katalog(region)


# A list without the extreme flag has only its size to map (pages/peta.py); not a chooser option.
DAFTAR = Metrik(
    "keluarga",
    catalogue.kolom("peta_kelurahan")["keluarga"].label,
    "keluarga dalam daftar",
    "keluarga",
)
# The rate, not the count: a count mostly shows where many families live (S8 of the review).
METRIK_AWAL = "per_1000"
# A metric's 95 % Wilson interval, as the query computes it.
SELANG = {
    "per_1000_keluarga": ("per_1000_bawah", "per_1000_atas"),
    "porsi_belum_tercakup": ("porsi_belum_tercakup_bawah", "porsi_belum_tercakup_atas"),
}
EKSTREM = "keluarga_miskin_ekstrem"


def metrik(key: str | None) -> str:
    return key if key in METRIK else METRIK_AWAL


def teks(value, jenis: str) -> str:
    """A metric value in Indonesian notation with its unit sign."""
    if isinstance(value, str):  # a count suppressed for guests ("<5")
        return value
    if jenis == "persen":
        return fmt.persen(value)
    return fmt.angka(value, 1 if jenis == "rasio" else 0)


def teks_indeks(value) -> str:
    """The index to one decimal; a guest's hidden index ("×") as it is."""
    if isinstance(value, str):
        return value
    return "–" if pd.isna(value) else fmt.angka(value, 1)


def teks_peringkat(value, ranked, indeks=None) -> str:
    """'3 dari 27': the rank among the `ranked` units that have one and whose index is shown
    (peta_kelurahan.peringkat_dari, recounted for a guest by pantau.privacy), or why there is
    none: the index hidden from a guest ("×"), or fewer than DASAR_INDEKS keluarga on the list."""
    if isinstance(indeks, str):
        return "disamarkan (indeks dari jumlah < 5)"
    if pd.isna(value):
        return f"tidak diperingkat (< {DASAR_INDEKS} keluarga dalam daftar)"
    return f"{fmt.angka(float(value))} dari {fmt.angka(float(ranked))}"


def ada_data(df: pd.DataFrame) -> bool:
    """Whether the period has any keluarga on its list (suppressed counts still count)."""
    return bool((pd.to_numeric(df["keluarga"], errors="coerce").fillna(1) > 0).any())


def teks_selang(lo, hi, jenis: str) -> str:
    """'12,3–45,6' (a hidden bound stays hidden)."""
    if isinstance(lo, str) or isinstance(hi, str):
        return privacy_hidden(lo, hi)
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{teks(lo, jenis)}–{teks(hi, jenis)}"


def privacy_hidden(*values) -> str:
    return next(v for v in values if isinstance(v, str))

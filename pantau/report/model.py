"""The deck's model: the deck, a slide, its tables, figures and key figures, and the cell
notation every renderer (the Paparan page, PowerPoint, PDF, Excel) shares."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from pantau import fmt
from pantau import wilayah as wilayah_mod
from pantau.columns import COUNTS, NUMBER_FORMATS, Column

__all__ = ["COUNTS", "NUMBER_FORMATS", "Column"]  # the deck's modules import them from here

# Kota Pasuruan's words, the default region's; a deck takes its own region's (Context.wilayah).
DINAS = wilayah_mod.PASURUAN.dinas
WILAYAH = wilayah_mod.PASURUAN.nama
SINTETIS = "DATA SINTETIS"

# A guest's hidden cell ('×' in the policy and the spreadsheet) as the slides and the PDF write
# it: a word a DPRD member reads without a legend (DPRD re-review N4, R2-1).
SAMAR = "disamarkan"
_SILANG = re.compile(r"(?<![\w])×(?![\w])")


def polos(text) -> str:
    """`text` as the PowerPoint and the PDF print it: a cell that is the hidden mark '×' is
    SAMAR, a mark inside a sentence "(angka disamarkan)" ("Bansos menjangkau (angka
    disamarkan) keluarga miskin ekstrem"). A multiplier written on a number ('1,5×') stays."""
    text = str(text)
    if text.strip() == "×":
        return SAMAR
    text = text.replace("(×)", f"({SAMAR})")
    return _SILANG.sub(f"(angka {SAMAR})", text)


POIN_MAKS = 3  # bullets on a slide face; the rest stay in the speaker notes


def katalog(query: str, w, kolom: list[str], sendiri: dict[str, Column] | None = None):
    """The columns `kolom` of a table, in that order, as query `query`'s header labels them
    (catalogue.kolom, in region `w`'s words); `sendiri` holds the few a slide adds that no query
    returns (a difference, a share the slide computes), declared where they are made."""
    from pantau import catalogue

    dari = catalogue.kolom(query, w)
    sendiri = sendiri or {}
    return {c: sendiri[c] if c in sendiri else dari[c] for c in kolom}


@dataclass
class Table:
    key: str  # sheet name and file name
    judul: str
    df: pd.DataFrame  # already suppressed for the role: hidden counts are '<5' or '×'
    kolom: dict[str, Column]
    sumber: str  # the named queries it comes from
    di_slide: bool = False  # shown on the slide itself, not only in the PDF and Excel file
    di_laporan: bool = True  # printed in the PDF (a long detail table lives in the Excel file only)
    # the sheet when the shown table is text (the scorecard's "83,0%", "612 KPM"): numbers
    # with a unit column and, per column or per row ("__baris__<column>"), number formats
    lembar: pd.DataFrame | None = None
    lembar_format: dict[str, str] | None = None

    def teks(self, baris: int | None = None) -> pd.DataFrame:
        """The table as people read it: Indonesian notation, unit in each header."""
        df = self.df if baris is None else self.df.head(baris)
        return pd.DataFrame(
            {k.label: [teks(v, k.jenis) for v in df[c]] for c, k in self.kolom.items()}
        )

    def angka(self) -> pd.DataFrame:
        """The table for a spreadsheet: numbers stay numbers, headers carry the unit."""
        if self.lembar is not None:
            return self.lembar
        out = self.df[list(self.kolom)].copy()
        for c, k in self.kolom.items():
            if k.jenis == "periode":
                out[c] = out[c].map(fmt.periode)
        return out.rename(columns={c: k.label for c, k in self.kolom.items()})

    def formats(self) -> dict[str, str]:
        if self.lembar_format is not None:
            return self.lembar_format
        return {
            k.label: NUMBER_FORMATS[k.jenis]
            for k in self.kolom.values()
            if k.jenis in NUMBER_FORMATS
        }


@dataclass
class Chart:
    key: str
    fig: go.Figure  # the static figure reports render to an image
    layar: go.Figure | None = None  # an interactive alternative for the screen (the map)
    # drawn on the PowerPoint slide (one chart per message); False: the PDF and the screen only
    di_slide: bool = True
    # the least text size (px) of the file version (figures.huruf_min); None: as drawn
    huruf: int | None = None


@dataclass
class Slide:
    key: str
    nomor: int
    judul: str  # the finding
    subjudul: str
    grafik: list[Chart] = field(default_factory=list)
    tabel: list[Table] = field(default_factory=list)
    poin: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # speaker notes: numbers and definitions
    bingkai: bool = False  # the cover or the closing slide: no number, no chart
    # why the slide has nothing to show for the period (one sentence), or None: build_deck puts
    # two or more such slides together on one "Data belum tersedia" slide (review N12)
    kosong: str | None = None

    @property
    def grafik_slide(self) -> list[Chart]:
        """The charts the PowerPoint slide draws (the PDF and the screen draw them all)."""
        return [g for g in self.grafik if g.di_slide]

    @property
    def poin_muka(self) -> list[str]:
        """The points on the slide face: at most POIN_MAKS (one message per slide); every
        renderer shows these, the rest go to the speaker notes (`catatan_lengkap`)."""
        return self.poin[:POIN_MAKS]

    @property
    def catatan_lengkap(self) -> list[str]:
        """The speaker notes with the points beyond the slide face, none lost."""
        extra = [p for p in self.poin[POIN_MAKS:] if p not in self.catatan]
        return [*self.catatan, *extra]


@dataclass(frozen=True)
class KeyFigure:
    label: str
    nilai: object  # as the query returned it after suppression
    teks: str
    sumber: str  # query name
    kolom: str
    jenis: str = "teks"  # as Column.jenis: the Excel number format of the value


@dataclass
class Deck:
    periode: str | None
    role: str
    demo: bool
    versi: int
    slides: list[Slide]
    angka_kunci: list[KeyFigure]
    dibuat: dt.datetime
    dinas: str = DINAS
    wilayah: str = WILAYAH  # the region's name: 'Kota Pasuruan', 'Kabupaten Tuban'
    desa: str = "kelurahan"  # its word for the units below kecamatan ('desa/kelurahan')
    sampul: Slide | None = None  # the cover, before slide 1
    penutup: Slide | None = None  # the closing slide, after the last

    @property
    def semua(self) -> list[Slide]:
        """Every page in order: cover, the numbered slides, closing (what the files show)."""
        return [s for s in (self.sampul, *self.slides, self.penutup) if s is not None]

    @property
    def label_periode(self) -> str:
        return fmt.periode(self.periode)

    @property
    def kaki(self) -> str:
        """The line every slide and page carries."""
        text = f"{self.dinas} · {self.wilayah} · {self.label_periode}"
        return f"{text} · {SINTETIS}" if self.demo else text

    def tabel(self) -> list[Table]:
        return [t for s in self.slides for t in s.tabel]

    def grafik(self) -> list[Chart]:
        return [g for s in self.slides for g in s.grafik]


def teks(v, jenis: str) -> str:
    """One cell in Indonesian notation; a suppressed count keeps its mark."""
    if isinstance(v, str) and jenis not in ("teks", "periode"):
        return v
    if jenis == "teks":
        return "–" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
    if jenis == "periode":
        return fmt.periode(v)
    if jenis == "tanggal":
        return fmt.tanggal(v)
    if jenis == "rp":
        return fmt.rupiah(v)
    if jenis == "persen":
        return fmt.persen(v)
    if jenis in ("desimal", "indeks"):
        return fmt.angka(v, 1 if jenis == "desimal" else 2)
    return fmt.angka(v)


def angka(values) -> pd.Series:
    """Numbers for a chart: suppressed cells become NaN (nothing is drawn for them)."""
    return pd.to_numeric(pd.Series(values), errors="coerce")

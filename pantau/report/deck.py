"""The deck: the Paparan's content built once from the named queries, privacy-filtered for a role.

The Paparan page, the PowerPoint, the PDF and the Excel file all lay out the same `Deck`, so
every number agrees with the page and with `python -m pantau query`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from pantau import fmt, privacy
from pantau import wilayah as wilayah_mod
from pantau.lake import Lake

# Kota Pasuruan's words, the default region's; a deck takes its own region's (Konteks.wilayah).
DINAS = wilayah_mod.PASURUAN.dinas
WILAYAH = wilayah_mod.PASURUAN.nama
SINTETIS = "DATA SINTETIS"
COUNTS = {"keluarga", "jiwa", "kpm", "kelompok", "kelurahan"}
# Excel number formats per kind of column; text kinds get none.
NUMBER_FORMATS = {
    **dict.fromkeys(COUNTS, "#,##0"),
    "rp": '"Rp" #,##0',
    "persen": "0.0%",
    "desimal": "#,##0.0",
    "indeks": "#,##0.00",
}

# A guest's hidden cell ('×' in the policy and the spreadsheet) as the slides and the PDF write
# it: a word a DPRD member reads without a legend (DPRD re-review N4, R2-1).
SAMAR = "disamarkan"
LEGENDA_TAMU = (
    "Angka kecil disamarkan untuk menjaga kerahasiaan keluarga: <5 = kurang dari 5; "
    "rentang (307–310) = nilai yang mungkin."
)
LEGENDA_KAKI = "angka kecil disamarkan demi kerahasiaan keluarga (<5: kurang dari 5)"
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


Progress = Callable[[float, str], None]
POIN_MAKS = 3  # bullets on a slide face; the rest stay in the speaker notes


@dataclass(frozen=True)
class Kolom:
    label: str  # header with its unit
    # keluarga, jiwa, kpm, kelompok, kelurahan, rp, persen, desimal, indeks, teks, periode
    jenis: str


@dataclass
class Tabel:
    key: str  # sheet name and file name
    judul: str
    df: pd.DataFrame  # already suppressed for the role: hidden counts are '<5' or '×'
    kolom: dict[str, Kolom]
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
class Grafik:
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
    grafik: list[Grafik] = field(default_factory=list)
    tabel: list[Tabel] = field(default_factory=list)
    poin: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)  # speaker notes: numbers and definitions
    bingkai: bool = False  # the cover or the closing slide: no number, no chart
    # why the slide has nothing to show for the period (one sentence), or None: build_deck puts
    # two or more such slides together on one "Data belum tersedia" slide (review N12)
    kosong: str | None = None

    @property
    def grafik_slide(self) -> list[Grafik]:
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
class AngkaKunci:
    label: str
    nilai: object  # as the query returned it after suppression
    teks: str
    sumber: str  # query name
    kolom: str
    jenis: str = "teks"  # as Kolom.jenis: the Excel number format of the value


@dataclass
class Deck:
    periode: str | None
    peran: str
    demo: bool
    versi: int
    slides: list[Slide]
    angka_kunci: list[AngkaKunci]
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

    def tabel(self) -> list[Tabel]:
        return [t for s in self.slides for t in s.tabel]

    def grafik(self) -> list[Grafik]:
        return [g for s in self.slides for g in s.grafik]


def teks(v, jenis: str) -> str:
    """One cell in Indonesian notation; a suppressed count keeps its mark."""
    if isinstance(v, str) and jenis not in ("teks", "periode"):
        return v
    if jenis == "teks":
        return "–" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v)
    if jenis == "periode":
        return fmt.periode(v)
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


class Konteks:
    """What every slide builder needs: the lake, the period, the role and the policy's results.

    Every table a slide shows comes from `query` or `tabel`, both `privacy`'s: a builder never
    holds rows the role may not see."""

    def __init__(self, data_dir: Path, periode: str | None, peran: str):
        self.data_dir = Path(data_dir)
        self.peran = peran
        self.wilayah = wilayah_mod.dari(self.data_dir)  # the region the directory serves
        self.nama = self.wilayah.nama  # its name, also the label of the queries' total rows
        self._rows: dict[tuple, pd.DataFrame] = {}
        periods = self.query("periode_list")
        self.periode_keluarga = [
            p
            for p, d in zip(periods["periode"], periods["dataset"], strict=True)
            if "keluarga" in d
        ]
        self.periode_verval = [
            p for p, d in zip(periods["periode"], periods["dataset"], strict=True) if "verval" in d
        ]
        self.periode = periode or (self.periode_keluarga[-1] if self.periode_keluarga else None)
        self.label = fmt.periode(self.periode)

    @property
    def ada_daftar(self) -> bool:
        return self.periode in self.periode_keluarga

    def query(self, name: str, **params) -> pd.DataFrame:
        """Named query `name` as the role may see it (`privacy.result`); each runs once per
        deck, slides that share one share its rows."""
        key = (name, tuple(sorted(params.items())))
        if key not in self._rows:
            self._rows[key] = privacy.result(name, params, self.peran, self.data_dir)
        return self._rows[key].copy()

    def tabel(self, name: str, build, params: dict | None = None, **links) -> pd.DataFrame:
        """A table `build` makes from query `name`'s full rows, as the role may see it
        (`privacy.table`: the query header's policy plus `links` for the columns it adds)."""
        return privacy.table(name, params or {}, self.peran, build, self.data_dir, **links)


def build_deck(
    data_dir: Path, periode: str | None = None, role: str = "tamu", progress: Progress | None = None
) -> Deck:
    """The six slides for `periode` (empty = the latest period with a keluarga list) as `role`
    may see them. `progress(fraction, message)` is told as each slide is built."""
    from pantau.report import slides

    k = Konteks(data_dir, periode, role)
    dibuat = dt.datetime.now()
    builders = slides.BUILDERS
    out: list[Slide] = []
    kunci: list[AngkaKunci] = []
    per_slide: list[list[AngkaKunci]] = []
    for i, builder in enumerate(builders, start=1):
        if progress:
            progress((i - 1) / len(builders), f"Menyusun slide {i} dari {len(builders)}")
        slide, angka_slide = builder(k)
        slide.nomor = i
        out.append(slide)
        kunci.extend(angka_slide)
        per_slide.append(angka_slide)
    if progress:
        progress(1.0, "Slide selesai disusun")
    out, per_slide = gabung_kosong(out, per_slide, k)
    lake = Lake(Path(data_dir))
    sumber = slides.asal_data(lake, k.periode)
    for slide, angka_slide in zip(out, per_slide, strict=True):
        slide.catatan.append(asal(slide, angka_slide, k, sumber, dibuat))
    deck = Deck(
        k.periode,
        role,
        lake.is_demo(),
        lake.version(),
        out,
        kunci,
        dibuat,
        dinas=k.wilayah.dinas,
        wilayah=k.nama,
        desa=k.wilayah.label_desa_kecil,
    )
    deck.sampul = slides.sampul(k, deck, sumber)
    deck.penutup = slides.penutup(k, deck, sumber)
    return deck


BELUM_TERSEDIA = {
    "konteks": "konteks dan target",
    "verval": "verval",
    "strategi_1": "bansos dan pengeluaran",
    "strategi_2": "modal usaha",
    "strategi_3": "kantong kemiskinan",
    "selanjutnya": "langkah berikutnya",
}


def gabung_kosong(
    slides: list[Slide], per_slide: list[list[AngkaKunci]], k: Konteks
) -> tuple[list[Slide], list[list[AngkaKunci]]]:
    """Two or more slides with nothing to show for the period (an early or flagless list: no
    verval yet, no comparison for modal usaha, no pocket) become one slide at the
    last one's place that says which and why; their notes and key figures are kept. Slides renumbered."""
    empty = [i for i, s in enumerate(slides) if s.kosong]
    if len(empty) < 2:
        return slides, per_slide
    parts = [slides[i] for i in empty]
    names = [BELUM_TERSEDIA.get(s.key, s.key) for s in parts]
    which = ", ".join(names[:-1]) + f" dan {names[-1]}"
    judul = f"Data belum tersedia untuk {k.label}: {which}"
    reasons = list(dict.fromkeys(s.kosong for s in parts))  # one reason once
    if slides[empty[0]].key == "konteks":
        # no list for the period: the context slide's reason is the one cause of every empty
        # slide, and the title, as before
        judul, reasons = slides[empty[0]].judul, [slides[empty[0]].kosong]
    merged = Slide(
        "belum_tersedia",
        0,
        judul,
        f"Bagian paparan yang belum dapat dihitung · {k.label}",
        poin=reasons,
        catatan=[c for s in parts for c in s.catatan if c not in [p.kosong for p in parts]],
        kosong="; ".join(reasons),
    )
    merged.catatan = [*merged.poin, *merged.catatan]
    out, kunci = [], []
    for i, (slide, ak) in enumerate(zip(slides, per_slide, strict=True)):
        # after the slides that have something to show; first when the context slide is empty
        # (no list for the period)
        if i == (empty[0] if slides[empty[0]].key == "konteks" else empty[-1]):
            out.append(merged)
            kunci.append([a for j in empty for a in per_slide[j]])
        elif i not in empty:
            out.append(slide)
            kunci.append(ak)
    for n, slide in enumerate(out, start=1):
        slide.nomor = n
    return out, kunci


def asal(
    slide: Slide, kunci: list[AngkaKunci], k: Konteks, sumber: list[dict], dibuat: dt.datetime
) -> str:
    """The provenance line of a slide's speaker notes: its named queries, the period, the
    keluarga list it reads and when the deck was made."""
    queries = sorted({t.sumber for t in slide.tabel} | {a.sumber for a in kunci})
    daftar = next((s for s in sumber if s["jenis"] == "keluarga"), None)
    text = f"Asal data: periode {k.label}"
    if queries:
        text += f"; query {', '.join(queries)} (python -m pantau query NAMA)"
    if daftar:
        text += (
            f"; daftar keluarga {fmt.periode(daftar['periode'])} dari berkas "
            f"{daftar['berkas']} (diimpor {daftar['diimpor']})"
        )
    return text + f"; dibuat {fmt.waktu(dibuat)}."

"""The deck as an A4 portrait report: key figures first, then each section with its finding,
charts, points, tables and definitions; black text on white so it prints in black and white."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from pantau.errors import PantauError
from pantau.report.deck import SINTETIS, WILAYAH, Deck, Slide, Tabel
from pantau.report.gambar import gambar_deck

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
LEBAR = 180  # mm of text width on A4 with 15 mm margins
ABU = (90, 90, 90)
KEPALA = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))


class _Laporan(FPDF):
    def __init__(self, deck: Deck):
        super().__init__("P", "mm", "A4")
        self.deck = deck
        self.set_margins(15, 18, 15)
        self.set_auto_page_break(True, margin=18)
        for style, name in FONTS.items():
            path = FONT_DIR / name
            if not path.exists():
                raise PantauError(
                    f"Font {path} tidak ada; pasang paket Debian 'fonts-dejavu-core' untuk PDF."
                )
            self.add_font("DejaVu", style, str(path))
        self.set_title(f"Paparan kemiskinan ekstrem {WILAYAH}, {deck.label_periode}")
        self.set_author(deck.dinas)

    def header(self):
        if self.deck.demo:
            self.set_font("DejaVu", "B", 9)
            self.set_xy(-55, 7)
            self.cell(40, 6, SINTETIS, border=1, align="C")
            self.set_xy(self.l_margin, self.t_margin)

    def footer(self):
        self.set_y(-13)
        self.set_font("DejaVu", "", 8)
        self.set_text_color(*ABU)
        self.cell(150, 5, self.deck.kaki)
        self.cell(0, 5, f"Halaman {self.page_no()}", align="R")
        self.set_text_color(0, 0, 0)


def pdf_bytes(deck: Deck, progress=None, renderer=None) -> bytes:
    """The PDF report of `deck`; `progress(fraction, message)` follows the chart images."""
    images = gambar_deck(deck, progress, renderer)
    pdf = _Laporan(deck)
    pdf.add_page()
    _sampul(pdf, deck)
    for slide in deck.slides:
        pdf.add_page()
        _bagian(pdf, slide, images)
    return bytes(pdf.output())


def _para(
    pdf: FPDF, text: str, size: float = 10, style: str = "", colour=(0, 0, 0), gap: float = 1.5
):
    pdf.set_font("DejaVu", style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(gap)


def _sampul(pdf: _Laporan, deck: Deck) -> None:
    _para(pdf, deck.dinas, 12, "B")
    _para(pdf, f"Kemiskinan ekstrem di {WILAYAH}: tiga strategi dan hasilnya", 18, "B", gap=1)
    _para(
        pdf, f"Bahan paparan untuk DPRD dan pimpinan · periode {deck.label_periode}", 11, colour=ABU
    )
    dibuat = f"Dibuat {deck.dibuat:%d-%m-%Y %H:%M} dari data lake versi {deck.versi}."
    if deck.demo:
        dibuat += " DATA SINTETIS: semua angka dibuat program untuk demonstrasi."
    _para(pdf, dibuat, 9, colour=ABU, gap=4)
    _para(pdf, "Angka kunci", 13, "B")
    rows = [("Angka", "Nilai", "Sumber (query)")]
    rows += [(a.label, a.teks, a.sumber) for a in deck.angka_kunci]
    _tabel_baris(pdf, rows, (88, 42, 50), ("LEFT", "RIGHT", "LEFT"), 9)
    pdf.ln(3)
    _para(pdf, "Isi", 13, "B")
    for s in deck.slides:
        _para(pdf, f"{s.nomor}. {s.judul}", 9.5, gap=0.8)
    pdf.ln(2)
    _para(
        pdf,
        "Hanya angka agregat; tidak ada nama atau nomor identitas. Angka di bawah 5 ditulis <5; "
        "tanda × menyembunyikan angka yang dapat dipakai menghitung angka <5 dari total atau sel "
        "tetangganya.",
        8.5,
        colour=ABU,
    )


def _bagian(pdf: _Laporan, slide: Slide, images: dict[str, bytes]) -> None:
    _para(pdf, f"{slide.nomor}. {slide.judul}", 14, "B", gap=1)
    _para(pdf, slide.subjudul, 10, colour=ABU, gap=3)
    for grafik in slide.grafik:
        _gambar(pdf, images[grafik.key])
    if slide.poin:
        for text in slide.poin:
            _para(pdf, f"•  {text}", 10, gap=1)
        pdf.ln(2)
    for tabel in slide.tabel:
        if tabel.di_laporan:
            _tabel(pdf, tabel)
    extra = [c for c in slide.catatan if c not in slide.poin]
    if extra:
        _para(pdf, "Catatan dan definisi", 10.5, "B", gap=1)
        for text in extra:
            _para(pdf, text, 8.5, colour=ABU, gap=1)


def _gambar(pdf: FPDF, png: bytes) -> None:
    width, height = Image.open(io.BytesIO(png)).size
    w = LEBAR
    h = w * height / width
    if h > 100:  # a tall chart (the map) at a height that leaves room on the page
        h, w = 100, 100 * width / height
    if pdf.get_y() + h > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (LEBAR - w) / 2, y=pdf.get_y(), w=w, h=h)
    pdf.set_y(pdf.get_y() + h + 3)


def _tabel(pdf: FPDF, tabel: Tabel) -> None:
    df = tabel.teks()
    if df.empty:
        return
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    _para(pdf, f"Tabel: {tabel.judul}", 10, "B", gap=1)
    need = [max([len(str(v)) for v in df[c]] + [min(len(str(c)), 16)]) for c in df.columns]
    need = [min(max(n, 5), 34) for n in need]
    widths = tuple(LEBAR * n / sum(need) for n in need)
    align = tuple(
        "LEFT" if k.jenis in ("teks", "periode") else "RIGHT" for k in tabel.kolom.values()
    )
    size = 8 if len(df.columns) <= 6 else 6.5
    _tabel_baris(pdf, [tuple(df.columns), *df.itertuples(index=False)], widths, align, size)
    _para(pdf, f"Sumber: query {tabel.sumber}.", 7.5, colour=ABU, gap=3)


def _tabel_baris(pdf: FPDF, rows, widths, align, size: float) -> None:
    pdf.set_font("DejaVu", "", size)
    pdf.set_draw_color(150, 150, 150)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        text_align=align,
        headings_style=KEPALA,
        line_height=size * 0.5 + 0.6,
        borders_layout="HORIZONTAL_LINES",
        padding=(0.6, 1),
    ) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(str(value))

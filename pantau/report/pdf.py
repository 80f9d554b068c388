"""The deck as an A4 portrait report: key figures first, then each section with its finding,
charts, points, tables and definitions; black text on white so it prints in black and white."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace
from PIL import Image

from pantau import fmt, privacy
from pantau.errors import PantauError
from pantau.report.images import deck_images
from pantau.report.model import SINTETIS, Deck, Slide, Table, polos
from pantau.teks import LEGENDA_TAMU

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")  # Debian package fonts-dejavu-core
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
LEBAR = 180  # mm of text width on A4 with 15 mm margins
PAD = 3.0  # mm a cell adds to its text: the table's 1 mm padding each side and a margin
ABU = (90, 90, 90)
KEPALA = FontFace(emphasis="BOLD", fill_color=(225, 225, 225))
# Where a figure comes from, in words a reader of the printout understands (the query names
# stay in the Excel file and the speaker notes, for the data officer).
SUMBER_KATA = {
    "ringkasan_kpi": "daftar keluarga periode ini, kunjungan pemantauan dan penyaluran bantuan",
    "tren_miskin_ekstrem": "daftar keluarga bertanda miskin ekstrem tiap periode",
    "tren_miskin_ekstrem_tabel": "daftar keluarga bertanda miskin ekstrem tiap periode",
    "verval_funnel": "hasil verifikasi dan validasi (verval) per sumber daftar",
    "bantuan_cakupan_program": "penyaluran bantuan 12 bulan terakhir dan kepesertaan program",
    "bantuan_per_sumber_dana": "penyaluran bantuan berstatus tersalur sejak 1 Januari",
    "bantuan_modal_usaha_efek": "penerima modal usaha dibanding keluarga sebanding (pemantauan)",
    "beban_histogram": "pengeluaran per kapita dalam daftar keluarga terhadap garis ekstrem",
    "beban_rekonsiliasi": "daftar bertanda miskin ekstrem dan pengeluaran di bawah garis",
    "beban_ringkasan": "pengeluaran per kapita dalam daftar keluarga terhadap garis ekstrem",
    "kube_tren": "data Kelompok Usaha Bersama (KUBE)",
    "langkah_berikutnya": "daftar keluarga periode ini, bantuan dan pemantauan",
    "peta_kelurahan": "daftar keluarga per kelurahan dan cakupan program",
    "skor_strategi": "indikator tiga strategi dari daftar, bantuan dan pemantauan",
}


def sumber_kata(sumber: str, desa: str = "kelurahan") -> str:
    """A table's source in words; a query the map does not know is named as data of the dinas.
    `desa`: the region's word for its units ('desa/kelurahan' where it has desa)."""
    parts = [
        SUMBER_KATA.get(s.strip(), "").replace("per kelurahan", f"per {desa}")
        for s in sumber.split(",")
    ]
    return "; ".join(p for p in parts if p) or "data Dinas Sosial"


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
        self.set_title(f"Paparan kemiskinan ekstrem {deck.wilayah}, {deck.label_periode}")
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
    images = deck_images(deck, progress, renderer)
    pdf = _Laporan(deck)
    pdf.add_page()
    _sampul(pdf, deck)
    for slide in deck.slides:
        pdf.add_page()
        _bagian(pdf, slide, images, deck.desa)
    if deck.penutup is not None:
        pdf.add_page()
        _bagian(pdf, deck.penutup, images, deck.desa)
    return bytes(pdf.output())


def _para(
    pdf: FPDF, text: str, size: float = 10, style: str = "", colour=(0, 0, 0), gap: float = 1.5
):
    pdf.set_font("DejaVu", style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, polos(text), new_x="LMARGIN", new_y="NEXT", align="L")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(gap)


def _sampul(pdf: _Laporan, deck: Deck) -> None:
    _para(pdf, deck.dinas, 12, "B")
    _para(pdf, f"Kemiskinan ekstrem di {deck.wilayah}: tiga strategi dan hasilnya", 18, "B", gap=1)
    _para(
        pdf, f"Bahan paparan untuk DPRD dan pimpinan · periode {deck.label_periode}", 11, colour=ABU
    )
    # the lake's version number said in words (a reader does not know "versi data 53")
    dibuat = (
        f"Dibuat {fmt.waktu(deck.dibuat)} dari data yang diimpor sampai saat itu (impor ke-"
        f"{deck.versi})."
    )
    dibuat += (
        " Versi publik: angka kecil disamarkan."
        if privacy.suppresses(deck.role)
        else " Versi internal: untuk pimpinan, tidak untuk dibagikan."
    )
    if deck.demo:
        dibuat += " DATA SINTETIS: semua angka dibuat program untuk demonstrasi."
    _para(pdf, dibuat, 9, colour=ABU, gap=1)
    _para(pdf, "Disampaikan oleh: ……………………………………", 10, gap=4)
    _para(pdf, "Angka kunci", 13, "B")
    rows = [("Angka", "Nilai", "Dihitung dari")]
    rows += [(a.label, polos(a.teks), sumber_kata(a.sumber, deck.desa)) for a in deck.angka_kunci]
    _tabel_baris(pdf, rows, (70, 35, 75), ("LEFT", "RIGHT", "LEFT"), 9)
    pdf.ln(3)
    _para(pdf, "Isi", 13, "B")
    for s in deck.slides:
        _para(pdf, f"{s.nomor}. {s.judul}", 9.5, gap=0.8)
    pdf.ln(2)
    _para(
        pdf,
        "Hanya angka agregat; tidak ada nama atau nomor identitas. Angka di bawah 5 ditulis <5; "
        "angka yang dapat dipakai menghitung angka <5 dari total atau sel tetangganya ditulis "
        "'disamarkan'; angka besar di samping angka <5 dapat ditulis sebagai rentang nilai yang "
        "mungkin (307–310)." + (f" {LEGENDA_TAMU}" if privacy.suppresses(deck.role) else ""),
        8.5,
        colour=ABU,
    )


def _bagian(pdf: _Laporan, slide: Slide, images: dict[str, bytes], desa: str = "kelurahan") -> None:
    _para(pdf, slide.judul if slide.bingkai else f"{slide.nomor}. {slide.judul}", 14, "B", gap=1)
    _para(pdf, slide.subjudul, 10, colour=ABU, gap=3)
    for grafik in slide.grafik:
        _gambar(pdf, images[grafik.key])
    if slide.poin:
        for text in slide.poin_muka:  # the slide face's points; the rest under Catatan
            _para(pdf, f"•  {text}", 10, gap=1)
        pdf.ln(2)
    for tabel in slide.tabel:
        if tabel.di_laporan:
            _tabel(pdf, tabel, desa)
    # the notes' query names and provenance line are for the data officer (speaker notes,
    # Excel); the printout says its sources in words
    extra = [
        c
        for c in slide.catatan_lengkap
        if c not in slide.poin_muka and not c.startswith(("Sumber: query", "Asal data:"))
    ]
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


SAMAR_KOLOM = 0.5  # a guest's column with this share of hidden cells or more is not printed


def kolom_samar(tabel: Table) -> list[str]:
    """The columns (their keys) of a guest's table that are mostly '×' (DPRD re-review R2-1:
    "Gentong Gadingrejo × – 454 × × × × ×"): a column of marks tells nothing."""
    out = []
    for c, k in tabel.kolom.items():
        if k.jenis in ("teks", "periode") or c not in tabel.df or not len(tabel.df):
            continue
        marks = [isinstance(v, str) and v == privacy.HIDDEN for v in tabel.df[c]]
        if sum(marks) >= SAMAR_KOLOM * len(marks):
            out.append(c)
    return out


def _tabel(pdf: FPDF, tabel: Table, desa: str = "kelurahan") -> None:
    samar = kolom_samar(tabel)
    dropped = [tabel.kolom[c].label for c in samar]
    if samar:
        tabel = Table(
            tabel.key,
            tabel.judul,
            tabel.df,
            {c: k for c, k in tabel.kolom.items() if c not in samar},
            tabel.sumber,
        )
    df = tabel.teks()
    if df.empty:
        return
    df = df.map(polos)
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    _para(pdf, f"Tabel: {tabel.judul}", 10, "B", gap=1)
    if samar:
        _para(
            pdf,
            "Tidak dicetak karena sebagian besar angkanya disamarkan untuk versi publik: "
            + ", ".join(dropped)
            + ".",
            8,
            colour=ABU,
            gap=1,
        )
    baris_tabel(pdf, tabel, df)
    _para(pdf, f"Sumber: {sumber_kata(tabel.sumber, desa)}.", 7.5, colour=ABU, gap=3)


def baris_tabel(pdf, tabel: Table, df) -> None:
    """`df` (the table's text cells) as rows under its header, split by columns where the page is
    too narrow (each part repeats the columns that name the rows); text left, numbers right."""
    align = ["LEFT" if k.jenis in ("teks", "periode") else "RIGHT" for k in tabel.kolom.values()]
    for part, size in potong_kolom(pdf, df):
        cols = [df.columns.get_loc(c) for c in part.columns]
        widths = lebar_kolom(pdf, part, size)
        rows = [tuple(part.columns), *part.itertuples(index=False)]
        _tabel_baris(pdf, rows, widths, tuple(align[j] for j in cols), size)
        pdf.ln(1)


UKURAN = (8, 7.5, 7, 6.5, 6)  # table type sizes (pt), largest first; under 6 it is unreadable


def _least(pdf: FPDF, df, size: float) -> list[float]:
    """Each column's least width (mm): its widest word, header and cells in bold (the wider)."""
    pdf.set_font("DejaVu", "B", size)
    return [
        max(pdf.get_string_width(w) for v in [c, *df[c]] for w in (str(v).split() or [""])) + PAD
        for c in df.columns
    ]


def potong_kolom(pdf: FPDF, df) -> list[tuple[object, float]]:
    """The table as one or more column groups, each at the largest size whose longest words
    fit the text width, so no word is ever broken: a table too wide at 6 pt is split, each
    part repeating the columns that name the row (rank, code and name)."""
    for size in UKURAN:
        if sum(_least(pdf, df, size)) <= LEBAR:
            return [(df, size)]
    size = UKURAN[-1]
    least = _least(pdf, df, size)
    n = _kunci(df)
    key, key_w = list(df.columns[:n]), sum(least[:n])
    parts, used, cols = [], key_w, list(key)
    for c, w in zip(df.columns[n:], least[n:], strict=True):
        if used + w > LEBAR and len(cols) > n:
            parts.append(cols)
            cols, used = list(key), key_w
        cols.append(c)
        used += w
    parts.append(cols)
    return [(df[list(p)], size) for p in parts]


def _kunci(df) -> int:
    """How many leading columns name a row: up to the first of the first three whose cells hold
    letters (a kelurahan's name after its rank and code); else the first column alone."""
    for i, c in enumerate(df.columns[:3]):
        if df[c].astype(str).str.contains(r"[A-Za-z]", regex=True).any():
            return i + 1
    return 1


def lebar_kolom(pdf: FPDF, df, size: float) -> tuple[float, ...]:
    """Column widths (mm) that never break a word: each column at least as wide as its longest
    word (header or cell, measured in the font), the rest of the line shared by text length."""
    pad = PAD
    least = _least(pdf, df, size)
    pdf.set_font("DejaVu", "B", size)
    full = [max(pdf.get_string_width(str(v)) for v in [c, *df[c]]) + pad for c in df.columns]
    if sum(least) >= LEBAR:  # nothing to share: words still whole, the table as narrow as it gets
        return tuple(LEBAR * m / sum(least) for m in least)
    spare = LEBAR - sum(least)
    extra = [max(f - m, 0) for f, m in zip(full, least, strict=True)]
    if sum(extra) <= spare:
        return tuple(
            f + (spare - sum(extra)) / len(full)
            for f in (max(f, m) for f, m in zip(full, least, strict=True))
        )
    return tuple(m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True))


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
                cells.cell(polos(value))

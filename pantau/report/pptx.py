"""The deck as a 16:9 PowerPoint: one slide per section, the finding as title, charts as images,
numbers and definitions in the speaker notes, the department and period on every slide."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from pantau.report.deck import SINTETIS, Deck, Slide
from pantau.report.gambar import gambar_deck
from pantau.report.tata import KIRI, LEBAR, TINGGI, Kotak, tata

GELAP = RGBColor(0x1A, 0x1A, 0x1A)
ABU = RGBColor(0x55, 0x55, 0x55)
MERAH = RGBColor(0xB0, 0x00, 0x20)
GARIS_TABEL = RGBColor(0xDD, 0xDD, 0xDD)
KEPALA_TABEL = RGBColor(0xE6, 0xE6, 0xE6)
FONT = "Liberation Sans"  # Debian's metric twin of Arial; PowerPoint falls back to Arial


def pptx_bytes(deck: Deck, progress=None, renderer=None) -> bytes:
    """The PowerPoint file of `deck`; `progress(fraction, message)` follows the chart images."""
    images = gambar_deck(deck, progress, renderer)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(LEBAR), Inches(TINGGI)
    blank = prs.slide_layouts[6]
    for slide in deck.slides:
        _slide(prs.slides.add_slide(blank), slide, deck, images)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _slide(page, slide: Slide, deck: Deck, images: dict[str, bytes]) -> None:
    _text(
        page,
        Kotak(KIRI, 0.3, LEBAR - 2 * KIRI - (1.9 if deck.demo else 0), 1.05),
        slide.judul,
        24 if len(slide.judul) < 110 else 20,
        bold=True,
        anchor=MSO_ANCHOR.TOP,
    )
    _text(page, Kotak(KIRI, 1.35, LEBAR - 2 * KIRI, 0.4), slide.subjudul, 14, colour=ABU)
    boxes = tata(slide)
    for grafik, box in zip(slide.grafik, boxes.grafik, strict=True):
        page.shapes.add_picture(
            io.BytesIO(images[grafik.key]),
            Inches(box.x),
            Inches(box.y),
            Inches(box.w),
            Inches(box.h),
        )
    on_slide = [t for t in slide.tabel if t.di_slide]
    if on_slide and boxes.tabel:
        _table(page, on_slide[0].teks(baris=10), boxes.tabel)
    if boxes.poin and slide.poin:
        _bullets(page, boxes.poin, slide.poin)
    _footer(page, deck, slide)
    page.notes_slide.notes_text_frame.text = "\n".join(slide.catatan)


def _text(
    page,
    box: Kotak,
    text: str,
    size: int,
    bold=False,
    colour=GELAP,
    anchor=MSO_ANCHOR.MIDDLE,
    align=PP_ALIGN.LEFT,
):
    shape = page.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    para = frame.paragraphs[0]
    para.alignment = align
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    return shape


def _bullets(page, box: Kotak, poin: list[str]) -> None:
    shape = page.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    wide = box.w > 8
    size = 13 if wide else (15 if sum(len(p) for p in poin) < 420 else 13)
    shown = poin[:3] if box.h < 1.5 else poin
    for i, text in enumerate(shown):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(6)
        run = para.add_run()
        run.text = f"• {text}"
        run.font.size, run.font.name = Pt(size), FONT
        run.font.color.rgb = GELAP


def _table(page, df, box: Kotak) -> None:
    rows, cols = len(df) + 1, len(df.columns)
    height = min(box.h, 0.32 * rows)
    shape = page.shapes.add_table(
        rows, cols, Inches(box.x), Inches(box.y), Inches(box.w), Inches(height)
    )
    table = shape.table
    for j, width in enumerate(_widths(df, box.w)):
        table.columns[j].width = Inches(width)
    for j, head in enumerate(df.columns):
        _cell(table.cell(0, j), str(head), bold=True, fill=KEPALA_TABEL)
    for i, (_, row) in enumerate(df.iterrows(), start=1):
        for j, value in enumerate(row):
            _cell(table.cell(i, j), str(value), right=j > 0 and _numeric(str(value)))


def _widths(df, total: float) -> list[float]:
    """Column widths in inches: by the longest text each column holds, but never narrower than
    its longest header word at 10 pt bold (a header must not break inside a word)."""
    need, least = [], []
    for col in df.columns:
        words = str(col).split() or [""]
        need.append(min(max([len(str(v)) for v in df[col]] + [6]), 30))
        least.append(0.09 * max(len(w) for w in words) + 0.15)
    widths = [total * n / sum(need) for n in need]
    short = sum(max(m - w, 0) for w, m in zip(widths, least, strict=True))
    spare = sum(w for w, m in zip(widths, least, strict=True) if w > m)
    return [m if w <= m else w - short * w / spare for w, m in zip(widths, least, strict=True)]


def _numeric(text: str) -> bool:
    return text[:1].isdigit() or text[:1] in "<×–-" or text.startswith("Rp")


def _cell(cell, text: str, bold=False, fill=None, right=False) -> None:
    cell.text = ""
    para = cell.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(10), bold, FONT
    run.font.color.rgb = GELAP
    cell.margin_left = cell.margin_right = Inches(0.05)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill or RGBColor(0xFF, 0xFF, 0xFF)


def _footer(page, deck: Deck, slide: Slide) -> None:
    y = TINGGI - 0.55
    _text(page, Kotak(KIRI, y, 10, 0.35), f"{deck.dinas} · {deck.label_periode}", 11, colour=ABU)
    _text(
        page,
        Kotak(LEBAR - KIRI - 1.5, y, 1.5, 0.35),
        f"{slide.nomor} / {len(deck.slides)}",
        11,
        colour=ABU,
        align=PP_ALIGN.RIGHT,
    )
    if deck.demo:
        mark = _text(
            page,
            Kotak(LEBAR - KIRI - 1.8, 0.3, 1.8, 0.45),
            SINTETIS,
            13,
            bold=True,
            colour=MERAH,
            align=PP_ALIGN.CENTER,
        )
        mark.line.color.rgb = MERAH
        mark.line.width = Pt(1.5)

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
# Type on the slide face: read from the back of a DPRD meeting room. The footer line (the
# department, period and page) is the one smaller text.
PT_JUDUL, PT_ISI, PT_TABEL, PT_KAKI = (28, 24, 22, 20), 18, 12, 12
TINGGI_JUDUL = 1.05  # inches above the subtitle
EM = 0.55  # mean advance of Liberation Sans over Indonesian text, in em (bold a little wider)


def baris_teks(text: str, width_in: float, pt: float, em: float = EM) -> int:
    """Lines `text` takes in a box `width_in` wide at `pt` points (greedy word wrap)."""
    per_line = max(1, int(width_in * 72 / (pt * em)))
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > per_line:
            lines, used = lines + 1, len(word)
        else:
            used += len(word) + (1 if used else 0)
        lines += (len(word) - 1) // per_line if len(word) > per_line else 0
    return lines


def ukuran_judul(judul: str, width_in: float) -> int:
    """The largest title size whose lines fit above the subtitle; at least 20 pt (the body is
    18). A title that fits at none is a foreign slide's to shorten: it gets the smallest."""
    for pt in PT_JUDUL:
        if baris_teks(judul, width_in, pt) * pt * 1.25 / 72 <= TINGGI_JUDUL:
            return pt
    return PT_JUDUL[-1]


def pptx_bytes(deck: Deck, progress=None, renderer=None) -> bytes:
    """The PowerPoint file of `deck`; `progress(fraction, message)` follows the chart images."""
    images = gambar_deck(deck, progress, renderer)
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(LEBAR), Inches(TINGGI)
    blank = prs.slide_layouts[6]
    for slide in deck.semua:
        page = prs.slides.add_slide(blank)
        if slide.key == "sampul":
            _sampul(page, slide, deck)
        else:
            _slide(page, slide, deck, images)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _slide(page, slide: Slide, deck: Deck, images: dict[str, bytes]) -> None:
    _text(
        page,
        Kotak(KIRI, 0.3, LEBAR - 2 * KIRI - (2.5 if deck.demo else 0), 1.05),
        slide.judul,
        ukuran_judul(slide.judul, LEBAR - 2 * KIRI - (2.5 if deck.demo else 0)),
        bold=True,
        anchor=MSO_ANCHOR.TOP,
    )
    _text(page, Kotak(KIRI, 1.35, LEBAR - 2 * KIRI, 0.45), slide.subjudul, PT_ISI, colour=ABU)
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
        _bullets(page, boxes.poin, slide.poin_muka)
    _footer(page, deck, slide)
    page.notes_slide.notes_text_frame.text = "\n".join(slide.catatan_lengkap)


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
    # at most three points (build_deck keeps the rest in the notes), never under 18 pt
    for i, text in enumerate(poin):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(8)
        run = para.add_run()
        run.text = f"• {text}"
        run.font.size, run.font.name = Pt(PT_ISI), FONT
        run.font.color.rgb = GELAP


def tinggi_baris(values, widths: list[float]) -> float:
    """Inches a table row takes: its tallest cell wrapped to its column, plus the margins."""
    lines = max(
        baris_teks(str(v), max(w - 0.1, 0.2), PT_TABEL, 0.5)
        for v, w in zip(values, widths, strict=True)
    )
    return lines * PT_TABEL * 1.2 / 72 + 0.1


def baris_tabel(df, box: Kotak, widths: list[float]) -> int:
    """Rows of an on-slide table that fit its box (each row as tall as its wrapped text); the
    whole table is in the PDF and the Excel file."""
    used = tinggi_baris(df.columns, widths)
    n = 0
    for _, row in df.iterrows():
        used += tinggi_baris(row.tolist(), widths)
        if used > box.h:
            break
        n += 1
    return max(n, 1)


def _sampul(page, slide: Slide, deck: Deck) -> None:
    """The cover: department, title, period and date, the presenter's line, the demo mark."""
    _text(
        page,
        Kotak(1.0, 1.2, LEBAR - 2.0, 0.6),
        slide.subjudul.split(" · Paparan")[0],
        22,
        colour=ABU,
    )
    _text(
        page, Kotak(1.0, 2.0, LEBAR - 2.0, 1.8), slide.judul, 40, bold=True, anchor=MSO_ANCHOR.TOP
    )
    _text(
        page,
        Kotak(1.0, 4.0, LEBAR - 2.0, 0.6),
        "Paparan" + slide.subjudul.split("Paparan")[1],
        PT_ISI + 2,
        colour=GELAP,
    )
    _bullets(page, Kotak(1.0, 4.8, LEBAR - 2.0, 1.6), slide.poin_muka)
    _footer(page, deck, slide)
    page.notes_slide.notes_text_frame.text = "\n".join(slide.catatan_lengkap)


def _table(page, df, box: Kotak) -> None:
    widths = _widths(df, box.w)
    df = df.head(baris_tabel(df, box, widths))
    rows, cols = len(df) + 1, len(df.columns)
    height = min(box.h, 0.3 * rows)
    shape = page.shapes.add_table(
        rows, cols, Inches(box.x), Inches(box.y), Inches(box.w), Inches(height)
    )
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for j, head in enumerate(df.columns):
        _cell(table.cell(0, j), str(head), bold=True, fill=KEPALA_TABEL)
    for i, (_, row) in enumerate(df.iterrows(), start=1):
        for j, value in enumerate(row):
            _cell(table.cell(i, j), str(value), right=j > 0 and _numeric(str(value)))


def _widths(df, total: float) -> list[float]:
    """Column widths in inches: every column at least its longest word at PT_TABEL (no word
    breaks inside), the room left shared by how much longer each column's text is."""

    def width(text: str, em: float) -> float:
        return PT_TABEL * em / 72 * len(text) + 0.14

    least, full = [], []
    for col in df.columns:
        cells = [str(col), *map(str, df[col])]
        # a line may break after a dash ("Januari–September"), never inside a word
        head = [w for w in str(col).replace("–", "– ").split()] or [""]
        words = [w for c in cells[1:] for w in c.replace("–", "– ").split()] or [""]
        least.append(max([width(w, 0.58) for w in head] + [width(w, 0.52) for w in words]))
        full.append(min(max(width(c, 0.5) for c in cells), total / 2))
    if sum(least) >= total:  # no room to share: every column at its longest word, scaled
        return [total * m / sum(least) for m in least]
    spare = total - sum(least)
    extra = [max(f - m, 0) for f, m in zip(full, least, strict=True)]
    if sum(extra) <= spare:
        top = [max(f, m) for f, m in zip(full, least, strict=True)]
        return [w + (total - sum(top)) / len(top) for w in top]
    return [m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]


def _numeric(text: str) -> bool:
    return text[:1].isdigit() or text[:1] in "<×–-" or text.startswith("Rp")


def _cell(cell, text: str, bold=False, fill=None, right=False) -> None:
    cell.text = ""
    para = cell.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(PT_TABEL), bold, FONT
    run.font.color.rgb = GELAP
    cell.margin_left = cell.margin_right = Inches(0.05)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill or RGBColor(0xFF, 0xFF, 0xFF)


def _footer(page, deck: Deck, slide: Slide) -> None:
    y = TINGGI - 0.55
    _text(
        page, Kotak(KIRI, y, 10, 0.35), f"{deck.dinas} · {deck.label_periode}", PT_KAKI, colour=ABU
    )
    if not slide.bingkai:  # cover and closing carry no number: slides 1–6 keep theirs
        _text(
            page,
            Kotak(LEBAR - KIRI - 1.5, y, 1.5, 0.35),
            f"{slide.nomor} / {len(deck.slides)}",
            PT_KAKI,
            colour=ABU,
            align=PP_ALIGN.RIGHT,
        )
    if deck.demo:
        mark = _text(
            page,
            Kotak(LEBAR - KIRI - 2.4, 0.3, 2.4, 0.5),
            SINTETIS,
            PT_ISI,
            bold=True,
            colour=MERAH,
            align=PP_ALIGN.CENTER,
        )
        mark.line.color.rgb = MERAH
        mark.line.width = Pt(1.5)

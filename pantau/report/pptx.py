"""The deck as a 16:9 PowerPoint: one slide per section, the finding as title, charts as images,
numbers and definitions in the speaker notes, the department and period on every slide."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from pantau import privacy
from pantau.report import measure
from pantau.report.images import deck_images
from pantau.report.layout import KIRI, LEBAR, TINGGI, Box, layout
from pantau.report.model import SINTETIS, Deck, Slide, polos
from pantau.teks import LEGENDA_KAKI

GELAP = RGBColor(0x1A, 0x1A, 0x1A)
ABU = RGBColor(0x55, 0x55, 0x55)
MERAH = RGBColor(0xB0, 0x00, 0x20)
GARIS_TABEL = RGBColor(0xDD, 0xDD, 0xDD)
KEPALA_TABEL = RGBColor(0xE6, 0xE6, 0xE6)
FONT = "Liberation Sans"  # Debian's metric twin of Arial; PowerPoint falls back to Arial
# Type on the slide face: read from the back of a DPRD meeting room. The footer line (the
# department, period and page) is the one smaller text.
PT_JUDUL, PT_ISI, PT_TABEL, PT_KAKI = (28, 24, 22, 20), 18, 12, 12
PT_ISI_MIN, PT_TABEL_MIN = (
    18,
    10,
)  # bullets stay 18 pt (read from the back of the room); a wide table may step down
ATAS_KAKI = 7.5 - 0.55  # the footer's top (inches): no text box's text may pass it
SPASI_POIN = 8  # points after each bullet
MARGIN_KOTAK = 0.1, 0.05  # python-pptx's default text-box insets (left+right, top+bottom), in
MARGIN_SEL = 0.1, 0.04  # the table cells' insets set in _cell (left+right, top+bottom), in
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
    images = deck_images(deck, progress, renderer)
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
        Box(KIRI, 0.3, LEBAR - 2 * KIRI - (2.5 if deck.demo else 0), 1.05),
        slide.judul,
        ukuran_judul(slide.judul, LEBAR - 2 * KIRI - (2.5 if deck.demo else 0)),
        bold=True,
        anchor=MSO_ANCHOR.TOP,
    )
    _text(page, Box(KIRI, 1.35, LEBAR - 2 * KIRI, 0.45), slide.subjudul, PT_ISI, colour=ABU)
    boxes = layout(slide)
    for grafik, box in zip(slide.grafik_slide, boxes.grafik, strict=True):
        page.shapes.add_picture(
            io.BytesIO(images[grafik.key]),
            Inches(box.x),
            Inches(box.y),
            Inches(box.w),
            Inches(box.h),
        )
    on_slide = [t for t in slide.tabel if t.di_slide]
    left: list[str] = []
    if on_slide and boxes.tabel:
        rows = _table(page, on_slide[0].teks(baris=10), boxes.tabel)
        if rows:
            left.append(f"Baris tabel yang tidak muat di slide: {'; '.join(rows)}.")
    if boxes.poin and slide.poin:
        left = [*_bullets(page, boxes.poin, slide.poin_muka), *left]
    _footer(page, deck, slide)
    notes = [*slide.catatan_lengkap, *(p for p in left if p not in slide.catatan_lengkap)]
    page.notes_slide.notes_text_frame.text = polos("\n".join(notes))


def _text(
    page,
    box: Box,
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
    run.text = polos(text)
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    run.font.color.rgb = colour
    return shape


def tinggi_poin(poin: list[str], width_in: float, pt: float) -> float:
    """Inches `poin` take as bullets in a text box `width_in` wide (measured in the font)."""
    inner = width_in - MARGIN_KOTAK[0]
    lines = sum(len(measure.baris(f"• {p}", inner, pt)) for p in poin)
    return lines * pt * 1.2 / 72 + len(poin) * SPASI_POIN / 72 + MARGIN_KOTAK[1]


def poin_muat(poin: list[str], box: Box) -> tuple[list[str], int]:
    """The bullets that fit `box` at 18 pt; the last ones that do not leave the face (they
    stay in the speaker notes)."""
    poin = list(poin)
    while poin:
        for pt in range(PT_ISI, PT_ISI_MIN - 1, -1):
            if tinggi_poin(poin, box.w, pt) <= box.h:
                return poin, pt
        poin = poin[:-1]
    return [], PT_ISI


def _bullets(page, box: Box, poin: list[str]) -> list[str]:
    """The bullets in `box`, measured so their text ends inside it; returns those left off."""
    shown, pt = poin_muat(poin, box)
    shape = page.shapes.add_textbox(Inches(box.x), Inches(box.y), Inches(box.w), Inches(box.h))
    frame = shape.text_frame
    frame.word_wrap = True
    # at most three points (build_deck keeps the rest in the notes), 18 pt
    for i, text in enumerate(shown):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.space_after = Pt(SPASI_POIN)
        run = para.add_run()
        run.text = polos(f"• {text}")
        run.font.size, run.font.name = Pt(pt), FONT
        run.font.color.rgb = GELAP
    return poin[len(shown) :]


def tinggi_baris(values, widths: list[float], pt: float = PT_TABEL, bold: bool = False) -> float:
    """Inches a table row takes: its tallest cell wrapped (at spaces) to its column, plus the
    cell insets."""
    lines = max(
        len(measure.baris(str(v), max(w - MARGIN_SEL[0], 0.2), pt, bold))
        for v, w in zip(values, widths, strict=True)
    )
    return lines * pt * 1.2 / 72 + MARGIN_SEL[1]  # (LibreOffice draws a 2-line row 0,40 in)


def baris_tabel(df, box: Box, widths: list[float], pt: float = PT_TABEL) -> int:
    """Rows of an on-slide table that fit its box (each row as tall as its wrapped text); the
    whole table is in the PDF and the Excel file."""
    used = tinggi_baris(df.columns, widths, pt, bold=True)
    n = 0
    for _, row in df.iterrows():
        used += tinggi_baris(row.tolist(), widths, pt)
        if used > box.h:
            break
        n += 1
    return max(n, 1)


def _sampul(page, slide: Slide, deck: Deck) -> None:
    """The cover: department, title, period and date, the presenter's line, the demo mark."""
    _text(
        page,
        Box(1.0, 1.2, LEBAR - 2.0, 0.6),
        slide.subjudul.split(" · Paparan")[0],
        22,
        colour=ABU,
    )
    _text(page, Box(1.0, 2.0, LEBAR - 2.0, 1.8), slide.judul, 40, bold=True, anchor=MSO_ANCHOR.TOP)
    _text(
        page,
        Box(1.0, 4.0, LEBAR - 2.0, 0.6),
        "Paparan" + slide.subjudul.split("Paparan")[1],
        PT_ISI + 2,
        colour=GELAP,
    )
    _bullets(page, Box(1.0, 4.8, LEBAR - 2.0, 1.6), slide.poin_muka)
    _footer(page, deck, slide)
    page.notes_slide.notes_text_frame.text = polos("\n".join(slide.catatan_lengkap))


def ukuran_tabel(df, total: float) -> tuple[object, float]:
    """The table at the largest size (12, 11, 10 pt) whose longest words fit `total` inches;
    if none does, the rightmost columns leave the slide (the PDF and Excel keep them all)."""
    while True:
        for pt in range(PT_TABEL, PT_TABEL_MIN - 1, -1):
            if sum(_least(df, pt)) <= total:
                return df, pt
        if len(df.columns) <= 2:
            return df, PT_TABEL_MIN
        df = df.iloc[:, :-1]


PT_TABEL_BESAR = 14  # a table that fits whole at this size is set at it (review SHOULD 7)


def ukuran_besar(df, box: Box) -> float | None:
    """The largest size from PT_TABEL_BESAR down to PT_TABEL at which every column's words and
    every row fit `box`; None when none does (ukuran_tabel then chooses)."""
    for pt in range(PT_TABEL_BESAR, PT_TABEL, -1):
        if sum(_least(df, pt)) <= box.w and baris_tabel(df, box, _widths(df, box.w, pt), pt) >= len(
            df
        ):
            return pt
    return None


def _table(page, df, box: Box) -> list[str]:
    big = ukuran_besar(df, box)
    df, pt = (df, big) if big else ukuran_tabel(df, box.w)
    widths = _widths(df, box.w, pt)
    n = baris_tabel(df, box, widths, pt)
    left = [" · ".join(map(str, row)) for _, row in df.iloc[n:].iterrows()]
    df = df.head(n)
    rows, cols = len(df) + 1, len(df.columns)
    height = min(box.h, 0.3 * rows)
    shape = page.shapes.add_table(
        rows, cols, Inches(box.x), Inches(box.y), Inches(box.w), Inches(height)
    )
    table = shape.table
    for j, width in enumerate(widths):
        table.columns[j].width = Inches(width)
    for j, head in enumerate(df.columns):
        _cell(table.cell(0, j), str(head), bold=True, fill=KEPALA_TABEL, pt=pt)
    for i, (_, row) in enumerate(df.iterrows(), start=1):
        for j, value in enumerate(row):
            _cell(table.cell(i, j), str(value), right=j > 0 and _numeric(str(value)), pt=pt)
    return left


def _least(df, pt: float) -> list[float]:
    """Each column's least width: its widest word (header in bold), plus the cell insets."""
    slack = MARGIN_SEL[0] + 0.04
    return [
        max(
            [measure.kata_terlebar(str(col), pt, bold=True)]
            + [measure.kata_terlebar(str(v), pt) for v in df[col]]
        )
        + slack
        for col in df.columns
    ]


def _widths(df, total: float, pt: float = PT_TABEL) -> list[float]:
    """Column widths in inches: every column at least its longest word at `pt` (measured in
    the font: no word breaks inside), the room left shared by how much longer each column's
    text is."""
    slack = MARGIN_SEL[0] + 0.04
    least = _least(df, pt)
    full = [
        min(
            max([measure.lebar(str(col), pt, True)] + [measure.lebar(str(v), pt) for v in df[col]])
            + slack,
            total / 2,
        )
        for col in df.columns
    ]
    if sum(least) >= total:  # no room to share: every column at its longest word, scaled
        return [total * m / sum(least) for m in least]
    spare = total - sum(least)
    extra = [max(f - m, 0) for f, m in zip(full, least, strict=True)]
    if sum(extra) <= spare:
        top = [max(f, m) for f, m in zip(full, least, strict=True)]
        return [w + (total - sum(top)) / len(top) for w in top]

    # Several ways to share the room; the one whose rows take the least height wins (more rows
    # fit the slide): by need, short columns whole first (water-filling), or one column whole
    # first (the long indicator) and the rest by water-filling.
    def fill(order: list[int], room: float) -> list[float]:
        widths = list(least)
        for n, j in enumerate(order):
            give = min(extra[j], room / (len(order) - n))
            widths[j] += give
            room -= give
        return widths

    by_need = sorted(range(len(extra)), key=lambda j: extra[j])
    options = [[m + spare * e / sum(extra) for m, e in zip(least, extra, strict=True)]]
    options.append(fill(by_need, spare))
    for j in range(len(extra)):
        first = min(extra[j], spare)
        rest = fill([i for i in by_need if i != j], spare - first)
        rest[j] += first
        options.append(rest)

    def height(widths: list[float]) -> float:
        rows = [df.columns.tolist(), *df.astype(str).values.tolist()]
        return sum(tinggi_baris(r, widths, pt) for r in rows)

    return min(options, key=height)


def _numeric(text: str) -> bool:
    return text[:1].isdigit() or text[:1] in "<×–-" or text.startswith(("Rp", "disamarkan"))


def _cell(cell, text: str, bold=False, fill=None, right=False, pt: float = PT_TABEL) -> None:
    cell.text = ""
    para = cell.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.RIGHT if right else PP_ALIGN.LEFT
    run = para.add_run()
    run.text = polos(text)
    run.font.size, run.font.bold, run.font.name = Pt(pt), bold, FONT
    run.font.color.rgb = GELAP
    cell.margin_left = cell.margin_right = Inches(0.05)
    cell.margin_top = cell.margin_bottom = Inches(0.02)
    cell.fill.solid()
    cell.fill.fore_color.rgb = fill or RGBColor(0xFF, 0xFF, 0xFF)


def _footer(page, deck: Deck, slide: Slide) -> None:
    y = TINGGI - 0.55
    kaki = f"{deck.dinas} · {deck.label_periode}"
    if privacy.suppresses(deck.role):
        # on every guest slide, the one line that says small numbers are blurred (N10, N4)
        kaki += f" · {LEGENDA_KAKI}"
    _text(page, Box(KIRI, y, 10.9, 0.35), kaki, PT_KAKI, colour=ABU)
    if not slide.bingkai:  # cover and closing carry no number: slides 1–6 keep theirs
        _text(
            page,
            Box(LEBAR - KIRI - 1.5, y, 1.5, 0.35),
            f"{slide.nomor} / {len(deck.slides)}",
            PT_KAKI,
            colour=ABU,
            align=PP_ALIGN.RIGHT,
        )
    if deck.demo:
        mark = _text(
            page,
            Box(LEBAR - KIRI - 2.4, 0.3, 2.4, 0.5),
            SINTETIS,
            PT_ISI,
            bold=True,
            colour=MERAH,
            align=PP_ALIGN.CENTER,
        )
        mark.line.color.rgb = MERAH
        mark.line.width = Pt(1.5)

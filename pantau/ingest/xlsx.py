"""Rows of an XLSX worksheet, streamed from its XML a block at a time.

calamine (python-calamine) loads a whole sheet into memory before the first row can be read:
a 1,000,000-row export (1.6 GB of sheet XML) peaks at 3 GB there alone. This reader inflates
the sheet member in blocks, cuts each block after its last complete row and parses the rows
with regular expressions (the sheet XML that Excel, LibreOffice and XlsxWriter write is
regular: <row><c r=".." s=".." t=".."><v>..</v></c>…</row>), so memory holds one block
and the shared strings, whatever the number of rows.

Each row is yielded as (row number, cells), cells being the values calamine would give for
them (str, float, bool or datetime; a whole number may come as its text already), so
read.py turns both into the same text.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zipfile
from collections.abc import Iterator

BLOCK = 8 * 1024 * 1024
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

ROW_RE = re.compile(r"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
ROW_NUM_RE = re.compile(r'\br="(\d+)"')
# Excel, LibreOffice and XlsxWriter write a cell's attributes in this order (r, s, t); a cell
# written otherwise is parsed by SLOW_ATTR_RE instead (see _cells).
CELL_RE = re.compile(
    r'<c(?: r="([A-Z]+)\d+")?(?: s="(\d+)")?(?: t="(\w+)")?((?:\s+[\w:]+="[^"]*")*)\s*(?:/>|>(.*?)</c>)',
    re.S,
)
# The cells nearly every writer produces, whole: a value or one inline string run. A row
# whose every cell matches is read from this alone (see Workbook.rows).
FAST_CELL_RE = re.compile(
    r'<c r="([A-Z]+)\d+"(?: s="(\d+)")?(?: t="(\w+)")?>'
    r'(?:<v>([^<]*)</v>|<is><t(?: xml:space="preserve")?>([^<]*)</t></is>)</c>'
)
SLOW_ATTR_RE = re.compile(r'([\w:]+)="([^"]*)"')
V_RE = re.compile(r"<v>([^<]*)</v>")
T_RE = re.compile(r"<t(?:\s[^>]*)?>([^<]*)</t>|<t\s*/>")
RPH_RE = re.compile(r"<rPh\b.*?</rPh>", re.S)
SI_RE = re.compile(r"<si>(.*?)</si>|<si\s*/>", re.S)
SHEET_RE = re.compile(r"<sheet\b([^>]*)/?>")
REL_RE = re.compile(r"<Relationship\b([^>]*)/?>")
XF_RE = re.compile(r"<xf\b([^>]*)")
NUMFMT_RE = re.compile(r'<numFmt\b[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"')
# Built-in number formats that are dates or times (ECMA-376 §18.8.30).
DATE_FORMAT_IDS = {*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)}
EPOCH_1900 = dt.datetime(1899, 12, 30)
EPOCH_1904 = dt.datetime(1904, 1, 1)


def _attrs(text: str) -> dict[str, str]:
    return dict(SLOW_ATTR_RE.findall(text))


def _text(raw: str) -> str:
    return html.unescape(raw) if "&" in raw else raw


def _column_index(letters: str, cache: dict[str, int]) -> int:
    j = cache.get(letters)
    if j is None:
        j = 0
        for ch in letters:
            j = j * 26 + ord(ch) - 64
        j -= 1
        cache[letters] = j
    return j


class Workbook:
    """An XLSX opened for streaming: its sheets in workbook order, shared strings and styles."""

    def __init__(self, path):
        self.zf = zipfile.ZipFile(path)
        names = set(self.zf.namelist())
        book = self.zf.read("xl/workbook.xml").decode("utf-8")
        rels = {}
        if "xl/_rels/workbook.xml.rels" in names:
            for m in REL_RE.finditer(self.zf.read("xl/_rels/workbook.xml.rels").decode("utf-8")):
                a = _attrs(m[1])
                target = a.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                rels[a.get("Id")] = posixpath.normpath(target)
        self.sheets: list[tuple[str, str]] = []  # (name, member)
        for m in SHEET_RE.finditer(book):
            a = _attrs(m[1])
            member = rels.get(a.get("r:id"))
            if member in names:
                self.sheets.append((_text(a.get("name", "")), member))
        self.epoch = EPOCH_1904 if re.search(r'date1904="(1|true)"', book) else EPOCH_1900
        strings = next((t for t in rels.values() if t.endswith("sharedStrings.xml")), None)
        self._strings = strings if strings in names else None
        self._styles = "xl/styles.xml" if "xl/styles.xml" in names else None
        self.shared: list[str] | None = None  # read on the first rows(): only a streamed
        self.date_styles: frozenset[int] = frozenset()  # sheet needs them

    def close(self) -> None:
        self.zf.close()

    def _blocks(self, member: str, end: str) -> Iterator[str]:
        """The member's text in blocks that each end just after a complete `end` tag."""
        tail = b""
        marker = end.encode()
        with self.zf.open(member) as fh:
            while True:
                chunk = fh.read(BLOCK)
                if not chunk:
                    break
                data = tail + chunk
                cut = data.rfind(marker)
                if cut < 0:
                    tail = data
                    continue
                cut += len(marker)
                tail = data[cut:]
                yield data[:cut].decode("utf-8")
        if tail:
            yield tail.decode("utf-8")

    def _shared_strings(self, member: str) -> list[str]:
        out: list[str] = []
        for block in self._blocks(member, "</si>"):
            for m in SI_RE.finditer(block):
                si = m[1] or ""
                if "<rPh" in si:
                    si = RPH_RE.sub("", si)  # phonetic runs are not part of the text
                out.append(_text("".join(t or "" for t in T_RE.findall(si))))
        return out

    def _date_styles(self, member: str | None) -> frozenset[int]:
        if not member:
            return frozenset()
        styles = self.zf.read(member).decode("utf-8")
        custom = {
            int(i): _is_date_format(html.unescape(code)) for i, code in NUMFMT_RE.findall(styles)
        }
        xfs = re.search(r"<cellXfs\b.*?</cellXfs>", styles, re.S)
        dates = set()
        for n, m in enumerate(XF_RE.finditer(xfs[0] if xfs else "")):
            fmt = int(_attrs(m[1]).get("numFmtId", "0"))
            if fmt in DATE_FORMAT_IDS or custom.get(fmt, False):
                dates.add(n)
        return frozenset(dates)

    def rows(self, member: str) -> Iterator[tuple[int, list]]:
        """(0-based row number, cells) of each row written in the sheet, in order; a cell
        is None where the row has none."""
        if self.shared is None:
            self.shared = self._shared_strings(self._strings) if self._strings else []
            self.date_styles = self._date_styles(self._styles)
        cols: dict[str, int] = {}
        shared, dates, epoch = self.shared, self.date_styles, self.epoch
        previous = -1
        for block in self._blocks(member, "</row>"):
            for attrs, body in _split_rows(block):
                num = ROW_NUM_RE.search(attrs)
                r = int(num[1]) - 1 if num else previous + 1
                previous = r
                if not body:
                    yield r, []
                    continue
                cells: list = []
                fast = FAST_CELL_RE.findall(body)
                if len(fast) == body.count("<c"):
                    for letters, style, kind, v, inline in fast:
                        j = cols.get(letters)
                        if j is None:
                            j = _column_index(letters, cols)
                        if j >= len(cells):
                            cells.extend([None] * (j + 1 - len(cells)))
                        if kind == "inlineStr":
                            cells[j] = (_text(inline) if "&" in inline else inline) or None
                        elif kind == "s":
                            cells[j] = shared[int(v)]
                        elif not kind and not style and v.isdigit() and len(v) < 16:
                            cells[j] = str(int(v))  # a count: the text _cell_text would give
                        else:
                            cells[j] = _value(f"<v>{v}</v>", kind, style, shared, dates, epoch)
                    yield r, cells
                    continue
                found = CELL_RE.findall(body)
                if len(found) != body.count("<c ") + body.count("<c>"):
                    found = _cells_slow(body)
                for letters, style, kind, extra, inner in found:
                    if extra:  # s or t after another attribute: take them from there
                        a = _attrs(extra)
                        style, kind = style or a.get("s", ""), kind or a.get("t", "")
                    j = _column_index(letters, cols) if letters else len(cells)
                    if j >= len(cells):
                        cells.extend([None] * (j + 1 - len(cells)))
                    cells[j] = _value(inner, kind, style, shared, dates, epoch)
                yield r, cells


def _split_rows(block: str) -> Iterator[tuple[str, str]]:
    """(attributes, body) of each <row> of a block: split on </row> (C speed; a lazy regex
    over the whole row costs more than parsing its cells), by regex where a piece holds
    more than one row (an empty <row/> before the next)."""
    pieces = block.split("</row>")
    if pieces and "<row" not in pieces[-1]:
        pieces.pop()  # what follows the last row: </sheetData> and the rest
    for piece in pieces:
        start = piece.find("<row")
        if start < 0:
            continue
        if piece.find("<row", start + 4) >= 0:
            for m in ROW_RE.finditer(piece + "</row>"):
                yield m[1], m[2] or ""
            continue
        end = piece.find(">", start)
        if piece[end - 1] == "/":  # <row/> with nothing after it in this piece
            yield piece[start + 4 : end - 1], ""
            continue
        yield piece[start + 4 : end], piece[end + 1 :]


def _cells_slow(body: str) -> list[tuple[str, str, str, str, str]]:
    """The cells of a row whose attributes are not in the usual order."""
    out = []
    for m in re.finditer(r"<c\b([^>]*?)(?:/>|>(.*?)</c>)", body, re.S):
        a = _attrs(m[1])
        letters = re.match(r"[A-Z]*", a.get("r", ""))[0]
        out.append((letters, a.get("s", ""), a.get("t", ""), "", m[2] or ""))
    return out


def _value(inner: str, kind: str, style: str, shared, dates, epoch):
    if not inner:
        return None
    if kind == "inlineStr":
        return _text("".join(t or "" for t in T_RE.findall(RPH_RE.sub("", inner))))
    v = inner[3:-4] if inner.startswith("<v>") and inner.endswith("</v>") else None
    if v is None:
        m = V_RE.search(inner)  # after a formula <f>…</f>
        if not m:
            return None
        v = m[1]
    if kind == "s":
        return shared[int(v)]
    if kind in ("str", "e"):
        return _text(v)
    if kind == "b":
        return v.strip() in ("1", "true")
    if kind == "d":
        return _text(v)
    try:
        number = float(v)
    except ValueError:
        return _text(v)
    if style and int(style) in dates:
        return _serial_datetime(number, epoch)
    return number


def _serial_datetime(serial: float, epoch: dt.datetime):
    if epoch is EPOCH_1900 and serial < 61:
        serial += 1  # Excel's 1900-02-29, a day that never was
    try:
        days = int(serial)
        seconds = round((serial - days) * 86400)
        return epoch + dt.timedelta(days=days, seconds=seconds)
    except (OverflowError, ValueError):
        return serial


def _is_date_format(code: str) -> bool:
    """Whether a custom number format shows a date or time (d, m, y, h or s outside quoted
    text, escapes and [colour] brackets)."""
    code = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)
    code = re.sub(r"\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]", "", code, flags=re.I)
    code = code.split(";")[0].lower()
    if "general" in code:
        return False
    return re.search(r"[dmyhs]", code) is not None

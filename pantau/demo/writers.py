"""Writing text columns as files: CSV in any delimiter, encoding and line ending, and XLSX of
one sheet, both built column-wise with Arrow and written private (0600) like the lake."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pantau.demo.text import _cat, _s


def _csv_field(arr: pa.Array, delim: str) -> pa.Array:
    arr = arr.cast(pa.string()).fill_null("")
    needs = pc.or_(pc.match_substring(arr, delim), pc.match_substring(arr, '"'))
    if not pc.any(needs).as_py():
        return arr
    quoted = _cat('"', pc.replace_substring(arr, '"', '""'), '"')
    return pc.if_else(needs, quoted, arr)


def _csv_bytes(arrays: list[pa.Array], delim: str, nl: str, encoding: str) -> bytes:
    import pyarrow.csv as pacsv

    table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
    sink = pa.BufferOutputStream()
    try:  # Arrow's writer is fast but will not quote; it refuses a cell that needs quotes
        options = pacsv.WriteOptions(
            include_header=False, delimiter=delim, quoting_style="none", eol=nl
        )
        pacsv.write_csv(table, sink, options)
        data = sink.getvalue().to_pybytes()
    except pa.ArrowInvalid:
        line = _cat(*[_csv_field(a, delim) for a in arrays], sep=delim)
        data = _string_bytes(_cat(line, nl))
    return data if encoding == "utf-8" else data.decode("utf-8").encode(encoding)


def _string_bytes(arr: pa.Array) -> bytes:
    """The UTF-8 bytes of all strings of `arr`, back to back."""
    if len(arr) == 0:
        return b""
    offsets = np.frombuffer(arr.buffers()[1], np.int32, len(arr) + 1, arr.offset * 4)
    return arr.buffers()[2].to_pybytes()[offsets[0] : offsets[-1]]


def write_csv(
    path: Path,
    chunks: Iterator[dict[str, pa.Array]],
    delim: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    crlf: bool = False,
    curly: bool = False,
) -> int:
    """Write chunks of text columns as one CSV; returns the number of lines below the header."""
    nl = "\r\n" if crlf else "\n"
    n = 0
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        if bom:
            fh.write(b"\xef\xbb\xbf")
        for i, cols in enumerate(chunks):
            if i == 0:
                cells = [f'"{h}"' if delim in h else h for h in cols]
                fh.write((delim.join(cells) + nl).encode(encoding))
            arrays = [a.cast(pa.string()) for a in cols.values()]
            if curly:  # what Excel on Windows types for an apostrophe
                arrays = [pc.replace_substring(a, "'", "\u2019") for a in arrays]
            fh.write(_csv_bytes(arrays, delim, nl, encoding))
            n += len(arrays[0])
    os.chmod(tmp, 0o600)  # exports hold (synthetic) names and NIKs: private like the lake
    tmp.replace(path)
    return n


def _col_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _xml_escape(arr: pa.Array) -> pa.Array:
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        arr = pc.replace_substring(arr, a, b)
    return arr


def _text_cell(ref: str, text: str, style: int = 1) -> str:
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr" s="{style}"><is><t>{esc}</t></is></c>'


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def write_xlsx(
    path: Path,
    cols: dict[str, pa.Array],
    sheet: str,
    title: str | None = None,
    numbers: tuple[str, ...] = (),
    dates: tuple[str, ...] = (),
) -> int:
    """One sheet of inline strings, built column-wise with Arrow (XlsxWriter is ~50x slower).

    `numbers` columns holding digits become number cells; `dates` columns (dd/mm/yyyy) become
    real date cells. The zip entries carry a fixed timestamp, so a seed gives the same bytes.
    One function because the sheet's XML is built in one pass over the columns, in file order.
    """
    import zipfile

    headers = list(cols)
    n = len(cols[headers[0]])
    top = 3 if title else 1
    head = []
    if title:
        head.append(f'<row r="1">{_text_cell("A1", title)}</row>')
    cells = "".join(_text_cell(f"{_col_letter(j)}{top}", h) for j, h in enumerate(headers))
    head.append(f'<row r="{top}">{cells}</row>')
    rownum = _s(np.arange(top + 1, top + 1 + n))
    parts = []
    for j, h in enumerate(headers):
        arr = cols[h].cast(pa.string())
        ref = _cat('<c r="', _col_letter(j), rownum, '"')
        cell = _cat(
            ref, ' t="inlineStr"><is><t xml:space="preserve">', _xml_escape(arr), "</t></is></c>"
        )
        if h in numbers:
            num = pc.match_substring_regex(arr, "^[0-9]{1,15}$")
            cell = pc.if_else(pc.fill_null(num, False), _cat(ref, "><v>", arr, "</v></c>"), cell)
        if h in dates:
            ts = pc.strptime(arr, format="%d/%m/%Y", unit="s", error_is_null=True)
            days = pc.divide(pc.cast(ts, pa.int64()), 86400)
            serial = _cat(ref, ' s="2"><v>', pc.cast(pc.add(days, 25569), pa.string()), "</v></c>")
            cell = pc.if_else(pc.is_valid(ts), serial, cell)
        filled = pc.and_kleene(pc.is_valid(arr), pc.not_equal(arr, ""))
        parts.append(pc.if_else(pc.fill_null(filled, False), cell, ""))
    rows = _cat('<row r="', rownum, '">', *parts, "</row>")
    sheet_xml = (
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(head)
        ).encode()
        + _string_bytes(rows)
        + b"</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    files = {**XLSX_PARTS, "xl/workbook.xml": workbook, "xl/worksheets/sheet1.xml": sheet_xml}
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 0, 0, 0))
            zf.writestr(info, data, zipfile.ZIP_DEFLATED, 1)
    os.chmod(tmp, 0o600)  # exports hold (synthetic) names and NIKs: private like the lake
    tmp.replace(path)
    return n

"""Read one export file into a table of text cells, whatever its format or encoding.

Decides what the file is from its bytes (not its name), refuses what cannot be a table with
one sentence, finds the header row below any title rows, and returns every cell as text so
that no NIK is ever turned into a number on the way in.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from pantau.config import max_import_bytes
from pantau.contract import Dataset, norm_header
from pantau.errors import UnusableFile

SNIFF_BYTES = 256 * 1024
HEADER_SEARCH_ROWS = 30
DELIMITERS = [",", ";", "\t", "|"]
# An XLSX that inflates past this many bytes, or by more than this ratio, is refused unread.
MAX_INFLATED_BYTES = 2 * 1024**3
MAX_RATIO = 200
# No export has more columns than this (P3KE has ~40, DTKS ~90); wider is not a table of
# families. 3,000 columns still import in seconds (test_fuzz_import), 50,000 are refused.
MAX_COLUMNS = 5000
TOTAL_RE = re.compile(r"^\W*(grand\s*)?(jumlah|total)\b", re.IGNORECASE)


@dataclass
class RawTable:
    """Cells as text in columns c0..cN, the header text of each, and each row's line number."""

    table: pa.Table
    headers: list[str]
    first_line: int  # 1-based line (or sheet row) of the first data row
    skipped_lines: list[int] = field(default_factory=list)  # ragged rows pyarrow dropped
    source: str = ""
    short_totals: int = 0  # total rows with too few cells, dropped while parsing
    # (line, column index, encoding) of each field of a UTF-8 file that was not UTF-8
    decoded: list[tuple[int, int, str]] = field(default_factory=list)
    header_line: int = 0  # 1-based line (or sheet row) where the header starts
    sheet: str | None = None  # the worksheet, when a workbook's sheets are read one by one
    # Set where rows were taken out before the import (the field-verification layout,
    # pantau/verval_lapangan.py): each row's sheet row, rows rejected there (line, column,
    # reason, value) and rows skipped there (reason -> count).
    lines: list[int] | None = None
    rejected: list[tuple[int, str, str, str | None]] = field(default_factory=list)
    skipped_rows: dict[str, int] = field(default_factory=dict)

    def line_numbers(self):
        import numpy as np

        if self.lines is not None:
            return np.array(self.lines, dtype=np.int64)
        n = self.table.num_rows
        lines = np.arange(self.first_line, self.first_line + n, dtype=np.int64)
        for skipped in sorted(self.skipped_lines):
            lines[lines >= skipped] += 1
        return lines


def read_table(path: Path, dataset: Dataset) -> RawTable:
    """Read `path` as a table for `dataset`, or raise UnusableFile saying why it cannot be."""
    path = Path(path)
    if not path.is_file():
        raise UnusableFile(f"File {path.name} tidak ditemukan.")
    size = path.stat().st_size
    if size == 0:
        raise UnusableFile(f"File {path.name} kosong; ekspor ulang datanya lalu coba lagi.")
    if size > max_import_bytes():
        raise UnusableFile(
            f"File {path.name} berukuran {_size(size)}, melebihi batas {_size(max_import_bytes())}; "
            "pecah menjadi beberapa file atau naikkan PANTAU_MAX_MB."
        )
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    kind = _kind(head)
    if kind == "zip":
        return _read_xlsx(path, dataset)
    if kind == "ole":
        return _read_ole(path, head, dataset)
    if kind != "text":
        raise UnusableFile(
            f"File {path.name} adalah {kind}, bukan tabel; unggah ekspor dalam bentuk CSV, XLSX atau ODS."
        )
    return _read_csv(path, head, dataset)


# The header of the hidden column that marks a workbook made by `daftar-verval`
# (pantau/verval_lapangan.py): every sheet with it is one kelurahan's list, read on its own.
LAYOUT_KEY = "idberkas"


def read_tables(path: Path, dataset: Dataset) -> list[RawTable]:
    """`read_table`, except for a workbook of the field-verification layout: then every sheet
    whose header holds the ID Berkas column, each as its own table (`sheet` names it)."""
    first = read_table(path, dataset)
    if LAYOUT_KEY not in {norm_header(h) for h in first.headers}:
        return [first]
    path = Path(path)
    with path.open("rb") as fh:
        if _kind(fh.read(8)) not in ("zip", "ole"):
            return [first]
    from python_calamine import CalamineWorkbook

    out = []
    wb = CalamineWorkbook.from_path(str(path))
    for name in wb.sheet_names:
        sheet = wb.get_sheet_by_name(name)
        try:
            raw = _table_from_rows(path, dataset, [lambda s=sheet: _calamine_rows(s)])
        except UnusableFile:
            continue  # a sheet without the header, or without rows under it
        if LAYOUT_KEY in {norm_header(h) for h in raw.headers}:
            raw.sheet = name
            out.append(raw)
    return out or [first]


def _size(n: int) -> str:
    # A limit below 1 MB (PANTAU_MAX_MB=0.001) must not read as "0 MB".
    return f"{n / 1024**2:,.0f} MB" if n >= 1024**2 else f"{n / 1024:,.0f} KB"


def _kind(head: bytes) -> str:
    signatures = {
        b"PK\x03\x04": "zip",
        b"\xd0\xcf\x11\xe0": "ole",
        b"%PDF": "dokumen PDF",
        b"\x89PNG": "gambar PNG",
        b"\xff\xd8\xff": "gambar JPEG",
        b"GIF8": "gambar GIF",
        b"\x1f\x8b": "arsip gzip",
        b"Rar!": "arsip RAR",
        b"7z\xbc\xaf": "arsip 7z",
    }
    for magic, kind in signatures.items():
        if head.startswith(magic):
            return kind
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    sample = head[:65536]
    binary = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if b"\x00" in sample or binary > len(sample) * 0.01:
        return "file biner"
    return "text"


# --- CSV ---------------------------------------------------------------------------------


def _encoding(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as err:
        # A multi-byte character cut by the sniff window is still UTF-8.
        if err.start >= len(head) - 3 and len(head) == SNIFF_BYTES:
            return "utf-8"
        if _has_utf8_sequences(head):
            # UTF-8 text (JOSÉ, NUR’AINI) with a stray ANSI byte pasted in: still UTF-8;
            # the fields that do not decode are decoded alone (_decode_fields).
            return "utf-8"
        return _single_byte(head)


UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _has_utf8_sequences(data: bytes) -> bool:
    """Whether `data` holds a well-formed multi-byte UTF-8 character: Windows-1252 text almost
    never does (Ã© is the only way, and no name is written so)."""
    return UTF8_MULTIBYTE.search(data) is not None


def _decode_line(line: bytes) -> str:
    """A line of a UTF-8 file, its stray bytes (if any) read as cp1252, else latin-1."""
    try:
        return line.decode("utf-8", "pantau-cp1252")
    except UnicodeDecodeError:
        return line.decode("utf-8", "pantau-latin-1")


def _single_byte(data: bytes) -> str:
    """cp1252 (Windows 'ANSI') when every byte has a character there, else latin-1."""
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


FALLBACK = {"utf-8": "cp1252", "utf-8-sig": "cp1252", "cp1252": "latin-1"}


def _read_csv(path: Path, head: bytes, dataset: Dataset) -> RawTable:
    encoding = _encoding(head)
    if encoding == "utf-8":
        # Line by line, so a stray ANSI byte spoils neither the header nor the other lines.
        lines = [_decode_line(line) for line in head.splitlines()]
    else:
        lines = head.decode(encoding, errors="replace").splitlines()
    _check_width_csv(lines, path.name)
    if len(head) == SNIFF_BYTES and lines:
        lines = lines[:-1]  # the last line may be cut by the sniff window
    if not any(line.strip(" ,;\t|\r\n") for line in lines):
        raise UnusableFile(f"File {path.name} kosong; ekspor ulang datanya lalu coba lagi.")
    header_idx, delim, headers, header_top = _find_header_csv(lines, dataset, path.name)
    names = [f"c{i}" for i in range(len(headers))]
    skipped: list[int] = []
    totals: list[int] = []
    as_bytes = False  # cells read as bytes, decoded field by field (_decode_fields)

    def on_invalid(row):
        # A short total row (JUMLAH …) is skipped like any total row, not rejected.
        if TOTAL_RE.match(row.text or ""):
            totals.append(row.number)
        else:
            skipped.append(row.number or -1)
        return "skip"

    def attempt(newlines: bool, threads: bool) -> pa.Table:
        skipped.clear()
        totals.clear()
        return pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(
                skip_rows=header_idx + 1,
                column_names=names,
                encoding="utf-8" if encoding == "utf-8-sig" else encoding,
                use_threads=threads,
                block_size=16 * 1024 * 1024,
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delim,
                ignore_empty_lines=False,
                newlines_in_values=newlines,
                invalid_row_handler=on_invalid,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.binary() if as_bytes else pa.string() for n in names},
                strings_can_be_null=True,
                null_values=[""],
                quoted_strings_can_be_null=True,
            ),
        )

    while True:
        try:
            table = _parse(attempt, skipped, path.name)
            break
        except _Undecodable:
            if encoding.startswith("utf-8") and not as_bytes:
                # A UTF-8 file with bytes that are not UTF-8 somewhere: read the cells as
                # bytes and decode only the fields that need it, so one stray cp1252 byte
                # does not turn every JOSÉ and NUR’AINI of the file into mojibake.
                as_bytes = True
                continue
            # Bytes the detected encoding cannot decode even cell by cell (in a row pyarrow
            # hands to the ragged-row handler, which must decode it whole): read it as a
            # single-byte export.
            as_bytes = False
            if encoding not in FALLBACK:
                raise UnusableFile(
                    f"File {path.name} berisi teks yang tidak dapat dibaca ({encoding}); "
                    "simpan ulang sebagai CSV UTF-8 lalu impor lagi."
                ) from None
            encoding = FALLBACK[encoding]
    first_line = header_idx + 2
    skipped_lines = [n + 0 for n in skipped if n and n > 0]
    table, decoded = _decode_fields(table) if as_bytes else (table, [])
    raw = RawTable(table, headers, first_line, skipped_lines, path.name, len(totals))
    raw.header_line = header_top + 1
    if decoded:
        lines = raw.line_numbers()
        raw.decoded = [(int(lines[i]), j, encoding) for i, j, encoding in decoded]
    return raw


def _bytes_as(encoding: str):
    def handler(err: UnicodeDecodeError):
        return err.object[err.start : err.end].decode(encoding), err.end

    return handler


codecs.register_error("pantau-cp1252", _bytes_as("cp1252"))  # raises on 0x81, 0x8D, …
codecs.register_error("pantau-latin-1", _bytes_as("latin-1"))  # decodes any byte


def _decode_fields(table: pa.Table) -> tuple[pa.Table, list[tuple[int, int, str]]]:
    """Byte cells as text: UTF-8 where they are, else that one field's stray bytes as cp1252
    (latin-1 as the last resort). Returns the table and (row index, column index, encoding) of every field
    that needed a fallback. A column that is all UTF-8 is only validated, in C++."""
    columns, decoded = [], []
    for j, col in enumerate(table.columns):
        try:
            columns.append(col.cast(pa.string()))
            continue
        except (pa.ArrowInvalid, UnicodeError):
            pass
        values = []
        for i, cell in enumerate(col.to_pylist()):
            if cell is None:
                values.append(None)
                continue
            try:
                values.append(cell.decode("utf-8"))
            except UnicodeDecodeError:
                # Only the bytes that are not UTF-8 are read as cp1252 (or latin-1), so that
                # "JOSÉ NUR\x92AINI" keeps its É.
                try:
                    values.append(cell.decode("utf-8", "pantau-cp1252"))
                    decoded.append((i, j, "cp1252"))
                except UnicodeDecodeError:
                    values.append(cell.decode("utf-8", "pantau-latin-1"))
                    decoded.append((i, j, "latin-1"))
        columns.append(pa.array(values, pa.string()))
    decoded.sort()
    return pa.table(columns, names=table.column_names), decoded


class _Undecodable(Exception):
    """The file's bytes do not decode in the encoding tried."""


def _parse(attempt, skipped: list[int], name: str) -> pa.Table:
    """Parse with pyarrow, turning every way it reports undecodable text into _Undecodable."""
    lost: list = []
    previous = sys.unraisablehook
    # pyarrow reports a ragged row it cannot decode for our handler as an "Exception ignored"
    # on stderr; catch that as the signal to try another encoding instead.
    sys.unraisablehook = lost.append
    try:
        try:
            table = attempt(newlines=False, threads=True)
            if skipped:
                # Row numbers of dropped rows are only known when read on one thread.
                table = attempt(newlines=False, threads=False)
        except pa.ArrowInvalid as err:
            if "invalid UTF8" in str(err) or "UTF-16" in str(err):
                raise _Undecodable from None
            try:
                table = attempt(newlines=True, threads=False)
            except pa.ArrowInvalid as err2:
                if "invalid UTF8" in str(err2):
                    raise _Undecodable from None
                raise UnusableFile(
                    f"File {name} tidak dapat dibaca sebagai CSV ({_parse_error(err2)}); "
                    "periksa tanda kutip dan pemisah kolomnya."
                ) from None
    except UnicodeError:
        raise _Undecodable from None
    finally:
        sys.unraisablehook = previous
    if any(isinstance(u.exc_value, UnicodeError) for u in lost):
        raise _Undecodable
    return table


def _parse_error(err: Exception) -> str:
    """pyarrow's parse error in a few words, without the row it quotes (names, NIKs)."""
    text = str(err)
    columns = re.search(r"Expected (\d+) columns, got (\d+)", text)
    if columns:
        return f"ada baris dengan {columns[2]} kolom, padahal judulnya {columns[1]} kolom"
    if "quote" in text.lower():
        return "ada tanda kutip yang tidak ditutup"
    return "susunan baris dan kolomnya tidak dapat diurai"


def _check_width_csv(lines: list[str], name: str) -> None:
    """Refuse a file whose top lines have more cells than any export (a header of 50,000
    columns does not even fit the sniffed head, and would otherwise read as empty)."""
    for line in lines[:HEADER_SEARCH_ROWS]:
        widest = max(line.count(d) for d in DELIMITERS) + 1
        if widest > MAX_COLUMNS:
            raise _too_wide(name)


def _too_wide(name: str) -> UnusableFile:
    return UnusableFile(
        f"File {name} memiliki terlalu banyak kolom (lebih dari {MAX_COLUMNS:,} dalam satu "
        "baris); periksa pemisah kolomnya atau ekspor ulang hanya kolom datanya."
    )


def _find_header_csv(lines: list[str], dataset: Dataset, name: str):
    best = (0, 0, ",", [])
    for delim in DELIMITERS:
        for idx, line in enumerate(lines[:HEADER_SEARCH_ROWS]):
            if delim not in line:
                continue
            cells = next(csv.reader([line], delimiter=delim), [])
            score = _header_score(cells, dataset)
            if score > best[0]:
                best = (score, idx, delim, cells)
    score, idx, delim, cells = best
    if score == 0:
        if not any(d in line for d in DELIMITERS for line in lines[:HEADER_SEARCH_ROWS]):
            raise UnusableFile(
                f"File {name} bukan tabel (tidak ada pemisah kolom); unggah ekspor CSV atau XLSX."
            )
        raise UnusableFile(
            f"Tidak ada judul kolom {dataset.name} yang dikenali di file {name}; "
            "pastikan jenis data benar dan baris judul kolom ada."
        )
    rows = [next(csv.reader([line], delimiter=delim), []) for line in lines[:HEADER_SEARCH_ROWS]]
    cells, top, idx = _two_row_header(rows, idx, dataset)
    return idx, delim, [c.strip() for c in cells], top


def _two_row_header(rows: list[list], idx: int, dataset: Dataset) -> tuple[list[str], int, int]:
    """The header of row `idx`, completed from the row above or below when the export wrote it
    on two rows with merged cells: "Identitas" merged over "No KK" | "NIK", and "Jumlah ART"
    merged down both rows, so that the lower row has an empty cell where "Jumlah ART" is.

    A column name split over the two rows ("Jumlah" over "ART") is read joined with a space,
    when the joined name is a known column and neither cell alone is.

    Returns the header cells and the first and last row of the header. Only a blank cell of
    row `idx` is filled, or a split name joined, and only when that adds a recognised column
    (a data row below a header never does)."""
    keys = set().union(*(f.header_keys() for f in dataset.fields))

    def pick(mine: str, them: str, mine_above: bool) -> str:
        if not mine.strip():
            return them
        if them.strip():
            upper, lower = (mine, them) if mine_above else (them, mine)
            joined = f"{upper.strip()} {lower.strip()}"
            known = [norm_header(c) in keys for c in (joined, mine, them)]
            if known == [True, False, False]:
                return joined
        return mine

    cells = _texts(rows[idx])
    best = (_header_score(cells, dataset), cells, idx, idx)
    for other in (idx - 1, idx + 1):
        if not 0 <= other < len(rows):
            continue
        them = _texts(rows[other])
        width = max(len(cells), len(them))
        mine = cells + [""] * (width - len(cells))
        them += [""] * (width - len(them))
        combined = [pick(a, b, other > idx) for a, b in zip(mine, them, strict=True)]
        score = _header_score(combined, dataset)
        if score > best[0]:
            best = (score, combined, min(idx, other), max(idx, other))
    _, cells, top, last = best
    return cells, top, last


def _texts(row: list) -> list[str]:
    return [c if isinstance(c, str) else _cell_text(c) or "" for c in row]


def _header_score(cells, dataset: Dataset) -> int:
    keys = set().union(*(f.header_keys() for f in dataset.fields))
    return sum(1 for c in cells if c and norm_header(c) in keys)


# --- XLSX --------------------------------------------------------------------------------


def _check_zip(path: Path) -> str:
    """'xlsx' or 'ods' for a workbook that is safe to open, else UnusableFile saying why."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError):
        raise UnusableFile(
            f"File {path.name} rusak (bukan XLSX yang utuh); simpan ulang dari Excel."
        ) from None
    inflated = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if inflated > MAX_INFLATED_BYTES or (
        inflated > 100 * 1024**2 and inflated / packed > MAX_RATIO
    ):
        raise UnusableFile(
            f"File {path.name} akan mengembang menjadi {inflated / 1024**2:,.0f} MB saat dibuka "
            "(kemungkinan bom dekompresi); file ditolak tanpa dibuka."
        )
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and _zip_mimetype(path) == ODS_MIMETYPE:
        return "ods"  # LibreOffice Calc: calamine reads it like an XLSX
    raise UnusableFile(
        f"File {path.name} adalah arsip ZIP, bukan buku kerja XLSX atau ODS; "
        "unggah CSV, XLSX atau ODS."
    )


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _zip_mimetype(path: Path) -> bytes:
    """The `mimetype` member of an OpenDocument file (a few bytes, read only if it is small)."""
    with zipfile.ZipFile(path) as zf:
        try:
            info = zf.getinfo("mimetype")
        except KeyError:
            return b""
        return zf.read(info).strip() if info.file_size < 200 else b""


def _read_ole(path: Path, head: bytes, dataset: Dataset) -> RawTable:
    marker = "EncryptedPackage".encode("utf-16-le")
    with path.open("rb") as fh:
        blob = fh.read(4 * 1024 * 1024)
    if marker in blob or b"EncryptionInfo" in blob or "EncryptionInfo".encode("utf-16-le") in blob:
        raise UnusableFile(
            f"File {path.name} dilindungi kata sandi; buka di Excel, hapus kata sandinya, "
            "simpan ulang, lalu impor lagi."
        )
    return _read_workbook(path, dataset, "xls")  # a legacy .xls workbook


def _read_xlsx(path: Path, dataset: Dataset) -> RawTable:
    return _read_workbook(path, dataset, _check_zip(path))


# A sheet whose XML inflates past this is streamed (xlsx.py) rather than loaded whole by
# calamine, which holds every cell in memory (3 GB for a million rows of 31 columns).
STREAM_SHEET_BYTES = 32 * 1024**2
# Rows of a workbook turned into one Arrow record batch at a time: never all rows as Python
# lists (the 1,000,000-row XLSX peaked at 4.7 GB that way).
CHUNK_ROWS = 50_000


def _read_workbook(path: Path, dataset: Dataset, kind: str = "xls") -> RawTable:
    from python_calamine import CalamineWorkbook

    from pantau.ingest import xlsx

    book = None
    try:
        if kind == "xlsx" and _sheet_bytes(path) > STREAM_SHEET_BYTES:
            book = xlsx.Workbook(path)
            sheets = [(lambda m=m: book.rows(m)) for _, m in book.sheets]
            return _table_from_rows(path, dataset, sheets)
        wb = CalamineWorkbook.from_path(str(path))
        loaded = [wb.get_sheet_by_name(n) for n in wb.sheet_names]
        return _table_from_rows(path, dataset, [(lambda s=s: _calamine_rows(s)) for s in loaded])
    except UnusableFile:
        raise
    except Exception as err:  # calamine raises its own types for corrupt workbooks
        raise UnusableFile(
            f"Buku kerja {path.name} tidak dapat dibaca ({type(err).__name__}); "
            "simpan ulang sebagai XLSX atau CSV."
        ) from None
    finally:
        if book is not None:
            book.close()


def _sheet_bytes(path: Path) -> int:
    """The inflated size of the largest worksheet of an XLSX (from the ZIP directory)."""
    with zipfile.ZipFile(path) as zf:
        sizes = [i.file_size for i in zf.infolist() if i.filename.startswith("xl/worksheets/")]
    return max(sizes, default=0)


def _calamine_rows(sheet):
    """(row number, cells) of a calamine sheet: iter_rows starts at the sheet's first row but
    at the first used column, so the columns left of it are put back."""
    left = [None] * (sheet.start[1] if sheet.start else 0)
    for r, row in enumerate(sheet.iter_rows()):
        yield r, left + row if left else row


def _table_from_rows(path: Path, dataset: Dataset, sheets, chunk_rows: int | None = None):
    """The sheet with the best header row (of `sheets`, each a callable giving its rows as
    (row number, cells)) as a RawTable, built CHUNK_ROWS rows at a time."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    best = None
    for rows in sheets:
        head: list[list] = []
        for r, cells in rows():
            if r >= HEADER_SEARCH_ROWS:
                break
            head += [[] for _ in range(r - len(head))]  # rows the sheet does not write
            head.append(cells)
        for idx, row in enumerate(head):
            score = _header_score(_texts(row), dataset)
            if score and (best is None or score > best[0]):
                best = (score, rows, idx, head)
    if best is None:
        raise UnusableFile(
            f"Tidak ada judul kolom {dataset.name} yang dikenali di file {path.name}; "
            "pastikan jenis data benar dan baris judul kolom ada."
        )
    _, rows, idx, head = best
    headers, top, last = _two_row_header(head, idx, dataset)
    headers = [h.strip() for h in headers]
    while headers and not headers[-1]:
        headers.pop()
    if len(headers) > MAX_COLUMNS:
        raise _too_wide(path.name)
    width = len(headers)
    names = [f"c{i}" for i in range(width)]
    batches: list[pa.RecordBatch] = []
    columns: list[list] = [[] for _ in range(width)]
    filled, blank, expected = 0, 0, last + 1

    def flush():
        nonlocal columns, filled
        batches.append(pa.record_batch([pa.array(c, pa.string()) for c in columns], names=names))
        columns = [[] for _ in range(width)]
        filled = 0

    for r, cells in rows():
        if r <= last:
            continue
        cells = cells[:width] + [None] * (width - len(cells))
        texts = [(c or None) if c.__class__ is str else _cell_text(c) for c in cells]
        # Blank rows, and rows the sheet leaves out, count only when a row with data follows
        # (as calamine's used range ends at the last cell with a value).
        blank += r - expected
        expected = r + 1
        if not any(t is not None for t in texts):
            blank += 1
            continue
        for _ in range(blank):
            for col in columns:
                col.append(None)
            filled += 1
            if filled >= chunk_rows:
                flush()
        blank = 0
        for col, text in zip(columns, texts, strict=True):
            col.append(text)
        filled += 1
        if filled >= chunk_rows:
            flush()
    if filled or not batches:
        flush()
    table = pa.Table.from_batches(batches)
    if table.num_rows == 0:
        raise UnusableFile(f"File {path.name} tidak berisi baris data di bawah judul kolom.")
    return RawTable(table, headers, last + 2, [], path.name, header_line=top + 1)


def _cell_text(value) -> str | None:
    """A worksheet cell as the text a person would read, keeping numbers Excel mangled visible."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if abs(value) >= 1e15:
            # A 16-digit identifier stored as a number has already lost digits in Excel.
            return f"{value:.5E}"
        return repr(value)
    if isinstance(value, int):
        return str(value) if abs(value) < 10**15 else f"{float(value):.5E}"
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return str(value)

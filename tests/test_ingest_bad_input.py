"""The bad-input corpus of DATA-CONTRACT.md: unusable files, bad rows, and the mess that is normal.

An unusable file must fail through the CLI with one sentence on stderr and leave the lake's
status byte-identical; a bad row must be rejected with its reason counted and kept; and the
usual variants of real exports must read back from the lake as the same canonical values.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import xlsxwriter

from conftest import GOOD_HEADER, GOOD_ROWS, ROOT
from pantau.ingest import import_files

MiB = 1024 * 1024
TAPAAN = "35.75.03.1003"


# --- unusable files: exit != 0, one sentence, nothing changed ------------------------------


def assert_refused(proc, *words: str) -> str:
    """Exit code 2 and exactly one line on stderr: 'Error: <one sentence>.' naming `words`."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1, proc.stderr
    message = lines[0]
    assert message.startswith("Error: ")
    assert message.endswith(".")
    assert "Traceback" not in proc.stderr
    # One sentence: no full stop followed by a new capitalised sentence.
    body = message.removeprefix("Error: ")
    assert not any(f". {c}" in body for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), message
    for word in words:
        assert word.lower() in message.lower(), message
    return message


@pytest.fixture
def refuse(cli, data_dir, good_batch, status_json):
    """Import `path` through the CLI, check it is refused and the lake status is unchanged."""

    def run(path: Path, *words: str, env: dict | None = None) -> str:
        before = status_json(data_dir)
        proc = cli(
            "import",
            path,
            "--jenis",
            "keluarga",
            "--periode",
            "2024-06",
            "--json",
            data_dir=data_dir,
            env=env,
        )
        message = assert_refused(proc, path.name, *words)
        assert status_json(data_dir) == before
        assert not list((data_dir / "lake").rglob(".tmp-*"))
        return message

    return run


def test_empty_file_is_refused(refuse, write_csv):
    refuse(write_csv("kosong.csv", b""), "kosong")


def test_pdf_renamed_to_xlsx_is_refused(refuse, write_csv):
    pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n"
    refuse(write_csv("laporan.xlsx", pdf), "PDF", "bukan tabel")


def test_png_renamed_to_csv_is_refused(refuse, write_csv):
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr
    png = b"\x89PNG\r\n\x1a\n" + chunk + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    refuse(write_csv("foto.csv", png), "PNG", "bukan tabel")


def test_random_bytes_are_refused(refuse, write_csv):
    noise = random.Random(20240601).randbytes(64 * 1024)
    refuse(write_csv("acak.xlsx", noise), "bukan tabel")


def _xlsx(path: Path, header: list[str], rows: list[list], title: str | None = None) -> Path:
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("Keluarga")
    start = 0
    if title:
        ws.write(0, 0, title)
        start = 2
    ws.write_row(start, 0, header)
    for i, row in enumerate(rows, start + 1):
        for j, value in enumerate(row):
            if isinstance(value, str):
                ws.write_string(i, j, value)
            elif value is not None:
                ws.write_number(i, j, value)
    wb.close()
    return path


def _ods(path: Path, rows: list[list]) -> Path:
    """A minimal OpenDocument spreadsheet, as LibreOffice Calc saves one (mimetype first,
    stored), written by hand: no ODS writer is installed."""
    import zipfile
    from xml.sax.saxutils import escape

    def cell(v) -> str:
        if v is None:
            return "<table:table-cell/>"
        if isinstance(v, int | float):
            return (
                f'<table:table-cell office:value-type="float" office:value="{v}">'
                f"<text:p>{v}</text:p></table:table-cell>"
            )
        return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'

    body = "".join(
        "<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Keluarga">'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    mime = "application/vnd.oasis.opendocument.spreadsheet"
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mime}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), mime)
        zf.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        zf.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


ODS_ROWS = [
    ["DATA KELUARGA SASARAN", None, None, None, None],
    ["No KK", "NIK", "Kepala Keluarga", "Desa/Kelurahan", "Jumlah ART"],
    ["3575031234560001", "3575034507800002", "JOSÉ", "Tapa'an", 4],
    ["3575041234560002", "3575041507800003", "NUR’AINI", "Trajeng", 3],
]


def test_ods_workbook_is_read(tmp_path, data_dir, lake_rows):
    """LibreOffice's own format is a ZIP without xl/workbook.xml: today 'bukan buku kerja'."""
    s = _import(_ods(tmp_path / "calc.ods", ODS_ROWS), data_dir)
    assert (s.accepted, s.rejected) == (2, 0), s.reasons
    got = [
        (r["no_kk"], r["nama_kepala"], r["kode_kel"], r["jumlah_anggota"])
        for r in lake_rows(data_dir)
    ]
    assert got == [
        ("3575031234560001", "JOSÉ", TAPAAN, 4),
        ("3575041234560002", "NUR’AINI", "35.75.04.1003", 3),
    ]


def test_zip_that_is_no_workbook_is_refused_naming_ods(refuse, tmp_path):
    import zipfile

    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<x/>")  # an ODS part, but no ODS mimetype
    refuse(path, "arsip ZIP", "ODS")


def test_legacy_xls_workbook_is_read(tmp_path, data_dir, lake_rows):
    """An Excel 97–2003 .xls, made by LibreOffice from the ODS (skipped without it)."""
    import shutil

    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office:
        pytest.skip("libreoffice is not installed: no way to write an .xls here")
    ods = _ods(tmp_path / "lama.ods", ODS_ROWS)
    out = tmp_path / "xls"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            office,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(out),
            str(ods),
        ],
        check=False,
        capture_output=True,
        timeout=120,
    )
    xls = out / "lama.xls"
    if not xls.exists():
        pytest.skip("libreoffice here cannot convert a spreadsheet (no Calc component?)")
    assert xls.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    s = _import(xls, data_dir)
    assert (s.accepted, s.rejected) == (2, 0), s.reasons
    assert [r["nama_kepala"] for r in lake_rows(data_dir)] == ["JOSÉ", "NUR’AINI"]


def _ten_family_xlsx(path: Path) -> Path:
    """A title row, a header in row 3, ten families with a blank row among them, an Excel date
    cell, a number cell, a shared-string-free (inline) and a shared-string cell, a formula."""
    wb = xlsxwriter.Workbook(path)  # not constant_memory: strings go to the shared table
    ws = wb.add_worksheet("Keluarga")
    ws.write(0, 0, "DATA KELUARGA SASARAN")
    ws.write_row(2, 0, ["No KK", "NIK", "Kepala Keluarga", "Desa/Kelurahan", "Jumlah ART"])
    ws.write(2, 5, "Tanggal Lahir")
    ws.write(2, 6, "Catatan & Ket")
    date = wb.add_format({"num_format": "dd/mm/yyyy"})
    row = 3
    for i in range(1, 11):
        if i == 6:
            row += 1  # a blank row (not written at all)
        ws.write_string(row, 0, f"35750312345600{i:02d}")
        ws.write_string(row, 1, f"35750345078000{i:02d}")
        ws.write_string(row, 2, "JOSÉ & NUR’AINI" if i == 2 else f"Warga {i}")
        ws.write_string(row, 3, "Tapa'an")
        if i == 4:
            ws.write_formula(row, 4, "=1+2", None, 3)
        else:
            ws.write_number(row, 4, i % 5 + 1)
        ws.write_datetime(row, 5, dt.datetime(1980, 7, i), date)
        if i == 7:
            ws.write_string(row, 6, "<pindah> RT")
        row += 1
    wb.close()
    return path


def _raw_rows(raw) -> list[tuple]:
    return list(
        zip(raw.line_numbers().tolist(), *(c.to_pylist() for c in raw.table.columns), strict=True)
    )


def test_xlsx_is_read_in_chunks_with_the_same_rows(tmp_path, monkeypatch):
    """A chunk of 3 rows gives the 10-row sheet's rows exactly as one chunk does, and the
    streamed reader (used for big sheets) exactly what calamine gives."""
    from pantau.contract import DATASETS
    from pantau.ingest import read

    path = _ten_family_xlsx(tmp_path / "sepuluh.xlsx")
    keluarga = DATASETS["keluarga"]
    whole = read.read_table(path, keluarga)
    monkeypatch.setattr(read, "CHUNK_ROWS", 3)
    chunked = read.read_table(path, keluarga)
    monkeypatch.setattr(read, "STREAM_SHEET_BYTES", 0)
    streamed = read.read_table(path, keluarga)
    assert whole.table.column(0).num_chunks == 1
    assert chunked.table.column(0).num_chunks == 4  # 11 rows (one blank) in chunks of 3
    assert streamed.table.column(0).num_chunks == 4
    expected = _raw_rows(whole)
    assert len(expected) == 11
    assert expected[1] == (
        5,
        "3575031234560002",
        "3575034507800002",
        "JOSÉ & NUR’AINI",
        "Tapa'an",
        "3",
        "1980-07-02",
        None,
    )
    assert expected[3][5] == "3"  # the formula's cached result
    assert expected[5] == (9, None, None, None, None, None, None, None)  # the blank row
    assert expected[7][7] == "<pindah> RT"
    for other in (chunked, streamed):
        assert other.headers == whole.headers
        assert _raw_rows(other) == expected


def test_xlsx_import_in_chunks_accepts_the_same_rows(tmp_path, monkeypatch, lake_rows):
    from pantau.ingest import read

    path = _ten_family_xlsx(tmp_path / "sepuluh.xlsx")
    results = []
    for chunk, stream in [(None, False), (3, False), (3, True)]:
        if chunk:
            monkeypatch.setattr(read, "CHUNK_ROWS", chunk)
        if stream:
            monkeypatch.setattr(read, "STREAM_SHEET_BYTES", 0)
        data = tmp_path / f"data-{chunk}-{stream}"
        s = _import(path, data)
        rows = [
            (r["no_kk"], r["nama_kepala"], r["jumlah_anggota"], r["tanggal_lahir"])
            for r in lake_rows(data)
        ]
        results.append((s.accepted, s.rejected, s.skipped, rows))
    assert results[0][:3] == (10, 0, {"baris kosong": 1})
    assert results[0][3][1] == ("3575031234560002", "JOSÉ & NUR’AINI", 3, dt.date(1980, 7, 2))
    assert results[1] == results[0]
    assert results[2] == results[0]


def _merged_header_xlsx(path: Path) -> Path:
    """A header on two rows, as Dinas templates merge it: "Identitas" over No KK | NIK,
    "Wilayah" over Desa/Kelurahan, and "Kepala Keluarga", "Jumlah ART" merged down both."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    ws.merge_range(0, 0, 0, 1, "Identitas")
    ws.merge_range(0, 2, 1, 2, "Kepala Keluarga")
    ws.write(0, 3, "Wilayah")
    ws.merge_range(0, 4, 1, 4, "Jumlah ART")
    ws.write_row(1, 0, ["No KK", "NIK"])
    ws.write(1, 3, "Desa/Kelurahan")
    ws.write_row(2, 0, ["3575031234560001", "3575034507800002", "Siti", "Tapaan"])
    ws.write_number(2, 4, 4)
    ws.write_row(3, 0, ["3575041234560002", "3575041507800003", "Budi", "Trajeng"])
    ws.write_number(3, 4, 3)
    wb.close()
    return path


@pytest.mark.parametrize("stream", [False, True], ids=["calamine", "streamed"])
def test_two_row_merged_header_xlsx_is_read(tmp_path, data_dir, lake_rows, monkeypatch, stream):
    """Today: refused for a missing "Jumlah ART", which is there, merged down two rows."""
    from pantau.ingest import read

    if stream:
        monkeypatch.setattr(read, "STREAM_SHEET_BYTES", 0)
    s = _import(_merged_header_xlsx(tmp_path / "dua_baris.xlsx"), data_dir)
    assert (s.accepted, s.rejected, s.skipped) == (2, 0, {}), s.reasons
    got = [
        (r["no_kk"], r["nama_kepala"], r["kode_kel"], r["jumlah_anggota"])
        for r in lake_rows(data_dir)
    ]
    assert got == [
        ("3575031234560001", "Siti", TAPAAN, 4),
        ("3575041234560002", "Budi", "35.75.04.1003", 3),
    ]


def test_two_row_merged_header_csv_is_read(write_csv, data_dir, lake_rows, notes):
    """The same sheet saved as CSV: the merged cells are empty on one of the two rows."""
    path = write_csv(
        "dua_baris.csv",
        [
            "Identitas,,Kepala Keluarga,Wilayah,Jumlah ART",
            "No KK,NIK,,Desa/Kelurahan,",
            "3575031234560001,3575034507800002,Siti,Tapaan,4",
            "3575041234560002,3575041507800003,Budi,Trajeng,3",
        ],
    )
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected, s.skipped) == (2, 0, {}), s.reasons
    assert [r["jumlah_anggota"] for r in lake_rows(data_dir)] == [4, 3]
    assert [r["extra"] for r in lake_rows(data_dir)] == [None, None]


def test_missing_column_names_the_header_row_used(refuse, write_csv):
    path = write_csv(
        "judul_baris_3.csv",
        [
            "DATA KELUARGA",
            "",
            "No KK,NIK,Desa/Kelurahan",
            "3575031234560001,3575034507800002,Tapaan",
        ],
    )
    refuse(path, "kolom wajib", "baris 3")


def test_password_protected_xlsx_is_refused(refuse, tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _xlsx(
        tmp_path / "plain.xlsx",
        ["No KK", "NIK", "Kepala Keluarga", "Desa/Kelurahan", "Jumlah ART"],
        [["3575031234560009", "3575034507800009", "Siti", "Tapaan", 4]],
    )
    locked = tmp_path / "terkunci.xlsx"
    with plain.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("rahasia", out)
    assert locked.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"  # an OLE container, as Excel writes
    refuse(locked, "kata sandi")


def _deflated_zeros(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream that really inflates to `mib` MiB of zeros, built in about a second.

    One MiB is compressed with a full flush (byte-aligned, no back-references across it) and
    that block repeated; a final empty block ends the stream. The CRC is of the real content.
    """
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(bytes(MiB)) + comp.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    crc, zeros = 0, bytes(16 * MiB)
    for _ in range(mib // 16):
        crc = zlib.crc32(zeros, crc)
    return block * mib + end, crc


def _write_zip(path: Path, members: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A plain (non-zip64) ZIP of (name, data, crc, inflated size, method) members."""
    out, central = bytearray(), bytearray()
    for name, data, crc, size, method in members:
        raw, offset = name.encode(), len(out)
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw), 0
        )
        out += raw + data
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            *(0x02014B50, 20, 20, 0, method, 0, 0x21, crc, len(data), size, len(raw)),
            *(0, 0, 0, 0, 0, offset),
        )
        central += raw
    eocd = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    path.write_bytes(bytes(out + central + eocd))
    return path


def _bomb(path: Path, mib: int) -> Path:
    workbook = (
        b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main"><sheets><sheet name="Keluarga" sheetId="1"/></sheets>'
        b"</workbook>"
    )
    data, crc = _deflated_zeros(mib)
    return _write_zip(
        path,
        [
            ("xl/workbook.xml", workbook, zlib.crc32(workbook), len(workbook), 0),
            ("xl/worksheets/sheet1.xml", data, crc, mib * MiB, 8),
        ],
    )


def test_bomb_builder_makes_a_real_bomb(tmp_path):
    """The test's bomb is honest: its member really inflates to what it declares."""
    import zipfile

    path = _bomb(tmp_path / "kecil.xlsx", 32)
    with zipfile.ZipFile(path) as zf, zf.open("xl/worksheets/sheet1.xml") as fh:
        total = sum(len(chunk) for chunk in iter(lambda: fh.read(8 * MiB), b""))
    assert total == 32 * MiB  # zipfile also checks the CRC at the end


def test_decompression_bomb_by_ratio_is_refused_unopened(refuse, tmp_path):
    bomb = _bomb(tmp_path / "bom_rasio.xlsx", 208)  # 208 MB of zeros in ~200 KB
    assert bomb.stat().st_size < 400 * 1024
    refuse(bomb, "bom dekompresi", "ditolak tanpa dibuka")


def test_decompression_bomb_over_2_gib_is_refused_without_inflating(
    tmp_path, data_dir, good_batch, status_json
):
    bomb = _bomb(tmp_path / "bom_besar.xlsx", 2560)  # 2.5 GiB of zeros in ~2.6 MB
    before = status_json(data_dir)
    args = ["import", bomb, "--jenis", "keluarga", "--periode", "2024-06", "--json"]
    with (tmp_path / "out").open("w+") as out, (tmp_path / "err").open("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "pantau", "--data", str(data_dir), *map(str, args)],
            cwd=ROOT,
            stdout=out,
            stderr=err,
        )
        # wait4 gives this child's own peak RSS, not the maximum over every child so far.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())
    message = assert_refused(result, "bom_besar.xlsx", "bom dekompresi")
    assert "2,560 MB" in message
    peak_mb = usage.ru_maxrss / 1024
    assert peak_mb < 1500, f"peak RSS {peak_mb:.0f} MB: the bomb was opened"
    assert status_json(data_dir) == before


def test_decompression_bomb_is_never_inflated_or_handed_to_calamine(
    tmp_path, data_dir, monkeypatch
):
    import zipfile

    import python_calamine

    from pantau.errors import UnusableFile

    def forbidden(*_a, **_k):
        raise AssertionError("the bomb was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", forbidden)
    monkeypatch.setattr(zipfile.ZipFile, "read", forbidden)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", forbidden)
    bomb = _bomb(tmp_path / "bom.xlsx", 208)
    with pytest.raises(UnusableFile, match="bom dekompresi"):
        import_files([bomb], "keluarga", "2024-06", data_dir)
    assert not (data_dir / "lake" / "manifest.json").exists()


def test_csv_missing_a_required_column_is_refused(refuse, write_csv):
    path = write_csv(
        "tanpa_kk.csv",
        ["NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART", "3575034507800002,Siti,Tapaan,4"],
    )
    refuse(path, "kolom wajib", "No KK")


def test_text_without_known_headers_is_refused(refuse, write_csv):
    path = write_csv("catatan.csv", ["nama barang,jumlah,harga", "beras,10,12000"])
    refuse(path, "judul kolom")


def test_file_over_the_size_limit_is_refused(refuse, write_csv):
    rows = [GOOD_HEADER] + [GOOD_ROWS[0].replace("0001,", f"{i:04d},", 1) for i in range(40)]
    path = write_csv("besar.csv", rows)
    assert path.stat().st_size > 2048
    message = refuse(path, "melebihi batas", env={"PANTAU_MAX_MB": "0.001"})
    assert "batas 1 KB" in message  # not "batas 0 MB"


def test_csv_with_50000_columns_is_refused_as_too_wide(refuse, write_csv):
    """Its header does not fit the 256 KB the reader sniffs: today it read as 'kosong'."""
    header = ",".join(
        ["No KK", "NIK", "Kepala Keluarga", "Kelurahan", "Jumlah ART"]
        + [f"Kolom {i}" for i in range(50_000)]
    )
    row = "3575031234560001,3575034507800002,Siti,Tapaan,4" + "," * 50_000
    path = write_csv("lebar.csv", [header, row])
    message = refuse(path, "terlalu banyak kolom", "5,000")
    assert "kosong" not in message


def test_csv_with_6000_short_columns_is_refused_as_too_wide(refuse, write_csv):
    header = ",".join(
        ["No KK", "NIK", "Kepala Keluarga", "Kelurahan", "Jumlah ART"]
        + [f"K{i}" for i in range(6000)]
    )
    path = write_csv(
        "lebar_pendek.csv", [header, "3575031234560001,3575034507800002,Siti,Tapaan,4"]
    )
    refuse(path, "terlalu banyak kolom")


def test_xlsx_with_6000_header_columns_is_refused_as_too_wide(refuse, tmp_path):
    header = ["No KK", "NIK", "Kepala Keluarga", "Kelurahan", "Jumlah ART"]
    header += [f"K{i}" for i in range(6000)]
    path = _xlsx(tmp_path / "lebar.xlsx", header, [["3575031234560001", "x", "Siti", "Tapaan", 4]])
    refuse(path, "terlalu banyak kolom", "5,000")


# --- bad rows: exit 0, row rejected with its reason, kept in the notes -----------------------


def _import_rows(import_json, write_csv, data_dir, name, header, rows, encoding="utf-8"):
    path = write_csv(name, [header, *rows], encoding=encoding)
    code, summary = import_json(path, data_dir)
    assert code == 0, summary
    return summary


def _only_reject(notes_rows):
    rejects = [n for n in notes_rows if n["tingkat"] == "ditolak"]
    assert len(rejects) == 1, notes_rows
    return rejects[0]


def test_fifteen_digit_nik_is_rejected(import_json, write_csv, data_dir, lake_rows, notes):
    bad = "3575031234560003,357503450780002,Rina,Tapaan,Bugul Kidul,2,0"
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, bad])
    reason = "NIK kepala keluarga hanya 15 digit (digit ke-16 hilang)"
    assert (s["read"], s["accepted"], s["rejected"]) == (3, 2, 1)
    assert s["reasons"] == {reason: 1}
    assert [r["no_kk"] for r in lake_rows(data_dir)] == ["3575031234560001", "3575041234560002"]
    rej = _only_reject(notes(data_dir, s["batch"]))
    assert (rej["baris"], rej["kolom"], rej["alasan"], rej["nilai"]) == (
        4,
        "nik_kepala",
        reason,
        "357503450780002",
    )


def test_scientific_notation_nik_is_rejected(import_json, write_csv, data_dir, lake_rows, notes):
    bad = "3575031234560003,3.57503E+15,Rina,Tapaan,Bugul Kidul,2,0"
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, bad])
    reason = (
        "NIK kepala keluarga dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks"
    )
    assert s["reasons"] == {reason: 1}
    assert s["accepted"] == 2
    assert "3575031234560003" not in {r["no_kk"] for r in lake_rows(data_dir)}
    assert _only_reject(notes(data_dir, s["batch"]))["nilai"] == "3.57503E+15"


def test_nik_stored_as_excel_number_is_rejected_not_repaired(tmp_path, data_dir, lake_rows, notes):
    path = _xlsx(
        tmp_path / "angka.xlsx",
        ["No KK", "NIK", "Kepala Keluarga", "Desa/Kelurahan", "Jumlah ART"],
        [
            ["3575031234560001", "3575034507800002", "Siti", "Tapaan", 4],
            ["3575031234560002", 3575034507800003, "Rina", "Tapaan", 2],  # a number cell
            [3575031234560003, "3575034507800004", "Ani", "Tapaan", 2],  # so is this No KK
        ],
    )
    s = import_files([path], "keluarga", "2024-06", data_dir)
    assert s.reasons == {
        "NIK kepala keluarga dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks": 1,
        "No KK dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks": 1,
    }
    assert [r["nik_kepala"] for r in lake_rows(data_dir)] == ["3575034507800002"]
    rejects = {n["baris"]: n["nilai"] for n in notes(data_dir, s.batch)}
    assert rejects == {3: "3.57503E+15", 4: "3.57503E+15"}  # sheet rows; nothing repaired


def test_unknown_kelurahan_is_rejected_naming_closest(
    import_json, write_csv, data_dir, lake_rows, notes
):
    bad = "3575031234560003,3575034507800004,Rina,Krapyak,,2,0"
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, bad])
    assert s["reasons"] == {"kelurahan tidak dikenal": 1}
    assert len(lake_rows(data_dir)) == 2
    rej = _only_reject(notes(data_dir, s["batch"]))
    assert rej["kolom"] == "kelurahan"
    assert rej["nilai"].startswith("Krapyak (mungkin: ")
    assert "Krapyakrejo" in rej["nilai"].split("mungkin:")[1]


def test_kecamatan_disagreeing_with_kelurahan_is_rejected(
    import_json, write_csv, data_dir, lake_rows, notes
):
    bad = "3575031234560003,3575034507800004,Rina,Tapaan,Purworejo,2,0"
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, bad])
    assert s["reasons"] == {"kecamatan tidak sesuai dengan kelurahan": 1}
    assert {r["kode_kel"] for r in lake_rows(data_dir)} == {TAPAAN, "35.75.04.1003"}
    rej = _only_reject(notes(data_dir, s["batch"]))
    assert (rej["kolom"], rej["nilai"]) == ("kecamatan", "Purworejo")


def test_duplicate_no_kk_keeps_first_and_rejects_second(
    import_json, write_csv, data_dir, lake_rows, notes
):
    again = "3575031234560001,3575034507800009,Siti Lain,Kepel,Bugul Kidul,5,0"
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, again])
    assert s["reasons"] == {"duplikat dalam file": 1}
    first = next(r for r in lake_rows(data_dir) if r["no_kk"] == "3575031234560001")
    assert (first["nama_kepala"], first["kode_kel"]) == ("Siti Aminah", TAPAAN)
    rej = _only_reject(notes(data_dir, s["batch"]))
    assert (rej["baris"], rej["kolom"], rej["nilai"]) == (4, "no_kk", "3575031234560001")


@pytest.mark.parametrize("money", ["-250000", "Rp -250.000", "(250.000)"])
def test_negative_money_is_rejected(import_json, write_csv, data_dir, lake_rows, notes, money):
    bad = f'3575031234560003,3575034507800004,Rina,Tapaan,Bugul Kidul,2,"{money}"'
    s = _import_rows(import_json, write_csv, data_dir, "a.csv", GOOD_HEADER, [*GOOD_ROWS, bad])
    assert s["reasons"] == {"nilai uang negatif": 1}
    assert len(lake_rows(data_dir)) == 2
    rej = _only_reject(notes(data_dir, s["batch"]))
    assert (rej["kolom"], rej["nilai"]) == ("pengeluaran_bulanan", money)


# --- the mess that is normal: read back as canonical values --------------------------------


def _import(path: Path, data_dir: Path, jenis: str = "keluarga"):
    return import_files([path], jenis, "2024-06", data_dir)


def test_p3ke_layout_is_read(tmp_path, data_dir, lake_rows):
    header = [
        "ID Keluarga P3KE",
        "Provinsi",
        "Kabupaten/Kota",
        "Kecamatan",
        "Desa/Kelurahan",
        "Kode Kemendagri",
        "Desil Kesejahteraan",
        "Alamat",
        "Kepala Keluarga",
        "NIK",
        "Padan Dukcapil",
        "Jenis Kelamin",
        "Tanggal Lahir",
        "Nomor_KK",
        "Jumlah Anggota Keluarga",
        "Jenis Lantai",
        "Memiliki Fasilitas Buang Air Besar",
        "Penerima BPNT",
        "Penerima PKH",
        "Resiko Stunting",
    ]
    row = ["P3KE-0001", "JAWA TIMUR", "KOTA PASURUAN", "BUGUL KIDUL", "TAPA'AN", "3575031003"]
    row += [1, "Jl. Hasanuddin 5", "SITI AMINAH", "3575034507800002", "Padan", "Perempuan"]
    row += ["05-07-1980", "3575031234560001", 4, "Tanah", "Tidak ada", "Ya", "Tidak", "Tidak"]
    path = _xlsx(tmp_path / "p3ke.xlsx", header, [row], title="DATA P3KE KOTA PASURUAN 2024")
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected, s.warnings) == (1, 0, {})
    [got] = lake_rows(data_dir)
    assert got["id_keluarga"] == "P3KE-0001"
    assert (got["no_kk"], got["nik_kepala"]) == ("3575031234560001", "3575034507800002")
    assert (got["kode_kel"], got["kelurahan"], got["kecamatan"]) == (
        TAPAAN,
        "Tapa'an",
        "Bugul Kidul",
    )
    assert (got["desil"], got["jumlah_anggota"], got["jenis_kelamin"]) == (1, 4, "P")
    assert got["tanggal_lahir"] == dt.date(1980, 7, 5)
    assert (got["lantai"], got["fasilitas_bab"]) == (9, 4)
    assert list(got["program_terdaftar"]) == ["BPNT"]
    assert '"Padan Dukcapil":"Padan"' in got["extra"]
    assert '"Resiko Stunting":"Tidak"' in got["extra"]


def test_dtks_layout_is_read(write_csv, data_dir, lake_rows):
    path = write_csv(
        "dtks.csv",
        [
            "IDBDT,KDKEC,KDDESA,NOKK,NIK,Nama_KRT,Jumlah_ART,Sta_pkh,Sta_kip,Percentile,Lantai,"
            "Sumber_airminum,Fasbab,Sta_art_usaha",
            "3575030011000001,030,3575030011,3575031234560001,3575034507800002,SITI,4,1,0,35,"
            "9,Sumur bor/pompa,1,Ya",
        ],
    )
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected) == (1, 0), s.reasons
    [got] = lake_rows(data_dir)
    assert (got["id_keluarga"], got["no_kk"], got["nama_kepala"]) == (
        "3575030011000001",
        "3575031234560001",
        "SITI",
    )
    assert (got["kode_kel"], got["kode_kec"]) == (TAPAAN, "35.75.03")  # BPS 3575030011, KDKEC 030
    assert (got["jumlah_anggota"], got["desil"]) == (4, 4)  # Percentile 35 → desil 4
    assert (got["lantai"], got["sumber_air"], got["fasilitas_bab"]) == (9, 5, 1)
    assert got["punya_usaha"] is True
    assert list(got["program_terdaftar"]) == ["PKH"]


def test_dtks_short_desa_code_is_read_with_its_kecamatan_code(write_csv, data_dir, lake_rows):
    """BDT/DTKS write KDDESA '011' beside KDKEC '030': together BPS 3575030011, Tapa'an.
    '011' under KDKEC '010' is BPS 3575010011, Karangketug; '099' under '030' is no kelurahan."""
    path = write_csv(
        "dtks_kode_pendek.csv",
        [
            "KDKEC,KDDESA,NOKK,NIK,Nama_KRT,Jumlah_ART",
            "030,011,3575031234560001,3575034507800002,SITI,4",
            "10,11,3575011234560003,3575014507800004,AMINAH,3",
            "030,099,3575031234560005,3575034507800006,BUDI,2",
        ],
    )
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected) == (2, 1), s.reasons
    assert s.reasons == {"kode kelurahan tidak dikenal": 1}
    got = {r["nama_kepala"]: r for r in lake_rows(data_dir)}
    assert (got["SITI"]["kode_kel"], got["SITI"]["kelurahan"]) == (TAPAAN, "Tapa'an")
    assert (got["AMINAH"]["kode_kel"], got["AMINAH"]["kecamatan"]) == (
        "35.75.01.1001",
        "Gadingrejo",
    )


def test_dtks_kemendagri_desa_code_is_read_with_its_kecamatan_code(write_csv, data_dir, lake_rows):
    """Some DTKS exports write KDDESA as the Kemendagri 4-digit code: '1003' beside KDKEC '030'
    (or '03', or '30' after Excel) is 35.75.03.1003, Tapa'an; '1001' under '010' is
    35.75.01.1001, Karangketug; '1099' under '030' is no kelurahan."""
    path = write_csv(
        "dtks_kode_kemendagri.csv",
        [
            "KDKEC,KDDESA,NOKK,NIK,Nama_KRT,Jumlah_ART",
            "030,1003,3575031234560001,3575034507800002,SITI,4",
            "03,1003,3575031234560002,3575034507800003,RINA,4",
            "30,1003,3575031234560003,3575034507800004,ANI,4",
            "010,1001,3575011234560004,3575014507800005,AMINAH,3",
            "030,1099,3575031234560005,3575034507800006,BUDI,2",
        ],
    )
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected) == (4, 1), s.reasons
    assert s.reasons == {"kode kelurahan tidak dikenal": 1}
    got = {
        r["nama_kepala"]: (r["kode_kel"], r["kelurahan"], r["kode_kec"])
        for r in lake_rows(data_dir)
    }
    assert got == {
        "SITI": (TAPAAN, "Tapa'an", "35.75.03"),
        "RINA": (TAPAAN, "Tapa'an", "35.75.03"),
        "ANI": (TAPAAN, "Tapa'an", "35.75.03"),
        "AMINAH": ("35.75.01.1001", "Karangketug", "35.75.01"),
    }


def test_dtsen_layout_is_read(write_csv, data_dir, lake_rows):
    path = write_csv(
        "dtsen.csv",
        [
            "no_kk,nik,nama,id_jenis_kelamin,desil_nasional_keluarga,kemiskinan_ekstrem,pbi,"
            "pkh_plus,id_lantai_terluas,id_pekerjaan_utama,kode_desa,jml_art",
            "3575031234560001,3575034507800002,SITI,2,1,1,1,0,2,7,35.75.03.1003,4",
            "3575041234560002,3575041507800003,BUDI,1,3,0,0,1,9,1,3575041003,2",
        ],
    )
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected, s.warnings) == (2, 0, {})
    siti, budi = lake_rows(data_dir)
    assert (siti["jenis_kelamin"], budi["jenis_kelamin"]) == ("P", "L")
    assert (siti["desil"], budi["desil"]) == (1, 3)
    assert (siti["miskin_ekstrem"], budi["miskin_ekstrem"]) == (True, False)
    assert (siti["lantai"], budi["lantai"]) == (2, 9)
    assert (siti["kode_kel"], budi["kode_kel"]) == (TAPAAN, "35.75.04.1003")
    assert (list(siti["program_terdaftar"]), list(budi["program_terdaftar"])) == (
        ["PBI-JK"],
        ["PKH"],
    )
    assert siti["pekerjaan"] == "7"


def test_kelurahan_spellings_map_to_one_code(write_csv, data_dir, lake_rows):
    spellings = ["Tapa'an", "Tapaan", "TAPA’AN", "Kel. Tapa'an", "tapa-an", "Kelurahan Tapa`an"]
    rows = [
        f"35750312345600{i:02d},35750345078000{i:02d},Warga,{k},4"
        for i, k in enumerate(spellings, 1)
    ]
    rows.append("3575011234560099,3575014507800099,Warga,Gadingrejo'an,4")
    path = write_csv("ejaan.csv", ["No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART", *rows])
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected) == (7, 0), s.reasons
    got = {r["no_kk"]: (r["kode_kel"], r["kelurahan"]) for r in lake_rows(data_dir)}
    assert got.pop("3575011234560099") == ("35.75.01.1009", "Gadingrejo")
    assert list(got.values()) == [(TAPAAN, "Tapa'an")] * 6


def test_money_spellings_read_as_the_same_amount(write_csv, data_dir, lake_rows):
    amounts = ["Rp 2.500.000", "2.500.000,00", "2500000", "2,500,000", "Rp. 2.500.000,-"]
    rows = [
        f'35750312345600{i:02d},35750345078000{i:02d},Warga,Tapaan,4,"{a}"'
        for i, a in enumerate(amounts, 1)
    ]
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Penghasilan"
    s = _import(write_csv("uang.csv", [header, *rows]), data_dir)
    assert (s.accepted, s.rejected) == (5, 0), s.reasons
    assert [r["pendapatan_bulanan"] for r in lake_rows(data_dir)] == [2500000.0] * 5


def test_date_spellings_read_as_the_same_date(write_csv, data_dir, lake_rows):
    dates = ["05/07/1980", "05-07-1980", "1980-07-05", "05/07/1980 0:00:00", "29407"]
    rows = [
        f"35750312345600{i:02d},35750345078000{i:02d},Warga,Tapaan,4,{d}"
        for i, d in enumerate(dates, 1)
    ]
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Tanggal Lahir"
    s = _import(write_csv("tanggal.csv", [header, *rows]), data_dir)
    assert (s.accepted, s.rejected, s.warnings) == (5, 0, {})
    assert [r["tanggal_lahir"] for r in lake_rows(data_dir)] == [dt.date(1980, 7, 5)] * 5


def test_excel_date_cells_and_serials_read_as_dates(tmp_path, data_dir, lake_rows):
    path = tmp_path / "tanggal.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["No KK", "NIK", "Kepala Keluarga", "Kelurahan", "Jumlah ART", "TglLahir"])
    for i, cell in enumerate(["date", "serial"], 1):
        ws.write_row(i, 0, [f"357503123456000{i}", f"357503450780000{i}", "Warga", "Tapaan"])
        ws.write_number(i, 4, 4)
        if cell == "date":
            ws.write_datetime(
                i, 5, dt.datetime(1980, 7, 5), wb.add_format({"num_format": "d/m/yy"})
            )
        else:
            ws.write_number(i, 5, 29407)
    wb.close()
    s = _import(path, data_dir)
    assert (s.accepted, s.warnings) == (2, {})
    assert [r["tanggal_lahir"] for r in lake_rows(data_dir)] == [dt.date(1980, 7, 5)] * 2


def test_title_blank_and_total_rows_are_skipped_not_rejected(write_csv, data_dir, lake_rows):
    path = write_csv(
        "laporan.csv",
        [
            "DAFTAR KELUARGA MISKIN EKSTREM",
            "KOTA PASURUAN - JUNI 2024",
            "",
            f"No,{GOOD_HEADER}",
            f"1,{GOOD_ROWS[0]}",
            ",,,,,,,",
            "",
            f"2,{GOOD_ROWS[1]}",
            "JUMLAH,,,,,,7,",
        ],
    )
    s = _import(path, data_dir)
    assert (s.read, s.accepted, s.rejected, s.reasons) == (2, 2, 0, {})
    assert s.skipped == {"baris kosong": 2, "baris total": 1}
    got = lake_rows(data_dir)
    assert [r["no_kk"] for r in got] == ["3575031234560001", "3575041234560002"]
    assert [r["extra"] for r in got] == ['{"No":"1"}', '{"No":"2"}']


def test_total_row_labelled_in_a_data_column_is_skipped(write_csv, data_dir):
    rows = [GOOD_HEADER, *GOOD_ROWS, "TOTAL,,,,,7,"]
    s = _import(write_csv("total.csv", rows), data_dir)
    assert (s.read, s.accepted, s.rejected, s.skipped) == (2, 2, 0, {"baris total": 1})


def test_cp1252_file_with_curly_apostrophe_is_read(write_csv, data_dir, lake_rows):
    row = "3575031234560001;3575034507800002;Siti;Tapa’an;4"
    raw = f"No KK;NIK;Kepala Keluarga;Desa/Kelurahan;Jumlah ART\n{row}\n".encode("cp1252")
    assert b"Tapa\x92an" in raw
    s = _import(write_csv("ansi.csv", raw), data_dir)
    assert (s.accepted, s.rejected) == (1, 0), s.reasons
    assert lake_rows(data_dir)[0]["kode_kel"] == TAPAAN


def test_cp1252_byte_far_past_the_sniffed_head_is_still_read(write_csv, data_dir, lake_rows):
    """The encoding is guessed from the first 256 KB; an ANSI byte after that must not fail."""
    filler = [f"3575031{i:09d},3575034507800002,Warga Biasa Sekali,Tapaan,4" for i in range(5000)]
    last = "3575039999999999,3575034507800002,Siti,Tapa’an,4"
    text = "\n".join(["No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART", *filler, last])
    raw = (text + "\n").encode("cp1252")
    assert raw.index(b"\x92") > 256 * 1024
    s = _import(write_csv("ansi_besar.csv", raw), data_dir)
    assert (s.accepted, s.rejected) == (5001, 0), s.reasons
    got = lake_rows(data_dir)[-1]
    assert (got["no_kk"], got["nama_kepala"], got["kode_kel"]) == (
        "3575039999999999",
        "Siti",
        TAPAAN,
    )


def _mixed_encoding_csv(write_csv, name: str, filler: int = 0) -> Path:
    """A UTF-8 export (row 2: JOSÉ, NUR’AINI) with one cp1252 byte pasted into row 5's name,
    after `filler` plain rows (so the byte can sit past the sniffed head)."""
    lines = [
        b"No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART,Keterangan",
        "3575031234560001,3575034507800002,JOSÉ,Tapa’an,4,NUR’AINI".encode(),
        b"3575031234560002,3575034507800003,Budi,Tapaan,3,",
        b"3575031234560003,3575034507800004,Ani,Tapaan,2,",
        b"3575031234560004,3575034507800005,NUR\x92AINI,Tapaan,5,",
    ]
    lines[2:2] = [
        f"3575032{i:09d},3575034507800009,Warga Biasa Sekali,Tapaan,4,".encode()
        for i in range(filler)
    ]
    return write_csv(name, b"\n".join(lines) + b"\n")


@pytest.mark.parametrize("filler", [0, 6000], ids=["in_the_head", "past_the_head"])
def test_stray_cp1252_byte_in_utf8_file_is_decoded_in_its_field_only(
    write_csv, data_dir, lake_rows, notes, filler
):
    path = _mixed_encoding_csv(write_csv, "campur.csv", filler)
    if filler:
        assert path.read_bytes().index(b"\x92") > 256 * 1024
    s = _import(path, data_dir)
    assert (s.accepted, s.rejected) == (4 + filler, 0), s.reasons
    got = {r["no_kk"]: r for r in lake_rows(data_dir)}
    jose = got["3575031234560001"]
    assert jose["nama_kepala"] == "JOSÉ"  # not 'JOSÃ‰'
    assert jose["extra"] == '{"Keterangan":"NUR’AINI"}'  # not 'NURâ€™AINI'
    assert jose["kode_kel"] == TAPAAN
    assert got["3575031234560004"]["nama_kepala"] == "NUR’AINI"  # \x92 read as cp1252
    row5 = 5 + filler
    reason = "teks bukan UTF-8; dibaca sebagai cp1252, periksa ejaannya"
    assert s.warnings == {f"{reason} (campur.csv baris {row5})": 1}
    warned = [n for n in notes(data_dir, s.batch) if n["tingkat"] == "peringatan"]
    assert [(n["baris"], n["kolom"], n["alasan"]) for n in warned] == [
        (row5, "nama_kepala", reason)
    ]


def test_byte_undefined_in_cp1252_falls_back_to_latin1_in_its_field(write_csv, data_dir, lake_rows):
    raw = b"No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART\n"
    raw += "3575031234560001,3575034507800002,JOSÉ,Tapaan,4\n".encode()
    raw += b"3575031234560002,3575034507800003,AB\x81\xe9,Tapaan,3\n"  # 0x81: none in cp1252
    raw += "3575031234560003,3575034507800004,JOSÉ NUR".encode() + b"\x92AINI,Tapaan,3\n"
    s = _import(write_csv("latin.csv", raw), data_dir)
    assert (s.accepted, s.rejected) == (3, 0), s.reasons
    # Within a field too, only the stray bytes are decoded otherwise: JOSÉ keeps its É.
    assert [r["nama_kepala"] for r in lake_rows(data_dir)] == ["JOSÉ", "AB\x81é", "JOSÉ NUR’AINI"]
    assert s.warnings == {
        "teks bukan UTF-8; dibaca sebagai latin-1, periksa ejaannya (latin.csv baris 3)": 1,
        "teks bukan UTF-8; dibaca sebagai cp1252, periksa ejaannya (latin.csv baris 4)": 1,
    }


def test_utf8_bom_does_not_hide_the_first_header(write_csv, data_dir, lake_rows):
    raw = "\ufeff" + "\n".join([GOOD_HEADER, *GOOD_ROWS]) + "\n"
    s = _import(write_csv("bom.csv", raw.encode("utf-8")), data_dir)
    assert (s.accepted, s.rejected) == (2, 0), s.reasons
    assert lake_rows(data_dir)[0]["no_kk"] == "3575031234560001"


@pytest.mark.parametrize(
    "delimiter", [",", ";", "\t", "|"], ids=["comma", "semicolon", "tab", "pipe"]
)
def test_delimiters_are_detected(write_csv, data_dir, lake_rows, delimiter):
    header = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART,Pengeluaran"
    row = "3575031234560001,3575034507800002,Siti Aminah,Tapaan,4,1250000"
    lines = [line.replace(",", delimiter) for line in (header, row)]
    s = _import(write_csv("pisah.csv", lines), data_dir)
    assert (s.accepted, s.rejected) == (1, 0), s.reasons
    got = lake_rows(data_dir)[0]
    assert (got["nama_kepala"], got["kode_kel"], got["pengeluaran_bulanan"]) == (
        "Siti Aminah",
        TAPAAN,
        1250000.0,
    )


def test_unknown_columns_are_kept_in_extra(write_csv, data_dir, lake_rows):
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Catatan Petugas,No HP,Catatan Petugas"
    row = "3575031234560001,3575034507800002,Siti,Tapaan,4,rumah kontrak,0812,ditinjau"
    _import(write_csv("ekstra.csv", [header, row]), data_dir)
    assert lake_rows(data_dir)[0]["extra"] == (
        '{"Catatan Petugas":"rumah kontrak","No HP":"0812","Catatan Petugas (2)":"ditinjau"}'
    )


def test_programme_flag_columns_become_program_terdaftar(write_csv, data_dir, lake_rows):
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Penerima PKH,Penerima BPNT,APBN_PIP,APBD_RTLH_kelurahan,Sta_kis"
    rows = [
        "3575031234560001,3575034507800002,Siti,Tapaan,4,Ya,Tidak,1,Ya,0",
        "3575031234560002,3575034507800003,Rina,Tapaan,4,Tidak,Tidak,0,,",
    ]
    _import(write_csv("program.csv", [header, *rows]), data_dir)
    got = lake_rows(data_dir)
    assert [list(r["program_terdaftar"]) for r in got] == [["PIP", "PKH", "RTLH"], []]
    assert [r["extra"] for r in got] == [None, None]  # the flags are not extra columns


def test_rt_rw_with_leading_zeros_equal_plain(write_csv, data_dir, lake_rows):
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,RT,RW"
    rows = [
        "3575031234560001,3575034507800002,Siti,Tapaan,4,001,05",
        "3575031234560002,3575034507800003,Rina,Tapaan,4,1,5",
        "3575031234560003,3575034507800004,Ani,Tapaan,4,RT 001,RW. 005",
    ]
    _import(write_csv("rt.csv", [header, *rows]), data_dir)
    assert {(r["rt"], r["rw"]) for r in lake_rows(data_dir)} == {("1", "5")}


@pytest.mark.parametrize(("percentile", "desil"), [("35", 4), ("5", 1), ("0", 1), ("100", 10)])
def test_percentile_becomes_desil(write_csv, data_dir, lake_rows, percentile, desil):
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Percentile"
    row = f"3575031234560001,3575034507800002,Siti,Tapaan,4,{percentile}"
    _import(write_csv("persentil.csv", [header, row]), data_dir)
    assert lake_rows(data_dir)[0]["desil"] == desil


def test_nik_sex_mismatch_is_a_warning_not_a_reject(write_csv, data_dir, lake_rows, notes):
    header = "No KK,NIK,Kepala Keluarga,Kelurahan,Jumlah ART,Jenis Kelamin,Tanggal Lahir"
    rows = [
        "3575031234560001,3575034507800002,Siti,Tapaan,4,L,05/07/1980",  # NIK says woman
        "3575031234560002,3575031507800003,Budi,Tapaan,4,L,16/07/1980",  # NIK says 15-07
    ]
    s = _import(write_csv("jk.csv", [header, *rows]), data_dir)
    assert (s.accepted, s.rejected) == (2, 0)
    assert s.warnings == {
        "jenis kelamin tidak sesuai NIK kepala keluarga": 1,
        "tanggal lahir tidak sesuai NIK kepala keluarga": 1,
    }
    assert [r["jenis_kelamin"] for r in lake_rows(data_dir)] == ["L", "L"]
    warned = [(n["baris"], n["tingkat"], n["kolom"]) for n in notes(data_dir, s.batch)]
    assert warned == [(2, "peringatan", "jenis_kelamin"), (3, "peringatan", "tanggal_lahir")]


def test_import_json_reports_reasons_and_warnings_together(import_json, write_csv, data_dir):
    """The --json summary a script reads: counts, reasons and warnings of one batch."""
    header = f"{GOOD_HEADER},Jenis Kelamin"
    rows = [
        f"{GOOD_ROWS[0]},L",  # warning only
        f"{GOOD_ROWS[1]},L",
        "3575031234560003,357503450780002,Rina,Tapaan,Bugul Kidul,2,0,P",
    ]
    code, s = import_json(write_csv("ringkas.csv", [header, *rows]), data_dir)
    assert code == 0
    assert {k: s[k] for k in ("read", "accepted", "rejected")} == {
        "read": 3,
        "accepted": 2,
        "rejected": 1,
    }
    assert s["reasons"] == {"NIK kepala keluarga hanya 15 digit (digit ke-16 hilang)": 1}
    assert s["warnings"] == {"jenis kelamin tidak sesuai NIK kepala keluarga": 1}
    assert s["files"] == ["ringkas.csv"]

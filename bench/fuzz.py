"""Fuzz the importer (issue 5, part 4): no generated or mutated CSV/XLSX may crash it.

    python bench/fuzz.py --minutes 10 --write      # the recorded run (RESULTS.md section)
    python bench/fuzz.py --minutes 1 --crashes /tmp/fuzz-crashes

Each example is one file (random bytes, a random text table, a real seed file with bytes or
cells flipped, inserted or deleted, a generated workbook, a workbook with its XML mutated)
imported into a fresh copy of a small lake, through `pantau.ingest.import_files`, and for a
share of the examples through the CLI as well (in-process `main()`, and every Nth example in
a real subprocess). The invariants, `check_import` and `check_cli`, are shared with
tests/test_fuzz_import.py. A failure is shrunk by Hypothesis, its file saved, its signature
noted, and the run goes on tolerating that signature so that other bugs can still be found.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
import zipfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from pantau.contract import DATASETS  # noqa: E402
from pantau.errors import PantauError  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Fuzzing (issue 5, part 4)"
PERIODE = "2024-06"
HANG_SECONDS = 120

# --- seed files: small, valid, in the layouts of the real exports (synthetic people) ---------

SEEDS: dict[str, list[str]] = {
    "keluarga": [
        "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART,Pengeluaran,Penerima PKH",
        "3575031234560001,3575034507800002,Siti Aminah,Tapa'an,Bugul Kidul,4,Rp 1.250.000,Ya",
        "3575041234560002,3575041507800003,Budi Santoso,Trajeng,Panggungrejo,3,900000,Tidak",
        "3575011312144721,3575011306770053,SUTRISNO RAHMAN,Kel. Karangketug,Gadingrejo,5,1621000,Ya",
    ],
    "keluarga_dtsen": [
        "no_kk,nik,nama,id_jenis_kelamin,tgl_lahir,alamat,rt,rw,kode_desa,nama_kel,kecamatan,"
        "desil_nasional_keluarga,jml_art,kemiskinan_ekstrem,sumber,pekerjaan,sta_art_usaha,"
        "penghasilan_bulanan,pengeluaran_bulanan,pengeluaran_pangan,id_lantai_terluas,"
        "id_dinding_terluas,id_atap_terluas,id_sumber_airminum,id_sumberpenerangan,"
        "id_fasilitas_bab,pbi,pkh,bpnt",
        '3575011312144721,3575011306770053,SUTRISNO RAHMAN,1,1977-06-13,"Jl. Melati, No. 69",'
        "10,3,3575011001,Karangketug,Gadingrejo,3,4,0,DTSEN,Buruh Harian Lepas,0,1930000,2153000,"
        "1263000,9,4,5,2,1,2,1,0,1",
        '3575010203180333,3575016002520109,SUPARMI ZAHRO,2,1952-02-20,"Jl. Sumatera Gg. 8, No. 76",'
        "7,6,3575011001,Karangketug,Gadingrejo,4,3,0,DTSEN,Tidak Bekerja,0,1440000,1678000,817000,"
        "6,3,4,3,1,1,0,0,1",
    ],
    "verval": [
        "No,No KK,NIK,Nama Kepala Keluarga,Kelurahan,Kecamatan,Sumber Daftar,Tanggal Verval,"
        "Hasil Verval,Alasan Tidak Memenuhi,Petugas",
        "1,3575011311111659,3575013108450256,SUWITO GHOZALI,Karangketug,Gadingrejo,P3KE,"
        "09/01/2023,Tidak Layak,Sudah Mampu,Moch. Hidayat",
        "2,3575010912142473,3575011611550543,SUMARNO ASHARI,Karangketug,Gadingrejo,P3KE,"
        "09/01/2023,Layak,,Dwi Santoso",
    ],
    "penyaluran": [
        "No,No KK,NIK,Nama Penerima,Kelurahan,Jenis Bantuan,Tahap,Tanggal Salur,Nominal,"
        "Status Salur,Sumber Dana,Keterangan",
        "1,3575010308114312,3575015304890229,KASIATI AINI,KARANGKETUG,BANSOS APBD,Jul-Sep 2026,"
        "11/09/2026 0:00:00,600000,Tersalur,APBD Kota,",
        "2,3575011211168279,3575011308881949,KHOIRUL SANTOSO,Kel. Karangketug,BANSOS APBD,"
        "Jul-Sep 2026,11/09/2026 0:00:00,Rp 600.000,Tersalur,APBD Kota,",
    ],
    "kube": [
        "No;ID KUBE;Nama KUBE;Kelurahan;Kecamatan;Jenis Usaha;Tanggal Bentuk;Nama Anggota;Jabatan;"
        "No KK;NIK;Bantuan Modal;Omzet per Bulan;Status",
        "1;KB-001;KUBE Melati;Ngemplakrejo;Panggungrejo;Tambal Ban;08/03/2020;TUMINI KHASANAH;"
        "Ketua;3575040108165379;3575025606508301;Rp 15.000.000;0;Tidak Aktif",
        "2;KB-001;KUBE Melati;Ngemplakrejo;Panggungrejo;Tambal Ban;08/03/2020;SUNARSIH FITRIANI;"
        "Sekretaris;3575040906191212;3575045112755869;;;Tidak Aktif",
    ],
    "pemantauan": [
        "No KK,NIK,Nama Kepala Keluarga,Kelurahan,Tanggal Kunjungan,Jumlah Anggota Keluarga,"
        "Pendapatan per Bulan,Total Pengeluaran,Pengeluaran Makanan,Status Usaha,"
        "Status Kemiskinan,Petugas,Catatan",
        "3575010308114312,3575015304890229,KASIATI AINI,Kel. Karangketug,16/09/2026,3,900000,"
        "1010000,729000,Belum Ada,Masih Ekstrem,Siti Rahayu,",
        "3575010910153389,3575012703610866,ABDUL ANWAR,Karangketug,21/09/2026,3,1700000,1799000,"
        "1064000,Belum Ada,Keluar,Moch. Hidayat,Pengeluaran per kapita di atas garis",
    ],
}
SEED_JENIS = {k: k.split("_")[0] for k in SEEDS}
JENIS = [j for j in DATASETS if j in set(SEED_JENIS.values())]


def seed_rows(seed: str) -> list[list[str]]:
    lines = SEEDS[seed]
    delim = ";" if ";" in lines[0] else ","
    return [next(csv.reader([line], delimiter=delim)) for line in lines]


def seed_csv(seed: str) -> bytes:
    return ("\r\n".join(SEEDS[seed]) + "\r\n").encode("utf-8")


def typed(cell: str):
    """A seed cell as Excel would hold it: digits as numbers (a NIK loses its last digits)."""
    if re.fullmatch(r"-?\d{1,20}", cell):
        return int(cell) if len(cell) < 16 else float(cell)
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", cell)
    if m:
        return dt.datetime(int(m[3]), int(m[2]), int(m[1]))
    return cell


def seed_xlsx(seed: str, title_rows: int = 0, as_text: bool = False) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("Data")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    if title_rows:
        ws.write(0, 0, f"DATA {seed.upper()} KOTA PASURUAN (DATA CONTOH SINTETIS)")
    for r, row in enumerate(seed_rows(seed)):
        for c, cell in enumerate(row):
            value = cell if as_text or r == 0 else typed(cell)
            if isinstance(value, dt.datetime):
                ws.write_datetime(r + title_rows, c, value, date_fmt)
            else:
                ws.write(r + title_rows, c, value)
    wb.close()
    return buf.getvalue()


# --- values a cell may hold ------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "  ",
    "0",
    "-0",
    "-1",
    "007",
    "1e308",
    "-1e308",
    "1e-320",
    "9" * 40,
    "-" + "9" * 25,
    "NaN",
    "nan",
    "inf",
    "-inf",
    "Infinity",
    "1.7976931348623157e309",
    "0x1F",
    "1_000",
    "Rp -1.000",
    "Rp 1.000.000,50",
    "Rp.",
    "Rp",
    "1,234.56",
    "1.234,56",
    "1.2.3.4",
    "12,5%",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "99999999999999999999999",
    "=1+1",
    "=SUM(A1:A9)",
    "@SUM(1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    '=HYPERLINK("http://x")',
    "'3575011306770053",
    "3575011306770053",
    "3.57501E+15",
    "3,57501E+15",
    "357501130677005",
    "35750113067700531",
    "0000000000000000",
    "3575014505800002 ",
    "３５７５０１",
    "Ya",
    "Tidak",
    "ya ",
    "TRUE",
    "1",
    "2",
    "L",
    "P",
    "Laki-laki",
    "Perempuan",
    "X",
    "31/02/2023",
    "2023-02-29",
    "00/00/0000",
    "99/99/9999",
    "1900-01-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-0001-01-01",
    "45000",
    "-45000",
    "2958466",
    "13-06-1977",
    "2026-09-11 0:00:00",
    "11/09/2026 0:00:00",
    "2023-13-45T99:99:99",
    "Jul-Sep 2026",
    "Kel. Karangketug",
    "KARANGKETUG",
    "Tapa'an",
    "Tapa’an",
    "Gadingrejo",
    "Bugul Kidul",
    "35.75.01.1001",
    "3575011001",
    "35.75.99.9999",
    "35.75.01",
    "JUMLAH",
    "Total",
    "GRAND TOTAL",
    '"',
    '""',
    "'",
    ",",
    ";",
    "\t",
    "|",
    "\n",
    "\r\n",
    "\r",
    "\x00",
    "\x1f",
    "\x7f",
    "\\",
    "\\N",
    "%s",
    "%d",
    "{}",
    "${x}",
    "');DROP TABLE x;--",
    "' OR '1'='1",
    "ĐŠ",
    "😀",
    "\u202e",
    "\ufeff",
    "\u00a0",
    "\u2028",
    "NULL",
    "None",
    "null",
    "—",
    "x" * 3000,
    "BANSOS APBD",
    "PKH",
    "Sembako Daerah",
    "Tersalur",
    "Gagal",
    "APBD Kota",
    "Memenuhi",
    "Tidak Layak",
    "Sudah Mampu",
    "Masih Ekstrem",
    "KB-001",
    "Belum Ada",
    "DTSEN",
    "P3KE",
    "Padan",
    "11",
]

cell_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=30),
    st.from_regex(r"-?[0-9]{1,20}([.,][0-9]{1,6})?", fullmatch=True),
    st.from_regex(r"357[0-9]{13}", fullmatch=True),
    st.from_regex(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{2,5}", fullmatch=True),
)


def header_pool(jenis: str) -> list[str]:
    ds = DATASETS[jenis]
    names = [a for f in ds.fields for a in (f.name, *f.aliases)]
    return names + ["No", "Penerima PKH", "PBI", "Keterangan", "", " ", "Nama", "NIK", "Status"]


# --- case strategies ---------------------------------------------------------------------------


@dataclass
class Case:
    kind: str
    jenis: str
    name: str
    data: bytes
    via_cli: bool = False

    def __repr__(self) -> str:
        return (
            f"Case(kind={self.kind!r}, jenis={self.jenis!r}, name={self.name!r}, "
            f"via_cli={self.via_cli}, data={self.data[:2000]!r}{'…' if len(self.data) > 2000 else ''})"
        )


NAMES = [
    "ekspor.csv",
    "ekspor.xlsx",
    "data ekspor (1).csv",
    "dât'a;x.csv",
    "tanpa_ekstensi",
    "x.txt",
]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1", "gbk"]
MUTATION_TOKENS = [
    b'"',
    b"'",
    b",",
    b";",
    b"\t",
    b"|",
    b"\n",
    b"\r",
    b"\r\n",
    b"\x00",
    b"\xff",
    b"\xfe",
    b"\x81",
    b"\x8d",
    b"\xc3",
    b"\xef\xbb\xbf",
    b"\xe2\x80",
    b"JUMLAH",
    b"=1/0",
    b"9" * 30,
    b"-",
    b"e308",
    b"NaN",
    b"",
]

mutation = st.tuples(
    st.sampled_from(["flip", "insert", "delete", "duplicate", "token"]),
    st.floats(0, 1),
    st.integers(1, 64),
    st.sampled_from(MUTATION_TOKENS) | st.binary(min_size=1, max_size=8),
)


def mutate(data: bytes, mutations) -> bytes:
    buf = bytearray(data)
    for op, where, n, token in mutations:
        if not buf:
            buf += token
            continue
        i = min(int(where * len(buf)), len(buf) - 1)
        if op == "flip":
            buf[i] ^= 1 << (n % 8)
        elif op == "insert":
            buf[i:i] = token * (n % 4 + 1)
        elif op == "delete":
            del buf[i : i + n]
        elif op == "duplicate":
            buf[i:i] = buf[i : i + n]
        else:
            buf[i : i + len(token)] = token
    return bytes(buf)


@st.composite
def text_table(draw) -> Case:
    """A random table of nasty cells under a header of real and odd column names."""
    jenis = draw(st.sampled_from(JENIS))
    pool = header_pool(jenis)
    headers = draw(st.lists(st.sampled_from(pool) | cell_text, min_size=1, max_size=14))
    if draw(st.booleans()):  # a duplicate header
        headers.append(draw(st.sampled_from(headers)))
    width = len(headers)
    ragged = draw(st.booleans())
    rows = draw(
        st.lists(
            st.lists(
                cell_text,
                min_size=max(0, width - 2) if ragged else width,
                max_size=width + 2 if ragged else width,
            ),
            max_size=12,
        )
    )
    repeat = draw(st.sampled_from([1, 1, 1, 50, 800]))
    rows = rows * repeat
    delim = draw(st.sampled_from([",", ";", "\t", "|", ":", " "]))
    quoting = draw(st.sampled_from(["minimal", "all", "none", "raw"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    out = io.StringIO()
    if draw(st.booleans()):
        out.write(f"DATA {jenis.upper()} KOTA PASURUAN{newline}{delim * 3}{newline}")
    table = [headers, *rows]
    if draw(st.booleans()):
        table.append(["JUMLAH", *[str(len(rows))] * draw(st.integers(0, width))])
    if quoting == "raw":  # no quoting at all: delimiters and quotes inside cells break rows
        out.write(newline.join(delim.join(r) for r in table) + newline)
    else:
        mode = {"minimal": csv.QUOTE_MINIMAL, "all": csv.QUOTE_ALL, "none": csv.QUOTE_NONE}
        writer = csv.writer(
            out, delimiter=delim, quoting=mode[quoting], escapechar="\\", lineterminator=newline
        )
        for r in table:
            try:
                writer.writerow(r)
            except csv.Error:
                out.write(delim.join(r) + newline)
    encoding = draw(st.sampled_from(ENCODINGS))
    data = out.getvalue().encode(encoding, errors="replace")
    name = draw(st.sampled_from(NAMES))
    return Case("text_table", jenis, name, data, draw(st.booleans()))


@st.composite
def mutated_csv(draw) -> Case:
    seed = draw(st.sampled_from(sorted(SEEDS)))
    base = seed_csv(seed)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-16", "cp1252"]))
    if encoding != "utf-8":
        base = base.decode("utf-8").encode(encoding, errors="replace")
    data = mutate(base, draw(st.lists(mutation, min_size=1, max_size=10)))
    return Case("mutated_csv", SEED_JENIS[seed], "ekspor.csv", data, draw(st.booleans()))


@st.composite
def mutated_cells(draw) -> Case:
    """A seed table with cells replaced, columns dropped or doubled, rows repeated."""
    seed = draw(st.sampled_from(sorted(SEEDS)))
    rows = [list(r) for r in seed_rows(seed)]
    for _ in range(draw(st.integers(1, 8))):
        r = draw(st.integers(0, len(rows) - 1))
        c = draw(st.integers(0, len(rows[0]) - 1))
        op = draw(st.sampled_from(["set", "set", "set", "drop_col", "dup_col", "dup_row", "blank"]))
        if op == "set":
            rows[r][c] = draw(cell_text)
        elif op == "drop_col":
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif op == "dup_col":
            rows = [row[: c + 1] + row[c : c + 1] + row[c + 1 :] for row in rows]
        elif op == "dup_row":
            rows.insert(r, list(rows[r]))
        else:
            rows.insert(r, [""] * len(rows[0]))
        if not rows or not rows[0]:
            rows = [["No KK"]]
    as_xlsx = draw(st.booleans())
    if as_xlsx:
        data = table_xlsx([[typed(c) if draw(st.booleans()) else c for c in row] for row in rows])
        return Case(
            "mutated_cells_xlsx", SEED_JENIS[seed], "ekspor.xlsx", data, draw(st.booleans())
        )
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return Case(
        "mutated_cells_csv",
        SEED_JENIS[seed],
        "ekspor.csv",
        out.getvalue().encode(),
        draw(st.booleans()),
    )


XLSX_VALUES = st.one_of(
    cell_text,
    st.integers(-(10**20), 10**20),
    st.sampled_from([0, -1, 3575011306770053, 2**31, 2**53 + 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([float("nan"), float("inf"), -0.0, 1e308, 3.575011306770053e15, 45000.5]),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.sampled_from(["=1/0", "=A1", "=NA()", '="x"&"y"', "=B2+1", "=SUM(A:A)", "=1E308*10"]).map(
        lambda f: ("formula", f)
    ),
    st.none(),
)


def table_xlsx(rows, merges=(), sheets: int = 1, offset: int = 0) -> bytes:
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(
        buf,
        {
            "in_memory": True,
            "nan_inf_to_errors": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    for s in range(sheets):
        ws = wb.add_worksheet(f"Lembar{s + 1}")
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, tuple):
                    ws.write_formula(r + offset, c, v[1])
                elif isinstance(v, dt.datetime):
                    ws.write_datetime(r + offset, c, v, date_fmt)
                elif v is not None:
                    ws.write(r + offset, c, v)
        for r1, c1, r2, c2 in merges:
            with contextlib.suppress(Exception):
                ws.merge_range(r1, c1, r2, c2, None)
    wb.close()
    return buf.getvalue()


@st.composite
def xlsx_table(draw) -> Case:
    """A generated workbook: odd types, formulas, errors, merged and empty columns."""
    jenis = draw(st.sampled_from(JENIS))
    headers = draw(
        st.lists(st.sampled_from(header_pool(jenis)) | cell_text, min_size=1, max_size=12)
    )
    if draw(st.booleans()):
        at = draw(st.integers(0, len(headers)))
        headers[at:at] = [None] * draw(st.integers(1, 3))  # empty columns inside the header
    width = len(headers)
    rows = draw(st.lists(st.lists(XLSX_VALUES, min_size=0, max_size=width + 2), max_size=10))
    rows = rows * draw(st.sampled_from([1, 1, 30]))
    merges = draw(
        st.lists(
            st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 8), st.integers(0, 8)),
            max_size=3,
        )
    )
    merges = [
        (a, b, max(a, c), max(b, d)) for a, b, c, d in merges if (a, b) != (max(a, c), max(b, d))
    ]
    try:
        data = table_xlsx(
            [headers, *rows], merges, draw(st.integers(1, 3)), draw(st.integers(0, 35))
        )
    except Exception:  # a value xlsxwriter itself refuses to write: not an input we can make
        assume(False)
    return Case(
        "xlsx_table",
        jenis,
        draw(st.sampled_from(["ekspor.xlsx", "ekspor.csv"])),
        data,
        draw(st.booleans()),
    )


XML_TOKENS = [
    b'<c r="A1"',
    b' t="s"',
    b' t="n"',
    b' t="b"',
    b' t="e"',
    b' t="str"',
    b' t="d"',
    b' t="inlineStr"',
    b"<v>999999</v>",
    b"<v>-1</v>",
    b"<v>x</v>",
    b"<v>1e999</v>",
    b'<c r="XFD1048576"><v>1</v></c>',
    b'<c r="A0"><v>1</v></c>',
    b"<row>",
    b"</row>",
    b"&amp;",
    b"&#0;",
    b"&bogus;",
    b"<![CDATA[",
    b'<?xml version="1.0"?>',
    b"\xff",
    b"",
]


@st.composite
def mutated_xlsx(draw) -> Case:
    """A seed workbook with its bytes mutated, or one member's XML mutated and re-zipped."""
    seed = draw(st.sampled_from(sorted(SEEDS)))
    base = seed_xlsx(seed, title_rows=draw(st.sampled_from([0, 2])), as_text=draw(st.booleans()))
    if draw(st.booleans()):
        data = mutate(base, draw(st.lists(mutation, min_size=1, max_size=6)))
        return Case(
            "mutated_xlsx_bytes", SEED_JENIS[seed], "ekspor.xlsx", data, draw(st.booleans())
        )
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        members = {i.filename: zf.read(i) for i in zf.infolist()}
    names = sorted(members)
    target = draw(st.sampled_from([n for n in names if n.endswith(".xml")] or names))
    xml_mutation = st.tuples(
        st.sampled_from(["flip", "insert", "delete", "duplicate", "token"]),
        st.floats(0, 1),
        st.integers(1, 200),
        st.sampled_from(XML_TOKENS),
    )
    members[target] = mutate(members[target], draw(st.lists(xml_mutation, min_size=1, max_size=6)))
    if draw(st.booleans()) and len(names) > 2:  # drop a member
        members.pop(draw(st.sampled_from([n for n in names if n != "xl/workbook.xml"])), None)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return Case(
        "mutated_xlsx_xml", SEED_JENIS[seed], "ekspor.xlsx", buf.getvalue(), draw(st.booleans())
    )


@st.composite
def raw_bytes(draw) -> Case:
    prefix = draw(
        st.sampled_from(
            [
                b"",
                b"",
                b"PK\x03\x04",
                b"\xd0\xcf\x11\xe0",
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"\xfe\xff",
                b"No KK,NIK\n",
            ]
        )
    )
    data = prefix + draw(st.binary(max_size=3000))
    return Case(
        "raw_bytes",
        draw(st.sampled_from(JENIS)),
        draw(st.sampled_from(NAMES)),
        data,
        draw(st.booleans()),
    )


def cases():
    return st.one_of(
        text_table(), mutated_csv(), mutated_cells(), xlsx_table(), mutated_xlsx(), raw_bytes()
    )


# --- the lake each example starts from ---------------------------------------------------------


def build_template(path: Path) -> Path:
    """A small lake with one accepted keluarga batch, so 'unchanged' has something to keep."""
    from pantau.ingest import import_files

    path.mkdir(parents=True, exist_ok=True)
    src = path / "seed.csv"
    src.write_bytes(seed_csv("keluarga"))
    summary = import_files([src], "keluarga", PERIODE, path / "data")
    assert summary.accepted == 3, summary.reasons
    src.unlink()
    return path / "data"


def lake_state(data: Path) -> tuple[str, bytes, list[str]]:
    """The status JSON `status --json` prints, the manifest bytes, and the lake's file list."""
    from pantau.lake import Lake

    status = json.dumps(Lake(data).status(), ensure_ascii=False)
    manifest = Lake(data).manifest_path
    files = sorted(
        p.relative_to(data).as_posix()
        for sub in ("lake", "rejects")
        for p in (data / sub).rglob("*")
        if p.is_file() and p.name != ".lock"
    )
    return status, manifest.read_bytes() if manifest.exists() else b"", files


def one_sentence(message: str) -> bool:
    """One line, ending in a full stop, no second sentence, no traceback."""
    return (
        bool(message.strip())
        and "\n" not in message
        and "\r" not in message
        and message.endswith(".")
        and "Traceback" not in message
        and len(message) <= 600
        and not re.search(r"\. [A-Z][a-z]", message)
    )


def quotes_identifier(message: str) -> bool:
    """A NIK or No KK (16 digits) in a message: the message quotes a row of personal data."""
    return bool(re.search(r"(?<!\d)\d{16}(?!\d)", message))


class InvariantBroken(AssertionError):
    """An importer invariant failed (not a crash: the lake, the message or the counts)."""


def expect(ok: bool, what: str) -> None:
    if not ok:
        raise InvariantBroken(what)


def check_import(path: Path, jenis: str, data: Path, periode: str = PERIODE) -> str:
    """Import through `import_files`: a PantauError with one sentence and the lake unchanged,
    or a batch whose counts add up. Any other exception escapes (a crash). Returns the outcome."""
    from pantau.ingest import import_files
    from pantau.lake import Lake

    before = lake_state(data)
    try:
        summary = import_files([path], jenis, periode, data)
    except PantauError as err:
        expect(one_sentence(str(err)), f"message is not one sentence: {str(err)!r}")
        expect(not quotes_identifier(str(err)), f"message quotes an identifier: {str(err)!r}")
        expect(lake_state(data) == before, f"lake changed by a refused import ({err})")
        return "refused"
    expect(
        summary.accepted + summary.rejected == summary.read,
        f"accepted {summary.accepted} + rejected {summary.rejected} != read {summary.read}",
    )
    entry = Lake(data).status()["datasets"][jenis][periode]
    expect(entry["current"] == summary.batch, "the new batch is not current")
    expect(entry["rows"] == summary.accepted, "manifest rows differ from accepted")
    expect(
        _parquet_rows(Lake(data).batch_path(jenis, periode, summary.batch)) == summary.accepted,
        "the batch file does not hold the accepted rows",
    )
    return "imported"


def _parquet_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def check_cli(
    path: Path, jenis: str, data: Path, periode: str = PERIODE, subprocess_run: bool = False
) -> str:
    """Import through the CLI: exit 0 (counts add up) or 2 (one sentence, lake unchanged);
    never a traceback, never exit 3. In-process `main()` unless `subprocess_run`."""
    before = lake_state(data)
    args = [
        "--data",
        str(data),
        "import",
        str(path),
        "--jenis",
        jenis,
        "--periode",
        periode,
        "--json",
    ]
    if subprocess_run:
        status_before = _status_cli(data)
        expect(status_before == before[0], "status --json differs from Lake.status()")
        env = {k: v for k, v in os.environ.items() if k != "PANTAU_DEBUG"}
        proc = subprocess.run(
            [sys.executable, "-m", "pantau", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=HANG_SECONDS,
        )
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    else:
        code, out, err = _main(args)
    expect("Traceback" not in err, f"traceback on stderr ({_last_exception(err)}): {err[-800:]}")
    if code == 3:
        # An unexpected error: run it again with PANTAU_DEBUG so the real exception escapes
        # (and the failure is filed under where it was raised).
        expect(lake_state(data) == before, f"lake changed by a crashed CLI import ({err.strip()})")
        _main(args, debug=True)
    expect(code in (0, 2), f"CLI exit {code}: {_error_type(err)} {err.strip()[:400]}")
    if code == 2:
        lines = err.splitlines()
        expect(len(lines) == 1 and lines[0].startswith("Error: "), f"stderr not one line: {err!r}")
        expect(one_sentence(lines[0].removeprefix("Error: ")), f"not one sentence: {err!r}")
        expect(not quotes_identifier(err), f"message quotes an identifier: {err!r}")
        expect(lake_state(data) == before, f"lake changed by a refused CLI import ({err.strip()})")
        if subprocess_run:
            expect(_status_cli(data) == status_before, "status --json changed by a refused import")
        return "refused"
    summary = json.loads(out)
    expect(summary["accepted"] + summary["rejected"] == summary["read"], f"counts: {summary}")
    return "imported"


def _main(args: list[str], debug: bool = False) -> tuple[int, str, str]:
    """The CLI's main() in-process: (exit code, stdout, stderr)."""
    from pantau.cli import main

    o, e = io.StringIO(), io.StringIO()
    saved = os.environ.pop("PANTAU_DEBUG", None)
    if debug:
        os.environ["PANTAU_DEBUG"] = "1"
    try:
        with contextlib.redirect_stdout(o), contextlib.redirect_stderr(e):
            code = main(args)
    finally:
        os.environ.pop("PANTAU_DEBUG", None)
        if saved is not None:
            os.environ["PANTAU_DEBUG"] = saved
    return code, o.getvalue(), e.getvalue()


def _last_exception(stderr: str) -> str:
    found = re.findall(r"^(\w+(?:Error|Exception)): ", stderr, re.M)
    return f"{found[-1]}: " if found else "?: "


def _error_type(stderr: str) -> str:
    m = re.search(r"\((\w+): ", stderr)
    return f"({m[1]})" if m else ""


def _status_cli(data: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), "status", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.stdout.strip()


# --- signatures: one per distinct bug ------------------------------------------------------------


def signature(err: BaseException) -> str:
    """The exception type and the innermost frame in pantau/ (an invariant: its first words)."""
    if isinstance(err, InvariantBroken):
        words = re.split(r"[\d'\"(:\n]", str(err), maxsplit=1)[0].strip()
        return f"invariant: {words[:60]} {_error_type(str(err))}".strip()
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/pantau/" in f.filename]
    where = f"{Path(frames[-1].filename).relative_to(ROOT)}:{frames[-1].name}" if frames else "?"
    return f"{type(err).__name__} at {where}"


class Hang(Exception):
    pass


def _alarm(_sig, _frame):
    raise Hang(f"one import took more than {HANG_SECONDS} s")


# --- the run ---------------------------------------------------------------------------------------


class Fuzzer:
    def __init__(
        self, work: Path, crashes: Path, subprocess_every: int, tolerate: set[str] | None = None
    ):
        self.work = work
        self.template = build_template(work / "template")
        self.crashes = crashes
        self.subprocess_every = subprocess_every
        self.known: dict[str, dict] = {}
        self.tolerate = set(tolerate or ())
        self.n = 0
        self.outcomes: dict[str, int] = {}
        self.kinds: dict[str, int] = {}
        self.slowest = (0.0, "")
        self.last: tuple[Case, BaseException] | None = None

    def one(self, case: Case) -> None:
        self.n += 1
        self.kinds[case.kind] = self.kinds.get(case.kind, 0) + 1
        ex = self.work / "ex"
        shutil.rmtree(ex, ignore_errors=True)
        shutil.copytree(self.template, ex / "data")
        path = ex / case.name
        path.write_bytes(case.data)
        t = time.perf_counter()
        signal.signal(signal.SIGALRM, _alarm)
        signal.alarm(HANG_SECONDS)
        try:
            if self.subprocess_every and self.n % self.subprocess_every == 0:
                outcome = "cli-subprocess " + check_cli(
                    path, case.jenis, ex / "data", subprocess_run=True
                )
            elif case.via_cli:
                outcome = "cli " + check_cli(path, case.jenis, ex / "data")
            else:
                outcome = check_import(path, case.jenis, ex / "data")
        except Exception as err:
            sig = signature(err)
            if sig in self.known or sig in self.tolerate:
                entry = self.known.setdefault(sig, {"hits": 0})
                entry["hits"] += 1
                outcome = "known bug"
            else:
                self.last = (case, err)
                raise
        finally:
            signal.alarm(0)
        took = time.perf_counter() - t
        if took > self.slowest[0]:
            self.slowest = (took, f"{case.kind} {len(case.data)} B")
        self.outcomes[outcome] = self.outcomes.get(outcome, 0) + 1

    def record(self, err: BaseException) -> dict:
        case, raised = self.last if self.last and self.last[1] is err else (None, err)
        self.last = None
        sig = signature(raised)
        if sig in self.known:  # found again (e.g. while shrinking another failure)
            self.known[sig]["hits"] = self.known[sig].get("hits", 0) + 1
            return self.known[sig]
        digest = hashlib.sha1(case.data if case else b"").hexdigest()[:10]
        self.crashes.mkdir(parents=True, exist_ok=True)
        ext = Path(case.name).suffix or ".bin" if case else ".bin"
        repro = self.crashes / f"{digest}{ext}"
        if case:
            repro.write_bytes(case.data)
        info = {
            "signature": sig,
            "error": f"{type(raised).__name__}: {str(raised)[:300]}",
            "kind": case.kind if case else "?",
            "jenis": case.jenis if case else "?",
            "via_cli": case.via_cli if case else None,
            "file": str(repro),
            "size": len(case.data) if case else 0,
            "traceback": "".join(traceback.format_exception(raised))[-3000:],
            "hits": 1,
            "found_after_s": None,
        }
        self.known[sig] = info
        return info


def run(
    minutes: float, work: Path, crashes: Path, batch: int, subprocess_every: int, seed: int | None
):
    fz = Fuzzer(work, crashes, subprocess_every)
    start = time.time()
    stop = start + minutes * 60
    round_ = 0
    while time.time() < stop:
        round_ += 1

        @settings(
            max_examples=batch,
            deadline=None,
            database=None,
            derandomize=False,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.generate, Phase.shrink],
        )
        @given(case=cases())
        def fuzz(case):
            if time.time() > stop + 300:  # shrinking past the budget: stop quietly
                return
            fz.one(case)

        if seed is not None:
            from hypothesis import seed as hseed

            fuzz = hseed(seed + round_)(fuzz)
        try:
            fuzz()
        except Exception as err:
            info = fz.record(err)
            info.setdefault("found_after_s", None)
            info["found_after_s"] = info["found_after_s"] or round(time.time() - start, 1)
            print(
                f"[{time.time() - start:6.0f} s] FOUND {info['signature']} ({info.get('kind')}, "
                f"{info.get('size')} B, raised {type(err).__name__}) -> {info.get('file')}",
                flush=True,
            )
        print(
            f"[{time.time() - start:6.0f} s] round {round_}: {fz.n} examples, "
            f"{len(fz.known)} distinct failures",
            flush=True,
        )
    return fz, time.time() - start


def write_section(fz: Fuzzer, seconds: float, args) -> str:
    lines = [
        SECTION,
        "",
        f"Run {dt.datetime.now().isoformat(timespec='minutes')} by `python bench/fuzz.py "
        f"--minutes {args.minutes:g}` on {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores; Python {platform.python_version()}, Hypothesis "
        f"{__import__('hypothesis').__version__}. Load average at the end: "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (shared machine).",
        "",
        f"- Duration **{seconds / 60:.1f} min**, **{_n(fz.n)} examples** (each a fresh copy of a "
        f"small lake), in rounds of {args.batch} Hypothesis examples; every "
        f"{args.subprocess_every}th through a real `python -m pantau import` subprocess, about "
        "half of the others through the CLI's `main()` in-process, the rest through "
        "`import_files`.",
        f"- Inputs: {', '.join(f'{k} {_n(v)}' for k, v in sorted(fz.kinds.items()))}.",
        f"- Outcomes: {', '.join(f'{k} {_n(v)}' for k, v in sorted(fz.outcomes.items()))}.",
        f"- Slowest example: {fz.slowest[0]:.1f} s ({fz.slowest[1]}).",
        f"- Distinct failures found: **{len(fz.known)}**"
        + (":" if fz.known else " (no crash, no broken invariant)."),
    ]
    for sig, info in fz.known.items():
        lines.append(
            f"  - `{sig}` — {info.get('error', '')[:200]} (first after {info.get('found_after_s')} s, "
            f"{info.get('kind')}, hit {info.get('hits', 1)}×; kept as a regression test in "
            "tests/test_fuzz_import.py)"
        )
    lines += [
        "",
        "Invariants checked on every example: only `PantauError` escapes `import_files`, its "
        "message one line ending in a full stop with no second sentence and no 16-digit "
        "identifier (NIK, No KK) quoted from the file; a refused import leaves "
        "the status JSON, the manifest bytes and the list of files under lake/ and rejects/ "
        "identical; an accepted one is the current batch and accepted + rejected == read, the "
        "batch file holding exactly the accepted rows; the CLI exits 0 or 2 with no traceback, "
        "one `Error:` line on 2.",
        "",
    ]
    return "\n".join(lines)


def _n(v: int) -> str:
    return f"{v:,}".replace(",", ".")


def replace_section(text: str, section: str) -> str:
    start = text.find(SECTION)
    if start < 0:
        return text.rstrip("\n") + "\n\n" + section
    nxt = text.find("\n## ", start + len(SECTION))
    return text[:start] + section + ("\n" + text[nxt + 1 :] if nxt >= 0 else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--batch", type=int, default=300, help="Hypothesis examples per round")
    ap.add_argument("--subprocess-every", type=int, default=50)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--crashes", type=Path, default=Path(tempfile.gettempdir()) / "fuzz-crashes")
    ap.add_argument("--write", action="store_true", help="record the run in bench/RESULTS.md")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="pantau-fuzz-") as tmp:
        fz, seconds = run(
            args.minutes, Path(tmp), args.crashes, args.batch, args.subprocess_every, args.seed
        )
    report = {k: {kk: vv for kk, vv in v.items()} for k, v in fz.known.items()}
    (args.crashes).mkdir(parents=True, exist_ok=True)
    (args.crashes / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    section = write_section(fz, seconds, args)
    print(section)
    for sig, info in fz.known.items():
        print(f"\n=== {sig}\n{info.get('traceback', '')}")
    if args.write:
        RESULTS.write_text(
            replace_section(RESULTS.read_text(encoding="utf-8"), section), encoding="utf-8"
        )


if __name__ == "__main__":
    main()

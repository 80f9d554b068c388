"""The audit log and every CSV/XLSX the app writes keep formula-looking text as text.

A user name typed at the login form reaches the audit log; the Data page shows the log to the
Kepala and offers it as CSV. A spreadsheet opening that file must not run `=cmd|'/c calc'!A1`.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pandas as pd
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from pantau import audit, export
from tests.lakes import ROOT, build_lake, keluarga_rows, open_page

# OWASP's formula starts, a tab and a carriage return, and the same after leading blanks.
FORMULAS = [
    "=cmd|'/c calc'!A1",
    "+1",
    "-1",
    "@x",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\n@SUM(A1)",
]


@pytest.fixture
def lake(tmp_path):
    return build_lake(tmp_path / "data", {"keluarga": {"2026-03": keluarga_rows([{}])}})


@pytest.fixture
def builders(monkeypatch):
    """The on-click builders pages register with Streamlit's media manager, by file name."""
    seen: dict = {}
    add_deferred = MediaFileManager.add_deferred

    def spy(self, fn, mimetype, coordinates, file_name=None, **kw):
        seen[file_name] = fn
        return add_deferred(self, fn, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen


def type_user_name_at_login(lake, monkeypatch, name: str) -> None:
    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.text_input(key="login_user").input(name)
    at.text_input(key="login_password").input("salah")
    at.button[0].click()
    at.run()
    assert "role" not in at.session_state


def test_the_audit_log_csv_keeps_a_typed_user_name_as_text(lake, monkeypatch, builders):
    type_user_name_at_login(lake, monkeypatch, FORMULAS[0])
    for name in FORMULAS[1:]:  # the login form strips blanks; the log takes any name
        audit.record(lake, name, "login_gagal")
    at = open_page(lake, monkeypatch, "pages/data.py", role="kepala")
    assert "Log audit" in [s.value for s in at.subheader]
    assert at.download_button(key="dl_audit").proto.url == ""  # made on the click only
    data = builders["log_audit.csv"]()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    typed = [r["pengguna"] for r in rows if r["aksi"] == "login_gagal"]
    assert sorted(typed) == sorted("'" + n for n in FORMULAS)
    lines = [json.loads(x) for x in audit.log_path(lake).read_text().splitlines()]
    [export_line] = [e for e in lines if e["aksi"] == "ekspor"]
    assert export_line["pengguna"] == "kabid"
    assert export_line["rincian"] == {
        "berkas": "log_audit.csv",
        "baris": len(FORMULAS) + 0,
        "peran": "kepala",
    }


def test_an_operator_gets_no_audit_log(lake, monkeypatch, builders):
    at = open_page(lake, monkeypatch, "pages/data.py", role="operator")
    assert "Log audit" not in [s.value for s in at.subheader]
    assert "log_audit.csv" not in builders


def test_every_formula_start_is_defused_in_csv_and_xlsx():
    df = pd.DataFrame(
        {
            "teks": FORMULAS,
            "kategori": pd.Categorical(FORMULAS),
            "string": pd.array(FORMULAS, dtype="string"),
            "angka": range(-4, 4),  # numbers stay numbers, the negative ones too
        }
    ).rename(columns={"teks": "=HYPERLINK(1)"})
    want = ["'" + v for v in FORMULAS]
    rows = list(csv.reader(io.StringIO(export.csv_bytes(df).decode("utf-8-sig"), newline="")))
    assert rows[0] == ["'=HYPERLINK(1)", "kategori", "string", "angka"]
    assert [r[0] for r in rows[1:]] == want
    assert [r[1] for r in rows[1:]] == want
    assert [r[2] for r in rows[1:]] == want
    assert [r[3] for r in rows[1:]] == [str(i) for i in range(-4, 4)]
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes({"t": df}))).active
    # OOXML stores a CR as the escape _x000D_ (Excel reads it back as CR; openpyxl does not).
    cells = [
        tuple(v.replace("_x000D_", "\r") if isinstance(v, str) else v for v in row)
        for row in ws.iter_rows(values_only=True)
    ]
    assert cells[0][0] == "'=HYPERLINK(1)"
    assert [c[:3] for c in cells[1:]] == [(w, w, w) for w in want]
    assert [c[3] for c in cells[1:]] == list(range(-4, 4))
    # Nothing in the workbook is stored as a formula.
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_plain_text_is_left_alone():
    df = pd.DataFrame({"nama": ["Siti Aminah", "NUR’AINI", "a=b", "1-2", ""]})
    rows = list(csv.reader(io.StringIO(export.csv_bytes(df).decode("utf-8-sig"), newline="")))
    assert [r[0] for r in rows[1:]] == ["Siti Aminah", "NUR’AINI", "a=b", "1-2", ""]


def test_a_name_with_a_unicode_line_break_keeps_its_audit_line(tmp_path):
    for name in ["a\u2028b", "c\x85d", "e\x1cf", "biasa"]:
        audit.record(tmp_path, name, "login_gagal")
    log = audit.read(tmp_path)
    assert list(log["pengguna"]) == ["biasa", "e\x1cf", "c\x85d", "a\u2028b"]

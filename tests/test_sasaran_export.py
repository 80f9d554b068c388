"""The named list leaves only through the audited door (issue 10, section 3).

The page runs in AppTest on a small lake whose names are formulas. Streamlit's media manager
is watched: which files the page hands to it (an eager download is a /media URL anyone with the
link can fetch) and which builders it registers to run on a click.
"""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager

from pantau import audit, export
from tests.lakes import ROOT, build_lake, keluarga_rows, kk, nik, open_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HOSTILE = ["=cmd|'/c calc'!A1", "+1 Kepala", "-1 Kepala", "@x Kepala"]


@pytest.fixture
def lake(tmp_path):
    rows = keluarga_rows(
        [{"nama_kepala": n, "alamat": f"Jl. Mawar {i}"} for i, n in enumerate(HOSTILE)]
    )
    return build_lake(tmp_path / "data", {"keluarga": {"2026-03": rows}})


@pytest.fixture
def media(monkeypatch):
    """What pages give Streamlit's media manager: eager files and on-click builders."""
    seen = {"files": [], "builders": []}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def spy_add(self, data, mimetype, coordinates, file_name=None, **kw):
        seen["files"].append((file_name, mimetype, data))
        return add(self, data, mimetype, coordinates, file_name=file_name, **kw)

    def spy_deferred(self, fn, mimetype, coordinates, file_name=None, **kw):
        seen["builders"].append((file_name, mimetype, fn))
        return add_deferred(self, fn, mimetype, coordinates, file_name=file_name, **kw)

    monkeypatch.setattr(MediaFileManager, "add", spy_add)
    monkeypatch.setattr(MediaFileManager, "add_deferred", spy_deferred)
    return seen


def audit_lines(data_dir, action: str) -> list[dict]:
    path = audit.log_path(data_dir)
    if not path.exists():
        return []
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [e for e in lines if e["aksi"] == action]


def sheet_rows(data: bytes) -> list[tuple]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return list(ws.iter_rows(values_only=True))


def test_the_named_list_xlsx_is_not_built_before_the_click(lake, monkeypatch, media):
    at = open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    assert [t.value for t in at.title] == ["Daftar sasaran"]
    # No XLSX of the list exists on the server before a click, so no /media URL to fetch.
    assert [f for f in media["files"] if f[1] == XLSX] == []
    button = at.download_button(key="dl_sasaran")
    assert button.proto.url == "" and button.proto.deferred_file_id
    # (the landing page's PowerPoint button is deferred too; only the list's matter here)
    assert [(name, mime) for name, mime, _ in media["builders"] if mime == XLSX] == [
        ("daftar_sasaran_2026-03.xlsx", XLSX)
    ]
    assert audit_lines(lake, "ekspor") == []


def test_each_click_builds_the_list_and_writes_one_truthful_audit_line(lake, monkeypatch, media):
    at = open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    assert not any("disamarkan" in c.value for c in at.caption)
    (_, _, build) = media["builders"][-1]
    rows = sheet_rows(build())
    header, body = rows[0], rows[1:]
    names = {r[header.index("nama_kepala")] for r in body}
    # Every formula-looking name stays text: an apostrophe in front.
    assert names == {"'" + n for n in HOSTILE}
    assert {r[header.index("nik_kepala")] for r in body} == {nik(i) for i in range(4)}
    [line] = audit_lines(lake, "ekspor")
    assert line["pengguna"] == "kabid"
    details = line["rincian"]
    assert details["peran"] == "kepala"
    assert details["baris"] == 4
    assert details["berkas"] == "daftar_sasaran_2026-03.xlsx"
    assert details["filter"]["periode"] == "2026-03"
    assert details["filter"]["hanya_ekstrem"] is True
    # A Kepala's file holds whole NIKs: the line says so (it said "samaran": true before).
    assert details["samaran"] is False
    build()  # a second click is a second file and a second line
    assert len(audit_lines(lake, "ekspor")) == 2


def test_a_planners_file_holds_masked_identifiers_and_its_audit_line_says_so(
    lake, monkeypatch, media
):
    at = open_page(lake, monkeypatch, "pages/sasaran.py", role="perencana")
    assert "NIK dan No KK disamarkan kecuali 4 digit terakhir." in [c.value for c in at.caption]
    (_, _, build) = media["builders"][-1]
    rows = sheet_rows(build())
    header, body = rows[0], rows[1:]
    assert {r[header.index("nik_kepala")] for r in body} == {
        "*" * 12 + nik(i)[-4:] for i in range(4)
    }
    assert {r[header.index("no_kk")] for r in body} == {"*" * 12 + kk(i)[-4:] for i in range(4)}
    [line] = audit_lines(lake, "ekspor")
    assert line["rincian"]["peran"] == "perencana"
    assert line["rincian"]["samaran"] is True
    [view] = audit_lines(lake, "lihat_daftar")
    assert view["rincian"]["samaran"] is True and view["rincian"]["peran"] == "perencana"


def test_no_file_leaves_when_its_audit_line_cannot_be_written(lake, monkeypatch, media):
    open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    (_, _, build) = media["builders"][-1]
    log = audit.log_path(lake)
    log.rename(lake / "audit.old")
    log.mkdir()  # a directory where the log should be: every append fails (also for root)
    with pytest.raises(Exception, match="Log audit tidak dapat ditulis"):
        build()


def test_a_click_after_the_idle_limit_makes_no_file(lake, monkeypatch, media):
    open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    (_, _, build) = media["builders"][-1]
    # The click comes without a page run, so the builder itself ends an idle session.
    monkeypatch.setenv("PANTAU_SESI_MENIT", "0")
    with pytest.raises(Exception, match="Sesi Anda berakhir"):
        build()
    assert audit_lines(lake, "ekspor") == []


def test_a_click_after_the_session_lifetime_makes_no_file(lake, monkeypatch, media):
    open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    (_, _, build) = media["builders"][-1]
    monkeypatch.setenv("PANTAU_SESI_JAM", "0")
    with pytest.raises(Exception, match="Sesi Anda sudah terlalu lama"):
        build()
    assert audit_lines(lake, "ekspor") == []


def test_a_click_after_the_account_is_disabled_makes_no_file(lake, monkeypatch, media):
    from streamlit.testing.v1 import AppTest

    from pantau.accounts import Accounts

    Accounts(lake).add("siti", "kata-sandi-panjang", "kepala")
    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.text_input(key="login_user").input("siti")
    at.text_input(key="login_password").input("kata-sandi-panjang")
    at.button[0].click()
    at.run()
    at.switch_page("pages/sasaran.py")
    at.run()
    assert [t.value for t in at.title] == ["Daftar sasaran"]
    (_, _, build) = media["builders"][-1]
    Accounts(lake).disable("siti")  # `python -m pantau user disable siti`, page left open
    with pytest.raises(Exception, match="akun Anda diubah"):
        build()
    assert audit_lines(lake, "ekspor") == []


def test_tables_of_the_app_offer_no_export_of_their_own(monkeypatch):
    """Streamlit's table toolbar ("Download as CSV", copy) would skip the policy's door."""
    from streamlit import config

    monkeypatch.chdir(ROOT)  # `pantau serve` starts Streamlit here, beside .streamlit/
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("client.disableDataExport") is True
    finally:
        monkeypatch.undo()
        config.get_config_options(force_reparse=True)


def test_identifiers_masked_reads_what_the_frame_holds():
    import pandas as pd

    assert export.identifiers_masked(pd.DataFrame({"nik": ["************0002", None]}))
    assert not export.identifiers_masked(pd.DataFrame({"no_kk": ["3575010101000001"]}))
    assert export.identifiers_masked(pd.DataFrame({"nama": ["3575010101000001"]}))


def test_the_named_list_is_not_shown_when_its_view_cannot_be_audited(lake, monkeypatch, media):
    audit.log_path(lake).unlink(missing_ok=True)
    audit.log_path(lake).mkdir()  # the audit log cannot be appended to
    at = open_page(lake, monkeypatch, "pages/sasaran.py", role="kepala")
    assert [i.value for i in at.info] == [
        "Daftar bernama tidak ditampilkan karena log audit tidak dapat ditulis; "
        "hubungi pengelola server."
    ]
    assert len(at.dataframe) == 0 and len(at.get("download_button")) == 0
    assert not any("keluarga** cocok" in m.value for m in at.markdown)
    assert [b for b in media["builders"] if b[1] == XLSX] == []
    # Once the log can be written again, the view is logged and the list shown.
    audit.log_path(lake).rmdir()
    at.run()
    assert len(at.dataframe) == 1 and len(audit_lines(lake, "lihat_daftar")) == 1


def test_audit_record_says_whether_the_line_was_written(tmp_path):
    assert audit.record(tmp_path, "siti", "logout") is True
    audit.log_path(tmp_path).unlink()
    audit.log_path(tmp_path).mkdir()
    assert audit.record(tmp_path, "siti", "logout") is False

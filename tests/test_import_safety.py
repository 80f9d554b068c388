"""Imports and rollbacks that cannot destroy what is loaded (issue 10, section 4, the lake).

A file without a usable row is refused and changes nothing; a far smaller batch is imported
with a warning naming the rollback; rollback returns to what was current before the last
change in any order of imports and rollbacks; one file is one file however it is named; and
a web upload is imported by a child process whose death changes nothing.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from conftest import GOOD_HEADER, GOOD_ROWS
from pantau import operations
from pantau.accounts import Accounts
from pantau.cli import main
from pantau.errors import PantauError
from pantau.ingest import REPEATED, import_files
from pantau.lake import Lake
from tests.lakes import ROOT

HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART"


def families(n: int, start: int = 0) -> list[str]:
    """`n` valid keluarga rows (distinct No KK from `start`), kelurahan Tapa'an."""
    return [
        f"35750312345{i:05d},3575034507{80 + i % 10}{i % 9000 + 1:04d},Warga {i},Tapa'an,4"
        for i in range(start, start + n)
    ]


def write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def lake_state(data: Path) -> tuple[bytes, list[str]]:
    """The manifest's bytes and every file under lake/ and rejects/ (the lock and the cache of
    batches already read whole aside: a reader may write that one)."""
    manifest = data / "lake" / "manifest.json"
    files = sorted(
        p.relative_to(data).as_posix()
        for sub in ("lake", "rejects")
        for p in (data / sub).rglob("*")
        if p.is_file() and p.name not in (".lock", ".verified.json")
    )
    return (manifest.read_bytes() if manifest.exists() else b""), files


def run_main(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def entry(data: Path, periode: str = "2024-06", jenis: str = "keluarga") -> dict:
    return Lake(data).status()["datasets"][jenis][periode]


# --- a file without one usable row ------------------------------------------------------------

# Every No KK and NIK an Excel number, every kelurahan unknown.
UNUSABLE = [
    HEADER,
    "3.57503E+15,3.57503E+15,Siti Aminah,Atlantis,4",
    "3.57504E+15,3.57504E+15,Budi Santoso,Gotham,3",
    "3.57504E+15,3.57504E+15,Ani,Narnia,2",
]


def test_a_file_without_a_usable_row_is_refused_and_nothing_changes(
    data_dir, tmp_path, good_batch, capsys
):
    import_files(
        [write(tmp_path / "mei.csv", [HEADER, *families(3)])], "keluarga", "2024-05", data_dir
    )
    before, status_before = lake_state(data_dir), Lake(data_dir).status()
    bad = write(tmp_path / "rusak.csv", UNUSABLE)
    code, out, err = run_main(
        capsys, "--data", data_dir, "import", bad, "--jenis", "keluarga", "--periode", "2024-06"
    )
    assert (code, out) == (2, "")
    assert [line for line in err.splitlines() if not line.startswith("… ")] == [
        "Error: Tidak ada baris yang dapat diterima di rusak.csv: semua 3 baris ditolak "
        "(No KK dalam notasi ilmiah (angka Excel): 3 baris), jadi tidak ada yang diimpor; "
        "perbaiki file lalu impor lagi."
    ]
    assert lake_state(data_dir) == before
    assert Lake(data_dir).status() == status_before
    assert (entry(data_dir)["current"], entry(data_dir)["rows"]) == (good_batch.batch, 2)
    assert entry(data_dir, "2024-05")["rows"] == 3
    log = (data_dir / "audit.log").read_text().splitlines()
    assert json.loads(log[-1])["aksi"] == "impor_gagal"


def test_unknown_kelurahan_on_every_row_is_refused_in_an_empty_lake(data_dir, tmp_path, capsys):
    rows = [r.replace("Tapa'an", "Atlantis") for r in families(2)]
    bad = write(tmp_path / "asing.csv", [HEADER, *rows])
    code, _, err = run_main(
        capsys, "--data", data_dir, "import", bad, "--jenis", "keluarga", "--periode", "2024-06"
    )
    assert code == 2
    assert "semua 2 baris ditolak (kelurahan tidak dikenal: 2 baris)" in err
    assert lake_state(data_dir) == (b"", [])
    assert Lake(data_dir).status()["datasets"]["keluarga"] == {}


# --- a far smaller batch --------------------------------------------------------------------


def test_a_batch_under_half_the_current_one_is_imported_with_the_rollback_named(
    data_dir, tmp_path, capsys
):
    first = import_files(
        [write(tmp_path / "a.csv", [HEADER, *families(5)])], "keluarga", "2024-06", data_dir
    )
    small = write(tmp_path / "b.csv", [HEADER, *families(2, start=50)])
    code, out, _ = run_main(
        capsys, "--data", data_dir, "import", small, "--jenis", "keluarga", "--periode", "2024-06"
    )
    assert code == 0
    hint = (
        "Batch baru hanya 2 baris, kurang dari separuh batch sebelumnya (5 baris); bila file "
        "ini keliru, kembalikan batch sebelumnya dengan "
        "`python -m pantau rollback --jenis keluarga --periode 2024-06`."
    )
    assert out.splitlines()[-1] == f"Peringatan: {hint}"
    assert entry(data_dir)["rows"] == 2  # imported all the same
    third = write(tmp_path / "c.csv", [HEADER, *families(1, start=90)])
    code, out, _ = run_main(
        capsys,
        "--data",
        data_dir,
        "import",
        third,
        "--jenis",
        "keluarga",
        "--periode",
        "2024-06",
        "--json",
    )
    summary = json.loads(out)
    assert (summary["shrunk"], summary["previous"]["rows"]) == (False, 2)  # 1 of 2 is half
    assert summary["rollback_hint"] is None
    assert first.batch not in (summary["batch"], summary["previous"]["batch"])


def test_the_json_summary_of_a_far_smaller_batch_names_the_rollback(data_dir, tmp_path, capsys):
    first = import_files(
        [write(tmp_path / "a.csv", [HEADER, *families(7)])], "keluarga", "2024-06", data_dir
    )
    small = write(tmp_path / "b.csv", [HEADER, *families(3, start=50)])
    code, out, _ = run_main(
        capsys,
        "--data",
        data_dir,
        "import",
        small,
        "--jenis",
        "keluarga",
        "--periode",
        "2024-06",
        "--json",
    )
    summary = json.loads(out)
    assert (code, summary["shrunk"], summary["previous"]) == (
        0,
        True,
        {"batch": first.batch, "rows": 7},
    )
    assert (
        "python -m pantau rollback --jenis keluarga --periode 2024-06" in summary["rollback_hint"]
    )


def test_a_first_batch_or_a_similar_one_gives_no_warning(data_dir, tmp_path):
    one = import_files(
        [write(tmp_path / "a.csv", [HEADER, *families(4)])], "keluarga", "2024-06", data_dir
    )
    assert (one.previous, one.shrunk, one.rollback_hint) == (None, False, None)
    two = import_files(
        [write(tmp_path / "b.csv", [HEADER, *families(3)])], "keluarga", "2024-06", data_dir
    )
    assert (two.previous, two.shrunk) == ({"batch": one.batch, "rows": 4}, False)


# --- rollback follows the history of current batches -------------------------------------------


@pytest.fixture
def importer(data_dir, tmp_path):
    """imp(n) imports a batch of n families into keluarga 2024-06 and returns its id."""
    count = iter(range(100))

    def imp(n: int = 2) -> str:
        k = next(count)
        path = write(tmp_path / f"b{k}.csv", [HEADER, *families(n, start=k * 100)])
        return import_files([path], "keluarga", "2024-06", data_dir).batch

    return imp


def rollback(data: Path) -> str:
    return Lake(data).rollback("keluarga", "2024-06")["current"]


def test_rollback_after_import_rollback_import_returns_to_the_first_batch(data_dir, importer):
    a = importer()
    b = importer()
    assert rollback(data_dir) == a
    c = importer()
    assert rollback(data_dir) == a  # not the rejected b
    assert entry(data_dir)["current"] == a
    assert [x["batch"] for x in entry(data_dir)["batches"]] == [a, b, c]
    with pytest.raises(PantauError, match="Tidak ada batch sebelumnya"):
        rollback(data_dir)


def test_rollbacks_walk_back_through_every_import_in_turn(data_dir, importer):
    a, b, c = importer(), importer(), importer()
    assert entry(data_dir)["previous"] == b
    assert rollback(data_dir) == b
    assert entry(data_dir)["previous"] == a
    assert rollback(data_dir) == a
    assert entry(data_dir)["previous"] is None
    before = lake_state(data_dir)
    with pytest.raises(PantauError, match="tidak ada yang dapat dikembalikan"):
        rollback(data_dir)
    assert lake_state(data_dir) == before
    assert c in [x["batch"] for x in entry(data_dir)["batches"]]


def test_rollback_after_two_imports_on_a_rolled_back_period(data_dir, importer):
    a, _b = importer(), importer()
    assert rollback(data_dir) == a
    c, d = importer(), importer()
    assert rollback(data_dir) == c
    assert rollback(data_dir) == a
    e = importer()
    assert entry(data_dir)["previous"] == a
    assert rollback(data_dir) == a
    assert d != e


def test_rollback_of_the_first_batch_says_there_is_nothing_to_return_to(data_dir, importer):
    a = importer()
    with pytest.raises(PantauError, match="Tidak ada batch sebelumnya"):
        rollback(data_dir)
    assert entry(data_dir)["current"] == a


def test_rollback_of_a_manifest_without_history_goes_to_the_batch_imported_before(
    data_dir, importer
):
    a, b, _c = importer(), importer(), importer()
    lake = Lake(data_dir)
    m = lake.manifest()
    m["datasets"]["keluarga"]["2024-06"].pop("history")  # as written before the history
    lake._write_manifest(m)
    assert rollback(data_dir) == b
    assert rollback(data_dir) == a
    d = importer()
    assert rollback(data_dir) == a and d


def test_rollback_through_the_cli_follows_the_history(data_dir, importer, capsys):
    a = importer()
    importer()
    rollback(data_dir)
    importer()
    code, out, _ = run_main(
        capsys, "--data", data_dir, "rollback", "--jenis", "keluarga", "--periode", "2024-06"
    )
    assert (code, out) == (0, f"keluarga periode 2024-06: batch aktif sekarang {a}\n")
    line = json.loads((data_dir / "audit.log").read_text().splitlines()[-1])
    assert (line["aksi"], line["rincian"]["current"]) == ("rollback", a)


# --- one file is one file ---------------------------------------------------------------------


def test_the_same_path_given_twice_is_read_once_and_said(data_dir, tmp_path, capsys, monkeypatch):
    path = write(tmp_path / "juni.csv", [GOOD_HEADER, *GOOD_ROWS])
    monkeypatch.chdir(tmp_path)
    code, out, _ = run_main(
        capsys,
        "--data",
        data_dir,
        "import",
        path,
        "juni.csv",
        "./juni.csv",
        "--jenis",
        "keluarga",
        "--periode",
        "2024-06",
    )
    assert code == 0
    lines = out.splitlines()
    assert [x.split() for x in lines[1:4]] == [["dibaca", "2"], ["diterima", "2"], ["ditolak", "0"]]
    assert f"  dilewati: 2 {REPEATED}" in lines
    assert entry(data_dir)["batches"][0]["sources"] == ["juni.csv"]


def test_two_files_of_one_name_are_two_files(data_dir, tmp_path, notes):
    a = write(tmp_path / "a" / "data.csv", [HEADER, *families(2)])
    # Its second row repeats the first file's first family: the only duplicate.
    b = write(tmp_path / "b" / "data.csv", [HEADER, *families(1, start=10), families(1)[0]])
    s = import_files([a, b], "keluarga", "2024-06", data_dir)
    assert (s.read, s.accepted, s.rejected, s.files) == (4, 3, 1, ["data.csv", "data.csv (2)"])
    dup = [(n["file"], n["baris"], n["alasan"]) for n in notes(data_dir, s.batch)]
    assert dup == [("data.csv (2)", 3, "duplikat dalam file")]


def test_two_uploads_of_one_name_are_two_files(data_dir):
    first = "\n".join([HEADER, *families(2)]).encode()
    second = "\n".join([HEADER, *families(3, start=20)]).encode()
    summary = operations.import_uploads(
        [("export.csv", first), ("export.csv", second)], "keluarga", "2024-06", data_dir, "siti"
    )
    assert (summary["accepted"], summary["rejected"], summary["reasons"]) == (5, 0, {})
    assert summary["files"] == ["export.csv", "export.csv (2)"]


# --- web uploads in a child process -------------------------------------------------------------


def test_an_upload_is_imported_by_a_child_and_audited_for_the_web_user(data_dir):
    content = "\n".join([GOOD_HEADER, *GOOD_ROWS]).encode()
    steps = []
    summary = operations.import_uploads(
        [("juni.csv", content)], "keluarga", "2024-06", data_dir, "siti", progress=steps.append
    )
    assert (summary["accepted"], summary["files"]) == (2, ["juni.csv"])
    assert entry(data_dir)["current"] == summary["batch"]
    assert steps == ["Membaca juni.csv", "Memeriksa baris", "Menyimpan"]
    line = json.loads((data_dir / "audit.log").read_text().splitlines()[-1])
    assert (line["pengguna"], line["aksi"], line["rincian"]["files"]) == (
        "siti",
        "impor",
        ["juni.csv"],
    )


def test_an_upload_refused_in_the_child_gives_its_one_sentence(data_dir, good_batch):
    before = lake_state(data_dir)
    with pytest.raises(PantauError) as err:
        operations.import_uploads(
            [("rusak.csv", "\n".join(UNUSABLE).encode())], "keluarga", "2024-06", data_dir, "siti"
        )
    assert str(err.value).startswith("Tidak ada baris yang dapat diterima di rusak.csv: semua 3")
    assert lake_state(data_dir) == before


CHILD_ECHO = (
    "import json, os, sys; req = json.loads(sys.stdin.read()); "
    "print(json.dumps({'ok': True, 'summary': {'pid': os.getpid(), "
    "'limit': os.environ['PANTAU_MEMORY_LIMIT'], 'threads': os.environ['PANTAU_THREADS'], "
    "'names': [os.path.basename(p) for p in req['paths']]}}))"
)


def test_the_child_runs_outside_the_server_with_its_memory_limit(data_dir, monkeypatch):
    monkeypatch.setenv("PANTAU_MEMORY_LIMIT", "300MB")
    monkeypatch.setenv("PANTAU_THREADS", "1")
    monkeypatch.setattr(operations, "child_command", lambda: [sys.executable, "-c", CHILD_ECHO])
    got = operations.import_uploads([("x.csv", b"a")], "keluarga", "2024-06", data_dir, "siti")
    assert got["pid"] != os.getpid()
    assert (got["limit"], got["threads"], got["names"]) == ("300MB", "1", ["x.csv"])


@pytest.mark.parametrize(
    "script",
    [
        pytest.param("import os, signal; os.kill(os.getpid(), signal.SIGKILL)", id="killed"),
        pytest.param("raise MemoryError", id="memory-error"),
        pytest.param("print('{\"ok\": tr')", id="half-an-answer"),
        pytest.param(
            "import sys; sys.stderr.buffer.write(b'\\xff\\n'); sys.exit(1)", id="bytes-on-stderr"
        ),
    ],
)
def test_a_child_that_dies_gives_one_sentence_and_changes_nothing(
    data_dir, good_batch, monkeypatch, script
):
    before = lake_state(data_dir)
    monkeypatch.setattr(operations, "child_command", lambda: [sys.executable, "-c", script])
    content = "\n".join([GOOD_HEADER, *GOOD_ROWS]).encode()
    with pytest.raises(PantauError) as err:
        operations.import_uploads([("juni.csv", content)], "keluarga", "2024-06", data_dir, "siti")
    assert str(err.value) == operations.CRASHED
    assert "\n" not in str(err.value) and str(err.value).endswith(".")
    assert lake_state(data_dir) == before
    line = json.loads((data_dir / "audit.log").read_text().splitlines()[-1])
    assert (line["pengguna"], line["aksi"]) == ("siti", "impor_gagal")


def test_a_300_character_upload_name_is_imported_under_a_short_name(data_dir):
    name = "Data Keluarga Miskin Ekstrem Kelurahan Tapa'an " * 6 + ".csv"
    assert len(name) > 280
    content = "\n".join([GOOD_HEADER, *GOOD_ROWS]).encode()
    summary = operations.import_uploads([(name, content)], "keluarga", "2024-06", data_dir, "siti")
    (short,) = summary["files"]
    assert summary["accepted"] == 2
    assert short.endswith("….csv") and name.startswith(short[:-5])
    assert len(short.encode()) <= operations.MAX_NAME_BYTES


def test_an_upload_that_cannot_be_written_gives_one_sentence(data_dir, monkeypatch):
    monkeypatch.setattr(operations, "safe_name", lambda name, i: "x" * 300 + ".csv")
    with pytest.raises(PantauError) as err:
        operations.import_uploads([("a.csv", b"a")], "keluarga", "2024-06", data_dir, "siti")
    assert str(err.value) == (
        "File unggahan tidak dapat disimpan sementara (File name too long); "
        "periksa ruang disk server lalu coba lagi."
    )


@pytest.mark.parametrize(
    "given, expected",
    [
        pytest.param("../../etc/passwd.csv", "passwd.csv", id="folders"),
        pytest.param("C:\\Users\\siti\\juni.xlsx", "juni.xlsx", id="windows-path"),
        pytest.param("ju\nni\x00.csv", "ju ni .csv", id="control-characters"),
        pytest.param("..", "berkas-1", id="dot-dot"),
        # 120 bytes: 56 two-byte letters, the three-byte ellipsis and the extension.
        pytest.param("é" * 200 + ".xlsx", "é" * 56 + "….xlsx", id="long-multibyte"),
    ],
)
def test_an_upload_name_becomes_a_safe_file_name(given, expected):
    assert operations.safe_name(given, 0) == expected


# --- the Data page ------------------------------------------------------------------------------


def operator_page(data: Path, monkeypatch) -> AppTest:
    Accounts(data).add("ops", "rahasia-123", "operator")
    monkeypatch.setenv("PANTAU_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.text_input(key="login_user").input("ops")
    at.text_input(key="login_password").input("rahasia-123")
    at.button[0].click()
    at.run()
    assert at.session_state["role"] == "operator"
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception
    return at


def test_the_data_page_warns_of_a_far_smaller_batch_and_names_the_rollback(
    data_dir, tmp_path, monkeypatch
):
    import_files(
        [write(tmp_path / "a.csv", [HEADER, *families(6)])], "keluarga", "2024-06", data_dir
    )
    small = import_files(
        [write(tmp_path / "b.csv", [HEADER, *families(2, 50)])], "keluarga", "2024-06", data_dir
    )
    at = operator_page(data_dir, monkeypatch)
    at.session_state["last_import"] = small.to_dict()
    at.run()
    (warning,) = [w.value for w in at.warning]
    assert "hanya 2 baris, kurang dari separuh batch sebelumnya (6 baris" in warning
    assert "tombol **Kembalikan**" in warning
    assert "`python -m pantau rollback --jenis keluarga --periode 2024-06`" in warning


def test_the_data_page_rollback_returns_to_the_batch_current_before(
    data_dir, importer, monkeypatch
):
    a = importer()
    importer()
    rollback(data_dir)
    importer()
    at = operator_page(data_dir, monkeypatch)
    assert f"Kembalikan mengaktifkan lagi batch {a}." in [c.value for c in at.caption]
    at.checkbox(key="rb_yakin_0").check()
    at.run()
    at.button(key="rb_go").click()
    at.run()
    assert not at.exception
    assert entry(data_dir)["current"] == a
    assert [s.value for s in at.success] == [f"keluarga Juni 2024: batch {a} aktif lagi."]
    table = at.dataframe[0].value
    assert table.loc[table["Aktif"], "Batch"].tolist() == [a]
    assert "Tidak ada batch sebelumnya untuk dikembalikan." in [c.value for c in at.caption]


class Upload:
    """What st.file_uploader returns for one file (AppTest cannot upload files)."""

    def __init__(self, name: str, content: bytes):
        self.name, self._content = name, content

    def getvalue(self) -> bytes:
        return self._content


def upload_on_page(at: AppTest, monkeypatch, uploads: list[Upload]) -> AppTest:
    import streamlit

    monkeypatch.setattr(streamlit, "file_uploader", lambda *a, **k: uploads)
    at.text_input(key="imp_periode").input("2024-06")
    next(b for b in at.button if b.label == "Impor").click()
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_data_page_imports_an_upload_with_a_300_character_name(data_dir, monkeypatch):
    at = operator_page(data_dir, monkeypatch)
    name = "Data Keluarga Miskin Ekstrem Kelurahan Tapa'an " * 6 + ".csv"
    content = "\n".join([GOOD_HEADER, *GOOD_ROWS]).encode()
    upload_on_page(at, monkeypatch, [Upload(name, content)])
    (success,) = [s.value for s in at.success]
    assert "2 baris dibaca, 2 diterima, 0 ditolak" in success
    assert entry(data_dir)["rows"] == 2


def test_the_data_page_imports_two_uploads_of_one_name_as_two_files(data_dir, monkeypatch):
    at = operator_page(data_dir, monkeypatch)
    first = "\n".join([HEADER, *families(2)]).encode()
    second = "\n".join([HEADER, *families(2, start=30)]).encode()
    upload_on_page(at, monkeypatch, [Upload("juni.csv", first), Upload("juni.csv", second)])
    (success,) = [s.value for s in at.success]
    assert "4 baris dibaca, 4 diterima, 0 ditolak" in success
    assert entry(data_dir)["batches"][0]["sources"] == ["juni.csv", "juni.csv (2)"]


def test_the_data_page_shows_the_refusal_of_a_file_without_a_usable_row(
    data_dir, good_batch, monkeypatch
):
    before = lake_state(data_dir)
    at = operator_page(data_dir, monkeypatch)
    upload_on_page(at, monkeypatch, [Upload("rusak.csv", "\n".join(UNUSABLE).encode())])
    (error,) = [e.value for e in at.error]
    assert error.startswith("Tidak ada baris yang dapat diterima di rusak.csv: semua 3 baris")
    assert error.endswith("Data yang sudah dimuat tidak berubah.")
    assert lake_state(data_dir) == before

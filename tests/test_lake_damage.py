"""A damaged lake: a batch overwritten in its middle, a manifest of the wrong shape, a full disk
under a rollback, and who may read the files. Each time the other periods and the last good
data keep being served, the user gets one sentence naming what is affected (never a server
path), and nothing is left behind."""

from __future__ import annotations

import errno
import json
import os
import stat
import struct
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pantau import demo, lake, queries
from pantau.cli import main
from pantau.errors import LakeError
from pantau.lake import Lake, quote_error
from tests.lakes import ROOT, build_lake, keluarga_rows
from tests.test_faults import mounted


def fresh_process() -> None:
    """Forget what this process has read, as a new CLI process or server would."""
    queries._engines.clear()
    lake._last_good.clear()


def three_periods(data: Path) -> Path:
    """keluarga 2024-03 (2 extreme-poor families), 2024-06 imported twice (3, then 5) and
    2024-09 once (4): only 2024-06 has an earlier batch to fall back to."""
    build_lake(data, {"keluarga": {"2024-03": keluarga_rows([{}] * 2)}})
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
    build_lake(
        data,
        {"keluarga": {"2024-06": keluarga_rows([{}] * 5), "2024-09": keluarga_rows([{}] * 4)}},
    )
    fresh_process()
    return data


def current_file(data: Path, periode: str) -> Path:
    m = Lake(data).manifest()
    entry = m["datasets"]["keluarga"][periode]
    batch = next(b for b in entry["batches"] if b["batch"] == entry["current"])
    return data / "lake" / batch["file"]


def damage_middle(path: Path) -> None:
    """Overwrite the data pages' middle with zeros: both magic bytes and the footer stay."""
    blob = bytearray(path.read_bytes())
    (footer,) = struct.unpack("<I", blob[-8:-4])
    pages_end = len(blob) - 8 - footer
    lo, hi = 4 + (pages_end - 4) // 4, 4 + 3 * (pages_end - 4) // 4
    blob[lo:hi] = b"\x00" * (hi - lo)
    path.write_bytes(bytes(blob))
    assert blob[:4] == blob[-4:] == b"PAR1"


def extreme_poor(data: Path, periode: str) -> int:
    df = queries.run("keluarga_per_kecamatan", {"periode": periode}, data)
    return int(df.iloc[-1]["keluarga_miskin_ekstrem"])


def run_main(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def cli(data: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PANTAU_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


# --- a batch damaged in its middle ------------------------------------------------------------


def test_batch_damaged_in_its_middle_falls_back_and_other_periods_stay_whole(tmp_path):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-06"))
    fresh_process()
    assert extreme_poor(data, "2024-03") == 2
    assert extreme_poor(data, "2024-09") == 4
    assert extreme_poor(data, "2024-06") == 3  # the earlier batch of the period
    (problem,) = Lake(data).problems()
    assert problem.startswith("Batch ") and "(keluarga 2024-06) hilang atau rusak" in problem
    assert "batch sebelumnya" in problem and "dipakai" in problem
    periods = queries.run("periode_list", {}, data)["periode"].tolist()
    assert {"2024-03", "2024-06", "2024-09"} <= set(periods)


def test_batch_damaged_with_no_earlier_batch_is_named_and_only_its_period_refuses(tmp_path):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-09"))
    fresh_process()
    assert extreme_poor(data, "2024-06") == 5
    assert extreme_poor(data, "2024-03") == 2
    with pytest.raises(LakeError, match=r"keluarga 2024-09\) hilang atau rusak; periode ini tidak"):
        extreme_poor(data, "2024-09")
    # Without a period the latest one readable answers; the banner names the one left out.
    latest = queries.run("keluarga_per_kecamatan", {}, data).iloc[-1]
    assert (latest["periode"], latest["keluarga_miskin_ekstrem"]) == ("2024-06", 5)
    assert queries.run("periode_list", {}, data)["periode"].tolist() == ["2024-03", "2024-06"]
    (problem,) = Lake(data).problems()
    assert "keluarga 2024-09" in problem and "tidak ditampilkan" in problem
    assert str(tmp_path) not in problem


def test_batch_damaged_after_the_views_were_built_is_found_on_the_next_query(tmp_path):
    data = three_periods(tmp_path / "d")
    assert extreme_poor(data, "2024-06") == 5  # the views are built over the whole files
    damage_middle(current_file(data, "2024-06"))
    assert extreme_poor(data, "2024-09") == 4
    assert extreme_poor(data, "2024-06") == 3


def test_each_batch_is_read_whole_once_and_the_next_process_trusts_that(tmp_path, monkeypatch):
    data = three_periods(tmp_path / "d")
    read = []
    real = lake._decodes
    monkeypatch.setattr(lake, "_decodes", lambda path: read.append(path.name) or real(path))
    assert extreme_poor(data, "2024-06") == 5
    assert read == []  # the importer wrote and synced each batch: it is trusted as written
    (data / "lake" / lake.VERIFIED).unlink()  # a lake from before batches were recorded
    lake._verified.clear()
    fresh_process()
    assert extreme_poor(data, "2024-06") == 5
    assert len(read) == len(set(read)) == 3  # the current batch of each period
    lake._verified.clear()  # a new process: what it knows is in lake/.verified.json
    fresh_process()
    assert extreme_poor(data, "2024-06") == 5 and Lake(data).problems() == []
    assert len(read) == 3
    assert oct(stat.S_IMODE((data / "lake" / ".verified.json").stat().st_mode)) == "0o600"


def test_damage_that_keeps_the_mtime_is_found_when_a_query_fails(tmp_path):
    data = three_periods(tmp_path / "d")
    assert extreme_poor(data, "2024-06") == 5
    path = current_file(data, "2024-06")
    before = path.stat()
    damage_middle(path)  # bit rot: same size and inode, and the old mtime put back
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    lake._verified.clear()
    fresh_process()
    assert extreme_poor(data, "2024-09") == 4
    assert extreme_poor(data, "2024-06") == 3
    (problem,) = Lake(data).problems()
    assert "(keluarga 2024-06) hilang atau rusak" in problem


def test_cli_query_answers_other_periods_and_one_sentence_for_the_damaged_one(tmp_path):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-06"))
    damage_middle(current_file(data, "2024-09"))
    args = ("query", "keluarga_per_kecamatan", "--format", "csv", "--param")
    other = cli(data, *args, "periode=2024-03")
    assert other.returncode == 0 and other.stderr == ""
    assert other.stdout.strip().splitlines()[-1] == "2024-03,,Kota Pasuruan,2,2,8"
    fallback = cli(data, *args, "periode=2024-06")
    assert fallback.returncode == 0
    assert fallback.stdout.strip().splitlines()[-1] == "2024-06,,Kota Pasuruan,3,3,12"
    (warning,) = fallback.stderr.strip().splitlines()
    assert warning.startswith("Peringatan: Batch ") and "(keluarga 2024-06)" in warning
    lost = cli(data, *args, "periode=2024-09")
    assert lost.returncode == 2 and lost.stdout == ""
    (sentence,) = lost.stderr.strip().splitlines()
    assert (
        sentence.startswith("Error: Batch ") and "(keluarga 2024-09) hilang atau rusak" in sentence
    )
    assert str(tmp_path) not in sentence and "Traceback" not in lost.stderr


def test_status_marks_a_damaged_batch_and_what_is_read_instead(tmp_path, capsys):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-06"))
    damage_middle(current_file(data, "2024-09"))
    fresh_process()
    m = Lake(data).manifest()["datasets"]["keluarga"]
    first = m["2024-06"]["batches"][0]["batch"]
    code, out, _ = run_main(capsys, "--data", data, "status")
    assert code == 0
    lines = {line.split()[1]: line for line in out.splitlines() if line.startswith("keluarga ")}
    assert "rusak" not in lines["2024-03"]
    assert lines["2024-06"].endswith(f"(2 batch)  rusak; batch sebelumnya {first} dipakai")
    assert lines["2024-09"].endswith("(1 batch)  rusak; periode ini tidak ditampilkan")
    code, out, _ = run_main(capsys, "--data", data, "status", "--json")
    periods = json.loads(out)["datasets"]["keluarga"]
    assert [periods[p]["damaged"] for p in ("2024-03", "2024-06", "2024-09")] == [
        None,
        {"used": first},
        {"used": None},
    ]


def test_damage_sentence_suggests_rollback_only_where_there_is_a_batch_to_go_back_to(tmp_path):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-06"))
    damage_middle(current_file(data, "2024-09"))
    fresh_process()
    six, nine = Lake(data).problems()
    assert six.endswith("Impor ulang file periode itu atau lakukan rollback di halaman Data.")
    assert "(keluarga 2024-09)" in nine and "rollback" not in nine
    assert nine.endswith("periode ini tidak ditampilkan. Impor ulang file periode itu.")


def test_page_over_a_batch_damaged_in_its_middle_names_it_and_draws(tmp_path, monkeypatch):
    data = three_periods(tmp_path / "d")
    damage_middle(current_file(data, "2024-06"))
    damage_middle(current_file(data, "2024-03"))
    fresh_process()
    at = sign_in(data, monkeypatch)
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert len(errors) == 2 and all(str(tmp_path) not in e for e in errors)
    assert "(keluarga 2024-03) hilang atau rusak; periode ini tidak ditampilkan" in errors[0]
    assert "(keluarga 2024-06) hilang atau rusak; batch sebelumnya" in errors[1]
    assert at.title[0].value == "Ringkasan" and at.metric[0].value == "4"  # 2024-09, whole


def test_quoted_duckdb_errors_show_no_server_paths(tmp_path):
    con = duckdb.connect()
    missing = tmp_path / "lake" / "keluarga" / "periode=2024-06" / "x.parquet"
    with pytest.raises(duckdb.Error) as err:
        con.execute(f"SELECT * FROM read_parquet('{missing}')")
    assert str(tmp_path) in str(err.value)
    quoted = quote_error(err.value, tmp_path)
    assert str(tmp_path) not in quoted and "lake/keluarga/periode=2024-06/x.parquet" in quoted
    elsewhere = quote_error(err.value)
    assert "/" + str(tmp_path).split("/")[1] not in elsewhere and "x.parquet" in elsewhere


# --- a manifest of the wrong shape -------------------------------------------------------------

SHAPES = {
    "a list": "[]",
    "null": "null",
    "an empty object": "{}",
    "no datasets": '{"version": 3}',
    "datasets a number": '{"version": 3, "datasets": 5}',
    "version a string": '{"version": "3", "datasets": {}}',
    "periods a list": '{"version": 3, "datasets": {"keluarga": []}}',
    "a batch without batch": '{"version": 3, "datasets": {"keluarga": {"2024-06": '
    '{"current": "b", "batches": [{"file": "keluarga/x.parquet", "rows": 1}]}}}}',
    "a file outside the lake": '{"version": 3, "datasets": {"keluarga": {"2024-06": '
    '{"current": "b", "batches": [{"batch": "b", "file": "/etc/passwd", "rows": 1}]}}}}',
    "half a file": '{"version": 3, "datas',
    "a current batch not in its batches": '{"version": 3, "datasets": {"keluarga": {"2024-06": '
    '{"current": "nope", "batches": [], "history": []}}}}',
}


@pytest.fixture
def good_lake(tmp_path):
    data = tmp_path / "d"
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 5)}})
    fresh_process()
    return data


@pytest.mark.parametrize("shape", SHAPES)
def test_manifest_of_the_wrong_shape_serves_the_last_good_data_in_the_cli(good_lake, capsys, shape):
    before = run_main(capsys, "--data", good_lake, "status", "--json")
    manifest = good_lake / "lake" / "manifest.json"
    manifest.write_text(SHAPES[shape], encoding="utf-8")
    fresh_process()
    code, out, err = run_main(capsys, "--data", good_lake, "status", "--json")
    assert (code, out) == (0, before[1])
    (warning,) = err.strip().splitlines()
    assert warning.startswith("Peringatan: Manifest lake/manifest.json rusak (")
    assert "lake/manifest.json.prev" in warning and str(good_lake) not in warning
    code, out, err = run_main(
        capsys, "--data", good_lake, "query", "keluarga_per_kecamatan", "--format", "csv"
    )
    assert code == 0 and out.strip().splitlines()[-1] == "2024-06,,Kota Pasuruan,5,5,20"
    assert len(err.strip().splitlines()) == 1 and "Manifest lake/manifest.json rusak" in err
    # A writer never builds on the stand-in: rollback is refused and nothing changes.
    code, out, err = run_main(
        capsys, "--data", good_lake, "rollback", "--jenis", "keluarga", "--periode", "2024-06"
    )
    assert code == 2 and err.startswith("Error: Manifest lake/manifest.json rusak (")
    assert manifest.read_text(encoding="utf-8") == SHAPES[shape]
    assert len(list(good_lake.glob("lake/keluarga/periode=2024-06/*.parquet"))) == 2


@pytest.mark.parametrize("shape", ["a list", "null", "an empty object", "a batch without batch"])
def test_manifest_of_the_wrong_shape_without_a_good_copy_is_one_sentence(good_lake, shape):
    (good_lake / "lake" / "manifest.json").write_text(SHAPES[shape], encoding="utf-8")
    (good_lake / "lake" / "manifest.json.prev").unlink()
    for args in (("status",), ("query", "keluarga_per_kecamatan")):
        result = cli(good_lake, *args)
        assert result.returncode == 2 and result.stdout == ""
        (sentence,) = result.stderr.strip().splitlines()
        assert sentence.startswith("Error: Manifest lake/manifest.json rusak (")
        assert "pulihkan lake/manifest.json dari cadangan" in sentence
        assert str(good_lake) not in sentence


def sign_in(data: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("PANTAU_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["user"], at.session_state["role"] = "t", "kepala"
    at.session_state["last_seen"] = time.time()
    return at


@pytest.mark.parametrize("shape", ["a list", "datasets a number", "a batch without batch"])
def test_page_with_a_manifest_of_the_wrong_shape_shows_the_last_good_data(
    good_lake, monkeypatch, shape
):
    (good_lake / "lake" / "manifest.json").write_text(SHAPES[shape], encoding="utf-8")
    fresh_process()
    at = sign_in(good_lake, monkeypatch)
    at.run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("Manifest lake/manifest.json rusak (") for e in errors), errors
    assert all(str(good_lake) not in e for e in errors)
    assert at.title[0].value == "Ringkasan" and at.metric[0].value == "5"
    at.switch_page("pages/data.py")
    at.run()
    assert not at.exception


def test_page_with_a_manifest_of_the_wrong_shape_and_no_good_copy_is_one_sentence(
    good_lake, monkeypatch
):
    (good_lake / "lake" / "manifest.json").write_text("[]", encoding="utf-8")
    (good_lake / "lake" / "manifest.json.prev").unlink()
    fresh_process()
    at = sign_in(good_lake, monkeypatch)
    at.run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert error.startswith("Manifest lake/manifest.json rusak (isinya bukan objek JSON)")


def test_server_keeps_its_views_when_the_manifest_breaks_and_no_copy_is_left(good_lake):
    assert extreme_poor(good_lake, "2024-06") == 5
    (good_lake / "lake" / "manifest.json").write_text("null", encoding="utf-8")
    (good_lake / "lake" / "manifest.json.prev").unlink()
    lake._last_good.clear()  # only the engine's views are left
    assert extreme_poor(good_lake, "2024-06") == 5
    problem = queries.engine(good_lake).problem
    assert problem.startswith("Data impor terbaru belum tampil, yang tampil data sebelumnya: ")
    assert "Manifest lake/manifest.json rusak" in problem


# --- a full disk under a rollback --------------------------------------------------------------


def test_rollback_that_cannot_write_the_manifest_leaves_no_temp_file(good_lake, monkeypatch):
    manifest = good_lake / "lake" / "manifest.json"
    before = manifest.read_bytes()
    real = os.fdopen

    class HalfWritten:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, text):
            self.fh.write(text[:10])
            self.fh.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def fdopen(fd, mode="r", *a, **k):
        fh = real(fd, mode, *a, **k)
        return HalfWritten(fh) if mode.startswith("w") else fh

    monkeypatch.setattr(lake.os, "fdopen", fdopen)
    with pytest.raises(LakeError, match="tidak dapat ditulis .No space left on device.; tidak"):
        Lake(good_lake).rollback("keluarga", "2024-06")
    monkeypatch.undo()
    assert manifest.read_bytes() == before
    assert list((good_lake / "lake").rglob(".tmp-*")) == []


def test_rollback_on_a_full_disk_exits_plainly_and_leaves_no_temp_file(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)):
        data = disk / "data"
        build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
        build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 5)}})
        manifest = (data / "lake" / "manifest.json").read_bytes()
        with pytest.raises(OSError), open(disk / "filler", "wb", buffering=0) as fh:
            while True:
                fh.write(b"\0" * 4096)

        result = cli(data, "rollback", "--jenis", "keluarga", "--periode", "2024-06")
        assert result.returncode == 2 and "Traceback" not in result.stderr
        (sentence,) = result.stderr.strip().splitlines()
        assert sentence.startswith("Error: ") and "ruang disk" in sentence
        assert (data / "lake" / "manifest.json").read_bytes() == manifest
        assert list((data / "lake").rglob(".tmp-*")) == []


# --- who may read the files --------------------------------------------------------------------


def modes(root: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in [root, *root.rglob("*")]:
        mode = oct(stat.S_IMODE(path.lstat().st_mode))
        out.setdefault(mode, set()).add(path.relative_to(root.parent).as_posix())
    return out


def test_lake_rejects_and_exports_are_private_whatever_the_umask(tmp_path):
    data = tmp_path / "d"
    old = os.umask(0)  # the worst case: every file the process creates is world-writable
    try:
        build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
        build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 5)}})
        Lake(data).rollback("keluarga", "2024-06")
        demo.build(tmp_path / "demo", keluarga=1000, seed=1)
    finally:
        os.umask(old)
    for root in (data / "lake", data / "rejects", tmp_path / "demo"):
        dirs = [root, *(p for p in root.rglob("*") if p.is_dir())]
        files = [p for p in root.rglob("*") if not p.is_dir()]
        assert files
        wrong = {p: oct(stat.S_IMODE(p.stat().st_mode)) for p in dirs}
        assert set(wrong.values()) == {"0o700"}, modes(root)
        wrong = {p: oct(stat.S_IMODE(p.stat().st_mode)) for p in files}
        assert set(wrong.values()) == {"0o600"}, modes(root)
    assert {p.name for p in (tmp_path / "demo").iterdir()} >= {"exports", "lake", "rejects"}
    assert json.loads((data / "lake" / "manifest.json").read_text())["version"] == 3


def test_out_of_memory_is_named_as_memory_not_as_a_damaged_batch(tmp_path, monkeypatch):
    # DuckDB at its memory limit raised "Batch data rusak … rollback" (the Jawa Timur bench at
    # 5.000.000 keluarga, 1 GB): a rollback would not help, and re-reading every file would
    # cost minutes. One sentence names the memory and what to set.
    import duckdb
    import pytest

    from pantau import queries
    from pantau.errors import LakeError, QueryError

    eng = queries.Engine(tmp_path / "data")

    def oom(cur, sql, args):
        raise duckdb.OutOfMemoryException("failed to allocate data of size 128.0 KiB")

    monkeypatch.setattr(queries, "_execute", oom)
    with pytest.raises(QueryError) as err:
        eng._run_once("beban_ringkasan", "SELECT 1", {})
    assert not isinstance(err.value, LakeError)
    assert "Memori tidak cukup untuk query beban_ringkasan" in str(err.value)
    assert "PANTAU_MEMORY_LIMIT" in str(err.value) and "rusak" not in str(err.value)

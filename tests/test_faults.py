"""Faults: a damaged or missing batch, a full disk, a read-only data directory. In each case
the dashboard keeps serving the last good data and says plainly what happened."""

from __future__ import annotations

import base64
import contextlib
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pantau import queries
from pantau.ingest import import_files
from pantau.lake import Lake
from tests.lakes import ROOT, build_lake, keluarga_rows


def lake_with_two_batches(data_dir: Path) -> Path:
    """2024-06 imported twice (3 then 5 extreme-poor families) and 2024-09 once (2)."""
    build_lake(data_dir, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
    build_lake(
        data_dir,
        {"keluarga": {"2024-06": keluarga_rows([{}] * 5), "2024-09": keluarga_rows([{}] * 2)}},
    )
    return data_dir


def extreme_poor(data_dir: Path, periode: str) -> int:
    df = queries.engine(data_dir).run("keluarga_per_kecamatan", {"periode": periode})
    return int(df.iloc[-1]["keluarga_miskin_ekstrem"])


def current_file(data_dir: Path, periode: str) -> Path:
    lake = Lake(data_dir)
    entry = lake.manifest()["datasets"]["keluarga"][periode]
    batch = next(b for b in entry["batches"] if b["batch"] == entry["current"])
    return lake.root / batch["file"]


def test_truncated_batch_falls_back_to_the_last_good_batch_and_says_so(tmp_path):
    data = lake_with_two_batches(tmp_path / "d")
    assert extreme_poor(data, "2024-06") == 5
    path = current_file(data, "2024-06")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    # A new manifest version is what makes a running engine rebuild its views; a fresh
    # process sees the damage at once, like this new engine.
    queries._engines.clear()
    assert extreme_poor(data, "2024-06") == 3
    assert extreme_poor(data, "2024-09") == 2
    (problem,) = Lake(data).problems()
    assert "keluarga 2024-06" in problem and "hilang atau rusak" in problem and "dipakai" in problem


def test_manifest_pointing_at_a_missing_file_drops_only_that_period(tmp_path):
    data = lake_with_two_batches(tmp_path / "d")
    current_file(data, "2024-09").unlink()
    queries._engines.clear()
    periods = queries.engine(data).run("periode_list")["periode"].tolist()
    assert periods == ["2024-06"]
    assert extreme_poor(data, "2024-06") == 5
    (problem,) = Lake(data).problems()
    assert "2024-09" in problem and "tidak ditampilkan" in problem


def test_garbage_inside_a_batch_falls_back_to_the_last_good_batch(tmp_path):
    data = lake_with_two_batches(tmp_path / "d")
    path = current_file(data, "2024-06")
    blob = bytearray(path.read_bytes())
    blob[20:-20] = b"\x00" * (len(blob) - 40)  # the magic bytes at both ends survive
    path.write_bytes(bytes(blob))
    queries._engines.clear()
    assert extreme_poor(data, "2024-06") == 3
    assert extreme_poor(data, "2024-09") == 2
    (problem,) = Lake(data).problems()
    assert "keluarga 2024-06" in problem and "dipakai" in problem


def test_the_app_shows_the_problem_and_keeps_drawing(tmp_path, monkeypatch):
    data = lake_with_two_batches(tmp_path / "d")
    (data / "lake" / "DEMO").write_text("test")
    path = current_file(data, "2024-09")
    path.write_bytes(b"PAR1 broken")
    queries._engines.clear()
    monkeypatch.setenv("PANTAU_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["user"], at.session_state["role"] = "t", "kepala"
    at.session_state["last_seen"] = time.time()
    at.run()
    assert not at.exception
    assert any("2024-09" in e.value and "hilang atau rusak" in e.value for e in at.error)
    assert at.title[0].value == "Ringkasan" and at.metric[0].value == "5"


def cli(data: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@contextlib.contextmanager
def mounted(*command: str):
    try:
        subprocess.run(command, check=True, capture_output=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as err:
        pytest.skip(f"cannot mount here ({err}); this test needs root and mount")
    try:
        yield
    finally:
        subprocess.run(["umount", command[-1]], capture_output=True)


def big_csv(path: Path, rows: int) -> Path:
    """Valid families with incompressible addresses: megabytes of Parquet whatever the codec."""
    rng = random.Random(7)
    df = keluarga_rows(
        [
            {
                "nik_kepala": f"357501010180{1 + i % 9999:04d}",
                "alamat": base64.b64encode(rng.randbytes(150)).decode(),
            }
            for i in range(rows)
        ]
    )
    df.to_csv(path, index=False)
    return path


def test_full_disk_import_fails_cleanly_and_loaded_data_stays(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    with mounted("mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(disk)):
        data = disk / "data"
        build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 4)}})
        before = cli(data, "status", "--json").stdout
        result = cli(
            data,
            "import",
            big_csv(tmp_path / "besar.csv", 20000),
            "--jenis",
            "keluarga",
            "--periode",
            "2024-09",
        )
        assert result.returncode == 2
        assert result.stderr.strip().splitlines()[-1].startswith("Error: ")
        assert "Traceback" not in result.stderr and str(tmp_path) not in result.stderr
        assert cli(data, "status", "--json").stdout == before
        out = cli(data, "query", "keluarga_per_kecamatan", "--format", "csv").stdout
        assert out.strip().splitlines()[-1].endswith(",Kota Pasuruan,4,4,16")


def test_read_only_data_directory_serves_and_refuses_imports_plainly(tmp_path):
    data = tmp_path / "data"
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 4)}})
    small = tmp_path / "kecil.csv"
    keluarga_rows([{}] * 2).to_csv(small, index=False)
    with mounted("mount", "--bind", str(data), str(data)):
        subprocess.run(["mount", "-o", "remount,ro,bind", str(data)], check=True)
        before = cli(data, "status", "--json").stdout
        result = cli(data, "import", small, "--jenis", "keluarga", "--periode", "2024-09")
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert "tidak dapat ditulisi" in result.stderr.strip().splitlines()[-1]
        assert cli(data, "status", "--json").stdout == before
        out = cli(data, "query", "keluarga_per_kecamatan", "--format", "csv")
        assert out.returncode == 0 and out.stdout.strip().endswith(",Kota Pasuruan,4,4,16")
    assert import_files([small], "keluarga", "2024-09", data).accepted == 2  # writable again


# --- the server's refresh: pages never wait for a rebuild after an import ------------------------


def wait_for_version(eng, version: int, timeout: float = 30) -> int:
    deadline = time.monotonic() + timeout
    while (got := eng.refresh(block=False)) != version and time.monotonic() < deadline:
        time.sleep(0.02)
    return got


def test_server_refresh_serves_the_previous_views_while_a_rebuild_runs(tmp_path):
    data = tmp_path / "d"
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})
    queries._engines.clear()
    eng = queries.engine(data)
    assert extreme_poor(data, "2024-06") == 3
    old = eng.refresh()
    build_lake(data, {"keluarga": {"2024-06": keluarga_rows([{}] * 5)}})
    new = Lake(data).version()
    assert new > old
    # Another thread is rebuilding (it holds the lock): a page's query does not wait for it.
    eng._lock.acquire()
    try:
        t0 = time.monotonic()
        assert eng.refresh(block=False) == old
        df = eng.run("keluarga_per_kecamatan", {"periode": "2024-06"}, block=False)
        assert int(df.iloc[-1]["keluarga_miskin_ekstrem"]) == 3
        assert time.monotonic() - t0 < 5  # it would block forever on the held lock
    finally:
        eng._lock.release()
    # Nobody is rebuilding: the next page query starts the rebuild in a thread.
    assert wait_for_version(eng, new) == new
    df = eng.run("keluarga_per_kecamatan", {"periode": "2024-06"}, block=False)
    assert int(df.iloc[-1]["keluarga_miskin_ekstrem"]) == 5
    assert eng.problem is None


def test_server_refresh_that_cannot_build_keeps_the_old_views_and_says_why(tmp_path, monkeypatch):
    data = lake_with_two_batches(tmp_path / "d")
    queries._engines.clear()
    eng = queries.engine(data)
    assert extreme_poor(data, "2024-06") == 5
    old = eng.refresh()
    # A new version whose views DuckDB cannot build (the batch checks cannot see why).
    build_lake(data, {"keluarga": {"2024-12": keluarga_rows([{}] * 4)}})
    monkeypatch.setattr(
        queries, "_view_sql", lambda ds, files: f"SELECT * FROM read_parquet('{data}/x.parquet')"
    )
    eng.refresh(block=False)
    deadline = time.monotonic() + 30
    while eng.problem is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert eng.refresh(block=False) == old
    assert eng.problem.startswith("Data impor terbaru belum tampil, yang tampil data sebelumnya: ")
    assert eng.problem.endswith(".") and "\n" not in eng.problem
    assert str(tmp_path) not in eng.problem and "x.parquet" in eng.problem  # no server paths
    assert "2024-12" not in eng.run("periode_list", block=False)["periode"].tolist()

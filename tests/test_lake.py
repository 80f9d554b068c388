"""The lake's promises: a re-import keeps the old batch, rollback restores it, and an import
killed at any moment leaves what readers see byte-identical."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import GOOD_HEADER, GOOD_ROWS, ROOT, run_cli_process
from pantau.cli import main
from pantau.ingest import import_files
from pantau.lake import Lake

KELURAHAN = ["Tapa'an", "Trajeng", "Gentong", "Purworejo", "Kepel", "Kebonsari", "Bukir"]


def write_keluarga(path: Path, rows: int, start: int = 0, bad_every: int = 0) -> Path:
    """A keluarga CSV of `rows` families, built as plain text (200k rows in ~0.3 s); every
    `bad_every`-th row has a 15-digit NIK (rejected), when bad_every is set."""
    lines = [GOOD_HEADER + ",Miskin Ekstrem"]
    for i in range(start, start + rows):
        kel = KELURAHAN[i % len(KELURAHAN)]
        nik = f"35750{1 + i % 4}{i % 28 + 1:02d}0780{i % 9999 + 1:04d}"
        if bad_every and i % bad_every == 0:
            nik = nik[:15]
        ekstrem = "Ya" if i % 3 == 0 else "Tidak"
        lines.append(
            f"35750{1 + i % 4}{i:010d},{nik},Warga {i},{kel},,{i % 6 + 1},900000,{ekstrem}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli_output(*args) -> str:
    """stdout of `python -m pantau args…`, run through the CLI's main() in this process.

    The same code writes the same bytes as a subprocess would; a fresh data directory gets
    a fresh query engine, so nothing is cached across directories. In-process keeps the kill
    tests inside their time budget on a busy machine.
    """
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([str(a) for a in args])
    assert code == 0
    return out.getvalue()


def query_csv(data_dir: Path) -> str:
    return cli_output("--data", data_dir, "query", "keluarga_per_kecamatan", "--format", "csv")


def status_text(data_dir: Path) -> str:
    return cli_output("--data", data_dir, "status", "--json")


def current(data_dir: Path, periode: str = "2024-06") -> dict:
    return json.loads(status_text(data_dir))["datasets"]["keluarga"][periode]


# --- re-import and rollback ------------------------------------------------------------------


@pytest.fixture
def two_batches(data_dir, write_csv):
    first = import_files(
        [write_csv("juni_a.csv", [GOOD_HEADER, *GOOD_ROWS])], "keluarga", "2024-06", data_dir
    )
    second = import_files(
        [write_keluarga(data_dir.parent / "juni_b.csv", 5, start=100)],
        "keluarga",
        "2024-06",
        data_dir,
    )
    return first, second


def test_reimport_makes_the_new_batch_current_and_keeps_the_old(two_batches, data_dir, lake_rows):
    first, second = two_batches
    entry = current(data_dir)
    assert entry["current"] == second.batch
    assert [b["batch"] for b in entry["batches"]] == [first.batch, second.batch]
    assert (entry["rows"], [b["rows"] for b in entry["batches"]]) == (5, [2, 5])
    assert [r["nama_kepala"] for r in lake_rows(data_dir, order="nama_kepala")] == [
        f"Warga {i}" for i in range(100, 105)
    ]
    old = Lake(data_dir).batch_path("keluarga", "2024-06", first.batch)
    assert old.is_file()  # kept for rollback


def test_rollback_restores_the_previous_batch(two_batches, data_dir, lake_rows, cli):
    first, _ = two_batches
    before = query_csv(data_dir)
    proc = cli("rollback", "--jenis", "keluarga", "--periode", "2024-06", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    assert first.batch in proc.stdout
    entry = current(data_dir)
    assert (entry["current"], entry["rows"], len(entry["batches"])) == (first.batch, 2, 2)
    assert [r["no_kk"] for r in lake_rows(data_dir)] == ["3575031234560001", "3575041234560002"]
    after = query_csv(data_dir)
    assert after != before
    totals = after.strip().splitlines()[-1].split(",")
    assert totals[2:4] == ["Kota Pasuruan", "2"]  # the city total is the first batch's 2 families


def test_rollback_without_a_previous_batch_is_a_clear_error(data_dir, good_batch, cli):
    before = status_text(data_dir)
    proc = cli("rollback", "--jenis", "keluarga", "--periode", "2024-06", data_dir=data_dir)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.splitlines() == [
        "Error: Tidak ada batch sebelumnya untuk keluarga periode 2024-06; "
        "tidak ada yang dapat dikembalikan."
    ]
    assert status_text(data_dir) == before


def test_rollback_of_a_period_never_imported_is_a_clear_error(data_dir, good_batch, cli):
    proc = cli("rollback", "--jenis", "keluarga", "--periode", "2023-01", data_dir=data_dir)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["Error: Belum ada data keluarga untuk periode 2023-01."]


# --- the kill test ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    """A lake with one small batch, its status and query output, a 200k-row export, and how
    long a CLI import of that export takes here and now to reach its commit (the manifest
    swap). The kill moments are shares of that time, so they fall inside the import, before
    the commit, on a fast machine and a loaded one alike."""
    root = tmp_path_factory.mktemp("kill")
    data = root / "data"
    small = root / "kecil.csv"
    small.write_text("\n".join([GOOD_HEADER, *GOOD_ROWS]) + "\n", encoding="utf-8")
    import_files([small], "keluarga", "2024-06", data)
    # A quarter of its rows rejected: the notes file (the rejected rows) takes long enough to
    # write that 'writing notes' is a moment the kill can hit.
    big = write_keluarga(root / "besar.csv", 200_000, start=1000, bad_every=4)
    trial = root / "trial"
    shutil.copytree(data, trial)
    before = manifest_stamp(trial)
    t0 = time.monotonic()
    proc, _ = start_import(trial, big)
    to_commit = None
    while proc.poll() is None:
        if to_commit is None and manifest_stamp(trial) != before:
            to_commit = time.monotonic() - t0
        time.sleep(0.002)
    assert proc.wait(timeout=300) == 0
    assert manifest_stamp(trial) != before
    return data, status_text(data), query_csv(data), big, to_commit or time.monotonic() - t0


def manifest_stamp(data_dir: Path):
    """What changes when an import commits: the manifest is replaced (a new inode)."""
    st = (data_dir / "lake" / "manifest.json").stat()
    return st.st_ino, st.st_mtime_ns, st.st_size


def start_import(data_dir: Path, path: Path):
    """`python -m pantau import` with its progress lines collected as they come."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pantau", "--data", str(data_dir), "import", str(path)]
        + ["--jenis", "keluarga", "--periode", "2024-06"],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(proc.stderr), daemon=True).start()
    return proc, lines


def temp_files(data_dir: Path, where: str) -> list[Path]:
    base = data_dir / where
    return list(base.rglob(".tmp-*")) if base.exists() else []


def reached(
    moment: str, elapsed: float, lines: list[str], data_dir: Path, since: dict, full: float
) -> bool:
    if moment.endswith("%"):  # a share of the time a whole import took in the baseline
        return elapsed >= float(moment.removesuffix("%")) / 100 * full
    if moment == "checking":  # DuckDB is parsing and checking rows, under the lake's lock
        if any("Memeriksa baris" in line for line in lines):
            since.setdefault("t", elapsed)
        return "t" in since and elapsed - since["t"] >= 0.3
    if moment == "writing data":  # COPY … TO lake/…/.tmp-<batch>.parquet is running
        return bool(temp_files(data_dir, "lake"))
    if moment == "writing notes":  # data written, rejects/.tmp-<batch>.parquet being written
        return bool(temp_files(data_dir, "rejects"))
    raise ValueError(moment)


def kill_when(data_dir: Path, path: Path, moment: str, full: float = 0.0, base=None) -> None:
    """Start an import and SIGKILL it the moment `moment` is reached, before its commit; fail
    if that never happens.

    A share of the baseline's time can fall after the commit when the machine is less busy
    than it was for the baseline: then (given `base`) the lake is put back as it was and the
    moment is taken again as a share of the time to the commit just seen, up to three times."""
    for _ in range(4):
        before = manifest_stamp(data_dir)
        proc, lines = start_import(data_dir, path)
        t0, since, hit, committed = time.monotonic(), {}, False, None
        while proc.poll() is None and time.monotonic() - t0 < 60:
            elapsed = time.monotonic() - t0
            if manifest_stamp(data_dir) != before:
                committed = elapsed
                break
            if reached(moment, elapsed, lines, data_dir, since, full):
                hit = True
                break
            time.sleep(0.002)
        if hit:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if hit and manifest_stamp(data_dir) != before:  # the swap came between check and kill
            hit, committed = False, time.monotonic() - t0
        if hit or base is None or not moment.endswith("%") or committed is None:
            break
        full = committed * 0.9
        shutil.rmtree(data_dir)
        shutil.copytree(base, data_dir)
    assert hit and proc.returncode == -signal.SIGKILL, (
        f"the import committed or ended ({proc.returncode}) before '{moment}': {lines}"
    )


MOMENTS = ["10%", "35%", "60%", "checking", "writing data", "writing notes"]


@pytest.mark.parametrize("moment", MOMENTS)
def test_killed_import_leaves_status_and_queries_byte_identical(baseline, tmp_path, moment):
    base, status_before, query_before, big, full = baseline
    data = tmp_path / "data"
    shutil.copytree(base, data)
    kill_when(data, big, moment, full, base=base)
    assert status_text(data) == status_before
    assert query_csv(data) == query_before


def test_import_after_a_killed_one_works_and_sweeps_the_debris(baseline, tmp_path, lake_rows):
    base, _, query_before, big, _ = baseline
    data = tmp_path / "data"
    shutil.copytree(base, data)
    kill_when(data, big, "writing notes")
    assert temp_files(data, "lake") and temp_files(data, "rejects")  # what the kill left
    proc = run_cli_process(
        "import", big, "--jenis", "keluarga", "--periode", "2024-06", "--json", data_dir=data
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert (summary["read"], summary["accepted"], summary["rejected"]) == (
        200_000,
        150_000,
        50_000,
    )
    entry = current(data)
    assert (entry["current"], entry["rows"], len(entry["batches"])) == (
        summary["batch"],
        150_000,
        2,
    )
    assert query_csv(data) != query_before
    assert temp_files(data, "lake") == [] and temp_files(data, "rejects") == []
    # Only the files the manifest names are left: no half-written batch or orphan notes.
    named = {b["batch"] for b in entry["batches"]}
    assert {p.stem for p in (data / "lake").rglob("*.parquet")} == named
    assert {p.stem for p in (data / "rejects").glob("*.parquet")} == named
    assert len(lake_rows(data)) == 150_000

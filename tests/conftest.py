"""Shared fixtures: a fresh data directory, the CLI as a user runs it, and lake read-backs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]

# The longest test files, collected first. The suite's two workers take whole files
# (`--dist loadfile`, scripts/test) in collection order, so a long file collected last runs
# alone at the end while the other worker idles. Ranked by the durations of full runs (README,
# "the last full run"); the other files keep their order. test_concurrency is not among
# them: it keeps the place of the runs it passed in (one session of its walk timed out beside
# other browser tests in the run of 3 December, and passed alone).
FIRST = (
    "test_paparan_periods_page.py",
    "test_paparan_periods.py",
    "test_paparan_browser.py",
    "test_browser.py",
    "test_downloads_browser.py",
    "test_faults.py",
    "test_lake.py",
    "test_ingest_bad_input.py",
    "test_tuban.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(FIRST)))  # stable


# A header and two families every importer test can start from: valid NIKs (a woman born
# 05-07-1980 and a man born 15-07-1980), real kelurahan, money in two spellings.
GOOD_HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART,Pengeluaran"
GOOD_ROWS = [
    "3575031234560001,3575034507800002,Siti Aminah,Tapa'an,Bugul Kidul,4,Rp 1.250.000",
    "3575041234560002,3575041507800003,Budi Santoso,Trajeng,Panggungrejo,3,900000",
]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data directory (the lake, rejects and DuckDB spill files go under it)."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def write_csv(tmp_path: Path):
    """Write lines (or raw bytes) as a file under tmp_path and return its path."""

    def write(name: str, lines: list[str] | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        if isinstance(lines, bytes):
            path.write_bytes(lines)
        else:
            path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
        return path

    return write


def run_cli_process(*args, data_dir: Path, env: dict | None = None, **kwargs):
    """`python -m pantau --data DIR args…` as a user runs it, from the project root."""
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.pop("PANTAU_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data_dir), *map(str, args)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture
def cli():
    """Run the CLI in a subprocess: cli(*args, data_dir=…, env=…) -> CompletedProcess."""
    return run_cli_process


@pytest.fixture
def status_json(cli):
    """The exact text of `status --json` (compared byte for byte before and after)."""

    def status(data_dir: Path) -> str:
        proc = cli("status", "--json", data_dir=data_dir)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    return status


@pytest.fixture
def good_batch(data_dir: Path, write_csv):
    """A small accepted keluarga batch for 2024-06, so 'nothing changed' has something to keep."""
    from pantau.ingest import import_files

    path = write_csv("baik.csv", [GOOD_HEADER, *GOOD_ROWS])
    summary = import_files([path], "keluarga", "2024-06", data_dir)
    assert (summary.accepted, summary.rejected) == (2, 0), summary.reasons
    return summary


@pytest.fixture
def lake_rows():
    """Rows of the current batches of a dataset, read back from the lake's Parquet files."""

    def rows(data_dir: Path, jenis: str = "keluarga", order: str = "no_kk") -> list[dict]:
        from pantau.lake import Lake

        files = [str(f) for f in Lake(data_dir).current_files(jenis)]
        assert files, f"no current {jenis} batch"
        con = duckdb.connect()
        try:
            cur = con.execute(f"SELECT * FROM read_parquet({files!r}) ORDER BY {order}")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            con.close()

    return rows


@pytest.fixture
def notes():
    """Rejects and warnings of one batch, from data_dir/rejects/<batch>.parquet."""

    def read(data_dir: Path, batch: str) -> list[dict]:
        path = data_dir / "rejects" / f"{batch}.parquet"
        con = duckdb.connect()
        try:
            cur = con.execute(f"SELECT * FROM read_parquet('{path}') ORDER BY baris, tingkat")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
        finally:
            con.close()

    return read


@pytest.fixture
def import_json(capsys):
    """`import FILE --json` through the CLI's own main(), in-process: (exit code, summary)."""
    from pantau.cli import main

    def run(path: Path, data_dir: Path, jenis: str = "keluarga", periode: str = "2024-06"):
        code = main(
            ["--data", str(data_dir), "import", str(path), "--jenis", jenis, "--periode", periode]
            + ["--json"]
        )
        out, err = capsys.readouterr()
        return code, (json.loads(out) if code == 0 else err)

    return run

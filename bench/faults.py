"""Kill an import at random moments (50 runs by default) and check the lake after each kill.

After every SIGKILL, `status --json` and a named query must be byte-identical to before, and
the next import must work. Writes a section of bench/RESULTS.md.

    python bench/faults.py [--runs 50] [--rows 150000] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.lakes import keluarga_rows  # noqa: E402

SECTION = "## Faults: imports killed at random moments (issue 5, part 3)"


def cli(data: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), *map(str, args)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def snapshot(data: Path) -> tuple[str, str]:
    status = cli(data, "status", "--json").stdout
    query = cli(data, "query", "keluarga_per_kecamatan", "--format", "csv").stdout
    return status, query


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--rows", type=int, default=150_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        data = tmp / "data"
        small = tmp / "awal.csv"
        keluarga_rows([{}] * 50).to_csv(small, index=False)
        assert (
            cli(data, "import", small, "--jenis", "keluarga", "--periode", "2024-06").returncode
            == 0
        )
        big = tmp / "besar.csv"
        keluarga_rows(
            [{"nik_kepala": f"357501010180{1 + i % 9999:04d}"} for i in range(args.rows)]
        ).to_csv(big, index=False)
        before = snapshot(data)
        t0 = time.perf_counter()
        probe = tmp / "probe"
        assert (
            cli(probe, "import", big, "--jenis", "keluarga", "--periode", "2024-09").returncode == 0
        )
        full = time.perf_counter() - t0
        complete = snapshot(probe)[1]  # what readers see once a full import is committed
        identical, finished, committed, broken = 0, 0, 0, []
        for _ in range(args.runs):
            delay = rng.uniform(0.05, full * 1.05)
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "pantau",
                    "--data",
                    str(data),
                    "import",
                    str(big),
                    "--jenis",
                    "keluarga",
                    "--periode",
                    "2024-09",
                ],
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                now = snapshot(data)
                if now == before:
                    identical += 1
                elif now[1] == complete:
                    # Killed after the manifest swap (its commit point): a whole import.
                    committed += 1
                    cli(data, "rollback", "--jenis", "keluarga", "--periode", "2024-09")
                    before = snapshot(data)
                else:
                    broken.append(round(delay, 2))
            else:  # it finished before the kill: roll it back, and that state is the new baseline
                finished += 1
                cli(data, "rollback", "--jenis", "keluarga", "--periode", "2024-09")
                before = snapshot(data)
        killed = args.runs - finished
        assert identical + committed + len(broken) == killed
        after_ok = (
            cli(data, "import", big, "--jenis", "keluarga", "--periode", "2024-10").returncode == 0
        )
    machine = f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"
    text = (
        f"{SECTION}\n\n"
        f"{dt.date.today().isoformat()}, {machine}. {args.runs} runs of `python -m pantau import` of a "
        f"{args.rows:,}-row keluarga CSV (a full import takes {full:.1f} s here), each killed with "
        f"SIGKILL after a random delay between 0,05 s and {full * 1.05:.1f} s (seed {args.seed}).\n\n"
        f"| runs | killed while running | exited before the kill | lake as before | whole import (killed after its commit) | anything else | next import works |\n"
        f"|---|---|---|---|---|---|---|\n"
        f"| {args.runs} | {killed} | {finished} | {identical} | {committed} | {len(broken)} {broken or ''} | {'yes' if after_ok else 'NO'} |\n\n"
        "Identical means `status --json` and `query keluarga_per_kecamatan --format csv` are byte "
        "for byte what they were before the import started; 'whole import' means readers see exactly "
        "what a completed import shows (the process was killed after the manifest swap, while "
        "exiting). 'Anything else' would be a half-loaded lake. A run that finished before its kill "
        "is rolled back (which adds a batch to the history and bumps the manifest version), and "
        "the state after that rollback is the baseline for the next run.\n"
    )
    write_section(text)
    print(text)


def write_section(text: str) -> None:
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text() if results.exists() else "# Benchmarks\n"
    if SECTION in old:
        start = old.index(SECTION)
        end = old.find("\n## ", start + len(SECTION))
        old = old[:start] + (old[end + 1 :] if end != -1 else "")
    results.write_text(old.rstrip() + "\n\n" + text)


if __name__ == "__main__":
    main()

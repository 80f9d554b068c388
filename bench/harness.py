"""What every benchmark shares: timing a callable (best, median, CPU), the machine line, and
writing its section of bench/RESULTS.md in place (other sections kept as they are).

A section is a Markdown heading line (`## Pages (issue 2)`, `### 50.000 keluarga`) and what
follows it up to the next heading of the same or a higher level; headings inside code fences
do not count.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


# --- timing -----------------------------------------------------------------------------------


def cpu_seconds() -> float:
    """CPU time of this process, all threads (DuckDB's workers included)."""
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


@dataclass(frozen=True)
class Timing:
    walls: tuple[float, ...]  # seconds per call, in call order
    cpus: tuple[float, ...]  # CPU seconds per call

    @property
    def best(self) -> float:
        return min(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpus)


def time_call(
    fn: Callable[[], object],
    repeat: int,
    clock: Callable[[], float] = time.perf_counter,
    cpu_clock: Callable[[], float] = cpu_seconds,
) -> Timing:
    """Call `fn` `repeat` times; each call's wall and CPU seconds."""
    if repeat < 1:
        raise ValueError("repeat must be at least 1")
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = clock(), cpu_clock()
        fn()
        walls.append(clock() - t)
        cpus.append(cpu_clock() - c)
    return Timing(tuple(walls), tuple(cpus))


# --- the machine ------------------------------------------------------------------------------


def machine() -> dict:
    """Cores, RAM, Python and DuckDB versions and the load average, now."""
    import duckdb

    return {
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "ram_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "load": tuple(round(x, 2) for x in os.getloadavg()),
    }


def machine_line(m: dict | None = None) -> str:
    """'x86_64, 2 cores, 7.8 GB RAM, Python 3.11.7, DuckDB 1.4.1; load average 0.52, 0.40,
    0.31' — the machine as a RESULTS.md section states it."""
    m = m or machine()
    return (
        f"{m['arch']}, {m['cores']} cores, {m['ram_gb']:.1f} GB RAM, Python {m['python']}, "
        f"DuckDB {m['duckdb']}; load average {', '.join(f'{x:.2f}' for x in m['load'])}"
    )


# --- RESULTS.md sections ----------------------------------------------------------------------


def _level(line: str) -> int:
    """The heading level of a Markdown line (0: not a heading)."""
    hashes = len(line) - len(line.lstrip("#"))
    return hashes if 0 < hashes <= 6 and line[hashes : hashes + 1] == " " else 0


def _headings(lines: Sequence[str]) -> list[tuple[int, int]]:
    """(index, level) of each heading line outside code fences."""
    out, fenced = [], False
    for i, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        elif not fenced and (level := _level(line)):
            out.append((i, level))
    return out


def _span(lines: Sequence[str], heading: str, lo: int = 0, hi: int | None = None):
    """(start, end) line indexes of the section `heading` within lines[lo:hi], or None."""
    hi = len(lines) if hi is None else hi
    heads = [(i, lv) for i, lv in _headings(lines) if lo <= i < hi]
    for n, (i, level) in enumerate(heads):
        if lines[i].rstrip() == heading.rstrip():
            end = next((j for j, lv in heads[n + 1 :] if lv <= level), hi)
            return i, end
    return None


def replace_section(text: str, heading: str, body: str, parent: str | None = None) -> str:
    """`text` with the section `heading` replaced by `heading` + `body` (appended when absent).

    With `parent`, the section is looked for and added within that section (the parent is
    appended, heading only, when it is absent too). Nothing else changes.
    """
    lines = text.rstrip("\n").split("\n") if text.strip() else []
    new = [heading.rstrip(), "", *body.strip("\n").split("\n"), ""]
    lo, hi = 0, len(lines)
    if parent is not None:
        found = _span(lines, parent)
        if found is None:
            lines += ["", parent.rstrip(), ""] if lines else [parent.rstrip(), ""]
            found = (len(lines) - 2, len(lines))
        lo, hi = found[0] + 1, found[1]
    span = _span(lines, heading, lo, hi)
    if span is None:
        before = lines[:hi]
        while before and before[-1] == "":
            before.pop()
        sep = [""] if before else []
        out = before + sep + new + lines[hi:]
    else:
        out = lines[: span[0]] + new + lines[span[1] :]
    return "\n".join(out).rstrip("\n") + "\n"


def write_section(heading: str, body: str, parent: str | None = None, path: Path = RESULTS):
    """Replace (or add) the section `heading` of RESULTS.md; see `replace_section`."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    path.write_text(replace_section(old, heading, body, parent), encoding="utf-8")

"""Where data lives and the limits the engine runs under, from flags, environment or defaults."""

from __future__ import annotations

import contextlib
import contextvars
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
QUERIES_DIR = ROOT / "queries"
WILAYAH_CSV = ROOT / "geo" / "wilayah.csv"


# The data directory a report is being built for (`serving`): the region, its maps and its
# words then come from that directory, not from $PANTAU_DATA's, for the code that asks
# `data_dir()` without naming one (pantau.wilayah.dari, the map builders).
_SERVING: contextvars.ContextVar[Path | None] = contextvars.ContextVar("pantau_data", default=None)


def data_dir(arg: str | os.PathLike | None = None) -> Path:
    """The data directory: `--data DIR`, else the one `serving` names, else $PANTAU_DATA, else
    `data/` in the project."""
    if arg:
        return Path(arg)
    if (chosen := _SERVING.get()) is not None:
        return chosen
    env = os.environ.get("PANTAU_DATA")
    return Path(env) if env else ROOT / "data"


@contextlib.contextmanager
def serving(arg: str | os.PathLike):
    """Within the block, `data_dir()` is `arg`: a deck or report built from Python for a data
    directory other than $PANTAU_DATA's takes that directory's region, maps and words."""
    token = _SERVING.set(Path(arg))
    try:
        yield
    finally:
        _SERVING.reset(token)


def max_import_bytes() -> int:
    """Largest file an import accepts, in bytes ($PANTAU_MAX_MB, default 1024 MB)."""
    return int(float(os.environ.get("PANTAU_MAX_MB", "1024")) * 1024 * 1024)


def duckdb_threads() -> int:
    return int(os.environ.get("PANTAU_THREADS", str(os.cpu_count() or 2)))


def duckdb_memory_limit() -> str:
    return os.environ.get("PANTAU_MEMORY_LIMIT", "1GB")

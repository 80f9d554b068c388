"""Where data lives and the limits the engine runs under, from flags, environment or defaults."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_DIR = ROOT / "data" / "reference"
QUERIES_DIR = ROOT / "queries"
WILAYAH_CSV = ROOT / "geo" / "wilayah.csv"


def data_dir(arg: str | os.PathLike | None = None) -> Path:
    """The data directory: `--data DIR`, else $PANTAU_DATA, else `data/` in the project."""
    if arg:
        return Path(arg)
    env = os.environ.get("PANTAU_DATA")
    return Path(env) if env else ROOT / "data"


def max_import_bytes() -> int:
    """Largest file an import accepts, in bytes ($PANTAU_MAX_MB, default 1024 MB)."""
    return int(float(os.environ.get("PANTAU_MAX_MB", "1024")) * 1024 * 1024)


def duckdb_threads() -> int:
    return int(os.environ.get("PANTAU_THREADS", str(os.cpu_count() or 2)))


def duckdb_memory_limit() -> str:
    return os.environ.get("PANTAU_MEMORY_LIMIT", "1GB")

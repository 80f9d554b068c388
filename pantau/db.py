"""The one DuckDB connection setup: every connection the engine, the importer and the lake
open is made here, with the same limits and with extension auto-install and auto-load off (a
missing extension would otherwise be downloaded at run time: the dashboard works offline)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pantau.config import duckdb_memory_limit, duckdb_threads


def connect(temp_directory: Path | None = None, **settings) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection under the configured threads and memory limit
    ($PANTAU_THREADS, $PANTAU_MEMORY_LIMIT); `temp_directory` holds its spill files (they hold
    rows too: the importer puts them in the data directory's private folder); `settings` are
    further DuckDB options (preserve_insertion_order, enable_external_access, …)."""
    config = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
        "threads": duckdb_threads(),
        "memory_limit": duckdb_memory_limit(),
        **settings,
    }
    if temp_directory is not None:
        config["temp_directory"] = str(temp_directory)
    return duckdb.connect(config=config)

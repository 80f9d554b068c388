"""One DuckDB connection setup (pantau/db.py): the engine, the importer, the lake's checks and
the field-verification writer all connect through it, with the same limits and with extension
auto-install off (the dashboard works offline)."""

from __future__ import annotations

import re
from pathlib import Path

from pantau import db

ROOT = Path(__file__).resolve().parents[1]


def _setting(con, name: str) -> str:
    return con.execute("SELECT current_setting(?)", [name]).fetchone()[0]


def test_a_connection_has_the_configured_limits_and_no_extension_downloads(monkeypatch, tmp_path):
    monkeypatch.setenv("PANTAU_THREADS", "1")
    monkeypatch.setenv("PANTAU_MEMORY_LIMIT", "300MB")
    con = db.connect(tmp_path / "spill", preserve_insertion_order=False)
    try:
        assert _setting(con, "threads") == 1
        # DuckDB reports the limit in its own units: 300 MB = 286.1 MiB
        assert _setting(con, "memory_limit") == "286.1 MiB"
        assert _setting(con, "autoinstall_known_extensions") is False
        assert _setting(con, "autoload_known_extensions") is False
        assert _setting(con, "preserve_insertion_order") is False
        assert _setting(con, "temp_directory") == str(tmp_path / "spill")
    finally:
        con.close()


def test_no_module_connects_to_duckdb_but_db():
    pattern = re.compile(r"duckdb\.connect\(")
    found = [
        str(p.relative_to(ROOT))
        for folder in ("pantau", "pages")
        for p in sorted((ROOT / folder).rglob("*.py"))
        if p.name != "db.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []

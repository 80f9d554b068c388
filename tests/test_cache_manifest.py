"""The engine parses manifest.json again only when its bytes change (issue 16: every query of a
page view asks the engine for its version, and parsing and checking the manifest each time was
a large part of a warm view). An import, a rewrite with other bytes, a damaged file and its
repair are all seen.

The lake: one keluarga period 2024-06 of 3 families in Panggungrejo, then 2024-09 of 5.
"""

from __future__ import annotations

import json

import pytest
from lakes import build_lake, keluarga_rows

from pantau import queries
from pantau.ingest import import_files


@pytest.fixture()
def lake(tmp_path):
    return build_lake(tmp_path / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 3)}})


def counting(engine):
    """Count the engine's manifest parses (Lake.manifest: read, json, every batch checked)."""
    calls = []
    inner = engine.lake.manifest

    def manifest():
        calls.append(1)
        return inner()

    engine.lake.manifest = manifest
    return calls


def periods(engine) -> list[str]:
    return (
        engine.con.execute("SELECT DISTINCT periode FROM keluarga ORDER BY 1")
        .df()["periode"]
        .tolist()
    )


def test_an_unchanged_manifest_is_not_parsed_again_and_an_import_is_seen(lake):
    eng = queries.Engine(lake)
    first = eng.refresh()
    calls = counting(eng)
    assert [eng.refresh() for _ in range(3)] == [first] * 3
    assert calls == []  # three checks, each one file read
    csv = lake / "exports" / "k.csv"
    keluarga_rows([{}] * 5).to_csv(csv, index=False)
    import_files([csv], "keluarga", "2024-09", lake)
    second = eng.refresh()
    assert second > first and len(calls) == 1
    assert periods(eng) == ["2024-06", "2024-09"]
    assert eng.refresh() == second and len(calls) == 1


def test_other_bytes_are_parsed_again_even_for_the_same_version(lake):
    eng = queries.Engine(lake)
    version = eng.refresh()
    calls = counting(eng)
    path = eng.lake.manifest_path
    path.write_text(json.dumps(json.loads(path.read_text()), indent=4), encoding="utf-8")
    assert eng.refresh() == version and len(calls) == 1
    assert eng.refresh() == version and len(calls) == 1  # the new bytes are known now


def test_a_damaged_manifest_is_parsed_on_every_check_and_its_repair_is_seen(lake):
    eng = queries.Engine(lake)
    version = eng.refresh()
    calls = counting(eng)
    path = eng.lake.manifest_path
    good = path.read_bytes()
    path.write_text('{"version": ', encoding="utf-8")  # cut off: the last good copy is served
    assert eng.refresh() == version and eng.refresh() == version
    assert len(calls) == 2  # never taken as known: its repair must be seen
    assert eng.lake.manifest_problem is not None
    path.write_bytes(good)  # repaired to the very bytes parsed cleanly before: known again
    assert eng.refresh() == version and len(calls) == 2
    assert eng.lake.manifest_problem is None
    path.write_text(json.dumps(json.loads(good), indent=3), encoding="utf-8")
    assert eng.refresh() == version and len(calls) == 3  # a repair with other bytes: parsed
    assert eng.lake.manifest_problem is None

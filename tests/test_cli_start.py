"""`python -m pantau` loads what its command needs: the parser registers every command
(`report` among them) without importing the deck's slides, whose maps pull in geopandas and
esda (seconds of start-up that `status`, `query` and `import` used to pay on every run)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.lakes import ROOT

HEAVY = ["pantau.report.deck", "pantau.report.slides", "pantau.peta", "pantau.geo", "esda"]


def loaded_after(code: str) -> dict[str, bool]:
    probe = (
        f"import json, sys\n{code}\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY!r}}}))"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(run.stdout)


def test_building_the_parser_loads_no_slide_nor_map_module():
    loaded = loaded_after("from pantau import cli\nparser = cli._parser()")
    assert loaded == dict.fromkeys(HEAVY, False)


def test_the_report_package_still_gives_its_names_on_first_use():
    loaded = loaded_after("from pantau.report import build_deck, Deck\nassert callable(build_deck)")
    assert loaded["pantau.report.deck"] and loaded["pantau.report.slides"]

"""The words pages and reports share live in pantau/teks.py: one definition of coverage, of the
target and of each medium's confidentiality note, so a page and a slide cannot disagree."""

from __future__ import annotations

import re
from pathlib import Path

from pantau import teks
from pantau.report.slides import common
from pantau.report.slides import target as target_slide

ROOT = Path(__file__).resolve().parents[1]
SHARED = ("TERCAKUP", "TARGET", "TARGET_RATE", "TARGET_NASIONAL", "RAHASIA", "LEGENDA_TAMU")


def test_polos_drops_the_emphasis_marks_and_keeps_every_word():
    md = "**Cakupan bansos** = tercakup *tersalur* dalam **12 bulan**; 3 * 4 tetap"
    assert teks.polos(md) == "Cakupan bansos = tercakup tersalur dalam 12 bulan; 3 * 4 tetap"


def test_the_slides_coverage_definition_is_the_pages_without_markup():
    assert common.TERCAKUP == teks.TERCAKUP == teks.polos(teks.TERCAKUP_MD)
    assert "*" not in teks.TERCAKUP
    # the clauses the two used to word differently (the page named training, the deck did not)
    for clause in (
        "modal usaha, pelatihan",
        "ekspor KUBE terakhir",
        "kepesertaan bukan penerimaan",
    ):
        assert clause in teks.TERCAKUP_MD and clause in common.TERCAKUP
    assert target_slide.TARGET_RATE is teks.TARGET_RATE


def test_no_module_but_teks_writes_a_shared_text_of_its_own():
    own = re.compile(rf"^({'|'.join(SHARED)})\w* = [(\"]", re.M)
    found = [
        f"{p.relative_to(ROOT)}: {m.group(0)}"
        for folder in ("pantau", "pages")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "teks.py"
        for m in own.finditer(p.read_text(encoding="utf-8"))
    ]
    assert found == []

"""The five questions of a Kepala Dinas (issue 12 §4), answered on Ringkasan within two clicks
after sign-in, in headless Chromium on the demo lake: the test clicks as a Kepala would, reads
each answer from the page, and records the clicks and seconds per question in
artifacts/five_questions.json (a record, not a timed assertion; speed belongs to bench/)."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import pytest
from pptx import Presentation

from tests.lakes import ROOT
from tests.test_browser import login, settle

pytestmark = pytest.mark.browser
RECORD = ROOT / "artifacts" / "five_questions.json"
SHOTS = ROOT / "artifacts" / "screenshots" / "ringkasan"


def tab(page, name: str) -> str:
    """Click the tab `name` (one click) and return the text of its open panel."""
    page.get_by_role("tab", name=name).click()
    panel = page.locator('[data-testid="stTabs"] [role="tabpanel"]:not([hidden])').first
    panel.wait_for(state="visible", timeout=60000)
    time.sleep(0.5)
    # a sortable table is drawn on a canvas; its cells are in the grid's accessible table
    return (
        panel.inner_text()
        + "\n"
        + panel.evaluate("e => [...e.querySelectorAll('table')].map(t => t.innerText).join('\\n')")
    )


@pytest.mark.parametrize("role", ["kepala", "tamu"])
def test_ringkasan_answers_the_five_questions_within_two_clicks(server, browser, role):  # noqa: F811
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, accept_downloads=True, locale="id-ID"
    )
    page = context.new_page()
    login(page, server, role)  # lands on Ringkasan
    page.wait_for_selector('[data-testid="stTabs"]', timeout=90000)
    settle(page, charts=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{role}_1366x768.png"))
    record = []

    def ask(question: str, clicks: int, start: float, answer: str) -> None:
        record.append(
            {
                "pertanyaan": question,
                "klik": clicks,
                "detik": round(time.time() - start, 1),
                "jawaban": answer[:300],
            }
        )
        assert clicks <= 2 and answer, question

    # 1. how many remain, city and per kecamatan, and how it changed
    t = time.time()
    text = tab(page, "Per kecamatan")
    assert "Kota Pasuruan" in text and "Perubahan sejak" in text
    for kec in ("Gadingrejo", "Purworejo", "Bugul Kidul", "Panggungrejo"):
        assert kec in text
    ask("Berapa keluarga miskin ekstrem tersisa, per kecamatan, dan perubahannya", 1, t, text)
    # 2. the five worst kelurahan and whether they are significant clusters
    t = time.time()
    text = tab(page, "5 kelurahan prioritas")
    # the ranking and the cluster column in one table: five kelurahan, each with its label
    assert "Klaster" in text and "Kantong" in text
    ranked = page.locator('[data-testid="stTabs"] [role="tabpanel"]:not([hidden]) table tr')
    assert ranked.count() == 6  # header + 5
    ask("5 kelurahan kantong terburuk dan status klasternya", 1, t, text)
    # 3. how many no programme has reached, and where, in words
    t = time.time()
    text = tab(page, "Belum terjangkau")
    assert re.search(r"belum tercakup program apa pun.*Kec\. \w+", text, re.S)
    ask("Berapa yang belum terjangkau program apa pun, dan di mana", 1, t, text)
    # 4. whether modal usaha raised income, and how many left extreme poverty
    t = time.time()
    text = tab(page, "Modal usaha")
    assert "Keluarga keluar dari kemiskinan ekstrem sejak 1 Januari" in text
    ask("Apakah modal usaha menaikkan pendapatan, dan berapa yang keluar", 1, t, text)
    # 5. a PowerPoint in hand: the tab, then the button
    t = time.time()
    tab(page, "Paparan (PowerPoint)")
    with page.expect_download(timeout=240000) as dl:
        page.get_by_role("button", name="Unduh PowerPoint paparan").click()
    download = dl.value
    prs = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    assert download.suggested_filename.endswith(".pptx") and len(prs.slides) == 8
    # which version: the guest's (small counts hidden, for DPRD) or the internal one
    versi = "publik" if role == "tamu" else "internal"
    assert download.suggested_filename.endswith(f"_{versi}.pptx")
    ask("PowerPoint untuk DPRD", 2, t, download.suggested_filename)
    # and the target, on the same page
    text = tab(page, "Target 2026")
    assert "Perlu turun per triwulan" in text and "Asumsi proyeksi" in text
    page.screenshot(path=str(SHOTS / f"{role}_1366x768_target.png"))
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    old = json.loads(RECORD.read_text()) if RECORD.exists() else {}
    old[role] = record
    RECORD.write_text(json.dumps(old, ensure_ascii=False, indent=1))
    context.close()

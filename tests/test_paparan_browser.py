"""The Paparan in headless Chromium on the demo lake (issue 12 §1): every slide fits 1366×768,
1440×900 and 1920×1080 without scrolling and no chart title runs past its chart; ← → move
between slides and Esc leaves; one click on "Unduh PowerPoint" gives the .pptx.
Screenshots of every slide at each size and role go to artifacts/screenshots/paparan/."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pptx import Presentation

from tests.lakes import ROOT
from tests.test_browser import login, settle

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots" / "paparan"
SIZES = [(1366, 768), (1440, 900), (1920, 1080)]

# What a viewer would have to scroll, and how far each chart title reaches past its chart.
MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const titles = [];
  for (const plot of document.querySelectorAll('.st-key-slide .js-plotly-plot')) {
    if (plot.closest('[data-stale="true"]')) continue;
    const t = plot.querySelector('.gtitle');
    if (!t || !t.textContent) continue;
    const box = plot.getBoundingClientRect(), tb = t.getBoundingClientRect();
    titles.push({text: t.textContent, left: tb.left - box.left, right: box.right - tb.right,
                 top: tb.top - box.top});
  }
  // the slide clips what does not fit (overflow hidden): its content must fit in it
  const slide = document.querySelector('.st-key-slide');
  return {scroll: main.scrollHeight, height: main.clientHeight,
          // the footer inside the slide's bottom edge, and nothing overflowing the body
          clipped: Math.max(
            document.querySelector('.st-key-kaki').getBoundingClientRect().bottom
              - slide.getBoundingClientRect().bottom,
            ...[...document.querySelectorAll('.st-key-isi')].map((e) => e.scrollHeight - e.clientHeight)),
          below: Math.max(...[...document.querySelectorAll('button')].filter((b) => b.offsetParent)
            .map((b) => b.getBoundingClientRect().bottom)) - window.innerHeight,
          page: document.documentElement.scrollHeight, inner: window.innerHeight, titles};
}"""


def open_paparan(page) -> None:
    # no wait for a navigation: a busy machine's page load ran past the click's 30 s
    page.locator('[data-testid="stSidebarNav"] a[href$="/paparan"]').first.click(
        no_wait_after=True, timeout=90000
    )
    page.wait_for_selector(".st-key-slide h1", timeout=90000)
    settle(page, charts=False)  # it opens on the cover, which has no chart


FRAMES = {0: "Kemiskinan ekstrem di Kota Pasuruan", 7: "Yang tidak bisa ditunjukkan"}


def at_slide(page, n: int) -> None:
    """Slide n is shown: 0 the cover (where the Paparan opens), 1–6 numbered, 7 closing."""
    if n in FRAMES:
        page.wait_for_function(
            "([n, t]) => (n === 0 || location.search.includes('slide=' + n)) && [...document"
            ".querySelectorAll('.st-key-slide h1')].some(h => h.innerText.startsWith(t))",
            arg=[n, FRAMES[n]],
            timeout=90000,
        )
    else:
        page.wait_for_function(
            "n => location.search.includes('slide=' + n) && [...document.querySelectorAll("
            "'.st-key-kaki p')].some(p => p.innerText.includes('slide ' + n + ' dari'))",
            arg=n,
            timeout=90000,
        )
    settle(page, charts=False)
    page.wait_for_function("() => !document.querySelector('[data-stale=\"true\"]')", timeout=30000)
    time.sleep(0.5)


def resize(page, w: int, h: int) -> None:
    """The window at w×h, laid out again. The slide's layout is the browser's alone (CSS and
    the charts' own resizing; the server is not asked), so one page resized to each size
    measures what a page opened at that size does: compared on every slide at the three sizes,
    the two gave the same measures (session 12), in less than half the time."""
    page.set_viewport_size({"width": w, "height": h})
    page.wait_for_function("w => document.documentElement.clientWidth === w", arg=w)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    time.sleep(0.8)  # the charts redraw on the window's resize event


@pytest.mark.parametrize("role", ["kepala", "tamu"])
def test_every_slide_fits_the_screen_and_no_chart_title_is_cut(server, browser, role):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    page = context.new_page()
    login(page, server, role)
    open_paparan(page)
    for n in range(0, 8):  # cover, slides 1–6, closing
        if n > 0:
            page.keyboard.press("ArrowRight")
        at_slide(page, n)
        for w, h in SIZES:
            resize(page, w, h)
            page.screenshot(path=str(SHOTS / f"{role}_{w}x{h}_slide{n}.png"))
            m = page.evaluate(MEASURE)
            if m["scroll"] > m["height"] + 1 or m["page"] > m["inner"] + 1:
                problems.append(f"{w}×{h} slide {n}: {m['scroll']} px tall in {m['height']}")
            # the slide's own content cut at its bottom edge (Streamlit's Markdown block has a
            # -1rem bottom margin that counts as 16 px of overflow: measured, nothing is cut)
            if m["clipped"] > 17:
                problems.append(f"{w}×{h} slide {n}: {m['clipped']} px cut off the slide")
            if m["below"] > 1:  # a button ("Laporan triwulan", a download) below the fold
                problems.append(f"{w}×{h} slide {n}: a button {m['below']} px below the fold")
            for t in m["titles"]:
                if t["left"] < -1 or t["right"] < -1 or t["top"] < -1:
                    problems.append(f"{w}×{h} slide {n}: title cut: {t}")
        if n < 7:
            resize(page, *SIZES[0])  # the next slide opens at the narrowest size
    context.close()
    assert problems == []


def test_arrow_keys_move_between_slides_and_escape_leaves(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    login(page, server, "kepala")
    open_paparan(page)
    at_slide(page, 0)  # the cover
    page.keyboard.press("ArrowRight")  # the first press on the cover moves (N8)
    at_slide(page, 1)
    assert "slide=1" in page.url
    page.keyboard.press("ArrowRight")
    at_slide(page, 2)
    page.keyboard.press("ArrowLeft")
    at_slide(page, 1)
    assert "slide=1" in page.url
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.pathname.endsWith('/paparan')", timeout=60000)
    assert page.locator('[data-testid="stSidebarNav"]').is_visible()
    context.close()


def test_eight_quick_presses_move_eight_slides(server, browser):  # noqa: F811
    """N8: presses sent while the page is still updating are queued, none is lost: from the
    cover, four quick → are slide 4; four more quick → end on the closing slide (7: six
    numbered slides, then the closing one), the last press beyond it does nothing; then three
    quick ← are slide 4."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    login(page, server, "kepala")
    open_paparan(page)
    at_slide(page, 0)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        time.sleep(0.05)
    at_slide(page, 4)
    for _ in range(4):
        page.keyboard.press("ArrowRight")
        time.sleep(0.05)
    at_slide(page, 7)
    time.sleep(2)  # nothing still queued moves it on
    assert "slide=7" in page.url
    for _ in range(3):
        page.keyboard.press("ArrowLeft")
        time.sleep(0.05)
    at_slide(page, 4)
    time.sleep(2)
    assert "slide=4" in page.url
    context.close()


def test_the_exit_button_and_the_period_chooser_are_on_the_slide(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    login(page, server, "kepala")
    open_paparan(page)
    assert page.get_by_role("button", name="Keluar dari paparan").is_visible()
    page.locator(".st-key-paparan_periode").click()
    page.get_by_role("option", name="Desember 2021").click()
    page.wait_for_function(
        "() => location.search.includes('periode=2021-12')"
        " && document.querySelector('.st-key-slide').innerText.includes('Desember 2021')",
        timeout=90000,
    )
    settle(page, charts=False)
    assert page.locator('[data-testid="stException"]').count() == 0
    # N11: a new period chosen on the cover opens on its cover, not on slide 1
    assert "slide=" not in page.url or "slide=0" in page.url
    assert page.locator(".st-key-kaki p").first.inner_text().count("slide ") == 0
    page.get_by_role("button", name="Keluar dari paparan").click()
    page.wait_for_function("() => !location.pathname.endsWith('/paparan')", timeout=60000)
    context.close()


def test_one_click_on_the_paparan_gives_a_powerpoint(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = context.new_page()
    login(page, server, "kepala")
    open_paparan(page)
    with page.expect_download(timeout=180000) as dl:
        page.get_by_role("button", name="Unduh PowerPoint").click()
    download = dl.value
    # the Kepala's file says it is the internal version (small counts whole), not DPRD's
    assert download.suggested_filename.endswith("_internal.pptx")
    prs = Presentation(io.BytesIO(Path(download.path()).read_bytes()))
    assert len(prs.slides) == 8  # cover, six slides, closing
    context.close()

"""The real app in headless Chromium: every page loads, draws its charts, shows no error, and
the browser never asks any host but localhost; hostile names from an export stay plain text.
(What a guest sees on every page and in every download: tests/test_downloads_browser.py.)
Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

from pantau import page_list
from pantau.ingest import import_files
from pantau.lake import Lake
from tests.fixture_browser import start_server
from tests.lakes import ROOT, keluarga_rows, mark_demo

pytestmark = pytest.mark.browser
SHOTS = ROOT / "artifacts" / "screenshots"
TITLES = page_list.TITLES  # each page's heading (h1) includes its menu title
CHARTLESS = {
    "sasaran",
    "simulasi",
    "daftar_sk",
    "data",
    "paparan",
}  # Paparan opens on its cover slide, which has no chart
DIGITS16 = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")


def watch_hosts(page) -> list[str]:
    foreign: list[str] = []

    def check(request):
        if request.url.startswith(("data:", "blob:")):
            return
        if urlparse(request.url).hostname not in ("localhost", "127.0.0.1", "::1"):
            foreign.append(request.url)

    page.on("request", check)
    return foreign


def settle(page, charts: bool) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=90000
    )
    if charts:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(state="attached", timeout=90000)
    time.sleep(1.0)


def login(page, url: str, user: str) -> None:
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=60000)
    settle(page, charts=False)


def open_page(page, key: str) -> None:
    """Navigate as a user does, through the sidebar (a reload would start a new session)."""
    page.locator(f'[data-testid="stSidebarNav"] a[href$="/{key}"]').first.click()
    page.wait_for_function(
        "t => [...document.querySelectorAll('h1')].some(h => h.innerText.includes(t))",
        arg=TITLES[key] if key != "paparan" else "",
        timeout=90000,
    )
    settle(page, charts=key not in CHARTLESS)


def errors_on(page) -> list[str]:
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def nav_titles(page) -> list[str]:
    links = page.locator('[data-testid="stSidebarNav"] a')
    # The text holds the Material icon name first, then the title.
    return [links.nth(i).inner_text().strip().split("\n")[-1] for i in range(links.count())]


def test_every_page_loads_with_charts_no_error_and_no_foreign_request(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 2400})
    page = context.new_page()
    foreign = watch_hosts(page)
    login(page, server, "kepala")
    # Paparan last: presentation mode hides the sidebar.
    pages = [key for key in page_list.KEYS if key != "paparan"]
    for key in [*pages, "paparan"]:
        if key != "ringkasan":  # signing in lands on Ringkasan
            open_page(page, key)
        else:
            settle(page, charts=True)
        assert errors_on(page) == [], f"error element on {key}"
        if key != "paparan":  # the slides carry their own DATA SINTETIS mark
            assert "Data contoh (sintetis)" in page.content(), f"no demo banner on {key}"
        page.screenshot(path=str(SHOTS / f"{key}.png"), full_page=True)
    context.close()
    assert foreign == []


def _secrets(data_dir: Path) -> tuple[set[str], set[str]]:
    files = [str(f) for f in Lake(data_dir).current_files("keluarga")]
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT DISTINCT no_kk, nik_kepala, nama_kepala, alamat FROM read_parquet({files!r})"
    ).fetchall()
    con.close()
    ids = {r[0] for r in rows} | {r[1] for r in rows}
    words = {r[2] for r in rows if r[2] and len(r[2]) >= 8} | {
        r[3] for r in rows if r[3] and len(r[3]) >= 10
    }
    return ids, words


def _leaks(text: str, ids: set[str], words: set[str]) -> list[str]:
    return sorted(set(DIGITS16.findall(text)) & ids | {w for w in words if w in text})


@pytest.fixture(scope="module")
def hostile_lake(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    names = ["<script>alert('xss')</script>", "<img src=x onerror=alert(1)>", "Budi <b>Tebal</b>"]
    df = keluarga_rows([{"nama_kepala": n, "alamat": n} for n in names])
    data.mkdir(parents=True)
    path = data.parent / "hostile.csv"
    df.to_csv(path, index=False)
    import_files([path], "keluarga", "2026-09", data)
    mark_demo(data)  # a pure demo lake: enables the demo accounts
    return data, names


def test_hostile_names_render_as_plain_text(browser, hostile_lake):
    data, names = hostile_lake
    proc, url = start_server(data)
    try:
        context = browser.new_context(viewport={"width": 1440, "height": 1600})
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        login(page, url, "kepala")
        open_page(page, "sasaran")
        grid = page.locator('[data-testid="stDataFrame"]')
        grid.wait_for(timeout=60000)
        page.screenshot(path=str(SHOTS / "hostile_sasaran.png"), full_page=True)
        assert dialogs == []
        assert page.locator("script:has-text(\"alert('xss')\")").count() == 0
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("b:has-text('Tebal')").count() == 0
        context.close()
    finally:
        proc.terminate()
        proc.wait(timeout=15)

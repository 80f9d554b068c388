"""The real app in headless Chromium: every page loads, draws its charts, shows no error,
and the browser never asks any host but localhost. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import urlopen

import pytest

from tests.lakes import ROOT

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
PAGES = ["ringkasan", "peta", "beban", "bantuan", "sasaran", "data"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_lake):
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run 'apt-get install -y chromium' (scripts/test does).")
    port = _free_port()
    env = {**os.environ, "PANTAU_DATA": str(demo_lake)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
         "--server.port", str(port), "--server.headless", "true",
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://localhost:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the Streamlit server did not start within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield b
        b.close()


def login(page, url: str, user: str, password: str = "demo") -> None:
    page.goto(url)
    page.get_by_label("Nama pengguna").fill(user)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=30000)


def watch_hosts(page) -> list[str]:
    foreign: list[str] = []

    def check(request):
        host = urlparse(request.url).hostname
        if request.url.startswith(("data:", "blob:")):
            return
        if host not in ("localhost", "127.0.0.1", "::1"):
            foreign.append(request.url)

    page.on("request", check)
    return foreign


def settle(page, charts: bool) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60000
    )
    if charts:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60000)
    time.sleep(1.5)


def errors_on(page) -> list[str]:
    found = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    return [found.nth(i).inner_text() for i in range(found.count())]


def test_every_page_loads_with_charts_no_error_and_no_foreign_request(server, browser):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    foreign = watch_hosts(page)
    login(page, server, "kepala")
    for name in PAGES:
        page.goto(f"{server}/{name}")
        settle(page, charts=name not in ("sasaran", "data"))
        assert errors_on(page) == [], f"error element on {name}"
        assert "Data contoh (sintetis)" in page.content(), f"no demo banner on {name}"
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    context.close()
    assert foreign == []

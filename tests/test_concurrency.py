"""Several signed-in browser sessions walk pages while a new period is imported: no error on
any page, and the new period reaches every session whole (bench/concurrency.py, small)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bench import concurrency as cc
from pantau import page_list

pytestmark = pytest.mark.browser
SESSIONS = 3
PAGES = page_list.pick("ringkasan", "peta", "sasaran")  # three of the list: small


async def _walk(data: Path, export: Path):
    from playwright.async_api import async_playwright

    with cc.Server(data) as server:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=cc.CHROMIUM, args=cc.CHROMIUM_ARGS)
            try:
                return await cc.concurrent(
                    browser, server, data, export, PAGES, SESSIONS, stagger=0.3,
                    import_after=1, deadline=240, walk_after=False,
                )  # fmt: skip
            finally:
                await browser.close()


@pytest.fixture(scope="module")
def walked(demo_lake, tmp_path_factory):
    if not Path(cc.CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run 'apt-get install -y chromium'.")
    work = tmp_path_factory.mktemp("concurrency")
    data = cc.copy_lake(demo_lake, work / "data")
    export = cc.new_period_export(data, work / f"{cc.NEW_PERIODE}_keluarga.csv")
    sh, imp, extra = asyncio.run(_walk(data, export))
    return sh, imp, extra, cc.final_count(data)


def test_no_page_shows_an_error_while_a_new_period_is_imported(walked):
    sh, imp, _, _ = walked
    assert imp["returncode"] == 0, imp["stderr"]
    assert sh.failures == []
    assert [(v.session, v.page, v.errors) for v in sh.visits if v.errors] == []
    # Pages were also drawn while the import ran or after it (the new lake version).
    assert {v.phase for v in sh.visits} >= {"before", "after"}


def test_every_session_finds_the_new_period_in_its_list_after_the_import(walked):
    sh, _, _, _ = walked
    assert {i for i in range(SESSIONS) if sh.seen_after_import.get(i)} == set(range(SESSIONS))


def test_the_new_period_is_never_seen_with_a_partial_count(walked):
    sh, _, extra, final = walked
    # The export is the latest quarter with every 4th extreme-poor family graduated, so its
    # count differs from every earlier period's: a stale or partial figure cannot pass.
    assert final > 0
    assert sh.sightings, "no session read Ringkasan with the new period chosen"
    assert [(s.value, s.caption) for s in sh.sightings if s.value != final] == []
    assert all(cc.NEW_LABEL in s.caption for s in sh.sightings)
    seen = [(t, phase, value) for t, phase, listed, value in extra["polls"] if listed]
    assert seen, "the engine poller never saw the new period"
    assert [p for p in seen if p[2] != final] == []

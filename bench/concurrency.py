"""Concurrency benchmark (issue 5, part 2): many signed-in sessions walk every page while an
import of a new period runs; errors, page times against one user, and the new period's arrival.

    python bench/concurrency.py --sessions 20 --browsers 2 --think 10 --write
    python bench/concurrency.py --sessions 20 --browsers 20 --think 10 --write   # all Chromium
    python bench/concurrency.py --sessions 3 --pages ringkasan,peta --think 0
    python bench/concurrency.py --sessions 20 --browsers 2 --proses 1,2 --write   # side by side

The demo lake (--data) is copied first; the run writes to the copy only. A session is either
a browser context of one shared Chromium (click the sidebar link; time until the run it
started is finished, nothing is stale and the page's chart, slide or title is drawn) or a
websocket client speaking Streamlit's protocol (the same rerun requests a browser sends; time
until the server's 'script finished', no rendering), all on one asyncio loop. Two cores cannot
run twenty Chromium renderers and the server at once without measuring mostly Chromium, hence
the websocket sessions. While the import runs, each session looks after each page for the new
period in the "Periode" list; once there it chooses it, and on Ringkasan reads "Keluarga
miskin ekstrem", which must equal the CLI's count after the import. A query engine in this
process also polls the lake every 50 ms around the import for the same check.

`--proses 1,2` runs the whole bench once per server size (`serve --proses N`: N Streamlit
processes behind HAProxy; 1 is the plain single process), each on a fresh copy of the lake,
and ends with a table of the runs side by side.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import csv
import datetime as dt
import json
import os
import platform
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the engine poller imports pantau
    sys.path.insert(0, str(ROOT))
from pantau import page_list  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
LOGS = ROOT / "bench" / "logs"  # a server log with a traceback is kept here (save_log)
SECTION = "## Concurrency (issue 5, part 2)"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

CHART = ".js-plotly-plot .main-svg"
# What in the main area shows a page is drawn (its title, "h1", unless named here).
READY = {
    "ringkasan": CHART,
    "peta": CHART,
    "beban": CHART,
    "bantuan": CHART,
    "paparan": ".st-key-slide h1",
}
NOT_WALKED = {"simulasi"}  # came after this bench and is not walked (yet)
# key -> (path of its sidebar link, ready selector), in pantau.page_list's menu order
PAGES = {
    key: (page_list.path(key), READY.get(key, "h1"))
    for key in page_list.KEYS
    if key not in NOT_WALKED
}
NO_SIDEBAR = {"paparan"}  # presentation mode hides the sidebar (and its filters)
NEW_PERIODE, NEW_LABEL = "2026-12", "Desember 2026"
NAV_TIMEOUT_MS = int(os.environ.get("NAV_TIMEOUT_MS", "180000"))

STATE_JS = (
    "document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-script-state')"
)
# Remember whether a script run started since the observer was armed: a click's run may
# start and finish between two polls, and the state alone cannot tell before from after.
ARM_JS = """() => {
  window.__ran = false;
  if (!window.__obs) {
    // Any change of a script state means a run started: a short run's 'running' and
    // 'notRunning' can reach one callback together, and the app element may be re-mounted
    // (a loaded browser), so watch the whole document rather than one element's value.
    window.__obs = new MutationObserver((records) => {
      if (records.length) window.__ran = true;
    });
    window.__obs.observe(document, {
      subtree: true, attributes: true, attributeFilter: ['data-test-script-state'],
    });
  }
}"""
DONE_JS = f"""() => window.__ran && {STATE_JS} === 'notRunning'
  && !document.querySelector('[data-stale="true"]')"""


# --- the server --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`python -m pantau serve [--proses N]` on a data directory, as a deployment starts it."""

    def __init__(self, data: Path, port: int | None = None, proses: int = 1):
        self.data, self.port, self.proses = Path(data), port or free_port(), proses
        self.url = f"http://localhost:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - read back after the server stops

    def __enter__(self) -> Server:
        env = {**os.environ, "PANTAU_DATA": str(self.data)}
        # Other people edit the source tree while benchmarks run: no reloads mid-run.
        env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
        env.pop("PANTAU_DEBUG", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pantau", "serve", "--port", str(self.port)]
            + ["--proses", str(self.proses)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        # several processes each build their engine before the proxy opens the port
        deadline = time.time() + 90 * min(self.proses, 2)
        while time.time() < deadline:
            try:
                if urlopen(f"{self.url}/_stcore/health", timeout=2).status == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError(f"the server did not start in time:\n{self.output()}")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()  # `--proses N` stops its processes and proxy itself
            try:
                self.proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.proc.kill()

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def usage(self) -> tuple[float, float]:
        return tree_usage(self.proc.pid) if self.proc else (0.0, 0.0)


def tree_usage(
    pid: int, exclude_self: bool = False, skip: int | None = None
) -> tuple[float, float]:
    """(PSS in MB, CPU seconds so far) of a process and all its descendants, from /proc,
    leaving out the subtree of `skip`.

    PSS, not RSS: Chromium's processes share most of their pages, and RSS counts them once
    per process."""
    children: dict[int, list[int]] = {}
    cpu: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            fields = (d / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(d.name))
        cpu[int(d.name)] = (int(fields[11]) + int(fields[12])) / tick
    pss, seconds, todo = 0, 0.0, [pid]
    while todo:
        p = todo.pop()
        if p == skip:
            continue
        todo += children.get(p, [])
        if exclude_self and p == pid:
            continue
        seconds += cpu.get(p, 0.0)
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1])
                    break
    return pss / 1024, seconds


# --- one browser session -------------------------------------------------------------------------


async def login(page, url: str, user: str = "kepala", password: str = "") -> float:
    password = password or PASSWORD
    t = time.perf_counter()
    await page.goto(url, timeout=NAV_TIMEOUT_MS)
    await page.get_by_label("Nama pengguna").fill(user, timeout=NAV_TIMEOUT_MS)
    await page.get_by_label("Kata sandi").fill(password)
    await page.get_by_role("button", name="Masuk").click()
    await page.wait_for_selector('[data-testid="stSidebarNav"]', timeout=NAV_TIMEOUT_MS)
    await page.wait_for_function(f"() => {STATE_JS} === 'notRunning'", timeout=NAV_TIMEOUT_MS)
    return time.perf_counter() - t


async def errors_on(page) -> list[str]:
    """Exceptions, error boxes, the login form or a lost connection: all count as errors."""
    found = []
    boxes = page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
    for i in range(await boxes.count()):
        found.append((await boxes.nth(i).inner_text())[:300])
    if await page.get_by_label("Kata sandi").count():
        found.append("signed out: the login form is shown")
    state = await page.get_attribute('[data-testid="stApp"]', "data-test-connection-state")
    if state != "CONNECTED":
        found.append(f"connection state {state}")
    return found


async def settle(page, ready: str) -> None:
    await page.wait_for_function(DONE_JS, timeout=NAV_TIMEOUT_MS, polling=100)
    await page.wait_for_function(
        "s => !!document.querySelector('[data-testid=\"stMain\"] ' + s)",
        arg=ready,
        timeout=NAV_TIMEOUT_MS,
        polling=100,
    )
    # A page may rerun itself once (a widget settling): wait for calm, not just for one run.
    await asyncio.sleep(0.2)
    await page.wait_for_function(
        f"() => {STATE_JS} === 'notRunning'", timeout=NAV_TIMEOUT_MS, polling=100
    )


async def visit(page, key: str) -> tuple[float, list[str]]:
    """Click the page's sidebar link (by script: Paparan hides the sidebar) and time it."""
    href, ready = PAGES[key]
    await page.evaluate(ARM_JS)
    t = time.perf_counter()
    await page.evaluate(
        "h => [...document.querySelectorAll('[data-testid=\"stSidebarNav\"] a')]"
        ".find(a => new URL(a.href).pathname === h).click()",
        href,
    )
    try:
        await settle(page, ready)
    except Exception as err:
        state = await page.evaluate(
            f"() => [window.__ran, {STATE_JS}, document.querySelectorAll('[data-stale=\"true\"]')"
            ".length, location.pathname]"
        )
        return time.perf_counter() - t, [
            f"navigation to {key} failed: {str(err)[:160]} (ran, state, stale, path: {state})"
        ]
    seconds = time.perf_counter() - t
    path = "/" + page.url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]
    errors = await errors_on(page)
    if path.rstrip("/") != href.rstrip("/"):
        errors.append(f"navigation to {key} ended at {page.url}")
    return seconds, errors


def _periode_box(page):
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(
        has_text="Periode"
    )


async def periode_offered(page, label: str) -> bool:
    """Whether the sidebar's Periode list offers `label` (typed into the box, then Escape)."""
    box = _periode_box(page)
    if await box.locator("input").input_value() == label:
        return True
    await box.locator("input").click()
    await page.keyboard.type(label)
    options = page.locator('[role="option"]')
    await options.first.wait_for(timeout=30_000)
    found = label in await options.all_inner_texts()
    await page.keyboard.press("Escape")
    return found


async def choose_periode(page, label: str, ready: str) -> None:
    box = _periode_box(page)
    await box.locator("input").click()
    await page.keyboard.type(label)
    await page.evaluate(ARM_JS)
    await page.locator('[role="option"]').filter(has_text=label).first.click()
    await settle(page, ready)


async def kpi_miskin_ekstrem(page) -> tuple[int | None, str]:
    """Ringkasan's 'Keluarga miskin ekstrem' figure and the caption naming its period."""
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Keluarga miskin ekstrem")
    value = await metric.locator('[data-testid="stMetricValue"]').first.inner_text()
    caption = await page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    return _number(value), caption


def _number(text: str) -> int | None:
    digits = text.replace(".", "").strip()
    return int(digits) if digits.isdigit() else None


class BrowserClient:
    """A session in its own browser context of the shared Chromium: what a user sees."""

    kind = "browser"

    def __init__(self, browser, url: str):
        self.browser, self.url = browser, url
        self.ctx = self.page = None
        self.key = "ringkasan"

    async def open(self) -> float:
        self.ctx = await self.browser.new_context(viewport={"width": 1440, "height": 1000})
        self.page = await self.ctx.new_page()
        return await login(self.page, self.url)

    async def visit(self, key: str) -> tuple[float, list[str]]:
        self.key = key
        return await visit(self.page, key)

    def can_look(self) -> bool:
        return self.key not in NO_SIDEBAR

    async def offered(self, label: str) -> bool:
        return await periode_offered(self.page, label)

    async def choose(self, label: str) -> None:
        await choose_periode(self.page, label, PAGES[self.key][1])

    async def kpi(self) -> tuple[int | None, str]:
        return await kpi_miskin_ekstrem(self.page)

    async def close(self) -> None:
        if self.ctx:
            await self.ctx.close()


# --- one websocket session (Streamlit's own protocol, no browser) --------------------------------


class WsClient:
    """A session speaking Streamlit's websocket protocol as the browser does (BackMsg rerun
    requests carrying the page and the widget values; ForwardMsg deltas back). A page time is
    from the request to the server's 'script finished': the server's share of a page view,
    with no rendering. Lets many sessions load the server without Chromium taking the CPU."""

    kind = "websocket"

    def __init__(self, url: str, query: str = ""):
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.query = query  # the URL's query string (sidebar filters), sent with every run
        self.ws = None
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.widgets: dict[str, tuple[str, object]] = {}  # widget id -> (value field, value)
        self.elements: list = []
        self.key = "ringkasan"

    async def open(self, user: str = "kepala", password: str = "") -> float:
        password = password or PASSWORD
        import websockets

        t = time.perf_counter()
        self.ws = await websockets.connect(
            self.url, subprotocols=["streamlit"], max_size=None, open_timeout=120,
            ping_interval=None,
        )  # fmt: skip
        await self._run(None)
        ids = {
            getattr(e, k).label: getattr(e, k).id
            for e in self.elements
            if (k := e.WhichOneof("type")) in ("text_input", "button")
        }
        if "Nama pengguna" not in ids:
            raise RuntimeError("no login form")
        self.widgets = {
            ids["Nama pengguna"]: ("string_value", user),
            ids["Kata sandi"]: ("string_value", password),
        }
        await self._run(None, triggers=[ids["Masuk"]])
        self.widgets = {}
        if self._login_form():
            raise RuntimeError("login refused")
        return time.perf_counter() - t

    async def _run(self, path: str | None, triggers=()) -> None:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.SetInParent()  # an empty request is still a rerun request
        state.query_string = self.query
        if path is not None:
            state.page_script_hash = self.pages[path]
            state.page_name = path
        for wid, (field_name, value) in self.widgets.items():
            w = state.widget_states.widgets.add()
            w.id = wid
            setattr(w, field_name, value)
        for wid in triggers:
            w = state.widget_states.widgets.add()
            w.id, w.trigger_value = wid, True
        await self.ws.send(msg.SerializeToString())
        self.elements = []
        while True:
            fm = ForwardMsg()
            fm.ParseFromString(await asyncio.wait_for(self.ws.recv(), NAV_TIMEOUT_MS / 1000))
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                self.elements.append(fm.delta.new_element)
            elif kind == "navigation":
                self.pages = {p.url_pathname: p.page_script_hash for p in fm.navigation.app_pages}
            elif kind == "script_finished":
                if fm.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    self.elements = []  # st.rerun(): the next run's elements replace these
                    continue
                if fm.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                    self.elements.append(None)  # a compile error: counted by errors()
                return

    def _login_form(self) -> bool:
        return any(
            e is not None
            and e.WhichOneof("type") == "text_input"
            and e.text_input.label == "Kata sandi"
            for e in self.elements
        )

    def errors(self) -> list[str]:
        found = []
        for e in self.elements:
            kind = e.WhichOneof("type") if e is not None else None
            if e is None:
                found.append("the script did not compile")
            elif kind == "exception":
                found.append(f"exception: {e.exception.type}: {e.exception.message[:200]}")
            elif kind == "alert" and e.alert.format == 1:  # Alert.Format.ERROR
                found.append(f"error box: {e.alert.body[:200]}")
        if self._login_form():
            found.append("signed out: the login form is shown")
        return found

    async def visit(self, key: str) -> tuple[float, list[str]]:
        self.key = key
        path = PAGES[key][0].strip("/")
        t = time.perf_counter()
        try:
            await self._run(path)
        except Exception as err:
            return time.perf_counter() - t, [
                f"navigation to {key} failed: {type(err).__name__} {err}"[:240]
            ]
        return time.perf_counter() - t, self.errors()

    def _periode(self):
        return next(
            (e.selectbox for e in self.elements
             if e is not None and e.WhichOneof("type") == "selectbox" and e.selectbox.label == "Periode"),
            None,
        )  # fmt: skip

    def can_look(self) -> bool:
        return True

    async def offered(self, label: str) -> bool:
        box = self._periode()
        return box is not None and label in box.options

    async def choose(self, label: str) -> None:
        self.widgets[self._periode().id] = ("string_value", label)
        await self._run(PAGES[self.key][0].strip("/"))

    async def kpi(self) -> tuple[int | None, str]:
        value = next(
            (e.metric.body for e in self.elements
             if e is not None and e.WhichOneof("type") == "metric" and e.metric.label == "Keluarga miskin ekstrem"),
            "",
        )  # fmt: skip
        caption = next(
            (e.markdown.body for e in self.elements
             if e is not None and e.WhichOneof("type") == "markdown" and e.markdown.body.startswith("Kota Pasuruan ·")),
            "",
        )  # fmt: skip
        return _number(value), caption

    async def close(self) -> None:
        if self.ws:
            await self.ws.close()


# --- the run ---------------------------------------------------------------------------------------


@dataclass
class Visit:
    session: int
    kind: str  # browser / websocket
    page: str
    start: float  # seconds since the run's start
    seconds: float
    errors: list[str]
    phase: str  # before / during / after the import


@dataclass
class Sighting:
    session: int
    kind: str
    t: float
    phase: str
    value: int | None
    caption: str


@dataclass
class Shared:
    t0: float
    sessions: int
    deadline: float  # seconds since t0 after which sessions stop whatever happened
    walk_after: bool = True  # walk every page after the import, not just until Ringkasan
    think: float = 0.0  # mean seconds a user reads a page before the next click
    import_start: float | None = None
    import_end: float | None = None
    started: int = 0
    visits: list[Visit] = field(default_factory=list)
    sightings: list[Sighting] = field(default_factory=list)
    first_seen: dict[int, float] = field(default_factory=dict)  # session -> when NEW appeared
    seen_after_import: dict[int, bool] = field(default_factory=dict)
    logins: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def phase(self, t: float) -> str:
        if self.import_start is None or t < self.import_start:
            return "before"
        if self.import_end is None or t < self.import_end:
            return "during"
        return "after"


LANDING = "ringkasan"  # the page sign-in leaves a session on


def walk_order(pages: list[str], start: int = 0) -> list[str]:
    """`pages` from index `start` round, with the landing page moved from the front to the end:
    a browser clicking the link of the page it is already on may start no run to time."""
    order = pages[start % len(pages) :] + pages[: start % len(pages)]
    if len(order) > 1 and order[0] == LANDING:
        order = order[1:] + order[:1]
    return order


async def session(i: int, client, pages: list[str], sh: Shared, stagger: float) -> None:
    """Sign in, then walk the pages (each session from a different one) until the import is
    over, the new period is chosen, and the walk after the import is done."""
    await asyncio.sleep(i * stagger)
    try:
        sh.logins.append(await client.open())
        sh.started += 1
        order = walk_order(pages, i)
        rng = random.Random(i)
        chose = False
        after: set[str] = set()
        while not _finished(i, sh, pages, after, chose):
            for key in order:
                start = sh.now()
                seconds, errors = await client.visit(key)
                sh.visits.append(
                    Visit(i, client.kind, key, start, seconds, errors, sh.phase(start))
                )
                if sh.import_end is not None and start > sh.import_end:
                    after.add(key)
                if client.can_look() and not errors:
                    chose = await _look_for_new_period(i, client, key, sh, chose)
                if _finished(i, sh, pages, after, chose):
                    break
                if sh.think:
                    await asyncio.sleep(sh.think * rng.uniform(0.5, 1.5))
            if sh.now() > sh.deadline:
                sh.failures.append(
                    f"session {i}: stopped at the deadline (new period chosen: {chose})"
                )
                break
    except Exception as err:  # a session that dies is a failure to report, not to hide
        sh.failures.append(f"session {i} ({client.kind}): {type(err).__name__}: {str(err)[:300]}")
    finally:
        with contextlib.suppress(Exception):
            await client.close()


def _finished(i: int, sh: Shared, pages, after: set[str], chose: bool) -> bool:
    """Done once the import has ended, the new period is chosen, and either every page was
    walked after the import or (walk_after off) Ringkasan was read with the new period."""
    if sh.import_end is None or not chose:
        return False
    if sh.walk_after:
        return after >= set(pages)
    return any(s.session == i and s.t > sh.import_end for s in sh.sightings)


async def _look_for_new_period(i: int, client, key: str, sh: Shared, chose: bool) -> bool:
    """Is the new period offered? Then choose it (once); on Ringkasan, read its figure."""
    t = sh.now()
    offered = await client.offered(NEW_LABEL)
    if sh.import_end is not None and t > sh.import_end:
        sh.seen_after_import[i] = sh.seen_after_import.get(i, False) or offered
    if not offered:
        return chose
    sh.first_seen.setdefault(i, t)
    if not chose:
        await client.choose(NEW_LABEL)
    if key == "ringkasan":
        value, caption = await client.kpi()
        sh.sightings.append(Sighting(i, client.kind, t, sh.phase(t), value, caption))
    return True


async def run_import(sh: Shared, data: Path, export: Path, after: float) -> dict:
    """`python -m pantau import` of the new period, once every session has signed in."""
    while sh.started + len(sh.failures) < sh.sessions and sh.now() < sh.deadline / 2:
        await asyncio.sleep(0.5)
    await asyncio.sleep(after)
    sh.import_start = sh.now()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pantau", "--data", str(data), "import", str(export),
        "--jenis", "keluarga", "--periode", NEW_PERIODE, "--json",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await proc.communicate()
    sh.import_end = sh.now()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "returncode": proc.returncode,
        "summary": json.loads(out) if proc.returncode == 0 else None,
        "stderr": err.decode("utf-8", "replace")[-500:],
        "seconds": sh.import_end - sh.import_start,
    }


def browser_usage(server: Server) -> tuple[float, float]:
    """Chromium and Playwright's driver: this process's descendants but for the server."""
    return tree_usage(os.getpid(), exclude_self=True, skip=server.proc.pid)


async def sample_usage(server: Server, peaks: dict, stop: asyncio.Event) -> None:
    """Peak memory (PSS) of the server and of Chromium, the server's busiest 5 s (in cores)
    and the peak load average."""
    last = (time.perf_counter(), server.usage()[1])
    rates = peaks.setdefault("server_cores", [])
    while not stop.is_set():
        server_mb, cpu = server.usage()
        now = time.perf_counter()
        if now - last[0] >= 5:
            rates.append((cpu - last[1]) / (now - last[0]))
            last = (now, cpu)
        peaks["server_mb"] = max(peaks.get("server_mb", 0), server_mb)
        peaks["browser_mb"] = max(peaks.get("browser_mb", 0), browser_usage(server)[0])
        peaks["load"] = max(peaks.get("load", 0), os.getloadavg()[0])
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1)


async def poll_engine(data: Path, sh: Shared, out: list) -> None:
    """From the start of the import until 5 s after it: the period list and the new period's
    count, every 50 ms, through a query engine of this process on the same lake."""
    from pantau import queries

    def once():
        eng = queries.engine(data)
        if NEW_PERIODE not in eng.run("periode_list")["periode"].tolist():
            return False, None
        rows = eng.run("keluarga_per_kecamatan", {"periode": NEW_PERIODE})
        return True, int(rows["keluarga_miskin_ekstrem"].iloc[-1])

    loop = asyncio.get_running_loop()
    while sh.import_end is None or sh.now() < sh.import_end + 5:
        if sh.import_start is not None:
            t = sh.now()
            seen, value = await loop.run_in_executor(None, once)
            out.append((t, sh.phase(t), seen, value))
        if sh.now() > sh.deadline:
            return
        await asyncio.sleep(0.05)


async def single_user(client, pages: list[str], rounds: int, server: Server | None = None) -> dict:
    """Page times of one session alone, and the server's CPU seconds per view; the first
    round (cold caches) is kept apart."""
    await client.open()
    warm: dict[str, list[float]] = {k: [] for k in pages}
    cpu: dict[str, list[float]] = {k: [] for k in pages}
    cold: dict[str, float] = {}
    try:
        for r in range(rounds + 1):
            for key in walk_order(pages):
                before = server.usage()[1] if server else 0.0
                seconds, errors = await client.visit(key)
                if r and server:
                    cpu[key].append(server.usage()[1] - before)
                if errors:
                    raise RuntimeError(f"single user: {key}: {errors}")
                if r == 0:
                    cold[key] = seconds
                else:
                    warm[key].append(seconds)
    finally:
        await client.close()
    return {"warm": warm, "cold": cold, "cpu": cpu}


def clients(browser, url: str, sessions: int, browsers: int) -> list:
    """`browsers` real browser sessions, the rest websocket sessions, interleaved."""
    every = sessions / browsers if browsers else None
    out = []
    for i in range(sessions):
        real = browsers and (i % every < 1 if every else False)
        out.append(BrowserClient(browser, url) if real else WsClient(url))
    return out


async def concurrent(browser, server: Server, data: Path, export: Path, pages, sessions: int,
                     stagger: float, import_after: float, deadline: float,
                     walk_after: bool = True, browsers: int | None = None,
                     think: float = 0.0) -> tuple[Shared, dict, dict]:  # fmt: skip
    """The sessions, the import, the engine poller and the usage sampler, all at once.
    All sessions are browser sessions unless `browsers` says how many are."""
    sh = Shared(time.perf_counter(), sessions, deadline, walk_after, think)
    peaks: dict = {"polls": []}
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_usage(server, peaks, stop))
    poller = asyncio.create_task(poll_engine(data, sh, peaks["polls"]))
    importer = asyncio.create_task(run_import(sh, data, export, import_after))
    cpu0 = server.usage()[1], browser_usage(server)[1]
    group = clients(browser, server.url, sessions, sessions if browsers is None else browsers)
    await asyncio.gather(*(session(i, c, pages, sh, stagger) for i, c in enumerate(group)))
    peaks["cpu_server_s"] = server.usage()[1] - cpu0[0]
    peaks["cpu_browser_s"] = browser_usage(server)[1] - cpu0[1]
    imp = await importer
    await poller
    stop.set()
    await sampler
    return sh, imp, peaks


def final_count(data: Path) -> int:
    proc = subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), "query", "keluarga_per_kecamatan",
         "--param", f"periode={NEW_PERIODE}", "--format", "json"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    rows = json.loads(proc.stdout)
    total = next(r for r in rows if r["kecamatan"] == "Kota Pasuruan")
    return int(total["keluarga_miskin_ekstrem"])


def new_period_export(data: Path, out: Path) -> Path:
    """The latest keluarga export with a quarter of its extreme-poor families graduated, so
    that the new period's figure differs from every earlier one."""
    src = sorted((data / "exports").glob("*_keluarga_*.csv"))[-1]
    with (
        src.open(newline="", encoding="utf-8") as fin,
        out.open("w", newline="", encoding="utf-8") as fout,
    ):
        reader, writer = csv.reader(fin), csv.writer(fout)
        header = next(reader)
        writer.writerow(header)
        flag = header.index("kemiskinan_ekstrem") if "kemiskinan_ekstrem" in header else None
        n = 0
        for row in reader:
            if flag is not None and row[flag] in ("1", "Ya"):
                n += 1
                if n % 4 == 0:
                    row[flag] = "0" if row[flag] == "1" else "Tidak"
            writer.writerow(row)
    return out


PASSWORD = "uji-beban-2026"  # of the account copy_lake adds


def copy_lake(src: Path, dst: Path) -> Path:
    """A copy of the demo lake that stands for a real install: the bench imports a new period
    into it, which a demo lake refuses (demo data never mixes with real data). So the copy's
    batches lose their demo mark, and sign-in is by a real account, kepala, not a demo one."""
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".lock", ".tmp-*"))
    (dst / "lake" / "DEMO").unlink(missing_ok=True)
    manifest = dst / "lake" / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    for periods in m["datasets"].values():
        for entry in periods.values():
            for batch in entry["batches"]:
                batch.pop("demo", None)
    manifest.write_text(json.dumps(m, indent=1), encoding="utf-8")
    (dst / "lake" / "manifest.json.prev").unlink(missing_ok=True)
    from pantau.accounts import Accounts

    Accounts(dst).add("kepala", PASSWORD, "kepala")
    return dst


# --- checking and reporting ------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def analyse(
    singles: dict, sh: Shared, imp: dict, final: int, pages, sessions: int, peaks: dict
) -> dict:
    """Page times per client kind against that kind's one-user time; errors; the new period."""
    kinds = {}
    for kind, single in singles.items():
        base = {k: statistics.median(v) for k, v in single["warm"].items()}
        ok = [v for v in sh.visits if not v.errors and v.kind == kind]
        if not ok:
            continue
        per_page = {}
        for key in pages:
            ts = [v.seconds for v in ok if v.page == key]
            per_page[key] = {
                "single": base[key], "cold": single["cold"][key], "n": len(ts),
                "cpu": statistics.median(single["cpu"][key]) if single.get("cpu", {}).get(key) else float("nan"),
                "p50": pct(ts, 0.5), "p95": pct(ts, 0.95), "ratio_p95": pct(ts, 0.95) / base[key],
            }  # fmt: skip
        ratios = [v.seconds / base[v.page] for v in ok]
        by_phase = {
            ph: [v.seconds / base[v.page] for v in ok if v.phase == ph]
            for ph in ("before", "during", "after")
        }
        kinds[kind] = {
            "sessions": len({v.session for v in sh.visits if v.kind == kind}),
            "visits": len(ok),
            "per_page": per_page,
            "ratio_p50": pct(ratios, 0.5),
            "ratio_p95": pct(ratios, 0.95),
            "ratio_by_phase": {
                ph: (len(r), pct(r, 0.5), pct(r, 0.95)) for ph, r in by_phase.items()
            },
        }
    wrong = [s for s in sh.sightings if s.value != final or NEW_LABEL not in s.caption]
    polls = peaks.get("polls", [])
    return {
        "kinds": kinds,
        "visits": len(sh.visits),
        "errors": [(v.session, v.kind, v.page, v.phase, v.errors) for v in sh.visits if v.errors],
        "failures": sh.failures,
        "final": final,
        "sightings": len(sh.sightings),
        "sightings_during": sum(1 for s in sh.sightings if s.phase == "during"),
        "wrong_sightings": [(s.session, round(s.t, 1), s.phase, s.value, s.caption) for s in wrong],
        "sessions_seeing_new": sum(1 for i in range(sessions) if sh.seen_after_import.get(i)),
        "seen_before_import_end": sorted(
            i for i, t in sh.first_seen.items() if sh.import_end is not None and t < sh.import_end
        ),
        "first_seen_lag": [
            round(t - sh.import_end, 1) for t in sh.first_seen.values() if sh.import_end
        ],
        "polls": len(polls),
        "polls_during": sum(1 for p in polls if p[1] == "during"),
        "polls_seen": sum(1 for p in polls if p[2]),
        "polls_seen_during": sum(1 for p in polls if p[2] and p[1] == "during"),
        "polls_wrong": [p for p in polls if p[2] and p[3] != final],
        "import": imp,
        "logins": sh.logins,
        "duration": sh.now(),
    }


def requirements_met(r: dict, sessions: int) -> dict[str, bool]:
    return {
        "zero errors": not r["errors"] and not r["failures"] and r["import"]["returncode"] == 0,
        "p95 within 3× one user": all(k["ratio_p95"] <= 3 for k in r["kinds"].values()),
        "new period reached every session": r["sessions_seeing_new"] == sessions,
        "never half-loaded": not r["wrong_sightings"] and not r["polls_wrong"],
    }


KIND_TEXT = {
    "browser": "browser sessions (click to page drawn, charts included)",
    "websocket": "websocket sessions (request to the server's 'script finished')",
}


def report_md(r: dict, sessions: int, browsers: int, peaks: dict, args) -> str:
    met = requirements_met(r, sessions)
    imp = r["import"]
    summ = imp["summary"] or {}
    mix = (
        f"{sessions} browser sessions" if browsers == sessions
        else f"{sessions} websocket sessions" if browsers == 0
        else f"{browsers} browser + {sessions - browsers} websocket sessions"
    ) + (f", {args.think:g} s think time" if args.think else ", no think time") + (
        f", {args.run_proses} server processes" if args.run_proses > 1 else ""
    )  # fmt: skip
    lines = [
        f"### {mix}",
        "",
        f"Measured {dt.datetime.now().isoformat(timespec='minutes')} by `python bench/concurrency.py "
        f"--sessions {sessions} --browsers {browsers} --think {args.think:g} --proses "
        f"{','.join(map(str, args.proses))}`"
        + (
            f", the server `python -m pantau serve --proses {args.run_proses}` ({args.run_proses} "
            "Streamlit processes behind HAProxy; memory and CPU below are all of them together)"
            if args.run_proses > 1
            else ", the server `python -m pantau serve` (one process)"
        )
        + f". Lake: {args.label} "
        f"(a copy). Every session signs in as `kepala` and walks {', '.join(args.pages)}, each "
        f"starting at a different page, "
        + (
            f"reading each for {args.think / 2:g}–{args.think * 1.5:g} s (uniform) before the "
            "next click"
            if args.think
            else "clicking on as soon as a page is drawn"
        )
        + f"; sign-ins {args.stagger:g} s apart. {args.import_after:g} s after the last sign-in "
        f"`python -m pantau import … --jenis keluarga --periode {NEW_PERIODE}` runs "
        f"({_n(summ.get('read', 0))} rows; {imp['seconds']:.1f} s, {imp.get('cpu_s', 0):.1f} CPU-s, "
        f"exit {imp['returncode']}); the sessions go on until each has walked every page after it. "
        f"{_n(r['visits'])} page visits in {r['duration'] / 60:.1f} min; load average peaked at "
        f"{peaks.get('load', 0):.1f}. Peak memory (PSS): server {peaks.get('server_mb', 0):,.0f} MB, "
        f"Chromium {peaks.get('browser_mb', 0):,.0f} MB. CPU while the sessions ran "
        f"({r['duration']:.0f} s wall, {2 * r['duration']:.0f} CPU-s available): server "
        f"{peaks.get('cpu_server_s', 0):.0f} CPU-s (busiest 5 s: {max(peaks.get('server_cores') or [0]):.2f} "
        f"cores), Chromium and Playwright {peaks.get('cpu_browser_s', 0):.0f} CPU-s.",
        "",
    ]
    for kind, k in r["kinds"].items():
        ph = k["ratio_by_phase"]
        lines += [
            f"{k['sessions']} {KIND_TEXT[kind]}, {k['visits']} visits:",
            "",
            "| page | one user, warm (median) | one user, cold | server CPU per view | concurrent p50 | concurrent p95 | p95 / one user |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for key, p in k["per_page"].items():
            lines.append(
                f"| {key} | {p['single']:.2f} s | {p['cold']:.2f} s | {p['cpu']:.2f} s | "
                f"{p['p50']:.2f} s | {p['p95']:.2f} s | {p['ratio_p95']:.1f}× |"
            )
        lines += [
            "",
            f"Each visit over the same page's one-user time: p50 **{k['ratio_p50']:.1f}×**, p95 "
            f"**{k['ratio_p95']:.1f}×** (p95 before the import {ph['before'][2]:.1f}×, during "
            f"{ph['during'][2]:.1f}× over {ph['during'][0]} visits, after {ph['after'][2]:.1f}×).",
            "",
        ]
    lines += [
        f"- Errors: **{len(r['errors'])}** visits with an exception, an error box, a failed "
        f"navigation or the login form; {len(r['failures'])} sessions failed."
        + "".join(
            f"\n  - session {s} ({kd}), {p} ({phs}): {e[0][:160]}"
            for s, kd, p, phs, e in r["errors"][:8]
        )
        + "".join(f"\n  - {f[:200]}" for f in r["failures"][:5]),
        f"- New period: {r['sessions_seeing_new']} of {sessions} sessions found {NEW_LABEL} in "
        f"the Periode list after the import (first sighting {_lag(r['first_seen_lag'])} after "
        f"the import process ended); {len(r['seen_before_import_end'])} saw it before the "
        "process had exited (the manifest swap precedes the exit).",
        f"- Never half-loaded: {r['sightings']} readings of Ringkasan's 'Keluarga miskin ekstrem' "
        f"with {NEW_LABEL} chosen ({r['sightings_during']} before the import process exited); "
        f"{len(r['wrong_sightings'])} differ from the final count {r['final']} "
        f"(`python -m pantau query keluarga_per_kecamatan --param periode={NEW_PERIODE}`). "
        f"A query engine in the benchmark's own process polled the lake every 50 ms from the "
        f"import's start to 5 s after it: {r['polls']} polls ({r['polls_during']} during the "
        f"import), {r['polls_seen']} listing {NEW_LABEL} ({r['polls_seen_during']} of them "
        f"before the import process exited), {len(r['polls_wrong'])} with another count.",
        "- Requirements: "
        + "; ".join(f"{k} **{'met' if v else 'NOT met'}**" for k, v in met.items())
        + ".",
        "",
    ]
    return "\n".join(lines)


def _lag(lags: list[float]) -> str:
    if not lags:
        return "–"
    return f"{min(lags):+.1f} s to {max(lags):+.1f} s"


def _n(v) -> str:
    return f"{v:,}".replace(",", ".")


def section_text(old: str, run: str, browsers: int, sessions: int) -> str:
    """The section with this run's subsection replaced (or added); other runs stay."""
    intro = (
        f"{SECTION}\n\n"
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.1f} GB RAM, shared "
        f"with other jobs (times are upper bounds); Python {platform.python_version()}, "
        "Streamlit 1.67, Playwright driving Debian's Chromium headless (one browser, one context "
        "per browser session). Server: `python -m pantau serve` with the file watcher off. "
        "Browser sessions click the sidebar links and time until the run is finished, nothing "
        "is stale and the page's chart (or slide, or title) is drawn; websocket sessions speak "
        "Streamlit's own protocol (the same rerun requests a browser sends) and time the "
        "server's share of a view only, so that many sessions load the server without Chromium "
        "taking the two cores. Each kind is compared with one session of the same kind alone "
        "on the same server (warm: median of 3 rounds after a first, cold round).\n\n"
    )
    start = old.find(SECTION)
    body = ""
    if start >= 0:
        nxt = old.find("\n## ", start + len(SECTION))
        body = old[start : nxt if nxt >= 0 else len(old)]
    subs = {}
    for chunk in body.split("\n### ")[1:]:
        subs[chunk.splitlines()[0].strip()] = "### " + chunk.rstrip("\n") + "\n"
    subs[run.splitlines()[0].removeprefix("### ").strip()] = run
    return intro + "\n".join(subs[k] for k in sorted(subs))


def replace_section(text: str, section: str) -> str:
    start = text.find(SECTION)
    if start < 0:
        return text.rstrip("\n") + "\n\n" + section
    nxt = text.find("\n## ", start + len(SECTION))
    return text[:start] + section + ("\n" + text[nxt + 1 :] if nxt >= 0 else "")


async def bench(args, proses: int = 1) -> tuple[dict, dict]:
    from playwright.async_api import async_playwright

    work = Path(tempfile.mkdtemp(prefix="pantau-conc-"))
    try:
        data = copy_lake(Path(args.data), work / "data")
        export = new_period_export(data, work / f"{NEW_PERIODE}_keluarga.csv")
        with Server(data, proses=proses) as server:
            async with async_playwright() as p:
                browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                singles = {}
                if args.browsers:
                    print("one browser session …", flush=True)
                    singles["browser"] = await single_user(
                        BrowserClient(browser, server.url), args.pages, args.single_rounds, server
                    )
                if args.browsers < args.sessions:
                    print("one websocket session …", flush=True)
                    singles["websocket"] = await single_user(
                        WsClient(server.url), args.pages, args.single_rounds, server
                    )
                print(json.dumps(singles), flush=True)
                print(f"{args.sessions} sessions ({args.browsers} in the browser) …", flush=True)
                sh, imp, peaks = await concurrent(
                    browser, server, data, export, args.pages, args.sessions, args.stagger,
                    args.import_after, args.deadline, browsers=args.browsers, think=args.think,
                )  # fmt: skip
                await browser.close()
            log = server.output()
            tracebacks = log.count("Traceback")
        r = analyse(singles, sh, imp, final_count(data), args.pages, args.sessions, peaks)
        r["server_tracebacks"] = tracebacks
        if tracebacks:
            r["server_log"] = str(save_log(log, proses, getattr(args, "logs", LOGS)))
            print(f"server log ({tracebacks} tracebacks): {r['server_log']}", flush=True)
        r["server_mb"] = peaks.get("server_mb", 0)
        return r, peaks
    finally:
        shutil.rmtree(work, ignore_errors=True)


def save_log(text: str, proses: int, directory: Path = LOGS, now: dt.datetime | None = None):
    """Write a server log that counted a traceback to `directory`, named by the run's UTC time
    and process count, so the error can be read after the server's temporary file is gone."""
    now = now or dt.datetime.now(dt.UTC)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"concurrency-{now:%Y%m%dT%H%M%SZ}-proses{proses}.log"
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("/tmp/demo-lake"), help="demo lake to copy")
    ap.add_argument("--label", default="the demo lake, 20.000 keluarga a quarter, 2021–2026")
    ap.add_argument("--sessions", type=int, default=20)
    ap.add_argument("--browsers", type=int, default=None, help="browser sessions (default: all)")
    ap.add_argument("--pages", type=lambda s: s.split(","), default=list(PAGES))
    ap.add_argument("--single-rounds", type=int, default=3)
    ap.add_argument("--stagger", type=float, default=0.5, help="seconds between sign-ins")
    ap.add_argument("--think", type=float, default=10, help="mean seconds on a page (0: none)")
    ap.add_argument("--import-after", type=float, default=20, help="seconds after the last sign-in")
    ap.add_argument("--deadline", type=float, default=3600, help="seconds; sessions stop then")
    ap.add_argument("--write", action="store_true", help="record the run in bench/RESULTS.md")
    ap.add_argument(
        "--logs", type=Path, default=LOGS, help="where a server log with a traceback goes"
    )
    ap.add_argument(
        "--proses",
        type=_counts,
        default=[1],
        help="server processes, e.g. 2 or 1,2: one whole run per value (serve --proses N)",
    )
    args = ap.parse_args()
    if args.browsers is None:
        args.browsers = args.sessions
    runs = []
    for n in args.proses:
        args.run_proses = n
        print(f"--- serve --proses {n} …", flush=True)
        r, peaks = asyncio.run(bench(args, n))
        print(json.dumps({k: v for k, v in r.items() if k != "polls_wrong"}, indent=1, default=str))
        run = report_md(r, args.sessions, args.browsers, peaks, args)
        print(run)
        runs.append((n, r, run))
    if len(runs) > 1:
        side = side_by_side_md(runs, args)
        print(side)
        runs.append((0, None, side))
    for n, r, _ in runs:
        if r and r.get("server_log"):
            print(f"serve --proses {n}: server log with tracebacks saved to {r['server_log']}")
    if args.write:
        for _, _, run in runs:
            text = RESULTS.read_text(encoding="utf-8")
            start = text.find(SECTION)
            old = text[start:] if start >= 0 else ""
            RESULTS.write_text(
                replace_section(text, section_text(old, run, args.browsers, args.sessions)),
                encoding="utf-8",
            )


def _counts(text: str) -> list[int]:
    """`--proses 1,2` → [1, 2]: each a server size of at least one process."""
    try:
        values = [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of whole numbers: {text!r}") from None
    if not values or min(values) < 1:
        raise argparse.ArgumentTypeError("every --proses value is at least 1")
    return values


def side_by_side_md(runs: list[tuple[int, dict, str]], args) -> str:
    """The runs of one invocation in one table: p95 over one user per client kind, errors, and
    whether the new period reached every session whole."""
    kinds = sorted({kind for _, r, _ in runs for kind in r["kinds"]})
    head = "| server | " + " | ".join(f"{k} p50 / p95 × one user" for k in kinds)
    head += " | errors | new period reached | never half-loaded | server peak PSS |"
    lines = [
        f"### Processes side by side: {args.sessions} sessions ({args.browsers} in the browser), "
        f"{args.think:g} s think time",
        "",
        f"One invocation (`python bench/concurrency.py --sessions {args.sessions} --browsers "
        f"{args.browsers} --think {args.think:g} --proses {','.join(map(str, args.proses))}`), "
        "each server on its own copy of the lake, the subsections above in full.",
        "",
        head,
        "|---|" + "---:|" * len(kinds) + "---:|---:|---|---:|",
    ]
    for n, r, _ in runs:
        met = requirements_met(r, args.sessions)
        cells = [
            f"{r['kinds'][k]['ratio_p50']:.1f}× / **{r['kinds'][k]['ratio_p95']:.1f}×**"
            if k in r["kinds"]
            else "–"
            for k in kinds
        ]
        lines.append(
            f"| `serve --proses {n}` | " + " | ".join(cells) + f" | {len(r['errors'])} | "
            f"{r['sessions_seeing_new']} of {args.sessions} | "
            f"{'yes' if met['never half-loaded'] else 'NO'} | {r['server_mb']:,.0f} MB |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()

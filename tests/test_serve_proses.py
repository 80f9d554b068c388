"""`serve --proses N` (issue 16 §1): N Streamlit processes behind HAProxy on one port, each
browser kept on one process (its session state lives there), every child stopped with the
command, and each process's engine following the lake on its own.

One `serve --proses 2` on the small demo lake (module fixture) serves the tests in file order;
the test of stopping it comes after the others that use it.
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from pantau import serve_multi
from pantau.errors import PantauError
from tests.fixture_browser import CHROMIUM
from tests.lakes import ROOT


def _haproxy() -> str:
    """HAProxy, which these tests need (like Chromium: missing, they fail, never skip)."""
    try:
        return serve_multi.haproxy()
    except PantauError:
        pytest.fail(
            "Debian's haproxy is missing: run 'apt-get install -y haproxy' (scripts/test does)."
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pantau(*args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", *args],
        cwd=ROOT,
        env=env or os.environ,
        capture_output=True,
        text=True,
        **kw,
    )


def _children(pid: int) -> set[int]:
    """Every process below `pid` (from /proc's parent links)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        kids = {c for c, pp in parents.items() if pp == p}
        found |= kids
        todo.extend(kids)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _get(port: int, path: str, cookie: str | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    resp = conn.getresponse()
    resp.body = resp.read()
    conn.close()
    return resp


def _sticky(resp: http.client.HTTPResponse) -> str | None:
    """The PANTAU_PROSES value the proxy set on this answer, if it set one."""
    for name, value in resp.getheaders():
        if name.lower() == "set-cookie" and value.startswith(f"{serve_multi.COOKIE}="):
            return value.split(";")[0].split("=", 1)[1]
    return None


@pytest.fixture(scope="module")
def lake(demo_lake) -> Path:
    """The suite's small demo lake (tests/fixture_demo.py, `python -m pantau demo` in-process,
    built once per test process): the servers only read it, and the test that changes a lake
    changes a copy."""
    return demo_lake


@pytest.fixture(scope="module")
def served(lake):
    _haproxy()
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pantau", "--data", str(lake), "serve", "--proses", "2"]
        + ["--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = proc.stdout.readline()  # printed once every process answers and the proxy runs
    if "Dasbor siap" not in line:
        proc.kill()
        pytest.fail(f"serve --proses 2 did not start: {line!r} (exit {proc.wait()})")
    assert line.strip() == f"Dasbor siap: http://localhost:{port} (2 proses)"
    yield proc, port
    if proc.poll() is None:
        proc.terminate()
        proc.wait(timeout=30)


def test_health_answers_through_the_proxy_from_a_named_process(served):
    _, port = served
    resp = _get(port, "/_stcore/health")
    assert (resp.status, resp.body) == (200, b"ok")
    assert resp.getheader(serve_multi.HEADER) in {"p1", "p2"}


def test_two_new_browsers_get_two_processes_and_each_keeps_its_own(served):
    _, port = served
    first, second = _get(port, "/"), _get(port, "/")
    a, b = first.getheader(serve_multi.HEADER), second.getheader(serve_multi.HEADER)
    assert {a, b} == {"p1", "p2"}  # round robin over the two for browsers without the cookie
    assert (_sticky(first), _sticky(second)) == (a, b)  # the cookie names the process
    assert "no-cache" in first.getheader("Cache-Control", "")  # no cache keeps a cookie'd page
    for cookie, process in ((f"{serve_multi.COOKIE}={a}", a), (f"{serve_multi.COOKIE}={b}", b)):
        for path in ("/", "/_stcore/health", "/_stcore/host-config") * 3:
            resp = _get(port, path, cookie=cookie)
            assert resp.status == 200, path
            assert resp.getheader(serve_multi.HEADER) == process, (cookie, path)
            assert _sticky(resp) is None  # already sticky: the proxy sets nothing again


def test_the_session_websocket_upgrades_through_the_proxy_on_its_process(served):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.sync.client import connect

    _, port = served
    base = f"127.0.0.1:{port}"
    for process in ("p2", "p1"):
        with connect(
            f"ws://{base}/_stcore/stream",
            origin=f"http://{base}",
            subprotocols=["streamlit"],
            additional_headers={"Cookie": f"{serve_multi.COOKIE}={process}"},
            open_timeout=20,
        ) as ws:
            assert ws.response.status_code == 101
            assert ws.response.headers[serve_multi.HEADER] == process
            assert ws.subprotocol == "streamlit"
            # Both ways through the tunnel: ask for a script run, get the session's messages.
            ask = BackMsg()
            ask.rerun_script.query_string = ""
            ws.send(ask.SerializeToString())
            kinds = []
            while "new_session" not in kinds:
                msg = ForwardMsg()
                msg.ParseFromString(ws.recv(timeout=60))
                kinds.append(msg.WhichOneof("type"))
            assert kinds[0] == "new_session"


def test_signing_in_renders_ringkasan_through_the_proxy(served):
    from playwright.sync_api import sync_playwright

    _, port = served
    url = f"http://localhost:{port}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            context = browser.new_context()
            page = context.new_page()
            elsewhere: list[str] = []
            page.on(
                "request",
                lambda r: (
                    None if r.url.startswith((url, "data:", "blob:")) else elsewhere.append(r.url)
                ),
            )
            page.goto(url)
            page.get_by_label("Nama pengguna").fill("kepala")
            page.get_by_label("Kata sandi").fill("demo")
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_function(
                "() => [...document.querySelectorAll('h1')].some(h => h.innerText.includes('Ringkasan'))",
                timeout=90000,
            )
            assert page.locator('[data-testid="stException"]').count() == 0
            sticky = [c["value"] for c in context.cookies() if c["name"] == serve_multi.COOKIE]
            assert sticky in (["p1"], ["p2"])
            assert elsewhere == []  # every request went to the proxy's one port
        finally:
            browser.close()


def test_each_process_engine_follows_a_lake_change_on_its_own(lake, tmp_path):
    """Two processes with the server's kind of engine (`background`: a page never waits for a
    rebuild) over one lake, nothing between them: after a change made by a third (a Daftar SK
    version frozen on the command line), each one's views reach the new manifest version by
    themselves, while it goes on answering from the old one until its rebuild is done."""
    data = tmp_path / "data"
    shutil.copytree(lake, data)
    script = (
        "import sys; from pathlib import Path; from pantau import queries\n"
        "eng = queries.engine(Path(sys.argv[1])); eng.background = True\n"
        "for _ in sys.stdin:\n"
        "    n = len(eng.run('sk_versi'))\n"
        "    print(eng._version, n, flush=True)\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(data)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]

    def ask(proc) -> tuple[int, int]:
        proc.stdin.write("?\n")
        proc.stdin.flush()
        version, n = proc.stdout.readline().split()
        return int(version), int(n)

    try:
        from pantau.lake import Lake

        before = Lake(data).version()
        assert [ask(p) for p in procs] == [(before, 0), (before, 0)]
        done = _pantau(
            "--data", str(data), "sk", "bekukan", "--periode", "2026-09", "--nama", "Uji"
        )
        assert done.returncode == 0, done.stderr
        after = Lake(data).version()
        assert after == before + 1
        for proc in procs:  # each process's background rebuild, within a minute
            deadline = time.monotonic() + 60
            while (seen := ask(proc)) != (after, 1) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert seen == (after, 1)
    finally:
        for proc in procs:
            proc.stdin.close()
            proc.wait(timeout=30)


def _server_pid(command: int, name: str) -> int:
    """The pid of the Streamlit process the proxy calls `name` (p1, p2): its port from the
    proxy's configuration file, the process from its command line."""
    below = _children(command)
    proxy = next(p for p in below if Path(f"/proc/{p}/comm").read_text().strip() == "haproxy")
    argv = Path(f"/proc/{proxy}/cmdline").read_text().split("\0")
    cfg = Path(argv[argv.index("-f") + 1]).read_text()
    port = next(
        line.split()[2].rsplit(":", 1)[1] for line in cfg.splitlines() if f"server {name} " in line
    )
    for pid in below:
        args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
        if "serve" in args and args[args.index("--port") + 1] == port:
            return pid
    raise AssertionError(f"no process for {name} on port {port}")


def test_a_busy_process_keeps_its_browsers_when_its_health_checks_fail(served):
    """Review 16.1: a process silent for longer than its checks allow (here stopped for 20 s:
    three failed checks of 5 s) was marked down and its signed-in browsers sent to the other
    process, which has no session for them (the download's 404). With `option persist` a
    browser whose cookie names it waits for it instead, and keeps its cookie."""
    proc, port = served
    pid = _server_pid(proc.pid, "p2")
    os.kill(pid, signal.SIGSTOP)
    try:
        time.sleep(20)
        answer: dict = {}
        asked = threading.Thread(
            target=lambda: answer.update(
                r=_get(port, "/_stcore/health", f"{serve_multi.COOKIE}=p2")
            )
        )
        asked.start()
        time.sleep(2)
        assert "r" not in answer  # waiting for p2, not answered by p1
    finally:
        os.kill(pid, signal.SIGCONT)
    asked.join(timeout=30)
    resp = answer["r"]
    assert (resp.status, resp.getheader(serve_multi.HEADER), _sticky(resp)) == (200, "p2", None)
    # a new browser meanwhile goes to a process that is up
    fresh = _get(port, "/_stcore/health")
    assert fresh.status == 200 and fresh.getheader(serve_multi.HEADER) in {"p1", "p2"}


def test_stopping_the_command_stops_the_proxy_and_every_process(served):
    proc, port = served
    below = _children(proc.pid)
    names = {Path(f"/proc/{pid}/comm").read_text().strip() for pid in below}
    assert len(below) == 3 and "haproxy" in names  # two Streamlit processes and the proxy
    proc.send_signal(signal.SIGTERM)  # to the command only: it stops its children itself
    assert proc.wait(timeout=30) == 0
    assert [pid for pid in below if _alive(pid)] == []
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_a_child_ends_when_the_command_is_killed_without_cleaning_up(tmp_path):
    """SIGKILL leaves the command no chance to stop its children: the kernel's parent-death
    signal (serve_multi._start) ends them instead."""
    code = (
        "import sys, time; from pantau import serve_multi\n"
        "child = serve_multi._start([sys.executable, '-c', 'import time; time.sleep(120)'])\n"
        "print(child.pid, flush=True); time.sleep(120)\n"
    )
    command = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    child = int(command.stdout.readline())
    assert _alive(child) and child in _children(command.pid)
    command.kill()
    command.wait(timeout=30)
    deadline = time.monotonic() + 30
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child)


def test_missing_haproxy_is_one_sentence_naming_apt_get(tmp_path, monkeypatch, capsys):
    from pantau import cli

    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(serve_multi, "SBIN", "")  # its fallback, Debian's /usr/sbin, too
    assert cli.main(["--data", str(tmp_path / "d"), "serve", "--proses", "2", "--demo"]) == 2
    assert capsys.readouterr().err == (
        "Error: serve --proses N memerlukan HAProxy, yang belum terpasang: pasang dengan "
        "'sudo apt-get install haproxy' (atau jalankan dengan --proses 1).\n"
    )
    assert not (tmp_path / "d").exists()  # said before anything is built or started


def test_a_port_in_use_is_one_sentence_before_any_process_starts(tmp_path, capsys):
    from pantau import cli

    _haproxy()
    before = _children(os.getpid())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = ["--data", str(tmp_path / "d"), "serve", "--proses", "2", "--port", str(port)]
        assert cli.main(argv) == 2
    assert capsys.readouterr().err == (
        f"Error: Port {port} pada 127.0.0.1 tidak dapat dipakai (Address already in use); "
        "pilih port lain dengan --port.\n"
    )
    assert _children(os.getpid()) == before  # no Streamlit process, no proxy left


def test_fewer_than_one_process_is_refused(tmp_path, capsys):
    from pantau import cli

    assert cli.main(["--data", str(tmp_path / "d"), "serve", "--proses", "0"]) == 2
    assert capsys.readouterr().err == "Error: --proses minimal 1; diberikan 0.\n"


def test_more_processes_than_the_cores_hold_and_a_port_out_of_range_are_refused(
    tmp_path, capsys, monkeypatch
):
    """Review 16.3–4: --proses 50 started 50 servers on 2 cores, 100000 ended in 'Too many open
    files', --port 70000 in an OverflowError; now one sentence each, nothing started."""
    from pantau import cli

    monkeypatch.setattr(serve_multi, "MAX_PROSES", 8)  # 4 per core of a 2-core machine
    assert cli.main(["--data", str(tmp_path / "d"), "serve", "--proses", "9"]) == 2
    assert capsys.readouterr().err == (
        "Error: --proses paling banyak 8 (4 per inti prosesor mesin ini; tiap proses memakai "
        "sekitar 400 MB); diberikan 9.\n"
    )
    assert cli.main(["--data", str(tmp_path / "d"), "serve", "--port", "70000"]) == 2
    assert capsys.readouterr().err == "Error: --port harus 1–65535; diberikan 70000.\n"
    assert not (tmp_path / "d").exists()


def test_the_config_keeps_a_busy_process_s_browsers_and_checks_patiently():
    text = serve_multi.haproxy_config("127.0.0.1", 8600, [40001, 40002])
    assert "    option persist\n" in text and "    option redispatch\n" in text
    assert "    timeout check 10s\n" in text
    assert "server p2 127.0.0.1:40002 cookie p2 check inter 5s fall 3 rise 1" in text


def test_the_config_binds_the_address_given_and_checks_cleanly(tmp_path):
    text = serve_multi.haproxy_config("::1", 8600, [40001, 40002, 40003])
    assert "    bind [::1]:8600\n" in text
    servers = [line.split()[1:3] for line in text.splitlines() if line.startswith("    server ")]
    assert servers == [
        ["p1", "127.0.0.1:40001"],
        ["p2", "127.0.0.1:40002"],
        ["p3", "127.0.0.1:40003"],
    ]
    assert f"cookie {serve_multi.COOKIE} insert indirect nocache" in text
    assert "timeout tunnel 12h" in text
    cfg = tmp_path / "haproxy.cfg"
    cfg.write_text(text)
    check = subprocess.run([_haproxy(), "-c", "-f", str(cfg)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

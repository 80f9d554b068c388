"""The server as installed: `python -m pantau serve` listens on loopback and asks nothing off
the machine (issue 10 §6).

The real server runs under `strace -f -e trace=connect,bind`, so every connect() of every
thread and child is on record; the test's own requests are made from this process, which is not
traced.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

import pytest

from tests.lakes import ROOT, build_lake, keluarga_rows

# sa_family and address of each traced connect(): AF_INET's inet_addr("…"), AF_INET6's
# inet_pton(AF_INET6, "…", …).
CONNECT = re.compile(
    r"connect\(\d+, \{sa_family=(AF_\w+)(?:.*?inet_addr\(\"([^\"]+)\"\))?"
    r"(?:.*?inet_pton\(AF_INET6, \"([^\"]+)\")?"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _off_machine(line: str) -> bool:
    """Whether a traced connect() line goes anywhere but this machine's loopback."""
    m = CONNECT.search(line)
    if not m:
        return False
    family, v4, v6 = m.groups()
    if family in {"AF_UNIX", "AF_UNSPEC", "AF_NETLINK"}:
        return False
    if family == "AF_INET":
        return not (v4 or "").startswith("127.")
    if family == "AF_INET6":
        return v6 not in {"::1"} and not (v6 or "").startswith("::ffff:127.")
    return True


def _listening(port: int) -> list[str]:
    """The local addresses (hex, as in /proc/net/tcp*) listening on `port`."""
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hexport = local.split(":")
            if state == "0A" and int(hexport, 16) == port:
                out.append(address)
    return out


def _foreign_origin_websocket(port: int) -> bytes:
    """Open the app's WebSocket as a page on another site would (its Origin header): the kind
    of request for which Streamlit looks up the machine's public IP."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(
            (
                "GET /_stcore/stream HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                "Origin: http://situs-lain.example\r\n\r\n"
            ).encode()
        )
        return s.recv(200)


@pytest.fixture(scope="module")
def traced_server(tmp_path_factory):
    """Start the server under strace, touch it as a browser would, stop it; yield the
    trace and what was listening on its port."""
    tmp = tmp_path_factory.mktemp("server")
    data = build_lake(tmp / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 6)}})
    trace = tmp / "connect.trace"
    port = _free_port()
    proc = subprocess.Popen(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect,bind",
            "-e",
            "signal=none",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "pantau",
            "--data",
            str(data),
            "serve",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "PANTAU_DATA"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # strace and the server in a group of their own, to stop both
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                if urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("the dashboard server did not start within 60 s")
                time.sleep(0.3)
        page = urlopen(f"http://127.0.0.1:{port}/", timeout=10).read()
        handshake = _foreign_origin_websocket(port)
        listening = _listening(port)
        time.sleep(3)  # anything the server does right after starting
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return trace.read_text(), listening, page, handshake


def test_the_server_makes_no_connection_off_the_machine(traced_server):
    text, _listening_on, page, handshake = traced_server
    assert b"<html" in page.lower()  # it served the app
    assert handshake.startswith(b"HTTP/1.1")  # and answered the foreign-origin WebSocket
    connects = [line for line in text.splitlines() if "connect(" in line]
    assert [line for line in connects if _off_machine(line)] == []
    # The trace works: it holds the bind() of the listening socket.
    assert any("bind(" in line and '"127.0.0.1"' in line for line in text.splitlines()), text


def test_the_server_listens_on_loopback_only(traced_server):
    _text, listening, _page, _handshake = traced_server
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing on tcp6


def test_off_machine_filter_knows_loopback_from_the_rest():
    assert not _off_machine('connect(3, {sa_family=AF_UNIX, sun_path="/run/x"}, 110) = 0')
    assert not _off_machine(
        'connect(3, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}, 16)'
    )
    assert _off_machine(
        'connect(3, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("8.8.8.8")}, 16)'
    )
    assert _off_machine(
        "connect(3, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), "
        'inet_pton(AF_INET6, "2600:1f18::1", &sin6_addr), sin6_scope_id=0}, 28)'
    )
    assert not _off_machine(
        "connect(3, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), "
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28)'
    )


@pytest.mark.parametrize(
    ("argv", "address", "shown"),
    [([], "127.0.0.1", "localhost"), (["--alamat", "0.0.0.0"], "0.0.0.0", socket.gethostname())],
)
def test_serve_listens_where_alamat_says(tmp_path, monkeypatch, argv, address, shown):
    from streamlit import net_util
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import bootstrap

    from pantau import cli, queries

    # What serve changes in this process comes back after the test.
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path))
    monkeypatch.setattr(net_util, "get_external_ip", net_util.get_external_ip)
    monkeypatch.setattr(net_util, "get_internal_ip", net_util.get_internal_ip)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    seen = {}
    monkeypatch.setattr(queries, "warm_up", lambda _data, **_kw: None)
    monkeypatch.setattr(bootstrap, "load_config_options", lambda flag_options: None)
    monkeypatch.setattr(bootstrap, "run", lambda _s, _d, _a, flags: seen.update(flags))
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--data", str(tmp_path), "serve", "--port", "8600", *argv]) == 0
    assert seen["server.address"] == address and seen["server.port"] == 8600
    assert seen["browser.serverAddress"] == shown  # so Streamlit prints it, asking nobody

"""`serve --proses N`: N Streamlit processes over one data directory behind HAProxy.

One Streamlit process runs its sessions' Python on one core at a time; several processes use
every core. A session's state lives in its process, so the proxy keeps each browser on one
process with a cookie it sets on the first answer (every later request, the websocket
/_stcore/stream, uploads and media included, carries it). Each process has its own query
engine, which rebuilds its views after an import on its own (pantau/queries.py): a session
sees one version at a time because it never leaves its process.

The command starts the processes and the proxy, and stops them all when it is stopped
(Ctrl-C, SIGTERM) or when one of them ends; the children also get SIGTERM if this process
dies without cleaning up (PR_SET_PDEATHSIG), so none is left behind.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from pantau import config
from pantau.errors import PantauError

COOKIE = "PANTAU_PROSES"  # the sticky-session cookie: which process serves this browser
HEADER = "X-Pantau-Proses"  # names the process that answered (for checks and the bench)
# More processes than this only queue for the cores (each holds ~400 MB: README)
MAX_PROSES = 4 * (os.cpu_count() or 1)
START_SECONDS = 180  # until every process answers its health check (a loaded machine is slow)
STOP_SECONDS = 15  # a process still rendering a file gets this long after SIGTERM
SBIN = "/usr/sbin:/sbin"  # where Debian puts haproxy: not on an ordinary user's PATH


def haproxy() -> str:
    """The haproxy executable, or one sentence saying how to install it."""
    found = shutil.which("haproxy") or (SBIN and shutil.which("haproxy", path=SBIN))
    if not found:
        raise PantauError(
            "serve --proses N memerlukan HAProxy, yang belum terpasang: pasang dengan "
            "'sudo apt-get install haproxy' (atau jalankan dengan --proses 1)."
        )
    return found


def free_ports(n: int) -> list[int]:
    """`n` distinct ports free on loopback now (held open together so none repeats)."""
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def haproxy_config(address: str, port: int, backends: list[int]) -> str:
    """The proxy's configuration: one frontend on (address, port), the processes behind it.

    `cookie … insert indirect nocache` sticks a browser to the process that first answered it
    (the cookie never reaches Streamlit, and no cache stores a page with it). A websocket is a
    tunnel once upgraded: `timeout tunnel` keeps an idle session's socket open for a working
    day instead of `timeout client`'s minute. A process that fails its health check gets no new
    browsers, but `option persist` keeps sending it the browsers whose cookie names it: a
    process busy for a few seconds (a long query, a rebuild after an import) is marked down by
    its checks while it still holds its sessions, and moving them would lose their state (a
    download's file, the websocket's session). Only a process that refuses the connection sends
    its browser elsewhere (`redispatch`; it signs in again there). Checks wait 10 s and mark a
    process down after three failures in a row."""
    bind = f"[{address}]:{port}" if ":" in address else f"{address}:{port}"
    servers = "\n".join(
        f"    server p{i} 127.0.0.1:{p} cookie p{i} check inter 5s fall 3 rise 1"
        for i, p in enumerate(backends, start=1)
    )
    return f"""\
global
    maxconn 4096

defaults
    mode http
    option redispatch
    option persist
    retries 2
    timeout connect 5s
    timeout client 60s
    timeout server 120s
    timeout http-request 30s
    timeout http-keep-alive 10s
    timeout tunnel 12h
    timeout client-fin 10s
    timeout check 10s

frontend pantau
    bind {bind}
    default_backend streamlit

backend streamlit
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
    http-response set-header {HEADER} %[srv_name]
{servers}
"""


def _die_with_parent() -> None:
    """In a child, before exec: SIGTERM when the serving process dies, however it dies."""
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _start(cmd: list[str], **kw) -> subprocess.Popen:
    """A child in its own process group: a terminal's Ctrl-C reaches the command only, which
    then stops every child itself (review 16.2: the children ended first, and the command took
    that for a crash)."""
    return subprocess.Popen(
        cmd, cwd=config.ROOT, preexec_fn=_die_with_parent, process_group=0, **kw
    )


def _healthy(port: int) -> bool:
    try:
        with urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def _port_free(address: str, port: int) -> None:
    """One sentence now, rather than a proxy that cannot bind after N processes started."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as HAProxy binds
        try:
            s.bind((address, port))
        except OSError as err:
            raise PantauError(
                f"Port {port} pada {address} tidak dapat dipakai ({err.strerror}); "
                "pilih port lain dengan --port."
            ) from None


def _listening(address: str, port: int) -> bool:
    """Whether the proxy accepts connections on the users' port yet."""
    host = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}.get(address, address)
    try:
        socket.create_connection((host, port), timeout=1).close()
        return True
    except OSError:
        return False


def _stop(procs: list[subprocess.Popen]) -> None:
    """SIGTERM to every child, then SIGKILL to any still running after STOP_SECONDS."""
    for p in procs:
        if p.poll() is None:
            p.terminate()
    deadline = time.monotonic() + STOP_SECONDS
    for p in procs:
        try:
            p.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def _sigterm(signum, frame):
    raise KeyboardInterrupt  # stop as Ctrl-C does: through serve()'s finally


def serve(data: Path, port: int, address: str, n: int) -> int:
    """Run N processes and the proxy until stopped; return the exit code."""
    exe = haproxy()
    _port_free(address, port)
    backends = free_ports(n)
    run = Path(tempfile.mkdtemp(prefix="pantau-proxy-"))
    cfg = run / "haproxy.cfg"
    cfg.write_text(haproxy_config(address, port, backends), encoding="utf-8")
    check = subprocess.run([exe, "-c", "-q", "-f", str(cfg)], capture_output=True, text=True)
    if check.returncode != 0:
        shutil.rmtree(run, ignore_errors=True)
        raise PantauError(f"HAProxy menolak konfigurasinya: {check.stderr.strip()}")
    previous = signal.signal(signal.SIGTERM, _sigterm)
    procs: list[subprocess.Popen] = []
    try:
        for p in backends:
            cmd = [sys.executable, "-m", "pantau", "--data", str(data), "serve", "--port", str(p)]
            # Streamlit's "You can now view …" names the process's own port, not the users'.
            procs.append(_start(cmd, stdout=subprocess.DEVNULL))
        if not _wait_ready(procs, backends):
            return 1
        # The proxy starts once every process answers: no browser meets a process not yet
        # listening, and no "server DOWN" lines at every start.
        procs.append(_start([exe, "-db", "-f", str(cfg)]))
        while not _listening(address, port):
            if _ended(procs):
                return 1
            time.sleep(0.1)
        shown = "localhost" if address == "127.0.0.1" else address
        print(f"Dasbor siap: http://{shown}:{port} ({n} proses)", flush=True)
        while not _ended(procs):
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        print("Dihentikan.", file=sys.stderr)
        return 0
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut cleanup
        _stop(procs)
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(run, ignore_errors=True)


def _ended(procs: list[subprocess.Popen]) -> bool:
    """Whether a child has ended (said once): then the command stops the others. A signal to
    the whole group (systemd stopping the service) ends the children too: the pause lets the
    command's own signal arrive first, so a stop is a stop, not "a process ended"."""
    for p in procs:
        if p.poll() is not None:
            time.sleep(1)
            print(
                f"Satu proses server berhenti (kode {p.returncode}); semua dihentikan.",
                file=sys.stderr,
            )
            return True
    return False


def _wait_ready(procs: list[subprocess.Popen], backends: list[int]) -> bool:
    """Wait until every process answers its health check (False: one ended, or too slow)."""
    ready: set[int] = set()
    deadline = time.monotonic() + START_SECONDS
    while len(ready) < len(backends):
        if _ended(procs):
            return False
        if time.monotonic() > deadline:
            print(
                f"Tidak semua proses server menjawab dalam {START_SECONDS} detik.", file=sys.stderr
            )
            return False
        ready |= {b for b in backends if b not in ready and _healthy(b)}
        time.sleep(0.3)
    return True

"""The audit log: one JSON line per login, import, rollback, named-list view and export.

Append-only: lines are written with O_APPEND and never rewritten, so a line once written
stays, and concurrent writers (app processes, the CLI) do not interleave within a line.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pandas as pd

from pantau import export
from pantau.errors import PantauError
from pantau.session import session_end

ACTIONS = {
    "login_berhasil",
    "login_gagal",
    "logout",
    "impor",
    "impor_gagal",
    "rollback",
    "lihat_daftar",
    "ekspor",
    "bekukan_sk",  # a Daftar SK version frozen, or the same content asked again (pantau/sk.py)
}


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / "audit.log"


def record(data_dir: Path, user: str, action: str, *, must_write: bool = False, **details) -> bool:
    """Append one line; whether it was written. `must_write`: raise instead of going on when
    the line cannot be written (a named list leaves only with its audit line)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action}")
    entry = {
        "waktu": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "pengguna": user,
        "aksi": action,
        "rincian": details,
    }
    line = (json.dumps(entry, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    try:
        Path(data_dir).mkdir(parents=True, exist_ok=True)
        fd = os.open(log_path(data_dir), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            # One write of the whole line; a short write (a full disk) is not a written line.
            written = os.write(fd, line) == len(line)
        finally:
            os.close(fd)
        if not written:
            raise OSError(28, "No space left on device")
        return True
    except OSError as err:
        # A read-only or full data directory must not stop people reading the dashboard;
        # the server log keeps what could not be recorded.
        print(f"audit log not written ({err.strerror}): {line.decode().strip()}", file=sys.stderr)
        if must_write:
            raise PantauError(
                "Log audit tidak dapat ditulis, jadi berkas tidak dibuat; "
                "minta operator memeriksa ruang dan izin direktori data."
            ) from err
        return False


def read(data_dir: Path, limit: int = 1000) -> pd.DataFrame:
    """The latest `limit` entries, newest first."""
    path = log_path(data_dir)
    if not path.exists():
        return pd.DataFrame(columns=["waktu", "pengguna", "aksi", "rincian"])
    # Split at newlines only: json.dumps escapes them, but not U+2028, U+0085 or FS/GS/RS,
    # which str.splitlines() would also cut at, and a typed name may hold them.
    lines = [x for x in path.read_text(encoding="utf-8").split("\n") if x][-limit:]
    rows = []
    for line in reversed(lines):
        try:
            e = json.loads(line)
        except json.JSONDecodeError:
            continue
        rows.append({**e, "rincian": json.dumps(e.get("rincian", {}), ensure_ascii=False)})
    return pd.DataFrame(rows, columns=["waktu", "pengguna", "aksi", "rincian"])


def on_click(
    data_dir: Path,
    user: str,
    role: str,
    build: Callable[[], tuple[bytes, dict]],
    session: Mapping | None = None,
    **details,
) -> Callable[[], bytes]:
    """The audited door for a file: a builder for st.download_button's `data`.

    Streamlit runs it only when the button is clicked (and on each click), on a server thread
    outside the page run: before the click no file exists and no /media URL is in the page.
    Each run writes one `ekspor` line (user, role, `details` and what `build` adds); no line,
    no file. The click skips the page run that would end the session, so the builder asks
    `session.session_end` itself, on the `session` state as the page left it: an idle, too old or
    changed session (a disabled account, a new password) gets no file.
    """
    shown = {"last_seen": time.time(), **(session or {})}

    def run() -> bytes:
        if why := session_end(dict(shown), time.time()):
            raise PantauError(f"{why} Berkas tidak dibuat.")
        data, more = build()
        record(data_dir, user, "ekspor", must_write=True, peran=role, **details, **more)
        return data

    return run


def csv_on_click(
    data_dir: Path, user: str, role: str, session: Mapping | None = None, limit: int = 1000
) -> Callable[[], bytes]:
    """The log as CSV, made on a click: a user name typed at the login form reaches the log,
    so the file goes through the one formula-safe writer; fetching it is itself audited."""

    def build() -> tuple[bytes, dict]:
        log = read(data_dir, limit)
        return export.csv_bytes(log), {"baris": len(log)}

    return on_click(data_dir, user, role, build, session, berkas="log_audit.csv")

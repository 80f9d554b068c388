"""When a signed-in session must end: idle longer than PANTAU_SESI_MENIT minutes (default 30),
older than PANTAU_SESI_JAM hours (default 12), or its account changed since the sign-in.

Apart from pantau/auth.py (the login form, Streamlit) because the audited downloads
(pantau/audit.py) ask it too, on a server thread after the click, and auth writes the audit.
"""

from __future__ import annotations

import os

from pantau import config
from pantau.accounts import Accounts
from pantau.errors import PantauError


def idle_limit_seconds() -> float:
    return float(os.environ.get("PANTAU_SESI_MENIT", "30")) * 60


def lifetime_seconds() -> float:
    return float(os.environ.get("PANTAU_SESI_JAM", "12")) * 3600


def expired(last_seen: float, now: float) -> bool:
    """Whether a session last active at `last_seen` has been idle too long at `now`."""
    return now - last_seen > idle_limit_seconds()


def session_end(ss, now: float) -> str | None:
    """Why the signed-in session `ss` must end now, in a sentence for the login page, or None.

    Every sign-in (form or SSO) sets `account`, the local account behind the session; its
    epoch and, for a demo account, the lake are checked on every run. Only tests build a
    session without one by hand; such a session is held to the time limits alone.
    """
    if expired(ss.get("last_seen", 0), now):
        return "Sesi Anda berakhir karena tidak aktif; silakan masuk lagi."
    if now - ss.setdefault("since", now) > lifetime_seconds():
        return "Sesi Anda sudah terlalu lama; silakan masuk lagi."
    if "account" in ss:
        try:
            role = Accounts(config.data_dir()).session_role(
                ss["account"], ss.get("epoch", 0), demo=ss.get("demo", False)
            )
        except PantauError as err:
            return str(err)
        if role is None or role != ss.get("role"):
            return "Sesi Anda berakhir karena akun Anda diubah; silakan masuk lagi."
    return None

"""Login for the dashboard: local accounts by default, OIDC through st.login when configured.

`require_login()` returns the signed-in role or shows the login form and stops the run.
A session idle longer than PANTAU_SESI_MENIT minutes (default 30) is signed out.
"""

from __future__ import annotations

import os
import time

import streamlit as st

from pantau import audit, config
from pantau.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, Accounts
from pantau.privacy import ROLES


def idle_limit_seconds() -> float:
    return float(os.environ.get("PANTAU_SESI_MENIT", "30")) * 60


def expired(last_seen: float, now: float) -> bool:
    """Whether a session last active at `last_seen` has been idle too long at `now`."""
    return now - last_seen > idle_limit_seconds()


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def require_login(page_keys: list[str]) -> str:
    """The signed-in role, or the login form (on whatever page URL was asked) and a stop."""
    ss = st.session_state
    if ss.get("user"):
        if expired(ss.get("last_seen", 0), time.time()):
            logout("Sesi Anda berakhir karena tidak aktif; silakan masuk lagi.")
        else:
            ss["last_seen"] = time.time()
            return ss["role"]
    if _oidc_configured() and getattr(st.user, "is_logged_in", False):
        role = Accounts(config.data_dir()).role_for_email(st.user.get("email", ""))
        if role:
            _start(st.user.get("email"), role)
            return role
        st.error("Akun SSO Anda belum diberi peran di dasbor ini; hubungi admin.")
    # The form answers at every page's URL, so a bookmarked link (with its filters in the
    # query string) opens that very page once signed in; nothing of pages/ runs before that.
    # The first key is the default page, which lives at "/" like the signed-in default.
    forms = [st.Page(_login_form, title="Masuk", default=True)] + [
        st.Page(_login_form, title="Masuk", url_path=key) for key in page_keys[1:]
    ]
    st.navigation(forms, position="hidden").run()
    st.stop()


def _start(user: str, role: str) -> None:
    st.session_state.update(user=user, role=role, last_seen=time.time())


def logout(message: str | None = None) -> None:
    user = st.session_state.get("user")
    if user:
        audit.record(config.data_dir(), user, "logout")
    for key in ("user", "role", "last_seen"):
        st.session_state.pop(key, None)
    if message:
        st.session_state["login_message"] = message
    st.rerun()


def _login_form() -> None:
    data = config.data_dir()
    accounts = Accounts(data)
    st.title("Pantau Kemiskinan Ekstrem")
    st.caption("Dinas Sosial Kota Pasuruan")
    if msg := st.session_state.pop("login_message", None):
        st.info(msg)
    with st.form("login"):
        user = st.text_input("Nama pengguna", key="login_user")
        password = st.text_input("Kata sandi", type="password", key="login_password")
        submitted = st.form_submit_button("Masuk", type="primary")
    if submitted:
        result = accounts.login(user, password)
        audit.record(
            data, result.user or "(kosong)", "login_berhasil" if result.ok else "login_gagal"
        )
        if result.ok:
            _start(result.user, result.role)
            st.rerun()
        st.error(result.message)
    if _oidc_configured():
        st.button("Masuk dengan SSO", on_click=st.login)
    if accounts.demo_active():
        st.warning(
            "**Data contoh (sintetis) sedang dimuat.** Akun demo berikut hanya berlaku selama "
            f"data contoh dimuat; kata sandi semuanya `{DEMO_PASSWORD}`:\n\n"
            + "\n".join(f"- `{name}` — {ROLES[name]}" for name in DEMO_ACCOUNTS)
        )

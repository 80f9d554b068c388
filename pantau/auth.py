"""Login for the dashboard: local accounts by default, OIDC through st.login when configured.

`require_login()` returns the signed-in role or shows the login form and stops the run.
A session ends, on its next run, when it has been idle longer than PANTAU_SESI_MENIT minutes
(default 30), when it is older than PANTAU_SESI_JAM hours (default 12), when its account was
disabled or got a new password since the sign-in, and, for a demo account, as soon as the
lake is no longer pure demo data.
"""

from __future__ import annotations

import time

import streamlit as st

from pantau import audit, config, wilayah
from pantau.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, MAX_USER, Accounts
from pantau.errors import PantauError
from pantau.privacy import ROLES

# When a session ends (pantau/session.py, no Streamlit: the audited downloads ask it too);
# `auth.expired` stays a name of this module for its callers.
from pantau.session import expired as expired
from pantau.session import session_end

SESSION_KEYS = ("user", "role", "last_seen", "since", "account", "epoch", "demo")


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def require_login(page_keys: list[str]) -> str:
    """The signed-in role, or the login form (on whatever page URL was asked) and a stop."""
    ss = st.session_state
    if ss.get("user"):
        now = time.time()
        if why := session_end(ss, now):
            logout(why)
        ss["last_seen"] = now
        return ss["role"]
    if _oidc_configured() and getattr(st.user, "is_logged_in", False):
        try:
            found = Accounts(config.data_dir()).account_for_email(st.user.get("email", ""))
        except PantauError as err:
            found = None
            st.error(str(err))
        if found:
            name, entry = found
            _start(st.user.get("email"), entry["role"], name, int(entry.get("epoch", 0)))
            return entry["role"]
        st.error("Akun SSO Anda belum diberi peran di dasbor ini; hubungi admin.")
    # The form answers at every page's URL, so a bookmarked link (with its filters in the
    # query string) opens that very page once signed in; nothing of pages/ runs before that.
    # The first key is the default page, which lives at "/" like the signed-in default.
    forms = [st.Page(_login_form, title="Masuk", default=True)] + [
        st.Page(_login_form, title="Masuk", url_path=key) for key in page_keys[1:]
    ]
    st.navigation(forms, position="hidden").run()
    st.stop()


def _start(user: str, role: str, account: str, epoch: int, demo: bool = False) -> None:
    now = time.time()
    st.session_state.update(
        user=user, role=role, last_seen=now, since=now, account=account, epoch=epoch, demo=demo
    )


def logout(message: str | None = None) -> None:
    user = st.session_state.get("user")
    if user:
        audit.record(config.data_dir(), user, "logout")
    for key in SESSION_KEYS:
        st.session_state.pop(key, None)
    if message:
        st.session_state["login_message"] = message
    st.rerun()


def _login_form() -> None:
    data = config.data_dir()
    accounts = Accounts(data)
    st.title("Pantau Kemiskinan Ekstrem")
    st.caption(wilayah.dari(data).dinas)
    if msg := st.session_state.pop("login_message", None):
        st.info(msg)
    with st.form("login"):
        user = st.text_input("Nama pengguna", key="login_user", max_chars=MAX_USER)
        password = st.text_input("Kata sandi", type="password", key="login_password")
        submitted = st.form_submit_button("Masuk", type="primary")
    if submitted:
        # Accounts.login caps the name at MAX_USER characters (the browser's max_chars is
        # only a hint); what reaches the audit log is that capped name.
        try:
            result = accounts.login(user, password)
        except PantauError as err:
            st.error(str(err))
            return
        audit.record(
            data, result.user or "(kosong)", "login_berhasil" if result.ok else "login_gagal"
        )
        if result.ok:
            _start(result.user, result.role, result.user, result.epoch, result.demo)
            st.rerun()
        st.error(result.message)
    if _oidc_configured():
        st.button("Masuk dengan SSO", on_click=st.login)
    if accounts.demo_active():  # a pure demo lake only (Lake.is_demo)
        st.warning(
            "**Data contoh (sintetis) sedang dimuat.** Akun demo berikut hanya berlaku selama "
            f"data contoh dimuat; kata sandi semuanya `{DEMO_PASSWORD}`:\n\n"
            + "\n".join(f"- `{name}` — {ROLES[name]}" for name in DEMO_ACCOUNTS)
        )

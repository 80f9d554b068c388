"""Pantau Kemiskinan Ekstrem — the Streamlit entry point: login, navigation, banner, filters."""

import logging
import os
from pathlib import Path

import streamlit as st

from pantau import auth, privacy, ui, wilayah
from pantau.errors import PantauError
from pantau.page_list import KEYS, PAGES

# A local icon: a Material or emoji page icon makes the browser fetch it from a CDN.
ICON = str(Path(__file__).parent / "pantau" / "assets" / "favicon.png")
st.set_page_config(page_title="Pantau Kemiskinan Ekstrem", page_icon=ICON, layout="wide")

ui.demo_banner()
role = auth.require_login(list(KEYS))
ui.lake_banner()
# The menu: pantau.page_list's order; privacy.PAGES says which of them this role may open.
allowed = [p for p in PAGES if privacy.may_open(role, p.key)]
page = st.navigation(
    [
        st.Page(p.file, title=p.title, icon=p.icon, url_path=p.key, default=(i == 0))
        for i, p in enumerate(allowed)
    ]
)
with st.sidebar:
    st.markdown(f"**{wilayah.dari().dinas}**  \n{ui.user()} · {privacy.ROLES[role]}")
    if st.button("Keluar", key="logout"):
        auth.logout("Anda telah keluar.")
st.session_state["filters"] = ui.filters()
try:
    page.run()
except PantauError as err:  # bad input or a lake problem: its own Indonesian sentence
    st.error(str(err))
except Exception:  # noqa: BLE001 - st.stop / st.rerun are BaseException and pass through
    if "PYTEST_CURRENT_TEST" in os.environ:
        raise  # the tests read a page's bug as the exception it is
    # A bug in a page shows one Indonesian sentence, never Streamlit's English traceback box;
    # the traceback goes to the server's log for the developer.
    logging.getLogger("pantau").exception("halaman gagal")
    st.error(
        "Halaman ini tidak dapat ditampilkan karena kesalahan program. Muat ulang halaman; "
        "bila tetap gagal, hubungi petugas data (rincian tercatat di log server)."
    )

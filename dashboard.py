"""Pantau Kemiskinan Ekstrem — the Streamlit entry point: login, navigation, banner, filters."""

import logging
import os
from pathlib import Path

import streamlit as st

from pantau import auth, privacy, ui, wilayah
from pantau.errors import PantauError

# A local icon: a Material or emoji page icon makes the browser fetch it from a CDN.
ICON = str(Path(__file__).parent / "pantau" / "assets" / "favicon.png")
st.set_page_config(page_title="Pantau Kemiskinan Ekstrem", page_icon=ICON, layout="wide")

# key, file, title, icon — the order of the menu; privacy.PAGES says who may open which.
PAGES = [
    ("ringkasan", "pages/ringkasan.py", "Ringkasan", ":material/dashboard:"),
    ("peta", "pages/peta.py", "Peta kantong kemiskinan", ":material/map:"),
    ("beban", "pages/beban.py", "Beban pengeluaran & pendapatan", ":material/balance:"),
    ("bantuan", "pages/bantuan.py", "Bantuan: cakupan & hasil", ":material/volunteer_activism:"),
    ("paparan", "pages/paparan.py", "Paparan", ":material/slideshow:"),
    ("sasaran", "pages/sasaran.py", "Daftar sasaran", ":material/checklist:"),
    ("simulasi", "pages/simulasi.py", "Simulasi anggaran", ":material/calculate:"),
    ("daftar_sk", "pages/daftar_sk.py", "Daftar SK", ":material/gavel:"),
    ("data", "pages/data.py", "Data", ":material/database:"),
]

ui.demo_banner()
role = auth.require_login([key for key, *_ in PAGES])
ui.lake_banner()
allowed = [p for p in PAGES if privacy.may_open(role, p[0])]
page = st.navigation(
    [
        st.Page(path, title=title, icon=icon, url_path=key, default=(i == 0))
        for i, (key, path, title, icon) in enumerate(allowed)
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

"""Pantau Kemiskinan Ekstrem — the Streamlit entry point: navigation, banner, shared filters."""

import streamlit as st

from pantau import privacy, ui

st.set_page_config(page_title="Pantau Kemiskinan Ekstrem", page_icon="📊", layout="wide")

PAGES = [
    ("ringkasan", "pages/ringkasan.py", "Ringkasan", "📊"),
    ("peta", "pages/peta.py", "Peta kantong kemiskinan", "🗺️"),
    ("beban", "pages/beban.py", "Beban pengeluaran & pendapatan", "⚖️"),
    ("bantuan", "pages/bantuan.py", "Bantuan: cakupan & hasil", "🤝"),
]

role = ui.role()
allowed = [
    st.Page(path, title=title, icon=icon, url_path=key, default=(i == 0))
    for i, (key, path, title, icon) in enumerate(p for p in PAGES if privacy.may_open(role, p[0]))
]
page = st.navigation(allowed)
st.sidebar.markdown("**Dinas Sosial Kota Pasuruan**  \nPantau Kemiskinan Ekstrem")
ui.demo_banner()
st.session_state["filters"] = ui.filters()
page.run()

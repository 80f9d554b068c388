"""Paparan: the story for DPRD delegations and leadership, one slide at a time, with the same
content as the PowerPoint, PDF and Excel downloads (pantau/report builds it once)."""

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from pantau import ui
from pantau.errors import PantauError
from pantau.report import Deck, Slide, build_deck
from pantau.report.figures import judul_pas

ui.guard("paparan")
f = st.session_state["filters"]

# Static CSS only: presentation mode hides the app's chrome and the demo banner (each slide
# carries its own DATA SINTETIS mark) and sets slide-sized type. No data goes into it.
st.markdown(
    """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stElementContainer"]:has([data-testid="stAlertContentWarning"]) {display: none;}
[data-testid="stMainBlockContainer"] {padding-top: 1.2rem; padding-bottom: 1rem; max-width: 1500px;}
.st-key-slide {border: 1px solid #d0d0d0; border-radius: 6px; padding: 1.6rem 2rem 0.8rem 2rem;
  min-height: 78vh; background: #ffffff;}
.st-key-slide h1 {font-size: 2.3rem; line-height: 1.2; padding-top: 0;}
.st-key-slide [data-testid="stCaptionContainer"] p {font-size: 1.15rem;}
.st-key-slide [data-testid="stMarkdownContainer"] li {font-size: 1.3rem; line-height: 1.45;}
.st-key-slide table {font-size: 1.05rem;}
.st-key-kaki [data-testid="stCaptionContainer"] p {font-size: 0.95rem;}
</style>""",
    unsafe_allow_html=True,
)

PLOT = {"displayModeBar": False, "displaylogo": False}


@st.cache_data(show_spinner=False, max_entries=32)
def deck_for(data: str, version: int, periode: str | None, role: str) -> Deck:
    return build_deck(Path(data), periode, role)


@st.cache_data(show_spinner=False, max_entries=32)
def xlsx_for(data: str, version: int, periode: str | None, role: str) -> bytes:
    from pantau.report.xlsx import xlsx_bytes

    return xlsx_bytes(deck_for(data, version, periode, role))


def md(text: str) -> str:
    """Data as plain Markdown text: characters Markdown or LaTeX would act on are escaped."""
    for ch in "\\*_[]$`#|~":
        text = text.replace(ch, "\\" + ch)
    return text


def chart(fig: go.Figure, key: str, height: int, width_px: int) -> None:
    shown = judul_pas(go.Figure(fig), width_px)
    shown.update_layout(height=height)
    st.plotly_chart(shown, theme=None, width="stretch", config=PLOT, key=f"paparan_{key}")


def bullets(slide: Slide) -> None:
    if slide.poin:
        st.markdown("\n".join(f"- {md(p)}" for p in slide.poin))


def table(slide: Slide) -> None:
    for t in slide.tabel:
        if t.di_slide:
            st.table(t.teks(baris=10), hide_index=True, border="horizontal")


def body(slide: Slide) -> None:
    """The slide's charts, table and points, laid out as on the PowerPoint slide."""
    figs = [(g.key, g.layar or g.fig) for g in slide.grafik]
    on_slide_table = any(t.di_slide for t in slide.tabel)
    if not figs:
        if len(slide.poin) == 1 and not on_slide_table:
            ui.empty(slide.poin[0])
            return
        left, right = st.columns([5, 7], gap="large")
        with left:
            bullets(slide)
        with right:
            table(slide)
    elif len(figs) == 1:
        left, right = st.columns([3, 2], gap="large")
        with left:
            chart(figs[0][1], figs[0][0], 470, 800)
        with right:
            bullets(slide)
            table(slide)  # e.g. the pockets slide when no kelurahan reaches the index's base
    elif on_slide_table:
        left, right = st.columns([1, 1], gap="large")
        with left:
            chart(figs[0][1], figs[0][0], 560, 640)
        with right:
            chart(figs[1][1], figs[1][0], 300, 640)
            table(slide)
    else:
        cols = st.columns(2, gap="large")
        for col, (key, fig) in zip(cols, figs, strict=True):
            with col:
                chart(fig, key, 400, 640)
        bullets(slide)


def show(deck: Deck, slide: Slide) -> None:
    with st.container(key="slide"):
        if deck.demo:
            st.badge("DATA SINTETIS", color="red")
        st.title(slide.judul, anchor=False)
        st.caption(slide.subjudul)
        body(slide)
        with st.container(key="kaki"):
            st.caption(f"{deck.kaki} · slide {slide.nomor} dari {len(deck.slides)}")


def nomor(n: int) -> int:
    """The slide in the URL (?slide=3), kept between 1 and n."""
    try:
        return min(max(int(st.query_params.get("slide", "1")), 1), n)
    except ValueError:
        return 1


def go_to(i: int) -> None:
    st.query_params["slide"] = str(i)


def navigation(i: int, n: int) -> None:
    prev, nxt, _ = st.columns([1, 1, 6])
    prev.button(
        "◀ Sebelumnya",
        on_click=go_to,
        args=(i - 1,),
        disabled=i <= 1,
        key="sebelumnya",
        width="stretch",
    )
    nxt.button(
        "Berikutnya ▶",
        on_click=go_to,
        args=(i + 1,),
        disabled=i >= n,
        key="berikutnya",
        width="stretch",
    )


def downloads(deck: Deck, key: tuple) -> None:
    with st.expander("Unduh paparan (PowerPoint, PDF, Excel)"):
        name = f"paparan_{deck.periode or 'kosong'}"
        st.download_button(
            "Excel (.xlsx): semua tabel",
            xlsx_for(*key),
            f"{name}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key="dl_xlsx",
        )
        files = st.session_state.setdefault("paparan_berkas", {})
        if key not in files and st.button("Siapkan PowerPoint dan PDF", key="siapkan"):
            files[key] = build_files(deck)
        if key in files:
            pptx, pdf = files[key]
            st.download_button(
                "PowerPoint (.pptx)",
                pptx,
                f"{name}.pptx",
                key="dl_pptx",
                mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            )
            st.download_button("PDF (A4)", pdf, f"{name}.pdf", mime="application/pdf", key="dl_pdf")
        if f["kode_kec"] or f["kode_kel"]:
            st.caption(
                "Paparan selalu untuk seluruh Kota Pasuruan; filter kecamatan dan kelurahan "
                "tidak dipakai di sini."
            )


def build_files(deck: Deck) -> tuple[bytes, bytes]:
    """Chart images, then the PowerPoint and the PDF, with a progress bar (it takes seconds)."""
    from pantau.report.pdf import pdf_bytes
    from pantau.report.pptx import pptx_bytes

    bar = st.progress(0.0, text="Menggambar grafik …")
    try:
        pptx = pptx_bytes(deck, lambda x, m: bar.progress(min(0.9 * x, 0.9), text=m))
        bar.progress(0.95, text="Menyusun PDF …")
        pdf = pdf_bytes(deck)
    except PantauError as err:
        bar.empty()
        st.error(str(err))
        st.stop()
    bar.progress(1.0, text="Berkas siap diunduh.")
    return pptx, pdf


# --- page ------------------------------------------------------------------------------------

data = ui.data_dir()
try:
    KEY = (str(data.resolve()), ui.version(), f["periode"], ui.role())
    deck = deck_for(*KEY)
except PantauError as err:
    st.error(str(err))
    st.stop()
i = nomor(len(deck.slides))
show(deck, deck.slides[i - 1])
navigation(i, len(deck.slides))
downloads(deck, KEY)

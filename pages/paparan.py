"""Paparan: the story for DPRD delegations and leadership, one slide at a time, with the same
content as the PowerPoint, PDF and Excel downloads (pantau/report builds it once)."""

from pathlib import Path

import plotly.graph_objects as go
import streamlit as st

from pantau import audit, fmt, privacy, ui, wilayah
from pantau.errors import PantauError
from pantau.report import Deck, Slide, build_deck
from pantau.report.figures import judul_pas
from pantau.report.model import polos

ui.guard("paparan")
f = st.session_state["filters"]

# Static CSS only: presentation mode hides the app's chrome and the demo banner (each slide
# carries its own DATA SINTETIS mark) and sets slide-sized type. No data goes into it.
# Sized to fit a 1366×768 screen without scrolling (type follows the window's height); a larger
# screen shows the same slide with more room. No CSS zoom: plotly then measures its box in
# screen pixels and draws a chart shrunk twice.
st.markdown(
    """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stElementContainer"]:has([data-testid="stAlertContentWarning"]) {display: none;}
[data-testid="stMain"] {overflow: hidden;}
[data-testid="stMainBlockContainer"] {padding: 0.3rem 2.5rem 0.3rem 2.5rem; max-width: none;
  height: 100vh; min-height: 0; box-sizing: border-box;}
[data-testid="stMainBlockContainer"] > div {gap: 0.5rem; height: 100%; min-height: 0;}
[data-testid="stMainBlockContainer"] > div > [data-testid="stElementContainer"]:has(style),
[data-testid="stMainBlockContainer"] > div > [data-testid="stElementContainer"]:has(script)
  {display: none;}
.st-key-slide {border: 1px solid #d0d0d0; border-radius: 6px; padding: 0.8rem 2rem 0.4rem 2rem;
  background: #ffffff; gap: 0.5rem; overflow: hidden;}
[data-testid="stLayoutWrapper"]:has(> .st-key-slide),
.st-key-slide [data-testid="stLayoutWrapper"]:has(> .st-key-isi),
.st-key-isi [data-testid="stLayoutWrapper"]:has(> [data-testid="stHorizontalBlock"]),
.st-key-isi [data-testid="stLayoutWrapper"]:has(> .st-key-dua_grafik),
.st-key-isi [data-testid="stLayoutWrapper"]:has(> [class*="st-key-graf_"])
  {flex: 1 1 0; min-height: 0; min-width: 0;}
.st-key-slide, .st-key-isi, .st-key-isi [data-testid="stHorizontalBlock"], .st-key-dua_grafik,
.st-key-isi [class*="st-key-graf_"] {flex: 1 1 auto; min-height: 0; min-width: 0;}
.st-key-isi [data-testid="stHorizontalBlock"] {align-items: stretch;}
.st-key-isi [data-testid="stColumn"] > [data-testid="stVerticalBlock"] {height: 100%;}
.st-key-isi [class*="st-key-graf_"] {min-height: 9rem;}
.st-key-dua_grafik {flex-wrap: nowrap;}
.st-key-slide h1 {font-size: min(2.4rem, 4.1vh, 2.3vw); line-height: 1.2; padding: 0 0 0.3rem 0;}
.st-key-slide [data-testid="stCaptionContainer"] p {font-size: min(1.25rem, 2.1vh);}
.st-key-slide [data-testid="stMarkdownContainer"] li {font-size: min(1.45rem, 2.5vh, 1.5vw);
  line-height: 1.35;}
.st-key-slide table {font-size: min(1.1rem, 1.8vh); line-height: 1.2;}
.st-key-slide table td, .st-key-slide table th {padding: 0.2rem 0.5rem !important;}
.st-key-kaki [data-testid="stCaptionContainer"] p {font-size: min(0.95rem, 1.8vh);}
</style>""",
    unsafe_allow_html=True,
)

PLOT = {"displayModeBar": False, "displaylogo": False}


@st.cache_data(show_spinner=False, max_entries=32)
def deck_for(data: str, version: int, periode: str | None, role: str) -> Deck:
    return build_deck(Path(data), periode, role)


def md(text: str) -> str:
    """Data as plain Markdown text: characters Markdown or LaTeX would act on are escaped."""
    for ch in "\\*_[]$`#|~":
        text = text.replace(ch, "\\" + ch)
    return text


def titik_tunggal(fig: go.Figure) -> None:
    """A line of one period (the first flagged list, Maret 2023) is one point: drawn as a full,
    large dot with its label, in the lower part of the plot, clear of the target note at the
    top (review SHOULD 10: a pale dot whose label sat under the note)."""
    lines = [t for t in fig.data if t.type == "scatter"]
    if not lines or any(t.y is None or len(t.y) != 1 for t in lines):
        return
    tops = [
        float(t.y[0]) for t in lines if isinstance(t.y[0], int | float) or hasattr(t.y[0], "dtype")
    ]
    if not tops or max(tops) <= 0:
        return
    fig.update_yaxes(range=[0, max(tops) * 1.6], autorange=False)
    for t in lines:
        colour = (t.line.color if t.line and t.line.color else None) or "#1f5fa8"
        t.update(
            mode="markers+text",
            marker={"size": 18, "opacity": 1, "color": colour},
            textposition="top center",
            textfont={"size": 18, "color": "#222222"},
        )


def chart(fig: go.Figure, key: str, width_px: int) -> None:
    """The chart fills the height the slide leaves it (its container grows with the window:
    `.st-key-graf_*` in the CSS above), so the slide fills 1366×768 and 1920×1080 alike and
    never needs scrolling. Titles wrap to the column's width on the narrowest screen served
    (1366 px): wider screens give the same lines more room, none cuts a title at the edge."""
    shown = judul_pas(go.Figure(fig), width_px)
    shown.update_layout(height=None, autosize=True)
    titik_tunggal(shown)
    with st.container(key=f"graf_{key}"):
        st.plotly_chart(
            shown, theme=None, width="stretch", height="stretch", config=PLOT, key=f"paparan_{key}"
        )


def bullets(slide: Slide) -> None:
    if slide.poin:  # the slide face's points (at most three), as in the PowerPoint
        st.markdown("\n".join(f"- {md(polos(p))}" for p in slide.poin_muka))


def table(slide: Slide) -> None:
    for t in slide.tabel:
        if t.di_slide:
            st.table(t.teks(baris=10).map(polos), hide_index=True, border="horizontal")


def body(slide: Slide) -> None:
    """The slide's charts, table and points, laid out as on the PowerPoint slide."""
    figs = [(g.key, g.layar or g.fig) for g in slide.grafik]
    on_slide_table = any(t.di_slide for t in slide.tabel)
    if not figs:
        if len(slide.poin) == 1 and not on_slide_table:
            ui.empty(polos(slide.poin[0]))
            return
        if not on_slide_table:  # the cover: its lines across the slide
            bullets(slide)
            return
        left, right = st.columns([4, 8], gap="large")
        with left:
            bullets(slide)
        with right:
            table(slide)
    elif len(figs) == 1:
        left, right = st.columns([3, 2], gap="large")
        with left:
            chart(figs[0][1], figs[0][0], 670)
        with right:
            bullets(slide)
            table(slide)  # e.g. the pockets slide when no kelurahan reaches the index's base
    elif on_slide_table:
        left, right = st.columns([1, 1], gap="large")
        with left:
            chart(figs[0][1], figs[0][0], 560)
        with right:  # the map's slide: the trend above the five-row table, not squashed
            chart(figs[1][1], figs[1][0], 560)
            table(slide)
    else:
        with st.container(key="dua_grafik", horizontal=True, gap="large", wrap=False):
            for key, fig in figs:
                chart(fig, key, 560)
        bullets(slide)


def show(deck: Deck, slide: Slide) -> None:
    with st.container(key="slide"):
        if deck.demo:
            st.badge("DATA SINTETIS", color="red")
        # the guest's hidden numbers in words, as the PowerPoint and the PDF print them
        st.title(polos(slide.judul), anchor=False)
        st.caption(polos(slide.subjudul))
        with st.container(key="isi"):  # grows to the slide's height left by the text
            body(slide)
        with st.container(key="kaki"):
            if slide.bingkai:  # the cover and the closing slide carry no number, as in the PPTX
                st.caption(deck.kaki)
            else:
                st.caption(f"{deck.kaki} · slide {slide.nomor} dari {len(deck.slides)}")


def nomor(n: int) -> int:
    """The slide in the URL (?slide=3), kept between 0 (the cover, where the Paparan opens)
    and n + 1 (the closing slide); 1..n are the numbered slides, as in the PowerPoint."""
    try:
        return min(max(int(st.query_params.get("slide", "0")), 0), n + 1)
    except ValueError:
        return 0


def halaman(deck: Deck, i: int) -> Slide:
    """Slide number i: the cover at 0, the closing slide after the last numbered one."""
    if 1 <= i <= len(deck.slides):
        return deck.slides[i - 1]
    frame = deck.sampul if i == 0 else deck.penutup
    return frame or deck.slides[min(max(i, 1), len(deck.slides)) - 1]


def step(by: int, n: int) -> None:
    """One slide on from the slide in the URL at the moment of the click, not from the slide
    the button was drawn on: a press that arrives while the page is still updating moves on
    from where the previous press left it, none is lost."""
    st.query_params["slide"] = str(min(max(nomor(n) + by, 0), n + 1))


def choose_period() -> None:
    """The slide's own period chooser moves the app's period filter (the sidebar is hidden
    here) and keeps the slide the viewer is on: the cover stays the cover."""
    chosen = st.session_state["paparan_periode"]
    st.session_state["f_periode"] = chosen
    st.query_params["periode"] = chosen


def keep_period(periode: str | None) -> None:
    """Before the way out: the app's period filter is the Paparan's (a callback, so it runs
    before the sidebar's chooser is drawn again)."""
    if periode:
        st.session_state["f_periode"] = periode


def controls(i: int, n: int, deck: Deck, key: tuple) -> None:
    """One row under the slide: period, previous/next, the three files, the way out."""
    periods = ui.query("periode_list")["periode"].tolist()
    cols = st.columns([2.2, 1.1, 1.1, 1.3, 0.9, 0.9, 1.5], vertical_alignment="bottom")
    if deck.periode in periods:
        cols[0].selectbox(
            "Periode",
            periods,
            index=periods.index(deck.periode),
            format_func=fmt.periode,
            key="paparan_periode",
            on_change=choose_period,
            label_visibility="collapsed",
        )
    cols[1].button(
        "◀ Sebelumnya",
        on_click=step,
        args=(-1, n),
        disabled=i <= 0,
        key="sebelumnya",
        width="stretch",
        help="Tombol panah kiri",
    )
    cols[2].button(
        "Berikutnya ▶",
        on_click=step,
        args=(1, n),
        disabled=i >= n + 1,
        key="berikutnya",
        width="stretch",
        help="Tombol panah kanan",
    )
    downloads(cols[3:6], deck, key)
    if cols[6].button(
        "Keluar dari paparan",
        key="keluar_paparan",
        width="stretch",
        help="Esc",
        on_click=keep_period,
        args=(deck.periode,),
    ):
        # Ringkasan opens at the period the Paparan showed (it opened at the latest before)
        st.switch_page(
            "pages/ringkasan.py", query_params={"periode": deck.periode} if deck.periode else None
        )
    if f["kode_kec"] or f["kode_kel"]:
        st.caption(
            f"Paparan selalu untuk seluruh {wilayah.dari().nama}; filter kecamatan dan "
            f"{wilayah.dari().label_desa_kecil} "
            "tidak dipakai di sini."
        )


# ← → and Esc click the buttons above. Inline script only: it loads nothing, sends nothing,
# and ignores keys typed into a field (the period chooser's search box). Presses are queued:
# one click, then the next only after the page has finished updating (the URL's slide has
# moved and Streamlit is idle), so eight quick presses move eight slides; a click on a button
# of a page still updating would be merged with the one before and lost.
KEYS = """<script>
(() => {
  const win = window.parent && window.parent.document ? window.parent : window;
  const doc = win.document;
  const q = win.__paparanQueue || (win.__paparanQueue = {pending: 0, from: null, since: 0});
  const slide = () => new URLSearchParams(win.location.search).get("slide") || "0";
  const visible = (key) => [...doc.querySelectorAll(".st-key-" + key + " button")]
    .find((b) => b.offsetParent !== null);
  const busy = () => !!doc.querySelector('[data-testid="stStatusWidget"]');
  const pump = () => {
    if (!doc.querySelector(".st-key-slide")) { q.pending = 0; q.from = null; return; }
    if (q.from !== null) {  // a click is under way: wait for its slide (or 20 s)
      if ((slide() === q.from || busy()) && Date.now() - q.since < 20000) return;
      q.from = null;
    }
    if (q.pending === 0 || busy()) return;
    const button = visible(q.pending > 0 ? "berikutnya" : "sebelumnya");
    if (!button) return;  // not drawn yet: the press waits for it
    if (button.disabled) { q.pending = 0; return; }
    q.pending += q.pending > 0 ? -1 : 1;
    q.from = slide(); q.since = Date.now();
    button.click();
  };
  if (!win.__paparanPump) win.__paparanPump = win.setInterval(pump, 80);
  if (win.__paparanKeys) doc.removeEventListener("keydown", win.__paparanKeys);
  win.__paparanKeys = (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest("input, textarea, select")) return;
    if (!doc.querySelector(".st-key-slide")) return;
    if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const by = e.key === "ArrowRight" ? 1 : -1;
      // a change of direction cancels the presses still queued the other way
      q.pending = Math.sign(q.pending) === -by ? by : q.pending + by;
      pump();
    } else if (e.key === "Escape") {
      const button = visible("keluar_paparan");
      if (button) { e.preventDefault(); q.pending = 0; button.click(); }
    }
  };
  doc.addEventListener("keydown", win.__paparanKeys);
})();
</script>"""

MIME = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABEL = {"pptx": "Unduh PowerPoint", "pdf": "PDF", "xlsx": "Excel"}


@st.cache_data(show_spinner=False, max_entries=16)
def file_for(fmt_: str, data: str, version: int, periode: str | None, role: str) -> bytes:
    from pantau.report.cli import write

    return write(deck_for(data, version, periode, role), fmt_)


def downloads(cols, deck: Deck, key: tuple) -> None:
    """Each file is built when its button is clicked (one click, the button spins meanwhile):
    no "prepare" step, and nothing is rendered for a file nobody asks for."""
    # which version the file is: small counts hidden (for DPRD) or whole (internal)
    versi = "publik" if privacy.suppresses(ui.role()) else "internal"
    name = f"paparan_{deck.periode or 'kosong'}_{versi}"
    for col, kind in zip(cols, ("pptx", "pdf", "xlsx"), strict=True):
        col.download_button(
            LABEL[kind],
            audit.on_click(
                ui.data_dir(),
                ui.user(),
                ui.role(),
                lambda kind=kind: (file_for(kind, *key), {}),
                st.session_state.to_dict(),
                berkas=f"{name}.{kind}",
                periode=deck.periode,
            ),
            file_name=f"{name}.{kind}",
            mime=MIME[kind],
            key=f"dl_{kind}",
            type="primary" if kind == "pptx" else "secondary",
            width="stretch",
            on_click="ignore",
        )


# --- page ------------------------------------------------------------------------------------

# the keys first, so that a press made while the slide is still being built is not lost
st.html(KEYS, unsafe_allow_javascript=True)
data = ui.data_dir()
try:
    KEY = (str(data.resolve()), ui.version(), f["periode"], ui.role())
    deck = deck_for(*KEY)
except PantauError as err:
    st.error(str(err))
    st.stop()
i = nomor(len(deck.slides))
show(deck, halaman(deck, i))
controls(i, len(deck.slides), deck, KEY)
# Laporan triwulan (issue 13 §4; pantau/ui_sk.py): the quarter's DOCX, PDF and XLSX for the
# Mendagri, under the deck's downloads.
from pantau.ui_sk import tombol_laporan_triwulan  # noqa: E402

tombol_laporan_triwulan(deck.periode, "paparan", st.columns([4.4, 3.1, 1.5])[1])

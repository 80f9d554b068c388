"""Thin Streamlit helpers shared by the pages: filters, cached queries, charts, banners.

The only engine module besides `auth` that imports Streamlit. Every query a page runs goes
through `query`, which keys its cache on the lake version, the parameters and the role, and
gets the result from `privacy.result`, the one path by which rows reach a person.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from pantau import config, export, fmt, geo, privacy, queries, wilayah
from pantau.charts import memo
from pantau.columns import COUNTS
from pantau.errors import PantauError
from pantau.lake import Lake

SEMUA = ""  # the "all" choice of a filter


def guard(page: str) -> None:
    """Stop a page run by anything but a signed-in session whose role may open it.

    dashboard.py already lists only allowed pages; this also covers a page file that
    Streamlit runs on its own (its legacy pages/ mode on a fresh server), so a page never
    shows data without a login.
    """
    if not st.session_state.get("user") or "filters" not in st.session_state:
        st.warning("Silakan masuk lewat halaman utama dasbor.")
        st.stop()
    if not privacy.may_open(role(), page):
        st.error("Peran Anda tidak boleh membuka halaman ini.")
        st.stop()


def data_dir() -> Path:
    return config.data_dir()


def role() -> str:
    """The signed-in role; the least-privileged one if, somehow, none is set."""
    return st.session_state.get("role", "tamu")


def user() -> str:
    return st.session_state.get("user", "")


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(data: str, version: int, name: str, params: tuple, role: str) -> pd.DataFrame:
    return privacy.result(name, dict(params), role, Path(data))


def query(name: str, **params) -> pd.DataFrame:
    """Named query `name` (or a `privacy.ANALYSES` statistic) as the current role may see it
    (through `privacy.result`); a lake problem is shown, not raised."""
    data = data_dir()
    try:
        return _cached(str(data.resolve()), version(), name, tuple(sorted(params.items())), role())
    except PantauError as err:
        st.error(str(err))
        st.stop()


def tunggu_mesin() -> None:
    """After this session changed the lake (a frozen Daftar SK version): wait until the server's
    query engine has rebuilt its views, so the next run reads the new version."""
    queries.engine(data_dir()).refresh(block=True)


def version() -> int:
    """The lake version the engine's views show now: the key of every cached result."""
    return queries.engine(data_dir()).refresh()


def lake_banner() -> None:
    """Say plainly when a batch or the manifest cannot be read and older data is shown
    instead; stop the page with that one sentence when there is no good data to show."""
    problems = Lake(data_dir()).problems()
    eng = queries.engine(data_dir())
    stale = eng.problem
    if stale is None and eng._version is None:
        try:
            eng.refresh()
        except PantauError as err:
            st.error(str(err), icon="⚠️")
            st.stop()
        stale = eng.problem
    for problem in problems:
        if not stale or problem not in stale:  # the engine's sentence already quotes it
            st.error(problem, icon="⚠️")
    if stale:
        st.error(stale, icon="⚠️")


def demo_banner() -> None:
    if Lake(data_dir()).is_demo():
        st.warning(
            "**Data contoh (sintetis).** Semua nama, NIK, alamat dan angka di dasbor ini "
            "dibuat oleh program untuk demonstrasi; bukan data keluarga sebenarnya.",
            icon="⚠️",
        )


# --- filters kept in the URL ----------------------------------------------------------------


def _param(key: str, options: list[str], default: str) -> str:
    value = st.query_params.get(key, default)
    return value if value in options else default


def filters() -> dict:
    """Sidebar filters shared by all pages: periode, then the region's levels (Kabupaten/Kota
    in a province only, Kecamatan, Desa/Kelurahan), each list narrowed to the level chosen
    above it, mirrored in the URL (periode, kab, kec, kel)."""
    periods = query("periode_list")["periode"].tolist()
    ref = geo.wilayah()
    unit = wilayah.dari()  # its levels and labels ("Desa/Kelurahan" where there are desa)
    with st.sidebar:
        st.markdown("### Filter")
        if periods:
            default = _param("periode", periods, periods[-1])
            periode = st.selectbox(
                "Periode",
                periods,
                index=periods.index(default),
                format_func=fmt.periode,
                key="f_periode",
            )
        else:
            periode = None
            st.caption("Belum ada data yang dimuat.")
        kab = SEMUA
        if unit.adalah_provinsi:
            kab = _choose(ref, "kab", "kode_kab", "kabupaten_kota", unit.label("kabupaten_kota"))
            ref = ref[ref["kode_kab"] == kab] if kab else ref
        kec = _choose(ref, "kec", "kode_kec", "kecamatan", "Kecamatan")
        ref = ref[ref["kode_kec"] == kec] if kec else ref
        kel = _choose(ref, "kel", "kode_kel", "kelurahan", unit.label_desa)
    chosen = {"periode": periode or "", "kab": kab, "kec": kec, "kel": kel}
    for key, value in chosen.items():
        if value:
            st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]
    return {
        "periode": periode,
        "kode_kab": kab or None,
        "kode_kec": kec or None,
        "kode_kel": kel or None,
    }


def _choose(ref: pd.DataFrame, key: str, code: str, name: str, label: str) -> str:
    """One level's selectbox (key f_<key>, URL <key>) over the units of `ref`; a choice no
    longer among them (its parent changed) falls back to all."""
    options = [SEMUA, *ref.drop_duplicates(code)[code]]
    shown = ref[name]
    if code == "kode_kel":  # Tuban's two Latsari, listed side by side under all kecamatan
        shown = wilayah.dari().nama_jelas(ref[code], ref[name].astype(str))
    names = dict(zip(ref[code], shown, strict=False))
    widget = f"f_{key}"
    if st.session_state.get(widget, SEMUA) not in options:
        st.session_state[widget] = SEMUA
    return st.selectbox(
        label,
        options,
        index=options.index(_param(key, options, SEMUA)),
        format_func=lambda k: names.get(k, f"Semua {label.lower()}"),
        key=widget,
    )


def area(f: dict) -> dict:
    """The area parameters of a named query for the filters `f`: kode_kec takes an area code
    (the kecamatan chosen, else the kab/kota chosen in a province; see di_wilayah in
    queries/_shared/30_angka_utama.sql), kode_kel the desa/kelurahan."""
    return {"kode_kec": f.get("kode_kec") or f.get("kode_kab"), "kode_kel": f.get("kode_kel")}


def wilayah_label(f: dict) -> str:
    ref = geo.wilayah()
    if f.get("kode_kel"):
        nama = ref.loc[ref["kode_kel"] == f["kode_kel"], "kelurahan"].iloc[0]
        return wilayah.dari().sebutan(f["kode_kel"], nama)
    if f.get("kode_kec"):
        return "Kec. " + ref.loc[ref["kode_kec"] == f["kode_kec"], "kecamatan"].iloc[0]
    if f.get("kode_kab"):
        return ref.loc[ref["kode_kab"] == f["kode_kab"], "kabupaten_kota"].iloc[0]
    return wilayah.dari().nama


# --- output -------------------------------------------------------------------------------


def chart(fig, df: pd.DataFrame, key: str, **kw):
    """A chart with its 'Unduh data' button (the CSV of the table it draws).

    No Plotly toolbar: its tooltips are English only ("Download plot as a png", "Autoscale")
    and the data leaves through the button below; zoom by dragging and double-click still work.
    Numbers in labels and hovers use the Indonesian marks (1.234,5).
    """
    fig.update_layout(separators=fmt.PEMISAH_PLOTLY)
    event = st.plotly_chart(
        fig,
        theme=None,
        key=f"chart_{key}",
        width="stretch",
        config={"displayModeBar": False, "displaylogo": False},
        **kw,
    )
    download(df, key)
    return event


# Number formats of st.column_config per kind (pantau.columns.KINDS); a count column a guest sees
# with "<5" or "×" is text, and gets its label only.
FORMAT_LAYAR = {
    **dict.fromkeys(COUNTS, "localized"),
    "peringkat": "%d",
    "rp": "localized",
    "persen": "percent",
    "desimal": "%.1f",
    "indeks": "%.2f",
}


def kolom_layar(df: pd.DataFrame, name: str, w: wilayah.Wilayah | None = None) -> dict:
    """st.column_config for the columns of `df` that query `name` returns: the catalogue's label
    (queries.kolom, in the region's words) and, for a column of numbers, its kind's format."""
    out = {}
    for c, k in queries.kolom(name, w).items():
        if c not in df.columns:
            continue
        numeric = pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c])
        if k.jenis in FORMAT_LAYAR and numeric:
            out[c] = st.column_config.NumberColumn(k.label, format=FORMAT_LAYAR[k.jenis])
        elif k.jenis == "tanggal" and pd.api.types.is_datetime64_any_dtype(df[c]):
            out[c] = st.column_config.DateColumn(k.label, format="DD/MM/YYYY")
        else:
            out[c] = st.column_config.Column(k.label)
    return out


def tabel(
    df: pd.DataFrame,
    name: str,
    kolom: list[str] | None = None,
    bantuan: dict[str, str] | None = None,
    **kw,
):
    """A page table of query `name`'s columns as they are (`kolom`: which, in order; all by
    default), headed and formatted as the catalogue declares them (kolom_layar), with the
    page's help text for a column in `bantuan`."""
    shown = df if kolom is None else df[kolom]
    config = kolom_layar(shown, name, wilayah.dari(data_dir()))
    for c, text in (bantuan or {}).items():
        config[c] = {**config[c], "help": text}
    kw = {"hide_index": True, "width": "stretch", **kw}
    return st.dataframe(shown, column_config=config, **kw)


def teks(df: pd.DataFrame, name: str, kolom: list[str]) -> pd.DataFrame:
    """Query `name`'s columns `kolom` as people read them: the catalogue's labels as headers,
    each cell in Indonesian notation by its kind (the deck's Table.teks); a guest's "<5" or
    "×" stays as it is, and so does a cell the page has already put in words."""
    from pantau.report.model import Table, katalog

    return Table("", "", df, katalog(name, wilayah.dari(data_dir()), kolom), name).teks()


def tabel_teks(df: pd.DataFrame, name: str, kolom: list[str], **kw):
    """A read-only page table of `teks(df, name, kolom)`."""
    kw = {"hide_index": True, "width": "stretch", **kw}
    return st.dataframe(teks(df, name, kolom), **kw)


# A table's CSV by its content (columns, types, every cell in order): the download button under
# each chart and table is written on every view, and writing it costs more than the hash.
# The frame is already what the role may see, so the same content is the same file for anyone.
csv_bytes = memo(export.csv_bytes, copy=bytes)
CSV_KEPT_ROWS = 5_000  # a longer table's CSV is written afresh: 512 of them would fill memory


def download(df: pd.DataFrame, key: str, label: str = "Unduh data") -> None:
    data = csv_bytes(df) if len(df) <= CSV_KEPT_ROWS else export.csv_bytes(df)
    st.download_button(label, data, file_name=f"{key}.csv", mime="text/csv", key=f"dl_{key}")


def ke_daftar(label: str, key: str, **widgets) -> None:
    """A button to the named target list (Daftar sasaran) with its filter widgets set to
    `widgets` ({widget key: value}), shown only to roles that may see named lists."""
    if not privacy.sees_named_lists(role()):
        return
    if st.button(label, key=f"ke_daftar_{key}"):
        st.session_state.update(widgets)
        st.switch_page("pages/sasaran.py")


def empty(message: str) -> None:
    st.info(message, icon="ℹ️")


def kpi(
    col,
    label: str,
    value: str,
    delta: str | None = None,
    help: str | None = None,
    inverse: bool = False,
) -> None:
    col.metric(label, value, delta=delta, delta_color="inverse" if inverse else "normal", help=help)

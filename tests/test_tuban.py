"""Every page and report for a kabupaten with desa: a small Kabupaten Tuban demo lake (35.23,
20 kecamatan, 311 desa and 17 kelurahan, built from the national code list).

Each page opens in AppTest as kepala and as tamu without an exception and never says "Kota
Pasuruan"; the PPTX, PDF and XLSX of the Paparan, the laporan triwulan (DOCX, PDF, XLSX) and
an SK lampiran name "Kabupaten Tuban" and "Dinas Sosial Kabupaten Tuban" and never Kota
Pasuruan, with one figure each equal to `python -m pantau query`. And the engine of a data
directory whose region is set after the engine was made serves the new region's table.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import time
from pathlib import Path

import pandas as pd
import pytest

from pantau import demo, fmt, laporan_triwulan, page_list, privacy, queries, sk, wilayah
from pantau.ingest import import_files
from pantau.report import build_deck
from pantau.report.pdf import pdf_bytes
from pantau.report.pptx import pptx_bytes
from pantau.report.xlsx import xlsx_bytes
from tests.test_kota_uji import pdf_text, pptx_slides

ROOT = Path(__file__).resolve().parents[1]
TUBAN = "Kabupaten Tuban"
DINAS = "Dinas Sosial Kabupaten Tuban"
PASURUAN = "Kota Pasuruan"
PAGES = page_list.KEYS
SK_NAMA = "SK Bupati Tuban No. 400/12/414.012/2026"


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    """The lake, and $PANTAU_DATA pointing at it for the module: the maps and the pocket
    clusters (pantau.geo) take the region of the process's data directory, as the server and
    the CLI set it, not of the data_dir a function is given."""
    data = tmp_path_factory.mktemp("tuban") / "data"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PANTAU_DATA", str(data))
        yield _build(data)


def _build(data: Path) -> Path:
    demo.build(data, keluarga=2000, seed=2023, wilayah="35.23")
    periode = _query(data, "ringkasan_kpi")[0]["periode"]
    sk.bekukan(data, periode, SK_NAMA, "uji", "kepala")
    return data


def _query(data: Path, name: str, **params) -> list[dict]:
    """What `python -m pantau query NAME --format json` prints."""
    args = [
        "python",
        "-m",
        "pantau",
        "--data",
        str(data),
        "query",
        name,
        "--format",
        "json",
    ]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_lake_serves_tuban(lake):
    w = wilayah.dari(lake)
    assert (w.kode, w.nama, w.dinas, w.label_desa) == ("35.23", TUBAN, DINAS, "Desa/Kelurahan")
    rows = _query(lake, "keluarga_per_kecamatan")
    assert len(rows) == 21  # Tuban's 20 kecamatan and the kabupaten's row
    assert rows[-1]["kecamatan"] == TUBAN and rows[-1]["kode_kec"] is None
    assert rows[-1]["keluarga"] == sum(r["keluarga"] for r in rows[:-1])


def test_the_demo_s_lists_are_tuban_s_not_kota_pasuruan_s(lake):
    # 2.000 keluarga: the lists at most twice the registry, 4.000 / 6.877 = 0,5816 of Kota
    # Pasuruan's (Tuban's people would allow 5,916): 4.011 → 2.333, 2.866 → 1.667, 363 → 211,
    # 528 → 307; verval finds 211 + 307 = 518 eligible, not 891
    rows = {r["sumber_daftar"]: r for r in _query(lake, "verval_funnel")}
    assert rows["P3KE"]["daftar_keluarga"] == 2333
    assert (
        rows["Bansos Pemkab"]["daftar_keluarga"] + rows["Bansos Pemprov"]["daftar_keluarga"] == 1667
    )
    assert rows["Semua daftar"]["daftar_keluarga"] == 4000
    assert rows["P3KE"]["memenuhi_keluarga"] == 211
    assert rows["Semua daftar"]["memenuhi_keluarga"] == 518


# --- pages ----------------------------------------------------------------------------------


def page_text(at) -> str:
    """Everything a person reads on the page: prose, boxes, metrics, widget labels and
    options, table headers and cells, and each chart's spec (its titles and labels)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning"):
        parts += [str(e.value) for e in getattr(at, kind)]
    parts += [str(e.value) for e in at.error] + [str(e.value) for e in at.success]
    for m in at.metric:
        parts += [str(m.label), str(m.value)]
    for w in [*at.selectbox, *at.multiselect, *at.radio]:
        parts += [str(w.label), *(str(o) for o in (w.options or []))]
    for d in at.dataframe:
        parts += [" ".join(map(str, d.value.columns)), d.value.to_string()]
    for t in at.table:
        parts.append(t.value.to_string())
    parts += [c.proto.spec for c in at.get("plotly_chart")]
    return "\n".join(parts)


def open_page(lake: Path, monkeypatch, page: str, role: str):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["user"] = "kabid"
    at.session_state["role"] = role
    at.session_state["last_seen"] = time.time()
    at.run()
    at.switch_page(f"pages/{page}.py")
    at.run()
    return at


# The pages whose text names the region (their caption or a chart title says "Kabupaten
# Tuban"), and those with a table headed "Desa/Kelurahan" as kepala sees them.
NAMA_WILAYAH = {"ringkasan", "beban", "bantuan", "sasaran", "peta", "simulasi", "paparan"}
KOLOM_DESA = {"beban", "bantuan"}


# every page as kepala; as tamu those a guest may open (privacy.may_open: Ringkasan, Peta,
# Paparan)
BOLEH = [(p, r) for r in ("kepala", "tamu") for p in PAGES if privacy.may_open(r, p)]


def test_a_guest_opens_ringkasan_peta_and_paparan():
    assert [p for p, r in BOLEH if r == "tamu"] == ["ringkasan", "peta", "paparan"]


@pytest.mark.parametrize(("page", "role"), BOLEH)
def test_every_page_opens_for_tuban_and_never_says_kota_pasuruan(lake, monkeypatch, page, role):
    at = open_page(lake, monkeypatch, page, role)
    assert not at.exception, at.exception
    text = page_text(at)
    assert PASURUAN not in text, re.findall(r".{0,80}Kota Pasuruan.{0,40}", text)
    if page in NAMA_WILAYAH:
        assert TUBAN in text
    if page in KOLOM_DESA and role == "kepala":
        assert "Desa/Kelurahan" in text
    # where the region has desa the level is never called "kelurahan" alone in a heading
    assert "Unduh kelurahan prioritas" not in text
    assert "seluruh kota" not in text


# --- the Paparan's files ------------------------------------------------------------------


@pytest.fixture(scope="module")
def deck(lake):
    return build_deck(lake, None, "kepala")


def pptx_text(content: bytes) -> str:
    return "\n".join(pptx_slides(content))


def xlsx_text(content: bytes) -> str:
    sheets = pd.read_excel(io.BytesIO(content), sheet_name=None, header=None, dtype=str)
    return "\n".join(
        f"{name}\n" + df.fillna("").to_string(index=False, header=False)
        for name, df in sheets.items()
    )


def test_the_deck_names_tuban_and_its_dinas(lake, deck):
    assert deck.wilayah == TUBAN and deck.dinas == DINAS
    assert deck.kaki.startswith(f"{DINAS} · {TUBAN} · ")
    assert deck.sampul.judul == f"Kemiskinan ekstrem di {TUBAN}: tiga strategi dan hasilnya"
    assert deck.sampul.subjudul.startswith(f"Pemerintah {TUBAN} · Dinas Sosial · Paparan ")


def test_the_pptx_names_tuban_and_its_figure_is_the_query_s(lake, deck):
    text = pptx_text(pptx_bytes(deck))
    kpi = _query(lake, "ringkasan_kpi", periode=deck.periode)[0]
    assert TUBAN in text and DINAS in text
    assert PASURUAN not in text, re.findall(r".{0,80}Kota Pasuruan.{0,40}", text)
    # slide 1's finding: the extreme-poor families of the period, as the query counts them
    n = fmt.angka(kpi["keluarga_miskin_ekstrem"])
    assert f"{n} keluarga miskin ekstrem di {TUBAN}" in text


def test_the_pdf_names_tuban_and_its_figure_is_the_query_s(lake, deck, tmp_path):
    text = " ".join(pdf_text(pdf_bytes(deck), tmp_path).split())
    kpi = _query(lake, "ringkasan_kpi", periode=deck.periode)[0]
    assert f"Kemiskinan ekstrem di {TUBAN}" in text
    assert f"{DINAS} · {TUBAN} · " in text
    assert PASURUAN not in text, re.findall(r".{0,80}Kota Pasuruan.{0,40}", text)
    assert f"{fmt.angka(kpi['keluarga_miskin_ekstrem'])} keluarga miskin ekstrem di {TUBAN}" in text


def test_the_xlsx_names_tuban_and_its_figure_is_the_query_s(lake, deck):
    content = xlsx_bytes(deck)
    text = xlsx_text(content)
    assert TUBAN in text and DINAS in text
    assert PASURUAN not in text, re.findall(r".{0,80}Kota Pasuruan.{0,40}", text)
    notes = pd.read_excel(io.BytesIO(content), sheet_name=0, header=None, dtype=str)
    pairs = dict(zip(notes[0], notes[1], strict=False))
    assert (pairs["Instansi"], pairs["Wilayah"]) == (DINAS, TUBAN)
    # the kecamatan table's kabupaten row: the query's total (keluarga_per_kecamatan)
    total = _query(lake, "keluarga_per_kecamatan", periode=deck.periode)[-1]
    assert total["kecamatan"] == TUBAN
    tren = next(t for t in deck.tabel() if t.key == "tren_kecamatan")
    last = tren.df.iloc[-1]
    assert last["periode"] == deck.periode
    assert int(last[TUBAN]) == total["keluarga_miskin_ekstrem"]


def test_a_deck_built_from_python_takes_its_data_directory_s_region(
    lake, deck, tmp_path, monkeypatch
):
    """build_deck(Tuban's lake) while $PANTAU_DATA names another (Kota Pasuruan's default)
    directory: the pocket-cluster slide's neighbours came from Kota Pasuruan's map (no Tuban
    desa in it: libpysal raised StopIteration); the deck is now the same as from Tuban's server."""
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path / "kota_pasuruan"))
    other = build_deck(lake, None, "kepala")
    assert [s.judul for s in other.slides] == [s.judul for s in deck.slides]
    assert other.wilayah == TUBAN and other.desa == deck.desa == "desa/kelurahan"
    # and the process's own region is untouched afterwards
    from pantau import config, wilayah

    assert config.data_dir() == tmp_path / "kota_pasuruan"
    assert wilayah.dari().nama == PASURUAN


def test_a_report_built_from_python_takes_its_data_directory_s_region(lake, tmp_path, monkeypatch):
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path / "kota_pasuruan"))
    laporan = laporan_triwulan.susun(lake, None, "kepala")
    assert (laporan.wilayah, laporan.dinas) == (TUBAN, DINAS)


# --- the laporan triwulan -------------------------------------------------------------------


@pytest.fixture(scope="module")
def laporan(lake):
    return laporan_triwulan.susun(lake, None, "kepala")


def test_the_laporan_triwulan_names_tuban_its_dinas_and_the_bupati(lake, laporan, tmp_path):
    from docx import Document

    assert laporan.judul.endswith(f"Kemiskinan Ekstrem {TUBAN}")
    assert laporan.kaki.startswith(f"{DINAS} · {TUBAN} · ")
    assert laporan_triwulan.tanggal_surat(laporan).startswith("Tuban, ")
    doc = Document(io.BytesIO(laporan_triwulan.tulis(laporan, "docx")))
    docx = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
        + [p.text for p in doc.sections[0].footer.paragraphs]
    )
    pdf = " ".join(pdf_text(laporan_triwulan.tulis(laporan, "pdf"), tmp_path).split())
    xlsx = xlsx_text(laporan_triwulan.tulis(laporan, "xlsx"))
    for text in (docx, pdf, xlsx):
        assert TUBAN in text and DINAS in text
        assert PASURUAN not in text and "Wali Kota" not in text
    assert f"Kepala {DINAS}," in docx
    assert "Perubahan Daftar SK Bupati (keluarga miskin ekstrem)" in docx
    # the headline figure is ringkasan_kpi's
    kpi = _query(lake, "ringkasan_kpi", periode=laporan.periode)[0]
    assert fmt.angka(kpi["keluarga_miskin_ekstrem"]) in docx


# --- the SK lampiran ------------------------------------------------------------------------


def test_the_sk_lampiran_is_the_bupati_s_and_counts_the_query_s_families(lake, tmp_path):
    record, rows = sk.lampiran(lake, None, "kepala")
    ringkas = sk.ringkasan(lake, record, "kepala")
    assert sk.kepala_lampiran(record)[0] == "LAMPIRAN KEPUTUSAN BUPATI TUBAN"
    assert (
        "PENETAPAN KELUARGA MISKIN EKSTREM KABUPATEN TUBAN, DAFTAR" in sk.kepala_lampiran(record)[3]
    )
    pdf = " ".join(
        pdf_text(sk.lampiran_bytes(record, rows, "pdf", True, ringkas), tmp_path).split()
    )
    xlsx_content = sk.lampiran_bytes(record, rows, "xlsx", True, ringkas)
    xlsx = xlsx_text(xlsx_content)
    for text in (pdf, xlsx):
        assert "BUPATI TUBAN" in text and "KABUPATEN TUBAN" in text
        assert "PASURUAN" not in text.upper() and "WALI KOTA" not in text.upper()
    assert "BUPATI TUBAN," in pdf  # the signature block
    sheets = pd.read_excel(io.BytesIO(xlsx_content), sheet_name=None, dtype=str)
    assert "Per desa dan kelurahan" in sheets  # no "/" in a sheet name
    desa = [n for n in sheets if n.startswith("Desa ")]
    assert desa  # a desa's sheet is named as a desa
    # the lampiran's families are the query's: sk_lampiran of the version, row for row
    q = _query(lake, "sk_lampiran", versi=record["versi"])
    assert len(rows) == len(q) > 0
    per_sheet = sum(len(df) for n, df in sheets.items() if n.startswith(("Desa ", "Kel. ")))
    assert per_sheet == len(q)
    kab = next(
        r
        for r in _query(lake, "sk_lampiran_ringkas", versi=record["versi"])
        if r["tingkat"] == "kota"
    )
    assert kab["keluarga"] == len(q)


# --- the engine after `wilayah set` ---------------------------------------------------------


def test_an_engine_made_before_wilayah_set_serves_the_new_region_after_the_import(tmp_path):
    """A server that opened an empty data directory (Kota Pasuruan, the default) keeps its
    engine; after `wilayah set 35.23` and an import, the engine's next rebuild serves Tuban's
    328 desa/kelurahan and names the kabupaten's total row."""
    data = tmp_path / "data"
    data.mkdir()
    eng = queries.engine(data)
    assert eng.con.execute("SELECT count(*), nama_wilayah() FROM wilayah").fetchone() == (
        34,
        PASURUAN,
    )
    wilayah.tetapkan(data, "35.23")
    csv = tmp_path / "k.csv"
    pd.DataFrame(
        {
            "no_kk": ["3523010101000001", "3523100101000002", "3523100101000003"],
            "nik_kepala": ["3523014507800001", "3523104507800002", "3523104507800003"],
            "nama_kepala": ["A", "B", "C"],
            # Jlodro (Kenduruan), Guwoterus and Nguluhan (Montong)
            "kode_kel": ["35.23.01.2001", "35.23.10.2001", "35.23.10.2002"],
            "jumlah_anggota": [4, 3, 5],
            "miskin_ekstrem": ["Ya", "Ya", "Tidak"],
        }
    ).to_csv(csv, index=False)
    s = import_files([csv], "keluarga", "2026-09", data)
    assert (s.accepted, s.rejected) == (3, 0)
    df = queries.run("keluarga_per_kecamatan", {"periode": "2026-09"}, data)
    assert queries.engine(data) is eng  # the same engine, rebuilt
    assert len(df) == 21
    got = df[df["keluarga"] > 0][["kode_kec", "kecamatan", "keluarga", "jiwa_miskin_ekstrem"]]
    got = got.assign(kode_kec=got["kode_kec"].fillna("-"))
    assert got.astype(str).values.tolist() == [
        ["35.23.01", "Kenduruan", "1", "4"],
        ["35.23.10", "Montong", "2", "3"],
        ["-", TUBAN, "3", "7"],
    ]
    n, nama = eng.con.execute("SELECT count(*), nama_wilayah() FROM wilayah").fetchone()
    assert (n, nama) == (328, TUBAN)
    assert eng.wilayah.kode == "35.23"


def test_the_map_slide_names_only_the_ranked_and_the_pockets_among_328_desa(deck):
    # 328 names on one slide ran into a grey mass; above NAMA_SEMUA_MAKS units only the ranked
    # (1-5) and the thick-outlined pockets carry names, each rank in its own box.
    from pantau.charts.maps import NAMA_SEMUA_MAKS

    (peta,) = [g for s in deck.slides for g in s.grafik if g.key == "peta_kantong"]
    texts = [a.text for a in peta.fig.layout.annotations if a.text and "perkiraan" not in a.text]
    ranks = [t for t in texts if t.startswith("<b>")]
    names = [t for t in texts if not t.startswith("<b>")]
    assert NAMA_SEMUA_MAKS < 328
    assert 1 <= len(ranks) <= 5
    assert len(ranks) <= len(names) <= len(ranks) + 5  # the ranked and a few pockets, not 328


def test_the_deck_and_the_peta_page_use_the_kabupaten_s_words(lake, deck, monkeypatch, tmp_path):
    """Review of issue 14, MUST 5 and the cluster note: no 'angka kota', 'Porsi kota' or
    'Bansos Pemkot' in a kabupaten, and no 'BPS 2020' boundaries outside Kota Pasuruan."""
    notes = "\n".join(c for s in deck.slides for c in s.catatan_lengkap)
    xlsx = xlsx_text(xlsx_bytes(deck))
    pdf = " ".join(pdf_text(pdf_bytes(deck), tmp_path).split())
    for text in (notes, xlsx, pdf):
        for word in ("angka kota", "Porsi kota", "Bansos Pemkot", "BPS 2020", "rata-rata kota"):
            assert word not in text, (word, re.findall(rf".{{0,60}}{word}.{{0,40}}", text))
    assert "Porsi kabupaten (%)" in xlsx
    assert "ditarik ke angka kabupaten" in notes and "di atas angka kabupaten" in notes
    funnel = {r["sumber_daftar"]: r for r in _query(lake, "verval_funnel")}
    pemkab = funnel["Bansos Pemkab"]
    assert "Bansos Pemkot" not in funnel
    assert f"Bansos Pemkab: {fmt.angka(pemkab['memenuhi_keluarga'])} dari" in pdf
    at = open_page(lake, monkeypatch, "peta", "kepala")
    page = page_text(at)
    assert "Porsi dari total kabupaten" in page and "Porsi dari total kota" not in page
    assert "angka kota" not in page and "Peringkat di kota" not in page


def _filters_app():
    import streamlit as st

    from pantau import ui

    st.session_state["out"] = ui.filters()


def test_the_filter_and_the_peta_profile_tell_tuban_s_two_latsari_apart(lake, monkeypatch):
    """Under all kecamatan the Desa/Kelurahan filter lists Tuban's two Latsari side by side:
    each with its kecamatan; the chosen one's profile heading says which it is."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_function(_filters_app, default_timeout=60)
    at.run()
    options = at.selectbox(key="f_kel").options
    assert {"Latsari (Kec. Bancar)", "Latsari (Kec. Tuban)"} <= set(options)
    assert "Latsari" not in options and len(options) == 1 + 328
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.session_state["user"], at.session_state["role"] = "kabid", "kepala"
    at.session_state["last_seen"] = time.time()
    at.query_params["kec"], at.query_params["kel"] = "35.23.16", "35.23.16.1006"
    at.run()
    at.switch_page("pages/peta.py")
    at.run()
    assert not at.exception, at.exception
    assert "Kel. Latsari (Kec. Tuban)" in [str(h.value) for h in at.subheader]

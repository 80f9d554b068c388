"""One hand-made city (tests/kota_uji.py) carrying every real-export reality of issue 11 §1 at
once — a payment re-exported in a later file, a family that moved, payments of no listed family,
lists without the extreme flag between flagged ones, two source lists that overlap — and the
same figures from every place a person reads them: `python -m pantau query`, the pages, and the
PowerPoint, PDF and Excel files of the deck. The figures are worked out by hand in kota_uji.py.
"""

from __future__ import annotations

import io
import json
import subprocess

import openpyxl
import pandas as pd
import pytest
from kota_uji import (
    DANA_2024,
    EKSTREM,
    FLAGLESS,
    FUNNEL,
    KOTA_2024,
    WILAYAH_2024,
    build,
)
from lakes import open_page, page_texts
from pptx import Presentation

from pantau.cli import main
from pantau.report import build_deck
from pantau.report.cli import write

DES, SEP, JUN = "2024-12", "2024-09", "2024-06"


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    return build(tmp_path_factory.mktemp("kota_uji") / "data")


def cli(capsys, lake, name: str, **params) -> list[dict]:
    """What `python -m pantau query NAME --format json` prints."""
    args = ["--data", str(lake), "query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def files(kota):
    """The December deck (kepala) as PPTX, PDF and XLSX, built once."""
    from pantau.report.images import Renderer

    deck = build_deck(kota, DES, "kepala")
    with Renderer() as renderer:
        pptx = write(deck, "pptx", None, renderer)
        pdf = write(deck, "pdf", None, renderer)
    return deck, pptx, pdf, write(deck, "xlsx")


def pptx_slides(content: bytes) -> list[str]:
    """Each slide's text: its text boxes, its table cells and its speaker notes (a face holds at
    most three points; the rest, with the provenance, are in the notes)."""
    out = []
    for slide in Presentation(io.BytesIO(content)).slides:
        parts = []
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [c.text for row in shape.table.rows for c in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
        out.append("\n".join(parts))
    return out


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "deck.pdf"
    path.write_bytes(content)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())  # line breaks inside a sentence are layout


def xlsx_table(content: bytes, heading: str) -> dict[str, tuple]:
    """The sheet whose header row has a column starting with `heading`, as {first cell: the
    rest} (sheets are found by their columns, not their names)."""
    wb = openpyxl.load_workbook(io.BytesIO(content))
    for ws in wb:
        rows = list(ws.iter_rows(values_only=True))
        if rows and any(str(c or "").startswith(heading) for c in rows[0]):
            return {r[0]: r[1:] for r in rows[1:] if r and r[0] is not None}
    raise AssertionError(f"no sheet has a column {heading!r}")


# --- the CLI: the hand-worked figures ---------------------------------------------------------


def test_cli_books_the_reexport_once_the_mover_by_date_and_the_unknown_area_apart(kota, capsys):
    rows = cli(capsys, kota, "bantuan_per_wilayah", periode=DES)
    got = {r["kode_wilayah"]: r["nilai_tersalur"] for r in rows if r["tingkat"] != "total"}
    assert got == WILAYAH_2024
    assert rows[-1]["wilayah"] == "Kota Pasuruan" and rows[-1]["nilai_tersalur"] == KOTA_2024
    assert sum(WILAYAH_2024.values()) == KOTA_2024  # the areas add up to the city
    dana = cli(capsys, kota, "bantuan_per_sumber_dana", periode=DES)
    assert {r["sumber_dana"]: r["nilai"] for r in dana} == DANA_2024
    kpi = cli(capsys, kota, "ringkasan_kpi", periode=DES)[0]
    assert kpi["bantuan_rp_tahun_ini"] == KOTA_2024


def test_cli_compares_a_flagged_list_with_the_previous_flagged_list_not_the_flagless_one(
    kota, capsys
):
    kpi = cli(capsys, kota, "ringkasan_kpi", periode=DES)[0]
    assert (kpi["keluarga_miskin_ekstrem"], kpi["jiwa_miskin_ekstrem"]) == EKSTREM[DES]
    assert kpi["periode_sebelumnya"] == JUN  # not 2024-09, a list without the flag
    assert kpi["keluarga_miskin_ekstrem_sebelumnya"] == EKSTREM[JUN][0]
    for periode, (keluarga, sumber) in FLAGLESS.items():
        k = cli(capsys, kota, "ringkasan_kpi", periode=periode)[0]
        assert (k["keluarga_daftar"], k["sumber_daftar"]) == (keluarga, sumber)
        assert k["berstatus_ekstrem"] is False
        assert k["keluarga_miskin_ekstrem"] is None  # a list, not "0 miskin ekstrem"
        assert k["periode_sebelumnya"] is None


def test_cli_counts_a_family_on_two_lists_once_in_the_funnel(kota, capsys):
    rows = cli(capsys, kota, "verval_funnel", periode=SEP)
    cols = ("daftar_keluarga", "diperiksa_keluarga", "memenuhi_keluarga", "tidak_memenuhi_keluarga")
    assert {r["sumber_daftar"]: tuple(r[c] for c in cols) for r in rows} == FUNNEL


# --- the pages --------------------------------------------------------------------------------


def metrics(at) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}


def test_ringkasan_shows_the_cli_figures_and_the_comparison_with_june(kota, monkeypatch):
    at = open_page(kota, monkeypatch, "pages/ringkasan.py", periode=DES)
    m = metrics(at)
    assert m["Keluarga miskin ekstrem"] == ("4", "-1 keluarga")  # 4 against June's 5
    assert m["Bantuan tersalur tahun ini"][0] == "Rp 7,85 juta"  # Rp 7.850.000
    shown = page_texts(at)
    assert "16 jiwa" in shown and "Juni 2024" in shown
    assert "September 2024" not in shown  # the flagless list between is not the comparison


def test_ringkasan_shows_a_flagless_list_as_a_list(kota, monkeypatch):
    at = open_page(kota, monkeypatch, "pages/ringkasan.py", periode=SEP)
    m = metrics(at)
    assert m["Keluarga dalam daftar"][0] == "6"
    assert "Keluarga miskin ekstrem" not in m
    assert "Bansos Pemkot" in page_texts(at)


def test_bantuan_page_table_by_area_equals_the_cli(kota, monkeypatch):
    at = open_page(kota, monkeypatch, "pages/bantuan.py", periode=DES)
    table = next(d.value for d in at.dataframe if "Wilayah" in d.value.columns)
    assert dict(zip(table["Wilayah"], table["Tersalur (Rp)"], strict=True)) == {
        "Gadingrejo": "Rp 1.950.000",
        "Purworejo": "Rp 0",
        "Bugul Kidul": "Rp 0",
        "Panggungrejo": "Rp 4.500.000",
        "Wilayah tidak diketahui": "Rp 1.400.000",
        "Kota Pasuruan": "Rp 7.850.000",
    }
    dana = next(d.value for d in at.dataframe if "Sumber dana" in d.value.columns)
    by_source = dana.groupby("Sumber dana")["Tersalur (Rp)"].agg(list).to_dict()
    # one row per programme: DBHCHT BLT 2.500.000 (p3 + q3 + h1 + u2) and Modal Usaha 2.500.000
    assert sorted(by_source) == ["APBD", "DBHCHT"]
    assert sorted(by_source["DBHCHT"]) == ["Rp 2.500.000", "Rp 2.500.000"]
    assert by_source["APBD"] == ["Rp 2.850.000"]


def test_peta_counts_the_december_list_and_leaves_a_flagless_list_empty(kota, monkeypatch):
    at = open_page(kota, monkeypatch, "pages/peta.py", periode=DES)
    table = next(d.value for d in at.dataframe if "Kelurahan" in d.value.columns)
    col = next(c for c in table.columns if c.startswith("Keluarga miskin ekstrem"))
    counts = pd.to_numeric(table.set_index("Kelurahan")[col], errors="coerce")
    # i0 Karangketug, i1 Gentong, i2 (moved) and i3 Ngemplakrejo; i4 no longer flagged
    assert counts.dropna()[counts.dropna() > 0].to_dict() == {
        "Karangketug": 1,
        "Gentong": 1,
        "Ngemplakrejo": 2,
    }
    assert counts.sum() == EKSTREM[DES][0]
    at = open_page(kota, monkeypatch, "pages/peta.py", periode=SEP)
    shown = page_texts(at)
    assert "Tidak ada keluarga miskin ekstrem" not in shown
    assert "tidak menandai" in shown  # says what the list is instead


def test_beban_does_not_call_a_flagless_list_free_of_extreme_poverty(kota, monkeypatch):
    at = open_page(kota, monkeypatch, "pages/beban.py", periode=DES)
    m = metrics(at)
    assert m["Ditandai miskin ekstrem di daftar periode ini"][0] == "16 jiwa"  # i0-i3, 4 jiwa each
    assert m["Di bawah garis ekstrem (pengeluaran)"][0] == "20 jiwa"  # i0-i4: Rp 250.000 each
    at = open_page(kota, monkeypatch, "pages/beban.py", periode=SEP)
    shown = page_texts(at)
    assert "Tidak ada keluarga miskin ekstrem" not in shown
    assert "tidak memuat tanda miskin ekstrem" in shown


# --- the three files of the deck --------------------------------------------------------------


def test_deck_key_figures_equal_the_cli(kota, files, capsys):
    deck = files[0]
    kunci = {(a.sumber, a.kolom): a.nilai for a in deck.angka_kunci}
    kpi = cli(capsys, kota, "ringkasan_kpi", periode=DES)[0]
    for col in ("keluarga_miskin_ekstrem", "jiwa_miskin_ekstrem", "bantuan_rp_tahun_ini"):
        assert kunci[("ringkasan_kpi", col)] == kpi[col]
    assert kunci[("ringkasan_kpi", "bantuan_rp_tahun_ini")] == KOTA_2024
    assert kunci[("verval_funnel", "daftar_keluarga")] == FUNNEL["Semua daftar"][0]
    assert kunci[("verval_funnel", "memenuhi_keluarga")] == FUNNEL["Semua daftar"][2]


def test_pptx_gives_the_figures_and_compares_with_june(files):
    slides = pptx_slides(files[1])
    first = next(s for s in slides if "Desember 2024" in s and "4 keluarga miskin ekstrem" in s)
    assert "Juni 2024" in first and "September 2024" not in first
    whole = "\n".join(slides)
    assert "Rp 7,85 juta" in whole or "Rp 7.850.000" in whole
    assert "DBHCHT Rp 5,00 juta" in whole and "APBD Rp 2,85 juta" in whole
    assert "5 di lebih dari satu daftar" in whole  # the overlap, counted once: 7 keluarga


def test_pdf_gives_the_same_figures(files, tmp_path):
    text = pdf_text(files[2], tmp_path)
    assert "4 keluarga miskin ekstrem di Kota Pasuruan pada Desember 2024" in text
    assert "turun 1 keluarga dari Juni 2024" in text
    assert "Rp 7.850.000" in text
    assert "DBHCHT Rp 5,00 juta" in text and "APBD Rp 2,85 juta" in text
    assert "7 keluarga dalam 2 daftar" in text


def test_xlsx_holds_the_same_numbers_as_numbers(files):
    utama = xlsx_table(files[3], "Bantuan tersalur")
    assert utama["Desember 2024"][:2] == EKSTREM[DES]
    assert 7_850_000 in utama["Desember 2024"]
    assert utama["Juni 2024 (daftar sebelumnya)"][:2] == EKSTREM[JUN]
    assert not any(str(k).startswith("September 2024") for k in utama)
    dana = xlsx_table(files[3], "Sumber dana")
    assert {k: v[0] for k, v in dana.items()} == DANA_2024
    funnel = xlsx_table(files[3], "Diperiksa")
    assert {k: v[:4] for k, v in funnel.items()} == FUNNEL

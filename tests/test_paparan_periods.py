"""Every period in the period list gives the Paparan page and all three files (issue 12 §1): the
flagless and early periods of the demo (Des 2021, Des 2022, Mar–Sep 2023) used to crash the Excel
writer with a TypeError, and with it the page. A lake holding only keluarga data too.

Time: the guest deck of each of the 18 demo periods is built once for this file (`tamu_decks`)
and written in-process to all three formats with one Chromium (`report.cli.write`, the function
the CLI calls); the CLI itself runs as a subprocess for one period that crashed (xlsx) and one
flagless period (pptx): each run starts Python, DuckDB and, for slides, Chromium. The page walks
every slide of every period as the guest, and every slide of the crashed and latest periods (the
first slide of the others) as the Kepala: those page sweeps are in
tests/test_paparan_periods_page.py, so that the two test workers share the work."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows
from pptx import Presentation

from pantau.report import build_deck
from pantau.report.cli import write
from pantau.report.context import Context
from pantau.report.images import Renderer
from pantau.report.model import polos

ROOT = Path(__file__).resolve().parents[1]
CRASHED = ["2021-12", "2022-12", "2023-03", "2023-06", "2023-09"]


def periods(data: Path) -> list[str]:
    return Context(data, None, "tamu").query("periode_list")["periode"].tolist()


def pdf_text(content: bytes, tmp_path: Path) -> str:
    path = tmp_path / "p.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def check_files(deck, files: dict[str, bytes], tmp_path: Path) -> None:
    """Each file opens in its own reader and carries every slide's title."""
    prs = Presentation(io.BytesIO(files["pptx"]))
    assert len(prs.slides) == len(deck.semua) == len(deck.slides) + 2  # cover and closing
    shown = "\n".join(
        sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame
    )
    for slide in deck.semua:
        assert polos(slide.judul) in shown  # a guest's hidden mark in words
    text = " ".join(pdf_text(files["pdf"], tmp_path).split())
    assert polos(deck.slides[0].judul).split(":")[0] in text
    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert {"Keterangan", "Angka kunci"} <= set(book.sheetnames)


def test_demo_periods_include_the_ones_that_crashed(demo_lake):
    assert set(CRASHED) <= set(periods(demo_lake))
    assert len(periods(demo_lake)) == 18


@pytest.fixture(scope="module")
def tamu_decks(demo_lake) -> dict:
    """The guest deck of every demo period, built once (a deck takes seconds to build)."""
    return {periode: build_deck(demo_lake, periode, "tamu") for periode in periods(demo_lake)}


@pytest.fixture(scope="module")
def tamu_files(tamu_decks) -> dict:
    """Each guest deck written as pptx, pdf and xlsx with one Chromium."""
    with Renderer() as renderer:
        return {
            periode: {f: write(deck, f, None, renderer) for f in ("pptx", "pdf", "xlsx")}
            for periode, deck in tamu_decks.items()
        }


def test_every_demo_period_writes_pptx_pdf_and_xlsx(tamu_decks, tamu_files, tmp_path):
    assert len(tamu_files) == 18
    for periode, deck in tamu_decks.items():
        check_files(deck, tamu_files[periode], tmp_path)


def test_a_key_figure_the_period_lacks_is_an_empty_cell_not_a_crash(tamu_decks):
    # Des 2021's list carries no extreme flag: its key figures are None (nothing to count).
    deck = tamu_decks["2021-12"]
    # Missing is None, NaN (a share of no family) or NA (leavers before any visit of the
    # year: no data, not 0), never a number to write.
    empty = [a.label for a in deck.angka_kunci if not isinstance(a.nilai, str) and pd.isna(a.nilai)]
    assert empty
    book = openpyxl.load_workbook(io.BytesIO(write(deck, "xlsx")))
    rows = list(book["Angka kunci"].iter_rows(min_row=2, values_only=True))
    nilai = {r[0]: r[1] for r in rows}
    assert all(nilai[label] is None for label in empty)


def test_cli_writes_the_excel_file_for_a_period_that_crashed(demo_lake, tmp_path):
    # the other crashed periods go through the same `write` in the loop above
    periode = "2022-12"
    out = tmp_path / f"{periode}.xlsx"
    run = cli(demo_lake, "xlsx", periode, out)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "Angka kunci" in openpyxl.load_workbook(out).sheetnames


# Des 2021 has no verval, no modal usaha and no flag (no pocket): one slide says so instead
# of three near-empty ones (DPRD re-review N12, R1-6)
MERGED = "Data belum tersedia untuk Desember 2021: verval, modal usaha dan kantong kemiskinan"


def test_cli_writes_the_slides_of_a_flagless_period(demo_lake, tmp_path):
    out = tmp_path / "2021-12.pptx"
    run = cli(demo_lake, "pptx", "2021-12", out)
    assert run.returncode == 0, run.stderr
    prs = Presentation(out)
    assert len(prs.slides) == 6  # cover, 4 slides, closing
    shown = [sh.text_frame.text for s in prs.slides for sh in s.shapes if sh.has_text_frame]
    assert MERGED in shown
    assert not [t for t in shown if "– dari –" in t or "(slide 5)" in t]


def test_the_pdf_of_a_flagless_period_says_what_it_lacks(tamu_files, tmp_path):
    text = " ".join(pdf_text(tamu_files["2021-12"]["pdf"], tmp_path).split())
    assert "Desember 2021" in text and MERGED in text


def cli(data: Path, fmt: str, periode: str, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), "report", "--format", fmt]
        + ["--periode", periode, "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def lake_of_keluarga_only(root: Path) -> Path:
    """A lake holding one period's keluarga list only (7 extreme-poor of 12), no other data."""
    rows = keluarga_rows([{"miskin_ekstrem": "Ya"}] * 7 + [{"miskin_ekstrem": "Tidak"}] * 5)
    return build_lake(root / "data", {"keluarga": {"2024-06": rows}})


@pytest.fixture(scope="module")
def keluarga_only(tmp_path_factory) -> Path:
    return lake_of_keluarga_only(tmp_path_factory.mktemp("kel"))


def test_a_lake_with_only_keluarga_writes_all_three_files(keluarga_only, tmp_path):
    with Renderer() as renderer:
        deck = build_deck(keluarga_only, "2024-06", "tamu")
        files = {f: write(deck, f, None, renderer) for f in ("pptx", "pdf", "xlsx")}
    check_files(deck, files, tmp_path)


def test_every_slide_of_every_demo_period_fits_its_boxes_at_slide_type(demo_lake, tamu_decks):
    """At 18 pt no slide's points run past their box, and every title fits above its subtitle
    at 20 pt or more (the estimate the PowerPoint writer sizes by; LibreOffice's rendering is
    measured in tests/test_report.py). The guest's decks of every period (whose blurred numbers
    are the longer text) and the Kepala's of the latest."""
    from pantau.report.layout import layout
    from pantau.report.pptx import KIRI, LEBAR, PT_ISI, TINGGI_JUDUL, baris_teks, ukuran_judul

    problems = []
    latest = periods(demo_lake)[-1]
    decks = [*tamu_decks.items(), (latest, build_deck(demo_lake, latest, "kepala"))]
    for periode, deck in decks:
        # the slides this test's owner writes (strategi_1-3 and selanjutnya are checked by
        # their own tests; tests/test_report.py renders them all in LibreOffice)
        for slide in [deck.sampul, deck.slides[0], deck.slides[1], deck.penutup]:
            box = layout(slide).poin
            if box is not None and slide.poin:
                # regular 18-pt text runs about 0.5 em a character (bold titles 0.55)
                face = slide.poin_muka
                lines = sum(baris_teks(f"• {p}", box.w - 0.2, PT_ISI, 0.5) for p in face)
                used = lines * PT_ISI * 1.2 / 72 + 0.11 * len(face)
                if used > box.h:
                    problems.append(f"{periode} {slide.key}: points {used:.2f} in > {box.h}")
            width = LEBAR - 2 * KIRI - 2.5
            pt = ukuran_judul(slide.judul, width)
            if baris_teks(slide.judul, width, pt) * pt * 1.25 / 72 > TINGGI_JUDUL + 0.3:
                problems.append(f"{periode} {slide.key}: title of {len(slide.judul)} characters")
    assert problems == []

"""The deck's text measured in its fonts (review of issue 12, DPRD items 2 and 4): no table
cell word is split across lines in the PDF or the PowerPoint, and no text box's text runs into
the footer of a slide. Hand-made decks and tables, no lake and no chart rendering (the chart
images are stubbed): fast."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import pandas as pd
import plotly.graph_objects as go
import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from pantau.report import measure
from pantau.report.model import Chart, Column, Deck, Slide, Table
from pantau.report.pptx import ATAS_KAKI, MARGIN_KOTAK, pptx_bytes

LONG = [
    "66 dari 612 penerima dianalisis (504 tidak miskin ekstrem saat menerima, 42 tanpa "
    "pembanding). Syarat modal usaha: keluarga miskin ekstrem yang punya usaha; penerima yang "
    "saat itu tidak tercatat miskin ekstrem (atau daftarnya belum menandai) tidak dianalisis. "
    "Bukan uji acak; asosiasi setelah pencocokan.",
    "Keluar dari kemiskinan ekstrem tiap triwulan: 17,0 dari 100 penerima yang masih miskin "
    "ekstrem, 8,5 dari 100 pembanding (per 100 keluarga-triwulan berisiko); rasio laju 2,00, "
    "penerima keluar 2,0 kali lebih sering (95 %: 1,29–3,09).",
    "Pendapatan: perubahan penerima dikurangi perubahan pembanding Rp 394.551 per keluarga per "
    "bulan (95 %: Rp 271.376 s.d. Rp 517.727).",
]

# The kantong table's words that broke before ("Peringk/at", "Ngemplakre/jo", "35.75.04.10/07").
WORDS = ["Peringkat", "Ngemplakrejo", "35.75.04.1007", "Panggungrejo", "Karangketug", "10,9%"]


def _kantong(n_cols: int = 15) -> Table:
    cols = {
        "peringkat": Column("Peringkat", "teks"),
        "kode": Column("Kode Kemendagri", "teks"),
        "kelurahan": Column("Kelurahan", "teks"),
        "kecamatan": Column("Kecamatan", "teks"),
    }
    for j in range(n_cols - len(cols)):
        cols[f"c{j}"] = Column(f"Keluarga dalam daftar (keluarga) {j}", "teks")
    rows = {
        "peringkat": ["1", "2", "3"],
        "kode": ["35.75.04.1007", "35.75.04.1012", "35.75.01.1001"],
        "kelurahan": ["Ngemplakrejo", "Panggungrejo", "Karangketug"],
        "kecamatan": ["Panggungrejo", "Panggungrejo", "Gadingrejo"],
    }
    for j in range(n_cols - 4):
        rows[f"c{j}"] = ["10,9%", "1.065", "38,4"]
    return Table(
        "peta_kelurahan", "Kantong kemiskinan per kelurahan", pd.DataFrame(rows), cols, "x"
    )


def _deck(slides: list[Slide]) -> Deck:
    for i, s in enumerate(slides, start=1):
        s.nomor = i
    deck = Deck("2026-09", "tamu", True, 1, slides, [], dt.datetime(2026, 12, 2, 7, 28))
    buf = io.BytesIO()
    Image.new("RGB", (20, 10), "white").save(buf, format="PNG")
    deck._gambar = {g.key: buf.getvalue() for s in slides for g in s.grafik}  # no rendering
    return deck


def test_a_line_wraps_only_at_a_space_and_a_word_wider_than_the_line_stays_whole():
    # Liberation Sans at 10 pt: "Ngemplakrejo" is 0.857 in (measured), so a 0.5 in line holds
    # it whole on its own line rather than cutting it.
    assert measure.lebar("Ngemplakrejo", 10) == pytest.approx(0.857, abs=0.01)
    assert measure.baris("Kel. Ngemplakrejo", 0.5, 10) == ["Kel.", "Ngemplakrejo"]
    assert measure.baris("a b c", 5, 10) == ["a b c"]
    assert measure.kata("Januari–September 2025") == ["Januari–", "September", "2025"]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) not installed")
def test_no_word_of_a_wide_pdf_table_is_split_across_lines(tmp_path):
    from pantau.report import pdf as rpdf

    deck = _deck([Slide("a", 0, "Judul", "Sub")])
    doc = rpdf._Laporan(deck)
    doc.add_page()
    rpdf._tabel(doc, _kantong())
    out = tmp_path / "t.pdf"
    out.write_bytes(bytes(doc.output()))
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    tokens = set(re.split(r"\s+", text))
    for word in WORDS:
        assert word in tokens, word  # whole: "Ngemplakre" + "jo" on two lines would fail
    # 15 columns do not fit 180 mm at 6 pt with their words whole: the table is split, each
    # part repeating the columns that name the row (a part of ranks alone named no kelurahan:
    # Kepala Dinas re-review, MUST 1)
    parts = rpdf.potong_kolom(doc, _kantong().teks())
    key = ["Peringkat", "Kode Kemendagri", "Kelurahan"]
    assert len(parts) >= 2 and all(list(p.columns[:3]) == key for p, _ in parts)
    assert sum(len(p.columns) - 3 for p, _ in parts) == 12  # every other column once
    for part, size in parts:
        assert sum(rpdf.lebar_kolom(doc, part, size)) <= rpdf.LEBAR + 1e-6


def _text_height(shape) -> float:
    """Inches the text of a python-pptx text box takes, measured in the font."""
    width = Emu(shape.width).inches - MARGIN_KOTAK[0]
    total = MARGIN_KOTAK[1]
    for para in shape.text_frame.paragraphs:
        text = "".join(r.text for r in para.runs)
        if not para.runs:
            continue
        pt = para.runs[0].font.size.pt
        total += len(measure.baris(text, width, pt, bool(para.runs[0].font.bold))) * pt * 1.2 / 72
        total += (para.space_after.pt if para.space_after is not None else 0) / 72
    return total


def _footer_shapes(slide):
    return [s for s in slide.shapes if s.has_text_frame and Emu(s.top).inches >= ATAS_KAKI - 0.01]


def test_no_text_box_of_a_slide_runs_into_the_footer():
    # Slide 4's face: two charts and three long points under them (the third ran over the
    # footer "Dinas Sosial Kota Pasuruan · September 2026" before).
    two = Slide("strategi_2", 0, "Modal usaha: 66 dari 612 penerima dibandingkan", "Strategi 2")
    two.grafik = [Chart("km", go.Figure()), Chart("did", go.Figure())]
    two.poin = list(LONG)
    two.catatan = ["catatan"]
    one = Slide("konteks", 0, "311 keluarga miskin ekstrem", "Konteks")
    one.grafik = [Chart("tren", go.Figure())]
    one.poin = [p + " " + p for p in LONG]  # far too long for the box beside the chart
    deck = _deck([two, one])
    prs = Presentation(io.BytesIO(pptx_bytes(deck)))
    for page, slide in zip(prs.slides, deck.semua, strict=True):
        footer = _footer_shapes(page)
        assert footer, "every slide has its footer"
        for shape in page.shapes:
            if shape in footer:
                continue
            top = Emu(shape.top).inches
            assert top + Emu(shape.height).inches <= ATAS_KAKI + 1e-6, shape.name
            if shape.has_text_frame and shape.text_frame.text.startswith("•"):
                assert top + _text_height(shape) <= ATAS_KAKI, (slide.key, shape.text_frame.text)
        notes = page.notes_slide.notes_text_frame.text
        face = " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        for p in slide.poin_muka:  # a point that left the face is in the notes, none lost
            assert f"• {p}" in face or p in notes


def test_a_slide_table_keeps_every_word_whole_in_its_column():
    from pantau.report.pptx import PT_TABEL_MIN, _least, _widths, ukuran_tabel

    df = _kantong(7).teks()
    df, pt = ukuran_tabel(df, 6.4)
    assert pt >= PT_TABEL_MIN
    widths = _widths(df, 6.4, pt)
    assert sum(widths) == pytest.approx(6.4)
    for w, least in zip(widths, _least(df, pt), strict=True):
        assert w >= least - 1e-9  # each column at least its widest word plus the cell insets


# --- the guest's sentences: a figure hidden beside a small one never prints "×" -------------


def _sentences(deck) -> list[str]:
    out = []
    for s in deck.semua:
        out += [s.judul, s.subjudul, *s.poin_muka]
        out += [(g.fig.layout.title.text or "") for g in s.grafik]
    return out


def test_the_guest_deck_says_28_of_30_below_the_line_as_a_range_and_prints_no_cross(
    tmp_path,
):
    from lakes import build_lake, keluarga_rows

    from pantau import privacy
    from pantau.report import build_deck

    # 30 extreme-poor keluarga, 28 spending below the line (Rp 100.000 a person a month) and 2
    # above (Rp 2.000.000); 40 others above. The 2 is '<5'; the 28 would give it back
    # (30 − 28), so the guest reads the range the row already gives: 30 − 4 … 30 − 1 = 26–29.
    rows = [
        {"pengeluaran_bulanan": 400_000 if i < 28 else 8_000_000, "miskin_ekstrem": "Ya"}
        for i in range(30)
    ] + [{"pengeluaran_bulanan": 8_000_000 + i, "miskin_ekstrem": "Tidak"} for i in range(40)]
    lake = build_lake(tmp_path / "garis", {"keluarga": {"2024-06": keluarga_rows(rows)}})
    beban = privacy.result("beban_ringkasan", {}, "tamu", lake).iloc[0]
    assert beban["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    assert beban["keluarga_miskin_ekstrem_di_bawah_garis"] == "26–29"
    assert beban["bagian_miskin_ekstrem_di_bawah_garis"] == privacy.HIDDEN
    deck = build_deck(lake, "2024-06", "tamu")
    slide = next(s for s in deck.slides if s.key == "strategi_1")
    assert "26–29 dari 30 keluarga berbelanja di bawah garis" in slide.judul
    for text in _sentences(deck):
        assert privacy.HIDDEN not in text, text
    # the Kepala reads the share itself
    from pantau.report.context import Context
    from pantau.report.slides.bansos import strategi_1

    kepala, _ = strategi_1(Context(lake, "2024-06", "kepala"))
    assert "93,3% berbelanja di bawah garis" in kepala.judul


def test_the_closing_contact_comes_from_the_reference_file_or_is_the_department(
    tmp_path, monkeypatch
):
    from pantau import config
    from pantau.report.slides.frame import kontak

    monkeypatch.setattr(config, "REFERENCE_DIR", tmp_path)
    assert kontak("Dinas Sosial Kota Pasuruan") == "Dinas Sosial Kota Pasuruan"  # no file
    (tmp_path / "kontak.csv").write_text(
        "kunci,nilai\ninstansi,Dinas Sosial\nalamat,Jl. Pahlawan 1\ntelepon,0343 123\nemail,\n"
    )
    assert kontak("x") == "Dinas Sosial, Jl. Pahlawan 1, telp. 0343 123"


# --- session 6: no "×" in a guest's files, every bar named at 14 pt, empty slides merged -----


def test_a_hidden_mark_is_written_as_a_word_and_a_multiplier_stays():
    from pantau.report.model import polos

    assert polos("×") == "disamarkan"
    assert polos("keluar karena lulus × keluarga, meninggal 3") == (
        "keluar karena lulus (angka disamarkan) keluarga, meninggal 3"
    )
    # the unit after a hidden share is the sentence's, not the mark's
    assert polos("Bansos menjangkau × keluarga miskin ekstrem") == (
        "Bansos menjangkau (angka disamarkan) keluarga miskin ekstrem"
    )
    assert polos("(×)") == "(disamarkan)"
    assert polos("1,5× garis; <5; 307–310") == "1,5× garis; <5; 307–310"


def test_a_guest_pptx_and_pdf_carry_no_cross_in_cells_bullets_notes_or_footer(tmp_path):
    from pantau.report import pdf as rpdf

    slide = Slide("selanjutnya", 0, "Kartu skor: × keluarga", "Sub")
    df = pd.DataFrame({"indikator": ["Di bawah garis", "KUBE aktif"], "nilai": ["×", 27]})
    slide.tabel = [
        Table(
            "kartu_skor",
            "Kartu skor",
            df,
            {"indikator": Column("Indikator", "teks"), "nilai": Column("Nilai", "keluarga")},
            "skor_strategi",
            di_slide=True,
        )
    ]
    slide.poin = ["Keluar sejak 1 Januari: × keluarga."]
    slide.catatan = ["Lulus ×, meninggal <5."]
    deck = _deck([slide])
    prs = Presentation(io.BytesIO(pptx_bytes(deck)))
    texts = []
    for page in prs.slides:
        texts += [s.text_frame.text for s in page.shapes if s.has_text_frame]
        for shape in page.shapes:
            if shape.has_table:
                texts += [c.text for r in shape.table.rows for c in r.cells]
        texts.append(page.notes_slide.notes_text_frame.text)
    joined = "\n".join(texts)
    assert "×" not in joined
    assert "disamarkan" in joined and "Lulus (angka disamarkan), meninggal <5." in joined
    # the guest's one legend line, in the footer of every page (DPRD re-review N10)
    footers = [
        s.text_frame.text
        for p in prs.slides
        for s in _footer_shapes(p)
        if "Dinas" in s.text_frame.text
    ]
    assert len(footers) == len(prs.slides)
    assert all("angka kecil disamarkan demi kerahasiaan keluarga" in f for f in footers)
    out = tmp_path / "t.pdf"
    out.write_bytes(rpdf.pdf_bytes(deck))
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "×" not in text and "disamarkan" in text


def test_the_guest_pdf_leaves_out_a_column_that_is_mostly_hidden(tmp_path):
    from pantau.report import pdf as rpdf

    df = pd.DataFrame(
        {
            "kelurahan": ["Gentong", "Tapa'an", "Bukir"],
            "keluarga": [454, 300, 210],
            "per_1000": ["×", "×", 12.5],  # 2 of 3 hidden: left out
            "miskin": ["<5", 9, "×"],  # 1 of 3 hidden: kept ('<5' is a figure)
        }
    )
    tabel = Table(
        "peta_kelurahan",
        "Kantong",
        df,
        {
            "kelurahan": Column("Kelurahan", "teks"),
            "keluarga": Column("Dalam daftar (keluarga)", "keluarga"),
            "per_1000": Column("Per 1.000 keluarga", "desimal"),
            "miskin": Column("Miskin ekstrem (keluarga)", "keluarga"),
        },
        "peta_kelurahan",
    )
    assert rpdf.kolom_samar(tabel) == ["per_1000"]
    doc = rpdf._Laporan(_deck([Slide("a", 0, "Judul", "Sub")]))
    doc.add_page()
    rpdf._tabel(doc, tabel)
    out = tmp_path / "k.pdf"
    out.write_bytes(bytes(doc.output()))
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Tidak dicetak karena sebagian besar angkanya disamarkan" in text
    assert "Per 1.000 keluarga." in text  # named in that sentence, not printed as a column
    assert "Gentong 454 <5" in text and "Bukir 210 disamarkan" in text
    assert "×" not in text


def test_every_coverage_bar_is_named_and_its_text_is_14_pt_on_the_slide():
    from pantau.report.images import siap_ekspor
    from pantau.report.layout import PX_PER_INCH, layout
    from pantau.report.slides.bansos import _grafik_cakupan

    programs = [
        "Bansos (strategi 1)",
        "Bansos dibayar (tanpa kepesertaan)",
        "Pemberdayaan (strategi 2)",
        "Pemberdayaan (strategi 2), pernah",
        "Program apa pun",
        "Sembako Daerah",
        "PBI-JK",
        "BPNT",
        "PKH",
    ]
    df = pd.DataFrame(
        {
            "program": programs,
            "cakupan": [0.83, 0.83, 0.0, 0.055, 0.83, 0.83, 0.473, 0.354, "×"],
            "keluarga_tercakup": [258, 258, 0, 17, 258, 258, 147, 110, "<5"],
        }
    )
    grafik = Chart("cakupan_program", _grafik_cakupan(df, "September 2026"), huruf=19)
    slide = Slide("strategi_1", 0, "Bansos", "Strategi 1", grafik=[grafik])
    box = layout(slide).grafik[0]
    assert box.h >= 4.5 and box.w >= 7  # one chart, most of the slide's height (not a strip)
    fig = siap_ekspor(grafik.fig, *box.px, grafik.huruf)
    bars = fig.data[0]
    names = list(bars.y)
    assert len(names) == 9
    # every bar's category has its label drawn (plotly skipped 4 of 9 when left to itself)
    assert list(fig.layout.yaxis.tickvals) == names == list(fig.layout.yaxis.ticktext)
    assert max(len(n) for n in names) <= 20  # short enough to sit beside its bar at 19 px
    # 19 px at 96 px per inch prints at 14,25 pt
    least = 14 * PX_PER_INCH / 72
    assert fig.layout.yaxis.tickfont.size >= least
    assert fig.layout.xaxis.tickfont.size >= least
    assert bars.textfont.size >= least
    assert fig.layout.title.font.size >= least
    # the guest's hidden share is a word on the bar, not a cross
    assert list(bars.text)[-1] == "disamarkan (<5)"


def test_two_or_more_empty_slides_become_one_saying_which_and_why():
    from pantau.report.deck import gabung_kosong

    class K:
        label = "Desember 2022"

    full = Slide("konteks", 0, "2.866 keluarga", "Konteks", poin=["a"])
    verval = Slide("verval", 0, "Belum ada verval", "Verval", kosong="Belum ada data verval.")
    one = Slide("strategi_1", 0, "Bansos", "Strategi 1", poin=["b"])
    dua = Slide("strategi_2", 0, "Modal usaha", "S2", kosong="Modal usaha: belum ada penerima.")
    dua.catatan = ["Modal usaha: belum ada penerima.", "definisi modal usaha"]
    tiga = Slide("strategi_3", 0, "Kantong", "S3", kosong="Kantong: tidak dapat ditentukan.")
    last = Slide("selanjutnya", 0, "Langkah berikutnya", "S6", poin=["c"])
    out, kunci = gabung_kosong(
        [full, verval, one, dua, tiga, last], [[], [], [], ["k2"], [], []], K()
    )
    assert [s.key for s in out] == ["konteks", "strategi_1", "belum_tersedia", "selanjutnya"]
    assert [s.nomor for s in out] == [1, 2, 3, 4]
    merged = out[2]
    assert merged.judul == (
        "Data belum tersedia untuk Desember 2022: verval, modal usaha dan kantong kemiskinan"
    )
    assert merged.poin == [
        "Belum ada data verval.",
        "Modal usaha: belum ada penerima.",
        "Kantong: tidak dapat ditentukan.",
    ]
    assert "definisi modal usaha" in merged.catatan  # the notes are kept
    assert kunci[2] == ["k2"]
    # one empty slide alone stays where it is
    same, _ = gabung_kosong([full, verval, last], [[], [], []], K())
    assert [s.key for s in same] == ["konteks", "verval", "selanjutnya"]

"""Reports: the deck built from the named queries on a hand-made lake, its suppression for guests,
and the PowerPoint, PDF and Excel files read back (plus the CLI and LibreOffice's conversion)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, mark_demo
from pptx import Presentation
from pptx.util import Emu

from pantau import privacy
from pantau.cli import main
from pantau.report import build_deck
from pantau.report.model import polos
from pantau.report.pdf import pdf_bytes
from pantau.report.pptx import pptx_bytes
from pantau.report.xlsx import xlsx_bytes
from pantau.teks import LEGENDA_KAKI

P, Q, V = "2024-06", "2024-03", "2024-01"
A = "35.75.04.1007"  # Kel. Ngemplakrejo, Kec. Panggungrejo
B = "35.75.01.1001"  # Kel. Karangketug, Kec. Gadingrejo
C = "35.75.03.1003"  # Kel. Tapa'an, Kec. Bugul Kidul
DINAS = "Dinas Sosial Kota Pasuruan"

# The 2024-06 list, i = position = kk(i); 4 members each, so Rp 1.200.000 a month is
# Rp 300.000 per person, under the 2024 line of Rp 391.000, and Rp 2.400.000 is above it.
#  i     kel  ekstrem  usaha  aid (2024)
#  0-3   A    Ya       -      Sembako Daerah tersalur 10-04 Rp 600.000
#  4-5   A    Ya       Ya     Modal Usaha tersalur 15-01 Rp 2.500.000
#  6-7   B    Ya       Ya     -
#  8     B    Ya       -      -
#  9-10  A    -        -      -
#  11-12 C    -        -      -
# Extreme-poor: A 6 + B 3 = 9 keluarga, 36 jiwa. Reached (cakupan): 0-5 = 6, not 6-8 = 3.
# 2024-03 has the same families with i = 9 extreme-poor too: 10 keluarga (A 7, B 3).
FAMILIES = [(A, "Ya", "Tidak")] * 4 + [(A, "Ya", "Ya")] * 2 + [(B, "Ya", "Ya")] * 2
FAMILIES += [(B, "Ya", "Tidak")] + [(A, "Tidak", "Tidak")] * 2 + [(C, "Tidak", "Tidak")] * 2

# Verval 2024-01: P3KE 10 checked (kk 0-5 layak, 100-103 tidak: 'sudah mampu');
# Bansos Pemkot 8 checked (kk 6-8 layak, 104-108 tidak: 'pindah'). Total 18 → 9 layak.
VERVAL = [(kk(i), "P3KE", "Layak", "") for i in range(6)]
VERVAL += [(kk(100 + i), "P3KE", "Tidak Layak", "Sudah Mampu") for i in range(4)]
VERVAL += [(kk(i), "Bansos Pemkot", "Layak", "") for i in range(6, 9)]
VERVAL += [(kk(104 + i), "Bansos Pemkot", "Tidak Layak", "Pindah") for i in range(5)]

# Visits: i4 800.000 before the modal usaha, 1.500.000 after and 'Keluar'; i5 900.000 →
# 1.300.000, still extreme; i6 (a business, no modal usaha) visited once, still extreme.
VISITS = [
    (4, "2023-12-01", 800_000, "Masih Ekstrem"),
    (4, "2024-05-01", 1_500_000, "Keluar"),
    (5, "2023-12-05", 900_000, "Masih Ekstrem"),
    (5, "2024-05-02", 1_300_000, "Masih Ekstrem"),
    (6, "2024-05-03", 700_000, "Masih Ekstrem"),
]


def _keluarga(periode: str) -> pd.DataFrame:
    rows = []
    for i, (kel, eks, usaha) in enumerate(FAMILIES):
        rich = i >= 9
        rows.append(
            {
                "kode_kel": kel,
                "miskin_ekstrem": "Ya" if periode == Q and i == 9 else eks,
                "punya_usaha": usaha,
                "pengeluaran_bulanan": 2_400_000 if rich else 1_200_000,
                "pendapatan_bulanan": 2_600_000 if rich else 1_000_000,
                "pengeluaran_pangan": 1_200_000 if rich else 840_000,
            }
        )
    return keluarga_rows(rows)


def build(data_dir: Path) -> Path:
    salur = [(kk(i), "Sembako Daerah", "APBD", "2024-04-10", 600_000) for i in range(4)]
    salur += [(kk(i), "Modal Usaha", "DBHCHT", "2024-01-15", 2_500_000) for i in (4, 5)]
    return build_lake(
        data_dir,
        {
            "keluarga": {Q: _keluarga(Q), P: _keluarga(P)},
            "verval": {
                V: pd.DataFrame(
                    [
                        {
                            "no_kk": no,
                            "tanggal_verval": "2024-01-20",
                            "hasil": h,
                            "alasan": a,
                            "sumber_daftar": s,
                        }
                        for no, s, h, a in VERVAL
                    ]
                )
            },
            "penyaluran": {
                P: pd.DataFrame(
                    [
                        {
                            "no_kk": no,
                            "program": pr,
                            "sumber_dana": d,
                            "tanggal_salur": t,
                            "nilai": n,
                            "status": "Tersalur",
                        }
                        for no, pr, d, t, n in salur
                    ]
                )
            },
            "pemantauan": {
                P: pd.DataFrame(
                    [
                        {
                            "no_kk": kk(i),
                            "tanggal": t,
                            "pendapatan_bulanan": rp,
                            "status_ekstrem": s,
                        }
                        for i, t, rp, s in VISITS
                    ]
                )
            },
            "kube": {
                P: pd.DataFrame(
                    [
                        {
                            "id_kube": "K1",
                            "nama_kube": "KUBE Mawar",
                            "kode_kel": A,
                            "jenis_usaha": "Kue",
                            "no_kk": kk(i),
                            "omzet_bulanan": om,
                            "status_aktif": "Aktif",
                        }
                        for i, om in ((0, 1_000_000), (1, None))
                    ]
                )
            },
        },
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("report"))


@pytest.fixture(scope="module")
def deck(lake):
    return build_deck(lake, P, "kepala")


@pytest.fixture(scope="module")
def tamu(lake):
    return build_deck(lake, P, "tamu")


@pytest.fixture(scope="module")
def demo_deck(lake, tmp_path_factory):
    """The guest's deck on a copy of the lake marked as demo data, with its files."""
    copy = tmp_path_factory.mktemp("demo") / "data"
    shutil.copytree(lake, copy)
    mark_demo(copy)
    d = build_deck(copy, P, "tamu")
    return d, pptx_bytes(d), pdf_bytes(d)


def table(d, key: str):
    return next(t for t in d.tabel() if t.key == key)


def cli_query(capsys, lake: Path, name: str, **params) -> list[dict]:
    """What `python -m pantau query NAME --format json` prints, through the CLI's main()."""
    args = ["--data", str(lake), "query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


# --- the deck ---------------------------------------------------------------------------------


def test_deck_tells_the_story_in_six_slides_each_titled_with_its_finding(deck):
    assert [s.key for s in deck.slides] == [
        "konteks",
        "verval",
        "strategi_1",
        "strategi_2",
        "strategi_3",
        "selanjutnya",
    ]
    titles = [s.judul for s in deck.slides]
    # 9 extreme-poor in June, 10 in March (i = 9 left the flag).
    assert titles[0] == (
        "9 keluarga miskin ekstrem di Kota Pasuruan pada Juni 2024, turun 1 keluarga dari Maret 2024"
    )
    # Verval: 10 P3KE + 8 Bansos Pemkot checked, 6 + 3 = 9 layak. Neither source list is in
    # the lake (the keluarga lists carry no sumber_data), so the title says so instead of
    # calling the checked families "keluarga dalam daftar".
    assert titles[1] == (
        "Verval Januari 2024: 9 dari 18 keluarga yang diperiksa memenuhi kriteria; daftar "
        "P3KE, Bansos Pemkot belum dimuat"
    )
    # Reached by bansos (strategy 1: Sembako Daerah) i0-i3 = 4 of 9 = 44,4% (modal usaha to
    # i4 i5 is strategy 2, not bansos: the old 66,7% counted it); all 9 spend Rp 300.000 per
    # person < Rp 391.000 = 100,0% (no "tetapi": the flag is set on spending below the line).
    assert titles[2] == (
        "Bansos menjangkau 44,4% keluarga miskin ekstrem (12 bulan); sesuai dasar penetapannya, "
        "100,0% berbelanja di bawah garis Rp 391.000 per jiwa"
    )
    # Modal usaha is compared with matched non-recipients on the list in force at the grant
    # (issue 11 §3; tests/test_statistics.py); no recipient here has a comparable family on
    # such a list, and the slide says so instead of comparing cumulative shares.
    assert titles[3] == "Belum ada pembanding yang sebanding untuk penerima modal usaha"
    # No kelurahan here has 10 extreme-poor keluarga: none is ranked (issue 11 §3's base).
    assert titles[4].startswith("Belum ada kelurahan dengan dasar cukup untuk indeks kantong")
    # Not reached by bansos on the current list: i4-i8 = 5; with a business and no modal
    # usaha: i6 i7 = 2 (neither left extreme poverty at a visit).
    assert titles[5] == (
        "Sebelum akhir 2026: jangkau 5 keluarga miskin ekstrem yang belum tercakup bansos dan "
        "beri modal usaha kepada 2 keluarga yang punya usaha"
    )
    assert all(s.catatan for s in deck.slides)


def test_slide_1_gives_both_counts_the_target_as_a_rate_and_the_change_by_cause(deck, lake, capsys):
    s = deck.slides[0]
    # flagged 9 (36 jiwa); below the line: the same 9 (Rp 300.000 < Rp 391.000), i9-i12 above
    assert s.poin[0] == (
        "Daftar SK: 9 keluarga (36 jiwa). Di bawah garis pengeluaran: 9 keluarga (36 jiwa), "
        "0 belum ditandai."
    )
    # i4's visit of 1 May 2024 says 'keluar'; no flagged list precedes 1 January 2024, so
    # there is no base for a rate and none is shown
    assert s.poin[1].startswith("Keluar sejak 1 Januari 2024: 1 keluarga")
    assert "pada 1 Januari" not in s.poin[1]
    assert "Susenas" in s.poin[2] and "bukan ukurannya" in s.poin[2]
    # March 10 → June 9: i9 lost the flag with no visit or verval after March: no reason
    # recorded; nobody graduated, died, moved or was struck off at verval, nobody entered
    rows = cli_query(capsys, lake, "tren_miskin_ekstrem_komponen", periode=P)
    assert rows == [
        {
            "periode": P,
            "periode_sebelumnya": Q,
            "keluarga_sebelumnya": 10,
            "keluarga_sekarang": 9,
            "tetap": 9,
            "meninggal_pindah": 0,
            "lulus": 0,
            "dicoret_verval": 0,
            "keluar_lain": 1,
            "masuk": 0,
        }
    ]
    assert table(deck, "komponen_tren").df["keluar_lain"].tolist() == [1]
    assert any(c.startswith("Dari Maret 2024 ke Juni 2024: 10 → 9 keluarga") for c in s.catatan)
    # the chart names the target in words and draws no "0 %" line on the count axis
    fig = s.grafik[0].fig
    assert not fig.layout.shapes
    assert any("Susenas" in a.text for a in fig.layout.annotations)


def test_key_figures_equal_what_the_query_command_prints(deck, lake, capsys):
    kunci = {(a.sumber, a.kolom): a.nilai for a in deck.angka_kunci}
    kpi = cli_query(capsys, lake, "ringkasan_kpi", periode=P)[0]
    for col in ("keluarga_miskin_ekstrem", "jiwa_miskin_ekstrem", "keluarga_keluar_tahun_ini"):
        assert kunci[("ringkasan_kpi", col)] == kpi[col]
    assert kunci[("ringkasan_kpi", "cakupan")] == pytest.approx(kpi["cakupan"])
    assert (kpi["keluarga_miskin_ekstrem"], kpi["jiwa_miskin_ekstrem"]) == (9, 36)
    total = cli_query(capsys, lake, "verval_funnel", periode=V)[-1]
    assert kunci[("verval_funnel", "memenuhi_keluarga")] == total["memenuhi_keluarga"] == 9
    langkah = cli_query(capsys, lake, "langkah_berikutnya", periode=P)[0]
    assert kunci[("langkah_berikutnya", "keluarga_belum_tercakup_bansos")] == 5
    assert langkah["keluarga_belum_tercakup_bansos"] == 5
    assert kunci[("langkah_berikutnya", "keluarga_usaha_tanpa_modal")] == 2
    tepat = cli_query(capsys, lake, "bantuan_ketepatan_sasaran", periode=P)[0]
    assert tepat["keluarga_sasaran_tidak_menerima"] == 3  # i6 i7 i8 reached by no programme


def test_guest_sees_small_counts_as_under_5_and_the_cells_that_would_reveal_them_hidden(tamu):
    peta = table(tamu, "peta_kelurahan").df.set_index("kelurahan")
    # B has 3 extreme-poor (<5); the total 9 is shown, so A's 6 would give 9 - 6 = 3: hidden.
    assert peta.loc["Karangketug", "keluarga_miskin_ekstrem"] == "<5"
    assert peta.loc["Ngemplakrejo", "keluarga_miskin_ekstrem"] == privacy.HIDDEN
    assert peta.loc["Kota Pasuruan", "keluarga_miskin_ekstrem"] == 9
    # a rate or share of a hidden count would give it back too
    assert peta.loc["Karangketug", "per_1000_keluarga"] == privacy.HIDDEN
    verval = table(tamu, "verval").df.set_index("sumber_daftar")
    # P3KE 10 = 6 + 4: the 4 is <5, so the 6 goes; Pemkot 8 = 3 + 5: the 3 is <5, so the 5 goes.
    # The source lists are not in the lake: their size is empty, not the checked count.
    cols = ["daftar_keluarga", "diperiksa_keluarga", "memenuhi_keluarga", "tidak_memenuhi_keluarga"]
    assert pd.isna(verval.loc["P3KE", "daftar_keluarga"])
    assert verval.loc["P3KE", cols].tolist()[1:] == [10, privacy.HIDDEN, "<5"]
    assert verval.loc["Bansos Pemkot", cols].tolist()[1:] == [8, "<5", privacy.HIDDEN]
    assert verval.loc["Semua daftar", cols].tolist() == [18, 18, 9, 9]
    tren = table(tamu, "tren_kecamatan").df.set_index("periode")
    # June: Panggungrejo 6 + Gadingrejo 3 = Kota 9.
    assert (tren.loc[P, "Gadingrejo"], tren.loc[P, "Panggungrejo"]) == ("<5", privacy.HIDDEN)
    # estimates over arms of fewer than 5 families are not shown to guests
    efek = table(tamu, "efek_modal_usaha").df
    assert all(v == privacy.HIDDEN for v in efek["estimasi"])


def test_no_sum_in_a_guest_table_hides_exactly_one_cell(tamu):
    def hidden(v):
        return isinstance(v, str) and v in ("<5", privacy.HIDDEN)

    verval = table(tamu, "verval").df
    for col in ("daftar_keluarga", "memenuhi_keluarga", "tidak_memenuhi_keluarga"):
        assert sum(map(hidden, verval[col])) != 1
    for _, r in verval.iterrows():
        cells = [r["diperiksa_keluarga"], r["memenuhi_keluarga"], r["tidak_memenuhi_keluarga"]]
        assert sum(map(hidden, cells)) != 1
    tren = table(tamu, "tren_kecamatan").df.drop(columns="periode")
    for _, r in tren.iterrows():
        assert sum(map(hidden, r)) != 1


def test_suppress_linked_hides_a_second_cell_in_every_sum_with_one_hidden():
    df = pd.DataFrame({"wil": ["a", "b", "c", "Total"], "n": [3, 10, 20, 33], "m": [0, 7, 0, 7]})
    out = privacy.suppress_linked(df, ["n", "m"], total_row=True)
    # n: 3 is <5, so the smallest other non-zero (10) is hidden; m has nothing small.
    assert out["n"].tolist() == ["<5", "×", 20, 33]
    assert out["m"].tolist() == [0, 7, 0, 7]
    rows = pd.DataFrame({"semua": [12, 6], "ya": [9, 6], "tidak": [3, 0], "porsi": [0.75, 1.0]})
    out = privacy.suppress_linked(
        rows,
        ["semua", "ya", "tidak"],
        row_sums=[("semua", ["ya", "tidak"])],
        derived={"porsi": ["ya"]},
    )
    # 12 = 9 + 3: the 3 is <5, so the 9 goes, and the share made from it.
    assert out.iloc[0].tolist() == [12, "×", "<5", "×"]
    assert out.iloc[1].tolist() == [6, 6, 0, 1.0]


# --- the files --------------------------------------------------------------------------------


def test_pptx_has_one_16_9_slide_per_section_with_pictures_notes_and_the_department(
    demo_deck,
):
    d, pptx, _ = demo_deck
    prs = Presentation(io.BytesIO(pptx))
    assert round(Emu(prs.slide_width).inches, 2) == 13.33
    assert round(Emu(prs.slide_height).inches, 2) == 7.5
    # the six slides between a cover and a closing slide (issue 12 §2)
    assert len(d.slides) == 6 and len(prs.slides) == len(d.semua) == 8
    assert [s.key for s in d.semua][::7] == ["sampul", "penutup"]
    for page, slide in zip(prs.slides, d.semua, strict=True):
        texts = [s.text_frame.text for s in page.shapes if s.has_text_frame]
        assert polos(slide.judul) in texts  # a guest's hidden mark in words
        pictures = [s for s in page.shapes if s.shape_type == 13]
        assert len(pictures) == len(slide.grafik_slide)  # one chart per message (N2)
        assert any(DINAS in t and "Juni 2024" in t for t in texts)
        assert "DATA SINTETIS" in texts
        notes = page.notes_slide.notes_text_frame.text
        assert notes
        if not slide.bingkai:
            # provenance on every numbered slide: its queries, the period, the list's file
            assert "Asal data: periode Juni 2024; query " in notes
            assert "daftar keluarga Juni 2024 dari berkas keluarga_2024-06.csv" in notes
    # a guest gets no chart of estimates over fewer than 5 families (slide 4 here); slide 5
    # has no map: no kelurahan reaches the index's base and the guest's rates are all hidden
    # Slide 3 has no spending histogram for a guest here: on this 9-family lake every bin is
    # tied to totals the guest sees (each group's and the whole list's), so every bin is
    # hidden and the slide keeps its coverage chart only.
    assert [len(s.grafik) for s in d.slides] == [1, 1, 1, 0, 1, 0]
    # the guest's numbers: verval notes carry the suppressed P3KE count
    assert "<5" in prs.slides[2].notes_slide.notes_text_frame.text


def test_pptx_type_is_18_pt_titles_larger_and_at_most_3_points_a_slide(deck):
    from pptx.util import Pt

    from pantau.report.model import POIN_MAKS

    prs = Presentation(io.BytesIO(pptx_bytes(deck)))
    for page, slide in zip(prs.slides, deck.semua, strict=True):
        bullets = [
            sh for sh in page.shapes if sh.has_text_frame and sh.text_frame.text.startswith("• ")
        ]
        assert sum(len(sh.text_frame.paragraphs) for sh in bullets) <= POIN_MAKS, slide.key
        notes = page.notes_slide.notes_text_frame.text
        assert all(p in notes for p in slide.poin[POIN_MAKS:])  # beyond the face: in the notes
        for shape in page.shapes:
            if not shape.has_text_frame:
                continue  # table cells (12 pt) are checked below
            runs = [r for p in shape.text_frame.paragraphs for r in p.runs]
            text = shape.text_frame.text
            footer = text.startswith(DINAS) or re.fullmatch(r"\d+ / \d+", text)
            for run in runs:
                least = 12 if footer else (20 if text == slide.judul else 18)
                assert run.font.size >= Pt(least), (slide.key, text[:40], run.font.size.pt)
        for shape in page.shapes:
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for p in cell.text_frame.paragraphs:
                            assert all(r.font.size >= Pt(12) for r in p.runs)
    # the next-steps slide has more than three points: three on its face, the rest in notes
    selanjutnya = deck.slides[5]
    assert len(selanjutnya.poin) > POIN_MAKS and len(selanjutnya.poin_muka) == POIN_MAKS


def test_cover_and_closing_slides_name_the_region_period_sources_and_limits(demo_deck, deck):
    d, _, _ = demo_deck
    cover = d.sampul
    assert cover.judul == "Kemiskinan ekstrem di Kota Pasuruan: tiga strategi dan hasilnya"
    assert cover.subjudul.startswith("Pemerintah Kota Pasuruan · Dinas Sosial · Paparan Juni 2024")
    assert cover.poin[0].startswith("Periode data: Juni 2024 (daftar keluarga diimpor ")
    assert "Disampaikan oleh" in cover.poin[1]
    assert cover.poin[2].startswith("DATA SINTETIS")
    assert not any("SINTETIS" in p for p in deck.sampul.poin)  # not on real data
    closing = d.penutup
    sumber = closing.tabel[0].df
    # the lake's datasets, each at its latest period up to June 2024
    assert sumber["periode"].tolist() == [P, V, P, P, P]
    assert sumber["data"].iloc[0] == "daftar keluarga (P3KE / DTKS / DTSEN)"
    assert all(t.endswith("WIB") for t in sumber["diimpor"])
    assert "Susenas" in closing.poin[0] and "jiwa" in closing.poin[0]
    assert any("keluarga_2024-06.csv" in c for c in closing.catatan)


def test_pdf_is_a4_portrait_with_the_key_figures_and_every_section(demo_deck, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    d, _, pdf = demo_deck
    path = tmp_path / "laporan.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "595.28 x 841.89 pts (A4)" in info
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True)
    words = " ".join(text.stdout.split())
    assert "Angka kunci" in words and "DATA SINTETIS" in words
    for a in d.angka_kunci:  # a long label wraps inside its cell; a hidden one in words
        assert a.label[:24] in words and polos(a.teks) in words
    for s in d.slides:
        assert " ".join(f"{s.nomor}. {polos(s.judul)}".split())[:60] in words
    assert words.count(DINAS) >= int(info.split("Pages:")[1].split()[0])  # on every page
    # the figures' sources in words, no raw query name (issue 12 §2)
    assert "query" not in words.lower() and "ringkasan_kpi" not in words
    assert "Dihitung dari" in words and "Sumber data dan tanggal impor" in words


def test_the_guest_pptx_and_pdf_print_no_cross_anywhere(demo_deck, tmp_path):
    """DPRD re-review N4/R2-1: no "×" in any shape, table cell or speaker note of the guest's
    PowerPoint, nor anywhere in its PDF; the hidden cells say "disamarkan" and every page
    carries the one legend line."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    d, pptx, pdf = demo_deck
    assert any(privacy.HIDDEN in t.df.astype(str).values for t in d.tabel())  # there are marks
    prs = Presentation(io.BytesIO(pptx))
    for page in prs.slides:
        texts = [sh.text_frame.text for sh in page.shapes if sh.has_text_frame]
        texts += [
            c.text for sh in page.shapes if sh.has_table for r in sh.table.rows for c in r.cells
        ]
        texts.append(page.notes_slide.notes_text_frame.text)
        assert not [t for t in texts if "×" in t]
        assert any("angka kecil disamarkan demi kerahasiaan keluarga" in t for t in texts)
    path = tmp_path / "tamu.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "×" not in text and "disamarkan" in text
    assert "Versi publik" in text


def test_pdf_columns_are_never_narrower_than_their_longest_word():
    from pantau.report.pdf import LEBAR, _Laporan, lebar_kolom

    pdf = _Laporan(build_deck.__globals__["Deck"](None, "tamu", False, 0, [], [], None))
    df = pd.DataFrame(
        {
            "Peringkat": ["1", "2"],
            "Kode": ["35.75.04.1007", "35.75.01.1001"],
            "Kelurahan": ["Ngemplakrejo", "Karangketug"],
            "Keterangan panjang": ["kata " * 40, "pendek"],
        }
    )
    widths = lebar_kolom(pdf, df, 8)
    assert sum(widths) == pytest.approx(LEBAR)
    pdf.set_font("DejaVu", "B", 8)
    # "Peringkat" and "35.75.04.1007" each fit whole in their column ("Peri/ngkat" before)
    assert widths[0] > pdf.get_string_width("Peringkat")
    assert widths[1] > pdf.get_string_width("35.75.04.1007")
    assert widths[2] > pdf.get_string_width("Ngemplakrejo")


def test_xlsx_puts_each_table_on_a_sheet_with_number_formats_and_no_formula(tamu, deck):
    from pantau.report.xlsx import NAMA_LEMBAR

    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(tamu)))
    # sheets are named in whole short Indonesian words (not a title cut at 31 characters)
    keys = [t.key for t in tamu.tabel()] + ["sumber_data"]
    assert book.sheetnames == ["Keterangan", "Angka kunci", *(NAMA_LEMBAR[k] for k in keys)]
    assert "Kantong per kelurahan" in book.sheetnames
    assert all(len(n) <= 31 and "_" not in n for n in book.sheetnames)
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"  # the header row stays in view
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value.startswith("="))
                # no number stored as text ("1.234", "12,5", "2024"; a code such as
                # 35.75.04.1007 is text)
                if isinstance(cell.value, str) and cell.row > 1:
                    assert not re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?|\d+", cell.value), cell.value
    ws = book["Kantong per kelurahan"]
    header = [c.value for c in ws[1]]
    col = header.index("Miskin ekstrem (keluarga)") + 1
    values = [ws.cell(r, col).value for r in range(2, ws.max_row + 1)]
    assert "<5" in values and "×" in values and 9 in values
    numeric = [ws.cell(r, col) for r in range(2, ws.max_row + 1) if ws.cell(r, col).value == 9]
    assert numeric[0].number_format == "#,##0"  # shown 1.234 by an Indonesian Excel
    # the kelurahan column is wide enough for its longest name (Ngemplakrejo, 12 letters)
    letter = openpyxl.utils.get_column_letter(header.index("Kelurahan") + 1)
    assert ws.column_dimensions[letter].width >= 14
    kunci = {r[0].value: r for r in book["Angka kunci"].iter_rows(min_row=2)}
    assert kunci["Keluarga miskin ekstrem"][1].value == 9
    assert kunci["Keluarga miskin ekstrem"][1].number_format == "#,##0"
    # the guest's 4 of 9 reached is hidden (4 is under 5): an empty number cell and a note,
    # no '×' text in the number column; the Kepala's is a share, 0.444…, formatted as a percent
    header = [c.value for c in book["Angka kunci"][1]]
    assert header == ["Angka", "Nilai", "Catatan", "Asal (teknis)"]
    row = kunci["Cakupan bansos (keluarga miskin ekstrem)"]
    assert row[1].value is None and row[2].value.startswith("Disamarkan")
    assert row[3].value == "ringkasan_kpi · cakupan"  # the query, last, for checking
    # no raw query name where a reader reads: the notes sheet says each table in words
    isi = [r[1].value for r in book["Keterangan"].iter_rows(min_row=2)]
    keterangan = [r[0].value for r in book["Keterangan"].iter_rows(min_row=2)]
    for k_, v in zip(keterangan, isi, strict=True):
        if k_.startswith("Lembar "):
            assert "python -m" not in v and "_" not in v, v
    # the scorecard: numbers with a unit column, not "83,0%" or "612 KPM" as text
    skor = book["Kartu skor tiga strategi"]
    head = [c.value for c in skor[1]]
    assert head[:5] == ["Strategi", "Indikator", "Juni 2024", "Satuan", "Pembanding"]
    for r in skor.iter_rows(min_row=2):
        value, unit = r[2], r[3].value
        assert value.value is None or isinstance(value.value, int | float)
        if isinstance(value.value, int | float):
            assert value.number_format == ("0.0%" if unit == "%" else "#,##0")
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(deck)))
    kunci = {r[0].value: r for r in book["Angka kunci"].iter_rows(min_row=2)}
    cakupan = kunci["Cakupan bansos (keluarga miskin ekstrem)"][1]
    assert cakupan.value == pytest.approx(4 / 9) and cakupan.number_format == "0.0%"
    rp = kunci["Bantuan tersalur tahun ini (Rp)"][1]
    # Sembako 4 × 600.000 + Modal Usaha 2 × 2.500.000 in 2024
    assert rp.value == 7_400_000 and rp.number_format == '"Rp" #,##0'


def test_report_command_writes_excel_and_refuses_an_unknown_period(lake, tmp_path, capsys):
    out = tmp_path / "paparan.xlsx"
    assert (
        main(["--data", str(lake), "report", "--format", "xlsx", "--periode", P, "--out", str(out)])
        == 0
    )
    assert openpyxl.load_workbook(out).sheetnames[:2] == ["Keterangan", "Angka kunci"]
    capsys.readouterr()
    assert (
        main(
            [
                "--data",
                str(lake),
                "report",
                "--format",
                "pdf",
                "--periode",
                "2030-01",
                "--out",
                str(tmp_path / "x.pdf"),
            ]
        )
        == 2
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"Error: Periode 2030-01 tidak punya daftar keluarga; pilih salah satu: {Q}, {P}."
    ]


def test_a_period_without_a_list_gives_sentences_not_errors(lake):
    d = build_deck(lake, V, "tamu")
    # the five slides a list feeds are one that says so (N12), titled by their one cause, then
    # the verval slide
    assert d.slides[0].judul == "Belum ada daftar keluarga untuk Januari 2024"
    assert "Belum ada daftar keluarga untuk Januari 2024" in " ".join(d.slides[0].catatan)
    assert d.slides[1].judul.startswith("Verval Januari 2024")
    assert len(d.slides) == 2 and not d.slides[0].grafik
    assert xlsx_bytes(d)


def _words(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Every word of each page with its box (pt), from pdftotext -bbox."""
    import html

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    word = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
    )
    return [
        [
            (html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
            for m in word.finditer(page)
        ]
        for page in out.split("<page ")[1:]
    ]


@pytest.mark.skipif(
    not shutil.which("libreoffice") or not shutil.which("pdftotext"),
    reason="LibreOffice (Debian libreoffice-impress) or poppler-utils is not installed: the "
    "PowerPoint's conversion to PDF is not checked",
)
def test_libreoffice_renders_every_slide_with_no_text_overlapping_or_cut(demo_deck, tmp_path):
    (tmp_path / "paparan.pptx").write_bytes(demo_deck[1])
    proc = subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "paparan.pptx"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "paparan.pdf")], capture_output=True, text=True
    )
    assert "Pages:           8" in info.stdout  # cover, six slides, closing
    # The slide's text as LibreOffice laid it out (charts are pictures, not text): no two
    # words overlap (a title running into its subtitle, a table into the footer), every word
    # lies on the page, and below the footer line there is only the footer (13.33 × 7.5 in
    # = 960 × 540 pt; the footer box starts at 7.5 − 0.55 in = 500 pt).
    for n, words in enumerate(_words(tmp_path / "paparan.pdf"), start=1):
        assert words, f"slide {n} has no text"
        for text, x0, y0, x1, y1 in words:
            assert x0 >= 0 and x1 <= 960 and y0 >= 0 and y1 <= 540, (n, text)
        for a in range(len(words)):
            for b in range(a + 1, len(words)):
                _, ax0, ay0, ax1, ay1 = words[a]
                _, bx0, by0, bx1, by1 = words[b]
                dx = min(ax1, bx1) - max(ax0, bx0)
                dy = min(ay1, by1) - max(ay0, by0)
                # line boxes of one paragraph touch by their descent: a fifth of a line
                slack = 0.2 * min(ay1 - ay0, by1 - by0)
                assert dx <= 1 or dy <= slack, (n, words[a], words[b])
        footer = {DINAS.split()[0], "Sosial", "Kota", "Pasuruan", "·", "Dinas", "Juni", "2024"}
        footer |= set(LEGENDA_KAKI.split())  # the guest's legend line is part of the footer
        below = [w for w in words if w[2] >= 498 and w[0] not in footer]
        assert all(re.fullmatch(r"\d+|/", w[0]) for w in below), (n, below)

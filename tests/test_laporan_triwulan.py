"""The quarterly report (issue 13 §4): its numbers are `python -m pantau query` output, read back
from the DOCX (python-docx) and the XLSX (openpyxl); guests get suppressed counts and no
identifier. Fixture: tests/fixture_sk.py (SK versions 2024-06 and 2024-12)."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pandas as pd
import pytest
from docx import Document

from pantau import cli, fmt, laporan_triwulan, privacy, sk
from tests import fixture_sk as fx
from tests.lakes import kk

PERIODE = "2024-12"


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    data = fx.build(tmp_path_factory.mktemp("triwulan") / "data")
    sk.bekukan(data, "2024-06", "SK Wali Kota No. 1/2024", "uji", "kepala")
    sk.bekukan(data, "2024-12", "SK Wali Kota No. 2/2024", "uji", "kepala")
    return data


def query(lake, capsys, name: str, **params) -> list[dict]:
    args = ["--data", str(lake), "query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    capsys.readouterr()
    assert cli.main(args) == 0
    return json.loads(capsys.readouterr().out)


def docx_tables(content: bytes) -> dict[str, list[list[str]]]:
    """Each table of the DOCX under the title of the paragraph before it ('Tabel: …')."""
    doc = Document(io.BytesIO(content))
    titles = [p.text for p in doc.paragraphs if p.text.startswith("Tabel: ")]
    assert len(titles) == len(doc.tables)
    return {
        t.removeprefix("Tabel: "): [[c.text for c in row.cells] for row in table.rows]
        for t, table in zip(titles, doc.tables, strict=True)
    }


@pytest.fixture(scope="module")
def kepala(lake):
    return laporan_triwulan.susun(lake, PERIODE, "kepala")


@pytest.fixture(scope="module")
def kepala_docx(kepala):
    return laporan_triwulan.tulis(kepala, "docx")


def test_the_docx_names_the_quarter_and_whom_it_goes_to(kepala_docx):
    text = "\n".join(p.text for p in Document(io.BytesIO(kepala_docx)).paragraphs)
    assert "Triwulan IV 2024 (Oktober–Desember)" in text
    assert "Menteri Dalam Negeri" in text and "Menteri Koordinator Bidang Pembangunan" in text
    assert "Instruksi Presiden Nomor 4 Tahun 2022" in text


def test_the_sk_changes_in_the_docx_are_the_query_s(lake, capsys, kepala_docx):
    rows = query(lake, capsys, "sk_perubahan_kecamatan", periode=PERIODE)
    table = docx_tables(kepala_docx)["Perubahan Daftar SK per kecamatan"]
    header, body = table[0], table[1:]
    assert header[:5] == ["Kecamatan", "Versi sebelumnya", "Versi ini", "Tetap", "Masuk"]
    cols = list(laporan_triwulan.SK_KOLOM)
    want = [[r["kecamatan"]] + [fmt.angka(r[c]) for c in cols[1:]] for r in rows]
    assert body == want
    # and by hand (tests/fixture_sk.py): the city row
    assert body[-1][:5] == ["Kota Pasuruan", "5", "5", "2", "3"]


def test_the_headline_figures_programmes_and_funds_are_the_queries(lake, capsys, kepala_docx):
    tables = docx_tables(kepala_docx)
    kpi = query(lake, capsys, "ringkasan_kpi", periode=PERIODE)[0]
    utama = {r[0]: r[1:] for r in tables["Angka utama"][1:]}
    assert utama["Keluarga miskin ekstrem"][:2] == [
        fmt.angka(kpi["keluarga_miskin_ekstrem"]),
        fmt.angka(kpi["keluarga_miskin_ekstrem_sebelumnya"]),
    ]
    assert utama["Keluarga miskin ekstrem"][:2] == ["5", "5"]  # by hand: 5 and 5
    assert utama["Cakupan bansos keluarga miskin ekstrem"][0] == fmt.persen(kpi["cakupan"])

    program = query(lake, capsys, "bantuan_cakupan_program", periode=PERIODE)
    shown = {r[0]: r for r in tables["Keluarga miskin ekstrem terjangkau per program"][1:]}
    for r in program:
        if r["tingkat"] == "program":
            assert shown[r["program"]][2] == fmt.angka(r["keluarga_tercakup"])
            assert shown[r["program"]][4] == fmt.persen(r["cakupan"])
    # by hand: PKH paid to A and B, Sembako Daerah to G, of 5 extreme-poor families
    assert shown["PKH"][2:] == ["2", "5", "40,0%"]
    assert shown["Sembako Daerah"][2:] == ["1", "5", "20,0%"]

    dana = query(lake, capsys, "bantuan_per_sumber_dana", periode=PERIODE)
    rows = {r[0]: r[1:] for r in tables["Bantuan tersalur per sumber dana"][1:]}
    assert rows == {r["sumber_dana"]: [fmt.rupiah(r["nilai"]), fmt.angka(r["kpm"])] for r in dana}
    assert rows == {"APBN": ["Rp 1.500.000", "2"], "APBD": ["Rp 200.000", "1"]}

    skor = query(lake, capsys, "skor_strategi", periode=PERIODE)
    strategi = tables["Indikator tiga strategi"][1:]
    assert [r[1] for r in strategi] == [r["indikator"] for r in skor]
    assert [r[6] for r in strategi] == [r["arah"] or "–" for r in skor]  # "–": no data


def test_the_xlsx_keeps_the_sk_changes_as_numbers(lake, capsys, kepala):
    book = openpyxl.load_workbook(io.BytesIO(laporan_triwulan.tulis(kepala, "xlsx")))
    rows = query(lake, capsys, "sk_perubahan_kecamatan", periode=PERIODE)
    (name,) = [n for n in book.sheetnames if n.startswith("Perubahan Daftar SK")]
    sheet = list(book[name].values)
    assert [r[1:5] for r in sheet[1:]] == [
        (r["keluarga_sebelumnya"], r["keluarga_sekarang"], r["tetap"], r["masuk"]) for r in rows
    ]
    assert book.sheetnames[0] == "Keterangan"
    assert laporan_triwulan.tulis(kepala, "pdf").startswith(b"%PDF")


def test_a_guest_s_report_hides_small_counts_and_names_no_one(lake):
    laporan = laporan_triwulan.susun(lake, PERIODE, "tamu")
    content = laporan_triwulan.tulis(laporan, "docx")
    table = docx_tables(content)["Perubahan Daftar SK per kecamatan"]
    guest = privacy.result("sk_perubahan_kecamatan", {"periode": PERIODE}, "tamu", lake)
    city = dict(zip(table[0], table[-1], strict=True))
    assert city["Masuk"] == guest["masuk"].iloc[-1] == "<5"
    doc = Document(io.BytesIO(content))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    )
    assert not re.search(r"(?<![0-9])[0-9]{16}(?![0-9])", text)
    assert "Kepala A" not in text


def test_the_cli_writes_the_file_and_audits_it(lake, tmp_path, capsys):
    out = tmp_path / "laporan.docx"
    args = ["--data", str(lake), "laporan-triwulan", "--periode", PERIODE]
    assert cli.main([*args, "--format", "docx", "--out", str(out)]) == 0
    assert "Keluarga miskin ekstrem" in "\n".join(
        c.text for t in Document(out).tables for row in t.rows for c in row.cells
    )
    last = json.loads((lake / "audit.log").read_text().splitlines()[-1])
    assert last["aksi"] == "ekspor" and last["rincian"]["laporan"] == "laporan_triwulan"
    assert last["rincian"]["peran"] == "laporan_resmi"  # the official report by default
    bad = ["--data", str(lake), "laporan-triwulan", "--periode", "2019-03", "--format", "pdf"]
    assert cli.main([*bad, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "tidak punya daftar keluarga" in capsys.readouterr().err


def all_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    return "\n".join(
        [p.text for p in doc.paragraphs]
        + [c.text for t in doc.tables for row in t.rows for c in row.cells]
        + [p.text for p in doc.sections[0].footer.paragraphs]
    )


def test_the_cli_default_and_the_page_button_give_the_same_official_report(lake, tmp_path):
    """MUST 3: the CLI's default and the dashboard's button (ui_sk builds
    `laporan_triwulan.untuk` for the signed-in role) give the same official aggregate report
    (privacy purpose laporan_resmi) to the kepala and the perencana (any role seeing whole counts): the city row
    of the SK change whole (5 → 5: 2 tetap + 3 masuk, 3 keluar; fixture_sk), no '×' nor '<5'
    anywhere. A guest's button gives his own suppressed view."""
    import inspect

    from pantau import ui_sk

    assert "laporan_triwulan.untuk(data, periode, signed_in, nomor)" in inspect.getsource(
        ui_sk.tombol_laporan_triwulan
    )
    out = tmp_path / "cli.docx"
    args = ["--data", str(lake), "laporan-triwulan", "--periode", PERIODE, "--format", "docx"]
    assert cli.main([*args, "--out", str(out)]) == 0
    cli_tables = docx_tables(out.read_bytes())
    for role in ("perencana", "kepala"):
        page = laporan_triwulan.untuk(lake, PERIODE, role)
        assert page.role == "laporan_resmi"
        assert docx_tables(laporan_triwulan.tulis(page, "docx")) == cli_tables, role
    city = dict(
        zip(*[cli_tables["Perubahan Daftar SK per kecamatan"][i] for i in (0, -1)], strict=True)
    )
    assert [city[k] for k in ("Kecamatan", "Versi sebelumnya", "Versi ini", "Tetap", "Masuk")] == [
        "Kota Pasuruan",
        "5",
        "5",
        "2",
        "3",
    ]
    assert city["Keluar"] == "3"
    cells = [c for t in cli_tables.values() for row in t for c in row]
    assert "×" not in cells and "<5" not in cells
    assert laporan_triwulan.untuk(lake, PERIODE, "tamu").role == "tamu"
    # and the purpose names no one: the policy removes every personal column for it
    df = privacy.policy("sk_perubahan", pd.DataFrame({"no_kk": [kk(1)], "n": [1]}), "laporan_resmi")
    assert list(df.columns) == ["n"]


def test_the_report_speaks_to_the_mendagri_not_to_a_developer(lake, capsys):
    """S11: sources in words with the list and the date, a nomor surat and a date line, a
    section on strategy-2 programmes, whole sheet names."""
    laporan = laporan_triwulan.susun(lake, PERIODE, nomor="400/9/423.011/2024")
    content = laporan_triwulan.tulis(laporan, "docx")
    text = all_text(content)
    assert "python -m pantau" not in text and "data lake" not in text
    kpi = query(lake, capsys, "ringkasan_kpi", periode=PERIODE)[0]
    daftar = " dan ".join(kpi["sumber_daftar"].split(", "))
    assert (
        f"Sumber: Dinas Sosial Kota Pasuruan, daftar {daftar} Desember 2024, pemantauan dan "
        "penyaluran s.d. 31-12-2024." in text
    )
    assert "Sumber: Dinas Sosial Kota Pasuruan, penyaluran 01-01-2024 s.d. 31-12-2024." in text
    assert "Nomor: 400/9/423.011/2024" in text
    assert re.search(r"^Pasuruan, \d{1,2} \w+ \d{4}$", text, re.M)
    # strategy 2: the query's strategy-2 rows, in the report's own table
    program = query(lake, capsys, "bantuan_cakupan_program", periode=PERIODE)
    dua = [r for r in program if r["strategi"] == 2]
    table = docx_tables(content)["Keluarga terjangkau program pemberdayaan"]
    assert [r[0] for r in table[1:]] == [r["program"] for r in dua]
    assert [r[2] for r in table[1:]] == [fmt.angka(r["keluarga_tercakup"]) for r in dua]
    assert [r[0] for r in table[1:]][:2] == [
        "Pemberdayaan (strategi 2)",
        "Pemberdayaan (strategi 2), pernah",
    ]
    book = openpyxl.load_workbook(io.BytesIO(laporan_triwulan.tulis(laporan, "xlsx")))
    assert book.sheetnames == [
        "Keterangan",
        "Angka utama",
        "Indikator tiga strategi",
        "Terjangkau per program",
        "Program pemberdayaan",
        "Dana per sumber",
        "Perubahan Daftar SK",
    ]
    notes = {r[0]: r[1] for r in book["Keterangan"].values}
    assert notes["Nomor"] == "400/9/423.011/2024"
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d WIB", notes["Dibuat"])
    assert "python -m" not in " ".join(str(v) for v in notes.values())


# --- a province's report (issue 14) ---------------------------------------------------------


def test_the_region_s_words_for_a_kota_a_kabupaten_and_a_province():
    from pantau import wilayah
    from pantau.report import daerah

    got = {
        kode: (
            daerah.kota_surat(w := wilayah.cari(kode)),
            daerah.kepala_daerah(w),
            daerah.sk(w),
            daerah.sk_daftar(w),
            daerah.nama_pendek(w),
        )
        for kode in ("35.75", "35.23", "35")
    }
    assert got == {
        "35.75": ("Pasuruan", "Wali Kota", "SK Wali Kota", "SK Wali Kota", "Pasuruan"),
        "35.23": ("Tuban", "Bupati", "SK Bupati", "SK Bupati", "Tuban"),
        "35": ("Surabaya", "Gubernur", "SK Gubernur", "SK Bupati/Wali Kota", "Jawa Timur"),
    }
    # a province whose capital is not in the table is dated with its own name, never "Provinsi"
    assert daerah.kota_surat(wilayah.cari("33")) == "Jawa Tengah"


def test_a_province_s_report_is_dated_in_surabaya_and_names_the_kab_kota_lists(tmp_path):
    """Jawa Timur, two families in Kabupaten Tuban's Jlodro (one extreme-poor), frozen once: the
    date line is the capital's and the SK section is the kab/kota's lists."""
    from pantau import wilayah
    from tests.lakes import build_lake, keluarga_rows

    data = tmp_path / "data"
    wilayah.tetapkan(data, "35")
    rows = keluarga_rows(
        [{"kode_kel": "35.23.01.2001"}, {"kode_kel": "35.23.01.2001", "miskin_ekstrem": "Tidak"}]
    )
    build_lake(data, {"keluarga": {"2024-06": rows}})
    sk.bekukan(data, "2024-06", None, "uji", "kepala")
    laporan = laporan_triwulan.susun(data, "2024-06", "kepala")
    assert laporan.kota_surat == "Surabaya" and laporan.sk == "SK Bupati/Wali Kota"
    assert re.fullmatch(r"Surabaya, \d{1,2} \w+ \d{4}", laporan_triwulan.tanggal_surat(laporan))
    text = all_text(laporan_triwulan.tulis(laporan, "docx"))
    assert "Perubahan Daftar SK Bupati/Wali Kota (keluarga miskin ekstrem)" in text
    assert re.search(r"^Surabaya, \d{1,2} \w+ \d{4}$", text, re.M)
    assert not re.search(r"^Provinsi Jawa Timur, ", text, re.M) and "SK Bupati " not in text

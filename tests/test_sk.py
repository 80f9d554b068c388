"""Daftar SK (issue 13 §3): freezing, the content hash, immutability, the change against the
previous version per family and per kecamatan, the lampiran, and who gets what. The fixture and
its expected changes are worked out by hand in tests/fixture_sk.py."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import stat
import subprocess

import openpyxl
import pandas as pd
import pytest

from pantau import audit, cli, privacy, queries, sk
from pantau.errors import PantauError
from pantau.ingest import import_files
from tests import fixture_sk as fx
from tests.lakes import keluarga_rows, kk, nik


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    data = fx.build(tmp_path_factory.mktemp("sk") / "data")
    sk.bekukan(data, "2024-06", "SK Wali Kota No. 1/2024", "uji", "kepala")
    sk.bekukan(data, "2024-12", "SK Wali Kota No. 2/2024", "uji", "kepala")
    return data


def expected_hash(rows: list[dict]) -> str:
    """The definition, by hand: No KK, kode_kel, NIK, name, address, RT, RW, sorted."""
    lines = sorted(
        "\x1f".join(
            [r["no_kk"], r["kode_kel"], r["nik_kepala"], r["nama_kepala"], r["alamat"]]
            + [r["rt"], r["rw"]]
        )
        for r in rows
    )
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_the_versions_carry_the_hash_of_their_content(lake):
    v = queries.run("sk_versi", {}, lake).set_index("versi")
    assert list(v.index) == [2, 1]  # newest first
    assert v.loc[1, "sha256"] == expected_hash(fx.JUNI)
    flagged_december = [r for r in fx.DESEMBER if r["miskin_ekstrem"] == "Ya"]
    assert v.loc[2, "sha256"] == expected_hash(flagged_december)
    assert v.loc[1, "keluarga"] == 5 and v.loc[2, "keluarga"] == 5
    assert v.loc[2, "versi_sebelumnya"] == 1 and pd.isna(v.loc[1, "versi_sebelumnya"])
    assert v.loc[1, "nama_versi"] == "SK Wali Kota No. 1/2024"


def test_freezing_the_same_content_again_names_no_new_version_and_says_so(lake, capsys):
    record, baru = sk.bekukan(lake, "2024-06", "lagi", "uji", "kepala")
    assert (record["versi"], baru) == (1, False)
    assert cli.main(["--data", str(lake), "sk", "bekukan", "--periode", "2024-12"]) == 0
    out = capsys.readouterr().out
    assert "sama dengan versi 2" in out and "tidak ada versi baru" in out
    assert [r["versi"] for r in sk.versi_list(lake)] == [1, 2]
    lines = [json.loads(x) for x in (lake / "audit.log").read_text().splitlines()]
    frozen = [x["rincian"] for x in lines if x["aksi"] == "bekukan_sk"]
    assert [(x["versi"], x["baru"]) for x in frozen][:4] == [
        (1, True),
        (2, True),
        (1, False),
        (2, False),
    ]


def test_a_version_is_a_private_file_that_a_new_import_does_not_change(tmp_path):
    data = fx.build(tmp_path / "data")
    first, _ = sk.bekukan(data, "2024-06", None, "uji", "kepala")
    path = data / "lake" / first["file"]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    before = path.read_bytes()
    # A corrected list for 2024-06 with one more extreme-poor family is a new batch: the frozen
    # version stays as it was, and freezing the period again makes version 2 with another hash.
    extra = fx.family(9, fx.PANGGUNGREJO, True)
    csv = tmp_path / "koreksi.csv"
    keluarga_rows([*fx.JUNI, extra]).to_csv(csv, index=False)
    import_files([csv], "keluarga", "2024-06", data)
    assert path.read_bytes() == before
    lampiran = queries.run("sk_lampiran", {"versi": 1}, data)
    assert sorted(lampiran["no_kk"]) == sorted(r["no_kk"] for r in fx.JUNI)
    second, baru = sk.bekukan(data, "2024-06", None, "uji", "kepala")
    assert baru and second["versi"] == 2
    assert second["sha256"] == expected_hash([*fx.JUNI, extra]) != first["sha256"]
    assert first["nama"] == "Daftar SK periode 2024-06"


def test_each_family_s_change_and_its_reason_are_as_worked_out_by_hand(lake):
    df = queries.run("sk_perubahan", {"versi": 2}, lake)
    got = {
        r.no_kk: (r.status, r.kategori, r.sumber_alasan if pd.notna(r.sumber_alasan) else None)
        + (r.kecamatan,)
        for r in df.itertuples()
    }
    assert got == {
        kk(0): ("tetap", "tetap", None, "Panggungrejo"),
        kk(1): ("tetap", "tetap", None, "Gadingrejo"),
        kk(2): ("keluar", "graduasi", "pemantauan", "Panggungrejo"),
        kk(3): ("keluar", "meninggal", "verval", "Panggungrejo"),
        kk(4): ("keluar", "tidak memenuhi syarat", "keluarga", "Gadingrejo"),
        kk(5): ("masuk", "usulan", "keluarga", "Gadingrejo"),
        kk(6): ("masuk", "verval", "verval", "Panggungrejo"),
        kk(7): ("masuk", "pemutakhiran daftar", "keluarga", "Panggungrejo"),
    }
    alasan = dict(zip(df["no_kk"], df["alasan"], strict=True))
    assert alasan[kk(2)] == "pemantauan 10-09-2024: keluar"
    assert alasan[kk(3)] == "verval 05-11-2024: meninggal"
    assert alasan[kk(4)] == "tidak lagi bertanda miskin ekstrem di daftar 2024-12"
    assert alasan[kk(6)] == "verval 01-10-2024: memenuhi"
    # the first version has nothing to be compared with
    assert queries.run("sk_perubahan", {"versi": 1}, lake).empty
    assert queries.run("sk_perubahan_kecamatan", {"versi": 1}, lake).empty


def test_the_counts_per_kecamatan_are_as_worked_out_by_hand(lake):
    df = queries.run("sk_perubahan_kecamatan", {"versi": 2}, lake).set_index("kecamatan")
    cols = ["keluarga_sebelumnya", "keluarga_sekarang", "tetap", "masuk", "keluar"]
    assert df.loc["Panggungrejo", cols].tolist() == [3, 3, 1, 2, 2]
    assert df.loc["Gadingrejo", cols].tolist() == [2, 2, 1, 1, 1]
    assert df.loc["Purworejo", cols].tolist() == [0, 0, 0, 0, 0]
    assert df.loc["Kota Pasuruan", cols].tolist() == [5, 5, 2, 3, 3]
    city = df.loc["Kota Pasuruan"]
    assert (city.masuk_usulan, city.masuk_verval, city.masuk_pemutakhiran) == (1, 1, 1)
    assert (city.keluar_graduasi, city.keluar_meninggal, city.keluar_pindah) == (1, 1, 0)
    assert city.keluar_tidak_memenuhi == 1
    assert df.index[-1] == "Kota Pasuruan"
    # the version in force in a period: 2024-12's is version 2, nothing before 2024-06
    by_period = queries.run("sk_perubahan_kecamatan", {"periode": "2025-03"}, lake)
    assert by_period["versi"].iloc[0] == 2


def test_the_lampiran_is_numbered_per_kelurahan_in_both_formats(lake):
    record, rows = sk.lampiran(lake, "2", "kepala", utuh=True)
    assert record["versi"] == 2
    by_kel = rows.groupby("kelurahan")["nomor"].apply(list).to_dict()
    assert by_kel == {"Gentong": [1, 2], "Ngemplakrejo": [1, 2, 3]}
    ringkas = sk.ringkasan(lake, record, "kepala")
    # Version 2 (fixture_sk): Gadingrejo 2 (Gentong: B F), Panggungrejo 3 (Ngemplakrejo: A G H)
    assert [tuple(r) for r in ringkas.astype(object).where(ringkas.notna(), None).values] == [
        ("kelurahan", "Gadingrejo", "Gentong", 2),
        ("kecamatan", "Gadingrejo", None, 2),
        ("kelurahan", "Panggungrejo", "Ngemplakrejo", 3),
        ("kecamatan", "Panggungrejo", None, 3),
        ("kota", "Kota Pasuruan", None, 5),
    ]
    content = sk.lampiran_bytes(record, rows, "xlsx", False, ringkas)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames[:2] == ["Keterangan", "Per kelurahan"]
    assert list(book["Per kelurahan"].values)[-1] == ("Kota Pasuruan", "Jumlah", 5)
    sheet = book["Kel. Gentong"]
    values = list(sheet.values)
    assert values[0][:3] == ("No", "No KK", "NIK kepala keluarga")
    assert [v[0] for v in values[1:]] == [1, 2]
    assert {v[1] for v in values[1:]} == {kk(1), kk(5)}  # the archive copy: whole
    pdf = sk.lampiran_bytes(record, rows, "pdf", False, ringkas)
    assert pdf.startswith(b"%PDF")


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode("utf-8")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_the_published_lampiran_masks_nik_and_has_the_decree_heading_and_totals(lake):
    """S13: by default (the copy published with the decree) NIK and No KK are in the policy's
    public form for the kepala too; the PDF carries the decree's heading from the version's
    name, each kelurahan's, kecamatan's and the city's count, and 'Halaman N dari M'."""
    record, rows = sk.lampiran(lake, 2, "kepala")
    assert set(rows["no_kk"]) == {privacy.mask(kk(i)) for i in (0, 1, 5, 6, 7)}
    assert set(rows["nik_kepala"]) == {privacy.mask(nik(i)) for i in (0, 1, 5, 6, 7)}
    text = pdf_text(
        sk.lampiran_bytes(record, rows, "pdf", False, sk.ringkasan(lake, record, "kepala"))
    )
    flat = " ".join(text.split())
    assert "LAMPIRAN KEPUTUSAN WALI KOTA PASURUAN" in flat
    assert "NOMOR : 2/2024" in flat  # from "SK Wali Kota No. 2/2024"
    tentang = "TENTANG : PENETAPAN KELUARGA MISKIN EKSTREM KOTA PASURUAN, DAFTAR DESEMBER 2024"
    assert tentang in flat
    assert "Kelurahan Gentong, Kecamatan Gadingrejo (2 keluarga)" in flat
    assert "Jumlah Kecamatan Gadingrejo: 2 keluarga" in flat
    assert "Jumlah Kecamatan Panggungrejo: 3 keluarga" in flat
    assert "Kota Pasuruan 5" in flat
    assert "Halaman 1 dari 2" in flat and "Halaman 2 dari 2" in flat
    assert kk(1) not in flat and privacy.mask(kk(1)) in flat
    assert "Untuk diumumkan" in flat
    # the version's time and who froze it, in words (S12)
    notes = dict(sk.keterangan(record, rows, False))
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d WIB", notes["Dibekukan"])
    assert notes["Oleh"] == "uji"


def test_times_are_wib_and_the_cli_user_is_named_in_words():
    assert sk.waktu_wib("2026-12-02T03:56:13+00:00") == "02-12-2026 10:56 WIB"
    assert sk.waktu_wib(None) == "–"
    assert sk.oleh_teks("cli:root") == "baris perintah (root)"
    assert sk.oleh_teks("kepala") == "kepala"
    assert sk.nomor_sk({"nama": "SK Wali Kota No. 400/155/423.011/2026"}) == (
        "400/155/423.011/2026"
    )
    assert sk.nomor_sk({"nama": "Daftar SK periode 2026-09"}) == sk.TITIK


def test_the_cli_writes_the_lampiran_and_audits_it(lake, tmp_path, capsys):
    out = tmp_path / "lampiran.xlsx"
    args = ["--data", str(lake), "sk", "lampiran", "--versi", "1", "--format", "xlsx"]
    assert cli.main([*args, "--out", str(out)]) == 0
    assert "versi 1 (5 keluarga)" in capsys.readouterr().out
    last = json.loads((lake / "audit.log").read_text().splitlines()[-1])
    assert last["aksi"] == "ekspor" and last["rincian"]["daftar"] == "sk_lampiran"
    assert last["rincian"]["samaran"] is True  # the published copy: masked
    assert cli.main([*args, "--out", str(out), "--utuh"]) == 0
    last = json.loads((lake / "audit.log").read_text().splitlines()[-1])
    assert last["rincian"]["samaran"] is False  # the archive copy: whole, and audited so
    assert cli.main([*args, "--out", str(out), "--peran", "tamu"]) == 2
    assert "hanya untuk Kepala Dinas dan perencana" in capsys.readouterr().err
    assert cli.main(["--data", str(lake), "sk", "daftar"]) == 0
    listed = capsys.readouterr().out
    assert "versi 2" in listed and "dibanding versi 1" in listed and "versi pertama" in listed


def test_guests_get_no_named_list_and_planners_see_it_masked(lake):
    for name in ("sk_perubahan", "sk_lampiran", "sk_calon"):
        params = {"periode": "2024-12"} if name == "sk_calon" else {"versi": 2}
        assert privacy.result(name, params, "tamu", lake).empty, name
        assert privacy.result(name, params, "operator", lake).empty, name
    masked = privacy.result("sk_perubahan", {"versi": 2}, "perencana", lake)
    assert set(masked["no_kk"]) == {"************" + kk(i)[-4:] for i in range(8)}
    assert set(masked["nik_kepala"]) == {"************" + nik(i)[-4:] for i in range(8)}
    _, rows = sk.lampiran(lake, 2, "perencana")
    assert rows["no_kk"].str.startswith("*" * 12).all()
    # the counts per kecamatan are for every role, small ones hidden for a guest
    guest = privacy.result("sk_perubahan_kecamatan", {"versi": 2}, "tamu", lake)
    assert guest.set_index("kecamatan").loc["Kota Pasuruan", "masuk"] == "<5"
    assert not privacy.may_open("tamu", "daftar_sk")
    assert not privacy.may_open("operator", "daftar_sk")
    assert privacy.may_open("perencana", "daftar_sk") and privacy.may_open("kepala", "daftar_sk")


@pytest.mark.parametrize("role", ["perencana", "operator", "tamu"])
def test_only_the_kepala_dinas_freezes(lake, role):
    with pytest.raises(PantauError, match="Hanya Kepala Dinas"):
        sk.bekukan(lake, "2024-12", None, "uji", role)


def test_bad_input_is_one_sentence(lake, capsys):
    with pytest.raises(PantauError, match="YYYY-MM"):
        sk.bekukan(lake, "Juni", None, "uji", "kepala")
    with pytest.raises(PantauError, match="tidak punya keluarga bertanda"):
        sk.bekukan(lake, "2023-01", None, "uji", "kepala")
    with pytest.raises(PantauError, match="versi yang ada: 1, 2"):
        sk.pilih_versi(lake, "7")
    assert "bekukan_sk" in audit.ACTIONS


def test_the_page_shows_the_kepala_the_versions_and_the_change(lake, monkeypatch):
    from tests.lakes import open_page

    at = open_page(lake, monkeypatch, "pages/daftar_sk.py", role="kepala")
    assert [t.value for t in at.title] == ["Daftar SK"]
    assert any(e.label == "Bekukan daftar periode baru" for e in at.expander)
    tables = [d.value for d in at.dataframe]
    versions, per_kec, families = tables[0], tables[1], tables[2]
    assert versions["versi"].tolist() == [2, 1]
    assert per_kec.set_index("kecamatan").loc["Kota Pasuruan", "masuk"] == 3
    assert sorted(families["status"]) == ["keluar"] * 3 + ["masuk"] * 3
    assert set(families["no_kk"]) == {kk(i) for i in range(2, 8)}


def test_after_freezing_the_page_shows_and_offers_the_new_version(tmp_path, monkeypatch):
    """Freeze v1 on the page, correct the list (one more family), freeze v2: the selector is on
    version 2 and the lampiran buttons build version 2's file (6 families, v2's hash)."""
    from pantau import ui_sk
    from tests.lakes import open_page

    data = fx.build(tmp_path / "data")
    built = {}
    real = ui_sk.audit.on_click

    def spy(data_dir, user, role, build, state, **fields):
        built[fields["berkas"]] = build
        return real(data_dir, user, role, build, state, **fields)

    monkeypatch.setattr(ui_sk.audit, "on_click", spy)
    # what the page draws, in order: the lampiran buttons (version, disabled) and the freeze
    events = []
    real_buttons, real_freeze = ui_sk.tombol_lampiran, sk.bekukan

    def buttons(versi, cols, utuh=False, disabled=False):
        events.append((versi, disabled))
        return real_buttons(versi, cols, utuh, disabled)

    def freezing(*args, **kwargs):
        events.append("bekukan")
        return real_freeze(*args, **kwargs)

    monkeypatch.setattr(ui_sk, "tombol_lampiran", buttons)
    monkeypatch.setattr(sk, "bekukan", freezing)

    def freeze(at, nama):
        form_box = next(s for s in at.selectbox if s.label == "Periode daftar keluarga")
        form_box.set_value("2024-06")
        next(t for t in at.text_input if t.label == "Nama versi").set_value(nama)
        next(b for b in at.button if b.label == "Bekukan").click()
        at.run()
        assert not at.exception, at.exception

    at = open_page(data, monkeypatch, "pages/daftar_sk.py", role="kepala")
    # as on the server (queries.warm_up): the engine rebuilds its views in the background after
    # a change to the lake, so a page run right after the freeze could still see the old list
    from pantau import queries

    eng = queries.engine(data)
    monkeypatch.setattr(eng, "background", True)
    freeze(at, "SK No. 1")
    assert [s.value for s in at.success] == ["Versi 1 dibekukan: SK No. 1, 5 keluarga."]
    assert next(s for s in at.selectbox if s.label == "Versi").value == 1

    extra = fx.family(9, fx.PANGGUNGREJO, True)
    csv = tmp_path / "koreksi.csv"
    keluarga_rows([*fx.JUNI, extra]).to_csv(csv, index=False)
    import_files([csv], "keluarga", "2024-06", data)
    built.clear()
    events.clear()
    freeze(at, "SK No. 2")
    # The run of the click draws version 1's buttons disabled, then freezes; the next run (the
    # page's rerun) offers version 2's, enabled: no moment offers the old file as the new one.
    assert events == [(1, True), "bekukan", (2, False)]
    assert [s.value for s in at.success] == ["Versi 2 dibekukan: SK No. 2, 6 keluarga."]
    assert next(s for s in at.selectbox if s.label == "Versi").value == 2
    # The change section is v2's against v1 (1 masuk, Kota Pasuruan), not "Versi pertama".
    assert "Versi pertama" not in "\n".join(i.value for i in at.info)
    per_kec = at.dataframe[1].value.set_index("kecamatan")
    assert per_kec.loc["Kota Pasuruan", ["keluarga_sebelumnya", "masuk"]].tolist() == [5, 1]
    # The lampiran offered is v2's: its file name, 6 rows, and v2's hash on the Keterangan sheet.
    lampiran = {name for name in built if name.startswith("lampiran")}
    assert lampiran == {"lampiran_daftar_sk_versi_2.xlsx", "lampiran_daftar_sk_versi_2.pdf"}
    content, meta = built["lampiran_daftar_sk_versi_2.xlsx"]()
    assert meta["baris"] == 6
    sheet = openpyxl.load_workbook(io.BytesIO(content))["Keterangan"]
    cells = {str(c) for row in sheet.values for c in row if c is not None}
    v2 = expected_hash([*fx.JUNI, extra])
    assert v2 in cells and expected_hash(fx.JUNI) not in cells


# --- a province's lampiran (issue 14) -------------------------------------------------------

# Jawa Timur has four kecamatan named Gondang; two of them here. Kendal and Tawing are in
# Gondang of Kabupaten Tulungagung (35.04.09), Gumeng in Gondang of Kabupaten Mojokerto
# (35.16.02), Ngemplakrejo in Panggungrejo of Kota Pasuruan (35.75.04).
KENDAL, TAWING, GUMENG = "35.04.09.2001", "35.04.09.2002", "35.16.02.2001"
NGEMPLAKREJO = "35.75.04.1007"


@pytest.fixture(scope="module")
def jatim(tmp_path_factory):
    """Six families in June 2024, five extreme-poor: Kendal 2, Tawing 1, Gumeng 1 (and one not
    extreme-poor), Ngemplakrejo 1. Frozen as version 1."""
    from pantau import wilayah
    from tests.lakes import build_lake

    data = tmp_path_factory.mktemp("sk_jatim") / "data"
    wilayah.tetapkan(data, "35")
    places = [KENDAL, KENDAL, TAWING, GUMENG, GUMENG, NGEMPLAKREJO]
    ekstrem = ["Ya", "Ya", "Ya", "Ya", "Tidak", "Ya"]
    rows = keluarga_rows(
        [{"kode_kel": k, "miskin_ekstrem": e} for k, e in zip(places, ekstrem, strict=True)]
    )
    build_lake(data, {"keluarga": {"2024-06": rows}})
    sk.bekukan(data, "2024-06", "SK Gubernur No. 7/2024", "uji", "kepala")
    return data


def test_a_province_s_totals_are_per_kecamatan_code_and_per_kab_kota(jatim):
    record, _rows = sk.lampiran(jatim, 1, "kepala")
    ringkas = sk.ringkasan(jatim, record, "kepala")
    cols = ["tingkat", "kabupaten_kota", "kode_kec", "kecamatan", "kelurahan", "keluarga"]
    got = [tuple(r) for r in ringkas[cols].astype(object).where(ringkas[cols].notna(), None).values]
    assert got == [
        ("kelurahan", "Kabupaten Tulungagung", "35.04.09", "Gondang", "Kendal", 2),
        ("kelurahan", "Kabupaten Tulungagung", "35.04.09", "Gondang", "Tawing", 1),
        ("kecamatan", "Kabupaten Tulungagung", "35.04.09", "Gondang", None, 3),
        ("kabupaten_kota", "Kabupaten Tulungagung", None, None, None, 3),
        ("kelurahan", "Kabupaten Mojokerto", "35.16.02", "Gondang", "Gumeng", 1),
        ("kecamatan", "Kabupaten Mojokerto", "35.16.02", "Gondang", None, 1),
        ("kabupaten_kota", "Kabupaten Mojokerto", None, None, None, 1),
        ("kelurahan", "Kota Pasuruan", "35.75.04", "Panggungrejo", "Ngemplakrejo", 1),
        ("kecamatan", "Kota Pasuruan", "35.75.04", "Panggungrejo", None, 1),
        ("kabupaten_kota", "Kota Pasuruan", None, None, None, 1),
        ("wilayah", "Provinsi Jawa Timur", None, None, None, 5),
    ]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils not installed")
def test_a_province_s_lampiran_is_the_gubernur_s_grouped_by_kab_kota(jatim):
    record, rows = sk.lampiran(jatim, 1, "kepala")
    assert sk.kepala_lampiran(record)[0] == "LAMPIRAN KEPUTUSAN GUBERNUR JAWA TIMUR"
    ringkas = sk.ringkasan(jatim, record, "kepala")
    flat = " ".join(pdf_text(sk.lampiran_bytes(record, rows, "pdf", False, ringkas)).split())
    assert "BUPATI" not in flat and "GUBERNUR JAWA TIMUR," in flat  # the signature block
    assert "NOMOR : 7/2024" in flat and "MISKIN EKSTREM PROVINSI JAWA TIMUR, DAFTAR JUNI" in flat
    # each kab/kota named, then its kecamatan's desa; a total per kecamatan code and kab/kota
    order = [
        "Kabupaten Tulungagung Desa Kendal, Kecamatan Gondang, Kabupaten Tulungagung (2 keluarga)",
        "Desa Tawing, Kecamatan Gondang, Kabupaten Tulungagung (1 keluarga)",
        "Jumlah Kecamatan Gondang, Kabupaten Tulungagung: 3 keluarga",
        "Jumlah Kabupaten Tulungagung: 3 keluarga",
        "Kabupaten Mojokerto Desa Gumeng, Kecamatan Gondang, Kabupaten Mojokerto (1 keluarga)",
        "Jumlah Kecamatan Gondang, Kabupaten Mojokerto: 1 keluarga",
        "Jumlah Kabupaten Mojokerto: 1 keluarga",
        "Kota Pasuruan Kelurahan Ngemplakrejo, Kecamatan Panggungrejo, Kota Pasuruan (1 keluarga)",
        "Jumlah Kecamatan Panggungrejo, Kota Pasuruan: 1 keluarga",
        "Jumlah Kota Pasuruan: 1 keluarga",
        "Kabupaten Tulungagung Gondang 3 Kabupaten Tulungagung Jumlah 3",
        "Provinsi Jawa Timur Jumlah 5",
    ]
    at = [flat.find(x) for x in order]
    assert -1 not in at and at == sorted(at), dict(zip(order, at, strict=True))
    assert "Jumlah Kecamatan Gondang: 4" not in flat  # never the two Gondang together


def test_a_province_s_lampiran_workbook_names_the_kab_kota(jatim):
    record, rows = sk.lampiran(jatim, 1, "kepala", utuh=True)
    content = sk.lampiran_bytes(record, rows, "xlsx", False, sk.ringkasan(jatim, record, "kepala"))
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [
        "Keterangan",
        "Per desa dan kelurahan",
        "Desa Kendal",
        "Desa Tawing",
        "Desa Gumeng",
        "Kel. Ngemplakrejo",
    ]
    per = list(book["Per desa dan kelurahan"].values)
    assert per[0] == ("Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Keluarga")
    assert per[3:5] == [
        ("Kabupaten Tulungagung", "Gondang", "Jumlah", 3),
        ("Kabupaten Tulungagung", "Jumlah", "Jumlah", 3),
    ]
    assert per[-1] == ("Provinsi Jawa Timur", "Jumlah", "Jumlah", 5)
    assert [v[1] for v in list(book["Desa Kendal"].values)[1:]] == [kk(0), kk(1)]


def test_the_daftar_sk_page_of_a_province_names_the_kab_kota_lists(jatim, monkeypatch):
    from tests.lakes import open_page, page_texts

    at = open_page(jatim, monkeypatch, "pages/daftar_sk.py", "kepala", periode="2024-06")
    assert not at.exception
    text = page_texts(at)
    assert "ditetapkan dengan SK Bupati/Wali Kota dan dimutakhirkan" in text
    assert "SK Bupati " not in text
    placeholders = [t.placeholder for t in at.text_input]
    assert "mis. SK Gubernur Jawa Timur No. 400/155/423.011/2026" in placeholders

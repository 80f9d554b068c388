"""The field-verification round trip (issue 13 part 2): export, fill in, import, progress.

A small lake: 7 extreme-poor families in two kelurahan (4 in Ngemplakrejo, 3 in Karangketug)
and one family not flagged (not sent), from the source lists P3KE (A, D, E, G, H), Bansos
Pemkot (B), DTKS (C: not a list the verval contract names) and Usulan (F); three of them
with a spending figure (A, E, F) for the budget simulation. The officer fills the file with
openpyxl as Excel would leave it; the numbers expected are worked out by hand beside each
assertion.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from pantau import audit, cli, queries, ui_daftar, verval_lapangan
from pantau.errors import PantauError
from pantau.ingest import import_files, notes_table
from tests.lakes import build_lake, keluarga_rows, kk, open_page

NGEMPLAK, KARANG = "35.75.04.1007", "35.75.01.1001"
HOSTILE = '=HYPERLINK("http://x","klik")'
PERIODE, VERVAL = "2026-03", "2026-04"
HEAD = verval_lapangan.JUDUL_BARIS + 1  # 1-based sheet row of the headings (5)
COL = {h: j + 1 for j, h in enumerate(verval_lapangan.KOLOM)}  # 1-based column of a heading


@pytest.fixture
def lake(tmp_path):
    rows = keluarga_rows(
        [
            {"nama_kepala": HOSTILE, "kode_kel": NGEMPLAK, "pengeluaran_bulanan": 800_000},
            {"nama_kepala": "+Budi", "kode_kel": NGEMPLAK, "sumber_data": "Bansos Pemkot"},
            {"nama_kepala": "Kepala C", "kode_kel": NGEMPLAK, "sumber_data": "DTKS"},
            {"nama_kepala": "Kepala D", "kode_kel": NGEMPLAK},
            {"nama_kepala": "Kepala E", "kode_kel": KARANG, "pengeluaran_bulanan": 1_000_000},
            {
                "nama_kepala": "Kepala F",
                "kode_kel": KARANG,
                "sumber_data": "Usulan",
                "pengeluaran_bulanan": 1_200_000,
            },
            {"nama_kepala": "Kepala G", "kode_kel": KARANG},
            {"nama_kepala": "Kepala H", "kode_kel": NGEMPLAK, "miskin_ekstrem": "Tidak"},
        ]
    )
    rows["sumber_data"] = rows["sumber_data"].fillna("P3KE")
    rows["desil"] = 1
    return build_lake(tmp_path / "data", {"keluarga": {PERIODE: rows}})


def export(lake, role="kepala", **params):
    data, more = verval_lapangan.buat(
        {"periode": PERIODE, "hanya_ekstrem": True, **params}, role, "uji", lake
    )
    return openpyxl.load_workbook(io.BytesIO(data)), more


def row_of(ws, no_kk_or_name) -> int:
    """The sheet row of a family, by its No KK (kepala's file) or its name."""
    for y in range(HEAD + 1, ws.max_row + 1):
        if no_kk_or_name in (
            ws.cell(y, COL["No KK"]).value,
            ws.cell(y, COL["Nama kepala keluarga"]).value,
        ):
            return y
    raise AssertionError(no_kk_or_name)


def fill(ws, y, hasil=None, alasan=None, tanggal=dt.date(2026, 4, 6), petugas="Siti"):
    if hasil:
        ws.cell(y, COL["Hasil"], hasil)
    if alasan:
        ws.cell(y, COL["Alasan"], alasan)
    if tanggal:
        ws.cell(y, COL["Tanggal Verval"], tanggal)
    if petugas:
        ws.cell(y, COL["Petugas"], petugas)


def save(wb, tmp_path, name="verval_isi.xlsx"):
    path = tmp_path / name
    wb.save(path)
    return path


def progres(lake, **params):
    df = queries.run("verval_progres", {"periode": PERIODE, **params}, lake)
    cols = [
        "dikirim_keluarga",
        "kembali_keluarga",
        "layak_keluarga",
        "tidak_layak_keluarga",
        "belum_dikunjungi_keluarga",
    ]
    return {r["kelurahan"]: [int(r[c]) for c in cols] for _, r in df.iterrows()}


def verval_rows(lake, sql="SELECT no_kk, hasil, alasan FROM verval ORDER BY no_kk"):
    eng = queries.engine(lake)
    eng.refresh()
    return eng.con.execute(sql).fetchall()


def test_the_file_one_sheet_per_kelurahan_formula_safe_and_audited(lake, tmp_path, capsys):
    out = tmp_path / "verval.xlsx"
    code = cli.main(
        ["--data", str(lake), "daftar-verval", "--periode", PERIODE, "--peran", "kepala",
         "--out", str(out)]
    )  # fmt: skip
    assert code == 0
    assert "7 keluarga di 2 kelurahan" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    lines = [json.loads(x) for x in audit.log_path(lake).read_text().splitlines()]
    ekspor = [e for e in lines if e["aksi"] == "ekspor"]
    assert len(ekspor) == 1  # one audit line, with what the file holds
    more = ekspor[0]["rincian"]
    assert (more["daftar"], more["peran"], more["berkas"]) == (
        "verval_lapangan",
        "kepala",
        "verval.xlsx",
    )
    assert more["filter"] == {
        "periode": PERIODE,
        "kode_kec": None,
        "kode_kel": None,
        "hanya_ekstrem": True,
    }
    # Sorted by kecamatan: Gadingrejo (Karangketug) before Panggungrejo (Ngemplakrejo).
    assert wb.sheetnames == ["Karangketug", "Ngemplakrejo"]
    assert more["baris"] == 7 and more["kelurahan"] == 2 and more["samaran"] is False
    ws = wb["Ngemplakrejo"]
    assert [c.value for c in ws[HEAD]] == list(verval_lapangan.KOLOM)
    assert ws.freeze_panes == f"A{HEAD + 1}"  # the headings stay in view
    # 4 flagged families (Kepala H is not flagged, so not sent); the No KK whole for kepala.
    kks = [ws.cell(y, COL["No KK"]).value for y in range(HEAD + 1, HEAD + 5)]
    assert sorted(kks) == sorted(kk(i) for i in range(4))
    assert ws.cell(HEAD + 5, COL["No KK"]).value is None
    # Drop-downs: Hasil and the contract's reasons.
    lists = {
        str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"
    }
    assert lists == {
        f"K{HEAD + 1}:K{HEAD + 4}": '"Layak,Tidak Layak"',
        f"L{HEAD + 1}:L{HEAD + 4}": '"meninggal,pindah,sudah mampu,tidak ditemukan,data ganda,lainnya"',
    }
    # Each family's source list, as the verval contract names it: C's DTKS is not one of the
    # verval's lists (P3KE, Bansos Pemkot, Bansos Pemprov, Usulan), so its cell stays empty.
    sumber = {
        ws.cell(y, COL["No KK"]).value: ws.cell(y, COL["Sumber Daftar"]).value
        for y in range(HEAD + 1, HEAD + 5)
    }
    assert sumber == {kk(0): "P3KE", kk(1): "Bansos Pemkot", kk(2): None, kk(3): "P3KE"}
    assert more["daftar_asal"] == "daftar_sasaran"
    # ID Berkas and ID Baris in hidden columns, on every row.
    hidden = ws.column_dimensions["P"]  # openpyxl reads the two columns as one range, P:Q
    assert hidden.hidden and (hidden.min, hidden.max) == (COL["ID Berkas"], COL["ID Baris"])
    assert {ws.cell(y, COL["ID Berkas"]).value for y in range(HEAD + 1, HEAD + 5)} == {
        more["id_berkas"]
    }
    # The lurah's signature below the rows.
    texts = [c.value for row in ws.iter_rows(min_row=HEAD + 5) for c in row if c.value]
    assert "Lurah Ngemplakrejo" in texts and "Mengetahui," in texts
    # Cells that look like formulas stay text.
    names = {ws.cell(y, COL["Nama kepala keluarga"]).value for y in range(HEAD + 1, HEAD + 5)}
    assert "'" + HOSTILE in names and "'+Budi" in names
    for y in range(HEAD + 1, HEAD + 5):
        assert ws.cell(y, COL["Nama kepala keluarga"]).data_type == "s"


def test_the_file_s_header_time_is_wib(lake, monkeypatch):
    # the server's clock in UTC: made at 03:04 UTC = 10:04 WIB (UTC+7), as the rest of the app
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        data, _ = verval_lapangan.buat(
            {"periode": PERIODE, "hanya_ekstrem": True},
            "kepala",
            "uji",
            lake,
            now=dt.datetime(2026, 12, 2, 3, 4, 5),
        )
    finally:
        monkeypatch.undo()
        time.tzset()
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert ws["A3"].value.endswith("dibuat 02-12-2026 10:04 WIB.")


def test_round_trip_updates_progress_and_funnel_and_rejects_bad_rows(lake, tmp_path):
    wb, more = export(lake)
    # Sent, nothing back yet: 4 + 3 = 7 families, all not yet visited.
    assert progres(lake) == {
        "Karangketug": [3, 0, 0, 0, 3],
        "Ngemplakrejo": [4, 0, 0, 0, 4],
        "Semua kelurahan": [7, 0, 0, 0, 7],
    }
    ng, ka = wb["Ngemplakrejo"], wb["Karangketug"]
    fill(ng, row_of(ng, kk(0)), "Layak")  # accepted: layak
    fill(ng, row_of(ng, kk(1)), "Tidak Layak", "sudah mampu")  # accepted: tidak layak
    bad_reason = row_of(ng, kk(2))
    fill(ng, bad_reason, "Tidak Layak", "digusur")  # not one of the contract's reasons
    # kk(3): left blank, not visited yet (not a rejection)
    no_reason = row_of(ka, kk(4))
    fill(ka, no_reason, "Tidak Layak")  # tidak layak without alasan
    foreign = row_of(ka, kk(5))
    ka.cell(foreign, COL["No KK"], "3575010101999999")  # a No KK not on the list sent
    fill(ka, foreign, "Layak")
    no_hasil = row_of(ka, kk(6))
    fill(ka, no_hasil, tanggal=None, petugas="Budi")  # hasil empty, petugas filled
    path = save(wb, tmp_path)

    assert (
        cli.main(
            ["--data", str(lake), "import", str(path), "--jenis", "verval", "--periode", VERVAL]
        )
        == 0
    )
    s = queries.engine(lake).lake.current_batches("verval")[-1]
    # 2 accepted; 4 rejected; 1 blank row not visited; the 2 sheets' signature blocks (4 rows
    # each with text: the signers' line, "Lurah …", the name line, "NIP.") skipped.
    assert (s["rows"], s["rejected"]) == (2, 4)
    summary = import_files([path], "verval", VERVAL, lake)  # the same file again: same outcome
    assert (summary.accepted, summary.rejected, summary.read) == (2, 4, 6)
    assert summary.skipped == {"belum dikunjungi": 1, verval_lapangan.TTD: 8}
    notes = notes_table(lake, summary.batch)
    got = {(r["file"], int(r["baris"]), r["alasan"].split(" (")[0]) for _, r in notes.iterrows()}
    assert got == {
        ("verval_isi.xlsx [Ngemplakrejo]", bad_reason, "alasan tidak ada di daftar pilihan"),
        ("verval_isi.xlsx [Karangketug]", no_reason, "alasan kosong untuk hasil tidak memenuhi"),
        ("verval_isi.xlsx [Karangketug]", foreign, "No KK tidak ada di daftar yang dikirim"),
        ("verval_isi.xlsx [Karangketug]", no_hasil, "hasil kosong, padahal kolom isian lain diisi"),
    }
    # Progress: Ngemplakrejo 4 sent, 2 back (1 layak, 1 tidak layak), 2 not visited (the blank
    # row and the rejected one); Karangketug 3 sent, none back.
    assert progres(lake) == {
        "Karangketug": [3, 0, 0, 0, 3],
        "Ngemplakrejo": [4, 2, 1, 1, 2],
        "Semua kelurahan": [7, 2, 1, 1, 5],
    }
    assert progres(lake, kode_kel=KARANG) == {
        "Karangketug": [3, 0, 0, 0, 3],
        "Semua kelurahan": [3, 0, 0, 0, 3],
    }
    # The funnel of the verval period, per source list read back from the file's Sumber
    # Daftar: A (P3KE) memenuhi, B (Bansos Pemkot) tidak; nothing under "Tidak disebut".
    # daftar_keluarga: the families of the lists checked, P3KE A, D, E, G, H = 5, Bansos
    # Pemkot B = 1; "Semua daftar" counts each once: those 6 (the checked A and B among them).
    funnel = queries.run("verval_funnel", {"periode": VERVAL}, lake).set_index("sumber_daftar")
    cols = ["daftar_keluarga", "diperiksa_keluarga", "memenuhi_keluarga", "tidak_memenuhi_keluarga"]
    assert {k: [int(x) for x in r] for k, r in funnel[cols].iterrows()} == {
        "P3KE": [5, 1, 1, 0],
        "Bansos Pemkot": [1, 1, 0, 1],
        "Di lebih dari satu daftar": [0, 0, 0, 0],
        "Semua daftar": [6, 2, 1, 1],
    }
    # Each family's own result, under its whole No KK, with its list.
    assert verval_rows(
        lake, "SELECT no_kk, hasil, alasan, sumber_daftar FROM verval ORDER BY 1"
    ) == [
        (kk(0), "memenuhi", None, "P3KE"),
        (kk(1), "tidak memenuhi", "sudah mampu", "Bansos Pemkot"),
    ]
    # Daftar sasaran's "verval terakhir": the result, its alasan and its date; empty for the
    # families not checked (kk(2) rejected, kk(3) blank).
    daftar = queries.run("daftar_sasaran", {"periode": PERIODE, "kode_kel": NGEMPLAK}, lake)
    got = {
        r.no_kk: (r.verval_terakhir, r.verval_terakhir_alasan, r.verval_terakhir_tanggal)
        for r in daftar.astype(object).where(daftar.notna(), None).itertuples()
    }
    assert got[kk(0)] == ("memenuhi", None, pd.Timestamp("2026-04-06"))
    assert got[kk(1)] == ("tidak memenuhi", "sudah mampu", pd.Timestamp("2026-04-06"))
    assert got[kk(2)] == got[kk(3)] == (None, None, None)
    # Karangketug sent again: the register holds both sendings (7 + 3 rows), a family sent
    # twice counts once.
    export(lake, kode_kel=KARANG)
    reg = verval_lapangan._register_rows(lake)
    assert len(reg) == 10 and reg["id_berkas"].nunique() == 2
    assert progres(lake)["Semua kelurahan"] == [7, 2, 1, 1, 5]


def test_perencana_file_is_masked_and_still_round_trips(lake, tmp_path):
    wb, more = export(lake, role="perencana")
    assert more["samaran"] is True
    ws = wb["Ngemplakrejo"]
    ids = [
        ws.cell(y, c).value
        for y in range(HEAD + 1, HEAD + 5)
        for c in (COL["No KK"], COL["NIK kepala keluarga"])
    ]
    assert all(v.startswith("************") and len(v) == 16 for v in ids)
    y1, y2 = row_of(ws, "Kepala C"), row_of(ws, "Kepala D")
    fill(ws, y1, "Layak")
    fill(ws, y2, "Layak")
    ws.cell(y2, COL["No KK"], "************0000")  # last digits not this family's
    summary = import_files([save(wb, tmp_path)], "verval", VERVAL, lake)
    assert (summary.accepted, summary.rejected) == (1, 1)
    # The register maps the masked row back to the whole No KK (kk(2) is Kepala C).
    assert verval_rows(lake, "SELECT no_kk, hasil FROM verval") == [(kk(2), "memenuhi")]
    notes = notes_table(lake, summary.batch)
    assert notes[["baris", "alasan"]].values.tolist() == [
        [y2, "No KK tidak ada di daftar yang dikirim"]
    ]

    # A file whose ID Berkas the register does not know: every filled row rejected.
    for yy in range(HEAD + 1, HEAD + 5):
        ws.cell(yy, COL["ID Berkas"], "VV-palsu")
    wb.remove(wb["Karangketug"])
    with pytest.raises(PantauError, match="ID berkas tidak tercatat"):
        import_files([save(wb, tmp_path, "palsu.xlsx")], "verval", VERVAL, lake)


@pytest.mark.parametrize("role", ["operator", "tamu"])
def test_only_named_list_roles_make_the_file(lake, role):
    with pytest.raises(PantauError, match="hanya Kepala Dinas dan perencana"):
        export(lake, role=role)
    assert verval_lapangan._register_rows(lake).empty


def test_the_page_shows_progress_and_offers_the_file(lake, monkeypatch):
    export(lake)
    at = open_page(lake, monkeypatch, "pages/sasaran.py", role="perencana", periode=PERIODE)
    assert "Kemajuan verifikasi lapangan" in [s.value for s in at.subheader]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dikirim (keluarga)"] == "7"
    assert metrics["Belum dikunjungi (keluarga)"] == "7"
    # The table's source list and "verval terakhir" columns (no verval yet: empty).
    table = at.dataframe[0].value
    assert sorted(set(table["sumber_data"])) == ["Bansos Pemkot", "DTKS", "P3KE", "Usulan"]
    assert table["verval_terakhir"].isna().all()
    at.toggle(key="s_verval").set_value(True).run()
    assert not at.exception
    assert at.get("download_button")


def test_the_simulation_s_strategy_exports_as_the_same_file_and_round_trips(lake, tmp_path, capsys):
    # Rp 100.000 × 12 months = Rp 1.200.000 a KPM: Rp 2.400.000 reaches 2 families. Spending
    # per person (4 persons each): A 200.000, E 250.000, F 300.000, all below the 391.000 line;
    # poorest first (same size: the largest gap first): A (Ngemplakrejo), then E (Karangketug).
    out = tmp_path / "verval_sim.xlsx"
    base = ["--data", str(lake), "simulasi", "--anggaran", "2400000", "--per-bulan", "100000",
            "--periode", PERIODE, "--peran", "kepala"]  # fmt: skip
    assert cli.main([*base, "--verval-out", str(out)]) == 2  # --strategi missing
    assert "dipakai bersama" in capsys.readouterr().err
    assert cli.main([*base, "--strategi", "termiskin", "--verval-out", str(out)]) == 0
    assert "verval_sim.xlsx: 2 keluarga di 2 kelurahan" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Karangketug", "Ngemplakrejo"]
    ng, ka = wb["Ngemplakrejo"], wb["Karangketug"]
    assert [c.value for c in ng[HEAD]] == list(verval_lapangan.KOLOM)  # the same layout
    assert (ng.cell(HEAD + 1, COL["No KK"]).value, ka.cell(HEAD + 1, COL["No KK"]).value) == (
        kk(0),
        kk(4),
    )
    assert ng.cell(HEAD + 2, COL["No KK"]).value is None  # one family each
    assert ng.cell(HEAD + 1, COL["Sumber Daftar"]).value == "P3KE"
    assert ng.cell(4, 1).value == (
        "Keluarga yang dijangkau strategi Termiskin dulu dalam simulasi anggaran Rp 2.400.000 "
        "(Rp 1.200.000 per KPM), dalam urutan strategi itu."
    )
    # Registered as a list sent out, and audited with the simulation's inputs.
    reg = verval_lapangan._register_rows(lake)
    assert sorted(reg["no_kk"]) == [kk(0), kk(4)]
    (line,) = [
        json.loads(x)
        for x in audit.log_path(lake).read_text().splitlines()
        if json.loads(x)["aksi"] == "ekspor"
    ]
    more = line["rincian"]
    assert (more["daftar"], more["daftar_asal"], more["baris"]) == (
        "verval_lapangan",
        "simulasi_keluarga",
        2,
    )
    assert (more["filter"]["strategi"], more["filter"]["anggaran"]) == ("termiskin", 2_400_000)
    # Filled in and imported like Daftar sasaran's file: A layak; E left blank.
    fill(ng, HEAD + 1, "Layak")
    summary = import_files([save(wb, tmp_path)], "verval", VERVAL, lake)
    assert (summary.accepted, summary.rejected) == (1, 0)
    assert summary.skipped == {"belum dikunjungi": 1, verval_lapangan.TTD: 8}
    assert progres(lake) == {
        "Karangketug": [1, 0, 0, 0, 1],
        "Ngemplakrejo": [1, 1, 1, 0, 0],
        "Semua kelurahan": [2, 1, 1, 0, 1],
    }
    assert verval_rows(lake, "SELECT no_kk, hasil, sumber_daftar FROM verval") == [
        (kk(0), "memenuhi", "P3KE")
    ]


def test_the_simulasi_page_offers_the_verval_file(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/simulasi.py", role="perencana", periode=PERIODE)
    # the families' list and the comparison of the strategies (perencana review, item 8)
    assert {b.key for b in at.get("download_button")} == {"dl_simulasi", "dl_simulasi_perbandingan"}
    # Behind its toggle, as on Daftar sasaran: every file made is a sending in the register.
    at.toggle(key="simulasi_verval").set_value(True).run()
    assert not at.exception
    assert {b.key for b in at.get("download_button")} == {
        "dl_simulasi",
        "dl_simulasi_perbandingan",
        "dl_simulasi_verval",
    }


class Upload:
    """What st.file_uploader returns for one file (AppTest cannot upload files)."""

    def __init__(self, name: str, content: bytes):
        self.name, self._content = name, content

    def getvalue(self) -> bytes:
        return self._content


def test_the_data_page_shows_the_operator_the_progress_and_imports_the_filled_file(
    lake, tmp_path, monkeypatch
):
    import streamlit

    at = open_page(lake, monkeypatch, "pages/data.py", role="operator")
    assert "Belum ada berkas verval lapangan yang dikirim" in "\n".join(c.value for c in at.caption)
    wb, _ = export(lake)
    ng = wb["Ngemplakrejo"]
    fill(ng, row_of(ng, kk(0)), "Layak")
    fill(ng, row_of(ng, kk(1)), "Tidak Layak", "pindah")
    bad = row_of(ng, kk(2))
    fill(ng, bad, "Tidak Layak", "pindah rumah")  # not one of the drop-down's reasons
    content = save(wb, tmp_path).read_bytes()

    at = open_page(lake, monkeypatch, "pages/data.py", role="operator")
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Dikirim (keluarga)"], metrics["Kembali (keluarga)"]) == ("7", "0")
    # Counts only: the operator's table has kelurahan names and numbers, no family.
    table = next(d.value for d in at.dataframe if "dikirim_keluarga" in d.value.columns)
    assert not {"no_kk", "nama_kepala", "nik_kepala"} & set(table.columns)
    assert f"periode daftar yang dikirim: **{PERIODE}**" in "\n".join(c.value for c in at.caption)

    monkeypatch.setattr(
        streamlit, "file_uploader", lambda *a, **k: [Upload("verval_isi.xlsx", content)]
    )
    at.selectbox(key="imp_jenis").set_value("verval")
    at.text_input(key="imp_periode").input(VERVAL)
    next(b for b in at.button if b.label == "Impor").click()
    at.run()
    assert not at.exception, at.exception
    (success,) = [s.value for s in at.success]
    assert "3 baris dibaca, 2 diterima, 1 ditolak" in success
    # S9: the rejected row by sheet and row, for the officer who fixes it
    shown = "\n".join(m.value for m in at.markdown)
    assert f"- Ngemplakrejo baris {bad}: alasan 'pindah rumah' tidak ada di daftar pilihan" in shown
    # 7 sent; 2 back (Ngemplakrejo's A layak, B tidak layak); 5 not yet visited.
    metrics = {m.label: m.value for m in at.metric}
    assert [metrics[f"{x} (keluarga)"] for x in ui_daftar.PROGRES.values()] == [
        "7",
        "2",
        "1",
        "1",
        "5",
    ]


@pytest.fixture
def demo_lake(tmp_path):
    """The fixture's families as a pure demo lake (marker, demo-written batches)."""
    rows = keluarga_rows([{"kode_kel": NGEMPLAK}, {"kode_kel": NGEMPLAK}, {"kode_kel": KARANG}])
    rows["sumber_data"], rows["desil"] = "P3KE", 1
    return build_lake(tmp_path / "demo", {"keluarga": {PERIODE: rows}}, demo=True)


def test_a_demo_lake_takes_back_its_own_verval_workbook_and_refuses_every_other_import(
    demo_lake, tmp_path
):
    from pantau.lake import Lake

    lake = Lake(demo_lake)
    assert lake.is_demo()
    wb, _ = export(demo_lake)  # daftar-verval from the demo lake: its ID Berkas is registered
    ng = wb["Ngemplakrejo"]
    fill(ng, row_of(ng, kk(0)), "Layak")
    fill(ng, row_of(ng, kk(1)), "Tidak Layak", "pindah")
    own = save(wb, tmp_path, "verval_demo.xlsx")
    before = len(lake._batches())

    # Refused, nothing written: another dataset; a verval workbook whose ID Berkas this lake
    # never sent; a plain verval CSV (no ID Berkas column).
    keluarga = tmp_path / "keluarga.csv"
    keluarga_rows([{"kode_kel": NGEMPLAK}]).to_csv(keluarga, index=False)
    unknown = openpyxl.load_workbook(own)
    for ws in unknown.worksheets:
        for y in range(HEAD + 1, ws.max_row + 1):
            if ws.cell(y, COL["ID Berkas"]).value:
                ws.cell(y, COL["ID Berkas"], "VV-20260101000000-abcdef")
    unknown = save(unknown, tmp_path, "verval_lain.xlsx")
    plain = tmp_path / "verval.csv"
    pd.DataFrame(
        {"no_kk": [kk(0)], "hasil": ["Layak"], "tanggal_verval": ["2026-04-06"], "petugas": ["S"]}
    ).to_csv(plain, index=False)
    for path, jenis in ((keluarga, "keluarga"), (unknown, "verval"), (plain, "verval")):
        with pytest.raises(PantauError, match="berisi data contoh"):
            import_files([path], jenis, VERVAL, demo_lake)
    # The own file with an unknown one beside it: refused as a whole.
    with pytest.raises(PantauError, match="berisi data contoh"):
        import_files([own, unknown], "verval", VERVAL, demo_lake)
    assert len(lake._batches()) == before

    # The demo's own workbook: imported, 2 rows back, the batch demo-written, still a demo lake.
    summary = import_files([own], "verval", VERVAL, demo_lake)
    assert (summary.accepted, summary.rejected) == (2, 0)
    batch = Lake(demo_lake).current_batches("verval")[-1]
    assert batch["demo"] is True and Lake(demo_lake).demo_batch(batch)
    assert Lake(demo_lake).is_demo()
    assert verval_rows(demo_lake) == [
        (kk(0), "memenuhi", None),
        (kk(1), "tidak memenuhi", "pindah"),
    ]
    # And a real file after it is still refused.
    with pytest.raises(PantauError, match="berisi data contoh"):
        import_files([keluarga], "keluarga", VERVAL, demo_lake)


def test_the_import_summary_names_each_rejected_row_by_sheet_and_row(lake, tmp_path, capsys):
    """S9: the CLI summary lists "<sheet> baris <row>: <what>" (the No KK masked to its last
    4 digits, as the operator sees the notes), the first 10, then "dan N lainnya"."""
    wb, _ = export(lake)
    ng, ka = wb["Ngemplakrejo"], wb["Karangketug"]
    fill(ng, row_of(ng, kk(0)), "Layak")
    bad = row_of(ng, kk(2))
    fill(ng, bad, "Tidak Layak", "pindah rumah")
    foreign = row_of(ka, kk(5))
    ka.cell(foreign, COL["No KK"], "3575010101999999")
    fill(ka, foreign, "Layak")
    path = save(wb, tmp_path)
    args = ["--data", str(lake), "import", str(path), "--jenis", "verval", "--periode", VERVAL]
    capsys.readouterr()
    assert cli.main(args) == 0
    lines = [x.strip() for x in capsys.readouterr().out.splitlines()]
    # under the reasons' counts, sorted by file: Karangketug's sheet name sorts first
    named = [x for x in lines if x.startswith(("Karangketug baris", "Ngemplakrejo baris"))]
    assert named == [
        f"Karangketug baris {foreign}: No KK '************9999' tidak ada di daftar yang dikirim",
        f"Ngemplakrejo baris {bad}: alasan 'pindah rumah' tidak ada di daftar pilihan",
    ]
    assert lines.index(named[0]) < lines.index("dilewati: 4 belum dikunjungi")
    # 12 rejected rows: 10 named, then the rest counted
    notes = pd.DataFrame(
        {
            "file": ["isi.xlsx [Gentong]"] * 12,
            "baris": range(6, 18),
            "tingkat": "ditolak",
            "kolom": "hasil",
            "alasan": "hasil kosong, padahal kolom isian lain diisi",
            "nilai": None,
        }
    )
    got = verval_lapangan.baris_ditolak(notes)
    assert (
        len(got) == 11 and got[0] == "Gentong baris 6: hasil kosong, padahal kolom isian lain diisi"
    )
    assert got[9].startswith("Gentong baris 15:") and got[10] == "dan 2 lainnya"
    assert verval_lapangan.baris_ditolak(None) == []


def test_a_family_of_another_list_comes_back_under_its_list_not_tidak_disebut(lake, tmp_path):
    """S10: C is on DTKS, a list the verval contract does not name, so its Sumber Daftar cell
    is empty. Back from the field it counts under "DTKS (verval lapangan)" (the register's
    sending: C's source on the keluarga list of the sending's period), that row's list being
    the families sent with that label (C: 1), so every row's list is loaded and "Semua daftar"
    stays right: P3KE A D E G H (5) + C = 6 keluarga, 2 checked, 2 memenuhi."""
    wb, _ = export(lake)
    ng = wb["Ngemplakrejo"]
    assert ng.cell(row_of(ng, kk(2)), COL["Sumber Daftar"]).value is None
    fill(ng, row_of(ng, kk(0)), "Layak")  # A, P3KE
    fill(ng, row_of(ng, kk(2)), "Layak")  # C, DTKS
    summary = import_files([save(wb, tmp_path)], "verval", VERVAL, lake)
    assert (summary.accepted, summary.rejected) == (2, 0)
    funnel = queries.run("verval_funnel", {"periode": VERVAL}, lake).set_index("sumber_daftar")
    cols = [
        "daftar_keluarga",
        "diperiksa_keluarga",
        "memenuhi_keluarga",
        "tidak_memenuhi_keluarga",
        "daftar_dimuat",
    ]
    assert {k: [int(x) for x in r] for k, r in funnel[cols].iterrows()} == {
        "P3KE": [5, 1, 1, 0, 1],
        "DTKS (verval lapangan)": [1, 1, 1, 0, 1],
        "Di lebih dari satu daftar": [0, 0, 0, 0, 1],
        "Semua daftar": [6, 2, 2, 0, 1],
    }


def test_a_kepala_desa_signs_without_nip_and_a_lurah_with_it(tmp_path):
    """Kabupaten Tuban: one family in Desa Bate (35.23.03.2002), one in Kelurahan Karang
    (35.23.15.1006). The desa's sheet is signed 'Kepala Desa Bate' with no NIP line (a Kepala
    Desa is elected, not a civil servant); the kelurahan's 'Lurah Karang' with 'NIP.'."""
    from pantau import wilayah

    data = tmp_path / "data"
    wilayah.tetapkan(data, "35.23")
    rows = keluarga_rows([{"kode_kel": "35.23.03.2002"}, {"kode_kel": "35.23.15.1006"}])
    rows["sumber_data"], rows["desil"] = "P3KE", 1
    lake = build_lake(data, {"keluarga": {PERIODE: rows}})
    wb, _ = export(lake)

    def tanda_tangan(ws) -> list[str]:
        y = row_of(ws, kk(0) if "Bate" in ws.title else kk(1))
        return [c.value for row in ws.iter_rows(min_row=y + 1) for c in row if c.value]

    bate = next(ws for ws in wb.worksheets if "Bate" in ws.title)
    karang = next(ws for ws in wb.worksheets if "Karang" in ws.title)
    assert "Kepala Desa Bate" in tanda_tangan(bate)
    assert not any(str(v).startswith("NIP") for v in tanda_tangan(bate))
    assert "Lurah Karang" in tanda_tangan(karang) and "NIP. " in tanda_tangan(karang)

"""The Data page as an operator and a kepala read it (issue 12, section 5).

Batch history newest first with import times in WIB, a rollback that needs a tick before it
does anything, and the audit log with Indonesian headings and its details in words. The lake
and the audit lines are made by hand here; the server's clock is UTC (TZ=UTC) so every WIB
time below is the UTC time plus seven hours.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import types
from pathlib import Path

import pytest

import pantau.ingest
from pantau.ingest import import_files
from pantau.lake import Lake
from tests.lakes import open_page

HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah ART"


def families(n: int, start: int = 0) -> list[str]:
    return [
        f"35750312345{i:05d},3575034507{80 + i % 10}{i % 9000 + 1:04d},Warga {i},Tapa'an,4"
        for i in range(start, start + n)
    ]


@pytest.fixture
def utc_server(monkeypatch):
    """The server's local time is UTC (the lake writes import times without a zone)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def imported_at(monkeypatch):
    """imported_at(*times): the next imports are stamped with these naive (local) times."""

    def stamp(*times: str):
        clock = iter(dt.datetime.fromisoformat(t) for t in times)
        fake = types.SimpleNamespace(
            datetime=types.SimpleNamespace(now=lambda *a, **k: next(clock)),
        )
        monkeypatch.setattr(pantau.ingest, "dt", fake)

    return stamp


def imp(data: Path, tmp_path: Path, periode: str, n: int, start: int) -> str:
    path = tmp_path / f"k_{periode}_{start}.csv"
    path.write_text("\n".join([HEADER, *families(n, start)]) + "\n", encoding="utf-8")
    return import_files([path], "keluarga", periode, data).batch


def current(data: Path, periode: str = "2024-06") -> str:
    return Lake(data).manifest()["datasets"]["keluarga"][periode]["current"]


def history_table(at):
    return next(d.value for d in at.dataframe if "Diimpor (WIB)" in d.value.columns)


def test_batch_history_is_newest_first_with_import_times_in_wib(
    data_dir, tmp_path, monkeypatch, utc_server, imported_at
):
    imported_at("2024-07-01T10:00:00", "2024-07-02T18:30:00", "2024-07-03T01:00:00")
    first = imp(data_dir, tmp_path, "2024-06", 3, 0)
    march = imp(data_dir, tmp_path, "2024-03", 2, 100)
    again = imp(data_dir, tmp_path, "2024-06", 4, 200)
    at = open_page(data_dir, monkeypatch, "pages/data.py", role="operator")
    table = history_table(at)
    assert table["Batch"].tolist() == [again, march, first]
    assert table["Diimpor (WIB)"].tolist() == [
        "3 Juli 2024 08.00 WIB",
        "3 Juli 2024 01.30 WIB",  # 18:30 UTC on the 2nd is past midnight in Jakarta
        "1 Juli 2024 17.00 WIB",
    ]
    assert table["Periode"].tolist() == ["Juni 2024", "Maret 2024", "Juni 2024"]
    assert table["Aktif"].tolist() == [True, True, False]
    assert table["Baris diterima"].tolist() == ["4", "2", "3"]


def test_batches_imported_within_one_second_keep_the_order_they_were_imported(
    data_dir, tmp_path, monkeypatch, imported_at
):
    imported_at(*["2024-07-01T10:00:00"] * 3)
    batches = [imp(data_dir, tmp_path, "2024-06", 2, 100 * k) for k in range(3)]
    at = open_page(data_dir, monkeypatch, "pages/data.py", role="operator")
    assert history_table(at)["Batch"].tolist() == batches[::-1]


def test_rollback_does_nothing_until_saya_yakin_is_ticked(data_dir, tmp_path, monkeypatch):
    a = imp(data_dir, tmp_path, "2024-06", 3, 0)
    b = imp(data_dir, tmp_path, "2024-06", 3, 100)
    at = open_page(data_dir, monkeypatch, "pages/data.py", role="operator")
    button = at.button(key="rb_go")
    assert button.label == "Kembalikan"
    button.click()
    at.run()
    assert not at.exception
    assert current(data_dir) == b  # nothing changed
    assert not at.success
    assert [w.value for w in at.warning] == ["Centang **Saya yakin** dulu; belum ada yang berubah."]
    assert not (data_dir / "audit.log").exists()  # no rollback line either

    tick = at.checkbox(key="rb_yakin_0")
    assert tick.label == f"Saya yakin: keluarga Juni 2024 kembali ke batch {a}."
    tick.check()
    at.run()
    at.button(key="rb_go").click()
    at.run()
    assert not at.exception
    assert current(data_dir) == a
    assert [s.value for s in at.success] == [f"keluarga Juni 2024: batch {a} aktif lagi."]
    # The next rollback needs its own tick (and here there is nothing left to return to).
    assert not [c for c in at.checkbox if c.value]
    assert at.button(key="rb_go").disabled


def write_log(data: Path, lines: list[dict]) -> None:
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)
    (data / "audit.log").write_text(text, encoding="utf-8")


def test_the_audit_table_has_indonesian_headings_and_details_in_words(data_dir, monkeypatch):
    write_log(
        data_dir,
        [
            {"waktu": "2024-07-01T01:02:03+00:00", "pengguna": "ops", "aksi": "login_berhasil"},
            {
                "waktu": "2024-07-01T01:05:00+00:00",
                "pengguna": "ops",
                "aksi": "impor",
                "rincian": {
                    "jenis": "keluarga",
                    "periode": "2024-06",
                    "files": ["a.csv", "b.csv", "c.xlsx"],
                    "batch": "20240701T010500-abc123",
                    "diterima": 1234,
                    "ditolak": 5,
                },
            },
            {
                "waktu": "2024-07-01T09:00:00+07:00",
                "pengguna": "ops",
                "aksi": "impor_gagal",
                "rincian": {
                    "jenis": "penyaluran",
                    "periode": "2024-6x",
                    "files": ["x.csv"],
                    "alasan": "Periode harus YYYY-MM.",
                },
            },
            {
                "waktu": "2024-07-02T17:30:00+00:00",
                "pengguna": "kabid",
                "aksi": "rollback",
                "rincian": {"dataset": "keluarga", "periode": "2024-06", "current": "B1"},
            },
            {
                "waktu": "2024-07-03T00:00:00+00:00",
                "pengguna": "kabid",
                "aksi": "ekspor",
                "rincian": {"peran": "kepala", "berkas": "log_audit.csv", "baris": 12},
            },
            {
                "waktu": "2024-07-03T00:10:00+00:00",
                "pengguna": "kabid",
                "aksi": "lihat_daftar",
                "rincian": {
                    "daftar": "daftar_sasaran",
                    "filter": {"kecamatan": "Bugul Kidul"},
                    "baris": 40,
                    "peran": "kepala",
                    "samaran": False,
                },
            },
        ],
    )
    at = open_page(data_dir, monkeypatch, "pages/data.py", role="kepala")
    log = next(d.value for d in at.dataframe if "Rincian" in d.value.columns)
    assert list(log.columns) == ["Waktu (WIB)", "Pengguna", "Aksi", "Rincian"]
    assert log.to_dict("records") == [
        {
            "Waktu (WIB)": "3 Juli 2024 07.10 WIB",
            "Pengguna": "kabid",
            "Aksi": "Lihat daftar nama",
            "Rincian": "daftar sasaran; 40 baris; saringan kecamatan Bugul Kidul; peran kepala; "
            "identitas disamarkan tidak",
        },
        {
            "Waktu (WIB)": "3 Juli 2024 07.00 WIB",
            "Pengguna": "kabid",
            "Aksi": "Unduh berkas",
            "Rincian": "log_audit.csv; 12 baris; peran kepala",
        },
        {
            "Waktu (WIB)": "3 Juli 2024 00.30 WIB",
            "Pengguna": "kabid",
            "Aksi": "Kembalikan batch",
            "Rincian": "keluarga Juni 2024: batch B1 aktif lagi",
        },
        {
            "Waktu (WIB)": "1 Juli 2024 09.00 WIB",
            "Pengguna": "ops",
            "Aksi": "Impor gagal",
            "Rincian": "penyaluran 2024-6x, 1 file; Periode harus YYYY-MM.",
        },
        {
            "Waktu (WIB)": "1 Juli 2024 08.05 WIB",
            "Pengguna": "ops",
            "Aksi": "Impor",
            "Rincian": "keluarga Juni 2024, 3 file, batch 20240701T010500-abc123; "
            "1.234 baris diterima, 5 ditolak",
        },
        {
            "Waktu (WIB)": "1 Juli 2024 08.02 WIB",
            "Pengguna": "ops",
            "Aksi": "Masuk",
            "Rincian": "",
        },
    ]
    assert not [d for d in at.dataframe if "rincian" in d.value.columns]  # no raw JSON table

"""A column name split over a two-row header: "Jumlah" on the upper row, "ART" below it
(attack on issue 10, finding 6). Today: refused for a missing "Jumlah ART"."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from pantau.ingest import import_files

TAPAAN = "35.75.03.1003"
DATA = [
    ["3575031234560001", "3575034507800002", "Siti", "Tapaan", 4],
    ["3575041234560002", "3575041507800003", "Budi", "Trajeng", 3],
]


def _split_xlsx(path: Path, merge_across: bool) -> Path:
    """Row 1: the full names merged down two rows, and "Jumlah" (merged over two columns, or
    not); row 2: "ART" under "Jumlah"."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet()
    for col, name in enumerate(["No KK", "NIK", "Kepala Keluarga", "Desa/Kelurahan"]):
        ws.merge_range(0, col, 1, col, name)
    if merge_across:
        ws.merge_range(0, 4, 0, 5, "Jumlah")
        ws.write_row(1, 4, ["ART", "Catatan"])
    else:
        ws.write(0, 4, "Jumlah")
        ws.write(1, 4, "ART")
    for r, row in enumerate(DATA, start=2):
        ws.write_row(r, 0, row[:4])
        ws.write_number(r, 4, row[4])
    wb.close()
    return path


def _rows(data_dir: Path) -> list[tuple]:
    import duckdb

    from pantau.lake import Lake

    files = [str(f) for f in Lake(data_dir).current_files("keluarga")]
    return duckdb.execute(
        "SELECT no_kk, kode_kel, jumlah_anggota FROM read_parquet(?) ORDER BY no_kk", [files]
    ).fetchall()


@pytest.mark.parametrize("merge_across", [False, True], ids=["plain", "merged-across"])
def test_jumlah_over_art_is_read_as_jumlah_art_in_xlsx(tmp_path, data_dir, merge_across):
    path = _split_xlsx(tmp_path / "terbelah.xlsx", merge_across)
    s = import_files([path], "keluarga", "2024-06", data_dir)
    assert (s.accepted, s.rejected) == (2, 0), s.reasons
    assert _rows(data_dir) == [
        ("3575031234560001", TAPAAN, 4),
        ("3575041234560002", "35.75.04.1003", 3),
    ]


def test_jumlah_over_art_is_read_as_jumlah_art_in_csv(write_csv, data_dir):
    path = write_csv(
        "terbelah.csv",
        [
            "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Jumlah",
            ",,,,ART",
            *(",".join(map(str, row)) for row in DATA),
        ],
    )
    s = import_files([path], "keluarga", "2024-06", data_dir)
    assert (s.accepted, s.rejected) == (2, 0), s.reasons
    assert [r[2] for r in _rows(data_dir)] == [4, 3]

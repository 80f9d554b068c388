"""A guest must not recover a hidden count by subtracting one query's figure from another's
(session 6 brief, privacy gap): beban_rekonsiliasi showed the families below the extreme line
(1.537) and beban_ringkasan the non-flagged families below it (1.228), both exact, so 1.537 −
1.228 = 309 flagged below the line, and 311 − 309 = 2 flagged above it: the count the policy
hides as "<5". Both queries now state the same whole with the same parts."""

from __future__ import annotations

import pytest
from lakes import build_lake, keluarga_rows

from pantau import privacy

P = "2024-06"  # line 2024: Rp 391.000 per person per month (reference/garis_kemiskinan.csv)

# 12 flagged families: 10 below the line (Rp 300.000, one person), 2 above (Rp 500.000);
# 30 families not flagged: 8 below, 22 above. Below the line: 10 + 8 = 18.
ROWS = (
    [{"miskin_ekstrem": "Ya", "jumlah_anggota": 1, "pengeluaran_bulanan": 300_000}] * 10
    + [{"miskin_ekstrem": "Ya", "jumlah_anggota": 1, "pengeluaran_bulanan": 500_000}] * 2
    + [{"miskin_ekstrem": "Tidak", "jumlah_anggota": 1, "pengeluaran_bulanan": 300_000}] * 8
    + [{"miskin_ekstrem": "Tidak", "jumlah_anggota": 1, "pengeluaran_bulanan": 500_000}] * 22
)


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build_lake(tmp_path_factory.mktemp("pair"), {"keluarga": {P: keluarga_rows(ROWS)}})


def _row(name, role, lake):
    return privacy.result(name, {"periode": P}, role, lake).iloc[0]


def test_the_kepala_sees_the_same_whole_in_both_queries(lake):
    rek, ring = _row("beban_rekonsiliasi", "kepala", lake), _row("beban_ringkasan", "kepala", lake)
    assert (rek["keluarga_ditandai"], rek["keluarga_ditandai_di_atas"]) == (12, 2)
    assert rek["keluarga_di_bawah_garis"] == ring["keluarga_di_bawah_garis"] == 18
    assert ring["keluarga_lain_di_bawah_garis"] == rek["keluarga_di_bawah_tidak_ditandai"] == 8


def test_a_guest_cannot_subtract_the_hidden_flagged_above_the_line(lake):
    rek, ring = _row("beban_rekonsiliasi", "tamu", lake), _row("beban_ringkasan", "tamu", lake)
    # the small count itself is hidden in both
    assert rek["keluarga_ditandai_di_atas"] == "<5"
    assert ring["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    # the totals stay exact ...
    assert (rek["keluarga_ditandai"], rek["keluarga_di_bawah_garis"]) == (12, 18)
    # ... so the non-flagged below the line may not be: 18 − 8 = 10 flagged below, and
    # 12 − 10 = 2 (before the fix beban_ringkasan gave 8 exactly). Both queries hide it alike
    # (here "×": 18 − (12 − 1..4) = 7..10 is too close to a small count for a range).
    lain = ring["keluarga_lain_di_bawah_garis"]
    if not isinstance(lain, str):  # what a guest could do before: 12 − (18 − 8) = 2
        assert rek["keluarga_ditandai"] - (rek["keluarga_di_bawah_garis"] - lain) != 2, "recovered"
    assert isinstance(lain, str) and lain == rek["keluarga_di_bawah_tidak_ditandai"]
    assert isinstance(ring["keluarga_miskin_ekstrem_di_bawah_garis"], str)
    # its complement among the non-flagged with a figure (30 = below + above) goes with it
    assert ring["keluarga_lain_dengan_pengeluaran"] == 30
    assert isinstance(ring["keluarga_lain_di_atas_garis"], str)
    # the subtraction of the brief, across the two queries, has nothing exact to work on
    with pytest.raises(TypeError):
        rek["keluarga_ditandai"] - (rek["keluarga_di_bawah_garis"] - lain)
    assert ring["keluarga_di_bawah_garis"] == 18  # the whole, with its parts, is exact

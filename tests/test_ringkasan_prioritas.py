"""Ringkasan's five priority desa/kelurahan (pantau.ringkasan_prioritas), hand-built rows of
peta_klaster as a role sees them: ranked first in rank order, then the unranked pockets, then
the highest rates, a hidden rate last, a kelurahan without extreme-poor keluarga never."""

from __future__ import annotations

import pandas as pd

from pantau import ringkasan_prioritas as rp


def rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kelurahan": ["A", "B", "C", "D", "E", "F", "G"],
            "peringkat": [2, None, 1, None, None, None, None],
            "kantong": [True, False, False, True, False, False, None],
            "keluarga_miskin_ekstrem": [9, 3, 7, 4, 0, 6, "<5"],
            "per_1000_keluarga": [50.0, 80.0, 40.0, 20.0, 99.0, 60.0, "×"],
        }
    )


def test_ranked_then_pockets_then_rates_a_hidden_rate_last_and_no_zero():
    lima = rp.prioritas(rows())
    # C (rank 1), A (rank 2); D the unranked pocket; then by rate B 80 > F 60; G (hidden
    # rate) would be sixth; E has no extreme-poor keluarga.
    assert lima["kelurahan"].tolist() == ["C", "A", "D", "B", "F"]
    assert rp.prioritas(rows().head(2).assign(peringkat=[None, None]))["kelurahan"].tolist() == [
        "A",
        "B",
    ]
    assert int(rp.di_kantong(lima["kantong"]).sum()) == 2


def test_heading_counts_the_pockets_of_the_table_and_of_the_region():
    lima = rp.prioritas(rows())
    judul = rp.judul_prioritas(lima, 3, "kelurahan", "2026-09", "kota")
    assert judul == (
        "**5 kelurahan prioritas** pada September 2026, urut peringkat indeks kantong seperti "
        "di paparan; 3 kelurahan berstatus kantong di seluruh kota (2 di tabel ini)"
    )

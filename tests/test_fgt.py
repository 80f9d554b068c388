"""P0 of a kelurahan with its 95 % interval, the family as the cluster (issue 11, review M10), and
what the FGT figures and the extreme line are said to be (M7, M8).

One hand-made lake, June 2024 (extreme line z = Rp 391.000 per person per month):

    family  kelurahan                   jiwa w  pengeluaran  per kapita  below z (y)
    F1      35.75.04.1007 Ngemplakrejo  4       782.000      195.500     1
    F2      35.75.04.1007               2       586.500      293.250     1
    F3      35.75.04.1007               3       1.500.000    500.000     0
    F4      35.75.04.1007               1       400.000      400.000     0
    F5      35.75.04.1007               5       1.955.000    391.000     0 (on the line: not below)
    F6      35.75.01.1001 Karangketug   3       1.500.000    500.000     0
    F7      35.75.01.1001               3       1.500.000    500.000     0

Ngemplakrejo by hand: G = 5 families, N = 15 persons, K = 6 below, R = P0 = 0,4.
    Σ w²(y − R)² = 16·0,36 + 4·0,36 + 9·0,16 + 1·0,16 + 25·0,16 = 5,76 + 1,44 + 1,44 + 0,16 + 4
                 = 12,8
    V = G/(G − 1) · 12,8 / N² = 1,25 · 12,8 / 225 = 16/225 = 0,0711
    effective persons n = R(1 − R)/V = 0,24 · 225/16 = 3,375 (15 persons, design effect 4,44)
    Wilson on 0,4 of 3,375 (z² = 3,8415): centre (0,4 + 0,5691)/2,1382 = 0,4532, half
    0,9167 · √(0,0711 + 0,0843) = 0,3614 → 9,2 % to 81,5 %.
Treating the 15 persons as independent would give Wilson(6 of 15) = 19,8 % to 64,3 %: too narrow.
Karangketug: nobody below the line: R = 0, n = G = 2 (the variance says nothing there), lower
bound exactly 0 (not 2,8·10⁻¹⁷), upper z²/(2 + z²) = 65,76 %.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from lakes import build_lake, keluarga_rows
from statsmodels.stats.proportion import proportion_confint

from pantau import queries

A = "35.75.04.1007"
C = "35.75.01.1001"
FAMILIES = [
    (A, 4, 782_000, 1),
    (A, 2, 586_500, 1),
    (A, 3, 1_500_000, 0),
    (A, 1, 400_000, 0),
    (A, 5, 1_955_000, 0),
    (C, 3, 1_500_000, 0),
    (C, 3, 1_500_000, 0),
]


def _list(rows=FAMILIES, sumber="DTKS") -> pd.DataFrame:
    return keluarga_rows(
        [
            dict(kode_kel=kel, jumlah_anggota=w, pengeluaran_bulanan=x, sumber_data=sumber)
            for kel, w, x, _ in rows
        ]
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    # 2023-12: the same list under the 2023 line (USD 1,90); 2024-06 the 2024 line (USD 2,15);
    # 2024-09: the same DTKS list again; 2025-03 a DTSEN list; 2026-06 carries the 2024 line.
    return build_lake(
        tmp_path_factory.mktemp("fgt"),
        {
            "keluarga": {
                "2023-12": _list(),
                "2024-06": _list(),
                "2024-09": _list(),
                "2025-03": _list(sumber="DTSEN"),
                "2026-06": _list(sumber="DTSEN"),
            }
        },
    )


def kel(lake: Path, periode: str = "2024-06") -> pd.DataFrame:
    return queries.run("fgt_kelurahan", {"periode": periode}, lake).set_index("kode_kel")


def test_kelurahan_p0_interval_has_the_family_as_cluster_worked_by_hand(lake):
    r = kel(lake).loc[A]
    assert (r["keluarga_dihitung"], r["jiwa_dihitung"], r["jiwa_di_bawah_garis"]) == (5, 15, 6)
    assert r["p0"] == pytest.approx(40.0)
    assert r["jiwa_efektif"] == pytest.approx(3.375, abs=0.005)
    assert r["p0_bawah"] == pytest.approx(9.18, abs=0.01)
    assert r["p0_atas"] == pytest.approx(81.46, abs=0.01)
    assert bool(r["dasar_kecil"])  # 5 families < 30
    # wider than if the 15 persons were independent
    naive_lo, naive_hi = proportion_confint(6, 15, method="wilson")
    assert r["p0_bawah"] < 100 * naive_lo and r["p0_atas"] > 100 * naive_hi


def test_the_interval_equals_statsmodels_cluster_robust_variance_and_wilson(lake):
    """The reference computed another way: an OLS of the persons' y on a constant with standard
    errors clustered by family (statsmodels), then statsmodels' Wilson on the effective n."""
    persons = [(i, y) for i, (kk_, w, _, y) in enumerate(FAMILIES) if kk_ == A for _ in range(w)]
    groups = np.array([g for g, _ in persons])
    y = np.array([v for _, v in persons], dtype=float)
    fit = sm.OLS(y, np.ones_like(y)).fit(cov_type="cluster", cov_kwds={"groups": groups})
    var = float(fit.bse[0] ** 2)
    assert var == pytest.approx(16 / 225)
    n_eff = 0.4 * 0.6 / var
    lo, hi = proportion_confint(0.4 * n_eff, n_eff, method="wilson")
    r = kel(lake).loc[A]
    assert r["jiwa_efektif"] == pytest.approx(n_eff, abs=0.005)
    assert (r["p0_bawah"], r["p0_atas"]) == (
        pytest.approx(100 * lo, abs=1e-3),
        pytest.approx(100 * hi, abs=1e-3),
    )


def test_a_kelurahan_with_nobody_below_the_line_has_a_lower_bound_of_exactly_0(lake):
    r = kel(lake).loc[C]
    assert (r["p0"], r["jiwa_efektif"]) == (0.0, 2.0)  # one observation per family
    assert r["p0_bawah"] == 0.0  # S9: exactly 0, not 2,8e-17
    lo, hi = proportion_confint(0, 2, method="wilson")
    assert r["p0_atas"] == pytest.approx(100 * hi, abs=1e-3)  # 65,76
    assert r["p0_atas"] == pytest.approx(65.76, abs=0.01)


def test_wilson_bounds_are_exact_at_0_and_n(lake):
    out = queries.run("peta_kecamatan", {"periode": "2024-06"}, lake).set_index("kode_kec")
    # Gadingrejo (C): 2 listed, both flagged extreme-poor (keluarga_rows' default "Ya"):
    # 2 of 2 → upper bound exactly 1000 per 1.000; Purworejo has no list: no interval.
    g = out.loc["35.75.01"]
    assert (g["keluarga"], g["keluarga_miskin_ekstrem"]) == (2, 2)
    assert g["per_1000_atas"] == 1000.0
    assert pd.isna(out.loc["35.75.02", "per_1000_bawah"])


# --- what the line is, and comparisons over time (M8, M7) --------------------------------------


def ring(lake: Path, periode: str) -> pd.Series:
    return queries.run("beban_ringkasan", {"periode": periode}, lake).iloc[0]


def test_the_2026_line_is_labelled_as_the_2024_estimate_carried_in_nominal_terms(lake):
    r = ring(lake, "2026-06")
    assert r["garis_ekstrem"] == 391_000
    assert (r["tahun_garis"], r["status_nilai"], bool(r["garis_dibawa"])) == (
        2026,
        "perkiraan",
        True,
    )
    assert r["keterangan_garis"] == (
        "garis 2024 (perkiraan, USD 2,15 PPP 2017), dipakai untuk 2025–2026; tetap dalam rupiah "
        "nominal, tidak disesuaikan dengan inflasi"
    )
    assert "sekitar Rp 391 ribu" in r["sumber_garis"]
    r24 = ring(lake, "2024-06")
    assert r24["keterangan_garis"] == "garis 2024 (perkiraan, USD 2,15 PPP 2017)"
    assert not bool(r24["garis_dibawa"])


def test_the_2023_2024_basis_break_is_marked_and_no_comparison_is_offered(lake):
    r = ring(lake, "2024-06")
    assert r["periode_sebelumnya"] == "2023-12"
    assert bool(r["garis_berganti_dasar"])
    assert (r["dasar_garis"], r["dasar_garis_sebelumnya"]) == (
        "USD 2,15 PPP 2017",
        "USD 1,90 PPP 2011",
    )
    assert not bool(r["daftar_berubah"])  # the same DTKS list of 7 families
    assert r["pembanding_garis"] is None or pd.isna(r["pembanding_garis"])
    # 2024-09 against 2024-06: the same list and the same line: comparable
    r = ring(lake, "2024-09")
    assert not bool(r["garis_berganti_dasar"]) and not bool(r["daftar_berubah"])
    assert r["pembanding_garis"] == "2024-06"


def test_a_list_of_another_source_is_not_compared(lake):
    r = ring(lake, "2025-03")
    assert (r["sumber_daftar"], r["sumber_daftar_sebelumnya"]) == ("DTSEN", "DTKS")
    assert bool(r["daftar_berubah"])
    assert r["pembanding_garis"] is None or pd.isna(r["pembanding_garis"])
    assert (r["keluarga"], r["jiwa"]) == (7, 21)


def test_a_list_of_another_size_is_another_coverage(tmp_path):
    # 10 families, then 4 (a bansos list, say, of the same source name): 0,4 × the size
    data = build_lake(
        tmp_path / "data",
        {"keluarga": {"2024-06": _list(FAMILIES + FAMILIES[:3]), "2024-09": _list(FAMILIES[:4])}},
    )
    r = ring(data, "2024-09")
    assert bool(r["daftar_berubah"]) and not bool(r["garis_berganti_dasar"])

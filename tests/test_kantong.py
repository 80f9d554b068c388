"""One pocket definition (BPS review M4): the empirical-Bayes smoothing of the index's components
against esda's own Empirical_Bayes, and the pocket status that the scorecard, the Peta index
chart and slide 5 share, on a hand-made city where the old 1,5 × rule and the new one disagree."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest
from esda.smoothing import Empirical_Bayes
from lakes import build_lake, keluarga_rows

from pantau import peta, queries, stats
from pantau.charts import kantong
from pantau.config import QUERIES_DIR


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    c.execute((QUERIES_DIR / "_shared" / "57_kantong.sql").read_text().split("-- kantong_")[0])
    return c


def _eb_sql(con, e, b) -> np.ndarray:
    df = pd.DataFrame({"e": np.asarray(e, float), "b": np.asarray(b, float)})
    con.register("d", df)
    # the same steps as peta_kelurahan's eb_rata / eb_varians CTEs
    out = con.execute(
        """
        WITH t AS (SELECT *, sum(e) OVER () / sum(b) OVER () AS t FROM d),
        v AS (SELECT *, sum(b * (e / b - t) ^ 2) OVER () / sum(b) OVER ()
                        - t / (sum(b) OVER () / count(b) OVER ()) AS v FROM t)
        SELECT eb_rate(e, b, t, v) FROM v
        """
    ).fetchnumpy()
    return np.asarray(list(out.values())[0], float)


def test_eb_rate_equals_esda_empirical_bayes(con):
    # Areas that differ more than chance: esda's weights are all positive here.
    e = [36, 3, 30, 12, 0, 7]
    b = [60, 5, 120, 40, 20, 9]
    assert _eb_sql(con, e, b) == pytest.approx(Empirical_Bayes(e, b).r.ravel())


def test_eb_rate_without_between_area_variance_gives_everyone_the_pooled_rate(con):
    # 5 of 50, 6 of 50, 5 of 50: rates .10 .12 .10, pooled 16/150 = .1067. Variance between
    # areas Σb(r − t)²/Σb = (50·.0067² + 50·.0133² + 50·.0067²)/150 = .0000889, less than
    # t ÷ mean base = .1067/50 = .00213: negative, so 0, and every area gets .1067 (esda would
    # give a negative weight here).
    assert _eb_sql(con, [5, 6, 5], [50, 50, 50]) == pytest.approx([16 / 150] * 3)


A = "35.75.04.1007"  # Ngemplakrejo
B = "35.75.04.1008"  # Petamanan
C = "35.75.01.1001"  # Karangketug
P = "2024-06"
# A: 40 listed, 32 EP (.80); B: 10 listed, 8 EP (.80); C: 100 listed, 30 EP (.30).
# City: 70 / 150 = .467. Old rule (≥ 5 EP and ≥ 1,5 × .467 = .70): A and B are pockets.
# The rule: the Wilson lower bound at z = 2,974 (one-sided 5 %, Bonferroni over 34 kelurahan)
# above .467: A (32/40: from .567) only; B (8/10: from .351) is not clear of chance; C's rate is
# below the city's.
CITY = [(A, "Ya")] * 32 + [(A, "Tidak")] * 8 + [(B, "Ya")] * 8 + [(B, "Tidak")] * 2
CITY += [(C, "Ya")] * 30 + [(C, "Tidak")] * 70


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    rows = keluarga_rows([{"kode_kel": kel, "miskin_ekstrem": ep} for kel, ep in CITY])
    return build_lake(tmp_path_factory.mktemp("kantong"), {"keluarga": {P: rows}})


def test_one_pocket_definition_for_the_peta_and_the_scorecard(lake):
    df = queries.run("peta_kelurahan", {"periode": P}, lake).set_index("kode_kel")
    assert stats.wilson(32, 40)[0] == pytest.approx(0.6524, abs=1e-4)
    assert df.loc[[A, B, C], "kantong"].tolist() == [True, False, False]
    assert not df.drop(index=[A, B, C])["kantong"].fillna(False).any()
    skor = queries.run("skor_strategi", {"periode": P}, lake).set_index("indikator")
    assert skor.loc["Kelurahan kantong kemiskinan", "nilai"] == 1  # the old rule gave 2
    # a count of pockets measures concentration, not progress: no direction, no arrow
    # (BPS review 5, MUST 2: one kelurahan crossing the bound made "4 vs 5 membaik")
    assert pd.isna(skor.loc["Kelurahan kantong kemiskinan", "arah_baik"])
    # index and rank from 30 listed keluarga: A (40) and C (100), not B (10)
    assert df.loc[[A, C], "peringkat"].tolist() == [1, 2]
    assert pd.isna(df.loc[B, "indeks_kantong"])
    # the chart marks the pocket, and its title counts pockets by the same definition
    shown = df.reset_index()
    fig = kantong.grafik_peringkat(shown, peta.judul_peringkat(shown, "Kota Pasuruan", P))
    assert list(fig.data[0].y) == ["1. Ngemplakrejo ◆", "2. Karangketug"]
    assert "1 kelurahan berstatus kantong (◆)" in fig.layout.title.text.replace("<br>", " ")


def test_slide_5_names_only_the_pockets_of_the_one_definition(lake):
    from pantau.report import build_deck

    deck = build_deck(lake, P, "kepala")
    slide = next(s for s in deck.slides if s.key == "strategi_3")
    # A is the pocket; B (8 families, the old rule's second pocket) is not named
    assert slide.judul.startswith(
        "1 kelurahan kantong kemiskinan (di atas angka kota): Kel. Ngemplakrejo"
    )
    assert "Petamanan" not in slide.judul
    assert any(p.startswith("Klaster:") or "klaster" in p.lower() for p in slide.poin)
    assert any("(kantong)" in p and "Ngemplakrejo" in p for p in slide.poin)


# A second city for the base of the rule (the BPS re-review's N1): the base is the listed
# keluarga, not 30 extreme-poor keluarga. D: 12 listed, all 12 EP; E: 200 listed, 40 EP (.20);
# F: 50 listed, 22 EP (.44). City: 74 / 262 = .2824. Lower Wilson bounds at z = 2,974
# (statsmodels' proportion_confint at alpha = 2 × 0,05/34): D .5757 > .2824, a pocket with only
# 12 extreme-poor keluarga (the old rule's base of 30 dropped it); E .1294: 40 families, no
# pocket; F .2564 < .2824: above the city at the plain 95 % (.3116) but not once 34 kelurahan
# are tested.
D, E, F = "35.75.02.1001", "35.75.02.1002", "35.75.03.1001"
KOTA2 = [(D, "Ya")] * 12 + [(E, "Ya")] * 40 + [(E, "Tidak")] * 160
KOTA2 += [(F, "Ya")] * 22 + [(F, "Tidak")] * 28


def test_a_pocket_is_judged_on_its_list_with_bonferroni_not_on_30_extreme_poor(tmp_path):
    from scipy.stats import norm
    from statsmodels.stats.proportion import proportion_confint

    rows = keluarga_rows([{"kode_kel": kel, "miskin_ekstrem": ep} for kel, ep in KOTA2])
    lake = build_lake(tmp_path / "data", {"keluarga": {P: rows}})
    df = queries.run("peta_kelurahan", {"periode": P}, lake).set_index("kode_kel")
    assert df.loc[[D, E, F], "kantong"].tolist() == [True, False, False]
    alpha = 2 * (1 - norm.cdf(norm.ppf(1 - 0.05 / 34)))
    assert proportion_confint(12, 12, alpha, "wilson")[0] == pytest.approx(0.5757, abs=1e-4)
    assert proportion_confint(22, 50, 0.05, "wilson")[0] > 74 / 262  # the uncorrected test
    assert proportion_confint(22, 50, alpha, "wilson")[0] < 74 / 262
    skor = queries.run("skor_strategi", {"periode": P}, lake).set_index("indikator")
    assert skor.loc["Kelurahan kantong kemiskinan", "nilai"] == 1

"""The statistics of issue 11 §3, each against a reference computed another way: the SQL Wilson
interval against statsmodels and a hand-solved case, the EB-smoothed Local Moran against esda's
own steps on a tiny grid with a planted cluster, the FDR cut by hand, Kaplan–Meier against the
product-limit worked by hand, the difference in differences and the hazard's odds ratio on tiny
panels whose answer is known exactly, and the matched panel query on a hand-made lake."""

from __future__ import annotations

import math

import duckdb
import esda
import libpysal
import numpy as np
import pandas as pd
import pytest
import shapely
from lakes import build_lake, keluarga_rows, kk
from statsmodels.stats.proportion import proportion_confint

from pantau import privacy, queries, stats
from pantau.config import QUERIES_DIR

# --- Wilson --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def wilson_sql():
    con = duckdb.connect()
    con.execute((QUERIES_DIR / "_shared" / "55_wilson.sql").read_text())
    return con


def test_wilson_3_of_10_matches_the_hand_solved_interval(wilson_sql):
    # p = .3, n = 10, z² = 3.8415: centre = (.3 + z²/20) / (1 + z²/10) = .49207 / 1.38415 = .35550;
    # half = z / 1.38415 · sqrt(.3·.7/10 + z²/400) = 1.41600 · .174939 = .247715
    # → (.10779, .60321)
    lo, hi = wilson_sql.execute("SELECT wilson_bawah(3, 10), wilson_atas(3, 10)").fetchone()
    assert (lo, hi) == pytest.approx((0.35550 - 0.247715, 0.35550 + 0.247715), abs=1e-5)
    assert stats.wilson(3, 10) == pytest.approx((lo, hi), abs=1e-12)


@pytest.mark.parametrize(
    "k,n", [(0, 1), (1, 1), (0, 5), (5, 5), (1, 4), (2, 22), (12, 20), (31, 171), (900, 1000)]
)
def test_wilson_in_sql_equals_statsmodels(wilson_sql, k, n):
    sql = "SELECT wilson_bawah($k, $n), wilson_atas($k, $n)"
    lo, hi = wilson_sql.execute(sql, {"k": k, "n": n}).fetchone()
    expected = proportion_confint(k, n, alpha=0.05, method="wilson")
    assert (lo, hi) == pytest.approx(expected, abs=1e-12)


def test_wilson_of_no_family_is_unknown(wilson_sql):
    assert wilson_sql.execute("SELECT wilson_bawah(0, 0), wilson_atas(NULL, 5)").fetchone() == (
        None,
        None,
    )


# --- pockets -------------------------------------------------------------------------------------


def _grid() -> tuple[list[str], libpysal.weights.W]:
    """A 2×3 grid of unit squares, ids r0c0 … r1c2; queen weights from the polygons."""
    import geopandas as gpd

    ids, boxes = [], []
    for r in range(2):
        for c in range(3):
            ids.append(f"r{r}c{c}")
            boxes.append(shapely.box(c, r, c + 1, r + 1))
    frame = gpd.GeoDataFrame({"kode": ids}, geometry=boxes).set_index("kode")
    w = libpysal.weights.Queen.from_dataframe(frame, use_index=True, silence_warnings=True)
    w.transform = "r"
    return ids, w


def test_eb_local_moran_on_a_grid_equals_esda_on_the_assuncao_reis_rates():
    ids, w = _grid()
    # Planted cluster in the left column: 30 and 28 of 100 against 2-4 of 100 elsewhere.
    events = pd.Series([30, 3, 2, 28, 4, 3], index=ids, dtype=float)
    base = pd.Series([100, 100, 100, 100, 100, 100], index=ids, dtype=float)
    got = stats.lisa_eb(events, base, w, permutations=99, seed=7)
    # Reference the other way: EB-standardise first (esda.smoothing.assuncao_rate), then the
    # plain Local Moran of those values.
    z = esda.smoothing.assuncao_rate(events.loc[w.id_order].to_numpy(), base.loc[w.id_order])
    ref = esda.Moran_Local(z, w, permutations=99, seed=7, n_jobs=1)
    assert got["I"].to_numpy() == pytest.approx(ref.Is)
    assert got["q"].tolist() == list(ref.q)
    # The planted cells are high among high (quadrant 1) with a positive local I.
    assert got.loc[["r0c0", "r1c0"], "q"].tolist() == [1, 1]
    assert (got.loc[["r0c0", "r1c0"], "I"] > 0).all()


def test_fdr_cut_is_benjamini_hochberg_worked_by_hand():
    p = np.array([0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216])
    # i·α/n = .005, .010, .015, …: p(1) = .001 < .005, p(2) = .008 < .010, p(3) = .039 > .015 and
    # no later p(i) < i·.005, so the cut is 2·.005 = .01: two tests survive (five had p < .05).
    assert esda.fdr(p, 0.05) == pytest.approx(0.01)
    assert int((p <= esda.fdr(p, 0.05)).sum()) == 2


def test_nothing_survives_on_noise_and_the_page_says_so():
    from pantau import peta

    hs = pd.DataFrame(
        {"kuadran": ["Tidak signifikan"] * 3, "p_tanpa_koreksi": [True, False, False]}
    )
    text = peta.kalimat_tanpa_klaster(hs)
    assert text.startswith("Tidak ada kelurahan yang polanya bertahan setelah koreksi")
    assert "Tanpa koreksi, 1 kelurahan akan tampak signifikan" in text


def test_the_pocket_index_ranks_every_kelurahan_with_a_listed_base_on_the_demo_lake(demo_lake):
    df = queries.run("peta_kelurahan", {}, demo_lake)
    ranked = df[df["peringkat"].notna()]
    # The base is the listed keluarga (BPS review 3, B1): an earlier base of 30 extreme-poor
    # keluarga ranked 1 of the 4 pockets of 2026-09. Every pocket now has a rank.
    assert (ranked["keluarga"] >= 30).all()
    assert df.loc[df["keluarga"] < 30, "indeks_kantong"].isna().all()
    assert ranked["kantong"].sum() == df["kantong"].fillna(False).sum()
    assert (ranked["keluarga_miskin_ekstrem"] < 30).any()  # small bases ranked ...
    assert ranked.loc[ranked["keluarga_miskin_ekstrem"] < 30, "dasar_kecil"].all()  # ... marked
    assert sorted(ranked["peringkat"].astype(int)) == list(range(1, len(ranked) + 1))


# --- Kaplan–Meier -------------------------------------------------------------------------------


def test_kaplan_meier_equals_the_product_limit_by_hand():
    # durations 1 2 2 3 4 4, exits 1 1 0 1 0 1:
    #   t=1: 6 at risk, 1 exit → 5/6;  t=2: 5 at risk, 1 exit (1 censored) → 5/6·4/5 = 2/3;
    #   t=3: 3 at risk, 1 exit → 2/3·2/3 = 4/9;  t=4: 2 at risk, 1 exit → 4/9·1/2 = 2/9.
    km = stats.kaplan_meier([1, 2, 2, 3, 4, 4], [1, 1, 0, 1, 0, 1])
    assert km["k"].tolist() == [1, 2, 3, 4]
    assert km["estimasi"].tolist() == pytest.approx([5 / 6, 2 / 3, 4 / 9, 2 / 9])
    # Greenwood at t=1: SE = S·sqrt(d/(n(n−d))) = 5/6·sqrt(1/30); interval S·exp(∓1,96·SE/S).
    se = 5 / 6 * math.sqrt(1 / 30)
    spread = math.exp(1.959963984540054 * se / (5 / 6))
    assert (km["bawah"][0], km["atas"][0]) == pytest.approx(
        (5 / 6 / spread, min(1, 5 / 6 * spread))
    )


# --- difference in differences and the hazard --------------------------------------------------


def _panel(rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["no_kk", "penerima", "k", "pendapatan", "berisiko", "keluar"]
    ).assign(kohort="2024-Q2", sel="s", bobot=1.0)


def test_did_recovers_the_known_effect_treated_plus_100_control_plus_20():
    rows = []
    for fam, treated, level in [
        ("t1", True, 1000),
        ("t2", True, 1200),
        ("c1", False, 500),
        ("c2", False, 700),
    ]:
        gain = 100 if treated else 20
        for k in (-2, -1, 1, 2):
            rows.append((fam, treated, k, level + (gain if k >= 1 else 0), False, False))
    est, lo, hi, n, _ = stats.did(_panel(rows))
    assert est == pytest.approx(80) and n == 16
    assert lo <= 80 <= hi
    es = stats.event_study(_panel(rows)).set_index("k")["estimasi"]
    assert es.to_dict() == pytest.approx({-2: 0, -1: 0, 1: 80, 2: 80}, abs=1e-6)


def test_hazard_odds_ratio_equals_the_two_by_two_by_hand():
    # One quarter at risk each: recipients 5 exits of 10, comparison 2 of 10.
    # OR = (5/5) / (2/8) = 4; per 100 at risk: 50 and 20.
    rows = [(f"t{i}", True, 1, None, True, i < 5) for i in range(10)]
    rows += [(f"c{i}", False, 1, None, True, i < 2) for i in range(10)]
    out = stats.efek_modal_usaha(_panel(rows))
    hazard = out[out["jenis"] == "hazard"].iloc[0]
    assert hazard["estimasi"] == pytest.approx(4.0)
    assert hazard["bawah"] < 4 < hazard["atas"]
    assert (hazard["keluarga_penerima"], hazard["keluarga_pembanding"]) == (10, 10)
    laju = out[out["jenis"] == "laju"].set_index("kelompok")["estimasi"]
    assert laju.to_dict() == pytest.approx({"penerima": 50.0, "pembanding": 20.0})


# --- the matched panel query on a hand-made lake -----------------------------------------------

A = "35.75.04.1007"  # Ngemplakrejo
C = "35.75.01.1001"  # Karangketug
# Lists 2024-03, 2024-06, 2024-09 (the same families). EP = extreme-poor, all desil 1, size 4,
# business yes, no spending figure (cell '?').
#   i kel EP  Modal Usaha                 visits
#   0 A   Ya  2024-04-15 (Q2: cohort)     2024-02-10 Rp 500.000; 2024-08-10 keluar Rp 900.000
#   1 A   Ya  -                            2024-02-10 Rp 400.000; 2024-08-10 Rp 420.000;
#                                          2024-11-10 keluar
#   2 C   Ya  -  (other kelurahan: other cell, dropped)
#   3 A   Ya  2024-08-01 (Q3: comparison for Q2 up to k = 0, then its own cohort has no match)
#   4 A   -   -  (not extreme-poor: never a comparison)
LISTS = ["2024-03", "2024-06", "2024-09"]
FAMS = [(A, "Ya"), (A, "Ya"), (C, "Ya"), (A, "Ya"), (A, "Tidak")]
GRANTS = [(kk(0), "2024-04-15"), (kk(3), "2024-08-01")]
VISITS = [
    (0, "2024-02-10", 500_000, "Masih Ekstrem"),
    (0, "2024-08-10", 900_000, "Keluar"),
    (1, "2024-02-10", 400_000, "Masih Ekstrem"),
    (1, "2024-08-10", 420_000, "Masih Ekstrem"),
    (1, "2024-11-10", None, "Keluar"),
]


@pytest.fixture(scope="module")
def panel_lake(tmp_path_factory):
    keluarga = keluarga_rows(
        [
            {"kode_kel": kel, "miskin_ekstrem": ep, "desil": 1, "punya_usaha": "Ya"}
            for kel, ep in FAMS
        ]
    )
    pay = pd.DataFrame(
        [
            {
                "no_kk": no_kk,
                "program": "Modal Usaha",
                "tanggal_salur": d,
                "nilai": 2_500_000,
                "status": "Tersalur",
            }
            for no_kk, d in GRANTS
        ]
    )
    visits = pd.DataFrame(
        [
            {"no_kk": kk(i), "tanggal": d, "pendapatan_bulanan": rp, "status_ekstrem": s}
            for i, d, rp, s in VISITS
        ]
    )
    # KUBE K1, formed 2024-05-20, lists i1 in its first export (2024-06).
    kube = pd.DataFrame(
        [
            {
                "id_kube": "K1",
                "nama_kube": "KUBE K1",
                "kode_kel": A,
                "jenis_usaha": "Kue",
                "no_kk": kk(1),
                "tanggal_bentuk": "2024-05-20",
                "omzet_bulanan": 1_000_000,
                "status_aktif": "Aktif",
            }
        ]
    )
    tables = {
        "keluarga": {p: keluarga for p in LISTS},
        "penyaluran": {"2024-09": pay},
        "pemantauan": {"2024-12": visits},
        "kube": {"2024-06": kube},
    }
    return build_lake(tmp_path_factory.mktemp("panel"), tables)


def test_the_panel_matches_within_the_cell_and_follows_the_risk_set(panel_lake):
    df = queries.run("bantuan_modal_usaha_panel", {"periode": "2024-12"}, panel_lake)
    # Cohort 2024-Q2 (list 2024-03): recipient i0; comparison i1 and i3 in the same cell (A, desil
    # 1, 3-4 members, spending unknown, business); i2 is in another kelurahan, i4 not EP.
    # Cohort 2024-Q3 (i3, list 2024-06): i1 is its only comparison.
    q2 = df[df["kohort"] == "2024-Q2"]
    fam = q2.drop_duplicates("no_kk").set_index("no_kk")
    assert set(fam.index) == {kk(0), kk(1), kk(3)}
    assert fam.loc[kk(0), "penerima"] and not fam.loc[kk(1), "penerima"]
    # weight: 1 recipient ÷ 2 comparison families in the cell
    assert fam.loc[[kk(0), kk(1), kk(3)], "bobot"].tolist() == pytest.approx([1, 0.5, 0.5])
    r0 = q2[q2["no_kk"] == kk(0)].set_index("k")
    # quarters 2023-Q2 (k=-4) .. 2024-Q4 (k=2, the period's end)
    assert r0.index.tolist() == [-4, -3, -2, -1, 0, 1, 2]
    # exit in 2024-Q3 (k=1): at risk then, not after
    assert r0.loc[1, ["berisiko", "keluar"]].tolist() == [True, True]
    assert not r0.loc[2, "berisiko"]
    assert (r0.loc[-1, "pendapatan"], r0.loc[1, "pendapatan"]) == (500_000, 900_000)
    r1 = q2[q2["no_kk"] == kk(1)].set_index("k")
    assert r1.loc[[1, 2], "berisiko"].tolist() == [True, True]
    assert r1.loc[[1, 2], "keluar"].tolist() == [False, True]
    # i3 is a comparison until its own grant quarter (2024-Q3 = k 1): rows stop at k = 0
    assert q2.loc[q2["no_kk"] == kk(3), "k"].max() == 0
    q3 = df[df["kohort"] == "2024-Q3"].drop_duplicates("no_kk").set_index("no_kk")
    assert set(q3.index) == {kk(1), kk(3)} and q3.loc[kk(3), "penerima"]


def test_the_effect_reaches_the_page_through_the_privacy_path(panel_lake):
    out = privacy.result("bantuan_modal_usaha_efek", {"periode": "2024-12"}, "kepala", panel_lake)
    laju = out[out["jenis"] == "laju"].set_index("kelompok")
    # At-risk quarters: Q2 cohort i0 k1 (exit); i1 k1, k2 (exit at k2), weight .5 each;
    # Q3 cohort i3 k1 (2024-Q4, no exit); i1 k1 (2024-Q4, exit), weight 1.
    # recipients: exits 1 of 2 rows → 50 per 100; comparison: (.5·1 + 1·1) / (.5 + .5 + 1) = 75.
    assert laju.loc["penerima", "estimasi"] == pytest.approx(50.0)
    assert laju.loc["pembanding", "estimasi"] == pytest.approx(75.0)
    # two recipients (i0, i3), two comparison families (i1, i3 as comparison of Q2)
    hazard = out[out["jenis"] == "hazard"].iloc[0]
    assert (hazard["keluarga_penerima"], hazard["keluarga_pembanding"]) == (2, 2)
    # A guest sees arms of 2 families suppressed, and the estimates with them.
    tamu = privacy.result("bantuan_modal_usaha_efek", {"periode": "2024-12"}, "tamu", panel_lake)
    assert set(tamu["keluarga_penerima"]) == {"<5"}
    assert set(tamu["estimasi"].astype(str)) == {privacy.HIDDEN}


def test_kube_membership_is_compared_the_same_way(panel_lake):
    df = queries.run("kube_panel", {"periode": "2024-12"}, panel_lake)
    # i1 joins in 2024-Q2 (formation 2024-05-20; list in force 2024-03): its cell (A, desil 1,
    # 3-4 members, business) holds i0 and i3, EP and not KUBE members: weights 1 ÷ 2 each.
    fam = df.drop_duplicates("no_kk").set_index("no_kk")
    assert set(df["kohort"]) == {"2024-Q2"}
    assert set(fam.index) == {kk(0), kk(1), kk(3)} and fam.loc[kk(1), "penerima"]
    assert fam.loc[[kk(0), kk(3)], "bobot"].tolist() == pytest.approx([0.5, 0.5])
    r1 = df[df["no_kk"] == kk(1)].set_index("k")
    # i1's exit visit is in 2024-Q4 = k 2, after a quarter at risk without one
    assert r1.loc[[1, 2], "keluar"].tolist() == [False, True]
    out = privacy.result("kube_efek", {"periode": "2024-12"}, "kepala", panel_lake)
    hazard = out[out["jenis"] == "hazard"].iloc[0]
    assert (hazard["keluarga_penerima"], hazard["keluarga_pembanding"]) == (1, 2)


# --- scorecard arrows only beyond the interval (S5) --------------------------------------------


@pytest.fixture(scope="module")
def skor_lake(tmp_path_factory):
    # Two flagged lists of 30 extreme-poor keluarga each. Cakupan (PKH enrolment): 10 → 20;
    # earth floor (lantai 9): 10 → 12.
    def rows(pkh: int, tanah: int):
        return keluarga_rows(
            [
                {"PKH": "Ya" if i < pkh else "", "lantai": "9" if i < tanah else "2"}
                for i in range(30)
            ]
        )

    tables = {"keluarga": {"2024-03": rows(10, 10), "2024-06": rows(20, 12)}}
    return build_lake(tmp_path_factory.mktemp("skor"), tables)


def test_scorecard_arrow_only_when_newcombe_interval_excludes_zero(skor_lake):
    from statsmodels.stats.proportion import confint_proportions_2indep

    df = queries.run("skor_strategi", {"periode": "2024-06"}, skor_lake).set_index("indikator")
    # 20/30 − 10/30: statsmodels' Newcombe interval 0,080 to 0,533 excludes 0 → membaik.
    lo, hi = confint_proportions_2indep(20, 30, 10, 30, method="newcomb")
    assert lo > 0
    cak = df.loc["Cakupan bansos keluarga miskin ekstrem"]
    assert (cak["nilai"], cak["nilai_sebelumnya"]) == pytest.approx((2 / 3, 1 / 3))
    assert (cak["berubah_berarti"], cak["membaik"], cak["arah"]) == (True, True, "membaik")
    # 12/30 − 10/30: −0,169 to 0,293 holds 0 → no arrow, though the share rose (worse).
    lo, hi = confint_proportions_2indep(12, 30, 10, 30, method="newcomb")
    assert lo < 0 < hi
    tanah = df.loc["Keluarga miskin ekstrem berlantai tanah"]
    assert not tanah["berubah_berarti"] and pd.isna(tanah["membaik"])
    assert tanah["arah"] == "tidak berubah berarti"
    # the share below the line is a check of the list: no direction
    bawah = df.loc["Keluarga miskin ekstrem dengan pengeluaran per kapita di bawah garis ekstrem"]
    assert pd.isna(bawah["arah_baik"]) and pd.isna(bawah["membaik"])


def test_the_scorecard_exit_row_is_the_rate_with_newcombes_test(demo_lake):
    # BPS review 3, S6: "62 keluarga vs 139 keluarga → memburuk" compared counts whose stock at
    # risk differs. The row is now the tile's rate (leavers since 1 January ÷ the extreme-poor
    # on the latest flagged list before 1 January), tested like every share.
    from statsmodels.stats.proportion import confint_proportions_2indep

    kpi = queries.run("ringkasan_kpi", {}, demo_lake).iloc[0]
    row = (
        queries.run("skor_strategi", {}, demo_lake)
        .set_index("indikator")
        .loc["Keluarga keluar dari kemiskinan ekstrem tahun ini"]
    )
    n1, n0 = int(kpi["keluarga_berisiko_awal_tahun"]), int(kpi["keluarga_berisiko_awal_tahun_lalu"])
    k1, k0 = int(kpi["keluarga_keluar_tahun_ini"]), int(kpi["keluarga_keluar_tahun_lalu"])
    assert row["satuan"] == "persen" and (
        row["basis_keluarga"],
        row["basis_keluarga_sebelumnya"],
    ) == (
        n1,
        n0,
    )
    assert (row["nilai"], row["nilai_sebelumnya"]) == pytest.approx((k1 / n1, k0 / n0))
    assert row["nilai"] == pytest.approx(kpi["laju_keluar_tahun_ini"])  # the tile's rate
    lo, hi = confint_proportions_2indep(k1, n1, k0, n0, method="newcomb")
    assert row["berubah_berarti"] == bool(lo > 0 or hi < 0)
    want = "tidak berubah berarti"
    if row["berubah_berarti"]:
        want = "membaik" if k1 / n1 > k0 / n0 else "memburuk"
    assert row["arah"] == want

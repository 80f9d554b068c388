"""Peta page: its queries on a hand-made lake (values worked by hand), the maps with the real and
the approximate boundaries, the drill-down, and the page through AppTest."""

from __future__ import annotations

import json
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from lakes import ROOT, build_lake, keluarga_rows, kk
from streamlit.testing.v1 import AppTest

from pantau import geo, peta, queries, stats
from pantau.charts import maps

# Real boundary files, read where they are: they are never copied into the repository.
SHARED_GEO = Path(__file__).resolve().parents[1].parent / "shared" / "geo"
KELURAHAN_FILE = SHARED_GEO / "pasuruan_kelurahan.geojson"
KECAMATAN_FILE = SHARED_GEO / "pasuruan_kecamatan.geojson"

A = "35.75.04.1007"  # Kel. Ngemplakrejo, Kec. Panggungrejo
B = "35.75.04.1008"  # Kel. Petamanan, Kec. Panggungrejo
C = "35.75.01.1001"  # Kel. Karangketug, Kec. Gadingrejo
PANGGUNGREJO, GADINGREJO = "35.75.04", "35.75.01"
P = "2024-06"
KOSONG = "2024-05"  # only disbursements: a period on the list with no keluarga

# The 2024-06 list. EP = extreme-poor. Codes: lantai 9 tanah; sumber_air 7/9/10/11 tidak layak
# (3 leding meteran layak); fasilitas_bab 1 sendiri; penerangan 1 PLN; "" = not filled in.
#   i     kel EP  PKH lantai air bab pln  covered?
#   0     A   Ya  Ya  9      7   1   1    yes (PKH)
#   1     A   Ya  -   2      7   1   2    yes (Sembako tersalur 2024-05-10)
#   2     A   Ya  -   2      3   1   1    no  (its disbursement failed: gagal)
#   3     A   Ya  -   2      3   1   1    no  (tersalur 2023-05-02, over 12 months before 30-06)
#   4-9   A   -   -   9      10  4   3    (not EP: their deprivation must not count)
#   10    B   Ya  -   9      10  4   ""   no
#   11-14 B   -
#   15    C   Ya  Ya  2      3   2   1    yes
#   16-19 C   Ya  Ya  2      3   1   1    yes
#   20-34 C   -
ROWS = (
    [
        (A, "Ya", "Ya", 9, 7, 1, 1),
        (A, "Ya", "", 2, 7, 1, 2),
        (A, "Ya", "", 2, 3, 1, 1),
        (A, "Ya", "", 2, 3, 1, 1),
    ]
    + [(A, "Tidak", "", 9, 10, 4, 3)] * 6
    + [(B, "Ya", "", 9, 10, 4, "")]
    + [(B, "Tidak", "", 2, 3, 1, 1)] * 4
    + [(C, "Ya", "Ya", 2, 3, 2, 1)]
    + [(C, "Ya", "Ya", 2, 3, 1, 1)] * 4
    + [(C, "Tidak", "", 2, 3, 1, 1)] * 15
)
PAYMENTS = [
    (kk(1), "2024-05-10", "Tersalur"),
    (kk(2), "2024-05-10", "Gagal"),
    (kk(3), "2023-05-02", "Tersalur"),
]


def _keluarga() -> pd.DataFrame:
    return keluarga_rows(
        [
            {
                "kode_kel": kel,
                "miskin_ekstrem": ep,
                "PKH": pkh,
                "lantai": str(lantai),
                "sumber_air": str(air),
                "fasilitas_bab": str(bab),
                "penerangan": str(pln),
            }
            for kel, ep, pkh, lantai, air, bab, pln in ROWS
        ]
    )


def _penyaluran() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "no_kk": no_kk,
                "program": "Sembako Daerah",
                "tanggal_salur": tgl,
                "nilai": 600_000,
                "status": status,
            }
            for no_kk, tgl, status in PAYMENTS
        ]
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build_lake(
        tmp_path_factory.mktemp("peta"),
        {"keluarga": {P: _keluarga()}, "penyaluran": {KOSONG: _penyaluran()}},
    )


@pytest.fixture(autouse=True)
def _no_boundary_files(monkeypatch):
    monkeypatch.delenv("PANTAU_BATAS", raising=False)
    monkeypatch.delenv("PANTAU_BATAS_KECAMATAN", raising=False)


def q(lake, name, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def by(df: pd.DataFrame, column: str) -> pd.DataFrame:
    return df.set_index(column)


# --- queries ---------------------------------------------------------------------------------


def test_peta_kelurahan_counts_rate_share_and_uncovered_per_kelurahan(lake):
    df = by(q(lake, "peta_kelurahan", periode=P), "kode_kel")
    assert len(df) == 34
    # listed: A 10, B 5, C 20; EP: A 4, B 1, C 5; city EP = 10.
    assert df.loc[[A, B, C], "keluarga"].tolist() == [10, 5, 20]
    assert df.loc[[A, B, C], "keluarga_miskin_ekstrem"].tolist() == [4, 1, 5]
    # per 1.000: A 1000*4/10 = 400, B 1000*1/5 = 200, C 1000*5/20 = 250
    assert df.loc[[A, B, C], "per_1000_keluarga"].tolist() == pytest.approx([400, 200, 250])
    # share of the city's 10 EP: 4/10, 1/10, 5/10
    assert df.loc[[A, B, C], "porsi_kota"].tolist() == pytest.approx([0.4, 0.1, 0.5])
    # uncovered: A i2 (failed) + i3 (too old) = 2 of 4; B 1 of 1; C 0 of 5
    assert df.loc[[A, B, C], "keluarga_belum_tercakup"].tolist() == [2, 1, 0]
    assert df.loc[[A, B, C], "porsi_belum_tercakup"].tolist() == pytest.approx([0.5, 1.0, 0.0])
    other = df.drop(index=[A, B, C])
    assert (other["keluarga"] == 0).all() and other["per_1000_keluarga"].isna().all()


def test_peta_kelurahan_deprivation_shares_count_only_extreme_poor_with_known_answers(lake):
    df = by(q(lake, "peta_kelurahan", periode=P), "kode_kel")
    cols = ["porsi_lantai_tanah", "porsi_air_tidak_layak", "porsi_tanpa_jamban", "porsi_bukan_pln"]
    # A's 4 EP: lantai 9 once = 1/4; air 7 twice = 2/4; bab all 1 = 0; pln 2 once = 1/4.
    # (A's six non-EP rows are deprived on everything and must not count.)
    assert df.loc[A, cols].tolist() == pytest.approx([0.25, 0.5, 0.0, 0.25])
    # B's one EP: deprived on three; penerangan not filled in, so its share is unknown.
    assert df.loc[B, cols[:3]].tolist() == pytest.approx([1.0, 1.0, 1.0])
    assert pd.isna(df.loc[B, "porsi_bukan_pln"])
    # C's 5 EP: only one shares a toilet: 1/5.
    assert df.loc[C, cols].tolist() == pytest.approx([0.0, 0.0, 0.2, 0.0])
    # mean of the known shares: A (.25+.5+0+.25)/4 = .25; B (1+1+1)/3 = 1; C .2/4 = .05
    assert df.loc[[A, B, C], "rata_deprivasi"].tolist() == pytest.approx([0.25, 1.0, 0.05])


def test_no_kelurahan_under_the_minimum_base_gets_a_pocket_index(lake):
    # A 10, B 5, C 20 keluarga on the list: all under dasar_indeks() = 30 listed keluarga (the
    # index's base, BPS review 3 B1). Before any base, B (1 family, 1 of 1 uncovered) ranked 2nd
    # of the city on a share of one family.
    df = by(q(lake, "peta_kelurahan", periode=P), "kode_kel")
    assert df["indeks_kantong"].isna().all() and df["peringkat"].isna().all()


# A city where two kelurahan reach the base of 30 listed keluarga and a tiny one does not
# (like Bukir and Randusari with 3 families each on the 20.000-family demo, which ranked 8th
# and 10th):
#   A Ngemplakrejo: 60 listed, 36 EP; 18 with PKH (covered), 18 uncovered; 18 of 36 lantai
#                   tanah, nothing else deprived.
#   C Karangketug: 120 listed, 30 EP, all with PKH; every EP deprived on all four.
#   B Petamanan:     5 listed,  3 EP, none covered, deprived on all four (would top u and d).
RANKED = (
    [(A, "Ya", "Ya", 9, 3, 1, 1)] * 18
    + [(A, "Ya", "", 2, 3, 1, 1)] * 18
    + [(A, "Tidak", "", 2, 3, 1, 1)] * 24
    + [(C, "Ya", "Ya", 9, 10, 4, 3)] * 30
    + [(C, "Tidak", "", 2, 3, 1, 1)] * 90
    + [(B, "Ya", "", 9, 10, 4, 3)] * 3
    + [(B, "Tidak", "", 2, 3, 1, 1)] * 2
)


@pytest.fixture(scope="module")
def ranked_lake(tmp_path_factory):
    rows = keluarga_rows(
        [
            {
                "kode_kel": kel,
                "miskin_ekstrem": ep,
                "PKH": pkh,
                "lantai": str(lantai),
                "sumber_air": str(air),
                "fasilitas_bab": str(bab),
                "penerangan": str(pln),
            }
            for kel, ep, pkh, lantai, air, bab, pln in RANKED
        ]
    )
    return build_lake(tmp_path_factory.mktemp("peringkat"), {"keluarga": {P: rows}})


def test_pocket_index_is_the_mean_of_rate_uncovered_and_deprivation_over_the_ranked(ranked_lake):
    df = by(q(ranked_lake, "peta_kelurahan", periode=P), "kode_kel")
    # Each component smoothed by empirical Bayes over A, B, C (eb_rate; tests/test_kantong.py
    # checks it against esda), then min-max scaled over the three:
    #   rate   e 36, 3, 30 of b 60, 5, 120: EB A .5498, B .4244, C .2653 → A 1, C 0
    #   uncov. e 18, 3, 0 of b 36, 3, 30:   EB A .4784, B .5836, C .0395 → A .8066, C 0
    #   depriv. e 4,5, 3, 30 of b 36, 3, 30: EB A .1596, B .7627, C .9554 → A 0, C 1
    # A = 100·(1 + .8066 + 0)/3 = 60,22; C = 100·(0 + 0 + 1)/3 = 33,33. B (5 listed) gets none.
    assert df.loc[[A, C], "indeks_kantong"].tolist() == pytest.approx([60.2186, 100 / 3], abs=1e-3)
    assert df.loc[[A, C], "peringkat"].tolist() == [1, 2]
    assert pd.isna(df.loc[B, "indeks_kantong"]) and pd.isna(df.loc[B, "peringkat"])
    assert df.loc[B, "porsi_belum_tercakup"] == 1.0  # shown, but not ranked on
    # kecamatan filter keeps the city-wide rank
    c = by(q(ranked_lake, "peta_kelurahan", periode=P, kode_kec=GADINGREJO), "kode_kel").loc[C]
    assert (c["peringkat"], c["indeks_kantong"]) == (2, pytest.approx(100 / 3))
    # pockets: city rate 69/185 = .373; A's Wilson (36, 60) from .474 is above it; C's rate .25
    # is below; B (3 of 5: from .139) is not clear of chance.
    assert df.loc[[A, B, C], "kantong"].tolist() == [True, False, False]


def test_rates_carry_their_wilson_interval_and_the_small_base_mark(ranked_lake):
    df = by(q(ranked_lake, "peta_kelurahan", periode=P), "kode_kel")
    # A: 36 of 60 listed; statsmodels' Wilson (36, 60) = (0.4737, 0.7143); uncovered 18 of 36.
    lo, hi = stats.wilson(36, 60)
    assert (df.loc[A, "per_1000_bawah"], df.loc[A, "per_1000_atas"]) == pytest.approx(
        (1000 * lo, 1000 * hi)
    )
    assert (lo, hi) == pytest.approx((0.4737, 0.7143), abs=1e-4)
    assert (
        df.loc[A, "porsi_belum_tercakup_bawah"],
        df.loc[A, "porsi_belum_tercakup_atas"],
    ) == pytest.approx(stats.wilson(18, 36))
    # only B has fewer than 30 extreme-poor keluarga
    assert df.loc[[A, B, C], "dasar_kecil"].tolist() == [False, True, False]
    table = peta.tabel_peringkat(df.reset_index())
    assert table["Catatan"].iloc[0] == ""
    b = table[table["Kelurahan"] == "Petamanan"].iloc[0]
    assert b["Catatan"] == "hati-hati: dasar kecil; tidak diperingkat (< 30 keluarga dalam daftar)"
    assert b["Peringkat"] == "–"


def test_peta_kecamatan_sums_kelurahan_before_taking_shares(lake):
    df = by(q(lake, "peta_kecamatan", periode=P), "kode_kec")
    assert len(df) == 4
    pg, gd = df.loc[PANGGUNGREJO], df.loc[GADINGREJO]
    # Panggungrejo = A + B: 15 listed, 5 EP, 1000*5/15 = 333.3, share 5/10, uncovered 3/5
    assert (pg["keluarga"], pg["keluarga_miskin_ekstrem"], pg["keluarga_belum_tercakup"]) == (
        15,
        5,
        3,
    )
    assert pg["per_1000_keluarga"] == pytest.approx(1000 * 5 / 15)
    assert (pg["porsi_kota"], pg["porsi_belum_tercakup"]) == pytest.approx((0.5, 0.6))
    # lantai (1+1)/5; air (2+1)/5; jamban (0+1)/5; pln 1/4 (B unknown); mean 1.45/4 = .3625
    assert pg[
        [
            "porsi_lantai_tanah",
            "porsi_air_tidak_layak",
            "porsi_tanpa_jamban",
            "porsi_bukan_pln",
            "rata_deprivasi",
        ]
    ].tolist() == pytest.approx([0.4, 0.6, 0.2, 0.25, 0.3625])
    assert (gd["keluarga_miskin_ekstrem"], gd["per_1000_keluarga"]) == (5, pytest.approx(250))
    assert df.loc["35.75.02", "keluarga"] == 0 and pd.isna(df.loc["35.75.02", "porsi_kota"])


def test_a_period_without_keluarga_gives_zero_rows_and_no_index(lake):
    df = q(lake, "peta_kelurahan", periode=KOSONG)
    assert len(df) == 34 and (df["keluarga"] == 0).all()
    assert df["indeks_kantong"].isna().all() and not peta.ada_data(df)
    assert (q(lake, "peta_kecamatan", periode=KOSONG)["keluarga"] == 0).all()


# --- boundaries and maps ---------------------------------------------------------------------

needs_geo = pytest.mark.skipif(not SHARED_GEO.is_dir(), reason="../shared/geo is not available")


def _bps_only(source: Path, column: str, target: Path) -> Path:
    """A copy of a shared file that carries only BPS codes (written to tmp_path)."""
    gpd.read_file(source)[[column, "geometry"]].to_file(target, driver="GeoJSON")
    return target


def _annotations(fig) -> str:
    layout = fig if isinstance(fig, dict) else fig.to_dict()
    return " ".join(a.get("text", "") for a in layout["layout"].get("annotations", []))


def _official_file(kind: str, level: str, tmp_path: Path) -> Path:
    source = KELURAHAN_FILE if level == "kelurahan" else KECAMATAN_FILE
    if kind == "kemendagri":
        return source
    column = "kode_kel_bps" if level == "kelurahan" else "kode_kec_bps"
    return _bps_only(source, column, tmp_path / f"{level}_bps.geojson")


@needs_geo
@pytest.mark.parametrize("kind", ["kemendagri", "bps"])
@pytest.mark.parametrize("level", ["kelurahan", "kecamatan"])
def test_official_file_in_either_code_system_draws_the_map_on_kemendagri_codes(
    lake, monkeypatch, tmp_path, level, kind
):
    path = _official_file(kind, level, tmp_path)
    monkeypatch.setenv(geo.ENV_BATAS[level], str(path))
    gdf, official, error = peta.batas(level)
    id_col = "kode_kel" if level == "kelurahan" else "kode_kec"
    expected = sorted(geo.wilayah()[id_col].unique())
    assert (official, error) == (True, None) and sorted(gdf[id_col]) == expected
    # BPS 3575031001 is Petamanan; undotted Kemendagri 3575031001 would be Blandongan.
    if level == "kelurahan":
        source = gpd.read_file(KELURAHAN_FILE).set_index("kode_kel").to_crs(6933)
        loaded = gdf.set_index("kode_kel").to_crs(6933)
        assert loaded.area[B] == pytest.approx(source.area[B], rel=1e-6)
    name = "peta_kelurahan" if level == "kelurahan" else "peta_kecamatan"
    params = {"kode_kec": PANGGUNGREJO} if level == "kelurahan" else {}
    df = q(lake, name, periode=P, **params)
    fig = maps.peta_metrik(
        df, level, "per_1000", "judul", sorot=B if level == "kelurahan" else None
    )
    assert "perkiraan" not in _annotations(fig)
    assert list(fig.data[0].locations) == df[id_col].tolist()
    assert {f["id"] for f in fig.data[0].geojson["features"]} == set(expected)
    if level == "kelurahan":
        assert list(fig.data[1].locations) == [B]  # the chosen kelurahan's outline


@pytest.fixture
def no_shipped(monkeypatch, tmp_path):
    """A region without a boundary file: the shipped BPS 2020 files are absent."""
    monkeypatch.setattr(geo, "BAWAAN", {k: tmp_path / f"{k}.geojson" for k in geo.LEVELS})


@pytest.mark.parametrize("level", ["kelurahan", "kecamatan"])
def test_by_default_the_shipped_bps_boundaries_are_drawn_not_the_approximate_map(lake, level):
    gdf, real, error = peta.batas(level)
    assert (real, error, len(gdf)) == (True, None, 34 if level == "kelurahan" else 4)
    name = "peta_kelurahan" if level == "kelurahan" else "peta_kecamatan"
    fig = maps.peta_metrik(q(lake, name, periode=P), level, "miskin_ekstrem", "judul")
    assert "perkiraan" not in _annotations(fig)
    assert "BPS" in gdf.attrs["sumber"]


@pytest.mark.parametrize("level", ["kelurahan", "kecamatan"])
def test_without_a_file_the_approximate_map_is_drawn_and_labelled(lake, level, no_shipped):
    gdf, official, error = peta.batas(level)
    assert (official, error, len(gdf)) == (False, None, 34 if level == "kelurahan" else 4)
    name = "peta_kelurahan" if level == "kelurahan" else "peta_kecamatan"
    fig = maps.peta_metrik(q(lake, name, periode=P), level, "miskin_ekstrem", "judul")
    assert "perkiraan" in _annotations(fig)


def test_a_broken_file_falls_back_to_the_approximate_map_with_the_reason(monkeypatch, tmp_path):
    broken = tmp_path / "rusak.geojson"
    broken.write_text("{ bukan geojson", encoding="utf-8")
    monkeypatch.setenv("PANTAU_BATAS", str(broken))
    gdf, official, error = peta.batas("kelurahan")
    assert (official, len(gdf)) == (False, 34)
    assert "rusak.geojson tidak dapat dibaca" in error and "Peta perkiraan" in error


def test_zoom_frames_a_kecamatan_closer_than_the_city():
    gdf, _, _ = peta.batas("kelurahan")
    assert maps.tampilan(gdf, "kode_kel", None) == (maps.PUSAT_KOTA, maps.ZOOM_KOTA)
    codes = gdf.loc[gdf["kode_kel"].str.startswith(PANGGUNGREJO), "kode_kel"].tolist()
    center, zoom = maps.tampilan(gdf, "kode_kel", codes)
    assert maps.ZOOM_KOTA < zoom <= 14 and -7.70 < center["lat"] < -7.60


def test_a_click_event_gives_the_code_of_the_region_clicked():
    event = {"selection": {"points": [{"curve_number": 0, "point_index": 3, "location": A}]}}
    assert peta.kode_terpilih(event) == A
    assert peta.kode_terpilih({"selection": {"points": []}}) is None
    assert peta.kode_terpilih(None) is None


# --- hotspots --------------------------------------------------------------------------------


@needs_geo
def test_hotspots_mark_a_high_kecamatan_as_high_high_and_nothing_high_elsewhere(monkeypatch):
    monkeypatch.setenv("PANTAU_BATAS", str(KELURAHAN_FILE))
    # Every Panggungrejo kelurahan at 100 per 1.000, every other at 10: one high block.
    ref = geo.wilayah()
    df = ref[["kode_kec", "kecamatan", "kode_kel", "kelurahan"]].assign(
        keluarga=100,
        keluarga_miskin_ekstrem=lambda d: d["kode_kec"].eq(PANGGUNGREJO).map({True: 10, False: 1}),
        per_1000_keluarga=lambda d: 10.0 * d["keluarga_miskin_ekstrem"],
    )
    hs = peta.hitung_klaster(df)
    assert peta.cukup_untuk_klaster(hs)
    hs = hs.set_index("kode_kel")
    high = hs["kuadran"].eq("Tinggi-Tinggi (kantong)")
    assert high.any() and set(hs.loc[high, "kecamatan"]) == {"Panggungrejo"}
    assert not hs.loc[hs["kecamatan"] != "Panggungrejo", "kuadran"].str.startswith("Tinggi").any()
    assert hs["p_sim"].min() >= 1 / (peta.PERMUTASI + 1)
    assert "Tinggi-Tinggi" in peta.judul_klaster(hs.reset_index(), P)


def test_too_few_kelurahan_with_a_rate_claim_no_cluster(lake):
    # Only A, B and C have a list: with 3 values permutation p-values mean nothing.
    hs = peta.hitung_klaster(q(lake, "peta_kelurahan", periode=P))
    assert not peta.cukup_untuk_klaster(hs)
    assert set(hs["kuadran"]) == {geo.NO_DATA} and int(hs["dihitung"].sum()) == 3


# --- the page --------------------------------------------------------------------------------


def page(lake: Path, monkeypatch, role: str = "perencana", **params) -> AppTest:
    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["user"], at.session_state["role"] = role, role
    at.session_state["last_seen"] = time.time()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/peta.py")
    at.run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def title(fig: dict) -> str:
    # Long titles are wrapped with <br> to fit the chart; compare the words.
    return fig["layout"]["title"]["text"].replace("<br>", " ")


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def test_page_draws_the_kecamatan_map_intervals_and_formula_for_a_normal_period(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=P)
    kecamatan_map, selang = figures(at)
    # S8: the map opens on the rate, not the count (both kecamatan have 5 EP). Panggungrejo:
    # 5 EP of 15 listed (A 4 of 10, B 1 of 5) = 333,3 per 1.000; Gadingrejo 5 of 20 = 250.
    # Their 95 % intervals overlap (5 of 15: 152–583; 5 of 20: 112–469): no single
    # "tertinggi" (BPS re-review N5, pantau.pembeda).
    assert title(kecamatan_map) == (
        "Keluarga miskin ekstrem per 1.000 keluarga dalam daftar: tertinggi tidak dapat "
        "dibedakan (di antara Kec. Panggungrejo dan Kec. Gadingrejo): selang 95 % tumpang "
        "tindih (Juni 2024)"
    )
    # ... on a colour scale from 0, not from the lowest kecamatan
    assert kecamatan_map["layout"]["coloraxis"]["cmin"] == 0
    assert kecamatan_map["layout"]["coloraxis"]["cmax"] == pytest.approx(1000 * 5 / 15)
    assert kecamatan_map["data"][0]["locations"] == ["35.75.01", "35.75.02", "35.75.03", "35.75.04"]
    assert "perkiraan" not in _annotations(kecamatan_map)  # the shipped BPS 2020 map
    # Only the two kecamatan with a list have a rate; both rest on 5 EP (< 30).
    assert title(selang).startswith(
        "Angka per 1.000 keluarga dengan selang 95 %: 2 dari 2 kecamatan berdasar kecil"
    )
    assert selang["data"][0]["y"] == ["Gadingrejo *", "Panggungrejo *"]  # 250 < 333,3
    assert "Indeks" in at.get("latex")[0].proto.body
    shown = texts(at)
    # No kelurahan has 30 listed keluarga: the ranking says so instead of ranking 1-family shares.
    assert "Tidak ada kelurahan di sini dengan sedikitnya 30 keluarga dalam daftar" in shown
    assert "batas uji (Bonferroni)" in shown  # the bound the pocket test uses (B3)
    table = at.dataframe[0].value.set_index("Kelurahan")
    assert table.loc["Ngemplakrejo", "Per 1.000 keluarga"] == "400,0"
    assert table.loc["Ngemplakrejo", "Catatan"] == (
        "hati-hati: dasar kecil; tidak diperingkat (< 30 keluarga dalam daftar)"
    )
    assert "999" in shown and "uji berganda" in shown and "Bayes empiris" in shown
    assert "Analisis klaster perlu angka dari sedikitnya 10 kelurahan" in shown
    assert "BPS – Statistics Indonesia (2020)" in shown


def test_page_ranks_the_kelurahan_that_reach_the_base(ranked_lake, monkeypatch):
    at = page(ranked_lake, monkeypatch, periode=P)
    ranking = figures(at)[2]
    assert title(ranking) == (
        "Peringkat prioritas di Kota Pasuruan (n = 2 kelurahan): 1. Kel. Ngemplakrejo, indeks "
        "60,2 dari 100; 1 kelurahan berstatus kantong (◆): Kel. Ngemplakrejo (Juni 2024)"
    )
    assert ranking["data"][0]["y"] == ["1. Ngemplakrejo ◆", "2. Karangketug"]  # not Petamanan


def test_kecamatan_in_the_url_drills_into_its_kelurahan_and_keeps_the_metric(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=P, kec=PANGGUNGREJO, metrik="per_1000")
    kelurahan_map = figures(at)[0]
    panggungrejo = geo.wilayah().query("kode_kec == @PANGGUNGREJO")["kode_kel"].tolist()
    assert sorted(kelurahan_map["data"][0]["locations"]) == sorted(panggungrejo)
    # 4 of 10 (168–687) and Petamanan's 1 of 5 (36–624) overlap: no single "tertinggi".
    assert title(kelurahan_map) == (
        "Keluarga miskin ekstrem per 1.000 keluarga dalam daftar: tertinggi tidak dapat "
        "dibedakan (di antara Kel. Ngemplakrejo dan Kel. Petamanan): selang 95 % tumpang "
        "tindih (Juni 2024)"
    )
    # The hover carries the Wilson interval of 4 of 10 (0,168-0,687) and the small-base mark.
    trace = kelurahan_map["data"][0]
    hover = dict(zip(trace["locations"], trace["customdata"], strict=True))
    assert hover[A][1] == (
        "dari 4 keluarga miskin ekstrem<br>selang 95 %: 168,2–687,3 (hati-hati: dasar kecil)"
    )
    assert (at.query_params["kec"], at.query_params["metrik"]) == (PANGGUNGREJO, "per_1000")
    selang = figures(at)[1]
    assert selang["data"][0]["y"] == ["Petamanan *", "Ngemplakrejo *"]
    assert "← Kembali ke seluruh kota" in [b.label for b in at.button]


def test_a_single_kelurahan_is_outlined_with_its_profile(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=P, kel=B)
    kelurahan_map = figures(at)[0]
    assert kelurahan_map["data"][1]["locations"] == [B]
    metrics = {m.label: m.value for m in at.metric}
    # B: 1 EP, 1 uncovered, 5 listed; under the base of 30 listed, so no index and no rank
    assert metrics == {
        "Indeks kantong (0–100)": "–",
        "Peringkat di kota": "tidak diperingkat (< 30 keluarga dalam daftar)",
        "Keluarga miskin ekstrem": "1",
        "Belum tercakup program (keluarga)": "1",
    }
    assert "Kel. Petamanan" in texts(at)


def test_page_says_so_for_a_period_without_keluarga(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=KOSONG)
    assert "Belum ada data keluarga untuk periode Mei 2024." in texts(at)
    assert not at.get("plotly_chart")


def test_guest_sees_small_counts_suppressed_and_the_page_still_draws(lake, monkeypatch):
    # the count map (the default is the rate, whose cells are hidden as "×" with their counts)
    at = page(lake, monkeypatch, role="tamu", periode=P, kec=PANGGUNGREJO, metrik="miskin_ekstrem")
    kelurahan_map = figures(at)[0]
    hover = dict(
        zip(
            kelurahan_map["data"][0]["locations"],
            [c[0] for c in kelurahan_map["data"][0]["customdata"]],
            strict=True,
        )
    )
    # A has 4 extreme-poor keluarga and B 1: both under 5, both hidden; C is not on this map.
    assert (hover[A], hover[B]) == ("<5", "<5")
    assert "<5" in at.dataframe[0].value["Keluarga miskin ekstrem"].tolist()


@needs_geo
def test_page_shows_a_broken_boundary_file_and_falls_back(lake, monkeypatch, tmp_path):
    broken = tmp_path / "rusak.geojson"
    broken.write_text("{ bukan geojson", encoding="utf-8")
    monkeypatch.setenv("PANTAU_BATAS", str(broken))
    monkeypatch.setenv("PANTAU_BATAS_KECAMATAN", str(KECAMATAN_FILE))
    at = page(lake, monkeypatch, periode=P)
    assert [e.value for e in at.error] == [
        "Berkas batas wilayah rusak.geojson tidak dapat dibaca; gunakan GeoJSON, Shapefile, "
        "atau GeoPackage yang utuh. Peta perkiraan ditampilkan sebagai gantinya."
    ]
    # The kecamatan file is fine, so the city map is official and unlabelled.
    assert "perkiraan" not in _annotations(figures(at)[0])


def test_the_page_file_run_without_login_shows_nothing(lake, monkeypatch):
    # Streamlit's legacy pages/ mode may run the file alone on a fresh server.
    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "pages" / "peta.py"), default_timeout=60)
    at.run()
    assert not at.exception and not at.get("plotly_chart") and not at.dataframe
    assert [w.value for w in at.warning] == ["Silakan masuk lewat halaman utama dasbor."]

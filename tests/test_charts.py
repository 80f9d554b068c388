"""The figure builders of pantau/charts: what they draw equals the rows they are given, and a map
on approximate boundaries carries its note exactly once."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pantau import geo
from pantau.charts import bars, kantong, maps, style, title_lines, trends

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
ONE_SHAPE = {
    "type": "FeatureCollection",
    "features": [{"type": "Feature", "id": "a", "geometry": SQUARE}],
}


def _notes(fig) -> list[str]:
    return [a.text for a in fig.layout.annotations if "Peta perkiraan" in (a.text or "")]


@pytest.fixture
def no_shipped(monkeypatch, tmp_path):
    """No boundary file anywhere: every map is drawn on cells around the kelurahan centroids."""
    monkeypatch.delenv("PANTAU_DATA", raising=False)
    for name in geo.ENV_BATAS.values():
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(geo, "BAWAAN", {k: tmp_path / f"{k}.geojson" for k in geo.LEVELS})


def _kota() -> pd.DataFrame:
    """Kota Pasuruan's 34 kelurahan, each with a value: 0 for the first, 1..33 for the others."""
    ref = geo.wilayah()[["kode_kel", "kelurahan"]].reset_index(drop=True)
    return ref.assign(nilai=range(len(ref)))


def test_a_bar_chart_draws_its_rows_in_order_with_a_zero_and_a_tie_kept():
    df = pd.DataFrame({"dana": ["APBD", "APBN", "CSR", "Desa"], "kpm": [120, 0, 120, 7]})
    fig = bars.bar(df, "dana", "kpm", "Judul")
    assert list(fig.data[0].x) == ["APBD", "APBN", "CSR", "Desa"]
    assert list(fig.data[0].y) == [120, 0, 120, 7]
    assert fig.data[0].texttemplate == "%{value:,.0f}"


def test_a_horizontal_bar_chart_is_as_tall_as_its_rows_need_and_reads_top_down():
    few = pd.DataFrame({"n": [3, 1, 2], "nama": ["A", "B", "C"]})
    many = pd.DataFrame({"n": range(10), "nama": list("ABCDEFGHIJ")})
    # max(300, 28 x rows + 100): 3 rows -> 300 (the floor), 10 rows -> 380
    assert bars.hbar(few, "n", "nama", "Judul").layout.height == 300
    fig = bars.hbar(many, "n", "nama", "Judul")
    assert fig.layout.height == 380
    assert fig.layout.yaxis.autorange == "reversed"
    assert list(fig.data[0].x) == list(range(10))


def test_each_call_gets_its_own_copy_of_a_kept_figure():
    df = pd.DataFrame({"periode": ["2024-03", "2024-06"], "keluarga": [40, 31]})
    first = trends.line(df, "periode", "keluarga", "Judul")
    first.update_layout(title_text="diubah")
    again = trends.line(df, "periode", "keluarga", "Judul")
    assert again.layout.title.text == "Judul"
    assert list(again.data[0].y) == [40, 31]


def test_the_national_target_is_a_note_in_words_not_a_drawn_line():
    df = pd.DataFrame({"periode": ["2024-03", "2024-06"], "keluarga": [40, 31]})
    fig = trends.line(df, "periode", "keluarga", "Judul", target=0)
    assert [a.text for a in fig.layout.annotations] == [trends.TARGET_NASIONAL]
    assert len(fig.data) == 1  # the one series, no 0 line


def test_a_title_over_70_characters_wraps_and_the_top_margin_makes_room():
    title = "Keluarga miskin ekstrem per kelurahan turun di 27 dari 34 kelurahan sejak Maret"
    assert len(title) == 79 and title_lines(title) == 2
    assert title_lines("x" * 70) == 1  # exactly 70 stays on one line
    fig = style(bars.bar(pd.DataFrame({"a": ["x"], "b": [1]}), "a", "b", "t"), title)
    assert fig.layout.title.text.count("<br>") == 1
    assert fig.layout.margin.t == 34 + 22 * 2  # 78, above the floor of 60


def test_a_choropleth_on_approximate_boundaries_says_so_once():
    df = pd.DataFrame({"kode": ["a"], "cakupan": [0.5], "nama": ["A"]})
    centre = {"lat": 0.5, "lon": 0.5}
    shown = maps.choropleth(df, ONE_SHAPE, "kode", "cakupan", "J", "nama", centre)
    approx = maps.choropleth(
        df, ONE_SHAPE, "kode", "cakupan", "J", "nama", centre, approximate=True
    )
    assert _notes(shown) == []
    assert _notes(approx) == [maps.perkiraan()]
    assert (
        maps.perkiraan()
        == "Peta perkiraan (sel Voronoi dari titik pusat kelurahan), bukan batas resmi"
    )


def test_the_static_map_from_centroids_carries_the_note_once_and_every_name(no_shipped):
    df = _kota()
    fig = maps.peta_statis(df, "nilai", "Nilai", "Judul")
    assert _notes(fig) == [maps.perkiraan()]
    names = [a.text for a in fig.layout.annotations if "Peta perkiraan" not in a.text]
    assert sorted(names) == sorted(df["kelurahan"])  # 34 <= NAMA_SEMUA_MAKS: all named
    bar = [t for t in fig.data if t.marker and t.marker.showscale][0]
    assert (bar.marker.cmin, bar.marker.cmax) == (0.0, 33.0)


def test_the_static_map_on_the_shipped_boundaries_has_no_note():
    fig = maps.peta_statis(_kota(), "nilai", "Nilai", "Judul")
    assert _notes(fig) == []


def test_the_cluster_map_from_centroids_carries_the_note_once(no_shipped):
    hs = _kota().assign(kuadran=geo.NO_DATA, per_1000_keluarga=12.5, p_sim=float("nan"))
    fig = maps.peta_klaster(hs, "Judul")
    assert _notes(fig) == [maps.perkiraan()]


def test_the_static_map_colours_interpolate_the_palette_in_rgb():
    assert maps._colour(0.0, 0.0, 8.0) == "#f7fbff"  # the lowest stop
    assert maps._colour(8.0, 0.0, 8.0) == "#08306b"  # the highest
    assert maps._colour(4.0, 0.0, 8.0) == "#6baed6"  # the middle of 5 stops, exactly
    # an eighth: halfway between #f7fbff and #c6dbef; red 222.5 rounds to even, 222 = de
    assert maps._colour(1.0, 0.0, 8.0) == "#deebf7"
    assert maps._colour(math.nan, 0.0, 8.0) == maps.NO_DATA


def test_the_ranking_draws_no_bar_for_a_hidden_index_and_marks_pockets_and_small_bases():
    df = pd.DataFrame(
        {
            "kode_kel": ["k1", "k2", "k3", "k4"],
            "kelurahan": ["Bugul", "Tapaan", "Blandongan", "Krampyangan"],
            "peringkat": [1.0, 2.0, None, 3.0],
            "indeks_kantong": [71.25, 40.0, "×", 0.0],
            "kantong": [True, False, None, False],
            "dasar_kecil": [False, True, False, False],
        }
    )
    fig = kantong.grafik_peringkat(df, "Judul", sorot="k2")
    assert list(fig.data[0].y) == ["1. Bugul ◆", "2. Tapaan *", "3. Krampyangan"]
    assert list(fig.data[0].x) == [71.25, 40.0, 0.0]
    # the chosen kelurahan in orange, the others blue
    assert list(fig.data[0].marker.color) == ["#0072B2", "#E69F00", "#0072B2"]

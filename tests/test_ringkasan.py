"""Ringkasan answers the five questions (issue 12 §4) and follows the chosen period, on the
hand-made lake of tests/test_report.py (its comments give each family; figures worked out here).

June 2024 (P): extreme-poor A = Ngemplakrejo (Kec. Panggungrejo) i0-i5 = 6, B = Karangketug
(Kec. Gadingrejo) i6-i8 = 3; March 2024 (Q): A also i9 = 7, B 3. Bansos (Sembako Daerah) reached
i0-i3; modal usaha (strategy 2) i4 i5; i6-i8 nothing."""

from __future__ import annotations

import json

import pytest
from lakes import open_page, page_texts
from test_report import P, Q, build

from pantau.cli import main


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build(tmp_path_factory.mktemp("ringkasan"))


def query(capsys, lake, name, **params) -> list[dict]:
    args = ["--data", str(lake), "query", name, "--format", "json"]
    for k, v in params.items():
        args += ["--param", f"{k}={v}"]
    assert main(args) == 0
    return json.loads(capsys.readouterr().out)


def frame(at, column: str):
    """The page's table that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_target_query_per_kecamatan_count_change_coverage_reach_and_pace(lake, capsys):
    rows = {r["kecamatan"]: r for r in query(capsys, lake, "tren_target_kecamatan", periode=P)}
    a, b, kota = rows["Panggungrejo"], rows["Gadingrejo"], rows["Kota Pasuruan"]
    # count and change since March: A 7 → 6, B 3 → 3, city 10 → 9
    assert (a["keluarga_miskin_ekstrem"], a["keluarga_sebelumnya"], a["perubahan"]) == (6, 7, -1)
    assert (b["keluarga_miskin_ekstrem"], b["perubahan"]) == (3, 0)
    assert (kota["keluarga_miskin_ekstrem"], kota["perubahan"]) == (9, -1)
    assert rows["Bugul Kidul"]["keluarga_miskin_ekstrem"] == 0  # every kecamatan appears
    # bansos reached 4 of A's 6; none of B's 3; any programme reached all of A (modal usaha)
    assert a["cakupan"] == pytest.approx(4 / 6) and b["cakupan"] == 0
    assert (a["keluarga_belum_tercakup"], b["keluarga_belum_tercakup"]) == (0, 3)
    assert kota["keluarga_belum_tercakup"] == 3
    # end of June 2024 → end of 2026: 30 months = 10 quarters; 9 ÷ 10 = 0,9 a quarter needed.
    # No flagged list a year before: the pace runs from the first (March, 1 quarter): 10 − 9 = 1
    # a quarter; at that pace 9 − 1 × 10 < 0 → 0 at the end of 2026.
    assert kota["triwulan_tersisa"] == 10 and kota["laju_perlu"] == pytest.approx(0.9)
    assert (kota["periode_awal"], kota["triwulan_capai"], kota["laju_capai"]) == (Q, 1, 1)
    assert kota["proyeksi_akhir_2026"] == 0
    # A: 6 − 1 × 10 → 0; B: no fall, 3 stays 3
    assert a["proyeksi_akhir_2026"] == 0 and b["proyeksi_akhir_2026"] == 3


def test_guest_sees_the_kecamatan_table_suppressed(lake, capsys):
    from pantau import privacy

    df = privacy.result("tren_target_kecamatan", {"periode": P}, "tamu", lake)
    b = df[df["kecamatan"] == "Gadingrejo"].iloc[0]
    # B's 3 is under 5; A's 6 would give it back from the city's 9: hidden
    assert b["keluarga_miskin_ekstrem"] == "<5"
    a = df[df["kecamatan"] == "Panggungrejo"].iloc[0]
    assert a["keluarga_miskin_ekstrem"] == privacy.HIDDEN
    assert isinstance(a["laju_perlu"], str) and isinstance(b["cakupan"], str)


def test_ringkasan_answers_the_questions_for_the_chosen_period(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode=P)
    shown = page_texts(at)
    # both counts (M9): the SK list 9; below the line the same 9 (all spend Rp 300.000 per
    # person), 0 not flagged
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Keluarga miskin ekstrem"] == "9"
    assert metrics["Di bawah garis pengeluaran ekstrem"] == "9"
    assert "36 jiwa; 0 belum ditandai" in shown
    assert "Susenas" in shown
    # question 1: the per-kecamatan table, sortable numbers
    kec = frame(at, "Belum tercakup program apa pun (keluarga)").set_index("Kecamatan")
    assert kec.loc["Panggungrejo", "Keluarga miskin ekstrem"] == 6
    assert kec.loc["Panggungrejo", "Perubahan sejak Maret 2024 (keluarga)"] == -1
    assert kec.loc["Panggungrejo", "Cakupan bansos (%)"] == "66,7"  # Babel id_ID, not the browser
    assert kec.loc["Gadingrejo", "Belum tercakup program apa pun (keluarga)"] == 3
    # question 3 in words
    assert (
        "3 keluarga miskin ekstrem belum tercakup program apa pun** (Juni 2024): "
        "Kec. Gadingrejo 3 keluarga" in shown
    )
    # question 5: one button to the PowerPoint
    assert any(b.label == "Unduh PowerPoint paparan" for b in at.get("download_button"))
    # the verval of January 2024 is before June: shown
    assert "Verval menyaring" in json.dumps([c.proto.spec for c in at.get("plotly_chart")])


def test_everything_follows_the_chosen_period(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode=Q)
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    tren = next(s for s in specs if "Keluarga miskin ekstrem" in s["layout"]["title"]["text"])
    xs = {x for trace in tren["data"] for x in trace.get("x", [])}
    assert xs == {Q}  # June 2024 is after March: not on the trend
    kec = frame(at, "Belum tercakup program apa pun (keluarga)").set_index("Kecamatan")
    assert kec.loc["Panggungrejo", "Keluarga miskin ekstrem"] == 7
    # the first flagged list: nothing to compare with, said as '–' / no column of change
    assert "Perubahan" in kec.columns
    assert kec["Perubahan"].isna().all()


def test_a_map_colour_bar_is_titled_in_words_not_with_a_column_name():
    import pandas as pd

    from pantau.charts import maps

    square = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
    geo = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "id": "a", "geometry": square}],
    }
    df = pd.DataFrame({"kode": ["a"], "cakupan": [0.5], "nama": ["A"]})
    fig = maps.choropleth(df, geo, "kode", "cakupan", "Judul", "nama", {"lat": 0.5, "lon": 0.5})
    assert fig.layout.coloraxis.colorbar.title.text == "Cakupan (%)"
    labelled = maps.choropleth(
        df,
        geo,
        "kode",
        "cakupan",
        "Judul",
        "nama",
        {"lat": 0.5, "lon": 0.5},
        labels={"cakupan": "Tercakup bansos"},
    )
    assert labelled.layout.coloraxis.colorbar.title.text == "Tercakup bansos"


def test_priority_kelurahan_in_the_decks_order_and_the_tab_says_what_it_lists(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode=P)
    # June: A lists 8 keluarga (i0-i5, i9-i10), 6 extreme-poor = 750 per 1.000; B lists 3, all
    # 3 extreme-poor = 1.000 per 1.000; C none (no priority). Both under the index's base of
    # 30: no rank, no pocket; so by rate, B first, as the deck's "Lima kelurahan prioritas".
    assert [t.label for t in at.tabs][1] == "2 kelurahan prioritas"
    table = next(t.value for t in at.table if "Klaster" in t.value.columns)
    assert list(table["Kelurahan"]) == ["Karangketug *", "Ngemplakrejo *"]
    assert list(table["Peringkat"]) == ["–", "–"]
    assert list(table["Kantong"]) == ["tidak", "tidak"]
    assert list(table["Keluarga miskin ekstrem"]) == ["3", "6"]
    assert table["Per 1.000 keluarga (selang 95 %)"].iloc[0].startswith("1.000,0 (")
    assert table["Per 1.000 keluarga (selang 95 %)"].iloc[1].startswith("750,0 (")
    # the short header (the method is in the caption): none is cut at 1366 px
    assert list(table.columns)[-1] == "Klaster"
    assert "**2 kelurahan prioritas**" in page_texts(at)


def test_the_verval_funnel_says_it_is_the_whole_city_when_an_area_is_chosen(lake, monkeypatch):
    note = "Verval untuk seluruh Kota Pasuruan: filter wilayah tidak dipakai di bagian ini."
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode=P, kec="35.75.04")
    assert note in page_texts(at)
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode=P)
    assert note not in page_texts(at)

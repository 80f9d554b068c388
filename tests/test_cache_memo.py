"""What a warm page view reuses (issue 16): figures and download CSVs kept by their table's
content (charts.memo, ui.csv_bytes), copies that are the built figure's JSON and that a page may
change freely, and Babel's number text kept per value (fmt). Tables are hand-made here; the
keys must tell apart the same rows in another order, which a bar chart and a CSV show."""

from __future__ import annotations

import decimal
import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from pantau import charts, fmt, ui
from pantau.charts import bars


def counted():
    """A memo'd builder of a bar figure that counts how often it really builds."""
    built = []

    def build(df: pd.DataFrame, title: str) -> go.Figure:
        built.append(title)
        return charts.style(go.Figure(go.Bar(x=df["x"], y=df["y"])), title)

    return charts.memo(build), built


TABLE = pd.DataFrame({"x": ["Gadingrejo", "Purworejo", "Bugul Kidul"], "y": [12, 7, 30]})


def test_equal_tables_build_once_and_another_order_or_cell_builds_again():
    build, built = counted()
    build(TABLE, "a")
    build(TABLE.copy(), "a")  # another frame, the same content: kept
    assert built == ["a"]
    # The same rows and index labels in another order: a sum of row hashes would match.
    resorted = TABLE.sort_values("y")
    build(resorted, "a")
    assert built == ["a", "a"]
    assert list(build(resorted, "a").data[0].x) == ["Purworejo", "Gadingrejo", "Bugul Kidul"]
    build(TABLE.assign(y=[12, 7, 31]), "a")  # one cell differs
    build(TABLE, "b")  # another title
    assert built == ["a", "a", "a", "b"]


def test_a_kept_figure_is_copied_with_the_json_it_was_built_with():
    fig = bars.bar.__wrapped__(TABLE, "x", "y", "Keluarga per kecamatan")
    copy = charts.figure_copy(fig)
    assert copy is not fig
    assert json.loads(pio.to_json(copy)) == json.loads(pio.to_json(fig))
    assert list(copy.data[0].y) == [12, 7, 30]
    assert copy.layout.title.text == "Keluarga per kecamatan"


def test_a_page_changing_its_copy_does_not_change_the_next_one():
    build, built = counted()
    first = build(TABLE, "Judul")
    first.update_layout(legend_y=-0.35, title_text="diubah halaman")
    first.update_traces(marker_color="#000000")
    second = build(TABLE, "Judul")
    assert built == ["Judul"]
    assert second.layout.title.text == "Judul"
    assert second.layout.legend.y == -0.22  # charts.style's
    assert second.data[0].marker.color is None


def test_a_table_that_cannot_be_pickled_builds_every_time():
    build, built = counted()
    odd = TABLE.assign(f=[lambda: 1, lambda: 2, lambda: 3])
    build(odd, "a")
    build(odd, "a")
    assert built == ["a", "a"]


def test_the_download_csv_is_kept_by_content_and_follows_the_row_order():
    df = pd.DataFrame({"kelurahan": ["=Bukir", "Bangilan"], "keluarga": [2, 10]})
    expected = "\ufeffkelurahan,keluarga\r\n'=Bukir,2\r\nBangilan,10\r\n".encode()
    assert ui.csv_bytes(df) == expected  # the formula defused, BOM, CRLF
    assert ui.csv_bytes(df.copy()) == expected
    flipped = "\ufeffkelurahan,keluarga\r\nBangilan,10\r\n'=Bukir,2\r\n".encode()
    assert ui.csv_bytes(df.sort_values("keluarga", ascending=False)) == flipped
    assert ui.csv_bytes(df.assign(keluarga=[3, 10])) == expected.replace(b",2\r", b",3\r")


def test_kept_number_text_is_the_same_for_equal_values_of_any_type():
    assert fmt.angka(1234.5, 1) == "1.234,5"
    assert fmt.angka(1234.5, 1) == "1.234,5"  # from the cache
    assert fmt.angka(2.5) == fmt.angka(decimal.Decimal("2.5")) == "3"  # half away from zero
    assert fmt.angka(2) == fmt.angka(2.0) == "2"
    assert fmt.angka(-0.4) == fmt.angka(0.0) == fmt.angka(-0.0) == "0"  # no "-0"
    assert fmt.angka(-2.5) == "-3"
    assert fmt.rupiah(2_500_000) == "Rp 2.500.000" and fmt.rupiah(-2_500_000) == "-Rp 2.500.000"
    assert fmt.persen(0.8412) == "84,1%"


def test_a_kept_map_shares_its_geojson_and_copies_the_rest():
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "35.75.04.1007",
                "properties": {},
                "geometry": {"type": "Polygon", "coordinates": [[[112.9, -7.6], [112.91, -7.6],
                                                                 [112.91, -7.61], [112.9, -7.6]]]},
            }
        ],
    }  # fmt: skip
    fig = go.Figure(
        go.Choroplethmap(geojson=shapes, locations=["35.75.04.1007"], z=[3], featureidkey="id")
    )
    before = json.loads(pio.to_json(fig))
    copy, again = charts.figure_copy(fig), charts.figure_copy(fig)
    assert copy.data[0].geojson is again.data[0].geojson  # one GeoJSON in memory
    assert copy.data[0].geojson == shapes
    assert json.loads(pio.to_json(copy)) == before == json.loads(pio.to_json(fig))
    copy.update_traces(z=[4], marker_line_width=3)
    copy.update_layout(title_text="diubah")
    assert json.loads(pio.to_json(again)) == before  # the rest is each copy's own
    assert list(copy.data[0].z) == [4] and copy.data[0].marker.line.width == 3

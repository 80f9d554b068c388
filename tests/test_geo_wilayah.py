"""Maps for any region: Kabupaten Tuban (35.23) and Jawa Timur (35) boundaries from the real
files in ../shared/geo/jatim, joined by code against a region table built here from the national
code list, with the join report (matched, missing, repaired, dropped), dissolves, the
approximate map from centroids, and `peta-batas`."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from pantau import cli, geo
from pantau.errors import PantauError

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
JATIM = SHARED / "geo" / "jatim"
TUBAN_DESA = JATIM / "desa_kelurahan_35.23_tuban.geojson"
KECAMATAN_35 = JATIM / "kecamatan_35.geojson"
KAB_KOTA_35 = JATIM / "kabupaten_kota_35.geojson"
CODE_LIST = SHARED / "domain" / "wilayah_indonesia.csv"
# The 8 kab/kota polygons of kabupaten_kota_35.geojson that are invalid as published
# (self-intersections; SOURCE.md says 8 of 38).
INVALID_KAB_KOTA = ["35.01", "35.03", "35.05", "35.07", "35.09", "35.10", "35.25", "35.29"]
UTM_49S = 32749


@pytest.fixture(scope="module")
def code_list() -> pd.DataFrame:
    if not (JATIM.is_dir() and CODE_LIST.exists()):
        pytest.skip("../shared/geo/jatim or ../shared/domain is not available")
    return pd.read_csv(CODE_LIST, dtype=str, keep_default_na=False)


def _region(code_list: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """A region's desa/kelurahan table in geo/wilayah.csv's schema, as h14r's wilayah module
    gives it for a region other than Kota Pasuruan: BPS codes, area and interior point empty,
    lon/lat the code list's centroid."""
    desa = code_list[
        (code_list["tingkat"] == "desa_kelurahan") & code_list["kode"].str.startswith(prefix + ".")
    ]
    names = code_list.set_index("kode")["nama"]
    return pd.DataFrame(
        {
            "kode_kec": desa["induk"].to_numpy(),
            "kecamatan": desa["induk"].map(names).to_numpy(),
            "kode_kec_bps": "",
            "kode_kel": desa["kode"].to_numpy(),
            "kelurahan": desa["nama"].to_numpy(),
            "kode_kel_bps": "",
            "nama_kel_bps": "",
            "area_km2": "",
            "lon": desa["lon"].to_numpy(),
            "lat": desa["lat"].to_numpy(),
            "inner_lon": "",
            "inner_lat": "",
        }
    )


@pytest.fixture(scope="module")
def tuban(code_list) -> pd.DataFrame:
    return _region(code_list, "35.23")


@pytest.fixture(scope="module")
def jatim(code_list) -> pd.DataFrame:
    return _region(code_list, "35")


@pytest.fixture(scope="module")
def tuban_desa(tuban) -> gpd.GeoDataFrame:
    return geo.load_boundaries(TUBAN_DESA, "desa_kelurahan", tuban)


@pytest.fixture(autouse=True)
def _no_configured_files(monkeypatch, tmp_path):
    monkeypatch.delenv("PANTAU_BATAS", raising=False)
    monkeypatch.delenv("PANTAU_BATAS_KECAMATAN", raising=False)
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path / "kosong"))


def test_the_tuban_table_has_its_328_desa_kelurahan_in_20_kecamatan(tuban):
    assert len(tuban) == 328 and tuban["kode_kec"].nunique() == 20
    # SOURCE.md: 311 desa (2xxx) and 17 kelurahan (1xxx).
    assert tuban["kode_kel"].str[9].value_counts().to_dict() == {"2": 311, "1": 17}


# --- the desa/kelurahan file -------------------------------------------------------------------


def test_tuban_desa_file_joins_328_of_328_by_kemendagri_code(tuban_desa, tuban):
    report = tuban_desa.attrs["laporan"]
    assert (report.kolom, report.sistem) == ("kode", "kemendagri")
    assert len(report.cocok) == 328 and report.jumlah_wilayah == 328
    assert report.tidak_ada == [] and report.di_luar == 0
    assert report.diperbaiki == [] and report.dibuang == []
    assert sorted(tuban_desa["kode_kel"]) == sorted(tuban["kode_kel"])
    assert tuban_desa.set_index("kode_kel").loc["35.23.01.2001", "kelurahan"] == "Jlodro"
    assert tuban_desa.is_valid.all()
    assert report.kalimat()[0] == (
        "Berkas desa_kelurahan_35.23_tuban.geojson: 328 dari 328 desa/kelurahan wilayah ini "
        "cocok, lewat kolom 'kode' (kode Kemendagri)."
    )


def test_undotted_codes_join_the_same_328(tuban, tmp_path):
    source = gpd.read_file(TUBAN_DESA)
    source["kode"] = source["kode"].str.replace(".", "")
    path = tmp_path / "tanpa_titik.gpkg"
    source[["kode", "geometry"]].to_file(path)
    gdf = geo.load_boundaries(path, "desa_kelurahan", tuban)
    assert gdf.attrs["laporan"].sistem == "kemendagri_tanpa_titik" and len(gdf) == 328


def test_kecamatan_dissolved_from_the_desa_are_the_20(tuban_desa, tuban):
    kec = geo.dissolve(tuban_desa, "kecamatan", tuban)
    assert kec["kode_kec"].tolist() == [f"35.23.{i:02d}" for i in range(1, 21)]
    assert kec.set_index("kode_kec").loc["35.23.01", "kecamatan"] == "Kenduruan"
    # A dissolve keeps the area (the published desa polygons barely overlap).
    desa_km2 = tuban_desa.to_crs(UTM_49S).area.sum() / 1e6
    assert kec.to_crs(UTM_49S).area.sum() / 1e6 == pytest.approx(desa_km2, rel=1e-3)
    kab = geo.dissolve(tuban_desa, "kabupaten_kota", tuban)
    assert kab["kode_kab"].tolist() == ["35.23"]


def test_province_kecamatan_file_gives_tubans_20_and_ignores_the_other_646(tuban):
    kec = geo.load_boundaries(KECAMATAN_35, "kecamatan", tuban)
    report = kec.attrs["laporan"]
    assert len(kec) == 20 and report.di_luar == 666 - 20 and report.tidak_ada == []


# --- invalid polygons --------------------------------------------------------------------------


def test_the_8_invalid_kab_kota_polygons_of_jawa_timur_are_repaired(jatim):
    raw = gpd.read_file(KAB_KOTA_35)
    assert sorted(raw.loc[~raw.is_valid, "kode"]) == INVALID_KAB_KOTA
    kab = geo.load_boundaries(KAB_KOTA_35, "kabupaten_kota", jatim)
    report = kab.attrs["laporan"]
    assert len(kab) == 38 and report.diperbaiki == INVALID_KAB_KOTA and report.dibuang == []
    assert kab.is_valid.all()
    # Names come from the file when the region table has none for kab/kota.
    assert kab.set_index("kode_kab").loc["35.23", "kabupaten_kota"] == "Kabupaten Tuban"
    assert report.kalimat()[1] == (
        "8 poligon tidak valid diperbaiki (make_valid): " + ", ".join(INVALID_KAB_KOTA) + "."
    )


def test_kab_kota_dissolved_from_the_provinces_kecamatan_are_the_38(jatim):
    kec = geo.load_boundaries(KECAMATAN_35, "kecamatan", jatim)
    assert len(kec) == 666 and kec.is_valid.all()
    assert len(kec.attrs["laporan"].diperbaiki) == 15  # about 2 % of 666, as SOURCE.md says
    kab = geo.dissolve(kec, "kabupaten_kota", jatim)
    assert len(kab) == 38 and kab["kode_kab"].iloc[-1] == "35.79"


def _bowtie_around(point: shapely.Point) -> shapely.Polygon:
    x, y, d = point.x, point.y, 0.01
    return shapely.Polygon([(x - d, y - d), (x + d, y + d), (x + d, y - d), (x - d, y + d)])


def test_a_bowtie_is_repaired_and_a_polygon_with_no_area_dropped_each_in_one_sentence(
    tuban, tmp_path
):
    source = gpd.read_file(TUBAN_DESA)
    jlodro, second = "35.23.01.2001", "35.23.01.2002"
    at = source["kode"] == jlodro
    source.loc[at, "geometry"] = _bowtie_around(source.loc[at].representative_point().iloc[0])
    flat = shapely.Polygon([(111.6, -6.9), (111.61, -6.9), (111.62, -6.9)])  # collinear
    source.loc[source["kode"] == second, "geometry"] = flat
    path = tmp_path / "bowtie.geojson"
    source.to_file(path)
    gdf = geo.load_boundaries(path, "desa_kelurahan", tuban)
    report = gdf.attrs["laporan"]
    assert report.diperbaiki == [jlodro] and report.dibuang == [second]
    assert len(gdf) == 327 and report.tidak_ada == [(second, "Sokogunung")]
    bowtie = gdf.set_index("kode_kel").geometry[jlodro]
    assert bowtie.is_valid and len(shapely.get_parts(bowtie)) == 2  # the two triangles
    lines = report.kalimat()
    assert f"1 poligon tidak valid diperbaiki (make_valid): {jlodro}." in lines
    assert f"1 poligon dibuang karena tidak menyisakan bidang: {second}." in lines
    assert f"1 desa/kelurahan tanpa poligon: {second} Sokogunung." in lines


def test_a_file_with_no_code_column_gives_one_clear_sentence(tuban, tmp_path):
    source = gpd.read_file(TUBAN_DESA)
    source["nomor"] = range(len(source))
    path = tmp_path / "tanpa_kode.geojson"
    source[["nomor", "geometry"]].to_file(path)
    for call in (
        lambda: geo.load_boundaries(path, "desa_kelurahan", tuban),
        lambda: geo.pasang_batas(path, tmp_path / "data", ref=tuban),
    ):
        with pytest.raises(PantauError, match="tidak memuat kode Kemendagri atau BPS") as caught:
            call()
        assert "\n" not in str(caught.value) and "tanpa_kode.geojson" in str(caught.value)


def test_names_are_the_last_resort_and_repeated_desa_names_are_reported(tuban, tmp_path):
    source = gpd.read_file(TUBAN_DESA)
    path = tmp_path / "nama_saja.geojson"
    source[["nama", "geometry"]].to_file(path)
    with pytest.raises(PantauError, match="tidak memuat kode"):
        geo.load_boundaries(path, "desa_kelurahan", tuban)  # the app itself never joins names
    report = geo.pasang_batas(path, tmp_path / "data", ref=tuban)
    # 38 of Tuban's 328 desa share their name with another (Bogorejo is 35.23.04.2015 and
    # 35.23.13.2018; Sumurgung three times): those cannot be joined by name.
    assert report.sistem == "nama" and len(report.cocok) == 290 and len(report.tidak_ada) == 38
    assert ("35.23.04.2015", "Bogorejo") in report.tidak_ada
    assert "NAMA (tidak ada kolom kode; periksa hasilnya)" in report.kalimat()[0]


def test_a_file_of_another_place_says_so(tuban, tmp_path):
    pasuruan = SHARED / "geo" / "pasuruan_kelurahan.geojson"
    with pytest.raises(PantauError, match="menggambarkan tempat lain"):
        geo.load_boundaries(pasuruan, "desa_kelurahan", tuban)


def test_an_unknown_level_is_one_sentence():
    with pytest.raises(PantauError, match="Tingkat wilayah harus 'desa_kelurahan'"):
        geo.boundaries("provinsi")


# --- approximate map ---------------------------------------------------------------------------


def test_tubans_approximate_map_from_centroids_has_328_cells_holding_their_centroid(tuban):
    cells = geo.approximate_boundaries("desa_kelurahan", tuban).set_index("kode_kel")
    assert len(cells) == 328 and cells["approximate"].all() and cells.attrs["tanpa_titik"] == []
    points = shapely.points(tuban["lon"].astype(float), tuban["lat"].astype(float))
    assert shapely.contains(cells.geometry.loc[tuban["kode_kel"]].values, points).all()
    total = cells.to_crs(UTM_49S).area.sum()
    assert shapely.union_all(cells.to_crs(UTM_49S).geometry.values).area == pytest.approx(total)
    kec = geo.approximate_boundaries("kecamatan", tuban)
    assert len(kec) == 20 and kec["approximate"].all()


def test_the_approximate_map_clipped_to_the_real_kabupaten_outline_fills_it(tuban):
    outline = geo.load_boundaries(KAB_KOTA_35, "kabupaten_kota", tuban)
    assert outline.attrs["laporan"].di_luar == 37
    cells = geo.approximate_boundaries("desa_kelurahan", tuban, outline).to_crs(UTM_49S)
    kab = outline.to_crs(UTM_49S).geometry.iloc[0]
    assert len(cells) == 328
    assert cells.area.sum() == pytest.approx(kab.area, rel=1e-5)
    # Outside the outline: only floating-point slivers (about 5,000 m² of 1,978 km²).
    assert shapely.union_all(cells.geometry.values).difference(kab).area < 1e-5 * kab.area


# --- choosing a source, and peta-batas ---------------------------------------------------------


def test_without_any_file_a_tuban_data_dir_gets_the_approximate_map_not_pasuruans(tuban, tmp_path):
    gdf, real = geo.boundaries("desa_kelurahan", ref=tuban, data_dir=tmp_path)
    assert real is False and len(gdf) == 328 and gdf["kode_kel"].str.startswith("35.23.").all()
    assert gdf.attrs["sumber"].startswith("peta perkiraan")


def test_peta_batas_stores_the_file_and_every_level_follows_from_it(tuban, tmp_path):
    data = tmp_path / "data"
    report = geo.pasang_batas(TUBAN_DESA, data, ref=tuban)
    assert report.tingkat == "kelurahan" and len(report.cocok) == 328
    assert (
        geo.batas_file(data, "desa_kelurahan") == data / "wilayah" / "batas_desa_kelurahan.geojson"
    )
    counts = {}
    for level in ("desa_kelurahan", "kecamatan", "kabupaten_kota"):
        gdf, real = geo.boundaries(level, ref=tuban, data_dir=data)
        assert real and "desa_kelurahan_35.23_tuban.geojson" in gdf.attrs["sumber"]
        counts[level] = len(gdf)
    assert counts == {"desa_kelurahan": 328, "kecamatan": 20, "kabupaten_kota": 1}


def test_peta_batas_kab_kota_outline_clips_the_approximate_desa(tuban, tmp_path):
    data = tmp_path / "data"
    geo.pasang_batas(KAB_KOTA_35, data, "kabupaten_kota", ref=tuban)
    gdf, real = geo.boundaries("desa_kelurahan", ref=tuban, data_dir=data)
    assert real is False and len(gdf) == 328
    assert gdf.attrs["sumber"].endswith("dalam batas resmi yang lebih kasar)")


def test_peta_batas_command_reports_and_a_foreign_file_is_one_sentence(tmp_path, capsys):
    # The default region is Kota Pasuruan until a data directory says otherwise.
    data = tmp_path / "data"
    pasuruan = SHARED / "geo" / "pasuruan_kelurahan.geojson"
    if not pasuruan.exists():
        pytest.skip("../shared/geo is not available")
    assert cli.main(["--data", str(data), "peta-batas", str(pasuruan)]) == 0
    out = capsys.readouterr().out
    assert "34 dari 34 desa/kelurahan wilayah ini cocok" in out
    assert (data / "wilayah" / "batas_desa_kelurahan.geojson").exists()
    assert cli.main(["--data", str(data), "peta-batas", str(TUBAN_DESA)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: Berkas batas wilayah desa_kelurahan_35.23_tuban.geojson")
    assert "\n" not in err


# --- peta-batas: one bad feature, shared names, repeated codes, a second kabupaten's file ------


def test_a_feature_gdal_cannot_build_is_skipped_and_named_not_the_whole_file(tuban, tmp_path):
    # Tuban's 328 desa with feature 4's ring cut to 2 points (GEOS refuses to build it): the
    # file is installed with the other 327, and the report names feature 4.
    doc = json.loads(TUBAN_DESA.read_text(encoding="utf-8"))
    broken = doc["features"][3]
    broken["geometry"] = {"type": "Polygon", "coordinates": [[[112.0, -6.9], [112.1, -6.9]]]}
    code = str(broken["properties"]["kode"])
    path = tmp_path / "rusak.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    report = geo.pasang_batas(path, tmp_path / "data", ref=tuban)
    assert report.tak_terbaca == [4]
    assert len(report.cocok) == 327 and [k for k, _ in report.tidak_ada] == [code]
    line = next(s for s in report.kalimat() if "dilewati" in s)
    assert line.startswith("1 fitur dilewati karena geometrinya rusak") and "fitur ke-4" in line


def test_names_shared_in_the_region_are_not_called_outside_it(tuban, tmp_path):
    source = gpd.read_file(TUBAN_DESA)
    path = tmp_path / "nama_saja.geojson"
    source[["nama", "geometry"]].to_file(path)
    report = geo.pasang_batas(path, tmp_path / "data", ref=tuban)
    # The 38 features named as another Tuban desa are in the region: none is "outside" it.
    assert (report.nama_ganda, report.di_luar) == (38, 0)
    lines = report.kalimat()
    assert not any("di luar wilayah ini" in s for s in lines)
    assert (
        "38 fitur tidak dicocokkan karena namanya dipakai lebih dari satu desa/kelurahan di "
        "wilayah ini; tambahkan kolom kode Kemendagri atau BPS."
    ) in lines


def test_a_code_given_twice_is_merged_and_said(tuban, tmp_path):
    source = gpd.read_file(TUBAN_DESA)
    doubled = pd.concat([source, source.iloc[[0, 0, 5]]], ignore_index=True)
    path = tmp_path / "ganda.geojson"
    doubled.to_file(path)
    report = geo.pasang_batas(path, tmp_path / "data", ref=tuban)
    codes = sorted({str(source.iloc[0]["kode"]), str(source.iloc[5]["kode"])})
    assert report.kode_ganda == codes and len(report.cocok) == 328
    assert (
        f"2 kode dipakai oleh lebih dari satu fitur; poligonnya digabung: {', '.join(codes)}."
        in (report.kalimat())
    )


def test_a_province_keeps_tubans_desa_when_kab_pasuruans_file_is_installed(jatim, tmp_path):
    data = tmp_path / "data"
    geo.pasang_batas(TUBAN_DESA, data, "desa_kelurahan", ref=jatim)
    first = geo.pasang_batas(
        JATIM / "desa_kelurahan_35.14_kab_pasuruan.geojson", data, "desa_kelurahan", ref=jatim
    )
    installed = gpd.read_file(geo.batas_file(data, "desa_kelurahan"))
    kab = installed["kode_kel"].str[:5].value_counts().to_dict()
    assert kab["35.23"] == 328 and kab["35.14"] == len(first.cocok)
    assert set(kab) == {"35.14", "35.23"}
    assert first.dipertahankan == [("35.23", "Kabupaten Tuban", 328)]
    assert (
        "Poligon desa/kelurahan Kabupaten Tuban (35.23) yang sudah terpasang tetap dipakai "
        "(328 desa/kelurahan); berkas ini tidak memuatnya."
    ) in first.kalimat()
    # Tuban's file again replaces Tuban's polygons and keeps Kabupaten Pasuruan's.
    again = geo.pasang_batas(TUBAN_DESA, data, "desa_kelurahan", ref=jatim)
    assert [k for k, _, _ in again.dipertahankan] == ["35.14"]

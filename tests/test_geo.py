"""Region reference, boundary loading (official files from ../shared/geo) and hotspots."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from pantau import geo
from pantau.errors import PantauError

REPO = Path(__file__).resolve().parents[1]
SHARED_GEO = REPO.parent / "shared" / "geo"
KELURAHAN_FILE = SHARED_GEO / "pasuruan_kelurahan.geojson"
KECAMATAN_FILE = SHARED_GEO / "pasuruan_kecamatan.geojson"
ALT_DIR = SHARED_GEO / "alt_cahyadsn"
# Shapefile field names stop at 10 characters.
SHORT_NAMES = ["kode_kel", "kelurahan", "geometry"]


@pytest.fixture
def shared_geo() -> Path:
    if not SHARED_GEO.is_dir():
        pytest.skip("../shared/geo is not available")
    return SHARED_GEO


@pytest.fixture(autouse=True)
def _no_configured_files(monkeypatch):
    monkeypatch.delenv("PANTAU_BATAS", raising=False)
    monkeypatch.delenv("PANTAU_BATAS_KECAMATAN", raising=False)


def _exteriors_counter_clockwise(gdf: gpd.GeoDataFrame) -> bool:
    polygons = shapely.get_parts(gdf.geometry.values)
    return bool(shapely.is_ccw(shapely.get_exterior_ring(polygons)).all())


# --- reference ---------------------------------------------------------------------------------


def test_wilayah_keeps_codes_as_text_with_34_kelurahan():
    ref = geo.wilayah()
    assert len(ref) == 34
    for column in ("kode_kec", "kode_kec_bps", "kode_kel", "kode_kel_bps"):
        assert ref[column].map(type).eq(str).all(), column
    tapaan = ref.set_index("kode_kel").loc["35.75.03.1003"]
    assert (tapaan["kelurahan"], tapaan["kode_kel_bps"]) == ("Tapa'an", "3575030011")
    assert ref["area_km2"].sum() == pytest.approx(38.941, abs=0.01)


def test_wilayah_returns_a_copy_so_callers_cannot_corrupt_the_cache():
    mine = geo.wilayah()
    mine.loc[0, "kelurahan"] = "RUSAK"
    assert geo.wilayah().loc[0, "kelurahan"] == "Karangketug"


def test_kecamatan_sums_kelurahan_area_per_kecamatan():
    kec = geo.kecamatan().set_index("kode_kec")
    assert kec.index.tolist() == ["35.75.01", "35.75.02", "35.75.03", "35.75.04"]
    assert kec.loc["35.75.04", "kode_kec_bps"] == "3575031"
    assert kec["area_km2"].sum() == pytest.approx(38.941, abs=0.01)
    assert kec.loc["35.75.03", "area_km2"] == pytest.approx(15.005, abs=0.001)


# --- official files ----------------------------------------------------------------------------


def test_primary_kelurahan_file_joins_34_of_34_on_kemendagri_codes(shared_geo):
    gdf = geo.load_boundaries(KELURAHAN_FILE, "kelurahan")
    assert gdf.columns.tolist() == ["kode_kel", "kelurahan", "geometry"]
    assert sorted(gdf["kode_kel"]) == sorted(geo.wilayah()["kode_kel"])
    assert gdf.crs.to_epsg() == 4326
    assert _exteriors_counter_clockwise(gdf)
    gading = gdf.set_index("kode_kel").loc["35.75.01.1009"]
    assert gading["kelurahan"] == "Gadingrejo"
    assert gading.geometry.geom_type == "MultiPolygon"  # its exclave inside Karanganyar


def test_kelurahan_file_with_only_bps_codes_joins_34_and_maps_to_kemendagri(shared_geo, tmp_path):
    source = gpd.read_file(KELURAHAN_FILE)[["kode_kel_bps", "geometry"]]
    bps_only = tmp_path / "bps.geojson"
    source.rename(columns={"kode_kel_bps": "IDDESA"}).to_file(bps_only)
    gdf = geo.load_boundaries(bps_only, "kelurahan").set_index("kode_kel")
    assert len(gdf) == 34
    tapaan_bps = source.set_index("kode_kel_bps").loc["3575030011"].geometry
    assert gdf.loc["35.75.03.1003", "kelurahan"] == "Tapa'an"
    assert gdf.loc["35.75.03.1003"].geometry.equals(tapaan_bps)


def test_numeric_bps_codes_in_a_shapefile_still_join(shared_geo, tmp_path):
    source = gpd.read_file(KELURAHAN_FILE)[["kode_kel_bps", "geometry"]]
    source["IDDESA"] = source.pop("kode_kel_bps").astype("int64")
    path = tmp_path / "numeric.shp"
    source.to_file(path)
    gdf = geo.load_boundaries(path, "kelurahan")
    assert len(gdf) == 34
    assert "35.75.04.1013" in set(gdf["kode_kel"])


def test_undotted_kemendagri_codes_are_not_mistaken_for_bps_codes(shared_geo, tmp_path):
    source = gpd.read_file(KELURAHAN_FILE)
    undotted = source.assign(kode=source["kode_kel"].str.replace(".", ""))[["kode", "geometry"]]
    path = tmp_path / "undotted.geojson"
    undotted.to_file(path)
    gdf = geo.load_boundaries(path, "kelurahan").set_index("kode_kel")
    assert len(gdf) == 34
    # 3575031001 is Blandongan (35.75.03.1001) in Kemendagri form but Petamanan in BPS form.
    expected = source.set_index("kode_kel").loc["35.75.03.1001"].geometry
    assert gdf.loc["35.75.03.1001"].geometry.equals(expected)


def test_primary_kecamatan_file_joins_4_of_4(shared_geo):
    gdf = geo.load_boundaries(KECAMATAN_FILE, "kecamatan").set_index("kode_kec")
    assert gdf.index.tolist() == ["35.75.01", "35.75.02", "35.75.03", "35.75.04"]
    assert gdf.loc["35.75.04", "kecamatan"] == "Panggungrejo"
    assert gdf.loc["35.75.01"].geometry.geom_type == "MultiPolygon"
    assert _exteriors_counter_clockwise(gdf.reset_index())


def test_kelurahan_file_given_for_kecamatan_is_dissolved(shared_geo, tmp_path):
    path = tmp_path / "kel_codes_only.geojson"
    gpd.read_file(KELURAHAN_FILE)[["kode_kel_bps", "geometry"]].to_file(path)
    kec = geo.load_boundaries(path, "kecamatan").set_index("kode_kec")
    assert kec.index.tolist() == ["35.75.01", "35.75.02", "35.75.03", "35.75.04"]
    area = kec.to_crs(32749).area / 1e6
    assert area["35.75.03"] == pytest.approx(15.005, abs=0.01)


def test_alt_cahyadsn_files_join_on_both_levels(shared_geo):
    kel = geo.load_boundaries(ALT_DIR / "pasuruan_kelurahan.geojson", "kelurahan")
    kec = geo.load_boundaries(ALT_DIR / "pasuruan_kecamatan.geojson", "kecamatan")
    assert len(kel) == 34 and kel["kelurahan"].notna().all()
    assert len(kec) == 4
    area = kel.to_crs(32749).area.sum() / 1e6
    assert area == pytest.approx(39.0, abs=0.1)


@pytest.mark.parametrize("suffix", [".shp", ".gpkg"])
def test_projected_file_comes_back_in_wgs84_within_the_city(shared_geo, tmp_path, suffix):
    path = tmp_path / f"utm{suffix}"
    gpd.read_file(KELURAHAN_FILE)[SHORT_NAMES].to_crs(32749).to_file(path)
    gdf = geo.load_boundaries(path, "kelurahan")
    assert gdf.crs.to_epsg() == 4326
    assert len(gdf) == 34
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx >= 112.87 and maxx <= 112.96
    assert miny >= -7.69 and maxy <= -7.61


def test_file_without_crs_is_taken_as_wgs84(shared_geo, tmp_path):
    path = tmp_path / "nocrs.shp"
    gpd.read_file(KELURAHAN_FILE)[SHORT_NAMES].to_file(path)
    path.with_suffix(".prj").unlink()
    gdf = geo.load_boundaries(path, "kelurahan")
    assert gdf.crs.to_epsg() == 4326
    assert gdf.total_bounds[0] == pytest.approx(112.8715, abs=1e-3)


def test_file_without_usable_code_raises_one_indonesian_sentence(shared_geo, tmp_path):
    source = gpd.read_file(KELURAHAN_FILE)
    path = tmp_path / "names_only.geojson"
    source[["kelurahan", "geometry"]].to_file(path)
    with pytest.raises(PantauError, match="tidak memuat kode Kemendagri atau BPS") as caught:
        geo.load_boundaries(path, "kelurahan")
    assert "\n" not in str(caught.value)


def test_mostly_foreign_codes_are_rejected(shared_geo, tmp_path):
    source = gpd.read_file(KELURAHAN_FILE)[["kode_kel", "geometry"]]
    source.loc[5:, "kode_kel"] = "35.14.01.2001"  # 29 of 34 features from another regency
    path = tmp_path / "foreign.geojson"
    source.to_file(path)
    with pytest.raises(PantauError):
        geo.load_boundaries(path, "kelurahan")


def test_unreadable_file_raises_pantau_error(tmp_path):
    path = tmp_path / "rusak.geojson"
    path.write_text("{ini bukan geojson")
    with pytest.raises(PantauError, match="tidak dapat dibaca"):
        geo.load_boundaries(path, "kelurahan")
    with pytest.raises(PantauError, match="tidak ditemukan"):
        geo.load_boundaries(tmp_path / "tidak_ada.gpkg", "kelurahan")


def test_projected_file_without_crs_is_rejected_not_drawn_off_the_map(shared_geo, tmp_path):
    path = tmp_path / "utm_nocrs.shp"
    gpd.read_file(KELURAHAN_FILE)[SHORT_NAMES].to_crs(32749).to_file(path)
    path.with_suffix(".prj").unlink()
    with pytest.raises(PantauError, match="sistem koordinat"):
        geo.load_boundaries(path, "kelurahan")


# --- approximate map ---------------------------------------------------------------------------


def test_approximate_map_has_34_cells_each_holding_its_own_inner_point():
    cells = geo.approximate_boundaries("kelurahan").set_index("kode_kel")
    ref = geo.wilayah().set_index("kode_kel")
    assert len(cells) == 34 and cells["approximate"].all()
    inner = shapely.points(ref["inner_lon"], ref["inner_lat"])
    assert shapely.contains(cells.loc[ref.index].geometry.values, inner).all()
    assert cells.attrs["approximate"] is True


def test_approximate_map_cells_do_not_overlap_and_have_sensible_area():
    cells = geo.approximate_boundaries("kelurahan").to_crs(32749)
    total = cells.area.sum() / 1e6
    assert 25 <= total <= 60
    assert shapely.union_all(cells.geometry.values).area / 1e6 == pytest.approx(total, rel=1e-6)


def test_approximate_kecamatan_are_the_dissolve_of_the_cells():
    kec = geo.approximate_boundaries("kecamatan")
    assert kec["kode_kec"].tolist() == ["35.75.01", "35.75.02", "35.75.03", "35.75.04"]
    assert kec["approximate"].all()
    assert _exteriors_counter_clockwise(kec)
    kel_area = geo.approximate_boundaries("kelurahan").to_crs(32749).area.sum()
    assert kec.to_crs(32749).area.sum() == pytest.approx(kel_area, rel=1e-6)


def test_approximate_map_never_reads_the_shared_boundary_files():
    source = (REPO / "pantau" / "geo.py").read_text()
    assert "shared" not in source


# --- choosing a source -------------------------------------------------------------------------


def test_boundaries_fall_back_to_approximate_without_any_boundary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(geo, "BAWAAN", {k: tmp_path / f"{k}.geojson" for k in geo.LEVELS})
    gdf, official = geo.boundaries("kelurahan")
    assert official is False and len(gdf) == 34 and gdf["approximate"].all()
    assert gdf.attrs["sumber"].startswith("peta perkiraan")


def test_boundaries_default_to_the_shipped_bps_2020_file():
    kel, kel_real = geo.boundaries("kelurahan")
    kec, kec_real = geo.boundaries("kecamatan")
    assert kel_real and kec_real and len(kel) == 34 and len(kec) == 4
    assert "approximate" not in kel.columns and "BPS" in kel.attrs["sumber"]
    # The shipped file is the shared one, copied unchanged.
    for level in geo.LEVELS:
        shipped = geo.BAWAAN[level].read_bytes()
        if SHARED_GEO.is_dir():
            assert shipped == (SHARED_GEO / f"pasuruan_{level}.geojson").read_bytes()
    assert "CC BY-IGO" in (REPO / "geo" / "SOURCE.md").read_text()


def test_default_neighbours_are_the_real_borders_the_voronoi_guess_missed():
    weights = geo.contiguity(geo.boundaries("kelurahan")[0], "kode_kel")
    ngemplakrejo, mandaranrejo = "35.75.04.1007", "35.75.04.1013"
    assert mandaranrejo in weights.neighbors[ngemplakrejo]
    assert not weights.islands and weights.n == 34


def test_boundaries_use_the_env_file_and_derive_kecamatan_from_it(shared_geo, monkeypatch):
    monkeypatch.setenv("PANTAU_BATAS", str(KELURAHAN_FILE))
    kel, kel_official = geo.boundaries("kelurahan")
    kec, kec_official = geo.boundaries("kecamatan")
    assert kel_official and kec_official
    assert len(kel) == 34 and "approximate" not in kel.columns
    dissolved = kec.set_index("kode_kec").to_crs(32749)
    reference = gpd.read_file(KECAMATAN_FILE).set_index("kode_kec").to_crs(32749)
    for code in reference.index:
        overlap = dissolved.loc[code].geometry.intersection(reference.loc[code].geometry).area
        assert overlap / reference.loc[code].geometry.area > 0.999, code


def test_boundaries_prefer_the_kecamatan_env_file(shared_geo, monkeypatch):
    monkeypatch.setenv("PANTAU_BATAS", str(ALT_DIR / "pasuruan_kelurahan.geojson"))
    monkeypatch.setenv("PANTAU_BATAS_KECAMATAN", str(KECAMATAN_FILE))
    kec, official = geo.boundaries("kecamatan")
    assert official
    # Only the primary kecamatan file carries Gadingrejo's exclave.
    assert kec.set_index("kode_kec").loc["35.75.01"].geometry.geom_type == "MultiPolygon"


def test_configured_but_broken_file_raises_instead_of_silently_approximating(tmp_path, monkeypatch):
    monkeypatch.setenv("PANTAU_BATAS", os.fspath(tmp_path / "hilang.geojson"))
    with pytest.raises(PantauError):
        geo.boundaries("kelurahan")


def test_geojson_uses_the_code_as_feature_id():
    collection = geo.geojson(geo.approximate_boundaries("kelurahan"), "kode_kel")
    assert collection["type"] == "FeatureCollection"
    ids = [feature["id"] for feature in collection["features"]]
    assert sorted(ids) == sorted(geo.wilayah()["kode_kel"])
    first = collection["features"][0]
    assert first["properties"]["kelurahan"] == "Karangketug"
    assert first["geometry"]["type"] == "Polygon"


# --- spatial statistics ------------------------------------------------------------------------


def test_contiguity_is_row_standardised_and_keyed_by_code():
    weights = geo.contiguity(geo.approximate_boundaries("kelurahan"), "kode_kel")
    assert weights.n == 34 and not weights.islands
    assert weights.transform == "R"
    assert all(sum(w) == pytest.approx(1.0) for w in weights.weights.values())
    # Trajeng borders Tamba'an on every map of the city.
    assert "35.75.04.1002" in weights.neighbors["35.75.04.1003"]


def test_contiguity_connects_an_island_to_its_nearest_region():
    cells = geo.approximate_boundaries("kelurahan")
    far = cells.copy()
    far.loc[0, "geometry"] = shapely.affinity.translate(far.loc[0, "geometry"], xoff=0.5)
    weights = geo.contiguity(far, "kode_kel")
    assert not weights.islands
    assert len(weights.neighbors[far.loc[0, "kode_kel"]]) == 1


def _planted(center: str) -> gpd.GeoDataFrame:
    cells = geo.approximate_boundaries("kelurahan")
    neighbours = set(geo.contiguity(cells, "kode_kel").neighbors[center])
    rng = np.random.default_rng(7)
    values = rng.uniform(0, 5, len(cells))
    hot = cells["kode_kel"].isin(neighbours | {center}).to_numpy()
    values[hot] = rng.uniform(40, 50, hot.sum())
    return cells.assign(jumlah=values)


def test_hotspots_mark_a_planted_cluster_high_high_deterministically():
    center = "35.75.04.1005"  # Kebonsari, in the middle of the city
    planted = _planted(center)
    result = geo.hotspots(planted, "jumlah", "kode_kel", seed=11).set_index("kode_kel")
    assert result.loc[center, "kuadran"] == "Tinggi-Tinggi (kantong)"
    assert result.loc[center, "p_sim"] < 0.05 and result.loc[center, "I"] > 0
    assert result.columns.tolist() == ["jumlah", "I", "p_sim", "kuadran"]
    assert set(result["kuadran"]) <= {
        "Tinggi-Tinggi (kantong)",
        "Rendah-Rendah",
        "Tinggi-Rendah",
        "Rendah-Tinggi",
        "Tidak signifikan",
    }
    again = geo.hotspots(planted, "jumlah", "kode_kel", seed=11).set_index("kode_kel")
    pd.testing.assert_frame_equal(result, again)


def test_hotspots_follow_the_callers_row_order():
    planted = _planted("35.75.04.1005")
    forward = geo.hotspots(planted, "jumlah", "kode_kel", seed=3)
    backward = geo.hotspots(planted.iloc[::-1], "jumlah", "kode_kel", seed=3)
    assert backward["kode_kel"].tolist() == planted["kode_kel"].iloc[::-1].tolist()
    merged = forward.merge(backward, on="kode_kel")
    assert np.allclose(merged["I_x"], merged["I_y"])
    assert (merged["jumlah_x"] == merged["jumlah_y"]).all()


def test_hotspots_label_missing_and_constant_values_without_failing():
    cells = geo.approximate_boundaries("kelurahan").assign(jumlah=3.0)
    cells.loc[0, "jumlah"] = np.nan
    result = geo.hotspots(cells, "jumlah", "kode_kel")
    assert result.loc[0, "kuadran"] == "Tanpa data"
    assert (result.loc[1:, "kuadran"] == "Tidak signifikan").all()
    assert result["I"].isna().all()


# --- only the primary files are shipped (SOURCE.md), only in geo/ ---------------------------------


def test_only_the_primary_boundary_files_are_copied_and_only_into_geo(shared_geo):
    # The primary files may be carried into geo/ with their attribution; the alternative
    # (cahyadsn) files stay test inputs only.
    protected = list((shared_geo / "alt_cahyadsn").glob("*.geojson"))
    assert len(protected) == 2
    primary = {hashlib.sha256(p.read_bytes()).hexdigest() for p in shared_geo.glob("*.geojson")}
    for folder, _, files in os.walk(REPO):
        if ".git" in folder or Path(folder) == REPO / "geo":
            continue
        for name in files:
            path = Path(folder) / name
            if name.endswith(".geojson") and path.stat().st_size < 10**7:
                assert hashlib.sha256(path.read_bytes()).hexdigest() not in primary, path
    digests = {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in protected}
    sizes = {p.stat().st_size for p in protected}
    copies = []
    for folder, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d != ".git"]
        for name in files:
            path = Path(folder) / name
            # Hash only files of a matching size: the walk also covers large local data.
            same_size = path.is_file() and path.stat().st_size in sizes
            if same_size and hashlib.sha256(path.read_bytes()).hexdigest() in digests:
                copies.append(path)
    assert copies == []

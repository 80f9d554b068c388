"""Region reference and boundaries for Kota Pasuruan: the kelurahan/kecamatan list, a boundary
file joined on its codes (a configured official file, else the shipped BPS 2020 boundaries, else
an approximate map built from centroids), and hotspots."""

from __future__ import annotations

import functools
import json
import os
import warnings
from pathlib import Path

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd
import pyproj
import shapely

from pantau.config import ROOT, WILAYAH_CSV
from pantau.errors import PantauError

LEVELS = ("kelurahan", "kecamatan")
ENV_BATAS = {"kelurahan": "PANTAU_BATAS", "kecamatan": "PANTAU_BATAS_KECAMATAN"}
# Kota Pasuruan's real boundaries, shipped (geo/SOURCE.md: BPS 2020 via OCHA/HDX, CC BY-IGO 3.0).
BAWAAN = {
    "kelurahan": ROOT / "geo" / "pasuruan_kelurahan.geojson",
    "kecamatan": ROOT / "geo" / "pasuruan_kecamatan.geojson",
}
SUMBER_BAWAAN = (
    "Batas desa/kelurahan: BPS – Statistics Indonesia (2020), via OCHA Humanitarian Data "
    "Exchange (cod-ab-idn), CC BY-IGO 3.0; kode Kemendagri dicocokkan dengan nama."
)
MIN_MATCH = 0.8
SIGNIFICANCE = 0.05
CRS = "EPSG:4326"

_CODE_COLUMNS = ("kode_kec", "kode_kec_bps", "kode_kel", "kode_kel_bps")
_TEXT_COLUMNS = ("kecamatan", "kelurahan", "nama_kel_bps")
# esda's Moran_Local.q: 1 HH, 2 LH, 3 LL, 4 HL.
_QUADRANTS = {
    1: "Tinggi-Tinggi (kantong)",
    2: "Rendah-Tinggi",
    3: "Rendah-Rendah",
    4: "Tinggi-Rendah",
}
NOT_SIGNIFICANT = "Tidak signifikan"
NO_DATA = "Tanpa data"
# Wide box around the city: a file whose features fall outside it has the wrong (or no) CRS.
_CITY_BOX = shapely.box(112.7, -7.8, 113.1, -7.5)


# --- reference -------------------------------------------------------------------------------


def _wilayah() -> pd.DataFrame:
    """The desa/kelurahan of the process's region (pantau.wilayah: $PANTAU_DATA / --data)."""
    from pantau import wilayah as region

    return _wilayah_of(region.kode())


@functools.cache
def _wilayah_of(kode: str) -> pd.DataFrame:
    from pantau import wilayah as region

    if kode == region.BAWAAN:
        dtypes = {c: str for c in _CODE_COLUMNS + _TEXT_COLUMNS}
        return pd.read_csv(WILAYAH_CSV, dtype=dtypes, keep_default_na=False)
    df = region.tabel(kode).copy()
    for col in df.columns:
        if col not in _CODE_COLUMNS + _TEXT_COLUMNS:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


def wilayah() -> pd.DataFrame:
    """The 34 kelurahan with Kemendagri and BPS codes, area (km²), centroid and interior point."""
    # A copy, so a caller editing the frame cannot corrupt the cached reference.
    return _wilayah().copy()


def kecamatan() -> pd.DataFrame:
    """The 4 kecamatan: codes, summed area and the mean of their kelurahan centroids."""
    keys = ["kode_kec", "kecamatan", "kode_kec_bps"]
    out = (
        _wilayah()
        .groupby(keys, as_index=False)
        .agg(area_km2=("area_km2", "sum"), lon=("lon", "mean"), lat=("lat", "mean"))
    )
    out["area_km2"] = out["area_km2"].round(3)
    return out


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise PantauError(f"Tingkat wilayah harus 'kelurahan' atau 'kecamatan', bukan {level!r}.")


def _id_name(level: str) -> tuple[str, str]:
    return ("kode_kel", "kelurahan") if level == "kelurahan" else ("kode_kec", "kecamatan")


def _code_systems(level: str) -> dict[str, dict[str, str]]:
    """Every accepted spelling of a code, mapped to the Kemendagri dotted code, per system."""
    ref = _wilayah() if level == "kelurahan" else kecamatan()
    code, bps = (
        ("kode_kel", "kode_kel_bps") if level == "kelurahan" else ("kode_kec", "kode_kec_bps")
    )
    dotted = ref[code]
    # Order is the tie-break: Kemendagri undotted and BPS kelurahan codes overlap for a few
    # values (3575031001 is Blandongan in one and Petamanan in the other).
    return {
        "kemendagri": dict(zip(dotted, dotted, strict=True)),
        "bps": dict(zip(ref[bps], dotted, strict=True)),
        "kemendagri_tanpa_titik": dict(zip(dotted.str.replace(".", ""), dotted, strict=True)),
    }


# --- official boundary files ------------------------------------------------------------------


def _normalise_codes(values: pd.Series) -> pd.Series:
    """Codes as text, whatever the file stored: numeric columns lose their '.0'."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        whole = values.dropna()
        if not (whole == np.floor(whole)).all():
            return values.astype(str)
        return values.astype("Int64").astype(str)
    return values.astype(str).str.strip()


def _best_code_column(frame: pd.DataFrame, level: str) -> tuple[str, dict[str, str]] | None:
    """The column and code system matching the most features.

    Accepted if it matches MIN_MATCH of the features, or names every region of the city
    (a province-wide file matches few of its features but is still usable).
    """
    best, best_hits = None, 0
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        values = _normalise_codes(frame[column])
        for mapping in _code_systems(level).values():
            hits = int(values.isin(mapping.keys()).sum())
            complete = values[values.isin(mapping.keys())].nunique() == len(mapping)
            if hits > best_hits and (hits >= MIN_MATCH * len(frame) or complete):
                best, best_hits = (column, mapping), hits
    return best


def _read(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise PantauError(f"Berkas batas wilayah {path} tidak ditemukan.")
    try:
        frame = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types; the user needs one sentence.
        raise PantauError(
            f"Berkas batas wilayah {path.name} tidak dapat dibaca; gunakan GeoJSON, "
            "Shapefile, atau GeoPackage yang utuh."
        ) from exc
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise PantauError(f"Berkas batas wilayah {path.name} tidak memuat geometri.")
    return frame[frame.geometry.notna() & ~frame.geometry.is_empty]


def _to_wgs84(frame: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    frame = frame.set_crs(CRS) if frame.crs is None else frame.to_crs(CRS)
    if not shapely.box(*frame.total_bounds).intersects(_CITY_BOX):
        raise PantauError(
            f"Koordinat berkas batas wilayah {name} tidak berada di Kota Pasuruan; "
            "periksa sistem koordinatnya (CRS)."
        )
    return frame


def _finish(frame: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """One valid, RFC 7946-oriented row per region with its Kemendagri code and name."""
    id_col, name_col = _id_name(level)
    # "structure" keeps only the polygonal part, so a bow-tie cannot leave stray lines behind.
    valid = shapely.make_valid(frame.geometry.values, method="structure", keep_collapsed=False)
    frame = frame[[id_col]].set_geometry(valid, crs=CRS).dissolve(by=id_col, as_index=False)
    oriented = shapely.orient_polygons(frame.geometry.values, exterior_cw=False)
    frame = frame.set_geometry(oriented, crs=CRS)
    ref = _wilayah() if level == "kelurahan" else kecamatan()
    names = ref.drop_duplicates(id_col).set_index(id_col)[name_col]
    frame.insert(1, name_col, frame[id_col].map(names))
    return frame.sort_values(id_col, ignore_index=True)


def load_boundaries(path: str | os.PathLike, level: str) -> gpd.GeoDataFrame:
    """An official boundary file, in EPSG:4326, joined on its Kemendagri or BPS codes.

    The code column is found by its values, not its name. Features sharing a code are merged.
    """
    _check_level(level)
    path = Path(path)
    frame = _to_wgs84(_read(path), path.name)
    found = _best_code_column(frame, level)
    if found is None and level == "kecamatan" and _best_code_column(frame, "kelurahan"):
        # A kelurahan file given for kecamatan: its kelurahan codes say where each part goes.
        return dissolve_kecamatan(load_boundaries(path, "kelurahan"))
    if found is None:
        raise PantauError(
            f"Berkas batas wilayah {path.name} tidak memuat kode Kemendagri atau BPS "
            f"tingkat {level} untuk Kota Pasuruan; periksa kolom kodenya."
        )
    column, mapping = found
    id_col, _ = _id_name(level)
    codes = _normalise_codes(frame[column]).map(mapping)
    frame = gpd.GeoDataFrame({id_col: codes, "geometry": frame.geometry.values}, crs=CRS)
    return _finish(frame.dropna(subset=[id_col]), level)


def dissolve_kecamatan(kelurahan: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Kecamatan polygons as the union of their kelurahan polygons."""
    kode_kec = _wilayah().set_index("kode_kel")["kode_kec"]
    frame = gpd.GeoDataFrame(
        {"kode_kec": kelurahan["kode_kel"].map(kode_kec), "geometry": kelurahan.geometry.values},
        crs=kelurahan.crs,
    )
    return _finish(frame, "kecamatan")


# --- approximate map ---------------------------------------------------------------------------


def _geodesic_km2(geometry: shapely.Geometry) -> float:
    area, _ = pyproj.Geod(ellps="WGS84").geometry_area_perimeter(geometry)
    return abs(area) / 1e6


def _city_hull(points: shapely.Geometry, area_km2: float) -> shapely.Geometry:
    """The convex hull of the points, buffered until it covers the city's known area."""
    # Centroids sit inside the city, so the bare hull is too small; bisect the buffer width
    # (degrees) instead of guessing one, so the map's total area matches the reference.
    hull = points.convex_hull
    low, high = 0.0, 0.05
    for _ in range(30):
        mid = (low + high) / 2
        low, high = (mid, high) if _geodesic_km2(hull.buffer(mid)) < area_km2 else (low, mid)
    return hull.buffer(high)


@functools.cache
def _approximate_kelurahan() -> gpd.GeoDataFrame:
    ref = _wilayah()
    inner = shapely.points(ref["inner_lon"], ref["inner_lat"])
    centroids = shapely.points(ref["lon"], ref["lat"])
    hull = _city_hull(
        shapely.multipoints(np.concatenate([inner, centroids])), ref["area_km2"].sum()
    )
    cells = shapely.voronoi_polygons(shapely.multipoints(inner), extend_to=hull, ordered=True)
    geometry = shapely.intersection(shapely.get_parts(cells), hull)
    frame = gpd.GeoDataFrame({"kode_kel": ref["kode_kel"], "geometry": geometry}, crs=CRS)
    return _finish(frame, "kelurahan")


def approximate_boundaries(level: str) -> gpd.GeoDataFrame:
    """An approximate map from wilayah.csv alone: Voronoi cells of the kelurahan interior points,
    clipped to a hull of the city's area; kecamatan are their dissolve. Column `approximate`
    (and attrs["approximate"]) is True."""
    _check_level(level)
    frame = _approximate_kelurahan().copy()
    if level == "kecamatan":
        frame = dissolve_kecamatan(frame)
    frame["approximate"] = True
    frame.attrs["approximate"] = True
    return frame


# --- choosing a source -------------------------------------------------------------------------


def _configured(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def boundaries(level: str, path: str | os.PathLike | None = None) -> tuple[gpd.GeoDataFrame, bool]:
    """The boundaries for `level` and whether they are real (not the approximate map).

    Order: `path`, then $PANTAU_BATAS (kelurahan) or $PANTAU_BATAS_KECAMATAN (kecamatan; if
    unset, the dissolve of $PANTAU_BATAS), then the shipped BPS 2020 file (BAWAAN), then the
    approximate map. A configured file that cannot be used raises PantauError rather than
    silently showing another map. attrs["sumber"] says which one in words, for the page.
    """
    _check_level(level)
    chosen = path or _configured(ENV_BATAS[level])
    kelurahan_file = _configured(ENV_BATAS["kelurahan"])
    if chosen:
        frame = load_boundaries(chosen, level)
        frame.attrs["sumber"] = f"berkas batas resmi {Path(chosen).name}"
    elif level == "kecamatan" and kelurahan_file:
        frame = dissolve_kecamatan(load_boundaries(kelurahan_file, "kelurahan"))
        frame.attrs["sumber"] = f"berkas batas resmi {Path(kelurahan_file).name}"
    elif BAWAAN[level].exists():
        frame = _bawaan(level).copy()
        frame.attrs["sumber"] = SUMBER_BAWAAN
    else:
        frame = approximate_boundaries(level)
        frame.attrs["sumber"] = "peta perkiraan (sel Voronoi dari titik pusat kelurahan)"
        return frame, False
    return frame, True


@functools.cache
def _bawaan(level: str) -> gpd.GeoDataFrame:
    # Read once per process: the shipped file never changes while the app runs.
    return load_boundaries(BAWAAN[level], level)


def geojson(gdf: gpd.GeoDataFrame, id_col: str) -> dict:
    """A GeoJSON FeatureCollection whose feature `id` is the code, for plotly's
    `choropleth_map(geojson=..., locations=..., featureidkey="id")`."""
    frame = gdf if gdf.crs is None or gdf.crs == CRS else gdf.to_crs(CRS)
    frame = frame.set_index(frame[id_col].astype(str).rename(None))
    return json.loads(frame.to_json(drop_id=False))


# --- spatial statistics ------------------------------------------------------------------------


def contiguity(gdf: gpd.GeoDataFrame, id_col: str) -> libpysal.weights.W:
    """Row-standardised queen contiguity weights keyed by code; islands get their nearest
    region as neighbour so every region takes part in the local statistics."""
    frame = gdf.set_index(gdf[id_col].astype(str).rename(None))
    weights = libpysal.weights.Queen.from_dataframe(frame, use_index=True, silence_warnings=True)
    if weights.islands:
        points = frame.set_geometry(frame.representative_point())
        nearest = libpysal.weights.KNN.from_dataframe(
            points, k=1, use_index=True, silence_warnings=True
        )
        weights = libpysal.weights.attach_islands(weights, nearest)
    weights.transform = "r"
    return weights


def _label(quadrant: int, p_sim: float) -> str:
    return _QUADRANTS[quadrant] if p_sim < SIGNIFICANCE else NOT_SIGNIFICANT


def hotspots(
    gdf_with_values: gpd.GeoDataFrame,
    value_col: str,
    id_col: str,
    permutations: int = 999,
    seed: int = 20240601,
) -> pd.DataFrame:
    """Local Moran's I per region: code, value, I, p_sim and `kuadran` (Indonesian label,
    significant at p < 0.05). Regions without a value are left out of the statistic and
    labelled "Tanpa data"; with no variation at all every region is "Tidak signifikan"."""
    frame = gdf_with_values.reset_index(drop=True)
    codes = frame[id_col].astype(str)
    out = pd.DataFrame({id_col: codes, value_col: frame[value_col]})
    out["I"], out["p_sim"], out["kuadran"] = np.nan, np.nan, NO_DATA
    has_value = frame[value_col].notna()
    out.loc[has_value, "kuadran"] = NOT_SIGNIFICANT
    values = frame.loc[has_value, value_col].astype(float).set_axis(codes[has_value])
    if len(values) < 3 or values.nunique() < 2:
        return out
    weights = contiguity(frame[has_value], id_col)
    with warnings.catch_warnings():
        # esda announces a future change of default p-value; the current folded (directed)
        # pseudo p-value is what the labels are defined on, and the notice means nothing to users.
        warnings.simplefilter("ignore", DeprecationWarning)
        local = esda.Moran_Local(
            values.loc[weights.id_order].to_numpy(),
            weights,
            permutations=permutations,
            seed=seed,
            n_jobs=1,
        )
    result = pd.DataFrame(
        {
            "I": local.Is,
            "p_sim": local.p_sim,
            "kuadran": [_label(q, p) for q, p in zip(local.q, local.p_sim, strict=True)],
        },
        index=weights.id_order,
    )
    # Results come in the weights' order; put them back on the caller's rows by code.
    for column in result.columns:
        out.loc[has_value, column] = codes[has_value].map(result[column])
    return out

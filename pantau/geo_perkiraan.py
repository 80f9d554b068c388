"""The approximate map: Voronoi cells around each unit's centroid, clipped to the region's
outline (or a coarser level's real outline), for a region without a boundary file; every
map drawn on it says so (charts.maps.perkiraan)."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy.spatial import cKDTree

from pantau.geo_berkas import _finish, dissolve
from pantau.geo_kode import CRS, _level, _region, _region_key

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


def _spacing_hull(xy: np.ndarray) -> shapely.Geometry:
    """Without a known area: the hull widened by half the median distance between neighbours
    (a border runs about half way to the next unit's centre)."""
    hull = shapely.multipoints(xy).convex_hull
    if len(xy) < 2:
        return hull.buffer(0.01)
    distance, _ = cKDTree(xy).query(xy, k=2)
    return hull.buffer(max(float(np.median(distance[:, 1])) / 2, 1e-4))


def _points(region: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """One point per desa/kelurahan: the interior point, else the centroid, else the mean of
    its kecamatan's (then kab/kota's) points; duplicates nudged apart so each gets a cell.
    Returns the xy array and a mask of the rows that have a point."""
    lon = region["inner_lon"].fillna(region["lon"])
    lat = region["inner_lat"].fillna(region["lat"])
    for parent in (region["kode_kec"], region["kode_kec"].str[:5]):
        lon = lon.fillna(lon.groupby(parent).transform("mean"))
        lat = lat.fillna(lat.groupby(parent).transform("mean"))
    has = (lon.notna() & lat.notna()).to_numpy()
    xy = np.column_stack([lon.to_numpy(), lat.to_numpy()])[has]
    rank = pd.DataFrame(xy).groupby([0, 1]).cumcount().to_numpy()
    xy[:, 0] += rank * 1e-5
    return xy, has


def _voronoi(xy: np.ndarray, clip: shapely.Geometry) -> np.ndarray:
    """The Voronoi cells of the points, in their order, clipped to `clip`."""
    if len(xy) == 1:
        return np.array([clip], dtype=object)
    cells = shapely.voronoi_polygons(shapely.multipoints(xy), extend_to=clip, ordered=True)
    return shapely.intersection(shapely.get_parts(cells), clip)


def _approximate_cells(region: pd.DataFrame, outline: gpd.GeoDataFrame | None) -> gpd.GeoDataFrame:
    xy, has = _points(region)
    rows = region[has].reset_index(drop=True)
    area = region["area_km2"].sum(min_count=1)
    if pd.notna(area) and area > 0 and region["area_km2"].notna().all():
        centroids = region[["lon", "lat"]].dropna().to_numpy()
        hull = _city_hull(shapely.multipoints(np.concatenate([xy, centroids])), area)
    else:
        hull = _spacing_hull(xy)
    geometry = np.empty(len(rows), dtype=object)
    todo = np.ones(len(rows), dtype=bool)
    if outline is not None and len(outline):
        id_col = "kode_kec" if "kode_kec" in outline else "kode_kab"
        parents = rows["kode_kec"] if id_col == "kode_kec" else rows["kode_kec"].str[:5]
        shapes = dict(zip(outline[id_col], outline.geometry.values, strict=True))
        for code, index in parents.groupby(parents).indices.items():
            if code in shapes:
                geometry[index] = _voronoi(xy[index], shapes[code])
                todo[index] = False
        if todo.any():
            hull = shapely.difference(hull, shapely.union_all(outline.geometry.values))
    if todo.any():
        geometry[todo] = _voronoi(xy[todo], hull)
    frame = gpd.GeoDataFrame({"kode_kel": rows["kode_kel"], "geometry": geometry}, crs=CRS)
    frame = _finish(frame, "kelurahan", region)
    frame.attrs["tanpa_titik"] = region.loc[~has, "kode_kel"].tolist()
    return frame


_APPROXIMATE: dict[tuple, gpd.GeoDataFrame] = {}


def approximate_boundaries(
    level: str,
    ref: pd.DataFrame | None = None,
    outline: gpd.GeoDataFrame | None = None,
) -> gpd.GeoDataFrame:
    """An approximate map from the region's table alone: Voronoi cells of the desa/kelurahan
    interior points (or centroids), clipped to a hull of the region (widened to its known area,
    or by half the spacing of the points) or, when `outline` (real kecamatan or kab/kota
    polygons) is given, to each unit's own outline; coarser levels are their dissolve. Column
    `approximate` (and attrs["approximate"]) is True; attrs["tanpa_titik"] lists the codes
    without any point (left off the map)."""
    level = _level(level)
    region = _region(ref)
    outline_key = None
    if outline is not None:
        wkb = b"".join(shapely.to_wkb(np.asarray(outline.geometry.values, dtype=object)))
        outline_key = hashlib.sha1(wkb).hexdigest()
    key = (_region_key(ref), outline_key)
    if key not in _APPROXIMATE:
        if len(_APPROXIMATE) > 8:
            _APPROXIMATE.clear()
        _APPROXIMATE[key] = _approximate_cells(region, outline)
    cells = _APPROXIMATE[key]
    frame = cells.copy() if level == "kelurahan" else dissolve(cells, level, ref)
    frame["approximate"] = True
    frame.attrs["approximate"] = True
    frame.attrs["tanpa_titik"] = list(cells.attrs["tanpa_titik"])
    return frame

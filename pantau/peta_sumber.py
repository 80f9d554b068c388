"""The boundaries a Peta map is drawn on: the configured or shipped files, with a fallback to the
approximate map (cached per file and its time, so a changed file is read again), and GeoJSON."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import geopandas as gpd

from pantau import geo
from pantau.errors import PantauError


def _stamp(name: str) -> tuple[str, float]:
    value = os.environ.get(name, "").strip()
    try:
        return value, Path(value).stat().st_mtime if value else 0.0
    except OSError:
        return value, -1.0


@functools.lru_cache(maxsize=16)
def _batas(level: str, _files: tuple) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    try:
        gdf, official = geo.boundaries(level)
        return gdf, official, None
    except PantauError as err:
        message = f"{err} Peta perkiraan ditampilkan sebagai gantinya."
        return geo.approximate_boundaries(level), False, message


def batas(level: str) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    """Boundaries for `level`, whether they are official, and the error that made them fall back
    to the approximate map (None when the configured file, or none, was used)."""
    return _batas(level, berkas_batas())


def berkas_batas() -> tuple:
    """What the boundaries depend on (the key of every cached boundary and map): the configured files (with their times) and the shipped
    ones, so a changed file or setting is read again."""
    shipped = tuple((str(f), f.exists()) for f in geo.BAWAAN.values())
    stored = geo.batas_files()  # what `peta-batas` put in the data directory
    return tuple(_stamp(name) for name in geo.ENV_BATAS.values()) + shipped + stored


@functools.lru_cache(maxsize=8)
def _perkiraan(level: str, _files: tuple) -> gpd.GeoDataFrame:
    try:
        return geo.approximate_map(level)
    except PantauError:  # an unusable coarser file: the plain approximate map
        return geo.approximate_boundaries(level)


def sumber(level: str, codes: list[str] | None = None) -> tuple[gpd.GeoDataFrame, bool, str]:
    """The boundaries a map of `codes` at `level` is drawn on: (frame, official, kind).

    The configured boundaries when they cover every code; else the approximate map (clipped to
    the real outlines of a coarser level when configured): a province's desa file may hold one
    kab/kota only (Tuban), and another kab/kota's desa are then drawn from their centroids."""
    gdf, official, _ = batas(level)
    if official and codes is not None and not set(codes) <= set(gdf[kolom_id(level)]):
        return _perkiraan(level, berkas_batas()), False, "perkiraan"
    return gdf, official, "batas"


@functools.lru_cache(maxsize=16)
def _geojson(level: str, _files: tuple, kind: str = "batas") -> dict:
    gdf = _batas(level, _files)[0] if kind == "batas" else _perkiraan(level, _files)
    return geo.geojson(gdf, kolom_id(level))


def geojson(level: str, kind: str = "batas", codes: list[str] | None = None) -> dict:
    """The GeoJSON of `level` (kind: "batas" or "perkiraan", see `sumber`); with many features
    (a province's desa) only those of `codes`, so a map does not send 8,494 polygons to the
    browser to draw twenty."""
    full = _geojson(level, berkas_batas(), kind)
    if codes is None or len(full["features"]) <= MAKS_FITUR:
        return full
    keep = set(codes)
    return {**full, "features": [f for f in full["features"] if f["id"] in keep]}


MAKS_FITUR = 1000


def kolom_id(level: str) -> str:
    return {"kelurahan": "kode_kel", "kabupaten_kota": "kode_kab"}.get(level, "kode_kec")

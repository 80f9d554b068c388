"""Region reference and boundaries for the region a data directory serves (default Kota
Pasuruan): the desa/kelurahan, kecamatan and kab/kota lists, a boundary file joined on its codes
(a configured official file, else Kota Pasuruan's shipped BPS 2020 boundaries, else an
approximate map built from centroids), and hotspots. Functions take the region's table as `ref`
(geo/wilayah.csv's columns); None is today's reference.


One module per concern, named here so callers keep reading `geo.X`: `geo_kode` (the units and
their code systems), `geo_berkas` (reading, repairing and joining a boundary file),
`geo_perkiraan` (the centroid map), `geo_statistik` (contiguity, hotspots); this module chooses
the source (a path, the configured file, the shipped one, the approximate map) and installs
a file (`peta-batas`). BAWAAN and ENV_BATAS live here, where they are read (tests patch them)."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import geopandas as gpd
import pandas as pd

from pantau import config
from pantau.config import ROOT
from pantau.errors import PantauError
from pantau.geo_berkas import (
    LaporanBatas,
    _join,
    _read,
    _to_wgs84,
    dissolve,
    dissolve_kecamatan,
    load_boundaries,
)
from pantau.geo_kode import (
    _COARSER,
    _FINER,
    _QUADRANTS,
    ALL_LEVELS,
    CRS,
    LEVELS,
    MIN_MATCH,
    NO_DATA,
    NOT_SIGNIFICANT,
    SIGNIFICANCE,
    TINGKAT_BERKAS,
    TINGKAT_TEKS,
    _id_name,
    _level,
    _region,
    _region_key,
    _units,
    kabupaten_kota,
    kecamatan,
    wilayah,
)
from pantau.geo_perkiraan import approximate_boundaries
from pantau.geo_statistik import contiguity, hotspots

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

# --- choosing a source -------------------------------------------------------------------------


def _configured(name: str) -> str | None:
    value = os.environ.get(name, "").strip()
    return value or None


def batas_file(data_dir: str | os.PathLike, level: str) -> Path:
    """Where `peta-batas` puts a data directory's boundaries for `level`."""
    return Path(data_dir) / "wilayah" / f"batas_{TINGKAT_BERKAS[_level(level)]}.geojson"


def _data_dir(data_dir: str | os.PathLike | None) -> Path:
    return Path(data_dir) if data_dir is not None else config.data_dir()


def batas_files(data_dir: str | os.PathLike | None = None) -> tuple[tuple[str, float], ...]:
    """The data directory's boundary files with their times (for callers' caches)."""
    files = (batas_file(_data_dir(data_dir), level) for level in ALL_LEVELS)
    return tuple((str(f), f.stat().st_mtime if f.exists() else 0.0) for f in files)


_LOADED: dict[tuple, gpd.GeoDataFrame] = {}


def _load_cached(path: Path, level: str, ref: pd.DataFrame | None) -> gpd.GeoDataFrame:
    key = (str(path), path.stat().st_mtime, level, _region_key(ref))
    if key not in _LOADED:
        if len(_LOADED) > 8:
            _LOADED.clear()
        _LOADED[key] = load_boundaries(path, level, ref)
    return _LOADED[key].copy()


def _sumber_data_dir(path: Path) -> str:
    info = path.with_suffix(".json")
    try:
        original = json.loads(info.read_text(encoding="utf-8"))["berkas"]
    except (OSError, ValueError, KeyError):
        original = path.name
    return f"berkas batas {original} (dipasang dengan peta-batas)"


def _configured_source(
    level: str, ref: pd.DataFrame | None, data_dir: Path
) -> gpd.GeoDataFrame | None:
    """The configured boundaries for `level`: its environment file, its file in the data
    directory, else the dissolve of a finer configured level. None when nothing is configured."""
    env = _configured(ENV_BATAS[level]) if level in ENV_BATAS else None
    if env:
        frame = load_boundaries(env, level, ref)
        frame.attrs["sumber"] = f"berkas batas resmi {Path(env).name}"
        return frame
    stored = batas_file(data_dir, level)
    if stored.exists():
        frame = _load_cached(stored, level, ref)
        frame.attrs["sumber"] = _sumber_data_dir(stored)
        return frame
    finer = _FINER[level][:1]
    for fine_level in finer:
        fine = _configured_source(fine_level, ref, data_dir)
        if fine is not None:
            frame = dissolve(fine, level, ref)
            frame.attrs["sumber"] = fine.attrs["sumber"]
            return frame
    return None


def _is_pasuruan(ref: pd.DataFrame | None) -> bool:
    codes = _region(ref)["kode_kel"]
    return bool(len(codes)) and bool(codes.str.startswith("35.75.").all())


def _real(level: str, ref: pd.DataFrame | None, data_dir: Path) -> gpd.GeoDataFrame | None:
    frame = _configured_source(level, ref, data_dir)
    if frame is not None or not _is_pasuruan(ref):
        return frame
    if level in BAWAAN and BAWAAN[level].exists():
        frame = _bawaan(level).copy() if ref is None else load_boundaries(BAWAAN[level], level, ref)
    elif level == "kabupaten_kota" and BAWAAN["kecamatan"].exists():
        frame = dissolve(_bawaan("kecamatan"), level, ref)
    else:
        return None
    frame.attrs["sumber"] = SUMBER_BAWAAN
    return frame


def boundaries(
    level: str,
    path: str | os.PathLike | None = None,
    ref: pd.DataFrame | None = None,
    data_dir: str | os.PathLike | None = None,
) -> tuple[gpd.GeoDataFrame, bool]:
    """The boundaries for `level` and whether they are real (not the approximate map).

    `ref` is the region's desa/kelurahan table (default: today's), `data_dir` the data directory
    (default: config.data_dir()). Order: `path`; then $PANTAU_BATAS (desa/kelurahan) or
    $PANTAU_BATAS_KECAMATAN (kecamatan); then the data directory's file put there by
    `peta-batas` (wilayah/batas_<tingkat>.geojson); then the dissolve of a finer level's
    configured file; then, for Kota Pasuruan, the shipped BPS 2020 file (BAWAAN); then the
    approximate map, clipped to real kecamatan or kab/kota outlines when those are configured.
    A configured file that cannot be used raises PantauError rather than silently showing
    another map. attrs["sumber"] says which one in words, for the page.
    """
    level = _level(level)
    if path:
        frame = load_boundaries(path, level, ref)
        frame.attrs["sumber"] = f"berkas batas resmi {Path(path).name}"
        return frame, True
    directory = _data_dir(data_dir)
    frame = _real(level, ref, directory)
    if frame is not None:
        return frame, True
    return approximate_map(level, ref, directory), False


def approximate_map(
    level: str, ref: pd.DataFrame | None = None, data_dir: str | os.PathLike | None = None
) -> gpd.GeoDataFrame:
    """The approximate map of `level`, clipped to the real outlines of the nearest coarser
    level that is configured (a province's kecamatan file around desa it has no polygons
    for), with attrs["sumber"] in words."""
    level, directory = _level(level), _data_dir(data_dir)
    outline = None
    for coarser in _COARSER[level]:
        outline = _configured_source(coarser, ref, directory)
        if outline is not None:
            break
    frame = approximate_boundaries(level, ref, outline)
    clipped = " dalam batas resmi yang lebih kasar" if outline is not None else ""
    frame.attrs["sumber"] = f"peta perkiraan (sel Voronoi dari titik pusat desa/kelurahan{clipped})"
    return frame


@functools.cache
def _bawaan(level: str) -> gpd.GeoDataFrame:
    # Read once per process: the shipped file never changes while the app runs.
    return load_boundaries(BAWAAN[level], level)


def pasang_batas(
    path: str | os.PathLike,
    data_dir: str | os.PathLike,
    level: str | None = None,
    ref: pd.DataFrame | None = None,
    paksa: bool = False,
) -> LaporanBatas:
    """`peta-batas`: validate a boundary file against the region and store the joined, repaired
    polygons in the data directory (wilayah/batas_<tingkat>.geojson, with a .json beside it
    naming the original file and the report). Without `level`, the finest level that joins.
    Names are accepted as a last resort, and the report says so."""
    levels = [_level(level)] if level else list(ALL_LEVELS)
    frame, first_error = None, None
    # Codes at every level before names at any: a kecamatan file's names may also be desa names.
    path = Path(path)
    source = _to_wgs84(_read(path), path.name, ref)
    for names, candidate in [(False, c) for c in levels] + [(True, c) for c in levels]:
        try:
            frame = _join(source, path.name, candidate, ref, names=names)
            break
        except PantauError as err:
            if "tidak memuat kode" not in str(err):
                raise
            first_error = first_error or err
    if frame is None:
        raise first_error
    report: LaporanBatas = frame.attrs["laporan"]
    if not paksa:
        _cukup(report)
    target = batas_file(data_dir, report.tingkat)
    target.parent.mkdir(parents=True, exist_ok=True)
    id_col, _ = _id_name(report.tingkat)
    keep = [c for c in frame.columns if c != "approximate"]
    frame = _with_installed_elsewhere(frame[keep], target, report, ref)
    tmp = target.with_suffix(".tmp.geojson")
    tmp.write_text(json.dumps(geojson(frame, id_col)), encoding="utf-8")
    tmp.replace(target)
    info = {"berkas": Path(path).name, "tingkat": report.tingkat, "laporan": report.kalimat()}
    target.with_suffix(".json").write_text(
        json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return report


def _with_installed_elsewhere(
    frame: gpd.GeoDataFrame, target: Path, report: LaporanBatas, ref: pd.DataFrame | None
) -> gpd.GeoDataFrame:
    """`frame` plus the polygons already installed at its level for the kab/kota it does not
    touch: in a province, Kabupaten Pasuruan's desa file does not wipe out Tuban's. The report
    names each kab/kota kept (LaporanBatas.dipertahankan)."""
    if report.tingkat == "kabupaten_kota" or not target.exists():
        return frame
    id_col, _ = _id_name(report.tingkat)
    try:
        installed = gpd.read_file(target)
    except Exception:  # an unreadable old file is replaced, as before
        return frame
    if id_col not in installed:
        return frame
    touched = set(frame[id_col].astype(str).str[:5])
    kab = installed[id_col].astype(str).str[:5]
    known = set(_units(report.tingkat, ref).iloc[:, 0])
    kept = installed[~kab.isin(touched) & installed[id_col].isin(known)]
    if kept.empty:
        return frame
    from pantau import wilayah

    names = _units("kabupaten_kota", ref).set_index("kode_kab")["kabupaten_kota"]
    counts = kept[id_col].astype(str).str[:5].value_counts().sort_index()
    report.dipertahankan = [
        (k, str(names.get(k) or wilayah.cari(k).nama), int(n)) for k, n in counts.items()
    ]
    kept = kept[[c for c in frame.columns if c in kept.columns]].to_crs(CRS)
    out = pd.concat([frame, kept], ignore_index=True)
    return gpd.GeoDataFrame(out, geometry=frame.geometry.name, crs=CRS).sort_values(
        id_col, ignore_index=True
    )


# A boundary file is installed only when it gives a polygon to this share of the units it is
# for (geo/README.md), so a wrong or partial file does not replace a working map.
MIN_CAKUPAN = 0.8


def _cukup(report: LaporanBatas) -> None:
    """Refuse a file that covers under MIN_CAKUPAN of the units it is for: the region's, or in
    a province below the kab/kota level those of the kab/kota it touches (a province's desa
    file may hold one kabupaten only; the others keep their approximate cells)."""
    cocok = set(report.cocok)
    kurang = [k for k, _ in report.tidak_ada]
    if report.tingkat != "kabupaten_kota":
        kab = {str(k)[:5] for k in cocok}
        kurang = [k for k in kurang if str(k)[:5] in kab]
    total = len(cocok) + len(kurang)
    if total and len(cocok) / total < MIN_CAKUPAN:
        raise PantauError(
            f"Berkas batas wilayah {report.berkas} hanya memberi poligon untuk {len(cocok)} dari "
            f"{total} {TINGKAT_TEKS[report.tingkat]} (kurang dari {MIN_CAKUPAN * 100:.0f} %), jadi tidak "
            "dipasang dan peta tidak berubah; pakai --paksa bila memang hanya sebagian."
        )


def geojson(gdf: gpd.GeoDataFrame, id_col: str) -> dict:
    """A GeoJSON FeatureCollection whose feature `id` is the code, for plotly's
    `choropleth_map(geojson=..., locations=..., featureidkey="id")`."""
    frame = gdf if gdf.crs is None or gdf.crs == CRS else gdf.to_crs(CRS)
    frame = frame.set_index(frame[id_col].astype(str).rename(None))
    return json.loads(frame.to_json(drop_id=False))


# what callers read as geo.X (the submodules' names with this module's own)
__all__ = [
    "ALL_LEVELS",
    "BAWAAN",
    "CRS",
    "ENV_BATAS",
    "LEVELS",
    "LaporanBatas",
    "MIN_CAKUPAN",
    "MIN_MATCH",
    "NOT_SIGNIFICANT",
    "NO_DATA",
    "SIGNIFICANCE",
    "SUMBER_BAWAAN",
    "TINGKAT_BERKAS",
    "TINGKAT_TEKS",
    "_QUADRANTS",
    "approximate_boundaries",
    "approximate_map",
    "batas_file",
    "batas_files",
    "boundaries",
    "contiguity",
    "dissolve",
    "dissolve_kecamatan",
    "geojson",
    "hotspots",
    "kabupaten_kota",
    "kecamatan",
    "load_boundaries",
    "pasang_batas",
    "wilayah",
]

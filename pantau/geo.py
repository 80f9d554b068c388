"""Region reference and boundaries for the region a data directory serves (default Kota
Pasuruan): the desa/kelurahan, kecamatan and kab/kota lists, a boundary file joined on its codes
(a configured official file, else Kota Pasuruan's shipped BPS 2020 boundaries, else an
approximate map built from centroids), and hotspots. Functions take the region's table as `ref`
(geo/wilayah.csv's columns); None is today's reference."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import esda
import geopandas as gpd
import libpysal
import numpy as np
import pandas as pd
import pyproj
import shapely
from scipy.spatial import cKDTree

from pantau import config
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

_CODE_COLUMNS = ("kode_kec", "kode_kec_bps", "kode_kel", "kode_kel_bps", "kode_kab")
_TEXT_COLUMNS = ("kecamatan", "kelurahan", "nama_kel_bps", "kabupaten_kota")
_NUMERIC_COLUMNS = ("area_km2", "lon", "lat", "inner_lon", "inner_lat")
ALL_LEVELS = ("kelurahan", "kecamatan", "kabupaten_kota")
_LEVEL_NAMES = {"kelurahan": "kelurahan", "desa_kelurahan": "kelurahan"} | {
    level: level for level in ALL_LEVELS
}
_ID_NAME = {
    "kelurahan": ("kode_kel", "kelurahan"),
    "kecamatan": ("kode_kec", "kecamatan"),
    "kabupaten_kota": ("kode_kab", "kabupaten_kota"),
}
_FINER = {
    "kelurahan": (),
    "kecamatan": ("kelurahan",),
    "kabupaten_kota": ("kecamatan", "kelurahan"),
}
_COARSER = {"kelurahan": ("kecamatan", "kabupaten_kota"), "kecamatan": ("kabupaten_kota",)}
_COARSER["kabupaten_kota"] = ()
TINGKAT_BERKAS = {"kelurahan": "desa_kelurahan", "kecamatan": "kecamatan"}
TINGKAT_BERKAS["kabupaten_kota"] = "kabupaten_kota"
TINGKAT_TEKS = {"kelurahan": "desa/kelurahan", "kecamatan": "kecamatan"}
TINGKAT_TEKS["kabupaten_kota"] = "kabupaten/kota"
# esda's Moran_Local.q: 1 HH, 2 LH, 3 LL, 4 HL.
_QUADRANTS = {
    1: "Tinggi-Tinggi (kantong)",
    2: "Rendah-Tinggi",
    3: "Rendah-Rendah",
    4: "Tinggi-Rendah",
}
NOT_SIGNIFICANT = "Tidak signifikan"
NO_DATA = "Tanpa data"


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
        out = pd.read_csv(WILAYAH_CSV, dtype=dtypes, keep_default_na=False)
        return out.assign(kode_kab=kode, kabupaten_kota=region.PASURUAN.nama)
    df = region.tabel(kode).copy()
    for col in df.columns:
        if col not in _CODE_COLUMNS + _TEXT_COLUMNS:
            df[col] = pd.to_numeric(df[col].replace("", None), errors="coerce")
    return df


def wilayah() -> pd.DataFrame:
    """The 34 kelurahan with Kemendagri and BPS codes, area (km²), centroid and interior point."""
    # A copy, so a caller editing the frame cannot corrupt the cached reference.
    return _wilayah().copy()


def _region(ref: pd.DataFrame | None) -> pd.DataFrame:
    """The region's desa/kelurahan table: `ref` (geo/wilayah.csv's columns; BPS codes, area and
    interior points may be empty) tidied, or today's `_wilayah()`."""
    if ref is None:
        return _wilayah()
    key = _region_key(ref)
    if key not in _TIDY:
        _TIDY.clear()  # one region at a time is the usual case; keep memory flat
        _TIDY[key] = _tidy(ref)
    return _TIDY[key]


_TIDY: dict[str, pd.DataFrame] = {}


def _tidy(ref: pd.DataFrame) -> pd.DataFrame:
    out = ref.copy()
    for column in _CODE_COLUMNS + _TEXT_COLUMNS:
        values = out[column] if column in out else pd.Series("", index=out.index)
        out[column] = values.fillna("").astype(str).str.strip()
    for column in _NUMERIC_COLUMNS:
        values = out[column] if column in out else pd.Series(np.nan, index=out.index)
        out[column] = pd.to_numeric(values, errors="coerce")
    return out.reset_index(drop=True)


def _region_key(ref: pd.DataFrame | None) -> str:
    """A short fingerprint of the region's table, for caches (None: today's reference)."""
    if ref is None:  # the process's region: its code, so caches never mix two regions
        from pantau import wilayah as region

        return f"bawaan:{region.kode()}"
    columns = [
        c for c in ("kode_kel", "kode_kec", "lon", "lat", "inner_lon", "inner_lat") if c in ref
    ]
    hashed = pd.util.hash_pandas_object(ref[columns], index=False).to_numpy()
    return hashlib.sha1(hashed.tobytes()).hexdigest()


def kecamatan(ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """The region's kecamatan: codes, summed area and the mean of their kelurahan centroids."""
    region = _region(ref)
    keys = ["kode_kec", "kecamatan", "kode_kec_bps"]
    grouped = region.groupby(keys, as_index=False, sort=True)
    out = grouped.agg(lon=("lon", "mean"), lat=("lat", "mean"))
    area = grouped["area_km2"].sum(min_count=1)["area_km2"]
    out.insert(3, "area_km2", area.round(3).to_numpy())
    return out


def kabupaten_kota(ref: pd.DataFrame | None = None) -> pd.DataFrame:
    """The region's kabupaten/kota (one for a kabupaten or kota, many for a provinsi): the code is
    the first two parts of the kecamatan code; the name comes from a `kabupaten_kota` column of
    the table when it has one (else empty)."""
    region = _region(ref).copy()
    region["kode_kab"] = region["kode_kec"].str[:5]
    if "kabupaten_kota" not in region:
        region["kabupaten_kota"] = ""
    region["kabupaten_kota"] = region["kabupaten_kota"].fillna("").astype(str)
    grouped = region.groupby("kode_kab", as_index=False, sort=True)
    out = grouped.agg(
        kabupaten_kota=("kabupaten_kota", "first"), lon=("lon", "mean"), lat=("lat", "mean")
    )
    out.insert(2, "kode_kab_bps", out["kode_kab"].str.replace(".", "", regex=False))
    return out


def _level(level: str) -> str:
    """The internal level name ('kelurahan', 'kecamatan', 'kabupaten_kota') for any accepted
    spelling ('desa_kelurahan' is 'kelurahan')."""
    if level not in _LEVEL_NAMES:
        raise PantauError(
            "Tingkat wilayah harus 'desa_kelurahan', 'kecamatan' atau 'kabupaten_kota', "
            f"bukan {level!r}."
        )
    return _LEVEL_NAMES[level]


def _check_level(level: str) -> None:
    _level(level)


def _id_name(level: str) -> tuple[str, str]:
    return _ID_NAME[_level(level)]


def _units(level: str, ref: pd.DataFrame | None) -> pd.DataFrame:
    """The region's units at `level`: id, name and BPS code columns (cached per region)."""
    level = _level(level)
    key = (level, _region_key(ref))
    if key not in _UNITS:
        if len(_UNITS) > 12:
            _UNITS.clear()
        _UNITS[key] = _units_uncached(level, ref)
    return _UNITS[key]


_UNITS: dict[tuple, pd.DataFrame] = {}


def _units_uncached(level: str, ref: pd.DataFrame | None) -> pd.DataFrame:
    if level == "kelurahan":
        return _region(ref)[["kode_kel", "kelurahan", "kode_kel_bps"]]
    if level == "kecamatan":
        return kecamatan(ref)[["kode_kec", "kecamatan", "kode_kec_bps"]]
    return kabupaten_kota(ref)[["kode_kab", "kabupaten_kota", "kode_kab_bps"]]


def _code_systems(level: str, ref: pd.DataFrame | None = None) -> dict[str, dict[str, str]]:
    """Every accepted spelling of a code, mapped to the Kemendagri dotted code, per system."""
    units = _units(level, ref)
    dotted, bps = units.iloc[:, 0], units.iloc[:, 2]
    has_bps = bps != ""
    # Order is the tie-break: Kemendagri undotted and BPS kelurahan codes overlap for a few
    # values (3575031001 is Blandongan in one and Petamanan in the other).
    return {
        "kemendagri": dict(zip(dotted, dotted, strict=True)),
        "bps": dict(zip(bps[has_bps], dotted[has_bps], strict=True)),
        "kemendagri_tanpa_titik": dict(zip(dotted.str.replace(".", ""), dotted, strict=True)),
    }


def _is_text(values: pd.Series) -> bool:
    return pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values)


def _name_key(values: pd.Series) -> pd.Series:
    """Names compared without case, spaces or punctuation ("Bugul Lor" = "BUGULLOR")."""
    return values.astype(str).str.lower().str.replace(r"[^0-9a-z]", "", regex=True)


def _name_system(level: str, ref: pd.DataFrame | None) -> dict[str, str]:
    """Name → code for the names that are unique in the region (a desa name repeated in two
    kecamatan cannot be joined by name)."""
    units = _units(level, ref)
    keys = _name_key(units.iloc[:, 1])
    unique = ~keys.duplicated(keep=False) & (keys != "")
    return dict(zip(keys[unique], units.iloc[:, 0][unique], strict=True))


# --- official boundary files ------------------------------------------------------------------


def _normalise_codes(values: pd.Series) -> pd.Series:
    """Codes as text, whatever the file stored: numeric columns lose their '.0'."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        whole = values.dropna()
        if not (whole == np.floor(whole)).all():
            return values.astype(str)
        return values.astype("Int64").astype(str)
    return values.astype(str).str.strip()


def _accepts(values: pd.Series, mapping: dict[str, str], n: int) -> int:
    """How many features match, or 0 when too few do: a file is accepted if MIN_MATCH of its
    features match, or if it names every unit of the region (a province-wide file matches few
    of its features but is still usable)."""
    matched = values.isin(mapping.keys())
    hits = int(matched.sum())
    complete = bool(mapping) and values[matched].map(mapping).nunique() == len(
        set(mapping.values())
    )
    return hits if hits and (hits >= MIN_MATCH * n or complete) else 0


def _best_code_column(
    frame: pd.DataFrame, level: str, ref: pd.DataFrame | None = None, names: bool = False
) -> tuple[str, dict[str, str], str] | None:
    """The column and code system matching the most features: (column, mapping, system).

    Names are tried only when `names` is set and no column holds codes."""
    best, best_hits = None, 0
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for column in columns:
        values = _normalise_codes(frame[column])
        for system, mapping in _code_systems(level, ref).items():
            hits = _accepts(values, mapping, len(frame))
            if hits > best_hits:
                best, best_hits = (column, mapping, system), hits
    if best is None and names:
        mapping = _name_system(level, ref)
        for column in columns:
            if not _is_text(frame[column]):
                continue
            hits = _accepts(_name_key(frame[column]), mapping, len(frame))
            if hits > best_hits:
                best, best_hits = (column, mapping, "nama"), hits
    return best


def _read(path: Path) -> gpd.GeoDataFrame:
    if not path.exists():
        raise PantauError(f"Berkas batas wilayah {path} tidak ditemukan.")
    unreadable: list[int] = []
    try:
        frame = gpd.read_file(path)
    except shapely.errors.GEOSException:
        # One feature whose geometry GEOS cannot build (a ring of 2 points) should not refuse
        # the file: read it again without those geometries, and name the features dropped.
        frame, unreadable = _read_skipping_unreadable(path)
    except Exception as exc:  # pyogrio raises several types; the user needs one sentence.
        raise PantauError(
            f"Berkas batas wilayah {path.name} tidak dapat dibaca; gunakan GeoJSON, "
            "Shapefile, atau GeoPackage yang utuh."
        ) from exc
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry.isna().all():
        raise PantauError(f"Berkas batas wilayah {path.name} tidak memuat geometri.")
    frame = frame[frame.geometry.notna() & ~frame.geometry.is_empty]
    frame.attrs["tak_terbaca"] = unreadable
    return frame


def _read_skipping_unreadable(path: Path) -> tuple[gpd.GeoDataFrame, list[int]]:
    """The file with the geometries GEOS cannot build set to None, and those features' numbers
    (1 = the first feature in the file)."""
    import pyogrio

    try:
        _meta, _fids, wkb, _fields = pyogrio.raw.read(path)
        frame = gpd.read_file(path, on_invalid="ignore")
    except Exception as exc:
        raise PantauError(
            f"Berkas batas wilayah {path.name} tidak dapat dibaca; gunakan GeoJSON, "
            "Shapefile, atau GeoPackage yang utuh."
        ) from exc
    built = shapely.from_wkb(wkb, on_invalid="ignore")
    unreadable = [
        i + 1
        for i, (raw, geom) in enumerate(zip(wkb, built, strict=True))
        if raw is not None and geom is None
    ]
    return frame, unreadable


def _region_box(ref: pd.DataFrame | None) -> shapely.Geometry | None:
    """A wide box around the region's points (None when the table has no coordinates)."""
    region = _region(ref)
    lon = pd.concat([region["lon"], region["inner_lon"]]).dropna()
    lat = pd.concat([region["lat"], region["inner_lat"]]).dropna()
    if lon.empty or lat.empty:
        return None
    return shapely.box(lon.min(), lat.min(), lon.max(), lat.max()).buffer(0.2)


def _to_wgs84(
    frame: gpd.GeoDataFrame, name: str, ref: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    frame = frame.set_crs(CRS) if frame.crs is None else frame.to_crs(CRS)
    box = _region_box(ref)
    bounds = frame.total_bounds
    if box is not None and not shapely.box(*bounds).intersects(box):
        if -180 <= bounds[0] <= bounds[2] <= 180 and -90 <= bounds[1] <= bounds[3] <= 90:
            raise PantauError(
                f"Berkas batas wilayah {name} menggambarkan tempat lain, bukan wilayah yang "
                "dilayani direktori data ini; periksa wilayahnya (atau sistem koordinatnya)."
            )
        raise PantauError(
            f"Koordinat berkas batas wilayah {name} tidak berada di wilayah yang dilayani; "
            "periksa sistem koordinatnya (CRS)."
        )
    return frame


def _polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """The polygonal part of a geometry (a repaired bow-tie may come back with stray lines)."""
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area > 0]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _repair(frame: gpd.GeoDataFrame, id_col: str) -> tuple[gpd.GeoDataFrame, list, list]:
    """Every polygon valid: invalid ones repaired (shapely make_valid), and those with nothing
    polygonal left (or not polygons at all) dropped. Returns the frame and the codes repaired
    and dropped."""
    geometry = frame.geometry.values
    invalid = ~shapely.is_valid(geometry)
    fixed = geometry.copy()
    if invalid.any():
        # "structure" keeps only the polygonal part, so a bow-tie cannot leave stray lines behind.
        fixed[invalid] = shapely.make_valid(
            geometry[invalid], method="structure", keep_collapsed=False
        )
    fixed = np.array([_polygonal(g) for g in fixed], dtype=object)
    empty = shapely.is_empty(fixed)
    codes = frame[id_col].to_numpy()
    repaired = sorted(set(codes[invalid & ~empty]))
    dropped = sorted(set(codes[empty]) - set(codes[~empty]))
    kept = frame[~empty].set_geometry(fixed[~empty], crs=frame.crs)
    return kept, repaired, dropped


def _finish(
    frame: gpd.GeoDataFrame, level: str, ref: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """One valid, RFC 7946-oriented row per region with its Kemendagri code and name."""
    id_col, name_col = _id_name(level)
    valid = np.asarray(frame.geometry.values, dtype=object).copy()
    invalid = ~shapely.is_valid(valid)
    if invalid.any():
        # "structure" keeps only the polygonal part, so a bow-tie cannot leave stray lines behind.
        valid[invalid] = shapely.make_valid(
            valid[invalid], method="structure", keep_collapsed=False
        )
    frame = frame[[id_col]].set_geometry(valid, crs=CRS)
    if not frame[id_col].is_unique:
        frame = frame.dissolve(by=id_col, as_index=False)
    oriented = shapely.orient_polygons(frame.geometry.values, exterior_cw=False)
    frame = frame.set_geometry(oriented, crs=CRS)
    units = _units(level, ref)
    names = units.drop_duplicates(id_col).set_index(id_col)[name_col]
    frame.insert(1, name_col, frame[id_col].map(names))
    return frame.sort_values(id_col, ignore_index=True)


@dataclass
class LaporanBatas:
    """What a boundary file gave: how it was joined and what was matched, repaired, dropped."""

    berkas: str
    tingkat: str
    kolom: str
    sistem: str
    jumlah_wilayah: int
    cocok: list[str] = field(default_factory=list)
    tidak_ada: list[tuple[str, str]] = field(default_factory=list)
    di_luar: int = 0
    diperbaiki: list[str] = field(default_factory=list)
    dibuang: list[str] = field(default_factory=list)
    dilebur_dari: str | None = None
    tak_terbaca: list[int] = field(default_factory=list)  # features whose geometry was unreadable
    nama_ganda: int = 0  # features of a name two units of the region share (joined by name)
    kode_ganda: list[str] = field(default_factory=list)  # codes given by several features
    dipertahankan: list[tuple[str, str, int]] = field(
        default_factory=list
    )  # kab kept, see pasang_batas

    def kalimat(self, batas: int = 20) -> list[str]:
        """The report in Indonesian sentences, one per line."""
        tingkat = TINGKAT_TEKS[self.tingkat]
        cara = {
            "kemendagri": "kode Kemendagri",
            "kemendagri_tanpa_titik": "kode Kemendagri tanpa titik",
            "bps": "kode BPS",
            "nama": "NAMA (tidak ada kolom kode; periksa hasilnya)",
        }[self.sistem]
        lines = [
            f"Berkas {self.berkas}: {len(self.cocok)} dari {self.jumlah_wilayah} {tingkat} "
            f"wilayah ini cocok, lewat kolom '{self.kolom}' ({cara})."
        ]
        if self.dilebur_dari:
            lines.append(
                f"Batas {tingkat} dibentuk dengan meleburkan poligon "
                f"{TINGKAT_TEKS[self.dilebur_dari]}."
            )
        if self.tidak_ada:
            shown = ", ".join(f"{kode} {nama}".strip() for kode, nama in self.tidak_ada[:batas])
            more = len(self.tidak_ada) - batas
            tail = f", dan {more} lainnya" if more > 0 else ""
            lines.append(f"{len(self.tidak_ada)} {tingkat} tanpa poligon: {shown}{tail}.")
        if self.tak_terbaca:
            nomor = ", ".join(map(str, self.tak_terbaca[:batas]))
            lines.append(
                f"{len(self.tak_terbaca)} fitur dilewati karena geometrinya rusak (misalnya "
                f"cincin poligon kurang dari 4 titik): fitur ke-{nomor}"
                f"{'…' if len(self.tak_terbaca) > batas else ''}; perbaiki di aplikasi GIS "
                "bila wilayahnya perlu poligon."
            )
        if self.nama_ganda:
            lines.append(
                f"{self.nama_ganda} fitur tidak dicocokkan karena namanya dipakai lebih dari satu "
                f"{tingkat} di wilayah ini; tambahkan kolom kode Kemendagri atau BPS."
            )
        if self.di_luar:
            lines.append(f"{self.di_luar} fitur di luar wilayah ini diabaikan.")
        if self.kode_ganda:
            lines.append(
                f"{len(self.kode_ganda)} kode dipakai oleh lebih dari satu fitur; poligonnya "
                f"digabung: {', '.join(self.kode_ganda[:batas])}"
                f"{'…' if len(self.kode_ganda) > batas else ''}."
            )
        for kode, nama, n in self.dipertahankan:
            lines.append(
                f"Poligon {tingkat} {nama} ({kode}) yang sudah terpasang tetap dipakai "
                f"({n} {tingkat}); berkas ini tidak memuatnya."
            )
        if self.diperbaiki:
            lines.append(
                f"{len(self.diperbaiki)} poligon tidak valid diperbaiki (make_valid): "
                f"{', '.join(self.diperbaiki[:batas])}{'…' if len(self.diperbaiki) > batas else ''}."
            )
        if self.dibuang:
            lines.append(
                f"{len(self.dibuang)} poligon dibuang karena tidak menyisakan bidang: "
                f"{', '.join(self.dibuang[:batas])}{'…' if len(self.dibuang) > batas else ''}."
            )
        return lines


def _name_column(frame: pd.DataFrame, skip: str) -> str | None:
    """A text column that looks like names (for kab/kota names the region table lacks)."""
    for column in frame.columns:
        if column in (skip, frame.geometry.name) or not _is_text(frame[column]):
            continue
        values = frame[column].dropna().astype(str)
        if len(values) and values.str.contains(r"[A-Za-z]{3}").mean() > 0.9:
            return column
    return None


def load_boundaries(
    path: str | os.PathLike,
    level: str,
    ref: pd.DataFrame | None = None,
    names: bool = False,
) -> gpd.GeoDataFrame:
    """An official boundary file, in EPSG:4326, joined on its Kemendagri or BPS codes.

    `ref` is the region's desa/kelurahan table (default: today's). The code column is found by
    its values, not its name; with `names`, names are the last resort when no column holds
    codes. A file of a finer level is dissolved. Features sharing a code are merged; invalid
    polygons are repaired or dropped. attrs["laporan"] is the LaporanBatas."""
    path = Path(path)
    return _join(_to_wgs84(_read(path), path.name, ref), path.name, level, ref, names)


def _join(
    frame: gpd.GeoDataFrame, name: str, level: str, ref: pd.DataFrame | None, names: bool
) -> gpd.GeoDataFrame:
    """load_boundaries on a file already read."""
    level = _level(level)
    found = _best_code_column(frame, level, ref)
    if found is None:
        # A finer file given for a coarser level: its codes say where each part goes.
        for finer in _FINER[level]:
            if _best_code_column(frame, finer, ref, names) is not None:
                fine = _join(frame, name, finer, ref, names)
                out = dissolve(fine, level, ref)
                report = fine.attrs["laporan"]
                units = _units(level, ref)
                report = LaporanBatas(
                    **{**report.__dict__, "tingkat": level, "dilebur_dari": finer},
                )
                report.jumlah_wilayah = len(units)
                report.cocok = out.iloc[:, 0].tolist()
                missing = ~units.iloc[:, 0].isin(report.cocok)
                report.tidak_ada = [
                    tuple(r) for r in units[missing].iloc[:, :2].itertuples(index=False)
                ]
                out.attrs["laporan"] = report
                return out
        found = _best_code_column(frame, level, ref, names)
    if found is None:
        raise PantauError(
            f"Berkas batas wilayah {name} tidak memuat kode Kemendagri atau BPS "
            f"tingkat {TINGKAT_TEKS[level]} untuk wilayah ini; periksa kolom kodenya."
        )
    column, mapping, system = found
    id_col, name_col = _id_name(level)
    values = _name_key(frame[column]) if system == "nama" else _normalise_codes(frame[column])
    codes = values.map(mapping)
    file_names = _name_column(frame, column)
    joined = gpd.GeoDataFrame({id_col: codes, "geometry": frame.geometry.values}, crs=CRS)
    inside = joined[id_col].notna()
    # A name two units share is in the region but cannot be joined: not "outside" it.
    ambiguous = (
        ~inside & values.isin(set(_name_key(_units(level, ref).iloc[:, 1]))).to_numpy()
        if system == "nama"
        else np.zeros(len(joined), dtype=bool)
    )
    repeated = joined[id_col][inside]
    repeated = sorted(set(repeated[repeated.duplicated()]))
    joined, repaired, dropped = _repair(joined[inside], id_col)
    out = _finish(joined, level, ref)
    if file_names and (out[name_col].fillna("") == "").all():
        by_code = pd.Series(frame[file_names].to_numpy(), index=codes.to_numpy())
        out[name_col] = out[id_col].map(by_code[by_code.index.notna()].groupby(level=0).first())
    units = _units(level, ref)
    missing = ~units.iloc[:, 0].isin(out[id_col])
    out.attrs["laporan"] = LaporanBatas(
        berkas=name,
        tingkat=level,
        kolom=str(column),
        sistem=system,
        jumlah_wilayah=len(units),
        cocok=out[id_col].tolist(),
        tidak_ada=[tuple(r) for r in units[missing].iloc[:, :2].itertuples(index=False)],
        di_luar=int((~inside & ~ambiguous).sum()),
        diperbaiki=repaired,
        dibuang=dropped,
        tak_terbaca=list(frame.attrs.get("tak_terbaca", [])),
        nama_ganda=int(ambiguous.sum()),
        kode_ganda=repeated,
    )
    return out


def dissolve(frame: gpd.GeoDataFrame, level: str, ref: pd.DataFrame | None = None):
    """Polygons of a coarser `level` as the union of finer ones (desa/kelurahan → kecamatan →
    kabupaten/kota); `frame` has kode_kel or kode_kec."""
    level = _level(level)
    region = _region(ref)
    if "kode_kel" in frame:
        parent = region.set_index("kode_kel")["kode_kec"]
        codes = frame["kode_kel"].map(parent)
    else:
        codes = frame["kode_kec"]
    if level == "kabupaten_kota":
        codes = codes.str[:5]
    id_col, _ = _id_name(level)
    out = gpd.GeoDataFrame({id_col: codes.to_numpy(), "geometry": frame.geometry.values}, crs=CRS)
    return _finish(out.dropna(subset=[id_col]), level, ref)


def dissolve_kecamatan(
    kelurahan: gpd.GeoDataFrame, ref: pd.DataFrame | None = None
) -> gpd.GeoDataFrame:
    """Kecamatan polygons as the union of their kelurahan polygons."""
    return dissolve(kelurahan, "kecamatan", ref)


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

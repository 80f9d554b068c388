"""An official boundary file read, repaired and joined to the region's codes: the readers
(skipping unreadable features), the reprojection and polygon repair, the code column chosen
by its match to the region (`_join`), the report of what matched, and dissolving to a
coarser level."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from pantau.errors import PantauError
from pantau.geo_kode import (
    _FINER,
    CRS,
    MIN_MATCH,
    TINGKAT_TEKS,
    _code_systems,
    _id_name,
    _is_text,
    _level,
    _name_key,
    _name_system,
    _region,
    _units,
)

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
        """The report in Indonesian sentences, one per line. Long because it is one sentence per
        finding (the code system matched, units matched, missing, unknown, repaired, skipped),
        in the order an officer reads them; each is a few lines of its own."""
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
    """load_boundaries on a file already read. Long because it is one decision read top to
    bottom: a finer file dissolved to the level asked, else the code column matched to the
    region's codes, the units matched and missing, and the report of both; split, each part
    would pass the others' half-made frame."""
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

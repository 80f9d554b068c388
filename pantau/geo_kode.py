"""The region's units and their code systems: the desa/kelurahan, kecamatan and kab/kota lists
of geo/wilayah.csv (or a province's), the levels' names, and the Kemendagri, BPS and name keys
a boundary file's codes are matched on. The base of the geo modules: it imports none of them."""

from __future__ import annotations

import functools
import hashlib

import numpy as np
import pandas as pd

from pantau.config import WILAYAH_CSV
from pantau.errors import PantauError

LEVELS = ("kelurahan", "kecamatan")
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

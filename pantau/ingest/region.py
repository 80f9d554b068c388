"""Desa/kelurahan and kecamatan names and codes, as written in exports, mapped to Kemendagri
codes, for the region the data directory serves (pantau.wilayah; Kota Pasuruan by default)."""

from __future__ import annotations

import csv
import difflib
import re
from contextlib import contextmanager
from functools import cache

from pantau import wilayah as _region
from pantau.config import WILAYAH_CSV

# Names used in older Kemendagri code lists (BRIEF §3.2, §4.3), per region.
OLD_NAMES = {"35.75": {"gadingrejoan": "35.75.01.1009"}}
# A unit's word before its name ("Kel. ", "Kelurahan ", "Desa ", "DS.", "Kec "), never the start of
# the name itself: Keleyan, Kelun and Kecik are desa of Jawa Timur (a bare "kel" took their "Kel").
PREFIX = re.compile(r"^\s*(?:kelurahan|desa|kecamatan|kel|kec|ds)(?:\.\s*|\s+)", re.IGNORECASE)

_aktif: str | None = None  # the region of the import under way (pakai), else the data dir's


def pakai(kode: str | None) -> None:
    """Map the names and codes of this region (None: the process's data directory's)."""
    global _aktif
    _aktif = kode


@contextmanager
def dipakai(kode: str):
    """The names and codes of this region while the block runs (import_files)."""
    before = _aktif
    pakai(kode)
    try:
        yield
    finally:
        pakai(before)


def aktif() -> str:
    return _aktif or _region.kode()


def wilayah() -> tuple[dict[str, str], ...]:
    """The rows of the region's desa/kelurahan table (geo/wilayah.csv's schema) as text.

    Read here rather than through pantau.geo, whose GIS imports (geopandas, esda) cost every
    `python -m pantau import` seconds the importer has no use for.
    """
    return _rows(aktif())


@cache
def _rows(kode: str) -> tuple[dict[str, str], ...]:
    if kode == _region.BAWAAN:
        with WILAYAH_CSV.open(encoding="utf-8", newline="") as fh:
            return tuple(csv.DictReader(fh))
    return tuple(_region.tabel(kode).to_dict("records"))


def name_key(text: str) -> str:
    """Tapa'an, TAPAAN, Kel. Tapa’an and tapa-an all give 'tapaan'."""
    return re.sub(r"[^a-z]", "", PREFIX.sub("", str(text)).lower())


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", str(text))


def _kelurahan_maps() -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]]]:
    return _kelurahan_maps_of(aktif())


@cache
def _kelurahan_maps_of(kode: str) -> tuple[dict, dict, dict]:
    """(name -> code, code digits -> code, ambiguous name -> {kecamatan code: code}).

    A kabupaten repeats desa names across kecamatan (Tuban has 19 names twice): such a name
    maps to no code alone, only with its kecamatan (ambiguous)."""
    by_name: dict[str, str] = dict(OLD_NAMES.get(kode, {}))
    by_code: dict[str, str] = {}
    ambiguous: dict[str, dict[str, str]] = {}
    ref = _rows(kode)
    for row in ref:
        key = name_key(row["kelurahan"])
        ambiguous.setdefault(key, {})[row["kode_kec"]] = row["kode_kel"]
    ambiguous = {k: v for k, v in ambiguous.items() if len(v) > 1}
    for row in ref:
        key = name_key(row["kelurahan"])
        if key not in ambiguous:
            by_name[key] = row["kode_kel"]
        by_code[digits(row["kode_kel"])] = row["kode_kel"]
    for row in ref:
        bps_name = name_key(row["nama_kel_bps"])
        if bps_name and bps_name not in ambiguous:
            by_name.setdefault(bps_name, row["kode_kel"])
    # BPS codes share the 10-digit space with undotted Kemendagri codes; Kemendagri wins a clash.
    for row in ref:
        if digits(row["kode_kel_bps"]):
            by_code.setdefault(digits(row["kode_kel_bps"]), row["kode_kel"])
    return by_name, by_code, ambiguous


def _kecamatan_map() -> dict[str, str]:
    return _kecamatan_map_of(aktif())


@cache
def _kecamatan_map_of(kode_wilayah: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in _rows(kode_wilayah):
        kode, bps = digits(row["kode_kec"]), digits(row["kode_kec_bps"])
        out[name_key(row["kecamatan"])] = row["kode_kec"]
        out[kode] = row["kode_kec"]  # 357501
        out[kode[-2:]] = row["kode_kec"]  # 01
        if bps:
            out[bps] = row["kode_kec"]  # 3575010
            out[bps[-3:]] = row["kode_kec"]  # 010, as DTKS KDKEC
            out[bps[-3:].lstrip("0")] = row["kode_kec"]  # 10: that code after Excel read it
    return out


def desa_codes() -> tuple[list[str], list[str], list[str]]:
    """(kecamatan code, desa code, kelurahan code), twice for every kelurahan: DTKS writes
    KDDESA '011' beside KDKEC '030', meaning BPS 3575030011, and some DTKS exports write the
    Kemendagri form, KDDESA '1003' beside KDKEC '03' (or '030'), meaning 35.75.03.1003. The
    two never clash: a BPS desa code has 3 digits, a Kemendagri one 4 (see desa_key). A region
    whose BPS codes are not known (built from the national list) has the Kemendagri form only."""
    return _desa_codes_of(aktif())


@cache
def _desa_codes_of(kode: str) -> tuple[list[str], list[str], list[str]]:
    ref = _rows(kode)
    bps_rows = [r for r in ref if digits(r["kode_kel_bps"])]
    kec = [r["kode_kec"] for r in bps_rows] + [r["kode_kec"] for r in ref]
    kel = [r["kode_kel"] for r in bps_rows] + [r["kode_kel"] for r in ref]
    bps = [digits(r["kode_kel_bps"])[-3:] for r in bps_rows]
    kemendagri = [r["kode_kel"].rsplit(".", 1)[1] for r in ref]
    return kec, bps + kemendagri, kel


def ada_bps() -> bool:
    """Whether the region's table knows BPS codes (Kota Pasuruan's does; a region built from
    the national code list does not, so a DTKS KDKEC '010' / KDDESA '011' maps to nothing)."""
    return _ada_bps_of(aktif())


@cache
def _ada_bps_of(kode: str) -> bool:
    return any(digits(r["kode_kel_bps"]) for r in _rows(kode))


def nama_wilayah() -> str:
    """The region's name, for a reason the operator reads: 'Kabupaten Tuban'."""
    return _region.cari(aktif()).nama


def desa_key(cell: str) -> str:
    """SQL: the key of a short desa code cell in desa_codes(): 1–3 digits padded to the BPS
    form ('11' -> '011', as Excel drops the zero), 4 digits as the Kemendagri form, else NULL."""
    return (
        f"CASE WHEN regexp_full_match({cell}, '[0-9]{{1,3}}') THEN lpad({cell}, 3, '0') "
        f"WHEN regexp_full_match({cell}, '[0-9]{{4}}') THEN {cell} END"
    )


def names() -> dict[str, tuple[str, str]]:
    """Kemendagri kelurahan code -> (kelurahan, kecamatan) as the reference spells them."""
    return _names_of(aktif())


@cache
def _names_of(kode: str) -> dict[str, tuple[str, str]]:
    return {row["kode_kel"]: (row["kelurahan"], row["kecamatan"]) for row in _rows(kode)}


def nama_kecamatan() -> dict[str, str]:
    """Kecamatan code -> its name ('35.23.02' -> 'Jatirogo')."""
    return _nama_kecamatan_of(aktif())


@cache
def _nama_kecamatan_of(kode: str) -> dict[str, str]:
    return {row["kode_kec"]: row["kecamatan"] for row in _rows(kode)}


def kelurahan_by_name(text: str) -> str | None:
    return _kelurahan_maps()[0].get(name_key(text))


def kelurahan_by_name_in(text: str, kode_kec: str | None) -> str | None:
    """A desa name its kecamatan makes unique (one of a name two kecamatan share), else None."""
    return _kelurahan_maps()[2].get(name_key(text), {}).get(kode_kec) if kode_kec else None


def ambiguous(text: str) -> list[str]:
    """The kecamatan codes whose desa bear this name, when more than one do; else []."""
    return sorted(_kelurahan_maps()[2].get(name_key(text), {}))


def kelurahan_by_code(text: str) -> str | None:
    return _kelurahan_maps()[1].get(digits(text))


def kecamatan_code(text: str) -> str | None:
    key = name_key(text) if re.search(r"[A-Za-z]", str(text)) else digits(text)
    return _kecamatan_map().get(key)


def suggestions(text: str, n: int = 3) -> list[str]:
    """The closest kelurahan names, for a reason that helps the operator fix the row."""
    by_key = {name_key(r["kelurahan"]): r["kelurahan"] for r in wilayah()}
    close = difflib.get_close_matches(name_key(text), list(by_key), n=n, cutoff=0.4)
    return [by_key[c] for c in close]

"""Kelurahan and kecamatan names and codes, as written in exports, mapped to Kemendagri codes."""

from __future__ import annotations

import csv
import difflib
import re
from functools import cache

from pantau.config import WILAYAH_CSV

# Names used in older Kemendagri code lists (BRIEF §3.2, §4.3).
OLD_NAMES = {"gadingrejoan": "35.75.01.1009"}
PREFIX = re.compile(r"^\s*(kelurahan|kel\.?|desa|ds\.|kecamatan|kec\.?)\s*", re.IGNORECASE)


@cache
def wilayah() -> tuple[dict[str, str], ...]:
    """The rows of geo/wilayah.csv as text.

    Read here rather than through pantau.geo, whose GIS imports (geopandas, esda) cost every
    `python -m pantau import` seconds the importer has no use for.
    """
    with WILAYAH_CSV.open(encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def name_key(text: str) -> str:
    """Tapa'an, TAPAAN, Kel. Tapa’an and tapa-an all give 'tapaan'."""
    return re.sub(r"[^a-z]", "", PREFIX.sub("", str(text)).lower())


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", str(text))


@cache
def _kelurahan_maps() -> tuple[dict[str, str], dict[str, str]]:
    by_name: dict[str, str] = dict(OLD_NAMES)
    by_code: dict[str, str] = {}
    ref = wilayah()
    for row in ref:
        by_name[name_key(row["kelurahan"])] = row["kode_kel"]
        by_name.setdefault(name_key(row["nama_kel_bps"]), row["kode_kel"])
        by_code[digits(row["kode_kel"])] = row["kode_kel"]
    # BPS codes share the 10-digit space with undotted Kemendagri codes; Kemendagri wins a clash.
    for row in ref:
        by_code.setdefault(digits(row["kode_kel_bps"]), row["kode_kel"])
    return by_name, by_code


@cache
def _kecamatan_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in wilayah():
        kode, bps = digits(row["kode_kec"]), digits(row["kode_kec_bps"])
        out[name_key(row["kecamatan"])] = row["kode_kec"]
        out[kode] = row["kode_kec"]  # 357501
        out[kode[-2:]] = row["kode_kec"]  # 01
        out[bps] = row["kode_kec"]  # 3575010
        out[bps[-3:]] = row["kode_kec"]  # 010, as DTKS KDKEC
        out[bps[-3:].lstrip("0")] = row["kode_kec"]  # 10: that code after Excel read it
    return out


@cache
def desa_codes() -> tuple[list[str], list[str], list[str]]:
    """(kecamatan code, desa code, kelurahan code), twice for every kelurahan: DTKS writes
    KDDESA '011' beside KDKEC '030', meaning BPS 3575030011, and some DTKS exports write the
    Kemendagri form, KDDESA '1003' beside KDKEC '03' (or '030'), meaning 35.75.03.1003. The
    two never clash: a BPS desa code has 3 digits, a Kemendagri one 4 (see desa_key)."""
    ref = wilayah()
    kec = [r["kode_kec"] for r in ref]
    kel = [r["kode_kel"] for r in ref]
    bps = [digits(r["kode_kel_bps"])[-3:] for r in ref]
    kemendagri = [r["kode_kel"].rsplit(".", 1)[1] for r in ref]
    return kec + kec, bps + kemendagri, kel + kel


def desa_key(cell: str) -> str:
    """SQL: the key of a short desa code cell in desa_codes(): 1–3 digits padded to the BPS
    form ('11' -> '011', as Excel drops the zero), 4 digits as the Kemendagri form, else NULL."""
    return (
        f"CASE WHEN regexp_full_match({cell}, '[0-9]{{1,3}}') THEN lpad({cell}, 3, '0') "
        f"WHEN regexp_full_match({cell}, '[0-9]{{4}}') THEN {cell} END"
    )


@cache
def names() -> dict[str, tuple[str, str]]:
    """Kemendagri kelurahan code -> (kelurahan, kecamatan) as the reference spells them."""
    return {row["kode_kel"]: (row["kelurahan"], row["kecamatan"]) for row in wilayah()}


def kelurahan_by_name(text: str) -> str | None:
    return _kelurahan_maps()[0].get(name_key(text))


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

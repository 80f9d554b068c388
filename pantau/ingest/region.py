"""Kelurahan and kecamatan names and codes, as written in exports, mapped to Kemendagri codes."""

from __future__ import annotations

import difflib
import re
from functools import cache

from pantau.geo import wilayah

# Names used in older Kemendagri code lists (BRIEF §3.2, §4.3).
OLD_NAMES = {"gadingrejoan": "35.75.01.1009"}
PREFIX = re.compile(r"^\s*(kelurahan|kel\.?|desa|ds\.|kecamatan|kec\.?)\s*", re.IGNORECASE)


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
    for row in ref.itertuples():
        by_name[name_key(row.kelurahan)] = row.kode_kel
        by_name.setdefault(name_key(row.nama_kel_bps), row.kode_kel)
        by_code[digits(row.kode_kel)] = row.kode_kel
    # BPS codes share the 10-digit space with undotted Kemendagri codes; Kemendagri wins a clash.
    for row in ref.itertuples():
        by_code.setdefault(digits(row.kode_kel_bps), row.kode_kel)
    return by_name, by_code


@cache
def _kecamatan_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for row in wilayah().drop_duplicates("kode_kec").itertuples():
        out[name_key(row.kecamatan)] = row.kode_kec
        out[digits(row.kode_kec)] = row.kode_kec  # 357501
        out[digits(row.kode_kec)[-2:]] = row.kode_kec  # 01
        out[digits(row.kode_kec_bps)] = row.kode_kec  # 3575010
        out[digits(row.kode_kec_bps)[-3:]] = row.kode_kec  # 010, as DTKS KDKEC
    return out


def kelurahan_by_name(text: str) -> str | None:
    return _kelurahan_maps()[0].get(name_key(text))


def kelurahan_by_code(text: str) -> str | None:
    return _kelurahan_maps()[1].get(digits(text))


def kecamatan_code(text: str) -> str | None:
    key = name_key(text) if re.search(r"[A-Za-z]", str(text)) else digits(text)
    return _kecamatan_map().get(key)


def suggestions(text: str, n: int = 3) -> list[str]:
    """The closest kelurahan names, for a reason that helps the operator fix the row."""
    names = {name_key(r.kelurahan): r.kelurahan for r in wilayah().itertuples()}
    close = difflib.get_close_matches(name_key(text), list(names), n=n, cutoff=0.4)
    return [names[c] for c in close]

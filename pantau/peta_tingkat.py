"""The Peta page's drill-down: which level and query the filters show, what a click on a unit
sets, and the unit a map's selection event names."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tingkat:
    """What the map shows for the filters: its level, the named query with its area, whether
    to frame the drawn units, and the widget values of the level above (None at the top)."""

    level: str
    query: str
    params: dict
    fokus: bool
    naik: dict | None
    induk: str | None  # the code of the area shown (None: the whole region)


def tingkat_peta(f: dict, provinsi: bool) -> Tingkat:
    """Province → kab/kota → kecamatan → desa/kelurahan (a kab/kota starts at its kecamatan):
    the map of the units below the finest area chosen; a desa/kelurahan alone implies its
    kecamatan and kab/kota (Kemendagri codes nest)."""
    kel = f.get("kode_kel")
    kec = f.get("kode_kec") or (kel or "")[:8] or None
    kab = f.get("kode_kab") or (kec or "")[:5] or None
    if kec:
        naik = {"f_kab": kab, "f_kec": "", "f_kel": ""} if provinsi else {"f_kec": "", "f_kel": ""}
        return Tingkat("kelurahan", "peta_kelurahan", {"kode_kec": kec}, True, naik, kec)
    if provinsi and kab:
        naik = {"f_kab": "", "f_kec": "", "f_kel": ""}
        return Tingkat("kecamatan", "peta_kecamatan", {"kode_kab": kab}, True, naik, kab)
    if provinsi:
        return Tingkat("kabupaten_kota", "peta_kabupaten", {}, False, None, None)
    return Tingkat("kecamatan", "peta_kecamatan", {}, False, None, None)


def pilihan_klik(level: str, code: str, provinsi: bool) -> dict:
    """The filter widgets a click on unit `code` of a `level` map sets (the next level down)."""
    if level == "kabupaten_kota":
        return {"f_kab": code, "f_kec": "", "f_kel": ""}
    if level == "kecamatan":
        return (
            {"f_kab": code[:5], "f_kec": code, "f_kel": ""}
            if provinsi
            else {
                "f_kec": code,
                "f_kel": "",
            }
        )
    return {"f_kel": code}


def kode_terpilih(event) -> str | None:
    """The code of the region clicked in a map's selection event (the first point)."""
    points = (event or {}).get("selection", {}).get("points", [])
    for point in points:
        if point.get("location"):
            return str(point["location"])
    return None

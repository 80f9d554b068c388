"""The kab/kota of a row, and DTKS's split codes (KDPROP, KDKAB, KDKEC, KDDESA).

A province repeats kecamatan and desa names across its kab/kota (Kademangan is a kecamatan of
Kabupaten Blitar and of Kota Probolinggo, each with a Kademangan): a Kabupaten/Kota column
narrows the match, a kab/kota that contradicts the row's kecamatan or desa rejects it, and with
no kab/kota a (kecamatan, desa) pair found in several kab/kota is ambiguous. DTKS's KDPROP 35 +
KDKAB 23 + KDKEC 02 + KDDESA 2013 make 35.23.02.2013 (in a kab/kota region KDPROP/KDKAB may be
missing: the region's own).

Each distinct combination of these cells is resolved once in Python (map_wil_<i>); the rows
read raw_<i>, a view over the file that carries the resolved kecamatan and code in place of
the cells as written, and the reason of a row to reject.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

import pyarrow as pa

from pantau import wilayah
from pantau.contract import norm_header
from pantau.ingest import region

# Header keys (pantau.contract.norm_header) of the columns read here.
KAB_KEYS = {
    "kabupatenkota",
    "kabupaten",
    "kabkota",
    "namakab",
    "namakabupaten",
    "namakabkota",
    "namakabupatenkota",
    "nmkab",
    "kota",
}
KODE_KEYS = {"kdprop": "kdprop", "kdkab": "kdkab", "kdkec": "kdkec", "kddesa": "kddesa"}
KAB_PREFIX = re.compile(r"^\s*(kabupaten|kab|kota|kot)(?:\.\s*|\s+)", re.IGNORECASE)


def hints(headers: list[str]) -> dict[str, str]:
    """Role ('kab', 'kdprop', 'kdkab', 'kdkec', 'kddesa') -> raw column (c<i>), first of each."""
    out: dict[str, str] = {}
    for i, header in enumerate(headers):
        key = norm_header(header)
        role = "kab" if key in KAB_KEYS else KODE_KEYS.get(key)
        if role and role not in out:
            out[role] = f"c{i}"
    return out


@cache
def _kab_nasional() -> dict[tuple[str, str], list[str]]:
    """(jenis, name key) -> kab/kota codes, over the whole country ('kabupaten', 'blitar')."""
    ref = wilayah.nasional()
    out: dict[tuple[str, str], list[str]] = {}
    for kode, nama, jenis in ref[ref["tingkat"] == "kabupaten_kota"][
        ["kode", "nama", "jenis"]
    ].itertuples(index=False):
        key = _key(KAB_PREFIX.sub("", nama))
        out.setdefault((jenis, key), []).append(kode)
        out.setdefault(("", key), []).append(kode)
    return out


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", str(text).lower())


def _digits(text) -> str:
    """region.digits, with an empty cell (None) as no digits."""
    return region.digits(text or "")


def kab_codes(text: str, prov: str) -> list[str]:
    """The kab/kota codes a cell names: 'KABUPATEN BLITAR', 'Kab. Blitar', 'KOTA BLITAR',
    'Blitar' (both), '35.05', '3505', or '05' / '5' (of the region's province)."""
    if not re.search(r"[A-Za-z]", text):
        d = _digits(text)
        if len(d) in (1, 2):
            return [f"{prov}.{int(d):02d}"]
        if len(d) == 4:
            return [f"{d[:2]}.{d[2:]}"]
        return []
    hit = KAB_PREFIX.match(text)
    jenis = ""
    if hit:
        jenis = "kota" if hit.group(1).lower().startswith("kot") else "kabupaten"
    return list(_kab_nasional().get((jenis, _key(KAB_PREFIX.sub("", text))), []))


def _nama_kab(kode: str) -> str:
    try:
        return f"{wilayah.cari(kode).nama} ({kode})"
    except wilayah.WilayahError:
        return kode


@cache
def _index(kode: str):
    """(kecamatan name key -> codes, desa name key -> rows) of a region."""
    kec: dict[str, set[str]] = {}
    desa: dict[str, list[dict]] = {}
    for row in region._rows(kode):
        kec.setdefault(region.name_key(row["kecamatan"]), set()).add(row["kode_kec"])
        for name in {region.name_key(row["kelurahan"]), region.name_key(row["nama_kel_bps"])}:
            if name:
                desa.setdefault(name, []).append(row)
    return kec, desa


@cache
def _kec_by_digits(kode: str) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """(6 digits -> kecamatan codes, '35.23' + '02' -> codes) of a region."""
    full: dict[str, set[str]] = {}
    short: dict[str, set[str]] = {}
    for codes in _index(kode)[0].values():
        for c in codes:
            full.setdefault(_digits(c), set()).add(c)
            short.setdefault(c[:5] + c[-2:], set()).add(c)
    return full, short


def _kec_codes(text: str, kode: str, kabs: list[str] | None) -> set[str]:
    kec, _ = _index(kode)
    if re.search(r"[A-Za-z]", text):
        return set(kec.get(region.name_key(text), set()))
    d = _digits(text)
    full, short = _kec_by_digits(kode)
    if len(d) == 6:
        return set(full.get(d, set()))
    if len(d) in (1, 2) and kabs:
        return {c for k in kabs for c in short.get(f"{k}{int(d):02d}", set())}
    return set()


def _kec_no(d: str) -> str | None:
    """KDKEC beside a 4-digit KDDESA as the kecamatan's 2 digits: '02', '2', '002' -> '02';
    '020' (the BPS form, the kecamatan times ten, as desa_codes reads it) -> '02'."""
    if 1 <= len(d) <= 2:
        return f"{int(d):02d}"
    if len(d) == 3 and d[0] == "0":
        return f"{int(d) // 10:02d}" if d[-1] == "0" else f"{int(d):02d}"
    return None


def resolve(cells: dict[str, str | None]) -> tuple[str | None, str | None, tuple | None]:
    """(kecamatan code, desa/kelurahan code, (kolom, alasan, nilai) of a reject) of one
    combination of cells (trimmed text or None), for the region under import."""
    kode = region.aktif()
    w = wilayah.cari(kode)
    provinsi = w.jenis == "provinsi"
    prov = kode.split(".")[0]
    kab, kec, desa = cells.get("kab"), cells.get("kec"), cells.get("desa")
    kabs: list[str] | None = None
    kab_cell = kab
    if _digits(cells.get("kdkab")):
        d = _digits(cells["kdkab"])
        p = _digits(cells.get("kdprop")) or prov
        kabs = [f"{d[:2]}.{d[2:]}"] if len(d) == 4 else [f"{p}.{int(d or 0):02d}"]
        kab_cell = " / ".join(c for c in (cells.get("kdprop"), cells["kdkab"]) if c)
    elif kab:
        kabs = kab_codes(kab, prov)
        if not kabs:
            return None, None, ("kabupaten_kota", "kabupaten/kota tidak dikenal", kab)
    if kabs is not None:
        own = [c for c in kabs if c == kode or c.startswith(kode + ".")]
        if not own:
            bukan = f"di luar {w.nama}" if provinsi else f"bukan {w.nama}"
            return None, None, ("kabupaten_kota", f"kabupaten/kota {bukan}", kab_cell)
        kabs = own
    elif not provinsi:
        kabs = [kode]
    # DTKS split codes: KDKEC 02 + KDDESA 2013 under the row's kab/kota.
    kdkec, kddesa = _digits(cells.get("kdkec")), _digits(cells.get("kddesa"))
    kec_no = _kec_no(kdkec)
    if kabs and len(kabs) == 1 and len(kddesa) == 4 and kec_no:
        code = f"{kabs[0]}.{kec_no}.{kddesa}"
        if code in region.names():
            return code[:8], code, None
    if not provinsi:
        return None, None, None
    kec_codes = _kec_codes(kec, kode, kabs) if kec else set()
    if kec and kec_codes and kabs:
        inside = {c for c in kec_codes if c[:5] in kabs}
        if not inside:
            nilai = f"{kab_cell} / {kec}"
            return (
                None,
                None,
                ("kabupaten_kota", "kabupaten/kota tidak sesuai dengan kecamatan", nilai),
            )
        kec_codes = inside
    if not desa:
        return (next(iter(kec_codes)) if len(kec_codes) == 1 else None), None, None
    rows = _index(kode)[1].get(region.name_key(desa), [])
    if not rows:
        return (next(iter(kec_codes)) if len(kec_codes) == 1 else None), None, None
    if kec_codes:
        rows = [r for r in rows if r["kode_kec"] in kec_codes]
    elif kec:
        return None, None, None  # a kecamatan not known: the import's own reason
    if kabs:
        within = [r for r in rows if r["kode_kab"] in kabs]
        if rows and not within and not kec:
            nilai = f"{kab_cell} / {desa}"
            return (
                None,
                None,
                ("kabupaten_kota", "kabupaten/kota tidak sesuai dengan desa/kelurahan", nilai),
            )
        rows = within
    codes = {r["kode_kel"] for r in rows}
    if len(codes) == 1:
        return rows[0]["kode_kec"], None, None
    kab_rows = sorted({r["kode_kab"] for r in rows})
    if len(kab_rows) > 1:
        where = ", ".join(_nama_kab(c) for c in kab_rows)
        nilai = f"{desa} (ada di {where}; isi kolom kabupaten/kota)"
        return None, None, ("kelurahan", f"nama {w.label_desa_kecil} ambigu", nilai)
    return None, None, None


def siapkan(con, i: int, table: pa.Table, m, headers: list[str]):
    """Register raw_<i> (the file, or a view carrying the resolved cells) and return the
    mapping the rows are read with (the same, or one naming the view's columns)."""
    h = hints(headers)
    provinsi = wilayah.cari(region.aktif()).jenis == "provinsi"
    split = "kdkec" in h and "kddesa" in h
    kec_col = m.fields.get("kecamatan", (None,))[0]
    if not ("kab" in h or split or (provinsi and kec_col)):
        con.register(f"raw_{i}", table)
        return m
    desa_col = m.fields.get("kelurahan", (None,))[0]
    roles = {**h, "kec": kec_col, "desa": desa_col}
    roles = {r: c for r, c in roles.items() if c}
    if "kec" not in roles and "kdkec" in roles:
        roles["kec"] = roles["kdkec"]
    cols = sorted(set(roles.values()), key=lambda c: int(c[1:]))
    con.register(f"rawsrc_{i}", table)
    combos = con.execute(f"SELECT DISTINCT {', '.join(cols)} FROM rawsrc_{i}").fetchall()
    out = {c: [] for c in cols}
    out |= {"kec_baru": [], "kode_baru": [], "kolom": [], "alasan": [], "nilai": []}
    for combo in combos:
        raw = dict(zip(cols, combo, strict=True))
        cells = {
            r: (str(raw[c]).strip() or None) if raw[c] is not None else None
            for r, c in roles.items()
        }
        kec, kode, tolak = resolve(cells)
        for c in cols:
            out[c].append(raw[c])
        out["kec_baru"].append(kec)
        out["kode_baru"].append(kode)
        kolom, alasan, nilai = tolak or (None, None, None)
        out["kolom"].append(kolom)
        out["alasan"].append(alasan)
        out["nilai"].append(nilai)
    con.register(f"map_wil_{i}", pa.table({k: pa.array(v, pa.string()) for k, v in out.items()}))
    n = len(table.column_names)
    new = {k: f"c{n + j}" for j, k in enumerate(("kec", "kode", "kolom", "alasan", "nilai"))}
    fields = dict(m.fields)
    kec_src = f"r.{kec_col}" if kec_col else "NULL"
    kode_col = m.fields.get("kode_kel", (None,))[0]
    if kode_col is None:
        kode_src = "w.kode_baru"
    elif kode_col == h.get("kddesa"):
        kode_src = f"coalesce(w.kode_baru, r.{kode_col})"
    else:
        kode_src = f"coalesce(r.{kode_col}, w.kode_baru)"
    on = " AND ".join(f"w.{c} IS NOT DISTINCT FROM r.{c}" for c in cols)
    con.execute(
        f"CREATE TEMP VIEW raw_{i} AS SELECT r.*, coalesce(w.kec_baru, {kec_src}) AS {new['kec']}, "
        f"{kode_src} AS {new['kode']}, w.kolom AS {new['kolom']}, w.alasan AS {new['alasan']}, "
        f"w.nilai AS {new['nilai']} FROM rawsrc_{i} r LEFT JOIN map_wil_{i} w ON {on}"
    )
    if kec_col or any(out["kec_baru"]):
        fields["kecamatan"] = (new["kec"], fields.get("kecamatan", (None, "kecamatan"))[1])
    if kode_col or any(out["kode_baru"]):
        fields["kode_kel"] = (new["kode"], fields.get("kode_kel", (None, "kddesa"))[1])
    tolak = (new["kolom"], new["alasan"], new["nilai"]) if any(out["alasan"]) else None
    return replace(m, fields=fields, tolak=tolak)


def lepas(con, i: int) -> None:
    """Drop what siapkan registered for file i (raw_<i> is a view over rawsrc_<i>, or the
    file itself)."""
    if con.execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = ? AND temporary AND internal = false "
        "AND sql LIKE '%rawsrc_%'",
        [f"raw_{i}"],
    ).fetchall()[0][0]:
        con.execute(f"DROP VIEW raw_{i}")
        con.unregister(f"map_wil_{i}")
        con.unregister(f"rawsrc_{i}")
    else:
        con.unregister(f"raw_{i}")

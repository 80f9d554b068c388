"""One column as the real exports write it: names, NIK, No KK, kelurahan spellings, addresses.

Each takes the World (pantau.demo.world) and the families' indices and returns an Arrow column.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from pantau import wilayah as region
from pantau.demo.codebooks import HOUSING, JALAN
from pantau.demo.draws import _u
from pantau.demo.identities import BELAKANG_L, BELAKANG_P, LAKI, PEREMPUAN, kk_number, nik_number
from pantau.demo.text import _cat, _pad, _pick, _s, _where
from pantau.demo.world import World

# How Kota Pasuruan's exports spell some of its kelurahan (other regions: upper case or a prefix).
VARIANTS = {
    "Tapa'an": ["Tapaan", "TAPA'AN", "Tapa-an", "Kel. Tapa'an"],
    "Tamba'an": ["Tambaan", "Kel. Tamba'an", "TAMBA'AN"],
    "Bugul Kidul": ["Bugulkidul", "BUGUL KIDUL", "Kel. Bugul Kidul"],
    "Bugul Lor": ["Bugullor", "BUGUL LOR"],
    "Kebonagung": ["Kebon Agung", "KEBON AGUNG"],
    "Kandangsapi": ["Kandang Sapi", "KANDANG SAPI"],
    "Gadingrejo": ["Gadingrejo'an", "GADINGREJO"],
}


def _names(w: World, idx: np.ndarray) -> pa.Array:
    fem = w.female[idx]
    first = _where(
        fem,
        _pick(PEREMPUAN, np.where(fem, w.nm1[idx], 0)),
        _pick(LAKI, np.where(fem, 0, w.nm1[idx])),
    )
    n2 = w.nm2[idx]
    has2 = n2 >= 0
    second = _where(
        fem,
        _pick(BELAKANG_P, np.where(fem & has2, n2, 0)),
        _pick(BELAKANG_L, np.where(~fem & has2, n2, 0)),
    )
    return _where(has2, _cat(first, second, sep=" "), first)


def _nik(w: World, idx: np.ndarray) -> pa.Array:
    return _s(nik_number(idx, w.nik_kec[idx], w.female[idx], w.kab[idx]))


def _kk(w: World, idx: np.ndarray) -> pa.Array:
    return _s(kk_number(idx, w.kec[idx], w.kab[idx]))


def _kelurahan(w: World, idx: np.ndarray, salt: int, share: float = 0.3) -> pa.Array:
    """Kelurahan names with the spellings real exports use (Tapaan, Kel. Tamba'an, Kebon Agung)."""
    kel = w.kel[idx].astype(np.int64)
    variants = VARIANTS if w.region.kode == region.BAWAAN else {}
    table = []
    desa = w.wil["kode_kel"].str.rsplit(".", n=1).str[1].str.startswith("2").tolist()
    for name, is_desa in zip(w.kel_names, desa, strict=True):
        extra = variants.get(name, [])
        unit = ("Ds.", "Desa") if is_desa else ("Kel.", "Kelurahan")
        table.append([name, name.upper(), f"{unit[0]} {name}", f"{unit[1]} {name}", *extra])
    width = max(len(r) for r in table)
    flat = [r[i % len(r)] for r in table for i in range(width)]
    u = _u(idx, w.seed, salt)
    special = np.array([len(variants.get(n, [])) for n in w.kel_names])[kel]
    # Named variants for the kelurahan that have them, else upper case or a prefix.
    v = np.where(
        special > 0,
        4 + (u * 997).astype(np.int64) % np.maximum(special, 1),
        1 + (u * 991).astype(np.int64) % 3,
    )
    v = np.where(u < share, v, 0)
    return _pick(flat, kel * width + v)


def _kode_kel(w: World, idx: np.ndarray, dotted: bool = True) -> pa.Array:
    codes = w.wil["kode_kel"].tolist()
    if not dotted:
        codes = [c.replace(".", "") for c in codes]
    return _pick(codes, w.kel[idx])


def _kecamatan(w: World, idx: np.ndarray, upper: bool = False) -> pa.Array:
    if w.region.adalah_provinsi:
        # A province repeats kecamatan names across its kab/kota (Jawa Timur: 34 names twice or
        # more) and the importer knows a kecamatan by its name within the region only: its
        # Kemendagri code (352301), as registry exports write KDKEC, names it alone.
        return _pick(w.wil["kode_kec"].str.replace(".", "").tolist(), w.kel[idx])
    names = w.wil["kecamatan"].tolist()
    return _pick([n.upper() for n in names] if upper else names, w.kel[idx])


def _alamat(w: World, idx: np.ndarray, style: str) -> pa.Array:
    street = _pick(JALAN, w.jalan[idx])
    gang = w.gang[idx]
    no = _s(w.nomor[idx])
    if style == "p3ke":
        rt = _cat("RT ", _pad(w.rt[idx], 3), " RW ", _pad(w.rw[idx], 3))
        base = _where(gang > 0, _cat("JL. ", street, " GG. ", _s(gang)), _cat("JL. ", street))
        return pc.utf8_upper(_cat(base, " NO. ", no, " ", rt))
    base = _where(gang > 0, _cat("Jl. ", street, " Gg. ", _s(gang)), _cat("Jl. ", street))
    if style == "comma":
        return _cat(base, ", No. ", no)
    return _cat(base, " No. ", no)


def _rtrw(values: np.ndarray, u: np.ndarray, pad_share: float) -> pa.Array:
    return _where(u < pad_share, _pad(values, 3), _s(values))


def _housing(w: World, idx: np.ndarray, name: str, labels: bool) -> pa.Array:
    codes = w.house[name][idx]
    if not labels:
        return _s(codes)
    book = HOUSING[name][0]
    lut = [book.get(i, "") for i in range(max(book) + 1)]
    return _pick(lut, codes)

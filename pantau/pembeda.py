"""'Tertinggi' / 'terendah' headlines only where the intervals tell the areas apart (BPS
re-review N3, N5; queries/README.md "Tertinggi / terendah").

The rule: the top group (for 'terendah' the lowest share, all areas when tied, and every area
whose 95 % interval overlaps theirs; for 'tertinggi' the same from the top) is one area → it is
named; a larger group → the areas cannot be told apart, and the headline names instead the areas
whose whole interval lies beyond the area's own value (below it for 'terendah', above for
'tertinggi'), or, when there are none, the group. The queries that own a headline compute the
rule as a column (`bantuan_cakupan_kelurahan.terendah_dapat_dibedakan`,
`fgt_kelurahan.tertinggi_dapat_dibedakan`); `kelompok` is the same rule for a query that only
carries the interval (peta_kecamatan, peta_kelurahan), and a test keeps the two equal.
`pilih` reads either and says what a headline may name. Pages compute no number here: every
value is a column of a query."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from pantau.wilayah import singkatan


def _benar(v) -> bool:
    """True only for a real True (a hidden cell "×", NULL or NaN is not)."""
    return v is True or (isinstance(v, bool | np.bool_) and bool(v))


def _salah(v) -> bool:
    return v is False or (isinstance(v, bool | np.bool_) and not bool(v))


def kelompok(df: pd.DataFrame, nilai: str, bawah: str, atas: str, arah: str) -> pd.Series:
    """The rule on a frame of areas with a share and its interval: True on the one area that
    can be named `arah` ('tertinggi' or 'terendah'), False on each area of a larger group that
    cannot be told apart, None outside the group, without a value or with fewer than two areas
    with a value. The same as the query columns (tests/test_pembeda.py)."""
    v = pd.to_numeric(df[nilai], errors="coerce")
    lo = pd.to_numeric(df[bawah], errors="coerce")
    hi = pd.to_numeric(df[atas], errors="coerce")
    out = pd.Series([None] * len(df), index=df.index, dtype=object)
    ada = v.notna() & lo.notna() & hi.notna()
    if ada.sum() < 2:
        return out
    if arah == "terendah":
        ujung = v[ada] == v[ada].min()
        batas = hi[ada][ujung].max()
        masuk = ada & (lo <= batas)
    else:
        ujung = v[ada] == v[ada].max()
        batas = lo[ada][ujung].min()
        masuk = ada & (hi >= batas)
    satu = int(masuk.sum()) == 1
    out[masuk] = satu
    return out


@dataclass(frozen=True)
class Pilihan:
    jenis: str  # "satu" (one area named), "banding" (beyond the area's value), "kelompok"
    nama: list[str]


def pilih(
    df: pd.DataFrame,
    nama: str,
    aturan: str,
    banding: str | None = None,
    urut: str | None = None,
    menurun: bool = False,
) -> Pilihan | None:
    """What a headline may name, from the rule column `aturan` (True / False / None) and,
    optionally, `banding` (True where the area's interval lies beyond the whole area's value);
    names in the order of the column `urut` (the extreme first: `menurun` for 'tertinggi').
    None when the rule names nothing (fewer than two areas with a value, or hidden)."""
    if df.empty or aturan not in df:
        return None
    # A hidden cell (a guest's "×"): the rule cannot be read off the visible part, name nothing.
    if df[aturan].map(lambda v: isinstance(v, str)).any():
        return None
    if urut and urut in df:
        key = pd.to_numeric(df[urut], errors="coerce")
        df = df.assign(_urut=key).sort_values("_urut", ascending=not menurun, kind="stable")
    satu = df[df[aturan].map(_benar)]
    if len(satu) == 1:
        return Pilihan("satu", [str(satu.iloc[0][nama])])
    grup = df[df[aturan].map(_salah)]
    if grup.empty:
        return None
    if banding and banding in df:
        luar = df[df[banding].map(_benar)]
        if len(luar):
            return Pilihan("banding", [str(n) for n in luar[nama]])
    return Pilihan("kelompok", [str(n) for n in grup[nama]])


def kelompok_teks(
    names: list[str], level: str, prefix: str | list[str], ujung: str = "terbesar", maks: int = 4
) -> str:
    """The group that cannot be told apart, in words: "di antara Kel. A dan Kel. B" (up to
    `maks` names), or for a larger group "34 kelurahan, termasuk Kel. A yang angkanya terbesar"
    (the extreme one first in `names`; `ujung` "terkecil" for 'terendah')."""
    if len(names) <= maks:
        return f"di antara {daftar_nama(names, prefix)}"
    first = prefix[0] if isinstance(prefix, list) else prefix
    return f"{len(names)} {level}, termasuk {first} {names[0]} yang angkanya {ujung}"


def daftar_nama(names: list[str], prefix: str | list[str], maks: int = 4) -> str:
    """ "Kel. A, Kel. B dan Kel. C" (`prefix` a list: one word per name, "Desa A dan Kel. B");
    beyond `maks` names "… dan N lainnya"."""
    words = prefix if isinstance(prefix, list) else [prefix] * len(names)
    shown = [f"{w} {n}" for w, n in zip(words[:maks], names[:maks], strict=True)]
    rest = len(names) - len(shown)
    if rest > 0:
        return ", ".join(shown) + f" dan {rest} lainnya"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " dan " + shown[-1]


def judul_peta(df: pd.DataFrame, level: str, key: str, periode: str | None) -> str:
    """The Peta map's title (pantau.peta.judul) with the rule applied to a metric that carries a
    95 % interval (the rate per 1.000 listed keluarga): one area named "tertinggi" only when its
    interval lies above every other's; otherwise the group that cannot be told apart. Other
    metrics (counts, shares without an interval) keep pantau.peta.judul."""
    from pantau import fmt, peta

    m = peta.metrik_wilayah().get(key)
    if m is None or m.kolom not in peta.SELANG or df.empty:
        return peta.judul(df, level, key, periode)
    bawah, atas = peta.SELANG[m.kolom]
    if bawah not in df or atas not in df:
        return peta.judul(df, level, key, periode)
    if df[[m.kolom, bawah, atas]].map(lambda v: isinstance(v, str)).to_numpy().any():
        # a hidden rate (a guest's "×"): no rank can be read off the visible ones
        return f"{m.satuan.capitalize()} per {peta.kata_tingkat(level)} ({fmt.periode(periode)})"
    nama = level  # the name column: kelurahan, kecamatan or kabupaten_kota
    prefix = {"kelurahan": "Kel.", "kecamatan": "Kec."}.get(level, "")
    jelas = _jelas(df) if level == "kelurahan" else df
    rule = jelas.assign(_aturan=kelompok(jelas, m.kolom, bawah, atas, "tertinggi"))
    pilihan = pilih(rule, nama, "_aturan", urut=m.kolom, menurun=True)
    if pilihan is None or pilihan.jenis == "satu":
        return peta.judul(df, level, key, periode)  # names its one unit itself (sebutan)
    when = fmt.periode(periode)
    if level == "kelurahan":
        prefix = _awalan(jelas, pilihan.nama)
    teks = kelompok_teks(pilihan.nama, peta.kata_tingkat(level), prefix)
    return (
        f"{m.satuan.capitalize()}: tertinggi tidak dapat dibedakan "
        f"({teks.replace('  ', ' ')}): selang 95 % tumpang tindih ({when})"
    )


def _selang(lo, hi, fn) -> str:
    if pd.isna(lo) or pd.isna(hi) or isinstance(lo, str) or isinstance(hi, str):
        return "–"
    return f"{fn(lo)}–{fn(hi)}"


def _persen2(x) -> str:
    from pantau import fmt

    return "–" if pd.isna(x) or isinstance(x, str) else f"{fmt.angka(x, 2)}%"


def _awalan(frame: pd.DataFrame, names: list[str]) -> list[str]:
    """Each desa/kelurahan's own word before its name ('Kel.' or 'Desa'), from its code."""
    codes: dict = {}
    for n, c in zip(frame["kelurahan"], frame.get("kode_kel", [None] * len(frame)), strict=True):
        codes.setdefault(n, c)  # names are clear (_jelas): one code each
    return [singkatan(codes.get(n)).strip() for n in names]


def _jelas(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with each desa/kelurahan under its clear name (Wilayah.nama_jelas): a name two
    units of the region share, Tuban's two Latsari, gets its kecamatan, so the rule's names and
    the headline's words belong to one unit each. Kota Pasuruan's names, all unique, unchanged."""
    if frame.empty or "kode_kel" not in frame:
        return frame
    from pantau import wilayah

    nama = wilayah.dari().nama_jelas(frame["kode_kel"], frame["kelurahan"].astype(str))
    return frame.assign(kelurahan=nama)


def _kata_desa() -> str:
    from pantau import wilayah

    return wilayah.dari().label_desa_kecil


def judul_cakupan_kelurahan(kel: pd.DataFrame, wilayah: str, periode: str | None) -> str:
    """Bantuan's kelurahan heatmap title from `bantuan_cakupan_kelurahan`'s rule
    (terendah_dapat_dibedakan, di_bawah_wilayah; BPS re-review N3): one kelurahan is named as the
    lowest only when its 95 % interval lies below every other's; otherwise those whose interval
    lies below the area's coverage, or the group that cannot be told apart."""
    from pantau import fmt

    when = fmt.periode(periode)
    bansos = _jelas(kel[kel["program"] == "Bansos (strategi 1)"])
    pilihan = pilih(
        bansos, "kelurahan", "terendah_dapat_dibedakan", "di_bawah_wilayah", urut="cakupan"
    )
    if pilihan is None:
        return f"Cakupan per program di {wilayah} (% keluarga miskin ekstrem, {when})"
    if pilihan.jenis == "satu":
        r = bansos[bansos["kelurahan"] == pilihan.nama[0]].iloc[0]
        return (
            f"Cakupan bansos terendah di {singkatan(r.get('kode_kel'))}{r['kelurahan']}: {fmt.persen(r['cakupan'])} "
            f"keluarga miskin ekstrem (selang 95 % "
            f"{_selang(r['cakupan_bawah'], r['cakupan_atas'], fmt.persen)}), terpisah dari "
            f"{_kata_desa()} lain ({when})"
        )
    awalan = _awalan(bansos, pilihan.nama)
    nama = daftar_nama(pilihan.nama, awalan)
    angka = fmt.persen(bansos["cakupan_wilayah"].iloc[0])
    if pilihan.jenis == "banding":
        return (
            f"Cakupan bansos di {nama} di bawah angka {wilayah} ({angka}) di luar selang 95 % "
            "(tanpa koreksi uji berganda); "
            f"{_kata_desa()} terendah tidak dapat dibedakan satu sama lain ({when})"
        )
    return (
        f"Cakupan bansos terendah tidak dapat dibedakan "
        f"({kelompok_teks(pilihan.nama, _kata_desa(), awalan, 'terkecil')}): selang 95 % "
        f"tumpang tindih; "
        f"angka {wilayah} {angka} ({when})"
    )


def judul_p0_kelurahan(data: pd.DataFrame, wilayah: str, periode: str | None) -> str:
    """Beban's kelurahan P0 chart title from `fgt_kelurahan`'s rule (tertinggi_dapat_dibedakan,
    di_atas_wilayah; BPS re-review N5): one kelurahan is named "tertinggi" only when its
    interval lies above every other's; otherwise those whose interval lies above the area's P0,
    or the group that cannot be told apart."""
    from pantau import fmt

    when = f"{fmt.periode(periode)}; garis = selang 95 %"
    data = _jelas(data)
    pilihan = pilih(
        data, "kelurahan", "tertinggi_dapat_dibedakan", "di_atas_wilayah", urut="p0", menurun=True
    )
    if pilihan is None:
        return f"P0 ekstrem per {_kata_desa()} di {wilayah} ({when})"
    if pilihan.jenis == "satu":
        top = data[data["kelurahan"] == pilihan.nama[0]].iloc[0]
        return (
            f"{singkatan(top.get('kode_kel'))}{top['kelurahan']} punya P0 ekstrem tertinggi di {wilayah}: "
            f"{_persen2(top['p0'])} jiwa dalam daftar di bawah garis ekstrem, terpisah dari "
            f"{_kata_desa()} lain ({when})"
        )
    awalan = _awalan(data, pilihan.nama)
    nama = daftar_nama(pilihan.nama, awalan)
    angka = _persen2(data["p0_wilayah"].iloc[0])
    if pilihan.jenis == "banding":
        return (
            f"P0 ekstrem di {nama} di atas angka {wilayah} ({angka}) di luar selang 95 % "
            "(tanpa koreksi uji berganda); "
            f"{_kata_desa()} tertinggi tidak dapat dibedakan satu sama lain ({when})"
        )
    return (
        f"P0 ekstrem tertinggi tidak dapat dibedakan "
        f"({kelompok_teks(pilihan.nama, _kata_desa(), awalan)}): selang 95 % tumpang tindih; "
        f"angka {wilayah} {angka} ({when})"
    )

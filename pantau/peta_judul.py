"""The Peta map's title, the guest's caption and the interval chart's title: sentences built
from a query's rows as the role sees them."""

from __future__ import annotations

import pandas as pd

from pantau import fmt, geo
from pantau import wilayah as wilayah_mod
from pantau.peta_metrik import DAFTAR, DASAR_KECIL, metrik_wilayah, teks


def kata_tingkat(level: str) -> str:
    """A level's word in a sentence: 'kecamatan', 'kabupaten/kota', and for the level below
    kecamatan the region's ('kelurahan', or 'desa/kelurahan' where it has desa)."""
    if level == "kelurahan":
        return wilayah_mod.dari().label_desa_kecil
    return geo.TINGKAT_TEKS.get(level, level)


def judul(df: pd.DataFrame, level: str, key: str, periode: str | None) -> str:
    """The map's title: which region is highest on the metric, with unit and period."""
    m = DAFTAR if key == "daftar" else metrik_wilayah()[key]
    values = pd.to_numeric(df[m.kolom], errors="coerce")
    when = fmt.periode(periode)
    if values.isna().all():
        return f"Belum ada angka {m.satuan} untuk wilayah ini ({when})"
    if values.max() <= 0:
        return f"Tidak ada {m.satuan} di wilayah ini ({when})"
    top = df.loc[values.idxmax()]
    prefix = {"kecamatan": "Kec. "}.get(level, "")
    name = top[level]
    if level == "kelurahan":
        prefix, name = "", wilayah_mod.dari().sebutan(top.get("kode_kel"), name)
    if m is DAFTAR:  # a list's size, not a measure of poverty
        unit = kata_tingkat(level)
        return (
            f"Keluarga dalam daftar per {unit}: terbanyak di {prefix}{name}, "
            f"{teks(top[m.kolom], m.jenis)} keluarga ({when})"
        )
    return f"{prefix}{name} tertinggi: {teks(top[m.kolom], m.jenis)} {m.satuan} ({when})"


def kalimat_disamarkan(df: pd.DataFrame, level: str, key: str) -> str | None:
    """The caption under a guest's map: how many units are hidden, and how they are drawn."""
    m = DAFTAR if key == "daftar" else metrik_wilayah()[key]
    n = sum(isinstance(v, str) for v in df[m.kolom])
    if not n:
        return None
    unit = wilayah_mod.dari().label(level).lower()
    return (
        f"{fmt.angka(n)} dari {fmt.angka(len(df))} {unit} disamarkan: jumlah < 5 (atau angka "
        "yang dihitung darinya); di peta digambar abu-abu, bukan data yang hilang."
    )


def judul_selang(df: pd.DataFrame, level: str, periode: str | None) -> str:
    shown = df[pd.to_numeric(df["per_1000_bawah"], errors="coerce").notna()]
    small = int(shown["dasar_kecil"].astype(bool).sum())
    when = fmt.periode(periode)
    level = kata_tingkat(level)
    if not small:
        return (
            f"Angka per 1.000 keluarga dengan selang 95 %: semua {len(shown)} {level} berdasar "
            f"cukup (≥ {DASAR_KECIL} keluarga miskin ekstrem) ({when})"
        )
    return (
        f"Angka per 1.000 keluarga dengan selang 95 %: {small} dari {len(shown)} {level} "
        f"berdasar kecil (< {DASAR_KECIL} keluarga miskin ekstrem, tanda *) ({when})"
    )

"""The pocket-index ranking: the pocket status, the title that names the pockets and the table
as people read it (Indonesian notation, intervals, the small-base mark)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pantau import catalogue, charts, fmt
from pantau import wilayah as wilayah_mod
from pantau.peta_metrik import (
    DASAR_INDEKS,
    TANDA_DASAR_KECIL,
    teks,
    teks_indeks,
    teks_selang,
)
from pantau.wilayah import dengan_singkatan


def status_kantong(df: pd.DataFrame) -> pd.Series:
    """The pocket status (kantong_kelurahan) as true/false; hidden or unknown is not a pocket."""
    if "kantong" not in df:
        return pd.Series(False, index=df.index)
    return df["kantong"].map(lambda v: v is True or (isinstance(v, bool | np.bool_) and bool(v)))


def nama_kantong(df: pd.DataFrame, maks: int = 4) -> str:
    """The pockets of `df` (kantong true), in rank order then name: "Kel. A, B, C dan D", or
    beyond `maks` names "Kel. A, B, C, D dan 2 lainnya" (BPS review 3, B4: a title that lists
    pockets names all of them or says how many it leaves out); "" when there is none."""
    frame = df[status_kantong(df).to_numpy()]
    if "peringkat" in frame:
        frame = frame.assign(_r=pd.to_numeric(frame["peringkat"], errors="coerce"))
        frame = frame.sort_values(["_r", "kelurahan"], na_position="last")
    names = [str(n) for n in frame["kelurahan"]]
    if not names:
        return ""
    codes = list(frame["kode_kel"]) if "kode_kel" in frame else [None] * len(names)
    if "kode_kel" in frame:  # a name two units share gets its kecamatan (Tuban's two Latsari)
        names = wilayah_mod.dari().nama_jelas(codes, names)
    shown, rest = names[:maks], len(names) - min(len(names), maks)
    return dengan_singkatan(shown, codes[: len(shown)], rest)


def judul_peringkat(df: pd.DataFrame, wilayah: str, periode: str | None) -> str:
    """The ranking's title: a priority order over n ranked kelurahan of `wilayah` (e.g. "Kec.
    Purworejo"), never "tertinggi" (BPS review 3, B1), and the pockets by the one definition,
    all named or "… dan N lainnya" (B4): the index orders, it does not name pockets."""
    # ranked: a numeric rank (a guest's hidden rows carry "×" in the index and no rank)
    ranked = df[pd.to_numeric(df["peringkat"], errors="coerce").notna()]
    top = ranked.sort_values("peringkat").iloc[0]
    n = int(status_kantong(df).sum())
    region = wilayah_mod.dari()
    unit = region.label_desa_kecil
    status = (
        f"{n} {unit} berstatus kantong (◆): {nama_kantong(df)}"
        if n
        else f"belum ada {unit} yang angkanya terbukti di atas angka " + region.jenis
    )
    values = pd.to_numeric(ranked["indeks_kantong"], errors="coerce")
    if len(ranked) > 1 and values.nunique() == 1:
        # every ranked unit ties (no component varies beyond chance, 65_peta_kelurahan.sql):
        # a "1." at 0 of 100 would read as "no problem here" (review of issue 14, SHOULD 1)
        return (
            f"Peringkat prioritas di {wilayah}: indeks kantong tidak membedakan {len(ranked)} "
            f"{unit} (semuanya {teks_indeks(values.iloc[0])} dari 100, karena tidak satu pun "
            f"komponennya berbeda antar {unit} lebih dari kebetulan), jadi tidak ada urutan "
            f"prioritas; {status} ({fmt.periode(periode)})"
        )
    return (
        f"Peringkat prioritas di {wilayah} (n = {len(ranked)} {unit}): 1. "
        f"{region.sebutan(top.get('kode_kel'), top['kelurahan'])}, indeks {teks_indeks(top['indeks_kantong'])} dari 100; {status} "
        f"({fmt.periode(periode)})"
    )


def catatan_dasar(df: pd.DataFrame) -> list[str]:
    """The mark "hati-hati: dasar kecil" where a share rests on fewer than DASAR_KECIL
    extreme-poor keluarga (the query's dasar_kecil), and why a kelurahan has no rank (fewer
    than DASAR_INDEKS keluarga on its list)."""
    out = []
    for kecil, n, idx in zip(df["dasar_kecil"], df["keluarga"], df["indeks_kantong"], strict=True):
        notes = [TANDA_DASAR_KECIL] if bool(kecil) else []
        if pd.isna(idx) and not isinstance(idx, str):
            count = pd.to_numeric(pd.Series([n]), errors="coerce").iloc[0]
            notes.append(
                f"tidak diperingkat (< {DASAR_INDEKS} keluarga dalam daftar)"
                if pd.isna(count) or count < DASAR_INDEKS
                else "tidak diperingkat"
            )
        out.append("; ".join(notes))
    return out


def tabel_peringkat(df: pd.DataFrame) -> pd.DataFrame:
    """The ranking as people read it: Indonesian number notation, unit in each header, the 95 %
    Wilson interval beside each rate and the small-base mark; the unit's column and the share's
    named in the region's words (Desa/Kelurahan, Porsi kabupaten)."""
    region = wilayah_mod.dari()
    k = catalogue.kolom("peta_kelurahan", region)
    return _tabel_peringkat(df, tuple(k[c].label for c in _DARI_KATALOG), region.jenis)


# The table's headers the query header declares (peta_kelurahan `columns`). The others are the
# page's own: "Keluarga miskin ekstrem", "Per 1.000 keluarga" and "Porsi kota" (the header says
# "Miskin ekstrem (keluarga)", "Miskin ekstrem per 1.000 keluarga", "Porsi kota (%)"), pinned in
# these words by tests/test_peta.py and test_wilayah_kata.py; the intervals join two columns.
_DARI_KATALOG = (
    "peringkat",
    "kelurahan",
    "kecamatan",
    "kantong",
    "indeks_kantong",
    "per_1000_batas_uji",
    "keluarga_belum_tercakup",
    "porsi_belum_tercakup",
    "rata_deprivasi",
)


@charts.memo_tabel
def _tabel_peringkat(df: pd.DataFrame, kata: tuple, jenis: str) -> pd.DataFrame:
    # the region's words are arguments, so the memo keeps one table per region
    k = dict(zip(_DARI_KATALOG, kata, strict=True))
    return pd.DataFrame(
        {
            k["peringkat"]: [
                "–" if pd.isna(v) else fmt.angka(v) for v in df["peringkat"].astype(float)
            ],
            k["kelurahan"]: df["kelurahan"],
            k["kecamatan"]: df["kecamatan"],
            k["kantong"]: ["ya ◆" if v else "–" for v in status_kantong(df)],
            k["indeks_kantong"]: [teks_indeks(v) for v in df["indeks_kantong"]],
            "Keluarga miskin ekstrem": [teks(v, "keluarga") for v in df["keluarga_miskin_ekstrem"]],
            "Per 1.000 keluarga": [teks(v, "rasio") for v in df["per_1000_keluarga"]],
            "Per 1.000: selang 95 %": [
                teks_selang(lo, hi, "rasio")
                for lo, hi in zip(df["per_1000_bawah"], df["per_1000_atas"], strict=True)
            ],
            k["per_1000_batas_uji"]: [
                teks(v, "rasio") for v in df.get("per_1000_batas_uji", pd.Series(None, df.index))
            ],
            f"Porsi {jenis}": [teks(v, "persen") for v in df["porsi_kota"]],
            k["keluarga_belum_tercakup"]: [
                teks(v, "keluarga") for v in df["keluarga_belum_tercakup"]
            ],
            k["porsi_belum_tercakup"]: [teks(v, "persen") for v in df["porsi_belum_tercakup"]],
            "Belum tercakup: selang 95 %": [
                teks_selang(lo, hi, "persen")
                for lo, hi in zip(
                    df["porsi_belum_tercakup_bawah"], df["porsi_belum_tercakup_atas"], strict=True
                )
            ],
            k["rata_deprivasi"]: [teks(v, "persen") for v in df["rata_deprivasi"]],
            "Catatan": catatan_dasar(df),
        }
    )

"""What more than one slide uses: the shared definitions (target, coverage, privacy), the
key-figure and empty-slide makers, and the kecamatan trend table."""

from __future__ import annotations

import pandas as pd

from pantau import fmt, privacy
from pantau.report.context import Konteks
from pantau.report.model import (
    AngkaKunci,
    Kolom,
    Slide,
    Tabel,
    angka,
    teks,
)
from pantau.teks import RAHASIA_PAPARAN as RAHASIA
from pantau.teks import TARGET, TERCAKUP

__all__ = ["RAHASIA", "TARGET", "TERCAKUP"]  # the slides read the shared words from here


def key_figure(
    label: str, df: pd.DataFrame, row: int, col: str, jenis: str, sumber: str
) -> AngkaKunci:
    v = df[col].iloc[row] if len(df) else None
    return AngkaKunci(label, v, teks(v, jenis), sumber, col, jenis)


def empty_slide(key: str, judul: str, subjudul: str, kalimat: str) -> tuple[Slide, list]:
    return Slide(key, 0, judul, subjudul, poin=[kalimat], catatan=[kalimat], kosong=kalimat), []


def direction(now, before) -> str | None:
    a, b = angka([now, before])
    if pd.isna(a) or pd.isna(b):
        return None
    if a < b:
        return f"turun {fmt.angka(b - a)} keluarga"
    return f"naik {fmt.angka(a - b)} keluarga" if a > b else "tetap"


def tren_kecamatan(k: Konteks) -> Tabel | None:
    """Extreme-poor keluarga per period and kecamatan (in a province: per kab/kota, the
    kecamatan summed) with the region's total, up to the period, from the first list that flags
    extreme poverty (the 2021–2022 lists carry no flag)."""
    prov = k.wilayah.adalah_provinsi
    unit = "kabupaten_kota" if prov else "kecamatan"

    def per_unit(raw: pd.DataFrame) -> pd.DataFrame:
        if not prov:
            return raw
        ref = k.wilayah.tabel().drop_duplicates("kode_kab").set_index("kode_kab")["kabupaten_kota"]
        return raw.assign(
            kode_kec=raw["kode_kec"].str[:5], kabupaten_kota=lambda d: d["kode_kec"].map(ref)
        )

    # The units and periods only (names, no count) come from the suppressed rows.
    shown = per_unit(k.query("tren_miskin_ekstrem"))
    shown = shown[shown["periode"] <= (k.periode or "")]
    if shown.empty:
        return None
    order = shown.drop_duplicates(unit).sort_values("kode_kec")[unit].tolist()
    cols = [*order, k.nama]

    def wide(raw: pd.DataFrame) -> pd.DataFrame:
        raw = per_unit(raw)
        raw = raw[raw["periode"] <= (k.periode or "")]
        out = raw.pivot_table(
            index="periode", columns=unit, values="keluarga_miskin_ekstrem", aggfunc="sum"
        )
        out = out.reindex(columns=order).fillna(0).astype("int64")
        out[k.nama] = out.sum(axis=1)
        return out[out[k.nama].cumsum() > 0].reset_index()

    df = k.tabel("tren_miskin_ekstrem", wide, counts=cols, row_sums=[(k.nama, order)])
    if df.empty:
        return None
    awal = "" if prov else "Kec. "
    kolom = {"periode": Kolom("Periode", "periode")}
    kolom |= {c: Kolom(f"{awal if c != k.nama else ''}{c} (keluarga)", "keluarga") for c in cols}
    return Tabel(
        "tren_kecamatan",
        f"Keluarga miskin ekstrem per {'kabupaten/kota' if prov else 'kecamatan'} dan periode",
        df,
        kolom,
        "tren_miskin_ekstrem",
    )


def period_span(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the span of a year-to-date figure."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


def is_hidden(v) -> bool:
    """A figure a sentence cannot quote: '×' (hidden beside a small count) or missing. '<5'
    and a range ('307–310') are quotable as they are."""
    return v == privacy.HIDDEN or v is None or (isinstance(v, float) and v != v) or v is pd.NA


# The pocket row of skor_strategi, in Kota Pasuruan's word and where the region has desa.
INDIKATOR_KANTONG = ("Kelurahan kantong kemiskinan", "Desa/kelurahan kantong kemiskinan")


def is_zero(v) -> bool:
    """A count that is 0 (a suppressed '<5' or '×' is not)."""
    return not isinstance(v, str) and pd.notna(v) and v == 0

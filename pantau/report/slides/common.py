"""What more than one slide uses: the shared definitions (target, coverage, privacy), the
key-figure and empty-slide makers, and the kecamatan trend table."""

from __future__ import annotations

import pandas as pd

from pantau import fmt, privacy
from pantau.report.context import Context
from pantau.report.model import (
    Column,
    KeyFigure,
    Slide,
    Table,
    angka,
    teks,
)
from pantau.teks import INDIKATOR_KANTONG, TARGET, TERCAKUP
from pantau.teks import RAHASIA_PAPARAN as RAHASIA

__all__ = [
    "INDIKATOR_KANTONG",
    "RAHASIA",
    "TARGET",
    "TERCAKUP",
]  # the slides read the shared words from here


def key_figure(
    label: str, df: pd.DataFrame, row: int, col: str, jenis: str, sumber: str
) -> KeyFigure:
    v = df[col].iloc[row] if len(df) else None
    return KeyFigure(label, v, teks(v, jenis), sumber, col, jenis)


def empty_slide(key: str, judul: str, subjudul: str, kalimat: str) -> tuple[Slide, list]:
    """A slide with no figure: its title and the one sentence saying why (no list yet)."""
    return Slide(key, 0, judul, subjudul, poin=[kalimat], catatan=[kalimat], kosong=kalimat), []


def direction(perubahan) -> str | None:
    """A change of keluarga a query computed (ringkasan_kpi.perubahan_keluarga_miskin_ekstrem)
    in words: 'turun 12 keluarga'; None when there is none or the role may not see it."""
    d = angka([perubahan]).iloc[0]
    if pd.isna(d):
        return None
    if d < 0:
        return f"turun {fmt.angka(-d)} keluarga"
    return f"naik {fmt.angka(d)} keluarga" if d > 0 else "tetap"


def tren_kecamatan(k: Context) -> Table | None:
    """Extreme-poor keluarga per period and kecamatan (in a province: per kab/kota) with the
    region's total, up to the period, from the first list that flags extreme poverty (the
    2021–2022 lists carry no flag). Every cell is tren_miskin_ekstrem_tabel's, as the role may
    see it: the rows are only turned into one column per unit."""
    prov = k.wilayah.adalah_provinsi
    long = k.query("tren_miskin_ekstrem_tabel", periode=k.periode)
    if long.empty:
        return None
    units = long.loc[long["tingkat"] != "wilayah", "wilayah"].drop_duplicates().tolist()
    nama = long.loc[long["tingkat"] == "wilayah", "wilayah"].iloc[0]
    cols = [*units, nama]
    df = long.pivot(index="periode", columns="wilayah", values="keluarga_miskin_ekstrem")
    df = df.reindex(columns=cols).reset_index()
    df.columns.name = None
    awal = "" if prov else "Kec. "
    kolom = {"periode": Column("Periode", "periode")}
    kolom |= {c: Column(f"{awal if c != nama else ''}{c} (keluarga)", "keluarga") for c in cols}
    return Table(
        "tren_kecamatan",
        f"Keluarga miskin ekstrem per {'kabupaten/kota' if prov else 'kecamatan'} dan periode",
        df,
        kolom,
        "tren_miskin_ekstrem_tabel",
    )


def period_span(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the span of a year-to-date figure."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


def is_hidden(v) -> bool:
    """A figure a sentence cannot quote: '×' (hidden beside a small count) or missing. '<5'
    and a range ('307–310') are quotable as they are."""
    return v == privacy.HIDDEN or v is None or (isinstance(v, float) and v != v) or v is pd.NA


# The pocket row of skor_strategi, in Kota Pasuruan's word and where the region has desa.


def is_zero(v) -> bool:
    """A count that is 0 (a suppressed '<5' or '×' is not)."""
    return not isinstance(v, str) and pd.notna(v) and v == 0

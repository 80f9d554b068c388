"""Ringkasan's scorecard of the three strategies (Inpres 4/2022, continued by Inpres 8/2025):
each indicator's value, the one before, what it is compared with and its direction as words
and colours, from the rows of `skor_strategi` as the role sees them."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.ringkasan_angka import rentang_tahun

WARNA_ARAH = {"▲": "color: #1a7f37", "▼": "color: #b00020", "●": "color: #555555"}


def pembanding(row) -> str:
    """What a row is compared with: a period, or the same year-to-date span a year earlier."""
    if pd.isna(row["periode_pembanding"]):
        return "–"
    if row["sejak_awal_tahun"]:
        return rentang_tahun(row["periode_pembanding"])
    return fmt.periode(row["periode_pembanding"])


def nilai(v, satuan) -> str:
    """A value in its unit: a share in percent, a count with its word ('311 keluarga')."""
    if pd.isna(v):
        return "–"
    return fmt.persen(v) if satuan == "persen" else f"{fmt.angka(v)} {satuan}"


def arah(row) -> str:
    """'▲ membaik', '▼ memburuk', '● <skor_strategi's word>', '● tetap', 'belum ada
    pembanding', or a hidden value's mark as it is shown."""
    if isinstance(row["membaik"], str):  # hidden with a value it compares
        return row["membaik"]
    if pd.isna(row["membaik"]):
        # no comparison at all, a change within its 95 % interval (skor_strategi's `arah`
        # words) or a row without direction: different things, said apart
        if pd.isna(row["periode_pembanding"]) or pd.isna(row["nilai_sebelumnya"]):
            return "belum ada pembanding"
        if isinstance(row.get("arah"), str) and row["arah"] not in ("membaik", "memburuk"):
            return f"● {row['arah']}"
        return "● tetap"
    return "▲ membaik" if row["membaik"] else "▼ memburuk"


def warna(v) -> str:
    """The caption's colours: green towards the goal, red away, grey unchanged."""
    return WARNA_ARAH.get(str(v)[:1], "color: #555555")


def tabel(rows: pd.DataFrame, periode) -> pd.DataFrame:
    """One strategy's indicators: now, before, the comparison and the direction, as text."""
    return pd.DataFrame(
        {
            "Indikator": rows["indikator"],
            fmt.periode(periode): [
                nilai(v, s) for v, s in zip(rows["nilai"], rows["satuan"], strict=True)
            ],
            "Sebelumnya": [
                nilai(v, s) for v, s in zip(rows["nilai_sebelumnya"], rows["satuan"], strict=True)
            ],
            "Pembanding": [pembanding(r) for _, r in rows.iterrows()],
            "Arah": [arah(r) for _, r in rows.iterrows()],
        }
    )


def catatan(kel: str, berstatus_ekstrem: bool) -> str:
    """What the arrows and dots mean and what each figure is compared with; a flagless list's
    empty rows said as such."""
    return (
        "Inpres 4/2022, dilanjutkan Inpres 8/2025. Panah hijau ▲ = bergerak ke arah yang "
        "diharapkan, merah ▼ = menjauh, hanya bila perubahan melebihi selang 95 %-nya; ● tidak "
        "berubah berarti = perubahan masih dalam selang itu; ● tanpa arah = indikator "
        f"pemeriksaan daftar, atau jumlah {kel} kantong (ukuran pemusatan, bukan kemajuan); "
        "'belum ada pembanding' = tidak ada periode untuk dibandingkan. "
        "Pembanding: daftar bertanda miskin ekstrem sebelumnya; angka sejak 1 Januari dibanding "
        "rentang yang sama tahun lalu."
        + (
            ""
            if berstatus_ekstrem
            else " Daftar periode ini tanpa status miskin ekstrem: indikator tentang keluarga "
            "miskin ekstrem kosong dan tidak dibandingkan."
        )
    )

"""Sentences about the list a page's figures rest on, written once for Peta and Beban: a list
without the extreme flag, what P0/P1/P2 on the list are not, the extreme line and what it is,
and a list or line that changed since the previous period. Layout only: every value comes from
a query row (beban_ringkasan, peta_*)."""

from __future__ import annotations

import pandas as pd

from pantau import fmt

# The sentence Ringkasan (pages/ringkasan.py) and the deck use for a flagless list, with what
# this page therefore does not count.
TIDAK_MENANDAI = (
    "daftar ini tidak menandai keluarga miskin ekstrem, jadi jumlah keluarga miskin ekstrem, "
    "{apa} tidak dihitung untuk periode ini. Perbandingan antarperiode memakai daftar yang "
    "memuat status itu (DTKS/DTSEN)."
)

BUKAN_BPS = (
    "Bukan angka kemiskinan BPS; tidak dapat dibandingkan dengan BRS BPS. P0, P1 dan P2 di sini "
    "dihitung atas jiwa dalam keluarga di daftar Dinas Sosial (bukan seluruh penduduk), dari "
    "pengeluaran yang dilaporkan dalam daftar (bukan konsumsi Susenas), terhadap garis "
    "kemiskinan ekstrem (bukan garis kemiskinan BPS)."
)


def _sumber(value) -> str:
    return value if isinstance(value, str) and value else "sumber tidak disebut"


def tanpa_tanda(periode: str | None, sumber, keluarga, apa: str) -> str:
    """'Daftar Desember 2022 (Bansos Pemkot) memuat 2.866 keluarga tanpa status miskin ekstrem:
    daftar ini tidak menandai …' (`apa`: what the page does not count)."""
    return (
        f"Daftar {fmt.periode(periode)} ({_sumber(sumber)}) memuat {_angka(keluarga)} keluarga "
        "tanpa status miskin ekstrem: " + TIDAK_MENANDAI.format(apa=apa)
    )


def _angka(value) -> str:
    return value if isinstance(value, str) else fmt.angka(value)


def daftar_dan_sumber(r) -> str:
    """The list the figure rests on, beside it: 'Daftar: DTSEN, Usulan (September 2026),
    2.021 keluarga, 7.749 jiwa.'"""
    return (
        f"Daftar: {_sumber(r['sumber_daftar'])} ({fmt.periode(r['periode'])}), "
        f"{_angka(r['keluarga'])} keluarga, {_angka(r['jiwa'])} jiwa."
    )


def garis(r) -> str:
    """The extreme line with what it is: 'Garis kemiskinan ekstrem: Rp 391.000 per jiwa per
    bulan: garis 2024 (perkiraan, USD 2,15 PPP 2017), dipakai untuk 2025–2026; …'."""
    label = r.get("keterangan_garis")
    label = label if isinstance(label, str) and label else f"garis {int(r['tahun_garis'])}"
    sumber = r.get("sumber_garis")
    tail = f" Sumber: {sumber}." if isinstance(sumber, str) and sumber else ""
    return (
        f"Garis kemiskinan ekstrem: {fmt.rupiah(r['garis_ekstrem'])} per jiwa per bulan, {label}."
        + tail
    )


def peringatan_banding(r) -> list[str]:
    """Warnings when this period's list or line is not like the previous period's: its
    below-the-line figures (P0, families below the line) are then not compared."""
    out = []
    before = r.get("periode_sebelumnya")
    if not isinstance(before, str):
        return out
    if _benar(r.get("daftar_berubah")):
        out.append(
            f"Daftar {fmt.periode(r['periode'])} ({_sumber(r['sumber_daftar'])}) berbeda dari "
            f"daftar {fmt.periode(before)} ({_sumber(r.get('sumber_daftar_sebelumnya'))}) dalam "
            "sumber atau cakupannya: P0 dan jumlah di bawah garis tidak dibandingkan dengan "
            "periode itu, karena menghitung penduduk yang berbeda."
        )
    if _benar(r.get("garis_berganti_dasar")):
        out.append(
            f"Patahan garis: garis periode ini berdasar {r['dasar_garis']}, garis "
            f"{fmt.periode(before)} berdasar {r.get('dasar_garis_sebelumnya')}. Perubahan dasar "
            "itu sendiri menaikkan garis (USD 1,90 → USD 2,15: sekitar 11 % antara 2023 dan "
            "2024), jadi kenaikan jumlah di bawah garis di sekitar patahan ini bukan perubahan "
            "keadaan keluarga."
        )
    return out


def _benar(value) -> bool:
    return bool(value) if value is not None and not pd.isna(value) else False

"""Ringkasan's verval funnel: which verval the chosen period shows (the latest up to it), its
three stages, the table per source list and the notes on overlap and lists not loaded, from
the rows of `verval_funnel` (the last row is all lists together)."""

from __future__ import annotations

import pandas as pd

from pantau import fmt


def periode_verval(daftar_periode: pd.DataFrame, periode) -> str | None:
    """The latest verval period up to `periode` (`periode_list`'s rows); None before the first
    (issue 12 §4: a period before it shows none)."""
    found = [
        p
        for p, d in zip(daftar_periode["periode"], daftar_periode["dataset"], strict=True)
        if "verval" in d and p <= (periode or "9999")
    ]
    return found[-1] if found else None


def tahap(total: pd.Series) -> pd.DataFrame:
    """The funnel's three stages, in keluarga, from the all-lists row."""
    return pd.DataFrame(
        {
            "tahap": ["Daftar awal (semua sumber)", "Diverifikasi", "Memenuhi kriteria"],
            "keluarga": [
                total["daftar_keluarga"],
                total["diperiksa_keluarga"],
                total["memenuhi_keluarga"],
            ],
        }
    )


def judul(total: pd.Series) -> str:
    """'Verval menyaring N keluarga menjadi M yang memenuhi kriteria (keluarga)'."""
    return (
        f"Verval menyaring {fmt.angka(total['daftar_keluarga'])} keluarga menjadi "
        f"{fmt.angka(total['memenuhi_keluarga'])} yang memenuhi kriteria (keluarga)"
    )


def tabel_sumber(funnel: pd.DataFrame) -> pd.DataFrame:
    """Per source list, as text in Indonesian notation (1.234), so no column is cut or shown
    as 1,234."""
    return pd.DataFrame(
        {
            "Sumber daftar": funnel["sumber_daftar"],
            "Daftar": funnel["daftar_keluarga"].map(fmt.angka),
            "Diperiksa": funnel["diperiksa_keluarga"].map(fmt.angka),
            "Memenuhi": funnel["memenuhi_keluarga"].map(fmt.angka),
            "Tidak memenuhi": funnel["tidak_memenuhi_keluarga"].map(fmt.angka),
        }
    )


def catatan_gabungan(funnel: pd.DataFrame) -> str:
    """One keluarga counted once on the all-lists row; the overlap row says how many are in
    two lists or more."""
    overlap = funnel.loc[funnel["urutan"] == 2, "daftar_keluarga"]
    return (
        "Satu keluarga dihitung sekali pada baris Semua daftar, walaupun ada di beberapa daftar; "
        f"baris 'Di lebih dari satu daftar' ({fmt.angka(overlap.iloc[0]) if len(overlap) else 0} "
        "keluarga) menunjukkan berapa yang ada di dua daftar atau lebih. Hasil verval satu "
        "keluarga = hasil verval terakhirnya."
    )


def peringatan_belum_dimuat(funnel: pd.DataFrame) -> str | None:
    """The warning when a source list was checked but not loaded (its size unknown), or None."""
    lists = funnel[funnel["urutan"] == 1]
    missing = lists.loc[~lists["daftar_dimuat"].astype(bool), "sumber_daftar"].tolist()
    if not missing:
        return None
    return (
        f"Daftar {', '.join(missing)} belum dimuat, jadi jumlah keluarga dalam daftar itu "
        "tidak diketahui (kolom Daftar kosong); Semua daftar hanya memuat keluarga daftar itu "
        "yang sudah diperiksa. Impor daftarnya di halaman Data."
    )

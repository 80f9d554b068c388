"""Ringkasan's Modal usaha tab: the headline measures of the Bantuan page and slide 4 (both
exit rates, their ratio and the income difference; the odds ratio is secondary there, so
not here either), as lines of text from `bantuan_modal_usaha_efek`."""

from __future__ import annotations

import pandas as pd

from pantau import fmt

JENIS = ["laju", "rasio_laju", "did"]  # the measures shown, in this order


def ukuran_utama(efek: pd.DataFrame) -> pd.DataFrame:
    """The rows of the measures shown, in JENIS order (none when the query has none)."""
    shown = efek[efek["jenis"].isin(JENIS)] if not efek.empty else efek
    if shown.empty:
        return shown
    return shown.assign(_u=shown["jenis"].map(JENIS.index)).sort_values("_u", kind="stable")


def baris(r) -> str:
    """One measure as a list line: a rate with its group; a ratio to two decimals and a Rupiah
    difference in whole Rupiah, each with its 95 % interval unless hidden or missing."""
    if r.jenis == "laju":
        nilai = r.estimasi if isinstance(r.estimasi, str) else fmt.angka(r.estimasi, 1)
        return f"- **{r.ukuran}, {r.kelompok}**: {nilai}"
    d = 2 if r.jenis == "rasio_laju" else 0
    nilai = r.estimasi if isinstance(r.estimasi, str) else fmt.angka(r.estimasi, d)
    rentang = (
        ""
        if isinstance(r.bawah, str) or pd.isna(r.bawah)
        else f" (selang 95 %: {fmt.angka(r.bawah, d)} s.d. {fmt.angka(r.atas, d)})"
    )
    return f"- **{r.ukuran}**: {nilai}{rentang}"


def catatan(r0: pd.Series) -> str:
    """How many were compared, and what the comparison is not (no randomised trial)."""
    return (
        f"{fmt.angka(r0['keluarga_penerima'])} penerima dibanding "
        f"{fmt.angka(r0['keluarga_pembanding'])} keluarga pembanding yang sebanding. Bukan "
        "uji acak; asosiasi setelah pencocokan, berlaku untuk penerima yang miskin ekstrem "
        "saat menerima. Penjelasan metode, berapa penerima yang dianalisis, dan grafiknya di "
        "halaman Bantuan."
    )

"""Ringkasan's trend: the title's word for the change (from `tren_miskin_ekstrem_perubahan`,
hidden with its counts where they are small), the line's points and the cells it cannot draw,
and the list's change by cause (`tren_miskin_ekstrem_komponen`) in long form for its bars."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.ringkasan_wilayah import nama_unit

# the causes of `tren_miskin_ekstrem_komponen`, as the legend names them
SEBAB = {
    "lulus": "Lulus (status 'keluar' saat pemantauan)",
    "meninggal_pindah": "Meninggal atau pindah",
    "dicoret_verval": "Dicoret saat verval",
    "keluar_lain": "Keluar tanpa alasan tercatat",
    "masuk": "Masuk (usulan/verval/pindah datang)",
}


def gerak(change) -> str:
    """'turun 12,5%', 'naik 3,0%', 'tetap', or '(perubahan ×)' when the change is hidden."""
    if isinstance(change, str):
        return f"(perubahan {change})"
    if pd.isna(change) or change == 0:
        return "tetap"
    return f"turun {fmt.persen(-change)}" if change < 0 else f"naik {fmt.persen(change)}"


def judul(ujung: pd.Series, per_kab: bool) -> str:
    """The line's title: how the count moved between the first and the last period."""
    return (
        f"Keluarga miskin ekstrem {gerak(ujung['perubahan'])} dari "
        f"{fmt.periode(ujung['periode_awal'])} ke {fmt.periode(ujung['periode_akhir'])} "
        + (
            "(keluarga, 8 kabupaten/kota dengan jumlah terbanyak)"
            if per_kab
            else "(keluarga, per kecamatan)"
        )
    )


def tersembunyi(tren: pd.DataFrame) -> pd.DataFrame:
    """The rows whose count is hidden ('<5', '×'): no point of the line, named under it."""
    return tren[tren["keluarga_miskin_ekstrem"].map(lambda v: isinstance(v, str))]


def digambar(tren: pd.DataFrame) -> pd.DataFrame:
    """The rows as the line draws them: a hidden count is a gap (NaN), not a point."""
    return tren.assign(
        keluarga_miskin_ekstrem=pd.to_numeric(tren["keluarga_miskin_ekstrem"], errors="coerce")
    )


def kalimat_tersembunyi(hidden: pd.DataFrame, unit: str, per_kab: bool) -> str:
    """'Tidak digambar (jumlah kecil disembunyikan): Kec. A Juni 2026: <5; ….'"""
    return (
        "Tidak digambar (jumlah kecil disembunyikan): "
        + "; ".join(
            f"{nama_unit(getattr(r, unit), per_kab)} {fmt.periode(r.periode)}: "
            f"{r.keluarga_miskin_ekstrem}"
            for r in hidden.itertuples()
        )
        + "."
    )


def kalimat_delapan(periode_akhir, n_kab: int) -> str:
    """A province's line draws eight kab/kota: which ones, and where the others are."""
    return (
        f"Delapan kabupaten/kota dengan keluarga miskin ekstrem terbanyak pada "
        f"{fmt.periode(periode_akhir)}, satu warna masing-masing; semua "
        f"{fmt.angka(n_kab)} kabupaten/kota ada di tab Per "
        "kabupaten/kota. Pilih Kabupaten/Kota di filter untuk tren per kecamatannya."
    )


def komponen_panjang(komponen: pd.DataFrame) -> pd.DataFrame:
    """One row per period and cause (the legend's words), a hidden cell as a missing bar."""
    return komponen.melt(
        id_vars=["periode"], value_vars=list(SEBAB), var_name="sebab", value_name="keluarga"
    ).assign(
        sebab=lambda d: d["sebab"].map(SEBAB),
        keluarga=lambda d: pd.to_numeric(d["keluarga"], errors="coerce"),
    )


JUDUL_KOMPONEN = (
    "Mengapa daftar berubah: keluarga yang keluar dari daftar dan yang masuk, per periode "
    "(keluarga)"
)
CATATAN_KOMPONEN = (
    "Berkurangnya daftar SK karena meninggal, pindah atau dicoret saat verval bukan "
    "keluar dari kemiskinan: hanya 'lulus' yang berarti keluarga keluar dari kemiskinan "
    "ekstrem menurut pemantauan."
)

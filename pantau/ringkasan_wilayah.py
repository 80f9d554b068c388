"""Ringkasan's per-unit tabs (per kecamatan, or per kab/kota in a province): the table of
counts, who no programme reached, and the pace to the 2026 target, shaped from the rows of
`tren_target_*` as the role sees them (a guest's '<5' or '×' stays text)."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.charts import trends


def urutkan(values: pd.Series, kali: int = 1) -> pd.Series:
    """A column that sorts as numbers when every cell is one (a guest's '<5' or '×' keeps the
    column as text, in Indonesian notation); `kali` 100 shows a share in percent points."""
    if values.map(lambda v: isinstance(v, str)).any():
        return values.map(
            lambda v: v if isinstance(v, str) else fmt.angka(v * kali, 1 if kali > 1 else 0)
        )
    out = pd.to_numeric(values, errors="coerce") * kali
    return out.round(1) if kali > 1 else out.astype("Int64")


def teks_angka(desimal: int = 0):
    """A cell formatter: a hidden cell ('<5', '×') as it is, a number in Indonesian notation."""
    return lambda v: v if isinstance(v, str) else fmt.angka(v, desimal)


def nama_unit(nama: str, per_kab: bool) -> str:
    """A row's unit as a sentence names it: 'Kec. Bugul Kidul', or a kab/kota by its name."""
    return nama if per_kab else f"Kec. {nama}"


def judul_perubahan(before) -> str:
    """The change column's header: since which flagged list."""
    return f"Perubahan sejak {fmt.periode(before)} (keluarga)" if before else "Perubahan"


def tabel_unit(target: pd.DataFrame, unit: str, unit_label: str) -> pd.DataFrame:
    """The per-unit table: counts as sortable whole numbers, the share as Babel's text."""
    before = target["periode_sebelumnya"].iloc[0]
    return pd.DataFrame(
        {
            unit_label: target[unit],
            "Keluarga miskin ekstrem": urutkan(target["keluarga_miskin_ekstrem"]),
            judul_perubahan(before): urutkan(target["perubahan"]),
            # a share in Indonesian notation from Babel (84,1), never the browser's "84.1"
            "Cakupan bansos (%)": target["cakupan"].map(
                lambda v: v if isinstance(v, str) else fmt.angka(v * 100, 1)
            ),
            "Belum tercakup program apa pun (keluarga)": urutkan(target["keluarga_belum_tercakup"]),
        }
    )


def catatan_unit(before, per_kab: bool, provinsi: bool, kab: str, nama: str, jenis: str) -> str:
    """The caption under the per-unit table: the comparison, what the total row is, and that
    the table always covers the whole region (or the chosen kab/kota)."""
    if per_kab:
        cakup = (
            f". Baris {nama} = jumlah seluruh provinsi. Tabel ini selalu untuk seluruh "
            "provinsi; pilih Kabupaten/Kota di filter untuk melihat kecamatannya."
        )
    elif provinsi:
        cakup = (
            f". Baris {kab} = jumlah seluruh {kab}. Tabel ini selalu untuk seluruh {kab}, "
            "filter kecamatan tidak dipakai."
        )
    else:
        cakup = (
            f". Baris {nama} = jumlah seluruh {jenis}. Tabel ini selalu untuk seluruh "
            f"{jenis}, filter kecamatan tidak dipakai."
        )
    return (
        "Perubahan dibanding daftar bertanda miskin ekstrem sebelumnya"
        + (f" ({fmt.periode(before)})" if before else " (belum ada untuk periode ini)")
        + cakup
    )


def kalimat_belum(target: pd.DataFrame, unit: str, per_kab: bool, periode) -> str:
    """'N keluarga miskin ekstrem belum tercakup program apa pun (…): Kec. A n keluarga; …',
    the units most unreached first; the total is the query's last row."""
    kota = target.iloc[-1]
    rows = target.iloc[:-1]
    urut = rows.assign(
        _n=pd.to_numeric(rows["keluarga_belum_tercakup"], errors="coerce")
    ).sort_values("_n", ascending=False)
    return (
        f"**{fmt.angka(kota['keluarga_belum_tercakup'])} keluarga miskin ekstrem belum "
        f"tercakup program apa pun** ({fmt.periode(periode)}): "
        + "; ".join(
            f"{nama_unit(getattr(r, unit), per_kab)} {fmt.angka(r.keluarga_belum_tercakup)} "
            "keluarga"
            for r in urut.itertuples()
        )
        + "."
    )


def tabel_target(target: pd.DataFrame, unit: str, unit_label: str) -> pd.DataFrame:
    """The pace needed for the SK list to reach 0 by the end of 2026 beside the pace reached."""
    return pd.DataFrame(
        {
            unit_label: target[unit],
            "Keluarga miskin ekstrem": target["keluarga_miskin_ekstrem"].map(fmt.angka),
            "Perlu turun per triwulan": target["laju_perlu"].map(teks_angka(1)),
            "Dicapai per triwulan (setahun terakhir)": target["laju_capai"].map(teks_angka(1)),
            "Proyeksi akhir 2026": target["proyeksi_akhir_2026"].map(teks_angka()),
        }
    )


def catatan_target(t0: pd.Series) -> str:
    """The projection's assumption: the average pace since its start holds to December 2026."""
    return (
        f"Asumsi proyeksi: laju rata-rata sejak {fmt.periode(t0['periode_awal'])} "
        f"({fmt.angka(t0['triwulan_capai'], 0)} triwulan) tetap sama sampai Desember 2026; "
        f"{fmt.angka(t0['triwulan_tersisa'], 0)} triwulan tersisa. "
        + trends.TARGET_NASIONAL.replace("<br>", " ")
        + ": daftar bisa turun juga karena meninggal, pindah atau dicoret saat verval."
    )


CATATAN_BELUM = (
    "Belum tercakup = tidak menerima penyaluran tersalur dalam 12 bulan sampai akhir "
    "periode dan tidak terdaftar di program nasional apa pun. Daftar namanya ada di "
    "halaman Daftar sasaran (hanya untuk petugas)."
)

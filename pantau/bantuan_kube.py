"""The KUBE (Kelompok Usaha Bersama) groups over time, in words (kube_tren, kube_kelompok):
the headline of the last KUBE export, the trend's title and the groups' table. The members'
comparison is bantuan_efek's. No Streamlit."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.bantuan_kata import dari

JUDUL_EFEK = "##### Anggota KUBE dibanding keluarga sebanding yang bukan anggota"
KETERANGAN_MULAI = (
    "Mulai keanggotaan = tanggal bentuk KUBE pada ekspor KUBE pertama yang memuat keluarga "
    "itu (ekspor KUBE hanya setahun sekali, sehingga anggota yang bergabung belakangan "
    "dianggap ikut sejak KUBE dibentuk)."
)
KOLOM_KELOMPOK = [
    "nama_kube",
    "kelurahan",
    "jenis_usaha",
    "keluarga_anggota",
    "aktif",
    "omzet_bulanan",
    "periode_awal",
    "omzet_bulanan_awal",
]


def belum_ada(periode: str, wilayah: str) -> str:
    return f"Belum ada data KUBE sampai {periode} di {wilayah}."


def angka_kunci(df: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    """The three figures of the last KUBE export as (label, value, help)."""
    last = df.iloc[-1]
    return [
        (
            f"KUBE aktif (dari {fmt.angka(last['kelompok'])} kelompok)",
            fmt.angka(last["kelompok_aktif"]),
            f"Periode KUBE {fmt.periode(last['periode'])}.",
        ),
        (
            "Omzet median per KUBE aktif",
            fmt.rupiah(last["omzet_bulanan_median"]),
            "Rp per kelompok per bulan, periode KUBE terakhir.",
        ),
        ("Keluarga anggota KUBE aktif", fmt.angka(last["keluarga_anggota_aktif"]), None),
    ]


def judul_tren(df: pd.DataFrame) -> str:
    """How many groups are still active, and the median turnover from the first export to the
    last where both are known."""
    last, first = df.iloc[-1], df.iloc[0]
    title = f"{dari(last['kelompok_aktif'], last['kelompok'], 'KUBE')} masih aktif"
    if len(df) > 1 and df["omzet_bulanan_median"].notna().iloc[[0, -1]].all():
        title += (
            f"; omzet median per KUBE aktif {fmt.rupiah(first['omzet_bulanan_median'])} "
            f"({fmt.periode(first['periode'])}) → {fmt.rupiah(last['omzet_bulanan_median'])}"
            f" per bulan ({fmt.periode(last['periode'])})"
        )
    return title


def tren_tampil(df: pd.DataFrame) -> pd.DataFrame:
    """The trend's rows with each KUBE period in words ('Desember 2023')."""
    return df.assign(periode=df["periode"].map(fmt.periode))


def kelompok_tampil(groups: pd.DataFrame) -> pd.DataFrame:
    """The groups with their status in words."""
    return groups.assign(aktif=groups["aktif"].map(lambda a: "Aktif" if a else "Tidak aktif"))

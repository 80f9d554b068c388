"""What was paid in the calendar year, in words: Rp per KPM per programme and fund
(bantuan_program_dana), the payments' status, and aid per area (bantuan_per_wilayah). The
window `tahun` is bantuan_kata.tahun_berjalan's. No Streamlit."""

from __future__ import annotations

import pandas as pd

from pantau import fmt

KOLOM_TABEL = [
    "sumber_dana",
    "program",
    "kpm",
    "nilai_tersalur",
    "rp_per_kpm",
    "penyaluran",
    "penyaluran_gagal",
    "penyaluran_retur",
]
KOLOM_WILAYAH = ["wilayah", "kpm", "penyaluran_tersalur", "nilai_tersalur"]


def judul_bagian(tahun: str) -> str:
    return f"Penyaluran per sumber dana dan program ({tahun})"


def keterangan_jendela(tahun: str) -> str:
    """Why these figures and coverage above can differ: a calendar year against 12 months."""
    return (
        f"Jendela angka penyaluran: tahun kalender, 1 Januari sampai akhir periode "
        f"({tahun}). Cakupan dan ketepatan sasaran di atas memakai jendela 12 bulan "
        "sampai akhir periode, jadi BLT yang dibayar Desember tahun lalu masih dihitung di cakupan "
        "tetapi tidak di sini."
    )


def belum_ada(tahun: str, wilayah: str) -> str:
    return f"Belum ada penyaluran bantuan tercatat pada {tahun} di {wilayah}."


def dengan_baris(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with each row's name for the bars: 'programme · fund'."""
    return df.assign(baris=df["program"] + " · " + df["sumber_dana"])


# --- Rp per KPM ------------------------------------------------------------------------------


def dibayar(df: pd.DataFrame) -> pd.DataFrame:
    """The rows that paid someone, most Rp per KPM first, each with its bar's label."""
    paid = df[df["kpm"] > 0].sort_values("rp_per_kpm", ascending=False)
    return paid.assign(
        label=[
            f"{fmt.rupiah(r)} ({fmt.angka(k)} KPM)"
            for r, k in zip(paid["rp_per_kpm"], paid["kpm"], strict=True)
        ]
    )


def judul_rp_per_kpm(paid: pd.DataFrame, tahun: str) -> str:
    top = paid.iloc[0]
    return (
        f"Rp per KPM tertinggi: {top['baris']}, {fmt.rupiah(top['rp_per_kpm'])} per KPM ({tahun})"
    )


# --- status ----------------------------------------------------------------------------------


def porsi_status(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with the status shares named as the stacked bars' legend reads them."""
    return df.rename(
        columns={"porsi_tersalur": "Tersalur", "porsi_gagal": "Gagal", "porsi_retur": "Retur"}
    )


def judul_status(shares: pd.DataFrame, tahun: str) -> str:
    """The status bars' title: the row the query ranks first by its share gagal or retur (a
    guest's rank: among the shares shown), or that all were paid."""
    top = shares[pd.to_numeric(shares["peringkat_gagal_retur"], errors="coerce") == 1]
    if top.empty:
        return f"Status penyaluran per program dan sumber dana ({tahun})"
    worst = top.iloc[0]
    if worst["porsi_gagal_retur"] > 0:
        return (
            f"Gagal atau retur terbanyak: {worst['baris']} ({fmt.persen(worst['Gagal'])} gagal, "
            f"{fmt.persen(worst['Retur'])} retur dari {fmt.angka(worst['penyaluran'])} "
            f"penyaluran, {tahun})"
        )
    return f"Semua penyaluran berstatus tersalur ({tahun})"


# --- per area --------------------------------------------------------------------------------


def judul_wilayah(tahun: str) -> str:
    return f"#### Tersalur per wilayah ({tahun})"


def keterangan_wilayah(kel: str, jenis: str) -> str:
    """How a payment is booked to an area: where the family lived on the payment's date; the
    payments of no known area are a row of their own, so that the rows add up to the total."""
    return (
        f"Penyaluran dicatat di {kel} tempat keluarga tinggal pada tanggal salur (daftar "
        "keluarga terakhir yang berlaku pada bulan itu; sebelum daftar pertama: daftar paling "
        "awal yang memuat keluarga itu), jadi keluarga yang pindah tidak mengubah angka wilayah "
        "lamanya. **Wilayah tidak diketahui** = penyaluran yang tidak cocok dengan keluarga di "
        "daftar mana pun (NIK yang bukan NIK kepala keluarga, atau No KK di luar daftar): "
        f"angka {jenis} memuatnya, kecamatan mana pun tidak. Baris wilayah menjumlah ke baris total "
        "dalam rupiah; keluarga yang pindah dan menerima di dua wilayah adalah KPM di keduanya "
        "dan sekali di total. Penyaluran yang diekspor ulang di file periode berikutnya dihitung "
        "sekali, dengan status dari file terbaru."
    )

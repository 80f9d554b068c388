"""The import check of BPS re-review N7: exit from extreme poverty is recorded by monitoring
visits only, so a flag removed at verval without a 'keluar' visit is an exit the modal usaha
and KUBE comparison does not see. `keluar_tanpa_kunjungan` counts them; the Data page says so
in one sentence (kalimat) and shows the table."""

from __future__ import annotations

import pandas as pd

from pantau import fmt


def kalimat(df: pd.DataFrame) -> str:
    """The Data page's sentence for keluar_tanpa_kunjungan (its last row 'Semua')."""
    if df.empty:
        return (
            "Pemeriksaan tanda miskin ekstrem yang dicabut tanpa kunjungan 'keluar' butuh "
            "sedikitnya dua daftar bertanda miskin ekstrem."
        )
    s = df.iloc[-1]
    tanpa, dicabut = s["dicabut_tanpa_kunjungan_keluar"], s["keluarga_tanda_dicabut"]
    hilang = s["tidak_lagi_tanpa_kunjungan"]
    dasar = (
        f"Dari {fmt.angka(dicabut)} keluarga yang tanda miskin ekstremnya dicabut di daftar "
        f"berikutnya, **{fmt.angka(tanpa)} tanpa kunjungan pemantauan berstatus 'keluar'**"
    )
    if tanpa == 0 and hilang == 0:
        return (
            dasar + "; setiap keluarga yang hilang dari daftar pun punya kunjungan yang "
            "mencatat keluar, meninggal atau pindah. Ukuran 'keluar' analisis modal usaha dan "
            "KUBE (kunjungan pemantauan) sejalan dengan daftar."
        )
    return (
        dasar + f", dan {fmt.angka(hilang)} keluarga hilang dari daftar tanpa kunjungan yang "
        'mencatat keluar, meninggal atau pindah. Keluarga seperti itu tetap dihitung "berisiko" '
        "tanpa pernah keluar dalam analisis modal usaha dan KUBE sampai ia lepas dari daftar: "
        'lihat baris sensitivitas "keluar menurut daftar" di halaman Bantuan.'
    )


def tabel(df: pd.DataFrame) -> pd.DataFrame:
    """The per-period table in Indonesian format (without the last row 'Semua')."""
    rincian = df.iloc[:-1]
    return pd.DataFrame(
        {
            "Periode": rincian["periode"].map(fmt.periode),
            "Dibanding daftar": rincian["pembanding"].map(fmt.periode),
            "Tanda dicabut": rincian["keluarga_tanda_dicabut"].map(fmt.angka),
            "… tanpa kunjungan 'keluar'": rincian["dicabut_tanpa_kunjungan_keluar"].map(fmt.angka),
            "Hilang dari daftar": rincian["keluarga_tidak_lagi_dalam_daftar"].map(fmt.angka),
            "… tanpa kunjungan": rincian["tidak_lagi_tanpa_kunjungan"].map(fmt.angka),
        }
    )

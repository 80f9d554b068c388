"""Ringkasan's "who they are": the title and the note of the extreme-poor jiwa by P3KE age
band and disability, from the rows of `jiwa_miskin_ekstrem_umur` indexed by kelompok_umur
(the 'Semua' and 'Keluarga tanpa data anggota' rows are the query's)."""

from __future__ import annotations

import pandas as pd

from pantau import fmt


def judul(row: pd.DataFrame, periode) -> str:
    """'N penyandang disabilitas, M lansia (≥ 60) dan A anak di bawah 7 tahun di antara J jiwa
    miskin ekstrem (periode)'."""
    return (
        f"{fmt.angka(row.loc['Semua', 'jiwa_disabilitas'])} penyandang disabilitas, "
        f"{fmt.angka(row.loc['≥ 60 tahun', 'jiwa'])} lansia (≥ 60) dan "
        f"{fmt.angka(row.loc['< 7 tahun', 'jiwa'])} anak di bawah 7 tahun di antara "
        f"{fmt.angka(row.loc['Semua', 'jiwa'])} jiwa miskin ekstrem ({fmt.periode(periode)})"
    )


def catatan(tanpa_data) -> str:
    """Counted from the list, not a survey: how members are found, and what is unknown."""
    return (
        "Hitungan dari daftar, bukan survei: tidak ada galat sampel, tetapi hanya selengkap "
        "ekspor individu. Anggota = ekspor individu terbaru sampai periode ini yang memuat "
        f"keluarganya (tiap NIK sekali); umur pada akhir periode. {fmt.angka(tanpa_data)} jiwa "
        "dari keluarga tanpa data anggota dihitung menurut jumlah anggota di daftar, umur dan "
        "disabilitasnya tidak diketahui. Disabilitas dari isian ekspor (kosong = tidak "
        "diketahui); grafik ini tidak mengukur berat disabilitas atau kebutuhan layanan."
        " Angka yang disembunyikan ('<5', '×') tidak digambar."
    )

"""The field-verification workbook's layout, which its writer (pantau/verval_lapangan.py) and
its import (pantau/verval_kembali.py) share: the register of sendings, the drop-downs' values,
the hidden key columns and what the import calls the rows it skips.
"""

from __future__ import annotations

# The lake register of the lists sent out (lake.REGISTERS).
REGISTER = "verval_kirim"
# The drop-downs of Hasil and Alasan; the import rejects an alasan not in ALASAN.
HASIL = ["Layak", "Tidak Layak"]
ALASAN = ["meninggal", "pindah", "sudah mampu", "tidak ditemukan", "data ganda", "lainnya"]
# The two hidden columns: which sending a sheet answers, and each row's key in it.
KOLOM_BERKAS = "ID Berkas"
KOLOM_BARIS = "ID Baris"
# The rows the import skips, as its summary counts them.
BELUM = "belum dikunjungi"
TTD = "blok tanda tangan dan baris tanpa No KK di bawah daftar"

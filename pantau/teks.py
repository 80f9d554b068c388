"""The words the dashboard and its reports share: definitions, the target and the
confidentiality notes, written once so that a page and a slide cannot say two things (an English
version would be a second module with the same names).

A definition is written for the page, in Streamlit markdown; the deck, the PDF and the
spreadsheet print `polos` of it: the same sentence without the emphasis marks."""

from __future__ import annotations

import re

_EMPHASIS = re.compile(r"\*{1,2}([^*]+)\*{1,2}")


def polos(markdown: str) -> str:
    """`markdown` without its emphasis marks ('**Cakupan bansos**' → 'Cakupan bansos')."""
    return _EMPHASIS.sub(r"\1", markdown)


# --- aid coverage (queries/_shared/20_cakupan.sql, bantuan_cakupan_program) ---------------------

TERCAKUP_MD = (
    "Tercakup = menerima penyaluran berstatus *tersalur* dalam **12 bulan sampai akhir periode** "
    "(BLT sekali bayar pun dihitung selama 12 bulan sesudah dibayar), atau tercatat sebagai peserta "
    "program nasional (PKH, BPNT, PBI-JK, …) dalam daftar periode ini. **Cakupan bansos** = "
    "tercakup program strategi 1 (bansos, PBI-JK: beban pengeluaran). **Bansos dibayar (tanpa "
    "kepesertaan)** = hanya penyaluran tersalur yang tercatat: kepesertaan bukan penerimaan (kartu "
    "PBI-JK atau tanda PKH di daftar tidak membuktikan ada bantuan yang diterima). "
    "**Pemberdayaan** = program strategi 2 (modal usaha, pelatihan) dalam 12 bulan, atau anggota "
    "KUBE yang aktif pada ekspor KUBE terakhir; **pemberdayaan, pernah** = pernah menerima modal "
    "usaha atau program strategi 2 lain, atau pernah menjadi anggota KUBE, sampai akhir periode "
    "(modal usaha diberikan sekali, jadi jendela 12 bulan kehilangan satu putaran setahun "
    "sesudahnya). **Program apa pun** = penyaluran atau kepesertaan program mana pun (seperti di "
    "Peta; keanggotaan KUBE hanya dihitung di baris pemberdayaan)."
)
TERCAKUP = polos(TERCAKUP_MD)

# skor_strategi's row counting pocket units, in the region's words (kata_desa)
INDIKATOR_KANTONG = ("Kelurahan kantong kemiskinan", "Desa/kelurahan kantong kemiskinan")

# --- the national target ----------------------------------------------------------------------

TARGET = (
    "0 % kemiskinan ekstrem pada akhir 2026 (Inpres 8/2025, melanjutkan Inpres 4/2022; angka "
    "BPS dalam jiwa, Susenas, bukan jumlah daftar ini)"
)
TARGET_RATE = (
    "Target nasional: tingkat kemiskinan ekstrem 0 % akhir 2026 (jiwa, Susenas BPS); jumlah "
    "di daftar ini bukan ukurannya."
)
# the trend chart's note, on two lines
TARGET_NASIONAL = (
    "Target nasional akhir 2026: tingkat kemiskinan ekstrem 0 % (jiwa, Susenas BPS);<br>"
    "jumlah keluarga di daftar ini bukan ukuran target itu"
)

# --- confidentiality, one note per medium -------------------------------------------------------
# A guest's hidden cell is '×' on the pages and in the spreadsheet (with its legend there), the
# word 'disamarkan' on slides and in the PDF (report/model.polos), so each medium says it its way.

RAHASIA_PAPARAN = (
    "Angka di bawah 5 ditampilkan sebagai <5; angka yang dapat dipakai untuk menghitung angka "
    "<5 dari total atau sel tetangganya ditulis 'disamarkan'; angka besar di samping angka <5 "
    "dapat ditulis sebagai rentang nilai yang mungkin (307–310)."
)
RAHASIA_EXCEL = (
    "Hanya angka agregat. Angka di bawah 5 ditulis <5; tanda × menyembunyikan angka yang dapat "
    "dipakai menghitung angka <5 dari total atau sel tetangganya; rentang seperti 307–310 adalah "
    "angka yang disamarkan menjadi nilai-nilai yang mungkin. Di lembar Angka kunci sel yang "
    "disamarkan kosong dan kolom Catatan menjelaskannya."
)
RAHASIA_LAPORAN = (
    "Hanya angka agregat. Angka di bawah 5 ditulis <5; tanda × menyembunyikan angka yang dapat "
    "dipakai menghitung angka <5 dari total atau sel tetangganya."
)
RAHASIA_RESMI = (
    "Laporan resmi antarinstansi: angka agregat utuh, tanpa nama, NIK atau No KK keluarga."
)
LEGENDA_TAMU = (
    "Angka kecil disamarkan untuk menjaga kerahasiaan keluarga: <5 = kurang dari 5; "
    "rentang (307–310) = nilai yang mungkin."
)
LEGENDA_KAKI = "angka kecil disamarkan demi kerahasiaan keluarga (<5: kurang dari 5)"

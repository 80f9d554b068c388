"""The demo's stated assumptions: list sizes, populations, periods and the rates of the simulation.

README "Data contoh" states them; every other demo module reads them from here.
"""

from __future__ import annotations

import numpy as np

from pantau import wilayah as region
from pantau.errors import PantauError

N_P3KE, N_BANSOS = 4011, 2866
N_LAYAK_P3KE, N_LAYAK_BANSOS = 363, 528
N_LIST = N_P3KE + N_BANSOS
# Another region's lists in proportion to its people: the code list has no population, so a
# plausible one from its units, each desa as a Tuban desa (BPS 2023: about 1,2 million people in
# 311 desa and 17 kelurahan) and each kelurahan as Kota Pasuruan's (212.466 people, BPS mid-2023
# estimate, in 34 kelurahan). Kabupaten Tuban: 311 × 3.700 + 17 × 6.250 = 1.256.950 people.
PENDUDUK_PASURUAN = 212_466
JIWA_DESA, JIWA_KELURAHAN = 3_700, 6_250
# ... but the lists at most twice the registry asked for (`keluarga`): a small demo of a
# province is not a million list rows beside 20.000 registry families
DAFTAR_PER_REGISTRI = 2
MIN_KELUARGA, MAX_KELUARGA = 1000, 20_000_000
PERIODS = [f"{y}-{m:02d}" for y in range(2023, 2027) for m in (3, 6, 9, 12)][:-1]  # to 2026-09
T = len(PERIODS)
DTSEN_FROM = PERIODS.index("2025-03")
NEVER = 99

# --- the simulation's assumptions (README "Data contoh") ---------------------------------------
ALASAN = ["Sudah Mampu", "Meninggal", "Pindah", "Tidak Ditemukan", "Data Ganda", "Lainnya"]
ALASAN_P = [0.62, 0.07, 0.09, 0.10, 0.05, 0.07]
STAYS_LISTED = {0, 5}  # sudah mampu and lainnya stay in DTKS after verval
EXCLUDED_SHARE = 0.13  # extreme-poor families no programme reaches (exclusion error)
GRAD_HAZARD = [0, 0.035, 0.035, 0.035, 0.065, 0.065, 0.065, 0.065, 0.11, 0.065, 0.065, 0.065]
GRAD_HAZARD += [0.055] * (T - len(GRAD_HAZARD))
DEATH, MOVE = 0.006, 0.004  # per quarter, extreme-poor families
LEAVE = 0.010  # per quarter, other registry families (pindah, meninggal, dicoret)
ENTER = 0.011  # new registry families per quarter, as a share of `keluarga`
USAHA_BOOST, GRANT_BOOST = 1.15, 2.6
GRANT_FAILS = 0.15  # recipients whose business closes: no boost, income back where it was
# Modal usaha rounds: period -> (extreme-poor recipients, other recipients by category)
GRANTS = {
    "2023-12": (45, {"KUBE": 72, "PEKKA": 264, "Disabilitas": 9, "Bansos APBD": 8}),
    "2024-06": (35, {"PEKKA": 60, "Bansos APBD": 25}),
    "2025-09": (30, {"PEKKA": 45, "Bansos APBD": 25}),
}
BLT = ("2023-12", 622, 570)  # DBHCHT round: extreme-poor KPM and other KPM, Rp 800.000 each
# Sembako Daerah KPM per period (BRIEF §3.3), Rp 200.000 a month paid per tranche.
SEMBAKO_KPM = [2708, 2249, 2249, 2018, 1500, 1286, 1286, 1300, 1135, 1135, 726, 726, 726, 700, 690]
SEMBAKO_MONTHS = [3, 3, 2, 2, 3, 2, 3, 3, 3, 3, 3, 3, 3, 2, 3]
PKH_TAHAP = np.array([225_000, 375_000, 450_000, 600_000, 750_000, 900_000])

JUMLAH_P = [0.07, 0.13, 0.23, 0.27, 0.16, 0.08, 0.04, 0.02]  # 1..8 anggota, mean 3.8
POCKETS = {  # kelurahan -> share of the extreme poor
    "Ngemplakrejo": 0.13,
    "Mandaranrejo": 0.10,
    "Tamba'an": 0.09,
    "Panggungrejo": 0.09,
    "Karangketug": 0.08,
    "Tapa'an": 0.07,
}
COASTAL = {"Ngemplakrejo", "Mandaranrejo", "Tamba'an", "Panggungrejo", "Blandongan", "Mayangan"}
KEC_SHARE = {"Gadingrejo": 0.23, "Purworejo": 0.25, "Bugul Kidul": 0.13, "Panggungrejo": 0.39}


class UkuranError(PantauError, ValueError):
    """A registry size the demo cannot build: one sentence for the CLI, a ValueError still."""


def _periksa_ukuran(keluarga: int) -> None:
    """One sentence for a registry size the demo cannot build (before anything is written)."""
    if not MIN_KELUARGA <= keluarga <= MAX_KELUARGA:
        titik = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731 - 1.000, as Indonesians write it
        raise UkuranError(
            f"--keluarga harus antara {titik(MIN_KELUARGA)} dan {titik(MAX_KELUARGA)}; "
            f"diberikan {titik(keluarga)}."
        )


def penduduk(kode: str) -> int:
    """A region's plausible population: Kota Pasuruan's published figure, elsewhere
    JIWA_DESA per desa and JIWA_KELURAHAN per kelurahan (a Kemendagri code 2xxx is a desa)."""
    if kode == region.BAWAAN:
        return PENDUDUK_PASURUAN
    desa = region.tabel(kode)["kode_kel"].str.rsplit(".", n=1).str[1].str.startswith("2")
    return int(desa.sum()) * JIWA_DESA + int((~desa).sum()) * JIWA_KELURAHAN


def ukuran_daftar(kode: str, keluarga: int) -> tuple[int, int, int, int]:
    """The list sizes (P3KE, bansos, and the families of each the verval found eligible):
    Kota Pasuruan's published 4,011, 2,866, 363 and 528; another region's times its people over
    Kota Pasuruan's, but the two lists at most DAFTAR_PER_REGISTRI times the registry
    (`keluarga`). Kabupaten Tuban, 1.256.950 people: × 5,92 from 20.343 keluarga on."""
    base = (N_P3KE, N_BANSOS, N_LAYAK_P3KE, N_LAYAK_BANSOS)
    if kode == region.BAWAAN:
        return base
    skala = min(penduduk(kode) / PENDUDUK_PASURUAN, DAFTAR_PER_REGISTRI * keluarga / N_LIST)
    return tuple(max(1, round(n * skala)) for n in base)


# The latest quarter's individu export (pantau.demo.anggota). Assumptions, not measurements:
PASANGAN = 0.85  # a family of two or more whose second member is the head's spouse
# Persons with a disability: assumed rates, not taken from a survey; older people more often.
DISABILITAS_MUDA, DISABILITAS_LANSIA = 0.03, 0.12  # below 60, at 60 and over
DISABILITAS_TIDAK_DIISI = 0.02  # the field left empty: tidak diketahui
TANGGAL_LAHIR_KOSONG = 0.01  # a member other than the head without a birth date
ANGGOTA_HILANG = 0.03  # extreme-poor families the export lacks (keluarga tanpa data anggota)

"""Data contoh: synthetic exports shaped like the real ones, written from one seed, then imported.

No row describes a real person. Families are a vectorised function of their index (five million
cost no Python loop per row). The hard numbers of the domain brief hold exactly for accepted rows
(4,011 P3KE, 2,866 bansos KPM, verval 363 + 528 = 891); a little mess is added on top of them,
and every mess row is one the importer must reject or warn on. Another region's lists are those
sizes scaled to its plausible population (`ukuran_daftar`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pantau import wilayah as region
from pantau.config import REFERENCE_DIR
from pantau.contract import daftar_lokal
from pantau.errors import PantauError
from pantau.lake import private_dir

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
PHANTOM = 30_000_000  # index of the first mess-row family, far above any real family
CHUNK = 400_000  # rows per CSV chunk, so five million rows never sit in memory as text
# rows per CSV file: a registry of millions comes as several files (…_bagian1.csv, …), each well
# under the importer's size cap (PANTAU_MAX_MB), imported together as one batch
PART_ROWS = 5 * CHUNK
MESS_SPAN = 5_000  # the mess is spliced into the first rows only, cheap at any size
XLSX_MAX_ROWS = 25_000
EXCEL_ROWS = 1_048_576 - 10  # a sheet's rows, less the title and header rows

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
VARIANTS = {
    "Tapa'an": ["Tapaan", "TAPA'AN", "Tapa-an", "Kel. Tapa'an"],
    "Tamba'an": ["Tambaan", "Kel. Tamba'an", "TAMBA'AN"],
    "Bugul Kidul": ["Bugulkidul", "BUGUL KIDUL", "Kel. Bugul Kidul"],
    "Bugul Lor": ["Bugullor", "BUGUL LOR"],
    "Kebonagung": ["Kebon Agung", "KEBON AGUNG"],
    "Kandangsapi": ["Kandang Sapi", "KANDANG SAPI"],
    "Gadingrejo": ["Gadingrejo'an", "GADINGREJO"],
}


def _words(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


# --- code books and word lists (all invented or generic; no real person) ------------------------
LANTAI = {
    1: "Marmer/granit",
    2: "Keramik",
    4: "Ubin/tegel/teraso",
    6: "Semen/bata merah",
    7: "Bambu",
    8: "Kayu/papan kualitas rendah",
    9: "Tanah",
}
DINDING = {
    1: "Tembok",
    2: "Plesteran anyaman bambu/kawat",
    3: "Kayu",
    4: "Anyaman bambu",
    6: "Bambu",
}
ATAP = {1: "Beton", 2: "Genteng keramik", 4: "Genteng tanah liat", 5: "Asbes", 6: "Seng"}
AIR = {
    2: "Isi ulang",
    3: "Leding meteran",
    4: "Leding eceran",
    5: "Sumur bor/pompa",
    6: "Sumur terlindung",
    7: "Sumur tak terlindung",
}
TERANG = {1: "Listrik PLN", 2: "Listrik non-PLN", 3: "Bukan listrik"}
BAB = {1: "Sendiri", 2: "Bersama", 3: "Umum", 4: "Tidak ada"}
HOUSING = {  # name -> (codebook, probabilities for the poorest, for the rest)
    "lantai": (
        LANTAI,
        [0, 0.12, 0.15, 0.45, 0.04, 0.04, 0.20],
        [0.02, 0.55, 0.20, 0.20, 0, 0, 0.03],
    ),
    "dinding": (DINDING, [0.60, 0.10, 0.10, 0.15, 0.05], [0.92, 0.03, 0.03, 0.02, 0]),
    "atap": (ATAP, [0, 0, 0.50, 0.28, 0.22], [0.05, 0.10, 0.70, 0.10, 0.05]),
    "sumber_air": (AIR, [0.35, 0.10, 0.15, 0.20, 0.12, 0.08], [0.45, 0.25, 0.05, 0.17, 0.07, 0.01]),
    "penerangan": (TERANG, [0.97, 0.025, 0.005], [0.99, 0.008, 0.002]),
    "fasilitas_bab": (BAB, [0.55, 0.20, 0.15, 0.10], [0.88, 0.08, 0.03, 0.01]),
}
PEKERJAAN = [
    "Buruh Harian Lepas",
    "Nelayan",
    "Pedagang",
    "Wiraswasta",
    "Tidak Bekerja",
    "Mengurus Rumah Tangga",
    "Buruh Tani",
    "Tukang Becak",
    "Karyawan Swasta",
    "Sopir",
    "Pekerja Bangunan",
]
PEKERJAAN_P = np.array(
    [  # poorest inland, poorest coastal, rest inland, rest coastal
        [0.32, 0.02, 0.10, 0.05, 0.14, 0.10, 0.05, 0.06, 0.04, 0.02, 0.10],
        [0.20, 0.20, 0.10, 0.05, 0.12, 0.10, 0.01, 0.05, 0.03, 0.02, 0.12],
        [0.22, 0.01, 0.14, 0.12, 0.05, 0.08, 0.03, 0.02, 0.20, 0.05, 0.08],
        [0.15, 0.12, 0.14, 0.12, 0.05, 0.08, 0.01, 0.02, 0.18, 0.05, 0.08],
    ]
)
LAKI = _words(
    "SLAMET SUGENG BAMBANG SUPRIYADI AGUS HADI JOKO WAHYUDI ACHMAD MOCH. ABDUL SAMSUL IMAM ALI "
    "ROHMAN SUTRISNO PURNOMO SUPARMAN SUKARDI SUMARNO KASIMAN PONIMAN MISNADI SAIFUL MUHAMMAD "
    "HASAN HUSEIN ARIFIN ZAINAL MUKHLIS SUBANDI SUYITNO TOHIR JUMALI KHOIRUL ROFIQ SYAIFUDIN "
    "MA'RUF NU'MAN BUDI EKO DWI HERU YUSUF RIDWAN FATHOR MATSARI SUNARTO SUWITO"
)
PEREMPUAN = _words(
    "SITI SRI SUMIATI SUWARNI NUR ANI KHOTIJAH FATIMAH MUNTAMAH RUKAYAH SULASTRI TUMINI LILIK "
    "ENDANG YULI SUPIYAH MARFU'AH SUNARSIH PONIYEM KASIATI JUMAIYAH ASMIYATI HOLIFAH MASRUROH UMI "
    "ZULAIKHA SA'DIYAH AMINAH MUNAWAROH SULIKAH SUPARMI WARSINI TITIK NINIK RINI YATMI SAMIRAH "
    "HALIMAH MUTMAINAH NGATINI"
)
BELAKANG_L = _words(
    "SANTOSO HARIYANTO WIBOWO SUSANTO PRASETYO HIDAYAT RAHMAN EFFENDI MUSTOFA HASAN SHOLEH ANWAR "
    "KHOLIL MAHMUD SYAFI'I FAUZI ASHARI SETIAWAN PURWANTO SUPRAPTO HARTONO SUNARYO WIJAYA "
    "KURNIAWAN RIYADI ARIFIN HAMID ZAINI BASORI NAWAWI ROSYID GHOZALI MUNIR QOMARUDIN MASHURI "
    "SYAMSUDIN MUJIONO SUPENO WALUYO SUTOMO"
)
BELAKANG_P = _words(
    "WATI NINGSIH RAHAYU LESTARI ASTUTI HANDAYANI SURYANI FITRIANI HASANAH KHASANAH MUSLIMAH AINI "
    "WAHYUNI PURWANTI SUSILOWATI MARYAM ROHMAH ZAHRO FARIDA NURHAYATI SUNDARI UTAMI KHUSNUL "
    "MUAWANAH ROHIMAH INDAH YULIANA SAFITRI KUSUMA ANGGRAENI"
)
NEEDS_SECOND = {"MOCH.", "ABDUL", "MUHAMMAD", "NUR", "SITI", "SRI", "DWI"}
JALAN = [
    "Mawar",
    "Melati",
    "Kenanga",
    "Anggrek",
    "Flamboyan",
    "Cempaka",
    "Dahlia",
    "Teratai",
    "Sedap Malam",
    "Kamboja",
    "Pahlawan",
    "Diponegoro",
    "Gatot Subroto",
    "Ahmad Yani",
    "Hasanudin",
    "Sultan Agung",
    "Veteran",
    "Sumatera",
    "Kalimantan",
    "Jawa",
    "Bali",
    "Halmahera",
    "Slamet Riyadi",
    "Untung Suropati",
    "Nusantara",
    "Lombok",
    "Pattimura",
    "Nelayan",
    "Pelabuhan",
    "Kyai Sepuh",
]
USAHA_KUBE = [
    "Warung Sembako",
    "Jahit",
    "Olahan Ikan",
    "Kue Basah",
    "Kerupuk",
    "Ternak Kambing",
    "Laundry",
    "Tambal Ban",
    "Katering",
    "Bordir",
    "Petis",
    "Keripik",
]
NAMA_KUBE = _words(
    "Mawar|Melati|Sejahtera|Maju Jaya|Berkah|Barokah|Mandiri|Sumber Rejeki|Bina Usaha|Harapan|"
    "Rukun Makmur|Sakinah|Al-Ikhlas|Mina Bahari|Sido Makmur|Sido Rukun|Guyub Rukun|Tunas Baru|"
    "Srikandi|Kartini|Bahari|Sentosa|Lestari|Tekun Karya|Usaha Bersama|Cahaya|Amanah|Nurul Huda|"
    "Sinar Pagi|Pelangi|Kenanga|Anggrek|Dahlia|Cempaka|Teratai|Bougenville|Tanjung|Samudra|Fajar",
    "|",
)

Progress = Callable[[str], None] | None


@dataclass
class ExportFile:
    """One export, imported as one batch: `path`, and `more` parts when it is split."""

    path: Path
    jenis: str
    periode: str
    more: list[Path] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [self.path, *self.more]


# --- reference tables ----------------------------------------------------------------------------


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


def _wilayah(kode: str = region.BAWAAN) -> pd.DataFrame:
    """The region's desa/kelurahan (pantau.wilayah), every column text."""
    return region.tabel(kode).copy()


def _garis_ekstrem() -> dict[int, int]:
    g = pd.read_csv(REFERENCE_DIR / "garis_kemiskinan.csv")
    return dict(
        zip(g["tahun"].astype(int), g["garis_ekstrem_per_kapita_bulan"].astype(int), strict=True)
    )


def _year(periode: str) -> int:
    return int(periode[:4])


# --- deterministic helpers -----------------------------------------------------------------------

M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def _u(idx: np.ndarray, *salt: int) -> np.ndarray:
    """A uniform [0, 1) draw that is a pure function of (index, salt…): splitmix64."""
    x = np.asarray(idx, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for s in salt:
        x = x ^ np.uint64((int(s) * 0xD1B54A32D192ED03 + 0x632BE59BD9B4E019) & 0xFFFFFFFFFFFFFFFF)
        x = x + np.uint64(0x9E3779B97F4A7C15)
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    x = x ^ (x >> np.uint64(31))
    return (x >> np.uint64(11)).astype(np.float64) * (1.0 / 2**53)


def _z(idx: np.ndarray, *salt: int) -> np.ndarray:
    """Roughly standard-normal noise from three uniforms (Irwin–Hall), a pure function of idx."""
    return (_u(idx, *salt, 1) + _u(idx, *salt, 2) + _u(idx, *salt, 3) - 1.5) * 2.0


def _choose(u: np.ndarray, probs, group: np.ndarray | None = None) -> np.ndarray:
    """Category index for each uniform `u`, from one probability row or one row per group."""
    p = np.atleast_2d(np.asarray(probs, dtype=np.float64))
    cum = np.cumsum(p / p.sum(axis=1, keepdims=True), axis=1)
    rows = cum[0] if group is None else cum[group]
    if group is None:
        return np.minimum(np.searchsorted(rows, u, side="right"), p.shape[1] - 1)
    return np.minimum((u[:, None] >= rows).sum(axis=1), p.shape[1] - 1)


def _coprime(n: int, start: int) -> int:
    a = start
    while math.gcd(a, n) != 1:
        a += 2
    return a


def _day(s: str) -> int:
    return int(np.datetime64(s, "D").astype(np.int64))


# Identifiers: a bijection of the family index onto (date, serial), so they never collide.
BIRTH_FROM, BIRTH_TO = _day("1945-01-01"), _day("1994-01-01")
KK_FROM, KK_TO = _day("2011-01-01"), _day("2021-06-30")
NIK_SPACE = (BIRTH_TO - BIRTH_FROM) * 9999
KK_SPACE = (KK_TO - KK_FROM) * 9999
NIK_MUL = _coprime(NIK_SPACE, 2_147_483_647)
KK_MUL = _coprime(KK_SPACE, 1_000_000_007)


def _split_date(days: np.ndarray):
    d = np.asarray(days, dtype="datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, dd


def birth_day(idx: np.ndarray) -> np.ndarray:
    x = (np.asarray(idx, np.int64) * NIK_MUL + 7_919) % NIK_SPACE
    return BIRTH_FROM + x % (BIRTH_TO - BIRTH_FROM)


def nik_number(
    idx: np.ndarray, kec: np.ndarray, female: np.ndarray, prefix: int = 3575
) -> np.ndarray:
    """NIK: 3575 (the region's kab/kota) + kecamatan + DDMMYY (women DD+40) + serial
    0001-9999, unique per index."""
    x = (np.asarray(idx, np.int64) * NIK_MUL + 7_919) % NIK_SPACE
    y, m, d = _split_date(BIRTH_FROM + x % (BIRTH_TO - BIRTH_FROM))
    serial = x // (BIRTH_TO - BIRTH_FROM) + 1
    d = d + 40 * np.asarray(female, np.int64)
    return (
        prefix * 10**12
        + np.asarray(kec, np.int64) * 10**10
        + d * 10**8
        + m * 10**6
        + (y % 100) * 10**4
        + serial
    )


def kk_number(idx: np.ndarray, kec: np.ndarray, prefix: int = 3575) -> np.ndarray:
    """No KK: 3575 (the region's kab/kota) + kecamatan + issue date DDMMYY + serial, unique
    per index."""
    x = (np.asarray(idx, np.int64) * KK_MUL + 104_729) % KK_SPACE
    y, m, d = _split_date(KK_FROM + x % (KK_TO - KK_FROM))
    serial = x // (KK_TO - KK_FROM) + 1
    return (
        prefix * 10**12
        + np.asarray(kec, np.int64) * 10**10
        + d * 10**8
        + m * 10**6
        + (y % 100) * 10**4
        + serial
    )


# --- text columns, built with Arrow compute (no Python loop per row) -----------------------------


def _s(values) -> pa.Array:
    return pa.array(np.asarray(values)).cast(pa.string())


def _pad(values, width: int) -> pa.Array:
    return pc.utf8_lpad(_s(values), width, "0")


def _cat(*parts, sep: str = "") -> pa.Array:
    return pc.binary_join_element_wise(*parts, sep, null_handling="replace")


def _pick(labels: list[str], index: np.ndarray) -> pa.Array:
    return pa.array(labels, pa.string()).take(pa.array(np.asarray(index, np.int64)))


def _where(mask, a, b) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, bool)), a, b)


def _null_where(mask, a) -> pa.Array:
    return pc.if_else(pa.array(np.asarray(mask, bool)), pa.scalar(None, pa.string()), a)


def _date(days: np.ndarray, fmt: str) -> pa.Array:
    arr = pa.array(np.asarray(days, np.int64).astype("datetime64[D]"))
    return pc.strftime(arr, format=fmt)


def _money(values: np.ndarray, style: np.ndarray | str) -> pa.Array:
    """Rupiah as written in real lists: '2500000', 'Rp 2.500.000' or '2.500.000,00'."""
    v = np.asarray(values, np.int64)
    mil, rib, sat = v // 1_000_000, (v // 1000) % 1000, v % 1000
    dotted = _where(
        mil > 0,
        _cat(_s(mil), _pad(rib, 3), _pad(sat, 3), sep="."),
        _where(rib > 0, _cat(_s(rib), _pad(sat, 3), sep="."), _s(sat)),
    )
    plain = _s(v)
    if isinstance(style, str):
        style = np.full(len(v), {"plain": 0, "rp": 1, "dec": 2}[style])
    return _where(style == 0, plain, _where(style == 1, _cat("Rp ", dotted), _cat(dotted, ",00")))


def _yes(mask, yes: str = "Ya", no: str = "Tidak") -> pa.Array:
    return _where(mask, pa.scalar(yes), pa.scalar(no))


# --- the families ----------------------------------------------------------------------------------


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


class World:
    """Every family, its attributes and its history over the periods, for one seed and size."""

    def __init__(self, keluarga: int = 20000, seed: int = 2023, wilayah: str = region.BAWAAN):
        _periksa_ukuran(keluarga)
        self.K, self.seed = int(keluarga), int(seed)
        self.region = region.cari(wilayah)
        self.wil = _wilayah(self.region.kode)
        # Each unit's kab/kota (3575): the NIK, No KK and ID prefix of the families living there,
        # so a province's families carry their own kab/kota's, not one code for all.
        self.kel_kab = self.wil["kode_kab"].str.replace(".", "").astype(int).to_numpy()
        self.kab_names = self.wil["kabupaten_kota"].tolist()
        self.prefix = int(self.kel_kab[0])  # the first kab/kota's: the mess rows' identifiers
        self.lines = _garis_ekstrem()
        self.kel_names = self.wil["kelurahan"].tolist()
        self.kel_kec = self.wil["kode_kec"].str[-2:].astype(int).to_numpy()
        self.kec_names = self.wil["kecamatan"].tolist()
        self._weights()
        self._lists()
        self._rest()
        self._simulate()
        self._allocate()

    # ----- set-up -----
    def _weights(self) -> None:
        if self.region.kode != region.BAWAAN:
            return self._weights_any()
        area = self.wil["area_km2"].astype(float).to_numpy()
        base = np.sqrt(area) * (1 + 0.4 * _u(np.arange(34), self.seed, 11))
        for kec, share in KEC_SHARE.items():
            sel = self.wil["kecamatan"].to_numpy() == kec
            base[sel] = share * base[sel] / base[sel].sum()
        pocket = np.array([POCKETS.get(k, 0.0) for k in self.kel_names])
        self._tilt(base, pocket)
        self.coastal = np.isin(np.array(self.kel_names), list(COASTAL))

    def _weights_any(self) -> None:
        """Any region but Kota Pasuruan: the code list has no population, so a plausible one.

        A desa holds families in proportion to 1, a kelurahan (the towns) to 2.5, each times
        0.6-1.4 at random: Kabupaten Tuban, 311 desa and 17 kelurahan, then has about 11 % of
        its families in kelurahan (BPS: about 1.2 million people, 10 % urban in the kecamatan
        Tuban). Six desa, chosen at random, are pockets holding 30 % of the extreme poor."""
        n = len(self.wil)
        kelurahan = self.wil["kode_kel"].str.rsplit(".", n=1).str[1].str.startswith("1")
        u = _u(np.arange(n), self.seed, 11)
        base = np.where(kelurahan.to_numpy(), 2.5, 1.0) * (0.6 + 0.8 * u)
        order = np.argsort(_u(np.arange(n), self.seed, 12))[: min(6, n)]
        pocket = np.zeros(n)
        pocket[order] = [0.07, 0.06, 0.05, 0.05, 0.04, 0.03][: len(order)]
        self._tilt(base, pocket)
        self.coastal = np.zeros(n, bool)

    def _tilt(self, base: np.ndarray, pocket: np.ndarray) -> None:
        self.w_rest = base / base.sum()
        tilt = base * np.where(pocket > 0, 2.0, 1.0)
        self.w_poor = tilt / tilt.sum()
        thin = np.where(pocket > 0, 0, base)
        self.w_ext = pocket + (1 - pocket.sum()) * thin / thin.sum()

    def _lists(self) -> None:
        """The P3KE and bansos lists and their verval: Kota Pasuruan's published sizes whatever
        `keluarga` is; another region's in proportion to its people (`ukuran_daftar`)."""
        rng = np.random.default_rng([self.seed, 1])
        n_p3ke, n_bansos, layak_p3ke, layak_bansos = ukuran_daftar(self.region.kode, self.K)
        self.n_p3ke, self.n_list = n_p3ke, n_p3ke + n_bansos
        n = self.n_list
        role = np.zeros(n, np.int8)  # 0 P3KE, 1 Bansos Pemkot, 2 Bansos Pemprov
        role[n_p3ke:] = np.where(rng.random(n_bansos) < 0.82, 1, 2)
        layak = np.zeros(n, bool)
        layak[rng.choice(n_p3ke, layak_p3ke, replace=False)] = True
        layak[n_p3ke + rng.choice(n_bansos, layak_bansos, replace=False)] = True
        alasan = np.where(layak, -1, _choose(rng.random(n), ALASAN_P)).astype(np.int8)
        kel = np.where(
            layak, _choose(rng.random(n), self.w_ext), _choose(rng.random(n), self.w_poor)
        ).astype(np.int16)
        r0 = (1.03 + rng.lognormal(np.log(0.3), 0.6, n)).astype(np.float32)
        female = rng.random(n) < np.where(layak, 0.35, 0.25)
        excluded = np.zeros(n, bool)
        p3ke_layak = np.flatnonzero(layak[:n_p3ke])
        n_excl = round(EXCLUDED_SHARE * (layak_p3ke + layak_bansos))
        excluded[rng.choice(p3ke_layak, n_excl, replace=False)] = True
        desil21 = (
            np.where(
                layak,
                _choose(rng.random(n), [0.9, 0.1]),
                _choose(rng.random(n), [0.62, 0.2, 0.11, 0.07]),
            )
            + 1
        )
        self.p3ke_flags = rng.random((5, n_p3ke)) < np.array([[0.25], [0.35], [0.05], [0.3], [0]])
        self.p3ke_flags[4] = self.p3ke_flags[1]  # Sembako is BPNT renamed: same flag, twice
        self.L = dict(
            role=role,
            layak=layak,
            alasan=alasan,
            kel=kel,
            r0=r0,
            female=female,
            excluded=excluded,
            desil21=desil21.astype(np.int8),
            verval_day=self._verval_days(rng, n),
            petugas=rng.integers(0, 3, n),
            r22=rng.random(n),
        )
        stays = layak | np.isin(alasan, list(STAYS_LISTED))
        self.list_stays = stays

    @staticmethod
    def _verval_days(rng, n) -> np.ndarray:
        days = np.arange(_day("2023-01-09"), _day("2023-02-25"))
        weekday = ((days + 3) % 7) < 5  # 1970-01-01 was a Thursday
        days = days[weekday]
        return days[rng.integers(0, len(days), n)]

    def _rest(self) -> None:
        """Registry families beyond the lists, then the ones that enter each quarter."""
        rng = np.random.default_rng([self.seed, 2])
        stays = np.flatnonzero(self.list_stays)
        layak = np.flatnonzero(self.L["layak"])
        if len(stays) > self.K:
            others = np.setdiff1d(stays, layak)
            keep = np.concatenate([layak, rng.choice(others, self.K - len(layak), replace=False)])
        else:
            keep = stays
        self.R = max(0, self.K - len(keep))
        self.n_new = max(1, round(self.K * ENTER))
        self.U = self.n_list + self.R + (T - 1) * self.n_new
        U, n = self.U, self.U - self.n_list
        enter = np.full(U, NEVER, np.int8)
        enter[keep] = 0
        enter[self.n_list : self.n_list + self.R] = 0
        enter[self.n_list + self.R :] = np.repeat(np.arange(1, T), self.n_new)
        self.enter = enter
        self.pre_exit = np.minimum(enter.astype(np.int32) + rng.geometric(LEAVE, U), NEVER).astype(
            np.int8
        )
        self.pre_exit[enter == NEVER] = NEVER
        self.role = np.concatenate([self.L["role"], np.full(n, 3, np.int8)])
        self.layak = np.concatenate([self.L["layak"], np.zeros(n, bool)])
        self.kel = np.concatenate(
            [self.L["kel"], _choose(rng.random(n), self.w_rest).astype(np.int16)]
        )
        self.kec = self.kel_kec[self.kel].astype(np.int64)
        self.kab = self.kel_kab[self.kel].astype(np.int64)
        r_rest = rng.lognormal(np.log(1.65), 0.35, n).astype(np.float32)
        self.r0 = np.concatenate([self.L["r0"], r_rest])
        self.female = np.concatenate([self.L["female"], rng.random(n) < 0.2])
        self.excluded = np.concatenate([self.L["excluded"], np.zeros(n, bool)])
        self.poor = self.layak | (self.r0 < 1.15)
        self._family_attributes(rng)

    def _family_attributes(self, rng_rest) -> None:
        """Everything else about each family; the list block has its own random stream."""
        blocks = [
            self._draw(np.random.default_rng([self.seed, 5]), slice(0, self.n_list)),
            self._draw(rng_rest, slice(self.n_list, self.U)),
        ]
        for name in blocks[0]:
            if name == "house":
                self.house = {k: np.concatenate([b["house"][k] for b in blocks]) for k in HOUSING}
            else:
                setattr(self, name, np.concatenate([b[name] for b in blocks]))
        self.usulan = np.zeros(self.U, bool)
        self.fails = _u(np.arange(self.U), self.seed, 24) < GRANT_FAILS

    def _draw(self, rng, sl: slice) -> dict:
        poor, female, kel = self.poor[sl], self.female[sl], self.kel[sl]
        layak, excluded, r0 = self.layak[sl], self.excluded[sl], self.r0[sl]
        U = len(poor)
        out: dict = {}
        out["j0"] = (_choose(rng.random(U), JUMLAH_P) + 1).astype(np.int8)
        out["j_t"] = rng.integers(1, 40, U).astype(np.int8)  # the quarter a member is born/dies
        out["j_d"] = np.where(rng.random(U) < 0.55, 1, -1).astype(np.int8)
        near = rng.random(U) < 0.02
        out["near"] = near
        r_ext = np.where(near, rng.uniform(0.975, 1.02, U), rng.uniform(0.55, 0.96, U))
        out["r_ext"] = r_ext.astype(np.float32)
        out["r_grad"] = rng.uniform(1.05, 1.55, U).astype(np.float32)
        inc_f = np.where(poor, rng.uniform(0.7, 1.0, U), rng.uniform(0.95, 1.45, U))
        out["inc_f"] = inc_f.astype(np.float32)
        out["no_income"] = rng.random(U) < 0.02
        group = np.where(poor, 0, 2) + self.coastal[kel]  # rows of PEKERJAAN_P
        job = _choose(rng.random(U), PEKERJAAN_P, group).astype(np.int8)
        out["job"] = job
        out["usaha"] = np.isin(job, [2, 3]) | (rng.random(U) < np.where(poor, 0.18, 0.22))
        out["house"] = {}
        for name, (book, p_poor, p_rest) in HOUSING.items():
            codes = np.array(list(book))
            k = np.where(poor, _choose(rng.random(U), p_poor), _choose(rng.random(U), p_rest))
            out["house"][name] = codes[k].astype(np.int8)
        out["rt"] = rng.integers(1, 13, U).astype(np.int8)
        out["rw"] = rng.integers(1, 7, U).astype(np.int8)
        out["jalan"] = rng.integers(0, len(JALAN), U).astype(np.int16)
        out["gang"] = np.where(rng.random(U) < 0.5, rng.integers(1, 10, U), 0).astype(np.int8)
        out["nomor"] = rng.integers(1, 120, U).astype(np.int16)
        nm1 = np.where(female, rng.integers(0, len(PEREMPUAN), U), rng.integers(0, len(LAKI), U))
        out["nm1"] = nm1.astype(np.int16)
        second = np.where(
            female, rng.integers(0, len(BELAKANG_P), U), rng.integers(0, len(BELAKANG_L), U)
        )
        needs = np.where(
            female,
            np.isin(nm1, [PEREMPUAN.index(x) for x in NEEDS_SECOND if x in PEREMPUAN]),
            np.isin(nm1, [LAKI.index(x) for x in NEEDS_SECOND if x in LAKI]),
        )
        out["nm2"] = np.where(needs | (rng.random(U) < 0.7), second, -1).astype(np.int16)
        out["prio"] = rng.random(U).astype(np.float32)
        out["desil_a"] = _choose(rng.random(U), [0.12, 0.76, 0.12]).astype(np.int8) - 1
        out["desil_b"] = _choose(rng.random(U), [0.15, 0.70, 0.15]).astype(np.int8) - 1
        target = layak & ~excluded
        p_pkh = np.where(target, 0.35, np.where(r0 < 1.3, 0.15, 0.03))
        p_bpnt = np.where(target, 0.5, np.where(r0 < 1.3, 0.25, 0.05))
        out["pkh"] = (rng.random(U) < p_pkh) & ~excluded
        out["bpnt"] = (rng.random(U) < p_bpnt) & ~excluded
        out["pbi"] = (rng.random(U) < np.where(poor, 0.6, 0.3)) & ~excluded
        out["pkh_amt"] = PKH_TAHAP[rng.integers(0, len(PKH_TAHAP), U)]
        # NIKs issued before the 2012 split carry the old kecamatan for today's Panggungrejo.
        kec = self.kec[sl]
        old = (kec == 4) & (rng.random(U) < 0.6) & (self.region.kode == region.BAWAAN)
        out["nik_kec"] = np.where(old, rng.integers(1, 4, U), kec).astype(np.int8)
        return out

    # ----- history -----
    def present(self, t: int) -> np.ndarray:
        return (self.enter <= t) & (self.exit > t)

    def extreme(self, t: int) -> np.ndarray:
        return (self.ext_in <= t) & (self.ext_out > t)

    def _simulate(self) -> None:
        """Who is on the extreme-poverty list each quarter, and why each one leaves it."""
        rng = np.random.default_rng([self.seed, 3])
        U = self.U
        self.ext_in = np.full(U, NEVER, np.int8)
        self.ext_out = np.full(U, NEVER, np.int8)
        self.why = np.full(U, -1, np.int8)  # 0 keluar, 1 meninggal, 2 pindah
        self.grant = np.full(U, NEVER, np.int8)
        self.ext_in[self.layak] = 0
        ever = self.layak.copy()
        for t in range(1, T):
            cur = np.flatnonzero((self.ext_in < t) & (self.ext_out == NEVER))
            u = rng.random(len(cur))
            h = GRAD_HAZARD[t] * np.where(self.usaha[cur], USAHA_BOOST, 1.0)
            boosted = (self.grant[cur] < t) & ~self.fails[cur]
            h = np.minimum(h * np.where(boosted, GRANT_BOOST, 1.0), 0.6)
            dead, moved = u < DEATH, (u >= DEATH) & (u < DEATH + MOVE)
            grad = (u >= DEATH + MOVE) & (u < DEATH + MOVE + h)
            for mask, why in ((grad, 0), (dead, 1), (moved, 2)):
                self.ext_out[cur[mask]] = t
                self.why[cur[mask]] = why
            n_add = int(rng.integers(3, 9))
            n_old = round(0.6 * n_add)
            alive = (self.enter <= t) & (self.pre_exit > t)
            pool = np.flatnonzero(alive & ~ever & (self.r0 < 1.25) & (self.enter < t))
            new = np.flatnonzero((self.enter == t) & ~ever)
            add = np.concatenate(
                [
                    rng.choice(pool, min(n_old, len(pool)), replace=False),
                    rng.choice(new, min(n_add - n_old, len(new)), replace=False),
                ]
            )
            self.ext_in[add] = t
            self.usulan[add[self.enter[add] == t]] = True
            self.excluded[add] = rng.random(len(add)) < 0.3
            ever[add] = True
            if PERIODS[t] in GRANTS:
                on = np.flatnonzero(
                    (self.ext_in < t) & (self.ext_out == NEVER) & self.usaha & ~self.excluded
                )
                on = on[self.grant[on] == NEVER]
                k = min(GRANTS[PERIODS[t]][0], len(on))
                self.grant[rng.choice(on, k, replace=False)] = t
        spell_end = self.ext_out
        gone = np.isin(self.why, [1, 2])
        after = np.where(self.pre_exit > spell_end, self.pre_exit, NEVER)
        self.exit = np.where(
            gone,
            spell_end,
            np.where(ever, np.where(spell_end == NEVER, NEVER, after), self.pre_exit),
        ).astype(np.int8)
        self.ever = ever
        # the new extreme poor are poor in their other attributes too
        self.pkh &= ~self.excluded
        self.bpnt &= ~self.excluded
        self.pbi &= ~self.excluded

    # ----- economics of one period -----
    def economics(self, idx: np.ndarray, t: int) -> dict[str, np.ndarray]:
        line = self.lines[_year(PERIODS[t])] if t >= 0 else self.lines[2022]
        tt = max(t, 0)
        ext = (self.ext_in[idx] <= tt) & (self.ext_out[idx] > tt) if t >= 0 else self.layak[idx]
        grad = (self.ext_out[idx] <= tt) & (self.why[idx] == 0) if t >= 0 else False
        z = _z(idx, self.seed, 21, t + 10)
        since = np.clip(tt - self.grant[idx].astype(np.int64), 0, 5)
        granted = (self.grant[idx] <= tt) & ~self.fails[idx]
        drift = 1 + 0.04 * since * granted
        r_ext = np.minimum(self.r_ext[idx] * drift, np.where(self.near[idx], 1.03, 0.985))
        r = np.where(ext, r_ext, np.where(grad, self.r_grad[idx], self.r0[idx]))
        r = r * np.exp(0.03 * z)
        r = np.where(ext, np.minimum(r, np.where(self.near[idx], 1.03, 0.985)), r)
        j = np.clip(self.j0[idx] + self.j_d[idx] * (self.j_t[idx] <= tt), 1, 8).astype(np.int64)
        spend = np.floor(r * line * j / 1000).astype(np.int64) * 1000
        z2 = _z(idx, self.seed, 22, t + 10)
        share = np.where(
            ext,
            np.clip(0.70 + 0.04 * z2, 0.58, 0.82),
            np.clip(0.62 - 0.15 * (r - 1) + 0.04 * z2, 0.38, 0.75),
        )
        pangan = np.floor(share * spend / 1000).astype(np.int64) * 1000
        mult = 1 + 0.12 * since * granted
        noise = np.exp(0.10 * _z(idx, self.seed, 23, t + 10))
        inc = np.round(spend * self.inc_f[idx] * mult * noise / 10_000).astype(np.int64) * 10_000
        inc = np.where(ext & self.no_income[idx], 0, inc)
        base = np.where(grad, self.r_grad[idx], self.r0[idx])
        d = 1 + np.searchsorted(np.array([1.0, 1.3, 1.7, 2.3]), base, side="right")
        d = d + (self.desil_b[idx] if t >= DTSEN_FROM else self.desil_a[idx])
        desil = np.where(ext, 1, np.clip(d, 1, 5))
        return dict(ext=ext, j=j, spend=spend, pangan=pangan, inc=inc, desil=desil, r=r)

    # ----- programmes -----
    def _allocate(self) -> None:
        rng = np.random.default_rng([self.seed, 4])
        self.sembako = {}
        for t in range(T):
            pres = np.flatnonzero(self.present(t) & ~self.excluded)
            ext = self.extreme(t)[pres]
            listed = np.isin(self.role[pres], [1])
            poor = self.r0[pres] < 1.3
            rank = np.where(ext, 0, np.where(listed, 1, np.where(poor, 2, 9))) + self.prio[pres]
            k = min(SEMBAKO_KPM[t], int((rank < 9).sum()))
            top = np.argpartition(rank, k - 1)[:k] if 0 < k < len(rank) else np.arange(k)
            self.sembako[t] = np.sort(pres[top])
        tb = PERIODS.index(BLT[0])
        on = np.flatnonzero(self.extreme(tb) & ~self.excluded & (self.grant != tb))
        blt_ext = rng.choice(on, min(BLT[1], len(on)), replace=False)
        pool = np.flatnonzero(self.present(tb) & ~self.extreme(tb) & (self.r0 < 1.3))
        blt_oth = rng.choice(pool, min(BLT[2], len(pool)), replace=False)
        self.blt = np.sort(np.concatenate([blt_ext, blt_oth]))
        self._kube(rng)
        self.modal = {}
        taken = np.zeros(self.U, bool)
        for periode, (_, cats) in GRANTS.items():
            t = PERIODS.index(periode)
            ext_ids = np.flatnonzero(self.grant == t)
            ids, ket = [ext_ids], [np.full(len(ext_ids), "Bansos APBD", object)]
            taken[ext_ids] = True
            base = self.present(t) & ~self.ever & ~taken & ~self.excluded
            for cat, n in cats.items():
                if cat == "KUBE":  # the members of the oldest groups, in order
                    pick = self.kube_funded[self.present(t)[self.kube_funded]][:n]
                elif cat == "PEKKA":
                    pick = np.flatnonzero(base & self.female & self.usaha & (self.r0 < 1.7))
                elif cat == "Bansos APBD":
                    paid = np.zeros(self.U, bool)
                    paid[self.sembako[t]] = True
                    pick = np.flatnonzero(base & self.usaha & paid)
                else:
                    pick = np.flatnonzero(base & (self.r0 < 1.7))
                pick = pick[~taken[pick]]
                if cat != "KUBE":
                    pick = rng.choice(pick, min(n, len(pick)), replace=False)
                taken[pick] = True
                base &= ~taken
                ids.append(pick)
                ket.append(np.full(len(pick), cat, object))
            self.modal[t] = (np.concatenate(ids), np.concatenate(ket))

    def _kube(self, rng) -> None:
        """About thirty KUBE: formed 2019-2025, members from poor registry families nearby."""
        self.kube = []
        used = np.zeros(self.U, bool)
        plan = [(y, 0) for y in rng.choice([2019, 2020, 2021, 2022, 2023], 26)]
        plan += [(2024, 7)] * 4 + [(2025, 11)] * 3
        names = rng.permutation(len(NAMA_KUBE))
        for year, t in sorted(plan, key=lambda p: p[0]):
            kel = int(_choose(rng.random(1), self.w_ext)[0])
            pool = np.flatnonzero(
                self.present(t) & (self.kel == kel) & ~self.ever & (self.r0 < 1.8) & ~used
            )
            size = min(int(rng.integers(5, 11)), len(pool))
            if size < 3:
                continue
            members = rng.choice(pool, size, replace=False)
            used[members] = True
            usaha = USAHA_KUBE[int(rng.integers(0, len(USAHA_KUBE)))]
            if self.coastal[kel] and rng.random() < 0.5:
                usaha = ["Olahan Ikan", "Petis", "Kerupuk"][int(rng.integers(0, 3))]
            born = _day(f"{year}-01-01") + int(rng.integers(0, 330 if year < 2025 else 150))
            self.kube.append(
                dict(
                    id=f"KB-{len(self.kube) + 1:03d}",
                    nama=f"KUBE {NAMA_KUBE[names[len(self.kube) % len(NAMA_KUBE)]]}",
                    kel=kel,
                    usaha=usaha,
                    born=born,
                    members=members,
                    modal=int(rng.choice([10, 15, 20, 25])) * 1_000_000,
                    omzet0=int(rng.uniform(1.5, 6.0) * 20) * 50_000,
                    growth=float(rng.normal(0.12, 0.08)),
                    stop=int(rng.choice([NEVER] * 12 + [10, 12, 13])),
                )
            )
        funded = [k["members"] for k in self.kube if _year_of(k["born"]) <= 2023]
        self.kube_funded = np.concatenate(funded) if funded else np.zeros(0, np.int64)


def _year_of(day: int) -> int:
    return int(np.datetime64(int(day), "D").astype("datetime64[Y]").astype(int) + 1970)


# --- columns of each kind of file ----------------------------------------------------------------


def _names(w: World, idx: np.ndarray) -> pa.Array:
    fem = w.female[idx]
    first = _where(
        fem,
        _pick(PEREMPUAN, np.where(fem, w.nm1[idx], 0)),
        _pick(LAKI, np.where(fem, 0, w.nm1[idx])),
    )
    n2 = w.nm2[idx]
    has2 = n2 >= 0
    second = _where(
        fem,
        _pick(BELAKANG_P, np.where(fem & has2, n2, 0)),
        _pick(BELAKANG_L, np.where(~fem & has2, n2, 0)),
    )
    return _where(has2, _cat(first, second, sep=" "), first)


def _nik(w: World, idx: np.ndarray) -> pa.Array:
    return _s(nik_number(idx, w.nik_kec[idx], w.female[idx], w.kab[idx]))


def _kk(w: World, idx: np.ndarray) -> pa.Array:
    return _s(kk_number(idx, w.kec[idx], w.kab[idx]))


def _kelurahan(w: World, idx: np.ndarray, salt: int, share: float = 0.3) -> pa.Array:
    """Kelurahan names with the spellings real exports use (Tapaan, Kel. Tamba'an, Kebon Agung)."""
    kel = w.kel[idx].astype(np.int64)
    variants = VARIANTS if w.region.kode == region.BAWAAN else {}
    table = []
    desa = w.wil["kode_kel"].str.rsplit(".", n=1).str[1].str.startswith("2").tolist()
    for name, is_desa in zip(w.kel_names, desa, strict=True):
        extra = variants.get(name, [])
        unit = ("Ds.", "Desa") if is_desa else ("Kel.", "Kelurahan")
        table.append([name, name.upper(), f"{unit[0]} {name}", f"{unit[1]} {name}", *extra])
    width = max(len(r) for r in table)
    flat = [r[i % len(r)] for r in table for i in range(width)]
    u = _u(idx, w.seed, salt)
    special = np.array([len(variants.get(n, [])) for n in w.kel_names])[kel]
    # Named variants for the kelurahan that have them, else upper case or a prefix.
    v = np.where(
        special > 0,
        4 + (u * 997).astype(np.int64) % np.maximum(special, 1),
        1 + (u * 991).astype(np.int64) % 3,
    )
    v = np.where(u < share, v, 0)
    return _pick(flat, kel * width + v)


def _kode_kel(w: World, idx: np.ndarray, dotted: bool = True) -> pa.Array:
    codes = w.wil["kode_kel"].tolist()
    if not dotted:
        codes = [c.replace(".", "") for c in codes]
    return _pick(codes, w.kel[idx])


def _kecamatan(w: World, idx: np.ndarray, upper: bool = False) -> pa.Array:
    if w.region.adalah_provinsi:
        # A province repeats kecamatan names across its kab/kota (Jawa Timur: 34 names twice or
        # more) and the importer knows a kecamatan by its name within the region only: its
        # Kemendagri code (352301), as registry exports write KDKEC, names it alone.
        return _pick(w.wil["kode_kec"].str.replace(".", "").tolist(), w.kel[idx])
    names = w.wil["kecamatan"].tolist()
    return _pick([n.upper() for n in names] if upper else names, w.kel[idx])


def _alamat(w: World, idx: np.ndarray, style: str) -> pa.Array:
    street = _pick(JALAN, w.jalan[idx])
    gang = w.gang[idx]
    no = _s(w.nomor[idx])
    if style == "p3ke":
        rt = _cat("RT ", _pad(w.rt[idx], 3), " RW ", _pad(w.rw[idx], 3))
        base = _where(gang > 0, _cat("JL. ", street, " GG. ", _s(gang)), _cat("JL. ", street))
        return pc.utf8_upper(_cat(base, " NO. ", no, " ", rt))
    base = _where(gang > 0, _cat("Jl. ", street, " Gg. ", _s(gang)), _cat("Jl. ", street))
    if style == "comma":
        return _cat(base, ", No. ", no)
    return _cat(base, " No. ", no)


def _rtrw(values: np.ndarray, u: np.ndarray, pad_share: float) -> pa.Array:
    return _where(u < pad_share, _pad(values, 3), _s(values))


def _housing(w: World, idx: np.ndarray, name: str, labels: bool) -> pa.Array:
    codes = w.house[name][idx]
    if not labels:
        return _s(codes)
    book = HOUSING[name][0]
    lut = [book.get(i, "") for i in range(max(book) + 1)]
    return _pick(lut, codes)


def p3ke_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """The Kemenko PMK P3KE family sheet (BRIEF §1.2), December 2021."""
    n = len(idx)
    u = _u(idx, w.seed, 31)
    code = _kode_kel(w, idx)
    name = _kelurahan(w, idx, 32, share=0.35)
    name = _null_where((u < 0.05), pc.utf8_upper(name))
    code = _null_where((u >= 0.05) & (u < 0.35), code)
    y, m, d = _split_date(birth_day(idx))
    fl = w.p3ke_flags[:, idx]
    desil = w.L["desil21"][idx]
    return {
        "ID Keluarga P3KE": _cat(
            "P", _s(w.kab[idx] * 100 + w.kec[idx]), _pad((idx * 7919 + 13) % 10**7, 7)
        ),
        "Provinsi": pa.array(["JAWA TIMUR"] * n),
        "Kabupaten/Kota": pc.utf8_upper(_pick(w.kab_names, w.kel[idx])),
        "Kecamatan": _kecamatan(w, idx, upper=True),
        "Desa/Kelurahan": name,
        "Kode Kemendagri": code,
        "Desil Kesejahteraan": _s(desil),
        "Alamat": _alamat(w, idx, "p3ke"),
        "Kepala Keluarga": _names(w, idx),
        "NIK": _nik(w, idx),
        "Padan Dukcapil": _yes(u < 0.97, "Padan", "Tidak Padan"),
        "Jenis Kelamin": _yes(w.female[idx], "Perempuan", "Laki-laki"),
        "Tanggal Lahir": _cat(_pad(d, 2), _pad(m, 2), _s(y), sep="-"),
        "Pekerjaan": pc.utf8_upper(_pick(PEKERJAAN, w.job[idx])),
        "Kepemilikan Rumah": _pick(
            ["Milik Sendiri", "Kontrak/Sewa", "Bebas Sewa"],
            _choose(_u(idx, w.seed, 33), [0.7, 0.15, 0.15]),
        ),
        "Jenis Atap": _housing(w, idx, "atap", True),
        "Jenis Dinding": _housing(w, idx, "dinding", True),
        "Jenis Lantai": _housing(w, idx, "lantai", True),
        "Sumber Penerangan": _housing(w, idx, "penerangan", True),
        "Sumber Air Minum": _housing(w, idx, "sumber_air", True),
        "Memiliki Fasilitas Buang Air Besar": _housing(w, idx, "fasilitas_bab", True),
        "Penerima BPNT": _yes(fl[1]),
        "Penerima BPUM": _yes(fl[2]),
        "Penerima BST": _yes(fl[3]),
        "Penerima PKH": _yes(fl[0]),
        "Penerima Sembako": _yes(fl[4]),
        "No KK": _kk(w, idx),
        "Jumlah ART": _s(w.j0[idx]),
        "Sumber Data": pa.array(["P3KE"] * n),
    }


def bansos_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """The Pemkot/Pemprov bansos KPM list of December 2022 (Dinsos' own spreadsheet)."""
    eco = w.economics(idx, -1)
    layak = w.layak[idx]
    r = np.where(
        layak, np.minimum(w.r_ext[idx], 0.985) * (0.97 + 0.02 * w.L["r22"][idx]), w.r0[idx]
    )
    spend = np.floor(r * w.lines[2022] * eco["j"] / 1000).astype(np.int64) * 1000
    role = w.role[idx]
    u = _u(idx, w.seed, 41)
    return {
        "No": _s(np.arange(1, len(idx) + 1)),
        "NOKK": _kk(w, idx),
        "NIK KRT": _nik(w, idx),
        "Nama_KRT": pc.utf8_title(_names(w, idx)),
        "Alamat": _alamat(w, idx, "comma"),
        "RT": _rtrw(w.rt[idx], u, 0.5),
        "RW": _rtrw(w.rw[idx], u, 0.5),
        "Kelurahan": _kelurahan(w, idx, 42),
        "Kecamatan": _kecamatan(w, idx),
        "Jumlah_ART": _s(eco["j"]),
        "Sumber Data": _pick(["", daftar_lokal(w.region.jenis), "Bansos Pemprov"], role),
        "Pengeluaran per Bulan": _money(spend, "plain"),
    }


REGISTRY_STYLE = {  # t -> (delimiter, encoding, bom, crlf, desil header, kode column, money)
    0: (",", "utf-8", False, False, "Desil", None, "plain"),
    1: (",", "utf-8", False, False, "Desil", None, "rp"),
    2: (";", "utf-8", False, False, "Desil", "Kode Kelurahan", "plain"),
    3: (",", "utf-8", False, True, "Desil", None, "plain"),
    4: (";", "utf-8", False, False, "Percentile", None, "plain"),
    5: (";", "cp1252", False, True, "Desil", None, "plain"),
    6: (",", "utf-8", True, False, "Desil", None, "dec"),
    7: (";", "utf-8", True, True, "Desil", "Kode Kemendagri", "plain"),
}


def registry_columns(w: World, idx: np.ndarray, t: int) -> dict[str, pa.Array]:
    """The city's DTKS (to 2024) or DTSEN (from 2025) snapshot of one quarter."""
    eco = w.economics(idx, t)
    u = _u(idx, w.seed, 51, t)
    ext = eco["ext"]
    if t >= DTSEN_FROM:
        return _dtsen_columns(w, idx, t, eco, u)
    _, _, _, _, desil_header, kode, money = REGISTRY_STYLE[t]
    y, m, d = _split_date(birth_day(idx))
    sex = w.female[idx] ^ (_u(idx, w.seed, 52, t) < 0.0002)  # a typing slip: a warning
    if desil_header == "Percentile":
        desil = _s((eco["desil"] - 1) * 10 + 1 + (u * 9).astype(np.int64) % 9)
    else:
        desil = _s(eco["desil"])
    sumber = _where(
        w.usulan[idx] & (w.ext_in[idx] == w.enter[idx]), pa.scalar("Usulan"), pa.scalar("DTKS")
    )
    cols = {
        "ID DTKS": _cat(_s(w.kab[idx] * 100 + w.kec[idx]), _pad((idx * 48271 + 11) % 10**8, 8)),
        "Nomor_KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama_KRT": _names(w, idx),
        "JnsKel": _where(sex, pa.scalar("2"), pa.scalar("1")),
        "TglLahir": _cat(_cat(_pad(d, 2), _pad(m, 2), _s(y), sep="/"), " 0:00:00")
        if t in (0, 3)
        else _cat(_pad(d, 2), _pad(m, 2), _s(y), sep="/"),
        "Alamat": _alamat(w, idx, "plain"),
        "RT": _rtrw(w.rt[idx], u, 1.0 if t == 0 else 0.5),
        "RW": _rtrw(w.rw[idx], u, 1.0 if t == 0 else 0.5),
        "Kelurahan": _kelurahan(w, idx, 53 + t),
        "Kecamatan": _kecamatan(w, idx),
        desil_header: desil,
        "Jumlah_ART": _s(eco["j"]),
        "Miskin Ekstrem": _yes(ext),
        "Sumber Data": sumber,
        "Pekerjaan": _pick(PEKERJAAN, w.job[idx]),
        "Memiliki Usaha": _yes(w.usaha[idx]),
        "Pendapatan per Bulan": _money(eco["inc"], money),
        "Pengeluaran per Bulan": _money(eco["spend"], money),
        "Pengeluaran Pangan": _money(eco["pangan"], money),
        "Lantai": _housing(w, idx, "lantai", True),
        "Dinding": _housing(w, idx, "dinding", True),
        "Atap": _housing(w, idx, "atap", True),
        "Sumber_airminum": _housing(w, idx, "sumber_air", True),
        "Sumber_penerangan": _housing(w, idx, "penerangan", True),
        "Fasbab": _housing(w, idx, "fasilitas_bab", True),
        "Penerima PKH": _yes(w.pkh[idx]),
        "Penerima BPNT": _yes(w.bpnt[idx]),
        "PBI": _yes(w.pbi[idx]),
    }
    if kode:
        code = _kode_kel(w, idx)
        cols = _insert_after(cols, "Kelurahan", kode, code)
        cols["Kelurahan"] = _null_where(u > 0.9, cols["Kelurahan"])
    return cols


def _dtsen_columns(w: World, idx, t, eco, u) -> dict[str, pa.Array]:
    y, m, d = _split_date(birth_day(idx))
    sumber = _where(
        w.usulan[idx] & (w.ext_in[idx] == w.enter[idx]), pa.scalar("Usulan"), pa.scalar("DTSEN")
    )
    cols = {
        "no_kk": _kk(w, idx),
        "nik": _nik(w, idx),
        "nama": _names(w, idx),
        "id_jenis_kelamin": _where(w.female[idx], pa.scalar("2"), pa.scalar("1")),
        "tgl_lahir": _cat(_s(y), _pad(m, 2), _pad(d, 2), sep="-"),
        "alamat": _alamat(w, idx, "plain"),
        "rt": _s(w.rt[idx]),
        "rw": _s(w.rw[idx]),
        "nama_kel": _kelurahan(w, idx, 60 + t, share=0.15),
        "kecamatan": _kecamatan(w, idx),
        "desil_nasional_keluarga": _s(eco["desil"]),
        "jml_art": _s(eco["j"]),
        "kemiskinan_ekstrem": _where(eco["ext"], pa.scalar("1"), pa.scalar("0")),
        "sumber": sumber,
        "pekerjaan": _pick(PEKERJAAN, w.job[idx]),
        "sta_art_usaha": _where(w.usaha[idx], pa.scalar("1"), pa.scalar("0")),
        "penghasilan_bulanan": _s(eco["inc"]),
        "pengeluaran_bulanan": _s(eco["spend"]),
        "pengeluaran_pangan": _s(eco["pangan"]),
        "id_lantai_terluas": _housing(w, idx, "lantai", False),
        "id_dinding_terluas": _housing(w, idx, "dinding", False),
        "id_atap_terluas": _housing(w, idx, "atap", False),
        "id_sumber_airminum": _housing(w, idx, "sumber_air", False),
        "id_sumberpenerangan": _housing(w, idx, "penerangan", False),
        "id_fasilitas_bab": _housing(w, idx, "fasilitas_bab", False),
        "pbi": _where(w.pbi[idx], pa.scalar("1"), pa.scalar("0")),
        "pkh": _where(w.pkh[idx], pa.scalar("1"), pa.scalar("0")),
        "bpnt": _where(w.bpnt[idx], pa.scalar("1"), pa.scalar("0")),
    }
    if PERIODS[t] >= "2026-03":
        cols = _insert_after(cols, "rw", "kode_desa", _kode_kel(w, idx, dotted=False))
    return cols


def _insert_after(cols: dict, after: str, key: str, value) -> dict:
    out = {}
    for k, v in cols.items():
        out[k] = v
        if k == after:
            out[key] = value
    return out


def verval_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """Verval results, Jan-Feb 2023: Layak / Tidak Layak with a reason (BRIEF §0, §1.2)."""
    layak = w.layak[idx]
    alasan = w.L["alasan"][idx]
    kec = w.kec[idx].astype(np.int64)
    u = _u(idx, w.seed, 71)
    al = _pick(ALASAN, np.maximum(alasan, 0))
    al = _where(u < 0.2, pc.utf8_upper(al), al)
    cols = {
        "No": _s(np.arange(1, len(idx) + 1)),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Kepala Keluarga": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 72),
        "Kecamatan": _kecamatan(w, idx),
        "Sumber Daftar": _pick(
            ["P3KE", daftar_lokal(w.region.jenis), "Bansos Pemprov"], w.role[idx]
        ),
        "Tanggal Verval": _date(w.L["verval_day"][idx], "%d/%m/%Y"),
        "Hasil Verval": _yes(layak, "Layak", "Tidak Layak"),
        "Alasan Tidak Memenuhi": _null_where(layak, al),
        "Petugas": _pick(PETUGAS, ((kec - 1) * 3 + w.L["petugas"][idx]) % len(PETUGAS)),
    }
    return cols


PETUGAS = [  # three per kecamatan, invented
    "Dwi Santoso",
    "Siti Rahayu",
    "Moch. Hidayat",
    "Sri Wahyuni",
    "Agus Prasetyo",
    "Nur Hasanah",
    "Bambang Wibowo",
    "Endang Lestari",
    "Abdul Rahman",
    "Lilik Suryani",
    "Heru Setiawan",
    "Umi Khasanah",
]


@dataclass
class Payments:
    """Payment rows gathered programme by programme, as parallel arrays."""

    idx: list = field(default_factory=list)
    prog: list = field(default_factory=list)
    nilai: list = field(default_factory=list)
    day: list = field(default_factory=list)
    dana: list = field(default_factory=list)
    tahap: list = field(default_factory=list)
    ket: list = field(default_factory=list)

    def add(self, idx, prog, nilai, day, dana, tahap, ket=""):
        n = len(idx)
        self.idx.append(np.asarray(idx, np.int64))
        self.prog.append(np.full(n, prog, object))
        self.nilai.append(np.broadcast_to(np.asarray(nilai, np.int64), (n,)).copy())
        self.day.append(np.broadcast_to(np.asarray(day, np.int64), (n,)).copy())
        self.dana.append(np.full(n, dana, object))
        self.tahap.append(np.full(n, tahap, object))
        self.ket.append(np.full(n, "", object) if isinstance(ket, str) else ket)

    def done(self):
        return {k: np.concatenate(getattr(self, k)) for k in self.__dataclass_fields__}


BULAN = _words("Jan Feb Mar Apr Mei Jun Jul Agu Sep Okt Nov Des")


def _tranche(periode: str, months: int) -> str:
    y, m = _year(periode), int(periode[5:])
    return f"{BULAN[m - months]}-{BULAN[m - 1]} {y}"


def payments(w: World, periode: str) -> dict[str, np.ndarray]:
    """Who was paid what in the quarter ending `periode` (and the 2021-22 history)."""
    pay = Payments()
    y, m = _year(periode), int(periode[5:])
    last = _day(f"{periode}-01")
    if periode in ("2021-12", "2022-12"):
        pemkot = np.flatnonzero(w.role == 1)
        pemprov = np.flatnonzero(w.role == 2)
        pay.add(
            pemkot,
            "Sembako Daerah",
            600_000,
            last + 9 + w.kec[pemkot],
            "APBD",
            _tranche(periode, 3),
        )
        pay.add(pemprov, "Bansos Pemprov", 600_000, last + 15, "APBD Provinsi", f"Triwulan IV {y}")
        return pay.done()
    t = PERIODS.index(periode)
    rec = w.sembako[t]
    months = SEMBAKO_MONTHS[t]
    pay.add(
        rec,
        "Sembako Daerah",
        200_000 * months,
        last + 7 + 3 * w.kec[rec],
        "APBD",
        _tranche(periode, months),
    )
    pres = w.present(t)
    pkh = np.flatnonzero(pres & w.pkh)
    q = (m - 1) // 3 + 1
    pay.add(pkh, "PKH", w.pkh_amt[pkh], last - 30 + 14 + w.kec[pkh], "APBN", f"Tahap {q} {y}")
    bpnt = np.flatnonzero(pres & w.bpnt)
    pay.add(bpnt, "BPNT", 200_000 * months, last - 30 + 22, "APBN", _tranche(periode, months))
    if periode == BLT[0]:
        pay.add(w.blt, "BLT", 800_000, _day("2023-12-24"), "DBHCHT", "DBHCHT 2023")
    if t in w.modal:
        ids, ket = w.modal[t]
        day = {"2023-12": "2023-12-24", "2024-06": "2024-06-20", "2025-09": "2025-09-18"}[periode]
        pay.add(ids, "Modal Usaha", 2_500_000, _day(day), "DBHCHT", f"DBHCHT {y}", ket)
    return pay.done()


PROGRAM_TEXT = {  # how each programme is written in the lists, by variant
    "Sembako Daerah": ["Sembako Daerah", "BANSOS APBD", "Bansos Pemkot"],
    "Bansos Pemprov": ["Bansos Pemprov"],
    "PKH": ["PKH"],
    "BPNT": ["BPNT"],
    "BLT": ["BLT DBHCHT"],
    "Modal Usaha": ["Bantuan Modal Usaha"],
}
DANA_TEXT = {
    "APBD": ["APBD", "APBD Kota"],
    "APBD Provinsi": ["APBD Provinsi"],
    "APBN": ["APBN"],
    "DBHCHT": ["DBHCHT"],
}


def penyaluran_columns(w: World, periode: str, pay: dict) -> dict[str, pa.Array]:
    """A Dinsos payment list: one row per KPM per programme and tranche, money in mixed forms."""
    idx = pay["idx"]
    u = _u(idx, w.seed, 81, _year(periode) * 100 + int(periode[5:]))
    status = np.where(u < 0.02, 1, np.where(u < 0.03, 2, 0))
    status = np.where(np.isin(pay["prog"], ["BLT", "Modal Usaha"]) & (u >= 0.01), 0, status)
    k = _year(periode) % 3
    money_p = [[0.2, 0.6, 0.2], [0.5, 0.2, 0.3], [0.7, 0.15, 0.15]][k]
    variants = {p: v[k % len(v)] for p, v in PROGRAM_TEXT.items()}
    prog = pa.array(pd.Series(pay["prog"]).map(variants).to_numpy(dtype=object), pa.string())
    dana = pa.array(
        pd.Series(pay["dana"])
        .map({d: v[k % len(v)] for d, v in DANA_TEXT.items()})
        .to_numpy(dtype=object),
        pa.string(),
    )
    fmt = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y 0:00:00"][
        (_year(periode) + int(periode[5:])) % 4
    ]
    if periode == "2023-12":
        fmt = "%d/%m/%Y"  # the XLSX round: real date cells
    status_txt = _pick(["Tersalur", "Gagal", "Retur"], status)
    status_txt = _where(u > 0.7, pc.utf8_upper(status_txt), status_txt)
    history = periode < "2023-01"
    cols = {
        "No": _s(np.arange(1, len(idx) + 1)),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Penerima": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 82),
        "Jenis Bantuan": prog,
        "Tahap": pa.array(pay["tahap"].astype(str)),
        "Tanggal Salur": _date(pay["day"], fmt),
        "Nominal": _money(pay["nilai"], _choose(_u(idx, w.seed, 83, k), money_p)),
        "Status Salur": status_txt,
        "Sumber Dana": dana,
        "Keterangan": pa.array(pay["ket"].astype(str)),
    }
    if history:
        cols = {
            k2: v
            for k2, v in cols.items()
            if k2 not in ("No", "NIK", "Kelurahan", "Tahap", "Keterangan")
        }
        cols = {("Nama" if k2 == "Nama Penerima" else k2): v for k2, v in cols.items()}
    return cols


def pemantauan_rows(w: World, t: int) -> np.ndarray:
    """Families visited in quarter t: everyone on the list at t-1 who left, and most who stayed."""
    was = np.flatnonzero(w.extreme(t - 1))
    left = w.ext_out[was] == t
    seen = left | (_u(was, w.seed, 91, t) < 0.9)
    return was[seen]


def pemantauan_columns(w: World, idx: np.ndarray, t: int) -> dict[str, pa.Array]:
    """Visit records: the same economics as the registry, and why a family left the list."""
    eco = w.economics(idx, t)
    left = w.ext_out[idx] == t
    why = np.where(left, w.why[idx], -1)
    gone = np.isin(why, [1, 2])
    status = np.where(why == 0, 1, np.where(why == 1, 2, np.where(why == 2, 3, 0)))
    u = _u(idx, w.seed, 92, t)
    closed = np.where(w.grant[idx] <= t, w.fails[idx], u < 0.05)
    usaha = np.where(w.usaha[idx], np.where(closed, 1, 0), 2)  # berjalan, tutup, belum ada
    period_day = _day(f"{PERIODS[t]}-01")
    day = period_day + 1 + (u * 26).astype(np.int64)
    catatan = np.full(len(idx), "", object)
    catatan[(w.grant[idx] <= t) & ~gone] = "Penerima modal usaha"
    catatan[why == 1] = "Kepala keluarga meninggal"
    catatan[why == 2] = "Pindah domisili"
    catatan[why == 0] = "Pengeluaran per kapita di atas garis"
    cols = {
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Kepala Keluarga": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 93),
        "Tanggal Kunjungan": _date(day, "%d/%m/%Y"),
        "Jumlah Anggota Keluarga": _null_where(gone, _s(eco["j"])),
        "Pendapatan per Bulan": _null_where(gone, _s(eco["inc"])),
        "Total Pengeluaran": _null_where(gone, _s(eco["spend"])),
        "Pengeluaran Makanan": _null_where(gone, _s(eco["pangan"])),
        "Status Usaha": _null_where(gone, _pick(["Berjalan", "Tutup", "Belum Ada"], usaha)),
        "Status Kemiskinan": _pick(["Masih Ekstrem", "Keluar", "Meninggal", "Pindah"], status),
        "Petugas": _pick(
            PETUGAS,
            ((w.kec[idx].astype(np.int64) - 1) * 3 + (u * 3).astype(np.int64) % 3) % len(PETUGAS),
        ),
        "Catatan": pa.array(catatan.astype(str)),
    }
    return cols


def kube_columns(w: World, periode: str) -> dict[str, pa.Array]:
    """The KUBE roster at `periode`: one row per member still in the registry."""
    t = PERIODS.index(periode)
    year = _year(periode)
    rows = {
        k: [] for k in ("id", "nama", "kel", "usaha", "born", "m", "jab", "modal", "omzet", "aktif")
    }
    for g in w.kube:
        if _year_of(g["born"]) > year:
            continue
        members = g["members"][w.exit[g["members"]] > t]
        if len(members) == 0:
            continue
        aktif = g["stop"] > t
        yrs = max(0, year - _year_of(g["born"]))
        omzet = int(round(g["omzet0"] * (1 + g["growth"]) ** yrs / 50_000)) * 50_000 if aktif else 0
        for j, fam in enumerate(members):
            rows["id"].append(g["id"])
            rows["nama"].append(g["nama"])
            rows["kel"].append(g["kel"])
            rows["usaha"].append(g["usaha"])
            rows["born"].append(g["born"])
            rows["m"].append(fam)
            rows["jab"].append(["Ketua", "Sekretaris", "Bendahara"][j] if j < 3 else "Anggota")
            # Group values sit on the ketua's row only, as in merged-cell spreadsheets.
            rows["modal"].append(g["modal"] if j == 0 else -1)
            rows["omzet"].append(omzet if j == 0 else -1)
            rows["aktif"].append(aktif)
    idx = np.array(rows["m"], np.int64)
    modal = np.array(rows["modal"], np.int64)
    omzet = np.array(rows["omzet"], np.int64)
    kel_idx = np.array(rows["kel"], np.int64)
    return {
        "No": _s(np.arange(1, len(idx) + 1)),
        "ID KUBE": pa.array(rows["id"]),
        "Nama KUBE": pa.array(rows["nama"]),
        "Kelurahan": _pick(w.kel_names, kel_idx),
        "Kecamatan": _pick(w.kec_names, kel_idx),
        "Jenis Usaha": pa.array(rows["usaha"]),
        "Tanggal Bentuk": _date(np.array(rows["born"], np.int64), "%d/%m/%Y"),
        "Nama Anggota": _names(w, idx),
        "Jabatan": pa.array(rows["jab"]),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Bantuan Modal": _null_where(modal < 0, _money(np.maximum(modal, 0), "rp")),
        "Omzet per Bulan": _null_where(omzet < 0, _money(np.maximum(omzet, 0), "plain")),
        "Status": _yes(np.array(rows["aktif"], bool), "Aktif", "Tidak Aktif"),
    }


# --- mess: rows the importer must reject --------------------------------------------------------


@dataclass
class Mess:
    """Extra rows for one file: bad rows spliced in, copies of real rows, blanks, a total row."""

    rows: list[dict] = field(default_factory=list)  # header -> text
    dups: list[int] = field(default_factory=list)  # rows repeated a little further down
    blanks: int = 0
    total: dict | None = None  # header -> text, the last line

    @property
    def count(self) -> int:
        return len(self.rows) + len(self.dups) + self.blanks + (1 if self.total else 0)


def _sci(text: str) -> str:
    """How Excel shows a 16-digit number it has already rounded: 3.57504E+15."""
    return f"{text[0]}.{text[1:6]}E+15"


def _as_rows(cols: dict[str, pa.Array]) -> list[dict]:
    n = len(next(iter(cols.values())))
    return [{k: v[i].as_py() for k, v in cols.items()} for i in range(n)]


def _phantoms(w: World, cols: dict[str, pa.Array], file_no: int, kk: str, nik: str | None):
    """Rows of real families given identifiers no real family has, ready to be spoiled."""
    rows = _as_rows(cols)
    k = np.arange(len(rows))
    ids = PHANTOM + file_no * 100 + k
    kec = np.array([1 + i % 4 for i in k])
    kks = kk_number(ids, kec, w.prefix)
    for i, row in enumerate(rows):
        row[kk] = str(kks[i])
        if nik and row.get(nik):
            # Same birth date and sex as the row, another serial: only the spoiling is wrong.
            row[nik] = f"{row[nik][:12]}{9000 + (file_no % 90) * 10 + i}"
    return rows


def _positions(n: int, k: int, seed: int, salt: int) -> np.ndarray:
    n = min(n, MESS_SPAN)
    u = _u(np.arange(k), seed, salt)
    return (n // 5 + u * max(1, (3 * n) // 5)).astype(np.int64)


def _dups(n: int, k: int, seed: int, salt: int) -> list[int]:
    """Rows to repeat; all near the top, which is where the mess is spliced in."""
    n = min(n, MESS_SPAN)
    if n < 10:
        return []
    return sorted({int(x) for x in (_u(np.arange(k), seed, salt) * (n // 2)).astype(np.int64)})


def _assemble(cols: dict[str, pa.Array], mess: Mess, seed: int, salt: int, total: bool = True):
    """Splice the mess into a table: copies just below their originals, blanks, the total last."""
    n = len(next(iter(cols.values())))
    extra = list(mess.rows) + [dict.fromkeys(cols)] * mess.blanks
    pos = _positions(n, len(extra), seed, salt)
    refs = n + np.arange(len(extra), dtype=np.int64)
    src = np.array(mess.dups, dtype=np.int64)
    if len(src):
        pos = np.concatenate(
            [pos, np.minimum(src + 1 + (_u(src, seed, salt) * 40).astype(np.int64), n)]
        )
        refs = np.concatenate([refs, src])
    sort = np.argsort(pos, kind="stable")
    order = pa.array(np.insert(np.arange(n, dtype=np.int64), pos[sort], refs[sort]))
    tail = [mess.total] if (total and mess.total) else []
    out = {}
    for key, arr in cols.items():
        add = pa.array([r.get(key) for r in extra], pa.string())
        full = pa.concat_arrays([arr.cast(pa.string()), add]).take(order)
        if tail:
            full = pa.concat_arrays([full, pa.array([tail[0].get(key)], pa.string())])
        out[key] = full
    return out


# --- writers -------------------------------------------------------------------------------------


def _csv_field(arr: pa.Array, delim: str) -> pa.Array:
    arr = arr.cast(pa.string()).fill_null("")
    needs = pc.or_(pc.match_substring(arr, delim), pc.match_substring(arr, '"'))
    if not pc.any(needs).as_py():
        return arr
    quoted = _cat('"', pc.replace_substring(arr, '"', '""'), '"')
    return pc.if_else(needs, quoted, arr)


def _csv_bytes(arrays: list[pa.Array], delim: str, nl: str, encoding: str) -> bytes:
    import pyarrow.csv as pacsv

    table = pa.Table.from_arrays(arrays, names=[f"c{i}" for i in range(len(arrays))])
    sink = pa.BufferOutputStream()
    try:  # Arrow's writer is fast but will not quote; it refuses a cell that needs quotes
        options = pacsv.WriteOptions(
            include_header=False, delimiter=delim, quoting_style="none", eol=nl
        )
        pacsv.write_csv(table, sink, options)
        data = sink.getvalue().to_pybytes()
    except pa.ArrowInvalid:
        line = _cat(*[_csv_field(a, delim) for a in arrays], sep=delim)
        data = _string_bytes(_cat(line, nl))
    return data if encoding == "utf-8" else data.decode("utf-8").encode(encoding)


def _string_bytes(arr: pa.Array) -> bytes:
    """The UTF-8 bytes of all strings of `arr`, back to back."""
    if len(arr) == 0:
        return b""
    offsets = np.frombuffer(arr.buffers()[1], np.int32, len(arr) + 1, arr.offset * 4)
    return arr.buffers()[2].to_pybytes()[offsets[0] : offsets[-1]]


def write_csv(
    path: Path,
    chunks: Iterator[dict[str, pa.Array]],
    delim: str = ",",
    encoding: str = "utf-8",
    bom: bool = False,
    crlf: bool = False,
    curly: bool = False,
) -> int:
    """Write chunks of text columns as one CSV; returns the number of lines below the header."""
    nl = "\r\n" if crlf else "\n"
    n = 0
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        if bom:
            fh.write(b"\xef\xbb\xbf")
        for i, cols in enumerate(chunks):
            if i == 0:
                cells = [f'"{h}"' if delim in h else h for h in cols]
                fh.write((delim.join(cells) + nl).encode(encoding))
            arrays = [a.cast(pa.string()) for a in cols.values()]
            if curly:  # what Excel on Windows types for an apostrophe
                arrays = [pc.replace_substring(a, "'", "\u2019") for a in arrays]
            fh.write(_csv_bytes(arrays, delim, nl, encoding))
            n += len(arrays[0])
    os.chmod(tmp, 0o600)  # exports hold (synthetic) names and NIKs: private like the lake
    tmp.replace(path)
    return n


def _col_letter(j: int) -> str:
    s = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        s = chr(65 + r) + s
    return s


def _xml_escape(arr: pa.Array) -> pa.Array:
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        arr = pc.replace_substring(arr, a, b)
    return arr


def _text_cell(ref: str, text: str, style: int = 1) -> str:
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr" s="{style}"><is><t>{esc}</t></is></c>'


XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def write_xlsx(
    path: Path,
    cols: dict[str, pa.Array],
    sheet: str,
    title: str | None = None,
    numbers: tuple[str, ...] = (),
    dates: tuple[str, ...] = (),
) -> int:
    """One sheet of inline strings, built column-wise with Arrow (XlsxWriter is ~50x slower).

    `numbers` columns holding digits become number cells; `dates` columns (dd/mm/yyyy) become
    real date cells. The zip entries carry a fixed timestamp, so a seed gives the same bytes.
    """
    import zipfile

    headers = list(cols)
    n = len(cols[headers[0]])
    top = 3 if title else 1
    head = []
    if title:
        head.append(f'<row r="1">{_text_cell("A1", title)}</row>')
    cells = "".join(_text_cell(f"{_col_letter(j)}{top}", h) for j, h in enumerate(headers))
    head.append(f'<row r="{top}">{cells}</row>')
    rownum = _s(np.arange(top + 1, top + 1 + n))
    parts = []
    for j, h in enumerate(headers):
        arr = cols[h].cast(pa.string())
        ref = _cat('<c r="', _col_letter(j), rownum, '"')
        cell = _cat(
            ref, ' t="inlineStr"><is><t xml:space="preserve">', _xml_escape(arr), "</t></is></c>"
        )
        if h in numbers:
            num = pc.match_substring_regex(arr, "^[0-9]{1,15}$")
            cell = pc.if_else(pc.fill_null(num, False), _cat(ref, "><v>", arr, "</v></c>"), cell)
        if h in dates:
            ts = pc.strptime(arr, format="%d/%m/%Y", unit="s", error_is_null=True)
            days = pc.divide(pc.cast(ts, pa.int64()), 86400)
            serial = _cat(ref, ' s="2"><v>', pc.cast(pc.add(days, 25569), pa.string()), "</v></c>")
            cell = pc.if_else(pc.is_valid(ts), serial, cell)
        filled = pc.and_kleene(pc.is_valid(arr), pc.not_equal(arr, ""))
        parts.append(pc.if_else(pc.fill_null(filled, False), cell, ""))
    rows = _cat('<row r="', rownum, '">', *parts, "</row>")
    sheet_xml = (
        (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + "".join(head)
        ).encode()
        + _string_bytes(rows)
        + b"</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    files = {**XLSX_PARTS, "xl/workbook.xml": workbook, "xl/worksheets/sheet1.xml": sheet_xml}
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 2, 0, 0, 0))
            zf.writestr(info, data, zipfile.ZIP_DEFLATED, 1)
    os.chmod(tmp, 0o600)  # exports hold (synthetic) names and NIKs: private like the lake
    tmp.replace(path)
    return n


# --- the files, in import order ------------------------------------------------------------------


class _Writer:
    """Writes each export of the demo into `out` and remembers it, in import order."""

    def __init__(self, w: World, out: Path, say):
        self.w, self.out, self.say = w, out, say
        self.files: list[ExportFile] = []
        self.file_no = 0

    def _emit(self, name: str, jenis: str, periode: str) -> Path:
        self.say(f"Menulis data contoh {jenis} {periode}")
        self.file_no += 1
        self.files.append(ExportFile(self.out / name, jenis, periode))
        return self.out / name

    def _csv(self, path, n, build, mess: Mess, salt, **fmt) -> None:
        """Write rows 0..n as one CSV, or as parts of PART_ROWS rows when there are more: the
        mess in the first part's top rows, the total row at the end of the last."""
        parts = max(1, math.ceil(n / PART_ROWS))

        def chunks(start: int, stop: int, last: bool):
            cols = {}
            for lo in range(start, max(stop, 1), CHUNK):
                cols = build(lo, min(stop, lo + CHUNK))
                if lo == 0:
                    top = {k: v.slice(0, MESS_SPAN) for k, v in cols.items()}
                    yield _assemble(top, mess, self.w.seed, salt, total=False)
                    cols = {k: v.slice(MESS_SPAN) for k, v in cols.items()}
                if len(next(iter(cols.values()))):
                    yield cols
            if mess.total and last:
                yield {k: pa.array([mess.total.get(k)], pa.string()) for k in cols}

        if parts == 1:
            write_csv(path, chunks(0, n, True), **fmt)
            return
        names = [path.with_name(f"{path.stem}_bagian{i + 1}{path.suffix}") for i in range(parts)]
        export = self.files[-1]
        export.path, export.more = names[0], names[1:]
        for i, part in enumerate(names):
            self.say(f"Menulis {part.name}")
            stop = min(n, (i + 1) * PART_ROWS)
            write_csv(part, chunks(i * PART_ROWS, stop, i == parts - 1), **fmt)

    # ----- the fixed lists -----
    def p3ke(self) -> None:
        w = self.w
        idx = np.arange(w.n_p3ke)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        cols = p3ke_columns(w, idx)
        bad = _phantoms(w, p3ke_columns(w, idx[:5]), self.file_no, "No KK", "NIK")
        mess = self._keluarga_mess(
            bad, "No KK", "NIK", "Desa/Kelurahan", "Kode Kemendagri", len(idx)
        )
        mess.total = {"ID Keluarga P3KE": "JUMLAH", "Jumlah ART": str(int(w.j0[idx].sum()))}
        path = self._emit("2021-12_keluarga_p3ke.xlsx", "keluarga", "2021-12")
        cols = _assemble(cols, mess, w.seed, 101)
        write_xlsx(
            path,
            cols,
            "Keluarga",
            title=f"DATA P3KE {self.w.region.nama.upper()} 2021 (DATA CONTOH SINTETIS)",
            numbers=("Desil Kesejahteraan", "Jumlah ART"),
        )

    def _keluarga_mess(self, bad, kk, nik, kel, code, n) -> Mess:
        bad = bad[:5]
        bad[0][nik] = _sci(bad[0][nik])
        bad[1][nik] = _sci(bad[1][nik])
        bad[2][nik] = bad[2][nik][:15]
        bad[3][kk] = _sci(bad[3][kk])
        bad[4][kel] = "Kel. Antah Berantah"
        if code:
            bad[4][code] = None
        return Mess(rows=bad, dups=_dups(n, 2, self.w.seed, 200 + self.file_no), blanks=2)

    def bansos(self) -> None:
        w = self.w
        idx = np.arange(w.n_p3ke, w.n_list)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        build = lambda i: bansos_columns(w, i)  # noqa: E731
        bad = _phantoms(w, build(idx[:5]), self.file_no, "NOKK", "NIK KRT")
        mess = self._keluarga_mess(bad, "NOKK", "NIK KRT", "Kelurahan", None, len(idx))
        mess.total = {"No": "JUMLAH", "Jumlah_ART": str(int(w.j0[idx].sum()))}
        path = self._emit("2022-12_keluarga_bansos.csv", "keluarga", "2022-12")
        self._csv(path, len(idx), lambda lo, hi: build(idx[lo:hi]), mess, 102, delim=";")

    def verval(self) -> None:
        w = self.w
        idx = np.arange(w.n_list)
        idx = idx[np.lexsort((idx, w.kel[idx], w.L["verval_day"][idx]))]
        bad = _phantoms(w, verval_columns(w, idx[:2]), self.file_no, "No KK", "NIK")
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        bad[1]["Hasil Verval"], bad[1]["Alasan Tidak Memenuhi"] = "Tidak Layak", None
        mess = Mess(rows=bad, dups=_dups(len(idx), 2, w.seed, 203), blanks=1)
        if len(idx) > EXCEL_ROWS:
            # a province's lists at full size (Jawa Timur at 5.000.000 keluarga: 1.081.042
            # rows) are more rows than a sheet holds: the export is a CSV, as a real one would be
            path = self._emit("2023-02_verval.csv", "verval", "2023-02")
            build = lambda lo, hi: verval_columns(w, idx[lo:hi])  # noqa: E731
            self._csv(path, len(idx), build, mess, 103, delim=";")
            return
        path = self._emit("2023-02_verval.xlsx", "verval", "2023-02")
        cols = _assemble(verval_columns(w, idx), mess, w.seed, 103)
        write_xlsx(path, cols, "Hasil Verval", dates=("Tanggal Verval",))

    # ----- quarterly files -----
    def keluarga(self, t: int) -> None:
        w, periode = self.w, PERIODS[t]
        idx = np.flatnonzero(w.present(t))
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        dtsen = t >= DTSEN_FROM
        build = lambda i: registry_columns(w, i, t)  # noqa: E731
        probe = build(idx[:5])
        kk, nik, kel = ("no_kk", "nik", "nama_kel") if dtsen else ("Nomor_KK", "NIK", "Kelurahan")
        code = next(
            (c for c in ("Kode Kelurahan", "Kode Kemendagri", "kode_desa") if c in probe), None
        )
        bad = _phantoms(w, probe, self.file_no, kk, nik)
        mess = self._keluarga_mess(bad, kk, nik, kel, code, len(idx))
        j = np.clip(w.j0[idx] + w.j_d[idx] * (w.j_t[idx] <= t), 1, 8)
        first, art = ("no_kk", "jml_art") if dtsen else ("ID DTKS", "Jumlah_ART")
        mess.total = {first: "JUMLAH", art: str(int(j.sum()))}
        sumber = "dtsen" if dtsen else "dtks"
        if t == 0 and len(idx) <= XLSX_MAX_ROWS:
            path = self._emit(f"{periode}_keluarga_{sumber}.xlsx", "keluarga", periode)
            cols = _assemble(build(idx), mess, w.seed, 110 + t)
            title = f"DTKS {self.w.region.nama.upper()} - KONDISI MARET 2023 (DATA CONTOH SINTETIS)"
            write_xlsx(path, cols, "DTKS", title=title, numbers=("Desil", "Jumlah_ART"))
            return
        delim, enc, bom, crlf = REGISTRY_STYLE.get(t, (",", "utf-8", False, False))[:4]
        path = self._emit(f"{periode}_keluarga_{sumber}.csv", "keluarga", periode)
        self._csv(
            path,
            len(idx),
            lambda lo, hi: build(idx[lo:hi]),
            mess,
            110 + t,
            delim=delim,
            encoding=enc,
            bom=bom,
            crlf=crlf,
            curly=enc == "cp1252",
        )

    def penyaluran(self, periode: str) -> None:
        w = self.w
        pay = payments(w, periode)
        order = np.lexsort((pay["idx"], w.kel[pay["idx"]], pd.factorize(pay["prog"])[0]))
        pay = {k: v[order] for k, v in pay.items()}
        n = len(pay["idx"])
        build = lambda lo, hi: penyaluran_columns(w, periode, {k: v[lo:hi] for k, v in pay.items()})  # noqa: E731
        probe = build(0, 1)
        bad = _phantoms(w, probe, self.file_no, "No KK", "NIK" if "NIK" in probe else None)
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        if "NIK" in bad[0]:
            bad[0]["NIK"] = None
        first = next(iter(probe))
        total = {
            first: "JUMLAH",
            "Nominal": _money(np.array([pay["nilai"].sum()]), "rp")[0].as_py(),
        }
        mess = Mess(rows=bad, dups=_dups(n, 2, w.seed, 300 + self.file_no), blanks=1, total=total)
        if periode == "2023-12" and n <= XLSX_MAX_ROWS:
            path = self._emit(f"{periode}_penyaluran.xlsx", "penyaluran", periode)
            cols = _assemble(build(0, n), mess, w.seed, 120)
            title = "REKAP PENYALURAN BANSOS TRIWULAN IV 2023"
            write_xlsx(path, cols, "Penyaluran", title=title, dates=("Tanggal Salur",))
            return
        name = "penyaluran_riwayat" if periode < "2023" else "penyaluran"
        path = self._emit(f"{periode}_{name}.csv", "penyaluran", periode)
        delim = ";" if periode < "2025" else ","
        self._csv(path, n, build, mess, 121, delim=delim)

    def kube(self, periode: str) -> None:
        w = self.w
        cols = kube_columns(w, periode)
        if not len(next(iter(cols.values()))):
            return  # a region too large for its families to form any KUBE (a small province)
        bad = _phantoms(
            w, {k: v.slice(0, 1) for k, v in cols.items()}, self.file_no, "No KK", "NIK"
        )
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        mess = Mess(rows=bad, blanks=1)
        cols = _assemble(cols, mess, w.seed, 130)
        if periode in ("2023-12", "2025-12"):
            path = self._emit(f"{periode}_kube.xlsx", "kube", periode)
            write_xlsx(path, cols, "KUBE", title=f"DATA KUBE {w.region.nama.upper()} {periode[:4]}")
        else:
            path = self._emit(f"{periode}_kube.csv", "kube", periode)
            write_csv(path, iter([cols]), delim=";")

    def pemantauan(self, t: int) -> None:
        w, periode = self.w, PERIODS[t]
        idx = pemantauan_rows(w, t)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        build = lambda lo, hi: pemantauan_columns(w, idx[lo:hi], t)  # noqa: E731
        bad = _phantoms(w, build(0, 1), self.file_no, "No KK", "NIK")
        bad[0]["No KK"] = bad[0]["No KK"][:15]
        mess = Mess(rows=bad, dups=_dups(len(idx), 1, w.seed, 400 + t), blanks=1)
        path = self._emit(f"{periode}_pemantauan.csv", "pemantauan", periode)
        self._csv(path, len(idx), build, mess, 140 + t, delim=",")


def write_exports(
    out_dir: Path,
    keluarga: int = 20000,
    seed: int = 2023,
    progress: Progress = None,
    wilayah: str = region.BAWAAN,
) -> list[ExportFile]:
    """Write the synthetic exports into `out_dir`; returns them in the order to import them."""
    out = Path(out_dir)
    private_dir(out)
    say = progress or (lambda _msg: None)
    say(f"Menyiapkan {keluarga:,} keluarga contoh".replace(",", "."))
    w = World(keluarga, seed, wilayah)
    wr = _Writer(w, out, say)
    wr.p3ke()
    wr.penyaluran("2021-12")
    wr.bansos()
    wr.penyaluran("2022-12")
    wr.verval()
    for t, periode in enumerate(PERIODS):
        wr.keluarga(t)
        wr.penyaluran(periode)
        if periode.endswith("-12") or t == T - 1:
            wr.kube(periode)
        if t >= 1:
            wr.pemantauan(t)
    return wr.files


def build(
    data_dir: Path,
    keluarga: int = 20000,
    seed: int = 2023,
    progress: Progress = None,
    wilayah: str | None = None,
) -> list:
    """Mark the lake as demo data, write the exports into data_dir/exports and import each one.

    Refused in a data directory that holds real data. The marker comes first, so from the
    first batch on no import but this one can write into the lake (Lake.check_writer).
    """
    from pantau.ingest import import_files
    from pantau.lake import Lake

    _periksa_ukuran(keluarga)
    data_dir = Path(data_dir)
    lake = Lake(data_dir)
    lake.check_writer(demo=True)
    # The region: chosen here (refused in a dir holding another region's batches), else the
    # one the data directory already serves.
    kode = region.tetapkan(data_dir, wilayah).kode if wilayah else region.kode(data_dir)
    say = progress or (lambda _msg: None)
    private_dir(lake.root)
    lake.demo_marker.write_text(f"seed={seed}\nkeluarga={keluarga}\n", encoding="utf-8")
    os.chmod(lake.demo_marker, 0o600)
    files = write_exports(data_dir / "exports", keluarga, seed, progress, kode)
    summaries = []
    for f in files:
        say(f"Mengimpor {', '.join(p.name for p in f.paths)}")
        summaries.append(import_files(f.paths, f.jenis, f.periode, data_dir, _demo=True))
    return summaries


def remove(data_dir: Path) -> list[str]:
    """`demo --hapus`: remove the demo lake, its notes and export files, and the marker."""
    from pantau.lake import Lake

    return Lake(data_dir).remove_demo()

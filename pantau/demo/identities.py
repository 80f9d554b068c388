"""Who a family is: the head's name, and NIK and No KK numbers that never collide.

A number is a bijection of the family index onto (date, serial), so two families never share one
and the same index always gets the same number.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from pantau.demo.assumptions import PERIODS
from pantau.demo.codebooks import _words
from pantau.demo.days import _day, _split_date

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


def _coprime(n: int, start: int) -> int:
    a = start
    while math.gcd(a, n) != 1:
        a += 2
    return a


# Identifiers: a bijection of the family index onto (date, serial), so they never collide.
BIRTH_FROM, BIRTH_TO = _day("1945-01-01"), _day("1994-01-01")
KK_FROM, KK_TO = _day("2011-01-01"), _day("2021-06-30")
NIK_SPACE = (BIRTH_TO - BIRTH_FROM) * 9999
KK_SPACE = (KK_TO - KK_FROM) * 9999
NIK_MUL = _coprime(NIK_SPACE, 2_147_483_647)
KK_MUL = _coprime(KK_SPACE, 1_000_000_007)


# Members born after the heads' range (children, grandchildren): their own bijection of
# (date, serial), over dates to the last quarter's end, so no two share a NIK.
CHILD_FROM, CHILD_TO = BIRTH_TO, _day(str(pd.Period(PERIODS[-1], "M").end_time.date()))
CHILD_SPACE = (CHILD_TO - CHILD_FROM) * 9999
CHILD_MUL = _coprime(CHILD_SPACE, 1_299_709)


def _x(idx, mul: int, add: int, space: int) -> np.ndarray:
    """The bijection of an index onto 0 … space-1 (a date offset and a serial)."""
    return (np.asarray(idx, np.int64) * mul + add) % space


def _digits(x, day_from: int, days: int, kec, prefix, female=None) -> np.ndarray:
    """prefix + kecamatan + DDMMYY of day_from + x % days (women DD+40) + serial x // days + 1."""
    y, m, d = _split_date(day_from + x % days)
    if female is not None:
        d = d + 40 * np.asarray(female, np.int64)
    return (
        np.asarray(prefix, np.int64) * 10**12
        + np.asarray(kec, np.int64) * 10**10
        + d * 10**8
        + m * 10**6
        + (y % 100) * 10**4
        + x // days
        + 1
    )


def child_birth_day(cid: np.ndarray) -> np.ndarray:
    return CHILD_FROM + _x(cid, CHILD_MUL, 3_571, CHILD_SPACE) % (CHILD_TO - CHILD_FROM)


def child_nik(cid: np.ndarray, kec: np.ndarray, female: np.ndarray, prefix) -> np.ndarray:
    """A child's NIK: its birth date (child_birth_day) and a serial, unique per `cid`."""
    x = _x(cid, CHILD_MUL, 3_571, CHILD_SPACE)
    return _digits(x, CHILD_FROM, CHILD_TO - CHILD_FROM, kec, prefix, female)


def birth_day(idx: np.ndarray) -> np.ndarray:
    return BIRTH_FROM + _x(idx, NIK_MUL, 7_919, NIK_SPACE) % (BIRTH_TO - BIRTH_FROM)


def nik_number(
    idx: np.ndarray, kec: np.ndarray, female: np.ndarray, prefix: int = 3575
) -> np.ndarray:
    """NIK: 3575 (the region's kab/kota) + kecamatan + DDMMYY (women DD+40) + serial
    0001-9999, unique per index."""
    x = _x(idx, NIK_MUL, 7_919, NIK_SPACE)
    return _digits(x, BIRTH_FROM, BIRTH_TO - BIRTH_FROM, kec, prefix, female)


def kk_number(idx: np.ndarray, kec: np.ndarray, prefix: int = 3575) -> np.ndarray:
    """No KK: 3575 (the region's kab/kota) + kecamatan + issue date DDMMYY + serial, unique
    per index."""
    return _digits(_x(idx, KK_MUL, 104_729, KK_SPACE), KK_FROM, KK_TO - KK_FROM, kec, prefix)

"""A small lake for the Daftar SK and the quarterly report: two flagged lists six months apart,
with every way of entering and leaving the SK list, worked out by hand below.

Families (index → No KK `kk(i)`), kecamatan Panggungrejo (35.75.04) unless said:
  0 A  on both lists, extreme                        → tetap (Panggungrejo)
  1 B  on both lists, extreme; Gadingrejo (35.75.01)  → tetap (Gadingrejo)
  2 C  2024-06 only extreme; visit 2024-09-10 'keluar' (graduasi), still listed 2024-12
       not flagged                                   → keluar graduasi (Panggungrejo)
  3 D  2024-06 only; verval 2024-11-05 tidak memenuhi, alasan meninggal; not on 2024-12
                                                     → keluar meninggal (Panggungrejo)
  4 E  2024-06 only; on 2024-12 not flagged, nothing recorded
                                                     → keluar tidak memenuhi syarat (Gadingrejo)
  5 F  2024-12 only, sumber Usulan                   → masuk usulan (Gadingrejo)
  6 G  2024-12 only; verval 2024-10-01 memenuhi      → masuk verval (Panggungrejo)
  7 H  2024-12 only, DTSEN, nothing else             → masuk pemutakhiran daftar (Panggungrejo)
  8 I  2024-12 only, not flagged                     → on no SK
Version 1 (2024-06): A B C D E = 5 keluarga (Panggungrejo 3: A C D; Gadingrejo 2: B E).
Version 2 (2024-12): A B F G H = 5 keluarga (Panggungrejo 3: A G H; Gadingrejo 2: B F).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.lakes import build_lake, keluarga_rows, kk, nik

PANGGUNGREJO, GADINGREJO = "35.75.04.1007", "35.75.01.1002"
NAMA = "ABCDEFGHIJ"


def family(i: int, kel: str, ekstrem: bool, sumber: str = "DTSEN") -> dict:
    return {
        "no_kk": kk(i),
        "nik_kepala": nik(i),
        "nama_kepala": f"Kepala {NAMA[i]}",
        "alamat": f"Jl. Uji No. {i}",
        "rt": str(i + 1),
        "rw": "2",
        "kode_kel": kel,
        "miskin_ekstrem": "Ya" if ekstrem else "Tidak",
        "sumber_data": sumber,
        "pengeluaran_bulanan": 1_000_000,
    }


JUNI = [
    family(0, PANGGUNGREJO, True),
    family(1, GADINGREJO, True),
    family(2, PANGGUNGREJO, True),
    family(3, PANGGUNGREJO, True),
    family(4, GADINGREJO, True),
]
DESEMBER = [
    family(0, PANGGUNGREJO, True),
    family(1, GADINGREJO, True),
    family(2, PANGGUNGREJO, False),
    family(4, GADINGREJO, False),
    family(5, GADINGREJO, True, "Usulan"),
    family(6, PANGGUNGREJO, True),
    family(7, PANGGUNGREJO, True),
    family(8, PANGGUNGREJO, False),
]
VERVAL = pd.DataFrame(
    [
        {
            "no_kk": kk(3),
            "tanggal_verval": "2024-11-05",
            "hasil": "Tidak Memenuhi",
            "alasan": "Meninggal",
        },
        {"no_kk": kk(6), "tanggal_verval": "2024-10-01", "hasil": "Memenuhi", "alasan": ""},
    ]
)
PEMANTAUAN = pd.DataFrame(
    [
        {"no_kk": kk(2), "tanggal": "2024-09-10", "status_ekstrem": "keluar"},
        {"no_kk": kk(0), "tanggal": "2024-09-11", "status_ekstrem": "masih ekstrem"},
    ]
)
# Aid in 2024 for the quarterly report: PKH to A and B (APBN), Sembako Daerah to G (APBD).
PENYALURAN = pd.DataFrame(
    [
        {
            "no_kk": kk(0),
            "program": "PKH",
            "tanggal_salur": "2024-10-15",
            "nilai": 750_000,
            "status": "tersalur",
            "sumber_dana": "APBN",
        },
        {
            "no_kk": kk(1),
            "program": "PKH",
            "tanggal_salur": "2024-10-15",
            "nilai": 750_000,
            "status": "tersalur",
            "sumber_dana": "APBN",
        },
        {
            "no_kk": kk(6),
            "program": "Sembako Daerah",
            "tanggal_salur": "2024-11-20",
            "nilai": 200_000,
            "status": "tersalur",
            "sumber_dana": "APBD",
        },
    ]
)


def build(data_dir: Path) -> Path:
    return build_lake(
        data_dir,
        {
            "keluarga": {
                "2024-06": keluarga_rows(JUNI),
                "2024-12": keluarga_rows(DESEMBER),
            },
            "verval": {"2024-12": VERVAL},
            "pemantauan": {"2024-09": PEMANTAUAN},
            "penyaluran": {"2024-12": PENYALURAN},
        },
    )

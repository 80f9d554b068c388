"""One hand-made city carrying every real-export reality of issue 11 §1 at once, for the test
that every page, the CLI and the three report formats give the same figures on it
(tests/test_kota_uji.py). Built through the real importer; every expected figure is worked out
by hand below.

Two kecamatan: Gadingrejo (35.75.01: Kel. Karangketug, Gentong) and Panggungrejo (35.75.04:
Kel. Ngemplakrejo). Families i = kk(i), head nik(i), 4 members, spending Rp 1.000.000 a month
(Rp 250.000 per jiwa, under every extreme line), desil 1.

Lists (keluarga):
  i   2024-03 P3KE    2024-06 DTKS        2024-09 Bansos Pemkot   2024-12 DTKS
      (no flag)       (flag)              (no flag)               (flag)
  0   Karangketug     Karangketug  Ya     Karangketug             Karangketug  Ya
  1   Gentong         Gentong      Ya     Gentong                 Gentong      Ya
  2   Karangketug     Karangketug  Ya     Karangketug             Ngemplakrejo Ya  <- moved
  3   Ngemplakrejo    Ngemplakrejo Ya     Ngemplakrejo            Ngemplakrejo Ya
  4   Ngemplakrejo    Ngemplakrejo Ya     Ngemplakrejo            Ngemplakrejo Tidak
  5   -               -                   Gentong                 -
  6   Gentong         -                   -                       -

Flagless lists are lists, not "0 miskin ekstrem": 2024-12 (4 keluarga, 16 jiwa: i0-i3) is
compared with 2024-06 (5 keluarga: i0-i4), the previous FLAGGED list: 1 keluarga fewer; not with
2024-09 (a flagless list of 6 keluarga from Bansos Pemkot).

Payments (penyaluran), exported 2024-06 and 2024-12; the December export repeats two June
payments (p1 the same; p3 gagal -> tersalur, an update, not new money):
  p1 i0 Sembako Daerah APBD 2024-03-15 Rp 600.000       (June, again in December)
  p2 i2 Sembako Daerah APBD 2024-03-15 Rp 450.000       (June)
  p3 i1 BLT DBHCHT 2024-05-20 Rp 800.000 gagal          (June; tersalur in December)
  p4 i3 Sembako Daerah APBD 2024-03-15 Rp 600.000       (June)
  q1 i2 Sembako Daerah APBD 2024-12-10 Rp 600.000       (after the move: Panggungrejo)
  q3 i2 BLT DBHCHT 2024-10-05 Rp 100.000                (list in force: 2024-09, Karangketug)
  q2 i4 Modal Usaha DBHCHT 2024-10-01 Rp 2.500.000
  h1 head's NIK of i3, BLT DBHCHT 2024-08-01 Rp 800.000 (-> family 3)
  u1 a member's NIK on no list, Sembako Daerah APBD 2024-09-15 Rp 600.000 (no family)
  u2 a No KK on no list, BLT DBHCHT 2024-09-20 Rp 800.000                 (no family)

Aid of 2024, each payment once, booked where the family lived when paid:
  Gadingrejo   p1 600.000 + p2 450.000 + q3 100.000 + p3 800.000 = 1.950.000
  Panggungrejo p4 600.000 + q1 600.000 + q2 2.500.000 + h1 800.000 = 4.500.000
  Wilayah tidak diketahui u1 600.000 + u2 800.000 = 1.400.000
  Kota Pasuruan 1.950.000 + 4.500.000 + 1.400.000 = 7.850.000
  by source: DBHCHT p3 800.000 + q3 100.000 + q2 2.500.000 + h1 800.000 + u2 800.000
             = 5.000.000; APBD p1 + p2 + p4 + q1 + u1 = 600.000 + 450.000 + 600.000
             + 600.000 + 600.000 = 2.850.000.

Verval 2024-09 (one row per family), against the two source lists loaded by then, P3KE (i0 i1
i2 i3 i4 i6: 6) and Bansos Pemkot (i0-i5: 6), which overlap in i0-i4 (5):
  i0 P3KE memenuhi, i2 P3KE memenuhi, i5 Bansos Pemkot tidak memenuhi (sudah mampu)
  Semua daftar, each family once: i0-i6 = 7 keluarga; checked 3; memenuhi 2; tidak 1.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from lakes import build_lake, keluarga_rows, kk, nik

from pantau.ingest import import_files

KARANGKETUG, GENTONG = "35.75.01.1001", "35.75.01.1002"  # Kec. Gadingrejo (35.75.01)
NGEMPLAKREJO = "35.75.04.1007"  # Kec. Panggungrejo (35.75.04)
GADINGREJO, PANGGUNGREJO = "35.75.01", "35.75.04"
K, G, N = KARANGKETUG, GENTONG, NGEMPLAKREJO

# periode: (source, {i: kelurahan}, extreme set or None for a list without the flag column)
LISTS = {
    "2024-03": ("P3KE", {0: K, 1: G, 2: K, 3: N, 4: N, 6: G}, None),
    "2024-06": ("DTKS", {0: K, 1: G, 2: K, 3: N, 4: N}, {0, 1, 2, 3, 4}),
    "2024-09": ("Bansos Pemkot", {0: K, 1: G, 2: K, 3: N, 4: N, 5: G}, None),
    "2024-12": ("DTKS", {0: K, 1: G, 2: N, 3: N, 4: N}, {0, 1, 2, 3}),
}
MEMBER_NIK = nik(50, serial=9050)  # a valid NIK that is no family head's
NOBODY = kk(9)  # a No KK on no list

SD, BLT, MU = ("Sembako Daerah", "APBD"), ("BLT", "DBHCHT"), ("Modal Usaha", "DBHCHT")
PAYMENTS = {
    "2024-06": [
        (kk(0), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p1
        (kk(2), None, SD, "2024-03-15", 450_000, "Tersalur"),  # p2
        (kk(1), None, BLT, "2024-05-20", 800_000, "Gagal"),  # p3
        (kk(3), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p4
    ],
    "2024-12": [
        (kk(0), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p1 again
        (kk(1), None, BLT, "2024-05-20", 800_000, "Tersalur"),  # p3 again, now paid
        (kk(2), None, SD, "2024-12-10", 600_000, "Tersalur"),  # q1
        (kk(2), None, BLT, "2024-10-05", 100_000, "Tersalur"),  # q3
        (kk(4), None, MU, "2024-10-01", 2_500_000, "Tersalur"),  # q2
        (None, nik(3), BLT, "2024-08-01", 800_000, "Tersalur"),  # h1
        (None, MEMBER_NIK, SD, "2024-09-15", 600_000, "Tersalur"),  # u1
        (NOBODY, None, BLT, "2024-09-20", 800_000, "Tersalur"),  # u2
    ],
}
VERVAL = [
    (0, "P3KE", "Memenuhi", None),
    (2, "P3KE", "Memenuhi", None),
    (5, "Bansos Pemkot", "Tidak Memenuhi", "Sudah mampu"),
]

# The figures, worked out above.
KOTA_2024 = 7_850_000
WILAYAH_2024 = {
    GADINGREJO: 1_950_000,
    "35.75.02": 0,
    "35.75.03": 0,
    PANGGUNGREJO: 4_500_000,
    None: 1_400_000,  # wilayah tidak diketahui
}
DANA_2024 = {"DBHCHT": 5_000_000, "APBD": 2_850_000}
EKSTREM = {"2024-06": (5, 20), "2024-12": (4, 16)}  # (keluarga, jiwa)
FLAGLESS = {"2024-03": (6, "P3KE"), "2024-09": (6, "Bansos Pemkot")}  # (keluarga, source)
FUNNEL = {  # sumber_daftar: (on the list, checked, memenuhi, tidak memenuhi)
    "P3KE": (6, 2, 2, 0),
    "Bansos Pemkot": (6, 1, 0, 1),
    "Di lebih dari satu daftar": (5, 0, 0, 0),
    "Semua daftar": (7, 3, 2, 1),
}


def _keluarga(periode: str) -> pd.DataFrame:
    sumber, members, extreme = LISTS[periode]
    rows = []
    for i, kel in members.items():
        row = {
            "no_kk": kk(i),
            "kode_kel": kel,
            "sumber_data": sumber,
            "pengeluaran_bulanan": 1_000_000,
            "pendapatan_bulanan": 800_000,
            "desil": 1,
            "punya_usaha": "Ya" if i == 4 else "Tidak",
        }
        if extreme is not None:
            row["miskin_ekstrem"] = "Ya" if i in extreme else "Tidak"
        rows.append(row)
    df = keluarga_rows(rows)
    df["nik_kepala"] = [nik(i) for i in members]  # keep each head's NIK with its family
    if extreme is None:  # the export has no flag column at all
        df = df.drop(columns=["miskin_ekstrem"])
    return df


def _penyaluran(periode: str) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "no_kk": no_kk,
                "nik": n,
                "program": prog,
                "sumber_dana": dana,
                "tanggal_salur": tanggal,
                "nilai": nilai,
                "status": status,
            }
            for no_kk, n, (prog, dana), tanggal, nilai, status in PAYMENTS[periode]
        ]
    )


def build(data_dir: Path) -> Path:
    data = build_lake(
        data_dir,
        {
            "keluarga": {p: _keluarga(p) for p in LISTS},
            "verval": {
                "2024-09": pd.DataFrame(
                    [
                        {
                            "no_kk": kk(i),
                            "tanggal_verval": "2024-09-20",
                            "hasil": h,
                            "alasan": a,
                            "sumber_daftar": s,
                        }
                        for i, s, h, a in VERVAL
                    ]
                )
            },
        },
    )
    for periode in PAYMENTS:  # one at a time: the December export repeats June's
        path = data / "exports" / f"penyaluran_{periode}.csv"
        _penyaluran(periode).to_csv(path, index=False)
        summary = import_files([path], "penyaluran", periode, data)
        assert summary.rejected == 0, summary.reasons
    return data

"""Bantuan page: its queries on a hand-made lake (expected values worked by hand) and the page."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, open_page, page_texts
from streamlit.testing.v1 import AppTest

from pantau import queries

ROOT = Path(__file__).resolve().parents[1]

A = "35.75.04.1007"  # Kel. Ngemplakrejo, Kec. Panggungrejo
B = "35.75.01.1001"  # Kel. Karangketug, Kec. Gadingrejo
P = "2024-06"
X = kk(20)  # paid, but on no list

# The 2024-06 list. i = position = kk(i).
#  i kel ekstrem desil PKH usaha  disbursements (Sembako Daerah = SD, Modal Usaha = MU)
#  0  A   Ya     1    Ya   Ya    SD tersalur 2024-04-10 Rp 600.000
#  1  A   Ya     1    Ya   -     -
#  2  A   Ya     1    -    Ya    MU tersalur 2023-12-24 Rp 2.500.000
#  3  A   Ya     1    -    Ya    SD gagal 2024-04-10
#  4  B   Ya     1    Ya   -     SD tersalur 2024-04-12
#  5  B   Ya     1    -    Ya    SD tersalur 2023-05-02 (more than 12 months before 30-06-2024)
#  6  B   -      3    -    Ya    SD tersalur 2024-04-12; MU tersalur 2024-05-02
#  7  B   -      6    -    -     SD tersalur 2024-04-12; SD retur 2024-01-10
#  8  A   Ya     1    -    Ya    MU tersalur 2024-02-20
#  X  (no list)                  SD tersalur 2024-02-01 Rp 400.000
FAMILIES = [
    (A, "Ya", 1, "Ya", "Ya"),
    (A, "Ya", 1, "Ya", "Tidak"),
    (A, "Ya", 1, "Tidak", "Ya"),
    (A, "Ya", 1, "Tidak", "Ya"),
    (B, "Ya", 1, "Ya", "Tidak"),
    (B, "Ya", 1, "Tidak", "Ya"),
    (B, "Tidak", 3, "Tidak", "Ya"),
    (B, "Tidak", 6, "Tidak", "Tidak"),
    (A, "Ya", 1, "Tidak", "Ya"),
]

SD, MU = ("Sembako Daerah", "APBD"), ("Modal Usaha", "DBHCHT")
PAYMENTS = [
    (kk(0), SD, "2024-04-10", 600_000, "Tersalur"),
    (kk(2), MU, "2023-12-24", 2_500_000, "Tersalur"),
    (kk(3), SD, "2024-04-10", 600_000, "Gagal"),
    (kk(4), SD, "2024-04-12", 600_000, "Tersalur"),
    (kk(5), SD, "2023-05-02", 600_000, "Tersalur"),
    (kk(6), SD, "2024-04-12", 600_000, "Tersalur"),
    (kk(6), MU, "2024-05-02", 2_500_000, "Tersalur"),
    (kk(7), SD, "2024-04-12", 600_000, "Tersalur"),
    (kk(7), SD, "2024-01-10", 600_000, "Retur"),
    (kk(8), MU, "2024-02-20", 2_500_000, "Tersalur"),
    (X, SD, "2024-02-01", 400_000, "Tersalur"),
]

# Monitoring visits: (family, date, pendapatan_bulanan, status). The 2024-08 visit is after
# the period's end and must be ignored for 2024-06.
VISITS = {
    "2024-06": [
        (0, "2024-03-10", 900_000, "Keluar"),
        (2, "2023-10-05", 800_000, "Masih Ekstrem"),
        (2, "2024-03-10", 1_200_000, "Masih Ekstrem"),
        (2, "2024-06-05", 1_500_000, "Keluar"),
        (3, "2024-03-10", 500_000, "Masih Ekstrem"),
        (8, "2023-11-20", 600_000, "Masih Ekstrem"),
        (8, "2024-01-10", 700_000, "Masih Ekstrem"),
        (8, "2024-05-15", 900_000, "Masih Ekstrem"),
        (8, "2024-06-20", 1_100_000, "Keluar"),
    ],
    "2024-09": [(8, "2024-08-10", 1_300_000, "Keluar")],
}

# KUBE member rows per period: (id, kelurahan, member i, omzet on the ketua's row, status).
KUBE = {
    "2023-12": [
        ("K1", A, 0, 1_000_000, "Aktif"),
        ("K1", A, 1, None, "Aktif"),
        ("K2", B, 4, 2_000_000, "Aktif"),
        ("K2", B, 5, None, "Aktif"),
    ],
    "2024-03": [
        ("K1", A, 0, 1_200_000, "Aktif"),
        ("K1", A, 1, None, "Aktif"),
        ("K2", B, 4, 2_000_000, "Aktif"),
        ("K2", B, 5, None, "Aktif"),
    ],
    "2024-06": [
        ("K1", A, 0, 1_500_000, "Aktif"),
        ("K1", A, 1, None, "Aktif"),
        ("K2", B, 4, 0, "Tidak Aktif"),
        ("K2", B, 5, None, "Tidak Aktif"),
        ("K3", A, 3, 500_000, "Aktif"),
        ("K3", A, 8, None, "Aktif"),
    ],
}


def _keluarga() -> pd.DataFrame:
    return keluarga_rows(
        [
            {
                "kode_kel": kel,
                "miskin_ekstrem": eks,
                "desil": desil,
                "PKH": pkh,
                "punya_usaha": usaha,
            }
            for kel, eks, desil, pkh, usaha in FAMILIES
        ]
    )


def _penyaluran() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "no_kk": no_kk,
                "program": prog,
                "sumber_dana": dana,
                "tanggal_salur": tgl,
                "nilai": nilai,
                "status": status,
            }
            for no_kk, (prog, dana), tgl, nilai, status in PAYMENTS
        ]
    )


def _pemantauan(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"no_kk": kk(i), "tanggal": tgl, "pendapatan_bulanan": rp, "status_ekstrem": status}
            for i, tgl, rp, status in rows
        ]
    )


def _kube(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id_kube": kid,
                "nama_kube": f"KUBE {kid}",
                "kode_kel": kel,
                "jenis_usaha": "Kue",
                "no_kk": kk(i),
                "omzet_bulanan": omzet,
                "status_aktif": status,
            }
            for kid, kel, i, omzet, status in rows
        ]
    )


def build(data_dir):
    return build_lake(
        data_dir,
        {
            "keluarga": {P: _keluarga()},
            "penyaluran": {P: _penyaluran()},
            "pemantauan": {p: _pemantauan(rows) for p, rows in VISITS.items()},
            "kube": {p: _kube(rows) for p, rows in KUBE.items()},
        },
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build(tmp_path_factory.mktemp("bantuan"))


def q(lake, name, **params):
    return queries.run(name, params, lake)


def rows(df: pd.DataFrame, key: str) -> dict:
    return {r[key]: r for r in df.to_dict("records")}


# --- coverage ---------------------------------------------------------------------------------


def test_coverage_per_programme_counts_disbursed_and_enrolled_programmes(lake):
    df = q(lake, "bantuan_cakupan_program", periode=P)
    # Extreme-poor: i0 i1 i2 i3 i4 i5 i8 = 7. Reached: i0 (PKH, SD), i1 (PKH), i2 (MU, paid
    # 2023-12-24 within 12 months of 30-06-2024), i4 (PKH, SD), i8 (MU) = 5; i3 (SD gagal)
    # and i5 (SD in 2023-05, too old) are not. PKH 3 (i0 i1 i4), SD 2 (i0 i4), MU 2 (i2 i8).
    # The named figures first: bansos (strategy 1: PKH, SD) i0 i1 i4 = 3; bansos paid, without
    # enrolment: SD tersalur in the window i0 i4 = 2 (PKH is only enrolment here); strategy 2:
    # MU i2 i8, or a member of an active KUBE in the latest KUBE export (2024-06: K1 i0 i1, K3
    # i3 i8; K2 of i4 i5 is inactive) → i0 i1 i2 i3 i8 = 5; ever: also i4 i5 (K2 in 2023-12
    # and 2024-03) = 7; any programme (payments and enrolment, KUBE not counted) 5.
    assert df["program"].tolist() == [
        "Bansos (strategi 1)",
        "Bansos dibayar (tanpa kepesertaan)",
        "Pemberdayaan (strategi 2)",
        "Pemberdayaan (strategi 2), pernah",
        "Program apa pun",
        "PKH",
        "Modal Usaha",
        "Sembako Daerah",
    ]
    by = rows(df, "program")
    assert by["Bansos (strategi 1)"]["cakupan"] == pytest.approx(3 / 7)
    assert by["Bansos dibayar (tanpa kepesertaan)"]["cakupan"] == pytest.approx(2 / 7)
    assert by["Pemberdayaan (strategi 2)"]["keluarga_tercakup"] == 5
    assert by["Pemberdayaan (strategi 2), pernah"]["keluarga_tercakup"] == 7
    assert (
        by["Pemberdayaan (strategi 2), pernah"]["jendela"] == "pernah menerima s.d. akhir periode"
    )
    assert by["Program apa pun"]["keluarga_tercakup"] == 5
    assert by["Program apa pun"]["cakupan"] == pytest.approx(5 / 7)
    assert by["PKH"]["cakupan"] == pytest.approx(3 / 7)
    assert by["Sembako Daerah"]["keluarga_tercakup"] == 2
    assert by["Modal Usaha"]["strategi"] == 2
    assert set(df["keluarga_miskin_ekstrem"]) == {7}


def test_coverage_per_kelurahan_lists_every_kelurahan_of_the_area(lake):
    df = q(lake, "bantuan_cakupan_kelurahan", periode=P, kode_kec="35.75.01")
    # Kec. Gadingrejo has 8 kelurahan; the five named figures and the programmes reaching its
    # families: PKH and SD (i4), so 8 × 7 rows. Karangketug (B): i4 i5 extreme-poor, i4
    # reached (by bansos, SD paid) → 1/2 overall, bansos, bansos paid, PKH, SD.
    assert len(df) == 8 * 7
    b = df[df["kode_kel"] == B].set_index("program")
    assert b.loc["Program apa pun", "cakupan"] == pytest.approx(0.5)
    assert b.loc["Bansos (strategi 1)", "cakupan"] == pytest.approx(0.5)
    assert b.loc["Bansos dibayar (tanpa kepesertaan)", "cakupan"] == pytest.approx(0.5)
    # i4 i5 are in K2, inactive in 2024-06: not reached by strategy 2 now, but ever.
    assert b.loc["Pemberdayaan (strategi 2)", "keluarga_tercakup"] == 0
    assert b.loc["Pemberdayaan (strategi 2), pernah", "keluarga_tercakup"] == 2
    assert b.loc["PKH", "keluarga_tercakup"] == 1
    assert b.loc["Sembako Daerah", "keluarga_miskin_ekstrem"] == 2
    others = df[df["kode_kel"] != B]
    assert (others["keluarga_miskin_ekstrem"] == 0).all() and others["cakupan"].isna().all()


def test_coverage_per_kelurahan_of_the_city(lake):
    df = q(lake, "bantuan_cakupan_kelurahan", periode=P)
    # 34 kelurahan × (five named figures, PKH, MU, SD). Ngemplakrejo (A): i0 i1 i2 i3 i8 = 5
    # extreme-poor, reached i0 i1 i2 i8 = 4 → 0,8; bansos i0 i1 = 2/5; MU i2 i8 = 2/5;
    # strategy 2 with active KUBE (K1 i0 i1, K3 i3 i8) all 5.
    assert len(df) == 34 * 8
    a = df[df["kode_kel"] == A].set_index("program")
    assert a.loc["Program apa pun", "cakupan"] == pytest.approx(0.8)
    assert a.loc["Bansos (strategi 1)", "cakupan"] == pytest.approx(0.4)
    assert a.loc["Pemberdayaan (strategi 2)", "cakupan"] == pytest.approx(1.0)
    assert a.loc["Modal Usaha", "cakupan"] == pytest.approx(0.4)


def test_coverage_is_empty_for_a_period_without_a_list(lake):
    assert q(lake, "bantuan_cakupan_program", periode="2023-12").empty
    assert q(lake, "bantuan_cakupan_kelurahan", periode="2023-12").empty


# --- overlap ----------------------------------------------------------------------------------


def test_overlap_counts_each_family_once_in_its_full_combination(lake):
    df = q(lake, "bantuan_kombinasi", periode=P)
    # i0 i4: PKH + SD; i2 i8: MU; i3 i5: none; i1: PKH. Ties ordered by name.
    assert list(zip(df["kombinasi"], df["keluarga"], strict=True)) == [
        ("Modal Usaha", 2),
        ("PKH + Sembako Daerah", 2),
        ("Tidak ada", 2),
        ("PKH", 1),
    ]
    assert df["jumlah_program"].tolist() == [1, 2, 0, 1]
    assert df["porsi"].tolist() == pytest.approx([2 / 7, 2 / 7, 2 / 7, 1 / 7])


def test_overlap_in_one_kelurahan(lake):
    df = q(lake, "bantuan_kombinasi", periode=P, kode_kel=B)
    # Karangketug: i4 PKH + SD, i5 none.
    assert dict(zip(df["kombinasi"], df["keluarga"], strict=True)) == {
        "PKH + Sembako Daerah": 1,
        "Tidak ada": 1,
    }


# --- targeting --------------------------------------------------------------------------------


def test_exclusion_and_inclusion_error_follow_their_definitions(lake):
    df = q(lake, "bantuan_ketepatan_sasaran", periode=P)
    semua = df.iloc[0]
    assert (semua["acuan"], semua["program"]) == ("miskin_ekstrem", "Semua program")
    # Exclusion: i3, i5 of 7 extreme-poor = 2/7.
    assert (semua["keluarga_sasaran_tidak_menerima"], semua["keluarga_sasaran"]) == (2, 7)
    assert semua["kesalahan_eksklusi"] == pytest.approx(2 / 7)
    # Recipients (tersalur 01-07-2023..30-06-2024, or enrolled in PKH on the list): i0 i1 i2
    # i4 i6 i7 i8 X = 8 KPM (i3 gagal, i5 too old). Against the same eligible set, the
    # extreme-poor list: outside are i6 (desil 3), i7 (desil 6), X (on no list) = 3. (Before,
    # inclusion also let desil 1-4 count as target and left enrolment out: 2/7.)
    assert (semua["kpm_bukan_sasaran"], semua["kpm_penerima"]) == (3, 8)
    assert semua["kesalahan_inklusi"] == pytest.approx(3 / 8)


def test_targeting_errors_per_programme(lake):
    df = q(lake, "bantuan_ketepatan_sasaran", periode=P)
    a = rows(df[df["acuan"] == "miskin_ekstrem"], "program")
    b = rows(df[df["acuan"] == "syarat_program"], "program")
    # (a) SD recipients i0 i4 i6 i7 X = 5, not extreme-poor i6 i7 X = 3; SD missed 5 of 7.
    assert a["Sembako Daerah"]["kpm_penerima"] == 5
    assert a["Sembako Daerah"]["kesalahan_inklusi"] == pytest.approx(0.6)
    assert a["Sembako Daerah"]["kesalahan_eksklusi"] == pytest.approx(5 / 7)
    # MU recipients i2 i6 i8, i6 not extreme-poor; PKH enrolment i0 i1 i4, all extreme-poor.
    assert a["Modal Usaha"]["kesalahan_inklusi"] == pytest.approx(1 / 3)
    assert (a["PKH"]["kpm_penerima"], a["PKH"]["kesalahan_inklusi"]) == (3, 0)
    assert a["PKH"]["keluarga_sasaran_tidak_menerima"] == 4
    # (b) SD's own rule desil 1-5: every listed family but i7 (desil 6) = 8 eligible; SD
    # reached i0 i4 i6 → exclusion 5/8; outside the rule i7 and X → inclusion 2/5.
    assert (b["Sembako Daerah"]["sasaran"], b["Sembako Daerah"]["keluarga_sasaran"]) == (
        "desil 1–5",
        8,
    )
    assert b["Sembako Daerah"]["kesalahan_eksklusi"] == pytest.approx(5 / 8)
    assert b["Sembako Daerah"]["kesalahan_inklusi"] == pytest.approx(0.4)
    # MU's rule extreme-poor with a business: i0 i2 i3 i5 i8 = 5; reached i2 i8 → 3/5; i6 has
    # a business but is not extreme-poor → 1/3.
    assert b["Modal Usaha"]["keluarga_sasaran"] == 5
    assert b["Modal Usaha"]["kesalahan_eksklusi"] == pytest.approx(3 / 5)
    assert b["Modal Usaha"]["kesalahan_inklusi"] == pytest.approx(1 / 3)
    # PKH desil 1-4: the same 8 (i6 desil 3); enrolled i0 i1 i4, all eligible.
    assert b["PKH"]["kesalahan_eksklusi"] == pytest.approx(5 / 8)
    assert b["PKH"]["kesalahan_inklusi"] == 0


def test_targeting_in_one_kelurahan_leaves_out_recipients_on_no_list(lake):
    semua = q(lake, "bantuan_ketepatan_sasaran", periode=P, kode_kel=B).iloc[0]
    # Karangketug: exclusion i5 of i4 i5 = 1/2; recipients i4 i6 i7 (X has no kelurahan),
    # not extreme-poor i6 i7 → 2/3.
    assert semua["kesalahan_eksklusi"] == pytest.approx(0.5)
    assert (semua["kpm_bukan_sasaran"], semua["kpm_penerima"]) == (2, 3)


def test_targeting_is_empty_for_a_period_without_a_list(lake):
    assert q(lake, "bantuan_ketepatan_sasaran", periode="2023-12").empty


# --- disbursement -----------------------------------------------------------------------------


def test_rupiah_per_kpm_and_status_shares_for_the_year(lake):
    by = rows(q(lake, "bantuan_program_dana", periode=P), "program")
    sd = by["Sembako Daerah"]
    # 2024-01-01..2024-06-30, SD (APBD) rows: tersalur i0 i4 i6 i7 600.000 + X 400.000,
    # gagal i3, retur i7 (Jan) = 7 rows. Rp 2.800.000 ÷ 5 KPM = Rp 560.000.
    assert sd["sumber_dana"] == "APBD"
    assert (sd["kpm"], sd["nilai_tersalur"], sd["rp_per_kpm"]) == (5, 2_800_000, 560_000)
    assert (sd["penyaluran"], sd["penyaluran_gagal"], sd["penyaluran_retur"]) == (7, 1, 1)
    assert sd["porsi_tersalur"] == pytest.approx(5 / 7)
    assert sd["porsi_gagal"] == pytest.approx(1 / 7)
    # MU (DBHCHT): i8 (Feb) + i6 (May); i2's 2023-12-24 payment is last year.
    mu = by["Modal Usaha"]
    assert (mu["sumber_dana"], mu["kpm"], mu["rp_per_kpm"]) == ("DBHCHT", 2, 2_500_000)
    assert mu["porsi_tersalur"] == 1


def test_disbursement_of_one_kelurahan(lake):
    sd = rows(q(lake, "bantuan_program_dana", periode=P, kode_kel=B), "program")["Sembako Daerah"]
    # Karangketug: i4 i6 i7 tersalur (3 × 600.000) and i7 retur → 4 rows.
    assert (sd["kpm"], sd["rp_per_kpm"], sd["penyaluran"]) == (3, 600_000, 4)
    assert sd["porsi_retur"] == pytest.approx(0.25)


# --- outcomes ---------------------------------------------------------------------------------


def test_graduation_of_modal_usaha_recipients_against_comparable_families(lake):
    df = q(lake, "bantuan_modal_usaha_graduasi", periode=P)
    pen, pem = df.iloc[0], df.iloc[1]
    # Recipients = extreme-poor with MU by 30-06-2024: i2, i8 (i6 is not extreme-poor). Both
    # visited, both 'keluar' by then (i2 2024-06-05, i8 2024-06-20) → 2/2.
    assert pen["kelompok"] == "Penerima modal usaha"
    assert (pen["keluarga"], pen["keluarga_dipantau"], pen["keluarga_keluar"]) == (2, 2, 2)
    assert pen["porsi_keluar"] == 1
    # Comparison = extreme-poor with a business, no MU: i0, i3, i5. Visited i0 (keluar),
    # i3 (masih); i5 never → 1/2.
    assert (pem["keluarga"], pem["keluarga_dipantau"], pem["keluarga_keluar"]) == (3, 2, 1)
    assert pem["porsi_keluar"] == pytest.approx(0.5)


def test_graduation_reports_both_groups_before_any_list(lake):
    df = q(lake, "bantuan_modal_usaha_graduasi", periode="2024-03")
    # The only list is 2024-06: by 2024-03 no family was extreme-poor on a list yet.
    assert df["keluarga"].tolist() == [0, 0] and df["porsi_keluar"].isna().all()


def test_income_before_and_after_modal_usaha(lake):
    df = q(lake, "bantuan_modal_usaha_pendapatan", periode=P)
    by = rows(df, "tahun_terima")
    # i2 (first MU 2023-12-24): last visit before 2023-10-05 Rp 800.000, latest after
    # 2024-06-05 Rp 1.500.000. i8 (2024-02-20): before 2024-01-10 Rp 700.000, after
    # 2024-06-20 Rp 1.100.000 (the 2024-08-10 visit is after the period). i6: no visits.
    semua = by["Semua"]
    assert (semua["keluarga_penerima"], semua["keluarga_berpasangan"]) == (3, 2)
    assert semua["median_sebelum"] == 750_000  # (800.000 + 700.000) / 2
    assert semua["median_sesudah"] == 1_300_000  # (1.500.000 + 1.100.000) / 2
    assert semua["median_perubahan"] == 550_000  # (700.000 + 400.000) / 2
    assert semua["porsi_naik"] == 1
    assert (by["2023"]["keluarga_penerima"], by["2023"]["median_sesudah"]) == (1, 1_500_000)
    assert (by["2024"]["keluarga_penerima"], by["2024"]["keluarga_berpasangan"]) == (2, 1)
    assert df["tahun_terima"].tolist() == ["2023", "2024", "Semua"]


def test_income_change_without_visit_pairs_reports_recipients_only(lake):
    semua = q(lake, "bantuan_modal_usaha_pendapatan", periode=P, kode_kel=B).iloc[-1]
    # Karangketug: recipient i6 has no visits.
    assert (semua["keluarga_penerima"], semua["keluarga_berpasangan"]) == (1, 0)
    assert pd.isna(semua["median_sebelum"])


def test_kube_active_groups_and_turnover_over_periods(lake):
    df = q(lake, "kube_tren", periode=P)
    # 2023-12: K1 1,0 jt + K2 2,0 jt, both active. 2024-03: 1,2 + 2,0. 2024-06: K2 stopped;
    # K1 1,5 + K3 0,5 = 2,0 jt, median 1,0 jt; active members i0 i1 i3 i8.
    assert df["periode"].tolist() == ["2023-12", "2024-03", "2024-06"]
    assert df["kelompok"].tolist() == [2, 2, 3]
    assert df["kelompok_aktif"].tolist() == [2, 2, 2]
    assert df["omzet_bulanan_total"].tolist() == [3_000_000, 3_200_000, 2_000_000]
    assert df["omzet_bulanan_median"].tolist() == [1_500_000, 1_600_000, 1_000_000]
    assert df["keluarga_anggota_aktif"].tolist() == [4, 4, 4]


def test_kube_trend_stops_at_the_period_and_follows_the_area(lake):
    assert q(lake, "kube_tren", periode="2024-03")["periode"].tolist() == ["2023-12", "2024-03"]
    a = q(lake, "kube_tren", periode=P, kode_kel=A)
    # Ngemplakrejo: K1 only, then K1 + K3 in 2024-06.
    assert a["omzet_bulanan_total"].tolist() == [1_000_000, 1_200_000, 2_000_000]


def test_kube_groups_with_turnover_now_and_at_the_start(lake):
    df = q(lake, "kube_kelompok", periode=P)
    assert df["id_kube"].tolist() == ["K1", "K3", "K2"]  # active first, by turnover
    k1 = rows(df, "id_kube")["K1"]
    assert (k1["omzet_bulanan"], k1["omzet_bulanan_awal"], k1["perubahan_omzet"]) == (
        1_500_000,
        1_000_000,
        500_000,
    )
    assert k1["periode_awal"] == "2023-12" and k1["keluarga_anggota"] == 2
    assert not rows(df, "id_kube")["K2"]["aktif"]


# --- the page ---------------------------------------------------------------------------------


def page(lake: Path, monkeypatch, **params) -> AppTest:
    return open_page(lake, monkeypatch, "pages/bantuan.py", **params)


texts = page_texts


def chart_titles(at: AppTest) -> list[str]:
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    return [s["layout"]["title"]["text"].replace("<br>", " ") for s in specs]


def test_page_shows_coverage_targeting_and_outcomes_for_a_normal_period(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=P)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Keluarga miskin ekstrem"] == "7"
    assert metrics["Cakupan bansos (strategi 1)"] == "42,9%"  # 3/7
    assert metrics["Kesalahan eksklusi (daftar ekstrem)"] == "28,6%"  # 2/7
    # (a) inclusion judges every programme against the extreme-poor list: no headline (M3).
    assert "Kesalahan inklusi (daftar ekstrem)" not in metrics
    assert metrics["Bansos dibayar"] == "28,6%"  # SD paid i0 i4: 2/7
    assert metrics["KUBE aktif (dari 3 kelompok)"] == "2"
    assert metrics["Omzet median per KUBE aktif"] == "Rp 1.000.000"
    shown = texts(at)
    assert "**28,6%** (2 dari 7 keluarga)" in shown
    assert "(3 dari 8 KPM)" not in shown
    assert "tidak lagi dalam daftar" in shown and "saat ia dibayar" in shown
    assert "12 bulan sampai akhir periode" in shown and "tahun kalender" in shown
    titles = " | ".join(chart_titles(at))
    # Strategy 2: MU i2 i8 and active KUBE members i0 i1 i3 i8 = 5/7; ever: all 7.
    assert (
        "Cakupan bansos 42,9% keluarga miskin ekstrem (dibayar, tanpa kepesertaan: 28,6%); "
        "pemberdayaan (strategi 2) 71,4% dalam 12 bulan, pernah 100,0%; program apa pun 71,4%"
    ) in titles
    # Ngemplakrejo 2/5 (Wilson 11,8–76,9 %) and Karangketug 1/2 (9,5–90,5 %) overlap, neither
    # lies below the city's 3/7: no single "terendah" (BPS re-review N3).
    assert (
        "Cakupan bansos terendah tidak dapat dibedakan (di antara Kel. Ngemplakrejo dan "
        "Kel. Karangketug): selang 95 % tumpang tindih; angka Kota Pasuruan 42,9%"
    ) in titles
    # (b) both errors: exclusion PKH (desil 1–4: i0..i6, i8 = 8, enrolled i0 i1 i4) 5/8 and SD
    # (desil 1–5, the same 8, paid i0 i4 i6) 5/8 tie, PKH first by name; inclusion PKH 0, MU
    # i6 of i2 i6 i8 = 1/3, SD i7 (desil 6) and X (no list) of i0 i4 i6 i7 X = 2/5.
    assert (
        "Kesalahan eksklusi tertinggi: PKH (62,5% keluarga desil 1–4 belum menerima); "
        "kesalahan inklusi per program 0,0%–40,0%"
    ) in titles
    assert "2 keluarga tanpa program" in titles
    assert "Rp per KPM tertinggi: Modal Usaha · DBHCHT, Rp 2.500.000 per KPM" in titles
    assert "Rp 1.500.000 (Desember 2023) → Rp 1.000.000 per bulan (Juni 2024)" in titles
    # Modal usaha is compared with matched non-recipients on the list in force at the grant
    # (tests/test_statistics.py); this lake has only the 2024-06 list, after both grants, so
    # there is none: the page says so instead of comparing cumulative shares.
    assert "Belum ada penerima modal usaha yang tercatat miskin ekstrem pada daftar saat mulai" in (
        shown
    )
    # K3 (i3, i8) starts 2024-06: matched with i2 in its cell, but no quarter after it yet.
    assert "2 anggota KUBE dan 1 pembanding yang cocok, tetapi belum ada triwulan sesudah" in shown
    assert len(at.get("plotly_chart")) == 7


def test_page_says_so_for_a_period_without_families(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2023-12")
    shown = texts(at)
    assert "Belum ada daftar keluarga untuk Desember 2023" in shown
    # i2 paid 2023-12-24, but no flagged list at or before it: no comparison
    assert "Belum ada penerima modal usaha yang tercatat miskin ekstrem" in shown
    assert "Keluarga miskin ekstrem" not in {m.label for m in at.metric}
    # 2023's payments (SD to i5, MU to i2) and the 2023-12 KUBE still show.
    assert "Rp per KPM tertinggi: Modal Usaha · DBHCHT" in " ".join(chart_titles(at))
    assert {m.label: m.value for m in at.metric}["KUBE aktif (dari 2 kelompok)"] == "2"


def test_page_shows_one_kelurahan(lake, monkeypatch):
    at = page(lake, monkeypatch, periode=P, kec="35.75.01", kel=B)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Keluarga miskin ekstrem"] == "2"
    assert metrics["Cakupan bansos (strategi 1)"] == "50,0%"
    assert metrics["Bansos dibayar"] == "50,0%"  # SD paid i4, of i4 i5
    assert metrics["KUBE aktif (dari 1 kelompok)"] == "0"  # K2 stopped
    shown = texts(at)
    assert "Kel. Karangketug · Juni 2024" in shown
    assert "Belum ada penerima modal usaha yang tercatat miskin ekstrem" in shown
    titles = chart_titles(at)
    assert not any(
        t.startswith("Cakupan bansos terendah") for t in titles
    )  # no grid for one kelurahan
    assert "0 dari 1 KUBE masih aktif" in titles[-1]

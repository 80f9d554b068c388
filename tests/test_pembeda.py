"""'Tertinggi' / 'terendah' only where the 95 % intervals tell the areas apart (BPS re-review N3,
N5): bantuan_cakupan_kelurahan's interval, base mark and terendah_dapat_dibedakan, fgt_kelurahan's
tertinggi_dapat_dibedakan, the same rule for Peta (pantau.pembeda.kelompok) and the titles."""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk
from statsmodels.stats.proportion import proportion_confint

from pantau import pembeda, queries

P = "2024-06"
KARANGKETUG, GENTONG, SEBANI = "35.75.01.1001", "35.75.01.1002", "35.75.01.1003"
POHJENTREK, WIROGUNAN = "35.75.02.1001", "35.75.02.1002"
# (kelurahan, extreme-poor keluarga, reached by Sembako Daerah, below the extreme line); every
# family is extreme-poor and has one member (so P0's effective persons are N − 1: below).
KEL = [
    (KARANGKETUG, 8, 4, 4),
    (GENTONG, 4, 2, 2),
    (SEBANI, 40, 40, 2),
    (POHJENTREK, 10, 0, 0),
    (WIROGUNAN, 30, 30, 20),
]


def wilson(k, n):
    return proportion_confint(k, n, alpha=0.05, method="wilson")


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    fam, pay = [], []
    for kel, n, reached, below in KEL:
        for j in range(n):
            i = len(fam)
            fam.append(
                {
                    "kode_kel": kel,
                    "jumlah_anggota": 1,
                    "pengeluaran_bulanan": 300_000 if j < below else 600_000,
                }
            )
            if j < reached:
                pay.append(
                    {
                        "no_kk": kk(i),
                        "program": "Sembako Daerah",
                        "sumber_dana": "APBD",
                        "tanggal_salur": "2024-04-10",
                        "nilai": 600_000,
                        "status": "Tersalur",
                    }
                )
    return build_lake(
        tmp_path_factory.mktemp("pembeda"),
        {"keluarga": {P: keluarga_rows(fam)}, "penyaluran": {P: pd.DataFrame(pay)}},
    )


def cakupan(lake, **area) -> pd.DataFrame:
    df = queries.run("bantuan_cakupan_kelurahan", {"periode": P, **area}, lake)
    return df[df["program"] == "Bansos (strategi 1)"].set_index("kode_kel")


def test_coverage_cells_carry_their_wilson_interval_and_the_small_base_mark(lake):
    df = cakupan(lake)
    for kel, n, reached, _ in KEL:
        lo, hi = wilson(reached, n)
        assert df.loc[kel, "cakupan"] == pytest.approx(reached / n)
        assert df.loc[kel, "cakupan_bawah"] == pytest.approx(lo, abs=1e-12)
        assert df.loc[kel, "cakupan_atas"] == pytest.approx(hi, abs=1e-12)
    # 4 of 8: 21,5–78,5 %; 2 of 4: 15,0–85,0 % (statsmodels above, written out here).
    assert df.loc[KARANGKETUG, "cakupan_bawah"] == pytest.approx(0.21522, abs=1e-5)
    assert df.loc[GENTONG, "cakupan_atas"] == pytest.approx(0.84996, abs=1e-5)
    # * under 30 extreme-poor keluarga: 8, 4, 10 yes; 40, 30 no; no extreme-poor: no mark.
    assert df.loc[[KARANGKETUG, GENTONG, POHJENTREK], "dasar_kecil"].tolist() == [True] * 3
    assert df.loc[[SEBANI, WIROGUNAN], "dasar_kecil"].tolist() == [False] * 2
    assert df.loc["35.75.01.1004", "dasar_kecil"] is None or pd.isna(
        df.loc["35.75.01.1004", "dasar_kecil"]
    )


def test_four_of_eight_and_two_of_four_cannot_be_told_apart(lake):
    df = cakupan(lake, kode_kec="35.75.01")
    # Kec. Gadingrejo: 4/8 and 2/4 tie at 50 %; the group reaches up to the higher upper bound,
    # 85,0 %; Sebani 40/40 starts at 91,2 %: outside. Both lowest are False: no single name.
    assert df.loc[KARANGKETUG, "terendah_dapat_dibedakan"] is False or not bool(
        df.loc[KARANGKETUG, "terendah_dapat_dibedakan"]
    )
    flags = df["terendah_dapat_dibedakan"]
    assert flags[KARANGKETUG] == False and flags[GENTONG] == False  # noqa: E712
    assert pd.isna(flags[SEBANI])
    # The area: 46 of 52 = 88,5 %; 4/8's upper bound 78,5 % and 2/4's 85,0 % lie below it.
    assert df.loc[KARANGKETUG, "cakupan_wilayah"] == pytest.approx(46 / 52)
    assert bool(df.loc[KARANGKETUG, "di_bawah_wilayah"]) and bool(
        df.loc[GENTONG, "di_bawah_wilayah"]
    )
    assert not bool(df.loc[SEBANI, "di_bawah_wilayah"])
    title = pembeda.judul_cakupan_kelurahan(df.reset_index(), "Kec. Gadingrejo", P)
    assert title == (
        "Cakupan bansos di Kel. Karangketug dan Kel. Gentong di bawah angka Kec. Gadingrejo "
        "(88,5%) di luar selang 95 % (tanpa koreksi uji berganda); kelurahan terendah tidak "
        "dapat dibedakan satu sama lain (Juni 2024)"
    )  # an unadjusted 95 % flag over many kelurahan says so (BPS review 3, B5)


def test_a_lowest_kelurahan_apart_from_the_rest_is_named(lake):
    df = cakupan(lake, kode_kec="35.75.02")
    # Kec. Purworejo: Pohjentrek 0/10 (0–27,8 %) against Wirogunan 30/30 (88,6–100 %).
    assert df.loc[POHJENTREK, "terendah_dapat_dibedakan"] == True  # noqa: E712
    assert pd.isna(df.loc[WIROGUNAN, "terendah_dapat_dibedakan"])
    title = pembeda.judul_cakupan_kelurahan(df.reset_index(), "Kec. Purworejo", P)
    assert title == (
        "Cakupan bansos terendah di Kel. Pohjentrek: 0,0% keluarga miskin ekstrem (selang 95 % "
        "0,0%–27,8%), terpisah dari kelurahan lain (Juni 2024)"
    )


def test_the_city_group_and_its_title(lake):
    df = cakupan(lake)
    # Lowest 0/10 (upper 27,8 %); 4/8 (lower 21,5 %) and 2/4 (15,0 %) reach into it.
    flags = df["terendah_dapat_dibedakan"]
    assert {k for k, v in flags.items() if v is not None and not pd.isna(v)} == {
        POHJENTREK,
        KARANGKETUG,
        GENTONG,
    }
    assert not any(bool(v) for v in flags.dropna())
    # City 76/92 = 82,6 %: 0/10 (≤ 27,8 %) and 4/8 (≤ 78,5 %) lie below; 2/4 (≤ 85,0 %) does not.
    below = df["di_bawah_wilayah"].dropna()
    assert sorted(k for k, v in below.items() if v) == [KARANGKETUG, POHJENTREK]
    title = pembeda.judul_cakupan_kelurahan(df.reset_index(), "Kota Pasuruan", P)
    assert title.startswith(
        "Cakupan bansos di Kel. Pohjentrek dan Kel. Karangketug di bawah angka Kota Pasuruan "
        "(82,6%)"
    )
    # Without the comparison with the area, the group itself is named.
    group = pembeda.pilih(df.reset_index(), "kelurahan", "terendah_dapat_dibedakan", urut="cakupan")
    assert group == pembeda.Pilihan("kelompok", ["Pohjentrek", "Karangketug", "Gentong"])


def test_p0_tertinggi_rule(lake):
    kel = queries.run("fgt_kelurahan", {"periode": P}, lake).set_index("kode_kel")
    # One member per family: effective persons N − 1, Wilson on R(N − 1) of N − 1.
    lo, hi = wilson(19 + 1 / 3, 29)  # Wirogunan 20 of 30 below
    assert kel.loc[WIROGUNAN, "p0_bawah"] == pytest.approx(100 * lo, abs=1e-3)  # 48,48
    # Highest P0 Wirogunan 66,7 % (lower 48,5 %); Karangketug (upper 79,8 %) and Gentong
    # (87,5 %) reach it; Sebani (16,7 %) and Pohjentrek (27,8 %) do not.
    flags = kel["tertinggi_dapat_dibedakan"]
    assert {k for k, v in flags.items() if not pd.isna(v)} == {WIROGUNAN, KARANGKETUG, GENTONG}
    assert not any(bool(v) for v in flags.dropna())
    # City P0 28 of 92 = 30,43 %: only Wirogunan's interval lies above it.
    assert kel.loc[WIROGUNAN, "p0_wilayah"] == pytest.approx(100 * 28 / 92, abs=1e-4)
    assert [k for k, v in kel["di_atas_wilayah"].items() if v] == [WIROGUNAN]
    title = pembeda.judul_p0_kelurahan(kel.reset_index(), "Kota Pasuruan", P)
    assert title.startswith(
        "P0 ekstrem di Kel. Wirogunan di atas angka Kota Pasuruan (30,43%) di luar selang 95 % "
        "(tanpa koreksi uji berganda)"
    )
    # Kec. Purworejo alone: Wirogunan (lower 48,5 %) is apart from Pohjentrek (upper 27,8 %).
    kec = queries.run("fgt_kelurahan", {"periode": P, "kode_kec": "35.75.02"}, lake)
    kec = kec.set_index("kode_kel")
    assert kec.loc[WIROGUNAN, "tertinggi_dapat_dibedakan"] == True  # noqa: E712
    assert pd.isna(kec.loc[POHJENTREK, "tertinggi_dapat_dibedakan"])
    assert pembeda.judul_p0_kelurahan(kec.reset_index(), "Kec. Purworejo", P).startswith(
        "Kel. Wirogunan punya P0 ekstrem tertinggi di Kec. Purworejo: 66,67% jiwa"
    )


def norm(s: pd.Series) -> list:
    return [None if v is None or pd.isna(v) else bool(v) for v in s]


def test_python_rule_equals_the_query_columns(lake):
    for area in ({}, {"kode_kec": "35.75.01"}, {"kode_kec": "35.75.02"}):
        c = cakupan(lake, **area)
        py = pembeda.kelompok(c, "cakupan", "cakupan_bawah", "cakupan_atas", "terendah")
        assert norm(py) == norm(c["terendah_dapat_dibedakan"]), area
        f = queries.run("fgt_kelurahan", {"periode": P, **area}, lake)
        py = pembeda.kelompok(f, "p0", "p0_bawah", "p0_atas", "tertinggi")
        assert norm(py) == norm(f["tertinggi_dapat_dibedakan"]), area


def test_peta_title_names_no_single_highest_over_overlapping_rates():
    df = pd.DataFrame(
        {
            "kecamatan": ["A", "B", "C"],
            "per_1000_keluarga": [18.3, 16.3, 10.3],
            "per_1000_bawah": [15.6, 12.1, 7.8],
            "per_1000_atas": [21.4, 22.0, 13.6],
        }
    )
    # A's lower bound 15,6 lies inside B's interval (up to 22,0); C's (up to 13,6) does not.
    assert norm(
        pembeda.kelompok(df, "per_1000_keluarga", "per_1000_bawah", "per_1000_atas", "tertinggi")
    ) == [False, False, None]
    title = pembeda.judul_peta(df, "kecamatan", "per_1000", "2026-09")
    assert title == (
        "Keluarga miskin ekstrem per 1.000 keluarga dalam daftar: tertinggi tidak dapat dibedakan "
        "(di antara Kec. A dan Kec. B): selang 95 % tumpang tindih (September 2026)"
    )
    apart = df.assign(per_1000_bawah=[22.5, 12.1, 7.8], per_1000_keluarga=[25.0, 16.3, 10.3])
    assert pembeda.judul_peta(apart, "kecamatan", "per_1000", "2026-09").startswith(
        "Kec. A tertinggi: 25,0"
    )


def test_hidden_or_single_areas_name_nothing():
    df = pd.DataFrame({"kelurahan": ["A"], "x": [None]})
    assert pembeda.pilih(df, "kelurahan", "x") is None
    df = pd.DataFrame({"kelurahan": ["A", "B"], "x": ["×", "×"]})
    assert pembeda.pilih(df, "kelurahan", "x") is None
    assert (
        pembeda.daftar_nama(list("ABCDEF"), "Kel.")
        == "Kel. A, Kel. B, Kel. C, Kel. D dan 2 lainnya"
    )


def test_a_guest_frame_with_hidden_cells_names_no_area():
    # A guest sees "×" where a cell could reveal a small count: the visible rest may not be named.
    df = pd.DataFrame(
        {
            "kelurahan": ["A", "B", "C"],
            "cakupan": ["×", 0.5, "×"],
            "terendah_dapat_dibedakan": ["×", False, "×"],
        }
    )
    assert pembeda.pilih(df, "kelurahan", "terendah_dapat_dibedakan") is None
    peta_df = pd.DataFrame(
        {
            "kecamatan": ["A", "B"],
            "per_1000_keluarga": ["×", 16.3],
            "per_1000_bawah": ["×", 12.1],
            "per_1000_atas": ["×", 22.0],
        }
    )
    assert pembeda.judul_peta(peta_df, "kecamatan", "per_1000", "2026-09") == (
        "Keluarga miskin ekstrem per 1.000 keluarga dalam daftar per kecamatan (September 2026)"
    )


def test_tuban_s_two_latsari_are_told_apart_in_the_headlines(monkeypatch):
    """A name two desa/kelurahan share (Tuban's Latsari: Desa in Kec. Bancar, Kel. in Kec. Tuban)
    gets its kecamatan in Bantuan's and Beban's headlines, and the rule's names belong to one
    unit each (before, both rows were 'Latsari' and the first row's code gave both one word)."""
    from pantau import wilayah

    monkeypatch.setattr(wilayah, "dari", lambda *a, **k: wilayah.cari("35.23"))
    bancar, tuban, bate = "35.23.04.2003", "35.23.16.1006", "35.23.03.2002"
    # Bantuan: both Latsari lowest and overlapping (False), Bate apart above (None); area 60 %.
    kel = pd.DataFrame(
        {
            "program": ["Bansos (strategi 1)"] * 3,
            "kode_kel": [bancar, tuban, bate],
            "kelurahan": ["Latsari", "Latsari", "Bate"],
            "cakupan": [0.10, 0.20, 0.90],
            "cakupan_bawah": [0.02, 0.05, 0.80],
            "cakupan_atas": [0.30, 0.45, 0.95],
            "cakupan_wilayah": [0.60] * 3,
            "terendah_dapat_dibedakan": [False, False, None],
            "di_bawah_wilayah": [True, True, False],
        }
    )
    assert pembeda.judul_cakupan_kelurahan(kel, "Kabupaten Tuban", P) == (
        "Cakupan bansos di Desa Latsari (Kec. Bancar) dan Kel. Latsari (Kec. Tuban) di bawah "
        "angka Kabupaten Tuban (60,0%) di luar selang 95 % (tanpa koreksi uji berganda); "
        "desa/kelurahan terendah tidak dapat dibedakan satu sama lain (Juni 2024)"
    )
    # One named alone: Tuban's Latsari, apart from the rest.
    satu = kel.assign(terendah_dapat_dibedakan=[None, True, None], cakupan=[0.5, 0.05, 0.9])
    assert pembeda.judul_cakupan_kelurahan(satu, "Kabupaten Tuban", P).startswith(
        "Cakupan bansos terendah di Kel. Latsari (Kec. Tuban): 5,0% keluarga miskin ekstrem"
    )
    # Beban: Bancar's Latsari highest P0, apart from the others.
    p0 = pd.DataFrame(
        {
            "kode_kel": [bancar, tuban, bate],
            "kelurahan": ["Latsari", "Latsari", "Bate"],
            "p0": [70.0, 20.0, 10.0],
            "p0_wilayah": [30.0] * 3,
            "tertinggi_dapat_dibedakan": [True, None, None],
            "di_atas_wilayah": [True, False, False],
        }
    )
    assert pembeda.judul_p0_kelurahan(p0, "Kabupaten Tuban", P).startswith(
        "Desa Latsari (Kec. Bancar) punya P0 ekstrem tertinggi di Kabupaten Tuban: 70,00% jiwa"
    )

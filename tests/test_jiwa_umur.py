"""Extreme-poor jiwa by age group and disability (issue 15's new indicator), from the individu
exports, on a hand-made city of five families. Every expected figure is worked out by hand in
the comments; ages are at the end of the period asked (2026-06-30)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, nik

from pantau import privacy, queries

A, B = "35.75.04.1007", "35.75.01.1001"  # Panggungrejo, Gadingrejo
KEC_A, KEC_B = "35.75.04", "35.75.01"
P, LATER = "2026-06", "2026-09"
SHARED = nik(9, serial=9009)  # one person in f2's and in f4's exports (moved): counted once


def person(i, fam, lahir, dis, serial):
    return {"no_kk": kk(fam), "nik": nik(i, serial=serial), "nama": f"Orang {serial}",
            "tanggal_lahir": lahir, "disabilitas": dis}  # fmt: skip


# f  kel  P's list            individu export used (latest at or before P)
# 0  A    Ya, 4 anggota       2026-03 (2025-12's older one and 2026-09's later one are not)
# 1  A    Ya, 3 anggota       none -> 'Keluarga tanpa data anggota': 3 jiwa
# 2  B    Ya, 4 anggota       2026-06
# 3  B    Tidak               2026-06 (not extreme-poor: not counted)
# 4  A    Ya, 2 anggota       2026-03
INDIVIDU = {
    "2025-12": [
        person(0, 0, "1980-01-01", "Tidak", 1001),
        person(0, 0, "1940-01-01", "2", 1099),  # left before 2026-03: not counted
    ],
    "2026-03": [
        person(0, 0, "1980-01-01", "Tidak", 1001),  # 46: 22–59, tanpa disabilitas
        person(0, 0, "1985-05-05", None, 1002),  # 41: 22–59, disability not known
        person(0, 0, "2020-07-01", "Tuna netra", 1003),  # 5 (6 on 2026-07-01): < 7, disabled
        person(0, 0, "2019-06-30", "0", 1004),  # 7 that day: 7–12, tanpa
        person(4, 4, "2004-06-30", "Tidak Cacat", 1005),  # 22 that day: 22–59, tanpa
        {**person(4, 4, "2008-07-01", "tidak ada", 0), "nik": SHARED},  # 17, see f2
    ],
    P: [
        person(2, 2, "1960-06-30", "2", 2001),  # 66: ≥ 60, disabled (a code)
        {**person(2, 2, "2008-07-01", "tidak ada", 0), "nik": SHARED},  # 17: 16–18, tanpa
        person(2, 2, None, None, 2003),  # no birth date: umur tidak diketahui, not known
        person(2, 2, "2026-07-15", "Tidak", 2004),  # born after the period: tidak diketahui
        person(3, 3, "1990-01-01", "1", 3001),  # f3 is not extreme-poor
    ],
    LATER: [person(0, 0, "2026-08-01", None, 1006)],  # after P: not P's member
}
LIST_P = [(0, A, "Ya", 4), (1, A, "Ya", 3), (2, B, "Ya", 4), (3, B, "Tidak", 2), (4, A, "Ya", 2)]

COLS = ["jiwa", "jiwa_disabilitas", "jiwa_tanpa_disabilitas", "jiwa_disabilitas_tidak_diketahui"]
GROUPS = [
    "< 7 tahun", "7–12 tahun", "13–15 tahun", "16–18 tahun", "19–21 tahun", "22–59 tahun",
    "≥ 60 tahun", "Umur tidak diketahui", "Keluarga tanpa data anggota", "Semua",
]  # fmt: skip


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    def keluarga(rows, flag=True):
        df = keluarga_rows(
            [{"no_kk": kk(i), "nik_kepala": nik(i), "kode_kel": kel, "miskin_ekstrem": me,
              "jumlah_anggota": n} for i, kel, me, n in rows]
        )  # fmt: skip
        return df if flag else df.drop(columns=["miskin_ekstrem"])

    return build_lake(
        tmp_path_factory.mktemp("jiwa_umur"),
        {
            "keluarga": {P: keluarga(LIST_P), LATER: keluarga(LIST_P, flag=False)},
            "individu": {p: pd.DataFrame(rows) for p, rows in INDIVIDU.items()},
        },
    )


def table(lake, **area) -> dict[str, list[int]]:
    df = queries.run("jiwa_miskin_ekstrem_umur", {"periode": P, **area}, lake)
    assert df["kelompok_umur"].tolist() == GROUPS
    return {g: [int(v) for v in row] for g, row in zip(GROUPS, df[COLS].values, strict=True)}


def test_the_city_s_extreme_poor_jiwa_by_age_group_and_disability(lake):
    got = table(lake)
    #                          jiwa, disabled, tanpa, not known
    assert got["< 7 tahun"] == [1, 1, 0, 0]
    assert got["7–12 tahun"] == [1, 0, 1, 0]
    assert got["13–15 tahun"] == [0, 0, 0, 0]
    assert got["16–18 tahun"] == [1, 0, 1, 0]  # the shared NIK once
    assert got["19–21 tahun"] == [0, 0, 0, 0]
    assert got["22–59 tahun"] == [3, 0, 2, 1]
    assert got["≥ 60 tahun"] == [1, 1, 0, 0]
    assert got["Umur tidak diketahui"] == [2, 0, 1, 1]
    assert got["Keluarga tanpa data anggota"] == [3, 0, 0, 3]
    assert got["Semua"] == [12, 2, 5, 5]
    df = queries.run("jiwa_miskin_ekstrem_umur", {"periode": P}, lake)
    porsi = df.set_index("kelompok_umur")["porsi_disabilitas"]
    assert porsi["Semua"] == pytest.approx(2 / 7)  # of the 7 whose disability is known
    assert porsi["< 7 tahun"] == 1.0 and porsi["22–59 tahun"] == 0.0
    assert pd.isna(porsi["13–15 tahun"]) and pd.isna(porsi["Keluarga tanpa data anggota"])


def test_an_area_counts_its_own_families_members(lake):
    b = table(lake, kode_kec=KEC_B)  # f2 only (f3 is not extreme-poor)
    assert b["Semua"] == [4, 1, 2, 1]
    assert b["16–18 tahun"] == [1, 0, 1, 0] and b["≥ 60 tahun"] == [1, 1, 0, 0]
    assert b["Keluarga tanpa data anggota"] == [0, 0, 0, 0]
    a = table(lake, kode_kel=A)  # f0, f1, f4: the shared person is f4's member here
    assert a["Semua"] == [9, 1, 4, 4]
    assert a["16–18 tahun"] == [1, 0, 1, 0]
    assert a["Keluarga tanpa data anggota"] == [3, 0, 0, 3]


def test_a_list_without_the_flag_gives_no_rows(lake):
    assert queries.run("jiwa_miskin_ekstrem_umur", {"periode": LATER}, lake).empty
    assert queries.run("jiwa_miskin_ekstrem_umur", {}, lake).empty  # LATER is the latest


def test_a_guest_sees_small_counts_hidden_and_the_total_kept_consistent(lake):
    df = privacy.result("jiwa_miskin_ekstrem_umur", {"periode": P}, "tamu", lake)
    row = df.set_index("kelompok_umur")
    assert row.loc["< 7 tahun", "jiwa"] == "<5"  # 1 person
    assert row.loc["13–15 tahun", "jiwa"] == 0  # 0 reveals no one
    kepala = privacy.result("jiwa_miskin_ekstrem_umur", {"periode": P}, "kepala", lake)
    assert kepala.set_index("kelompok_umur").loc["Semua", "jiwa"] == 12


def test_the_ringkasan_page_states_the_finding_and_draws_the_bars(lake, monkeypatch):
    import json

    from lakes import open_page, page_texts

    def title(at) -> str:
        specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
        titles = [s["layout"]["title"]["text"] for s in specs]
        return next(t for t in titles if "penyandang disabilitas" in t).replace("<br>", " ")

    at = open_page(lake, monkeypatch, "pages/ringkasan.py", "kepala", periode=P)
    assert "Jiwa miskin ekstrem menurut umur dan disabilitas" in page_texts(at)
    # 2 disabled, 1 aged ≥ 60, 1 under 7, of 12 jiwa
    assert title(at).startswith("2 penyandang disabilitas, 1 lansia (≥ 60) dan 1 anak di bawah 7")
    assert "di antara 12 jiwa miskin ekstrem" in title(at)
    guest = open_page(lake, monkeypatch, "pages/ringkasan.py", "tamu", periode=P)
    assert title(guest).startswith("<5 penyandang disabilitas, <5 lansia (≥ 60) dan <5 anak")
    # every group is 1-4 jiwa here, so the total would give the hidden ones away: hidden too
    assert "di antara × jiwa miskin ekstrem" in title(guest)


def test_a_row_whose_parts_a_guest_cannot_see_is_drawn_whole_in_grey():
    from pantau.charts import bars

    df = pd.DataFrame(
        {
            "kelompok_umur": ["< 7 tahun", "7–12 tahun", "≥ 60 tahun", "Semua"],
            "jiwa": [121, 30, "×", 200],
            "jiwa_disabilitas": [0, 5, "<5", 9],
            "jiwa_tanpa_disabilitas": ["×", 20, "×", 180],
            "jiwa_disabilitas_tidak_diketahui": ["<5", 5, 0, 11],
        }
    )
    fig = bars.umur_disabilitas(df, "judul")
    x = {t.name: list(t.x) for t in fig.data}
    assert list(fig.data[0].y) == ["< 7 tahun", "7–12 tahun", "≥ 60 tahun"]  # not 'Semua'
    assert x["Tanpa disabilitas"][1] == 20 and pd.isna(x["Tanpa disabilitas"][0])
    assert pd.isna(x["Penyandang disabilitas"][0])  # its 0 is not drawn beside a hidden part
    grey = x["Rincian disamarkan (ada bagian < 5)"]
    assert grey[0] == 121 and pd.isna(grey[1]) and pd.isna(grey[2])  # hidden jiwa: no bar

"""Figures that pages once computed in pandas, now columns of named queries (issue 15 §2), so the
page, the deck and `pantau query` give one number: Bantuan's share gagal or retur and which row
has the most (bantuan_program_dana), Beban's "N dari M keluarga" under the scatter
(beban_sebaran_sampel). Expected figures worked by hand, a suppressed cell among them."""

from __future__ import annotations

import pandas as pd
import pytest
import test_bantuan as tb
from lakes import build_lake, keluarga_rows, open_page
from test_beban import FAMILIES, sample_rows

from pantau import privacy, queries


@pytest.fixture(scope="module")
def bantuan_lake(tmp_path_factory):
    return tb.build(tmp_path_factory.mktemp("gagal_retur"))


def _by(df: pd.DataFrame, col: str) -> dict:
    return {r[col]: r for _, r in df.iterrows()}


# --- Bantuan: gagal + retur -----------------------------------------------------------------


def test_the_share_gagal_or_retur_and_its_rank_are_the_query_s(bantuan_lake):
    by = _by(queries.run("bantuan_program_dana", {"periode": tb.P}, bantuan_lake), "program")
    sd, mu = by["Sembako Daerah"], by["Modal Usaha"]
    # SD (APBD) 2024: 7 payments, i3 gagal and i7's January retur: (1 + 1) / 7
    assert sd["porsi_gagal_retur"] == pytest.approx(2 / 7)
    assert sd["porsi_gagal_retur"] == pytest.approx(sd["porsi_gagal"] + sd["porsi_retur"])
    # MU (DBHCHT): i8 and i6 both tersalur: 0
    assert mu["porsi_gagal_retur"] == 0
    assert (sd["peringkat_gagal_retur"], mu["peringkat_gagal_retur"]) == (1, 2)


def test_a_tie_at_zero_shares_the_first_rank(bantuan_lake):
    # Karangketug alone: SD i4 i6 i7 tersalur + i7 retur (1 of 4); MU i6 tersalur (0 of 1)
    df = queries.run("bantuan_program_dana", {"periode": tb.P, "kode_kel": tb.B}, bantuan_lake)
    by = _by(df, "program")
    assert by["Sembako Daerah"]["porsi_gagal_retur"] == pytest.approx(0.25)
    assert by["Sembako Daerah"]["peringkat_gagal_retur"] == 1
    assert by["Modal Usaha"]["peringkat_gagal_retur"] == 2
    # Ngemplakrejo: SD i0 tersalur, i3 gagal (1 of 2); MU i8 tersalur (0 of 1)
    by = _by(
        queries.run("bantuan_program_dana", {"periode": tb.P, "kode_kel": tb.A}, bantuan_lake),
        "program",
    )
    assert by["Sembako Daerah"]["porsi_gagal_retur"] == pytest.approx(0.5)


def test_a_guest_gets_no_rank_for_a_hidden_share(bantuan_lake):
    # SD's 1 gagal and 1 retur are "<5": 2 of 7 is a count in disguise, hidden; MU's 2
    # payments are "<5" and every share of it hidden. No share shown: no rank at all.
    df = privacy.result("bantuan_program_dana", {"periode": tb.P}, "tamu", bantuan_lake)
    by = _by(df, "program")
    assert by["Sembako Daerah"]["penyaluran_gagal"] == "<5"
    assert by["Sembako Daerah"]["porsi_gagal_retur"] == "×"
    assert by["Modal Usaha"]["porsi_gagal_retur"] == "×"
    assert df["peringkat_gagal_retur"].isna().all()


def test_the_bantuan_page_names_the_row_the_query_ranks_first(bantuan_lake, monkeypatch):
    at = open_page(bantuan_lake, monkeypatch, "pages/bantuan.py", periode=tb.P)
    # SD 2 of 7 against MU 0 of 2: SD is first, 1 of 7 gagal and 1 of 7 retur
    assert (
        "Gagal atau retur terbanyak: Sembako Daerah · APBD (14,3% gagal, 14,3% retur dari 7 "
        "penyaluran, Januari–Juni 2024)"
    ) in tb.chart_titles(at)


# --- Beban: the scatter's sample ----------------------------------------------------------------


@pytest.fixture(scope="module")
def beban_lake(tmp_path_factory):
    return build_lake(
        tmp_path_factory.mktemp("sampel"), {"keluarga": {"2024-06": keluarga_rows(FAMILIES)}}
    )


def test_the_sample_count_is_the_scatter_s_rows_per_group(beban_lake):
    params = {"periode": "2024-06"}
    counts = queries.run("beban_sebaran_sampel", params, beban_lake)
    # F1 F2 F5 extreme-poor, F3 F4 not; F6 has no spending: every family with both figures
    assert counts.to_dict("records") == [
        {"kelompok": "Bukan miskin ekstrem", "keluarga_sampel": 2, "keluarga_kelompok": 2},
        {"kelompok": "Miskin ekstrem", "keluarga_sampel": 3, "keluarga_kelompok": 3},
    ]
    scatter = queries.run("beban_sebaran", params, beban_lake)
    assert scatter["kelompok"].value_counts().sort_index().tolist() == [2, 3]


def test_a_sample_smaller_than_its_group(tmp_path):
    # 2.600 families, every 5th extreme-poor: 520 kept whole; the others fill up to 2.000
    lake = build_lake(tmp_path, {"keluarga": {"2024-06": sample_rows()}})
    counts = queries.run("beban_sebaran_sampel", {"periode": "2024-06"}, lake)
    assert counts.set_index("kelompok").to_dict("index") == {
        "Bukan miskin ekstrem": {"keluarga_sampel": 1_480, "keluarga_kelompok": 2_080},
        "Miskin ekstrem": {"keluarga_sampel": 520, "keluarga_kelompok": 520},
    }


def test_a_guest_sees_a_small_sample_count_suppressed(beban_lake):
    # Karangketug (35.75.01.1001): F5 alone, extreme-poor: 1 of 1, both "<5" for a guest
    params = {"periode": "2024-06", "kode_kel": "35.75.01.1001"}
    raw = queries.run("beban_sebaran_sampel", params, beban_lake)
    assert raw.to_dict("records") == [
        {"kelompok": "Miskin ekstrem", "keluarga_sampel": 1, "keluarga_kelompok": 1}
    ]
    tamu = privacy.policy("beban_sebaran_sampel", raw, "tamu")
    assert tamu[["keluarga_sampel", "keluarga_kelompok"]].iloc[0].tolist() == ["<5", "<5"]


# --- Beban: the FGT title's range ---------------------------------------------------------------


def test_the_p0_range_per_kecamatan_is_the_query_s(beban_lake):
    params = {"periode": "2024-06"}
    # Gadingrejo: F5 alone, below the line: 5 of 5 jiwa = 100. Panggungrejo: F1 (4) and F2 (2)
    # below, F3 (3, exactly on the line) and F4 (1) not, F6 without spending left out: 6 of 10.
    r = queries.run("fgt_rentang", params, beban_lake).iloc[0]
    assert (r["p0_terendah"], r["p0_tertinggi"]) == (60.0, 100.0)
    # the range leaves out the area's own row (11 of 15 jiwa = 73,3) and matches fgt's rows
    fgt = queries.run("fgt", params, beban_lake)
    per_kec = fgt[fgt["kode_kec"].notna()]
    assert sorted(per_kec["p0"]) == [60.0, 100.0]
    assert fgt.loc[fgt["kode_kec"].isna(), "p0"].iloc[0] == pytest.approx(73.3333)


def test_a_list_without_spending_has_no_range(tmp_path):
    lake = build_lake(
        tmp_path, {"keluarga": {"2022-12": keluarga_rows([dict(jumlah_anggota=2)] * 3)}}
    )
    r = queries.run("fgt_rentang", {"periode": "2022-12"}, lake).iloc[0]
    assert pd.isna(r["p0_terendah"]) and pd.isna(r["p0_tertinggi"])


def test_the_beban_page_reads_the_range_and_the_sample_from_their_queries(beban_lake, monkeypatch):
    import json

    at = open_page(beban_lake, monkeypatch, "pages/beban.py", periode="2024-06")
    titles = [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]
    assert (
        "73,33% jiwa dalam daftar Kota Pasuruan di bawah garis ekstrem; per kecamatan "
        "60,00%–100,00% (Juni 2024)"
    ) in titles
    assert any(
        c.value.startswith(
            "Sampel tetap tanpa nama (dipilih dengan hash No KK, sama di setiap tampilan): 2 dari "
            "2 keluarga bukan miskin ekstrem; 3 dari 3 keluarga miskin ekstrem."
        )
        for c in at.caption
    )

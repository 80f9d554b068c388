"""Numbers only in queries (issue 15): the changes, the uncovered families, the share meeting
the verval criteria, the commonest reason, the region's row of the pocket table and the trend
table are columns or rows of named queries, hidden from a guest with what they come from; the
Ringkasan page and the deck only read and format them.

Figures on the hand-made city (tests/kota_uji.py), worked out by hand here:
  extreme-poor: 2024-06 i0-i4 (5), 2024-12 i0-i3 (4): a change of 4 - 5 = -1 keluarga.
  cakupan bansos (strategy 1, tersalur in the 12 months or enrolled):
    2024-06: i0 p1, i1 p3 (tersalur in the newer export), i2 p2, i3 p4; i4 none: 4 of 5 = 0,8
    2024-12: i0 p1, i1 p3, i2 q1/q3, i3 p4/h1: 4 of 4 = 1,0; the change +0,2 (+20,0 points)
  no monitoring visit at all: the leavers this year and a year earlier are NULL, so is the change.
"""

from __future__ import annotations

import pandas as pd
import pytest
from kota_uji import GADINGREJO, PANGGUNGREJO, build

from pantau import fmt, privacy, queries
from pantau.report.context import Context
from pantau.report.slides.common import tren_kecamatan
from pantau.report.slides.kantong import _peta
from pantau.report.slides.verval import verval

DES, SEP, JUN = "2024-12", "2024-09", "2024-06"
X, KECIL = privacy.HIDDEN, f"<{privacy.SMALL}"


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    return build(tmp_path_factory.mktemp("angka_kueri") / "data")


def raw(lake, name: str, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def seen(lake, name: str, role: str = "tamu", **params) -> pd.DataFrame:
    return privacy.result(name, params, role, lake)


# --- 1. ringkasan_kpi: the KPI cards' changes -------------------------------------------------


def test_the_kpi_changes_are_columns_worked_out_by_hand(kota):
    des = raw(kota, "ringkasan_kpi", periode=DES).iloc[0]
    assert des["perubahan_keluarga_miskin_ekstrem"] == 4 - 5
    assert des["perubahan_cakupan"] == pytest.approx(1.0 - 0.8)
    assert pd.isna(des["perubahan_keluarga_keluar"])  # no visit this year nor a year earlier
    # the first flagged list is compared with nothing: no change, not 0
    jun = raw(kota, "ringkasan_kpi", periode=JUN).iloc[0]
    assert pd.isna(jun["perubahan_keluarga_miskin_ekstrem"]) and pd.isna(jun["perubahan_cakupan"])
    assert fmt.selisih(des["perubahan_keluarga_miskin_ekstrem"], "keluarga") == "-1 keluarga"
    assert fmt.selisih_poin_persen(des["perubahan_cakupan"]) == "+20,0 poin persen"
    assert fmt.selisih(des["perubahan_keluarga_keluar"], "keluarga") is None


def test_a_guest_sees_no_change_when_one_side_is_under_5(kota):
    # 2024-12: 4 extreme-poor keluarga ('<5') against 5: the change -1 would give the 4 back
    des = seen(kota, "ringkasan_kpi", periode=DES).iloc[0]
    assert des["keluarga_miskin_ekstrem"] == KECIL
    assert des["keluarga_miskin_ekstrem_sebelumnya"] == 5
    assert des["perubahan_keluarga_miskin_ekstrem"] == X
    # cakupan 1,0 of a hidden base is hidden, and so is its change
    assert (des["cakupan"], des["perubahan_cakupan"]) == (X, X)
    assert fmt.selisih(des["perubahan_keluarga_miskin_ekstrem"], "keluarga") is None
    assert fmt.selisih_poin_persen(des["perubahan_cakupan"]) is None


def test_the_kpi_change_of_large_counts_is_shown_and_hidden_with_either_side():
    row = {
        "keluarga_daftar": 1000,
        "keluarga_miskin_ekstrem": 40,
        "keluarga_miskin_ekstrem_sebelumnya": 42,
        "perubahan_keluarga_miskin_ekstrem": -2,
        "cakupan": 0.5,  # 20 of 40
        "cakupan_sebelumnya": 0.5,  # 21 of 42
        "perubahan_cakupan": 0.0,
        "keluarga_keluar_tahun_ini": 12,
        "keluarga_keluar_tahun_lalu": 3,  # '<5': the change 9 would give it back
        "perubahan_keluarga_keluar": 9,
    }
    out = privacy.policy("ringkasan_kpi", pd.DataFrame([row]), "tamu").iloc[0]
    assert out["perubahan_keluarga_miskin_ekstrem"] == -2  # a change of small size is no count
    assert out["perubahan_cakupan"] == 0.0
    assert (out["keluarga_keluar_tahun_lalu"], out["perubahan_keluarga_keluar"]) == (KECIL, X)
    # a share whose other families are 1-4 (40 of 42 reached: 42 - 40 = 2 not) is hidden, and
    # so is its change, though both counts are shown
    row2 = {**row, "cakupan_sebelumnya": 40 / 42, "perubahan_cakupan": 0.5 - 40 / 42}
    out2 = privacy.policy("ringkasan_kpi", pd.DataFrame([row2]), "tamu").iloc[0]
    assert (out2["cakupan_sebelumnya"], out2["perubahan_cakupan"]) == (X, X)
    assert out2["cakupan"] == 0.5


# --- 2. bantuan_cakupan_program: the families a row does not reach ---------------------------


def test_keluarga_belum_tercakup_is_a_column_worked_out_by_hand(kota):
    # 2024-12, 4 extreme-poor: bansos reaches all 4; Sembako Daerah i0 p1, i2 q1, i3 p4 (3);
    # BLT i1 p3, i2 q3, i3 h1 (3); strategy 2 none (the modal usaha went to i4, not extreme)
    df = raw(kota, "bantuan_cakupan_program", periode=DES).set_index("program")
    got = df["keluarga_belum_tercakup"].to_dict()
    assert got == {
        "Bansos (strategi 1)": 0,
        "Bansos dibayar (tanpa kepesertaan)": 0,
        "Pemberdayaan (strategi 2)": 4,
        "Pemberdayaan (strategi 2), pernah": 4,
        "Program apa pun": 0,
        "BLT": 1,
        "Sembako Daerah": 1,
    }
    # 2024-06, 5 extreme-poor: Sembako Daerah i0, i2, i3 (3, so 2 not); BLT i1 (1, so 4 not)
    jun = raw(kota, "bantuan_cakupan_program", periode=JUN).set_index("program")
    assert jun.loc["Sembako Daerah", "keluarga_belum_tercakup"] == 2
    assert jun.loc["BLT", "keluarga_belum_tercakup"] == 4
    assert jun.loc["Bansos (strategi 1)", "keluarga_belum_tercakup"] == 1


def test_a_guest_cannot_subtract_the_uncovered_out_of_the_cakupan_rows(kota):
    jun = seen(kota, "bantuan_cakupan_program", periode=JUN).set_index("program")
    cols = ["keluarga_miskin_ekstrem", "keluarga_tercakup", "keluarga_belum_tercakup", "cakupan"]
    # 5 = 1 + 4: both parts '<5', so the 5 goes too (8 over two '<5' cells is 4 + 4)
    assert jun.loc["BLT", cols].tolist() == [X, KECIL, KECIL, X]
    # 5 = 4 + 1: the same
    assert jun.loc["Bansos (strategi 1)", cols].tolist() == [X, KECIL, KECIL, X]
    # 5 = 0 + 5: nothing small, all shown
    assert jun.loc["Pemberdayaan (strategi 2)", cols].tolist() == [5, 0, 5, 0.0]


def test_the_deck_s_coverage_table_is_the_query_s(kota):
    from pantau.report.slides.bansos import _cakupan

    for role in ("kepala", "tamu"):
        table = _cakupan(Context(kota, JUN, role)).df
        pd.testing.assert_frame_equal(
            table, seen(kota, "bantuan_cakupan_program", role, periode=JUN)
        )


# --- 3. verval: the share meeting the criteria and the commonest reason ----------------------


def test_porsi_memenuhi_is_a_column_worked_out_by_hand(kota):
    # P3KE 2 of 2 checked; Bansos Pemkot 0 of 1; the overlap row checked none (no share, not 0);
    # Semua daftar 2 of 3
    df = raw(kota, "verval_funnel", periode=SEP).set_index("sumber_daftar")["porsi_memenuhi"]
    assert df["P3KE"] == 1.0
    assert df["Bansos Pemkot"] == 0.0
    assert pd.isna(df["Di lebih dari satu daftar"])
    assert df["Semua daftar"] == pytest.approx(2 / 3)


def test_a_guest_sees_no_share_of_a_small_count(kota):
    df = seen(kota, "verval_funnel", periode=SEP).set_index("sumber_daftar")
    # 2 of 2: the 2 is '<5'; 0 of 1: the 1 checked is '<5'; 2 of 3: both '<5'
    assert df.loc["P3KE", "porsi_memenuhi"] == X
    assert df.loc["Bansos Pemkot", "porsi_memenuhi"] == X
    assert df.loc["Semua daftar", "porsi_memenuhi"] == X


def test_the_commonest_reason_counts_each_keluarga_once_over_the_lists():
    # A keluarga checked for two lists with the same reason is one keluarga in 'Semua daftar'
    # (the old slide added the lists' rows and said 2)
    df = pd.DataFrame(
        {
            "no_kk": ["1", "1", "2"],
            "hasil": ["tidak memenuhi"] * 3,
            "alasan": ["sudah mampu", "sudah mampu", "pindah"],
            "sumber_daftar": ["P3KE", "Bansos Pemkot", "P3KE"],
            "periode": ["2024-09"] * 3,
        }
    )
    import duckdb

    con = duckdb.connect()
    con.register("verval", df)
    sql = queries.get("verval_alasan").sql
    out = con.execute(sql, {"periode": "2024-09"}).df()
    assert out.values.tolist() == [
        ["pindah", "Semua daftar", 1],
        ["sudah mampu", "Semua daftar", 1],
        ["pindah", "P3KE", 1],
        ["sudah mampu", "Bansos Pemkot", 1],
        ["sudah mampu", "P3KE", 1],
    ]


def test_a_reason_s_lists_are_protected_by_its_all_lists_row():
    # sudah mampu: P3KE 3 + Bansos Pemkot 10 = Semua daftar 13 (shown): the 3 is '<5', so the 10
    # would give it back (13 - 10) and is hidden; pindah 20 + 6 = 26 has nothing small
    df = pd.DataFrame(
        {
            "alasan": ["pindah", "sudah mampu", "pindah", "sudah mampu", "sudah mampu"],
            "sumber_daftar": ["Semua daftar", "Semua daftar", "P3KE", "Bansos Pemkot", "P3KE"],
            "keluarga": [26, 13, 20, 10, 3],
        }
    )
    out = privacy.policy("verval_alasan", df, "tamu")
    assert out["keluarga"].tolist() == [26, 13, 20, X, KECIL]


def test_the_verval_slide_quotes_the_commonest_reason_as_the_role_sees_it(kota):
    line = "Alasan tidak memenuhi terbanyak: sudah mampu"
    kepala = verval(Context(kota, DES, "kepala"))[0].poin
    tamu = verval(Context(kota, DES, "tamu"))[0].poin
    assert f"{line} (1 keluarga)." in kepala
    # a guest's 1 is '<5' (the old slide summed the cells it could read and said 0)
    assert f"{line} (<5 keluarga)." in tamu
    table = verval(Context(kota, DES, "kepala"))[0].tabel[0].df
    assert table["porsi_memenuhi"].tolist()[:2] == [1.0, 0.0]


# --- 4. the region's row of the pocket table -------------------------------------------------


def test_peta_wilayah_is_the_kelurahan_summed_worked_out_by_hand(kota):
    # 2024-12: 5 listed (i0 K, i1 G, i2-i4 N), 4 extreme-poor (i0-i3), all reached: 0 not
    des = raw(kota, "peta_wilayah", periode=DES).iloc[0]
    assert (des["kelurahan"], des["keluarga"], des["keluarga_miskin_ekstrem"]) == (
        "Kota Pasuruan",
        5,
        4,
    )
    assert des["keluarga_belum_tercakup"] == 0
    # 2024-06: 5 listed, 5 extreme-poor, i4 reached by no programme in the 12 months: 1
    jun = raw(kota, "peta_wilayah", periode=JUN).iloc[0]
    assert (jun["keluarga"], jun["keluarga_miskin_ekstrem"], jun["keluarga_belum_tercakup"]) == (
        5,
        5,
        1,
    )
    # a flagless list (2024-09, Bansos Pemkot, 6 keluarga): no extreme-poor figure, not 0
    sep = raw(kota, "peta_wilayah", periode=SEP).iloc[0]
    assert sep["keluarga"] == 6 and pd.isna(sep["keluarga_miskin_ekstrem"])
    # one kecamatan: Gadingrejo's 2024-12 list is i0 (Karangketug) and i1 (Gentong)
    gad = raw(kota, "peta_wilayah", periode=DES, kode_kec=GADINGREJO).iloc[0]
    assert (gad["kelurahan"], gad["keluarga"], gad["keluarga_miskin_ekstrem"]) == (
        "Gadingrejo",
        2,
        2,
    )


def test_the_deck_s_pocket_table_ends_with_the_region_row_as_a_guest_sees_it(kota):
    rows = _peta(Context(kota, DES, "tamu")).df
    kel, total = rows.iloc[:-1], rows.iloc[-1]
    pd.testing.assert_frame_equal(
        kel.drop(columns="kantong"),
        seen(kota, "peta_kelurahan", periode=DES).drop(columns="kantong"),
        check_dtype=False,
    )
    # the city row: 5 listed shown (as Ringkasan shows it), its 4 extreme-poor '<5', 0 not
    # reached; the rest of the 5 (1 not extreme-poor) is no column, so the 5 hides nothing
    assert (total["kelurahan"], total["keluarga"], total["keluarga_miskin_ekstrem"]) == (
        "Kota Pasuruan",
        5,
        KECIL,
    )
    assert total["keluarga_belum_tercakup"] == 0
    kpi = seen(kota, "ringkasan_kpi", periode=DES).iloc[0]
    assert (kpi["keluarga_daftar"], kpi["keluarga_miskin_ekstrem"]) == (5, KECIL)


# --- 5. the trend table ----------------------------------------------------------------------


def test_the_trend_table_rows_are_worked_out_by_hand(kota):
    # 2024-06: Gadingrejo i0, i1, i2 (3), Panggungrejo i3, i4 (2), city 5; 2024-12: Gadingrejo
    # i0, i1 (2), Panggungrejo i2 (moved), i3 (2), city 4. The flagless lists are no point.
    df = raw(kota, "tren_miskin_ekstrem_tabel", periode=DES)
    got = [
        (r.periode, r.kode_wilayah, r.wilayah, r.keluarga_miskin_ekstrem) for r in df.itertuples()
    ]
    assert [(p, None if pd.isna(k) else k, w, n) for p, k, w, n in got] == [
        (JUN, GADINGREJO, "Gadingrejo", 3),
        (JUN, PANGGUNGREJO, "Panggungrejo", 2),
        (JUN, None, "Kota Pasuruan", 5),
        (DES, GADINGREJO, "Gadingrejo", 2),
        (DES, PANGGUNGREJO, "Panggungrejo", 2),
        (DES, None, "Kota Pasuruan", 4),
    ]
    # up to 2024-09 (flagless): June only
    assert raw(kota, "tren_miskin_ekstrem_tabel", periode=SEP)["periode"].unique().tolist() == [JUN]


def test_the_deck_s_trend_table_only_reshapes_the_query_s_cells(kota):
    kepala = tren_kecamatan(Context(kota, DES, "kepala")).df
    assert kepala.columns.tolist() == ["periode", "Gadingrejo", "Panggungrejo", "Kota Pasuruan"]
    assert kepala.values.tolist() == [[JUN, 3, 2, 5], [DES, 2, 2, 4]]
    tamu = tren_kecamatan(Context(kota, DES, "tamu")).df
    # June: 3 + 2 = 5, both '<5', so the 5 goes; December 2 + 2 = 4: all three '<5'
    assert tamu.values.tolist() == [[JUN, KECIL, KECIL, X], [DES, KECIL, KECIL, KECIL]]


def test_no_trend_table_before_the_first_flagged_list(kota):
    assert tren_kecamatan(Context(kota, "2024-03", "kepala")) is None

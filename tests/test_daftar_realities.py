"""Real-export realities of the lists: lists without the extreme flag, overlapping source lists,
year-to-date against year-to-date, the target list's last visit and missing spending.

A hand-made city of eight families in two kecamatan (expected figures worked by hand below),
built through the real importer.
"""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, open_page, page_texts

from pantau import queries
from pantau.report.deck import build_deck

A = "35.75.04.1007"  # Kel. Ngemplakrejo, Kec. Panggungrejo
B = "35.75.01.1001"  # Kel. Karangketug, Kec. Gadingrejo

# Lists. i = kk(i).
#  2021-12 P3KE, no flag column:           i0 i1 i2                 (3 families)
#  2022-12 Bansos Pemkot, no flag column:  i2 i3 i4 i5 i6           (5 families; i2 also P3KE)
#  2023-03 DTKS, flagged: i0..i5, extreme i0 i1 (A) and i2 (B)     (3 extreme)
#  2023-06 DTKS, flagged: i0..i5, extreme i0 (A) and i1 (A)        (2 extreme)
#          spending: i4 empty, i5 0 (no figure); the others Rp 1.200.000 for 4 persons.
LISTS = {
    "2021-12": ("P3KE", [0, 1, 2], None),
    "2022-12": ("Bansos Pemkot", [2, 3, 4, 5, 6], None),
    "2023-03": ("DTKS", [0, 1, 2, 3, 4, 5], {0, 1, 2}),
    "2023-06": ("DTKS", [0, 1, 2, 3, 4, 5], {0, 1}),
}
KEL = {0: A, 1: A, 2: B, 3: B, 4: A, 5: B, 6: A}

# Visits (pemantauan), by the quarter they are exported in:
#  2022-03: i3 keluar 2022-02-10          2022-06: i4 keluar 2022-05-10
#  2023-03: i2 keluar 2023-02-15, i0 masih ekstrem 2023-02-01
#  2023-06: i1 keluar 2023-05-20, i0 masih ekstrem 2023-05-25 (after 2023-03's end)
VISITS = {
    "2022-03": [(3, "2022-02-10", "Keluar")],
    "2022-06": [(4, "2022-05-10", "Keluar")],
    "2023-03": [(2, "2023-02-15", "Keluar"), (0, "2023-02-01", "Masih Ekstrem")],
    "2023-06": [(1, "2023-05-20", "Keluar"), (0, "2023-05-25", "Masih Ekstrem")],
}

# Payments (tersalur): 2022-03-01 i3 Rp 100.000; 2023-02-01 i0 Rp 300.000; 2023-05-01 i1 Rp 200.000.
PAYMENTS = {
    "2022-03": [(3, "2022-03-01", 100_000)],
    "2023-03": [(0, "2023-02-01", 300_000)],
    "2023-06": [(1, "2023-05-01", 200_000)],
}

# Verval 2023-01 (one row per family: a verval export names each family once): i0 P3KE
# memenuhi; i2 (on the P3KE and the Bansos Pemkot list) checked as P3KE, memenuhi; i3 Bansos
# Pemkot tidak memenuhi; i7 Bansos Pemprov memenuhi (that list never loaded).
VERVAL = [
    (0, "P3KE", "Memenuhi", None),
    (2, "P3KE", "Memenuhi", None),
    (3, "Bansos Pemkot", "Tidak Memenuhi", "Sudah mampu"),
    (7, "Bansos Pemprov", "Memenuhi", None),
]


def _keluarga(periode: str) -> pd.DataFrame:
    sumber, members, extreme = LISTS[periode]
    rows = []
    for i in members:
        row = {
            "no_kk": kk(i),
            "kode_kel": KEL[i],
            "sumber_data": sumber,
            "pengeluaran_bulanan": {4: None, 5: 0}.get(i, 1_200_000),
        }
        if extreme is not None:
            row["miskin_ekstrem"] = "Ya" if i in extreme else "Tidak"
        rows.append(row)
    df = keluarga_rows(rows)
    # keluarga_rows fills no_kk / NIK by position; keep each family's NIK with its no_kk.
    df["nik_kepala"] = [f"357501010180{i + 1:04d}" for i in members]
    if extreme is None:  # the export has no flag column at all
        df = df.drop(columns=["miskin_ekstrem"])
    return df


def build(data_dir):
    return build_lake(
        data_dir,
        {
            "keluarga": {p: _keluarga(p) for p in LISTS},
            "pemantauan": {
                p: pd.DataFrame(
                    [{"no_kk": kk(i), "tanggal": t, "status_ekstrem": s} for i, t, s in rows]
                )
                for p, rows in VISITS.items()
            },
            "penyaluran": {
                p: pd.DataFrame(
                    [
                        {
                            "no_kk": kk(i),
                            "program": "Sembako Daerah",
                            "sumber_dana": "APBD",
                            "tanggal_salur": t,
                            "nilai": n,
                            "status": "Tersalur",
                        }
                        for i, t, n in rows
                    ]
                )
                for p, rows in PAYMENTS.items()
            },
            "verval": {
                "2023-01": pd.DataFrame(
                    [
                        {
                            "no_kk": kk(i),
                            "tanggal_verval": "2023-01-20",
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


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build(tmp_path_factory.mktemp("daftar"))


def q(lake, name, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def kpi(lake, periode, **area) -> dict:
    return q(lake, "ringkasan_kpi", periode=periode, **area).iloc[0].to_dict()


def na(v) -> bool:
    return v is None or pd.isna(v)


# --- lists without the extreme flag -----------------------------------------------------------


def test_a_missing_flag_column_is_stored_as_no_flag_and_the_period_is_flagless(lake, lake_rows):
    # The importer writes NULL (not false) for an export without the column.
    rows = [r for r in lake_rows(lake) if r["periode"] == "2022-12"]
    assert len(rows) == 5 and {r["miskin_ekstrem"] for r in rows} == {None}
    df = q(lake, "periode_list").set_index("periode")
    assert df.loc["2021-12", "berstatus_ekstrem"] == False  # noqa: E712 (numpy bool)
    assert df.loc["2022-12", "berstatus_ekstrem"] == False  # noqa: E712
    assert df.loc["2023-03", "berstatus_ekstrem"] == True  # noqa: E712
    assert df.loc["2023-06", "berstatus_ekstrem"] == True  # noqa: E712
    # a period with visits only has no list, so no flag
    assert df.loc["2022-06", "berstatus_ekstrem"] == False  # noqa: E712


def test_the_first_flagged_period_after_a_flagless_list_has_no_comparison(lake):
    k = kpi(lake, "2023-03")
    # 3 extreme (i0 i1 i2); the previous period 2022-12 is a flagless list: nothing to compare
    # (the old query gave 3 - 0 = "+3 keluarga").
    assert (k["keluarga_miskin_ekstrem"], k["jiwa_miskin_ekstrem"]) == (3, 12)
    assert na(k["periode_sebelumnya"])
    assert na(k["keluarga_miskin_ekstrem_sebelumnya"])
    assert na(k["cakupan_sebelumnya"])


def test_a_flagged_period_is_compared_with_the_previous_flagged_period(lake):
    k = kpi(lake, "2023-06")
    # 2023-06: i0 i1 = 2, against 2023-03's 3: -1.
    assert k["periode_sebelumnya"] == "2023-03"
    assert (k["keluarga_miskin_ekstrem"], k["keluarga_miskin_ekstrem_sebelumnya"]) == (2, 3)
    assert k["jiwa_miskin_ekstrem_sebelumnya"] == 12
    # by area: Kec. Panggungrejo had i0 i1 in both (2 -> 2); Gadingrejo i2 then none (1 -> 0)
    assert kpi(lake, "2023-06", kode_kec=B[:8])["keluarga_miskin_ekstrem_sebelumnya"] == 1
    assert kpi(lake, "2023-06", kode_kec=B[:8])["keluarga_miskin_ekstrem"] == 0


def test_a_flagless_period_reports_its_list_size_and_source_not_zero_extreme(lake):
    k = kpi(lake, "2022-12")
    assert k["berstatus_ekstrem"] == False  # noqa: E712
    assert (k["keluarga_daftar"], k["sumber_daftar"]) == (5, "Bansos Pemkot")
    assert na(k["keluarga_miskin_ekstrem"]) and na(k["jiwa_miskin_ekstrem"])
    assert na(k["cakupan"]) and na(k["periode_sebelumnya"])
    # Kec. Panggungrejo's part of the list: i4 i6
    assert kpi(lake, "2022-12", kode_kec=A[:8])["keluarga_daftar"] == 2
    assert kpi(lake, "2021-12")["sumber_daftar"] == "P3KE"


def test_the_trend_has_only_flagged_periods(lake):
    df = q(lake, "tren_miskin_ekstrem")
    assert sorted(df["periode"].unique()) == ["2023-03", "2023-06"]
    by = df.groupby("periode")["keluarga_miskin_ekstrem"].sum().to_dict()
    assert by == {"2023-03": 3, "2023-06": 2}


def test_the_scorecard_compares_with_the_previous_flagged_period_only(lake):
    first = q(lake, "skor_strategi", periode="2023-03").set_index("indikator")
    later = q(lake, "skor_strategi", periode="2023-06").set_index("indikator")
    flagless = q(lake, "skor_strategi", periode="2022-12").set_index("indikator")
    cakupan = "Cakupan bansos keluarga miskin ekstrem"
    # 2023-03: i0 paid 2023-02-01 of the extreme i0 i1 i2 -> 1/3; nothing before to compare.
    assert first.loc[cakupan, "nilai"] == pytest.approx(1 / 3)
    assert na(first.loc[cakupan, "nilai_sebelumnya"]) and na(first.loc[cakupan, "membaik"])
    # 2023-06: i0 and i1 paid within 12 months of the extreme i0 i1 -> 1, against 1/3.
    assert later.loc[cakupan, "nilai"] == pytest.approx(1.0)
    assert later.loc[cakupan, "nilai_sebelumnya"] == pytest.approx(1 / 3)
    assert later.loc[cakupan, "periode_pembanding"] == "2023-03"
    # 1 of 3 → 2 of 2 is within Newcombe's 95 % interval of a difference (−0,14 to 0,94,
    # statsmodels): no arrow on a change of two families (BPS review S5; before: "membaik").
    assert (
        na(later.loc[cakupan, "membaik"]) and later.loc[cakupan, "arah"] == "tidak berubah berarti"
    )
    # a flagless list: no extreme-poor indicator (not "0 kelurahan kantong"), no comparison
    kantong = "Kelurahan kantong kemiskinan"
    assert na(flagless.loc[kantong, "nilai"]) and na(flagless.loc[cakupan, "nilai"])
    assert (
        flagless["nilai_sebelumnya"]
        .drop("Keluarga keluar dari kemiskinan ekstrem tahun ini")
        .isna()
        .all()
    )
    assert first.loc[kantong, "nilai"] == 0  # flagged: 3 extreme, none with 5 or more


# --- year to date against the same span a year earlier ----------------------------------------


def test_families_leaving_this_year_are_compared_with_the_same_span_last_year(lake):
    k = kpi(lake, "2023-03")
    # 1 Jan-31 Mar 2023: i2 left = 1; 1 Jan-31 Mar 2022: i3 left = 1 (not all of 2022: 2).
    assert k["periode_tahun_lalu"] == "2022-03"
    assert (k["keluarga_keluar_tahun_ini"], k["keluarga_keluar_tahun_lalu"]) == (1, 1)
    k = kpi(lake, "2023-06")
    # 1 Jan-30 Jun 2023: i2 i1 = 2; 1 Jan-30 Jun 2022: i3 i4 = 2 (the old comparison: 2023-03's
    # year-to-date 1, a rise that only says the year went on).
    assert k["periode_tahun_lalu"] == "2022-06"
    assert (k["keluarga_keluar_tahun_ini"], k["keluarga_keluar_tahun_lalu"]) == (2, 2)
    # aid this year: 2023-06 Rp 300.000 + 200.000 = 500.000; Jan-Jun 2022: Rp 100.000
    assert (k["bantuan_rp_tahun_ini"], k["bantuan_rp_tahun_lalu"]) == (500_000, 100_000)
    # no visit at all in Jan-Dec 2021 (2022-12's span a year earlier): no comparison, not 0
    assert na(kpi(lake, "2022-12")["keluarga_keluar_tahun_lalu"])


def test_the_scorecard_compares_leavers_this_year_with_the_same_span_last_year(lake):
    row = (
        q(lake, "skor_strategi", periode="2023-06")
        .set_index("indikator")
        .loc["Keluarga keluar dari kemiskinan ekstrem tahun ini"]
    )
    # The row is the rate (BPS review 3, S6): leavers ÷ the extreme-poor at risk on 1 January
    # (the latest flagged list before it). 2 (i2 i1) left by June 2023, 2 (i3 i4) by June 2022,
    # but no flagged list precedes 1 January 2023 or 2022 (the first is 2023-03): no base, so
    # no rate and no arrow, as Ringkasan's tile (laju_keluar_tahun_ini NULL).
    assert na(row["nilai"]) and na(row["nilai_sebelumnya"]) and row["satuan"] == "persen"
    assert na(kpi(lake, "2023-06")["laju_keluar_tahun_ini"])
    assert row["sejak_awal_tahun"] == True  # noqa: E712
    assert na(row["membaik"])


# --- overlapping source lists -----------------------------------------------------------------


def test_the_verval_funnel_counts_a_family_on_two_lists_once_and_shows_the_overlap(lake):
    df = q(lake, "verval_funnel", periode="2023-01").set_index("sumber_daftar")
    cols = ["daftar_keluarga", "diperiksa_keluarga", "memenuhi_keluarga", "tidak_memenuhi_keluarga"]
    # P3KE list i0 i1 i2 = 3, checked i0 i2 (both memenuhi).
    assert df.loc["P3KE", cols].tolist() == [3, 2, 2, 0]
    # Bansos Pemkot list i2..i6 = 5, checked i3 (tidak).
    assert df.loc["Bansos Pemkot", cols].tolist() == [5, 1, 0, 1]
    # i2 is on both lists (checked once, under P3KE).
    assert df.loc["Di lebih dari satu daftar", cols].tolist() == [1, 0, 0, 0]
    # Semua daftar, each family once: i0..i6 plus the checked i7 = 8 (the old sum of the rows:
    # 3 + 5 + 1 = 9, i2 twice); checked i0 i2 i3 i7 = 4, memenuhi i0 i2 i7 = 3, tidak i3 = 1.
    assert df.loc["Semua daftar", cols].tolist() == [8, 4, 3, 1]
    # the rows above minus the overlap give the whole: 3 + 5 - 1 (+ Pemprov's unknown list)
    assert df.loc[["P3KE", "Bansos Pemkot", "Bansos Pemprov"], "diperiksa_keluarga"].sum() == 4
    assert df.index[-1] == "Semua daftar"


def test_a_list_that_was_not_loaded_is_named_not_replaced_by_the_checked_count(lake):
    df = q(lake, "verval_funnel", periode="2023-01").set_index("sumber_daftar")
    # Bansos Pemprov: i7 checked, the list itself never imported: its size is unknown.
    assert na(df.loc["Bansos Pemprov", "daftar_keluarga"])
    assert df.loc["Bansos Pemprov", "diperiksa_keluarga"] == 1
    assert df["daftar_dimuat"].to_dict() == {
        "P3KE": True,
        "Bansos Pemkot": True,
        "Bansos Pemprov": False,
        "Di lebih dari satu daftar": False,
        "Semua daftar": False,
    }


# --- the target list --------------------------------------------------------------------------


def test_the_target_list_shows_no_visit_after_the_period_and_no_spending_as_empty(lake):
    march = q(lake, "daftar_sasaran", periode="2023-03").set_index("no_kk")
    # i0 was visited 2023-02-01 and 2023-05-25; on 31 March only the first had happened.
    assert str(march.loc[kk(0), "kunjungan_terakhir"])[:10] == "2023-02-01"
    june = q(lake, "daftar_sasaran", periode="2023-06").set_index("no_kk")
    assert str(june.loc[kk(0), "kunjungan_terakhir"])[:10] == "2023-05-25"
    # spending: 1.200.000 / 4 = 300.000; i4 empty and i5 0 have no figure: NULL, not 0.
    assert june.loc[kk(0), "pengeluaran_per_kapita"] == 300_000
    assert na(june.loc[kk(4), "pengeluaran_per_kapita"])
    assert na(june.loc[kk(5), "pengeluaran_per_kapita"])
    # "not visited for 3 months" at the end of March: i0's May visit does not count yet
    late = q(lake, "daftar_sasaran", periode="2023-03", tidak_dikunjungi_bulan="1")
    assert kk(0) in set(late["no_kk"])


# --- the Ringkasan page and the deck -----------------------------------------------------------


def test_ringkasan_of_a_flagless_period_shows_the_list_without_a_change(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode="2022-12")
    metrics = {m.label: m for m in at.metric}
    assert "Keluarga miskin ekstrem" not in metrics
    assert metrics["Keluarga dalam daftar"].value == "5"
    # no "+N" anywhere: the list is not compared with anything
    assert not any(str(m.delta or "").startswith("+") for m in at.metric)
    text = page_texts(at)
    assert "5 keluarga tanpa status miskin ekstrem" in text
    assert "Bansos Pemkot" in text


def test_ringkasan_of_the_first_flagged_period_shows_no_change(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode="2023-03")
    metrics = {m.label: m for m in at.metric}
    assert metrics["Keluarga miskin ekstrem"].value == "3"
    assert not metrics["Keluarga miskin ekstrem"].delta
    assert "Belum ada daftar bertanda miskin ekstrem sebelum periode ini" in page_texts(at)
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", periode="2023-06")
    metrics = {m.label: m for m in at.metric}
    assert metrics["Keluarga miskin ekstrem"].delta == "-1 keluarga"
    # leavers: 2 against Jan-Jun 2022's 2
    assert metrics["Keluar dari miskin ekstrem tahun ini"].delta == "±0 keluarga"
    assert "Bansos Pemprov belum dimuat" in "\n".join(w.value for w in at.warning)


def test_the_deck_names_a_flagless_list_and_compares_flagged_lists_only(lake):
    title = build_deck(lake, "2022-12", "kepala").slides[0].judul
    assert title == (
        "Desember 2022: daftar Bansos Pemkot memuat 5 keluarga, tanpa status miskin ekstrem"
    )
    title = build_deck(lake, "2023-03", "kepala").slides[0].judul
    assert title == "3 keluarga miskin ekstrem di Kota Pasuruan pada Maret 2023"
    title = build_deck(lake, "2023-06", "kepala").slides[0].judul
    assert title == (
        "2 keluarga miskin ekstrem di Kota Pasuruan pada Juni 2023, turun 1 keluarga dari "
        "Maret 2023"
    )


def test_the_deck_verval_slide_counts_the_overlap_once_and_names_the_missing_list(lake):
    slide = build_deck(lake, "2023-03", "kepala").slides[1]
    # Bansos Pemprov was never loaded: the title says so and counts the checked families
    # (i0 i2 i3 i7 = 4, memenuhi i0 i2 i7 = 3).
    assert slide.judul == (
        "Verval Januari 2023: 3 dari 4 keluarga yang diperiksa memenuhi kriteria; daftar "
        "Bansos Pemprov belum dimuat"
    )
    assert "Di lebih dari satu daftar: 1 keluarga (dihitung sekali pada Semua daftar)." in (
        slide.poin
    )
    assert any("Bansos Pemprov belum dimuat" in p for p in slide.poin)
    table = next(t for t in build_deck(lake, "2023-03", "kepala").tabel() if t.key == "verval")
    semua = table.df.set_index("sumber_daftar").loc["Semua daftar"]
    assert (semua["daftar_keluarga"], semua["memenuhi_keluarga"]) == (8, 3)


def test_the_deck_verval_title_counts_each_family_once_when_every_list_is_loaded(tmp_path):
    # The same lists with i7 checked as Bansos Pemkot instead: P3KE i0 i1 i2 and Bansos Pemkot
    # i2..i6 give 7 families, not 3 + 5 = 8; i7 (checked, not on the loaded list) makes 8.
    # Checked i0 i2 i3 i7, memenuhi i0 i2 i7 = 3.
    global VERVAL
    saved = VERVAL
    VERVAL = [(i, "Bansos Pemkot" if i == 7 else s, h, a) for i, s, h, a in saved]
    try:
        lake = build(tmp_path / "data")
    finally:
        VERVAL = saved
    slide = build_deck(lake, "2023-03", "kepala").slides[1]
    assert slide.judul == (
        "Verval Januari 2023: 8 keluarga dalam 2 daftar (1 di lebih dari satu daftar), "
        "3 keluarga memenuhi kriteria"
    )

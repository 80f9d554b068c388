"""Payments as real exports carry them (issue 11 §1): a payment re-exported in a later file
counts once, a family that moves is booked where it lived when paid or visited, and payments
that match no listed family are a row of their own so that the kecamatan add up to the city.

A hand-made city, every expected figure worked out by hand below.
"""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, nik, open_page, page_texts

from pantau import queries
from pantau.ingest import import_files

KARANGKETUG, GENTONG = "35.75.01.1001", "35.75.01.1002"  # Kec. Gadingrejo (35.75.01)
NGEMPLAKREJO = "35.75.04.1007"  # Kec. Panggungrejo (35.75.04)
GADINGREJO, PANGGUNGREJO = "35.75.01", "35.75.04"

# Families i = kk(i), head nik(i); all extreme-poor, 4 members, spending Rp 1.000.000 a month.
#  i  2024-06 list   2024-12 list
#  0  Karangketug    Karangketug
#  1  Gentong        Gentong
#  2  Karangketug    Ngemplakrejo   <- moves from Gadingrejo to Panggungrejo
#  3  Ngemplakrejo   Ngemplakrejo
#  4  Ngemplakrejo   Ngemplakrejo
LISTS = {
    "2024-06": [KARANGKETUG, GENTONG, KARANGKETUG, NGEMPLAKREJO, NGEMPLAKREJO],
    "2024-12": [KARANGKETUG, GENTONG, NGEMPLAKREJO, NGEMPLAKREJO, NGEMPLAKREJO],
}
MEMBER_NIK = nik(50, serial=9050)  # a valid NIK that is no family head's
NOBODY = kk(9)  # a No KK on no list

SD, BLT, MU = ("Sembako Daerah", "APBD"), ("BLT", "DBHCHT"), ("Modal Usaha", "DBHCHT")
# (no_kk, nik, programme, date, Rp, status). The 2024-12 export repeats two June payments:
# family 0's (same family, programme, date, amount) and family 1's BLT, gagal in June and
# tersalur in December (an update, not new money).
PAYMENTS = {
    "2024-06": [
        (kk(0), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p1
        # p2: family 2 before its move, and before the first list (booked to the earliest list)
        (kk(2), None, SD, "2024-03-15", 450_000, "Tersalur"),
        (kk(1), None, BLT, "2024-05-20", 800_000, "Gagal"),  # p3
        (kk(3), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p4
    ],
    "2024-12": [
        (kk(0), None, SD, "2024-03-15", 600_000, "Tersalur"),  # p1 again
        (kk(1), None, BLT, "2024-05-20", 800_000, "Tersalur"),  # p3 again, now paid
        (kk(2), None, SD, "2024-12-10", 600_000, "Tersalur"),  # q1: after the move
        # q3: between the lists, so the list in force is June's: still Karangketug
        (kk(2), None, BLT, "2024-10-05", 100_000, "Tersalur"),
        (kk(4), None, MU, "2024-10-01", 2_500_000, "Tersalur"),  # q2
        (None, nik(3), BLT, "2024-08-01", 800_000, "Tersalur"),  # h1: head's NIK -> family 3
        (None, MEMBER_NIK, SD, "2024-09-15", 600_000, "Tersalur"),  # u1: no family
        (NOBODY, None, BLT, "2024-09-20", 800_000, "Tersalur"),  # u2: no family
        # dated far from the export's period (warned at import; outside 2024's figures)
        (kk(0), None, SD, "2022-01-10", 600_000, "Tersalur"),  # w1: > 12 months before
        (kk(1), None, BLT, "2025-02-01", 800_000, "Tersalur"),  # w2: after the period
    ],
}
# Family 2 left extreme poverty at a visit in May 2024, while it lived in Gadingrejo.
VISITS = {"2024-06": [(kk(2), "2024-05-10", "Keluar")]}

# The payments of 2024 (1 January - 31 December), each once, booked by date:
#   Gadingrejo   p1 600.000 (fam 0, Karangketug) + p2 450.000 (fam 2, Karangketug, before the
#                move) + q3 100.000 (fam 2, October: June's list) + p3 800.000 (fam 1, Gentong)
#                                                                          = 1.950.000, 3 KPM
#   Panggungrejo p4 600.000 (fam 3) + q1 600.000 (fam 2, after the move) + q2 2.500.000 (fam 4)
#                + h1 800.000 (fam 3)                                      = 4.500.000, 3 KPM
#   tidak diketahui  u1 600.000 (member NIK) + u2 800.000 (No KK on no list) = 1.400.000, 2 KPM
#   city                                                   1.950.000 + 4.500.000 + 1.400.000
#                                                          = 7.850.000, 7 KPM (family 2 once)
# Before: p1 counted twice (+600.000) and p2, q3 booked to Panggungrejo (the latest list):
# 8.450.000 for the city, Gadingrejo 600.000 + 600.000 + 800.000 = 2.000.000.
KOTA_2024 = 7_850_000
KEC_2024 = {GADINGREJO: 1_950_000, "35.75.02": 0, "35.75.03": 0, PANGGUNGREJO: 4_500_000}
TIDAK_DIKETAHUI_2024 = 1_400_000


def _keluarga(periode: str) -> pd.DataFrame:
    return keluarga_rows(
        [
            {
                "kode_kel": kel,
                "pengeluaran_bulanan": 1_000_000,
                "pendapatan_bulanan": 800_000,
                "desil": 1,
            }
            for kel in LISTS[periode]
        ]
    )


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


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    data = tmp_path_factory.mktemp("realities") / "data"
    build_lake(
        data,
        {
            "keluarga": {p: _keluarga(p) for p in LISTS},
            "pemantauan": {
                p: pd.DataFrame(
                    [{"no_kk": k, "tanggal": t, "status_ekstrem": s} for k, t, s in rows]
                )
                for p, rows in VISITS.items()
            },
        },
    )
    exports = data / "exports"
    summaries = {}
    for periode in PAYMENTS:
        path = exports / f"penyaluran_{periode}.csv"
        _penyaluran(periode).to_csv(path, index=False)
        summaries[periode] = import_files([path], "penyaluran", periode, data)
        assert summaries[periode].rejected == 0, summaries[periode].reasons
    return data, summaries


def q(lake, name, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def sql(lake, text: str):
    """A shared definition read directly (the named queries build on it)."""
    e = queries.engine(lake)
    e.refresh()
    return e.con.execute(text).fetchall()


def test_payment_dated_far_from_its_export_period_is_warned_with_the_count(city):
    _, summaries = city
    # 2024-06: dates of March and May 2024, inside [2023-06-01, 2024-06-30]: no warning.
    assert not any("tanggal salur" in w for w in summaries["2024-06"].warnings)
    # 2024-12: w1 (2022-01-10) lies more than 12 months before 2024-12-01 (before 2023-12-01),
    # w2 (2025-02-01) after 2024-12-31; both rows are kept.
    w = summaries["2024-12"].warnings
    before = [n for r, n in w.items() if r.startswith("tanggal salur lebih dari 12 bulan")]
    after = [n for r, n in w.items() if r.startswith("tanggal salur sesudah akhir periode")]
    assert before == [1] and after == [1]
    assert summaries["2024-12"].accepted == 10


def test_reexported_payment_is_one_payment_and_the_newest_status_wins(city):
    lake, _ = city
    # 4 rows in June + 10 in December = 14 rows; p1 and p3 appear twice: 12 payments.
    assert sql(lake, "SELECT count(*) FROM penyaluran")[0][0] == 14
    assert sql(lake, "SELECT count(*) FROM penyaluran_kk")[0][0] == 12
    # p3 is one payment, tersalur (December's status), carried by both exports.
    assert sql(
        lake,
        "SELECT status, periode, baris_ekspor FROM penyaluran_kk "
        f"WHERE no_kk = '{kk(1)}' AND tanggal_salur = DATE '2024-05-20'",
    ) == [("tersalur", "2024-12", 2)]


def test_aid_this_year_counts_a_reexported_payment_once(city):
    lake, _ = city
    kpi = q(lake, "ringkasan_kpi", periode="2024-12").iloc[0]
    assert kpi["bantuan_rp_tahun_ini"] == KOTA_2024  # 8.450.000 before
    # June's figure is revised by December's export: p3 is paid. 600 + 450 + 800 + 600 thousand.
    assert q(lake, "ringkasan_kpi", periode="2024-06").iloc[0]["bantuan_rp_tahun_ini"] == 2_450_000


def test_aid_by_source_of_funds_counts_a_reexported_payment_once(city):
    lake, _ = city
    df = q(lake, "bantuan_per_sumber_dana", periode="2024-12").set_index("sumber_dana")
    # APBD (Sembako Daerah): p1 600 + p2 450 + p4 600 + q1 600 + u1 600 = 2.850.000; KPM fam
    # 0, 2, 3 and the member's NIK = 4. DBHCHT: p3 800 + q2 2.500 + h1 800 + u2 800 + q3 100
    # = 5.000.000; KPM fam 1, 4, 3, 2 and the No KK on no list = 5.
    assert df.loc["APBD", "nilai"] == 2_850_000 and df.loc["APBD", "kpm"] == 4
    assert df.loc["DBHCHT", "nilai"] == 5_000_000 and df.loc["DBHCHT", "kpm"] == 5
    assert df["nilai"].sum() == KOTA_2024


def test_aid_by_programme_counts_a_reexported_payment_once_and_the_update_is_no_failure(city):
    lake, _ = city
    df = q(lake, "bantuan_program_dana", periode="2024-12").set_index("program")
    sd, blt, mu = df.loc["Sembako Daerah"], df.loc["BLT"], df.loc["Modal Usaha"]
    # Sembako Daerah: p1, p2, p4, q1, u1 = 5 payments (6 before), all tersalur, 2.850.000 to 4 KPM
    assert (sd["penyaluran"], sd["penyaluran_tersalur"], sd["kpm"]) == (5, 5, 4)
    assert sd["nilai_tersalur"] == 2_850_000 and sd["rp_per_kpm"] == 712_500
    # BLT: p3 (once, tersalur: 2 payments and 1 gagal before), h1, u2, q3 = 4 payments, 4 KPM.
    assert (blt["penyaluran"], blt["penyaluran_tersalur"], blt["penyaluran_gagal"]) == (4, 4, 0)
    assert blt["kpm"] == 4 and blt["nilai_tersalur"] == 2_500_000
    assert (mu["penyaluran"], mu["kpm"], mu["nilai_tersalur"]) == (1, 1, 2_500_000)


def test_twelve_month_coverage_sums_count_a_reexported_payment_once(city):
    lake, _ = city
    # Payments tersalur from 2024-01-01 to 2024-12-31 per family of the 2024-12 list:
    # 0: p1 600.000 (1.200.000 before); 1: p3 800.000; 2: p2 450.000 + q3 100.000 + q1 600.000;
    # 3: p4 600.000 + h1 800.000; 4: q2 2.500.000.
    got = dict(sql(lake, "SELECT no_kk, nilai_bantuan_12_bulan FROM cakupan('2024-12')"))
    assert got == {
        kk(0): 600_000,
        kk(1): 800_000,
        kk(2): 1_150_000,
        kk(3): 1_400_000,
        kk(4): 2_500_000,
    }
    # The table the pages read for the extreme-poor holds the same.
    assert (
        dict(
            sql(
                lake,
                "SELECT no_kk, nilai_bantuan_12_bulan FROM cakupan_ekstrem WHERE periode = '2024-12'",
            )
        )
        == got
    )


def test_beban_rasio_aid_share_counts_a_reexported_payment_once(city):
    lake, _ = city
    df = q(lake, "beban_rasio", periode="2024-12")
    me = df[df["kelompok"] == "Miskin ekstrem"].set_index("tingkat")
    # Aid share of spending = 12-month strategy-1 cash / 12 / 1.000.000: fam 0 0,05 (0,1 with
    # the repeat), 1 0,0667, 2 0,0958, 3 0,1167, 4 0 (its Modal Usaha is capital, strategy 2,
    # not spending support: 0,2083 when it was counted). Median of five: 0,0667.
    assert me.loc["total", "median_porsi_bantuan"] == pytest.approx(0.8 / 12)
    kec = me.loc["kecamatan"].set_index("kode_wilayah")
    # Gadingrejo on the 2024-12 list: fam 0 and 1 -> (0,05 + 0,0667) / 2 (0,0833 before).
    assert kec.loc[GADINGREJO, "median_porsi_bantuan"] == pytest.approx((0.05 + 0.8 / 12) / 2)


def test_aid_per_kecamatan_books_a_movers_payment_where_it_lived_when_paid(city):
    lake, _ = city
    df = q(lake, "bantuan_per_wilayah", periode="2024-12")
    rows = df.set_index("wilayah")
    assert list(df["tingkat"]) == ["kecamatan"] * 4 + ["tidak diketahui", "total"]
    kec = df[df["tingkat"] == "kecamatan"].set_index("kode_wilayah")["nilai_tersalur"]
    assert kec.to_dict() == KEC_2024
    assert rows.loc["Gadingrejo", "kpm"] == 3 and rows.loc["Panggungrejo", "kpm"] == 3
    assert rows.loc["Gadingrejo", "penyaluran_tersalur"] == 4
    assert rows.loc["Panggungrejo", "penyaluran_tersalur"] == 4
    # Within Gadingrejo: Karangketug p1 + p2 + q3 = 1.150.000, Gentong p3 = 800.000.
    kel = q(lake, "bantuan_per_wilayah", periode="2024-12", kode_kec=GADINGREJO)
    kel = kel.set_index("kode_wilayah")["nilai_tersalur"]
    assert kel[KARANGKETUG] == 1_150_000 and kel[GENTONG] == 800_000
    assert kel.drop([KARANGKETUG, GENTONG]).fillna(0).tolist()[:-1] == [0] * 6
    assert kel.iloc[-1] == KEC_2024[GADINGREJO]  # the total row: no unknown row in a kecamatan


def test_unknown_area_row_makes_the_kecamatan_add_up_to_the_city(city):
    lake, _ = city
    df = q(lake, "bantuan_per_wilayah", periode="2024-12").set_index("tingkat")
    unknown, total = df.loc["tidak diketahui"], df.loc["total"]
    assert unknown["wilayah"] == "Wilayah tidak diketahui"
    assert unknown["nilai_tersalur"] == TIDAK_DIKETAHUI_2024
    assert (unknown["kpm"], unknown["penyaluran_tersalur"]) == (2, 2)
    # Family 2 was paid in both kecamatan: a KPM in each, once in the city's 7.
    assert total["wilayah"] == "Kota Pasuruan" and total["kpm"] == 7
    assert total["nilai_tersalur"] == KOTA_2024
    assert df.drop(index="total")["nilai_tersalur"].sum() == KOTA_2024
    # The headline figure of each kecamatan (area filter) plus the unknown row is the city's.
    per_kec = {
        kec: q(lake, "ringkasan_kpi", periode="2024-12", kode_kec=kec).iloc[0][
            "bantuan_rp_tahun_ini"
        ]
        for kec in KEC_2024
    }
    assert per_kec == KEC_2024
    assert sum(per_kec.values()) + TIDAK_DIKETAHUI_2024 == KOTA_2024
    # By source of funds too: Gadingrejo APBD p1 + p2 = 1.050.000, DBHCHT p3 + q3 = 900.000.
    dana = q(lake, "bantuan_per_sumber_dana", periode="2024-12", kode_kec=GADINGREJO)
    assert dana.set_index("sumber_dana")["nilai"].to_dict() == {
        "APBD": 1_050_000,
        "DBHCHT": 900_000,
    }


def test_payment_before_a_move_stays_in_the_old_kecamatan_in_june(city):
    lake, _ = city
    # 2024-06 (January-June): Gadingrejo p1 600 + p2 450 + p3 800 = 1.850.000 (p2 was booked
    # to Panggungrejo, the latest list, before); Panggungrejo p4 600.000.
    df = q(lake, "bantuan_per_wilayah", periode="2024-06")
    kec = df[df["tingkat"] == "kecamatan"].set_index("kode_wilayah")["nilai_tersalur"]
    assert kec[GADINGREJO] == 1_850_000 and kec[PANGGUNGREJO] == 600_000
    pg = q(lake, "bantuan_program_dana", periode="2024-06", kode_kec=PANGGUNGREJO)
    assert pg["nilai_tersalur"].sum() == 600_000


def test_visit_outcome_is_booked_where_the_family_lived_when_visited(city):
    lake, _ = city

    # Family 2 left extreme poverty at its visit of May 2024, in Gadingrejo.
    def keluar(kec):
        return q(lake, "ringkasan_kpi", periode="2024-12", kode_kec=kec).iloc[0][
            "keluarga_keluar_tahun_ini"
        ]

    assert keluar(GADINGREJO) == 1 and keluar(PANGGUNGREJO) == 0
    assert q(lake, "ringkasan_kpi", periode="2024-12").iloc[0]["keluarga_keluar_tahun_ini"] == 1


def test_payments_without_a_family_are_listed_for_the_operator_without_identifiers(city):
    lake, _ = city
    df = q(lake, "penyaluran_tanpa_keluarga")
    df = df.astype(object).where(df.notna(), None)
    assert df.to_dict("records") == [
        {
            "periode_ekspor": "2024-12",
            "program": "BLT",
            "alasan": "No KK tidak ada di daftar",
            "penyaluran": 1,
            "penyaluran_tersalur": 1,
            "nilai_tersalur": 800_000,
            "kpm": 1,
        },
        {
            "periode_ekspor": "2024-12",
            "program": "Sembako Daerah",
            "alasan": "NIK bukan NIK kepala keluarga",
            "penyaluran": 1,
            "penyaluran_tersalur": 1,
            "nilai_tersalur": 600_000,
            "kpm": 1,
        },
        {
            "periode_ekspor": None,
            "program": "Semua",
            "alasan": None,
            "penyaluran": 2,
            "penyaluran_tersalur": 2,
            "nilai_tersalur": TIDAK_DIKETAHUI_2024,
            "kpm": 2,
        },
    ]
    assert not {"nik", "no_kk"} & set(df.columns)


# --- the pages --------------------------------------------------------------------------------


def test_bantuan_page_shows_the_unknown_area_row_and_the_rows_add_up(city, monkeypatch):
    lake, _ = city
    at = open_page(lake, monkeypatch, "pages/bantuan.py", periode="2024-12")
    table = next(d.value for d in at.dataframe if "Wilayah" in d.value.columns)
    assert table["Wilayah"].tolist() == [
        "Gadingrejo",
        "Purworejo",
        "Bugul Kidul",
        "Panggungrejo",
        "Wilayah tidak diketahui",
        "Kota Pasuruan",
    ]
    assert table["Tersalur (Rp)"].tolist() == [
        "Rp 1.950.000",
        "Rp 0",
        "Rp 0",
        "Rp 4.500.000",
        "Rp 1.400.000",
        "Rp 7.850.000",
    ]
    assert "**Wilayah tidak diketahui**" in page_texts(at)


def test_data_page_shows_the_payments_of_no_listed_family_to_the_operator(city, monkeypatch):
    lake, _ = city
    at = open_page(lake, monkeypatch, "pages/data.py", role="operator")
    shown = page_texts(at)
    assert "**2 penyaluran** (Rp 1.400.000 tersalur kepada 2 KPM)" in shown
    table = next(d.value for d in at.dataframe if "Alasan" in d.value.columns)
    assert table["Tersalur (Rp)"].tolist() == ["Rp 800.000", "Rp 600.000"]
    assert table["Periode ekspor"].tolist() == ["Desember 2024", "Desember 2024"]


def test_cli_and_deck_give_the_same_aid_figures(city, capsys):
    import json

    from pantau.cli import main
    from pantau.report import build_deck

    lake, _ = city
    assert (
        main(
            [
                "--data",
                str(lake),
                "query",
                "bantuan_per_wilayah",
                "--format",
                "json",
                "--param",
                "periode=2024-12",
            ]
        )
        == 0
    )
    rows = json.loads(capsys.readouterr().out)
    assert [r["nilai_tersalur"] for r in rows] == [1_950_000, 0, 0, 4_500_000, 1_400_000, KOTA_2024]
    deck = build_deck(lake, "2024-12", "kepala")
    kunci = {(a.sumber, a.kolom): a.nilai for a in deck.angka_kunci}
    assert kunci[("ringkasan_kpi", "bantuan_rp_tahun_ini")] == KOTA_2024
    dana = next(t for t in deck.tabel() if t.key == "sumber_dana").df
    assert dana.set_index("sumber_dana")["nilai"].to_dict() == {
        "DBHCHT": 5_000_000,
        "APBD": 2_850_000,
    }

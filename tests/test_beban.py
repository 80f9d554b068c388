"""The spending-burden page and its queries: FGT indices, spending bins, burden ratios, the sample.

One hand-made lake of six families in June 2024 (extreme line 2024 = Rp 391.000 per person per
month), chosen so every per-capita spending is a round fraction of the line:

    family  kelurahan        kec  jiwa  pengeluaran  y = per kapita   y/z   flag     pendapatan  pangan
    F1      35.75.04.1007    04   4     782.000      195.500          0,50  ekstrem  391.000     547.400
    F2      35.75.04.1007    04   2     586.500      293.250          0,75  ekstrem  0           351.900
    F3      35.75.04.1001    04   3     1.173.000    391.000          1,00  lain     1.564.000   586.500
    F4      35.75.04.1001    04   1     782.000      782.000          2,00  lain     1.000.000   312.800
    F5      35.75.01.1001    01   5     977.500      195.500          0,50  ekstrem  500.000     684.250
    F6      35.75.04.1001    04   3     (none)       –                –     ekstrem  600.000     –

F1 received Sembako Daerah Rp 600.000 (tersalur, March 2024): Rp 50.000 a month.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from lakes import ROOT, build_lake, keluarga_rows, open_page, page_texts
from streamlit.testing.v1 import AppTest

from pantau import queries

Z = 391_000

FAMILIES = [
    dict(
        kode_kel="35.75.04.1007",
        jumlah_anggota=4,
        pengeluaran_bulanan=782_000,
        pendapatan_bulanan=391_000,
        pengeluaran_pangan=547_400,
    ),
    dict(
        kode_kel="35.75.04.1007",
        jumlah_anggota=2,
        pengeluaran_bulanan=586_500,
        pendapatan_bulanan=0,
        pengeluaran_pangan=351_900,
    ),
    dict(
        kode_kel="35.75.04.1001",
        jumlah_anggota=3,
        pengeluaran_bulanan=1_173_000,
        pendapatan_bulanan=1_564_000,
        pengeluaran_pangan=586_500,
        miskin_ekstrem="Tidak",
    ),
    dict(
        kode_kel="35.75.04.1001",
        jumlah_anggota=1,
        pengeluaran_bulanan=782_000,
        pendapatan_bulanan=1_000_000,
        pengeluaran_pangan=312_800,
        miskin_ekstrem="Tidak",
    ),
    dict(
        kode_kel="35.75.01.1001",
        jumlah_anggota=5,
        pengeluaran_bulanan=977_500,
        pendapatan_bulanan=500_000,
        pengeluaran_pangan=684_250,
    ),
    dict(
        kode_kel="35.75.04.1001",
        jumlah_anggota=3,
        pengeluaran_bulanan=None,
        pendapatan_bulanan=600_000,
    ),
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    keluarga = keluarga_rows(FAMILIES)
    aid = pd.DataFrame(
        [
            dict(
                no_kk=keluarga.loc[0, "no_kk"],
                program="Sembako Daerah",
                tanggal_salur="2024-03-10",
                nilai=600_000,
                status="tersalur",
            )
        ]
    )
    # 2023-03 repeats the list under the 2023 line; 2022-12 is a list without spending figures;
    # 2025-01 has only a disbursement, no list.
    bare = keluarga_rows([dict(jumlah_anggota=2), dict(jumlah_anggota=3)])
    late = pd.DataFrame(
        [
            dict(
                no_kk=keluarga.loc[0, "no_kk"],
                program="BLT",
                tanggal_salur="2025-01-15",
                nilai=800_000,
            )
        ]
    )
    return build_lake(
        tmp_path_factory.mktemp("beban"),
        {
            "keluarga": {"2022-12": bare, "2023-03": keluarga, "2024-06": keluarga},
            "penyaluran": {"2024-06": aid, "2025-01": late},
        },
    )


def run(lake: Path, name: str, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


# --- FGT ------------------------------------------------------------------------------------


def test_fgt_weights_persons_and_leaves_out_the_family_without_spending(lake):
    fgt = run(lake, "fgt", periode="2024-06")
    assert list(fgt.columns) == ["kode_kec", "kecamatan", "p0", "p1", "p2"]
    city = fgt[fgt["kode_kec"].isna()].iloc[0]
    assert city["kecamatan"] == "Kota Pasuruan"
    # F6 has no spending: persons counted 4+2+3+1+5 = 15.
    # Below the line (y < z; F3 sits exactly on it): F1, F2, F5 = 4+2+5 = 11 jiwa.
    # P0 = 100·11/15 = 73,3333
    # P1 = 100·(4·0,5 + 2·0,25 + 5·0,5)/15 = 100·5/15 = 33,3333
    # P2 = 100·(4·0,25 + 2·0,0625 + 5·0,25)/15 = 100·2,375/15 = 15,8333
    assert city["p0"] == pytest.approx(1100 / 15, abs=1e-4)
    assert city["p1"] == pytest.approx(500 / 15, abs=1e-4)
    assert city["p2"] == pytest.approx(237.5 / 15, abs=1e-4)


def test_fgt_gives_one_row_per_kecamatan_with_data_before_the_city(lake):
    fgt = run(lake, "fgt", periode="2024-06")
    assert fgt["kecamatan"].tolist() == ["Gadingrejo", "Panggungrejo", "Kota Pasuruan"]
    kec = fgt.set_index("kecamatan")
    # Gadingrejo: F5 alone, y/z = 0,5 → P0 100, P1 50, P2 25.
    assert kec.loc["Gadingrejo", ["p0", "p1", "p2"]].tolist() == [100, 50, 25]
    # Panggungrejo: 4+2+3+1 = 10 jiwa; P0 = 100·6/10 = 60; P1 = 100·(2+0,5)/10 = 25;
    # P2 = 100·(1+0,125)/10 = 11,25.
    assert kec.loc["Panggungrejo", ["p0", "p1", "p2"]].tolist() == [60, 25, 11.25]
    assert kec.loc["Panggungrejo", "kode_kec"] == "35.75.04"


def test_fgt_uses_the_line_of_the_periods_year(lake):
    # 2023 line Rp 351.957: F3 (391.000) and F4 stay above; F1, F2, F5 below.
    # P1 = 100·(4·(1−195.500/351.957) + 2·(1−293.250/351.957) + 5·(1−195.500/351.957))/15
    fgt = run(lake, "fgt", periode="2023-03").set_index("kecamatan")
    z = 351_957
    gap = {195_500: 1 - 195_500 / z, 293_250: 1 - 293_250 / z}
    p1 = 100 * (4 * gap[195_500] + 2 * gap[293_250] + 5 * gap[195_500]) / 15
    assert fgt.loc["Kota Pasuruan", "p1"] == pytest.approx(p1, abs=1e-4)


def test_fgt_kelurahan_counts_persons_and_the_family_left_out(lake):
    kel = run(lake, "fgt_kelurahan", periode="2024-06", kode_kec="35.75.04").set_index("kode_kel")
    assert list(kel.index) == ["35.75.04.1001", "35.75.04.1007"]
    # 35.75.04.1001: F3 (3 jiwa, on the line) and F4 (1 jiwa, 2×) counted; F6 left out.
    karanganyar = kel.loc["35.75.04.1001"]
    assert (karanganyar["keluarga_dihitung"], karanganyar["keluarga_tanpa_pengeluaran"]) == (2, 1)
    assert (karanganyar["jiwa_dihitung"], karanganyar["jiwa_di_bawah_garis"]) == (4, 0)
    assert karanganyar[["p0", "p1", "p2"]].tolist() == [0, 0, 0]
    # 35.75.04.1007: F1 + F2 = 6 jiwa, all below; P1 = 100·(2+0,5)/6 = 41,6667;
    # P2 = 100·(1+0,125)/6 = 18,75.
    ngemplakrejo = kel.loc["35.75.04.1007"]
    assert ngemplakrejo["p0"] == 100
    assert ngemplakrejo["p1"] == pytest.approx(250 / 6, abs=1e-4)
    assert ngemplakrejo["p2"] == pytest.approx(18.75)


def test_fgt_of_a_period_without_families_is_empty(lake):
    assert run(lake, "fgt", periode="2025-01").empty
    assert run(lake, "fgt_kelurahan", periode="2025-01").empty


def test_fgt_cli_prints_exactly_the_five_columns_and_an_empty_city_code(lake):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pantau",
            "--data",
            str(lake),
            "query",
            "fgt",
            "--param",
            "periode=2024-06",
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    ).stdout
    assert out.splitlines()[0] == "kode_kec,kecamatan,p0,p1,p2"
    rows = list(csv.reader(io.StringIO(out)))[1:]
    assert [r[:2] for r in rows] == [
        ["35.75.01", "Gadingrejo"],
        ["35.75.04", "Panggungrejo"],
        ["", "Kota Pasuruan"],
    ]
    assert float(rows[-1][2]) == pytest.approx(73.3333)


# --- spending bins, summary, ratios, sample ---------------------------------------------------


def test_histogram_bins_per_capita_spending_by_tenths_of_the_line(lake):
    bins = run(lake, "beban_histogram", periode="2024-06")
    got = {(r.kelompok, r.kelipatan_bawah): r.keluarga for r in bins.itertuples()}
    # F1 and F5 at 0,5 → bin [0,5; 0,6); F2 at 0,75 → [0,7; 0,8); F3 exactly 1,0 → [1,0; 1,1);
    # F4 at 2,0 → [2,0; 2,1); F6 has no spending.
    assert got == {
        ("Miskin ekstrem", 0.5): 2,
        ("Miskin ekstrem", 0.7): 1,
        ("Bukan miskin ekstrem", 1.0): 1,
        ("Bukan miskin ekstrem", 2.0): 1,
    }
    first = bins.iloc[0]
    # bin 0,5: 0,5·391.000 = 195.500 to 0,6·391.000 = 234.600 Rp per jiwa.
    assert (first["pengeluaran_per_kapita_bawah"], first["pengeluaran_per_kapita_atas"]) == (
        195_500,
        234_600,
    )


def test_histogram_puts_everything_from_three_times_the_line_in_one_open_bin(tmp_path):
    rows = keluarga_rows(
        [
            dict(jumlah_anggota=1, pengeluaran_bulanan=3 * Z),
            dict(jumlah_anggota=1, pengeluaran_bulanan=10 * Z),
        ]
    )
    lake = build_lake(tmp_path, {"keluarga": {"2024-06": rows}})
    bins = run(lake, "beban_histogram", periode="2024-06")
    assert len(bins) == 1
    assert bins.iloc[0]["kelipatan_bawah"] == 3.0 and bins.iloc[0]["keluarga"] == 2
    assert pd.isna(bins.iloc[0]["kelipatan_atas"])


def test_ringkasan_names_the_line_and_counts_families_left_out(lake):
    r = run(lake, "beban_ringkasan", periode="2024-06").iloc[0]
    assert (r["tahun_garis"], r["garis_ekstrem"]) == (2024, Z)
    assert (r["keluarga"], r["keluarga_miskin_ekstrem"], r["keluarga_tanpa_pengeluaran"]) == (
        6,
        4,
        1,
    )
    # Extreme-poor with spending: F1, F2, F5, all below the line → 3 of 3.
    assert r["keluarga_miskin_ekstrem_di_bawah_garis"] == 3
    assert r["bagian_miskin_ekstrem_di_bawah_garis"] == 1.0
    assert r["keluarga_lain_di_bawah_garis"] == 0
    # median of 195.500, 293.250, 195.500 = 195.500
    assert r["median_pengeluaran_per_kapita_miskin_ekstrem"] == 195_500
    assert run(lake, "beban_ringkasan", periode="2023-03").iloc[0]["garis_ekstrem"] == 351_957


def test_rasio_gives_medians_per_kecamatan_and_for_the_city(lake):
    df = run(lake, "beban_rasio", periode="2024-06")
    city = df[df["tingkat"] == "total"].set_index("kelompok").loc["Miskin ekstrem"]
    assert city["wilayah"] == "Kota Pasuruan"
    # spending ÷ income, income > 0 only: F1 782.000/391.000 = 2; F5 977.500/500.000 = 1,955
    # (F2 earns 0, F6 has no spending) → median (2 + 1,955)/2 = 1,9775
    assert city["median_rasio_pengeluaran_pendapatan"] == pytest.approx(1.9775)
    # spending > income: F1, F2 (income 0), F5 → 3 of 3
    assert city["bagian_pengeluaran_melebihi_pendapatan"] == 1.0
    # food share: F1 0,70, F2 0,60, F5 0,70 → median 0,70
    assert city["median_porsi_pangan"] == pytest.approx(0.70)
    # aid share: F1 50.000/782.000 = 0,0639; F2 0; F5 0 → median 0
    assert city["median_porsi_bantuan"] == 0
    kec = df[(df["tingkat"] == "kecamatan") & (df["kelompok"] == "Miskin ekstrem")]
    panggungrejo = kec.set_index("wilayah").loc["Panggungrejo"]
    # F1 0,0639 and F2 0 → median 0,03197; F6 counted as a family without spending
    assert panggungrejo["median_porsi_bantuan"] == pytest.approx(50_000 / 782_000 / 2)
    assert (panggungrejo["keluarga"], panggungrejo["keluarga_tanpa_pengeluaran"]) == (3, 1)


def test_rasio_goes_down_to_kelurahan_when_a_kecamatan_is_chosen(lake):
    df = run(lake, "beban_rasio", periode="2024-06", kode_kec="35.75.04")
    assert set(df.loc[df["tingkat"] == "kelurahan", "wilayah"]) == {"Karanganyar", "Ngemplakrejo"}
    lain = df[(df["tingkat"] == "total") & (df["kelompok"] == "Bukan miskin ekstrem")].iloc[0]
    assert lain["wilayah"] == "Panggungrejo"
    # F3 1.173.000/1.564.000 = 0,75; F4 782.000/1.000.000 = 0,782 → median 0,766
    assert lain["median_rasio_pengeluaran_pendapatan"] == pytest.approx(0.766)
    # food: F3 0,50; F4 0,40 → median 0,45
    assert lain["median_porsi_pangan"] == pytest.approx(0.45)


def test_sebaran_has_no_identifiers_and_is_the_same_on_every_run(lake):
    a = run(lake, "beban_sebaran", periode="2024-06")
    b = run(lake, "beban_sebaran", periode="2024-06")
    pd.testing.assert_frame_equal(a, b)
    assert set(a.columns) == {
        "kelompok",
        "pendapatan_per_kapita",
        "pengeluaran_per_kapita",
        "garis_ekstrem",
        "keluarga_kelompok",
    }
    # F6 lacks spending; the other five have both figures.
    assert len(a) == 5
    assert a.groupby("kelompok")["keluarga_kelompok"].first().to_dict() == {
        "Bukan miskin ekstrem": 2,
        "Miskin ekstrem": 3,
    }


def sample_rows():
    """2.600 families, every 5th extreme-poor (520), spending and income rising with i."""
    return keluarga_rows(
        [
            dict(
                jumlah_anggota=1 + i % 4,
                pengeluaran_bulanan=300_000 + 1_000 * i,
                pendapatan_bulanan=250_000 + 500 * i,
                miskin_ekstrem="Ya" if i % 5 == 0 else "Tidak",
            )
            for i in range(2_600)
        ]
    )


def test_sebaran_samples_at_most_two_thousand_families(tmp_path):
    lake = build_lake(tmp_path, {"keluarga": {"2024-06": sample_rows()}})
    df = run(lake, "beban_sebaran", periode="2024-06")
    # 520 extreme-poor (every 5th) all kept; the others fill up to 2.000: 1.480 of 2.080.
    assert len(df) == 2_000
    assert df["kelompok"].value_counts().to_dict() == {
        "Bukan miskin ekstrem": 1_480,
        "Miskin ekstrem": 520,
    }


# --- the page ---------------------------------------------------------------------------------


def page(lake: Path, monkeypatch, **params) -> AppTest:
    return open_page(lake, monkeypatch, "pages/beban.py", **params)


texts = page_texts


def test_page_shows_fgt_and_the_line_for_a_normal_period(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2024-06")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["P0 ekstrem (jiwa dalam daftar)"] == "73,33%"
    assert metrics["P1 ekstrem (kedalaman, daftar)"] == "33,33"
    assert metrics["P2 ekstrem (keparahan, daftar)"] == "15,83"
    assert metrics["Pengeluaran ÷ pendapatan"] == "1,98×"
    shown = texts(at)
    # M8: the line says what it is (the 2024 value is BPS's "sekitar" figure), with its source
    assert (
        "Garis kemiskinan ekstrem: Rp 391.000 per jiwa per bulan, garis 2024 (perkiraan, "
        "USD 2,15 PPP 2017)." in shown
    )
    # M7: not BPS's P0, and the list it rests on beside it (6 families, 18 persons)
    assert "Bukan angka kemiskinan BPS; tidak dapat dibandingkan dengan BRS BPS" in shown
    assert "6 keluarga, 18 jiwa" in shown
    assert "1 dari 6 keluarga dalam daftar tidak punya angka pengeluaran" in shown
    assert len(at.get("plotly_chart")) == 7


def test_page_says_so_for_a_period_without_families(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2025-01")
    assert "Belum ada keluarga dalam daftar di Kota Pasuruan untuk periode Januari 2025" in texts(
        at
    )
    assert not at.metric


def test_page_says_so_for_a_list_without_spending_figures(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2022-12")
    assert "Daftar Desember 2022 di Kota Pasuruan (2 keluarga) tidak memuat angka pengeluaran" in (
        texts(at)
    )
    assert not at.get("plotly_chart")


def test_page_shows_one_kelurahan(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2024-06", kec="35.75.04", kel="35.75.04.1007")
    metrics = {m.label: m.value for m in at.metric}
    # Ngemplakrejo: F1 + F2, P0 100, P1 41,67, P2 18,75
    assert metrics["P0 ekstrem (jiwa dalam daftar)"] == "100,00%"
    assert metrics["P1 ekstrem (kedalaman, daftar)"] == "41,67"
    assert metrics["P2 ekstrem (keparahan, daftar)"] == "18,75"
    assert "Kel. Ngemplakrejo · Juni 2024" in texts(at)


def test_page_says_so_for_a_kelurahan_without_families(lake, monkeypatch):
    at = page(lake, monkeypatch, periode="2024-06", kec="35.75.02", kel="35.75.02.1001")
    assert "Belum ada keluarga dalam daftar di Kel." in texts(at)

"""A list without the extreme flag (the P3KE 2021 list, the 2022 bansos lists) is a list, not
"0 keluarga miskin ekstrem" (issue 11 §1, review M1): every extreme-poor figure of Peta and Beban
is NULL, the pages say Ringkasan's sentence, and no Local Moran's I is run or reported.

Hand-made lake, two kecamatan:

    2021-12 (P3KE, no miskin_ekstrem column: the importer stores NULL)
        kel 35.75.04.1007 Ngemplakrejo  (Panggungrejo)  3 families, 4 jiwa each, per capita
                                                        200.000 / 200.000 / 500.000
        kel 35.75.01.1001 Karangketug   (Gadingrejo)    2 families, 4 jiwa each, 500.000
        Extreme line 2021 = Rp 322.170: families below = 2 (8 jiwa); P0 = 8 / 20 = 40 %.
    2024-06 (DTKS, flagged): the same 5 families, the first two flagged Ya.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, open_page, page_texts

from pantau import geo, peta, privacy, queries

A, C = "35.75.04.1007", "35.75.01.1001"
PANGGUNGREJO, GADINGREJO = "35.75.04", "35.75.01"
SENTENCE = "daftar ini tidak menandai keluarga miskin ekstrem"
ROWS = [(A, 800_000), (A, 800_000), (A, 2_000_000), (C, 2_000_000), (C, 2_000_000)]


def _list(flag: bool, sumber: str) -> pd.DataFrame:
    df = keluarga_rows(
        [
            dict(
                kode_kel=kel,
                pengeluaran_bulanan=x,
                sumber_data=sumber,
                miskin_ekstrem="Ya" if i < 2 else "Tidak",
            )
            for i, (kel, x) in enumerate(ROWS)
        ]
    )
    return df if flag else df.drop(columns="miskin_ekstrem")


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return build_lake(
        tmp_path_factory.mktemp("flagless"),
        {"keluarga": {"2021-12": _list(False, "P3KE"), "2024-06": _list(True, "DTKS")}},
    )


def run(lake, name, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def test_keluarga_per_kecamatan_and_kelurahan_give_null_not_0_for_a_flagless_list(lake):
    kec = run(lake, "keluarga_per_kecamatan", periode="2021-12").set_index("kecamatan")
    assert kec.loc["Panggungrejo", "keluarga"] == 3 and kec.loc["Kota Pasuruan", "keluarga"] == 5
    assert kec["keluarga_miskin_ekstrem"].isna().all() and kec["jiwa_miskin_ekstrem"].isna().all()
    kel = run(lake, "keluarga_per_kelurahan", periode="2021-12").set_index("kode_kel")
    assert kel.loc[A, "keluarga"] == 3
    assert kel["keluarga_miskin_ekstrem"].isna().all()
    # the flagged list: counts, and 0 where a kecamatan has none
    kec = run(lake, "keluarga_per_kecamatan", periode="2024-06").set_index("kecamatan")
    assert kec.loc["Panggungrejo", "keluarga_miskin_ekstrem"] == 2
    assert kec.loc["Panggungrejo", "jiwa_miskin_ekstrem"] == 8
    assert kec.loc["Gadingrejo", "keluarga_miskin_ekstrem"] == 0


@pytest.mark.parametrize("name", ["peta_kecamatan", "peta_kelurahan"])
def test_peta_queries_give_null_for_every_extreme_poor_figure_of_a_flagless_list(lake, name):
    df = run(lake, name, periode="2021-12")
    ekstrem = [
        "keluarga_miskin_ekstrem",
        "per_1000_keluarga",
        "per_1000_bawah",
        "per_1000_atas",
        "porsi_kota",
        "keluarga_belum_tercakup",
        "porsi_belum_tercakup",
        "dasar_kecil",
    ]
    assert df[ekstrem].isna().all().all(), df[ekstrem]
    assert df["keluarga"].sum() == 5  # the list stays
    assert not df["berstatus_ekstrem"].any() and set(df["sumber_daftar"]) == {"P3KE"}
    flagged = run(lake, name, periode="2024-06")
    assert flagged["keluarga_miskin_ekstrem"].sum() == 2
    assert flagged["berstatus_ekstrem"].all()


def test_beban_ringkasan_of_a_flagless_list_has_null_extreme_figures_and_the_list(lake):
    r = run(lake, "beban_ringkasan", periode="2021-12").iloc[0]
    for col in (
        "keluarga_miskin_ekstrem",
        "keluarga_miskin_ekstrem_di_bawah_garis",
        "bagian_miskin_ekstrem_di_bawah_garis",
        "bagian_miskin_ekstrem_di_bawah_garis_bawah",
        "median_pengeluaran_per_kapita_miskin_ekstrem",
    ):
        assert pd.isna(r[col]), col
    # none is flagged: all 5 are "the other families", 2 of them below the 2021 line
    assert (r["keluarga"], r["jiwa"], r["keluarga_lain"], r["keluarga_lain_di_bawah_garis"]) == (
        5,
        20,
        5,
        2,
    )
    assert (bool(r["berstatus_ekstrem"]), r["sumber_daftar"]) == (False, "P3KE")
    # the flagged list: 2 flagged, both below the 2024 line of 391.000 (200.000 per person)
    r = run(lake, "beban_ringkasan", periode="2024-06").iloc[0]
    assert (r["keluarga_miskin_ekstrem"], r["bagian_miskin_ekstrem_di_bawah_garis"]) == (2, 1.0)
    assert r["bagian_miskin_ekstrem_di_bawah_garis_atas"] == 1.0  # 2 of 2: exactly 1


def test_beban_histogram_of_a_flagless_list_has_one_group_not_bukan_miskin_ekstrem(lake):
    bins = run(lake, "beban_histogram", periode="2021-12")
    assert set(bins["kelompok"]) == {"Semua keluarga dalam daftar"}
    assert bins["keluarga"].sum() == 5
    assert bins.loc[bins["di_bawah_garis"], "keluarga"].sum() == 2


def test_fgt_of_a_flagless_list_is_still_the_share_of_its_persons_below_the_line(lake):
    city = run(lake, "fgt", periode="2021-12").set_index("kecamatan").loc["Kota Pasuruan"]
    assert city["p0"] == pytest.approx(40.0)  # 8 of 20 jiwa


def test_no_cluster_is_run_or_reported_for_a_flagless_list(lake):
    hs = privacy.result("peta_klaster", {"periode": "2021-12"}, "kepala", lake)
    assert (hs["kuadran"] == geo.NO_DATA).all()
    assert hs["p_sim"].isna().all() and not hs["p_tanpa_koreksi"].any()
    assert not peta.cukup_untuk_klaster(hs)
    assert "tidak menandai keluarga miskin ekstrem" in peta.kalimat_klaster_tidak_dihitung(hs)


def _constant_city(ekstrem: int) -> pd.DataFrame:
    w = geo.wilayah()
    return w.assign(
        keluarga=50,
        keluarga_miskin_ekstrem=ekstrem,
        per_1000_keluarga=1000 * ekstrem / 50,
        berstatus_ekstrem=True,
    )


@pytest.mark.parametrize("ekstrem", [0, 5])
def test_no_cluster_is_claimed_when_every_kelurahan_has_the_same_rate(ekstrem):
    # 34 kelurahan at one rate (all 0, or all 5 of 50): the variance is 0, Moran's I undefined;
    # before the guard every kelurahan came out "Rendah-Rendah" at p = 0,001.
    hs = peta.hitung_klaster(_constant_city(ekstrem))
    assert (hs["kuadran"] == geo.NO_DATA).all()
    assert hs["p_sim"].isna().all()
    assert set(hs["alasan_tanpa_klaster"]) == {peta.KONSTAN}
    assert "semua kelurahan punya angka yang sama" in peta.kalimat_klaster_tidak_dihitung(hs)


# --- pages -----------------------------------------------------------------------------------


def test_peta_page_says_the_list_has_no_flag_and_maps_only_its_size(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/peta.py", periode="2021-12")
    shown = page_texts(at)
    assert (
        "Daftar Desember 2021 (P3KE) memuat 5 keluarga tanpa status miskin ekstrem: " + SENTENCE
    ) in shown
    assert "Tidak ada keluarga miskin ekstrem" not in shown
    assert "tidak menandai keluarga miskin ekstrem, jadi jumlah keluarga miskin ekstrem" in shown
    assert "Analisis klaster tidak dijalankan" in shown
    assert "signifikan pada pola lain" not in shown
    [fig] = at.get("plotly_chart")
    spec = json.loads(fig.proto.spec)
    assert (
        spec["layout"]["title"]["text"]
        .replace("<br>", " ")
        .startswith(
            "Keluarga dalam daftar per kecamatan: terbanyak di Kec. Panggungrejo, 3 keluarga"
        )
    )
    assert not at.dataframe  # no ranking table of empty rates


def test_beban_page_says_the_list_has_no_flag(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/beban.py", periode="2021-12")
    shown = page_texts(at)
    assert "Daftar Desember 2021 (P3KE) memuat 5 keluarga tanpa status miskin ekstrem" in shown
    assert SENTENCE in shown
    assert "Tidak ada keluarga miskin ekstrem" not in shown
    metrics = {m.label: m.value for m in at.metric}
    assert "Keluarga ekstrem di bawah garis" not in metrics
    assert metrics["P0 ekstrem (jiwa dalam daftar)"] == "40,00%"


@pytest.mark.parametrize("periode", ["2021-12", "2022-12"])
def test_demo_flagless_periods_on_peta_and_beban(demo_lake, monkeypatch, periode):
    for name in ("peta_kecamatan", "peta_kelurahan", "keluarga_per_kecamatan"):
        df = queries.run(name, {"periode": periode}, demo_lake)
        assert df["keluarga_miskin_ekstrem"].isna().all(), name
    # a guest may open Peta (with small counts suppressed), not Beban
    for page, role in [
        ("pages/peta.py", "kepala"),
        ("pages/peta.py", "tamu"),
        ("pages/beban.py", "kepala"),
    ]:
        shown = page_texts(open_page(demo_lake, monkeypatch, page, role=role, periode=periode))
        assert SENTENCE in shown, page
        assert "Tidak ada keluarga miskin ekstrem" not in shown, page
        assert "signifikan" not in shown or "tidak ada kelurahan yang dapat disebut" in shown

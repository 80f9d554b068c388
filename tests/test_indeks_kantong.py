"""The pocket index's base is the listed keluarga (BPS review 3, B1): every kelurahan with at
least dasar_indeks() = 30 keluarga on its list is ranked, however few its extreme-poor keluarga
(they keep the mark "dasar kecil"); the bound the pocket test uses (B3); titles that name every
pocket or say how many they leave out (B4). Values worked by hand below."""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows

from pantau import peta, queries
from pantau.charts import kantong

A = "35.75.04.1007"  # Ngemplakrejo
B = "35.75.04.1008"  # Petamanan
C = "35.75.01.1001"  # Karangketug
D = "35.75.01.1002"  # Gentong
P = "2024-06"

# EP = extreme-poor. (kel, EP, PKH, lantai, air, bab, penerangan); default layak: 3, 1, 1.
#   A  40 listed, 20 EP: 10 with PKH, 10 uncovered; 10 of 20 lantai tanah (mean .125)
#   B  50 listed,  2 EP: none covered, both deprived on all four (mean 1)
#   C 100 listed,  0 EP
#   D  10 listed,  5 EP: all with PKH, none deprived. Under 30 listed: no index, no rank.
ROWS = (
    [(A, "Ya", "Ya", 9)] * 10
    + [(A, "Ya", "", 2)] * 10
    + [(A, "Tidak", "", 2)] * 20
    + [(B, "Ya", "", 9, 10, 4, 3)] * 2
    + [(B, "Tidak", "", 2)] * 48
    + [(C, "Tidak", "", 2)] * 100
    + [(D, "Ya", "Ya", 2)] * 5
    + [(D, "Tidak", "", 2)] * 5
)


def _row(t):
    kel, ep, pkh, lantai, *rest = t
    air, bab, pln = rest or (3, 1, 1)
    return {
        "kode_kel": kel,
        "miskin_ekstrem": ep,
        "PKH": pkh,
        "lantai": str(lantai),
        "sumber_air": str(air),
        "fasilitas_bab": str(bab),
        "penerangan": str(pln),
    }


@pytest.fixture(scope="module")
def df(tmp_path_factory):
    lake = build_lake(
        tmp_path_factory.mktemp("indeks"), {"keluarga": {P: keluarga_rows([_row(t) for t in ROWS])}}
    )
    out = queries.run("peta_kelurahan", {"periode": P}, lake).set_index("kode_kel")
    out.attrs["lake"] = lake
    return out


def _eb(e, b):
    """Marshall's global empirical Bayes, written out: t = Σe/Σb, v = Σb(e/b − t)²/Σb − t/b̄."""
    t = sum(e) / sum(b)
    v = max(
        0.0,
        sum(bi * (ei / bi - t) ** 2 for ei, bi in zip(e, b, strict=True)) / sum(b)
        - t / (sum(b) / len(b)),
    )
    return [
        v / (v + t / bi) * ei / bi + (t / bi) / (v + t / bi) * t
        for ei, bi in zip(e, b, strict=True)
    ], t


def test_every_kelurahan_with_30_listed_keluarga_is_ranked_small_ep_bases_too(df):
    # rate e 20, 2, 0, 5 of b 40, 50, 100, 10 (t = 27/200 = .135): EB A .4728, B .0457,
    #   C .0042, D .4112 → scaled over the four: A 1, B .0886, C 0
    # uncovered e 10, 2, 0 of b 20, 2, 5 (A, B, D; t = 12/27 = .4444): EB A .4643, B .4737,
    #   D .3902 → A .8874, B 1; C (no EP) takes the pooled .4444 → .6496
    # deprivation e 2,5, 2, 0 of b 20, 2, 5 (t = 4,5/27 = .1667): EB A .1323, B .4340,
    #   D .0764 → A .1562, B 1; C takes .1667 → .2524
    # A = 100·(1 + .8874 + .1562)/3 = 68,12; B = 100·(.0886 + 1 + 1)/3 = 69,62;
    # C = 100·(0 + .6496 + .2524)/3 = 30,07. D (10 listed) gets none.
    r, _ = _eb([20, 2, 0, 5], [40, 50, 100, 10])
    u, tu = _eb([10, 2, 0], [20, 2, 5])
    d, td = _eb([2.5, 2, 0], [20, 2, 5])
    assert r == pytest.approx([0.4728, 0.0457, 0.0042, 0.4112], abs=1e-4)
    assert (u, tu) == (pytest.approx([0.4643, 0.4737, 0.3902], abs=1e-4), pytest.approx(12 / 27))
    assert (d, td) == (pytest.approx([0.1323, 0.4340, 0.0764], abs=1e-4), pytest.approx(1 / 6))

    def s(x, xs):
        return (x - min(xs)) / (max(xs) - min(xs))

    want = [
        100 * (s(r[0], r) + s(u[0], u) + s(d[0], d)) / 3,
        100 * (s(r[1], r) + s(u[1], u) + s(d[1], d)) / 3,
        100 * (s(r[2], r) + s(tu, u) + s(td, d)) / 3,
    ]
    assert want == pytest.approx([68.12, 69.62, 30.07], abs=0.01)
    assert df.loc[[A, B, C], "indeks_kantong"].tolist() == pytest.approx(want, abs=1e-6)
    assert df.loc[[B, A, C], "peringkat"].tolist() == [1, 2, 3]
    # D: 5 extreme-poor of 10 listed, under the listed base: no index, no rank
    assert pd.isna(df.loc[D, "indeks_kantong"]) and pd.isna(df.loc[D, "peringkat"])
    # the small bases (fewer than 30 extreme-poor) keep their mark, ranked or not
    assert df.loc[[A, B, C, D], "dasar_kecil"].tolist() == [True, True, True, True]
    shown = df.reset_index()
    fig = kantong.grafik_peringkat(shown, peta.judul_peringkat(shown, "Kota Pasuruan", P))
    assert list(fig.data[0].y) == ["1. Petamanan *", "2. Ngemplakrejo ◆ *", "3. Karangketug *"]
    table = peta.tabel_peringkat(shown).set_index("Kelurahan")
    assert table.loc["Gentong", "Catatan"] == (
        "hati-hati: dasar kecil; tidak diperingkat (< 30 keluarga dalam daftar)"
    )
    assert table.loc["Petamanan", "Catatan"] == "hati-hati: dasar kecil"


def test_the_pocket_test_bound_is_shown_and_explains_the_status(df):
    # city 27/200 = .135; z = 2,9738 (one-sided 5 % / 34). A 20 of 40: Wilson lower bound
    # (20 + z²/2 − z·√(20·20/40 + z²/4)) / (40 + z²) = .2872 > .135: a pocket; its 95 % lower
    # bound .3520 is higher (z = 1,96). D 5 of 10: .1575 > .135, a pocket though unranked.
    z = 2.973829
    lo = (20 + z * z / 2 - z * (20 * 20 / 40 + z * z / 4) ** 0.5) / (40 + z * z)
    assert lo == pytest.approx(0.2872, abs=1e-4)
    assert df.loc[A, "per_1000_batas_uji"] == pytest.approx(1000 * lo, abs=1e-3)
    assert df.loc[A, "per_1000_bawah"] == pytest.approx(352.00, abs=0.01)
    assert df.loc[[A, B, C, D], "kantong"].tolist() == [True, False, False, True]
    table = peta.tabel_peringkat(df.reset_index()).set_index("Kelurahan")
    assert table.loc["Ngemplakrejo", peta.KOLOM_BATAS_UJI] == "287,2"
    assert "Bonferroni" in peta.kalimat_batas_uji() and "bukan kantong" in peta.kalimat_batas_uji()


def test_the_ranking_title_names_every_pocket_or_how_many_it_leaves_out(df):
    title = peta.judul_peringkat(df.reset_index(), "Kota Pasuruan", P)
    assert title == (
        "Peringkat prioritas di Kota Pasuruan (n = 3 kelurahan): 1. Kel. Petamanan, indeks "
        "69,6 dari 100; 2 kelurahan berstatus kantong (◆): Kel. Ngemplakrejo dan Gentong "
        "(Juni 2024)"
    )
    assert "tertinggi" not in title
    five = pd.DataFrame(
        {"kelurahan": list("PQRST"), "kantong": [True] * 5, "peringkat": [5, 1, 2, None, 3]}
    )
    assert peta.nama_kantong(five) == "Kel. Q, R, T, P dan 1 lainnya"
    assert peta.nama_kantong(five.head(3)) == "Kel. Q, R dan P"
    assert peta.nama_kantong(five.assign(kantong=False)) == ""


def test_a_guest_ranks_only_the_kelurahan_whose_index_is_shown(df):
    # B (Petamanan) has 2 extreme-poor keluarga: its rate and the index built on it are hidden
    # from a guest (the index could help work the count out), and so is its rank: its place
    # between two shown indices would bound the hidden count (BPS review 4, N2). A is hidden as
    # the complement of B within the city's total; the guest ranks C alone.
    from pantau import privacy

    lake = df.attrs.get("lake")
    tamu = privacy.result("peta_kelurahan", {"periode": P}, "tamu", lake).set_index("kode_kel")
    assert tamu.loc[B, "per_1000_keluarga"] == privacy.HIDDEN
    assert tamu.loc[B, "indeks_kantong"] == privacy.HIDDEN
    assert tamu.loc[A, "indeks_kantong"] == privacy.HIDDEN
    assert pd.isna(tamu.loc[B, "peringkat"]) and pd.isna(tamu.loc[A, "peringkat"])
    assert tamu.loc[C, "peringkat"] == 1  # the head's rank 3, among the shown: 1
    assert df.loc[[B, A, C], "peringkat"].tolist() == [1, 2, 3]  # the head's ranks unchanged
    # hidden exactly where a component it is built from is hidden; elsewhere the head's value
    src = ["per_1000_keluarga"]  # (the shares u and d are hidden more widely for a guest)
    gone = tamu[src].map(lambda v: isinstance(v, str)).any(axis=1)
    idx = tamu["indeks_kantong"]
    assert (idx[gone & idx.notna()] == privacy.HIDDEN).all()
    assert idx[~gone].astype(float).equals(df.loc[~gone, "indeks_kantong"].astype(float))
    assert idx[C] == pytest.approx(30.065, abs=1e-3)  # C (no extreme-poor): shown
    shown = tamu.reset_index()
    fig = kantong.grafik_peringkat(shown, peta.judul_peringkat(shown, "Kota Pasuruan", P))
    assert not [y for y in fig.data[0].y if "Petamanan" in y]  # no bar for "×"
    assert "1. Kel. Karangketug" in peta.judul_peringkat(shown, "Kota Pasuruan", P)
    # n counts the ranked (C alone), not the rows whose index reads "×"
    assert "(n = 1 kelurahan)" in peta.judul_peringkat(shown, "Kota Pasuruan", P)
    table = peta.tabel_peringkat(shown).set_index("Kelurahan")
    assert table.loc["Petamanan", "Indeks kantong (0–100)"] == "×"
    assert table.loc["Petamanan", "Peringkat"] == "–"


def test_a_ranking_where_every_index_ties_says_there_is_no_order():
    # Three kelurahan all at 0 (no component varies beyond chance): no "1." at "0,0 dari 100".
    df = pd.DataFrame(
        {
            "kode_kel": ["35.75.01.1001", "35.75.01.1002", "35.75.01.1003"],
            "kelurahan": ["Karangketug", "Gentong", "Petamanan"],
            "indeks_kantong": [0.0, 0.0, 0.0],
            "peringkat": [1, 1, 1],
            "kantong": [False, False, False],
        }
    )
    assert peta.judul_peringkat(df, "Kota Pasuruan", "2024-06") == (
        "Peringkat prioritas di Kota Pasuruan: indeks kantong tidak membedakan 3 kelurahan "
        "(semuanya 0,0 dari 100, karena tidak satu pun komponennya berbeda antar kelurahan lebih "
        "dari kebetulan), jadi tidak ada urutan prioritas; belum ada kelurahan yang angkanya "
        "terbukti di atas angka kota (Juni 2024)"
    )
    # one ranked kelurahan is an order of one, as before
    assert "1. Kel. Karangketug, indeks 0,0 dari 100" in peta.judul_peringkat(
        df.iloc[:1], "Kota Pasuruan", "2024-06"
    )

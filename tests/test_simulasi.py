"""The budget simulation (issue 13 §1): five strategies on a hand-made lake with P0/P1/P2 worked
out by hand, the two known orderings on the demo lake, and the guest kept out of it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, open_page, page_texts

from pantau import audit, privacy, queries, simulasi

Z = 391_000  # the 2024 extreme line, Rp per person per month
KEL_A = "35.75.01.1001"  # Karangketug, kecamatan Gadingrejo (35.75.01)
KEL_X = "35.75.04.1007"  # Ngemplakrejo, kecamatan Panggungrejo (35.75.04): the only pocket

# Five families with a spending figure (6 persons), per-capita spending y:
#   A1  Gadingrejo    1 person   y = 371.000  (20.000 below the line)
#   A2  Gadingrejo    1 person   y = 191.000  (200.000 below), paid Sembako Daerah in March
#   A3  Gadingrejo    1 person   y = 500.000  (above), paid Sembako Daerah in March
#   B1  Panggungrejo  2 persons  y = 341.000  (50.000 below)
#   B2  Panggungrejo  1 person   y = 291.000  (100.000 below)
# and 29 more extreme-poor families in Ngemplakrejo without a spending figure (not considered),
# so that Ngemplakrejo has 31 keluarga on its list, the only kelurahan with the 30 listed
# keluarga a pocket index needs (dasar_indeks, the Peta page's base): rank 1; Karangketug (3
# listed) has none.
FAMILIES = [
    dict(kode_kel=KEL_A, jumlah_anggota=1, pengeluaran_bulanan=371_000),
    dict(kode_kel=KEL_A, jumlah_anggota=1, pengeluaran_bulanan=191_000),
    dict(kode_kel=KEL_A, jumlah_anggota=1, pengeluaran_bulanan=500_000, miskin_ekstrem="Tidak"),
    dict(kode_kel=KEL_X, jumlah_anggota=2, pengeluaran_bulanan=682_000),
    dict(kode_kel=KEL_X, jumlah_anggota=1, pengeluaran_bulanan=291_000),
] + [dict(kode_kel=KEL_X, jumlah_anggota=3, pengeluaran_bulanan=None) for _ in range(29)]

# Rp 100.000 per KPM per month for 12 months = Rp 1.200.000 a family; Rp 2.400.000 pays 2.
PARAMS = simulasi.parameter("Rp 2.400.000", per_bulan="100.000", bulan=12, periode="2024-06")
# A reached family's per-capita spending rises by 100.000 ÷ its size: +100.000 (1 person),
# +50.000 (B1). Shortfalls in thousands of Rp below 391: A1 20, A2 200, B1 50 (×2 persons),
# B2 100. With S = 6 persons: P0 = 100·persons below / 6, P1 = 100·Σ w·gap / 391 / 6,
# P2 = 100·Σ w·gap² / 391² / 6.


def p1(*gaps):
    return round(100 * sum(gaps) / 391 / 6, 4)


def p2(*gaps):
    return round(100 * sum(g * g for g in gaps) / 391**2 / 6, 4)


EXPECTED = {
    # strategi: (keluarga, biaya_rp, keluarga_terangkat, p0, p1, p2)
    # before: everyone but A3 below: 5 persons.
    "awal": (0, 0, 0, round(500 / 6, 4), p1(20, 200, 50, 50, 100), p2(20, 200, 50, 50, 100)),
    # the transfer lifts A1 (371+100), B1 (341+50 = 391, at the line) and B2 (291+100); the
    # largest household first: B1, then A1 (its family shortfall 20 < B2's 100). Left below:
    # A2 (200) and B2 (100): 2 persons.
    "terdekat_garis": (2, 2_400_000, 2, round(200 / 6, 4), p1(200, 100), p2(200, 100)),
    # fall of w·gap² (in 391² units ×1000²): A2 200²−100² = 30.000, B2 100² = 10.000,
    # B1 2·50² = 5.000, A1 20² = 400: A2 (to 291, still 100 below) and B2 (lifted). Left:
    # A1 20, A2 100, B1 50 ×2: 4 persons.
    "termiskin": (2, 2_400_000, 1, round(400 / 6, 4), p1(20, 100, 50, 50), p2(20, 100, 50, 50)),
    # Ngemplakrejo's families first, the poorest first: B2 then B1, both lifted. Left: A1, A2.
    "kantong": (2, 2_400_000, 2, round(200 / 6, 4), p1(20, 200), p2(20, 200)),
    # the bansos recipients now, the poorest first: A2 (to 291) and A3 (above the line
    # already: nothing changes). Left: A1, A2 100, B1 ×2, B2: 5 persons.
    "sekarang": (
        2,
        2_400_000,
        0,
        round(500 / 6, 4),
        p1(20, 100, 50, 50, 100),
        p2(20, 100, 50, 50, 100),
    ),
    # 2 families below the line in each kecamatan: quota floor(2·2/4) = 1 each, the poorest:
    # A2 (to 291) and B2 (lifted): the same families as termiskin here.
    "proporsional": (2, 2_400_000, 1, round(400 / 6, 4), p1(20, 100, 50, 50), p2(20, 100, 50, 50)),
}


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    keluarga = keluarga_rows(FAMILIES)
    aid = pd.DataFrame(
        [
            dict(
                no_kk=keluarga.loc[i, "no_kk"],
                program="Sembako Daerah",
                tanggal_salur="2024-03-10",
                nilai=600_000,
                status="tersalur",
            )
            for i in (1, 2)
        ]
    )
    return build_lake(
        tmp_path_factory.mktemp("simulasi") / "data",
        {"keluarga": {"2024-06": keluarga}, "penyaluran": {"2024-06": aid}},
    )


def test_every_strategy_reaches_and_lowers_poverty_as_worked_out_by_hand(lake):
    df = simulasi.jalankan(PARAMS, "kepala", lake)
    city = simulasi.kota(df).set_index("strategi")
    assert list(city.index) == list(EXPECTED)
    for strategi, (n, biaya, lifted, p0, want_p1, want_p2) in EXPECTED.items():
        row = city.loc[strategi]
        got = (row.keluarga, row.biaya_rp, row.keluarga_terangkat, row.p0, row.p1, row.p2)
        assert got == pytest.approx((n, biaya, lifted, p0, want_p1, want_p2), abs=1e-4), strategi
        assert (row.keluarga_dihitung, row.jiwa_dihitung) == (5, 6)
        assert row.sisa_anggaran_rp == 2_400_000 - biaya


# Of the reached (and the lifted) families, those flagged miskin_ekstrem on the list: every
# family with a spending figure but A3 ("Tidak") is flagged.
DITANDAI = {
    # strategi: (keluarga_ditandai, ditandai_terangkat)
    "awal": (0, 0),
    "terdekat_garis": (2, 2),  # B1, A1: both flagged, both lifted
    "termiskin": (2, 1),  # A2 (not lifted), B2 (lifted)
    "kantong": (2, 2),  # B2, B1
    "sekarang": (1, 0),  # A2 (flagged, not lifted) and A3 (not flagged)
    "proporsional": (2, 1),  # A2, B2
}


def test_how_many_of_the_reached_families_are_flagged_extreme_poor_by_hand(lake):
    df = simulasi.jalankan(PARAMS, "kepala", lake)
    assert PARAMS["sasaran"] == "semua"
    city = simulasi.kota(df).set_index("strategi")
    got = {s: (r.keluarga_ditandai, r.ditandai_terangkat) for s, r in city.iterrows()}
    assert got == DITANDAI
    # per kecamatan, sekarang: A2 (flagged) and A3 (not) in Gadingrejo, none in Panggungrejo
    kec = df[(df["strategi"] == "sekarang") & df["kode_kec"].notna()].set_index("kode_kec")
    assert kec.loc["35.75.01", ["keluarga", "keluarga_ditandai"]].tolist() == [2, 1]
    assert kec.loc["35.75.04", ["keluarga", "keluarga_ditandai"]].tolist() == [0, 0]


def test_sasaran_ekstrem_considers_the_flagged_families_only_by_hand(lake):
    # A3 (not flagged) leaves: 4 families, 5 persons, all below the line. Before: P0 = 100,
    # P1 = 100·(20 + 200 + 2·50 + 100) / 391 / 5.
    params = {**PARAMS, "sasaran": "ekstrem"}
    assert (
        simulasi.parameter(
            "Rp 2.400.000", per_bulan="100.000", periode="2024-06", sasaran="ekstrem"
        )
        == params
    )
    city = simulasi.kota(simulasi.jalankan(params, "kepala", lake)).set_index("strategi")
    assert (city["keluarga_dihitung"] == 4).all() and (city["jiwa_dihitung"] == 5).all()
    assert city.loc["awal", "p0"] == pytest.approx(100)
    assert city.loc["awal", "p1"] == pytest.approx(round(100 * 420 / 391 / 5, 4), abs=1e-4)
    # terdekat_garis still lifts B1 and A1: left A2 and B2, 2 of 5 persons
    row = city.loc["terdekat_garis"]
    assert (row.keluarga, row.keluarga_ditandai, row.ditandai_terangkat) == (2, 2, 2)
    assert row.p0 == pytest.approx(40)
    assert row.p2 == pytest.approx(round(100 * (200**2 + 100**2) / 391**2 / 5, 4), abs=1e-4)
    # sekarang: of the two recipients only A2 is flagged: 1 family, Rp 1.200.000 left over;
    # A2 to 291, still below: P0 stays 100, P1 = 100·(20 + 100 + 100 + 100) / 391 / 5
    row = city.loc["sekarang"]
    assert (row.keluarga, row.keluarga_ditandai, row.sisa_anggaran_rp) == (1, 1, 1_200_000)
    assert (row.p0, row.p1) == pytest.approx((100, round(100 * 320 / 391 / 5, 4)), abs=1e-4)
    rows = simulasi.keluarga(params, "sekarang", "kepala", lake)
    assert rows["no_kk"].tolist() == [keluarga_rows(FAMILIES).loc[1, "no_kk"]]
    assert rows["miskin_ekstrem"].all()
    with pytest.raises(simulasi.PantauError, match="Sasaran 'x' tidak dikenal"):
        simulasi.parameter(1_000_000, per_bulan=1, sasaran="x")


def test_the_kecamatan_rows_of_a_strategy_are_worked_out_by_hand(lake):
    df = simulasi.jalankan(PARAMS, "kepala", lake)
    kec = df[(df["strategi"] == "terdekat_garis") & df["kode_kec"].notna()].set_index("kode_kec")
    # Gadingrejo: A1 reached and lifted; A2 left 200 below, of 3 persons.
    a = kec.loc["35.75.01"]
    assert (a.keluarga, a.keluarga_terangkat, a.jiwa_dihitung) == (1, 1, 3)
    assert (a.p0, a.p2) == pytest.approx((100 / 3, 100 * 200**2 / 391**2 / 3), abs=1e-4)
    # Panggungrejo: B1 reached and lifted; B2 left 100 below, of 3 persons.
    b = kec.loc["35.75.04"]
    assert (b.keluarga, b.keluarga_terangkat, b.biaya_rp) == (1, 1, 1_200_000)
    assert (b.p0, b.p1) == pytest.approx((100 / 3, 100 * 100 / 391 / 3), abs=1e-4)


def test_before_the_transfer_the_indices_are_the_fgt_query(lake):
    df = simulasi.jalankan(PARAMS, "kepala", lake)
    awal = df[df["strategi"] == "awal"].reset_index(drop=True)
    fgt = queries.run("fgt", {"periode": "2024-06"}, lake)
    assert awal[["p0", "p1", "p2"]].values.tolist() == fgt[["p0", "p1", "p2"]].values.tolist()
    assert awal["kode_kec"].fillna("").tolist() == fgt["kode_kec"].fillna("").tolist()


def test_a_one_off_grant_is_spread_over_twelve_months_and_a_small_budget_reaches_nobody(lake):
    # Modal usaha Rp 2.500.000 once: +208.333 a month for a 1-person family. Rp 2.500.000 pays
    # one family; termiskin's first is A2 (200² − 0 = 40.000, lifted to 399.333).
    params = simulasi.parameter(2_500_000, sekali=simulasi.MODAL_USAHA, periode="2024-06")
    city = simulasi.kota(simulasi.jalankan(params, "kepala", lake)).set_index("strategi")
    assert city.loc["termiskin", "keluarga_terangkat"] == 1
    assert city.loc["termiskin", "p2"] == pytest.approx(p2(20, 50, 50, 100), abs=1e-4)
    small = simulasi.parameter(1_000_000, sekali=2_500_000, periode="2024-06")
    city = simulasi.kota(simulasi.jalankan(small, "kepala", lake))
    assert city["keluarga"].tolist() == [0] * 6
    assert city["p0"].nunique() == 1


def test_the_strategy_list_names_the_families_it_reaches_in_its_order(lake):
    rows = simulasi.keluarga(PARAMS, "termiskin", "kepala", lake)
    keluarga = keluarga_rows(FAMILIES)
    assert rows["no_kk"].tolist() == [keluarga.loc[1, "no_kk"], keluarga.loc[4, "no_kk"]]
    assert rows["pengeluaran_per_kapita_sesudah"].tolist() == [291_000, 391_000]
    assert rows["terangkat"].tolist() == [False, True]
    # the perencana sees the No KK masked, as on Daftar sasaran
    masked = simulasi.keluarga(PARAMS, "termiskin", "perencana", lake)
    assert masked["no_kk"].str.startswith("************").all()


@pytest.mark.parametrize(
    "kwargs, sentence",
    [
        (dict(anggaran="dua juta", per_bulan=100_000), "bukan jumlah rupiah"),
        (dict(anggaran=0, per_bulan=100_000), "lebih dari Rp 0"),
        (dict(anggaran=1_000_000), "salah satu saja"),
        (dict(anggaran=1_000_000, per_bulan=1, sekali=1), "salah satu saja"),
        (dict(anggaran=1_000_000, per_bulan=1, bulan="x"), "bukan bilangan bulat"),
    ],
)
def test_bad_input_is_one_sentence(kwargs, sentence):
    with pytest.raises(simulasi.PantauError, match=sentence):
        simulasi.parameter(**kwargs)


def test_a_guest_gets_neither_rows_nor_the_page_nor_the_cli_answer(lake, cli, monkeypatch):
    assert privacy.result("simulasi", PARAMS, "tamu", lake).empty
    assert privacy.result(
        "simulasi_keluarga", {**PARAMS, "strategi": "termiskin"}, "tamu", lake
    ).empty
    assert not privacy.may_open("tamu", "simulasi")
    with pytest.raises(simulasi.PantauError, match="tidak boleh"):
        simulasi.jalankan(PARAMS, "tamu", lake)
    args = ["simulasi", "--anggaran", "2400000", "--per-bulan", "100000", "--periode", "2024-06"]
    proc = cli(*args, "--peran", "tamu", data_dir=lake)
    assert proc.returncode == 2 and proc.stdout == ""
    assert "tidak boleh menjalankan simulasi" in proc.stderr
    ok = cli(*args, "--format", "json", data_dir=lake)
    assert ok.returncode == 0, ok.stderr
    records = json.loads(ok.stdout)
    assert [r["strategi"] for r in records] == list(EXPECTED)
    assert records[1]["keluarga"] == 2 and records[1]["biaya_rp"] == 2_400_000
    assert records[1]["p0"] == pytest.approx(round(200 / 6, 4))
    assert {"strategi", "keluarga", "biaya_rp", "p0", "p1", "p2"} <= set(records[0])
    # the page: not in a guest's menu, and stopped when opened directly
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", role="tamu")
    assert all("Simulasi" not in str(getattr(n, "value", "")) for n in at.sidebar)
    from lakes import ROOT
    from streamlit.testing.v1 import AppTest

    direct = AppTest.from_file(str(ROOT / "pages" / "simulasi.py"), default_timeout=60)
    direct.session_state["user"] = "tamu"
    direct.session_state["role"] = "tamu"
    direct.session_state["filters"] = {"periode": "2024-06", "kode_kec": "", "kode_kel": ""}
    direct.run()
    assert [e.value for e in direct.error] == ["Peran Anda tidak boleh membuka halaman ini."]


def test_the_cli_takes_sasaran(lake, cli):
    args = ["simulasi", "--anggaran", "2400000", "--per-bulan", "100000", "--periode", "2024-06"]
    proc = cli(*args, "--sasaran", "ekstrem", "--format", "json", data_dir=lake)
    assert proc.returncode == 0, proc.stderr
    records = {r["strategi"]: r for r in json.loads(proc.stdout)}
    assert records["sekarang"]["keluarga"] == 1 and records["sekarang"]["keluarga_ditandai"] == 1
    assert records["awal"]["keluarga_dihitung"] == 4
    table = cli(*args, data_dir=lake)
    assert table.returncode == 0, table.stderr
    assert "dipertimbangkan: semua keluarga dalam daftar" in table.stdout
    assert "di antaranya miskin ekstrem" in table.stdout


def test_the_cli_table_shows_the_labels_and_a_dash_for_a_missing_figure(tmp_path, cli):
    # A list that flags no family extreme-poor: the flagged counts are missing (NULL), and the
    # before row has no cost per family lifted. Two families of one person, 20.000 and 200.000
    # below the line 391.000; Rp 1.200.000 (100.000 × 12) pays 1: terdekat_garis lifts A1.
    rows = keluarga_rows([{**f, "miskin_ekstrem": None} for f in FAMILIES[:2]])
    lake = build_lake(tmp_path / "data", {"keluarga": {"2024-06": rows}})
    args = ["simulasi", "--anggaran", "1200000", "--per-bulan", "100000", "--periode", "2024-06"]
    proc = cli(*args, data_dir=lake)
    assert proc.returncode == 0, proc.stderr
    assert "NaN" not in proc.stdout and "terdekat_garis" not in proc.stdout
    lines = proc.stdout.splitlines()
    awal = next(x for x in lines if x.strip().startswith("Sebelum bantuan")).split()
    # strategi (2 words), keluarga 0, ditandai –, biaya Rp 0, sisa Rp 1.200.000, terangkat 0,
    # terangkat ditandai –, biaya per terangkat –, P0 100,00, P1, P2
    assert awal[2:] == ["0", "–", "Rp", "0", "Rp", "1.200.000", "0", "–", "–", "100,00"] + [
        f"{100 * (20 + 200) / 391 / 2:.4f}".replace(".", ","),
        f"{100 * (20**2 + 200**2) / 391**2 / 2:.4f}".replace(".", ","),
    ]
    terdekat = next(x for x in lines if x.strip().startswith("Terdekat garis")).split()
    assert terdekat[2:10] == ["1", "–", "Rp", "1.200.000", "Rp", "0", "1", "–"]


def test_a_wrong_period_or_kecamatan_is_one_sentence_from_the_cli(lake, cli):
    base = ["simulasi", "--anggaran", "2400000", "--sekali", "2500000"]
    proc = cli(*base, "--periode", "2030-01", data_dir=lake)
    assert proc.returncode == 2 and "tidak punya daftar keluarga" in proc.stderr
    proc = cli(*base, "--periode", "2024-06", "--kode-kec", "35.75.09", data_dir=lake)
    assert proc.returncode == 2 and "tidak dikenal" in proc.stderr


def test_the_pocket_ranking_is_the_map_s_on_the_demo_lake(demo_lake):
    eng = queries.engine(demo_lake)
    peta = queries.run("peta_kelurahan", {}, demo_lake).set_index("kode_kel")
    eng.refresh()
    cur = eng.con.cursor()
    try:
        mine = cur.execute(
            "SELECT kode_kel, indeks_kantong, peringkat "
            "FROM peringkat_kantong((SELECT max(periode) FROM keluarga_periode))"
        ).df()
    finally:
        cur.close()
    mine = mine.set_index("kode_kel").loc[peta.index]
    assert mine["peringkat"].fillna(0).tolist() == peta["peringkat"].fillna(0).tolist()
    assert mine["indeks_kantong"].round(6).fillna(-1).tolist() == (
        peta["indeks_kantong"].round(6).fillna(-1).tolist()
    )
    # the demo has kelurahan with the 30 extreme-poor keluarga an index needs, to rank
    assert peta["peringkat"].notna().sum() >= 2


@pytest.mark.parametrize(
    "anggaran, bentuk",
    [
        (120_000_000, dict(per_bulan=200_000, bulan=12)),  # Sembako Daerah for 50 KPM
        (480_000_000, dict(per_bulan=200_000, bulan=12)),
        (250_000_000, dict(sekali=2_500_000)),  # modal usaha for 100 KPM
    ],
)
def test_closest_to_the_line_lowers_p0_most_and_poorest_first_p2_most_on_the_demo(
    demo_lake, anggaran, bentuk
):
    # Bourguignon & Fields; Ravallion & Chao (1989): with a fixed transfer, reaching those
    # closest below the line first cuts the headcount most, the poorest first the severity.
    params = simulasi.parameter(anggaran, **bentuk)
    city = simulasi.kota(simulasi.jalankan(params, "kepala", demo_lake)).set_index("strategi")
    others = city.drop(index="awal")
    assert others.loc["terdekat_garis", "p0"] == others["p0"].min()
    assert others.loc["termiskin", "p2"] == others["p2"].min()
    assert (others["p0"] < city.loc["awal", "p0"]).any()
    assert others.loc["termiskin", "p2"] < others.loc["sekarang", "p2"]
    assert others.loc["terdekat_garis", "keluarga_terangkat"] == others["keluarga_terangkat"].max()


def test_the_page_shows_the_strategies_the_assumptions_and_logs_the_named_list(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/simulasi.py", role="perencana", periode="2024-06")
    # The form's defaults: Rp 480.000.000 for Rp 200.000 × 12 = Rp 2.400.000 a KPM: 200
    # families, more than the 4 below the line: every targeted strategy reaches all 4.
    table = at.dataframe[0].value
    assert table["strategi"].tolist() == list(simulasi.STRATEGI.values())
    assert table["keluarga"].tolist() == ["0", "4", "4", "4", "2", "4"]
    # all 4 reached: A1 and B1, B2 lifted (+200.000, +100.000 per person), A2 to 391.000 too
    assert table["p0"].tolist()[1] == "0,00%"
    # of them flagged miskin_ekstrem (all but A3): sekarang reaches A2 and A3
    assert table["keluarga_ditandai"].tolist() == ["0", "4", "4", "4", "1", "4"]
    assert table["ditandai_terangkat"].tolist() == ["0", "4", "4", "4", "1", "4"]
    texts = page_texts(at)
    # every strategy reaches all its candidates (money left on each): no card names a "best"
    # strategy; the lowest P0 after is 0,00% (the targeted four), P2 0,00
    assert "semua strategi menjangkau semua keluarganya" in texts
    assert "P0 terendah 0,00% jiwa" in texts
    assert not [m for m in at.metric if m.label == "Keparahan (P2) terendah"]
    # the P0-or-P2 trade-off is said for a budget that does not cover everyone
    assert "Bila anggaran tidak cukup untuk semua: memilih yang paling dekat" in texts
    assert "juga yang tidak ditandai miskin ekstrem" in texts
    assert "tidak mengubah perilaku" in texts and "÷ jumlah" in texts
    assert "disamarkan" in texts  # the perencana's named list is masked
    lines = [json.loads(x) for x in audit.log_path(lake).read_text().splitlines()]
    assert any(
        x["aksi"] == "lihat_daftar" and x["rincian"]["daftar"] == "simulasi_keluarga" for x in lines
    )
    # only the flagged families: A3 leaves, sekarang reaches A2 alone
    radio = next(r for r in at.radio if r.label == "Keluarga yang dipertimbangkan")
    radio.set_value("ekstrem")
    at.button[0].click().run()
    table = at.dataframe[0].value
    assert table["keluarga"].tolist() == ["0", "4", "4", "4", "1", "4"]
    assert "hanya keluarga yang ditandai di daftar periode ini yang dipertimbangkan" in page_texts(
        at
    )
    # Rp 2.400.000 pays 2 of the 4 below the line: the cards name the best strategy (PARAMS'
    # worked-out rows with +200.000: terdekat_garis lifts 2; all strategies lift 2, the first wins)
    radio.set_value("semua")
    next(n for n in at.number_input if n.label == "Anggaran (Rp)").set_value(2_400_000)
    at.button[0].click().run()
    texts = page_texts(at)
    assert "semua strategi menjangkau semua keluarganya" not in texts
    assert "\nMemilih yang paling dekat di bawah garis" in texts
    cards = {m.label: m.value for m in at.metric}
    assert cards["Paling banyak keluarga terangkat"] == "Terdekat garis"
    # B1's 2 persons lifted: the lowest P0; A2 (gap 200 → 0) the largest fall of P2, reached by
    # termiskin and by sekarang (A2 the poorest recipient): the first of the tie
    assert cards["P0 terendah sesudah bantuan"] == "Terdekat garis"
    assert cards["Keparahan (P2) terendah"] == "Termiskin dulu"


def test_today_s_recipients_are_the_coverage_definition_s_poorest_first_on_the_demo(demo_lake):
    # sekarang = the n poorest of cakupan(p)'s tercakup_bansos families with a spending figure
    # (the strategy asks enrolment and payments apart, for speed): n = 300 here.
    eng = queries.engine(demo_lake)
    eng.refresh()
    cur = eng.con.cursor()
    try:
        for periode in ("2024-06", "2026-09"):
            want = cur.execute(
                "SELECT c.no_kk FROM cakupan($p) c JOIN beban_keluarga($p) b USING (no_kk) "
                "WHERE c.tercakup_bansos AND b.pengeluaran_per_kapita IS NOT NULL "
                "ORDER BY b.pengeluaran_per_kapita, c.no_kk LIMIT 300",
                {"p": periode},
            ).fetchall()
            assert len(want) == 300
            params = simulasi.parameter(300 * 1_200_000, per_bulan=100_000, periode=periode)
            got = simulasi.keluarga(params, "sekarang", "kepala", demo_lake)
            assert got["no_kk"].tolist() == [r[0] for r in want], periode
    finally:
        cur.close()


# Verval feeds the simulation (review 2026-12-02 item 5). The same families, and three verval
# rows: B1 (reached first by terdekat_garis and kantong) found Tidak Layak, meninggal; A1
# Tidak Layak, sudah mampu (2024-06); A3 Tidak Layak, sudah mampu in 2024-03 but Layak later
# (2024-06): its latest verval counts, so A3 stays.
@pytest.fixture(scope="module")
def lake_verval(tmp_path_factory) -> Path:
    keluarga = keluarga_rows(FAMILIES)
    kk = keluarga["no_kk"]
    aid = pd.DataFrame(
        [
            dict(
                no_kk=kk[i],
                program="Sembako Daerah",
                tanggal_salur="2024-03-10",
                nilai=600_000,
                status="tersalur",
            )
            for i in (1, 2)
        ]
    )

    def vv(i, tanggal, hasil, alasan=""):
        return dict(no_kk=kk[i], tanggal_verval=tanggal, hasil=hasil, alasan=alasan)

    maret = pd.DataFrame([vv(2, "2024-03-10", "Tidak Layak", "sudah mampu")])
    juni = pd.DataFrame(
        [
            vv(3, "2024-06-05", "Tidak Layak", "meninggal"),
            vv(0, "2024-06-06", "Tidak Layak", "sudah mampu"),
            vv(2, "2024-06-07", "Layak"),
        ]
    )
    return build_lake(
        tmp_path_factory.mktemp("simulasi_verval") / "data",
        {
            "keluarga": {"2024-06": keluarga},
            "penyaluran": {"2024-06": aid},
            "verval": {"2024-03": maret, "2024-06": juni},
        },
    )


# A1 (sudah mampu) and B1 (meninggal) are reached by no strategy, but stay in the population of
# P0, P1, P2 (the period's list, as the Beban page: perencana review 2, MUST 1): before is the
# same as without verval (EXPECTED["awal"]); the candidates are A2 (200 below), A3 (above) and
# B2 (100 below), and each reached one-person family gains 100.
EXPECTED_VERVAL = {
    # strategi: (keluarga, keluarga_terangkat, p0, p1, p2, biaya_per_terangkat_rp)
    "awal": (0, 0, round(500 / 6, 4), p1(20, 200, 50, 50, 100), p2(20, 200, 50, 50, 100), None),
    # B1 out: B2 (lifted to 391) first, then A2 (to 291, 100 below). Below: A1, A2, B1 ×2
    "terdekat_garis": (
        2,
        1,
        round(400 / 6, 4),
        p1(20, 100, 50, 50),
        p2(20, 100, 50, 50),
        2_400_000,
    ),
    # A2 (fall 200² − 100²) then B2 (100²): the same two
    "termiskin": (2, 1, round(400 / 6, 4), p1(20, 100, 50, 50), p2(20, 100, 50, 50), 2_400_000),
    # Ngemplakrejo: B2 only now, then Karangketug's A2
    "kantong": (2, 1, round(400 / 6, 4), p1(20, 100, 50, 50), p2(20, 100, 50, 50), 2_400_000),
    # A2 (to 291) and A3 (above: its Layak came last, so it is a recipient still). Below: all 5
    "sekarang": (2, 0, round(500 / 6, 4), p1(20, 100, 50, 50, 100), p2(20, 100, 50, 50, 100), None),
    # one candidate below the line per kecamatan: quota floor(2·1/2) = 1 each: A2 and B2
    "proporsional": (2, 1, round(400 / 6, 4), p1(20, 100, 50, 50), p2(20, 100, 50, 50), 2_400_000),
}


def test_a_family_found_tidak_layak_at_verval_is_left_out_of_every_strategy_by_hand(
    lake_verval,
):
    df = simulasi.jalankan(PARAMS, "kepala", lake_verval)
    city = simulasi.kota(df).set_index("strategi")
    for strategi, (n, lifted, p0, want_p1, want_p2, per) in EXPECTED_VERVAL.items():
        row = city.loc[strategi]
        got = (row.keluarga, row.keluarga_terangkat, row.p0, row.p1, row.p2)
        assert got == pytest.approx((n, lifted, p0, want_p1, want_p2), abs=1e-4), strategi
        # all five families (6 persons) are the population; two reached by no strategy
        assert (row.keluarga_dihitung, row.jiwa_dihitung, row.keluarga_dikeluarkan) == (5, 6, 2)
        # flagged among those considered: A2 and B2 (A3 is not flagged)
        assert row.ditandai_dihitung == 2
        if per is None:
            assert pd.isna(row.biaya_per_terangkat_rp), strategi
        else:
            assert row.biaya_per_terangkat_rp == per, strategi
    kec = df[(df["strategi"] == "awal") & df["kode_kec"].notna()].set_index("kode_kec")
    assert kec["keluarga_dikeluarkan"].to_dict() == {"35.75.01": 1, "35.75.04": 1}
    # B1, reached first before the verval, is on no strategy's list now
    keluarga = keluarga_rows(FAMILIES)
    rows = simulasi.keluarga(PARAMS, "terdekat_garis", "kepala", lake_verval)
    assert rows["no_kk"].tolist() == [keluarga.loc[4, "no_kk"], keluarga.loc[1, "no_kk"]]
    # why they left, per reason, and the total
    why = simulasi.dikeluarkan(PARAMS, "kepala", lake_verval)
    assert why[["alasan", "keluarga"]].values.tolist() == [
        ["meninggal", 1],
        ["sudah mampu", 1],
        ["Semua alasan", 2],
    ]
    assert simulasi.kalimat_dikeluarkan(why) == (
        "2 keluarga dikeluarkan: hasil verval Tidak Layak (1 meninggal, 1 sudah mampu)."
    )


def test_without_verval_nobody_is_left_out_and_the_cost_per_family_lifted_is_by_hand(lake):
    city = simulasi.kota(simulasi.jalankan(PARAMS, "kepala", lake)).set_index("strategi")
    assert (city["keluarga_dikeluarkan"] == 0).all()
    # Rp 2.400.000 ÷ 2 lifted (terdekat_garis, kantong), ÷ 1 (termiskin); none for sekarang
    per = city["biaya_per_terangkat_rp"]
    assert (per["terdekat_garis"], per["termiskin"], per["kantong"]) == (
        1_200_000,
        2_400_000,
        1_200_000,
    )
    assert pd.isna(per["sekarang"]) and pd.isna(per["awal"])
    # flagged among the 5 considered: all but A3
    assert (city["ditandai_dihitung"] == 4).all()
    why = simulasi.dikeluarkan(PARAMS, "kepala", lake)
    assert why[["alasan", "keluarga"]].values.tolist() == [["Semua alasan", 0]]
    assert simulasi.kalimat_dikeluarkan(why) is None


def test_the_cli_says_who_was_left_out_and_what_it_assumes(lake_verval, cli):
    args = ["simulasi", "--anggaran", "2400000", "--per-bulan", "100000", "--periode", "2024-06"]
    table = cli(*args, data_dir=lake_verval)
    assert table.returncode == 0, table.stderr
    out = table.stdout
    assert "2 keluarga dikeluarkan: hasil verval Tidak Layak (1 meninggal, 1 sudah mampu)." in out
    assert "biaya per terangkat" in out and "Rp 2.400.000" in out
    assert "selama bantuan berjalan (12 bulan)" in out
    assert "modal usaha" not in out.split("Asumsi:")[1]
    one_off = ["simulasi", "--anggaran", "2500000", "--sekali", "2500000", "--periode", "2024-06"]
    proc = cli(*one_off, "--format", "json", data_dir=lake_verval)
    assert proc.returncode == 0, proc.stderr
    awal = json.loads(proc.stdout)[0]
    assert awal["strategi"] == "awal" and awal["keluarga_dikeluarkan"] == 2
    assert set(awal["asumsi"]) == {
        "bantuan_satu_kali",
        "terangkat_selama_bantuan",
        "tanpa_perubahan_perilaku",
        "verval_tidak_layak",
    }
    # Rp 2.500.000 ÷ 12 = Rp 208.333 a month (rounded for the sentence)
    assert "Rp 208.333 per bulan selama 12 bulan" in awal["asumsi"]["bantuan_satu_kali"]
    assert awal["dikeluarkan_verval"][-1]["alasan"] == "Semua alasan"
    assert awal["dikeluarkan_verval"][-1]["keluarga"] == 2


def test_the_comparison_workbook_holds_the_query_s_rows_and_the_assumptions(lake_verval):
    import io

    import openpyxl

    df = simulasi.jalankan(PARAMS, "perencana", lake_verval)
    why = simulasi.dikeluarkan(PARAMS, "perencana", lake_verval)
    data = simulasi.xlsx_perbandingan(df, why, PARAMS, False, "Kota Pasuruan", "Juni 2024")
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Perbandingan", "Per kecamatan", "Dikeluarkan verval", "Asumsi"]
    rows = list(book["Perbandingan"].values)
    head = rows[0]
    by = {r[0]: dict(zip(head, r, strict=True)) for r in rows[1:]}
    assert list(by) == list(simulasi.STRATEGI.values())
    t = by["Terdekat garis"]
    assert (t["Keluarga terjangkau"], t["Biaya (Rp)"], t["Keluarga terangkat"]) == (2, 2_400_000, 1)
    assert t["Biaya per keluarga terangkat (Rp)"] == 2_400_000
    assert t["P0 (% jiwa)"] == pytest.approx(round(400 / 6, 4))  # EXPECTED_VERVAL
    assert t["Dikeluarkan: verval Tidak Layak"] == 2
    assert t["Keluarga miskin ekstrem dipertimbangkan"] == 2
    # per kecamatan: 5 strategies and awal × 2 kecamatan
    assert len(list(book["Per kecamatan"].values)) == 1 + 6 * 2
    asumsi = dict(list(book["Asumsi"].values)[1:])
    assert asumsi["Garis kemiskinan ekstrem (Rp per kapita per bulan)"] == "Rp 391.000"
    assert asumsi["Anggaran"] == "Rp 2.400.000"
    assert asumsi["Bentuk bantuan"] == "Rp 100.000 per KPM per bulan × 12 bulan"
    assert asumsi["Periode daftar"] == "Juni 2024" and asumsi["Wilayah"] == "Kota Pasuruan"
    assert asumsi["Dikeluarkan"].startswith("2 keluarga dikeluarkan: hasil verval Tidak Layak")
    assert "selama bantuan berjalan" in asumsi["Asumsi: terangkat selama bantuan"]


def test_the_page_says_who_was_left_out_and_offers_the_comparison(lake_verval, monkeypatch):
    at = open_page(
        lake_verval, monkeypatch, "pages/simulasi.py", role="perencana", periode="2024-06"
    )
    texts = page_texts(at)
    assert "2 keluarga dikeluarkan: hasil verval Tidak Layak (1 meninggal, 1 sudah mampu)." in texts
    assert "selama bantuan berjalan" in texts
    labels = [b.label for b in at.get("download_button")]
    assert "Unduh XLSX perbandingan strategi" in labels
    table = at.dataframe[0].value
    # Rp 480.000.000 pays 200 families: every strategy reaches the 2 below the line (A2, B2),
    # sekarang A2 and A3. +200.000 a month lifts A2 (191 → 391, at the line) and B2: 2 lifted
    # for 2 × Rp 2.400.000; sekarang lifts A2 alone: Rp 4.800.000 per family lifted
    assert table["keluarga"].tolist() == ["0", "2", "2", "2", "2", "2"]
    assert table["biaya_per_terangkat_rp"].tolist() == ["–"] + ["Rp 2.400.000"] * 3 + [
        "Rp 4.800.000",
        "Rp 2.400.000",
    ]
    bentuk = next(r for r in at.radio if r.label == "Bentuk bantuan")
    bentuk.set_value("Satu kali")
    at.button[0].click().run()
    assert any("Bantuan satu kali" in w.value for w in at.warning)


# --- a province: the kab/kota filter applies (issue 14) ----------------------------------------
# Four one-person families in Jawa Timur, June 2024 (line 391.000): Kabupaten Tuban's T1 241.000
# (150.000 below) and T2 371.000 (20.000 below) in Jlodro, Kec. Kenduruan (35.23.01); T3 500.000
# (above) in Sidomulyo, Kec. Jatirogo (35.23.02); Kabupaten Pasuruan's P1 191.000 (below).
# Rp 100.000 × 12 = Rp 1.200.000 reaches one family; +100.000 lifts T2 only (T1 to 341.000).
JLODRO, SIDOMULYO, KAB_PASURUAN = "35.23.01.2001", "35.23.02.2013", "35.14.01.2001"
PROVINSI = [
    dict(kode_kel=JLODRO, jumlah_anggota=1, pengeluaran_bulanan=241_000),
    dict(kode_kel=JLODRO, jumlah_anggota=1, pengeluaran_bulanan=371_000),
    dict(kode_kel=SIDOMULYO, jumlah_anggota=1, pengeluaran_bulanan=500_000),
    dict(kode_kel=KAB_PASURUAN, jumlah_anggota=1, pengeluaran_bulanan=191_000),
]
SATU = simulasi.parameter("Rp 1.200.000", per_bulan="100.000", bulan=12, periode="2024-06")


@pytest.fixture(scope="module")
def provinsi(tmp_path_factory) -> Path:
    from pantau import wilayah

    data = tmp_path_factory.mktemp("simulasi_provinsi") / "data"
    wilayah.tetapkan(data, "35")
    return build_lake(data, {"keluarga": {"2024-06": keluarga_rows(PROVINSI)}})


def test_a_kab_kota_code_simulates_its_kecamatan_only_by_hand(provinsi):
    tuban = queries.Engine(provinsi).run("simulasi", {**SATU, "kode_kec": "35.23"})
    awal = tuban[tuban["strategi"] == "awal"]
    assert awal["kode_kec"].fillna("").tolist() == ["35.23.01", "35.23.02", ""]
    assert awal["keluarga_dihitung"].tolist() == [2, 1, 3]
    assert awal["p0"].iloc[-1] == round(100 * 2 / 3, 4)  # T1 and T2 below, of 3 (4 decimals)
    dekat = tuban[(tuban["strategi"] == "terdekat_garis") & tuban["kode_kec"].isna()].iloc[0]
    assert (dekat["keluarga"], dekat["keluarga_terangkat"]) == (1, 1)  # T2 lifted
    assert dekat["p0"] == round(100 / 3, 4)
    semua = queries.Engine(provinsi).run("simulasi", SATU)
    total = semua[(semua["strategi"] == "awal") & semua["kode_kec"].isna()].iloc[0]
    assert (total["keluarga_dihitung"], total["p0"]) == (4, pytest.approx(75))
    # a kecamatan as before
    kec = queries.Engine(provinsi).run("simulasi", {**SATU, "kode_kec": "35.23.01"})
    assert kec.loc[kec["strategi"] == "awal", "keluarga_dihitung"].tolist() == [2, 2]


def test_keluarga_per_kelurahan_takes_a_kab_kota_code(provinsi):
    out = queries.Engine(provinsi).run(
        "keluarga_per_kelurahan", {"periode": "2024-06", "kode_kec": "35.23"}
    )
    assert len(out) == 328 and out["kode_kec"].str.startswith("35.23.").all()
    assert out.set_index("kode_kel").loc[JLODRO, "keluarga"] == 2
    assert out["keluarga"].sum() == 3


def test_a_code_outside_the_province_is_one_sentence(provinsi):
    simulasi.periksa_wilayah({**SATU, "kode_kec": "35.23"}, "perencana", provinsi)
    with pytest.raises(
        Exception, match="bukan kecamatan atau kabupaten/kota di Provinsi Jawa Timur"
    ):
        simulasi.periksa_wilayah({**SATU, "kode_kec": "35.99"}, "perencana", provinsi)


def test_the_page_simulates_the_chosen_kab_kota(provinsi, monkeypatch):
    at = open_page(
        provinsi, monkeypatch, "pages/simulasi.py", role="perencana", periode="2024-06", kab="35.23"
    )
    assert at.caption[0].value.startswith("Kabupaten Tuban · Juni 2024")
    assert "Dihitung atas 3 keluarga (3 jiwa)" in page_texts(at)


def test_the_province_demo_s_kab_kota_is_the_sum_of_its_kecamatan(tmp_path_factory):
    from lakes import provinsi_lake

    lake = provinsi_lake(tmp_path_factory)
    eng = queries.Engine(lake)
    base = simulasi.parameter("Rp 120.000.000", per_bulan="100.000", bulan=12)
    semua = eng.run("simulasi", base)
    tuban = eng.run("simulasi", {**base, "kode_kec": "35.23"})
    rows = tuban[tuban["kode_kec"].notna() & (tuban["strategi"] == "awal")]
    assert len(rows) and rows["kode_kec"].str.startswith("35.23.").all()
    same = semua[semua["kode_kec"].isin(rows["kode_kec"]) & (semua["strategi"] == "awal")]
    assert rows["keluarga_dihitung"].tolist() == same["keluarga_dihitung"].tolist()
    total = tuban[tuban["kode_kec"].isna() & (tuban["strategi"] == "awal")].iloc[0]
    assert total["keluarga_dihitung"] == rows["keluarga_dihitung"].sum() > 0
    kel = eng.run("keluarga_per_kelurahan", {"kode_kec": "35.23"})
    assert len(kel) == 328 * kel["periode"].nunique()

"""A data directory can serve a provinsi (issue 14): Jawa Timur (35) with its 38 kab/kota, 666
kecamatan and 8,494 desa/kelurahan, three levels with their labels, each desa/kelurahan carrying
its kab/kota; the same columns for a kab/kota region, so queries can rely on them."""

from __future__ import annotations

import json

import pytest

from pantau import wilayah


def test_jawa_timur_is_a_region_with_three_levels():
    w = wilayah.cari("35")
    assert (w.kode, w.nama, w.jenis, w.provinsi) == (
        "35",
        "Provinsi Jawa Timur",
        "provinsi",
        "Jawa Timur",
    )
    assert w.dinas == "Dinas Sosial Provinsi Jawa Timur" and w.adalah_provinsi
    assert w.tingkat == ("kabupaten_kota", "kecamatan", "kelurahan")
    assert [w.label(t) for t in w.tingkat] == ["Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"]


def test_jawa_timur_table_counts_and_its_kab_kota_columns():
    t = wilayah.cari("35").tabel()
    assert (t["kode_kab"].nunique(), t["kode_kec"].nunique(), len(t)) == (38, 666, 8494)
    assert t["kode_kel"].is_unique  # Kemendagri codes are national: per kecamatan still groups
    tuban = t[t["kode_kab"] == "35.23"]
    assert set(tuban["kabupaten_kota"]) == {"Kabupaten Tuban"}
    assert (len(tuban), tuban["kode_kec"].nunique()) == (328, 20)
    kota = t[t["kode_kab"] == "35.75"]
    assert set(kota["kabupaten_kota"]) == {"Kota Pasuruan"} and len(kota) == 34
    # every unit's kab/kota code is the first two parts of its own code
    assert (t["kode_kel"].str[:5] == t["kode_kab"]).all()
    assert (t["kabupaten_kota"] != "").all()


def test_a_kab_kota_region_has_two_levels():
    w = wilayah.cari("35.23")
    assert w.tingkat == ("kecamatan", "kelurahan") and not w.adalah_provinsi
    assert w.label("kecamatan") == "Kecamatan" and w.label("kelurahan") == "Desa/Kelurahan"
    assert wilayah.cari("35.75").label("kelurahan") == "Kelurahan"


def test_wilayah_set_35_then_status_names_the_province(data_dir, capsys):
    from pantau.cli import main

    assert main(["--data", str(data_dir), "wilayah", "set", "35"]) == 0
    out, _ = capsys.readouterr()
    assert "35 Provinsi Jawa Timur" in out
    assert "38 kabupaten/kota, 666 kecamatan, 8494 desa/kelurahan" in out
    assert json.loads((data_dir / "wilayah.json").read_text()) == {
        "kode": "35",
        "nama": "Provinsi Jawa Timur",
    }
    assert wilayah.dari(data_dir).adalah_provinsi


@pytest.mark.parametrize("kode", ["35.23.01", "35.23.01.2001"])
def test_a_kecamatan_or_desa_code_is_still_refused(kode):
    with pytest.raises(wilayah.WilayahError, match="bukan kabupaten/kota atau provinsi"):
        wilayah.cari(kode)


# --- the province demo ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def jatim(tmp_path_factory):
    from tests.lakes import provinsi_lake

    return provinsi_lake(tmp_path_factory)


def _latest_keluarga(data):
    import pandas as pd

    from pantau.lake import Lake

    return pd.concat(pd.read_parquet(f) for f in Lake(data).current_files("keluarga")[-1:])


def test_province_demo_families_carry_their_own_kab_kota_prefix(jatim):
    df = _latest_keluarga(jatim)
    digits = df["kode_kel"].str.replace(".", "", regex=False)
    # NIK and No KK: the family's own kab/kota and kecamatan (352301…), never 3575 for all
    assert (df["no_kk"].str[:6] == digits.str[:6]).all()
    assert (df["nik_kepala"].str[:4] == digits.str[:4]).all()
    assert df["no_kk"].str[:4].nunique() == 38
    assert (df["no_kk"].str[:4] == "3575").mean() < 0.05


def test_province_demo_lists_its_666_kecamatan_and_the_province_total(jatim):
    from pantau import queries

    out = queries.run("keluarga_per_kecamatan", {}, jatim)
    assert len(out) == 667
    assert out["kode_kec"].iloc[:-1].tolist() == sorted(
        wilayah.cari("35").tabel()["kode_kec"].unique()
    )
    total = out.iloc[-1]
    assert total["kecamatan"] == "Provinsi Jawa Timur" and pd_isna(total["kode_kec"])
    assert total["keluarga"] == out["keluarga"].iloc[:-1].sum() > 5000


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


# --- queries and filters for three levels (a hand-made province lake) ---------------------------

TUBAN_DESA, KAB_PASURUAN_DESA, KOTA_KEL = "35.23.01.2001", "35.14.01.2001", "35.75.04.1007"
SHARED = __import__("pathlib").Path(__file__).resolve().parents[2] / "shared" / "geo" / "jatim"


def _hand_lake(data_dir, kode: str = "35"):
    """Six families: three in Jlodro (Tuban, two extreme-poor), two in Kab. Pasuruan's first
    desa (one), one in Kota Pasuruan's Ngemplakrejo (one); June 2024. A kab/kota region keeps
    its own families only (the importer rejects the others' codes)."""
    from tests.lakes import build_lake, keluarga_rows

    wilayah.tetapkan(data_dir, kode)
    places = [TUBAN_DESA] * 3 + [KAB_PASURUAN_DESA] * 2 + [KOTA_KEL]
    ekstrem = ["Ya", "Ya", "Tidak", "Ya", "Tidak", "Ya"]
    rows = [
        {"kode_kel": k, "miskin_ekstrem": e}
        for k, e in zip(places, ekstrem, strict=True)
        if k.startswith(kode + ".")
    ]
    return build_lake(data_dir, {"keluarga": {"2024-06": keluarga_rows(rows)}})


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    return _hand_lake(tmp_path_factory.mktemp("prov") / "data")


def _q(lake, name, **params):
    from pantau import queries

    return queries.Engine(lake).run(name, {"periode": "2024-06", **params})


def test_keluarga_per_kabupaten_lists_38_kab_kota_then_the_province_total(hand):
    out = _q(hand, "keluarga_per_kabupaten")
    assert len(out) == 39 and out["kode_kab"].iloc[:-1].is_monotonic_increasing
    by = out.set_index("kabupaten_kota")[["keluarga", "keluarga_miskin_ekstrem"]]
    assert by.loc["Kabupaten Tuban"].tolist() == [3, 2]
    assert by.loc["Kabupaten Pasuruan"].tolist() == [2, 1]
    assert by.loc["Kota Pasuruan"].tolist() == [1, 1]
    assert by.loc["Kabupaten Pacitan"].tolist() == [0, 0]
    assert by.loc["Provinsi Jawa Timur"].tolist() == [6, 4]  # the last row
    assert out.iloc[-1]["kabupaten_kota"] == "Provinsi Jawa Timur"


def test_keluarga_per_kabupaten_of_a_kota_is_its_one_row_and_the_total(data_dir):
    lake = _hand_lake(data_dir, "35.75")
    out = _q(lake, "keluarga_per_kabupaten")
    assert out["kode_kab"].iloc[0] == "35.75" and out["kode_kab"].isna().iloc[1]
    assert out["kabupaten_kota"].tolist() == ["Kota Pasuruan", "Kota Pasuruan"]
    assert out["keluarga"].tolist() == [1, 1]


def test_a_kab_kota_code_narrows_the_peta_and_ringkasan_queries(hand):
    kec = _q(hand, "peta_kecamatan", kode_kab="35.23")
    assert len(kec) == 20 and kec["kode_kec"].str.startswith("35.23.").all()
    assert kec["keluarga"].sum() == 3 and kec["keluarga_miskin_ekstrem"].sum() == 2
    assert len(_q(hand, "peta_kecamatan")) == 666
    desa = _q(hand, "peta_kelurahan", kode_kec="35.23")
    assert len(desa) == 328 and desa["keluarga"].sum() == 3
    kab = _q(hand, "peta_kabupaten").set_index("kode_kab")
    assert len(kab) == 38 and kab.loc["35.14", "keluarga"] == 2
    assert kab.loc["35.23", "per_1000_keluarga"] == pytest.approx(1000 * 2 / 3)
    kpi = _q(hand, "ringkasan_kpi", kode_kec="35.23").iloc[0]
    assert (kpi["keluarga_daftar"], kpi["keluarga_miskin_ekstrem"]) == (3, 2)
    whole = _q(hand, "ringkasan_kpi").iloc[0]
    assert (whole["keluarga_daftar"], whole["keluarga_miskin_ekstrem"]) == (6, 4)
    one = _q(hand, "ringkasan_kpi", kode_kec="35.23.01").iloc[0]
    assert one["keluarga_daftar"] == 3  # Jlodro is in Kenduruan, 35.23.01


def _filters_app():
    import streamlit as st

    from pantau import ui

    st.session_state["out"] = ui.filters()


def _filters(lake, monkeypatch, **params):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_function(_filters_app, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def test_filters_show_kab_kota_above_kecamatan_and_narrow_each_list(hand, monkeypatch):
    at = _filters(hand, monkeypatch, kab="35.23")
    kab, kec, kel = (at.selectbox(key=k) for k in ("f_kab", "f_kec", "f_kel"))
    assert [kab.label, kec.label, kel.label] == ["Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan"]
    assert (len(kab.options), len(kec.options), len(kel.options)) == (39, 21, 329)
    assert kab.value == "35.23" and kec.options[1] == "Kenduruan"
    assert at.session_state["out"]["kode_kab"] == "35.23"
    at.selectbox(key="f_kec").set_value("35.23.01").run()
    assert len(at.selectbox(key="f_kel").options) == 1 + 9  # Kenduruan's 9 desa
    # another kab/kota: its kecamatan, and the kecamatan chosen before no longer applies
    at.selectbox(key="f_kab").set_value("35.14").run()
    out = at.session_state["out"]
    assert (out["kode_kab"], out["kode_kec"]) == ("35.14", None)
    assert len(at.selectbox(key="f_kec").options) == 1 + 24
    assert at.query_params["kab"] == "35.14" and "kec" not in at.query_params


def test_a_kab_kota_region_has_no_kab_kota_filter(data_dir, monkeypatch):
    at = _filters(_hand_lake(data_dir, "35.75"), monkeypatch)
    assert [s.key for s in at.selectbox] == ["f_periode", "f_kec", "f_kel"]
    assert at.selectbox(key="f_kel").label == "Kelurahan"
    assert at.session_state["out"]["kode_kab"] is None


# --- the map's drill-down: kab/kota → kecamatan → desa/kelurahan ------------------------------

needs_shared = pytest.mark.skipif(not SHARED.exists(), reason="../shared/geo/jatim is absent")


@pytest.fixture(scope="module")
def hand_batas(tmp_path_factory):
    """The hand lake with Jawa Timur's kab/kota and kecamatan polygons and Tuban's desa
    polygons installed (peta-batas); Kab. Pasuruan's desa have none."""
    from pantau import geo

    lake = _hand_lake(tmp_path_factory.mktemp("prov_batas") / "data")
    for name in ("kabupaten_kota_35", "kecamatan_35", "desa_kelurahan_35.23_tuban"):
        geo.pasang_batas(SHARED / f"{name}.geojson", lake, ref=wilayah.dari(lake).tabel())
    return lake


def _peta(lake, monkeypatch, **params):
    from tests.lakes import open_page

    return open_page(
        lake, monkeypatch, "pages/peta.py", role="perencana", periode="2024-06", **params
    )


def _map(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def _notes(fig: dict) -> str:
    return " ".join(a.get("text", "") for a in fig["layout"].get("annotations", []))


@needs_shared
def test_the_province_map_drills_from_38_kab_kota_to_a_kecamatan_s_desa(hand_batas, monkeypatch):
    from pantau import peta

    at = _peta(hand_batas, monkeypatch)
    fig = _map(at)
    assert len(fig["data"][0]["locations"]) == 38 and "perkiraan" not in _notes(fig)
    assert len(fig["data"][0]["geojson"]["features"]) == 38
    assert "Klik sebuah kabupaten/kota untuk melihat kecamatannya." in [c.value for c in at.caption]
    # a click on Tuban sets the filters (AppTest cannot click a chart; the URL carries them)
    assert peta.pilihan_klik("kabupaten_kota", "35.23", provinsi=True) == {
        "f_kab": "35.23",
        "f_kec": "",
        "f_kel": "",
    }
    at = _peta(hand_batas, monkeypatch, kab="35.23")
    fig = _map(at)
    assert sorted(fig["data"][0]["locations"]) == [f"35.23.{i:02d}" for i in range(1, 21)]
    assert at.query_params["kab"] == "35.23"
    assert "← Kembali ke Provinsi Jawa Timur" in [b.label for b in at.button]
    assert peta.pilihan_klik("kecamatan", "35.23.01", provinsi=True) == {
        "f_kab": "35.23",
        "f_kec": "35.23.01",
        "f_kel": "",
    }
    at = _peta(hand_batas, monkeypatch, kab="35.23", kec="35.23.01")
    fig = _map(at)
    kenduruan = [f"35.23.01.20{i:02d}" for i in range(1, 10)]
    assert sorted(fig["data"][0]["locations"]) == kenduruan  # Tuban's real desa polygons
    # the installed desa file's 328 polygons (Tuban's), not a map of the province's 8,494
    assert len(fig["data"][0]["geojson"]["features"]) == 328
    assert "perkiraan" not in _notes(fig)
    assert "← Kembali ke Kabupaten Tuban" in [b.label for b in at.button]
    assert "Kec. Kenduruan" in at.caption[0].value


@needs_shared
def test_a_kab_kota_without_desa_polygons_draws_them_from_centroids(hand_batas, monkeypatch):
    at = _peta(hand_batas, monkeypatch, kab="35.14", kec="35.14.01")
    fig = _map(at)
    assert len(fig["data"][0]["locations"]) == 13  # Purwodadi's 13 desa/kelurahan
    assert "Peta perkiraan" in _notes(fig)
    sources = [c.value for c in at.caption]
    assert any("peta perkiraan" in c and "batas resmi yang lebih kasar" in c for c in sources)


def test_without_any_boundary_file_every_level_is_the_approximate_map(hand, monkeypatch):
    at = _peta(hand, monkeypatch)
    fig = _map(at)
    assert len(fig["data"][0]["locations"]) == 38 and "Peta perkiraan" in _notes(fig)
    at = _peta(hand, monkeypatch, kab="35.23")
    assert len(_map(at)["data"][0]["locations"]) == 20
    at = _peta(hand, monkeypatch, kel=TUBAN_DESA)  # a desa alone implies its kecamatan
    fig = _map(at)
    assert len(fig["data"][0]["locations"]) == 9 and fig["data"][1]["locations"] == [TUBAN_DESA]


# --- Ringkasan of a province: kab/kota first, a kab/kota's kecamatan when one is chosen --------
# The hand lake, June 2024 (flagged, the only list): extreme-poor Tuban 2 (both in Jlodro, Kec.
# Kenduruan 35.23.01), Kab. Pasuruan 1, Kota Pasuruan 1 = 4; no payments, so no coverage and all
# 4 reached by no programme. To the end of 2026: (2026 - 2024) * 12 + 12 - 6 = 30 months = 10
# quarters, so the pace needed is count / 10; no earlier list: no change, no achieved pace.


def test_target_per_kab_kota_is_38_rows_and_the_province_and_agrees_one_level_down(hand):
    kab = _q(hand, "tren_target_kabupaten")
    assert len(kab) == 39 and kab["kode_kab"].iloc[:-1].is_monotonic_increasing
    by = kab.set_index("kabupaten_kota")
    assert by.loc[
        "Kabupaten Tuban", ["keluarga_miskin_ekstrem", "keluarga_belum_tercakup"]
    ].tolist() == [2, 2]
    assert by.loc["Kabupaten Tuban", "laju_perlu"] == pytest.approx(0.2)
    assert by.loc["Kabupaten Tuban", "triwulan_tersisa"] == pytest.approx(10)
    assert by.loc["Kabupaten Tuban", "cakupan"] == 0
    assert by.loc["Kabupaten Pasuruan", "keluarga_miskin_ekstrem"] == 1
    assert by.loc["Kota Pasuruan", "keluarga_miskin_ekstrem"] == 1
    assert by.loc["Kabupaten Pacitan", "keluarga_miskin_ekstrem"] == 0
    last = kab.iloc[-1]
    assert last["kabupaten_kota"] == "Provinsi Jawa Timur" and pd_isna(last["kode_kab"])
    assert (last["keluarga_miskin_ekstrem"], last["laju_perlu"]) == (4, pytest.approx(0.4))
    assert pd_isna(last["perubahan"]) and pd_isna(last["periode_sebelumnya"])
    # one level down: Tuban's 20 kecamatan, its last row Tuban's own figures
    kec = _q(hand, "tren_target_kecamatan", kode_kab="35.23")
    assert len(kec) == 21 and kec["kode_kec"].iloc[:-1].str.startswith("35.23.").all()
    assert kec.set_index("kecamatan").loc["Kenduruan", "keluarga_miskin_ekstrem"] == 2
    assert kec["keluarga_miskin_ekstrem"].iloc[:-1].sum() == 2
    tuban = kec.iloc[-1]
    assert tuban["kecamatan"] == "Kabupaten Tuban" and pd_isna(tuban["kode_kec"])
    cols = ["keluarga_miskin_ekstrem", "keluarga_belum_tercakup", "laju_perlu"]
    assert tuban[cols].tolist() == by.loc["Kabupaten Tuban", cols].tolist()
    # the whole province per kecamatan: 666 rows, the same province row
    semua = _q(hand, "tren_target_kecamatan")
    assert len(semua) == 667
    assert semua.iloc[-1][cols].tolist() == last[cols].tolist()


def test_the_province_trend_is_its_8_kab_kota_with_the_most_extreme_poor(hand):
    out = _q(hand, "tren_miskin_ekstrem_kabupaten")
    assert out["periode"].tolist() == ["2024-06"] * 8 and out["peringkat"].tolist() == list(
        range(1, 9)
    )
    # 2, then the two with 1 by code, then five with 0 by code
    assert out["kode_kab"].tolist() == [
        "35.23",
        "35.14",
        "35.75",
        "35.01",
        "35.02",
        "35.03",
        "35.04",
        "35.05",
    ]
    assert out["keluarga_miskin_ekstrem"].tolist() == [2, 1, 1, 0, 0, 0, 0, 0]


def _ringkasan(lake, monkeypatch, **params):
    from tests.lakes import open_page

    return open_page(lake, monkeypatch, "pages/ringkasan.py", periode="2024-06", **params)


def _tabel(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_province_ringkasan_is_per_kab_kota_and_a_chosen_kab_kota_per_kecamatan(hand, monkeypatch):
    from tests.lakes import page_texts

    at = _ringkasan(hand, monkeypatch)
    assert at.tabs[0].label == "Per kabupaten/kota"
    tabel = _tabel(at, "Kabupaten/Kota")
    assert len(tabel) == 39 and tabel["Kabupaten/Kota"].iloc[-1] == "Provinsi Jawa Timur"
    assert tabel.set_index("Kabupaten/Kota").loc["Kabupaten Tuban", "Keluarga miskin ekstrem"] == 2
    assert len(_tabel(at, "Perlu turun per triwulan")) == 39
    text = page_texts(at)
    assert "jumlah seluruh provinsi" in text and "per kabupaten/kota" in text
    assert "Kabupaten Tuban 2 keluarga" in text  # Belum terjangkau, by kab/kota name
    assert "daftar SK Bupati/Wali Kota" in text
    trend = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    lines = next(
        f
        for f in trend
        if "kabupaten/kota dengan" in f["layout"]["title"]["text"].replace("<br>", " ")
    )
    assert [t["name"] for t in lines["data"]][:3] == [
        "Kabupaten Tuban",
        "Kabupaten Pasuruan",
        "Kota Pasuruan",
    ]
    assert len(lines["data"]) == 8

    at = _ringkasan(hand, monkeypatch, kab="35.23")
    assert at.tabs[0].label == "Per kecamatan"
    tabel = _tabel(at, "Kecamatan")
    assert len(tabel) == 21 and tabel["Kecamatan"].iloc[-1] == "Kabupaten Tuban"
    assert tabel["Keluarga miskin ekstrem"].iloc[-1] == 2
    assert "Baris Kabupaten Tuban = jumlah seluruh Kabupaten Tuban" in page_texts(at)
    names = [
        t["name"]
        for f in (json.loads(c.proto.spec) for c in at.get("plotly_chart"))
        if "per kecamatan" in f["layout"]["title"]["text"].replace("<br>", " ")
        for t in f["data"]
    ]
    assert names == ["Kenduruan"]  # Tuban's only kecamatan with families on the list


# --- province scale: what a page draws and keeps ------------------------------------------------


def _klaster_rows(n_tuban: int, n_lain: int, significant: int):
    """A cluster table of n_tuban Tuban desa and n_lain elsewhere; the first `significant` of
    the others are a High-High cluster, the rest not significant."""
    import pandas as pd

    from pantau import peta

    kuadran = list(peta.KUADRAN_WARNA)
    codes = [f"35.23.01.{2001 + i}" for i in range(n_tuban)] + [
        f"35.14.02.{2001 + i}" for i in range(n_lain)
    ]
    kinds = (
        [kuadran[-1]] * n_tuban
        + [kuadran[0]] * significant
        + [kuadran[-1]] * (n_lain - significant)
    )
    return pd.DataFrame({"kode_kel": codes, "kuadran": kinds})


def test_a_province_s_cluster_map_draws_its_kab_kota_or_only_the_clusters():
    from pantau import peta

    big = _klaster_rows(300, peta.MAKS_FITUR, 7)  # 1.300 units: more than a map sends
    # a kab/kota (or a kecamatan of it) chosen: that kab/kota's 300 desa
    assert len(peta.klaster_digambar(big, "35.23")) == 300
    assert len(peta.klaster_digambar(big, "35.23.01")) == 300
    # the whole province: only the 7 significant ones
    drawn = peta.klaster_digambar(big, None)
    assert len(drawn) == 7 and drawn["kode_kel"].str.startswith("35.14.02.").all()
    # a kabupaten's few hundred: every unit, whatever is chosen
    small = _klaster_rows(300, 20, 2)
    assert len(peta.klaster_digambar(small, None)) == 320
    assert len(peta.klaster_digambar(small, "35.23")) == 320


def test_the_ranking_table_is_kept_by_content_and_each_caller_gets_its_own_copy(hand):
    from pantau import peta

    rows = _q(hand, "peta_kelurahan", kode_kec="35.23")
    first = peta.tabel_peringkat(rows)
    first.iloc[0, 0] = "diubah"
    again = peta.tabel_peringkat(rows)
    assert again.iloc[0, 0] != "diubah" and len(again) == 328
    assert again.equals(peta.tabel_peringkat(rows.copy()))  # same content, same table


def test_no_period_means_the_latest_as_a_constant(hand):
    """periode_atau_terakhir(NULL) is getvariable('periode_tersimpan'), set before every query:
    the planner folds it (a subquery made the effect table read every period: 41 s at 5M)."""
    from pantau import queries

    e = queries.Engine(hand)
    e.refresh()
    cur = e.con.cursor()
    try:
        out = queries._execute(
            cur,
            "SELECT periode_atau_terakhir(NULL) AS p, periode_atau_terakhir('2023-03') AS q, "
            "getvariable('periode_tersimpan') AS v",
            {},
        ).iloc[0]
    finally:
        cur.close()
    assert (out["p"], out["q"], out["v"]) == ("2024-06", "2023-03", "2024-06")


def test_the_province_deck_trend_is_per_kab_kota_and_its_total_the_province_s(hand):
    from pantau.report.context import Context
    from pantau.report.slides.common import tren_kecamatan

    k = Context(hand, None, "kepala")
    tren = tren_kecamatan(k)
    assert tren.judul == "Keluarga miskin ekstrem per kabupaten/kota dan periode"
    row = tren.df.set_index("periode").loc["2024-06"]
    # the kab/kota with families, by code, and the province's: Tuban 2, Kab. Pasuruan 1, Kota
    # Pasuruan 1 (the kecamatan of each summed)
    assert list(tren.df.columns) == [
        "periode",
        "Kabupaten Pasuruan",
        "Kabupaten Tuban",
        "Kota Pasuruan",
        "Provinsi Jawa Timur",
    ]
    assert (row["Kabupaten Tuban"], row["Kabupaten Pasuruan"], row["Kota Pasuruan"]) == (2, 1, 1)
    assert row["Provinsi Jawa Timur"] == 4
    assert tren.kolom["Kabupaten Tuban"].label == "Kabupaten Tuban (keluarga)"


def test_a_province_s_burden_ratios_are_per_kab_kota_then_one_level_down(hand):
    top = _q(hand, "beban_rasio")
    per = top[top["tingkat"] != "total"]
    # the three kab/kota with families, extreme-poor and not: Tuban 2 + 1, Kab. Pasuruan 1 + 1,
    # Kota Pasuruan 1 + 0
    assert set(per["tingkat"]) == {"kabupaten_kota"}
    got = {(r.kode_wilayah, r.kelompok): r.keluarga for r in per.itertuples()}
    assert got == {
        ("35.14", "Miskin ekstrem"): 1,
        ("35.14", "Bukan miskin ekstrem"): 1,
        ("35.23", "Miskin ekstrem"): 2,
        ("35.23", "Bukan miskin ekstrem"): 1,
        ("35.75", "Miskin ekstrem"): 1,
    }
    assert set(per.loc[per["kode_wilayah"] == "35.23", "wilayah"]) == {"Kabupaten Tuban"}
    total = top[top["tingkat"] == "total"].set_index("kelompok")["keluarga"]
    assert (total["Miskin ekstrem"], total["Bukan miskin ekstrem"]) == (4, 2)
    # Tuban chosen: its kecamatan (Jlodro is in Kenduruan, 35.23.01)
    tuban = _q(hand, "beban_rasio", kode_kec="35.23")
    rows = tuban[tuban["tingkat"] != "total"]
    assert set(rows["tingkat"]) == {"kecamatan"} and set(rows["kode_wilayah"]) == {"35.23.01"}
    assert rows["keluarga"].sum() == 3


def test_a_province_s_fgt_is_per_kab_kota_and_a_chosen_kab_kota_s_per_its_kecamatan(data_dir):
    """June 2024, line Rp 391.000 per person a month. Tuban: 4 persons at Rp 195.500 (gap 0,5,
    Kenduruan) and 2 at Rp 782.000 (not poor, Kec. Tuban); Kab. Pasuruan: 3 at Rp 293.250 (gap
    0,25); Kota Pasuruan: 1 person without a spending figure (left out).
    Tuban: P0 = 100·4/6, P1 = 100·4·0,5/6, P2 = 100·4·0,25/6; Kab. Pasuruan 100, 25, 6,25;
    the province P0 = 100·7/9, P1 = 100·(2 + 0,75)/9, P2 = 100·(1 + 0,1875)/9."""
    from tests.lakes import build_lake, keluarga_rows

    wilayah.tetapkan(data_dir, "35")
    rows = [
        {"kode_kel": TUBAN_DESA, "jumlah_anggota": 4, "pengeluaran_bulanan": 782_000},
        {"kode_kel": "35.23.16.1006", "jumlah_anggota": 2, "pengeluaran_bulanan": 1_564_000},
        {"kode_kel": KAB_PASURUAN_DESA, "jumlah_anggota": 3, "pengeluaran_bulanan": 879_750},
        {"kode_kel": KOTA_KEL, "jumlah_anggota": 1},
    ]
    lake = build_lake(data_dir, {"keluarga": {"2024-06": keluarga_rows(rows)}})
    prov = _q(lake, "fgt").set_index("kecamatan")[["p0", "p1", "p2"]]
    assert prov.index.tolist() == ["Kabupaten Pasuruan", "Kabupaten Tuban", "Provinsi Jawa Timur"]
    assert prov.loc["Kabupaten Pasuruan"].tolist() == [100.0, 25.0, 6.25]
    assert prov.loc["Kabupaten Tuban"].tolist() == [66.6667, 33.3333, 16.6667]
    assert prov.loc["Provinsi Jawa Timur"].tolist() == [77.7778, 30.5556, 13.1944]
    tuban = _q(lake, "fgt", kode_kec="35.23")
    assert tuban["kode_kec"].tolist()[:2] == ["35.23.01", "35.23.16"]
    by = tuban.set_index("kecamatan")[["p0", "p1", "p2"]]
    assert by.loc["Kenduruan"].tolist() == [100.0, 50.0, 25.0]
    assert by.loc["Tuban"].tolist() == [0.0, 0.0, 0.0]
    assert by.loc["Kabupaten Tuban"].tolist() == [66.6667, 33.3333, 16.6667]  # the last row
    assert pd_isna(tuban["kode_kec"].iloc[-1])

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

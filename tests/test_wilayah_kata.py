"""The region's own words (review of issue 14): 'angka kabupaten', not 'angka kota', in
Kabupaten Tuban and 'provinsi' in Jawa Timur; the local government's bansos list is 'Bansos
Pemkab' in a kabupaten however the file calls it; Kota Pasuruan's words stay as they were."""

from __future__ import annotations

import pytest

from pantau import contract, peta, wilayah
from pantau.ingest import import_files
from pantau.report import slides

HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART,Sumber Data"


@pytest.fixture
def region(tmp_path, monkeypatch):
    """A data directory of the given region, the process's ($PANTAU_DATA) as the server's."""

    def make(kode: str):
        data = tmp_path / f"data_{kode}"
        wilayah.tetapkan(data, kode)
        monkeypatch.setenv("PANTAU_DATA", str(data))
        return data

    return make


# --- 'kota' only in a kota -----------------------------------------------------------------


@pytest.mark.parametrize(
    "kode, label, satuan",
    [
        ("35.75", "Porsi dari total kota", "dari keluarga miskin ekstrem kota"),
        ("35.23", "Porsi dari total kabupaten", "dari keluarga miskin ekstrem kabupaten"),
        ("35", "Porsi dari total provinsi", "dari keluarga miskin ekstrem provinsi"),
    ],
)
def test_the_share_metric_names_the_region_s_total(region, kode, label, satuan):
    region(kode)
    m = peta.metrik_wilayah()["porsi_kota"]
    assert (m.label, m.satuan, m.kolom) == (label, satuan, "porsi_kota")
    assert list(peta.metrik_wilayah()) == list(peta.METRIK)  # the same choices, in order


def test_kota_pasuruan_keeps_its_metrics_and_index_text(region):
    region("35.75")
    assert peta.metrik_wilayah() is peta.METRIK
    assert peta.penjelasan_indeks() == peta.PENJELASAN_INDEKS
    assert peta.PENJELASAN_INDEKS.count("angka kota") == 5
    assert "(bila kota membaik lebih cepat)" in peta.PENJELASAN_INDEKS
    assert slides.kantong_3("kota").count("angka kota") == 3


def test_tuban_s_index_text_compares_with_the_kabupaten(region):
    region("35.23")
    text = peta.penjelasan_indeks()
    assert " kota" not in text
    assert text.count("angka kabupaten") == 5
    assert "(bila kabupaten membaik lebih cepat)" in text
    assert "ke arah angka kabupaten ($\\bar{x}$)" in text  # the LaTeX survived the f-string
    # the same text as Kota Pasuruan's but for the region's word
    assert text.replace("kabupaten", "kota") == peta.PENJELASAN_INDEKS
    assert "angka provinsi" in slides.kantong_3("provinsi")
    assert " kota" not in slides.kantong_3("kabupaten")


# --- the local government's bansos list ----------------------------------------------------


@pytest.mark.parametrize(
    "jenis, stored",
    [
        ("kota", "Bansos Pemkot"),
        ("kabupaten", "Bansos Pemkab"),
        ("provinsi", "Bansos Pemkab/Pemkot"),
    ],
)
def test_pemkot_pemkab_and_pemda_are_one_local_list_named_by_jenis(jenis, stored):
    values = contract.sumber_list(jenis)
    for key in ("bansospemkot", "bansospemkab", "bansospemda"):
        assert values[key] == stored
    assert values["bansospemprov"] == "Bansos Pemprov"
    assert contract.daftar_lokal(jenis) == stored


def _import_sumber(data, tmp_path, rows: list[tuple[str, str, str]], kec_nik: str = "352301"):
    lines = [HEADER] + [
        f"{kec_nik}123456{i:04d},{kec_nik}450780{i:04d},KRT {i},{desa},{kec},3,{sumber}"
        for i, (desa, kec, sumber) in enumerate(rows, start=1)
    ]
    path = tmp_path / "sumber.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_files([path], "keluarga", "2024-06", data)


def test_tuban_stores_every_name_of_its_own_list_as_bansos_pemkab(region, tmp_path, lake_rows):
    data = region("35.23")
    s = _import_sumber(
        data,
        tmp_path,
        [
            ("Jlodro", "Kenduruan", "Bansos Pemkot"),
            ("Jlodro", "Kenduruan", "BANSOS PEMKAB"),
            ("Jlodro", "Kenduruan", "Bansos Pemda"),
            ("Jlodro", "Kenduruan", "Bansos Pemprov"),
            ("Jlodro", "Kenduruan", "P3KE"),
        ],
    )
    assert (s.accepted, s.rejected, s.warnings) == (5, 0, {})
    got = [r["sumber_data"] for r in lake_rows(data)]
    assert got == ["Bansos Pemkab"] * 3 + ["Bansos Pemprov", "P3KE"]


def test_kota_pasuruan_stores_its_own_list_as_bansos_pemkot(region, tmp_path, lake_rows):
    data = region("35.75")
    s = _import_sumber(
        data,
        tmp_path,
        [
            ("Bugul Kidul", "Bugul Kidul", "Bansos Pemkot"),
            ("Bugul Kidul", "Bugul Kidul", "Bansos Pemkab"),
        ],
        "357503",
    )
    assert (s.accepted, s.rejected) == (2, 0)
    assert [r["sumber_data"] for r in lake_rows(data)] == ["Bansos Pemkot", "Bansos Pemkot"]

"""Peta's labels come from the query headers (issue 15 §1): the chooser's option, the map's
colour bar and the ranking table read a metric in the words `-- columns:` declares; the map's
colour-bar fallback and the disability legend read the catalogue too."""

from __future__ import annotations

import pytest
from lakes import build_lake, keluarga_rows
from test_indeks_kantong import ROWS, P, _row

from pantau import catalogue, peta, queries
from pantau.charts import bars, maps


@pytest.fixture(scope="module")
def kota(tmp_path_factory):
    lake = build_lake(
        tmp_path_factory.mktemp("label"), {"keluarga": {P: keluarga_rows([_row(t) for t in ROWS])}}
    )
    return queries.run("peta_kecamatan", {"periode": P}, lake)


def test_every_metric_but_the_region_share_is_labelled_as_its_header_says():
    kolom = catalogue.kolom("peta_kelurahan")
    labels = {k: m.label for k, m in peta.METRIK.items()}
    assert labels == {
        "per_1000": "Miskin ekstrem per 1.000 keluarga",
        "miskin_ekstrem": "Miskin ekstrem (keluarga)",
        "porsi_kota": "Porsi dari total kota",  # the one exception, pinned in both wordings
        "belum_tercakup": "Belum tercakup program (keluarga)",
        "lantai_tanah": "Lantai tanah (% miskin ekstrem)",
        "air_tidak_layak": "Air minum tidak layak (% miskin ekstrem)",
        "tanpa_jamban": "Tanpa jamban sendiri (% miskin ekstrem)",
        "bukan_pln": "Penerangan bukan PLN (% miskin ekstrem)",
    }
    for key, m in peta.METRIK.items():
        if key != "porsi_kota":
            assert m.label == kolom[m.kolom].label
    # the notation follows the header's kind: one decimal for the rate, % for shares
    assert [peta.METRIK[k].jenis for k in ("per_1000", "miskin_ekstrem", "lantai_tanah")] == [
        "rasio",
        "keluarga",
        "persen",
    ]


def test_the_three_map_queries_agree_on_each_metric_s_label():
    kel, kec, kab = (
        catalogue.kolom(q) for q in ("peta_kelurahan", "peta_kecamatan", "peta_kabupaten")
    )
    for m in peta.METRIK.values():
        assert kel[m.kolom].label == kec[m.kolom].label == kab[m.kolom].label


def test_a_map_colouring_a_metric_s_column_titles_its_colour_bar_as_the_chooser():
    # the metric map itself leaves its colour bar untitled (its title names the unit); any
    # other map of the column (maps.choropleth without labels) reads the chooser's words
    for key, m in peta.METRIK.items():
        if key != "porsi_kota":
            assert maps.judul_warna(m.kolom, None) == m.label


def test_the_ranking_table_reads_the_header_s_words(kota):
    frame = kota.assign(
        kode_kel=kota["kode_kec"] + ".1001",
        kelurahan=kota["kecamatan"],
        indeks_kantong=None,
        peringkat=None,
        kantong=False,
        per_1000_batas_uji=None,
    )
    header = list(peta.tabel_peringkat(frame).columns)
    assert "Belum tercakup program (keluarga)" in header
    assert "Rata-rata deprivasi rumah (%)" in header
    assert peta.KOLOM_BATAS_UJI in header
    assert peta.KOLOM_BATAS_UJI == "Per 1.000: batas uji (Bonferroni)"
    # the words tests pin stay the page's own
    assert {"Keluarga miskin ekstrem", "Per 1.000 keluarga", "Porsi kota"} <= set(header)


def test_a_colour_bar_without_a_label_takes_the_catalogue_s_then_the_name():
    assert maps.judul_warna("keluarga_miskin_ekstrem", None) == "Miskin ekstrem (keluarga)"
    assert maps.judul_warna("cakupan", None) == "Cakupan (%)"  # bantuan_cakupan_kelurahan
    assert maps.judul_warna("cakupan", {"cakupan": "Tercakup"}) == "Tercakup"
    assert maps.judul_warna("bukan_kolom", None) == "Bukan kolom"


def test_the_disability_legend_is_the_header_s_label_without_its_unit():
    assert bars.bagian_disabilitas() == {
        "jiwa_disabilitas": ("Penyandang disabilitas", bars.PALETTE[3]),
        "jiwa_tanpa_disabilitas": ("Tanpa disabilitas", bars.PALETTE[0]),
        "jiwa_disabilitas_tidak_diketahui": ("Disabilitas tidak diketahui", "#bbbbbb"),
    }
    assert bars.tanpa_satuan("Lantai tanah (% miskin ekstrem)") == "Lantai tanah"
    assert bars.tanpa_satuan("Indeks kantong (0–100)") == "Indeks kantong"
    assert bars.tanpa_satuan("Kelurahan") == "Kelurahan"  # no unit: unchanged
    assert bars.tanpa_satuan("Jiwa (a) dan (b)") == "Jiwa (a) dan"  # only the closing one

"""Page tables head and format query columns as the catalogue declares them (issue 15):
ui.kolom_layar gives st.column_config from queries.kolom, in the region's words."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from pantau import ui
from pantau import wilayah as wilayah_mod

TUBAN = wilayah_mod.Wilayah("35.23", "Kabupaten Tuban", "kabupaten", "Jawa Timur", True)


def _shown(config: dict) -> dict:
    """Per column its label and number/date format (None: no format, text as it is)."""
    return {c: (v["label"], v.get("type_config", {}).get("format")) for c, v in config.items()}


def test_numbers_get_their_kind_s_format_and_a_guest_s_marks_only_the_label():
    df = pd.DataFrame(
        {
            "program": ["Semua program", "PKH"],
            "keluarga_miskin_ekstrem": [7, 7],
            "keluarga_tercakup": ["<5", 5],  # a guest's suppressed count: text
            "cakupan": [0.25, 5 / 7],
            "catatan_halaman": ["a", "b"],  # a page's own column: not the query's
        }
    )
    assert _shown(ui.kolom_layar(df, "bantuan_cakupan_program")) == {
        "program": ("Program", None),
        "keluarga_miskin_ekstrem": ("Keluarga miskin ekstrem (keluarga)", "localized"),
        "keluarga_tercakup": ("Tercakup (keluarga)", None),
        "cakupan": ("Cakupan (%)", "percent"),
    }


def test_rates_indices_ranks_dates_and_flags():
    peta = pd.DataFrame(
        {
            "kelurahan": ["Gentong"],
            "per_1000_keluarga": [400.0],
            "peringkat": pd.array([1], dtype="Int64"),
            "kantong": [True],  # true/false: shown as it is
            "porsi_kota": [0.5],
        }
    )
    assert _shown(ui.kolom_layar(peta, "peta_kelurahan", TUBAN)) == {
        "kelurahan": ("Desa/Kelurahan", None),
        "per_1000_keluarga": ("Miskin ekstrem per 1.000 keluarga", "%.1f"),
        "peringkat": ("Peringkat", "%d"),
        "kantong": ("Kantong", None),
        "porsi_kota": ("Porsi kabupaten (%)", "percent"),
    }
    fgt = pd.DataFrame({"p1": [1.234], "kecamatan": ["Gadingrejo"]})
    assert _shown(ui.kolom_layar(fgt, "fgt")) == {
        "kecamatan": ("Wilayah", None),  # a province's kab/kota, a kab/kota's kecamatan
        "p1": ("P1 (indeks kedalaman)", "%.2f"),
    }
    dates = pd.DataFrame(
        {
            "verval_terakhir_tanggal": pd.to_datetime(["2024-09-20"]),
            "kunjungan_terakhir": [dt.date(2024, 9, 1)],  # dates as objects: no date column
        }
    )
    assert _shown(ui.kolom_layar(dates, "daftar_sasaran")) == {
        "kunjungan_terakhir": ("Kunjungan terakhir", None),
        "verval_terakhir_tanggal": ("Tanggal verval terakhir", "DD/MM/YYYY"),
    }

"""The region's own words (review of issue 14): 'angka kabupaten', not 'angka kota', in
Kabupaten Tuban and 'provinsi' in Jawa Timur; the local government's bansos list is 'Bansos
Pemkab' in a kabupaten however the file calls it; Kota Pasuruan's words stay as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pantau import contract, garis, peta, wilayah
from pantau.charts import maps
from pantau.errors import PantauError
from pantau.ingest import import_files, notes_table
from pantau.report.slides.kantong import _klaster_3, kantong_3

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
    assert kantong_3("kota").count("angka kota") == 3


def test_tuban_s_index_text_compares_with_the_kabupaten(region):
    region("35.23")
    text = peta.penjelasan_indeks()
    assert " kota" not in text
    assert text.count("angka kabupaten") == 5
    assert "(bila kabupaten membaik lebih cepat)" in text
    assert "ke arah angka kabupaten ($\\bar{x}$)" in text  # the LaTeX survived the f-string
    # Tuban has desa: its units are "desa/kelurahan", never "kelurahan" alone
    assert "**Desa/kelurahan kantong**" in text
    assert "antardesa/kelurahan" in text
    assert text.count("desa/kelurahan") == 12  # Kota Pasuruan's text has 12 "kelurahan"
    assert "kelurahan" not in text.lower().replace("desa/kelurahan", "")
    # the same text as Kota Pasuruan's but for the region's words
    kota = text.replace("kabupaten", "kota").replace("desa/kelurahan", "kelurahan")
    assert kota.replace("Desa/kelurahan", "Kelurahan") == peta.PENJELASAN_INDEKS
    assert "angka provinsi" in kantong_3("provinsi")
    assert " kota" not in kantong_3("kabupaten")


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


# --- the general BPS poverty line, per region ----------------------------------------------


def _garis(kode: str) -> dict[int, tuple]:
    t = garis.tabel(wilayah.cari(kode))
    return {int(r.tahun): (r.garis_kota, r.sumber) for r in t.itertuples()}


def test_kota_pasuruan_keeps_its_own_line_and_source_text():
    g = _garis("35.75")
    assert g[2024] == (
        554195.0,
        "BPS (Kepala BPS, Januari 2025: sekitar Rp 391 ribu); BPS Kota Pasuruan Maret 2024",
    )
    assert g[2021][0] == 461524.0
    # 2026 has no line of its own: the 2025 line carried, as the reference always said
    assert g[2026] == (588312.0, "Garis 2024 dipakai sampai angka resmi terbit; garis kota 2025")


def test_tuban_takes_jawa_timur_s_line_then_the_national_one_and_says_so():
    g = _garis("35.23")
    assert g[2023] == (
        507286.0,
        "BPS Maret 2023; BPS Provinsi Jawa Timur Maret 2023 "
        "(garis Jawa Timur; garis Kabupaten Tuban belum dimuat)",
    )
    assert g[2024][0] == 582932.0
    assert g[2024][1].endswith(
        "BPS Maret 2024 (garis nasional; garis Kabupaten Tuban dan Jawa Timur belum dimuat)"
    )
    assert g[2026] == (
        609160.0,
        "Garis 2024 dipakai sampai angka resmi terbit; garis nasional 2025 "
        "(garis Kabupaten Tuban dan Jawa Timur belum dimuat)",
    )
    # before the first line known for any level: none, and the source says it is missing
    assert pd.isna(g[2021][0])
    assert g[2021][1].endswith("garis kemiskinan BPS Kabupaten Tuban dan Jawa Timur belum dimuat")
    assert not any("Pasuruan" in s for _, s in g.values())


def test_the_province_uses_its_own_line_where_known():
    g = _garis("35")
    assert g[2023] == (507286.0, "BPS Maret 2023; BPS Provinsi Jawa Timur Maret 2023")
    assert g[2025][1].endswith("(garis nasional; garis Provinsi Jawa Timur belum dimuat)")


def test_the_extreme_line_is_the_same_everywhere():
    lines = [list(garis.tabel(wilayah.cari(k))["garis_ekstrem"]) for k in ("35.75", "35.23", "35")]
    assert (
        lines[0]
        == lines[1]
        == lines[2]
        == [322170.0, 322170.0, 351957.0, 391000.0, 391000.0, 391000.0]
    )


def test_tuban_s_beban_source_names_its_line_not_kota_pasuruan(region, tmp_path):
    from pantau import queries

    data = region("35.23")
    s = _import_sumber(data, tmp_path, [("Jlodro", "Kenduruan", "P3KE")])
    assert s.accepted == 1
    (row,) = queries.run("beban_ringkasan", {"periode": "2024-06"}, data).to_dict("records")
    assert row["garis_ekstrem"] == 391000.0
    assert row["sumber_garis"] == (
        "BPS (Kepala BPS, Januari 2025: sekitar Rp 391 ribu); "
        "BPS Maret 2024 (garis nasional; garis Kabupaten Tuban dan Jawa Timur belum dimuat)"
    )


# --- a head's NIK from outside the region: accepted, with a warning -------------------------

NIK_HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART"


def _import_nik(data, tmp_path, rows: list[tuple[str, str, str]]):
    lines = [NIK_HEADER] + [
        f"{kk}123456{i:04d},{nik},KRT {i},{desa},{kec},3"
        for i, (nik, desa, kec) in enumerate(rows, start=1)
        for kk in [rows[0][0][:6]]  # every No KK of the region's own: only the NIK is tested
    ]
    path = tmp_path / "nik.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return import_files([path], "keluarga", "2024-06", data)


def _notes(data, batch: str) -> list[tuple]:
    df = notes_table(data, batch)
    return sorted(zip(df["baris"], df["tingkat"], df["kolom"], df["alasan"], strict=True))


def test_tuban_accepts_and_warns_of_a_head_from_kota_pasuruan_or_jakarta(region, tmp_path):
    data = region("35.23")
    s = _import_nik(
        data,
        tmp_path,
        [
            ("3523014507800002", "Jlodro", "Kenduruan"),  # Tuban's own: no warning
            ("3575034507800003", "Jlodro", "Kenduruan"),  # Kota Pasuruan
            ("3171034507800004", "Jlodro", "Kenduruan"),  # Jakarta Pusat
            ("9999034507800005", "Jlodro", "Kenduruan"),  # no region: rejected, not warned
        ],
    )
    warn = "NIK kepala keluarga dari luar Kabupaten Tuban (mungkin pindah datang); baris diterima"
    assert (s.accepted, s.rejected) == (3, 1)
    assert s.warnings == {warn: 2}
    assert s.reasons == {"kode wilayah NIK kepala keluarga tidak valid": 1}
    assert _notes(data, s.batch) == [
        (3, "peringatan", "nik_kepala", warn),
        (4, "peringatan", "nik_kepala", warn),
        (5, "ditolak", "nik_kepala", "kode wilayah NIK kepala keluarga tidak valid"),
    ]


def test_kota_pasuruan_warns_of_a_head_from_tuban(region, tmp_path):
    data = region("35.75")
    s = _import_nik(
        data,
        tmp_path,
        [
            ("3575034507800002", "Blandongan", "Bugul Kidul"),
            ("3523014507800003", "Blandongan", "Bugul Kidul"),
        ],
    )
    assert s.accepted == 2
    assert s.warnings == {
        "NIK kepala keluarga dari luar Kota Pasuruan (mungkin pindah datang); baris diterima": 1
    }


def test_in_a_province_every_kab_kota_of_it_is_its_own(region, tmp_path):
    data = region("35")
    s = _import_nik(
        data,
        tmp_path,
        [
            ("3523014507800002", "Jlodro", "Kenduruan"),
            ("3575034507800003", "Jlodro", "Kenduruan"),  # Kota Pasuruan: Jawa Timur too
            ("3171034507800004", "Jlodro", "Kenduruan"),
        ],
    )
    assert s.accepted == 3
    assert s.warnings == {
        "NIK kepala keluarga dari luar Provinsi Jawa Timur (mungkin pindah datang); baris diterima": 1
    }


# --- the importer's reasons in the region's words -------------------------------------------


def _import_lines(data, tmp_path, lines: list[str]):
    path = tmp_path / "baris.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    s = import_files([path], "keluarga", "2024-06", data)
    df = notes_table(data, s.batch)
    return s, sorted(zip(df["baris"], df["alasan"], df["nilai"], strict=True))


def test_an_ambiguous_desa_name_is_said_so_with_its_kecamatan_named(region, tmp_path):
    data = region("35.23")
    s, notes = _import_lines(
        data,
        tmp_path,
        [
            NIK_HEADER,
            "3523021234560001,3523024507800002,A,Sidomulyo,,4",  # Jatirogo, Bancar and Tuban
            "3523021234560002,3523024507800003,B,Sidomulyo,Jatirogo,4",  # its kecamatan: fine
            "3523021234560003,3523024507800004,C,Kebonharjo Wetan,Jatirogo,4",  # no such desa
        ],
    )
    assert (s.accepted, s.rejected) == (1, 2)
    assert notes == [
        (
            2,
            "nama desa/kelurahan ambigu",
            "Sidomulyo (mungkin: nama ini ada di kecamatan Jatirogo (35.23.02), Bancar "
            "(35.23.04), Tuban (35.23.16); isi kolom kecamatan)",
        ),
        (
            4,
            "desa/kelurahan tidak dikenal",
            "Kebonharjo Wetan (mungkin: Kebonharjo, Kedungharjo, Tenggerwetan)",
        ),
    ]


def test_a_code_of_another_region_is_said_to_be_another_region_s(region, tmp_path):
    data = region("35.23")
    header = "No KK,NIK,Kepala Keluarga,Kode Kemendagri,Jumlah ART"
    s, notes = _import_lines(
        data,
        tmp_path,
        [
            header,
            "3523021234560001,3523024507800002,A,35.75.01.1001,4",  # Kota Pasuruan's
            "3523021234560002,3523024507800003,B,35.23.02.2099,4",  # Tuban's form, no desa
            "3523021234560003,3523024507800004,C,3523022013,4",
        ],
    )
    assert (s.accepted, s.rejected) == (1, 2)
    assert notes == [
        (2, "kode desa/kelurahan bukan kode di Kabupaten Tuban", "35.75.01.1001"),
        (3, "kode desa/kelurahan tidak dikenal", "35.23.02.2099"),
    ]


def test_kota_pasuruan_s_reasons_keep_the_word_kelurahan(region, tmp_path):
    data = region("35.75")
    s, notes = _import_lines(
        data,
        tmp_path,
        [
            NIK_HEADER,
            "3575031234560001,3575034507800002,A,Ngemplakrejo Wetan,Bugul Kidul,4",
            "3575031234560002,3575034507800003,B,Blandongan,Bugul Kidul,4",
        ],
    )
    assert s.reasons == {"kelurahan tidak dikenal": 1}


# --- peta-batas: a file for too few units is refused -----------------------------------------

JATIM = Path(__file__).resolve().parents[1].parent / "shared" / "geo" / "jatim"
TUBAN_DESA = JATIM / "desa_kelurahan_35.23_tuban.geojson"
needs_jatim = pytest.mark.skipif(not TUBAN_DESA.exists(), reason="../shared/geo/jatim is absent")


@needs_jatim
def test_a_boundary_file_of_one_desa_in_328_is_refused_and_nothing_changes(region, tmp_path):
    import geopandas as gpd

    from pantau import cli, geo

    data = region("35.23")
    one = tmp_path / "satu.geojson"
    gpd.read_file(TUBAN_DESA).iloc[:1].to_file(one)
    assert cli.main(["--data", str(data), "peta-batas", str(one)]) == 2
    assert not (data / "wilayah").exists()
    with pytest.raises(PantauError) as caught:
        geo.pasang_batas(one, data, ref=wilayah.dari(data).tabel())
    assert str(caught.value) == (
        "Berkas batas wilayah satu.geojson hanya memberi poligon untuk 1 dari 328 desa/kelurahan "
        "(kurang dari 80 %), jadi tidak dipasang dan peta tidak berubah; pakai --paksa bila "
        "memang hanya sebagian."
    )
    # 263 of 328 is 80,2 %: installed; --paksa installs the one as well
    gpd.read_file(TUBAN_DESA).iloc[:263].to_file(tmp_path / "263.geojson")
    assert (
        len(geo.pasang_batas(tmp_path / "263.geojson", data, ref=wilayah.dari(data).tabel()).cocok)
        == 263
    )
    assert cli.main(["--data", str(data), "peta-batas", str(one), "--paksa"]) == 0
    assert geo.batas_file(data, "desa_kelurahan").exists()


@needs_jatim
def test_in_a_province_a_desa_file_of_one_kabupaten_counts_that_kabupaten_only(region, tmp_path):
    from pantau import geo

    data = region("35")
    report = geo.pasang_batas(TUBAN_DESA, data, ref=wilayah.dari(data).tabel())
    assert len(report.cocok) == 328  # of 8.494 desa/kelurahan, but all of Tuban's
    assert geo.batas_file(data, "desa_kelurahan").exists()


# --- a guest's map: hidden units drawn as hidden, and counted ------------------------------


def _guest_frame(kode: str, hidden: int) -> pd.DataFrame:
    units = wilayah.cari(kode).tabel()[["kode_kel", "kelurahan"]]
    counts: list = [10] * len(units)
    counts[:hidden] = ["<5"] * hidden
    return units.assign(keluarga_miskin_ekstrem=counts, dasar_kecil=False)


def test_a_guest_s_hidden_units_are_grey_with_a_legend_entry_and_counted(region):
    region("35.75")
    df = _guest_frame("35.75", 3)
    fig = maps.peta_metrik(df, "kelurahan", "miskin_ekstrem", "judul")
    grey = [t for t in fig.data if t.name == maps.DISAMARKAN]
    assert len(grey) == 1 and grey[0].showlegend
    assert list(grey[0].locations) == df["kode_kel"][:3].tolist()
    assert grey[0].colorscale[0][1] == maps.WARNA_DISAMARKAN
    assert peta.kalimat_disamarkan(df, "kelurahan", "miskin_ekstrem") == (
        "3 dari 34 kelurahan disamarkan: jumlah < 5 (atau angka yang dihitung darinya); di peta "
        "digambar abu-abu, bukan data yang hilang."
    )
    # nothing hidden (the head's map): no grey trace, no sentence
    shown = _guest_frame("35.75", 0)
    assert peta.kalimat_disamarkan(shown, "kelurahan", "miskin_ekstrem") is None
    fig = maps.peta_metrik(shown, "kelurahan", "miskin_ekstrem", "judul")
    assert not [t for t in fig.data if t.name == maps.DISAMARKAN]


# --- 'desa/kelurahan' where the region has desa: Peta, deck, scorecard, laporan ---------------

# A small Tuban lake, hand-counted: 40 keluarga in each of Bate (a desa, 35.23.03.2002),
# Latsari (a kelurahan of Kec. Tuban, 35.23.16.1006) and Jlodro (a desa, 35.23.01.2001), of
# whom 20, 2 and 1 are extreme-poor, in 2024-03 and again in 2024-06. Rates 500, 50 and 25 per
# 1.000 against the kabupaten's 23 / 120 = 191,7; with Bonferroni over Tuban's 328 units
# (z ≈ 3,61) Bate's Wilson bound is 252,1 > 191,7: one pocket, Bate. Index: Bate 100 (highest
# on every component), Jlodro 0.
KECIL = [("35.23.03.2002", 20), ("35.23.16.1006", 2), ("35.23.01.2001", 1)]
# Kota Pasuruan's shape of the same: Bugul Kidul's Blandongan, Kepel and Bakalan
KECIL_KOTA = [("35.75.03.1001", 20), ("35.75.03.1002", 2), ("35.75.03.1005", 1)]


def _lake_kecil(data, units=KECIL):
    from tests.lakes import build_lake

    prefix = units[0][0][:5].replace(".", "")
    rows = [
        {
            "no_kk": f"{prefix}{kode[6:8]}0101{i:06d}",
            "nik_kepala": f"{prefix}{kode[6:8]}010180{i:04d}",
            "nama_kepala": f"Kepala {i}",
            "kode_kel": kode,
            "jumlah_anggota": 4,
            "miskin_ekstrem": "Ya" if j < flagged else "Tidak",
        }
        for u, (kode, flagged) in enumerate(units)
        for j in range(40)
        for i in [u * 40 + j + 1]
    ]
    df = pd.DataFrame(rows)
    return build_lake(data, {"keluarga": {"2024-03": df, "2024-06": df}})


@pytest.fixture
def tuban_kecil(region):
    return _lake_kecil(region("35.23"))


@pytest.fixture
def kota_kecil(region):
    return _lake_kecil(region("35.75"), KECIL_KOTA)


def _peta_kelurahan(data):
    from pantau import queries

    return queries.run("peta_kelurahan", {"periode": "2024-06"}, data)


def _bare_kelurahan(text: str) -> list[str]:
    """'kelurahan' alone: not as 'desa/kelurahan' (in a sheet's name 'desa & kelurahan', Excel
    refuses '/'), nor in an identifier (peta_kelurahan, "kelurahan":)."""
    pattern = r".{0,50}(?<!desa/)(?<!Desa/)(?<!desa & )(?<![\"_])\b[Kk]elurahan\b(?![\"_]).{0,30}"
    return re.findall(pattern, text)


def test_tuban_s_ranking_title_counts_desa_kelurahan_and_names_a_desa_as_desa(tuban_kecil):
    df = _peta_kelurahan(tuban_kecil)
    assert peta.judul_peringkat(df, "Kabupaten Tuban", "2024-06") == (
        "Peringkat prioritas di Kabupaten Tuban (n = 3 desa/kelurahan): 1. Desa Bate, indeks "
        "100,0 dari 100; 1 desa/kelurahan berstatus kantong (◆): Desa Bate (Juni 2024)"
    )
    assert peta.judul(df, "kelurahan", "per_1000", "2024-06") == (
        "Desa Bate tertinggi: 500,0 keluarga miskin ekstrem per 1.000 keluarga dalam daftar "
        "(Juni 2024)"
    )
    assert peta.judul(df, "kelurahan", "daftar", "2024-06") == (
        "Keluarga dalam daftar per desa/kelurahan: terbanyak di Desa Bate, 40 keluarga (Juni 2024)"
    )
    assert peta.judul_selang(df, "kelurahan", "2024-06").startswith(
        "Angka per 1.000 keluarga dengan selang 95 %: 3 dari 3 desa/kelurahan berdasar kecil"
    )
    assert peta.penjelasan_selang().startswith("Angka sebuah desa/kelurahan dihitung")


def test_kota_pasuruan_s_ranking_title_keeps_kelurahan(kota_kecil):
    df = _peta_kelurahan(kota_kecil)
    assert peta.judul_peringkat(df, "Kota Pasuruan", "2024-06") == (
        "Peringkat prioritas di Kota Pasuruan (n = 3 kelurahan): 1. Kel. Blandongan, indeks "
        "100,0 dari 100; 1 kelurahan berstatus kantong (◆): Kel. Blandongan (Juni 2024)"
    )
    assert peta.judul(df, "kelurahan", "per_1000", "2024-06").startswith("Kel. Blandongan ")
    assert peta.penjelasan_selang() == peta.PENJELASAN_SELANG


def test_the_ranking_table_heads_its_units_by_the_region_even_for_the_same_rows(region):
    # the table is kept by content (charts.memo_tabel): the same rows under another region
    # must not come back with the first region's headers
    data = _lake_kecil(region("35.23"))
    df = _peta_kelurahan(data)
    tuban = peta.tabel_peringkat(df)
    assert list(tuban.columns[:3]) == ["Peringkat", "Desa/Kelurahan", "Kecamatan"]
    assert "Porsi kabupaten" in tuban.columns
    assert tuban["Desa/Kelurahan"].head(3).tolist() == ["Bate", "Latsari", "Jlodro"]
    region("35.75")
    kota = peta.tabel_peringkat(df)
    assert list(kota.columns[:3]) == ["Peringkat", "Kelurahan", "Kecamatan"]
    assert "Porsi kota" in kota.columns and "Porsi kabupaten" not in kota.columns


def _klaster(kuadran: list[str], p_tanpa_koreksi: list[bool]) -> pd.DataFrame:
    n = len(kuadran)
    return pd.DataFrame(
        {
            "kode_kel": ["35.23.03.2002", "35.23.16.1006", "35.23.01.2001"][:n],
            "kelurahan": ["Bate", "Latsari", "Jlodro"][:n],
            "kecamatan": ["Bangilan", "Tuban", "Kenduruan"][:n],
            "kuadran": kuadran,
            "per_1000_keluarga": [500.0, 50.0, 25.0][:n],
            "I": [1.5, 0.8, 0.2][:n],
            "p_sim": [0.001, 0.004, 0.3][:n],
            "batas_fdr": [0.01] * n,
            "p_tanpa_koreksi": p_tanpa_koreksi,
            "dihitung": [True] * n,
            "alasan_tanpa_klaster": [peta.SEDIKIT] + [None] * (n - 1),
        }
    )


def test_tuban_s_cluster_sentences_and_table_say_desa_kelurahan(region):

    region("35.23")
    hh = "Tinggi-Tinggi (kantong)"
    two = _klaster([hh, hh, peta.geo.NOT_SIGNIFICANT], [True, True, False])
    assert peta.judul_klaster(two, "2024-06") == (
        "2 desa/kelurahan membentuk klaster kantong Tinggi-Tinggi: Bate, Latsari "
        "(per 1.000 keluarga, Juni 2024)"
    )
    assert list(peta.tabel_klaster(two).columns[:3]) == ["Desa/Kelurahan", "Kecamatan", "Klaster"]
    assert peta.tabel_klaster(two)["Desa/Kelurahan"].tolist() == ["Bate", "Latsari"]
    # each unit with its own word: Bate a desa, Latsari a kelurahan
    assert _klaster_3(two, "desa/kelurahan") == (
        "Kelompok desa/kelurahan bertetangga yang sama-sama tinggi (bukan kebetulan): "
        "Desa Bate, Kel. Latsari."
    )
    none = _klaster([peta.geo.NOT_SIGNIFICANT] * 3, [True, False, False])
    assert peta.kalimat_tanpa_klaster(none) == (
        "Tidak ada desa/kelurahan yang polanya bertahan setelah koreksi uji berganda (FDR 5 %): "
        "sebaran angka per desa/kelurahan periode ini tidak dapat dibedakan dari sebaran acak. "
        "Tanpa koreksi, 1 desa/kelurahan akan tampak signifikan (p < 0,05) — jumlah yang dapat "
        "muncul secara kebetulan saat 3 desa/kelurahan diuji sekaligus."
    )
    assert peta.kalimat_klaster_tidak_dihitung(none.head(2)) == (
        f"Analisis klaster perlu angka dari sedikitnya {peta.MIN_KLASTER} desa/kelurahan; "
        "periode ini hanya punya 2."
    )
    assert "(angka terlalu sedikit desa/kelurahan)" in _klaster_3(none.iloc[:0], "desa/kelurahan")
    region("35.75")  # Kota Pasuruan's words as they were
    assert peta.judul_klaster(two, "2024-06").startswith("2 kelurahan membentuk klaster")
    assert list(peta.tabel_klaster(two).columns[:1]) == ["Kelurahan"]
    kota = two.assign(kode_kel=["35.75.03.1001", "35.75.03.1002", "35.75.03.1005"])
    assert _klaster_3(kota) == (
        "Kelompok kelurahan bertetangga yang sama-sama tinggi (bukan kebetulan): Kel. Bate, "
        "Latsari."
    )


def test_a_group_of_units_names_each_with_its_own_word():
    from pantau import pembeda

    assert (
        pembeda.daftar_nama(["Bate", "Latsari"], ["Desa", "Kel."]) == "Desa Bate dan Kel. Latsari"
    )
    assert pembeda.daftar_nama(["A", "B"], "Kel.") == "Kel. A dan Kel. B"  # as before
    names = ["Bate", "Latsari", "Jlodro", "Sidomulyo", "Wangi"]
    words = ["Desa", "Kel.", "Desa", "Kel.", "Desa"]
    assert pembeda.kelompok_teks(names, "desa/kelurahan", words) == (
        "5 desa/kelurahan, termasuk Desa Bate yang angkanya terbesar"
    )


def _skor_kantong(data) -> tuple:
    from pantau import queries

    skor = queries.run("skor_strategi", {"periode": "2024-06"}, data)
    (row,) = skor[skor["strategi"] == 3].head(1).to_dict("records")
    return row["indikator"], row["satuan"], row["nilai"], row["nilai_sebelumnya"], row["arah"]


def test_the_scorecard_s_pocket_row_is_desa_kelurahan_in_tuban(tuban_kecil):
    # one pocket (Bate) in both periods; no direction: the count measures concentration
    assert _skor_kantong(tuban_kecil) == (
        "Desa/kelurahan kantong kemiskinan",
        "desa/kelurahan",
        1.0,
        1.0,
        "tanpa arah (pemusatan, bukan kemajuan)",
    )


def test_kota_pasuruan_s_pocket_row_keeps_kelurahan(kota_kecil):
    assert _skor_kantong(kota_kecil) == (
        "Kelurahan kantong kemiskinan",
        "kelurahan",
        1.0,
        1.0,
        "tanpa arah (pemusatan, bukan kemajuan)",
    )


def _deck_texts(data) -> dict[str, str]:
    import io

    from pantau.report import build_deck
    from pantau.report.pptx import pptx_bytes
    from pantau.report.xlsx import xlsx_bytes
    from tests.test_kota_uji import pptx_slides

    deck = build_deck(data, None, "kepala")
    sheets = pd.read_excel(io.BytesIO(xlsx_bytes(deck)), sheet_name=None, header=None, dtype=str)
    return {
        "notes": "\n".join(c for s in deck.slides for c in s.catatan_lengkap),
        "sheets": "\n".join(sheets),
        "xlsx": "\n".join(
            df.fillna("").to_string(index=False, header=False) for df in sheets.values()
        ),
        "pptx": "\n".join(pptx_slides(pptx_bytes(deck))),
    }


def test_tuban_s_deck_says_desa_kelurahan_in_notes_sheets_and_slides(tuban_kecil):
    t = _deck_texts(tuban_kecil)
    assert "Lima desa & kelurahan prioritas" in t["sheets"]  # '/' is refused in a sheet name
    assert "Kantong per desa & kelurahan" in t["sheets"]
    assert (
        "Desa/kelurahan kantong (satu definisi: kartu skor, peta, paparan) = desa/kelurahan"
        in (t["notes"])
    )
    assert "koreksi Bonferroni atas semua desa/kelurahan" in t["notes"]
    assert "1. Desa Bate 100,0 (kantong)" in t["notes"]
    assert "Desa/kelurahan kantong kemiskinan" in t["xlsx"]  # Angka kunci and the scorecard
    assert "daftar keluarga per desa/kelurahan dan cakupan program" in t["xlsx"]
    assert "1 desa/kelurahan kantong kemiskinan (di atas angka kabupaten): Desa Bate" in t["pptx"]
    for name, text in t.items():
        assert not _bare_kelurahan(text), (name, _bare_kelurahan(text))


def test_kota_pasuruan_s_deck_keeps_kelurahan(kota_kecil):
    t = _deck_texts(kota_kecil)
    assert "Lima kelurahan prioritas" in t["sheets"] and "Kantong per kelurahan" in t["sheets"]
    assert "desa" not in t["sheets"].lower()
    assert (
        "Kelurahan kantong (satu definisi: kartu skor, peta, paparan) = kelurahan yang"
        in (t["notes"])
    )
    assert "Kelurahan kantong kemiskinan" in t["xlsx"]
    assert "1 kelurahan kantong kemiskinan (di atas angka kota): Kel. Blandongan" in t["pptx"]
    assert "desa/kelurahan" not in t["notes"] + t["xlsx"] + t["pptx"]


def test_tuban_s_laporan_triwulan_says_desa_kelurahan(tuban_kecil):
    import io

    from docx import Document

    from pantau import laporan_triwulan

    lap = laporan_triwulan.susun(tuban_kecil, None, "kepala")
    doc = Document(io.BytesIO(laporan_triwulan.tulis(lap, "docx")))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    text = "\n".join([p.text for p in doc.paragraphs] + cells)
    assert "Desa/kelurahan kantong kemiskinan" in cells
    assert "desa/kelurahan" in cells  # the row's unit
    assert not _bare_kelurahan(text), _bare_kelurahan(text)


def _judul_grafik(at) -> list[str]:
    """Each chart's title as its reader sees it (plotly's line breaks as spaces)."""
    import json

    titles = []
    for c in at.get("plotly_chart"):
        text = json.loads(c.proto.spec).get("layout", {}).get("title", {}).get("text", "")
        titles.append(text.replace("<br>", " "))
    return titles


def test_tuban_s_peta_page_says_desa_kelurahan(tuban_kecil, monkeypatch):
    from tests.test_tuban import open_page, page_text

    at = open_page(tuban_kecil, monkeypatch, "peta", "kepala")
    assert not at.exception, at.exception
    text = page_text(at)
    assert [s.value for s in at.subheader][:1] == [
        "Peringkat desa/kelurahan menurut indeks kantong kemiskinan"
    ]
    assert "**Desa/kelurahan kantong**" in text
    assert "Angka sebuah desa/kelurahan dihitung" in text
    # the ranking chart's title, whole (plotly breaks it over lines)
    assert (
        "Peringkat prioritas di Kabupaten Tuban (n = 3 desa/kelurahan): 1. Desa Bate, indeks "
        "100,0 dari 100; 1 desa/kelurahan berstatus kantong (◆): Desa Bate (Juni 2024)"
    ) in _judul_grafik(at)
    tables = [list(d.value.columns) for d in at.dataframe]
    assert any(cols[:2] == ["Peringkat", "Desa/Kelurahan"] for cols in tables)
    assert not _bare_kelurahan(text), _bare_kelurahan(text)


def test_kota_pasuruan_s_peta_page_keeps_kelurahan(kota_kecil, monkeypatch):
    from tests.test_tuban import open_page, page_text

    at = open_page(kota_kecil, monkeypatch, "peta", "kepala")
    assert not at.exception, at.exception
    text = page_text(at)
    assert [s.value for s in at.subheader][:1] == [
        "Peringkat kelurahan menurut indeks kantong kemiskinan"
    ]
    assert peta.PENJELASAN_INDEKS in text and peta.PENJELASAN_SELANG in text
    assert (
        "Peringkat prioritas di Kota Pasuruan (n = 3 kelurahan): 1. Kel. Blandongan, indeks "
        "100,0 dari 100; 1 kelurahan berstatus kantong (◆): Kel. Blandongan (Juni 2024)"
    ) in _judul_grafik(at)
    # only the map's source line (the boundary file's own name) says "desa/kelurahan"
    assert "desa/kelurahan" not in text.lower().replace("batas desa/kelurahan: bps", "")


@pytest.mark.parametrize(
    "kode, kel, units, unit",
    [
        ("35.23", "35.23.03.2002", KECIL, "desa/kelurahan"),
        ("35.75", "35.75.03.1001", KECIL_KOTA, "kelurahan"),
    ],
)
def test_the_verval_list_s_cli_line_counts_the_region_s_units(
    region, tmp_path, capsys, kode, kel, units, unit
):
    from pantau import cli

    data = _lake_kecil(region(kode), units)
    out = tmp_path / "verval.xlsx"
    args = ["--data", str(data), "daftar-verval", "--periode", "2024-06", "--kode-kel", kel]
    assert cli.main([*args, "--peran", "kepala", "--out", str(out)]) == 0
    line = capsys.readouterr().out.strip()
    # the 20 extreme-poor keluarga of Bate (Blandongan in Kota Pasuruan's shape)
    assert line.startswith(f"verval.xlsx: 20 keluarga di 1 {unit}, ID berkas "), line

"""The region is data (issue 14): a data directory serves one kabupaten/kota, Kota Pasuruan by
default; Kabupaten Tuban (35.23, 20 kecamatan, 311 desa and 17 kelurahan) imported by desa
names and by codes, chosen once, refused once it holds data, and built as a demo."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest

from pantau import wilayah
from pantau.config import WILAYAH_CSV
from pantau.ingest import import_files, region
from pantau.lake import Lake

BEFORE = os.environ.get("PANTAU_DATA")
HEADER = "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART,Pengeluaran"


def _csv(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rows(data_dir: Path) -> list[dict]:
    lake = Lake(data_dir)
    files = lake.current_files("keluarga")
    return pd.concat([pd.read_parquet(f) for f in files]).sort_values("no_kk").to_dict("records")


def _reasons(summary) -> dict:
    return {k: v for k, v in summary.reasons.items()}


# --- the region and its table --------------------------------------------------------------


def test_default_region_is_kota_pasuruan_with_todays_table(tmp_path):
    w = wilayah.dari(tmp_path)
    assert (w.kode, w.nama, w.jenis, w.dinas) == (
        "35.75",
        "Kota Pasuruan",
        "kota",
        "Dinas Sosial Kota Pasuruan",
    )
    assert w.label_desa == "Kelurahan" and w.prefix_nik == "3575"
    today = pd.read_csv(WILAYAH_CSV, dtype=str, keep_default_na=False)
    # today's table, with the kab/kota of every kelurahan beside it (one kota)
    pd.testing.assert_frame_equal(w.tabel().iloc[:, :-2], today)
    assert set(w.tabel()["kode_kab"]) == {"35.75"}
    assert set(w.tabel()["kabupaten_kota"]) == {"Kota Pasuruan"}
    assert w.tingkat == ("kecamatan", "kelurahan") and not w.adalah_provinsi


def test_tuban_from_the_national_list():
    w = wilayah.cari("35.23")
    assert (w.nama, w.jenis, w.provinsi) == ("Kabupaten Tuban", "kabupaten", "Jawa Timur")
    assert w.dinas == "Dinas Sosial Kabupaten Tuban"
    assert w.label_desa == "Desa/Kelurahan"
    t = w.tabel()
    columns = [*pd.read_csv(WILAYAH_CSV, nrows=0).columns, "kode_kab", "kabupaten_kota"]
    assert list(t.columns) == columns
    assert set(t["kode_kab"]) == {"35.23"} and set(t["kabupaten_kota"]) == {"Kabupaten Tuban"}
    assert len(t) == 328 and t["kode_kec"].nunique() == 20
    number = t["kode_kel"].str.rsplit(".", n=1).str[1]
    assert (number.str[0] == "2").sum() == 311 and (number.str[0] == "1").sum() == 17
    first = t.iloc[0]
    assert (first["kode_kec"], first["kecamatan"], first["kode_kel"], first["kelurahan"]) == (
        "35.23.01",
        "Kenduruan",
        "35.23.01.2001",
        "Jlodro",
    )
    # BPS codes and area unknown; the centroid doubles as the interior point
    assert first["kode_kel_bps"] == "" and first["area_km2"] == ""
    assert first["lon"] == first["inner_lon"] != ""


@pytest.mark.parametrize(
    ("kode", "words"),
    [
        ("35.23.01", "bukan kabupaten/kota"),
        ("35.23.01.2001", "bukan kabupaten/kota"),
        ("99.99", "tidak ada"),
    ],
)
def test_codes_that_cannot_be_served_are_refused_in_one_sentence(kode, words):
    with pytest.raises(wilayah.WilayahError) as err:
        wilayah.cari(kode)
    assert words in str(err.value)
    body = str(err.value)
    assert body.endswith(".") and not any(f". {c}" in body for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def test_undotted_code_is_read_as_dotted():
    assert wilayah.cari("3523").kode == "35.23"


# --- wilayah set / refuse ----------------------------------------------------------------


def test_set_once_then_refused_when_the_dir_holds_batches(data_dir, tmp_path):
    assert wilayah.tetapkan(data_dir, "35.23").nama == "Kabupaten Tuban"
    assert json.loads((data_dir / "wilayah.json").read_text())["kode"] == "35.23"
    assert wilayah.dari(data_dir).kode == "35.23"
    # an empty dir may still change its mind
    assert wilayah.tetapkan(data_dir, "35.75").kode == "35.75"
    wilayah.tetapkan(data_dir, "35.23")
    path = _csv(
        tmp_path / "t.csv",
        [HEADER, "3523011234560001,3523014507800002,Sri,Jlodro,Kenduruan,4,900000"],
    )
    import_files([path], "keluarga", "2024-06", data_dir)
    with pytest.raises(wilayah.WilayahError) as err:
        wilayah.tetapkan(data_dir, "35.75")
    assert "Kabupaten Tuban" in str(err.value) and "direktori data baru" in str(err.value)
    assert wilayah.tetapkan(data_dir, "35.23").kode == "35.23"  # the same region: nothing to do


def test_a_pasuruan_dir_with_data_refuses_tuban(data_dir, good_batch):
    with pytest.raises(wilayah.WilayahError, match="Kota Pasuruan"):
        wilayah.tetapkan(data_dir, "35.23")
    assert not (data_dir / "wilayah.json").exists()


def test_cli_wilayah_set_show_and_status(data_dir, capsys):
    from pantau.cli import main

    def run(*args):
        code = main(["--data", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("wilayah")
    assert code == 0 and "35.75 Kota Pasuruan" in out and "(bawaan)" in out
    code, out, err = run("wilayah", "set", "35.23.01")
    assert code == 2 and out == "" and len(err.splitlines()) == 1 and "kecamatan" not in out
    code, out, err = run("wilayah", "set", "35.23")
    assert code == 0, err
    assert "20 kecamatan, 328 desa/kelurahan" in out
    code, out, _ = run("status")
    assert out.splitlines()[0].startswith("Wilayah 35.23 Kabupaten Tuban")
    assert os.environ.get("PANTAU_DATA") == BEFORE  # --data did not leak into the process


# --- importing Tuban ---------------------------------------------------------------------


def test_tuban_import_by_desa_names(data_dir, tmp_path):
    wilayah.tetapkan(data_dir, "35.23")
    path = _csv(
        tmp_path / "nama.csv",
        [
            HEADER,
            "3523011234560001,3523014507800002,A,Jlodro,Kenduruan,4,900000",
            "3523011234560002,3523014507800003,B,Ds. SOKOGUNUNG,KENDURUAN,3,900000",
            # Bogorejo is a desa of both Bancar (04) and Merakurak (13): its kecamatan decides
            "3523041234560003,3523044507800004,C,Bogorejo,Bancar,2,900000",
            "3523131234560004,3523134507800005,D,Desa Bogorejo,Kec. Merakurak,2,900000",
            "3523161234560005,3523164507800006,E,Kel. Latsari,Tuban,5,900000",
            # rejected: a Kota Pasuruan kelurahan; a shared name in neither of its kecamatan
            "3523031234560006,3523034507800007,F,Tapa'an,Bangilan,2,900000",
            "3523011234560007,3523014507800008,G,Bogorejo,Kenduruan,2,900000",
        ],
    )
    s = import_files([path], "keluarga", "2024-06", data_dir)
    assert (s.accepted, s.rejected) == (5, 2), s.reasons
    got = [(r["kode_kel"], r["kelurahan"], r["kecamatan"], r["kode_kec"]) for r in _rows(data_dir)]
    assert got == [
        ("35.23.01.2001", "Jlodro", "Kenduruan", "35.23.01"),
        ("35.23.01.2002", "Sokogunung", "Kenduruan", "35.23.01"),
        ("35.23.04.2015", "Bogorejo", "Bancar", "35.23.04"),
        ("35.23.13.2018", "Bogorejo", "Merakurak", "35.23.13"),
        ("35.23.16.1006", "Latsari", "Tuban", "35.23.16"),
    ]
    assert _reasons(s) == {"desa/kelurahan tidak dikenal": 2}
    # the importer left the region as it found it
    assert region.aktif() == "35.75"


def test_tuban_import_by_codes(data_dir, tmp_path):
    wilayah.tetapkan(data_dir, "35.23")
    header = "No KK,NIK,Kepala Keluarga,Kode Kemendagri,Kecamatan,Jumlah ART,lat,lon"
    path = _csv(
        tmp_path / "kode.csv",
        [
            header,
            "3523011234560001,3523014507800002,A,35.23.01.2001,Kenduruan,4,-6.9377,111.5811",
            "3523131234560002,3523134507800003,B,3523132018,Merakurak,3,,",
            # a DTKS short desa code beside its kecamatan code
            "3523041234560003,3523044507800004,C,2015,04,2,,",
            # Kota Pasuruan's code is not Tuban's; a Pasuruan coordinate is outside Tuban
            "3523031234560004,3523034507800005,D,35.75.03.1003,Bangilan,2,,",
            "3523161234560005,3523164507800006,E,35.23.16.1006,Tuban,5,-7.64,112.91",
        ],
    )
    s = import_files([path], "keluarga", "2024-06", data_dir)
    assert (s.accepted, s.rejected) == (4, 1), s.reasons
    rows = _rows(data_dir)
    assert [r["kode_kel"] for r in rows] == [
        "35.23.01.2001",
        "35.23.04.2015",  # sorted by No KK: 352304… before 352313…
        "35.23.13.2018",
        "35.23.16.1006",
    ]
    assert rows[0]["lat"] == pytest.approx(-6.9377) and rows[0]["lon"] == pytest.approx(111.5811)
    assert pd.isna(rows[3]["lat"])  # outside Kabupaten Tuban: warned, left empty
    assert _reasons(s) == {"kode desa/kelurahan bukan kode di Kabupaten Tuban": 1}
    assert any("di luar Kabupaten Tuban" in w for w in s.warnings), s.warnings


# --- the demo ----------------------------------------------------------------------------


def test_tuban_demo_world_spreads_families_over_its_desa():
    from pantau import demo

    w = demo.World(1000, 2023, "35.23")
    assert w.prefix == 3523 and len(w.kel_names) == 328
    assert len(w.w_rest) == 328 and abs(w.w_rest.sum() - 1) < 1e-9
    # every kecamatan has families; a kelurahan weighs 2.5 desa on average
    assert sorted(set(w.kec.tolist())) == list(range(1, 21))
    nik = demo.nik_number(w.kel[:3] * 0 + 5, w.kec[:3], w.female[:3], w.prefix)
    assert all(str(n).startswith("3523") for n in nik)


def test_tuban_demo_registry_imports_and_lists_its_20_kecamatan(data_dir):
    """One registry file of a small Tuban demo (the whole demo is `demo --wilayah 35.23`,
    minutes), imported, then keluarga_per_kecamatan: Tuban's 20 kecamatan by Kemendagri code
    and a last row naming the kabupaten."""
    from pantau import demo, queries

    wilayah.tetapkan(data_dir, "35.23")
    w = demo.World(1000, 2023, "35.23")
    (data_dir / "exports").mkdir()
    wr = demo._Writer(w, data_dir / "exports", lambda _m: None)
    wr.keluarga(demo.T - 1)
    (f,) = wr.files
    s = import_files(f.paths, f.jenis, f.periode, data_dir)
    assert s.accepted > 900 and all(k.startswith("3523") for k in _no_kk(data_dir))
    out = queries.Engine(data_dir).run("keluarga_per_kecamatan", {"periode": f.periode})
    assert out["kode_kec"].iloc[:-1].tolist() == [f"35.23.{i:02d}" for i in range(1, 21)]
    assert out["kecamatan"].iloc[[0, 15, 19]].tolist() == ["Kenduruan", "Tuban", "Grabagan"]
    assert out["kecamatan"].iloc[-1] == "Kabupaten Tuban" and pd.isna(out["kode_kec"].iloc[-1])
    assert out["keluarga"].iloc[-1] == out["keluarga"].iloc[:-1].sum() == s.accepted


def _no_kk(data_dir: Path) -> list[str]:
    return [r["no_kk"] for r in _rows(data_dir)]


def test_a_desa_and_a_kelurahan_keep_their_own_word_before_the_name():
    from pantau.wilayah import dengan_singkatan, singkatan

    assert singkatan("35.23.03.2002") == "Desa "  # Bate, Kabupaten Tuban: a desa (2xxx)
    assert singkatan("35.23.16.1012") == "Kel. "  # a kelurahan (1xxx)
    assert singkatan("35.75.01.1001") == "Kel. "  # Kota Pasuruan's, as before
    assert dengan_singkatan(["A", "B"], ["35.75.01.1001", "35.75.01.1002"]) == "Kel. A dan B"
    assert (
        dengan_singkatan(
            ["Bate", "Latsari", "Sugihan"], ["35.23.03.2002", "35.23.16.1010", "x.2003"]
        )
        == "Desa Bate, Kel. Latsari dan Desa Sugihan"
    )
    assert dengan_singkatan(["A", "B"], ["35.23.03.2002", "35.23.03.2003"], 3) == (
        "Desa A, B dan 3 lainnya"
    )


def test_the_pocket_test_sentence_counts_the_region_s_own_units(tmp_path, monkeypatch):
    # Tuban's Peta said "Bonferroni atas 34 kelurahan (z ≈ 2,97)", Kota Pasuruan's numbers (review
    # of issue 14, MUST 4): z = Φ⁻¹(1 − 0,05/328) = 3,61 for its 328 desa/kelurahan.
    from scipy.stats import norm

    from pantau import peta, wilayah

    data = tmp_path / "data"
    wilayah.tetapkan(data, "35.23")
    monkeypatch.setenv("PANTAU_DATA", str(data))
    text = peta.kalimat_batas_uji()
    assert f"{norm.isf(0.05 / 328):.2f}" == "3.61"
    assert "koreksi Bonferroni atas 328 desa/kelurahan (z ≈ 3,61)" in text
    assert "di atas angka kabupaten" in text and "34" not in text and "kota" not in text
    hotspot = peta.penjelasan_hotspot()
    assert "Karena 328 desa/kelurahan diuji sekaligus" in hotspot
    assert "BPS 2020" not in hotspot and "4 kecamatan" not in hotspot
    assert "rata-rata kabupaten" in hotspot
    monkeypatch.setenv("PANTAU_DATA", str(tmp_path / "pasuruan"))
    assert "atas 34 kelurahan (z ≈ 2,97)" in peta.kalimat_batas_uji()
    assert "peta batas BPS 2020" in peta.penjelasan_hotspot()


def test_a_name_two_desa_share_gets_its_kecamatan_and_in_a_province_its_kab_kota():
    """Kabupaten Tuban has a Desa Latsari in Bancar and a Kelurahan Latsari in Tuban: a chart
    or title naming one says which. Unique names stay as they are; Kota Pasuruan has none."""
    tuban, jatim = wilayah.cari("35.23"), wilayah.cari("35")
    codes = ["35.23.04.2003", "35.23.16.1006", "35.23.03.2002"]
    assert tuban.nama_jelas(codes, ["Latsari", "Latsari", "Bate"]) == [
        "Latsari (Kec. Bancar)",
        "Latsari (Kec. Tuban)",
        "Bate",
    ]
    # three desa Arjasa in three kecamatan Arjasa (Jember, Situbondo, Sumenep)
    assert jatim.nama_jelas(["35.09.22.2003", "35.12.11.2007"], ["Arjasa", "Arjasa"]) == [
        "Arjasa (Kec. Arjasa, Kabupaten Jember)",
        "Arjasa (Kec. Arjasa, Kabupaten Situbondo)",
    ]
    assert jatim.nama_jelas(["35.23.04.2003"], ["Latsari"]) == ["Latsari (Kec. Bancar)"]
    kota = wilayah.cari("35.75")
    assert kota.nama_jelas(["35.75.04.1007"], ["Ngemplakrejo"]) == ["Ngemplakrejo"]


def test_pocket_lists_in_titles_and_the_deck_tell_tuban_s_two_latsari_apart(monkeypatch):
    """The Peta title's and the deck's lists of pockets and clusters name each Latsari with its
    kecamatan (issue 14: the deck's pocket lists read like the ranking chart); Kota Pasuruan's
    names, all unique, stay as they were."""
    import pandas as pd

    from pantau import peta_peringkat
    from pantau.report.slides.kantong import _klaster_3

    tuban = wilayah.cari("35.23")
    monkeypatch.setattr(wilayah, "dari", lambda *a, **k: tuban)
    df = pd.DataFrame(
        {
            "kode_kel": ["35.23.16.1006", "35.23.04.2003", "35.23.03.2002"],
            "kelurahan": ["Latsari", "Latsari", "Bate"],
            "kecamatan": ["Tuban", "Bancar", "Bangilan"],
            "peringkat": [2, 1, None],
            "indeks_kantong": [60.0, 80.0, None],
            "kantong": [True, True, True],
        }
    )
    # rank order, then the unranked: Bancar's Latsari (1.), Tuban's (2.), then Bate
    assert peta_peringkat.nama_kantong(df) == (
        "Desa Latsari (Kec. Bancar), Kel. Latsari (Kec. Tuban) dan Desa Bate"
    )
    judul = peta_peringkat.judul_peringkat(df, "Kabupaten Tuban", "2024-06")
    assert judul.startswith(
        "Peringkat prioritas di Kabupaten Tuban (n = 2 desa/kelurahan): 1. Desa Latsari "
        "(Kec. Bancar), indeks 80,0 dari 100; 3 desa/kelurahan berstatus kantong (◆): "
    )
    hh = df.assign(kuadran="Tinggi-Tinggi (kantong)")
    assert _klaster_3(hh.head(2), "desa/kelurahan", tuban) == (
        "Kelompok desa/kelurahan bertetangga yang sama-sama tinggi (bukan kebetulan): "
        "Kel. Latsari (Kec. Tuban), Desa Latsari (Kec. Bancar)."
    )
    kota = wilayah.cari("35.75")
    monkeypatch.setattr(wilayah, "dari", lambda *a, **k: kota)
    pasuruan = pd.DataFrame(
        {
            "kode_kel": ["35.75.04.1007", "35.75.03.1001"],
            "kelurahan": ["Ngemplakrejo", "Bugul Kidul"],
            "peringkat": [1, 2],
            "kantong": [True, True],
        }
    )
    assert peta_peringkat.nama_kantong(pasuruan) == "Kel. Ngemplakrejo dan Bugul Kidul"


def test_the_pocket_ranking_tells_tuban_s_two_latsari_apart(monkeypatch):
    import pandas as pd

    from pantau.charts import kantong

    monkeypatch.setattr(wilayah, "dari", lambda *a, **k: wilayah.cari("35.23"))
    df = pd.DataFrame(
        {
            "kode_kel": ["35.23.04.2003", "35.23.16.1006"],
            "kelurahan": ["Latsari", "Latsari"],
            "indeks_kantong": [80.0, 60.0],
            "peringkat": [1, 2],
            "kantong": [True, False],
            "dasar_kecil": [False, True],
        }
    )
    fig = kantong.grafik_peringkat(df, "judul")
    assert list(fig.data[0].y) == ["1. Latsari (Kec. Bancar) ◆", "2. Latsari (Kec. Tuban) *"]

"""DTKS exports in a region without BPS codes (Kabupaten Tuban, 35.23, built from the national
code list): a BPS KDKEC '010' / KDDESA '011' maps to nothing there, so the importer takes the
desa name written in the same row, and rejects with one sentence the rows that have none."""

from __future__ import annotations

import pytest

from pantau import wilayah
from pantau.errors import PantauError
from pantau.ingest import import_files

HEADER = "KDKEC,KDDESA,Desa/Kelurahan,NOKK,NIK,Nama_KRT,Jumlah_ART"
ALASAN = (
    "kode BPS (KDKEC/KDDESA) tidak dapat dipetakan di Kabupaten Tuban dan baris tidak memuat "
    "nama desa/kelurahan yang dikenal: ekspor ulang dengan kode Kemendagri "
    "(mis. 35.23.01.2001) atau dengan kolom nama desa/kelurahan dan kecamatan"
)
PERINGATAN = "kode BPS tidak dikenal di Kabupaten Tuban; dipakai nama desa/kelurahan"


@pytest.fixture
def tuban(data_dir):
    wilayah.tetapkan(data_dir, "35.23")
    return data_dir


def _kk(i: int) -> str:
    return f"352301010101{i:04d}"


def _nik(i: int) -> str:
    return f"352301450780{i:04d}"


def _import(write_csv, rows: list[str], data):
    lines = [HEADER] + [f"{r},{_kk(i)},{_nik(i)},KRT {i},4" for i, r in enumerate(rows, start=1)]
    return import_files([write_csv("dtks_tuban.csv", lines)], "keluarga", "2026-09", data)


def test_bps_codes_fall_back_to_the_desa_name_and_unresolvable_rows_are_rejected(
    write_csv, tuban, lake_rows
):
    # Tuban (Kemendagri, geo/wilayah_indonesia): 35.23.01 Kenduruan: 2001 Jlodro, 2002
    # Sokogunung, 2003 Jamprong; 35.23.10 Montong: 2001 Guwoterus, 2002 Nguluhan;
    # Sugihwaras is a desa of both 35.23.09 Parengan (2016) and 35.23.12 Jenu (2017).
    s = _import(
        write_csv,
        [
            "010,011,Jlodro",  # 1 BPS codes + a name: the name's desa, warned
            "01,2002,",  # 2 Kemendagri codes, no name: Sokogunung
            "010,012,",  # 3 BPS codes, no name: rejected
            "090,016,Sugihwaras",  # 4 BPS codes + a name two kecamatan share: rejected
            ",35.23.10.2001,",  # 5 a whole Kemendagri code: Guwoterus
            "Montong,002,Nguluhan",  # 6 kecamatan name, BPS desa code + name: Nguluhan, warned
            "010,013,Desa Jamprong",  # 7 the name with its prefix: Jamprong, warned
        ],
        tuban,
    )
    assert (s.read, s.accepted, s.rejected) == (7, 5, 2), s.reasons
    assert s.reasons == {ALASAN: 2}
    assert s.warnings == {PERINGATAN: 3}
    got = {
        r["nama_kepala"]: (r["kode_kel"], r["kelurahan"], r["kode_kec"]) for r in lake_rows(tuban)
    }
    assert got == {
        "KRT 1": ("35.23.01.2001", "Jlodro", "35.23.01"),
        "KRT 2": ("35.23.01.2002", "Sokogunung", "35.23.01"),
        "KRT 5": ("35.23.10.2001", "Guwoterus", "35.23.10"),
        "KRT 6": ("35.23.10.2002", "Nguluhan", "35.23.10"),
        "KRT 7": ("35.23.01.2003", "Jamprong", "35.23.01"),
    }


def test_a_file_of_bps_codes_only_is_refused_with_the_sentence(write_csv, tuban):
    with pytest.raises(PantauError) as err:
        _import(write_csv, ["010,011,", "020,001,", "200,015,"], tuban)
    assert ALASAN in str(err.value)


def test_kota_pasuruan_still_maps_bps_codes(write_csv, data_dir, lake_rows):
    """The same BPS form in Kota Pasuruan, which knows its BPS codes: KDKEC '030' KDDESA
    '011' is BPS 3575030011, Tapa'an (35.75.03.1003), with no warning."""
    lines = [HEADER, "030,011,,3575031234560001,3575034507800002,SITI,4"]
    s = import_files([write_csv("dtks.csv", lines)], "keluarga", "2026-09", data_dir)
    assert (s.accepted, s.rejected) == (1, 0), s.reasons
    assert not any("BPS" in w for w in s.warnings), s.warnings
    row = lake_rows(data_dir)[0]
    assert (row["kode_kel"], row["kelurahan"]) == ("35.75.03.1003", "Tapa'an")


def test_a_unit_s_word_is_stripped_but_never_the_start_of_a_name():
    # Keleyan (35.26.02.2002), Kelun, Kecik are desa of Jawa Timur: "Desa Keleyan" and "DS.
    # KELEYAN" lost three of four rows when "Kel" of the name itself was taken for the prefix.
    from pantau.ingest.region import name_key

    assert {name_key(t) for t in ("Keleyan", "Desa Keleyan", "DS. KELEYAN", "Ds. Keleyan")} == {
        "keleyan"
    }
    assert name_key("KELURAHAN KELUN") == name_key("Kelun") == "kelun"
    assert name_key("Desa Kecik") == "kecik"
    assert name_key("Kel. Tapa’an") == name_key("Kel.Tapa'an") == name_key("TAPAAN") == "tapaan"
    assert name_key("Kec. Bugul Kidul") == name_key("kecamatan Bugul Kidul") == "bugulkidul"

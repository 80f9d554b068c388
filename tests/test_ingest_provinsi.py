"""The importer in a province and in a kabupaten, with a Kabupaten/Kota column and with DTKS's
split codes KDPROP / KDKAB / KDKEC / KDDESA (issue 14, review round 2, MUSTs 1 and 5).

Expected codes from ../shared/domain/wilayah_indonesia.csv:
- kecamatan Kademangan is 35.05.04 (Kabupaten Blitar) and 35.74.01 (Kota Probolinggo); each has
  a kelurahan Kademangan: 35.05.04.1011 and 35.74.01.1008. Kabupaten Malang (35.07) has a desa
  Kademangan (35.07.33.2003) but no kecamatan of that name.
- desa Jimbe: 35.05.04.2009 (Kademangan, Blitar) and 35.02.18.2007 (Ponorogo); none in Lamongan.
- kecamatan Jatirogo is only 35.23.02 (Tuban); its desa Sidomulyo is 35.23.02.2013 (Tuban has two
  more: 35.23.04.2022, 35.23.16.1012). Lamongan (35.24) has three: 35.24.03.2007, 35.24.16.2011,
  35.24.25.2008.
- desa Mentoro: 35.23.11.2010 (Tuban's only), 35.01.04.2016, 35.17.11.2021.
"""

from __future__ import annotations

import pytest

from pantau import wilayah
from pantau.ingest import import_files, notes_table


@pytest.fixture
def jatim(data_dir):
    wilayah.tetapkan(data_dir, "35")
    return data_dir


@pytest.fixture
def tuban(data_dir):
    wilayah.tetapkan(data_dir, "35.23")
    return data_dir


def _import(write_csv, data, header: str, rows: list[str]):
    lines = [header + ",No KK,NIK,Kepala Keluarga,Jumlah ART"]
    lines += [
        f"{r},35230101010{i:05d},35230145078{i:05d},KRT {i},4" for i, r in enumerate(rows, start=1)
    ]
    return import_files([write_csv("prov.csv", lines)], "keluarga", "2026-09", data)


def _codes(lake_rows, data) -> dict[str, str]:
    return {r["nama_kepala"]: r["kode_kel"] for r in lake_rows(data)}


def _ditolak(data, s) -> dict[int, tuple[str, str]]:
    """Rejected line (1 = the first data row) -> (alasan, nilai)."""
    notes = notes_table(data, s.batch)
    notes = notes[notes["jenis"] == "tolak"] if "jenis" in notes else notes
    return {int(r["baris"]) - 1: (r["alasan"], r["nilai"]) for _, r in notes.iterrows()}


def test_province_kab_kota_column_narrows_and_contradictions_are_rejected(
    write_csv, jatim, lake_rows
):
    s = _import(
        write_csv,
        jatim,
        "Kabupaten/Kota,Kecamatan,Desa/Kelurahan",
        [
            "KABUPATEN BLITAR,KADEMANGAN,KADEMANGAN",  # 1 -> 35.05.04.1011
            "KAB. BLITAR,KADEMANGAN,KEL. KADEMANGAN",  # 2 -> 35.05.04.1011
            "Kab Blitar,Kec. Kademangan,Jimbe",  # 3 -> 35.05.04.2009
            "KOTA PROBOLINGGO,KADEMANGAN,KADEMANGAN",  # 4 -> 35.74.01.1008
            ",KADEMANGAN,KADEMANGAN",  # 5 two kab/kota: ambiguous
            ",KADEMANGAN,JIMBE",  # 6 only Blitar's Kademangan has a Jimbe -> 35.05.04.2009
            "KABUPATEN MALANG,KADEMANGAN,KADEMANGAN",  # 7 Malang has no kecamatan Kademangan
            "KABUPATEN LAMONGAN,JATIROGO,SIDOMULYO",  # 8 Jatirogo is Tuban's
            "KABUPATEN TUBAN,JATIROGO,SIDOMULYO",  # 9 -> 35.23.02.2013
            "BLITAR,KADEMANGAN,KADEMANGAN",  # 10 Kab. or Kota Blitar: only Kab. has it
            "KOTA BANDUNG,CIBEUNYING KIDUL,CIGADUNG",  # 11 not in Jawa Timur
            "KABUPATEN ANTAH,KADEMANGAN,KADEMANGAN",  # 12 no such kab/kota
            "35.05,KADEMANGAN,KADEMANGAN",  # 13 the kab/kota by code -> 35.05.04.1011
        ],
    )
    assert (s.read, s.accepted, s.rejected) == (13, 8, 5), s.reasons
    assert _codes(lake_rows, jatim) == {
        "KRT 1": "35.05.04.1011",
        "KRT 2": "35.05.04.1011",
        "KRT 3": "35.05.04.2009",
        "KRT 4": "35.74.01.1008",
        "KRT 6": "35.05.04.2009",
        "KRT 9": "35.23.02.2013",
        "KRT 10": "35.05.04.1011",
        "KRT 13": "35.05.04.1011",
    }
    kec = "kabupaten/kota tidak sesuai dengan kecamatan"
    assert _ditolak(jatim, s) == {
        5: (
            "nama desa/kelurahan ambigu",
            "KADEMANGAN (ada di Kabupaten Blitar (35.05), Kota Probolinggo (35.74); "
            "isi kolom kabupaten/kota)",
        ),
        7: (kec, "KABUPATEN MALANG / KADEMANGAN"),
        8: (kec, "KABUPATEN LAMONGAN / JATIROGO"),
        11: ("kabupaten/kota di luar Provinsi Jawa Timur", "KOTA BANDUNG"),
        12: ("kabupaten/kota tidak dikenal", "KABUPATEN ANTAH"),
    }


def test_province_kab_kota_without_kecamatan(write_csv, jatim, lake_rows):
    s = _import(
        write_csv,
        jatim,
        "Kabupaten,Desa",
        [
            "KABUPATEN TUBAN,MENTORO",  # 1 Tuban's only Mentoro (2 more in Jatim) -> 35.23.11.2010
            "KABUPATEN LAMONGAN,JIMBE",  # 2 no Jimbe in Lamongan
            "KAB. LAMONGAN,SIDOMULYO",  # 3 three in Lamongan: ambiguous by kecamatan
            "KOTA PROBOLINGGO,KADEMANGAN",  # 4 -> 35.74.01.1008
        ],
    )
    assert (s.read, s.accepted, s.rejected) == (4, 2, 2), s.reasons
    assert _codes(lake_rows, jatim) == {"KRT 1": "35.23.11.2010", "KRT 4": "35.74.01.1008"}
    tolak = _ditolak(jatim, s)
    assert tolak[2] == (
        "kabupaten/kota tidak sesuai dengan desa/kelurahan",
        "KABUPATEN LAMONGAN / JIMBE",
    )
    assert tolak[3][0] == "nama desa/kelurahan ambigu"


def test_kabupaten_kab_kota_column(write_csv, tuban, lake_rows):
    s = _import(
        write_csv,
        tuban,
        "Kabupaten/Kota,Kecamatan,Desa/Kelurahan",
        [
            "KABUPATEN TUBAN,JATIROGO,SIDOMULYO",  # 1 its own -> 35.23.02.2013
            "Kab. Tuban,Jatirogo,Sidomulyo",  # 2 -> 35.23.02.2013
            "KABUPATEN LAMONGAN,JATIROGO,SIDOMULYO",  # 3 another kab/kota
            ",JATIROGO,SIDOMULYO",  # 4 none written -> 35.23.02.2013
        ],
    )
    assert (s.read, s.accepted, s.rejected) == (4, 3, 1), s.reasons
    assert set(_codes(lake_rows, tuban).values()) == {"35.23.02.2013"}
    assert _ditolak(tuban, s) == {3: ("kabupaten/kota bukan Kabupaten Tuban", "KABUPATEN LAMONGAN")}


def test_split_codes_make_the_kemendagri_code_in_a_kabupaten(write_csv, tuban, lake_rows):
    # The README's re-export: KDKEC 02 / KDDESA 2013, with or without KDPROP/KDKAB, with
    # empty name columns beside them (the reviewer's kmd_a/b/c.csv).
    s = _import(
        write_csv,
        tuban,
        "Kelurahan,Kecamatan,KDPROP,KDKAB,KDKEC,KDDESA",
        [
            ",,,,02,2013",  # 1 the region's own kab -> 35.23.02.2013
            ",,35,23,02,2013",  # 2 -> 35.23.02.2013
            ",,35,24,03,2007",  # 3 Lamongan's code: not Tuban
            ",,,,2,2013",  # 4 KDKEC as Excel leaves it -> 35.23.02.2013
            ",,35,23,002,2013",  # 5 KDKEC padded to 3 digits -> 35.23.02.2013
            ",,35,23,020,2013",  # 6 KDKEC in the BPS form (kecamatan x 10) -> 35.23.02.2013
        ],
    )
    assert (s.read, s.accepted, s.rejected) == (6, 5, 1), s.reasons
    assert set(_codes(lake_rows, tuban).values()) == {"35.23.02.2013"}
    assert _ditolak(tuban, s) == {3: ("kabupaten/kota bukan Kabupaten Tuban", "35 / 24")}
    # Without KDPROP/KDKAB columns at all.
    s = _import(write_csv, tuban, "KDKEC,KDDESA", ["02,2013", "20,2003"])
    assert (s.accepted, s.rejected) == (2, 0), s.reasons


def test_split_codes_make_the_kemendagri_code_in_a_province(write_csv, jatim, lake_rows):
    s = _import(
        write_csv,
        jatim,
        "KDPROP,KDKAB,KDKEC,KDDESA",
        [
            "35,23,02,2013",  # 1 -> 35.23.02.2013
            "35,05,04,1011",  # 2 -> 35.05.04.1011
            "35,74,01,1008",  # 3 -> 35.74.01.1008
            "35,05,04,9999",  # 4 no such desa
        ],
    )
    assert (s.read, s.accepted, s.rejected) == (4, 3, 1), s.reasons
    assert _codes(lake_rows, jatim) == {
        "KRT 1": "35.23.02.2013",
        "KRT 2": "35.05.04.1011",
        "KRT 3": "35.74.01.1008",
    }

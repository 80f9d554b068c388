"""Unit tests of the importer's pieces: region name/code matching and the per-kind SQL rules."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.contract import DATASETS
from pantau.ingest import region
from pantau.ingest.rules import Sql, q, rule_for

KELUARGA = DATASETS["keluarga"]
TAPAAN = "35.75.03.1003"


# --- region ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["Tapa'an", "Tapaan", "TAPA’AN", "Kel. Tapa'an", "tapa-an", "Kelurahan  Tapa`an", " tapa an "],
)
def test_name_key_ignores_case_spacing_apostrophes_hyphens_and_prefixes(spelling):
    assert region.name_key(spelling) == "tapaan"
    assert region.kelurahan_by_name(spelling) == TAPAAN


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), st.data())
@settings(max_examples=60, deadline=None)
def test_name_key_is_blind_to_noise_between_letters(word, data):
    noise = data.draw(st.lists(st.sampled_from([" ", "'", "’", "-", "`", "."]), max_size=4))
    noisy = word
    for char in noise:
        at = data.draw(st.integers(1, len(noisy)))
        noisy = noisy[:at] + char + noisy[at:]
    assert region.name_key(noisy.upper()) == region.name_key(word)


@pytest.mark.parametrize(
    ("name", "kode"),
    [
        ("Gadingrejo'an", "35.75.01.1009"),  # the old Kemendagri name
        ("Gadingrejo", "35.75.01.1009"),
        ("Kebon Agung", "35.75.02.1005"),
        ("Bugulkidul", "35.75.03.1009"),  # the BPS spelling
        ("Tamba'an", "35.75.04.1002"),
        ("Desa Krampyangan", "35.75.03.1006"),
    ],
)
def test_kelurahan_names_map_to_kemendagri_codes(name, kode):
    assert region.kelurahan_by_name(name) == kode


def test_unknown_kelurahan_name_maps_to_nothing():
    assert region.kelurahan_by_name("Antah Berantah") is None


@pytest.mark.parametrize("code", ["35.75.03.1003", "3575031003", "3575030011", " 35 75 03 1003 "])
def test_kelurahan_codes_in_kemendagri_and_bps_form_map_to_one_code(code):
    assert region.kelurahan_by_code(code) == TAPAAN


def test_short_dtks_desa_code_is_not_guessed():
    """DTKS KDDESA '011' only means something together with KDKEC; alone it maps to nothing."""
    assert region.kelurahan_by_code("011") is None


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Bugul Kidul", "35.75.03"),
        ("KEC. BUGUL KIDUL", "35.75.03"),
        ("Kecamatan Bugulkidul", "35.75.03"),
        ("35.75.03", "35.75.03"),
        ("357503", "35.75.03"),
        ("03", "35.75.03"),
        ("3575030", "35.75.03"),  # BPS
        ("030", "35.75.03"),  # BPS, as DTKS KDKEC
        ("010", "35.75.01"),
        ("30", "35.75.03"),  # KDKEC 030 once Excel has read it as a number
        ("31", "35.75.04"),
        ("Panggungrejo", "35.75.04"),
        ("3575031", "35.75.04"),  # Panggungrejo's BPS code is 031, not 040
        ("031", "35.75.04"),
        ("04", "35.75.04"),
    ],
)
def test_kecamatan_names_and_codes(text, kode):
    assert region.kecamatan_code(text) == kode


@pytest.mark.parametrize("text", ["99", "040", "Bangil", ""])
def test_unknown_kecamatan_maps_to_nothing(text):
    assert region.kecamatan_code(text) is None


def test_suggestions_name_the_closest_kelurahan_first():
    assert region.suggestions("Krapyak")[0] == "Krapyakrejo"
    assert region.suggestions("Tembok Rejo")[0] == "Tembokrejo"
    assert region.suggestions("zzzzzz") == []


def test_reference_names_cover_every_kelurahan():
    names = region.names()
    assert len(names) == 34
    assert names[TAPAAN] == ("Tapa'an", "Bugul Kidul")
    assert {kec for _, kec in names.values()} == {
        "Gadingrejo",
        "Purworejo",
        "Bugul Kidul",
        "Panggungrejo",
    }


# --- rules ---------------------------------------------------------------------------------


def evaluate(field: str, cells: list, header: str = "", dataset=KELUARGA) -> list[tuple]:
    """(value, first reject reason, warnings) of each cell under the field's rule, in SQL."""
    f = dataset.field(field)
    rule = rule_for(f, "k", header, "p", "v")
    prep = "".join(f", {expr} AS {name}" for name, expr in rule.prep.items())

    def first(checks):
        whens = " ".join(f"WHEN {c} THEN {r if isinstance(r, Sql) else q(r)}" for c, r in checks)
        return f"CASE {whens} END" if checks else "NULL"

    pieces = ", ".join(f"CASE WHEN {c} THEN {q(r)} END" for c, r in rule.warnings)
    warns = f"concat_ws('|', {pieces})" if pieces else "''"
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE t (i INTEGER, k VARCHAR)")
        con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(cells)))
        return con.execute(
            f"SELECT v, {first(rule.rejects)}, {warns} "
            f"FROM (SELECT *, {rule.value} AS v FROM (SELECT i, k{prep} FROM t)) ORDER BY i"
        ).fetchall()
    finally:
        con.close()


def values(field: str, cells: list, header: str = "") -> list:
    return [v for v, _, _ in evaluate(field, cells, header)]


def test_money_spellings_parse_to_the_same_rupiah():
    cells = [
        "Rp 2.500.000",
        "2.500.000,00",
        "2500000",
        "2,500,000",
        "Rp. 2.500.000,-",
        "IDR 2500000",
    ]
    assert values("pendapatan_bulanan", cells) == [2_500_000.0] * len(cells)


@given(st.integers(0, 10**10), st.sampled_from(["rp", "dots", "dots_cents", "commas", "plain"]))
@settings(max_examples=40, deadline=None)
def test_any_whole_rupiah_amount_reads_back_in_every_spelling(amount, style):
    dotted = f"{amount:,}".replace(",", ".")
    text = {
        "rp": f"Rp {dotted}",
        "dots": dotted,
        "dots_cents": f"{dotted},00",
        "commas": f"{amount:,}",
        "plain": str(amount),
    }[style]
    assert values("pendapatan_bulanan", [text]) == [float(amount)]


@pytest.mark.parametrize("text", ["-5000", "Rp -5.000", "(5.000)", "- 5000"])
def test_negative_money_is_rejected(text):
    [(_, reason, _)] = evaluate("pengeluaran_bulanan", [text])
    assert reason == "nilai uang negatif"


def test_money_that_is_not_a_number_is_rejected():
    [(value, reason, _)] = evaluate("pengeluaran_bulanan", ["dua juta"])
    assert (value, reason) == (None, "pengeluaran bulanan bukan nilai rupiah")


IDENT_CASES = [
    ("3575034507800002", "3575034507800002", None),
    ("'3575034507800002", "3575034507800002", None),  # Excel's text marker
    ("3575 0345 0780 0002", "3575034507800002", None),
    (
        "3.57503E+15",
        None,
        "NIK kepala keluarga dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks",
    ),
    (
        "3575034507800002.0",
        None,
        "NIK kepala keluarga tersimpan sebagai angka desimal; ekspor ulang kolom ini sebagai teks",
    ),
    ("35750345078OOOO2", None, "NIK kepala keluarga berisi karakter selain angka"),
    ("357503450780002", None, "NIK kepala keluarga hanya 15 digit (digit ke-16 hilang)"),
    ("35750345078000021", None, "NIK kepala keluarga tidak 16 digit"),
    ("9975034507800002", "9975034507800002", "kode wilayah NIK kepala keluarga tidak valid"),
    ("3500034507800002", "3500034507800002", "kode wilayah NIK kepala keluarga tidak valid"),
    ("3575004507800002", "3575004507800002", "kode kecamatan NIK kepala keluarga tidak valid"),
    ("3575033207800002", "3575033207800002", "tanggal lahir dalam NIK kepala keluarga tidak valid"),
    ("3575034513800002", "3575034513800002", "tanggal lahir dalam NIK kepala keluarga tidak valid"),
    ("3575034507800000", "3575034507800000", "nomor urut NIK kepala keluarga 0000"),
    (None, None, "NIK kepala keluarga kosong"),
]


@pytest.mark.parametrize(("cell", "value", "reason"), IDENT_CASES)
def test_nik_rule_reads_text_only_and_names_why(cell, value, reason):
    [(got, why, _)] = evaluate("nik_kepala", [cell])
    assert (got, why) == (value, reason)


def test_no_kk_rule_has_no_birth_date_check():
    # A No KK's middle digits are an issue date, not a birth date: day 32 is not checked.
    [(got, why, _)] = evaluate("no_kk", ["3575033207800002"])
    assert (got, why) == ("3575033207800002", None)


@pytest.mark.parametrize(
    "cell",
    [
        "05/07/1980",
        "5/7/1980",
        "05-07-1980",
        "1980-07-05",
        "05/07/1980 0:00:00",
        "29407",
        "05.07.1980",
    ],
)
def test_date_spellings_parse(cell):
    assert values("tanggal_lahir", [cell]) == [dt.date(1980, 7, 5)]


def test_bare_year_is_the_first_of_january_and_an_unreadable_date_warns():
    (year, _, none), (bad, _, warn) = evaluate("tanggal_lahir", ["1980", "kemarin"])
    assert (year, none) == (dt.date(1980, 1, 1), "")
    assert (bad, warn) == (None, "tanggal lahir bukan tanggal yang terbaca")


def test_percentile_header_turns_percent_into_desil_and_desil_header_does_not():
    assert values("desil", ["35", "5", "100", "0"], header="percentile") == [4, 1, 10, 1]
    assert values("desil", ["4", "10", "35"], header="desil") == [4, 10, None]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Ya", True),
        ("ya ", True),
        ("Y", True),
        ("1", True),
        ("TIDAK", False),
        ("t", False),
        ("0", False),
    ],
)
def test_yes_no_spellings(cell, value):
    assert values("miskin_ekstrem", [cell]) == [value]


def test_unknown_yes_no_is_a_warning_not_a_reject():
    [(value, reason, warn)] = evaluate("miskin_ekstrem", ["mungkin"])
    assert (value, reason, warn) == (None, None, "miskin ekstrem bukan ya/tidak")


def test_codebook_fields_take_codes_or_labels():
    cells = ["2", "Keramik", "keramik ", "2.0", "Semen/bata merah", "Marmer / Granit", "batu"]
    assert values("lantai", cells) == [2, 2, 2, 2, 6, 1, None]


def test_sex_codes_and_words():
    cells = ["L", "Laki-laki", "1", "P", "Perempuan", "2", "x"]
    assert values("jenis_kelamin", cells) == ["L", "L", "L", "P", "P", "P", None]


def test_rt_rw_drop_leading_zeros_and_survive_nonsense():
    cells = ["001", "1", "RT 001", "RT. 01", "", "9" * 30]
    assert values("rt", cells) == ["1", "1", "1", "1", None, None]


def test_member_count_must_be_a_whole_number_of_at_least_one():
    rows = evaluate("jumlah_anggota", ["4", "4,0", "0", "empat", None])
    assert [(v, r) for v, r, _ in rows] == [
        (4, None),
        (4, None),
        (0, "jumlah anggota kurang dari 1"),
        (None, "jumlah anggota bukan bilangan bulat"),
        (None, "jumlah anggota kosong"),
    ]


def test_enum_default_and_fallback():
    penyaluran = DATASETS["penyaluran"]
    rows = evaluate("status", [None, "Tersalur", "GAGAL", "hilang"], dataset=penyaluran)
    assert [v for v, _, _ in rows] == ["tersalur", "tersalur", "gagal", None]
    assert rows[3][2] == "status tidak dikenal"

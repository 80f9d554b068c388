"""Indonesian formatting on Babel's id_ID, with the project's own style kept on top.

Every expected text is worked out by hand: '.' groups thousands, ',' marks decimals, halves
round away from zero, a missing value is '–', large sums spell out juta / miliar / triliun.
"""

import datetime as dt

import pandas as pd
import pytest

from pantau import fmt


@pytest.mark.parametrize(
    ("value", "desimal", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (1234, 0, "1.234"),
        (1234567, 0, "1.234.567"),
        (-1234567, 0, "-1.234.567"),
        (12345.6, 1, "12.345,6"),
        (12345.64, 1, "12.345,6"),
        (0.5, 0, "1"),  # half up, not Babel's half-to-even "0"
        (2.5, 0, "3"),
        (-2.5, 0, "-3"),
        (2.675, 2, "2,68"),  # the shortest decimal text, not the binary 2.67499…
        (-0.04, 1, "0,0"),  # rounds to zero: no "-0,0"
        (1000.0, 2, "1.000,00"),
    ],
)
def test_numbers_group_thousands_with_dots_and_round_half_up(value, desimal, expected):
    assert fmt.angka(value, desimal) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, pd.NaT])
def test_a_missing_value_is_a_dash_everywhere(missing):
    for f in (fmt.angka, fmt.rupiah, fmt.rupiah_singkat, fmt.persen, fmt.tanggal, fmt.waktu):
        assert f(missing) == "–"
    assert fmt.periode(None) == "–"


def test_a_suppressed_cell_is_shown_as_the_policy_wrote_it():
    for f in (fmt.angka, fmt.rupiah, fmt.rupiah_singkat, fmt.persen):
        assert f("<5") == "<5"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "Rp 0"),
        (845000, "Rp 845.000"),
        (2500000, "Rp 2.500.000"),
        (-2500000, "-Rp 2.500.000"),
        (1250000.5, "Rp 1.250.001"),
        (-0.4, "Rp 0"),
    ],
)
def test_rupiah_has_a_space_after_rp_and_the_sign_before_it(value, expected):
    assert fmt.rupiah(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (845000, "Rp 845.000"),  # under a million: the whole sum
        (2070000, "Rp 2,07 juta"),
        (12500000, "Rp 12,5 juta"),
        (1200000000, "Rp 1,20 miliar"),  # miliar spelled out, never Babel's "M"
        (1250000000, "Rp 1,25 miliar"),
        (45600000000, "Rp 45,6 miliar"),
        (3000000000000, "Rp 3,00 triliun"),
        (-2070000, "-Rp 2,07 juta"),  # the sign where fmt.rupiah puts it
    ],
)
def test_short_rupiah_spells_out_juta_and_miliar(value, expected):
    assert fmt.rupiah_singkat(value) == expected


@pytest.mark.parametrize(
    ("share", "desimal", "expected"),
    [
        (0, 1, "0,0%"),
        (0.1234, 1, "12,3%"),
        (3 / 7, 1, "42,9%"),
        (1, 1, "100,0%"),
        (0.125, 0, "13%"),  # 12,5 rounds up
        (12.345, 1, "1.234,5%"),
    ],
)
def test_percent_is_a_share_times_100_with_a_decimal_comma(share, desimal, expected):
    assert fmt.persen(share, desimal) == expected


@pytest.mark.parametrize(
    ("p", "expected"),
    [("2024-06", "Juni 2024"), ("2021-12", "Desember 2021"), ("2023-02", "Februari 2023")],
)
def test_a_period_is_the_month_name_and_year(p, expected):
    assert fmt.periode(p) == expected


def test_text_that_is_not_a_period_is_shown_as_it_is():
    assert fmt.periode("2024-6x") == "2024-6x"
    assert fmt.periode("Juni") == "Juni"
    assert fmt.periode("2024-13") == "2024-13"


def test_a_date_is_day_month_name_year():
    assert fmt.tanggal(dt.date(2024, 6, 5)) == "5 Juni 2024"
    assert fmt.tanggal(pd.Timestamp("2023-08-17")) == "17 Agustus 2023"


def test_a_moment_is_shown_in_wib_whatever_zone_it_was_written_in():
    # 00:03 UTC is 07:03 in Jakarta (UTC+7, no daylight saving).
    assert fmt.waktu("2024-06-05T00:03:00+00:00") == "5 Juni 2024 07.03 WIB"
    # 23:30 UTC on the 30th is already the 1st of July in Jakarta.
    utc = dt.datetime(2024, 6, 30, 23, 30, tzinfo=dt.UTC)
    assert fmt.waktu(utc) == "1 Juli 2024 06.30 WIB"
    assert fmt.waktu("2024-06-05T14:03:09+07:00") == "5 Juni 2024 14.03 WIB"


def test_a_moment_without_a_zone_is_the_servers_local_time(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        assert fmt.waktu("2024-06-05T10:00:00") == "5 Juni 2024 17.00 WIB"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_text_that_is_not_a_moment_is_shown_as_it_is():
    assert fmt.waktu("kemarin") == "kemarin"
    assert fmt.waktu("") == "–"


@pytest.mark.parametrize(
    ("diff", "satuan", "desimal", "expected"),
    [
        (12, "keluarga", 0, "+12 keluarga"),
        (-1500, "keluarga", 0, "-1.500 keluarga"),
        (0, "keluarga", 0, "±0 keluarga"),
        (0.25, "", 1, "+0,3"),  # 0,25 rounds half up
        (-0.04, "", 1, "±0,0"),  # rounds to zero: no "-0,0"
        (None, "", 0, None),
        (float("nan"), "", 0, None),
        ("<5", "", 0, None),
        ("×", "keluarga", 0, None),  # a change the policy hid has no delta
    ],
)
def test_a_change_is_signed_in_ascii(diff, satuan, desimal, expected):
    assert fmt.selisih(diff, satuan, desimal) == expected


@pytest.mark.parametrize(
    ("diff", "expected"),
    [
        (0.2, "+20,0 poin persen"),
        (-0.0125, "-1,3 poin persen"),  # 1,25 points round half up
        (1.0 - 0.8, "+20,0 poin persen"),  # 0,19999999999999996 from the subtraction
        ("×", None),
        (None, None),
    ],
)
def test_a_change_of_a_share_is_in_percentage_points(diff, expected):
    assert fmt.selisih_poin_persen(diff) == expected


def test_plotly_gets_the_indonesian_decimal_then_group_mark():
    assert fmt.PEMISAH_PLOTLY == ",."

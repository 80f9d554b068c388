"""The tables kept per refresh for speed (issue 11, bench/RESULTS.md) give the figures their
definitions give: on the hand-made city of tests/kota_uji.py, for the latest period (2024-12,
read from the kept tables) and an earlier one (2024-09, computed), the kept path equals the
computed one, and the year-to-date sums equal the payments summed one by one.

Aid of 2024 to the end of September, each payment once, booked where the family lived when paid
(kota_uji.py's table; q1 December, q2 and q3 October are later):
  Gadingrejo   p1 600.000 (i0) + p2 450.000 (i2, still Karangketug in March)
               + p3 800.000 (i1, gagal in June, tersalur in December's export) = 1.850.000
  Panggungrejo p4 600.000 (i3) + h1 800.000 (i3's head's NIK) = 1.400.000
  Wilayah tidak diketahui u1 600.000 + u2 800.000 = 1.400.000
  Kota Pasuruan 1.850.000 + 1.400.000 + 1.400.000 = 4.650.000
  by source: DBHCHT p3 + h1 + u2 = 2.400.000, 3 KPM (i1, i3, u2's No KK);
             APBD p1 + p2 + p4 + u1 = 2.250.000, 4 KPM (i0, i2, i3, u1's NIK).
No payment is dated in 2023: "the same span a year earlier" is no data (NULL), not 0.
"""

from __future__ import annotations

import pandas as pd
import pytest
from kota_uji import build

from pantau import queries

DES, SEP = "2024-12", "2024-09"
AREAS = [(None, None), ("35.75.01", None), ("35.75.04", None), (None, "35.75.04.1007")]


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    data = build(tmp_path_factory.mktemp("cepat") / "data")
    queries._engines.clear()
    e = queries.engine(data)
    e.refresh()
    return e


def sql(eng, text: str) -> list[tuple]:
    cur = eng.con.cursor()
    try:
        return [tuple(r) for r in queries._execute(cur, text, {}).itertuples(index=False)]
    finally:
        cur.close()


def test_the_latest_period_is_the_one_kept(eng):
    assert sql(eng, "SELECT getvariable('periode_tersimpan')") == [(DES,)]


@pytest.mark.parametrize("periode", [DES, SEP])
def test_kept_year_to_date_payments_equal_the_computed_ones(eng, periode):
    kept = sql(eng, f"SELECT * FROM salur_tahun_ini_cepat('{periode}') ORDER BY ALL")
    computed = sql(eng, f"SELECT * FROM salur_tahun_ini('{periode}') ORDER BY ALL")
    assert kept == computed and len(kept) > 0
    # the December period reads the kept table, which holds December's span only
    assert sql(eng, "SELECT count(*) FROM salur_tahun_ini_terakhir") == [
        (len(sql(eng, f"SELECT * FROM salur_tahun_ini('{DES}')")),)
    ]


@pytest.mark.parametrize("periode", [DES, SEP, "2024-06"])
@pytest.mark.parametrize("kec,kel", AREAS)
def test_year_to_date_sums_by_month_equal_the_payments_one_by_one(eng, periode, kec, kel):
    k = "NULL" if kec is None else f"'{kec}'"
    l_ = "NULL" if kel is None else f"'{kel}'"
    (row,) = sql(
        eng,
        f"SELECT bantuan_sejak_awal_tahun('{periode}', {k}, {l_}), "
        f"(SELECT coalesce(sum(nilai), 0) FROM penyaluran_di({k}, {l_}) "
        f" WHERE status = 'tersalur' AND sejak_awal_tahun(tanggal_salur, '{periode}')), "
        f"keluar_sejak_awal_tahun('{periode}', {k}, {l_}), "
        f"(SELECT count(DISTINCT no_kk) FROM pemantauan_di({k}, {l_}) "
        f" WHERE status_ekstrem = 'keluar' AND sejak_awal_tahun(tanggal, '{periode}'))",
    )
    assert row[0] == row[1]
    assert pd.isna(row[2]) or row[2] == row[3]  # NULL only when no visit is dated in the span


def test_aid_to_the_end_of_september_by_area_and_source(eng):
    w = eng.run("bantuan_per_wilayah", {"periode": SEP})
    assert dict(zip(w["wilayah"], w["nilai_tersalur"], strict=True)) == {
        "Gadingrejo": 1_850_000,
        "Panggungrejo": 1_400_000,
        "Bugul Kidul": 0,
        "Purworejo": 0,
        "Wilayah tidak diketahui": 1_400_000,
        "Kota Pasuruan": 4_650_000,
    }
    d = eng.run("bantuan_per_sumber_dana", {"periode": SEP})
    assert {r.sumber_dana: (r.nilai, r.kpm) for r in d.itertuples()} == {
        "DBHCHT": (2_400_000, 3),
        "APBD": (2_250_000, 4),
    }
    k = eng.run("ringkasan_kpi", {"periode": SEP}).iloc[0]
    assert k["bantuan_rp_tahun_ini"] == 4_650_000
    k = eng.run("ringkasan_kpi", {"periode": DES}).iloc[0]
    assert k["bantuan_rp_tahun_ini"] == 7_850_000
    assert pd.isna(k["bantuan_rp_tahun_lalu"])  # NULL: nothing paid in 2023


@pytest.mark.parametrize("periode", [DES, SEP])
def test_programme_table_adds_up_to_the_area_table(eng, periode):
    for kec, kel in AREAS:
        params = {"periode": periode, "kode_kec": kec, "kode_kel": kel}
        d = eng.run("bantuan_program_dana", params)
        w = eng.run("bantuan_per_wilayah", params)
        total = w[w["tingkat"] == "total"].iloc[0]
        assert d["nilai_tersalur"].sum() == total["nilai_tersalur"]
        assert d["penyaluran_tersalur"].sum() == total["penyaluran_tersalur"]


@pytest.mark.parametrize("periode", [DES, SEP])
def test_kept_bansos_recipients_equal_the_computed_ones(eng, periode):
    kept = sql(eng, f"SELECT * FROM penerima_bansos_cepat('{periode}') ORDER BY ALL")
    computed = sql(eng, f"SELECT * FROM penerima_bansos('{periode}') ORDER BY ALL")
    direct = sql(eng, f"SELECT no_kk FROM cakupan('{periode}') WHERE tercakup_bansos ORDER BY ALL")
    assert kept == computed == direct and len(kept) > 0


@pytest.mark.parametrize("periode", [DES, SEP])
def test_kept_targeting_groups_equal_the_computed_ones(eng, periode):
    kept = sql(eng, f"SELECT * FROM sasaran_kelompok_cepat('{periode}') ORDER BY ALL")
    computed = sql(eng, f"SELECT * FROM sasaran_kelompok('{periode}') ORDER BY ALL")
    assert kept == computed and len(kept) > 0
    # every recipient once per programme, and once in the per-KPM rows (program NULL)
    per_row = sql(eng, f"SELECT count(*) FROM penerima_bayar('{periode}')")
    per_kpm = sql(eng, f"SELECT count(DISTINCT kpm) FROM penerima_bayar('{periode}')")
    n = dict(
        sql(
            eng,
            f"SELECT program IS NULL, sum(n) FROM sasaran_kelompok('{periode}') GROUP BY 1",
        )
    )
    assert (n[False], n[True]) == (per_row[0][0], per_kpm[0][0])

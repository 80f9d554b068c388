"""One set of definitions (issue 11 §2) on a hand-made city: targeting errors against one named
eligible set, the three coverage figures and their windows, the two counts of "extreme poor"
and the deck's next steps. Every expected figure is worked out by hand in the comments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk, open_page, page_texts

from pantau import queries
from pantau.report import build_deck

A = "35.75.04.1007"  # Kel. Ngemplakrejo, Kec. Panggungrejo
B = "35.75.01.1001"  # Kel. Karangketug, Kec. Gadingrejo
KEC_B = "35.75.01"
Q, P, R = "2024-03", "2024-06", "2024-12"
T = "2024-01"  # a bansos-style list of the same families: no desil, no flag, no business

# The list of 2024-06 and 2024-12 (2024-03 also has i8). i = position = kk(i). The 2024 extreme
# line is Rp 391.000 per person per month.
#  i kel ekstrem desil usaha PKH(enrolled) jiwa spending/month  per person
#  0  A   Ya     1     Ya     Ya           4    1.200.000        300.000  below
#  1  A   Ya     1     -      -            3    1.500.000        500.000  above
#  2  A   Ya     2     Ya     -            5    1.500.000        300.000  below
#  3  A   -      3     -      Ya           2      600.000        300.000  below
#  4  B   Ya     1     Ya     -            4    (0 = no figure)
#  5  B   -      4     Ya     -            3    2.400.000        800.000  above
#  6  B   -      5     -      -            2      700.000        350.000  below
#  7  B   -      6     -      -            4    4.000.000      1.000.000  above
#  8  B   Ya     1     Ya     -            4    1.200.000  (2024-03 only: left the list)
FAMILIES = [
    (A, "Ya", 1, "Ya", "Ya", 4, 1_200_000),
    (A, "Ya", 1, "Tidak", "Tidak", 3, 1_500_000),
    (A, "Ya", 2, "Ya", "Tidak", 5, 1_500_000),
    (A, "Tidak", 3, "Tidak", "Ya", 2, 600_000),
    (B, "Ya", 1, "Ya", "Tidak", 4, 0),
    (B, "Tidak", 4, "Ya", "Tidak", 3, 2_400_000),
    (B, "Tidak", 5, "Tidak", "Tidak", 2, 700_000),
    (B, "Tidak", 6, "Tidak", "Tidak", 4, 4_000_000),
    (B, "Ya", 1, "Ya", "Tidak", 4, 1_200_000),
]

# Payments, all 'tersalur' (SD = Sembako Daerah, MU = Modal Usaha). BLT is one-off, paid
# 20-12-2023: inside the 12 months up to 30-06-2024, outside those up to 31-12-2024 and
# outside the calendar year 2024.
SD = ("Sembako Daerah", "APBD", 600_000)
PAYMENTS = {
    "2023-12": [
        (1, ("BLT", "DBHCHT", 800_000), "2023-12-20"),
        (7, ("BLT", "DBHCHT", 800_000), "2023-12-20"),
    ],
    P: [
        (0, SD, "2024-04-10"),
        (3, SD, "2024-04-10"),
        (6, SD, "2024-04-10"),
        (7, SD, "2024-04-10"),
        (5, ("PKH", "APBN", 750_000), "2024-03-01"),
        (2, ("Modal Usaha", "DBHCHT", 2_500_000), "2024-02-01"),
        (5, ("Modal Usaha", "DBHCHT", 2_500_000), "2024-05-01"),
    ],
}
# i0 was visited in May 2024 and had left extreme poverty (the SK list not yet updated).
VISITS = [(0, "2024-05-10", 1_800_000, "Keluar")]


def _keluarga(periode: str) -> pd.DataFrame:
    fams = FAMILIES if periode == Q else FAMILIES[:8]
    return keluarga_rows(
        [
            {
                "kode_kel": kel,
                "miskin_ekstrem": eks,
                "desil": desil,
                "punya_usaha": usaha,
                "PKH": pkh,
                "jumlah_anggota": jiwa,
                "pengeluaran_bulanan": rp,
            }
            for kel, eks, desil, usaha, pkh, jiwa, rp in fams
        ]
    )


def _penyaluran(rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "no_kk": kk(i),
                "program": prog,
                "sumber_dana": dana,
                "tanggal_salur": tgl,
                "nilai": nilai,
                "status": "Tersalur",
            }
            for i, (prog, dana, nilai), tgl in rows
        ]
    )


@pytest.fixture(scope="module")
def lake(tmp_path_factory) -> Path:
    return build_lake(
        tmp_path_factory.mktemp("definisi"),
        {
            "keluarga": {
                T: keluarga_rows(
                    [
                        {
                            "kode_kel": f[0],
                            "miskin_ekstrem": None,
                            "PKH": f[4],
                            "jumlah_anggota": f[5],
                            "pengeluaran_bulanan": f[6],
                        }
                        for f in FAMILIES[:8]
                    ]
                ),
                **{p: _keluarga(p) for p in (Q, P, R)},
            },
            "penyaluran": {p: _penyaluran(rows) for p, rows in PAYMENTS.items()},
            "pemantauan": {
                P: pd.DataFrame(
                    [
                        {
                            "no_kk": kk(i),
                            "tanggal": t,
                            "pendapatan_bulanan": rp,
                            "status_ekstrem": s,
                        }
                        for i, t, rp, s in VISITS
                    ]
                )
            },
        },
    )


def q(lake, name, **params) -> pd.DataFrame:
    return queries.run(name, params, lake)


def by_program(df: pd.DataFrame, acuan: str) -> dict:
    return {r["program"]: r for r in df[df["acuan"] == acuan].to_dict("records")}


# --- targeting errors -------------------------------------------------------------------------

# What each family received in the 12 months up to 30-06-2024 (paid or enrolled):
#  i0 PKH (enrolled), SD   i1 BLT   i2 MU   i3 PKH (enrolled), SD   i4 nothing
#  i5 PKH (paid), MU       i6 SD    i7 SD, BLT


def test_targeting_against_the_extreme_poor_list_uses_it_on_both_sides(lake):
    df = q(lake, "bantuan_ketepatan_sasaran", periode=P)
    a = by_program(df, "miskin_ekstrem")
    semua = a["Semua program"]
    assert semua["sasaran"] == "daftar miskin ekstrem"
    # Eligible = the extreme-poor list: i0 i1 i2 i4 = 4; receiving any programme i0 i1 i2 → i4
    # excluded: 1/4.
    assert (semua["keluarga_sasaran"], semua["keluarga_sasaran_tidak_menerima"]) == (4, 1)
    assert semua["kesalahan_eksklusi"] == pytest.approx(1 / 4)
    # Recipients i0 i1 i2 i3 i5 i6 i7 = 7 KPM (enrolment counts as receiving on this side
    # too); not on the extreme-poor list: i3 i5 i6 i7 = 4 → 4/7.
    assert (semua["kpm_penerima"], semua["kpm_bukan_sasaran"]) == (7, 4)
    assert semua["kesalahan_inklusi"] == pytest.approx(4 / 7)
    # Per programme, the same eligible set: SD recipients i0 i3 i6 i7, 3 not extreme-poor;
    # SD reached 1 of the 4 extreme-poor. PKH: enrolled i0 i3 and paid i5: i3 i5 outside.
    assert (
        a["Sembako Daerah"]["kesalahan_inklusi"],
        a["Sembako Daerah"]["kesalahan_eksklusi"],
    ) == (
        pytest.approx(3 / 4),
        pytest.approx(3 / 4),
    )
    assert (a["PKH"]["kpm_penerima"], a["PKH"]["kpm_bukan_sasaran"]) == (3, 2)
    assert a["Modal Usaha"]["kesalahan_inklusi"] == pytest.approx(1 / 2)  # i5 of i2 i5
    assert a["BLT"]["kesalahan_inklusi"] == pytest.approx(1 / 2)  # i7 of i1 i7


def test_targeting_per_programme_against_its_own_rule(lake):
    b = by_program(q(lake, "bantuan_ketepatan_sasaran", periode=P), "syarat_program")
    # Only programmes with a recipient in the window and a rule in program.csv.
    assert sorted(b) == ["BLT", "Modal Usaha", "PKH", "Sembako Daerah"]
    sd = b["Sembako Daerah"]
    # desil 1-5: i0..i6 = 7 eligible (i7 is desil 6); SD reached i0 i3 i6 → 4/7 excluded;
    # of the 4 recipients i7 is outside the rule → 1/4.
    assert (sd["sasaran"], sd["keluarga_sasaran"], sd["keluarga_sasaran_tidak_menerima"]) == (
        "desil 1–5",
        7,
        4,
    )
    assert (sd["kesalahan_eksklusi"], sd["kesalahan_inklusi"]) == (
        pytest.approx(4 / 7),
        pytest.approx(1 / 4),
    )
    pkh = b["PKH"]
    # desil 1-4: i0..i5 = 6; reached i0 i3 (enrolled) i5 (paid) → 3/6; none outside the rule.
    assert (pkh["sasaran"], pkh["keluarga_sasaran"]) == ("desil 1–4", 6)
    assert (pkh["kesalahan_eksklusi"], pkh["kesalahan_inklusi"]) == (pytest.approx(0.5), 0)
    mu = b["Modal Usaha"]
    # extreme-poor with a business: i0 i2 i4 = 3; reached i2 → 2/3; i5 (not extreme) of i2 i5.
    assert (mu["keluarga_sasaran"], mu["kesalahan_eksklusi"], mu["kesalahan_inklusi"]) == (
        3,
        pytest.approx(2 / 3),
        pytest.approx(1 / 2),
    )
    blt = b["BLT"]
    # extreme-poor: i0 i1 i2 i4 = 4; reached i1 → 3/4; i7 outside of i1 i7.
    assert (blt["keluarga_sasaran"], blt["kesalahan_eksklusi"], blt["kesalahan_inklusi"]) == (
        4,
        pytest.approx(3 / 4),
        pytest.approx(1 / 2),
    )


def test_targeting_in_one_kecamatan_counts_the_eligible_and_recipients_living_there(lake):
    df = q(lake, "bantuan_ketepatan_sasaran", periode=P, kode_kec=KEC_B)
    semua = by_program(df, "miskin_ekstrem")["Semua program"]
    # Gadingrejo: i4..i7. Extreme-poor i4, reached by nothing → 1/1; recipients i5 i6 i7,
    # none extreme-poor → 3/3.
    assert (semua["keluarga_sasaran"], semua["kesalahan_eksklusi"]) == (1, 1)
    assert (semua["kpm_penerima"], semua["kesalahan_inklusi"]) == (3, 1)
    sd = by_program(df, "syarat_program")["Sembako Daerah"]
    # desil 1-5 there: i4 i5 i6 = 3, reached i6 → 2/3; recipients i6 i7, i7 outside → 1/2.
    assert (sd["keluarga_sasaran"], sd["kesalahan_eksklusi"], sd["kesalahan_inklusi"]) == (
        3,
        pytest.approx(2 / 3),
        pytest.approx(1 / 2),
    )


def test_targeting_of_the_latest_period_leaves_the_one_off_blt_out_after_12_months(lake):
    # 2024-12 is the latest period (its recipients are kept as a table): window 01-01-2024 to
    # 31-12-2024, so BLT (20-12-2023) is out. Recipients i0 i2 i3 i5 i6 i7 = 6, extreme-poor
    # i0 i2 → exclusion (4 - 2)/4, inclusion 4/6; no BLT row against its rule.
    df = q(lake, "bantuan_ketepatan_sasaran", periode=R)
    semua = by_program(df, "miskin_ekstrem")["Semua program"]
    assert semua["kesalahan_eksklusi"] == pytest.approx(0.5)
    assert (semua["kpm_penerima"], semua["kpm_bukan_sasaran"]) == (6, 4)
    assert "BLT" not in by_program(df, "syarat_program")
    assert q(lake, "bantuan_ketepatan_sasaran", periode=R).equals(
        q(lake, "bantuan_ketepatan_sasaran")
    )


# --- coverage ---------------------------------------------------------------------------------


def test_three_coverage_figures_each_named(lake):
    df = q(lake, "bantuan_cakupan_program", periode=P).set_index("program")
    # Extreme-poor i0 i1 i2 i4 = 4. Bansos (strategy 1: PKH, SD, BLT): i0 i1 = 2/4.
    # Strategy 2 (MU): i2 = 1/4. Any programme: i0 i1 i2 = 3/4.
    assert df.loc["Bansos (strategi 1)", "cakupan"] == pytest.approx(0.5)
    assert df.loc["Pemberdayaan (strategi 2)", "cakupan"] == pytest.approx(0.25)
    assert df.loc["Program apa pun", "cakupan"] == pytest.approx(0.75)
    assert df.loc["Modal Usaha", "strategi"] == 2 and df.loc["BLT", "strategi"] == 1
    # The headline KPI is cakupan bansos.
    kpi = q(lake, "ringkasan_kpi", periode=P).iloc[0]
    assert kpi["cakupan"] == pytest.approx(0.5)
    skor = q(lake, "skor_strategi", periode=P).set_index("indikator")
    assert skor.loc["Cakupan bansos keluarga miskin ekstrem", "nilai"] == pytest.approx(0.5)


def test_one_off_blt_counts_for_12_months_in_coverage_and_not_in_the_calendar_year(lake):
    # 2024-06: BLT to i1 (20-12-2023) lies in the 12 months up to 30-06-2024: i1 is covered.
    jun = q(lake, "bantuan_cakupan_program", periode=P).set_index("program")
    assert jun.loc["BLT", "keluarga_tercakup"] == 1
    # 2024-12: the 12 months start 01-01-2024: i1 is no longer covered; bansos i0 = 1/4, MU
    # (Feb 2024) still reaches i2, any programme i0 i2 = 2/4.
    dec = q(lake, "bantuan_cakupan_program", periode=R).set_index("program")
    assert "BLT" not in dec.index
    assert dec.loc["Bansos (strategi 1)", "cakupan"] == pytest.approx(0.25)
    assert dec.loc["Pemberdayaan (strategi 2)", "cakupan"] == pytest.approx(0.25)
    assert dec.loc["Program apa pun", "cakupan"] == pytest.approx(0.5)
    # Aid paid "this year" (1 January to the period's end) leaves the 2023 BLT out:
    # SD 4 × 600.000 + PKH 750.000 + MU 2 × 2.500.000 = 8.150.000.
    dana = q(lake, "bantuan_program_dana", periode=P)
    assert "BLT" not in set(dana["program"])
    assert q(lake, "ringkasan_kpi", periode=P).iloc[0]["bantuan_rp_tahun_ini"] == 8_150_000


def test_coverage_per_kelurahan_carries_the_three_figures(lake):
    df = q(lake, "bantuan_cakupan_kelurahan", periode=P, kode_kel=A).set_index("program")
    # Ngemplakrejo: extreme-poor i0 i1 i2; bansos i0 i1 = 2/3; strategy 2 i2 = 1/3; any 3/3.
    assert df.loc["Bansos (strategi 1)", "cakupan"] == pytest.approx(2 / 3)
    assert df.loc["Pemberdayaan (strategi 2)", "cakupan"] == pytest.approx(1 / 3)
    assert df.loc["Program apa pun", "cakupan"] == pytest.approx(1)


# --- two counts of "extreme poor" -------------------------------------------------------------


def test_reconciliation_of_the_flagged_list_and_spending_below_the_line(lake):
    r = q(lake, "beban_rekonsiliasi", periode=P).iloc[0]
    # Flagged: i0 (4 jiwa) i1 (3) i2 (5) i4 (4) = 4 keluarga, 16 jiwa. Below Rp 391.000:
    # i0 i2 (flagged) and i3 (2 jiwa) i6 (2 jiwa) (not flagged) = 4 keluarga, 13 jiwa.
    assert (r["keluarga_ditandai"], r["jiwa_ditandai"]) == (4, 16)
    assert (r["keluarga_di_bawah_garis"], r["jiwa_di_bawah_garis"]) == (4, 13)
    assert (r["keluarga_ditandai_di_bawah"], r["jiwa_ditandai_di_bawah"]) == (2, 9)
    assert (r["keluarga_ditandai_di_atas"], r["jiwa_ditandai_di_atas"]) == (1, 3)  # i1
    assert (r["keluarga_ditandai_tanpa_pengeluaran"], r["jiwa_ditandai_tanpa_pengeluaran"]) == (
        1,
        4,
    )
    assert (r["keluarga_di_bawah_tidak_ditandai"], r["jiwa_di_bawah_tidak_ditandai"]) == (2, 4)
    assert (r["tahun_garis"], r["garis_ekstrem"]) == (2024, 391_000)

    # The named list behind each part is the same families.
    def daftar(bagian):
        d = q(lake, "daftar_sasaran", periode=P, rekonsiliasi=bagian)
        return sorted(d["no_kk"])

    assert daftar("ditandai_di_atas") == [kk(1)]
    assert daftar("di_bawah_tidak_ditandai") == sorted([kk(3), kk(6)])
    assert daftar("ditandai_tanpa_pengeluaran") == [kk(4)]


def test_reconciliation_of_a_list_without_the_flag_has_the_below_the_line_count_only(lake):
    r = q(lake, "beban_rekonsiliasi", periode=T).iloc[0]
    # 2024-01 has the same spending but no flag: below the line i0 i2 i3 i6 = 4 keluarga,
    # 4 + 5 + 2 + 2 = 13 jiwa; the flagged parts are empty, not 0.
    assert not r["ada_tanda_ekstrem"]
    assert (r["keluarga_di_bawah_garis"], r["jiwa_di_bawah_garis"]) == (4, 13)
    assert pd.isna(r["keluarga_ditandai"]) and pd.isna(r["keluarga_di_bawah_tidak_ditandai"])


def test_beban_page_of_a_list_without_the_flag_shows_one_count(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/beban.py", "kepala", periode=T)
    assert "jadi hanya ada satu hitungan: 4 keluarga (13 jiwa)" in page_texts(at)
    assert "Ditandai miskin ekstrem di daftar periode ini" not in {m.label for m in at.metric}
    assert not [b for b in at.button if b.key.startswith("ke_daftar_")]


def test_reconciliation_in_one_kecamatan(lake):
    r = q(lake, "beban_rekonsiliasi", periode=P, kode_kec=KEC_B).iloc[0]
    # Gadingrejo: flagged i4 (no figure); below and not flagged i6.
    assert (r["keluarga_ditandai"], r["keluarga_ditandai_tanpa_pengeluaran"]) == (1, 1)
    assert (r["keluarga_di_bawah_garis"], r["keluarga_di_bawah_tidak_ditandai"]) == (1, 1)


# --- next steps -------------------------------------------------------------------------------


def test_next_steps_count_what_is_left_on_the_current_list(lake):
    n = q(lake, "langkah_berikutnya", periode=P).iloc[0]
    # Current (2024-06) list: extreme-poor i0 i1 i2 i4; not reached by bansos i2 i4 = 2.
    # A business and no modal usaha by 30-06-2024: i0 i4 (i2 got it; i8 is on the 2024-03
    # list only and is not counted); i0 left extreme poverty at its May visit.
    assert (n["keluarga_miskin_ekstrem"], n["keluarga_belum_tercakup_bansos"]) == (4, 2)
    assert n["keluarga_usaha_tanpa_modal"] == 2
    assert n["keluarga_usaha_tanpa_modal_sudah_keluar"] == 1
    assert n["keluarga_usaha_tanpa_modal_belum_keluar"] == 1
    # The old figure (families extreme-poor on any list up to now with a business and no modal
    # usaha) also counts i8, who left the list: 3.
    assert q(lake, "bantuan_modal_usaha_graduasi", periode=P).iloc[1]["keluarga"] == 3
    # A list without the flag has nothing to count (not 0 to do).
    assert q(lake, "langkah_berikutnya", periode=T).empty


def test_deck_next_steps_slide_uses_the_current_list(lake):
    deck = build_deck(lake, P, "kepala")
    slide = next(s for s in deck.slides if s.key == "selanjutnya")
    assert slide.judul == (
        "Sebelum akhir 2026: jangkau 2 keluarga miskin ekstrem yang belum tercakup bansos dan "
        "beri modal usaha kepada 2 keluarga yang punya usaha"
    )
    assert any("(1 di antaranya sudah tercatat keluar" in p for p in slide.poin)
    beban = next(s for s in deck.slides if s.key == "strategi_1")
    assert any(
        "16 jiwa ditandai dalam daftar, 13 jiwa berbelanja di bawah garis; 1 keluarga ditandai "
        "di atas garis (calon graduasi), 2 keluarga di bawah garis belum ditandai" in p
        for p in beban.poin
    )
    assert beban.judul.startswith("Bansos menjangkau 50,0% keluarga miskin ekstrem")


# --- pages ------------------------------------------------------------------------------------


def test_beban_page_shows_both_counts_and_links_named_lists_for_roles_that_see_them(
    lake, monkeypatch
):
    at = open_page(lake, monkeypatch, "pages/beban.py", "kepala", periode=P)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Ditandai miskin ekstrem di daftar periode ini"] == "16 jiwa"
    assert metrics["Di bawah garis ekstrem (pengeluaran)"] == "13 jiwa"
    table = at.dataframe[0].value
    assert table["Keluarga"].tolist() == ["2", "1", "1", "2"]
    assert table["Jiwa"].tolist() == ["9", "3", "4", "4"]
    keys = {b.key for b in at.button}
    assert {"ke_daftar_ditandai_di_atas", "ke_daftar_di_bawah_tidak_ditandai"} <= keys
    # The operator sees the counts but may not see named lists: no button.
    at = open_page(lake, monkeypatch, "pages/beban.py", "operator", periode=P)
    assert "Di bawah garis ekstrem (pengeluaran)" in {m.label for m in at.metric}
    assert not [b for b in at.button if b.key.startswith("ke_daftar_")]


def test_beban_link_opens_the_named_list_of_that_part(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/beban.py", "kepala", periode=P)
    at.button(key="ke_daftar_di_bawah_tidak_ditandai").click().run()
    assert not at.exception, at.exception
    assert "**2 keluarga** cocok dengan filter." in page_texts(at)
    assert sorted(at.dataframe[0].value["no_kk"]) == sorted([kk(3), kk(6)])


def test_bantuan_page_names_the_eligible_sets_and_the_windows(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/bantuan.py", "kepala", periode=P)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cakupan bansos (strategi 1)"] == "50,0%"
    assert metrics["Kesalahan eksklusi (daftar ekstrem)"] == "25,0%"
    # (a) inclusion is no headline (review M3): it judges PKH, SD, … by a rule they lack.
    assert "Kesalahan inklusi (daftar ekstrem)" not in metrics
    shown = page_texts(at)
    assert "(a) Terhadap daftar miskin ekstrem periode ini" in shown
    assert "(b) Terhadap syarat tiap program" in shown
    assert "dihitung di kedua sisi" in shown
    assert "12 bulan sampai akhir periode" in shown and "tahun kalender" in shown


def test_a_guest_cannot_work_out_a_small_part_of_the_reconciliation(lake):
    from pantau import privacy

    r = privacy.result("beban_rekonsiliasi", {"periode": P}, "tamu", lake).iloc[0]
    # jiwa below the line 13 = 9 flagged + 4 not flagged: the 4 is "<5", and 13 and 9 together
    # would give it back, so one of them is hidden too (the header's sums).
    assert r["jiwa_di_bawah_tidak_ditandai"] == "<5"
    assert privacy.HIDDEN in (r["jiwa_di_bawah_garis"], r["jiwa_ditandai_di_bawah"])
    n = privacy.result("langkah_berikutnya", {"periode": P}, "tamu", lake).iloc[0]
    assert n["keluarga_usaha_tanpa_modal_sudah_keluar"] == "<5"


def test_a_list_without_desil_or_flag_gives_no_targeting_rate_and_the_page_says_why(
    lake, monkeypatch
):
    # 2024-01 carries neither desil, nor the extreme flag, nor the business field: no rule can
    # be checked on it (not "nobody meets it", which would make every payment an inclusion
    # error), so no row; the page says why instead of "no list".
    assert q(lake, "bantuan_ketepatan_sasaran", periode=T).empty
    at = open_page(lake, monkeypatch, "pages/bantuan.py", "kepala", periode=T)
    shown = page_texts(at)
    assert "Daftar Januari 2024 tidak memuat tanda miskin ekstrem maupun desil" in shown
    assert "Belum ada daftar keluarga" not in shown


def test_the_catalogue_text_of_the_pocket_rule_says_what_57_kantong_does():
    # BPS review 3, B6: `python -m pantau query` described peta_kelurahan.kantong by the old
    # rule (30 extreme-poor keluarga and the whole 95 % Wilson interval above the city).
    from pantau import peta
    from pantau.config import QUERIES_DIR

    definition = (QUERIES_DIR / "_shared" / "57_kantong.sql").read_text(encoding="utf-8")
    assert "z_kantong()" in definition and "Bonferroni" in definition
    assert "wilson_bawah_z(keluarga_miskin_ekstrem, keluarga, z_kantong())" in definition
    for text in (
        queries.get("peta_kelurahan").returns,
        (QUERIES_DIR / "README.md").read_text(encoding="utf-8"),
        peta.PENJELASAN_INDEKS,
    ):
        assert "Bonferroni" in text
    header = queries.get("peta_kelurahan").returns
    assert "z_kantong()" in header and "per_1000_batas_uji" in header
    assert "at least 30 extreme-poor keluarga and the rate's whole 95 %" not in header
    # the index's base is the listed keluarga, in the header and in the macro the SQL uses
    assert "at least dasar_indeks() = 30 keluarga on its list" in header
    sql = (QUERIES_DIR / "_shared" / "65_peta_kelurahan.sql").read_text(encoding="utf-8")
    assert "keluarga >= dasar_indeks()" in sql
    assert "keluarga_miskin_ekstrem >= dasar_indeks()" not in sql

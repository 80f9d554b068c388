"""The modal usaha comparison after the BPS review (M5, M6, S10, S11): censoring at death, a move
out of the city and the last observation, the grant quarter k = 0 treated one way, the
sensitivity to each choice, visit rates by group, the rate ratio beside the odds ratio, how many
recipients the comparison covers, and the income DiD per person and per cohort. Every expected
figure is worked out by hand in the comments, on a hand-made lake or a tiny panel."""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk

from pantau import privacy, queries, stats

A = "35.75.04.1007"  # Ngemplakrejo
C = "35.75.01.1001"  # Karangketug
# Lists 2023-12, 2024-03, 2024-06 (everyone) and 2024-09 (everyone but i3). All desil 1, 4
# members, business yes, no spending figure: one matching cell per kelurahan. Period 2024-12.
#   i kel EP  Modal Usaha            visits                                   role (cohort 2024-Q1)
#   0 A   Ya  2024-01-15             05-10 masih; 08-10 keluar               recipient
#   1 A   Ya  2024-02-10             02-20 keluar (k = 0)                    recipient
#   2 A   Ya  -                      05-10 meninggal (k = 1)                 comparison
#   3 A   Ya  -                      04-10 masih; off the 2024-09 list       comparison
#   4 A   Ya  -                      05-10 masih; 11-10 keluar (none in Q3)  comparison
#   5 A   Ya  -                      08-10 pindah (k = 2)                    comparison
#   6 A   -   2024-02-01             -                                       not extreme-poor
#   7 C   Ya  2024-03-01             -                                       no comparison in C
# g = 2024-Q1 (list in force: 2023-12); k = 1, 2, 3 are 2024-Q2, Q3, Q4. Weights: 2 recipients
# ÷ 4 comparison families = 0,5 each.
FAMS = [A, A, A, A, A, A, A, C]
EP = ["Ya"] * 6 + ["Tidak", "Ya"]
GRANTS = {0: "2024-01-15", 1: "2024-02-10", 6: "2024-02-01", 7: "2024-03-01"}
VISITS = [
    (0, "2024-05-10", "Masih Ekstrem"),
    (0, "2024-08-10", "Keluar"),
    (1, "2024-02-20", "Keluar"),
    (2, "2024-05-10", "Meninggal"),
    (3, "2024-04-10", "Masih Ekstrem"),
    (4, "2024-05-10", "Masih Ekstrem"),
    (4, "2024-11-10", "Keluar"),
    (5, "2024-08-10", "Pindah"),
]


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    rows = [
        {"kode_kel": kel, "miskin_ekstrem": ep, "desil": 1, "punya_usaha": "Ya"}
        for kel, ep in zip(FAMS, EP, strict=True)
    ]
    semua = keluarga_rows(rows)
    tanpa_3 = semua[semua["no_kk"] != kk(3)]
    pay = pd.DataFrame(
        [
            {
                "no_kk": kk(i),
                "program": "Modal Usaha",
                "tanggal_salur": d,
                "nilai": 2_500_000,
                "status": "Tersalur",
            }
            for i, d in GRANTS.items()
        ]
    )
    visits = pd.DataFrame(
        [
            {"no_kk": kk(i), "tanggal": d, "pendapatan_bulanan": 500_000, "status_ekstrem": s}
            for i, d, s in VISITS
        ]
    )
    tables = {
        "keluarga": {"2023-12": semua, "2024-03": semua, "2024-06": semua, "2024-09": tanpa_3},
        "penyaluran": {"2024-09": pay},
        "pemantauan": {"2024-12": visits},
    }
    return build_lake(tmp_path_factory.mktemp("efek"), tables)


def _panel(lake) -> pd.DataFrame:
    return queries.run("bantuan_modal_usaha_panel", {"periode": "2024-12"}, lake)


def _at_risk(df: pd.DataFrame, col: str, also: str | None = None) -> dict[int, list[int]]:
    keep = df[col] & (df[also] if also else True)
    out: dict[int, list[int]] = {}
    for no_kk, k in df.loc[keep, ["no_kk", "k"]].itertuples(index=False):
        out.setdefault(int(no_kk[-2:]), []).append(int(k))
    return out


def test_the_risk_set_is_censored_at_death_move_and_the_last_observation(lake):
    df = _panel(lake)
    assert set(df["kohort"]) == {"2024-Q1"}
    # i0 exits at k 2; i1 exited at k 0 (out of the risk set, which starts at k 1); i2 died in
    # k 1; i3 was last seen in k 1 (visit, list 2024-06); i4 at risk through its exit at k 3
    # (k 2 unvisited but on the 2024-09 list); i5 moved out in k 2.
    assert _at_risk(df, "berisiko") == {0: [1, 2], 3: [1], 4: [1, 2, 3], 5: [1]}
    # Without censoring: every comparison family stays at risk to the period's end.
    assert _at_risk(df, "berisiko_tanpa_sensor") == {
        0: [1, 2],
        2: [1, 2, 3],
        3: [1, 2, 3],
        4: [1, 2, 3],
        5: [1, 2, 3],
    }
    # Counting the start quarter: k 0 joins the risk set, with i1's exit in it.
    assert _at_risk(df, "berisiko_k0") == {
        0: [0, 1, 2],
        1: [0],
        2: [0],
        3: [0, 1],
        4: [0, 1, 2, 3],
        5: [0, 1],
    }
    keluar = df[df["keluar"]].set_index("no_kk")["k"].to_dict()
    assert keluar == {kk(0): 2, kk(1): 0, kk(4): 3}
    # weights: 2 recipients ÷ 4 comparison families in the cell
    fam = df.drop_duplicates("no_kk").set_index("no_kk")["bobot"]
    assert fam.to_dict() == pytest.approx({kk(i): w for i, w in enumerate([1, 1] + [0.5] * 4)})


def test_rates_under_each_choice_and_visit_rates_by_group(lake):
    out = privacy.result("bantuan_modal_usaha_efek", {"periode": "2024-12"}, "kepala", lake)
    kep = out[out["jenis"] == "kepekaan"]
    laju = {
        (u, g): e
        for u, g, e in kep[["ukuran", "kelompok", "estimasi"]].itertuples(index=False)
        if g in ("penerima", "pembanding")
    }
    label = {v: lab for v, (_, _, lab) in stats.VARIAN.items()}
    # main: recipients i0 k1, k2 (exit) → 1 of 2 = 50; comparison 5 rows × 0,5, one exit (i4 k3)
    # → 0,5 / 2,5 = 20 per 100.
    assert laju[label["utama"], "penerima"] == pytest.approx(50)
    assert laju[label["utama"], "pembanding"] == pytest.approx(20)
    # without censoring: comparison 12 rows, one exit → 8,33; the bias the review feared.
    assert laju[label["tanpa_sensor"], "pembanding"] == pytest.approx(100 / 12)
    # k 0 counted: recipients 4 rows, 2 exits (i1 k0, i0 k2) → 50; comparison 9 rows, 1 exit.
    assert laju[label["mulai_k0"], "penerima"] == pytest.approx(50)
    assert laju[label["mulai_k0"], "pembanding"] == pytest.approx(100 / 9)
    # visited quarters only: comparison i3 k1, i4 k1, i4 k3 (exit) → 1 of 3.
    assert laju[label["dikunjungi"], "pembanding"] == pytest.approx(100 / 3)
    main = out[out["jenis"] == "laju"].set_index("kelompok")["estimasi"]
    assert main.to_dict() == pytest.approx({"penerima": 50, "pembanding": 20})
    # visits among the main at-risk quarters (unweighted): recipients 2 of 2; comparison 3 of 5
    kunj = out[out["jenis"] == "kunjungan"].set_index("kelompok")["estimasi"]
    assert kunj.to_dict() == pytest.approx({"penerima": 100, "pembanding": 60})


def test_how_many_recipients_the_comparison_covers(lake):
    df = queries.run("bantuan_modal_usaha_sampel", {"periode": "2024-12"}, lake)
    # four recipients in 2024-Q1: i0, i1 matched; i6 not extreme-poor; i7 alone in its cell
    assert df.to_dict("records") == [
        {
            "kohort": "2024-Q1",
            "penerima": 4,
            "dianalisis": 2,
            "tidak_ekstrem": 1,
            "tanpa_pembanding": 1,
        },
        {
            "kohort": "Semua",
            "penerima": 4,
            "dianalisis": 2,
            "tidak_ekstrem": 1,
            "tanpa_pembanding": 1,
        },
    ]
    # the matched count is the recipients' arm of the estimates
    efek = privacy.result("bantuan_modal_usaha_efek", {"periode": "2024-12"}, "kepala", lake)
    assert set(efek["keluarga_penerima"]) == {2}
    # a guest sees the 1-4 counts as "<5", and the total that would give them away too
    tamu = privacy.result("bantuan_modal_usaha_sampel", {"periode": "2024-12"}, "tamu", lake)
    assert set(tamu["penerima"].astype(str)) <= {"<5", privacy.HIDDEN}


def _tiny(rows) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["no_kk", "kohort", "penerima", "k", "pendapatan", "berisiko", "keluar"]
    ).assign(sel="s", bobot=1.0)


def test_rate_ratio_equals_the_ratio_of_rates_by_hand():
    # One quarter at risk each: recipients 5 exits of 10, comparison 2 of 10: rates 50 and 20
    # per 100, rate ratio 2,5 (the odds ratio is 4: it overstates "how much faster").
    rows = [(f"t{i}", "2024-Q2", True, 1, None, True, i < 5) for i in range(10)]
    rows += [(f"c{i}", "2024-Q2", False, 1, None, True, i < 2) for i in range(10)]
    out = stats.efek_modal_usaha(_tiny(rows))
    rr = out[out["jenis"] == "rasio_laju"].iloc[0]
    assert rr["estimasi"] == pytest.approx(2.5)
    assert rr["bawah"] < 2.5 < rr["atas"]
    assert out.loc[out["jenis"] == "hazard", "estimasi"].iloc[0] == pytest.approx(4.0)


def test_did_per_person_and_per_cohort_recover_the_known_effects():
    # Cohort 2024-Q2: recipients gain 100, comparison 20 → 80. Cohort 2025-Q1: recipients gain
    # 60, comparison 20 → 40. 4 members each: per person 80 / 4 = 20 and 40 / 4 = 10.
    rows = []
    for kohort, gain_t in (("2024-Q2", 100), ("2025-Q1", 60)):
        for fam, treated, level in [("t1", True, 1000), ("t2", True, 1200), ("c1", False, 500)]:
            fam = f"{kohort}{fam}"
            for k in (-2, -1, 1, 2):
                gain = (gain_t if treated else 20) if k >= 1 else 0
                rows.append((fam, kohort, treated, k, level + gain, False, False))
        rows.append((f"{kohort}c2", kohort, False, -1, 700, False, False))
        rows.append((f"{kohort}c2", kohort, False, 1, 720, False, False))
    panel = _tiny(rows).assign(pendapatan_per_kapita=lambda d: d["pendapatan"] / 4)
    out = stats.efek_modal_usaha(panel)
    per = out[out["jenis"] == "did_kohort"].set_index("kelompok")
    assert per["estimasi"].to_dict() == pytest.approx({"2024-Q2": 80, "2025-Q1": 40})
    assert per["keluarga_penerima"].tolist() == [2, 2]
    # pooled over both cohorts with equal rows: (80 + 40) / 2 = 60, per person 15
    pooled = out.set_index("jenis")
    assert pooled.loc["did", "estimasi"] == pytest.approx(60)
    assert pooled.loc["did_kapita", "estimasi"] == pytest.approx(15)


def test_slide_4_carries_n_of_m_the_caveat_and_both_rates_on_its_face(lake):
    from pantau.report import build_deck

    deck = build_deck(lake, "2024-09", "kepala")  # the deck needs a list in the period
    slide = next(s for s in deck.slides if s.key == "strategi_2")
    # no effect language in the title: what is compared, and how many
    assert slide.judul.startswith("Modal usaha: 2 dari 4 penerima dibandingkan")
    assert "lebih cepat" not in slide.judul and "naik" not in slide.judul
    face = " ".join(slide.poin)
    # who is compared and who is not, and why (DPRD re-review N3: not "given against the rule")
    assert (
        "Dibandingkan: 2 dari 4 penerima, yaitu yang miskin ekstrem saat menerima; 1 tanpa "
        "pembanding. 1 lainnya tidak bertanda miskin ekstrem saat menerima: modal usaha juga "
        "untuk PEKKA" in face
    )
    assert "Bukan uji acak: keterkaitan, bukan bukti dampak." in face
    assert "rasio laju" not in face  # in words on the face (R2-6), the term in the notes
    assert any("rasio laju" in c for c in slide.catatan)


def test_the_kept_region_panel_gives_each_area_the_rows_it_computes_itself(lake, tmp_path):
    # Engine.simpan_panel keeps the latest period's panel (2024-09, the latest keluarga list)
    # for the whole region; an area's panel is then its rows of it. By hand: i0-i5 are in
    # kelurahan A (kecamatan 35.75.04), 6 families × quarters 2023-Q1 .. 2024-Q3 (k -4 .. 2,
    # 7 rows) = 42 rows; C's recipient i7 has no comparison family, so kecamatan 35.75.01 has
    # none. A period that is not the kept one is computed as before.
    import shutil

    data = tmp_path / "data"
    shutil.copytree(lake, data)
    eng = queries.engine(data)
    areas = [(None, None), ("35.75.04", None), (None, A), ("35.75.01", None), ("35.75", None)]

    def panels(periode):
        return [
            eng.run(
                "bantuan_modal_usaha_panel", {"periode": periode, "kode_kec": kec, "kode_kel": kel}
            )
            for kec, kel in areas
        ]

    live = {p: panels(p) for p in ("2024-09", None, "2024-06")}
    assert [len(df) for df in live["2024-09"]] == [42, 42, 42, 0, 42]
    assert eng.simpan_panel() is True
    # the kept table answers: take a quarter out of it and the answer loses it too
    cur = eng.con.cursor()
    assert cur.execute("SELECT siap FROM efek_panel_status").fetchall() == [(True,)]
    for p in ("2024-09", None, "2024-06"):
        for before, after in zip(live[p], panels(p), strict=True):
            pd.testing.assert_frame_equal(before, after)
    cur.execute("DELETE FROM efek_panel_terakhir WHERE k = 2")
    assert [len(df) for df in panels("2024-09")] == [36, 36, 36, 0, 36]
    assert [len(df) for df in panels("2024-06")] == [len(df) for df in live["2024-06"]]
    cur.close()

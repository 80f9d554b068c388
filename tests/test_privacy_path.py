"""One privacy path: no page or report builder reads raw rows or tests the role itself; every
role sees the same statistics; a guest can work out no count 1–4 from a share beside its base."""

from __future__ import annotations

import ast
import re

import pandas as pd
import pytest
from lakes import ROOT, build_lake, keluarga_rows, open_page

from pantau import geo, peta, privacy, queries
from pantau.charts import maps

# Files that show data to a person: they get rows from privacy (through ui.query or the deck).
SHOWING = sorted(
    [
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "pantau" / "report").glob("*.py"),
        *(ROOT / "pantau").glob("laporan_*.py"),  # the quarterly report (issue 13 §4)
        ROOT / "pantau" / "ui_sk.py",
    ]
)
# Files that decide nothing about roles either: they ask privacy.
ASKING = SHOWING + sorted(
    [ROOT / "pantau" / "ui.py", ROOT / "pantau" / "peta.py", *(ROOT / "pantau").glob("charts*.py")]
)
ROLE_WORDS = re.compile(r"\b(role|peran)\b")


def raw_reads(source: str) -> list[str]:
    """Where `source` imports the query module or calls `queries.run(` / `engine(`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in ("pantau", "pantau.queries"):
            if node.module == "pantau.queries" or any(a.name == "queries" for a in node.names):
                found.append(f"line {node.lineno}: imports pantau.queries")
        elif isinstance(node, ast.Import) and any(a.name == "pantau.queries" for a in node.names):
            found.append(f"line {node.lineno}: imports pantau.queries")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name == "engine" or (
                name == "run" and isinstance(func, ast.Attribute) and _named(func.value, "queries")
            ):
                found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return found


def _named(node, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def role_tests(source: str) -> list[str]:
    """Where `source` compares a role (`role == …`, `ui.role() in …`, `self.peran != …`)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        if not any(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in node.ops):
            continue
        sides = [node.left, *node.comparators]
        if any(ROLE_WORDS.search(ast.unparse(side)) for side in sides):
            found.append(f"line {node.lineno}: {ast.unparse(node)[:60]}")
    return found


def test_the_checkers_find_a_raw_read_and_a_role_test():
    # The code as it was: the deck ran queries itself, the Data page tested the role.
    assert raw_reads("from pantau import fmt, privacy, queries\nqueries.run('x', {}, d)")
    assert raw_reads("queries.engine(data).refresh()")
    assert role_tests('if ui.role() == "kepala":\n    pass')
    assert role_tests('x = "a" if role in {"tamu"} else "b"')
    assert role_tests("ok = self.peran != 'tamu'")
    assert not role_tests("ok = privacy.suppresses(ui.role())")
    assert not raw_reads("privacy.result('x', {}, role)")


@pytest.mark.parametrize("path", SHOWING, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_or_report_builder_reads_raw_rows(path):
    assert raw_reads(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", ASKING, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_page_or_report_builder_tests_the_role_itself(path):
    assert role_tests(path.read_text(encoding="utf-8")) == []


# --- statistics on the full data, then suppressed ---------------------------------------------

PANGGUNGREJO = "35.75.04"


@pytest.fixture(autouse=True)
def _approximate_map(monkeypatch):
    # The approximate kelurahan map (Voronoi cells): the same neighbours on every machine.
    monkeypatch.delenv("PANTAU_BATAS", raising=False)
    monkeypatch.delenv("PANTAU_BATAS_KECAMATAN", raising=False)


@pytest.fixture(scope="module")
def small_pockets(tmp_path_factory):
    """20 keluarga in every kelurahan; in Panggungrejo's 3 are extreme-poor (150 per 1.000,
    a count a guest sees as '<5'), elsewhere none: one high block, every count of it small."""
    rows = []
    for kel, kec in zip(geo.wilayah()["kode_kel"], geo.wilayah()["kode_kec"], strict=True):
        poor = 3 if kec == PANGGUNGREJO else 0
        rows += [
            {"kode_kel": kel, "miskin_ekstrem": "Ya" if i < poor else "Tidak"} for i in range(20)
        ]
    return build_lake(
        tmp_path_factory.mktemp("kantong"), {"keluarga": {"2024-06": keluarga_rows(rows)}}
    )


def test_guest_and_head_see_the_same_clusters_when_the_pocket_counts_are_small(small_pockets):
    tamu = privacy.result("peta_klaster", {}, "tamu", small_pockets).set_index("kode_kel")
    kepala = privacy.result("peta_klaster", {}, "kepala", small_pockets).set_index("kode_kel")
    pockets = tamu.index[tamu["kecamatan"] == "Panggungrejo"]
    # Before, the guest's statistic ran on the suppressed rates: Panggungrejo had no data and
    # no cluster was found at all. Now both see the head's clusters.
    assert peta.cukup_untuk_klaster(tamu) and peta.cukup_untuk_klaster(kepala)
    assert tamu["kuadran"].equals(kepala["kuadran"])
    assert tamu["p_sim"].equals(kepala["p_sim"])
    assert (kepala.loc[pockets, "kuadran"] == "Tinggi-Tinggi (kantong)").sum() >= 3
    # What the guest got before: the statistic over the suppressed rates.
    before = peta.hitung_klaster(privacy.result("peta_kelurahan", {}, "tamu", small_pockets))
    assert not before["kuadran"].str.startswith("Tinggi").any()
    # The rate and its local statistic stay hidden from the guest where the count is 1–4.
    assert set(tamu.loc[pockets, "per_1000_keluarga"]) == {privacy.HIDDEN}
    assert set(tamu.loc[pockets, "I"]) == {privacy.HIDDEN}
    assert kepala.loc[pockets, "per_1000_keluarga"].eq(150.0).all()


def test_guest_and_head_see_the_same_clusters_and_ranks_on_the_demo_lake(demo_lake):
    tamu = privacy.result("peta_klaster", {}, "tamu", demo_lake).set_index("kode_kel")
    kepala = privacy.result("peta_klaster", {}, "kepala", demo_lake).set_index("kode_kel")
    assert (tamu["per_1000_keluarga"] == privacy.HIDDEN).any()  # the guest's view differs…
    for col in ("kuadran", "p_sim", "dihitung"):
        assert tamu[col].equals(kepala[col]), col  # …its statistics do not
    guest_ranks_only_what_is_shown(tamu, kepala)
    # every kelurahan with 30 listed keluarga has an index now (BPS review 3, B1): where the
    # count is 1-4 it is hidden with the rate it is built from; elsewhere the same
    hidden = tamu["per_1000_keluarga"] == privacy.HIDDEN
    assert (tamu.loc[hidden, "indeks_kantong"] == privacy.HIDDEN).all()
    assert (
        tamu.loc[~hidden, "indeks_kantong"]
        .astype(float)
        .equals(kepala.loc[~hidden, "indeks_kantong"].astype(float))
    )
    guest_ranks_only_what_is_shown(
        privacy.result("peta_kelurahan", {}, "tamu", demo_lake).set_index("kode_kel"),
        privacy.result("peta_kelurahan", {}, "kepala", demo_lake).set_index("kode_kel"),
    )


def guest_ranks_only_what_is_shown(tamu: pd.DataFrame, kepala: pd.DataFrame) -> None:
    """A guest's pocket rank counts only the kelurahan whose index the guest sees, in the head's
    order (BPS review 4, N2: a hidden row's place between two shown indices bounded its count);
    a hidden index has no rank."""
    hidden = tamu["indeks_kantong"].map(privacy.disamarkan)
    assert hidden.any()
    assert tamu.loc[hidden, "peringkat"].isna().all()
    shown = ~hidden & kepala["peringkat"].notna()
    want = kepala.loc[shown, "indeks_kantong"].astype(float).rank(method="min", ascending=False)
    assert tamu.loc[shown, "peringkat"].astype(float).equals(want)


# --- shares and rates whose numerator is a small count ----------------------------------------

# Columns that are shares or rates of a count by their name: each is declared in its header.
SHARE_NAME = re.compile(r"^(porsi|cakupan|kesalahan_|per_1000|bagian_|p0$)")
NO_BASE = {"fgt": "persons per kecamatan are not in the frame: p0 has no base beside it"}


def test_every_share_or_rate_of_a_count_is_declared_in_its_query_header(demo_lake):
    for name, q in queries.catalogue().items():
        if name in NO_BASE or not q.counts:
            continue
        r = privacy.rules(name)
        columns = queries.run(name, {}, demo_lake).columns
        for col in columns:
            if SHARE_NAME.match(col):
                assert col in r.shares or col in r.derived, (name, col)
        for col, (base, _) in r.shares.items():
            assert col in columns and base in columns, (name, col, base)


def _derivable_small_counts(name: str, df: pd.DataFrame) -> list:
    out = []
    for col, (base, scale) in privacy.rules(name).shares.items():
        if col not in df.columns or base not in df.columns:
            continue
        share = pd.to_numeric(df[col], errors="coerce")
        whole = pd.to_numeric(df[base], errors="coerce")
        count = share * whole / scale
        for n in (count, whole - count):
            small = (n.round(6) >= 1) & (n.round(6) < 5)
            out += [(col, i, n[i]) for i in n.index[small]]
    return out


def _runs():
    """Every query with its default parameters, and the map per kecamatan."""
    runs = [(n, {}) for n, q in queries.catalogue().items() if n != "daftar_sasaran"]
    kecamatan = geo.wilayah()["kode_kec"].unique()
    return runs + [("peta_kelurahan", {"kode_kec": k}) for k in kecamatan]


def test_a_guest_can_work_out_no_count_under_5_from_any_share_on_the_demo_lake(demo_lake):
    seen = 0
    for name, params in _runs():
        tamu = privacy.result(name, params, "tamu", demo_lake)
        assert _derivable_small_counts(name, tamu) == [], (name, params)
        seen += len(_derivable_small_counts(name, queries.run(name, params, demo_lake)))
    assert seen > 50  # the raw rows had them: the test looks at real cases


def test_a_share_of_2_families_out_of_22_is_hidden_for_a_guest_only():
    raw = pd.DataFrame(
        {
            "kelurahan": ["A", "B"],
            "keluarga": [100, 100],
            "keluarga_miskin_ekstrem": [22, 20],
            "keluarga_belum_tercakup": [0, 0],
            "per_1000_keluarga": [220.0, 200.0],
            "porsi_lantai_tanah": [2 / 22, 10 / 20],
            "porsi_air_tidak_layak": [0.5, 18 / 20],  # B: 2 families without: a count too
            "porsi_tanpa_jamban": [0.5, 0.5],
            "porsi_bukan_pln": [0.5, 0.5],
            "rata_deprivasi": [(2 / 22 + 1.5) / 4, 0.6],
        }
    )
    tamu = privacy.policy("peta_kelurahan", raw, "tamu").set_index("kelurahan")
    assert tamu.loc["A", "porsi_lantai_tanah"] == privacy.HIDDEN
    assert tamu.loc["B", "porsi_lantai_tanah"] == 0.5
    assert tamu.loc["B", "porsi_air_tidak_layak"] == privacy.HIDDEN
    # The mean of the four would give the hidden one back: hidden with it.
    assert set(tamu["rata_deprivasi"]) == {privacy.HIDDEN}
    assert tamu.loc["A", "keluarga_miskin_ekstrem"] == 22
    kepala = privacy.policy("peta_kelurahan", raw, "kepala").set_index("kelurahan")
    assert kepala.loc["A", "porsi_lantai_tanah"] == pytest.approx(2 / 22)


def test_the_map_hover_says_nothing_of_a_hidden_share(demo_lake):
    tamu = privacy.result("peta_kelurahan", {}, "tamu", demo_lake)
    fig = maps.peta_metrik(tamu, "kelurahan", "lantai_tanah", "judul")
    hidden = tamu["porsi_lantai_tanah"] == privacy.HIDDEN
    assert hidden.any()
    for shown, (value, base) in zip(hidden, fig.data[0].customdata, strict=True):
        if shown:
            assert value == privacy.HIDDEN and "dari" not in base
        else:
            assert base.startswith("dari ")


def test_the_deck_hides_the_same_map_cells_as_the_page(demo_lake):
    from pantau.report import build_deck

    deck = build_deck(demo_lake, None, "tamu")
    for t in deck.tabel():
        if t.sumber in queries.catalogue():
            assert _derivable_small_counts(t.sumber, t.df) == [], t.key
    table = next(t for t in deck.tabel() if t.key == "peta_kelurahan").df.iloc[:-1]
    page = privacy.result("peta_kelurahan", {"periode": deck.periode}, "tamu", demo_lake)
    for col in table.columns:
        marks = table[col].map(lambda v: v if isinstance(v, str) and v in ("<5", "×") else "")
        assert (
            marks.tolist()
            == page[col]
            .map(lambda v: v if isinstance(v, str) and v in ("<5", "×") else "")
            .tolist()
        ), col


def test_a_guest_sees_the_coverage_of_a_kelurahan_with_few_uncovered_as_hidden(
    demo_lake, monkeypatch
):
    kel = "35.75.01.1004"  # 6 extreme-poor keluarga on the demo lake, 1–4 of them uncovered
    raw = queries.run("ringkasan_kpi", {"kode_kel": kel}, demo_lake).iloc[0]
    uncovered = raw["keluarga_miskin_ekstrem"] * (1 - raw["cakupan"])
    assert 1 <= round(uncovered) <= 4
    at = open_page(demo_lake, monkeypatch, "pages/ringkasan.py", "tamu", kec=kel[:8], kel=kel)
    cakupan = next(m for m in at.metric if m.label == "Cakupan bansos")
    assert cakupan.value == privacy.HIDDEN and not cakupan.delta
    at = open_page(demo_lake, monkeypatch, "pages/ringkasan.py", "kepala", kec=kel[:8], kel=kel)
    assert next(m for m in at.metric if m.label == "Cakupan bansos").value.endswith("%")


@pytest.mark.parametrize(
    ("role", "shown"),
    [("kepala", "whole"), ("perencana", "masked"), ("tamu", "none"), ("peran_asing", "none")],
)
def test_the_named_list_leaves_with_identifiers_as_the_role_may_see_them(demo_lake, role, shown):
    raw = queries.run("daftar_sasaran", {}, demo_lake)
    out = privacy.result("daftar_sasaran", {}, role, demo_lake)
    assert len(out) == len(raw)
    ids = [c for c in ("nik_kepala", "no_kk") if c in raw.columns]
    assert ids
    for col in ids:
        if shown == "none":
            assert col not in out.columns
        elif shown == "masked":
            assert out[col].str.match(r"^\*{12}\d{4}$").all()
        else:
            assert out[col].equals(raw[col])
    if shown == "none":
        assert not set(out.columns) & (privacy.IDENTIFIERS | privacy.PERSONAL)


def test_a_role_the_policy_does_not_know_sees_small_counts_suppressed(demo_lake):
    out = privacy.result("peta_kelurahan", {}, "peran_asing", demo_lake)
    assert (out["keluarga_miskin_ekstrem"] == "<5").any()


def test_import_notes_quote_identifiers_whole_only_to_a_role_that_sees_them_whole():
    # Two rejected rows as the importer notes them: a No KK Excel made a number of, and a
    # 15-digit NIK; and a warning on a kelurahan name, which identifies nobody.
    notes = pd.DataFrame(
        {
            "file": ["x.csv"] * 3,
            "baris": [3, 4, 5],
            "tingkat": ["ditolak", "ditolak", "peringatan"],
            "kolom": ["no_kk", "nik_kepala", "kelurahan"],
            "alasan": ["notasi ilmiah", "15 digit", "ejaan"],
            "nilai": ["3.57504E+15", "357504150780003", "Tapaan"],
        }
    )
    assert privacy.notes("kepala", notes)["nilai"].tolist() == notes["nilai"].tolist()
    for role in ("operator", "perencana", "tamu", "peran_asing"):
        assert privacy.notes(role, notes)["nilai"].tolist() == [
            "*******E+15",
            "***********0003",
            "Tapaan",
        ], role
    assert privacy.notes("operator", notes)["baris"].tolist() == [3, 4, 5]


# --- a count worked out by subtraction: complements, implied totals, tables side by side -----


def _hidden(v) -> bool:
    return privacy.disamarkan(v)  # '<5', '×' or a range such as '296–299'


def _subtractable(name: str, df: pd.DataFrame, known: dict[str, float] | None = None) -> list:
    """Where one hidden cell stands alone in a sum whose other cells a guest sees: a row's
    `whole = part + part` (sums), or each group of the header's `groups` (every level) whose
    total is in `known` ({group key: total shown elsewhere}) or is the sum of all its cells."""
    r = privacy.rules(name)
    out = []
    for whole, parts in r.row_sums:
        if whole not in df.columns or not all(p in df.columns for p in parts):
            continue
        for i, row in df.iterrows():
            cells = [row[whole], *(row[p] for p in parts)]
            if sum(_hidden(v) for v in cells) == 1:
                out.append((whole, i))
    groups = [g for g in r.groups if g in df.columns]
    for key, total in (known or {}).items():
        rows = df[(df[groups[: len(key)]] == pd.Series(key, index=groups[: len(key)])).all(axis=1)]
        for col in r.counts:
            if col in rows.columns and sum(_hidden(v) for v in rows[col]) == 1:
                shown = pd.to_numeric(rows[col], errors="coerce").sum()
                out.append((col, key, total - shown))
    return out


def _known_bin_totals(beban: pd.DataFrame) -> dict:
    """The histogram's group totals a guest reads in beban_ringkasan (where shown)."""
    b = beban.iloc[0]
    known = {}
    for key, col in [
        (("Miskin ekstrem",), "keluarga_miskin_ekstrem_dengan_pengeluaran"),
        (("Miskin ekstrem", True), "keluarga_miskin_ekstrem_di_bawah_garis"),
        (("Miskin ekstrem", False), "keluarga_miskin_ekstrem_di_atas_garis"),
        (("Bukan miskin ekstrem", True), "keluarga_lain_di_bawah_garis"),
    ]:
        if col in beban.columns and not _hidden(b[col]) and pd.notna(b[col]):
            known[key] = float(b[col])
    return known


def test_the_scorecard_share_of_a_base_with_1_to_4_outside_it_is_hidden_from_a_guest(demo_lake):
    # The demo lake: 300 extreme-poor keluarga with a spending figure, 299 below the line. The
    # beban sheet hid the share; the score card gave it as 0.99667, i.e. 1 family above it.
    raw = queries.run("skor_strategi", {}, demo_lake)
    tamu = privacy.result("skor_strategi", {}, "tamu", demo_lake)
    kepala = privacy.result("skor_strategi", {}, "kepala", demo_lake)
    below = tamu["indikator"].str.contains("di bawah garis")
    assert kepala.loc[below, "nilai"].iloc[0] == pytest.approx(299 / 300)
    assert kepala.loc[below, "basis_keluarga"].iloc[0] == 300
    assert tamu.loc[below, "nilai"].iloc[0] == privacy.HIDDEN
    # Whether it moved the right way compares the hidden value: hidden with it.
    assert tamu.loc[below, "membaik"].iloc[0] == privacy.HIDDEN
    # Every share row carries its base, and none of them gives a count 1–4 either way.
    persen = tamu["satuan"] == "persen"
    assert tamu.loc[persen, "basis_keluarga"].notna().all()
    assert _derivable_small_counts("skor_strategi", tamu) == []
    assert _derivable_small_counts("skor_strategi", kepala)  # the raw values had one
    # The counts (KPM, keluarga) are still counts; the shares are never read as counts.
    assert tamu.loc[~persen, "nilai"].tolist() == kepala.loc[~persen, "nilai"].tolist()
    assert len(raw) == len(tamu)


def test_a_guest_cannot_subtract_the_families_above_the_line_on_the_demo_lake(demo_lake):
    beban = privacy.result("beban_ringkasan", {}, "tamu", demo_lake)
    b = beban.iloc[0]
    # 300 with a spending figure, 299 below: the 1 above was 300 − 299. The 299 is shown as
    # the range the row already gives (300 minus 1 to 4), not as the exact figure.
    assert b["keluarga_miskin_ekstrem_dengan_pengeluaran"] == 300
    assert b["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    assert b["keluarga_miskin_ekstrem_di_bawah_garis"] == "296–299"
    assert _subtractable("beban_ringkasan", beban) == []
    bins = privacy.result("beban_histogram", {}, "tamu", demo_lake)
    assert _subtractable("beban_histogram", bins, _known_bin_totals(beban)) == []
    # The bins below the line hide two cells (the 47 is no longer 299 − 252), above one.
    ekstrem = bins[bins["kelompok"] == "Miskin ekstrem"]
    below = ekstrem[ekstrem["di_bawah_garis"].astype(bool)]
    assert sum(_hidden(v) for v in below["keluarga"]) >= 2


def _spending_lake(tmp_path_factory):
    """One kelurahan, 2024-06: 20 extreme-poor keluarga, 18 below the line and 2 above it
    (spending Rp 100.000 and Rp 2.000.000 per person per month), and 30 others above it."""
    rows = [
        {"pengeluaran_bulanan": 400_000 if i < 18 else 8_000_000, "miskin_ekstrem": "Ya"}
        for i in range(20)
    ] + [{"pengeluaran_bulanan": 8_000_000 + i, "miskin_ekstrem": "Tidak"} for i in range(30)]
    return build_lake(
        tmp_path_factory.mktemp("garis"), {"keluarga": {"2024-06": keluarga_rows(rows)}}
    )


@pytest.fixture(scope="module")
def spending_lake(tmp_path_factory):
    return _spending_lake(tmp_path_factory)


def test_a_guest_works_out_neither_the_2_above_the_line_nor_a_bin_on_a_tiny_lake(spending_lake):
    raw = queries.run("beban_ringkasan", {}, spending_lake).iloc[0]
    assert raw["keluarga_miskin_ekstrem_di_bawah_garis"] == 18
    assert raw["keluarga_miskin_ekstrem_di_atas_garis"] == 2
    beban = privacy.result("beban_ringkasan", {}, "tamu", spending_lake)
    assert beban.iloc[0]["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    assert beban.iloc[0]["bagian_miskin_ekstrem_di_bawah_garis"] == privacy.HIDDEN
    assert _subtractable("beban_ringkasan", beban) == []
    skor = privacy.result("skor_strategi", {}, "tamu", spending_lake)
    below = skor[skor["indikator"].str.contains("di bawah garis")]
    assert below["nilai"].tolist() == [privacy.HIDDEN]
    bins = privacy.result("beban_histogram", {}, "tamu", spending_lake)
    assert _subtractable("beban_histogram", bins, _known_bin_totals(beban)) == []
    kepala = privacy.result("skor_strategi", {}, "kepala", spending_lake)
    assert kepala.loc[below.index, "nilai"].iloc[0] == pytest.approx(18 / 20)


def test_the_policy_hides_a_second_cell_in_every_group_level_of_an_implied_total():
    # Bins of one group: below the line 40, 30, 3 (a total elsewhere: 73), above 2 and 10.
    raw = pd.DataFrame(
        {
            "kelompok": ["Miskin ekstrem"] * 5,
            "di_bawah_garis": [True, True, True, False, False],
            "keluarga": [40, 30, 3, 2, 10],
        }
    )
    tamu = privacy.policy("beban_histogram", raw, "tamu")
    assert tamu["keluarga"].tolist() == [40, privacy.HIDDEN, "<5", "<5", privacy.HIDDEN]
    assert privacy.policy("beban_histogram", raw, "kepala")["keluarga"].tolist() == [
        40,
        30,
        3,
        2,
        10,
    ]


def test_every_share_and_complement_stays_hidden_on_the_demo_lake_by_subtraction(demo_lake):
    for name, params in _runs():
        if privacy.rules(name).row_sums:
            tamu = privacy.result(name, params, "tamu", demo_lake)
            assert _subtractable(name, tamu) == [], (name, params)


def test_a_guest_cannot_subtract_the_unvisited_families_of_the_graduation_table(demo_lake):
    # The demo lake: 208 comparison families, 205 visited: 3 never visited were 208 − 205.
    raw = queries.run("bantuan_modal_usaha_graduasi", {}, demo_lake).iloc[1]
    assert raw["keluarga"] - raw["keluarga_dipantau"] == raw["keluarga_tidak_dipantau"] == 3
    tamu = privacy.result("bantuan_modal_usaha_graduasi", {}, "tamu", demo_lake)
    assert tamu.iloc[1]["keluarga_tidak_dipantau"] == "<5"
    assert _subtractable("bantuan_modal_usaha_graduasi", tamu) == []
    for _, row in tamu.iterrows():
        cells = [row["keluarga"], row["keluarga_dipantau"]]
        assert not (all(not _hidden(v) for v in cells) and 1 <= cells[0] - cells[1] <= 4)


def test_the_other_families_of_beban_are_no_whole_minus_a_part_for_a_guest():
    # 40 listed, 37 extreme-poor: the 3 others were 40 − 37; 35 of the 37 below the line.
    raw = pd.DataFrame(
        {
            "keluarga": [40],
            "keluarga_miskin_ekstrem": [37],
            "keluarga_tanpa_pengeluaran": [0],
            "keluarga_miskin_ekstrem_tanpa_pengeluaran": [0],
            "keluarga_miskin_ekstrem_dengan_pengeluaran": [37],
            "keluarga_miskin_ekstrem_di_bawah_garis": [35],
            "keluarga_miskin_ekstrem_di_atas_garis": [2],
            "bagian_miskin_ekstrem_di_bawah_garis": [35 / 37],
            "keluarga_lain": [3],
            "keluarga_lain_tanpa_pengeluaran": [0],
            "keluarga_lain_dengan_pengeluaran": [3],
            "keluarga_lain_di_bawah_garis": [3],
            "keluarga_lain_di_atas_garis": [0],
        }
    )
    tamu = privacy.policy("beban_ringkasan", raw, "tamu")
    assert _subtractable("beban_ringkasan", tamu) == []
    t = tamu.iloc[0]
    assert t["keluarga_lain"] == "<5" and t["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    # one of 40 and 37 is hidden: as '×', or as the range the row gives (37 = 40 − 1…4: 36–39)
    assert any(
        privacy.disamarkan(v) and v != "<5" for v in (t["keluarga"], t["keluarga_miskin_ekstrem"])
    )
    assert t["bagian_miskin_ekstrem_di_bawah_garis"] == privacy.HIDDEN


def _whole_minus_part(name: str, df: pd.DataFrame) -> list:
    """Rows where a `whole = part + …` sum's whole and parts are all shown and the rest
    (whole minus the parts, which no column shows) is a count 1–4."""
    out = []
    for whole, parts in privacy.rules(name).row_sums:
        shown = [p for p in parts if p not in privacy.REST]
        if len(shown) == len(parts) or whole not in df.columns:
            continue
        for i, row in df.iterrows():
            cells = [row[whole], *(row[p] for p in shown)]
            if any(_hidden(v) or pd.isna(v) for v in cells):
                continue
            if 1 <= cells[0] - sum(cells[1:]) < 5:
                out.append((whole, i, cells[0] - sum(cells[1:])))
    return out


def test_a_whole_beside_its_part_hides_a_cell_when_the_rest_is_1_to_4():
    # 40 families, 37 extreme-poor: the 3 others are no column, yet 40 − 37 shows them.
    raw = pd.DataFrame(
        {
            "kelurahan": ["A", "B"],
            "keluarga": [40, 100],
            "keluarga_miskin_ekstrem": [37, 20],
            "jiwa_miskin_ekstrem": [100, 60],
        }
    )
    tamu = privacy.policy("keluarga_per_kelurahan", raw, "tamu")
    # A's 40 is hidden; the kelurahan add up to the city's families (total: implied), so the
    # 100 beside it is hidden too, or the city total minus 100 would give the 40 back.
    assert tamu["keluarga"].tolist() == [privacy.HIDDEN, privacy.HIDDEN]
    assert tamu["keluarga_miskin_ekstrem"].tolist() == [37, 20]
    assert _whole_minus_part("keluarga_per_kelurahan", tamu) == []
    assert privacy.policy("keluarga_per_kelurahan", raw, "kepala")["keluarga"].tolist() == [40, 100]


def test_no_whole_minus_its_parts_is_a_count_under_5_for_a_guest_on_the_demo_lake(demo_lake):
    seen = 0
    for name, params in _runs() + [("ringkasan_kpi", {"kode_kel": "35.75.01.1003"})]:
        if not any(set(parts) & set(privacy.REST) for _, parts in privacy.rules(name).row_sums):
            continue
        tamu = privacy.result(name, params, "tamu", demo_lake)
        assert _whole_minus_part(name, tamu) == [], (name, params)
        seen += len(_whole_minus_part(name, queries.run(name, params, demo_lake)))
    assert seen > 0  # the raw rows had them


def _solvable(cells: list) -> bool:
    """Whether the hidden cells of one sum with a known total can be worked out: all of them
    '<5' (one alone is the total minus the rest; several can be, as 8 over two '<5' is 4 + 4)."""
    # (an empty cell, NULL in a flagless period, is no string and hides nothing)
    hidden = [c for c in cells if privacy.disamarkan(c)]
    return bool(hidden) and all(c == f"<{privacy.SMALL}" for c in hidden)


def test_two_small_cells_of_one_sum_get_a_third_hidden_beside_them():
    # Kecamatan A: 4 + 4 + 20 + 30; its total (58) is shown elsewhere, so with both 4s as '<5'
    # the reader gets 58 - 50 = 8 = 4 + 4. The smallest other cell (20) must be hidden too.
    df = pd.DataFrame({"kode_kec": ["A"] * 4 + ["B"] * 2, "keluarga": [4, 4, 20, 30, 7, 9]})
    out = privacy.suppress_linked(df, ["keluarga"], total_row=True, sets=[[0, 1, 2, 3], [4, 5]])
    assert out["keluarga"].tolist() == ["<5", "<5", privacy.HIDDEN, 30, 7, 9]


def test_a_guest_cannot_work_out_a_kelurahan_from_its_kecamatan_total_in_any_period(demo_lake):
    # The re-attack on the Paparan Excel: Kec. Gadingrejo's 135 (tren_kecamatan sheet) minus
    # its other kelurahan (131) gave Randusari = 4; Panggungrejo's 337 - 329 = 8 over two '<5'
    # gave 4 and 4. Every kecamatan's kelurahan add up to a figure the guest sees.
    periods = queries.run("periode_list", {}, demo_lake)["periode"].tolist()
    for periode in periods:
        for name, col in (
            ("peta_kelurahan", "keluarga_miskin_ekstrem"),
            ("keluarga_per_kelurahan", "keluarga_miskin_ekstrem"),
        ):
            seen = privacy.result(name, {"periode": periode}, "tamu", demo_lake)
            for kec, part in seen.groupby("kode_kec"):
                assert not _solvable(part[col].tolist()), (name, periode, kec)


# --- a large cell hidden beside a small one: shown as the range the row already gives --------


def test_309_beside_2_of_311_is_shown_as_307_to_310_and_its_share_stays_hidden():
    # 311 with a spending figure = 309 below the line + 2 above. The 2 is '<5' (1 to 4); the
    # 309 alone would give it back (311 − 309), so it is hidden, as the range 311 − 4 … 311 − 1
    # that the row already tells: 307–310. The 2 stays 1 to 4 for the reader; the share of the
    # 309 stays '×' (309/311 would give the 2 back).
    raw = pd.DataFrame(
        {
            "keluarga": [1000],
            "keluarga_miskin_ekstrem": [311],
            "keluarga_tanpa_pengeluaran": [0],
            "keluarga_miskin_ekstrem_tanpa_pengeluaran": [0],
            "keluarga_miskin_ekstrem_dengan_pengeluaran": [311],
            "keluarga_miskin_ekstrem_di_bawah_garis": [309],
            "keluarga_miskin_ekstrem_di_atas_garis": [2],
            "bagian_miskin_ekstrem_di_bawah_garis": [309 / 311],
            "keluarga_lain": [689],
            "keluarga_lain_tanpa_pengeluaran": [0],
            "keluarga_lain_dengan_pengeluaran": [689],
            "keluarga_lain_di_bawah_garis": [100],
            "keluarga_lain_di_atas_garis": [589],
        }
    )
    t = privacy.policy("beban_ringkasan", raw, "tamu").iloc[0]
    assert t["keluarga_miskin_ekstrem_di_atas_garis"] == "<5"
    assert t["keluarga_miskin_ekstrem_di_bawah_garis"] == "307–310"
    assert t["keluarga_miskin_ekstrem_dengan_pengeluaran"] == 311
    assert t["keluarga_miskin_ekstrem"] == 311
    assert t["bagian_miskin_ekstrem_di_bawah_garis"] == privacy.HIDDEN
    assert _subtractable("beban_ringkasan", privacy.policy("beban_ringkasan", raw, "tamu")) == []
    assert (
        privacy.policy("beban_ringkasan", raw, "kepala").iloc[0][
            "keluarga_miskin_ekstrem_di_bawah_garis"
        ]
        == 309
    )


def test_a_range_carries_through_a_second_sum_of_the_row_and_tells_no_more():
    # ditandai 311 = 309 below + 2 above + 0 without spending; below the line 1537 = 309 + 1228.
    # 309 ∈ 311 − (1..4) = 307..310, so 1228 = 1537 − 309 ∈ 1227..1230: both ranges come from the
    # one unknown 2, and 1537 − 310 … 1537 − 307 again gives only 1 to 4.
    df = pd.DataFrame({"t": [311], "a": [309], "b": [2], "c": [0], "w": [1537], "d": [1228]})
    sums = [("t", ["a", "b", "c"]), ("w", ["a", "d"])]
    out = privacy.suppress_linked(df, ["t", "a", "b", "c", "w", "d"], row_sums=sums).iloc[0]
    assert out.tolist() == [311, "307–310", "<5", 0, 1537, "1.227–1.230"]
    assert all(privacy.disamarkan(v) for v in (out["a"], out["b"], out["d"]))


def test_a_small_complement_a_column_total_or_an_open_rest_keeps_the_cross():
    # 13 = 9 + 4: the 9 would be '5–8', a small count bounded to 4 values: it stays '×'.
    df = pd.DataFrame({"w": [13], "a": [9], "b": [4]})
    out = privacy.suppress_linked(df, ["w", "a", "b"], row_sums=[("w", ["a", "b"])])
    assert out.iloc[0].tolist() == [13, privacy.HIDDEN, "<5"]
    # A column that adds up to a total: 309 + 2 = 311 down the column stays '×' (no row sum).
    col = pd.DataFrame({"k": [309, 2, 311]})
    assert privacy.suppress_linked(col, ["k"], total_row=True)["k"].tolist() == [
        privacy.HIDDEN,
        "<5",
        311,
    ]
    # whole = part + … (a rest no column shows): 40 − 37 = 3, the 40 goes and nothing bounds
    # it from above: '×', not a range.
    rest = pd.DataFrame({"keluarga": [40], "keluarga_miskin_ekstrem": [37]})
    out = privacy.suppress_linked(
        rest,
        ["keluarga", "keluarga_miskin_ekstrem"],
        row_sums=[("keluarga", ["keluarga_miskin_ekstrem", "…"])],
    )
    assert out.iloc[0].tolist() == [privacy.HIDDEN, 37]

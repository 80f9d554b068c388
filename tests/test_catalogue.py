"""The query catalogue is the contract (issue 15): every header parses the way the privacy
policy reads it, names only columns its query returns, cites files that exist, and every query
is used by something. Each check also runs on a planted fault, so it can fail."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kota_uji import build
from lakes import ROOT

from pantau import peta, privacy, queries
from pantau import wilayah as wilayah_mod
from pantau.columns import COUNTS, KINDS
from pantau.config import QUERIES_DIR, REFERENCE_DIR

# The keys queries/README.md documents; pantau/queries.py and pantau/privacy.py read them.
KEYS = (
    "name",
    "returns",
    "unit",
    "counts",
    "total",
    "derived",
    "shares",
    "sums",
    "groups",
    "counts_where",
    "ranks",
    "params",
    "columns",
)
TOTALS = ("last row", "implied")  # anything else reads as no total (NamedQuery.total_row)
COLUMN = re.compile(r"[A-Za-z_]\w*")
WORD = re.compile(r"[A-Za-z_]\w*|…|\.\.\.")

# Queries nothing a user opens reads (no page, deck, report or policy entry names them), each
# with why it stays: the usage test fails when one of them is read after all, or another is not.
CHECKING_ONLY = {
    "bantuan_modal_usaha_graduasi": "TIDAK UNTUK DILAPORKAN (its header): kept for checking",
    "bantuan_modal_usaha_pendapatan": "TIDAK UNTUK DILAPORKAN (its header): kept for checking",
    "keluarga_per_kecamatan": "`pantau query`'s read-back of the lake: the lake, fault and "
    "region tests and bench/concurrency.py, bench/faults.py compare it",
    "keluarga_per_kelurahan": "`pantau query` per kelurahan: the flagless, privacy and "
    "simulation tests read it",
    "keluarga_per_kabupaten": "`pantau query` per kab/kota of a province: test_provinsi",
}


# --- the checks, on one header or one text ---------------------------------------------------


def params_named(q: queries.NamedQuery) -> list[str]:
    """The parameter names of the `params:` line: its text outside parentheses, by comma."""
    text = q.doc.get("params", "")
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\([^()]*\)", "", text)
    return [p.strip() for p in text.split(",") if p.strip()]


def _parsed(q: queries.NamedQuery) -> dict[str, set[str]]:
    """Per key, the names privacy.rules takes from its line."""
    r = _rules(q)
    return {
        "counts": set(r.counts),
        "groups": set(r.groups),
        "derived": {c for col, sources in r.derived.items() for c in (col, *sources)},
        "shares": {c for col, (base, _) in r.shares.items() for c in (col, base)},
        "sums": {c for whole, parts in r.row_sums for c in (whole, *parts)},
        "counts_where": {r.counts_where[0], *r.counts_where[1]} if r.counts_where else set(),
        "ranks": {c for pair in r.ranks.items() for c in pair},
    }


def parse_problems(q: queries.NamedQuery, stem: str) -> list[str]:
    """How the header of file `stem` breaks the format: an unknown or repeated key, a name that
    is not the file's, a line the policy reads differently from what it says (every word of
    it must land in what the parser takes, each a column name), a params line unlike the SQL's."""
    out = []
    keys = [k for k, _ in queries.header(q.sql)]
    out += [f"unknown key '{k}'" for k in keys if k not in KEYS]
    out += [f"key '{k}' twice" for k in sorted(set(keys)) if keys.count(k) > 1]
    if q.doc.get("name") != stem:
        out.append(f"name '{q.doc.get('name')}' is not the file's '{stem}'")
    out += [f"no '{k}' line" for k in ("returns", "unit", "params") if not q.doc.get(k)]
    try:
        parsed = _parsed(q)
    except ValueError as err:  # a share's scale that is not a number
        return [*out, f"a line does not parse: {err}"]
    for key, names in parsed.items():
        words = set(WORD.findall(q.doc.get(key, "")))
        if key == "counts_where":
            words.discard("in")
        bad = [n for n in names if not COLUMN.fullmatch(n) and n not in privacy.REST]
        lost = sorted(words - names - {w for n in names for w in WORD.findall(n)})
        if bad or lost:
            out.append(f"{key}: the policy reads {sorted(names)}, not {sorted(words)}")
    total = q.doc.get("total")
    if total is not None and total.strip().lower() not in TOTALS:
        out.append(f"total: '{total}' is neither of {TOTALS}")
    named = set(params_named(q))
    if named != set(q.params):
        out.append(f"params: the header names {sorted(named)}, the SQL uses {sorted(q.params)}")
    return out


PLACEHOLDERS = {"desa", "desa_kecil", "jenis", "wilayah"}  # what queries.kolom fills in


def column_problems(q: queries.NamedQuery) -> list[str]:
    """How the `columns` line breaks its form (queries/README.md): missing or not the last key,
    an entry not `name = Label [kind]`, a column twice, a kind not in pantau.columns.KINDS, a
    placeholder queries.kolom does not fill, a `counts` column without a count kind (in a
    `counts_where` query a count that is also a share there may have another)."""
    keys = [k for k, _ in queries.header(q.sql)]
    if "columns" not in keys:
        return ["no 'columns' line"]
    out = [] if keys[-1] == "columns" else [f"columns is not the last key ('{keys[-1]}' is)"]
    entries = queries.column_entries(q.doc["columns"])
    out += [
        f"columns: '{e.strip()}' is not `name = Label [kind]`"
        for e in entries
        if not queries.COLUMN_RE.match(e)
    ]
    names = [m.group(1) for e in entries if (m := queries.COLUMN_RE.match(e))]
    out += [f"columns: {n} twice" for n in sorted(set(names)) if names.count(n) > 1]
    r = _rules(q)
    mixed = set(r.shares) if r.counts_where else set()
    for name, (label, kind) in q.columns.items():
        if kind not in KINDS:
            out.append(f"columns: {name} has the kind '{kind}', not one of KINDS")
        unknown = set(re.findall(r"{(\w*)}", label)) - PLACEHOLDERS
        if unknown or label.count("{") != label.count("}"):
            out.append(f"columns: {name}'s label '{label}' has a placeholder not filled")
        if name in r.counts and kind not in COUNTS and name not in mixed:
            out.append(f"columns: {name} is in counts but its kind is '{kind}'")
    return out


def link_problems(q: queries.NamedQuery) -> list[str]:
    """Lines the policy reads only through a count: a sum of columns that are not all counts
    is never checked, a derived column or a rank whose source is never hidden is never hidden,
    groups and counts_where without their total or counts are never read."""
    r = _rules(q)
    counts = set(r.counts)
    hideable = counts | set(r.shares) | set(r.derived)
    out = [
        f"sums: {c} is not in counts"
        for whole, parts in r.row_sums
        for c in (whole, *parts)
        if c not in counts and c not in privacy.REST
    ]
    out += [
        f"shares: the base {b} is not in counts" for b, _ in r.shares.values() if b not in counts
    ]
    out += [
        f"derived: {col} <- {s}, which is never hidden"
        for col, sources in r.derived.items()
        for s in sources
        if s not in hideable
    ]
    out += [
        f"ranks: {k} <- {v}, which is never hidden" for k, v in r.ranks.items() if v not in hideable
    ]
    if r.groups and not r.total_row:
        out.append("groups without a total: the policy reads them only with `total`")
    if (r.counts_where or r.total_row) and not counts:
        out.append("counts_where or total without counts")
    return out


def _rules(q: queries.NamedQuery) -> privacy.Rules:
    """privacy.rules of a query that need not be in the catalogue (a planted one)."""
    real = queries.get
    try:
        queries.get = lambda name: q  # privacy.rules looks its query up by name
        return privacy.rules(q.name)
    finally:
        queries.get = real


def cited_columns(q: queries.NamedQuery) -> set[str]:
    """Every column a policy line of the header names."""
    r = _rules(q)
    out = set(r.counts) | set(r.groups) | set(r.derived) | set(r.ranks) | set(r.ranks.values())
    out |= {s for sources in r.derived.values() for s in sources}
    out |= {c for col, (base, _) in r.shares.items() for c in (col, base)}
    out |= {c for whole, parts in r.row_sums for c in (whole, *parts) if c not in privacy.REST}
    if r.counts_where:
        out.add(r.counts_where[0])
    return out


CITED = re.compile(r"(?<![\w./-])((?:[\w.-]+/)*[\w-][\w.-]*\.(?:sql|py|csv|md))\b")


def missing_files(text: str) -> list[str]:
    """The files `text` cites (`_shared/15_beban.sql`, `pantau/stats.py`, `program.csv`) that
    exist neither from the project root nor from queries/ (bare names: queries/, queries/_shared/,
    data/reference/)."""
    out = []
    for cited in dict.fromkeys(CITED.findall(text)):
        bases = [ROOT, QUERIES_DIR]
        if "/" not in cited:
            bases += [QUERIES_DIR / "_shared", REFERENCE_DIR]
        if not any((base / cited).is_file() for base in bases):
            out.append(cited)
    return out


def unused(names, texts: list[str]) -> list[str]:
    """The names no text quotes as a string ("name" or 'name')."""
    return [n for n in names if not any(f'"{n}"' in t or f"'{n}'" in t for t in texts)]


def _texts(*folders: str) -> list[str]:
    here = Path(__file__).resolve()
    return [
        p.read_text(encoding="utf-8")
        for folder in folders
        for p in sorted((ROOT / folder).rglob("*.py"))
        if p.resolve() != here
    ]


def _planted(tmp_path: Path, header: str, stem: str = "kecil") -> queries.NamedQuery:
    path = tmp_path / f"{stem}.sql"
    path.write_text(header.strip() + "\nSELECT 1 AS keluarga\n", encoding="utf-8")
    return queries.parse(path)


GOOD = """
-- name: kecil
-- returns: one row
-- unit: keluarga
-- counts: keluarga, keluarga_bagian
-- params: (none)
"""


# --- the catalogue ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def columns(tmp_path_factory) -> dict[str, list[str]]:
    """The columns every query returns on the hand-made city, run once with the parameters its
    header names, all empty (tests/kota_uji.py)."""
    data = build(tmp_path_factory.mktemp("katalog") / "data")
    return {
        name: list(queries.run(name, dict.fromkeys(params_named(q)), data))
        for name, q in queries.catalogue().items()
    }


def test_the_catalogue_is_every_sql_file_of_queries():
    assert sorted(queries.catalogue()) == sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))
    assert len(queries.catalogue()) >= 50


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_header_parses_the_way_the_policy_reads_it(name):
    assert parse_problems(queries.get(name), name) == []
    assert link_problems(queries.get(name)) == []


def test_every_header_names_only_columns_its_query_returns(columns):
    missing = {
        name: sorted(cited_columns(q) - set(columns[name]))
        for name, q in queries.catalogue().items()
    }
    assert {n: m for n, m in missing.items() if m} == {}


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_every_header_labels_its_columns_with_a_known_kind(name):
    assert column_problems(queries.get(name)) == []


def test_every_column_a_query_returns_is_labelled_and_no_other(columns):
    declared = {name: list(q.columns) for name, q in queries.catalogue().items()}
    undeclared = {n: [c for c in cols if c not in declared[n]] for n, cols in columns.items()}
    not_returned = {n: [c for c in cols if c not in columns[n]] for n, cols in declared.items()}
    assert {n: c for n, c in undeclared.items() if c} == {}
    assert {n: c for n, c in not_returned.items() if c} == {}
    # written in the order the query returns them
    assert {n for n in columns if declared[n] != columns[n]} == set()


def test_kolom_gives_the_labels_in_the_region_s_words():
    tuban = wilayah_mod.Wilayah("35.23", "Kabupaten Tuban", "kabupaten", "Jawa Timur", True)
    kota = queries.kolom("peta_kelurahan")
    desa = queries.kolom("peta_kelurahan", tuban)
    assert (kota["kelurahan"].label, desa["kelurahan"].label) == ("Kelurahan", "Desa/Kelurahan")
    assert (kota["porsi_kota"].label, desa["porsi_kota"].label) == (
        "Porsi kota (%)",
        "Porsi kabupaten (%)",
    )
    assert kota["keluarga"] == desa["keluarga"]
    assert (kota["keluarga"].label, kota["keluarga"].jenis) == (
        "Keluarga dalam daftar (keluarga)",
        "keluarga",
    )
    assert kota["per_1000_keluarga"].jenis == "desimal"
    assert list(kota)[:5] == ["periode", "kode_kec", "kecamatan", "kode_kel", "kelurahan"]
    # the Peta page names the pocket test's bound with the same words (pantau/peta.py)
    assert kota["per_1000_batas_uji"].label == peta.KOLOM_BATAS_UJI


def test_no_header_and_no_readme_cites_a_file_that_does_not_exist():
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(QUERIES_DIR.glob("*.sql"))}
    texts |= {
        f"_shared/{p.name}": p.read_text(encoding="utf-8")
        for p in sorted((QUERIES_DIR / "_shared").glob("*.sql"))
    }
    texts["README.md"] = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    assert {f: m for f, text in texts.items() if (m := missing_files(text))} == {}


def test_the_readme_documents_every_key_the_checks_accept():
    readme = (QUERIES_DIR / "README.md").read_text(encoding="utf-8")
    assert [k for k in KEYS if f"-- {k}:" not in readme] == []


def test_every_query_is_used_by_a_page_the_policy_a_report_or_a_test():
    assert unused(queries.catalogue(), _texts("pages", "pantau", "tests")) == []


def test_every_query_but_the_checking_ones_is_read_by_what_a_user_opens():
    assert unused(queries.catalogue(), _texts("pages", "pantau")) == sorted(CHECKING_ONLY)


# --- each check fails on a planted fault ----------------------------------------------------


def test_a_planted_good_header_passes_every_check(tmp_path):
    q = _planted(tmp_path, GOOD)
    assert parse_problems(q, "kecil") == []
    assert link_problems(q) == []
    assert cited_columns(q) - {"keluarga", "keluarga_bagian"} == set()


def test_an_unknown_key_a_repeated_key_and_a_name_not_the_file_are_found(tmp_path):
    q = _planted(tmp_path, GOOD.replace("kecil", "besar") + "-- catatan: x\n-- unit: jiwa\n")
    assert parse_problems(q, "kecil") == [
        "unknown key 'catatan'",
        "key 'unit' twice",
        "name 'besar' is not the file's 'kecil'",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "-- shares: porsi of keluarga",  # no `<-`: privacy skips the group
        "-- derived: porsi <- keluarga (median)",  # a source 'keluarga (median)'
        "-- sums: keluarga - keluarga_bagian",  # no `=`
        "-- counts_where: satuan = keluarga",  # no ` in `
        "-- ranks: peringkat <- keluarga, keluarga_bagian",  # a rank orders one value
        "-- derived: porsi <- keluarga; median",  # a group without `<-`
        "-- groups: kode_kec kode_kel",  # one column 'kode_kec kode_kel'
    ],
)
def test_a_line_the_policy_reads_otherwise_than_it_says_is_found(tmp_path, line):
    key = line[3:].split(":")[0]
    problems = parse_problems(_planted(tmp_path, GOOD + line), "kecil")
    assert len(problems) == 1 and problems[0].startswith(f"{key}: the policy reads"), problems


def test_a_total_of_another_word_a_scale_not_a_number_and_a_wrong_params_line_are_found(
    tmp_path,
):
    assert parse_problems(_planted(tmp_path, GOOD + "-- total: last rows"), "kecil") == [
        "total: 'last rows' is neither of ('last row', 'implied')"
    ]
    shares = _planted(tmp_path, GOOD + "-- shares: per_1000 <- keluarga / seribu")
    assert parse_problems(shares, "kecil")[0].startswith("a line does not parse")
    params = _planted(tmp_path, GOOD.replace("(none)", "periode (YYYY-MM), kode_kec"))
    assert parse_problems(params, "kecil") == [
        "params: the header names ['kode_kec', 'periode'], the SQL uses []"
    ]


def test_a_header_naming_a_column_the_policy_cannot_hide_through_is_found(tmp_path):
    q = _planted(
        tmp_path,
        GOOD
        + "-- sums: keluarga = keluarga_bagian + keluarga_lain\n"
        + "-- shares: porsi <- jiwa\n"
        + "-- derived: median <- porsi, nilai_rp\n"
        + "-- ranks: peringkat <- nilai_rp\n"
        + "-- groups: kode_kec",
    )
    assert link_problems(q) == [
        "sums: keluarga_lain is not in counts",
        "shares: the base jiwa is not in counts",
        "derived: median <- nilai_rp, which is never hidden",
        "ranks: peringkat <- nilai_rp, which is never hidden",
        "groups without a total: the policy reads them only with `total`",
    ]
    assert parse_problems(q, "kecil") == []


def test_a_header_column_the_query_does_not_return_is_found(tmp_path):
    q = _planted(tmp_path, GOOD + "-- derived: porsi <- keluarga\n-- groups: kode_kec")
    returned = ["keluarga", "keluarga_bagian", "porsi"]  # what SELECT gives, without kode_kec
    assert sorted(cited_columns(q) - set(returned)) == ["kode_kec"]


def test_a_cited_file_that_does_not_exist_is_found():
    text = (
        "see _shared/60_beban.sql and _shared/15_beban.sql, the rule in program.csv, "
        "data/reference/program.csv, pantau/stats.py and pantau/tidak_ada.py; fgt.sql, "
        "kantong.sql, queries/README.md."
    )
    assert missing_files(text) == ["_shared/60_beban.sql", "pantau/tidak_ada.py", "kantong.sql"]


def test_a_query_no_text_quotes_is_found():
    texts = ['ui.query("fgt", periode=p)', "run('peta_kelurahan')", "# fgt_kelurahan in prose"]
    assert unused(["fgt", "peta_kelurahan", "fgt_kelurahan"], texts) == ["fgt_kelurahan"]


COLUMNS_GOOD = "-- columns: keluarga = Keluarga (keluarga) [keluarga]"


def test_a_planted_columns_line_parses_into_labels_and_kinds(tmp_path):
    q = _planted(
        tmp_path,
        GOOD
        + "-- columns: keluarga = Keluarga dalam daftar (keluarga) [keluarga];"
        + " kelurahan = {desa} [teks] ; porsi = Porsi {jenis}, dari 0 (%) [persen];",
    )
    assert q.columns == {
        "keluarga": ("Keluarga dalam daftar (keluarga)", "keluarga"),
        "kelurahan": ("{desa}", "teks"),
        "porsi": ("Porsi {jenis}, dari 0 (%)", "persen"),
    }
    assert column_problems(q) == []


@pytest.mark.parametrize(
    "line, problem",
    [
        (
            "-- columns: keluarga = Keluarga (keluarga)",  # no kind
            "columns: 'keluarga = Keluarga (keluarga)' is not `name = Label [kind]`",
        ),
        (
            "-- columns: keluarga [keluarga]",  # no label
            "columns: 'keluarga [keluarga]' is not `name = Label [kind]`",
        ),
        (
            "-- columns: keluarga =  [keluarga]",  # an empty label
            "columns: 'keluarga =  [keluarga]' is not `name = Label [kind]`",
        ),
        (
            COLUMNS_GOOD + "; keluarga = Lagi (keluarga) [keluarga]",
            "columns: keluarga twice",
        ),
        (
            COLUMNS_GOOD + "; nilai = Nilai (Rp) [rupiah]",
            "columns: nilai has the kind 'rupiah', not one of KINDS",
        ),
        (
            COLUMNS_GOOD + "; kelurahan = {kelurahan} [teks]",
            "columns: kelurahan's label '{kelurahan}' has a placeholder not filled",
        ),
        (
            "-- columns: keluarga = Keluarga [teks]",  # a count shown as text
            "columns: keluarga is in counts but its kind is 'teks'",
        ),
        (
            "-- columns: keluarga = Keluarga [jiwa]; keluarga_bagian = Bagian (%) [persen]",
            "columns: keluarga_bagian is in counts but its kind is 'persen'",
        ),
        (COLUMNS_GOOD + "\n-- total: last row", "columns is not the last key ('total' is)"),
        ("", "no 'columns' line"),
    ],
)
def test_a_columns_line_that_breaks_its_form_is_found(tmp_path, line, problem):
    assert column_problems(_planted(tmp_path, GOOD + line)) == [problem]


def test_a_count_that_is_a_share_on_some_rows_may_have_another_kind(tmp_path):
    header = (
        GOOD.replace("keluarga, keluarga_bagian", "nilai, basis")
        + "-- counts_where: satuan in keluarga\n-- shares: nilai <- basis\n"
    )
    mixed = "-- columns: satuan = Satuan [teks]; nilai = Nilai [desimal]; basis = Dasar [keluarga]"
    assert column_problems(_planted(tmp_path, header + mixed)) == []
    base_as_text = mixed.replace("Dasar [keluarga]", "Dasar [teks]")
    assert column_problems(_planted(tmp_path, header + base_as_text)) == [
        "columns: basis is in counts but its kind is 'teks'"
    ]


def test_a_column_not_declared_or_not_returned_is_found(tmp_path):
    q = _planted(tmp_path, GOOD + "-- columns: keluarga = Keluarga [keluarga]; porsi = P [persen]")
    returned = ["keluarga", "keluarga_bagian"]
    assert [c for c in returned if c not in q.columns] == ["keluarga_bagian"]
    assert [c for c in q.columns if c not in returned] == ["porsi"]


# A column whose kind counts families, persons, KPM, groups or units but that the policy does not
# suppress as a count, each with why (anything else of a count kind must be in `counts`, or be
# `derived` from counts and hidden with them): a header that drops its `counts` line fails here.
NOT_A_SUPPRESSED_COUNT = {
    ("bantuan_ketepatan_sasaran", "kuota_kpm"): "a programme's quota, set by decree, not a count",
    ("daftar_sasaran", "jumlah_anggota"): "one family's size, in a named list guests never get",
    ("simulasi_keluarga", "jumlah_anggota"): "one family's size, in a named list guests never get",
    ("sk_calon", "jumlah_anggota"): "one family's size, in a named list guests never get",
    ("kube_tren", "kelompok"): "KUBE groups, public registrations (their members are counted)",
    (
        "kube_tren",
        "kelompok_aktif",
    ): "KUBE groups, public registrations (their members are counted)",
    ("simulasi", "keluarga_maks"): "the planner's budget cap in families, an input, not data",
}


def count_kinds_the_policy_does_not_hide(q: queries.NamedQuery, name: str) -> list[str]:
    counts, derived = set(q.counts), set(q.derived)
    return [
        c
        for c, (_, kind) in q.columns.items()
        if kind in COUNTS
        and c not in counts
        and c not in derived
        and (name, c) not in NOT_A_SUPPRESSED_COUNT
    ]


def test_every_column_of_a_count_kind_is_a_count_the_policy_hides():
    found = {
        name: cols
        for name, q in queries.catalogue().items()
        if (cols := count_kinds_the_policy_does_not_hide(q, name))
    }
    assert found == {}


def test_a_header_without_its_counts_line_is_found(tmp_path):
    path = tmp_path / "kepala_per_kelamin.sql"
    path.write_text(
        "-- name: kepala_per_kelamin\n"
        "-- returns: extreme-poor keluarga per sex of the head\n"
        "-- unit: keluarga\n"
        "-- params: periode\n"
        "-- columns: kelamin = Jenis kelamin kepala [teks]; keluarga = Keluarga (keluarga) "
        "[keluarga]; porsi = Porsi (%) [persen]\n"
        "SELECT 'P' AS kelamin, 3 AS keluarga, 0.5 AS porsi WHERE $periode IS NULL\n",
        encoding="utf-8",
    )
    q = queries.parse(path)
    assert count_kinds_the_policy_does_not_hide(q, "kepala_per_kelamin") == ["keluarga"]
    declared = path.read_text(encoding="utf-8").replace(
        "-- params:", "-- counts: keluarga\n-- shares: porsi <- keluarga\n-- params:"
    )
    path.write_text(declared, encoding="utf-8")
    assert count_kinds_the_policy_does_not_hide(queries.parse(path), "kepala_per_kelamin") == []

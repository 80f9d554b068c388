"""Who may see what, tested through the real login form of the app (AppTest).

Each role signs in with the demo accounts, opens every page it may open and tries the ones
it may not. Every rendered element is searched for the lake's NIKs, No KKs and names.
"""

from __future__ import annotations

import re

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from pantau import page_list, privacy
from pantau.accounts import FAILED
from pantau.lake import Lake
from tests.lakes import ROOT

PAGES = list(page_list.KEYS)
ALLOWED = privacy.PAGES
# The heading (st.title) each of these pages shows.
TITLES = {
    "ringkasan": "Ringkasan",
    "sasaran": "Daftar sasaran",
    "data": "Data",
    "daftar_sk": "Daftar SK",
}
DIGITS16 = re.compile(rb"(?<![0-9])[0-9]{16}(?![0-9])")


@pytest.fixture(scope="module")
def secrets(demo_lake):
    """The identifiers and names of every family and person in the demo lake."""
    files = [str(f) for f in Lake(demo_lake).current_files("keluarga")]
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT DISTINCT no_kk, nik_kepala, nama_kepala FROM read_parquet({files!r})"
    ).fetchall()
    con.close()
    ids = {r[0] for r in rows} | {r[1] for r in rows}
    names = {r[2] for r in rows if r[2] and len(r[2]) >= 8}
    return ids, names


def sign_in(data_dir, monkeypatch, user: str) -> AppTest:
    monkeypatch.setenv("PANTAU_DATA", str(data_dir))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input("demo")
    at.button[0].click()
    at.run()
    assert at.session_state["role"] == user, "demo login failed"
    return at


def rendered_bytes(at: AppTest) -> bytes:
    """Every element's protobuf: texts, metrics, and dataframes' Arrow bytes."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            out.append(proto.SerializeToString())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return b"\n".join(out)


def leaked(blob: bytes, ids: set[str], names: set[str]) -> list[str]:
    found = {m.decode() for m in DIGITS16.findall(blob)} & ids
    text = blob.decode("utf-8", errors="ignore")
    found |= {n for n in names if n in text}
    return sorted(found)


def open_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"pages/{page}.py")
    at.run()
    return at


def test_the_policy_names_only_pages_of_the_page_list():
    assert set(privacy.PAGES) == set(privacy.ROLES)
    for role, keys in privacy.PAGES.items():
        assert keys <= set(page_list.KEYS), (role, sorted(keys - set(page_list.KEYS)))


# Who may open which page, written out by hand: the matrix as it stood when the page list
# took over the roles from privacy.PAGES (3 December 2026). A change here is a policy decision.
MATRIX = {
    #             kepala perencana operator tamu
    "ringkasan": (1, 1, 1, 1),
    "peta": (1, 1, 1, 1),
    "beban": (1, 1, 1, 0),
    "bantuan": (1, 1, 1, 0),
    "paparan": (1, 1, 1, 1),
    "sasaran": (1, 1, 0, 0),
    "simulasi": (1, 1, 0, 0),
    "daftar_sk": (1, 1, 0, 0),
    "data": (1, 0, 1, 0),
}


def test_the_role_page_matrix_is_the_one_written_out_by_hand():
    roles = ("kepala", "perencana", "operator", "tamu")
    assert tuple(privacy.ROLES) == roles
    assert list(MATRIX) == list(page_list.KEYS)  # every page, in menu order
    for key, row in MATRIX.items():
        for role, allowed in zip(roles, row, strict=True):
            assert privacy.may_open(role, key) is bool(allowed), (role, key)
        assert set(page_list.page(key).roles) == {
            r for r, a in zip(roles, row, strict=True) if a
        }, key
    by_role = {
        "kepala": set(MATRIX),
        "perencana": set(MATRIX) - {"data"},
        "operator": {"ringkasan", "peta", "beban", "bantuan", "paparan", "data"},
        "tamu": {"ringkasan", "peta", "paparan"},
    }
    assert by_role == privacy.PAGES
    assert not privacy.may_open("laporan_resmi", "ringkasan")  # a purpose opens no page
    assert not privacy.may_open("kepala", "tidak_ada")


def test_the_policy_reads_each_page_s_roles_and_refuses_a_role_it_does_not_know():
    new = page_list.Page("baru", "pages/baru.py", "Baru", ":material/star:", ("tamu",))
    nobody = page_list.Page("kosong", "pages/kosong.py", "Kosong", ":material/star:", ())
    got = privacy.pages_by_role([*page_list.PAGES, new, nobody], privacy.ROLES)
    assert got["tamu"] == {"ringkasan", "peta", "paparan", "baru"}
    assert got["kepala"] == set(MATRIX)  # the new page names only the guest
    assert "kosong" not in set().union(*got.values())
    assert privacy.pages_by_role([], privacy.ROLES) == {r: set() for r in privacy.ROLES}
    typo = page_list.Page("x", "pages/x.py", "X", ":material/star:", ("kepala", "tamuu"))
    with pytest.raises(ValueError, match=r"page 'x' names roles that are not roles: \['tamuu'\]"):
        privacy.pages_by_role([typo], privacy.ROLES)


def test_every_page_of_the_list_has_its_file():
    for p in page_list.PAGES:
        assert (ROOT / p.file).is_file(), p
        assert p.file == f"pages/{p.key}.py"


@pytest.mark.parametrize("role", ["tamu", "operator", "perencana", "kepala"])
def test_each_role_opens_exactly_its_pages(demo_lake, monkeypatch, role):
    at = sign_in(demo_lake, monkeypatch, role)
    for page in PAGES:
        open_page(at, page)
        assert not at.exception, (role, page, at.exception)
        titles = [t.value for t in at.title]
        if page in ALLOWED[role]:
            assert titles, f"{role} sees nothing on {page}"
            if page in TITLES:
                assert TITLES[page] in titles
        else:
            # A forbidden page is not in the navigation: Streamlit falls back to the default.
            assert TITLES.get(page, "§") not in titles, (role, page, titles)


def test_guest_never_sees_an_identifier_or_name(demo_lake, monkeypatch, secrets):
    ids, names = secrets
    at = sign_in(demo_lake, monkeypatch, "tamu")
    for page in sorted(ALLOWED["tamu"]):
        open_page(at, page)
        assert not at.exception
        assert leaked(rendered_bytes(at), ids, names) == [], page


def test_planner_sees_only_masked_identifiers(demo_lake, monkeypatch, secrets):
    ids, names = secrets
    at = sign_in(demo_lake, monkeypatch, "perencana")
    open_page(at, "sasaran")
    table = at.dataframe[0].value
    assert len(table) > 0
    assert table["nik_kepala"].str.fullmatch(r"\*{12}[0-9]{4}").all()
    assert table["no_kk"].str.fullmatch(r"\*{12}[0-9]{4}").all()
    assert {m.decode() for m in DIGITS16.findall(rendered_bytes(at))} & ids == set()


def test_head_of_department_sees_full_identifiers(demo_lake, monkeypatch, secrets):
    ids, _ = secrets
    at = sign_in(demo_lake, monkeypatch, "kepala")
    open_page(at, "sasaran")
    table = at.dataframe[0].value
    assert set(table["nik_kepala"]) <= ids and len(table) > 0


@pytest.mark.parametrize("page", PAGES)
def test_a_page_file_run_without_login_shows_no_data(demo_lake, monkeypatch, page):
    """Streamlit may run a file of pages/ directly (its legacy mode on a fresh server)."""
    monkeypatch.setenv("PANTAU_DATA", str(demo_lake))
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert [w.value for w in at.warning] == ["Silakan masuk lewat halaman utama dasbor."]
    assert len(at.dataframe) == 0 and len(at.metric) == 0


def test_idle_session_expires_after_the_configured_minutes(monkeypatch):
    from pantau import auth

    monkeypatch.setenv("PANTAU_SESI_MENIT", "30")
    assert not auth.expired(last_seen=1000.0, now=1000.0 + 29 * 60)
    assert auth.expired(last_seen=1000.0, now=1000.0 + 31 * 60)
    monkeypatch.setenv("PANTAU_SESI_MENIT", "5")
    assert auth.expired(last_seen=1000.0, now=1000.0 + 6 * 60)


def test_wrong_password_is_refused_and_logged(demo_lake, monkeypatch):
    monkeypatch.setenv("PANTAU_DATA", str(demo_lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.text_input(key="login_user").input("kepala")
    at.text_input(key="login_password").input("salah")
    at.button[0].click()
    at.run()
    assert "role" not in at.session_state
    assert [e.value for e in at.error] == [FAILED]  # the one sentence of every failure
    log = (demo_lake / "audit.log").read_text()
    assert '"aksi": "login_gagal"' in log


def test_sql_text_in_a_filter_changes_nothing(demo_lake, monkeypatch):
    before = Lake(demo_lake).status()
    at = sign_in(demo_lake, monkeypatch, "kepala")
    open_page(at, "sasaran")
    at.text_input(key="s_rt").input("'; DROP TABLE keluarga; --")
    at.run()
    assert not at.exception
    assert "0 keluarga" in " ".join(m.value for m in at.markdown)
    open_page(at, "ringkasan")
    assert not at.exception and at.metric[0].value not in ("", "–")
    assert Lake(demo_lake).status() == before

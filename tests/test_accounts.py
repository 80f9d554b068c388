"""Accounts: hashing, lockout, demo accounts only with demo data, the audit log."""

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pantau import accounts as acc
from pantau import audit
from pantau.accounts import Accounts
from pantau.errors import PantauError
from pantau.lake import Lake
from tests.lakes import ROOT, build_lake, keluarga_rows


def test_password_is_stored_as_argon2_hash_not_plain_text(tmp_path):
    Accounts(tmp_path).add("siti", "rahasia-sekali", "kepala")
    stored = json.loads((tmp_path / "accounts.json").read_text())
    entry = stored["users"]["siti"]
    assert entry["hash"].startswith("$argon2id$")
    assert "rahasia-sekali" not in (tmp_path / "accounts.json").read_text()
    assert Accounts(tmp_path).login("siti", "rahasia-sekali").role == "kepala"
    assert not Accounts(tmp_path).login("siti", "rahasia-salah").ok


def test_short_password_and_unknown_role_are_refused(tmp_path):
    with pytest.raises(PantauError, match="minimal 8"):
        Accounts(tmp_path).add("a", "pendek", "kepala")
    with pytest.raises(PantauError, match="Peran 'admin' tidak dikenal"):
        Accounts(tmp_path).add("a", "cukup-panjang", "admin")


def test_five_failed_logins_lock_the_account_for_fifteen_minutes(tmp_path, monkeypatch):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    for _ in range(5):
        assert a.login("budi", "salah").message == acc.FAILED
    # Even the right password is refused while locked, with the same sentence as a wrong
    # password: the form tells nobody that the name exists or that the password was right.
    locked = a.login("budi", "benar-sekali")
    assert not locked.ok and locked.message == acc.FAILED
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    monkeypatch.setattr(acc, "_now", lambda: later)
    assert a.login("budi", "benar-sekali").ok


def test_unknown_locked_and_disabled_accounts_get_the_wrong_password_sentence(tmp_path):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    a.add("ani", "benar-sekali", "operator")
    a.disable("ani")
    wrong = a.login("budi", "salah").message
    assert wrong == acc.FAILED
    assert a.login("tidak-ada", "salah").message == wrong
    assert a.login("ani", "benar-sekali").message == wrong
    for _ in range(5):
        a.login("budi", "salah")
    assert a.login("budi", "salah").message == wrong
    assert a.login("budi", "benar-sekali").message == wrong


def test_every_failed_login_costs_one_argon2_verification(tmp_path, monkeypatch):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    a.add("ani", "benar-sekali", "operator")
    a.disable("ani")
    real = acc._hasher
    calls = []

    class Counting:
        def verify(self, hashed, password):
            calls.append(hashed)
            return real.verify(hashed, password)

        def hash(self, password):
            return real.hash(password)

    monkeypatch.setattr(acc, "_hasher", Counting())
    for user in ("budi", "tidak-ada", "ani", "x" * 10_000, ""):
        calls.clear()
        assert not a.login(user, "salah").ok
        assert len(calls) == 1, user
        assert calls[0].startswith("$argon2id$")  # the same kind of hash, the same cost


def test_user_names_are_capped_at_64_characters(tmp_path):
    a = Accounts(tmp_path)
    a.add("b" * 64, "benar-sekali", "tamu")
    assert a.login("b" * 64, "benar-sekali").ok
    long = a.login("b" * 64 + "x" * 100_000, "benar-sekali")
    assert not long.ok and long.user == "b" * 64  # what the audit log would get
    with pytest.raises(PantauError, match="1–64 karakter"):
        a.add("c" * 65, "benar-sekali", "tamu")
    with pytest.raises(PantauError, match="1–64 karakter"):
        a.add("dua kata", "benar-sekali", "tamu")


@pytest.mark.parametrize("broken", ["os.replace", "write_text"])
def test_a_full_disk_does_not_block_sign_in(tmp_path, monkeypatch, broken):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    a.login("budi", "salah")  # one failure on record: a success wants to clear it
    before = (tmp_path / "accounts.json").read_bytes()

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if broken == "os.replace":
        monkeypatch.setattr(os, "replace", full)
    else:
        monkeypatch.setattr(Path, "write_text", full)
    assert a.login("budi", "benar-sekali").ok
    wrong = a.login("budi", "salah")
    assert not wrong.ok and wrong.message == acc.FAILED
    assert not a.login("tidak-ada", "salah").ok
    monkeypatch.undo()
    assert (tmp_path / "accounts.json").read_bytes() == before
    assert not (tmp_path / "accounts.tmp").exists()


def test_passwd_and_disable_end_sessions_signed_in_before(tmp_path):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    first = a.login("budi", "benar-sekali")
    assert a.session_role("budi", first.epoch) == "perencana"
    a.passwd("budi", "sandi-baru-123")
    assert a.session_role("budi", first.epoch) is None
    second = a.login("budi", "sandi-baru-123")
    assert second.epoch == first.epoch + 1
    assert a.session_role("budi", second.epoch) == "perencana"
    a.disable("budi")
    assert a.session_role("budi", second.epoch) is None
    assert a.session_role("tidak-ada", 0) is None


def test_a_success_resets_the_failure_count(tmp_path):
    a = Accounts(tmp_path)
    a.add("budi", "benar-sekali", "perencana")
    for _ in range(4):
        a.login("budi", "salah")
    assert a.login("budi", "benar-sekali").ok
    for _ in range(4):
        a.login("budi", "salah")
    assert a.login("budi", "benar-sekali").ok  # 4 + 4 failures never reached 5 in a row


def test_disabled_account_cannot_log_in(tmp_path):
    a = Accounts(tmp_path)
    a.add("ani", "benar-sekali", "operator")
    a.disable("ani")
    assert not a.login("ani", "benar-sekali").ok


def test_demo_accounts_work_only_in_a_pure_demo_lake(tmp_path):
    demo = build_lake(tmp_path / "demo", {"keluarga": {"2024-06": keluarga_rows([{}])}}, True)
    assert Lake(demo).is_demo()
    result = Accounts(demo).login("tamu", "demo")
    assert result.ok and result.role == "tamu" and result.demo
    assert Accounts(demo).session_role("tamu", 0, demo=True) == "tamu"
    assert not Accounts(demo).login("tamu", "bukan-demo").ok

    empty = tmp_path / "empty"
    assert not Accounts(empty).login("kepala", "demo").ok  # no default password
    # The marker alone (no batch, or a batch demo did not write) is not demo data.
    (empty / "lake").mkdir(parents=True)
    (empty / "lake" / "DEMO").write_text("seed 1")
    assert not Lake(empty).is_demo()
    assert not Accounts(empty).login("kepala", "demo").ok
    real = build_lake(tmp_path / "real", {"keluarga": {"2024-06": keluarga_rows([{}])}})
    (real / "lake" / "DEMO").write_text("seed 1")
    assert not Lake(real).is_demo()
    assert not Accounts(real).login("kepala", "demo").ok
    assert Accounts(real).session_role("kepala", 0, demo=True) is None


def test_audit_log_only_appends(tmp_path):
    audit.record(tmp_path, "siti", "login_berhasil")
    first = (tmp_path / "audit.log").read_text()
    audit.record(tmp_path, "siti", "ekspor", berkas="x.xlsx", filter={"kode_kec": "35.75.04"})
    text = (tmp_path / "audit.log").read_text()
    assert text.startswith(first)
    log = audit.read(tmp_path)
    assert list(log["aksi"]) == ["ekspor", "login_berhasil"]
    assert '"kode_kec": "35.75.04"' in log.iloc[0]["rincian"]


def test_user_cli_adds_lists_and_disables(tmp_path):
    def cli(*args, stdin=None):
        return subprocess.run(
            [sys.executable, "-m", "pantau", "--data", str(tmp_path), "user", *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )

    assert (
        cli("add", "dewi", "--role", "tamu", "--password-stdin", stdin="kata-sandi-1\n").returncode
        == 0
    )
    listed = cli("list").stdout
    assert "dewi" in listed and "tamu" in listed and "aktif" in listed
    assert cli("disable", "dewi").returncode == 0
    assert "nonaktif" in cli("list").stdout
    bad = cli("add", "x", "--role", "tamu", "--password-stdin", stdin="123\n")
    assert bad.returncode == 2 and bad.stderr.startswith("Error: Kata sandi minimal 8")
    assert "Traceback" not in bad.stderr


# --- sessions in the app (AppTest through the real login form) ------------------------------


@pytest.fixture
def app_lake(tmp_path, monkeypatch):
    data = build_lake(tmp_path / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 6)}})
    Accounts(data).add("budi", "benar-sekali", "kepala")
    monkeypatch.setenv("PANTAU_DATA", str(data))
    return data


def signed_in(user: str = "budi", password: str = "benar-sekali"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    at.text_input(key="login_user").input(user)
    at.text_input(key="login_password").input(password)
    at.button[0].click()
    at.run()
    assert not at.exception, at.exception
    return at


SESSION = ("user", "role", "last_seen", "since", "account", "epoch", "demo")


def next_run(at, **changes):
    """The session's next interaction. In production every run starts at dashboard.py (the
    server clears Streamlit's pages/ mode); AppTest would rerun the page file alone, so the
    session's state is carried into a fresh AppTest of dashboard.py instead."""
    from streamlit.testing.v1 import AppTest

    nxt = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key in SESSION:
        if key in at.session_state:
            nxt.session_state[key] = at.session_state[key]
    for key, value in changes.items():
        nxt.session_state[key] = value
    nxt.run()
    assert not nxt.exception, nxt.exception
    return nxt


def on_login_page(at) -> bool:
    signed_out = "user" not in at.session_state or not at.session_state["user"]
    return signed_out and any(t.value == "Pantau Kemiskinan Ekstrem" for t in at.title)


def test_passwd_ends_an_open_session_on_its_next_run(app_lake):
    at = signed_in()
    assert at.session_state["user"] == "budi" and at.title[0].value == "Ringkasan"
    assert next_run(at).title[0].value == "Ringkasan"  # still signed in
    Accounts(app_lake).passwd("budi", "sandi-baru-123")
    at = next_run(at)
    assert on_login_page(at)
    assert any("akun Anda diubah" in i.value for i in at.info)
    assert signed_in("budi", "sandi-baru-123").session_state["role"] == "kepala"


def test_disable_ends_an_open_session_on_its_next_run(app_lake):
    at = signed_in()
    Accounts(app_lake).disable("budi")
    at = next_run(at)
    assert on_login_page(at)
    assert not any(t.value == "Ringkasan" for t in at.title)


def test_a_session_ends_after_its_absolute_lifetime(app_lake, monkeypatch):
    import time

    at = signed_in()
    old = time.time() - 13 * 3600  # active all along, but signed in 13 hours ago
    assert on_login_page(next_run(at, since=old))
    assert any("terlalu lama" in i.value for i in next_run(at, since=old).info)
    monkeypatch.setenv("PANTAU_SESI_JAM", "24")
    assert next_run(at, since=old).title[0].value == "Ringkasan"


def test_a_long_user_name_never_reaches_the_audit_log(app_lake):
    at = signed_in("a" * 5000, "apa-saja-123")
    assert on_login_page(at) and at.error
    log = audit.read(app_lake)
    assert list(log["aksi"]) == ["login_gagal"]
    assert len(log.iloc[0]["pengguna"]) <= 64  # the form cuts it, and so does Accounts.login
    assert "a" * 65 not in (app_lake / "audit.log").read_text()


def test_sign_in_works_when_neither_the_counter_nor_the_audit_log_can_be_written(app_lake):
    # As root chmod blocks nothing; a directory where each file must go fails every write
    # the way a full disk does (OSError), for the failure counter and the audit log alike.
    assert not Accounts(app_lake).login("budi", "salah").ok  # a failure on record to clear
    (app_lake / "accounts.tmp").mkdir()
    (app_lake / "audit.log").mkdir()
    before = (app_lake / "accounts.json").read_bytes()
    at = signed_in("budi", "salah")
    assert on_login_page(at) and [e.value for e in at.error] == [acc.FAILED]
    at = signed_in()
    assert at.session_state["user"] == "budi" and at.title[0].value == "Ringkasan"
    assert (app_lake / "accounts.json").read_bytes() == before


def test_audit_never_raises_on_a_full_disk(tmp_path, monkeypatch, capsys):
    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "open", full)
    audit.record(tmp_path, "budi", "login_berhasil")
    assert "audit log not written (No space left on device)" in capsys.readouterr().err

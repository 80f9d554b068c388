"""Accounts: hashing, lockout, demo accounts only with demo data, the audit log."""

import datetime as dt
import json
import subprocess
import sys

import pytest

from pantau import accounts as acc
from pantau import audit
from pantau.accounts import Accounts
from pantau.errors import PantauError
from tests.lakes import ROOT


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
    for _ in range(4):
        assert a.login("budi", "salah").message == "Nama pengguna atau kata sandi salah."
    fifth = a.login("budi", "salah")
    assert "dikunci 15 menit" in fifth.message
    # Even the right password is refused while locked.
    locked = a.login("budi", "benar-sekali")
    assert not locked.ok and "terkunci" in locked.message
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    monkeypatch.setattr(acc, "_now", lambda: later)
    assert a.login("budi", "benar-sekali").ok


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


def test_demo_accounts_work_only_while_demo_data_is_loaded(tmp_path):
    a = Accounts(tmp_path)
    assert not a.login("kepala", "demo").ok  # a real install has no default password
    (tmp_path / "lake").mkdir()
    (tmp_path / "lake" / "DEMO").write_text("seed 1")
    result = a.login("tamu", "demo")
    assert result.ok and result.role == "tamu"
    assert not a.login("tamu", "bukan-demo").ok


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

"""Local accounts: argon2 password hashes in the data directory, lockout after failed logins.

A real install starts with no account and no default password (`python -m pantau user add`).
While the lake holds nothing but demo data (Lake.is_demo), the demo accounts kepala,
perencana, operator and tamu work with the password `demo`; they never work beside real data.

Sign-in only reads accounts.json: the failure counter and lockout are written afterwards and
quietly skipped when the disk is full or read-only, so nobody is locked out of intact data.
Every failed sign-in (wrong password, unknown user, locked or disabled account) costs one
argon2 verification and gets the same sentence, so the form tells nobody which names exist.
`passwd` and `disable` raise the account's epoch: a session signed in under an older epoch
ends on its next run (auth.require_login asks `session_role`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from pantau.errors import PantauError
from pantau.lake import Lake
from pantau.privacy import ROLES

MAX_FAILURES = 5
LOCK_MINUTES = 15
MAX_USER = 64  # characters of a user name; a longer one never reaches the audit log
DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = tuple(ROLES)  # kepala, perencana, operator, tamu
FAILED = (
    "Nama pengguna atau kata sandi salah, atau akun sedang dikunci "
    f"({MAX_FAILURES} kali gagal berturut-turut mengunci akun {LOCK_MINUTES} menit)."
)
_NAME = re.compile(rf"[\w.@+-]{{1,{MAX_USER}}}")
_hasher = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash no password matches, so an unknown user costs the same argon2 time."""
    return _hasher.hash(os.urandom(16).hex())


@functools.cache
def _demo_hash() -> str:
    return _hasher.hash(DEMO_PASSWORD)


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user: str
    role: str | None = None
    message: str = ""
    epoch: int = 0
    demo: bool = False


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Accounts:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / "accounts.json"

    # --- storage --------------------------------------------------------------------------

    def _load(self) -> dict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"users": {}}
        except OSError as err:
            raise PantauError(
                f"Daftar akun tidak dapat dibaca ({err.strerror}); periksa izin folder data."
            ) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("users"), dict):
            raise PantauError("Daftar akun (accounts.json) rusak; pulihkan dari cadangan.")
        return data

    @contextlib.contextmanager
    def _editing(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / ".accounts.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self._load()
            yield data
            tmp = self.path.with_suffix(".tmp")
            try:
                tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
                os.chmod(tmp, 0o600)
                os.replace(tmp, self.path)
            except OSError:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise

    # --- administration -------------------------------------------------------------------

    def add(self, user: str, password: str, role: str, email: str | None = None) -> None:
        _check_name(user)
        _check_role(role)
        _check_password(password)
        with self._editing() as data:
            if user in data["users"]:
                raise PantauError(
                    f"Akun '{user}' sudah ada; pakai 'user passwd' untuk mengganti sandinya."
                )
            data["users"][user] = {
                "hash": _hasher.hash(password),
                "role": role,
                "email": email,
                "disabled": False,
                "failures": 0,
                "locked_until": None,
                "epoch": 0,
                "created": _now().isoformat(timespec="seconds"),
            }

    def passwd(self, user: str, password: str) -> None:
        _check_password(password)
        with self._editing() as data:
            entry = _existing(data, user)
            entry["hash"] = _hasher.hash(password)
            entry["failures"], entry["locked_until"] = 0, None
            entry["epoch"] = int(entry.get("epoch", 0)) + 1  # ends the open sessions

    def disable(self, user: str) -> None:
        with self._editing() as data:
            entry = _existing(data, user)
            entry["disabled"] = True
            entry["epoch"] = int(entry.get("epoch", 0)) + 1

    def list(self) -> list[dict]:
        return [
            {
                "user": name,
                "role": e["role"],
                "email": e.get("email"),
                "disabled": e["disabled"],
                "locked_until": e.get("locked_until"),
            }
            for name, e in sorted(self._load()["users"].items())
        ]

    def account_for_email(self, email: str) -> tuple[str, dict] | None:
        """(user name, entry) of the enabled account with this SSO e-mail, if any."""
        for name, e in self._load()["users"].items():
            if e.get("email") and e["email"].lower() == email.lower() and not e["disabled"]:
                return name, e
        return None

    def role_for_email(self, email: str) -> str | None:
        found = self.account_for_email(email)
        return found[1]["role"] if found else None

    # --- login ----------------------------------------------------------------------------

    def demo_active(self) -> bool:
        return Lake(self.data_dir).is_demo()

    def session_role(self, user: str, epoch: int, demo: bool = False) -> str | None:
        """The role a session signed in as `user` under `epoch` still has, or None if it must
        end (account gone, disabled, password changed; a demo account once the lake is no
        longer pure demo data)."""
        users = self._load()["users"]
        if demo:
            ok = user in DEMO_ACCOUNTS and user not in users and self.demo_active()
            return user if ok else None
        entry = users.get(user)
        if not entry or entry.get("disabled") or int(entry.get("epoch", 0)) != epoch:
            return None
        return entry["role"]

    def login(self, user: str, password: str) -> LoginResult:
        """Check a password; count failures and lock the account after five in a row."""
        dummy, demo_hash = _dummy_hash(), _demo_hash()  # cached: the first call costs the same
        name = (user or "")[: MAX_USER + 1].strip()
        if not name or len(name) > MAX_USER:
            _verify_hash(dummy, password)
            return LoginResult(False, name[:MAX_USER], message=FAILED)
        data = self._load()
        entry = data["users"].get(name)
        demo = entry is None and name in DEMO_ACCOUNTS and self.demo_active()
        if demo:
            entry = {"role": name, **data.get("demo", {}).get(name, {})}
            good = _verify_hash(demo_hash, password)
        elif entry is not None:
            good = _verify(entry, password)
        else:
            _verify_hash(dummy, password)
            return LoginResult(False, name, message=FAILED)
        locked_until = entry.get("locked_until")
        locked = bool(locked_until) and dt.datetime.fromisoformat(locked_until) > _now()
        if locked or entry.get("disabled"):
            return LoginResult(False, name, message=FAILED)
        if not good:
            self._count(name, demo, failed=True)
            return LoginResult(False, name, message=FAILED)
        if entry.get("failures") or locked_until:
            self._count(name, demo, failed=False)
        return LoginResult(True, name, entry["role"], epoch=int(entry.get("epoch", 0)), demo=demo)

    def _count(self, name: str, demo: bool, failed: bool) -> None:
        """Count a failure (locking after five) or clear the count after a success; a full or
        read-only disk skips this rather than stopping the sign-in."""
        try:
            with self._editing() as data:
                if demo:
                    entry = data.setdefault("demo", {}).setdefault(name, {"role": name})
                else:
                    entry = data["users"].get(name)
                    if entry is None:
                        return
                if not failed:
                    entry["failures"], entry["locked_until"] = 0, None
                    return
                entry["failures"] = entry.get("failures", 0) + 1
                if entry["failures"] >= MAX_FAILURES:
                    entry["failures"] = 0
                    entry["locked_until"] = (
                        _now() + dt.timedelta(minutes=LOCK_MINUTES)
                    ).isoformat()
        except (OSError, PantauError) as err:
            print(f"login counter not written ({err}) for {name!r}", file=sys.stderr)


def _verify(entry: dict, password: str) -> bool:
    return _verify_hash(entry.get("hash") or _dummy_hash(), password)


def _verify_hash(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _existing(data: dict, user: str) -> dict:
    if user not in data["users"]:
        raise PantauError(f"Akun '{user}' tidak ada.")
    return data["users"][user]


def _check_name(user: str) -> None:
    if not _NAME.fullmatch(user or ""):
        raise PantauError(
            f"Nama pengguna harus 1–{MAX_USER} karakter: huruf, angka, titik, @, + atau -."
        )


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise PantauError(f"Peran '{role}' tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")


def _check_password(password: str) -> None:
    if len(password or "") < 8:
        raise PantauError("Kata sandi minimal 8 karakter.")

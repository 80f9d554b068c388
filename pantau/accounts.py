"""Local accounts: argon2 password hashes in the data directory, lockout after failed logins.

A real install starts with no account and no default password (`python -m pantau user add`).
While demo data is loaded, the demo accounts kepala, perencana, operator and tamu work with
the password `demo`; they stop working as soon as real data replaces the demo lake.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from pantau.errors import PantauError
from pantau.lake import Lake
from pantau.privacy import ROLES

MAX_FAILURES = 5
LOCK_MINUTES = 15
DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS = tuple(ROLES)  # kepala, perencana, operator, tamu
_hasher = PasswordHasher()


@dataclass(frozen=True)
class LoginResult:
    ok: bool
    user: str
    role: str | None = None
    message: str = ""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Accounts:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / "accounts.json"

    # --- storage --------------------------------------------------------------------------

    def _load(self) -> dict:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"users": {}}

    @contextlib.contextmanager
    def _editing(self):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.data_dir / ".accounts.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            data = self._load()
            yield data
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)

    # --- administration -------------------------------------------------------------------

    def add(self, user: str, password: str, role: str, email: str | None = None) -> None:
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
                "created": _now().isoformat(timespec="seconds"),
            }

    def passwd(self, user: str, password: str) -> None:
        _check_password(password)
        with self._editing() as data:
            entry = _existing(data, user)
            entry["hash"] = _hasher.hash(password)
            entry["failures"], entry["locked_until"] = 0, None

    def disable(self, user: str) -> None:
        with self._editing() as data:
            _existing(data, user)["disabled"] = True

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

    def role_for_email(self, email: str) -> str | None:
        for e in self._load()["users"].values():
            if e.get("email") and e["email"].lower() == email.lower() and not e["disabled"]:
                return e["role"]
        return None

    # --- login ----------------------------------------------------------------------------

    def demo_active(self) -> bool:
        return Lake(self.data_dir).is_demo()

    def login(self, user: str, password: str) -> LoginResult:
        """Check a password; count failures and lock the account after five in a row."""
        user = (user or "").strip()
        with self._editing() as data:
            entry = data["users"].get(user)
            demo = entry is None and user in DEMO_ACCOUNTS and self.demo_active()
            if entry is None and not demo:
                return LoginResult(False, user, message="Nama pengguna atau kata sandi salah.")
            if demo:
                entry = data.setdefault("demo", {}).setdefault(
                    user, {"role": user, "disabled": False, "failures": 0, "locked_until": None}
                )
            locked = entry.get("locked_until")
            if locked and dt.datetime.fromisoformat(locked) > _now():
                until = dt.datetime.fromisoformat(locked).astimezone().strftime("%H.%M")
                return LoginResult(
                    False,
                    user,
                    message=f"Akun terkunci sampai pukul {until} "
                    "karena terlalu banyak percobaan gagal.",
                )
            if entry.get("disabled"):
                return LoginResult(False, user, message="Akun ini dinonaktifkan; hubungi admin.")
            if not (_verify(entry, password) if not demo else password == DEMO_PASSWORD):
                entry["failures"] = entry.get("failures", 0) + 1
                if entry["failures"] >= MAX_FAILURES:
                    entry["failures"] = 0
                    entry["locked_until"] = (
                        _now() + dt.timedelta(minutes=LOCK_MINUTES)
                    ).isoformat()
                    return LoginResult(
                        False,
                        user,
                        message=f"Terlalu banyak percobaan gagal; akun "
                        f"dikunci {LOCK_MINUTES} menit.",
                    )
                return LoginResult(False, user, message="Nama pengguna atau kata sandi salah.")
            entry["failures"], entry["locked_until"] = 0, None
            return LoginResult(True, user, entry["role"])


def _verify(entry: dict, password: str) -> bool:
    try:
        return _hasher.verify(entry["hash"], password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _existing(data: dict, user: str) -> dict:
    if user not in data["users"]:
        raise PantauError(f"Akun '{user}' tidak ada.")
    return data["users"][user]


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise PantauError(f"Peran '{role}' tidak dikenal; pilih salah satu: {', '.join(ROLES)}.")


def _check_password(password: str) -> None:
    if len(password or "") < 8:
        raise PantauError("Kata sandi minimal 8 karakter.")

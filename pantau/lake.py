"""The lake: immutable Parquet batches per dataset and period, and the manifest naming the current ones.

A batch is written under a temporary name and renamed; the manifest is replaced atomically
after it. A reader only ever sees files the manifest names, so an import killed at any point
leaves what readers see exactly as it was. Old batches stay until pruned: any import can be
rolled back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import secrets
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from pantau import db
from pantau.contract import DATASETS
from pantau.errors import LakeError

MANIFEST = "manifest.json"
DEMO_MARKER = "DEMO"
# The names pantau/demo/exports.py gives its exports (2024-06_keluarga_dtks.csv, …_bagian2.csv): how
# `demo --hapus` tells a demo batch imported before batches were flagged.
_LEGACY_DEMO_NAME = re.compile(
    r"\d{4}-\d{2}_(keluarga_(p3ke|bansos|dtks|dtsen)|penyaluran(_riwayat)?|verval|kube|"
    r"pemantauan|individu_dtsen)(_bagian\d+)?\.(csv|xlsx)"
)


# Tables the app writes itself beside the imported datasets (never imported by a user), as
# name -> {column: DuckDB type}. Stored like a dataset: immutable batch files per period, named
# current by the manifest swap (so readers see a whole table or the previous one, and rollback
# works); each write copies the period's current batch forward with its new rows.
# verval_kirim: the field-verification lists sent out (pantau/verval_lapangan.py), one row per
# family per sending; the import of a filled-in list checks its rows against it.
REGISTERS: dict[str, dict[str, str]] = {
    "verval_kirim": {
        "id_berkas": "VARCHAR",
        "id_baris": "VARCHAR",
        "periode": "VARCHAR",
        "kode_kel": "VARCHAR",
        "no_kk": "VARCHAR",
        "dikirim_pada": "TIMESTAMP",
        "peran": "VARCHAR",
    },
}


def new_batch_id() -> str:
    now = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    return f"{now}-{secrets.token_hex(3)}"


def intact(path: Path, root: Path | None = None, recheck: bool = False) -> bool:
    """A Parquet file that exists, has its magic bytes at both ends (not truncated) and whose
    footer and every data page DuckDB can decode (not damaged inside).

    Batches are never rewritten, so the full read is done once: its verdict is kept for as
    long as the file's size, inode and modification time stay the same, in this process and,
    for a file under the lake `root`, in root/.verified.json for the next process (a CLI
    query or a server start then reads no file twice). `recheck` reads the file again
    whatever was recorded (a query failed on files that passed: damage that kept the mtime).
    """
    try:
        st = path.stat()
        if st.st_size < 12:
            return False
        with open(path, "rb") as fh:
            head = fh.read(4)
            fh.seek(-4, os.SEEK_END)
            if head != b"PAR1" or fh.read(4) != b"PAR1":
                return False
    except OSError:
        return False
    key = [st.st_size, st.st_ino, st.st_mtime_ns]
    rel = path.relative_to(root).as_posix() if root is not None else None
    with _verified_lock:
        seen = _verified.get(str(path))
        if not recheck and seen is not None and seen[0] == key:
            return seen[1]
        if not recheck and rel is not None and _recorded(root).get(rel) == key:
            _verified[str(path)] = (key, True)
            return True
        ok = _decodes(path)
        _verified[str(path)] = (key, ok)
        if rel is not None:
            _record(root, rel, key if ok else None)
        return ok


VERIFIED = ".verified.json"

# Verdicts of `intact`'s full read, by path: [size, inode, mtime] then whether it decoded;
# and each lake root's .verified.json as last read: (its mtime, {file: [size, inode, mtime]}).
_verified: dict[str, tuple[list, bool]] = {}
_recorded_files: dict[str, tuple[int, dict]] = {}
_verified_lock = threading.Lock()
_verifier: duckdb.DuckDBPyConnection | None = None


def _recorded(root: Path) -> dict:
    """The files of `root` recorded as read whole (only those: a damaged one is read again)."""
    path = Path(root) / VERIFIED
    try:
        mtime = path.stat().st_mtime_ns
        cached = _recorded_files.get(str(path))
        if cached is None or cached[0] != mtime:
            found = json.loads(path.read_text(encoding="utf-8"))
            cached = (mtime, found if isinstance(found, dict) else {})
            _recorded_files[str(path)] = cached
        return cached[1]
    except (OSError, ValueError):
        return {}


def _record(root: Path, rel: str, key: list | None) -> None:
    """Note (or, with key None, forget) that `rel` read whole; best effort: a read-only data
    directory only means the next process reads the file again."""
    path = Path(root) / VERIFIED
    files = {f: k for f, k in _recorded(root).items() if (root / f).exists()}
    if key is None:
        files.pop(rel, None)
    else:
        files[rel] = key
    tmp = path.parent / f".tmp-{VERIFIED}.{secrets.token_hex(4)}"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(files))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


# SHA-256 of files, by path: [size, inode, mtime] then the hex digest. Batches are never
# rewritten, so a page run (Lake.is_demo on every page) hashes nothing it hashed before.
_hashed: dict[str, tuple[list, str]] = {}


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of `path` in hex, or None when it cannot be read (missing)."""
    try:
        st = path.stat()
        key = [st.st_size, st.st_ino, st.st_mtime_ns]
        with _verified_lock:
            seen = _hashed.get(str(path))
        if seen is not None and seen[0] == key:
            return seen[1]
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    digest = h.hexdigest()
    with _verified_lock:
        _hashed[str(path)] = (key, digest)
    return digest


def _decodes(path: Path) -> bool:
    """Whether DuckDB, the reader the queries use, reads every value of every column."""
    global _verifier
    if _verifier is None:
        _verifier = db.connect()
    try:
        # hash() of every column makes DuckDB decode every page (count(*) would only read the
        # footer); the scan streams, so memory stays at a row group or so.
        _verifier.execute("SELECT bit_xor(hash(COLUMNS(*))) FROM read_parquet(?)", [str(path)])
        _verifier.fetchall()
        return True
    except duckdb.OutOfMemoryException:
        return True  # not known to be damaged: the queries will tell (see Engine.run)
    except duckdb.Error:
        return False


_ABSOLUTE = re.compile(r"(?<![\w.])/(?:[^\s'\"/]+/)*([^\s'\"/]+)")


def quote_error(err: Exception, base: Path | None = None) -> str:
    """The first line of a DuckDB or pyarrow error, short and without absolute server paths:
    a path under `base` is shown relative to it, any other path by its file name only."""
    text = str(err).splitlines()[0] if str(err) else type(err).__name__
    if base is not None:
        for root in {str(Path(base)), str(Path(base).resolve())}:
            text = text.replace(root.rstrip("/") + "/", "")
    return _ABSOLUTE.sub(lambda m: m.group(1), text)[:160]


def private_dir(path: Path) -> Path:
    """Create `path` (and missing parents) as 0700 and make sure it is 0700: lake, rejects and
    exports hold real families' names and NIKs, like accounts and audit."""
    path = Path(path)
    missing = []
    p = path
    while not p.exists():
        missing.append(p)
        if p.parent == p:
            break
        p = p.parent
    for d in reversed(missing):
        with contextlib.suppress(FileExistsError):
            d.mkdir(mode=0o700)
    with contextlib.suppress(PermissionError):
        if stat.S_IMODE(path.stat().st_mode) != 0o700:
            os.chmod(path, 0o700)
    return path


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


# The last good manifest each lake root's readers saw in this process (the server's fallback
# when manifest.json is damaged and no copy is on disk).
_last_good: dict[str, dict] = {}

PERIODE_KEY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _parse_manifest(text: str) -> tuple[dict | None, str | None]:
    """(the manifest, None) when `text` is one; else (None, what is wrong, in a few words)."""
    try:
        m = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None, "bukan JSON yang utuh"
    if not isinstance(m, dict):
        return None, "isinya bukan objek JSON"
    version, datasets = m.get("version"), m.get("datasets")
    if type(version) is not int or version < 0:
        return None, "kunci version tidak ada atau bukan bilangan"
    if not isinstance(datasets, dict):
        return None, "kunci datasets tidak ada atau bukan objek"
    for name, periods in datasets.items():
        if not isinstance(periods, dict):
            return None, f"datasets.{name} bukan objek"
        for periode, entry in periods.items():
            where = f"{name} {periode}"
            if not PERIODE_KEY.match(str(periode)):
                return None, f"periode {where} bukan YYYY-MM"
            if not isinstance(entry, dict) or not isinstance(entry.get("batches"), list):
                return None, f"{where} tidak punya daftar batches"
            if entry.get("current") is not None and not isinstance(entry["current"], str):
                return None, f"current {where} bukan nama batch"
            for b in entry["batches"]:
                if not isinstance(b, dict) or not isinstance(b.get("batch"), str):
                    return None, f"ada batch {where} tanpa kunci batch"
                file = b.get("file")
                if not isinstance(file, str) or not _inside_lake(file):
                    return None, f"batch {b['batch']} ({where}) tanpa file di dalam lake"
                if type(b.get("rows", 0)) is not int:
                    return None, f"rows batch {b['batch']} ({where}) bukan bilangan"
            # A current batch the period does not list would silently show it as 0 families.
            if entry.get("current") is not None and entry["current"] not in {
                b["batch"] for b in entry["batches"]
            }:
                return None, f"current {where} tidak ada di daftar batches-nya"
    return m, None


def _inside_lake(file: str) -> bool:
    """A batch file named relative to the lake root and staying under it."""
    parts = Path(file).parts
    return bool(parts) and not Path(file).is_absolute() and ".." not in parts


class Lake:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "lake"
        self.manifest_problem: str | None = None  # set by manifest(): why it is the last good

    # --- reading ----------------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    @property
    def last_good_path(self) -> Path:
        """A copy of the last manifest this program wrote, served when manifest.json is not
        one (edited by hand, overwritten, emptied)."""
        return self.root / (MANIFEST + ".prev")

    def manifest(self) -> dict:
        """The manifest; when manifest.json is damaged, the last good one (the copy written
        with every swap, else the last one this process read), and `manifest_problem` says so.
        Raises LakeError, in one sentence, only when there is no good one at all."""
        m, self.manifest_problem = self._read_manifest()
        return m

    def _read_manifest(self) -> tuple[dict, str | None]:
        rel = f"lake/{MANIFEST}"
        try:
            m, why = _parse_manifest(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            if not self.last_good_path.exists():
                return {"version": 0, "datasets": {}}, None
            m, why = None, "berkasnya hilang"
        except OSError as err:
            raise LakeError(f"Manifest lake tidak dapat dibaca ({err.strerror}).") from None
        key = str(self.root.resolve())
        if m is not None:
            _last_good[key] = m
            return m, None
        prev = f"lake/{self.last_good_path.name}"
        try:
            good, _ = _parse_manifest(self.last_good_path.read_text(encoding="utf-8"))
        except OSError:
            good = None
        source = prev
        if good is None and key in _last_good:
            good, source = _last_good[key], "memori server"
        if good is None:
            raise LakeError(
                f"Manifest {rel} rusak ({why}) dan tidak ada salinan baik terakhir; "
                f"pulihkan {rel} dari cadangan."
            )
        return good, (
            f"Manifest {rel} rusak ({why}); yang tampil data terakhir yang baik (dari {source}). "
            f"Salin {prev} ke {rel} atau pulihkan dari cadangan; impor dan rollback ditolak "
            "sampai itu."
        )

    def version(self) -> int:
        return int(self.manifest().get("version", 0))

    def current_batches(self, dataset: str, manifest: dict | None = None) -> list[dict]:
        """The current batch of every period of `dataset`."""
        m = manifest if manifest is not None else self.manifest()
        out = []
        for periode, entry in sorted(m.get("datasets", {}).get(dataset, {}).items()):
            batch = next((b for b in entry["batches"] if b["batch"] == entry.get("current")), None)
            if batch:
                out.append({"periode": periode, **batch})
        return out

    def current_files(self, dataset: str, manifest: dict | None = None) -> list[Path]:
        """The files readers should read: each period's current batch, or, where that file is
        missing or damaged, the newest earlier batch of the period that is intact (the last
        good data). `problems()` says where that happened."""
        return [self.root / b["file"] for b in self.readable_batches(dataset, manifest)[0]]

    def readable_batches(self, dataset: str, manifest: dict | None = None):
        """(batches to read, one sentence per period whose current batch cannot be read)."""
        chosen, damaged = self.choose_batches(dataset, manifest)
        return chosen, [d["sentence"] for d in damaged]

    def choose_batches(self, dataset: str, manifest: dict | None = None, recheck: bool = False):
        """(batches to read, the periods whose current batch cannot be read): each period's
        current batch, or, where it is missing, truncated or damaged inside, the newest earlier
        batch that was current before it and reads whole (`recheck`: read each file again, see `intact`).
        A damaged period is a dict: dataset, periode, current, used (the batch read instead,
        or None) and the sentence for the user."""
        m = manifest if manifest is not None else self.manifest()
        chosen, damaged = [], []
        for periode, entry in sorted(m.get("datasets", {}).get(dataset, {}).items()):
            ids = [b["batch"] for b in entry["batches"]]
            if entry.get("current") not in ids:
                continue
            # The current batch, then those that were current before it, newest first.
            by_id = {b["batch"]: b for b in entry["batches"]}
            older = [by_id[b] for b in [entry["current"], *_history(entry)[::-1]]]
            good = next(
                (b for b in older if intact(self.root / b["file"], self.root, recheck)), None
            )
            if good is not entry["batches"][ids.index(entry["current"])]:
                fallback = (
                    f"batch sebelumnya {good['batch']} dipakai"
                    if good
                    else "periode ini tidak ditampilkan"
                )
                # Rollback only where there is a batch to go back to (else it is refused).
                todo = (
                    "Impor ulang file periode itu atau lakukan rollback di halaman Data."
                    if rollback_target(entry)
                    else "Impor ulang file periode itu."
                )
                sentence = (
                    f"Batch {entry['current']} ({dataset} {periode}) hilang atau rusak; "
                    f"{fallback}. {todo}"
                )
                damaged.append(
                    {
                        "dataset": dataset,
                        "periode": periode,
                        "current": entry["current"],
                        "used": good["batch"] if good else None,
                        "sentence": sentence,
                    }
                )
            if good:
                chosen.append({"periode": periode, **good})
        return chosen, damaged

    def problems(self) -> list[str]:
        """What readers cannot read as the manifest says, in sentences for the UI."""
        try:
            m = self.manifest()
        except LakeError as err:
            return [str(err)]
        found = [self.manifest_problem] if self.manifest_problem else []
        return found + [p for name in DATASETS for p in self.readable_batches(name, m)[1]]

    # --- demo data ------------------------------------------------------------------------
    # `python -m pantau demo` writes the marker lake/DEMO and imports with `demo=True`, which
    # puts "demo": true and the SHA-256 of the batch file it wrote ("demo_sha256") in each
    # batch's record. Demo mode (banner, demo accounts) needs the marker and, for every batch,
    # the flag and a file whose bytes are still the ones demo wrote: a marker left behind, a
    # flag set by hand or a real batch file copied over a demo one never shows the banner over
    # real data or lets `kepala`/`demo` read it. (Someone who can write the data directory can
    # also compute the hashes: only the directory's permissions stop that.)

    @property
    def demo_marker(self) -> Path:
        return self.root / DEMO_MARKER

    def _batches(self) -> list[dict] | None:
        """Every batch record of the manifest, or None if the manifest cannot be read as one."""
        try:
            m = self.manifest()
            return [
                b
                for periods in m.get("datasets", {}).values()
                for entry in periods.values()
                for b in entry["batches"]
            ]
        except (LakeError, AttributeError, KeyError, TypeError):
            return None

    def is_demo(self) -> bool:
        """A pure demo lake: the marker, at least one batch, and every batch written by demo
        with its file unchanged since (`demo_batch`)."""
        if not self.demo_marker.exists():
            return False
        batches = self._batches()
        return bool(batches) and all(self.demo_batch(b) for b in batches)

    def demo_batch(self, b: dict) -> bool:
        """Whether batch record `b` is flagged demo-written and its file still has the SHA-256
        demo recorded. A flag without a hash (a demo lake from before hashes) is not enough."""
        want = b.get("demo_sha256")
        if b.get("demo") is not True or not isinstance(want, str):
            return False
        return file_sha256(self.root / b["file"]) == want

    def check_writer(self, demo: bool = False, verval_berkas: list | None = None) -> bool:
        """Refuse an import that would mix demo data and real data in one lake.

        Called by the importer under the write lock, before anything is written. Returns
        whether the batch is recorded as demo-written: `demo` (pantau.demo), or the one import
        a demo lake takes back (`demo_takes_back`, given the `verval_berkas` of each sheet).
        """
        batches = self._batches()
        holds_demo = self.demo_marker.exists() or any(b.get("demo") is True for b in batches or [])
        if not demo and holds_demo and self.demo_takes_back(verval_berkas):
            return True
        if not demo and holds_demo:
            raise LakeError(
                "Direktori data ini berisi data contoh (sintetis); impor data sebenarnya ke "
                "direktori data baru (--data DIR), atau hapus data contoh dulu dengan "
                "`python -m pantau demo --hapus`."
            )
        if demo and any(b.get("demo") is not True for b in batches or []):
            raise LakeError(
                "Direktori data ini sudah berisi data sebenarnya; bangun data contoh di "
                "direktori data lain (--data DIR)."
            )
        if demo and not all(self.demo_batch(b) for b in batches or []):
            raise LakeError(
                "Data contoh di direktori ini bukan lagi yang ditulis demo (dari versi lama, "
                "atau file batch-nya diganti); hapus dulu dengan `python -m pantau demo "
                "--hapus`, lalu jalankan `python -m pantau demo` lagi."
            )
        return demo

    def demo_takes_back(self, verval_berkas: list | None) -> bool:
        """The one import a demo lake takes: field-verification workbooks made from this lake.

        `verval_berkas` has, for each sheet read, the set of ID Berkas in its ID Berkas column
        when the sheet is from an .xlsx of the verval layout, else None (None as a whole: not a
        verval import). Taken only when the lake is a pure demo lake (`is_demo`) and every sheet
        carries ID Berkas, all of them in this lake's own `verval_kirim` register: the families
        are then the demo's own synthetic ones. Any other file, a verval file without a known
        ID Berkas, a plain verval CSV, any real export, stays refused.
        """
        if not verval_berkas or any(not ids for ids in verval_berkas):
            return False
        if not self.is_demo():
            return False
        known = set(self.register_rows("verval_kirim", ["id_berkas"])["id_berkas"])
        return all(set(ids) <= known for ids in verval_berkas)

    def register_rows(self, name: str, columns: list[str]) -> pd.DataFrame:
        """`columns` of every row of the register `name` (REGISTERS), all periods: what the
        app wrote itself, such as the verval lists sent out, which the import of a filled-in
        list and `demo_takes_back` check a file against."""
        files = [self.root / b["file"] for b in self.readable_batches(name)[0]]
        if not files:
            return pd.DataFrame(columns=columns)
        con = db.connect()
        try:
            listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
            chosen = ", ".join(columns)
            return con.execute(f"SELECT {chosen} FROM read_parquet([{listed}])").df()
        finally:
            con.close()

    def remove_demo(self) -> list[str]:
        """Remove the demo data: its batches, notes, export files and the marker.

        Refused when the lake holds any batch demo did not write. A lake from before batches
        were flagged (marker, no flag) counts as demo when every batch's sources are files in
        exports/ named the way demo names them. The manifest is replaced by an empty one of a newer
        version, so no cache keyed on the version can serve the demo data again.
        Returns the export file names removed.
        """
        with self.locked():
            batches = self._batches()
            if batches is None:
                raise LakeError("Manifest lake tidak dapat dibaca; data contoh tidak dihapus.")
            exports = self.data_dir / "exports"
            legacy = self.demo_marker.exists() and not any(b.get("demo") for b in batches)

            def by_demo(b: dict) -> bool:
                if b.get("demo") is True:
                    # A demo batch whose file is no longer what demo wrote (a real batch
                    # copied over it) is not deleted as demo; one flagged before hashes is.
                    return "demo_sha256" not in b or self.demo_batch(b)
                sources = b.get("sources") or [""]
                return legacy and all(
                    _LEGACY_DEMO_NAME.fullmatch(s) and (exports / s).is_file() for s in sources
                )

            if not all(by_demo(b) for b in batches):
                raise LakeError(
                    "Direktori data ini berisi data sebenarnya (bukan hanya data contoh); "
                    "tidak ada yang dihapus."
                )
            if not batches and not self.demo_marker.exists():
                return []
            sources = sorted({s for b in batches for s in b.get("sources", [])})
            # The empty manifest first: from then on no reader sees the demo batches, and a
            # kill before the files are gone leaves only files the next import's sweep removes.
            m = self.manifest()
            self._write_manifest({"version": m.get("version", 0), "datasets": {}})
            for b in batches:
                for path in (self.root / b["file"], self.data_dir / b.get("notes", "")):
                    if path.is_file():
                        path.unlink()
            for name in sources:
                with contextlib.suppress(OSError):
                    (exports / Path(name).name).unlink()
            for folder in sorted(self.root.glob("*/periode=*"), reverse=True):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty
            for folder in [*(d for d in self.root.iterdir() if d.is_dir()), exports]:
                with contextlib.suppress(OSError):
                    folder.rmdir()
            self.demo_marker.unlink(missing_ok=True)  # last: until here imports stay refused
            return sources

    def status(self) -> dict:
        """Each period's current batch and its batches; `damaged` is None, or, where the
        current batch cannot be read, {"used": the batch read instead, or None}."""
        m = self.manifest()
        datasets = {}
        for name in DATASETS:
            periods = m.get("datasets", {}).get(name, {})
            damaged = {d["periode"]: {"used": d["used"]} for d in self.choose_batches(name, m)[1]}
            datasets[name] = {
                periode: {
                    "current": entry.get("current"),
                    "damaged": damaged.get(periode),
                    "rows": next(
                        (
                            b.get("rows", 0)
                            for b in entry["batches"]
                            if b["batch"] == entry.get("current")
                        ),
                        0,
                    ),
                    "previous": rollback_target(entry),
                    "batches": [
                        {
                            k: b.get(k, d)
                            for k, d in (
                                ("batch", ""),
                                ("rows", 0),
                                ("rejected", 0),
                                ("imported_at", ""),
                                ("sources", []),
                            )
                        }
                        for b in entry["batches"]
                    ],
                }
                for periode, entry in sorted(periods.items())
            }
        return {"version": m.get("version", 0), "demo": self.is_demo(), "datasets": datasets}

    # --- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the lake's write lock: one import or rollback at a time, across processes."""
        try:
            private_dir(self.root)
            fh = os.fdopen(os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600), "r+")
            with contextlib.suppress(PermissionError):
                os.fchmod(fh.fileno(), 0o600)  # a lock file from before files were private
        except OSError as err:
            raise LakeError(
                f"Folder data tidak dapat ditulisi ({err.strerror}); periksa izin dan ruang disk."
            ) from None
        try:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise LakeError(
                    "Impor lain sedang berjalan; tunggu sampai selesai lalu coba lagi."
                ) from None
            # A writer builds on the manifest: never on a last good copy standing in for a
            # damaged one (that would drop what the damaged one named), nor sweep by it.
            self.manifest()
            if self.manifest_problem:
                raise LakeError(self.manifest_problem)
            self._sweep_temp()
            yield
        finally:
            fh.close()

    def _sweep_temp(self) -> None:
        """Remove what an interrupted import left behind: temp files nobody references.

        That is temp files and unnamed batches in the lake, and likewise in rejects/ (an
        import writes its notes file first, so a kill can leave one behind for a batch that
        never became part of the manifest).
        """
        rejects = self.data_dir / "rejects"
        for tmp in [*self.root.rglob(".tmp-*"), *rejects.glob(".tmp-*")]:
            with contextlib.suppress(OSError):
                tmp.unlink()
        m = self.manifest()
        batches = [
            b for ds in m.get("datasets", {}).values() for e in ds.values() for b in e["batches"]
        ]
        known = {b["file"] for b in batches}
        for part in self.root.glob("*/periode=*/*.parquet"):
            if part.relative_to(self.root).as_posix() not in known:
                with contextlib.suppress(OSError):
                    part.unlink()
        known_notes = {b.get("notes") for b in batches}
        for notes in rejects.glob("*.parquet"):
            if notes.relative_to(self.data_dir).as_posix() not in known_notes:
                with contextlib.suppress(OSError):
                    notes.unlink()

    def batch_path(self, dataset: str, periode: str, batch: str) -> Path:
        return self.root / dataset / f"periode={periode}" / f"{batch}.parquet"

    def notes_path(self, batch: str) -> Path:
        return self.data_dir / "rejects" / f"{batch}.parquet"

    def commit_file(self, tmp: Path, final: Path) -> None:
        """Give the written `tmp` its final name, private (0600), durably."""
        os.chmod(tmp, 0o600)
        fsync_file(tmp)
        os.replace(tmp, final)
        fsync_dir(final.parent)
        if final.suffix == ".parquet" and final.is_relative_to(self.root):
            # Written whole by this process and synced: no later reader needs to read it all
            # again to trust it (at province scale that full read takes minutes).
            st = final.stat()
            with _verified_lock:
                _verified[str(final)] = ([st.st_size, st.st_ino, st.st_mtime_ns], True)
                _record(
                    self.root, final.relative_to(self.root).as_posix(), _verified[str(final)][0]
                )

    def add_batch(self, dataset: str, periode: str, record: dict) -> dict:
        """Name `record` (already written) as the current batch of dataset/periode.

        The batch it replaces goes on the period's history, the stack rollback pops: rollback
        returns to what was current before the last change, whatever order imports and
        rollbacks came in.
        """
        m = self.manifest()
        periods = m.setdefault("datasets", {}).setdefault(dataset, {})
        entry = periods.setdefault(periode, {"current": None, "batches": []})
        history = _history(entry)
        if entry["current"] is not None:
            history.append(entry["current"])
        entry["history"] = history
        entry["batches"].append(record)
        entry["current"] = record["batch"]
        return self._write_manifest(m)

    def rollback(self, dataset: str, periode: str) -> dict:
        """Make current again the batch that was current before the last import or rollback
        of dataset/periode changed it."""
        with self.locked():
            m = self.manifest()
            entry = m.get("datasets", {}).get(dataset, {}).get(periode)
            if not entry:
                raise LakeError(f"Belum ada data {dataset} untuk periode {periode}.")
            history = _history(entry)
            if not history:
                raise LakeError(
                    f"Tidak ada batch sebelumnya untuk {dataset} periode {periode}; "
                    "tidak ada yang dapat dikembalikan."
                )
            previous = history.pop()
            entry["history"] = history
            entry["current"] = previous
            self._write_manifest(m)
            return {"dataset": dataset, "periode": periode, "current": previous}

    def _write_manifest(self, m: dict) -> dict:
        m["version"] = int(m.get("version", 0)) + 1
        m["updated"] = dt.datetime.now().isoformat(timespec="seconds")
        text = json.dumps(m, indent=1, ensure_ascii=False)
        try:
            self._write_private(self.manifest_path, text)
        except OSError as err:
            raise LakeError(
                f"Manifest lake tidak dapat ditulis ({err.strerror}); tidak ada yang berubah. "
                "Periksa ruang disk dan izin folder data lalu coba lagi."
            ) from None
        # The last good copy readers fall back to; the manifest itself is already swapped, so
        # a full disk here costs only a fresher copy.
        with contextlib.suppress(OSError):
            self._write_private(self.last_good_path, text)
        return m

    def _write_private(self, final: Path, text: str) -> None:
        """Write `text` to a 0600 temp file beside `final`, then rename it over `final`; a
        failed write (a full disk) leaves no temp file behind."""
        tmp = final.parent / f".tmp-{final.name}.{secrets.token_hex(4)}"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            self.commit_file(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


def _history(entry: dict) -> list[str]:
    """The batches that were current before the current one, oldest first, that still exist.

    A manifest written before the history was kept has none (nor a usable one): then the
    batches imported before the current one stand for it, which is what rollback did then.
    """
    ids = [b["batch"] for b in entry["batches"]]
    if isinstance(entry.get("history"), list):
        return [b for b in entry["history"] if b in ids and b != entry["current"]]
    if entry["current"] not in ids:
        return []
    return ids[: ids.index(entry["current"])]


def rollback_target(entry: dict) -> str | None:
    """The batch a rollback of this manifest entry would make current, or None."""
    history = _history(entry)
    return history[-1] if history else None

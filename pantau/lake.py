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
import json
import os
import re
import secrets
from collections.abc import Iterator
from pathlib import Path

from pantau.contract import DATASETS
from pantau.errors import LakeError

MANIFEST = "manifest.json"
DEMO_MARKER = "DEMO"
# The names pantau/demo.py gives its exports (2024-06_keluarga_dtks.csv, …_bagian2.csv): how
# `demo --hapus` tells a demo batch imported before batches were flagged.
_LEGACY_DEMO_NAME = re.compile(
    r"\d{4}-\d{2}_(keluarga_(p3ke|bansos|dtks|dtsen)|penyaluran(_riwayat)?|verval|kube|"
    r"pemantauan)(_bagian\d+)?\.(csv|xlsx)"
)


def new_batch_id() -> str:
    now = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    return f"{now}-{secrets.token_hex(3)}"


def intact(path: Path) -> bool:
    """A Parquet file that exists and has its magic bytes at both ends (not truncated)."""
    try:
        size = path.stat().st_size
        if size < 12:
            return False
        with open(path, "rb") as fh:
            head = fh.read(4)
            fh.seek(-4, os.SEEK_END)
            return head == b"PAR1" and fh.read(4) == b"PAR1"
    except OSError:
        return False


def fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


class Lake:
    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "lake"

    # --- reading ----------------------------------------------------------------------------

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def manifest(self) -> dict:
        try:
            text = self.manifest_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"version": 0, "datasets": {}}
        except OSError as err:
            raise LakeError(f"Manifest lake tidak dapat dibaca ({err.strerror}).") from None
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            raise LakeError(
                "Manifest lake rusak; pulihkan data/lake/manifest.json dari cadangan."
            ) from None

    def version(self) -> int:
        return int(self.manifest().get("version", 0))

    def current_batches(self, dataset: str, manifest: dict | None = None) -> list[dict]:
        """The current batch of every period of `dataset`."""
        m = manifest if manifest is not None else self.manifest()
        out = []
        for periode, entry in sorted(m.get("datasets", {}).get(dataset, {}).items()):
            batch = next((b for b in entry["batches"] if b["batch"] == entry["current"]), None)
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
        m = manifest if manifest is not None else self.manifest()
        chosen, problems = [], []
        for periode, entry in sorted(m.get("datasets", {}).get(dataset, {}).items()):
            ids = [b["batch"] for b in entry["batches"]]
            if entry["current"] not in ids:
                continue
            older = entry["batches"][: ids.index(entry["current"]) + 1][::-1]
            good = next((b for b in older if intact(self.root / b["file"])), None)
            if good is not entry["batches"][ids.index(entry["current"])]:
                fallback = (
                    f"batch {good['batch']} dipakai" if good else "periode ini tidak ditampilkan"
                )
                problems.append(
                    f"Batch {entry['current']} ({dataset} {periode}) hilang atau rusak; {fallback}. "
                    "Impor ulang file periode itu atau lakukan rollback di halaman Data."
                )
            if good:
                chosen.append({"periode": periode, **good})
        return chosen, problems

    def problems(self) -> list[str]:
        """What readers cannot read as the manifest says, in sentences for the UI."""
        try:
            m = self.manifest()
        except LakeError as err:
            return [str(err)]
        return [p for name in DATASETS for p in self.readable_batches(name, m)[1]]

    # --- demo data ------------------------------------------------------------------------
    # `python -m pantau demo` writes the marker lake/DEMO and imports with `demo=True`, which
    # puts "demo": true in each batch's record. Demo mode (banner, demo accounts) needs both,
    # for every batch: a marker left behind, a hand-edited manifest or an import from before
    # the guard can never show the banner over real data or let `kepala`/`demo` read it.

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
        """A pure demo lake: the marker, at least one batch, and every batch written by demo."""
        if not self.demo_marker.exists():
            return False
        batches = self._batches()
        return bool(batches) and all(b.get("demo") is True for b in batches)

    def check_writer(self, demo: bool = False) -> None:
        """Refuse an import that would mix demo data and real data in one lake.

        Called by the importer under the write lock, before anything is written.
        """
        batches = self._batches()
        holds_demo = self.demo_marker.exists() or any(b.get("demo") is True for b in batches or [])
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
                    return True
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
        m = self.manifest()
        datasets = {}
        for name in DATASETS:
            periods = m.get("datasets", {}).get(name, {})
            datasets[name] = {
                periode: {
                    "current": entry["current"],
                    "rows": next(
                        (b["rows"] for b in entry["batches"] if b["batch"] == entry["current"]), 0
                    ),
                    "batches": [
                        {k: b[k] for k in ("batch", "rows", "rejected", "imported_at", "sources")}
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
            self.root.mkdir(parents=True, exist_ok=True)
            fh = open(self.root / ".lock", "a+")  # noqa: SIM115 - held for the whole block
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
        fsync_file(tmp)
        os.replace(tmp, final)
        fsync_dir(final.parent)

    def add_batch(self, dataset: str, periode: str, record: dict) -> dict:
        """Name `record` (already written) as the current batch of dataset/periode."""
        m = self.manifest()
        periods = m.setdefault("datasets", {}).setdefault(dataset, {})
        entry = periods.setdefault(periode, {"current": None, "batches": []})
        entry["batches"].append(record)
        entry["current"] = record["batch"]
        return self._write_manifest(m)

    def rollback(self, dataset: str, periode: str) -> dict:
        with self.locked():
            m = self.manifest()
            entry = m.get("datasets", {}).get(dataset, {}).get(periode)
            if not entry:
                raise LakeError(f"Belum ada data {dataset} untuk periode {periode}.")
            ids = [b["batch"] for b in entry["batches"]]
            pos = ids.index(entry["current"])
            if pos == 0:
                raise LakeError(
                    f"Tidak ada batch sebelumnya untuk {dataset} periode {periode}; "
                    "tidak ada yang dapat dikembalikan."
                )
            entry["current"] = ids[pos - 1]
            self._write_manifest(m)
            return {"dataset": dataset, "periode": periode, "current": ids[pos - 1]}

    def _write_manifest(self, m: dict) -> dict:
        m["version"] = int(m.get("version", 0)) + 1
        m["updated"] = dt.datetime.now().isoformat(timespec="seconds")
        tmp = self.root / f".tmp-{MANIFEST}.{secrets.token_hex(4)}"
        tmp.write_text(json.dumps(m, indent=1, ensure_ascii=False), encoding="utf-8")
        self.commit_file(tmp, self.manifest_path)
        return m

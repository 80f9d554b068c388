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
import secrets
from collections.abc import Iterator
from pathlib import Path

from pantau.contract import DATASETS
from pantau.errors import LakeError

MANIFEST = "manifest.json"


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

    def is_demo(self) -> bool:
        return (self.root / "DEMO").exists()

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
                    "previous": rollback_target(entry),
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
        tmp = self.root / f".tmp-{MANIFEST}.{secrets.token_hex(4)}"
        tmp.write_text(json.dumps(m, indent=1, ensure_ascii=False), encoding="utf-8")
        self.commit_file(tmp, self.manifest_path)
        return m


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

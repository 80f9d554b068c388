"""Import and rollback as a person does them: the lake operation and its audit line.

One code path for the CLI and the Data page. A web upload is imported by a child process
(`python -m pantau.operations`, a JSON request on stdin): reading a large file can take
gigabytes, and a child that runs out of memory or is killed takes only itself down, never
the dashboard. The lake's commit is atomic, so a child that dies changes nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from pantau import audit, config
from pantau.errors import PantauError

# One upload's temp name, in bytes: file systems refuse names over 255 bytes, and the name
# reaches notes and summaries, so it is kept short enough to read.
MAX_NAME_BYTES = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]+")

CRASHED = (
    "Impor berhenti sebelum selesai (proses impor dihentikan, mungkin karena kehabisan "
    "memori); pecah file menjadi beberapa bagian atau naikkan PANTAU_MEMORY_LIMIT, lalu coba lagi."
)


def import_audited(
    paths, jenis: str, periode: str, data_dir: Path, user: str, progress=None, files=None
):
    """import_files, with the audit line of its outcome (`impor` or `impor_gagal`).

    `files` are the names the audit line gives (default: the paths as given).
    """
    from pantau.ingest import import_files

    paths = list(paths)
    files = list(files) if files is not None else [str(p) for p in paths]
    try:
        summary = import_files(paths, jenis, periode, data_dir, progress=progress)
    except PantauError as err:
        audit.record(
            data_dir,
            user,
            "impor_gagal",
            jenis=jenis,
            periode=periode,
            files=files,
            alasan=str(err),
        )
        raise
    audit.record(
        data_dir,
        user,
        "impor",
        jenis=jenis,
        periode=periode,
        files=files,
        batch=summary.batch,
        diterima=summary.accepted,
        ditolak=summary.rejected,
    )
    return summary


def rollback_audited(jenis: str, periode: str, data_dir: Path, user: str) -> dict:
    from pantau.lake import Lake

    result = Lake(data_dir).rollback(jenis, periode)
    audit.record(data_dir, user, "rollback", **result)
    return result


# --- what the Data page reads of the lake ----------------------------------------------------
# The page imports neither the lake nor the importer (tests/test_layers.py); these are its calls.


def lake_status(data_dir: Path) -> dict:
    """Datasets, periods and batches (`Lake.status`), for the batch history and rollback."""
    from pantau.lake import Lake

    return Lake(data_dir).status()


def has_current_batch(data_dir: Path, dataset: str) -> bool:
    """Whether any period of `dataset` has a current batch (`Lake.current_batches`)."""
    from pantau.lake import Lake

    return bool(Lake(data_dir).current_batches(dataset))


def import_notes(data_dir: Path, batch: str):
    """The rejects and warnings of one batch as a DataFrame, or None (`ingest.notes_table`)."""
    from pantau.ingest import notes_table

    return notes_table(data_dir, batch)


def rollback_command(jenis: str, periode: str) -> str:
    """The CLI line that rolls `jenis` `periode` back (`ingest.rollback_command`)."""
    from pantau.ingest import rollback_command

    return rollback_command(jenis, periode)


# --- web uploads ------------------------------------------------------------------------------


def safe_name(name: str, index: int) -> str:
    """A file name for an upload's temp copy: no folder part or control character, at most
    MAX_NAME_BYTES bytes, the extension kept (the reader goes by it)."""
    name = _UNSAFE.sub(" ", Path(str(name).replace("\\", "/")).name).strip()
    if name in ("", ".", ".."):
        name = f"berkas-{index + 1}"
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    stem, dot, ext = name.rpartition(".")
    ext = f".{ext}" if dot and len(ext) <= 8 else ""
    stem = stem if ext else name
    room = MAX_NAME_BYTES - len(ext.encode()) - len("…".encode())
    short = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore").rstrip()
    return f"{short}…{ext}"


def import_uploads(
    uploads: list[tuple[str, bytes]],
    jenis: str,
    periode: str,
    data_dir: Path,
    user: str,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Import uploaded files (name, content) in a child process; its summary as a dict.

    Each upload gets its own folder, so two uploads of one name stay two files. Raises
    PantauError with one sentence when the import is refused or the child dies; then the
    loaded data is as it was.
    """
    names = [str(n) for n, _ in uploads]
    with tempfile.TemporaryDirectory(prefix="pantau-upload-") as tmp:
        paths = []
        for i, (name, content) in enumerate(uploads):
            folder = Path(tmp) / str(i)
            folder.mkdir(mode=0o700)
            path = folder / safe_name(name, i)
            try:
                path.write_bytes(content)
            except OSError as err:
                raise PantauError(
                    f"File unggahan tidak dapat disimpan sementara ({err.strerror}); "
                    "periksa ruang disk server lalu coba lagi."
                ) from None
            paths.append(path)
        request = {
            "paths": [str(p) for p in paths],
            "files": [n[:255] for n in names],
            "jenis": jenis,
            "periode": periode,
            "data": str(data_dir),
            "user": user,
        }
        code, answer, last = _run_child(request, Path(tmp) / "answer.json", progress)
    if code == 0 and answer and answer.get("ok") and isinstance(answer.get("summary"), dict):
        return answer["summary"]
    if code == 2 and answer and isinstance(answer.get("error"), str):
        raise PantauError(answer["error"])  # refused: the child has audited it
    if last:
        print(f"pantau import child ended with {code}: {last[:300]}", file=sys.stderr)
    audit.record(
        data_dir,
        user,
        "impor_gagal",
        jenis=jenis,
        periode=periode,
        files=[n[:255] for n in names],
        alasan=f"proses impor berhenti (kode {code})",
    )
    raise PantauError(CRASHED)


def child_command() -> list[str]:
    return [sys.executable, "-m", "pantau.operations"]


def child_env() -> dict[str, str]:
    """The server's environment with its engine limits stated, whatever set them."""
    env = {k: v for k, v in os.environ.items() if k != "PANTAU_DEBUG"}
    env["PANTAU_MEMORY_LIMIT"] = config.duckdb_memory_limit()
    env["PANTAU_THREADS"] = str(config.duckdb_threads())
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _run_child(request: dict, answer_path: Path, progress) -> tuple[int, dict | None, str]:
    """Run the child; (exit code, its JSON answer or None, its last stderr line)."""
    last = ""
    with open(answer_path, "w+b") as out:
        try:
            proc = subprocess.Popen(
                child_command(),
                cwd=config.ROOT,
                env=child_env(),
                stdin=subprocess.PIPE,
                stdout=out,  # a file, not a pipe: stderr is read line by line meanwhile
                stderr=subprocess.PIPE,
                encoding="utf-8",
                errors="replace",
            )
        except OSError:
            return -1, None, ""
        try:
            proc.stdin.write(json.dumps(request))
        except BrokenPipeError:  # it died at once; its exit code says so below
            pass
        finally:
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        try:
            for line in proc.stderr:
                line = line.strip()
                if line.startswith("… ") and progress:
                    progress(line[2:])
                elif line:
                    last = line
        except BaseException:
            # The page is being left or rerun: let the import finish with its files in place
            # (it commits or refuses and audits on its own), then let Streamlit go on.
            proc.wait()
            raise
        code = proc.wait()
        out.seek(0)
        try:
            answer = json.loads(out.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            answer = None
    return code, answer if isinstance(answer, dict) else None, last


def _child_main() -> int:
    """The child: read the request, import, write {"ok", "summary"|"error"} to stdout."""
    # Should memory run out on the machine, the kernel kills this process before the server.
    with contextlib.suppress(OSError):
        Path("/proc/self/oom_score_adj").write_text("1000")
    request = json.loads(sys.stdin.read())
    try:
        summary = import_audited(
            [Path(p) for p in request["paths"]],
            request["jenis"],
            request["periode"],
            Path(request["data"]),
            request["user"],
            progress=lambda m: print(f"… {m}", file=sys.stderr, flush=True),
            files=request.get("files"),
        )
    except PantauError as err:
        print(json.dumps({"ok": False, "error": str(err)}, ensure_ascii=False))
        return 2
    print(json.dumps({"ok": True, "summary": summary.to_dict()}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(_child_main())

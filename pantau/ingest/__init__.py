"""Import export files into the lake: read, map columns by alias, normalise, validate, write.

`import_files` is the one entry point used by the CLI, the Data page and the demo builder.
A file that cannot be used raises UnusableFile before anything is written; a usable file
yields a batch of accepted rows plus a notes file of rejects and warnings, and only then is
the manifest swapped.

This module is the face and the order of the phases; each phase has its module:
read.py (the file's cells), mapping.py (header -> fields), kabkota.py (a row's kab/kota),
plan.py (the per-file SQL of checks, with rules.py and region_sql.py), write.py (the batch
and its Parquet files) and summary.py (the import summary and the notes of rejects).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa

from pantau import db, verval_kembali, wilayah
from pantau.contract import DATASETS, PERIODE_RE, Dataset, untuk_wilayah
from pantau.errors import PantauError, UnusableFile
from pantau.ingest import kabkota, region
from pantau.ingest.mapping import Mapping, map_columns
from pantau.ingest.plan import file_sql, register_lookups, skip_rows
from pantau.ingest.read import read_tables
from pantau.ingest.region_sql import register_maps
from pantau.ingest.summary import (
    ImportSummary,
    add_read_notes,
    compare_with_previous,
    notes_table,
    nothing_usable,
    rollback_command,
    summarise,
    summary_json,
)
from pantau.ingest.write import materialise, output_columns, write_outputs
from pantau.lake import Lake, file_sha256, new_batch_id, private_dir, quote_error

# What callers import from the face, beside import_files.
__all__ = [
    "REPEATED",
    "ImportSummary",
    "Mapping",
    "import_files",
    "map_columns",
    "notes_table",
    "output_columns",
    "rollback_command",
    "summary_json",
]


def import_files(
    paths, jenis: str, periode: str, data_dir: Path, progress=None, *, _demo: bool = False
) -> ImportSummary:
    """Import `paths` as one batch of dataset `jenis` for `periode`; the batch becomes current.

    Refused (UnusableFile, nothing written) when no row can be accepted: an empty batch made
    current would show 0 families on every page. A batch under half the rows of the one it
    replaces is imported, and the summary says so (`previous`, `shrunk`).

    `_demo` is for pantau.demo only: it alone may write into a lake holding demo data
    (Lake.check_writer), and its batches are recorded as demo-written. The one exception, a
    verval workbook made from the demo lake itself, is Lake.demo_takes_back's to decide.
    """
    with region.dipakai(wilayah.kode(data_dir)):  # the names and codes of the dir's region
        return _import_files(paths, jenis, periode, data_dir, progress, _demo=_demo)


def _import_files(
    paths, jenis: str, periode: str, data_dir: Path, progress=None, *, _demo: bool = False
) -> ImportSummary:
    """Read and map every file, then check and write the batch under the lake's lock.

    Long because it is the import's one sequence: what is read outside the lock, what is
    decided and written inside it, and the manifest entry, in the order they happen.
    """
    ds = _dataset(jenis)
    if not PERIODE_RE.match(str(periode)):
        raise PantauError(
            f"Periode '{periode}' tidak valid; tulis sebagai YYYY-MM, misalnya 2024-06."
        )
    paths, repeated = _distinct_paths(paths)
    if not paths:
        raise PantauError("Tidak ada file yang diimpor.")
    say = progress or (lambda _msg: None)
    raws = []
    # For the one import a demo lake takes back (Lake.demo_takes_back): each sheet's ID Berkas
    # when it is a verval workbook sheet of the field-verification layout, else None.
    verval_berkas = [] if ds.name == "verval" else None
    for p, name in zip(paths, _labels(paths), strict=True):
        say(f"Membaca {p.name}")
        for raw in read_tables(p, ds):
            # two files of one name stay two files in notes and duplicates; a sheet read on
            # its own is named with its file, so a note gives the sheet and its row
            raw.source = name if raw.sheet is None else f"{name} [{raw.sheet}]"
            if ds.name == "verval":
                xlsx = p.suffix.lower() == ".xlsx"
                verval_berkas.append(verval_kembali.id_berkas(raw) if xlsx else None)
                raw = verval_kembali.siapkan(raw, data_dir)
            raws.append((raw, map_columns(raw, ds)))
    lake = Lake(data_dir)
    with lake.locked():
        demo_written = lake.check_writer(demo=_demo, verval_berkas=verval_berkas)
        batch = new_batch_id()
        summary = ImportSummary(jenis, periode, batch, [raw.source for raw, _ in raws])
        if repeated:
            summary.skipped[REPEATED] = repeated
        say("Memeriksa baris")
        _run(lake, ds, periode, batch, raws, summary)
        say("Menyimpan")
        file = lake.batch_path(jenis, periode, batch)
        if demo_written:
            # The bytes demo wrote: demo mode ends if the file is ever replaced (Lake.is_demo).
            demo = {"demo": True, "demo_sha256": file_sha256(file)}
        m = lake.add_batch(
            jenis,
            periode,
            {
                "batch": batch,
                "file": file.relative_to(lake.root).as_posix(),
                "notes": lake.notes_path(batch).relative_to(lake.data_dir).as_posix(),
                "rows": summary.accepted,
                "read": summary.read,
                "rejected": summary.rejected,
                "reasons": summary.reasons,
                "warnings": summary.warnings,
                "imported_at": dt.datetime.now().isoformat(timespec="seconds"),
                "sources": summary.files,
                **(demo if demo_written else {}),
            },
        )
    compare_with_previous(summary, m["datasets"][jenis][periode])
    return summary


REPEATED = "file yang disebut lebih dari sekali (dibaca sekali)"


def _distinct_paths(paths) -> tuple[list[Path], int]:
    """The paths with each file once (the same file named twice, by any spelling, is one
    file: read twice, every row of it would be a duplicate), and how many were dropped."""
    paths = [Path(p) for p in paths]
    out, seen = [], set()
    for p in paths:
        try:
            st = p.stat()
            key = ("inode", st.st_dev, st.st_ino)
        except OSError:  # missing: read_table says so in its own sentence
            key = ("path", str(p.resolve()))
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out, len(paths) - len(out)


def _labels(paths: list[Path]) -> list[str]:
    """File names for notes and summaries, made distinct: data.csv, data.csv (2), …"""
    counts: dict[str, int] = {}
    out = []
    for p in paths:
        n = counts.get(p.name, 0) + 1
        counts[p.name] = n
        out.append(p.name if n == 1 else f"{p.name} ({n})")
    return out


def _dataset(jenis: str) -> Dataset:
    if jenis not in DATASETS:
        raise PantauError(
            f"Jenis data '{jenis}' tidak dikenal; pilih salah satu: {', '.join(DATASETS)}."
        )
    # the local government's bansos list under the region's word (Pemkot, Pemkab)
    return untuk_wilayah(DATASETS[jenis], wilayah.cari(region.aktif()).jenis)


def _connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    tmp = Path(data_dir) / ".tmp-duckdb"
    with contextlib.suppress(OSError):  # DuckDB's spill files hold rows too; a read-only
        private_dir(tmp)  # data directory fails later, with its own sentence
    return db.connect(tmp, preserve_insertion_order=False)


def _run(lake: Lake, ds: Dataset, periode: str, batch: str, raws, summary: ImportSummary) -> None:
    """The phases over one DuckDB connection: per file, register and plan its checks; then
    the batch, its summary and its files.

    Long because the connection and its temp files live exactly as long as these steps, and
    the Arrow copies are let go between the check and the write phase.
    """
    con = _connect(lake.data_dir)
    try:
        parts, ragged = [], 0
        for i, (raw, mapping) in enumerate(raws):
            table = raw.table.append_column("_baris", pa.array(raw.line_numbers(), pa.int64()))
            mapping = kabkota.siapkan(con, i, table, mapping, raw.headers)
            skip_rows(con, i, raw, mapping, summary)
            for reason, n in raw.skipped_rows.items():
                summary.skipped[reason] = summary.skipped.get(reason, 0) + n
            register_maps(con, i, mapping)
            looked_up = register_lookups(con, ds, i, mapping, table.num_rows)
            parts.append(file_sql(ds, i, raw.source, mapping, looked_up, periode))
            ragged += len(raw.skipped_lines)
        materialise(con, ds, parts)
        # Every row is in DuckDB now: let the Arrow copies go before the write phase.
        for i, (raw, _) in enumerate(raws):
            kabkota.lepas(con, i)
            raw.table = raw.table.schema.empty_table()
        del table
        pa.default_memory_pool().release_unused()
        summarise(con, summary, ragged)
        add_read_notes(summary, raws)
        if summary.accepted == 0:
            raise UnusableFile(nothing_usable(summary))
        write_outputs(con, lake, ds, periode, batch, raws)
    except duckdb.OutOfMemoryException:
        raise PantauError(
            "Memori tidak cukup untuk impor ini; naikkan PANTAU_MEMORY_LIMIT atau pecah file."
        ) from None
    except duckdb.IOException as err:
        raise PantauError(
            f"Gagal menulis ke folder data ({_short(err)}); periksa ruang disk."
        ) from None
    finally:
        con.close()
        with contextlib.suppress(OSError):
            for leftover in (lake.data_dir / ".tmp-duckdb").glob("*"):
                leftover.unlink()


def _short(err: Exception) -> str:
    return quote_error(err)  # no absolute server path in a sentence for the user

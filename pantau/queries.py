"""Named queries: `queries/*.sql` run by DuckDB over views of the lake's current batches.

One root connection per process and per data directory; each query runs on its own cursor,
so threads never share one. The views are rebuilt when the manifest's version changes, so a
finished import shows up on the next query and a half-finished one never does.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pantau import db, garis, sk_versi, wilayah

# The catalogue (headers, labels) lives in pantau.catalogue; its names are queries' too.
from pantau.catalogue import (
    COLUMN_RE,
    HEADER_RE,
    PARAM_RE,
    NamedQuery,
    _strip_comments,
    catalogue,
    column_entries,
    get,
    header,
    kolom,
    parse,
)
from pantau.config import (
    QUERIES_DIR,
    REFERENCE_DIR,
    duckdb_memory_limit,
)
from pantau.contract import DATASETS
from pantau.errors import LakeError, PantauError, QueryError
from pantau.ingest import output_columns
from pantau.lake import REGISTERS, Lake, quote_error

__all__ = [
    "COLUMN_RE",
    "HEADER_RE",
    "PARAM_RE",
    "Engine",
    "NamedQuery",
    "catalogue",
    "column_entries",
    "get",
    "header",
    "kolom",
    "parse",
    "run",
]


class Engine:
    """The root DuckDB connection of one data directory, with views over the current batches."""

    def __init__(self, data_dir: Path):
        self.lake = Lake(data_dir)
        self.wilayah = wilayah.dari(data_dir)
        self.con = db.connect(enable_external_access=True)
        # Batch files are never rewritten (a new batch is a new file), so their footers can be
        # cached: a query then binds its views without re-reading every file's metadata.
        self.con.execute("SET GLOBAL parquet_metadata_cache = true")
        self._lock = threading.Lock()
        self._version: int | None = None
        # The server's engine (warm_up): pages never wait for a rebuild after an import.
        # Elsewhere (the CLI, tests driving pages in-process) a query after an import sees it.
        self.background = False
        self._failed: int | None = None  # a version a background rebuild could not build
        # manifest.json's bytes when they last parsed cleanly, and the version they name
        # (_manifest_unchanged): the check every query of a page view makes stays a file read.
        self._manifest_seen: tuple[bytes, int] | None = None
        self.problem: str | None = None  # why the views show an older version than the lake
        # Periods the views read from an older batch, or leave out, because the current batch
        # is damaged: {(dataset, periode): Lake.choose_batches' record}.
        self.damaged: dict[tuple[str, str], dict] = {}
        self._reference()

    @staticmethod
    def _region(con, w: wilayah.Wilayah) -> None:
        """The region's tables on `con` (the root connection, or a rebuild's cursor inside its
        transaction): `wilayah`, `nama_wilayah()` and `z_kantong()`."""
        from scipy.stats import norm

        # The region's desa/kelurahan (pantau.wilayah), every column text, an empty cell NULL as
        # read_csv gave it; nama_wilayah() is its name where outputs name the whole region.
        tabel = w.tabel().replace("", None)
        con.register("wilayah_tabel", tabel)
        con.execute("CREATE OR REPLACE TABLE wilayah AS SELECT * FROM wilayah_tabel")
        con.unregister("wilayah_tabel")
        nama = w.nama.replace("'", "''")
        con.execute(f"CREATE OR REPLACE MACRO nama_wilayah() AS CAST('{nama}' AS VARCHAR)")
        # the word for its units in an output's text: 'kelurahan', or 'desa/kelurahan'
        kata = w.label_desa_kecil
        con.execute(f"CREATE OR REPLACE MACRO kata_desa() AS CAST('{kata}' AS VARCHAR)")
        # a province: its first level below the whole is the kab/kota, not the kecamatan
        con.execute(
            f"CREATE OR REPLACE MACRO adalah_provinsi() AS {str(w.adalah_provinsi).upper()}"
        )
        # The pocket test (kantong_kelurahan, _shared/57_kantong.sql) asks of every kelurahan
        # whether its rate lies above the city's: one-sided at 5 % with Bonferroni's correction
        # over the region's kelurahan, so that "kantong" is not one chance in 34 tests.
        (m,) = con.execute("SELECT count(*) FROM wilayah").fetchone()
        z = float(norm.ppf(1 - 0.05 / max(m, 1)))
        con.execute(f"CREATE OR REPLACE MACRO z_kantong() AS CAST({z!r} AS DOUBLE)")

    def _reference(self) -> None:
        self._region(self.con, self.wilayah)
        self.con.execute(
            "CREATE TABLE program AS SELECT program, CAST(strategi AS INTEGER) AS strategi, jenis, "
            "TRY_CAST(nilai_standar AS DOUBLE) AS nilai_standar, satuan_nilai, sumber_dana_umum, "
            # The programme's own eligibility rule, as columns SQL can use (see queries/README):
            # desil at most desil_maks, extreme-poor, with a business; syarat says it in words.
            "TRY_CAST(desil_maks AS INTEGER) AS desil_maks, "
            "coalesce(lower(wajib_ekstrem) = 'ya', false) AS wajib_ekstrem, "
            "coalesce(lower(wajib_usaha) = 'ya', false) AS wajib_usaha, syarat, "
            # The programme's KPM quota (target) where known; NULL = not known.
            "TRY_CAST(kuota_kpm AS INTEGER) AS kuota_kpm "
            f"FROM read_csv('{REFERENCE_DIR / 'program.csv'}', all_varchar=true)"
        )
        # The extreme line (national) and the region's general BPS line (its own, else its
        # province's or Indonesia's, the source saying which: pantau.garis); what the line is:
        # resmi / perkiraan / dibawa dari <year>, and the year whose value it is (2025 and 2026
        # carry the 2024 line), with its source.
        self.con.register("garis_tabel", garis.tabel(self.wilayah))
        self.con.execute(
            "CREATE TABLE garis_kemiskinan AS SELECT CAST(tahun AS INTEGER) AS tahun, "
            "CAST(garis_ekstrem AS DOUBLE) AS garis_ekstrem, "
            "CAST(garis_kota AS DOUBLE) AS garis_kota, dasar, "
            "status, CAST(tahun_nilai AS INTEGER) AS tahun_nilai, sumber FROM garis_tabel"
        )
        self.con.unregister("garis_tabel")

    def version(self) -> int:
        return self.lake.version()

    def refresh(self, block: bool | None = None) -> int:
        """Rebuild the views if the manifest changed since the last query; return the version
        the views now show.

        With block=False (by default on the server's engine, see `background`), a caller that finds the manifest changed
        does not wait for the rebuild (seconds at province scale): it starts the rebuild in a
        thread, or finds one running, and goes on with the previous version's views, which stay
        whole until the rebuild commits. Only an engine that has never built waits."""
        if self._manifest_unchanged():
            return self._version
        before = self._manifest_bytes()
        try:
            manifest = self.lake.manifest()
        except LakeError as err:
            if self._version is None:
                raise
            # No good manifest on disk: the views this process built are the last good data.
            self.problem = f"Data impor terbaru belum tampil, yang tampil data sebelumnya: {err}"
            return self._version
        version = int(manifest.get("version", 0))
        clean = self.lake.manifest_problem is None and before is not None
        if clean and self._manifest_bytes() == before:  # not swapped while it was parsed
            self._manifest_seen = (before, version)
        if version == self._version:
            return version
        if block is None:
            block = not self.background
        if not block and self._version is not None:
            if version == self._failed:
                return self._version  # that version failed to build: say so, do not retry
            if self._lock.acquire(blocking=False):
                threading.Thread(
                    target=self._rebuild_then_release, args=(version, manifest), daemon=True
                ).start()
            return self._version
        with self._lock:
            if version != self._version:
                self._rebuild(version, manifest)
        return self._version

    def _manifest_bytes(self) -> bytes | None:
        try:
            return self.lake.manifest_path.read_bytes()
        except OSError:
            return None

    def _manifest_unchanged(self) -> bool:
        """manifest.json holds the very bytes that last parsed cleanly, naming the version the
        views show: parsing and checking it again (thousands of batch entries on a province
        lake, milliseconds each time) would give that version again. A swap writes a new file,
        so any import, repair or hand edit makes the bytes differ."""
        seen = self._manifest_seen
        if seen is None or self._version is None or seen[1] != self._version:
            return False
        if self._manifest_bytes() != seen[0]:
            return False
        self.lake.manifest_problem = None  # what reading those bytes again would set
        return True

    def _rebuild_then_release(self, version: int, manifest: dict) -> None:
        try:
            if version != self._version:
                self._rebuild(version, manifest)
        except Exception as err:  # noqa: BLE001 - the views stay as they were, and say why
            self._failed = version
            why = (
                str(err)[0].lower() + str(err)[1:]
                if isinstance(err, PantauError) and str(err)
                else f"{type(err).__name__}; periksa log server atau hubungi pengelola."
            )
            self.problem = f"Data impor terbaru belum tampil, yang tampil data sebelumnya: {why}"
        finally:
            self._lock.release()

    def _rebuild(self, version: int, manifest: dict, recheck: bool = False) -> None:
        try:
            self._build(version, manifest, recheck)
        except LakeError:
            if recheck:
                raise
            # Files that passed their one full read may have been damaged since (the mtime
            # kept): read them all again and build without the damaged ones.
            self._build(version, manifest, recheck=True)

    def _build(self, version: int, manifest: dict, recheck: bool) -> None:
        cur = self.con.cursor()
        try:
            # One transaction: a query running meanwhile sees the old views and tables
            # or the new ones, never half of each (_shared also materialises tables).
            cur.execute("BEGIN TRANSACTION")
            # `wilayah set` on this directory since the engine was made (it is refused once the
            # lake holds a batch, so the first import after it is what brings us here): the new
            # region's tables replace the old in the same transaction as the views.
            region = wilayah.dari(self.lake.data_dir)
            if region != self.wilayah:
                self._region(cur, region)
            damaged = {}
            for name, ds in DATASETS.items():
                chosen, bad = self.lake.choose_batches(name, manifest, recheck)
                damaged.update({(d["dataset"], d["periode"]): d for d in bad})
                files = [self.lake.root / b["file"] for b in chosen]
                cur.execute(f"CREATE OR REPLACE VIEW {name} AS {_view_sql(ds, files)}")
            for name, columns in REGISTERS.items():  # tables the app writes (lake.py)
                chosen, bad = self.lake.choose_batches(name, manifest, recheck)
                damaged.update({(d["dataset"], d["periode"]): d for d in bad})
                files = [self.lake.root / b["file"] for b in chosen]
                cur.execute(f"CREATE OR REPLACE VIEW {name} AS {_register_sql(columns, files)}")
            # The frozen Daftar SK versions the manifest names (pantau/sk_versi.py), for _shared.
            sql = sk_versi.view_sql(self.lake, manifest)
            cur.execute(f"CREATE OR REPLACE VIEW sk_daftar AS {sql}")
            for shared in sorted((QUERIES_DIR / "_shared").glob("*.sql")):
                cur.execute(shared.read_text(encoding="utf-8"))
            cur.execute("COMMIT")
        except duckdb.Error as err:
            cur.execute("ROLLBACK")
            # The views stay as they were (the last good data, if this process had any).
            raise LakeError(
                f"Batch data tidak dapat dibaca ({quote_error(err, self.lake.data_dir)}); "
                "kembalikan (rollback) impor terakhir atau impor ulang."
            ) from None
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        finally:
            cur.close()
        self._version, self._failed, self.problem = version, None, None
        self.damaged = damaged
        self.wilayah = region

    def simpan_panel(self) -> bool:
        """Keep the effect panels of the latest period for the whole region (efek_panel_terakhir,
        60_efek.sql), so that an area's panel is a filter: at 5.000.000 keluarga in a province
        each newly chosen kab/kota recomputed its panel (24-30 s) on its first Bantuan view.
        Its own transaction under the build lock (a build meanwhile would empty it); when it
        runs out of memory or the lake cannot be read, the panels stay computed per query as
        before. True when kept."""
        self.refresh(True)
        with self._lock:
            cur = self.con.cursor()
            try:
                cur.execute("BEGIN TRANSACTION")
                cur.execute(
                    "SET VARIABLE periode_tersimpan = (SELECT periode FROM periode_tersimpan)"
                )
                cur.execute(
                    "CREATE OR REPLACE TABLE efek_panel_terakhir AS "
                    + " UNION ALL ".join(
                        f"SELECT '{p}' AS program, * FROM "
                        f"panel_efek(getvariable('periode_tersimpan'), NULL, NULL, '{p}')"
                        for p in ("modal_usaha", "kube")
                    )
                )
                cur.execute("CREATE OR REPLACE TABLE efek_panel_status AS SELECT true AS siap")
                cur.execute("COMMIT")
                return True
            except duckdb.Error as err:
                cur.execute("ROLLBACK")
                # the server's log says why a newly chosen area's first view is slow
                logging.getLogger("pantau").warning("effect panels not kept: %s", err)
                return False
            finally:
                cur.close()

    def run(self, name: str, params: dict | None = None, block: bool | None = None) -> pd.DataFrame:
        query = get(name)
        self.refresh(block)
        args = {p: _clean((params or {}).get(p)) for p in query.params}
        unknown = set(params or {}) - set(query.params)
        if unknown:
            raise QueryError(
                f"Parameter {', '.join(sorted(unknown))} tidak dipakai query {name}; "
                f"parameternya: {', '.join(query.params) or '(tidak ada)'}."
            )
        if args.get("periode") is not None:
            for d in self.damage(name, params):
                if d["used"] is None:
                    # Its rows are out of the views: a total of 0 would look like an answer.
                    raise LakeError(d["sentence"])
        try:
            return self._run_once(name, query.sql, args)
        except LakeError:
            # A batch damaged after the views were built (each file is read whole once, see
            # lake.intact): read every file again, rebuild without the damaged ones, answer.
            with self._lock:
                self._rebuild(self.lake.version(), self.lake.manifest(), recheck=True)
            return self._run_once(name, query.sql, args)

    def damage(self, name: str, params: dict | None = None) -> list[dict]:
        """The damaged periods (see `damaged`) that query `name` with `params` reads: those of
        its `periode`, or all of them without one, of the datasets its SQL names."""
        sql = _strip_comments(get(name).sql)
        periode = _clean((params or {}).get("periode"))
        return [
            d
            for (dataset, p), d in sorted(self.damaged.items())
            if (periode is None or p == periode) and re.search(rf"\b{dataset}", sql)
        ]

    def _run_once(self, name: str, sql: str, args: dict) -> pd.DataFrame:
        cur = self.con.cursor()
        base = self.lake.data_dir
        try:
            return _execute(cur, sql, args)
        except (duckdb.ConversionException, duckdb.BinderException) as err:
            raise QueryError(
                f"Parameter query {name} tidak valid ({quote_error(err, base)})."
            ) from None
        except duckdb.OutOfMemoryException:
            # not a damaged batch: no rollback helps, and no re-reading every file either
            raise QueryError(
                f"Memori tidak cukup untuk query {name} (batas DuckDB {duckdb_memory_limit()}); "
                "naikkan PANTAU_MEMORY_LIMIT (mis. 4GB) lalu mulai ulang server."
            ) from None
        except duckdb.IOException as err:
            raise LakeError(
                f"Batch data tidak dapat dibaca ({quote_error(err, base)}); "
                "kembalikan (rollback) impor terakhir atau impor ulang."
            ) from None
        except duckdb.Error as err:  # a damaged page may surface as any reader error
            raise LakeError(
                f"Batch data rusak ({quote_error(err, base)}); "
                "kembalikan (rollback) impor terakhir atau impor ulang."
            ) from None
        finally:
            cur.close()


def _execute(cur, sql: str, args: dict) -> pd.DataFrame:
    """Run one query in its own transaction, after setting the variable periode_tersimpan to the
    period whose tables _shared keeps (periode_tersimpan): read in the query's own snapshot, so
    the macros that choose those tables by it (salur_12_bulan_cepat, ...) never see another
    version's tables, and a constant for DuckDB's planner."""
    cur.execute("BEGIN TRANSACTION")
    cur.execute("SET VARIABLE periode_tersimpan = (SELECT periode FROM periode_tersimpan)")
    cur.execute("SET VARIABLE efek_panel_siap = (SELECT siap FROM efek_panel_status)")
    df = cur.execute(sql, args).df()
    cur.execute("COMMIT")
    return df


def _clean(value):
    if value is None:
        return None
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def _view_sql(ds, files: list[Path]) -> str:
    if files:
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        if _one_schema(files):
            return f"SELECT * FROM read_parquet([{listed}])"
        return f"SELECT * FROM read_parquet([{listed}], union_by_name=true)"
    cols = ", ".join(
        f"CAST(NULL AS {_type(ds, c)}) AS {c}" for c in [*output_columns(ds), "periode"]
    )
    return f"SELECT {cols} WHERE false"


def _register_sql(columns: dict[str, str], files: list[Path]) -> str:
    cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in columns.items())
    if files:
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        return f"SELECT {cols} FROM read_parquet([{listed}], union_by_name=true)"
    return f"SELECT {cols} FROM (SELECT {', '.join(f'NULL AS {c}' for c in columns)}) WHERE false"


def _one_schema(files: list[Path]) -> bool:
    """Whether every file has the same columns, in the same order and of the same types (from
    the footers alone; nullability aside). Then the view needs no union_by_name, which reads every file's schema
    each time a query binds the view: the macros name `keluarga` and `penyaluran` many times in
    one query, and at 50.000 keluarga that was a third of a Ringkasan view's time. Files that
    differ (an older export without a column) keep union_by_name; the rows are the same."""
    if len(files) < 2:
        return True
    try:
        # names and types; nullability is no part of DuckDB's schema
        first, *rest = ([(c.name, c.type) for c in pq.read_schema(f)] for f in files)
        return all(s == first for s in rest)
    except (OSError, pa.ArrowException):
        return False  # let DuckDB read (and report) the file as before


def _type(ds, column: str) -> str:
    if column == "program_terdaftar":
        return "VARCHAR[]"
    if column in ("extra", "periode", "kode_kec"):
        return "VARCHAR"
    return ds.field(column).sql_type


_engines: dict[str, Engine] = {}
# How often the warm-up tries to keep a build's effect panels (Engine.simpan_panel).
PANEL_TRIES = 3
_engines_lock = threading.Lock()


def engine(data_dir: Path) -> Engine:
    """The process's engine for `data_dir` (created once)."""
    key = str(Path(data_dir).resolve())
    with _engines_lock:
        if key not in _engines:
            _engines[key] = Engine(Path(data_dir))
        return _engines[key]


def run(name: str, params: dict | None = None, data_dir: Path | None = None) -> pd.DataFrame:
    from pantau.config import data_dir as default_dir

    return engine(data_dir or default_dir()).run(name, params)


def warm_up(
    data_dir: Path, every: float = 2.0, after_build: Callable[[Path], None] | None = None
) -> threading.Thread:
    """Make `data_dir`'s engine the server's (`background`) and keep it built in a daemon
    thread: now, and again after every import, so that no page view after a start or an import
    waits for the views and _shared tables (seconds at province scale). `after_build(data_dir)`
    runs after each new build: the server passes `privacy.hangatkan` (the policy runs queries,
    so this module cannot name it)."""
    eng = engine(data_dir)
    eng.background = True

    def loop() -> None:
        built, warmed, kept, tries = False, None, False, 0
        while True:
            try:
                shown = eng.refresh(block=not built)
                built = True
                # the statistics of the latest period too (Moran's I, the effect models): a
                # province's effect models took two minutes on the first Bantuan view
                if shown != warmed:
                    warmed, tries = shown, 1
                    kept = eng.simpan_panel()
                    if after_build is not None:
                        after_build(eng.lake.data_dir)
                elif not kept and tries < PANEL_TRIES:
                    # it ran out of memory beside a page's query: try again while it is quiet
                    tries += 1
                    kept = eng.simpan_panel()
            except Exception:  # noqa: BLE001 - pages report lake problems themselves
                pass
            time.sleep(every)

    thread = threading.Thread(target=loop, name="pantau-warm-up", daemon=True)
    thread.start()
    _warm_up_threads.append(thread)
    return thread


_warm_up_threads: list[threading.Thread] = []


def warming() -> bool:
    """Whether a warm-up thread of this process is running (`python -m pantau` then leaves
    without Python's finalization: pantau/__main__.py)."""
    return any(t.is_alive() for t in _warm_up_threads)

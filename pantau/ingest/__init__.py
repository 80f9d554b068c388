"""Import export files into the lake: read, map columns by alias, normalise, validate, write.

`import_files` is the one entry point used by the CLI, the Data page and the demo builder.
A file that cannot be used raises UnusableFile before anything is written; a usable file
yields a batch of accepted rows plus a notes file of rejects and warnings, and only then is
the manifest swapped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from pantau import wilayah
from pantau.config import duckdb_memory_limit, duckdb_threads
from pantau.contract import (
    DATASETS,
    PERIODE_RE,
    Dataset,
    Field,
    norm_header,
    program_flag_name,
    untuk_wilayah,
)
from pantau.errors import PantauError, UnusableFile
from pantau.ingest import kabkota, region
from pantau.ingest.read import RawTable, read_tables
from pantau.ingest.rules import (
    PROVINCES,
    Sql,
    bool_expr,
    in_list,
    label,
    penyaluran_date_warnings,
    q,
    rule_for,
)
from pantau.lake import Lake, file_sha256, new_batch_id, private_dir, quote_error

REGION_DATASETS = {"keluarga", "kube"}
SEP = "\x1f"  # joins a warning's column and reason in one string


@dataclass
class ImportSummary:
    jenis: str
    periode: str
    batch: str
    files: list[str]
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    # The batch this one replaced as current ({"batch", "rows"}), and whether this one has
    # under half its rows: then the CLI and the Data page name the rollback.
    previous: dict | None = None
    shrunk: bool = False
    rollback_hint: str | None = None  # the sentence naming the rollback command, when shrunk

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Mapping:
    """Which raw column feeds which canonical field, programme flag or the `extra` JSON."""

    fields: dict[str, tuple[str, str]]  # field name -> (raw column, header key)
    flags: list[tuple[str, str]]  # (raw column, programme)
    extra: list[tuple[str, str]]  # (raw column, header text)
    # (kolom, alasan, nilai) columns of raw_<i> holding a reject found by kabkota.siapkan
    tolak: tuple[str, str, str] | None = None


def map_columns(raw: RawTable, ds: Dataset) -> Mapping:
    fields: dict[str, tuple[str, str]] = {}
    flags, extra = [], []
    for i, header in enumerate(raw.headers):
        col, key = f"c{i}", norm_header(header)
        target = next(
            (f.name for f in ds.fields if key in f.header_keys() and f.name not in fields), None
        )
        if target:
            fields[target] = (col, key)
        elif ds.program_flags and program_flag_name(key):
            flags.append((col, program_flag_name(key)))
        elif header:
            extra.append((col, header))
    missing = [f for f in ds.fields if f.required and f.name not in fields]
    if missing:
        names = "; ".join(f"{f.aliases[0] if f.aliases else f.name}" for f in missing)
        raise UnusableFile(
            f"Kolom wajib tidak ada di {raw.source}{_header_at(raw)}: {names}; tambahkan kolom itu "
            f"(nama lain yang diterima tercantum di DATA-CONTRACT) lalu impor lagi."
        )
    for group in ds.one_of:
        if not any(g in fields for g in group):
            raise UnusableFile(
                f"File {raw.source} harus memuat salah satu kolom {' atau '.join(group)}; "
                "tambahkan kolom itu lalu impor lagi."
            )
    return Mapping(fields, flags, extra)


def _header_at(raw: RawTable) -> str:
    # Which row was read as the header, so that a header found in the wrong row can be seen.
    return f" (judul kolom dibaca dari baris {raw.header_line})" if raw.header_line else ""


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
                from pantau import verval_lapangan

                xlsx = p.suffix.lower() == ".xlsx"
                verval_berkas.append(verval_lapangan.id_berkas(raw) if xlsx else None)
                raw = verval_lapangan.siapkan(raw, data_dir)
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
    _compare_with_previous(summary, m["datasets"][jenis][periode])
    return summary


REPEATED = "file yang disebut lebih dari sekali (dibaca sekali)"
SHRINK_SHARE = 0.5  # a new batch under this share of the current one's rows is warned about


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


def _compare_with_previous(summary: ImportSummary, entry: dict) -> None:
    """Set summary.previous (the batch replaced) and .shrunk (the new one far smaller)."""
    history = entry.get("history") or []
    if not history:
        return
    before = next((b for b in entry["batches"] if b["batch"] == history[-1]), None)
    if before is None:
        return
    summary.previous = {"batch": before["batch"], "rows": before["rows"]}
    summary.shrunk = summary.accepted < before["rows"] * SHRINK_SHARE
    if summary.shrunk:
        summary.rollback_hint = (
            f"Batch baru hanya {_n(summary.accepted)} baris, kurang dari separuh batch "
            f"sebelumnya ({_n(before['rows'])} baris); bila file ini keliru, kembalikan batch "
            f"sebelumnya dengan `{rollback_command(summary.jenis, summary.periode)}`."
        )


def rollback_command(jenis: str, periode: str) -> str:
    return f"python -m pantau rollback --jenis {jenis} --periode {periode}"


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
    return duckdb.connect(
        config={
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "threads": duckdb_threads(),
            "memory_limit": duckdb_memory_limit(),
            "temp_directory": str(tmp),
            "preserve_insertion_order": False,
        }
    )


def _run(lake: Lake, ds: Dataset, periode: str, batch: str, raws, summary: ImportSummary) -> None:
    con = _connect(lake.data_dir)
    try:
        parts, ragged = [], 0
        for i, (raw, mapping) in enumerate(raws):
            table = raw.table.append_column("_baris", pa.array(raw.line_numbers(), pa.int64()))
            mapping = kabkota.siapkan(con, i, table, mapping, raw.headers)
            _skip_rows(con, i, raw, mapping, summary)
            for reason, n in raw.skipped_rows.items():
                summary.skipped[reason] = summary.skipped.get(reason, 0) + n
            _register_region_maps(con, i, mapping)
            looked_up = _register_lookups(con, ds, i, mapping, table.num_rows)
            parts.append(_file_sql(ds, i, raw.source, mapping, looked_up, periode))
            ragged += len(raw.skipped_lines)
        _materialise(con, ds, parts)
        # Every row is in DuckDB now: let the Arrow copies go before the write phase.
        for i, (raw, _) in enumerate(raws):
            kabkota.lepas(con, i)
            raw.table = raw.table.schema.empty_table()
        del table
        pa.default_memory_pool().release_unused()
        _summarise(con, summary, ragged)
        for raw, _ in raws:  # rows rejected before the import (raw.rejected)
            for _, _, reason, _ in raw.rejected:
                summary.read += 1
                summary.rejected += 1
                summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
        for reason, n in _decode_summary(raws).items():
            summary.warnings[reason] = n
        if summary.accepted == 0:
            raise UnusableFile(_nothing_usable(summary))
        _write_outputs(con, lake, ds, periode, batch, raws)
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


def _nothing_usable(summary: ImportSummary) -> str:
    """The sentence refusing a batch without one accepted row, with its commonest reasons."""
    files = ", ".join(summary.files)
    if not summary.read:
        return f"Tidak ada baris data di {files}; ekspor ulang datanya lalu impor lagi."
    top = sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:3]
    # A reason may carry its advice after a ';': the head is enough in a list of them.
    why = "; ".join(f"{reason.split(';')[0]}: {_n(n)} baris" for reason, n in top)
    return (
        f"Tidak ada baris yang dapat diterima di {files}: semua {_n(summary.read)} baris "
        f"ditolak ({why}), jadi tidak ada yang diimpor; perbaiki file lalu impor lagi."
    )


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _short(err: Exception) -> str:
    return quote_error(err)  # no absolute server path in a sentence for the user


# --- per-file SQL --------------------------------------------------------------------------
#
# Work is done once per distinct value where values repeat, and once per row otherwise:
# - region names, programme flags and the fields of LOOKUP_KINDS (yes/no, codes, desil, dates,
#   rupiah, …) are parsed and checked once per distinct raw cell, into a lookup table that the
#   rows join (a million rows carry a few hundred distinct "Ya", "Tidak ", "Kel. Tapa'an"…);
# - the rest (NIK, No KK, names, …) is parsed per row, in stages, so that each expression is
#   evaluated once however many checks read it (DuckDB does not share a sub-expression
#   between the branches of a CASE):
#     s1   the cells used (trimmed, '' → NULL, when parsed per row), blank and total rows gone
#     s2   + the lookups' columns and every per-row rule's prep columns
#     s3   + every field's parsed value, v_<field>
#     s4   + every warning check's text or NULL, _w<n>
#     out  the output columns, the first failed check (_tolak) and the warnings (_peringatan)

LOOKUP_KINDS = {"bool", "sex", "enum", "code", "desil", "int", "rtrw", "date", "rupiah"}
# Kinds whose cells may all differ (an exact amount, a birth date): looked up only when the
# column has fewer distinct cells than this share of its rows.
WIDE_KINDS = {"date", "rupiah"}
LOOKUP_MAX_SHARE = 0.25


def _trim(col: str) -> str:
    """NULLIF(trim(col), ''). trim() only strips space separators (' ', NBSP, …), so a cell
    that starts and ends with an ASCII character other than ' ' (nearly all) is kept as it
    is, without the copy trim() makes."""
    edges = f"{col} LIKE ' %' OR {col} LIKE '% ' OR {col} >= chr(128) OR {col}[-1] >= chr(128)"
    return (
        f"CASE WHEN {edges} THEN NULLIF(trim({col}), '') WHEN {col} = '' THEN NULL ELSE {col} END"
    )


def _used_columns(m: Mapping) -> list[str]:
    """The raw columns the mapping reads (fields, programme flags, extra), in file order."""
    cols = {c for c, _ in [*m.fields.values(), *m.flags, *m.extra]}
    return sorted(cols, key=lambda c: int(c[1:]))


def _register_region_maps(con, i: int, mapping: Mapping) -> None:
    """Map each distinct raw kelurahan / code / kecamatan cell once, in Python.

    Keyed by the untrimmed cell (the rows join on it as read); `k` is the trimmed text. The
    kelurahan maps carry the reference names too, so rows need no further lookup.
    """
    specs = {
        "kode_kel": region.kelurahan_by_code,
        "kelurahan": region.kelurahan_by_name,
        "kecamatan": region.kecamatan_code,
    }
    named = region.names()
    for name, fn in specs.items():
        if name not in mapping.fields:
            continue
        col = mapping.fields[name][0]
        pairs = con.execute(
            f"SELECT raw, {_trim('raw')} FROM (SELECT DISTINCT {col} AS raw FROM raw_{i}) "
            "WHERE raw IS NOT NULL"
        ).fetchall()
        codes = [fn(k) if k is not None else None for _, k in pairs]
        columns = {"raw": [r for r, _ in pairs], "k": [k for _, k in pairs], "kode": codes}
        if name == "kelurahan":
            columns["saran"] = [
                None if code or k is None else _saran(k)
                for (_, k), code in zip(pairs, codes, strict=True)
            ]
            columns["ambigu"] = [
                "ya" if code is None and k is not None and region.ambiguous(k) else None
                for (_, k), code in zip(pairs, codes, strict=True)
            ]
            if "kecamatan" in mapping.fields:
                _register_shared_names(con, i, pairs, codes, named)
        if name != "kecamatan":
            columns["kelurahan"] = [named[c][0] if c else None for c in codes]
            columns["kecamatan"] = [named[c][1] if c else None for c in codes]
        con.register(
            f"map_{name}_{i}",
            pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}),
        )
    if "kode_kel" in mapping.fields and "kecamatan" in mapping.fields:
        kec, desa, kel = region.desa_codes()
        columns = {"kode_kec": kec, "desa": desa, "kode": kel}
        columns["kelurahan"] = [named[c][0] for c in kel]
        columns["kecamatan"] = [named[c][1] for c in kel]
        con.register(f"map_desa_{i}", pa.table(columns))


def _saran(k: str) -> str | None:
    """What to tell of a name not mapped: the kecamatan of a name several share, else the
    closest names."""
    kec = region.ambiguous(k)
    if kec:
        nama = region.nama_kecamatan()
        where = [f"{nama.get(c, c)} ({c})" for c in kec]
        return "nama ini ada di kecamatan " + ", ".join(where) + "; isi kolom kecamatan"
    return ", ".join(region.suggestions(k)) or None


def _register_shared_names(con, i: int, pairs, codes, named) -> None:
    """map_kelkec_<i>: a desa name several kecamatan share (a kabupaten has them), resolved
    by the row's kecamatan: (raw, kode_kec) -> code. Empty for Kota Pasuruan."""
    rows = {"raw": [], "kode_kec": [], "kode": []}
    for (raw, k), code in zip(pairs, codes, strict=True):
        if code is None and k is not None:
            for kec in region.ambiguous(k):
                rows["raw"].append(raw)
                rows["kode_kec"].append(kec)
                rows["kode"].append(region.kelurahan_by_name_in(k, kec))
    rows["kelurahan"] = [named[c][0] for c in rows["kode"]]
    rows["kecamatan"] = [named[c][1] for c in rows["kode"]]
    con.register(
        f"map_kelkec_{i}", pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()})
    )


def _register_lookups(con, ds: Dataset, i: int, m: Mapping, rows: int) -> set[str]:
    """Parse and check each distinct cell of the lookup fields and programme flags once.

    Each lookup table lk_<i>_<name> holds raw (the cell as read), k (trimmed), v (the value),
    r (the field's first failed reject check, or NULL) and w (its warnings, or NULL).
    Returns the names of the fields so handled; the others are parsed row by row.
    """
    names = [f.name for f in ds.fields if f.name in m.fields and f.kind in LOOKUP_KINDS]
    wide = [n for n in names if ds.field(n).kind in WIDE_KINDS]
    if wide and rows > 10_000:
        counts = con.execute(
            f"SELECT {', '.join(f'approx_count_distinct({m.fields[n][0]})' for n in wide)} "
            f"FROM raw_{i}"
        ).fetchall()[0]
        too_many = {n for n, c in zip(wide, counts, strict=True) if c > rows * LOOKUP_MAX_SHARE}
        names = [n for n in names if n not in too_many]
    for name in names:
        _create_lookup(con, i, ds.field(name), *m.fields[name])
    if m.flags:
        _create_flags_lookup(con, i, m)
    return set(names)


def _create_lookup(con, i: int, f: Field, col: str, key: str) -> None:
    rule = rule_for(f, "k", key, "p", "v")
    prep = "".join(f", {expr} AS {name}" for name, expr in rule.prep.items())
    base = f"SELECT raw, {_trim('raw')} AS k FROM (SELECT DISTINCT {col} AS raw FROM raw_{i})"
    valued = f"SELECT *, {rule.value} AS v FROM (SELECT *{prep} FROM ({base}))"
    reason = _tolak_sql([(c, f.name, r, "k") for c, r in rule.rejects])
    warn = _peringatan_sql(
        [f"CASE WHEN {c} THEN {q(f.name + SEP + r)} END" for c, r in rule.warnings]
    )
    con.execute(
        f"CREATE TEMP TABLE lk_{i}_{f.name} AS SELECT raw, k, CAST(v AS {f.sql_type}) AS v, "
        f"{reason} AS r, NULLIF({warn}, '') AS w FROM ({valued})"
    )


def _create_flags_lookup(con, i: int, m: Mapping) -> None:
    """lk_<i>_flags: each distinct combination of the programme flag cells -> its programmes."""
    cols = ", ".join(f"{c} AS f{j}" for j, (c, _) in enumerate(m.flags))
    flags = ", ".join(
        f"CASE WHEN {bool_expr(_trim(f'f{j}'))} THEN {q(p)} END" for j, (_, p) in enumerate(m.flags)
    )
    con.execute(
        f"CREATE TEMP TABLE lk_{i}_flags AS SELECT *, "
        f"list_sort(list_distinct(list_filter([{flags}], lambda x: x IS NOT NULL)))::VARCHAR[] AS v "
        f"FROM (SELECT DISTINCT {cols} FROM raw_{i})"
    )


def _file_sql(
    ds: Dataset, i: int, source: str, m: Mapping, looked_up: set[str], periode: str = ""
) -> str:
    """SELECT over raw_i giving _file, _baris, v_<field>…, _tolak (struct) and _peringatan."""
    values: dict[str, str] = {}  # field -> its value, over s2's columns
    prep: dict[str, str] = {}  # s2 column -> expression over s1's columns and the joins
    joins: list[str] = []
    rejects: list = []  # (condition, column, reason, raw value), or a lookup's Sql struct
    warnings: list = []  # (condition, column, reason), or a lookup's Sql text of warnings
    for f in ds.fields:
        if f.name not in m.fields:
            values[f.name] = f"CAST(NULL AS {f.sql_type})"
            continue
        col, key = m.fields[f.name]
        if f.kind in ("kode_kel", "kelurahan", "kecamatan", "program"):
            continue
        if f.name in looked_up:
            lk = f"lk_{f.name}"
            joins.append(
                f"LEFT JOIN lk_{i}_{f.name} {lk} ON {lk}.raw IS NOT DISTINCT FROM s1.{col}"
            )
            prep.update({f"{lk}_{c}": f"{lk}.{c}" for c in "kvrw"})
            values[f.name] = f"{lk}_v"
            rejects.append(Sql(f"{lk}_r"))
            warnings.append(Sql(f"{lk}_w"))
            continue
        rule = rule_for(f, col, key)
        prep.update(rule.prep)
        values[f.name] = rule.value
        rejects += [(c, f.name, reason, col) for c, reason in rule.rejects]
        warnings += [(c, f.name, reason) for c, reason in rule.warnings]
    if m.flags:
        on = [f"lkf.f{j} IS NOT DISTINCT FROM s1.{c}" for j, (c, _) in enumerate(m.flags)]
        joins.append(f"LEFT JOIN lk_{i}_flags lkf ON {' AND '.join(on)}")
        prep["lkf_v"] = "lkf.v"
    if ds.name in REGION_DATASETS:
        joins += _region(values, prep, rejects, warnings, m, i)
    if "program" in m.fields:
        joins += _program(values, prep, rejects, m)
    _cross_checks(ds, rejects, warnings, m, periode)

    as_read = {
        m.fields[n][0] for n in (*looked_up, "kode_kel", "kelurahan", "kecamatan") if n in m.fields
    }
    as_read |= {c for c, _ in m.flags}
    as_read |= {c for c, _ in m.extra}  # trimmed where they enter the JSON, below
    cells = [
        f"r.{c} AS {c}" if c in as_read else f"{_trim('r.' + c)} AS {c}" for c in _used_columns(m)
    ]
    cells += [f"r.{c} AS {c}" for c in m.tolak or ()]
    s1 = f"SELECT r._baris, {', '.join(cells)} FROM raw_{i} r WHERE {_keep_row(i)}"
    s2 = ", ".join(["s1.*", *(f"{expr} AS {name}" for name, expr in prep.items())])
    s2 = f"SELECT {s2} FROM ({s1}) s1 {' '.join(joins)}"
    s3 = ", ".join(["s2.*", *(f"{expr} AS v_{name}" for name, expr in values.items())])
    s3 = f"SELECT {s3} FROM ({s2}) s2"

    select = [f"{q(source)} AS _file", "_baris", *(f"v_{name}" for name in values)]
    if ds.program_flags:
        flags = "lkf_v" if m.flags else "[]::VARCHAR[]"
        select.append(f"{flags} AS v_program_terdaftar")
    if m.extra:
        pairs = ", ".join(f"{q(h)}, nullif(trim({c}), '')" for c, h in _unique_headers(m.extra))
        select.append(f"CAST(json_object({pairs}) AS VARCHAR) AS v_extra")
    else:
        select.append("CAST(NULL AS VARCHAR) AS v_extra")
    # s4: each warning as its own column, so a row without any costs only NULL tests.
    pieces = [
        w if isinstance(w, Sql) else f"CASE WHEN {w[0]} THEN {q(w[1] + SEP + w[2])} END"
        for w in warnings
    ]
    s4 = ", ".join(["s3.*", *(f"{w} AS _w{n}" for n, w in enumerate(pieces))])
    s4 = f"SELECT {s4} FROM ({s3}) s3"
    select.append(f"{_tolak_sql(rejects)} AS _tolak")
    select.append(f"{_peringatan_sql([f'_w{n}' for n in range(len(pieces))])} AS _peringatan")
    return f"SELECT {', '.join(select)} FROM ({s4}) s4"


TOLAK_TYPE = "STRUCT(kolom VARCHAR, alasan VARCHAR, nilai VARCHAR)"


def _tolak_sql(rejects: list) -> str:
    """The first failed check as {kolom, alasan, nilai}, or NULL.

    An item is (condition, column, reason, raw value), or an Sql column already holding such a
    struct (a lookup's r); a run of those is tested at once with coalesce, in field order.
    """
    whens, run = [], []

    def flush():
        if run:
            first = run[0] if len(run) == 1 else f"coalesce({', '.join(run)})"
            whens.append(f"WHEN {first} IS NOT NULL THEN {first}")
            run.clear()

    for item in rejects:
        if isinstance(item, Sql):
            run.append(item)
            continue
        flush()
        cond, col, reason, raw = item
        alasan = reason if isinstance(reason, Sql) else q(reason)
        whens.append(
            f"WHEN {cond} THEN {{'kolom': {q(col)}, 'alasan': {alasan}, 'nilai': CAST({raw} AS VARCHAR)}}"
        )
    flush()
    return f"CAST(CASE {' '.join(whens)} END AS {TOLAK_TYPE})" if whens else f"NULL::{TOLAK_TYPE}"


def _peringatan_sql(pieces: list[str]) -> str:
    """The non-NULL warning texts joined by '|' ('' when there are none)."""
    if not pieces:
        return "''"
    none = " AND ".join(f"{w} IS NULL" for w in pieces)
    return f"CASE WHEN {none} THEN '' ELSE concat_ws('|', {', '.join(pieces)}) END"


def _unique_headers(extra):
    seen: dict[str, int] = {}
    for col, header in extra:
        n = seen.get(header, 0)
        seen[header] = n + 1
        yield col, header if n == 0 else f"{header} ({n + 1})"


def _blank(m: Mapping) -> str:
    # COALESCE stops at the first non-empty mapped cell, so a normal row costs one trim. The
    # extra columns are tested as one concatenation: one flat expression however many there
    # are (a _trim per column makes DuckDB's planning grow with the square of their number).
    extra = {c for c, _ in m.extra}
    mapped = [_trim("r." + c) for c in _used_columns(m) if c not in extra]
    tests = [f"coalesce({', '.join(mapped)}) IS NULL"] if mapped else []
    if extra:
        cells = ", ".join(f"r.{c}" for c in _used_columns(m) if c in extra)
        tests.append(f"trim(concat({cells})) = ''")
    return "(" + " AND ".join(tests) + ")"


def _total_row(m: Mapping) -> str:
    # The label sits in the file's first cells, often an unmapped "No" column: file order counts.
    first = _used_columns(m)[:3]
    cells = " || ' ' || ".join(f"coalesce(r.{c}, '')" for c in first)
    label = f"regexp_matches({cells}, '^\\s*(grand\\s*)?(jumlah|total)\\b', 'i')"
    kk = m.fields.get("no_kk", m.fields.get("nik", (None, None)))[0]
    if not kk:
        return f"({label})"
    # A row with a 16-digit ID is data whatever its first cells say; most rows stop there.
    return f"(CASE WHEN regexp_full_match(coalesce({_trim(f'r.{kk}')}, ''), '[0-9]{{16}}') THEN false ELSE {label} END)"


def _keep_row(i: int) -> str:
    return f"r._baris NOT IN (SELECT _baris FROM skip_{i})"


def _skip_rows(con, i: int, raw: RawTable, m: Mapping, summary: ImportSummary) -> None:
    """Find the blank and total rows once (skip_<i>), and count them as skipped."""
    con.execute(
        f"CREATE TEMP TABLE skip_{i} AS SELECT _baris, {_blank(m)} AS kosong FROM raw_{i} r "
        f"WHERE {_blank(m)} OR {_total_row(m)}"
    )
    blank, total = con.execute(
        f"SELECT count(*) FILTER (WHERE kosong), count(*) FILTER (WHERE NOT kosong) FROM skip_{i}"
    ).fetchall()[0]
    for key, n in (("baris kosong", blank), ("baris total", total + raw.short_totals)):
        if n:
            summary.skipped[key] = summary.skipped.get(key, 0) + n


def _region(values, prep, rejects, warnings, m: Mapping, i: int) -> list[str]:
    """Kelurahan code from the code or the name column, checked against each other and the
    kecamatan. The maps give each cell's trimmed text (<map>_k) and code (<map>_kode)."""
    joins, by_code, by_name, names = [], "NULL", "NULL", []
    kode = "v_kode_kel"
    first = len(rejects)
    after: list[str] = []  # joins that read the kecamatan map, added after it
    if "kode_kel" in m.fields:
        joins.append(f"LEFT JOIN map_kode_kel_{i} mk ON mk.raw = s1.{m.fields['kode_kel'][0]}")
        prep.update(mk_k="mk.k", mk_kode="mk.kode", mk_kel="mk.kelurahan", mk_kec="mk.kecamatan")
        by_code = "mk_kode"
        names.append("mk")
        if "kecamatan" in m.fields:
            # A DTKS desa code (KDDESA '011', or '1003') is a kelurahan only with its KDKEC.
            after.append(
                f"LEFT JOIN map_desa_{i} md ON mk.kode IS NULL AND md.kode_kec = mc.kode "
                f"AND md.desa = {region.desa_key('mk.k')}"
            )
            prep.update(md_kode="md.kode", md_kel="md.kelurahan", md_kec="md.kecamatan")
            by_code = "coalesce(mk_kode, md_kode)"
    bps = _bps_tanpa_peta(m, by_code)
    if bps != "false":
        # A region without BPS codes: a DTKS BPS code falls back to the row's desa name.
        rejects.append(
            (f"{bps} AND {_name_code(m)} IS NULL", "kode_kel", _alasan_bps(), _nilai_bps(m))
        )
        warnings.append(
            (
                f"{bps} AND {_name_code(m)} IS NOT NULL",
                "kode_kel",
                f"kode BPS tidak dikenal di {region.nama_wilayah()}; dipakai nama desa/kelurahan",
            )
        )
    unit, nama = _unit(), region.nama_wilayah()
    if "kode_kel" in m.fields:
        tak_kenal = f"mk_k IS NOT NULL AND ({by_code}) IS NULL AND {_name_code(m)} IS NULL"
        rejects.append(
            (
                f"{tak_kenal} AND {_kode_lain('mk_k')}",
                "kode_kel",
                f"kode {unit} bukan kode di {nama}",
                "mk_k",
            )
        )
        rejects.append((tak_kenal, "kode_kel", f"kode {unit} tidak dikenal", "mk_k"))
        warnings.append(
            (
                f"mk_k IS NOT NULL AND ({by_code}) IS NULL AND {_name_code(m)} IS NOT NULL "
                f"AND NOT ({bps})",
                "kode_kel",
                f"kode {unit} tidak dikenal; dipakai nama {unit}",
            )
        )
    if "kelurahan" in m.fields:
        joins.append(f"LEFT JOIN map_kelurahan_{i} mn ON mn.raw = s1.{m.fields['kelurahan'][0]}")
        prep.update(mn_k="mn.k", mn_kode="mn.kode", mn_saran="mn.saran", mn_kel="mn.kelurahan")
        prep.update(mn_kec="mn.kecamatan", mn_ambigu="mn.ambigu")
        by_name = "mn_kode"
        names.append("mn")
        if "kecamatan" in m.fields:
            # A desa name two kecamatan share is a desa only with its kecamatan.
            after.append(
                f"LEFT JOIN map_kelkec_{i} mx ON mn.kode IS NULL "
                f"AND mx.raw = s1.{m.fields['kelurahan'][0]} AND mx.kode_kec = mc.kode"
            )
            prep.update(mx_kode="mx.kode", mx_kel="mx.kelurahan", mx_kec="mx.kecamatan")
            by_name = "coalesce(mn_kode, mx_kode)"
            names.append("mx")
        tak_kenal = f"mn_k IS NOT NULL AND ({by_name}) IS NULL AND ({by_code}) IS NULL"
        saran = "mn_k || coalesce(' (mungkin: ' || mn_saran || ')', '')"
        # a name several kecamatan share, and no kecamatan known to tell which: ambiguous
        ambigu = f"{tak_kenal} AND mn_ambigu IS NOT NULL"
        if "kecamatan" in m.fields:
            ambigu += " AND mc_kode IS NULL"
        rejects.append((ambigu, "kelurahan", f"nama {unit} ambigu", saran))
        rejects.append((tak_kenal, "kelurahan", f"{unit} tidak dikenal", saran))
        rejects.append(
            (
                f"({by_code}) IS NOT NULL AND ({by_name}) IS NOT NULL AND ({by_code}) <> ({by_name})",
                "kelurahan",
                f"kode {unit} tidak cocok dengan nama {unit}",
                "mn_k",
            )
        )
    region_null = " AND ".join(f"{n}_k IS NULL" for n in names if n != "mx")
    if "md_kode" in prep:
        names.insert(1, "md")  # its names follow its code: after mk's, before mn's
    rejects.insert(0, (f"{kode} IS NULL AND {region_null}", "kelurahan", f"{unit} kosong", "NULL"))
    values["kode_kel"] = f"coalesce({by_code}, {by_name})"
    values["kode_kec"] = f"substr(coalesce({by_code}, {by_name}), 1, 8)"
    # A name is present exactly when its code is, so coalescing names follows the codes.
    values["kelurahan"] = f"coalesce({', '.join(f'{n}_kel' for n in names)}, NULL)"
    values["kecamatan"] = f"coalesce({', '.join(f'{n}_kec' for n in names)}, NULL)"
    if "kecamatan" in m.fields:
        joins.append(f"LEFT JOIN map_kecamatan_{i} mc ON mc.raw = s1.{m.fields['kecamatan'][0]}")
        prep.update(mc_k="mc.k", mc_kode="mc.kode")
        rejects.append(
            (
                f"mc_k IS NOT NULL AND mc_kode IS NULL AND NOT ({_bps_tanpa_peta(m, by_code)})",
                "kecamatan",
                "kecamatan tidak dikenal",
                "mc_k",
            )
        )
        rejects.append(
            (
                f"mc_kode IS NOT NULL AND {kode} IS NOT NULL AND mc_kode <> substr({kode}, 1, 8)",
                "kecamatan",
                f"kecamatan tidak sesuai dengan {unit}",
                "mc_k",
            )
        )
    if m.tolak:
        # The row's kab/kota against its kecamatan and desa (kabkota.resolve): before the rest.
        kolom, alasan, nilai = m.tolak
        for col in ("kelurahan", "kabupaten_kota"):
            rejects.insert(
                first, (f"{kolom} IS NOT NULL AND {kolom} = {q(col)}", col, Sql(alasan), nilai)
            )
    return joins + after


def _unit() -> str:
    """The unit in a reason: 'kelurahan' (Kota Pasuruan), 'desa/kelurahan' where there are desa."""
    return wilayah.cari(region.aktif()).label_desa_kecil


def _kode_lain(cell: str) -> str:
    """SQL: the cell is a whole desa/kelurahan code (10 digits) of another region."""
    d = f"regexp_replace({cell}, '[^0-9]', '', 'g')"
    own = wilayah.cari(region.aktif()).prefix_nik
    return f"(length({d}) = 10 AND NOT starts_with({d}, {q(own)}))"


def _bps_tanpa_peta(m: Mapping, by_code: str) -> str:
    """SQL: the row's region is written in DTKS's BPS form (KDKEC of 3 digits, KDDESA of 1–3)
    and the region has no BPS codes to map it (any region but Kota Pasuruan); else false."""
    if region.ada_bps():
        return "false"
    parts = []
    if "kecamatan" in m.fields:
        parts.append("(mc_kode IS NULL AND regexp_full_match(coalesce(mc_k, ''), '[0-9]{3}'))")
    if "kode_kel" in m.fields:
        parts.append(
            f"(({by_code}) IS NULL AND regexp_full_match(coalesce(mk_k, ''), '[0-9]{{1,3}}'))"
        )
    return "(" + " OR ".join(parts) + ")" if parts else "false"


def _alasan_bps() -> str:
    return (
        f"kode BPS (KDKEC/KDDESA) tidak dapat dipetakan di {region.nama_wilayah()} dan baris "
        "tidak memuat nama desa/kelurahan yang dikenal: ekspor ulang dengan kode Kemendagri "
        "(mis. 35.23.01.2001) atau dengan kolom nama desa/kelurahan dan kecamatan"
    )


def _nilai_bps(m: Mapping) -> str:
    """The cells the reason quotes: 'KDKEC / KDDESA' as written ('010 / 011')."""
    cells = [c for c, f in (("mc_k", "kecamatan"), ("mk_k", "kode_kel")) if f in m.fields]
    return "concat_ws(' / ', " + ", ".join(cells) + ")"


def _name_code(m: Mapping) -> str:
    if "kelurahan" not in m.fields:
        return "NULL"
    return "coalesce(mn_kode, mx_kode)" if "kecamatan" in m.fields else "mn_kode"


def _program(values, prep, rejects, m: Mapping) -> list[str]:
    raw = m.fields["program"][0]
    key = f"regexp_replace(lower(s1.{raw}), '\\s+', ' ', 'g')"
    prep.update(pa_program="pa.program", pr_program="pr.program")
    values["program"] = "coalesce(pa_program, pr_program)"
    rejects.insert(0, (f"{raw} IS NULL", "program", "program kosong", "NULL"))
    rejects.append(
        (
            f"{raw} IS NOT NULL AND pa_program IS NULL AND pr_program IS NULL",
            "program",
            "program tidak dikenal",
            raw,
        )
    )
    return [
        f"LEFT JOIN ref_program_alias pa ON pa.alias = {key}",
        f"LEFT JOIN ref_program pr ON lower(pr.program) = {key}",
    ]


def _cross_checks(ds: Dataset, rejects, warnings, m: Mapping, periode: str = "") -> None:
    """Checks across fields (and against the batch's period); they read the value columns
    v_<field> of stage s3."""
    if "pengeluaran_pangan" in m.fields and "pengeluaran_bulanan" in m.fields:
        rejects.append(
            (
                "v_pengeluaran_pangan > v_pengeluaran_bulanan",
                "pengeluaran_pangan",
                "pengeluaran pangan melebihi total pengeluaran",
                "NULL",
            )
        )
    if ds.name == "verval":
        rejects.append(
            (
                "v_hasil = 'tidak memenuhi' AND v_alasan IS NULL",
                "alasan",
                "alasan kosong untuk hasil tidak memenuhi",
                "NULL",
            )
        )
    if ds.name == "penyaluran":
        rejects.insert(
            0,
            (
                f"v_no_kk IS NULL AND v_nik IS NULL AND {_raw_null(m, 'no_kk')} AND {_raw_null(m, 'nik')}",
                "no_kk",
                "No KK dan NIK kosong",
                "NULL",
            ),
        )
        if periode:
            warnings += penyaluran_date_warnings(periode)
    nik = "nik_kepala" if any(f.name == "nik_kepala" for f in ds.fields) else "nik"
    if nik == "nik_kepala" and nik in m.fields:
        warnings.append(_nik_luar_wilayah(nik))
    if nik in m.fields:
        v = f"v_{nik}"
        day = f"TRY_CAST(substr({v}, 7, 2) AS INTEGER)"
        if "jenis_kelamin" in m.fields:
            sex = f"CASE WHEN {day} > 40 THEN 'P' WHEN {day} IS NOT NULL THEN 'L' END"
            warnings.append(
                (
                    f"v_jenis_kelamin <> {sex}",
                    "jenis_kelamin",
                    f"jenis kelamin tidak sesuai {label(nik)}",
                )
            )
        if "tanggal_lahir" in m.fields:
            # DDMMYY as a number; a woman's DD is 40 more, which % 400000 takes off.
            born = f"TRY_CAST(substr({v}, 7, 6) AS INTEGER) % 400000"
            given = "(day(v_tanggal_lahir) * 10000 + month(v_tanggal_lahir) * 100 + year(v_tanggal_lahir) % 100)"
            warnings.append(
                (
                    f"{given} <> {born}",
                    "tanggal_lahir",
                    f"tanggal lahir tidak sesuai {label(nik)}",
                )
            )


def _nik_luar_wilayah(nik: str) -> tuple[str, str, str]:
    """A head's NIK issued outside the region (its first digits not the region's kab/kota, or
    in a province not the province's): accepted, people move, but counted and named. A prefix
    that is no region at all is rejected before (_ident_checks)."""
    w, v = wilayah.cari(region.aktif()), f"v_{nik}"
    valid = f"{in_list(f'substr({v}, 1, 2)', PROVINCES)} AND substr({v}, 3, 2) <> '00'"
    return (
        f"NOT starts_with({v}, {q(w.prefix_nik)}) AND {valid}",
        nik,
        f"{label(nik)} dari luar {w.nama} (mungkin pindah datang); baris diterima",
    )


def _raw_null(m: Mapping, name: str) -> str:
    return f"{m.fields[name][0]} IS NULL" if name in m.fields else "true"


# --- whole batch ---------------------------------------------------------------------------


def _register_reference(con) -> None:
    from pantau.config import REFERENCE_DIR

    con.execute(
        f"CREATE TEMP TABLE ref_program AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program.csv')}, all_varchar=true)"
    )
    con.execute(
        f"CREATE TEMP TABLE ref_program_alias AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program_alias.csv')}, all_varchar=true)"
    )


def _materialise(con, ds: Dataset, parts: list[str]) -> None:
    _register_reference(con)
    keys = ", ".join(f"v_{k}" for k in ds.unique)
    con.execute(f"CREATE TEMP TABLE baris AS {' UNION ALL '.join(parts)}")
    # Later copies of an accepted row's key, found over the key columns alone: a window over
    # every column would hold the whole batch in memory a second time.
    con.execute(
        "CREATE TEMP TABLE duplikat AS SELECT _file, _baris FROM (SELECT _file, _baris, "
        f"row_number() OVER (PARTITION BY {keys} ORDER BY _file, _baris) AS n "
        "FROM baris WHERE _tolak IS NULL) WHERE n > 1"
    )
    # _urut: 1 for an accepted row first of its key, 2 for a later copy, NULL when rejected.
    con.execute(
        "CREATE TEMP VIEW hasil AS SELECT b.*, CASE WHEN b._tolak IS NOT NULL THEN NULL "
        "WHEN d._baris IS NULL THEN 1 ELSE 2 END AS _urut FROM baris b "
        "LEFT JOIN duplikat d ON d._file = b._file AND d._baris = b._baris"
    )


def output_columns(ds: Dataset) -> list[str]:
    cols = ds.columns[:]
    if ds.name in REGION_DATASETS:
        cols.insert(cols.index("kelurahan"), "kode_kec")
    return [*cols, "extra"]


def _write_outputs(con, lake: Lake, ds: Dataset, periode: str, batch: str, raws) -> None:
    final = lake.batch_path(ds.name, periode, batch)
    private_dir(final.parent)
    tmp = final.parent / f".tmp-{batch}.parquet"
    cols = ", ".join(f"v_{c} AS {c}" for c in output_columns(ds))
    con.execute(
        f"COPY (SELECT {cols}, {q(periode)} AS periode FROM hasil WHERE _tolak IS NULL AND _urut = 1) "
        f"TO {q(tmp)} (FORMAT parquet, COMPRESSION zstd)"
    )
    notes = lake.notes_path(batch)
    private_dir(notes.parent)
    ntmp = notes.parent / f".tmp-{batch}.parquet"
    dup_col = ds.unique[0]
    ragged = [(raw.source, line) for raw, _ in raws for line in raw.skipped_lines]
    con.register(
        "ragged",
        pa.table(
            {
                "file": pa.array([r[0] for r in ragged], pa.string()),
                "baris": pa.array([r[1] for r in ragged], pa.int64()),
            }
        ),
    )
    before = [(raw.source, *r) for raw, _ in raws for r in raw.rejected]
    con.register(
        "ditolak_awal",
        pa.table(
            {
                "file": pa.array([r[0] for r in before], pa.string()),
                "baris": pa.array([r[1] for r in before], pa.int64()),
                "kolom": pa.array([r[2] for r in before], pa.string()),
                "alasan": pa.array([r[3] for r in before], pa.string()),
                "nilai": pa.array([r[4] for r in before], pa.string()),
            }
        ),
    )
    decoded = _decoded(raws)
    con.register(
        "decoded",
        pa.table(
            {
                "file": pa.array([d[0] for d in decoded], pa.string()),
                "baris": pa.array([d[1] for d in decoded], pa.int64()),
                "kolom": pa.array([d[2] for d in decoded], pa.string()),
                "alasan": pa.array([d[3] for d in decoded], pa.string()),
            }
        ),
    )
    con.execute(
        "COPY ("
        "SELECT _file AS file, _baris AS baris, 'ditolak' AS tingkat, _tolak.kolom AS kolom, "
        "_tolak.alasan AS alasan, _tolak.nilai AS nilai FROM hasil WHERE _tolak IS NOT NULL "
        "UNION ALL SELECT _file, _baris, 'ditolak', "
        f"{q(dup_col)}, 'duplikat dalam file', CAST(v_{dup_col} AS VARCHAR) FROM hasil WHERE _urut > 1 "
        "UNION ALL SELECT file, baris, 'ditolak', NULL, 'jumlah kolom tidak sesuai judul', NULL FROM ragged "
        "UNION ALL SELECT file, baris, 'ditolak', kolom, alasan, nilai FROM ditolak_awal "
        "UNION ALL SELECT _file, _baris, 'peringatan', split_part(w, chr(31), 1), split_part(w, chr(31), 2), NULL "
        "FROM (SELECT _file, _baris, unnest(string_split(_peringatan, '|')) AS w FROM hasil "
        "WHERE _peringatan <> '') "
        "UNION ALL SELECT file, baris, 'peringatan', kolom, alasan, NULL FROM decoded ORDER BY 1, 2"
        f") TO {q(ntmp)} (FORMAT parquet)"
    )
    lake.commit_file(ntmp, notes)
    lake.commit_file(tmp, final)


def _decoded(raws) -> list[tuple[str, int, str, str]]:
    """(file, line, column, reason) of each field of a UTF-8 file that was not UTF-8 and was
    decoded on its own (read.py), as warnings: its text may be spelt wrong."""
    out = []
    for raw, m in raws:
        names = {col: name for name, (col, _) in m.fields.items()}
        names.update({col: header for col, header in m.extra})
        names.update({col: flag for col, flag in m.flags})
        for line, j, encoding in raw.decoded:
            reason = f"teks bukan UTF-8; dibaca sebagai {encoding}, periksa ejaannya"
            out.append((raw.source, line, names.get(f"c{j}", raw.headers[j]), reason))
    return out


def _decode_summary(raws) -> dict[str, int]:
    """One warning per file and encoding, naming its rows, so the summary says where to look."""
    rows: dict[tuple[str, str], list[int]] = {}
    for source, line, _, reason in _decoded(raws):
        rows.setdefault((source, reason), []).append(line)
    out = {}
    for (source, reason), lines in rows.items():
        lines = sorted(set(lines))
        shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        out[f"{reason} ({source} baris {shown})"] = len(lines)
    return out


def _summarise(con, summary: ImportSummary, ragged: int) -> None:
    n, ok = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE _tolak IS NULL AND _urut = 1) FROM hasil"
    ).fetchall()[0]
    summary.read = n + ragged
    summary.accepted = ok
    summary.rejected = summary.read - ok
    reasons = con.execute(
        "SELECT alasan, count(*) FROM ("
        "SELECT _tolak.alasan AS alasan FROM hasil WHERE _tolak IS NOT NULL "
        "UNION ALL SELECT 'duplikat dalam file' FROM hasil WHERE _urut > 1) GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    summary.reasons = {r: c for r, c in reasons}
    if ragged:
        summary.reasons["jumlah kolom tidak sesuai judul"] = ragged
    warnings = con.execute(
        "SELECT split_part(w, chr(31), 2), count(*) FROM (SELECT unnest(string_split(_peringatan, '|')) AS w "
        "FROM hasil WHERE _peringatan <> '') GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    summary.warnings = {w: c for w, c in warnings}


def notes_table(data_dir: Path, batch: str):
    """Rejects and warnings of one batch, as a DataFrame (for the Data page download)."""
    path = Lake(data_dir).notes_path(batch)
    if not path.exists():
        return None
    con = duckdb.connect()
    try:
        return con.execute(f"SELECT * FROM read_parquet({q(path)})").df()
    finally:
        con.close()


def summary_json(summary: ImportSummary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False)

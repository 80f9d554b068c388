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

from pantau.config import duckdb_memory_limit, duckdb_threads
from pantau.contract import DATASETS, PERIODE_RE, Dataset, norm_header, program_flag_name
from pantau.errors import PantauError, UnusableFile
from pantau.ingest import region
from pantau.ingest.read import RawTable, read_table
from pantau.ingest.rules import bool_expr, label, q, rule_for
from pantau.lake import Lake, new_batch_id

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

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Mapping:
    """Which raw column feeds which canonical field, programme flag or the `extra` JSON."""

    fields: dict[str, tuple[str, str]]  # field name -> (raw column, header key)
    flags: list[tuple[str, str]]  # (raw column, programme)
    extra: list[tuple[str, str]]  # (raw column, header text)


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
            f"Kolom wajib tidak ada di {raw.source}: {names}; tambahkan kolom itu "
            f"(nama lain yang diterima tercantum di DATA-CONTRACT) lalu impor lagi."
        )
    for group in ds.one_of:
        if not any(g in fields for g in group):
            raise UnusableFile(
                f"File {raw.source} harus memuat salah satu kolom {' atau '.join(group)}; "
                "tambahkan kolom itu lalu impor lagi."
            )
    return Mapping(fields, flags, extra)


def import_files(paths, jenis: str, periode: str, data_dir: Path, progress=None) -> ImportSummary:
    """Import `paths` as one batch of dataset `jenis` for `periode`; the batch becomes current."""
    ds = _dataset(jenis)
    if not PERIODE_RE.match(str(periode)):
        raise PantauError(
            f"Periode '{periode}' tidak valid; tulis sebagai YYYY-MM, misalnya 2024-06."
        )
    paths = [Path(p) for p in paths]
    if not paths:
        raise PantauError("Tidak ada file yang diimpor.")
    say = progress or (lambda _msg: None)
    raws = []
    for p in paths:
        say(f"Membaca {p.name}")
        raw = read_table(p, ds)
        raws.append((raw, map_columns(raw, ds)))
    lake = Lake(data_dir)
    with lake.locked():
        batch = new_batch_id()
        summary = ImportSummary(jenis, periode, batch, [p.name for p in paths])
        say("Memeriksa baris")
        _run(lake, ds, periode, batch, raws, summary)
        say("Menyimpan")
        lake.add_batch(
            jenis,
            periode,
            {
                "batch": batch,
                "file": lake.batch_path(jenis, periode, batch).relative_to(lake.root).as_posix(),
                "notes": lake.notes_path(batch).relative_to(lake.data_dir).as_posix(),
                "rows": summary.accepted,
                "read": summary.read,
                "rejected": summary.rejected,
                "reasons": summary.reasons,
                "warnings": summary.warnings,
                "imported_at": dt.datetime.now().isoformat(timespec="seconds"),
                "sources": summary.files,
            },
        )
    return summary


def _dataset(jenis: str) -> Dataset:
    if jenis not in DATASETS:
        raise PantauError(
            f"Jenis data '{jenis}' tidak dikenal; pilih salah satu: {', '.join(DATASETS)}."
        )
    return DATASETS[jenis]


def _connect(data_dir: Path) -> duckdb.DuckDBPyConnection:
    tmp = Path(data_dir) / ".tmp-duckdb"
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
            con.register(f"raw_{i}", table)
            _register_region_maps(con, i, mapping)
            parts.append(_file_sql(ds, i, raw.source, mapping))
            ragged += len(raw.skipped_lines)
            _count_skipped(con, i, raw, mapping, summary)
        _materialise(con, ds, parts)
        _write_outputs(con, lake, ds, periode, batch, raws)
        _summarise(con, summary, ragged)
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
    return str(err).splitlines()[0][:200]


# --- per-file SQL --------------------------------------------------------------------------


def _trim(col: str) -> str:
    return f"NULLIF(trim({col}), '')"


def _register_region_maps(con, i: int, mapping: Mapping) -> None:
    """Map each distinct raw kelurahan / code / kecamatan value once, in Python."""
    specs = {
        "kode_kel": region.kelurahan_by_code,
        "kelurahan": region.kelurahan_by_name,
        "kecamatan": region.kecamatan_code,
    }
    for name, fn in specs.items():
        if name not in mapping.fields:
            continue
        col = mapping.fields[name][0]
        values = [
            r[0] for r in con.execute(f"SELECT DISTINCT {_trim(col)} FROM raw_{i}").fetchall()
        ]
        values = [v for v in values if v is not None]
        hint = [
            ", ".join(region.suggestions(v)) if name == "kelurahan" and fn(v) is None else None
            for v in values
        ]
        con.register(
            f"map_{name}_{i}",
            pa.table(
                {
                    "raw": pa.array(values, pa.string()),
                    "kode": pa.array([fn(v) for v in values], pa.string()),
                    "saran": pa.array(hint, pa.string()),
                }
            ),
        )


def _file_sql(ds: Dataset, i: int, source: str, m: Mapping) -> str:
    """SELECT over raw_i giving _file, _baris, v_<field>…, _tolak (struct) and _peringatan."""
    values: dict[str, str] = {}
    rejects: list[tuple[str, str, str, str]] = []  # (condition, column, reason, raw value)
    warnings: list[tuple[str, str, str]] = []
    for f in ds.fields:
        if f.name not in m.fields:
            values[f.name] = f"CAST(NULL AS {f.sql_type})"
            continue
        col, key = m.fields[f.name]
        raw = _trim(f"r.{col}")
        if f.kind in ("kode_kel", "kelurahan", "kecamatan", "program"):
            continue
        rule = rule_for(f, raw, key)
        values[f.name] = rule.value
        rejects += [(c, f.name, reason, raw) for c, reason in rule.rejects]
        warnings += [(c, f.name, reason) for c, reason in rule.warnings]
    joins = []
    if ds.name in REGION_DATASETS:
        joins += _region(values, rejects, warnings, m, i)
    if "program" in m.fields:
        joins += _program(values, rejects, m)
    _cross_checks(ds, values, rejects, warnings, m)

    select = [f"{q(source)} AS _file", "r._baris AS _baris"]
    select += [f"{expr} AS v_{name}" for name, expr in values.items()]
    if ds.program_flags:
        flags = ", ".join(
            f"CASE WHEN {bool_expr(_trim('r.' + c))} THEN {q(p)} END" for c, p in m.flags
        )
        select.append(
            f"list_sort(list_distinct(list_filter([{flags}], lambda x: x IS NOT NULL)))::VARCHAR[] AS v_program_terdaftar"
            if m.flags
            else "CAST([] AS VARCHAR[]) AS v_program_terdaftar"
        )
    if m.extra:
        pairs = ", ".join(f"{q(h)}, {_trim('r.' + c)}" for c, h in _unique_headers(m.extra))
        select.append(f"CAST(json_object({pairs}) AS VARCHAR) AS v_extra")
    else:
        select.append("CAST(NULL AS VARCHAR) AS v_extra")
    tolak = " ".join(
        f"WHEN {cond} THEN {{'kolom': {q(col)}, 'alasan': {q(reason)}, 'nilai': CAST({raw} AS VARCHAR)}}"
        for cond, col, reason, raw in rejects
    )
    select.append(
        f"CASE {tolak} END AS _tolak"
        if rejects
        else "NULL::STRUCT(kolom VARCHAR, alasan VARCHAR, nilai VARCHAR) AS _tolak"
    )
    warn = ", ".join(
        f"CASE WHEN {cond} THEN {q(col + SEP + reason)} END" for cond, col, reason in warnings
    )
    select.append(f"concat_ws('|', {warn}) AS _peringatan" if warnings else "'' AS _peringatan")
    return f"SELECT {', '.join(select)} FROM raw_{i} r {' '.join(joins)} WHERE {_keep_row(i, m)}"


def _unique_headers(extra):
    seen: dict[str, int] = {}
    for col, header in extra:
        n = seen.get(header, 0)
        seen[header] = n + 1
        yield col, header if n == 0 else f"{header} ({n + 1})"


def _blank(m: Mapping, i: int) -> str:
    cols = [c for c, _ in m.fields.values()] + [c for c, _ in m.flags] + [c for c, _ in m.extra]
    return f"trim(concat({', '.join('r.' + c for c in cols)})) = ''"


def _total_row(m: Mapping) -> str:
    # The label sits in the file's first cells, often an unmapped "No" column: file order counts.
    cols = {c for c, _ in [*m.fields.values(), *m.flags, *m.extra]}
    first = sorted(cols, key=lambda c: int(c[1:]))[:3]
    cells = " || ' ' || ".join(f"coalesce(r.{c}, '')" for c in first)
    kk = m.fields.get("no_kk", m.fields.get("nik", (None, None)))[0]
    no_id = f"NOT regexp_full_match(coalesce(trim(r.{kk}), ''), '[0-9]{{16}}')" if kk else "true"
    return f"(regexp_matches({cells}, '^\\s*(grand\\s*)?(jumlah|total)\\b', 'i') AND {no_id})"


def _keep_row(i: int, m: Mapping) -> str:
    return f"NOT ({_blank(m, i)}) AND NOT {_total_row(m)}"


def _count_skipped(con, i: int, raw: RawTable, m: Mapping, summary: ImportSummary) -> None:
    blank, total = con.execute(
        f"SELECT count(*) FILTER (WHERE {_blank(m, i)}), "
        f"count(*) FILTER (WHERE NOT ({_blank(m, i)}) AND {_total_row(m)}) FROM raw_{i} r"
    ).fetchall()[0]
    for key, n in (("baris kosong", blank), ("baris total", total + raw.short_totals)):
        if n:
            summary.skipped[key] = summary.skipped.get(key, 0) + n


def _region(values, rejects, warnings, m: Mapping, i: int) -> list[str]:
    joins, by_code, by_name = [], "NULL", "NULL"
    if "kode_kel" in m.fields:
        raw = _trim(f"r.{m.fields['kode_kel'][0]}")
        joins.append(f"LEFT JOIN map_kode_kel_{i} mk ON mk.raw = {raw}")
        by_code = "mk.kode"
        rejects.append(
            (
                f"{raw} IS NOT NULL AND mk.kode IS NULL AND {_name_code(m)} IS NULL",
                "kode_kel",
                "kode kelurahan tidak dikenal",
                raw,
            )
        )
        warnings.append(
            (
                f"{raw} IS NOT NULL AND mk.kode IS NULL AND {_name_code(m)} IS NOT NULL",
                "kode_kel",
                "kode kelurahan tidak dikenal; dipakai nama kelurahan",
            )
        )
    if "kelurahan" in m.fields:
        raw = _trim(f"r.{m.fields['kelurahan'][0]}")
        joins.append(f"LEFT JOIN map_kelurahan_{i} mn ON mn.raw = {raw}")
        by_name = "mn.kode"
        rejects.append(
            (
                f"{raw} IS NOT NULL AND mn.kode IS NULL AND ({by_code}) IS NULL",
                "kelurahan",
                "kelurahan tidak dikenal",
                f"{raw} || coalesce(' (mungkin: ' || mn.saran || ')', '')",
            )
        )
        rejects.append(
            (
                f"({by_code}) IS NOT NULL AND mn.kode IS NOT NULL AND ({by_code}) <> mn.kode",
                "kelurahan",
                "kode kelurahan tidak cocok dengan nama kelurahan",
                raw,
            )
        )
    kode = f"coalesce({by_code}, {by_name})"
    rejects.insert(
        0, (f"{kode} IS NULL AND {_raw_region_null(m)}", "kelurahan", "kelurahan kosong", "NULL")
    )
    values["kode_kel"] = kode
    values["kode_kec"] = f"substr({kode}, 1, 8)"
    values["kelurahan"] = f"(SELECT kelurahan FROM ref_wilayah w WHERE w.kode_kel = {kode})"
    if "kecamatan" in m.fields:
        raw = _trim(f"r.{m.fields['kecamatan'][0]}")
        joins.append(f"LEFT JOIN map_kecamatan_{i} mc ON mc.raw = {raw}")
        rejects.append(
            (f"{raw} IS NOT NULL AND mc.kode IS NULL", "kecamatan", "kecamatan tidak dikenal", raw)
        )
        rejects.append(
            (
                f"mc.kode IS NOT NULL AND {kode} IS NOT NULL AND mc.kode <> substr({kode}, 1, 8)",
                "kecamatan",
                "kecamatan tidak sesuai dengan kelurahan",
                raw,
            )
        )
    values["kecamatan"] = (
        f"(SELECT kecamatan FROM ref_kecamatan k WHERE k.kode_kec = substr({kode}, 1, 8))"
    )
    return joins


def _name_code(m: Mapping) -> str:
    return "mn.kode" if "kelurahan" in m.fields else "NULL"


def _raw_region_null(m: Mapping) -> str:
    cols = [m.fields[n][0] for n in ("kode_kel", "kelurahan") if n in m.fields]
    return " AND ".join(f"{_trim('r.' + c)} IS NULL" for c in cols)


def _program(values, rejects, m: Mapping) -> list[str]:
    raw = _trim(f"r.{m.fields['program'][0]}")
    key = f"regexp_replace(lower({raw}), '\\s+', ' ', 'g')"
    values["program"] = "coalesce(pa.program, pr.program)"
    rejects.insert(0, (f"{raw} IS NULL", "program", "program kosong", "NULL"))
    rejects.append(
        (
            f"{raw} IS NOT NULL AND pa.program IS NULL AND pr.program IS NULL",
            "program",
            "program tidak dikenal",
            raw,
        )
    )
    return [
        f"LEFT JOIN ref_program_alias pa ON pa.alias = {key}",
        f"LEFT JOIN ref_program pr ON lower(pr.program) = {key}",
    ]


def _cross_checks(ds: Dataset, values, rejects, warnings, m: Mapping) -> None:
    if "pengeluaran_pangan" in m.fields and "pengeluaran_bulanan" in m.fields:
        rejects.append(
            (
                f"{values['pengeluaran_pangan']} > {values['pengeluaran_bulanan']}",
                "pengeluaran_pangan",
                "pengeluaran pangan melebihi total pengeluaran",
                "NULL",
            )
        )
    if ds.name == "verval":
        rejects.append(
            (
                f"{values['hasil']} = 'tidak memenuhi' AND {values['alasan']} IS NULL",
                "alasan",
                "alasan kosong untuk hasil tidak memenuhi",
                "NULL",
            )
        )
    if ds.name == "penyaluran":
        rejects.insert(
            0,
            (
                f"{values['no_kk']} IS NULL AND {values['nik']} IS NULL "
                f"AND {_raw_null(m, 'no_kk')} AND {_raw_null(m, 'nik')}",
                "no_kk",
                "No KK dan NIK kosong",
                "NULL",
            ),
        )
    nik = "nik_kepala" if "nik_kepala" in values else "nik"
    if nik in m.fields:
        v = values[nik]
        day = f"TRY_CAST(substr({v}, 7, 2) AS INTEGER)"
        if "jenis_kelamin" in m.fields:
            sex = f"CASE WHEN {day} > 40 THEN 'P' ELSE 'L' END"
            warnings.append(
                (
                    f"{values['jenis_kelamin']} <> {sex}",
                    "jenis_kelamin",
                    f"jenis kelamin tidak sesuai {label(nik)}",
                )
            )
        if "tanggal_lahir" in m.fields:
            born = f"lpad(CAST({day} % 40 AS VARCHAR), 2, '0') || substr({v}, 9, 4)"
            warnings.append(
                (
                    f"strftime({values['tanggal_lahir']}, '%d%m%y') <> {born}",
                    "tanggal_lahir",
                    f"tanggal lahir tidak sesuai {label(nik)}",
                )
            )


def _raw_null(m: Mapping, name: str) -> str:
    return f"{_trim('r.' + m.fields[name][0])} IS NULL" if name in m.fields else "true"


# --- whole batch ---------------------------------------------------------------------------


def _register_reference(con) -> None:
    from pantau.config import REFERENCE_DIR
    from pantau.geo import wilayah

    ref = wilayah()
    con.register("ref_wilayah", ref[["kode_kel", "kelurahan", "kode_kec", "kecamatan"]])
    con.register("ref_kecamatan", ref[["kode_kec", "kecamatan"]].drop_duplicates())
    con.execute(
        f"CREATE TEMP TABLE ref_program AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program.csv')}, all_varchar=true)"
    )
    con.execute(
        f"CREATE TEMP TABLE ref_program_alias AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program_alias.csv')}, all_varchar=true)"
    )


def _materialise(con, ds: Dataset, parts: list[str]) -> None:
    _register_reference(con)
    keys = ", ".join(f"v_{k}" for k in ds.unique)
    con.execute(
        "CREATE TEMP TABLE hasil AS SELECT *, CASE WHEN _tolak IS NULL THEN "
        f"row_number() OVER (PARTITION BY _tolak IS NULL, {keys} ORDER BY _file, _baris) END AS _urut "
        f"FROM ({' UNION ALL '.join(parts)})"
    )


def output_columns(ds: Dataset) -> list[str]:
    cols = ds.columns[:]
    if ds.name in REGION_DATASETS:
        cols.insert(cols.index("kelurahan"), "kode_kec")
    return [*cols, "extra"]


def _write_outputs(con, lake: Lake, ds: Dataset, periode: str, batch: str, raws) -> None:
    final = lake.batch_path(ds.name, periode, batch)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / f".tmp-{batch}.parquet"
    cols = ", ".join(f"v_{c} AS {c}" for c in output_columns(ds))
    con.execute(
        f"COPY (SELECT {cols}, {q(periode)} AS periode FROM hasil WHERE _tolak IS NULL AND _urut = 1) "
        f"TO {q(tmp)} (FORMAT parquet, COMPRESSION zstd)"
    )
    notes = lake.notes_path(batch)
    notes.parent.mkdir(parents=True, exist_ok=True)
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
    con.execute(
        "COPY ("
        "SELECT _file AS file, _baris AS baris, 'ditolak' AS tingkat, _tolak.kolom AS kolom, "
        "_tolak.alasan AS alasan, _tolak.nilai AS nilai FROM hasil WHERE _tolak IS NOT NULL "
        "UNION ALL SELECT _file, _baris, 'ditolak', "
        f"{q(dup_col)}, 'duplikat dalam file', CAST(v_{dup_col} AS VARCHAR) FROM hasil WHERE _urut > 1 "
        "UNION ALL SELECT file, baris, 'ditolak', NULL, 'jumlah kolom tidak sesuai judul', NULL FROM ragged "
        "UNION ALL SELECT _file, _baris, 'peringatan', split_part(w, chr(31), 1), split_part(w, chr(31), 2), NULL "
        "FROM (SELECT _file, _baris, unnest(string_split(_peringatan, '|')) AS w FROM hasil "
        "WHERE _peringatan <> '') ORDER BY 1, 2"
        f") TO {q(ntmp)} (FORMAT parquet)"
    )
    lake.commit_file(ntmp, notes)
    lake.commit_file(tmp, final)


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

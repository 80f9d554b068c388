"""Plan the checks: the per-file SQL that parses every mapped cell, applies the contract's
rules (rules.py) and region checks (region_sql.py), and gives each row its first reject and
its warnings."""

from __future__ import annotations

from pantau import wilayah
from pantau.contract import Dataset, Field
from pantau.ingest import region, region_sql
from pantau.ingest.mapping import Mapping
from pantau.ingest.read import RawTable
from pantau.ingest.rules import (
    PROVINCES,
    Sql,
    bool_expr,
    in_list,
    label,
    penyaluran_date_warnings,
    q,
    rule_for,
    trimmed,
)
from pantau.ingest.summary import ImportSummary

SEP = "\x1f"  # joins a warning's column and reason in one string

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


def _used_columns(m: Mapping) -> list[str]:
    """The raw columns the mapping reads (fields, programme flags, extra), in file order."""
    cols = {c for c, _ in [*m.fields.values(), *m.flags, *m.extra]}
    return sorted(cols, key=lambda c: int(c[1:]))


def register_lookups(con, ds: Dataset, i: int, m: Mapping, rows: int) -> set[str]:
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
    base = f"SELECT raw, {trimmed('raw')} AS k FROM (SELECT DISTINCT {col} AS raw FROM raw_{i})"
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
        f"CASE WHEN {bool_expr(trimmed(f'f{j}'))} THEN {q(p)} END"
        for j, (_, p) in enumerate(m.flags)
    )
    con.execute(
        f"CREATE TEMP TABLE lk_{i}_flags AS SELECT *, "
        f"list_sort(list_distinct(list_filter([{flags}], lambda x: x IS NOT NULL)))::VARCHAR[] AS v "
        f"FROM (SELECT DISTINCT {cols} FROM raw_{i})"
    )


def file_sql(
    ds: Dataset, i: int, source: str, m: Mapping, looked_up: set[str], periode: str = ""
) -> str:
    """SELECT over raw_i giving _file, _baris, v_<field>…, _tolak (struct) and _peringatan.

    Long because it assembles the stages s1–s4 (above) in one place: each stage reads the
    columns the one before it names, and splitting them would scatter those names.
    """
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
    if ds.name in region_sql.REGION_DATASETS:
        joins += region_sql.checks(values, prep, rejects, warnings, m, i)
    if "program" in m.fields:
        joins += _program(values, prep, rejects, m)
    _cross_checks(ds, rejects, warnings, m, periode)

    as_read = {
        m.fields[n][0] for n in (*looked_up, "kode_kel", "kelurahan", "kecamatan") if n in m.fields
    }
    as_read |= {c for c, _ in m.flags}
    as_read |= {c for c, _ in m.extra}  # trimmed where they enter the JSON, below
    cells = [
        f"r.{c} AS {c}" if c in as_read else f"{trimmed('r.' + c)} AS {c}" for c in _used_columns(m)
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
    # are (a trimmed per column makes DuckDB's planning grow with the square of their number).
    extra = {c for c, _ in m.extra}
    mapped = [trimmed("r." + c) for c in _used_columns(m) if c not in extra]
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
    return f"(CASE WHEN regexp_full_match(coalesce({trimmed(f'r.{kk}')}, ''), '[0-9]{{16}}') THEN false ELSE {label} END)"


def _keep_row(i: int) -> str:
    return f"r._baris NOT IN (SELECT _baris FROM skip_{i})"


def skip_rows(con, i: int, raw: RawTable, m: Mapping, summary: ImportSummary) -> None:
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
    v_<field> of stage s3. Long as a list of independent checks is: one block per check."""
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

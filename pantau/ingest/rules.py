"""The contract's rules as DuckDB SQL: how each kind of raw text is parsed and checked.

Every check is vectorised SQL over the whole file, so a million rows validate in seconds.
A rule returns the parsed value expression plus ordered (condition, reason) checks; the
first failing reject check names the row's reason, and every warning check is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pantau.contract import CODEBOOKS, NO, YES, Field, norm_header

PROVINCES = [
    "11",
    "12",
    "13",
    "14",
    "15",
    "16",
    "17",
    "18",
    "19",
    "21",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "51",
    "52",
    "53",
    "61",
    "62",
    "63",
    "64",
    "65",
    "71",
    "72",
    "73",
    "74",
    "75",
    "76",
    "81",
    "82",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
    "97",
]

# Region box around Kota Pasuruan, with a margin of about 5 km.
LAT_RANGE = (-7.74, -7.56)
LON_RANGE = (112.82, 113.00)

LABELS = {
    "nik": "NIK",
    "nik_kepala": "NIK kepala keluarga",
    "no_kk": "No KK",
}


def label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " "))


def q(text: str) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def in_list(expr: str, values) -> str:
    return f"{expr} IN ({', '.join(q(v) for v in sorted(values))})"


def key_expr(raw: str) -> str:
    """Lower-case letters and digits only, as norm_header does in Python."""
    return f"regexp_replace(lower({raw}), '[^0-9a-z]', '', 'g')"


class Sql(str):
    """A reason that is an SQL expression (chosen per row), not a literal text."""


@dataclass
class Rule:
    """A field's parsed value and its checks, as SQL over the stages of one file's SELECT.

    `prep` expressions over the trimmed raw cell are computed first, each once, under the
    column names the builder was given; `value` may use them; the checks may use them and
    the value column too. So a cleaned NIK is built once per row, not once per check.
    """

    value: str  # SQL expression of the parsed value
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (condition, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    prep: dict[str, str] = field(default_factory=dict)  # column name -> expression over raw


def rule_for(f: Field, raw: str, header_key: str = "", p: str = "", v: str = "") -> Rule:
    """The rule of field `f` over raw text column `raw` (already trimmed, '' → NULL).

    `p` names the rule's prep column (and prefixes any further ones) and `v` names the
    column its value is computed into; both default to names derived from the field.
    """
    builder = {
        "text": _text,
        "nik": _nik,
        "kk": _kk,
        "date": _date,
        "int": _int,
        "desil": _desil,
        "bool": _bool,
        "rupiah": _rupiah,
        "float": _float,
        "sex": _sex,
        "rtrw": _rtrw,
        "enum": _enum,
        "code": _code,
    }[f.kind]
    rule = builder(f, raw, header_key, p or f"p_{f.name}", v or f"v_{f.name}")
    if f.required:
        rule.rejects.insert(0, (f"{raw} IS NULL", f"{label(f.name)} kosong"))
    return rule


def _text(f, raw, _, p, v):
    return Rule(raw)


# Spaces and the apostrophe Excel users type to keep digits as text are not part of an ID.
IDENT_NOISE = " \t\n\r\f'`’"


def _ident(raw: str) -> str:
    return f"translate({raw}, {q(IDENT_NOISE)}, '')"


def _ident_checks(name: str, raw: str, s: str, v: str) -> list[tuple[str, str]]:
    """Why the cleaned ID `s` is not 16 digits, asked in one check only when the value `v` is
    NULL (so `s` is only built for those rows); then whether a valid one's region code is."""
    what = label(name)
    # Exhaustive: all digits but not 16 of them falls through to the last reason.
    why = (
        f"CASE WHEN regexp_full_match({s}, '[0-9]([.,][0-9]+)?[eE][+]?[0-9]+') "
        f"THEN {q(f'{what} dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks')} "
        f"WHEN regexp_full_match({s}, '[0-9]+[.,][0-9]+') "
        f"THEN {q(f'{what} tersimpan sebagai angka desimal; ekspor ulang kolom ini sebagai teks')} "
        f"WHEN NOT regexp_full_match({s}, '[0-9]+') THEN {q(f'{what} berisi karakter selain angka')} "
        f"WHEN length({s}) = 15 THEN {q(f'{what} hanya 15 digit (digit ke-16 hilang)')} "
        f"ELSE {q(f'{what} tidak 16 digit')} END"
    )
    return [
        (f"{v} IS NULL AND {raw} IS NOT NULL", Sql(why)),
        (
            f"NOT ({in_list(f'substr({v}, 1, 2)', PROVINCES)} AND substr({v}, 3, 2) <> '00')",
            f"kode wilayah {what} tidak valid",
        ),
    ]


def _ident_rule(f, raw, p, v, checks=()) -> Rule:
    """A 16-digit ID. Nearly every cell already is one: `p` (one regex) says so, and the
    cleaned text is only built for the others."""
    s = _ident(raw)
    return Rule(
        f"CASE WHEN {p} THEN {raw} WHEN regexp_full_match({s}, '[0-9]{{16}}') THEN {s} END",
        _ident_checks(f.name, raw, s, v) + list(checks),
        prep={p: f"regexp_full_match({raw}, '[0-9]{{16}}')"},
    )


def _kk(f, raw, _, p, v):
    return _ident_rule(f, raw, p, v)


def _nik(f, raw, _, p, v):
    day = f"TRY_CAST(substr({v}, 7, 2) AS INTEGER)"
    month = f"TRY_CAST(substr({v}, 9, 2) AS INTEGER)"
    return _ident_rule(
        f,
        raw,
        p,
        v,
        [
            (f"substr({v}, 5, 2) = '00'", f"kode kecamatan {label(f.name)} tidak valid"),
            (
                f"NOT (({day} BETWEEN 1 AND 31 OR {day} BETWEEN 41 AND 71) AND {month} BETWEEN 1 AND 12)",
                f"tanggal lahir dalam {label(f.name)} tidak valid",
            ),
            (f"substr({v}, 13, 4) = '0000'", f"nomor urut {label(f.name)} 0000"),
        ],
    )


def _date(f, raw, _, p, v):
    s = raw
    # The common text forms first; a bare year and an Excel serial (which overlap) last.
    parsed = (
        "COALESCE("
        f"TRY_CAST(try_strptime({s}, '%d/%m/%Y') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%Y-%m-%d') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d-%m-%Y') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d/%m/%Y %-H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d-%m-%Y %-H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%Y-%m-%d %H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d.%m.%Y') AS DATE), "
        f"CASE WHEN regexp_full_match({s}, '(19|20)[0-9]{{2}}') THEN make_date(CAST({s} AS INTEGER), 1, 1) END, "
        f"CASE WHEN regexp_full_match({s}, '[1-9][0-9]{{3,4}}([.][0-9]+)?') "
        f"THEN CAST(DATE '1899-12-30' + CAST(floor(CAST({s} AS DOUBLE)) AS INTEGER) AS DATE) END)"
    )
    value = f"CASE WHEN {p} BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN {p} END"
    bad = (f"{raw} IS NOT NULL AND {v} IS NULL", f"{label(f.name)} bukan tanggal yang terbaca")
    if f.required:
        return Rule(value, [bad], prep={p: parsed})
    return Rule(value, warnings=[bad], prep={p: parsed})


def _number(raw: str) -> str:
    # Plain digits (nearly every cell) cast directly; "4,0" and "4.00" take the slower path.
    slow = f"TRY_CAST(regexp_replace(replace({raw}, ',', '.'), '[.]0+$', '') AS INTEGER)"
    return f"coalesce(TRY_CAST({raw} AS INTEGER), {slow})"


def _int(f, raw, _, p, v):
    return Rule(
        p,
        [
            (f"{raw} IS NOT NULL AND {v} IS NULL", f"{label(f.name)} bukan bilangan bulat"),
            (f"{v} < 1", f"{label(f.name)} kurang dari 1"),
        ],
        prep={p: _number(raw)},
    )


def _desil(f, raw, header_key, p, v):
    n = p
    if header_key in ("percentile", "persentil"):
        value = f"CAST(greatest(1, ceil({n} / 10)) AS INTEGER)"
        ok = f"{n} BETWEEN 0 AND 100"
    else:
        value = f"CAST({n} AS INTEGER)"
        ok = f"{n} BETWEEN 1 AND 10 AND {n} = floor({n})"
    return Rule(
        f"CASE WHEN {ok} THEN {value} END",
        warnings=[(f"{raw} IS NOT NULL AND {v} IS NULL", "desil di luar 1-10")],
        prep={p: f"TRY_CAST(replace({raw}, ',', '.') AS DOUBLE)"},
    )


def bool_expr(raw: str) -> str:
    return _bool_of(key_expr(raw))


def _bool_of(k: str) -> str:
    return f"CASE WHEN {in_list(k, YES)} THEN true WHEN {in_list(k, NO)} THEN false END"


def _bool(f, raw, _, p, v):
    return Rule(
        _bool_of(p),
        warnings=[(f"{raw} IS NOT NULL AND {v} IS NULL", f"{label(f.name)} bukan ya/tidak")],
        prep={p: key_expr(raw)},
    )


def rupiah_expr(raw: str) -> str:
    """Rupiah text in any of the usual forms, as a positive number (the sign is checked apart)."""
    return _rupiah_value(_rupiah_clean(raw))


def _rupiah_clean(raw: str) -> str:
    """The digits and separators of a rupiah text: no Rp/IDR, spaces, trailing ',-' or sign."""
    slow = f"regexp_replace(regexp_replace(lower({raw}), '(rp\\.?|idr|\\s|,-$|[.]-$)', '', 'g'), '^[-(]+|[)]$', '', 'g')"
    return f"CASE WHEN regexp_full_match({raw}, '[0-9]+') THEN {raw} ELSE {slow} END"


def _rupiah_value(s: str) -> str:
    return (
        "TRY_CAST(CASE "
        f"WHEN regexp_full_match({s}, '[0-9]+') THEN {s} "
        f"WHEN regexp_full_match({s}, '[0-9]{{1,3}}([.][0-9]{{3}})+(,[0-9]*)?') "
        f"THEN replace(replace({s}, '.', ''), ',', '.') "
        f"WHEN regexp_full_match({s}, '[0-9]{{1,3}}(,[0-9]{{3}})+([.][0-9]*)?') THEN replace({s}, ',', '') "
        f"WHEN regexp_full_match({s}, '[0-9]+([.,][0-9]+)?') THEN replace({s}, ',', '.') "
        "END AS DOUBLE)"
    )


def _rupiah(f, raw, _, p, v):
    negative = f"regexp_matches({raw}, '^\\s*(-|\\(|rp\\.?\\s*-)', 'i')"
    return Rule(
        _rupiah_value(p),
        [
            (f"{raw} IS NOT NULL AND {v} IS NULL", f"{label(f.name)} bukan nilai rupiah"),
            (f"{raw} IS NOT NULL AND {negative}", "nilai uang negatif"),
        ],
        prep={p: _rupiah_clean(raw)},
    )


def region_box() -> tuple[tuple[float, float], tuple[float, float], str]:
    """(lat range, lon range, name) of the import's region: Kota Pasuruan's box above, else
    the box of the region's desa/kelurahan centroids with a margin of about 5 km."""
    from pantau import wilayah
    from pantau.ingest import region

    kode = region.aktif()
    if kode == wilayah.BAWAAN:
        return LAT_RANGE, LON_RANGE, wilayah.PASURUAN.nama
    lat = [float(r["lat"]) for r in region.wilayah() if r["lat"]]
    lon = [float(r["lon"]) for r in region.wilayah() if r["lon"]]
    m = 0.05
    box_lat = (round(min(lat) - m, 3), round(max(lat) + m, 3))
    box_lon = (round(min(lon) - m, 3), round(max(lon) + m, 3))
    return box_lat, box_lon, wilayah.cari(kode).nama


def _float(f, raw, _, p, v):
    box_lat, box_lon, nama = region_box()
    lo, hi = box_lat if f.name == "lat" else box_lon
    return Rule(
        f"CASE WHEN {p} BETWEEN {lo} AND {hi} THEN {p} END",
        warnings=[(f"{raw} IS NOT NULL AND {v} IS NULL", f"koordinat di luar {nama}")],
        prep={p: f"TRY_CAST(replace({raw}, ',', '.') AS DOUBLE)"},
    )


def _sex(f, raw, _, p, v):
    male = {"l", "lk", "lakilaki", "laki", "1", "pria", "m", "male"}
    female = {"p", "pr", "perempuan", "2", "wanita", "f", "female"}
    value = f"CASE WHEN {in_list(p, male)} THEN 'L' WHEN {in_list(p, female)} THEN 'P' END"
    return Rule(
        value,
        warnings=[(f"{raw} IS NOT NULL AND {v} IS NULL", "jenis kelamin tidak dikenal")],
        prep={p: key_expr(raw)},
    )


def _rtrw(f, raw, _, p, v):
    # TRY_CAST: an absurd run of digits leaves the cell empty instead of failing the import.
    return Rule(
        f"CASE WHEN {p} <> '' THEN CAST(TRY_CAST({p} AS BIGINT) AS VARCHAR) END",
        prep={p: f"regexp_replace({raw}, '[^0-9]', '', 'g')"},
    )


def _enum(f, raw, _, p, v):
    k = p
    whens = " ".join(f"WHEN {k} = {q(key)} THEN {q(val)}" for key, val in f.values.items())
    fallback = q(f.values["lainnya"]) if "lainnya" in f.values else "NULL"
    value = f"CASE WHEN {raw} IS NULL THEN {q(f.default) if f.default else 'NULL'} {whens} ELSE {fallback} END"
    known = f"({k} IN ({', '.join(q(x) for x in f.values)}))"
    unknown = f"{raw} IS NOT NULL AND NOT {known}"
    reason = f"{label(f.name)} tidak dikenal"
    prep = {p: key_expr(raw)}
    if f.required and fallback == "NULL":
        return Rule(value, [(unknown, reason)], prep=prep)
    return Rule(value, warnings=[(unknown, reason)], prep=prep)


def _code(f, raw, _, p, v):
    book = CODEBOOKS[f.codebook]
    k, n = f"{p}_key", f"{p}_n"
    whens = " ".join(f"WHEN {k} = {q(norm_header(lbl))} THEN {code}" for code, lbl in book.items())
    value = f"CASE WHEN {n} IN ({', '.join(map(str, book))}) THEN {n} {whens} END"
    return Rule(
        value,
        warnings=[(f"{raw} IS NOT NULL AND {v} IS NULL", f"kode {label(f.name)} tidak dikenal")],
        prep={k: key_expr(raw), n: _number(raw)},
    )


def penyaluran_date_warnings(periode: str) -> list[tuple[str, str, str]]:
    """(condition, column, reason) for a payment dated far outside its export's period: more
    than 12 months before the period begins, or after it ends. Such a row is kept (an export
    may carry an old payment again, which the queries count once), but it often is a wrong year
    or a file imported under the wrong period, so the operator is told how many there are."""
    start = f"DATE {q(periode + '-01')}"
    return [
        (
            f"v_tanggal_salur < {start} - INTERVAL 12 MONTH",
            "tanggal_salur",
            "tanggal salur lebih dari 12 bulan sebelum periode ekspor; periksa tahunnya "
            "atau periode impornya",
        ),
        (
            f"v_tanggal_salur > last_day({start})",
            "tanggal_salur",
            "tanggal salur sesudah akhir periode ekspor; periksa tahunnya atau periode impornya",
        ),
    ]


def trimmed(col: str) -> str:
    """NULLIF(trim(col), ''). trim() only strips space separators (' ', NBSP, …), so a cell
    that starts and ends with an ASCII character other than ' ' (nearly all) is kept as it
    is, without the copy trim() makes."""
    edges = f"{col} LIKE ' %' OR {col} LIKE '% ' OR {col} >= chr(128) OR {col}[-1] >= chr(128)"
    return (
        f"CASE WHEN {edges} THEN NULLIF(trim({col}), '') WHEN {col} = '' THEN NULL ELSE {col} END"
    )

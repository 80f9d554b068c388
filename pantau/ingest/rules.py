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


@dataclass
class Rule:
    value: str  # SQL expression of the parsed value
    rejects: list[tuple[str, str]] = field(default_factory=list)  # (condition, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)


def rule_for(f: Field, raw: str, header_key: str = "") -> Rule:
    """The rule of field `f` over raw text column expression `raw` (already trimmed, '' → NULL)."""
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
    rule = builder(f, raw, header_key)
    if f.required:
        rule.rejects.insert(0, (f"{raw} IS NULL", f"{label(f.name)} kosong"))
    return rule


def _text(f, raw, _):
    return Rule(raw)


def _ident(raw: str) -> str:
    # Spaces and the apostrophe Excel users type to keep digits as text are not part of the ID.
    return f"regexp_replace({raw}, '[\\s''`’]', '', 'g')"


def _ident_checks(name: str, s: str) -> list[tuple[str, str]]:
    what = label(name)
    return [
        (
            f"regexp_full_match({s}, '[0-9]([.,][0-9]+)?[eE][+]?[0-9]+')",
            f"{what} dalam notasi ilmiah (angka Excel); ekspor ulang kolom ini sebagai teks",
        ),
        (
            f"regexp_full_match({s}, '[0-9]+[.,][0-9]+')",
            f"{what} tersimpan sebagai angka desimal; ekspor ulang kolom ini sebagai teks",
        ),
        (f"NOT regexp_full_match({s}, '[0-9]+')", f"{what} berisi karakter selain angka"),
        (f"length({s}) = 15", f"{what} hanya 15 digit (digit ke-16 hilang)"),
        (f"length({s}) <> 16", f"{what} tidak 16 digit"),
        (
            f"NOT ({in_list(f'substr({s}, 1, 2)', PROVINCES)} AND substr({s}, 3, 2) <> '00')",
            f"kode wilayah {what} tidak valid",
        ),
    ]


def _kk(f, raw, _):
    s = _ident(raw)
    checks = [
        (f"{raw} IS NOT NULL AND ({cond})", reason) for cond, reason in _ident_checks(f.name, s)
    ]
    return Rule(f"CASE WHEN regexp_full_match({s}, '[0-9]{{16}}') THEN {s} END", checks)


def _nik(f, raw, _):
    s = _ident(raw)
    day = f"TRY_CAST(substr({s}, 7, 2) AS INTEGER)"
    month = f"TRY_CAST(substr({s}, 9, 2) AS INTEGER)"
    checks = _ident_checks(f.name, s) + [
        (f"substr({s}, 5, 2) = '00'", f"kode kecamatan {label(f.name)} tidak valid"),
        (
            f"NOT (({day} BETWEEN 1 AND 31 OR {day} BETWEEN 41 AND 71) AND {month} BETWEEN 1 AND 12)",
            f"tanggal lahir dalam {label(f.name)} tidak valid",
        ),
        (f"substr({s}, 13, 4) = '0000'", f"nomor urut {label(f.name)} 0000"),
    ]
    checks = [(f"{raw} IS NOT NULL AND ({cond})", reason) for cond, reason in checks]
    return Rule(f"CASE WHEN regexp_full_match({s}, '[0-9]{{16}}') THEN {s} END", checks)


def _date(f, raw, _):
    s = raw
    parsed = (
        "COALESCE("
        f"CASE WHEN regexp_full_match({s}, '(19|20)[0-9]{{2}}') THEN make_date(CAST({s} AS INTEGER), 1, 1) END, "
        f"TRY_CAST(try_strptime({s}, '%Y-%m-%d') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d/%m/%Y') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d-%m-%Y') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d/%m/%Y %-H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d-%m-%Y %-H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%Y-%m-%d %H:%M:%S') AS DATE), "
        f"TRY_CAST(try_strptime({s}, '%d.%m.%Y') AS DATE), "
        f"CASE WHEN regexp_full_match({s}, '[1-9][0-9]{{3,4}}([.][0-9]+)?') "
        f"THEN CAST(DATE '1899-12-30' + CAST(floor(CAST({s} AS DOUBLE)) AS INTEGER) AS DATE) END)"
    )
    value = f"CASE WHEN {parsed} BETWEEN DATE '1900-01-01' AND DATE '2100-12-31' THEN {parsed} END"
    bad = (
        f"{raw} IS NOT NULL AND ({value}) IS NULL",
        f"{label(f.name)} bukan tanggal yang terbaca",
    )
    if f.required:
        return Rule(value, [bad])
    return Rule(value, warnings=[bad])


def _number(raw: str) -> str:
    return f"TRY_CAST(regexp_replace(replace({raw}, ',', '.'), '[.]0+$', '') AS INTEGER)"


def _int(f, raw, _):
    n = _number(raw)
    return Rule(
        n,
        [
            (f"{raw} IS NOT NULL AND {n} IS NULL", f"{label(f.name)} bukan bilangan bulat"),
            (f"{n} < 1", f"{label(f.name)} kurang dari 1"),
        ],
    )


def _desil(f, raw, header_key):
    n = f"TRY_CAST(replace({raw}, ',', '.') AS DOUBLE)"
    if header_key in ("percentile", "persentil"):
        value = f"CAST(greatest(1, ceil({n} / 10)) AS INTEGER)"
        ok = f"{n} BETWEEN 0 AND 100"
    else:
        value = f"CAST({n} AS INTEGER)"
        ok = f"{n} BETWEEN 1 AND 10 AND {n} = floor({n})"
    return Rule(
        f"CASE WHEN {ok} THEN {value} END",
        warnings=[(f"{raw} IS NOT NULL AND NOT coalesce({ok}, false)", "desil di luar 1-10")],
    )


def bool_expr(raw: str) -> str:
    k = key_expr(raw)
    return f"CASE WHEN {in_list(k, YES)} THEN true WHEN {in_list(k, NO)} THEN false END"


def _bool(f, raw, _):
    value = bool_expr(raw)
    return Rule(
        value,
        warnings=[(f"{raw} IS NOT NULL AND ({value}) IS NULL", f"{label(f.name)} bukan ya/tidak")],
    )


def rupiah_expr(raw: str) -> str:
    """Rupiah text in any of the usual forms, as a positive number (the sign is checked apart)."""
    s = f"regexp_replace(regexp_replace(lower({raw}), '(rp\\.?|idr|\\s|,-$|[.]-$)', '', 'g'), '^[-(]+|[)]$', '', 'g')"
    return (
        "TRY_CAST(CASE "
        f"WHEN regexp_full_match({s}, '[0-9]{{1,3}}([.][0-9]{{3}})+(,[0-9]*)?') "
        f"THEN replace(replace({s}, '.', ''), ',', '.') "
        f"WHEN regexp_full_match({s}, '[0-9]{{1,3}}(,[0-9]{{3}})+([.][0-9]*)?') THEN replace({s}, ',', '') "
        f"WHEN regexp_full_match({s}, '[0-9]+([.,][0-9]+)?') THEN replace({s}, ',', '.') "
        "END AS DOUBLE)"
    )


def _rupiah(f, raw, _):
    value = rupiah_expr(raw)
    negative = f"regexp_matches({raw}, '^\\s*(-|\\(|rp\\.?\\s*-)', 'i')"
    return Rule(
        value,
        [
            (f"{raw} IS NOT NULL AND {value} IS NULL", f"{label(f.name)} bukan nilai rupiah"),
            (f"{raw} IS NOT NULL AND {negative}", "nilai uang negatif"),
        ],
    )


def _float(f, raw, _):
    n = f"TRY_CAST(replace({raw}, ',', '.') AS DOUBLE)"
    lo, hi = LAT_RANGE if f.name == "lat" else LON_RANGE
    ok = f"{n} BETWEEN {lo} AND {hi}"
    return Rule(
        f"CASE WHEN {ok} THEN {n} END",
        warnings=[
            (f"{raw} IS NOT NULL AND NOT coalesce({ok}, false)", "koordinat di luar Kota Pasuruan")
        ],
    )


def _sex(f, raw, _):
    k = key_expr(raw)
    male = {"l", "lk", "lakilaki", "laki", "1", "pria", "m", "male"}
    female = {"p", "pr", "perempuan", "2", "wanita", "f", "female"}
    value = f"CASE WHEN {in_list(k, male)} THEN 'L' WHEN {in_list(k, female)} THEN 'P' END"
    return Rule(
        value,
        warnings=[(f"{raw} IS NOT NULL AND ({value}) IS NULL", "jenis kelamin tidak dikenal")],
    )


def _rtrw(f, raw, _):
    digits = f"regexp_replace({raw}, '[^0-9]', '', 'g')"
    return Rule(f"CASE WHEN {digits} <> '' THEN CAST(CAST({digits} AS BIGINT) AS VARCHAR) END")


def _enum(f, raw, _):
    k = key_expr(raw)
    whens = " ".join(f"WHEN {k} = {q(key)} THEN {q(val)}" for key, val in f.values.items())
    fallback = q(f.values["lainnya"]) if "lainnya" in f.values else "NULL"
    value = f"CASE WHEN {raw} IS NULL THEN {q(f.default) if f.default else 'NULL'} {whens} ELSE {fallback} END"
    known = f"({k} IN ({', '.join(q(x) for x in f.values)}))"
    unknown = f"{raw} IS NOT NULL AND NOT {known}"
    reason = f"{label(f.name)} tidak dikenal"
    if f.required and fallback == "NULL":
        return Rule(value, [(unknown, reason)])
    return Rule(value, warnings=[(unknown, reason)])


def _code(f, raw, _):
    book = CODEBOOKS[f.codebook]
    k = key_expr(raw)
    n = _number(raw)
    whens = " ".join(f"WHEN {k} = {q(norm_header(lbl))} THEN {code}" for code, lbl in book.items())
    value = f"CASE WHEN {n} IN ({', '.join(map(str, book))}) THEN {n} {whens} END"
    return Rule(
        value,
        warnings=[
            (f"{raw} IS NOT NULL AND ({value}) IS NULL", f"kode {label(f.name)} tidak dikenal")
        ],
    )

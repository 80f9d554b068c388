"""Ingest benchmark (issue 1): the importer against DuckDB's own CSV→Parquet copy, same file.

    python bench/ingest.py [--rows 1000000] [--repeat 3] [--keep DIR] [--no-write]
                           [--before SRC_TREE] [--stray | --xlsx]

Generates a realistic keluarga export (~30 columns, ~1% bad rows) in a temp dir, then runs
(a) `COPY (SELECT * FROM read_csv(file)) TO 'x.parquet'` and (b) `pantau.ingest.import_files`
on it, each `--repeat` times, each run in its own subprocess so its peak RSS is its own.
Writes the table under "## Ingest (issue 1)" in bench/RESULTS.md; other sections, and the
"###" notes under this one, are kept.

Issue 10 variants, printed only (their table goes into a "###" note by hand):
  --stray  the same CSV with one cp1252 byte (0x92) in a name in its middle: a UTF-8 file
           that the importer now reads as bytes and decodes field by field;
  --xlsx   the same rows as one XLSX sheet, written by XlsxWriter in constant_memory mode,
           imported `--repeat` times (and once from --before), peak RSS of each child.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Ingest (issue 1)"

# (kelurahan as written in exports, kecamatan, 2-digit kecamatan code of the NIK)
KELURAHAN = [
    ("Karangketug", "Gadingrejo", "01"),
    ("Gentong", "Gadingrejo", "01"),
    ("Sebani", "Gadingrejo", "01"),
    ("Petahunan", "GADINGREJO", "01"),
    ("Bukir", "Gadingrejo", "01"),
    ("Randusari", "Gadingrejo", "01"),
    ("Krapyakrejo", "Gadingrejo", "01"),
    ("Gadingrejo'an", "Gadingrejo", "01"),
    ("Pohjentrek", "Purworejo", "02"),
    ("Wirogunan", "Purworejo", "02"),
    ("Tembokrejo", "Purworejo", "02"),
    ("Purutrejo", "Purworejo", "02"),
    ("Kebon Agung", "Purworejo", "02"),
    ("Purworejo", "Purworejo", "02"),
    ("Sekargadung", "Purworejo", "02"),
    ("Blandongan", "Bugul Kidul", "03"),
    ("Kepel", "Bugul Kidul", "03"),
    ("Tapa'an", "Bugul Kidul", "03"),
    ("TAPAAN", "Bugul Kidul", "03"),
    ("Bakalan", "Bugul Kidul", "03"),
    ("Krampyangan", "Bugul Kidul", "03"),
    ("Bugulkidul", "Bugul Kidul", "03"),
    ("Karanganyar", "Panggungrejo", "04"),
    ("Tamba'an", "Panggungrejo", "04"),
    ("Trajeng", "Panggungrejo", "04"),
    ("Bangilan", "Panggungrejo", "04"),
    ("Kel. Kebonsari", "Panggungrejo", "04"),
    ("Mayangan", "Panggungrejo", "04"),
    ("Ngemplakrejo", "Panggungrejo", "04"),
    ("Petamanan", "Panggungrejo", "04"),
]
HEADER = [
    "No",
    "No KK",
    "NIK",
    "Kepala Keluarga",
    "Jenis Kelamin",
    "Tanggal Lahir",
    "Alamat",
    "RT",
    "RW",
    "Desa/Kelurahan",
    "Kecamatan",
    "Desil",
    "Jumlah ART",
    "Miskin Ekstrem",
    "Pengeluaran",
    "Pengeluaran Pangan",
    "Penghasilan",
    "Punya Usaha",
    "Pekerjaan",
    "Jenis Lantai",
    "Jenis Dinding",
    "Sumber Air Minum",
    "Sumber Penerangan",
    "Fasilitas BAB",
    "Penerima PKH",
    "Penerima BPNT",
    "PBI",
    "Sumber Data",
    "Latitude",
    "Longitude",
    "Keterangan",
]
NAMES = ["Siti", "Sri", "Nur", "Budi", "Ahmad", "Muhammad", "Slamet", "Sumarni", "Yuli", "Eko"]
SURNAMES = ["Aminah", "Hidayat", "Rahayu", "Santoso", "Wahyuni", "Fauzi", "Lestari", "Prasetyo"]
JOBS = ["Buruh harian lepas", "Pedagang", "Nelayan", "Tidak bekerja", "Mengurus rumah tangga"]
LANTAI = ["Keramik", "Semen/bata merah", "Tanah", "2", "6", "9"]
AIR = ["Isi ulang", "Leding meteran", "Sumur bor/pompa", "5", "6"]
SUMBER = ["P3KE", "DTKS", "DTSEN", "Usulan", "Bansos Pemkot"]
BAD_KINDS = 8  # see _bad_row


def _rupiah(rng: random.Random, n: int) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"Rp {n:,}".replace(",", ".")
    if style == 1:
        return str(n)
    return f"{n:,}".replace(",", ".") + ",00"


def _row(rng: random.Random) -> list[str]:
    """One family, without its row number and No KK, and with the NIK's serial left off."""
    kel, kec, kec_code = KELURAHAN[rng.randrange(len(KELURAHAN))]
    female = rng.random() < 0.3
    born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(60 * 365))
    day = born.day + (40 if female else 0)
    art = rng.randrange(1, 9)
    spend = rng.randrange(40, 400) * 10_000 * art // 2
    food = spend * rng.randrange(40, 80) // 100
    date = born.strftime("%d/%m/%Y") if rng.random() < 0.7 else born.strftime("%d-%m-%Y")
    return [
        f"3575{kec_code}{day:02d}{born:%m%y}",
        f"{rng.choice(NAMES)} {rng.choice(SURNAMES)}",
        "P" if female else rng.choice(["L", "Laki-laki"]),
        date,
        f"Jl. Raya No. {rng.randrange(1, 200)}",
        f"{rng.randrange(1, 12):03d}",
        f"{rng.randrange(1, 8):02d}",
        kel,
        kec,
        str(rng.randrange(1, 11)),
        str(art),
        rng.choice(["Ya", "Tidak", "Tidak"]),
        _rupiah(rng, spend),
        _rupiah(rng, food),
        _rupiah(rng, spend + rng.randrange(0, 500_000)) if rng.random() < 0.5 else "",
        rng.choice(["Ya", "Tidak"]),
        rng.choice(JOBS),
        rng.choice(LANTAI),
        rng.choice(["Tembok", "Kayu", "1", "4"]),
        rng.choice(AIR),
        "Listrik PLN",
        rng.choice(["Sendiri", "Bersama", "1", "3"]),
        rng.choice(["Ya", "Tidak"]),
        rng.choice(["Ya", "Tidak"]),
        rng.choice(["1", "0"]),
        rng.choice(SUMBER),
        f"{-7.6 - rng.random() * 0.08:.5f}",
        f"{112.87 + rng.random() * 0.07:.5f}",
        rng.choice(["", "", "pindah RT", "rumah kontrak"]),
    ]


def _bad(row: list[str], kind: int, previous_kk: str) -> list[str]:
    """Spoil one field of a full row (No, No KK, NIK, …) in one of BAD_KINDS ways."""
    row = row[:]
    if kind == 0:
        row[2] = row[2][:15]  # lost its 16th digit
    elif kind == 1:
        row[2] = f"{int(row[2]) / 1e15:.5f}E+15"  # Excel's scientific notation
    elif kind == 2:
        row[9] = "Kel. Antah Berantah"  # unknown kelurahan
    elif kind == 3:
        row[14] = "-" + row[14]  # negative money
    elif kind == 4:
        row[1] = previous_kk  # duplicate No KK
    elif kind == 5:
        row[10] = "Purworejo" if row[10] != "Purworejo" else "Gadingrejo"  # wrong kecamatan
    elif kind == 6:
        row[15] = str(10**9)  # food spending above the total
    else:
        row[12] = "0"  # no members
    return row


def _csv_line(cells) -> str:
    return ",".join(f'"{c}"' if "," in c else c for c in cells)


def generate(path: Path, rows: int, seed: int = 1) -> dict:
    """Write `rows` keluarga rows (1% of them bad) to `path`; return what was written.

    Rows are drawn from a few thousand generated families, each given its own row number,
    No KK and NIK serial, so a million rows take seconds to write. The file has a title row
    above the header (as exports do) but no JUMLAH row: DuckDB's plain read_csv must read it.
    """
    rng = random.Random(seed)
    templates = [_row(rng) for _ in range(5000)]
    lines = [_csv_line(t[1:]) for t in templates]
    picks = rng.choices(range(len(templates)), k=rows)
    bad = set(rng.sample(range(rows), rows // 100))
    prev = ""
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("DATA KELUARGA SASARAN KOTA PASURUAN\n\n")
        fh.write(",".join(HEADER) + "\n")
        chunk = []
        for i, t in enumerate(picks):
            kk = f"3575{templates[t][0][4:6]}{i:010d}"
            nik = f"{templates[t][0]}{i % 9999 + 1:04d}"
            if i in bad:
                row = _bad([str(i + 1), kk, nik, *templates[t][1:]], i % BAD_KINDS, prev)
                chunk.append(_csv_line(row))
            else:
                chunk.append(f"{i + 1},{kk},{nik},{lines[t]}")
            prev = kk
            if len(chunk) == 100_000:
                fh.write("\n".join(chunk) + "\n")
                chunk = []
        if chunk:
            fh.write("\n".join(chunk) + "\n")
    return {"rows": rows, "bad": len(bad), "bytes": path.stat().st_size}


def add_stray_byte(path: Path) -> int:
    """Put one cp1252 byte (’ as 0x92) into a name in the middle of the file; its offset."""
    with path.open("r+b") as fh:
        fh.seek(path.stat().st_size // 2)
        block = fh.read(1 << 20)
        at = block.index(b"Aminah") + 2
        fh.seek(path.stat().st_size // 2 + at)
        fh.write(b"\x92")  # Am’nah: no longer UTF-8
    return path.stat().st_size // 2 + at


def generate_xlsx(path: Path, rows: int, seed: int = 1) -> dict:
    """The same rows as `generate`, as one XLSX sheet written by XlsxWriter in constant_memory
    mode (row by row, never the whole sheet in memory). Text cells as exports write them (IDs
    as text), counts and desil as numbers."""
    import csv

    import xlsxwriter

    src = path.with_suffix(".csv")
    gen = generate(src, rows, seed)
    numeric = {HEADER.index(h) for h in ("No", "Desil", "Jumlah ART")}
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Keluarga")
    with src.open(encoding="utf-8", newline="") as fh:
        for r, cells in enumerate(csv.reader(fh)):
            for c, cell in enumerate(cells):
                if not cell:
                    continue
                if c in numeric and r > 2 and cell.isdigit():
                    ws.write_number(r, c, int(cell))
                else:
                    ws.write_string(r, c, cell)
    wb.close()
    src.unlink()
    return {**gen, "bytes": path.stat().st_size}


# --- one measured run, in a child process ---------------------------------------------------

CHILD = r"""
import json, resource, sys, time
kind, src, out = sys.argv[1:4]

def cpu_now():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime

if kind == "duckdb":
    import duckdb
    cpu0 = cpu_now()
    t0 = time.perf_counter()
    con = duckdb.connect()
    con.execute(f"COPY (SELECT * FROM read_csv('{src}')) TO '{out}' (FORMAT parquet)")
    n = con.execute(f"SELECT count(*) FROM read_parquet('{out}')").fetchall()[0][0]
    con.close()
    extra = {"rows_out": n}
else:
    from pantau.ingest import import_files
    cpu0 = cpu_now()
    t0 = time.perf_counter()
    s = import_files([src], "keluarga", "2024-06", out)
    extra = {"rows_out": s.accepted, "rejected": s.rejected, "reasons": s.reasons}
seconds = time.perf_counter() - t0
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - cpu0
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": usage.ru_maxrss / 1024, **extra}))
"""


def measure(kind: str, src: Path, work: Path, n: int, tree: Path = ROOT) -> dict:
    """One run in a fresh subprocess, with `tree` (a source checkout) as its working dir."""
    out = work / (f"raw-{n}.parquet" if kind == "duckdb" else f"data-{kind}-{n}")
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(src), str(out)],
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_seconds"] = time.perf_counter() - t0
    return result


# --- report --------------------------------------------------------------------------------


def machine() -> dict:
    import duckdb
    import pyarrow

    cpu = "unknown"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", fh.read()).group(1))
    from pantau.config import duckdb_memory_limit, duckdb_threads

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "pyarrow": pyarrow.__version__,
        "os": platform.platform(),
        "date": dt.datetime.now().isoformat(timespec="minutes"),
        "importer_threads": duckdb_threads(),
        "importer_memory_limit": duckdb_memory_limit(),
    }


def summarise(runs: list[dict]) -> dict:
    secs = [r["seconds"] for r in runs]
    return {
        "runs": len(runs),
        "best": min(secs),
        "median": statistics.median(secs),
        "cpu_median": statistics.median(r["cpu_seconds"] for r in runs),
        "process_median": statistics.median(r["process_seconds"] for r in runs),
        "peak_mb": max(r["peak_mb"] for r in runs),
    }


def load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def _table_row(label: str, r: dict) -> str:
    return (
        f"| {label} | {r['runs']} | {r['best']:.2f} | {r['median']:.2f} | {r['cpu_median']:.2f} | "
        f"{r['process_median']:.2f} | {r['peak_mb']:,.0f} |"
    )


def render(gen: dict, rows: dict, last_imp: dict, m: dict, loads: tuple[str, str]) -> str:
    raw, imp = rows["raw"], rows["importer"]
    ratio_best = imp["best"] / raw["best"]
    ratio_median = imp["median"] / raw["median"]
    ratio_cpu = imp["cpu_median"] / raw["cpu_median"]
    time_ok = ratio_median <= 2.0
    mem_ok = imp["peak_mb"] < 1536
    lines = [
        SECTION,
        "",
        f"Measured {m['date']} by `python bench/ingest.py` on {m['cpu']}, {m['cores']} cores, "
        f"{m['ram_gb']} GB RAM; Python {m['python']}, DuckDB {m['duckdb']}, pyarrow "
        f"{m['pyarrow']} ({m['os']}). Importer settings: PANTAU_THREADS={m['importer_threads']}, "
        f"PANTAU_MEMORY_LIMIT={m['importer_memory_limit']}. Load average (1/5/15 min) "
        f"{loads[0]} at the start and {loads[1]} at the end: the machine was shared, so "
        "wall times are noisy; CPU seconds (user + system of the child) are steadier.",
        "",
        f"Input: a generated keluarga CSV, {gen['rows']:,} rows × {len(HEADER)} columns, "
        f"{gen['bytes'] / 1024**2:,.0f} MB, a title row above the header, and "
        f"{gen['bad']:,} deliberately bad rows (15-digit and scientific-notation NIKs, unknown "
        "kelurahan, wrong kecamatan, negative money, duplicate No KK, food spending above the "
        "total, zero members). No JUMLAH row: DuckDB's plain `read_csv` must read the same "
        "file. Runs are interleaved, each in its own subprocess; seconds are the operation "
        "inside it, 'process' adds interpreter start and imports; peak memory is the "
        "child's `ru_maxrss`.",
        "",
        "| run | runs | best s | median s | median CPU s | median process s | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
        _table_row("(a) DuckDB `COPY (SELECT * FROM read_csv(f)) TO 'x.parquet'`", raw),
        _table_row("(b) `pantau.ingest.import_files` (this tree)", imp),
    ]
    if "before" in rows:
        lines.append(_table_row("(c) `import_files` before the issue-1 changes", rows["before"]))
    lines += [
        "",
        f"Importer / raw copy: **{ratio_median:.2f}×** median wall, {ratio_best:.2f}× best wall, "
        f"{ratio_cpu:.2f}× median CPU. Importer result: {last_imp['rows_out']:,} accepted, "
        f"{last_imp['rejected']:,} rejected.",
        "",
        f"- Time aim (within 2× of the raw copy): **{'met' if time_ok else 'not met'}** "
        f"({ratio_median:.2f}× median wall).",
        f"- Memory aim (peak < 1.5 GB): **{'met' if mem_ok else 'not met'}** "
        f"({imp['peak_mb']:,.0f} MB).",
    ]
    return "\n".join(lines) + "\n"


def write_section(text: str) -> None:
    """Replace the generated part of this section; keep its ### subsections (the notes)."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmarks\n"
    start = old.find(SECTION)
    if start < 0:
        RESULTS.write_text(old.rstrip("\n") + "\n\n" + text, encoding="utf-8")
        return
    end = old.find("\n## ", start + len(SECTION))
    end = len(old) if end < 0 else end + 1
    section = old[start:end]
    notes = section.find("\n### ")
    kept = section[notes + 1 :] if notes >= 0 else ""
    body = text + ("\n" + kept if kept else "")
    rest = old[end:]
    RESULTS.write_text(
        old[:start] + body.rstrip("\n") + "\n" + ("\n" + rest if rest else ""), encoding="utf-8"
    )


def variant(args, kind: str) -> None:
    """--stray / --xlsx: time the importer (and --before) on that file; print a table."""
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        if kind == "xlsx":
            src = work / "keluarga_1m.xlsx"
            gen = src.exists() and {"rows": args.rows, "bytes": src.stat().st_size}
            gen = gen or generate_xlsx(src, args.rows)
        else:
            src = work / "keluarga_1m_stray.csv"
            gen = generate(src, args.rows)
            gen["stray_at"] = add_stray_byte(src)
        print(f"generated {gen} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        runs: dict[str, list[dict]] = {"importer": []}
        for n in range(args.repeat):
            runs["importer"].append(measure("pantau", src, work, n))
            print(f"run {n}: {runs['importer'][-1]}", file=sys.stderr)
        if args.before:
            runs["before"] = [measure("pantau", src, work, 99, tree=args.before)]
            print(f"before: {runs['before'][-1]}", file=sys.stderr)
    m = machine()
    print(
        f"{kind}: {gen['rows']:,} rows, {gen['bytes'] / 1024**2:,.0f} MB; {m['cpu']}, "
        f"{m['cores']} cores, {m['ram_gb']} GB RAM; Python {m['python']}, DuckDB {m['duckdb']}, "
        f"pyarrow {m['pyarrow']}; PANTAU_MEMORY_LIMIT={m['importer_memory_limit']}; {m['date']}"
    )
    print("| run | runs | best s | median s | median CPU s | median process s | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for key, label in (("importer", "this tree"), ("before", "before")):
        if key in runs:
            print(_table_row(f"`import_files` ({label})", summarise(runs[key])))
    last = runs["importer"][-1]
    print(f"accepted {last['rows_out']:,}, rejected {last['rejected']:,}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="work in this directory and keep it")
    ap.add_argument("--no-write", action="store_true", help="print, do not touch RESULTS.md")
    ap.add_argument(
        "--before",
        type=Path,
        help="also time import_files from this source tree once (e.g. `git archive` of an "
        "older commit, with pantau/, data/ and geo/)",
    )
    ap.add_argument("--stray", action="store_true", help="CSV with one cp1252 byte (printed)")
    ap.add_argument("--xlsx", action="store_true", help="the rows as one XLSX sheet (printed)")
    args = ap.parse_args()
    if args.stray or args.xlsx:
        variant(args, "xlsx" if args.xlsx else "stray")
        return
    loads = [load()]
    with tempfile.TemporaryDirectory(prefix="pantau-bench-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        src = work / "keluarga_1m.csv"
        t0 = time.perf_counter()
        gen = generate(src, args.rows)
        print(f"generated {gen} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        runs: dict[str, list[dict]] = {"raw": [], "importer": []}
        for n in range(args.repeat):  # interleaved, so drift in load hits both alike
            runs["raw"].append(measure("duckdb", src, work, n))
            runs["importer"].append(measure("pantau", src, work, n))
            print(f"run {n}: {runs['raw'][-1]} | {runs['importer'][-1]}", file=sys.stderr)
        if args.before:
            runs["before"] = [measure("pantau", src, work, 99, tree=args.before)]
            print(f"before: {runs['before'][-1]}", file=sys.stderr)
        loads.append(load())
    rows = {k: summarise(v) for k, v in runs.items()}
    text = render(gen, rows, runs["importer"][-1], machine(), tuple(loads))
    print(text)
    if not args.no_write:
        write_section(text)


if __name__ == "__main__":
    main()

"""Budget simulation benchmark (issue 13 §1): how long one simulation takes on the engine.

    python bench/simulasi.py --data /tmp/sim/lake50k --label "50.000 keluarga" --json /tmp/s50k.json
    python bench/simulasi.py write /tmp/s50k.json /tmp/s1m.json …     # the RESULTS.md section

One run = `simulasi` (the five strategies, per kecamatan) for one input, the way the page and
`python -m pantau simulasi` ask it, through `privacy.result` as the Kepala; and the named list of
one strategy (`simulasi_keluarga`). The engine is started first and its build timed apart (the
server does that at start and after an import, in the background). "cold" is the first run of
each input after the build; "warm" the median of the next `--repeat` (DuckDB's own caches warm,
no Streamlit cache: the page caches a result it has seen, so a new input is a cold-ish run).
Each input is new to the engine: the budget changes, so nothing is reused between inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Simulasi anggaran (issue 13)"

# (what, parameters of simulasi.parameter): Sembako-like monthly aid, a one-off modal usaha,
# and one kecamatan.
INPUTS = [
    (
        "Rp 200.000 × 12 bulan, anggaran Rp 4,8 miliar, kota",
        dict(anggaran=4_800_000_000, per_bulan=200_000, bulan=12),
    ),
    (
        "modal usaha Rp 2.500.000 sekali, anggaran Rp 1 miliar, kota",
        dict(anggaran=1_000_000_000, sekali=2_500_000),
    ),
    (
        "Rp 200.000 × 6 bulan, anggaran Rp 600 juta, Kec. Panggungrejo",
        dict(anggaran=600_000_000, per_bulan=200_000, bulan=6, kode_kec="35.75.04"),
    ),
]


def _cpu() -> float:
    """CPU seconds (user + system, all threads) this process has used: on a machine other work
    loads, the wall time of a run stretches but its CPU time does not."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(data: Path, repeat: int) -> dict:
    from pantau import queries, simulasi

    t0 = time.perf_counter()
    eng = queries.engine(data)
    eng.refresh(block=True)
    build = time.perf_counter() - t0
    periode = queries.run("periode_list", {}, data)["periode"].iloc[-1]
    n = int(queries.run("fgt_kelurahan", {"periode": periode}, data)["keluarga_dihitung"].sum())
    rows = []
    for label, kw in INPUTS:
        params = simulasi.parameter(periode=periode, **kw)
        times, cpu = [], []
        for _ in range(repeat + 1):
            t, c = time.perf_counter(), _cpu()
            df = simulasi.jalankan(params, "kepala", data)
            times.append(time.perf_counter() - t)
            cpu.append(_cpu() - c)
        city = simulasi.kota(df).set_index("strategi")
        t = time.perf_counter()
        daftar = simulasi.keluarga(params, "termiskin", "kepala", data)
        list_time = time.perf_counter() - t
        rows.append(
            {
                "input": label,
                "cold": times[0],
                "warm": statistics.median(times[1:]) if repeat else None,
                "cpu": statistics.median(cpu[1:]) if repeat else cpu[0],
                "daftar": list_time,
                "daftar_baris": len(daftar),
                "keluarga": int(city.loc["terdekat_garis", "keluarga"]),
                "terangkat": {k: int(v) for k, v in city["keluarga_terangkat"].items()},
                "p0": {k: float(v) for k, v in city["p0"].items()},
                "p2": {k: float(v) for k, v in city["p2"].items()},
            }
        )
    return {
        "periode": periode,
        "keluarga_dihitung": n,
        "build": build,
        "rows": rows,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "load": os.getloadavg(),
        "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _n(x) -> str:
    return f"{x:,}".replace(",", ".")


def _s(x) -> str:
    return "–" if x is None else f"{x:.2f} s"


def section(records: list[dict]) -> str:
    import duckdb

    out = [
        SECTION,
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other work, Python "
        f"{platform.python_version()}, DuckDB {duckdb.__version__}; DuckDB threads and "
        "memory_limit as the server's defaults (PANTAU_THREADS, PANTAU_MEMORY_LIMIT unset). "
        "`python bench/simulasi.py --data LAKE --label … --json …`, then `python "
        "bench/simulasi.py write …`. One run = the `simulasi` query (five strategies and the "
        "before row, per kecamatan and the total) through `privacy.result` as the Kepala; "
        "'cold' its first run for that input after the engine's build, 'warm' the median of "
        "the next runs, 'CPU' the process's CPU seconds (both DuckDB threads) of a warm run, "
        "which other load on the machine does not stretch; 'daftar' the named list of one strategy (`simulasi_keluarga`, "
        "termiskin). Aim (issue 13): a simulation within 5 s at 5.000.000 keluarga.",
        "",
    ]
    for r in records:
        out += [
            f"### {r['label']} (measured {r['when']}, load average "
            f"{', '.join(f'{x:.2f}' for x in r['load'])} at the end)",
            "",
            f"Latest period {r['periode']}: {_n(r['keluarga_dihitung'])} keluarga with a spending "
            f"figure considered. Engine build (views and _shared tables, once per start or "
            f"import): {_s(r['build'])}. Peak RSS of the process {r['peak_rss_mb']:.0f} MB.",
            "",
            "| input | cold | warm (median) | CPU, warm (median) | daftar | families reached "
            "| lifted: terdekat_garis / termiskin |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for row in r["rows"]:
            t = row["terangkat"]
            out.append(
                f"| {row['input']} | {_s(row['cold'])} | {_s(row['warm'])} | {_s(row['cpu'])} | "
                f"{_s(row['daftar'])} | {_n(row['keluarga'])} | "
                f"{_n(t['terdekat_garis'])} / {_n(t['termiskin'])} |"
            )
        slowest = max(max(x["cold"], x["warm"] or 0) for x in r["rows"])
        out += ["", f"- Slowest simulation: {_s(slowest)}.", ""]
    return "\n".join(out)


def write(records: list[dict]) -> None:
    text = RESULTS.read_text()
    new = section(records)
    if SECTION in text:
        start = text.index(SECTION)
        nxt = text.find("\n## ", start + len(SECTION))
        text = text[:start] + new + ("\n" + text[nxt + 1 :] if nxt != -1 else "\n")
    else:
        text = text.rstrip("\n") + "\n\n" + new + "\n"
    RESULTS.write_text(text)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "write":
        write([json.loads(Path(p).read_text()) for p in sys.argv[2:]])
        return
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--label", required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    record = {"label": args.label, **measure(args.data, args.repeat)}
    print(section([record]))
    if args.json:
        args.json.write_text(json.dumps(record))


if __name__ == "__main__":
    main()

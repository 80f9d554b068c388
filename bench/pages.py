"""Page benchmark (issue 2): each page's named queries server side, one view at a time.

    python bench/pages.py --data /tmp/lake50k --label "50.000 keluarga" [--repeat 5] --json …
    python bench/pages.py --data /tmp/lake5m --label "5.000.000 keluarga" --repeat 3 --json …
    python bench/pages.py write /tmp/pages50k.json /tmp/pages5m.json   # RESULTS.md subsections

A page view = the named queries the page runs for one view (latest period, whole city, as
`pages/*.py` call them, plus the sidebar's `periode_list`) and the Python work it does on their
results when that is significant (the Moran's I clusters of the Peta page). Every page runs in
its own subprocess: "cold" is its first view after the engine starts (views built, DuckDB
caches empty; the OS file cache is warm), "warm" the best and median of the next `--repeat`
views in the same process (no Streamlit cache). Peak RSS is the subprocess's.

The pandas mirror of every query (`PandasPages`) and its `--check` (pandas == SQL) were retired
in issue 15; their results stand in bench/RESULTS.md ("Pages"), and the last version is
`git show fa610ad:bench/pages.py`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # bench/harness.py; not ROOT: --root picks pantau
import harness  # noqa: E402

SECTION = "## Pages (issue 2)"


def _page_list():
    """pantau/page_list.py of this copy, loaded by path: `--root` may import another pantau."""
    spec = importlib.util.spec_from_file_location("_page_list", ROOT / "pantau" / "page_list.py")
    module = sys.modules["_page_list"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The pages `page_queries` knows (those whose views are their named queries), in menu order.
PAGES = tuple(_page_list().pick("ringkasan", "peta", "beban", "bantuan"))


def page_queries(page: str, periode: str, kec: str | None = None, kel: str | None = None):
    """(query name, params) in the order the page runs them for one view; the sidebar first."""
    area = {"periode": periode, "kode_kec": kec, "kode_kel": kel}
    where = {"kode_kec": kec, "kode_kel": kel}
    sidebar = [("periode_list", {})]
    if page == "ringkasan":
        return sidebar + [
            ("ringkasan_kpi", area),
            ("bantuan_per_sumber_dana", area),
            ("verval_funnel", {}),
            ("tren_miskin_ekstrem", where),
            ("skor_strategi", {"periode": periode}),
        ]
    if page == "peta":
        kec_peta = kec or (kel or "")[:8] or None
        rows = [("peta_kelurahan", {"periode": periode})]
        if kec_peta is None:
            return sidebar + rows + [("peta_kecamatan", {"periode": periode})]
        return sidebar + rows + [("peta_kelurahan", {"periode": periode, "kode_kec": kec_peta})]
    if page == "beban":
        kec_fgt = kec or (kel or "")[:8] or None
        return sidebar + [
            ("beban_ringkasan", area),
            ("beban_rekonsiliasi", area),
            ("fgt", {"periode": periode}),
            ("fgt_kelurahan", {"periode": periode, "kode_kec": kec_fgt}),
            ("beban_histogram", area),
            ("beban_rasio", area),
            ("beban_sebaran", area),
        ]
    if page == "bantuan":
        return sidebar + [
            ("bantuan_cakupan_program", area),
            ("bantuan_ketepatan_sasaran", area),
            ("bantuan_cakupan_kelurahan", area),
            ("bantuan_kombinasi", area),
            ("bantuan_program_dana", area),
            ("bantuan_per_wilayah", area),
            ("bantuan_modal_usaha_sampel", area),
            ("kube_sampel", area),
            ("kube_tren", area),
            ("kube_kelompok", area),
        ]
    raise ValueError(page)


# --- engines ----------------------------------------------------------------------------------


class SqlPages:
    """The dashboard's own path: named queries on the process's engine (no Streamlit cache)."""

    def __init__(self, data: Path):
        from pantau import queries

        self.engine = queries.engine(data)
        self._analyses: dict = {}

    def latest(self) -> str:
        return self.engine.run("periode_list")["periode"].iloc[-1]

    def view(self, page: str, periode: str, kec=None, kel=None) -> dict:
        out, times = {}, {}
        for name, params in page_queries(page, periode, kec, kel):
            t = time.perf_counter()
            out[(name, _key(params))] = self.engine.run(name, params)
            times[name] = times.get(name, 0) + time.perf_counter() - t
        if page == "peta":
            t = time.perf_counter()
            out[("klaster", "")] = klaster(out[("peta_kelurahan", _key({"periode": periode}))])
            times["klaster (Python)"] = time.perf_counter() - t
        if page == "bantuan":
            # The effect models (privacy.ANALYSES) run on their panels once per lake version and
            # role: the page's cache (ui.query) keeps them, so a process pays them on its first
            # view only, as here.
            from pantau import privacy

            for name in ("bantuan_modal_usaha_efek", "kube_efek"):
                key = (name, periode, kec, kel)
                if key not in self._analyses:
                    t = time.perf_counter()
                    base, compute, _ = privacy.ANALYSES[name]
                    raw = self.engine.run(
                        base, {"periode": periode, "kode_kec": kec, "kode_kel": kel}
                    )
                    self._analyses[key] = privacy._compute(compute)(raw)
                    times[f"{name} (Python, first view)"] = time.perf_counter() - t
                out[(name, "")] = self._analyses[key]
        return {"results": out, "times": times}


def klaster(kota):
    from pantau import peta

    hs = peta.hitung_klaster(kota)
    return hs if peta.cukup_untuk_klaster(hs) else None


def _key(params: dict) -> str:
    return json.dumps({k: v for k, v in sorted(params.items()) if v is not None})


def worker(args) -> None:
    sys.path.insert(0, str(Path(args.root).resolve()))
    data = Path(args.data)
    import pantau.queries  # noqa: F401  imports are paid once per server, not per view

    if args.page in ("peta", "all"):
        import pantau.peta  # noqa: F401
    t0, c0 = time.perf_counter(), harness.cpu_seconds()
    eng = SqlPages(data)
    periode = args.periode or eng.latest()
    runs = []
    pages = PAGES if args.page == "all" else (args.page,)
    for i in range(args.repeat + 1):
        for page in pages:
            first = i == 0 and page == pages[0]
            t, c = (t0, c0) if first else (time.perf_counter(), harness.cpu_seconds())
            r = eng.view(page, periode, args.kec, args.kel)
            runs.append(
                {
                    "page": page,
                    "i": i,
                    "s": time.perf_counter() - t,
                    "cpu": harness.cpu_seconds() - c,
                    "load": os.getloadavg()[0],
                    "times": r["times"],
                }
            )
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "periode": periode,
                "runs": runs,
                "rss_mb": ru.ru_maxrss / 1024,
                "cpu_s": ru.ru_utime + ru.ru_stime,
            }
        )
    )


def run_one(data, page, repeat, root, periode=None, kec=None, kel=None, env=None) -> dict:
    cmd = [sys.executable, __file__, "_worker", "--data", str(data), "--page", page]
    cmd += ["--repeat", str(repeat), "--root", str(root)]
    for flag, value in (("--periode", periode), ("--kec", kec), ("--kel", kel)):
        if value:
            cmd += [flag, value]
    load = os.getloadavg()[0]
    done = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )
    if done.returncode:
        raise SystemExit(f"{page} failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["load_before"] = load
    out["load_after"] = os.getloadavg()[0]
    return out


def summarise(out: dict, page: str) -> dict:
    runs = [r for r in out["runs"] if r["page"] == page]
    cold = runs[0]
    warm = harness.Timing(tuple(r["s"] for r in runs[1:]), tuple(r["cpu"] for r in runs[1:]))
    per_query = {}
    for r in runs[1:]:
        for name, s in r["times"].items():
            per_query.setdefault(name, []).append(s)
    return {
        "cold": cold["s"],
        "cold_cpu": cold["cpu"],
        "cpu_best": min(warm.cpus) if warm.cpus else None,
        "cpu_median": warm.cpu_median if warm.cpus else None,
        "load_views": [r["load"] for r in runs],
        "cold_queries": cold["times"],
        "best": warm.best if warm.walls else None,
        "median": warm.median if warm.walls else None,
        "queries": {k: (min(v), statistics.median(v)) for k, v in per_query.items()},
    }


# --- machine and report -----------------------------------------------------------------------


def machine() -> dict:
    """harness.machine() and what this bench's section also states."""
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        **harness.machine(),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu,
        "threads": os.environ.get("PANTAU_THREADS", f"{os.cpu_count()} (default)"),
        "memory_limit": os.environ.get("PANTAU_MEMORY_LIMIT", "1GB (default)"),
    }


def fmt_s(x) -> str:
    return "–" if x is None else f"{x:.3f}"


AIM_PAGE = {"50.000": 0.3, "5.000.000": 2.0}  # seconds per page, by the label's size


def heading(run: dict) -> str:
    loads = [x for r in run["rows"] for x in r["load_views"]]
    return (
        f"### {run['rows'][0]['label']} (measured {run['machine']['date']}, load average "
        f"{min(loads):.2f}–{max(loads):.2f}, DuckDB engine only)"
    )


def run_text(run: dict) -> str:
    """The body of one run's RESULTS.md subsection (under `heading(run)`), from its --json record."""
    m, rows = run["machine"], run["rows"]
    label = rows[0]["label"]
    aim = next((v for k, v in AIM_PAGE.items() if label.startswith(k)), None)
    out = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; Python {m['python']}, "
        f"DuckDB {m['duckdb']}; DuckDB threads {m['threads']}, memory_limit "
        f"{m['memory_limit']}. `python bench/pages.py --data LAKE --label … --json …`, then "
        f"`python bench/pages.py write` with the records. Warm views per page: "
        f"{len(rows[0]['load_views']) - 1}.",
        "",
        "| page | cold | warm best | warm median | warm CPU (median) | peak RSS |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        out.append(
            f"| {r['page']} | {fmt_s(r['cold'])} s | {fmt_s(r['best'])} s "
            f"| {fmt_s(r['median'])} s | {fmt_s(r['cpu_median'])} s | {r['rss_mb']:.0f} MB |"
        )
    out.append("")
    if aim:
        slow_warm = [r["page"] for r in rows if r["median"] > aim]
        slow_cold = [r["page"] for r in rows if r["cold"] > aim]
        out.append(
            f"- Aim ≤ {fmt_s(aim)} s per page: warm **"
            + ("met" if not slow_warm else f"NOT met ({', '.join(slow_warm)})")
            + "**; cold "
            + ("met" if not slow_cold else f"not met on {', '.join(slow_cold)}")
            + f" (slowest cold {fmt_s(max(r['cold'] for r in rows))} s: the engine's "
            "build, which `python -m pantau serve` does at start and, after an import, in the "
            "background while pages use the previous views; see Province scale)."
        )
    slowest = sorted(
        ((r["queries"][q][1], r["page"], q) for r in rows for q in r["queries"]), reverse=True
    )[:5]
    out.append(
        "- Slowest queries (warm median): "
        + "; ".join(f"{q} ({p}) {fmt_s(t)} s" for t, p, q in slowest)
        + "."
    )
    return "\n".join(out) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "write":
        ap = argparse.ArgumentParser()
        ap.add_argument("write")
        ap.add_argument("records", nargs="+", type=Path, help="--json files, one run per line")
        args = ap.parse_args()
        runs = [json.loads(line) for f in args.records for line in f.read_text().splitlines()]
        for run in runs:  # each run its subsection of Pages; earlier runs' stay as they are
            harness.write_section(heading(run), run_text(run), parent=SECTION)
            print(f"{heading(run)}\n\n{run_text(run)}")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        ap = argparse.ArgumentParser()
        ap.add_argument("_worker")
        ap.add_argument("--data", required=True)
        ap.add_argument("--page", required=True)
        ap.add_argument("--repeat", type=int, default=3)
        ap.add_argument("--root", default=str(ROOT))
        ap.add_argument("--periode")
        ap.add_argument("--kec")
        ap.add_argument("--kel")
        worker(ap.parse_args())
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--label", default="")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--root", default=str(ROOT), help="project copy to import pantau from")
    ap.add_argument("--periode")
    ap.add_argument("--kec")
    ap.add_argument("--kel")
    ap.add_argument("--json", type=Path, help="append raw results here")
    args = ap.parse_args()
    rows = []
    for page in args.pages.split(","):
        out = run_one(args.data, page, args.repeat, args.root, args.periode, args.kec, args.kel)
        s = summarise(out, page)
        row = {"page": page, "engine": "sql", "label": args.label, **s}
        row.update({k: out[k] for k in ("rss_mb", "load_before", "load_after", "periode")})
        rows.append(row)
        print(
            f"{page:10s} cold {s['cold']:7.3f}  best {s['best']:7.3f}  "
            f"median {s['median']:7.3f}  cpu {s['cpu_best']:7.3f}  rss {out['rss_mb']:6.0f} MB  "
            f"load {out['load_before']:.2f}->{out['load_after']:.2f}",
            flush=True,
        )
        for name, (best, med) in s["queries"].items():
            print(f"    {name:34s} best {best:7.3f} median {med:7.3f}", flush=True)
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"machine": machine(), "data": str(args.data), "rows": rows}))
            fh.write("\n")


if __name__ == "__main__":
    main()

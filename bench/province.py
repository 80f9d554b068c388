"""Province scale (issue 5, part 1): the real server on a 5-million-keluarga demo lake.

    python -m pantau --data /tmp/lake5m demo --keluarga 5000000      # once; see RESULTS.md
    PANTAU_MEMORY_LIMIT=1GB PANTAU_THREADS=2 python bench/province.py --data /tmp/lake5m --write

Starts `python -m pantau serve` on the lake with DuckDB's memory limit and thread count from
the environment (PANTAU_MEMORY_LIMIT, PANTAU_THREADS), then times each page as the server
sees it (a websocket session speaking Streamlit's protocol: request to 'script finished'):

- first view: one signed-in session opens every page once, right after the server started
  (the query engine builds its views and the _shared summary tables on the first query);
- warm: the same session opens every page `--rounds` more times (Streamlit's cache answers);
- new filter: for each kecamatan, a new session opens every page with `?kec=` in its URL, so
  every query runs for parameters no one has asked for yet (nothing cached, engine warm). On a
  province lake (`demo --wilayah 35`) the drill-down levels instead: four kab/kota (`?kab=`),
  then one kecamatan in each (`?kab=&kec=`).

The server's peak memory is its VmHWM (peak resident set) from /proc when the run ends, and
the largest PSS sampled every second while it runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import harness  # noqa: E402
from concurrency import PAGES, Server, WsClient  # noqa: E402

RESULTS = ROOT / "bench" / "RESULTS.md"
SECTION = "## Province scale (issue 5, part 1)"
KECAMATAN = {
    "35.75.01": "Gadingrejo",
    "35.75.02": "Purworejo",
    "35.75.03": "Bugul Kidul",
    "35.75.04": "Panggungrejo",
}
# A province's drill-down: four kab/kota, then a kecamatan in each.
KAB = {"35.23": "Kabupaten Tuban", "35.14": "Kabupaten Pasuruan", "35.78": "Kota Surabaya",
       "35.07": "Kabupaten Malang"}  # fmt: skip
KEC_PROVINSI = {"35.23.01": "Kenduruan", "35.14.01": "Purwodadi", "35.78.01": "Karang Pilang",
                "35.07.01": "Donomulyo"}  # fmt: skip


def filters(data: Path) -> list[tuple[str, str, str]]:
    """(URL query, sidebar box label, the option it must show) for each new-filter session."""
    from pantau import wilayah

    if not wilayah.dari(data).adalah_provinsi:
        return [(f"kec={k}", "Kecamatan", v) for k, v in KECAMATAN.items()]
    kab = [(f"kab={k}", "Kabupaten/Kota", v) for k, v in KAB.items()]
    return kab + [(f"kab={k[:5]}&kec={k}", "Kecamatan", v) for k, v in KEC_PROVINSI.items()]


def password(data: Path) -> str:
    """The demo accounts' password on a pure demo lake, else the bench account's (copy_lake)."""
    from pantau.lake import Lake

    return "demo" if Lake(data).is_demo() else ""


class FilteredClient(WsClient):
    """A websocket session that can tell which area its sidebar shows."""

    def kecamatan(self, label: str = "Kecamatan") -> str | None:
        """The option the sidebar's box `label` shows in the last run."""
        box = next(
            (e.selectbox for e in self.elements
             if e is not None and e.WhichOneof("type") == "selectbox" and e.selectbox.label == label),
            None,
        )  # fmt: skip
        return box.options[box.default] if box is not None and box.HasField("default") else None


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def sample(server: Server, peaks: dict, stop: asyncio.Event) -> None:
    while not stop.is_set():
        pss, _ = server.usage()
        peaks["pss_mb"] = max(peaks.get("pss_mb", 0.0), pss)
        with contextlib.suppress(OSError):
            peaks["hwm_mb"] = vm_hwm_mb(server.proc.pid)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1)


async def walk(client, pages, times: dict, cpu: dict, server: Server) -> None:
    for key in pages:
        before = server.usage()[1]
        seconds, errors = await client.visit(key)
        if errors:
            raise RuntimeError(f"{key}: {errors}")
        times.setdefault(key, []).append(seconds)
        cpu.setdefault(key, []).append(server.usage()[1] - before)
        print(f"  {key:10s} {seconds:7.2f} s", flush=True)


async def run(args) -> dict:
    pages = list(PAGES)
    out = {"first": {}, "warm": {}, "filter": {}, "cpu_first": {}, "cpu_warm": {}, "cpu_filter": {}}
    peaks: dict = {}
    t0 = time.perf_counter()
    with Server(args.data) as server:
        out["start_s"] = time.perf_counter() - t0
        stop = asyncio.Event()
        sampler = asyncio.create_task(sample(server, peaks, stop))
        try:
            client = FilteredClient(server.url)
            out["login_s"] = await client.open(password=password(args.data))
            print(f"signed in in {out['login_s']:.1f} s; first views:", flush=True)
            await walk(client, pages, out["first"], out["cpu_first"], server)
            for r in range(args.rounds):
                print(f"warm round {r + 1}:", flush=True)
                await walk(client, pages, out["warm"], out["cpu_warm"], server)
            await client.close()
            for url, label, nama in filters(args.data):
                print(f"new session, {label} {nama}:", flush=True)
                c = FilteredClient(server.url, url)
                await c.open(password=password(args.data))
                chosen = c.kecamatan(label)
                if chosen != nama:
                    raise RuntimeError(f"?{url} chose {chosen!r}, not {nama}")
                await walk(c, pages, out["filter"], out["cpu_filter"], server)
                await c.close()
        finally:
            stop.set()
            await sampler
            with contextlib.suppress(OSError):
                peaks["hwm_mb"] = vm_hwm_mb(server.proc.pid)
        out["tracebacks"] = server.output().count("Traceback")
    out["peaks"] = peaks
    out["when"] = f"{dt.datetime.now():%Y-%m-%dT%H:%M}"
    out["load"] = os.getloadavg()
    return out


def lake_facts(data: Path) -> dict:
    manifest = json.loads((data / "lake" / "manifest.json").read_text())
    size = sum(p.stat().st_size for p in (data / "lake").rglob("*.parquet"))
    rows = {}
    for jenis, periods in manifest.get("datasets", manifest).items():
        if not isinstance(periods, dict):
            continue
        for entry in periods.values():
            batches = entry.get("batches", []) if isinstance(entry, dict) else []
            cur = entry.get("current") if isinstance(entry, dict) else None
            for b in batches:
                if b.get("batch") == cur:
                    rows[jenis] = rows.get(jenis, 0) + int(b.get("rows", 0))
    return {"parquet_gb": size / 1024**3, "rows": rows}


def fmt(x: float) -> str:
    return f"{x:.2f}"


def n(v) -> str:
    return f"{v:,}".replace(",", ".")


def section(out: dict, args, facts: dict) -> str:
    limit = os.environ.get("PANTAU_MEMORY_LIMIT", "1GB (default)")
    threads = os.environ.get("PANTAU_THREADS", f"{os.cpu_count()} (default)")
    rows = []
    worst_first = worst_filter = 0.0
    for key in PAGES:
        first = out["first"][key][0]
        warm = statistics.median(out["warm"][key])
        filt = out["filter"][key]
        worst_first, worst_filter = max(worst_first, first), max(worst_filter, max(filt))
        cpu = statistics.median(out["cpu_filter"][key])
        rows.append(
            f"| {key} | {fmt(first)} s | {fmt(warm)} s | {fmt(statistics.median(filt))} s "
            f"| {fmt(max(filt))} s | {fmt(cpu)} s |"
        )
    hwm, pss = out["peaks"].get("hwm_mb", 0), out["peaks"].get("pss_mb", 0)
    kinds = ", ".join(f"{k} {n(v)}" for k, v in sorted(facts["rows"].items()))
    machine = {**harness.machine(), "load": out.get("load", os.getloadavg())}
    lines = [
        f"### {args.label}",
        "",
        f"Measured {out.get('when', f'{dt.datetime.now():%Y-%m-%dT%H:%M}')} by `PANTAU_MEMORY_LIMIT={limit} "
        f"PANTAU_THREADS={threads} python bench/province.py --data {args.data}` on "
        f"{harness.machine_line(machine)} at the end. Lake: "
        f"{fmt(facts['parquet_gb'])} GB of Parquet; rows in the current batches: {kinds}. "
        f"Server answered its health check {fmt(out['start_s'])} s after starting; the first "
        f"sign-in took {fmt(out['login_s'])} s: it draws Ringkasan, which waits for the query "
        "engine's first build (views and _shared summary tables, started with the server by "
        "`queries.warm_up`), so Ringkasan's first view below is already warm. After an import "
        "the rebuild runs in a background thread while pages keep the previous views.",
        "",
        f"| page | first view after start | warm (median) | new filter (median of {len(filters(args.data))}) "
        "| new filter (slowest) | server CPU, new filter |",
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
        f"- Peak server memory: **{n(round(hwm))} MB** resident (VmHWM), "
        f"{n(round(pss))} MB PSS at most in the 1-s samples; DuckDB memory_limit {limit}, "
        f"{threads} threads. Aim ≤ 2.048 MB: **{'met' if hwm <= 2048 else 'NOT met'}**.",
        f"- Slowest page view: {fmt(max(worst_first, worst_filter))} s (first view after start "
        f"{fmt(worst_first)} s, new filter {fmt(worst_filter)} s). Aim ≤ 2 s per page: "
        f"**{'met' if max(worst_first, worst_filter) <= 2 else 'NOT met'}**.",
        f"- Errors: {out['tracebacks']} tracebacks in the server's log; every view finished "
        "without an exception or error box.",
    ]
    return "\n".join(lines) + "\n"


INTRO = (
    "The same server a deployment runs, on demo data generated at province size "
    "(`python -m pantau demo --keluarga 5000000`: every quarter's registry of 5 million "
    "families, 2023-03 to 2026-09, with the payments and monitoring that go with it). "
    "Times are the server's share of a page view (`bench/province.py`, websocket "
    'sessions); `bench/pages.py` ("Pages" above) times the same pages\' queries alone.'
)


def write(text: str, label: str) -> None:
    """The run's subsection `### label` of the section, replaced in place or added to it."""
    old = RESULTS.read_text(encoding="utf-8")
    if SECTION not in old.splitlines():
        old = harness.replace_section(old, SECTION, INTRO)
    heading = f"### {label}"
    new = harness.replace_section(old, heading, text.removeprefix(heading), parent=SECTION)
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--label", default="5.000.000 keluarga a quarter")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--json", type=Path, help="also save the raw times here")
    ap.add_argument("--write", action="store_true", help="record the run in bench/RESULTS.md")
    args = ap.parse_args()
    out = asyncio.run(run(args))
    if args.json:
        args.json.write_text(json.dumps(out), encoding="utf-8")
    text = section(out, args, lake_facts(args.data))
    print(text)
    if args.write:
        write(text, args.label)


if __name__ == "__main__":
    main()

"""Where a simulation's time goes on a big lake, and the kept candidates table's effect
(bench/RESULTS.md, Simulasi): one engine build, then the `simulasi` query timed (wall and CPU
seconds) alternately with the candidates read from the kept table `simulasi_calon_terakhir`
(as built) and from the lake (the macro redefined as before the change, in this process only).

    nice -n 5 python bench/simulasi_profil.py --data LAKE [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# simulasi_calon_semua as it was before the kept table: every call reads the period's families.
DARI_LAKE = """
CREATE OR REPLACE MACRO simulasi_calon_semua(p, kec, sasaran) AS TABLE
SELECT * FROM simulasi_calon_hitung(p)
WHERE (kec IS NULL OR kode_kec = kec)
  AND (sasaran IS DISTINCT FROM 'ekstrem' OR ditandai);
"""


def _shipped(name: str) -> str:
    """The macro `name` as the product defines it (queries/_shared/70_simulasi.sql), so that
    restoring it after the "dari_lake" runs cannot drift from what ships."""
    text = (ROOT / "queries" / "_shared" / "70_simulasi.sql").read_text(encoding="utf-8")
    start = text.index(f"CREATE OR REPLACE MACRO {name}(")
    return text[start : text.index(";", start) + 1]


TERSIMPAN = _shipped("simulasi_calon_semua")


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    from pantau import queries, simulasi

    t0 = time.perf_counter()
    eng = queries.engine(args.data)
    eng.refresh(block=True)
    out = {"build": time.perf_counter() - t0, "load_start": os.getloadavg()}
    print("build", out["build"], flush=True)
    params = simulasi.parameter(4_800_000_000, per_bulan=200_000, bulan=12)
    cur = eng.con.cursor()
    t, c = time.perf_counter(), _cpu()
    n = cur.execute("SELECT count(*) FROM simulasi_calon_terakhir").fetchone()[0]
    out["kept_rows"] = n
    t, c = time.perf_counter(), _cpu()
    cur.execute(
        "SELECT count(*), sum(w) FROM simulasi_calon_hitung(getvariable('periode_tersimpan'))"
    ).fetchall()
    out["one_lake_scan"] = {"wall": time.perf_counter() - t, "cpu": _cpu() - c}
    print("one scan", out["one_lake_scan"], flush=True)
    runs = {"tersimpan": [], "dari_lake": []}
    simulasi.jalankan(params, "kepala", args.data)  # warm
    for _ in range(args.repeat):
        for name, sql in (("dari_lake", DARI_LAKE), ("tersimpan", TERSIMPAN)):
            cur.execute(sql)
            t, c = time.perf_counter(), _cpu()
            df = simulasi.jalankan(params, "kepala", args.data)
            runs[name].append({"wall": time.perf_counter() - t, "cpu": _cpu() - c})
            out.setdefault("p0", {})[name] = simulasi.kota(df)["p0"].tolist()
            print(name, runs[name][-1], flush=True)
    out["runs"] = runs
    out["median"] = {
        k: {m: statistics.median(r[m] for r in v) for m in ("wall", "cpu")} for k, v in runs.items()
    }
    cur.execute(TERSIMPAN)
    out["load_end"] = os.getloadavg()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, indent=1))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

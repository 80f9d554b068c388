"""Server CPU of one warm page view, per page, in this process (issue 16 part 1, session 12).

    python -m pantau --data /tmp/cepat-demo demo          # once: the Kota Pasuruan demo
    python bench/warm_view.py --data /tmp/cepat-demo --rounds 7
    python bench/warm_view.py --data /tmp/cepat-demo --profile ringkasan   # cProfile, top 40

A signed-in AppTest session (role `--role`, kepala by default) opens each page once (cold: the
engine builds its views, the caches fill), then reruns it `--rounds` times. A warm rerun is what
a page view costs the server when nothing is new: every figure is in Streamlit's caches, so
what is left is the page script itself (formatting, figures, tables, the privacy path of
anything not cached). Two clocks per rerun, both medians over the rounds:

- script CPU: `time.thread_time()` of the script thread, the work a served process does for
  the view in Python (AppTest's own parsing of the output runs in the caller's thread, so it
  is not counted);
- process CPU: getrusage of the whole process around `AppTest.run` (DuckDB's worker threads
  included, and AppTest's parsing).

The served process also serialises the deltas onto its websocket; that is not counted here.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import harness  # noqa: E402

_SCRIPT_CPU: list[float] = []  # the script thread's CPU seconds of each run, in order
_PROFILE: dict = {}  # "on": a cProfile.Profile to enable in the script thread


def _patch_runner() -> None:
    """Wrap AppTest's script thread so each run records its own CPU (and, on demand, a profile),
    and give every run one ScriptCache, as the server's Runtime does: AppTest makes a new one per
    run, so each rerun would compile (and rewrite for magic) the page scripts again, work a
    served process does once."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    shared = ScriptCache()
    local_script_runner.ScriptCache = app_test.ScriptCache = lambda: shared

    inner = LocalScriptRunner._run_script_thread

    def timed(self):
        prof = _PROFILE.get("on")
        c = time.thread_time()
        if prof is not None:
            prof.enable()
        try:
            inner(self)
        finally:
            if prof is not None:
                prof.disable()
            _SCRIPT_CPU.append(time.thread_time() - c)

    LocalScriptRunner._run_script_thread = timed


def sign_in(data: Path, role: str):
    from streamlit.testing.v1 import AppTest

    os.environ["PANTAU_DATA"] = str(data)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=300)
    at.run()
    at.text_input(key="login_user").input(role)
    at.text_input(key="login_password").input("demo")
    at.button[0].click()
    at.run()
    if at.session_state["role"] != role:
        raise SystemExit(f"login as {role} failed")
    return at


def warm(at, page: str, rounds: int) -> tuple[float, float, float]:
    """(cold script CPU, warm script CPU median, warm process CPU median) of `page`."""
    at.switch_page(f"pages/{page}.py")
    at.run()
    if at.exception:
        raise SystemExit(f"{page}: {at.exception[0].message}")
    cold = _SCRIPT_CPU[-1]
    script, proc = [], []
    for _ in range(rounds):
        c = harness.cpu_seconds()
        at.run()
        proc.append(harness.cpu_seconds() - c)
        script.append(_SCRIPT_CPU[-1])
    return cold, statistics.median(script), statistics.median(proc)


def profile(at, page: str, rounds: int, top: int, out: Path | None = None) -> None:
    at.switch_page(f"pages/{page}.py")
    at.run()
    prof = cProfile.Profile()
    _PROFILE["on"] = prof
    for _ in range(rounds):
        at.run()
    _PROFILE.clear()
    if out is not None:
        prof.dump_stats(out)  # for pstats or snakeviz
    stats = pstats.Stats(prof).strip_dirs().sort_stats("cumulative")
    stats.print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--role", default="kepala")
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--pages", default="", help="comma-separated page keys (default: all)")
    ap.add_argument("--profile", default="", help="a page key: print its cProfile instead")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--out", type=Path, help="with --profile: also write the pstats file here")
    args = ap.parse_args(argv)
    from pantau import page_list, privacy

    _patch_runner()
    at = sign_in(args.data, args.role)
    if args.profile:
        profile(at, args.profile, args.rounds, args.top, args.out)
        return
    keys = page_list.pick(*args.pages.split(",")) if args.pages else list(page_list.KEYS)
    keys = [k for k in keys if k in privacy.PAGES[args.role]]
    print(f"# {harness.machine_line()}; role {args.role}, {args.rounds} warm rounds")
    print("| page | cold script CPU-s | warm script CPU-s | warm process CPU-s |")
    print("|---|---:|---:|---:|")
    for key in keys:
        cold, script, proc = warm(at, key, args.rounds)
        print(f"| {key} | {cold:.3f} | {script:.3f} | {proc:.3f} |", flush=True)


if __name__ == "__main__":
    main()

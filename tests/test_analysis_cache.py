"""An analysis (a statistic over a query's full rows) is computed once per input and shared by
every role, page and file of a period; each role's policy still applies to its own copy."""

from __future__ import annotations

import pandas as pd
import pytest

from pantau import privacy


def test_the_same_rows_are_analysed_once_and_a_change_is_analysed_again(monkeypatch):
    calls = []

    def mean_by_group(rows: pd.DataFrame) -> pd.DataFrame:
        calls.append(len(rows))
        return rows.groupby("g", as_index=False)["x"].mean()

    monkeypatch.setattr(privacy, "_compute", lambda path: mean_by_group)
    privacy._ANALYSED.clear()
    rows = pd.DataFrame({"g": ["a", "a", "b"], "x": [1.0, 3.0, 5.0]})
    first = privacy._analysis("m:f", rows)
    again = privacy._analysis("m:f", rows.copy())
    assert calls == [3]
    assert first.equals(again) and first["x"].tolist() == [2.0, 5.0]
    again.loc[0, "x"] = 99.0  # a caller's change never reaches the kept result
    assert privacy._analysis("m:f", rows)["x"].tolist() == [2.0, 5.0]
    changed = rows.assign(x=[1.0, 3.0, 7.0])
    assert privacy._analysis("m:f", changed)["x"].tolist() == [2.0, 7.0]
    assert privacy._analysis("other:f", rows)["x"].tolist() == [2.0, 5.0]
    assert calls == [3, 3, 3]


def test_at_most_32_inputs_are_kept(monkeypatch):
    monkeypatch.setattr(privacy, "_compute", lambda path: lambda rows: rows)
    privacy._ANALYSED.clear()
    for i in range(40):
        privacy._analysis("m:f", pd.DataFrame({"x": [i]}))
    assert len(privacy._ANALYSED) == 32


def test_the_server_s_warm_up_leaves_every_statistic_of_the_latest_period_kept(
    tmp_path, monkeypatch
):
    """queries.warm_up calls privacy.hangatkan after each build: a page asking for the latest
    period by name then gets the kept statistic (its rows are the same) and computes nothing."""
    from test_report import P, build

    lake = build(tmp_path)
    privacy._ANALYSED.clear()
    privacy.hangatkan(lake)
    assert len(privacy._ANALYSED) == len(privacy.ANALYSES)

    def nothing_left_to_compute(path):
        raise AssertionError(f"computed again: {path}")

    monkeypatch.setattr(privacy, "_compute", nothing_left_to_compute)
    for name in ("bantuan_modal_usaha_efek", "kube_efek"):
        area = {"periode": P, "kode_kec": None, "kode_kel": None}
        assert isinstance(privacy.result(name, area, "kepala", lake), pd.DataFrame)
    klaster = privacy.result("peta_klaster", {"periode": P}, "kepala", lake)
    assert len(klaster) == 34  # one row per kelurahan of Kota Pasuruan


def test_a_second_caller_waits_for_the_first_one_s_models_instead_of_computing_them_again(
    monkeypatch,
):
    """The warm-up computes a province's effect models for tens of seconds; a page that asks
    for the same rows meanwhile gets that result, not a second computation beside it. When the
    first computation fails, the waiting caller computes (and fails) on its own."""
    import threading

    started, release, calls = threading.Event(), threading.Event(), []

    def slow_sum(rows: pd.DataFrame) -> pd.DataFrame:
        calls.append(threading.current_thread().name)
        started.set()
        release.wait(5)
        return pd.DataFrame({"total": [rows["x"].sum()]})

    monkeypatch.setattr(privacy, "_compute", lambda path: slow_sum)
    privacy._ANALYSED.clear()
    rows = pd.DataFrame({"x": [2, 3, 4]})
    got = {}
    first = threading.Thread(target=lambda: got.update(a=privacy._analysis("m:f", rows)), name="a")
    second = threading.Thread(target=lambda: got.update(b=privacy._analysis("m:f", rows)), name="b")
    first.start()
    assert started.wait(5)
    second.start()
    second.join(0.3)
    assert second.is_alive()  # waiting for the first, not computing
    release.set()
    first.join(5)
    second.join(5)
    assert calls == ["a"]
    assert got["a"]["total"].tolist() == [9] and got["b"]["total"].tolist() == [9]
    assert not privacy._RUNNING

    fails = []

    def broken(rows):
        fails.append(1)
        raise ValueError("singular matrix")

    monkeypatch.setattr(privacy, "_compute", lambda path: broken)
    for _ in range(2):
        with pytest.raises(ValueError, match="singular"):
            privacy._analysis("m:g", rows)
    assert fails == [1, 1] and not privacy._RUNNING


def test_the_warm_up_tries_again_to_keep_the_effect_panels_when_they_ran_out_of_memory(
    monkeypatch, tmp_path
):
    """Engine.simpan_panel returns False when DuckDB ran out of memory (beside a page's query
    at 1 GB): the warm-up tries again on its next rounds, at most PANEL_TRIES times a build,
    and stops once kept; a new build starts again from one try."""
    import threading
    import time
    from types import SimpleNamespace

    from pantau import queries

    answers = {1: [False, False, True, True], 2: [False] * 9}
    calls = {1: 0, 2: 0}
    state = {"version": 1}

    class Fake:
        background = False
        lake = SimpleNamespace(data_dir=tmp_path)

        def refresh(self, block=None):
            return state["version"]

        def simpan_panel(self):
            v = state["version"]
            calls[v] += 1
            return answers[v][calls[v] - 1]

    monkeypatch.setattr(queries, "engine", lambda data_dir: Fake())
    monkeypatch.setattr(privacy, "hangatkan", lambda data_dir: None)
    thread = queries.warm_up(tmp_path, every=0.01)
    assert isinstance(thread, threading.Thread)
    time.sleep(0.5)
    assert calls == {1: 3, 2: 0}  # False, False, then kept: no fourth try
    state["version"] = 2
    time.sleep(0.5)
    assert calls == {1: 3, 2: queries.PANEL_TRIES}  # never kept: three tries, then it stops

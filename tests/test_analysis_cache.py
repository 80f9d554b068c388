"""An analysis (a statistic over a query's full rows) is computed once per input and shared by
every role, page and file of a period; each role's policy still applies to its own copy."""

from __future__ import annotations

import pandas as pd

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

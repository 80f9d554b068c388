"""bench/harness.py: timings from a fake clock, the machine line, RESULTS.md sections replaced
in place and never duplicated."""

from __future__ import annotations

import pytest

from bench import harness


def fake_clock(*readings: float):
    values = iter(readings)
    return lambda: next(values)


def test_timing_of_fake_calls_gives_best_median_and_cpu():
    calls = []
    # Wall readings before/after each call: 0.5 s, 0.2 s, 0.9 s, 0.4 s.
    wall = fake_clock(10.0, 10.5, 20.0, 20.2, 30.0, 30.9, 40.0, 40.4)
    # CPU: 1.0 s, 0.25 s, 0.5 s, 2.0 s.
    cpu = fake_clock(0.0, 1.0, 1.0, 1.25, 1.25, 1.75, 1.75, 3.75)
    t = harness.time_call(lambda: calls.append(1), 4, clock=wall, cpu_clock=cpu)
    assert len(calls) == 4
    assert t.walls == pytest.approx((0.5, 0.2, 0.9, 0.4))
    assert t.best == pytest.approx(0.2)
    assert t.median == pytest.approx(0.45)  # even count: (0.4 + 0.5) / 2
    assert t.cpu_median == pytest.approx(0.75)  # (0.5 + 1.0) / 2


def test_one_call_is_its_own_best_and_median_and_zero_calls_are_refused():
    t = harness.time_call(lambda: None, 1, clock=fake_clock(1.0, 4.0), cpu_clock=fake_clock(0, 2))
    assert (t.best, t.median, t.cpu_median) == (3.0, 3.0, 2)
    with pytest.raises(ValueError):
        harness.time_call(lambda: None, 0)


def test_the_median_of_an_odd_count_is_the_middle_value_not_the_mean():
    t = harness.Timing(walls=(7.0, 0.1, 0.3), cpus=(1.0, 1.0, 4.0))
    assert (t.best, t.median, t.cpu_median) == (0.1, 0.3, 1.0)


def test_machine_line_names_cores_ram_versions_and_load():
    m = {
        "arch": "x86_64",
        "cores": 2,
        "ram_gb": 7.75,
        "python": "3.11.7",
        "duckdb": "1.4.1",
        "load": (0.5, 1.0, 12.345),
    }
    assert harness.machine_line(m) == (
        "x86_64, 2 cores, 7.8 GB RAM, Python 3.11.7, DuckDB 1.4.1; load average 0.50, 1.00, 12.35"
    )
    real = harness.machine()
    assert real["cores"] >= 1 and len(real["load"]) == 3 and real["duckdb"].count(".") >= 1


DOC = """# Benchmarks

## Ingest (issue 1)

old ingest table

```bash
## not a heading: inside a code fence
python bench/ingest.py
```

### Profile

kept

## Pages (issue 2)

old pages

### 50.000 keluarga

old 50k

### 5.000.000 keluarga

old 5m

## Pages (issue 2) later

a heading that only starts the same way
"""


def test_a_section_is_replaced_up_to_the_next_heading_of_its_level():
    new = harness.replace_section(DOC, "## Ingest (issue 1)", "new ingest table")
    assert new == DOC.replace(
        "old ingest table\n\n```bash\n## not a heading: inside a code fence\n"
        "python bench/ingest.py\n```\n\n### Profile\n\nkept\n",
        "new ingest table\n",
    )
    # Written twice: the same text, the section once.
    assert harness.replace_section(new, "## Ingest (issue 1)", "new ingest table") == new
    assert new.count("## Ingest (issue 1)") == 1


def test_a_subsection_is_replaced_within_its_parent_and_others_are_kept():
    new = harness.replace_section(
        DOC, "### 50.000 keluarga", "\nnew 50k\n\n", parent="## Pages (issue 2)"
    )
    assert new == DOC.replace("old 50k", "new 50k")
    again = harness.replace_section(
        new, "### 50.000 keluarga", "new 50k", parent="## Pages (issue 2)"
    )
    assert again == new and again.count("### 50.000 keluarga") == 1


def test_a_missing_subsection_goes_at_the_end_of_its_parent():
    new = harness.replace_section(DOC, "### 1.000.000 keluarga", "1m", parent="## Pages (issue 2)")
    assert new == DOC.replace(
        "old 5m\n\n## Pages (issue 2) later",
        "old 5m\n\n### 1.000.000 keluarga\n\n1m\n\n## Pages (issue 2) later",
    )


def test_missing_sections_are_appended_once():
    new = harness.replace_section(DOC, "### x", "body", parent="## Faults")
    assert new == DOC + "\n## Faults\n\n### x\n\nbody\n"
    assert harness.replace_section(new, "### x", "body", parent="## Faults") == new
    assert harness.replace_section("", "## A", "a") == "## A\n\na\n"


def test_write_section_edits_the_file_in_place(tmp_path):
    path = tmp_path / "RESULTS.md"
    harness.write_section("## A", "one", path=path)
    harness.write_section("## B", "two", path=path)
    harness.write_section("## A", "three", path=path)
    assert path.read_text() == "# Benchmarks\n\n## A\n\nthree\n\n## B\n\ntwo\n"

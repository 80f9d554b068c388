"""A small demo lake shared by the page, role and browser tests (built once per session)."""

from __future__ import annotations

import pytest

from pantau import demo

DEMO_KELUARGA = 2000  # families in the quarterly registry; the P3KE/verval lists are full size


@pytest.fixture(scope="session")
def demo_lake(tmp_path_factory):
    data = tmp_path_factory.mktemp("demo") / "data"
    demo.build(data, keluarga=DEMO_KELUARGA, seed=2023)
    return data

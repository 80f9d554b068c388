"""The build context: what every slide builder reads (the lake, the period, the role), with
each named query run once per deck and privacy-filtered for the role."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pantau import fmt, privacy
from pantau import wilayah as wilayah_mod


class Context:
    """What every slide builder needs: the lake, the period, the role and the policy's results.

    Every table a slide shows comes from `query`, `privacy.result`'s: a builder never holds
    rows the role may not see, and computes no figure from them (issue 15)."""

    def __init__(self, data_dir: Path, periode: str | None, role: str):
        self.data_dir = Path(data_dir)
        self.role = role
        self.wilayah = wilayah_mod.dari(self.data_dir)  # the region the directory serves
        self.nama = self.wilayah.nama  # its name, also the label of the queries' total rows
        self._rows: dict[tuple, pd.DataFrame] = {}
        periods = self.query("periode_list")
        self.periode_keluarga = [
            p
            for p, d in zip(periods["periode"], periods["dataset"], strict=True)
            if "keluarga" in d
        ]
        self.periode_verval = [
            p for p, d in zip(periods["periode"], periods["dataset"], strict=True) if "verval" in d
        ]
        self.periode = periode or (self.periode_keluarga[-1] if self.periode_keluarga else None)
        self.label = fmt.periode(self.periode)

    @property
    def ada_daftar(self) -> bool:
        return self.periode in self.periode_keluarga

    def query(self, name: str, **params) -> pd.DataFrame:
        """Named query `name` as the role may see it (`privacy.result`); each runs once per
        deck, slides that share one share its rows."""
        key = (name, tuple(sorted(params.items())))
        if key not in self._rows:
            self._rows[key] = privacy.result(name, params, self.role, self.data_dir)
        return self._rows[key].copy()

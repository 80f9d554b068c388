"""The poverty lines of a region: the extreme line (national, the same everywhere) and the
general BPS line, which BPS publishes per kab/kota, per province and for Indonesia.

data/reference/garis_kemiskinan_bps.csv carries the general lines known (Kota Pasuruan 2020-2025,
Jawa Timur March 2023, Indonesia 2022-2025), keyed by Kemendagri code ('00' = Indonesia). A
region without its own line for a year takes the nearest level that has one (its province,
then Indonesia), and the source says so: "garis Jawa Timur; garis Kabupaten Tuban belum dimuat".
"""

from __future__ import annotations

import pandas as pd

from pantau import wilayah
from pantau.config import REFERENCE_DIR

EKSTREM = REFERENCE_DIR / "garis_kemiskinan.csv"
BPS = REFERENCE_DIR / "garis_kemiskinan_bps.csv"
NASIONAL = "00"


def _tingkat(w: wilayah.Wilayah) -> list[tuple[str, str]]:
    """(code, name in a sentence) from the region itself up to Indonesia."""
    out = [(w.kode, w.nama)]
    if not w.adalah_provinsi:
        out.append((w.kode.split(".")[0], w.provinsi))
    return [*out, (NASIONAL, "nasional")]


def _kata(w: wilayah.Wilayah, kode: str) -> str:
    """How a carried line is named: 'garis kota 2025' (the region's own), 'garis provinsi …'."""
    if kode == w.kode:
        return w.jenis
    return "nasional" if kode == NASIONAL else "provinsi"


def garis_umum(w: wilayah.Wilayah, tahun: int, bps: pd.DataFrame) -> tuple[float | None, str]:
    """The general BPS line (Rp per person per month) that applies to `tahun` in region `w`, and
    its source: the most specific level with a line of that year, else the latest earlier line
    (the most specific of the latest), carried ('garis kota 2025'); None when none is known."""
    levels = _tingkat(w)
    latest = []
    for rank, (kode, _) in enumerate(levels):
        rows = bps[(bps["kode"] == kode) & (bps["tahun"] <= tahun)]
        if len(rows):
            latest.append((int(rows["tahun"].max()), -rank, rank, rows.loc[rows["tahun"].idxmax()]))
    if not latest:
        missing = " dan ".join(n for k, n in levels if k != NASIONAL)
        return None, f"garis kemiskinan BPS {missing} belum dimuat"
    year, _, rank, row = max(latest, key=lambda x: (x[0], x[1]))
    carried = year != tahun
    text = f"garis {_kata(w, row['kode'])} {year}" if carried else row["sumber"]
    if rank:  # not the region's own line: say whose it is (unless carried says it) and whose
        missing = "garis " + " dan ".join(n for _, n in levels[:rank]) + " belum dimuat"
        text += f" ({missing})" if carried else f" (garis {levels[rank][1]}; {missing})"
    return float(row["garis_per_kapita_bulan"]), text


def tabel(w: wilayah.Wilayah) -> pd.DataFrame:
    """The garis_kemiskinan table of the query engine: per year the extreme line, what it is
    (dasar, status, tahun_nilai), the general line of the region (garis_kota) and both sources
    in one text (sumber: the extreme line's; the general line's)."""
    g = pd.read_csv(EKSTREM, dtype=str, keep_default_na=False)
    bps = pd.read_csv(BPS, dtype={"kode": str, "sumber": str, "wilayah": str})
    umum = [garis_umum(w, int(t), bps) for t in g["tahun"]]
    return pd.DataFrame(
        {
            "tahun": g["tahun"].astype(int),
            "garis_ekstrem": g["garis_ekstrem_per_kapita_bulan"].astype(float),
            "garis_kota": [v for v, _ in umum],
            "dasar": g["dasar"],
            "status": g["status"],
            "tahun_nilai": g["tahun_nilai"].astype(int),
            "sumber": [f"{s}; {u}" for s, (_, u) in zip(g["sumber"], umum, strict=True)],
        }
    )

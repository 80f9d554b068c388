"""Small lakes for tests, built through the real importer from tables written in the test.

`build_lake(dir, {"keluarga": {"2024-06": df, ...}, ...})` writes each DataFrame as a CSV
with canonical column names (which are aliases too) and imports it, so a query test runs over
exactly the rows it shows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pantau.ingest import import_files

ROOT = Path(__file__).resolve().parents[1]


def nik(i: int, kec: str = "01", female: bool = False, serial: int | None = None) -> str:
    """A valid synthetic NIK: 3575 + kecamatan + birth date 01-01-80 (+40 for women) + serial."""
    day = 41 if female else 1
    return f"3575{kec}{day:02d}0180{(serial if serial is not None else i + 1):04d}"


def kk(i: int) -> str:
    return f"35750{1 + i % 4}0101{i:06d}"


def keluarga_rows(rows: list[dict]) -> pd.DataFrame:
    """Fill the required columns of keluarga rows given partially (no_kk from an index)."""
    out = []
    for i, row in enumerate(rows):
        base = {
            "no_kk": kk(i),
            "nik_kepala": nik(i),
            "nama_kepala": f"Kepala {i}",
            "kode_kel": "35.75.04.1007",
            "jumlah_anggota": 4,
            "miskin_ekstrem": "Ya",
        }
        base.update(row)
        out.append(base)
    return pd.DataFrame(out)


def build_lake(
    data_dir: Path, tables: dict[str, dict[str, pd.DataFrame]], demo: bool = False
) -> Path:
    """`demo=True` builds it the way `python -m pantau demo` does: marker, demo-written batches."""
    data_dir = Path(data_dir)
    exports = data_dir / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    if demo:
        (data_dir / "lake").mkdir(exist_ok=True)
        (data_dir / "lake" / "DEMO").write_text("test")
    for jenis, periods in tables.items():
        for periode, df in periods.items():
            path = exports / f"{jenis}_{periode}.csv"
            df.to_csv(path, index=False)
            extra = {"_demo": True} if demo else {}
            summary = import_files([path], jenis, periode, data_dir, **extra)
            assert summary.rejected == 0, (jenis, periode, summary.reasons)
    return data_dir


def mark_demo(data_dir: Path) -> Path:
    """Make a test lake a pure demo lake by hand: the marker, and every batch flagged as
    demo-written in the manifest with its file's SHA-256 (what `python -m pantau demo` leaves)."""
    import json

    from pantau.lake import file_sha256

    lake = Path(data_dir) / "lake"
    m = json.loads((lake / "manifest.json").read_text())
    for periods in m["datasets"].values():
        for entry in periods.values():
            for b in entry["batches"]:
                b["demo"] = True
                b["demo_sha256"] = file_sha256(lake / b["file"])
    (lake / "manifest.json").write_text(json.dumps(m))
    (lake / "DEMO").write_text("test")
    return Path(data_dir)


def open_page(lake: Path, monkeypatch, page_file: str, role: str = "kepala", **params):
    """An AppTest of dashboard.py on `page_file`, signed in as `role` the way the login form
    leaves the session, with `params` in the URL."""
    import time

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DATA", str(lake))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.session_state["user"] = "kabid"
    at.session_state["role"] = role
    at.session_state["last_seen"] = time.time()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page_file)
    at.run()
    assert not at.exception, at.exception
    return at


def page_texts(at) -> str:
    """The page's prose: markdown, captions, info boxes and subheaders."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


PROVINSI_KELUARGA = 5000  # families of the quarterly registry; the lists are full size
_PROVINSI: dict[str, Path] = {}


def provinsi_lake(tmp_path_factory) -> Path:
    """A small synthetic Jawa Timur (`demo --wilayah 35 --keluarga 5000`: 38 kab/kota, 666
    kecamatan, 8,494 desa/kelurahan), built once per test process and shared read-only."""
    if "35" not in _PROVINSI:
        from pantau import demo

        data = tmp_path_factory.mktemp("jatim") / "data"
        demo.build(data, keluarga=PROVINSI_KELUARGA, seed=2023, wilayah="35")
        _PROVINSI["35"] = data
    return _PROVINSI["35"]

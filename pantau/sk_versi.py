"""The frozen Daftar SK versions as the lake keeps them: the columns of a version's file and
the view `sk_daftar` over all of them.

Apart from pantau/sk.py (freezing a version, its lampiran documents) because the query engine
builds the view with the others, and freezing runs a query: the engine reads this module, and
pantau.sk reads the engine.
"""

from __future__ import annotations

from pathlib import Path

from pantau.lake import Lake, _inside_lake

# The family columns a version keeps (sk_calon's), after the version's own.
KOLOM = (
    "no_kk",
    "nik_kepala",
    "nama_kepala",
    "alamat",
    "rt",
    "rw",
    "kode_kec",
    "kecamatan",
    "kode_kel",
    "kelurahan",
    "desil",
    "jumlah_anggota",
    "sumber_data",
)
TIPE = {"desil": "INTEGER", "jumlah_anggota": "INTEGER", "versi": "INTEGER"}
VERSI_KOLOM = ("versi", "nama_versi", "periode", "dibekukan", "oleh", "sha256")


def versi_list(data_dir: Path) -> list[dict]:
    """The manifest's records of the frozen versions, in the order they were frozen."""
    return list(Lake(Path(data_dir)).manifest().get("sk", []))


def view_sql(lake, manifest: dict) -> str:
    """The SQL of the view `sk_daftar`: every family row of every frozen version (the version's
    columns first), or no rows of the same columns when none is frozen."""
    records = manifest.get("sk", [])
    files = [
        lake.root / r["file"]
        for r in (records if isinstance(records, list) else [])
        if isinstance(r, dict) and isinstance(r.get("file"), str) and _inside_lake(r["file"])
    ]
    files = [f for f in files if f.is_file()]
    if files:
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        return f"SELECT * FROM read_parquet([{listed}], union_by_name=true)"
    cols = ", ".join(
        f"CAST(NULL AS {TIPE.get(c, 'VARCHAR')}) AS {c}" for c in (*VERSI_KOLOM, *KOLOM)
    )
    return f"SELECT {cols} WHERE false"

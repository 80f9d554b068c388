"""Write the batch: every file's checked rows in one table, later copies of a key found, then
the accepted rows and the notes (rejects and warnings) as Parquet files in the lake."""

from __future__ import annotations

import pyarrow as pa

from pantau.contract import Dataset
from pantau.ingest.region_sql import REGION_DATASETS
from pantau.ingest.rules import q
from pantau.ingest.summary import decoded_cells
from pantau.lake import Lake, private_dir


def _register_reference(con) -> None:
    from pantau.config import REFERENCE_DIR

    con.execute(
        f"CREATE TEMP TABLE ref_program AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program.csv')}, all_varchar=true)"
    )
    con.execute(
        f"CREATE TEMP TABLE ref_program_alias AS SELECT * FROM read_csv({q(REFERENCE_DIR / 'program_alias.csv')}, all_varchar=true)"
    )


def materialise(con, ds: Dataset, parts: list[str]) -> None:
    _register_reference(con)
    keys = ", ".join(f"v_{k}" for k in ds.unique)
    con.execute(f"CREATE TEMP TABLE baris AS {' UNION ALL '.join(parts)}")
    # Later copies of an accepted row's key, found over the key columns alone: a window over
    # every column would hold the whole batch in memory a second time.
    con.execute(
        "CREATE TEMP TABLE duplikat AS SELECT _file, _baris FROM (SELECT _file, _baris, "
        f"row_number() OVER (PARTITION BY {keys} ORDER BY _file, _baris) AS n "
        "FROM baris WHERE _tolak IS NULL) WHERE n > 1"
    )
    # _urut: 1 for an accepted row first of its key, 2 for a later copy, NULL when rejected.
    con.execute(
        "CREATE TEMP VIEW hasil AS SELECT b.*, CASE WHEN b._tolak IS NOT NULL THEN NULL "
        "WHEN d._baris IS NULL THEN 1 ELSE 2 END AS _urut FROM baris b "
        "LEFT JOIN duplikat d ON d._file = b._file AND d._baris = b._baris"
    )


def output_columns(ds: Dataset) -> list[str]:
    cols = ds.columns[:]
    if ds.name in REGION_DATASETS:
        cols.insert(cols.index("kelurahan"), "kode_kec")
    return [*cols, "extra"]


def write_outputs(con, lake: Lake, ds: Dataset, periode: str, batch: str, raws) -> None:
    """The accepted rows and the notes as Parquet files, committed notes first.

    Long because the notes file is one COPY over every source of a note (checks, duplicates,
    ragged lines, rows rejected while reading, decoded text), each registered just before it.
    """
    final = lake.batch_path(ds.name, periode, batch)
    private_dir(final.parent)
    tmp = final.parent / f".tmp-{batch}.parquet"
    cols = ", ".join(f"v_{c} AS {c}" for c in output_columns(ds))
    con.execute(
        f"COPY (SELECT {cols}, {q(periode)} AS periode FROM hasil WHERE _tolak IS NULL AND _urut = 1) "
        f"TO {q(tmp)} (FORMAT parquet, COMPRESSION zstd)"
    )
    notes = lake.notes_path(batch)
    private_dir(notes.parent)
    ntmp = notes.parent / f".tmp-{batch}.parquet"
    dup_col = ds.unique[0]
    ragged = [(raw.source, line) for raw, _ in raws for line in raw.skipped_lines]
    con.register(
        "ragged",
        pa.table(
            {
                "file": pa.array([r[0] for r in ragged], pa.string()),
                "baris": pa.array([r[1] for r in ragged], pa.int64()),
            }
        ),
    )
    before = [(raw.source, *r) for raw, _ in raws for r in raw.rejected]
    con.register(
        "ditolak_awal",
        pa.table(
            {
                "file": pa.array([r[0] for r in before], pa.string()),
                "baris": pa.array([r[1] for r in before], pa.int64()),
                "kolom": pa.array([r[2] for r in before], pa.string()),
                "alasan": pa.array([r[3] for r in before], pa.string()),
                "nilai": pa.array([r[4] for r in before], pa.string()),
            }
        ),
    )
    decoded = decoded_cells(raws)
    con.register(
        "decoded",
        pa.table(
            {
                "file": pa.array([d[0] for d in decoded], pa.string()),
                "baris": pa.array([d[1] for d in decoded], pa.int64()),
                "kolom": pa.array([d[2] for d in decoded], pa.string()),
                "alasan": pa.array([d[3] for d in decoded], pa.string()),
            }
        ),
    )
    con.execute(
        "COPY ("
        "SELECT _file AS file, _baris AS baris, 'ditolak' AS tingkat, _tolak.kolom AS kolom, "
        "_tolak.alasan AS alasan, _tolak.nilai AS nilai FROM hasil WHERE _tolak IS NOT NULL "
        "UNION ALL SELECT _file, _baris, 'ditolak', "
        f"{q(dup_col)}, 'duplikat dalam file', CAST(v_{dup_col} AS VARCHAR) FROM hasil WHERE _urut > 1 "
        "UNION ALL SELECT file, baris, 'ditolak', NULL, 'jumlah kolom tidak sesuai judul', NULL FROM ragged "
        "UNION ALL SELECT file, baris, 'ditolak', kolom, alasan, nilai FROM ditolak_awal "
        "UNION ALL SELECT _file, _baris, 'peringatan', split_part(w, chr(31), 1), split_part(w, chr(31), 2), NULL "
        "FROM (SELECT _file, _baris, unnest(string_split(_peringatan, '|')) AS w FROM hasil "
        "WHERE _peringatan <> '') "
        "UNION ALL SELECT file, baris, 'peringatan', kolom, alasan, NULL FROM decoded ORDER BY 1, 2"
        f") TO {q(ntmp)} (FORMAT parquet)"
    )
    lake.commit_file(ntmp, notes)
    lake.commit_file(tmp, final)

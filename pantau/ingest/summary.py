"""The import's summary (what was read, accepted, rejected, warned and skipped) and its notes:
the reject and warning report the Data page offers for download."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from pantau import db
from pantau.ingest.rules import q
from pantau.lake import Lake

SHRINK_SHARE = 0.5  # a new batch under this share of the current one's rows is warned about


@dataclass
class ImportSummary:
    jenis: str
    periode: str
    batch: str
    files: list[str]
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    # The batch this one replaced as current ({"batch", "rows"}), and whether this one has
    # under half its rows: then the CLI and the Data page name the rollback.
    previous: dict | None = None
    shrunk: bool = False
    rollback_hint: str | None = None  # the sentence naming the rollback command, when shrunk

    def to_dict(self) -> dict:
        return asdict(self)


def compare_with_previous(summary: ImportSummary, entry: dict) -> None:
    """Set summary.previous (the batch replaced) and .shrunk (the new one far smaller)."""
    history = entry.get("history") or []
    if not history:
        return
    before = next((b for b in entry["batches"] if b["batch"] == history[-1]), None)
    if before is None:
        return
    summary.previous = {"batch": before["batch"], "rows": before["rows"]}
    summary.shrunk = summary.accepted < before["rows"] * SHRINK_SHARE
    if summary.shrunk:
        summary.rollback_hint = (
            f"Batch baru hanya {_n(summary.accepted)} baris, kurang dari separuh batch "
            f"sebelumnya ({_n(before['rows'])} baris); bila file ini keliru, kembalikan batch "
            f"sebelumnya dengan `{rollback_command(summary.jenis, summary.periode)}`."
        )


def rollback_command(jenis: str, periode: str) -> str:
    return f"python -m pantau rollback --jenis {jenis} --periode {periode}"


def nothing_usable(summary: ImportSummary) -> str:
    """The sentence refusing a batch without one accepted row, with its commonest reasons."""
    files = ", ".join(summary.files)
    if not summary.read:
        return f"Tidak ada baris data di {files}; ekspor ulang datanya lalu impor lagi."
    top = sorted(summary.reasons.items(), key=lambda kv: -kv[1])[:3]
    # A reason may carry its advice after a ';': the head is enough in a list of them.
    why = "; ".join(f"{reason.split(';')[0]}: {_n(n)} baris" for reason, n in top)
    return (
        f"Tidak ada baris yang dapat diterima di {files}: semua {_n(summary.read)} baris "
        f"ditolak ({why}), jadi tidak ada yang diimpor; perbaiki file lalu impor lagi."
    )


def _n(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def decoded_cells(raws) -> list[tuple[str, int, str, str]]:
    """(file, line, column, reason) of each field of a UTF-8 file that was not UTF-8 and was
    decoded on its own (read.py), as warnings: its text may be spelt wrong."""
    out = []
    for raw, m in raws:
        names = {col: name for name, (col, _) in m.fields.items()}
        names.update({col: header for col, header in m.extra})
        names.update({col: flag for col, flag in m.flags})
        for line, j, encoding in raw.decoded:
            reason = f"teks bukan UTF-8; dibaca sebagai {encoding}, periksa ejaannya"
            out.append((raw.source, line, names.get(f"c{j}", raw.headers[j]), reason))
    return out


def decode_summary(raws) -> dict[str, int]:
    """One warning per file and encoding, naming its rows, so the summary says where to look."""
    rows: dict[tuple[str, str], list[int]] = {}
    for source, line, _, reason in decoded_cells(raws):
        rows.setdefault((source, reason), []).append(line)
    out = {}
    for (source, reason), lines in rows.items():
        lines = sorted(set(lines))
        shown = ", ".join(str(n) for n in lines[:10]) + (", …" if len(lines) > 10 else "")
        out[f"{reason} ({source} baris {shown})"] = len(lines)
    return out


def summarise(con, summary: ImportSummary, ragged: int) -> None:
    n, ok = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE _tolak IS NULL AND _urut = 1) FROM hasil"
    ).fetchall()[0]
    summary.read = n + ragged
    summary.accepted = ok
    summary.rejected = summary.read - ok
    reasons = con.execute(
        "SELECT alasan, count(*) FROM ("
        "SELECT _tolak.alasan AS alasan FROM hasil WHERE _tolak IS NOT NULL "
        "UNION ALL SELECT 'duplikat dalam file' FROM hasil WHERE _urut > 1) GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    summary.reasons = {r: c for r, c in reasons}
    if ragged:
        summary.reasons["jumlah kolom tidak sesuai judul"] = ragged
    warnings = con.execute(
        "SELECT split_part(w, chr(31), 2), count(*) FROM (SELECT unnest(string_split(_peringatan, '|')) AS w "
        "FROM hasil WHERE _peringatan <> '') GROUP BY 1 ORDER BY 2 DESC"
    ).fetchall()
    summary.warnings = {w: c for w, c in warnings}


def add_read_notes(summary: ImportSummary, raws) -> None:
    """Add what the read phase found to the summary: the rows rejected before the import
    (raw.rejected) and the warnings of text decoded from another encoding."""
    for raw, _ in raws:  # rows rejected before the import (raw.rejected)
        for _, _, reason, _ in raw.rejected:
            summary.read += 1
            summary.rejected += 1
            summary.reasons[reason] = summary.reasons.get(reason, 0) + 1
    for reason, n in decode_summary(raws).items():
        summary.warnings[reason] = n


def notes_table(data_dir: Path, batch: str):
    """Rejects and warnings of one batch, as a DataFrame (for the Data page download)."""
    path = Lake(data_dir).notes_path(batch)
    if not path.exists():
        return None
    con = db.connect()
    try:
        return con.execute(f"SELECT * FROM read_parquet({q(path)})").df()
    finally:
        con.close()


def summary_json(summary: ImportSummary) -> str:
    return json.dumps(summary.to_dict(), ensure_ascii=False)

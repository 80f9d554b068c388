"""The import of a filled-in field-verification workbook (the lists pantau/verval_lapangan.py
sends out): `siapkan` is the importer's step for such a sheet (pantau/ingest: `--jenis
verval`, CLI and Data page), before the contract's rules; `id_berkas` gives the sendings a
sheet answers (for Lake.demo_takes_back); `baris_ditolak` says its rejected rows to the
officer who must fix them.

Per sheet: the signature block and rows without a No KK below the list are skipped, rows the
officer left blank are counted as "belum dikunjungi" (not rejected), and rejected with their
sheet and row: an alasan that is not one of the contract's list (elsewhere an unknown alasan
is "lainnya" with a warning; here it is a drop-down), a No KK that is not on the list sent
out (the register), a file the register does not know. A perencana's file has No KK masked:
each row's hidden ID Baris is mapped back to the whole No KK by the register. The contract's
own rules then reject a Tidak Layak without alasan.

Apart from the writer because the importer needs only this: the writer runs named queries
through the policy, and the query engine reads the importer's batch layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pyarrow as pa

from pantau.contract import VERVAL, norm_header
from pantau.lake import Lake
from pantau.verval_format import ALASAN, BELUM, REGISTER, TTD


def register_rows(data_dir: Path) -> pd.DataFrame:
    """Every sending of every period: id_berkas, id_baris, no_kk."""
    return Lake(data_dir).register_rows(REGISTER, ["id_berkas", "id_baris", "no_kk"])


def _cell(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def id_berkas(raw) -> set[str] | None:
    """The ID Berkas in sheet `raw`'s ID Berkas column, or None when it has no such column
    (not of the field-verification layout). For Lake.demo_takes_back."""
    keys = [norm_header(h) for h in raw.headers]
    if "idberkas" not in keys:
        return None
    values = raw.table.column(keys.index("idberkas")).to_pylist()
    return {c for c in (_cell(v) for v in values) if c}


LABEL_KOLOM = {"alasan": "alasan", "no_kk": "No KK", "hasil": "hasil", "id_berkas": "ID berkas"}


def baris_ditolak(notes: pd.DataFrame | None, batas: int = 10) -> list[str]:
    """The rejected rows of an import's notes (ingest.notes_table, through privacy.notes for
    the reader's role), one line each, for the officer who must fix them: "Ngemplakrejo baris
    8: alasan 'pindah rumah' tidak ada di daftar pilihan"; the first `batas`, then "dan N
    lainnya". The sheet is the name in brackets of the notes' file ("isi.xlsx [Ngemplakrejo]")."""
    if notes is None or notes.empty or "tingkat" not in notes.columns:
        return []
    rows = notes[notes["tingkat"] == "ditolak"].sort_values(["file", "baris"], kind="stable")
    out = []
    for r in rows.head(batas).itertuples(index=False):
        found = re.search(r"\[(.+)\]\s*$", str(r.file or ""))
        sheet = found.group(1) if found else str(r.file or "")
        reason = re.sub(r"\s*\(.*\)\s*$", "", str(r.alasan or "ditolak"))
        value = None if pd.isna(r.nilai) else str(r.nilai)
        label = LABEL_KOLOM.get(str(r.kolom), "")
        if value and label and reason.startswith(label + " "):
            reason = f"{label} '{value}' {reason.removeprefix(label + ' ')}"
        elif value:
            reason = f"{reason} ('{value}')"
        where = f"{sheet} baris {int(r.baris)}" if pd.notna(r.baris) else sheet
        out.append(f"{where}: {reason}")
    if len(rows) > batas:
        out.append(f"dan {len(rows) - batas} lainnya")
    return out


def siapkan(raw, data_dir: Path):
    """The sheet `raw` (pantau.ingest.read.RawTable) ready for the verval rules, when it is of
    the field-verification layout (an ID Berkas column); any other table as it is."""
    keys = [norm_header(h) for h in raw.headers]
    if "idberkas" not in keys:
        return raw
    kk_keys = VERVAL.field("no_kk").header_keys()
    field_keys = {
        name: VERVAL.field(name).header_keys()
        for name in ("hasil", "alasan", "tanggal_verval", "petugas")
    }

    def find(options) -> int | None:
        return next((j for j, k in enumerate(keys) if k in options), None)

    j_berkas, j_baris, j_kk = keys.index("idberkas"), find({"idbaris"}), find(kk_keys)
    j_alasan, j_hasil = find(field_keys["alasan"]), find(field_keys["hasil"])
    j_isian = [j for j in (find(v) for v in field_keys.values()) if j is not None]
    j_isian += [j for j, k in enumerate(keys) if k == "catatan"]
    known_alasan = {norm_header(a) for a in ALASAN}

    register = register_rows(data_dir)
    sent = {b: set(g["no_kk"]) for b, g in register.groupby("id_berkas")}
    by_row = {
        (b, r): kk for b, r, kk in register[["id_berkas", "id_baris", "no_kk"]].itertuples(False)
    }

    columns = [raw.table.column(j).to_pylist() for j in range(raw.table.num_columns)]
    lines = [int(x) for x in raw.line_numbers()]
    ids = [_cell(v) for v in columns[j_berkas]]
    file_id = max(set(filter(None, ids)), key=ids.count, default=None)
    keep: list[int] = []
    out_kk = list(columns[j_kk]) if j_kk is not None else None
    rejected, skipped = [], {}

    def skip(reason: str) -> None:
        skipped[reason] = skipped.get(reason, 0) + 1

    for i, line in enumerate(lines):
        cells = [_cell(c[i]) for c in columns]
        kk = cells[j_kk] if j_kk is not None else None
        if not any(cells):
            continue  # the layout's blank rows (between the list and the signature)
        if kk is None and ids[i] is None:
            skip(TTD)  # the signature block, a note typed below the list
            continue
        if not any(cells[j] for j in j_isian):
            skip(BELUM)
            continue
        if j_hasil is not None and cells[j_hasil] is None:
            rejected.append((line, "hasil", "hasil kosong, padahal kolom isian lain diisi", None))
            continue
        berkas = ids[i] or file_id
        if berkas not in sent:
            rejected.append(
                (
                    line,
                    "id_berkas",
                    "ID berkas tidak tercatat sebagai daftar verval yang dikirim",
                    berkas,
                )
            )
            continue
        if kk is not None and "*" in kk:
            whole = by_row.get((berkas, cells[j_baris] if j_baris is not None else None))
            if whole is None or not kk.endswith(whole[-4:]):
                rejected.append((line, "no_kk", "No KK tidak ada di daftar yang dikirim", kk))
                continue
            out_kk[i] = whole
        elif kk is not None and re.sub(r"[^0-9]", "", kk) not in sent[berkas]:
            rejected.append((line, "no_kk", "No KK tidak ada di daftar yang dikirim", kk))
            continue
        alasan = cells[j_alasan] if j_alasan is not None else None
        if alasan is not None and norm_header(alasan) not in known_alasan:
            rejected.append(
                (
                    line,
                    "alasan",
                    "alasan tidak ada di daftar pilihan (" + ", ".join(ALASAN) + ")",
                    alasan,
                )
            )
            continue
        keep.append(i)
    if out_kk is not None:
        columns[j_kk] = out_kk
    table = pa.table(
        [pa.array([c[i] for i in keep], pa.string()) for c in columns],
        names=raw.table.column_names,
    )
    raw.table = table
    raw.lines = [lines[i] for i in keep]
    raw.skipped_lines = []
    raw.rejected = rejected
    raw.skipped_rows = skipped
    return raw

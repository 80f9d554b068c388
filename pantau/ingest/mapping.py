"""Map a file's header to the dataset's fields: which raw column feeds which canonical field,
programme flag or the `extra` JSON; a file without a required column is refused here."""

from __future__ import annotations

from dataclasses import dataclass

from pantau.contract import Dataset, norm_header, program_flag_name
from pantau.errors import UnusableFile
from pantau.ingest.read import RawTable


@dataclass
class Mapping:
    """Which raw column feeds which canonical field, programme flag or the `extra` JSON."""

    fields: dict[str, tuple[str, str]]  # field name -> (raw column, header key)
    flags: list[tuple[str, str]]  # (raw column, programme)
    extra: list[tuple[str, str]]  # (raw column, header text)
    # (kolom, alasan, nilai) columns of raw_<i> holding a reject found by kabkota.siapkan
    tolak: tuple[str, str, str] | None = None


def map_columns(raw: RawTable, ds: Dataset) -> Mapping:
    fields: dict[str, tuple[str, str]] = {}
    flags, extra = [], []
    for i, header in enumerate(raw.headers):
        col, key = f"c{i}", norm_header(header)
        target = next(
            (f.name for f in ds.fields if key in f.header_keys() and f.name not in fields), None
        )
        if target:
            fields[target] = (col, key)
        elif ds.program_flags and program_flag_name(key):
            flags.append((col, program_flag_name(key)))
        elif header:
            extra.append((col, header))
    missing = [f for f in ds.fields if f.required and f.name not in fields]
    if missing:
        names = "; ".join(f"{f.aliases[0] if f.aliases else f.name}" for f in missing)
        raise UnusableFile(
            f"Kolom wajib tidak ada di {raw.source}{_header_at(raw)}: {names}; tambahkan kolom itu "
            f"(nama lain yang diterima tercantum di DATA-CONTRACT) lalu impor lagi."
        )
    for group in ds.one_of:
        if not any(g in fields for g in group):
            raise UnusableFile(
                f"File {raw.source} harus memuat salah satu kolom {' atau '.join(group)}; "
                "tambahkan kolom itu lalu impor lagi."
            )
    return Mapping(fields, flags, extra)


def _header_at(raw: RawTable) -> str:
    # Which row was read as the header, so that a header found in the wrong row can be seen.
    return f" (judul kolom dibaca dari baris {raw.header_line})" if raw.header_line else ""

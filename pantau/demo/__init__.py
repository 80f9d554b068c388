"""Data contoh: synthetic exports shaped like the real ones, written from one seed, then imported.

No row describes a real person. Families are a vectorised function of their index (five million
cost no Python loop per row). The hard numbers of the domain brief hold exactly for accepted rows
(4,011 P3KE, 2,866 bansos KPM, verval 363 + 528 = 891); a little mess is added on top of them,
and every mess row is one the importer must reject or warn on. Another region's lists are those
sizes scaled to its plausible population (`ukuran_daftar`).

This module is the face callers import (`from pantau import demo`); each concern has its module:

- `assumptions`: list sizes, populations, periods and the simulation's rates
- `draws`, `days`, `text`: deterministic draws, day numbers, Arrow text columns
- `codebooks`, `identities`: code books and word lists; names, NIK and No KK numbers
- `world`: the simulated families and their lives across the periods
- `aid`: who each programme reaches, what each family is paid, who is visited
- `fields`, `layouts`: one column as exports write it; each kind of export's columns
- `mess`: the rows the importer must reject or warn on
- `writers`: CSV and XLSX files
- `exports`: the export set in import order, and the demo lake built from it
"""

from pantau.demo.assumptions import (
    MAX_KELUARGA,
    MIN_KELUARGA,
    N_BANSOS,
    N_P3KE,
    PERIODS,
    POCKETS,
    T,
    UkuranError,
    penduduk,
    ukuran_daftar,
)
from pantau.demo.exports import ExportFile, _Writer, build, remove, write_exports
from pantau.demo.identities import kk_number, nik_number
from pantau.demo.world import World

__all__ = [
    "MAX_KELUARGA",
    "MIN_KELUARGA",
    "N_BANSOS",
    "N_P3KE",
    "PERIODS",
    "POCKETS",
    "T",
    "ExportFile",
    "UkuranError",
    "World",
    "_Writer",
    "build",
    "kk_number",
    "nik_number",
    "penduduk",
    "remove",
    "ukuran_daftar",
    "write_exports",
]

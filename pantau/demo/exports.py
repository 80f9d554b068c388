"""The demo's export set, file by file in import order, and the demo lake built from it.

`write_exports` writes one region's exports from one seed; `build` marks a data directory as
demo data and imports them through the normal importer; `remove` takes the demo away again.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from pantau import wilayah as region
from pantau.demo.aid import payments, pemantauan_rows
from pantau.demo.anggota import individu_columns, individu_rows
from pantau.demo.assumptions import DTSEN_FROM, PERIODS, T, _periksa_ukuran
from pantau.demo.layouts import (
    REGISTRY_STYLE,
    bansos_columns,
    kube_columns,
    p3ke_columns,
    pemantauan_columns,
    penyaluran_columns,
    registry_columns,
    verval_columns,
)
from pantau.demo.mess import MESS_SPAN, Mess, _assemble, _dups, _phantoms, _sci, keluarga_mess
from pantau.demo.text import _money
from pantau.demo.world import World
from pantau.demo.writers import write_csv, write_xlsx
from pantau.lake import private_dir

CHUNK = 400_000  # rows per CSV chunk, so five million rows never sit in memory as text
# rows per CSV file: a registry of millions comes as several files (…_bagian1.csv, …), each well
# under the importer's size cap (PANTAU_MAX_MB), imported together as one batch
PART_ROWS = 5 * CHUNK
XLSX_MAX_ROWS = 25_000
EXCEL_ROWS = 1_048_576 - 10  # a sheet's rows, less the title and header rows

Progress = Callable[[str], None] | None


@dataclass
class ExportFile:
    """One export, imported as one batch: `path`, and `more` parts when it is split."""

    path: Path
    jenis: str
    periode: str
    more: list[Path] = field(default_factory=list)

    @property
    def paths(self) -> list[Path]:
        return [self.path, *self.more]


class _Writer:
    """Writes each export of the demo into `out` and remembers it, in import order."""

    def __init__(self, w: World, out: Path, say):
        self.w, self.out, self.say = w, out, say
        self.files: list[ExportFile] = []
        self.file_no = 0

    def _emit(self, name: str, jenis: str, periode: str) -> Path:
        self.say(f"Menulis data contoh {jenis} {periode}")
        self.file_no += 1
        self.files.append(ExportFile(self.out / name, jenis, periode))
        return self.out / name

    def _csv(self, path, n, build, mess: Mess, salt, **fmt) -> None:
        """Write rows 0..n as one CSV, or as parts of PART_ROWS rows when there are more: the
        mess in the first part's top rows, the total row at the end of the last."""
        parts = max(1, math.ceil(n / PART_ROWS))

        def chunks(start: int, stop: int, last: bool):
            cols = {}
            for lo in range(start, max(stop, 1), CHUNK):
                cols = build(lo, min(stop, lo + CHUNK))
                if lo == 0:
                    top = {k: v.slice(0, MESS_SPAN) for k, v in cols.items()}
                    yield _assemble(top, mess, self.w.seed, salt, total=False)
                    cols = {k: v.slice(MESS_SPAN) for k, v in cols.items()}
                if len(next(iter(cols.values()))):
                    yield cols
            if mess.total and last:
                yield {k: pa.array([mess.total.get(k)], pa.string()) for k in cols}

        if parts == 1:
            write_csv(path, chunks(0, n, True), **fmt)
            return
        names = [path.with_name(f"{path.stem}_bagian{i + 1}{path.suffix}") for i in range(parts)]
        export = self.files[-1]
        export.path, export.more = names[0], names[1:]
        for i, part in enumerate(names):
            self.say(f"Menulis {part.name}")
            stop = min(n, (i + 1) * PART_ROWS)
            write_csv(part, chunks(i * PART_ROWS, stop, i == parts - 1), **fmt)

    def _mess(self, bad, kk, nik, kel, code, n) -> Mess:
        return keluarga_mess(bad, kk, nik, kel, code, n, self.w.seed, self.file_no)

    # ----- the fixed lists -----
    def p3ke(self) -> None:
        w = self.w
        idx = np.arange(w.n_p3ke)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        cols = p3ke_columns(w, idx)
        bad = _phantoms(w, p3ke_columns(w, idx[:5]), self.file_no, "No KK", "NIK")
        mess = self._mess(bad, "No KK", "NIK", "Desa/Kelurahan", "Kode Kemendagri", len(idx))
        mess.total = {"ID Keluarga P3KE": "JUMLAH", "Jumlah ART": str(int(w.j0[idx].sum()))}
        path = self._emit("2021-12_keluarga_p3ke.xlsx", "keluarga", "2021-12")
        cols = _assemble(cols, mess, w.seed, 101)
        write_xlsx(
            path,
            cols,
            "Keluarga",
            title=f"DATA P3KE {self.w.region.nama.upper()} 2021 (DATA CONTOH SINTETIS)",
            numbers=("Desil Kesejahteraan", "Jumlah ART"),
        )

    def bansos(self) -> None:
        w = self.w
        idx = np.arange(w.n_p3ke, w.n_list)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        build = lambda i: bansos_columns(w, i)  # noqa: E731
        bad = _phantoms(w, build(idx[:5]), self.file_no, "NOKK", "NIK KRT")
        mess = self._mess(bad, "NOKK", "NIK KRT", "Kelurahan", None, len(idx))
        mess.total = {"No": "JUMLAH", "Jumlah_ART": str(int(w.j0[idx].sum()))}
        path = self._emit("2022-12_keluarga_bansos.csv", "keluarga", "2022-12")
        self._csv(path, len(idx), lambda lo, hi: build(idx[lo:hi]), mess, 102, delim=";")

    def verval(self) -> None:
        w = self.w
        idx = np.arange(w.n_list)
        idx = idx[np.lexsort((idx, w.kel[idx], w.L["verval_day"][idx]))]
        bad = _phantoms(w, verval_columns(w, idx[:2]), self.file_no, "No KK", "NIK")
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        bad[1]["Hasil Verval"], bad[1]["Alasan Tidak Memenuhi"] = "Tidak Layak", None
        mess = Mess(rows=bad, dups=_dups(len(idx), 2, w.seed, 203), blanks=1)
        if len(idx) > EXCEL_ROWS:
            # a province's lists at full size (Jawa Timur at 5.000.000 keluarga: 1.081.042
            # rows) are more rows than a sheet holds: the export is a CSV, as a real one would be
            path = self._emit("2023-02_verval.csv", "verval", "2023-02")
            build = lambda lo, hi: verval_columns(w, idx[lo:hi])  # noqa: E731
            self._csv(path, len(idx), build, mess, 103, delim=";")
            return
        path = self._emit("2023-02_verval.xlsx", "verval", "2023-02")
        cols = _assemble(verval_columns(w, idx), mess, w.seed, 103)
        write_xlsx(path, cols, "Hasil Verval", dates=("Tanggal Verval",))

    # ----- quarterly files -----
    def keluarga(self, t: int) -> None:
        """The registry of quarter t: DTKS to 2024, DTSEN from 2025, the first as XLSX when small."""
        w, periode = self.w, PERIODS[t]
        idx = np.flatnonzero(w.present(t))
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        dtsen = t >= DTSEN_FROM
        build = lambda i: registry_columns(w, i, t)  # noqa: E731
        probe = build(idx[:5])
        kk, nik, kel = ("no_kk", "nik", "nama_kel") if dtsen else ("Nomor_KK", "NIK", "Kelurahan")
        code = next(
            (c for c in ("Kode Kelurahan", "Kode Kemendagri", "kode_desa") if c in probe), None
        )
        bad = _phantoms(w, probe, self.file_no, kk, nik)
        mess = self._mess(bad, kk, nik, kel, code, len(idx))
        j = np.clip(w.j0[idx] + w.j_d[idx] * (w.j_t[idx] <= t), 1, 8)
        first, art = ("no_kk", "jml_art") if dtsen else ("ID DTKS", "Jumlah_ART")
        mess.total = {first: "JUMLAH", art: str(int(j.sum()))}
        sumber = "dtsen" if dtsen else "dtks"
        if t == 0 and len(idx) <= XLSX_MAX_ROWS:
            path = self._emit(f"{periode}_keluarga_{sumber}.xlsx", "keluarga", periode)
            cols = _assemble(build(idx), mess, w.seed, 110 + t)
            title = f"DTKS {self.w.region.nama.upper()} - KONDISI MARET 2023 (DATA CONTOH SINTETIS)"
            write_xlsx(path, cols, "DTKS", title=title, numbers=("Desil", "Jumlah_ART"))
            return
        delim, enc, bom, crlf = REGISTRY_STYLE.get(t, (",", "utf-8", False, False))[:4]
        path = self._emit(f"{periode}_keluarga_{sumber}.csv", "keluarga", periode)
        self._csv(
            path,
            len(idx),
            lambda lo, hi: build(idx[lo:hi]),
            mess,
            110 + t,
            delim=delim,
            encoding=enc,
            bom=bom,
            crlf=crlf,
            curly=enc == "cp1252",
        )

    def penyaluran(self, periode: str) -> None:
        w = self.w
        pay = payments(w, periode)
        order = np.lexsort((pay["idx"], w.kel[pay["idx"]], pd.factorize(pay["prog"])[0]))
        pay = {k: v[order] for k, v in pay.items()}
        n = len(pay["idx"])
        build = lambda lo, hi: penyaluran_columns(w, periode, {k: v[lo:hi] for k, v in pay.items()})  # noqa: E731
        probe = build(0, 1)
        bad = _phantoms(w, probe, self.file_no, "No KK", "NIK" if "NIK" in probe else None)
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        if "NIK" in bad[0]:
            bad[0]["NIK"] = None
        first = next(iter(probe))
        total = {
            first: "JUMLAH",
            "Nominal": _money(np.array([pay["nilai"].sum()]), "rp")[0].as_py(),
        }
        mess = Mess(rows=bad, dups=_dups(n, 2, w.seed, 300 + self.file_no), blanks=1, total=total)
        if periode == "2023-12" and n <= XLSX_MAX_ROWS:
            path = self._emit(f"{periode}_penyaluran.xlsx", "penyaluran", periode)
            cols = _assemble(build(0, n), mess, w.seed, 120)
            title = "REKAP PENYALURAN BANSOS TRIWULAN IV 2023"
            write_xlsx(path, cols, "Penyaluran", title=title, dates=("Tanggal Salur",))
            return
        name = "penyaluran_riwayat" if periode < "2023" else "penyaluran"
        path = self._emit(f"{periode}_{name}.csv", "penyaluran", periode)
        delim = ";" if periode < "2025" else ","
        self._csv(path, n, build, mess, 121, delim=delim)

    def kube(self, periode: str) -> None:
        w = self.w
        cols = kube_columns(w, periode)
        if not len(next(iter(cols.values()))):
            return  # a region too large for its families to form any KUBE (a small province)
        bad = _phantoms(
            w, {k: v.slice(0, 1) for k, v in cols.items()}, self.file_no, "No KK", "NIK"
        )
        bad[0]["No KK"] = _sci(bad[0]["No KK"])
        mess = Mess(rows=bad, blanks=1)
        cols = _assemble(cols, mess, w.seed, 130)
        if periode in ("2023-12", "2025-12"):
            path = self._emit(f"{periode}_kube.xlsx", "kube", periode)
            write_xlsx(path, cols, "KUBE", title=f"DATA KUBE {w.region.nama.upper()} {periode[:4]}")
        else:
            path = self._emit(f"{periode}_kube.csv", "kube", periode)
            write_csv(path, iter([cols]), delim=";")

    def pemantauan(self, t: int) -> None:
        w, periode = self.w, PERIODS[t]
        idx = pemantauan_rows(w, t)
        idx = idx[np.lexsort((idx, w.kel[idx]))]
        build = lambda lo, hi: pemantauan_columns(w, idx[lo:hi], t)  # noqa: E731
        bad = _phantoms(w, build(0, 1), self.file_no, "No KK", "NIK")
        bad[0]["No KK"] = bad[0]["No KK"][:15]
        mess = Mess(rows=bad, dups=_dups(len(idx), 1, w.seed, 400 + t), blanks=1)
        path = self._emit(f"{periode}_pemantauan.csv", "pemantauan", periode)
        self._csv(path, len(idx), build, mess, 140 + t, delim=",")

    def individu(self, t: int) -> None:
        """The members of quarter t's extreme-poor families (pantau.demo.anggota)."""
        w, periode = self.w, PERIODS[t]
        fam, pos, rank = individu_rows(w, t)
        build = lambda lo, hi: individu_columns(w, fam[lo:hi], pos[lo:hi], rank[lo:hi], t)  # noqa: E731
        path = self._emit(f"{periode}_individu_dtsen.csv", "individu", periode)
        self._csv(path, len(fam), build, Mess(), 150 + t, delim=",")


def write_exports(
    out_dir: Path,
    keluarga: int = 20000,
    seed: int = 2023,
    progress: Progress = None,
    wilayah: str = region.BAWAAN,
) -> list[ExportFile]:
    """Write the synthetic exports into `out_dir`; returns them in the order to import them."""
    out = Path(out_dir)
    private_dir(out)
    say = progress or (lambda _msg: None)
    say(f"Menyiapkan {keluarga:,} keluarga contoh".replace(",", "."))
    w = World(keluarga, seed, wilayah)
    wr = _Writer(w, out, say)
    wr.p3ke()
    wr.penyaluran("2021-12")
    wr.bansos()
    wr.penyaluran("2022-12")
    wr.verval()
    for t, periode in enumerate(PERIODS):
        wr.keluarga(t)
        wr.penyaluran(periode)
        if periode.endswith("-12") or t == T - 1:
            wr.kube(periode)
        if t >= 1:
            wr.pemantauan(t)
    wr.individu(T - 1)  # last, so that every other export keeps its bytes
    return wr.files


def build(
    data_dir: Path,
    keluarga: int = 20000,
    seed: int = 2023,
    progress: Progress = None,
    wilayah: str | None = None,
) -> list:
    """Mark the lake as demo data, write the exports into data_dir/exports and import each one.

    Refused in a data directory that holds real data. The marker comes first, so from the
    first batch on no import but this one can write into the lake (Lake.check_writer).
    """
    from pantau.ingest import import_files
    from pantau.lake import Lake

    _periksa_ukuran(keluarga)
    data_dir = Path(data_dir)
    lake = Lake(data_dir)
    lake.check_writer(demo=True)
    # The region: chosen here (refused in a dir holding another region's batches), else the
    # one the data directory already serves.
    kode = region.tetapkan(data_dir, wilayah).kode if wilayah else region.kode(data_dir)
    say = progress or (lambda _msg: None)
    private_dir(lake.root)
    lake.demo_marker.write_text(f"seed={seed}\nkeluarga={keluarga}\n", encoding="utf-8")
    os.chmod(lake.demo_marker, 0o600)
    files = write_exports(data_dir / "exports", keluarga, seed, progress, kode)
    summaries = []
    for f in files:
        say(f"Mengimpor {', '.join(p.name for p in f.paths)}")
        summaries.append(import_files(f.paths, f.jenis, f.periode, data_dir, _demo=True))
    return summaries


def remove(data_dir: Path) -> list[str]:
    """`demo --hapus`: remove the demo lake, its notes and export files, and the marker."""
    from pantau.lake import Lake

    return Lake(data_dir).remove_demo()

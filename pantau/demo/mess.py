"""The realistic mess added on top of the accepted rows: spoiled identifiers, copies of real
rows, blank lines and a total row, every one a row the importer must reject or warn on."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from pantau.demo.draws import _u
from pantau.demo.identities import kk_number
from pantau.demo.world import World

PHANTOM = 30_000_000  # index of the first mess-row family, far above any real family
MESS_SPAN = 5_000  # the mess is spliced into the first rows only, cheap at any size


@dataclass
class Mess:
    """Extra rows for one file: bad rows spliced in, copies of real rows, blanks, a total row."""

    rows: list[dict] = field(default_factory=list)  # header -> text
    dups: list[int] = field(default_factory=list)  # rows repeated a little further down
    blanks: int = 0
    total: dict | None = None  # header -> text, the last line

    @property
    def count(self) -> int:
        return len(self.rows) + len(self.dups) + self.blanks + (1 if self.total else 0)


def _sci(text: str) -> str:
    """How Excel shows a 16-digit number it has already rounded: 3.57504E+15."""
    return f"{text[0]}.{text[1:6]}E+15"


def _as_rows(cols: dict[str, pa.Array]) -> list[dict]:
    n = len(next(iter(cols.values())))
    return [{k: v[i].as_py() for k, v in cols.items()} for i in range(n)]


def _phantoms(w: World, cols: dict[str, pa.Array], file_no: int, kk: str, nik: str | None):
    """Rows of real families given identifiers no real family has, ready to be spoiled."""
    rows = _as_rows(cols)
    k = np.arange(len(rows))
    ids = PHANTOM + file_no * 100 + k
    kec = np.array([1 + i % 4 for i in k])
    kks = kk_number(ids, kec, w.prefix)
    for i, row in enumerate(rows):
        row[kk] = str(kks[i])
        if nik and row.get(nik):
            # Same birth date and sex as the row, another serial: only the spoiling is wrong.
            row[nik] = f"{row[nik][:12]}{9000 + (file_no % 90) * 10 + i}"
    return rows


def _positions(n: int, k: int, seed: int, salt: int) -> np.ndarray:
    n = min(n, MESS_SPAN)
    u = _u(np.arange(k), seed, salt)
    return (n // 5 + u * max(1, (3 * n) // 5)).astype(np.int64)


def _dups(n: int, k: int, seed: int, salt: int) -> list[int]:
    """Rows to repeat; all near the top, which is where the mess is spliced in."""
    n = min(n, MESS_SPAN)
    if n < 10:
        return []
    return sorted({int(x) for x in (_u(np.arange(k), seed, salt) * (n // 2)).astype(np.int64)})


def _assemble(cols: dict[str, pa.Array], mess: Mess, seed: int, salt: int, total: bool = True):
    """Splice the mess into a table: copies just below their originals, blanks, the total last."""
    n = len(next(iter(cols.values())))
    extra = list(mess.rows) + [dict.fromkeys(cols)] * mess.blanks
    pos = _positions(n, len(extra), seed, salt)
    refs = n + np.arange(len(extra), dtype=np.int64)
    src = np.array(mess.dups, dtype=np.int64)
    if len(src):
        pos = np.concatenate(
            [pos, np.minimum(src + 1 + (_u(src, seed, salt) * 40).astype(np.int64), n)]
        )
        refs = np.concatenate([refs, src])
    sort = np.argsort(pos, kind="stable")
    order = pa.array(np.insert(np.arange(n, dtype=np.int64), pos[sort], refs[sort]))
    tail = [mess.total] if (total and mess.total) else []
    out = {}
    for key, arr in cols.items():
        add = pa.array([r.get(key) for r in extra], pa.string())
        full = pa.concat_arrays([arr.cast(pa.string()), add]).take(order)
        if tail:
            full = pa.concat_arrays([full, pa.array([tail[0].get(key)], pa.string())])
        out[key] = full
    return out


def keluarga_mess(bad: list[dict], kk, nik, kel, code, n: int, seed: int, file_no: int) -> Mess:
    """A family list's mess: two NIKs and a No KK as Excel's 3.57504E+15, a NIK one digit
    short, a kelurahan that does not exist, two copied rows and two blank lines."""
    bad = bad[:5]
    bad[0][nik] = _sci(bad[0][nik])
    bad[1][nik] = _sci(bad[1][nik])
    bad[2][nik] = bad[2][nik][:15]
    bad[3][kk] = _sci(bad[3][kk])
    bad[4][kel] = "Kel. Antah Berantah"
    if code:
        bad[4][code] = None
    return Mess(rows=bad, dups=_dups(n, 2, seed, 200 + file_no), blanks=2)

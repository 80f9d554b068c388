"""Who lives in each extreme-poor family: the members of the DTSEN individu export (anggota
keluarga), with a NIK, a birth date, a relation to the head and a disability field.

Only the latest quarter's extreme-poor families are exported, as a Dinas asks for the members
of the families it serves; the other periods' lists have no member data, which the pages say
(`jiwa_miskin_ekstrem_umur`: 'Keluarga tanpa data anggota'). Every draw is a pure function of
the family index (`_u`), so writing this export changes no other export's bytes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from pantau.demo.assumptions import (
    ANGGOTA_HILANG,
    DISABILITAS_LANSIA,
    DISABILITAS_MUDA,
    DISABILITAS_TIDAK_DIISI,
    PASANGAN,
    PERIODS,
    TANGGAL_LAHIR_KOSONG,
)
from pantau.demo.days import _day, _split_date
from pantau.demo.draws import _u
from pantau.demo.fields import _kk, _names, _nik
from pantau.demo.identities import (
    BELAKANG_L,
    BELAKANG_P,
    LAKI,
    PEREMPUAN,
    birth_day,
    child_birth_day,
    child_nik,
    nik_number,
)
from pantau.demo.text import _cat, _null_where, _pad, _pick, _s, _where
from pantau.demo.world import World

# Spouses take adult identifiers past every family head's index (heads use 0 … U-1), so no
# spouse shares a head's NIK; children take their own bijection over later birth dates.
SPOUSE_BASE = 60_000_000
SLOTS = 7  # members after the head: a spouse or children (a family has at most 8)


def individu_rows(w: World, t: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(family index, member position 0 … size-1, the family's number in the export) of every
    member row of quarter t's export: the families present and extreme-poor in that quarter's
    registry, less a few it lacks. The number gives members small identifiers, the same
    whatever chunk of rows is written."""
    idx = np.flatnonzero(w.present(t))
    eco = w.economics(idx, t)
    keep = eco["ext"] & (_u(idx, w.seed, 81) >= ANGGOTA_HILANG)
    idx, size = idx[keep], eco["j"][keep]
    order = np.lexsort((idx, w.kel[idx]))
    idx, size = idx[order], size[order]
    fam = np.repeat(idx, size)
    starts = np.repeat(np.cumsum(size) - size, size)
    pos = np.arange(len(fam)) - starts
    return fam, pos, np.repeat(np.arange(len(idx), dtype=np.int64), size)


def individu_columns(
    w: World, fam: np.ndarray, pos: np.ndarray, rank: np.ndarray, t: int
) -> dict[str, pa.Array]:
    """The DTSEN anggota layout: no_kk, nik, nama, id_jenis_kelamin, tgl_lahir,
    id_hub_kepala_keluarga (1 kepala, 2 istri/suami, 3 anak), id_disabilitas (0 none, 1-6 a
    kind, empty when not filled in)."""
    head = pos == 0
    pid = fam * 8 + pos  # one person: the draws below are functions of it
    spouse = (pos == 1) & (_u(fam, w.seed, 82) < PASANGAN)
    s_id = SPOUSE_BASE + rank
    c_id = rank * SLOTS + np.maximum(pos - 1, 0)
    kec, kab = w.nik_kec[fam], w.kab[fam]
    female = np.where(
        head, w.female[fam], np.where(spouse, ~w.female[fam], _u(pid, w.seed, 83) < 0.5)
    )
    adult_nik = nik_number(s_id, kec, female, kab)
    nik = np.where(spouse, adult_nik, child_nik(c_id, kec, female, kab))
    lahir = np.where(head, birth_day(fam), np.where(spouse, birth_day(s_id), child_birth_day(c_id)))
    y, m, d = _split_date(lahir)
    age = (_day(str(pd.Period(PERIODS[t], "M").end_time.date())) - lahir) / 365.25
    u = _u(pid, w.seed, 84)
    disabled = u < np.where(age >= 60, DISABILITAS_LANSIA, DISABILITAS_MUDA)
    kind = 1 + (_u(pid, w.seed, 85) * 6).astype(np.int64)
    blank = _u(pid, w.seed, 86) < DISABILITAS_TIDAK_DIISI
    heads_nik = _nik(w, fam)
    return {
        "no_kk": _kk(w, fam),
        "nik": _where(head, heads_nik, _s(nik)),
        "nama": _where(head, _names(w, fam), _member_names(pid, female, w.seed)),
        "id_jenis_kelamin": _where(female, pa.scalar("2"), pa.scalar("1")),
        "tgl_lahir": _null_where(
            ~head & (_u(pid, w.seed, 87) < TANGGAL_LAHIR_KOSONG),
            _cat(_s(y), _pad(m, 2), _pad(d, 2), sep="-"),
        ),
        "id_hub_kepala_keluarga": _where(
            head, pa.scalar("1"), _where(spouse, pa.scalar("2"), pa.scalar("3"))
        ),
        "id_disabilitas": _null_where(blank, _where(disabled, _s(kind), pa.scalar("0"))),
    }


def _member_names(pid, female, seed) -> pa.Array:
    """A first name from the word lists and a second one half the time, by sex."""
    u1, u2 = _u(pid, seed, 88), _u(pid, seed, 89)
    first = _where(
        female,
        _pick(PEREMPUAN, (u1 * len(PEREMPUAN)).astype(np.int64)),
        _pick(LAKI, (u1 * len(LAKI)).astype(np.int64)),
    )
    second = _where(
        female,
        _pick(BELAKANG_P, (u2 * len(BELAKANG_P)).astype(np.int64)),
        _pick(BELAKANG_L, (u2 * len(BELAKANG_L)).astype(np.int64)),
    )
    return _where(u2 < 0.5, _cat(first, second, sep=" "), first)

"""Aid: who each programme reaches, what each family is paid, and who is visited.

The World (pantau.demo.world) calls the allocation functions while it is built, in the order of
World._allocate (they share one random stream); `payments` and `pemantauan_rows` read a built
world for one period's penyaluran and pemantauan files. Every function takes that world as `w`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from pantau.demo.assumptions import BLT, GRANTS, NEVER, PERIODS, SEMBAKO_KPM, SEMBAKO_MONTHS, T
from pantau.demo.codebooks import BULAN, NAMA_KUBE, USAHA_KUBE
from pantau.demo.days import _day, _year, _year_of
from pantau.demo.draws import _choose, _u

# --- who each programme reaches (World._allocate) ------------------------------------------------


def sembako(w) -> dict[int, np.ndarray]:
    """Sembako Daerah KPM each period: the extreme poor first, then the listed, then the poor,
    SEMBAKO_KPM[t] of them at most."""
    out = {}
    for t in range(T):
        pres = np.flatnonzero(w.present(t) & ~w.excluded)
        ext = w.extreme(t)[pres]
        listed = np.isin(w.role[pres], [1])
        poor = w.r0[pres] < 1.3
        rank = np.where(ext, 0, np.where(listed, 1, np.where(poor, 2, 9))) + w.prio[pres]
        k = min(SEMBAKO_KPM[t], int((rank < 9).sum()))
        top = np.argpartition(rank, k - 1)[:k] if 0 < k < len(rank) else np.arange(k)
        out[t] = np.sort(pres[top])
    return out


def blt(w, rng) -> np.ndarray:
    """The DBHCHT BLT round (BLT): extreme-poor KPM not given modal usaha that quarter, and
    other poor families."""
    tb = PERIODS.index(BLT[0])
    on = np.flatnonzero(w.extreme(tb) & ~w.excluded & (w.grant != tb))
    blt_ext = rng.choice(on, min(BLT[1], len(on)), replace=False)
    pool = np.flatnonzero(w.present(tb) & ~w.extreme(tb) & (w.r0 < 1.3))
    blt_oth = rng.choice(pool, min(BLT[2], len(pool)), replace=False)
    return np.sort(np.concatenate([blt_ext, blt_oth]))


def kube_groups(w, rng) -> list[dict]:
    """About thirty KUBE: formed 2019-2025, members from poor registry families nearby."""
    kube: list[dict] = []
    used = np.zeros(w.U, bool)
    plan = [(y, 0) for y in rng.choice([2019, 2020, 2021, 2022, 2023], 26)]
    plan += [(2024, 7)] * 4 + [(2025, 11)] * 3
    names = rng.permutation(len(NAMA_KUBE))
    for year, t in sorted(plan, key=lambda p: p[0]):
        kel = int(_choose(rng.random(1), w.w_ext)[0])
        pool = np.flatnonzero(w.present(t) & (w.kel == kel) & ~w.ever & (w.r0 < 1.8) & ~used)
        size = min(int(rng.integers(5, 11)), len(pool))
        if size < 3:
            continue
        members = rng.choice(pool, size, replace=False)
        used[members] = True
        usaha = USAHA_KUBE[int(rng.integers(0, len(USAHA_KUBE)))]
        if w.coastal[kel] and rng.random() < 0.5:
            usaha = ["Olahan Ikan", "Petis", "Kerupuk"][int(rng.integers(0, 3))]
        born = _day(f"{year}-01-01") + int(rng.integers(0, 330 if year < 2025 else 150))
        kube.append(
            dict(
                id=f"KB-{len(kube) + 1:03d}",
                nama=f"KUBE {NAMA_KUBE[names[len(kube) % len(NAMA_KUBE)]]}",
                kel=kel,
                usaha=usaha,
                born=born,
                members=members,
                modal=int(rng.choice([10, 15, 20, 25])) * 1_000_000,
                omzet0=int(rng.uniform(1.5, 6.0) * 20) * 50_000,
                growth=float(rng.normal(0.12, 0.08)),
                stop=int(rng.choice([NEVER] * 12 + [10, 12, 13])),
            )
        )
    return kube


def kube_funded(kube: list[dict]) -> np.ndarray:
    """The members of the groups formed by 2023, oldest group first: the KUBE modal usaha."""
    funded = [k["members"] for k in kube if _year_of(k["born"]) <= 2023]
    return np.concatenate(funded) if funded else np.zeros(0, np.int64)


def modal_usaha(w, rng) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """Each modal usaha round (GRANTS): period -> (recipients, their category), the extreme
    poor the simulation granted first, then each category's, no family twice."""
    modal = {}
    taken = np.zeros(w.U, bool)
    for periode, (_, cats) in GRANTS.items():
        t = PERIODS.index(periode)
        ext_ids = np.flatnonzero(w.grant == t)
        ids, ket = [ext_ids], [np.full(len(ext_ids), "Bansos APBD", object)]
        taken[ext_ids] = True
        base = w.present(t) & ~w.ever & ~taken & ~w.excluded
        for cat, n in cats.items():
            pick = _modal_pool(w, t, cat, n, base)
            pick = pick[~taken[pick]]
            if cat != "KUBE":
                pick = rng.choice(pick, min(n, len(pick)), replace=False)
            taken[pick] = True
            base &= ~taken
            ids.append(pick)
            ket.append(np.full(len(pick), cat, object))
        modal[t] = (np.concatenate(ids), np.concatenate(ket))
    return modal


def _modal_pool(w, t: int, cat: str, n: int, base: np.ndarray) -> np.ndarray:
    """The families a modal usaha category draws from in period t (KUBE: its n recipients)."""
    if cat == "KUBE":  # the members of the oldest groups, in order
        return w.kube_funded[w.present(t)[w.kube_funded]][:n]
    if cat == "PEKKA":
        return np.flatnonzero(base & w.female & w.usaha & (w.r0 < 1.7))
    if cat == "Bansos APBD":
        paid = np.zeros(w.U, bool)
        paid[w.sembako[t]] = True
        return np.flatnonzero(base & w.usaha & paid)
    return np.flatnonzero(base & (w.r0 < 1.7))


# --- what each family is paid (the penyaluran files) ---------------------------------------------


@dataclass
class Payments:
    """Payment rows gathered programme by programme, as parallel arrays."""

    idx: list = field(default_factory=list)
    prog: list = field(default_factory=list)
    nilai: list = field(default_factory=list)
    day: list = field(default_factory=list)
    dana: list = field(default_factory=list)
    tahap: list = field(default_factory=list)
    ket: list = field(default_factory=list)

    def add(self, idx, prog, nilai, day, dana, tahap, ket=""):
        n = len(idx)
        self.idx.append(np.asarray(idx, np.int64))
        self.prog.append(np.full(n, prog, object))
        self.nilai.append(np.broadcast_to(np.asarray(nilai, np.int64), (n,)).copy())
        self.day.append(np.broadcast_to(np.asarray(day, np.int64), (n,)).copy())
        self.dana.append(np.full(n, dana, object))
        self.tahap.append(np.full(n, tahap, object))
        self.ket.append(np.full(n, "", object) if isinstance(ket, str) else ket)

    def done(self):
        return {k: np.concatenate(getattr(self, k)) for k in self.__dataclass_fields__}


def _tranche(periode: str, months: int) -> str:
    y, m = _year(periode), int(periode[5:])
    return f"{BULAN[m - months]}-{BULAN[m - 1]} {y}"


def payments(w, periode: str) -> dict[str, np.ndarray]:
    """Who was paid what in the quarter ending `periode` (and the 2021-22 history)."""
    pay = Payments()
    y, m = _year(periode), int(periode[5:])
    last = _day(f"{periode}-01")
    if periode in ("2021-12", "2022-12"):
        pemkot = np.flatnonzero(w.role == 1)
        pemprov = np.flatnonzero(w.role == 2)
        pay.add(
            pemkot,
            "Sembako Daerah",
            600_000,
            last + 9 + w.kec[pemkot],
            "APBD",
            _tranche(periode, 3),
        )
        pay.add(pemprov, "Bansos Pemprov", 600_000, last + 15, "APBD Provinsi", f"Triwulan IV {y}")
        return pay.done()
    t = PERIODS.index(periode)
    rec = w.sembako[t]
    months = SEMBAKO_MONTHS[t]
    pay.add(
        rec,
        "Sembako Daerah",
        200_000 * months,
        last + 7 + 3 * w.kec[rec],
        "APBD",
        _tranche(periode, months),
    )
    pres = w.present(t)
    pkh = np.flatnonzero(pres & w.pkh)
    q = (m - 1) // 3 + 1
    pay.add(pkh, "PKH", w.pkh_amt[pkh], last - 30 + 14 + w.kec[pkh], "APBN", f"Tahap {q} {y}")
    bpnt = np.flatnonzero(pres & w.bpnt)
    pay.add(bpnt, "BPNT", 200_000 * months, last - 30 + 22, "APBN", _tranche(periode, months))
    if periode == BLT[0]:
        pay.add(w.blt, "BLT", 800_000, _day("2023-12-24"), "DBHCHT", "DBHCHT 2023")
    if t in w.modal:
        ids, ket = w.modal[t]
        day = {"2023-12": "2023-12-24", "2024-06": "2024-06-20", "2025-09": "2025-09-18"}[periode]
        pay.add(ids, "Modal Usaha", 2_500_000, _day(day), "DBHCHT", f"DBHCHT {y}", ket)
    return pay.done()


# --- who is visited (the pemantauan files) -------------------------------------------------------


def pemantauan_rows(w, t: int) -> np.ndarray:
    """Families visited in quarter t: everyone on the list at t-1 who left, and most who stayed."""
    was = np.flatnonzero(w.extreme(t - 1))
    left = w.ext_out[was] == t
    seen = left | (_u(was, w.seed, 91, t) < 0.9)
    return was[seen]

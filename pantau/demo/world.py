"""The simulated world: every family, its attributes and its life across the periods.

One seed and size give one world; the export layouts (pantau.demo.layouts) only read it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pantau import wilayah as region
from pantau.config import REFERENCE_DIR
from pantau.demo import aid
from pantau.demo.assumptions import (
    ALASAN_P,
    COASTAL,
    DEATH,
    DTSEN_FROM,
    ENTER,
    EXCLUDED_SHARE,
    GRAD_HAZARD,
    GRANT_BOOST,
    GRANT_FAILS,
    GRANTS,
    JUMLAH_P,
    KEC_SHARE,
    LEAVE,
    MOVE,
    NEVER,
    PERIODS,
    PKH_TAHAP,
    POCKETS,
    STAYS_LISTED,
    USAHA_BOOST,
    T,
    _periksa_ukuran,
    ukuran_daftar,
)
from pantau.demo.codebooks import HOUSING, JALAN, PEKERJAAN_P
from pantau.demo.days import _day, _year
from pantau.demo.draws import _choose, _u, _z
from pantau.demo.identities import BELAKANG_L, BELAKANG_P, LAKI, NEEDS_SECOND, PEREMPUAN


def _wilayah(kode: str = region.BAWAAN) -> pd.DataFrame:
    """The region's desa/kelurahan (pantau.wilayah), every column text."""
    return region.tabel(kode).copy()


def _garis_ekstrem() -> dict[int, int]:
    g = pd.read_csv(REFERENCE_DIR / "garis_kemiskinan.csv")
    return dict(
        zip(g["tahun"].astype(int), g["garis_ekstrem_per_kapita_bulan"].astype(int), strict=True)
    )


class World:
    """Every family, its attributes and its history over the periods, for one seed and size."""

    def __init__(self, keluarga: int = 20000, seed: int = 2023, wilayah: str = region.BAWAAN):
        _periksa_ukuran(keluarga)
        self.K, self.seed = int(keluarga), int(seed)
        self.region = region.cari(wilayah)
        self.wil = _wilayah(self.region.kode)
        # Each unit's kab/kota (3575): the NIK, No KK and ID prefix of the families living there,
        # so a province's families carry their own kab/kota's, not one code for all.
        self.kel_kab = self.wil["kode_kab"].str.replace(".", "").astype(int).to_numpy()
        self.kab_names = self.wil["kabupaten_kota"].tolist()
        self.prefix = int(self.kel_kab[0])  # the first kab/kota's: the mess rows' identifiers
        self.lines = _garis_ekstrem()
        self.kel_names = self.wil["kelurahan"].tolist()
        self.kel_kec = self.wil["kode_kec"].str[-2:].astype(int).to_numpy()
        self.kec_names = self.wil["kecamatan"].tolist()
        self._weights()
        self._lists()
        self._rest()
        self._simulate()
        self._allocate()

    # ----- set-up -----
    def _weights(self) -> None:
        if self.region.kode != region.BAWAAN:
            return self._weights_any()
        area = self.wil["area_km2"].astype(float).to_numpy()
        base = np.sqrt(area) * (1 + 0.4 * _u(np.arange(34), self.seed, 11))
        for kec, share in KEC_SHARE.items():
            sel = self.wil["kecamatan"].to_numpy() == kec
            base[sel] = share * base[sel] / base[sel].sum()
        pocket = np.array([POCKETS.get(k, 0.0) for k in self.kel_names])
        self._tilt(base, pocket)
        self.coastal = np.isin(np.array(self.kel_names), list(COASTAL))

    def _weights_any(self) -> None:
        """Any region but Kota Pasuruan: the code list has no population, so a plausible one.

        A desa holds families in proportion to 1, a kelurahan (the towns) to 2.5, each times
        0.6-1.4 at random: Kabupaten Tuban, 311 desa and 17 kelurahan, then has about 11 % of
        its families in kelurahan (BPS: about 1.2 million people, 10 % urban in the kecamatan
        Tuban). Six desa, chosen at random, are pockets holding 30 % of the extreme poor."""
        n = len(self.wil)
        kelurahan = self.wil["kode_kel"].str.rsplit(".", n=1).str[1].str.startswith("1")
        u = _u(np.arange(n), self.seed, 11)
        base = np.where(kelurahan.to_numpy(), 2.5, 1.0) * (0.6 + 0.8 * u)
        order = np.argsort(_u(np.arange(n), self.seed, 12))[: min(6, n)]
        pocket = np.zeros(n)
        pocket[order] = [0.07, 0.06, 0.05, 0.05, 0.04, 0.03][: len(order)]
        self._tilt(base, pocket)
        self.coastal = np.zeros(n, bool)

    def _tilt(self, base: np.ndarray, pocket: np.ndarray) -> None:
        self.w_rest = base / base.sum()
        tilt = base * np.where(pocket > 0, 2.0, 1.0)
        self.w_poor = tilt / tilt.sum()
        thin = np.where(pocket > 0, 0, base)
        self.w_ext = pocket + (1 - pocket.sum()) * thin / thin.sum()

    def _lists(self) -> None:
        """The P3KE and bansos lists and their verval: Kota Pasuruan's published sizes whatever
        `keluarga` is; another region's in proportion to its people (`ukuran_daftar`).

        One function because its draws come from one stream in a fixed order: moving one draw
        would change every later one, and so every file of the demo."""
        rng = np.random.default_rng([self.seed, 1])
        n_p3ke, n_bansos, layak_p3ke, layak_bansos = ukuran_daftar(self.region.kode, self.K)
        self.n_p3ke, self.n_list = n_p3ke, n_p3ke + n_bansos
        n = self.n_list
        role = np.zeros(n, np.int8)  # 0 P3KE, 1 Bansos Pemkot, 2 Bansos Pemprov
        role[n_p3ke:] = np.where(rng.random(n_bansos) < 0.82, 1, 2)
        layak = np.zeros(n, bool)
        layak[rng.choice(n_p3ke, layak_p3ke, replace=False)] = True
        layak[n_p3ke + rng.choice(n_bansos, layak_bansos, replace=False)] = True
        alasan = np.where(layak, -1, _choose(rng.random(n), ALASAN_P)).astype(np.int8)
        kel = np.where(
            layak, _choose(rng.random(n), self.w_ext), _choose(rng.random(n), self.w_poor)
        ).astype(np.int16)
        r0 = (1.03 + rng.lognormal(np.log(0.3), 0.6, n)).astype(np.float32)
        female = rng.random(n) < np.where(layak, 0.35, 0.25)
        excluded = np.zeros(n, bool)
        p3ke_layak = np.flatnonzero(layak[:n_p3ke])
        n_excl = round(EXCLUDED_SHARE * (layak_p3ke + layak_bansos))
        excluded[rng.choice(p3ke_layak, n_excl, replace=False)] = True
        desil21 = (
            np.where(
                layak,
                _choose(rng.random(n), [0.9, 0.1]),
                _choose(rng.random(n), [0.62, 0.2, 0.11, 0.07]),
            )
            + 1
        )
        self.p3ke_flags = rng.random((5, n_p3ke)) < np.array([[0.25], [0.35], [0.05], [0.3], [0]])
        self.p3ke_flags[4] = self.p3ke_flags[1]  # Sembako is BPNT renamed: same flag, twice
        self.L = dict(
            role=role,
            layak=layak,
            alasan=alasan,
            kel=kel,
            r0=r0,
            female=female,
            excluded=excluded,
            desil21=desil21.astype(np.int8),
            verval_day=self._verval_days(rng, n),
            petugas=rng.integers(0, 3, n),
            r22=rng.random(n),
        )
        stays = layak | np.isin(alasan, list(STAYS_LISTED))
        self.list_stays = stays

    @staticmethod
    def _verval_days(rng, n) -> np.ndarray:
        days = np.arange(_day("2023-01-09"), _day("2023-02-25"))
        weekday = ((days + 3) % 7) < 5  # 1970-01-01 was a Thursday
        days = days[weekday]
        return days[rng.integers(0, len(days), n)]

    def _rest(self) -> None:
        """Registry families beyond the lists, then the ones that enter each quarter."""
        rng = np.random.default_rng([self.seed, 2])
        stays = np.flatnonzero(self.list_stays)
        layak = np.flatnonzero(self.L["layak"])
        if len(stays) > self.K:
            others = np.setdiff1d(stays, layak)
            keep = np.concatenate([layak, rng.choice(others, self.K - len(layak), replace=False)])
        else:
            keep = stays
        self.R = max(0, self.K - len(keep))
        self.n_new = max(1, round(self.K * ENTER))
        self.U = self.n_list + self.R + (T - 1) * self.n_new
        U, n = self.U, self.U - self.n_list
        enter = np.full(U, NEVER, np.int8)
        enter[keep] = 0
        enter[self.n_list : self.n_list + self.R] = 0
        enter[self.n_list + self.R :] = np.repeat(np.arange(1, T), self.n_new)
        self.enter = enter
        self.pre_exit = np.minimum(enter.astype(np.int32) + rng.geometric(LEAVE, U), NEVER).astype(
            np.int8
        )
        self.pre_exit[enter == NEVER] = NEVER
        self.role = np.concatenate([self.L["role"], np.full(n, 3, np.int8)])
        self.layak = np.concatenate([self.L["layak"], np.zeros(n, bool)])
        self.kel = np.concatenate(
            [self.L["kel"], _choose(rng.random(n), self.w_rest).astype(np.int16)]
        )
        self.kec = self.kel_kec[self.kel].astype(np.int64)
        self.kab = self.kel_kab[self.kel].astype(np.int64)
        r_rest = rng.lognormal(np.log(1.65), 0.35, n).astype(np.float32)
        self.r0 = np.concatenate([self.L["r0"], r_rest])
        self.female = np.concatenate([self.L["female"], rng.random(n) < 0.2])
        self.excluded = np.concatenate([self.L["excluded"], np.zeros(n, bool)])
        self.poor = self.layak | (self.r0 < 1.15)
        self._family_attributes(rng)

    def _family_attributes(self, rng_rest) -> None:
        """Everything else about each family; the list block has its own random stream."""
        blocks = [
            self._draw(np.random.default_rng([self.seed, 5]), slice(0, self.n_list)),
            self._draw(rng_rest, slice(self.n_list, self.U)),
        ]
        for name in blocks[0]:
            if name == "house":
                self.house = {k: np.concatenate([b["house"][k] for b in blocks]) for k in HOUSING}
            else:
                setattr(self, name, np.concatenate([b[name] for b in blocks]))
        self.usulan = np.zeros(self.U, bool)
        self.fails = _u(np.arange(self.U), self.seed, 24) < GRANT_FAILS

    def _draw(self, rng, sl: slice) -> dict:
        """Every other attribute of the families in `sl`: size, income ratios, job, house,
        address, name, desil draws and programmes. One function for the reason of `_lists`:
        one random stream, drawn in a fixed order."""
        poor, female, kel = self.poor[sl], self.female[sl], self.kel[sl]
        layak, excluded, r0 = self.layak[sl], self.excluded[sl], self.r0[sl]
        U = len(poor)
        out: dict = {}
        out["j0"] = (_choose(rng.random(U), JUMLAH_P) + 1).astype(np.int8)
        out["j_t"] = rng.integers(1, 40, U).astype(np.int8)  # the quarter a member is born/dies
        out["j_d"] = np.where(rng.random(U) < 0.55, 1, -1).astype(np.int8)
        near = rng.random(U) < 0.02
        out["near"] = near
        r_ext = np.where(near, rng.uniform(0.975, 1.02, U), rng.uniform(0.55, 0.96, U))
        out["r_ext"] = r_ext.astype(np.float32)
        out["r_grad"] = rng.uniform(1.05, 1.55, U).astype(np.float32)
        inc_f = np.where(poor, rng.uniform(0.7, 1.0, U), rng.uniform(0.95, 1.45, U))
        out["inc_f"] = inc_f.astype(np.float32)
        out["no_income"] = rng.random(U) < 0.02
        group = np.where(poor, 0, 2) + self.coastal[kel]  # rows of PEKERJAAN_P
        job = _choose(rng.random(U), PEKERJAAN_P, group).astype(np.int8)
        out["job"] = job
        out["usaha"] = np.isin(job, [2, 3]) | (rng.random(U) < np.where(poor, 0.18, 0.22))
        out["house"] = {}
        for name, (book, p_poor, p_rest) in HOUSING.items():
            codes = np.array(list(book))
            k = np.where(poor, _choose(rng.random(U), p_poor), _choose(rng.random(U), p_rest))
            out["house"][name] = codes[k].astype(np.int8)
        out["rt"] = rng.integers(1, 13, U).astype(np.int8)
        out["rw"] = rng.integers(1, 7, U).astype(np.int8)
        out["jalan"] = rng.integers(0, len(JALAN), U).astype(np.int16)
        out["gang"] = np.where(rng.random(U) < 0.5, rng.integers(1, 10, U), 0).astype(np.int8)
        out["nomor"] = rng.integers(1, 120, U).astype(np.int16)
        nm1 = np.where(female, rng.integers(0, len(PEREMPUAN), U), rng.integers(0, len(LAKI), U))
        out["nm1"] = nm1.astype(np.int16)
        second = np.where(
            female, rng.integers(0, len(BELAKANG_P), U), rng.integers(0, len(BELAKANG_L), U)
        )
        needs = np.where(
            female,
            np.isin(nm1, [PEREMPUAN.index(x) for x in NEEDS_SECOND if x in PEREMPUAN]),
            np.isin(nm1, [LAKI.index(x) for x in NEEDS_SECOND if x in LAKI]),
        )
        out["nm2"] = np.where(needs | (rng.random(U) < 0.7), second, -1).astype(np.int16)
        out["prio"] = rng.random(U).astype(np.float32)
        out["desil_a"] = _choose(rng.random(U), [0.12, 0.76, 0.12]).astype(np.int8) - 1
        out["desil_b"] = _choose(rng.random(U), [0.15, 0.70, 0.15]).astype(np.int8) - 1
        target = layak & ~excluded
        p_pkh = np.where(target, 0.35, np.where(r0 < 1.3, 0.15, 0.03))
        p_bpnt = np.where(target, 0.5, np.where(r0 < 1.3, 0.25, 0.05))
        out["pkh"] = (rng.random(U) < p_pkh) & ~excluded
        out["bpnt"] = (rng.random(U) < p_bpnt) & ~excluded
        out["pbi"] = (rng.random(U) < np.where(poor, 0.6, 0.3)) & ~excluded
        out["pkh_amt"] = PKH_TAHAP[rng.integers(0, len(PKH_TAHAP), U)]
        # NIKs issued before the 2012 split carry the old kecamatan for today's Panggungrejo.
        kec = self.kec[sl]
        old = (kec == 4) & (rng.random(U) < 0.6) & (self.region.kode == region.BAWAAN)
        out["nik_kec"] = np.where(old, rng.integers(1, 4, U), kec).astype(np.int8)
        return out

    # ----- history -----
    def present(self, t: int) -> np.ndarray:
        return (self.enter <= t) & (self.exit > t)

    def extreme(self, t: int) -> np.ndarray:
        return (self.ext_in <= t) & (self.ext_out > t)

    def _simulate(self) -> None:
        """Who is on the extreme-poverty list each quarter, and why each one leaves it.

        One loop over the quarters: each quarter's exits, entries and grants depend on the state
        the last one left, drawn from one stream in order."""
        rng = np.random.default_rng([self.seed, 3])
        U = self.U
        self.ext_in = np.full(U, NEVER, np.int8)
        self.ext_out = np.full(U, NEVER, np.int8)
        self.why = np.full(U, -1, np.int8)  # 0 keluar, 1 meninggal, 2 pindah
        self.grant = np.full(U, NEVER, np.int8)
        self.ext_in[self.layak] = 0
        ever = self.layak.copy()
        for t in range(1, T):
            cur = np.flatnonzero((self.ext_in < t) & (self.ext_out == NEVER))
            u = rng.random(len(cur))
            h = GRAD_HAZARD[t] * np.where(self.usaha[cur], USAHA_BOOST, 1.0)
            boosted = (self.grant[cur] < t) & ~self.fails[cur]
            h = np.minimum(h * np.where(boosted, GRANT_BOOST, 1.0), 0.6)
            dead, moved = u < DEATH, (u >= DEATH) & (u < DEATH + MOVE)
            grad = (u >= DEATH + MOVE) & (u < DEATH + MOVE + h)
            for mask, why in ((grad, 0), (dead, 1), (moved, 2)):
                self.ext_out[cur[mask]] = t
                self.why[cur[mask]] = why
            n_add = int(rng.integers(3, 9))
            n_old = round(0.6 * n_add)
            alive = (self.enter <= t) & (self.pre_exit > t)
            pool = np.flatnonzero(alive & ~ever & (self.r0 < 1.25) & (self.enter < t))
            new = np.flatnonzero((self.enter == t) & ~ever)
            add = np.concatenate(
                [
                    rng.choice(pool, min(n_old, len(pool)), replace=False),
                    rng.choice(new, min(n_add - n_old, len(new)), replace=False),
                ]
            )
            self.ext_in[add] = t
            self.usulan[add[self.enter[add] == t]] = True
            self.excluded[add] = rng.random(len(add)) < 0.3
            ever[add] = True
            if PERIODS[t] in GRANTS:
                on = np.flatnonzero(
                    (self.ext_in < t) & (self.ext_out == NEVER) & self.usaha & ~self.excluded
                )
                on = on[self.grant[on] == NEVER]
                k = min(GRANTS[PERIODS[t]][0], len(on))
                self.grant[rng.choice(on, k, replace=False)] = t
        spell_end = self.ext_out
        gone = np.isin(self.why, [1, 2])
        after = np.where(self.pre_exit > spell_end, self.pre_exit, NEVER)
        self.exit = np.where(
            gone,
            spell_end,
            np.where(ever, np.where(spell_end == NEVER, NEVER, after), self.pre_exit),
        ).astype(np.int8)
        self.ever = ever
        # the new extreme poor are poor in their other attributes too
        self.pkh &= ~self.excluded
        self.bpnt &= ~self.excluded
        self.pbi &= ~self.excluded

    # ----- economics of one period -----
    def economics(self, idx: np.ndarray, t: int) -> dict[str, np.ndarray]:
        line = self.lines[_year(PERIODS[t])] if t >= 0 else self.lines[2022]
        tt = max(t, 0)
        ext = (self.ext_in[idx] <= tt) & (self.ext_out[idx] > tt) if t >= 0 else self.layak[idx]
        grad = (self.ext_out[idx] <= tt) & (self.why[idx] == 0) if t >= 0 else False
        z = _z(idx, self.seed, 21, t + 10)
        since = np.clip(tt - self.grant[idx].astype(np.int64), 0, 5)
        granted = (self.grant[idx] <= tt) & ~self.fails[idx]
        drift = 1 + 0.04 * since * granted
        r_ext = np.minimum(self.r_ext[idx] * drift, np.where(self.near[idx], 1.03, 0.985))
        r = np.where(ext, r_ext, np.where(grad, self.r_grad[idx], self.r0[idx]))
        r = r * np.exp(0.03 * z)
        r = np.where(ext, np.minimum(r, np.where(self.near[idx], 1.03, 0.985)), r)
        j = np.clip(self.j0[idx] + self.j_d[idx] * (self.j_t[idx] <= tt), 1, 8).astype(np.int64)
        spend = np.floor(r * line * j / 1000).astype(np.int64) * 1000
        z2 = _z(idx, self.seed, 22, t + 10)
        share = np.where(
            ext,
            np.clip(0.70 + 0.04 * z2, 0.58, 0.82),
            np.clip(0.62 - 0.15 * (r - 1) + 0.04 * z2, 0.38, 0.75),
        )
        pangan = np.floor(share * spend / 1000).astype(np.int64) * 1000
        mult = 1 + 0.12 * since * granted
        noise = np.exp(0.10 * _z(idx, self.seed, 23, t + 10))
        inc = np.round(spend * self.inc_f[idx] * mult * noise / 10_000).astype(np.int64) * 10_000
        inc = np.where(ext & self.no_income[idx], 0, inc)
        base = np.where(grad, self.r_grad[idx], self.r0[idx])
        d = 1 + np.searchsorted(np.array([1.0, 1.3, 1.7, 2.3]), base, side="right")
        d = d + (self.desil_b[idx] if t >= DTSEN_FROM else self.desil_a[idx])
        desil = np.where(ext, 1, np.clip(d, 1, 5))
        return dict(ext=ext, j=j, spend=spend, pangan=pangan, inc=inc, desil=desil, r=r)

    # ----- programmes -----
    def _allocate(self) -> None:
        """Who each programme reaches (pantau.demo.aid), from one random stream in this order:
        Sembako Daerah, the BLT round, the KUBE groups, then the modal usaha rounds."""
        rng = np.random.default_rng([self.seed, 4])
        self.sembako = aid.sembako(self)
        self.blt = aid.blt(self, rng)
        self.kube = aid.kube_groups(self, rng)
        self.kube_funded = aid.kube_funded(self.kube)
        self.modal = aid.modal_usaha(self, rng)

"""Page benchmark (issue 2): each page's named queries server side, against plain pandas.

    python bench/pages.py --data /tmp/lake50k --label "50.000 keluarga" [--repeat 5]
    python bench/pages.py --data /tmp/lake5m --label "5.000.000 keluarga" --repeat 3 --json …
    python bench/pages.py --data /tmp/lake50k --check          # pandas == SQL, page by page
    python bench/pages.py write /tmp/pages50k.json /tmp/pages5m.json --checked "50.000 keluarga"

A page view = the named queries the page runs for one view (latest period, whole city, as
`pages/*.py` call them, plus the sidebar's `periode_list`) and the Python work it does on their
results when that is significant (the Moran's I clusters of the Peta page). Every (page, engine)
runs in its own subprocess: "cold" is its first view after the engine starts (views built,
DuckDB caches empty; the OS file cache is warm), "warm" the best and median of the next
`--repeat` views in the same process (no Streamlit cache). Peak RSS is the subprocess's.
The pandas engine reads the current Parquet batches with pyarrow on every view and computes
the same figures with groupby/merge (`PandasPages`); `--check` asserts they equal the SQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # bench/harness.py; not ROOT: --root picks pantau
import harness  # noqa: E402

RESULTS = harness.RESULTS
SECTION = "## Pages (issue 2)"


def _page_list():
    """pantau/page_list.py of this copy, loaded by path: `--root` may import another pantau."""
    spec = importlib.util.spec_from_file_location("_page_list", ROOT / "pantau" / "page_list.py")
    module = sys.modules["_page_list"] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The pages `page_queries` knows (those whose views are their named queries), in menu order.
PAGES = tuple(_page_list().pick("ringkasan", "peta", "beban", "bantuan"))


def page_queries(page: str, periode: str, kec: str | None = None, kel: str | None = None):
    """(query name, params) in the order the page runs them for one view; the sidebar first."""
    area = {"periode": periode, "kode_kec": kec, "kode_kel": kel}
    where = {"kode_kec": kec, "kode_kel": kel}
    sidebar = [("periode_list", {})]
    if page == "ringkasan":
        return sidebar + [
            ("ringkasan_kpi", area),
            ("bantuan_per_sumber_dana", area),
            ("verval_funnel", {}),
            ("tren_miskin_ekstrem", where),
            ("skor_strategi", {"periode": periode}),
        ]
    if page == "peta":
        kec_peta = kec or (kel or "")[:8] or None
        rows = [("peta_kelurahan", {"periode": periode})]
        if kec_peta is None:
            return sidebar + rows + [("peta_kecamatan", {"periode": periode})]
        return sidebar + rows + [("peta_kelurahan", {"periode": periode, "kode_kec": kec_peta})]
    if page == "beban":
        kec_fgt = kec or (kel or "")[:8] or None
        return sidebar + [
            ("beban_ringkasan", area),
            ("beban_rekonsiliasi", area),
            ("fgt", {"periode": periode}),
            ("fgt_kelurahan", {"periode": periode, "kode_kec": kec_fgt}),
            ("beban_histogram", area),
            ("beban_rasio", area),
            ("beban_sebaran", area),
        ]
    if page == "bantuan":
        return sidebar + [
            ("bantuan_cakupan_program", area),
            ("bantuan_ketepatan_sasaran", area),
            ("bantuan_cakupan_kelurahan", area),
            ("bantuan_kombinasi", area),
            ("bantuan_program_dana", area),
            ("bantuan_per_wilayah", area),
            ("bantuan_modal_usaha_sampel", area),
            ("kube_sampel", area),
            ("kube_tren", area),
            ("kube_kelompok", area),
        ]
    raise ValueError(page)


# --- engines ----------------------------------------------------------------------------------


class SqlPages:
    """The dashboard's own path: named queries on the process's engine (no Streamlit cache)."""

    def __init__(self, data: Path):
        from pantau import queries

        self.engine = queries.engine(data)
        self._analyses: dict = {}

    def latest(self) -> str:
        return self.engine.run("periode_list")["periode"].iloc[-1]

    def view(self, page: str, periode: str, kec=None, kel=None) -> dict:
        out, times = {}, {}
        for name, params in page_queries(page, periode, kec, kel):
            t = time.perf_counter()
            out[(name, _key(params))] = self.engine.run(name, params)
            times[name] = times.get(name, 0) + time.perf_counter() - t
        if page == "peta":
            t = time.perf_counter()
            out[("klaster", "")] = klaster(out[("peta_kelurahan", _key({"periode": periode}))])
            times["klaster (Python)"] = time.perf_counter() - t
        if page == "bantuan":
            # The effect models (privacy.ANALYSES) run on their panels once per lake version and
            # role: the page's cache (ui.query) keeps them, so a process pays them on its first
            # view only, as here.
            from pantau import privacy

            for name in ("bantuan_modal_usaha_efek", "kube_efek"):
                key = (name, periode, kec, kel)
                if key not in self._analyses:
                    t = time.perf_counter()
                    base, compute, _ = privacy.ANALYSES[name]
                    raw = self.engine.run(
                        base, {"periode": periode, "kode_kec": kec, "kode_kel": kel}
                    )
                    self._analyses[key] = privacy._compute(compute)(raw)
                    times[f"{name} (Python, first view)"] = time.perf_counter() - t
                out[(name, "")] = self._analyses[key]
        return {"results": out, "times": times}


def klaster(kota):
    from pantau import peta

    hs = peta.hitung_klaster(kota)
    return hs if peta.cukup_untuk_klaster(hs) else None


def _key(params: dict) -> str:
    return json.dumps({k: v for k, v in sorted(params.items()) if v is not None})


# --- the same numbers in plain pandas ---------------------------------------------------------


class PandasPages:
    """Each page's figures for the whole city with pandas groupby/merge, reading the current
    Parquet batches (only the columns, and where the page needs one period only that period's
    files) with pyarrow on every view. Mirrors the named queries' definitions (queries/*.sql)."""

    def __init__(self, data: Path):
        from pantau.config import REFERENCE_DIR, WILAYAH_CSV
        from pantau.lake import Lake

        self.lake = Lake(data)
        self.wilayah = pd.read_csv(WILAYAH_CSV, dtype=str)
        self.program = pd.read_csv(REFERENCE_DIR / "program.csv", dtype=str)
        g = pd.read_csv(REFERENCE_DIR / "garis_kemiskinan.csv", dtype=str)
        self.garis = {
            int(t): float(v)
            for t, v in zip(g["tahun"], g["garis_ekstrem_per_kapita_bulan"], strict=True)
        }

    # -- reading ---------------------------------------------------------------------------

    def files(self, ds: str) -> dict[str, list[Path]]:
        out: dict[str, list[Path]] = {}
        for f in self.lake.current_files(ds):
            out.setdefault(f.parent.name.split("=", 1)[1], []).append(f)
        return out

    def read(self, ds: str, columns: list[str], periods=None) -> pd.DataFrame:
        import pyarrow.parquet as pq

        frames = []
        for per, fs in sorted(self.files(ds).items()):
            if periods is not None and per not in periods:
                continue
            for f in fs:
                names = set(pq.read_schema(f).names)
                t = pq.read_table(f, columns=[c for c in columns if c in names])
                df = t.to_pandas()
                for c in columns:
                    if c not in df:
                        df[c] = None
                frames.append(df[columns])
        if not frames:
            return pd.DataFrame({c: [] for c in columns})
        return pd.concat(frames, ignore_index=True)

    def latest(self) -> str:
        return max(self.files("keluarga"))

    def keluarga_periods(self) -> list[str]:
        return sorted(self.files("keluarga"))

    @staticmethod
    def akhir(p: str) -> pd.Timestamp:
        return pd.Timestamp(p + "-01") + pd.offsets.MonthEnd(0)

    def garis_for(self, p: str):
        years = [t for t in self.garis if t <= int(p[:4])]
        return (max(years), self.garis[max(years)]) if years else (None, None)

    def penyaluran_kk(self, columns: list[str], since=None) -> pd.DataFrame:
        """penyaluran with no_kk filled from the head's NIK (latest list) where only the NIK was
        given, one row per payment (family, programme, date, amount): the newest export's."""
        key = ["no_kk", "nik", "tanggal_salur", "program", "nilai", "status", "periode"]
        cols = list(dict.fromkeys([*key, *columns]))
        s = self.read("penyaluran", cols)
        s["tanggal_salur"] = pd.to_datetime(s["tanggal_salur"])
        if since is not None:
            s = s[s["tanggal_salur"] >= since]
        nik_only = s["no_kk"].isna()
        if nik_only.any():
            k = self.read("keluarga", ["nik_kepala", "no_kk", "periode"])
            k = k[k["nik_kepala"].isin(s.loc[nik_only, "nik"])]
            head = k.sort_values("periode").groupby("nik_kepala")["no_kk"].last()
            s.loc[nik_only, "no_kk"] = s.loc[nik_only, "nik"].map(head)
        rank = s["status"].map({"tersalur": 3, "retur": 2}).fillna(1)
        s = s.assign(_nik=s["nik"].where(s["no_kk"].isna()), _rank=rank)
        s = s.sort_values(["periode", "_rank"], kind="stable").drop_duplicates(
            ["no_kk", "_nik", "program", "tanggal_salur", "nilai"], keep="last"
        )
        return s.drop(columns=["_nik", "_rank"]).sort_index()

    def cakupan_ekstrem(self, p: str, k: pd.DataFrame, salur: pd.DataFrame) -> pd.DataFrame:
        """k = period p's extreme-poor rows; salur = tersalur payments (with no_kk) of the window."""
        paid = salur[salur["no_kk"].isin(k["no_kk"])]
        progs = paid.groupby("no_kk")["program"].agg(lambda x: sorted(set(x)))
        nilai = paid.groupby("no_kk")["nilai"].sum()
        k = k.copy()
        terdaftar = k["program_terdaftar"].map(lambda x: list(x) if x is not None else [])
        salur_k = k["no_kk"].map(progs).map(lambda x: x if isinstance(x, list) else [])
        k["program"] = [sorted(set(a) | set(b)) for a, b in zip(terdaftar, salur_k, strict=True)]
        k["tercakup"] = [len(a) + len(b) > 0 for a, b in zip(terdaftar, salur_k, strict=True)]
        # the three named figures (queries/README.md): strategy 1, strategy 2, any programme
        strategi = self.program.set_index("program")["strategi"].astype(int).to_dict()
        for col, st in (("tercakup_bansos", 1), ("tercakup_pendapatan", 2)):
            k[col] = [any(strategi.get(x) == st for x in pr) for pr in k["program"]]
        k["nilai_bantuan_12_bulan"] = k["no_kk"].map(nilai).fillna(0.0)
        return k

    def salur_12(self, p: str, columns=("program", "nilai", "status")) -> pd.DataFrame:
        akhir = self.akhir(p)
        s = self.penyaluran_kk(list(columns), since=akhir - pd.DateOffset(months=12))
        return s[
            (s["tanggal_salur"] > akhir - pd.DateOffset(months=12)) & (s["tanggal_salur"] <= akhir)
        ]

    # -- pages -----------------------------------------------------------------------------

    def view(self, page: str, periode: str, kec=None, kel=None) -> dict:
        if kec or kel:
            raise SystemExit("the pandas pages do the whole-city view only")
        times, out = {}, {}
        for name, params in page_queries(page, periode):
            t = time.perf_counter()
            out[(name, _key(params))] = getattr(self, name)(**params)
            times[name] = times.get(name, 0) + time.perf_counter() - t
        if page == "peta":
            t = time.perf_counter()
            out[("klaster", "")] = klaster(out[("peta_kelurahan", _key({"periode": periode}))])
            times["klaster (Python)"] = time.perf_counter() - t
        return {"results": out, "times": times}

    def periode_list(self) -> pd.DataFrame:
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        rows = []
        for ds in ("keluarga", "verval", "penyaluran", "kube", "pemantauan"):
            for fs in self.files(ds).values():
                for f in fs:
                    for v in pc.unique(
                        pq.read_table(f, columns=["periode"])["periode"]
                    ).to_pylist():
                        rows.append((v, ds))
        df = pd.DataFrame(rows, columns=["periode", "dataset"]).drop_duplicates()
        out = (
            df.sort_values(["periode", "dataset"])
            .groupby("periode", as_index=False)["dataset"]
            .agg(", ".join)
        )
        flagged = self.flagged()
        return out.assign(berstatus_ekstrem=out["periode"].map(flagged).fillna(False).astype(bool))

    def flagged(self) -> dict[str, bool]:
        """Per keluarga period: a flagged period (some miskin_ekstrem not empty)."""
        k = self.read("keluarga", ["periode", "miskin_ekstrem"])
        return k["miskin_ekstrem"].notna().groupby(k["periode"]).any().to_dict()

    # Ringkasan

    def _angka_utama(self, p: str, pem: pd.DataFrame, pay: pd.DataFrame) -> dict:
        k = self.read(
            "keluarga", ["no_kk", "jumlah_anggota", "miskin_ekstrem", "program_terdaftar"], {p}
        )
        k = k[k["miskin_ekstrem"].fillna(False).astype(bool)]
        c = self.cakupan_ekstrem(p, k, self._salur_cache(p, pay))
        awal, akhir = pd.Timestamp(f"{p[:4]}-01-01"), self.akhir(p)
        keluar = pem[(pem["status_ekstrem"] == "keluar") & pem["tanggal"].between(awal, akhir)]
        ytd = pay[(pay["status"] == "tersalur") & pay["tanggal_salur"].between(awal, akhir)]
        return {
            "periode": p,
            "keluarga_miskin_ekstrem": len(c),
            "jiwa_miskin_ekstrem": int(c["jumlah_anggota"].sum()),
            "keluarga_keluar_tahun_ini": keluar["no_kk"].nunique(),
            "cakupan": c["tercakup_bansos"].mean() if len(c) else None,
            "bantuan_rp_tahun_ini": float(ytd["nilai"].sum()),
        }

    def _salur_cache(self, p: str, pay: pd.DataFrame) -> pd.DataFrame:
        akhir = self.akhir(p)
        s = pay[(pay["status"] == "tersalur") & pay["no_kk"].notna()]
        return s[
            (s["tanggal_salur"] > akhir - pd.DateOffset(months=12)) & (s["tanggal_salur"] <= akhir)
        ]

    def _pair(self, periode: str):
        """The period and the previous flagged period it is compared with (none for a
        flagless period or the first flagged one)."""
        ps = self.keluarga_periods()
        p = periode or ps[-1]
        if p not in ps:
            return None, None
        flagged = self.flagged()
        before = [x for x in ps if x < p and flagged.get(x)]
        return p, (before[-1] if flagged.get(p) and before else None)

    @staticmethod
    def setahun_lalu(p: str) -> str:
        return f"{int(p[:4]) - 1}{p[4:]}"

    def _ytd(self, p: str, pem: pd.DataFrame, pay_all: pd.DataFrame) -> tuple:
        """Leavers and Rp tersalur from 1 January to p's end; None when nothing is dated then."""
        awal, akhir = pd.Timestamp(f"{p[:4]}-01-01"), self.akhir(p)
        in_pem = pem["tanggal"].between(awal, akhir)
        in_pay = pay_all["tanggal_salur"].between(awal, akhir)
        keluar = pem[in_pem & (pem["status_ekstrem"] == "keluar")]["no_kk"].nunique()
        rp = float(pay_all[in_pay & (pay_all["status"] == "tersalur")]["nilai"].sum())
        return (keluar if in_pem.any() else None), (rp if in_pay.any() else None)

    def ringkasan_kpi(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p, prev = self._pair(periode)
        if p is None:
            return pd.DataFrame()
        flag = bool(self.flagged().get(p))
        pem = self.read("pemantauan", ["no_kk", "tanggal", "status_ekstrem"])
        pem["tanggal"] = pd.to_datetime(pem["tanggal"])
        lalu = self.setahun_lalu(p)
        since = pd.Timestamp(f"{(prev or lalu)[:4]}-01-01") - pd.DateOffset(months=12)
        pay = self.penyaluran_kk(["program", "nilai", "status"], since=since)
        a = self._angka_utama(p, pem, pay)
        b = self._angka_utama(prev, pem, pay) if prev else {}
        k = self.read("keluarga", ["no_kk", "sumber_data"], {p})
        sumber = ", ".join(sorted(set(k["sumber_data"].fillna("tidak disebut"))))
        row = {
            "periode": p,
            "berstatus_ekstrem": flag,
            "sumber_daftar": sumber,
            "keluarga_daftar": len(k),
            "keluarga_miskin_ekstrem": a["keluarga_miskin_ekstrem"] if flag else None,
            "jiwa_miskin_ekstrem": a["jiwa_miskin_ekstrem"] if flag else None,
            "keluarga_keluar_tahun_ini": a["keluarga_keluar_tahun_ini"],
            "cakupan": a["cakupan"],
            "bantuan_rp_tahun_ini": a["bantuan_rp_tahun_ini"],
            "periode_sebelumnya": prev,
        }
        for c in ("keluarga_miskin_ekstrem", "jiwa_miskin_ekstrem", "cakupan"):
            row[f"{c}_sebelumnya"] = b.get(c)
        # the raw export, any status and family: "was anything paid in that span at all"
        raw = self.read("penyaluran", ["tanggal_salur", "status", "nilai"])
        raw["tanggal_salur"] = pd.to_datetime(raw["tanggal_salur"])
        keluar_lalu, rp_lalu = self._ytd(lalu, pem, raw)
        row |= {
            "periode_tahun_lalu": lalu,
            "keluarga_keluar_tahun_lalu": keluar_lalu,
            "bantuan_rp_tahun_lalu": rp_lalu,
        }
        return pd.DataFrame([row])

    def bantuan_per_sumber_dana(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        awal, akhir = pd.Timestamp(f"{p[:4]}-01-01"), self.akhir(p)
        s = self.penyaluran_kk(["nilai", "status", "sumber_dana"], since=awal)
        s = s[(s["status"] == "tersalur") & s["tanggal_salur"].between(awal, akhir)]
        s = s.assign(
            sumber_dana=s["sumber_dana"].fillna("tidak disebut"),
            kpm=s["no_kk"].where(s["no_kk"].notna(), "nik:" + s["nik"].astype(object)),
        )
        g = s.groupby("sumber_dana", as_index=False).agg(
            nilai=("nilai", "sum"), kpm=("kpm", "nunique")
        )
        return g.sort_values("nilai", ascending=False, kind="stable").reset_index(drop=True)

    def bantuan_per_wilayah(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        """Whole city: per kecamatan where the family lived on the payment date (the latest list
        at or before its month that has it, else its earliest), then no known area, then all."""
        p = periode or self.latest()
        awal, akhir = pd.Timestamp(f"{p[:4]}-01-01"), self.akhir(p)
        s = self.penyaluran_kk(["nilai", "status"], since=awal)
        s = s[(s["status"] == "tersalur") & s["tanggal_salur"].between(awal, akhir)].copy()
        s["kpm"] = s["no_kk"].where(s["no_kk"].notna(), "NIK " + s["nik"].astype(object))
        s["bulan"] = s["tanggal_salur"].dt.strftime("%Y-%m")
        k = self.read("keluarga", ["no_kk", "kode_kel", "periode"])
        k = k[k["no_kk"].isin(s["no_kk"].dropna())]
        k = k.groupby(["no_kk", "periode"], as_index=False)["kode_kel"].min()
        k = k.sort_values("periode")
        j = s[["no_kk", "bulan"]].dropna().drop_duplicates().merge(k, on="no_kk")
        kel = j[j["periode"] <= j["bulan"]].groupby(["no_kk", "bulan"])["kode_kel"].last()
        awal_kel = k.groupby("no_kk")["kode_kel"].first()
        idx = pd.MultiIndex.from_frame(s[["no_kk", "bulan"]])
        s["kode_kel"] = kel.reindex(idx).to_numpy()
        s["kode_kel"] = s["kode_kel"].fillna(s["no_kk"].map(awal_kel))
        s["kode"] = s["kode_kel"].str[:8]
        kec = self.wilayah.drop_duplicates("kode_kec")[["kode_kec", "kecamatan"]]
        rows = []
        for kode, nama, tingkat, part in [
            *((c, n, "kecamatan", s[s["kode"] == c]) for c, n in kec.itertuples(index=False)),
            (None, "Wilayah tidak diketahui", "tidak diketahui", s[s["kode"].isna()]),
            (None, "Kota Pasuruan", "total", s),
        ]:
            rows.append(
                {
                    "kode_wilayah": kode,
                    "wilayah": nama,
                    "tingkat": tingkat,
                    "kpm": part["kpm"].nunique(),
                    "penyaluran_tersalur": len(part),
                    "nilai_tersalur": float(part["nilai"].sum()),
                }
            )
        return pd.DataFrame(rows)

    def verval_funnel(self) -> pd.DataFrame:
        v = self.read("verval", ["no_kk", "hasil", "sumber_daftar", "tanggal_verval", "periode"])
        if v.empty:
            return pd.DataFrame()
        v["sumber_daftar"] = v["sumber_daftar"].fillna("Tidak disebut")
        last = v["periode"].max()
        k = self.read(
            "keluarga",
            ["no_kk", "sumber_data", "periode"],
            {x for x in self.keluarga_periods() if x <= last},
        )
        k = k[
            k["sumber_data"].isin(["P3KE", "Bansos Pemkot", "Bansos Pemprov", "Usulan"])
            & k["sumber_data"].isin(v["sumber_daftar"])
        ]
        daftar = k[["sumber_data", "no_kk"]].drop_duplicates()
        daftar.columns = ["sumber_daftar", "no_kk"]
        lists = daftar.groupby("sumber_daftar").size()
        # each family's latest result, per list and over all lists
        v = v.sort_values("tanggal_verval", kind="stable")
        per = v.groupby(["sumber_daftar", "no_kk"], as_index=False)["hasil"].last()
        fam = v.groupby("no_kk").agg(
            hasil=("hasil", "last"), n_diperiksa=("sumber_daftar", "nunique")
        )

        def counts(hasil: pd.Series, n: int | None = None) -> list:
            return [
                n if n is not None else len(hasil),
                int(hasil.notna().sum()),
                int((hasil == "memenuhi").sum()),
                int((hasil == "tidak memenuhi").sum()),
            ]

        rows = []
        for src, g in per.groupby("sumber_daftar"):
            c = counts(g["hasil"])
            rows.append([1, src, lists.get(src), *c[1:], src in lists.index])
        rows.sort(key=lambda r: (r[1] != "P3KE", r[1]))
        dimuat = all(r[-1] for r in rows)
        semua = pd.concat([daftar, per[["sumber_daftar", "no_kk"]]]).drop_duplicates()
        n_daftar = semua.groupby("no_kk").size()
        g = fam.reindex(n_daftar.index)
        g["n_diperiksa"] = g["n_diperiksa"].fillna(0)
        ganda = g["hasil"].where(g["n_diperiksa"] > 1)
        rows.append(
            [2, "Di lebih dari satu daftar", int((n_daftar > 1).sum()), *counts(ganda)[1:], dimuat]
        )
        rows.append([3, "Semua daftar", *counts(g["hasil"]), dimuat])
        return pd.DataFrame(
            rows,
            columns=[
                "urutan",
                "sumber_daftar",
                "daftar_keluarga",
                "diperiksa_keluarga",
                "memenuhi_keluarga",
                "tidak_memenuhi_keluarga",
                "daftar_dimuat",
            ],
        )

    def tren_miskin_ekstrem(self, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        k = self.read("keluarga", ["periode", "kode_kec", "miskin_ekstrem"])
        flagged = k.groupby("periode")["miskin_ekstrem"].count()
        k = k[k["periode"].isin(flagged[flagged > 0].index)]
        kec = self.wilayah.drop_duplicates("kode_kec")[["kode_kec", "kecamatan"]]
        k = k.merge(kec, on="kode_kec")
        k["me"] = k["miskin_ekstrem"].fillna(False).astype(bool)
        g = k.groupby(["periode", "kode_kec", "kecamatan"], as_index=False)["me"].sum()
        return (
            g.rename(columns={"me": "keluarga_miskin_ekstrem"})
            .sort_values(["periode", "kode_kec"])
            .reset_index(drop=True)
        )

    def _skor(self, p: str, pay, pem, kube) -> list:
        k = self.read(
            "keluarga",
            [
                "no_kk",
                "kode_kel",
                "miskin_ekstrem",
                "jumlah_anggota",
                "pengeluaran_bulanan",
                "pengeluaran_pangan",
                "lantai",
                "fasilitas_bab",
                "program_terdaftar",
            ],
            {p},
        )
        me = k["miskin_ekstrem"].fillna(False).astype(bool)
        c = self.cakupan_ekstrem(p, k[me], self._salur_cache(p, pay))
        _, garis = self.garis_for(p)
        ppk = (c["pengeluaran_bulanan"] / c["jumlah_anggota"]).where(c["pengeluaran_bulanan"] > 0)
        below = (ppk[ppk.notna()] < garis).astype(float) if garis else ppk[ppk.notna()] * 0.0
        pangan = c["pengeluaran_pangan"] / c["pengeluaran_bulanan"].where(
            c["pengeluaran_bulanan"] != 0
        )
        akhir = self.akhir(p)
        modal = pay[
            (pay["program"] == "Modal Usaha")
            & (pay["status"] == "tersalur")
            & (pay["tanggal_salur"] <= akhir)
        ]
        kp = [x for x in kube["periode"].unique() if x <= p]
        kb = kube[kube["periode"] == max(kp)] if kp else kube.iloc[:0]
        aktif = kb[kb["status_aktif"].fillna(True).astype(bool)]["id_kube"].nunique()
        kel = (
            k.assign(me=me).groupby("kode_kel", dropna=False).agg(n=("me", "size"), e=("me", "sum"))
        )
        rate = kel["e"].sum() / kel["n"].sum() if kel["n"].sum() else None
        kantong = (
            int(((kel["e"] >= 5) & (kel["e"] / kel["n"] >= 1.5 * rate)).sum())
            if rate is not None
            else 0
        )
        awal = pd.Timestamp(f"{p[:4]}-01-01")
        keluar = pem[(pem["status_ekstrem"] == "keluar") & pem["tanggal"].between(awal, akhir)][
            "no_kk"
        ].nunique()
        lantai = c["lantai"].dropna()
        bab = c["fasilitas_bab"].dropna()
        mean = lambda x: float(x.mean()) if len(x) else None  # noqa: E731
        return [
            mean(c["tercakup_bansos"].astype(float)),
            mean(below),
            mean(pangan.dropna()),
            float(modal["no_kk"].nunique()),
            float(aktif),
            float(keluar),
            float(kantong),
            mean((lantai == 9).astype(float)),
            mean((bab != 1).astype(float)),
        ]

    SKOR = [
        (1, "Cakupan bansos keluarga miskin ekstrem", "persen", "naik"),
        (
            1,
            "Keluarga miskin ekstrem dengan pengeluaran per kapita di bawah garis ekstrem",
            "persen",
            "turun",
        ),
        (1, "Rata-rata porsi pengeluaran pangan keluarga miskin ekstrem", "persen", "turun"),
        (2, "KPM penerima modal usaha (kumulatif)", "KPM", "naik"),
        (2, "KUBE aktif", "kelompok", "naik"),
        (2, "Keluarga keluar dari kemiskinan ekstrem tahun ini", "keluarga", "naik"),
        (3, "Kelurahan kantong kemiskinan", "kelurahan", "turun"),
        (3, "Keluarga miskin ekstrem berlantai tanah", "persen", "turun"),
        (3, "Keluarga miskin ekstrem tanpa jamban sendiri", "persen", "turun"),
    ]
    NAMA_STRATEGI = {
        1: "Mengurangi beban pengeluaran",
        2: "Meningkatkan pendapatan",
        3: "Menurunkan kantong kemiskinan",
    }

    def skor_strategi(self, periode) -> pd.DataFrame:
        p, prev = self._pair(periode)
        if p is None:
            return pd.DataFrame()
        pay = self.penyaluran_kk(["program", "nilai", "status"])
        pem = self.read("pemantauan", ["no_kk", "tanggal", "status_ekstrem"])
        pem["tanggal"] = pd.to_datetime(pem["tanggal"])
        kube = self.read("kube", ["periode", "id_kube", "status_aktif"])
        flagged = self.flagged()
        a = self._skor(p, pay, pem, kube)
        if not flagged.get(p):
            a[6] = None  # no kantong count on a flagless list
        b = self._skor(prev, pay, pem, kube) if prev else [None] * 9
        # the year-to-date row against the same span a year earlier
        lalu = self.setahun_lalu(p)
        b[5], _ = self._ytd(lalu, pem, pay)
        b[5] = float(b[5]) if b[5] is not None else None
        rows = []
        for i, ((s, ind, sat, arah), x, y) in enumerate(zip(self.SKOR, a, b, strict=True)):
            pembanding = lalu if i == 5 else prev
            naik = None if y is None or x is None or x == y else x > y
            baik = naik if naik is None or arah == "naik" else x < y
            rows.append(
                (
                    s,
                    self.NAMA_STRATEGI[s],
                    ind,
                    sat,
                    x,
                    y,
                    pembanding if y is not None else None,
                    i == 5,
                    arah,
                    baik,
                )
            )
        return pd.DataFrame(
            rows,
            columns=[
                "strategi",
                "nama_strategi",
                "indikator",
                "satuan",
                "nilai",
                "nilai_sebelumnya",
                "periode_pembanding",
                "sejak_awal_tahun",
                "arah_baik",
                "membaik",
            ],
        )

    # Peta

    def _peta_agg(self, p: str, by: str) -> pd.DataFrame:
        k = self.read(
            "keluarga",
            [
                "no_kk",
                "kode_kel",
                "miskin_ekstrem",
                "program_terdaftar",
                "lantai",
                "sumber_air",
                "fasilitas_bab",
                "penerangan",
            ],
            {p},
        )
        me = k["miskin_ekstrem"].fillna(False).astype(bool)
        key = k["kode_kel"] if by == "kode_kel" else k["kode_kel"].str[:8]
        daftar = pd.DataFrame(
            {"keluarga": k.groupby(key).size(), "keluarga_miskin_ekstrem": me.groupby(key).sum()}
        )
        pay = self.salur_12(p)
        c = self.cakupan_ekstrem(
            p, k[me], pay[(pay["status"] == "tersalur") & pay["no_kk"].notna()]
        )
        flags = pd.DataFrame(
            {
                "belum": ~c["tercakup"],
                "porsi_lantai_tanah": (c["lantai"] == 9).where(c["lantai"].notna()),
                "porsi_air_tidak_layak": c["sumber_air"]
                .isin([7, 9, 10, 11])
                .where(c["sumber_air"].notna()),
                "porsi_tanpa_jamban": (c["fasilitas_bab"] != 1).where(c["fasilitas_bab"].notna()),
                "porsi_bukan_pln": (c["penerangan"] != 1).where(c["penerangan"].notna()),
            }
        )
        ckey = c["kode_kel"] if by == "kode_kel" else c["kode_kel"].str[:8]
        e = flags.astype(float).groupby(ckey).mean()
        e["keluarga_belum_tercakup"] = flags["belum"].groupby(ckey).sum()
        agg = daftar.join(e.drop(columns="belum"), how="left")
        agg["keluarga_belum_tercakup"] = agg["keluarga_belum_tercakup"].fillna(0)
        return agg

    def _peta_cols(self, base: pd.DataFrame, agg: pd.DataFrame) -> pd.DataFrame:
        b = base.join(agg, how="left")
        n = b["keluarga"]
        b["per_1000_keluarga"] = 1000.0 * b["keluarga_miskin_ekstrem"] / n.where(n != 0)
        total = b["keluarga_miskin_ekstrem"].sum()
        b["porsi_kota"] = (b["keluarga_miskin_ekstrem"] / (total if total else float("nan"))).where(
            n > 0
        )
        b["porsi_belum_tercakup"] = b["keluarga_belum_tercakup"] / b[
            "keluarga_miskin_ekstrem"
        ].where(b["keluarga_miskin_ekstrem"] != 0)
        dep = [
            "porsi_lantai_tanah",
            "porsi_air_tidak_layak",
            "porsi_tanpa_jamban",
            "porsi_bukan_pln",
        ]
        b["rata_deprivasi"] = b[dep].mean(axis=1)
        b["keluarga"] = n.fillna(0).astype("int64")
        b["keluarga_miskin_ekstrem"] = b["keluarga_miskin_ekstrem"].fillna(0).astype("int64")
        b["keluarga_belum_tercakup"] = b["keluarga_belum_tercakup"].fillna(0).astype("int64")
        return b[
            [
                "keluarga",
                "keluarga_miskin_ekstrem",
                "per_1000_keluarga",
                "porsi_kota",
                "keluarga_belum_tercakup",
                "porsi_belum_tercakup",
                *dep,
                "rata_deprivasi",
            ]
        ]

    def peta_kelurahan(self, periode, kode_kec=None) -> pd.DataFrame:
        p = periode or self.latest()
        base = self.wilayah[["kode_kec", "kecamatan", "kode_kel", "kelurahan"]].set_index(
            "kode_kel", drop=False
        )
        base.index.name = None
        b = pd.concat([base, self._peta_cols(base[[]], self._peta_agg(p, "kode_kel"))], axis=1)

        def skala(x):
            lo, hi = x.min(), x.max()
            return ((x - lo) / (hi - lo) if hi != lo else x * 0.0).where(x.notna())

        comps = pd.concat(
            [
                skala(b[c])
                for c in (
                    "per_1000_keluarga",
                    "porsi_kota",
                    "porsi_belum_tercakup",
                    "rata_deprivasi",
                )
            ],
            axis=1,
        )
        b["indeks_kantong"] = (100 * comps.mean(axis=1)).where(b["keluarga"] > 0)
        b["peringkat"] = b["indeks_kantong"].rank(method="min", ascending=False)
        b.insert(0, "periode", p)
        b = b.sort_values(["peringkat", "kode_kel"], na_position="last").reset_index(drop=True)
        return b

    def peta_kecamatan(self, periode) -> pd.DataFrame:
        p = periode or self.latest()
        base = self.wilayah.drop_duplicates("kode_kec")[["kode_kec", "kecamatan"]].set_index(
            "kode_kec", drop=False
        )
        base.index.name = None
        b = pd.concat([base, self._peta_cols(base[[]], self._peta_agg(p, "kode_kec"))], axis=1)
        b.insert(0, "periode", p)
        return b.sort_values("kode_kec").reset_index(drop=True)

    # Beban

    def _beban(self, p: str, extra=()) -> pd.DataFrame:
        k = self.read(
            "keluarga",
            [
                "kode_kec",
                "kode_kel",
                "jumlah_anggota",
                "miskin_ekstrem",
                "pendapatan_bulanan",
                "pengeluaran_bulanan",
                *extra,
            ],
            {p},
        )
        tahun, garis = self.garis_for(p)
        k["miskin_ekstrem"] = k["miskin_ekstrem"].fillna(False).astype(bool)
        k["garis_ekstrem"] = garis
        k["ppk"] = (k["pengeluaran_bulanan"] / k["jumlah_anggota"]).where(
            k["pengeluaran_bulanan"] > 0
        )
        k.attrs["tahun"] = tahun
        return k

    def beban_ringkasan(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        b = self._beban(p)
        me, ada = b["miskin_ekstrem"], b["ppk"].notna()
        garis = self.garis_for(p)[1]
        bawah = b["ppk"] < garis if garis else pd.Series(False, index=b.index)
        n_ada = int((me & ada).sum())
        return pd.DataFrame(
            [
                {
                    "periode": p,
                    "tahun_garis": self.garis_for(p)[0],
                    "garis_ekstrem": garis,
                    "keluarga": len(b),
                    "keluarga_miskin_ekstrem": int(me.sum()),
                    "keluarga_tanpa_pengeluaran": int((~ada).sum()),
                    "keluarga_miskin_ekstrem_dengan_pengeluaran": n_ada,
                    "keluarga_miskin_ekstrem_di_bawah_garis": int((me & bawah).sum()),
                    "bagian_miskin_ekstrem_di_bawah_garis": (me & bawah).sum() / n_ada
                    if n_ada
                    else None,
                    "keluarga_lain_di_bawah_garis": int((~me & bawah).sum()),
                    "median_pengeluaran_per_kapita_miskin_ekstrem": b.loc[me, "ppk"].median(),
                }
            ]
        )

    def beban_rekonsiliasi(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        b = self._beban(p)
        tahun, garis = self.garis_for(p)
        me, ada = b["miskin_ekstrem"], b["ppk"].notna() & (garis is not None)
        bawah = (b["ppk"] < garis) if garis else pd.Series(False, index=b.index)
        parts = {
            "ditandai": me,
            "di_bawah_garis": bawah,
            "ditandai_di_bawah": me & bawah,
            "ditandai_di_atas": me & ada & ~bawah,
            "ditandai_tanpa_pengeluaran": me & ~ada,
            "di_bawah_tidak_ditandai": ~me & bawah,
        }
        flag = self.read("keluarga", ["miskin_ekstrem"], {p})["miskin_ekstrem"].notna().any()
        row = {"periode": p, "tahun_garis": tahun, "garis_ekstrem": garis}
        row["ada_tanda_ekstrem"] = bool(flag)
        for unit in ("keluarga", "jiwa"):
            for k, v in parts.items():
                n = int(v.sum()) if unit == "keluarga" else int(b.loc[v, "jumlah_anggota"].sum())
                row[f"{unit}_{k}"] = n if flag or k == "di_bawah_garis" else None
        return pd.DataFrame([row])

    def _fgt_parts(self, b: pd.DataFrame) -> pd.DataFrame:
        z = b["garis_ekstrem"]
        miskin = b["ppk"] < z
        kurang = ((z - b["ppk"]) / z).where(miskin, 0.0)
        return b.assign(
            w=b["jumlah_anggota"],
            miskin=miskin,
            kurang=kurang,
            wm=b["jumlah_anggota"] * miskin,
            wk=b["jumlah_anggota"] * kurang,
            wk2=b["jumlah_anggota"] * kurang * kurang,
        )

    def fgt(self, periode) -> pd.DataFrame:
        p = periode or self.latest()
        b = self._beban(p)
        b = self._fgt_parts(b[b["ppk"].notna() & b["garis_ekstrem"].notna()])
        g = b.groupby("kode_kec")[["w", "wm", "wk", "wk2"]].sum()
        codes = [*g.index, None]
        g = pd.concat([g, b[["w", "wm", "wk", "wk2"]].sum().to_frame().T], ignore_index=True)
        out = pd.DataFrame(
            {
                "kode_kec": codes,
                "p0": (100 * g["wm"] / g["w"]).round(4).values,
                "p1": (100 * g["wk"] / g["w"]).round(4).values,
                "p2": (100 * g["wk2"] / g["w"]).round(4).values,
            }
        )
        names = self.wilayah.drop_duplicates("kode_kec").set_index("kode_kec")["kecamatan"]
        out.insert(1, "kecamatan", out["kode_kec"].map(names).fillna("Kota Pasuruan"))
        return out

    def fgt_kelurahan(self, periode, kode_kec=None) -> pd.DataFrame:
        p = periode or self.latest()
        b = self._fgt_parts(self._beban(p))
        dihitung = b["ppk"].notna() & b["garis_ekstrem"].notna()
        d = b[dihitung]
        g = pd.DataFrame(
            {
                "garis_ekstrem": b.groupby("kode_kel")["garis_ekstrem"].first(),
                "keluarga_dihitung": d.groupby("kode_kel").size(),
                "keluarga_tanpa_pengeluaran": b["ppk"].isna().groupby(b["kode_kel"]).sum(),
                "jiwa_dihitung": d.groupby("kode_kel")["w"].sum(),
                "jiwa_di_bawah_garis": d.groupby("kode_kel")["wm"].sum(),
                "p1": (
                    100 * d.groupby("kode_kel")["wk"].sum() / d.groupby("kode_kel")["w"].sum()
                ).round(4),
                "p2": (
                    100 * d.groupby("kode_kel")["wk2"].sum() / d.groupby("kode_kel")["w"].sum()
                ).round(4),
            }
        )
        for c in ("keluarga_dihitung", "jiwa_dihitung", "jiwa_di_bawah_garis"):
            g[c] = g[c].fillna(0).astype("int64")
        g["p0"] = (
            100 * g["jiwa_di_bawah_garis"] / g["jiwa_dihitung"].where(g["jiwa_dihitung"] != 0)
        ).round(4)
        w = self.wilayah[["kode_kec", "kecamatan", "kode_kel", "kelurahan"]]
        out = w.merge(g.reset_index(), on="kode_kel").sort_values("kode_kel")
        return out[
            [
                "kode_kec",
                "kecamatan",
                "kode_kel",
                "kelurahan",
                "garis_ekstrem",
                "keluarga_dihitung",
                "keluarga_tanpa_pengeluaran",
                "jiwa_dihitung",
                "jiwa_di_bawah_garis",
                "p0",
                "p1",
                "p2",
            ]
        ].reset_index(drop=True)

    def beban_histogram(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        import numpy as np

        p = periode or self.latest()
        b = self._beban(p)
        b = b[b["ppk"].notna() & b["garis_ekstrem"].notna()]
        z = b["garis_ekstrem"]
        b = b.assign(bin=np.minimum(np.floor(10 * b["ppk"] / z), 30))
        g = b.groupby(["miskin_ekstrem", "bin", "garis_ekstrem"], as_index=False).size()
        g = g.sort_values(["miskin_ekstrem", "bin"], ascending=[False, True])
        top = g["bin"] < 30
        return pd.DataFrame(
            {
                "kelompok": g["miskin_ekstrem"].map(
                    {True: "Miskin ekstrem", False: "Bukan miskin ekstrem"}
                ),
                "kelipatan_bawah": (g["bin"] / 10).round(1),
                "kelipatan_atas": ((g["bin"] + 1) / 10).round(1).where(top),
                "pengeluaran_per_kapita_bawah": g["bin"] * g["garis_ekstrem"] / 10,
                "pengeluaran_per_kapita_atas": ((g["bin"] + 1) * g["garis_ekstrem"] / 10).where(
                    top
                ),
                "garis_ekstrem": g["garis_ekstrem"],
                "keluarga": g["size"],
            }
        ).reset_index(drop=True)

    def beban_rasio(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        k = self.read(
            "keluarga",
            [
                "no_kk",
                "kode_kec",
                "miskin_ekstrem",
                "pendapatan_bulanan",
                "pengeluaran_bulanan",
                "pengeluaran_pangan",
            ],
            {p},
        )
        s = self.salur_12(p)
        s = s[(s["status"] == "tersalur") & s["no_kk"].notna()]
        nilai = s.groupby("no_kk")["nilai"].sum()
        keluar = k["pengeluaran_bulanan"].where(k["pengeluaran_bulanan"] > 0)
        masuk = k["pendapatan_bulanan"]
        c = pd.DataFrame(
            {
                "kode": k["kode_kec"],
                "ekstrem": k["miskin_ekstrem"].fillna(False).astype(bool),
                "tanpa": keluar.isna(),
                "rasio": (keluar / masuk).where(masuk > 0),
                "lebih": (keluar > masuk).astype(float).where(keluar.notna() & masuk.notna()),
                "pangan": k["pengeluaran_pangan"] / keluar,
                "bantuan": k["no_kk"].map(nilai).fillna(0.0) / 12 / keluar,
            }
        )
        aggs = {
            "keluarga": ("tanpa", "size"),
            "keluarga_tanpa_pengeluaran": ("tanpa", "sum"),
            "median_rasio_pengeluaran_pendapatan": ("rasio", "median"),
            "bagian_pengeluaran_melebihi_pendapatan": ("lebih", "mean"),
            "median_porsi_pangan": ("pangan", "median"),
            "median_porsi_bantuan": ("bantuan", "median"),
        }
        per = c.groupby(["kode", "ekstrem"], as_index=False).agg(**aggs)
        tot = c.groupby("ekstrem", as_index=False).agg(**aggs)
        names = self.wilayah.drop_duplicates("kode_kec").set_index("kode_kec")["kecamatan"]
        per.insert(0, "kode_wilayah", per.pop("kode"))
        per.insert(1, "wilayah", per["kode_wilayah"].map(names))
        per.insert(2, "tingkat", "kecamatan")
        tot.insert(0, "kode_wilayah", None)
        tot.insert(1, "wilayah", "Kota Pasuruan")
        tot.insert(2, "tingkat", "total")
        out = pd.concat(
            [
                per.sort_values(["kode_wilayah", "ekstrem"], ascending=[True, False]),
                tot.sort_values("ekstrem", ascending=False),
            ],
            ignore_index=True,
        )
        out.insert(
            3,
            "kelompok",
            out.pop("ekstrem").map({True: "Miskin ekstrem", False: "Bukan miskin ekstrem"}),
        )
        return out

    def beban_sebaran(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        b = self._beban(p, extra=("no_kk",))
        b["pdk"] = b["pendapatan_bulanan"] / b["jumlah_anggota"]
        b = b[b["ppk"].notna() & b["pdk"].notna()]
        # A fixed sample by a hash of the family number, as the query; pandas' hash is not
        # DuckDB's, so the families differ; the group sizes and sample sizes do not.
        b = b.assign(urut=pd.util.hash_array(b["no_kk"].to_numpy(dtype=object)))
        n_e, n_l = int(b["miskin_ekstrem"].sum()), int((~b["miskin_ekstrem"]).sum())
        e = b[b["miskin_ekstrem"]].nsmallest(1000, "urut")
        lain = b[~b["miskin_ekstrem"]].nsmallest(2000 - min(n_e, 1000), "urut")
        s = pd.concat([e, lain])
        return pd.DataFrame(
            {
                "kelompok": s["miskin_ekstrem"].map(
                    {True: "Miskin ekstrem", False: "Bukan miskin ekstrem"}
                ),
                "pendapatan_per_kapita": s["pdk"],
                "pengeluaran_per_kapita": s["ppk"],
                "garis_ekstrem": s["garis_ekstrem"],
                "keluarga_kelompok": s["miskin_ekstrem"].map({True: n_e, False: n_l}),
            }
        ).reset_index(drop=True)

    # Bantuan

    def _c_ekstrem(self, p: str, cols=()) -> pd.DataFrame:
        k = self.read(
            "keluarga", ["no_kk", "kode_kel", "miskin_ekstrem", "program_terdaftar", *cols], {p}
        )
        k = k[k["miskin_ekstrem"].fillna(False).astype(bool)]
        s = self.salur_12(p)
        return self.cakupan_ekstrem(p, k, s[(s["status"] == "tersalur") & s["no_kk"].notna()])

    def bantuan_cakupan_program(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        c = self._c_ekstrem(p)
        n = len(c)
        if not n:
            return pd.DataFrame()
        per = c["program"].explode().dropna().value_counts()
        ref = self.program.set_index("program")["strategi"]
        rows = pd.DataFrame({"program": per.index, "keluarga_tercakup": per.values})
        rows["strategi"] = rows["program"].map(ref).astype("Int32")
        rows = rows.sort_values(["keluarga_tercakup", "program"], ascending=[False, True])
        top = pd.DataFrame(
            [
                ("Bansos (strategi 1)", 1, int(c["tercakup_bansos"].sum())),
                ("Pemberdayaan (strategi 2)", 2, int(c["tercakup_pendapatan"].sum())),
                ("Program apa pun", pd.NA, int(c["tercakup"].sum())),
            ],
            columns=["program", "strategi", "keluarga_tercakup"],
        )
        top["strategi"] = top["strategi"].astype("Int32")
        out = pd.concat([top, rows], ignore_index=True)
        out["tingkat"] = ["ringkasan"] * 3 + ["program"] * len(rows)
        out["keluarga_miskin_ekstrem"] = n
        out["cakupan"] = out["keluarga_tercakup"] / n
        return out[
            [
                "tingkat",
                "program",
                "strategi",
                "keluarga_miskin_ekstrem",
                "keluarga_tercakup",
                "cakupan",
            ]
        ]

    def bantuan_ketepatan_sasaran(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        if p not in self.keluarga_periods():
            return pd.DataFrame()
        k = self.read(
            "keluarga",
            ["no_kk", "kode_kel", "miskin_ekstrem", "desil", "punya_usaha", "program_terdaftar"],
            {p},
        )
        k["ekstrem"] = k["miskin_ekstrem"].fillna(False).astype(bool)
        k["usaha"] = k["punya_usaha"].fillna(False).astype(bool)
        s = self.salur_12(p)
        s = s[s["status"] == "tersalur"]
        # recipients: paid in the 12 months, or enrolled on p's list (both sides)
        paid = pd.DataFrame(
            {
                "program": s["program"],
                "kpm": s["no_kk"].where(s["no_kk"].notna(), "NIK " + s["nik"].astype(object)),
                "no_kk": s["no_kk"],
            }
        )
        enrolled = k[["no_kk", "program_terdaftar"]].copy()
        enrolled["program"] = enrolled["program_terdaftar"].map(
            lambda x: list(x) if x is not None else []
        )
        enrolled = enrolled.explode("program").dropna(subset=["program"])
        enrolled = pd.DataFrame(
            {"program": enrolled["program"], "kpm": enrolled["no_kk"], "no_kk": enrolled["no_kk"]}
        )
        r = pd.concat([paid, enrolled], ignore_index=True).drop_duplicates()
        info = k.set_index("no_kk")[["desil", "ekstrem", "usaha"]]
        r = r.join(info, on="no_kk")
        r["di_daftar"] = r["ekstrem"].notna()
        r["ekstrem"] = r["ekstrem"].fillna(False).astype(bool)
        rule = self.program.set_index("program")

        def meets(prog, desil, ekstrem, usaha) -> bool | None:
            if prog not in rule.index:
                return None
            x = rule.loc[prog]
            dmax = pd.to_numeric(x["desil_maks"], errors="coerce")
            we = str(x["wajib_ekstrem"]).lower() == "ya"
            wu = str(x["wajib_usaha"]).lower() == "ya"
            if pd.isna(dmax) and not we and not wu:
                return None
            ok = pd.isna(dmax) or (pd.notna(desil) and desil <= dmax)
            return bool(ok and (not we or ekstrem) and (not wu or usaha))

        r["syarat"] = [
            meets(pr, d, e, u) if dd else (None if meets(pr, 1, True, True) is None else False)
            for pr, d, e, u, dd in zip(
                r["program"], r["desil"], r["ekstrem"], r["usaha"], r["di_daftar"], strict=True
            )
        ]
        n_ekstrem = int(k["ekstrem"].sum())
        groups = k.groupby([k["desil"].fillna(-1), "ekstrem", "usaha"]).size()
        rows = []
        if k["miskin_ekstrem"].notna().any():
            rows.append(
                (
                    "miskin_ekstrem",
                    "Semua program",
                    "daftar miskin ekstrem",
                    n_ekstrem,
                    r.loc[r["ekstrem"], "kpm"].nunique(),
                    r["kpm"].nunique(),
                    r.loc[~r["ekstrem"], "kpm"].nunique(),
                )
            )
            for pr, g in sorted(r.groupby("program"), key=lambda x: x[0]):
                rows.append(
                    (
                        "miskin_ekstrem",
                        pr,
                        "daftar miskin ekstrem",
                        n_ekstrem,
                        int(g["ekstrem"].sum()),
                        len(g),
                        int((~g["ekstrem"]).sum()),
                    )
                )
        ada = {
            "desil": k["desil"].notna().any(),
            "ekstrem": k["miskin_ekstrem"].notna().any(),
            "usaha": k["punya_usaha"].notna().any(),
        }
        for pr, g in sorted(r.groupby("program"), key=lambda x: x[0]):
            if g["syarat"].isna().all():
                continue
            x = rule.loc[pr]
            if (
                (pd.notna(pd.to_numeric(x["desil_maks"], errors="coerce")) and not ada["desil"])
                or (str(x["wajib_ekstrem"]).lower() == "ya" and not ada["ekstrem"])
                or (str(x["wajib_usaha"]).lower() == "ya" and not ada["usaha"])
            ):
                continue
            eligible = sum(
                n for (d, e, u), n in groups.items() if meets(pr, None if d < 0 else d, e, u)
            )
            ok = g["syarat"].astype(bool)
            rows.append(
                (
                    "syarat_program",
                    pr,
                    rule.loc[pr, "syarat"],
                    eligible,
                    int(ok.sum()),
                    len(g),
                    int((~ok).sum()),
                )
            )
        df = pd.DataFrame(
            rows,
            columns=["acuan", "program", "sasaran", "keluarga_sasaran", "m", "kpm", "luar"],
        )
        return pd.DataFrame(
            {
                "acuan": df["acuan"],
                "program": df["program"],
                "sasaran": df["sasaran"],
                "keluarga_sasaran": df["keluarga_sasaran"],
                "keluarga_sasaran_menerima": df["m"],
                "keluarga_sasaran_tidak_menerima": df["keluarga_sasaran"] - df["m"],
                "kesalahan_eksklusi": (df["keluarga_sasaran"] - df["m"])
                / df["keluarga_sasaran"].where(df["keluarga_sasaran"] > 0),
                "kpm_penerima": df["kpm"],
                "kpm_sasaran": df["kpm"] - df["luar"],
                "kpm_bukan_sasaran": df["luar"],
                "kesalahan_inklusi": df["luar"] / df["kpm"].where(df["kpm"] > 0),
            }
        )

    def bantuan_cakupan_kelurahan(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        c = self._c_ekstrem(p)
        if c.empty:
            return pd.DataFrame()
        d = c[["kode_kel", "program"]].explode("program").dropna()
        per_prog = d.groupby(["kode_kel", "program"]).size()
        per_kel = c.groupby("kode_kel").agg(
            n=("tercakup", "size"),
            t0=("tercakup_bansos", "sum"),
            t1=("tercakup_pendapatan", "sum"),
            t2=("tercakup", "sum"),
        )
        programs = [(0, "Bansos (strategi 1)"), (1, "Pemberdayaan (strategi 2)")]
        programs += [(2, "Program apa pun")] + [(3, x) for x in sorted(d["program"].unique())]
        rows = []
        for _, w in self.wilayah.sort_values("kode_kel").iterrows():
            n = int(per_kel["n"].get(w["kode_kel"], 0))
            for u, pr in programs:
                t = (
                    int(per_kel[f"t{u}"].get(w["kode_kel"], 0))
                    if u < 3
                    else int(per_prog.get((w["kode_kel"], pr), 0))
                )
                rows.append(
                    (
                        w["kode_kec"],
                        w["kecamatan"],
                        w["kode_kel"],
                        w["kelurahan"],
                        pr,
                        n,
                        t,
                        t / n if n else None,
                    )
                )
        return pd.DataFrame(
            rows,
            columns=[
                "kode_kec",
                "kecamatan",
                "kode_kel",
                "kelurahan",
                "program",
                "keluarga_miskin_ekstrem",
                "keluarga_tercakup",
                "cakupan",
            ],
        )

    def bantuan_kombinasi(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        c = self._c_ekstrem(p)
        n = len(c)
        combo = c["program"].map(lambda x: " + ".join(x) if len(x) else "Tidak ada")
        g = pd.DataFrame({"kombinasi": combo, "jumlah_program": c["program"].map(len)})
        g = (
            g.groupby(["kombinasi", "jumlah_program"], as_index=False)
            .size()
            .rename(columns={"size": "keluarga"})
        )
        g = g.sort_values(["keluarga", "kombinasi"], ascending=[False, True]).reset_index(drop=True)
        g.insert(0, "peringkat", range(1, len(g) + 1))
        shown = g[(g["peringkat"] <= 10) | (g["kombinasi"] == "Tidak ada")].copy()
        shown["porsi"] = shown["keluarga"] / n
        rest = g[(g["peringkat"] > 10) & (g["kombinasi"] != "Tidak ada")]
        if len(rest):
            shown = pd.concat(
                [
                    shown,
                    pd.DataFrame(
                        [
                            {
                                "peringkat": None,
                                "kombinasi": f"Kombinasi lain ({len(rest)} kombinasi)",
                                "jumlah_program": None,
                                "keluarga": int(rest["keluarga"].sum()),
                                "porsi": rest["keluarga"].sum() / n,
                            }
                        ]
                    ),
                ],
                ignore_index=True,
            )
        return shown.reset_index(drop=True)

    def bantuan_program_dana(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        awal, akhir = pd.Timestamp(f"{p[:4]}-01-01"), self.akhir(p)
        s = self.penyaluran_kk(["program", "nilai", "status", "sumber_dana"], since=awal)
        s = s[s["tanggal_salur"].between(awal, akhir)]
        s = s.assign(
            sumber_dana=s["sumber_dana"].fillna("tidak disebut"),
            kpm=s["no_kk"].where(s["no_kk"].notna(), "NIK " + s["nik"].astype(object)),
        )
        t = s[s["status"] == "tersalur"]
        keys = ["sumber_dana", "program"]
        g = s.groupby(keys).agg(penyaluran=("status", "size"))
        g["kpm"] = t.groupby(keys)["kpm"].nunique()
        g["nilai_tersalur"] = t.groupby(keys)["nilai"].sum()
        for st in ("tersalur", "gagal", "retur"):
            g[f"penyaluran_{st}"] = s[s["status"] == st].groupby(keys).size()
        g = g.fillna(0)
        g["rp_per_kpm"] = g["nilai_tersalur"].where(g["penyaluran_tersalur"] > 0) / g["kpm"].where(
            g["kpm"] > 0
        )
        for st in ("tersalur", "gagal", "retur"):
            g[f"porsi_{st}"] = g[f"penyaluran_{st}"] / g["penyaluran"]
        g = g.reset_index().sort_values(
            ["nilai_tersalur", "sumber_dana", "program"], ascending=[False, True, True]
        )
        return g[
            [
                "sumber_dana",
                "program",
                "kpm",
                "nilai_tersalur",
                "rp_per_kpm",
                "penyaluran",
                "penyaluran_tersalur",
                "penyaluran_gagal",
                "penyaluran_retur",
                "porsi_tersalur",
                "porsi_gagal",
                "porsi_retur",
            ]
        ].reset_index(drop=True)

    def _modal(self, akhir) -> pd.Series:
        s = self.penyaluran_kk(["program", "status"])
        s = s[
            (s["program"] == "Modal Usaha")
            & (s["status"] == "tersalur")
            & s["no_kk"].notna()
            & (s["tanggal_salur"] <= akhir)
        ]
        return s.groupby("no_kk")["tanggal_salur"].min()

    def bantuan_modal_usaha_graduasi(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        akhir = self.akhir(p)
        k = self.read(
            "keluarga",
            ["no_kk", "miskin_ekstrem", "punya_usaha"],
            {x for x in self.keluarga_periods() if x <= p},
        )
        k = k[k["miskin_ekstrem"].fillna(False).astype(bool)]
        ekstrem = (
            k.assign(u=k["punya_usaha"].fillna(False).astype(bool)).groupby("no_kk")["u"].any()
        )
        modal = set(self._modal(akhir).index)
        v = self.read("pemantauan", ["no_kk", "tanggal", "status_ekstrem"])
        v = v[pd.to_datetime(v["tanggal"]) <= akhir]
        kunj = (v["status_ekstrem"] == "keluar").groupby(v["no_kk"]).any()
        e = pd.DataFrame({"u": ekstrem})
        e["m"] = e.index.isin(modal)
        e = e[e["m"] | e["u"]]
        e["dipantau"] = e.index.isin(kunj.index)
        e["keluar"] = e.index.map(kunj).astype("boolean").fillna(False).astype(bool)
        rows = []
        for grp, name in (
            (e[e["m"]], "Penerima modal usaha"),
            (e[~e["m"]], "Pembanding: punya usaha, bukan penerima"),
        ):
            d, kl = int(grp["dipantau"].sum()), int(grp["keluar"].sum())
            rows.append((name, len(grp), d, kl, kl / d if d else None))
        return pd.DataFrame(
            rows,
            columns=[
                "kelompok",
                "keluarga",
                "keluarga_dipantau",
                "keluarga_keluar",
                "porsi_keluar",
            ],
        )

    def bantuan_modal_usaha_pendapatan(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        p = periode or self.latest()
        akhir = self.akhir(p)
        m = self._modal(akhir).rename("terima").reset_index()
        v = self.read("pemantauan", ["no_kk", "tanggal", "pendapatan_bulanan"])
        v["tanggal"] = pd.to_datetime(v["tanggal"])
        v = v[v["pendapatan_bulanan"].notna() & (v["tanggal"] <= akhir)]
        j = m.merge(v, on="no_kk", how="left")
        before = (
            j[j["tanggal"] < j["terima"]]
            .sort_values("tanggal")
            .groupby("no_kk")["pendapatan_bulanan"]
            .last()
        )
        after = (
            j[j["tanggal"] > j["terima"]]
            .sort_values("tanggal")
            .groupby("no_kk")["pendapatan_bulanan"]
            .last()
        )
        m["sebelum"], m["sesudah"] = m["no_kk"].map(before), m["no_kk"].map(after)
        m["tahun"] = m["terima"].dt.year

        def ringkas(g):
            pair = g["sebelum"].notna() & g["sesudah"].notna()
            return {
                "keluarga_penerima": len(g),
                "keluarga_berpasangan": int(pair.sum()),
                "median_sebelum": g.loc[g["sesudah"].notna(), "sebelum"].median(),
                "median_sesudah": g.loc[g["sebelum"].notna(), "sesudah"].median(),
                "median_perubahan": (g["sesudah"] - g["sebelum"]).median(),
                "porsi_naik": (g.loc[pair, "sesudah"] > g.loc[pair, "sebelum"]).mean()
                if pair.any()
                else None,
            }

        rows = [{"tahun_terima": str(t), **ringkas(g)} for t, g in m.groupby("tahun")]
        if len(m):
            rows.append({"tahun_terima": "Semua", **ringkas(m)})
        return pd.DataFrame(rows)

    def _kube(self, p):
        k = self.read(
            "kube",
            [
                "periode",
                "id_kube",
                "nama_kube",
                "kelurahan",
                "jenis_usaha",
                "no_kk",
                "status_aktif",
                "omzet_bulanan",
            ],
        )
        return k[k["periode"] <= p]

    def kube_tren(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        b = self._kube(periode or self.latest())
        b = b.assign(a=b["status_aktif"].fillna(True).astype(bool))
        kel = (
            b.groupby(["periode", "id_kube"])
            .agg(aktif=("a", "any"), omzet=("omzet_bulanan", "max"))
            .reset_index()
        )
        act = kel[kel["aktif"]]
        anggota = (
            b.merge(act[["periode", "id_kube"]], on=["periode", "id_kube"])
            .groupby("periode")["no_kk"]
            .nunique()
        )
        out = kel.groupby("periode").agg(
            kelompok=("id_kube", "size"), kelompok_aktif=("aktif", "sum")
        )
        out["keluarga_anggota_aktif"] = anggota.reindex(out.index).fillna(0).astype("int64")
        out["omzet_bulanan_total"] = act.groupby("periode")["omzet"].sum(min_count=1)
        out["omzet_bulanan_median"] = act.groupby("periode")["omzet"].median()
        return out.reset_index()

    def kube_kelompok(self, periode, kode_kec=None, kode_kel=None) -> pd.DataFrame:
        b = self._kube(periode or self.latest())
        if b.empty:
            return pd.DataFrame()
        per = b.groupby(["periode", "id_kube"], as_index=False)["omzet_bulanan"].max()
        per = per[per["omzet_bulanan"].notna()].sort_values("periode")
        awal = per.groupby("id_kube").first()
        kini = b[b["periode"] == b["periode"].max()]
        g = (
            kini.groupby("id_kube")
            .agg(
                nama_kube=("nama_kube", "first"),
                kelurahan=("kelurahan", "first"),
                jenis_usaha=("jenis_usaha", "first"),
                keluarga_anggota=("no_kk", "nunique"),
                aktif=("status_aktif", lambda x: bool(x.fillna(True).astype(bool).any())),
                omzet_bulanan=("omzet_bulanan", "max"),
            )
            .reset_index()
        )
        g["periode_awal"] = g["id_kube"].map(awal["periode"])
        g["omzet_bulanan_awal"] = g["id_kube"].map(awal["omzet_bulanan"])
        g["perubahan_omzet"] = g["omzet_bulanan"] - g["omzet_bulanan_awal"]
        g = g.sort_values(
            ["aktif", "omzet_bulanan", "nama_kube"],
            ascending=[False, False, True],
            na_position="last",
        )
        return g.reset_index(drop=True)


# --- pandas == SQL ----------------------------------------------------------------------------

# Columns the pandas page cannot reproduce: the scatter sample is chosen by DuckDB's hash().
SAMPLE_ONLY = {"beban_sebaran": ["kelompok", "keluarga_kelompok"]}


def compare(name: str, sql: pd.DataFrame, pan: pd.DataFrame) -> None:
    if name == "klaster" or (sql.empty and pan.empty):
        return
    if name in SAMPLE_ONLY:
        cols = SAMPLE_ONLY[name]
        a = sql[cols].value_counts().sort_index()
        b = pan[cols].value_counts().sort_index()
        pd.testing.assert_series_equal(a, b, check_names=False)
        return
    assert list(pan.columns) == list(sql.columns), (name, list(sql.columns), list(pan.columns))
    a, b = sql.reset_index(drop=True), pan.reset_index(drop=True)
    # Text-valued columns (periode, names) the same way on both sides: object vs string dtype.
    for c in a.columns:
        if a[c].dtype == object or str(a[c].dtype) in ("str", "string"):
            a[c] = a[c].astype(object).where(a[c].notna(), None)
            b[c] = b[c].astype(object).where(b[c].notna(), None)
        else:
            a[c] = a[c].astype("float64") if a[c].dtype != bool else a[c]
            b[c] = (
                pd.to_numeric(b[c], errors="coerce").astype("float64")
                if a[c].dtype != bool
                else b[c].astype(bool)
            )
    pd.testing.assert_frame_equal(a, b, check_dtype=False, rtol=1e-9, atol=1e-12, obj=name)


def check(data: Path, pages, periode=None, kec=None, kel=None) -> None:
    sql, pan = SqlPages(data), PandasPages(data)
    periode = periode or sql.latest()
    assert pan.latest() == max(
        p for p in sql.engine.run("periode_list")["periode"] if p in pan.keluarga_periods()
    )
    for page in pages:
        a = sql.view(page, periode, kec, kel)["results"]
        b = pan.view(page, periode, kec, kel)["results"]
        for key in a:
            compare(key[0], a[key], b[key])
        print(f"{page}: pandas = SQL on {len(a)} results ({periode})", flush=True)


# --- one (page, engine) in a subprocess -------------------------------------------------------


def worker(args) -> None:
    sys.path.insert(0, str(Path(args.root).resolve()))
    data = Path(args.data)
    import pantau.queries  # noqa: F401  imports are paid once per server, not per view

    if args.page in ("peta", "all"):
        import pantau.peta  # noqa: F401
    t0, c0 = time.perf_counter(), harness.cpu_seconds()
    eng = SqlPages(data) if args.engine == "sql" else PandasPages(data)
    periode = args.periode or eng.latest()
    runs = []
    pages = PAGES if args.page == "all" else (args.page,)
    for i in range(args.repeat + 1):
        for page in pages:
            first = i == 0 and page == pages[0]
            t, c = (t0, c0) if first else (time.perf_counter(), harness.cpu_seconds())
            r = eng.view(page, periode, args.kec, args.kel)
            runs.append(
                {
                    "page": page,
                    "i": i,
                    "s": time.perf_counter() - t,
                    "cpu": harness.cpu_seconds() - c,
                    "load": os.getloadavg()[0],
                    "times": r["times"],
                }
            )
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(
        json.dumps(
            {
                "periode": periode,
                "runs": runs,
                "rss_mb": ru.ru_maxrss / 1024,
                "cpu_s": ru.ru_utime + ru.ru_stime,
            }
        )
    )


def run_one(data, page, engine, repeat, root, periode=None, kec=None, kel=None, env=None) -> dict:
    cmd = [sys.executable, __file__, "_worker", "--data", str(data), "--page", page]
    cmd += ["--engine", engine, "--repeat", str(repeat), "--root", str(root)]
    for flag, value in (("--periode", periode), ("--kec", kec), ("--kel", kel)):
        if value:
            cmd += [flag, value]
    load = os.getloadavg()[0]
    done = subprocess.run(
        cmd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False
    )
    if done.returncode:
        raise SystemExit(f"{page}/{engine} failed:\n{done.stderr[-3000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    out["load_before"] = load
    out["load_after"] = os.getloadavg()[0]
    return out


def summarise(out: dict, page: str) -> dict:
    runs = [r for r in out["runs"] if r["page"] == page]
    cold = runs[0]
    warm = harness.Timing(tuple(r["s"] for r in runs[1:]), tuple(r["cpu"] for r in runs[1:]))
    per_query = {}
    for r in runs[1:]:
        for name, s in r["times"].items():
            per_query.setdefault(name, []).append(s)
    return {
        "cold": cold["s"],
        "cold_cpu": cold["cpu"],
        "cpu_best": min(warm.cpus) if warm.cpus else None,
        "cpu_median": warm.cpu_median if warm.cpus else None,
        "load_views": [r["load"] for r in runs],
        "cold_queries": cold["times"],
        "best": warm.best if warm.walls else None,
        "median": warm.median if warm.walls else None,
        "queries": {k: (min(v), statistics.median(v)) for k, v in per_query.items()},
    }


# --- machine and report -----------------------------------------------------------------------


def machine() -> dict:
    """harness.machine() and what this bench's section also states."""
    import pandas
    import pyarrow

    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    return {
        **harness.machine(),
        "date": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpu": cpu,
        "pandas": pandas.__version__,
        "pyarrow": pyarrow.__version__,
        "threads": os.environ.get("PANTAU_THREADS", f"{os.cpu_count()} (default)"),
        "memory_limit": os.environ.get("PANTAU_MEMORY_LIMIT", "1GB (default)"),
    }


def fmt_s(x) -> str:
    return "–" if x is None else f"{x:.3f}"


AIM_PAGE = {"50.000": 0.3, "5.000.000": 2.0}  # seconds per page, by the label's size
AIM_SPEEDUP = 10


def section_text(runs: list[dict], checked: list[str]) -> str:
    """The RESULTS.md section from the --json records of runs (one per lake)."""
    m = runs[-1]["machine"]
    out = [
        SECTION,
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM; Python {m['python']}, "
        f"DuckDB {m['duckdb']}, pandas {m['pandas']}, pyarrow {m['pyarrow']}; DuckDB threads "
        f"{m['threads']}, memory_limit {m['memory_limit']}. `python bench/pages.py --data LAKE "
        "--label … --json …`, then `python bench/pages.py write` with the records. A page view is the named queries "
        "the page runs for one view (latest period, whole city, the sidebar's `periode_list` "
        "included) plus its significant Python work (the Peta page's Moran's I clusters), on "
        "the dashboard's own engine without Streamlit's cache; each (page, engine) in a fresh "
        "process. Cold: the first view after the engine starts (its views and _shared summary "
        "tables are built then, once per import; the OS file cache is warm). Warm: best and "
        "median of the next views. pandas: the same figures with pyarrow reads of the current "
        "Parquet batches and groupby/merge on every view (`PandasPages`).",
        "",
    ]
    if checked:
        out += [
            "Equality: `python bench/pages.py --check` asserts that pandas and SQL give the same "
            f"tables, page by page: passed on {', '.join(checked)}.",
            "",
        ]
    for run in runs:
        rows = {(r["page"], r["engine"]): r for r in run["rows"]}
        label = run["rows"][0]["label"]
        aim = next((v for k, v in AIM_PAGE.items() if label.startswith(k)), None)
        when = run["machine"]["date"]
        loads = [x for r in run["rows"] for x in r["load_views"]]
        views = {e: len(r["load_views"]) - 1 for r in run["rows"] for e in [r["engine"]]}
        out += [
            f"### {label} (measured {when}, load average {min(loads):.2f}–{max(loads):.2f})",
            "",
            "Warm views per page: "
            + ", ".join(f"{'DuckDB' if e == 'sql' else e} {k}" for e, k in views.items())
            + ".",
            "",
            "| page | DuckDB cold | DuckDB warm best | DuckDB warm median | pandas cold "
            "| pandas warm median | pandas ÷ DuckDB (warm median) | peak RSS DuckDB / pandas |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        verdict = []
        for page in PAGES:
            sql, pan = rows.get((page, "sql")), rows.get((page, "pandas"))
            if not sql:
                continue
            ratio = pan["median"] / sql["median"] if pan else None
            out.append(
                f"| {page} | {fmt_s(sql['cold'])} s | {fmt_s(sql['best'])} s "
                f"| {fmt_s(sql['median'])} s | {fmt_s(pan['cold']) if pan else '–'} s "
                f"| {fmt_s(pan['median']) if pan else '–'} s "
                f"| {f'{ratio:.1f}×' if ratio else '–'} "
                f"| {sql['rss_mb']:.0f} / {pan['rss_mb'] if pan else float('nan'):.0f} MB |"
            )
            verdict.append((page, sql, ratio))
        out.append("")
        if aim:
            slow_warm = [p for p, s, _ in verdict if s["median"] > aim]
            slow_cold = [p for p, s, _ in verdict if s["cold"] > aim]
            out.append(
                f"- Aim ≤ {fmt_s(aim)} s per page: warm **"
                + ("met" if not slow_warm else f"NOT met ({', '.join(slow_warm)})")
                + "**; cold "
                + ("met" if not slow_cold else f"not met on {', '.join(slow_cold)}")
                + f" (slowest cold {fmt_s(max(s['cold'] for _, s, _ in verdict))} s: the engine's "
                "build, which `python -m pantau serve` does at start and, after an import, in the "
                "background while pages use the previous views; see Province scale)."
            )
        ratios = [r for _, _, r in verdict if r]
        if ratios and label.startswith("5.000.000"):
            low = [p for p, _, r in verdict if r and r < AIM_SPEEDUP]
            out.append(
                f"- Aim ≥ {AIM_SPEEDUP}× faster than pandas: **"
                + ("met" if not low else f"NOT met on {', '.join(low)}")
                + f"** ({min(ratios):.1f}× to {max(ratios):.1f}×)."
            )
        slowest = sorted(
            ((s["queries"][q][1], p, q) for p, s, _ in verdict for q in s["queries"]),
            reverse=True,
        )[:5]
        out.append(
            "- Slowest queries (warm median): "
            + "; ".join(f"{q} ({p}) {fmt_s(t)} s" for t, p, q in slowest)
            + "."
        )
        out.append("")
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "write":
        ap = argparse.ArgumentParser()
        ap.add_argument("write")
        ap.add_argument("records", nargs="+", type=Path, help="--json files, one run per line")
        ap.add_argument("--checked", default="", help="lakes --check passed on, comma separated")
        args = ap.parse_args()
        runs = [json.loads(line) for f in args.records for line in f.read_text().splitlines()]
        checked = [c.strip() for c in args.checked.split(",") if c.strip()]
        harness.write_section(SECTION, section_text(runs, checked).removeprefix(SECTION))
        print(section_text(runs, checked))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_worker":
        ap = argparse.ArgumentParser()
        ap.add_argument("_worker")
        ap.add_argument("--data", required=True)
        ap.add_argument("--page", required=True)
        ap.add_argument("--engine", required=True)
        ap.add_argument("--repeat", type=int, default=3)
        ap.add_argument("--root", default=str(ROOT))
        ap.add_argument("--periode")
        ap.add_argument("--kec")
        ap.add_argument("--kel")
        worker(ap.parse_args())
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", required=True, type=Path)
    ap.add_argument("--label", default="")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", default=",".join(PAGES))
    ap.add_argument("--engines", default="sql,pandas")
    ap.add_argument("--root", default=str(ROOT), help="project copy to import pantau from")
    ap.add_argument("--periode")
    ap.add_argument("--kec")
    ap.add_argument("--kel")
    ap.add_argument("--json", type=Path, help="append raw results here")
    ap.add_argument("--check", action="store_true", help="assert pandas == SQL, then stop")
    args = ap.parse_args()
    if args.check:
        sys.path.insert(0, str(Path(args.root).resolve()))
        check(args.data, args.pages.split(","), args.periode, args.kec, args.kel)
        return
    rows = []
    for page in args.pages.split(","):
        for engine in args.engines.split(","):
            out = run_one(
                args.data, page, engine, args.repeat, args.root, args.periode, args.kec, args.kel
            )
            s = summarise(out, page)
            row = {"page": page, "engine": engine, "label": args.label, **s}
            row.update({k: out[k] for k in ("rss_mb", "load_before", "load_after", "periode")})
            rows.append(row)
            print(
                f"{page:10s} {engine:6s} cold {s['cold']:7.3f}  best {s['best']:7.3f}  "
                f"median {s['median']:7.3f}  cpu {s['cpu_best']:7.3f}  rss {out['rss_mb']:6.0f} MB  "
                f"load {out['load_before']:.2f}->{out['load_after']:.2f}",
                flush=True,
            )
            for name, (best, med) in s["queries"].items():
                print(f"    {name:34s} best {best:7.3f} median {med:7.3f}", flush=True)
    if args.json:
        with args.json.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps({"machine": machine(), "data": str(args.data), "rows": rows}))
            fh.write("\n")


if __name__ == "__main__":
    main()

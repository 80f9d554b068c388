"""The statistics behind the pocket map and the modal usaha comparison, with maintained
libraries (statsmodels, esda/libpysal), on rows a named query computed: empirical-Bayes Local
Moran with a false-discovery-rate cut, a discrete-time hazard and Kaplan–Meier curves of exits
from extreme poverty, and a difference in differences with an event study of income.

Nothing here reads the lake: each function takes the full rows of one query and is run through
`privacy.result` (see privacy.ANALYSES), so every role sees the same statistic."""

from __future__ import annotations

import warnings

import esda
import libpysal
import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import proportion_confint

ALPHA = 0.05
Z = 1.959963984540054


def wilson(k, n) -> tuple[float, float]:
    """95 % Wilson score interval of k of n (the SQL macros in _shared/55_wilson.sql are tested
    against this)."""
    lo, hi = proportion_confint(k, n, alpha=ALPHA, method="wilson")
    return float(lo), float(hi)


# --- pockets ----------------------------------------------------------------------------------


def lisa_eb(
    events: pd.Series,
    base: pd.Series,
    weights: libpysal.weights.W,
    permutations: int = 999,
    seed: int = 20240601,
    alpha: float = ALPHA,
) -> pd.DataFrame:
    """Local Moran's I of the empirical-Bayes standardised rate events ÷ base (Assunção–Reis,
    esda.Moran_Local_Rate with adjusted=True), in the order of `weights.id_order`; indexed by
    code. Columns: I, p_sim, q (1 HH, 2 LH, 3 LL, 4 HL), batas_fdr (the Benjamini–Hochberg cut
    over all regions, esda.fdr) and signifikan (p_sim <= that cut)."""
    ids = weights.id_order
    e = events.loc[ids].to_numpy(dtype=float)
    b = base.loc[ids].to_numpy(dtype=float)
    with warnings.catch_warnings():
        # esda's notice of a future default p-value means nothing to users.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        local = esda.Moran_Local_Rate(
            e, b, weights, adjusted=True, permutations=permutations, seed=seed, n_jobs=1
        )
    cut = float(esda.fdr(local.p_sim, alpha))
    return pd.DataFrame(
        {
            "I": local.Is,
            "p_sim": local.p_sim,
            "q": local.q,
            "batas_fdr": cut,
            "signifikan": local.p_sim <= cut,
        },
        index=pd.Index(ids, name="kode"),
    )


# --- modal usaha: exits ----------------------------------------------------------------------

EFEK_KOLOM = [
    "jenis",
    "ukuran",
    "kelompok",
    "k",
    "estimasi",
    "bawah",
    "atas",
    "keluarga_penerima",
    "keluarga_pembanding",
    "baris",
]


def kaplan_meier(durasi, kejadian, bobot=None) -> pd.DataFrame:
    """Product-limit survival (share still extreme-poor) by quarter since the grant, with its
    95 % pointwise interval: statsmodels SurvfuncRight's estimate and Greenwood standard error,
    on the log scale (S · exp(±1,96 · SE / S), clipped to 0..1), as R's survfit does by default."""
    sf = SurvfuncRight(np.asarray(durasi, float), np.asarray(kejadian, float), freq_weights=bobot)
    s, se = np.asarray(sf.surv_prob), np.asarray(sf.surv_prob_se)
    with np.errstate(divide="ignore", invalid="ignore"):
        spread = np.where(s > 0, np.exp(Z * se / np.where(s > 0, s, 1)), np.nan)
    lo, hi = np.clip(s / spread, 0, 1), np.clip(s * spread, 0, 1)
    return pd.DataFrame(
        {"k": sf.surv_times, "estimasi": sf.surv_prob, "bawah": lo, "atas": hi}
    ).reset_index(drop=True)


def _durasi(panel: pd.DataFrame) -> pd.DataFrame:
    """One row per family and cohort: quarters at risk observed and whether it ended in an exit."""
    risk = panel[panel["berisiko"].astype(bool)]
    return (
        risk.groupby(["no_kk", "kohort"], as_index=False)
        .agg(
            penerima=("penerima", "first"),
            bobot=("bobot", "first"),
            durasi=("k", "max"),
            keluar=("keluar", "max"),
        )
        .astype({"keluar": float})
    )


def _n(panel: pd.DataFrame) -> tuple[int, int]:
    fam = panel.drop_duplicates(["no_kk", "penerima"])
    return int(fam["penerima"].sum()), int((~fam["penerima"].astype(bool)).sum())


# The choices the exit comparison rests on, each re-estimated (the page's sensitivity table):
# name -> (the at-risk column of the panel, a column the rows must also have true, label).
VARIAN = {
    "utama": ("berisiko", None, "Utama: sensor saat meninggal, pindah, atau tak teramati lagi"),
    "tanpa_sensor": (
        "berisiko_tanpa_sensor",
        None,
        "Tanpa sensor (meninggal/pindah tetap berisiko)",
    ),
    "mulai_k0": ("berisiko_k0", None, "Keluar pada triwulan mulai (k = 0) ikut dihitung"),
    "dikunjungi": ("berisiko", "dikunjungi", "Hanya triwulan yang dikunjungi petugas"),
    # BPS re-review N7: exit by the flagged list (the flag removed on the list in force), not by
    # a monitoring visit; a family off the flagged list in a quarter is not observed then.
    "daftar": ("berisiko_daftar", None, "Sensitivitas: keluar menurut daftar (tanda dicabut)"),
}
# The exit a variant counts, where it is not the visit's 'keluar'.
KELUAR_VARIAN = {"daftar": "keluar_daftar"}
LABEL_DAFTAR = VARIAN["daftar"][2]


def efek_modal_usaha(panel: pd.DataFrame) -> pd.DataFrame:
    """bantuan_modal_usaha_panel's rows → the estimates the page shows, one row each:
    jenis 'laju' (exits per 100 family-quarters at risk per group), 'rasio_laju' (the ratio of
    those rates, recipients ÷ comparison, from a Poisson GLM with quarter-since-grant dummies),
    'hazard' (odds ratio of an exit per quarter at risk, GLM binomial logit with the same
    dummies), both with CEM weights and SEs clustered by family; 'kepekaan' (the rates and both
    ratios again under each choice of VARIAN: ukuran = its label, kelompok = penerima /
    pembanding / rasio_laju / rasio_odds); 'kunjungan' (per group, the share of at-risk quarters
    with a monitoring visit, in %); 'km' (Kaplan–Meier share still extreme-poor per quarter since
    the grant, per group); 'did' (income change of recipients minus that of the comparison over
    the same quarters, Rp per keluarga per month, WLS with cell and quarter effects, SEs
    clustered by family; every post-grant family-quarter k = 1..8 weighs the same, so late k
    come from early cohorts only), 'did_kapita' (the same per person), 'did_kohort' (the same
    per cohort: kelompok = the cohort, its own family counts) and 'event' (the event-study
    coefficients per quarter k, k = -1 the reference). Too little data for a model → the row's
    estimate is NULL."""
    rows: list[dict] = []
    if panel.empty:
        return pd.DataFrame(columns=EFEK_KOLOM)
    panel = panel.assign(
        penerima=panel["penerima"].astype(bool),
        berisiko=panel["berisiko"].astype(bool),
        keluar=panel["keluar"].astype(bool),
        bobot=panel["bobot"].astype(float),
    )
    # A panel without the sensitivity columns (an older or hand-made one): the main rule.
    for col in ("berisiko_tanpa_sensor", "berisiko_k0"):
        panel[col] = panel[col].astype(bool) if col in panel else panel["berisiko"]
    panel["dikunjungi"] = panel["dikunjungi"].astype(bool) if "dikunjungi" in panel else True
    for col in ("berisiko_daftar", "keluar_daftar"):  # the list's exit (N7), where the panel has it
        if col in panel:
            panel[col] = panel[col].astype("boolean").fillna(False).astype(bool)
    if "pendapatan_per_kapita" not in panel:
        panel["pendapatan_per_kapita"] = np.nan
    n1, n0 = _n(panel)
    base = {"keluarga_penerima": n1, "keluarga_pembanding": n0}
    rows += _hazard(panel, base)
    rows += _kepekaan(panel, base)
    rows += _kunjungan(panel, base)
    rows += _km(panel, base)
    rows += _did(panel, base)
    return pd.DataFrame(rows, columns=EFEK_KOLOM)


def _berisiko(panel: pd.DataFrame, varian: str = "utama") -> pd.DataFrame:
    col, also, _ = VARIAN[varian]
    keep = panel[col].astype(bool)
    if also:
        keep &= panel[also].astype(bool)
    y = KELUAR_VARIAN.get(varian, "keluar")
    return panel[keep].assign(y=lambda d: d[y].astype(bool).astype(float))


def _laju(risk: pd.DataFrame) -> dict[bool, float]:
    """Weighted exits per 100 family-quarters at risk, per group (True = recipients)."""
    return {
        grp: 100 * (part["y"] * part["bobot"]).sum() / part["bobot"].sum()
        for grp, part in risk.groupby("penerima")
        if len(part)
    }


def _rasio(risk: pd.DataFrame, family) -> tuple[float, float, float]:
    """exp(coefficient of penerima) of `y ~ penerima + C(k)` with the CEM weights and SEs
    clustered by family, and its 95 % interval; NaN with too little data."""
    if risk["y"].sum() < 5 or risk["penerima"].nunique() < 2:
        return np.nan, np.nan, np.nan
    # A quarter k without any exit has its effect at −∞ and adds nothing to the estimate of
    # penerima; left in, the fit crawls toward it for many iterations. Dropped, same estimate.
    risk = risk[risk.groupby("k")["y"].transform("sum") > 0]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = smf.glm(
                "y ~ penerima + C(k)" if risk["k"].nunique() > 1 else "y ~ penerima",
                data=risk.assign(penerima=risk["penerima"].astype(float)),
                family=family,
                var_weights=risk["bobot"],
            ).fit(cov_type="cluster", cov_kwds={"groups": pd.factorize(risk["no_kk"])[0]})
        b, (b_lo, b_hi) = fit.params["penerima"], _ci(fit).loc["penerima"]
        return float(np.exp(b)), float(np.exp(b_lo)), float(np.exp(b_hi))
    except _FIT_ERRORS:
        return np.nan, np.nan, np.nan


def _hazard(panel: pd.DataFrame, base: dict) -> list[dict]:
    risk = _berisiko(panel)
    rows = []
    laju = _laju(risk)
    for grp, part in risk.groupby("penerima"):
        rows.append(
            {
                "jenis": "laju",
                "ukuran": "Keluar per 100 keluarga-triwulan berisiko",
                "kelompok": "penerima" if grp else "pembanding",
                "estimasi": laju.get(grp, np.nan),
                "baris": len(part),
                **base,
            }
        )
    for jenis, ukuran, family in (
        (
            "rasio_laju",
            "Rasio laju keluar per triwulan (penerima ÷ pembanding)",
            sm.families.Poisson(),
        ),
        (
            "hazard",
            "Rasio odds keluar per triwulan (penerima ÷ pembanding)",
            sm.families.Binomial(),
        ),
    ):
        est, lo, hi = _rasio(risk, family)
        rows.append(
            {
                "jenis": jenis,
                "ukuran": ukuran,
                "estimasi": est,
                "bawah": lo,
                "atas": hi,
                "baris": len(risk),
                **base,
            }
        )
    return rows


def _kepekaan(panel: pd.DataFrame, base: dict) -> list[dict]:
    rows = []
    for varian, (col, _, label) in VARIAN.items():
        # a panel without the list's columns (an older or hand-made one) has no such variant
        if col not in panel or KELUAR_VARIAN.get(varian, "keluar") not in panel:
            continue
        risk = _berisiko(panel, varian)
        laju = _laju(risk)
        for grp, kelompok in ((True, "penerima"), (False, "pembanding")):
            rows.append(
                {
                    "jenis": "kepekaan",
                    "ukuran": label,
                    "kelompok": kelompok,
                    "estimasi": laju.get(grp, np.nan),
                    "baris": int((risk["penerima"] == grp).sum()),
                    **base,
                }
            )
        for kelompok, family in (
            ("rasio_laju", sm.families.Poisson()),
            ("rasio_odds", sm.families.Binomial()),
        ):
            est, lo, hi = _rasio(risk, family)
            rows.append(
                {
                    "jenis": "kepekaan",
                    "ukuran": label,
                    "kelompok": kelompok,
                    "estimasi": est,
                    "bawah": lo,
                    "atas": hi,
                    "baris": len(risk),
                    **base,
                }
            )
    return rows


def _kunjungan(panel: pd.DataFrame, base: dict) -> list[dict]:
    """S10: exits are recorded at visits, by officers who know who received a grant; a group
    visited more often shows more exits. Share of at-risk quarters (unweighted) with a visit."""
    risk = _berisiko(panel)
    return [
        {
            "jenis": "kunjungan",
            "ukuran": "Triwulan berisiko yang dikunjungi petugas (%)",
            "kelompok": "penerima" if grp else "pembanding",
            "estimasi": 100 * part["dikunjungi"].astype(float).mean(),
            "baris": len(part),
            **base,
        }
        for grp, part in risk.groupby("penerima")
        if len(part)
    ]


def _km(panel: pd.DataFrame, base: dict) -> list[dict]:
    rows = []
    dur = _durasi(panel)
    for grp, part in dur.groupby("penerima"):
        if part.empty:
            continue
        curve = kaplan_meier(part["durasi"], part["keluar"], part["bobot"].to_numpy())
        start = {"k": 0, "estimasi": 1.0, "bawah": 1.0, "atas": 1.0}
        for r in [start, *curve.to_dict("records")]:
            rows.append(
                {
                    "jenis": "km",
                    "ukuran": "Porsi masih miskin ekstrem (Kaplan–Meier)",
                    "kelompok": "penerima" if grp else "pembanding",
                    "baris": len(part),
                    **base,
                    **r,
                }
            )
    return rows


# A model of a few families can leave no residual degrees of freedom (statsmodels' cluster
# correction then divides by zero) or be singular: the estimate is then unknown, not an error.
_FIT_ERRORS = (ValueError, ZeroDivisionError, np.linalg.LinAlgError)


def _ci(fit) -> pd.DataFrame:
    """95 % intervals; a coefficient without variance gets NaN bounds without a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fit.conf_int(ALPHA)


def _wls(formula: str, data: pd.DataFrame):
    """WLS with the CEM weights and SEs clustered by family; None when it cannot be fitted."""
    if data["no_kk"].nunique() < 2:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return smf.wls(formula, data=data, weights=data["bobot"]).fit(
                cov_type="cluster", cov_kwds={"groups": pd.factorize(data["no_kk"])[0]}
            )
    except _FIT_ERRORS:
        return None


def did(panel: pd.DataFrame, hasil: str = "pendapatan") -> tuple[float, float, float, int, object]:
    """Difference in differences of `hasil` (pendapatan, or pendapatan_per_kapita): recipients'
    change from before (k < 0) to after (k >= 1) minus the comparison's over the same quarters;
    WLS with cell and quarter effects, SEs clustered by family. (estimate, low, high, rows, fit)."""
    data = panel[panel[hasil].notna() & (panel["k"] != 0)].assign(
        y=lambda x: x[hasil].astype(float),
        d=lambda x: x["penerima"].astype(float),
        pasca=lambda x: (x["k"] >= 1).astype(float),
    )
    if data.empty or data["d"].nunique() < 2 or data["pasca"].nunique() < 2:
        return np.nan, np.nan, np.nan, len(data), None
    formula = "y ~ d:pasca + d + C(k)" + (" + C(sel)" if data["sel"].nunique() > 1 else "")
    fit = _wls(formula, data)
    if fit is None:
        return np.nan, np.nan, np.nan, len(data), None
    lo, hi = _ci(fit).loc["d:pasca"]
    return float(fit.params["d:pasca"]), float(lo), float(hi), len(data), fit


def event_study(panel: pd.DataFrame) -> pd.DataFrame:
    """Recipients' income minus the comparison's per quarter k relative to k = -1 (the last
    quarter before the grant), with cell and quarter effects and SEs clustered by family."""
    data = panel[panel["pendapatan"].notna()].assign(d=lambda x: x["penerima"].astype(float))
    ks = sorted(k for k in data["k"].unique() if k != -1)
    if data.empty or data["d"].nunique() < 2 or -1 not in set(data["k"]):
        return pd.DataFrame(columns=["k", "estimasi", "bawah", "atas"])
    for k in ks:
        data[f"e{k + 4}"] = ((data["k"] == k) & (data["d"] == 1)).astype(float)
    terms = " + ".join(f"e{k + 4}" for k in ks)
    formula = f"pendapatan ~ d + C(k) + {terms}" + (
        " + C(sel)" if data["sel"].nunique() > 1 else ""
    )
    fit = _wls(formula, data)
    if fit is None:
        return pd.DataFrame(columns=["k", "estimasi", "bawah", "atas"])
    ci = _ci(fit)
    out = [{"k": -1, "estimasi": 0.0, "bawah": 0.0, "atas": 0.0}]
    out += [
        {
            "k": k,
            "estimasi": fit.params[f"e{k + 4}"],
            "bawah": ci.loc[f"e{k + 4}", 0],
            "atas": ci.loc[f"e{k + 4}", 1],
        }
        for k in ks
    ]
    return pd.DataFrame(out).sort_values("k", ignore_index=True)


def _did(panel: pd.DataFrame, base: dict) -> list[dict]:
    rows = []
    for jenis, hasil, ukuran in (
        ("did", "pendapatan", "Perubahan pendapatan penerima dikurangi pembanding (Rp per bulan)"),
        (
            "did_kapita",
            "pendapatan_per_kapita",
            "Perubahan pendapatan per jiwa penerima dikurangi pembanding (Rp per jiwa per bulan)",
        ),
    ):
        est, lo, hi, n, _ = did(panel, hasil)
        rows.append(
            {
                "jenis": jenis,
                "ukuran": ukuran,
                "estimasi": est,
                "bawah": lo,
                "atas": hi,
                "baris": n,
                **base,
            }
        )
    for kohort, part in panel.groupby("kohort", sort=True):
        est, lo, hi, n, _ = did(part)
        n1, n0 = _n(part)
        rows.append(
            {
                "jenis": "did_kohort",
                "ukuran": "Perubahan pendapatan penerima dikurangi pembanding, per kohort (Rp per bulan)",
                "kelompok": kohort,
                "estimasi": est,
                "bawah": lo,
                "atas": hi,
                "baris": n,
                "keluarga_penerima": n1,
                "keluarga_pembanding": n0,
            }
        )
    es = event_study(panel)
    n_es = int(panel["pendapatan"].notna().sum())
    rows += [
        {"jenis": "event", "ukuran": "Selisih pendapatan per triwulan", "baris": n_es, **base, **r}
        for r in es.to_dict("records")
    ]
    return rows

"""The poverty-pocket clusters (Local Moran's I on the kelurahan map's neighbours): the
statistic on the full rows, why it was not run, and its title, sentences and table."""

from __future__ import annotations

import math

import pandas as pd

from pantau import fmt, geo, stats
from pantau import wilayah as wilayah_mod
from pantau.peta_metrik import teks
from pantau.peta_sumber import MAKS_FITUR, batas

PERMUTASI = 999
SEED = 20240601
# Below this many kelurahan with a rate, permutation p-values of Local Moran's I degenerate
# (with 3 values every one came out "significant" at p = 0,001), so no cluster is claimed.
MIN_KLASTER = 10
# A kelurahan with fewer keluarga on its list takes part in the statistic (as a neighbour, its
# rate shrunk by empirical Bayes) but is never labelled a cluster itself.
MIN_DASAR_KLASTER = 20

KUADRAN_WARNA = {
    "Tinggi-Tinggi (kantong)": "#D55E00",
    "Tinggi-Rendah": "#E69F00",
    "Rendah-Tinggi": "#56B4E9",
    "Rendah-Rendah": "#0072B2",
    geo.NOT_SIGNIFICANT: "#e5e5e5",
    "Dasar kecil": "#e8dcc8",
    geo.NO_DATA: "#ffffff",
}
DASAR_KECIL_KLASTER = "Dasar kecil"


def hitung_klaster(raw: pd.DataFrame) -> pd.DataFrame:
    """peta_kelurahan's full rows for the whole city with Local Moran's I of the empirical-Bayes
    rate of extreme-poor keluarga per listed keluarga (stats.lisa_eb) over the kelurahan with a
    list, on the kelurahan map's neighbours: `I`, `p_sim`, `batas_fdr` (the false-discovery-rate
    cut), `kuadran` (a cluster label only where p_sim <= batas_fdr and the list has at least
    MIN_DASAR_KLASTER keluarga), `p_tanpa_koreksi` (whether p_sim < 0,05 before the
    correction) and `dihitung`. Run on the full rows only (through privacy.result("peta_klaster",
    …)), so every role sees the same clusters; with fewer than MIN_KLASTER kelurahan no cluster
    is claimed (every kuadran "Tanpa data"). Long because the reasons not to run come first,
    each returning early with its own sentence, then the statistic and its labels in one pass
    over the same frame."""
    keluarga = pd.to_numeric(raw["keluarga"], errors="coerce").fillna(0)
    # A count hidden as "<5" (rows already suppressed), or NULL in a list without the extreme
    # flag, has no value to test on.
    ekstrem = pd.to_numeric(raw["keluarga_miskin_ekstrem"], errors="coerce")
    out = raw.assign(dihitung=(keluarga > 0) & ekstrem.notna())
    empty = {"I": float("nan"), "p_sim": float("nan"), "batas_fdr": float("nan")}

    def tidak_dihitung(alasan: str) -> pd.DataFrame:
        # No statistic, so no significance: every kuadran "Tanpa data", with the reason.
        return out.assign(
            **empty, p_tanpa_koreksi=False, kuadran=geo.NO_DATA, alasan_tanpa_klaster=alasan
        ).assign(dihitung=False)

    if "berstatus_ekstrem" in raw.columns and not raw["berstatus_ekstrem"].fillna(False).any():
        return tidak_dihitung(TANPA_TANDA)
    if int(out["dihitung"].sum()) < MIN_KLASTER:
        return out.assign(
            **empty, p_tanpa_koreksi=False, kuadran=geo.NO_DATA, alasan_tanpa_klaster=SEDIKIT
        )
    rates = ekstrem[out["dihitung"]] / keluarga[out["dihitung"]]
    # Every kelurahan at one rate (all 0, say): Moran's I divides by the variance, 0, and the
    # permutation p-values of a constant are meaningless (they once read 0,001 everywhere).
    if rates.nunique() < 2:
        return tidak_dihitung(KONSTAN)
    gdf, _, _ = batas("kelurahan")
    frame = gdf[["kode_kel", "geometry"]].merge(out, on="kode_kel", how="left")
    frame["dihitung"] = frame["dihitung"].fillna(False).astype(bool)
    used = frame[frame["dihitung"]]
    weights = geo.contiguity(used, "kode_kel")
    codes = used["kode_kel"].astype(str)
    lisa = stats.lisa_eb(
        pd.to_numeric(used["keluarga_miskin_ekstrem"]).astype(float).set_axis(codes),
        pd.to_numeric(used["keluarga"]).astype(float).set_axis(codes),
        weights,
        permutations=PERMUTASI,
        seed=SEED,
    )
    base = pd.to_numeric(frame["keluarga"], errors="coerce").fillna(0)
    result = frame.drop(columns="geometry").assign(
        I=frame["kode_kel"].map(lisa["I"]),
        p_sim=frame["kode_kel"].map(lisa["p_sim"]),
        batas_fdr=float(lisa["batas_fdr"].iloc[0]),
    )
    used_i = result.loc[frame["dihitung"], ["I", "p_sim"]]
    if used_i.isna().any().any() or not math.isfinite(float(lisa["batas_fdr"].iloc[0])):
        # An undefined statistic (zero variance after smoothing) reports no significance.
        return tidak_dihitung(TAK_TERDEFINISI)
    result["alasan_tanpa_klaster"] = None
    result["p_tanpa_koreksi"] = result["p_sim"] < geo.SIGNIFICANCE
    label = frame["kode_kel"].map(lisa["q"]).map(geo._QUADRANTS)
    significant = frame["kode_kel"].map(lisa["signifikan"]).fillna(False).astype(bool)
    result["kuadran"] = geo.NO_DATA
    result.loc[frame["dihitung"], "kuadran"] = geo.NOT_SIGNIFICANT
    result.loc[significant, "kuadran"] = label[significant]
    result.loc[frame["dihitung"] & (base < MIN_DASAR_KLASTER), "kuadran"] = DASAR_KECIL_KLASTER
    return pd.DataFrame(result)


# Why no Local Moran's I was run (hitung_klaster's alasan_tanpa_klaster).
TANPA_TANDA = "tanpa_tanda"
SEDIKIT = "sedikit"
KONSTAN = "konstan"
TAK_TERDEFINISI = "tak_terdefinisi"


def cukup_untuk_klaster(hs: pd.DataFrame) -> bool:
    """Whether the statistic was computed (`hs` from privacy.result("peta_klaster", …))."""
    if "alasan_tanpa_klaster" in hs.columns and hs["alasan_tanpa_klaster"].notna().any():
        return False
    return int(hs["dihitung"].sum()) >= MIN_KLASTER


def kalimat_klaster_tidak_dihitung(hs: pd.DataFrame) -> str:
    """Why the cluster analysis was not run, in one sentence a Kepala Dinas reads."""
    alasan = hs["alasan_tanpa_klaster"].dropna()
    alasan = alasan.iloc[0] if len(alasan) else SEDIKIT
    unit = wilayah_mod.dari().label_desa_kecil
    if alasan == TANPA_TANDA:
        return (
            "Analisis klaster tidak dijalankan: daftar periode ini tidak menandai keluarga "
            f"miskin ekstrem, jadi angka per {unit} tidak ada dan tidak ada pola yang dapat "
            "diuji."
        )
    if alasan == KONSTAN:
        return (
            f"Analisis klaster tidak dijalankan: semua {unit} punya angka yang sama periode "
            "ini, sehingga tidak ada perbedaan antarwilayah yang dapat diuji (Local Moran's I "
            f"tidak terdefinisi) dan tidak ada {unit} yang dapat disebut signifikan."
        )
    if alasan == TAK_TERDEFINISI:
        return (
            f"Analisis klaster tidak dijalankan: setelah penghalusan angka antar{unit} tidak "
            f"bervariasi, sehingga Local Moran's I tidak terdefinisi dan tidak ada {unit} yang "
            "dapat disebut signifikan."
        )
    return (
        f"Analisis klaster perlu angka dari sedikitnya {MIN_KLASTER} {unit}; periode ini "
        f"hanya punya {int(hs['dihitung'].sum())}."
    )


def judul_klaster(hs: pd.DataFrame, periode: str | None) -> str:
    when = fmt.periode(periode)
    unit = wilayah_mod.dari().label_desa_kecil
    hh = hs.loc[hs["kuadran"] == "Tinggi-Tinggi (kantong)", "kelurahan"].tolist()
    if hh:
        return (
            f"{len(hh)} {unit} membentuk klaster kantong Tinggi-Tinggi: "
            f"{', '.join(hh)} (per 1.000 keluarga, {when})"
        )
    significant = int(hs["kuadran"].isin(list(KUADRAN_WARNA)[:4]).sum())
    if significant:
        return (
            f"Tidak ada klaster Tinggi-Tinggi; {significant} {unit} signifikan pada pola "
            f"lain (per 1.000 keluarga, {when})"
        )
    return f"Tidak ada klaster yang bertahan setelah koreksi uji berganda ({when})"


def kalimat_tanpa_klaster(hs: pd.DataFrame) -> str | None:
    """When no cluster survives: say so, and how many kelurahan would have looked significant
    without the correction (None when some cluster survives)."""
    if hs["kuadran"].isin(list(KUADRAN_WARNA)[:4]).any():
        return None
    before = int(pd.Series(hs["p_tanpa_koreksi"]).fillna(False).astype(bool).sum())
    unit = wilayah_mod.dari().label_desa_kecil
    return (
        f"Tidak ada {unit} yang polanya bertahan setelah koreksi uji berganda (FDR 5 %): "
        f"sebaran angka per {unit} periode ini tidak dapat dibedakan dari sebaran acak. "
        + (
            f"Tanpa koreksi, {before} {unit} akan tampak signifikan (p < 0,05) — jumlah yang "
            f"dapat muncul secara kebetulan saat {len(hs)} {unit} "
            "diuji sekaligus."
            if before
            else "Tanpa koreksi pun tidak ada yang signifikan."
        )
    )


def klaster_digambar(hs: pd.DataFrame, induk: str | None) -> pd.DataFrame:
    """The rows the cluster map draws: the kab/kota of `induk` (a kab/kota or kecamatan code)
    in a province; at a province's top level only the significant ones, so the map does not
    send 8,494 polygons to draw a few hundred clusters; otherwise every row."""
    if induk and len(hs) > MAKS_FITUR:
        return hs[hs["kode_kel"].str.startswith(induk[:5])]
    if len(hs) > MAKS_FITUR:
        return hs[hs["kuadran"].isin(list(KUADRAN_WARNA)[:4])]
    return hs


def kalimat_klaster_digambar(hs: pd.DataFrame, induk: str | None) -> str:
    """What a province's cluster map leaves out (klaster_digambar), in one sentence."""
    unit = wilayah_mod.dari()
    drawn = klaster_digambar(hs, induk)
    if induk:
        ref = geo.wilayah()
        kab = ref.loc[ref["kode_kab"] == induk[:5], "kabupaten_kota"].iloc[0]
        return (
            f"Peta ini menggambar {fmt.angka(len(drawn))} {unit.label_desa_kecil} di "
            f"{kab}; klaster dihitung atas seluruh {fmt.angka(len(hs))} "
            f"{unit.label_desa_kecil} {unit.nama}."
        )
    return (
        f"Hanya {fmt.angka(len(drawn))} {unit.label_desa_kecil} yang termasuk klaster bermakna "
        f"digambar (dari {fmt.angka(len(hs))}); pilih kabupaten/kota untuk melihat semua "
        "desa/kelurahannya."
    )


def tabel_klaster(hs: pd.DataFrame) -> pd.DataFrame:
    """The significant kelurahan, strongest first, as people read them."""
    sig = hs[hs["kuadran"].isin(list(KUADRAN_WARNA)[:4])].sort_values("p_sim")
    return pd.DataFrame(
        {
            wilayah_mod.dari().label_desa: sig["kelurahan"],
            "Kecamatan": sig["kecamatan"],
            "Klaster": sig["kuadran"],
            "Per 1.000 keluarga": [teks(v, "rasio") for v in sig["per_1000_keluarga"]],
            "Local Moran's I": [v if isinstance(v, str) else fmt.angka(v, 2) for v in sig["I"]],
            "p": [fmt.angka(v, 3) for v in sig["p_sim"]],
            "Batas p setelah koreksi (FDR)": [fmt.angka(v, 4) for v in sig["batas_fdr"]],
        }
    )

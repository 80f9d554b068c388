"""What the poverty-pocket map page says and shows, apart from its figures (charts.maps,
charts.kantong): metrics, boundaries with a fallback, titles and sentences, the pocket index's
explanation, the ranking table and the hotspot (Local Moran's I) wrapper."""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from pantau import charts, fmt, geo, stats
from pantau import wilayah as wilayah_mod
from pantau.errors import PantauError
from pantau.wilayah import dengan_singkatan, singkatan

PERMUTASI = 999
SEED = 20240601
# Below this many kelurahan with a rate, permutation p-values of Local Moran's I degenerate
# (with 3 values every one came out "significant" at p = 0,001), so no cluster is claimed.
MIN_KLASTER = 10
# A kelurahan with fewer keluarga on its list takes part in the statistic (as a neighbour, its
# rate shrunk by empirical Bayes) but is never labelled a cluster itself.
MIN_DASAR_KLASTER = 20
# Fewer extreme-poor keluarga than this: a share carries the mark "hati-hati: dasar kecil"
# (the same base as dasar_kecil() in queries/_shared/55_wilson.sql).
DASAR_KECIL = 30
TANDA_DASAR_KECIL = "hati-hati: dasar kecil"
# The pocket index's base: keluarga on the kelurahan's list (the rate's denominator, as the
# pocket rule's), dasar_indeks() in queries/_shared/55_wilson.sql (BPS review 3, B1).
DASAR_INDEKS = 30
# What DASAR_INDEKS counts, for sentences elsewhere (the deck, Ringkasan): "≥ 30 keluarga dalam
# daftar", no longer "keluarga miskin ekstrem".
SATUAN_DASAR_INDEKS = "keluarga dalam daftar"


@dataclass(frozen=True)
class Metrik:
    kolom: str
    label: str  # the chooser's option
    satuan: str  # what the number counts, for titles and the colour bar
    jenis: str  # "keluarga" (count), "rasio" (per 1.000) or "persen" (share 0-1)


METRIK: dict[str, Metrik] = {
    "per_1000": Metrik(
        "per_1000_keluarga",
        "Per 1.000 keluarga dalam daftar",
        "keluarga miskin ekstrem per 1.000 keluarga dalam daftar",
        "rasio",
    ),
    "miskin_ekstrem": Metrik(
        "keluarga_miskin_ekstrem", "Keluarga miskin ekstrem", "keluarga miskin ekstrem", "keluarga"
    ),
    "porsi_kota": Metrik(
        "porsi_kota", "Porsi dari total kota", "dari keluarga miskin ekstrem kota", "persen"
    ),  # Kota Pasuruan's words; metrik_wilayah() gives the region's
    "belum_tercakup": Metrik(
        "keluarga_belum_tercakup",
        "Belum tercakup program",
        "keluarga miskin ekstrem belum tercakup program apa pun",
        "keluarga",
    ),
    "lantai_tanah": Metrik(
        "porsi_lantai_tanah", "Lantai tanah", "keluarga miskin ekstrem berlantai tanah", "persen"
    ),
    "air_tidak_layak": Metrik(
        "porsi_air_tidak_layak",
        "Air minum tidak layak",
        "keluarga miskin ekstrem dengan air minum tidak layak",
        "persen",
    ),
    "tanpa_jamban": Metrik(
        "porsi_tanpa_jamban",
        "Tanpa jamban sendiri",
        "keluarga miskin ekstrem tanpa jamban sendiri",
        "persen",
    ),
    "bukan_pln": Metrik(
        "porsi_bukan_pln",
        "Penerangan bukan PLN",
        "keluarga miskin ekstrem dengan penerangan bukan listrik PLN",
        "persen",
    ),
}


def metrik_wilayah() -> dict[str, Metrik]:
    """The chooser's metrics in the region's words: 'Porsi dari total kabupaten' in a
    kabupaten, '… provinsi' in a province (METRIK itself, a kota's, elsewhere)."""
    jenis = wilayah_mod.dari().jenis
    if jenis == "kota":
        return METRIK
    porsi = Metrik(
        "porsi_kota", f"Porsi dari total {jenis}", f"dari keluarga miskin ekstrem {jenis}", "persen"
    )
    return {**METRIK, "porsi_kota": porsi}


# A list without the extreme flag has only its size to map (pages/peta.py); not a chooser option.
DAFTAR = Metrik("keluarga", "Keluarga dalam daftar", "keluarga dalam daftar", "keluarga")
# The rate, not the count: a count mostly shows where many families live (S8 of the review).
METRIK_AWAL = "per_1000"
# A metric's 95 % Wilson interval, as the query computes it.
SELANG = {
    "per_1000_keluarga": ("per_1000_bawah", "per_1000_atas"),
    "porsi_belum_tercakup": ("porsi_belum_tercakup_bawah", "porsi_belum_tercakup_atas"),
}
EKSTREM = "keluarga_miskin_ekstrem"

DEFINISI_DEPRIVASI = (
    "Porsi deprivasi dihitung di antara keluarga miskin ekstrem yang isiannya diketahui: "
    "**lantai tanah** = jenis lantai 9 (tanah); **air minum tidak layak** = sumur tak "
    "terlindung, mata air tak terlindung, sungai/danau, atau air hujan; **tanpa jamban "
    "sendiri** = fasilitas BAB bersama, umum, atau tidak ada; **penerangan bukan PLN** = "
    "listrik non-PLN atau bukan listrik. **Tercakup** (program apa pun, semua strategi) = "
    "menerima penyaluran berstatus tersalur dalam 12 bulan sampai akhir periode atau terdaftar "
    "di program nasional (PKH, BPNT, PBI-JK, …)."
)

RUMUS_INDEKS = (
    r"\text{Indeks}_k = 100 \times \frac{1}{3}\left("
    r"\tilde{r}_k + \tilde{u}_k + \tilde{d}_k\right),\qquad "
    r"\tilde{x}_k = \frac{\hat{x}_k - \min_j \hat{x}_j}{\max_j \hat{x}_j - \min_j \hat{x}_j},\qquad "
    r"\hat{x}_k = w_k\,x_k + (1 - w_k)\,\bar{x}"
)


def _penjelasan_indeks(jenis: str, unit: str = "kelurahan") -> str:
    """The index and the pocket rule explained, the region's rate named by its jenis and its
    units by their word (`unit`: 'kelurahan', or 'desa/kelurahan' where the region has desa)."""
    besar = unit[0].upper() + unit[1:]
    return (
        "$r$ = keluarga miskin ekstrem per 1.000 keluarga dalam daftar (seberapa umum), $u$ = porsi "
        "keluarga miskin ekstrem yang belum tercakup program (seberapa terlewat), $d$ = rata-rata "
        "empat porsi deprivasi (lantai tanah, air minum tidak layak, tanpa jamban sendiri, "
        "penerangan bukan PLN). Tidak ada komponen yang sekadar jumlah keluarga yang diskalakan: "
        "jumlah keluarga ditampilkan tersendiri. **Dihaluskan dengan Bayes empiris** ($\\hat{x}$): "
        f"angka {unit} berdasar kecil ditarik ke arah angka {jenis} ($\\bar{{x}}$), makin kecil "
        f"dasarnya makin kuat ($w_k$ kecil), sehingga satu-dua keluarga tidak membuat {unit} "
        f"tampak ekstrem. Setiap komponen lalu diskalakan min–maks atas semua {unit} (0 = "
        "terendah, 1 = tertinggi); komponen tanpa dasar (tidak ada keluarga miskin ekstrem, atau "
        f"deprivasinya tidak terisi) memakai angka {jenis}; komponen yang oleh penghalusan menjadi sama "
        f"di semua {unit} (perbedaannya antar{unit} tidak melebihi kebetulan) tidak ikut "
        f"dirata-rata, sehingga indeks bertumpu pada komponen yang berbeda. **Dasar minimum:** setiap {unit} dengan "
        f"sedikitnya {DASAR_INDEKS} keluarga dalam daftar (penyebut angkanya, dasar yang sama dengan "
        "uji kantong) diberi indeks dan peringkat, berapa pun keluarga miskin ekstremnya; peringkat "
        f"yang bertumpu pada kurang dari {DASAR_KECIL} keluarga miskin ekstrem diberi tanda * "
        f"(*{TANDA_DASAR_KECIL}*). Indeks membandingkan "
        f"{unit} satu sama lain, bukan ukuran mutlak, dan mengurutkan prioritas; ia tidak "
        f"menentukan status kantong. **{besar} kantong** (satu definisi, dipakai di kartu skor, "
        f"peta ini dan paparan) = {unit} yang angkanya per 1.000 keluarga dalam daftar di atas "
        f"angka {jenis} melampaui kebetulan: batas bawah selang Wilson (uji satu sisi 5 % dengan "
        f"koreksi Bonferroni atas semua {unit}, karena setiap {unit} diuji) di atas angka "
        f"{jenis}; ditandai ◆ pada grafik peringkat dan kolom Kantong pada tabel. Dasarnya jumlah "
        "keluarga dalam daftar, penyebut angka itu, sehingga daftar miskin ekstrem yang menyusut "
        f"tidak dengan sendirinya menghapus kantong. Karena dibandingkan dengan angka {jenis}, jumlah kantong dapat naik walau semua "
        f"{unit} membaik (bila {jenis} membaik lebih cepat): ia mengukur pemusatan, bukan kemajuan. "
        "**Selang 95 %** (metode Wilson) menunjukkan rentang angka yang masih sejalan dengan data; "
        f"dua {unit} yang selangnya tumpang tindih belum tentu berbeda. Porsi dari kurang dari "
        f"{DASAR_KECIL} keluarga diberi tanda *{TANDA_DASAR_KECIL}*."
    )


def penjelasan_indeks() -> str:
    """PENJELASAN_INDEKS in the words of the data directory's region (angka kabupaten, desa/
    kelurahan kantong)."""
    region = wilayah_mod.dari()
    return _penjelasan_indeks(region.jenis, region.label_desa_kecil)


# Kota Pasuruan's text (the default region)
PENJELASAN_INDEKS = _penjelasan_indeks("kota")

PENJELASAN_SELANG = (
    "Angka sebuah kelurahan dihitung dari sedikit keluarga, sehingga satu atau dua keluarga "
    "dapat menggesernya jauh. Daftar keluarga adalah pencacahan lengkap, bukan sampel; selang "
    "ini bertumpu pada sebuah model: keadaan tiap keluarga dipandang sebagai hasil proses acak "
    "yang bisa saja berbeda sedikit dari yang tercatat. Garis pada setiap titik adalah **selang "
    "95 % (metode Wilson)**: rentang angka yang masih sejalan dengan data menurut model itu. "
    "Yang dapat ditunjukkan: wilayah dengan selang lebar belum dapat diberi peringkat dengan "
    "yakin, dan selang yang tumpang tindih berarti perbedaannya bisa saja kebetulan. Yang tidak: "
    "selang yang tidak tumpang tindih bukan bukti bahwa dua wilayah pasti berbeda, dan selang "
    "ini tidak menampung kesalahan pendataan (keluarga yang terlewat atau salah tanda). Tanda * "
    f"= *{TANDA_DASAR_KECIL}* (kurang dari {DASAR_KECIL} keluarga miskin ekstrem)."
)


def penjelasan_selang() -> str:
    """PENJELASAN_SELANG with the region's word for its units ('Angka sebuah desa/kelurahan')."""
    unit = wilayah_mod.dari().label_desa_kecil
    return PENJELASAN_SELANG.replace("Angka sebuah kelurahan", f"Angka sebuah {unit}", 1)


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


# Where a region other than Kota Pasuruan (its shipped BPS 2020 map) takes its neighbours from.
BATAS_TETANGGA = "pada peta batas yang dipasang (peta-batas), atau pada sel peta perkiraan"


def penjelasan_hotspot() -> str:
    """How the clusters are found, in the region's own words and counts (Kota Pasuruan: 34
    kelurahan, its shipped BPS 2020 boundaries, 4 kecamatan too few to test)."""
    region = wilayah_mod.dari()
    unit, jenis = region.label_desa_kecil, region.jenis
    n = len(region.tabel())
    pasuruan = region.kode == wilayah_mod.BAWAAN
    batas = "pada peta batas BPS 2020" if pasuruan else BATAS_TETANGGA
    akhir = (
        "Tidak dihitung untuk 4 kecamatan: dengan 4 wilayah tidak ada pola tetangga yang dapat "
        "diuji."
        if pasuruan
        else f"Dihitung per {unit} saja, tidak per kecamatan."
    )
    return (
        "Klaster dihitung dengan **Local Moran's I** pada angka keluarga miskin ekstrem per "
        "keluarga dalam daftar, setelah **dihaluskan dengan Bayes empiris** (Assunção–Reis, "
        f"`esda`): angka {unit} berdasar kecil ditarik ke arah rata-rata {jenis}, sehingga 1 dari "
        f"3 keluarga tidak tampak seperti kantong. Tetangga = {unit} yang bersinggungan batas "
        f"atau titik sudut (*queen contiguity*) {batas}. p dari {fmt.angka(PERMUTASI)} penataan "
        f"acak (seed {SEED}, hasil sama setiap kali). Karena {n} {unit} diuji sekaligus, batas "
        "signifikansi dikoreksi untuk **uji berganda** (*false discovery rate* "
        "Benjamini–Hochberg, `esda.fdr`, 5 %): tanpa koreksi, sekitar 1 dari 20 "
        f"{unit} akan tampak signifikan secara kebetulan. {unit.capitalize()} dengan kurang "
        f"dari {MIN_DASAR_KLASTER} keluarga dalam daftar ikut sebagai tetangga tetapi tidak "
        "diberi label (*Dasar kecil*). **Tinggi-Tinggi** = tinggi dikelilingi tinggi (kantong); "
        "**Rendah-Rendah** = rendah dikelilingi rendah; **Tinggi-Rendah** = tinggi di tengah "
        "tetangga rendah; **Rendah-Tinggi** = rendah di tengah tetangga tinggi. Yang dapat "
        "ditunjukkan: di mana angka tinggi berkumpul lebih rapat daripada acak. Yang tidak: "
        f"penyebabnya, atau bahwa {unit} tak berlabel bebas dari kemiskinan. {akhir}"
    )


def metrik(key: str | None) -> str:
    return key if key in METRIK else METRIK_AWAL


def teks(value, jenis: str) -> str:
    """A metric value in Indonesian notation with its unit sign."""
    if isinstance(value, str):  # a count suppressed for guests ("<5")
        return value
    if jenis == "persen":
        return fmt.persen(value)
    return fmt.angka(value, 1 if jenis == "rasio" else 0)


def teks_indeks(value) -> str:
    """The index to one decimal; a guest's hidden index ("×") as it is."""
    if isinstance(value, str):
        return value
    return "–" if pd.isna(value) else fmt.angka(value, 1)


def teks_peringkat(value, ranked: int) -> str:
    """'3 dari 27', or why there is no rank (fewer than DASAR_INDEKS keluarga on the list)."""
    if pd.isna(value):
        return f"tidak diperingkat (< {DASAR_INDEKS} keluarga dalam daftar)"
    return f"{fmt.angka(float(value))} dari {ranked}"


def ada_data(df: pd.DataFrame) -> bool:
    """Whether the period has any keluarga on its list (suppressed counts still count)."""
    return bool((pd.to_numeric(df["keluarga"], errors="coerce").fillna(1) > 0).any())


# --- boundaries ------------------------------------------------------------------------------


def _stamp(name: str) -> tuple[str, float]:
    value = os.environ.get(name, "").strip()
    try:
        return value, Path(value).stat().st_mtime if value else 0.0
    except OSError:
        return value, -1.0


@functools.lru_cache(maxsize=16)
def _batas(level: str, _files: tuple) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    try:
        gdf, official = geo.boundaries(level)
        return gdf, official, None
    except PantauError as err:
        message = f"{err} Peta perkiraan ditampilkan sebagai gantinya."
        return geo.approximate_boundaries(level), False, message


def batas(level: str) -> tuple[gpd.GeoDataFrame, bool, str | None]:
    """Boundaries for `level`, whether they are official, and the error that made them fall back
    to the approximate map (None when the configured file, or none, was used)."""
    return _batas(level, _files())


def _files() -> tuple:
    """What the boundaries depend on: the configured files (with their times) and the shipped
    ones, so a changed file or setting is read again."""
    shipped = tuple((str(f), f.exists()) for f in geo.BAWAAN.values())
    stored = geo.batas_files()  # what `peta-batas` put in the data directory
    return tuple(_stamp(name) for name in geo.ENV_BATAS.values()) + shipped + stored


@functools.lru_cache(maxsize=8)
def _perkiraan(level: str, _files: tuple) -> gpd.GeoDataFrame:
    try:
        return geo.approximate_map(level)
    except PantauError:  # an unusable coarser file: the plain approximate map
        return geo.approximate_boundaries(level)


def sumber(level: str, codes: list[str] | None = None) -> tuple[gpd.GeoDataFrame, bool, str]:
    """The boundaries a map of `codes` at `level` is drawn on: (frame, official, kind).

    The configured boundaries when they cover every code; else the approximate map (clipped to
    the real outlines of a coarser level when configured): a province's desa file may hold one
    kab/kota only (Tuban), and another kab/kota's desa are then drawn from their centroids."""
    gdf, official, _ = batas(level)
    if official and codes is not None and not set(codes) <= set(gdf[kolom_id(level)]):
        return _perkiraan(level, _files()), False, "perkiraan"
    return gdf, official, "batas"


@functools.lru_cache(maxsize=16)
def _geojson(level: str, _files: tuple, kind: str = "batas") -> dict:
    gdf = _batas(level, _files)[0] if kind == "batas" else _perkiraan(level, _files)
    return geo.geojson(gdf, kolom_id(level))


def geojson(level: str, kind: str = "batas", codes: list[str] | None = None) -> dict:
    """The GeoJSON of `level` (kind: "batas" or "perkiraan", see `sumber`); with many features
    (a province's desa) only those of `codes`, so a map does not send 8,494 polygons to the
    browser to draw twenty."""
    full = _geojson(level, _files(), kind)
    if codes is None or len(full["features"]) <= MAKS_FITUR:
        return full
    keep = set(codes)
    return {**full, "features": [f for f in full["features"] if f["id"] in keep]}


MAKS_FITUR = 1000


def kolom_id(level: str) -> str:
    return {"kelurahan": "kode_kel", "kabupaten_kota": "kode_kab"}.get(level, "kode_kec")


# --- map titles ------------------------------------------------------------------------------


def kata_tingkat(level: str) -> str:
    """A level's word in a sentence: 'kecamatan', 'kabupaten/kota', and for the level below
    kecamatan the region's ('kelurahan', or 'desa/kelurahan' where it has desa)."""
    if level == "kelurahan":
        return wilayah_mod.dari().label_desa_kecil
    return geo.TINGKAT_TEKS.get(level, level)


def judul(df: pd.DataFrame, level: str, key: str, periode: str | None) -> str:
    """The map's title: which region is highest on the metric, with unit and period."""
    m = DAFTAR if key == "daftar" else metrik_wilayah()[key]
    values = pd.to_numeric(df[m.kolom], errors="coerce")
    when = fmt.periode(periode)
    if values.isna().all():
        return f"Belum ada angka {m.satuan} untuk wilayah ini ({when})"
    if values.max() <= 0:
        return f"Tidak ada {m.satuan} di wilayah ini ({when})"
    top = df.loc[values.idxmax()]
    prefix = {"kecamatan": "Kec. "}.get(level, "")
    name = top[level]
    if level == "kelurahan":
        prefix = singkatan(top.get("kode_kel"))
        name = wilayah_mod.dari().nama_jelas([top.get("kode_kel")], [name])[0]
    if m is DAFTAR:  # a list's size, not a measure of poverty
        unit = kata_tingkat(level)
        return (
            f"Keluarga dalam daftar per {unit}: terbanyak di {prefix}{name}, "
            f"{teks(top[m.kolom], m.jenis)} keluarga ({when})"
        )
    return f"{prefix}{name} tertinggi: {teks(top[m.kolom], m.jenis)} {m.satuan} ({when})"


def kalimat_disamarkan(df: pd.DataFrame, level: str, key: str) -> str | None:
    """The caption under a guest's map: how many units are hidden, and how they are drawn."""
    m = DAFTAR if key == "daftar" else metrik_wilayah()[key]
    n = sum(isinstance(v, str) for v in df[m.kolom])
    if not n:
        return None
    unit = wilayah_mod.dari().label(level).lower()
    return (
        f"{fmt.angka(n)} dari {fmt.angka(len(df))} {unit} disamarkan: jumlah < 5 (atau angka "
        "yang dihitung darinya); di peta digambar abu-abu, bukan data yang hilang."
    )


def kode_terpilih(event) -> str | None:
    """The code of the region clicked in a map's selection event (the first point)."""
    points = (event or {}).get("selection", {}).get("points", [])
    for point in points:
        if point.get("location"):
            return str(point["location"])
    return None


# --- ranking ---------------------------------------------------------------------------------


def status_kantong(df: pd.DataFrame) -> pd.Series:
    """The pocket status (kantong_kelurahan) as true/false; hidden or unknown is not a pocket."""
    if "kantong" not in df:
        return pd.Series(False, index=df.index)
    return df["kantong"].map(lambda v: v is True or (isinstance(v, bool | np.bool_) and bool(v)))


def nama_kantong(df: pd.DataFrame, maks: int = 4) -> str:
    """The pockets of `df` (kantong true), in rank order then name: "Kel. A, B, C dan D", or
    beyond `maks` names "Kel. A, B, C, D dan 2 lainnya" (BPS review 3, B4: a title that lists
    pockets names all of them or says how many it leaves out); "" when there is none."""
    frame = df[status_kantong(df).to_numpy()]
    if "peringkat" in frame:
        frame = frame.assign(_r=pd.to_numeric(frame["peringkat"], errors="coerce"))
        frame = frame.sort_values(["_r", "kelurahan"], na_position="last")
    names = [str(n) for n in frame["kelurahan"]]
    if not names:
        return ""
    codes = list(frame["kode_kel"]) if "kode_kel" in frame else [None] * len(names)
    shown, rest = names[:maks], len(names) - min(len(names), maks)
    return dengan_singkatan(shown, codes[: len(shown)], rest)


def judul_peringkat(df: pd.DataFrame, wilayah: str, periode: str | None) -> str:
    """The ranking's title: a priority order over n ranked kelurahan of `wilayah` (e.g. "Kec.
    Purworejo"), never "tertinggi" (BPS review 3, B1), and the pockets by the one definition,
    all named or "… dan N lainnya" (B4): the index orders, it does not name pockets."""
    # ranked: a numeric rank (a guest's hidden rows carry "×" in the index and no rank)
    ranked = df[pd.to_numeric(df["peringkat"], errors="coerce").notna()]
    top = ranked.sort_values("peringkat").iloc[0]
    n = int(status_kantong(df).sum())
    region = wilayah_mod.dari()
    unit = region.label_desa_kecil
    status = (
        f"{n} {unit} berstatus kantong (◆): {nama_kantong(df)}"
        if n
        else f"belum ada {unit} yang angkanya terbukti di atas angka " + region.jenis
    )
    values = pd.to_numeric(ranked["indeks_kantong"], errors="coerce")
    if len(ranked) > 1 and values.nunique() == 1:
        # every ranked unit ties (no component varies beyond chance, 65_peta_kelurahan.sql):
        # a "1." at 0 of 100 would read as "no problem here" (review of issue 14, SHOULD 1)
        return (
            f"Peringkat prioritas di {wilayah}: indeks kantong tidak membedakan {len(ranked)} "
            f"{unit} (semuanya {teks_indeks(values.iloc[0])} dari 100, karena tidak satu pun "
            f"komponennya berbeda antar {unit} lebih dari kebetulan), jadi tidak ada urutan "
            f"prioritas; {status} ({fmt.periode(periode)})"
        )
    return (
        f"Peringkat prioritas di {wilayah} (n = {len(ranked)} {unit}): 1. "
        f"{singkatan(top.get('kode_kel'))}{top['kelurahan']}, indeks {teks_indeks(top['indeks_kantong'])} dari 100; {status} "
        f"({fmt.periode(periode)})"
    )


def teks_selang(lo, hi, jenis: str) -> str:
    """'12,3–45,6' (a hidden bound stays hidden)."""
    if isinstance(lo, str) or isinstance(hi, str):
        return privacy_hidden(lo, hi)
    if pd.isna(lo) or pd.isna(hi):
        return "–"
    return f"{teks(lo, jenis)}–{teks(hi, jenis)}"


def privacy_hidden(*values) -> str:
    return next(v for v in values if isinstance(v, str))


def catatan_dasar(df: pd.DataFrame) -> list[str]:
    """The mark "hati-hati: dasar kecil" where a share rests on fewer than DASAR_KECIL
    extreme-poor keluarga (the query's dasar_kecil), and why a kelurahan has no rank (fewer
    than DASAR_INDEKS keluarga on its list)."""
    out = []
    for kecil, n, idx in zip(df["dasar_kecil"], df["keluarga"], df["indeks_kantong"], strict=True):
        notes = [TANDA_DASAR_KECIL] if bool(kecil) else []
        if pd.isna(idx) and not isinstance(idx, str):
            count = pd.to_numeric(pd.Series([n]), errors="coerce").iloc[0]
            notes.append(
                f"tidak diperingkat (< {DASAR_INDEKS} keluarga dalam daftar)"
                if pd.isna(count) or count < DASAR_INDEKS
                else "tidak diperingkat"
            )
        out.append("; ".join(notes))
    return out


KOLOM_BATAS_UJI = "Per 1.000: batas uji (Bonferroni)"


def kalimat_batas_uji() -> str:
    """The sentence under the ranking table (BPS review 3, B3): the pocket test compares the
    bound in KOLOM_BATAS_UJI, not the 95 % interval's lower bound, with the city's rate, so "an
    interval above the city, yet not a pocket" is explained. n and z are the region's own (Kota
    Pasuruan: 34 kelurahan, z ≈ 2,97; Kabupaten Tuban: 328, z ≈ 3,61), z the one-sided 5 %
    normal quantile with Bonferroni's correction over n (z_kantong, _shared/57_kantong.sql)."""
    from scipy.stats import norm

    region = wilayah_mod.dari()
    n = len(region.tabel())
    unit = region.label_desa_kecil
    z = float(norm.isf(0.05 / n))
    return (
        f"**{KOLOM_BATAS_UJI}** = batas yang dipakai uji kantong: batas bawah selang Wilson satu "
        f"sisi 5 % dengan koreksi Bonferroni atas {n} {unit} (z ≈ {fmt.angka(z, 2)}), lebih "
        f"rendah daripada batas bawah selang 95 %. {unit.capitalize()} berstatus kantong bila "
        f"batas uji ini di atas angka {region.jenis}. {unit.capitalize()} yang selang 95 %-nya "
        f"di atas angka {region.jenis} tetapi batas ujinya tidak, bukan kantong: bedanya dari "
        f"angka {region.jenis} belum melampaui kebetulan bila {n} {unit} diuji sekaligus."
    )


def tabel_peringkat(df: pd.DataFrame) -> pd.DataFrame:
    """The ranking as people read it: Indonesian number notation, unit in each header, the 95 %
    Wilson interval beside each rate and the small-base mark; the unit's column and the share's
    named in the region's words (Desa/Kelurahan, Porsi kabupaten)."""
    region = wilayah_mod.dari()
    return _tabel_peringkat(df, region.label_desa, region.jenis)


@charts.memo_tabel
def _tabel_peringkat(df: pd.DataFrame, label: str, jenis: str) -> pd.DataFrame:
    # the region's words are arguments, so the memo keeps one table per region
    return pd.DataFrame(
        {
            "Peringkat": [
                "–" if pd.isna(v) else fmt.angka(v) for v in df["peringkat"].astype(float)
            ],
            label: df["kelurahan"],
            "Kecamatan": df["kecamatan"],
            "Kantong": ["ya ◆" if k else "–" for k in status_kantong(df)],
            "Indeks kantong (0–100)": [teks_indeks(v) for v in df["indeks_kantong"]],
            "Keluarga miskin ekstrem": [teks(v, "keluarga") for v in df["keluarga_miskin_ekstrem"]],
            "Per 1.000 keluarga": [teks(v, "rasio") for v in df["per_1000_keluarga"]],
            "Per 1.000: selang 95 %": [
                teks_selang(lo, hi, "rasio")
                for lo, hi in zip(df["per_1000_bawah"], df["per_1000_atas"], strict=True)
            ],
            KOLOM_BATAS_UJI: [
                teks(v, "rasio") for v in df.get("per_1000_batas_uji", pd.Series(None, df.index))
            ],
            f"Porsi {jenis}": [teks(v, "persen") for v in df["porsi_kota"]],
            "Belum tercakup (keluarga)": [
                teks(v, "keluarga") for v in df["keluarga_belum_tercakup"]
            ],
            "Belum tercakup (%)": [teks(v, "persen") for v in df["porsi_belum_tercakup"]],
            "Belum tercakup: selang 95 %": [
                teks_selang(lo, hi, "persen")
                for lo, hi in zip(
                    df["porsi_belum_tercakup_bawah"], df["porsi_belum_tercakup_atas"], strict=True
                )
            ],
            "Rata-rata deprivasi (%)": [teks(v, "persen") for v in df["rata_deprivasi"]],
            "Catatan": catatan_dasar(df),
        }
    )


def judul_selang(df: pd.DataFrame, level: str, periode: str | None) -> str:
    shown = df[pd.to_numeric(df["per_1000_bawah"], errors="coerce").notna()]
    small = int(shown["dasar_kecil"].astype(bool).sum())
    when = fmt.periode(periode)
    level = kata_tingkat(level)
    if not small:
        return (
            f"Angka per 1.000 keluarga dengan selang 95 %: semua {len(shown)} {level} berdasar "
            f"cukup (≥ {DASAR_KECIL} keluarga miskin ekstrem) ({when})"
        )
    return (
        f"Angka per 1.000 keluarga dengan selang 95 %: {small} dari {len(shown)} {level} "
        f"berdasar kecil (< {DASAR_KECIL} keluarga miskin ekstrem, tanda *) ({when})"
    )


# --- hotspots --------------------------------------------------------------------------------


def hitung_klaster(raw: pd.DataFrame) -> pd.DataFrame:
    """peta_kelurahan's full rows for the whole city with Local Moran's I of the empirical-Bayes
    rate of extreme-poor keluarga per listed keluarga (stats.lisa_eb) over the kelurahan with a
    list, on the kelurahan map's neighbours: `I`, `p_sim`, `batas_fdr` (the false-discovery-rate
    cut), `kuadran` (a cluster label only where p_sim <= batas_fdr and the list has at least
    MIN_DASAR_KLASTER keluarga), `p_tanpa_koreksi` (whether p_sim < 0,05 before the
    correction) and `dihitung`. Run on the full rows only (through privacy.result("peta_klaster",
    …)), so every role sees the same clusters; with fewer than MIN_KLASTER kelurahan no cluster
    is claimed (every kuadran "Tanpa data")."""
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


# --- drill-down levels -------------------------------------------------------------------------


@dataclass(frozen=True)
class Tingkat:
    """What the map shows for the filters: its level, the named query with its area, whether
    to frame the drawn units, and the widget values of the level above (None at the top)."""

    level: str
    query: str
    params: dict
    fokus: bool
    naik: dict | None
    induk: str | None  # the code of the area shown (None: the whole region)


def tingkat_peta(f: dict, provinsi: bool) -> Tingkat:
    """Province → kab/kota → kecamatan → desa/kelurahan (a kab/kota starts at its kecamatan):
    the map of the units below the finest area chosen; a desa/kelurahan alone implies its
    kecamatan and kab/kota (Kemendagri codes nest)."""
    kel = f.get("kode_kel")
    kec = f.get("kode_kec") or (kel or "")[:8] or None
    kab = f.get("kode_kab") or (kec or "")[:5] or None
    if kec:
        naik = {"f_kab": kab, "f_kec": "", "f_kel": ""} if provinsi else {"f_kec": "", "f_kel": ""}
        return Tingkat("kelurahan", "peta_kelurahan", {"kode_kec": kec}, True, naik, kec)
    if provinsi and kab:
        naik = {"f_kab": "", "f_kec": "", "f_kel": ""}
        return Tingkat("kecamatan", "peta_kecamatan", {"kode_kab": kab}, True, naik, kab)
    if provinsi:
        return Tingkat("kabupaten_kota", "peta_kabupaten", {}, False, None, None)
    return Tingkat("kecamatan", "peta_kecamatan", {}, False, None, None)


def pilihan_klik(level: str, code: str, provinsi: bool) -> dict:
    """The filter widgets a click on unit `code` of a `level` map sets (the next level down)."""
    if level == "kabupaten_kota":
        return {"f_kab": code, "f_kec": "", "f_kel": ""}
    if level == "kecamatan":
        return (
            {"f_kab": code[:5], "f_kec": code, "f_kel": ""}
            if provinsi
            else {
                "f_kec": code,
                "f_kel": "",
            }
        )
    return {"f_kel": code}

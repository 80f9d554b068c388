"""What came of one strategy-2 programme (modal usaha, KUBE) against matched non-participants
(stats.efek_modal_usaha through bantuan_modal_usaha_efek / kube_efek), in words: how many
participants the comparison rests on, exits (rates, rate ratio, Kaplan–Meier), the exit by the
flagged list instead, the sensitivity table, and income (difference in differences, event
study), with the assumptions they rest on. No Streamlit."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pantau import fmt, stats
from pantau.bantuan_kata import judul_awal

BUKAN_ACAK = (
    "Bukan uji acak; asosiasi setelah pencocokan, berlaku untuk {penerima} yang miskin ekstrem "
    "saat menerima."
)

SENSOR = (
    "**Aturan sensor.** Keluarga berisiko mulai triwulan pertama sesudah triwulan mulai (k = 1); "
    "keluarga yang sudah tercatat keluar pada triwulan mulai (k = 0) tidak masuk kelompok "
    "berisiko dan tidak dihitung sebagai keluar (tabel kepekaan menunjukkan hasil bila dihitung). "
    "Keluarga berhenti berisiko (disensor) pada triwulan kunjungan berstatus *meninggal* atau "
    "*pindah*, dan sesudah pengamatan terakhirnya (triwulan terakhir dengan kunjungan atau "
    "dengan keluarga itu ada di daftar yang berlaku); pembanding disensor saat ia sendiri mulai "
    "{ikut}."
)

ASUMSI_EFEK = (
    "**Cara membaca.** Setiap {penerima} dibandingkan dengan keluarga miskin ekstrem yang "
    "belum {ikut} pada triwulan yang sama, di {kel} yang sama, dengan desil, jumlah anggota "
    "(1–2, 3–4, 5+), pengeluaran per kapita (< 75 %, 75–100 %, ≥ 100 % garis ekstrem) dan "
    "status punya usaha yang sama menurut daftar yang berlaku saat itu (*coarsened exact "
    "matching*; pembanding diberi bobot agar tiap sel seimbang). **Keluar** = kunjungan "
    "pemantauan berstatus *keluar*. Laju keluar = keluarga keluar per 100 keluarga-triwulan "
    "berisiko; rasio laju = laju penerima ÷ laju pembanding (GLM Poisson dengan efek triwulan), "
    "rasio odds dari regresi logistik waktu-diskret (lebih besar dari rasio laju bila keluar "
    'sering terjadi: jangan dibaca sebagai "sekian kali lebih cepat"). Pendapatan: '
    "selisih-dalam-selisih (OLS berbobot dengan efek sel dan triwulan); setiap keluarga-triwulan "
    "sesudah mulai (k = 1 s.d. 8) berbobot sama, sehingga triwulan yang jauh hanya berasal dari "
    "kohort awal (tabel per kohort di bawah), dan *event study* dengan triwulan −1 sebagai "
    "acuan. Pendapatan nominal, belum disesuaikan inflasi. Semua selang 95 % memakai galat baku "
    "yang dikelompokkan per keluarga. **Asumsi dan batas.** Hasil ini bukan uji acak: angka "
    "hanya dapat dibaca sebagai dampak bila, di dalam sel yang sama, penerima dan pembanding "
    "akan bergerak sejajar tanpa program (titik sebelum mulai pada *event study* mendekati 0 "
    "mendukung, tetapi tidak membuktikan, asumsi ini). Hal yang tidak tercatat di daftar "
    "(semangat usaha, pilihan petugas) dapat membuat penerima berbeda dari pembanding. Status "
    "*keluar* dicatat petugas yang tahu siapa penerima; keluarga yang lebih sering dikunjungi "
    "lebih cepat tercatat keluar (lihat baris *hanya triwulan yang dikunjungi*)."
)

KEPEKAAN_JUDUL = (
    "**Kepekaan hasil keluar terhadap aturan yang dipilih** (laju per 100 "
    "keluarga-triwulan berisiko)"
)
TANPA_PENDAPATAN = (
    "Belum ada pasangan kunjungan sebelum dan sesudah untuk membandingkan pendapatan."
)


# --- notation --------------------------------------------------------------------------------


def baris(df: pd.DataFrame, jenis: str, kelompok: str | None = None):
    """The first row of one kind (`jenis`, and `kelompok` when given), or None."""
    part = df[df["jenis"] == jenis]
    if kelompok:
        part = part[part["kelompok"] == kelompok]
    return part.iloc[0] if len(part) else None


def selang(row, fn) -> str:
    """'1,23 (95 %: 0,90 s.d. 1,70)': an estimate with its interval, each in `fn`'s notation."""
    return f"{fn(row['estimasi'])} (95 %: {fn(row['bawah'])} s.d. {fn(row['atas'])})"


def rasio(x) -> str:
    return fmt.angka(x, 2)


def laju(row) -> str:
    return fmt.angka(row["estimasi"], 1) if row is not None else "–"


def _kosong(x) -> bool:
    """No estimate: the model could not be fitted (or a guest sees it hidden)."""
    return pd.isna(pd.to_numeric(x, errors="coerce"))


# --- the rows of one comparison --------------------------------------------------------------


@dataclass(frozen=True)
class Efek:
    """The rows of one programme's comparison the sentences read, and who the participants
    are in words (`penerima`: 'penerima modal usaha', 'anggota KUBE')."""

    penerima: str
    hazard: pd.Series
    l1: pd.Series | None  # exit rate of participants
    l0: pd.Series | None  # … of the matched comparison
    rr: pd.Series | None  # rate ratio
    did: pd.Series | None  # income: difference in differences
    kapita: pd.Series | None  # … per person
    v1: pd.Series | None  # share of risk quarters visited, participants
    v0: pd.Series | None  # … comparison

    @property
    def n1(self):
        return self.hazard["keluarga_penerima"]

    @property
    def n0(self):
        return self.hazard["keluarga_pembanding"]

    @property
    def teramati(self) -> bool:
        """Whether any quarter after the start was observed."""
        return self.hazard["baris"] != 0


def baca(df: pd.DataFrame, penerima: str) -> Efek | None:
    """The comparison's rows, or None when no participant has a matched comparison."""
    hazard = baris(df, "hazard")
    if hazard is None:
        return None
    return Efek(
        penerima,
        hazard,
        baris(df, "laju", "penerima"),
        baris(df, "laju", "pembanding"),
        baris(df, "rasio_laju"),
        baris(df, "did"),
        baris(df, "did_kapita"),
        baris(df, "kunjungan", "penerima"),
        baris(df, "kunjungan", "pembanding"),
    )


# --- who is compared -------------------------------------------------------------------------


def kalimat_sampel(sampel: pd.DataFrame, penerima: str, periode: str) -> str | None:
    """M6: how many participants the comparison rests on, and why not the others; None when
    the sample has no total row."""
    semua = sampel[sampel["kohort"] == "Semua"]
    if semua.empty:
        return None
    r = semua.iloc[0]
    # cohorts with no family analysed (KUBE groups formed before any flagged list) say nothing
    per = sampel[(sampel["kohort"] != "Semua") & (sampel["dianalisis"].astype(str) != "0")]
    kohort = "; ".join(
        f"{k}: {fmt.angka(d)} dari {fmt.angka(n)}"
        for k, d, n in zip(per["kohort"], per["dianalisis"], per["penerima"], strict=True)
    )
    return (
        f"**Dianalisis {fmt.angka(r['dianalisis'])} dari {fmt.angka(r['penerima'])} "
        f"{penerima}** sampai {periode}. Tidak dianalisis: {fmt.angka(r['tidak_ekstrem'])} "
        "tidak miskin ekstrem pada daftar saat mulai (atau belum ada daftar bertanda saat itu), "
        f"{fmt.angka(r['tanpa_pembanding'])} miskin ekstrem tetapi tanpa pembanding yang "
        "sebanding di selnya."
        + (f" Per kohort (dianalisis dari penerima): {kohort}." if kohort else "")
    )


def belum_ada(penerima: str, periode: str, wilayah: str) -> str:
    return (
        f"Belum ada {penerima} yang tercatat miskin ekstrem pada daftar saat mulai dan punya "
        f"pembanding yang sebanding sampai {periode} di {wilayah}: dampaknya belum dapat "
        "diperkirakan."
    )


def belum_teramati(e: Efek, periode: str, wilayah: str) -> str:
    return (
        f"{fmt.angka(e.n1)} {e.penerima} dan {fmt.angka(e.n0)} pembanding yang cocok, tetapi belum "
        f"ada triwulan sesudah mulai program yang teramati sampai {periode} di {wilayah}: "
        "dampaknya belum dapat diperkirakan."
    )


def angka_kunci(e: Efek) -> list[tuple[str, str, str]]:
    """The four figures above the chart as (label, value, help)."""
    p = judul_awal(e.penerima)
    rr, did = e.rr, e.did
    return [
        (
            "Keluarga dibandingkan",
            f"{fmt.angka(e.n1)} : {fmt.angka(e.n0)}",
            f"{p} : pembanding yang cocok.",
        ),
        (
            "Keluar per 100 keluarga-triwulan",
            f"{laju(e.l1)} : {laju(e.l0)}",
            f"{p} : pembanding, per triwulan berisiko (berbobot).",
        ),
        (
            "Rasio laju keluar",
            rasio(rr["estimasi"]),
            f"95 %: {rasio(rr['bawah'])} s.d. {rasio(rr['atas'])}; 1 = sama. Rasio odds "
            f"{selang(e.hazard, rasio)}.",
        ),
        (
            "Selisih perubahan pendapatan",
            fmt.rupiah(did["estimasi"]),
            f"Rp per keluarga per bulan; 95 %: {fmt.rupiah(did['bawah'])} s.d. "
            f"{fmt.rupiah(did['atas'])}.",
        ),
    ]


# --- exits -----------------------------------------------------------------------------------


def nama_kelompok(e: Efek) -> dict[str, str]:
    """The Kaplan–Meier legend: each group with its n."""
    return {
        "penerima": f"{judul_awal(e.penerima)} (n = {fmt.angka(e.n1)})",
        "pembanding": f"Pembanding cocok (n = {fmt.angka(e.n0)})",
    }


def judul_keluar(e: Efek, periode: str) -> str:
    """The Kaplan–Meier title: the two exit rates and their ratio, or that the model lacks exits."""
    rr = e.rr
    if _kosong(rr["estimasi"]):
        arah = "belum cukup kejadian keluar untuk model"
    else:
        lo, hi = rr["bawah"], rr["atas"]
        arah = (
            f"keluar {laju(e.l1)} per 100 keluarga-triwulan, pembanding {laju(e.l0)} (rasio laju "
            f"{rasio(rr['estimasi'])}; 95 %: {rasio(lo)}–{rasio(hi)}"
            + ("; belum terbukti berbeda)" if lo <= 1 <= hi else ")")
        )
    return f"{judul_awal(e.penerima)}: {arah}, s.d. {periode}"


def keterangan_keluar(e: Efek) -> str:
    p, rr = e.penerima, e.rr
    return (
        f"Laju keluar: {laju(e.l1)} per 100 keluarga-triwulan berisiko pada {p}, "
        f"{laju(e.l0)} pada pembanding (berbobot), dari {fmt.angka(rr['baris'])} "
        f"keluarga-triwulan berisiko. Rasio laju {selang(rr, rasio)}; rasio odds "
        f"{selang(e.hazard, rasio)}. Triwulan berisiko yang dikunjungi petugas: {laju(e.v1)} % "
        f"pada {p}, {laju(e.v0)} % pada pembanding. Pita = selang 95 % Kaplan–Meier."
    )


def kalimat_daftar(df: pd.DataFrame, e: Efek) -> str | None:
    """N7: beside the main result, the exit counted by the flagged list instead of a visit
    (stats.VARIAN 'daftar'), with its n and interval; None when it was not estimated."""
    part = df[(df["jenis"] == "kepekaan") & (df["ukuran"] == stats.LABEL_DAFTAR)]
    if part.empty:
        return None
    by = part.set_index("kelompok")
    rr = by.loc["rasio_laju"]
    if _kosong(rr["estimasi"]):
        teks_rasio = "rasio laju belum dapat diperkirakan (terlalu sedikit kejadian keluar)"
    else:
        teks_rasio = f"rasio laju {selang(rr, rasio)}"
    p = e.penerima
    return (
        '**Sensitivitas: keluar menurut daftar.** Bila "keluar" dihitung dari daftar (tanda '
        "miskin ekstrem dicabut pada daftar bertanda yang berlaku), bukan dari kunjungan "
        f"pemantauan: {fmt.angka(by.loc['penerima', 'estimasi'], 1)} per 100 "
        f"keluarga-triwulan berisiko pada {p}, "
        f"{fmt.angka(by.loc['pembanding', 'estimasi'], 1)} pada pembanding; {teks_rasio}; dari "
        f"{fmt.angka(rr['baris'])} keluarga-triwulan berisiko ({fmt.angka(e.n1)} {p}, "
        f"{fmt.angka(e.n0)} pembanding). Kunjungan lebih sering pada {p}; bila kedua "
        "ukuran berbeda jauh, sebagian selisih laju bisa berasal dari pencatatan, bukan dari "
        "program (jumlah tanda yang dicabut tanpa kunjungan 'keluar': halaman Data)."
    )


def tabel_kepekaan(df: pd.DataFrame) -> pd.DataFrame | None:
    """M5/S10: the exit comparison re-estimated under each choice it rests on, one row per
    choice, written out; None when there is none."""
    part = df[df["jenis"] == "kepekaan"]
    if part.empty:
        return None
    rows = []
    for ukuran, g in part.groupby("ukuran", sort=False):
        by = g.set_index("kelompok")
        rr, orr = by.loc["rasio_laju"], by.loc["rasio_odds"]
        rows.append(
            {
                "Pilihan": ukuran,
                "Laju penerima": fmt.angka(by.loc["penerima", "estimasi"], 1),
                "Laju pembanding": fmt.angka(by.loc["pembanding", "estimasi"], 1),
                "Rasio laju (95 %)": selang(rr, rasio),
                "Rasio odds": rasio(orr["estimasi"]),
                "Keluarga-triwulan berisiko": fmt.angka(rr["baris"]),
            }
        )
    return pd.DataFrame(rows)


# --- income ----------------------------------------------------------------------------------


def ada_pendapatan(e: Efek) -> bool:
    """Whether visits before and after the start give an income comparison."""
    return not _kosong(e.did["estimasi"])


def judul_pendapatan(e: Efek) -> str:
    did = e.did
    return (
        f"Sesudah mulai, pendapatan {e.penerima} berubah {fmt.rupiah(did['estimasi'])} per "
        f"bulan dibanding perubahan pembanding pada triwulan yang sama (95 %: "
        f"{fmt.rupiah(did['bawah'])} s.d. {fmt.rupiah(did['atas'])})"
    )


def keterangan_pendapatan(e: Efek) -> str:
    did = e.did
    naik = "naik" if did["estimasi"] > 0 else "turun"
    return (
        f"Selisih-dalam-selisih dari {fmt.angka(did['baris'])} kunjungan berpendapatan "
        f"({fmt.angka(e.n1)} {e.penerima}, {fmt.angka(e.n0)} pembanding): pendapatan keluarga "
        f"{naik}; per jiwa {selang(e.kapita, fmt.rupiah)} per bulan. Titik abu-abu = "
        "triwulan sebelum mulai: bila jauh dari 0, kedua kelompok sudah berbeda arah "
        "sebelum program dan selisih sesudahnya tidak dapat dibaca sebagai dampak."
    )


def tabel_kohort(df: pd.DataFrame, penerima: str) -> pd.DataFrame | None:
    """The income difference per cohort (start quarter), written out; None unless there are
    two cohorts or more (one would repeat the figure above)."""
    per = df[df["jenis"] == "did_kohort"]
    if len(per) <= 1:
        return None
    columns = {
        "kelompok": ("Kohort (triwulan mulai)", str),
        "estimasi": ("Selisih pendapatan (Rp/bulan)", fmt.rupiah),
        "bawah": ("95 % bawah", fmt.rupiah),
        "atas": ("95 % atas", fmt.rupiah),
        "keluarga_penerima": (judul_awal(penerima), fmt.angka),
        "keluarga_pembanding": ("Pembanding", fmt.angka),
    }
    return pd.DataFrame({head: per[col].map(fn) for col, (head, fn) in columns.items()})

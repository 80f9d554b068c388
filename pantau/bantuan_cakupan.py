"""Which extreme-poor families the programmes reach, in words: the headline figures, the
per-programme bars (bantuan_cakupan_program), the per-kelurahan grid
(bantuan_cakupan_kelurahan; its title is pembeda.judul_cakupan_kelurahan) and the overlap of
programmes (bantuan_kombinasi). Rows in, sentences and labelled rows out; no Streamlit."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from pantau import fmt
from pantau.bantuan_kata import dari
from pantau.teks import TERCAKUP_MD

BANSOS = "Bansos (strategi 1)"
DIBAYAR = "Bansos dibayar (tanpa kepesertaan)"
POKOK = "Pemberdayaan (strategi 2)"
POKOK_PERNAH = "Pemberdayaan (strategi 2), pernah"
APA_PUN = "Program apa pun"
GRID_MAKS = 60  # rows of the per-unit coverage grid before it asks for a kecamatan

# --- headline --------------------------------------------------------------------------------

BANTU_BANSOS = TERCAKUP_MD
BANTU_DIBAYAR = (
    "Tanpa kepesertaan. Keluarga miskin ekstrem dengan penyaluran bansos berstatus "
    "tersalur dalam 12 "
    "bulan sampai akhir periode; kepesertaan di daftar tidak dihitung (kepesertaan bukan "
    "penerimaan)."
)
BANTU_EKSKLUSI = (
    "Sasaran: daftar miskin ekstrem periode ini. Keluarga miskin ekstrem yang tidak "
    "menerima program apa pun ÷ semua keluarga miskin ekstrem. Kesalahan tiap program "
    "terhadap syaratnya sendiri: lihat Ketepatan sasaran."
)


class Ringkasan(NamedTuple):
    """The four headline figures, written out."""

    keluarga: str
    cakupan_bansos: str
    bansos_dibayar: str
    kesalahan_eksklusi: str


def ringkasan(prog: pd.DataFrame, tepat: pd.DataFrame) -> Ringkasan:
    """The headline from the programme rows (the first is bansos) and the targeting rows. The
    paid-only figure leaves out enrolment (review S2): a PBI-JK card or PKH flag alone is not
    aid received. The exclusion error is the one against the extreme-poor list, the city's
    target; inclusion against that list is no headline (its rules are wider; review M3)."""
    bansos = prog.iloc[0]
    ring = _ringkasan(prog)
    err = tepat[tepat["acuan"] == "miskin_ekstrem"].iloc[0]
    return Ringkasan(
        fmt.angka(bansos["keluarga_miskin_ekstrem"]),
        fmt.persen(bansos["cakupan"]),
        fmt.persen(ring.loc[DIBAYAR, "cakupan"]),
        fmt.persen(err["kesalahan_eksklusi"]),
    )


def _ringkasan(prog: pd.DataFrame) -> pd.DataFrame:
    """The named summary rows (bansos, paid, pemberdayaan, …) by programme."""
    return prog[prog["tingkat"] == "ringkasan"].set_index("program")


# --- per programme ---------------------------------------------------------------------------

KETERANGAN_PROGRAM = (
    "Baris per program: 12 bulan sampai akhir periode, atau terdaftar dalam daftar periode ini. "
    + TERCAKUP_MD
)


def judul_program(prog: pd.DataFrame, periode: str) -> str:
    """The bars' title: the named figures, each with its window, then the period."""
    ring = _ringkasan(prog)
    return (
        f"Cakupan bansos {fmt.persen(ring.loc[BANSOS, 'cakupan'])} keluarga "
        f"miskin ekstrem (dibayar, tanpa kepesertaan: "
        f"{fmt.persen(ring.loc[DIBAYAR, 'cakupan'])}); "
        f"pemberdayaan (strategi 2) "
        f"{fmt.persen(ring.loc[POKOK, 'cakupan'])} dalam 12 bulan, "
        f"pernah {fmt.persen(ring.loc[POKOK_PERNAH, 'cakupan'])}; "
        f"program apa pun {fmt.persen(ring.loc[APA_PUN, 'cakupan'])}"
        f" ({periode})"
    )


def baris_program(prog: pd.DataFrame) -> pd.DataFrame:
    """`prog` with each bar's name (`baris`) and label. The window is written beside every
    number (review S1): under each named figure's name; the per-programme rows share one
    window, said in the caption."""
    return prog.assign(
        baris=[
            f"{p}<br><sup>{j}</sup>" if t == "ringkasan" else p
            for p, j, t in zip(prog["program"], prog["jendela"], prog["tingkat"], strict=True)
        ],
        label=[
            f"{fmt.persen(c)} ({dari(t, n, 'keluarga')})"
            for c, t, n in zip(
                prog["cakupan"],
                prog["keluarga_tercakup"],
                prog["keluarga_miskin_ekstrem"],
                strict=True,
            )
        ],
    )


def program_grid(prog: pd.DataFrame) -> list[str]:
    """The grid's columns: the three main figures and the programmes (its columns are narrow);
    the paid-only and 'pernah' figures are in its download and in the bars."""
    return [p for p in prog["program"] if p not in (DIBAYAR, POKOK_PERNAH)]


# --- per kelurahan ---------------------------------------------------------------------------


def terlalu_banyak(n_unit: int, kel: str) -> str:
    """A kabupaten's 328 or a province's 8.494 rows: no one reads that grid."""
    return (
        f"Cakupan per {kel} per program: {fmt.angka(n_unit)} {kel} terlalu banyak untuk "
        f"satu tabel; pilih kecamatan di filter untuk melihat {kel}-nya."
    )


def sel_kelurahan(kel: pd.DataFrame) -> pd.DataFrame:
    """The grid's rows with each cell's label and hover (`label`, `tip`) and each row's name
    (`baris`), one name per kelurahan."""
    kecil = kel["dasar_kecil"].map(lambda v: v is True or (isinstance(v, bool) and v))
    kel = kel.assign(label=_label_sel(kel, kecil), tip=_tip_sel(kel, kecil))
    return kel.assign(baris=nama_baris(kel))


def _label_sel(kel: pd.DataFrame, kecil: pd.Series) -> list[str]:
    return [
        ""
        if pd.isna(c)
        else f"{fmt.persen(c, 0)} ({fmt.angka(t)}/{fmt.angka(n)})" + (" *" if k else "")
        for c, t, n, k in zip(
            kel["cakupan"],
            kel["keluarga_tercakup"],
            kel["keluarga_miskin_ekstrem"],
            kecil,
            strict=True,
        )
    ]


def _tip_sel(kel: pd.DataFrame, kecil: pd.Series) -> list[str]:
    return [
        ""
        if pd.isna(c)
        else f"{fmt.persen(c)} ({fmt.angka(t)} dari {fmt.angka(n)} keluarga), "
        f"selang 95 % {_selang(lo, hi)}" + (" · hati-hati: dasar kecil" if k else "")
        for c, t, n, lo, hi, k in zip(
            kel["cakupan"],
            kel["keluarga_tercakup"],
            kel["keluarga_miskin_ekstrem"],
            kel["cakupan_bawah"],
            kel["cakupan_atas"],
            kecil,
            strict=True,
        )
    ]


def _selang(lo, hi) -> str:
    if pd.isna(lo) or pd.isna(hi) or isinstance(lo, str) or isinstance(hi, str):
        return "–"
    return f"{fmt.persen(lo)}–{fmt.persen(hi)}"


def nama_baris(kel: pd.DataFrame) -> list[str]:
    """Each kelurahan's row name. A kabupaten repeats desa names across kecamatan (Tuban:
    Sugihwaras in Parengan and in Jenu): such a row is named with its kecamatan; still twice (a
    province: two kecamatan of one name in two kab/kota), the code tells them apart."""
    nama = kel.drop_duplicates("kode_kel")
    kembar = set(nama.loc[nama["kelurahan"].duplicated(keep=False), "kelurahan"])
    baris = pd.Series(
        [
            f"{n} (Kec. {k})" if n in kembar else n
            for n, k in zip(kel["kelurahan"], kel["kecamatan"], strict=True)
        ],
        index=kel.index,
    )
    unik = baris[~kel["kode_kel"].duplicated()]
    ulang = set(unik[unik.duplicated()])
    return [f"{b} · {c}" if b in ulang else b for b, c in zip(baris, kel["kode_kel"], strict=True)]


def keterangan_grid(kel: str) -> str:
    """The grid's caption, ending with the shared definition of 'tercakup'."""
    return (
        f"Sel kosong: {kel} tanpa keluarga miskin ekstrem. Angka dalam kurung: "
        "keluarga tercakup / keluarga miskin ekstrem; selang 95 % (Wilson) saat kursor di atas "
        "sel dan dalam unduhan. Tanda * = hati-hati: dasar kecil (kurang dari 30 keluarga "
        "miskin ekstrem; satu keluarga menggeser angka lebih dari 3 poin). Judul menyebut satu "
        f'{kel} "terendah" hanya bila selangnya terpisah dari {kel} lain; bila '
        "tumpang tindih, perbedaannya bisa saja kebetulan. Daftar adalah pencacahan lengkap: "
        "selang bertumpu pada model proses acak. " + TERCAKUP_MD
    )


# --- overlap ---------------------------------------------------------------------------------

TANPA = "Tidak ada"
KETERANGAN_KOMBINASI = (
    "Setiap keluarga dihitung sekali, pada kombinasi lengkap program yang diterimanya (semua "
    "strategi; 'Tidak ada' = tidak tercakup program apa pun). " + TERCAKUP_MD
)


def judul_kombinasi(df: pd.DataFrame, periode: str) -> str:
    """The commonest combination and the families with none, or that every family has one."""
    tanpa = df.loc[df["kombinasi"] == TANPA, "keluarga"]
    top = df[df["kombinasi"] != TANPA].head(1)
    parts = []
    if len(top):
        parts.append(
            f"kombinasi terbanyak {top.iloc[0]['kombinasi']} "
            f"({fmt.angka(top.iloc[0]['keluarga'])} keluarga)"
        )
    parts.append(
        f"{fmt.angka(tanpa.iloc[0])} keluarga tanpa program"
        if len(tanpa)
        else "semua menerima minimal satu program"
    )
    return "Keluarga miskin ekstrem: " + "; ".join(parts) + f" ({periode})"


def label_kombinasi(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with each bar's label: families and their share."""
    return df.assign(
        label=[
            f"{fmt.angka(k)} keluarga ({fmt.persen(p)})"
            for k, p in zip(df["keluarga"], df["porsi"], strict=True)
        ]
    )

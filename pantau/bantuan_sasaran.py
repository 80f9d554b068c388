"""How well aid is targeted, in words (bantuan_ketepatan_sasaran): how the errors are judged,
(a) the exclusion error against the extreme-poor list, (b) both errors against each
programme's own rules as grouped bars and a table. No Streamlit."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.bantuan_kata import dari

CARA_MENILAI = (
    "**Cara menilai.** Penerima = penyaluran *tersalur* dalam 12 bulan sampai akhir periode, atau "
    "tercatat sebagai peserta dalam daftar periode ini; kepesertaan dihitung di kedua sisi "
    "(keluarga sasaran yang terdaftar dianggap menerima, peserta di luar syarat adalah kesalahan "
    "inklusi). **Kesalahan eksklusi** memakai daftar "
    "periode ini: keluarga yang *sekarang* memenuhi syarat tetapi tidak menerima (yang masih "
    "harus dijangkau). **Kesalahan inklusi** menilai setiap penerima pada **daftar yang berlaku "
    "saat ia dibayar** (daftar DTSEN bertanda miskin ekstrem terakhir pada atau sebelum bulan "
    "pembayaran terakhirnya; peserta terdaftar: daftar periode ini): keluarga yang dibayar saat "
    "masih miskin ekstrem lalu keluar (graduasi) bukan kesalahan inklusi. Penerima yang dulu ada "
    "dalam daftar tetapi **tidak lagi dalam daftar** periode ini (meninggal, pindah, atau keluar "
    "saat verval) dihitung sendiri, bukan sebagai kesalahan inklusi. Pembayaran yang hanya "
    "memakai NIK dicocokkan ke keluarganya lewat NIK kepala keluarga atau NIK anggota (data "
    "individu); yang tidak cocok dengan siapa pun dihitung di luar sasaran."
)


# --- (a) against the extreme-poor list --------------------------------------------------------


def terhadap_daftar(df: pd.DataFrame, jenis: str, periode: str) -> str:
    """(a): the exclusion error against this period's extreme-poor list (the region's target,
    `jenis` 'kota' / 'kabupaten'), and why no inclusion error is reported against it; or that
    the list has no flag to judge by."""
    kota = df[df["acuan"] == "miskin_ekstrem"]
    if kota.empty:
        return (
            f"**(a) Terhadap daftar miskin ekstrem:** daftar {periode} tidak memuat tanda miskin "
            "ekstrem, jadi tidak dihitung."
        )
    err = kota.iloc[0]
    return (
        f"**(a) Terhadap daftar miskin ekstrem periode ini** (sasaran {jenis}):\n"
        f"- **Kesalahan eksklusi** = keluarga miskin ekstrem yang tidak menerima program apa "
        f"pun ÷ semua keluarga miskin ekstrem: **{fmt.persen(err['kesalahan_eksklusi'])}** "
        f"({dari(err['keluarga_sasaran_tidak_menerima'], err['keluarga_sasaran'], 'keluarga')}).\n"
        "- Kesalahan inklusi terhadap daftar miskin ekstrem tidak dilaporkan di sini: hampir "
        "semua program punya syarat sendiri yang lebih luas (misalnya desil 1–5), jadi "
        "penerima di luar daftar miskin ekstrem umumnya memang berhak. Kesalahan inklusi "
        "yang bermakna ada di (b); angka (a) per program ada di berkas unduhan."
    )


# --- (b) against each programme's rules -------------------------------------------------------

PENGANTAR_SYARAT = (
    "**(b) Terhadap syarat tiap program** (syarat di `data/reference/program.csv`; sasaran = "
    "keluarga dalam daftar periode ini yang memenuhi syarat itu). Kedua kesalahan per "
    "program, 12 bulan sampai akhir periode:"
)
# (bar name, column, its count, its base, the base's unit) of each error, side by side (S7)
KESALAHAN = (
    (
        "Kesalahan eksklusi",
        "kesalahan_eksklusi",
        "keluarga_sasaran_tidak_menerima",
        "keluarga_sasaran",
        "keluarga",
    ),
    ("Kesalahan inklusi", "kesalahan_inklusi", "kpm_bukan_sasaran", "kpm_dinilai", "KPM"),
)
KOLOM_TABEL = [
    "program",
    "sasaran",
    "kuota_kpm",
    "keluarga_sasaran",
    "keluarga_sasaran_tidak_menerima",
    "kesalahan_eksklusi",
    "kpm_penerima",
    "kpm_tidak_lagi_dalam_daftar",
    "kpm_bukan_sasaran",
    "kesalahan_inklusi",
]
KETERANGAN_TABEL = (
    "**Kuota** = target KPM program itu bila diketahui (`data/reference/program.csv`); "
    "'tidak diketahui' = tidak ada angka kuota resmi yang tercatat. Bila kuota lebih kecil "
    "dari jumlah keluarga yang memenuhi syarat, kesalahan eksklusi sebagian besar karena "
    "kuota, bukan salah sasaran. **Tidak lagi dalam daftar** = penerima yang dulu ada dalam "
    "daftar tetapi tidak ada dalam daftar periode ini (meninggal, pindah, atau keluar saat "
    "verval): tidak dihitung sebagai kesalahan inklusi, dan kesalahan inklusi = di luar "
    "syarat ÷ (KPM penerima − tidak lagi dalam daftar). Penerima yang tidak cocok dengan "
    "keluarga di daftar mana pun dihitung di luar syarat. Program tanpa syarat dalam tabel "
    "referensi, atau yang syaratnya memakai kolom yang tidak ada dalam daftar periode ini "
    "(desil, tanda miskin ekstrem, usaha), tidak dinilai di (b)."
)


def per_program(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of (b): each programme judged against its own rules that paid someone."""
    return df[(df["acuan"] == "syarat_program") & (df["kpm_penerima"] > 0)]


def batang(per: pd.DataFrame) -> pd.DataFrame:
    """Both errors of each programme in long form for grouped bars: `baris` (programme and its
    target), `jenis` (which error), `nilai` and its `label`."""
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "baris": per["program"] + " (" + per["sasaran"] + ")",
                    "jenis": jenis,
                    "nilai": pd.to_numeric(per[col], errors="coerce"),
                    "label": [
                        f"{fmt.persen(e)} ({dari(o, k, unit)})"
                        for e, o, k in zip(per[col], per[bagian], per[dasar], strict=True)
                    ],
                }
            )
            for jenis, col, bagian, dasar, unit in KESALAHAN
        ],
        ignore_index=True,
    )


def judul(per: pd.DataFrame, periode: str) -> str:
    """The bars' title: the programme with the highest exclusion error and the range of the
    inclusion errors, or only what the bars show when no exclusion error is known."""
    eks = per.assign(_e=pd.to_numeric(per["kesalahan_eksklusi"], errors="coerce"))
    eks = eks.sort_values("_e", ascending=False, kind="stable")
    if not eks["_e"].notna().any():
        return f"Kesalahan eksklusi dan inklusi per program (12 bulan s.d. {periode})"
    top = eks.iloc[0]
    inklusi = pd.to_numeric(per["kesalahan_inklusi"], errors="coerce")
    return (
        f"Kesalahan eksklusi tertinggi: {top['program']} ({fmt.persen(top['kesalahan_eksklusi'])}"
        f" keluarga {top['sasaran']} belum menerima); kesalahan inklusi per program "
        f"{fmt.persen(inklusi.min())}–{fmt.persen(inklusi.max())} "
        f"(12 bulan s.d. {periode})"
    )


def posisi_label(values) -> list[str]:
    """Where each bar's label goes: a 0 % bar has no width to hold it, so short bars carry it
    outside."""
    return ["outside" if not (v >= 0.5) else "inside" for v in values]


def dengan_kuota(per: pd.DataFrame) -> pd.DataFrame:
    """`per` with the quota in words: 'tidak diketahui' where no official quota is recorded."""
    return per.assign(kuota_kpm=per["kuota_kpm"].map(_kuota))


def _kuota(v) -> str:
    return "tidak diketahui" if pd.isna(v) else fmt.angka(v)

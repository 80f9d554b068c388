"""The cover and the closing slide (no number, no chart), and the data sources both cite."""

from __future__ import annotations

import pandas as pd

from pantau import fmt, privacy
from pantau.report import daerah
from pantau.report.context import Context
from pantau.report.model import (
    Column,
    Slide,
    Table,
)
from pantau.report.slides.common import RAHASIA

JENIS_DATA = {
    "keluarga": "daftar keluarga (P3KE / DTKS / DTSEN)",
    "verval": "hasil verval",
    "penyaluran": "penyaluran bantuan",
    "pemantauan": "kunjungan pemantauan",
    "kube": "data KUBE",
    "individu": "data individu",
}
TIDAK_TERLIHAT = [
    "Daftar ini menghitung keluarga bertanda miskin ekstrem; tingkat kemiskinan ekstrem "
    "nasional (target Inpres 8/2025) diukur BPS dari Susenas dalam jiwa: dua ukuran yang "
    "berbeda.",
    "Keluarga bisa keluar dari daftar karena lulus, meninggal, pindah atau dicoret saat verval; "
    "berkurangnya daftar belum tentu berarti keluar dari kemiskinan.",
    "Angka kecil dari kelurahan kecil berubah banyak karena sedikit keluarga; angka di bawah 5 "
    "disamarkan untuk tamu.",
]


def tidak_terlihat(unit: str) -> list[str]:
    """TIDAK_TERLIHAT with the region's word for its units ('desa/kelurahan kecil')."""
    return [t.replace("dari kelurahan kecil", f"dari {unit} kecil") for t in TIDAK_TERLIHAT]


def asal_data(lake, periode: str | None) -> list[dict]:
    """Per dataset, the batch the deck reads for `periode`: the latest period at or before it,
    its file names and import date (the manifest's record, no person data)."""
    out = []
    for jenis, periods in lake.status()["datasets"].items():
        shown = [p for p in periods if p <= (periode or "9999")]
        if not shown:
            continue
        p = shown[-1]
        entry = periods[p]
        batch = next((b for b in entry["batches"] if b["batch"] == entry["current"]), None)
        if batch is None:
            continue
        out.append(
            {
                "jenis": jenis,
                "periode": p,
                "berkas": ", ".join(batch.get("sources") or []) or "tidak tercatat",
                "diimpor": fmt.waktu(batch.get("imported_at") or "") or "tidak tercatat",
            }
        )
    return out


def sampul(k: Context, deck, sumber: list[dict]) -> Slide:
    """The cover: who presents, what, for which period, from which data."""
    daftar = next((s for s in sumber if s["jenis"] == "keluarga"), None)
    poin = [
        f"Periode data: {k.label}"
        + (f" (daftar keluarga diimpor {daftar['diimpor']})" if daftar else ""),
        "Disampaikan oleh: ………………………………",
    ]
    if deck.demo:
        poin.append("DATA SINTETIS: semua angka dibuat program untuk demonstrasi.")
    return Slide(
        "sampul",
        0,
        f"Kemiskinan ekstrem di {k.nama}: tiga strategi dan hasilnya",
        f"{daerah.pemerintah(k.wilayah)} · Dinas Sosial · Paparan {k.label} · "
        + ("versi publik" if privacy.suppresses(deck.role) else "versi internal")
        + f" · dibuat {fmt.tanggal(deck.dibuat.date())}",
        poin=poin,
        catatan=[
            f"Paparan {k.nama} periode {k.label}, dibuat {fmt.waktu(deck.dibuat)} dari data "
            f"versi {deck.versi}.",
            *(
                ["DATA SINTETIS: angka contoh untuk demonstrasi, bukan data dinas."]
                if deck.demo
                else []
            ),
        ],
        bingkai=True,
    )


def kontak(dinas: str) -> str:
    """The closing slide's contact: data/reference/kontak.csv (kunci,nilai: instansi, alamat,
    telepon, email; the department fills in what it wants shown), else the department's name."""
    from pantau.config import REFERENCE_DIR

    path = REFERENCE_DIR / "kontak.csv"
    try:
        rows = pd.read_csv(path, dtype=str, keep_default_na=False)
        nilai = dict(zip(rows["kunci"].str.strip(), rows["nilai"].str.strip(), strict=True))
    except (OSError, KeyError, ValueError, pd.errors.ParserError):
        return dinas
    lain = nilai.get("instansi", "").startswith(("Dinas Sosial Kota ", "Dinas Sosial Kabupaten "))
    if lain and nilai["instansi"] != dinas:
        return dinas  # another region's department (the shipped file is Kota Pasuruan's)
    parts = [nilai.get("instansi") or dinas]
    parts += [
        f"{label} {nilai[key]}" if label else nilai[key]
        for key, label in (("alamat", ""), ("telepon", "telp."), ("email", ""))
        if nilai.get(key)
    ]
    return ", ".join(parts)


def penutup(k: Context, deck, sumber: list[dict]) -> Slide:
    """The closing slide: what the figures cannot show, the data and its dates, the contact."""
    rows = pd.DataFrame(
        {
            "data": [JENIS_DATA.get(s["jenis"], s["jenis"]) for s in sumber],
            "periode": [s["periode"] for s in sumber],
            "diimpor": [s["diimpor"] for s in sumber],
        }
    )
    tabel = Table(
        "sumber_data",
        "Sumber data dan tanggal impor",
        rows,
        {
            "data": Column("Data", "teks"),
            "periode": Column("Periode", "periode"),
            "diimpor": Column("Diimpor", "teks"),
        },
        "status data (python -m pantau status)",
        di_slide=True,
    )
    return Slide(
        "penutup",
        0,
        "Yang tidak bisa ditunjukkan angka ini, dan dari mana angkanya",
        f"Kontak: {kontak(deck.dinas)} · sumber data sampai {k.label}",
        tabel=[tabel],
        poin=tidak_terlihat(k.wilayah.label_desa_kecil),
        catatan=[
            *tidak_terlihat(k.wilayah.label_desa_kecil),
            *(
                f"{JENIS_DATA.get(s['jenis'], s['jenis'])} {fmt.periode(s['periode'])}: berkas "
                f"{s['berkas']}, diimpor {s['diimpor']}."
                for s in sumber
            ),
            RAHASIA,
        ],
        bingkai=True,
    )

"""The six slides of the Paparan, in the order of the story: context and target, the verval
funnel, the three strategies, what comes next. Each builder returns its slide and key figures.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pantau import fmt, privacy
from pantau import peta as peta_mod
from pantau.charts import bantuan as cb
from pantau.charts import beban as cbeban
from pantau.charts import efek as charts_efek
from pantau.charts import maps, trends
from pantau.report import daerah, figures
from pantau.report.deck import (
    NUMBER_FORMATS,
    AngkaKunci,
    Grafik,
    Kolom,
    Konteks,
    Slide,
    Tabel,
    angka,
    polos,
    teks,
)
from pantau.wilayah import BAWAAN, singkatan

TARGET = (
    "0 % kemiskinan ekstrem pada akhir 2026 (Inpres 8/2025, melanjutkan Inpres 4/2022; angka "
    "BPS dalam jiwa, Susenas, bukan jumlah daftar ini)"
)
TERCAKUP = (
    "Tercakup = menerima penyaluran berstatus tersalur dalam 12 bulan sampai akhir periode (BLT "
    "sekali bayar dihitung selama 12 bulan sesudahnya), atau tercatat sebagai peserta program "
    "nasional (PKH, BPNT, PBI-JK, …) dalam daftar periode. Cakupan bansos = program strategi 1; "
    "bansos dibayar = hanya penyaluran tersalur (kepesertaan bukan penerimaan); pemberdayaan = "
    "strategi 2 (modal usaha dalam 12 bulan, atau anggota KUBE aktif), dilaporkan terpisah, juga "
    "'pernah menerima' sampai akhir periode karena modal usaha diberikan sekali; program apa pun "
    "= penyaluran atau kepesertaan program mana pun."
)
# No multiplication sign in the files' text: a guest's hidden cell is the word SAMAR there
# (deck.polos), so the sign means one thing only in the spreadsheet, where its legend is.
RAHASIA = (
    "Angka di bawah 5 ditampilkan sebagai <5; angka yang dapat dipakai untuk menghitung angka "
    "<5 dari total atau sel tetangganya ditulis 'disamarkan'; angka besar di samping angka <5 "
    "dapat ditulis sebagai rentang nilai yang mungkin (307–310)."
)


def _k(label: str, df: pd.DataFrame, row: int, col: str, jenis: str, sumber: str) -> AngkaKunci:
    v = df[col].iloc[row] if len(df) else None
    return AngkaKunci(label, v, teks(v, jenis), sumber, col, jenis)


def _kosong(key: str, judul: str, subjudul: str, kalimat: str) -> tuple[Slide, list]:
    return Slide(key, 0, judul, subjudul, poin=[kalimat], catatan=[kalimat], kosong=kalimat), []


def _arah(now, before) -> str | None:
    a, b = angka([now, before])
    if pd.isna(a) or pd.isna(b):
        return None
    if a < b:
        return f"turun {fmt.angka(b - a)} keluarga"
    return f"naik {fmt.angka(a - b)} keluarga" if a > b else "tetap"


# --- cover and closing ------------------------------------------------------------------------

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


def sampul(k: Konteks, deck, sumber: list[dict]) -> Slide:
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
        + ("versi publik" if privacy.suppresses(deck.peran) else "versi internal")
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


def penutup(k: Konteks, deck, sumber: list[dict]) -> Slide:
    """The closing slide: what the figures cannot show, the data and its dates, the contact."""
    rows = pd.DataFrame(
        {
            "data": [JENIS_DATA.get(s["jenis"], s["jenis"]) for s in sumber],
            "periode": [s["periode"] for s in sumber],
            "diimpor": [s["diimpor"] for s in sumber],
        }
    )
    tabel = Tabel(
        "sumber_data",
        "Sumber data dan tanggal impor",
        rows,
        {
            "data": Kolom("Data", "teks"),
            "periode": Kolom("Periode", "periode"),
            "diimpor": Kolom("Diimpor", "teks"),
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


# --- trend shared by slides 1 and 5 -----------------------------------------------------------


def tren_kecamatan(k: Konteks) -> Tabel | None:
    """Extreme-poor keluarga per period and kecamatan (in a province: per kab/kota, the
    kecamatan summed) with the region's total, up to the period, from the first list that flags
    extreme poverty (the 2021–2022 lists carry no flag)."""
    prov = k.wilayah.adalah_provinsi
    unit = "kabupaten_kota" if prov else "kecamatan"

    def per_unit(raw: pd.DataFrame) -> pd.DataFrame:
        if not prov:
            return raw
        ref = k.wilayah.tabel().drop_duplicates("kode_kab").set_index("kode_kab")["kabupaten_kota"]
        return raw.assign(
            kode_kec=raw["kode_kec"].str[:5], kabupaten_kota=lambda d: d["kode_kec"].map(ref)
        )

    # The units and periods only (names, no count) come from the suppressed rows.
    shown = per_unit(k.query("tren_miskin_ekstrem"))
    shown = shown[shown["periode"] <= (k.periode or "")]
    if shown.empty:
        return None
    order = shown.drop_duplicates(unit).sort_values("kode_kec")[unit].tolist()
    cols = [*order, k.nama]

    def wide(raw: pd.DataFrame) -> pd.DataFrame:
        raw = per_unit(raw)
        raw = raw[raw["periode"] <= (k.periode or "")]
        out = raw.pivot_table(
            index="periode", columns=unit, values="keluarga_miskin_ekstrem", aggfunc="sum"
        )
        out = out.reindex(columns=order).fillna(0).astype("int64")
        out[k.nama] = out.sum(axis=1)
        return out[out[k.nama].cumsum() > 0].reset_index()

    df = k.tabel("tren_miskin_ekstrem", wide, counts=cols, row_sums=[(k.nama, order)])
    if df.empty:
        return None
    awal = "" if prov else "Kec. "
    kolom = {"periode": Kolom("Periode", "periode")}
    kolom |= {c: Kolom(f"{awal if c != k.nama else ''}{c} (keluarga)", "keluarga") for c in cols}
    return Tabel(
        "tren_kecamatan",
        f"Keluarga miskin ekstrem per {'kabupaten/kota' if prov else 'kecamatan'} dan periode",
        df,
        kolom,
        "tren_miskin_ekstrem",
    )


def _tren_judul(series: pd.DataFrame, col: str) -> str:
    first, last = series.iloc[0], series.iloc[-1]
    a, b = angka([first[col], last[col]])
    when = f"dari {fmt.periode(first['periode'])} ke {fmt.periode(last['periode'])}"
    if pd.isna(a) or pd.isna(b) or a == 0 or len(series) < 2:
        return f"Keluarga miskin ekstrem {when} (keluarga)"
    change = (b - a) / a
    moved = f"turun {fmt.persen(-change)}" if change < 0 else f"naik {fmt.persen(change)}"
    return (
        f"Keluarga miskin ekstrem {moved} {when}: {teks(first[col], 'keluarga')} → "
        f"{teks(last[col], 'keluarga')} (keluarga)"
    )


# --- 1 context and target ---------------------------------------------------------------------


def konteks(k: Konteks) -> tuple[Slide, list]:
    sub = f"Konteks dan target · {k.nama} · {k.label}"
    kpi = k.query("ringkasan_kpi", periode=k.periode) if k.periode else pd.DataFrame()
    if kpi.empty:
        return _kosong(
            "konteks",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Belum ada daftar keluarga untuk {k.label}; pilih periode lain atau impor datanya.",
        )
    r = kpi.iloc[0]
    if not r["berstatus_ekstrem"]:
        return _konteks_tanpa_tanda(k, r, sub)
    arah = _arah(r["keluarga_miskin_ekstrem"], r["keluarga_miskin_ekstrem_sebelumnya"])
    judul = f"{teks(r['keluarga_miskin_ekstrem'], 'keluarga')} keluarga miskin ekstrem di {k.nama} pada {k.label}"
    # compared with the previous flagged list only (ringkasan_kpi); the first has none
    if arah and r["periode_sebelumnya"]:
        judul += f", {arah} dari {fmt.periode(r['periode_sebelumnya'])}"
    slide = Slide("konteks", 0, judul, sub)
    tren = tren_kecamatan(k)
    if tren is not None:
        kota = tren.df[["periode", k.nama]].assign(
            bulan=tren.df["periode"].map(figures.periode_singkat),
            nilai=angka(tren.df[k.nama]).to_numpy(),
        )
        fig = trends.line(
            kota,
            "bulan",
            "nilai",
            _tren_judul(kota, k.nama),
            target=0,
            labels={"bulan": "Periode", "nilai": "Keluarga miskin ekstrem"},
        )
        fig = figures.sumbu_periode(fig, len(kota), per_label=8)
        fig.update_yaxes(tickformat=",d", rangemode="tozero")  # a count axis starts at 0
        fig = figures.cetak_hitam_putih(fig)
        # large markers, each labelled: the first flagged list is one point, which a line
        # alone does not draw
        fig.update_traces(marker_size=10, selector={"type": "scatter"})
        if len(kota) == 1:
            fig.update_traces(
                mode="lines+markers+text",
                text=[teks(v, "keluarga") for v in tren.df[k.nama]],
                textposition="top center",
                selector={"type": "scatter"},
            )
        slide.grafik.append(Grafik("tren_kota", fig))
    slide.tabel.append(_tabel_kpi(kpi))
    rek = k.query("beban_rekonsiliasi", periode=k.periode)
    komponen = k.query("tren_miskin_ekstrem_komponen", periode=k.periode)
    komponen = komponen[komponen["periode"] == k.periode]
    if len(komponen):
        slide.tabel.append(_tabel_komponen(komponen))
    # BPS review M9: both counts on the slide face, the exit rate beside the exits (S6), the
    # national target named as the rate it is
    slide.poin = [
        _poin_dua_hitungan(r, rek),
        _poin_keluar(r, k),
        TARGET_RATE,
    ]
    slide.catatan = [
        f"{teks(r['cakupan'], 'persen')} keluarga miskin ekstrem tercakup bansos (strategi 1, "
        "12 bulan sampai akhir periode).",
        f"Bantuan tersalur tahun ini: {fmt.rupiah_singkat(r['bantuan_rp_tahun_ini'])}.",
        *([_kalimat_komponen(komponen.iloc[0])] if len(komponen) else []),
    ]
    sebelumnya = (
        f"(sebelumnya {teks(r['keluarga_miskin_ekstrem_sebelumnya'], 'keluarga')} keluarga, "
        f"{fmt.periode(r['periode_sebelumnya'])}, daftar bertanda miskin ekstrem sebelumnya)"
        if r["periode_sebelumnya"]
        else "(belum ada daftar bertanda miskin ekstrem sebelumnya untuk dibandingkan)"
    )
    slide.catatan += [
        f"Keluarga miskin ekstrem {k.label}: {teks(r['keluarga_miskin_ekstrem'], 'keluarga')} "
        f"keluarga, {teks(r['jiwa_miskin_ekstrem'], 'jiwa')} jiwa {sebelumnya}.",
        "Keluarga miskin ekstrem = keluarga dalam daftar periode ini dengan tanda miskin ekstrem "
        "(DTKS/DTSEN). Daftar P3KE 2021 dan daftar bansos 2022 belum memuat tanda itu: daftar "
        "itu tidak dibandingkan, dan tren dimulai dari daftar pertama yang memuatnya.",
        *_catatan_tahun_ini(r, k),
        "Sumber: query ringkasan_kpi, tren_miskin_ekstrem, tren_miskin_ekstrem_komponen dan "
        "beban_rekonsiliasi.",
    ]
    src = "ringkasan_kpi"
    return slide, [
        _k("Keluarga miskin ekstrem", kpi, 0, "keluarga_miskin_ekstrem", "keluarga", src),
        _k("Jiwa dalam keluarga miskin ekstrem", kpi, 0, "jiwa_miskin_ekstrem", "jiwa", src),
        _k(
            "Keluarga keluar dari kemiskinan ekstrem tahun ini",
            kpi,
            0,
            "keluarga_keluar_tahun_ini",
            "keluarga",
            src,
        ),
        _k("Cakupan bansos (keluarga miskin ekstrem)", kpi, 0, "cakupan", "persen", src),
        _k("Bantuan tersalur tahun ini (Rp)", kpi, 0, "bantuan_rp_tahun_ini", "rp", src),
    ]


TARGET_RATE = (
    "Target nasional: tingkat kemiskinan ekstrem 0 % akhir 2026 (jiwa, Susenas BPS); jumlah "
    "di daftar ini bukan ukurannya."
)


def _poin_dua_hitungan(r, rek: pd.DataFrame) -> str:
    """The SK list's count and the count below the extreme line, side by side (M9)."""
    kalimat = (
        f"Daftar SK: {teks(r['keluarga_miskin_ekstrem'], 'keluarga')} keluarga "
        f"({teks(r['jiwa_miskin_ekstrem'], 'jiwa')} jiwa)"
    )
    if rek.empty:
        return kalimat + "."
    b = rek.iloc[0]
    return (
        kalimat + f". Di bawah garis pengeluaran: {teks(b['keluarga_di_bawah_garis'], 'keluarga')} "
        f"keluarga ({teks(b['jiwa_di_bawah_garis'], 'jiwa')} jiwa), "
        f"{teks(b['keluarga_di_bawah_tidak_ditandai'], 'keluarga')} belum ditandai."
    )


def _kalimat_komponen(c) -> str:
    return (
        f"Dari {fmt.periode(c['periode_sebelumnya'])} ke {fmt.periode(c['periode'])}: "
        f"{teks(c['keluarga_sebelumnya'], 'keluarga')} → {teks(c['keluarga_sekarang'], 'keluarga')} "
        f"keluarga; keluar karena lulus (status 'keluar' saat pemantauan) "
        f"{teks(c['lulus'], 'keluarga')}, meninggal atau pindah {teks(c['meninggal_pindah'], 'keluarga')}, "
        f"dicoret saat verval {teks(c['dicoret_verval'], 'keluarga')}, tanpa alasan tercatat "
        f"{teks(c['keluar_lain'], 'keluarga')}; masuk {teks(c['masuk'], 'keluarga')}. Berkurangnya "
        "daftar karena meninggal, pindah atau dicoret bukan keluar dari kemiskinan."
    )


def _tabel_komponen(komponen: pd.DataFrame) -> Tabel:
    kolom = {
        "periode_sebelumnya": Kolom("Dari periode", "periode"),
        "periode": Kolom("Ke periode", "periode"),
        "keluarga_sebelumnya": Kolom("Sebelumnya (keluarga)", "keluarga"),
        "lulus": Kolom("Lulus (keluarga)", "keluarga"),
        "meninggal_pindah": Kolom("Meninggal/pindah (keluarga)", "keluarga"),
        "dicoret_verval": Kolom("Dicoret saat verval (keluarga)", "keluarga"),
        "keluar_lain": Kolom("Keluar tanpa alasan tercatat (keluarga)", "keluarga"),
        "masuk": Kolom("Masuk (keluarga)", "keluarga"),
        "keluarga_sekarang": Kolom("Sekarang (keluarga)", "keluarga"),
    }
    return Tabel(
        "komponen_tren",
        "Perubahan daftar miskin ekstrem menurut sebabnya",
        komponen,
        kolom,
        "tren_miskin_ekstrem_komponen",
    )


def _rentang(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the span of a year-to-date figure."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


def _poin_keluar(r, k: Konteks) -> str:
    # Year to date against the same span a year earlier: within a year it can only rise.
    n = r["keluarga_keluar_tahun_ini"]
    if not isinstance(n, str) and pd.isna(n):  # no visit yet this year: no data, not 0 (S6)
        return (
            f"Keluar dari kemiskinan ekstrem sejak 1 Januari {str(k.periode)[:4]}: – (belum ada "
            "kunjungan pemantauan tahun ini)."
        )
    kalimat = (
        f"Keluar sejak 1 Januari {str(k.periode)[:4]}: "
        f"{teks(r['keluarga_keluar_tahun_ini'], 'keluarga')} keluarga"
    )
    if "laju_keluar_tahun_ini" in r and pd.notna(r["laju_keluar_tahun_ini"]):
        kalimat += (
            f", {teks(r['laju_keluar_tahun_ini'], 'persen')} dari "
            f"{teks(r['keluarga_berisiko_awal_tahun'], 'keluarga')} pada 1 Januari"
        )
    if pd.notna(r["keluarga_keluar_tahun_lalu"]):
        kalimat += (
            f" ({_rentang(r['periode_tahun_lalu'])}: "
            f"{teks(r['keluarga_keluar_tahun_lalu'], 'keluarga')} keluarga"
            + (
                f", {teks(r['laju_keluar_tahun_lalu'], 'persen')}"
                if "laju_keluar_tahun_lalu" in r and pd.notna(r["laju_keluar_tahun_lalu"])
                else ""
            )
            + ")"
        )
    return kalimat + "."


def _catatan_tahun_ini(r, k: Konteks) -> list[str]:
    return [
        "Keluar = kunjungan pemantauan sejak 1 Januari berstatus 'keluar'; angka sejak 1 Januari "
        f"dibandingkan dengan rentang yang sama tahun lalu ({_rentang(r['periode_tahun_lalu'])}), "
        "bukan dengan triwulan sebelumnya. " + TERCAKUP,
        f"Bantuan tersalur tahun ini: {fmt.rupiah(r['bantuan_rp_tahun_ini'])} (status tersalur, "
        f"1 Januari s.d. akhir {k.label}).",
    ]


def _konteks_tanpa_tanda(k: Konteks, r, sub: str) -> tuple[Slide, list]:
    """A list without the extreme flag (P3KE 2021, bansos 2022): its size and source, no
    extreme-poor count and no comparison."""
    sumber = r["sumber_daftar"] or "sumber tidak disebut"
    judul = (
        f"{k.label}: daftar {sumber} memuat {teks(r['keluarga_daftar'], 'keluarga')} keluarga, "
        "tanpa status miskin ekstrem"
    )
    slide = Slide("konteks", 0, judul, sub)
    slide.poin = [
        f"Daftar {sumber} {k.label}: {teks(r['keluarga_daftar'], 'keluarga')} keluarga. Daftar "
        "ini tidak menandai keluarga miskin ekstrem, jadi jumlah keluarga miskin ekstrem, "
        "cakupannya dan perubahannya tidak dihitung untuk periode ini.",
        _poin_keluar(r, k),
        f"Bantuan tersalur tahun ini: {fmt.rupiah_singkat(r['bantuan_rp_tahun_ini'])}.",
        f"Target: {TARGET}.",
    ]
    slide.catatan = [
        *slide.poin,
        "Perbandingan antarperiode memakai daftar yang memuat status miskin ekstrem (DTKS/DTSEN).",
        *_catatan_tahun_ini(r, k),
        "Sumber: query ringkasan_kpi.",
    ]
    src = "ringkasan_kpi"
    kpi = pd.DataFrame([r])
    return slide, [
        _k("Keluarga dalam daftar", kpi, 0, "keluarga_daftar", "keluarga", src),
        _k(
            "Keluarga keluar dari kemiskinan ekstrem tahun ini",
            kpi,
            0,
            "keluarga_keluar_tahun_ini",
            "keluarga",
            src,
        ),
        _k("Bantuan tersalur tahun ini (Rp)", kpi, 0, "bantuan_rp_tahun_ini", "rp", src),
    ]


def _tabel_kpi(kpi: pd.DataFrame) -> Tabel:
    """This period; the previous flagged list for the list figures; the same span a year
    earlier for the year-to-date figures (each compared like with like, ringkasan_kpi)."""
    r = kpi.iloc[0]
    kosong = None
    rows = pd.DataFrame(
        {
            "periode": [
                fmt.periode(r["periode"]),
                f"{fmt.periode(r['periode_sebelumnya'])} (daftar sebelumnya)"
                if r["periode_sebelumnya"]
                else None,
                f"{_rentang(r['periode_tahun_lalu'])} (rentang sama tahun lalu)",
            ],
            "keluarga_miskin_ekstrem": [
                r["keluarga_miskin_ekstrem"],
                r["keluarga_miskin_ekstrem_sebelumnya"],
                kosong,
            ],
            "jiwa_miskin_ekstrem": [
                r["jiwa_miskin_ekstrem"],
                r["jiwa_miskin_ekstrem_sebelumnya"],
                kosong,
            ],
            "cakupan": [r["cakupan"], r["cakupan_sebelumnya"], kosong],
            "keluarga_keluar_tahun_ini": [
                r["keluarga_keluar_tahun_ini"],
                kosong,
                r["keluarga_keluar_tahun_lalu"],
            ],
            "bantuan_rp_tahun_ini": [
                r["bantuan_rp_tahun_ini"],
                kosong,
                r["bantuan_rp_tahun_lalu"],
            ],
        },
        dtype=object,
    ).dropna(subset=["periode"])
    kolom = {
        "periode": Kolom("Periode", "teks"),
        "keluarga_miskin_ekstrem": Kolom("Keluarga miskin ekstrem (keluarga)", "keluarga"),
        "jiwa_miskin_ekstrem": Kolom("Jiwa dalam keluarga miskin ekstrem (jiwa)", "jiwa"),
        "cakupan": Kolom("Cakupan bansos (%)", "persen"),
        "keluarga_keluar_tahun_ini": Kolom("Keluar sejak 1 Januari (keluarga)", "keluarga"),
        "bantuan_rp_tahun_ini": Kolom("Bantuan tersalur sejak 1 Januari (Rp)", "rp"),
    }
    return Tabel(
        "angka_utama",
        "Angka utama: periode ini, daftar bertanda sebelumnya, rentang sama tahun lalu",
        rows,
        kolom,
        "ringkasan_kpi",
    )


# --- 2 verval funnel --------------------------------------------------------------------------


def verval(k: Konteks) -> tuple[Slide, list]:
    sub = "Verifikasi dan validasi (verval) daftar sasaran"
    periods = [p for p in k.periode_verval if p <= (k.periode or "")]
    if not periods:
        return _kosong(
            "verval",
            f"Belum ada verval sampai {k.label}",
            sub,
            f"Belum ada data verval sampai {k.label}.",
        )
    vp = periods[-1]

    def funnel(raw: pd.DataFrame) -> pd.DataFrame:
        diperiksa = raw["diperiksa_keluarga"].where(raw["diperiksa_keluarga"] > 0)
        return raw.assign(porsi_memenuhi=raw["memenuhi_keluarga"] / diperiksa)

    df = k.tabel(
        "verval_funnel",
        funnel,
        {"periode": vp},
        derived={"porsi_memenuhi": ["memenuhi_keluarga", "diperiksa_keluarga"]},
    )
    # Semua daftar counts each family once (verval_funnel); the overlap row says how many are
    # on more than one list, so no count here is made by adding or subtracting rows.
    total = df.iloc[-1]
    rows = df[df["urutan"] == 1]
    ganda = df[df["urutan"] == 2].iloc[0]
    missing = rows.loc[~rows["daftar_dimuat"].astype(bool), "sumber_daftar"].tolist()
    bulan = fmt.periode(vp)
    if missing:
        judul = (
            f"Verval {bulan}: {teks(total['memenuhi_keluarga'], 'keluarga')} dari "
            f"{teks(total['diperiksa_keluarga'], 'keluarga')} keluarga yang diperiksa memenuhi "
            f"kriteria; daftar {', '.join(missing)} belum dimuat"
        )
    elif len(rows) > 1:
        # no "(0 di lebih dari satu daftar)": an overlap of none is not news for a headline
        v = ganda["daftar_keluarga"]
        ada_ganda = not (pd.api.types.is_number(v) and v == 0)
        judul = (
            f"Verval {bulan}: {teks(total['daftar_keluarga'], 'keluarga')} keluarga dalam "
            f"{len(rows)} daftar"
            + (
                f" ({teks(ganda['daftar_keluarga'], 'keluarga')} di lebih dari satu daftar)"
                if ada_ganda
                else ""
            )
            + f", {teks(total['memenuhi_keluarga'], 'keluarga')} keluarga memenuhi kriteria"
        )
    else:
        judul = (
            f"Verval {bulan}: {teks(total['memenuhi_keluarga'], 'keluarga')} dari "
            f"{teks(total['daftar_keluarga'], 'keluarga')} keluarga {rows.iloc[0]['sumber_daftar']} "
            "memenuhi kriteria"
        )
    slide = Slide("verval", 0, judul, f"{sub} · {bulan}")
    slide.grafik.append(Grafik("verval", _grafik_verval(df, bulan)))
    kolom = {
        "sumber_daftar": Kolom("Sumber daftar", "teks"),
        "daftar_keluarga": Kolom("Dalam daftar (keluarga)", "keluarga"),
        "diperiksa_keluarga": Kolom("Diperiksa (keluarga)", "keluarga"),
        "memenuhi_keluarga": Kolom("Memenuhi kriteria (keluarga)", "keluarga"),
        "tidak_memenuhi_keluarga": Kolom("Tidak memenuhi (keluarga)", "keluarga"),
        "porsi_memenuhi": Kolom("Memenuhi (% diperiksa)", "persen"),
    }
    slide.tabel.append(
        Tabel("verval", f"Hasil verval {bulan} per sumber daftar", df, kolom, "verval_funnel")
    )
    per_daftar = [
        f"{r['sumber_daftar']}: {teks(r['memenuhi_keluarga'], 'keluarga')} dari "
        f"{teks(r['daftar_keluarga'], 'keluarga')} keluarga memenuhi kriteria "
        f"({teks(r['porsi_memenuhi'], 'persen')})."
        if r["daftar_dimuat"]
        else f"{r['sumber_daftar']}: {teks(r['memenuhi_keluarga'], 'keluarga')} dari "
        f"{teks(r['diperiksa_keluarga'], 'keluarga')} keluarga yang diperiksa memenuhi kriteria."
        for _, r in rows.iterrows()
    ]
    # On the slide face (three points): the total, the overlap, the list not loaded; each
    # list's own line is in the chart, the table and the notes.
    slide.poin = []
    slide.poin.append(
        f"Total: {teks(total['memenuhi_keluarga'], 'keluarga')} dari "
        f"{teks(total['diperiksa_keluarga'], 'keluarga')} keluarga yang diperiksa; keluarga "
        "yang ada di beberapa daftar dihitung sekali."
    )
    if len(rows) > 1:
        slide.poin.append(
            f"Di lebih dari satu daftar: {teks(ganda['daftar_keluarga'], 'keluarga')} keluarga "
            "(dihitung sekali pada Semua daftar)."
        )
    if missing:
        slide.poin.append(
            f"Daftar {', '.join(missing)} belum dimuat: jumlah keluarga dalam daftar itu tidak "
            "diketahui; Semua daftar hanya memuat keluarga daftar itu yang sudah diperiksa."
        )
    alasan = k.query("verval_alasan", periode=vp)
    if len(alasan):
        top = alasan.groupby("alasan")["keluarga"].apply(lambda s: angka(s).sum()).sort_values()
        slide.poin.append(
            f"Alasan tidak memenuhi terbanyak: {top.index[-1]} ({fmt.angka(top.iloc[-1])} keluarga)."
        )
    slide.poin += per_daftar
    slide.catatan = [
        *slide.poin,
        "Memenuhi = hasil verval terakhir 'memenuhi' kriteria miskin ekstrem. Satu keluarga "
        "dihitung sekali per sumber daftar, dan sekali pada Semua daftar walaupun ada di "
        "beberapa daftar (baris 'Di lebih dari satu daftar').",
        "Sumber: query verval_funnel (dan verval_alasan untuk alasan).",
        RAHASIA,
    ]
    src = "verval_funnel"
    n = len(df) - 1
    return slide, [
        _k(
            f"Verval {bulan}: keluarga dalam semua daftar",
            df,
            n,
            "daftar_keluarga",
            "keluarga",
            src,
        ),
        _k(
            f"Verval {bulan}: keluarga memenuhi kriteria",
            df,
            n,
            "memenuhi_keluarga",
            "keluarga",
            src,
        ),
    ]


def _grafik_verval(df: pd.DataFrame, bulan: str):
    long = pd.concat(
        [
            pd.DataFrame(
                {
                    "sumber": df["sumber_daftar"],
                    "tahap": "Dalam daftar",
                    "keluarga": angka(df["daftar_keluarga"]).to_numpy(),
                }
            ),
            pd.DataFrame(
                {
                    "sumber": df["sumber_daftar"],
                    "tahap": "Memenuhi kriteria",
                    "keluarga": angka(df["memenuhi_keluarga"]).to_numpy(),
                }
            ),
        ]
    )
    total = df.iloc[-1]
    fig = cb.grouped_bar(
        long,
        "sumber",
        "keluarga",
        "tahap",
        f"{teks(total['memenuhi_keluarga'], 'keluarga')} dari {teks(total['daftar_keluarga'], 'keluarga')} "
        f"keluarga memenuhi kriteria miskin ekstrem (keluarga, verval {bulan})",
        labels={"sumber": "", "keluarga": "Keluarga", "tahap": ""},
    )
    fig.update_yaxes(tickformat=",d")
    return figures.cetak_hitam_putih(fig)


# --- 3 strategy 1: spending burden ------------------------------------------------------------


def strategi_1(k: Konteks) -> tuple[Slide, list]:
    sub = f"Strategi 1 · Mengurangi beban pengeluaran · {k.label}"
    if not k.ada_daftar:
        return _kosong(
            "strategi_1",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Cakupan bansos dan pengeluaran tidak dapat dihitung: belum ada daftar keluarga untuk {k.label}.",
        )
    prog = _cakupan(k)
    beban = k.query("beban_ringkasan", periode=k.periode)
    b = beban.iloc[0]
    semua = prog.df.iloc[0] if len(prog.df) else None
    garis = fmt.rupiah(b["garis_ekstrem"])
    if semua is not None:
        # No "tetapi" (review S14): the flag is set on spending below the line, so a high share
        # below it is what the list means, not a sign that bansos fails.
        judul = (
            f"Bansos menjangkau {teks(semua['cakupan'], 'persen')} keluarga miskin ekstrem (12 "
            f"bulan)" + _di_bawah_garis(b, garis)
        )
    else:
        judul = (
            f"Daftar {k.label} tidak menandai keluarga miskin ekstrem: cakupan dan pengeluaran "
            "keluarga miskin ekstrem tidak dihitung"
            if b.get("berstatus_ekstrem") is False or b.get("berstatus_ekstrem") == False  # noqa: E712
            else f"Tidak ada keluarga miskin ekstrem dalam daftar {k.label}"
        )
    slide = Slide("strategi_1", 0, judul, sub)
    if semua is not None:
        slide.grafik.append(
            Grafik(
                "cakupan_program",
                _grafik_cakupan(prog.df, k.label),
                huruf=figures.HURUF_SLIDE_PX,
            )
        )
    hist = _histogram(k, b)
    if hist is not None and angka(hist.df["keluarga"]).notna().any():
        judul_hist = (
            f"{teks(b['keluarga_miskin_ekstrem_di_bawah_garis'], 'keluarga')} dari "
            f"{teks(b['keluarga_miskin_ekstrem_dengan_pengeluaran'], 'keluarga')} keluarga miskin "
            f"ekstrem berbelanja di bawah garis ({k.label})"
            if semua is not None
            # a flagless list: no "– dari –" (review R1-6), the chart is of every family
            else f"Pengeluaran per kapita keluarga dalam daftar terhadap garis ekstrem ({k.label})"
        )
        fig = cbeban.histogram_kelipatan(
            hist.df.assign(keluarga=angka(hist.df["keluarga"]).to_numpy()),
            judul_hist,
            float(b["garis_ekstrem"]),
        )
        # One chart per message on the PowerPoint slide (review N2): with the coverage chart
        # there, the spending chart is in the PDF and on the screen only.
        slide.grafik.append(
            Grafik("pengeluaran_garis", figures.cetak_hitam_putih(fig), di_slide=semua is None)
        )
    dana = k.query("bantuan_per_sumber_dana", periode=k.periode)
    rekon = _rekonsiliasi(k)
    slide.tabel += [
        prog,
        _tabel_beban(beban),
        *([rekon] if rekon is not None else []),
        *([hist] if hist is not None else []),
        _tabel_dana(dana, k.label),
    ]
    slide.poin = _poin_1(prog.df, b, dana, k)
    if rekon is not None:
        r = rekon.df
        slide.poin.append(
            f"Dua hitungan miskin ekstrem: {teks(r.iloc[0]['jiwa'], 'jiwa')} jiwa ditandai dalam "
            f"daftar, {teks(r.iloc[4]['jiwa'], 'jiwa')} jiwa berbelanja di bawah garis; "
            f"{teks(r.iloc[2]['keluarga'], 'keluarga')} keluarga ditandai di atas garis (calon "
            f"graduasi), {teks(r.iloc[5]['keluarga'], 'keluarga')} keluarga di bawah garis belum "
            "ditandai (calon usulan/verval)."
        )
    slide.catatan = [
        *slide.poin,
        TERCAKUP,
        "Bantuan tersalur per sumber dana: tahun kalender (1 Januari sampai akhir periode); "
        "cakupan: 12 bulan sampai akhir periode.",
        f"Pengeluaran per kapita = pengeluaran keluarga sebulan ÷ jumlah anggota, dibanding garis "
        f"kemiskinan ekstrem {int(b['tahun_garis']) if pd.notna(b['tahun_garis']) else '–'} "
        f"({garis} per jiwa per bulan). Keluarga tanpa angka pengeluaran tidak dihitung "
        f"({teks(b['keluarga_tanpa_pengeluaran'], 'keluarga')} keluarga).",
        "Sumber: query bantuan_cakupan_program, beban_ringkasan, beban_rekonsiliasi, "
        "beban_histogram, bantuan_per_sumber_dana.",
        RAHASIA,
    ]
    return slide, [
        _k(
            "Keluarga miskin ekstrem di bawah garis ekstrem (%)",
            beban,
            0,
            "bagian_miskin_ekstrem_di_bawah_garis",
            "persen",
            "beban_ringkasan",
        ),
        _k(
            "Garis kemiskinan ekstrem (Rp per jiwa per bulan)",
            beban,
            0,
            "garis_ekstrem",
            "rp",
            "beban_ringkasan",
        ),
    ]


def _di_bawah_garis(b, garis: str) -> str:
    """The headline's second clause: the share below the line, or for a guest whose share is
    hidden the count (a range such as '307–310 dari 311'), or nothing: never a '×'."""
    share, count = (
        b["bagian_miskin_ekstrem_di_bawah_garis"],
        b["keluarga_miskin_ekstrem_di_bawah_garis"],
    )
    if not _tersamar(share):
        angka_ = teks(share, "persen")
    elif not _tersamar(count) and not _tersamar(b["keluarga_miskin_ekstrem_dengan_pengeluaran"]):
        angka_ = (
            f"{teks(count, 'keluarga')} dari "
            f"{teks(b['keluarga_miskin_ekstrem_dengan_pengeluaran'], 'keluarga')} keluarga"
        )
    else:
        return ""
    return f"; sesuai dasar penetapannya, {angka_} berbelanja di bawah garis {garis} per jiwa"


def _tersamar(v) -> bool:
    """A figure a sentence cannot quote: '×' (hidden beside a small count) or missing. '<5'
    and a range ('307–310') are quotable as they are."""
    return v == privacy.HIDDEN or v is None or (isinstance(v, float) and v != v) or v is pd.NA


def _cakupan(k: Konteks) -> Tabel:
    df = k.tabel(
        "bantuan_cakupan_program",
        lambda raw: raw.assign(
            keluarga_belum_tercakup=raw["keluarga_miskin_ekstrem"] - raw["keluarga_tercakup"]
        ),
        {"periode": k.periode},
        counts=["keluarga_belum_tercakup"],
        row_sums=[("keluarga_miskin_ekstrem", ["keluarga_tercakup", "keluarga_belum_tercakup"])],
        derived={"cakupan": ["keluarga_tercakup", "keluarga_belum_tercakup"]},
    )
    kolom = {
        "program": Kolom("Program", "teks"),
        "jendela": Kolom("Jendela waktu", "teks"),
        "keluarga_miskin_ekstrem": Kolom("Keluarga miskin ekstrem (keluarga)", "keluarga"),
        "keluarga_tercakup": Kolom("Tercakup (keluarga)", "keluarga"),
        "keluarga_belum_tercakup": Kolom("Belum tercakup (keluarga)", "keluarga"),
        "cakupan": Kolom("Cakupan (%)", "persen"),
    }
    return Tabel(
        "cakupan_program",
        "Cakupan program di antara keluarga miskin ekstrem",
        df,
        kolom,
        "bantuan_cakupan_program",
    )


# The programme rows of bantuan_cakupan_program in words a DPRD member reads without a glossary
# (the query's names stay in the tables and the Excel file).
# Short enough that every bar is named at 14 pt on the slide (review N2); the table below the
# chart and its notes say what each row counts.
NAMA_CAKUPAN = {
    "Bansos (strategi 1)": "Bansos",
    "Bansos dibayar (tanpa kepesertaan)": "Bansos dibayar",
    "Pemberdayaan (strategi 2)": "Pemberdayaan 12 bln",
    "Pemberdayaan (strategi 2), pernah": "Pemberdayaan pernah",
}


def _grafik_cakupan(df: pd.DataFrame, label: str):
    data = df.assign(
        nilai=angka(df["cakupan"]).to_numpy(),
        program=df["program"].map(lambda p: NAMA_CAKUPAN.get(p, p)),
        # a 0 % bar has no width to hold its label: "0,0 %" is written beside it; the count in
        # brackets is keluarga (the title says so), a guest's hidden one a word (polos)
        label=[
            f"{polos(teks(c, 'persen'))} ({polos(teks(t, 'keluarga'))})"
            for c, t in zip(df["cakupan"], df["keluarga_tercakup"], strict=True)
        ],
    )
    ring = df.set_index("program")["cakupan"]
    fig = cb.share_hbar(
        data,
        "nilai",
        "program",
        # short: two lines at 14 pt above the bars (the slide's title says the finding)
        polos(
            f"Cakupan program, % keluarga miskin ekstrem; program apa pun "
            f"{teks(ring.get('Program apa pun'), 'persen')} (dalam kurung: keluarga, {label})"
        ),
        text="label",
        labels={"nilai": "Cakupan (% keluarga miskin ekstrem)", "program": ""},
    )
    # Labels outside the bars at a readable size (inside, plotly shrank them to ~6 pt); every
    # bar named: plotly skips category labels it thinks too close (5 of 9 on the slide, N2)
    fig.update_traces(textposition="outside", textfont_size=14)
    fig.update_xaxes(range=[0, 1.6], tickvals=[0, 0.25, 0.5, 0.75, 1.0])
    names = data["program"].tolist()
    fig.update_yaxes(tickmode="array", tickvals=names, ticktext=names)
    return fig


def _histogram(k: Konteks, b) -> Tabel | None:
    # Each group's bins add up to a total a reader knows: the header says so (groups, total).
    df = k.query("beban_histogram", periode=k.periode)
    if df.empty:
        return None
    kolom = {
        "kelompok": Kolom("Kelompok", "teks"),
        "kelipatan_bawah": Kolom("Pengeluaran per kapita ÷ garis, dari", "desimal"),
        "pengeluaran_per_kapita_bawah": Kolom("Dari (Rp per jiwa per bulan)", "rp"),
        "pengeluaran_per_kapita_atas": Kolom("Sampai (Rp per jiwa per bulan)", "rp"),
        "keluarga": Kolom("Keluarga", "keluarga"),
    }
    return Tabel(
        "pengeluaran_garis",
        "Keluarga menurut pengeluaran per kapita terhadap garis ekstrem",
        df,
        kolom,
        "beban_histogram",
        di_laporan=False,
    )


def _tabel_beban(beban: pd.DataFrame) -> Tabel:
    kolom = {
        "tahun_garis": Kolom("Tahun garis", "teks"),
        "garis_ekstrem": Kolom("Garis ekstrem (Rp per jiwa per bulan)", "rp"),
        "keluarga": Kolom("Keluarga dalam daftar (keluarga)", "keluarga"),
        "keluarga_miskin_ekstrem": Kolom("Keluarga miskin ekstrem (keluarga)", "keluarga"),
        "keluarga_miskin_ekstrem_di_bawah_garis": Kolom(
            "Miskin ekstrem di bawah garis (keluarga)", "keluarga"
        ),
        "bagian_miskin_ekstrem_di_bawah_garis": Kolom(
            "Miskin ekstrem di bawah garis (%)", "persen"
        ),
        "median_pengeluaran_per_kapita_miskin_ekstrem": Kolom(
            "Median pengeluaran per kapita miskin ekstrem (Rp per jiwa per bulan)", "rp"
        ),
    }
    df = beban.assign(
        tahun_garis=beban["tahun_garis"].map(lambda v: "–" if pd.isna(v) else str(int(v)))
    )
    return Tabel(
        "beban", "Pengeluaran keluarga miskin ekstrem terhadap garis", df, kolom, "beban_ringkasan"
    )


REKONSILIASI = [
    ("ditandai", "Ditandai miskin ekstrem (daftar)"),
    ("ditandai_di_bawah", "  ditandai, di bawah garis"),
    ("ditandai_di_atas", "  ditandai, di atas garis (calon graduasi)"),
    ("ditandai_tanpa_pengeluaran", "  ditandai, tanpa angka pengeluaran"),
    ("di_bawah_garis", "Di bawah garis ekstrem (pengeluaran)"),
    ("di_bawah_tidak_ditandai", "  di bawah garis, belum ditandai (calon usulan/verval)"),
]


def _rekonsiliasi(k: Konteks) -> Tabel | None:
    """beban_rekonsiliasi's one row as six rows (layout only: the cells are the query's)."""
    raw = k.query("beban_rekonsiliasi", periode=k.periode)
    if raw.empty or not raw.iloc[0]["ada_tanda_ekstrem"]:
        return None  # a list without the flag has one count only (beban_ringkasan shows it)
    r = raw.iloc[0]
    df = pd.DataFrame(
        {
            "kelompok": [label for _, label in REKONSILIASI],
            "keluarga": [r[f"keluarga_{key}"] for key, _ in REKONSILIASI],
            "jiwa": [r[f"jiwa_{key}"] for key, _ in REKONSILIASI],
        }
    )
    kolom = {
        "kelompok": Kolom("Kelompok", "teks"),
        "keluarga": Kolom("Keluarga", "keluarga"),
        "jiwa": Kolom("Jiwa", "jiwa"),
    }
    return Tabel(
        "rekonsiliasi",
        "Dua hitungan miskin ekstrem: daftar bertanda dan pengeluaran di bawah garis",
        df,
        kolom,
        "beban_rekonsiliasi",
    )


def _tabel_dana(dana: pd.DataFrame, label: str) -> Tabel:
    kolom = {
        "sumber_dana": Kolom("Sumber dana", "teks"),
        "nilai": Kolom("Tersalur (Rp)", "rp"),
        "kpm": Kolom("KPM dibayar (KPM)", "kpm"),
    }
    return Tabel(
        "sumber_dana",
        f"Bantuan tersalur per sumber dana, Januari–{label}",
        dana,
        kolom,
        "bantuan_per_sumber_dana",
    )


def _poin_1(prog: pd.DataFrame, b, dana: pd.DataFrame, k: Konteks) -> list[str]:
    poin = []
    if len(prog):
        s = prog.iloc[0]
        bayar = prog[prog["program"] == "Bansos dibayar (tanpa kepesertaan)"]
        poin.append(
            f"{teks(s['keluarga_tercakup'], 'keluarga')} dari {teks(s['keluarga_miskin_ekstrem'], 'keluarga')} "
            f"keluarga miskin ekstrem tercakup bansos (strategi 1, 12 bulan atau terdaftar); "
            f"{teks(s['keluarga_belum_tercakup'], 'keluarga')} belum"
            + (
                f"; {teks(bayar.iloc[0]['keluarga_tercakup'], 'keluarga')} dengan pembayaran "
                "tercatat (terdaftar sebagai peserta belum tentu dibayar)."
                if len(bayar)
                else "."
            )
        )
    if len(prog):
        poin.append(
            f"{teks(b['keluarga_miskin_ekstrem_di_bawah_garis'], 'keluarga')} keluarga miskin "
            f"ekstrem berbelanja di bawah garis {fmt.rupiah(b['garis_ekstrem'])} per jiwa per "
            f"bulan; median {fmt.rupiah(b['median_pengeluaran_per_kapita_miskin_ekstrem'])}."
        )
    else:  # a flagless list: no "– keluarga miskin ekstrem …, median –" (review R1-6)
        poin.append(
            f"Daftar {k.label} tidak menandai keluarga miskin ekstrem: grafik menunjukkan "
            f"pengeluaran {teks(b['keluarga'], 'keluarga')} keluarga dalam daftar terhadap garis "
            f"{fmt.rupiah(b['garis_ekstrem'])} per jiwa per bulan."
        )
    if len(dana):
        poin.append(
            f"Bantuan tersalur Januari–{k.label}: "
            + "; ".join(
                f"{r['sumber_dana']} {fmt.rupiah_singkat(r['nilai'])}" for _, r in dana.iterrows()
            )
            + "."
        )
    return poin


# --- 4 strategy 2: income ---------------------------------------------------------------------


# The pocket row of skor_strategi, in Kota Pasuruan's word and where the region has desa.
INDIKATOR_KANTONG = ("Kelurahan kantong kemiskinan", "Desa/kelurahan kantong kemiskinan")

ASUMSI_2 = (
    "Penerima modal usaha dibandingkan dengan keluarga miskin ekstrem yang belum menerima pada "
    "triwulan yang sama, di kelurahan yang sama, dengan desil, jumlah anggota, pengeluaran per "
    "kapita dan status usaha yang sama (coarsened exact matching, berbobot). Keluar: laju per 100 "
    "keluarga-triwulan berisiko, rasio laju (GLM Poisson) dan rasio odds (regresi logistik "
    "waktu-diskret) dengan efek triwulan, kurva Kaplan–Meier. Risiko mulai triwulan sesudah "
    "triwulan mulai (k = 1); keluarga disensor saat meninggal, pindah, atau tak teramati lagi "
    "(tanpa kunjungan dan tidak di daftar). Pendapatan: selisih-dalam-selisih dengan event study "
    "(triwulan −1 acuan), nominal; selang 95 % dengan galat baku per keluarga. Bukan uji acak: "
    "dibaca sebagai dampak hanya bila penerima dan pembanding dalam sel yang sama akan bergerak "
    "sejajar tanpa program; hal yang tidak tercatat (semangat usaha, pilihan petugas) dan "
    "kunjungan yang lebih sering dapat membuat penerima tampak lebih baik."
)

BUKAN_ACAK_2 = "Bukan uji acak: keterkaitan, bukan bukti dampak."
RASIO_2 = (
    "Istilah teknis: laju keluar per 100 keluarga-triwulan berisiko; rasio laju (penerima ÷ "
    "pembanding, GLM Poisson) dengan selang kepercayaan 95 %; asosiasi setelah pencocokan, "
    "berlaku untuk penerima yang miskin ekstrem saat menerima. Penerima yang tidak bertanda "
    "miskin ekstrem pada daftar bertanda yang berlaku saat menerima (atau tanpa daftar bertanda "
    "saat itu) tidak dibandingkan: pertanyaannya tentang keluarga miskin ekstrem. Syarat Modal "
    "Usaha di data/reference/program.csv ('miskin ekstrem yang punya usaha') bukan aturan yang "
    "dipakai putaran DBHCHT, yang juga menyasar PEKKA, anggota KUBE, penyandang disabilitas dan "
    "penerima bansos APBD yang punya usaha."
)


def strategi_2(k: Konteks) -> tuple[Slide, list]:
    sub = f"Strategi 2 · Meningkatkan pendapatan: modal usaha dan KUBE · {k.label}"
    if not k.ada_daftar:
        return _kosong(
            "strategi_2",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Hasil modal usaha dan KUBE tidak dapat dihitung: belum ada daftar keluarga untuk {k.label}.",
        )
    src = "bantuan_modal_usaha_efek"
    efek = k.query(src, periode=k.periode)
    sampel = k.query("bantuan_modal_usaha_sampel", periode=k.periode)
    semua = sampel[sampel["kohort"] == "Semua"]
    semua = semua.iloc[0] if len(semua) else None
    kube = k.query("kube_tren", periode=k.periode)
    hazard, did = _efek_baris(efek, "hazard"), _efek_baris(efek, "did")
    rr = _efek_baris(efek, "rasio_laju")
    laju = {g: _efek_baris(efek[efek["kelompok"] == g], "laju") for g in ("penerima", "pembanding")}
    slide = Slide("strategi_2", 0, _judul_2(semua, k), sub)
    if hazard is not None and angka(efek.loc[efek["jenis"] == "km", "estimasi"]).notna().any():
        nama = {
            "penerima": f"Penerima (n = {teks(hazard['keluarga_penerima'], 'keluarga')})",
            "pembanding": f"Pembanding (n = {teks(hazard['keluarga_pembanding'], 'keluarga')})",
        }
        fig = charts_efek.kaplan_meier(
            efek, f"Masih miskin ekstrem per triwulan sejak modal usaha (s.d. {k.label})", nama
        )
        slide.grafik.append(Grafik("keluar_modal_usaha", figures.cetak_hitam_putih(fig)))
    if did is not None and pd.notna(angka([did["estimasi"]]).iloc[0]):
        fig = charts_efek.event_study(
            efek, f"Selisih pendapatan penerima − pembanding per triwulan (Rp, s.d. {k.label})"
        )
        slide.grafik.append(Grafik("pendapatan_modal_usaha", figures.cetak_hitam_putih(fig)))
    slide.tabel.append(_tabel_efek(efek))
    if len(kube):
        slide.tabel.append(_tabel_kube(kube))
    slide.poin = _poin_2(semua, rr, laju, did)
    if not slide.grafik and (semua is None or _nol(semua["dianalisis"])):
        slide.kosong = (
            f"Modal usaha: belum ada penerima sampai {k.label}."
            if semua is None or _nol(semua["penerima"])
            else f"Modal usaha: belum ada penerima yang punya keluarga pembanding sampai {k.label}."
        )
        slide.poin = slide.poin or [slide.kosong]
    slide.catatan = [
        *slide.poin,
        RASIO_2,
        ASUMSI_2.replace("di kelurahan yang sama", f"di {k.wilayah.label_desa_kecil} yang sama"),
        *_catatan_kube(kube),
        "KUBE aktif = kelompok berstatus aktif pada periode KUBE terakhir; omzet median per kelompok.",
        "Sumber: query bantuan_modal_usaha_efek (dari bantuan_modal_usaha_panel), "
        "bantuan_modal_usaha_sampel, kube_tren.",
        RAHASIA,
    ]
    kunci = []
    if semua is not None:
        kunci += [
            _k(
                "Penerima modal usaha dianalisis (keluarga)",
                sampel,
                int(semua.name),
                "dianalisis",
                "keluarga",
                "bantuan_modal_usaha_sampel",
            ),
            _k(
                "Penerima modal usaha sampai periode ini (keluarga)",
                sampel,
                int(semua.name),
                "penerima",
                "keluarga",
                "bantuan_modal_usaha_sampel",
            ),
        ]
    if rr is not None:
        kunci.append(
            _k(
                "Rasio laju keluar per triwulan (penerima ÷ pembanding)",
                efek,
                int(rr.name),
                "estimasi",
                "indeks",
                src,
            )
        )
    if did is not None:
        kunci.append(
            _k(
                "Selisih perubahan pendapatan penerima − pembanding (Rp per bulan)",
                efek,
                int(did.name),
                "estimasi",
                "rp",
                src,
            )
        )
    if len(kube):
        kunci.append(
            _k(
                "KUBE aktif (kelompok)",
                kube,
                len(kube) - 1,
                "kelompok_aktif",
                "kelompok",
                "kube_tren",
            )
        )
    return slide, kunci


def _efek_baris(efek: pd.DataFrame, jenis: str):
    part = efek[efek["jenis"] == jenis]
    return part.iloc[0] if len(part) else None


def _tabel_efek(efek: pd.DataFrame) -> Tabel:
    # One figure for the exit effect everywhere (Ringkasan, Bantuan, the deck): the rate ratio;
    # the odds ratio, a check of the same comparison, is named in the speaker notes only.
    df = efek[efek["jenis"].isin(["laju", "rasio_laju", "did"])].reset_index(drop=True)
    df["ukuran"] = [
        f"{u} ({g})" if isinstance(g, str) else u
        for u, g in zip(df["ukuran"], df["kelompok"], strict=True)
    ]
    kolom = {
        "ukuran": Kolom("Ukuran", "teks"),
        "estimasi": Kolom("Perkiraan", "desimal"),
        "bawah": Kolom("Batas bawah 95 %", "desimal"),
        "atas": Kolom("Batas atas 95 %", "desimal"),
        "keluarga_penerima": Kolom("Penerima (keluarga)", "keluarga"),
        "keluarga_pembanding": Kolom("Pembanding (keluarga)", "keluarga"),
    }
    # One money style in the printed table: the income difference as "Rp 394.551", a ratio
    # to two decimals, a rate to one (a mark of the policy stays as it is). The sheet keeps the
    # numbers, each row its own format.
    gaya = {"did": "rp", "rasio_laju": "indeks"}
    lembar = Tabel("x", "", df, kolom, "").angka()
    shown = df.copy()
    for col in ("estimasi", "bawah", "atas"):
        shown[col] = [
            teks(v, gaya.get(j, "desimal")) for v, j in zip(df[col], df["jenis"], strict=True)
        ]
    kolom_teks = {
        c: Kolom(k.label, "teks") if c in ("estimasi", "bawah", "atas") else k
        for c, k in kolom.items()
    }
    codes = "\t".join(
        {"rp": NUMBER_FORMATS["rp"], "indeks": NUMBER_FORMATS["indeks"]}.get(
            gaya.get(j, ""), NUMBER_FORMATS["desimal"]
        )
        for j in df["jenis"]
    )
    formats = {
        **{f"__baris__{kolom[c].label}": codes for c in ("estimasi", "bawah", "atas")},
        kolom["keluarga_penerima"].label: NUMBER_FORMATS["keluarga"],
        kolom["keluarga_pembanding"].label: NUMBER_FORMATS["keluarga"],
    }
    return Tabel(
        "efek_modal_usaha",
        "Modal usaha: penerima dibanding pembanding yang sebanding",
        shown,
        kolom_teks,
        "bantuan_modal_usaha_efek",
        lembar=lembar,
        lembar_format=formats,
    )


def _tabel_kube(kube: pd.DataFrame) -> Tabel:
    kolom = {
        "periode": Kolom("Periode", "periode"),
        "kelompok": Kolom("KUBE (kelompok)", "kelompok"),
        "kelompok_aktif": Kolom("KUBE aktif (kelompok)", "kelompok"),
        "keluarga_anggota_aktif": Kolom("Anggota KUBE aktif (keluarga)", "keluarga"),
        "omzet_bulanan_median": Kolom("Omzet median per KUBE aktif (Rp per bulan)", "rp"),
    }
    return Tabel("kube", "Kelompok Usaha Bersama (KUBE)", kube, kolom, "kube_tren")


def _ada(row) -> bool:
    return row is not None and pd.notna(angka([row["estimasi"]]).iloc[0])


def _mencakup_1(row) -> bool:
    """Whether the ratio's 95 % interval includes 1 (no difference shown)."""
    lo, hi = angka([row["bawah"], row["atas"]])
    return bool(lo <= 1 <= hi)


def _judul_2(semua, k: Konteks) -> str:
    """What the slide compares, without effect language (M6): the result is an association."""
    if semua is None or _nol(semua["dianalisis"]):
        return "Belum ada pembanding yang sebanding untuk penerima modal usaha"
    return (
        f"Modal usaha: {teks(semua['dianalisis'], 'keluarga')} dari "
        f"{teks(semua['penerima'], 'keluarga')} penerima dibandingkan dengan keluarga sebanding "
        f"yang belum menerima (s.d. {k.label})"
    )


def _poin_2(semua, rr, laju: dict, did) -> list[str]:
    """Slide 4's face: who is compared (and why the others are not, by the programme's own
    rule), the exit rates with their ratio in plain words, the income difference."""
    poin = []
    if semua is not None and not _nol(semua["penerima"]):
        # DPRD re-review N3: the ones left out are not "given against the rule". The modal
        # usaha rounds (DBHCHT) went to PEKKA, KUBE members, disabled and APBD-bansos recipients
        # with a business as well (domain brief §3.3); the comparison answers the question for
        # the extreme-poor only, so it keeps those who were extreme-poor on the list then.
        poin.append(
            f"Dibandingkan: {teks(semua['dianalisis'], 'keluarga')} dari "
            f"{teks(semua['penerima'], 'keluarga')} penerima, yaitu yang miskin ekstrem saat "
            f"menerima; {teks(semua['tanpa_pembanding'], 'keluarga')} tanpa pembanding. "
            f"{teks(semua['tidak_ekstrem'], 'keluarga')} lainnya tidak bertanda miskin ekstrem "
            "saat menerima: modal usaha juga untuk PEKKA, anggota KUBE, penyandang disabilitas "
            "dan penerima bansos APBD yang punya usaha."
        )
    if _ada(rr):
        l1, l0 = laju["penerima"], laju["pembanding"]
        beda = "; belum terbukti berbeda" if _mencakup_1(rr) else ""
        kali = (
            f": penerima {teks(rr['estimasi'], 'desimal')} kali lebih sering"
            if not _mencakup_1(rr) and not _tersamar(rr["estimasi"])
            else ""
        )
        # "per 100 keluarga-triwulan berisiko" and "rasio laju" said in words (review R2-6):
        # of 100 still extreme-poor at the start of a quarter, how many leave in it; the
        # precise names are in the notes (RASIO_2)
        banding = (
            f"penerima {teks(rr['estimasi'], 'indeks')} kali laju pembanding"
            if not kali
            else kali.removeprefix(": ")
        )
        poin.append(
            f"Keluar tiap triwulan: {fmt.angka(l1['estimasi'], 1)} dari 100 penerima yang masih "
            f"miskin ekstrem, {fmt.angka(l0['estimasi'], 1)} dari 100 pembanding: {banding} "
            f"(kisaran 95 %: {teks(rr['bawah'], 'indeks')}–{teks(rr['atas'], 'indeks')}{beda}). "
            + BUKAN_ACAK_2
        )
    if _ada(did):
        poin.append(
            f"Pendapatan: perubahan penerima dikurangi perubahan pembanding "
            f"{fmt.rupiah(did['estimasi'])} per keluarga per bulan (95 %: "
            f"{fmt.rupiah(did['bawah'])} s.d. {fmt.rupiah(did['atas'])})."
        )
    if poin and not any(BUKAN_ACAK_2 in p for p in poin):  # the caveat always on the face
        poin[0] += " " + BUKAN_ACAK_2
    return poin


def _catatan_kube(kube: pd.DataFrame) -> list[str]:
    if not len(kube):
        return []
    last = kube.iloc[-1]
    return [
        f"KUBE: {teks(last['kelompok_aktif'], 'kelompok')} dari {teks(last['kelompok'], 'kelompok')} "
        f"kelompok aktif ({fmt.periode(last['periode'])}), omzet median "
        f"{fmt.rupiah(last['omzet_bulanan_median'])} per kelompok per bulan."
    ]


# --- 5 strategy 3: pockets --------------------------------------------------------------------


def strategi_3(k: Konteks) -> tuple[Slide, list]:
    sub = f"Strategi 3 · Menghapus kantong kemiskinan · {k.label}"
    if not k.ada_daftar:
        return _kosong(
            "strategi_3",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Kantong kemiskinan tidak dapat dihitung: belum ada daftar keluarga untuk {k.label}.",
        )
    peta = _peta(k)
    ranked = peta.df[peta.df["peringkat"].notna() & (peta.df["kelurahan"] != k.nama)]
    ranked = ranked.sort_values("peringkat")
    top = ranked.head(5)
    # Nothing reaches the index's base: the slide's table lists the kelurahan that have
    # extreme-poor keluarga instead (a hidden count is not 0), in the query's order.
    # Five rows always when the city has five kelurahan with extreme-poor keluarga: the ranked
    # ones first (rank order), then the pockets, then the highest rates (a hidden rate last).
    rows = peta.df[(peta.df["kelurahan"] != k.nama) & ~peta.df["kode_kel"].isin(top["kode_kel"])]
    rows = rows[rows["keluarga_miskin_ekstrem"].ne(0)]
    rows = rows.assign(
        _k=(rows["kantong"] != "ya").to_numpy(), _p=angka(rows["per_1000_keluarga"]).to_numpy()
    ).sort_values(["_k", "_p"], ascending=[True, False], na_position="last", kind="stable")
    daftar = pd.concat([top, rows.drop(columns=["_k", "_p"])]).head(5)
    skor = k.query("skor_strategi", periode=k.periode)
    kantong = skor.loc[skor["indikator"].isin(INDIKATOR_KANTONG), "nilai"]
    n_kantong = int(kantong.iloc[0]) if len(kantong) and pd.notna(kantong.iloc[0]) else None
    # The pockets by the one definition (kantong_kelurahan), named in the index's order.
    # every pocket, ranked by the index or not (the status does not need the index's base):
    # ranked ones first in rank order, then by rate
    alle = peta.df[(peta.df["kelurahan"] != k.nama) & (peta.df["kantong"] == "ya")]
    pockets = alle.assign(
        _r=angka(alle["peringkat"]).to_numpy(), _p=angka(alle["per_1000_keluarga"]).to_numpy()
    ).sort_values(["_r", "_p"], ascending=[True, False], na_position="last")
    klaster = k.query("peta_klaster", periode=k.periode)
    slide = Slide("strategi_3", 0, _judul_3(pockets, n_kantong, top, klaster, k), sub)
    body = peta.df[peta.df["kelurahan"] != k.nama]
    # The whole city on one map, on the screen as in the files: every kelurahan coloured by its
    # rate (each has one; the index only those with a base large enough), the pockets outlined
    # thick, the index's top five numbered, every kelurahan named.
    marks = {c: str(int(r)) for c, r in zip(top["kode_kel"], top["peringkat"], strict=True)}
    col, label = "per_1000_keluarga", "Per 1.000 keluarga"
    if len(pockets):
        title = (
            f"Keluarga miskin ekstrem per 1.000 keluarga per {k.wilayah.label_desa_kecil}; {fmt.angka(len(pockets))} "
            f"kantong bergaris tebal ({k.label})"
        )
    else:
        title = f"Keluarga miskin ekstrem per 1.000 keluarga per {k.wilayah.label_desa_kecil} ({k.label})"
    legenda = (
        f"{k.wilayah.label_desa} kantong (garis tebal)",
        # as many ranks as are drawn (N6: "1–5" with one rank on the map)
        (f"1–{len(top)}" if len(top) > 1 else "1") + ": peringkat indeks kantong"
        if len(top)
        else "belum ada peringkat indeks",
    )
    if angka(body[col]).notna().any():
        fig = maps.peta_statis(
            body, col, label, title, marks, set(pockets["kode_kel"]), legenda=legenda
        )
        slide.grafik.append(Grafik("peta_kantong", fig))
    tren = tren_kecamatan(k)
    if tren is not None:
        slide.grafik.append(Grafik("tren_kecamatan", _grafik_tren_kec(tren, k)))
    teratas = Tabel(
        "kelurahan_teratas",
        f"Lima {k.wilayah.label_desa_kecil} prioritas: peringkat indeks kantong, lalu kantong dan angka per 1.000"
        if len(top)
        else f"{k.wilayah.label_desa} dengan keluarga miskin ekstrem (belum ada yang cukup besar untuk indeks)",
        daftar,
        # short headers: the slide's table sits beside a chart (the full ones in peta_kelurahan)
        {
            "peringkat": Kolom("Peringkat", "kelurahan"),
            "kelurahan": Kolom(k.wilayah.label_desa, "teks"),
            "kantong": Kolom("Kantong", "teks"),
            "indeks_kantong": Kolom("Indeks (0–100)", "desimal"),
            "keluarga_miskin_ekstrem": Kolom("Miskin ekstrem (keluarga)", "keluarga"),
            "per_1000_keluarga": Kolom("Per 1.000 keluarga", "desimal"),
            "keluarga_belum_tercakup": Kolom("Belum tercakup (keluarga)", "keluarga"),
        },
        "peta_kelurahan",
        di_slide=True,
    )
    slide.tabel += [teratas, peta, *([tren] if tren is not None else [])]
    slide.poin = (
        _poin_3(top, pockets, klaster, skor, k)
        if n_kantong is not None
        # a flagless list: its "clusters" would be of a rate it does not carry
        else ["Indeks, status kantong dan klaster memerlukan daftar yang menandai miskin ekstrem."]
    )
    if n_kantong is None:
        slide.kosong = (
            f"Kantong kemiskinan: daftar {k.label} tidak menandai keluarga miskin ekstrem, jadi "
            "kantong tidak dapat ditentukan."
        )
    unit = k.wilayah.label_desa_kecil
    slide.catatan = [
        *slide.poin,
        kantong_3(k.wilayah.jenis, k.wilayah.label_desa_kecil),
        peta_mod.kalimat_batas_uji().replace("**", ""),
        "Indeks kantong = 100 kali rata-rata tiga komponen yang dihaluskan dengan Bayes empiris "
        f"({unit} berdasar kecil ditarik ke angka {k.wilayah.jenis}) lalu diskalakan min–maks atas semua "
        f"{unit} (komponen yang oleh penghalusan menjadi sama di semua {unit}, karena "
        "perbedaannya tidak melebihi kebetulan, tidak ikut dirata-rata)"
        f"; hanya {unit} dengan sedikitnya {peta_mod.DASAR_INDEKS} "
        f"{peta_mod.SATUAN_DASAR_INDEKS} yang diberi indeks dan peringkat (dasar kecil "
        "ditandai *): keluarga miskin ekstrem per 1.000 keluarga "
        "dalam daftar, porsi belum tercakup program, rata-rata empat porsi deprivasi rumah "
        "(lantai tanah, air minum tidak layak, tanpa jamban sendiri, penerangan bukan PLN). "
        "Indeks mengurutkan prioritas; ia tidak menentukan status kantong. Angka per 1.000 "
        "disertai selang 95 % (Wilson) di tabel.",
        "Klaster: Local Moran's I pada angka yang dihaluskan Bayes empiris, tetangga "
        f"{_batas_tetangga(k)}, 999 permutasi, koreksi uji berganda FDR 5 %; 'kelompok {unit} bertetangga "
        "yang sama-sama tinggi' di slide = klaster Tinggi-Tinggi yang bertahan setelah koreksi "
        "itu.",
        "Sumber: query peta_kelurahan, peta_klaster, skor_strategi, tren_miskin_ekstrem.",
        RAHASIA,
    ]
    kunci = []
    if len(top):
        kunci.append(
            AngkaKunci(
                "Indeks kantong tertinggi (0–100)",
                top.iloc[0]["indeks_kantong"],
                f"{singkatan(top.iloc[0]['kode_kel'])}{top.iloc[0]['kelurahan']}: {fmt.angka(top.iloc[0]['indeks_kantong'], 1)}",
                "peta_kelurahan",
                "indeks_kantong",
            )
        )
    if n_kantong is not None:
        kunci.append(
            AngkaKunci(
                f"{k.wilayah.label_desa} kantong kemiskinan".capitalize(),
                n_kantong,
                fmt.angka(n_kantong),
                "skor_strategi",
                "nilai",
            )
        )
    return slide, kunci


def _batas_tetangga(k: Konteks) -> str:
    """Where the clusters' neighbours come from, as the Peta page says (peta.penjelasan_hotspot):
    Kota Pasuruan's shipped BPS 2020 map, else the installed boundaries or the approximate map."""
    return "dari batas BPS 2020" if k.wilayah.kode == BAWAAN else peta_mod.BATAS_TETANGGA


def _peta(k: Konteks) -> Tabel:
    counts = privacy.rules("peta_kelurahan").counts

    def with_total(raw: pd.DataFrame) -> pd.DataFrame:
        total = pd.DataFrame({"kelurahan": [k.nama], **{c: [raw[c].sum()] for c in counts}})
        return pd.concat([raw, total], ignore_index=True)

    # The city row makes the header's implied total a last row.
    df = k.tabel("peta_kelurahan", with_total, {"periode": k.periode}, total_row=True)
    # the pocket status as words (a hidden cell keeps its mark)
    df["kantong"] = [
        v if isinstance(v, str) else ("ya" if v is True or v is np.True_ else "–")
        for v in df["kantong"]
    ]
    kolom = {
        "peringkat": Kolom("Peringkat", "kelurahan"),
        "kode_kel": Kolom("Kode Kemendagri", "teks"),
        "kelurahan": Kolom(k.wilayah.label_desa, "teks"),
        "kecamatan": Kolom("Kecamatan", "teks"),
        "kantong": Kolom("Kantong", "teks"),
        "indeks_kantong": Kolom("Indeks kantong (0–100)", "desimal"),
        "keluarga": Kolom("Keluarga dalam daftar (keluarga)", "keluarga"),
        "keluarga_miskin_ekstrem": Kolom("Miskin ekstrem (keluarga)", "keluarga"),
        "per_1000_keluarga": Kolom("Miskin ekstrem per 1.000 keluarga", "desimal"),
        "per_1000_bawah": Kolom("Per 1.000: batas bawah 95 %", "desimal"),
        "per_1000_atas": Kolom("Per 1.000: batas atas 95 %", "desimal"),
        # the bound the pocket test compares with the city's rate (BPS review 4, S1)
        "per_1000_batas_uji": Kolom(peta_mod.KOLOM_BATAS_UJI, "desimal"),
        "porsi_kota": Kolom(f"Porsi {k.wilayah.jenis} (%)", "persen"),
        "keluarga_belum_tercakup": Kolom("Belum tercakup (keluarga)", "keluarga"),
        "porsi_belum_tercakup": Kolom("Belum tercakup (%)", "persen"),
        "rata_deprivasi": Kolom("Rata-rata deprivasi rumah (%)", "persen"),
    }
    judul = f"Kantong kemiskinan per {k.wilayah.label_desa_kecil}"
    return Tabel("peta_kelurahan", judul, df, kolom, "peta_kelurahan")


def _grafik_tren_kec(tren: Tabel, k: Konteks):
    prov = k.wilayah.adalah_provinsi
    cols = [c for c in tren.kolom if c not in ("periode", k.nama)]
    long = tren.df.melt(
        id_vars="periode", value_vars=cols, var_name="kecamatan", value_name="keluarga"
    )
    long = long.assign(
        bulan=long["periode"].map(figures.periode_singkat),
        keluarga=angka(long["keluarga"]).to_numpy(),
    )
    last = long[long["periode"] == long["periode"].max()].sort_values("keluarga", ascending=False)
    if prov:  # a legend of 38 cannot be read: Ringkasan's 8 with the most, from its query
        delapan = k.query("tren_miskin_ekstrem_kabupaten", periode=k.periode)[
            "kabupaten_kota"
        ].unique()
        long = long[long["kecamatan"].isin(delapan)]
        last = last[last["kecamatan"].isin(delapan)]
    awal = "" if prov else "Kec. "
    title = (
        f"Keluarga miskin ekstrem per {'kabupaten/kota' if prov else 'kecamatan'}"
        f"{' (8 terbanyak)' if prov else ''}; terbanyak di {awal}"
        f"{last.iloc[0]['kecamatan']} ({teks(last.iloc[0]['keluarga'], 'keluarga')} keluarga, "
        f"{k.label})"
    )
    fig = trends.line(
        long,
        "bulan",
        "keluarga",
        title,
        color="kecamatan",
        target=0,
        # no y-axis title: the chart's title says what is counted (a vertical title in a short
        # chart ran into it)
        labels={"bulan": "", "keluarga": "", "kecamatan": ""},
    )
    fig = figures.sumbu_periode(fig, long["periode"].nunique(), per_label=5)
    # room above the highest line for the note on the national target (it hid a point)
    top = angka(long["keluarga"]).max()
    fig.update_yaxes(tickformat=",d", range=[0, (top if top == top and top > 0 else 1) * 1.5])
    return figures.cetak_hitam_putih(fig)


def kantong_3(jenis: str, unit: str = "kelurahan") -> str:
    """The one pocket definition for the notes, against the rate of the region ('angka kota',
    'angka kabupaten', 'angka provinsi'), its units named by `unit` ('desa/kelurahan' where the
    region has desa)."""
    return (
        f"{unit.capitalize()} kantong (satu definisi: kartu skor, peta, paparan) = {unit} yang "
        "angka keluarga miskin ekstrem per 1.000 keluarga dalam daftarnya di atas angka "
        f"{jenis} melampaui kebetulan: batas bawah selang Wilson (uji satu sisi 5 % dengan "
        f"koreksi Bonferroni atas semua {unit}) di atas angka {jenis}. Dibandingkan dengan "
        f"angka {jenis}, jumlahnya dapat naik walau semua {unit} membaik: ia mengukur "
        "pemusatan, bukan kemajuan."
    )


def _judul_3(pockets: pd.DataFrame, n_kantong, top: pd.DataFrame, klaster, k: Konteks) -> str:
    """Names only what the one pocket definition supports (M4); none → says so, and whether
    any cluster survives the multiple-testing correction."""
    if n_kantong is None:
        return f"Daftar {k.label} tidak menandai miskin ekstrem: kantong tidak dapat ditentukan"
    hh = klaster["kuadran"].eq("Tinggi-Tinggi (kantong)").any() if len(klaster) else False
    # in words (review R2-6); "koreksi uji berganda" is in the notes
    acak = (
        ""
        if hh
        else f"; tidak tampak kelompok {k.wilayah.label_desa_kecil} bertetangga yang sama-sama tinggi"
    )
    if len(pockets):
        # every pocket named, or "… dan N lainnya" (BPS review 3, B4)
        names = peta_mod.nama_kantong(pockets.assign(kantong=True))
        # short enough for two lines at 20 pt over its subtitle (which carries the period; the
        # cluster sentence is the slide's point): DPRD review 3, M1
        return f"{fmt.angka(n_kantong)} {k.wilayah.label_desa_kecil} kantong kemiskinan (di atas angka {k.wilayah.jenis}): {names}"
    if len(top):
        return f"Belum ada {k.wilayah.label_desa_kecil} yang terbukti di atas angka {k.wilayah.jenis}{acak} ({k.label})"
    return (
        f"Belum ada {k.wilayah.label_desa_kecil} dengan dasar cukup untuk indeks kantong maupun status kantong "
        f"(sedikitnya {peta_mod.DASAR_INDEKS} {peta_mod.SATUAN_DASAR_INDEKS}, {k.label})"
    )


def _poin_3(
    top: pd.DataFrame, pockets: pd.DataFrame, klaster: pd.DataFrame, skor: pd.DataFrame, k
) -> list[str]:
    poin = []
    if len(top):
        urut = "; ".join(
            f"{int(r['peringkat'])}. {singkatan(r['kode_kel'])}{r['kelurahan']} {fmt.angka(r['indeks_kantong'], 1)}"
            + (" (kantong)" if r["kode_kel"] in set(pockets["kode_kel"]) else "")
            for _, r in top.head(3).iterrows()
        )
        poin.append(
            f"Urutan prioritas (indeks 0–100, hanya {k.wilayah.label_desa_kecil} dengan ≥ {peta_mod.DASAR_INDEKS} "
            f"{peta_mod.SATUAN_DASAR_INDEKS}): {urut}."
        )
    else:
        poin.append(
            f"Tidak ada {k.wilayah.label_desa_kecil} dengan ≥ {peta_mod.DASAR_INDEKS} {peta_mod.SATUAN_DASAR_INDEKS}: "
            "indeks dan peringkat tidak diberikan pada dasar sekecil itu."
        )
    poin.append(_klaster_3(klaster, k.wilayah.label_desa_kecil))
    parts = []
    for indikator, label in (
        ("Keluarga miskin ekstrem berlantai tanah", "berlantai tanah"),
        ("Keluarga miskin ekstrem tanpa jamban sendiri", "tanpa jamban sendiri"),
    ):
        row = skor[skor["indikator"] == indikator]
        if len(row) and pd.notna(row.iloc[0]["nilai"]):
            r = row.iloc[0]
            # the previous flagged list (skor_strategi); none for the first one
            banding = (
                f" ({fmt.periode(r['periode_pembanding'])}: {fmt.persen(r['nilai_sebelumnya'])})"
                if pd.notna(r["nilai_sebelumnya"])
                else ""
            )
            parts.append(f"{label} {fmt.persen(r['nilai'])}{banding}")
    if parts:
        poin.append("Keluarga miskin ekstrem " + "; ".join(parts) + ".")
    return poin


def _klaster_3(klaster: pd.DataFrame, unit: str = "kelurahan") -> str:
    """The LISA after the FDR cut in one plain sentence (peta_klaster); `unit` the region's
    word for its desa/kelurahan, each named with its own (Kel. A, Desa B)."""
    if klaster.empty or not klaster["kuadran"].isin(list(peta_mod.KUADRAN_WARNA)[:5]).any():
        return f"Klaster: belum dapat diuji (angka terlalu sedikit {unit})."
    hh = klaster[klaster["kuadran"] == "Tinggi-Tinggi (kantong)"]
    if len(hh):
        codes = list(hh["kode_kel"]) if "kode_kel" in hh else [None] * len(hh)
        names = ", ".join(f"{singkatan(c)}{n}" for c, n in zip(codes, hh["kelurahan"], strict=True))
        if len({singkatan(c) for c in codes}) == 1:  # one word for all: "Kel. A, B" as before
            names = singkatan(codes[0]) + ", ".join(hh["kelurahan"])
        return f"Kelompok {unit} bertetangga yang sama-sama tinggi (bukan kebetulan): {names}."
    if klaster["kuadran"].isin(list(peta_mod.KUADRAN_WARNA)[:4]).any():
        return (
            f"Tidak tampak kelompok {unit} bertetangga yang sama-sama tinggi; pola lain ada di "
            "peta klaster."
        )
    return (
        # not "indistinguishable from chance": the pockets above are; Local Moran asks only
        # whether high rates sit side by side (BPS review 4, N3)
        f"Tidak tampak kelompok {unit} bertetangga yang sama-sama tinggi: kantong di atas "
        "berdiri sendiri-sendiri, tidak berdampingan."
    )


# --- 6 what comes next ------------------------------------------------------------------------


def selanjutnya(k: Konteks) -> tuple[Slide, list]:
    sub = f"Langkah berikutnya menuju target akhir 2026 · {k.label}"
    if not k.ada_daftar:
        return _kosong(
            "selanjutnya",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Langkah berikutnya disusun dari daftar keluarga; belum ada daftar untuk {k.label}.",
        )
    tepat = k.query("bantuan_ketepatan_sasaran", periode=k.periode)
    langkah = k.query("langkah_berikutnya", periode=k.periode)
    skor = _skor(k)
    sisa = _bulan_ke_target(k.periode)
    kota = tepat[tepat["acuan"] == "miskin_ekstrem"]
    e = kota.iloc[0] if len(kota) else None
    n = langkah.iloc[0] if len(langkah) else None
    judul = "Langkah berikutnya"
    if n is not None:
        judul = (
            f"Sebelum akhir 2026: jangkau {teks(n['keluarga_belum_tercakup_bansos'], 'keluarga')} "
            f"keluarga miskin ekstrem yang belum tercakup bansos dan beri modal usaha kepada "
            f"{teks(n['keluarga_usaha_tanpa_modal'], 'keluarga')} keluarga yang punya usaha"
        )
    slide = Slide("selanjutnya", 0, judul, sub)
    slide.tabel.append(skor)
    target = k.query("tren_target_kecamatan", periode=k.periode)
    laju = _poin_laju(target, k)
    slide.poin = [laju or sisa]
    # The SK list alone does not measure the target (BPS re-review N2): the families below the
    # line but not flagged go to verval/usulan first, on the face of the slide.
    rek = k.query("beban_rekonsiliasi", periode=k.periode)
    if (
        len(rek)
        and rek.iloc[0]["ada_tanda_ekstrem"]
        and not isinstance(rek.iloc[0]["keluarga_di_bawah_tidak_ditandai"], str)  # hidden: no line
    ):
        r = rek.iloc[0]
        slide.poin.append(
            f"Verval/usulan: {teks(r['keluarga_di_bawah_tidak_ditandai'], 'keluarga')} keluarga "
            f"({teks(r['jiwa_di_bawah_tidak_ditandai'], 'jiwa')} jiwa) berbelanja di bawah garis "
            "ekstrem tetapi belum ditandai; daftar SK saja bukan ukuran target."
        )
    if n is not None:
        slide.poin.append(
            f"Jangkau {teks(n['keluarga_belum_tercakup_bansos'], 'keluarga')} keluarga miskin "
            f"ekstrem dalam daftar {k.label} yang belum tercakup bansos (strategi 1)."
        )
    # The review list is (b): recipients outside their own programme's rule when paid (M3);
    # (a)-inclusion, against the extreme-poor list, is no action: most rules are wider.
    per = tepat[tepat["acuan"] == "syarat_program"]
    per = per.assign(_n=angka(per["kpm_bukan_sasaran"]).to_numpy())
    per = per[per["_n"].isna() | (per["_n"] > 0)].sort_values(
        "_n", ascending=False, na_position="last", kind="stable"
    )
    if len(per):
        slide.poin.append(
            "Tinjau KPM yang tidak memenuhi syarat programnya sendiri saat dibayar: "
            + "; ".join(
                f"{r['program']} {teks(r['kpm_bukan_sasaran'], 'kpm')} KPM "
                f"({teks(r['kesalahan_inklusi'], 'persen')})"
                for _, r in per.head(3).iterrows()
            )
            + (f". {_eksklusi(e)}." if e is not None else ".")
        )
    elif e is not None:
        slide.poin.append(f"{_eksklusi(e)}; tidak ada penerima di luar syarat programnya sendiri.")
    if n is not None:
        slide.poin.append(
            f"Modal usaha untuk {teks(n['keluarga_usaha_tanpa_modal'], 'keluarga')} keluarga "
            f"miskin ekstrem dalam daftar {k.label} yang punya usaha tetapi belum menerimanya"
            + (
                f" ({teks(n['keluarga_usaha_tanpa_modal_sudah_keluar'], 'keluarga')} di antaranya "
                "sudah tercatat keluar dari kemiskinan ekstrem saat pemantauan: cek dulu)."
                if not _nol(n["keluarga_usaha_tanpa_modal_sudah_keluar"])
                else "."
            )
        )
    # Only when the pocket slide names pockets (review R1-6: a flagless list has none to point
    # to); by the strategy's name, since a period with empty slides has fewer of them
    skor_k = k.query("skor_strategi", periode=k.periode)
    kantong = skor_k.loc[skor_k["indikator"].isin(INDIKATOR_KANTONG), "nilai"]
    n_kantong = kantong.iloc[0] if len(kantong) else None
    if n_kantong is not None and not isinstance(n_kantong, str) and pd.notna(n_kantong):
        slide.poin.append(
            f"Utamakan {fmt.angka(n_kantong)} {k.wilayah.label_desa_kecil} kantong (peta Strategi 3) untuk RTLH, "
            "jamban, air bersih dan listrik."
            if n_kantong > 0
            else f"Belum ada {k.wilayah.label_desa_kecil} kantong: RTLH, jamban, air bersih dan listrik menurut "
            "angka per 1.000 keluarga tertinggi (peta Strategi 3)."
        )
    slide.catatan = [
        *slide.poin,
        "Semua sasaran dihitung dari daftar periode ini (daftar terkini), bukan dari semua daftar "
        "sebelumnya: keluarga yang sudah keluar dari daftar tidak lagi dihitung.",
        "Kesalahan eksklusi = keluarga miskin ekstrem yang tidak menerima program apa pun ÷ semua "
        "keluarga miskin ekstrem. KPM yang ditinjau = penerima (tersalur dalam 12 bulan atau "
        "terdaftar) yang tidak memenuhi syarat programnya sendiri (data/reference/program.csv) "
        "menurut daftar yang berlaku saat dibayar; kesalahan inklusi = mereka ÷ penerima yang "
        "dinilai. Penerima yang tidak lagi dalam daftar (meninggal, pindah, keluar) dihitung "
        "sendiri, bukan kesalahan inklusi. Kesalahan inklusi terhadap daftar miskin ekstrem tidak "
        "dipakai: syarat sebagian besar program lebih luas dari daftar itu.",
        "Kartu skor: arah 'membaik' = bergerak ke arah yang diharapkan dibanding daftar bertanda "
        "miskin ekstrem sebelumnya; 'keluar tahun ini' dibanding rentang yang sama tahun lalu. "
        "Daftar tanpa status miskin ekstrem tidak dibandingkan.",
        "Laju menuju target (tren_target_kecamatan): perlu turun per triwulan = keluarga miskin "
        "ekstrem dalam daftar ÷ triwulan tersisa sampai akhir 2026; dicapai = rata-rata turun "
        "per triwulan sejak daftar bertanda sedikitnya 12 bulan sebelumnya; proyeksi = jumlah "
        "sekarang dikurangi laju yang dicapai dikali triwulan tersisa (tidak di bawah 0), dengan "
        "anggapan laju itu bertahan. Target Inpres 8/2025 adalah tingkat kemiskinan ekstrem "
        "nasional dari Susenas BPS (jiwa); jumlah keluarga di daftar SK bukan ukurannya.",
        *_catatan_laju(target, k),
        "Sumber: query langkah_berikutnya, bantuan_ketepatan_sasaran, beban_rekonsiliasi, "
        "skor_strategi, tren_target_kecamatan.",
        RAHASIA,
    ]
    kunci = []
    kota_target = target[target["kecamatan"] == k.nama] if len(target) else target
    if len(kota_target) and pd.notna(kota_target.iloc[0]["proyeksi_akhir_2026"]):
        i = int(kota_target.index[0])
        kunci += [
            _k(
                "Perlu turun per triwulan agar daftar SK 0 pada akhir 2026 (keluarga)",
                target,
                i,
                "laju_perlu",
                "desimal",
                "tren_target_kecamatan",
            ),
            _k(
                "Turun per triwulan yang dicapai setahun terakhir (keluarga)",
                target,
                i,
                "laju_capai",
                "desimal",
                "tren_target_kecamatan",
            ),
            _k(
                "Proyeksi daftar SK akhir 2026 bila laju itu bertahan (keluarga)",
                target,
                i,
                "proyeksi_akhir_2026",
                "desimal",
                "tren_target_kecamatan",
            ),
        ]
    if n is not None:
        kunci += [
            _k(
                "Keluarga miskin ekstrem belum tercakup bansos",
                langkah,
                0,
                "keluarga_belum_tercakup_bansos",
                "keluarga",
                "langkah_berikutnya",
            ),
            _k(
                "Keluarga miskin ekstrem punya usaha, belum menerima modal usaha",
                langkah,
                0,
                "keluarga_usaha_tanpa_modal",
                "keluarga",
                "langkah_berikutnya",
            ),
        ]
    return slide, kunci


def _nol(v) -> bool:
    """A count that is 0 (a suppressed '<5' or '×' is not)."""
    return not isinstance(v, str) and pd.notna(v) and v == 0


def _eksklusi(e) -> str:
    """The exclusion error in plain words first, its name after (a newspaper must not read
    "17 % salah data")."""
    return (
        f"Keluarga miskin ekstrem yang tidak menerima program apa pun: "
        f"{teks(e['kesalahan_eksklusi'], 'persen')} (kesalahan eksklusi)"
    )


def _poin_laju(target: pd.DataFrame, k: Konteks) -> str | None:
    """Are we on pace? The city row of tren_target_kecamatan in one sentence: the pace the SK
    list needs to reach 0 by the end of 2026, the pace achieved, the projection and its
    assumption, and that the national target is BPS's rate in jiwa, not this count."""
    kota = target[target["kecamatan"] == k.nama] if len(target) else target
    if kota.empty:
        return None
    t = kota.iloc[0]
    if pd.isna(t["triwulan_tersisa"]) or _tersamar(t["laju_perlu"]):
        return None
    sisa = teks(t["triwulan_tersisa"], "desimal").removesuffix(",0")
    perlu = teks(t["laju_perlu"], "desimal").removesuffix(",0")
    kalimat = (
        f"Menuju akhir 2026 ({sisa} triwulan lagi): agar 0, daftar SK perlu turun {perlu} "
        "keluarga per triwulan"
    )
    if not _tersamar(t["laju_capai"]) and not _tersamar(t["proyeksi_akhir_2026"]):
        capai = angka([t["laju_capai"]]).iloc[0]
        arah = f"turun {fmt.angka(capai, 1)}" if capai >= 0 else f"naik {fmt.angka(-capai, 1)}"
        kalimat += (
            f"; setahun terakhir {arah} per triwulan: bila bertahan, sekitar "
            f"{fmt.angka(t['proyeksi_akhir_2026'])} keluarga pada akhir 2026"
        )
    return kalimat + ". Target nasional 0 % diukur BPS dalam jiwa (Susenas), bukan daftar ini."


def _catatan_laju(target: pd.DataFrame, k: Konteks) -> list[str]:
    """The pace per kecamatan for the speaker notes."""
    rows = target[target["kecamatan"] != k.nama] if len(target) else target
    if rows.empty:
        return []
    return [
        "Laju per kecamatan (keluarga per triwulan, perlu / dicapai → proyeksi akhir 2026): "
        + "; ".join(
            f"Kec. {r['kecamatan']} {teks(r['laju_perlu'], 'desimal')} / "
            f"{teks(r['laju_capai'], 'desimal')} → {teks(r['proyeksi_akhir_2026'], 'keluarga')}"
            for _, r in rows.iterrows()
        )
        + "."
    ]


def _bulan_ke_target(periode: str | None) -> str:
    if not periode:
        return f"Target: {TARGET}."
    year, month = (int(x) for x in periode.split("-")[:2])
    months = (2026 - year) * 12 + (12 - month)
    if months <= 0:
        return f"Target {TARGET} telah jatuh tempo."
    return f"{fmt.angka(months)} bulan lagi dari {fmt.periode(periode)} ke target {TARGET}."


def _skor(k: Konteks) -> Tabel:
    # Counts of keluarga and KPM are suppressed by the header (counts_where).
    raw = k.query("skor_strategi", periode=k.periode)
    df = raw.copy()
    for col in ("nilai", "nilai_sebelumnya"):
        df[col] = [_skor_teks(v, s) for v, s in zip(raw[col], raw["satuan"], strict=True)]
    words = raw["arah"] if "arah" in raw else pd.Series([None] * len(raw), index=raw.index)
    df["arah"] = [
        # hidden ("×") with a value it compares: shown as it is, never read as true; else the
        # query's own words (a change within its 95 % interval is "tidak berubah berarti")
        m
        if isinstance(m, str)
        else (
            ("membaik" if m else "memburuk")
            if pd.notna(m)
            else (
                "belum ada pembanding"
                if pd.isna(p) or pd.isna(v)
                else (w if isinstance(w, str) and w else "tetap")
            )
        )
        for m, p, v, w in zip(
            raw["membaik"], raw["periode_pembanding"], raw["nilai_sebelumnya"], words, strict=True
        )
    ]
    # The previous flagged list; for a year-to-date row the same span a year earlier.
    df["pembanding"] = [
        "–" if pd.isna(p) else (_rentang(p) if ytd else fmt.periode(p))
        for p, ytd in zip(raw["periode_pembanding"], raw["sejak_awal_tahun"], strict=True)
    ]
    # One line per indicator on the slide (all nine rows fit, as on the screen): the period
    # compared goes with its value, the strategy before the indicator.
    df["indikator"] = [
        f"{s_} · {i}" for s_, i in zip(raw["strategi"], raw["indikator"], strict=True)
    ]
    # the slide's comparison with its period short ("83,8% (Jun 2026)"); the sheet keeps it whole
    df["nilai_sebelumnya"] = [
        v if pd.isna(p) else f"{v} ({_singkat(p, ytd)})"
        for v, p, ytd in zip(
            df["nilai_sebelumnya"], raw["periode_pembanding"], raw["sejak_awal_tahun"], strict=True
        )
    ]
    kolom = {
        "indikator": Kolom("Strategi · indikator", "teks"),
        "nilai": Kolom(k.label, "teks"),
        "nilai_sebelumnya": Kolom("Pembanding", "teks"),
        "arah": Kolom("Arah", "teks"),
    }
    lembar, formats = _skor_lembar(raw, df, k.label)
    return Tabel(
        "kartu_skor",
        "Kartu skor tiga strategi",
        df,
        kolom,
        "skor_strategi",
        di_slide=True,
        lembar=lembar,
        lembar_format=formats,
    )


def _singkat(p: str, ytd: bool) -> str:
    """'2026-06' → 'Jun 2026'; a year-to-date span 'Jan–Sep 2025'."""
    short = figures.periode_singkat(p)
    return f"Jan–{short}" if ytd else short


SATUAN_LEMBAR = {"persen": "%"}


def _skor_lembar(raw: pd.DataFrame, shown: pd.DataFrame, label: str):
    """The scorecard for a spreadsheet: the value and its comparison as numbers (a share as
    0,83 shown 83,0%, a count 612 shown 612) with a unit column, a hidden value an empty cell
    with a note; the words beside them as on the slide."""
    from pantau.report.deck import NUMBER_FORMATS

    def number(v):
        return None if isinstance(v, str) or pd.isna(v) else float(v)

    def note(v, p):
        hidden = [x for x in (v, p) if privacy.disamarkan(x)]
        return "Disamarkan untuk melindungi angka kecil (di bawah 5)." if hidden else ""

    lembar = pd.DataFrame(
        {
            "Strategi": raw["strategi"].to_numpy(),
            "Indikator": raw["indikator"].to_numpy(),
            label: [number(v) for v in raw["nilai"]],
            "Satuan": [SATUAN_LEMBAR.get(u, u) for u in raw["satuan"]],
            "Pembanding": [number(v) for v in raw["nilai_sebelumnya"]],
            "Periode pembanding": shown["pembanding"].to_numpy(),
            "Arah": shown["arah"].to_numpy(),
            "Catatan": [
                note(v, p) for v, p in zip(raw["nilai"], raw["nilai_sebelumnya"], strict=True)
            ],
        }
    )
    codes = "\t".join(
        NUMBER_FORMATS["persen"] if u == "persen" else NUMBER_FORMATS["keluarga"]
        for u in raw["satuan"]
    )
    return lembar, {f"__baris__{label}": codes, "__baris__Pembanding": codes}


def _skor_teks(v, satuan: str) -> str:
    if isinstance(v, str):  # suppressed
        return v
    if pd.isna(v):
        return "–"
    return fmt.persen(v) if satuan == "persen" else f"{fmt.angka(v)} {satuan}"


BUILDERS = [konteks, verval, strategi_1, strategi_2, strategi_3, selanjutnya]

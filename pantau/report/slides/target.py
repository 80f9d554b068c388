"""Slide 1, context and target: the extreme-poor count, its trend and the 2026 target."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.charts import trends
from pantau.report import figures
from pantau.report.context import Context
from pantau.report.model import (
    Chart,
    Column,
    Slide,
    Table,
    angka,
    katalog,
    teks,
)
from pantau.report.slides.common import (
    TARGET,
    TERCAKUP,
    direction,
    empty_slide,
    key_figure,
    period_span,
    tren_kecamatan,
)
from pantau.teks import TARGET_RATE


def _tren_judul(k: Context) -> str:
    """The trend chart's title: the change from the first flagged list to this period's, as
    tren_miskin_ekstrem_perubahan computes it (hidden with its counts for a guest)."""
    ujung = k.query("tren_miskin_ekstrem_perubahan", periode=k.periode)
    if ujung.empty:
        return "Keluarga miskin ekstrem (keluarga)"
    u = ujung.iloc[0]
    when = f"dari {fmt.periode(u['periode_awal'])} ke {fmt.periode(u['periode_akhir'])}"
    change = u["perubahan"]
    if isinstance(change, str) or pd.isna(change):
        return f"Keluarga miskin ekstrem {when} (keluarga)"
    moved = f"turun {fmt.persen(-change)}" if change < 0 else f"naik {fmt.persen(change)}"
    return (
        f"Keluarga miskin ekstrem {moved} {when}: {teks(u['keluarga_awal'], 'keluarga')} → "
        f"{teks(u['keluarga_akhir'], 'keluarga')} (keluarga)"
    )


def konteks(k: Context) -> tuple[Slide, list]:
    """Context: the extreme-poor count and its trend, the region's KPIs, and the 2026 target."""
    sub = f"Konteks dan target · {k.nama} · {k.label}"
    kpi = k.query("ringkasan_kpi", periode=k.periode) if k.periode else pd.DataFrame()
    if kpi.empty:
        return empty_slide(
            "konteks",
            f"Belum ada daftar keluarga untuk {k.label}",
            sub,
            f"Belum ada daftar keluarga untuk {k.label}; pilih periode lain atau impor datanya.",
        )
    r = kpi.iloc[0]
    if not r["berstatus_ekstrem"]:
        return _konteks_tanpa_tanda(k, r, sub)
    arah = direction(r["perubahan_keluarga_miskin_ekstrem"])
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
            _tren_judul(k),
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
        slide.grafik.append(Chart("tren_kota", fig))
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
        "Sumber: query ringkasan_kpi, tren_miskin_ekstrem_tabel, tren_miskin_ekstrem_perubahan, "
        "tren_miskin_ekstrem_komponen dan beban_rekonsiliasi.",
    ]
    src = "ringkasan_kpi"
    return slide, [
        key_figure("Keluarga miskin ekstrem", kpi, 0, "keluarga_miskin_ekstrem", "keluarga", src),
        key_figure(
            "Jiwa dalam keluarga miskin ekstrem", kpi, 0, "jiwa_miskin_ekstrem", "jiwa", src
        ),
        key_figure(
            "Keluarga keluar dari kemiskinan ekstrem tahun ini",
            kpi,
            0,
            "keluarga_keluar_tahun_ini",
            "keluarga",
            src,
        ),
        key_figure("Cakupan bansos (keluarga miskin ekstrem)", kpi, 0, "cakupan", "persen", src),
        key_figure("Bantuan tersalur tahun ini (Rp)", kpi, 0, "bantuan_rp_tahun_ini", "rp", src),
    ]


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


def _tabel_komponen(komponen: pd.DataFrame) -> Table:
    kolom = katalog(
        "tren_miskin_ekstrem_komponen",
        None,
        ["periode_sebelumnya", "periode", "keluarga_sebelumnya", "lulus", "meninggal_pindah"]
        + ["dicoret_verval", "keluar_lain", "masuk", "keluarga_sekarang"],
    )
    return Table(
        "komponen_tren",
        "Perubahan daftar miskin ekstrem menurut sebabnya",
        komponen,
        kolom,
        "tren_miskin_ekstrem_komponen",
    )


def _poin_keluar(r, k: Context) -> str:
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
            f" ({period_span(r['periode_tahun_lalu'])}: "
            f"{teks(r['keluarga_keluar_tahun_lalu'], 'keluarga')} keluarga"
            + (
                f", {teks(r['laju_keluar_tahun_lalu'], 'persen')}"
                if "laju_keluar_tahun_lalu" in r and pd.notna(r["laju_keluar_tahun_lalu"])
                else ""
            )
            + ")"
        )
    return kalimat + "."


def _catatan_tahun_ini(r, k: Context) -> list[str]:
    return [
        "Keluar = kunjungan pemantauan sejak 1 Januari berstatus 'keluar'; angka sejak 1 Januari "
        f"dibandingkan dengan rentang yang sama tahun lalu ({period_span(r['periode_tahun_lalu'])}), "
        "bukan dengan triwulan sebelumnya. " + TERCAKUP,
        f"Bantuan tersalur tahun ini: {fmt.rupiah(r['bantuan_rp_tahun_ini'])} (status tersalur, "
        f"1 Januari s.d. akhir {k.label}).",
    ]


def _konteks_tanpa_tanda(k: Context, r, sub: str) -> tuple[Slide, list]:
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
        key_figure("Keluarga dalam daftar", kpi, 0, "keluarga_daftar", "keluarga", src),
        key_figure(
            "Keluarga keluar dari kemiskinan ekstrem tahun ini",
            kpi,
            0,
            "keluarga_keluar_tahun_ini",
            "keluarga",
            src,
        ),
        key_figure("Bantuan tersalur tahun ini (Rp)", kpi, 0, "bantuan_rp_tahun_ini", "rp", src),
    ]


def _tabel_kpi(kpi: pd.DataFrame) -> Table:
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
                f"{period_span(r['periode_tahun_lalu'])} (rentang sama tahun lalu)",
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
    kolom = katalog(
        "ringkasan_kpi",
        None,
        ["periode", "keluarga_miskin_ekstrem", "jiwa_miskin_ekstrem", "cakupan"]
        + ["keluarga_keluar_tahun_ini", "bantuan_rp_tahun_ini"],
        # the rows' names in words (this period, the list before, a year earlier), made above
        {"periode": Column("Periode", "teks")},
    )
    return Table(
        "angka_utama",
        "Angka utama: periode ini, daftar bertanda sebelumnya, rentang sama tahun lalu",
        rows,
        kolom,
        "ringkasan_kpi",
    )

"""Ringkasan's headline figures in words: the year-to-date span, the leavers' rate and the help
text beside each figure, built from one `ringkasan_kpi` row (and `beban_rekonsiliasi`'s). The
page lays them out; nothing here is computed that the queries did not return."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.charts import trends
from pantau.daftar import TIDAK_MENANDAI


def rentang_tahun(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the year-to-date span a '…tahun ini' figure covers."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


def laju_keluar(k: pd.Series) -> str | None:
    """'16,8% dari 368 keluarga miskin ekstrem pada 1 Januari', or None without a rate."""
    if pd.isna(k["laju_keluar_tahun_ini"]):
        return None
    return (
        f"{fmt.persen(k['laju_keluar_tahun_ini'])} dari "
        f"{fmt.angka(k['keluarga_berisiko_awal_tahun'])} keluarga miskin ekstrem pada 1 Januari"
    )


def bantuan_keluar(k: pd.Series) -> str:
    """The leavers' help: compared with the same span a year earlier (a year-to-date count only
    grows), as a rate beside last year's, and '–' named as no data when no visit is dated yet."""
    setahun = rentang_tahun(k["periode_tahun_lalu"])
    text = (
        "Keluarga yang pada kunjungan pemantauan sejak 1 Januari berstatus 'keluar'. Perubahan "
        f"dibanding rentang yang sama tahun lalu ({setahun}); angka sejak 1 Januari hanya bisa "
        "naik sepanjang tahun, jadi tidak dibandingkan dengan triwulan sebelumnya."
        + (
            ""
            if pd.notna(k["keluarga_keluar_tahun_lalu"])
            else " Tahun lalu belum ada data pemantauan."
        )
    )
    laju = laju_keluar(k)
    if laju:
        text += f" Sebagai laju: {laju}" + (
            f"; tahun lalu {fmt.persen(k['laju_keluar_tahun_lalu'])} dari "
            f"{fmt.angka(k['keluarga_berisiko_awal_tahun_lalu'])}."
            if pd.notna(k["laju_keluar_tahun_lalu"])
            else "."
        )
    if pd.isna(k["keluarga_keluar_tahun_ini"]):
        text += " Belum ada kunjungan pemantauan tahun ini: belum ada data (–), bukan 0."
    return text


def bantuan_tersalur(k: pd.Series) -> str:
    """The aid figure's help: the year to date, beside the same span a year earlier."""
    setahun = rentang_tahun(k["periode_tahun_lalu"])
    return "Jumlah rupiah berstatus tersalur sejak 1 Januari sampai akhir periode." + (
        f" Rentang yang sama tahun lalu ({setahun}): "
        f"{fmt.rupiah_singkat(k['bantuan_rp_tahun_lalu'])}."
        if pd.notna(k["bantuan_rp_tahun_lalu"])
        else ""
    )


def banding(k: pd.Series) -> str:
    """What the changes compare with: the previous flagged list, or why there is none."""
    if k["periode_sebelumnya"]:
        return (
            f"Perubahan dibanding {fmt.periode(k['periode_sebelumnya'])}, daftar bertanda miskin "
            "ekstrem sebelumnya."
        )
    return (
        "Belum ada daftar bertanda miskin ekstrem sebelum periode ini untuk dibandingkan "
        "(daftar P3KE 2021 dan bansos 2022 tidak memuat status itu)."
    )


def daftar_tanpa_tanda(k: pd.Series) -> str:
    """A list without the extreme flag (P3KE 2021, bansos 2022) is a list, not "0 keluarga
    miskin ekstrem": its size and source, compared with nothing."""
    return (
        f"Daftar {fmt.periode(k['periode'])} ({k['sumber_daftar'] or 'sumber tidak disebut'}) "
        f"memuat {fmt.angka(k['keluarga_daftar'])} keluarga tanpa status miskin ekstrem: "
        + TIDAK_MENANDAI.format(apa="cakupannya dan perubahannya")
    )


def bantuan_miskin_ekstrem(k: pd.Series, sk: str) -> str:
    """The extreme-poor count's help: the SK list, its jiwa and what it is compared with."""
    return (
        f"Daftar {sk} (tanda miskin ekstrem DTKS/DTSEN): {fmt.angka(k['jiwa_miskin_ekstrem'])} "
        f"jiwa. {banding(k)}"
    )


def bantuan_garis(b: pd.Series) -> str:
    """BPS review M9: the count below the extreme expenditure line, beside the SK list's."""
    return (
        f"Keluarga dalam daftar yang pengeluaran per kapitanya di bawah garis ekstrem "
        f"{b['tahun_garis']} (Rp {fmt.angka(b['garis_ekstrem'])} per jiwa per bulan): "
        f"{fmt.angka(b['jiwa_di_bawah_garis'])} jiwa; "
        f"{fmt.angka(b['keluarga_di_bawah_tidak_ditandai'])} keluarga di antaranya belum "
        "ditandai miskin ekstrem (calon usulan/verval). Rincian di halaman Beban."
    )


def keterangan_garis(b: pd.Series) -> str:
    """The line under the below-the-line figure: its jiwa and how many are not flagged."""
    return (
        f"{fmt.angka(b['jiwa_di_bawah_garis'])} jiwa; "
        f"{fmt.angka(b['keluarga_di_bawah_tidak_ditandai'])} belum ditandai"
    )


def bantuan_cakupan(k: pd.Series) -> str:
    """The coverage figure's help: which programmes count (strategy 1) and the comparison."""
    return (
        "Bagian keluarga miskin ekstrem yang tercakup bansos (program strategi 1: tersalur "
        "dalam 12 bulan sampai akhir periode, atau terdaftar di program nasional). Modal usaha "
        f"dan KUBE (strategi 2) ada di halaman Bantuan. {banding(k)}"
    )


def kalimat_jiwa(k: pd.Series, sk: str) -> str:
    """The caption under the figures: the jiwa, the comparison and the national target."""
    return (
        f"Jiwa dalam keluarga miskin ekstrem (daftar {sk}): "
        f"**{fmt.angka(k['jiwa_miskin_ekstrem'])} jiwa**. {banding(k)} "
        f"{trends.TARGET_NASIONAL.replace('<br>', ' ')}."
    )


def bantuan_daftar(k: pd.Series) -> str:
    """A flagless list's size figure's help: where the list came from."""
    return f"Sumber daftar: {k['sumber_daftar'] or 'tidak disebut'}."


def kalimat_keluar(k: pd.Series) -> str:
    """The leavers since 1 January in a sentence (the Modal usaha tab), with their rate."""
    laju = laju_keluar(k)
    return (
        f"Keluarga keluar dari kemiskinan ekstrem sejak 1 Januari: "
        f"**{fmt.angka(k['keluarga_keluar_tahun_ini'])}**" + (f" ({laju})" if laju else "") + "."
    )

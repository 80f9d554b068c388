"""Slide 2, the verval funnel: how many families were checked and what was found."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.charts import bantuan as cb
from pantau.report import figures
from pantau.report.context import Context
from pantau.report.model import (
    Chart,
    Slide,
    Table,
    angka,
    katalog,
    teks,
)
from pantau.report.slides.common import RAHASIA, empty_slide, is_hidden, key_figure


def verval(k: Context) -> tuple[Slide, list]:
    """The verval funnel per source list: families listed, checked, eligible, and the reasons."""
    sub = "Verifikasi dan validasi (verval) daftar sasaran"
    periods = [p for p in k.periode_verval if p <= (k.periode or "")]
    if not periods:
        return empty_slide(
            "verval",
            f"Belum ada verval sampai {k.label}",
            sub,
            f"Belum ada data verval sampai {k.label}.",
        )
    vp = periods[-1]

    df = k.query("verval_funnel", periode=vp)
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
    slide.grafik.append(Chart("verval", _grafik_verval(df, bulan)))
    kolom = katalog(
        "verval_funnel",
        k.wilayah,
        ["sumber_daftar", "daftar_keluarga", "diperiksa_keluarga", "memenuhi_keluarga"]
        + ["tidak_memenuhi_keluarga", "porsi_memenuhi"],
    )
    slide.tabel.append(
        Table("verval", f"Hasil verval {bulan} per sumber daftar", df, kolom, "verval_funnel")
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
    # The first 'Semua daftar' row is the commonest reason, each keluarga once (verval_alasan);
    # a count hidden beside a small one ('×') is not quoted.
    alasan = k.query("verval_alasan", periode=vp)
    semua = alasan[alasan["sumber_daftar"] == "Semua daftar"]
    if len(semua) and not is_hidden(semua.iloc[0]["keluarga"]):
        top = semua.iloc[0]
        slide.poin.append(
            f"Alasan tidak memenuhi terbanyak: {top['alasan']} "
            f"({teks(top['keluarga'], 'keluarga')} keluarga)."
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
        key_figure(
            f"Verval {bulan}: keluarga dalam semua daftar",
            df,
            n,
            "daftar_keluarga",
            "keluarga",
            src,
        ),
        key_figure(
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

"""Slide 3, strategy 1: bansos coverage, the burden of spending and where the money went."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.charts import bantuan as cb
from pantau.charts import beban as cbeban
from pantau.report import figures
from pantau.report.context import Context
from pantau.report.model import (
    Chart,
    Column,
    Slide,
    Table,
    angka,
    katalog,
    polos,
    teks,
)
from pantau.report.slides.common import RAHASIA, TERCAKUP, empty_slide, is_hidden, key_figure


def strategi_1(k: Context) -> tuple[Slide, list]:
    """Strategy 1: bansos coverage, extreme-poor spending against the line, the funds by source."""
    sub = f"Strategi 1 · Mengurangi beban pengeluaran · {k.label}"
    if not k.ada_daftar:
        return empty_slide(
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
            Chart(
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
            Chart("pengeluaran_garis", figures.cetak_hitam_putih(fig), di_slide=semua is None)
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
        key_figure(
            "Keluarga miskin ekstrem di bawah garis ekstrem (%)",
            beban,
            0,
            "bagian_miskin_ekstrem_di_bawah_garis",
            "persen",
            "beban_ringkasan",
        ),
        key_figure(
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
    if not is_hidden(share):
        angka_ = teks(share, "persen")
    elif not is_hidden(count) and not is_hidden(b["keluarga_miskin_ekstrem_dengan_pengeluaran"]):
        angka_ = (
            f"{teks(count, 'keluarga')} dari "
            f"{teks(b['keluarga_miskin_ekstrem_dengan_pengeluaran'], 'keluarga')} keluarga"
        )
    else:
        return ""
    return f"; sesuai dasar penetapannya, {angka_} berbelanja di bawah garis {garis} per jiwa"


def _cakupan(k: Context) -> Table:
    df = k.query("bantuan_cakupan_program", periode=k.periode)
    kolom = katalog(
        "bantuan_cakupan_program",
        k.wilayah,
        ["program", "jendela", "keluarga_miskin_ekstrem", "keluarga_tercakup"]
        + ["keluarga_belum_tercakup", "cakupan"],
    )
    return Table(
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


def _histogram(k: Context, b) -> Table | None:
    # Each group's bins add up to a total a reader knows: the header says so (groups, total).
    df = k.query("beban_histogram", periode=k.periode)
    if df.empty:
        return None
    kolom = katalog(
        "beban_histogram",
        k.wilayah,
        ["kelompok", "kelipatan_bawah", "pengeluaran_per_kapita_bawah"]
        + ["pengeluaran_per_kapita_atas", "keluarga"],
    )
    return Table(
        "pengeluaran_garis",
        "Keluarga menurut pengeluaran per kapita terhadap garis ekstrem",
        df,
        kolom,
        "beban_histogram",
        di_laporan=False,
    )


def _tabel_beban(beban: pd.DataFrame) -> Table:
    kolom = katalog(
        "beban_ringkasan",
        None,
        ["tahun_garis", "garis_ekstrem", "keluarga", "keluarga_miskin_ekstrem"]
        + ["keluarga_miskin_ekstrem_di_bawah_garis", "bagian_miskin_ekstrem_di_bawah_garis"]
        + ["median_pengeluaran_per_kapita_miskin_ekstrem"],
    )
    df = beban.assign(
        tahun_garis=beban["tahun_garis"].map(lambda v: "–" if pd.isna(v) else str(int(v)))
    )
    return Table(
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


def _rekonsiliasi(k: Context) -> Table | None:
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
        "kelompok": Column("Kelompok", "teks"),
        "keluarga": Column("Keluarga", "keluarga"),
        "jiwa": Column("Jiwa", "jiwa"),
    }
    return Table(
        "rekonsiliasi",
        "Dua hitungan miskin ekstrem: daftar bertanda dan pengeluaran di bawah garis",
        df,
        kolom,
        "beban_rekonsiliasi",
    )


def _tabel_dana(dana: pd.DataFrame, label: str) -> Table:
    kolom = katalog("bantuan_per_sumber_dana", None, ["sumber_dana", "nilai", "kpm"])
    return Table(
        "sumber_dana",
        f"Bantuan tersalur per sumber dana, Januari–{label}",
        dana,
        kolom,
        "bantuan_per_sumber_dana",
    )


def _poin_1(prog: pd.DataFrame, b, dana: pd.DataFrame, k: Context) -> list[str]:
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

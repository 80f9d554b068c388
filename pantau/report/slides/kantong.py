"""Slide 5, strategy 3: the kantong kemiskinan, on a map and by kecamatan trend."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pantau import fmt
from pantau import peta as peta_mod
from pantau.charts import maps, trends
from pantau.report import figures
from pantau.report.context import Context
from pantau.report.model import (
    Chart,
    Column,
    KeyFigure,
    Slide,
    Table,
    angka,
    katalog,
    teks,
)
from pantau.report.slides.common import INDIKATOR_KANTONG, RAHASIA, empty_slide, tren_kecamatan
from pantau.wilayah import BAWAAN, singkatan


def strategi_3(k: Context) -> tuple[Slide, list]:
    """Strategy 3: the kantong kelurahan on a map and ranked, clusters, and the kecamatan trend."""
    sub = f"Strategi 3 · Menghapus kantong kemiskinan · {k.label}"
    if not k.ada_daftar:
        return empty_slide(
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
    daftar = daftar.assign(kelurahan=k.wilayah.nama_jelas(daftar["kode_kel"], daftar["kelurahan"]))
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
        slide.grafik.append(Chart("peta_kantong", fig))
    tren = tren_kecamatan(k)
    if tren is not None:
        slide.grafik.append(Chart("tren_kecamatan", _grafik_tren_kec(tren, k)))
    teratas = Table(
        "kelurahan_teratas",
        f"Lima {k.wilayah.label_desa_kecil} prioritas: peringkat indeks kantong, lalu kantong dan angka per 1.000"
        if len(top)
        else f"{k.wilayah.label_desa} dengan keluarga miskin ekstrem (belum ada yang cukup besar untuk indeks)",
        daftar,
        katalog(
            "peta_kelurahan",
            k.wilayah,
            ["peringkat", "kelurahan", "kantong", "indeks_kantong", "keluarga_miskin_ekstrem"]
            + ["per_1000_keluarga", "keluarga_belum_tercakup"],
            # two short headers: the slide's table sits beside a chart (the catalogue's, the
            # full ones, in the peta_kelurahan table)
            {
                "indeks_kantong": Column("Indeks (0–100)", "desimal"),
                "per_1000_keluarga": Column("Per 1.000 keluarga", "desimal"),
            },
        ),
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
        "Sumber: query peta_kelurahan, peta_wilayah, peta_klaster, skor_strategi, "
        "tren_miskin_ekstrem_tabel.",
        RAHASIA,
    ]
    kunci = []
    if len(top):
        kunci.append(
            KeyFigure(
                "Indeks kantong tertinggi (0–100)",
                top.iloc[0]["indeks_kantong"],
                f"{k.wilayah.sebutan(top.iloc[0]['kode_kel'], top.iloc[0]['kelurahan'])}: {fmt.angka(top.iloc[0]['indeks_kantong'], 1)}",
                "peta_kelurahan",
                "indeks_kantong",
            )
        )
    if n_kantong is not None:
        kunci.append(
            KeyFigure(
                f"{k.wilayah.label_desa} kantong kemiskinan".capitalize(),
                n_kantong,
                fmt.angka(n_kantong),
                "skor_strategi",
                "nilai",
            )
        )
    return slide, kunci


def _batas_tetangga(k: Context) -> str:
    """Where the clusters' neighbours come from, as the Peta page says (peta.penjelasan_hotspot):
    Kota Pasuruan's shipped BPS 2020 map, else the installed boundaries or the approximate map."""
    return "dari batas BPS 2020" if k.wilayah.kode == BAWAAN else peta_mod.BATAS_TETANGGA


def _peta(k: Context) -> Table:
    # The region's row below its kelurahan: peta_wilayah, the total peta_kelurahan's header
    # declares implied (each as the role may see it; nothing is summed here).
    df = pd.concat(
        [
            k.query("peta_kelurahan", periode=k.periode),
            k.query("peta_wilayah", periode=k.periode),
        ],
        ignore_index=True,
    )
    # the pocket status as words (a hidden cell keeps its mark)
    df["kantong"] = [
        v if isinstance(v, str) else ("ya" if v is True or v is np.True_ else "–")
        for v in df["kantong"]
    ]
    # per_1000_batas_uji: the bound the pocket test compares with the city's rate (BPS review
    # 4, S1)
    kolom = katalog(
        "peta_kelurahan",
        k.wilayah,
        ["peringkat", "kode_kel", "kelurahan", "kecamatan", "kantong", "indeks_kantong"]
        + ["keluarga", "keluarga_miskin_ekstrem", "per_1000_keluarga", "per_1000_bawah"]
        + ["per_1000_atas", "per_1000_batas_uji", "porsi_kota", "keluarga_belum_tercakup"]
        + ["porsi_belum_tercakup", "rata_deprivasi"],
    )
    judul = f"Kantong kemiskinan per {k.wilayah.label_desa_kecil}"
    return Table("peta_kelurahan", judul, df, kolom, "peta_kelurahan")


def _grafik_tren_kec(tren: Table, k: Context):
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


def _judul_3(pockets: pd.DataFrame, n_kantong, top: pd.DataFrame, klaster, k: Context) -> str:
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
            f"{int(r['peringkat'])}. {k.wilayah.sebutan(r['kode_kel'], r['kelurahan'])} {fmt.angka(r['indeks_kantong'], 1)}"
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
    poin.append(_klaster_3(klaster, k.wilayah.label_desa_kecil, k.wilayah))
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


def _klaster_3(klaster: pd.DataFrame, unit: str = "kelurahan", wilayah=None) -> str:
    """The LISA after the FDR cut in one plain sentence (peta_klaster); `unit` the region's
    word for its desa/kelurahan, each named with its own (Kel. A, Desa B), a name two units of
    `wilayah` share with its kecamatan (Wilayah.nama_jelas)."""
    if klaster.empty or not klaster["kuadran"].isin(list(peta_mod.KUADRAN_WARNA)[:5]).any():
        return f"Klaster: belum dapat diuji (angka terlalu sedikit {unit})."
    hh = klaster[klaster["kuadran"] == "Tinggi-Tinggi (kantong)"]
    if len(hh):
        codes = list(hh["kode_kel"]) if "kode_kel" in hh else [None] * len(hh)
        nama = list(hh["kelurahan"])
        if wilayah is not None and "kode_kel" in hh:
            nama = wilayah.nama_jelas(codes, nama)
        names = ", ".join(f"{singkatan(c)}{n}" for c, n in zip(codes, nama, strict=True))
        if len({singkatan(c) for c in codes}) == 1:  # one word for all: "Kel. A, B" as before
            names = singkatan(codes[0]) + ", ".join(nama)
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

"""Slide 6, what comes next: the strategy scorecard, the pace to the target and the exclusions."""

from __future__ import annotations

import pandas as pd

from pantau import fmt, privacy
from pantau.report import figures
from pantau.report.context import Context
from pantau.report.model import (
    NUMBER_FORMATS,
    Column,
    Slide,
    Table,
    angka,
    katalog,
    teks,
)
from pantau.report.slides.common import (
    INDIKATOR_KANTONG,
    RAHASIA,
    TARGET,
    empty_slide,
    is_hidden,
    is_zero,
    key_figure,
    period_span,
)


def selanjutnya(k: Context) -> tuple[Slide, list]:
    """What comes next: the strategy scorecard, the pace the 2026 target needs, the exclusions."""
    sub = f"Langkah berikutnya menuju target akhir 2026 · {k.label}"
    if not k.ada_daftar:
        return empty_slide(
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
                if not is_zero(n["keluarga_usaha_tanpa_modal_sudah_keluar"])
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
            key_figure(
                "Perlu turun per triwulan agar daftar SK 0 pada akhir 2026 (keluarga)",
                target,
                i,
                "laju_perlu",
                "desimal",
                "tren_target_kecamatan",
            ),
            key_figure(
                "Turun per triwulan yang dicapai setahun terakhir (keluarga)",
                target,
                i,
                "laju_capai",
                "desimal",
                "tren_target_kecamatan",
            ),
            key_figure(
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
            key_figure(
                "Keluarga miskin ekstrem belum tercakup bansos",
                langkah,
                0,
                "keluarga_belum_tercakup_bansos",
                "keluarga",
                "langkah_berikutnya",
            ),
            key_figure(
                "Keluarga miskin ekstrem punya usaha, belum menerima modal usaha",
                langkah,
                0,
                "keluarga_usaha_tanpa_modal",
                "keluarga",
                "langkah_berikutnya",
            ),
        ]
    return slide, kunci


def _eksklusi(e) -> str:
    """The exclusion error in plain words first, its name after (a newspaper must not read
    "17 % salah data")."""
    return (
        f"Keluarga miskin ekstrem yang tidak menerima program apa pun: "
        f"{teks(e['kesalahan_eksklusi'], 'persen')} (kesalahan eksklusi)"
    )


def _poin_laju(target: pd.DataFrame, k: Context) -> str | None:
    """Are we on pace? The city row of tren_target_kecamatan in one sentence: the pace the SK
    list needs to reach 0 by the end of 2026, the pace achieved, the projection and its
    assumption, and that the national target is BPS's rate in jiwa, not this count."""
    kota = target[target["kecamatan"] == k.nama] if len(target) else target
    if kota.empty:
        return None
    t = kota.iloc[0]
    if pd.isna(t["triwulan_tersisa"]) or is_hidden(t["laju_perlu"]):
        return None
    sisa = teks(t["triwulan_tersisa"], "desimal").removesuffix(",0")
    perlu = teks(t["laju_perlu"], "desimal").removesuffix(",0")
    kalimat = (
        f"Menuju akhir 2026 ({sisa} triwulan lagi): agar 0, daftar SK perlu turun {perlu} "
        "keluarga per triwulan"
    )
    if not is_hidden(t["laju_capai"]) and not is_hidden(t["proyeksi_akhir_2026"]):
        capai = angka([t["laju_capai"]]).iloc[0]
        arah = f"turun {fmt.angka(capai, 1)}" if capai >= 0 else f"naik {fmt.angka(-capai, 1)}"
        kalimat += (
            f"; setahun terakhir {arah} per triwulan: bila bertahan, sekitar "
            f"{fmt.angka(t['proyeksi_akhir_2026'])} keluarga pada akhir 2026"
        )
    return kalimat + ". Target nasional 0 % diukur BPS dalam jiwa (Susenas), bukan daftar ini."


def _catatan_laju(target: pd.DataFrame, k: Context) -> list[str]:
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


def _skor(k: Context) -> Table:
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
        "–" if pd.isna(p) else (period_span(p) if ytd else fmt.periode(p))
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
    kolom = katalog(
        "skor_strategi",
        k.wilayah,
        ["indikator", "nilai", "nilai_sebelumnya", "arah"],
        # rewritten above as text: the strategy with its indicator, each value in its unit
        {
            "indikator": Column("Strategi · indikator", "teks"),
            "nilai": Column(k.label, "teks"),
            "nilai_sebelumnya": Column("Pembanding", "teks"),
        },
    )
    lembar, formats = _skor_lembar(raw, df, k.label)
    return Table(
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

"""The budget simulation (issue 13 §1): the inputs in words and Rp, checked, into the named
queries `simulasi` and `simulasi_keluarga`; the figures come from those queries only.

The page (pages/simulasi.py) and `python -m pantau simulasi` both go through `jalankan` /
`keluarga`, which take the rows from `privacy.result`: a role the policy does not let run the
simulation gets one sentence, never rows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pantau import fmt, privacy
from pantau import wilayah as region
from pantau.errors import PantauError

# Strategy key -> its name on the page and in the CLI's table, in the order of the query.
STRATEGI = {
    "awal": "Sebelum bantuan",
    "terdekat_garis": "Terdekat garis",
    "termiskin": "Termiskin dulu",
    "kantong": "Kantong kemiskinan",
    "sekarang": "Penerima bansos sekarang",
    "proporsional": "Proporsional per kecamatan",
}
# The city table's columns, in the order the page and the CLI show them.
KOLOM_KOTA = [
    "strategi",
    "keluarga",
    "keluarga_ditandai",
    "biaya_rp",
    "sisa_anggaran_rp",
    "keluarga_terangkat",
    "ditandai_terangkat",
    "biaya_per_terangkat_rp",
    "p0",
    "p1",
    "p2",
]
# What each strategy does, in the words the page shows.
PENJELASAN = {
    "terdekat_garis": "keluarga yang paling dekat di bawah garis lebih dulu: yang terangkat "
    "melewati garis oleh bantuan ini didahulukan, keluarga besar lebih dulu (jiwa terangkat "
    "terbanyak), lalu kekurangan keluarga terkecil",
    "termiskin": "keluarga termiskin lebih dulu, ditimbang ukuran keluarga: yang bantuannya "
    "paling menurunkan keparahan (P2)",
    "kantong": "keluarga di bawah garis di kelurahan dengan peringkat kantong kemiskinan "
    "teratas (halaman Peta) lebih dulu, termiskin lebih dulu di dalamnya",
    "sekarang": "keluarga yang sekarang menerima bansos (cakupan 12 bulan), termiskin lebih dulu",
    "proporsional": "anggaran dibagi ke kecamatan sebanding jumlah keluarga di bawah garis, "
    "termiskin lebih dulu di tiap kecamatan",
}
# Which families the simulation considers (query parameter `sasaran`), in the page's words.
SASARAN = {
    "semua": "Semua keluarga dalam daftar dengan data pengeluaran",
    "ekstrem": "Hanya keluarga yang ditandai miskin ekstrem di daftar periode ini",
}
MODAL_USAHA = 2_500_000  # Rp, the one-off modal usaha grant of the department
BULAN_BAWAAN = 12

_RP = re.compile(r"^\s*(rp\.?)?\s*([0-9][0-9.\s]*)(,[0-9]{1,2})?\s*$", re.IGNORECASE)


def rupiah(text, nama: str) -> float:
    """'Rp 2.500.000', '2500000' or 2500000 → 2500000.0; anything else: one sentence."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        m = _RP.match(str(text or ""))
        if not m:
            raise PantauError(
                f"{nama} '{text}' bukan jumlah rupiah; tulis angka, mis. 2500000 atau Rp 2.500.000."
            )
        value = float(re.sub(r"[.\s]", "", m.group(2)) + (m.group(3) or "").replace(",", "."))
    if not value > 0:
        raise PantauError(f"{nama} harus lebih dari Rp 0.")
    return value


def parameter(
    anggaran,
    per_bulan=None,
    bulan=None,
    sekali=None,
    periode: str | None = None,
    kode_kec: str | None = None,
    sasaran: str | None = None,
) -> dict:
    """The query parameters of one simulation: a budget, and a transfer given either as Rp per
    KPM per month for `bulan` months or as a one-off amount (`sekali`), whose effect on the
    family's monthly spending is spread over `bulan` months (12 when not given). `sasaran`: 'semua' (every listed family with a spending figure, the
    default) or 'ekstrem' (only those flagged miskin_ekstrem on the period's list)."""
    if (per_bulan is None) == (sekali is None):
        raise PantauError(
            "Isi bentuk bantuan: Rp per KPM per bulan (dengan jumlah bulan) atau satu kali "
            "(mis. modal usaha Rp 2.500.000), salah satu saja."
        )
    try:
        months = int(bulan) if bulan not in (None, "") else BULAN_BAWAAN
    except (TypeError, ValueError):
        raise PantauError(f"Jumlah bulan '{bulan}' bukan bilangan bulat.") from None
    if not 1 <= months <= 120:
        raise PantauError("Jumlah bulan harus antara 1 dan 120.")
    target = sasaran or "semua"
    if target not in SASARAN:
        raise PantauError(
            f"Sasaran '{sasaran}' tidak dikenal; pilih salah satu: {', '.join(SASARAN)}."
        )
    budget = rupiah(anggaran, "Anggaran")
    if per_bulan is not None:
        cost = rupiah(per_bulan, "Bantuan per bulan") * months
    else:
        cost = rupiah(sekali, "Bantuan satu kali")
    return {
        "periode": periode or None,
        "kode_kec": kode_kec or None,
        "anggaran": budget,
        "biaya_per_kpm": cost,
        "bulan": months,
        "sasaran": target,
    }


def _boleh(role: str) -> None:
    if not privacy.may_run(role, "simulasi"):
        raise PantauError(
            f"Peran {privacy.ROLES.get(role, role)} tidak boleh menjalankan simulasi anggaran; "
            "simulasi hanya untuk Kepala Dinas dan perencana."
        )


def jalankan(params: dict, role: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Rows of the `simulasi` query for `params` (see `parameter`), as `role` may see them."""
    _boleh(role)
    return privacy.result("simulasi", params, role, data_dir)


def keluarga(params: dict, strategi: str, role: str, data_dir: Path | None = None):
    """The families strategy `strategi` reaches (query `simulasi_keluarga`), as `role` may see
    them: the named list a field check starts from."""
    _boleh(role)
    if strategi not in STRATEGI or strategi == "awal":
        raise PantauError(
            f"Strategi '{strategi}' tidak dikenal; pilih salah satu: "
            + ", ".join(k for k in STRATEGI if k != "awal")
            + "."
        )
    return privacy.result("simulasi_keluarga", {**params, "strategi": strategi}, role, data_dir)


def dikeluarkan(params: dict, role: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The families the simulation leaves out because their latest verval found them Tidak
    Layak, per reason (query `simulasi_dikeluarkan`), as `role` may see them."""
    _boleh(role)
    keys = ("periode", "kode_kec", "sasaran")
    return privacy.result("simulasi_dikeluarkan", {k: params.get(k) for k in keys}, role, data_dir)


def kalimat_dikeluarkan(why: pd.DataFrame) -> str | None:
    """'3 keluarga dikeluarkan: hasil verval Tidak Layak (2 meninggal, 1 pindah).' from the rows
    of `dikeluarkan` as they are; None when nobody is left out."""
    if why.empty:
        return None
    total = why[why["alasan"] == "Semua alasan"]["keluarga"]
    n = total.iloc[0] if len(total) else None
    if n is None or (not isinstance(n, str) and (pd.isna(n) or n == 0)):
        return None
    parts = [
        f"{fmt.angka(r.keluarga)} {r.alasan}"
        for r in why[why["alasan"] != "Semua alasan"].itertuples()
    ]
    return f"{fmt.angka(n)} keluarga dikeluarkan: hasil verval Tidak Layak ({', '.join(parts)})."


def asumsi(params: dict, sekali: bool) -> list[tuple[str, str]]:
    """The simulation's assumptions in words (the page beside the cards, the CLI, the JSON and
    the XLSX's sheet of assumptions): (key, sentence); `sekali` = the transfer is a one-off
    amount (modal usaha), not Rp per month."""
    bulan = params.get("bulan") or BULAN_BAWAAN
    tambahan = params["biaya_per_kpm"] / bulan
    out = []
    if sekali:
        out.append(
            (
                "bantuan_satu_kali",
                f"Bantuan satu kali {fmt.rupiah(params['biaya_per_kpm'])} dihitung seolah "
                f"dibelanjakan merata {fmt.rupiah(tambahan)} per bulan selama {bulan} bulan, "
                "sebagai tambahan konsumsi keluarga. Untuk modal usaha ini penyederhanaan: "
                "modal usaha tidak dibelanjakan untuk konsumsi, hasilnya bergantung pada usaha "
                "yang berjalan (sebagian usaha tutup), dan simulasi ini tidak memodelkan "
                "pendapatan usaha itu.",
            )
        )
    out.append(
        (
            "terangkat_selama_bantuan",
            f"'Terangkat' berarti pengeluaran per kapita di atas atau tepat di garis ekstrem "
            f"selama bantuan berjalan ({bulan} bulan). Sesudah itu, tanpa bantuan lain atau "
            "pendapatan baru, keluarga kembali ke pengeluaran semula.",
        )
    )
    out.append(
        (
            "tanpa_perubahan_perilaku",
            "Bantuan menaikkan pengeluaran per kapita sebesar nilai bantuan per bulan ÷ jumlah "
            "anggota keluarga; keluarga tidak mengubah perilaku, bantuan lain tidak berubah; "
            "keluarga tanpa angka pengeluaran tidak ikut dihitung.",
        )
    )
    out.append(
        (
            "verval_tidak_layak",
            "Keluarga yang hasil verval terakhirnya Tidak Layak (meninggal, pindah, sudah "
            "mampu, …) dikeluarkan dari semua strategi dan dari perhitungan P0, P1, P2, juga "
            "sebelum bantuan.",
        )
    )
    return out


def kota(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of each strategy's total (kode_kec empty), in the query's order."""
    return df[df["kode_kec"].isna()].reset_index(drop=True)


def semua_terjangkau(total: pd.DataFrame) -> bool:
    """Whether the budget reaches every candidate of every strategy: each strategy's total
    (`kota` rows; `awal` aside) reaches fewer families than the budget pays for, so none had to
    choose and no strategy is better than another by its order."""
    pilihan = total[total["strategi"] != "awal"]
    maks = total["keluarga_maks"].max()
    return bool(len(pilihan)) and bool((pilihan["keluarga"] < maks).all())


def json_records(
    df: pd.DataFrame, asumsi_: list[tuple[str, str]] | None = None, why: pd.DataFrame | None = None
) -> list[dict]:
    """One object per strategy (its total) with `per_kecamatan`, the kecamatan rows. The first
    object (strategi 'awal', before any transfer) also carries `asumsi` (the assumptions, key →
    sentence) and `dikeluarkan_verval` (the families left out per reason) when given."""
    out = []
    cols = [c for c in df.columns if c != "kode_kec"]
    for _, row in kota(df).iterrows():
        rec = {c: _plain(row[c]) for c in cols if c != "kecamatan"}
        rec["wilayah"] = row["kecamatan"]
        part = df[(df["strategi"] == row["strategi"]) & df["kode_kec"].notna()]
        rec["per_kecamatan"] = [
            {c: _plain(r[c]) for c in ["kode_kec", *cols] if c != "strategi"}
            for _, r in part.iterrows()
        ]
        if row["strategi"] == "awal":
            if asumsi_ is not None:
                rec["asumsi"] = dict(asumsi_)
            if why is not None:
                rec["dikeluarkan_verval"] = [
                    {c: _plain(r[c]) for c in why.columns} for _, r in why.iterrows()
                ]
        out.append(rec)
    return out


# The comparison workbook's columns (the query's names → the sheet's headers).
KOLOM_XLSX = {
    "strategi": "Strategi",
    "kecamatan": "Wilayah",
    "keluarga": "Keluarga terjangkau",
    "biaya_rp": "Biaya (Rp)",
    "sisa_anggaran_rp": "Sisa anggaran (Rp)",
    "keluarga_terangkat": "Keluarga terangkat",
    "biaya_per_terangkat_rp": "Biaya per keluarga terangkat (Rp)",
    "keluarga_ditandai": "Di antaranya ditandai miskin ekstrem di daftar periode ini",
    "ditandai_terangkat": "Terangkat, miskin ekstrem",
    "ditandai_dihitung": "Keluarga miskin ekstrem dipertimbangkan",
    "p0": "P0 (% jiwa)",
    "p1": "P1",
    "p2": "P2",
    "keluarga_dihitung": "Keluarga dihitung",
    "jiwa_dihitung": "Jiwa dihitung",
    "keluarga_dikeluarkan": "Dikeluarkan: verval Tidak Layak",
}


def _lembar(rows: pd.DataFrame) -> pd.DataFrame:
    out = rows[[c for c in KOLOM_XLSX if c in rows.columns]].copy()
    out["strategi"] = out["strategi"].map(STRATEGI)
    return out.rename(columns=KOLOM_XLSX)


def xlsx_perbandingan(
    df: pd.DataFrame,
    why: pd.DataFrame,
    params: dict,
    sekali: bool,
    wilayah: str,
    periode_teks: str,
) -> bytes:
    """The comparison to hand over (Bappeda): the strategies' totals, per kecamatan, the families
    left out at verval per reason, and a sheet of assumptions (period, line, transfer, budget,
    area, whom it considers, the model's assumptions). Every figure is a row of the queries
    `simulasi` and `simulasi_dikeluarkan` as the role may see them (the caller passes the rows
    privacy.result gave); the inputs are the user's own."""
    from pantau import export

    total = kota(df)
    garis = total["garis_ekstrem"].dropna()
    bulan = params.get("bulan") or BULAN_BAWAAN
    masukan = [
        ("Periode daftar", periode_teks),
        ("Wilayah", wilayah),
        ("Keluarga yang dipertimbangkan", SASARAN[params.get("sasaran") or "semua"]),
        (
            "Garis kemiskinan ekstrem (Rp per kapita per bulan)",
            fmt.rupiah(garis.iloc[0]) if len(garis) else "–",
        ),
        ("Anggaran", fmt.rupiah(params["anggaran"])),
        (
            "Bentuk bantuan",
            f"satu kali {fmt.rupiah(params['biaya_per_kpm'])} per KPM"
            if sekali
            else f"{fmt.rupiah(params['biaya_per_kpm'] / bulan)} per KPM per bulan × {bulan} bulan",
        ),
        ("Biaya per KPM", fmt.rupiah(params["biaya_per_kpm"])),
        ("Paling banyak keluarga", fmt.angka(total["keluarga_maks"].iloc[0])),
    ]
    kalimat = kalimat_dikeluarkan(why)
    if kalimat:
        masukan.append(("Dikeluarkan", kalimat))
    masukan += [(f"Asumsi: {k.replace('_', ' ')}", v) for k, v in asumsi(params, sekali)]
    masukan.append(
        (
            "Sumber",
            "Pantau Kemiskinan Ekstrem, simulasi anggaran (query simulasi); perkiraan untuk "
            "membandingkan strategi, bukan ramalan angka kemiskinan BPS.",
        )
    )
    sheets = {
        "Perbandingan": _lembar(total),
        "Per kecamatan": _lembar(df[df["kode_kec"].notna()]),
        "Dikeluarkan verval": why.rename(
            columns={
                "alasan": "Alasan Tidak Layak",
                "keluarga": "Keluarga",
                "verval_terakhir_tanggal": "Verval terakhir",
            }
        ),
        "Asumsi": pd.DataFrame(masukan, columns=["Butir", "Isi"]),
    }
    return export.xlsx_bytes(sheets, {"P0 (% jiwa)": "0.00", "P1": "0.0000", "P2": "0.0000"})


def _plain(value):
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()  # verval_terakhir_tanggal (a date) in the JSON
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def periksa_wilayah(params: dict, role: str, data_dir: Path | None = None) -> None:
    """One sentence when the period has no keluarga list or the kecamatan code is unknown."""
    from pantau import geo

    known = privacy.result("periode_list", {}, role, data_dir)
    lists = known[known["dataset"].str.contains("keluarga")]["periode"].tolist()
    if not lists:
        raise PantauError("Belum ada daftar keluarga yang dimuat; impor data sebelum simulasi.")
    if params.get("periode") and params["periode"] not in lists:
        raise PantauError(
            f"Periode {params['periode']} tidak punya daftar keluarga; pilih salah satu: "
            f"{', '.join(lists)}."
        )
    kec = params.get("kode_kec")
    w = region.dari(data_dir)
    if w.adalah_provinsi:
        # a province: a kecamatan, or a kab/kota (all its kecamatan); 666 codes are no list
        ref = w.tabel()
        if kec and kec not in set(ref["kode_kec"]) | set(ref["kode_kab"]):
            raise PantauError(
                f"Kode '{kec}' bukan kecamatan atau kabupaten/kota di {w.nama}; tulis kode "
                "bertitik, mis. 35.23 (Kabupaten Tuban) atau 35.23.01 (Kec. Kenduruan)."
            )
        return
    codes = set(geo.wilayah()["kode_kec"])
    if kec and kec not in codes:
        raise PantauError(
            f"Kode kecamatan '{kec}' tidak dikenal; pilih salah satu: {', '.join(sorted(codes))}."
        )

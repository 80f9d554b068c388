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

from pantau import privacy
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
    "ekstrem": "Hanya keluarga miskin ekstrem (daftar SK)",
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


def kota(df: pd.DataFrame) -> pd.DataFrame:
    """The rows of each strategy's total (kode_kec empty), in the query's order."""
    return df[df["kode_kec"].isna()].reset_index(drop=True)


def json_records(df: pd.DataFrame) -> list[dict]:
    """One object per strategy (its total) with `per_kecamatan`, the kecamatan rows."""
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
        out.append(rec)
    return out


def _plain(value):
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
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
    codes = set(geo.wilayah()["kode_kec"])
    if kec and kec not in codes:
        raise PantauError(
            f"Kode kecamatan '{kec}' tidak dikenal; pilih salah satu: {', '.join(sorted(codes))}."
        )

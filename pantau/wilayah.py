"""The region a data directory serves: one kabupaten/kota or one provinsi, chosen once, stored
in D/wilayah.json.

Kota Pasuruan (35.75) when the file is absent, so data directories made before regions were data
keep working unchanged. `dari()` is the one function the others call: it gives the region's
name, jenis, Dinas, levels with their labels and its desa/kelurahan table in geo/wilayah.csv's
schema plus the kab/kota of each unit (kode_kab, kabupaten_kota), so queries can group per
kab/kota in a province and rely on the columns everywhere. For 35.75 that table is
geo/wilayah.csv itself (BPS codes, areas, interior points); for any other region it is built
from the national code list (geo/wilayah_indonesia.parquet, see geo/SOURCE.md): BPS codes, BPS
names and areas empty, lon/lat and the interior point the code list's centroid.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from pantau.config import ROOT, WILAYAH_CSV, data_dir
from pantau.errors import PantauError

BAWAAN = "35.75"  # Kota Pasuruan, the default region
BERKAS = "wilayah.json"
NASIONAL = ROOT / "geo" / "wilayah_indonesia.parquet"
KOLOM = [
    "kode_kec",
    "kecamatan",
    "kode_kec_bps",
    "kode_kel",
    "kelurahan",
    "kode_kel_bps",
    "nama_kel_bps",
    "area_km2",
    "lon",
    "lat",
    "inner_lon",
    "inner_lat",
    "kode_kab",
    "kabupaten_kota",
]
# The levels below the region, coarsest first, with their labels ('kelurahan' is the
# desa/kelurahan level, named as in pantau.geo).
TINGKAT_KAB = ("kecamatan", "kelurahan")
TINGKAT_PROVINSI = ("kabupaten_kota", "kecamatan", "kelurahan")


class WilayahError(PantauError):
    """A region code that cannot be served, or a change the data directory does not allow."""


@dataclass(frozen=True)
class Wilayah:
    kode: str  # Kemendagri, dotted: '35.75', or '35' for a provinsi
    nama: str  # 'Kota Pasuruan', 'Kabupaten Tuban', 'Provinsi Jawa Timur'
    jenis: str  # 'kota', 'kabupaten' or 'provinsi'
    provinsi: str  # 'Jawa Timur'
    ada_desa: bool  # whether any unit below is a desa (not only kelurahan)

    @property
    def dinas(self) -> str:
        return f"Dinas Sosial {self.nama}"

    @property
    def adalah_provinsi(self) -> bool:
        return self.jenis == "provinsi"

    @property
    def tingkat(self) -> tuple[str, ...]:
        """The levels below the region, coarsest first: a provinsi has kabupaten_kota above
        kecamatan and kelurahan (desa/kelurahan); a kab/kota only the last two."""
        return TINGKAT_PROVINSI if self.adalah_provinsi else TINGKAT_KAB

    def label(self, tingkat: str) -> str:
        """A level's label: 'Kabupaten/Kota', 'Kecamatan', 'Kelurahan' or 'Desa/Kelurahan'."""
        return {"kabupaten_kota": "Kabupaten/Kota", "kecamatan": "Kecamatan"}.get(
            tingkat, self.label_desa
        )

    @property
    def label_desa(self) -> str:
        """The level below kecamatan: 'Kelurahan', or 'Desa/Kelurahan' where there are desa."""
        return "Desa/Kelurahan" if self.ada_desa else "Kelurahan"

    @property
    def label_desa_kecil(self) -> str:
        return self.label_desa.lower()

    @property
    def prefix_nik(self) -> str:
        """The first digits of a NIK or No KK issued in the region: '3575' (a provinsi: '35',
        each family's own kab/kota adds two more)."""
        return self.kode.replace(".", "")

    def tabel(self) -> pd.DataFrame:
        """Its desa/kelurahan, one row each, every column text (geo/wilayah.csv's schema)."""
        return tabel(self.kode).copy()

    def nama_jelas(self, codes, names) -> list[str]:
        """Each desa/kelurahan's name as a reader can tell it apart: a name two units of the
        region share (Kabupaten Tuban has two Latsari) gets its kecamatan, 'Latsari (Kec.
        Tuban)', and in a province its kab/kota too where the kecamatan is shared as well."""
        extra = _pembeda(self.kode)
        return [
            f"{n} ({extra[c]})" if c in extra else n
            for c, n in zip(map(str, codes), names, strict=True)
        ]

    def sebutan(self, kode_kel, nama: str) -> str:
        """One desa/kelurahan as a sentence names it: its word and its clear name, 'Desa Latsari
        (Kec. Bancar)', 'Kel. Ngemplakrejo' (singkatan, nama_jelas)."""
        return singkatan(kode_kel) + self.nama_jelas([kode_kel], [nama])[0]


@cache
def singkatan(kode_kel) -> str:
    """The short word before a desa/kelurahan's name: 'Desa ' for a desa (its Kemendagri code's
    last part starts with 2: 35.23.03.2002), else 'Kel. ' (1xxx, and Kota Pasuruan's)."""
    last = str(kode_kel or "").rsplit(".", 1)[-1]
    return "Desa " if len(last) == 4 and last.startswith("2") else "Kel. "


def dengan_singkatan(names: list[str], codes: list, lainnya: int = 0) -> str:
    """'Kel. A, B dan C' when all share one word (Kota Pasuruan's pockets as before), else each
    with its own: 'Desa A, Kel. B dan Desa C'; `lainnya` > 0 ends '… dan N lainnya'."""
    words = [singkatan(c) for c in codes]
    head, parts = (words[0] if words else "Kel. "), list(names)
    if len(set(words)) > 1:
        head, parts = "", [w + n for w, n in zip(words, names, strict=True)]
    if lainnya:
        return head + ", ".join(parts) + f" dan {lainnya} lainnya"
    if len(parts) == 1:
        return head + parts[0]
    return head + ", ".join(parts[:-1]) + " dan " + parts[-1]


@cache
def nasional() -> pd.DataFrame:
    """The national code list: kode, nama, tingkat, jenis, induk (text), lat, lon (float)."""
    return pd.read_parquet(NASIONAL)


def _baris(kode: str) -> pd.Series | None:
    ref = nasional()
    hit = ref[ref["kode"] == kode]
    return None if hit.empty else hit.iloc[0]


# Kota Pasuruan without reading the national list: today's data directories pay nothing.
PASURUAN = Wilayah("35.75", "Kota Pasuruan", "kota", "Jawa Timur", ada_desa=False)


@cache
def _wilayah(kode: str) -> Wilayah:
    if kode == BAWAAN:
        return PASURUAN
    row = _baris(kode)
    if row is None:
        raise WilayahError(
            f"Kode wilayah '{kode}' tidak ada di daftar kode Kemendagri; "
            "tulis kode kabupaten/kota bertitik, mis. 35.23 (Kabupaten Tuban)."
        )
    if row["tingkat"] not in ("kabupaten_kota", "provinsi"):
        raise WilayahError(
            f"'{kode}' ({row['nama']}) bukan kabupaten/kota atau provinsi; pilih kode dua "
            "bagian (kabupaten/kota, mis. 35.23) atau satu bagian (provinsi, mis. 35)."
        )
    provinsi = row["tingkat"] == "provinsi"
    prov = row if provinsi else _baris(kode.split(".")[0])
    ref = nasional()
    below = ref[(ref["tingkat"] == "desa_kelurahan") & ref["kode"].str.startswith(kode + ".")]
    return Wilayah(
        kode=kode,
        nama=f"Provinsi {row['nama']}" if provinsi else row["nama"],
        jenis="provinsi" if provinsi else row["jenis"],
        provinsi="" if prov is None else prov["nama"],
        ada_desa=bool((below["jenis"] == "desa").any()),
    )


def cari(kode: str) -> Wilayah:
    """The region of a Kemendagri code, or one sentence why it cannot be served."""
    return _wilayah(_normal(kode))


def _normal(kode: str) -> str:
    text = str(kode).strip()
    digits = text.replace(".", "")
    if text and digits.isdigit() and "." not in text and len(digits) in (2, 4):
        text = ".".join(digits[i : i + 2] for i in range(0, len(digits), 2))  # 3523 -> 35.23
    return text


@cache
def _pembeda(kode: str) -> dict[str, str]:
    """kode_kel -> 'Kec. X' (or 'Kec. X, Kabupaten Y') for the units whose name is not unique
    in region `kode`."""
    t = tabel(kode)
    shared = t[t["kelurahan"].duplicated(keep=False)]
    same_kec = shared.duplicated(["kelurahan", "kecamatan"], keep=False)
    return {
        c: f"Kec. {kec}, {kab}" if both else f"Kec. {kec}"
        for c, kec, kab, both in zip(
            shared["kode_kel"], shared["kecamatan"], shared["kabupaten_kota"], same_kec, strict=True
        )
    }


@cache
def tabel(kode: str) -> pd.DataFrame:
    if kode == BAWAAN:
        out = pd.read_csv(WILAYAH_CSV, dtype=str, keep_default_na=False)
        return out.assign(kode_kab=BAWAAN, kabupaten_kota=PASURUAN.nama)
    _wilayah(kode)  # refuse what cannot be served
    ref = nasional()
    sub = ref[ref["kode"].str.startswith(kode + ".")]
    kec = sub[sub["tingkat"] == "kecamatan"].set_index("kode")["nama"]
    kab = ref[ref["tingkat"] == "kabupaten_kota"].set_index("kode")["nama"]
    kel = sub[sub["tingkat"] == "desa_kelurahan"].sort_values("kode")

    def coord(s: pd.Series) -> pd.Series:
        return s.map(lambda v: "" if pd.isna(v) else f"{v:.5f}")

    out = pd.DataFrame(
        {
            "kode_kec": kel["induk"].to_numpy(),
            "kecamatan": kel["induk"].map(kec).fillna("").to_numpy(),
            "kode_kec_bps": "",
            "kode_kel": kel["kode"].to_numpy(),
            "kelurahan": kel["nama"].to_numpy(),
            "kode_kel_bps": "",
            "nama_kel_bps": "",
            "area_km2": "",
            "lon": coord(kel["lon"]).to_numpy(),
            "lat": coord(kel["lat"]).to_numpy(),
        }
    )
    out["inner_lon"], out["inner_lat"] = out["lon"], out["lat"]
    out["kode_kab"] = out["kode_kec"].str[:5]
    out["kabupaten_kota"] = out["kode_kab"].map(kab).fillna("")
    return out[KOLOM]


def kode(data: str | os.PathLike | None = None) -> str:
    """The region code stored in the data directory, else Kota Pasuruan's."""
    path = data_dir(data) / BERKAS
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BAWAAN
    except (OSError, ValueError) as err:
        raise WilayahError(
            f"Berkas wilayah {path} tidak terbaca ({err}); perbaiki atau hapus."
        ) from None
    if not isinstance(stored, dict) or not isinstance(stored.get("kode"), str):
        raise WilayahError(f"Berkas wilayah {path} tidak berisi kode wilayah; perbaiki atau hapus.")
    return _normal(stored["kode"])


def dari(data: str | os.PathLike | None = None) -> Wilayah:
    """The region the data directory serves (default: $PANTAU_DATA / --data, see config)."""
    return cari(kode(data))


def tetapkan(data: str | os.PathLike | None, kode_baru: str) -> Wilayah:
    """Choose the region of a data directory, once: refused when it already holds batches."""
    from pantau.lake import Lake

    baru = cari(kode_baru)
    root = data_dir(data)
    lama = kode(root)
    if baru.kode == lama and (root / BERKAS).exists():
        return baru
    if baru.kode != lama and _ada_batch(Lake(root)):
        raise WilayahError(
            f"Direktori data {root} sudah berisi data {cari(lama).nama}; wilayahnya tidak bisa "
            f"diganti: buat direktori data baru untuk {baru.nama} (mis. --data data_{baru.prefix_nik})."
        )
    root.mkdir(parents=True, exist_ok=True)
    tulis = root / (BERKAS + ".tmp")
    tulis.write_text(
        json.dumps({"kode": baru.kode, "nama": baru.nama}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    tulis.replace(root / BERKAS)
    return baru


def _ada_batch(lake) -> bool:
    """Whether the lake holds any batch (imported or demo), current or rolled back."""
    if not Path(lake.root).exists():
        return False
    try:
        manifest = lake.manifest()
    except PantauError:  # no good manifest: the directory holds something, refuse to guess
        return True
    return any(
        entry.get("batches")
        for periods in manifest.get("datasets", {}).values()
        for entry in periods.values()
    )

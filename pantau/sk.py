"""Daftar SK: the period's extreme-poor list frozen as a named version (the SK Wali Kota list,
updated every six months: BRIEF §0), its lampiran, and what readers see of the versions.

A version is one Parquet file under lake/sk/, written under a temporary name and renamed
(`Lake.commit_file`, 0600), then named in the lake manifest's `sk` list in the same atomic
swap an import uses. A version is never rewritten nor removed: a rollback of the keluarga
list leaves the SK as it was decreed. Its content hash (`hash_isi`) is the SHA-256 of the
sorted rows of the fields that define the decree (`HASH_KOLOM`): freezing the same content
again names no new version and says which one already holds it.

Every figure of the versions and their changes is a named query (`sk_versi`, `sk_lampiran`,
`sk_perubahan`, `sk_perubahan_kecamatan`, over the view `sk_daftar` of pantau/sk_versi.py), read
through `pantau.privacy` like every other.

Who freezes: the Kepala Dinas only (`MAY_FREEZE`). The list is the one the Wali Kota signs,
so fixing it is a decision, not a data chore; the operator does not see named lists and so
could not check what he froze, and the perencana sees them masked.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
from pathlib import Path

import pandas as pd

from pantau.errors import PantauError
from pantau.fmt import waktu_angka

# The versions as the lake keeps them (pantau/sk_versi.py, which the query engine reads too).
from pantau.sk_versi import KOLOM, TIPE, versi_list

MAY_FREEZE = {"kepala"}
# The fields that define the decree's content: who is on it (No KK, kelurahan) and what its
# lampiran prints of them. Sorted by No KK, one line per family.
HASH_KOLOM = ("no_kk", "kode_kel", "nik_kepala", "nama_kepala", "alamat", "rt", "rw")


def waktu_wib(t: dt.datetime | str | None) -> str:
    """'02-12-2026 10:56 WIB': a moment on a decree document or report."""
    return waktu_angka(t)


def oleh_teks(oleh) -> str:
    """Who froze a version, for a decree document: the user name; 'cli:root' (the command line,
    pantau/sk_cli.py) as 'baris perintah (root)'."""
    text = "" if oleh is None or (isinstance(oleh, float) and oleh != oleh) else str(oleh)
    if text.startswith("cli:"):
        return f"baris perintah ({text.removeprefix('cli:') or '?'})"
    return text or "–"


def boleh_membekukan(role: str) -> bool:
    """Whether `role` may freeze a version (`MAY_FREEZE`): what the page asks for its button."""
    return role in MAY_FREEZE


def hash_isi(df: pd.DataFrame) -> str:
    """SHA-256 (hex) of the rows' `HASH_KOLOM`, sorted by No KK then the other fields: the same
    families with the same lampiran fields give the same hash, in whatever order they came."""

    def cell(v) -> str:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return ""
        return str(v)

    lines = sorted("\x1f".join(cell(r[c]) for c in HASH_KOLOM) for _, r in df.iterrows())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def bekukan(
    data_dir: Path, periode: str, nama: str | None, user: str, role: str
) -> tuple[dict, bool]:
    """Freeze period `periode`'s extreme-poor list (query sk_calon) as a new version named
    `nama`. Returns (the version's record, whether it is new): the same content as a version
    already frozen makes none and returns that one. Audited (`bekukan_sk`)."""
    from pantau import audit, queries
    from pantau.lake import PERIODE_KEY, Lake

    if not boleh_membekukan(role):
        raise PantauError("Hanya Kepala Dinas yang dapat membekukan Daftar SK.")
    if not PERIODE_KEY.match(str(periode or "")):
        raise PantauError(f"Periode '{periode}' harus berbentuk YYYY-MM, mis. 2026-06.")
    nama = " ".join(str(nama or "").split())[:200] or f"Daftar SK periode {periode}"
    data_dir = Path(data_dir)
    # The lake's list as it is now: the server's engine rebuilds in the background after an
    # import (queries.Engine.refresh), and a version must never freeze the previous views.
    rows = queries.engine(data_dir).run("sk_calon", {"periode": periode}, block=True)
    if rows.empty:
        raise PantauError(
            f"Periode {periode} tidak punya keluarga bertanda miskin ekstrem dalam daftar "
            "keluarga; impor daftar periode itu (dengan kolom Miskin Ekstrem) dulu."
        )
    sha = hash_isi(rows)
    lake = Lake(data_dir)
    with lake.locked():
        m = lake.manifest()
        records = list(m.get("sk", []))
        same = next((r for r in records if r.get("sha256") == sha), None)
        if same is not None:
            audit.record(
                data_dir,
                user,
                "bekukan_sk",
                peran=role,
                periode=periode,
                sha256=sha,
                versi=same["versi"],
                baru=False,
            )
            return same, False
        versi = max((int(r["versi"]) for r in records), default=0) + 1
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        frame = rows[list(KOLOM)].copy()
        for c in ("desil", "jumlah_anggota"):
            frame[c] = pd.to_numeric(frame[c], errors="coerce").astype("Int32")
        for c in KOLOM:
            if c not in TIPE:
                frame[c] = frame[c].astype("string")
        head = {"versi": versi, "nama_versi": nama, "periode": periode, "dibekukan": now}
        head |= {"oleh": user, "sha256": sha}
        for i, (c, v) in enumerate(head.items()):
            frame.insert(
                i, c, pd.Series([v] * len(frame), dtype="Int32" if c == "versi" else "string")
            )
        folder = lake.root / "sk"
        folder.mkdir(mode=0o700, exist_ok=True)
        rel = f"sk/versi-{versi}-{sha[:12]}.parquet"
        final = lake.root / rel
        tmp = folder / f".tmp-{final.name}.{secrets.token_hex(4)}"
        try:
            frame.to_parquet(tmp, index=False)
            lake.commit_file(tmp, final)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        record = {**head, "keluarga": len(frame), "file": rel}
        record["nama"] = record.pop("nama_versi")
        m["sk"] = [*records, record]
        lake._write_manifest(m)
    # This process's views now, not after a background rebuild: the page that froze it shows it.
    queries.engine(data_dir).refresh(block=True)
    audit.record(
        data_dir,
        user,
        "bekukan_sk",
        peran=role,
        periode=periode,
        sha256=sha,
        versi=versi,
        nama=nama,
        keluarga=len(frame),
        baru=True,
    )
    return record, True


def pilih_versi(data_dir: Path, versi: str | int | None) -> dict:
    """The record of version `versi` (its number, or the start of its hash, at least 6
    characters; empty = the latest frozen), or one sentence saying which exist."""
    records = versi_list(data_dir)
    if not records:
        raise PantauError(
            "Belum ada Daftar SK yang dibekukan; bekukan dulu: python -m pantau sk bekukan "
            "--periode YYYY-MM."
        )
    if versi is None or str(versi).strip() == "":
        return records[-1]
    text = str(versi).strip().lower().removeprefix("v")
    for r in records:
        if text == str(r["versi"]) or (len(text) >= 6 and r["sha256"].startswith(text)):
            return r
    known = ", ".join(str(r["versi"]) for r in records)
    raise PantauError(f"Versi '{versi}' tidak ada; versi yang ada: {known}.")


def periksa_isi(rows: pd.DataFrame, record: dict) -> None:
    """Refuse a lampiran whose rows no longer hash to the version's hash (a file changed on
    disk): a decree's attachment is what was frozen or nothing."""
    if rows.empty or hash_isi(rows) != record["sha256"]:
        raise PantauError(
            f"Berkas Daftar SK versi {record['versi']} tidak sama lagi dengan yang dibekukan "
            "(hash berbeda); pulihkan folder data dari cadangan."
        )


# --- the lampiran ---------------------------------------------------------------------------

LAMPIRAN_LABEL = {
    "nomor": "No",
    "no_kk": "No KK",
    "nik_kepala": "NIK kepala keluarga",
    "nama_kepala": "Nama kepala keluarga",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
}


def lampiran(data_dir: Path, versi, role: str, utuh: bool = False) -> tuple[dict, pd.DataFrame]:
    """(the version's record, its lampiran rows as `role` may see them: sk_lampiran through
    `privacy.result`; empty for a role that may not have the named list).

    A decree's lampiran is published (posted at the kelurahan): NIK and No KK are in the
    policy's public form (`privacy.mask`, the last 4 digits) for every role unless `utuh`, the
    Dinas's own archive copy, which only a role that sees them whole gets whole."""
    from pantau import privacy, wilayah

    # the region whose head signs the decree: its lampiran's heading names it
    record = {**pilih_versi(data_dir, versi), "wilayah": wilayah.kode(data_dir)}
    if not privacy.may_run(role, "sk_lampiran"):
        raise PantauError("Lampiran Daftar SK hanya untuk Kepala Dinas dan perencana.")
    rows = privacy.result("sk_lampiran", {"versi": record["versi"]}, role, data_dir)
    if not privacy.masks_identifiers(role):
        periksa_isi(rows, record)
    if not utuh:
        for col in privacy.IDENTIFIERS & set(rows.columns):
            rows[col] = rows[col].map(lambda v: v if "*" in str(v) else privacy.mask(v))
    return record, rows


def ringkasan(data_dir: Path, record: dict, role: str) -> pd.DataFrame:
    """The lampiran's totals per kelurahan, kecamatan and city (query sk_lampiran_ringkas); in
    a province per desa/kelurahan, kecamatan code, kab/kota and the province
    (sk_lampiran_ringkas_kab)."""
    from pantau import privacy, wilayah

    name = "sk_lampiran_ringkas"
    if wilayah.dari(data_dir).adalah_provinsi:
        name = "sk_lampiran_ringkas_kab"
    return privacy.result(name, {"versi": record["versi"]}, role, data_dir)


def lampiran_bytes(
    record: dict,
    rows: pd.DataFrame,
    fmt: str,
    demo: bool = False,
    ringkas: pd.DataFrame | None = None,
) -> bytes:
    """The lampiran of a version as XLSX (a sheet of notes, the totals, then one sheet per
    kelurahan) or PDF (A4 landscape, the decree's heading, one numbered table per kelurahan
    with its count, the totals per kecamatan and city, "Halaman N dari M", a signature block).
    `ringkas`: `ringkasan`'s rows (without them no totals are printed)."""
    if fmt == "xlsx":
        return _lampiran_xlsx(record, rows, demo, ringkas)
    if fmt == "pdf":
        return _lampiran_pdf(record, rows, demo, ringkas)
    raise PantauError(f"Format '{fmt}' tidak dikenal; pilih xlsx atau pdf.")


def _kolom_lampiran(rows: pd.DataFrame) -> list[str]:
    return [c for c in LAMPIRAN_LABEL if c in rows.columns]


def judul(record: dict) -> str:
    return f"Lampiran {record['nama']}"


TITIK = "……………………"


def nomor_sk(record: dict) -> str:
    """The decree's number from the version's name ('SK Wali Kota No. 400/155/423.011/2026' →
    '400/155/423.011/2026'), else a dotted line to fill in."""
    import re

    found = re.search(r"\b(?:No|Nomor)\b\.?\s*:?\s*([0-9][0-9A-Za-z./-]*)", str(record["nama"]))
    return found.group(1).rstrip(".") if found else TITIK


def _wilayah(record: dict):
    """The region of the decree (`lampiran` puts its code in the record; Kota Pasuruan else)."""
    from pantau import wilayah

    return wilayah.cari(record.get("wilayah") or wilayah.BAWAAN)


def penanda_tangan(record: dict) -> str:
    """'WALI KOTA PASURUAN', 'BUPATI TUBAN' or 'GUBERNUR JAWA TIMUR': who signs the decree."""
    from pantau.report import daerah

    w = _wilayah(record)
    return f"{daerah.kepala_daerah(w)} {daerah.nama_pendek(w)}".upper()


def unit_desa(kode_kel, nama) -> str:
    """'Kelurahan Bugul Kidul' or 'Desa Sugihwaras': a Kemendagri code's fourth part starts
    with 1 for a kelurahan and 2 for a desa."""
    return ("Desa " if str(kode_kel).rsplit(".", 1)[-1].startswith("2") else "Kelurahan ") + nama


def kepala_lampiran(record: dict) -> list[str]:
    """'LAMPIRAN KEPUTUSAN WALI KOTA PASURUAN', 'NOMOR …', 'TANGGAL …', 'TENTANG …' from the
    version's fields (its name, its period, its region; the decree's date is written when
    signed). A kabupaten's: 'LAMPIRAN KEPUTUSAN BUPATI TUBAN', '… KABUPATEN TUBAN, …'; a
    province's: 'LAMPIRAN KEPUTUSAN GUBERNUR JAWA TIMUR', '… PROVINSI JAWA TIMUR, …'."""
    from pantau import fmt

    tanggal = record.get("tanggal_sk") or TITIK
    return [
        f"LAMPIRAN KEPUTUSAN {penanda_tangan(record)}",
        f"NOMOR      : {nomor_sk(record)}",
        f"TANGGAL    : {tanggal}",
        f"TENTANG    : PENETAPAN KELUARGA MISKIN EKSTREM {_wilayah(record).nama.upper()}, DAFTAR "
        + fmt.periode(record["periode"]).upper(),
    ]


def keterangan(record: dict, rows: pd.DataFrame, demo: bool) -> list[tuple[str, str]]:
    from pantau import fmt

    out = [
        ("Judul", judul(record)),
        ("Versi", str(record["versi"])),
        ("Periode daftar", fmt.periode(record["periode"])),
        ("Dibekukan", waktu_wib(record.get("dibekukan"))),
        ("Oleh", oleh_teks(record.get("oleh"))),
        ("Hash isi (SHA-256)", record["sha256"]),
        ("Jumlah keluarga", fmt.angka(len(rows))),
    ]
    from pantau import export

    if not export.identifiers_masked(rows) or rows.empty:
        out.append(
            (
                "Kerahasiaan",
                "Arsip Dinas, jangan diumumkan: NIK dan No KK utuh; unduhan tercatat di log audit",
            )
        )
    else:
        out.append(
            (
                "Kerahasiaan",
                "Untuk diumumkan dan dilampirkan pada SK: NIK dan No KK disamarkan kecuali 4 digit "
                "terakhir",
            )
        )
    if demo:
        out.append(("Data", "DATA SINTETIS: dibuat program untuk demonstrasi"))
    return out


def _per_kelurahan(rows: pd.DataFrame):
    for (kec, kel), part in rows.groupby(["kecamatan", "kelurahan"], sort=False, dropna=False):
        yield str(kec), str(kel), part


def _unit(part: pd.DataFrame, kel: str) -> str:
    kode = part["kode_kel"].iloc[0] if "kode_kel" in part.columns and len(part) else ""
    return unit_desa(kode, kel)


RINGKAS_LABEL = {"kecamatan": "Kecamatan", "kelurahan": "Kelurahan", "keluarga": "Keluarga"}


def _jumlah(ringkas: pd.DataFrame | None, tingkat: str, kecamatan: str, kelurahan=None):
    if ringkas is None or ringkas.empty:
        return None
    hit = ringkas[(ringkas["tingkat"] == tingkat) & (ringkas["kecamatan"] == kecamatan)]
    if kelurahan is not None:
        hit = hit[hit["kelurahan"] == kelurahan]
    return hit["keluarga"].iloc[0] if len(hit) else None


def _lampiran_xlsx(
    record: dict, rows: pd.DataFrame, demo: bool, ringkas: pd.DataFrame | None = None
) -> bytes:
    """Through the app's one spreadsheet writer (`export.xlsx_bytes`): text stays text, so a
    No KK or NIK is never turned into a number (16 digits are more than Excel keeps)."""
    from pantau import export
    from pantau.report.xlsx import nama_lembar

    cols = _kolom_lampiran(rows)
    label_desa = _wilayah(record).label_desa
    notes = pd.DataFrame(
        [("Judul", " ".join(" ".join(kepala_lampiran(record)).split()))]
        + keterangan(record, rows, demo)[1:],
        columns=["Keterangan", "Isi"],
    )
    sheets: dict[str, pd.DataFrame] = {"Keterangan": notes}
    if _wilayah(record).adalah_provinsi:
        return _lampiran_xlsx_provinsi(record, rows, ringkas, sheets)
    if ringkas is not None and len(ringkas):
        per = ringkas[list(RINGKAS_LABEL)].copy()
        per["kelurahan"] = per["kelurahan"].fillna("Jumlah")
        label = RINGKAS_LABEL | {"kelurahan": label_desa}
        sheets[f"Per {label_desa.lower().replace('/', ' dan ')}"] = per.rename(columns=label)
    for _kec, kel, part in _per_kelurahan(rows):
        singkat = "Desa " if _unit(part, kel).startswith("Desa ") else "Kel. "
        sheets[nama_lembar(singkat + kel, sheets)] = part[cols].rename(columns=LAMPIRAN_LABEL)
    return export.xlsx_bytes(sheets)


# --- a province's lampiran: per kab/kota, then kecamatan, then desa/kelurahan, by code -------


def dengan_kabupaten(record: dict, rows: pd.DataFrame) -> pd.DataFrame:
    """A province's lampiran rows with their kab/kota (kode_kab, kabupaten_kota, from the
    desa/kelurahan code), in the lampiran's order: kab/kota, kecamatan and desa/kelurahan by
    Kemendagri code, then the number within the desa/kelurahan."""
    nama = (
        _wilayah(record)
        .tabel()[["kode_kab", "kabupaten_kota"]]
        .drop_duplicates()
        .set_index("kode_kab")["kabupaten_kota"]
    )
    out = rows.copy()
    out["kode_kab"] = out["kode_kel"].astype(str).str[:5]
    out["kabupaten_kota"] = out["kode_kab"].map(nama).fillna(out["kode_kab"])
    urut = ["kode_kab", "kode_kec", "kode_kel"] + (["nomor"] if "nomor" in out.columns else [])
    return out.sort_values(urut, kind="stable").reset_index(drop=True)


def _per_desa_provinsi(rows: pd.DataFrame):
    """(kab/kota name, kecamatan name, kode_kec, kode_kel, desa/kelurahan name, its rows)."""
    keys = ["kode_kab", "kode_kec", "kode_kel"]
    for (_kab, kode_kec, kode_kel), part in rows.groupby(keys, sort=False, dropna=False):
        first = part.iloc[0]
        yield (
            str(first["kabupaten_kota"]),
            str(first["kecamatan"]),
            kode_kec,
            kode_kel,
            str(first["kelurahan"]),
            part,
        )


def _jumlah_kab(ringkas: pd.DataFrame | None, tingkat: str, kode) -> int | None:
    """A province's total of one desa/kelurahan, kecamatan or kab/kota code (or the province's,
    tingkat 'wilayah'), from sk_lampiran_ringkas_kab."""
    if ringkas is None or ringkas.empty:
        return None
    hit = ringkas[ringkas["tingkat"] == tingkat]
    col = {"kelurahan": "kode_kel", "kecamatan": "kode_kec", "kabupaten_kota": "kode_kab"}
    if tingkat in col:
        hit = hit[hit[col[tingkat]] == kode]
    return hit["keluarga"].iloc[0] if len(hit) else None


def _lampiran_xlsx_provinsi(
    record: dict, rows: pd.DataFrame, ringkas: pd.DataFrame | None, sheets: dict
) -> bytes:
    from pantau import export
    from pantau.report.xlsx import nama_lembar

    cols = _kolom_lampiran(rows)
    label_desa = _wilayah(record).label_desa
    if ringkas is not None and len(ringkas):
        per = ringkas[["kabupaten_kota", "kecamatan", "kelurahan", "keluarga"]].copy()
        jumlah = ringkas["tingkat"].isin(["kabupaten_kota", "wilayah"])
        per.loc[jumlah, "kecamatan"] = "Jumlah"
        per["kelurahan"] = per["kelurahan"].fillna("Jumlah")
        label = {"kabupaten_kota": "Kabupaten/Kota", "kecamatan": "Kecamatan"}
        label |= {"kelurahan": label_desa, "keluarga": "Keluarga"}
        sheets[f"Per {label_desa.lower().replace('/', ' dan ')}"] = per.rename(columns=label)
    for _kab, _kec, _kode_kec, kode_kel, kel, part in _per_desa_provinsi(
        dengan_kabupaten(record, rows)
    ):
        singkat = "Desa " if unit_desa(kode_kel, kel).startswith("Desa ") else "Kel. "
        sheets[nama_lembar(singkat + kel, sheets)] = part[cols].rename(columns=LAMPIRAN_LABEL)
    return export.xlsx_bytes(sheets)


def _lampiran_pdf_provinsi(pdf, record: dict, rows: pd.DataFrame, ringkas, tabel) -> None:
    """The body of a province's lampiran: each kab/kota named, its kecamatan, their
    desa/kelurahan tables; a total after each kecamatan (by code) and each kab/kota, then the
    table of the totals per kab/kota and kecamatan. `tabel(part)` draws one desa's table."""
    from pantau import fmt
    from pantau.report.pdf import _para, _tabel_baris

    rows = dengan_kabupaten(record, rows)
    kab_lalu = kec_lalu = None  # (kode, name) of the kab/kota and the kecamatan being printed

    def total_kec():
        n = _jumlah_kab(ringkas, "kecamatan", kec_lalu[0])
        if n is not None:
            teks = f"Jumlah Kecamatan {kec_lalu[1]}, {kab_lalu[1]}: {fmt.angka(n)} keluarga"
            _para(pdf, teks, 10, "B", gap=4)

    def total_kab():
        n = _jumlah_kab(ringkas, "kabupaten_kota", kab_lalu[0])
        if n is not None:
            _para(pdf, f"Jumlah {kab_lalu[1]}: {fmt.angka(n)} keluarga", 11, "B", gap=6)

    for kab, kec, kode_kec, kode_kel, kel, part in _per_desa_provinsi(rows):
        kode_kab = str(kode_kel)[:5]
        if kec_lalu is not None and kode_kec != kec_lalu[0]:
            total_kec()
        if kab_lalu is not None and kode_kab != kab_lalu[0]:
            total_kab()
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        if kab_lalu is None or kode_kab != kab_lalu[0]:
            _para(pdf, kab, 12, "B", gap=2)
        kab_lalu, kec_lalu = (kode_kab, kab), (kode_kec, kec)
        n = _jumlah_kab(ringkas, "kelurahan", kode_kel)
        jumlah = f" ({fmt.angka(n)} keluarga)" if n is not None else ""
        _para(pdf, f"{unit_desa(kode_kel, kel)}, Kecamatan {kec}, {kab}{jumlah}", 10.5, "B")
        tabel(part)
    if kec_lalu is not None:
        total_kec()
        total_kab()
    if ringkas is not None and len(ringkas):
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        _para(pdf, "Jumlah keluarga per kabupaten/kota dan kecamatan", 10.5, "B")
        body = []
        for r in ringkas[ringkas["tingkat"] != "kelurahan"].itertuples():
            if r.tingkat == "kecamatan":
                body.append((str(r.kabupaten_kota), str(r.kecamatan), fmt.angka(r.keluarga)))
            else:
                body.append((str(r.kabupaten_kota), "Jumlah", fmt.angka(r.keluarga)))
        head = ("Kabupaten/Kota", "Kecamatan", "Keluarga")
        _tabel_baris(pdf, [head, *body], (70, 60, 30), ("LEFT", "LEFT", "RIGHT"), 9)
        pdf.ln(2)


def _lampiran_pdf(
    record: dict, rows: pd.DataFrame, demo: bool, ringkas: pd.DataFrame | None = None
) -> bytes:
    from pantau import fmt
    from pantau.report.pdf import _para, _tabel_baris

    pdf = pdf_baru("L", demo, judul(record))
    pdf.add_page()
    for i, line in enumerate(kepala_lampiran(record)):
        pdf.set_x(pdf.w - pdf.r_margin - 150)
        pdf.set_font("DejaVu", "B" if i == 0 else "", 10)
        pdf.multi_cell(150, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    _para(pdf, judul(record), 13, "B", gap=1)
    _para(
        pdf,
        f"Versi {record['versi']} · daftar periode {fmt.periode(record['periode'])} · "
        f"{fmt.angka(len(rows))} keluarga · hash isi {record['sha256'][:16]}… · "
        + dict(keterangan(record, rows, False))["Kerahasiaan"],
        9,
        colour=(90, 90, 90),
        gap=3,
    )
    cols = _kolom_lampiran(rows)
    lebar = {"nomor": 12, "no_kk": 38, "nik_kepala": 38, "nama_kepala": 62, "alamat": 82}
    lebar |= {"rt": 12, "rw": 12}
    widths = tuple(lebar[c] for c in cols)
    align = tuple("RIGHT" if c == "nomor" else "LEFT" for c in cols)

    def tabel(part: pd.DataFrame) -> None:
        body = [
            tuple("" if pd.isna(v) else str(v) for v in r)
            for r in part[cols].itertuples(index=False)
        ]
        _tabel_baris(pdf, [tuple(LAMPIRAN_LABEL[c] for c in cols), *body], widths, align, 8)
        pdf.ln(4)

    if _wilayah(record).adalah_provinsi:
        _lampiran_pdf_provinsi(pdf, record, rows, ringkas, tabel)
        return _tanda_tangan(pdf, record)
    kec_lalu = None
    for kec, kel, part in _per_kelurahan(rows):
        if kec_lalu is not None and kec != kec_lalu:
            _total_kecamatan(pdf, ringkas, kec_lalu)
        kec_lalu = kec
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        n = _jumlah(ringkas, "kelurahan", kec, kel)
        jumlah = f" ({fmt.angka(n)} keluarga)" if n is not None else ""
        _para(pdf, f"{_unit(part, kel)}, Kecamatan {kec}{jumlah}", 10.5, "B")
        tabel(part)
    if kec_lalu is not None:
        _total_kecamatan(pdf, ringkas, kec_lalu)
    if ringkas is not None and len(ringkas):
        if pdf.get_y() > pdf.h - 70:
            pdf.add_page()
        _para(pdf, "Jumlah keluarga per kecamatan", 10.5, "B")
        body = [
            (str(r.kecamatan), fmt.angka(r.keluarga))
            for r in ringkas[ringkas["tingkat"].isin(["kecamatan", "kota"])].itertuples()
        ]
        _tabel_baris(pdf, [("Kecamatan", "Keluarga"), *body], (80, 30), ("LEFT", "RIGHT"), 9)
        pdf.ln(2)
    return _tanda_tangan(pdf, record)


def _tanda_tangan(pdf, record: dict) -> bytes:
    """The signature block ('BUPATI TUBAN,' and a dotted line) and the PDF's bytes."""
    from pantau.report.pdf import _para

    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    pdf.ln(6)
    pdf.set_x(pdf.w - pdf.r_margin - 90)
    _para(pdf, f"{penanda_tangan(record)},", 10, "B", gap=22)
    pdf.set_x(pdf.w - pdf.r_margin - 90)
    _para(pdf, "( ………………………………………… )", 10)
    return bytes(pdf.output())


def _total_kecamatan(pdf, ringkas: pd.DataFrame | None, kec: str) -> None:
    from pantau import fmt
    from pantau.report.pdf import _para

    n = _jumlah(ringkas, "kecamatan", kec)
    if n is not None:
        _para(pdf, f"Jumlah Kecamatan {kec}: {fmt.angka(n)} keluarga", 10, "B", gap=4)


def pdf_baru(orientation: str, demo: bool, title: str):
    """An A4 FPDF with the report's DejaVu fonts, page numbers and the synthetic-data mark."""
    from fpdf import FPDF

    from pantau.report.pdf import FONT_DIR, FONTS

    class _Pdf(FPDF):
        def header(self):
            if demo:
                self.set_font("DejaVu", "B", 9)
                self.set_xy(-55, 7)
                self.cell(40, 6, "DATA SINTETIS", border=1, align="C")
                self.set_xy(self.l_margin, self.t_margin)

        def footer(self):
            self.set_y(-13)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(90, 90, 90)
            self.cell(0, 5, f"{title} · Halaman {self.page_no()} dari {{nb}}", align="R")
            self.set_text_color(0, 0, 0)

    pdf = _Pdf(orientation, "mm", "A4")
    pdf.alias_nb_pages()
    pdf.set_margins(15, 18, 15)
    pdf.set_auto_page_break(True, margin=18)
    for style, name in FONTS.items():
        path = FONT_DIR / name
        if not path.exists():
            raise PantauError(
                f"Font {path} tidak ada; pasang paket Debian 'fonts-dejavu-core' untuk PDF."
            )
        pdf.add_font("DejaVu", style, str(path))
    pdf.set_title(title)
    return pdf

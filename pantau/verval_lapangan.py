"""The field-verification round trip (issue 13 part 2): the lists sent out, and their return.

`buat` makes one XLSX with one sheet per kelurahan: the families of a named list (`SUMBER`:
the period's target list `daftar_sasaran` with the filters given, the CLI's default being the
families flagged extreme-poor as on the Daftar sasaran page; or `simulasi_keluarga`, the
families one strategy of the budget simulation reaches, in its order), with the identifiers
the role may see, the family's source list (Sumber Daftar, from the keluarga list's sumber
column: read back by the import as the verval's sumber_daftar, so that the funnel counts the
result under its list), and blank columns for the field officer (Hasil and Alasan as
drop-downs of the contract's values, Tanggal Verval, Petugas, Catatan), the lurah's
signature block below the rows.
Each file records its sending in the register `verval_kirim` (lake.REGISTERS: id_berkas,
id_baris, periode, kode_kel, no_kk, dikirim_pada, peran) and carries its id_berkas and each
row's id_baris in two hidden columns, so that the import knows which sending it answers.

The perencana sees No KK masked (all but the last 4 digits): its file cannot round-trip on the
No KK alone, so every row's hidden `ID Baris` is the key the register maps back to the whole
No KK; the masked cell must still end in that No KK's 4 digits. Both kepala and perencana may
make the file, and a perencana's file never holds a whole identifier.

The import of a filled-in file is pantau/verval_kembali.py (`siapkan`, per sheet, before the
contract's rules), apart from this writer so that the importer never reaches the queries and
the policy this module runs; the layout both share is pantau/verval_format.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import secrets
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from pantau import db, export, fmt, privacy
from pantau.contract import VERVAL, daftar_lokal
from pantau.errors import PantauError
from pantau.verval_format import ALASAN, HASIL, KOLOM_BARIS, KOLOM_BERKAS, REGISTER
from pantau.verval_format import TTD as TTD

# The import of a filled-in file (pantau/verval_kembali.py); these names stay this module's too.
from pantau.verval_kembali import baris_ditolak as baris_ditolak
from pantau.verval_kembali import register_rows
from pantau.wilayah import singkatan

_register_rows = register_rows  # the register's rows, by the name its callers know

# The sheet's columns: heading -> the daftar_sasaran column it shows (None: for the officer,
# or added here). The field columns' headings are the contract's verval aliases.
KOLOM = {
    "No": None,
    "No KK": "no_kk",
    "NIK kepala keluarga": "nik_kepala",
    "Nama kepala keluarga": "nama_kepala",
    "Alamat": "alamat",
    "RT": "rt",
    "RW": "rw",
    "Desil": "desil",
    "Program diterima": "program",
    "Sumber Daftar": "sumber_daftar",
    "Hasil": None,
    "Alasan": None,
    "Tanggal Verval": None,
    "Petugas": None,
    "Catatan": None,
    KOLOM_BERKAS: None,
    KOLOM_BARIS: None,
}
ISIAN = ["Hasil", "Alasan", "Tanggal Verval", "Petugas", "Catatan"]
LEBAR = [5, 20, 20, 28, 30, 5, 5, 7, 28, 14, 14, 18, 14, 18, 28, 12, 8]
JUDUL_BARIS = 4  # 0-based sheet row of the column headings (title rows above)

# The named lists a file can be made from: query -> what the audit line and the sheet call it.
SUMBER = {
    "daftar_sasaran": "Daftar sasaran",
    "simulasi_keluarga": "Simulasi anggaran",
}
# The source lists the verval contract knows (P3KE, Bansos Pemkot, ...): a family from another
# list (DTKS, DTSEN) gets an empty Sumber Daftar cell, which the funnel counts "Tidak disebut".
DAFTAR_VERVAL = set(VERVAL.field("sumber_daftar").values.values()) | {
    daftar_lokal(j) for j in ("kota", "kabupaten", "provinsi")
}  # Pemkab in a kabupaten


def _sheet_name(kelurahan: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", str(kelurahan or "Tanpa kelurahan")).strip()[:31]
    name, n = base or "Lembar", 1
    while name.lower() in used:
        n += 1
        name = f"{base[: 31 - len(str(n)) - 1]} {n}"
    used.add(name.lower())
    return name


def keluarga(
    params: dict, role: str, data_dir: Path, sumber: str = "daftar_sasaran"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the rows as the register keeps them, the same rows as `role` may see them).

    The families are the rows of named query `sumber` (one of `SUMBER`) for `params`; the
    register (server side, never in a file) keeps the whole No KK, the file gets the rows
    through the privacy policy."""
    from pantau import queries, wilayah
    from pantau.ingest import region

    if sumber not in SUMBER:
        raise PantauError(
            f"Daftar '{sumber}' tidak dapat dijadikan berkas verval; pilih salah satu: "
            + ", ".join(SUMBER)
            + "."
        )
    if not (privacy.sees_named_lists(role) and privacy.may_run(role, sumber)):
        raise PantauError(
            "Berkas verifikasi lapangan memuat nama keluarga; hanya Kepala Dinas dan perencana "
            "yang dapat membuatnya."
        )
    raw = queries.run(sumber, params, data_dir).reset_index(drop=True)
    if "kode_kel" not in raw.columns:
        # the names of `data_dir`'s region, not of the process's data directory
        with region.dipakai(wilayah.kode(data_dir)):
            codes = {(kel, kec): code for code, (kel, kec) in region.names().items()}
        raw["kode_kel"] = [
            codes.get((kel, kec))
            for kel, kec in zip(raw["kelurahan"], raw["kecamatan"], strict=True)
        ]
    raw["sumber_daftar"] = [
        x if isinstance(x, str) and x in DAFTAR_VERVAL else None for x in raw["sumber_data"]
    ]
    shown = privacy.policy(sumber, raw, role)
    return raw, shown


def keterangan_simulasi(params: dict, strategi: str) -> str:
    """The sheet's line for a file made from the budget simulation: which strategy, which
    budget and transfer (the inputs, in Rp)."""
    from pantau import simulasi

    return (
        f"Keluarga yang dijangkau strategi {simulasi.STRATEGI.get(strategi, strategi)} dalam "
        f"simulasi anggaran {fmt.rupiah(params['anggaran'])} "
        f"({fmt.rupiah(params['biaya_per_kpm'])} per KPM), dalam urutan strategi itu."
    )


def buat(
    params: dict,
    role: str,
    user: str,
    data_dir: Path,
    now: dt.datetime | None = None,
    sumber: str = "daftar_sasaran",
    keterangan: str | None = None,
) -> tuple[bytes, dict]:
    """The workbook of the families of named query `sumber` for `params` and what its audit
    line adds; records the sending in the register first (no register line, no file).
    `keterangan`, a line on each sheet under its title (which list this is: a strategy of the
    simulation and its budget). Raises PantauError when there is no family to send."""
    raw, shown = keluarga(params, role, data_dir, sumber)
    if raw.empty:
        raise PantauError("Tidak ada keluarga yang cocok dengan filter ini; berkas tidak dibuat.")
    periode = params.get("periode")
    if not periode:
        raise PantauError("Sebutkan periode daftar (YYYY-MM); berkas tidak dibuat.")
    now = now or dt.datetime.now().replace(microsecond=0)
    id_berkas = f"VV-{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    raw["id_baris"] = [str(i + 1) for i in range(len(raw))]
    shown["id_baris"] = raw["id_baris"]
    register = pd.DataFrame(
        {
            "id_berkas": id_berkas,
            "id_baris": raw["id_baris"],
            "periode": periode,
            "kode_kel": raw["kode_kel"],
            "no_kk": raw["no_kk"].astype(str),
            "dikirim_pada": pd.Timestamp(now),
            "peran": role,
        }
    )
    data = _workbook(shown, raw["kode_kel"], id_berkas, periode, now, keterangan)
    catat(data_dir, periode, register, id_berkas)
    more = {
        "daftar": "verval_lapangan",
        "daftar_asal": sumber,
        "id_berkas": id_berkas,
        "periode": periode,
        "baris": len(raw),
        "kelurahan": int(raw["kode_kel"].nunique()),
        "samaran": export.identifiers_masked(shown),
    }
    return data, more


def _workbook(
    shown: pd.DataFrame,
    kode_kel: pd.Series,
    id_berkas: str,
    periode: str,
    now: dt.datetime,
    keterangan: str | None = None,
) -> bytes:
    """One sheet per kelurahan: title, headings (frozen), rows, signature block. Every text
    cell goes through export.defuse (a name starting with = stays text)."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    book.set_properties({"title": f"Verifikasi lapangan {periode}", "comments": id_berkas})
    book.set_custom_property("id_berkas", id_berkas)
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 13})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    isian = book.add_format({"bg_color": "#FFF2CC", "border": 1})
    tanggal = book.add_format({"bg_color": "#FFF2CC", "border": 1, "num_format": "dd/mm/yyyy"})
    teks = book.add_format({"border": 1})
    used: set[str] = set()
    shown = shown.assign(_kode=kode_kel.values)
    headings = list(KOLOM)
    col = {h: j for j, h in enumerate(headings)}
    for (kec, kel), rows in shown.groupby(["kecamatan", "kelurahan"], sort=True, dropna=False):
        ws = book.add_worksheet(_sheet_name(kel, used))
        kata = singkatan(rows["_kode"].iloc[0])  # "Desa " or "Kel. "
        ws.write_string(
            0, 0, export.defuse(f"DAFTAR VERIFIKASI DAN VALIDASI LAPANGAN {periode}"), title
        )
        ws.write_string(
            1,
            0,
            export.defuse(f"{kata}{kel}, Kec. {kec} ({rows['_kode'].iloc[0] or '-'})"),
            bold,
        )
        ws.write_string(
            2,
            0,
            "Isi kolom kuning saja: Hasil (Layak / Tidak Layak), Alasan bila Tidak Layak, "
            "Tanggal Verval, Petugas, Catatan. Baris keluarga yang belum dikunjungi dibiarkan "
            f"kosong. Jangan mengubah kolom lain. ID berkas {id_berkas}, dibuat "
            f"{fmt.waktu_angka(now)}.",
        )
        if keterangan:
            ws.write_string(3, 0, export.defuse(keterangan))
        for j, h in enumerate(headings):
            ws.write_string(JUDUL_BARIS, j, h, head)
            ws.set_column(j, j, LEBAR[j])
        ws.set_column(col[KOLOM_BERKAS], col[KOLOM_BARIS], 12, None, {"hidden": True})
        first = JUDUL_BARIS + 1
        for n, (_, r) in enumerate(rows.iterrows()):
            y = first + n
            ws.write_number(y, col["No"], n + 1, teks)
            for h, source in KOLOM.items():
                if source is None:
                    continue
                value = r.get(source)
                if value is None or (not isinstance(value, str) and pd.isna(value)):
                    ws.write_blank(y, col[h], None, teks)
                elif source == "desil":
                    ws.write_number(y, col[h], int(value), teks)
                else:
                    ws.write_string(y, col[h], str(export.defuse(str(value))), teks)
            for h in ISIAN:
                ws.write_blank(y, col[h], None, tanggal if h == "Tanggal Verval" else isian)
            ws.write_string(y, col[KOLOM_BERKAS], id_berkas)
            ws.write_string(y, col[KOLOM_BARIS], str(r["id_baris"]))
        last = first + len(rows) - 1
        ws.data_validation(
            first, col["Hasil"], last, col["Hasil"],
            {"validate": "list", "source": HASIL, "input_title": "Hasil verval",
             "input_message": "Layak atau Tidak Layak", "error_title": "Hasil tidak dikenal",
             "error_message": "Pilih Layak atau Tidak Layak."},
        )  # fmt: skip
        ws.data_validation(
            first, col["Alasan"], last, col["Alasan"],
            {"validate": "list", "source": ALASAN, "input_title": "Alasan (bila Tidak Layak)",
             "input_message": ", ".join(ALASAN), "error_title": "Alasan tidak dikenal",
             "error_message": "Pilih salah satu alasan dari daftar."},
        )  # fmt: skip
        ws.data_validation(
            first, col["Tanggal Verval"], last, col["Tanggal Verval"],
            {"validate": "date", "criteria": ">=", "value": dt.date(2000, 1, 1),
             "input_title": "Tanggal kunjungan", "input_message": "hh/bb/tttt"},
        )  # fmt: skip
        ws.freeze_panes(first, 0)
        ws.autofilter(JUDUL_BARIS, 0, last, col["Catatan"])
        # The officer's and the lurah's signatures, two rows below the list, in columns that
        # are not No KK: no No KK and no ID there, so the import skips them (siapkan).
        y = last + 3
        x = col["Hasil"]
        ws.write_string(y, x, "Mengetahui,")
        kepala = (
            "Kepala Desa" if kata == "Desa " else "Lurah"
        )  # a desa is signed by its Kepala Desa
        ws.write_string(y + 1, x, export.defuse(f"{kepala} {kel}"))
        ws.write_string(y + 5, x, "(........................................)")
        if kepala == "Lurah":  # a Lurah is a civil servant; a Kepala Desa is elected, no NIP
            ws.write_string(y + 6, x, "NIP. ")
        ws.write_string(y, col["Nama kepala keluarga"], "Petugas verifikasi,")
        ws.write_string(
            y + 5, col["Nama kepala keluarga"], "(........................................)"
        )
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(JUDUL_BARIS)
    book.close()
    return buf.getvalue()


# --- the register ------------------------------------------------------------------------------


def catat(data_dir: Path, periode: str, rows: pd.DataFrame, id_berkas: str) -> None:
    """Add `rows` (one sending) to the register of `periode`: a new immutable batch holding the
    period's current one and these rows, made current by the manifest swap, under the lake's
    write lock. In a demo lake the batch is recorded as demo-written (it holds only demo rows),
    so the lake stays a demo lake."""
    from pantau.lake import REGISTERS, Lake, file_sha256, new_batch_id, private_dir

    lake = Lake(data_dir)
    columns = REGISTERS[REGISTER]
    with lake.locked():
        demo = lake.is_demo()
        previous = [b for b in lake.current_batches(REGISTER) if b["periode"] == periode]
        batch = new_batch_id()
        final = lake.batch_path(REGISTER, periode, batch)
        private_dir(final.parent)
        tmp = final.parent / f".tmp-{batch}.parquet"
        con = db.connect()
        try:
            con.register("baru", pa.Table.from_pandas(rows, preserve_index=False))
            cols = ", ".join(f"CAST({c} AS {t}) AS {c}" for c, t in columns.items())
            sql = f"SELECT {cols} FROM baru"
            if previous:
                old = str(lake.root / previous[0]["file"]).replace("'", "''")
                sql = f"SELECT {cols} FROM read_parquet('{old}') UNION ALL {sql}"
            target = str(tmp).replace("'", "''")
            con.execute(f"COPY ({sql}) TO '{target}' (FORMAT parquet, COMPRESSION zstd)")
            (n,) = con.execute(f"SELECT count(*) FROM read_parquet('{target}')").fetchone()
        except duckdb.Error as err:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise PantauError(
                "Daftar kiriman verval tidak dapat dicatat; periksa ruang disk folder data. "
                f"Berkas tidak dibuat ({type(err).__name__})."
            ) from None
        finally:
            con.close()
        lake.commit_file(tmp, final)
        record = {
            "batch": batch,
            "file": final.relative_to(lake.root).as_posix(),
            "rows": int(n),
            "imported_at": dt.datetime.now().isoformat(timespec="seconds"),
            "sources": [f"daftar-verval {id_berkas}"],
        }
        if demo:
            record.update({"demo": True, "demo_sha256": file_sha256(final)})
        lake.add_batch(REGISTER, periode, record)

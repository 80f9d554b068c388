"""The column layout of each kind of export: P3KE, bansos, DTKS/DTSEN, verval, penyaluran,
pemantauan and KUBE, each header and cell as that list writes it.

A layout function is long because it is the file's header row: one line per column, in the
export's order, is easier to check against a real file than any split would be.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pantau.contract import daftar_lokal
from pantau.demo.assumptions import ALASAN, DTSEN_FROM, PERIODS
from pantau.demo.codebooks import PEKERJAAN, PETUGAS
from pantau.demo.days import _day, _split_date, _year, _year_of
from pantau.demo.draws import _choose, _u
from pantau.demo.fields import (
    _alamat,
    _housing,
    _kecamatan,
    _kelurahan,
    _kk,
    _kode_kel,
    _names,
    _nik,
    _rtrw,
)
from pantau.demo.identities import birth_day
from pantau.demo.text import _cat, _date, _money, _null_where, _pad, _pick, _s, _where, _yes
from pantau.demo.world import World


def p3ke_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """The Kemenko PMK P3KE family sheet (BRIEF §1.2), December 2021."""
    n = len(idx)
    u = _u(idx, w.seed, 31)
    code = _kode_kel(w, idx)
    name = _kelurahan(w, idx, 32, share=0.35)
    name = _null_where((u < 0.05), pc.utf8_upper(name))
    code = _null_where((u >= 0.05) & (u < 0.35), code)
    y, m, d = _split_date(birth_day(idx))
    fl = w.p3ke_flags[:, idx]
    desil = w.L["desil21"][idx]
    return {
        "ID Keluarga P3KE": _cat(
            "P", _s(w.kab[idx] * 100 + w.kec[idx]), _pad((idx * 7919 + 13) % 10**7, 7)
        ),
        "Provinsi": pa.array(["JAWA TIMUR"] * n),
        "Kabupaten/Kota": pc.utf8_upper(_pick(w.kab_names, w.kel[idx])),
        "Kecamatan": _kecamatan(w, idx, upper=True),
        "Desa/Kelurahan": name,
        "Kode Kemendagri": code,
        "Desil Kesejahteraan": _s(desil),
        "Alamat": _alamat(w, idx, "p3ke"),
        "Kepala Keluarga": _names(w, idx),
        "NIK": _nik(w, idx),
        "Padan Dukcapil": _yes(u < 0.97, "Padan", "Tidak Padan"),
        "Jenis Kelamin": _yes(w.female[idx], "Perempuan", "Laki-laki"),
        "Tanggal Lahir": _cat(_pad(d, 2), _pad(m, 2), _s(y), sep="-"),
        "Pekerjaan": pc.utf8_upper(_pick(PEKERJAAN, w.job[idx])),
        "Kepemilikan Rumah": _pick(
            ["Milik Sendiri", "Kontrak/Sewa", "Bebas Sewa"],
            _choose(_u(idx, w.seed, 33), [0.7, 0.15, 0.15]),
        ),
        "Jenis Atap": _housing(w, idx, "atap", True),
        "Jenis Dinding": _housing(w, idx, "dinding", True),
        "Jenis Lantai": _housing(w, idx, "lantai", True),
        "Sumber Penerangan": _housing(w, idx, "penerangan", True),
        "Sumber Air Minum": _housing(w, idx, "sumber_air", True),
        "Memiliki Fasilitas Buang Air Besar": _housing(w, idx, "fasilitas_bab", True),
        "Penerima BPNT": _yes(fl[1]),
        "Penerima BPUM": _yes(fl[2]),
        "Penerima BST": _yes(fl[3]),
        "Penerima PKH": _yes(fl[0]),
        "Penerima Sembako": _yes(fl[4]),
        "No KK": _kk(w, idx),
        "Jumlah ART": _s(w.j0[idx]),
        "Sumber Data": pa.array(["P3KE"] * n),
    }


def bansos_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """The Pemkot/Pemprov bansos KPM list of December 2022 (Dinsos' own spreadsheet)."""
    eco = w.economics(idx, -1)
    layak = w.layak[idx]
    r = np.where(
        layak, np.minimum(w.r_ext[idx], 0.985) * (0.97 + 0.02 * w.L["r22"][idx]), w.r0[idx]
    )
    spend = np.floor(r * w.lines[2022] * eco["j"] / 1000).astype(np.int64) * 1000
    role = w.role[idx]
    u = _u(idx, w.seed, 41)
    return {
        "No": _s(np.arange(1, len(idx) + 1)),
        "NOKK": _kk(w, idx),
        "NIK KRT": _nik(w, idx),
        "Nama_KRT": pc.utf8_title(_names(w, idx)),
        "Alamat": _alamat(w, idx, "comma"),
        "RT": _rtrw(w.rt[idx], u, 0.5),
        "RW": _rtrw(w.rw[idx], u, 0.5),
        "Kelurahan": _kelurahan(w, idx, 42),
        "Kecamatan": _kecamatan(w, idx),
        "Jumlah_ART": _s(eco["j"]),
        "Sumber Data": _pick(["", daftar_lokal(w.region.jenis), "Bansos Pemprov"], role),
        "Pengeluaran per Bulan": _money(spend, "plain"),
    }


REGISTRY_STYLE = {  # t -> (delimiter, encoding, bom, crlf, desil header, kode column, money)
    0: (",", "utf-8", False, False, "Desil", None, "plain"),
    1: (",", "utf-8", False, False, "Desil", None, "rp"),
    2: (";", "utf-8", False, False, "Desil", "Kode Kelurahan", "plain"),
    3: (",", "utf-8", False, True, "Desil", None, "plain"),
    4: (";", "utf-8", False, False, "Percentile", None, "plain"),
    5: (";", "cp1252", False, True, "Desil", None, "plain"),
    6: (",", "utf-8", True, False, "Desil", None, "dec"),
    7: (";", "utf-8", True, True, "Desil", "Kode Kemendagri", "plain"),
}


def registry_columns(w: World, idx: np.ndarray, t: int) -> dict[str, pa.Array]:
    """The city's DTKS (to 2024) or DTSEN (from 2025) snapshot of one quarter."""
    eco = w.economics(idx, t)
    u = _u(idx, w.seed, 51, t)
    ext = eco["ext"]
    if t >= DTSEN_FROM:
        return _dtsen_columns(w, idx, t, eco, u)
    _, _, _, _, desil_header, kode, money = REGISTRY_STYLE[t]
    y, m, d = _split_date(birth_day(idx))
    sex = w.female[idx] ^ (_u(idx, w.seed, 52, t) < 0.0002)  # a typing slip: a warning
    if desil_header == "Percentile":
        desil = _s((eco["desil"] - 1) * 10 + 1 + (u * 9).astype(np.int64) % 9)
    else:
        desil = _s(eco["desil"])
    sumber = _where(
        w.usulan[idx] & (w.ext_in[idx] == w.enter[idx]), pa.scalar("Usulan"), pa.scalar("DTKS")
    )
    cols = {
        "ID DTKS": _cat(_s(w.kab[idx] * 100 + w.kec[idx]), _pad((idx * 48271 + 11) % 10**8, 8)),
        "Nomor_KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama_KRT": _names(w, idx),
        "JnsKel": _where(sex, pa.scalar("2"), pa.scalar("1")),
        "TglLahir": _cat(_cat(_pad(d, 2), _pad(m, 2), _s(y), sep="/"), " 0:00:00")
        if t in (0, 3)
        else _cat(_pad(d, 2), _pad(m, 2), _s(y), sep="/"),
        "Alamat": _alamat(w, idx, "plain"),
        "RT": _rtrw(w.rt[idx], u, 1.0 if t == 0 else 0.5),
        "RW": _rtrw(w.rw[idx], u, 1.0 if t == 0 else 0.5),
        "Kelurahan": _kelurahan(w, idx, 53 + t),
        "Kecamatan": _kecamatan(w, idx),
        desil_header: desil,
        "Jumlah_ART": _s(eco["j"]),
        "Miskin Ekstrem": _yes(ext),
        "Sumber Data": sumber,
        "Pekerjaan": _pick(PEKERJAAN, w.job[idx]),
        "Memiliki Usaha": _yes(w.usaha[idx]),
        "Pendapatan per Bulan": _money(eco["inc"], money),
        "Pengeluaran per Bulan": _money(eco["spend"], money),
        "Pengeluaran Pangan": _money(eco["pangan"], money),
        "Lantai": _housing(w, idx, "lantai", True),
        "Dinding": _housing(w, idx, "dinding", True),
        "Atap": _housing(w, idx, "atap", True),
        "Sumber_airminum": _housing(w, idx, "sumber_air", True),
        "Sumber_penerangan": _housing(w, idx, "penerangan", True),
        "Fasbab": _housing(w, idx, "fasilitas_bab", True),
        "Penerima PKH": _yes(w.pkh[idx]),
        "Penerima BPNT": _yes(w.bpnt[idx]),
        "PBI": _yes(w.pbi[idx]),
    }
    if kode:
        code = _kode_kel(w, idx)
        cols = _insert_after(cols, "Kelurahan", kode, code)
        cols["Kelurahan"] = _null_where(u > 0.9, cols["Kelurahan"])
    return cols


def _dtsen_columns(w: World, idx, t, eco, u) -> dict[str, pa.Array]:
    """The DTSEN layout (from 2025): the new registry's field names and codes, no labels."""
    y, m, d = _split_date(birth_day(idx))
    sumber = _where(
        w.usulan[idx] & (w.ext_in[idx] == w.enter[idx]), pa.scalar("Usulan"), pa.scalar("DTSEN")
    )
    cols = {
        "no_kk": _kk(w, idx),
        "nik": _nik(w, idx),
        "nama": _names(w, idx),
        "id_jenis_kelamin": _where(w.female[idx], pa.scalar("2"), pa.scalar("1")),
        "tgl_lahir": _cat(_s(y), _pad(m, 2), _pad(d, 2), sep="-"),
        "alamat": _alamat(w, idx, "plain"),
        "rt": _s(w.rt[idx]),
        "rw": _s(w.rw[idx]),
        "nama_kel": _kelurahan(w, idx, 60 + t, share=0.15),
        "kecamatan": _kecamatan(w, idx),
        "desil_nasional_keluarga": _s(eco["desil"]),
        "jml_art": _s(eco["j"]),
        "kemiskinan_ekstrem": _where(eco["ext"], pa.scalar("1"), pa.scalar("0")),
        "sumber": sumber,
        "pekerjaan": _pick(PEKERJAAN, w.job[idx]),
        "sta_art_usaha": _where(w.usaha[idx], pa.scalar("1"), pa.scalar("0")),
        "penghasilan_bulanan": _s(eco["inc"]),
        "pengeluaran_bulanan": _s(eco["spend"]),
        "pengeluaran_pangan": _s(eco["pangan"]),
        "id_lantai_terluas": _housing(w, idx, "lantai", False),
        "id_dinding_terluas": _housing(w, idx, "dinding", False),
        "id_atap_terluas": _housing(w, idx, "atap", False),
        "id_sumber_airminum": _housing(w, idx, "sumber_air", False),
        "id_sumberpenerangan": _housing(w, idx, "penerangan", False),
        "id_fasilitas_bab": _housing(w, idx, "fasilitas_bab", False),
        "pbi": _where(w.pbi[idx], pa.scalar("1"), pa.scalar("0")),
        "pkh": _where(w.pkh[idx], pa.scalar("1"), pa.scalar("0")),
        "bpnt": _where(w.bpnt[idx], pa.scalar("1"), pa.scalar("0")),
    }
    if PERIODS[t] >= "2026-03":
        cols = _insert_after(cols, "rw", "kode_desa", _kode_kel(w, idx, dotted=False))
    return cols


def _insert_after(cols: dict, after: str, key: str, value) -> dict:
    out = {}
    for k, v in cols.items():
        out[k] = v
        if k == after:
            out[key] = value
    return out


def verval_columns(w: World, idx: np.ndarray) -> dict[str, pa.Array]:
    """Verval results, Jan-Feb 2023: Layak / Tidak Layak with a reason (BRIEF §0, §1.2)."""
    layak = w.layak[idx]
    alasan = w.L["alasan"][idx]
    kec = w.kec[idx].astype(np.int64)
    u = _u(idx, w.seed, 71)
    al = _pick(ALASAN, np.maximum(alasan, 0))
    al = _where(u < 0.2, pc.utf8_upper(al), al)
    cols = {
        "No": _s(np.arange(1, len(idx) + 1)),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Kepala Keluarga": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 72),
        "Kecamatan": _kecamatan(w, idx),
        "Sumber Daftar": _pick(
            ["P3KE", daftar_lokal(w.region.jenis), "Bansos Pemprov"], w.role[idx]
        ),
        "Tanggal Verval": _date(w.L["verval_day"][idx], "%d/%m/%Y"),
        "Hasil Verval": _yes(layak, "Layak", "Tidak Layak"),
        "Alasan Tidak Memenuhi": _null_where(layak, al),
        "Petugas": _pick(PETUGAS, ((kec - 1) * 3 + w.L["petugas"][idx]) % len(PETUGAS)),
    }
    return cols


PROGRAM_TEXT = {  # how each programme is written in the lists, by variant
    "Sembako Daerah": ["Sembako Daerah", "BANSOS APBD", "Bansos Pemkot"],
    "Bansos Pemprov": ["Bansos Pemprov"],
    "PKH": ["PKH"],
    "BPNT": ["BPNT"],
    "BLT": ["BLT DBHCHT"],
    "Modal Usaha": ["Bantuan Modal Usaha"],
}
DANA_TEXT = {
    "APBD": ["APBD", "APBD Kota"],
    "APBD Provinsi": ["APBD Provinsi"],
    "APBN": ["APBN"],
    "DBHCHT": ["DBHCHT"],
}


def penyaluran_columns(w: World, periode: str, pay: dict) -> dict[str, pa.Array]:
    """A Dinsos payment list: one row per KPM per programme and tranche, money in mixed forms."""
    idx = pay["idx"]
    u = _u(idx, w.seed, 81, _year(periode) * 100 + int(periode[5:]))
    status = np.where(u < 0.02, 1, np.where(u < 0.03, 2, 0))
    status = np.where(np.isin(pay["prog"], ["BLT", "Modal Usaha"]) & (u >= 0.01), 0, status)
    k = _year(periode) % 3
    money_p = [[0.2, 0.6, 0.2], [0.5, 0.2, 0.3], [0.7, 0.15, 0.15]][k]
    variants = {p: v[k % len(v)] for p, v in PROGRAM_TEXT.items()}
    prog = pa.array(pd.Series(pay["prog"]).map(variants).to_numpy(dtype=object), pa.string())
    dana = pa.array(
        pd.Series(pay["dana"])
        .map({d: v[k % len(v)] for d, v in DANA_TEXT.items()})
        .to_numpy(dtype=object),
        pa.string(),
    )
    fmt = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y 0:00:00"][
        (_year(periode) + int(periode[5:])) % 4
    ]
    if periode == "2023-12":
        fmt = "%d/%m/%Y"  # the XLSX round: real date cells
    status_txt = _pick(["Tersalur", "Gagal", "Retur"], status)
    status_txt = _where(u > 0.7, pc.utf8_upper(status_txt), status_txt)
    history = periode < "2023-01"
    cols = {
        "No": _s(np.arange(1, len(idx) + 1)),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Penerima": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 82),
        "Jenis Bantuan": prog,
        "Tahap": pa.array(pay["tahap"].astype(str)),
        "Tanggal Salur": _date(pay["day"], fmt),
        "Nominal": _money(pay["nilai"], _choose(_u(idx, w.seed, 83, k), money_p)),
        "Status Salur": status_txt,
        "Sumber Dana": dana,
        "Keterangan": pa.array(pay["ket"].astype(str)),
    }
    if history:
        cols = {
            k2: v
            for k2, v in cols.items()
            if k2 not in ("No", "NIK", "Kelurahan", "Tahap", "Keterangan")
        }
        cols = {("Nama" if k2 == "Nama Penerima" else k2): v for k2, v in cols.items()}
    return cols


def pemantauan_columns(w: World, idx: np.ndarray, t: int) -> dict[str, pa.Array]:
    """Visit records: the same economics as the registry, and why a family left the list."""
    eco = w.economics(idx, t)
    left = w.ext_out[idx] == t
    why = np.where(left, w.why[idx], -1)
    gone = np.isin(why, [1, 2])
    status = np.where(why == 0, 1, np.where(why == 1, 2, np.where(why == 2, 3, 0)))
    u = _u(idx, w.seed, 92, t)
    closed = np.where(w.grant[idx] <= t, w.fails[idx], u < 0.05)
    usaha = np.where(w.usaha[idx], np.where(closed, 1, 0), 2)  # berjalan, tutup, belum ada
    period_day = _day(f"{PERIODS[t]}-01")
    day = period_day + 1 + (u * 26).astype(np.int64)
    catatan = np.full(len(idx), "", object)
    catatan[(w.grant[idx] <= t) & ~gone] = "Penerima modal usaha"
    catatan[why == 1] = "Kepala keluarga meninggal"
    catatan[why == 2] = "Pindah domisili"
    catatan[why == 0] = "Pengeluaran per kapita di atas garis"
    cols = {
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Nama Kepala Keluarga": _names(w, idx),
        "Kelurahan": _kelurahan(w, idx, 93),
        "Tanggal Kunjungan": _date(day, "%d/%m/%Y"),
        "Jumlah Anggota Keluarga": _null_where(gone, _s(eco["j"])),
        "Pendapatan per Bulan": _null_where(gone, _s(eco["inc"])),
        "Total Pengeluaran": _null_where(gone, _s(eco["spend"])),
        "Pengeluaran Makanan": _null_where(gone, _s(eco["pangan"])),
        "Status Usaha": _null_where(gone, _pick(["Berjalan", "Tutup", "Belum Ada"], usaha)),
        "Status Kemiskinan": _pick(["Masih Ekstrem", "Keluar", "Meninggal", "Pindah"], status),
        "Petugas": _pick(
            PETUGAS,
            ((w.kec[idx].astype(np.int64) - 1) * 3 + (u * 3).astype(np.int64) % 3) % len(PETUGAS),
        ),
        "Catatan": pa.array(catatan.astype(str)),
    }
    return cols


def kube_columns(w: World, periode: str) -> dict[str, pa.Array]:
    """The KUBE roster at `periode`: one row per member still in the registry."""
    t = PERIODS.index(periode)
    year = _year(periode)
    rows = {
        k: [] for k in ("id", "nama", "kel", "usaha", "born", "m", "jab", "modal", "omzet", "aktif")
    }
    for g in w.kube:
        if _year_of(g["born"]) > year:
            continue
        members = g["members"][w.exit[g["members"]] > t]
        if len(members) == 0:
            continue
        aktif = g["stop"] > t
        yrs = max(0, year - _year_of(g["born"]))
        omzet = int(round(g["omzet0"] * (1 + g["growth"]) ** yrs / 50_000)) * 50_000 if aktif else 0
        for j, fam in enumerate(members):
            rows["id"].append(g["id"])
            rows["nama"].append(g["nama"])
            rows["kel"].append(g["kel"])
            rows["usaha"].append(g["usaha"])
            rows["born"].append(g["born"])
            rows["m"].append(fam)
            rows["jab"].append(["Ketua", "Sekretaris", "Bendahara"][j] if j < 3 else "Anggota")
            # Group values sit on the ketua's row only, as in merged-cell spreadsheets.
            rows["modal"].append(g["modal"] if j == 0 else -1)
            rows["omzet"].append(omzet if j == 0 else -1)
            rows["aktif"].append(aktif)
    idx = np.array(rows["m"], np.int64)
    modal = np.array(rows["modal"], np.int64)
    omzet = np.array(rows["omzet"], np.int64)
    kel_idx = np.array(rows["kel"], np.int64)
    return {
        "No": _s(np.arange(1, len(idx) + 1)),
        "ID KUBE": pa.array(rows["id"]),
        "Nama KUBE": pa.array(rows["nama"]),
        "Kelurahan": _pick(w.kel_names, kel_idx),
        "Kecamatan": _pick(w.kec_names, kel_idx),
        "Jenis Usaha": pa.array(rows["usaha"]),
        "Tanggal Bentuk": _date(np.array(rows["born"], np.int64), "%d/%m/%Y"),
        "Nama Anggota": _names(w, idx),
        "Jabatan": pa.array(rows["jab"]),
        "No KK": _kk(w, idx),
        "NIK": _nik(w, idx),
        "Bantuan Modal": _null_where(modal < 0, _money(np.maximum(modal, 0), "rp")),
        "Omzet per Bulan": _null_where(omzet < 0, _money(np.maximum(omzet, 0), "plain")),
        "Status": _yes(np.array(rows["aktif"], bool), "Aktif", "Tidak Aktif"),
    }

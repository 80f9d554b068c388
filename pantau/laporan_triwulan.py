"""The quarterly report (Inpres 4/2022: every three months to the Mendagri, copied to the Menko
PMK) as DOCX, PDF or XLSX.

Built once (`susun`) from the same named queries as the pages, each through `privacy.result`
for the role the file is for, then laid out by `tulis`: the headline figures beside the
previous quarter's (ringkasan_kpi), the three strategies' indicators with their change
(skor_strategi), families reached per programme (bantuan_cakupan_program), funds by source
(bantuan_per_sumber_dana) and the Daftar SK's change per kecamatan (sk_versi,
sk_perubahan_kecamatan). Nothing here computes a figure: cells are query columns, formatted.

The report is an official aggregate report between governments: by default (CLI and the pages'
button alike, `privacy.official_report_role`) it is built for the policy's purpose
`laporan_resmi`, counts whole and no identifier, so the city and kecamatan totals can be
followed (350 → 311). A guest's button gives his own, suppressed view ("publik").
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pantau import config, fmt, privacy
from pantau.errors import PantauError
from pantau.report import daerah
from pantau.report.model import DINAS, WILAYAH, Column, Table, katalog, teks
from pantau.sk import waktu_wib
from pantau.teks import RAHASIA_LAPORAN as RAHASIA
from pantau.teks import RAHASIA_RESMI

FORMATS = ("docx", "pdf", "xlsx")
KEPADA = "Menteri Dalam Negeri Republik Indonesia"
TEMBUSAN = "Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan"
DASAR = (
    "Instruksi Presiden Nomor 4 Tahun 2022 tentang Percepatan Penghapusan Kemiskinan Ekstrem: "
    "laporan pelaksanaan setiap tiga bulan kepada Menteri Dalam Negeri, dengan tembusan kepada "
    "Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan."
)
RESMI = "laporan_resmi"  # the privacy policy's purpose of this report (pantau/privacy.py)
KOTA_SURAT = "Pasuruan"
NOMOR_KOSONG = "……………………………"
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
BULAN_TRIWULAN = {1: "Januari–Maret", 2: "April–Juni", 3: "Juli–September", 4: "Oktober–Desember"}


@dataclass
class Bagian:
    judul: str
    paragraf: list[str] = field(default_factory=list)
    tabel: list[Table] = field(default_factory=list)


@dataclass
class Laporan:
    periode: str
    role: str
    demo: bool
    versi: int
    dibuat: dt.datetime
    bagian: list[Bagian]
    nomor: str | None = None  # the letter's nomor surat; None: a dotted line to fill in
    sumber_daftar: str | None = None  # the keluarga list's source (ringkasan_kpi), in words
    wilayah: str = WILAYAH  # the region's name, its Dinas, the SK's signer, the letter's place
    dinas: str = DINAS
    sk: str = "SK Wali Kota"
    kota_surat: str = KOTA_SURAT

    @property
    def resmi(self) -> bool:
        return not privacy.suppresses(self.role)

    @property
    def sampai(self) -> str:
        """The period's last day, dd-mm-yyyy: '30-09-2026'."""
        return akhir_periode(self.periode)

    @property
    def triwulan(self) -> str:
        """'Triwulan II 2026 (April–Juni)'."""
        tahun, bulan = int(self.periode[:4]), int(self.periode[5:7])
        q = (bulan - 1) // 3 + 1
        return f"Triwulan {ROMAWI[q]} {tahun} ({BULAN_TRIWULAN[q]})"

    @property
    def judul(self) -> str:
        return f"Laporan Triwulan Percepatan Penghapusan Kemiskinan Ekstrem {self.wilayah}"

    @property
    def kaki(self) -> str:
        text = f"{self.dinas} · {self.wilayah} · {self.triwulan}"
        return f"{text} · DATA SINTETIS" if self.demo else text

    def tabel(self) -> list[Table]:
        return [t for b in self.bagian for t in b.tabel]


def akhir_periode(periode: str) -> str:
    tahun, bulan = int(periode[:4]), int(periode[5:7])
    return f"{calendar.monthrange(tahun, bulan)[1]:02d}-{bulan:02d}-{tahun}"


def sumber_teks(laporan: Laporan, t: Table) -> str:
    """A table's source for the Mendagri's reader, in words: 'Dinas Sosial Kota Pasuruan,
    daftar DTSEN September 2026, penyaluran s.d. 30-09-2026' (no query nor data version)."""
    daftar = f"daftar {laporan.sumber_daftar or 'keluarga'} {fmt.periode(laporan.periode)}"
    s = laporan.sampai
    isi = {
        "ringkasan_kpi": f"{daftar}, pemantauan dan penyaluran s.d. {s}",
        "skor_strategi": f"{daftar}, penyaluran, pemantauan dan data KUBE s.d. {s}",
        "bantuan_cakupan_program": f"{daftar}, penyaluran dan kepesertaan program s.d. {s}",
        "bantuan_per_sumber_dana": f"penyaluran 01-01-{laporan.periode[:4]} s.d. {s}",
        "sk_perubahan_kecamatan": f"Daftar {laporan.sk}, pemantauan dan verval s.d. {s}",
    }.get(t.sumber, f"{daftar}, penyaluran s.d. {s}")
    return f"Sumber: {laporan.dinas}, {isi}."


def _q(name: str, params: dict, role: str, data_dir: Path) -> pd.DataFrame:
    return privacy.result(name, params, role, data_dir)


def _sel(df: pd.DataFrame, col: str):
    return df[col].iloc[0] if len(df) and col in df.columns else None


def susun(
    data_dir: Path, periode: str | None, role: str = RESMI, nomor: str | None = None
) -> Laporan:
    """The report of quarter `periode` (empty = the latest period with a keluarga list) as
    `role` may see it: by default the official aggregate report (`RESMI`, counts whole).
    `nomor`: the letter's nomor surat (empty: a dotted line, filled in at the office). The
    region's words are `data_dir`'s, whatever $PANTAU_DATA names (config.serving)."""
    with config.serving(data_dir):
        return _susun(Path(data_dir), periode, role, nomor)


def _susun(data_dir: Path, periode: str | None, role: str, nomor: str | None) -> Laporan:
    from pantau.lake import Lake

    periods = _q("periode_list", {}, role, data_dir)
    known = [
        p
        for p, d in zip(periods.get("periode", []), periods.get("dataset", []), strict=True)
        if "keluarga" in str(d)
    ]
    if not known:
        raise PantauError(
            "Belum ada daftar keluarga yang dimuat; impor data sebelum membuat laporan."
        )
    periode = periode or known[-1]
    if periode not in known:
        raise PantauError(
            f"Periode {periode} tidak punya daftar keluarga; pilih salah satu: {', '.join(known)}."
        )
    p = {"periode": periode}
    lake = Lake(data_dir)
    w = daerah.dari(data_dir)
    kpi = _q("ringkasan_kpi", p, role, data_dir)
    cakupan = _q("bantuan_cakupan_program", p, role, data_dir)
    bagian = [
        _pengantar(periode, role),
        _angka_utama(kpi, periode),
        _strategi(_q("skor_strategi", p, role, data_dir)),
        _program(cakupan),
        _pemberdayaan(cakupan),
        _dana(_q("bantuan_per_sumber_dana", p, role, data_dir), periode),
        _sk(
            _q("sk_versi", {}, role, data_dir),
            _q("sk_perubahan_kecamatan", p, role, data_dir),
            periode,
            daerah.sk_daftar(w),
        ),
    ]
    nomor = " ".join(str(nomor or "").split())[:120] or None
    sumber = _sel(kpi, "sumber_daftar")
    return Laporan(
        periode,
        role,
        lake.is_demo(),
        lake.version(),
        dt.datetime.now().astimezone(),
        bagian,
        nomor,
        _dan(str(sumber)) if sumber else None,
        wilayah=w.nama,
        dinas=w.dinas,
        sk=daerah.sk_daftar(w),
        kota_surat=daerah.kota_surat(w),
    )


def _dan(daftar: str) -> str:
    """'DTSEN, Usulan' → 'DTSEN dan Usulan'."""
    parts = [p.strip() for p in daftar.split(",") if p.strip()]
    return ", ".join(parts[:-1]) + " dan " + parts[-1] if len(parts) > 1 else daftar


def untuk(data_dir: Path, periode: str | None, role: str, nomor: str | None = None) -> Laporan:
    """The report the dashboard's button gives the signed-in `role`: the official aggregate
    report (`RESMI`, the CLI's default, the same numbers) for a role that sees whole counts,
    the guest's own suppressed view otherwise (`privacy.official_report_role`)."""
    return susun(data_dir, periode, privacy.official_report_role(role), nomor)


def _pengantar(periode: str, role: str = RESMI) -> Bagian:
    return Bagian(
        "Pengantar",
        [
            f"Kepada Yth. {KEPADA}.",
            f"Tembusan: {TEMBUSAN}.",
            DASAR,
            f"Laporan ini memuat keadaan pada akhir {fmt.periode(periode)} dari data Dinas "
            "Sosial (daftar keluarga, penyaluran bantuan, pemantauan dan verifikasi); angka yang "
            "sama tampil di dasbor Pantau Kemiskinan Ekstrem. "
            + (RAHASIA if privacy.suppresses(role) else RAHASIA_RESMI),
        ],
    )


def _angka_utama(kpi: pd.DataFrame, periode: str) -> Bagian:
    """Headline figures beside the previous flagged quarter's (`_sebelumnya`) and, for the
    year-to-date ones, the same span a year earlier (`_tahun_lalu`)."""
    sebelum = _sel(kpi, "periode_sebelumnya")
    tahun_lalu = _sel(kpi, "periode_tahun_lalu")
    rows = [
        ("Keluarga miskin ekstrem", "keluarga_miskin_ekstrem", "_sebelumnya", "keluarga", sebelum),
        ("Jiwa miskin ekstrem", "jiwa_miskin_ekstrem", "_sebelumnya", "jiwa", sebelum),
        ("Cakupan bansos keluarga miskin ekstrem", "cakupan", "_sebelumnya", "persen", sebelum),
        (
            "Keluarga keluar dari kemiskinan ekstrem sejak 1 Januari",
            "keluarga_keluar_tahun_ini",
            "keluarga_keluar_tahun_lalu",
            "keluarga",
            tahun_lalu,
        ),
        (
            "Bantuan tersalur sejak 1 Januari",
            "bantuan_rp_tahun_ini",
            "bantuan_rp_tahun_lalu",
            "rp",
            tahun_lalu,
        ),
    ]
    out = []
    for label, col, other, jenis, when in rows:
        other = col + other if other.startswith("_") else other
        out.append(
            {
                "indikator": label,
                "nilai": teks(_sel(kpi, col), jenis),
                "pembanding": teks(_sel(kpi, other), jenis),
                "periode_pembanding": when,
            }
        )
    df = pd.DataFrame(out)
    kolom = {
        "indikator": Column("Indikator", "teks"),
        "nilai": Column(f"{fmt.periode(periode)}", "teks"),
        "pembanding": Column("Pembanding", "teks"),
        "periode_pembanding": Column("Periode pembanding", "periode"),
    }
    paragraf = [
        "Pembanding: triwulan bertanda sebelumnya untuk jumlah dan cakupan; rentang yang sama "
        "setahun sebelumnya untuk angka sejak 1 Januari (angka itu hanya naik dalam satu tahun)."
    ]
    if _sel(kpi, "sumber_daftar"):
        paragraf.append(f"Daftar keluarga periode ini: {_sel(kpi, 'sumber_daftar')}.")
    return Bagian(
        "Angka utama dan perubahan terhadap triwulan sebelumnya",
        paragraf,
        [Table("angka_utama", "Angka utama", df, kolom, "ringkasan_kpi")],
    )


def _nilai_satuan(v, satuan) -> str:
    return teks(v, "persen" if satuan == "persen" else "keluarga")


def _strategi(skor: pd.DataFrame) -> Bagian:
    if skor.empty:
        return Bagian("Tiga strategi", ["Tidak ada indikator untuk periode ini."])
    df = pd.DataFrame(
        {
            "strategi": [
                f"{s}. {n}" for s, n in zip(skor["strategi"], skor["nama_strategi"], strict=True)
            ],
            "indikator": skor["indikator"],
            "nilai": [
                _nilai_satuan(v, s) for v, s in zip(skor["nilai"], skor["satuan"], strict=True)
            ],
            "sebelumnya": [
                _nilai_satuan(v, s)
                for v, s in zip(skor["nilai_sebelumnya"], skor["satuan"], strict=True)
            ],
            "satuan": skor["satuan"],
            "periode_pembanding": skor["periode_pembanding"],
            "arah": skor["arah"],
        }
    )
    kolom = katalog(
        "skor_strategi",
        None,
        ["strategi", "indikator", "nilai", "sebelumnya", "satuan", "periode_pembanding", "arah"],
        # made above: the strategy's number and name, the values as text in their unit
        {
            "strategi": Column("Strategi", "teks"),
            "nilai": Column("Nilai", "teks"),
            "sebelumnya": Column("Pembanding", "teks"),
        },
    )
    return Bagian(
        "Tiga strategi: mengurangi beban, meningkatkan pendapatan, menurunkan kantong kemiskinan",
        [
            "Perubahan 'membaik' atau 'memburuk' hanya bila melewati selang kepercayaan 95 %; "
            "jumlah (KPM, kelompok, keluarga) adalah pencacahan, jadi setiap perubahan dihitung."
        ],
        [Table("tiga_strategi", "Indikator tiga strategi", df, kolom, "skor_strategi")],
    )


def _program(cakupan: pd.DataFrame) -> Bagian:
    rows = (
        cakupan[cakupan.get("tingkat", pd.Series(dtype=str)) == "program"]
        if len(cakupan)
        else cakupan
    )
    if rows.empty:
        return Bagian(
            "Keluarga terjangkau per program",
            ["Tidak ada keluarga miskin ekstrem yang terjangkau program pada periode ini."],
        )
    kolom = katalog(
        "bantuan_cakupan_program",
        None,
        ["program", "strategi", "keluarga_tercakup", "keluarga_miskin_ekstrem", "cakupan"],
    )
    jendela = _sel(rows, "jendela")
    return Bagian(
        "Keluarga terjangkau per program",
        [f"Terjangkau: {jendela}." if jendela else ""],
        [
            Table(
                "per_program",
                "Keluarga miskin ekstrem terjangkau per program",
                rows.reset_index(drop=True),
                kolom,
                "bantuan_cakupan_program",
            )
        ],
    )


PEMBERDAYAAN_KOLOM = katalog(
    "bantuan_cakupan_program",
    None,
    ["program", "jendela", "keluarga_tercakup", "keluarga_miskin_ekstrem", "cakupan"],
)


def _pemberdayaan(cakupan: pd.DataFrame) -> Bagian:
    """Strategy 2 (raising income: modal usaha, KUBE): bantuan_cakupan_program's strategy-2
    rows, the two summary rows (12 months or an active KUBE; ever) and any strategy-2
    programme, so the report says it even when no family was reached this year."""
    judul = "Keluarga terjangkau program pemberdayaan (strategi 2: modal usaha, KUBE)"
    if cakupan.empty or "strategi" not in cakupan.columns:
        return Bagian(judul, ["Tidak ada keluarga miskin ekstrem pada periode ini."])
    rows = cakupan[pd.to_numeric(cakupan["strategi"], errors="coerce") == 2].reset_index(drop=True)
    if rows.empty:
        return Bagian(judul, ["Tidak ada data program pemberdayaan pada periode ini."])
    return Bagian(
        judul,
        [
            "Program meningkatkan pendapatan (bantuan modal usaha, Kelompok Usaha Bersama): "
            "diterima dalam 12 bulan sampai akhir periode atau anggota KUBE aktif, dan pernah "
            "menerima sampai akhir periode (modal usaha diberikan sekali)."
        ],
        [
            Table(
                "pemberdayaan",
                "Keluarga terjangkau program pemberdayaan",
                rows,
                PEMBERDAYAAN_KOLOM,
                "bantuan_cakupan_program",
            )
        ],
    )


def _dana(dana: pd.DataFrame, periode: str) -> Bagian:
    if dana.empty:
        return Bagian("Dana per sumber", ["Tidak ada penyaluran tersalur sejak 1 Januari."])
    kolom = katalog("bantuan_per_sumber_dana", None, ["sumber_dana", "nilai", "kpm"])
    return Bagian(
        "Dana per sumber",
        [
            f"Bantuan berstatus tersalur dari 1 Januari {periode[:4]} sampai akhir "
            f"{fmt.periode(periode)}, per sumber dana."
        ],
        [
            Table(
                "per_sumber_dana",
                "Bantuan tersalur per sumber dana",
                dana,
                kolom,
                "bantuan_per_sumber_dana",
            )
        ],
    )


SK_KOLOM = katalog(
    "sk_perubahan_kecamatan",
    None,
    ["kecamatan", "keluarga_sebelumnya", "keluarga_sekarang", "tetap", "masuk", "masuk_usulan"]
    + ["masuk_verval", "masuk_pemutakhiran", "keluar", "keluar_graduasi", "keluar_meninggal"]
    + ["keluar_pindah", "keluar_tidak_memenuhi"],
)


def _sk(versi: pd.DataFrame, ubah: pd.DataFrame, periode: str, sk: str = "SK Wali Kota") -> Bagian:
    judul = f"Perubahan Daftar {sk} (keluarga miskin ekstrem)"
    berlaku = versi[versi["periode"] <= periode] if len(versi) else versi
    if berlaku.empty:
        return Bagian(judul, ["Belum ada Daftar SK yang dibekukan sampai periode ini."])
    ini = berlaku.iloc[0]  # sk_versi: newest first
    text = (
        f"Daftar SK yang berlaku: versi {ini['versi']}, {ini['nama_versi']} (daftar "
        f"{fmt.periode(ini['periode'])}, {teks(ini['keluarga'], 'keluarga')} keluarga, hash isi "
        f"{str(ini['sha256'])[:16]}…)."
    )
    if ubah.empty:
        return Bagian(
            judul, [text, "Versi pertama: belum ada versi sebelumnya untuk dibandingkan."]
        )
    text += (
        f" Dibanding versi {ini['versi_sebelumnya']} (daftar "
        f"{fmt.periode(ini['periode_sebelumnya'])})."
    )
    return Bagian(
        judul,
        [
            text,
            "Masuk dihitung di kecamatan versi ini, keluar di kecamatan versi sebelumnya; alasan "
            "keluar dari pemantauan atau verval terakhir sampai akhir periode versi ini.",
        ],
        [
            Table(
                "perubahan_sk",
                "Perubahan Daftar SK per kecamatan",
                ubah,
                SK_KOLOM,
                "sk_perubahan_kecamatan",
            )
        ],
    )


# --- layout ---------------------------------------------------------------------------------


def tulis(laporan: Laporan, fmt_: str) -> bytes:
    if fmt_ == "docx":
        return docx_bytes(laporan)
    if fmt_ == "pdf":
        return pdf_bytes(laporan)
    if fmt_ == "xlsx":
        return xlsx_bytes(laporan)
    raise PantauError(f"Format '{fmt_}' tidak dikenal; pilih {', '.join(FORMATS)}.")


def tanggal_surat(laporan: Laporan) -> str:
    """'Pasuruan, 2 Desember 2026': the letter's date line (the day it is made, WIB)."""
    return f"{laporan.kota_surat}, {fmt.tanggal(laporan.dibuat.astimezone(fmt.WIB).date())}"


def _kepala(laporan: Laporan) -> list[str]:
    lines = [
        laporan.dinas,
        tanggal_surat(laporan),
        f"Nomor: {laporan.nomor or NOMOR_KOSONG}",
        f"Perihal: Laporan triwulan percepatan penghapusan kemiskinan ekstrem, {laporan.triwulan}",
    ]
    if not laporan.resmi:
        lines.append("Versi publik: angka kecil disamarkan.")
    if laporan.demo:
        lines.append("DATA SINTETIS: semua angka dibuat program untuk demonstrasi.")
    return lines


def docx_bytes(laporan: Laporan) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    doc.core_properties.title = f"{laporan.judul}, {laporan.triwulan}"
    doc.core_properties.author = laporan.dinas
    doc.add_heading(laporan.judul, level=0)
    doc.add_paragraph(laporan.triwulan).runs[0].bold = True
    for line in _kepala(laporan):
        doc.add_paragraph(line)
    for b in laporan.bagian:
        doc.add_heading(b.judul, level=1)
        for text in b.paragraf:
            if text:
                doc.add_paragraph(text)
        for t in b.tabel:
            df = t.teks()
            doc.add_paragraph(f"Tabel: {t.judul}").runs[0].bold = True
            table = doc.add_table(rows=1, cols=len(df.columns))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, df.columns, strict=True):
                cell.text = str(name)
                cell.paragraphs[0].runs[0].bold = True
            for row in df.itertuples(index=False):
                cells = table.add_row().cells
                for j, (cell, value) in enumerate(zip(cells, row, strict=True)):
                    cell.text = str(value)
                    jenis = list(t.kolom.values())[j].jenis
                    if jenis not in ("teks", "periode"):
                        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            doc.add_paragraph(sumber_teks(laporan, t)).runs[0].italic = True
    doc.add_paragraph("")
    doc.add_paragraph(f"Kepala {laporan.dinas},")
    doc.add_paragraph("\n\n( ………………………………………… )")
    section = doc.sections[0]
    section.footer.paragraphs[0].text = laporan.kaki
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def pdf_bytes(laporan: Laporan) -> bytes:
    from pantau.report.pdf import _para
    from pantau.sk import pdf_baru

    pdf = pdf_baru("P", laporan.demo, laporan.kaki)
    pdf.add_page()
    _para(pdf, laporan.judul, 15, "B", gap=1)
    _para(pdf, laporan.triwulan, 12, "B", gap=2)
    for line in _kepala(laporan):
        _para(pdf, line, 9, colour=(90, 90, 90), gap=0.8)
    pdf.ln(3)
    for b in laporan.bagian:
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        _para(pdf, b.judul, 12, "B", gap=1)
        for text in b.paragraf:
            if text:
                _para(pdf, text, 9.5, gap=1.2)
        for t in b.tabel:
            _tabel_pdf(pdf, t, sumber_teks(laporan, t))
        pdf.ln(2)
    pdf.ln(6)
    _para(pdf, f"Kepala {laporan.dinas},", 10, gap=18)
    _para(pdf, "( ………………………………………… )", 10)
    return bytes(pdf.output())


def _tabel_pdf(pdf, tabel: Table, sumber: str) -> None:
    """report.pdf's table layout, with the report's own source line in words."""
    from pantau.report.pdf import ABU, _para, baris_tabel

    df = tabel.teks()
    if df.empty:
        return
    if pdf.get_y() > pdf.h - 60:
        pdf.add_page()
    _para(pdf, f"Tabel: {tabel.judul}", 10, "B", gap=1)
    baris_tabel(pdf, tabel, df)
    _para(pdf, sumber, 7.5, colour=ABU, gap=3)


# Whole sheet names (Excel: at most 31 characters), in words, one per table key.
LEMBAR = {
    "angka_utama": "Angka utama",
    "tiga_strategi": "Indikator tiga strategi",
    "per_program": "Terjangkau per program",
    "pemberdayaan": "Program pemberdayaan",
    "per_sumber_dana": "Dana per sumber",
    "perubahan_sk": "Perubahan Daftar SK",
}


def xlsx_bytes(laporan: Laporan) -> bytes:
    from pantau.report.xlsx import _tulis, nama_lembar

    notes = [
        ("Judul", laporan.judul),
        ("Triwulan", laporan.triwulan),
        ("Kepada", KEPADA),
        ("Tembusan", TEMBUSAN),
        ("Dasar", DASAR),
        ("Nomor", laporan.nomor or NOMOR_KOSONG),
        ("Tanggal", tanggal_surat(laporan)),
        ("Dibuat", waktu_wib(laporan.dibuat)),
        ("Data", "DATA SINTETIS" if laporan.demo else f"Data {laporan.dinas}"),
        ("Kerahasiaan", RAHASIA if not laporan.resmi else RAHASIA_RESMI),
    ]
    sheets: dict[str, tuple[pd.DataFrame, dict[str, str]]] = {}
    for t in laporan.tabel():
        name = nama_lembar(LEMBAR.get(t.key, t.judul), sheets)
        sheets[name] = (t.angka(), t.formats())
        notes.append((f"Lembar {name}", f"{t.judul}. {sumber_teks(laporan, t)}"))
    for b in laporan.bagian:
        notes += [(b.judul, p) for p in b.paragraf if p]
    first = {"Keterangan": (pd.DataFrame(notes, columns=["Keterangan", "Isi"]), {})}
    return _tulis({**first, **sheets})

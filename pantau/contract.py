"""The six canonical datasets of DATA-CONTRACT.md, as data.

Each field names its canonical column, its kind (which decides how a raw text value is
parsed and checked), the header aliases it is recognised by, and whether it is required.
The importer, the lake's empty views and the docs test all read this one table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

# Kinds and the DuckDB type each one is stored as.
SQL_TYPES = {
    "text": "VARCHAR",
    "nik": "VARCHAR",
    "kk": "VARCHAR",
    "date": "DATE",
    "int": "INTEGER",
    "desil": "INTEGER",
    "bool": "BOOLEAN",
    "rupiah": "DOUBLE",
    "float": "DOUBLE",
    "sex": "VARCHAR",
    "rtrw": "VARCHAR",
    "kode_kel": "VARCHAR",
    "kelurahan": "VARCHAR",
    "kecamatan": "VARCHAR",
    "enum": "VARCHAR",
    "code": "INTEGER",
    "program": "VARCHAR",
}


def norm_header(name: str) -> str:
    """Header key: case, spaces, dots, underscores, slashes and other punctuation ignored."""
    return re.sub(r"[^0-9a-z]", "", str(name).lower())


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    # enum fields: accepted raw values (normalised) -> canonical value
    values: dict[str, str] = field(default_factory=dict)
    default: str | None = None
    codebook: str | None = None  # for kind "code": which codebook in CODEBOOKS

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]

    def header_keys(self) -> set[str]:
        return {norm_header(a) for a in (self.name, *self.aliases)}


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    fields: tuple[Field, ...]
    # groups of field names of which at least one must be present as a column
    one_of: tuple[tuple[str, ...], ...] = ()
    # columns that identify a duplicate row within one file
    unique: tuple[str, ...] = ()
    # whether extra yes/no programme columns are gathered into program_terdaftar
    program_flags: bool = False

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def columns(self) -> list[str]:
        cols = [f.name for f in self.fields]
        if self.program_flags:
            cols.append("program_terdaftar")
        return cols


# --- shared field definitions -------------------------------------------------------------

NO_KK = Field("no_kk", "kk", ("No KK", "NOKK", "Nomor KK", "Nomor_KK", "NoKK", "No. KK"))
NIK = Field("nik", "nik", ("NIK",))
KODE_KEL = Field(
    "kode_kel",
    "kode_kel",
    ("Kode Kemendagri", "Kode Kelurahan", "KDDESA", "kode_desa", "Kode Desa", "Kode Wilayah"),
)
KELURAHAN = Field(
    "kelurahan",
    "kelurahan",
    ("Desa/Kelurahan", "Kelurahan", "Nama Kelurahan", "Desa", "nama_kel", "Kelurahan/Desa"),
)
KECAMATAN = Field("kecamatan", "kecamatan", ("Kecamatan", "KDKEC", "Nama Kecamatan"))
PENDAPATAN = Field(
    "pendapatan_bulanan",
    "rupiah",
    ("Penghasilan", "Pendapatan", "Pendapatan per Bulan", "penghasilan_bulanan"),
)
PENGELUARAN = Field(
    "pengeluaran_bulanan",
    "rupiah",
    ("Pengeluaran", "Pengeluaran per Bulan", "Total Pengeluaran"),
)
PANGAN = Field("pengeluaran_pangan", "rupiah", ("Pengeluaran Pangan", "Pengeluaran Makanan"))
JUMLAH_ANGGOTA = Field(
    "jumlah_anggota",
    "int",
    ("Jumlah ART", "Jumlah_ART", "Jumlah Anggota Keluarga", "jml_art", "Jumlah Anggota"),
)
JENIS_KELAMIN = Field("jenis_kelamin", "sex", ("Jenis Kelamin", "JnsKel", "id_jenis_kelamin"))
TANGGAL_LAHIR = Field("tanggal_lahir", "date", ("Tanggal Lahir", "TglLahir", "tgl_lahir"))
PEKERJAAN = Field("pekerjaan", "text", ("Pekerjaan", "id_pekerjaan_utama"))

# The bansos list of the local government (Pemkot, Pemkab, Pemda: one list, however a file
# calls it) is stored under the region's word; a province's own list is the Pemprov's, and its
# kab/kota governments' lists are the local one.
LOKAL = ("bansospemkot", "bansospemkab", "bansospemda", "bansospemkabpemkot", "bansospemkotpemkab")
DAFTAR_LOKAL = {"kota": "Bansos Pemkot", "kabupaten": "Bansos Pemkab"}
DAFTAR_LOKAL_PROVINSI = "Bansos Pemkab/Pemkot"


def daftar_lokal(jenis: str) -> str:
    """The local government's bansos list as a region of this jenis names it: 'Bansos Pemkot'
    (kota), 'Bansos Pemkab' (kabupaten), 'Bansos Pemkab/Pemkot' (a province's kab/kota)."""
    return DAFTAR_LOKAL.get(jenis, DAFTAR_LOKAL_PROVINSI)


def sumber_list(jenis: str = "kota") -> dict[str, str]:
    """The source lists a file may name (normalised) -> the value stored, in a region of jenis."""
    return {
        "p3ke": "P3KE",
        "dtks": "DTKS",
        "dtsen": "DTSEN",
        **dict.fromkeys(LOKAL, daftar_lokal(jenis)),
        "bansospemprov": "Bansos Pemprov",
        "usulan": "Usulan",
    }


SUMBER_LIST = sumber_list("kota")  # Kota Pasuruan's, the default region

# Kemensos codebooks (BRIEF §1.3): code -> label. Labels map back to codes too.
CODEBOOKS: dict[str, dict[int, str]] = {
    "lantai": {
        1: "Marmer/granit",
        2: "Keramik",
        3: "Parket/vinil/permadani",
        4: "Ubin/tegel/teraso",
        5: "Kayu/papan kualitas tinggi",
        6: "Semen/bata merah",
        7: "Bambu",
        8: "Kayu/papan kualitas rendah",
        9: "Tanah",
        10: "Lainnya",
    },
    "dinding": {
        1: "Tembok",
        2: "Plesteran anyaman bambu/kawat",
        3: "Kayu",
        4: "Anyaman bambu",
        5: "Batang kayu",
        6: "Bambu",
        7: "Lainnya",
    },
    "atap": {
        1: "Beton",
        2: "Genteng keramik",
        3: "Genteng metal",
        4: "Genteng tanah liat",
        5: "Asbes",
        6: "Seng",
        7: "Sirap",
        8: "Bambu",
        9: "Jerami/ijuk/daun/rumbia",
        10: "Lainnya",
    },
    "sumber_air": {
        1: "Air kemasan bermerk",
        2: "Isi ulang",
        3: "Leding meteran",
        4: "Leding eceran",
        5: "Sumur bor/pompa",
        6: "Sumur terlindung",
        7: "Sumur tak terlindung",
        8: "Mata air terlindung",
        9: "Mata air tak terlindung",
        10: "Sungai/danau/waduk",
        11: "Air hujan",
        12: "Lainnya",
    },
    "penerangan": {1: "Listrik PLN", 2: "Listrik non-PLN", 3: "Bukan listrik"},
    "fasilitas_bab": {1: "Sendiri", 2: "Bersama", 3: "Umum", 4: "Tidak ada"},
}

YES = {"ya", "y", "1", "true", "benar", "iya", "yes", "layak", "memenuhi", "aktif", "padan"}
NO = {"tidak", "t", "n", "0", "false", "salah", "no", "tidaklayak", "tidakmemenuhi", "tidakaktif"}

# --- the six datasets ---------------------------------------------------------------------

KELUARGA = Dataset(
    "keluarga",
    "Keluarga sasaran (P3KE, DTKS, DTSEN, usulan)",
    (
        Field("id_keluarga", "text", ("ID Keluarga P3KE", "IDBDT", "ID DTKS", "ID Keluarga")),
        Field(NO_KK.name, NO_KK.kind, NO_KK.aliases, required=True),
        Field(
            "nik_kepala",
            "nik",
            ("NIK", "NIK Kepala Keluarga", "NIK KRT", "NIK Kepala"),
            required=True,
        ),
        Field(
            "nama_kepala",
            "text",
            ("Kepala Keluarga", "Nama Kepala Keluarga", "Nama_KRT", "nama", "Nama KRT"),
            required=True,
        ),
        JENIS_KELAMIN,
        TANGGAL_LAHIR,
        Field("alamat", "text", ("Alamat",)),
        Field("rt", "rtrw", ("RT",)),
        Field("rw", "rtrw", ("RW",)),
        KODE_KEL,
        KELURAHAN,
        KECAMATAN,
        Field(
            "desil",
            "desil",
            ("Desil Kesejahteraan", "Desil", "desil_nasional_keluarga", "Percentile", "Persentil"),
        ),
        Field(JUMLAH_ANGGOTA.name, "int", JUMLAH_ANGGOTA.aliases, required=True),
        Field("miskin_ekstrem", "bool", ("Miskin Ekstrem", "kemiskinan_ekstrem", "Status Ekstrem")),
        Field("sumber_data", "enum", ("Sumber Data", "sumber"), values=SUMBER_LIST),
        PENDAPATAN,
        PENGELUARAN,
        PANGAN,
        Field("punya_usaha", "bool", ("Punya Usaha", "Memiliki Usaha", "Sta_art_usaha")),
        PEKERJAAN,
        Field("lantai", "code", ("Jenis Lantai", "Lantai", "id_lantai_terluas"), codebook="lantai"),
        Field(
            "dinding",
            "code",
            ("Jenis Dinding", "Dinding", "id_dinding_terluas"),
            codebook="dinding",
        ),
        Field("atap", "code", ("Jenis Atap", "Atap", "id_atap_terluas"), codebook="atap"),
        Field(
            "sumber_air",
            "code",
            ("Sumber Air Minum", "Sumber_airminum", "id_sumber_airminum"),
            codebook="sumber_air",
        ),
        Field(
            "penerangan",
            "code",
            ("Sumber Penerangan", "Sumber_penerangan", "id_sumberpenerangan"),
            codebook="penerangan",
        ),
        Field(
            "fasilitas_bab",
            "code",
            ("Fasilitas BAB", "Fasbab", "Memiliki Fasilitas Buang Air Besar", "id_fasilitas_bab"),
            codebook="fasilitas_bab",
        ),
        Field("lat", "float", ("Latitude", "Lintang", "Koordinat_Y", "Koordinat Y")),
        Field("lon", "float", ("Longitude", "Bujur", "Koordinat_X", "Koordinat X")),
    ),
    one_of=(("kode_kel", "kelurahan"),),
    unique=("no_kk",),
    program_flags=True,
)

VERVAL = Dataset(
    "verval",
    "Hasil verifikasi dan validasi",
    (
        Field(NO_KK.name, NO_KK.kind, NO_KK.aliases, required=True),
        Field("tanggal_verval", "date", ("Tanggal Verval", "Tgl Verifikasi"), required=True),
        Field(
            "hasil",
            "enum",
            (
                "Hasil",
                "Hasil Verval",
                "Layak/Tidak Layak",
                "VERVAL_memenuhi_kriteria_P3KE",
                "Status Verifikasi",
            ),
            required=True,
            values={
                "memenuhi": "memenuhi",
                "tidakmemenuhi": "tidak memenuhi",
                "layak": "memenuhi",
                "tidaklayak": "tidak memenuhi",
                "ya": "memenuhi",
                "tidak": "tidak memenuhi",
                "1": "memenuhi",
                "0": "tidak memenuhi",
            },
        ),
        Field(
            "alasan",
            "enum",
            ("Alasan", "Alasan Tidak Memenuhi", "Keterangan", "VERVAL_alasan_tidak_memenuhi"),
            values={
                "meninggal": "meninggal",
                "pindah": "pindah",
                "sudahmampu": "sudah mampu",
                "mampu": "sudah mampu",
                "tidakditemukan": "tidak ditemukan",
                "datagandaduplikat": "data ganda",
                "datagand": "data ganda",
                "dataganda": "data ganda",
                "ganda": "data ganda",
                "lainnya": "lainnya",
            },
        ),
        Field(
            "sumber_daftar",
            "enum",
            ("Sumber Daftar", "Sumber Data"),
            values={k: v for k, v in SUMBER_LIST.items() if k not in ("dtks", "dtsen")},
        ),
        Field("petugas", "text", ("Petugas", "Verifikator")),
    ),
    unique=("no_kk",),
)

PENYALURAN = Dataset(
    "penyaluran",
    "Penyaluran bantuan",
    (
        NO_KK,
        Field("nik", "nik", ("NIK", "NIK Penerima")),
        Field("program", "program", ("Program", "Jenis Bantuan", "Nama Program"), required=True),
        Field(
            "tanggal_salur", "date", ("Tanggal Salur", "Tanggal", "Tgl Penyaluran"), required=True
        ),
        Field("nilai", "rupiah", ("Nilai", "Nominal", "Jumlah (Rp)", "Besaran"), required=True),
        Field(
            "status",
            "enum",
            ("Status", "Status Salur"),
            values={"tersalur": "tersalur", "gagal": "gagal", "retur": "retur"},
            default="tersalur",
        ),
        Field(
            "sumber_dana",
            "enum",
            ("Sumber Dana", "Anggaran"),
            values={
                "apbd": "APBD",
                "apbdkota": "APBD",
                "apbdprovinsi": "APBD Provinsi",
                "apbdprov": "APBD Provinsi",
                "apbn": "APBN",
                "dbhcht": "DBHCHT",
                "lainnya": "lainnya",
            },
        ),
    ),
    one_of=(("no_kk", "nik"),),
    unique=("no_kk", "nik", "program", "tanggal_salur"),
)

KUBE = Dataset(
    "kube",
    "Kelompok Usaha Bersama (anggota)",
    (
        Field("id_kube", "text", ("ID KUBE", "Kode KUBE"), required=True),
        Field("nama_kube", "text", ("Nama KUBE", "Nama Kelompok"), required=True),
        KODE_KEL,
        KELURAHAN,
        KECAMATAN,
        Field("jenis_usaha", "text", ("Jenis Usaha", "Bidang Usaha"), required=True),
        Field(NO_KK.name, NO_KK.kind, NO_KK.aliases, required=True),
        Field("tanggal_bentuk", "date", ("Tanggal Bentuk", "Tahun Bentuk")),
        Field("modal", "rupiah", ("Modal", "Bantuan Modal")),
        Field("omzet_bulanan", "rupiah", ("Omzet", "Omzet per Bulan")),
        Field("status_aktif", "bool", ("Status", "Aktif", "Status Aktif")),
    ),
    one_of=(("kode_kel", "kelurahan"),),
    unique=("id_kube", "no_kk"),
)

PEMANTAUAN = Dataset(
    "pemantauan",
    "Kunjungan pemantauan",
    (
        Field(NO_KK.name, NO_KK.kind, NO_KK.aliases, required=True),
        Field("tanggal", "date", ("Tanggal", "Tanggal Kunjungan"), required=True),
        PENDAPATAN,
        PENGELUARAN,
        PANGAN,
        Field("jumlah_anggota", "int", JUMLAH_ANGGOTA.aliases),
        Field(
            "status_usaha",
            "enum",
            ("Status Usaha",),
            values={"berjalan": "berjalan", "tutup": "tutup", "belumada": "belum ada"},
        ),
        Field(
            "status_ekstrem",
            "enum",
            ("Status", "Status Kemiskinan", "Status Ekstrem"),
            values={
                "masihekstrem": "masih ekstrem",
                "ekstrem": "masih ekstrem",
                "keluar": "keluar",
                "graduasi": "keluar",
                "meninggal": "meninggal",
                "pindah": "pindah",
            },
        ),
    ),
    unique=("no_kk", "tanggal"),
)

INDIVIDU = Dataset(
    "individu",
    "Anggota keluarga (individu)",
    (
        Field(NO_KK.name, NO_KK.kind, NO_KK.aliases, required=True),
        Field("nik", "nik", ("NIK",), required=True),
        Field("nama", "text", ("Nama", "Nama Lengkap"), required=True),
        JENIS_KELAMIN,
        TANGGAL_LAHIR,
        Field("hubungan", "text", ("Hubungan dengan Kepala Keluarga", "HubKRT", "Hubungan")),
        Field("disabilitas", "text", ("Disabilitas", "Jenis_cacat", "id_disabilitas")),
        PEKERJAAN,
        Field("pendidikan", "text", ("Pendidikan", "Pendidikan_tertinggi")),
    ),
    unique=("nik",),
)

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (KELUARGA, VERVAL, PENYALURAN, KUBE, PEMANTAUAN, INDIVIDU)
}


SUMBER_FIELDS = ("sumber_data", "sumber_daftar")


def untuk_wilayah(ds: Dataset, jenis: str) -> Dataset:
    """The dataset as a region of this jenis imports it: its source-list fields store the local
    government's list under the region's word (sumber_list). Kota Pasuruan's is `ds` itself."""
    if jenis == "kota" or not any(f.name in SUMBER_FIELDS for f in ds.fields):
        return ds
    values = sumber_list(jenis)

    def field_(f: Field) -> Field:
        if f.name not in SUMBER_FIELDS:
            return f
        return replace(f, values={k: v for k, v in values.items() if k in f.values})

    return replace(ds, fields=tuple(field_(f) for f in ds.fields))


# Programme columns gathered into program_terdaftar: header key prefix or exact key -> name.
PROGRAM_FLAG_PREFIXES = ("penerima", "apbn", "apbd", "sta", "ada", "bltdbhcht", "danadesa")
PROGRAM_FLAG_NAMES = {
    "pkh": "PKH",
    "bpnt": "BPNT",
    "sembako": "Sembako",
    "pbi": "PBI-JK",
    "bpjspbi": "PBI-JK",
    "jknkis": "PBI-JK",
    "kis": "PBI-JK",
    "bst": "BST",
    "bpum": "BPUM",
    "pip": "PIP",
    "kip": "PIP",
    "rastra": "Rastra",
    "bsps": "RTLH",
    "rtlh": "RTLH",
    "rtlhkelurahan": "RTLH",
    "bltdd": "BLT-DD",
    "bltdbhcht": "BLT",
    "pkhplus": "PKH",
}


def program_flag_name(header_key: str) -> str | None:
    """The programme a yes/no column stands for, or None when it is not a programme flag."""
    key = header_key
    for prefix in PROGRAM_FLAG_PREFIXES:
        if key.startswith(prefix) and key != prefix:
            rest = key[len(prefix) :]
            if rest in PROGRAM_FLAG_NAMES:
                return PROGRAM_FLAG_NAMES[rest]
            if prefix in ("bltdbhcht",):
                return "BLT"
    return PROGRAM_FLAG_NAMES.get(key)


PERIODE_RE = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")

"""`python -m pantau sk bekukan|daftar|lampiran` and `python -m pantau laporan-triwulan`."""

from __future__ import annotations

from pathlib import Path

from pantau import config, privacy
from pantau.errors import PantauError


def register(subparsers) -> None:
    sk = subparsers.add_parser(
        "sk",
        help="Daftar SK (Wali Kota/Bupati; Gubernur di provinsi): bekukan daftar miskin ekstrem satu periode, lihat versi, "
        "tulis lampiran",
        description="Daftar SK: daftar keluarga miskin ekstrem satu periode dibekukan sebagai "
        "versi bernama dengan hash isi (SHA-256); versi tidak pernah berubah. Membekukan isi "
        "yang sama dua kali tidak membuat versi baru.",
    )
    sub = sk.add_subparsers(title="perintah sk", metavar="<bekukan|daftar|lampiran>")
    bk = sub.add_parser("bekukan", help="bekukan daftar miskin ekstrem satu periode")
    bk.add_argument("--periode", required=True, help="periode daftar keluarga, YYYY-MM")
    bk.add_argument(
        "--nama",
        help='nama versi, mis. "SK Wali Kota/Bupati No. 100/123/2026" (nomornya menjadi NOMOR '
        "lampiran)",
    )
    bk.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=sorted(privacy.ROLES),
        default="kepala",
        help="peran yang membekukan (bawaan kepala; hanya Kepala Dinas yang boleh)",
    )
    bk.set_defaults(func=cmd_bekukan)
    dv = sub.add_parser("daftar", help="versi yang sudah dibekukan")
    dv.add_argument("--json", action="store_true", help="cetak sebagai JSON")
    dv.set_defaults(func=cmd_daftar)
    la = sub.add_parser("lampiran", help="tulis lampiran SK satu versi (XLSX atau PDF)")
    la.add_argument("--versi", help="nomor versi atau awal hash-nya (bawaan: versi terakhir)")
    la.add_argument("--format", choices=["xlsx", "pdf"], required=True)
    la.add_argument("--out", type=Path, required=True, help="berkas yang ditulis")
    la.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=sorted(privacy.ROLES),
        default="kepala",
        help="peran yang menerima berkas (bawaan kepala; perencana juga boleh; operator dan "
        "tamu ditolak)",
    )
    la.add_argument(
        "--utuh",
        action="store_true",
        help="NIK dan No KK utuh: arsip Dinas, jangan diumumkan (bawaan: disamarkan kecuali 4 "
        "digit terakhir, versi untuk diumumkan dan dilampirkan pada SK; hanya Kepala Dinas "
        "yang mendapat angka utuh)",
    )
    la.set_defaults(func=cmd_lampiran)
    sk.set_defaults(func=lambda args: (sk.print_help(), 2)[1])

    lt = subparsers.add_parser(
        "laporan-triwulan",
        help="laporan triwulan (Inpres 4/2022) ke Mendagri, tembusan Menko PMK",
        description="Laporan triwulan pelaksanaan percepatan penghapusan kemiskinan ekstrem: "
        "angka tiga strategi, keluarga terjangkau per program, dana per sumber, perubahan "
        "terhadap triwulan sebelumnya dan perubahan Daftar SK, dari query bernama yang sama "
        "dengan halaman dasbor.",
    )
    lt.add_argument("--periode", help="periode triwulan, YYYY-MM (bawaan: periode terakhir)")
    lt.add_argument("--format", choices=["docx", "pdf", "xlsx"], required=True)
    lt.add_argument("--out", type=Path, required=True, help="berkas yang ditulis")
    lt.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=[*sorted(privacy.PURPOSES), *sorted(privacy.ROLES)],
        default="laporan_resmi",
        help="untuk siapa angkanya (bawaan laporan_resmi: laporan resmi antarinstansi, angka "
        "agregat utuh tanpa identitas, sama dengan tombol di dasbor; tamu: versi publik, angka "
        "kecil disamarkan)",
    )
    lt.add_argument(
        "--nomor", help='nomor surat, mis. "400/123/423.011/2026" (bawaan: titik-titik)'
    )
    lt.set_defaults(func=cmd_laporan)


def _user() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


def _folder(out: Path) -> None:
    """Refuse before any work (and any audit line) when the file cannot go where asked."""
    if not out.parent.exists():
        raise PantauError(f"Folder {out.parent} tidak ada.")


def _tulis(out: Path, content: bytes) -> None:
    _folder(out)
    try:
        out.write_bytes(content)
    except OSError as err:
        raise PantauError(f"Berkas {out} tidak dapat ditulis ({err.strerror}).") from None


def cmd_bekukan(args) -> int:
    from pantau import sk

    record, baru = sk.bekukan(
        config.data_dir(args.data), args.periode, args.nama, _user(), args.role
    )
    if baru:
        print(
            f"Daftar SK versi {record['versi']} dibekukan: {record['nama']}, periode "
            f"{record['periode']}, {record['keluarga']} keluarga, hash {record['sha256']}"
        )
    else:
        print(
            f"Isi daftar periode {args.periode} sama dengan versi {record['versi']} "
            f"({record['nama']}, periode {record['periode']}); tidak ada versi baru. "
            f"Hash {record['sha256']}"
        )
    return 0


def cmd_daftar(args) -> int:
    import pandas as pd

    from pantau import queries, sk

    df = queries.run("sk_versi", {}, config.data_dir(args.data))
    if args.json:
        print(df.to_json(orient="records", force_ascii=False))
        return 0
    if df.empty:
        print("Belum ada Daftar SK yang dibekukan.")
        return 0
    for r in df.itertuples(index=False):
        before = (
            f"dibanding versi {int(r.versi_sebelumnya)}"
            if pd.notna(r.versi_sebelumnya)
            else "versi pertama"
        )
        print(
            f"versi {r.versi:<3} {r.periode}  {r.keluarga:>7,} keluarga  {r.sha256[:16]}  "
            f"{sk.waktu_wib(r.dibekukan)}  {sk.oleh_teks(r.oleh)}  {r.nama_versi}  "
            f"({before})".replace(",", ".")
        )
    return 0


def cmd_lampiran(args) -> int:
    from pantau import audit, export, sk
    from pantau.lake import Lake

    data = config.data_dir(args.data)
    _folder(args.out)
    record, rows = sk.lampiran(data, args.versi, args.role, args.utuh)
    ringkas = sk.ringkasan(data, record, args.role)
    content = sk.lampiran_bytes(record, rows, args.format, Lake(data).is_demo(), ringkas)
    audit.record(
        data,
        _user(),
        "ekspor",
        must_write=True,
        peran=args.role,
        daftar="sk_lampiran",
        versi=record["versi"],
        berkas=str(args.out.name),
        baris=len(rows),
        samaran=export.identifiers_masked(rows),
    )
    _tulis(args.out, content)
    print(
        f"Lampiran Daftar SK versi {record['versi']} ({len(rows)} keluarga) ditulis ke {args.out}"
    )
    return 0


def cmd_laporan(args) -> int:
    from pantau import audit, laporan_triwulan

    data = config.data_dir(args.data)
    _folder(args.out)
    laporan = laporan_triwulan.susun(data, args.periode, args.role, args.nomor)
    content = laporan_triwulan.tulis(laporan, args.format)
    audit.record(
        data,
        _user(),
        "ekspor",
        must_write=True,
        peran=args.role,
        berkas=str(args.out.name),
        laporan="laporan_triwulan",
        periode=laporan.periode,
    )
    _tulis(args.out, content)
    print(f"Laporan triwulan {laporan.periode} ({args.format.upper()}) ditulis ke {args.out}")
    return 0

"""`python -m pantau …`: import, status, rollback, query, demo and report from the shell.

Every command takes the data directory from --data or $PANTAU_DATA. A user error prints one
sentence to stderr and exits 2; an unexpected error prints one sentence and exits 3 (set
PANTAU_DEBUG=1 to see the traceback instead).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pantau import config
from pantau.errors import PantauError


def main(argv: list[str] | None = None) -> int:
    try:
        parser = _parser()
        args = parser.parse_args(argv)
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return _run_in(args)
    except PantauError as err:
        print(f"Error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (e.g. `| head`) closed the pipe: not an error worth a sentence.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as err:  # the last line of defence: never a traceback for a user
        if os.environ.get("PANTAU_DEBUG"):
            raise
        print(
            f"Error: terjadi kesalahan tak terduga ({type(err).__name__}: {str(err)[:200]}); "
            "jalankan lagi dengan PANTAU_DEBUG=1 untuk detailnya.",
            file=sys.stderr,
        )
        return 3


class _Bantuan(argparse.HelpFormatter):
    """argparse's help with its own heading in Indonesian ("pemakaian:" for "usage:")."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(
            usage, actions, groups, "pemakaian: " if prefix is None else prefix
        )


class _Parser(argparse.ArgumentParser):
    """A parser whose --help reads in Indonesian: its headings and its own -h line (argparse's
    error messages stay English). Subcommand parsers are of this class too (argparse makes
    them of the parent's class)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Bantuan)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="tampilkan bantuan ini"
        )


def _run_in(args) -> int:
    """Run the command with --data as the process's data directory (config.data_dir()), so
    that what reads the region without a directory (pantau.geo, the simulation's area check)
    reads this one's; the environment is put back afterwards."""
    if not getattr(args, "data", None):
        return args.func(args) or 0
    before = os.environ.get("PANTAU_DATA")
    os.environ["PANTAU_DATA"] = str(args.data)
    try:
        return args.func(args) or 0
    finally:
        if before is None:
            os.environ.pop("PANTAU_DATA", None)
        else:
            os.environ["PANTAU_DATA"] = before


def _parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="python -m pantau",
        description="Pantau Kemiskinan Ekstrem dari terminal: impor ekspor periode, lihat status, "
        "kembalikan batch, jalankan query, buat data demo, kelola akun, jalankan dasbor dan "
        "tulis paparan.",
        epilog="Bantuan satu perintah: python -m pantau <perintah> --help",
    )
    p.add_argument(
        "--data", help="direktori data (bawaan: $PANTAU_DATA, atau data/ bila tidak diisi)"
    )
    sub = p.add_subparsers(title="perintah", metavar="<perintah>")

    imp = sub.add_parser("import", help="impor file ekspor sebagai satu batch")
    imp.add_argument("files", nargs="+", type=Path, help="file CSV, XLSX atau ODS")
    imp.add_argument("--jenis", required=True, help="jenis data: keluarga, verval, penyaluran, …")
    imp.add_argument("--periode", required=True, help="periode, YYYY-MM")
    imp.add_argument("--json", action="store_true", help="cetak ringkasan sebagai satu objek JSON")
    imp.set_defaults(func=cmd_import)

    st = sub.add_parser("status", help="jenis data, periode, batch dan jumlah baris")
    st.add_argument("--json", action="store_true", help="cetak sebagai JSON")
    st.set_defaults(func=cmd_status)

    rb = sub.add_parser(
        "rollback", help="kembalikan batch sebelumnya dari satu periode menjadi aktif lagi"
    )
    rb.add_argument("--jenis", required=True, help="jenis data, mis. keluarga")
    rb.add_argument("--periode", required=True, help="periode, YYYY-MM")
    rb.set_defaults(func=cmd_rollback)

    qr = sub.add_parser("query", help="jalankan query bernama dari queries/")
    qr.add_argument("name", nargs="?", help="nama query; kosongkan untuk melihat daftarnya")
    qr.add_argument(
        "--param", action="append", default=[], metavar="K=V", help="parameter query (boleh ulang)"
    )
    qr.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="bentuk keluaran"
    )
    qr.set_defaults(func=cmd_query)

    de = sub.add_parser("demo", help="tulis ekspor sintetis lalu impor (data demo)")
    de.add_argument(
        "--keluarga", type=int, default=20000, help="ukuran registri (keluarga; bawaan 20000)"
    )
    de.add_argument("--seed", type=int, default=2023, help="benih acak (bawaan 2023)")
    de.add_argument(
        "--wilayah",
        metavar="KODE",
        help="kode Kemendagri kabupaten/kota (mis. 35.23) atau provinsi (mis. 35); bawaan: wilayah direktori data",
    )
    de.add_argument(
        "--hapus",
        action="store_true",
        help="hapus data demo (lake, catatan, file ekspor, penanda) agar data asli dapat masuk",
    )
    de.set_defaults(func=cmd_demo)
    wl = sub.add_parser("wilayah", help="wilayah yang dilayani direktori data: tampilkan atau set")
    wl.add_argument("action", nargs="?", choices=["set"], help="set: pilih wilayahnya (sekali)")
    wl.add_argument("kode", nargs="?", help="kode Kemendagri kabupaten/kota, mis. 35.23")
    wl.set_defaults(func=cmd_wilayah)
    us = sub.add_parser("user", help="akun lokal: add, passwd, disable, list")
    us.add_argument(
        "action",
        choices=["add", "passwd", "disable", "list"],
        help="tambah, ganti kata sandi, nonaktifkan, atau daftar",
    )
    us.add_argument("name", nargs="?", help="nama akun")
    us.add_argument(
        "--role", choices=["kepala", "perencana", "operator", "tamu"], help="peran akun"
    )
    us.add_argument("--email", help="e-mail identitas SSO (OIDC), bila dipakai")
    us.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin")
    us.set_defaults(func=cmd_user)

    sv = sub.add_parser("serve", help="jalankan dasbor (streamlit run dashboard.py)")
    sv.add_argument("--demo", action="store_true", help="buat lake demo dulu bila belum ada data")
    sv.add_argument("--port", type=int, default=8501, help="port (bawaan 8501)")
    sv.add_argument(
        "--alamat",
        default="127.0.0.1",
        help="alamat yang didengarkan (bawaan 127.0.0.1, hanya komputer ini; "
        "0.0.0.0 untuk jaringan kantor)",
    )
    sv.add_argument(
        "--proses",
        type=int,
        default=1,
        metavar="N",
        help="jumlah proses server (bawaan 1); lebih dari 1: di belakang HAProxy pada --port, "
        "tiap sesi tetap pada satu proses",
    )
    sv.set_defaults(func=cmd_serve)

    si = sub.add_parser(
        "simulasi",
        help="simulasi anggaran: strategi mana yang paling menurunkan kemiskinan ekstrem",
        description="Bandingkan strategi penyaluran satu anggaran (terdekat_garis, termiskin, "
        "kantong, sekarang, proporsional): keluarga terjangkau, biaya, P0/P1/P2 sesudah bantuan, "
        "keluarga terangkat melewati garis ekstrem, per kecamatan. Hanya untuk Kepala Dinas dan "
        "perencana.",
    )
    si.add_argument("--anggaran", required=True, help="anggaran dalam Rp, mis. 500000000")
    si.add_argument("--periode", required=True, help="periode daftar keluarga, YYYY-MM")
    bentuk = si.add_mutually_exclusive_group(required=True)
    bentuk.add_argument("--per-bulan", help="bantuan Rp per KPM per bulan, mis. 200000")
    bentuk.add_argument("--sekali", help="bantuan satu kali Rp per KPM, mis. modal usaha 2500000")
    si.add_argument(
        "--bulan",
        type=int,
        help="lama bantuan bulanan (bulan); untuk bantuan satu kali: bulan sebarannya "
        "pada pengeluaran (bawaan 12)",
    )
    si.add_argument("--kode-kec", help="batasi ke satu kecamatan, mis. 35.75.04")
    si.add_argument(
        "--sasaran",
        choices=["semua", "ekstrem"],
        default="semua",
        help="keluarga yang dipertimbangkan: semua keluarga dalam daftar dengan data "
        "pengeluaran (bawaan) atau hanya yang ditandai miskin ekstrem di daftar periode itu",
    )
    si.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="bentuk keluaran"
    )
    si.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=sorted(privacy_roles()),
        default="perencana",
        help="peran yang menjalankan (bawaan perencana; tamu dan operator ditolak)",
    )
    si.add_argument(
        "--strategi",
        choices=["terdekat_garis", "termiskin", "kantong", "sekarang", "proporsional"],
        help="dengan --verval-out: strategi yang keluarganya ditulis sebagai berkas verval",
    )
    si.add_argument(
        "--verval-out",
        type=Path,
        help="tulis juga keluarga yang dijangkau --strategi sebagai berkas XLSX verifikasi "
        "lapangan (sama dengan daftar-verval: dicatat sebagai daftar kiriman dan di log audit, "
        "diimpor kembali dengan --jenis verval)",
    )
    si.set_defaults(func=cmd_simulasi)
    dv = sub.add_parser(
        "daftar-verval",
        help="berkas XLSX verifikasi lapangan: satu lembar per kelurahan, diisi petugas lalu "
        "diimpor kembali dengan --jenis verval",
        description="Tulis daftar keluarga sasaran periode itu (bawaan: yang ditandai miskin "
        "ekstrem) sebagai XLSX untuk verifikasi lapangan, satu lembar per kelurahan, dengan kolom "
        "Hasil, Alasan, Tanggal Verval, Petugas dan Catatan untuk petugas dan blok tanda tangan "
        "lurah. Pengiriman dicatat (daftar kiriman verval) dan dicatat di log audit; berkas yang "
        "sudah diisi diimpor dengan: python -m pantau import BERKAS --jenis verval --periode P.",
    )
    dv.add_argument("--periode", required=True, help="periode daftar keluarga, YYYY-MM")
    dv.add_argument("--kode-kel", help="satu kelurahan saja, mis. 35.75.04.1007")
    dv.add_argument("--kode-kec", help="satu kecamatan saja, mis. 35.75.04")
    dv.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=["kepala", "perencana"],
        default="perencana",
        help="peran yang membuat berkas (bawaan perencana: NIK dan No KK disamarkan kecuali 4 "
        "digit terakhir; berkasnya tetap dapat diimpor kembali)",
    )
    dv.add_argument(
        "--semua-keluarga",
        action="store_true",
        help="semua keluarga di daftar periode itu, bukan hanya yang ditandai miskin ekstrem",
    )
    dv.add_argument("--out", required=True, type=Path, help="file XLSX yang ditulis")
    dv.set_defaults(func=cmd_daftar_verval)
    for extra in _extra_commands():
        extra(sub)
    return p


def privacy_roles():
    from pantau import privacy

    return privacy.ROLES


def _extra_commands():
    """Commands that live beside their own module (reports, accounts), when present."""
    found = []
    for module in ("pantau.report.cli", "pantau.sk_cli", "pantau.peta_batas_cli"):
        try:
            mod = __import__(module, fromlist=["register"])
        except ModuleNotFoundError:
            continue
        found.append(mod.register)
    return found


def _cli_user() -> str:
    import getpass

    return f"cli:{getpass.getuser()}"


def cmd_import(args) -> int:
    from pantau.operations import import_audited

    summary = import_audited(
        args.files,
        args.jenis,
        args.periode,
        config.data_dir(args.data),
        _cli_user(),
        progress=None if args.json else lambda m: print(f"… {m}", file=sys.stderr),
    )
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False))
        return 0
    print(f"Batch {summary.batch}: {args.jenis} periode {args.periode}")
    print(f"  dibaca   {summary.read:>10,}".replace(",", "."))
    print(f"  diterima {summary.accepted:>10,}".replace(",", "."))
    print(f"  ditolak  {summary.rejected:>10,}".replace(",", "."))
    # Only the count takes the dot as thousands separator: a reason may hold commas.
    for reason, n in summary.reasons.items():
        print(f"    {f'{n:,}'.replace(',', '.'):>8}  {reason}")
    if args.jenis == "verval" and summary.rejected:  # each rejected row by sheet and row
        from pantau import privacy, verval_lapangan
        from pantau.ingest import notes_table

        notes = notes_table(config.data_dir(args.data), summary.batch)
        for line in verval_lapangan.baris_ditolak(privacy.notes("operator", notes)):
            print(f"      {line}")
    if summary.warnings:
        print("  peringatan:")
        for reason, n in summary.warnings.items():
            print(f"    {f'{n:,}'.replace(',', '.'):>8}  {reason}")
    for what, n in summary.skipped.items():
        print(f"  dilewati: {n} {what}")
    if summary.rollback_hint:
        print(f"Peringatan: {summary.rollback_hint}")
    return 0


def cmd_status(args) -> int:
    from pantau.lake import Lake

    lake = Lake(config.data_dir(args.data))
    status = lake.status()
    if lake.manifest_problem:
        print(f"Peringatan: {lake.manifest_problem}", file=sys.stderr)
    if args.json:
        print(json.dumps(status, ensure_ascii=False))
        return 0
    print(f"Wilayah {_wilayah_line(config.data_dir(args.data))}")
    print(f"Lake versi {status['version']}{' (data contoh sintetis)' if status['demo'] else ''}")
    for name, periods in status["datasets"].items():
        if not periods:
            print(f"{name:<11} (kosong)")
            continue
        for periode, entry in periods.items():
            n = len(entry["batches"])
            damage = entry.get("damaged")
            if damage:
                used = damage["used"]
                damage = "  rusak; " + (
                    f"batch sebelumnya {used} dipakai" if used else "periode ini tidak ditampilkan"
                )
            print(
                f"{name:<11} {periode}  {entry['rows']:>9,} baris  batch {entry['current']}"
                f"  ({n} batch)".replace(",", ".")
                + (damage or "")
            )
    return 0


def cmd_rollback(args) -> int:
    from pantau.operations import rollback_audited

    result = rollback_audited(args.jenis, args.periode, config.data_dir(args.data), _cli_user())
    print(
        f"{result['dataset']} periode {result['periode']}: batch aktif sekarang {result['current']}"
    )
    return 0


def cmd_query(args) -> int:
    from pantau import queries

    if not args.name:
        for q in queries.catalogue().values():
            print(f"{q.name:<28} {q.unit:<12} {q.returns}")
        return 0
    params = {}
    for item in args.param:
        if "=" not in item:
            raise PantauError(f"Parameter '{item}' harus berbentuk kunci=nilai.")
        k, v = item.split("=", 1)
        params[k.strip()] = v
    eng = queries.engine(config.data_dir(args.data))
    df = eng.run(args.name, params)
    # What the answer stands on that is not the current data, in one sentence each.
    for problem in [
        eng.lake.manifest_problem,
        *(d["sentence"] for d in eng.damage(args.name, params)),
    ]:
        if problem:
            print(f"Peringatan: {problem}", file=sys.stderr)
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(df.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        print(df.to_string(index=False) if len(df) else "(tidak ada baris)")
    return 0


def cmd_demo(args) -> int:
    from pantau import demo

    data = config.data_dir(args.data)
    if getattr(args, "hapus", False):
        removed = demo.remove(data)
        if not removed:
            print(f"Tidak ada data contoh di {data}; direktori ini siap menerima data sebenarnya.")
            return 0
        print(
            f"Data contoh dihapus dari {data} ({len(removed)} file ekspor contoh); "
            "direktori ini siap menerima data sebenarnya."
        )
        return 0
    demo.build(
        data,
        keluarga=args.keluarga,
        seed=args.seed,
        progress=lambda m: print(f"… {m}", file=sys.stderr),
        wilayah=getattr(args, "wilayah", None),
    )
    print(f"Data contoh (sintetis) dibangun di {data}")
    return 0


def _wilayah_line(data) -> str:
    from pantau import wilayah

    w = wilayah.dari(data)
    n = len(w.tabel())
    kec = w.tabel()["kode_kec"].nunique()
    kab = f"{w.tabel()['kode_kab'].nunique()} kabupaten/kota, " if w.adalah_provinsi else ""
    where = w.dinas if w.adalah_provinsi else f"{w.provinsi}; {w.dinas}"
    return f"{w.kode} {w.nama} ({where}): {kab}{kec} kecamatan, {n} {w.label_desa_kecil}"


def cmd_wilayah(args) -> int:
    from pantau import wilayah

    data = config.data_dir(args.data)
    if args.action == "set":
        if not args.kode:
            raise PantauError("Tulis kode wilayahnya: python -m pantau wilayah set 35.23.")
        wilayah.tetapkan(data, args.kode)
        print(f"Wilayah direktori data {data} ditetapkan: {_wilayah_line(data)}")
        return 0
    stored = "" if (data / wilayah.BERKAS).exists() else " (bawaan)"
    print(f"Wilayah{stored} {_wilayah_line(data)}")
    return 0


def cmd_serve(args) -> int:
    from pantau import serve_multi
    from pantau.lake import Lake

    if args.proses < 1:
        raise PantauError(f"--proses minimal 1; diberikan {args.proses}.")
    if args.proses > serve_multi.MAX_PROSES:
        raise PantauError(
            f"--proses paling banyak {serve_multi.MAX_PROSES} (4 per inti prosesor mesin ini; "
            f"tiap proses memakai sekitar 400 MB); diberikan {args.proses}."
        )
    if not 1 <= args.port <= 65535:
        raise PantauError(f"--port harus 1–65535; diberikan {args.port}.")
    if args.proses > 1:
        serve_multi.haproxy()  # before a demo build: the missing proxy is said at once
    data = config.data_dir(args.data).resolve()
    if args.demo and not Lake(data).manifest().get("datasets"):
        print("Membangun data contoh (sintetis) untuk pertama kali …", file=sys.stderr)
        cmd_demo(argparse.Namespace(data=str(data), keluarga=20000, seed=2023))
    if args.proses > 1:
        return serve_multi.serve(data, args.port, args.alamat, args.proses)
    os.environ["PANTAU_DATA"] = str(data)
    from pantau import privacy, queries

    queries.warm_up(data, after_build=privacy.hangatkan)
    os.chdir(config.ROOT)  # so Streamlit reads .streamlit/config.toml
    _run_streamlit(config.ROOT / "dashboard.py", args.port, args.alamat)
    return 0


def _run_streamlit(script: Path, port: int, address: str = "127.0.0.1") -> None:
    """Start the Streamlit server in this process, with the navigation of dashboard.py only.

    A folder named pages/ beside the script makes Streamlit run its files as pages of their
    own until dashboard.py first calls st.navigation. Clearing that flag before the server
    starts means every request, the first included, goes through the login.

    The server listens on `address` only, and asks nothing off the machine: without
    browser.serverAddress Streamlit looks up its public IP at checkip.amazonaws.com to print
    an "External URL", and it does the same (plus a UDP connect to 8.8.8.8) to judge a
    WebSocket from a foreign origin. Those two lookups answer "unknown" here instead; a
    same-origin browser (the dashboard's own page) never needs them.
    """
    import socket

    from streamlit import net_util
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import bootstrap

    PagesManager.uses_pages_directory = False
    net_util.get_external_ip = lambda: None
    net_util.get_internal_ip = lambda: None
    shown = address if address not in {"0.0.0.0", "::", ""} else socket.gethostname()
    flags = {
        "server.port": port,
        "server.address": address,
        "server.headless": True,
        "browser.serverAddress": "localhost" if address == "127.0.0.1" else shown,
        "browser.gatherUsageStats": False,
    }
    bootstrap.load_config_options(flag_options=flags)
    bootstrap.run(str(script), False, [], flags)


def cmd_simulasi(args) -> int:
    import pandas as pd

    from pantau import fmt, simulasi, verval_lapangan

    data = config.data_dir(args.data)
    if (args.verval_out is None) != (args.strategi is None):
        raise PantauError(
            "--verval-out dan --strategi dipakai bersama: berkas verval memuat keluarga satu "
            "strategi."
        )
    params = simulasi.parameter(
        args.anggaran,
        args.per_bulan,
        args.bulan,
        args.sekali,
        args.periode,
        args.kode_kec,
        getattr(args, "sasaran", None),
    )
    simulasi.periksa_wilayah(params, args.role, data)
    df = simulasi.jalankan(params, args.role, data)
    # the families the latest verval found Tidak Layak (left out) and the model's assumptions
    why = simulasi.dikeluarkan(params, args.role, data)
    asumsi = simulasi.asumsi(params, sekali=args.sekali is not None)
    if args.verval_out is not None:
        line = _tulis_verval(
            data,
            args.role,
            {**params, "strategi": args.strategi},
            args.verval_out,
            "simulasi_keluarga",
            verval_lapangan.keterangan_simulasi(params, args.strategi),
        )
        # stdout stays the simulation's own output (csv and json are read by programs)
        print(line, file=sys.stderr if args.format != "table" else sys.stdout)
    if args.format == "csv":
        df.to_csv(sys.stdout, index=False)
        return 0
    if args.format == "json":
        print(json.dumps(simulasi.json_records(df, asumsi, why), ensure_ascii=False))
        return 0
    total = simulasi.kota(df)
    print(
        f"Simulasi periode {args.periode}: anggaran {fmt.rupiah(params['anggaran'])}, "
        f"{fmt.rupiah(params['biaya_per_kpm'])} per KPM ({total['kecamatan'].iloc[0]})"
    )
    sasaran = simulasi.SASARAN[params["sasaran"]]
    print(f"Keluarga yang dipertimbangkan: {sasaran[0].lower()}{sasaran[1:]}.")
    print(simulasi.kalimat_dikeluarkan(why) or "Tidak ada keluarga dikeluarkan oleh hasil verval.")
    shown = total.assign(
        strategi=total["strategi"].map(simulasi.STRATEGI),
        biaya_rp=total["biaya_rp"].map(fmt.rupiah),
        sisa_anggaran_rp=total["sisa_anggaran_rp"].map(fmt.rupiah),
        biaya_per_terangkat_rp=total["biaya_per_terangkat_rp"].map(fmt.rupiah),
        # counts and indices as the page writes them; a missing figure (no flag on the list) "–"
        **{
            c: total[c].map(fmt.angka)
            for c in ("keluarga", "keluarga_ditandai", "keluarga_terangkat", "ditandai_terangkat")
        },
        p0=total["p0"].map(lambda v: fmt.angka(v, 2)),
        p1=total["p1"].map(lambda v: fmt.angka(v, 4)),
        p2=total["p2"].map(lambda v: fmt.angka(v, 4)),
    )[simulasi.KOLOM_KOTA]
    shown.columns = [
        "strategi",
        "keluarga",
        "di antaranya miskin ekstrem",
        "biaya",
        "sisa anggaran",
        "terangkat",
        "terangkat miskin ekstrem",
        "biaya per terangkat",
        "P0 (%)",
        "P1",
        "P2",
    ]
    print(shown.to_string(index=False))
    print("\nPer kecamatan:")
    part = df[df["kode_kec"].notna()]
    part = pd.DataFrame(
        {
            "strategi": part["strategi"].map(simulasi.STRATEGI),
            "kecamatan": part["kecamatan"],
            "keluarga": part["keluarga"].map(fmt.angka),
            "terangkat": part["keluarga_terangkat"].map(fmt.angka),
            "P0 (%)": part["p0"].map(lambda v: fmt.angka(v, 2)),
            "P1": part["p1"].map(lambda v: fmt.angka(v, 4)),
            "P2": part["p2"].map(lambda v: fmt.angka(v, 4)),
        }
    )
    print(part.to_string(index=False))
    print("\nAsumsi:")
    for _, kalimat in asumsi:
        print(f"- {kalimat}")
    return 0


def cmd_daftar_verval(args) -> int:
    data = config.data_dir(args.data)
    params = {
        "periode": args.periode,
        "kode_kec": args.kode_kec,
        "kode_kel": args.kode_kel,
        "hanya_ekstrem": None if args.semua_keluarga else True,
    }
    print(_tulis_verval(data, args.role, params, args.out, "daftar_sasaran"))
    return 0


def _tulis_verval(
    data: Path, role: str, params: dict, out: Path, sumber: str, keterangan: str | None = None
) -> str:
    """The field-verification workbook of named list `sumber` written to `out` (daftar-verval,
    simulasi --verval-out): registered, audited, then written; its line for the terminal."""
    from pantau import audit, verval_lapangan

    if out.suffix.lower() != ".xlsx":
        raise PantauError(f"Berkas keluaran {out.name} harus berakhiran .xlsx.")
    user = _cli_user()
    content, more = verval_lapangan.buat(
        params, role, user, data, sumber=sumber, keterangan=keterangan
    )
    # No audit line, no file (as on the page: audit.on_click).
    audit.record(
        data, user, "ekspor", must_write=True, peran=role, berkas=out.name, filter=params,
        **more,
    )  # fmt: skip
    tmp = out.with_name(f".{out.name}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
        os.replace(tmp, out)
    except OSError as err:
        raise PantauError(f"Berkas {out.name} tidak dapat ditulis ({err.strerror}).") from None
    from pantau import wilayah

    unit = wilayah.dari(data).label_desa_kecil
    return (
        f"{out.name}: {more['baris']} keluarga di {more['kelurahan']} {unit}, "
        f"ID berkas {more['id_berkas']}"
        + (" (NIK dan No KK disamarkan)" if more["samaran"] else "")
    )


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Kata sandi: ")
    if getpass.getpass("Ulangi kata sandi: ") != first:
        raise PantauError("Kedua kata sandi tidak sama.")
    return first


def cmd_user(args) -> int:
    from pantau.accounts import Accounts

    accounts = Accounts(config.data_dir(args.data))
    if args.action == "list":
        for a in accounts.list():
            state = "nonaktif" if a["disabled"] else "aktif"
            print(f"{a['user']:<20} {a['role']:<10} {state:<9} {a['email'] or ''}")
        return 0
    if not args.name:
        raise PantauError(f"'user {args.action}' perlu nama pengguna.")
    if args.action == "add":
        if not args.role:
            raise PantauError("'user add' perlu --role (kepala, perencana, operator, tamu).")
        accounts.add(args.name, _password(args), args.role, args.email)
    elif args.action == "passwd":
        accounts.passwd(args.name, _password(args))
    else:
        accounts.disable(args.name)
    ended = "; sesi yang masih terbuka berakhir" if args.action in ("passwd", "disable") else ""
    print(f"Akun {args.name}: {args.action} selesai{ended}.")
    return 0

"""`python -m pantau report --format pptx|pdf|xlsx --periode P --out FILE`: the Paparan as a file."""

from __future__ import annotations

import sys
from pathlib import Path

from pantau import config, privacy
from pantau.errors import PantauError

FORMATS = ("pptx", "pdf", "xlsx")


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="write the Paparan as PowerPoint, PDF or Excel")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--periode", help="period, YYYY-MM (default: the latest keluarga list)")
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.add_argument(
        "--role",
        "--peran",
        dest="role",
        choices=sorted(privacy.ROLES),
        default="tamu",
        help="role whose view the file shows (default tamu: small counts suppressed)",
    )
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from pantau.report import build_deck
    from pantau.report.context import Context

    data = config.data_dir(args.data)
    known = Context(data, None, args.role).periode_keluarga
    if not known:
        raise PantauError(
            "Belum ada daftar keluarga yang dimuat; impor data sebelum membuat laporan."
        )
    if args.periode and args.periode not in known:
        raise PantauError(
            f"Periode {args.periode} tidak punya daftar keluarga; pilih salah satu: {', '.join(known)}."
        )
    if not args.out.parent.exists():
        raise PantauError(f"Folder {args.out.parent} tidak ada.")

    def say(fraction: float, message: str) -> None:
        print(f"… {message}", file=sys.stderr)

    if args.format == "xlsx":
        content = write(build_deck(data, args.periode, args.role, progress=say), "xlsx")
    else:
        from pantau.report.images import Renderer

        # Chromium starts while the queries run: the two waits overlap.
        with Renderer() as renderer:
            deck = build_deck(data, args.periode, args.role, progress=say)
            content = write(deck, args.format, say, renderer)
    try:
        args.out.write_bytes(content)
    except OSError as err:
        raise PantauError(f"Berkas {args.out} tidak dapat ditulis ({err.strerror}).") from None
    print(f"{args.format.upper()} paparan ditulis ke {args.out}")
    return 0


def write(deck, fmt: str, progress=None, renderer=None) -> bytes:
    """The file of `deck` in format `fmt` (pptx, pdf, xlsx); `renderer`: an open Chromium."""
    if fmt == "pptx":
        from pantau.report.pptx import pptx_bytes

        return pptx_bytes(deck, progress, renderer)
    if fmt == "pdf":
        from pantau.report.pdf import pdf_bytes

        return pdf_bytes(deck, progress, renderer)
    from pantau.report.xlsx import xlsx_bytes

    return xlsx_bytes(deck)

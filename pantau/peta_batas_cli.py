"""`python -m pantau peta-batas FILE [--tingkat ...]`: put a region's boundary file in the data
directory, after checking it against the region (matched, missing, repaired, dropped)."""

from __future__ import annotations

from pathlib import Path

from pantau import config


def register(subparsers) -> None:
    pb = subparsers.add_parser(
        "peta-batas",
        help="pasang berkas batas wilayah (GeoJSON, GeoPackage, Shapefile) untuk peta",
        description="Periksa berkas batas wilayah terhadap wilayah direktori data ini (dicocokkan "
        "lewat kode Kemendagri, dengan atau tanpa titik, atau kode BPS; nama hanya bila tidak ada "
        "kolom kode), perbaiki poligon yang tidak valid, lalu simpan sebagai "
        "wilayah/batas_<tingkat>.geojson di direktori data. Tingkat yang lebih kasar dibentuk "
        "dengan meleburkan poligon yang lebih halus.",
    )
    pb.add_argument("berkas", type=Path, help="berkas batas wilayah")
    pb.add_argument(
        "--tingkat",
        choices=["desa_kelurahan", "kecamatan", "kabupaten_kota"],
        help="tingkat poligon di berkas (bawaan: tingkat terhalus yang cocok)",
    )
    pb.add_argument(
        "--paksa",
        action="store_true",
        help="pasang juga bila kurang dari 80 %% wilayah mendapat poligon",
    )
    pb.set_defaults(func=cmd_peta_batas)


def cmd_peta_batas(args) -> int:
    from pantau import geo

    data = config.data_dir(args.data)
    report = geo.pasang_batas(args.berkas, data, args.tingkat, paksa=args.paksa)
    for line in report.kalimat():
        print(line)
    print(f"Disimpan: {geo.batas_file(data, report.tingkat)}")
    return 0

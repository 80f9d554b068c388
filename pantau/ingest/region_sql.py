"""The region phase of a file's SQL: each distinct desa/kelurahan and kecamatan cell mapped
once (the map_* tables), and the joins and checks that give a row its codes and names."""

from __future__ import annotations

import pyarrow as pa

from pantau import wilayah
from pantau.ingest import region
from pantau.ingest.mapping import Mapping
from pantau.ingest.rules import Sql, q, trimmed

REGION_DATASETS = {"keluarga", "kube"}  # the datasets whose rows carry a desa/kelurahan


def register_maps(con, i: int, mapping: Mapping) -> None:
    """Map each distinct raw kelurahan / code / kecamatan cell once, in Python.

    Keyed by the untrimmed cell (the rows join on it as read); `k` is the trimmed text. The
    kelurahan maps carry the reference names too, so rows need no further lookup. Long
    because the three maps share their columns and differ only in a few: one loop, not three.
    """
    specs = {
        "kode_kel": region.kelurahan_by_code,
        "kelurahan": region.kelurahan_by_name,
        "kecamatan": region.kecamatan_code,
    }
    named = region.names()
    for name, fn in specs.items():
        if name not in mapping.fields:
            continue
        col = mapping.fields[name][0]
        pairs = con.execute(
            f"SELECT raw, {trimmed('raw')} FROM (SELECT DISTINCT {col} AS raw FROM raw_{i}) "
            "WHERE raw IS NOT NULL"
        ).fetchall()
        codes = [fn(k) if k is not None else None for _, k in pairs]
        columns = {"raw": [r for r, _ in pairs], "k": [k for _, k in pairs], "kode": codes}
        if name == "kelurahan":
            columns["saran"] = [
                None if code or k is None else _saran(k)
                for (_, k), code in zip(pairs, codes, strict=True)
            ]
            columns["ambigu"] = [
                "ya" if code is None and k is not None and region.ambiguous(k) else None
                for (_, k), code in zip(pairs, codes, strict=True)
            ]
            if "kecamatan" in mapping.fields:
                _register_shared_names(con, i, pairs, codes, named)
        if name != "kecamatan":
            columns["kelurahan"] = [named[c][0] if c else None for c in codes]
            columns["kecamatan"] = [named[c][1] if c else None for c in codes]
        con.register(
            f"map_{name}_{i}",
            pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()}),
        )
    if "kode_kel" in mapping.fields and "kecamatan" in mapping.fields:
        kec, desa, kel = region.desa_codes()
        columns = {"kode_kec": kec, "desa": desa, "kode": kel}
        columns["kelurahan"] = [named[c][0] for c in kel]
        columns["kecamatan"] = [named[c][1] for c in kel]
        con.register(f"map_desa_{i}", pa.table(columns))


def _saran(k: str) -> str | None:
    """What to tell of a name not mapped: the kecamatan of a name several share, else the
    closest names."""
    kec = region.ambiguous(k)
    if kec:
        nama = region.nama_kecamatan()
        where = [f"{nama.get(c, c)} ({c})" for c in kec]
        return "nama ini ada di kecamatan " + ", ".join(where) + "; isi kolom kecamatan"
    return ", ".join(region.suggestions(k)) or None


def _register_shared_names(con, i: int, pairs, codes, named) -> None:
    """map_kelkec_<i>: a desa name several kecamatan share (a kabupaten has them), resolved
    by the row's kecamatan: (raw, kode_kec) -> code. Empty for Kota Pasuruan."""
    rows = {"raw": [], "kode_kec": [], "kode": []}
    for (raw, k), code in zip(pairs, codes, strict=True):
        if code is None and k is not None:
            for kec in region.ambiguous(k):
                rows["raw"].append(raw)
                rows["kode_kec"].append(kec)
                rows["kode"].append(region.kelurahan_by_name_in(k, kec))
    rows["kelurahan"] = [named[c][0] for c in rows["kode"]]
    rows["kecamatan"] = [named[c][1] for c in rows["kode"]]
    con.register(
        f"map_kelkec_{i}", pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()})
    )


def checks(values, prep, rejects, warnings, m: Mapping, i: int) -> list[str]:
    """Kelurahan code from the code or the name column, checked against each other and the
    kecamatan. The maps give each cell's trimmed text (<map>_k) and code (<map>_kode).

    Long because the order of its rejects is the order a row's first reason is chosen in
    (_tolak), and the joins it adds depend on which region columns the file has: one
    function keeps that order readable top to bottom.
    """
    joins, by_code, by_name, names = [], "NULL", "NULL", []
    kode = "v_kode_kel"
    first = len(rejects)
    after: list[str] = []  # joins that read the kecamatan map, added after it
    if "kode_kel" in m.fields:
        joins.append(f"LEFT JOIN map_kode_kel_{i} mk ON mk.raw = s1.{m.fields['kode_kel'][0]}")
        prep.update(mk_k="mk.k", mk_kode="mk.kode", mk_kel="mk.kelurahan", mk_kec="mk.kecamatan")
        by_code = "mk_kode"
        names.append("mk")
        if "kecamatan" in m.fields:
            # A DTKS desa code (KDDESA '011', or '1003') is a kelurahan only with its KDKEC.
            after.append(
                f"LEFT JOIN map_desa_{i} md ON mk.kode IS NULL AND md.kode_kec = mc.kode "
                f"AND md.desa = {region.desa_key('mk.k')}"
            )
            prep.update(md_kode="md.kode", md_kel="md.kelurahan", md_kec="md.kecamatan")
            by_code = "coalesce(mk_kode, md_kode)"
    bps = _bps_tanpa_peta(m, by_code)
    if bps != "false":
        # A region without BPS codes: a DTKS BPS code falls back to the row's desa name.
        rejects.append(
            (f"{bps} AND {_name_code(m)} IS NULL", "kode_kel", _alasan_bps(), _nilai_bps(m))
        )
        warnings.append(
            (
                f"{bps} AND {_name_code(m)} IS NOT NULL",
                "kode_kel",
                f"kode BPS tidak dikenal di {region.nama_wilayah()}; dipakai nama desa/kelurahan",
            )
        )
    unit, nama = _unit(), region.nama_wilayah()
    if "kode_kel" in m.fields:
        tak_kenal = f"mk_k IS NOT NULL AND ({by_code}) IS NULL AND {_name_code(m)} IS NULL"
        rejects.append(
            (
                f"{tak_kenal} AND {_kode_lain('mk_k')}",
                "kode_kel",
                f"kode {unit} bukan kode di {nama}",
                "mk_k",
            )
        )
        rejects.append((tak_kenal, "kode_kel", f"kode {unit} tidak dikenal", "mk_k"))
        warnings.append(
            (
                f"mk_k IS NOT NULL AND ({by_code}) IS NULL AND {_name_code(m)} IS NOT NULL "
                f"AND NOT ({bps})",
                "kode_kel",
                f"kode {unit} tidak dikenal; dipakai nama {unit}",
            )
        )
    if "kelurahan" in m.fields:
        joins.append(f"LEFT JOIN map_kelurahan_{i} mn ON mn.raw = s1.{m.fields['kelurahan'][0]}")
        prep.update(mn_k="mn.k", mn_kode="mn.kode", mn_saran="mn.saran", mn_kel="mn.kelurahan")
        prep.update(mn_kec="mn.kecamatan", mn_ambigu="mn.ambigu")
        by_name = "mn_kode"
        names.append("mn")
        if "kecamatan" in m.fields:
            # A desa name two kecamatan share is a desa only with its kecamatan.
            after.append(
                f"LEFT JOIN map_kelkec_{i} mx ON mn.kode IS NULL "
                f"AND mx.raw = s1.{m.fields['kelurahan'][0]} AND mx.kode_kec = mc.kode"
            )
            prep.update(mx_kode="mx.kode", mx_kel="mx.kelurahan", mx_kec="mx.kecamatan")
            by_name = "coalesce(mn_kode, mx_kode)"
            names.append("mx")
        tak_kenal = f"mn_k IS NOT NULL AND ({by_name}) IS NULL AND ({by_code}) IS NULL"
        saran = "mn_k || coalesce(' (mungkin: ' || mn_saran || ')', '')"
        # a name several kecamatan share, and no kecamatan known to tell which: ambiguous
        ambigu = f"{tak_kenal} AND mn_ambigu IS NOT NULL"
        if "kecamatan" in m.fields:
            ambigu += " AND mc_kode IS NULL"
        rejects.append((ambigu, "kelurahan", f"nama {unit} ambigu", saran))
        rejects.append((tak_kenal, "kelurahan", f"{unit} tidak dikenal", saran))
        rejects.append(
            (
                f"({by_code}) IS NOT NULL AND ({by_name}) IS NOT NULL AND ({by_code}) <> ({by_name})",
                "kelurahan",
                f"kode {unit} tidak cocok dengan nama {unit}",
                "mn_k",
            )
        )
    region_null = " AND ".join(f"{n}_k IS NULL" for n in names if n != "mx")
    if "md_kode" in prep:
        names.insert(1, "md")  # its names follow its code: after mk's, before mn's
    rejects.insert(0, (f"{kode} IS NULL AND {region_null}", "kelurahan", f"{unit} kosong", "NULL"))
    values["kode_kel"] = f"coalesce({by_code}, {by_name})"
    values["kode_kec"] = f"substr(coalesce({by_code}, {by_name}), 1, 8)"
    # A name is present exactly when its code is, so coalescing names follows the codes.
    values["kelurahan"] = f"coalesce({', '.join(f'{n}_kel' for n in names)}, NULL)"
    values["kecamatan"] = f"coalesce({', '.join(f'{n}_kec' for n in names)}, NULL)"
    if "kecamatan" in m.fields:
        joins.append(f"LEFT JOIN map_kecamatan_{i} mc ON mc.raw = s1.{m.fields['kecamatan'][0]}")
        prep.update(mc_k="mc.k", mc_kode="mc.kode")
        rejects.append(
            (
                f"mc_k IS NOT NULL AND mc_kode IS NULL AND NOT ({_bps_tanpa_peta(m, by_code)})",
                "kecamatan",
                "kecamatan tidak dikenal",
                "mc_k",
            )
        )
        rejects.append(
            (
                f"mc_kode IS NOT NULL AND {kode} IS NOT NULL AND mc_kode <> substr({kode}, 1, 8)",
                "kecamatan",
                f"kecamatan tidak sesuai dengan {unit}",
                "mc_k",
            )
        )
    if m.tolak:
        # The row's kab/kota against its kecamatan and desa (kabkota.resolve): before the rest.
        kolom, alasan, nilai = m.tolak
        for col in ("kelurahan", "kabupaten_kota"):
            rejects.insert(
                first, (f"{kolom} IS NOT NULL AND {kolom} = {q(col)}", col, Sql(alasan), nilai)
            )
    return joins + after


def _unit() -> str:
    """The unit in a reason: 'kelurahan' (Kota Pasuruan), 'desa/kelurahan' where there are desa."""
    return wilayah.cari(region.aktif()).label_desa_kecil


def _kode_lain(cell: str) -> str:
    """SQL: the cell is a whole desa/kelurahan code (10 digits) of another region."""
    d = f"regexp_replace({cell}, '[^0-9]', '', 'g')"
    own = wilayah.cari(region.aktif()).prefix_nik
    return f"(length({d}) = 10 AND NOT starts_with({d}, {q(own)}))"


def _bps_tanpa_peta(m: Mapping, by_code: str) -> str:
    """SQL: the row's region is written in DTKS's BPS form (KDKEC of 3 digits, KDDESA of 1–3)
    and the region has no BPS codes to map it (any region but Kota Pasuruan); else false."""
    if region.ada_bps():
        return "false"
    parts = []
    if "kecamatan" in m.fields:
        parts.append("(mc_kode IS NULL AND regexp_full_match(coalesce(mc_k, ''), '[0-9]{3}'))")
    if "kode_kel" in m.fields:
        parts.append(
            f"(({by_code}) IS NULL AND regexp_full_match(coalesce(mk_k, ''), '[0-9]{{1,3}}'))"
        )
    return "(" + " OR ".join(parts) + ")" if parts else "false"


def _alasan_bps() -> str:
    return (
        f"kode BPS (KDKEC/KDDESA) tidak dapat dipetakan di {region.nama_wilayah()} dan baris "
        "tidak memuat nama desa/kelurahan yang dikenal: ekspor ulang dengan kode Kemendagri "
        "(mis. 35.23.01.2001) atau dengan kolom nama desa/kelurahan dan kecamatan"
    )


def _nilai_bps(m: Mapping) -> str:
    """The cells the reason quotes: 'KDKEC / KDDESA' as written ('010 / 011')."""
    cells = [c for c, f in (("mc_k", "kecamatan"), ("mk_k", "kode_kel")) if f in m.fields]
    return "concat_ws(' / ', " + ", ".join(cells) + ")"


def _name_code(m: Mapping) -> str:
    if "kelurahan" not in m.fields:
        return "NULL"
    return "coalesce(mn_kode, mx_kode)" if "kecamatan" in m.fields else "mn_kode"

"""How the reports name the region a data directory serves and its government.

Every heading, cover, footer and signature line of the deck, the quarterly report and the SK
lampiran takes these words from `pantau.wilayah.dari()`, so Kota Pasuruan's files read as they
always have ("Pemerintah Kota Pasuruan", "SK Wali Kota"), Kabupaten Tuban's name Tuban
("Pemerintah Kabupaten Tuban", "SK Bupati") and Jawa Timur's its Gubernur and capital (the SK
lampiran "KEPUTUSAN GUBERNUR JAWA TIMUR", letters dated "Surabaya"; its lists are its
kab/kota's, "SK Bupati/Wali Kota").
"""

from __future__ import annotations

import os

from pantau import wilayah


def dari(data: str | os.PathLike | None = None) -> wilayah.Wilayah:
    return wilayah.dari(data)


def pemerintah(w: wilayah.Wilayah) -> str:
    """'Pemerintah Kota Pasuruan', 'Pemerintah Kabupaten Tuban'."""
    return f"Pemerintah {w.nama}"


def kepala_daerah(w: wilayah.Wilayah) -> str:
    """The head of the region who signs its decrees: 'Wali Kota' of a kota, 'Bupati' of a
    kabupaten, 'Gubernur' of a provinsi (the province's SK lampiran is his)."""
    if w.adalah_provinsi:
        return "Gubernur"
    return "Wali Kota" if w.jenis == "kota" else "Bupati"


def sk(w: wilayah.Wilayah) -> str:
    """'SK Wali Kota', 'SK Bupati' or 'SK Gubernur': the region head's own decree. The words for
    the extreme-poor lists themselves are `sk_daftar`'s."""
    return f"SK {kepala_daerah(w)}"


def nama_pendek(w: wilayah.Wilayah) -> str:
    """The name without its jenis: 'Pasuruan', 'Tuban', 'Jawa Timur' (who signs: 'BUPATI TUBAN',
    'GUBERNUR JAWA TIMUR')."""
    for awal in ("Kota ", "Kabupaten ", "Provinsi "):
        if w.nama.startswith(awal):
            return w.nama[len(awal) :]
    return w.nama


def seluruh(w: wilayah.Wilayah) -> str:
    """'seluruh kota' or 'seluruh kabupaten'."""
    return f"seluruh {w.jenis}"


# The capital of each province whose Dinas may use the tool: a province's letters are dated
# there (Kemendagri code: capital). Add a province here when it is served.
IBU_KOTA_PROVINSI = {"35": "Surabaya"}


def kota_surat(w: wilayah.Wilayah) -> str:
    """The place on a letter's date line: 'Pasuruan', 'Tuban' (a kab/kota's name without its
    jenis); a province's capital, 'Surabaya' (its name when the capital is not in
    `IBU_KOTA_PROVINSI`)."""
    if w.adalah_provinsi:
        return IBU_KOTA_PROVINSI.get(w.kode, nama_pendek(w))
    return nama_pendek(w)


def sk_daftar(w: wilayah.Wilayah) -> str:
    """Who sets the extreme-poor list by decree: 'SK Wali Kota', 'SK Bupati', and in a province
    'SK Bupati/Wali Kota' (each of its kab/kota sets its own)."""
    return "SK Bupati/Wali Kota" if w.adalah_provinsi else sk(w)

"""How the reports name the region a data directory serves and its government.

Every heading, cover, footer and signature line of the deck, the quarterly report and the SK
lampiran takes these words from `pantau.wilayah.dari()`, so Kota Pasuruan's files read as they
always have ("Pemerintah Kota Pasuruan", "SK Wali Kota") and Kabupaten Tuban's name Tuban
("Pemerintah Kabupaten Tuban", "SK Bupati").
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
    """The head of the region who signs the SK: 'Wali Kota' of a kota, 'Bupati' of a kabupaten."""
    return "Wali Kota" if w.jenis == "kota" else "Bupati"


def sk(w: wilayah.Wilayah) -> str:
    """'SK Wali Kota' or 'SK Bupati'."""
    return f"SK {kepala_daerah(w)}"


def seluruh(w: wilayah.Wilayah) -> str:
    """'seluruh kota' or 'seluruh kabupaten'."""
    return f"seluruh {w.jenis}"


def kota_surat(w: wilayah.Wilayah) -> str:
    """The place on a letter's date line: 'Pasuruan', 'Tuban' (the name without its jenis)."""
    for awal in ("Kota ", "Kabupaten "):
        if w.nama.startswith(awal):
            return w.nama[len(awal) :]
    return w.nama


def sk_daftar(w: wilayah.Wilayah) -> str:
    """Who sets the extreme-poor list by decree: 'SK Wali Kota', 'SK Bupati', and in a province
    'SK Bupati/Wali Kota' (each of its kab/kota sets its own)."""
    return "SK Bupati/Wali Kota" if w.adalah_provinsi else sk(w)

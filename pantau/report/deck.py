"""The deck: the Paparan's content built once from the named queries, privacy-filtered for a role.

The Paparan page, the PowerPoint, the PDF and the Excel file all lay out the same `Deck`
(`model`), so every number agrees with the page and with `python -m pantau query`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from pantau import config, fmt
from pantau.lake import Lake
from pantau.report import slides
from pantau.report.context import Context
from pantau.report.model import Deck, KeyFigure, Slide

Progress = Callable[[float, str], None]


def build_deck(
    data_dir: Path, periode: str | None = None, role: str = "tamu", progress: Progress | None = None
) -> Deck:
    """The six slides for `periode` (empty = the latest period with a keluarga list) as `role`
    may see them. `progress(fraction, message)` is told as each slide is built. The region, its
    maps and words are `data_dir`'s, whatever $PANTAU_DATA names (config.serving)."""
    with config.serving(data_dir):
        return _build(Path(data_dir), periode, role, progress)


def _build(data_dir: Path, periode: str | None, role: str, progress: Progress | None) -> Deck:
    k = Context(data_dir, periode, role)
    dibuat = dt.datetime.now()
    builders = slides.BUILDERS
    out: list[Slide] = []
    kunci: list[KeyFigure] = []
    per_slide: list[list[KeyFigure]] = []
    for i, builder in enumerate(builders, start=1):
        if progress:
            progress((i - 1) / len(builders), f"Menyusun slide {i} dari {len(builders)}")
        slide, angka_slide = builder(k)
        slide.nomor = i
        out.append(slide)
        kunci.extend(angka_slide)
        per_slide.append(angka_slide)
    if progress:
        progress(1.0, "Slide selesai disusun")
    out, per_slide = gabung_kosong(out, per_slide, k)
    lake = Lake(Path(data_dir))
    sumber = slides.asal_data(lake, k.periode)
    for slide, angka_slide in zip(out, per_slide, strict=True):
        slide.catatan.append(asal(slide, angka_slide, k, sumber, dibuat))
    deck = Deck(
        k.periode,
        role,
        lake.is_demo(),
        lake.version(),
        out,
        kunci,
        dibuat,
        dinas=k.wilayah.dinas,
        wilayah=k.nama,
        desa=k.wilayah.label_desa_kecil,
    )
    deck.sampul = slides.sampul(k, deck, sumber)
    deck.penutup = slides.penutup(k, deck, sumber)
    return deck


BELUM_TERSEDIA = {
    "konteks": "konteks dan target",
    "verval": "verval",
    "strategi_1": "bansos dan pengeluaran",
    "strategi_2": "modal usaha",
    "strategi_3": "kantong kemiskinan",
    "selanjutnya": "langkah berikutnya",
}


def gabung_kosong(
    slides: list[Slide], per_slide: list[list[KeyFigure]], k: Context
) -> tuple[list[Slide], list[list[KeyFigure]]]:
    """Two or more slides with nothing to show for the period (an early or flagless list: no
    verval yet, no comparison for modal usaha, no pocket) become one slide at the
    last one's place that says which and why; their notes and key figures are kept. Slides renumbered."""
    empty = [i for i, s in enumerate(slides) if s.kosong]
    if len(empty) < 2:
        return slides, per_slide
    parts = [slides[i] for i in empty]
    names = [BELUM_TERSEDIA.get(s.key, s.key) for s in parts]
    which = ", ".join(names[:-1]) + f" dan {names[-1]}"
    judul = f"Data belum tersedia untuk {k.label}: {which}"
    reasons = list(dict.fromkeys(s.kosong for s in parts))  # one reason once
    if slides[empty[0]].key == "konteks":
        # no list for the period: the context slide's reason is the one cause of every empty
        # slide, and the title, as before
        judul, reasons = slides[empty[0]].judul, [slides[empty[0]].kosong]
    merged = Slide(
        "belum_tersedia",
        0,
        judul,
        f"Bagian paparan yang belum dapat dihitung · {k.label}",
        poin=reasons,
        catatan=[c for s in parts for c in s.catatan if c not in [p.kosong for p in parts]],
        kosong="; ".join(reasons),
    )
    merged.catatan = [*merged.poin, *merged.catatan]
    out, kunci = [], []
    for i, (slide, ak) in enumerate(zip(slides, per_slide, strict=True)):
        # after the slides that have something to show; first when the context slide is empty
        # (no list for the period)
        if i == (empty[0] if slides[empty[0]].key == "konteks" else empty[-1]):
            out.append(merged)
            kunci.append([a for j in empty for a in per_slide[j]])
        elif i not in empty:
            out.append(slide)
            kunci.append(ak)
    for n, slide in enumerate(out, start=1):
        slide.nomor = n
    return out, kunci


def asal(
    slide: Slide, kunci: list[KeyFigure], k: Context, sumber: list[dict], dibuat: dt.datetime
) -> str:
    """The provenance line of a slide's speaker notes: its named queries, the period, the
    keluarga list it reads and when the deck was made."""
    queries = sorted({t.sumber for t in slide.tabel} | {a.sumber for a in kunci})
    daftar = next((s for s in sumber if s["jenis"] == "keluarga"), None)
    text = f"Asal data: periode {k.label}"
    if queries:
        text += f"; query {', '.join(queries)} (python -m pantau query NAMA)"
    if daftar:
        text += (
            f"; daftar keluarga {fmt.periode(daftar['periode'])} dari berkas "
            f"{daftar['berkas']} (diimpor {daftar['diimpor']})"
        )
    return text + f"; dibuat {fmt.waktu(dibuat)}."

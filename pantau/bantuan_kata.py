"""The small words every Bantuan section writes the same way: 'x dari y keluarga', the
calendar-year window of the disbursement figures, and a sentence's first capital."""

from __future__ import annotations

from pantau import fmt


def dari(part, whole, unit: str) -> str:
    """'258 dari 311 keluarga': a count out of its base, both in Indonesian notation."""
    return f"{fmt.angka(part)} dari {fmt.angka(whole)} {unit}"


def tahun_berjalan(periode: str | None) -> str:
    """The disbursement window in words: 'Januari–September 2026' (January to the period's end),
    or the period alone when it is January or there is none."""
    label = fmt.periode(periode)
    return f"Januari–{label}" if periode and not periode.endswith("-01") else label


def judul_awal(text: str) -> str:
    """'anggota KUBE' → 'Anggota KUBE' (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]

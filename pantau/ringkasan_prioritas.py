"""Ringkasan's priority desa/kelurahan: the five the deck names (ranked by the pocket index,
then the unranked pockets, then the highest rates), as a static table with its heading and
its note, from the rows of `peta_klaster` as the role sees them."""

from __future__ import annotations

import pandas as pd

from pantau import fmt
from pantau.teks import INDIKATOR_KANTONG


def di_kantong(values: pd.Series) -> pd.Series:
    """Whether each row is a pocket (True or numpy's True; a hidden or missing cell is not)."""
    return values.map(lambda v: v is True or v == True)  # noqa: E712


def prioritas(klaster: pd.DataFrame) -> pd.DataFrame:
    """The deck's "Lima kelurahan prioritas" (pantau/report/slides/kantong.py strategi_3), in its order:
    the kelurahan ranked by the pocket index (peringkat, peta_kelurahan) in rank order, then,
    to five rows, the unranked pockets, then the highest rates per 1.000 (a hidden rate last);
    a kelurahan without extreme-poor keluarga is no priority."""
    if klaster.empty or "peringkat" not in klaster:
        return klaster
    rank = pd.to_numeric(klaster["peringkat"], errors="coerce")
    ranked = klaster.assign(_n=rank)[rank.notna()].sort_values("_n", kind="stable")
    rest = klaster[rank.isna() & klaster["keluarga_miskin_ekstrem"].ne(0)]
    rest = rest.assign(
        _k=~di_kantong(rest["kantong"]),
        _p=pd.to_numeric(rest["per_1000_keluarga"], errors="coerce"),
    ).sort_values(["_k", "_p"], ascending=[True, False], na_position="last", kind="stable")
    return pd.concat([ranked, rest]).drop(columns=["_n", "_k", "_p"], errors="ignore").head(5)


def jumlah_kantong(skor: pd.DataFrame):
    """The region's pocket count as the scorecard and the deck give it (skor_strategi), 0 when
    the scorecard has no such row."""
    nilai = skor.loc[skor["indikator"].isin(INDIKATOR_KANTONG), "nilai"]
    return nilai.iloc[0] if len(nilai) else 0


def _angka1(v) -> str:
    return v if isinstance(v, str) else ("–" if pd.isna(v) else fmt.angka(v, 1))


def judul_prioritas(lima: pd.DataFrame, n_kantong, kel: str, periode, jenis: str) -> str:
    """'**5 kelurahan prioritas** pada …; 4 kelurahan berstatus kantong di seluruh kota (…)'."""
    return (
        f"**{fmt.angka(len(lima))} {kel} prioritas** pada {fmt.periode(periode)}, "
        f"urut peringkat indeks kantong seperti di paparan; {fmt.angka(n_kantong)} {kel} "
        f"berstatus kantong di seluruh {jenis} "
        f"({fmt.angka(int(di_kantong(lima['kantong']).sum()))} di tabel ini)"
    )


def tabel_prioritas(lima: pd.DataFrame, kel_b: str) -> pd.DataFrame:
    """The five rows as text: rank, name (* for a small base), pocket, count, rate with its
    95 % interval, index and cluster; a hidden cell ('<5', '×') as it is shown."""
    return pd.DataFrame(
        {
            "Peringkat": lima["peringkat"].map(
                lambda v: v if isinstance(v, str) else ("–" if pd.isna(v) else fmt.angka(v))
            ),
            kel_b: [
                f"{kel}{' *' if kecil is True else ''}"
                for kel, kecil in zip(lima["kelurahan"], lima["dasar_kecil"], strict=True)
            ],
            "Kecamatan": lima["kecamatan"],
            "Kantong": di_kantong(lima["kantong"]).map({True: "ya", False: "tidak"}),
            "Keluarga miskin ekstrem": lima["keluarga_miskin_ekstrem"].map(
                lambda v: v if isinstance(v, str) else fmt.angka(v)
            ),
            "Per 1.000 keluarga (selang 95 %)": [
                f"{_angka1(r)} ({_angka1(lo)}–{_angka1(hi)})"
                for r, lo, hi in zip(
                    lima["per_1000_keluarga"],
                    lima["per_1000_bawah"],
                    lima["per_1000_atas"],
                    strict=True,
                )
            ],
            "Indeks kantong (0–100)": lima["indeks_kantong"].map(_angka1),
            "Klaster": lima["kuadran"].fillna("–"),
        }
    )


def catatan_prioritas(kel: str, jenis: str) -> str:
    """The note under the table: what the rank, the pocket, '*' and the cluster mean."""
    return (
        f"Peringkat = urutan indeks kantong (prioritas, bukan status), hanya untuk {kel} "
        f"dengan sedikitnya 30 keluarga dalam daftar; {kel} tanpa peringkat menyusul: "
        "kantong lebih dulu, lalu angka per 1.000 tertinggi. Kantong = angka keluarga miskin "
        f"ekstrem per 1.000 keluarga dalam daftar di atas angka {jenis} melampaui kebetulan "
        "(batas bawah selang Wilson, uji satu sisi 5 % dengan koreksi Bonferroni atas semua "
        f"{kel}). * = hati-hati: dasar kecil (kurang dari 30). Klaster: uji Local Moran "
        f"atas angka yang dihaluskan, koreksi FDR 5 %; 'Tidak signifikan' berarti {kel} "
        f"itu tidak terbukti bagian dari kelompok {kel} bertetangga yang sama-sama tinggi. "
        "Peta lengkap di halaman Peta."
    )

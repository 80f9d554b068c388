"""BPS re-review N7: exit from extreme poverty by monitoring visit against exit by the list flag.
The import check keluar_tanpa_kunjungan, the panel's keluar_daftar / berisiko_daftar and the
sensitivity row of stats.efek_modal_usaha, on a hand-made city where the two definitions differ."""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, kk

from pantau import cek_keluar, queries, stats

A = "35.75.04.1007"
# Three copies of six families, one matching cell (kelurahan A, desil 1, 4 members, Rp 250.000
# per person: < 75 % of the line, a business). Per copy c (families 6c .. 6c+5):
#   R1, R2, R3 get Modal Usaha in April 2024 (cohort 2024-Q2, matched on the March 2024 list);
#   C1, C2, C3 never do (the comparison; CEM weight 9 recipients ÷ 9 in the cell = 1).
#   R1, R3, C1: flag removed on the September 2024 list, their August visit says 'Masih Ekstrem'.
#   R2: still flagged in September, but its August visit says 'Keluar'.
#   C2, C3: flagged throughout, visited in August ('Masih Ekstrem').
ROLES = ["R1", "R2", "R3", "C1", "C2", "C3"]
DICABUT = {"R1", "R3", "C1"}
COPIES = 3
P = "2024-09"


def fam(periode: str) -> pd.DataFrame:
    rows = []
    for _copy in range(COPIES):
        for role in ROLES:
            flagged = not (periode == "2024-09" and role in DICABUT)
            rows.append(
                {
                    "kode_kel": A,
                    "desil": 1,
                    "jumlah_anggota": 4,
                    "pengeluaran_bulanan": 1_000_000,
                    "punya_usaha": "Ya",
                    "miskin_ekstrem": "Ya" if flagged else "Tidak",
                }
            )
    return keluarga_rows(rows)


def i_of(c: int, role: str) -> int:
    return 6 * c + ROLES.index(role)


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    grants = pd.DataFrame(
        [
            {
                "no_kk": kk(i_of(c, r)),
                "program": "Modal Usaha",
                "sumber_dana": "DBHCHT",
                "tanggal_salur": "2024-04-15",
                "nilai": 2_500_000,
                "status": "Tersalur",
            }
            for c in range(COPIES)
            for r in ("R1", "R2", "R3")
        ]
    )
    visits = pd.DataFrame(
        [
            {
                "no_kk": kk(i_of(c, r)),
                "tanggal": "2024-08-10",
                "pendapatan_bulanan": 900_000,
                "status_ekstrem": "Keluar" if r == "R2" else "Masih Ekstrem",
            }
            for c in range(COPIES)
            for r in ROLES
        ]
    )
    return build_lake(
        tmp_path_factory.mktemp("keluar_daftar"),
        {
            "keluarga": {p: fam(p) for p in ("2024-03", "2024-06", "2024-09")},
            "penyaluran": {"2024-06": grants},
            "pemantauan": {"2024-09": visits},
        },
    )


def test_import_check_counts_flags_removed_without_a_keluar_visit(lake):
    df = queries.run("keluar_tanpa_kunjungan", {}, lake)
    by = df.set_index("periode")
    # June against March: nothing removed. September against June: R1 R3 C1 of each copy = 9,
    # none with a 'keluar' visit (R2 has one, but its flag stays); nobody left the list.
    assert by.loc["2024-06", "keluarga_tanda_dicabut"] == 0
    assert by.loc["2024-09", "pembanding"] == "2024-06"
    assert by.loc["2024-09", "keluarga_tanda_dicabut"] == 9
    assert by.loc["2024-09", "dicabut_tanpa_kunjungan_keluar"] == 9
    assert by.loc["2024-09", "dicabut_dengan_kunjungan_keluar"] == 0
    assert by.loc["2024-09", "keluarga_tidak_lagi_dalam_daftar"] == 0
    assert by.loc["Semua", "dicabut_tanpa_kunjungan_keluar"] == 9
    assert "**9 tanpa kunjungan pemantauan berstatus 'keluar'**" in cek_keluar.kalimat(df)
    assert cek_keluar.tabel(df)["Tanda dicabut"].tolist() == ["0", "9"]


def test_panel_marks_the_exit_by_the_list(lake):
    panel = queries.run("bantuan_modal_usaha_panel", {"periode": P}, lake)
    k1 = panel[panel["k"] == 1].copy()
    k1["role"] = [ROLES[int(no[-6:]) % 6] for no in k1["no_kk"]]
    # The only quarter at risk is k = 1 (2024-Q3): 18 families, all on the September list.
    assert len(k1) == 18 and k1["berisiko"].all() and k1["berisiko_daftar"].all()
    by_visit = set(k1.loc[k1["keluar"].astype(bool), "role"])
    by_list = set(k1.loc[k1["keluar_daftar"].astype(bool), "role"])
    assert by_visit == {"R2"}
    assert by_list == DICABUT
    # At k = 0 (2024-Q2, the June list) nobody has lost the flag.
    assert not panel.loc[panel["k"] == 0, "keluar_daftar"].astype(bool).any()


def test_sensitivity_row_counts_the_exit_by_the_list(lake):
    panel = queries.run("bantuan_modal_usaha_panel", {"periode": P}, lake)
    out = stats.efek_modal_usaha(panel)
    sens = out[(out["jenis"] == "kepekaan") & (out["ukuran"] == stats.LABEL_DAFTAR)]
    by = sens.set_index("kelompok")
    # By visit: recipients 3 exits (R2 ×3) of 9 family-quarters = 33,3 per 100; comparison 0.
    main = out[out["jenis"] == "laju"].set_index("kelompok")
    assert main.loc["penerima", "estimasi"] == pytest.approx(100 * 3 / 9)
    assert main.loc["pembanding", "estimasi"] == pytest.approx(0.0)
    # By the list: recipients R1 R3 ×3 = 6 of 9 = 66,7; comparison C1 ×3 = 3 of 9 (weight 1) =
    # 33,3; the rate ratio with one quarter at risk is the ratio of the rates, 2,0.
    assert by.loc["penerima", "estimasi"] == pytest.approx(100 * 6 / 9)
    assert by.loc["pembanding", "estimasi"] == pytest.approx(100 * 3 / 9)
    assert by.loc["penerima", "baris"] == 9 and by.loc["pembanding", "baris"] == 9
    rr = by.loc["rasio_laju"]
    assert rr["estimasi"] == pytest.approx(2.0)
    assert rr["bawah"] < 2.0 < rr["atas"] and rr["baris"] == 18
    # The visit-based ratio has 3 exits in all (< 5): no model.
    assert pd.isna(out[out["jenis"] == "rasio_laju"]["estimasi"].iloc[0])


def test_a_panel_without_the_list_columns_has_no_list_variant():
    panel = pd.DataFrame(
        {
            "no_kk": ["a", "b"],
            "kohort": ["2024-Q2"] * 2,
            "sel": ["s"] * 2,
            "penerima": [True, False],
            "bobot": [1.0, 1.0],
            "k": [1, 1],
            "berisiko": [True, True],
            "keluar": [True, False],
            "pendapatan": [None, None],
        }
    )
    out = stats.efek_modal_usaha(panel)
    assert stats.LABEL_DAFTAR not in set(out["ukuran"].dropna())

"""Peta's "rank x of N" (issue 15 §2): N is the query's `peringkat_dari`, the kelurahan ranked
whose index the role sees, never the hidden ones; the page, the query and `pantau query` say the
same. The fixture city of tests/test_indeks_kantong.py, worked by hand:

    A  40 listed, 20 EP (kec 04)   ranked 2 for an official
    B  50 listed,  2 EP (kec 04)   ranked 1
    C 100 listed,  0 EP (kec 01)   ranked 3
    D  10 listed,  5 EP (kec 01)   under the base of 30 listed: no index, no rank
    the other 30 kelurahan         nothing listed: no rank

Official: N = 3 (B, A, C). Guest: B's 2 EP are "<5", so its rate and index are hidden; kec 04
adds up to the kecamatan figure, so the next smallest count there, A's 20, is hidden too ("×"),
and A's index with it. Only C keeps an index: the guest's N = 1, C is "1 dari 1". The page
once counted every non-empty index cell, "×" included: "1 dari 3" for the guest."""

from __future__ import annotations

import pandas as pd
import pytest
from lakes import build_lake, keluarga_rows, open_page
from test_indeks_kantong import ROWS, A, B, C, D, P, _row

from pantau import cli, peta, privacy


@pytest.fixture(scope="module")
def lake(tmp_path_factory):
    return build_lake(
        tmp_path_factory.mktemp("peringkat_dari"),
        {"keluarga": {P: keluarga_rows([_row(t) for t in ROWS])}},
    )


def rows(lake, role: str, **params) -> pd.DataFrame:
    return privacy.result("peta_kelurahan", {"periode": P, **params}, role, lake).set_index(
        "kode_kel"
    )


def test_an_official_s_n_is_every_kelurahan_with_a_rank(lake):
    df = rows(lake, "kepala")
    assert df.loc[[B, A, C], "peringkat"].tolist() == [1, 2, 3]
    assert pd.isna(df.loc[D, "peringkat"])
    # the same N on every row, the unranked ones too (34 kelurahan, 3 ranked)
    assert len(df) == 34
    assert df["peringkat_dari"].tolist() == [3] * 34


def test_a_guest_s_n_counts_only_the_ranks_shown_not_the_hidden_cells(lake):
    df = rows(lake, "tamu")
    assert df.loc[B, "keluarga_miskin_ekstrem"] == "<5"
    assert df.loc[A, "keluarga_miskin_ekstrem"] == "×"  # the kecamatan's secondary cell
    assert (df.loc[A, "indeks_kantong"], df.loc[B, "indeks_kantong"]) == ("×", "×")
    assert df.loc[C, "peringkat"] == 1.0
    assert df.loc[[A, B, D], "peringkat"].isna().all()
    assert df["peringkat_dari"].tolist() == [1] * 34
    # what the page counted before: every index cell that is not empty, "×" included
    assert int(df["indeks_kantong"].notna().sum()) == 3


def test_pantau_query_gives_the_official_n(lake, capsys):
    assert cli.main(["--data", str(lake), "query", "peta_kelurahan", "--format", "csv"]) == 0
    from io import StringIO

    out = pd.read_csv(StringIO(capsys.readouterr().out), dtype={"kode_kel": str})
    assert out["peringkat_dari"].unique().tolist() == [3]
    assert out.set_index("kode_kel").loc[B, "peringkat"] == 1


def test_the_rank_text_says_hidden_below_the_base_or_x_of_n():
    assert peta.teks_peringkat(2.0, 3) == "2 dari 3"
    assert peta.teks_peringkat(1.0, 1, 55.5) == "1 dari 1"
    # a guest's hidden index has no rank: hidden, not "under the base"
    assert peta.teks_peringkat(float("nan"), 1, "×") == "disamarkan (indeks dari jumlah < 5)"
    assert peta.teks_peringkat(None, 3) == "tidak diperingkat (< 30 keluarga dalam daftar)"


def test_the_page_profile_gives_the_guest_rank_among_those_shown(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/peta.py", role="tamu", periode=P, kel=C)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Peringkat di kota"] == "1 dari 1"
    captions = [c.value for c in at.caption]
    assert "Peringkat 1 dari 1 kelurahan yang berperingkat dan ditampilkan." in captions


def test_the_page_profile_of_a_hidden_index_says_so(lake, monkeypatch):
    at = open_page(lake, monkeypatch, "pages/peta.py", role="tamu", periode=P, kel=A)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Peringkat di kota"] == "disamarkan (indeks dari jumlah < 5)"
    at = open_page(lake, monkeypatch, "pages/peta.py", role="kepala", periode=P, kel=A)
    assert {m.label: m.value for m in at.metric}["Peringkat di kota"] == "2 dari 3"

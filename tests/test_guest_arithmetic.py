"""Pages lay out what the policy returns and compute nothing from it: a guest's suppressed
cells ("<5", "×") are never subtracted or divided, so a small area opens as it is."""

from __future__ import annotations

import json

import pandas as pd
from lakes import open_page, page_texts

from pantau import privacy, queries

SEBANI = "35.75.01.1003"  # under 5 extreme-poor keluarga in the demo's last periods


def _titles(at) -> list[str]:
    return [
        json.loads(c.proto.spec).get("layout", {}).get("title", {}).get("text", "")
        for c in at.get("plotly_chart")
    ]


def test_the_guest_opens_the_summary_of_a_kelurahan_whose_trend_has_small_counts(
    demo_lake, monkeypatch
):
    raw = queries.run("tren_miskin_ekstrem", {"kode_kel": SEBANI}, demo_lake)
    assert raw["keluarga_miskin_ekstrem"].between(1, 4).any()
    # Before: TypeError "str - str" while the page computed the change from "<5" cells.
    at = open_page(demo_lake, monkeypatch, "pages/ringkasan.py", "tamu", kec=SEBANI[:8], kel=SEBANI)
    trend = next(t for t in _titles(at) if t.startswith("Keluarga miskin ekstrem"))
    assert "(perubahan ×)" in trend
    assert "turun" not in trend and "naik" not in trend
    # The hidden points are named as the guest sees them.
    assert "Kec. Gadingrejo September 2026: <5" in page_texts(at)


def test_the_head_reads_the_change_of_the_same_kelurahan_from_its_query(demo_lake, monkeypatch):
    change = queries.run("tren_miskin_ekstrem_perubahan", {"kode_kel": SEBANI}, demo_lake)
    first, last = change.iloc[0]["keluarga_awal"], change.iloc[0]["keluarga_akhir"]
    assert change.iloc[0]["perubahan"] == (last - first) / first
    at = open_page(
        demo_lake, monkeypatch, "pages/ringkasan.py", "kepala", kec=SEBANI[:8], kel=SEBANI
    )
    trend = next(t for t in _titles(at) if t.startswith("Keluarga miskin ekstrem"))
    assert "turun" in trend and "Tidak digambar" not in page_texts(at)


def test_the_change_of_the_trend_is_hidden_with_its_small_counts(demo_lake):
    params = {"kode_kel": SEBANI}
    tamu = privacy.result("tren_miskin_ekstrem_perubahan", params, "tamu", demo_lake).iloc[0]
    assert tamu["keluarga_akhir"] == "<5" and tamu["perubahan"] == privacy.HIDDEN
    kota = privacy.result("tren_miskin_ekstrem_perubahan", {}, "tamu", demo_lake).iloc[0]
    assert kota["perubahan"] < 0 and kota["keluarga_akhir"] == 300


def test_a_period_of_the_trend_hides_a_second_kecamatan_beside_a_small_one():
    # The kecamatan of a period add up to the area's figure the KPI shows: one "<5" alone
    # would be that figure minus the others.
    raw = pd.DataFrame(
        {
            "periode": ["2024-03"] * 3 + ["2024-06"] * 3,
            "kecamatan": ["Gadingrejo", "Purworejo", "Bugul Kidul"] * 2,
            "keluarga_miskin_ekstrem": [3, 40, 50, 30, 40, 50],
        }
    )
    tamu = privacy.policy("tren_miskin_ekstrem", raw, "tamu")
    assert tamu["keluarga_miskin_ekstrem"].tolist() == ["<5", privacy.HIDDEN, 50, 30, 40, 50]


def test_the_guest_opens_the_summary_of_a_small_install_with_keluarga_only(tmp_path, monkeypatch):
    # The attacker's r2: a real install with only keluarga lists, every count small.
    from lakes import build_lake, keluarga_rows

    lists = {
        p: keluarga_rows([{"miskin_ekstrem": "Ya" if i < n else "Tidak"} for i in range(12)])
        for p, n in (("2024-03", 4), ("2024-06", 3))
    }
    lake = build_lake(tmp_path, {"keluarga": lists})
    at = open_page(lake, monkeypatch, "pages/ringkasan.py", "tamu")
    trend = next(t for t in _titles(at) if t.startswith("Keluarga miskin ekstrem"))
    assert "(perubahan ×)" in trend
    assert "Juni 2024: <5" in page_texts(at)


def test_the_header_names_each_rank_and_the_value_it_orders():
    assert queries.get("peta_kelurahan").ranks == {"peringkat": "indeks_kantong"}
    assert queries.get("bantuan_kombinasi").ranks == {"peringkat": "keluarga"}
    assert queries.get("keluarga_per_kecamatan").ranks == {}


def test_a_guest_ranks_programme_combinations_only_among_the_counts_shown():
    # Four combinations of one kelurahan, most common first: 3 keluarga is "<5", and the
    # implied total then hides the next smallest (10) too, so a guest's ranks are 1, 2 and no
    # rank for either hidden row, never "3" between 20 and 3, which would bound the 10.
    df = pd.DataFrame(
        {
            "peringkat": [1, 2, 3, 4],
            "kombinasi": ["Sembako", "PKH + Sembako", "BPNT", "Tidak ada"],
            "jumlah_program": [1, 2, 1, 0],
            "keluarga": [40, 20, 10, 3],
            "porsi": [40 / 73, 20 / 73, 10 / 73, 3 / 73],
        }
    )
    out = privacy.policy("bantuan_kombinasi", df, "tamu")
    assert out["keluarga"].tolist() == [40, 20, "×", "<5"]
    assert out["peringkat"].iloc[:2].tolist() == [1.0, 2.0]
    assert out["peringkat"].iloc[2:].isna().all()
    head = privacy.policy("bantuan_kombinasi", df, "kepala")
    assert head["peringkat"].tolist() == [1, 2, 3, 4]

"""What users read every day is Indonesian (issue 12, section 5): the CLI's --help, and charts
without Plotly's English toolbar (their data still leaves through 'Unduh data')."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from pantau.cli import main


def help_text(capsys, *args) -> str:
    with pytest.raises(SystemExit) as done:
        main([*args, "--help"])
    assert done.value.code == 0
    return " ".join(capsys.readouterr().out.split())  # argparse wraps at the terminal width


def test_the_cli_help_is_in_indonesian(capsys):
    text = help_text(capsys)
    assert text.startswith("pemakaian: python -m pantau")
    assert "usage:" not in text and "options:" not in text
    assert "pilihan:" in text and "perintah:" in text
    assert "tampilkan bantuan ini" in text
    assert "direktori data" in text
    assert "impor file ekspor sebagai satu batch" in text
    assert "jalankan dasbor" in text


def test_the_serve_help_names_port_and_alamat_in_indonesian(capsys):
    text = help_text(capsys, "serve")
    assert text.startswith("pemakaian: python -m pantau serve")
    assert "port (bawaan 8501)" in text
    assert "alamat yang didengarkan (bawaan 127.0.0.1, hanya komputer ini;" in text


def test_the_import_help_says_what_jenis_and_periode_are(capsys):
    text = help_text(capsys, "import")
    assert "jenis data: keluarga, verval, penyaluran" in text
    assert "periode, YYYY-MM" in text
    assert "argumen:" in text and "file CSV, XLSX atau ODS" in text


def _chart_app():
    import pandas as pd
    import plotly.express as px

    from pantau import ui

    df = pd.DataFrame({"kecamatan": ["Gadingrejo", "Purworejo"], "keluarga": [3, 4]})
    ui.chart(px.bar(df, x="kecamatan", y="keluarga"), df, "uji")


def test_a_chart_has_no_plotly_toolbar_but_keeps_its_download_button():
    import json

    at = AppTest.from_function(_chart_app, default_timeout=60).run()
    assert not at.exception
    [chart] = at.get("plotly_chart")
    config = json.loads(chart.proto.config)
    assert config["displayModeBar"] is False
    # Plotly's own number formatting ("%{y:,.0f}") with Indonesian marks: decimal ",", group "."
    assert json.loads(chart.proto.spec)["layout"]["separators"] == ",."
    assert [b.label for b in at.get("download_button")] == ["Unduh data"]

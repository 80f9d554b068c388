"""Ringkasan: progress at a glance for department heads."""

import streamlit as st

from pantau import charts, fmt, ui

f = st.session_state["filters"]
st.title("Ringkasan")
st.caption(f"{ui.wilayah_label(f)} · {fmt.periode(f['periode'])}")

kec = ui.query("keluarga_per_kecamatan", periode=f["periode"])
if kec.empty or int(kec.iloc[-1]["keluarga"]) == 0:
    ui.empty(f"Belum ada data keluarga untuk periode {fmt.periode(f['periode'])}.")
else:
    city = kec.iloc[-1]
    c1, c2, c3 = st.columns(3)
    ui.kpi(c1, "Keluarga miskin ekstrem", fmt.angka(city["keluarga_miskin_ekstrem"]))
    ui.kpi(c2, "Jiwa dalam keluarga miskin ekstrem", fmt.angka(city["jiwa_miskin_ekstrem"]))
    ui.kpi(c3, "Keluarga dalam daftar", fmt.angka(city["keluarga"]))
    per_kec = kec.iloc[:-1]
    top = per_kec.sort_values("keluarga_miskin_ekstrem", ascending=False).iloc[0]
    fig = charts.bar(
        per_kec, "kecamatan", "keluarga_miskin_ekstrem",
        f"{top['kecamatan']} memiliki keluarga miskin ekstrem terbanyak "
        f"(keluarga, {fmt.periode(f['periode'])})",
        labels={"kecamatan": "Kecamatan", "keluarga_miskin_ekstrem": "Keluarga miskin ekstrem"},
    )
    ui.chart(fig, per_kec, "miskin_ekstrem_per_kecamatan")

st.subheader("Verifikasi dan validasi (verval)")
funnel = ui.query("verval_funnel")
if funnel.empty:
    ui.empty("Belum ada data verval yang dimuat.")
else:
    total = funnel.iloc[-1]
    stages = [
        ("Daftar awal (semua sumber)", total["daftar_keluarga"]),
        ("Diverifikasi", total["diperiksa_keluarga"]),
        ("Memenuhi kriteria", total["memenuhi_keluarga"]),
    ]
    import pandas as pd

    stage_df = pd.DataFrame(stages, columns=["tahap", "keluarga"])
    fig = charts.funnel(
        stage_df, "tahap", "keluarga",
        f"Verval menyaring {fmt.angka(total['daftar_keluarga'])} keluarga menjadi "
        f"{fmt.angka(total['memenuhi_keluarga'])} yang memenuhi kriteria (keluarga)",
    )
    ui.chart(fig, funnel, "verval_funnel")
    st.dataframe(funnel.drop(columns=["urutan"]), hide_index=True)

"""Ringkasan: progress at a glance for department heads, along the three strategies."""

import pandas as pd
import streamlit as st

from pantau import charts, fmt, ui

ui.guard("ringkasan")

f = st.session_state["filters"]
area = {"kode_kec": f["kode_kec"], "kode_kel": f["kode_kel"]}
st.title("Ringkasan")
st.caption(f"{ui.wilayah_label(f)} · {fmt.periode(f['periode'])}")

# --- headline figures -------------------------------------------------------------------------
kpi = ui.query("ringkasan_kpi", periode=f["periode"], **area)
if kpi.empty:
    ui.empty("Belum ada data keluarga yang dimuat; impor data di halaman Data.")
    st.stop()
k = kpi.iloc[0]


def rentang_tahun(periode) -> str:
    """'2022-06' → 'Januari–Juni 2022': the year-to-date span a '…tahun ini' figure covers."""
    return f"Januari–{fmt.periode(periode)}" if periode else "–"


# Year-to-date figures are compared with the same span a year earlier (ringkasan_kpi).
setahun = rentang_tahun(k["periode_tahun_lalu"])
keluar_help = (
    "Keluarga yang pada kunjungan pemantauan sejak 1 Januari berstatus 'keluar'. Perubahan "
    f"dibanding rentang yang sama tahun lalu ({setahun}); angka sejak 1 Januari hanya bisa naik "
    "sepanjang tahun, jadi tidak dibandingkan dengan triwulan sebelumnya."
    + (
        ""
        if pd.notna(k["keluarga_keluar_tahun_lalu"])
        else " Tahun lalu belum ada data pemantauan."
    )
)
keluar_delta = fmt.perubahan(
    k["keluarga_keluar_tahun_ini"], k["keluarga_keluar_tahun_lalu"], "keluarga"
)


def kpi_keluar(col) -> None:
    """Year-to-date leavers, against the same span a year earlier (flagged or flagless list)."""
    ui.kpi(
        col,
        "Keluar dari miskin ekstrem tahun ini",
        fmt.angka(k["keluarga_keluar_tahun_ini"]),
        keluar_delta,
        help=keluar_help,
    )


bantuan_help = "Jumlah rupiah berstatus tersalur sejak 1 Januari sampai akhir periode." + (
    f" Rentang yang sama tahun lalu ({setahun}): {fmt.rupiah_singkat(k['bantuan_rp_tahun_lalu'])}."
    if pd.notna(k["bantuan_rp_tahun_lalu"])
    else ""
)
if not k["berstatus_ekstrem"]:
    # A list without the extreme flag (P3KE 2021, bansos 2022) is a list, not "0 keluarga
    # miskin ekstrem": it shows its size and source and is compared with nothing.
    c1, c2, c3 = st.columns(3)
    ui.kpi(
        c1,
        "Keluarga dalam daftar",
        fmt.angka(k["keluarga_daftar"]),
        help=f"Sumber daftar: {k['sumber_daftar'] or 'tidak disebut'}.",
    )
    kpi_keluar(c2)
    ui.kpi(
        c3,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=bantuan_help,
    )
    st.info(
        f"Daftar {fmt.periode(k['periode'])} ({k['sumber_daftar'] or 'sumber tidak disebut'}) "
        f"memuat {fmt.angka(k['keluarga_daftar'])} keluarga tanpa status miskin ekstrem: daftar "
        "ini tidak menandai keluarga miskin ekstrem, jadi jumlah keluarga miskin ekstrem, "
        "cakupannya dan perubahannya tidak dihitung untuk periode ini. Perbandingan antarperiode "
        "memakai daftar yang memuat status itu (DTKS/DTSEN).",
        icon="ℹ️",
    )
else:
    before = fmt.periode(k["periode_sebelumnya"]) if k["periode_sebelumnya"] else None
    banding = (
        f"Perubahan dibanding {before}, daftar bertanda miskin ekstrem sebelumnya."
        if before
        else "Belum ada daftar bertanda miskin ekstrem sebelum periode ini untuk dibandingkan "
        "(daftar P3KE 2021 dan bansos 2022 tidak memuat status itu)."
    )
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(
        c1,
        "Keluarga miskin ekstrem",
        fmt.angka(k["keluarga_miskin_ekstrem"]),
        fmt.perubahan(
            k["keluarga_miskin_ekstrem"], k["keluarga_miskin_ekstrem_sebelumnya"], "keluarga"
        ),
        help=f"{fmt.angka(k['jiwa_miskin_ekstrem'])} jiwa. {banding}",
        inverse=True,
    )
    kpi_keluar(c2)
    ui.kpi(
        c3,
        "Cakupan bansos",
        fmt.persen(k["cakupan"]),
        # A share hidden for a guest ('×') has no change to show.
        fmt.perubahan(
            *(
                pd.to_numeric(pd.Series([k["cakupan"], k["cakupan_sebelumnya"]]), errors="coerce")
                * 100
            ),
            "poin persen",
            desimal=1,
        ),
        help="Bagian keluarga miskin ekstrem yang tercakup bansos (program strategi 1: tersalur "
        "dalam 12 bulan sampai akhir periode, atau terdaftar di program nasional). Modal usaha dan "
        f"KUBE (strategi 2) ada di halaman Bantuan. {banding}",
    )
    ui.kpi(
        c4,
        "Bantuan tersalur tahun ini",
        fmt.rupiah_singkat(k["bantuan_rp_tahun_ini"]),
        help=bantuan_help,
    )
    st.caption(
        f"Jiwa dalam keluarga miskin ekstrem: **{fmt.angka(k['jiwa_miskin_ekstrem'])} jiwa**. "
        f"{banding}"
    )

dana = ui.query("bantuan_per_sumber_dana", periode=f["periode"], **area)
if not dana.empty:
    top = dana.iloc[0]
    fig = charts.bar(
        dana,
        "sumber_dana",
        "nilai",
        f"{top['sumber_dana']} menyalurkan bantuan terbesar tahun ini "
        f"(Rp, Januari–{fmt.periode(f['periode'])})",
        labels={"sumber_dana": "Sumber dana", "nilai": "Rupiah"},
    )
    fig.update_traces(texttemplate="Rp %{value:,.0f}")
    fig.update_yaxes(tickformat=",.0f", tickprefix="Rp ")
    ui.chart(fig, dana, "bantuan_per_sumber_dana")

# --- verval funnel ----------------------------------------------------------------------------
st.subheader("Verifikasi dan validasi (verval)")
funnel = ui.query("verval_funnel")
if funnel.empty:
    ui.empty("Belum ada data verval yang dimuat.")
else:
    total = funnel.iloc[-1]
    stages = pd.DataFrame(
        {
            "tahap": ["Daftar awal (semua sumber)", "Diverifikasi", "Memenuhi kriteria"],
            "keluarga": [
                total["daftar_keluarga"],
                total["diperiksa_keluarga"],
                total["memenuhi_keluarga"],
            ],
        }
    )
    left, right = st.columns([3, 2])
    with left:
        fig = charts.funnel(
            stages,
            "tahap",
            "keluarga",
            f"Verval menyaring {fmt.angka(total['daftar_keluarga'])} keluarga menjadi "
            f"{fmt.angka(total['memenuhi_keluarga'])} yang memenuhi kriteria (keluarga)",
        )
        ui.chart(fig, funnel, "verval_funnel")
    with right:
        st.markdown("**Per sumber daftar** (keluarga)")
        st.dataframe(
            funnel.drop(columns=["urutan", "daftar_dimuat"]).rename(
                columns={
                    "sumber_daftar": "Sumber daftar",
                    "daftar_keluarga": "Daftar",
                    "diperiksa_keluarga": "Diperiksa",
                    "memenuhi_keluarga": "Memenuhi",
                    "tidak_memenuhi_keluarga": "Tidak memenuhi",
                }
            ),
            hide_index=True,
            width="stretch",
        )
    lists = funnel[funnel["urutan"] == 1]
    missing = lists.loc[~lists["daftar_dimuat"].astype(bool), "sumber_daftar"].tolist()
    overlap = funnel.loc[funnel["urutan"] == 2, "daftar_keluarga"]
    st.caption(
        "Satu keluarga dihitung sekali pada baris Semua daftar, walaupun ada di beberapa daftar; "
        f"baris 'Di lebih dari satu daftar' ({fmt.angka(overlap.iloc[0]) if len(overlap) else 0} "
        "keluarga) menunjukkan berapa yang ada di dua daftar atau lebih. Hasil verval satu "
        "keluarga = hasil verval terakhirnya."
    )
    if missing:
        st.warning(
            f"Daftar {', '.join(missing)} belum dimuat, jadi jumlah keluarga dalam daftar itu "
            "tidak diketahui (kolom Daftar kosong); Semua daftar hanya memuat keluarga daftar itu "
            "yang sudah diperiksa. Impor daftarnya di halaman Data.",
            icon="⚠️",
        )

# --- trend ------------------------------------------------------------------------------------
st.subheader("Tren keluarga miskin ekstrem")
tren = ui.query("tren_miskin_ekstrem", **area)
if tren.empty:
    ui.empty("Belum ada data keluarga untuk digambar trennya.")
else:
    # The change comes from its query, hidden with its counts where they are small: the page
    # lays it out and computes nothing from the (possibly "<5" / "×") cells.
    ujung = ui.query("tren_miskin_ekstrem_perubahan", **area).iloc[0]
    change = ujung["perubahan"]
    if isinstance(change, str):
        moved = f"(perubahan {change})"
    elif pd.isna(change) or change == 0:
        moved = "tetap"
    else:
        moved = f"turun {fmt.persen(-change)}" if change < 0 else f"naik {fmt.persen(change)}"
    # A hidden cell is no point of the line (a gap); it is named under the chart as it is shown.
    hidden = tren[tren["keluarga_miskin_ekstrem"].map(lambda v: isinstance(v, str))]
    drawn = tren.assign(
        keluarga_miskin_ekstrem=pd.to_numeric(tren["keluarga_miskin_ekstrem"], errors="coerce")
    )
    fig = charts.line(
        drawn,
        "periode",
        "keluarga_miskin_ekstrem",
        f"Keluarga miskin ekstrem {moved} dari {fmt.periode(ujung['periode_awal'])} ke "
        f"{fmt.periode(ujung['periode_akhir'])} (keluarga, per kecamatan)",
        color="kecamatan",
        target=0,
        labels={
            "periode": "Periode",
            "keluarga_miskin_ekstrem": "Keluarga miskin ekstrem",
            "kecamatan": "Kecamatan",
        },
    )
    ui.chart(fig, tren, "tren_miskin_ekstrem")
    if not hidden.empty:
        st.caption(
            "Tidak digambar (jumlah kecil disembunyikan): "
            + "; ".join(
                f"Kec. {r.kecamatan} {fmt.periode(r.periode)}: {r.keluarga_miskin_ekstrem}"
                for r in hidden.itertuples()
            )
            + "."
        )

# --- scorecard --------------------------------------------------------------------------------
st.subheader("Kartu skor tiga strategi")
st.caption(
    "Inpres 4/2022, dilanjutkan Inpres 8/2025. Panah hijau = bergerak ke arah yang diharapkan. "
    "Pembanding: daftar bertanda miskin ekstrem sebelumnya; angka sejak 1 Januari dibanding "
    "rentang yang sama tahun lalu."
    + (
        ""
        if k["berstatus_ekstrem"]
        else " Daftar periode ini tanpa status miskin ekstrem: indikator tentang keluarga miskin "
        "ekstrem kosong dan tidak dibandingkan."
    )
)
skor = ui.query("skor_strategi", periode=f["periode"])


def pembanding(row) -> str:
    if pd.isna(row["periode_pembanding"]):
        return "–"
    if row["sejak_awal_tahun"]:
        return rentang_tahun(row["periode_pembanding"])
    return fmt.periode(row["periode_pembanding"])


def nilai(v, satuan):
    if pd.isna(v):
        return "–"
    return fmt.persen(v) if satuan == "persen" else f"{fmt.angka(v)} {satuan}"


def arah(row):
    if isinstance(row["membaik"], str):  # hidden with a value it compares
        return row["membaik"]
    if pd.isna(row["membaik"]):
        # skor_strategi's words: a change within its 95 % interval, or a row without direction
        if isinstance(row.get("arah"), str) and row["arah"] not in ("membaik", "memburuk"):
            return f"· {row['arah']}"
        return "· tetap / belum ada pembanding"
    return "▲ membaik" if row["membaik"] else "▼ memburuk"


for strategi, rows in skor.groupby("strategi", sort=True):
    st.markdown(f"**Strategi {strategi}: {rows['nama_strategi'].iloc[0]}**")
    table = pd.DataFrame(
        {
            "Indikator": rows["indikator"],
            fmt.periode(f["periode"]): [
                nilai(v, s) for v, s in zip(rows["nilai"], rows["satuan"], strict=True)
            ],
            "Sebelumnya": [
                nilai(v, s) for v, s in zip(rows["nilai_sebelumnya"], rows["satuan"], strict=True)
            ],
            "Pembanding": [pembanding(r) for _, r in rows.iterrows()],
            "Arah": [arah(r) for _, r in rows.iterrows()],
        }
    )
    st.dataframe(table, hide_index=True, width="stretch")
ui.download(skor, "skor_strategi", "Unduh kartu skor")

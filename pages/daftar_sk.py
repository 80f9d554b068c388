"""Daftar SK (issue 13 §3): the SK Wali Kota extreme-poor list frozen per period as named,
hashed versions, each version's change against the previous one (per kecamatan, per family with
its reason), the lampiran, and the quarterly report (§4). Kepala and perencana (masked); only
the Kepala Dinas freezes (pantau/sk.py). Layout only: every figure is a named query's column."""

import streamlit as st

from pantau import audit, export, fmt, privacy, sk, ui, ui_sk, wilayah
from pantau.errors import PantauError
from pantau.report import daerah

W = wilayah.dari()  # the region: its SK is the Wali Kota's, the Bupati's or the Gubernur's
KEL = W.label_desa_kecil

ui.guard("daftar_sk")
f = st.session_state["filters"]

st.title("Daftar SK")
st.caption(
    f"Daftar keluarga miskin ekstrem yang ditetapkan dengan {daerah.sk_daftar(W)} dan dimutakhirkan "
    "tiap enam bulan. Setiap versi dibekukan dengan hash isinya dan tidak pernah berubah."
)

versi = ui.query("sk_versi")
diminta = None  # (periode, nama) of a freeze asked for in this run

# --- freeze (Kepala Dinas) ------------------------------------------------------------------
if sk.boleh_membekukan(ui.role()):
    periods = ui.query("periode_list")
    flagged = periods[
        periods["dataset"].str.contains("keluarga")
        & periods["berstatus_ekstrem"].astype("boolean").fillna(False)
    ]
    options = flagged["periode"].tolist()[::-1]
    with (
        st.expander("Bekukan daftar periode baru", expanded=versi.empty),
        st.form("sk_bekukan"),
    ):
        c1, c2 = st.columns([1, 3])
        periode = c1.selectbox(
            "Periode daftar keluarga",
            options,
            index=options.index(f["periode"]) if f["periode"] in options else 0,
            format_func=fmt.periode,
        )
        nama = c2.text_input(
            "Nama versi",
            placeholder=f"mis. {daerah.sk(W)} {daerah.nama_pendek(W)} No. 400/155/423.011/2026",
        )
        st.caption(
            "Yang dibekukan: semua keluarga bertanda miskin ekstrem dalam daftar keluarga "
            "periode itu. Isi yang sama dengan versi lama tidak membuat versi baru."
        )
        if st.form_submit_button("Bekukan", type="primary"):
            # Freeze at the end of this run (bekukan_diminta), once the lampiran buttons below
            # are drawn disabled: while a run goes on, the browser keeps the previous run's
            # buttons clickable, and a click then saved the previous version's lampiran.
            diminta = (periode, nama)
    hasil = st.session_state.pop("sk_bekukan_hasil", None)
    if hasil:
        getattr(st, hasil[0])(hasil[1])
    elif diminta:
        st.info("Membekukan daftar…; tombol lampiran aktif lagi setelah versi baru siap.")

membekukan = diminta is not None


def bekukan_diminta() -> None:
    """Freeze the version asked for in this run, keep the sentence for the next run and show
    the version just frozen there (or the one of the same content): the lampiran goes with a
    decree, never the version the selector held before."""
    periode, nama = diminta
    try:
        with st.spinner("Membekukan daftar dan menyiapkan lampiran versi baru…"):
            record, baru = sk.bekukan(ui.data_dir(), periode, nama, ui.user(), ui.role())
            # the server's engine rebuilds its views in the background after a change to the
            # lake: the next run shows the new version's list
            ui.tunggu_mesin()
    except PantauError as err:
        st.session_state["sk_bekukan_hasil"] = ("error", str(err))
    else:
        st.session_state["sk_bekukan_hasil"] = (
            (
                "success",
                f"Versi {record['versi']} dibekukan: {record['nama']}, "
                f"{fmt.angka(record['keluarga'])} keluarga.",
            )
            if baru
            else (
                "info",
                f"Isi daftar {fmt.periode(periode)} sama dengan versi {record['versi']} "
                f"({record['nama']}); tidak ada versi baru.",
            )
        )
        st.session_state["sk_versi_baru"] = int(record["versi"])
    st.rerun()


if versi.empty:
    if membekukan:
        bekukan_diminta()
    ui.empty("Belum ada Daftar SK yang dibekukan.")
    st.stop()

# --- versions -------------------------------------------------------------------------------
st.subheader("Versi")
ui.tabel(
    versi.assign(
        dibekukan=versi["dibekukan"].map(sk.waktu_wib), oleh=versi["oleh"].map(sk.oleh_teks)
    ),
    "sk_versi",
    ["versi", "nama_versi", "periode", "keluarga", "dibekukan", "oleh", "sha256"],
)

nomor = versi["versi"].tolist()
label = {
    v: f"Versi {v}: {n} ({fmt.periode(p)})"
    for v, n, p in zip(versi["versi"], versi["nama_versi"], versi["periode"], strict=True)
}
c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="bottom")
if "sk_versi_baru" in st.session_state:  # the version frozen in the last run
    st.session_state["sk_versi"] = st.session_state.pop("sk_versi_baru")
pilih = c1.selectbox("Versi", nomor, format_func=label.get, key="sk_versi")
utuh = False
if not privacy.masks_identifiers(ui.role()):
    utuh = st.checkbox(
        "Arsip Dinas: NIK dan No KK utuh (jangan diumumkan)",
        key="sk_lampiran_utuh",
        help="Bawaan: NIK dan No KK disamarkan kecuali 4 digit terakhir, versi yang "
        f"dilampirkan pada SK dan diumumkan di {KEL}.",
    )
ui_sk.tombol_lampiran(int(pilih), (c2, c3), utuh, disabled=membekukan)
st.caption(
    f"Lampirkan pada SK berkas bawaan (NIK dan No KK disamarkan): lampiran SK diumumkan di {KEL}."
    if not utuh
    else "Berkas arsip dengan NIK dan No KK utuh: simpan di Dinas, jangan diumumkan."
)
if membekukan:
    bekukan_diminta()
baris = versi[versi["versi"] == pilih].iloc[0]

# --- change per kecamatan -------------------------------------------------------------------
st.subheader("Perubahan terhadap versi sebelumnya")
ubah = ui.query("sk_perubahan_kecamatan", versi=int(pilih))
if ubah.empty:
    ui.empty("Versi pertama: belum ada versi sebelumnya untuk dibandingkan.")
else:
    st.caption(
        f"Versi {pilih} ({fmt.periode(baris['periode'])}) dibanding versi "
        f"{baris['versi_sebelumnya']} ({fmt.periode(baris['periode_sebelumnya'])}). Masuk "
        "dihitung di kecamatan versi ini, keluar di kecamatan versi sebelumnya."
    )
    ui.tabel(
        ubah,
        "sk_perubahan_kecamatan",
        ["kecamatan", "keluarga_sebelumnya", "keluarga_sekarang", "tetap", "masuk"]
        + ["masuk_usulan", "masuk_verval", "masuk_pemutakhiran", "keluar", "keluar_graduasi"]
        + ["keluar_meninggal", "keluar_pindah", "keluar_tidak_memenuhi"],
    )

    # --- the named change list ------------------------------------------------------------
    st.subheader("Keluarga yang masuk dan keluar")
    STATUS = {"": "Masuk dan keluar", "masuk": "Masuk", "keluar": "Keluar", "tetap": "Tetap"}
    status = st.segmented_control(
        "Status", list(STATUS), format_func=STATUS.get, default="", key="sk_status"
    )
    chosen = {"versi": int(pilih), "status": status or None, "kode_kec": f["kode_kec"]}
    daftar = ui.query("sk_perubahan", **chosen)
    if not status:
        daftar = daftar[daftar["status"] != "tetap"]
    logged = st.session_state.setdefault("audit_viewed", set())
    key = repr(("sk_perubahan", sorted(chosen.items())))
    if key not in logged:
        if not audit.record(
            ui.data_dir(),
            ui.user(),
            "lihat_daftar",
            daftar="sk_perubahan",
            filter=chosen,
            baris=len(daftar),
            peran=ui.role(),
            samaran=export.identifiers_masked(daftar),
        ):
            ui.empty(
                "Daftar bernama tidak ditampilkan karena log audit tidak dapat ditulis; "
                "hubungi pengelola server."
            )
            st.stop()
        logged.add(key)
    if privacy.masks_identifiers(ui.role()):
        st.caption("NIK dan No KK disamarkan kecuali 4 digit terakhir.")
    ui.tabel(
        daftar,
        "sk_perubahan",
        ["status", "kategori", "alasan", "kecamatan", "kelurahan", "no_kk", "nama_kepala"]
        + ["alamat", "rt", "rw"],
        height=420,
    )

# --- quarterly report -----------------------------------------------------------------------
st.subheader("Laporan triwulan")
st.caption(
    f"Laporan {fmt.periode(f['periode'])} ke Mendagri, tembusan Menko PMK (Inpres 4/2022): "
    "tiga strategi, keluarga terjangkau per program, dana per sumber, perubahan terhadap "
    "triwulan sebelumnya dan perubahan Daftar SK."
)
ui_sk.tombol_laporan_triwulan(f["periode"], "daftar_sk", st.columns(4)[0])

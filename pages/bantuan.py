"""Bantuan: which extreme-poor families the programmes reach, how well aid is targeted, what was
paid and what came of modal usaha and KUBE (strategies 1 and 2)."""

import pandas as pd
import streamlit as st

from pantau import charts_bantuan as cb
from pantau import fmt, ui

ui.guard("bantuan")

f = st.session_state["filters"]
AREA = {"periode": f["periode"], "kode_kec": f["kode_kec"], "kode_kel": f["kode_kel"]}
PERIODE = fmt.periode(f["periode"])
WILAYAH = ui.wilayah_label(f)
TAHUN_BERJALAN = (
    f"Januari–{PERIODE}" if f["periode"] and not f["periode"].endswith("-01") else PERIODE
)
TERCAKUP = (
    "Tercakup = menerima penyaluran berstatus *tersalur* dalam **12 bulan sampai akhir periode** "
    "(BLT sekali bayar pun dihitung selama 12 bulan sesudah dibayar), atau tercatat sebagai peserta "
    "program nasional (PKH, BPNT, PBI-JK, …) dalam daftar periode ini. **Cakupan bansos** = "
    "tercakup program strategi 1 (bansos, PBI-JK: beban pengeluaran); **pemberdayaan** = program "
    "strategi 2 (modal usaha, KUBE, pelatihan), dilaporkan terpisah; **program apa pun** = "
    "tercakup program mana pun."
)
SASARAN = (
    "Kedua kesalahan dihitung terhadap kelompok sasaran yang sama. Kepesertaan dalam daftar "
    "(PKH, PBI-JK, … pada kolom program terdaftar) dihitung di kedua sisi: keluarga sasaran yang "
    "terdaftar dianggap menerima, dan keluarga terdaftar di luar sasaran dihitung sebagai "
    "kesalahan inklusi. Penerima = penyaluran *tersalur* dalam 12 bulan sampai akhir periode "
    "atau terdaftar dalam daftar periode ini."
)

st.title("Bantuan: cakupan & hasil")
st.caption(f"{WILAYAH} · {PERIODE} · Strategi 1 (beban pengeluaran) dan 2 (pendapatan)")


def dari(part, whole, unit: str) -> str:
    return f"{fmt.angka(part)} dari {fmt.angka(whole)} {unit}"


def tabel(df: pd.DataFrame, columns: dict) -> None:
    """A read-only table: {source column: (header, formatter)}, numbers in Indonesian format."""
    shown = pd.DataFrame({head: df[col].map(fn) for col, (head, fn) in columns.items()})
    st.dataframe(shown, hide_index=True, width="stretch")


# --- headline --------------------------------------------------------------------------------


def ringkasan(prog: pd.DataFrame, tepat: pd.DataFrame) -> None:
    bansos = prog.iloc[0]
    err = tepat[tepat["acuan"] == "miskin_ekstrem"].iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(c1, "Keluarga miskin ekstrem", fmt.angka(bansos["keluarga_miskin_ekstrem"]))
    ui.kpi(c2, "Cakupan bansos (strategi 1)", fmt.persen(bansos["cakupan"]), help=TERCAKUP)
    ui.kpi(
        c3,
        "Kesalahan eksklusi (daftar ekstrem)",
        fmt.persen(err["kesalahan_eksklusi"]),
        inverse=True,
        help="Sasaran: daftar miskin ekstrem periode ini. Keluarga miskin ekstrem yang tidak "
        "menerima program apa pun ÷ semua keluarga miskin ekstrem.",
    )
    ui.kpi(
        c4,
        "Kesalahan inklusi (daftar ekstrem)",
        fmt.persen(err["kesalahan_inklusi"]),
        inverse=True,
        help="Sasaran: daftar miskin ekstrem periode ini. KPM penerima program apa pun yang "
        "tidak ada dalam daftar miskin ekstrem ÷ semua KPM penerima. Terhadap syarat tiap "
        "program: lihat Ketepatan sasaran.",
    )


# --- coverage --------------------------------------------------------------------------------


def cakupan_program(prog: pd.DataFrame) -> None:
    st.subheader("Cakupan per program")
    ring = prog[prog["tingkat"] == "ringkasan"].set_index("program")
    title = (
        f"Cakupan bansos {fmt.persen(ring.loc['Bansos (strategi 1)', 'cakupan'])} keluarga "
        f"miskin ekstrem; pemberdayaan (strategi 2) "
        f"{fmt.persen(ring.loc['Pemberdayaan (strategi 2)', 'cakupan'])}; program apa pun "
        f"{fmt.persen(ring.loc['Program apa pun', 'cakupan'])}"
    )
    df = prog.assign(
        label=[
            f"{fmt.persen(c)} ({dari(t, n, 'keluarga')})"
            for c, t, n in zip(
                prog["cakupan"],
                prog["keluarga_tercakup"],
                prog["keluarga_miskin_ekstrem"],
                strict=True,
            )
        ]
    )
    fig = cb.share_hbar(
        df,
        "cakupan",
        "program",
        f"{title} ({PERIODE})",
        text="label",
        labels={"cakupan": "Cakupan (% keluarga miskin ekstrem)", "program": ""},
    )
    ui.chart(fig, prog, "bantuan_cakupan_program")
    st.caption(TERCAKUP)


def cakupan_kelurahan(programs: list[str]) -> None:
    if f["kode_kel"]:  # one kelurahan: the grid would repeat the bars above
        return
    kel = ui.query("bantuan_cakupan_kelurahan", **AREA)
    if kel.empty:
        return
    kel = kel.assign(
        label=[
            "" if pd.isna(c) else f"{fmt.persen(c, 0)} ({fmt.angka(t)}/{fmt.angka(n)})"
            for c, t, n in zip(
                kel["cakupan"],
                kel["keluarga_tercakup"],
                kel["keluarga_miskin_ekstrem"],
                strict=True,
            )
        ]
    )
    overall = kel[(kel["program"] == "Bansos (strategi 1)") & kel["cakupan"].notna()]
    low = overall.sort_values(["cakupan", "keluarga_miskin_ekstrem"], ascending=[True, False])
    title = (
        f"Cakupan bansos terendah di Kel. {low.iloc[0]['kelurahan']} "
        f"({fmt.persen(low.iloc[0]['cakupan'])} keluarga miskin ekstrem tercakup bansos, {PERIODE})"
        if len(low) > 1
        else f"Cakupan per program di {WILAYAH} (% keluarga miskin ekstrem, {PERIODE})"
    )
    fig = cb.coverage_grid(
        kel,
        "program",
        "kelurahan",
        "cakupan",
        "label",
        title,
        x_order=programs,
        y_order=list(dict.fromkeys(kel["kelurahan"])),
    )
    ui.chart(fig, kel.drop(columns="label"), "bantuan_cakupan_kelurahan")
    st.caption(
        "Sel kosong: kelurahan tanpa keluarga miskin ekstrem. Angka dalam kurung: "
        "keluarga tercakup / keluarga miskin ekstrem. " + TERCAKUP
    )


def kombinasi() -> None:
    st.subheader("Tumpang tindih program")
    df = ui.query("bantuan_kombinasi", **AREA)
    tanpa = df.loc[df["kombinasi"] == "Tidak ada", "keluarga"]
    top = df[df["kombinasi"] != "Tidak ada"].head(1)
    parts = []
    if len(top):
        parts.append(
            f"kombinasi terbanyak {top.iloc[0]['kombinasi']} "
            f"({fmt.angka(top.iloc[0]['keluarga'])} keluarga)"
        )
    parts.append(
        f"{fmt.angka(tanpa.iloc[0])} keluarga tanpa program"
        if len(tanpa)
        else "semua menerima minimal satu program"
    )
    title = "Keluarga miskin ekstrem: " + "; ".join(parts) + f" ({PERIODE})"
    df = df.assign(
        label=[
            f"{fmt.angka(k)} keluarga ({fmt.persen(p)})"
            for k, p in zip(df["keluarga"], df["porsi"], strict=True)
        ]
    )
    fig = cb.count_hbar(
        df,
        "keluarga",
        "kombinasi",
        title,
        text="label",
        labels={"keluarga": "Keluarga miskin ekstrem", "kombinasi": ""},
        highlight="Tidak ada",
        muted_prefix="Kombinasi lain",
    )
    ui.chart(fig, df.drop(columns="label"), "bantuan_kombinasi")
    st.caption(
        "Setiap keluarga dihitung sekali, pada kombinasi lengkap program yang diterimanya (semua "
        "strategi; 'Tidak ada' = tidak tercakup program apa pun). " + TERCAKUP
    )


# --- targeting -------------------------------------------------------------------------------


def ketepatan(df: pd.DataFrame) -> None:
    st.subheader("Ketepatan sasaran")
    st.caption(SASARAN)
    kota = df[df["acuan"] == "miskin_ekstrem"]
    if len(kota):
        err = kota.iloc[0]
        st.markdown(
            "**(a) Terhadap daftar miskin ekstrem periode ini** (sasaran kota):\n"
            f"- **Kesalahan eksklusi** = keluarga miskin ekstrem yang tidak menerima program apa "
            f"pun ÷ semua keluarga miskin ekstrem: **{fmt.persen(err['kesalahan_eksklusi'])}** "
            f"({dari(err['keluarga_sasaran_tidak_menerima'], err['keluarga_sasaran'], 'keluarga')}).\n"
            f"- **Kesalahan inklusi** = KPM penerima program apa pun yang tidak ada dalam daftar "
            f"miskin ekstrem ÷ semua KPM penerima: **{fmt.persen(err['kesalahan_inklusi'])}** "
            f"({dari(err['kpm_bukan_sasaran'], err['kpm_penerima'], 'KPM')}). Sebagian besar "
            "program punya syarat sendiri yang lebih luas dari daftar miskin ekstrem, jadi angka "
            "ini bukan kesalahan program itu: lihat (b)."
        )
    else:
        st.markdown(
            f"**(a) Terhadap daftar miskin ekstrem:** daftar {PERIODE} tidak memuat tanda miskin "
            "ekstrem, jadi tidak dihitung."
        )
    per = df[(df["acuan"] == "syarat_program") & (df["kpm_penerima"] > 0)]
    if per.empty:
        ui.download(df, "bantuan_ketepatan_sasaran")
        return
    st.markdown(
        "**(b) Terhadap syarat tiap program** (syarat di `data/reference/program.csv`; sasaran = "
        "keluarga dalam daftar periode ini yang memenuhi syarat itu):"
    )
    worst = per.sort_values("kesalahan_inklusi", ascending=False).iloc[0]
    per = per.assign(
        baris=per["program"] + " (" + per["sasaran"] + ")",
        label=[
            f"{fmt.persen(e)} ({dari(o, k, 'KPM')})"
            for e, o, k in zip(
                per["kesalahan_inklusi"],
                per["kpm_bukan_sasaran"],
                per["kpm_penerima"],
                strict=True,
            )
        ],
    )
    fig = cb.share_hbar(
        per,
        "kesalahan_inklusi",
        "baris",
        f"Kesalahan inklusi terhadap syarat program tertinggi: {worst['program']} "
        f"({fmt.persen(worst['kesalahan_inklusi'])} KPM penerima tidak memenuhi "
        f"{worst['sasaran']}, 12 bulan s.d. {PERIODE})",
        text="label",
        labels={"kesalahan_inklusi": "Kesalahan inklusi (% KPM penerima)", "baris": ""},
    )
    ui.chart(fig, df, "bantuan_ketepatan_sasaran")
    tabel(
        per,
        {
            "program": ("Program", str),
            "sasaran": ("Syarat (sasaran)", str),
            "keluarga_sasaran": ("Keluarga sasaran", fmt.angka),
            "keluarga_sasaran_tidak_menerima": ("Sasaran tidak menerima", fmt.angka),
            "kesalahan_eksklusi": ("Kesalahan eksklusi", fmt.persen),
            "kpm_penerima": ("KPM penerima", fmt.angka),
            "kpm_bukan_sasaran": ("Penerima di luar syarat", fmt.angka),
            "kesalahan_inklusi": ("Kesalahan inklusi", fmt.persen),
        },
    )
    st.caption(
        "Penerima yang hanya tercatat dengan NIK yang tidak cocok dengan kepala keluarga mana pun, "
        "atau tidak ada dalam daftar periode ini, dihitung di luar sasaran. Program tanpa syarat "
        "dalam tabel referensi, atau yang syaratnya memakai kolom yang tidak ada dalam daftar "
        "periode ini (desil, tanda miskin ekstrem, usaha), tidak dinilai di (b). Baris (a) per "
        "program ada di berkas unduhan."
    )


# --- disbursement ----------------------------------------------------------------------------


def penyaluran() -> None:
    st.subheader(f"Penyaluran per sumber dana dan program ({TAHUN_BERJALAN})")
    st.caption(
        f"Jendela angka penyaluran: tahun kalender, 1 Januari sampai akhir periode "
        f"({TAHUN_BERJALAN}). Cakupan dan ketepatan sasaran di atas memakai jendela 12 bulan "
        "sampai akhir periode, jadi BLT yang dibayar Desember tahun lalu masih dihitung di cakupan "
        "tetapi tidak di sini."
    )
    df = ui.query("bantuan_program_dana", **AREA)
    if df.empty:
        ui.empty(f"Belum ada penyaluran bantuan tercatat pada {TAHUN_BERJALAN} di {WILAYAH}.")
        return
    df = df.assign(baris=df["program"] + " · " + df["sumber_dana"])
    paid = df[df["kpm"] > 0].sort_values("rp_per_kpm", ascending=False)
    if len(paid):
        top = paid.iloc[0]
        fig = cb.count_hbar(
            paid.assign(
                label=[
                    f"{fmt.rupiah(r)} ({fmt.angka(k)} KPM)"
                    for r, k in zip(paid["rp_per_kpm"], paid["kpm"], strict=True)
                ]
            ),
            "rp_per_kpm",
            "baris",
            f"Rp per KPM tertinggi: {top['baris']}, {fmt.rupiah(top['rp_per_kpm'])} per KPM "
            f"({TAHUN_BERJALAN})",
            text="label",
            labels={"rp_per_kpm": "Rp per KPM (tersalur)", "baris": ""},
            rupiah=True,
        )
        ui.chart(fig, df.drop(columns="baris"), "bantuan_rp_per_kpm")
    status_penyaluran(df)
    tabel(
        df,
        {
            "sumber_dana": ("Sumber dana", str),
            "program": ("Program", str),
            "kpm": ("KPM", fmt.angka),
            "nilai_tersalur": ("Tersalur (Rp)", fmt.rupiah),
            "rp_per_kpm": ("Rp per KPM", fmt.rupiah),
            "penyaluran": ("Penyaluran", fmt.angka),
            "penyaluran_gagal": ("Gagal", fmt.angka),
            "penyaluran_retur": ("Retur", fmt.angka),
        },
    )
    per_wilayah()


def per_wilayah() -> None:
    """Aid per area booked by the payment's date, with the payments of no known area as a row of
    their own, so that the rows add up to the total."""
    df = ui.query("bantuan_per_wilayah", **AREA)
    st.markdown(f"#### Tersalur per wilayah ({TAHUN_BERJALAN})")
    tabel(
        df,
        {
            "wilayah": ("Wilayah", str),
            "kpm": ("KPM", fmt.angka),
            "penyaluran_tersalur": ("Penyaluran tersalur", fmt.angka),
            "nilai_tersalur": ("Tersalur (Rp)", fmt.rupiah),
        },
    )
    st.caption(
        "Penyaluran dicatat di kelurahan tempat keluarga tinggal pada tanggal salur (daftar "
        "keluarga terakhir yang berlaku pada bulan itu; sebelum daftar pertama: daftar paling "
        "awal yang memuat keluarga itu), jadi keluarga yang pindah tidak mengubah angka wilayah "
        "lamanya. **Wilayah tidak diketahui** = penyaluran yang tidak cocok dengan keluarga di "
        "daftar mana pun (NIK yang bukan NIK kepala keluarga, atau No KK di luar daftar): "
        "angka kota memuatnya, kecamatan mana pun tidak. Baris wilayah menjumlah ke baris total "
        "dalam rupiah; keluarga yang pindah dan menerima di dua wilayah adalah KPM di keduanya "
        "dan sekali di total. Penyaluran yang diekspor ulang di file periode berikutnya dihitung "
        "sekali, dengan status dari file terbaru."
    )
    ui.download(df, "bantuan_per_wilayah")


def status_penyaluran(df: pd.DataFrame) -> None:
    shares = df.rename(
        columns={"porsi_tersalur": "Tersalur", "porsi_gagal": "Gagal", "porsi_retur": "Retur"}
    )
    problem = (shares["Gagal"] + shares["Retur"]).idxmax()
    worst = shares.loc[problem]
    title = (
        f"Gagal atau retur terbanyak: {worst['baris']} ({fmt.persen(worst['Gagal'])} gagal, "
        f"{fmt.persen(worst['Retur'])} retur dari {fmt.angka(worst['penyaluran'])} penyaluran, "
        f"{TAHUN_BERJALAN})"
        if worst["Gagal"] + worst["Retur"] > 0
        else f"Semua penyaluran berstatus tersalur ({TAHUN_BERJALAN})"
    )
    fig = cb.status_bar(shares, "baris", title)
    ui.chart(fig, df.drop(columns="baris"), "bantuan_status_penyaluran")


# --- outcomes --------------------------------------------------------------------------------


def graduasi() -> None:
    st.markdown("#### Keluar dari kemiskinan ekstrem: penerima modal usaha dan pembanding")
    df = ui.query("bantuan_modal_usaha_graduasi", **AREA)
    if df["keluarga_dipantau"].sum() == 0:
        ui.empty(
            f"Belum ada keluarga miskin ekstrem penerima modal usaha atau yang punya usaha "
            f"yang dikunjungi pemantauan sampai {PERIODE} di {WILAYAH} "
            f"({fmt.angka(df['keluarga'].iloc[0])} keluarga penerima, "
            f"{fmt.angka(df['keluarga'].iloc[1])} keluarga pembanding)."
        )
        return
    pen, pem = df.iloc[0], df.iloc[1]
    df = df.assign(
        label=[
            f"{fmt.persen(p)} ({dari(k, d, 'keluarga dipantau')})"
            for p, k, d in zip(
                df["porsi_keluar"], df["keluarga_keluar"], df["keluarga_dipantau"], strict=True
            )
        ]
    )
    title = judul_graduasi(pen, pem)
    fig = cb.share_hbar(
        df,
        "porsi_keluar",
        "kelompok",
        title,
        text="label",
        labels={"porsi_keluar": "Keluar (% keluarga dipantau)", "kelompok": ""},
    )
    ui.chart(fig, df.drop(columns="label"), "bantuan_modal_usaha_graduasi")
    st.caption(
        f"Penerima: keluarga yang pernah miskin ekstrem dalam daftar sampai periode ini dan "
        f"menerima modal usaha (tersalur) — {fmt.angka(pen['keluarga'])} keluarga, "
        f"{fmt.angka(pen['keluarga_dipantau'])} pernah dikunjungi. Pembanding: keluarga miskin "
        f"ekstrem yang punya usaha tetapi belum menerima modal usaha — "
        f"{fmt.angka(pem['keluarga'])} keluarga, {fmt.angka(pem['keluarga_dipantau'])} pernah "
        f"dikunjungi. Keluar = ada kunjungan pemantauan berstatus 'keluar' sampai akhir periode. "
        f"Perbandingan ini deskriptif: penerima dipilih, bukan diacak."
    )


def judul_graduasi(pen, pem) -> str:
    """'31,6% penerima modal usaha keluar dari kemiskinan ekstrem; pembanding 29,8%', or
    which group has not been visited yet."""
    a, b = pen["porsi_keluar"], pem["porsi_keluar"]
    if pd.isna(a):
        text = (
            f"Belum ada penerima modal usaha yang dipantau; {fmt.persen(b)} pembanding "
            "keluar dari kemiskinan ekstrem"
        )
    else:
        text = f"{fmt.persen(a)} penerima modal usaha keluar dari kemiskinan ekstrem; " + (
            "pembanding belum dipantau" if pd.isna(b) else f"pembanding {fmt.persen(b)}"
        )
    return f"{text} (keluarga dipantau, s.d. {PERIODE})"


def pendapatan() -> None:
    st.markdown("#### Pendapatan sebelum dan sesudah modal usaha")
    df = ui.query("bantuan_modal_usaha_pendapatan", **AREA)
    semua = df.iloc[-1] if len(df) else None
    if semua is None or semua["keluarga_berpasangan"] == 0:
        n = 0 if semua is None else semua["keluarga_penerima"]
        ui.empty(
            f"Belum ada penerima modal usaha dengan kunjungan pemantauan sebelum dan sesudah "
            f"bantuan sampai {PERIODE} di {WILAYAH} ({fmt.angka(n)} keluarga penerima)."
        )
        return
    pairs = df[df["keluarga_berpasangan"] > 0]
    long = pairs.melt(
        id_vars=["tahun_terima", "keluarga_berpasangan"],
        value_vars=["median_sebelum", "median_sesudah"],
        var_name="saat",
        value_name="rp",
    )
    long["saat"] = long["saat"].map({"median_sebelum": "Sebelum", "median_sesudah": "Sesudah"})
    long["tahun_terima"] = [
        f"Diterima {t} (n = {fmt.angka(n)})" if t != "Semua" else f"Semua (n = {fmt.angka(n)})"
        for t, n in zip(long["tahun_terima"], long["keluarga_berpasangan"], strict=True)
    ]
    arah = (
        "naik"
        if semua["median_sesudah"] > semua["median_sebelum"]
        else ("turun" if semua["median_sesudah"] < semua["median_sebelum"] else "tetap")
    )
    title = (
        f"Median pendapatan penerima modal usaha {arah} dari {fmt.rupiah(semua['median_sebelum'])} "
        f"menjadi {fmt.rupiah(semua['median_sesudah'])} per bulan "
        f"(n = {fmt.angka(semua['keluarga_berpasangan'])} keluarga, s.d. {PERIODE})"
    )
    fig = cb.grouped_bar(
        long,
        "tahun_terima",
        "rp",
        "saat",
        title,
        rupiah=True,
        labels={"tahun_terima": "", "rp": "Median pendapatan (Rp per bulan)", "saat": ""},
    )
    ui.chart(fig, df, "bantuan_modal_usaha_pendapatan")
    st.caption(
        f"Per keluarga: kunjungan terakhir sebelum modal usaha pertama dibanding kunjungan terakhir "
        f"sesudahnya. n = {fmt.angka(semua['keluarga_berpasangan'])} dari "
        f"{fmt.angka(semua['keluarga_penerima'])} keluarga penerima punya kedua kunjungan itu; "
        f"median perubahan per keluarga {fmt.rupiah(semua['median_perubahan'])}, "
        f"{fmt.persen(semua['porsi_naik'])} keluarga pendapatannya naik."
    )


def kube() -> None:
    st.markdown("#### Kelompok Usaha Bersama (KUBE)")
    df = ui.query("kube_tren", **AREA)
    if df.empty:
        ui.empty(f"Belum ada data KUBE sampai {PERIODE} di {WILAYAH}.")
        return
    last, first = df.iloc[-1], df.iloc[0]
    c1, c2, c3 = st.columns(3)
    ui.kpi(
        c1,
        f"KUBE aktif (dari {fmt.angka(last['kelompok'])} kelompok)",
        fmt.angka(last["kelompok_aktif"]),
        help=f"Periode KUBE {fmt.periode(last['periode'])}.",
    )
    ui.kpi(
        c2,
        "Omzet median per KUBE aktif",
        fmt.rupiah(last["omzet_bulanan_median"]),
        help="Rp per kelompok per bulan, periode KUBE terakhir.",
    )
    ui.kpi(c3, "Keluarga anggota KUBE aktif", fmt.angka(last["keluarga_anggota_aktif"]))
    title = f"{dari(last['kelompok_aktif'], last['kelompok'], 'KUBE')} masih aktif"
    if len(df) > 1 and df["omzet_bulanan_median"].notna().iloc[[0, -1]].all():
        title += (
            f"; omzet median per KUBE aktif {fmt.rupiah(first['omzet_bulanan_median'])} "
            f"({fmt.periode(first['periode'])}) → {fmt.rupiah(last['omzet_bulanan_median'])}"
            f" per bulan ({fmt.periode(last['periode'])})"
        )
    shown = df.assign(periode=df["periode"].map(fmt.periode))
    fig = cb.trend(
        shown,
        "periode",
        "kelompok_aktif",
        "omzet_bulanan_median",
        title,
        "KUBE aktif (kelompok)",
        "Omzet median (Rp per bulan)",
    )
    ui.chart(fig, df, "kube_tren")
    with st.expander("Daftar KUBE"):
        groups = ui.query("kube_kelompok", **AREA)
        tabel(
            groups,
            {
                "nama_kube": ("KUBE", str),
                "kelurahan": ("Kelurahan", str),
                "jenis_usaha": ("Usaha", str),
                "keluarga_anggota": ("Anggota (keluarga)", fmt.angka),
                "aktif": ("Status", lambda a: "Aktif" if a else "Tidak aktif"),
                "omzet_bulanan": ("Omzet (Rp/bulan)", fmt.rupiah),
                "periode_awal": ("Periode awal", fmt.periode),
                "omzet_bulanan_awal": ("Omzet awal (Rp/bulan)", fmt.rupiah),
            },
        )
        ui.download(groups, "kube_kelompok")


# --- page ------------------------------------------------------------------------------------

prog = ui.query("bantuan_cakupan_program", **AREA)
tepat = ui.query("bantuan_ketepatan_sasaran", **AREA)
daftar = ui.query("periode_list")
ADA_DAFTAR = daftar["dataset"].str.contains("keluarga").loc[daftar["periode"] == f["periode"]].any()
if not ADA_DAFTAR:
    ui.empty(
        f"Belum ada daftar keluarga untuk {PERIODE}: cakupan, tumpang tindih program dan "
        "ketepatan sasaran tidak dapat dihitung."
    )
elif tepat.empty:
    ui.empty(
        f"Daftar {PERIODE} tidak memuat tanda miskin ekstrem maupun desil: cakupan, tumpang "
        "tindih program dan ketepatan sasaran tidak dapat dihitung terhadap daftar ini."
    )
elif prog.empty:
    ui.empty(
        f"Tidak ada keluarga miskin ekstrem dalam daftar {PERIODE} di {WILAYAH}: cakupan "
        "dan tumpang tindih program tidak dapat dihitung."
    )
    ketepatan(tepat)
else:
    ringkasan(prog, tepat)
    cakupan_program(prog)
    cakupan_kelurahan(prog["program"].tolist())
    kombinasi()
    ketepatan(tepat)
penyaluran()
st.subheader("Hasil: modal usaha dan KUBE")
graduasi()
pendapatan()
kube()

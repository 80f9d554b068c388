"""Bantuan: which extreme-poor families the programmes reach, how well aid is targeted, what was
paid and what came of modal usaha and KUBE (strategies 1 and 2)."""

import pandas as pd
import streamlit as st

from pantau import fmt, pembeda, stats, ui, wilayah
from pantau.charts import bantuan as cb
from pantau.charts import efek as cb_efek
from pantau.teks import TERCAKUP_MD as TERCAKUP

# The region the data directory serves: its name, jenis ('kota'/'kabupaten') and the word for
# the level below kecamatan ('kelurahan', or 'desa/kelurahan' where the region has desa).
W = wilayah.dari()
KEL, KEL_B = W.label_desa_kecil, W.label_desa

ui.guard("bantuan")

f = st.session_state["filters"]
AREA = {"periode": f["periode"], **ui.area(f)}  # a chosen kab/kota when no kecamatan is
PERIODE = fmt.periode(f["periode"])
WILAYAH = ui.wilayah_label(f)
GRID_MAKS = 60  # rows of the per-unit coverage grid before it asks for a kecamatan
TAHUN_BERJALAN = (
    f"Januari–{PERIODE}" if f["periode"] and not f["periode"].endswith("-01") else PERIODE
)
SASARAN = (
    "**Cara menilai.** Penerima = penyaluran *tersalur* dalam 12 bulan sampai akhir periode, atau "
    "tercatat sebagai peserta dalam daftar periode ini; kepesertaan dihitung di kedua sisi "
    "(keluarga sasaran yang terdaftar dianggap menerima, peserta di luar syarat adalah kesalahan "
    "inklusi). **Kesalahan eksklusi** memakai daftar "
    "periode ini: keluarga yang *sekarang* memenuhi syarat tetapi tidak menerima (yang masih "
    "harus dijangkau). **Kesalahan inklusi** menilai setiap penerima pada **daftar yang berlaku "
    "saat ia dibayar** (daftar DTSEN bertanda miskin ekstrem terakhir pada atau sebelum bulan "
    "pembayaran terakhirnya; peserta terdaftar: daftar periode ini): keluarga yang dibayar saat "
    "masih miskin ekstrem lalu keluar (graduasi) bukan kesalahan inklusi. Penerima yang dulu ada "
    "dalam daftar tetapi **tidak lagi dalam daftar** periode ini (meninggal, pindah, atau keluar "
    "saat verval) dihitung sendiri, bukan sebagai kesalahan inklusi. Pembayaran yang hanya "
    "memakai NIK dicocokkan ke keluarganya lewat NIK kepala keluarga atau NIK anggota (data "
    "individu); yang tidak cocok dengan siapa pun dihitung di luar sasaran."
)

POKOK_PERNAH = "Pemberdayaan (strategi 2), pernah"

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
    ring = prog[prog["tingkat"] == "ringkasan"].set_index("program")
    err = tepat[tepat["acuan"] == "miskin_ekstrem"].iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(c1, "Keluarga miskin ekstrem", fmt.angka(bansos["keluarga_miskin_ekstrem"]))
    ui.kpi(c2, "Cakupan bansos (strategi 1)", fmt.persen(bansos["cakupan"]), help=TERCAKUP)
    # Without enrolment (S2): a PBI-JK card or PKH flag alone is not aid received.
    ui.kpi(
        c3,
        "Bansos dibayar",
        fmt.persen(ring.loc["Bansos dibayar (tanpa kepesertaan)", "cakupan"]),
        help="Tanpa kepesertaan. Keluarga miskin ekstrem dengan penyaluran bansos berstatus "
        "tersalur dalam 12 "
        "bulan sampai akhir periode; kepesertaan di daftar tidak dihitung (kepesertaan bukan "
        "penerimaan).",
    )
    # The city's target: (a) exclusion. (a) inclusion judges every programme against the
    # extreme-poor list, whose rules are wider, so it is no headline (review M3).
    ui.kpi(
        c4,
        "Kesalahan eksklusi (daftar ekstrem)",
        fmt.persen(err["kesalahan_eksklusi"]),
        inverse=True,
        help="Sasaran: daftar miskin ekstrem periode ini. Keluarga miskin ekstrem yang tidak "
        "menerima program apa pun ÷ semua keluarga miskin ekstrem. Kesalahan tiap program "
        "terhadap syaratnya sendiri: lihat Ketepatan sasaran.",
    )


# --- coverage --------------------------------------------------------------------------------


def cakupan_program(prog: pd.DataFrame) -> None:
    st.subheader("Cakupan per program")
    ring = prog[prog["tingkat"] == "ringkasan"].set_index("program")
    title = (
        f"Cakupan bansos {fmt.persen(ring.loc['Bansos (strategi 1)', 'cakupan'])} keluarga "
        f"miskin ekstrem (dibayar, tanpa kepesertaan: "
        f"{fmt.persen(ring.loc['Bansos dibayar (tanpa kepesertaan)', 'cakupan'])}); "
        f"pemberdayaan (strategi 2) "
        f"{fmt.persen(ring.loc['Pemberdayaan (strategi 2)', 'cakupan'])} dalam 12 bulan, "
        f"pernah {fmt.persen(ring.loc['Pemberdayaan (strategi 2), pernah', 'cakupan'])}; "
        f"program apa pun {fmt.persen(ring.loc['Program apa pun', 'cakupan'])}"
    )
    # The window is written beside every number (review S1): under each named figure's name;
    # the per-programme rows share one window, said in the caption.
    df = prog.assign(
        baris=[
            f"{p}<br><sup>{j}</sup>" if t == "ringkasan" else p
            for p, j, t in zip(prog["program"], prog["jendela"], prog["tingkat"], strict=True)
        ],
        label=[
            f"{fmt.persen(c)} ({dari(t, n, 'keluarga')})"
            for c, t, n in zip(
                prog["cakupan"],
                prog["keluarga_tercakup"],
                prog["keluarga_miskin_ekstrem"],
                strict=True,
            )
        ],
    )
    fig = cb.share_hbar(
        df,
        "cakupan",
        "baris",
        f"{title} ({PERIODE})",
        text="label",
        labels={"cakupan": "Cakupan (% keluarga miskin ekstrem)", "baris": ""},
        height=max(300, 44 * len(df) + 140),
    )
    ui.chart(fig, prog, "bantuan_cakupan_program")
    st.caption(
        "Baris per program: 12 bulan sampai akhir periode, atau terdaftar dalam daftar periode "
        "ini. " + TERCAKUP
    )


def _selang_cakupan(lo, hi) -> str:
    if pd.isna(lo) or pd.isna(hi) or isinstance(lo, str) or isinstance(hi, str):
        return "–"
    return f"{fmt.persen(lo)}–{fmt.persen(hi)}"


def cakupan_kelurahan(programs: list[str]) -> None:
    if f["kode_kel"]:  # one kelurahan: the grid would repeat the bars above
        return
    kel = ui.query("bantuan_cakupan_kelurahan", **AREA)
    if kel.empty:
        return
    n_unit = kel["kode_kel"].nunique()
    if n_unit > GRID_MAKS:  # a kabupaten's 328 or a province's 8.494 rows: no one reads that grid
        st.info(
            f"Cakupan per {KEL} per program: {fmt.angka(n_unit)} {KEL} terlalu banyak untuk "
            f"satu tabel; pilih kecamatan di filter untuk melihat {KEL}-nya."
        )
        return
    kecil = kel["dasar_kecil"].map(lambda v: v is True or (isinstance(v, bool) and v))
    kel = kel.assign(
        label=[
            ""
            if pd.isna(c)
            else f"{fmt.persen(c, 0)} ({fmt.angka(t)}/{fmt.angka(n)})" + (" *" if k else "")
            for c, t, n, k in zip(
                kel["cakupan"],
                kel["keluarga_tercakup"],
                kel["keluarga_miskin_ekstrem"],
                kecil,
                strict=True,
            )
        ],
        tip=[
            ""
            if pd.isna(c)
            else f"{fmt.persen(c)} ({fmt.angka(t)} dari {fmt.angka(n)} keluarga), "
            f"selang 95 % {_selang_cakupan(lo, hi)}" + (" · hati-hati: dasar kecil" if k else "")
            for c, t, n, lo, hi, k in zip(
                kel["cakupan"],
                kel["keluarga_tercakup"],
                kel["keluarga_miskin_ekstrem"],
                kel["cakupan_bawah"],
                kel["cakupan_atas"],
                kecil,
                strict=True,
            )
        ],
    )
    # A kabupaten repeats desa names across kecamatan (Tuban: Sugihwaras in Parengan and in
    # Jenu): such a row is named with its kecamatan, so each desa keeps its own grid row.
    nama = kel.drop_duplicates("kode_kel")
    kembar = set(nama.loc[nama["kelurahan"].duplicated(keep=False), "kelurahan"])
    kel = kel.assign(
        baris=[
            f"{n} (Kec. {k})" if n in kembar else n
            for n, k in zip(kel["kelurahan"], kel["kecamatan"], strict=True)
        ]
    )
    # still twice (a province: two kecamatan of one name in two kab/kota): the code tells them apart
    ulang = set(kel.drop_duplicates("kode_kel").loc[lambda d: d["baris"].duplicated(), "baris"])
    kel["baris"] = [
        f"{b} · {c}" if b in ulang else b
        for b, c in zip(kel["baris"], kel["kode_kel"], strict=True)
    ]
    fig = cb.coverage_grid(
        kel,
        "program",
        "baris",
        "cakupan",
        "label",
        pembeda.judul_cakupan_kelurahan(kel, WILAYAH, f["periode"]),
        x_order=programs,
        y_order=list(dict.fromkeys(kel["baris"])),
        hover="tip",
    )
    ui.chart(fig, kel.drop(columns=["label", "tip", "baris"]), "bantuan_cakupan_kelurahan")
    st.caption(
        f"Sel kosong: {KEL} tanpa keluarga miskin ekstrem. Angka dalam kurung: "
        "keluarga tercakup / keluarga miskin ekstrem; selang 95 % (Wilson) saat kursor di atas "
        "sel dan dalam unduhan. Tanda * = hati-hati: dasar kecil (kurang dari 30 keluarga "
        "miskin ekstrem; satu keluarga menggeser angka lebih dari 3 poin). Judul menyebut satu "
        f'{KEL} "terendah" hanya bila selangnya terpisah dari {KEL} lain; bila '
        "tumpang tindih, perbedaannya bisa saja kebetulan. Daftar adalah pencacahan lengkap: "
        "selang bertumpu pada model proses acak. " + TERCAKUP
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


def _kuota(v) -> str:
    return "tidak diketahui" if pd.isna(v) else fmt.angka(v)


def ketepatan(df: pd.DataFrame) -> None:
    st.subheader("Ketepatan sasaran")
    st.markdown(SASARAN)
    kota = df[df["acuan"] == "miskin_ekstrem"]
    if len(kota):
        err = kota.iloc[0]
        st.markdown(
            f"**(a) Terhadap daftar miskin ekstrem periode ini** (sasaran {W.jenis}):\n"
            f"- **Kesalahan eksklusi** = keluarga miskin ekstrem yang tidak menerima program apa "
            f"pun ÷ semua keluarga miskin ekstrem: **{fmt.persen(err['kesalahan_eksklusi'])}** "
            f"({dari(err['keluarga_sasaran_tidak_menerima'], err['keluarga_sasaran'], 'keluarga')}).\n"
            "- Kesalahan inklusi terhadap daftar miskin ekstrem tidak dilaporkan di sini: hampir "
            "semua program punya syarat sendiri yang lebih luas (misalnya desil 1–5), jadi "
            "penerima di luar daftar miskin ekstrem umumnya memang berhak. Kesalahan inklusi "
            "yang bermakna ada di (b); angka (a) per program ada di berkas unduhan."
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
        "keluarga dalam daftar periode ini yang memenuhi syarat itu). Kedua kesalahan per "
        "program, 12 bulan sampai akhir periode:"
    )
    # Both errors of each programme side by side (review S7); long form for grouped bars.
    panjang = pd.concat(
        [
            pd.DataFrame(
                {
                    "baris": per["program"] + " (" + per["sasaran"] + ")",
                    "jenis": jenis,
                    "nilai": pd.to_numeric(per[col], errors="coerce"),
                    "label": [
                        f"{fmt.persen(e)} ({dari(o, k, unit)})"
                        for e, o, k in zip(per[col], per[bagian], per[dasar], strict=True)
                    ],
                }
            )
            for jenis, col, bagian, dasar, unit in (
                (
                    "Kesalahan eksklusi",
                    "kesalahan_eksklusi",
                    "keluarga_sasaran_tidak_menerima",
                    "keluarga_sasaran",
                    "keluarga",
                ),
                (
                    "Kesalahan inklusi",
                    "kesalahan_inklusi",
                    "kpm_bukan_sasaran",
                    "kpm_dinilai",
                    "KPM",
                ),
            )
        ],
        ignore_index=True,
    )
    eks = per.assign(_e=pd.to_numeric(per["kesalahan_eksklusi"], errors="coerce"))
    eks = eks.sort_values("_e", ascending=False, kind="stable")
    if eks["_e"].notna().any():
        top = eks.iloc[0]
        title = (
            f"Kesalahan eksklusi tertinggi: {top['program']} ({fmt.persen(top['kesalahan_eksklusi'])}"
            f" keluarga {top['sasaran']} belum menerima); kesalahan inklusi per program "
            f"{fmt.persen(pd.to_numeric(per['kesalahan_inklusi'], errors='coerce').min())}–"
            f"{fmt.persen(pd.to_numeric(per['kesalahan_inklusi'], errors='coerce').max())} "
            f"(12 bulan s.d. {PERIODE})"
        )
    else:
        title = f"Kesalahan eksklusi dan inklusi per program (12 bulan s.d. {PERIODE})"
    fig = cb.share_hbar(
        panjang,
        "nilai",
        "baris",
        title,
        text="label",
        color="jenis",
        barmode="group",
        labels={"nilai": "Kesalahan (%)", "baris": "", "jenis": ""},
        height=max(300, 60 * len(per) + 140),
    )
    # A 0 % bar has no width to hold its label: short bars carry it outside.
    fig.for_each_trace(
        lambda t: t.update(textposition=["outside" if not (v >= 0.5) else "inside" for v in t.x])
    )
    ui.chart(fig, df, "bantuan_ketepatan_sasaran")
    ui.tabel_teks(
        per.assign(kuota_kpm=per["kuota_kpm"].map(_kuota)),
        "bantuan_ketepatan_sasaran",
        ["program", "sasaran", "kuota_kpm", "keluarga_sasaran", "keluarga_sasaran_tidak_menerima"]
        + ["kesalahan_eksklusi", "kpm_penerima", "kpm_tidak_lagi_dalam_daftar"]
        + ["kpm_bukan_sasaran", "kesalahan_inklusi"],
    )
    st.caption(
        "**Kuota** = target KPM program itu bila diketahui (`data/reference/program.csv`); "
        "'tidak diketahui' = tidak ada angka kuota resmi yang tercatat. Bila kuota lebih kecil "
        "dari jumlah keluarga yang memenuhi syarat, kesalahan eksklusi sebagian besar karena "
        "kuota, bukan salah sasaran. **Tidak lagi dalam daftar** = penerima yang dulu ada dalam "
        "daftar tetapi tidak ada dalam daftar periode ini (meninggal, pindah, atau keluar saat "
        "verval): tidak dihitung sebagai kesalahan inklusi, dan kesalahan inklusi = di luar "
        "syarat ÷ (KPM penerima − tidak lagi dalam daftar). Penerima yang tidak cocok dengan "
        "keluarga di daftar mana pun dihitung di luar syarat. Program tanpa syarat dalam tabel "
        "referensi, atau yang syaratnya memakai kolom yang tidak ada dalam daftar periode ini "
        "(desil, tanda miskin ekstrem, usaha), tidak dinilai di (b)."
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
    ui.tabel_teks(
        df,
        "bantuan_program_dana",
        ["sumber_dana", "program", "kpm", "nilai_tersalur", "rp_per_kpm", "penyaluran"]
        + ["penyaluran_gagal", "penyaluran_retur"],
    )
    per_wilayah()


def per_wilayah() -> None:
    """Aid per area booked by the payment's date, with the payments of no known area as a row of
    their own, so that the rows add up to the total."""
    df = ui.query("bantuan_per_wilayah", **AREA)
    st.markdown(f"#### Tersalur per wilayah ({TAHUN_BERJALAN})")
    ui.tabel_teks(
        df, "bantuan_per_wilayah", ["wilayah", "kpm", "penyaluran_tersalur", "nilai_tersalur"]
    )
    st.caption(
        f"Penyaluran dicatat di {KEL} tempat keluarga tinggal pada tanggal salur (daftar "
        "keluarga terakhir yang berlaku pada bulan itu; sebelum daftar pertama: daftar paling "
        "awal yang memuat keluarga itu), jadi keluarga yang pindah tidak mengubah angka wilayah "
        "lamanya. **Wilayah tidak diketahui** = penyaluran yang tidak cocok dengan keluarga di "
        "daftar mana pun (NIK yang bukan NIK kepala keluarga, atau No KK di luar daftar): "
        f"angka {W.jenis} memuatnya, kecamatan mana pun tidak. Baris wilayah menjumlah ke baris total "
        "dalam rupiah; keluarga yang pindah dan menerima di dua wilayah adalah KPM di keduanya "
        "dan sekali di total. Penyaluran yang diekspor ulang di file periode berikutnya dihitung "
        "sekali, dengan status dari file terbaru."
    )
    ui.download(df, "bantuan_per_wilayah")


def status_penyaluran(df: pd.DataFrame) -> None:
    shares = df.rename(
        columns={"porsi_tersalur": "Tersalur", "porsi_gagal": "Gagal", "porsi_retur": "Retur"}
    )
    # the query ranks the share gagal or retur (a guest's rank: among the shares shown)
    top = shares[pd.to_numeric(shares["peringkat_gagal_retur"], errors="coerce") == 1]
    worst = top.iloc[0] if len(top) else None
    if worst is None:
        title = f"Status penyaluran per program dan sumber dana ({TAHUN_BERJALAN})"
    elif worst["porsi_gagal_retur"] > 0:
        title = (
            f"Gagal atau retur terbanyak: {worst['baris']} ({fmt.persen(worst['Gagal'])} gagal, "
            f"{fmt.persen(worst['Retur'])} retur dari {fmt.angka(worst['penyaluran'])} "
            f"penyaluran, {TAHUN_BERJALAN})"
        )
    else:
        title = f"Semua penyaluran berstatus tersalur ({TAHUN_BERJALAN})"
    fig = cb.status_bar(shares, "baris", title)
    ui.chart(fig, df.drop(columns="baris"), "bantuan_status_penyaluran")


# --- outcomes --------------------------------------------------------------------------------


BUKAN_ACAK = (
    "Bukan uji acak; asosiasi setelah pencocokan, berlaku untuk {penerima} yang miskin ekstrem "
    "saat menerima."
)

SENSOR = (
    "**Aturan sensor.** Keluarga berisiko mulai triwulan pertama sesudah triwulan mulai (k = 1); "
    "keluarga yang sudah tercatat keluar pada triwulan mulai (k = 0) tidak masuk kelompok "
    "berisiko dan tidak dihitung sebagai keluar (tabel kepekaan menunjukkan hasil bila dihitung). "
    "Keluarga berhenti berisiko (disensor) pada triwulan kunjungan berstatus *meninggal* atau "
    "*pindah*, dan sesudah pengamatan terakhirnya (triwulan terakhir dengan kunjungan atau "
    "dengan keluarga itu ada di daftar yang berlaku); pembanding disensor saat ia sendiri mulai "
    "{ikut}."
)

ASUMSI_EFEK = (
    "**Cara membaca.** Setiap {penerima} dibandingkan dengan keluarga miskin ekstrem yang "
    "belum {ikut} pada triwulan yang sama, di {kel} yang sama, dengan desil, jumlah anggota "
    "(1–2, 3–4, 5+), pengeluaran per kapita (< 75 %, 75–100 %, ≥ 100 % garis ekstrem) dan "
    "status punya usaha yang sama menurut daftar yang berlaku saat itu (*coarsened exact "
    "matching*; pembanding diberi bobot agar tiap sel seimbang). **Keluar** = kunjungan "
    "pemantauan berstatus *keluar*. Laju keluar = keluarga keluar per 100 keluarga-triwulan "
    "berisiko; rasio laju = laju penerima ÷ laju pembanding (GLM Poisson dengan efek triwulan), "
    "rasio odds dari regresi logistik waktu-diskret (lebih besar dari rasio laju bila keluar "
    'sering terjadi: jangan dibaca sebagai "sekian kali lebih cepat"). Pendapatan: '
    "selisih-dalam-selisih (OLS berbobot dengan efek sel dan triwulan); setiap keluarga-triwulan "
    "sesudah mulai (k = 1 s.d. 8) berbobot sama, sehingga triwulan yang jauh hanya berasal dari "
    "kohort awal (tabel per kohort di bawah), dan *event study* dengan triwulan −1 sebagai "
    "acuan. Pendapatan nominal, belum disesuaikan inflasi. Semua selang 95 % memakai galat baku "
    "yang dikelompokkan per keluarga. **Asumsi dan batas.** Hasil ini bukan uji acak: angka "
    "hanya dapat dibaca sebagai dampak bila, di dalam sel yang sama, penerima dan pembanding "
    "akan bergerak sejajar tanpa program (titik sebelum mulai pada *event study* mendekati 0 "
    "mendukung, tetapi tidak membuktikan, asumsi ini). Hal yang tidak tercatat di daftar "
    "(semangat usaha, pilihan petugas) dapat membuat penerima berbeda dari pembanding. Status "
    "*keluar* dicatat petugas yang tahu siapa penerima; keluarga yang lebih sering dikunjungi "
    "lebih cepat tercatat keluar (lihat baris *hanya triwulan yang dikunjungi*)."
)


def judul_awal(text: str) -> str:
    """'anggota KUBE' → 'Anggota KUBE' (str.capitalize would lower the rest)."""
    return text[:1].upper() + text[1:]


def _baris(df: pd.DataFrame, jenis: str, kelompok: str | None = None):
    part = df[df["jenis"] == jenis]
    if kelompok:
        part = part[part["kelompok"] == kelompok]
    return part.iloc[0] if len(part) else None


def _selang(row, fn) -> str:
    return f"{fn(row['estimasi'])} (95 %: {fn(row['bawah'])} s.d. {fn(row['atas'])})"


def _rasio(x) -> str:
    return fmt.angka(x, 2)


def _laju(row) -> str:
    return fmt.angka(row["estimasi"], 1) if row is not None else "–"


def cakupan_analisis(sampel_name: str, penerima: str) -> None:
    """M6: how many participants the comparison rests on, and why not the others."""
    sampel = ui.query(sampel_name, **AREA)
    semua = sampel[sampel["kohort"] == "Semua"]
    if semua.empty:
        return
    r = semua.iloc[0]
    # cohorts with no family analysed (KUBE groups formed before any flagged list) say nothing
    per = sampel[(sampel["kohort"] != "Semua") & (sampel["dianalisis"].astype(str) != "0")]
    kohort = "; ".join(
        f"{k}: {fmt.angka(d)} dari {fmt.angka(n)}"
        for k, d, n in zip(per["kohort"], per["dianalisis"], per["penerima"], strict=True)
    )
    st.markdown(
        f"**Dianalisis {fmt.angka(r['dianalisis'])} dari {fmt.angka(r['penerima'])} "
        f"{penerima}** sampai {PERIODE}. Tidak dianalisis: {fmt.angka(r['tidak_ekstrem'])} "
        "tidak miskin ekstrem pada daftar saat mulai (atau belum ada daftar bertanda saat itu), "
        f"{fmt.angka(r['tanpa_pembanding'])} miskin ekstrem tetapi tanpa pembanding yang "
        "sebanding di selnya."
        + (f" Per kohort (dianalisis dari penerima): {kohort}." if kohort else "")
    )


def kepekaan(df: pd.DataFrame) -> None:
    """M5/S10: the exit comparison re-estimated under each choice it rests on."""
    part = df[df["jenis"] == "kepekaan"]
    if part.empty:
        return
    rows = []
    for ukuran, g in part.groupby("ukuran", sort=False):
        by = g.set_index("kelompok")
        rr, orr = by.loc["rasio_laju"], by.loc["rasio_odds"]
        rows.append(
            {
                "Pilihan": ukuran,
                "Laju penerima": fmt.angka(by.loc["penerima", "estimasi"], 1),
                "Laju pembanding": fmt.angka(by.loc["pembanding", "estimasi"], 1),
                "Rasio laju (95 %)": _selang(rr, _rasio),
                "Rasio odds": _rasio(orr["estimasi"]),
                "Keluarga-triwulan berisiko": fmt.angka(rr["baris"]),
            }
        )
    st.markdown(
        "**Kepekaan hasil keluar terhadap aturan yang dipilih** (laju per 100 "
        "keluarga-triwulan berisiko)"
    )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def sensitivitas_daftar(df: pd.DataFrame, penerima: str, n1, n0) -> None:
    """N7: beside the main result, the exit counted by the flagged list instead of a visit
    (stats.VARIAN 'daftar'), with its n and interval."""
    part = df[(df["jenis"] == "kepekaan") & (df["ukuran"] == stats.LABEL_DAFTAR)]
    if part.empty:
        return
    by = part.set_index("kelompok")
    rr = by.loc["rasio_laju"]
    if pd.isna(pd.to_numeric(rr["estimasi"], errors="coerce")):
        rasio = "rasio laju belum dapat diperkirakan (terlalu sedikit kejadian keluar)"
    else:
        rasio = f"rasio laju {_selang(rr, _rasio)}"
    st.markdown(
        '**Sensitivitas: keluar menurut daftar.** Bila "keluar" dihitung dari daftar (tanda '
        "miskin ekstrem dicabut pada daftar bertanda yang berlaku), bukan dari kunjungan "
        f"pemantauan: {fmt.angka(by.loc['penerima', 'estimasi'], 1)} per 100 "
        f"keluarga-triwulan berisiko pada {penerima}, "
        f"{fmt.angka(by.loc['pembanding', 'estimasi'], 1)} pada pembanding; {rasio}; dari "
        f"{fmt.angka(rr['baris'])} keluarga-triwulan berisiko ({fmt.angka(n1)} {penerima}, "
        f"{fmt.angka(n0)} pembanding). Kunjungan lebih sering pada {penerima}; bila kedua "
        "ukuran berbeda jauh, sebagian selisih laju bisa berasal dari pencatatan, bukan dari "
        "program (jumlah tanda yang dicabut tanpa kunjungan 'keluar': halaman Data)."
    )


def efek(name: str, sampel_name: str, penerima: str, ikut: str, kunci: str) -> None:
    """Exits (rates, rate ratio, Kaplan–Meier) and income (difference in differences, event
    study) of one strategy-2 programme against matched non-participants
    (stats.efek_modal_usaha), with how many participants it covers."""
    cakupan_analisis(sampel_name, penerima)
    df = ui.query(name, **AREA)
    hazard = _baris(df, "hazard")
    if hazard is None:
        ui.empty(
            f"Belum ada {penerima} yang tercatat miskin ekstrem pada daftar saat mulai dan punya "
            f"pembanding yang sebanding sampai {PERIODE} di {WILAYAH}: dampaknya belum dapat "
            "diperkirakan."
        )
        return
    n1, n0 = hazard["keluarga_penerima"], hazard["keluarga_pembanding"]
    if hazard["baris"] == 0:
        ui.empty(
            f"{fmt.angka(n1)} {penerima} dan {fmt.angka(n0)} pembanding yang cocok, tetapi belum "
            f"ada triwulan sesudah mulai program yang teramati sampai {PERIODE} di {WILAYAH}: "
            "dampaknya belum dapat diperkirakan."
        )
        return
    st.info(BUKAN_ACAK.format(penerima=penerima))
    l1, l0 = _baris(df, "laju", "penerima"), _baris(df, "laju", "pembanding")
    rr = _baris(df, "rasio_laju")
    c1, c2, c3, c4 = st.columns(4)
    ui.kpi(
        c1,
        "Keluarga dibandingkan",
        f"{fmt.angka(n1)} : {fmt.angka(n0)}",
        help=f"{judul_awal(penerima)} : pembanding yang cocok.",
    )
    ui.kpi(
        c2,
        "Keluar per 100 keluarga-triwulan",
        f"{_laju(l1)} : {_laju(l0)}",
        help=f"{judul_awal(penerima)} : pembanding, per triwulan berisiko (berbobot).",
    )
    ui.kpi(
        c3,
        "Rasio laju keluar",
        _rasio(rr["estimasi"]),
        help=f"95 %: {_rasio(rr['bawah'])} s.d. {_rasio(rr['atas'])}; 1 = sama. Rasio odds "
        f"{_selang(hazard, _rasio)}.",
    )
    did = _baris(df, "did")
    ui.kpi(
        c4,
        "Selisih perubahan pendapatan",
        fmt.rupiah(did["estimasi"]),
        help=f"Rp per keluarga per bulan; 95 %: {fmt.rupiah(did['bawah'])} s.d. "
        f"{fmt.rupiah(did['atas'])}.",
    )
    nama = {
        "penerima": f"{judul_awal(penerima)} (n = {fmt.angka(n1)})",
        "pembanding": f"Pembanding cocok (n = {fmt.angka(n0)})",
    }
    if pd.isna(pd.to_numeric(rr["estimasi"], errors="coerce")):
        arah = "belum cukup kejadian keluar untuk model"
    else:
        lo, hi = rr["bawah"], rr["atas"]
        arah = (
            f"keluar {_laju(l1)} per 100 keluarga-triwulan, pembanding {_laju(l0)} (rasio laju "
            f"{_rasio(rr['estimasi'])}; 95 %: {_rasio(lo)}–{_rasio(hi)}"
            + ("; belum terbukti berbeda)" if lo <= 1 <= hi else ")")
        )
    title = f"{judul_awal(penerima)}: {arah}, s.d. {PERIODE}"
    ui.chart(cb_efek.kaplan_meier(df, title, nama), df[df["jenis"] == "km"], f"{kunci}_km")
    v1, v0 = _baris(df, "kunjungan", "penerima"), _baris(df, "kunjungan", "pembanding")
    st.caption(
        f"Laju keluar: {_laju(l1)} per 100 keluarga-triwulan berisiko pada {penerima}, "
        f"{_laju(l0)} pada pembanding (berbobot), dari {fmt.angka(rr['baris'])} "
        f"keluarga-triwulan berisiko. Rasio laju {_selang(rr, _rasio)}; rasio odds "
        f"{_selang(hazard, _rasio)}. Triwulan berisiko yang dikunjungi petugas: {_laju(v1)} % "
        f"pada {penerima}, {_laju(v0)} % pada pembanding. Pita = selang 95 % Kaplan–Meier."
    )
    sensitivitas_daftar(df, penerima, n1, n0)
    st.markdown(SENSOR.format(ikut=ikut))
    kepekaan(df)
    if pd.isna(pd.to_numeric(did["estimasi"], errors="coerce")):
        ui.empty("Belum ada pasangan kunjungan sebelum dan sesudah untuk membandingkan pendapatan.")
    else:
        naik = "naik" if did["estimasi"] > 0 else "turun"
        title = (
            f"Sesudah mulai, pendapatan {penerima} berubah {fmt.rupiah(did['estimasi'])} per "
            f"bulan dibanding perubahan pembanding pada triwulan yang sama (95 %: "
            f"{fmt.rupiah(did['bawah'])} s.d. {fmt.rupiah(did['atas'])})"
        )
        ui.chart(cb_efek.event_study(df, title), df[df["jenis"] == "event"], f"{kunci}_event")
        kapita = _baris(df, "did_kapita")
        st.caption(
            f"Selisih-dalam-selisih dari {fmt.angka(did['baris'])} kunjungan berpendapatan "
            f"({fmt.angka(n1)} {penerima}, {fmt.angka(n0)} pembanding): pendapatan keluarga "
            f"{naik}; per jiwa {_selang(kapita, fmt.rupiah)} per bulan. Titik abu-abu = "
            "triwulan sebelum mulai: bila jauh dari 0, kedua kelompok sudah berbeda arah "
            "sebelum program dan selisih sesudahnya tidak dapat dibaca sebagai dampak."
        )
        per = df[df["jenis"] == "did_kohort"]
        if len(per) > 1:
            tabel(
                per,
                {
                    "kelompok": ("Kohort (triwulan mulai)", str),
                    "estimasi": ("Selisih pendapatan (Rp/bulan)", fmt.rupiah),
                    "bawah": ("95 % bawah", fmt.rupiah),
                    "atas": ("95 % atas", fmt.rupiah),
                    "keluarga_penerima": (judul_awal(penerima), fmt.angka),
                    "keluarga_pembanding": ("Pembanding", fmt.angka),
                },
            )
    st.markdown(ASUMSI_EFEK.format(penerima=penerima, ikut=ikut, kel=KEL))


def modal_usaha() -> None:
    st.markdown("#### Modal usaha: keluar dari kemiskinan ekstrem dan pendapatan")
    efek(
        "bantuan_modal_usaha_efek",
        "bantuan_modal_usaha_sampel",
        "penerima modal usaha",
        "menerima modal usaha",
        "modal",
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
    st.markdown("##### Anggota KUBE dibanding keluarga sebanding yang bukan anggota")
    efek("kube_efek", "kube_sampel", "anggota KUBE", "menjadi anggota KUBE", "kube")
    st.caption(
        "Mulai keanggotaan = tanggal bentuk KUBE pada ekspor KUBE pertama yang memuat keluarga "
        "itu (ekspor KUBE hanya setahun sekali, sehingga anggota yang bergabung belakangan "
        "dianggap ikut sejak KUBE dibentuk)."
    )
    with st.expander("Daftar KUBE"):
        groups = ui.query("kube_kelompok", **AREA)
        ui.tabel_teks(
            groups.assign(aktif=groups["aktif"].map(lambda a: "Aktif" if a else "Tidak aktif")),
            "kube_kelompok",
            ["nama_kube", "kelurahan", "jenis_usaha", "keluarga_anggota", "aktif"]
            + ["omzet_bulanan", "periode_awal", "omzet_bulanan_awal"],
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
    # The grid keeps the three main figures and the programmes (its columns are narrow); the
    # paid-only and 'pernah' figures are in its download and in the bars above.
    cakupan_kelurahan(
        [
            p
            for p in prog["program"]
            if p not in ("Bansos dibayar (tanpa kepesertaan)", POKOK_PERNAH)
        ]
    )
    kombinasi()
    ketepatan(tepat)
penyaluran()
st.subheader("Hasil: modal usaha dan KUBE")
modal_usaha()
kube()

"""Data: operators load each period's exports, see what was rejected and why, and roll back;
they see the field verification's progress (the lists sent out, counts per kelurahan)."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from pantau import (
    audit,
    cek_keluar,
    fmt,
    operations,
    privacy,
    ui,
    ui_daftar,
    verval_lapangan,
    wilayah,
)
from pantau.contract import DATASETS
from pantau.errors import PantauError

ui.guard("data")

st.title("Data")

# --- upload -----------------------------------------------------------------------------------
# Streamlit 1.67's file_uploader has no option for its own words ("Upload", "Drag and drop
# files here", "1GB per file"): they are drawn by its frontend. The style below hides them
# and puts Indonesian words in their place; the limit is the server's maxUploadSize.
st.html(
    """<style>
[data-testid="stFileUploaderDropzone"] button { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button * { display: none; }
[data-testid="stFileUploaderDropzone"] button::after { content: "Pilih file"; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span * { display: none; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "atau seret file ke sini · paling besar 1 GB per file · CSV, XLSX, XLS, ODS, TXT";
  font-size: 0.875rem;
}
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) span { font-size: 0; }
[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) span::after {
  content: "Lepaskan file di sini"; font-size: 1rem;
}
</style>"""
)
st.subheader("Impor ekspor periode baru")
with st.form("impor", clear_on_submit=False):
    c1, c2 = st.columns(2)
    jenis = c1.selectbox(
        "Jenis data",
        list(DATASETS),
        key="imp_jenis",
        format_func=lambda d: f"{d} — {DATASETS[d].title}",
    )
    today = dt.date.today()
    periode = c2.text_input(
        "Periode (YYYY-MM)", value=f"{today.year}-{today.month:02d}", key="imp_periode"
    )
    files = st.file_uploader(
        "File CSV, XLSX atau ODS",
        type=["csv", "xlsx", "xls", "ods", "txt"],
        accept_multiple_files=True,
        key="imp_files",
        help="Seret file ke kotak ini atau klik Pilih file. Boleh beberapa file sekaligus.",
    )
    go = st.form_submit_button("Impor", type="primary")

if go:
    if not files:
        st.error("Pilih paling sedikit satu file untuk diimpor.")
    else:
        bar = st.progress(0.0, text="Menyiapkan …")
        steps = iter([0.2, 0.6, 0.9])
        try:
            # In a child process: an upload that exhausts memory takes only that process down.
            result = operations.import_uploads(
                [(up.name, up.getvalue()) for up in files],
                jenis,
                periode.strip(),
                ui.data_dir(),
                ui.user(),
                progress=lambda m: bar.progress(next(steps, 0.95), text=m),
            )
        except PantauError as err:
            bar.empty()
            st.error(f"{err} Data yang sudah dimuat tidak berubah.")
        else:
            bar.progress(1.0, text="Selesai")
            st.session_state["last_import"] = result

if summary := st.session_state.get("last_import"):
    st.success(
        f"Batch {summary['batch']} ({summary['jenis']}, {fmt.periode(summary['periode'])}): "
        f"{fmt.angka(summary['read'])} baris dibaca, {fmt.angka(summary['accepted'])} diterima, "
        f"{fmt.angka(summary['rejected'])} ditolak."
    )
    if summary.get("shrunk"):
        prev = summary["previous"]
        st.warning(
            f"Batch baru ini hanya {fmt.angka(summary['accepted'])} baris, kurang dari separuh "
            f"batch sebelumnya ({fmt.angka(prev['rows'])} baris, batch {prev['batch']}). Bila "
            "file ini keliru, kembalikan batch sebelumnya dengan tombol **Kembalikan** di bagian "
            "Kembalikan batch sebelumnya di bawah, atau dari server: "
            f"`{operations.rollback_command(summary['jenis'], summary['periode'])}`."
        )
    if summary["reasons"]:
        st.markdown("**Alasan penolakan**")
        st.dataframe(
            pd.DataFrame(summary["reasons"].items(), columns=["Alasan", "Baris"]), hide_index=True
        )
    if summary["jenis"] == "verval" and summary["rejected"]:
        # The field officer fixes the rows by sheet and row (pantau/verval_lapangan.py).
        from pantau.verval_lapangan import baris_ditolak

        rejected = operations.import_notes(ui.data_dir(), summary["batch"])
        lines = baris_ditolak(None if rejected is None else privacy.notes(ui.role(), rejected))
        if lines:
            st.markdown("**Baris yang ditolak**\n\n" + "\n".join(f"- {x}" for x in lines))
    if summary["warnings"]:
        st.markdown("**Peringatan** (baris tetap diterima)")
        st.dataframe(
            pd.DataFrame(summary["warnings"].items(), columns=["Peringatan", "Baris"]),
            hide_index=True,
        )
    notes = operations.import_notes(ui.data_dir(), summary["batch"])
    if notes is not None and len(notes):
        ui.download(
            privacy.notes(ui.role(), notes),
            f"catatan_{summary['batch']}",
            "Unduh baris yang ditolak dan peringatan",
        )

# --- field verification's progress ----------------------------------------------------------
# The operator imports the filled-in verval workbooks here but cannot open Daftar sasaran: the
# progress of the lists sent out, counts per kelurahan only (verval_progres through the policy).
# Without a list sent there is nothing to count: no need to build the query engine.
st.subheader("Kemajuan verifikasi lapangan")
if operations.has_current_batch(ui.data_dir(), verval_lapangan.REGISTER):
    progres = ui_daftar.progres(None)
    if not progres.empty:
        # A verval import under a later period would make that period the dashboard's latest,
        # whose keluarga list is empty (README, Verifikasi lapangan).
        st.caption(
            "Impor berkas verval yang sudah diisi dengan periode daftar yang dikirim: "
            f"**{progres['periode'].iloc[0]}**."
        )
else:
    st.caption(
        "Belum ada berkas verval lapangan yang dikirim (dibuat di Daftar sasaran atau Simulasi "
        "anggaran oleh Kepala Dinas atau perencana)."
    )

# --- batch history ----------------------------------------------------------------------------
st.subheader("Riwayat batch")
st.caption("Terbaru di atas; waktu impor dalam WIB.")
status = operations.lake_status(ui.data_dir())
# Newest first: by import time, and within one second by the order the lake appended them.
history = sorted(
    (
        (b["imported_at"], i, name, periode, e, b)
        for name, periods in status["datasets"].items()
        for periode, e in periods.items()
        for i, b in enumerate(e["batches"])
    ),
    key=lambda r: (r[0], r[1]),
    reverse=True,
)
rows = [
    {
        "Diimpor (WIB)": fmt.waktu(b["imported_at"]),
        "Jenis": name,
        "Periode": fmt.periode(periode),
        "Batch": b["batch"],
        "Aktif": b["batch"] == e["current"],
        "Baris diterima": fmt.angka(b["rows"]),
        "Ditolak": fmt.angka(b["rejected"]),
        "File": ", ".join(b["sources"]),
    }
    for _, _, name, periode, e, b in history
]
if not rows:
    ui.empty("Belum ada data yang dimuat.")
else:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown(
        "**Kembalikan batch sebelumnya** — jadikan aktif lagi batch yang aktif sebelum impor "
        "atau pengembalian terakhir. Tidak ada data yang dihapus: batch lain tetap tersimpan."
    )
    r1, r2 = st.columns(2)
    rb_jenis = r1.selectbox(
        "Jenis", [n for n, p in status["datasets"].items() if p], key="rb_jenis"
    )
    rb_periode = r2.selectbox(
        "Periode", list(status["datasets"][rb_jenis]), key="rb_periode", format_func=fmt.periode
    )
    target = status["datasets"][rb_jenis][rb_periode].get("previous")
    st.caption(
        f"Kembalikan mengaktifkan lagi batch {target}."
        if target
        else "Tidak ada batch sebelumnya untuk dikembalikan."
    )
    # Two steps: a tick that names what will happen, then the button. A fresh key after each
    # rollback, so the next one is confirmed again.
    yakin = bool(target) and st.checkbox(
        f"Saya yakin: {rb_jenis} {fmt.periode(rb_periode)} kembali ke batch {target}.",
        key=f"rb_yakin_{st.session_state.get('rb_nomor', 0)}",
    )
    # The button stays live without the tick and then only says so: the server, not the
    # browser's disabled state, is what keeps an unconfirmed click from changing anything.
    if st.button("Kembalikan", key="rb_go", disabled=not target):
        if not yakin:
            st.warning("Centang **Saya yakin** dulu; belum ada yang berubah.")
        else:
            try:
                result = operations.rollback_audited(rb_jenis, rb_periode, ui.data_dir(), ui.user())
            except PantauError as err:
                st.error(str(err))
            else:
                # Run the page again so the table and the caption above show the new state.
                st.session_state["rb_done"] = (
                    f"{rb_jenis} {fmt.periode(rb_periode)}: batch {result['current']} aktif lagi."
                )
                st.session_state["rb_nomor"] = st.session_state.get("rb_nomor", 0) + 1
                st.rerun()
    if done := st.session_state.pop("rb_done", None):
        st.success(done)

# --- audit log (kepala) -----------------------------------------------------------------------
AKSI = {
    "login_berhasil": "Masuk",
    "login_gagal": "Gagal masuk",
    "logout": "Keluar",
    "impor": "Impor",
    "impor_gagal": "Impor gagal",
    "rollback": "Kembalikan batch",
    "lihat_daftar": "Lihat daftar nama",
    "ekspor": "Unduh berkas",
}
KATA = {  # detail keys in words, for details this page does not know by name
    "jenis": "jenis",
    "dataset": "jenis",
    "periode": "periode",
    "batch": "batch",
    "current": "batch aktif",
    "peran": "peran",
    "berkas": "berkas",
    "baris": "baris",
    "daftar": "daftar",
    "filter": "saringan",
    "samaran": "identitas disamarkan",
    "alasan": "alasan",
    "diterima": "diterima",
    "ditolak": "ditolak",
}


def _nilai(key: str, v) -> str:
    if isinstance(v, bool):
        return "ya" if v else "tidak"
    if isinstance(v, int | float):
        return fmt.angka(v)
    if key == "periode" and isinstance(v, str):
        return fmt.periode(v)
    if isinstance(v, dict):
        return ", ".join(f"{k} {_nilai(k, x)}" for k, x in v.items()) or "tanpa saringan"
    if isinstance(v, list):
        return ", ".join(str(x) for x in v)
    return str(v)


def rincian(aksi: str, r: dict) -> str:
    """An audit line's details in words: 'keluarga Juni 2024, 3 file, batch …: 1.234 baris
    diterima, 5 ditolak' rather than its JSON."""
    if not isinstance(r, dict):
        return str(r)
    r = dict(r)
    jenis = r.pop("jenis", None) or r.pop("dataset", None)
    where = " ".join(x for x in (jenis, fmt.periode(r.pop("periode", None))) if x and x != "–")
    parts = []
    files = r.pop("files", None)
    if aksi in ("impor", "impor_gagal"):
        head = where + (f", {len(files)} file" if files is not None else "")
        if "batch" in r:
            head += f", batch {r.pop('batch')}"
        parts.append(head)
        if "diterima" in r:
            parts.append(
                f"{fmt.angka(r.pop('diterima'))} baris diterima, "
                f"{fmt.angka(r.pop('ditolak', 0))} ditolak"
            )
        if "alasan" in r:
            parts.append(str(r.pop("alasan")))
    elif aksi == "rollback":
        parts.append(f"{where}: batch {r.pop('current', '?')} aktif lagi")
    else:
        if where:
            parts.append(where)
        if "berkas" in r:
            parts.append(str(r.pop("berkas")))
        if "daftar" in r:  # a query name: daftar_sasaran → daftar sasaran
            parts.append(str(r.pop("daftar")).replace("_", " "))
        if "baris" in r:
            parts.append(f"{fmt.angka(r.pop('baris'))} baris")
    parts += [f"{KATA.get(k, k.replace('_', ' '))} {_nilai(k, v)}" for k, v in r.items()]
    return "; ".join(p for p in parts if p)


# The log names who saw which named list, so it is for those who may see named lists (the
# policy's answer; the page guard already keeps this page to kepala and operator).
if privacy.sees_named_lists(ui.role()):
    st.subheader("Log audit")
    st.caption("Terbaru di atas; waktu dalam WIB. Unduhan CSV memuat baris aslinya.")
    log = audit.read(ui.data_dir())
    shown = pd.DataFrame(
        {
            "Waktu (WIB)": log["waktu"].map(fmt.waktu),
            "Pengguna": log["pengguna"],
            "Aksi": log["aksi"].map(lambda a: AKSI.get(a, a)),
            "Rincian": [
                rincian(a, json.loads(r)) for a, r in zip(log["aksi"], log["rincian"], strict=True)
            ],
        }
    )
    # The table has no export control (client.disableDataExport): a typed user name is in it.
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=320,
        column_config={"Aksi": st.column_config.TextColumn(width="medium")},
    )
    st.download_button(
        "Unduh log audit (CSV)",
        audit.csv_on_click(ui.data_dir(), ui.user(), ui.role(), st.session_state.to_dict()),
        file_name="log_audit.csv",
        mime="text/csv",
        key="dl_audit",
        on_click="ignore",
    )

# --- payments that match no listed family -----------------------------------------------------
st.subheader("Penyaluran tanpa keluarga di daftar")
# Without a penyaluran batch there is nothing to match: no need to build the query engine.
tanpa = ui.query("penyaluran_tanpa_keluarga") if status["datasets"]["penyaluran"] else None
if tanpa is None:
    st.caption("Belum ada data penyaluran yang dimuat.")
elif tanpa.empty:
    st.caption("Setiap penyaluran cocok dengan keluarga di salah satu daftar keluarga.")
else:
    semua, rincian = tanpa.iloc[-1], tanpa.iloc[:-1]
    st.markdown(
        f"**{fmt.angka(semua['penyaluran'])} penyaluran** "
        f"({fmt.rupiah(semua['nilai_tersalur'])} tersalur kepada {fmt.angka(semua['kpm'])} KPM) "
        "tidak cocok dengan keluarga di "
        "daftar mana pun: hanya NIK yang bukan NIK kepala keluarga (NIK anggota, atau orang di "
        f"luar daftar), atau No KK yang tidak ada di daftar. Angka {wilayah.dari().jenis} "
        f"memuatnya; di rincian per kecamatan dan {wilayah.dari().label_desa_kecil} ia tampil sebagai baris **Wilayah tidak diketahui**. "
        "Penyaluran yang diekspor ulang di file periode berikutnya dihitung sekali."
    )
    ui.tabel_teks(
        rincian,
        "penyaluran_tanpa_keluarga",
        ["periode_ekspor", "program", "alasan", "penyaluran", "penyaluran_tersalur"]
        + ["nilai_tersalur", "kpm"],
    )
    ui.download(tanpa, "penyaluran_tanpa_keluarga")

# --- exits the monitoring visits do not record (BPS re-review N7) ------------------------------
st.subheader("Tanda miskin ekstrem dicabut tanpa kunjungan 'keluar'")
if status["datasets"]["keluarga"]:
    cek = ui.query("keluar_tanpa_kunjungan")
    st.markdown(cek_keluar.kalimat(cek))
    if not cek.empty:
        st.dataframe(cek_keluar.tabel(cek), hide_index=True, width="stretch")
        ui.download(cek, "keluar_tanpa_kunjungan")
else:
    st.caption("Belum ada daftar keluarga yang dimuat.")

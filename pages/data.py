"""Data: operators load each period's exports, see what was rejected and why, and roll back."""

import datetime as dt

import pandas as pd
import streamlit as st

from pantau import audit, fmt, operations, privacy, ui
from pantau.contract import DATASETS
from pantau.errors import PantauError
from pantau.ingest import notes_table, rollback_command
from pantau.lake import Lake

ui.guard("data")

st.title("Data")
lake = Lake(ui.data_dir())

# --- upload -----------------------------------------------------------------------------------
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
            "file ini keliru, kembalikan batch sebelumnya dengan tombol **Rollback** di bagian "
            "Kembalikan (rollback) di bawah, atau dari server: "
            f"`{rollback_command(summary['jenis'], summary['periode'])}`."
        )
    if summary["reasons"]:
        st.markdown("**Alasan penolakan**")
        st.dataframe(
            pd.DataFrame(summary["reasons"].items(), columns=["Alasan", "Baris"]), hide_index=True
        )
    if summary["warnings"]:
        st.markdown("**Peringatan** (baris tetap diterima)")
        st.dataframe(
            pd.DataFrame(summary["warnings"].items(), columns=["Peringatan", "Baris"]),
            hide_index=True,
        )
    notes = notes_table(ui.data_dir(), summary["batch"])
    if notes is not None and len(notes):
        ui.download(
            privacy.notes(ui.role(), notes),
            f"catatan_{summary['batch']}",
            "Unduh baris yang ditolak dan peringatan",
        )

# --- batch history ----------------------------------------------------------------------------
st.subheader("Riwayat batch")
status = lake.status()
rows = [
    {
        "Jenis": name,
        "Periode": periode,
        "Batch": b["batch"],
        "Aktif": b["batch"] == e["current"],
        "Baris diterima": fmt.angka(b["rows"]),
        "Ditolak": fmt.angka(b["rejected"]),
        "Diimpor": b["imported_at"],
        "File": ", ".join(b["sources"]),
    }
    for name, periods in status["datasets"].items()
    for periode, e in periods.items()
    for b in e["batches"]
]
if not rows:
    ui.empty("Belum ada data yang dimuat.")
else:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    st.markdown(
        "**Kembalikan (rollback)** — jadikan aktif lagi batch yang aktif sebelum impor atau "
        "rollback terakhir."
    )
    r1, r2, r3 = st.columns([2, 2, 1])
    rb_jenis = r1.selectbox(
        "Jenis", [n for n, p in status["datasets"].items() if p], key="rb_jenis"
    )
    rb_periode = r2.selectbox("Periode", list(status["datasets"][rb_jenis]), key="rb_periode")
    target = status["datasets"][rb_jenis][rb_periode].get("previous")
    st.caption(
        f"Rollback mengaktifkan lagi batch {target}."
        if target
        else "Tidak ada batch sebelumnya untuk dikembalikan."
    )
    if r3.button("Rollback", key="rb_go"):
        try:
            result = operations.rollback_audited(rb_jenis, rb_periode, ui.data_dir(), ui.user())
        except PantauError as err:
            st.error(str(err))
        else:
            # Run the page again so the table and the caption above show the new state.
            st.session_state["rb_done"] = (
                f"{rb_jenis} {fmt.periode(rb_periode)}: batch {result['current']} aktif lagi."
            )
            st.rerun()
    if done := st.session_state.pop("rb_done", None):
        st.success(done)

# --- audit log (kepala) -----------------------------------------------------------------------
# The log names who saw which named list, so it is for those who may see named lists (the
# policy's answer; the page guard already keeps this page to kepala and operator).
if privacy.sees_named_lists(ui.role()):
    st.subheader("Log audit")
    log = audit.read(ui.data_dir())
    # The table has no export control (client.disableDataExport): a typed user name is in it.
    st.dataframe(log, hide_index=True, width="stretch", height=320)
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
        "luar daftar), atau No KK yang tidak ada di daftar. Angka kota memuatnya; di rincian "
        "per kecamatan dan kelurahan ia tampil sebagai baris **Wilayah tidak diketahui**. "
        "Penyaluran yang diekspor ulang di file periode berikutnya dihitung sekali."
    )
    st.dataframe(
        pd.DataFrame(
            {
                "Periode ekspor": rincian["periode_ekspor"].map(fmt.periode),
                "Program": rincian["program"],
                "Alasan": rincian["alasan"],
                "Penyaluran": rincian["penyaluran"].map(fmt.angka),
                "Tersalur": rincian["penyaluran_tersalur"].map(fmt.angka),
                "Tersalur (Rp)": rincian["nilai_tersalur"].map(fmt.rupiah),
                "KPM": rincian["kpm"].map(fmt.angka),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    ui.download(tanpa, "penyaluran_tanpa_keluarga")

"""Streamlit controls of the Daftar SK and the quarterly report, shared by pages/daftar_sk.py and
pages/paparan.py (a Streamlit helper like `ui`: the files are built on a click, through the
audited door `audit.on_click`, from `sk` and `laporan_triwulan`)."""

from __future__ import annotations

import streamlit as st

from pantau import audit, export, laporan_triwulan, privacy, sk, ui
from pantau.lake import Lake

MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LABEL_LAPORAN = {"docx": "Word (DOCX)", "pdf": "PDF", "xlsx": "Excel"}


def tombol_laporan_triwulan(periode: str | None, key: str, container=None) -> None:
    """A 'Laporan triwulan' popover with the DOCX, PDF and XLSX of quarter `periode` for the
    signed-in role (Inpres 4/2022: to the Mendagri, copied to the Menko PMK)."""
    where = container if container is not None else st
    box = where.popover("Laporan triwulan", width="stretch")
    # The official aggregate report (the policy's purpose laporan_resmi, as the CLI's default)
    # for a role that sees whole counts; a guest's own suppressed view otherwise.
    role = privacy.official_report_role(ui.role())
    box.caption(
        "Laporan tiga bulanan ke Mendagri (tembusan Menko PMK), Inpres 4/2022: angka yang sama "
        "dengan dasbor. "
        + (
            "Versi publik: angka kecil disamarkan."
            if privacy.suppresses(role)
            else "Laporan resmi: angka agregat utuh, tanpa nama atau NIK."
        )
    )
    versi = "publik" if privacy.suppresses(role) else "resmi"
    name = f"laporan_triwulan_{periode or 'terakhir'}_{versi}"
    nomor = box.text_input(
        "Nomor surat", key=f"{key}_triwulan_nomor", placeholder="mis. 400/123/423.011/2026"
    )
    # The file is built on a server thread outside the page run (no session there): the data
    # directory and the role are taken now.
    data, signed_in = ui.data_dir(), ui.role()
    for kind in laporan_triwulan.FORMATS:

        def build(kind=kind):
            laporan = laporan_triwulan.untuk(data, periode, signed_in, nomor)
            return laporan_triwulan.tulis(laporan, kind), {"periode": laporan.periode}

        box.download_button(
            LABEL_LAPORAN[kind],
            audit.on_click(
                data,
                ui.user(),
                ui.role(),
                build,
                st.session_state.to_dict(),
                berkas=f"{name}.{kind}",
                laporan="laporan_triwulan",
                untuk=role,
            ),
            file_name=f"{name}.{kind}",
            mime=MIME[kind],
            key=f"{key}_triwulan_{kind}",
            width="stretch",
            on_click="ignore",
        )


def tombol_lampiran(versi: int, cols, utuh: bool = False, disabled: bool = False) -> None:
    """The lampiran of SK version `versi` as XLSX and PDF, for the signed-in role, built on a
    click and audited like every named list: NIK and No KK in the policy's public form (the
    copy to publish with the decree) unless `utuh` (the Dinas's archive copy). `disabled`:
    drawn but not clickable (a new version is being frozen)."""
    data, role = ui.data_dir(), ui.role()  # taken now: the build runs outside the page run
    for col, kind in zip(cols, ("xlsx", "pdf"), strict=True):

        def build(kind=kind):
            record, rows = sk.lampiran(data, versi, role, utuh)
            demo = Lake(data).is_demo()
            ringkas = sk.ringkasan(data, record, role)
            return sk.lampiran_bytes(record, rows, kind, demo, ringkas), {
                "baris": len(rows),
                "samaran": export.identifiers_masked(rows),
            }

        name = f"lampiran_daftar_sk_versi_{versi}{'_arsip_utuh' if utuh else ''}.{kind}"
        col.download_button(
            f"Lampiran SK ({kind.upper()})",
            # a disabled button carries no file at all
            b""
            if disabled
            else audit.on_click(
                data,
                ui.user(),
                role,
                build,
                st.session_state.to_dict(),
                daftar="sk_lampiran",
                versi=versi,
                berkas=name,
            ),
            file_name=name,
            mime=MIME[kind],
            # a new button per version and copy: never the last one's file
            key=f"dl_lampiran_{kind}_{versi}_{int(utuh)}",
            disabled=disabled,
            width="stretch",
            on_click="ignore",
        )

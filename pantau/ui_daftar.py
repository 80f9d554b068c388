"""The audited doors of a named list on a page, shared by Daftar sasaran and Simulasi anggaran:
the view's audit line, the list as XLSX, the list as a field-verification workbook
(pantau/verval_lapangan.py), and the progress of the lists sent out (named query
verval_progres, also on the Data page for the operator: counts per kelurahan, no names).

Every file is made only when its button is clicked, with one audit line per build
(`audit.on_click`): before the click no file and no /media URL exist.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pantau import audit, export, fmt, ui, verval_lapangan, wilayah

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def catat_lihat(daftar: str, filter_: dict, rows: pd.DataFrame) -> None:
    """One `lihat_daftar` audit line per session for each list and filter (what the rows hold
    after the policy: whether any NIK or No KK in them is whole); no line, no list: the page
    stops, and the next run tries the line again."""
    logged = st.session_state.setdefault("audit_viewed", set())
    key = f"{daftar} {sorted(filter_.items())!r}"
    if key in logged:
        return
    written = audit.record(
        ui.data_dir(),
        ui.user(),
        "lihat_daftar",
        daftar=daftar,
        filter=filter_,
        baris=len(rows),
        peran=ui.role(),
        samaran=export.identifiers_masked(rows),
    )
    if not written:
        ui.empty(
            "Daftar bernama tidak ditampilkan karena log audit tidak dapat ditulis; "
            "hubungi pengelola server."
        )
        st.stop()
    logged.add(key)


def unduh_xlsx(
    label: str, rows: pd.DataFrame, daftar: str, berkas: str, filter_: dict, lembar: str, key: str
) -> None:
    """The rows as one XLSX sheet `lembar` (formula-safe), made and audited on the click."""
    st.download_button(
        label,
        audit.on_click(
            ui.data_dir(),
            ui.user(),
            ui.role(),
            lambda: (export.xlsx_bytes({lembar: rows}), {}),
            st.session_state.to_dict(),
            daftar=daftar,
            berkas=berkas,
            filter=filter_,
            baris=len(rows),
            samaran=export.identifiers_masked(rows),
        ),
        file_name=berkas,
        key=key,
        mime=XLSX,
        # The file is made in the browser's request; the page need not run again.
        on_click="ignore",
    )


def unduh_verval(
    label: str, sumber: str, params: dict, berkas: str, key: str, keterangan: str | None = None
) -> None:
    """The families of named query `sumber` for `params` as the field-verification workbook:
    registered in verval_kirim and audited on the click (verval_lapangan.buat)."""
    data_dir, user, role = ui.data_dir(), ui.user(), ui.role()
    st.download_button(
        label,
        audit.on_click(
            data_dir,
            user,
            role,
            lambda: verval_lapangan.buat(
                params, role, user, data_dir, sumber=sumber, keterangan=keterangan
            ),
            st.session_state.to_dict(),
            berkas=berkas,
            filter=params,
        ),
        file_name=berkas,
        key=key,
        mime=XLSX,
        on_click="ignore",
    )


PROGRES = {
    "dikirim_keluarga": "Dikirim",
    "kembali_keluarga": "Kembali",
    "layak_keluarga": "Layak",
    "tidak_layak_keluarga": "Tidak layak",
    "belum_dikunjungi_keluarga": "Belum dikunjungi",
}


def progres(periode: str | None, kode_kec=None, kode_kel=None, kosong: str = "") -> pd.DataFrame:
    """The field verification's progress (named query verval_progres): the five counts of all
    kelurahan, then one row per kelurahan; the rows shown. `periode` empty: the latest period
    with a list sent."""
    df = ui.query("verval_progres", periode=periode, kode_kec=kode_kec, kode_kel=kode_kel)
    if df.empty:
        ui.empty(kosong or "Belum ada daftar verval yang dikirim.")
        return df
    semua = df.iloc[-1]
    for col, (key, label) in zip(st.columns(len(PROGRES)), PROGRES.items(), strict=True):
        col.metric(f"{label} (keluarga)", fmt.angka(semua[key]))
    st.dataframe(
        df.iloc[:-1],
        hide_index=True,
        width="stretch",
        column_order=["kecamatan", "kelurahan", *PROGRES],
        column_config={"kecamatan": "Kecamatan", "kelurahan": wilayah.dari().label_desa, **PROGRES},
    )
    st.caption(
        f"Daftar {fmt.periode(semua['periode'])}. Kembali = keluarga yang hasil verval-nya sudah "
        "diimpor dari berkas yang dikirim; belum dikunjungi = baris yang dikembalikan kosong atau "
        "belum kembali. Impor semua berkas periode yang sama sekaligus: setiap impor verval "
        "menggantikan batch periodenya. Di corong verval, hasil keluarga dari daftar yang tidak "
        "dinamai kontrak verval (mis. DTSEN: kolom Sumber Daftar kosong) dihitung pada baris "
        "'DTSEN (verval lapangan)'."
    )
    return df

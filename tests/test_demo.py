"""The synthetic exports: the brief's hard numbers, the mess on top of them, and determinism.

Files are read back with pandas as text, the way a person would check them, and the rows the
importer must accept are picked with the contract's rules (16-digit IDs, a known kelurahan,
the first of duplicate No KK), independently of the importer itself.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pantau import demo
from pantau.accounts import Accounts
from pantau.config import WILAYAH_CSV
from pantau.errors import LakeError
from pantau.ingest import import_files
from pantau.lake import Lake
from tests.lakes import ROOT, build_lake, keluarga_rows
from tests.test_accounts import next_run, signed_in

SMALL = 3000
PAYMENT = ["No KK", "Jenis Bantuan", "Tanggal Salur"]
LINE = {2022: 322170, 2023: 351957, 2024: 391000, 2025: 391000, 2026: 391000}


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("exports")
    files = demo.write_exports(out, keluarga=SMALL, seed=2023)
    return {(f.jenis, f.periode): f.path for f in files}


# --- reading the files back ------------------------------------------------------------------


@functools.cache
def read(path: Path) -> pd.DataFrame:
    """A written export as text: XLSX below its title rows, CSV in its delimiter and encoding.

    Cached: each file is read once per session; callers must not modify the frame.
    """
    if path.suffix == ".xlsx":
        raw = pd.read_excel(path, dtype=str, header=None, engine="calamine")
        top = next(i for i in range(len(raw)) if raw.iloc[i].notna().sum() > 3)
        df = raw.iloc[top + 1 :].reset_index(drop=True)
        df.columns = list(raw.iloc[top])
        return df
    data = path.read_bytes()
    encoding = "utf-8-sig"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        encoding = "cp1252"
    first = data[:4096].decode(encoding, errors="replace").splitlines()[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    return pd.read_csv(path, sep=sep, dtype=str, encoding=encoding)


def name_key(text: str) -> str:
    text = re.sub(r"^\s*(kelurahan|kel\.?|desa)\s*", "", str(text), flags=re.IGNORECASE)
    key = re.sub(r"[^a-z]", "", text.lower())
    return "gadingrejo" if key == "gadingrejoan" else key  # the old name


@functools.cache
def known_kelurahan() -> set[str]:
    wil = pd.read_csv(WILAYAH_CSV, dtype=str)
    return {name_key(n) for n in wil["kelurahan"]}


def money(text: pd.Series) -> pd.Series:
    """'Rp 2.500.000', '2.500.000,00' and '2500000' as numbers."""
    s = text.fillna("").str.replace(r"^Rp\s*", "", regex=True).str.replace(r",00$", "", regex=True)
    return pd.to_numeric(s.str.replace(".", "", regex=False), errors="coerce")


def accepted(df, kk: str, nik: str | None = None, kel: str | None = None, key=None):
    """The rows an importer following DATA-CONTRACT.md keeps (`key`: what makes a duplicate)."""
    rows = df.dropna(how="all")
    ok = rows[kk].fillna("").str.fullmatch(r"3575\d{12}")
    if nik:
        ok &= rows[nik].fillna("").str.fullmatch(r"3575\d{12}")
    if kel:
        names = known_kelurahan()
        known = {v: name_key(v) in names for v in rows[kel].dropna().unique()}
        ok &= rows[kel].map(known).fillna(True).astype(bool)
    good = rows[ok]
    return good[~good.duplicated(key or [kk])]


@pytest.fixture(scope="module")
def registry(exports) -> dict[str, pd.DataFrame]:
    """Each quarter's registry file, read once."""
    return {p: read(exports[("keluarga", p)]) for p in demo.PERIODS}


def column(df: pd.DataFrame, *names: str) -> str:
    return next(n for n in names if n in df.columns)


def families(df: pd.DataFrame) -> pd.DataFrame:
    """Accepted rows of a registry file (DTKS or DTSEN layout), with an `ekstrem` flag."""
    kk = column(df, "Nomor_KK", "no_kk")
    nik = column(df, "NIK", "nik")
    kel = column(df, "Kelurahan", "nama_kel")
    good = accepted(df, kk, nik, kel).copy()
    good["kk"] = good[kk]
    good["ekstrem"] = good[column(df, "Miskin Ekstrem", "kemiskinan_ekstrem")].isin(["Ya", "1"])
    return good


# --- the fixed lists: 4,011 P3KE, 2,866 bansos, verval 363 + 528 -------------------------------


def test_p3ke_file_holds_4011_families_plus_a_few_mess_rows(exports):
    df = read(exports[("keluarga", "2021-12")])
    good = accepted(df, "No KK", "NIK", "Desa/Kelurahan")
    assert len(good) == demo.N_P3KE == 4011
    rows = df.dropna(how="all")
    extra = len(rows) - len(good)
    assert 5 <= extra <= 30
    assert rows["NIK"].str.contains("E+15", regex=False).sum() == 2
    assert (rows["NIK"].str.len() == 15).sum() == 1
    assert (rows["Desa/Kelurahan"] == "Kel. Antah Berantah").sum() == 1
    assert rows["No KK"].duplicated().sum() == 2
    assert rows.iloc[-1]["ID Keluarga P3KE"] == "JUMLAH"
    assert set(good["Desil Kesejahteraan"]) <= {"1", "2", "3", "4"}
    assert set(good["Sumber Data"]) == {"P3KE"}


def test_p3ke_nik_agrees_with_sex_and_birth_date(exports):
    good = accepted(read(exports[("keluarga", "2021-12")]), "No KK", "NIK", "Desa/Kelurahan")
    nik = good["NIK"]
    assert nik.str[:6].isin(["357501", "357502", "357503", "357504"]).all()
    assert (nik.str[-4:] != "0000").all()
    day = nik.str[6:8].astype(int)
    female = good["Jenis Kelamin"] == "Perempuan"
    assert ((day > 40) == female).all()
    born = pd.to_datetime(good["Tanggal Lahir"], format="%d-%m-%Y")
    assert ((day % 40) == born.dt.day).all()
    assert (nik.str[8:10].astype(int) == born.dt.month).all()
    assert (nik.str[10:12].astype(int) == born.dt.year % 100).all()
    assert good["No KK"].str.startswith("3575").all()


def test_bansos_list_holds_2866_kpm_of_pemkot_and_pemprov(exports):
    df = read(exports[("keluarga", "2022-12")])
    good = accepted(df, "NOKK", "NIK KRT", "Kelurahan")
    assert len(good) == demo.N_BANSOS == 2866
    assert set(good["Sumber Data"]) == {"Bansos Pemkot", "Bansos Pemprov"}
    assert 5 <= len(df.dropna(how="all")) - len(good) <= 30
    p3ke = accepted(read(exports[("keluarga", "2021-12")]), "No KK", "NIK")
    assert not set(good["NOKK"]) & set(p3ke["No KK"])


def test_verval_finds_891_eligible_363_from_p3ke_and_528_from_bansos(exports):
    df = read(exports[("verval", "2023-02")])
    good = accepted(df, "No KK")
    no_reason = (good["Hasil Verval"] == "Tidak Layak") & good["Alasan Tidak Memenuhi"].isna()
    assert no_reason.sum() == 1  # a reject: a reason is required when not eligible
    good = good[~no_reason]
    assert len(good) == 4011 + 2866
    layak = good[good["Hasil Verval"] == "Layak"]
    assert len(layak) == 891
    by_list = layak["Sumber Daftar"].replace({"Bansos Pemprov": "Bansos"})
    by_list = by_list.replace({"Bansos Pemkot": "Bansos"}).value_counts()
    assert by_list.to_dict() == {"Bansos": 528, "P3KE": 363}
    tidak = good[good["Hasil Verval"] == "Tidak Layak"]
    reasons = tidak["Alasan Tidak Memenuhi"].str.lower().value_counts()
    assert reasons.index[0] == "sudah mampu"
    assert set(reasons.index) <= {
        "meninggal",
        "pindah",
        "sudah mampu",
        "tidak ditemukan",
        "data ganda",
        "lainnya",
    }
    when = pd.to_datetime(good["Tanggal Verval"])
    assert when.min() >= pd.Timestamp("2023-01-01") and when.max() <= pd.Timestamp("2023-02-28")
    assert good["Petugas"].notna().all()


# --- the registry over time ----------------------------------------------------------------------


def test_registry_starts_with_exactly_the_891_verval_families(exports):
    verval = accepted(read(exports[("verval", "2023-02")]), "No KK")
    layak = set(verval.loc[verval["Hasil Verval"] == "Layak", "No KK"])
    first = read(exports[("keluarga", "2023-03")])
    good = accepted(first, "Nomor_KK", "NIK", "Kelurahan")
    assert len(good) == SMALL
    assert set(good.loc[good["Miskin Ekstrem"] == "Ya", "Nomor_KK"]) == layak


def test_extreme_list_falls_to_a_few_hundred_by_2026(exports, registry):
    counts = [int(families(df)["ekstrem"].sum()) for df in registry.values()]
    assert counts[0] == 891
    assert 250 <= counts[-1] <= 400
    assert counts[-1] < counts[len(counts) // 2] < counts[0]


def test_extreme_poor_spend_below_the_line_and_others_mostly_above(exports, registry):
    for periode, df in registry.items():
        good = families(df)
        flag = good["ekstrem"]
        spend = money(good[column(df, "Pengeluaran per Bulan", "pengeluaran_bulanan")])
        food = money(good[column(df, "Pengeluaran Pangan", "pengeluaran_pangan")])
        size = good[column(df, "Jumlah_ART", "jml_art")].astype(int)
        per_capita = spend / size
        line = LINE[int(periode[:4])]
        assert (per_capita[flag] < line).mean() >= 0.97, periode
        assert (per_capita[~flag] >= line).mean() >= 0.85, periode
        assert (food <= spend).all()
        assert 0.65 <= (food[flag] / spend[flag]).mean() <= 0.75
        assert size.between(1, 8).all() and 3.5 <= size.mean() <= 4.1


def test_extreme_poor_live_in_coastal_pockets(exports):
    good = families(read(exports[("keluarga", "2023-03")]))
    ext = good[good["ekstrem"]]
    pockets = {name_key(k) for k in demo.POCKETS}
    share = ext["Kelurahan"].dropna().map(name_key).isin(pockets).mean()
    assert share > 0.45
    assert good["Kelurahan"].dropna().map(name_key).nunique() == 34


def test_dtsen_files_carry_codes_and_national_desil(exports):
    df = read(exports[("keluarga", "2025-03")])
    good = accepted(df, "no_kk", "nik", "nama_kel")
    ext = good["kemiskinan_ekstrem"] == "1"
    assert (good.loc[ext, "desil_nasional_keluarga"] == "1").all()
    desil = good.loc[~ext, "desil_nasional_keluarga"].astype(int)
    assert desil.between(1, 5).all() and desil.between(2, 4).mean() > 0.6
    assert set(good["id_lantai_terluas"].astype(int)) <= set(range(1, 11))
    assert set(good["sumber"]) <= {"DTSEN", "Usulan"}


def test_2024_files_vary_delimiter_and_encoding(exports):
    raw = {p: exports[("keluarga", p)].read_bytes()[:3] for p in demo.PERIODS}
    assert raw["2024-09"] == b"\xef\xbb\xbf"
    cp1252 = exports[("keluarga", "2024-06")].read_bytes()
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
    assert "\u2019" in cp1252.decode("cp1252")


# --- aid, monitoring and KUBE -----------------------------------------------------------------


def test_every_family_leaving_the_list_has_a_visit_saying_why(exports, registry):
    frames = registry
    for before, after in zip(demo.PERIODS, demo.PERIODS[1:], strict=False):
        a, b = families(frames[before]), families(frames[after])
        was, still = set(a.loc[a["ekstrem"], "kk"]), set(b.loc[b["ekstrem"], "kk"])
        visits = accepted(read(exports[("pemantauan", after)]), "No KK")
        status = dict(zip(visits["No KK"], visits["Status Kemiskinan"], strict=True))
        for kk in was - still:
            assert status.get(kk) in {"Keluar", "Meninggal", "Pindah"}, (after, kk)


def test_aid_values_and_coverage_of_the_extreme_poor(exports, registry):
    frames = registry
    rates = []
    for periode in demo.PERIODS:
        pay = accepted(read(exports[("penyaluran", periode)]), "No KK", key=PAYMENT)
        value = money(pay["Nominal"])
        sembako = pay["Jenis Bantuan"].isin(["Sembako Daerah", "BANSOS APBD", "Bansos Pemkot"])
        assert set(value[sembako]) <= {400_000, 600_000}
        paid = set(pay.loc[pay["Status Salur"].str.lower() == "tersalur", "No KK"])
        fam = families(frames[periode])
        rates.append(fam.loc[fam["ekstrem"], "kk"].isin(paid).mean())
    assert min(rates) >= 0.75 and max(rates) <= 0.92
    dec = accepted(read(exports[("penyaluran", "2023-12")]), "No KK", key=PAYMENT)
    blt = dec[dec["Jenis Bantuan"] == "BLT DBHCHT"]
    assert set(money(blt["Nominal"])) == {800_000}
    fam = families(frames["2023-12"])
    assert blt["No KK"].isin(fam.loc[fam["ekstrem"], "kk"]).sum() == 622
    modal = dec[dec["Jenis Bantuan"] == "Bantuan Modal Usaha"]
    assert set(money(modal["Nominal"])) == {2_500_000} and 100 <= len(modal) <= 400


def test_kube_groups_have_members_from_the_registry(exports):
    df = accepted(read(exports[("kube", "2024-12")]), "No KK", key=["ID KUBE", "No KK"])
    sizes = df.groupby("ID KUBE").size()
    assert 25 <= len(sizes) <= 35 and sizes.between(2, 10).all()
    members = families(read(exports[("keluarga", "2024-12")]))["kk"]
    assert df["No KK"].isin(members).all()


# --- determinism and limits ---------------------------------------------------------------------


def test_same_seed_gives_identical_files_and_another_seed_different(exports, tmp_path):
    again = demo.write_exports(tmp_path / "a", keluarga=SMALL, seed=2023)
    other = demo.write_exports(tmp_path / "b", keluarga=SMALL, seed=2024)
    for f in again:
        assert f.path.read_bytes() == exports[(f.jenis, f.periode)].read_bytes(), f.path.name
    changed = [
        f for f in other if f.path.read_bytes() != exports[(f.jenis, f.periode)].read_bytes()
    ]
    assert len(changed) == len(other)


def test_too_few_families_is_refused(tmp_path):
    with pytest.raises(ValueError):
        demo.write_exports(tmp_path, keluarga=10)


# --- demo data and real data never share a lake (issue 10 §1: refuse) -----------------------

REAL_CSV = [
    "No KK,NIK,Kepala Keluarga,Desa/Kelurahan,Kecamatan,Jumlah ART,Pengeluaran",
    "3575031234560001,3575034507800002,Siti Aminah,Tapa'an,Bugul Kidul,4,Rp 1.250.000",
    "3575041234560002,3575041507800003,Budi Santoso,Trajeng,Panggungrejo,3,900000",
]


@pytest.fixture
def demo_copy(demo_lake, tmp_path) -> Path:
    """A copy of the session's demo lake (built by `demo.build`) that a test may change."""
    copy = tmp_path / "demo" / "data"
    shutil.copytree(demo_lake, copy)
    return copy


@pytest.fixture
def real_csv(tmp_path) -> Path:
    path = tmp_path / "p3ke_2024_06.csv"
    path.write_text("\n".join(REAL_CSV) + "\n", encoding="utf-8")
    return path


def cli(data: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pantau", "--data", str(data), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def lake_files(data: Path) -> set[str]:
    return {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}


def login_page(data: Path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("PANTAU_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return "\n".join(w.value for w in at.warning)


def test_demo_lake_is_demo_with_banner_and_demo_accounts(demo_copy, monkeypatch):
    assert Lake(demo_copy).is_demo()
    batches = [
        b
        for ds in Lake(demo_copy).manifest()["datasets"].values()
        for e in ds.values()
        for b in e["batches"]
    ]
    assert batches and all(b["demo"] is True for b in batches)
    # Each flag is tied to the bytes demo wrote.
    assert all(
        b["demo_sha256"]
        == hashlib.sha256((demo_copy / "lake" / b["file"]).read_bytes()).hexdigest()
        for b in batches
    )
    assert Accounts(demo_copy).login("kepala", "demo").ok
    warnings = login_page(demo_copy, monkeypatch)
    assert "Data contoh (sintetis)" in warnings and "`kepala`" in warnings


def test_a_real_export_into_a_demo_lake_is_refused_and_changes_nothing(demo_copy, real_csv):
    manifest = (demo_copy / "lake" / "manifest.json").read_bytes()
    files = lake_files(demo_copy)
    run = cli(demo_copy, "import", real_csv, "--jenis", "keluarga", "--periode", "2024-06")
    assert run.returncode == 2
    errors = [line for line in run.stderr.splitlines() if not line.startswith("… ")]
    assert len(errors) == 1 and "Traceback" not in run.stderr  # one sentence, after progress
    assert errors[0].startswith("Error: Direktori data ini berisi data contoh (sintetis)")
    assert "--data DIR" in errors[0] and "python -m pantau demo --hapus" in errors[0]
    assert (demo_copy / "lake" / "manifest.json").read_bytes() == manifest
    assert lake_files(demo_copy) - {"audit.log"} == files - {"audit.log"}
    # The Data page's upload goes through the same import_files, and so meets the same guard.
    with pytest.raises(LakeError, match="berisi data contoh"):
        import_files([real_csv], "keluarga", "2024-06", demo_copy)
    assert (demo_copy / "lake" / "manifest.json").read_bytes() == manifest
    assert Lake(demo_copy).is_demo() and Accounts(demo_copy).login("kepala", "demo").ok


def test_a_lake_with_one_batch_demo_did_not_write_is_not_demo(demo_copy, monkeypatch):
    path = demo_copy / "lake" / "manifest.json"
    m = json.loads(path.read_text())
    del m["datasets"]["keluarga"]["2024-06"]["batches"][0]["demo"]  # hand-edited, or old
    path.write_text(json.dumps(m))
    assert (demo_copy / "lake" / "DEMO").exists()
    assert not Lake(demo_copy).is_demo()
    assert not Accounts(demo_copy).login("kepala", "demo").ok
    warnings = login_page(demo_copy, monkeypatch)
    assert "Data contoh" not in warnings and "`kepala`" not in warnings


def test_a_real_lake_with_a_demo_marker_shows_no_banner(tmp_path, monkeypatch):
    data = build_lake(tmp_path / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 6)}})
    (data / "lake" / "DEMO").write_text("seed=2023\n")
    assert not Lake(data).is_demo()
    assert not Accounts(data).login("kepala", "demo").ok
    assert "Data contoh" not in login_page(data, monkeypatch)


def test_demo_hapus_then_a_real_import_works_and_demo_accounts_are_refused(
    demo_copy, real_csv, monkeypatch
):
    monkeypatch.setenv("PANTAU_DATA", str(demo_copy))
    session = signed_in("kepala", "demo")  # a demo session open while the data changes
    assert session.session_state["demo"] is True
    run = cli(demo_copy, "demo", "--hapus")
    assert run.returncode == 0, run.stderr
    assert "Data contoh dihapus" in run.stdout
    left = lake_files(demo_copy)
    assert not any(f.endswith(".parquet") for f in left), left
    assert not any(f.startswith("exports/") for f in left)
    assert "lake/DEMO" not in left
    assert Lake(demo_copy).manifest()["datasets"] == {}
    run = cli(demo_copy, "import", real_csv, "--jenis", "keluarga", "--periode", "2024-06")
    assert run.returncode == 0, run.stderr
    assert Lake(demo_copy).status()["datasets"]["keluarga"]["2024-06"]["rows"] == 2
    assert not Lake(demo_copy).is_demo()
    assert not Accounts(demo_copy).login("kepala", "demo").ok
    after = next_run(session)
    assert "user" not in after.session_state or not after.session_state["user"]
    assert "Data contoh" not in "\n".join(w.value for w in after.warning)


def test_demo_refuses_a_data_directory_holding_real_data(tmp_path):
    data = build_lake(tmp_path / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 6)}})
    manifest = (data / "lake" / "manifest.json").read_bytes()
    files = lake_files(data)
    run = cli(data, "demo", "--keluarga", "1000")
    assert run.returncode == 2
    assert run.stderr.startswith("Error: Direktori data ini sudah berisi data sebenarnya")
    assert (data / "lake" / "manifest.json").read_bytes() == manifest
    assert lake_files(data) - {"audit.log"} == files - {"audit.log"}


def test_demo_hapus_removes_nothing_from_a_lake_holding_real_data(tmp_path):
    data = build_lake(tmp_path / "data", {"keluarga": {"2024-06": keluarga_rows([{}] * 6)}})
    (data / "lake" / "DEMO").write_text("seed=2023\n")  # a lake mixed before the guard
    (data / "exports" / "lain.csv").write_text("x\n")
    files = lake_files(data)
    run = cli(data, "demo", "--hapus")
    assert run.returncode == 2
    assert "berisi data sebenarnya" in run.stderr and "tidak ada yang dihapus" in run.stderr
    assert lake_files(data) == files


def test_demo_hapus_clears_a_demo_lake_built_before_batches_were_flagged(demo_copy):
    path = demo_copy / "lake" / "manifest.json"
    m = json.loads(path.read_text())
    for periods in m["datasets"].values():
        for entry in periods.values():
            for b in entry["batches"]:
                del b["demo"]
    path.write_text(json.dumps(m))
    assert cli(demo_copy, "demo", "--hapus").returncode == 0
    assert not any(f.endswith(".parquet") for f in lake_files(demo_copy))


def demo_batches(data: Path) -> list[dict]:
    return [
        b
        for ds in Lake(data).manifest()["datasets"].values()
        for e in ds.values()
        for b in e["batches"]
    ]


def test_a_real_batch_file_copied_over_a_demo_batch_ends_demo_mode(
    demo_copy, tmp_path, monkeypatch
):
    # A careless copy between installs: a real lake's batch file written over the file of a
    # demo-flagged batch, manifest untouched.
    real = build_lake(tmp_path / "real", {"keluarga": {"2026-09": keluarga_rows([{}] * 6)}})
    real_file = real / "lake" / Lake(real).current_batches("keluarga")[0]["file"]
    target = next(
        b for b in Lake(demo_copy).current_batches("keluarga") if b["periode"] == "2026-09"
    )
    shutil.copyfile(real_file, demo_copy / "lake" / target["file"])
    assert (demo_copy / "lake" / "DEMO").exists() and target["demo"] is True
    assert not Lake(demo_copy).is_demo()
    assert Lake(demo_copy).status()["demo"] is False
    assert not Accounts(demo_copy).login("kepala", "demo").ok
    warnings = login_page(demo_copy, monkeypatch)
    assert "Data contoh" not in warnings and "`kepala`" not in warnings
    # `demo --hapus` does not delete the real file as if it were demo data.
    files = lake_files(demo_copy)
    run = cli(demo_copy, "demo", "--hapus")
    assert run.returncode == 2 and "berisi data sebenarnya" in run.stderr
    assert lake_files(demo_copy) - {"audit.log"} == files - {"audit.log"}


def test_a_deleted_demo_batch_file_ends_demo_mode(demo_copy):
    target = Lake(demo_copy).current_batches("keluarga")[0]
    (demo_copy / "lake" / target["file"]).unlink()
    assert not Lake(demo_copy).is_demo()
    assert not Accounts(demo_copy).login("kepala", "demo").ok


def test_a_demo_lake_from_before_hashes_is_not_demo_until_rebuilt(demo_copy, monkeypatch):
    path = demo_copy / "lake" / "manifest.json"
    m = json.loads(path.read_text())
    for periods in m["datasets"].values():
        for entry in periods.values():
            for b in entry["batches"]:
                del b["demo_sha256"]  # flagged, but no hash: what demo wrote before hashes
    path.write_text(json.dumps(m))
    assert not Lake(demo_copy).is_demo()
    assert not Accounts(demo_copy).login("kepala", "demo").ok
    assert "Data contoh" not in login_page(demo_copy, monkeypatch)
    run = cli(demo_copy, "demo", "--keluarga", "1000")
    assert run.returncode == 2
    assert "demo --hapus" in run.stderr and "Traceback" not in run.stderr
    # The README's way back: remove it, then build it again.
    assert cli(demo_copy, "demo", "--hapus").returncode == 0
    assert not any(f.endswith(".parquet") for f in lake_files(demo_copy))


# --- another region: list sizes in proportion to its people (review of issue 14, SHOULD 4) -----
# Kabupaten Tuban: 311 desa × 3.700 + 17 kelurahan × 6.250 = 1.256.950 people, 5,916 times Kota
# Pasuruan's 212.466. From 20.343 keluarga on (the lists, 6.877 × 5,916 = 40.685 rows, at most
# twice the registry) its lists are Kota Pasuruan's × 5,916: 4.011 → 23.729, 2.866 → 16.955,
# 363 → 2.148 (2.147,5), 528 → 3.124 (3.123,6). At 5.000 keluarga the scale is 10.000 / 6.877 =
# 1,4541: 5.832, 4.168, 528 and 768.


def test_another_region_s_lists_are_in_proportion_to_its_people():
    assert demo.penduduk("35.23") == 1_256_950
    assert demo.ukuran_daftar("35.23", 50_000) == (23_729, 16_955, 2_148, 3_124)
    assert demo.ukuran_daftar("35.23", 5_000) == (5_832, 4_168, 528, 768)
    for keluarga in (1_000, 20_000, 5_000_000):  # Kota Pasuruan: its published sizes, always
        assert demo.ukuran_daftar("35.75", keluarga) == (4011, 2866, 363, 528)
    w = demo.World(5_000, 2023, "35.23")
    assert (w.n_p3ke, w.n_list, int(w.L["layak"].sum())) == (5_832, 10_000, 528 + 768)
    assert int(w.L["layak"][: w.n_p3ke].sum()) == 528


def test_a_small_tuban_demo_writes_its_files_and_its_kube(tmp_path):
    # 1.000 keluarga: this raised IndexError in the KUBE writer when no group had formed yet
    files = demo.write_exports(tmp_path, keluarga=1000, seed=2023, wilayah="35.23")
    assert [f.periode for f in files if f.jenis == "kube"] == [
        "2023-12",
        "2024-12",
        "2025-12",
        "2026-09",
    ]


def test_a_province_too_large_for_its_families_to_form_a_kube_writes_no_kube_file(tmp_path):
    # 1.000 keluarga over Jawa Timur's 8.494 desa/kelurahan: no desa has 3 families for a group
    assert demo.World(1000, 2023, "35").kube == []
    files = demo.write_exports(tmp_path, keluarga=1000, seed=2023, wilayah="35")
    assert not [f for f in files if f.jenis == "kube"]
    assert {f.jenis for f in files} >= {"keluarga", "verval", "penyaluran", "pemantauan"}


def test_a_registry_size_out_of_range_is_one_sentence_and_writes_nothing(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "pantau",
            "--data",
            str(tmp_path / "d"),
            "demo",
            "--keluarga",
            "300",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert (
        out.stderr.strip() == "Error: --keluarga harus antara 1.000 dan 20.000.000; diberikan 300."
    )
    assert not (tmp_path / "d").exists()


def test_lists_longer_than_a_sheet_are_a_csv_and_import_whole(tmp_path, monkeypatch):
    # Jawa Timur at 5.000.000 keluarga: 1.081.042 verval rows, more than an XLSX sheet holds;
    # here a sheet of 100 rows and Tuban at 1.000 keluarga: 1.166 + 834 = 2.000 list families,
    # 106 + 154 = 260 eligible (scale 2.000 / 6.877 = 0,2908)
    monkeypatch.setattr(demo.exports, "EXCEL_ROWS", 100)
    data = tmp_path / "data"
    demo.build(data, keluarga=1000, seed=2023, wilayah="35.23")
    assert (data / "exports" / "2023-02_verval.csv").exists()
    assert not (data / "exports" / "2023-02_verval.xlsx").exists()
    from pantau import queries

    semua = queries.Engine(data).run("verval_funnel", {}).iloc[-1]
    assert (semua["diperiksa_keluarga"], semua["memenuhi_keluarga"]) == (2000, 260)

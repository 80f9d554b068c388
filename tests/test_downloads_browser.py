"""Every file a guest or a planner can download, collected in headless Chromium (issue 10).

Signed in as `tamu` and as `perencana` on the demo lake, the test opens every page the role
may open, clicks every download the page offers (each "Unduh data", the Paparan's Excel,
PowerPoint and PDF, the named-list XLSX where allowed), reads each file as text and checks:
- tamu: no NIK, No KK, name or address of the data in any file, and no count 1–4 that a share
  times its base in the same CSV row gives away;
- perencana: NIK and No KK only masked (no whole 16-digit identifier of the data);
- neither role gets a table's own "Download as CSV" (it would skip the policy and the audit).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

import duckdb
import openpyxl
import pytest

from pantau import page_list, privacy
from pantau.lake import Lake
from tests.lakes import ROOT
from tests.test_browser import _leaks, _secrets, errors_on, login, nav_titles, open_page

pytestmark = pytest.mark.browser
FILES = ROOT / "artifacts" / "downloads"  # kept for a look after a failure
DIGITS16 = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
MASKED = re.compile(r"\*{12}[0-9]{4}")
# The pages each role may open, from the page list and the policy; Simulasi and Daftar SK
# came after this test and are not walked (yet). Paparan last: presentation mode hides the
# sidebar.
NOT_WALKED = {"simulasi", "daftar_sk"}


def walked(user: str) -> list[str]:
    keys = [k for k in page_list.KEYS if privacy.may_open(user, k) and k not in NOT_WALKED]
    return sorted(keys, key=lambda k: k == "paparan")


PAGES = {user: walked(user) for user in ("tamu", "perencana")}


@pytest.fixture(scope="module")
def secrets(demo_lake):
    """The demo lake's NIKs and No KKs, and a pattern for its family heads' names and addresses."""
    files = [str(f) for f in Lake(demo_lake).current_files("keluarga")]
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT DISTINCT no_kk, nik_kepala, nama_kepala, alamat FROM read_parquet({files!r})"
    ).fetchall()
    con.close()
    ids = {r[0] for r in rows} | {r[1] for r in rows}
    words = {r[2] for r in rows if r[2]} | {r[3] for r in rows if r[3]}
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return ids, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


# --- reading the files ------------------------------------------------------------------------


def pptx_text(path: Path) -> str:
    from pptx import Presentation

    out = []

    def shapes(items):
        for shape in items:
            if shape.shape_type == 6:  # a group
                shapes(shape.shapes)
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                out.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                out.extend(c.text for row in shape.table.rows for c in row.cells)

    for slide in Presentation(str(path)).slides:
        shapes(slide.shapes)
        if slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def file_text(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".csv"):
        return path.read_bytes().decode("utf-8-sig")
    if name.endswith(".xlsx"):
        book = openpyxl.load_workbook(path, read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for ws in book.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    if name.endswith(".pptx"):
        return pptx_text(path)
    if name.endswith(".pdf"):
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout
    raise AssertionError(f"unexpected download {path.name}")


# --- shares beside their base -----------------------------------------------------------------

SHARE = re.compile(
    r"^(porsi|cakupan|persen|proporsi|rasio|tingkat|pangsa|bagian|kesalahan)|_(porsi|persen)"
    r"|per_1000"
)
NOT_A_BASE = re.compile(r"^(kode|peringkat|tahun|bulan|desil|urut|nomor|periode|rank)")
MIN_ROWS = 3  # rows in which an undeclared share × base must be whole before it counts


def declared_shares() -> set[tuple[str, str, Decimal]]:
    """(share, base, scale) from the `-- shares:` lines of the query headers, if any."""
    found = set()
    for sql in (ROOT / "queries").glob("*.sql"):
        for line in sql.read_text(encoding="utf-8").splitlines():
            if not line.startswith("-- shares:"):
                continue
            for item in line.removeprefix("-- shares:").split(";"):
                if "<-" not in item:
                    continue
                names, base = item.split("<-")
                base, _, scale = base.partition("/")
                for name in names.split(","):
                    found.add((name.strip(), base.strip(), Decimal(scale.strip() or 1)))
    return found


def _number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() else None


def _wholes(s: Decimal, b: Decimal, scale: Decimal) -> list[int]:
    """The whole numbers share `s` (as printed) times base `b` can be."""
    # Half a unit of the last printed digit: a rounded share still pins the count.
    half = Decimal(5).scaleb(s.as_tuple().exponent - 1)
    slack = Decimal("1e-9")  # float noise in a share printed in full
    lo = (s - half) * b / scale - slack
    hi = (s + half) * b / scale + slack
    return [k for k in range(int(lo), int(hi) + 2) if lo <= k <= hi]


def small_counts_from_shares(text: str, declared: set | frozenset = frozenset()) -> list[str]:
    """Cells where a share times its base in the same row is, within the share's printed
    precision, exactly one whole number from 1 to 4: a count under 5 a guest can work out.

    A declared pair (query header `shares:`) is checked in every row, the base minus the count
    too. Any other share-like column is paired with every whole-number column of the file, and
    such a pair counts when share × base is whole in every row where both are shown, at least
    MIN_ROWS of them (a count over its denominator; other pairings are chance)."""
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows:
        return []
    columns = list(rows[0])
    numbers = {c: [_number(r[c] or "") for r in rows] for c in columns}
    shown = {c for c in columns if any(v is not None for v in numbers[c])}
    declared_here = {(s, b, k) for s, b, k in declared if s in shown and b in shown}
    shares = {c for c in shown if SHARE.search(c)} | {s for s, _, _ in declared_here}
    bases = [
        c
        for c in shown
        if c not in shares
        and not NOT_A_BASE.search(c)
        and all(v is None or v == v.to_integral_value() for v in numbers[c])
    ]
    pairs = set(declared_here)
    for share in shares:
        known = [v for v in numbers[share] if v is not None]
        scale = Decimal(1000 if "per_1000" in share else 100 if "persen" in share else 1)
        if scale == 1 and known and max(known) > 1:  # a percentage under another name
            scale = Decimal(100)
        pairs |= {(share, base, scale) for base in bases}
    found = []
    for share, base, scale in sorted(pairs):
        cells = [
            (i, numbers[share][i], numbers[base][i])
            for i in range(len(rows))
            if numbers[share][i] is not None
            and numbers[share][i] > 0
            and numbers[base][i] is not None
            and numbers[base][i] >= 1
        ]
        wholes = {i: (_wholes(s, b, scale), b) for i, s, b in cells}
        is_declared = (share, base, scale) in declared_here
        if not is_declared and (len(cells) < MIN_ROWS or not all(w for w, _ in wholes.values())):
            continue
        for i, (w, b) in wholes.items():
            if len(w) != 1:
                continue
            small = 1 <= w[0] <= 4 or (is_declared and 1 <= b - w[0] <= 4)
            if small:
                found.append(f"{share}={rows[i][share]} × {base}={rows[i][base]} → {w[0]}")
    return found


# --- the browser ------------------------------------------------------------------------------


def idle(page) -> None:
    """Wait for the rerun a click may start to end."""
    time.sleep(0.3)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=120000
    )


def save(download, folder: Path) -> Path:
    path = folder / download.suggested_filename
    download.save_as(path)
    return path


def settled(page, selector: str = '[data-testid="stDownloadButton"]') -> None:
    """Wait until the page's run is over and its download buttons stop appearing (on a busy
    machine a page draws its last sections seconds after the first)."""
    last, since = -1, time.monotonic()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        idle(page)
        n = page.locator(selector).count()
        if n != last:
            last, since = n, time.monotonic()
        elif time.monotonic() - since >= 2.0:
            return
        time.sleep(0.3)


def click_downloads(page, folder: Path) -> list[Path]:
    """Click every download button of the page, in every tab and expander, once."""
    settled(page)
    closed = page.locator('[data-testid="stExpander"] details:not([open]) summary')
    for _ in range(closed.count()):
        closed.first.click()
        idle(page)
    tabs = page.get_by_role("tab")
    got: list[Path] = []
    clicked: set[int] = set()
    for t in range(max(1, tabs.count())):
        if tabs.count():
            tabs.nth(t).click()
            idle(page)
        buttons = page.locator('[data-testid="stDownloadButton"] button')
        for i in range(buttons.count()):
            if i in clicked or not buttons.nth(i).is_visible():
                continue
            with page.expect_download(timeout=180000) as dl:
                buttons.nth(i).click()
            got.append(save(dl.value, folder))
            clicked.add(i)
            idle(page)
    return got


def paparan_files(page, folder: Path) -> list[Path]:
    """The three files, each built on its one click (issue 12)."""
    got = []
    for kind in ("xlsx", "pptx", "pdf"):
        with page.expect_download(timeout=180000) as dl:
            page.locator(f".st-key-dl_{kind} button").click()
        got.append(save(dl.value, folder))
        idle(page)
    return got


def no_table_export(page) -> bool:
    """Hover each table: its toolbar must offer no CSV download of its own."""
    grids = page.locator('[data-testid="stDataFrame"]')
    for i in range(grids.count()):
        if not grids.nth(i).is_visible():  # in a closed expander or another tab
            continue
        grids.nth(i).hover()
        time.sleep(0.3)
        if page.get_by_role("button", name=re.compile("Download as CSV", re.I)).count():
            return False
    return True


def collect(browser, url: str, user: str, seen: dict | None = None):
    """Every file `user` can download, by page, and the pages whose tables offer their own CSV.
    `seen`, if given, gets the sidebar's page titles ("nav") and each page's HTML after its
    downloads were clicked (every expander open, the last tab shown) and its error boxes."""
    folder = FILES / user
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    context = browser.new_context(viewport={"width": 1440, "height": 2000}, accept_downloads=True)
    page = context.new_page()
    login(page, url, user)
    if seen is not None:
        seen["nav"] = nav_titles(page)
    files: dict[str, list[Path]] = {}
    exporting = []
    for key in PAGES[user]:
        if key != "ringkasan":  # signing in lands on Ringkasan
            open_page(page, key)
        if not no_table_export(page):
            exporting.append(key)
        if key == "paparan":
            files[key] = paparan_files(page, folder)
        else:
            files[key] = click_downloads(page, folder)
        if seen is not None:
            seen[key] = (page.content(), errors_on(page))
    context.close()
    return files, exporting


def zipped_xml(path: Path) -> str:
    """Every XML part of an xlsx or pptx as stored (properties, hidden sheets, notes)."""
    import zipfile

    with zipfile.ZipFile(path) as z:
        return "\n".join(
            z.read(n).decode("utf-8", "ignore") for n in z.namelist() if n.endswith(".xml")
        )


def test_guest_downloads_hold_no_identifier_name_address_or_small_count(
    server, browser, secrets, demo_lake
):
    ids, words = secrets
    declared = declared_shares()
    seen: dict = {}
    files, exporting = collect(browser, server, "tamu", seen)
    # A guest's pages: these three, each without an error box, and no NIK, No KK, name or
    # address of the data anywhere in their HTML (every expander open), nor in any XML part of
    # the Paparan's Excel and PowerPoint files (the PDF's text is read below).
    assert seen.pop("nav") == ["Ringkasan", "Peta kantong kemiskinan", "Paparan"]
    ids_b, words_b = _secrets(demo_lake)
    assert {k: (errors, _leaks(html, ids_b, words_b)) for k, (html, errors) in seen.items()} == {
        "ringkasan": ([], []),
        "peta": ([], []),
        "paparan": ([], []),
    }
    raw = {
        p.name: _leaks(file_text(p) if p.suffix == ".pdf" else zipped_xml(p), ids_b, words_b)
        for p in files["paparan"]
    }
    assert len(raw) == 3 and [leak for leak in raw.values() if leak] == []
    assert exporting == []
    assert len(files["ringkasan"]) >= 4 and len(files["peta"]) >= 3
    assert sorted(p.suffix for p in files["paparan"]) == [".pdf", ".pptx", ".xlsx"]
    leaks, small = {}, {}
    for path in (p for paths in files.values() for p in paths):
        text = file_text(path)
        assert len(text) > 20, path.name
        found = sorted(set(DIGITS16.findall(text)) & ids) + sorted(set(words.findall(text)))
        if found:
            leaks[path.name] = found[:5]
        if path.suffix == ".csv" and (derived := small_counts_from_shares(text, declared)):
            small[path.name] = derived[:5]
    assert leaks == {}
    assert small == {}


def test_planner_downloads_hold_only_masked_identifiers(server, browser, secrets, demo_lake):
    ids, words = secrets
    files, exporting = collect(browser, server, "perencana")
    lines = [json.loads(x) for x in (demo_lake / "audit.log").read_text().splitlines()]
    [built] = [
        e["rincian"]
        for e in lines
        if e["aksi"] == "ekspor"
        and e["pengguna"] == "perencana"
        and e["rincian"].get("daftar") == "daftar_sasaran"
    ]
    assert built["peran"] == "perencana" and built["samaran"] is True and built["baris"] > 10
    assert exporting == []
    [xlsx] = files["sasaran"]
    assert xlsx.name.startswith("daftar_sasaran_") and xlsx.suffix == ".xlsx"
    listed = file_text(xlsx)
    assert len(MASKED.findall(listed)) > 10  # the list is there, masked
    assert len(set(words.findall(listed))) > 10  # and the name finder does find names
    assert sorted(p.suffix for p in files["paparan"]) == [".pdf", ".pptx", ".xlsx"]
    whole = {}
    for path in (p for paths in files.values() for p in paths):
        found = set(DIGITS16.findall(file_text(path))) & ids
        if found:
            whole[path.name] = sorted(found)[:5]
    assert whole == {}

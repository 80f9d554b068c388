"""The layers, read from the source: Streamlit only in the UI helpers, auth, the entry point and
pages; SQL only in queries/ and the modules that build it on purpose; pages import neither the
lake nor the importer. Each detector is also run on planted bad files, so a test that finds
nothing has been shown able to find something."""

from __future__ import annotations

import ast
import fnmatch
import re
from pathlib import Path

from tests.test_report_imports import _reachable

ROOT = Path(__file__).resolve().parents[1]

# Where Streamlit may be imported: the UI helpers, auth, the entry point and pages.
STREAMLIT_HOMES = ("pantau/ui.py", "pantau/ui_*.py", "pantau/auth.py", "dashboard.py", "pages/*.py")
# Outside those homes, the functions that may import it.
STREAMLIT_FUNCTIONS = {
    "pantau/cli.py": {"_run_streamlit"},  # `serve` starts the Streamlit server itself
}

# The modules that build SQL outside queries/, and why. Any other module asks queries/.
SQL_BUILDERS = {
    "pantau/ingest/*.py": "the importer's generated checks: casts, rules and region lookups "
    "written per column of the file being read",
    "pantau/queries.py": "the engine: views over the lake's batches, the _shared tables, a query "
    "file's parameters and its output's empty shape",
    "pantau/lake.py": "the lake verifies a Parquet file by hashing every column as it reads "
    "it, and reads back the registers the app writes (REGISTERS)",
    "pantau/sk_versi.py": "the view over the SK's frozen list versions (their files change per SK)",
    "pantau/verval_lapangan.py": "writes the register of verval lists sent out as Parquet "
    "(COPY … TO), appending to the previous batch",
}
# A string that starts as a statement does, or selects from something, or reads a file.
SQL_START = re.compile(
    r"^\s*(SELECT|CREATE|INSERT|WITH|UPDATE|DELETE|DROP|ALTER|COPY|ATTACH|PRAGMA|DESCRIBE"
    r"|SUMMARIZE|EXPLAIN|INSTALL|SET VARIABLE)\s"
)
SQL_ANYWHERE = re.compile(r"\bSELECT\b[\s\S]*\bFROM\b|\bFROM\s+read_(parquet|csv)\b")

# What pages may not import: they ask ui.query / pantau.operations instead.
PAGE_FORBIDDEN = ("pantau.ingest", "pantau.lake")


def app_files(root: Path) -> list[str]:
    """The application's Python files, relative to `root` (tests and benches drive the app from
    outside and are not layers of it)."""
    files = [root / "dashboard.py", *root.glob("pantau/**/*.py"), *root.glob("pages/*.py")]
    return sorted(str(f.relative_to(root)) for f in files if f.is_file())


def matches(rel: str, patterns) -> bool:
    """Whether the whole relative path matches one of the patterns (not just its tail)."""
    return any(fnmatch.fnmatchcase(rel, p) for p in patterns)


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _function_of(node: ast.AST, parents: dict) -> str | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node.name
    return None


def imported_modules(tree: ast.AST) -> list[tuple[int, str, ast.AST]]:
    """(line, module, node) of each import; `from pantau import lake` gives 'pantau.lake'."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name, node) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.lineno, node.module, node))
            out += [(node.lineno, f"{node.module}.{a.name}", node) for a in node.names]
    return out


def streamlit_imports(rel: str, tree: ast.AST) -> list[str]:
    found = [
        (line, module, node)
        for line, module, node in imported_modules(tree)
        if module == "streamlit" or module.startswith("streamlit.")
    ]
    allowed = STREAMLIT_FUNCTIONS.get(rel, set())
    parents = _parents(tree) if found and allowed else {}
    return [
        f"{rel}:{line} imports {module}"
        for line, module, node in found
        if _function_of(node, parents) not in allowed
    ]


def _strings(tree: ast.AST):
    """(line, text) of each string; an f-string once, its holes as {}."""
    nodes = list(ast.walk(tree))
    inside = {id(v) for n in nodes if isinstance(n, ast.JoinedStr) for v in n.values}
    for node in nodes:
        if isinstance(node, ast.JoinedStr):
            parts = (v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            yield node.lineno, "".join(parts)
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in inside
        ):
            yield node.lineno, node.value


def sql_strings(rel: str, tree: ast.AST) -> list[str]:
    return [
        f"{rel}:{line} has SQL {text.strip()[:40]!r}"
        for line, text in _strings(tree)
        if SQL_START.match(text) or SQL_ANYWHERE.search(text)
    ]


def page_imports(rel: str, tree: ast.AST) -> list[str]:
    return [
        f"{rel}:{line} imports {module}"
        for line, module, _ in imported_modules(tree)
        if any(module == f or module.startswith(f + ".") for f in PAGE_FORBIDDEN)
    ]


def violations(root: Path) -> list[str]:
    found = []
    for rel in app_files(root):
        tree = ast.parse((root / rel).read_text(encoding="utf-8"), filename=rel)
        if not matches(rel, STREAMLIT_HOMES):
            found += streamlit_imports(rel, tree)
        if not matches(rel, SQL_BUILDERS):
            found += sql_strings(rel, tree)
        if matches(rel, ["pages/*.py"]):
            found += page_imports(rel, tree)
    return found


def test_the_project_keeps_its_layers():
    assert violations(ROOT) == []


def test_every_allow_listed_file_exists_and_earns_its_place():
    files = app_files(ROOT)
    for pattern in SQL_BUILDERS:
        builders = [f for f in files if matches(f, [pattern])]
        assert builders, pattern
        assert any(
            sql_strings(f, ast.parse((ROOT / f).read_text(encoding="utf-8"))) for f in builders
        ), f"{pattern} builds no SQL: take it off the list"
    for rel, functions in STREAMLIT_FUNCTIONS.items():
        tree = ast.parse((ROOT / rel).read_text(encoding="utf-8"))
        names = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert functions <= names, rel


def test_the_detectors_flag_planted_bad_files(tmp_path):
    (tmp_path / "pantau").mkdir()
    (tmp_path / "pages").mkdir()
    (tmp_path / "dashboard.py").write_text("import streamlit as st\n")
    (tmp_path / "pantau" / "ui.py").write_text("import streamlit as st\n")
    (tmp_path / "pantau" / "report").mkdir()  # a name of a home, but not at the top
    (tmp_path / "pantau" / "report" / "dashboard.py").write_text("import streamlit\n")
    (tmp_path / "pantau" / "cli.py").write_text(
        "def _run_streamlit():\n    from streamlit.web import bootstrap\n\n"
        "def other():\n    import streamlit.web.cli\n"
    )
    (tmp_path / "pantau" / "hitung.py").write_text(
        "from streamlit import cache_data\n"
        "def n(con, kec):\n"
        '    return con.execute(f"SELECT count(*) FROM keluarga WHERE kode_kec = {kec}")\n'
        'NOTE = """Select a period first; the FROM field is read by hand."""\n'
    )
    (tmp_path / "pages" / "buruk.py").write_text(
        "import streamlit as st\n"
        "from pantau import fmt, lake\n"
        "from pantau.ingest.read import read_table\n"
        'Q = "\\n  WITH x AS (SELECT 1) SELECT * FROM x"\n'
    )
    assert violations(tmp_path) == [
        "pages/buruk.py:4 has SQL 'WITH x AS (SELECT 1) SELECT * FROM x'",
        "pages/buruk.py:2 imports pantau.lake",
        "pages/buruk.py:3 imports pantau.ingest.read",
        "pages/buruk.py:3 imports pantau.ingest.read.read_table",
        "pantau/cli.py:5 imports streamlit.web.cli",
        "pantau/hitung.py:1 imports streamlit",
        "pantau/hitung.py:1 imports streamlit.cache_data",
        "pantau/hitung.py:3 has SQL 'SELECT count(*) FROM keluarga WHERE kode'",
        "pantau/report/dashboard.py:1 imports streamlit",
    ]


# --- import cycles -------------------------------------------------------------------------------
#
# Every `import` and `from … import` of pantau/ counts, at the top of a module AND inside a
# function: a lazy import only moves the moment the cycle closes (the first call instead of the
# first import); the two modules still cannot be understood, tested or moved one without the
# other. `from pkg import name` is an edge to the submodule pkg.name when it is one, else to
# pkg. A package's own __init__ is not counted as imported by its submodules (Python runs it
# first whatever the submodule imports: not a cycle of the code's making), as in
# tests/test_report_imports.py. Not seen: `importlib.import_module` of a computed name
# (privacy's ANALYSES name their statistic by string; their modules import no policy).


def module_files(root: Path, package: str = "pantau") -> dict[str, Path]:
    """Dotted module name → its file, for every module of `package` under `root`."""
    out = {}
    for path in sorted((root / package.replace(".", "/")).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _targets(node: ast.AST, here: str) -> list[str]:
    """The dotted names an import node names; `here` is the package relative imports start in."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    base = node.module or ""
    if node.level:
        up = here.split(".")[: len(here.split(".")) - node.level + 1]
        base = ".".join([*up, base] if base else up)
    return [f"{base}.{a.name}" for a in node.names]


def import_edges(root: Path, package: str = "pantau") -> dict[str, dict[str, str]]:
    """Module → {module of `package` it imports: where, as 'line 12' or 'line 12 in f()'}
    (the first such import of the file)."""
    mods = module_files(root, package)
    graph: dict[str, dict[str, str]] = {}
    for name, path in mods.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        parents = _parents(tree)
        deps: dict[str, str] = {}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            func = _function_of(node, parents)
            where = f"line {node.lineno}" + (f" in {func}()" if func else "")
            for target in _targets(node, here):
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    old = deps.get(target)
                    if old is None or int(where.split()[1]) < int(old.split()[1]):
                        deps[target] = where
        graph[name] = deps
    return graph


def import_cycles(graph: dict[str, dict[str, str]]) -> list[str]:
    """Each group of modules that import each other (strongly connected), spelled out as its
    shortest cycle through its first module, every arrow with where the import is:
    'a -[line 3]-> b -[line 9 in f()]-> a (a group of 2: a, b)'."""
    out = []
    for group in _strongly_connected(graph):
        start = group[0]
        path = _shortest_cycle(graph, start, set(group))
        text = start
        for a, b in zip(path, path[1:], strict=False):
            text += f" -[{graph[a][b]}]-> {b}"
        out.append(f"{text} (a group of {len(group)}: {', '.join(group)})")
    return out


def _strongly_connected(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """The groups of two or more modules that reach each other, each sorted, sorted."""
    reach = {start: _reachable(graph, start) for start in graph}
    groups = {tuple(sorted(b for b in reach[a] if a in reach[b])) for a in graph if a in reach[a]}
    return sorted(list(g) for g in groups if len(g) > 1)


def _shortest_cycle(graph: dict[str, dict[str, str]], start: str, group: set[str]) -> list[str]:
    """start, …, start: the fewest arrows inside `group` (breadth first, ties by name)."""
    back = {start: None}
    frontier = [start]
    while frontier:
        nxt = []
        for a in frontier:
            for b in sorted(graph[a]):
                if b == start:
                    path = [a]
                    while back[path[-1]] is not None:
                        path.append(back[path[-1]])
                    return [*reversed(path), start]
                if b in group and b not in back:
                    back[b] = a
                    nxt.append(b)
        frontier = nxt
    raise AssertionError(f"{start} is in no cycle")


def test_no_module_of_pantau_imports_one_that_imports_it_back():
    graph = import_edges(ROOT)
    assert "pantau.report.slides.kantong" in graph and "pantau.ingest.write" in graph
    assert "pantau.queries" in graph["pantau.privacy"]  # the policy runs the queries, not back
    found = import_cycles(graph)
    assert found == [], "\n".join(found)


def test_the_cycle_detector_spells_out_planted_cycles(tmp_path):
    files = {
        "pkg/__init__.py": "from pkg.deck import build\n",
        # closed by an import inside a function: still a cycle
        "pkg/deck.py": "from pkg import model\n\ndef build():\n    from pkg import slides\n",
        "pkg/slides.py": "from .deck import build\nimport pkg.model\n",
        "pkg/model.py": "X = 1\n",
        # three modules in a ring, through `import a.b`, `from . import` and `from .x import`
        "pkg/ring/__init__.py": "",
        "pkg/ring/a.py": "import pkg.ring.b\n",
        "pkg/ring/b.py": "from . import c\n",
        "pkg/ring/c.py": "import os\n\n\ndef f():\n    from .a import g\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    graph = import_edges(tmp_path, "pkg")
    assert graph["pkg.deck"] == {"pkg.model": "line 1", "pkg.slides": "line 4 in build()"}
    assert graph["pkg.slides"] == {"pkg.deck": "line 1", "pkg.model": "line 2"}
    assert graph["pkg.ring.c"] == {"pkg.ring.a": "line 5 in f()"}
    # pkg imports deck, and deck names its sibling through the package: an edge to pkg.model
    assert graph["pkg"] == {"pkg.deck": "line 1"} and graph["pkg.model"] == {}
    assert import_cycles(graph) == [
        "pkg.deck -[line 4 in build()]-> pkg.slides -[line 1]-> pkg.deck "
        "(a group of 2: pkg.deck, pkg.slides)",
        "pkg.ring.a -[line 1]-> pkg.ring.b -[line 1]-> pkg.ring.c -[line 5 in f()]-> pkg.ring.a "
        "(a group of 3: pkg.ring.a, pkg.ring.b, pkg.ring.c)",
    ]

"""The report package's imports, read from the source: no module of pantau/report imports, even
inside a function, a module that imports it back (the deck and its slides once did). The
detector is also run on planted packages, so a test that finds nothing has been shown able to
find something."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _modules(root: Path, package: str) -> dict[str, Path]:
    out = {}
    for path in (root / package.replace(".", "/")).rglob("*.py"):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def import_graph(root: Path, package: str) -> dict[str, set[str]]:
    """Module → the modules of `package` it imports anywhere in its file. `from p import sub`
    is an edge to the submodule `sub`, not to `p`'s __init__ (a submodule's parent package
    always runs first, which is not a cycle of the code's own making)."""
    mods = _modules(root, package)
    graph = {}
    for name, path in mods.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = here.split(".")[: len(here.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    deps.add(target)
        graph[name] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other (strongly connected, two or more), sorted."""
    reach = {m: _reachable(graph, m) for m in graph}
    groups = {
        tuple(sorted(m2 for m2 in reach[m] if m in reach[m2])) for m in graph if m in reach[m]
    }
    return sorted(list(g) for g in groups if len(g) > 1)


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), list(graph[start])
    while todo:
        m = todo.pop()
        if m not in seen:
            seen.add(m)
            todo.extend(graph.get(m, ()))
    return seen


def test_no_module_of_the_report_package_imports_one_that_imports_it_back():
    graph = import_graph(ROOT, "pantau.report")
    assert "pantau.report.slides.kantong" in graph  # one module per slide, read
    assert "pantau.report.slides" in graph["pantau.report.deck"]
    assert cycles(graph) == []


def test_the_slides_read_the_model_and_the_context_not_the_deck():
    graph = import_graph(ROOT, "pantau.report")
    slides = [m for m in graph if m.startswith("pantau.report.slides")]
    assert len(slides) == 9  # the package, the shared parts, the frame and six slides
    for m in slides:
        assert "pantau.report.deck" not in graph[m], m


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    root = _plant(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.deck import build\n",
            "pkg/deck.py": "def build():\n    from pkg import slides\n    return slides\n",
            "pkg/slides.py": "from pkg.deck import build\n",
            "pkg/model.py": "from . import slides\n",  # relative, one-way: no cycle
        },
    )
    graph = import_graph(root, "pkg")
    assert graph == {
        "pkg": {"pkg.deck"},
        "pkg.deck": {"pkg.slides"},
        "pkg.slides": {"pkg.deck"},
        "pkg.model": {"pkg.slides"},
    }
    assert cycles(graph) == [["pkg.deck", "pkg.slides"]]


def test_a_submodule_importing_its_package_s_sibling_through_the_package_is_no_cycle(tmp_path):
    # pkg/__init__ imports deck, and deck names a sibling as `from pkg import model`: the edge is
    # to pkg.model, so nothing comes back to pkg.deck
    root = _plant(
        tmp_path,
        {
            "pkg/__init__.py": "from pkg.deck import build\n",
            "pkg/deck.py": "from pkg import model\n",
            "pkg/model.py": "X = 1\n",
            "pkg/sub/__init__.py": "from ..model import X\n",
        },
    )
    graph = import_graph(root, "pkg")
    assert graph["pkg.deck"] == {"pkg.model"}
    assert graph["pkg.sub"] == {"pkg.model"}
    assert cycles(graph) == []

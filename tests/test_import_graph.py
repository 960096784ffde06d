"""No module of pipeline/ may reach itself through imports.

The graph counts every import statement a module holds: top-level, inside functions and under
`if TYPE_CHECKING`, because an import moved into a function to dodge a cycle is still a cycle of
responsibilities. A package's own `__init__` is a node like any module; importing a submodule
does not count as importing its parent package.

Each import is also filed by where it runs (`import_kinds`): at module level (run when the module
loads: a cycle there is the defect that breaks loading), inside a function (run when called: the
usual way out of a module-level cycle, so a cycle among them is a cycle dodged rather than
untied) or under `if TYPE_CHECKING` (never run). `python tests/test_import_graph.py` lists the
function-level and TYPE_CHECKING imports between modules of pipeline/ with their lines."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "pipeline"
# Cycles tolerated for now (none): the stale-entry test below fails once one is gone, so an
# exception added here cannot outlive its cycle.
KNOWN_CYCLES: list[list[str]] = []


def module_names(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    root = package_dir.parent
    names = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def _absolute(module: str | None, level: int, importer: str, is_package: bool) -> str:
    if level == 0:
        return module or ""
    base = importer.split(".")
    # A relative import is resolved against the importer's package.
    base = base if is_package else base[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


MODULE, FUNCTION, TYPE_CHECKING = "module", "function", "type-checking"
ALL_KINDS = frozenset({MODULE, FUNCTION, TYPE_CHECKING})
ImportNode = ast.Import | ast.ImportFrom


def import_kinds(tree: ast.AST) -> Iterator[tuple[ImportNode, str]]:
    """Every import statement of `tree` with where it runs: a function body (FUNCTION), the
    body of `if TYPE_CHECKING` (TYPE_CHECKING), else the module (MODULE; class bodies run when
    the module loads). The outermost of these places decides."""
    work: list[tuple[ast.AST, str]] = [(tree, MODULE)]
    while work:
        node, kind = work.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, kind
            continue
        for child in ast.iter_child_nodes(node):
            work.append((child, _kind_inside(node, child, kind)))


def _kind_inside(parent: ast.AST, child: ast.AST, kind: str) -> str:
    if kind != MODULE:
        return kind
    if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
        return FUNCTION
    if isinstance(parent, ast.If) and child in parent.body and _is_type_checking(parent.test):
        return TYPE_CHECKING
    return MODULE


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ImportNode, importer: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    origin = _absolute(node.module, node.level, importer, is_package)
    # `from pkg import name` imports pkg, and pkg.name too when that is a module.
    return [origin] + [f"{origin}.{alias.name}" for alias in node.names]


def import_edges(
    tree: ast.AST, importer: str, is_package: bool, known: set[str]
) -> list[tuple[str, str, int]]:
    """(module of `known`, kind, line) for every import statement anywhere in `tree`."""
    edges = []
    for node, kind in import_kinds(tree):
        for target in _targets(node, importer, is_package):
            if target in known and target != importer:
                edges.append((target, kind, node.lineno))
    return sorted(edges, key=lambda edge: (edge[2], edge[0]))


def imported_modules(
    tree: ast.AST,
    importer: str,
    is_package: bool,
    known: set[str],
    kinds: frozenset[str] = ALL_KINDS,
) -> set[str]:
    """Modules of `known` named by an import statement of one of `kinds` in `tree`."""
    return {
        target
        for target, kind, _ in import_edges(tree, importer, is_package, known)
        if kind in kinds
    }


def import_graph(package_dir: Path, kinds: frozenset[str] = ALL_KINDS) -> dict[str, set[str]]:
    names = module_names(package_dir)
    known = set(names)
    return {
        name: imported_modules(
            ast.parse(path.read_text(encoding="utf-8")),
            name,
            path.name == "__init__.py",
            known,
            kinds,
        )
        for name, path in names.items()
    }


def deferred_imports(package_dir: Path) -> list[tuple[str, str, str, int]]:
    """(importer, imported, kind, line) for the imports between modules of the package that do
    not run when the importer loads (inside functions or under TYPE_CHECKING)."""
    names = module_names(package_dir)
    known = set(names)
    found = []
    for name, path in names.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, kind, line in import_edges(tree, name, path.name == "__init__.py", known):
            if kind != MODULE:
                found.append((name, target, kind, line))
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph.get(succ, ())))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _cycle_detail(graph: dict[str, set[str]], found: list[list[str]]) -> str:
    return "\n".join(
        " <-> ".join(members)
        + ": "
        + "; ".join(f"{m} -> {sorted(graph[m] & set(members))}" for m in members)
        for members in found
    )


def test_pipeline_has_no_module_level_import_cycles() -> None:
    """The defect proper: modules that need each other while loading."""
    graph = import_graph(PACKAGE_DIR, frozenset({MODULE}))
    assert len(graph) > 40, "the package walk found too few modules"
    found = cycles(graph)
    assert not found, f"module-level import cycles in pipeline/:\n{_cycle_detail(graph, found)}"


def test_pipeline_has_no_import_cycles() -> None:
    graph = import_graph(PACKAGE_DIR)
    assert len(graph) > 40, "the package walk found too few modules"
    found = [members for members in cycles(graph) if members not in KNOWN_CYCLES]
    assert not found, f"import cycles in pipeline/:\n{_cycle_detail(graph, found)}"


def test_known_cycles_are_still_there() -> None:
    stale = [c for c in KNOWN_CYCLES if c not in cycles(import_graph(PACKAGE_DIR))]
    assert not stale, f"no longer a cycle, remove from KNOWN_CYCLES: {stale}"


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ({"a": "import p.b\n", "b": "x = 1\n"}, []),
        ({"a": "import p.b\n", "b": "import p.a\n"}, [["p.a", "p.b"]]),
        ({"a": "def f():\n    from p import b\n", "b": "from p.a import f\n"}, [["p.a", "p.b"]]),
        (
            {
                "a": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import X\n",
                "b": "from .a import Y\n",
            },
            [["p.a", "p.b"]],
        ),
        (
            {"a": "from .b import X\n", "b": "from .c import Y\n", "c": "from .a import Z\n"},
            [["p.a", "p.b", "p.c"]],
        ),
        ({"a": "import os\nimport json\n", "b": "from collections import Counter\n"}, []),
    ],
    ids=["one-way", "pair", "function-level", "type-checking", "three-ring", "outside-imports"],
)
def test_cycle_finder(tmp_path: Path, sources: dict[str, str], expected: list[list[str]]) -> None:
    package = tmp_path / "p"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text)
    assert cycles(import_graph(package)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import p.b\n", [("p.b", MODULE, 1)]),
        ("def f():\n    from p import b\n", [("p", FUNCTION, 2), ("p.b", FUNCTION, 2)]),
        ("class C:\n    import p.b\n", [("p.b", MODULE, 2)]),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import b\n",
            [("p", TYPE_CHECKING, 3), ("p.b", TYPE_CHECKING, 3)],
        ),
        ("import typing\nif typing.TYPE_CHECKING:\n    import p.b\n", [("p.b", TYPE_CHECKING, 3)]),
        (
            "if True:\n    import p.b\nelse:\n    import p.c\n",
            [("p.b", MODULE, 2), ("p.c", MODULE, 4)],
        ),
        (
            "if TYPE_CHECKING:\n    pass\nelse:\n    import p.b\n",
            [("p.b", MODULE, 4)],
        ),
        ("def f():\n    def g():\n        import p.b\n", [("p.b", FUNCTION, 3)]),
    ],
    ids=[
        "module",
        "function",
        "class-body",
        "type-checking",
        "typing-attribute",
        "plain-if",
        "type-checking-else",
        "nested-function",
    ],
)
def test_import_kinds(source: str, expected: list[tuple[str, str, int]]) -> None:
    known = {"p", "p.a", "p.b", "p.c"}
    assert import_edges(ast.parse(source), "p.a", False, known) == expected


def test_function_level_cycle_is_not_module_level(tmp_path: Path) -> None:
    """A cycle dodged by a function-level import: the module-level graph has none, the full
    graph still names it."""
    package = tmp_path / "p"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from p import b\n")
    (package / "b.py").write_text("from p.a import f\n")
    assert cycles(import_graph(package, frozenset({MODULE}))) == []
    assert cycles(import_graph(package)) == [["p.a", "p.b"]]
    assert deferred_imports(package) == [("p.a", "p", FUNCTION, 2), ("p.a", "p.b", FUNCTION, 2)]


if __name__ == "__main__":
    for importer, imported, kind, line in deferred_imports(PACKAGE_DIR):
        print(f"{importer}:{line} -> {imported} ({kind})")

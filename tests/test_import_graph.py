"""No module of pipeline/ may reach itself through imports.

The graph counts every import statement a module holds: top-level, inside functions and under
`if TYPE_CHECKING`, because an import moved into a function to dodge a cycle is still a cycle of
responsibilities. A package's own `__init__` is a node like any module; importing a submodule
does not count as importing its parent package."""

from __future__ import annotations

import ast
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


def imported_modules(tree: ast.AST, importer: str, is_package: bool, known: set[str]) -> set[str]:
    """Modules of `known` named by any import statement anywhere in `tree`."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            origin = _absolute(node.module, node.level, importer, is_package)
            # `from pkg import name` imports pkg, and pkg.name too when that is a module.
            targets = [origin] + [f"{origin}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(target for target in targets if target in known)
    found.discard(importer)
    return found


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    names = module_names(package_dir)
    known = set(names)
    return {
        name: imported_modules(
            ast.parse(path.read_text(encoding="utf-8")),
            name,
            path.name == "__init__.py",
            known,
        )
        for name, path in names.items()
    }


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


def test_pipeline_has_no_import_cycles() -> None:
    graph = import_graph(PACKAGE_DIR)
    assert len(graph) > 40, "the package walk found too few modules"
    found = [members for members in cycles(graph) if members not in KNOWN_CYCLES]
    detail = "\n".join(
        " <-> ".join(members)
        + ": "
        + "; ".join(f"{m} -> {sorted(graph[m] & set(members))}" for m in members)
        for members in found
    )
    assert not found, f"import cycles in pipeline/:\n{detail}"


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

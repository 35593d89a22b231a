"""The shape of the package: no import cycle, no private name across packages, small modules.

Every ``import`` of ``src/newsgraph`` is read with :mod:`ast` (those inside functions and
``TYPE_CHECKING`` blocks too: a cycle hidden in a function is still a cycle a reader has to
untangle), the graph of modules is drawn, and its strongly connected components are the
cycles. ``from package import name`` counts as importing the module ``package.name`` when
there is one, else the package itself.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "newsgraph"
MAX_LINES = 640


def modules() -> dict[str, tuple[Path, bool]]:
    """``{dotted name: (path, is a package)}`` for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        found[".".join(parts)] = (path, package)
    return found


def imports(name: str, path: Path, package: bool, known: set[str]) -> Iterator[tuple[str, str]]:
    """Yield ``(module imported, name imported or "")`` for each import of newsgraph in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "newsgraph":
                    yield alias.name, ""
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if package else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "newsgraph":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub, "") if sub in known else (target, alias.name)


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {
        name: {target for target, _ in imports(name, path, package, known) if target in known}
        - {name}
        for name, (path, package) in found.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected components of more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, edges = work[-1]
            child = next(edges, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def short(names: set[str]) -> set[str]:
    return {n.removeprefix("newsgraph.") for n in names}


def test_architecture_finds_a_cycle_when_there_is_one() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [{"a", "b", "c"}]


def test_architecture_no_import_cycle() -> None:
    found = [sorted(short(c)) for c in cycles(import_graph())]
    assert not found, f"import cycles in src/newsgraph: {found}"


def test_architecture_packages_form_layers() -> None:
    """Between the top-level packages and modules (``store``, ``extract``, ``cli.py``…) too."""

    def top(name: str) -> str:
        return name.split(".")[1] if "." in name else name

    graph: dict[str, set[str]] = {}
    for name, targets in import_graph().items():
        graph.setdefault(top(name), set()).update(top(t) for t in targets if top(t) != top(name))
    assert not cycles(graph)


def test_architecture_no_private_name_imported_across_packages() -> None:
    found = modules()
    known = set(found)
    crossings = []
    for name, (path, package) in found.items():
        home = name if package else name.rsplit(".", 1)[0]
        for target, imported in imports(name, path, package, known):
            target_home = (
                target if found.get(target, (None, False))[1] else target.rsplit(".", 1)[0]
            )
            private = imported.startswith("_") or any(
                part.startswith("_") and part != "__init__" for part in target.split(".")
            )
            if private and target_home != home:
                crossings.append(f"{name}: {target} {imported}".strip())
    assert not crossings


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.name))
def test_architecture_module_size(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(SRC)}: {lines} lines (split it by idea)"

"""The package's shape: no import cycle at import time inside `rustify/` (a module that
fills another's table on import needs one), and no source file past 900 lines."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "rustify"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_time_statements(body: list[ast.stmt]):
    """Statements run when the module is imported (not `if TYPE_CHECKING:` blocks)."""
    for node in body:
        if isinstance(node, ast.If):
            if "TYPE_CHECKING" in ast.unparse(node.test):
                yield from _import_time_statements(node.orelse)
                continue
            yield from _import_time_statements(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            yield from _import_time_statements(node.body + node.orelse + node.finalbody)
        else:
            yield node


def _all_statements(body: list[ast.stmt]):
    """Every import, also those inside functions (run later, but still a dependency)."""
    for node in body:
        yield from (n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom)))


def import_graph(lazy: bool = False) -> dict[str, set[str]]:
    """Module -> the modules it imports (`lazy`: also imports inside functions). Importing
    `a.b.c` runs `a` and `a.b` too, so a package's `__init__` counts as imported."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    statements = _all_statements if lazy else _import_time_statements
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in statements(ast.parse(path.read_text()).body):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    stem = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(stem + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            parents = {".".join(t.split(".")[:i]) for t in targets for i in range(1, t.count(".") + 1)}
            graph[name] |= {t for t in set(targets) | parents
                            if t in modules and t != name and not name.startswith(t + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles_at_import_time() -> None:
    assert cycles(import_graph()) == []


def test_no_import_cycles_even_through_imports_inside_functions() -> None:
    assert cycles(import_graph(lazy=True)) == []


def test_the_check_sees_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_source_file_over_900_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*") if p.suffix in (".py", ".rs")
            and (n := len(p.read_text().splitlines())) > 900}
    assert long == {}

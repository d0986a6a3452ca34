"""A script's definitions without its program: what parity checks may run of a `__main__`.

A script often runs its program at top level, without an `if __name__ == "__main__":`
guard: it reads input, writes files, prints, sleeps. Parity checking needs the script's
functions, not its program, so it runs only the statements that define things: imports,
`def`, `class`, and assignments whose value calls nothing but a few side-effect-free
builtins (`SCALE = 2.5`, `NAMES = ("a", "b")`, `TABLE = [0] * 256`), also inside `try`
(an optional import) and `if` (a version check) made of those alone. Everything else is
left out and reported, so a function that needs a name only the program sets says so
rather than failing in a puzzling way.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

#: builtins an assignment may call and still be a definition (no effect, no user code)
PURE_CALLS = frozenset({"range", "list", "tuple", "dict", "set", "frozenset", "int", "float", "str", "bytes",
                        "bool", "len", "min", "max", "sorted", "sum", "abs", "round", "enumerate", "zip",
                        "reversed", "chr", "ord"})


@dataclass(frozen=True)
class Skipped:
    line: int
    #: the names the left-out statement would have bound
    binds: frozenset[str]


def _pure(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)):
            return False
        if isinstance(sub, ast.Call):
            if not (isinstance(sub.func, ast.Name) and sub.func.id in PURE_CALLS):
                return False
    return True


def _is_main_guard(node: ast.stmt) -> bool:
    return (isinstance(node, ast.If) and isinstance(node.test, ast.Compare)
            and "__name__" in ast.unparse(node.test) and "__main__" in ast.unparse(node.test))


def _binds(node: ast.stmt) -> frozenset[str]:
    out = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
            out.add(sub.id)
        elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.add(sub.name)
        elif isinstance(sub, (ast.Import, ast.ImportFrom)):
            out.update((a.asname or a.name).split(".")[0] for a in sub.names)
    return frozenset(out)


def _keep(node: ast.stmt) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.Pass)):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # a docstring
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        value = node.value
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return (value is None or _pure(value)) and all(_pure(t) for t in targets)
    if isinstance(node, ast.Try):
        return all(_keep(s) for s in node.body + node.orelse + node.finalbody) and all(
            all(_keep(s) for s in h.body) for h in node.handlers)
    if isinstance(node, ast.If) and not _is_main_guard(node):
        return _pure(node.test) and all(_keep(s) for s in node.body + node.orelse)
    return False


def definitions(tree: ast.Module) -> tuple[ast.Module, list[Skipped]]:
    """The module with only its defining statements, and what was left out."""
    kept, skipped = [], []
    for node in tree.body:
        if _keep(node):
            kept.append(node)
        elif not _is_main_guard(node):
            skipped.append(Skipped(node.lineno, _binds(node)))
    return ast.Module(body=kept, type_ignores=tree.type_ignores), skipped

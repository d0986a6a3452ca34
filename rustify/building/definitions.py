"""A script's definitions without its program: what parity checks may run of a `__main__`.

A script often runs its program at top level, without an `if __name__ == "__main__":`
guard: it reads input, writes files, prints, sleeps. Parity checking needs the script's
functions, not its program, so it runs only the statements that define things: imports,
`def`, `class`, and assignments whose value calls nothing but side-effect-free builtins,
methods that only read a value (`BODIES.values()`, `"a b".split()`) and the module's own
pure helpers (`PAIRS = combinations(SYSTEM)`: a function of the module that calls only
those, and changes nothing but its own locals and arguments), also inside `try` (an
optional import) and `if` (a version check) made of those alone. Everything else is left
out and reported, so a function that needs a name only the program sets says so rather
than failing in a puzzling way.
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


#: functions of standard modules that only build a value (`LINE = re.compile(...)`)
PURE_MODULE_CALLS = frozenset({"re.compile", "math.sqrt", "math.exp", "math.log", "math.cos", "math.sin",
                               "math.radians", "math.pow", "struct.Struct", "decimal.Decimal",
                               "fractions.Fraction", "collections.namedtuple", "dataclasses.field"})

#: methods that only read their receiver (of builtin containers and str)
READING_METHODS = frozenset({"values", "keys", "items", "copy", "get", "index", "count", "split", "rsplit",
                             "strip", "lstrip", "rstrip", "join", "lower", "upper", "replace", "startswith",
                             "endswith", "encode", "decode", "splitlines", "partition", "rpartition", "find"})
#: methods that change their receiver: allowed on a helper's own locals and arguments
CHANGING_METHODS = frozenset({"append", "extend", "insert", "pop", "add", "update", "setdefault", "sort",
                              "reverse", "discard", "remove", "clear"})


class _Purity:
    """Which expressions and module functions may run while loading definitions."""

    def __init__(self, tree: ast.Module) -> None:
        self.functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
        self.known: dict[str, bool] = {}

    def expr(self, node: ast.AST, local: frozenset[str] = frozenset()) -> bool:
        for sub in ast.walk(node):
            if isinstance(sub, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda)):
                return False
            if isinstance(sub, ast.Call) and not self.call(sub, local):
                return False
        return True

    def call(self, node: ast.Call, local: frozenset[str]) -> bool:
        func = node.func
        if isinstance(func, ast.Name):
            return func.id in PURE_CALLS or (func.id not in local and self.function(func.id))
        if isinstance(func, ast.Attribute) and isinstance(func.value, (ast.Name, ast.Constant)):
            if isinstance(func.value, ast.Name) and f"{func.value.id}.{func.attr}" in PURE_MODULE_CALLS \
                    and func.value.id not in local:
                return True
            if func.attr in READING_METHODS:
                return True
            return func.attr in CHANGING_METHODS and isinstance(func.value, ast.Name) and func.value.id in local
        return False

    def function(self, name: str) -> bool:
        """A module function that calls only pure things and changes only its own locals
        and arguments (no `global`, no attribute stores, no item stores but on those)."""
        if name in self.known:
            return self.known[name]
        fn = self.functions.get(name)
        if fn is None or fn.decorator_list:
            return False
        self.known[name] = False  # recursion: not pure until proven
        args = fn.args
        local = frozenset(a.arg for a in args.posonlyargs + args.args + args.kwonlyargs) | frozenset(
            n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store))
        ok = all(self.expr(d) for d in args.defaults + [d for d in args.kw_defaults if d is not None])
        for sub in ast.walk(fn):
            if not ok:
                break
            if isinstance(sub, (ast.Global, ast.Nonlocal, ast.With, ast.AsyncWith, ast.Raise, ast.Delete)):
                ok = False
            elif isinstance(sub, (ast.Attribute, ast.Subscript)) and isinstance(sub.ctx, ast.Store):
                root = sub.value
                while isinstance(root, (ast.Attribute, ast.Subscript)):
                    root = root.value
                ok = isinstance(sub, ast.Subscript) and isinstance(root, ast.Name) and root.id in local
            elif isinstance(sub, ast.Call):
                ok = self.call(sub, local)
            elif sub is not fn and isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda,
                                                    ast.Yield, ast.YieldFrom, ast.Await)):
                ok = False
        self.known[name] = ok
        return ok


def _pure(node: ast.AST, purity: _Purity | None = None) -> bool:
    if purity is None:
        return all(not isinstance(s, ast.Call) or isinstance(s.func, ast.Name) and s.func.id in PURE_CALLS
                   for s in ast.walk(node)) and not any(
            isinstance(s, (ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)) for s in ast.walk(node))
    return purity.expr(node)


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


def _keep(node: ast.stmt, purity: _Purity | None = None) -> bool:
    if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
                         ast.Pass)):
        return True
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        return True  # a docstring
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        value = node.value
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return (value is None or _pure(value, purity)) and all(_pure(t, purity) for t in targets)
    if isinstance(node, ast.Try):
        return all(_keep(s, purity) for s in node.body + node.orelse + node.finalbody) and all(
            all(_keep(s, purity) for s in h.body) for h in node.handlers)
    if isinstance(node, ast.If) and not _is_main_guard(node):
        return _pure(node.test, purity) and all(_keep(s, purity) for s in node.body + node.orelse)
    return False


def definitions(tree: ast.Module) -> tuple[ast.Module, list[Skipped]]:
    """The module with only its defining statements, and what was left out."""
    kept, skipped = [], []
    purity = _Purity(tree)
    for node in tree.body:
        if _keep(node, purity):
            kept.append(node)
        elif not _is_main_guard(node):
            skipped.append(Skipped(node.lineno, _binds(node)))
    return ast.Module(body=kept, type_ignores=tree.type_ignores), skipped

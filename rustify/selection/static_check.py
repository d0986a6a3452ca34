"""A quick static look at a function for constructs that will not translate.

rustify-select uses it to explain its choices early; rustify-gen makes the real
decision. Coroutines (async def) can never be translated, so they are `fatal`;
everything else is a warning. Generators translate (runtime gen.rs).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from rustify.records import Warning_
from rustify.sources import FunctionDef


@dataclass(frozen=True)
class StaticLook:
    warnings: list[Warning_]
    #: a reason the function can never be translated, or None
    fatal: str | None


def _warn(node: ast.AST, construct: str, message: str) -> Warning_:
    return Warning_(construct=construct, line=getattr(node, "lineno", 0), col=getattr(node, "col_offset", 0), message=message)


class _Scanner(ast.NodeVisitor):
    def __init__(self, root: ast.AST) -> None:
        self.root = root
        self.warnings: list[Warning_] = []
        self.fatal: str | None = None

    def visit_Await(self, node: ast.Await) -> None:
        self.warnings.append(_warn(node, "await", "coroutines cannot be translated"))

    def visit_Global(self, node: ast.Global) -> None:
        self.warnings.append(_warn(node, "global", f"writes module globals ({', '.join(node.names)})"))

    def visit_Nonlocal(self, node: ast.Nonlocal) -> None:
        self.warnings.append(_warn(node, "nonlocal", f"writes enclosing variables ({', '.join(node.names)})"))

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in ("eval", "exec", "compile", "getattr", "setattr", "globals", "locals"):
            self.warnings.append(_warn(node, f"{node.func.id}()", f"dynamic code or attribute access ({node.func.id})"))
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.warnings.append(_warn(node, "class", "defines a class"))

    def _nested(self, node: ast.AST) -> None:
        if node is self.root:
            self.generic_visit(node)
            return
        self.warnings.append(_warn(node, "nested function", "defines a closure"))

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _nested


def look(fn: FunctionDef) -> StaticLook:
    """Warnings for `fn`; async defs are fatal."""
    scanner = _Scanner(fn.node)
    scanner.visit(fn.node)
    warnings = scanner.warnings
    fatal = scanner.fatal
    if isinstance(fn.node, ast.AsyncFunctionDef):
        fatal = "async def: not translatable"
        warnings.insert(0, _warn(fn.node, "async def", "coroutines cannot be translated"))
    if fn.in_class and not fn.nested and fn.qualname.count(".") > 1:
        warnings.insert(0, _warn(fn.node, "method", "methods of nested classes are not translated (those of "
                                 "module-level classes are)"))
    if fn.nested:
        warnings.insert(0, _warn(fn.node, "nested function", "functions defined inside functions are not translated"))
    return StaticLook(warnings, fatal)

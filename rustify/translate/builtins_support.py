"""Small helpers every builtins rule module uses (argument checks)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import UnknownT

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext


def _unknown(lw: LowerContext, args: list[ir.Expr], node: ast.AST) -> ir.Expr | None:
    if any(isinstance(a.type, UnknownT) for a in args):
        return lw.unknown(node, "an argument")
    return None


def _positional(lw: LowerContext, node: ast.Call, name: str, allowed_kw: tuple[str, ...] = ()) -> list[ir.Expr]:
    for kw in node.keywords:
        if kw.arg not in allowed_kw:
            raise reject(node, name, f"keyword {kw.arg!r} of {name}() is not translated")
    return [lw.expr(a) for a in node.args]

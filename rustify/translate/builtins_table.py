"""The builtin and method rules, assembled in one place from the modules that define
them (nothing registers itself on import): the base rules for numbers and lists
(builtins.py), then dicts and sets (builtins_dict.py: they wrap the base `len`, `list`,
`sum`, `sorted`, `max`, ... of the same name), then str and bytes (builtins_str.py), then
the questions about types (builtins_types.py)."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate import builtins, builtins_dict, builtins_str, builtins_types
from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext


def _added(base: dict, extra: dict, overriding: bool) -> dict:
    clash = set(base) & set(extra)
    if clash and not overriding:
        raise RuntimeError(f"builtin rules defined twice: {sorted(map(str, clash))}")
    return {**base, **extra}


RULES = _added(_added(_added(builtins.BASE_RULES, builtins_dict.RULES, overriding=True), builtins_str.RULES,
                      overriding=False), builtins_types.RULES, overriding=False)
#: builtins whose other arguments are classes: the rule is tried whatever those are
CLASS_ARGUMENTS = builtins_types.CLASS_ARGUMENTS
METHODS = _added(builtins_dict.METHODS, builtins_str.METHODS, overriding=False)


def builtin_call(lw: LowerContext, name: str, node: ast.Call) -> ir.Expr:
    rule = RULES.get(name)
    if rule is None:
        raise reject(node, f"{name}()", f"the builtin {name}() is not translated")
    return rule(lw, node)


def method_call(lw: LowerContext, func: ast.Attribute, node: ast.Call) -> ir.Expr:
    return builtins.method_call(lw, func, node, METHODS)

"""Typing rules for builtins that ask what type a value has: `isinstance`.

A native value's type is known to the translation, so `isinstance(x, float)` is decided
when the function is translated (an `int` is never a float; a `bool` is an int), except
where the type is decided per value: an `int | float` (`num.is_int`, `num.is_float`) and
a `T | None`. Anything else (an object, a class of the program) is CPython's own
isinstance on the object (the caller falls back to the object tier).

    isinstance(n, (int, float))   with n: int        ->  True
    isinstance(x, float)          with x: int | float ->  num.is_float(x)
    isinstance(v, int)            with v: int | None ->  not opt.is_none(v) and True
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, BoolT, BytesT, DictT, FloatT, IntT, ListT, NoneT, NumT, OptionalT, RType, SetT, StrT, TupleT, UnknownT,
)

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext

#: builtin classes an isinstance() test may name, and the native types all of whose values are instances
_INSTANCES: dict[str, tuple[type, ...]] = {
    "int": (IntT, BoolT), "bool": (BoolT,), "float": (FloatT,), "str": (StrT,), "bytes": (BytesT,),
    "list": (ListT,), "tuple": (TupleT,), "dict": (DictT,), "set": (SetT,),
}
#: for an int | float: the test that decides per value
_NUM_TESTS = {"int": "num.is_int", "float": "num.is_float"}


def _classes(lw: LowerContext, node: ast.expr) -> list[str] | None:
    """The builtin classes named by isinstance()'s second argument (None: other classes)."""
    names = node.elts if isinstance(node, ast.Tuple) else [node]
    if not names or not all(isinstance(n, ast.Name) and (n.id in _INSTANCES or n.id == "object")
                            and lw.is_builtin(n.id) for n in names):
        return None
    return [n.id for n in names]  # type: ignore[attr-defined]


def _test(value: ir.Expr, classes: list[str]) -> ir.Expr | None:
    """Whether `value` (of a native type, not Optional) is an instance of one of `classes`."""
    t = value.type
    if "object" in classes or any(isinstance(t, _INSTANCES[c]) for c in classes):
        return ir.Const(True, BOOL)
    if isinstance(t, NumT):
        tests = [ir.Intrinsic(_NUM_TESTS[c], (value,), BOOL) for c in classes if c in _NUM_TESTS]
        if not tests:
            return ir.Const(False, BOOL)
        return tests[0] if len(tests) == 1 else ir.Const(True, BOOL)  # int or float: always one
    if isinstance(t, (IntT, FloatT, BoolT, NoneT, StrT, BytesT, ListT, TupleT, DictT, SetT)):
        return ir.Const(False, BOOL)
    return None  # an object, a numpy value: CPython's isinstance


def _isinstance(lw: LowerContext, node: ast.Call) -> ir.Expr:
    if len(node.args) != 2 or node.keywords:
        raise reject(node, "isinstance", "isinstance() takes two arguments")
    classes = _classes(lw, node.args[1])
    if classes is None:
        raise reject(node.args[1], "isinstance", "isinstance() of a class of the program is CPython's own")
    value = lw.expr(node.args[0])
    if isinstance(value.type, UnknownT):
        return lw.unknown(node, "isinstance()'s argument")
    t = value.type
    held = value if isinstance(value, (ir.Name, ir.Const)) else ir.Name(lw.fresh("isa", t), t)
    if isinstance(t, OptionalT):
        inner = _test(ir.Intrinsic("opt.unwrap", (held,), t.item), classes)
        test = None if inner is None else ir.BoolOp(
            "and", ir.Unary("not", ir.Intrinsic("opt.is_none", (held,), BOOL), BOOL), inner, BOOL)
    else:
        test = _test(held, classes)
    if test is None:
        raise reject(node, "isinstance", f"isinstance() of a {t} is CPython's own")
    if held is value:
        return test
    assert isinstance(held, ir.Name)  # the value evaluated once, for its effects too
    return ir.Block((ir.Assign(ir.NamePlace(held.name, t), value),), test, BOOL)


#: rules of builtins about types (assembled by builtins_table.py)
RULES = {"isinstance": _isinstance}
#: builtins whose other arguments are classes: their first argument's type decides the rule
CLASS_ARGUMENTS = frozenset(RULES)

"""Rust for the intrinsics that ask what type a value has (typed in builtins_types.py),
and CPython's `==` of lists, tuples and optionals by type (rt::PyEq).

    num.is_float!(x)  ->  matches!(x, rt::Num::Float(_))
    value.eq!(a, b)   ->  rt::py_eq(&a, &b)?
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.ir import nodes as ir

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter


def _num_is(variant: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        return f"matches!({em.value(e.args[0])}, rt::Num::{variant}(_))"
    return emit


def _eq(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    left = em.fresh()  # the left operand first, as CPython evaluates them
    return f"{{ let {left} = {em.value(e.args[0])}; rt::py_eq(&{left}, {em.borrow(e.args[1])})? }}"


#: this module's intrinsics (assembled with the others by emit/tables.py)
INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {
    "num.is_int": _num_is("Int"), "num.is_float": _num_is("Float"), "value.eq": _eq,
}

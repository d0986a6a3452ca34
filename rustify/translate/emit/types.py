"""Rust for the intrinsics that ask what type a value has (typed in builtins_types.py).

    num.is_float!(x)  ->  matches!(x, rt::Num::Float(_))
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


#: this module's intrinsics (assembled with the others by emit/tables.py)
INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {
    "num.is_int": _num_is("Int"), "num.is_float": _num_is("Float"),
}

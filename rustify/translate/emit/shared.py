"""Rust for items kept as their objects (passes/shared_items.py, runtime view.rs `Shared`).

    shared.value!(x)  ->  v_x.v            (the number, where arithmetic or a test reads it)
    shared.fresh!(e)  ->  rt::Shared::fresh(e)   (a number the translation made, kept with them;
                                                 `rt::Owned` where a list changes in place)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import SharedT

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter


def _value(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"({em.borrow(e.args[0])}).v"  # no copy (an `Owned` copy takes a reference)


def _fresh(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    kind = "Owned" if isinstance(e.type, SharedT) and e.type.owned else "Shared"
    return f"rt::{kind}::fresh({em.value(e.args[0])})"


def _fresh_list(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::fresh_list({em.value(e.args[0])})"


#: this module's table (assembled with the others by emit/tables.py)
INTRINSICS = {"shared.value": _value, "shared.fresh": _fresh, "shared.fresh_list": _fresh_list}

"""Pass: reject functions that return a set after removing items from a set.

A returned set is rebuilt as a new Python set by adding its items in the order the
translated code added them; CPython's own set iterates in hash-table order, which
equals that rebuild's order only when no item was removed on the way (a removal
leaves a dummy slot that changes where later items land):

    s = {1, 9}; s.discard(1); s.add(17)   # CPython iterates [17, 9], a rebuild [9, 17]

So `discard` and a set in the result do not go together (the caller could see the
order by iterating the set).
"""

from __future__ import annotations

from rustify.translate.errors import reject_at
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import DictT, ListT, OptionalT, RType, SetT, TupleT
from rustify.translate.ir.walk import walk_body
from rustify.translate.ops import op

def holds_set(t: RType) -> bool:
    if isinstance(t, SetT):
        return True
    if isinstance(t, (ListT, OptionalT)):
        return holds_set(t.item)
    if isinstance(t, TupleT):
        return any(holds_set(i) for i in t.items)
    if isinstance(t, DictT):
        return holds_set(t.value)
    return False


def check_set_order(function: ir.Function) -> ir.Function:
    if not holds_set(function.ret):
        return function
    for node in walk_body(function.body):
        if isinstance(node, ir.Intrinsic) and op(node.name).removes:
            raise reject_at((function.line, function.col), "set order",
                            "returns a set after removing items from a set: CPython's iteration order "
                            "of the result would not be reproduced", "return sorted(s), or build the set without removals")
    return function

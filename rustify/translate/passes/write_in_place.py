"""Writes in place: item stores into a list argument go to the caller's list itself.

A list argument the function changes (mode `mut`) is converted on entry and written back
whole on exit (runtime `write_back_list`): a function that changes one item of a long list
pays twice its length, and every item of the caller's list becomes a new object, the
untouched ones too, where CPython keeps them (`xs[5] is old` after `xs[0] = 0.0`). A flat
list of numbers that the function only reads, measures and stores items into (`xs[i] = v`,
`xs[i] += v`, swaps) becomes mode `inplace` (runtime view.rs `ListMut`): reads come from the
list (each item checked for its exact type as it is read), and each store replaces that one
item, as CPython's. A deopt must leave no trace, so where one may follow a store
(check_effects.deopts_after_stores) `Function.stores` says how: where only a read of an item
of another type may, every item is checked on entry ("checked": a loop over the list pays
that once); where an int may outgrow 64 bits, the stores are undone before the Python
original runs ("undone": the slots' first items are kept until the call settles).

Lists read in a nested loop keep the conversion (each read of a Python float is an extra
indirection; the conversion is paid once), as for lists only read (read_in_place.py).
"""

from __future__ import annotations

import dataclasses

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, FloatT, IntT, ListT
from rustify.translate.ir.walk import children, walk_body
from rustify.translate.passes.check_effects import Facts, deopts_after_stores
from rustify.translate.passes.read_in_place import reads_part

_ITEMS = (FloatT, IntT, BoolT)


def write_in_place(function: ir.Function, facts: dict[str, Facts]) -> ir.Function:
    if function.generator:  # its body runs after the call returns
        return function
    names = frozenset(p.name for p in function.params if p.mode == "mut" and isinstance(p.type, ListT)
                      and isinstance(p.type.item, _ITEMS) and _items_only(function, p.name)
                      and reads_part(function, p.name))
    if not names:
        return function
    params = tuple(dataclasses.replace(p, mode="inplace") if p.name in names else p for p in function.params)
    stores = "final" if not deopts_after_stores(function, names, facts, reads=True) else \
        "checked" if not deopts_after_stores(function, names, facts, reads=False) else "undone"
    return dataclasses.replace(function, params=params, stores=stores)


def _items_only(function: ir.Function, name: str) -> bool:
    """Whether the list `name` is only read by item, measured, tested and stored into by
    item (`xs[i] = v`): not passed on, resized, sorted, sliced or iterated as a whole."""
    for node in walk_body(function.body):
        for child in children(node):
            if isinstance(child, ir.Name) and child.name == name and not (
                    isinstance(node, ir.Index) and node.seq is child or isinstance(node, (ir.Len, ir.Truthy))):
                return False
            if isinstance(child, ir.NamePlace) and child.name == name and not (
                    isinstance(node, ir.IndexPlace) and node.base is child):
                return False
    return True

"""Generic traversal of IR trees (children of any node), for passes and checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from rustify.translate.ir import nodes as ir


def children(node: object) -> Iterator[object]:
    """Direct IR children of a node (expressions, statements, places), in field order."""
    if not dataclasses.is_dataclass(node):
        return
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            for item in value:
                if isinstance(item, (ir.Expr, ir.Stmt, ir.NamePlace, ir.IndexPlace)):
                    yield item
        elif isinstance(value, (ir.Expr, ir.Stmt, ir.NamePlace, ir.IndexPlace)):
            yield value


def walk(node: object) -> Iterator[object]:
    """Every node below `node` (itself included), parents before children."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(list(children(current))))


def walk_body(body: tuple[ir.Stmt, ...]) -> Iterator[object]:
    for stmt in body:
        yield from walk(stmt)


def map_children(node, f):
    """`node` with `f` applied to each direct IR child (rebuilt only where one changed)."""
    return map_slots(node, lambda child, _field, _k: f(child))


def map_slots(node, f):
    """`node` with `f(child, field name, position in the field)` applied to each direct IR
    child (rebuilt only where one changed): for rewrites that depend on where a child stands."""
    if not dataclasses.is_dataclass(node):
        return node
    changes = {}
    for fld in dataclasses.fields(node):
        value = getattr(node, fld.name)
        if isinstance(value, tuple):
            new = tuple(f(v, fld.name, k) if is_ir(v) else v for k, v in enumerate(value))
            if any(a is not b for a, b in zip(new, value)):
                changes[fld.name] = new
        elif is_ir(value):
            new = f(value, fld.name, 0)
            if new is not value:
                changes[fld.name] = new
    return dataclasses.replace(node, **changes) if changes else node


def place_root(place: ir.NamePlace | ir.IndexPlace) -> str:
    """The variable a place stores into (`a` of `a[i][j] = v`)."""
    while isinstance(place, ir.IndexPlace):
        place = place.base
    return place.name


def is_ir(v: object) -> bool:
    return isinstance(v, (ir.Expr, ir.Stmt, ir.NamePlace, ir.IndexPlace))

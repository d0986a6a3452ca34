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

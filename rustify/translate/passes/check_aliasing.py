"""Reject functions whose in-place list mutation could be seen through another name.

Rust gives each list variable its own vector; Python lets two names share one list.
The two agree as long as a list that is mutated in place is never shared, so this
pass proves that, conservatively:

- a mutated local only ever receives fresh lists (literals, comprehensions, copies,
  concatenations, slices, `sorted`), never another variable's list;
- a mutated variable's list never escapes into another container or variable
  (returning it is fine: the function ends);
- lists inside a list argument are never mutated (the caller may hold them).

    before: def f(xs): ys = xs; ys.append(1)       after: Reject("may share its list")
"""

from __future__ import annotations

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import ListT, contains_list
from rustify.translate.ir.walk import walk_body

FRESH = {"list.concat", "list.slice", "list.copy", "sorted", "list.repeat"}
MUTATING = {"list.append", "list.extend", "list.pop", "list.insert", "list.reverse", "list.clear"}


def _is_fresh(value: ir.Expr, nested: bool) -> bool:
    if isinstance(value, ir.ListLit):
        return not nested or all(_is_fresh(i, False) or not contains_list(i.type) for i in value.items)
    if isinstance(value, ir.Block):
        return True
    if isinstance(value, ir.Convert):
        return True  # converting the items builds a new list
    if isinstance(value, ir.Intrinsic) and value.name in FRESH:
        return not (nested and value.name == "list.repeat" and contains_list(value.type.item))  # type: ignore[attr-defined]
    return False


def _root(expr: ir.Expr) -> tuple[str | None, int]:
    depth = 0
    while isinstance(expr, ir.Index):
        expr, depth = expr.seq, depth + 1
    return (expr.name if isinstance(expr, ir.Name) else None), depth


def check_aliasing(function: ir.Function) -> ir.Function:
    mutated = set(function.mutated)
    if not mutated:
        return function
    params = {p.name: p for p in function.params}
    nested: set[str] = set()
    for node in walk_body(function.body):
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.IndexPlace) and isinstance(node.target.base, ir.IndexPlace):
            base = node.target.base
            while isinstance(base, ir.IndexPlace):
                base = base.base
            nested.add(base.name)
        if isinstance(node, ir.Intrinsic) and node.name in MUTATING:
            name, depth = _root(node.args[0])
            if name is not None and depth > 0:
                nested.add(name)
    for name in nested & set(params):
        raise reject(None, "nested mutation", f"mutates lists inside the list argument `{name}`",
                     "the caller may hold those inner lists; build and return a new list")
    for node in walk_body(function.body):
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace) and node.target.name in mutated \
                and node.target.name not in params and isinstance(node.target.type, ListT):
            if not _is_fresh(node.value, node.target.name in nested):
                raise reject(None, "list aliasing", f"mutates `{node.target.name}`, which may share its list "
                             "with another variable", "mutate a copy: `list(x)` or `x.copy()`")
        escapes: list[ir.Expr] = []
        if isinstance(node, (ir.ListLit, ir.TupleLit)):
            escapes = list(node.items)
        elif isinstance(node, ir.Intrinsic) and node.name in ("list.append", "list.insert"):
            escapes = [node.args[-1]]
        elif isinstance(node, ir.Assign):
            escapes = [node.value]
        elif isinstance(node, ir.Call) and contains_list(node.type):
            escapes = list(node.args)
        for value in escapes:
            if isinstance(value, ir.Name) and value.name in mutated and contains_list(value.type):
                raise reject(None, "list aliasing", f"`{value.name}` is mutated and also stored elsewhere",
                             "store a copy: `list(x)`")
    return function

"""Arguments read in place: which parameters a translation reads from the caller's objects
(mode `view`: runtime view.rs `Seq`, `StrMap`, text_view.rs `StrView`) instead of
converting them on entry, and where converting once costs less."""

from __future__ import annotations

import dataclasses

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, DictT, FloatT, IntT, ListT, StrT
from rustify.translate.ir.walk import children, walk, walk_body

#: list items a `Seq` reads in place (runtime view.rs): numbers and bools, checked per read
_VIEW_ITEMS = (FloatT, IntT, BoolT)


def read_in_place(function: ir.Function) -> ir.Function:
    """A function without visible effects may deopt at any point, so the lists of numbers it
    only reads are read in place (mode `view`) instead of converted on entry: an item's type
    is checked when it is read, and a function that reads two items of a long list pays for two.

    Where loops read every item many times (`a[i*n+k]` in a matrix product, the window of a
    convolution) one conversion on entry costs less than checking each read, and it lets the
    loops run without the GIL: such lists are still converted."""
    if function.generator:  # its body runs after the call returns: arguments are its own
        return function
    params = tuple(dataclasses.replace(p, mode="view") if p.mode == "ref" and (
        isinstance(p.type, ListT) and isinstance(p.type.item, _VIEW_ITEMS) and reads_part(function, p.name)
        or is_rows(p.type) and _rows_read_once(function, p.name)
        or isinstance(p.type, DictT) and isinstance(p.type.key, StrT) and _only_looked_up(function, p.name))
        else p for p in function.params)
    return dataclasses.replace(function, params=params)


def is_rows(t: object) -> bool:
    """A list of lists of numbers (`list[list[float]]`), which a view reads row by row."""
    return isinstance(t, ListT) and isinstance(t.item, ListT) and isinstance(t.item.item, _VIEW_ITEMS)


def _rows_read_once(function: ir.Function, name: str) -> bool:
    """Whether the rows of `name` are only read where they stand (`A[i][k]`, `len(A[i])`,
    `len(A)`) and no item is read inside three loops (a traversal reads each item about once;
    a matrix product reads each many times, and converting once on entry costs less)."""
    for node in walk_body(function.body):
        for child in children(node):
            if isinstance(child, ir.Name) and child.name == name and not (
                    isinstance(node, ir.Len) or isinstance(node, ir.Index) and node.seq is child):
                return False
    rows = [n for n in walk_body(function.body) if isinstance(n, ir.Index) and isinstance(n.seq, ir.Name)
            and n.seq.name == name]
    used = {id(n.seq) for n in walk_body(function.body) if isinstance(n, ir.Index)} | \
        {id(n.operand) for n in walk_body(function.body) if isinstance(n, ir.Len)}
    if any(id(r) not in used for r in rows):
        return False  # a row taken whole (`row = A[i]`, `sum(A[i])`)

    rows_at = {id(r) for r in rows}

    def deepest(node: object, level: int) -> int:
        """The most loops around a row read below `node` (a loop's condition and body run per
        iteration; comprehensions are loops too)."""
        found = level if id(node) in rows_at else 0
        if isinstance(node, ir.ForRange):
            heads = max((deepest(h, level) for h in (node.start, node.stop, node.step)), default=0)
            return max(found, heads, *(deepest(b, level + 1) for b in node.body), 0)
        inner = level + isinstance(node, ir.While)
        return max([found] + [deepest(c, inner) for c in children(node)])
    return max((deepest(s, 0) for s in function.body), default=0) <= 2


def read_str_in_place(function: ir.Function) -> ir.Function:
    """A str argument the function never rebinds is read in CPython's own representation
    (mode `view`, runtime text_view.rs): a str cannot change, so this needs no condition on
    the function's effects; operations other than `len`, `strip` and `split` convert it once."""
    if function.generator:  # its body runs after the call returns: arguments are its own
        return function
    bound = {n.name for n in walk_body(function.body) if isinstance(n, ir.NamePlace)}
    params = tuple(dataclasses.replace(p, mode="view") if p.mode == "value" and isinstance(p.type, StrT)
                   and p.name not in bound else p for p in function.params)
    return dataclasses.replace(function, params=params)


#: what a dict read in place (runtime view.rs `StrMap`) answers: lookups by key and `len`
_LOOKUPS = frozenset({"dict.contains", "dict.getitem", "dict.get"})


def _only_looked_up(function: ir.Function, name: str) -> bool:
    """Whether the dict `name` is only looked up (`k in d`, `d[k]`, `d.get(k)`, `len(d)`):
    each costs one lookup in the caller's dict, where converting it costs its size."""
    used = False
    for node in walk_body(function.body):
        for child in children(node):
            if isinstance(child, ir.Name) and child.name == name:
                used = True
                if isinstance(node, ir.Len) or isinstance(node, ir.Intrinsic) and node.name in _LOOKUPS \
                        and node.args[0] is child and isinstance(node.args[1].type, StrT) \
                        and all(a is not child for a in node.args[1:]):
                    continue
                return False
    return used


def reads_part(function: ir.Function, name: str) -> bool:
    """Whether reading the list `name` in place costs at most what converting it would: no
    loop reads it inside another loop (so a call reads each item about once: a dot product,
    `for x in xs`), or it is read in a loop the function may leave early (`break`, `return`:
    a scan for a match), or at a computed index in a `while` loop (a binary search)."""
    def reads(node: object, checked: bool | None = None) -> bool:
        return any(isinstance(n, ir.Index) and isinstance(n.seq, ir.Name) and n.seq.name == name
                   and (checked is None or n.checked == checked) for n in walk(node))

    loops = [n for n in walk_body(function.body) if isinstance(n, (ir.While, ir.ForRange)) and reads(n)]
    nested = [inner for loop in loops for inner in walk_body(loop.body)
              if isinstance(inner, (ir.While, ir.ForRange)) and reads(inner)]
    if not nested and not _needs_whole(function, name):
        return True
    for loop in loops:
        if any(isinstance(n, (ir.Break, ir.Return)) for n in walk_body(loop.body)):
            return True
        if isinstance(loop, ir.While) and reads(loop, checked=True):
            return True
    return False


def _returned_slice(function: ir.Function, node: object) -> bool:
    """`return xs[a:b]`: taken from the list argument's own items (passes/shared_items.py)."""
    return isinstance(node, ir.Intrinsic) and node.name == "list.slice" and any(
        isinstance(s, ir.Return) and s.value is node for s in walk_body(function.body))


def _needs_whole(function: ir.Function, name: str) -> bool:
    """Whether an operation other than an item read or `len` takes the list `name` (`min(xs)`,
    a slice): it converts the view once, and the loops had better read that conversion."""
    for node in walk_body(function.body):
        for child in children(node):
            if isinstance(child, ir.Name) and child.name == name and not (
                    isinstance(node, ir.Index) and node.seq is child or isinstance(node, (ir.Len, ir.Truthy))
                    or _returned_slice(function, node)):
                return True
    return False

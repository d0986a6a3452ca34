"""Str pieces: locals holding parts of a str argument in the argument's own storage.

`for field in line.split(","): total += float(field.strip())` made a `Str` (4 bytes per code
point, one allocation) for every field, another for its stripped copy, and then parsed it.
A local whose every value is a part of a str argument read in place (a field of `split`,
a `strip`, an item of a list of fields) and whose every use reads the text where it is
(`strip`, `split`, `float()`, `int()`, `==`, `startswith`, `len`, truth) becomes an
`rt::StrPiece` (StrPieceT): a slice of CPython's storage, so such a loop allocates nothing.
A local used any other way (a dict key, a result, an item appended, an argument) stays a
`Str`, and so do the fields of a split whose list is kept.

Runs after `read_str_in_place` (the str arguments read in place are the pieces' sources).
"""

from __future__ import annotations

import dataclasses

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import ListT, StrPieceT, StrT
from rustify.translate.ir.walk import map_slots, walk_body

PIECE = StrPieceT()
PIECES = ListT(PIECE)

_STRIPS = frozenset({"str.strip", "str.lstrip", "str.rstrip"})
_NUMBERS = frozenset({"float.from_str", "int.from_str"})


def use_str_pieces(function: ir.Function) -> ir.Function:
    views = {p.name for p in function.params if p.mode == "view" and isinstance(p.type, StrT)}
    if not views or function.generator:
        return function
    # a function whose every `return` gives a part of its str arguments returns pieces (made
    # Python strs from the storage they are read in): tried first, then without
    returns = [s.value for s in walk_body(function.body) if isinstance(s, ir.Return) and s.value is not None]
    if function.ret in (StrT(), ListT(StrT())) and returns:
        pieces, lists = _candidates(function, views, returns=True)
        if all(_source(v, views, pieces, lists) if isinstance(function.ret, StrT)
               else _list_source(v, views, pieces, lists) for v in returns):
            retyped = _retyped(function, views, pieces, lists, returns=True)
            return dataclasses.replace(retyped, ret=PIECE if isinstance(function.ret, StrT) else PIECES)
    pieces, lists = _candidates(function, views, returns=False)
    return _retyped(function, views, pieces, lists, returns=False)


def _candidates(function: ir.Function, views: set[str], returns: bool) -> tuple[set[str], set[str]]:
    """The str locals that can be pieces, and the lists of them (`returns`: a `return` takes one)."""
    unbound = set(function.maybe_unbound)
    pieces = {n for n, t in function.locals if isinstance(t, StrT) and n not in unbound}
    lists = {n for n, t in function.locals if t == ListT(StrT()) and n not in unbound}
    while True:  # drop each local with a value or a use that is not a piece's, until none is left
        kept = _Candidates(views, set(pieces), set(lists), returns)
        for stmt in function.body:
            kept.visit(stmt, False)
        if (kept.pieces, kept.lists) == (pieces, lists):
            return pieces, lists
        pieces, lists = kept.pieces, kept.lists


class _Candidates:
    """One sweep: removes the candidates assigned a value that is not a piece, or read
    where a piece is not accepted."""

    def __init__(self, views: set[str], pieces: set[str], lists: set[str], returns: bool):
        self.views, self.pieces, self.lists, self.returns = views, pieces, lists, returns
        self.seen_pieces, self.seen_lists = set(pieces), set(lists)

    def visit(self, node: object, ctx: bool) -> None:
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
            name = node.target.name
            if name in self.seen_pieces and not _source(node.value, self.views, self.seen_pieces, self.seen_lists):
                self.pieces.discard(name)
            if name in self.seen_lists and not _list_source(node.value, self.views, self.seen_pieces,
                                                            self.seen_lists):
                self.lists.discard(name)
            self.visit(node.value, name in self.seen_pieces or name in self.seen_lists)
            return
        if isinstance(node, ir.Return) and node.value is not None:
            self.visit(node.value, self.returns)
            return
        if isinstance(node, ir.Name) and not ctx:
            self.pieces.discard(node.name)
            self.lists.discard(node.name)
        for child, accepts in _slots(node, ctx):
            self.visit(child, accepts)


def _source(e: ir.Expr, views: set[str], pieces: set[str], lists: set[str]) -> bool:
    """Whether `e` can be a piece: a piece or an argument read in place, its strip, an item
    of a list of pieces or of a split."""
    if isinstance(e, ir.Name):
        return e.name in pieces or e.name in views and isinstance(e.type, StrT)
    if isinstance(e, ir.Intrinsic) and e.name in _STRIPS and _strip_form(e):
        return _source(e.args[0], views, pieces, lists)
    if isinstance(e, ir.Index):
        return _list_source(e.seq, views, pieces, lists)
    return False


def _list_source(e: ir.Expr, views: set[str], pieces: set[str], lists: set[str]) -> bool:
    """Whether `e` can be a list of pieces: one, or a split of a piece."""
    if isinstance(e, ir.Name):
        return e.name in lists
    return isinstance(e, ir.Intrinsic) and e.name == "str.split" and len(e.args) <= 2 \
        and _source(e.args[0], views, pieces, lists)


def _strip_form(e: ir.Intrinsic) -> bool:
    """`s.strip()` or `s.strip(chars)` with `chars` a str (not None, which is whitespace too)."""
    return len(e.args) == 1 or len(e.args) == 2 and isinstance(e.args[1].type, StrT)


def _slots(node: object, ctx: bool):
    """The direct IR children of `node`, each with whether a piece is accepted there.

    `ctx` says whether `node`'s own value may be a piece (an item read `parts[0]` is a piece
    only where a piece is accepted, and so its list)."""
    if not dataclasses.is_dataclass(node):
        return
    for fld in dataclasses.fields(node):
        value = getattr(node, fld.name)
        items = value if isinstance(value, tuple) else (value,)
        for slot, child in enumerate(items):
            if isinstance(child, (ir.Expr, ir.Stmt, ir.NamePlace, ir.IndexPlace)):
                yield child, _accepts(node, fld.name, slot, ctx)


def _accepts(node: object, field: str, slot: int, ctx: bool) -> bool:
    if isinstance(node, (ir.Truthy, ir.Len)):
        return True
    if isinstance(node, ir.Index):
        return field == "seq" and ctx
    if not isinstance(node, ir.Intrinsic) or field != "args":
        return False
    n = len(node.args)
    if node.name in _STRIPS and _strip_form(node) and slot == 0 or node.name == "str.split" and n <= 2 and slot == 0:
        return True
    if node.name in _NUMBERS and n == 1 or node.name in ("str.eq", "str.ne"):
        return True
    return node.name in ("str.startswith", "str.endswith") and n == 2 and slot == 0 \
        and isinstance(node.args[1].type, StrT)


def _retyped(function: ir.Function, views: set[str], pieces: set[str], lists: set[str], returns: bool) -> ir.Function:
    """`function` with the pieces' types, and each strip or split that can give a piece where
    one is accepted giving it (a temporary list of fields too: `len(line.split(","))`)."""

    def rw(node, ctx: bool):
        if isinstance(node, ir.Return) and node.value is not None and returns:
            value = rw(node.value, True)
            if isinstance(value, ir.Name) and value.name in views:  # `return line`: the whole as a piece
                value = ir.Intrinsic("str.piece", (value,), PIECE)
            return dataclasses.replace(node, value=value)
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace) \
                and node.target.name in pieces | lists:
            kind = PIECE if node.target.name in pieces else PIECES
            return ir.Assign(dataclasses.replace(node.target, type=kind), rw(node.value, True))
        node = map_slots(node, lambda child, field, k: rw(child, _accepts(node, field, k, ctx)))
        if isinstance(node, ir.Name) and node.name in pieces:
            return dataclasses.replace(node, type=PIECE)
        if isinstance(node, ir.Name) and node.name in lists:
            return dataclasses.replace(node, type=PIECES)
        if not ctx:
            return node
        if isinstance(node, ir.Intrinsic) and node.name in _STRIPS and _strip_form(node) \
                and _pieceable(node.args[0], views):
            return dataclasses.replace(node, type=PIECE)
        if isinstance(node, ir.Intrinsic) and node.name == "str.split" and len(node.args) <= 2 \
                and _pieceable(node.args[0], views):
            return dataclasses.replace(node, type=PIECES)
        if isinstance(node, ir.Index) and node.seq.type == PIECES:
            return dataclasses.replace(node, type=PIECE)
        return node

    body = tuple(rw(s, False) for s in function.body)
    if body == function.body:
        return function
    locals_ = tuple((n, PIECE if n in pieces else PIECES if n in lists else t) for n, t in function.locals)
    return dataclasses.replace(function, body=body, locals=locals_)


def _pieceable(e: ir.Expr, views: set[str]) -> bool:
    return isinstance(e.type, StrPieceT) or isinstance(e, ir.Name) and e.name in views and isinstance(e.type, StrT)


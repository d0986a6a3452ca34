"""Shared items: numbers read from a list argument that stay the argument's own objects.

The same for items moved inside a list changed in place (mode `inplace`): `xs[i], xs[j] =
xs[j], xs[i]` and an insertion sort's shifts move CPython's objects; there such values hold
a reference of their own (`rt::Owned`), since a store may release the slot they came from.

CPython's `return xs[:]`, `[x for x in xs if x > 0]` and `best = xs[0] ... return best`
return the argument's item objects themselves (`result[0] is xs[0]`); a translation that
returns numbers gives new objects of equal value, and pays for making them. Where a list
argument is read in place (mode `view`), a value read from it keeps the object it came from
while it is only moved: into a local that holds nothing else, onto a result list, into a
`return` (SharedT, runtime view.rs `Shared`). Where arithmetic or a test reads it, it is its
number (`shared.value`); a number the translation made and put with them is `shared.fresh`
(a new object when returned, as in CPython).

Only results are worth it: a function whose returns hold none of these is left alone. A list
that takes anything but appends, reads, `len` and truth (sorted, extended, passed on) stays a
list of numbers.
"""

from __future__ import annotations

import dataclasses

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import FloatT, IntT, ListT, RType, SharedT
from rustify.translate.ir.walk import children, map_children, place_root, walk_body

_ITEMS = (FloatT, IntT)


def share_items(function: ir.Function) -> ir.Function:
    sources = {p.name: p.type.item for p in function.params if p.mode in ("view", "inplace")
               and isinstance(p.type, ListT) and isinstance(p.type.item, _ITEMS)}
    changed = frozenset(p.name for p in function.params if p.mode == "inplace" and p.name in sources)
    if not sources or function.generator:
        return function
    # loop counters and names stored into (`out[i] = v`) are assigned other than by `=`
    unbound = set(function.maybe_unbound) | (_assigned_otherwise(function.body) - changed)
    scalars = _item_locals(function, sources, unbound)
    lists = {n: t for n, t in function.locals if _is_list(t) and n not in unbound}
    while True:  # drop each list with a value or a use shared items cannot have, until none is left
        sweep = _Sweep(sources, dict(lists))
        for stmt in function.body:
            sweep.visit(stmt, None)
        if sweep.lists == lists:
            break
        lists = sweep.lists
    shared = _Shared(sources, scalars, lists, changed)
    returns = [n.value for n in _statements(function.body) if isinstance(n, ir.Return) and n.value is not None]
    shared.returns = (isinstance(function.ret, _ITEMS) or _is_list(function.ret)) \
        and any(shared.kept(v) for v in returns)
    moves = any(isinstance(n, ir.Assign) and isinstance(n.target, ir.IndexPlace) and place_root(n.target) in changed
                and shared.kept(n.value) for n in walk_body(function.body))
    if not shared.returns and not moves:
        return function
    body = tuple(shared.rewrite(s, False) for s in function.body)
    locals_ = tuple((n, shared.kind(t) if n in scalars else ListT(shared.kind(t.item)) if n in lists else t)  # type: ignore[attr-defined]
                    for n, t in function.locals)
    ret = function.ret
    if shared.returns:
        ret = ListT(shared.kind(ret.item)) if isinstance(ret, ListT) else shared.kind(ret)
    return dataclasses.replace(function, body=body, locals=locals_, ret=ret)


def _assigned_otherwise(body: tuple[ir.Stmt, ...]) -> set[str]:
    """Names given values other than by `name = value`: loop counters, lists stored into."""
    names = set()
    for node in walk_body(body):
        if isinstance(node, ir.ForRange):
            names.add(node.var)
        if isinstance(node, ir.IndexPlace):
            names.add(place_root(node))
    return names


def _is_list(t: RType) -> bool:
    return isinstance(t, ListT) and isinstance(t.item, _ITEMS)


def _shared_type(t: RType) -> RType:
    return ListT(SharedT(t.item)) if isinstance(t, ListT) else SharedT(t)


def _statements(body: tuple[ir.Stmt, ...]):
    """Every statement of `body`, nested ones included (not those inside expressions)."""
    for s in body:
        yield s
        for field in ("body", "orelse"):
            yield from _statements(getattr(s, field, ()))


def _item_locals(function: ir.Function, views: dict[str, RType], excluded: set[str]) -> dict[str, RType]:
    """The number locals some assignment gives an item of a list argument (`best = xs[0]`,
    a loop variable over one), or the value of another such local: their other values
    (`best = -1.0`) are numbers the translation made (`shared.fresh`)."""
    types = {n: t for n, t in function.locals if isinstance(t, _ITEMS) and n not in excluded}
    sources: dict[str, list[ir.Expr]] = {}
    for node in walk_body(function.body):
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace) and node.target.name in types:
            sources.setdefault(node.target.name, []).append(node.value)
    found: dict[str, RType] = {}
    grown = True
    while grown:
        grown = False
        for name, values in sources.items():
            if name not in found and any(_item_of(v, types[name], views, found) for v in values):
                found[name] = types[name]
                grown = True
    return found


def _item_of(e: ir.Expr, t: RType, views: dict[str, RType], found: dict[str, RType]) -> bool:
    if isinstance(e, ir.Name):
        return found.get(e.name) == t
    return isinstance(e, ir.Index) and isinstance(e.seq, ir.Name) and views.get(e.seq.name) == t


class _Sweep:
    """One pass over the body: removes the lists given another value or used another way."""

    def __init__(self, views: dict[str, RType], lists: dict[str, RType]):
        self.views, self.lists = views, lists

    def _list_source(self, e: ir.Expr, t: RType) -> bool:
        if isinstance(e, ir.ListLit):
            return not e.items
        return isinstance(e, ir.Intrinsic) and e.name == "list.slice" and isinstance(e.args[0], ir.Name) \
            and self.views.get(e.args[0].name) == t.item  # type: ignore[attr-defined]

    def visit(self, node: object, parent: object) -> None:
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
            name = node.target.name
            if name in self.lists and not self._list_source(node.value, self.lists[name]):
                del self.lists[name]
        if isinstance(node, ir.Name) and node.name in self.lists and not _list_use(parent, node):
            del self.lists[node.name]
        for child in children(node):
            self.visit(child, node)


def _list_use(parent: object, name: ir.Name) -> bool:
    """Whether a list of shared items may stand here: appended to, read, measured, returned."""
    if isinstance(parent, ir.Intrinsic):
        return parent.name == "list.append" and len(parent.args) == 2 and parent.args[0] is name
    if isinstance(parent, ir.Index):
        return parent.seq is name
    if isinstance(parent, ir.Block):
        return parent.result is name
    return isinstance(parent, (ir.Len, ir.Truthy, ir.Return))


class _Shared:
    """The rewrite, once the shared locals are known."""

    def __init__(self, sources: dict[str, RType], scalars: dict[str, RType], lists: dict[str, RType],
                 changed: frozenset[str]):
        self.sources, self.scalars, self.lists, self.changed = sources, scalars, lists, changed
        #: whether the function returns kept items (its result type says so)
        self.returns = False

    def kind(self, item: RType) -> SharedT:
        """A kept item: holding a reference of its own where a list changes in place."""
        return SharedT(item, owned=bool(self.changed))

    def kept(self, e: ir.Expr) -> bool:
        """Whether `e` (a value returned or stored) holds items of an argument."""
        if isinstance(e, ir.Name):
            return e.name in self.scalars or e.name in self.lists
        if isinstance(e, ir.Index):
            return isinstance(e.seq, ir.Name) and e.seq.name in self.sources
        if isinstance(e, ir.Block):
            return self.kept(e.result)
        if isinstance(e, ir.IfExp):
            return self.kept(e.then) or self.kept(e.orelse)
        return isinstance(e, ir.Intrinsic) and e.name == "list.slice" and isinstance(e.args[0], ir.Name) \
            and e.args[0].name in self.sources

    def rewrite(self, node, keep: bool):
        """`node` retyped; `keep`: a shared item may stand here (else it is read as its number)."""
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.NamePlace):
            name = node.target.name
            if name in self.scalars or name in self.lists:
                value = self._held(self.rewrite(node.value, True))
                return ir.Assign(dataclasses.replace(node.target, type=value.type), value)
        if isinstance(node, ir.Assign) and isinstance(node.target, ir.IndexPlace) \
                and place_root(node.target) in self.changed:  # into a list changed in place: moved as is
            return ir.Assign(map_children(node.target, lambda c: self.rewrite(c, False)),
                             self.rewrite(node.value, True))
        if isinstance(node, ir.Return) and node.value is not None and self.returns:
            return dataclasses.replace(node, value=self._held(self.rewrite(node.value, True)))
        if isinstance(node, ir.Intrinsic) and node.name == "list.append" and isinstance(node.args[0], ir.Name) \
                and node.args[0].name in self.lists:
            target = self.rewrite(node.args[0], False)
            return dataclasses.replace(node, args=(target, self._held(self.rewrite(node.args[1], True))))
        if isinstance(node, ir.IfExp) and keep and isinstance(node.type, _ITEMS):  # `x if x > 0 else 0.0`
            then, orelse = (self.rewrite(e, True) for e in (node.then, node.orelse))
            if isinstance(then.type, SharedT) or isinstance(orelse.type, SharedT):
                return ir.IfExp(self.rewrite(node.cond, False), self._held(then), self._held(orelse),
                                self.kind(node.type))
        if isinstance(node, ir.Block):
            body = tuple(self.rewrite(s, False) for s in node.body)
            result = self.rewrite(node.result, keep)
            return ir.Block(body, result, result.type)
        node = map_children(node, lambda child: self.rewrite(child, False))
        if isinstance(node, ir.Name) and node.name in self.scalars:
            return self._number(dataclasses.replace(node, type=self.kind(node.type)), keep)
        if isinstance(node, ir.Name) and node.name in self.lists:
            return dataclasses.replace(node, type=ListT(self.kind(node.type.item)))  # type: ignore[attr-defined]
        if isinstance(node, ir.ListLit) and keep and _is_list(node.type) and not node.items:
            return dataclasses.replace(node, type=ListT(self.kind(node.type.item)))  # type: ignore[attr-defined]
        if isinstance(node, ir.Index) and isinstance(node.seq, ir.Name) and node.seq.name in self.sources and keep:
            return dataclasses.replace(node, type=self.kind(node.type))
        if isinstance(node, ir.Index) and isinstance(node.seq.type, ListT) and isinstance(node.seq.type.item, SharedT):
            return self._number(dataclasses.replace(node, type=node.seq.type.item), keep)
        if isinstance(node, ir.Intrinsic) and node.name == "list.slice" and keep and isinstance(node.args[0], ir.Name) \
                and node.args[0].name in self.sources:
            return dataclasses.replace(node, type=ListT(self.kind(node.type.item)))  # type: ignore[attr-defined]
        return node

    @staticmethod
    def _number(e: ir.Expr, keep: bool) -> ir.Expr:
        assert isinstance(e.type, SharedT)
        return e if keep else ir.Intrinsic("shared.value", (e,), e.type.item)

    def _held(self, e: ir.Expr) -> ir.Expr:
        """`e` where shared items are held: a number the translation made becomes one."""
        if isinstance(e.type, (SharedT, ListT)) and (isinstance(e.type, SharedT) or isinstance(e.type.item, SharedT)):
            return e
        if isinstance(e.type, _ITEMS):
            return ir.Intrinsic("shared.fresh", (e,), self.kind(e.type))
        assert _is_list(e.type)
        return ir.Intrinsic("shared.fresh_list", (e,), ListT(self.kind(e.type.item)))  # type: ignore[attr-defined]


"""Iterators kept in a variable, as native state: `it = iter(xs)`, `zip(a, b)`,
`enumerate(xs, start)`, `reversed(xs)` over native lists (strs: their characters),
advanced by `next(it)`, `next(it, default)` and `for ... in it` anywhere after.

CPython's list iterator holds the list and an index; once it finds the index past the end
it drops the list and stays exhausted, even if the list grows later. So the native state
is one index per list (-1: exhausted for good), read live from the list's own variable:

    it = iter(xs)             $k1 = 0
    first = next(it, None)    { $ok2 = False; if $k1 >= 0 and $k1 < len(xs): $v3 = xs[$k1]; $k1 += 1;
                                $ok2 = True else: $k1 = -1; first = $v3 if $ok2 else None }
    for x in it: ...          while True: (the same step); if not $ok: break; x = ...; body

`reversed(xs)` starts at `len(xs) - 1` (taken when it is made) and counts down; `enumerate`
adds a counter; `zip` steps each list's index in turn and stops at the first exhausted one
(the ones before it have advanced: CPython's order). `next(it)` of an exhausted iterator
raises StopIteration.

Only where it is exact: the variable is assigned once, by a statement of the function's
own body (not inside a loop or branch), and used only by `next()` and `for` after it; each
list is a name nothing rebinds (so the iterator and the name hold the same list) or an
expression whose value nothing else holds. Anything else (returned, passed on, `zip(...,
strict=True)`, a Python object) is the real builtin iterator (the object tier).

Part of `Lowerer` (see lower.py).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BOOL, INT, UNKNOWN, ListT, TupleT, UnknownT, join
from rustify.translate import builtins_str as bstr
from rustify.translate.lower_support import name_uses
from rustify.translate.map_filter import CONSUMERS, consumes_generators

_MAKERS = ("iter", "zip", "enumerate", "reversed")


@dataclass(frozen=True)
class NativeIter:
    """The state of one iterator variable: the lists it reads and an index for each."""

    kind: str  # iter zip enumerate reversed
    lists: tuple[ir.Name, ...]
    indexes: tuple[str, ...]
    #: enumerate's: how many items it gave, and its start (the number given is their sum,
    #: computed when given: CPython's counter may pass 2**63 once the last item is given)
    counter: str | None = None
    start: ir.Expr | None = None


def iterator_candidates(fn: ast.FunctionDef) -> dict[str, ast.Assign]:
    """The variables that may be native iterators, by the statement making each: assigned
    once, to a call of iter/zip/enumerate/reversed, and read only after that statement in
    its own block (a loop body makes a new one each time round), as `next()`'s first
    argument or what a `for` loop, a comprehension or a consumer (`list(it)`) iterates;
    each list argument that is a name is a parameter never rebound or a local bound once,
    at the top level, before the statement (so the iterator and the name hold one list)."""
    params = {a.arg for a in fn.args.args + fn.args.kwonlyargs}
    stores, loads = name_uses(fn)
    allowed: set[int] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "next" \
                and 1 <= len(node.args) <= 2 and not node.keywords and isinstance(node.args[0], ast.Name):
            allowed.add(id(node.args[0]))
        elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.iter, ast.Name):
            allowed.add(id(node.iter))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CONSUMERS \
                and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and consumes_generators(node):
            allowed.add(id(node.args[0]))  # `list(it)`, `sum(it)`: a generator over it
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                stores[name] = stores.get(name, 0) + 2
    out: dict[str, ast.Assign] = {}
    for block, position, top in _statements(fn):
        stmt = block[position]
        if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Call) and isinstance(stmt.value.func, ast.Name)
                and stmt.value.func.id in _MAKERS):
            continue
        name = stmt.targets[0].id
        if stores.get(name) != 1 or name in params or not all(id(n) in allowed for n in loads.get(name, [])):
            continue
        after = {id(n) for s in block[position + 1:] for n in ast.walk(s)}
        if not all(id(n) in after for n in loads.get(name, [])):
            continue
        before = {t.id for s in fn.body[:top] for t in ast.walk(s)
                  if isinstance(t, ast.Name) and isinstance(t.ctx, ast.Store)}
        lists = stmt.value.args[:1] if stmt.value.func.id == "enumerate" else stmt.value.args
        if all(_held_alone(a, params, stores, before) for a in lists):
            out[name] = stmt
    return out


def _statements(fn: ast.FunctionDef):
    """(block, index, index of the top-level statement holding it) of every statement of
    the function's own body, nested blocks included (not those of nested functions)."""
    def visit(block: list[ast.stmt], top: int | None):
        for k, stmt in enumerate(block):
            here = k if top is None else top
            yield block, k, here
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(stmt, field, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt) \
                        and not isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    yield from visit(inner, here)
            for handler in getattr(stmt, "handlers", []):
                yield from visit(handler.body, here)

    yield from visit(fn.body, None)


def _held_alone(arg: ast.expr, params: set[str], stores: dict[str, int], before: set[str]) -> bool:
    """Whether the iterator and the code read the same list through `arg`: a name bound
    once (a parameter never rebound, a local bound before and never again), or a value
    made right there (a comprehension, a slice, a call: nothing else holds it)."""
    if isinstance(arg, ast.Name):
        if arg.id in params:
            return arg.id not in stores
        return stores.get(arg.id) == 1 and arg.id in before
    if isinstance(arg, ast.Constant):
        return True
    return isinstance(arg, (ast.ListComp, ast.Call)) or isinstance(arg, ast.Subscript) \
        and isinstance(arg.slice, ast.Slice)


def drained(it: ast.expr) -> ast.GeneratorExp:
    """`list(it)`, `sum(product(xs, ys))`, ...: the consumer of `(x for x in it)`, which takes
    the same items in the same order (the iterable itself evaluated first, as an argument is)."""
    item = "$drained"
    gen = ast.GeneratorExp(elt=ast.Name(id=item, ctx=ast.Load()), generators=[
        ast.comprehension(ast.Name(id=item, ctx=ast.Store()), it, [], 0)])
    for node in ast.walk(gen):
        ast.copy_location(node, it)
    return gen


def _int(n: int) -> ir.Expr:
    return ir.Const(n, INT)


def _set(name: str, value: ir.Expr, t=INT) -> ir.Stmt:
    return ir.Assign(ir.NamePlace(name, t), value)


class IteratorLowering:
    """Native iterator variables, part of `Lowerer`."""

    def make_iterator(self, node: ast.Assign) -> list[ir.Stmt] | None:
        """`it = iter(xs)` (a candidate): the native state's initial values, or None when
        its arguments are not native lists (then it is the real builtin iterator)."""
        name = node.targets[0].id  # type: ignore[attr-defined]
        call: ast.Call = node.value  # type: ignore[assignment]
        kind = call.func.id  # type: ignore[attr-defined]
        if not self.is_builtin(kind) or not self.is_builtin("next"):  # type: ignore[attr-defined]
            return None
        if kind == "enumerate":
            starts = [k.value for k in call.keywords if k.arg == "start"] + call.args[1:]
            if len(call.args) + len(call.keywords) > 2 or len(starts) > 1 or not call.args \
                    or any(k.arg != "start" for k in call.keywords):
                return None
            sources = call.args[:1]
        elif call.keywords or not call.args or kind in ("iter", "reversed") and len(call.args) != 1:
            return None
        else:
            sources, starts = call.args, []
        for a in sources:
            if isinstance(a, ast.Name) and a.id in self.iter_candidates:  # type: ignore[attr-defined]
                return None  # an iterator of an iterator
            t = self.peek(a)  # type: ignore[attr-defined]
            if not (isinstance(t, ListT) or bstr.is_text(t) or isinstance(t, UnknownT) and not self.final):  # type: ignore[attr-defined]
                return None
        pre: list[ir.Stmt] = []
        lists = []
        for a in sources:
            stmts, seq = self.sequence(a, node)  # type: ignore[attr-defined]
            pre += stmts
            lists.append(seq)
        indexes = tuple(self.fresh(f"{name}_k", INT) for _ in lists)  # type: ignore[attr-defined]
        for seq, k in zip(lists, indexes):
            first = ir.Arith("add_bounded", ir.Len(seq), _int(-1), INT) if kind == "reversed" else _int(0)
            pre.append(_set(k, first))
        counter, start = None, None
        if kind == "enumerate":
            counter = self.fresh(f"{name}_n", INT)  # type: ignore[attr-defined]
            start = self.to_int(self.expr(starts[0])) if starts else _int(0)  # type: ignore[attr-defined]
            if not isinstance(start.type, (type(INT), UnknownT)):
                raise reject(node, "enumerate", f"enumerate() counting from a {start.type}")
            if not isinstance(start, ir.Const):
                first = self.fresh(f"{name}_start", INT)  # type: ignore[attr-defined]
                pre.append(_set(first, start))
                start = ir.Name(first, INT)
            pre.append(_set(counter, _int(0)))
        self.iterators[name] = NativeIter(kind, tuple(lists), indexes, counter, start)  # type: ignore[attr-defined]
        return pre

    def iterator_step(self, it: NativeIter) -> tuple[list[ir.Stmt], str, ir.Name]:
        """Statements advancing `it` once; the flag they set (False: exhausted) and the item."""
        ok = self.fresh("ok", BOOL)  # type: ignore[attr-defined]
        items: list[ir.Name] = []
        steps: list[tuple[ir.Expr, list[ir.Stmt]]] = []
        for seq, k in zip(it.lists, it.indexes):
            t = seq.type.item if isinstance(seq.type, ListT) else UNKNOWN
            v = self.fresh("v", t)  # type: ignore[attr-defined]
            items.append(ir.Name(v, t))
            here = ir.BoolOp("and", ir.Compare("ge", ir.Name(k, INT), _int(0)),
                             ir.Compare("lt", ir.Name(k, INT), ir.Len(seq)), BOOL)
            move = ir.Arith("add_bounded", ir.Name(k, INT), _int(-1 if it.kind == "reversed" else 1), INT)
            steps.append((here, [_set(v, ir.Index(seq, ir.Name(k, INT), t, checked=False), t), _set(k, move)]))
        if it.kind == "zip":
            t = TupleT(tuple(i.type for i in items))
            value: ir.Expr = ir.TupleLit(tuple(items), t)
        elif it.kind == "enumerate":
            t = TupleT((INT, items[0].type))
            small = isinstance(it.start, ir.Const) and abs(it.start.value) < 2**62  # type: ignore[arg-type]
            number = ir.Arith("add_bounded" if small else "add", it.start, ir.Name(it.counter, INT), INT)  # type: ignore[arg-type]
            value = ir.TupleLit((number, items[0]), t)
        else:
            t, value = items[0].type, items[0]
        item = self.fresh("item", t)  # type: ignore[attr-defined]
        done: list[ir.Stmt] = [_set(item, value, t), _set(ok, ir.Const(True, BOOL), BOOL)]
        if it.counter is not None:  # (below any list's length)
            done.append(_set(it.counter, ir.Arith("add_bounded", ir.Name(it.counter, INT), _int(1), INT)))
        body = done
        for (here, take), k in reversed(list(zip(steps, it.indexes))):  # the first list is tried first
            body = [ir.If(here, tuple(take + body), (_set(k, _int(-1)),))]
        return [_set(ok, ir.Const(False, BOOL), BOOL), *body], ok, ir.Name(item, t)

    def iterator_loop(self, it: NativeIter, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """`for target in it`: step until exhausted; a `break` leaves the rest to later uses."""
        step, ok, item = self.iterator_step(it)
        binds = self.assign(target, item, node)  # type: ignore[attr-defined]
        stop = ir.If(ir.Unary("not", ir.Name(ok, BOOL), BOOL), (ir.Break(),))
        return [ir.While(ir.Const(True, BOOL), tuple(step + [stop] + binds + body_fn()))]

    def iterator_next(self, it: NativeIter, node: ast.Call) -> ir.Expr:
        """`next(it)` (StopIteration when exhausted) or `next(it, default)` (the default
        evaluated first, as an argument is)."""
        pre: list[ir.Stmt] = []
        if len(node.args) == 2:
            default = self.expr(node.args[1])  # type: ignore[attr-defined]
            dtmp = self.fresh("default", default.type)  # type: ignore[attr-defined]
            pre.append(_set(dtmp, default, default.type))
        step, ok, item = self.iterator_step(it)
        if len(node.args) == 1:
            stop = ir.If(ir.Unary("not", ir.Name(ok, BOOL), BOOL), (ir.Raise("StopIteration", None),))
            return ir.Block(tuple(pre + step + [stop]), item, item.type)
        t = join(item.type, default.type)
        if t is None:
            raise reject(node, "next", f"next() of {item.type} items with a {default.type} default")
        res = self.fresh("next", t)  # type: ignore[attr-defined]
        pick = ir.If(ir.Name(ok, BOOL), (_set(res, self.coerce(item, t, node), t),),  # type: ignore[attr-defined]
                     (_set(res, self.coerce(ir.Name(dtmp, default.type), t, node), t),))  # type: ignore[attr-defined]
        return ir.Block(tuple(pre + step + [pick]), ir.Name(res, t), t)


__all__ = ["IteratorLowering", "NativeIter", "iterator_candidates", "drained"]

"""Lowering of `for` loops (and comprehensions) over `itertools` functions of native
sequences: one `While` loop whose index variables step as CPython's iterator does, so
the loop body (its `break` and `continue` included) is lowered once.

    for a, b in combinations(xs, 2):      $p = xs.copy()                    (the pool: a snapshot,
        body                              $i1 = 0; $i2 = 1                    as CPython's tuple)
                                          $go = 2 <= len($p)
                                          while $go:
                                              $item = ($p[$i1], $p[$i2])
                                              if $i2 != 1 + len($p) - 2: $i2 += 1
                                              elif $i1 != 0 + len($p) - 2: $i1 += 1; $i2 = $i1 + 1
                                              else: $go = False
                                              a, b = $item
                                              body

`product` (several pools, `repeat=`), `combinations`, `combinations_with_replacement` and
`permutations` (a literal `r` up to 3: positions stepped like product's, skipping repeats,
which is CPython's lexicographic order) take a snapshot of each pool when called, as CPython
does; `pairwise` and `chain` (lists of one item type) read their lists live (a list iterator sees appends). Everything else, and
pools that are Python objects, go through the object tier: the real itertools object.

Part of `Lowerer` (see lower.py).
"""

from __future__ import annotations

import ast

from rustify.translate.frontend import stdlib_attribute
from rustify.translate.map_filter import lambda_args
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BOOL, INT, UNKNOWN, ListT, ObjT, TupleT

#: the widest tuple a native loop builds (tuples crossing into Python are limited to 8 items)
MOST_ITEMS = 8
#: permutations(xs, r) runs natively for a literal r up to this (positions stepped as
#: product's and repeats skipped: n**r steps for n!/(n-r)! results)
MOST_PERMUTED = 3

_SNAPSHOTS = ("product", "combinations", "combinations_with_replacement", "permutations")


def _int(n: int) -> ir.Expr:
    return ir.Const(n, INT)


def _set(name: str, value: ir.Expr, t=INT) -> ir.Stmt:
    return ir.Assign(ir.NamePlace(name, t), value)


def _inc(name: str) -> ir.Stmt:
    return _set(name, ir.Arith("add_bounded", ir.Name(name, INT), _int(1), INT))


def _literal_int(node: ast.expr | None) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _islice_bounds(call: ast.Call) -> tuple[int, int | None, int] | None:
    """(start, stop, step) of `islice(xs, stop)` / `islice(xs, start, stop[, step])` given as
    literals (None or ints CPython accepts: start, stop >= 0, step >= 1), else None (the
    real islice checks other values and raises its own ValueError)."""
    def value(node: ast.expr, default: int | None) -> tuple[bool, int | None]:
        if isinstance(node, ast.Constant) and node.value is None:
            return True, default
        number = _literal_int(node)
        return number is not None and 0 <= number < 2**31, number  # (an index plus a step cannot overflow)

    given = call.args[1:]
    if not 1 <= len(given) <= 3:
        return None
    parts = [value(given[0], None)] if len(given) == 1 else \
        [value(given[0], 0), value(given[1], None)] + ([value(given[2], 1)] if len(given) == 3 else [(True, 1)])
    if not all(ok for ok, _ in parts):
        return None
    if len(parts) == 1:
        return 0, parts[0][1], 1
    start, stop, step = (v for _, v in parts)
    return (start, stop, step) if step and start is not None else None


class IterToolsLowering:
    """Native loops over `itertools` functions, part of `Lowerer`."""

    def itertools_loop(self, iterable: ast.expr, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt] | None:
        """The native loop over `iterable` if it is a call of an itertools function this
        module runs natively with native arguments, else None (the caller's object loop)."""
        if not isinstance(iterable, ast.Call):
            return None
        found = stdlib_attribute(iterable.func, self.info)  # type: ignore[attr-defined]
        if found is None or found[0] != "itertools":
            return None
        module, attr, name = found
        if name in self.locals or name in self.renames:  # type: ignore[attr-defined]
            return None  # a local of that name shadows the module global
        shape = self._shape(attr, iterable)
        if shape is None:
            return None
        args = iterable.args if attr in ("product", "chain") else iterable.args[:1]  # (then a literal r)
        if any(isinstance(a, ast.Starred) for a in args):
            return None
        saved = self.consumed  # type: ignore[has-type]
        if attr in _SNAPSHOTS:  # consumed whole when called: `range(n)`, `reversed(xs)` may be lists
            self.consumed = iterable
        try:
            types = [self.peek(a) for a in args]  # type: ignore[attr-defined]
            if any(isinstance(t, ObjT) for t in types):
                return None  # a pool that is a Python object: the real itertools object
            if attr == "chain" and len({str(t) for t in types}) != 1:
                return None  # lists of several item types: the real chain (the items as objects)
            pools, pre = self._pools(attr, args, node)
        finally:
            self.consumed = saved
        # guarded on entry: the global `product` is itertools.product, `itertools` the module
        self.stdlib.add((name, module, "" if isinstance(iterable.func, ast.Attribute) else attr))  # type: ignore[attr-defined]
        kind, r = shape
        if kind == "product":
            pools = pools * r
            idx = [self.fresh("i", INT) for _ in pools]  # type: ignore[attr-defined]
            loop_pre, step, go = self._product(pools, idx)
        elif kind == "pairwise":
            return pre + self._pairwise(pools[0], target, node, body_fn)
        elif kind == "chain":
            return pre + self._chain(pools, target, node, body_fn)
        elif kind == "islice":
            return pre + self._islice(pools[0], _islice_bounds(iterable), target, node, body_fn)
        elif kind == "accumulate":
            return pre + self._accumulate(iterable, pools[0], target, node, body_fn)
        else:
            pool = pools[0]
            pools = [pool] * r
            idx = [self.fresh("i", INT) for _ in range(r)]  # type: ignore[attr-defined]
            loop_pre, step, go = {"combinations": self._combinations, "permutations": self._permutations,
                                  "combinations_with_replacement": self._with_replacement}[kind](pool, idx)
        items = tuple(ir.Index(p, ir.Name(i, INT), self._item(p), checked=False) for p, i in zip(pools, idx))
        t = TupleT(tuple(e.type for e in items))
        tmp = self.fresh("item", t)  # type: ignore[attr-defined]
        binds = self.assign(target, ir.Name(tmp, t), node)  # type: ignore[attr-defined]
        body = [_set(tmp, ir.TupleLit(items, t), t), *step, *binds, *body_fn()]
        return pre + loop_pre + [ir.While(ir.Name(go, BOOL), tuple(body))]

    def itertools_native(self, node: ast.expr, pools: bool = False) -> bool:
        """Whether `node` is an itertools call `itertools_loop` may run natively: by its
        shape, and with `pools` also by its arguments' types (none a Python object)."""
        if not isinstance(node, ast.Call):
            return False
        found = stdlib_attribute(node.func, self.info)  # type: ignore[attr-defined]
        if found is None or found[0] != "itertools" or found[2] in self.locals \
                or self._shape(found[1], node) is None:  # type: ignore[attr-defined]
            return False
        if not pools:
            return True
        saved = self.consumed  # type: ignore[has-type]
        self.consumed = node
        try:
            return not any(isinstance(self.peek(a), ObjT) for a in node.args if not isinstance(a, ast.Starred))  # type: ignore[attr-defined]
        finally:
            self.consumed = saved

    def _pools(self, attr: str, args: list[ast.expr], node: ast.AST) -> tuple[list[ir.Name], list[ir.Stmt]]:
        """The native lists iterated, and the statements making them: for the functions
        that take a snapshot when called (CPython makes a tuple of each pool), a copy."""
        pre: list[ir.Stmt] = []
        pools: list[ir.Name] = []
        for a in args:
            stmts, seq = self.sequence(a, node)  # type: ignore[attr-defined]
            pre += stmts
            if attr in _SNAPSHOTS:
                tmp = self.fresh("pool", seq.type)  # type: ignore[attr-defined]
                pre.append(_set(tmp, ir.Intrinsic("list.copy", (seq,), seq.type), seq.type))
                seq = ir.Name(tmp, seq.type)
            pools.append(seq)
        return pools, pre

    def _shape(self, attr: str, call: ast.Call) -> tuple[str, int] | None:
        """(kind, how many items each tuple has per pool) for a call run natively."""
        args, keywords = call.args, call.keywords
        if attr == "product":
            repeat = 1
            if keywords:
                if len(keywords) != 1 or keywords[0].arg != "repeat":
                    return None
                repeat = _literal_int(keywords[0].value) or 0
            if not args or repeat < 1 or len(args) * repeat > MOST_ITEMS:
                return None
            return "product", repeat
        if attr == "pairwise" and len(args) == 1 and not keywords:
            return "pairwise", 1
        if attr == "chain" and args and not keywords:
            return "chain", 1
        if attr == "islice" and not keywords and _islice_bounds(call) is not None:
            return "islice", 1
        if attr == "accumulate" and 1 <= len(args) <= 2 and all(k.arg in ("func", "initial") for k in keywords):
            func = args[1] if len(args) == 2 else next((k.value for k in keywords if k.arg == "func"), None)
            return ("accumulate", 1) if self._folding(func) is not None else None
        if attr in ("combinations", "combinations_with_replacement", "permutations") and not keywords \
                and len(args) == 2:
            r = _literal_int(args[1])
            most = MOST_PERMUTED if attr == "permutations" else MOST_ITEMS
            if r is None or not 1 <= r <= most:
                return None
            return attr, r
        return None

    def _item(self, pool: ir.Expr):
        t = pool.type
        return t.item if isinstance(t, ListT) else UNKNOWN

    def _product(self, pools: list[ir.Name], idx: list[str]):
        """All index tuples, the last index fastest; none when a pool is empty."""
        go = self.fresh("go", BOOL)  # type: ignore[attr-defined]
        nonempty: ir.Expr = ir.Compare("gt", ir.Len(pools[0]), _int(0))
        for p in pools[1:]:
            nonempty = ir.BoolOp("and", nonempty, ir.Compare("gt", ir.Len(p), _int(0)), BOOL)
        pre = [_set(i, _int(0)) for i in idx] + [_set(go, nonempty, BOOL)]
        return pre, self._odometer(pools, idx, go), go

    def _odometer(self, pools: list[ir.Name], idx: list[str], go: str) -> list[ir.Stmt]:
        """Advance the last index; one that reaches its pool's length restarts at 0 and
        advances the one before it; the first one reaching its length ends the loop."""
        step: list[ir.Stmt] = [_set(go, ir.Const(False, BOOL), BOOL)]
        for k in range(len(idx)):  # built from the first index inwards
            wrapped = ir.If(ir.Compare("ge", ir.Name(idx[k], INT), ir.Len(pools[k])),
                            tuple([_set(idx[k], _int(0))] + step if k else step))
            step = [_inc(idx[k]), wrapped]
        return step

    def _combinations(self, pool: ir.Name, idx: list[str]):
        """CPython's algorithm: the rightmost index not at its maximum `i + n - r` advances,
        the ones after it follow it by one."""
        r = len(idx)
        go = self.fresh("go", BOOL)  # type: ignore[attr-defined]
        pre = [_set(i, _int(k)) for k, i in enumerate(idx)] + [
            _set(go, ir.Compare("le", _int(r), ir.Len(pool)), BOOL)]
        step: list[ir.Stmt] = [_set(go, ir.Const(False, BOOL), BOOL)]
        for k in range(r):  # the leftmost index is tried last
            top = ir.Arith("add_bounded", ir.Len(pool), _int(k - r), INT)
            follow = [_set(idx[j], ir.Arith("add_bounded", ir.Name(idx[j - 1], INT), _int(1), INT))
                      for j in range(k + 1, r)]
            step = [ir.If(ir.Compare("ne", ir.Name(idx[k], INT), top), tuple([_inc(idx[k])] + follow), tuple(step))]
        return pre, step, go

    def _with_replacement(self, pool: ir.Name, idx: list[str]):
        """CPython's algorithm: the rightmost index below `n - 1` advances, the ones after
        it take its new value."""
        r = len(idx)
        go = self.fresh("go", BOOL)  # type: ignore[attr-defined]
        pre = [_set(i, _int(0)) for i in idx] + [_set(go, ir.Compare("gt", ir.Len(pool), _int(0)), BOOL)]
        last = ir.Arith("add_bounded", ir.Len(pool), _int(-1), INT)
        step: list[ir.Stmt] = [_set(go, ir.Const(False, BOOL), BOOL)]
        for k in range(r):
            follow = [_set(idx[j], ir.Name(idx[k], INT)) for j in range(k + 1, r)]
            step = [ir.If(ir.Compare("ne", ir.Name(idx[k], INT), last), tuple([_inc(idx[k])] + follow), tuple(step))]
        return pre, step, go

    def _permutations(self, pool: ir.Name, idx: list[str]):
        """Positions in lexicographic order without repeats (CPython's order): step as
        product's odometer until the positions are all different, or the end."""
        r = len(idx)
        go = self.fresh("go", BOOL)  # type: ignore[attr-defined]
        pre = [_set(i, _int(k)) for k, i in enumerate(idx)] + [
            _set(go, ir.Compare("le", _int(r), ir.Len(pool)), BOOL)]
        distinct: ir.Expr = ir.Const(True, BOOL)
        for a in range(r):
            for b in range(a + 1, r):
                ne = ir.Compare("ne", ir.Name(idx[a], INT), ir.Name(idx[b], INT))
                distinct = ne if isinstance(distinct, ir.Const) else ir.BoolOp("and", distinct, ne, BOOL)
        seek = self._odometer([pool] * r, idx, go) + [
            ir.If(ir.Unary("not", ir.Name(go, BOOL), BOOL), (ir.Break(),)), ir.If(distinct, (ir.Break(),))]
        return pre, [ir.While(ir.Const(True, BOOL), tuple(seek))], go

    def _folding(self, func: ast.expr | None):
        """How accumulate's `func` combines the total and the next item, as a function of
        their two (ast) names giving the expression and the lambda's names to bind: `+` when
        there is none, a call of a builtin, a two-parameter lambda's body (a module function
        may raise StopIteration, which ends CPython's accumulate: the real one runs it)."""
        if func is None or isinstance(func, ast.Constant) and func.value is None:
            return lambda total, item: (ast.BinOp(total, ast.Add(), item), {})
        if isinstance(func, ast.Lambda):
            names = lambda_args(func)
            if names is None or len(names) != 2 or self.may_raise_stop(func.body):  # type: ignore[attr-defined]
                return None  # (a StopIteration it raises ends CPython's accumulate)
            return lambda total, item: (func.body, {names[0]: total.id, names[1]: item.id})
        if isinstance(func, ast.Name) and self.is_builtin(func.id) and func.id not in ("next", "iter"):  # type: ignore[attr-defined]
            return lambda total, item: (ast.Call(func=ast.Name(id=func.id, ctx=ast.Load()), args=[total, item],
                                                 keywords=[]), {})
        return None

    def _accumulate(self, call: ast.Call, seq: ir.Name, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """accumulate(xs[, func][, initial=v]) over a list read live: the running total, the
        first item (or `initial`, given first) starting it, as CPython's accumulate_next."""
        func = call.args[1] if len(call.args) == 2 else next((k.value for k in call.keywords if k.arg == "func"), None)
        initial = next((k.value for k in call.keywords if k.arg == "initial"), None)
        if isinstance(initial, ast.Constant) and initial.value is None:
            initial = None
        saved = dict(self.renames)  # type: ignore[attr-defined]
        total_ast = ast.copy_location(ast.Name(id="$total", ctx=ast.Store()), call)
        item_ast = ast.copy_location(ast.Name(id="$element", ctx=ast.Store()), call)
        pre: list[ir.Stmt] = []
        try:
            self.rename_targets(total_ast)  # type: ignore[attr-defined]
            self.rename_targets(item_ast)  # type: ignore[attr-defined]
            total, item = self.renames["$total"], self.renames["$element"]  # type: ignore[attr-defined]
            k, started = self.fresh("k", INT), self.fresh("started", BOOL)  # type: ignore[attr-defined]
            if initial is not None:
                first = self.expr(initial)  # type: ignore[attr-defined]
                pre += self.assign(total_ast, first, node)  # type: ignore[attr-defined]
            pre += [_set(k, _int(0)), _set(started, ir.Const(False, BOOL), BOOL)]
            load = lambda name: ast.copy_location(ast.Name(id=name, ctx=ast.Load()), call)  # noqa: E731
            combined, binds = self._folding(func)(load("$total"), load("$element"))  # type: ignore[misc]
            for name, renamed in binds.items():
                self.renames[name] = self.renames[renamed]  # type: ignore[attr-defined]
            element = self._item(seq)
            fetch = [ir.If(ir.Compare("lt", ir.Name(k, INT), ir.Len(seq)),
                           tuple(self.assign(item_ast, ir.Index(seq, ir.Name(k, INT), element, checked=False), node)  # type: ignore[attr-defined]
                                 + [_inc(k)]), (ir.Break(),))]
            fold = self.assign(total_ast, self.expr(combined), node)  # type: ignore[attr-defined]
            start = self.assign(total_ast, self.expr(load("$element")), node)  # type: ignore[attr-defined]
            if initial is None:  # the first item starts the total
                step = fetch + [ir.If(ir.Name(started, BOOL), tuple(fold), tuple(start))]
            else:  # the initial value is given first, then each item folded in
                step = [ir.If(ir.Name(started, BOOL), tuple(fetch + fold))]
            step.append(_set(started, ir.Const(True, BOOL), BOOL))
            current = self.expr(load("$total"))  # type: ignore[attr-defined]
            tmp = self.fresh("item", current.type)  # type: ignore[attr-defined]
            step.append(_set(tmp, current, current.type))
        finally:
            self.renames = saved  # type: ignore[attr-defined]
        binds_target = self.assign(target, ir.Name(tmp, current.type), node)  # type: ignore[attr-defined]
        return pre + [ir.While(ir.Const(True, BOOL), tuple(step + binds_target + body_fn()))]

    def _islice(self, seq: ir.Name, bounds: tuple[int, int | None, int], target: ast.expr, node: ast.AST,
                body_fn) -> list[ir.Stmt]:
        """islice(xs, start, stop, step) over a list read live: the items at start, start +
        step, ... below stop, while the list has them."""
        start, stop, step = bounds
        item = self._item(seq)
        k = self.fresh("k", INT)  # type: ignore[attr-defined]
        tmp = self.fresh("item", item)  # type: ignore[attr-defined]
        cond: ir.Expr = ir.Compare("lt", ir.Name(k, INT), ir.Len(seq))
        if stop is not None:
            cond = ir.BoolOp("and", ir.Compare("lt", ir.Name(k, INT), _int(stop)), cond, BOOL)
        binds = self.assign(target, ir.Name(tmp, item), node)  # type: ignore[attr-defined]
        body = [_set(tmp, ir.Index(seq, ir.Name(k, INT), item, checked=False), item),
                _set(k, ir.Arith("add_bounded", ir.Name(k, INT), _int(step), INT)), *binds, *body_fn()]
        return [_set(k, _int(start)), ir.While(cond, tuple(body))]

    def _chain(self, lists: list[ir.Name], target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """chain(a, b, ...) over lists read live, one after the other: stage `p` reads list
        `p` until its index reaches its length, then the next one starts (never to return)."""
        item = self._item(lists[0])
        p, k = self.fresh("part", INT), self.fresh("k", INT)  # type: ignore[attr-defined]
        tmp = self.fresh("item", item)  # type: ignore[attr-defined]
        stages: list[ir.Stmt] = []
        for j, seq in enumerate(lists):
            take = (_set(tmp, ir.Index(seq, ir.Name(k, INT), item, checked=False), item), _inc(k))
            moved = (_set(p, _int(j + 1)), _set(k, _int(0)))
            stages.append(ir.If(ir.Compare("eq", ir.Name(p, INT), _int(j)),
                                (ir.If(ir.Compare("lt", ir.Name(k, INT), ir.Len(seq)), take, moved),)))
        stop = ir.If(ir.Compare("eq", ir.Name(p, INT), _int(len(lists))), (ir.Break(),))
        binds = self.assign(target, ir.Name(tmp, item), node)  # type: ignore[attr-defined]
        return [_set(p, _int(0)), _set(k, _int(0)),
                ir.While(ir.Const(True, BOOL), tuple(stages + [stop] + binds + body_fn()))]

    def _pairwise(self, seq: ir.Name, target: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """pairwise(xs) over a list read live: the first item, then each next one paired
        with the one before."""
        item = self._item(seq)
        t = TupleT((item, item))
        k = self.fresh("k", INT)  # type: ignore[attr-defined]
        prev = self.fresh("prev", item)  # type: ignore[attr-defined]
        tmp = self.fresh("item", t)  # type: ignore[attr-defined]
        cur = ir.Index(seq, ir.Name(k, INT), item, checked=False)
        pre = [_set(k, _int(1))]
        start = ir.If(ir.Compare("gt", ir.Len(seq), _int(0)), (_set(prev, ir.Index(seq, _int(0), item, checked=False), item),),
                      (_set(k, ir.Len(seq)),))
        binds = self.assign(target, ir.Name(tmp, t), node)  # type: ignore[attr-defined]
        body = [_set(tmp, ir.TupleLit((ir.Name(prev, item), cur), t), t), _set(prev, cur, item), _inc(k),
                *binds, *body_fn()]
        return pre + [start, ir.While(ir.Compare("lt", ir.Name(k, INT), ir.Len(seq)), tuple(body))]


__all__ = ["IterToolsLowering"]

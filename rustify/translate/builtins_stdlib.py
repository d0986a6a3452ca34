"""Typing rules for the standard library's workhorses: heapq, bisect, functools.reduce,
and math.fsum / math.prod / math.isclose.

    heapq.heappush(h, (d, n))   ->  heapq.heappush!(h, (d, n))       (runtime heap.rs)
    bisect.bisect_left(a, x, 2) ->  bisect.bisect_left!(a, x, 2, None): int
    heapq.nlargest(k, xs, key=f) -> heapq.nbest!(xs if k > 0 else xs[:0], [f(x) for x in ...], k, True)
    functools.reduce(f, xs, s)  ->  a loop: acc = s; for x in xs: acc = f(acc, x)

The heap and the bisection are ports of CPython's C code (the same `<` comparisons in the
same order, so equal items end in the same places); nlargest/nsmallest are Lib/heapq.py's,
whose result is the stable sort by key truncated to n when keys are totally ordered (a
NaN key deopts, as in sorted()); reduce is its loop, written out and lowered like the
function's own code. Forms not covered here (bisect's key=, iterators, other modules'
functions) are rejected, and the call then goes to the real function (the object tier).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate.builtins import _as_float
from rustify.translate.builtins_dict import named_key, with_views
from rustify.translate.builtins_support import _unknown
from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, NUM, BoolT, FloatT, IntT, ListT, NumT, RType, StrT, TupleT, UnknownT,
)
from rustify.translate.lower_support import root_name

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext


def comparable(t: RType) -> bool:
    """Items whose CPython `<` the runtime reproduces (heap.rs `PyLt`)."""
    if isinstance(t, (IntT, FloatT, NumT, BoolT, StrT)):
        return True
    return isinstance(t, TupleT) and 0 < len(t.items) <= 5 and all(comparable(i) for i in t.items)


def _changed_list(lw: LowerContext, node: ast.Call, what: str, item: ir.Expr | None) -> ir.Expr:
    """The list argument a heap or insort call changes in place (marked so, and given the
    type of the item it receives, as `append` is)."""
    target = node.args[0]
    if not isinstance(target, (ast.Name, ast.Subscript)):
        raise reject(node, what, f"{what}() of a list that is not a variable or an item is not translated")
    place = lw.place(target)
    lw.mark_mutated(root_name(place), node)
    if item is not None:
        lw.record_value_at(place, ListT(item.type), node)
    return lw.expr(target)


def _heap(lw: LowerContext, attr: str, node: ast.Call) -> ir.Expr:
    what = f"heapq.{attr}"
    if node.keywords:
        raise reject(node, what, f"{what}() takes no keyword arguments")
    pushes = attr in ("heappush", "heappushpop", "heapreplace")
    if len(node.args) != (2 if pushes else 1):
        raise reject(node, what, f"{what}() with {len(node.args)} arguments")
    item = lw.expr(node.args[1]) if pushes else None
    heap = _changed_list(lw, node, what, item)
    if _unknown(lw, [heap] + ([item] if item is not None else []), node) or \
            isinstance(heap.type, ListT) and isinstance(heap.type.item, UnknownT):
        return lw.unknown(node, f"the arguments of {what}()")
    if not isinstance(heap.type, ListT):
        raise reject(node, what, f"{what}() of a {heap.type} is not translated")
    t = heap.type.item
    if not comparable(t):
        raise reject(node, what, f"a heap of {t} is not translated", "heaps of numbers, strs and tuples of them")
    if item is None:
        return ir.Intrinsic(what, (heap,), NONE if attr == "heapify" else t)
    return ir.Intrinsic(what, (heap, lw.coerce(item, t, node)), NONE if attr == "heappush" else t)


def _nbest(lw: LowerContext, attr: str, node: ast.Call) -> ir.Expr:
    """`heapq.nlargest(n, xs, key=f)` / `nsmallest`: Lib/heapq.py keeps the n best items by
    (key, arrival) and returns them sorted, which for totally ordered keys is the stable
    sort by key (descending for nlargest) cut to n; no key is computed when n <= 0."""
    what = f"heapq.{attr}"
    kws = {k.arg: k.value for k in node.keywords}
    if len(node.args) != 2 or set(kws) - {"key"}:
        raise reject(node, what, f"{what}(n, iterable, key=...) forms only")
    n = lw.to_int(lw.expr(node.args[0]))
    seq = lw.as_list(with_views(lw, lw.iterable_expr, node.args[1], node), node)
    if isinstance(n.type, UnknownT) or isinstance(seq.type, UnknownT):
        return lw.unknown(node, f"the arguments of {what}()")
    if not isinstance(n.type, IntT) or not isinstance(seq.type, ListT):
        raise reject(node, what, f"{what}() of {n.type} and {seq.type} is not translated")
    tmp_n = lw.fresh("n", INT)
    lw.locals.add(tmp_n)
    pre: tuple[ir.Stmt, ...] = (ir.Assign(ir.NamePlace(tmp_n, INT), n),)
    if isinstance(seq, ir.Name):  # a list variable is read where it is (no second name for it)
        tmp_s = seq.name
    else:
        tmp_s = lw.fresh("s", seq.type)
        lw.locals.add(tmp_s)
        pre += (ir.Assign(ir.NamePlace(tmp_s, seq.type), seq),)
    items = ast.IfExp(ast.Compare(ast.Name(tmp_n, ast.Load()), [ast.Gt()], [ast.Constant(0)]),
                      ast.Name(tmp_s, ast.Load()),
                      ast.Subscript(ast.Name(tmp_s, ast.Load()), ast.Slice(None, ast.Constant(0), None), ast.Load()))
    key = kws.get("key")
    if key is None or isinstance(key, ast.Constant) and key.value is None:
        key = ast.Lambda(ast.arguments([], [ast.arg("__item")], None, [], [], None, []), ast.Name("__item", ast.Load()))
    call = ast.Call(ast.Name("sorted", ast.Load()), [items],
                    [ast.keyword("key", key), ast.keyword("reverse", ast.Constant(attr == "nlargest"))])
    _locate(call, node)
    ordered = lw.expr(call)
    if isinstance(ordered.type, UnknownT):
        return lw.unknown(node, f"the keys of {what}()")
    if isinstance(ordered, ir.Block) and isinstance(ordered.result, ir.Intrinsic) \
            and ordered.result.name == "sorted.keyed":
        # the n best by (key, arrival) selected in linear time, then only they are sorted
        items, keys, _ = ordered.result.args
        best = ir.Intrinsic("heapq.nbest", (items, keys, ir.Name(tmp_n, INT), ir.Const(attr == "nlargest", BOOL)),
                            ordered.type)
        return ir.Block(pre + ordered.body, best, best.type)
    value = ir.Intrinsic("heapq.take", (ordered, ir.Name(tmp_n, INT)), ordered.type)
    return ir.Block(pre, value, value.type)


def _locate(tree: ast.AST, node: ast.AST) -> None:
    for sub in ast.walk(tree):
        if not hasattr(sub, "lineno"):
            ast.copy_location(sub, node)


def _bisect(lw: LowerContext, attr: str, node: ast.Call) -> ir.Expr:
    what = f"bisect.{attr}"
    kws = {k.arg: k.value for k in node.keywords}
    if not 2 <= len(node.args) <= 4 or set(kws) - {"lo", "hi", "key"} or \
            len(node.args) > 2 and "lo" in kws or len(node.args) > 3 and "hi" in kws:
        raise reject(node, what, f"{what}(a, x, lo, hi, key=...) forms only")
    if "key" in kws and not (isinstance(kws["key"], ast.Constant) and kws["key"].value is None):
        return _bisect_keyed(lw, attr, node, kws)
    inserts = attr.startswith("insort")
    x = lw.expr(node.args[1])
    a = _changed_list(lw, node, what, x) if inserts else lw.expr(node.args[0])
    bounds = [lw.expr(b) for b in node.args[2:]]
    lo = bounds[0] if bounds else lw.expr(kws["lo"]) if "lo" in kws else ir.Const(0, INT)
    hi = bounds[1] if len(bounds) > 1 else lw.expr(kws["hi"]) if "hi" in kws else ir.Const(None, NONE)
    if _unknown(lw, [a, x, lo, hi], node) or isinstance(a.type, ListT) and isinstance(a.type.item, UnknownT):
        return lw.unknown(node, f"the arguments of {what}()")
    lo = lw.to_int(lo)
    if not isinstance(hi, ir.Const) or hi.value is not None:
        hi = lw.to_int(hi)
        if not isinstance(hi.type, IntT):
            raise reject(node, what, f"{what}() with a {hi.type} hi is not translated")
    if not isinstance(a.type, ListT) or not isinstance(lo.type, IntT):
        raise reject(node, what, f"{what}() of a {a.type} is not translated")
    t = a.type.item
    if not comparable(t) or not (x.type == t or inserts or isinstance(t, NumT) and x.type in (INT, FLOAT)):
        raise reject(node, what, f"{what}() of a {x.type} in a list of {t} is not translated")
    left = attr in ("bisect_left", "insort_left")
    name = ("bisect.insort_left" if left else "bisect.insort_right") if inserts else \
        ("bisect.bisect_left" if left else "bisect.bisect_right")
    return ir.Intrinsic(name, (a, lw.coerce(x, t, node), lo, hi), NONE if inserts else INT)


def _bisect_keyed(lw: LowerContext, attr: str, node: ast.Call, kws: dict) -> ir.Expr:
    """`bisect_left(a, x, lo, hi, key=f)` and the rest (3.10+): internal_bisect_left/right
    written out, so the key is computed for the probed items only, as CPython does (and for
    `x` too by insort, not by bisect); lowered as the function's own code."""
    what = f"bisect.{attr}"
    a = node.args[0]
    if not isinstance(a, ast.Name):
        raise reject(node, what, f"{what}(..., key=...) of a list that is not a variable is not translated")
    key = kws["key"]
    tag = f"{node.lineno}_{node.col_offset}"
    x, lo, hi, mid = (f"__bisect_{role}_{tag}" for role in ("x", "lo", "hi", "mid"))
    lo_node = node.args[2] if len(node.args) > 2 else kws.get("lo", ast.Constant(0))
    hi_node = node.args[3] if len(node.args) > 3 else kws.get("hi", ast.Constant(None))
    item = ast.Subscript(ast.Name(a.id, ast.Load()), ast.Name(mid, ast.Load()), ast.Load())
    probe, x_key = _key_call(lw, key, item), ast.Name(x, ast.Load())
    inserts = attr.startswith("insort")
    if inserts:  # insort applies the key to x, bisect does not
        x_key = _key_call(lw, key, ast.Name(x, ast.Load()))
    left = attr in ("bisect_left", "insort_left")
    x_key_name = f"__bisect_xkey_{tag}"
    needle = x_key_name if inserts else x
    test = f"__PROBE__ < {needle}" if left else f"{needle} < __PROBE__"
    if left:
        go = [f"        {lo} = {mid} + 1", "    else:", f"        {hi} = {mid}"]
    else:
        go = [f"        {hi} = {mid}", "    else:", f"        {lo} = {mid} + 1"]
    lines = [f"{x} = __X__", f"{lo} = __LO__"]
    if isinstance(hi_node, ast.Constant) and hi_node.value is None:
        lines.append(f"{hi} = len({a.id})")
    else:
        lines += [f"{hi} = __HI__", f"if {hi} == -1:", f"    {hi} = len({a.id})"]
    if inserts:  # insort_right: key(x) before the bisection checks its bounds
        lines.append("__XKEY__ = __XKEYEXPR__")
    lines += [f"if {lo} < 0:", "    raise ValueError('lo must be non-negative')"]
    lines += [f"while {lo} < {hi}:", f"    {mid} = ({lo} + {hi}) // 2", f"    if {test}:", *go]
    if inserts:
        lines.append(f"{a.id}.insert({lo}, {x})")
    source = "\n".join(lines) + "\n"
    fill = {"__X__": node.args[1], "__LO__": lo_node, "__HI__": hi_node, "__PROBE__": probe,
            "__XKEY__": ast.Name(x_key_name, ast.Store()), "__XKEYEXPR__": x_key}

    class Fill(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.AST:
            return fill.get(name.id, name)

    stmts = [Fill().visit(st) for st in ast.parse(source).body]
    for st in stmts:
        _locate(st, node)
    lw.locals.update((x, lo, hi, mid, x_key_name))
    lowered = lw.block(stmts)
    t = lw.var_type(lo)
    result: ir.Expr = ir.Const(None, NONE) if inserts else ir.Name(lo, t)
    return ir.Block(tuple(lowered), result, result.type)


def _key_call(lw: LowerContext, key: ast.expr, item: ast.expr) -> ast.expr:
    """`key(item)` written out: a lambda's body with its parameter replaced, or the call
    of a builtin or module function (builtins_dict.named_key)."""
    if isinstance(key, ast.Lambda):
        a = key.args
        if len(a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.defaults or a.posonlyargs:
            raise reject(key, "lambda", "key lambdas take exactly one parameter")
        param = a.args[0].arg

        class Put(ast.NodeTransformer):
            def visit_Name(self, name: ast.Name) -> ast.AST:
                return item if name.id == param else name

            def visit_Lambda(self, inner: ast.Lambda) -> ast.Lambda:
                return inner

        return Put().visit(ast.parse(ast.unparse(key.body), mode="eval").body)
    call = named_key(lw, key)
    if call is None:
        raise reject(key, "key function", "key= must be a lambda, a builtin (len, abs, ...) or a module function")
    return call(item)


def _reduce(lw: LowerContext, node: ast.Call) -> ir.Expr:
    """`functools.reduce(f, xs[, initial])` with f a lambda of two parameters or a module
    function: its loop (Modules/_functoolsmodule.c functools_reduce), lowered as the
    function's own code; TypeError for no items and no initial value."""
    if node.keywords or len(node.args) not in (2, 3):
        raise reject(node, "functools.reduce", "reduce(function, iterable[, initial]) only")
    func, seq = node.args[0], node.args[1]
    initial = node.args[2] if len(node.args) == 3 else None
    if initial is not None and not _simple(initial) and not _simple(seq):
        raise reject(node, "functools.reduce", "reduce() whose iterable and initial value both compute things "
                     "is not translated", "compute the initial value first, into a variable")
    tag = f"{node.lineno}_{node.col_offset}"
    acc, item, first = f"__reduce_acc_{tag}", f"__reduce_item_{tag}", f"__reduce_first_{tag}"
    if isinstance(func, ast.Lambda):
        a = func.args
        if len(a.args) != 2 or a.vararg or a.kwarg or a.kwonlyargs or a.defaults or a.posonlyargs:
            raise reject(func, "lambda", "a reduce() lambda takes exactly two parameters")
        body = _substitute(func.body, {a.args[0].arg: acc, a.args[1].arg: item})
    elif isinstance(func, ast.Name) and func.id in lw.info.functions:
        body = ast.Call(ast.Name(func.id, ast.Load()), [ast.Name(acc, ast.Load()), ast.Name(item, ast.Load())], [])
    else:
        raise reject(func, "functools.reduce", "reduce() of a function other than a lambda or a module function "
                     "is not translated")
    update = ast.Assign([ast.Name(acc, ast.Store())], body)
    loop_item = ast.Name(item, ast.Store())
    if initial is not None:
        stmts: list[ast.stmt] = [ast.Assign([ast.Name(acc, ast.Store())], initial),
                                 ast.For(loop_item, seq, [update], [])]
    else:
        first_item = ast.If(ast.Name(first, ast.Load()),
                            [ast.Assign([ast.Name(acc, ast.Store())], ast.Name(item, ast.Load())),
                             ast.Assign([ast.Name(first, ast.Store())], ast.Constant(False))], [update])
        empty = ast.Raise(ast.Call(ast.Name("TypeError", ast.Load()),
                                   [ast.Constant("reduce() of empty iterable with no initial value")], []), None)
        stmts = [ast.Assign([ast.Name(first, ast.Store())], ast.Constant(True)),
                 ast.For(loop_item, seq, [first_item], []),
                 ast.If(ast.Name(first, ast.Load()), [empty], [])]
    for s in stmts:
        _locate(s, node)
    lw.locals.update((acc, item, first))
    lowered = lw.block(stmts)
    t = lw.var_type(acc)
    if isinstance(t, UnknownT):
        return lw.unknown(node, "the value of reduce()")
    return ir.Block(tuple(lowered), ir.Name(acc, t), t)


def _simple(node: ast.expr) -> bool:
    """An expression whose evaluation cannot be seen (so it may move): a name, a constant."""
    return isinstance(node, (ast.Name, ast.Constant)) or \
        isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant)


def _substitute(body: ast.expr, names: dict[str, str]) -> ast.expr:
    """`body` (a lambda's) with its parameters renamed; a nested lambda keeps its own."""
    class Rename(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.Name:
            return ast.Name(names.get(name.id, name.id), name.ctx)

        def visit_Lambda(self, inner: ast.Lambda) -> ast.Lambda:
            return inner

    return Rename().visit(ast.parse(ast.unparse(body), mode="eval").body)


# ---------------------------------------------------------------- math


def _as_floats(lw: LowerContext, seq: ir.Expr, node: ast.AST, what: str) -> ir.Expr:
    if not isinstance(seq.type, ListT) or not isinstance(seq.type.item, (IntT, FloatT, NumT, BoolT)):
        raise reject(node, what, f"{what}() of a {seq.type} is not translated")
    return seq


def math_call(lw: LowerContext, attr: str, node: ast.Call) -> ir.Expr:
    """math.fsum(xs), math.prod(xs, start=...), math.isclose(a, b, rel_tol=..., abs_tol=...)."""
    what = f"math.{attr}"
    kws = {k.arg: k.value for k in node.keywords}
    allowed = {"fsum": set(), "prod": {"start"}, "isclose": {"rel_tol", "abs_tol"}}[attr]
    if set(kws) - allowed or len(node.args) != (2 if attr == "isclose" else 1):
        raise reject(node, what, f"{what}() with these arguments is not translated")
    if attr == "isclose":
        values = [lw.expr(a) for a in node.args]
        tolerances = [lw.expr(kws[k]) if k in kws else ir.Const(d, FLOAT)
                      for k, d in (("rel_tol", 1e-09), ("abs_tol", 0.0))]
        if _unknown(lw, values + tolerances, node):
            return lw.unknown(node, f"the arguments of {what}()")
        floats = [_as_float(lw, v, node, what) for v in values + tolerances]
        return ir.Intrinsic(what, tuple(floats), BOOL)
    seq = lw.as_list(with_views(lw, lw.expr, node.args[0]), node)
    start = lw.expr(kws["start"]) if "start" in kws else ir.Const(1, INT)
    if _unknown(lw, [seq, start], node) or isinstance(seq.type, ListT) and isinstance(seq.type.item, UnknownT):
        return lw.unknown(node, f"the arguments of {what}()")
    seq = _as_floats(lw, seq, node, what)
    if attr == "fsum":
        return ir.Intrinsic(what, (seq,), FLOAT)
    if not isinstance(start.type, (IntT, FloatT, NumT)):  # (a bool start is returned as itself)
        raise reject(node, what, f"{what}() with a {start.type} start is not translated")
    item = seq.type.item  # type: ignore[attr-defined]
    result = INT if isinstance(item, (IntT, BoolT)) and isinstance(start.type, IntT) else \
        FLOAT if isinstance(start.type, FloatT) else NUM
    return ir.Intrinsic(what, (seq, start if result in (INT, FLOAT) else lw.coerce(start, NUM, node)), result)


#: (module, attribute) -> the name of the function it is (`bisect.bisect is bisect.bisect_right`)
ALIASES = {("bisect", "bisect"): "bisect_right", ("bisect", "insort"): "insort_right"}

#: the modules whose functions `call` runs natively (itertools loops are lower_itertools.py's)
MODULES = frozenset({"heapq", "bisect", "functools"})

#: math functions typed here (the others: builtins.py math_call)
MATH = frozenset({"fsum", "prod", "isclose"})


def function_arguments(module: str, attr: str, node: ast.Call) -> list[ast.expr]:
    """The arguments that are functions the rules below inline (`key=abs`, reduce's first)."""
    if module == "heapq" and attr in ("nlargest", "nsmallest"):
        return [k.value for k in node.keywords if k.arg == "key"]
    if module == "functools" and attr == "reduce" and node.args:
        return [node.args[0]]
    if module == "bisect":
        return [k.value for k in node.keywords if k.arg == "key"]
    return []


def call(lw: LowerContext, module: str, attr: str, node: ast.Call) -> ir.Expr:
    """A call of `module.attr` (frontend.stdlib_attribute)."""
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise reject(node, f"{module}.{attr}", "* and ** arguments are not translated")
    if module == "heapq" and attr in ("heappush", "heappop", "heapify", "heappushpop", "heapreplace"):
        return _heap(lw, attr, node)
    if module == "heapq" and attr in ("nlargest", "nsmallest"):
        return _nbest(lw, attr, node)
    if module == "bisect" and attr in ("bisect_left", "bisect_right", "bisect", "insort_left", "insort_right",
                                       "insort"):
        return _bisect(lw, ALIASES.get((module, attr), attr), node)
    if module == "functools" and attr == "reduce":
        return _reduce(lw, node)
    raise reject(node, f"{module}.{attr}", f"{module}.{attr}() is not translated natively")


__all__ = ["call", "function_arguments", "math_call", "MATH", "MODULES", "ALIASES", "comparable"]

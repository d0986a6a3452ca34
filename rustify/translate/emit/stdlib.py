"""Rust for heapq, bisect and math.fsum/prod/isclose (typed in builtins_stdlib.py; helpers
in runtime/src/heap.rs and math_sums.rs).

The list a heap or insort operation changes is borrowed mutably after every other
argument has been evaluated into a local, as Python evaluates arguments before the call:

    heapq.heappush!(h, (d, n))  ->  { let __t1 = (v_d, v_n); rt::heap_push(&mut v_h, __t1)? }
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, FloatT, IntT, ListT, NumT

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter


def _changing(fn: str, *extra: str) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    """`rt::fn(&mut list, args.., extra..)?` with the other arguments evaluated first."""
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        temps = []
        lets = []
        for a in e.args[1:]:
            tmp = em.fresh()
            lets.append(f"let {tmp} = {_opt(em, a)};")
            temps.append(tmp)
        place = em.place_path(e.args[0])
        call = f"rt::{fn}(&mut {place}{''.join(', ' + t for t in temps + list(extra))})?"
        return f"{{ {' '.join(lets)} {call} }}" if lets else call
    return emit


def _opt(em: FunctionEmitter, e: ir.Expr) -> str:
    """A value; for an optional bound (`hi`), `None` or `Some(..)`."""
    if isinstance(e, ir.Const) and e.value is None:
        return "None::<i64>"
    return em.value(e)


def _bisect(left: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        a, x, lo, hi = e.args
        tx, tlo, thi = em.fresh(), em.fresh(), em.fresh()
        hi_text = "None" if isinstance(hi, ir.Const) and hi.value is None else f"Some({em.value(hi)})"
        fn = "bisect_left" if left else "bisect_right"
        return (f"{{ let {tx} = {em.value(x)}; let {tlo}: i64 = {em.value(lo)}; let {thi}: Option<i64> = {hi_text}; "
                f"rt::{fn}(&{em.seq(a)}[..], &{tx}, {tlo}, {thi})? }}")
    return emit


def _insort(left: bool) -> Callable[[FunctionEmitter, ir.Intrinsic], str]:
    def emit(em: FunctionEmitter, e: ir.Intrinsic) -> str:
        a, x, lo, hi = e.args
        tx, tlo, thi = em.fresh(), em.fresh(), em.fresh()
        hi_text = "None" if isinstance(hi, ir.Const) and hi.value is None else f"Some({em.value(hi)})"
        lets = f"let {tx} = {em.value(x)}; let {tlo}: i64 = {em.value(lo)}; let {thi}: Option<i64> = {hi_text};"
        return f"{{ {lets} rt::insort(&mut {em.place_path(a)}, {tx}, {tlo}, {thi}, {str(left).lower()})? }}"
    return emit


def _as_f64(item: object) -> str:
    if isinstance(item, FloatT):
        return "|&__x| __x"
    if isinstance(item, IntT):
        return "|&__x| __x as f64"  # PyLong_AsDouble: correctly rounded, as Rust's `as`
    if isinstance(item, BoolT):
        return "|&__x| (__x as i64) as f64"
    return "|&__x| match __x { rt::Num::Int(i) => i as f64, rt::Num::Float(f) => f }"


def _fsum(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    item = e.args[0].type.item  # type: ignore[attr-defined]
    return f"rt::math_fsum({em.seq(e.args[0])}.iter().map({_as_f64(item)}))?"


def _prod(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    seq, start = e.args
    item = seq.type.item  # type: ignore[attr-defined]
    if isinstance(e.type, IntT):  # ints and an int start
        cast = "|&__x| __x as i64" if isinstance(item, BoolT) else "|&__x| __x"
        return f"rt::math_prod_int({em.value(start)}, {em.seq(seq)}.iter().map({cast}))?"
    items = f"{em.seq(seq)}.iter().map(|__x| {em.to_num_item('__x', item)})"
    if isinstance(e.type, FloatT):  # a float start
        return f"rt::math_prod_float({em.value(start)}, {items})"
    assert isinstance(e.type, NumT)
    return f"rt::math_prod({em.value(start)}, {items})?"


def _isclose(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::math_isclose({', '.join(em.value(a) for a in e.args)})?"


def _nbest(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    items, keys, n, largest = e.args
    return f"rt::best_by_keys({em.value(items)}, {em.value(keys)}, {em.value(n)}, {em.value(largest)})?"


def _take(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    ordered, n = e.args
    tmp = em.fresh()
    return f"{{ let {tmp} = {em.value(ordered)}; rt::heap_take({tmp}, {em.value(n)}) }}"


INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {
    "heapq.heappush": _changing("heap_push"),
    "heapq.heappop": _changing("heap_pop"),
    "heapq.heapify": _changing("heap_heapify"),
    "heapq.heappushpop": _changing("heap_pushpop"),
    "heapq.heapreplace": _changing("heap_replace"),
    "heapq.nbest": _nbest,
    "heapq.take": _take,
    "bisect.bisect_left": _bisect(True),
    "bisect.bisect_right": _bisect(False),
    "bisect.insort_left": _insort(True),
    "bisect.insort_right": _insort(False),
    "math.fsum": _fsum,
    "math.prod": _prod,
    "math.isclose": _isclose,
}

__all__ = ["INTRINSICS", "ListT"]

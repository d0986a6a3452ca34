"""Emission of numpy: the `nd.*`/`np.*` intrinsics (its INTRINSICS, assembled by
emit/tables.py), the wrapper's array arguments (read in place through rust-numpy's
read-only borrow, held for the whole call) through the runtime's `np_glue`, the part of
the runtime that needs rust-numpy (its `numpy` feature, enabled only for crates with arrays).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, IntT, ListT, RType, TupleT
from rustify.translate.ir.rtypes_numpy import DTYPES, FxT, IxT, NdArrayT, NpBoolT, NpFloat64T, NpInt64T

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter
from rustify.translate.ir.walk import walk_body

OPS = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "TrueDiv", "floordiv": "FloorDiv", "mod": "Mod",
       "pow": "Pow"}
CMP = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}


def _arr(em: FunctionEmitter, e: ir.Expr) -> str:
    return f"({em.borrow(e)})"


def _f64(em: FunctionEmitter, e: ir.Expr) -> str:
    text = em.value(e)
    t = e.type
    if isinstance(t, (NpFloat64T, FxT)):
        return f"{text}.v"
    if isinstance(t, (NpInt64T, IxT)):
        return f"({text}.v as f64)"
    if isinstance(t, IntT):
        return f"({text} as f64)"
    if isinstance(t, BoolT):
        return f"(({text} as i64) as f64)"
    return text


def _shape(em, e):
    tmp = em.fresh()
    parts = ", ".join(f"{tmp}.shape[{k}] as i64" for k in range(e.args[0].type.ndim))
    return f"{{ let {tmp} = {_arr(em, e.args[0])}; ({parts},) }}"


def _get(em, e):
    idx = ", ".join(em.value(a) for a in e.args[1:])
    wrap = "rt::Ix::np" if isinstance(e.type, NpInt64T) else "rt::Fx::np"
    return f"{wrap}({_arr(em, e.args[0])}.get{len(e.args) - 1}({idx})?)"


def _set(em, e):
    arr, *idx, value = e.args
    names = [em.fresh() for _ in idx]
    value_name = em.fresh()
    binds = " ".join(f"let {n}: i64 = {em.value(a)};" for n, a in zip(names, idx))
    return (f"{{ {binds} let {value_name}: f64 = {_f64(em, value)}; "
            f"rt::Arr::<f64>::set{len(idx)}(&mut {em.place_path(arr)}, {', '.join(names)}, {value_name})? }}")


def _new(em, e):
    fill, *dims = e.args
    return f"rt::Arr::<f64>::filled{len(dims)}({em.value(fill)}, {', '.join(em.value(d) for d in dims)})?"


def _fx_of(em, e):
    a = e.args[0]
    if isinstance(a.type, (NpFloat64T, FxT)):
        return em.value(a)
    if isinstance(a.type, (NpInt64T, IxT)):
        return f"{em.value(a)}.fx()"
    return f"rt::Fx::py({_f64(em, a)})"


def _ix_of(em, e):
    a = e.args[0]
    if isinstance(a.type, (NpInt64T, IxT)):
        return em.value(a)
    if isinstance(a.type, BoolT):
        return f"rt::Ix::py({em.value(a)} as i64)"
    return f"rt::Ix::py({em.value(a)})"


def _truth(em, e):
    a = e.args[0]
    if isinstance(a.type, NpBoolT):
        return em.value(a)
    if isinstance(a.type, (NpInt64T, IxT)):
        return f"({em.value(a)}.v != 0)"
    return f"({em.value(a)}.v != 0.0)"


#: this module's intrinsics (assembled with the others by emit/tables.py)
INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {}
INTRINSICS.update({
    "nd.shape": _shape,
    "nd.size": lambda em, e: f"{_arr(em, e.args[0])}.size()",
    "nd.len": lambda em, e: f"{_arr(em, e.args[0])}.len_i64()",
    "nd.get1": _get, "nd.get2": _get,
    "nd.set1": _set, "nd.set2": _set,
    "np.new1": _new, "np.new2": _new,
    "np.like": lambda em, e: f"rt::arr_like({em.value(e.args[0])}, {_arr(em, e.args[1])})",
    "np.fx_of": _fx_of,
    "np.fx_value": lambda em, e: _f64(em, e.args[0]),
    "np.neg": lambda em, e: f"{em.value(e.args[0])}.neg()" + ("?" if isinstance(e.type, (NpInt64T, IxT)) else ""),
    "np.ix_of": _ix_of,
    "np.itruediv": lambda em, e: f"rt::ix_truediv({em.value(e.args[0])}, {em.value(e.args[1])})?",
    "np.pos": lambda em, e: em.value(e.args[0]),
    "np.truth": _truth,
})
for _op, _name in OPS.items():
    INTRINSICS[f"np.arith.{_op}"] = (lambda name: lambda em, e: f"rt::fx_arith(rt::FxOp::{name}, "
                                     f"{em.value(e.args[0])}, {em.value(e.args[1])})?")(_name)
for _op, _name in OPS.items():
    INTRINSICS[f"np.iarith.{_op}"] = (lambda name: lambda em, e: f"rt::ix_arith(rt::FxOp::{name}, "
                                      f"{em.value(e.args[0])}, {em.value(e.args[1])})?")(_name)
for _op, _sym in CMP.items():
    INTRINSICS[f"np.cmp.{_op}"] = (lambda sym: lambda em, e: f"({em.value(e.args[0])}.v {sym} "
                                   f"{em.value(e.args[1])}.v)")(_sym)


# ---------------------------------------------------------------- boundary

def contains_numpy(t: RType) -> bool:
    if isinstance(t, (NdArrayT, NpFloat64T, FxT, NpBoolT, NpInt64T, IxT)):
        return True
    if isinstance(t, ListT):
        return contains_numpy(t.item)
    if isinstance(t, TupleT):
        return any(contains_numpy(i) for i in t.items)
    return False


def uses_numpy(function: ir.Function) -> bool:
    if any(contains_numpy(p.type) for p in function.params) or contains_numpy(function.ret):
        return True
    if any(contains_numpy(t) for _, t in function.locals):
        return True
    return any(isinstance(n, ir.Intrinsic) and n.name.startswith(("nd.", "np.")) for n in walk_body(function.body))


def arg_line(param: ir.Param, obj: str, value: str, guard: str, fallback: str) -> str | None:
    """The wrapper's conversion of an array argument `obj` into `value` (kept readable
    by the borrow `guard`); None: not an array."""
    t = param.type
    if not isinstance(t, NdArrayT):
        return None
    elem = DTYPES[t.dtype]
    return (f"let Some(({guard}, {value})) = rt::np_glue::arg::<{elem}>({obj}, {t.ndim}) "
            f"else {{ return {fallback}; }};")

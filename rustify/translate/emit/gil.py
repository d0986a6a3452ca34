"""When the exported wrapper releases the GIL (`py.detach`) around the Rust body.

The body works on native values only and signals deopt by its result (the Python
fallback runs after it returns, attached again), so it may run detached when every
value it touches is plain Rust data: numbers, lists and tuples of them, and numpy
arrays (rust-numpy's read-only borrow stays active across `detach`, see its borrow
module docs). Detaching costs some tens of nanoseconds, so only bodies with a loop
(here or in a function they call) release it. Anything else (types or helpers this
module does not know) keeps the GIL: a missed speedup, never a crash.
"""

from __future__ import annotations

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, FloatT, IntT, ListT, NoneT, NumT, RType, TupleT
from rustify.translate.ir.rtypes_numpy import FxT, IxT, NdArrayT, NpBoolT, NpFloat64T, NpInt64T
from rustify.translate.ir.walk import walk_body
from rustify.translate.ops import op

LOOPS = (ir.While, ir.ForRange)


def plain(t: RType) -> bool:
    if isinstance(t, (IntT, FloatT, BoolT, NumT, NoneT, NdArrayT, NpFloat64T, FxT, NpBoolT, NpInt64T, IxT)):
        return True
    if isinstance(t, ListT):
        return plain(t.item)
    if isinstance(t, TupleT):
        return all(plain(i) for i in t.items)
    return False


def releases_gil(function: ir.Function, callees: dict[str, ir.Function]) -> bool:
    if any(p.mode in ("view", "inplace") for p in function.params):
        return False  # it reads the caller's lists in place (its callees get them from it)
    seen: set[str] = set()
    stack = [function]
    looping = False
    while stack:
        f = stack.pop()
        if f.rust_name in seen:
            continue
        seen.add(f.rust_name)
        if not all(plain(p.type) for p in f.params) or not plain(f.ret) or not all(plain(t) for _, t in f.locals):
            return False
        for node in walk_body(f.body):
            if isinstance(node, LOOPS):
                looping = True
            elif isinstance(node, ir.Intrinsic):
                if not op(node.name).nogil:  # the operation table says (translate/ops/)
                    return False
            elif isinstance(node, ir.Call):
                callee = callees.get(node.func)
                if callee is None:
                    return False
                stack.append(callee)
            elif hasattr(node, "type") and not plain(node.type):  # type: ignore[attr-defined]
                return False
    return looping

"""Reject numpy uses whose Python sharing or types a translation could not reproduce.

An array the function created is one object in Python; in Rust a second name (or a
container, or another function's parameter) would get a copy. So a created array
may only be read, written item by item, passed to np.*_like, and returned (once per
return). An argument array is read only, and never returned (Python returns the
same object). A comparison of numpy scalars gives a numpy.bool: it is translated
only where it is used as a condition.

    before: out = np.zeros(n); alias = out; alias[0] = 1.0; return out
    after:  Reject("`out` is a created array used as a value")
"""

from __future__ import annotations

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes_numpy import NdArrayT, NpBoolT
from rustify.translate.ir.walk import walk_body

#: intrinsics that read their array argument in place
READERS = ("nd.", "np.like")


def _fail(message: str, hint: str = "") -> None:
    raise reject(None, "numpy array", message, hint)


def _returned(e: ir.Expr):
    """The values a return hands to the caller as objects: the value, or the items of
    the tuples, lists and conditional expressions it builds."""
    if isinstance(e, (ir.TupleLit, ir.ListLit)):
        for i in e.items:
            yield from _returned(i)
    elif isinstance(e, ir.IfExp):
        yield from _returned(e.then)
        yield from _returned(e.orelse)
    else:
        yield e


def check_numpy(function: ir.Function) -> ir.Function:
    allowed: set[int] = set()
    for node in walk_body(function.body):
        if isinstance(node, ir.Intrinsic) and node.name.startswith(READERS):
            for a in node.args:
                if isinstance(a, ir.Name) and isinstance(a.type, NdArrayT):
                    allowed.add(id(a))
        if isinstance(node, ir.Intrinsic) and node.name == "np.truth":
            allowed.add(id(node.args[0]))
        if isinstance(node, ir.Return) and node.value is not None:
            names = [n for n in _returned(node.value) if isinstance(n, ir.Name) and isinstance(n.type, NdArrayT)]
            seen = set()
            for n in names:
                if not n.type.owned:  # type: ignore[attr-defined]
                    _fail(f"returns the argument array `{n.name}`: Python returns the same object",
                          "return a new array (np.copy is not translated: fill an np.empty_like)")
                if n.name in seen:
                    _fail(f"returns `{n.name}` twice: Python returns one object")
                seen.add(n.name)
                allowed.add(id(n))
    for node in walk_body(function.body):
        t = getattr(node, "type", None)
        if isinstance(node, ir.Name) and isinstance(t, NdArrayT) and t.owned and id(node) not in allowed:
            _fail(f"`{node.name}` is a created array used as a value (a second name, a container or a call "
                  "argument): Python would share one array", "index it, or return it")
        if isinstance(t, NpBoolT) and id(node) not in allowed:
            _fail("a comparison of numpy scalars gives a numpy.bool: translated only as a condition",
                  "use it in an if/while, or convert with float() first")
    return function

"""IR validity: every built function is checked before it is emitted.

Catches lowering bugs as a clear rejection instead of Rust that does not compile
or, worse, computes something else: names have their declared types, assignments
match their targets, operands of arithmetic and comparisons agree.
"""

from __future__ import annotations

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BOOL, IntT, TupleT, is_known
from rustify.translate.ir.walk import walk_body


def _fail(message: str) -> None:
    raise reject(None, "internal", f"translator produced invalid IR: {message}",
                 "please report this function; it stays Python")


def check_function(function: ir.Function) -> None:
    declared = {p.name: p.type for p in function.params}
    declared.update(dict(function.locals))
    for node in walk_body(function.body):
        t = getattr(node, "type", None)
        if t is not None and not is_known(t):
            _fail(f"{type(node).__name__} of unknown type")
        if isinstance(node, ir.Name) and declared.get(node.name) not in (None, node.type):
            _fail(f"`{node.name}` used as {node.type}, declared {declared[node.name]}")
        if isinstance(node, ir.Assign):
            if node.value.type != node.target.type:
                _fail(f"assigning a {node.value.type} to a {node.target.type}")
            if isinstance(node.target, ir.NamePlace) and declared.get(node.target.name) not in (None, node.target.type):
                _fail(f"`{node.target.name}` assigned as {node.target.type}, declared {declared[node.target.name]}")
        if isinstance(node, ir.Arith) and node.op not in ("pow",):
            if node.left.type != node.right.type:
                _fail(f"{node.op} of {node.left.type} and {node.right.type}")
        if isinstance(node, ir.Index) and not isinstance(node.index.type, IntT):
            _fail(f"index of type {node.index.type}")
        if isinstance(node, (ir.If, ir.While)) and node.cond.type != BOOL:
            _fail(f"condition of type {node.cond.type}")
        if isinstance(node, ir.Return) and node.value is not None and node.value.type != function.ret:
            _fail(f"returns a {node.value.type}, function returns {function.ret}")
        if isinstance(node, ir.TupleGet) and not isinstance(node.tup.type, TupleT):
            _fail("tuple item of a non-tuple")

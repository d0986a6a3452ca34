"""The IR is a closed set of node classes, and every consumer handles every one of them.

A new node class must be taught to the printer, the liveness analysis and the emitter;
this test fails until it is (rather than a KeyError on the first function that uses it).
Each consumer dispatches by `isinstance` (or by `e_<Class>` methods and the emitter's
statement table); the test reads which classes each one names.
"""

from __future__ import annotations

import ast
import inspect
import textwrap

from rustify.translate.emit.function import FunctionEmitter
from rustify.translate.emit.tables import emit_tables
from rustify.translate.ir import nodes as ir
from rustify.translate.ir import nodes_try, pprint
from rustify.translate.passes import liveness

#: parts of another node, never a statement of a body on their own
PARTS = {"ExceptClause"}


def _classes(base: type) -> set[str]:
    return {c.__name__ for m in (ir, nodes_try) for c in vars(m).values()
            if isinstance(c, type) and issubclass(c, base) and c is not base} - PARTS


def _isinstance_names(function) -> set[str]:
    """Class names tested with isinstance() in `function`'s source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "isinstance" and len(node.args) == 2:
            kinds = node.args[1]
            for k in kinds.elts if isinstance(kinds, ast.Tuple) else [kinds]:
                out.add(k.attr if isinstance(k, ast.Attribute) else getattr(k, "id", ""))
    return out


def test_node_classes_are_final() -> None:
    for m in (ir, nodes_try):
        for c in vars(m).values():
            if isinstance(c, type) and issubclass(c, (ir.Expr, ir.Stmt)) and c not in (ir.Expr, ir.Stmt):
                assert getattr(c, "__final__", False), f"{c.__name__} is not @final"


def test_the_printer_prints_every_node() -> None:
    assert _classes(ir.Stmt) <= _isinstance_names(pprint.stmt)
    assert _classes(ir.Expr) <= _isinstance_names(pprint.expr)


def test_liveness_knows_every_statement() -> None:
    assert _classes(ir.Stmt) <= _isinstance_names(liveness.Liveness.stmt)


def test_the_emitter_emits_every_node() -> None:
    table = {c.__name__ for c in emit_tables().statements}
    assert _classes(ir.Stmt) <= _isinstance_names(FunctionEmitter.stmt) | table
    assert {name for name in _classes(ir.Expr) if not hasattr(FunctionEmitter, f"e_{name}")} == set()


def test_the_check_sees_a_missing_case() -> None:
    def consumer(s):
        if isinstance(s, ir.Assign):
            return 1
        if isinstance(s, (ir.Break, ir.Continue)):
            return 2

    assert _isinstance_names(consumer) == {"Assign", "Break", "Continue"}
    assert not _classes(ir.Stmt) <= _isinstance_names(consumer)


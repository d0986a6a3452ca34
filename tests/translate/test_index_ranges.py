"""Loop versioning (passes/index_ranges.py): which reads a nest proves in range before it
runs, and that the checked nest stays as it was for the rest. The answers themselves are
compared with CPython by the behaviour cases in cases/affine_reads.py."""

from __future__ import annotations

import ast

from case_support import CASES
from rustify.translate.frontend import scan_module
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.walk import walk_body
from rustify.translate.passes.index_ranges import IN_RANGE
from rustify.translate.translator import ModuleTranslator


def _function(name: str) -> ir.Function:
    path = CASES / "affine_reads.py"
    fn = ModuleTranslator(scan_module(path.name, ast.parse(path.read_text()))).translate(name, name, {}, None).function
    assert fn is not None
    return fn


def _versions(fn: ir.Function) -> list[ir.If]:
    return [n for n in walk_body(fn.body) if isinstance(n, ir.If) and any(
        isinstance(c, ir.Intrinsic) and c.name == IN_RANGE for c in _conds(n.cond))]


def _conds(e: ir.Expr) -> list[ir.Expr]:
    return _conds(e.left) + _conds(e.right) if isinstance(e, ir.BoolOp) else [e]


def _reads(stmts, name: str) -> list[ir.Index]:
    return [n for n in walk_body(stmts) if isinstance(n, ir.Index) and isinstance(n.seq, ir.Name) and n.seq.name == name]


def test_a_matrix_product_reads_unchecked_after_one_check() -> None:
    [version] = _versions(_function("flat_product"))
    assert len(_conds(version.cond)) == 2  # a[i*n+k] and b[k*n+j]
    assert [r.checked for r in _reads(version.body, "a") + _reads(version.body, "b")] == [False, False]
    assert [r.checked for r in _reads(version.orelse, "a") + _reads(version.orelse, "b")] == [True, True]


def test_a_reassigned_counter_is_not_a_range() -> None:
    assert _versions(_function("reassigned_counter")) == []


def test_a_counter_read_after_its_loop_stays_checked() -> None:
    [version] = _versions(_function("after_inner_loop"))
    inner, after = _reads(version.body, "a")
    assert (inner.checked, after.checked) == (False, True)  # a[k] in its loop; a[k + i] after it


def test_a_product_of_counters_is_not_affine() -> None:
    source = "def f(a: list[int], n: int) -> int:\n    t = 0\n    for i in range(n):\n        t = max(t, a[i * i])\n    return t\n"
    fn = ModuleTranslator(scan_module("<t>", ast.parse(source))).translate("f", "f", {}, None).function
    assert fn is not None and _versions(fn) == []

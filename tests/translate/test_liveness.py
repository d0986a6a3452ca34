"""The liveness analysis the aliasing pass relies on (passes/liveness.py)."""

from __future__ import annotations

import ast
import textwrap

from rustify.translate.frontend import scan_module
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.walk import walk_body
from rustify.translate.passes.liveness import Liveness
from rustify.translate.translator import ModuleTranslator


def lowered(source: str, name: str) -> ir.Function:
    tree = ast.parse(textwrap.dedent(source))
    result = ModuleTranslator(scan_module("m.py", tree)).translate(name, name, {}, None)
    assert result.function is not None, result.rejections
    return result.function


def appends(f: ir.Function) -> list[ir.ExprStmt]:
    return [n for n in walk_body(f.body) if isinstance(n, ir.ExprStmt) and isinstance(n.expr, ir.Intrinsic)
            and n.expr.name == "list.append"]


def test_a_row_is_dead_after_it_is_stored_when_the_loop_rebinds_it() -> None:
    f = lowered("""
        def identity(n: int) -> list[list[float]]:
            out = []
            for i in range(n):
                row = [0.0] * n
                row[i] = 1.0
                out.append(row)
            return out
        """, "identity")
    live = Liveness(f.body).live_after(appends(f)[0])
    assert live is not None and "row" not in live and "out" in live


def test_a_list_read_on_the_next_iteration_stays_live() -> None:
    f = lowered("""
        def total(xs: list[float], n: int) -> float:
            acc = [0.0]
            out = []
            s = 0.0
            for i in range(n):
                s += acc[0] + xs[i]
                out.append(acc[0] * 2.0)
            return s
        """, "total")
    live = Liveness(f.body).live_after(appends(f)[0])
    assert live is not None and "acc" in live


def test_so_a_list_stored_then_changed_again_is_rejected() -> None:
    tree = ast.parse(textwrap.dedent("""
        def total(xs: list[float], n: int) -> float:
            acc = [0.0]
            out = []
            for i in range(n):
                out.append(acc)
                acc[0] += xs[i]
            return acc[0]
        """))
    result = ModuleTranslator(scan_module("m.py", tree)).translate("total", "total", {}, None)
    assert result.status == "rejected"
    assert (result.rejections[0].construct, result.rejections[0].line) == ("list aliasing", 7)


def test_break_continues_with_what_is_live_after_the_loop() -> None:
    f = lowered("""
        def first(xs: list[int]) -> int:
            k = -1
            while True:
                k += 1
                if k >= len(xs) or xs[k] > 0:
                    break
            return k
        """, "first")
    breaks = [s for s in walk_body(f.body) if isinstance(s, ir.Break)]
    live = Liveness(f.body).live_after(breaks[0])
    assert live is not None and "k" in live

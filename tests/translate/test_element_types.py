"""Element types from every store (lower_stmt.record_value_at), without a build: the
types the translator settles on for containers filled after they were made. The built
behaviour is compared with CPython by the cases in cases/nested.py."""

from __future__ import annotations

import ast
import textwrap

from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator


def translate(source: str, qualname: str, observed: dict[str, str]):
    translator = ModuleTranslator(scan_module("m.py", ast.parse(textwrap.dedent(source))))
    result = translator.translate(f"m.py:1:{qualname}", qualname, {}, {"args": {k: [v] for k, v in observed.items()}})
    assert result.function is not None, result.rejections
    return result.function


def test_int_zeros_that_receive_floats_make_a_mixed_grid() -> None:
    f = translate("""
        def relax(grid, n):
            new = [[0] * n for _ in range(n)]
            for i in range(1, n - 1):
                new[i][i] = 0.5 * grid[i][i]
            return new
        """, "relax", {"grid": "list[list[float]]", "n": "int"})
    assert str(f.ret) == "list[list[int | float]]"
    assert dict(f.locals)["new"] == f.ret


def test_rows_made_empty_take_the_type_of_what_is_appended() -> None:
    f = translate("""
        def groups(n, pairs):
            rows = [[] for _ in range(n)]
            for k, v in pairs:
                rows[k].append(v)
            return rows
        """, "groups", {"n": "int", "pairs": "list[tuple[int, str]]"})
    assert str(f.ret) == "list[list[str]]"


def test_a_list_of_none_filled_later_holds_optionals() -> None:
    f = translate("""
        def fill(xs):
            out = [None] * len(xs)
            for i in range(len(xs)):
                if xs[i] > 0:
                    out[i] = xs[i]
            return out
        """, "fill", {"xs": "list[int]"})
    assert str(f.ret) == "list[int | None]"


def test_a_parameter_whose_items_receive_floats_widens_and_is_changed_in_place() -> None:
    f = translate("""
        def halve(xs):
            for i in range(len(xs)):
                xs[i] = xs[i] / 2
        """, "halve", {"xs": "list[int]"})
    (param,) = f.params
    assert (str(param.type), param.mode) == ("list[int | float]", "mut")


def test_a_widened_alias_of_an_item_is_not_a_copy() -> None:
    """`row` is the caller's inner list: widening it would change a copy; it stays an object."""
    f = translate("""
        def scale(rows, k):
            for row in rows:
                for j in range(len(row)):
                    row[j] = row[j] * k
        """, "scale", {"rows": "list[list[int]]", "k": "float"})
    assert str(f.params[0].type) == "object"

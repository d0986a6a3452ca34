"""Lists of lists read row by row in place (passes/read_in_place.py `is_rows`, runtime
view.rs `Seq` of `Seq`): answers are CPython's also for rows the generated inputs never
make (a tuple row, an int among floats, a list subclass), and only traversals that read
each item about once are read in place."""

from __future__ import annotations

import ast

import pytest

from case_support import BuiltCases, built_pair, outcome

pytestmark = pytest.mark.slow


class Row(list):
    pass


@pytest.mark.parametrize("a", [
    [[1.0, 2.0], (3.0, 4.0)],
    [[1.0, 2.0], [3.0, 4]],
    [Row([1.0, 2.0]), [3.0, 4.0]],
    [[1.0, 2.0], [3.0]],
    [[0.5] * 300 for _ in range(300)],
])
def test_odd_rows_answer_as_cpython(built_cases: BuiltCases, a) -> None:
    for key in ("rows_in_place.trace", "rows_in_place.total"):
        py, rs = built_pair(built_cases, key)
        assert outcome(rs, a) == outcome(py, a), key


@pytest.mark.parametrize("source, mode", [
    ("def f(a: list[list[float]]) -> float:\n    t = 0.0\n    for i in range(len(a)):\n        t += a[i][i]\n"
     "    return t\n", "view"),
    # a matrix product reads each item n times: converted once
    ("def f(a: list[list[float]], b: list[list[float]]) -> float:\n    s = 0.0\n    for i in range(len(a)):\n"
     "        for j in range(len(b[0])):\n            for k in range(len(b)):\n                s += a[i][k] * b[k][j]\n"
     "    return s\n", "ref"),
    # a row taken whole
    ("def f(a: list[list[float]]) -> float:\n    s = 0.0\n    for row in a:\n        s += sum(row)\n    return s\n", "ref"),
])
def test_which_rows_are_read_in_place(source: str, mode: str) -> None:
    from rustify.translate.frontend import scan_module
    from rustify.translate.translator import ModuleTranslator

    fn = ModuleTranslator(scan_module("<t>", ast.parse(source))).translate("f", "f", {}, None).function
    assert fn is not None and fn.params[0].mode == mode

"""emit/gil.py: which exported bodies run with the GIL released (no build needed)."""

from __future__ import annotations

import ast

from rustify.translate.emit.gil import releases_gil
from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator


def _function(source: str):
    tree = ast.parse(source)
    info = scan_module("<test>", tree)
    first = next(n for n in tree.body if isinstance(n, ast.FunctionDef))
    translator = ModuleTranslator(info)
    result = translator.translate(first.name, first.name, {}, None)
    assert result.status == "translated", result.rejections
    functions = translator.reachable([result.function])
    return result.function, {f.rust_name: f for f in functions}


def test_a_loop_over_numbers_releases_the_gil() -> None:
    f, callees = _function("def f(xs: list[float]):\n    s = 0.0\n    for x in xs:\n        for y in xs:\n"
                           "            s += x * y\n    return s\n")
    assert [p.mode for p in f.params] == ["ref"]  # read many times: converted once on entry
    assert releases_gil(f, callees)


def test_a_list_read_once_in_place_keeps_the_gil() -> None:
    f, callees = _function("def f(xs: list[float]):\n    s = 0.0\n    for x in xs:\n        s += x\n    return s\n")
    assert [p.mode for p in f.params] == ["view"]  # the caller's list, read in place
    assert not releases_gil(f, callees)


def test_a_numpy_loop_releases_the_gil() -> None:
    f, callees = _function("import numpy as np\ndef f(a: np.ndarray[float64, 1]):\n    s = 0.0\n"
                           "    for i in range(len(a)):\n        s += a[i]\n    return s\n")
    assert releases_gil(f, callees)


def test_a_loop_in_a_callee_counts() -> None:
    f, callees = _function("def f(n: int):\n    return g(n) + 1\n\ndef g(n: int):\n    s = 0\n"
                           "    for i in range(n):\n        s += i\n    return s\n")
    assert releases_gil(f, callees)


def test_no_loop_keeps_the_gil() -> None:
    f, callees = _function("def f(a: float, b: float):\n    return a * b + 1.0\n")
    assert not releases_gil(f, callees)


def test_other_types_keep_the_gil() -> None:
    f, callees = _function("def f(s: str):\n    n = 0\n    for c in s:\n        n += 1\n    return n\n")
    assert not releases_gil(f, callees)

"""The AST-level parts of native iteration (no build): map/filter as the generator
expressions they equal (map_filter.py) and which variables may be native iterators
(lower_iterators.iterator_candidates)."""

from __future__ import annotations

import ast

import pytest

from rustify.translate.lower_iterators import iterator_candidates
from rustify.translate.map_filter import as_generator, consumes_generators, mapped_lambdas, may_raise_stop


def call(text: str) -> ast.Call:
    node = ast.parse(text, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


def rewrite(text: str, shadowed: frozenset[str] = frozenset(), functions: frozenset[str] = frozenset({"f"})):
    gen = as_generator(call(text), lambda name: name not in shadowed,
                       lambda name: name not in shadowed and (name in functions or name in ("abs", "str", "len")))
    return None if gen is None else ast.unparse(gen)


@pytest.mark.parametrize("text, expected", [
    ("map(lambda x: x * 2, xs)", "(x * 2 for x in xs)"),
    ("map(lambda a, b: a + b, xs, ys)", "(a + b for a, b in zip(xs, ys))"),
    ("map(abs, xs)", "(abs($mapped0) for $mapped0 in xs)"),
    ("map(f, xs, ys)", "(f($mapped0, $mapped1) for $mapped0, $mapped1 in zip(xs, ys))"),
    ("filter(lambda w: w.isalpha(), ws)", "(w for w in ws if w.isalpha())"),
    ("filter(None, xs)", "($mapped0 for $mapped0 in xs if $mapped0)"),
])
def test_map_and_filter_are_the_generators_they_equal(text: str, expected: str) -> None:
    assert rewrite(text) == expected


@pytest.mark.parametrize("text", [
    "map(lambda x, k=1: x + k, xs)",  # a default: CPython's call binds it, left alone
    "map(lambda x: x, xs, ys)",  # two iterables for one parameter: CPython raises TypeError
    "map(lambda *a: a, xs)",
    "map(g, xs)",  # not a builtin nor a module function nothing rebinds
    "filter(lambda a, b: a, xs, ys)",
    "map(lambda x: x, *rows)",
    "map(lambda x: x, xs, key=1)",
])
def test_what_is_not_rewritten(text: str) -> None:
    assert rewrite(text) is None


def test_a_shadowed_map_or_zip_is_not_the_builtin() -> None:
    assert rewrite("map(lambda x: x, xs)", shadowed=frozenset({"map"})) is None
    assert rewrite("map(lambda a, b: a, xs, ys)", shadowed=frozenset({"zip"})) is None


def test_consumers_taking_a_generator() -> None:
    assert consumes_generators(call("sorted(g, key=len, reverse=True)"))
    assert not consumes_generators(call("max(g, default=0)"))


def test_lambdas_let_through() -> None:
    tree = ast.parse("def f(xs):\n    a = list(map(lambda x: x, xs))\n    b = accumulate(xs, lambda p, q: p)\n"
                     "    c = sorted(xs, key=lambda x: x)\n    d = lambda y: y\n")
    body = tree.body[0].body  # type: ignore[attr-defined]
    let_through = {id(body[0].value.args[0].args[0]), id(body[1].value.args[1])}
    assert mapped_lambdas(tree) == let_through  # not the key lambda (frontend's own rule), not `d`


def candidates(source: str) -> set[str]:
    fn = ast.parse(source).body[0]
    assert isinstance(fn, ast.FunctionDef)
    return set(iterator_candidates(fn))


def test_iterator_variables_used_only_by_next_and_loops() -> None:
    assert candidates("def f(xs):\n    it = iter(xs)\n    a = next(it, 0)\n    for x in it:\n        a += x\n"
                      "    return a + sum(it)\n") == {"it"}
    assert candidates("def f(xs, ys):\n    z = zip(xs, ys)\n    return [p for p in z]\n") == {"z"}


@pytest.mark.parametrize("source", [
    "def f(xs):\n    it = iter(xs)\n    return it\n",  # returned: the real iterator
    "def f(xs):\n    it = iter(xs)\n    g(it)\n",  # passed on
    "def f(xs):\n    it = iter(xs)\n    it = iter(xs)\n    return next(it)\n",  # bound twice
    "def f(xs):\n    if xs:\n        it = iter(xs)\n    return next(it)\n",  # read outside the block making it
    "def f(xs):\n    it = iter(xs)\n    xs = [1]\n    return next(it)\n",  # its list rebound
    "def f(xs):\n    ys = xs\n    ys = [2]\n    it = iter(ys)\n    return next(it)\n",
    "def f(xs):\n    it = iter(xs)\n    return max(it, default=0)\n",
])
def test_what_stays_the_real_iterator(source: str) -> None:
    assert candidates(source) == set()


def test_a_function_that_may_raise_stop_iteration_keeps_the_real_map() -> None:
    """StopIteration from map's function ends the map; from a generator's, it is a RuntimeError."""
    module = ast.parse("def safe(x):\n    return abs(x) + 1\n\ndef stops(x):\n    if x:\n        raise StopIteration\n"
                       "    return x\n\ndef calls_stops(x):\n    return stops(x)\n")
    functions = {f.name: f for f in module.body if isinstance(f, ast.FunctionDef)}

    def stops(node: ast.AST) -> bool:
        return may_raise_stop(node, functions, lambda name: name in ("abs", "next", "len"))

    def rewrite_here(text: str) -> str | None:
        gen = as_generator(call(text), lambda name: True, lambda name: name in functions or name == "abs", stops)
        return None if gen is None else ast.unparse(gen)

    assert rewrite_here("map(safe, xs)") is not None
    assert rewrite_here("map(abs, xs)") is not None
    assert rewrite_here("map(stops, xs)") is None
    assert rewrite_here("map(calls_stops, xs)") is None
    assert rewrite_here("map(lambda x: next(it), xs)") is None
    assert rewrite_here("filter(lambda x: helper(x), xs)") is None  # unknown code
    assert rewrite_here("map(next, its)") is None


def test_an_iterator_made_inside_a_loop_and_used_after_it_there() -> None:
    assert candidates("def f(xs, n):\n    left = list(xs)\n    while left:\n        it = iter(left)\n"
                      "        best = next(it)\n        for c in it:\n            best = c\n        left.pop()\n") == {"it"}
    # read in the next time round before it is made again: not native
    assert candidates("def f(xs):\n    for k in xs:\n        if k:\n            print(next(it))\n"
                      "        it = iter(xs)\n") == set()

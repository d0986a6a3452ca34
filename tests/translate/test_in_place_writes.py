"""Item stores into a list argument go to the caller's list itself (passes/write_in_place.py,
runtime view.rs `ListMut`): the items the function does not store into stay the caller's
objects, as in CPython (a write-back replaced them all), a function that changes one item of
a long list does not pay for the whole list, and a deopt after stores undoes them before the
Python original runs."""

from __future__ import annotations

import ast

import pytest

from case_support import BuiltCases, built_pair, outcome

pytestmark = pytest.mark.slow



def _kept(after: list, before: list) -> list[int | None]:
    """For each item: where the object was before the call (moved items too), or None for a
    new object."""
    where = {id(b): i for i, b in enumerate(before)}
    return [where.get(id(a)) for a in after]



@pytest.mark.parametrize("key, make, rest", [
    ("in_place_writes.set_first", lambda: [float(i) + 0.5 for i in range(2000)], (-1.0,)),
    ("in_place_writes.set_at", lambda: [10**6 + i for i in range(50)], (-3, 7)),
    ("in_place_writes.set_at", lambda: [10**6 + i for i in range(5)], (9, 7)),
    ("in_place_writes.clip", lambda: [0.25, 3.0, 0.5, -2.0, 0.75], (0.0, 1.0)),
    ("in_place_writes.clip", lambda: [0.25, 3.0, 0.5, float("nan"), -2.0], (0.0, 1.0)),
    ("in_place_writes.reverse_in_place", lambda: [10**6 + i for i in range(7)], ()),
    ("in_place_writes.insertion_sort", lambda: [0.5 + (i * 7919 % 13) for i in range(40)], ()),
    ("in_place_writes.insertion_sort", lambda: [1.5, float("nan"), 0.25, -0.0, 0.0, 2.0 ** 80], ()),
    ("in_place_writes.swap_ends", lambda: [10**9 + i for i in range(5)], ()),
    ("in_place_writes.swap_ends", lambda: [], ()),
    ("in_place_writes.flags", lambda: [True, False, False], (0,)),
])
def test_untouched_items_stay_the_callers_objects(built_cases: BuiltCases, key, make, rest) -> None:
    py, rs = built_pair(built_cases, key)
    xs_py, xs_rs = make(), make()
    before_py, before_rs = list(xs_py), list(xs_rs)
    assert outcome(rs, xs_rs, *rest) == outcome(py, xs_py, *rest)
    assert repr(xs_rs) == repr(xs_py)
    assert _kept(xs_rs, before_rs) == _kept(xs_py, before_py)
    if isinstance(outcome(py, list(before_py), *rest)[1], (int, float)):  # a returned item: the same object
        got, want = rs(list(before_rs), *rest), py(list(before_py), *rest)
        assert _kept([got], before_rs) == _kept([want], before_py)


@pytest.mark.parametrize("source, mode", [
    ("def f(xs: list[float], k: float) -> None:\n    for i in range(len(xs)):\n        xs[i] *= k\n", "inplace"),
    ("def f(xs: list[float], v: float) -> float:\n    old = xs[0]\n    xs[0] = v\n    return old\n", "inplace"),
    # an int that may outgrow 64 bits after a store: the stores are undone, then the original runs
    ("def f(xs: list[int]) -> None:\n    for i in range(len(xs)):\n        xs[i] = xs[i] * 3\n", "inplace"),
    # resized, or read in a nested loop: converted and written back
    ("def f(xs: list[float]) -> None:\n    xs.append(1.0)\n", "mut"),
    ("def f(xs: list[float]) -> None:\n    for i in range(len(xs)):\n        for j in range(len(xs)):\n"
     "            xs[i] += xs[j]\n", "mut"),
])
def test_which_lists_are_changed_in_place(source: str, mode: str) -> None:
    from rustify.translate.frontend import scan_module
    from rustify.translate.translator import ModuleTranslator

    fn = ModuleTranslator(scan_module("<t>", ast.parse(source))).translate("f", "f", {}, None).function
    assert fn is not None and fn.params[0].mode == mode


def test_a_deopt_after_stores_leaves_the_list_as_given(built_cases: BuiltCases) -> None:
    py, rs = built_pair(built_cases, "in_place_writes.tripled")
    for make in (lambda: [1, 2, 3 * 2**61, 4], lambda: [5, 2**62, 7], lambda: [1, 2.5, 3]):
        xs_py, xs_rs = make(), make()
        assert outcome(rs, xs_rs) == outcome(py, xs_py)
        # not undone, the original would triple the first items a second time
        assert xs_rs == xs_py and [type(x) for x in xs_rs] == [type(x) for x in xs_py]

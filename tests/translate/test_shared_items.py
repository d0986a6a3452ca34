"""Items of a list argument in a result are the argument's own objects, as in CPython
(passes/shared_items.py, runtime view.rs `Shared`): `copy_all(xs)[0] is xs[0]`. The
behaviour tests compare values; these compare identities, item by item, after the call."""

from __future__ import annotations

import pytest

from case_support import BuiltCases, built_pair

pytestmark = pytest.mark.slow

FLOATS = [1.5, -2.25, 3.0e10, float("nan"), -0.0, 7.125, 0.5, 2.0 ** 70]
INTS = [10**6, 5, 10**6 + 1, 10**6 + 1, 5, -(10**12), -(10**12), 10**6 + 1, 1000, 1000]



def _identities(result, args) -> list[object]:
    """For each item (or the result itself): the (argument, index) of the object it is, or
    None for an object no argument holds (a new one)."""
    where = {id(x): (a, i) for a, arg in enumerate(args) if isinstance(arg, list) for i, x in enumerate(arg)}
    items = result if isinstance(result, list) else [result]
    return [where.get(id(x)) for x in items]


@pytest.mark.parametrize("key, args", [
    ("shared_items.copy_all", (FLOATS,)),
    ("shared_items.window", (FLOATS, 1, -2)),
    ("shared_items.window", (FLOATS, 5, 100)),
    ("shared_items.every_other", (INTS,)),
    ("shared_items.positives", (FLOATS,)),
    ("shared_items.clipped", (FLOATS, 0.75)),
    ("shared_items.largest", (FLOATS[4:],)),
    ("shared_items.largest", ([],)),
    ("shared_items.last_big", (INTS, 2000)),
    ("shared_items.last_big", (INTS, 10**7)),
    ("shared_items.pairs_kept", (INTS,)),
    ("shared_items.sorted_copy", (FLOATS[:3] + FLOATS[4:],)),
    ("shared_items.scaled_or_kept", (FLOATS, 3.0)),
])
def test_results_hold_the_objects_cpython_holds(built_cases: BuiltCases, key, args) -> None:
    py, rs = built_pair(built_cases, key)
    expected, got = py(*args), rs(*args)
    assert repr(got) == repr(expected)
    if key.endswith(("sorted_copy",)):  # a sorted list of numbers: new objects, not compared
        return
    assert _identities(got, args) == _identities(expected, args)


def test_items_the_translation_made_are_new_objects(built_cases: BuiltCases) -> None:
    py, rs = built_pair(built_cases, "shared_items.clipped")
    xs = [float("nan"), 2.0]
    got = rs(xs, 1.0)
    assert got[0] == 0.0 and got[0] is not xs[0] and got[1] is xs[1]

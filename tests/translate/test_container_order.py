"""Orders the behaviour comparison does not see: the iteration order of a set a
translated function returns must be CPython's (sets are compared as sets elsewhere),
and a KeyError's argument is the missing key itself, not its repr as a string."""

from __future__ import annotations

import random

import pytest

from case_support import BuiltCases, case_files

pytestmark = pytest.mark.slow


def _built(built_cases: BuiltCases, key: str):
    if not any(p.stem == key.split(".")[0] for p in case_files()):
        pytest.skip(f"RUSTIFY_TEST_CASES left {key.split('.')[0]} out of this build")
    return built_cases.originals[key], built_cases.rust(key)


def test_returned_set_iterates_in_cpythons_order(built_cases: BuiltCases) -> None:
    py, rs = _built(built_cases, "dicts.set_result")
    rng = random.Random(5)
    for _ in range(300):
        xs = [rng.randint(-10**6, 10**6) for _ in range(rng.randint(0, 40))]
        assert list(py(list(xs))) == list(rs(list(xs))), xs


def test_key_error_carries_the_key(built_cases: BuiltCases) -> None:
    py, rs = _built(built_cases, "dicts.lookup_pair")
    for f in (py, rs):
        with pytest.raises(KeyError) as info:
            f({(1, 2): 3}, 2, 1)
        assert info.value.args == ((2, 1),)

"""Native loops over itertools functions follow the module globals naming them: a program
that rebinds `product` (or the `itertools` module global) sees its own function called,
as CPython would; restored, the translation runs natively again."""

from __future__ import annotations

import sys
from typing import Any

import pytest

from case_support import BuiltCases

pytestmark = pytest.mark.slow


def funcs(built: BuiltCases, name: str):
    return built.pair(f"itertools_cases.{name}")


def deopts(built: BuiltCases, name: str, py, rs, *args: Any) -> int:
    return built.deopts(f"itertools_cases.{name}", py, rs, *args)


def _backwards_product(*pools, repeat=1):
    import itertools
    return reversed(list(itertools.product(*pools, repeat=repeat)))


class _FakeItertools:
    @staticmethod
    def product(*pools, repeat=1):
        return _backwards_product(*pools, repeat=repeat)


@pytest.mark.parametrize("name, global_name, replacement, args", [
    ("product_pairs", "product", _backwards_product, ([1, 2], ["a", "b"])),
    ("product_module_attribute", "itertools", _FakeItertools(), ([0.5, 2.0, 1.0],)),
    ("combinations_of_two", "combinations", lambda xs, r: [(0, 0)], ([1, 2, 3],)),
])
def test_a_rebound_itertools_global_is_followed(built_cases: BuiltCases, name: str, global_name: str,
                                                 replacement: Any, args: tuple) -> None:
    py, rs = funcs(built_cases, name)
    module = sys.modules[py.__module__]
    native = rs(*args)
    assert native == py(*args)
    saved = getattr(module, global_name)
    setattr(module, global_name, replacement)
    try:
        assert rs(*args) == py(*args)
        assert deopts(built_cases, name, py, rs, *args) == 1
    finally:
        setattr(module, global_name, saved)
    assert rs(*args) == native
    assert deopts(built_cases, name, py, rs, *args) == 0, "restored: native again"

"""Standard library functions run natively follow their module as CPython does: a module
name rebound, a `from heapq import heappush` name rebound, or the module's function
monkeypatched makes the translation deopt (the original then calls what it finds); put
back, the translation runs natively again."""

from __future__ import annotations

import bisect
import functools
import heapq
import sys
import types
from typing import Any

import pytest

from case_support import BuiltCases

pytestmark = pytest.mark.slow


def funcs(built: BuiltCases, key: str):
    if key not in built.entries:
        pytest.skip(f"RUSTIFY_TEST_CASES left {key.split('.')[0]} out of this build")
    rs = built.rust(key)
    assert rs is not None, built.entries[key].rejections
    return built.originals[key], rs


def deopts(built: BuiltCases, key: str, py, rs, *args: Any) -> tuple[int, Any]:
    calls = []

    @functools.wraps(py)
    def recording(*a: Any, **k: Any) -> Any:
        calls.append(1)
        return py(*a, **k)

    built.set_fallback(key, recording)
    try:
        result = rs(*args)
    finally:
        built.set_fallback(key, py)
    return len(calls), result


def reversed_push(heap: list, item: Any) -> None:
    heap.insert(0, item)


@pytest.mark.parametrize("key, args", [
    ("heapq_cases.heap_sort", ([3.0, 1.0, 2.0],)),
    ("heapq_cases.heap_after_pushes", ([3, 1, 2],)),
])
def test_native_when_untouched(built_cases: BuiltCases, key: str, args: tuple) -> None:
    py, rs = funcs(built_cases, key)
    assert deopts(built_cases, key, py, rs, *args) == (0, py(*args))


def test_module_name_rebound(built_cases: BuiltCases) -> None:
    key = "heapq_cases.heap_sort"
    py, rs = funcs(built_cases, key)
    module = sys.modules[py.__module__]
    fake = types.SimpleNamespace(heappush=reversed_push, heappop=lambda h: h.pop())
    module.heapq = fake
    try:
        n, result = deopts(built_cases, key, py, rs, [3.0, 1.0, 2.0])
        assert n == 1 and result == py([3.0, 1.0, 2.0]) == [3.0, 1.0, 2.0]
    finally:
        module.heapq = heapq
    assert deopts(built_cases, key, py, rs, [3.0, 1.0, 2.0]) == (0, [1.0, 2.0, 3.0])


def test_module_function_monkeypatched(built_cases: BuiltCases) -> None:
    key = "heapq_cases.heap_sort"
    py, rs = funcs(built_cases, key)
    saved = heapq.heappush
    heapq.heappush = reversed_push
    try:
        n, result = deopts(built_cases, key, py, rs, [3.0, 1.0, 2.0])
        assert n == 1 and result == py([3.0, 1.0, 2.0])
    finally:
        heapq.heappush = saved
    assert deopts(built_cases, key, py, rs, [1.0])[0] == 0


def test_imported_name_rebound(built_cases: BuiltCases) -> None:
    key = "heapq_cases.heap_after_pushes"
    py, rs = funcs(built_cases, key)
    module = sys.modules[py.__module__]
    module.heappush = reversed_push
    try:
        n, result = deopts(built_cases, key, py, rs, [3, 1, 2])
        assert n == 1 and result == [2, 1, 3]
    finally:
        module.heappush = heapq.heappush
    assert deopts(built_cases, key, py, rs, [3, 1, 2]) == (0, [1, 3, 2])


def test_alias_names_are_the_module_functions(built_cases: BuiltCases) -> None:
    """`bisect.bisect` is `bisect.bisect_right` (its __name__): native, not a deopt."""
    key = "bisect_cases.left_and_right"
    py, rs = funcs(built_cases, key)
    assert bisect.bisect.__name__ == "bisect_right"
    assert deopts(built_cases, key, py, rs, [1, 2, 2, 3], 2) == (0, (1, 3, 3))

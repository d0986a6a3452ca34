"""heapq and bisect may deopt only on tuples holding a float (a NaN's identity): a heap of
ints or strs may follow a call into Python code; a heap of float pairs may not (no build
needed)."""

from __future__ import annotations

import ast
from pathlib import Path

from rustify.translate.frontend import scan_module
from rustify.translate.translator import ModuleTranslator

SOURCE = '''
import bisect
import heapq


def after_a_call_ints(xs: list[int]) -> list[int]:
    print("start")
    h = []
    for x in xs:
        heapq.heappush(h, x)
    bisect.insort(h, 3)
    return [heapq.heappop(h) for _ in range(len(h))]


def after_a_call_float_pairs(xs: list[float]) -> list[tuple[float, str]]:
    print("start")
    h = []
    for x in xs:
        heapq.heappush(h, (x, "a"))
    return h


def float_pairs_first(xs: list[float]) -> list[tuple[float, str]]:
    h = []
    for x in xs:
        heapq.heappush(h, (x, "a"))
    return h
'''


def translate(tmp_path: Path, name: str):
    path = tmp_path / "mod.py"
    path.write_text(SOURCE)
    return ModuleTranslator(scan_module(str(path), ast.parse(SOURCE))).translate(name, name, {}, None)


def test_heaps_without_floats_in_tuples_never_deopt(tmp_path: Path) -> None:
    assert translate(tmp_path, "after_a_call_ints").status == "translated"
    assert translate(tmp_path, "float_pairs_first").status == "translated"


def test_heaps_of_float_tuples_may_deopt_so_not_after_an_effect(tmp_path: Path) -> None:
    result = translate(tmp_path, "after_a_call_float_pairs")
    assert result.status == "rejected"
    assert result.rejections[0].construct == "effect order"
    assert "heapq.heappush" in result.rejections[0].message

"""Parity inputs: generated from a signature, of the right types, deterministic, edge values first."""

from __future__ import annotations

import math

import pytest

from rustify import pytypes, values

from rustify.building import inputs

TYPES = ["int", "float", "bool", "str", "bytes", "list[float]", "list[int | float]", "tuple[int, float]",
         "list[tuple[int, int]]", "dict[tuple[int, int], int]", "dict[str, list[float]]", "set[int]", "int | None",
         "numpy.ndarray[float64, 1]", "numpy.ndarray[int64, 2]", "list[list[float]]"]


def fits(value, t: pytypes.PyType) -> bool:
    """`value` is of type `t` (containers: every item fits; empty containers fit any item type)."""
    seen = pytypes.describe(value)
    return pytypes.join(seen, t) == t


@pytest.mark.parametrize("text", TYPES)
def test_cases_have_the_declared_types(text: str) -> None:
    t = pytypes.parse_type(text)
    cases = inputs.cases([t, pytypes.parse_type("int")], count=60)
    assert len(cases) >= 60
    for a, b in cases:
        assert fits(a, t), (text, a)
        assert type(b) is int


@pytest.mark.parametrize("text", TYPES)
def test_cases_are_deterministic(text: str) -> None:
    t = pytypes.parse_type(text)
    first, second = inputs.cases([t], count=40), inputs.cases([t], count=40)
    assert all(values.same_value(x, y) for x, y in zip(first, second))


def test_edge_values_come_first_and_cover_the_traps() -> None:
    floats = [c[0] for c in inputs.cases([pytypes.parse_type("float")], count=10)]
    assert any(math.isnan(x) for x in floats) and math.inf in floats and -math.inf in floats
    assert any(x == 0 and math.copysign(1, x) < 0 for x in floats)  # -0.0
    ints = [c[0] for c in inputs.cases([pytypes.parse_type("int")], count=10)]
    assert 2**63 in ints and -(2**63) - 1 in ints and 2**63 - 1 in ints  # at and beyond 64 bits
    lists = [c[0] for c in inputs.cases([pytypes.parse_type("list[float]")], count=10)]
    assert [] in lists and any(len(x) == 1 for x in lists)
    texts = [c[0] for c in inputs.cases([pytypes.parse_type("str")], count=10)]
    assert "" in texts and any(not t.isascii() for t in texts)


def test_unsupported_types_are_refused() -> None:
    with pytest.raises(ValueError):
        inputs.cases([pytypes.parse_type("decimal.Decimal")], count=5)

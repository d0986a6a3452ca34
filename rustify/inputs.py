"""Inputs for parity checks, generated from a function's signature.

Edge values first (empty and one-element lists, negatives, -0.0, NaN, infinities,
ints at and beyond 64 bits), then seeded random values, so every build checks the
same cases and a failure can be replayed. Types are `rustify.pytypes` values.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

from rustify import pytypes

FLOAT_EDGES = [0.0, -0.0, 1.0, -1.5, 0.5, 2.5, -2.5, 1e-300, 5e-324, 1e308, -1e308, math.inf, -math.inf, math.nan,
               0.1, 3.0, 1e16]
INT_EDGES = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 2**31, -(2**31), 2**53 + 1, 2**62, 2**63 - 1, -(2**63),
             2**63, -(2**63) - 1, 2**70]
SMALL_INT_EDGES = [0, 1, -1, 2, -2, 3, 5, -5, 10]


def edges(t: pytypes.PyType, *, small_ints: bool = False) -> list[Any]:
    if isinstance(t, pytypes.Prim):
        if t.name == "float":
            return list(FLOAT_EDGES)
        if t.name == "int":
            return list(SMALL_INT_EDGES if small_ints else INT_EDGES)
        if t.name == "bool":
            return [False, True]
        if t.name == "None":
            return [None]
    if isinstance(t, pytypes.UnionT):
        return [v for option in t.options for v in edges(option, small_ints=small_ints)]
    if isinstance(t, pytypes.ListT):
        items = edges(t.item, small_ints=True)
        if not items:
            return [[]]
        return [[], items[:1], items[1:2] * 3, items[:6], list(reversed(items))]
    if isinstance(t, pytypes.TupleT) and not t.variadic:
        parts = [edges(i, small_ints=small_ints) for i in t.items]
        return [tuple(p[k % len(p)] for p in parts) for k in range(max(len(p) for p in parts))] if parts else [()]
    return []


def random_value(t: pytypes.PyType, rng: random.Random, size: int) -> Any:
    if isinstance(t, pytypes.Prim):
        if t.name == "float":
            return rng.choice([rng.uniform(-1000, 1000), rng.uniform(-1, 1), float(rng.randint(-20, 20))])
        if t.name == "int":
            return rng.choice([rng.randint(-20, 20), rng.randint(-10**6, 10**6)])
        if t.name == "bool":
            return rng.random() < 0.5
        if t.name == "None":
            return None
    if isinstance(t, pytypes.UnionT):
        return random_value(rng.choice(t.options), rng, size)
    if isinstance(t, pytypes.ListT):
        return [random_value(t.item, rng, max(1, size // 4)) for _ in range(rng.randint(0, size))]
    if isinstance(t, pytypes.TupleT) and not t.variadic:
        return tuple(random_value(i, rng, size) for i in t.items)
    raise ValueError(f"cannot generate values of type {t}")


def cases(types: list[pytypes.PyType], *, count: int = 120, seed: int = 0) -> list[tuple]:
    """Argument tuples: each parameter's edge values (others at a plain value), then random."""
    rng = random.Random(seed)
    out: list[tuple] = []
    plain = [random_value(t, rng, 4) for t in types]
    for k, t in enumerate(types):
        for value in edges(t):
            args = list(plain)
            args[k] = value
            out.append(tuple(args))
    all_edges = [edges(t) or [plain[k]] for k, t in enumerate(types)]
    for combo in itertools.islice(itertools.product(*all_edges), 40):
        out.append(tuple(combo))
    while len(out) < count:
        out.append(tuple(random_value(t, rng, 12) for t in types))
    return out[: max(count, len(out))]

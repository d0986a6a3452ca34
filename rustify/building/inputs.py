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
STR_EDGES = ["", "a", "abc", " a b ", "x,y,,z", "héllo wörld", "日本語", "3.5", "-17", "  42  ", "1_000", "nan",
             "Ǆ", "ß", "\t\n"]
BYTES_EDGES = [b"", b"a", b"abc", b"\x00\xff", "héllo".encode()]


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
        if t.name == "str":
            return list(STR_EDGES)
        if t.name == "bytes":
            return list(BYTES_EDGES)
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
    if isinstance(t, pytypes.DictT):
        keys, values = edges(t.key, small_ints=True), edges(t.value, small_ints=True)
        if not keys or not values:
            return [{}]
        return [{}, {keys[0]: values[0]}, {k: values[n % len(values)] for n, k in enumerate(keys[:6])}]
    if isinstance(t, pytypes.SetT):
        items = edges(t.item, small_ints=True)
        kind = frozenset if t.frozen else set
        return [kind(), kind(items[:1]), kind(items[:6])]
    if isinstance(t, pytypes.NdArrayT) and t.ndim in (1, 2):
        return _array_edges(t)
    return []


def _array_edges(t: pytypes.NdArrayT) -> list:
    import numpy as np

    values = {"float64": [0.0, -0.0, 1.5, -2.5, np.nan, np.inf], "float32": [0.0, 1.5, -2.5, np.inf],
              "int64": [0, 1, -7, 2**40], "int32": [0, 1, -7, 2**20], "bool": [False, True]}.get(t.dtype)
    if values is None:
        return []
    flat = np.array(values * 2, dtype=t.dtype)
    if t.ndim == 1:
        return [flat[:0], flat[:1], flat]
    return [flat[:0].reshape(0, 2), flat[:4].reshape(2, 2), flat.reshape(-1, 2)]


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
    if isinstance(t, pytypes.Prim) and t.name in ("str", "bytes"):
        alphabet = "abc xyz,.-0123456789éü日"
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, size)))
        return text if t.name == "str" else text.encode()
    if isinstance(t, pytypes.DictT):
        return {random_value(t.key, rng, 2): random_value(t.value, rng, max(1, size // 4))
                for _ in range(rng.randint(0, size))}
    if isinstance(t, pytypes.SetT):
        items = {random_value(t.item, rng, 2) for _ in range(rng.randint(0, size))}
        return frozenset(items) if t.frozen else items
    if isinstance(t, pytypes.NdArrayT) and t.ndim in (1, 2):
        import numpy as np

        n = rng.randint(0, size)
        shape = (n,) if t.ndim == 1 else (n, rng.randint(1, 4))
        gen = np.random.default_rng(rng.randint(0, 2**32 - 1))
        if t.dtype.startswith("float"):
            return gen.uniform(-100, 100, size=shape).astype(t.dtype)
        if t.dtype.startswith("int"):
            return gen.integers(-1000, 1000, size=shape).astype(t.dtype)
        if t.dtype == "bool":
            return gen.random(size=shape) < 0.5
    raise ValueError(f"cannot generate values of type {t}")


def cases(types: list[pytypes.PyType], *, count: int = 120, seed: int = 0) -> list[tuple]:
    """Argument tuples: each parameter's edge values (others at a plain value), then random.
    Never for instances of classes (`pytypes.OpaqueT`): their state is the program's to make,
    so such functions are checked on captured samples only."""
    classes = sorted({str(o) for t in types for o in pytypes.opaque_parts(t)})
    if classes:
        raise ValueError(f"no inputs are generated for instances of {', '.join(classes)}")
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

"""numpy inputs and comparisons for the behaviour tests (hypothesis.extra.numpy)."""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from rustify import pytypes

FLOAT_EDGES = [0.0, -0.0, 1.0, -1.5, 1e308, -1e308, 5e-324, math.inf, -math.inf, math.nan]


def _elements(dtype: str) -> st.SearchStrategy:
    if dtype.startswith("float"):
        return st.one_of(st.floats(width=64 if dtype == "float64" else 32), st.sampled_from(FLOAT_EDGES)) \
            if dtype == "float64" else st.floats(width=32)
    if dtype == "bool":
        return st.booleans()
    bits = 64 if dtype == "int64" else 32
    return st.integers(-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)


@dataclass(frozen=True)
class Arrays:
    """numpy arrays of one dtype and ndim: C-contiguous, and also strided views
    (every other item, reversed, transposed) that the translation reads in place."""

    t: pytypes.NdArrayT

    def strategy(self) -> st.SearchStrategy:
        dtype = np.dtype(self.t.dtype)
        shape = hnp.array_shapes(min_dims=self.t.ndim, max_dims=self.t.ndim, min_side=0, max_side=8)
        base = hnp.arrays(dtype, shape, elements=_elements(self.t.dtype))
        return st.one_of(base, base.map(self.strided))

    def strided(self, a: np.ndarray) -> np.ndarray:
        if a.ndim == 2:
            return a.T
        return a[::-1] if len(a) % 2 else np.concatenate([a, a])[::2]

    def edges(self) -> list[Any]:
        dtype = np.dtype(self.t.dtype)
        if self.t.ndim == 1:
            shapes = [(0,), (1,), (3,)]
        else:
            shapes = [(0, 0), (1, 3), (3, 1), (2, 2)]
        out = []
        for shape in shapes:
            n = int(np.prod(shape))
            out.append(np.arange(1, n + 1).astype(dtype).reshape(shape))
        if self.t.dtype == "float64":
            out.append(np.array([0.0, -0.0, math.inf, math.nan][: (4 if self.t.ndim == 1 else 4)],
                                dtype).reshape((4,) if self.t.ndim == 1 else (2, 2)))
        return out


def conforms(value: Any, t: pytypes.NdArrayT) -> bool:
    return type(value) is np.ndarray and value.ndim == t.ndim and value.dtype == np.dtype(t.dtype)


def one_nan(x: Any) -> Any:
    """numpy values with every NaN made the same NaN (see test_behaviour.one_nan)."""
    if isinstance(x, np.ndarray) and x.dtype.kind == "f":
        y = x.copy()
        y[np.isnan(y)] = np.nan
        return y
    if isinstance(x, np.floating) and math.isnan(x):
        return type(x)(math.nan)
    return x


def numpy_warns(f, positional: list, keywords: dict) -> bool:
    """Whether CPython's run warns (numpy's division by zero, overflow, invalid value):
    the translation deopts there so that the original warns itself."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            f(*positional, **keywords)
        except Exception:  # noqa: BLE001
            pass
    return any(issubclass(w.category, RuntimeWarning) for w in caught)


_ORIGINALS: dict[str, Any] = {}


def warns_for(fn: Any, args: tuple) -> bool:
    """numpy_warns for a case function (only for case files that use numpy)."""
    import copy

    from case_support import CASES, load_python

    if not any(type(a).__module__ == "numpy" for a in args) and "numpy" not in fn.stem:
        return False
    if fn.file not in _ORIGINALS:
        _ORIGINALS[fn.file] = load_python(CASES / fn.file)
    f = getattr(_ORIGINALS[fn.file], fn.qualname, None)
    if f is None:
        return False
    return numpy_warns(f, list(copy.deepcopy(args)), {})

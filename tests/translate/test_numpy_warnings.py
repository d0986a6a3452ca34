"""Where numpy warns (division by zero, overflow, invalid value), the translation
deopts and the original runs: the caller sees the same value and the same warnings."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from case_support import BuiltCases
from rustify.values import same_value

CASES = [
    ("numpy_cases.np_divide", (np.array([1.0, -1.0, 0.0]), 0.0)),
    ("numpy_cases.np_sum", (np.array([1e308, 1e308]),)),
    ("numpy_cases.np_sum", (np.array([np.inf, -np.inf]),)),
    ("numpy_cases.np_scalar_ops", (np.array([0.0, 2.0]),)),
    ("numpy_cases.np_mixed_ops", (np.array([1.0, 2.0]), 1e308, 3)),
]


def _run(f, args):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ("value", f(*args))
        except Exception as exc:  # noqa: BLE001
            result = ("raise", type(exc), str(exc))
    return result, [(w.category, str(w.message)) for w in caught]


@pytest.mark.slow
@pytest.mark.parametrize("key,args", CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(CASES)])
def test_same_value_and_warnings(built_cases: BuiltCases, key: str, args: tuple) -> None:
    if key not in built_cases.entries:
        pytest.skip("RUSTIFY_TEST_CASES left numpy_cases out of this build")
    py, rs = built_cases.originals[key], built_cases.rust(key)
    assert rs is not None
    want, want_warnings = _run(py, args)
    got, got_warnings = _run(rs, args)
    assert want_warnings, "the case should make numpy warn"
    assert got_warnings == want_warnings
    assert want[0] == got[0] and (same_value(want[1], got[1]) if want[0] == "value" else want == got)

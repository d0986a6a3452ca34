"""Functions that read their module's globals: settings, helpers, themselves.

A program may rebind any of these at run time (a config loaded at start-up, a test
double, a memoizing wrapper); test_module_state.py rebinds them and checks the
translations follow, as CPython's lookups at each use do."""

SCALE = 1.0
LIMIT = 8
ENABLED = True
NEG_ZERO = -0.0


def helper(x: float) -> float:
    return x * 2.0 + 1.0


def scaled(x: float) -> float:
    return x * SCALE


def gated(x: int) -> int:
    return x + LIMIT if ENABLED else x


def first_n(xs: list[int]) -> int:
    positive = 0
    for i in range(min(len(xs), LIMIT)):
        if xs[i] > 0:
            positive += 1
    return positive


def via_helper(x: float) -> float:
    return helper(x) + SCALE


def via_two_levels(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += via_helper(x)
    return s


def countdown(n: int) -> int:
    if n <= 0 or n > 50:
        return 0
    return 1 + countdown(n - 1)


def with_default(x: int, k: int = 3) -> int:
    return x * k


def calls_with_default(x: int) -> int:
    return with_default(x) + 1


def signed_zero(x: float) -> float:
    return x * 0.0 + NEG_ZERO


def raise_bare(x: int) -> int:
    if x < 0:
        raise ValueError
    return x


def assert_bare(x: float) -> float:
    assert x >= 0
    return x


def raise_bare_caught_and_reraised(x: int) -> int:
    try:
        if x < 0:
            raise KeyError
    except KeyError:
        raise
    return x

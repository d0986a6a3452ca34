"""The Rust runtime (rustify/runtime, crate rustify-rt) against the running CPython.

Every helper is called through the `rt_check` harness crate and compared with what CPython
computes for the same inputs: same type, same value (floats bit for bit, NaN and -0.0
included), or the same exception type, message and args.  A `RustifyDeopt` is accepted only
where CPython's answer is not representable in the helper's native types (an int beyond 64
bits, a complex number) or where the helper documents a deopt.
"""

from __future__ import annotations

import array
import math
import operator
import os
import struct
import sys
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rt_check_build import build_rt_check, find_maturin  # noqa: E402

pytestmark = pytest.mark.slow

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
INF, NAN = float("inf"), float("nan")
PY311 = sys.version_info[:2] == (3, 11)

# RT_EXAMPLES=5000 for a deeper (slower) search.
SETTINGS = settings(max_examples=int(os.environ.get("RT_EXAMPLES", "400")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

ints = st.one_of(st.integers(-300, 300), st.integers(I64_MIN, I64_MAX),
                 st.sampled_from([I64_MIN, I64_MAX, 2**53 + 1, -(2**53) - 1, 2**62, 3037000500]))
floats = st.floats(allow_nan=True, allow_infinity=True)
small_floats = st.floats(-1e6, 1e6)
nums = st.one_of(ints, floats)

EDGE_INTS = [0, 1, -1, 2, -2, 3, -3, 5, -5, 7, -7, 10, -10, 64, 2**31, -(2**31), 2**32 + 1,
             3037000499, 3037000500, -3037000500, 2**53 - 1, 2**53, 2**53 + 1, -(2**53) - 1,
             2**62, -(2**62), 10**18, -(10**18), I64_MAX, I64_MIN, I64_MAX - 1, I64_MIN + 1]
EDGE_FLOATS = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 3.5, 0.1, -0.1, 1 / 3,
               2.0, -2.0, 3.0, -3.0, 10.0, 1e-300, -1e-300, 5e-324, -5e-324,
               2.2250738585072014e-308, 1e308, -1e308, 1.7976931348623157e308,
               -1.7976931348623157e308, INF, -INF, NAN, -NAN, 2.0**53, 2.0**53 + 2, -(2.0**53),
               2.0**63, -(2.0**63), 2.0**64, 1e16, 1e22, 123.456, -7.25, 0.3, 1.005, 2.675, 4.35,
               0.125, 0.375, 1e-5, 1e-4, 710.0, -745.0, 1e-17, math.pi, math.e, 0.9999999999999999,
               1.0000000000000002, 1e300, 1e-310, 100.5, -100.5]


# ---- the harness ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def rt(tmp_path_factory):
    """The rt_check extension, built once per session."""
    if find_maturin() is None:
        pytest.skip("maturin is not installed")
    return build_rt_check(tmp_path_factory.mktemp("rt_check"))


def norm(v):
    """A comparable, type-tagged form of a result (floats as their 8 bytes)."""
    if isinstance(v, bool):
        return ("bool", v)
    if isinstance(v, int):
        return ("int", v)
    if isinstance(v, float):
        return ("float", struct.pack("<d", v))
    if isinstance(v, complex):
        return ("complex", norm(v.real), norm(v.imag))
    if isinstance(v, (tuple, list)):
        return (type(v).__name__,) + tuple(norm(x) for x in v)
    if v is None:
        return ("none",)
    if isinstance(v, str):
        return ("str", v)
    raise TypeError(f"cannot compare {type(v)}")


def representable(v) -> bool:
    """Can the runtime's native types hold this CPython result?"""
    if isinstance(v, bool) or isinstance(v, float) or v is None or isinstance(v, str):
        return True
    if isinstance(v, int):
        return I64_MIN <= v <= I64_MAX
    if isinstance(v, (tuple, list)):
        return all(representable(x) for x in v)
    return False  # complex, ...


class Unrepresentable(Exception):
    """Raised by a Python reference when CPython's answer is too big to compute here."""


def outcome(deopt_cls, fn, *args):
    try:
        v = fn(*args)
    except deopt_cls:
        return ("deopt",), None
    except Unrepresentable:
        return ("unrepresentable",), None
    except Exception as e:  # noqa: BLE001 - comparing exceptions is the point
        return ("raise", type(e).__name__, str(e), e.args), None
    return ("ok", norm(v)), v


def count_nans(v) -> int:
    if isinstance(v, float):
        return v != v
    if isinstance(v, (tuple, list)):
        return sum(count_nans(x) for x in v)
    return 0


CANONICAL_NAN = ("float", struct.pack("<d", NAN))


def canonical_nans(t):
    """Replace every NaN's bits by one pattern (inside a normalised outcome)."""
    if isinstance(t, tuple):
        if len(t) == 2 and t[0] == "float" and isinstance(t[1], bytes):
            x = struct.unpack("<d", t[1])[0]
            return CANONICAL_NAN if x != x else t
        return tuple(canonical_nans(x) for x in t)
    return t


def check(rt, rust_fn, py_fn, *args, may_deopt: bool = False):
    """Assert the Rust helper behaves as CPython on `args`.

    Floats must match bit for bit, NaNs included, except when two or more NaNs are among the
    inputs: which operand's sign and payload an addition of two NaNs keeps depends on the
    operand order the C compiler chose, which no portable code can pin down.
    """
    expected, value = outcome(rt.RustifyDeopt, py_fn, *args)
    got, _ = outcome(rt.RustifyDeopt, rust_fn, *args)
    if count_nans(args) >= 2:
        expected, got = canonical_nans(expected), canonical_nans(got)
    where = f"{rust_fn.__name__}{args!r}"
    if got == ("deopt",):
        ok = may_deopt or expected == ("unrepresentable",) or (
            expected[0] == "ok" and not representable(value))
        assert ok, f"{where}: unexpected deopt, CPython gives {expected}"
        return
    assert expected != ("unrepresentable",), f"{where}: should deopt, got {got}"
    if expected[0] == "ok":
        assert representable(value), f"{where}: CPython gives {value!r}, Rust gives {got}"
    assert got == expected, f"{where}: Rust {got} != CPython {expected}"


def guarded_pow(a, b):
    """`a ** b` for ints, refusing (as unrepresentable) powers too big to compute quickly."""
    if b > 200 and abs(a) > 1:
        raise Unrepresentable
    return a**b


def guarded_lshift(a, n):
    if n > 200 and a != 0:
        raise Unrepresentable
    return a << n


def num_pow(a, b):
    if isinstance(a, int) and isinstance(b, int) and not isinstance(b, bool):
        return guarded_pow(a, b)
    return a**b


# ---- int arithmetic -----------------------------------------------------------------------------

INT_BINARY = {
    "int_add": operator.add, "int_sub": operator.sub, "int_mul": operator.mul,
    "int_floordiv": operator.floordiv, "int_mod": operator.mod, "int_divmod": divmod,
    "int_truediv": operator.truediv, "int_pow": guarded_pow,
    "int_lshift": guarded_lshift, "int_rshift": operator.rshift, "int_and": operator.and_,
    "int_or": operator.or_, "int_xor": operator.xor, "math_gcd": math.gcd,
}


@pytest.mark.parametrize("name", sorted(INT_BINARY))
def test_int_binary_edges(rt, name):
    for a in EDGE_INTS:
        for b in EDGE_INTS:
            check(rt, getattr(rt, name), INT_BINARY[name], a, b)


@pytest.mark.parametrize("name", sorted(INT_BINARY))
def test_int_binary_random(rt, name):
    @SETTINGS
    @given(ints, ints)
    def run(a, b):
        check(rt, getattr(rt, name), INT_BINARY[name], a, b)
    run()


def test_int_pow_and_shift_small_exponents(rt):
    for a in EDGE_INTS + list(range(-12, 13)):
        for b in list(range(-5, 70)):
            check(rt, rt.int_pow, guarded_pow, a, b)
            check(rt, rt.int_pow_nonneg, guarded_pow, a, b, may_deopt=b < 0)
            check(rt, rt.int_lshift, guarded_lshift, a, b)
            check(rt, rt.int_rshift, operator.rshift, a, b)


def test_int_pow_nonneg_deopts_on_negative_exponent(rt):
    with pytest.raises(rt.RustifyDeopt):
        rt.int_pow_nonneg(2, -1)


def test_int_truediv_correctly_rounded(rt):
    @SETTINGS
    @given(st.integers(I64_MIN, I64_MAX), st.integers(I64_MIN, I64_MAX))
    def run(a, b):
        check(rt, rt.int_truediv, operator.truediv, a, b)
    run()
    # Halfway cases: the exact quotient sits between two doubles.
    for a, b in [(2**54 + 1, 1), (2**54 + 3, 1), (2**60 + 2**7, 1), (-(2**60) - 2**7, 1),
                 (2**63 - 1, 2**62), (I64_MIN, 3), (I64_MIN, -3), (0, -(2**60)),
                 (3 * 2**60 + 1, 2**60 + 1), (I64_MAX, I64_MIN), (1, I64_MIN)]:
        check(rt, rt.int_truediv, operator.truediv, a, b)


@pytest.mark.parametrize("name,ref", [("int_neg", operator.neg), ("int_abs", abs),
                                      ("int_invert", operator.invert), ("int_to_float", float),
                                      ("math_factorial", math.factorial)])
def test_int_unary(rt, name, ref):
    values = EDGE_INTS if name != "math_factorial" else list(range(-3, 40))
    for a in values:
        check(rt, getattr(rt, name), ref, a)
    if name == "math_factorial":
        return

    @SETTINGS
    @given(ints)
    def run(a):
        check(rt, getattr(rt, name), ref, a)
    run()


def test_int_from_bool(rt):
    assert rt.int_from_bool(True) == 1 and type(rt.int_from_bool(True)) is int
    assert rt.int_from_bool(False) == 0


def test_round_int_ndigits(rt):
    for a in EDGE_INTS + [15, 25, -15, -25, 150, 250, 5 * 10**18, -5 * 10**18, 45, 55]:
        for n in range(-40, 5):
            check(rt, rt.round_int_ndigits, round, a, n)

    @SETTINGS
    @given(ints, st.integers(-45, 45))
    def run(a, n):
        check(rt, rt.round_int_ndigits, round, a, n)
    run()


# ---- float arithmetic ---------------------------------------------------------------------------

FLOAT_BINARY = {
    "float_truediv": operator.truediv, "float_floordiv": operator.floordiv,
    "float_mod": operator.mod, "float_divmod": divmod, "float_pow": operator.pow,
    "math_atan2": math.atan2, "math_pow": math.pow, "math_fmod": math.fmod,
    "math_copysign": math.copysign, "math_hypot": math.hypot,
    "math_log_base": math.log,
}


def complex_power(a, b) -> bool:
    """Does CPython's `a ** b` leave the reals (float_pow hands it to complex_pow)?  The
    runtime documents a deopt there, whatever complex_pow then returns or raises."""
    return a < 0 and math.isfinite(a) and a != 0 and math.isfinite(b) and b != math.floor(b)


DEOPT_DOCUMENTED = {"float_pow": complex_power, "num_pow": complex_power}


@pytest.mark.parametrize("name", sorted(FLOAT_BINARY))
def test_float_binary_edges(rt, name):
    may = DEOPT_DOCUMENTED.get(name, lambda a, b: False)
    for a in EDGE_FLOATS:
        for b in EDGE_FLOATS:
            check(rt, getattr(rt, name), FLOAT_BINARY[name], a, b, may_deopt=may(a, b))


@pytest.mark.parametrize("name", sorted(FLOAT_BINARY))
def test_float_binary_random(rt, name):
    may = DEOPT_DOCUMENTED.get(name, lambda a, b: False)

    @SETTINGS
    @given(floats, floats)
    def run(a, b):
        check(rt, getattr(rt, name), FLOAT_BINARY[name], a, b, may_deopt=may(a, b))
    run()

    @SETTINGS
    @given(small_floats, small_floats)
    def run_small(a, b):
        check(rt, getattr(rt, name), FLOAT_BINARY[name], a, b, may_deopt=may(a, b))
    run_small()


def test_float_pow_integral_exponents(rt):
    """Negative bases with integral exponents, and results near overflow/underflow."""
    for a in [-2.0, -0.5, -1.0, -3.0, -10.0, 10.0, 2.0, 0.5, 1.0000001, -1.0000001, 7.5, -7.5]:
        for b in [float(k) for k in range(-1100, 1100, 7)] + [1e10, -1e10, 2.0**53, 2.0**53 + 1]:
            check(rt, rt.float_pow, operator.pow, a, b)
            check(rt, rt.math_pow, math.pow, a, b)


def test_float_pow_constant_half(rt):
    """pow(x, 0.5) must be libm pow, not sqrt (LLVM may rewrite constant exponents)."""
    @SETTINGS
    @given(st.floats(0, 1e300))
    def run(a):
        check(rt, rt.float_pow, operator.pow, a, 0.5)
        check(rt, rt.float_pow, operator.pow, 2.0, a / 1e298)
        check(rt, rt.float_pow, operator.pow, 10.0, a / 1e298)
    run()


FLOAT_UNARY = {
    "float_neg": operator.neg, "float_abs": abs, "round_float": round, "float_to_int": int,
    "float_floor_int": math.floor, "float_ceil_int": math.ceil, "math_floor": math.floor,
    "math_ceil": math.ceil, "math_trunc": math.trunc, "math_sqrt": math.sqrt,
    "math_exp": math.exp, "math_expm1": math.expm1, "math_log": math.log,
    "math_log2": math.log2, "math_log10": math.log10, "math_log1p": math.log1p,
    "math_sin": math.sin, "math_cos": math.cos, "math_tan": math.tan, "math_asin": math.asin,
    "math_acos": math.acos, "math_atan": math.atan, "math_sinh": math.sinh,
    "math_cosh": math.cosh, "math_tanh": math.tanh, "math_fabs": math.fabs,
    "math_isnan": math.isnan, "math_isinf": math.isinf, "math_isfinite": math.isfinite,
    "math_degrees": math.degrees, "math_radians": math.radians,
}


@pytest.mark.parametrize("name", sorted(FLOAT_UNARY))
def test_float_unary(rt, name):
    fn, ref = getattr(rt, name), FLOAT_UNARY[name]
    for a in EDGE_FLOATS + [-1e-300, 1e-7, -0.75, 0.75, 88.0, 709.78, 709.79, -709.0, 711.0,
                            -38.0, 1e15 + 0.5, 4503599627370495.5, -4503599627370495.5]:
        check(rt, fn, ref, a)

    @SETTINGS
    @given(floats)
    def run(a):
        check(rt, fn, ref, a)
    run()

    @SETTINGS
    @given(st.floats(-20, 20))
    def run_small(a):
        check(rt, fn, ref, a)
    run_small()


def test_math_log_of_ints(rt):
    for a in EDGE_INTS:
        check(rt, rt.math_log_int, math.log, a)

    @SETTINGS
    @given(ints)
    def run(a):
        check(rt, rt.math_log_int, math.log, a)
    run()


def test_math_hypot_and_dist(rt):
    vectors = st.lists(st.one_of(floats, st.floats(-1e-300, 1e-300), small_floats), max_size=8)

    @SETTINGS
    @given(vectors)
    def run(xs):
        check(rt, rt.math_hypot_n, lambda v: math.hypot(*v), xs)
        ys = [x / 3 for x in xs]
        check(rt, rt.math_dist, math.dist, xs, ys)
    run()
    check(rt, rt.math_dist, math.dist, [1.0, 2.0], [1.0])
    tiny = [5e-324, 1e-323, 2.5e-323]
    check(rt, rt.math_hypot_n, lambda v: math.hypot(*v), tiny)


# ---- rounding -----------------------------------------------------------------------------------

def test_round_float_ndigits_edges(rt):
    values = EDGE_FLOATS + [0.5, 1.5, 0.25, 0.35, 0.45, 2.675, 1.005, 0.045, 5.015, 123456.5,
                            1234.5678, -1234.5678, 5e15, 1.2345e-10, 0.285, 1.1e20, 4.5e21,
                            -0.49999999999999994, 0.49999999999999994, -0.5000000000000001,
                            -0.001, -0.005, -0.015, -0.025, 4503599627370495.5,
                            -4503599627370495.5, 2251799813685247.5, 0.0049999999999999996]
    for x in values:
        for n in list(range(-25, 30)) + [-400, -309, -308, -307, 300, 308, 322, 323, 324, 400]:
            check(rt, rt.round_float_ndigits, round, x, n)


def test_round_float_ndigits_random(rt):
    @SETTINGS
    @given(floats, st.integers(-330, 330))
    def run(x, n):
        check(rt, rt.round_float_ndigits, round, x, n)
    run()

    @SETTINGS
    @given(st.one_of(small_floats, st.floats(-1e-3, 1e-3), st.floats(-1e15, 1e15)),
           st.integers(0, 23))
    def run_fast_path(x, n):
        check(rt, rt.round_float_ndigits, round, x, n)
        y = math.nextafter(x, INF)
        check(rt, rt.round_float_ndigits, round, y, n)
    run_fast_path()

    @SETTINGS
    @given(st.integers(-10**6, 10**6), st.integers(0, 6), st.integers(0, 6))
    def run_halves(m, e, n):
        # decimal halves such as 2.675 (not exact in binary) and exact binary halves
        x = (m + 0.5) / 10**e
        check(rt, rt.round_float_ndigits, round, x, n)
        check(rt, rt.round_float_ndigits, round, m * 2.0**-e, n)
        check(rt, rt.round_float_ndigits, round, m * 10.0**e + 5 * 10.0**(e - 1), -e)
    run_halves()


# ---- mixed numbers and comparisons -------------------------------------------------------------

NUM_BINARY = {
    "num_add": operator.add, "num_sub": operator.sub, "num_mul": operator.mul,
    "num_truediv": operator.truediv, "num_floordiv": operator.floordiv, "num_mod": operator.mod,
    "num_divmod": divmod, "num_pow": num_pow, "max2_num": max, "min2_num": min,
}
NUM_EDGES = EDGE_INTS[:20] + [I64_MAX, I64_MIN, 2**53 + 1] + EDGE_FLOATS[:30] + [INF, NAN, -0.0]


@pytest.mark.parametrize("name", sorted(NUM_BINARY))
def test_num_binary(rt, name):
    fn, ref = getattr(rt, name), NUM_BINARY[name]
    may = DEOPT_DOCUMENTED.get(name, lambda a, b: False)
    for a in NUM_EDGES:
        for b in NUM_EDGES:
            check(rt, fn, ref, a, b, may_deopt=may(a, b))

    @SETTINGS
    @given(nums, nums)
    def run(a, b):
        check(rt, fn, ref, a, b, may_deopt=may(a, b))
    run()


def test_num_unary(rt):
    for a in NUM_EDGES:
        check(rt, rt.num_neg, operator.neg, a)
        check(rt, rt.num_abs, abs, a)
        check(rt, rt.num_as_f64, float, a)


OPS = {"lt": operator.lt, "le": operator.le, "eq": operator.eq, "ne": operator.ne,
       "gt": operator.gt, "ge": operator.ge}
CMP_INTS = EDGE_INTS + [2**53 + 1, 2**53 + 2, 2**53 + 3, 2**63 - 512, 2**63 - 1024]
CMP_FLOATS = EDGE_FLOATS + [9007199254740992.0, 9007199254740994.0, 2.0**63 - 1024,
                            -(2.0**63) - 2048, 0.999, -0.999]


@pytest.mark.parametrize("op", sorted(OPS))
def test_int_float_comparisons(rt, op):
    ref = OPS[op]
    for a in CMP_INTS:
        for b in CMP_FLOATS:
            check(rt, lambda x, y: rt.cmp_int_float(x, y, op), ref, a, b)
            check(rt, lambda x, y: rt.cmp_float_int(y, x, op), lambda x, y: ref(y, x), a, b)
            check(rt, lambda x, y: rt.num_cmp(x, y, op), ref, a, b)
            check(rt, lambda x, y: rt.num_cmp(y, x, op), lambda x, y: ref(y, x), a, b)

    @SETTINGS
    @given(nums, nums)
    def run(a, b):
        check(rt, lambda x, y: rt.num_cmp(x, y, op), ref, a, b)
    run()

    @SETTINGS
    @given(st.integers(-(2**60), 2**60), st.integers(-3, 3))
    def run_near(a, d):
        b = float(a) + d  # floats adjacent to ints that do not convert exactly
        check(rt, lambda x, y: rt.cmp_int_float(x, y, op), ref, a, b)
    run_near()


def test_num_equality_is_python_equality(rt):
    assert rt.num_eq(1, 1.0) and not rt.num_eq(NAN, NAN) and not rt.num_eq(2**53 + 1, 2.0**53)


# ---- builtins over sequences -------------------------------------------------------------------

def reference_sum_312(xs):
    """CPython 3.12's float fast path of sum(): Neumaier compensation after the first item."""
    if not xs:
        return 0
    f = 0.0 + xs[0]
    c = 0.0
    for x in xs[1:]:
        t = f + x
        if abs(f) >= abs(x):
            c += (f - t) + x
        else:
            c += (x - t) + f
        f = t
    if c and math.isfinite(c):
        f += c
    return f


float_lists = st.lists(st.one_of(floats, small_floats, st.sampled_from([-0.0, 0.0, 1e16, 1.0])),
                       max_size=25)
int_lists = st.lists(ints, max_size=25)
num_lists = st.lists(st.one_of(st.integers(-10**6, 10**6), ints, floats, small_floats),
                     max_size=25)


def test_sum(rt):
    sum_now = rt.sum_f64 if PY311 else rt.sum_f64_compensated
    for xs in [[], [-0.0], [0.0], [-0.0, -0.0], [1e16, 1.0, -1e16], [0.1] * 10, [INF, -INF],
               [NAN], [1e308, 1e308], [1e308, 1e308, -1e308]]:
        check(rt, sum_now, sum, xs)
        check(rt, rt.sum_f64_compensated, reference_sum_312, xs)

    @SETTINGS
    @given(float_lists)
    def run(xs):
        check(rt, sum_now, sum, xs)
        check(rt, rt.sum_f64_compensated, reference_sum_312, xs)
    run()

    @SETTINGS
    @given(int_lists)
    def run_ints(xs):
        check(rt, rt.sum_i64, sum, xs)
    run_ints()
    check(rt, rt.sum_i64, sum, [-1, I64_MIN, 1])
    check(rt, rt.sum_i64, sum, [I64_MAX, I64_MAX])

    if PY311:
        @SETTINGS
        @given(num_lists)
        def run_nums(xs):
            check(rt, rt.sum_num, sum, xs)
        run_nums()
        check(rt, rt.sum_num, sum, [1, 2, 0.5, 3, 2**62, 2**62])
        check(rt, rt.sum_num, sum, [2**62, 2**62, 0.5])
        check(rt, rt.sum_num, sum, [I64_MIN, -1, 1, 2**53 + 1, 0.5, 2**53 + 1])
        check(rt, rt.sum_num, sum, [I64_MAX, I64_MAX, I64_MAX])
    else:
        @SETTINGS
        @given(num_lists)
        def run_nums(xs):
            check(rt, rt.sum_num_compensated, sum, xs)
        run_nums()


@pytest.mark.parametrize("name,ref,strategy", [
    ("max_f64", max, float_lists), ("min_f64", min, float_lists),
    ("max_i64", max, int_lists), ("min_i64", min, int_lists),
    ("max_num", max, num_lists), ("min_num", min, num_lists),
])
def test_max_min(rt, name, ref, strategy):
    fn = getattr(rt, name)
    samples = [[]]
    if "f64" in name or "num" in name:
        samples += [[NAN, 1.0], [1.0, NAN], [0.0, -0.0], [-0.0, 0.0], [NAN, NAN, 2.0],
                    [1.0, 2.0, NAN, 3.0]]
    if "num" in name:
        samples += [[1, 1.0], [1.0, 1], [2**53 + 1, 2.0**53], [2.0**53, 2**53 + 1], [0, -0.0]]
    for xs in samples:
        check(rt, fn, ref, xs)

    @SETTINGS
    @given(strategy)
    def run(xs):
        check(rt, fn, ref, xs)
    run()


# ---- sequences ----------------------------------------------------------------------------------

def ref_index(i, n, what):
    if what == "list":
        return list(range(n))[i]
    if what == "tuple":
        return tuple(range(n))[i]
    seq = list(range(n))
    seq[i] = 0
    return i % n


def test_norm_index(rt):
    for what in ["list", "tuple", "list assignment"]:
        for n in [0, 1, 2, 5]:
            for i in [-7, -6, -5, -2, -1, 0, 1, 2, 4, 5, 6, I64_MIN, I64_MAX]:
                check(rt, rt.norm_index, ref_index, i, n, what)
    with pytest.raises(IndexError, match="^string index out of range$"):
        rt.norm_index(3, 3, "string")


def ref_pop(xs, i=None):
    xs = list(xs)
    x = xs.pop() if i is None else xs.pop(i)
    return (x, xs)


def test_list_methods(rt):
    lists = [[], [1], [1, 2.5, 3], [1.0, 1, 2, NAN, -0.0, 0], [5, 5, 5]]
    probes = [1, 1.0, 2.5, 3, 0, -0.0, 7, 2**53 + 1]
    for xs in lists:
        for i in [None, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, I64_MIN, I64_MAX]:
            check(rt, rt.list_pop, ref_pop, xs, i)
        for i in [-5, -1, 0, 1, 2, 10, I64_MIN, I64_MAX]:
            check(rt, rt.list_insert, lambda v, j, x: (v := list(v), v.insert(j, x), v)[-1],
                  xs, i, 9.5)
        for x in probes:
            check(rt, rt.list_index, lambda v, y: v.index(y), xs, x)
            check(rt, rt.list_count, lambda v, y: v.count(y), xs, x)
            check(rt, rt.list_remove, lambda v, y: (v := list(v), v.remove(y), v)[-1], xs, x)
        for n in [-2, 0, 1, 3]:
            check(rt, rt.list_repeat, operator.mul, xs, n)
    # Searching for a NaN deopts: CPython matches by identity first.
    nan = NAN
    for fn in (rt.list_index, rt.list_count, rt.list_remove):
        with pytest.raises(rt.RustifyDeopt):
            fn([1.0, nan], nan)


def test_range_len(rt):
    values = [0, 1, -1, 2, -2, 3, 10, -10, I64_MIN, I64_MAX, 2**62]

    def ref(a, b, c):
        r = range(a, b, c)
        try:
            return len(r)
        except OverflowError:
            raise Unrepresentable from None

    for a in values:
        for b in values:
            for c in values:
                check(rt, rt.range_len, ref, a, b, c)

    @SETTINGS
    @given(ints, ints, ints)
    def run(a, b, c):
        check(rt, rt.range_len, ref, a, b, c)
    run()


# ---- repr ---------------------------------------------------------------------------------------

def test_float_repr(rt):
    for x in EDGE_FLOATS + [1e-4, 1e-5, 1e15, 1e16, 1e17, 123456789012345678.0, 0.0001234,
                            9999999999999998.0, 1.5e300, 2.5e-7, 562949953421312.2, 1e23,
                            2.0**-1074 * 3, 2.0**60, 2.0**-20, 0.30000000000000004]:
        assert rt.repr_float(x) == repr(x)

    @SETTINGS
    @given(floats)
    def run(x):
        assert rt.repr_float(x) == repr(x)
    run()

    @SETTINGS
    @given(st.integers(0, 2**52 - 1), st.integers(0, 12), st.integers(-1074, 971))
    def run_ties(mantissa, k, exp):
        # Full-precision values with a few fraction bits (e.g. 2**49 + 0.25): two shortest
        # candidates can be equally close, and CPython keeps the even one.
        x = float(2**52 + mantissa) / 2**k
        assert rt.repr_float(x) == repr(x)
        y = math.ldexp(float(2**52 + mantissa), exp)
        if math.isfinite(y):
            assert rt.repr_float(y) == repr(y)
    run_ties()


def test_value_repr(rt):
    for v in [True, False, None, 3, -2.5, (1,), (1, 2.0), (1, True, -0.0), (1, 2, 3, 4.5),
              [[1, 2.5], [], [NAN, INF, -INF]], (2**53 + 1, 1e16)]:
        assert rt.repr_value(v) == repr(v)
    assert rt.repr_num_list([1, 2.5, -0.0]) == "[1, 2.5, -0.0]"


# ---- boundary conversion ------------------------------------------------------------------------

class IntSub(int):
    pass


class FloatSub(float):
    pass


class ListSub(list):
    pass


def roundtrip(rt, fn, value, ok: bool):
    if ok:
        got = fn(value)
        assert norm(got) == norm(value), f"{fn.__name__}({value!r}) -> {got!r}"
        if isinstance(value, list):
            assert got is not value
    else:
        with pytest.raises(rt.RustifyDeopt):
            fn(value)


def test_boundary_scalars(rt):
    for v in EDGE_INTS:
        roundtrip(rt, rt.rt_i64, v, True)
        roundtrip(rt, rt.rt_num, v, True)
    for v in [2**63, -(2**63) - 1, 10**30, True, False, 1.0, IntSub(3), None, "1"]:
        roundtrip(rt, rt.rt_i64, v, False)
    for v in EDGE_FLOATS + [struct.unpack("<d", struct.pack("<Q", 0x7FF0000000000001))[0],
                            struct.unpack("<d", struct.pack("<Q", 0xFFF8000000000123))[0]]:
        roundtrip(rt, rt.rt_f64, v, True)  # NaN payloads survive
        roundtrip(rt, rt.rt_num, v, True)
    for v in [1, True, FloatSub(1.5), None, "1.0", 2**70]:
        roundtrip(rt, rt.rt_f64, v, False)
    for v in [True, False]:
        roundtrip(rt, rt.rt_bool, v, True)
    for v in [1, 0, None, 1.0]:
        roundtrip(rt, rt.rt_bool, v, False)
    for v in [True, 2**64, IntSub(1), FloatSub(2.0), None, 1j]:
        roundtrip(rt, rt.rt_num, v, False)
    roundtrip(rt, rt.rt_none, None, True)
    roundtrip(rt, rt.rt_none, 0, False)
    for v in ["", "abc", "héllo", "日本語", "😀 emoji", "a\x00b"]:
        roundtrip(rt, rt.rt_str, v, True)
    for v in ["\ud800", b"abc", 1]:
        roundtrip(rt, rt.rt_str, v, False)


def test_boundary_containers(rt):
    roundtrip(rt, rt.rt_list_f64, [], True)
    roundtrip(rt, rt.rt_list_f64, EDGE_FLOATS, True)
    for v in [[1.0, 2], (1.0, 2.0), ListSub([1.0]), [FloatSub(1.0)], [True], None]:
        roundtrip(rt, rt.rt_list_f64, v, False)
    roundtrip(rt, rt.rt_list_i64, EDGE_INTS, True)
    for v in [[1, True], [1, 2**64], [1.0]]:
        roundtrip(rt, rt.rt_list_i64, v, False)
    roundtrip(rt, rt.rt_list_num, [1, 2.5, -0.0, I64_MIN, NAN], True)
    roundtrip(rt, rt.rt_list_num, [1, None], False)
    roundtrip(rt, rt.rt_list_bool, [True, False], True)
    roundtrip(rt, rt.rt_list_bool, [True, 1], False)
    roundtrip(rt, rt.rt_list_list_f64, [[1.0, 2.0], [], [3.5]], True)
    roundtrip(rt, rt.rt_list_list_f64, [[1.0], (2.0,)], False)
    roundtrip(rt, rt.rt_tuple1, (5,), True)
    roundtrip(rt, rt.rt_tuple1, (5, 6), False)
    roundtrip(rt, rt.rt_tuple2, (1, 2.5), True)
    for v in [(1, 2), (1.0, 2.5), [1, 2.5], (1, 2.5, 3)]:
        roundtrip(rt, rt.rt_tuple2, v, False)
    roundtrip(rt, rt.rt_tuple3, (1.5, [1, 2], True), True)
    roundtrip(rt, rt.rt_tuple3, (1.5, [1, 2.0], True), False)
    roundtrip(rt, rt.rt_tuple4, (1, 2.5, -0.0, "x"), True)
    roundtrip(rt, rt.rt_tuple4, (1, 2.5, -0.0, 3), False)

    @SETTINGS
    @given(st.lists(floats, max_size=50))
    def run(xs):
        roundtrip(rt, rt.rt_list_f64, xs, True)
        roundtrip(rt, rt.copy_list, xs, True)
    run()


def test_write_back_list(rt):
    xs = [1.0, 2.0, 3.0]
    alias = xs
    rt.write_back(xs, [4, 5.5])
    assert alias is xs and norm(xs) == norm([4, 5.5])
    rt.write_back(xs, [])
    assert xs == []
    rt.write_back(xs, [-0.0] * 5)
    assert norm(xs) == norm([-0.0] * 5)


def test_direct_float_allocation(rt):
    """Floats built by the runtime are ordinary floats: refcounts, freeing, tracemalloc."""
    import gc
    import tracemalloc

    assert rt.direct_floats_enabled() == (sys.implementation.name == "cpython"
                                          and not hasattr(sys, "gettotalrefcount"))
    xs = rt.make_floats(1000)
    assert all(type(x) is float for x in xs) and xs[7] == 7.0
    probe = xs[500]
    assert sys.getrefcount(probe) == 3  # the list, `probe`, the call argument
    del probe
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        big = rt.make_floats(200_000)
        grown = tracemalloc.get_traced_memory()[0] - before
        assert grown >= 200_000 * 24  # every float is a traced PyObject_Malloc block
        del big
        gc.collect()
        assert tracemalloc.get_traced_memory()[0] - before < 100_000
    finally:
        tracemalloc.stop()


def test_same_object(rt):
    xs = [1.0]
    assert rt.same_object(xs, xs) and not rt.same_object(xs, list(xs))


# ---- errors and fallbacks -----------------------------------------------------------------------

def test_fallback_registry(rt):
    assert issubclass(rt.RustifyDeopt, Exception)
    assert rt.fb_demo(21) == 42
    with pytest.raises(rt.RustifyDeopt, match="fb_demo"):
        rt.fb_demo(-1)
    with pytest.raises(rt.RustifyDeopt):
        rt.fb_demo(2**70)  # argument not representable, no fallback yet
    calls = []

    def original(x):
        calls.append(x)
        return ("python", x)

    rt._rustify_set_fallback("fb_demo", original)
    assert rt.fb_demo(-1) == ("python", -1)
    assert rt.fb_demo(2**70) == ("python", 2**70)
    assert rt.fb_demo(3) == 6 and calls == [-1, 2**70]

    # Re-entrant: the fallback calls the translated function again (lock not held).
    rt._rustify_set_fallback("fb_demo", lambda x: rt.fb_demo(-x) + 1)
    assert rt.fb_demo(-3) == 7

    def boom(x):
        raise KeyError(x)

    rt._rustify_set_fallback("fb_demo", boom)
    with pytest.raises(KeyError):
        rt.fb_demo(-1)


@pytest.mark.parametrize("kind", ["ValueError", "ZeroDivisionError", "IndexError", "OverflowError",
                                  "AssertionError", "TypeError", "KeyError", "RuntimeError",
                                  "RecursionError", "NotImplementedError", "ArithmeticError",
                                  "LookupError", "Exception"])
def test_exception_kinds(rt, kind):
    with pytest.raises(BaseException) as info:
        rt.raise_kind(kind, "boom")
    assert type(info.value).__name__ == kind and info.value.args == ("boom",)


def test_erange_overflow_args(rt):
    with pytest.raises(OverflowError) as info:
        rt.float_pow(10.0, 400.0)
    assert info.value.args == (34, "Numerical result out of range")
    assert str(info.value) == "(34, 'Numerical result out of range')"


def test_messages_match_this_python(rt):
    """The exact messages CPython prints, one per helper family."""
    cases = [
        (rt.int_floordiv, lambda: 1 // 0, (1, 0)), (rt.int_mod, lambda: 1 % 0, (1, 0)),
        (rt.int_divmod, lambda: divmod(1, 0), (1, 0)), (rt.int_truediv, lambda: 1 / 0, (1, 0)),
        (rt.float_truediv, lambda: 1.0 / 0.0, (1.0, 0.0)),
        (rt.float_floordiv, lambda: 1.0 // 0.0, (1.0, 0.0)),
        (rt.float_mod, lambda: 1.0 % 0.0, (1.0, 0.0)),
        (rt.float_divmod, lambda: divmod(1.0, 0.0), (1.0, 0.0)),
        (rt.int_pow, lambda: 0 ** -1, (0, -1)), (rt.float_pow, lambda: 0.0 ** -1.0, (0.0, -1.0)),
        (rt.round_float, lambda: round(NAN), (NAN,)), (rt.round_float, lambda: round(INF), (INF,)),
        (rt.math_sqrt, lambda: math.sqrt(-1.0), (-1.0,)),
        (rt.math_exp, lambda: math.exp(1000.0), (1000.0,)),
        (rt.math_factorial, lambda: math.factorial(-1), (-1,)),
        (rt.int_lshift, lambda: 1 << -1, (1, -1)),
        (rt.range_len, lambda: range(1, 2, 0), (1, 2, 0)),
        (rt.max_f64, lambda: max([]), ([],)), (rt.min_f64, lambda: min([]), ([],)),
    ]
    for fn, ref, args in cases:
        check(rt, fn, lambda *a: ref(), *args)


def test_array_roundtrip_equivalence(rt):
    """copy_list is what array.array('d', xs).tolist() computes, without its cost."""
    xs = [float(i) / 7 for i in range(1000)]
    assert norm(rt.copy_list(xs)) == norm(array.array("d", xs).tolist())


# ---- the guard's code fingerprint: the same in Rust as in Python -------------------------------

def _fingerprinted():
    def plain(x, y=2.5):
        return x * y + 1

    def with_consts(s):
        if s in {"a", "b", "ç"}:  # a frozenset constant: its order varies between runs
            return (1, 2.0, None, "x", b"y", (3, frozenset({4, 5})))
        return -0.0

    def nested(n):
        def inner(k):
            return [k * i for i in range(n)]
        return inner(n), (lambda z: z - 1)(n)

    def keywords(a, /, b, *args, c=1, **kw):
        return a, b, args, c, kw

    return [plain, with_consts, nested, keywords]


def test_the_code_fingerprint_is_the_same_in_rust_and_python(rt) -> None:
    from rustify.translate.fingerprint import code_fingerprint

    funcs = _fingerprinted()
    prints = [code_fingerprint(f.__code__) for f in funcs]
    assert [rt.code_fingerprint(f.__code__) for f in funcs] == prints
    assert len(set(prints)) == 4
    source = "def plain(x, y=2.5):\n    return x * y + 1\n"
    first, moved, edited = {}, {}, {}
    exec(source, first)
    exec("\n" * 30 + source, moved)  # the same def, 30 lines lower
    exec(source.replace("+ 1", "+ 2"), edited)
    base = rt.code_fingerprint(first["plain"].__code__)
    assert rt.code_fingerprint(moved["plain"].__code__) == base == code_fingerprint(first["plain"].__code__)
    assert rt.code_fingerprint(edited["plain"].__code__) != base

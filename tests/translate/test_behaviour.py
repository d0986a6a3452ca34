"""Behaviour tests: every case function, translated and compiled once per session
(see conftest.py), gives CPython's answer on many inputs.

For each input both versions run on independent deep copies of the arguments; they
must return the same value of the same type (`same_value`: floats bit for bit), or
raise the same exception type with the same message, and leave the arguments equal
(mutation is part of the result). Inputs are hand-written edge values derived from
the signature (empty lists, -0.0, NaN, inf, ints near and beyond 2**63, zero) plus
hypothesis-generated ones, with per-function bounds where Python itself would run
forever (loop counts, recursion depth, huge powers).

A deopt (the Rust function handing the call to the Python original) is invisible in
that comparison, so a second pass registers a fallback that records each call and
checks that deopts happen only where they must: ints beyond 64 bits in the
arguments or the result, a recursion deeper than the translated code allows, and
the few documented per-function cases (NaN needles, ...).
"""

from __future__ import annotations

import copy
import itertools
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rustify import pytypes
from rustify.values import describe_difference, same_value

from case_support import MUST_REJECT, BuiltCases, CaseFunction, behaviour_functions, case_functions, CASES

pytestmark = pytest.mark.slow

I64_MIN, I64_MAX = -(2**63), 2**63 - 1
NAN, INF = math.nan, math.inf

INT_EDGES = [0, 1, -1, 2, -2, 3, 7, -7, 10, 255, 2**31, -(2**31), 2**53 + 1, 2**62, -(2**62), I64_MAX, I64_MIN,
             2**63, I64_MIN - 1, 2**64, -(2**64), 10**20]
FLOAT_EDGES = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.0, 1e-300, 5e-324, 1e16, 2.0**63, 1e308, -1e308,
               INF, -INF, NAN]

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=list(HealthCheck))
MAX_EDGE_INPUTS = 300

# ---------------------------------------------------------------- input specs


class Spec:
    """How to make values of one parameter: hypothesis strategy and edge values."""

    def strategy(self) -> st.SearchStrategy:
        raise NotImplementedError

    def edges(self) -> list[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Ints(Spec):
    lo: int | None = None
    hi: int | None = None

    def strategy(self) -> st.SearchStrategy:
        if self.lo is not None or self.hi is not None:
            return st.integers(self.lo, self.hi)
        return st.one_of(st.integers(-1000, 1000), st.integers(-(2**66), 2**66), st.sampled_from(INT_EDGES))

    def edges(self) -> list[Any]:
        if self.lo is None and self.hi is None:
            return list(INT_EDGES)
        lo = self.lo if self.lo is not None else -(2**70)
        hi = self.hi if self.hi is not None else 2**70
        inside = [v for v in INT_EDGES if lo <= v <= hi]
        return list(dict.fromkeys(inside + [v for v in (self.lo, self.hi) if v is not None]))


@dataclass(frozen=True)
class Floats(Spec):
    def strategy(self) -> st.SearchStrategy:
        return st.one_of(st.floats(), st.sampled_from(FLOAT_EDGES))

    def edges(self) -> list[Any]:
        return list(FLOAT_EDGES)


@dataclass(frozen=True)
class Bools(Spec):
    def strategy(self) -> st.SearchStrategy:
        return st.booleans()

    def edges(self) -> list[Any]:
        return [False, True]


@dataclass(frozen=True)
class Lists(Spec):
    item: Spec
    max_size: int = 30

    def strategy(self) -> st.SearchStrategy:
        return st.lists(self.item.strategy(), max_size=self.max_size)

    def edges(self) -> list[Any]:
        items = self.item.edges()
        out: list[Any] = [[]]
        out += [[x] for x in items[:: max(1, len(items) // 6)]]
        out.append(items[: self.max_size])
        out.append(list(reversed(items))[: self.max_size])
        if isinstance(self.item, Floats):
            out += [[1.0, NAN, 2.0], [NAN, 1.0], [-0.0, 0.0], [0.0, -0.0], [1e308, 1e308, -1e308], [0.1] * 10]
        if isinstance(self.item, Ints):
            small = [v for v in items if -100 <= v <= 100]
            out += [small, [3, 1, 2, 1], [I64_MAX, 1, -1] if self.item.lo is None else small[:2]]
        return out


@dataclass(frozen=True)
class Tuples(Spec):
    items: tuple[Spec, ...]

    def strategy(self) -> st.SearchStrategy:
        return st.tuples(*(i.strategy() for i in self.items))

    def edges(self) -> list[Any]:
        columns = [i.edges() for i in self.items]
        width = max(len(c) for c in columns)
        return [tuple(c[k % len(c)] for c in columns) for k in range(width)]


def spec_of(t: pytypes.PyType, nested: bool = False) -> Spec:
    if isinstance(t, pytypes.Prim):
        return {"int": Ints(), "float": Floats(), "bool": Bools()}[t.name]
    if isinstance(t, pytypes.ListT):
        return Lists(spec_of(t.item, True), max_size=10 if nested else 30)
    if isinstance(t, pytypes.TupleT) and not t.variadic:
        return Tuples(tuple(spec_of(i, nested) for i in t.items))
    raise ValueError(f"no input spec for {t}")


# ---------------------------------------------------------------- per-function hints


def has_nan(x: Any) -> bool:
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, (list, tuple)):
        return any(has_nan(i) for i in x)
    return False


def max_abs_int(x: Any) -> int:
    if type(x) is int:
        return abs(x)
    if isinstance(x, (list, tuple)):
        return max((max_abs_int(i) for i in x), default=0)
    return 0


def wide_ints(args: tuple) -> bool:
    """Ints this large may overflow i64 in an intermediate result that CPython
    carries as a big int, even when the final answer fits."""
    return max_abs_int(args) >= 2**31


def nan_needle(args: tuple) -> bool:
    """CPython finds a NaN in a list by identity; native values cannot: deopt."""
    return has_nan(args[-1])


def nan_items(args: tuple) -> bool:
    """timsort's order with NaNs depends on its exact comparisons: deopt."""
    return has_nan(args[0])


@dataclass
class Hint:
    #: parameter name -> spec replacing the one derived from the type
    params: dict[str, Spec] = field(default_factory=dict)
    #: extra hand-written argument tuples (a callable makes fresh ones, for aliasing)
    extra: list[tuple | Callable[[], tuple]] = field(default_factory=list)
    #: inputs for which a deopt is expected beyond the general rules
    deopt_ok: Callable[[tuple], bool] | None = None


RANGE_EXTREMES = [(I64_MAX - 3, I64_MAX, 1), (I64_MIN + 3, I64_MIN, -1), (0, 10, 2**62), (I64_MIN, I64_MAX, 2**62),
                  (I64_MAX, I64_MIN, -(2**62)), (I64_MAX, I64_MIN, I64_MIN), (I64_MIN, I64_MAX, I64_MAX),
                  (5, 5, 1), (5, 4, -1), (0, 0, 0), (1, 10, 0)]

HINTS: dict[str, Hint] = {
    "arithmetic.pow_int": Hint({"b": Ints(-5, 70)}, extra=[(0, -1), (0, 0), (-1, -3), (2, 62), (2, 63), (-2, 63)]),
    "arithmetic.shift_left": Hint({"n": Ints(-3, 130)}),
    "arithmetic.poly_int": Hint(deopt_ok=wide_ints),
    "arithmetic.augmented_ops": Hint(deopt_ok=wide_ints),
    "arithmetic.bit_mix": Hint(deopt_ok=wide_ints),
    "math_cases.factorial_of": Hint({"n": Ints(-3, 30)}),
    "builtins_cases.round_int_digits": Hint({"n": Ints(-40, 40)}),
    "builtins_cases.sorted_floats": Hint(deopt_ok=nan_items),
    "builtins_cases.sorted_floats_desc": Hint(deopt_ok=nan_items),
    "lists.repeat": Hint({"n": Ints(-3, 40)}),
    "lists.zeros": Hint({"n": Ints(-3, 40)}),
    "lists.nested_comprehension": Hint({"n": Ints(-3, 25), "m": Ints(-3, 25)}),
    "lists.build_with_append": Hint({"n": Ints(-3, 100)}),
    "lists.contains": Hint(deopt_ok=nan_needle),
    "lists.index_of_float": Hint(deopt_ok=nan_needle),
    "lists.count_of": Hint(deopt_ok=nan_needle),
    "lists.slice_step": Hint(extra=[([1.0, 2.0, 3.0], I64_MAX), ([1.0, 2.0, 3.0], I64_MIN), ([], 0)]),
    "lists.slice_all": Hint(extra=[([1, 2, 3], 1, 3, I64_MAX), ([1, 2, 3], 2, 0, I64_MIN), ([1, 2, 3], -1, -5, -1),
                                   ([1, 2, 3], I64_MIN, I64_MAX, 2)]),
    "control_flow.first_divisor": Hint({"n": Ints(-10, 10**5)}),
    "control_flow.range_one": Hint({"n": Ints(-5, 3000)}),
    "control_flow.range_two": Hint({"a": Ints(-200, 200), "b": Ints(-200, 200)},
                                   extra=[(I64_MAX - 2, I64_MAX), (I64_MIN, I64_MIN + 2)]),
    "control_flow.range_three": Hint({"a": Ints(-60, 60), "b": Ints(-60, 60), "step": Ints(-8, 8)},
                                     extra=RANGE_EXTREMES),
    "control_flow.range_countdown": Hint({"n": Ints(-5, 300)}),
    "control_flow.reversed_range": Hint({"n": Ints(-5, 300)}),
    "control_flow.reversed_range_step": Hint({"a": Ints(-60, 60), "b": Ints(-60, 60), "step": Ints(-8, 8)},
                                             extra=RANGE_EXTREMES),
    "control_flow.while_true": Hint({"n": Ints(-5, 10**6)}),
    "control_flow.collatz_steps": Hint({"n": Ints(1, 10**5)}),
    "control_flow.zip_three": Hint(deopt_ok=wide_ints),
    "control_flow.enumerate_keyword": Hint(deopt_ok=wide_ints),
    "tuples.fib_iter": Hint({"n": Ints(-3, 120)}),
    "tuples.pair_products": Hint(deopt_ok=wide_ints),
    "tuples.divmod_unpacked": Hint(deopt_ok=wide_ints),
    "tuples.chain_assign": Hint(deopt_ok=wide_ints),
    "accumulators.product": Hint(deopt_ok=wide_ints),
    "accumulators.odd_even_mix": Hint(deopt_ok=wide_ints),
    "accumulators.prefix_sums": Hint(deopt_ok=wide_ints),
    "accumulators.float_then_int": Hint({"n": Ints(-3, 500)}),
    "calls.fib": Hint({"n": Ints(-3, 20)}),
    "calls.depth": Hint({"n": Ints(-3, 400)}, extra=[(5000,), (100_000,)]),
    "calls.is_even": Hint({"n": Ints(-3, 300)}, extra=[(5000,)]),
    "calls.is_odd": Hint({"n": Ints(-3, 300)}, extra=[(5000,)]),
    "calls.sum_of_squares": Hint({"n": Ints(-3, 300)}),
    "calls.call_with_default_int": Hint(extra=[(5,)]),
    "mutation.append_squares": Hint({"n": Ints(-3, 50)}),
    "mutation.count_and_mark": Hint(extra=[lambda: _nested_alias()]),
    "mutation.overflow_after_mutation": Hint(deopt_ok=wide_ints),
    "nested.identity": Hint({"n": Ints(-3, 30)}),
    "nested.grid": Hint({"n": Ints(-3, 20), "m": Ints(-3, 20)}),
    "nested.matmul": Hint(extra=[([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]), ([], []), ([[1.0]], [])]),
    "nested.trace": Hint(extra=[([[1.0, 2.0], [3.0, 4.0]],), ([[1.0], [3.0, 4.0]],)]),
    "nested.transpose": Hint(extra=[([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],), ([[]],), ([[1.0], []],)]),
}


def _nested_alias() -> tuple:
    xs = [1, 2]
    return xs, [xs, [3]]


# ---------------------------------------------------------------- inputs


def specs(fn: CaseFunction) -> list[tuple[str, Spec]]:
    hint = HINTS.get(fn.key, Hint())
    types = fn.param_types()
    out = []
    for arg in fn.node.args.args + fn.node.args.kwonlyargs:
        name = arg.arg
        if name in hint.params:
            out.append((name, hint.params[name]))
        else:
            out.append((name, spec_of(pytypes.parse_type(types[name]))))
    return out


def alias_pairs(fn: CaseFunction) -> list[tuple[int, int]]:
    """Pairs of list parameters of the same type: also called with one list for both."""
    types = fn.param_types()
    names = [a.arg for a in fn.node.args.args]
    pairs = []
    for i, j in itertools.combinations(range(len(names)), 2):
        ti, tj = types.get(names[i], ""), types.get(names[j], "")
        if ti.startswith("list[") and ti == tj:
            pairs.append((i, j))
    return pairs


def aliased(args: tuple, pair: tuple[int, int] | None) -> tuple:
    if pair is None:
        return args
    i, j = pair
    out = list(args)
    out[j] = out[i]
    return tuple(out)


def edge_inputs(fn: CaseFunction) -> list[tuple]:
    columns = [spec.edges() for _, spec in specs(fn)]
    combos = list(itertools.product(*columns))
    if len(combos) > MAX_EDGE_INPUTS:
        rng = random.Random(fn.key)
        combos = rng.sample(combos, MAX_EDGE_INPUTS)
    hint = HINTS.get(fn.key, Hint())
    combos += [e() if callable(e) else e for e in hint.extra]
    pairs = alias_pairs(fn)
    combos += [aliased(c, p) for c in combos[:40] for p in pairs]
    return combos


def input_strategy(fn: CaseFunction) -> st.SearchStrategy:
    args = st.tuples(*(spec.strategy() for _, spec in specs(fn)))
    pairs = alias_pairs(fn)
    if not pairs:
        return args
    return st.builds(aliased, args, st.sampled_from([None, *pairs]))


# ---------------------------------------------------------------- comparison


def call(f: Callable, args: tuple) -> tuple:
    try:
        return ("value", f(*args))
    except RecursionError:
        return ("raise", RecursionError, "maximum recursion depth exceeded")  # the exact wording varies
    except Exception as exc:  # noqa: BLE001 - the exception is the result
        return ("raise", type(exc), str(exc))


def show(args: tuple) -> str:
    text = repr(args)
    return text if len(text) < 400 else text[:400] + "..."


def compare(fn: CaseFunction, py: Callable, rs: Callable, args: tuple) -> None:
    py_args, rs_args = copy.deepcopy(args), copy.deepcopy(args)
    expected = call(py, py_args)
    got = call(rs, rs_args)
    where = f"{fn.key}{show(args)}"
    if expected[0] == "raise" or got[0] == "raise":
        assert got[0] == expected[0] and got[1:] == expected[1:], \
            f"{where}: CPython {expected[0]} {expected[1:]!r}, Rust {got[0]} {got[1:]!r}"
    else:
        assert same_value(expected[1], got[1]), \
            f"{where}: {describe_difference(expected[1], got[1])} (CPython {expected[1]!r}, Rust {got[1]!r})"
    assert same_value(py_args, rs_args), \
        f"{where}: arguments after the call differ: {describe_difference(py_args, rs_args)}"


def check_all(fn: CaseFunction, py: Callable, rs: Callable, check: Callable[[tuple], None]) -> None:
    for args in edge_inputs(fn):
        check(args)
    if not specs(fn):
        return

    @SETTINGS
    @given(input_strategy(fn))
    def generated(args: tuple) -> None:
        check(args)

    generated()


def translated(built: BuiltCases, fn: CaseFunction) -> tuple[Callable, Callable]:
    entry = built.entries[fn.key]
    if entry.status != "translated":
        r = entry.rejections[0]
        pytest.fail(f"{fn.key} was rejected: {r.construct} at line {r.line}: {r.message}")
    rs = built.rust(fn.key)
    assert rs is not None
    return built.originals[fn.key], rs


FUNCTIONS = behaviour_functions()


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.key)
def test_matches_cpython(built_cases: BuiltCases, fn: CaseFunction) -> None:
    py, rs = translated(built_cases, fn)
    check_all(fn, py, rs, lambda args: compare(fn, py, rs, args))


# ---------------------------------------------------------------- deopts


def needs_big_int(x: Any) -> bool:
    return max_abs_int(x) > I64_MAX


def deopt_expected(fn: CaseFunction, args: tuple, outcome: tuple, args_after: tuple) -> bool:
    """Whether a deopt on this input is legitimate."""
    if needs_big_int(args) or needs_big_int(args_after):
        return True
    if outcome[0] == "value" and (needs_big_int(outcome[1]) or isinstance(outcome[1], complex)):
        return True
    if outcome[0] == "raise" and outcome[1] is RecursionError:
        return True
    hint = HINTS.get(fn.key)
    return bool(hint and hint.deopt_ok and hint.deopt_ok(args))


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.key)
def test_deopts_only_when_needed(built_cases: BuiltCases, fn: CaseFunction) -> None:
    py, rs = translated(built_cases, fn)
    calls: list[int] = []

    def recording(*args: Any) -> Any:
        calls.append(1)
        return py(*args)

    def check(args: tuple) -> None:
        before = len(calls)
        py_args, rs_args = copy.deepcopy(args), copy.deepcopy(args)
        outcome = call(py, py_args)
        assert call(rs, rs_args)[0] == outcome[0]
        if len(calls) > before:
            assert deopt_expected(fn, args, outcome, py_args), \
                f"{fn.key}{show(args)} deopted, but CPython's answer {outcome[1:]!r} fits native types"

    built_cases.set_fallback(fn.key, recording)
    try:
        check_all(fn, py, rs, check)
    finally:
        built_cases.set_fallback(fn.key, py)


# ---------------------------------------------------------------- the crate as a whole


def test_generated_crate_has_no_warnings(built_cases: BuiltCases) -> None:
    assert "warning:" not in built_cases.build_output


def test_must_reject_functions_are_rejected_in_the_generation_document(built_cases: BuiltCases) -> None:
    for fn in case_functions(CASES / MUST_REJECT):
        entry = built_cases.entries[fn.key]
        marked = any("# reject:" in line for line in
                     (CASES / MUST_REJECT).read_text().splitlines()[fn.node.lineno - 1:fn.node.end_lineno])
        assert (entry.status == "rejected") == marked, (fn.key, entry.status)
        if marked:
            assert entry.rejections and entry.rejections[0].message

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
import functools
from pathlib import Path
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

from rustify.building import identity
from rustify.values import describe_difference, same_value

import generator_support
import numpy_support
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


class Omitted:
    """Leave this argument out of the call (the default applies)."""

    def __deepcopy__(self, memo: dict) -> Omitted:
        return self

    def __repr__(self) -> str:
        return "<omitted>"


OMIT = Omitted()



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
        if isinstance(self.item, OneOf):  # ints and floats mixed
            out += [[1, 1.0, -0.0, 0], [2**62, 2**62, 0.5], [I64_MAX, I64_MAX, 1.5, -I64_MAX], [1e16, 1, 1, 1],
                    [3, NAN, 1], [0.1, 0.2, 0.3, 1], [1, 2, 3], [True and 1, 2.5]]
        if isinstance(self.item, Ints):
            small = [v for v in items if -100 <= v <= 100]
            out += [small, [3, 1, 2, 1], [I64_MAX, 1, -1] if self.item.lo is None else small[:2]]
        return out


@dataclass(frozen=True)
class VarTuples(Spec):
    """`tuple[T, ...]` (what `*args: T` receives): the lists' values as tuples."""

    items: Lists

    def strategy(self) -> st.SearchStrategy:
        return self.items.strategy().map(tuple)

    def edges(self) -> list[Any]:
        return [tuple(e) for e in self.items.edges()]


@dataclass(frozen=True)
class Tuples(Spec):
    items: tuple[Spec, ...]

    def strategy(self) -> st.SearchStrategy:
        return st.tuples(*(i.strategy() for i in self.items))

    def edges(self) -> list[Any]:
        columns = [i.edges() for i in self.items]
        width = max(len(c) for c in columns)
        return [tuple(c[k % len(c)] for c in columns) for k in range(width)]


@dataclass(frozen=True)
class OneOf(Spec):
    options: tuple[Spec, ...]

    def strategy(self) -> st.SearchStrategy:
        return st.one_of(*(o.strategy() for o in self.options))

    def edges(self) -> list[Any]:
        return [v for o in self.options for v in o.edges()]


#: str edge values: empty, ASCII, non-ASCII (2-, 3- and 4-byte UTF-8), CPython's odd
#: whitespace (\x1c, \x85, \u3000), number texts in every accepted and refused form
TEXT_EDGES = ["", "a", "ab", "abc", " a b ", "h\u00e9llo", "\u65e5\u672c\u8a9e", "\U0001f389x", "\t\n", "1,2, 3",
              " 42 ", "-7", "+0", "1_000", "1__0", "_1", "3.5", "-.5e3", "1e", "nan", "-inf", "Infinity", "1e500",
              "x", "a\x1cb", "\x85 \u3000", "\u00c4\u00d6", "\u00df", "\u0130", "\u0663", "12345678901234567890",
              "a,,b,", ",", "aaa", "'q\"", "\x00\x7f", "9223372036854775807", "-9223372036854775808",
              "5.", ".5", "+.5", "-5.", ".", "-", "1.5E+3", "  -0 ", "0.1", "1" * 30 + ".5", "1e-400", "\x0b7\x0c"]
BYTES_EDGES = [b"", b"a", b"abc", b"\x00\xff", "h\u00e9llo".encode(), b"\xff\xfe", bytes(range(10)), b"\xc3"]


@dataclass(frozen=True)
class Texts(Spec):
    def strategy(self) -> st.SearchStrategy:
        # st.text() draws no surrogates (a str holding one deopts at the boundary)
        return st.one_of(st.text(max_size=20), st.sampled_from(TEXT_EDGES),
                         st.text(alphabet=" ,-+._0123456789eEainfxyz\t\u00e9", max_size=12))

    def edges(self) -> list[Any]:
        return list(TEXT_EDGES)


@dataclass(frozen=True)
class ByteStrings(Spec):
    def strategy(self) -> st.SearchStrategy:
        return st.one_of(st.binary(max_size=20), st.sampled_from(BYTES_EDGES), st.text(max_size=10).map(str.encode))

    def edges(self) -> list[Any]:
        return list(BYTES_EDGES)


@dataclass(frozen=True)
class Nones(Spec):
    def strategy(self) -> st.SearchStrategy:
        return st.none()

    def edges(self) -> list[Any]:
        return [None]


@dataclass(frozen=True)
class Dicts(Spec):
    """Dicts in generated insertion orders (small keys, so lookups hit and miss)."""

    key: Spec
    value: Spec
    max_size: int = 12

    def strategy(self) -> st.SearchStrategy:
        keys = self.key.strategy()
        if isinstance(self.key, Ints) and self.key.lo is None and self.key.hi is None:
            keys = st.one_of(st.integers(-5, 5), keys)
        return st.dictionaries(keys, self.value.strategy(), max_size=self.max_size)

    def edges(self) -> list[Any]:
        keys, values = self.key.edges(), self.value.edges()
        out: list[Any] = [{}]
        out.append({k: values[i % len(values)] for i, k in enumerate(keys[: self.max_size])})
        out.append({k: values[i % len(values)] for i, k in enumerate(reversed(keys[: self.max_size]))})
        if isinstance(self.key, Ints):
            out += [{0: values[0], 1: values[-1], -1: values[0]}, {3: values[0], 1: values[0], 2: values[0]}]
        return out


@dataclass(frozen=True)
class Sets(Spec):
    item: Spec
    max_size: int = 12

    def strategy(self) -> st.SearchStrategy:
        return st.sets(self.item.strategy(), max_size=self.max_size)

    def edges(self) -> list[Any]:
        items = self.item.edges()
        return [set(), set(items[: self.max_size]), {0, 1, 2} if isinstance(self.item, Ints) else set(items[:1])]


def container_spec(t: pytypes.PyType) -> Spec | None:
    """Specs for None, dict and set parameters (cases/dicts.py, cases/optionals.py)."""
    if isinstance(t, pytypes.Prim) and t.name == "None":
        return Nones()
    if isinstance(t, pytypes.DictT):
        return Dicts(spec_of(t.key, True), spec_of(t.value, True))
    if isinstance(t, pytypes.SetT):
        return Sets(spec_of(t.item, True))
    return None


def spec_of(t: pytypes.PyType, nested: bool = False) -> Spec:
    if isinstance(t, pytypes.NdArrayT):
        return numpy_support.Arrays(t)  # type: ignore[return-value]
    if container_spec(t) is not None:
        return container_spec(t)  # type: ignore[return-value]
    if isinstance(t, pytypes.Prim):
        return {"int": Ints(), "float": Floats(), "bool": Bools(), "str": Texts(), "bytes": ByteStrings()}[t.name]
    if isinstance(t, pytypes.ListT):
        return Lists(spec_of(t.item, True), max_size=10 if nested else 30)
    if isinstance(t, pytypes.TupleT) and t.variadic:
        return VarTuples(Lists(spec_of(t.items[0], True), max_size=10))
    if isinstance(t, pytypes.TupleT) and not t.variadic:
        return Tuples(tuple(spec_of(i, nested) for i in t.items))
    if isinstance(t, pytypes.UnionT):
        return OneOf(tuple(spec_of(o, nested) for o in t.options))
    if isinstance(t, pytypes.OpaqueT) and t.name == "object":  # the object tier: any value at all
        return OneOf((Ints(), Floats(), Bools(), Texts(), Nones()))
    raise ValueError(f"no input spec for {t}")


# ---------------------------------------------------------------- per-function hints


def non_finite_arrays(args: tuple) -> bool:
    """An argument is a numpy array holding a NaN or an infinity."""
    import numpy as np

    return any(isinstance(a, np.ndarray) and not bool(np.isfinite(a).all()) for a in args)


def has_nan(x: Any) -> bool:
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, (list, tuple)):
        return any(has_nan(i) for i in x)
    if isinstance(x, dict):
        return has_nan(list(x.values()))
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


def index_overflows(args: tuple) -> bool:
    """`i * big + 1` past 64 bits: CPython raises IndexError for the Python int, native
    arithmetic deopts so it does."""
    a, n, big = args
    return any(not -2**63 <= i * big + 1 < 2**63 or not -2**63 <= i * big < 2**63 for i in range(max(n, 0)))


def complex_power(args: tuple) -> bool:
    """A negative float to a fractional power is a complex number: CPython decides."""
    base, exponent = args
    return base < 0 and math.isfinite(exponent) and exponent != int(exponent)


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
    # heapq/bisect: a NaN inside a tuple item needs its identity (CPython's tuple ==): deopt;
    # nlargest/nsmallest order NaN keys as sorted() does: deopt
    "heapq_cases.float_pairs": Hint(deopt_ok=nan_items, extra=[([1.0, 1.0, 0.5, 1.0, -0.0, 0.0],), ([],)]),
    "heapq_cases.heap_sort": Hint(extra=[([3.0, float("nan"), 1.0, -0.0, 0.0, float("nan"), 2.0],), ([],)]),
    "heapq_cases.heapify_in_place": Hint(extra=[([float("nan"), 3.0, 1.0, 0.0, -0.0, 2.0, 1.0],),
                                                ([float(i % 17) for i in range(3000)],)]),
    "heapq_cases.k_largest": Hint(deopt_ok=nan_items, extra=[([1.0, 2.0, 2.0, -0.0, 0.0], 3), ([1.0], 0),
                                                             ([1.0, 2.0], -1), ([], 2), ([2.0, 1.0], 1)]),
    "heapq_cases.k_smallest": Hint({"k": Ints(-3, 12)}),
    "heapq_cases.k_largest_by_abs": Hint({"k": Ints(-3, 12)}, deopt_ok=wide_ints,
                                         extra=[([3, -3, 2, -2, 3], 2), ([1, -1], 1), ([], 0)]),
    "heapq_cases.k_smallest_words": Hint({"k": Ints(-3, 12)}, extra=[(["bb", "a", "ab", "b", "ba", ""], 3)]),
    "heapq_cases.farthest": Hint({"k": Ints(-3, 12)}, deopt_ok=lambda a: has_nan(a[0]),
                                 extra=[({1: 2.0, 2: 2.0, 3: 1.0, 4: 2.0}, 2)]),
    "heapq_cases.pop_empty": Hint(deopt_ok=wide_ints),
    "heapq_cases.push_pop_replace": Hint(deopt_ok=wide_ints, extra=[([], 1), ([1], 0), ([1, 1], 1)]),
    "heapq_cases.running_median": Hint(deopt_ok=wide_ints),
    "heapq_cases.merge_sorted": Hint(extra=[([[1, 3, 5], [1, 2, 2], [], [0, 5]],)]),
    "bisect_cases.left_and_right": Hint(deopt_ok=wide_ints, extra=[([1, 2, 2, 2, 3], 2), ([], 0)]),
    "bisect_cases.bounded": Hint({"lo": Ints(-2, 8), "hi": Ints(-3, 12)}),
    "bisect_cases.bounded_keywords": Hint({"lo": Ints(-2, 8)}),
    "bisect_cases.insorted_left_pairs": Hint(extra=[([3, 1, 3, 1, 2, 3],)]),
    "bisect_cases.insort_in_argument": Hint(extra=[([1.0, 2.0, 2.0], 2.0), ([], -0.0), ([0.0], -0.0)]),
    "bisect_cases.keyed_left": Hint({"lo": Ints(-2, 6)}, deopt_ok=wide_ints,
                                    extra=[([("a", 1), ("b", 2), ("c", 2), ("d", 5)], 2, 0)]),
    "bisect_cases.keyed_right": Hint(extra=[(["a", "bb", "cc", "ddd"], 2), ([], 0)]),
    "bisect_cases.keyed_insort": Hint(deopt_ok=wide_ints, extra=[([("a", 1), ("b", 2), ("c", 2)], "x", 2)]),
    "bisect_cases.grade": Hint(extra=[([60.0, 59.9, 100.0, float("nan"), 90.0, -0.0],)]),
    "stdlib_math.fsum_of": Hint(extra=[([1e-16, 1.0, 1e16],), ([1e308, 1e308],), ([float("inf"), -float("inf")],),
                                       ([float("inf"), 1.0],), ([0.1] * 10,), ([-0.0],), ([],)]),
    "stdlib_math.prod_of_ints": Hint(deopt_ok=wide_ints, extra=[([2**40, 2**30],), ([],), ([-3, 0, 5],)]),
    "stdlib_math.prod_mixed": Hint(deopt_ok=wide_ints),
    "stdlib_math.close_tolerances": Hint(extra=[(1.0, 1.1, -1.0, 0.0), (1.0, 1.1, 0.0, -0.5), (1.0, 1.05, 0.1, 0.0),
                                                (float("inf"), float("inf"), 0.0, 0.0), (0.0, 1e-12, 0.0, 1e-11)]),
    "stdlib_math.close": Hint(extra=[(1.0, 1.0 + 1e-10), (float("nan"), float("nan")), (float("inf"), 1e308)]),
    "stdlib_math.product_by_reduce": Hint(deopt_ok=wide_ints),
    "stdlib_math.gcd_all": Hint(deopt_ok=wide_ints, extra=[([],), ([12, 18, 27],), ([0, 0],)]),
    "stdlib_math.digits_value": Hint(deopt_ok=wide_ints, extra=[([1, 2, 3],), ([],)]),
    "str_methods.rsplit_all": Hint(extra=[("  a b\t c  ",), ("",), ("\x1c a\u3000b\x85",)]),
    "str_methods.rsplit_sep": Hint({"n": Ints(-2, 4)}, extra=[("a,b,,c", ",", 2), ("aaaa", "aa", -1), ("ab", "", 1),
                                                              ("abc", "abcd", 1)]),
    "str_methods.rsplit_keywords": Hint(extra=[("  a b  c ",), ("x",), ("",)]),
    "str_methods.split_keywords": Hint(extra=[("a,b,c,d", ","), ("a", ""), ("", ",")]),
    "str_methods.partition_by": Hint(extra=[("a=b=c", "="), ("abc", ""), ("abc", "abcd"), ("abc", "abc")]),
    "str_methods.lines": Hint(extra=[("a\r\nb\rc\n\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l",), ("",), ("\n",),
                                     ("x\r",), ("\r\n\r\n",)]),
    "str_methods.lines_kept": Hint(extra=[("a\r\nb\rc\n\nd\x0be\x85",), ("",), ("x\r",), ("\r\r\n",)]),
    "str_methods.cases": Hint(deopt_ok=lambda a: non_ascii(a), extra=[("hello wORLD 3rd",), ("ABC1",), ("",), ("123",), ("éa",), ("aB_c'd",)]),
    "str_methods.padded": Hint({"width": Ints(-3, 12)}),
    "str_methods.padded_with": Hint({"width": Ints(-3, 12)}, extra=[("ab", 7, "*"), ("ab", 6, "ab"), ("ab", 1, ""),
                                                                    ("abc", 6, "é")]),
    "str_methods.zero_filled": Hint({"width": Ints(-3, 25)}, deopt_ok=wide_ints),
    "str_methods.zfill_text": Hint({"width": Ints(-3, 12)}, extra=[("+", 3), ("-x", 4), ("", 2), ("a-", 4)]),
    "str_methods.strip_affixes": Hint(extra=[("test_a.py", "test_", ".py"), ("ab", "", ""), ("ab", "abc", "b")]),
    "str_methods.table_row": Hint({"width": Ints(-3, 10)}),
    "key_functions.by_length": Hint(extra=[(["bb", "a", "cc", "", "b"],)]),
    "key_functions.longest": Hint(extra=[(["bb", "a", "cc", "b"],), ([],)]),
    "key_functions.by_abs": Hint(deopt_ok=wide_ints, extra=[([3, -3, 2, -2, 0],)]),
    "key_functions.closest_to_zero": Hint(deopt_ok=nan_items, extra=[([-1.0, 1.0, -0.0, 0.0],), ([],)]),
    "key_functions.case_insensitive": Hint(deopt_ok=lambda a: non_ascii(a), extra=[(["b", "B", "a", "A", "É"],)]),
    "key_functions.best_pair": Hint(deopt_ok=wide_ints, extra=[([(1, 0), (2, 2), (0, -2)],), ([],)]),
    "key_functions.ranked": Hint(deopt_ok=wide_ints),
    "key_functions.min_or_none": Hint(extra=[([float("nan"), 1.0],), ([1.0, float("nan")],), ([],)]),
    "key_functions.shortest_or_empty": Hint(extra=[(["bb", "a", "c"],), ([],)]),
    "key_functions.total_from": Hint(extra=[([0.1] * 10, 0.5), ([], -0.0), ([1e308, 1e308], 0.0)]),
    "key_functions.total_keyword": Hint(deopt_ok=wide_ints),
    "key_functions.by_scaled": Hint(deopt_ok=lambda a: nan_items(a) or wide_ints(a),
                                    extra=[([1.0, -1.0, 2.0, -0.0], 2), ([3.0, -5.0], 3), ([2**53 + 0.0, -1.0], 2**52)]),
    "key_functions.mixed_extreme": Hint(deopt_ok=lambda a: wide_ints(a) or has_nan(a),
                                        extra=[([1, 2, 3, 4], 0.5), ([], 1.0), ([2**53 + 1, 2**53], 1.0)]),
    "key_shadowing.shadowed": Hint(deopt_ok=wide_ints),
    "key_shadowing.ranked_after_appends": Hint({"k": Ints(-2, 8)}, deopt_ok=nan_items),
    "objects.sum_of_generator": Hint({"n": Ints(-3, 300)}),
    "generators.powers": Hint({"count": Ints(-3, 130)},  # (the last power is computed, not yielded)
                              deopt_ok=lambda args: needs_big_int(args[0] ** max(args[1], 0))),
    "generators.solutions": Hint({"n": Ints(0, 7)}),
    "generators.offsets": Hint(deopt_ok=lambda args: needs_big_int(args[1] * 2)),  # (computed, maybe not yielded)  # (a negative n never ends, in CPython too)
    "objects.vector_sum": Hint({"n": Ints(-3, 60)}),
    "objects.largest_vector": Hint({"n": Ints(-3, 60)}),
    "objects.fraction_sum": Hint({"n": Ints(-3, 40)}),
    "objects.grows_after_a_call": Hint({"n": Ints(-3, 80)}),
    "objects.item_of_object": Hint(extra=[(2**62,), (-(2**63),)]),
    "objects.truth_of_objects": Hint(extra=[(0,), (2**70,)]),
    "objects.method_with_keywords": Hint({"n": Ints(-3, 30)}),
    "objects.object_powers": Hint({"n": Ints(-3, 12)}),
    "objects.raises_with_cause": Hint(extra=[(-1,), (0,), (5,), (101,)]),
    "objects.parse_numbers": Hint(extra=[(["1.5", " 2 ", "x", None, 3, "1e400", "nan"],)]),
    "objects.lookup_all": Hint(extra=[(["a", 2, "b", [1], 2.0, True],)]),
    "objects.parse_all": Hint(extra=[(["1", "", "x", None, " 7 ", 3.5],)]),
    "objects.bare_except_catches_everything": Hint(extra=[(["1", "", "x", None, "quit"],)]),
    "objects.exception_objects": Hint(extra=[(["1", "", "x", "0"],)]),
    "objects.note_and_reraise": Hint(extra=[(0,), (0.0,), (5,), ("a",)]),
    "object_fallbacks.calls_generator_on_a_local": Hint(deopt_ok=wide_ints),
    "objects.extremes_by_key": Hint(extra=[([3, 1.5, 3.0, 2],), ([],), (["b", "a", 2],), ([float("nan"), 1.0],),
                                           ([True, 1, 1.0],)]),
    "objects.sorted_by_key": Hint(extra=[([3, 1.5, 3.0, 2, True], False), ([3, 1.5, 3.0, 2], True), ([], True),
                                         (["b", "a", 2], False), ([float("nan"), 1.0, 0.5], False)]),
    "objects.sums_over_objects": Hint(extra=[([1, 2.5, True],), (["a", "b"],), ([[1], [2]],), ([],)]),
    "objects.dict_methods": Hint(extra=[(["a", 2.5, "a", [1]],), ([{}, 2],), ([float("nan"), float("nan")],)]),
    "objects.scale_by_default": Hint(extra=[(1.5, OMIT), (-0.0, OMIT), (2.0, [1, 2.5]), (2.0, "ab")]),
    "objects.unpack_pairs": Hint(extra=[([(1, 2), [3.5, 4]],), ([(1, 2, 3)],), ([(1,)],), ([7],), (["ab", "cd"],),
                                        ([(2**62, 8)],)]),
    "objects.nested_unpack": Hint(extra=[(((1, 2), 3),), ([[1, 2], "x"],), (((1,), 3),), ((1, 2, 3),), ("abc",)]),
    "dicts.squares": Hint({"n": Ints(-3, 200)}),
    "dicts.removed_from_set": Hint(extra=[([1, 2, 3], [2, 3]), ([1, 2], [5]), ([(1)], [1, 1])]),
    "builtins_cases.empty_constructors": Hint({"n": Ints(-3, 100)}),
    "lists.float_pair_members": Hint(deopt_ok=lambda a: has_nan(a)),
    "lists.equalities": Hint(deopt_ok=lambda a: has_nan(a)),
    "dicts.set_membership": Hint(deopt_ok=wide_ints),
    "dicts.count_items": Hint(deopt_ok=wide_ints),
    "dicts.set_extremes": Hint(deopt_ok=wide_ints),
    "dicts.sort_floats_by_abs": Hint(deopt_ok=nan_items),
    "optionals.best_pair": Hint(deopt_ok=wide_ints),
    "optionals.scaled": Hint(extra=[(1.5, OMIT), (1.5, None), (2.0, 3.0)]),
    "optionals.maybe_sorted": Hint(deopt_ok=wide_ints, extra=[([3, 1, 2], None), ([3, 1, 2], 1), ([3, 1, 2], -1)]),
    "optionals.or_default": Hint(deopt_ok=wide_ints),
    "optionals.maybe_lookup": Hint(deopt_ok=wide_ints),
    "optionals.count_nones": Hint(deopt_ok=wide_ints),
    "dicts.pair_keys": Hint({"n": Ints(-3, 40)}),
    "dicts.lookup_pair": Hint(extra=[({(1, 2): 3}, 1, 2), ({(1, 2): 3}, 2, 1)]),
    "dicts.pop_missing": Hint(extra=[({1: 2, 3: 4}, 3), ({1: 2}, 5)]),
    "arithmetic.pow_int": Hint({"b": Ints(-5, 70)}, extra=[(0, -1), (0, 0), (-1, -3), (2, 62), (2, 63), (-2, 63)]),
    "arithmetic.shift_left": Hint({"n": Ints(-3, 130)}),
    "arithmetic.poly_int": Hint(deopt_ok=wide_ints),
    "names.internals": Hint(deopt_ok=wide_ints),
    "names.keywords": Hint(deopt_ok=wide_ints),
    "names.every_keyword_a": Hint(deopt_ok=wide_ints),
    "names.every_keyword_b": Hint(deopt_ok=wide_ints),
    # abs(-2**63) and sums near the i64 limits leave 64 bits in an intermediate result
    "mixed_numbers.mixed_abs_neg": Hint(deopt_ok=wide_ints),
    "control_flow.rebind_while_iterating": Hint(deopt_ok=wide_ints),
    "lists.moving_sums": Hint(deopt_ok=wide_ints),  # i - w + 1 leaves 64 bits for extreme windows
    "arithmetic.augmented_ops": Hint(deopt_ok=wide_ints),
    "arithmetic.bit_mix": Hint(deopt_ok=wide_ints),
    "arithmetic.pow_float": Hint(deopt_ok=complex_power),
    "math_cases.factorial_of": Hint({"n": Ints(-3, 30)}),
    "builtins_cases.round_int_digits": Hint({"n": Ints(-40, 40)}, extra=[(15, -1), (25, -1), (-25, -1), (I64_MAX, -18),
                                                                       (I64_MIN, -19), (5, -20)]),
    "builtins_cases.round_digits": Hint(extra=[(2.675, 2), (0.125, 2), (0.375, 2), (1.5, 0), (2.5, 0), (-0.5, 0),
                                               (5e-324, 323), (5e-324, 324), (1e308, -308), (1.7e308, -308),
                                               (123.456, -1), (125.0, -1), (135.0, -1), (1e22, -22), (0.5, 400),
                                               (1.0, -400), (-0.001, 2), (1e16 + 2, -1)]),
    "builtins_cases.sorted_floats": Hint(deopt_ok=nan_items),
    "builtins_cases.sorted_floats_desc": Hint(deopt_ok=nan_items),
    "lists.repeat": Hint({"n": Ints(-3, 40)}),
    "lists.zeros": Hint({"n": Ints(-3, 40)}),
    "affine_reads.flat_product": Hint({"n": Ints(-2, 12)}, extra=[([1.0] * 4, [2.0] * 4, 2), ([1.0] * 3, [1.0] * 4, 2),
                                                             ([0.5] * 9, [1.5] * 8, 3)]),
    "affine_reads.shifted_sum": Hint({"n": Ints(-3, 40)}),
    "affine_reads.strided_rows": Hint({"rows": Ints(-2, 10), "cols": Ints(-2, 10)},
                                      extra=[([1, 2, 3, 4, 5, 6], 2, 3), ([1, 2, 3], 2, 3), ([1, 2], 1, 2)]),
    "affine_reads.window_sums": Hint({"w": Ints(-3, 12)}),
    "affine_reads.stepped": Hint({"start": Ints(-50, 50), "step": Ints(-3, 3)}),
    "affine_reads.reassigned_counter": Hint({"n": Ints(-3, 30)}, extra=[([1, 2, 3, 4, 5], 3), ([1, 2, 3, 4, 5], 2)]),
    "affine_reads.after_inner_loop": Hint({"n": Ints(-3, 20)}, extra=[([1, 2, 3, 4, 5, 6, 7], 3)]),
    "affine_reads.huge_coefficient": Hint({"n": Ints(-3, 20)}, deopt_ok=index_overflows, extra=[([1, 2, 3], 3, 2**62), ([1, 2, 3], 2, I64_MAX),
                                                                      ([5, 6], 1, I64_MIN), ([5, 6], 2, 0)]),
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
    "control_flow.range_as_list": Hint({"a": Ints(-60, 60), "b": Ints(-60, 60), "step": Ints(-8, 8)},
                                       extra=RANGE_EXTREMES),
    "control_flow.range_reductions": Hint({"n": Ints(-5, 3000)}),
    "control_flow.sorted_range": Hint({"a": Ints(-60, 60), "b": Ints(-60, 60), "step": Ints(-8, 8)},
                                      extra=RANGE_EXTREMES),
    "control_flow.squares_of_odds": Hint({"n": Ints(-5, 300)}),
    "control_flow.reversed_range": Hint({"n": Ints(-5, 300)}),
    "control_flow.reversed_range_step": Hint({"a": Ints(-60, 60), "b": Ints(-60, 60), "step": Ints(-8, 8)},
                                             extra=RANGE_EXTREMES),
    "control_flow.while_true": Hint({"n": Ints(-5, 10**6)}),
    "control_flow.collatz_steps": Hint({"n": Ints(1, 10**5)}),
    "control_flow.zip_three": Hint(deopt_ok=wide_ints),
    "control_flow.while_else": Hint({"n": Ints(-5, 10**5)}),
    "control_flow.reversed_full_range": Hint(deopt_ok=wide_ints, extra=[(I64_MIN, I64_MAX), (I64_MAX, I64_MIN), (0, I64_MAX), (-1, I64_MIN),
                                                    (I64_MIN, I64_MIN + 5)]),
    "control_flow.diffs_with_previous": Hint(deopt_ok=wide_ints),
    "control_flow.chained_index": Hint(extra=[([5, 1],), ([1, 5],), ([],), ([1, 2, 3, 4],)]),
    "control_flow.enumerate_keyword": Hint(deopt_ok=wide_ints),
    "tuples.fib_iter": Hint({"n": Ints(-3, 120)}),
    "tuples.pair_products": Hint(deopt_ok=wide_ints),
    "tuples.divmod_unpacked": Hint(deopt_ok=wide_ints),
    "tuples.chain_assign": Hint(deopt_ok=wide_ints),
    "accumulators.product": Hint(deopt_ok=wide_ints),
    "annotations.total_of_iterable": Hint(deopt_ok=wide_ints),
    "accumulators.odd_even_mix": Hint(deopt_ok=wide_ints),
    "accumulators.prefix_sums": Hint(deopt_ok=wide_ints),
    "accumulators.float_then_int": Hint({"n": Ints(-3, 500)}),
    "calls.fib": Hint({"n": Ints(-3, 20)}),
    "calls.tribonacci_memo": Hint({"n": Ints(0, 80), "memo": OneOf((Nones(), Dicts(Ints(-3, 80), Ints(0, 10**6))))},
                                  extra=[(10, OMIT), (5, {3: 100}), (-1, None)]),
    # rt::MAX_DEPTH (400) levels of translated recursion, then CPython decides
    "calls.depth": Hint({"n": Ints(-3, 450)}, extra=[(5000,), (100_000,)], deopt_ok=lambda a: a[0] >= 400),
    "calls.add_via_helper": Hint(deopt_ok=wide_ints),
    "calls.is_even": Hint({"n": Ints(-3, 300)}, extra=[(5000,)]),
    "calls.is_odd": Hint({"n": Ints(-3, 300)}, extra=[(5000,)]),
    "calls.sum_of_squares": Hint({"n": Ints(-3, 300)}),
    "calls.call_with_default_int": Hint(extra=[(5, OMIT), (5, None), (None, OMIT)]),
    "calls.clamp": Hint(extra=[(0.5, OMIT, OMIT), (2.0, OMIT, 3.0), (-1.0, None, OMIT), (2.0, OMIT, None)]),
    "calls.power": Hint(extra=[(3.0, OMIT), (2.0, None)]),
    "shared_items.window": Hint({"a": Ints(-12, 12), "b": Ints(-12, 12)}),
    "shared_items.last_big": Hint(extra=[([1, 5, 3], 2), ([], 0), ([2**63 - 1, -(2**63)], 0)]),
    "in_place_writes.set_at": Hint({"i": Ints(-6, 6)}, extra=[([1, 2, 3], -4, 9), ([], 0, 1), ([2**40], 0, -(2**62))]),
    "in_place_writes.set_first": Hint(extra=[([],  1.0), ([0.5, 2.0], -0.0)]),
    "in_place_writes.flags": Hint({"k": Ints(-4, 4)}, extra=[([True, False], 1), ([], 0), ([False], -2)]),
    "in_place_writes.clamp_until_bad": Hint(extra=[([0.5, 3.0, NAN, -2.0], 0.0, 1.0), ([-1.0, 2.0], 0.0, 1.0)]),
    "in_place_writes.clip": Hint(extra=[([0.5, 3.0, NAN, -2.0], 0.0, 1.0), ([-1.0, 2.0], 0.0, 1.0), ([], 0.0, 1.0)]),
    "in_place_writes.tripled": Hint(extra=[([1, 2**62, 3],), ([-(2**61), 5],)]),
    "rows_in_place.trace": Hint(extra=[([[1.0, 2.0], [3.0]],), ([[1.0], [2.0, 3.0]],), ([],), ([[]],)]),
    "rows_in_place.trace_of_grid": Hint({"n": Ints(0, 12)}),
    "rows_in_place.total": Hint(extra=[([[1.0, 2.0], [], [3.5]],), ([],)]),
    "rows_in_place.corner": Hint(extra=[([[1, 2], [3]],), ([],), ([[]],), ([[5]],)]),
    "rows_in_place.column_max": Hint({"j": Ints(-3, 3)}, extra=[([[1.0, 2.0], [3.0]], 1), ([[NAN, 1.0], [2.0, 0.0]], 0)]),
    "rows_in_place.find": Hint(extra=[([[1, 2], [3, 4]], 4), ([[], [7]], 7), ([], 1)]),
    "str_pieces.unquoted": Hint(extra=[(' "a b" ',), ('""',), ('"\u00e9"',), ('\U0001f389"x"',), ("",)]),
    "str_pieces.tab_fields": Hint(extra=[("a\tb\t\n",), ("\n",), ("\u00e9\t\u65e5\n\n",), ("x",)]),
    "str_pieces.second_field": Hint(extra=[("a, b ,c", ","), ("abc", ","), ("a", ""), ("\u00e9::\u00e9 ", "::")]),
    "str_pieces.longer_stripped": Hint(extra=[("  ab ", "x"), ("a", "  \u00e9 "), ("", "")]),
    "str_pieces.sum_fields": Hint(deopt_ok=lambda a: non_ascii(a), extra=[
        (" 1.5, -2 ,3e2,,nan ",), ("1,x",), ("\u00e9, 1",), ("\u0663",), ("1,\u3000 2",), ("\x1c1",),
        ("1_0, 2",), ("\U0001f389,1",), (",,",), ("0.1," * 40,)]),
    "str_pieces.parse_ints": Hint(deopt_ok=lambda a: non_ascii(a), extra=[
        ("1 2  -3\t+4",), ("1 x",), ("99999999999999999999 1",), ("1\u3000\u0663",), ("\u00e9",)]),
    "str_pieces.count_fields": Hint(extra=[("a,b,,c", ","), ("", ","), ("abc", ""), ("\u65e5,\u672c", ","),
                                           ("x\U0001f389y\U0001f389", "\U0001f389"), ("aaaa", "aa")]),
    "str_pieces.first_and_last": Hint(deopt_ok=lambda a: non_ascii(a), extra=[
        ("1.5;x; 7 ",), ("1.5",), ("",), ("a;1",), ("2.5;\u00e9;-3",)]),
    "str_pieces.count_equal": Hint(extra=[("a b a #a  a", "a"), ("\u00e9 \u00e9 #x", "\u00e9"),
                                          ("\U0001f389 x \U0001f389", "\U0001f389"), ("", ""), ("  ", "")]),
    "str_pieces.tagged": Hint(extra=[("<a> b <\u00e9\u00e9> end. <c>",), ("<",), ("<>",), ("x end",)]),
    "str_pieces.kept_words": Hint(extra=[(" a, b ,,\u00e9 ,\U0001f389",), ("",), (",",)]),
    "str_pieces.word_counts": Hint(extra=[("a b a \u00e9 \u00e9\u3000a",), ("",)]),
    "str_pieces.header_and_values": Hint(deopt_ok=lambda a: non_ascii(a), extra=[
        (" temp : 1.5, 2,, 3 ",), ("x",), ("\u00e9:1",), ("a:b",), ("a:1:2",)]),
    "str_pieces.last_field": Hint(extra=[("a, b ,  ",), ("",), ("\u00e9,\U0001f389",)]),
    "str_pieces.stripped_len": Hint(extra=[("  a b  ",), ("\u3000x\x85",), ("",), ("\U0001f389 \u00e9",)]),
    "str_pieces.nested_split": Hint(deopt_ok=lambda a: non_ascii(a), extra=[
        ("1|2| -\n 3.5 |x",), ("1| - |2\n\n4",), ("",), ("1|\u00e9",), ("1e3|-0.0",)]),
    "strings.parse_record": Hint(extra=[("apple, 3,2.5",), ("a,b,c",), ("x,1,2,3",), ("x,1",), (" pear ,-7, 1e3",)]),
    "lists.unpack_pair": Hint(extra=[([3, 9],), ([1],), ([1, 2, 3],), ([],)]),
    "benchmarks.fannkuch": Hint({"n": Ints(0, 7)}),
    # int(s) of 19+ digits is beyond i64: a deopt, CPython's big int
    "exceptions.parse_or_message": Hint(deopt_ok=lambda a: wide_ints(a) or non_ascii(a)
                                        or sum(c.isdigit() for c in a[0]) >= 19),
    # str(KeyError(key)) of a non-ASCII or bytes key: its exact repr is left to CPython (deopt)
    "exceptions.missing_key_message": Hint(deopt_ok=lambda a: non_ascii(a) or not a[1].isprintable(), extra=[({"a": 1}, "a", 0), ({"a": 1}, "b", 0), ({}, "it's", 0),
                                                  ({"a": 1}, "a", 1), ({"a": 1}, "a", 2)]),
    "lists.rotate_with_bound_methods": Hint({"k": Ints(-3, 40)}),
    "constants.with_constant_defaults": Hint(extra=[(1.5, OMIT, OMIT), (1.5, 3.0, OMIT), (1.5, OMIT, 7)]),
    "calls.scaled_offset": Hint(extra=[(1.5, OMIT, OMIT), (1.5, 3.0, OMIT), (1.5, OMIT, None), (1.5, None, 2)]),
    "mutation.append_squares": Hint({"n": Ints(-3, 50)}),
    "mixed_numbers.mixed_sorted": Hint(deopt_ok=nan_items),
    "mixed_numbers.mixed_index": Hint(deopt_ok=nan_needle),
    "mixed_numbers.mixed_sum_from": Hint(deopt_ok=wide_ints),
    "mixed_numbers.mixed_scale": Hint(deopt_ok=wide_ints),
    "mixed_numbers.num_pow": Hint({"b": OneOf((Ints(-5, 70), Floats()))}, deopt_ok=complex_power),
    "mutation.add_ratio": Hint(extra=[([1.0], 5, 0.0), ([1.0], 0, 0.0), ([], 0, 2.0)]),
    "calls.sum_from": Hint({"i": Ints(-40, 40)}, deopt_ok=wide_ints),
    "calls.total_recursive": Hint(deopt_ok=wide_ints),
    "mutation.count_and_mark": Hint(extra=[lambda: _nested_alias()]),
    "mutation.overflow_after_mutation": Hint(deopt_ok=wide_ints),
    "nested.identity": Hint({"n": Ints(-3, 30)}),
    "nested.grid": Hint({"n": Ints(-3, 20), "m": Ints(-3, 20)}),
    "nested.fresh_rows": Hint({"n": Ints(-3, 30)}),
    "nested.relax": Hint({"n": Ints(-3, 12), "m": Ints(-3, 12)},
                         extra=[([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], 3, 3)]),
    "nested.zeros_untouched": Hint({"n": Ints(-3, 12), "m": Ints(-3, 12)}),
    "nested.product_accumulated": Hint(extra=[([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]), ([], [])]),
    "nested.buckets": Hint({"n": Ints(-3, 20)}),
    "nested.row_appends": Hint({"n": Ints(-2, 5), "i": Ints(-6, 6), "j": Ints(-3, 3)}),
    "nested.mixed_appends": Hint({"n": Ints(-3, 60)}),
    "nested.matmul": Hint(extra=[([[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]), ([], []), ([[1.0]], [])]),
    "nested.trace": Hint(extra=[([[1.0, 2.0], [3.0, 4.0]],), ([[1.0], [3.0, 4.0]],)]),
    "nested.transpose": Hint(extra=[([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]],), ([[]],), ([[1.0], []],)]),
}


def non_ascii(args: tuple) -> bool:
    """Case mapping, isdigit/isalpha and number parsing of non-ASCII text follow CPython's
    Unicode tables, which Rust's may not match: the translation deopts."""
    return any(isinstance(a, str) and not a.isascii() for a in args) or \
        any(isinstance(a, list) and any(isinstance(w, str) and not w.isascii() for w in a) for a in args)


def bad_utf8(args: tuple) -> bool:
    try:
        args[0].decode()
        return False
    except UnicodeDecodeError:
        return True


def has_surrogate(args: tuple) -> bool:
    """A str holding a lone surrogate has no UTF-8 / Rust `char` form: it deopts."""
    return any(isinstance(a, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in a) for a in args)


class StrSubclass(str):
    """Not an exact str: the boundary deopts."""


def chr_deopts(args: tuple) -> bool:
    """chr() of an int beyond a C int (OverflowError) or of a surrogate (no Rust char)."""
    return not -(2**31) <= args[0] < 2**31 or 0xD800 <= args[0] <= 0xDFFF


HINTS.update({  # numpy: shapes small enough to allocate
    "numpy_cases.np_ones_2d": Hint({"r": Ints(-3, 40), "c": Ints(-3, 40)}),
    "numpy_cases.np_heavy": Hint({"reps": Ints(-3, 5)}),
    # numpy.float64 `%` and `//` of a NaN or infinity deopt by design (numpy's result and
    # warning for them differ between numpy versions: the original decides)
    "numpy_cases.np_mixed_ops": Hint(deopt_ok=lambda a: non_finite_arrays(a)),
    "exceptions.reraise_after_count": Hint(deopt_ok=wide_ints),  # a running sum may leave 64 bits
})
HINTS.update({
    "strings.repeat": Hint({"n": Ints(-3, 40)}),
    "strings.repeat_left": Hint({"n": Ints(-3, 40)}),
    "strings.chr_of": Hint(deopt_ok=chr_deopts, extra=[(0xD800,), (0x10FFFF,), (0x110000,), (-1,), (65,)]),
    "strings.caesar": Hint(deopt_ok=wide_ints),
    "strings.lower_upper": Hint(deopt_ok=non_ascii),
    "dicts.words_by_frequency": Hint(deopt_ok=non_ascii),
    "lists.mirrored_letters": Hint(deopt_ok=non_ascii),
    "strings.predicates": Hint(deopt_ok=non_ascii),
    "strings.join_upper": Hint(deopt_ok=non_ascii),
    "strings.parse_int": Hint(deopt_ok=non_ascii),
    "strings.parse_float": Hint(deopt_ok=non_ascii),
    "strings.parse_csv_row": Hint(deopt_ok=non_ascii, extra=[("1.5, 2,3e2 ,, -inf",), (" ",), ("1,x",), ("1_0, 2_",)]),
    "strings.sum_digits": Hint(deopt_ok=non_ascii),
    "strings.tokenize_ints": Hint(deopt_ok=non_ascii, extra=[("1, 2,,3",), ("1,a",), (" 7 ",)]),
    "strings.decode_bytes": Hint(deopt_ok=bad_utf8),
    "strings.safe_float": Hint(deopt_ok=non_ascii),
    "strings.parse_ints_lenient": Hint(deopt_ok=non_ascii, extra=[("1,x, 3,,99999999999999999999",)]),
    "strings.lookup": Hint(extra=[({"a": 1, "\u00e9": 2}, "\u00e9"), ({"a": 1}, "\u2028\x85'\""), ({}, "\x00\t")]),
    "strings.lookup_bytes": Hint(extra=[({b"a": 1}, b"a"), ({b"a": 1}, b"\xff'\"\\"), ({}, b"")]),
    "strings.alnum": Hint(deopt_ok=non_ascii),
    "strings.searches": Hint(extra=[("aaaa", "aa"), ("abcab", "ab"), ("", ""), ("h\u00e9h\u00e9", "\u00e9")]),
    "strings.fields_of": Hint(deopt_ok=has_surrogate, extra=[(" a,b ", ","), ("\u65e5,\u672c ", ","), (" a ", ""),
                                                              ("x\U0001f389y\U0001f389", "\U0001f389"),
                                                              ("a\ud800,b", ","), ("\u3000a,b\u3000", ","),
                                                              (StrSubclass(" a,b"), ",")]),
    "strings.right_fields": Hint(deopt_ok=has_surrogate, extra=[("a,b\u2028",), ("\u00e9,\u00e8 ",), ("\udfff ",)]),
    "strings.words_and_length": Hint(deopt_ok=has_surrogate, extra=[("\U0001f389 a\u3000b",), ("\x85x",)]),
    "strings.str_len": Hint(deopt_ok=has_surrogate, extra=[("\ud800",), ("a\udfffb",), (StrSubclass("abc"),)]),
    "strings.concat": Hint(deopt_ok=has_surrogate, extra=[("\ud83d", "\ude00"), (StrSubclass("x"), "y")]),
    "strings.bytes_build": Hint({"n": Ints(-3, 30)}),
    "strings.zero_bytes": Hint({"n": Ints(-3, 40)}),
    "strings.split_at_most": Hint(extra=[("a,b,c", ",", 1), ("a,b,c", ",", 0), ("a,b,c", ",", -1), ("ab", "", 1),
                                         ("a,,b,", ",", 2), ("", ",", 3)]),
    "strings.split_words_at_most": Hint(extra=[("  a b  c  ", 1), (" a ", 0), ("  ", 0), ("a\tb\nc", 5),
                                               ("x  y", -1)]),
    "strings.key_and_value": Hint(extra=[(" k = v=w ",), ("k",), ("=",)]),
    "strings.find_in_window": Hint(extra=[("abcabc", "c", -2, 100), ("abc", "", 3, 1), ("abc", "", 4, 5),
                                          ("aaa", "", 1, 2), ("abcabc", "b", 0, -1)]),
    "strings.index_in_window": Hint(extra=[("abcabc", "b", 2), ("abc", "z", 0), ("abc", "", 4)]),
    "strings.all_positions": Hint(extra=[("abracadabra", "a"), ("aaa", "aa"), ("abc", "")]),
    "strings.tokenize": Hint(extra=[("the cat sat", {"the": 1, "cat": 2, " ": 3, "c": 4, "at": 5}),
                                    ("h\u00e9llo w\u00f6rld", {"\u00e9": 1, "llo": 2, "w\u00f6": 3, "h": 4}), ("", {})]),
    "strings.slice_all": Hint(extra=[("abc", 1, 3, I64_MAX), ("h\u00e9llo", 2, 0, I64_MIN), ("abc", -1, -5, -1),
                                     ("abc", I64_MIN, I64_MAX, 2), ("abc", 0, 3, 0)]),
})


def _nested_alias() -> tuple:
    xs = [1, 2]
    return xs, [xs, [3]]


# ---------------------------------------------------------------- inputs


def specs(fn: CaseFunction) -> list[tuple[str, Spec]]:
    hint = HINTS.get(fn.key, Hint())
    types = fn.param_types()
    out = []
    for arg, _ in fn.parameters():
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
    if math.prod(len(c) for c in columns) <= MAX_EDGE_INPUTS:
        combos = list(itertools.product(*columns))
    else:  # a seeded sample, never the whole product (17 int parameters: 22**17 combinations)
        rng = random.Random(fn.key)
        combos = [tuple(rng.choice(c) for c in columns) for _ in range(MAX_EDGE_INPUTS)]
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


def call(fn: CaseFunction, f: Callable, args: tuple) -> tuple:
    """Call with keyword-only parameters by keyword, `*args` and `**kwargs` spread, leaving
    out the OMIT ones."""
    positional, keywords = [], {}
    for (arg, kind), value in zip(fn.parameters(), args):
        if value is OMIT:
            continue
        if kind == "keyword":
            keywords[arg.arg] = value
        elif kind == "star":
            positional.extend(value)
        elif kind == "starstar":
            keywords.update(value)
        else:
            positional.append(value)
    try:
        result = f(*positional, **keywords)
        if generator_support.is_generator(result):  # compared by driving it (generator_support.py)
            steps = generator_support.protocol(fn.stem, fn.qualname)
            return ("generator", generator_support.drive(result, steps, [*positional, keywords]))
        return ("value", result)
    except RecursionError:
        return ("raise", RecursionError, "maximum recursion depth exceeded", ())  # the exact wording varies
    except Exception as exc:  # noqa: BLE001 - the exception is the result: type, message, args
        return ("raise", type(exc), str(exc), exc.args)


def show(args: tuple) -> str:
    text = repr(args)
    return text if len(text) < 400 else text[:400] + "..."


def one_nan(x: Any) -> Any:
    """`x` with every NaN replaced by the same NaN.

    The sign and payload of a NaN made from NaN or infinite operands depend on which
    operand the hardware sees first, and C compilers may swap the operands of `+` and
    `*` (CPython's `sum` gives `nan` where the same additions in Rust give `-nan`), so
    they are not part of the semantics compared; everything else is, bit for bit."""
    if type(x).__module__ == "numpy":
        return numpy_support.one_nan(x)
    if type(x) is float and math.isnan(x):
        return NAN
    if type(x) is list:
        return [one_nan(i) for i in x]
    if type(x) is tuple:
        return tuple(one_nan(i) for i in x)
    if type(x) is dict:
        return {k: one_nan(v) for k, v in x.items()}
    return x


def compare(fn: CaseFunction, py: Callable, rs: Callable, args: tuple) -> None:
    py_args, rs_args = copy.deepcopy(args), copy.deepcopy(args)
    expected = call(fn, py, py_args)
    got = call(fn, rs, rs_args)
    where = f"{fn.key}{show(args)}"
    if expected[0] == "raise" or got[0] == "raise":
        assert got[0] == expected[0] and got[1:] == expected[1:], \
            f"{where}: CPython {expected[0]} {expected[1:]!r}, Rust {got[0]} {got[1:]!r}"
    elif expected[0] == "generator" or got[0] == "generator":
        assert got[0] == expected[0], f"{where}: CPython {expected[0]}, Rust {got[0]}"
        generator_support.compare_driven(where, expected[1], got[1], same_value, one_nan)
    else:
        want, have = one_nan(expected[1]), one_nan(got[1])
        assert same_value(want, have), f"{where}: {describe_difference(want, have)} (CPython {expected[1]!r}, Rust {got[1]!r})"
        shared, rs_shared = identity.sharing(expected[1], py_args), identity.sharing(got[1], rs_args)
        assert shared == rs_shared, f"{where}: {identity.describe(shared, rs_shared)}"
    assert same_value(one_nan(py_args), one_nan(rs_args)), \
        f"{where}: arguments after the call differ: {describe_difference(one_nan(py_args), one_nan(rs_args))}"
    assert same_sharing(py_args, rs_args), f"{where}: the arguments' lists are shared differently after the call"


def sharing(x: Any, seen: dict[int, int]) -> list[int]:
    """The identity pattern of the lists in `x`: the order each list is first met in."""
    out = []
    if type(x) in (list, tuple):
        if type(x) is list:
            out.append(seen.setdefault(id(x), len(seen)))
        for item in x:
            out += sharing(item, seen)
    return out


def same_sharing(a: tuple, b: tuple) -> bool:
    return sharing(a, {}) == sharing(b, {})


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
    """An int outside i64 anywhere in `x`."""
    if type(x) is int:
        return not I64_MIN <= x <= I64_MAX
    if isinstance(x, dict):
        return needs_big_int(list(x.items()))
    if isinstance(x, (set, frozenset)):
        return needs_big_int(list(x))
    if isinstance(x, (list, tuple)):
        return any(needs_big_int(i) for i in x)
    return False


def shares_lists(args: tuple) -> bool:
    """The same list passed twice, or inside another argument (aliasing)."""
    pattern = sharing(args, {})
    return len(pattern) != len(set(pattern))


def conforms(value: Any, t: pytypes.PyType) -> bool:
    """Whether `value` is exactly of type `t` (what the translation reads natively)."""
    if isinstance(t, pytypes.Prim):
        return type(value).__name__ == t.name
    if isinstance(t, pytypes.UnionT):
        return any(conforms(value, o) for o in t.options)
    if isinstance(t, pytypes.ListT):
        return type(value) is list and all(conforms(v, t.item) for v in value)
    if isinstance(t, pytypes.TupleT):
        return type(value) is tuple and len(value) == len(t.items) and all(map(conforms, value, t.items))
    if isinstance(t, pytypes.DictT):
        return type(value) is dict and all(conforms(k, t.key) and conforms(v, t.value) for k, v in value.items())
    if isinstance(t, pytypes.SetT):
        return type(value) is set and all(conforms(v, t.item) for v in value)
    if isinstance(t, pytypes.NdArrayT):
        return numpy_support.conforms(value, t)
    return False


def other_types(fn: CaseFunction, args: tuple) -> bool:
    """An argument of another type than the signature's (None for a number, ...)."""
    types = fn.param_types()
    names = [a.arg for a, _ in fn.parameters()]
    return any(v is not OMIT and not conforms(v, pytypes.parse_type(types[n])) for n, v in zip(names, args))


def deopt_expected(fn: CaseFunction, args: tuple, outcome: tuple, args_after: tuple) -> bool:
    """Whether a deopt on this input is legitimate."""
    if needs_big_int(args) or needs_big_int(args_after) or other_types(fn, args):
        return True
    if outcome[0] in ("value", "generator") and (needs_big_int(outcome[1]) or isinstance(outcome[1], complex)):
        return True
    if outcome[0] == "raise" and outcome[1] in (RecursionError, UnboundLocalError):
        return True  # CPython's wording of these varies by version: it decides
    if shares_lists(args):
        return True
    if numpy_support.warns_for(fn, args):  # numpy warns: the original runs to warn itself
        return True
    hint = HINTS.get(fn.key)
    return bool(hint and hint.deopt_ok and hint.deopt_ok(args))


@pytest.mark.parametrize("fn", FUNCTIONS, ids=lambda f: f.key)
def test_deopts_only_when_needed(built_cases: BuiltCases, fn: CaseFunction) -> None:
    py, rs = translated(built_cases, fn)
    calls: list[int] = []

    @functools.wraps(py)  # the fallback's __wrapped__ names the module whose globals the translation follows
    def recording(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return py(*args, **kwargs)

    def check(args: tuple) -> None:
        before = len(calls)
        py_args, rs_args = copy.deepcopy(args), copy.deepcopy(args)
        outcome = call(fn, py, py_args)
        assert call(fn, rs, rs_args)[0] == outcome[0]
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
    if not any(key.startswith(Path(MUST_REJECT).stem + ".") for key in built_cases.entries):
        pytest.skip("RUSTIFY_TEST_CASES left the must-reject file out of this build")
    for fn in case_functions(CASES / MUST_REJECT):
        entry = built_cases.entries[fn.key]
        first = min([fn.node.lineno] + [d.lineno for d in fn.node.decorator_list])  # a marker may sit on a decorator
        marked = any("# reject:" in line for line in
                     (CASES / MUST_REJECT).read_text().splitlines()[first - 1:fn.node.end_lineno])
        assert (entry.status == "rejected") == marked, (fn.key, entry.status)
        if marked:
            assert entry.rejections and entry.rejections[0].message


@pytest.mark.parametrize("optimize", [False, True])
def test_asserts_follow_python_dash_O(built_cases: BuiltCases, optimize: bool) -> None:
    """`python -O` drops assert statements, condition and all; so does the translation."""
    import subprocess
    import sys

    if "control_flow.assert_positive" not in built_cases.entries:
        pytest.skip("RUSTIFY_TEST_CASES left control_flow out of this build")
    name = built_cases.entries["control_flow.assert_positive"].rust_name
    code = (f"import importlib.util\n"
            f"spec = importlib.util.spec_from_file_location({built_cases.module.__name__!r}, "
            f"{built_cases.module.__file__!r})\n"
            f"m = importlib.util.module_from_spec(spec)\n"
            f"spec.loader.exec_module(m)\n"
            f"print(m.{name}(-1.0))\n")
    done = subprocess.run([sys.executable, *(["-O"] if optimize else []), "-c", code],
                          capture_output=True, text=True, timeout=60)
    if optimize:
        assert done.returncode == 0 and done.stdout.strip() == "-1.0", done.stderr
    else:
        assert done.returncode != 0 and "AssertionError: x must be positive" in done.stderr

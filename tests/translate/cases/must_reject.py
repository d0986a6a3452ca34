"""Functions the translator must reject. The line a rejection must point at ends
with a comment naming the construct it must report (see test_rejections.py);
the functions without such a comment must still translate."""

import math

import numpy as np

COUNTER = 0


class _Base:
    def add(self, x: float) -> float:
        return x


class Accumulator(_Base):
    def add(self, x: float) -> float:
        return super().add(x) + 1.0  # reject: super()

    def kind(self) -> str:
        return __class__.__name__  # reject: __class__

    @property  # reject: decorator
    def size(self) -> int:
        return 1

    def twice(self, x: float) -> float:  # a method translates: `self` is an object
        return x * 2.0


def with_lambda(x: float) -> float:
    f = lambda y: y * 2  # reject: lambda
    return f(x)


def with_closure(x: int) -> int:
    def inner(y: int) -> int:  # reject: nested def
        return x + y

    return inner(1)


def bump() -> int:  # translates: `global` names are module globals (test_object_tier.py)
    global COUNTER
    COUNTER += 1
    return COUNTER


def pairs_of(xs: list[int]):
    for x in xs:
        yield eval("x"), x  # reject: eval()


def calls_generator_on_an_array(n: int) -> int:
    return len(list(pairs_of(np.zeros(n))))  # reject: call


def uses_self(self: int) -> int:  # a parameter Rust cannot name: the export binds its arguments itself
    return self + 1


def evaluate(x: int) -> int:
    return eval("x + 1")  # reject: eval()


def untyped(x):  # reject: parameter type
    return x + 1


def try_except(x: float) -> float:
    try:
        return 1.0 / x
    except ZeroDivisionError as e:
        return float(len(e.args))  # reject: except as



def shared_rows(n: int) -> list[list[int]]:
    rows = [[0] * 2] * n
    rows[0][0] = 1  # reject: list aliasing
    return rows


def mixed_returns(x: int):  # reject: return type
    if x > 0:
        return 1
    return [1]


def str_surrogate_literal(x: int) -> str:
    return "\ud800" * x  # reject: str


def returns_row_found_in_loop(rows: list[list[int]], n: int) -> list[int]:
    for row in rows:
        if len(row) == n:
            return row  # reject: returned object
    return []



def returns_copied_rows(rows: list[list[float]]) -> list[list[float]]:
    return [row[:] for row in rows]


def returns_sorted_copy(xs: list[float]) -> list[float]:
    ys = sorted(xs)
    return ys


def returns_new_dict_of_counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def double_into(dst: list[float], src: list[float]) -> None:
    for i in range(len(src)):
        dst[i] += src[i]


def shared_row_append(n: int) -> list[list[int]]:
    row = [0, 0]
    out = []
    for i in range(n):
        out.append(row)  # reject: list aliasing
    out[0][0] = 1
    return out


def maybe_unbound_list(xs: list[int]) -> int:
    for x in xs:
        found = [x]
    return len(found)  # reject: unbound local


def empty_list():  # reject: return type
    return []


def chained_lists(n: int) -> int:
    a = b = [0]
    a.append(n)  # reject: list aliasing
    return len(b)


def keyword_to_math(x: float) -> float:
    return math.log(x, base=2.0)  # reject: math.log


def helper_ok(x: float) -> float:
    return x * 2.0


def still_translates(x: float) -> float:
    return helper_ok(x) + 1.0


def drop_negative(d: dict[int, int]) -> int:
    for k in d:
        if d[k] < 0:
            del d[k]  # reject: dict changed while iterated
    return len(d)


def key_lambda_two_params(xs: list[int]) -> list[int]:
    return sorted(xs, key=lambda a, b=1: a)  # reject: lambda


def shared_row(n: int) -> dict[int, list[int]]:
    row = [0]
    d = {}
    d[0] = row  # reject: dict value
    row.append(n)
    return d


def shared_row_comprehension(n: int, m: int) -> list[list[int]]:
    row = [0] * m
    return [row for _ in range(n)]  # reject: shared object


def repeated_row(n: int, m: int) -> list[list[int]]:
    return [[0] * m] * n  # reject: shared object


def same_row_twice(m: int) -> tuple[list[int], list[int]]:
    row = [1] * m
    return row, row  # reject: shared object


def new_row_per_item(n: int, m: int) -> list[list[int]]:
    return [[0] * m for _ in range(n)]


def copied_row_per_item(n: int, m: int) -> list[list[int]]:
    row = [0] * m
    return [row[:] for _ in range(n)]


def row_moved_into_result(n: int, m: int) -> list[list[int]]:
    out = []
    for i in range(n):
        row = [i] * m
        out.append(row)
    return out


def max_of_flags(a: bool, b: bool) -> bool:
    return max(a, b)


def min_of_three_flags(a: bool, b: bool, c: bool) -> bool:
    return min(a, b, c)


def max_of_flag_list(flags: list[bool]) -> bool:
    return max(flags)


def caught_exception_kept(s: str):
    try:
        return int(s)
    except ValueError as e:
        kept = e  # reject: except as
        return 0


def sum_of_object_generator(xs: list[object]):
    return sum(x * 2 for x in xs)  # reject: sum


def map_with_lambda_kept(xs: list[int]) -> list[int]:
    m = map(lambda x: x + 1, xs)  # reject: lambda
    return list(m)


def next_inside_generator(xs: list[int]) -> int:
    it = iter(xs)
    return sum(next(it) for _ in range(3))  # reject: generator expression


def generator_reads_a_rebound_variable(xs: list[int]):
    k = 1
    g = (x * k for x in xs)  # reject: generator expression
    k = 2
    return g

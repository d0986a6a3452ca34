"""math.fsum, math.prod, math.isclose, functools.reduce."""

import functools
import math
from functools import reduce


def fsum_of(xs: list[float]) -> float:
    return math.fsum(xs)


def fsum_of_ints(xs: list[int]) -> float:
    return math.fsum(xs)


def prod_of_ints(xs: list[int]) -> int:
    return math.prod(xs)


def prod_of_floats(xs: list[float]) -> float:
    return math.prod(xs, start=2.0)


def prod_mixed(xs: list[int], k: float) -> float:
    return math.prod([x * k for x in xs])


def prod_int_start(xs: list[float]) -> float:
    return math.prod(xs, start=3)


def close(a: float, b: float) -> bool:
    return math.isclose(a, b)


def close_tolerances(a: float, b: float, rel: float, tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel, abs_tol=tol)


def product_by_reduce(xs: list[int]) -> int:
    return functools.reduce(lambda a, b: a * b, xs, 1)


def max_by_reduce(xs: list[float]) -> float:
    return reduce(lambda a, b: a if a >= b else b, xs)


def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def gcd_all(xs: list[int]) -> int:
    return reduce(_gcd, xs)


def digits_value(ds: list[int]) -> int:
    return reduce(lambda acc, d: acc * 10 + d, ds, 0)

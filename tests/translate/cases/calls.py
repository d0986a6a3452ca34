"""Calls of helpers of the same module: recursion, defaults, keyword arguments."""

import math


def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a


def gcd_recursive(a: int, b: int) -> int:
    if b == 0:
        return a
    return gcd_recursive(b, a % b)


def depth(n: int) -> int:
    if n <= 0:
        return 0
    return 1 + depth(n - 1)


def is_even(n: int) -> bool:
    if n == 0:
        return True
    return is_odd(n - 1)


def is_odd(n: int) -> bool:
    if n == 0:
        return False
    return is_even(n - 1)


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    if x < lo:
        return lo
    if x > hi:
        return hi
    return x


def clamp_all(xs: list[float]) -> list[float]:
    return [clamp(x) for x in xs]


def clamp_all_keyword(xs: list[float], hi: float) -> list[float]:
    return [clamp(x, hi=hi) for x in xs]


def power(base: float, exp: int = 2) -> float:
    return base ** exp


def powers(x: float) -> float:
    return power(x) + power(x, 3) + power(exp=1, base=x)


def dot(a: list[float], b: list[float]) -> float:
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def norm(a: list[float]) -> float:
    return math.sqrt(dot(a, a))


def cosine(a: list[float], b: list[float]) -> float:
    return dot(a, b) / (norm(a) * norm(b))


def add_ints(a: int, b: int) -> int:
    return a + b


def add_via_helper(a: int, b: float) -> float:
    return add_ints(a, 1) + b


def sum_of_squares(n: int) -> int:
    return sum([square(i) for i in range(n)])


def square(i: int) -> int:
    return i * i


def call_with_default_int(x: int, k=3) -> int:
    return x * k


def scaled_offset(x: float, *, scale: float = 2.0, offset: int = 1) -> float:
    return x * scale + offset


def use_scaled_offset(xs: list[float]) -> list[float]:
    return [scaled_offset(x, offset=3) for x in xs]


def sum_from(xs: list[int], i: int) -> int:
    if i >= len(xs):
        return 0
    return xs[i] + sum_from(xs, i + 1)


def total_recursive(xs: list[int]) -> int:
    return sum_from(xs, 0)


def tribonacci_memo(n: int, memo: dict[int, int] | None = None) -> int:
    if memo is None:
        memo = {0: 0, 1: 0, 2: 1}
    if n not in memo:
        memo[n] = tribonacci_memo(n - 1, memo) + tribonacci_memo(n - 2, memo) + tribonacci_memo(n - 3, memo)
    return memo[n]

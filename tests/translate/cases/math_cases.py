"""The math module: domain errors, floor/ceil returning ints, constants, log bases."""

import math
from math import floor, sqrt


def sqrt_of(x: float) -> float:
    return math.sqrt(x)


def sqrt_of_int(n: int) -> float:
    return sqrt(n)


def log_of(x: float) -> float:
    return math.log(x)


def log_of_int(n: int) -> float:
    return math.log(n)


def log_base(x: float, base: float) -> float:
    return math.log(x, base)


def log2_of(x: float) -> float:
    return math.log2(x)


def log10_of(x: float) -> float:
    return math.log10(x)


def exp_of(x: float) -> float:
    return math.exp(x)


def floor_of(x: float) -> int:
    return math.floor(x)


def ceil_of(x: float) -> int:
    return math.ceil(x)


def floor_of_int(n: int) -> int:
    return floor(n)


def trunc_of(x: float) -> int:
    return math.trunc(x)


def circle_area(r: float) -> float:
    return math.pi * r * r


def constants() -> float:
    return math.tau + math.e - math.pi


def infinity_minus(x: float) -> float:
    return math.inf - x


def is_nan(x: float) -> bool:
    return math.isnan(x)


def is_finite_sum(x: float, y: float) -> bool:
    return math.isfinite(x + y)


def hypot_of(x: float, y: float) -> float:
    return math.hypot(x, y)


def atan2_of(y: float, x: float) -> float:
    return math.atan2(y, x)


def fmod_of(x: float, y: float) -> float:
    return math.fmod(x, y)


def math_pow(x: float, y: float) -> float:
    return math.pow(x, y)


def trig(x: float) -> float:
    return math.sin(x) * math.cos(x) + math.tan(x)


def inverse_trig(x: float) -> float:
    return math.asin(x) + math.acos(x)


def gcd_of(a: int, b: int) -> int:
    return math.gcd(a, b)


def factorial_of(n: int) -> int:
    return math.factorial(n)


def degrees_of(x: float) -> float:
    return math.degrees(x) + math.radians(x)


def copysign_of(x: float, y: float) -> float:
    return math.copysign(x, y)


def norm2(x: float, y: float) -> float:
    return math.sqrt(x * x + y * y)

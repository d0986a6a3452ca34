"""Module-level numeric constants."""

import math

SCALE = 2.5
OFFSET = 10
EPS = 1e-9
FLAG = True
NEGATIVE = -3
LARGE = 4611686018427387904
TINY = 5e-324


def scale(x: float) -> float:
    return x * SCALE + OFFSET


def near_zero(x: float) -> bool:
    return abs(x) < EPS


def add_large(n: int) -> int:
    return n + LARGE


def with_flag(a: int) -> int:
    return a * 2 if FLAG else a


def times_negative(xs: list[int]) -> list[int]:
    return [x * NEGATIVE for x in xs]


def tiny_half() -> float:
    return TINY / 2


def circle(r: float) -> float:
    return 2 * math.pi * r + OFFSET


def with_constant_defaults(x: float, k: float = SCALE, *, shift: int = NEGATIVE):
    return x * k + shift


def calls_with_constant_default(x: float):
    return with_constant_defaults(x) + with_constant_defaults(x, 1.0, shift=OFFSET)

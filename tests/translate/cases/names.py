"""Parameter and function names as people write them: Rust keywords, the PyO3 wrapper's
own names (`py`, `__args`, `x_foo` beside `foo`), non-ASCII identifiers."""


def weigh(type: int, match: float, py: float, x_foo: float, foo: float) -> float:
    return type * match + py - x_foo * foo


def internals(__args: int, __r: int, __a0: int, __x1: int, *, ref: int = 2, move: float = 1.5) -> float:
    return (__args + __r * __a0 - __x1) * ref + move


def café(crème: float, brûlée: list[float]) -> float:
    total = crème
    for x in brûlée:
        total += x
    return total


def keywords(fn: list[int], mod: int, true: int, impl: int, loop: int, gen: int) -> int:
    s = 0
    for v in fn:
        s += v * mod + true - impl + loop * gen
    return s


def calls_café(xs: list[float]) -> float:
    return café(1.0, xs) + weigh(1, 2.0, 3.0, 4.0, 5.0)

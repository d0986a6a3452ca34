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


def every_keyword_a(abstract: int, become: int, box: int, const: int, do: int, dyn: int, enum: int, extern: int, false: int, final: int, fn: int, gen: int, impl: int, let: int, loop: int, macro: int, match: int) -> int:
    return abstract * 1 + become * 2 + box * 3 + const * 4 + do * 5 + dyn * 6 + enum * 7 + extern * 8 + false * 9 + final * 10 + fn * 11 + gen * 12 + impl * 13 + let * 14 + loop * 15 + macro * 16 + match * 17


def every_keyword_b(mod: int, move: int, mut: int, override: int, priv: int, pub: int, ref: int, static: int, struct: int, trait: int, true: int, type: int, typeof: int, unsafe: int, unsized: int, use: int, virtual: int, where: int) -> int:
    return mod * 1 + move * 2 + mut * 3 + override * 4 + priv * 5 + pub * 6 + ref * 7 + static * 8 + struct * 9 + trait * 10 + true * 11 + type * 12 + typeof * 13 + unsafe * 14 + unsized * 15 + use * 16 + virtual * 17 + where * 18

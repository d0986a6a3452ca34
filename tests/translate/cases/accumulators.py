"""Accumulators that start as int 0 and may become floats (CPython returns int 0
for an empty loop). Some parameters are unannotated: the selection's `types`
override gives their types."""


def scaled_sum(xs):
    s = 0
    for x in xs:
        s += x * 0.5
    return s


def halves_sum(xs: list[int]):
    s = 0
    for x in xs:
        s += x / 2
    return s


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs)


def count_positive(xs) -> int:
    n = 0
    for x in xs:
        if x > 0:
            n += 1
    return n


def product(xs: list[int]) -> int:
    p = 1
    for x in xs:
        p *= x
    return p


def running_max(xs: list[float]) -> list[float]:
    out = []
    best = -1e308
    for x in xs:
        if x > best:
            best = x
        out.append(best)
    return out


def weighted_sum(xs, ws):
    s = 0
    for x, w in zip(xs, ws):
        s += x * w
    return s


def odd_even_mix(xs: list[int], scale: float):
    total = 0
    for x in xs:
        if x % 2:
            total += x
        else:
            total += x * scale
    return total


def prefix_sums(xs: list[int]) -> list[int]:
    out = []
    s = 0
    for x in xs:
        s += x
        out.append(s)
    return out


def float_then_int(n: int):
    acc = 0.0
    for i in range(n):
        acc += i
    return acc


def maybe_float(flag: bool, n: int):
    v = n
    if flag:
        v = n * 1.5
    return v

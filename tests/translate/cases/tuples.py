"""Tuples: returned, unpacked, swapped, as list items."""


def min_and_max(xs: list[float]) -> tuple[float, float]:
    return min(xs), max(xs)


def swap(a: int, b: int) -> tuple[int, int]:
    a, b = b, a
    return a, b


def rotate(a: float, b: float, c: float) -> tuple[float, float, float]:
    a, b, c = b, c, a
    return (a, b, c)


def unpack_pair(p: tuple[int, int]) -> int:
    x, y = p
    return x * 10 + y


def fib_iter(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def pair_products(ps: list[tuple[int, int]]) -> int:
    s = 0
    for a, b in ps:
        s += a * b
    return s


def make_pairs(xs: list[int]) -> list[tuple[int, int]]:
    return [(x, x * x) for x in xs]


def tuple_ends(t: tuple[float, float, float]) -> float:
    return t[0] + t[-1]


def divmod_unpacked(a: int, b: int) -> int:
    q, r = divmod(a, b)
    return q * 10 + r


def in_tuple(x: int) -> bool:
    return x in (1, 2, 3)


def enumerate_pairs(ps: list[tuple[float, float]]) -> float:
    total = 0.0
    for i, (x, y) in enumerate(ps):
        total += i * x - y
    return total


def argmax(xs: list[float]) -> int:
    best_i, best = 0, xs[0]
    for i, x in enumerate(xs):
        if x > best:
            best_i, best = i, x
    return best_i


def mixed_tuple(n: int) -> tuple[int, float, bool]:
    return n, n / 4, n > 0


def chain_assign(n: int) -> int:
    a = b = n
    a += 1
    return a * b


def split_signs(xs: list[float]) -> tuple[list[float], list[float]]:
    pos = [x for x in xs if x > 0]
    neg = [x for x in xs if x < 0]
    return pos, neg


def add_pair(ps: list[tuple[int, int]], a: int) -> int:
    ps.append((a, -a))
    return len(ps)

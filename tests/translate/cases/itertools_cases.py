"""itertools: product, combinations, combinations_with_replacement, permutations (a literal r
up to 3) and pairwise consumed by `for` loops and comprehensions over native lists run as
native loops (CPython's order, pools snapshot when called); the other functions, and
itertools objects kept or passed on, are the real itertools objects (object tier)."""

import itertools
from itertools import (
    accumulate, chain, combinations, combinations_with_replacement, count, groupby, islice, pairwise, permutations,
    product, repeat,
)


def product_pairs(xs: list[int], ys: list[str]) -> list[tuple[int, str]]:
    return [p for p in product(xs, ys)]


def product_repeat_count(xs: list[int]) -> int:
    n = 0
    for a, b, c in product(xs, repeat=3):
        if a < b < c:
            n += 1
    return n


def product_module_attribute(xs: list[float]) -> float:
    best = 0.0
    for a, b in itertools.product(xs, xs):
        if a - b > best:
            best = a - b
    return best


def product_break(xs: list[int], limit: int) -> list[tuple[int, int]]:
    out = []
    for a, b in product(xs, repeat=2):
        if a == limit:
            break
        if a == b:
            continue
        out.append((a, b))
    else:
        out.append((-1, -1))
    return out


def product_snapshot(xs: list[int]) -> list[int]:
    out = []
    for a, b in product(xs, xs):
        if len(xs) < 40:
            xs.append(a)
        out.append(b)
    return out


def combinations_of_two(xs: list[int]) -> list[tuple[int, int]]:
    return [(a, b) for a, b in combinations(xs, 2)]


def combinations_of_three(s: str) -> list[str]:
    return ["".join(t) for t in combinations(s, 3)]


def close_pairs(xs: list[float], eps: float) -> int:
    return sum(1 for a, b in combinations(xs, 2) if abs(a - b) < eps)


def with_replacement(xs: list[int]) -> list[tuple[int, int]]:
    return list((a, b) for a, b in combinations_with_replacement(xs, 2))


def permutations_of_two(xs: list[int]) -> list[tuple[int, int]]:
    out = []
    for p in permutations(xs, 2):
        out.append(p)
    return out


def permutations_of_three(s: str) -> list[str]:
    return [a + b + c for a, b, c in permutations(s, 3)]


def pairwise_gaps(xs: list[float]) -> list[float]:
    return [b - a for a, b in pairwise(xs)]


def pairwise_rising(xs: list[int]) -> int:
    n = 0
    for a, b in pairwise(xs):
        if b > a:
            n += 1
    return n


def pairwise_growing(xs: list[int]) -> list[tuple[int, int]]:
    out = []
    for a, b in pairwise(xs):
        if len(xs) < 12:
            xs.append(b % 7)
        out.append((a, b))
    return out


def permutations_all(xs: list[int]) -> list[tuple[int, ...]]:
    return list(permutations(xs[:5]))


def combinations_variable_r(xs: list[int], r: int) -> int:
    n = 0
    for c in combinations(xs[:8], r % 4):
        n += len(c)
    return n


def chained(xs: list[int], ys: list[int]) -> list[int]:
    return [v for v in chain(xs, ys)]


def chained_from_iterable(rows: list[list[int]]) -> list[int]:
    return list(chain.from_iterable(rows))


def running_totals(xs: list[int]) -> list[int]:
    return list(accumulate(xs))


def running_max(xs: list[float]) -> list[float]:
    return list(accumulate(xs, max, initial=0.0))


def sliced(xs: list[int], n: int) -> list[int]:
    return list(islice(xs, 1, n % 12, 2))


def runs(s: str) -> list[tuple[str, int]]:
    return [(k, len(list(g))) for k, g in groupby(s)]


def grouped_by_parity(xs: list[int]) -> list[tuple[bool, list[int]]]:
    return [(k, list(g)) for k, g in groupby(xs, key=_even)]


def _even(x):
    return x % 2 == 0


def counted(xs: list[str]) -> list[tuple[int, str]]:
    return list(zip(count(10, 5), xs))


def repeated(x: int, n: int) -> list[int]:
    return list(repeat(x, n % 20))


def product_kept(xs: list[int]):
    p = product(xs, repeat=2)
    first = next(p, None)
    return first, list(p)


def product_of_objects(rows: list[list[int]]) -> int:
    n = 0
    for a, b in product(*rows[:3]):
        n += 1
    return n


def chain_loop(xs: list[int], ys: list[int]) -> list[int]:
    out = []
    for v in chain(xs, ys, xs):
        if v == 7:
            break
        if len(ys) < 6:
            ys.append(v % 5)
        out.append(v)
    return out


def chain_of_strs(a: str, b: str) -> int:
    return sum(1 for c in chain(a, b) if c in "0123456789")


def chain_mixed_types(xs: list[int], ys: list[float]) -> list[float]:
    return [v * 1.5 for v in chain(xs, ys)]


def numbered_pairs(xs: list[int], start: int) -> list[tuple[int, int, int]]:
    out = []
    for i, (a, b) in enumerate(pairwise(xs), start % 100):
        if b < a:
            continue
        out.append((i, a, b))
    return out


def numbered_products(xs: list[str]) -> list[tuple[int, str]]:
    return [(i, a + b) for i, (a, b) in enumerate(product(xs[:5], repeat=2)) if i % 3 == 0]


def numbered_mapped(xs: list[int]) -> list[tuple[int, int]]:
    return [(i, v) for i, v in enumerate(map(lambda x: x % 10, xs))]


def consumed_itertools(xs: list[int], s: str):
    return (list(pairwise(xs)), sum(a % 100 * (b % 100) % 7 for a, b in combinations(xs[:10], 2)),
            len(list(product(xs[:6], repeat=2))), ",".join(chain(s, "xyz")))


def sorted_permutations(s: str) -> list[tuple[str, str]]:
    return sorted(permutations(s[:4], 2))


def folded_with_lambda(xs: list[int]) -> list[int]:
    out = []
    for v in itertools.accumulate(xs, lambda a, b: a % 1000 * 2 + b % 1000, initial=1):
        if v > 5000:
            break
        out.append(v)
    return out


def prefixes(words: list[str]) -> list[str]:
    return list(accumulate(words))


def running_min_of_floats(xs: list[float]) -> list[float]:
    return [round(v, 3) for v in accumulate(xs, min)]


def accumulate_of_objects(rows: list[list[int]]) -> list[list[int]]:
    return list(accumulate(rows[:4]))


def accumulate_of_helper(xs: list[int]) -> list[int]:
    return list(accumulate(xs, _smaller))


def _smaller(a, b):
    return a if a < b else b


def islice_steps(xs: list[int]) -> tuple[list[int], list[int], list[int], list[int]]:
    return ([x for x in islice(xs, 2, None, 3)], list(islice(xs, 4)), list(islice(xs, 3, 1)),
            [x for x in islice(xs, 1, 9, 2)])


def islice_live(xs: list[int]) -> list[int]:
    out = []
    for x in islice(xs, 1, 20, 2):
        if len(xs) < 15:
            xs.append(x % 7)
        out.append(x)
    return out


def islice_bad_step(xs: list[int]) -> list[int]:
    return list(islice(xs, 0, 5, 0))

"""heapq on native lists: CPython's sift order (ties, NaN), nlargest/nsmallest with and
without key, and the module imported both ways."""

import heapq
from heapq import heappop, heappush


def heap_sort(xs: list[float]) -> list[float]:
    h: list[float] = []
    for x in xs:
        heapq.heappush(h, x)
    return [heapq.heappop(h) for _ in range(len(xs))]


def heap_after_pushes(xs: list[int]) -> list[int]:
    h = []
    for x in xs:
        heappush(h, x)
    return h


def heapify_in_place(xs: list[float]) -> list[float]:
    heapq.heapify(xs)
    return xs[:]


def pairs_in_order(keys: list[int], values: list[str]) -> list[tuple[int, str]]:
    h: list[tuple[int, str]] = []
    for k, v in zip(keys, values):
        heappush(h, (k, v))
    out = []
    while h:
        out.append(heappop(h))
    return out


def float_pairs(ds: list[float]) -> list[tuple[float, int]]:
    h = []
    for i, d in enumerate(ds):
        heapq.heappush(h, (d, i % 3))
    return [heapq.heappop(h) for _ in range(len(h))]


def pop_empty(xs: list[int]) -> int:
    h = list(xs)
    heapq.heapify(h)
    total = 0
    for _ in range(3):
        total += heapq.heappop(h)
    return total


def push_pop_replace(xs: list[int], y: int) -> tuple[int, int, list[int]]:
    h = sorted(xs)
    a = heapq.heappushpop(h, y)
    b = heapq.heapreplace(h, y + 1)
    return a, b, h


def k_largest(xs: list[float], k: int) -> list[float]:
    return heapq.nlargest(k, xs)


def k_smallest(xs: list[int], k: int) -> list[int]:
    return heapq.nsmallest(k, xs)


def k_largest_by_abs(xs: list[int], k: int) -> list[int]:
    return heapq.nlargest(k, xs, key=lambda x: abs(x))


def k_smallest_words(words: list[str], k: int) -> list[str]:
    return heapq.nsmallest(k, words, key=lambda w: (len(w), w[:1]))


def farthest(dist: dict[int, float], k: int) -> list[tuple[int, float]]:
    return heapq.nlargest(k, dist.items(), key=lambda item: item[1])


def running_median(xs: list[int]) -> list[float]:
    low: list[int] = []
    high: list[int] = []
    out = []
    for x in xs:
        if low and x > -low[0]:
            heapq.heappush(high, x)
        else:
            heapq.heappush(low, -x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        if len(low) == len(high):
            out.append((high[0] - low[0]) / 2)
        else:
            out.append(float(-low[0]))
    return out


def merge_sorted(runs: list[list[int]]) -> list[int]:
    h = []
    for i, run in enumerate(runs):
        if run:
            heapq.heappush(h, (run[0], i, 0))
    out = []
    while h:
        v, i, j = heapq.heappop(h)
        out.append(v)
        if j + 1 < len(runs[i]):
            heapq.heappush(h, (runs[i][j + 1], i, j + 1))
    return out

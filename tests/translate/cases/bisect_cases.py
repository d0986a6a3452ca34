"""bisect on native lists: lo/hi bounds, ties, insort in place, both import forms."""

import bisect
from bisect import bisect_left, insort


def left_and_right(xs: list[int], x: int) -> tuple[int, int, int]:
    a = sorted(xs)
    return bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x)


def bounded(xs: list[float], x: float, lo: int, hi: int) -> int:
    return bisect_left(xs, x, lo, hi)


def bounded_keywords(xs: list[int], x: int, lo: int) -> int:
    return bisect.bisect_right(xs, x, lo=lo)


def insorted(xs: list[int]) -> list[int]:
    out: list[int] = []
    for x in xs:
        insort(out, x)
    return out


def insorted_left_pairs(keys: list[int]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for i, k in enumerate(keys):
        bisect.insort_left(out, (k, i % 2))
    return out


def insort_in_argument(xs: list[float], x: float) -> None:
    bisect.insort_right(xs, x)


def grade(scores: list[float]) -> list[str]:
    breakpoints = [60.0, 70.0, 80.0, 90.0]
    grades = "FDCBA"
    return [grades[bisect.bisect(breakpoints, s)] for s in scores]


def words_before(words: list[str], w: str) -> int:
    return bisect.bisect_left(sorted(words), w)


def keyed_left(records: list[tuple[str, int]], x: int, lo: int) -> int:
    return bisect.bisect_left(records, x, lo, key=lambda r: r[1])


def keyed_right(words: list[str], n: int) -> int:
    return bisect.bisect_right(words, n, key=len)


def keyed_insort(records: list[tuple[str, int]], name: str, score: int) -> list[tuple[str, int]]:
    out = sorted(records, key=lambda r: r[1])
    bisect.insort(out, (name, score), key=lambda r: r[1])
    bisect.insort_left(out, (name, score - 1), key=lambda r: r[1])
    return out

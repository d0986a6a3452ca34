"""Keyed sorts of list variables read in place: a key parameter named like the list, a
list filled by appends before it is sorted or ranked."""

import heapq


def shadowed(x: list[int]) -> list[int]:
    return sorted(x, key=lambda x: -x)


def ranked_after_appends(xs: list[float], k: int) -> list[tuple[float, int]]:
    totals = []
    for i, x in enumerate(xs):
        totals.append((x * 2, i))
    best = heapq.nlargest(k, totals)
    totals.append((0.0, -1))
    return best + sorted(totals, key=lambda t: t[1])

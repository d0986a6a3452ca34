"""sorted/min/max with any key (builtins, str.lower, module functions), min/max with
default=, sum with start=."""


def by_length(words: list[str]) -> list[str]:
    return sorted(words, key=len)


def longest(words: list[str]) -> str:
    return max(words, key=len)


def by_abs(xs: list[int]) -> list[int]:
    return sorted(xs, key=abs, reverse=True)


def closest_to_zero(xs: list[float]) -> float:
    return min(xs, key=abs)


def case_insensitive(words: list[str]) -> list[str]:
    return sorted(words, key=str.lower)


def _score(p: tuple[int, int]) -> int:
    return p[0] * 2 - p[1]


def best_pair(pairs: list[tuple[int, int]]) -> tuple[int, int]:
    return max(pairs, key=_score)


def ranked(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(pairs, key=_score)


def max_or_default(xs: list[int]) -> int:
    return max(xs, default=-1)


def min_or_none(xs: list[float]) -> float | None:
    return min(xs, default=None)


def shortest_or_empty(words: list[str]) -> str:
    return min(words, key=len, default="")


def max_of_dict_or_zero(d: dict[str, int]) -> int:
    return max(d.values(), default=0)


def total_from(xs: list[float], start: float) -> float:
    return sum(xs, start)


def total_keyword(xs: list[int]) -> int:
    return sum(xs, start=10)


def lengths_total(words: list[str]) -> int:
    return sum((len(w) for w in words), start=0)


def by_scaled(xs: list[float], k: int) -> list[float]:
    ys = [x if x > 0 else k for x in xs]
    return sorted(ys, key=lambda y: y * 2)


def mixed_extreme(xs: list[int], w: float) -> int:
    return max(xs, key=lambda x: x * w if x % 2 else x)

"""Functions annotated the way library code often is: `Any`, `object`, abstract
collection types, bare `dict`/`list`, quoted names. The annotations say little; the
calls the program makes say what the values are."""

from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple


def mean(values: Any) -> float:
    return sum(values) / len(values)


def dot(a: Sequence[float], b: Sequence[float]) -> float:
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total


def total_count(xs: Iterable[int]) -> int:
    total = int()
    for x in xs:
        total += x
    return total


def span(values: Tuple[int, ...]) -> int:
    return max(values) - min(values)


def apply_all(f: Callable[[float], float], xs: List[float]) -> List[float]:
    return [f(x) for x in xs]


def shout(word: 'str') -> 'str':
    return word.upper() + "!"


def merge_counts(a: dict, b: dict) -> dict:
    out = {}
    for k, v in a.items():
        out[k] = v
    for k, v in b.items():
        out[k] = out.get(k, 0) + v
    return out


def scale_or_default(x: Optional[object], k: float) -> float:
    if x is None:
        return k
    return x * k


def normalize(row: list) -> list:
    s = sum(row)
    if s == 0:
        return row[:]
    return [v / s for v in row]


def clamp_all(xs: Sequence[Any], lo: Any, hi: Any) -> List[Any]:
    return [min(max(x, lo), hi) for x in xs]


def weighted(pairs: 'List[Tuple[float, float]]') -> float:
    num = 0.0
    den = 0.0
    for value, weight in pairs:
        num += value * weight
        den += weight
    return num / den if den else 0.0


def index_words(words: Iterable[str]) -> Dict[str, int]:
    index: Dict[str, int] = {}
    for w in words:
        if w not in index:
            index[w] = len(index)
    return index


def describe(x: object) -> str:
    return "negative" if x < 0 else "zero" if x == 0 else "positive"


def _square(v):
    return v * v


def workload():
    import random

    rng = random.Random(5)
    xs = [rng.random() for _ in range(200)]
    for _ in range(50):
        mean(xs)
        dot(xs, xs)
        total_count([rng.randint(0, 100) for _ in range(50)])
        span(tuple(rng.randint(-50, 50) for _ in range(20)))
        apply_all(_square, xs[:20])
        shout("hello")
        merge_counts({"a": 1, "b": 2}, {"b": 3, "c": 4})
        scale_or_default(2.5, 3.0)
        scale_or_default(None, 3.0)
        normalize(xs[:10])
        clamp_all(xs[:30], 0.2, 0.8)
        weighted([(rng.random(), rng.random()) for _ in range(10)])
        index_words("the cat and the dog and the bird".split())
        describe(rng.uniform(-1, 1))


if __name__ == "__main__":
    workload()

"""Behaviour cases: annotations that say little (`Any`, `object`, abstract collections,
bare containers, quoted names), with the types a profile observed (case_support.OBSERVED):
the observed types decide where the annotation is abstract."""

from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple


def mean_of_any(values: Any) -> float:
    return sum(values) / len(values) if values else 0.0


def dot_of_sequences(a: Sequence[float], b: Sequence[float]) -> float:
    total = 0.0
    for i in range(min(len(a), len(b))):
        total += a[i] * b[i]
    return total


def total_of_iterable(xs: Iterable[int]) -> int:
    total = 0
    for x in xs:
        if x > 0:
            total += x
    return total


def span_of_tuple(values: Tuple[int, ...]) -> int:
    return max(values) - min(values)


def normalized_bare_list(row: list) -> list:
    s = sum(row)
    if s == 0:
        return row[:]
    return [v / s for v in row]


def merged_bare_dicts(a: dict, b: dict) -> dict:
    out = {}
    for k in a:
        out[k] = a[k]
    for k in b:
        out[k] = out.get(k, -1) - b[k]
    return out


def scaled_optional_object(x: Optional[object], k: float) -> float:
    if x is None:
        return k
    return x * k + 1.0


def sign_of_object(x: object) -> str:
    return "negative" if x < 0 else "zero" if x == 0 else "positive"


def halves_of_float(x: float) -> float:
    return x / 2 + x // 2


def values_of_any_dict(d: Dict[str, Any]) -> float:
    total = 0.0
    for v in d.values():
        total += v
    return total


def firsts_of_any_list(rows: List[Any]) -> List[int]:
    return [row[0] for row in rows if row]


def untyped_count(xs, word):
    n = 0
    for x in xs:
        if x == word:
            n += 1
    return n


def quoted(word: 'str', n: 'int') -> 'str':
    return word[:n] + "!"


def quoted_generic(pairs: 'List[Tuple[float, float]]') -> 'Tuple[float, float]':
    low = high = 0.0
    for a, b in pairs:
        low = min(low, a, b)
        high = max(high, a, b)
    return low, high

"""Behaviour cases: None values, `T | None` parameters and results, `is None` tests."""


def first_negative(xs: list[int]) -> int | None:
    for x in xs:
        if x < 0:
            return x
    return None


def find_index(xs: list[float], target: float) -> int | None:
    for i in range(len(xs)):
        if xs[i] == target:
            return i
    return None


def or_default(x: int | None, d: int) -> int:
    if x is None:
        return d
    return x * 2


def add_if_present(x: float | None, y: float) -> float:
    if x is not None:
        return x + y
    return y


def best_pair(pairs: list[tuple[int, int]]) -> tuple[int, int] | None:
    best = None
    best_score = -1
    for p in pairs:
        score = p[0] * 3 + p[1]
        if score > best_score:
            best = p
            best_score = score
    return best


def count_nones(x: int | None, y: int | None) -> int:
    n = 0
    if x is None:
        n += 1
    if y is not None:
        n += y
    return n


def maybe_lookup(d: dict[int, int], k: int) -> int:
    v = d.get(k)
    if v is None:
        return -1
    return v + 1


def merges_until(counts: dict[tuple[int, int], int], limit: int) -> list[tuple[int, int]]:
    merges = []
    for step in range(3):
        best = None
        best_count = limit
        for pair, count in counts.items():
            if count > best_count:
                best = pair
                best_count = count
        if best is None:
            break
        merges.append(best)
        counts[best] = 0
    return merges


def scaled(x: float, factor: float | None = None) -> float:
    if factor is None:
        return x
    return x * factor


def scaled_twice(x: float) -> float:
    return scaled(x) + scaled(x, 2.0)


def maybe_sorted(xs: list[int], limit: int | None) -> list[int]:
    out = sorted(xs, key=lambda v: -v)
    if limit is not None and limit >= 0:
        return out[:limit]
    return out


def truthy_optional_str(x: str | None) -> bool:
    if x:
        return True
    return False


def truthy_optional_list(x: list[int] | None) -> bool:
    return bool(x)


def pairs_table() -> dict[tuple[int, int], int]:
    return {(0, 0): 1}


def extend_table(n: int) -> int:
    d = pairs_table()
    d[(n, n)] = 2
    return len(d) + d[(0, 0)]

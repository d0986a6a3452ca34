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


# ---- narrowing through boolean operators, branches that leave, assert, isinstance


def lowest_first_item(pairs: list[tuple[int, int]], x: int) -> tuple[int, int] | None:
    best = None
    for p in pairs:
        if p[0] <= x and (best is None or p[0] > best[0]):
            best = p
    return best


def first_drop(xs: list[float]) -> float | None:
    last = None
    for x in xs:
        if last is not None and x < last:
            return last - x
        last = x
    return None


def skip_missing(d: dict[int, int], keys: list[int]) -> int:
    total = 0
    for k in keys:
        v = d.get(k)
        if v is None:
            continue
        total += v
    return total


def not_none_by_negation(x: int | None, y: int) -> int:
    if not (x is None):
        return x + y
    if not x is not None:
        return y
    return -1


def leaves_by_raise(x: float | None) -> float:
    if x is None or x < 0:
        raise ValueError("need a non-negative number")
    return x * 2.0


def asserted(d: dict[int, int], k: int) -> int:
    v = d.get(k)
    assert v is not None, "missing key"
    return v + 1


def by_isinstance(x: int | None) -> int:
    if isinstance(x, int):
        return x * 3
    return 0


def by_truth(x: int | None) -> int:
    if x:
        return x - 1
    return 7


def conditional_value(x: float | None, k: float) -> float:
    return k if x is None else x * k + 1.0


def boolean_value(x: int | None) -> bool:
    return x is not None and x > 3


def present_doubled(d: dict[int, int], keys: list[int]) -> list[int]:
    return [v * 2 for v in [d.get(k) for k in keys] if v is not None]


def chain_length(nxt: dict[int, int], start: int) -> int:
    node = nxt.get(start)
    n = 0
    while node is not None and n < 100:
        n += 1
        node = nxt.get(node)
    return n


def default_filled(x: int | None, d: int) -> int:
    if x is None:
        x = d
    return x * 2


def narrowing_ends_with_the_loop(d: dict[int, int], keys: list[int]) -> int:
    v = d.get(-1)
    for k in keys:
        if v is None:
            v = d.get(k)
            continue
        v = v + k
    if v is None:
        return -1
    return v


def narrowing_undone_in_a_branch(d: dict[int, int], k: int, flag: bool) -> int:
    v = d.get(k)
    if v is None:
        return 0
    if flag:
        v = d.get(k + 1)
    if v is None:
        return -1
    return v


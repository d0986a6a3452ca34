"""Functions the native tier cannot make exact (a list argument changed in place and also
returned, nested lists changed in place, one list passed for two parameters, set order,
views kept): their container arguments are the caller's objects themselves (the object
tier), so they translate, and are compared with CPython like every case."""


def _pairs_of(xs):
    for x in xs:
        yield x, x


def _double_into(dst: list[float], src: list[float]) -> None:
    for i in range(len(src)):
        dst[i] += src[i]


def calls_generator_with_a_list(xs: list[int]) -> int:
    return len(list(_pairs_of(xs)))


def attribute_of_value(xs: list[float]) -> float:
    return xs.real


def mutate_inner(m: list[list[float]]) -> None:
    m[0][0] = 1.0


def returns_argument(xs: list[int]) -> list[int]:
    xs.append(1)
    return xs


def returns_inner_list(m: list[list[float]]) -> list[float]:
    row = m[0]
    return row


def returns_dict_argument(stats: dict[str, int], words: list[str]) -> dict[str, int]:
    for w in words:
        stats[w] = stats.get(w, 0) + 1
    return stats


def returns_argument_in_tuple(xs: list[int]) -> tuple[list[int], int]:
    return xs, len(xs)


def returns_optional_value(groups: dict[int, list[int]], key: int) -> list[int] | None:
    return groups.get(key)


def helper_twice(xs: list[float]) -> None:
    _double_into(xs, xs)


def keys_view(d: dict[int, int]) -> int:
    ks = d.keys()
    return len(ks)


def grow_set(s: set[int], x: int) -> None:
    s.add(x)


def set_after_discard(xs: list[int]) -> set[int]:
    s = set(xs)
    s.discard(1)
    return s


def five_items(a: int) -> tuple[int, int, int, int, int]:
    return a, a, a, a, a


def reversed_kept(xs: list[int]):
    r = reversed(xs)
    return list(r)


def fstring_format_spec(x: float) -> str:
    return f"{x:.2f}"


def returns_found_list(groups: dict[str, list[int]], key: str) -> list[int]:
    return groups.get(key, [])


def add_row(m: list[list[float]]) -> None:
    m.append([0.0])


def float_keys(xs: list[float]) -> int:
    d = {}
    for x in xs:
        d[x] = 1
    return len(d)


def percent_format(x: float, n: int) -> str:
    return "%.3f|%5d|%s" % (x, n, x)


def string_percent_format(x: int) -> str:
    return "%d items" % x


def returns_sliced_rows(rows: list[list[float]]) -> list[list[float]]:
    return rows[1:]


def calls_generator_on_a_local(n: int) -> int:
    xs = [n, n + 1]
    return len(list(_pairs_of(xs)))


def same_row_under_every_key(keys: list[int]) -> dict[int, list[int]]:
    row = [0, 0]
    out: dict[int, list[int]] = {}
    for k in keys:
        out[k] = row
    return out


def alias_then_mutate(xs: list[int]) -> int:
    ys = xs
    ys.append(1)  # (the caller's own object, through the object tier)
    return len(xs)


def returns_set_argument(seen: set[int], x: int) -> set[int]:
    return seen if x in seen else set()  # (the caller's own object, through the object tier)


def bound_method_of_a_rebound_list(xs: list[int]):
    """`push` keeps the caller's list after `xs` names a new one (was rejected)."""
    push = xs.append
    xs = [1]
    push(2)
    return xs


def sorted_object_loop(stats: dict[str, int], words: list[str]) -> list[str]:
    for w in words:
        stats[w] = stats.get(w, 0) + 1
    out = []
    for k in sorted(stats):
        out.append(k)
    return out


def sum_of_set(xs: list[int]) -> int:
    t = 0
    for x in set(xs):  # the real set, iterated in CPython's own order
        t += x
    return t

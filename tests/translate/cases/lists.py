"""Lists: indexes, IndexError, methods, `[x] * n`, comprehensions, generator
expressions in reductions, slicing, concatenation, membership."""


def get_item(xs: list[float], i: int) -> float:
    return xs[i]


def last_item(xs: list[int]) -> int:
    return xs[-1]


def first_and_last(xs: list[float]) -> float:
    return xs[0] + xs[-1]


def append_two(xs: list[float], x: float) -> int:
    xs.append(x)
    xs.append(x * 2)
    return len(xs)


def pop_last(xs: list[int]) -> int:
    return xs.pop()


def pop_at(xs: list[int], i: int) -> int:
    return xs.pop(i)


def extend_with(xs: list[int], ys: list[int]) -> None:
    xs.extend(ys)


def insert_at(xs: list[float], i: int, x: float) -> int:
    xs.insert(i, x)
    return len(xs)


def index_of(xs: list[int], x: int) -> int:
    return xs.index(x)


def index_of_float(xs: list[float], x: float) -> int:
    return xs.index(x)


def count_of(xs: list[float], x: float) -> int:
    return xs.count(x)


def copy_then_append(xs: list[int]) -> list[int]:
    ys = xs.copy()
    ys.append(0)
    return ys


def reversed_copy(xs: list[float]) -> list[float]:
    ys = xs.copy()
    ys.reverse()
    return ys


def repeat(x: float, n: int) -> list[float]:
    return [x] * n


def zeros(n: int) -> list[int]:
    return n * [0]


def nested_comprehension(n: int, m: int) -> list[int]:
    return [i * j for i in range(n) for j in range(m) if (i + j) % 2 == 0 if j != 1]


def doubled_positives(xs: list[float]) -> list[float]:
    return [x * 2 for x in xs if x > 0]


def squares_sum(xs: list[float]):
    return sum(x * x for x in xs)


def max_mod(xs: list[int]) -> int:
    return max(x % 7 for x in xs)


def min_abs(xs: list[float]) -> float:
    return min(abs(x) for x in xs)


def any_negative(xs: list[float]) -> bool:
    return any(x < 0 for x in xs)


def all_small(xs: list[int]) -> bool:
    return all(-100 < x < 100 for x in xs)


def any_all_mix(xs: list[int]) -> bool:
    return any(x > 5 for x in xs) and not all(x > 0 for x in xs)


def slice_range(xs: list[int], a: int, b: int) -> list[int]:
    return xs[a:b]


def slice_step(xs: list[float], s: int) -> list[float]:
    return xs[::s]


def slice_tail(xs: list[int]) -> list[int]:
    return xs[-3:]


def slice_all(xs: list[int], a: int, b: int, s: int) -> list[int]:
    return xs[a:b:s]


def concat(xs: list[int], ys: list[int]) -> list[int]:
    return xs + ys


def concat_mixed(xs: list[int], ys: list[float]) -> int:
    zs = xs + [1, 2]
    return len(zs) + len(ys + [0.5])


def contains(xs: list[float], x: float) -> bool:
    return x in xs


def not_contains(xs: list[int], x: int) -> bool:
    return x not in xs


def extend_local(xs: list[int], ys: list[int]) -> list[int]:
    zs = list(xs)
    zs += ys
    return zs


def clear_copy(xs: list[int]) -> int:
    ys = xs.copy()
    ys.clear()
    return len(ys) + len(xs)


def build_with_append(n: int) -> list[float]:
    out = []
    for i in range(n):
        out.append(i / 2)
    return out


def list_equality_by_items(xs: list[int], ys: list[int]) -> bool:
    if len(xs) != len(ys):
        return False
    for i in range(len(xs)):
        if xs[i] != ys[i]:
            return False
    return True


# slices that are only read become views of the list: same items, no copy
def sum_of_window(xs: list[float], a: int, b: int):
    return sum(xs[a:b])


def max_of_tail(xs: list[int], a: int) -> int:
    return max(xs[a:])


def item_of_slice(xs: list[int], a: int, b: int, i: int) -> int:
    return xs[a:b][i]


def length_of_slice(xs: list[float], a: int, b: int) -> int:
    return len(xs[a:b])


def moving_sums(xs: list[float], w: int) -> list[float]:
    out = []
    for i in range(len(xs)):
        start = max(0, i - w + 1)
        out.append(sum(xs[start:i + 1]) / (i + 1 - start))
    return out


def any_in_window(xs: list[int], a: int, b: int) -> bool:
    return any(xs[a:b])


def set_slice(xs: list[int], a: int, b: int, ys: list[int]) -> list[int]:
    out = list(xs)
    out[a:b] = ys
    return out


def set_extended_slice(xs: list[float], s: int, ys: list[float]) -> list[float]:
    out = list(xs)
    out[::s] = ys
    return out


def set_slice_in_place(xs: list[int]) -> None:
    xs[1:3] = [7, 8, 9]


def clear_prefix(xs: list[int], n: int) -> None:
    xs[:n] = []


def reversed_into_new(xs: list[float]):
    ys = list(reversed(xs))
    ys.append(0.5)
    return ys


def doubled_backwards(xs: list[int]):
    return [x * 2 for x in reversed(xs)]


def largest_of_reversed(xs: list[int]):
    return max(reversed(xs))


def unpack_pair(xs: list[int]):
    a, b = xs
    return b - a


def rotate_with_bound_methods(xs: list[int], k: int):
    out = list(xs)
    ins = out.insert
    pop = out.pop
    for _ in range(k):
        if out:
            ins(0, pop())
    return out


def unique_in_order(xs: list[int]):
    seen = set()
    add = seen.add
    out = []
    push = out.append
    for x in xs:
        if x not in seen:
            add(x)
            push(x)
    return out


def last_two(v: list[float]) -> float:
    """Two items of a list of any length: read in place, the rest never looked at."""
    return v[-1] + v[-2]


def bisect_floats(a: list[float], x: float) -> int:
    """Items picked by a computed index (a binary search): read in place."""
    lo, hi = 0, len(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if a[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _peek(ys: list[float], i: int) -> float:
    if not ys:
        return 0.0
    return ys[i % len(ys)]


def peeks(xs: list[float], k: int) -> float:
    """A list read in place passed on to a translated function, and a list of its own lent
    to the same function; then `sum` of the whole of it."""
    local = [1.5, 2.5]
    return _peek(xs, k) + _peek(local, k) + (sum(xs) if k % 2 else 0.0)


def pair_members(pairs: list[tuple[int, str]], p: tuple[int, str], flags: list[bool], f: bool) -> tuple[bool, bool]:
    return p in pairs, f not in flags


def row_members(rows: list[list[int]], row: list[int], word: str) -> tuple[bool, bool]:
    return row in rows, word in row


def float_pair_members(pairs: list[tuple[float, int]], p: tuple[float, int]) -> bool:
    return p in pairs


def same_object(a: float, b: float, flag: bool) -> bool:
    chosen = a if flag else b
    return chosen is a


def identities(n: int, x: float, flag: bool, word: str) -> tuple[bool, bool, bool, bool]:
    return flag is True, n is x, word is not None, flag is not flag


def mirrored_letters(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return letters == letters[::-1]


def equalities(a: list[int], b: list[float], p: tuple[int, int], q: tuple[int, int, int],
               x: int | None, y: int | None) -> tuple[bool, bool, bool, bool, bool, bool]:
    return a == b, p == q, p != (1, 2), x == y, [a] == [b], x != None  # noqa: E711

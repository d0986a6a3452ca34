"""Iterators as values: range, zip (strict=), enumerate(start=), reversed, map, filter,
iter and next with CPython's laziness and exhaustion rules. Kept in a variable, advanced by
next() in one place and a for loop in another, they are the real builtin iterators (object
tier); consumed where they stand over native lists, native loops."""


def zip_kept(xs: list[int], ys: list[str]) -> list[tuple[int, str]]:
    z = zip(xs, ys)
    first = next(z, None)
    out = [] if first is None else [first]
    for pair in z:
        out.append(pair)
    return out


def zip_consumes_first(xs: list[int], ys: list[int]):
    it = iter(xs)
    pairs = list(zip(it, ys))
    return pairs, next(it, "done"), list(it)


def zip_strict(xs: list[int], ys: list[int]) -> list[tuple[int, int]]:
    return list(zip(xs, ys, strict=True))


def zip_strict_loop(xs: list[int], ys: list[int]) -> int:
    n = 0
    for a, b in zip(xs, ys, strict=True):
        n += 1
    return n


def enumerate_kept(xs: list[str], start: int):
    e = enumerate(xs, start=start)
    head = next(e, None)
    return head, list(e)


def reversed_kept(xs: list[int]):
    r = reversed(xs)
    first = next(r, -1)
    rest = [x for x in r]
    return first, rest, next(r, "exhausted")


def range_kept(n: int):
    r = range(0, n % 50, 3)
    return r, len(r), list(r)


def iter_next_then_loop(xs: list[int]) -> int:
    it = iter(xs)
    total = next(it, 0) % 1000
    for x in it:
        total += x % 1000
        if total > 100:
            break
    return total + len(list(it))


def next_without_default(xs: list[int]) -> int:
    it = iter(xs)
    return next(it) + next(it)


def exhausted_stays_exhausted(xs: list[int]):
    it = iter(xs)
    a = list(it)
    xs.append(7)
    return a, list(it)


def map_builtin(xs: list[float]) -> list[float]:
    return list(map(abs, xs))


def map_two_iterables(xs: list[int], ys: list[int]) -> list[int]:
    return list(map(max, xs, ys))


def map_helper(xs: list[int]) -> list[int]:
    return list(map(_double, xs))


def _double(x):
    return x * 2


def map_kept(words: list[str]):
    m = map(len, words)
    return next(m, None), sum(m)


def filter_none(xs: list[int]) -> list[int]:
    return list(filter(None, xs))


def filter_function(words: list[str]) -> list[str]:
    return list(filter(str.isalpha, words))


def _returns_iterator(xs: list[int]):
    return zip(xs, xs[1:])


def real_iterator_types(xs: list[int]):
    z = _returns_iterator(xs)
    e = enumerate(xs)
    r = reversed(xs)
    return type(z).__name__, type(e).__name__, type(r).__name__, list(z), list(e)


def map_lambda(xs: list[int]) -> list[int]:
    return list(map(lambda x: x % 1000 * 2 - 1, xs))


def map_lambda_two(xs: list[float], ys: list[float]) -> float:
    return sum(map(lambda a, b: a * b, xs, ys))


def map_str_joined(xs: list[int]) -> str:
    return ",".join(map(str, xs))


def filter_lambda(words: list[str]) -> list[str]:
    return [w.strip() for w in filter(lambda w: len(w) > 1, words)]


def loop_over_map(xs: list[int]) -> tuple[int, int]:
    x = 100
    t = 0
    for y in map(lambda x: x % 97 + 1, xs):
        if y > 90:
            break
        t += y
    else:
        t = -t
    return t, x


def loop_over_filter(xs: list[int], k: int) -> list[int]:
    out = []
    for y in filter(lambda v: v % 3 == k % 3, xs):
        if y == 0:
            continue
        out.append(y)
    return out


def filter_none_sum(xs: list[float]) -> float:
    return sum(filter(None, xs))


def zip_native_exhaustion(xs: list[int], ys: list[int]):
    z = zip(xs, ys)
    head = next(z, None)
    seen = []
    for a, b in z:
        seen.append(a - b)
        if len(seen) > 3:
            break
    return head, seen, next(z, None), next(z, None)


def reversed_then_grown(xs: list[int]):
    r = reversed(xs)
    first = next(r, None)
    xs.append(99)
    return first, [x for x in r], next(r, -1), xs


def exhausted_then_grown(xs: list[int]):
    it = iter(xs)
    n = 0
    for x in it:
        n += 1
    xs.append(5)
    return n, next(it, -1)


def skip_header(lines: list[str]) -> int:
    it = iter(lines)
    try:
        head = next(it)
    except StopIteration:
        return -1
    n = 0
    for line in it:
        if line == head:
            n += 1
    return n


def pairs_by_next(xs: list[int]) -> list[tuple[int, int]]:
    it = iter(xs)
    out = []
    for a in it:
        b = next(it, -1)
        out.append((a, b))
    return out


def enumerate_from(words: list[str], start: int):
    e = enumerate(words, 10)
    first = next(e, None)
    rest = [(i * 2, w) for i, w in e]
    return first, rest


def chars_iterated(s: str) -> list[str]:
    it = iter(s)
    out = []
    for c in it:
        if c == " ":
            nxt = next(it, "")
            out.append(nxt * 2)
        else:
            out.append(c)
    return out


def drained_iterators(xs: list[int], words: list[str]):
    it = iter(xs)
    first = next(it, 0)
    total = sum(it)
    w = iter(words)
    head = next(w, "")
    return first, total, head, sorted(w, key=len), ",".join(iter(words))


def max_with_default_of_map(xs: list[int]) -> int:
    return max(map(abs, xs), default=-1)


def numbered_rest(words: list[str]) -> list[tuple[int, str]]:
    it = iter(words)
    next(it, None)
    out = []
    for i, w in enumerate(it, 1):
        out.append((i, w))
        if i == 3:
            break
    return out + [(-1, w) for w in it]


def zip_strict_three(xs: list[int], ys: list[int], zs: list[str]) -> list[tuple[int, int, str]]:
    out = []
    for t in zip(xs, ys, zs[:3], strict=True):
        out.append(t)
    else:
        out.append((0, 0, "end"))
    return out


def zip_strict_break(xs: list[float], ys: list[float]) -> float:
    total = 0.0
    for a, b in zip(xs, ys, strict=True):
        if a > b:
            break
        total += a * b
    return total


def _stops_at_three(x):
    if x == 3:
        raise StopIteration
    return x


def map_until_stop(xs: list[int]) -> list[int]:
    return list(map(_stops_at_three, xs))


def loop_until_stop(xs: list[int]) -> int:
    n = 0
    for y in map(_stops_at_three, xs):
        n += 1
    return n


def next_inside_comprehension(xs: list[int]) -> list[int]:
    it = iter(xs)
    return [next(it) for _ in range(3)]


def nearest_by_iterator(xs: list[int]) -> list[int]:
    left = list(range(len(xs[:12])))
    order = []
    while left:
        it = iter(left)
        best = next(it)
        for c in it:
            if xs[c] < xs[best]:
                best = c
        left.remove(best)
        order.append(best)
    return order


def made_each_round(xs: list[int], rounds: int) -> list[int]:
    out = []
    for r in range(rounds % 5):
        it = iter(xs)
        first = next(it, -1)
        for x in it:
            if x % 5 == r:
                first = x
                break
        out.append(first)
        out.append(next(it, -2))
    return out

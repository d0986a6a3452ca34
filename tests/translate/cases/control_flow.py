"""Control flow: loops with else, break/continue, early return, range forms,
enumerate, zip, reversed, chained comparisons, conditional expressions, and/or
returning operands, assert, raise."""


def first_divisor(n: int) -> int:
    d = 2
    while d * d <= n:
        if n % d == 0:
            break
        d += 1
    else:
        return n
    return d


def find_index(xs: list[int], target: int) -> int:
    for i, x in enumerate(xs):
        if x == target:
            break
    else:
        return -1
    return i


def sum_skipping_negatives(xs: list[float]) -> float:
    total = 0.0
    for x in xs:
        if x < 0:
            continue
        total += x
    return total


def first_above(xs: list[float], limit: float) -> int:
    for i in range(len(xs)):
        if xs[i] > limit:
            return i
    return -1


def range_one(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    return s


def range_two(a: int, b: int) -> list[int]:
    out = []
    for i in range(a, b):
        out.append(i)
    return out


def range_three(a: int, b: int, step: int) -> list[int]:
    return [i for i in range(a, b, step)]


def range_countdown(n: int) -> list[int]:
    return [i for i in range(n, -1, -2)]


def enumerate_from(xs: list[float], start: int) -> list[tuple[int, float]]:
    return [(i, x) for i, x in enumerate(xs, start)]


def enumerate_keyword(xs: list[int]) -> int:
    total = 0
    for i, x in enumerate(xs, start=1):
        total += i * x
    return total


def zip_add(xs: list[float], ys: list[float]) -> list[float]:
    return [a + b for a, b in zip(xs, ys)]


def zip_three(xs: list[int], ys: list[int], zs: list[int]) -> int:
    total = 0
    for a, b, c in zip(xs, ys, zs):
        total += a * b - c
    return total


def reversed_list(xs: list[int]) -> list[int]:
    out = []
    for x in reversed(xs):
        out.append(x)
    return out


def reversed_range(n: int) -> list[int]:
    return [i for i in reversed(range(n))]


def reversed_range_step(a: int, b: int, step: int) -> list[int]:
    out = []
    for i in reversed(range(a, b, step)):
        out.append(i)
    return out


def chained_ints(a: int, b: int, c: int) -> bool:
    return a < b <= c


def chained_floats(a: float, b: float, c: float) -> bool:
    return a < b < c != a


def chained_mixed(a: int, x: float, b: int) -> bool:
    return a <= x < b


def conditional(x: float) -> float:
    return x if x > 0 else -x


def and_or_ints(a: int, b: int) -> int:
    return a and b or 7


def or_default(x: float, default: float) -> float:
    return x or default


def and_floats(x: float, y: float) -> float:
    return x and y


def not_value(a: int) -> bool:
    return not a


def assert_positive(x: float) -> float:
    assert x > 0, "x must be positive"
    return x


def assert_not_three(n: int) -> int:
    assert n != 3
    return n


def raise_on_negative(a: int) -> int:
    if a < 0:
        raise ValueError("negative input")
    return a * 2


def raise_index(xs: list[int]) -> int:
    if len(xs) > 3:
        raise IndexError("too long")
    return len(xs)


def nested_break(xs: list[int], ys: list[int]) -> int:
    found = 0
    for x in xs:
        for y in ys:
            if x == y:
                found += 1
                break
            if y > x:
                break
    return found


def while_true(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i * i > n:
            break
    return i


def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def elif_chain(x: float) -> int:
    if x < -1.0:
        return -2
    elif x < 0.0:
        return -1
    elif x == 0.0:
        return 0
    elif x <= 1.0:
        return 1
    else:
        return 2


def pass_and_fall_through(xs: list[int]) -> None:
    for x in xs:
        pass


def last_positive(xs: list[float]) -> float:
    for x in xs:
        if x > 0:
            last = x
    return last


def diffs_with_previous(xs: list[int]) -> list[int]:
    out = []
    for i in range(len(xs)):
        if i > 0:
            out.append(xs[i] - prev)
        prev = xs[i]
    return out


def chained_index(xs: list[int]) -> bool:
    return xs[0] < xs[1] < xs[2]


def first_positive(xs: list[float]) -> bool:
    if xs and xs[0] > 0:
        return True
    return False


def any_condition(xs: list[int], k: int) -> int:
    n = 0
    for x in xs:
        if not x or x > k and x % 2 == 0:
            n += 1
    return n


def while_else(n: int) -> int:
    i = 0
    while i < n:
        if i * i == n:
            break
        i += 1
    else:
        return -1
    return i


def rebind_while_iterating(xs: list[int]) -> int:
    total = 0
    for x in xs:
        total += x
        xs = [0]
    return total + len(xs)


def reversed_full_range(a: int, b: int) -> list[int]:
    out = []
    for i in reversed(range(a, b, b - a if a != b else 1)):
        out.append(i)
    return out


def names_like_temporaries(xs: list[float]) -> float:
    """User names that resemble the translator's own temporaries must stay distinct."""
    k1 = 0.0
    item2 = 1.0
    t_k1 = 2.0
    _k1 = 3.0
    for x in xs:
        k1 += x * item2 + t_k1 - _k1
    return k1


def range_as_list(a: int, b: int, step: int):
    xs = list(range(a, b, step))
    xs.append(len(xs))
    return xs


def range_reductions(n: int):
    return sum(range(n)) + len(range(0, n, 3)) + max(range(-1, n))


def sorted_range(a: int, b: int, step: int):
    return sorted(range(a, b, step), reverse=True)


def squares_of_odds(n: int):
    return [i * i for i in range(n) if i % 2]

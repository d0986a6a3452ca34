"""Generator functions (runtime gen.rs): laziness, exhaustion, `return` values, exceptions
mid-stream, `yield from`, send/throw/close, finally blocks run when the generator is
closed or released, arguments read live. Each returned generator is driven by the
harness (tests/translate/generator_support.py), by next() to its end or by the steps of
`_PROTOCOLS`, and compared with CPython step by step, arguments included."""


def squares(n: int):
    for i in range(n):
        yield i * i


def countdown(n: int):
    while n > 0:
        yield n
        n -= 1
    return "liftoff"


def evens(xs: list[int]):
    for x in xs:
        if x % 2 == 0:
            yield x


def windows(xs: list[float], k: int):
    total = 0.0
    for i in range(len(xs)):
        total += xs[i]
        if i >= k:
            total -= xs[i - k]
        if i + 1 >= k:
            yield total / k
    return len(xs)


def until_negative(xs: list[int]):
    seen = 0
    for x in xs:
        if x < 0:
            raise ValueError(f"negative after {seen} items: {x}")
        seen += 1
        yield x
    return seen


def quotients(xs: list[int], d: int):
    for x in xs:
        yield x // d


def logged(log: list[int], n: int):
    log.append(-1)
    try:
        for i in range(n):
            log.append(i)
            yield i
            log.append(100 + i)
    finally:
        log.append(-2)
    log.append(-3)


def chained(a: list[int], b: list[int]):
    first = yield from a
    second = yield from countdown(len(b))
    yield (first, second)
    return second


def tree_walk(depth: int, prefix: str):
    if depth <= 0:
        yield prefix
        return
    yield from tree_walk(depth - 1, prefix + "L")
    yield from tree_walk(depth - 1, prefix + "R")


def accumulate_sent(start: int):
    total = start
    while True:
        got = yield total
        if got is None:
            return total
        total = total + got


def resilient(log: list[int], n: int):
    i = 0
    while i < n:
        try:
            yield i
        except ValueError:
            log.append(1000 + i)
            yield -1
        finally:
            log.append(i)
        i += 1


def stubborn(log: list[str]):
    try:
        yield 1
    finally:
        log.append("cleanup")
        yield 2


def live_reader(xs: list[int]):
    i = 0
    while i < len(xs):
        yield xs[i]
        i += 1


def reraises_stop(xs: list[int]):
    it = iter(xs)
    while True:
        yield next(it)


_PROTOCOLS = {
    "logged": [("next",), ("next",), ("close",), ("next",), ("close",)],
    "accumulate_sent": [("send", 5), ("next",), ("send", 3), ("send", 4), ("send", None), ("next",)],
    "resilient": [("next",), ("throw", ValueError("boom")), ("next",), ("next",), ("throw", KeyError("k")),
                  ("next",)],
    "stubborn": [("next",), ("close",), ("next",), ("next",)],
    "live_reader": [("next",), ("call", lambda args: args[0].append(99)), ("next",),
                    ("call", lambda args: args[0].clear()), ("next",), ("next",)],
    "chained": [("next",), ("send", 7), ("throw", IndexError("deep")), ("next",)],
}


def logged_dropped(log: list[str], n: int):
    log.append("open")
    try:
        yield from range(n)
    finally:
        log.append("closed")


_PROTOCOLS["logged_dropped"] = [("next",), ("next",), ("drop",)]


def _digits(n: int):
    while n > 0:
        yield n % 10
        n //= 10
    return n


def digit_sum(n: int) -> int:
    """A translated generator consumed by translated code (resumed directly, runtime gen.rs)."""
    total = 0
    for d in _digits(n):
        total += d
    return total


def _leaves(depth: int, prefix: str):
    if depth <= 0:
        yield prefix
        return "leaf"
    got = yield from _leaves(depth - 1, prefix + "0")
    yield got
    yield from _leaves(depth - 1, prefix + "1")


def leaves(depth: int):
    """A translated generator delegating to itself, consumed by another translated one."""
    count = 0
    for leaf in _leaves(depth, ""):
        count += 1
        yield leaf
    return count


def board_columns(n: int, row: int, cols: set[int], rising: set[int]):
    for col in range(n):
        if col not in cols and row + col not in rising:
            yield col


def first_free(n: int, cols: set[int], rising: set[int]) -> int:
    for col in board_columns(n, 0, cols, rising):
        return col
    return -1


def toggled(seen: set[int], xs: list[int]):
    """Sets and lists of the caller, changed between steps (exact-type method fast paths)."""
    for x in xs:
        if x in seen:
            seen.remove(x)
            yield -x
        else:
            seen.add(x)
            yield x
    seen.discard(0)
    yield len(seen)


def drained_stack(stack: list[int], missing: set[int], k: int):
    while stack:
        yield stack.pop()
    missing.remove(k)
    yield stack.pop()


def powers(base: int, count: int):
    """Deopts when a power outgrows 64 bits, after yields: the original replays the steps
    taken (its arguments are ints, its yields statements, it reads nothing else)."""
    p = 1
    for _ in range(count):
        yield p
        p = p * base


def solutions(n: int):
    """Backtracking with the generator's own set and list (all native): the orderings of
    0..n-1 in which neighbours differ by more than one, yielded as they are found."""
    used = set()
    order = []
    value = 0
    while True:
        if len(order) == n:
            yield list(order)
        if len(order) == n or value == n:  # complete, or nothing left to try here: back up
            if not order:
                return
            value = order.pop() + 1
            used.discard(value - 1)
        elif value in used or order and abs(order[-1] - value) <= 1:
            value += 1
        else:
            order.append(value)
            used.add(value)
            value = 0


_PROTOCOLS["powers"] = [("next",)] * 66 + [("send", 3), ("next",), ("close",), ("next",)]


def odd_squares(xs: list[int]):
    """A generator expression returned: a generator, items made as it is consumed."""
    g = (x * x for x in xs if x % 2)
    return g


def offsets(xs: list[int], k: int):
    base = k * 2
    return (x + base for x in xs)


def pairs_after(xs: list[int], ys: list[int]):
    return ((x, y) for x in xs for y in ys if x < y)


def lazy_view(xs: list[int]):
    """The list is read as the generator runs (its iterator made at creation)."""
    return (x + 1 for x in xs)


def first_big(xs: list[int], limit: int) -> int:
    """A generator expression given to a translated generator consumer."""
    return _first(x for x in xs if x > limit)


def _first(items):
    for item in items:
        return item
    return -1


_PROTOCOLS["lazy_view"] = [("next",), ("call", lambda args: args[0].append(41)), ("next",), ("next",),
                           ("call", lambda args: args[0].clear()), ("next",), ("next",)]


class _Recorder:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append(1)
        return self

    def __exit__(self, kind, value, tb):
        self.log.append(2 if kind is None else 3 if kind is GeneratorExit else 4)
        return False


def guarded(log: list[int], n: int):
    """A with block around yields: close() or a throw() exits it with that exception."""
    with _Recorder(log):
        for i in range(n):
            yield i
    log.append(5)


_PROTOCOLS["guarded"] = [("next",), ("next",), ("close",), ("next",)]


def guarded_thrown(log: list[int], n: int):
    with _Recorder(log):
        for i in range(n):
            yield i


_PROTOCOLS["guarded_thrown"] = [("next",), ("throw", KeyError("x")), ("next",)]

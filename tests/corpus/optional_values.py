"""Optional values as test suites and algorithm collections write them: `best = None`
until the first item, guards like `if left is None or left[0] > x`, early returns,
`assert x is not None`, lists of None filled later."""


def running_max(xs):
    best = None
    for x in xs:
        if best is None or x > best:
            best = x
    return best


def closest_below(pairs, x):
    best = None
    for p in pairs:
        if p[0] <= x and (best is None or p[0] > best[0]):
            best = p
    return best


def first_gap(xs):
    prev = None
    for x in xs:
        if prev is not None and x - prev > 1:
            return prev + 1
        prev = x
    return None


def safe_ratio(a, b):
    if b == 0:
        return None
    return a / b


def sum_ratios(pairs):
    total = 0.0
    for a, b in pairs:
        r = safe_ratio(a, b)
        if r is None:
            continue
        total += r
    return total


def last_found(d, keys):
    cur = None
    for k in keys:
        v = d.get(k)
        if v is None:
            break
        cur = v
    assert cur is not None
    return cur


def next_greater(xs):
    result = [None] * len(xs)
    stack = []
    for i, x in enumerate(xs):
        while stack and xs[stack[-1]] < x:
            result[stack.pop()] = x
        stack.append(i)
    return result


def insert_position(intervals, x):
    left = None
    for iv in intervals:
        if left is None or left[0] > x:
            left = iv
        elif not (iv[1] < x):
            return iv[0]
    if left is None:
        return -1
    return left[1]


def min_or_default(xs, default=None):
    if not xs:
        return default
    m = xs[0]
    for x in xs:
        if x < m:
            m = x
    return m


def longest_run(xs):
    best_len = 0
    cur_len = 0
    prev = None
    for x in xs:
        if prev is not None and x == prev:
            cur_len += 1
        else:
            cur_len = 1
        if cur_len > best_len:
            best_len = cur_len
        prev = x
    return best_len


def workload():
    import random

    rng = random.Random(7)
    for _ in range(100):
        xs = [rng.randint(0, 30) for _ in range(40)]
        running_max(xs)
        first_gap(sorted(set(xs)))
        next_greater(xs)
        longest_run(sorted(xs))
        min_or_default(xs)
        min_or_default([])
        pairs = [(rng.randint(0, 20), rng.randint(0, 20)) for _ in range(10)]
        closest_below(pairs, 10)
        sum_ratios(pairs)
        safe_ratio(3, 0)
        last_found({1: 2, 2: 3, 3: 4}, [1, 2, 3, 5])
        insert_position(sorted(pairs), 7)


if __name__ == "__main__":
    workload()

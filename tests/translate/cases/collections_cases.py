"""collections: defaultdict, Counter and deque run through the object tier (the real
instances, every method CPython's own), so what crosses back into Python is a real
`defaultdict` with its `default_factory`, a real `Counter`, a real `deque`; the loops
around them stay translated."""

import collections
from collections import Counter, defaultdict, deque


def group_by_remainder(xs: list[int], m: int):
    groups = defaultdict(list)
    for x in xs:
        groups[x % (m or 1)].append(x)
    return groups


def count_with_defaultdict(words: list[str]) -> int:
    counts = defaultdict(int)
    for w in words:
        counts[w] += 1
    return len(counts)


def missing_read_inserts(words: list[str], probe: str):
    d = defaultdict(float)
    for w in words:
        d[w] += 0.5
    seen = probe in d
    value = d[probe]
    return seen, value, len(d), d


def defaultdict_of_sets(pairs: list[tuple[int, int]]):
    d = collections.defaultdict(set)
    for a, b in pairs:
        d[a].add(b)
    return sorted((k, sorted(v)) for k, v in d.items())


def defaultdict_of_str(words: list[str]):
    d = defaultdict(str)
    for w in words:
        d[len(w)] += w[:1]
    return d


def defaultdict_lambda(words: list[str]):
    d = defaultdict(_zero_pair)
    for w in words:
        d[w[:1]][0] += 1
    return d


def _zero_pair():
    return [0, 0]


def counter_of_list(words: list[str]):
    c = Counter(words)
    return c.most_common(3), c


def counter_of_str(s: str):
    return Counter(s).most_common()


def counter_ties(xs: list[int]) -> list[tuple[int, int]]:
    c = Counter()
    for x in xs:
        c[x % 5] += 1
    return c.most_common(2)


def counter_missing(words: list[str], probe: str):
    c = Counter(words)
    return c[probe], probe in c, len(c)


def counter_update_total(a: list[str], b: list[str]):
    c = Counter(a)
    c.update(b)
    return c.total(), sorted(c.elements()), c


def counter_nan_keys(xs: list[float]):
    c = Counter(xs)
    return len(c), c.most_common(1)


def window_sums(xs: list[int], k: int) -> list[int]:
    q = deque(maxlen=(k % 5) + 1)
    out = []
    for x in xs:
        q.append(x)
        out.append(sum(q))
    return out


def deque_both_ends(xs: list[int]):
    q = deque()
    for i, x in enumerate(xs):
        if i % 2:
            q.append(x)
        else:
            q.appendleft(x)
    q.rotate(2)
    first = q.popleft() if q else None
    last = q.pop() if q else None
    return first, last, list(q), q


def deque_pop_empty(xs: list[int]) -> int:
    q = deque(xs)
    total = 0
    while True:
        total += q.pop()
        if total > 1000:
            return total


def deque_popleft_empty(n: int) -> int:
    q = deque(range(n % 5))
    k = 0
    while k < 10:
        q.popleft()
        k += 1
    return k


def deque_index_in(xs: list[int], x: int):
    q = deque(xs)
    q.extend([1, 2])
    q.extendleft([3, 4])
    return x in q, q.index(1), len(q)


def bfs_order(edges: list[tuple[int, int]], start: int) -> list[int]:
    adj = defaultdict(list)
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    seen = {start}
    order = []
    q = deque([start])
    while q:
        node = q.popleft()
        order.append(node)
        for nxt in adj[node]:
            if nxt not in seen:
                seen.add(nxt)
                q.append(nxt)
    return order

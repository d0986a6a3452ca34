"""A second batch, written after the translator work on issue 15 was done and run once as
it was (no function changed to make it translate): small functions in the style of
textbook collections and benchmark suites."""

from math import gcd
from typing import Any, Dict, List, Optional, Tuple


def primes_up_to(n):
    primes = []
    candidate = 2
    while len(primes) < n:
        is_prime = True
        for p in primes:
            if p * p > candidate:
                break
            if candidate % p == 0:
                is_prime = False
                break
        if is_prime:
            primes.append(candidate)
        candidate += 1
    return primes


def bubble_sorted(xs):
    xs = list(xs)
    n = len(xs)
    for i in range(n):
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
    return xs


def gcd_all(xs):
    g = 0
    for x in xs:
        g = gcd(g, x)
    return g


def fib_memo(n, memo=None):
    if memo is None:
        memo = {}
    if n in memo:
        return memo[n]
    if n < 2:
        return n
    value = fib_memo(n - 1, memo) + fib_memo(n - 2, memo)
    memo[n] = value
    return value


def char_counts(s):
    counts = {}
    for ch in s:
        counts[ch] = counts.get(ch, 0) + 1
    return counts


def roman(n):
    table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
             (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in table:
        while n >= value:
            out += letters
            n -= value
    return out


def rle_decode(pairs):
    return "".join(ch * n for ch, n in pairs)


def identity_matrix(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]


def mat_mult_int(a, b):
    n = len(a)
    out = identity_matrix(n)
    for i in range(n):
        for j in range(n):
            out[i][j] = sum(a[i][k] * b[k][j] for k in range(n))
    return out


def moving_avg(xs, w):
    out = []
    s = 0.0
    for i, x in enumerate(xs):
        s += x
        if i >= w:
            s -= xs[i - w]
        if i >= w - 1:
            out.append(s / w)
    return out


def argmax(xs):
    best_i = None
    best = None
    for i, x in enumerate(xs):
        if best is None or x > best:
            best_i, best = i, x
    return best_i


def dot_any(a: Any, b: Any) -> Any:
    return sum(x * y for x, y in zip(a, b))


def normalize_rows(m: List[List[float]]) -> List[List[float]]:
    out = []
    for row in m:
        s = sum(row) or 1.0
        out.append([x / s for x in row])
    return out


def parse_kv(text: str) -> Dict[str, str]:
    result = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        result[key.strip()] = value.strip()
    return result


def bfs_dist(adj, start):
    dist = {start: 0}
    queue = [start]
    head = 0
    while head < len(queue):
        u = queue[head]
        head += 1
        for v in adj[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                queue.append(v)
    return dist


def overlap(a, b):
    lo = max(a[0], b[0])
    hi = min(a[1], b[1])
    if lo > hi:
        return None
    return (lo, hi)


def running_max(xs):
    best = float("-inf")
    out = []
    for x in xs:
        if x > best:
            best = x
        out.append(best)
    return out


def histogram_dict(values, width):
    counts = {}
    for v in values:
        k = int(v // width)
        counts[k] = counts.get(k, 0) + 1
    return counts


def transpose_pad(rows, fill=0):
    width = max(len(r) for r in rows) if rows else 0
    return [[r[j] if j < len(r) else fill for r in rows] for j in range(width)]


def nearest(points, q):
    return min(points, key=lambda p: (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2)


def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]


def collatz_table(n):
    cache = [0] * (n + 1)
    for start in range(1, n + 1):
        x, steps = start, 0
        while x != 1 and (x >= start or x > n):
            x = x // 2 if x % 2 == 0 else 3 * x + 1
            steps += 1
        cache[start] = steps + (cache[x] if x < start else 0)
    return cache


def scale_inplace(xs: list, k) -> None:
    for i in range(len(xs)):
        xs[i] *= k


def first_duplicate(xs):
    seen = set()
    for x in xs:
        if x in seen:
            return x
        seen.add(x)
    return None


def merge_sorted(a, b):
    out = []
    i = j = 0
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


def triangle_area(p: Tuple[float, float], q: Tuple[float, float], r: Tuple[float, float]) -> float:
    return abs((q[0] - p[0]) * (r[1] - p[1]) - (r[0] - p[0]) * (q[1] - p[1])) / 2


def word_lengths(text):
    return {w: len(w) for w in text.split()}


def sum_of_digits(n: int) -> int:
    total = 0
    n = abs(n)
    while n:
        n, d = divmod(n, 10)
        total += d
    return total


def clamp_list(xs, lo: Optional[float] = None, hi: Optional[float] = None):
    out = []
    for x in xs:
        if lo is not None and x < lo:
            x = lo
        if hi is not None and x > hi:
            x = hi
        out.append(x)
    return out


def tokens(s):
    return [w.strip(".,;:!?").lower() for w in s.split() if w.strip(".,;:!?")]


def pascal(n):
    rows = []
    for i in range(n):
        row = [1] * (i + 1)
        for j in range(1, i):
            row[j] = rows[i - 1][j - 1] + rows[i - 1][j]
        rows.append(row)
    return rows


def workload():
    import random

    rng = random.Random(13)
    for _ in range(5):
        primes_up_to(60)
        bubble_sorted([rng.randint(0, 50) for _ in range(25)])
        gcd_all([rng.randint(1, 30) * 6 for _ in range(10)])
        fib_memo(30)
        char_counts("mississippi river")
        roman(rng.randint(1, 3999))
        rle_decode([("a", 3), ("b", 1), ("c", 2)])
        a = [[rng.randint(-3, 3) for _ in range(4)] for _ in range(4)]
        mat_mult_int(a, a)
        moving_avg([rng.random() for _ in range(50)], 5)
        argmax([rng.randint(0, 100) for _ in range(20)])
        dot_any([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
        normalize_rows([[rng.random() for _ in range(4)] for _ in range(4)])
        parse_kv("# config\nname = demo\n\nsize=3\n")
        bfs_dist({0: [1, 2], 1: [3], 2: [3], 3: []}, 0)
        overlap((1, 5), (rng.randint(0, 8), 9))
        running_max([rng.random() for _ in range(20)])
        histogram_dict([rng.uniform(0, 10) for _ in range(50)], 2.5)
        transpose_pad([[1, 2, 3], [4], [5, 6]])
        nearest([(rng.random(), rng.random()) for _ in range(10)], (0.5, 0.5))
        is_palindrome("A man, a plan, a canal: Panama")
        collatz_table(100)
        scale_inplace([rng.randint(0, 9) for _ in range(10)], 1.5)
        first_duplicate([rng.randint(0, 15) for _ in range(10)])
        merge_sorted(sorted(rng.randint(0, 50) for _ in range(10)), sorted(rng.randint(0, 50) for _ in range(10)))
        triangle_area((0.0, 0.0), (4.0, 0.0), (0.0, 3.0))
        word_lengths("the quick brown fox jumps")
        sum_of_digits(rng.randint(-10**6, 10**6))
        clamp_list([rng.uniform(-2, 2) for _ in range(10)], -1.0, 1.0)
        clamp_list([rng.uniform(-2, 2) for _ in range(10)])
        tokens("Hello, world! This is... a test.")
        pascal(8)


if __name__ == "__main__":
    workload()

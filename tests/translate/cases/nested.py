"""Nested lists: list[list[float]] read, matrices built and returned."""


def row_sums(m: list[list[float]]) -> list[float]:
    return [sum(row) for row in m]


def trace(m: list[list[float]]) -> float:
    t = 0.0
    for i in range(len(m)):
        t += m[i][i]
    return t


def transpose(m: list[list[float]]) -> list[list[float]]:
    if not m:
        return []
    return [[m[j][i] for j in range(len(m))] for i in range(len(m[0]))]


def identity(n: int) -> list[list[float]]:
    out = []
    for i in range(n):
        row = [0.0] * n
        row[i] = 1.0
        out.append(row)
    return out


def matmul(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    n = len(a)
    k = len(b)
    m = len(b[0]) if b else 0
    c = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            s = 0.0
            for t in range(k):
                s += a[i][t] * b[t][j]
            c[i][j] = s
    return c


def flatten(m: list[list[int]]) -> list[int]:
    return [x for row in m for x in row]


def grid(n: int, m: int) -> list[list[int]]:
    g = [[0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            g[i][j] = i * j
    return g


def column_max(m: list[list[float]], j: int) -> float:
    return max(row[j] for row in m)


def cell(m: list[list[int]], i: int, j: int) -> int:
    return m[i][j]


def row_lengths(m: list[list[float]]) -> list[int]:
    return [len(row) for row in m]


def scale_rows(m: list[list[float]], k: float) -> list[list[float]]:
    return [[x * k for x in row] for row in m]


def fresh_rows(n: int) -> list[list[int]]:
    out = []
    for i in range(n):
        row = [i, i]
        out.append(row)
    for r in range(len(out)):
        out[r][0] = -1
    return out


def copy_rows(m: list[list[float]]) -> list[list[float]]:
    return [list(row) for row in m]


# ---- element types from every store: int zeros that later receive floats


def relax(grid: list[list[float]], n: int, m: int) -> list[list[float]]:
    new = [[0] * m for _ in range(n)]
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            new[i][j] = 0.25 * (grid[i - 1][j] + grid[i + 1][j] + grid[i][j - 1] + grid[i][j + 1])
    return new


def zeros_untouched(n: int, m: int, fill: bool) -> list[list[int]]:
    g = [[0] * m for _ in range(n)]
    if fill and n > 0 and m > 0:
        g[0][0] = 0.5
    return g


def product_accumulated(a: list[list[float]], b: list[list[float]]) -> list[list[float]]:
    cols = len(b[0]) if b else 0
    c = [[0] * cols for _ in a]
    for i, row in enumerate(a):
        for k, x in enumerate(row[:len(b)]):
            for j in range(cols):
                c[i][j] += x * b[k][j]
    return c


def next_larger(xs: list[int]) -> list[int | None]:
    found = [None] * len(xs)
    for i in range(len(xs)):
        for j in range(i + 1, len(xs)):
            if xs[j] > xs[i]:
                found[i] = xs[j]
                break
    return found


def buckets(n: int, pairs: list[tuple[int, float]]) -> list[list[float]]:
    rows = [[] for _ in range(n)]
    for k, v in pairs:
        if 0 <= k < n:
            rows[k].append(v)
            rows[k].insert(0, k)
    return rows


def halve_in_place(xs: list[int]) -> int:
    for i in range(len(xs)):
        if xs[i] % 2:
            xs[i] = xs[i] / 2
    return len(xs)


def _scale_rows(rows: list[list[int]], k: float) -> None:
    for row in rows:
        for j in range(len(row)):
            row[j] = row[j] * k


def scaled_copy(rows: list[list[int]], k: float) -> list[list[int]]:
    out = [list(row) for row in rows]
    _scale_rows(out, k)
    return out


def mixed_appends(n: int) -> list[int]:
    ys = [0]
    for i in range(n):
        ys.append(i / 2 if i % 3 == 0 else i)
    ys.extend([1.5, 2])
    return ys


def row_appends(n: int, i: int, j: int) -> list[list[int]]:
    rows = [[] for _ in range(n)]
    rows[i].append(j)
    rows[i][j] = 5
    return rows

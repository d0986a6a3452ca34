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

"""Lists of lists read row by row in place (read_in_place.is_rows): `A[i][k]` reads one
item of one row, checked as it is read; ragged rows, negative indexes, IndexError, rows
that are not lists or items of other types (deopts), and rows taken whole (converted)."""


def trace(a: list[list[float]]) -> float:
    t = 0.0
    for i in range(len(a)):
        t += a[i][i]
    return t


def total(a: list[list[float]]) -> float:
    s = 0.0
    for i in range(len(a)):
        for k in range(len(a[i])):
            s += a[i][k]
    return s


def corner(a: list[list[int]]) -> int:
    return a[0][0] + a[-1][-1] + len(a) + len(a[-1])


def column_max(a: list[list[float]], j: int) -> float:
    best = a[0][j]
    i = 1
    while i < len(a):
        if a[i][j] > best:
            best = a[i][j]
        i += 1
    return best


def find(a: list[list[int]], x: int) -> tuple[int, int]:
    for i in range(len(a)):
        for k in range(len(a[i])):
            if a[i][k] == x:
                return i, k
    return -1, -1


def row_sums(a: list[list[float]]) -> list[float]:
    out = []
    for row in a:
        out.append(sum(row))
    return out


def trace_of_grid(n: int) -> float:
    grid = [[float(i * n + k) for k in range(n)] for i in range(n)]
    return trace(grid) + column_max(grid, n - 1)

"""Reads at indexes affine in range-loop counters (`a[i * n + k]`): proved in range before
the loop nest runs (passes/index_ranges.py) or read checked as before. Inputs include
indexes that go negative, past the end, and counters the loop body reassigns."""


def flat_product(a: list[float], b: list[float], n: int) -> list[float]:
    """a times b transposed, both n x n and flat."""
    out = []
    for i in range(n):
        for j in range(n):
            acc = 0.0
            for k in range(n):
                acc += a[i * n + k] * b[j * n + k]
            out.append(acc)
    return out


def shifted_sum(a: list[float], n: int) -> float:
    total = 0.0
    for i in range(n):
        total += a[i - 1] * a[2 * i - n]
    return total


def strided_rows(a: list[int], rows: int, cols: int) -> int:
    t = 0
    for r in range(rows):
        for c in range(cols - 1, -1, -1):
            if a[r * cols + c] > a[c]:
                t += 1
    return t


def window_sums(a: list[int], w: int) -> list[int]:
    out = []
    for i in range(len(a) - w + 1):
        s = 0
        for j in range(w):
            if a[i + j] > a[w - 1 - j]:
                s += 1
        out.append(s)
    return out


def stepped(a: list[int], start: int, step: int) -> int:
    t = 0
    for i in range(start, len(a), 3):
        t = max(t, a[i], a[len(a) - 1 - i])
    return t


def reassigned_counter(a: list[int], n: int) -> int:
    t = 0
    for i in range(n):
        t = max(t, a[i])
        i = i * 2
        t = min(t, a[i])
    return t


def after_inner_loop(a: list[int], n: int) -> int:
    t = 0
    k = 0
    for i in range(n):
        for k in range(n - 1):
            t = max(t, a[k])
        t = min(t, a[k + i])
    return t


def huge_coefficient(a: list[int], n: int, big: int) -> int:
    t = 0
    for i in range(n):
        t = max(t, a[i * big + 1])
    return t

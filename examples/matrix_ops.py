"""Dense linear algebra on lists of floats: flat row-major, and lists of rows."""

import random


def matmul(a, b, n):
    c = [0.0] * (n * n)
    for i in range(n):
        for j in range(n):
            total = 0.0
            for k in range(n):
                total += a[i * n + k] * b[k * n + j]
            c[i * n + j] = total
    return c


def matmul_rows(a, b):
    n, p, m = len(a), len(b), len(b[0])
    c = []
    for i in range(n):
        row = []
        for j in range(m):
            s = 0.0
            for k in range(p):
                s += a[i][k] * b[k][j]
            row.append(s)
        c.append(row)
    return c


def dot_product(a: list[float], b: list[float]) -> float:
    total = 0.0
    for i in range(len(a)):
        total += a[i] * b[i]
    return total


def main():
    rng = random.Random(0)
    n = 64
    a = [rng.uniform(-1.0, 1.0) for _ in range(n * n)]
    b = [rng.uniform(-1.0, 1.0) for _ in range(n * n)]
    c = a
    for _ in range(50):
        c = matmul(c, b, n)
        scale = max(abs(x) for x in c)
        c = [x / scale for x in c]

    rows_a = [c[i * n:(i + 1) * n] for i in range(n)]
    rows_b = [b[i * n:(i + 1) * n] for i in range(n)]
    for _ in range(10):
        rows_a = matmul_rows(rows_a, rows_b)
        scale = max(abs(x) for row in rows_a for x in row)
        rows_a = [[x / scale for x in row] for row in rows_a]

    u = [rng.uniform(-1.0, 1.0) for _ in range(1000)]
    v = [rng.uniform(-1.0, 1.0) for _ in range(1000)]
    dots = 0.0
    for _ in range(30000):
        dots += dot_product(u, v)
    trace = sum(c[i * n + i] for i in range(n))
    rows_trace = sum(rows_a[i][i] for i in range(n))
    print(f"matrix_ops checksum: trace={trace:.6f} rows={rows_trace:.6f} dots={dots:.6f}")


if __name__ == "__main__":
    main()

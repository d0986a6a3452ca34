"""Dense linear algebra on flat, row-major lists of floats."""

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

    u = [rng.uniform(-1.0, 1.0) for _ in range(1000)]
    v = [rng.uniform(-1.0, 1.0) for _ in range(1000)]
    dots = 0.0
    for _ in range(30000):
        dots += dot_product(u, v)
    print(f"matrix_ops checksum: trace={sum(c[i * n + i] for i in range(n)):.6f} dots={dots:.6f}")


if __name__ == "__main__":
    main()

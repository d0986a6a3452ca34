"""Numeric kernels in the style of a Python-to-C++ compiler's test suite and of
pyperformance: untyped parameters, lists made first and filled afterwards, int zeros
that later receive floats."""


def jacobi_step(grid, n, m):
    new = [[0] * m for _ in range(n)]
    for i in range(1, n - 1):
        for j in range(1, m - 1):
            new[i][j] = 0.25 * (grid[i - 1][j] + grid[i + 1][j] + grid[i][j - 1] + grid[i][j + 1])
    return new


def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    c = [[0] * p for _ in range(n)]
    for i in range(n):
        for j in range(p):
            for k in range(m):
                c[i][j] += a[i][k] * b[k][j]
    return c


def pairwise_distances(points):
    n = len(points)
    dist = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = 0.0
            for k in range(len(points[i])):
                d = points[i][k] - points[j][k]
                s += d * d
            dist[i][j] = dist[j][i] = s ** 0.5
    return dist


def floyd_warshall(dist):
    n = len(dist)
    for k in range(n):
        for i in range(n):
            for j in range(n):
                if dist[i][k] + dist[k][j] < dist[i][j]:
                    dist[i][j] = dist[i][k] + dist[k][j]
    return dist


def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = False
    if n >= 1:
        flags[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
    return [i for i in range(n + 1) if flags[i]]


def histogram(data, nbins, lo, hi):
    counts = [0] * nbins
    width = (hi - lo) / nbins
    for x in data:
        k = int((x - lo) / width)
        if 0 <= k < nbins:
            counts[k] += 1
    return counts


def mandelbrot_row(y, width, max_iter):
    row = []
    for px in range(width):
        cr = -2.0 + 3.0 * px / width
        zr = zi = 0.0
        it = 0
        while it < max_iter and zr * zr + zi * zi <= 4.0:
            zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + y
            it += 1
        row.append(it)
    return row


def horner(coeffs, x):
    acc = 0
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


def eval_a(i, j):
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


def times_u(u):
    n = len(u)
    out = [0] * n
    for i in range(n):
        s = 0
        for j in range(n):
            s += eval_a(i, j) * u[j]
        out[i] = s
    return out


def lcs_length(a, b):
    rows = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                rows[i][j] = rows[i - 1][j - 1] + 1
            else:
                rows[i][j] = max(rows[i - 1][j], rows[i][j - 1])
    return rows[-1][-1]


def levenshtein(s, t):
    prev = list(range(len(t) + 1))
    for i, cs in enumerate(s, 1):
        cur = [i] + [0] * len(t)
        for j, ct in enumerate(t, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (cs != ct))
        prev = cur
    return prev[-1]


def cumulative(xs):
    out = [0] * len(xs)
    total = 0
    for i in range(len(xs)):
        total += xs[i]
        out[i] = total
    return out


def workload():
    import random

    rng = random.Random(3)
    n = 12
    grid = [[rng.random() for _ in range(n)] for _ in range(n)]
    for _ in range(20):
        grid = jacobi_step(grid, n, n)
    a = [[rng.uniform(-1, 1) for _ in range(8)] for _ in range(8)]
    for _ in range(20):
        matmul(a, a)
    pts = [[rng.random(), rng.random(), rng.random()] for _ in range(30)]
    d = pairwise_distances(pts)
    for _ in range(5):
        floyd_warshall([row[:] for row in d])
    for _ in range(20):
        sieve(500)
    data = [rng.gauss(0, 1) for _ in range(500)]
    for _ in range(20):
        histogram(data, 10, -3.0, 3.0)
    for k in range(20):
        mandelbrot_row(-1.0 + k / 10, 40, 50)
    for _ in range(200):
        horner([1, -2, 3, 0.5], 1.5)
    u = [1.0] * 40
    for _ in range(5):
        u = times_u(u)
    for _ in range(20):
        lcs_length("ACCGGTCGAGTGCGCGGAAGCCGGCCGAA", "GTCGTTCGGAATGCCGTTGCTCTGTAAA")
        levenshtein("kitten sitting", "sitting kitten")
    for _ in range(50):
        cumulative([rng.randint(0, 9) for _ in range(50)])


if __name__ == "__main__":
    workload()

"""Small algorithms as benchmark suites and textbook collections write them: dynamic
programming tables, graph searches with adjacency lists, sorting in place, string
processing with dicts."""


def knapsack(weights, values, capacity):
    best = [0] * (capacity + 1)
    for w, v in zip(weights, values):
        for c in range(capacity, w - 1, -1):
            if best[c - w] + v > best[c]:
                best[c] = best[c - w] + v
    return best[capacity]


def dijkstra(adj, src):
    n = len(adj)
    dist = [float("inf")] * n
    done = [False] * n
    dist[src] = 0.0
    for _ in range(n):
        u = -1
        for i in range(n):
            if not done[i] and (u == -1 or dist[i] < dist[u]):
                u = i
        if u == -1 or dist[u] == float("inf"):
            break
        done[u] = True
        for v, w in adj[u]:
            if dist[u] + w < dist[v]:
                dist[v] = dist[u] + w
    return dist


def topo_order(n, edges):
    indeg = [0] * n
    succ = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
        indeg[b] += 1
    queue = [i for i in range(n) if indeg[i] == 0]
    order = []
    while queue:
        u = queue.pop(0)
        order.append(u)
        for v in succ[u]:
            indeg[v] -= 1
            if indeg[v] == 0:
                queue.append(v)
    return order


def word_freq(text):
    freq = {}
    for word in text.lower().split():
        freq[word] = freq.get(word, 0) + 1
    return sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))


def run_length(s):
    out = []
    i = 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append((s[i], j - i))
        i = j
    return out


def insertion_sort(xs):
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
        xs[j + 1] = key
    return xs


def binary_search(xs, x):
    lo, hi = 0, len(xs) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if xs[mid] < x:
            lo = mid + 1
        elif xs[mid] > x:
            hi = mid - 1
        else:
            return mid
    return -1


def prime_factors(n):
    factors = []
    d = 2
    while d * d <= n:
        while n % d == 0:
            factors.append(d)
            n //= d
        d += 1
    if n > 1:
        factors.append(n)
    return factors


def window_max(xs, k):
    out = []
    for i in range(len(xs) - k + 1):
        m = xs[i]
        for j in range(i + 1, i + k):
            if xs[j] > m:
                m = xs[j]
        out.append(m)
    return out


def transpose(m):
    return [[m[j][i] for j in range(len(m))] for i in range(len(m[0]))]


def nqueens(n):
    cols = set()
    diag1 = set()
    diag2 = set()
    count = 0
    placed = []
    row, col = 0, 0
    while True:
        if row == n or col == n:
            if row == n:
                count += 1
            if not placed:
                break
            row, col = placed.pop()
            cols.remove(col)
            diag1.remove(row + col)
            diag2.remove(row - col)
            col += 1
            continue
        if col not in cols and (row + col) not in diag1 and (row - col) not in diag2:
            cols.add(col)
            diag1.add(row + col)
            diag2.add(row - col)
            placed.append((row, col))
            row, col = row + 1, 0
        else:
            col += 1
    return count


def workload():
    import random

    rng = random.Random(11)
    for _ in range(20):
        knapsack([rng.randint(1, 10) for _ in range(10)], [rng.randint(1, 30) for _ in range(10)], 25)
    adj = [[(rng.randrange(15), rng.uniform(0.5, 5.0)) for _ in range(3)] for _ in range(15)]
    for s in range(15):
        dijkstra(adj, s)
    for _ in range(20):
        topo_order(6, [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (4, 5)])
        word_freq("the cat and the dog and The bird saw the cat")
        run_length("aaabccddddde")
        insertion_sort([rng.randint(0, 99) for _ in range(30)])
        xs = sorted(rng.randint(0, 99) for _ in range(50))
        binary_search(xs, 42)
        prime_factors(rng.randint(2, 10**6))
        window_max([rng.random() for _ in range(40)], 5)
        transpose([[1, 2, 3], [4, 5, 6]])
    for n in range(1, 7):
        nqueens(n)


if __name__ == "__main__":
    workload()

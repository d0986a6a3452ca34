"""Small-tour search over random cities: pair distances (combinations), tour lengths
(pairwise), a grid search of two parameters (product), running bests (accumulate) and a
nearest-neighbour tour kept with an iterator (iter/next)."""
import math
import random
from itertools import accumulate, combinations, pairwise, permutations, product


def close_pairs(xs: list[float], ys: list[float], radius: float) -> int:
    n = 0
    for i, j in combinations(range(len(xs)), 2):
        dx = xs[i] - xs[j]
        dy = ys[i] - ys[j]
        if dx * dx + dy * dy < radius * radius:
            n += 1
    return n


def tour_length(order: list[int], xs: list[float], ys: list[float]) -> float:
    total = 0.0
    for a, b in pairwise(order):
        total += math.hypot(xs[a] - xs[b], ys[a] - ys[b])
    return total


def best_small_tour(xs: list[float], ys: list[float]) -> float:
    best = 1e300
    for a, b, c in permutations(range(1, min(len(xs), 9)), 3):
        length = math.hypot(xs[0] - xs[a], ys[0] - ys[a]) + math.hypot(xs[a] - xs[b], ys[a] - ys[b]) \
            + math.hypot(xs[b] - xs[c], ys[b] - ys[c]) + math.hypot(xs[c] - xs[0], ys[c] - ys[0])
        if length < best:
            best = length
    return best


def grid_search(xs: list[float], ys: list[float], steps: int) -> tuple[float, float]:
    best, arg = -1.0, 0.0
    grid = [k / steps for k in range(steps)]
    for gx, gy in product(grid, grid):
        score = 0.0
        for x, y in zip(xs, ys):
            score += 1.0 / (1.0 + (x - gx) ** 2 + (y - gy) ** 2)
        if score > best:
            best, arg = score, gx * 10 + gy
    return best, arg


def running_best(lengths: list[float]) -> list[float]:
    return list(accumulate(lengths, min))


def nearest_tour(xs: list[float], ys: list[float]) -> list[int]:
    left = list(range(1, len(xs)))
    order = [0]
    while left:
        it = iter(left)
        here = order[-1]
        best = next(it)
        for c in it:
            if math.hypot(xs[c] - xs[here], ys[c] - ys[here]) < math.hypot(xs[best] - xs[here], ys[best] - ys[here]):
                best = c
        left.remove(best)
        order.append(best)
    return order


def main():
    rng = random.Random(5)
    lengths = []
    pairs = 0
    for _ in range(200):
        xs = [rng.random() for _ in range(120)]
        ys = [rng.random() for _ in range(120)]
        pairs += close_pairs(xs, ys, 0.1)
        order = nearest_tour(xs, ys)
        lengths.append(tour_length(order, xs, ys))
        lengths.append(best_small_tour(xs, ys))
    print("pairs:", pairs)
    print("bests:", [round(v, 6) for v in running_best(lengths)[-3:]])
    print("grid:", tuple(round(v, 6) for v in grid_search(xs, ys, 60)))


if __name__ == "__main__":
    main()

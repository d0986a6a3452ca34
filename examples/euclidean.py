"""Euclidean distance between float vectors: a pairwise-distance workload."""

import random


def euclidean(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += (x - y) ** 2
    return total ** 0.5


def main():
    rng = random.Random(0)
    dim = 1000
    points = [[rng.uniform(-1.0, 1.0) for _ in range(dim)] for _ in range(24)]
    checksum = 0.0
    for _ in range(100):
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                checksum += euclidean(points[i], points[j])
    print(f"euclidean checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

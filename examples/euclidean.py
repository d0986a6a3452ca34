"""Euclidean distance between float vectors: a pairwise-distance workload."""

def euclidean(a, b):
    total = 0.0
    for x, y in zip(a, b):
        total += (x - y) ** 2
    return total ** 0.5


def main():
    dim = 2000
    # deterministic pseudo-random coordinates in [-1, 1), built without function calls
    points = [[((i * 7919 + k * 104729) % 2003) / 1001.5 - 1.0 for i in range(dim)] for k in range(12)]
    checksum = 0.0
    for _ in range(110):
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                checksum += euclidean(points[i], points[j])
    print(f"euclidean checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

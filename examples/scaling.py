"""Feature scaling for a single column of floats."""

import math
import random

EPS = 1e-12


def standard_scale(values):
    n = len(values)
    mean = sum(values) / n
    var = 0.0
    for v in values:
        var += (v - mean) ** 2
    std = math.sqrt(var / n)
    if std < EPS:
        return [0.0] * n
    return [(v - mean) / std for v in values]


def min_max_scale(values):
    lo = min(values)
    hi = max(values)
    span = hi - lo
    if span < EPS:
        return [0.0] * len(values)
    result = []
    for v in values:
        result.append((v - lo) / span)
    return result


def quantile(sorted_values, q):
    pos = (len(sorted_values) - 1) * q
    lower = int(pos)
    upper = min(lower + 1, len(sorted_values) - 1)
    frac = pos - lower
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * frac


def robust_scale(values: list[float]) -> list[float]:
    ordered = sorted(values)
    n = len(ordered)
    if n % 2 == 1:
        median = ordered[n // 2]
    else:
        median = (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    iqr = quantile(ordered, 0.75) - quantile(ordered, 0.25)
    if iqr < EPS:
        return [0.0] * n
    return [(v - median) / iqr for v in values]


def l2_normalize(values):
    norm = 0.0
    for v in values:
        norm += v * v
    norm = math.sqrt(norm)
    if norm < EPS:
        return list(values)
    return [v / norm for v in values]


def main():
    rng = random.Random(0)
    columns = [[rng.gauss(10.0, 3.0) for _ in range(1000)] for _ in range(8)]
    checksum = 0.0
    for _ in range(700):
        for col in columns:
            checksum += standard_scale(col)[0]
            checksum += min_max_scale(col)[1]
            checksum += robust_scale(col)[2]
            checksum += l2_normalize(col)[3]
    print(f"scaling checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

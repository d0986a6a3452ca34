"""numpy-array versions of the list examples, written with explicit Python loops
over array elements (the slow style that is common in real numpy code)."""

import random

import numpy as np


def zscore_normalize_np(a):
    n = a.shape[0]
    mean = 0.0
    for i in range(n):
        mean += a[i]
    mean = mean / n
    var = 0.0
    for i in range(n):
        var += (a[i] - mean) ** 2
    std = (var / n) ** 0.5
    out = np.empty(n, dtype=np.float64)
    for i in range(n):
        out[i] = (a[i] - mean) / std if std > 0.0 else 0.0
    return out


def channel_mean_np(img):
    pixels, channels = img.shape
    means = np.zeros(channels)
    for c in range(channels):
        total = 0.0
        for p in range(pixels):
            total += img[p, c]
        means[c] = total / pixels
    return means


def apply_gamma_np(a: np.ndarray, gamma: float) -> np.ndarray:
    out = np.empty_like(a)
    for i in range(len(a)):
        out[i] = a[i] ** gamma
    return out


def main():
    rng = random.Random(0)
    values = np.array([rng.gauss(0.0, 1.0) for _ in range(1000)], dtype=np.float64)
    img = np.array(
        [[rng.random() for _ in range(3)] for _ in range(400)], dtype=np.float64
    )
    flat = img.reshape(-1)
    checksum = 0.0
    for _ in range(2000):
        z = zscore_normalize_np(values)
        m = channel_mean_np(img)
        g = apply_gamma_np(flat, 2.2)
        checksum += float(z[0] + m[0] + m[1] + m[2] + g[-1])
    print(f"numpy_variants checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

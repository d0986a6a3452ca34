"""1-D signal processing on lists of floats.

Named signal_ops rather than signal so it does not shadow the stdlib module.
"""

import math
import random


def convolve1d(signal: list[float], kernel: list[float]) -> list[float]:
    k = len(kernel)
    out = []
    for i in range(len(signal) - k + 1):
        total = 0.0
        for j in range(k):
            total += signal[i + j] * kernel[k - 1 - j]
        out.append(total)
    return out


def moving_average(values, window):
    result = []
    for i in range(len(values)):
        start = max(0, i - window + 1)
        result.append(sum(values[start:i + 1]) / (i + 1 - start))
    return result


def cross_correlate(a, b):
    m = len(b)
    result = []
    for lag in range(len(a) - m + 1):
        total = 0.0
        for j in range(m):
            total += a[lag + j] * b[j]
        result.append(total)
    return result


def diff(values):
    out = []
    for i in range(1, len(values)):
        out.append(values[i] - values[i - 1])
    return out


def cumsum(values: list[float]) -> list[float]:
    out = []
    total = 0.0
    for v in values:
        total += v
        out.append(total)
    return out


def main():
    rng = random.Random(0)
    n = 1000
    signal = [math.sin(i * 0.05) + rng.gauss(0.0, 0.3) for i in range(n)]
    kernel = [0.1, 0.2, 0.4, 0.2, 0.1]
    template = signal[100:116]
    checksum = 0.0
    for _ in range(1000):
        smooth = convolve1d(signal, kernel)
        avg = moving_average(signal, 10)
        corr = cross_correlate(signal, template)
        d = diff(smooth)
        c = cumsum(d)
        checksum += smooth[7] + avg[-1] + max(corr) + c[-1]
    print(f"signal_ops checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

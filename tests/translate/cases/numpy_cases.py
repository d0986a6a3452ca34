"""numpy arrays: read in place, items as numpy.float64, created results, shapes."""

from __future__ import annotations

import numpy as np


def np_sum(a: np.ndarray[float64, 1]):
    total = 0.0
    for i in range(len(a)):
        total += a[i]
    return total


def np_sum_2d(m: np.ndarray[float64, 2]):
    rows, cols = m.shape
    total = 0.0
    for i in range(rows):
        for j in range(cols):
            total = total + m[i, j]
    return total


def np_item(a: np.ndarray[float64, 1], i: int):
    return a[i]


def np_item_2d(m: np.ndarray[float64, 2], i: int, j: int):
    return m[i, j]


def np_shape_info(m: np.ndarray[float64, 2]):
    return m.shape, m.shape[0] + 10 * m.ndim, len(m), m.size


def np_int_shape(a: np.ndarray[int64, 1], b: np.ndarray[float32, 2], c: np.ndarray[bool, 1], d: np.ndarray[int32, 1]):
    return len(a) + b.size + c.shape[0] + d.size


def np_scale(a: np.ndarray[float64, 1], k: float):
    out = np.empty_like(a)
    for i in range(len(a)):
        out[i] = a[i] * k
    return out


def np_divide(a: np.ndarray[float64, 1], d: float):
    out = np.zeros(len(a))
    for i in range(len(a)):
        out[i] = a[i] / d
    return out


def np_mean(a: np.ndarray[float64, 1]):
    n = a.shape[0]
    s = 0.0
    for i in range(n):
        s += a[i]
    return s / n


def np_ones_2d(r: int, c: int):
    return np.ones((r, c))


def np_zeros_shape(m: np.ndarray[float64, 2]):
    out = np.zeros(m.shape, dtype=np.float64)
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            out[i, j] = m[i, j] ** 2 - 1
    return out


def np_max_row(m: np.ndarray[float64, 2]):
    best = m[0, 0]
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] > best:
                best = m[i, j]
    return best


def np_to_float(a: np.ndarray[float64, 1]):
    total = 0.0
    for i in range(len(a)):
        total += float(a[i])
    return total


def np_mixed_ops(a: np.ndarray[float64, 1], x: float, k: int):
    out = np.zeros(len(a))
    for i in range(len(a)):
        v = a[i]
        out[i] = (v + k) * x - v / 2 + (-v) % 3.0 + v // 1.5
    return out


def np_count_pos(a: np.ndarray[float64, 1]):
    n = 0
    for i in range(len(a)):
        if a[i] > 0.0:
            n += 1
    return n


def np_acc_inplace(a: np.ndarray[float64, 1]):
    out = np.zeros(3)
    for i in range(len(a)):
        out[i % 3] += a[i]
    return out


def np_zscore(a: np.ndarray[float64, 1]):
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


def np_heavy(a: np.ndarray[float64, 1], reps: int):
    """CPU-bound: the GIL test runs it in two threads at once (test_gil.py)."""
    s = 0.0
    for r in range(reps):
        for i in range(len(a)):
            s = s * 0.5 + a[i]  # a chain of dependent operations: latency-bound
    return s


def np_items_list(a: np.ndarray[float64, 1]):
    out = []
    for i in range(len(a)):
        out.append(a[i])
    return out


def np_equal_neighbours(a: np.ndarray[float64, 1]):
    n = 0
    for i in range(1, len(a)):
        if a[i] == a[i - 1] and a[i] != 0:
            n += 1
    return n


def np_call_helper(a: np.ndarray[float64, 1], i: int):
    return np_double_item(a, i) + 1.0


def np_double_item(a: np.ndarray[float64, 1], i: int):
    return a[i] * 2.0


def np_scalar_ops(a: np.ndarray[float64, 1]):
    if len(a) < 2:
        return 0.0, 0.0, 0.0, 0.0
    return a[0] ** 2, -a[1], 3 - a[0], 1 / a[0]


def np_in_try(a: np.ndarray[float64, 1], i: int):
    try:
        return a[i]
    except IndexError:
        return -1.0


def np_transpose_aug(m: np.ndarray[float64, 2]):
    r, c = m.shape
    out = np.zeros((c, r))
    for i in range(r):
        for j in range(c):
            out[j, i] += m[i, j] * 2
            out[j, -1 - i] -= 1
    return out


def np_int_sum(a: np.ndarray[int64, 1]):
    total = 0
    for i in range(len(a)):
        total += a[i]
    return total


def np_int_ops(a: np.ndarray[int64, 1], k: int, x: float):
    if len(a) == 0:
        return 0, 0.0, 0.0, 0
    v = a[0]
    return v * k - 3, v / k, v * x, (-v) // 3 + v % 7 + v ** 2


def np_int_count(m: np.ndarray[int64, 2], k: int):
    n = 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j] > k:
                n += 1
    return n


def np_int_to_float(a: np.ndarray[int64, 1]):
    out = np.zeros(len(a))
    for i in range(len(a)):
        out[i] = a[i]
    return out, float(a[0]) if len(a) else 0.0

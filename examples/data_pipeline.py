"""A small CSV-to-features pipeline: parse rows, smooth, standardise."""

import random


def parse_csv_row(line: str) -> list[float]:
    values = []
    for field in line.strip().split(","):
        field = field.strip()
        if field:
            values.append(float(field))
    return values


def running_mean(values, window):
    result = []
    for i in range(len(values) - window + 1):
        total = 0.0
        for j in range(i, i + window):
            total += values[j]
        result.append(total / window)
    return result


def zscore_normalize(values):
    n = len(values)
    mean = 0.0
    for v in values:
        mean += v
    mean /= n
    var = 0.0
    for v in values:
        var += (v - mean) * (v - mean)
    std = (var / n) ** 0.5
    if std == 0.0:
        return [0.0] * n
    return [(v - mean) / std for v in values]


def make_csv(rng, rows, cols):
    lines = []
    for _ in range(rows):
        lines.append(", ".join(f"{rng.gauss(50.0, 12.0):.4f}" for _ in range(cols)))
    return lines


def main():
    rng = random.Random(0)
    lines = make_csv(rng, 20, 500)
    checksum = 0.0
    for _ in range(300):
        for line in lines:
            row = parse_csv_row(line)
            smooth = running_mean(row, 10)
            scaled = zscore_normalize(smooth)
            checksum += scaled[0] + scaled[-1] + smooth[len(smooth) // 2]
    print(f"data_pipeline checksum: {checksum:.6f}")


if __name__ == "__main__":
    main()

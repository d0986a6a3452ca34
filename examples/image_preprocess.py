"""Pixel preprocessing for an RGB image stored as a flat list of channel values."""

import random


def normalize_pixels(pixels):
    result = [0.0] * len(pixels)
    for i in range(len(pixels)):
        result[i] = pixels[i] / 255.0
    return result


def apply_gamma(pixels: list[float], gamma: float) -> list[float]:
    return [p ** gamma for p in pixels]


def channel_mean(pixels, channels):
    sums = [0.0] * channels
    for i in range(len(pixels)):
        sums[i % channels] += pixels[i]
    count = len(pixels) // channels
    return [s / count for s in sums]


def main():
    rng = random.Random(0)
    channels = 3
    images = [[rng.randrange(256) for _ in range(1002)] for _ in range(16)]
    totals = [0.0] * channels
    for _ in range(1000):
        for image in images:
            normalized = normalize_pixels(image)
            corrected = apply_gamma(normalized, 2.2)
            means = channel_mean(corrected, channels)
            for c in range(channels):
                totals[c] += means[c]
    print("image_preprocess checksum: " + " ".join(f"{t:.6f}" for t in totals))


if __name__ == "__main__":
    main()

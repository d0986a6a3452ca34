"""A small workload for rustify's end-to-end tests (tests/e2e).

Float lists, an int function that overflows i64 for big inputs, a helper called by
another target, and a function that mutates its list argument. The `__main__` block
prints results on stdout, and on stderr what kind of object each function is, so a
test can see which ones `rustify run` swapped in.
"""

import sys


def scale_sum(xs: list[float], k: float) -> float:
    total = 0.0
    for x in xs:
        total += x * k
    return total


def clip(xs: list[float], hi: float) -> list[float]:
    return [x if x < hi else hi for x in xs]


def add_big(x: int, y: int) -> int:
    return x * y + 1


def bump(xs: list[float], delta: float) -> None:
    for i in range(len(xs)):
        xs[i] = xs[i] + delta


def sq(x: float) -> float:
    return x * x


def sum_sq(xs: list[float]) -> float:
    total = 0.0
    for x in xs:
        total += sq(x)
    return total


FUNCTIONS = ("scale_sum", "clip", "add_big", "bump", "sq", "sum_sq")

if __name__ == "__main__":
    data = [(i * 37 % 101) * 0.5 - 12.25 for i in range(1000)]
    work = [0.25] * 1000
    acc = 0.0
    big = 0
    for r in range(1500):
        acc += scale_sum(data, 1.5)
        acc += sum(clip(data, 20.0))
        big += add_big(r, r + 1)
        bump(work, 0.5)
        if r % 25 == 0:
            acc += sum_sq(data)
    print(f"acc = {acc!r}")
    print(f"big = {big}")
    print(f"work = {work[0]!r} {work[-1]!r}")
    print(f"add_big(2**40, 2**40) = {add_big(2**40, 2**40)}")
    print(f"add_big(2**70, 3) = {add_big(2**70, 3)}")
    kinds = {name: type(globals()[name]).__name__ for name in FUNCTIONS}
    print("kinds:", " ".join(f"{name}={kind}" for name, kind in kinds.items()), file=sys.stderr)

"""List arguments changed item by item: on the caller's list itself (passes/write_in_place.py)
where nothing after a store may deopt, else written back; partial changes before an error,
negative indexes, moved items (swaps) that stay the same objects, untouched items kept."""


def scale(xs: list[float], k: float) -> None:
    for i in range(len(xs)):
        xs[i] *= k


def set_first(xs: list[float], v: float) -> float:
    old = xs[0]
    xs[0] = v
    return old


def set_at(xs: list[int], i: int, v: int) -> int:
    xs[i] = v
    return len(xs)


def bubble_sort(xs: list[float]) -> int:
    swaps = 0
    n = len(xs)
    for i in range(n):
        for j in range(n - 1 - i):
            if xs[j] > xs[j + 1]:
                xs[j], xs[j + 1] = xs[j + 1], xs[j]
                swaps += 1
    return swaps


def reverse_in_place(xs: list[int]) -> None:
    i, j = 0, len(xs) - 1
    while i < j:
        t = xs[i]
        xs[i] = xs[j]
        xs[j] = t
        i += 1
        j -= 1


def clamp_until_bad(xs: list[float], lo: float, hi: float) -> int:
    done = 0
    for i in range(len(xs)):
        if xs[i] != xs[i]:
            raise ValueError(f"nan at {i}")
        xs[i] = min(max(xs[i], lo), hi)
        done += 1
    return done


def tripled(xs: list[int]) -> None:
    for i in range(len(xs)):
        xs[i] = xs[i] * 3


def flags(xs: list[bool], k: int) -> None:
    xs[k] = not xs[k]
    xs[-1] = True


def clip(xs: list[float], lo: float, hi: float) -> int:
    changed = 0
    for i in range(len(xs)):
        if xs[i] != xs[i]:
            raise ValueError(f"nan at {i}, after {changed} changes")
        if xs[i] < lo:
            xs[i] = lo
            changed += 1
        elif xs[i] > hi:
            xs[i] = hi
            changed += 1
    return changed


def insertion_sort(xs: list[float]) -> int:
    shifts = 0
    for i in range(1, len(xs)):
        key = xs[i]
        j = i - 1
        while j >= 0 and xs[j] > key:
            xs[j + 1] = xs[j]
            j -= 1
            shifts += 1
        xs[j + 1] = key
    return shifts


def swap_ends(xs: list[int]) -> int:
    first = xs[0]
    xs[0], xs[-1] = xs[-1], xs[0]
    return first

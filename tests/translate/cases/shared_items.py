"""Results holding items of a list argument: CPython's result holds the argument's own
item objects (`result[0] is xs[0]`), computed numbers are new objects; both kinds mixed,
returned from several places, read back, and lists that are sorted or stored into (which
stay lists of numbers)."""


def copy_all(xs: list[float]) -> list[float]:
    return xs[:]


def window(xs: list[float], a: int, b: int) -> list[float]:
    return xs[a:b]


def every_other(xs: list[int]) -> list[int]:
    return xs[::-2]


def positives(xs: list[float]) -> list[float]:
    return [x for x in xs if x > 0.0]


def clipped(xs: list[float], lo: float) -> list[float]:
    out = []
    for x in xs:
        if x >= lo:
            out.append(x)
        elif x != x:
            out.append(0.0)
    return out


def largest(xs: list[float]) -> float:
    if not xs:
        return -1.0
    best = xs[0]
    for x in xs:
        if x > best:
            best = x
    return best


def last_big(xs: list[int], limit: int) -> int:
    found = -1
    for i in range(len(xs)):
        if xs[i] > limit:
            found = xs[i]
    return found


def pairs_kept(xs: list[int]) -> list[int]:
    out = []
    for i in range(len(xs) - 1):
        if xs[i] == xs[i + 1]:
            out.append(xs[i])
    if len(out) > 2 and out[0] > out[-1]:
        out.append(out[0] + 1)
    return out


def sorted_copy(xs: list[float]) -> list[float]:
    out = [x for x in xs if x >= 0.0]
    return sorted(out)


def scaled_or_kept(xs: list[float], k: float) -> list[float]:
    out = []
    for x in xs:
        out.append(x * k if x < 0.0 else x)
    return out

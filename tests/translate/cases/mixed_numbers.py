"""Lists mixing ints and floats: each element keeps its own type (rt::Num)."""


def mixed_sum(xs: list[int | float]):
    return sum(xs)


def mixed_sum_from(xs: list[int | float], start: int):
    return sum(xs, start)


def mixed_max(xs: list[int | float]):
    return max(xs)


def mixed_min_key(xs: list[int | float]) -> int:
    best = 0
    for i in range(len(xs)):
        if xs[i] < xs[best]:
            best = i
    return best


def mixed_sorted(xs: list[int | float]) -> list[int | float]:
    return sorted(xs)


def mixed_scale(xs: list[int | float], k: int) -> list[int | float]:
    return [x * k for x in xs]


def mixed_halves(xs: list[int | float]) -> list[float]:
    return [x / 2 for x in xs]


def mixed_floordiv(xs: list[int | float], d: int) -> list[int | float]:
    return [x // d for x in xs]


def mixed_contains(xs: list[int | float], x: int) -> bool:
    return x in xs


def mixed_index(xs: list[int | float], x: float) -> int:
    return xs.index(x)


def mixed_abs_neg(xs: list[int | float]) -> list[int | float]:
    return [-abs(x) for x in xs]


def mixed_round(xs: list[int | float]) -> list[int]:
    return [round(x) for x in xs if isinstance_free(x)]


def isinstance_free(x: int | float) -> bool:
    return x == x


def mixed_append(xs: list[int | float], x: float) -> int:
    xs.append(x)
    xs[0] = 1 if len(xs) > 1 else xs[0]
    return len(xs)


def num_pow(a: int | float, b: int | float):
    return a ** b


def num_floordiv_mod(a: int | float, b: int | float):
    return a // b, a % b


def num_truediv(a: int | float, b: int | float) -> float:
    return a / b


def num_compare(a: int | float, b: int | float) -> bool:
    return a < b or a == b and a >= 0


def num_or_default(a: int, b: float):
    return a or b


def num_conditional(a: int, b: float, flag: bool):
    return a if flag else b


def num_divmod(a: int | float, b: int | float):
    return divmod(a, b)

"""Builtins: abs, min/max (NaN order, empty input), sum, round, divmod, conversions,
sorted, len, pow, any/all."""


def abs_float(x: float) -> float:
    return abs(x)


def abs_int(a: int) -> int:
    return abs(a)


def max_of_two(a: float, b: float) -> float:
    return max(a, b)


def min_of_two(a: float, b: float) -> float:
    return min(a, b)


def max_of_three_mixed(a: int, b: float, c: int):
    return max(a, b, c)


def min_of_ints(a: int, b: int) -> int:
    return min(a, b, 0)


def max_list(xs: list[float]) -> float:
    return max(xs)


def min_list(xs: list[float]) -> float:
    return min(xs)


def max_int_list(xs: list[int]) -> int:
    return max(xs)


def sum_floats(xs: list[float]):
    return sum(xs)


def sum_ints(xs: list[int]) -> int:
    return sum(xs)


def sum_with_start(xs: list[float], start: float) -> float:
    return sum(xs, start)


def sum_ints_with_start(xs: list[int], start: int) -> int:
    return sum(xs, start)


def round_to_int(x: float) -> int:
    return round(x)


def round_digits(x: float, n: int) -> float:
    return round(x, n)


def round_int_digits(a: int, n: int) -> int:
    return round(a, n)


def divmod_ints(a: int, b: int) -> tuple[int, int]:
    return divmod(a, b)


def divmod_floats(a: float, b: float) -> tuple[float, float]:
    return divmod(a, b)


def to_int(x: float) -> int:
    return int(x)


def to_float(n: int) -> float:
    return float(n)


def float_to_bool(x: float) -> bool:
    return bool(x)


def list_to_bool(xs: list[int]) -> bool:
    return bool(xs)


def bool_to_int(flag: bool) -> int:
    return int(flag)


def sorted_floats(xs: list[float]) -> list[float]:
    return sorted(xs)


def sorted_desc(xs: list[int]) -> list[int]:
    return sorted(xs, reverse=True)


def sorted_floats_desc(xs: list[float]) -> list[float]:
    return sorted(xs, reverse=True)


def length(xs: list[float]) -> int:
    return len(xs)


def pow_builtin(x: float, n: int) -> float:
    return pow(x, n)


def any_list(xs: list[int]) -> bool:
    return any(xs)


def all_list(xs: list[float]) -> bool:
    return all(xs)


def list_copy_builtin(xs: list[int]) -> list[int]:
    ys = list(xs)
    ys.append(len(xs))
    return ys


def count_true(flags: list[bool]) -> int:
    return sum(flags)


def count_above(xs: list[float], t: float) -> int:
    return sum(x > t for x in xs)


def any_flags(flags: list[bool]) -> bool:
    return any(flags) and not all(flags)


def kinds_of_numbers(xs: list[int | float]) -> list[int]:
    return [isinstance(x, int) + 2 * isinstance(x, float) + 4 * isinstance(x, (int, float)) for x in xs]


def kinds_of_native_values(n: int, flag: bool, s: str, xs: list[float], t: tuple[int, str]) -> tuple[bool, ...]:
    return (isinstance(n, float), isinstance(flag, int), isinstance(flag, bool), isinstance(s, (bytes, str)),
            isinstance(xs, list), isinstance(t, tuple), isinstance(n, object))


def kind_of_optional(x: float | None) -> str:
    if isinstance(x, float):
        return "float"
    return "other"


def empty_constructors(n: int) -> tuple[int, float, bool, str, bytes]:
    total = int()
    for i in range(n):
        total += i
    return total, float() + total, bool(), str(), bytes()

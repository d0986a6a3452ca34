"""Arithmetic traps: 64-bit overflow, floor division and modulo signs, true division,
`**` with negative and fractional exponents, bools as numbers, -0.0."""


def add_int(a: int, b: int) -> int:
    return a + b


def sub_int(a: int, b: int) -> int:
    return a - b


def mul_int(a: int, b: int) -> int:
    return a * b


def neg_int(a: int) -> int:
    return -a


def poly_int(a: int, b: int, c: int) -> int:
    return a * a - 3 * b + c * 7 - 1


def floordiv_int(a: int, b: int) -> int:
    return a // b


def mod_int(a: int, b: int) -> int:
    return a % b


def floordiv_float(a: float, b: float) -> float:
    return a // b


def mod_float(a: float, b: float) -> float:
    return a % b


def floordiv_mixed(a: int, b: float) -> float:
    return a // b


def mod_mixed(a: float, b: int) -> float:
    return a % b


def truediv_int(a: int, b: int) -> float:
    return a / b


def truediv_float(a: float, b: float) -> float:
    return a / b


def add_mixed(a: int, b: float) -> float:
    return a + b


def mul_mixed(a: float, b: int) -> float:
    return a * b


def cube(a: int) -> int:
    return a ** 3


def pow_int(a: int, b: int):
    return a ** b


def pow_float(a: float, b: float) -> float:
    return a ** b


def pow_float_int(a: float, b: int) -> float:
    return a ** b


def pow_negative_exponent(a: int) -> float:
    return a ** -2


def square_root_by_pow(x: float) -> float:
    return x ** 0.5


def zero_to_negative_power() -> float:
    base = 0.0
    return base ** -1


def negative_to_fractional_power(x: float) -> float:
    return (-abs(x) - 1.0) ** 0.5


def bools_add(a: bool, b: bool) -> int:
    return a + b * 2


def bool_times_float(flag: bool, x: float) -> float:
    return flag * x


def bool_floordiv(a: int, flag: bool) -> int:
    return a // flag


def negate_float(x: float) -> float:
    return -x


def zero_minus(x: float) -> float:
    return 0.0 - x


def neg_zero_product(x: float) -> float:
    return -0.0 * x


def shift_left(a: int, n: int) -> int:
    return a << n


def shift_right(a: int, n: int) -> int:
    return a >> n


def bit_mix(a: int, b: int) -> int:
    return (a & b) | (a ^ ~b)


def int_float_compare(a: int, x: float) -> bool:
    return a < x or a == x


def augmented_ops(a: int, b: int) -> int:
    a += b
    a *= 3
    a -= b
    a //= 2
    a %= 1000003
    return a


def float_augmented(x: float, y: float) -> float:
    x += y
    x *= 0.5
    x /= y
    x -= 1.0
    return x

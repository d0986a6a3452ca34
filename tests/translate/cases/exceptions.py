"""try / except / else / finally inside translated code."""


def safe_div(a: int, b: int):
    try:
        return a // b
    except ZeroDivisionError:
        return 0


def item_or_default(xs: list[float], i: int):
    try:
        v = xs[i]
    except IndexError:
        v = -1.0
    return v


def lookup_family(xs: list[int], i: int, d: int):
    total = 0
    try:
        total = xs[i] // d
    except LookupError:
        total = -1
    except ArithmeticError:
        total = -2
    return total


def tuple_handler(xs: list[int], i: int):
    try:
        return 100 // xs[i]
    except (IndexError, ZeroDivisionError):
        return -1


def with_else_finally(xs: list[int], i: int):
    log = []
    try:
        v = xs[i]
    except IndexError:
        log.append(-1)
        v = 0
    else:
        log.append(v)
    finally:
        log.append(99)
    log.append(v)
    return log


def reraise_after_count(xs: list[int], d: int):
    n = 0
    try:
        for x in xs:
            n += x // d
    except ZeroDivisionError:
        n = -1
        raise
    return n


def finally_on_raise(xs: list[int], i: int):
    seen = [0]
    try:
        try:
            return xs[i]
        finally:
            seen[0] = 1
    except IndexError:
        return -seen[0]


def catch_all_raise(x: int):
    try:
        if x > 10:
            raise ValueError("too big")
        if x < 0:
            raise KeyError("negative")
        return x
    except Exception:
        return -1


def nested_handlers(a: int, b: int):
    try:
        return a // b
    except ZeroDivisionError:
        try:
            return b // a
        except ZeroDivisionError:
            return 0


def overflow_in_try(a: int, b: int):
    try:
        return a * b
    except OverflowError:
        return -1


def uncaught_passes(xs: list[int], i: int):
    try:
        return xs[i] // 2
    except ZeroDivisionError:
        return -1


def loop_with_try(xs: list[int], d: int):
    out = []
    for x in xs:
        try:
            out.append(x // d)
        except ZeroDivisionError:
            out.append(0)
    return out


def checked_ratio(a: float, b: float):
    if b == 0.0:
        raise ValueError(f"cannot divide {a} by zero")
    if a < 0:
        raise ArithmeticError("negative: " + str(a))
    return a / b


def checked_index(xs: list[int], i: int):
    assert 0 <= i < len(xs), f"index {i} out of range for {len(xs)} items"
    return xs[i]


def message_from_variable(name: str, n: int):
    msg = f"{name}: {n}"
    if n > 3:
        raise KeyError(msg)
    if n < 0:
        raise IndexError(msg)
    return len(msg)


def parse_or_message(s: str, d: int):
    try:
        return str(int(s) + d)
    except ValueError as e:
        return f"bad input: {e}"


def missing_key_message(d: dict[str, int], k: str, fail: int):
    try:
        if fail == 1:
            raise KeyError(k + "!")
        if fail == 2:
            raise LookupError
        return str(d[k])
    except LookupError as err:
        return "missing " + str(err)


def nested_messages(xs: list[int], i: int, d: int):
    try:
        v = xs[i]
        try:
            return str(v // d)
        except ZeroDivisionError as inner:
            return "inner " + str(inner) + " " + str(v)
    except IndexError as outer:
        return f"outer {outer}"

"""A pricing module as programs write them: module settings, a helper other code may
replace, a counter that returns the dict it was given, errors without a message.
(tests/e2e/test_module_state.py: rustify must follow every rebinding.)"""

TAX = 1.0
MAX_ITEMS = 8
ROUNDING = True


def unit_cost(price: float, qty: int) -> float:
    return price * qty


def line_total(price: float, qty: int, discount: float = 0.0) -> float:
    """The price of `qty` items, capped at MAX_ITEMS, taxed and rounded.

    Settings are read at each call."""
    q = min(qty, MAX_ITEMS)
    total = (unit_cost(price, q) - discount) * TAX
    if ROUNDING:
        total = round(total, 2)
    return total


def basket_total(prices: list[float], qtys: list[int]) -> float:
    s = 0.0
    for i in range(len(prices)):
        s += line_total(prices[i], qtys[i])
    return s


def tally(stats: dict[str, int], words: list[str]) -> dict[str, int]:
    for w in words:
        stats[w] = stats.get(w, 0) + 1
    return stats


def checked_root(x: float) -> float:
    if x < 0:
        raise ValueError
    assert x < 1e300
    return x ** 0.5

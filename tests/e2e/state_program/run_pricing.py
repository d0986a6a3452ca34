"""Drives pricing.py: a workload, then a configuration change, a patched helper,
identity and exception checks, each printed so plain and rustify runs can be compared."""
import sys

import pricing

prices = [1.5 + (i % 7) * 0.25 for i in range(300)]
qtys = [i % 12 for i in range(300)]
total = 0.0
for _ in range(400):
    total += pricing.basket_total(prices, qtys)
    total += pricing.checked_root(total % 97.0)
print("workload", repr(total))

pricing.TAX, pricing.MAX_ITEMS, pricing.ROUNDING = 1.2, 3, False  # a config loaded later
print("configured", repr(pricing.basket_total(prices, qtys)), repr(pricing.line_total(2.5, 7)))

original_unit_cost = pricing.unit_cost
pricing.unit_cost = lambda price, qty: 100.0  # a test double
print("patched", repr(pricing.basket_total(prices, qtys)))
pricing.unit_cost = original_unit_cost
print("restored", repr(pricing.basket_total(prices, qtys)))

stats: dict[str, int] = {}
for _ in range(200):
    result = pricing.tally(stats, ["a", "b", "a"])
result["c"] = 1
print("same dict", result is stats, sorted(stats.items()))

for bad in (-1.0, 1e301):
    try:
        pricing.checked_root(bad)
    except (ValueError, AssertionError) as exc:
        print("error", type(exc).__name__, exc.args, repr(exc))

kinds = {n: type(getattr(pricing, n)).__name__ for n in ("line_total", "basket_total", "tally", "checked_root")}
print("kinds:", " ".join(f"{k}={v}" for k, v in kinds.items()), file=sys.stderr)

"""A workload for the report's end-to-end test (tests/e2e/test_report_pipeline.py): one
function on floats (native), one on instances of a class (the object tier), one that
cannot be translated (a nested def writing `nonlocal`), and small ones below any threshold.
"""

import re

WORD = re.compile(r"[a-z]+")


class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = balance


def norm2(xs):
    total = 0.0
    for x in xs:
        total += x * x
    return total


def apply_interest(accounts, rate):
    paid = 0.0
    for a in accounts:
        gain = a.balance * rate
        a.balance += gain
        paid += gain
    return paid


def count_words(lines):
    counts = {}
    for line in lines:
        for w in WORD.findall(line):
            counts[w] = counts.get(w, 0) + 1
    total = 0

    def add(n):
        nonlocal total
        total += n

    for n in counts.values():
        add(n)
    return total


def opening(n):
    return [Account(f"a{i}", 100.0 + i) for i in range(n)]


if __name__ == "__main__":
    xs = [i * 0.001 for i in range(4000)]
    accounts = opening(2000)
    lines = ["the quick brown fox jumps over the lazy dog"] * 60
    s = 0.0
    for r in range(600):
        s += norm2(xs)
        s += apply_interest(accounts, 0.0001)
        s += count_words(lines)
    print(round(s, 3))

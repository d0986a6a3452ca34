"""Everyday builtins and methods as run tests of a Python-to-C compiler use them:
`int()`, `tuple(xs)`, `dict(zip(...))`, `bytes(...)`, `min`/`max` of a str, `is`,
`in`, set methods, `str.split(sep, maxsplit)`, `str.find(sub, start, end)`."""


def tally(words):
    counts = {}
    for w in words:
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
    return counts


def zip_to_dict(keys, values):
    return dict(zip(keys, values))


def frozen_key(xs):
    key = tuple(xs)
    return key


def checksum(data):
    buf = bytes(data)
    total = int()
    for b in buf:
        total = (total * 31 + b) % 65521
    return total


def zero_block(n):
    return bytes(n) + b"\x01"


def letter_span(s):
    return min(s) + max(s)


def same_choice(a, b, flag):
    chosen = a if flag else b
    return chosen is a


def count_vowels(s):
    count = 0
    for ch in s:
        if ch in "aeiouAEIOU":
            count += 1
    return count


def remaining(items, drop):
    s = set(items)
    for d in drop:
        if d in s:
            s.remove(d)
    return len(s)


def union_size(groups):
    s = set()
    for g in groups:
        s.update(g)
    return len(s)


def key_value(line):
    key, value = line.split("=", 1)
    return key.strip(), value.strip()


def find_all(text, sub):
    out = []
    i = text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def field_end(line, start, end):
    return line.find(",", start, end)


def has_key(d, k):
    return k in d


def workload():
    for _ in range(100):
        tally("a b a c b a d".split())
        zip_to_dict(["x", "y", "z"], [1, 2, 3])
        frozen_key([3, 1, 2])
        checksum([1, 2, 3, 250, 7])
        zero_block(8)
        letter_span("hello world")
        same_choice(1.5, 2.5, True)
        count_vowels("The quick brown fox jumps over the lazy dog")
        remaining([1, 2, 3, 4, 5], [2, 4, 9])
        union_size([[1, 2], [2, 3], [5]])
        key_value("name = a=b")
        find_all("abracadabra", "a")
        field_end("a,b,c,d", 2, 6)
        has_key({"a": 1}, "a")


if __name__ == "__main__":
    workload()

"""Behaviour cases: dicts (insertion order, KeyError, get/setdefault/pop/update, views,
comprehensions, write-back of a changed dict argument) and sets without iteration."""


def count_pairs(ids: list[int]) -> dict[tuple[int, int], int]:
    counts = {}
    for i in range(len(ids) - 1):
        pair = (ids[i], ids[i + 1])
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def histogram(xs: list[int]) -> dict[int, int]:
    h: dict[int, int] = {}
    for x in xs:
        if x in h:
            h[x] += 1
        else:
            h[x] = 1
    return h


def lookup(d: dict[int, float], k: int) -> float:
    return d[k]


def lookup_pair(d: dict[tuple[int, int], int], a: int, b: int) -> int:
    return d[(a, b)]


def get_or(d: dict[int, int], k: int) -> int:
    return d.get(k, -1)


def get_float_default(d: dict[int, float], k: int) -> float:
    return d.get(k, 0)


def get_optional(d: dict[int, int], k: int) -> int | None:
    return d.get(k)


def has_key(d: dict[int, int], k: int) -> bool:
    return k in d and k + 1 not in d


def size(d: dict[int, int]) -> int:
    return len(d)


def keys_in_order(d: dict[int, int]) -> list[int]:
    out = []
    for k in d:
        out.append(k)
    return out


def values_sum(d: dict[int, float]) -> float:
    total = 0.0
    for v in d.values():
        total += v
    return total


def items_best(d: dict[tuple[int, int], int]) -> tuple[int, int]:
    best = (-1, -1)
    best_count = 0
    for pair, count in d.items():
        if count > best_count:
            best = pair
            best_count = count
    return best


def keys_list(d: dict[int, int]) -> list[int]:
    return list(d.keys())


def items_list(d: dict[int, int]) -> list[tuple[int, int]]:
    return list(d.items())


def literal_dict(a: int, b: int) -> dict[int, int]:
    d = {a: 1, b: 2, a + b: 3}
    return d


def reinsert_order(xs: list[int]) -> list[int]:
    d = {}
    for x in xs:
        d[x % 5] = x
    del d[xs[0] % 5]
    d[xs[0] % 5] = 0
    return list(d)


def pop_default(d: dict[int, int], k: int) -> int:
    x = d.pop(k, 0)
    return x + len(d)


def pop_missing(d: dict[int, int], k: int) -> int:
    return d.pop(k)


def delete_key(d: dict[int, int], k: int) -> int:
    del d[k]
    return len(d)


def set_in_place(d: dict[int, int], k: int, v: int) -> None:
    d[k] = v


def setdefault_lists(xs: list[int]) -> dict[int, int]:
    firsts: dict[int, int] = {}
    for i in range(len(xs)):
        firsts.setdefault(xs[i] % 7, i)
    return firsts


def groups(xs: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for x in xs:
        key = x % 3
        if key not in out:
            out[key] = []
        out[key] = out[key] + [x]
    return out


def merged(a: dict[int, int], b: dict[int, int]) -> dict[int, int]:
    c = a.copy()
    c.update(b)
    return c


def squares(n: int) -> dict[int, int]:
    return {i: i * i for i in range(n) if i % 2 == 0}


def invert(d: dict[int, int]) -> dict[int, int]:
    return {v: k for k, v in d.items()}


def float_values(xs: list[float]) -> dict[int, list[float]]:
    d = {0: [0.0]}
    for i in range(len(xs)):
        d[i] = [xs[i], xs[i] * 2.0]
    return d


def truthy_dict(d: dict[int, int]) -> bool:
    if d:
        return True
    return False


def distinct_count(xs: list[int]) -> int:
    seen = set()
    for x in xs:
        seen.add(x)
    return len(seen)


def set_membership(xs: list[int], k: int) -> bool:
    s = {x * 2 for x in xs}
    s.discard(k)
    return k in s or k + 1 in s


def set_literal(a: int) -> int:
    s = {1, 2, a}
    return len(s)


def set_param(s: set[int], k: int) -> bool:
    return k in s


def pair_keys(n: int) -> int:
    d: dict[tuple[int, int], int] = {}
    for i in range(n):
        for j in range(n):
            d[(i % 3, j % 2)] = i + j
    return len(d) + d[(0, 0)]


def sort_by_second(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(pairs, key=lambda p: p[1])


def sort_desc_stable(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(pairs, key=lambda p: p[0] % 3, reverse=True)


def sort_floats_by_abs(xs: list[float]) -> list[float]:
    return sorted(xs, key=lambda x: abs(x))


def most_common(xs: list[int]) -> int:
    counts: dict[int, int] = {}
    for x in xs:
        counts[x] = counts.get(x, 0) + 1
    return max(counts, key=counts.get)


def first_max_by(xs: list[int]) -> int:
    return max(xs, key=lambda x: x % 4)


def first_min_by(pairs: list[tuple[int, int]]) -> tuple[int, int]:
    return min(pairs, key=lambda p: (p[1], p[0] % 2))


def sorted_keys(d: dict[int, int]) -> list[int]:
    return sorted(d)


def largest_value(d: dict[int, float]) -> float:
    return max(d.values())


def items_by_value(d: dict[int, int]) -> list[tuple[int, int]]:
    return sorted(d.items(), key=lambda kv: kv[1], reverse=True)


def word_counts(words: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    return counts


def str_lookup(d: dict[str, int], k: str) -> int:
    return d[k]


def longest_first(words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: len(w), reverse=True)


def sorted_distinct(xs: list[int]) -> list[int]:
    return sorted(set(xs))


def distinct_desc(xs: list[int]) -> list[int]:
    seen = {x % 10 for x in xs}
    return sorted(seen, reverse=True)


def set_extremes(s: set[int]) -> int:
    if not s:
        return 0
    return max(s) - min(s)


def sorted_str_set(words: list[str]) -> list[str]:
    return sorted(set(words))


def total_values(d: dict[int, float]) -> float:
    return sum(d.values())


def count_items(d: dict[int, int]) -> int:
    return len(d.items()) + sum(d.keys())


def any_negative_value(d: dict[int, int]) -> bool:
    return any(v < 0 for v in d.values())


def set_result(xs: list[int]) -> set[int]:
    s = {x % 7 for x in xs}
    s.add(100)
    return s


def bytes_lookup(d: dict[bytes, int], k: bytes) -> int:
    return d[k] + len(d)


def byte_pair_counts(data: bytes) -> dict[bytes, int]:
    counts: dict[bytes, int] = {}
    for i in range(len(data) - 1):
        pair = data[i:i + 2]
        counts[pair] = counts.get(pair, 0) + 1
    return counts


def pairs_to_dict(keys: list[str], values: list[int]) -> dict[str, int]:
    return dict(zip(keys, values))


def dict_of_pairs(pairs: list[tuple[int, float]]) -> dict[int, float]:
    d = dict(pairs)
    d[-1] = 0.5
    return d


def dict_copied(d: dict[str, int]) -> dict[str, int]:
    e = dict(d)
    e["new"] = len(d)
    return e


def removed_from_set(items: list[int], drop: list[int]) -> int:
    s = set(items)
    for d in drop:
        s.remove(d)
    return len(s)


def union_of_groups(groups: list[list[int]], words: list[str]) -> tuple[int, int]:
    s = set()
    for g in groups:
        s.update(g)
    t = {"x"}
    t.update(words, "ab")
    return len(s), len(t)


def key_of_another_type(d: dict[int, int], s: set[str], word: str, k: int) -> tuple[bool, bool, bool]:
    return word in d, k in s, (k, k) not in d


def words_by_frequency(text: str) -> list[tuple[str, int]]:
    freq = {}
    for word in text.lower().split():
        freq[word] = freq.get(word, 0) + 1
    return sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))


def longest_known_prefix(text: str, table: dict[str, int]) -> int:
    for size in range(min(8, len(text)), 0, -1):
        if text[:size] in table:
            return table[text[:size]]
    return -len(table)


def weights_of(table: dict[str, float], keys: list[str]) -> float:
    total = 0.0
    for k in keys:
        total += table.get(k, 0.5)
        w = table.get(k)
        if w is not None and w > 1.0:
            total -= 1.0
    return total

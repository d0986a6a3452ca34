"""Functions that change their list arguments in place: the caller must see the
change, also when the function raises afterwards; the same list passed twice."""


def double_in_place(xs: list[float]) -> None:
    for i in range(len(xs)):
        xs[i] *= 2


def append_squares(xs: list[int], n: int) -> None:
    for i in range(n):
        xs.append(i * i)


def mutate_then_raise(xs: list[int], k: int) -> int:
    xs.append(k)
    xs[0] = 99
    if k < 0:
        raise ValueError("k must be non-negative")
    return len(xs)


def append_then_index_error(xs: list[float], i: int) -> None:
    xs.append(1.5)
    xs[i] = 0.0


def add_into(dst: list[float], src: list[float]) -> None:
    for i in range(min(len(dst), len(src))):
        dst[i] += src[i]


def extend_twice(xs: list[int], ys: list[int]) -> int:
    xs.extend(ys)
    xs.extend(ys)
    return len(xs)


def swap_ends(xs: list[int]) -> None:
    if xs:
        xs[0], xs[-1] = xs[-1], xs[0]


def drain(xs: list[float]) -> float:
    s = 0.0
    while xs:
        s += xs.pop()
    return s


def clear_list(xs: list[int]) -> int:
    n = len(xs)
    xs.clear()
    return n


def insert_front(xs: list[int], v: int) -> None:
    xs.insert(0, v)


def mutate_via_helper(xs: list[float]) -> None:
    double_in_place(xs)
    xs.append(0.0)


def move_first(src: list[int], dst: list[int]) -> int:
    if src:
        dst.append(src.pop(0))
    return len(src) * 100 + len(dst)


def reverse_in_place(xs: list[float]) -> None:
    xs.reverse()


def count_and_mark(xs: list[int], seen: list[list[int]]) -> int:
    xs.append(1)
    return len(seen[0]) if seen else -1


def overflow_after_mutation(xs: list[int], k: int) -> int:
    xs.append(k)
    return k * k * k


def add_ratio(xs: list[float], i: int, k: float) -> None:
    xs[i] += 1.0 / k


def grow_while_iterating(xs: list[int]) -> int:
    n = 0
    for x in xs:
        n += 1
        if x > 0 and len(xs) < 40:
            xs.append(x - 1)
    return n


def shifted_bytes(text: str) -> list[int]:
    """`list()` of bytes is a new list of ints: changing it changes nothing else."""
    tokens = list(text.encode("utf-8"))
    for i in range(len(tokens)):
        tokens[i] = (tokens[i] + 1) % 256
    return tokens


def copies_changed(xs: list[float]) -> list[float]:
    """Three copies of an argument, each changed; one extended by another (its floats)."""
    a = xs.copy()
    b = xs[:]
    c = list(xs)
    if a:
        a[0] = -a[0]
    b.append(2.5)
    c.extend(a)
    a.append(1.0)
    return a + b + c + xs


def words_upper(line: str) -> list[str]:
    """`str.split()` makes a new list of strs."""
    words = line.split()
    for i in range(len(words)):
        words[i] = words[i] + "!"
    words.reverse()
    return words


def nested_rows_read(rows: list[list[float]], cols: list[int]) -> float:
    """Items of rows read in place (`rows[i][j]`, `len(rows[i])`), rows of rows never copied."""
    total = 0.0
    for i in range(len(rows)):
        for j in cols:
            if 0 <= j < len(rows[i]):
                total += rows[i][j] * rows[i][-1]
    return total

"""Parts of a str argument read where CPython keeps them (passes/str_pieces.py): split
fields, strips, items of a list of fields, compared, parsed, measured; and the same
parts kept, returned or used as keys, which must become strs of their own."""


def sum_fields(line: str) -> float:
    total = 0.0
    for field in line.strip().split(","):
        field = field.strip()
        if field:
            total += float(field)
    return total


def parse_ints(line: str) -> list[int]:
    out = []
    for w in line.split():
        out.append(int(w))
    return out


def count_fields(line: str, sep: str) -> int:
    return len(line.split(sep))


def first_and_last(line: str) -> tuple[float, int]:
    parts = line.split(";")
    return float(parts[0]), int(parts[-1].strip())


def count_equal(line: str, word: str) -> int:
    n = 0
    for w in line.split(" "):
        if w == word:
            n += 1
        elif w.strip() != word and w.startswith("#"):
            n -= 1
    return n


def tagged(text: str) -> int:
    n = 0
    for w in text.split():
        if w.startswith("<") and w.endswith(">"):
            n += len(w)
        elif w.rstrip(".").lstrip() == "end":
            break
    return n


def kept_words(line: str) -> list[str]:
    out = []
    for w in line.split(","):
        w = w.strip()
        if w:
            out.append(w)
    return out


def word_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def header_and_values(line: str) -> tuple[str, float]:
    parts = line.split(":")
    name = parts[0].strip()
    total = 0.0
    for v in parts[1].split(","):
        if v.strip():
            total += float(v)
    return name, total


def last_field(line: str) -> str:
    field = ""
    for f in line.split(","):
        if f.strip():
            field = f
    return field


def stripped_len(line: str) -> int:
    s = line.strip()
    return len(s) + len(s.split())


def nested_split(text: str) -> float:
    total = 0.0
    for row in text.split("\n"):
        for cell in row.split("|"):
            cell = cell.strip()
            if cell and cell != "-":
                total += float(cell)
    return total


def unquoted(s: str) -> str:
    return s.strip().strip('"')


def tab_fields(line: str) -> list[str]:
    return line.rstrip("\n").split("\t")


def second_field(line: str, sep: str) -> str:
    parts = line.split(sep)
    if len(parts) > 1:
        return parts[1].strip()
    return parts[0]


def stripped_or_empty(line: str) -> str:
    if not line:
        return "empty"
    return line.strip()


def longer_stripped(a: str, b: str) -> str:
    if len(a) > len(b):
        return a.strip()
    return b.lstrip()


def words_of_both(a: str, b: str) -> int:
    return len(unquoted(a)) + len(tab_fields(b))


def same_or_stripped(a: str, flag: bool) -> str:
    if flag:
        return a
    return a.strip()

"""str and bytes: by code point, with CPython's methods, parsing and error messages."""


def parse_csv_row(line: str) -> list[float]:
    values = []
    for field in line.strip().split(","):
        field = field.strip()
        if field:
            values.append(float(field))
    return values


def str_len(s: str) -> int:
    return len(s)


def char_at(s: str, i: int) -> str:
    return s[i]


def last_char(s: str) -> str:
    return s[-1]


def slice_mid(s: str, a: int, b: int) -> str:
    return s[a:b]


def slice_step(s: str, step: int) -> str:
    return s[::step]


def slice_all(s: str, a: int, b: int, c: int) -> str:
    return s[a:b:c]


def reverse_text(s: str) -> str:
    return s[::-1]


def count_vowels(s: str) -> int:
    n = 0
    for c in s:
        if c in "aeiouAEIOU":
            n += 1
    return n


def concat(a: str, b: str) -> str:
    return a + b + a


def repeat(s: str, n: int) -> str:
    return s * n


def repeat_left(s: str, n: int) -> str:
    return n * s


def accumulate(s: str) -> str:
    out = ""
    for c in s:
        out += c + "."
    return out


def compare_eq(a: str, b: str) -> tuple[bool, bool]:
    return a == b, a != b


def compare_order(a: str, b: str) -> tuple[bool, bool, bool, bool]:
    return a < b, a <= b, a > b, a >= b


def contains(hay: str, needle: str) -> bool:
    return needle in hay


def not_contains(hay: str, needle: str) -> bool:
    return needle not in hay


def fmt_int_str(x: int, name: str) -> str:
    return f"{x}-{name}"


def fmt_float(x: float) -> str:
    return f"x={x}!"


def fmt_bool(flag: bool, n: int) -> str:
    return f"{flag}/{n}/{n > 0}"


def str_of_int(x: int) -> str:
    return str(x)


def str_of_float(x: float) -> str:
    return str(x)


def parse_int(s: str) -> int:
    return int(s)


def parse_float(s: str) -> float:
    return float(s)


def ord_of(s: str) -> int:
    return ord(s)


def chr_of(i: int) -> str:
    return chr(i)


def caesar(s: str, k: int) -> str:
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((ord(c) - ord("a") + k) % 26 + ord("a")))
        else:
            out.append(c)
    return "".join(out)


def split_ws(s: str) -> list[str]:
    return s.split()


def split_sep(s: str, sep: str) -> list[str]:
    return s.split(sep)


def split_comma(s: str) -> list[str]:
    return s.split(",")


def strips(s: str) -> tuple[str, str, str]:
    return s.strip(), s.lstrip(), s.rstrip()


def strip_chars(s: str, chars: str) -> tuple[str, str, str]:
    return s.strip(chars), s.lstrip(chars), s.rstrip(chars)


def prefix_suffix(s: str, p: str) -> tuple[bool, bool]:
    return s.startswith(p), s.endswith(p)


def join_words(words: list[str], sep: str) -> str:
    return sep.join(words)


def join_upper(words: list[str]) -> str:
    return "-".join([w.upper() for w in words])


def replace_all(s: str, old: str, new: str) -> str:
    return s.replace(old, new)


def find_sub(s: str, sub: str) -> int:
    return s.find(sub)


def lower_upper(s: str) -> tuple[str, str]:
    return s.lower(), s.upper()


def predicates(s: str) -> tuple[bool, bool, bool]:
    return s.isdigit(), s.isalpha(), s.isspace()


def encode_text(s: str) -> bytes:
    return s.encode()


def decode_bytes(b: bytes) -> str:
    return b.decode()


def roundtrip(s: str) -> str:
    return s.encode("utf-8").decode()


def truthy_text(s: str) -> int:
    if s:
        return 1
    return 0


def first_or_default(s: str) -> str:
    return s or "default"


def words_in_list(words: list[str], w: str) -> bool:
    return w in words


def longest_word(text: str) -> str:
    best = ""
    for w in text.split():
        if len(w) > len(best):
            best = w
    return best


def char_list(s: str) -> list[str]:
    return list(s)


def count_char(s: str, c: str) -> int:
    n = 0
    for i in range(len(s)):
        if s[i] == c:
            n += 1
    return n


def sum_digits(s: str) -> int:
    total = 0
    for c in s:
        if c.isdigit():
            total += int(c)
    return total


def tokenize_ints(s: str) -> list[int]:
    return [int(t) for t in s.split(",") if t.strip()]


def bytes_len(b: bytes) -> int:
    return len(b)


def byte_at(b: bytes, i: int) -> int:
    return b[i]


def bytes_slice(b: bytes, a: int, c: int) -> bytes:
    return b[a:c]


def bytes_sum(b: bytes) -> int:
    total = 0
    for x in b:
        total += x
    return total


def bytes_list(b: bytes) -> list[int]:
    return list(b)


def bytes_concat(a: bytes, b: bytes) -> bytes:
    return a + b


def bytes_compare(a: bytes, b: bytes) -> tuple[bool, bool, bool]:
    return a == b, a < b, a >= b


def byte_in(b: bytes, x: int) -> bool:
    return x in b


def bytes_in(b: bytes, sub: bytes) -> bool:
    return sub in b


def checksum_line(line: str) -> int:
    h = 0
    for c in line:
        h = (h * 31 + ord(c)) % 1000003
    return h


def tokenize(text: str, vocab: dict[str, int]) -> list[int]:
    max_len = 1
    for token in vocab:
        if len(token) > max_len:
            max_len = len(token)
    ids = []
    i = 0
    while i < len(text):
        match_id = 0
        match_len = 1
        for length in range(min(max_len, len(text) - i), 0, -1):
            piece = text[i:i + length]
            if piece in vocab:
                match_id = vocab[piece]
                match_len = length
                break
        ids.append(match_id)
        i += match_len
    return ids


def word_counts(text: str) -> dict[str, int]:
    counts = {}
    for w in text.split():
        counts[w] = counts.get(w, 0) + 1
    return counts


def in_tuple_of_strs(c: str) -> bool:
    return c in ("a", "\u00e9", "") or c not in ["x", "y"]


def unicode_literals(s: str) -> str:
    return s.replace("\u202e", "<rlo>") + "\u65e5\U0001f389\x00\x7f\""


def enumerate_chars(s: str) -> list[tuple[int, str]]:
    return [(i, c) for i, c in enumerate(s)]


def zip_texts(a: str, b: bytes) -> list[str]:
    out = []
    for c, x in zip(a, b):
        out.append(c * (x % 3))
    return out


def bytes_build(b: bytes, n: int) -> bytes:
    out = b""
    for _ in range(n):
        out += b[:2]
    return out * 2


def shout(words: list[str]) -> list[str]:
    return [w + "!" for w in words if w]


def strip_param(s: str) -> int:
    s = s.strip()
    s = s.lstrip("-")
    return len(s)


def searches(s: str, sub: str) -> tuple[int, int, int]:
    return s.find(sub), s.rfind(sub), s.count(sub)


def index_of(s: str, sub: str) -> int:
    return s.index(sub)


def alnum(s: str) -> bool:
    return s.isalnum()


def byte_counts(data: list[bytes]) -> dict[bytes, int]:
    counts = {}
    for b in data:
        counts[b] = counts.get(b, 0) + 1
    return counts


def lookup(d: dict[str, int], k: str) -> int:
    return d[k]


def lookup_bytes(d: dict[bytes, int], k: bytes) -> int:
    return d[k]


def safe_float(s: str) -> float:
    try:
        return float(s)
    except ValueError:
        return -1.0


def parse_ints_lenient(text: str) -> list[int]:
    out = []
    for tok in text.split(","):
        try:
            out.append(int(tok))
        except ValueError:
            out.append(0)
    return out


def parse_record(line: str):
    name, qty, price = line.split(",")
    return (name.strip(), int(qty), float(price))


def split_at_most(s: str, sep: str, n: int) -> list[str]:
    return s.split(sep, n)


def split_words_at_most(s: str, n: int) -> list[str]:
    return s.split(None, n)


def key_and_value(line: str) -> tuple[str, str]:
    key, value = line.split("=", 1)
    return key.strip(), value.strip()


def find_in_window(s: str, sub: str, start: int, end: int) -> tuple[int, int, int, int]:
    return s.find(sub, start, end), s.rfind(sub, start), s.count(sub, start, end), s.find(sub, start)


def index_in_window(s: str, sub: str, start: int) -> int:
    return s.index(sub, start, None)


def all_positions(text: str, sub: str) -> list[int]:
    out = []
    i = text.find(sub)
    while i != -1 and len(out) < 50:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def extreme_letters(s: str) -> str:
    return min(s) + max(s)


def extreme_words(words: list[str], a: str, b: str) -> tuple[str, str, str]:
    return min(words), max(words), max(a, b)


def zero_bytes(n: int) -> bytes:
    return bytes(n) + b"|"


def bytes_of_ints(xs: list[int]) -> bytes:
    return bytes(xs)


def checksum_of(xs: list[int]) -> int:
    total = int()
    for b in bytes(xs):
        total = (total * 31 + b) % 65521
    return total


def fields_of(line: str, sep: str) -> list[str]:
    return line.strip().split(sep)


def right_fields(line: str) -> list[str]:
    return line.rstrip().split(",")


def words_and_length(text: str) -> tuple[list[str], int, str]:
    return text.split(), len(text), text.lstrip()

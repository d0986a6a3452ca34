"""The object tier: module globals of any type (read at each use), calls of what is not
translated (classes, builtins given objects, imported functions, generators), attributes,
items and operators of Python objects, ints that outgrow 64 bits after an effect."""

import math
from fractions import Fraction

COUNTER = 0
RATE = 0.5
RATE = 0.25  # assigned twice: not a constant, read as the module holds it
SEEN = []
NAMES = {"a": 1, "b": 2}


class _Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class _Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return _Vec(self.x + other.x, self.y + other.y)

    def __eq__(self, other):
        return isinstance(other, _Vec) and (self.x, self.y) == (other.x, other.y)

    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)

    def length(self):
        return math.hypot(self.x, self.y)


def _numbers(n):
    for i in range(n):
        yield i * i


def reads_rebound_global(x: int) -> int:
    return x + COUNTER


def rebound_constant(x: float) -> float:
    return x * RATE


def unknown_name(x: float) -> float:
    return frobnicate(x)  # noqa: F821 - NameError, as CPython raises it


def dynamic_attribute(x: float) -> float:
    return getattr(math, "sqrt")(x)


def sum_of_generator(n: int) -> int:
    return sum(_numbers(n))


def point_norm(x: float, y: float) -> float:
    p = _Point(x, y)
    return math.sqrt(p.x * p.x + p.y * p.y)


def scaled_point(x: float, y: float, k: float):
    p = _Point(x, y)
    p.x *= k
    p.y = p.y * k
    return p.x, p.y


def vector_sum(n: int):
    total = _Vec(0, 0)
    for i in range(n):
        total = total + _Vec(i, -i)
        total += _Vec(1, 1)
    return total.x, total.y, total.length()


def largest_vector(n: int):
    vs = [_Vec(i % 3, -i) for i in range(n)]
    best = vs[0]
    for v in vs:
        if best < v:
            best = v
    return best.x, best.y


def fraction_sum(n: int) -> str:
    total = Fraction(0)
    for i in range(1, n + 1):
        total += Fraction(1, i)
    return str(total)


def grows_after_a_call(n: int) -> int:
    SEEN.append(n)  # a visible effect: from here on the translation may not deopt
    total = 1
    for i in range(n):
        total = total * 3 + i
    return total


def counts_after_calls(xs: list[float], limit: float) -> int:
    n = 0
    for x in xs:
        if abs(Fraction(x)) > limit:
            n += 1
    return n


def global_dict_lookup(key: str) -> int:
    return NAMES[key]


def item_of_object(n: int):
    d = dict(a=n, b=n + 1)
    d["c"] = d["a"] * 2
    return d["c"], "a" in d, len(d)


def truth_of_objects(n: int) -> int:
    found = 0
    for value in (Fraction(0), Fraction(n), _Vec(0, 0), None):
        if value:
            found += 1
    return found


def identity_of_objects(n: int) -> bool:
    a = _Vec(n, n)
    b = a
    return a is b and a is not None


def method_with_keywords(n: int) -> str:
    return "-".join(str(i) for i in range(n)).rjust(12, "*")


def raises_from_python(x: float) -> float:
    return Fraction(x).limit_denominator(10) / Fraction(0)


# parameters of any type: the object tier's numbers (unboxed while they are exact ints and
# floats) against CPython on ints, floats, bools, str and None alike


def object_arithmetic(a: object, b: object):
    return a + b * 2, a - b, a * b


def object_division(a: object, b: object):
    return a / b, a // b, a % b


def object_comparisons(a: object, b: object):
    return a < b, a <= b, a == b, a != b, a > b, a >= b


def object_unary(a: object):
    return -a, +a, ~a


def object_truth(a: object, b: object) -> int:
    n = 0
    if a:
        n += 1
    if a and b:
        n += 2
    if not b:
        n += 4
    if a < b:
        n += 8
    return n


def object_sum(xs: list[object]):
    total = 0
    for x in xs:
        total = total + x
    return total


def object_shared(a: object):
    y = a * 2.0
    z = y
    return y, z, [y, a]


def replaces_list_floats(rows: object, scale: float):
    """`row[i] = ...` where only the list holds the old float: CPython frees it and stores
    a new one (the translation may reuse it); a float also held elsewhere is kept."""
    kept = rows[0][0]
    for row in rows:
        for i in range(len(row)):
            row[i] = row[i] * scale + 1.0
    y = rows[0][-1] * 2.0
    rows[-1][0] = y
    rows[-1][-1] = y
    return kept, y


def object_powers(a: object, n: int):
    result = a
    for _ in range(n):
        result = result * a
    return result


_SCALES = (1.0, 2.0, 3.0)


def scale_by_default(x: float, scales: object = _SCALES):
    return [x * s for s in scales]


def unpack_pairs(xs: list[object]):
    total = 0
    for a, b in xs:
        total = total + a * b
    return total


def nested_unpack(x: object):
    (a, b), c = x
    return c, b, a


def bump_rows(rows: list[list[float]], k: float):
    for row in rows:
        row[0] += k
    return rows


# native rules do not cover these forms: CPython's own builtin or method is called

def str_split_maxsplit(s: str) -> list[str]:
    return s.split(",", 1)


def bytes_lower(b: bytes) -> bytes:
    return b.lower()


def max_of_flag_and_count(flag: bool, n: int) -> int:
    return max(flag, n)


def range_kept(n: int):
    r = range(n)
    return r


def dict_methods(keys: list[object]):
    d = {"a": 1, 2.5: "x"}
    found = []
    for k in keys:
        found.append(d.get(k))
        found.append(d.get(k, -1))
        d[k] = len(found)
    return found, d


class _Invalid(ValueError):
    def __init__(self, value, limit):
        super().__init__(f"{value!r} is over {limit}")
        self.value = value


def raises_user_exception(x: float, limit: float) -> float:
    if x > limit:
        raise _Invalid(x, limit)
    return x


def raises_with_cause(n: int) -> int:
    if n < 0:
        raise KeyError(n, "negative") from ValueError(n)
    if n == 0:
        raise LookupError from None
    if n > 100:
        raise _Invalid
    return n * 2


def raise_with_an_int_message(n: int):
    if n < 0:
        raise ValueError(n)
    return n


def parse_numbers(texts: list[object]) -> list:
    out = []
    for t in texts:
        try:
            out.append(float(t))
        except ValueError:
            out.append(None)
        except TypeError:
            out.append("type")
    return out


def lookup_all(keys: list[object]):
    table = {"a": 1, 2: "b"}
    found = []
    for k in keys:
        try:
            found.append(table[k])
        except LookupError:
            found.append(-1)
        except Exception:
            found.append(-2)
    return found


def reraised(x: float) -> float:
    try:
        if x > 0:
            raise _Invalid(x, 1.0)
    except ValueError:
        raise
    return x


def sums_over_objects(xs: list[object]):
    return sum([x * 2 for x in xs]), any(x for x in xs), [x for x in xs if x], tuple(x * 3 for x in xs)


class _ParseError(Exception):
    pass


def _parse_one(text):
    if not text:
        raise _ParseError("empty")
    return int(text)


def parse_all(texts: list[object]):
    out = []
    for t in texts:
        try:
            out.append(_parse_one(t))
        except _ParseError:
            out.append("empty")
        except (ValueError, TypeError):
            out.append(None)
    return out


def _parse_or_quit(text):
    if text == "quit":
        raise SystemExit(3)  # not an Exception: only a bare except catches it
    return _parse_one(text)


def bare_except_catches_everything(texts: list[object]) -> int:
    caught = 0
    for t in texts:
        try:
            _parse_or_quit(t)
        except:  # noqa: E722 - a bare except, as some programs have it
            caught += 1
    return caught


class _Recorder:
    def __init__(self, swallow):
        self.swallow = swallow
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, kind, value, tb):
        self.log.append(kind.__name__ if kind is not None else None)
        return self.swallow


def with_blocks(x: float, swallow: bool):
    r = _Recorder(swallow)
    with r as rec:
        rec.log.append("body")
        if x < 0:
            raise ValueError("negative")
        y = 10 / x
    return r.log, y


def with_return(x: float):
    r = _Recorder(False)
    with r, _Recorder(True) as inner:
        if x > 1:
            return r.log, inner.log
    return r.log, None


def with_no_manager(x: float):
    with x:
        return 1


def exception_objects(texts: list[object]):
    out = []
    for t in texts:
        try:
            out.append(_parse_one(t))
        except (_ParseError, ValueError) as e:
            out.append((type(e).__name__, e.args, str(e)))
        except ZeroDivisionError as e:
            out.append(repr(e))
    return out


def note_and_reraise(x: object):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        e.args = ("changed",)
        raise


def extremes_by_key(xs: list[object]):
    return max(xs, key=lambda x: x * 2), min(xs, key=lambda v: -v)


def sorted_by_key(xs: list[object], backwards: bool):
    return sorted(xs, key=lambda x: -x if isinstance(x, (int, float)) else x, reverse=backwards)


def _spread(*args, **kwargs):
    return args, sorted(kwargs.items())


def _note(log, what):
    log.append(what)
    return what


class _LoggedItems:
    """An iterable and a mapping that write down when CPython reads them."""

    def __init__(self, log, items):
        self.log = log
        self.items = items

    def __iter__(self):
        self.log.append("iter")
        return iter(self.items)

    def keys(self):
        self.log.append("keys")
        return list(self.items)

    def __getitem__(self, key):
        self.log.append(f"get {key}")
        return len(key)


def star_calls(xs: list[int], kw: dict[str, int], k: int):
    """`*` and `**` in calls, in every position (a duplicate keyword when `kw` holds "k")."""
    try:
        return (_spread(*xs), _spread(1, *xs, 2, *xs), _spread(*xs, **kw), _spread(k, *xs, k=k, **kw),
                _spread(**kw, k=k), max(*xs, k), "-".join(map(str, xs)))
    except (TypeError, ValueError) as e:
        return str(e)


def star_errors(kind: int, value: object):
    """CPython's messages for what `*` and `**` do not accept, naming the callable."""
    try:
        if kind == 0:
            return _spread(*value)
        if kind == 1:
            return _spread(1, *value)
        if kind == 2:
            return _spread(**value)
        if kind == 3:
            return _spread(a=1, **value)
        if kind == 4:
            return len(*value)
        return math.hypot(*value)
    except TypeError as e:
        return str(e)


def star_order(n: int):
    """Each part is evaluated and merged in CPython's order: an iterable among other
    positional parts is consumed at once, a lone one only when the call is made."""
    log = []
    first = _spread(*_LoggedItems(log, [n]), _note(log, "after"), **_LoggedItems(log, ["ab"]), c=_note(log, "kw"))
    second = _spread(*_LoggedItems(log, [n, n]), k=_note(log, "keyword"))
    return first, second, log


def squares_of(*xs: float) -> float:
    """`*args`: the tuple CPython packs, iterated as an object."""
    s = 0.0
    for x in xs:
        s += x * x
    return s + len(xs)


def labelled(name: str, *values: float, sep: str = ", ", **opts: int):
    """`*args`, a keyword-only parameter after it, `**kwargs` read with `.get()`."""
    parts = []
    for v in values:
        parts.append(f"{v:.2f}")
    width = opts.get("width", 0)
    return f"{name:>{width}}: " + sep.join(parts) + f" ({len(opts)} options, {sorted(opts)})"


def forwarded(n: int, *args: int, **kwargs: int):
    """Both passed on as they came: `_spread` sees the same arguments."""
    return _spread(n, *args, **kwargs), type(args).__name__, type(kwargs).__name__


def mixed_and_or(flag: bool, n: int, x: float, s: str):
    """`and`/`or` of operands of different types: Python returns one of them, as it is."""
    a = flag and n
    b = n or s
    c = (not flag) and (x or n)
    d = s if flag else n
    return a, b, c, d, type(a).__name__, type(d).__name__


def either_kind(flag: bool, n: int, xs: object):
    """A conditional expression whose branches are a Python object and a new list: the
    list becomes an object; `and` of an object and a str."""
    items = range(n % 50) if flag else [n, n + 1]
    label = xs and "some"
    return list(items), label

"""Types of observed Python values, as data and as text.

The profiler records what types each argument had at run time, the selection document
lets a user override them by hand, and the translator reads them back. So a type is a
small frozen value with one canonical text (`list[int | float]`, `tuple[int, ...]`,
`numpy.ndarray[float64, 2]`, `list[?]` for an empty list) that parses back to an
equal value: `parse_type(str(t)) == t`. Types are exact, like the Rust translation
must be: a bool is never an int, and a subclass of a builtin is an opaque class.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from typing import Any, Union

PRIM_NAMES = ("bool", "int", "float", "str", "bytes", "None")
#: tuples longer than this are described as `tuple[T, ...]`
MAX_FIXED_TUPLE = 16
MAX_DEPTH = 50
_UNKNOWN_NAME = "__rustify_unknown__"
_DTYPE_RE = re.compile(r"bool|u?int(8|16|32|64)|float(16|32|64|96|128)|complex(64|128|192|256)")
_LOCALS_NAME = "__rustify_locals__"


@dataclass(frozen=True)
class Prim:
    """int, float, bool, str, bytes or None."""

    name: str

    def __post_init__(self) -> None:
        if self.name not in PRIM_NAMES:
            raise ValueError(f"not a primitive type: {self.name!r}")

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class ListT:
    item: PyType

    def __str__(self) -> str:
        return f"list[{self.item}]"


@dataclass(frozen=True)
class TupleT:
    """A fixed tuple `tuple[int, str]`, or with `variadic` `tuple[int, ...]` (one item)."""

    items: tuple[PyType, ...]
    variadic: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "items", tuple(self.items))
        if self.variadic and len(self.items) != 1:
            raise ValueError("a variadic tuple type has exactly one item type")

    def __str__(self) -> str:
        if self.variadic:
            return f"tuple[{self.items[0]}, ...]"
        return f"tuple[{', '.join(map(str, self.items)) or '()'}]"


@dataclass(frozen=True)
class DictT:
    key: PyType
    value: PyType

    def __str__(self) -> str:
        return f"dict[{self.key}, {self.value}]"


@dataclass(frozen=True)
class SetT:
    """`set[T]`, or with `frozen` `frozenset[T]`."""

    item: PyType
    frozen: bool = False

    def __str__(self) -> str:
        return f"{'frozenset' if self.frozen else 'set'}[{self.item}]"


@dataclass(frozen=True)
class NdArrayT:
    """A numpy array by dtype name and number of dimensions (not shape: that varies)."""

    dtype: str
    ndim: int

    def __str__(self) -> str:
        return f"numpy.ndarray[{self.dtype}, {self.ndim}]"


@dataclass(frozen=True)
class UnionT:
    """Two or more options, flattened, without duplicates, in canonical order."""

    options: tuple[PyType, ...]

    def __post_init__(self) -> None:
        options = _flatten(self.options)
        if len(options) < 2:
            raise ValueError(f"a union needs two different options, got {len(options)}")
        object.__setattr__(self, "options", options)

    def __str__(self) -> str:
        return " | ".join(map(str, self.options))


@dataclass(frozen=True)
class UnknownT:
    """The element type of a container with no elements seen (prints as `?`)."""

    def __str__(self) -> str:
        return "?"


@dataclass(frozen=True)
class OpaqueT:
    """Any other class, by `module.QualName` (builtins without the module)."""

    name: str

    def __str__(self) -> str:
        return self.name


PyType = Union[Prim, ListT, TupleT, DictT, SetT, NdArrayT, UnionT, UnknownT, OpaqueT]


def _sort_key(t: PyType) -> tuple[int, str]:
    if isinstance(t, Prim):
        return (PRIM_NAMES.index(t.name), "")
    return (len(PRIM_NAMES), str(t))


def _flatten(options: Any) -> tuple[PyType, ...]:
    flat: list[PyType] = []
    for t in options:
        for option in t.options if isinstance(t, UnionT) else (t,):
            if option not in flat:
                flat.append(option)
    return tuple(sorted(flat, key=_sort_key))


def union(*types: PyType) -> PyType:
    """The union of `types` (flattened, deduplicated); a single type stays itself."""
    options = _flatten(types)
    if not options:
        raise ValueError("a union needs at least one type")
    return options[0] if len(options) == 1 else UnionT(options)


def opaque_parts(t: PyType) -> tuple[OpaqueT, ...]:
    """The opaque classes `t` mentions, also inside containers and unions: values the
    translation handles as Python objects, and that no input generator can make up."""
    if isinstance(t, OpaqueT):
        return (t,)
    if isinstance(t, ListT | SetT):
        return opaque_parts(t.item)
    if isinstance(t, DictT):
        return opaque_parts(t.key) + opaque_parts(t.value)
    if isinstance(t, TupleT | UnionT):
        return tuple(o for part in (t.items if isinstance(t, TupleT) else t.options) for o in opaque_parts(part))
    return ()


# ---------------------------------------------------------------- join


def join(a: PyType, b: PyType) -> PyType:
    """A type covering values of both `a` and `b`, as precise as the observations.

    Containers of the same shape merge their item types (`list[?]` + `list[float]` is
    `list[float]`, `list[int]` + `list[float]` is `list[int | float]`); anything else
    becomes a union, in which each kind of container appears at most once.
    """
    if a == b or isinstance(b, UnknownT):
        return a
    if isinstance(a, UnknownT):
        return b
    options = list(a.options) if isinstance(a, UnionT) else [a]
    for new in b.options if isinstance(b, UnionT) else (b,):
        for i, old in enumerate(options):
            merged = _merge(old, new)
            if merged is not None:
                options[i] = merged
                break
        else:
            options.append(new)
    return union(*options)


def _merge(a: PyType, b: PyType) -> PyType | None:
    """`a` and `b` as one type of the same kind, or None when they are different kinds."""
    if a == b:
        return a
    if isinstance(a, ListT) and isinstance(b, ListT):
        return ListT(join(a.item, b.item))
    if isinstance(a, SetT) and isinstance(b, SetT) and a.frozen == b.frozen:
        return SetT(join(a.item, b.item), a.frozen)
    if isinstance(a, DictT) and isinstance(b, DictT):
        return DictT(join(a.key, b.key), join(a.value, b.value))
    if isinstance(a, TupleT) and isinstance(b, TupleT):
        if a.variadic == b.variadic and len(a.items) == len(b.items):
            return TupleT(tuple(join(x, y) for x, y in zip(a.items, b.items)), a.variadic)
    return None


# ---------------------------------------------------------------- describe


def describe(value: Any, *, max_items: int = 10_000) -> PyType:
    """The type of a runtime value; container items are the join over their elements.

    At most `max_items` elements are looked at in total, so describing a huge argument
    stays cheap; past that, the types seen so far stand for the rest.
    """
    return _Describer(max_items).describe(value, 0)


class _Describer:
    def __init__(self, budget: int):
        self.budget = budget
        self.active: set[int] = set()

    def items(self, values: Any, depth: int) -> PyType:
        """The join of the types of as many elements as the budget allows."""
        joined: PyType = UnknownT()
        for x in values:
            if self.budget <= 0:
                break
            self.budget -= 1
            joined = join(joined, self.describe(x, depth + 1))
        return joined

    def describe(self, v: Any, depth: int) -> PyType:
        t = type(v)
        if v is None:
            return Prim("None")
        if t in (bool, int, float, str, bytes):
            return Prim(t.__name__)
        if t in (list, tuple, dict, set, frozenset):
            if depth >= MAX_DEPTH or id(v) in self.active:  # too deep or cyclic: look no further
                return _unknown_contents(t)
            self.active.add(id(v))
            try:
                return self.container(v, t, depth)
            finally:
                self.active.discard(id(v))
        if t.__module__ == "numpy" and t.__name__ == "ndarray" and v.dtype.kind in "biufc" and v.dtype.isnative:
            return NdArrayT(v.dtype.name, v.ndim)
        return OpaqueT(t.__qualname__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}")

    def container(self, v: Any, t: type, depth: int) -> PyType:
        if t is list:
            return ListT(self.items(v, depth))
        if t is dict:  # keys and values scanned together, so a big dict gets both
            key: PyType = UnknownT()
            value: PyType = UnknownT()
            for k, x in v.items():
                if self.budget <= 0:
                    break
                self.budget -= 1
                key, value = join(key, self.describe(k, depth + 1)), join(value, self.describe(x, depth + 1))
            return DictT(key, value)
        if t is tuple:
            if len(v) <= MAX_FIXED_TUPLE:
                # a short tuple keeps its shape even where the budget runs out inside it (a
                # `tuple[?, ...]` there would join with the `tuple[int, float]` of its siblings
                # into a union): its few items cost little
                self.budget -= len(v)
                return TupleT(tuple(self.describe(x, depth + 1) for x in v))
            return TupleT((self.items(v, depth),), variadic=True)
        return SetT(self.items(v, depth), frozen=t is frozenset)


def _unknown_contents(t: type) -> PyType:
    if t is dict:
        return DictT(UnknownT(), UnknownT())
    if t is tuple:
        return TupleT((UnknownT(),), variadic=True)
    return ListT(UnknownT()) if t is list else SetT(UnknownT(), frozen=t is frozenset)


# ---------------------------------------------------------------- parse


_ALIASES = {
    "List": "list",
    "Dict": "dict",
    "Tuple": "tuple",
    "Set": "set",
    "FrozenSet": "frozenset",
    "Optional": "Optional",
    "Union": "Union",
    "np.ndarray": "numpy.ndarray",
    "ndarray": "numpy.ndarray",
}


def parse_type(text: str) -> PyType:
    """The type a text like `list[int | float]` or `Optional[List[float]]` names."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"empty type text {text!r}")
    source = text.strip().replace("?", _UNKNOWN_NAME).replace("<locals>", _LOCALS_NAME)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"bad type text {text!r}: {exc.msg}") from None
    return _Parser(text).parse(tree.body)


class _Parser:
    def __init__(self, text: str):
        self.text = text

    def fail(self, node: ast.AST, why: str) -> ValueError:
        piece = ast.unparse(node).replace(_UNKNOWN_NAME, "?").replace(_LOCALS_NAME, "<locals>")
        return ValueError(f"bad type text {self.text!r}: {why}: {piece!r}")

    def name(self, node: ast.AST) -> str | None:
        """A dotted name, with `typing.List` as `list` and `np.ndarray` as `numpy.ndarray`."""
        if isinstance(node, ast.Name):
            name = node.id
        elif isinstance(node, ast.Attribute):
            base = self.name(node.value)
            if base is None:
                return None
            name = f"{base}.{node.attr}"
        else:
            return None
        if name.startswith("typing.") and name[7:] in _ALIASES:
            name = name[7:]
        return _ALIASES.get(name, name)

    def parse(self, node: ast.AST) -> PyType:
        if isinstance(node, ast.Constant) and node.value is None:
            return Prim("None")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
            return union(self.parse(node.left), self.parse(node.right))
        if isinstance(node, ast.Subscript):
            return self.subscript(node)
        name = self.name(node)
        if name is None:
            raise self.fail(node, "not a type")
        if name == _UNKNOWN_NAME:
            return UnknownT()
        if name in PRIM_NAMES or name == "NoneType":
            return Prim("None" if name == "NoneType" else name)
        if name in ("list", "set", "frozenset"):
            return self.build(name, [UnknownT()], node)
        if name == "dict":
            return DictT(UnknownT(), UnknownT())
        if name in ("tuple", "Optional", "Union"):
            raise self.fail(node, f"{name} needs parameters")
        return OpaqueT(name.replace(_LOCALS_NAME, "<locals>"))

    def subscript(self, node: ast.Subscript) -> PyType:
        name = self.name(node.value)
        args = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        if name == "tuple":
            if isinstance(node.slice, ast.Tuple) and not args:
                return TupleT(())
            if len(args) == 2 and isinstance(args[1], ast.Constant) and args[1].value is Ellipsis:
                return TupleT((self.parse(args[0]),), variadic=True)
            return TupleT(tuple(self.parse(a) for a in args))
        if name == "numpy.ndarray":
            if len(args) != 2 or not isinstance(args[0], ast.Name):
                raise self.fail(node, "expected ndarray[dtype, ndim]")
            if not _DTYPE_RE.fullmatch(args[0].id):
                raise self.fail(args[0], "not a numeric numpy dtype name")
            ndim = args[1]
            if not (isinstance(ndim, ast.Constant) and type(ndim.value) is int and ndim.value >= 0):
                raise self.fail(ndim, "ndim must be a non-negative integer")
            return NdArrayT(args[0].id, ndim.value)
        return self.build(name, [self.parse(a) for a in args], node)

    def build(self, name: str | None, args: list[PyType], node: ast.AST) -> PyType:
        arity = {"list": 1, "set": 1, "frozenset": 1, "dict": 2, "Optional": 1}.get(name or "")
        if arity is not None and len(args) != arity:
            raise self.fail(node, f"{name} takes {arity} parameter{'s' * (arity > 1)}, got {len(args)}")
        if name == "list":
            return ListT(args[0])
        if name in ("set", "frozenset"):
            return SetT(args[0], frozen=name == "frozenset")
        if name == "dict":
            return DictT(args[0], args[1])
        if name == "Optional":
            return union(args[0], Prim("None"))
        if name == "Union":
            return union(*args)
        raise self.fail(node, "unknown generic type")

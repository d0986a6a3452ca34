"""The translator's types: what a Python value is known to be inside Rust.

Each type has one Rust representation (`rust`) and one exact boundary conversion
(rt.rs `FromPy`/`ToPy`). `NumT` is the dynamic int-or-float of variables that
hold both (CPython returns int 0 for `s = 0` over an empty loop, a float otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import final


class RType:
    """Base of all types. Subclasses are frozen, final dataclasses."""

    rust: str = "?"

    @property
    def is_numeric(self) -> bool:
        return isinstance(self, (IntT, FloatT, NumT, BoolT))


@final
@dataclass(frozen=True)
class IntT(RType):
    @property
    def rust(self) -> str:  # type: ignore[override]
        return "i64"

    def __str__(self) -> str:
        return "int"


@final
@dataclass(frozen=True)
class FloatT(RType):
    @property
    def rust(self) -> str:  # type: ignore[override]
        return "f64"

    def __str__(self) -> str:
        return "float"


@final
@dataclass(frozen=True)
class BoolT(RType):
    @property
    def rust(self) -> str:  # type: ignore[override]
        return "bool"

    def __str__(self) -> str:
        return "bool"


@final
@dataclass(frozen=True)
class NumT(RType):
    """An int or a float, decided at run time (rt::Num)."""

    @property
    def rust(self) -> str:  # type: ignore[override]
        return "rt::Num"

    def __str__(self) -> str:
        return "int | float"


@final
@dataclass(frozen=True)
class NoneT(RType):
    @property
    def rust(self) -> str:  # type: ignore[override]
        return "()"

    def __str__(self) -> str:
        return "None"


@final
@dataclass(frozen=True)
class ListT(RType):
    item: RType

    @property
    def rust(self) -> str:  # type: ignore[override]
        return f"Vec<{self.item.rust}>"

    def __str__(self) -> str:
        return f"list[{self.item}]"


@final
@dataclass(frozen=True)
class TupleT(RType):
    items: tuple[RType, ...]

    @property
    def rust(self) -> str:  # type: ignore[override]
        inner = ", ".join(t.rust for t in self.items)
        return f"({inner},)" if len(self.items) == 1 else f"({inner})"

    def __str__(self) -> str:
        return f"tuple[{', '.join(str(t) for t in self.items)}]" if self.items else "tuple[()]"


@final
@dataclass(frozen=True)
class UnknownT(RType):
    """Not known yet (the items of `[]` before anything is appended); never emitted."""

    def __str__(self) -> str:
        return "?"


@final
@dataclass(frozen=True)
class StrT(RType):
    """A str. In this subset only exception messages are strings."""

    @property
    def rust(self) -> str:  # type: ignore[override]
        return "String"

    def __str__(self) -> str:
        return "str"


INT = IntT()
FLOAT = FloatT()
BOOL = BoolT()
NUM = NumT()
NONE = NoneT()
UNKNOWN = UnknownT()
STR = StrT()


def join(a: RType | None, b: RType | None) -> RType | None:
    """The type of a variable that receives both `a` and `b`; None when they do not mix.

    int and float mix into NumT (each value keeps its own type at run time); bool
    only joins with bool, since `True` is printed and compared differently from 1.
    """
    if a is None or isinstance(a, UnknownT):
        return b
    if b is None or isinstance(b, UnknownT) or a == b:
        return a
    nums = (IntT, FloatT, NumT)
    if isinstance(a, nums) and isinstance(b, nums):
        return NUM
    if isinstance(a, ListT) and isinstance(b, ListT):
        item = join(a.item, b.item)
        return ListT(item) if item is not None else None
    if isinstance(a, TupleT) and isinstance(b, TupleT) and len(a.items) == len(b.items):
        items = [join(x, y) for x, y in zip(a.items, b.items)]
        return TupleT(tuple(items)) if all(i is not None for i in items) else None  # type: ignore[arg-type]
    return None


def contains_list(t: RType) -> bool:
    if isinstance(t, ListT):
        return True
    if isinstance(t, TupleT):
        return any(contains_list(i) for i in t.items)
    return False


def is_known(t: RType) -> bool:
    """False if `t` still holds an UnknownT anywhere (inference did not finish)."""
    if isinstance(t, UnknownT):
        return False
    if isinstance(t, ListT):
        return is_known(t.item)
    if isinstance(t, TupleT):
        return all(is_known(i) for i in t.items)
    return True

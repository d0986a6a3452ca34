"""The translator's types: what a Python value is known to be inside Rust.

Each type has one Rust representation (`rust`) and one exact boundary conversion
(runtime `FromPy`/`ToPy`). `NumT` is the dynamic int-or-float of variables that
hold both (CPython returns int 0 for `s = 0` over an empty loop, a float otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, final


class RType:
    """Base of all types. Subclasses are frozen, final dataclasses."""

    #: values of this type are objects their holder can change in place (list, dict, set, array)
    changeable: ClassVar[bool] = False
    #: numpy types (rtypes_numpy.py) join by numpy's rules, in their own `join_numpy`
    numpy: ClassVar[bool] = False

    def join_numpy(self, other: RType) -> RType | None:
        raise NotImplementedError(type(self).__name__)

    @property
    def is_numeric(self) -> bool:
        return isinstance(self, (IntT, FloatT, NumT, BoolT))


@final
@dataclass(frozen=True)
class IntT(RType):

    def __str__(self) -> str:
        return "int"


@final
@dataclass(frozen=True)
class FloatT(RType):

    def __str__(self) -> str:
        return "float"


@final
@dataclass(frozen=True)
class BoolT(RType):

    def __str__(self) -> str:
        return "bool"


@final
@dataclass(frozen=True)
class NumT(RType):
    """An int or a float, decided at run time (rt::Num)."""

    def __str__(self) -> str:
        return "int | float"


@final
@dataclass(frozen=True)
class NoneT(RType):

    def __str__(self) -> str:
        return "None"


@final
@dataclass(frozen=True)
class ListT(RType):
    changeable: ClassVar[bool] = True

    item: RType

    def __str__(self) -> str:
        return f"list[{self.item}]"


@final
@dataclass(frozen=True)
class TupleT(RType):
    items: tuple[RType, ...]

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
class ExcT(RType):
    """The exception an `except K as e:` clause caught, used only as `str(e)` / `f"{e}"`
    (its class and its one message: `rt::ExcKind` and a String)."""

    def __str__(self) -> str:
        return "exception"


@final
@dataclass(frozen=True)
class StrT(RType):
    """A str: `rt::Str`, its code points in a `Vec<char>` (see runtime/src/text.rs), so
    `len`, indexing and slicing are by code point in O(1) as in CPython."""

    def __str__(self) -> str:
        return "str"


def movable(t: RType) -> bool:
    """Whether a value of `t` read once from a temporary may be moved out of it, leaving its
    type's empty value (`std::mem::take`): strs, bytes, lists, and tuples of movable or plain
    values. (A copy of one is a new allocation each.)"""
    if isinstance(t, (StrT, BytesT, ListT)):
        return True
    return isinstance(t, TupleT) and any(movable(i) for i in t.items) and all(
        movable(i) or isinstance(i, (IntT, FloatT, BoolT)) for i in t.items)


@final
@dataclass(frozen=True)
class StrPieceT(RType):
    """A part of a str argument in the argument's own storage (`rt::StrPiece`: a field of
    `line.split(",")`, `field.strip()`). Never inferred: passes/str_pieces.py gives it to
    locals that never leave the call, so splitting text and parsing its fields copies nothing."""

    def __str__(self) -> str:
        return "str"  # its Python type (documents spell results this way)


@final
@dataclass(frozen=True)
class SharedT(RType):
    """A float or int read from a list argument read in place, with the object it is
    (`rt::Shared`): a result holding it holds that object, as CPython's result does. Never
    inferred: passes/shared_items.py gives it to values that are only moved into a result.
    Spelled as its item in documents (the Python type is the same)."""

    item: RType
    #: holds a reference of its own (`rt::Owned`): in a function that changes a list argument
    #: in place, where a store may release the object's slot while the value is still held
    owned: bool = False

    def __str__(self) -> str:
        return str(self.item)


@final
@dataclass(frozen=True)
class BytesT(RType):
    """A bytes object: `rt::Bytes`, a `Vec<u8>` (see runtime/src/text.rs)."""

    def __str__(self) -> str:
        return "bytes"


@final
@dataclass(frozen=True)
class DictT(RType):
    """A dict, insertion order kept (rt::Dict, an indexmap::IndexMap; see runtime/src/dict.rs)."""

    changeable: ClassVar[bool] = True

    key: RType
    value: RType

    def __str__(self) -> str:
        return f"dict[{self.key}, {self.value}]"


@final
@dataclass(frozen=True)
class SetT(RType):
    """A set (indexmap::IndexSet: adds in order; iterating a set is rejected, since
    CPython's order follows hashes)."""

    changeable: ClassVar[bool] = True

    item: RType

    def __str__(self) -> str:
        return f"set[{self.item}]"


@final
@dataclass(frozen=True)
class ObjT(RType):
    """Any Python object, held by reference (`rt::Obj`, runtime/src/obj.rs) and operated on
    through the C API: the object tier, for values whose type is not proven native. Copying
    an `ObjT` value copies the reference, so identity and aliasing are CPython's own."""

    def __str__(self) -> str:
        return "object"


@final
@dataclass(frozen=True)
class OptionalT(RType):
    """`T | None` (Option<T>)."""

    item: RType

    def __str__(self) -> str:
        return f"{self.item} | None"


INT = IntT()
FLOAT = FloatT()
BOOL = BoolT()
NUM = NumT()
NONE = NoneT()
UNKNOWN = UnknownT()
STR = StrT()
BYTES = BytesT()
OBJ = ObjT()


def boxable(t: RType) -> bool:
    """Whether a native value of type `t` becomes a Python object without losing anything
    CPython would keep: immutable values only (a native list boxed would be a new list, not
    the one other variables hold)."""
    if isinstance(t, (IntT, FloatT, BoolT, NumT, NoneT, StrT, BytesT, ObjT)):
        return True
    if isinstance(t, TupleT):
        return all(boxable(i) for i in t.items)
    if isinstance(t, OptionalT):
        return boxable(t.item)
    return False


def join(a: RType | None, b: RType | None) -> RType | None:
    """The type of a variable that receives both `a` and `b`; None when they do not mix.

    int and float mix into NumT (each value keeps its own type at run time); bool
    only joins with bool, since `True` is printed and compared differently from 1.
    """
    if a is None or isinstance(a, UnknownT):
        return b
    if b is None or isinstance(b, UnknownT) or a == b:
        return a
    if isinstance(a, ObjT) or isinstance(b, ObjT):  # a native value joins an object boxed
        return OBJ if boxable(a) and boxable(b) else None
    if a.numpy or b.numpy:  # numpy arrays and scalars: see rtypes_numpy.py
        return a.join_numpy(b) if a.numpy else b.join_numpy(a)
    nums = (IntT, FloatT, NumT)
    if isinstance(a, nums) and isinstance(b, nums):
        return NUM
    if isinstance(a, ListT) and isinstance(b, ListT):
        item = join(a.item, b.item)
        return ListT(item) if item is not None else None
    if isinstance(a, TupleT) and isinstance(b, TupleT) and len(a.items) == len(b.items):
        items = [join(x, y) for x, y in zip(a.items, b.items)]
        return TupleT(tuple(items)) if all(i is not None for i in items) else None  # type: ignore[arg-type]
    return join_containers(a, b)


def join_containers(a: RType, b: RType) -> RType | None:
    """dict, set and Optional joins (None and T make `T | None`)."""
    if isinstance(a, DictT) and isinstance(b, DictT):
        k, v = join(a.key, b.key), join(a.value, b.value)
        return DictT(k, v) if k is not None and v is not None else None
    if isinstance(a, SetT) and isinstance(b, SetT):
        item = join(a.item, b.item)
        return SetT(item) if item is not None else None
    if isinstance(a, NoneT) and isinstance(b, OptionalT) or isinstance(b, NoneT) and isinstance(a, OptionalT):
        return a if isinstance(a, OptionalT) else b
    if isinstance(a, NoneT) or isinstance(b, NoneT):
        other = b if isinstance(a, NoneT) else a
        return OptionalT(other) if optional_ok(other) else None
    if isinstance(a, OptionalT) or isinstance(b, OptionalT):
        x = a.item if isinstance(a, OptionalT) else a
        y = b.item if isinstance(b, OptionalT) else b
        item = join(x, y)
        return OptionalT(item) if item is not None and optional_ok(item) else None
    return None


def optional_ok(t: RType) -> bool:
    """Types that may be wrapped in `| None` (not None itself, not NumT's mixes of it)."""
    return isinstance(t, (IntT, FloatT, BoolT, NumT, TupleT, ListT, DictT, StrT))


def contains_list(t: RType) -> bool:
    if isinstance(t, ListT):
        return True
    if isinstance(t, TupleT):
        return any(contains_list(i) for i in t.items)
    return False


def contains_mutable(t: RType) -> bool:
    """Whether a value of type `t` is, or holds, an object its holder can change in place
    (a list, dict, set or array): where CPython shares such an object, so must we."""
    if t.changeable:
        return True
    if isinstance(t, TupleT):
        return any(contains_mutable(i) for i in t.items)
    if isinstance(t, OptionalT):
        return contains_mutable(t.item)
    return False


def items_mutable(t: RType) -> bool:
    """Whether the items (values) of the container type `t` may be changeable objects."""
    if isinstance(t, ListT):
        return contains_mutable(t.item)
    if isinstance(t, DictT):
        return contains_mutable(t.value)
    if isinstance(t, TupleT):
        return any(contains_mutable(i) for i in t.items)
    if isinstance(t, OptionalT):
        return items_mutable(t.item)
    return False


def is_known(t: RType) -> bool:
    """False if `t` still holds an UnknownT anywhere (inference did not finish)."""
    if isinstance(t, UnknownT):
        return False
    if isinstance(t, ListT):
        return is_known(t.item)
    if isinstance(t, TupleT):
        return all(is_known(i) for i in t.items)
    if isinstance(t, DictT):
        return is_known(t.key) and is_known(t.value)
    if isinstance(t, (SetT, OptionalT)):
        return is_known(t.item)
    return True

"""IR nodes of the object tier: operations on Python objects (`ObjT`) through the C API.

Data only: lowering in lower_objects.py, Rust in emit/objects.py, helpers in the
runtime's obj.rs. Each node is the bytecode CPython runs for the same source:

    p.x                ObjAttr(p, "x")              LOAD_ATTR
    p.x = v            ExprStmt(ObjSetAttr(p, "x", v))
    Point(a, b)        ObjCall(ObjGlobal("Point"), (a, b))
    f(a, *b, **c)      ObjCallEx(f, (a, b, c), ("", "*", "**"))   CALL_FUNCTION_EX
    s.split(",")       ObjMethod(s, "split", (",",))
    a + b              ObjBinOp("add", a, b)        BINARY_OP (in place for `+=`)
    a < b              ObjCompare("lt", a, b)       COMPARE_OP, any object as result

Native values cross into the tier through `Box` and back through `Unbox` (an exact-type
check that deopts: passes/check_effects.py proves it runs before any visible effect).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import final

from rustify.translate.ir.nodes import Expr
from rustify.translate.ir.rtypes import BOOL, NONE, OBJ, RType


@final
@dataclass(frozen=True)
class ObjGlobal(Expr):
    """A module global (or builtin) read at each use, as LOAD_GLOBAL does."""

    name: str
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjStoreGlobal(Expr):
    """`global name; name = value` (an expression of type None, used as a statement)."""

    name: str
    value: Expr
    type: RType = NONE


@final
@dataclass(frozen=True)
class ObjAttr(Expr):
    obj: Expr
    attr: str
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjSetAttr(Expr):
    """`obj.attr = value`, value evaluated first (an expression of type None)."""

    obj: Expr
    attr: str
    value: Expr
    type: RType = NONE


@final
@dataclass(frozen=True)
class ObjCall(Expr):
    """`func(*args)`; the last `len(kwnames)` args are passed by those keywords."""

    func: Expr
    args: tuple[Expr, ...]
    kwnames: tuple[str, ...] = ()
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjCallEx(Expr):
    """`func(a, *b, k=c, **d)` (CALL_FUNCTION_EX): the parts are evaluated and merged one
    by one, in order, as CPython's LIST_EXTEND and DICT_MERGE merge them. `how` says what
    each part is: "" a positional argument, "*" an iterable, "**" a mapping, else the
    keyword's name."""

    func: Expr
    parts: tuple[Expr, ...]
    how: tuple[str, ...]
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjMethod(Expr):
    """`obj.method(*args)` without making a bound method (LOAD_METHOD)."""

    obj: Expr
    method: str
    args: tuple[Expr, ...]
    kwnames: tuple[str, ...] = ()
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjBinOp(Expr):
    op: str  # add sub mul truediv floordiv mod pow lshift rshift bitand bitor bitxor matmul
    left: Expr
    right: Expr
    inplace: bool = False
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjUnary(Expr):
    op: str  # neg pos invert
    operand: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjCompare(Expr):
    """One rich comparison; its result is whatever `__lt__` & co. return."""

    op: str  # lt le eq ne gt ge
    left: Expr
    right: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjIs(Expr):
    """`left is right` (identity; never calls Python code)."""

    left: Expr
    right: Expr
    type: RType = BOOL


@final
@dataclass(frozen=True)
class ObjGetItem(Expr):
    obj: Expr
    key: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjGetSlice(Expr):
    """`obj[lo:hi:step]` (BUILD_SLICE + BINARY_SUBSCR; an absent bound is None)."""

    obj: Expr
    lower: Expr
    upper: Expr
    step: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjSetItem(Expr):
    """`obj[key] = value` (value evaluated first; an expression of type None)."""

    obj: Expr
    key: Expr
    value: Expr
    type: RType = NONE


@final
@dataclass(frozen=True)
class ObjContains(Expr):
    """`item in container`."""

    container: Expr
    item: Expr
    type: RType = BOOL


@final
@dataclass(frozen=True)
class ObjIter(Expr):
    """`iter(obj)`, for a `for` loop."""

    obj: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjNext(Expr):
    """The next item of an iterator, or the runtime's end marker (tested by ObjExhausted)."""

    iterator: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjExhausted(Expr):
    """Whether an ObjNext result is the end marker."""

    item: Expr
    type: RType = BOOL


@final
@dataclass(frozen=True)
class ObjFormat(Expr):
    """One `{value!conversion:spec}` of an f-string (FORMAT_VALUE): a str object."""

    value: Expr
    conversion: str  # "s", "r", "a" or ""
    spec: Expr | None
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjBuildString(Expr):
    """The pieces of an f-string joined (BUILD_STRING): a str object."""

    parts: tuple[Expr, ...]
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjBuild(Expr):
    """A new list, dict (`items` alternate keys and values) or set of objects (BUILD_LIST,
    BUILD_MAP, BUILD_SET): a display whose items native typing cannot hold together."""

    kind: str  # list dict set
    items: tuple[Expr, ...]
    type: RType = OBJ


@final
@dataclass(frozen=True)
class ObjRaise(Expr):
    """`raise exc` / `raise exc from cause` of any object (RAISE_VARARGS): an expression
    statement that never completes."""

    exc: Expr
    cause: Expr | None
    type: RType = NONE


@final
@dataclass(frozen=True)
class ObjUnpack(Expr):
    """`a, b = obj` (UNPACK_SEQUENCE): the items as a tuple of objects (`type`), with
    CPython's errors for another length or a non-iterable."""

    value: Expr
    type: RType


@final
@dataclass(frozen=True)
class Box(Expr):
    """A native value as a Python object (a new int/float/str object, or the same None,
    True, False)."""

    value: Expr
    type: RType = OBJ


@final
@dataclass(frozen=True)
class Unbox(Expr):
    """An object as a native value of `type`: an exact-type check that deopts when the
    object is not exactly that (or an int beyond 64 bits)."""

    value: Expr
    type: RType


#: every node type of this module (for the emitter's and printer's tables)
NODES = (ObjGlobal, ObjStoreGlobal, ObjAttr, ObjSetAttr, ObjCall, ObjCallEx, ObjMethod, ObjBinOp, ObjUnary, ObjCompare,
         ObjIs, ObjGetItem, ObjGetSlice, ObjSetItem, ObjContains, ObjIter, ObjNext, ObjExhausted, ObjFormat, ObjBuildString,
         ObjBuild, ObjRaise, ObjUnpack, Box, Unbox)

#: nodes that may run code visible outside the function (a call, a write): after one of
#: them has run, a deopt would run the Python original a second time
EFFECTS = (ObjStoreGlobal, ObjSetAttr, ObjCall, ObjCallEx, ObjMethod, ObjSetItem)

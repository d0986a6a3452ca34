"""IR nodes: a small typed tree of expressions and structured statements.

Everything the emitter needs is explicit here: every expression carries its type,
numeric operands are already coerced (a `Convert` node where CPython converts),
and checks are named by the node (`Index` checks bounds and negative indexes,
`Arith` on ints checks overflow and zero divisors, `Intrinsic` calls a runtime
helper that mirrors a CPython function). Nodes are frozen, final dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import final

from rustify.translate.ir.rtypes import BOOL, INT, NONE, RType


class Expr:
    type: RType


class Stmt:
    pass


# ---------------------------------------------------------------- expressions


@final
@dataclass(frozen=True)
class Const(Expr):
    value: int | float | bool | None
    type: RType


@final
@dataclass(frozen=True)
class Name(Expr):
    """A parameter or local variable."""

    name: str
    type: RType


@final
@dataclass(frozen=True)
class Global(Expr):
    """A module-level numeric constant, read as the value it had at generation: the
    exported wrapper checks on entry that the module still holds it (emit/guards.py)."""

    name: str
    type: RType
    value: int | float | bool = 0


@final
@dataclass(frozen=True)
class Arith(Expr):
    """`left op right` with both operands of `type` (int, float or num); pow may differ."""

    op: str  # add sub mul truediv floordiv mod pow lshift rshift bitand bitor bitxor
    left: Expr
    right: Expr
    type: RType


@final
@dataclass(frozen=True)
class Unary(Expr):
    op: str  # neg pos invert not
    operand: Expr
    type: RType


@final
@dataclass(frozen=True)
class Compare(Expr):
    """One comparison (chains are lowered to `and` of single ones over temporaries)."""

    op: str  # lt le eq ne gt ge
    left: Expr
    right: Expr
    type: RType = BOOL


@final
@dataclass(frozen=True)
class BoolOp(Expr):
    """Python's `and`/`or`: yields an operand, not a bool (both operands of `type`)."""

    op: str  # and or
    left: Expr
    right: Expr
    type: RType


@final
@dataclass(frozen=True)
class Truthy(Expr):
    operand: Expr
    type: RType = BOOL


@final
@dataclass(frozen=True)
class IfExp(Expr):
    cond: Expr
    then: Expr
    orelse: Expr
    type: RType


@final
@dataclass(frozen=True)
class Convert(Expr):
    """A conversion CPython performs implicitly (int to float in `1 + 0.5`, bool to int)."""

    operand: Expr
    type: RType


@final
@dataclass(frozen=True)
class Index(Expr):
    """`seq[index]` with CPython's negative indexes and IndexError.

    `checked=False` when the lowering proved `0 <= index < len(seq)` (a loop counter
    just compared with the length), so the emitter needs no Python-level check.
    `moved`: `seq` is a temporary list nothing reads again but this loop, which reads each
    item once (`for f in line.split(",")`): the item is moved out, not copied.
    """

    seq: Expr
    index: Expr
    type: RType
    checked: bool = True
    moved: bool = False


@final
@dataclass(frozen=True)
class TupleGet(Expr):
    """Item `k` of a tuple whose length is known statically; `moved`: the tuple is a
    temporary whose every item is read once (`a, b = obj`), so the item is moved out."""

    tup: Expr
    k: int
    type: RType
    moved: bool = False


@final
@dataclass(frozen=True)
class Len(Expr):
    operand: Expr
    type: RType = INT


@final
@dataclass(frozen=True)
class ListLit(Expr):
    items: tuple[Expr, ...]
    type: RType


@final
@dataclass(frozen=True)
class TupleLit(Expr):
    items: tuple[Expr, ...]
    type: RType


@final
@dataclass(frozen=True)
class Call(Expr):
    """A call of another translated function of the same crate."""

    func: str  # the callee's rust name
    args: tuple[Expr, ...]
    type: RType


@final
@dataclass(frozen=True)
class Intrinsic(Expr):
    """A builtin, method or math function, implemented by a runtime helper."""

    name: str  # e.g. "math.sqrt", "round", "max", "list.pop"
    args: tuple[Expr, ...]
    type: RType


@final
@dataclass(frozen=True)
class Block(Expr):
    """Statements then a value: comprehensions, chained comparisons, reductions."""

    body: tuple[Stmt, ...]
    result: Expr
    type: RType


# ---------------------------------------------------------------- places


@final
@dataclass(frozen=True)
class NamePlace:
    name: str
    type: RType


@final
@dataclass(frozen=True)
class IndexPlace:
    """`base[index] = ...`: base is a list place (a name or another index)."""

    base: NamePlace | IndexPlace
    index: Expr
    type: RType


Place = NamePlace | IndexPlace


# ---------------------------------------------------------------- statements


@final
@dataclass(frozen=True)
class Assign(Stmt):
    target: Place
    value: Expr


@final
@dataclass(frozen=True)
class ExprStmt(Stmt):
    expr: Expr


@final
@dataclass(frozen=True)
class If(Stmt):
    cond: Expr
    body: tuple[Stmt, ...]
    orelse: tuple[Stmt, ...] = ()


@final
@dataclass(frozen=True)
class While(Stmt):
    cond: Expr
    body: tuple[Stmt, ...]


@final
@dataclass(frozen=True)
class ForRange(Stmt):
    """`for var in range(start, stop, step)`: bounds evaluated once, step != 0 checked;
    with `reverse`, `for var in reversed(range(start, stop, step))`."""

    var: str
    start: Expr
    stop: Expr
    step: Expr
    body: tuple[Stmt, ...]
    reverse: bool = False


@final
@dataclass(frozen=True)
class Break(Stmt):
    pass


@final
@dataclass(frozen=True)
class Continue(Stmt):
    pass


@final
@dataclass(frozen=True)
class Return(Stmt):
    value: Expr | None
    #: where the `return` is in the source (for rejections by later passes)
    line: int = 0
    col: int = 0


@final
@dataclass(frozen=True)
class CheckBound(Stmt):
    """Raise UnboundLocalError unless local `name` has been assigned: a read Python may
    find unbound (worded as the running CPython words it: rt::unbound_local)."""

    name: str


@final
@dataclass(frozen=True)
class SourceLine(Stmt):
    """Where the statements of the source line `line` begin (`Lowerer.block` puts one before
    each statement's). No effect and no code: the emitter may write it as a comment, so the
    Rust each line became can be shown next to it (generation/line_map.py)."""

    line: int
    col: int = 0


@final
@dataclass(frozen=True)
class Raise(Stmt):
    kind: str  # an rt::ExcKind variant name, e.g. "ValueError"
    message: Expr | None


# ---------------------------------------------------------------- functions


@final
@dataclass(frozen=True)
class Param:
    """A parameter. `mode` says how Rust receives it: `value` (scalars, and lists the
    body rebinds), `ref` (a list only read: `&Vec<T>`), `mut` (a list mutated in place:
    `&mut Vec<T>`, and the exported wrapper writes it back to the caller's list)."""

    name: str
    type: RType
    mode: str = "value"
    #: declared after `*` (or `*args`): callers must pass it by keyword
    kw_only: bool = False
    #: "*" for `*args` (a tuple), "**" for `**kwargs` (a new dict each call), else ""
    star: str = ""


@final
@dataclass(frozen=True)
class Function:
    name: str  # Python name
    qualname: str
    rust_name: str
    params: tuple[Param, ...]
    ret: RType
    locals: tuple[tuple[str, RType], ...]
    body: tuple[Stmt, ...]
    #: parameter defaults as Python literals (for the PyO3 signature), by name
    defaults: tuple[tuple[str, object], ...] = ()
    #: variables whose list is changed in place (append, item assignment, ...)
    mutated: tuple[str, ...] = ()
    #: where each of them is first changed: (name, line, col), for rejections
    mutation_sites: tuple[tuple[str, int, int], ...] = ()
    #: locals some read may find unassigned: the emitter tracks their assignment
    maybe_unbound: tuple[str, ...] = ()
    #: the `def` line and column, where rejections of the whole function point
    line: int = 0
    col: int = 0
    #: standard-library functions run natively: (module global, module, attribute), guarded
    stdlib: tuple[tuple[str, str, str], ...] = ()
    #: a generator function: a call makes a generator (runtime gen.rs) whose body this is
    generator: bool = False
    #: how stores into lists changed in place (mode `inplace`) stay exact when a deopt may
    #: follow one (runtime view.rs `Stores`): "final" (none may), "checked" (only a read of an
    #: item of another type may: every item is checked on entry), "undone" (kept to be undone)
    stores: str = "final"


@final
@dataclass(frozen=True)
class GlobalRead:
    """A module global whose value a translation bakes in. CPython looks it up at each
    use, so the exported wrapper checks on entry that it still holds this (else deopts).

    `kind` "constant": a numeric constant and its `value`; "function": a called module
    function, the `def` (at `line` when generated) whose code has `fingerprint`, with
    `defaults` == repr((__defaults__, __kwdefaults__)); "stdlib": a standard library function
    run natively, `module.attr` bound to the global `name`; "stdlib module": the same read
    through the module bound to `name` (`heapq.heappush`); "stdlib object": the module
    itself (`attr` "") or the object `module.attr` (`itertools`, `product`), by identity.
    """

    name: str
    kind: str
    type: RType | None = None
    value: int | float | bool | None = None
    line: int = 0
    defaults: str = ""
    #: of a function: its code's fingerprint (translate/fingerprint.py), line-independent
    fingerprint: int = 0
    #: of a standard library read: its module and attribute
    module: str = ""
    attr: str = ""


@final
@dataclass(frozen=True)
class Module:
    name: str
    functions: tuple[Function, ...]
    constants: tuple[Constant, ...] = field(default=())



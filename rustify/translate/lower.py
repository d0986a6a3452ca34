"""Pass 4: lower a Python function (ast) to the typed IR.

The typing rules live here, once: `infer` runs this lowering to a fixpoint over the
types of local variables, then runs it a last time with the final types to get the
IR. In inference mode an operand of unknown type just makes an unknown result; in
the final run it rejects the function. Every CPython rule of DESIGN.md section 5 that
depends on types is decided here (where an int becomes a float, when `**` yields a
float, which operations need checks); the emitter only spells the result in Rust.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Protocol

from rustify.translate.errors import reject
from rustify.translate.frontend import ModuleInfo, global_names, local_names, parameters
from rustify.translate.ir import nodes as ir
from rustify.translate.lower_expr import ExpressionLowering
from rustify.translate.lower_containers import ContainerLowering
from rustify.translate.builtins_dict import coerce_container
from rustify.translate.lower_loops import LoopLowering
from rustify.translate.lower_itertools import IterToolsLowering
from rustify.translate.lower_iterators import IteratorLowering, NativeIter, iterator_candidates
from rustify.translate.lower_stmt import StatementLowering
from rustify.translate.lower_try import TryLowering
from rustify.translate.lower_objects import ObjectLowering
from rustify.translate.lower_narrowing import NarrowingLowering
from rustify.translate.lower_support import (
    comprehension_result, falls_through, join_all, method_aliases, retype_appends,
)
from rustify.translate.ir.rtypes import (
    FLOAT, INT, UNKNOWN, BoolT, FloatT, IntT, ListT, NumT, ObjT, RType, TupleT, UnknownT, is_known, join,
)


@dataclass(frozen=True)
class Signature:
    """How to call another translated function of the module."""

    rust_name: str
    params: tuple[tuple[str, RType], ...]
    ret: RType
    defaults: dict[str, object]
    #: parameters the callee mutates in place: the caller's arguments change too
    mutates: frozenset[str] = frozenset()


class Resolver(Protocol):
    def signature(self, name: str, arg_types: list[RType], node: ast.AST, final: bool = True) -> Signature: ...


@dataclass
class Lowering:
    """The result of lowering once: IR plus what inference needs to iterate."""

    body: tuple[ir.Stmt, ...]
    assigned: dict[str, RType | None]
    returns: list[RType]
    mutated: set[str]
    rebound: set[str]
    temps: dict[str, RType]
    falls_through: bool
    mutation_sites: dict[str, tuple[int, int]] = field(default_factory=dict)
    maybe_unbound: set[str] = field(default_factory=set)
    #: parameters whose items were given values of other types: the type that holds them all
    widened: dict[str, RType] = field(default_factory=dict)
    #: standard-library functions run natively: (module global, module, attribute)
    stdlib: set[tuple[str, str, str]] = field(default_factory=set)


@dataclass
class Lowerer(StatementLowering, LoopLowering, IterToolsLowering, IteratorLowering, ExpressionLowering, ContainerLowering, TryLowering, ObjectLowering,
              NarrowingLowering):
    fn: ast.FunctionDef
    info: ModuleInfo
    env: dict[str, RType]
    resolver: Resolver
    final: bool
    #: the inferred return type, known in the final lowering: returns are coerced to it
    ret_type: RType | None = None
    locals: set[str] = field(default_factory=set)
    assigned: dict[str, RType | None] = field(default_factory=dict)
    returns: list[RType] = field(default_factory=list)
    mutated: set[str] = field(default_factory=set)
    rebound: set[str] = field(default_factory=set)
    #: where each mutated variable is first changed in place: (line, col)
    mutation_sites: dict[str, tuple[int, int]] = field(default_factory=dict)
    temps: dict[str, RType] = field(default_factory=dict)
    renames: dict[str, str] = field(default_factory=dict)
    loop_flags: list[str | None] = field(default_factory=list)
    counter: int = 0
    #: the function's own local names (parameters included), before any renaming
    user_locals: frozenset[str] = frozenset()
    #: locals certainly assigned at this point of the body (None: the point is unreachable)
    defined: set[str] | None = None
    #: for each enclosing loop, what is certainly assigned at each of its `break`s
    break_states: list[list[set[str] | None]] = field(default_factory=list)
    #: how many except clauses enclose the statement being lowered (a bare `raise` needs one)
    handler_depth: int = 0
    #: locals read where they may not be assigned yet (each read checks, and deopts)
    maybe_unbound: set[str] = field(default_factory=set)
    #: whether `.keys()`/`.values()`/`.items()` may appear here (they are being iterated)
    view_ok: bool = False
    #: locals that name a bound method and are only called (lower_support.method_aliases)
    aliases: dict[str, tuple[str, str, ast.Assign]] = field(default_factory=dict)
    #: the expression (or the call whose arguments) being consumed right now: only read,
    #: never kept (so `range(...)` there may be materialized as a list)
    consumed: ast.AST | None = None
    #: names a `global` statement declares (read and written as module globals)
    declared_global: frozenset[str] = frozenset()
    #: `T | None` locals known not to be None here: how (lower_narrowing.py)
    narrowed: dict[str, str] = field(default_factory=dict)
    #: the parameters' types, and the wider ones their items' stores call for (record_value_at)
    params: dict[str, RType] = field(default_factory=dict)
    widened: dict[str, RType] = field(default_factory=dict)
    #: standard-library functions run natively (lower_itertools.py), guarded on entry
    stdlib: set[tuple[str, str, str]] = field(default_factory=set)
    #: iterator variables that may be native, and those that are (lower_iterators.py)
    iter_candidates: dict[str, ast.Assign] = field(default_factory=dict)
    iterators: dict[str, NativeIter] = field(default_factory=dict)

    # ------------------------------------------------------------ helpers

    def fresh(self, stem: str, t: RType) -> str:
        self.counter += 1
        name = f"${stem}{self.counter}"  # `$` is in no Python identifier: never a user's name
        self.temps[name] = t
        return name

    def unknown(self, node: ast.AST, what: str) -> ir.Expr:
        if self.final:
            raise reject(node, "type", f"cannot infer the type of {what}",
                         "annotate it, or add it to the target's `types` in the selection document")
        return ir.Const(None, UNKNOWN)

    def coerce(self, expr: ir.Expr, to: RType, node: ast.AST) -> ir.Expr:
        """Convert `expr` to type `to` where CPython's value is unchanged (int -> num, ...)."""
        if expr.type == to or isinstance(expr.type, UnknownT) or isinstance(to, UnknownT):
            return expr
        if isinstance(to, ObjT):  # a native value joins objects: boxed (immutable values only)
            return self.box(expr, node)
        unboxed = self.unbox(expr, to, node)  # an object where a native value is needed
        if unboxed is not None:
            return unboxed
        container = coerce_container(self, expr, to, node)  # dict, set, Optional (builtins_dict.py)
        if container is not None:
            return container
        from rustify.translate import builtins_numpy

        np_value = builtins_numpy.coerce(self, expr, to, node)
        if np_value is not None:
            return np_value
        if isinstance(to, NumT) and isinstance(expr.type, (IntT, FloatT)):
            return ir.Convert(expr, to)
        if isinstance(to, ListT) and isinstance(expr.type, ListT):
            if isinstance(expr, ir.ListLit):
                return ir.ListLit(tuple(self.coerce(i, to.item, node) for i in expr.items), to)
            if isinstance(expr, ir.Intrinsic) and expr.name == "list.repeat" and is_known(to):
                # `[0] * m` where the list holds floats later: the repeated list made of the new type
                return ir.Intrinsic("list.repeat", (self.coerce(expr.args[0], to, node), expr.args[1]), to)
            result = comprehension_result(expr)
            if result is not None and is_known(to) and (not is_known(expr.type) or join(expr.type, to) == to):
                # `[[] for _ in range(n)]` whose rows are filled later, `[[0] * m for ...]` given
                # floats: built with the item type the later stores call for (each appended
                # item converted as it is made, not the whole list afterwards)
                assert isinstance(expr, ir.Block)
                self.temps[result] = to
                init = ir.Assign(ir.NamePlace(result, to), ir.ListLit((), to))
                body = retype_appends(expr.body[1:], result, to, lambda v: self.coerce(v, to.item, node))
                return ir.Block((init, *body), ir.Name(result, to), to)
            if not is_known(expr.type.item):
                return ir.Convert(expr, to)
            if join(expr.type, to) == to:
                return ir.Convert(expr, to)
        if isinstance(to, TupleT) and isinstance(expr.type, TupleT) and len(to.items) == len(expr.type.items):
            if isinstance(expr, ir.TupleLit):
                return ir.TupleLit(tuple(self.coerce(i, t, node) for i, t in zip(expr.items, to.items)), to)
            if join(expr.type, to) == to:
                return ir.Convert(expr, to)
        if not self.final:
            return expr
        raise reject(node, "type", f"a value of type {expr.type} where {to} is needed")

    def as_list(self, expr: ir.Expr, node: ast.AST) -> ir.Expr:
        """A tuple used as a sequence (iterated, searched, reduced, indexed at run time):
        a list of its items, which behaves the same for those uses."""
        t = expr.type
        if not isinstance(t, TupleT):
            return expr
        item = join_all(t.items) if t.items else INT
        if item is None:
            raise reject(node, "tuple", f"a {t} used as a sequence: its items have different types")
        list_t = ListT(item)
        if isinstance(expr, ir.TupleLit):
            return ir.ListLit(tuple(self.coerce(i, item, node) for i in expr.items), list_t)
        return ir.Intrinsic("tuple.to_list", (expr,), list_t)

    def to_float(self, expr: ir.Expr) -> ir.Expr:
        """CPython converts an int operand to float before mixed arithmetic."""
        return expr if isinstance(expr.type, FloatT) else ir.Convert(expr, FLOAT)

    def to_int(self, expr: ir.Expr) -> ir.Expr:
        return ir.Convert(expr, INT) if isinstance(expr.type, BoolT) else expr

    def var_type(self, name: str) -> RType:
        return self.env.get(name, UNKNOWN)

    def record_assign(self, name: str, t: RType, node: ast.AST) -> None:
        if name not in self.assigned:
            self.assigned[name] = t
            return
        joined = join(self.assigned[name], t)
        if joined is None and self.final:
            raise reject(node, "type", f"`{name}` holds a {self.assigned[name]} and a {t}",
                         "use one type per variable")
        self.assigned[name] = joined

    # ------------------------------------------------------------ entry

    def lower_function(self) -> Lowering:
        self.declared_global = frozenset(global_names(self.fn))
        self.aliases = method_aliases(self.fn)
        self.locals = local_names(self.fn) - set(self.aliases)
        self.user_locals = frozenset(self.locals)
        self.defined = {a.arg for a in parameters(self.fn)}
        self.params = {name: self.env.get(name, UNKNOWN) for name in self.defined}
        self.iter_candidates = iterator_candidates(self.fn)
        body = self.block(self.fn.body)
        return Lowering(tuple(body), self.assigned, self.returns, self.mutated, self.rebound, self.temps,
                        falls_through(self.fn.body), self.mutation_sites, self.maybe_unbound, self.widened,
                        self.stdlib)

    # ------------------------------------------------------------ definite assignment

    def define(self, name: str) -> None:
        if self.defined is not None:
            self.defined.add(name)

    def state(self) -> set[str] | None:
        return None if self.defined is None else set(self.defined)

    @staticmethod
    def meet(*states: set[str] | None) -> set[str] | None:
        """What is assigned on every path that reaches a join point (None: no path does)."""
        live = [s for s in states if s is not None]
        if not live:
            return None
        out = set(live[0])
        for other in live[1:]:
            out &= other
        return out

    def may_be_unbound(self, name: str) -> bool:
        return name in self.user_locals and self.defined is not None and name not in self.defined

    def block(self, stmts: list[ast.stmt]) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for stmt in stmts:
            out.append(ir.SourceLine(stmt.lineno, stmt.col_offset))
            out.extend(self.stmt(stmt))
        return out

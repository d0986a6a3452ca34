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
import builtins
from dataclasses import dataclass, field, replace
from typing import Protocol

from rustify.translate import builtins as bi
from rustify.translate.errors import reject
from rustify.translate.frontend import I64_MAX, I64_MIN, ModuleInfo, literal_value, local_names, math_attribute
from rustify.translate.ir import nodes as ir
from rustify.translate.passes.liveness import names_read
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, NUM, STR, UNKNOWN, BoolT, FloatT, IntT, ListT, NoneT, NumT, RType, TupleT,
    UnknownT, contains_list, is_known, join,
)

ARITH_OPS = {
    ast.Add: "add", ast.Sub: "sub", ast.Mult: "mul", ast.Div: "truediv", ast.FloorDiv: "floordiv",
    ast.Mod: "mod", ast.Pow: "pow", ast.LShift: "lshift", ast.RShift: "rshift", ast.BitAnd: "bitand",
    ast.BitOr: "bitor", ast.BitXor: "bitxor",
}
CMP_OPS = {ast.Lt: "lt", ast.LtE: "le", ast.Eq: "eq", ast.NotEq: "ne", ast.Gt: "gt", ast.GtE: "ge"}
INT_ONLY_OPS = {"lshift", "rshift", "bitand", "bitor", "bitxor"}
#: exceptions a translated function may raise (rt::ExcKind variants)
EXCEPTIONS = {
    "ValueError", "ZeroDivisionError", "IndexError", "OverflowError", "AssertionError", "TypeError", "KeyError",
    "RuntimeError", "RecursionError", "NotImplementedError", "ArithmeticError", "LookupError", "Exception",
}


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


def numeric(t: RType) -> bool:
    return isinstance(t, (IntT, FloatT, NumT, BoolT))


@dataclass
class Lowerer:
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
    #: locals read where they may not be assigned yet (each read checks, and deopts)
    maybe_unbound: set[str] = field(default_factory=set)

    # ------------------------------------------------------------ helpers

    def fresh(self, stem: str, t: RType) -> str:
        self.counter += 1
        name = f"_{stem}{self.counter}"
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
        if isinstance(to, NumT) and isinstance(expr.type, (IntT, FloatT)):
            return ir.Convert(expr, to)
        if isinstance(to, ListT) and isinstance(expr.type, ListT):
            if isinstance(expr, ir.ListLit):
                return ir.ListLit(tuple(self.coerce(i, to.item, node) for i in expr.items), to)
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
        self.locals = local_names(self.fn)
        self.user_locals = frozenset(self.locals)
        self.defined = {a.arg for a in self.fn.args.args + self.fn.args.kwonlyargs}
        body = self.block(self.fn.body)
        return Lowering(tuple(body), self.assigned, self.returns, self.mutated, self.rebound, self.temps,
                        falls_through(self.fn.body), self.mutation_sites, self.maybe_unbound)

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
            out.extend(self.stmt(stmt))
        return out

    # ------------------------------------------------------------ statements

    def stmt(self, node: ast.stmt) -> list[ir.Stmt]:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            raise reject(node, type(node).__name__.lower(), f"`{type(node).__name__}` statements are not translated")
        return method(node)

    def stmt_Pass(self, node: ast.Pass) -> list[ir.Stmt]:
        return []

    def stmt_Expr(self, node: ast.Expr) -> list[ir.Stmt]:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return []  # a docstring or a bare string: no effect
        return [ir.ExprStmt(self.expr(node.value))]

    def stmt_Return(self, node: ast.Return) -> list[ir.Stmt]:
        value = self.expr(node.value) if node.value is not None else ir.Const(None, NONE)
        self.defined = None
        self.returns.append(value.type)
        if self.ret_type is not None:
            value = self.coerce(value, self.ret_type, node)
        return [ir.Return(value, node.lineno, node.col_offset)]

    def stmt_Assign(self, node: ast.Assign) -> list[ir.Stmt]:
        value = self.expr(node.value)
        if len(node.targets) == 1:
            return self.assign(node.targets[0], value, node)
        tmp = self.fresh("t", value.type)
        out: list[ir.Stmt] = [ir.Assign(ir.NamePlace(tmp, value.type), value)]
        for target in node.targets:
            out += self.assign(target, ir.Name(tmp, value.type), node)
        return out

    def stmt_AnnAssign(self, node: ast.AnnAssign) -> list[ir.Stmt]:
        if node.value is None:
            return []
        return self.assign(node.target, self.expr(node.value), node)

    def stmt_AugAssign(self, node: ast.AugAssign) -> list[ir.Stmt]:
        op = ARITH_OPS.get(type(node.op))
        if op is None:
            raise reject(node, "operator", f"the operator {type(node.op).__name__} is not translated")
        target = node.target
        if isinstance(target, ast.Name):
            current = self.name_expr(target.id, target)
            if isinstance(current.type, ListT) and op == "add":  # xs += ys extends xs in place
                self.mark_mutated(target.id, node)
                other = self.coerce(self.expr(node.value), current.type, node)
                return [ir.ExprStmt(ir.Intrinsic("list.extend", (current, other), NONE))]
            value = self.binop(op, current, self.expr(node.value), node)
            return self.assign(target, value, node)
        if isinstance(target, ast.Subscript):
            base = self.place(target.value)
            index = self.expr(target.slice)
            tmp = self.fresh("i", index.type)
            pre = [ir.Assign(ir.NamePlace(tmp, index.type), index)]
            seq_type = base.type
            item_t = seq_type.item if isinstance(seq_type, ListT) else UNKNOWN
            current = ir.Index(self.place_expr(base), ir.Name(tmp, index.type), item_t)
            value = self.coerce(self.binop(op, current, self.expr(node.value), node), item_t, node)
            self.mark_mutated(root_name(base), node)
            return pre + [ir.Assign(ir.IndexPlace(base, ir.Name(tmp, index.type), item_t), value)]
        raise reject(node, "assignment target", "only names and list items can be assigned")

    def assign(self, target: ast.expr, value: ir.Expr, node: ast.AST) -> list[ir.Stmt]:
        if isinstance(target, ast.Name):
            name = self.renames.get(target.id, target.id)
            self.record_assign(name, value.type, node)
            self.define(name)
            if name in {a.arg for a in self.fn.args.args + self.fn.args.kwonlyargs}:
                self.rebound.add(name)
            var_t = self.var_type(name)
            return [ir.Assign(ir.NamePlace(name, var_t), self.coerce(value, var_t, node))]
        if isinstance(target, (ast.Tuple, ast.List)):
            elts = target.elts
            if any(isinstance(e, ast.Starred) for e in elts):
                raise reject(target, "starred assignment", "`*rest` targets are not translated")
            if isinstance(value, ir.TupleLit) and len(value.items) == len(elts):
                # `a, b = b, a`: evaluate every value before assigning any
                temps = []
                out: list[ir.Stmt] = []
                for item in value.items:
                    tmp = self.fresh("t", item.type)
                    out.append(ir.Assign(ir.NamePlace(tmp, item.type), item))
                    temps.append(ir.Name(tmp, item.type))
                for elt, tmp_expr in zip(elts, temps):
                    out += self.assign(elt, tmp_expr, node)
                return out
            t = value.type
            if isinstance(t, UnknownT):
                return [s for elt in elts for s in self.assign(elt, ir.Const(None, UNKNOWN), node)]
            if not isinstance(t, TupleT) or len(t.items) != len(elts):
                raise reject(node, "unpacking", f"cannot unpack a {t} into {len(elts)} names",
                             "unpack tuples of a known length")
            tmp = self.fresh("t", t)
            out = [ir.Assign(ir.NamePlace(tmp, t), value)]
            for k, elt in enumerate(elts):
                out += self.assign(elt, ir.TupleGet(ir.Name(tmp, t), k, t.items[k]), node)
            return out
        if isinstance(target, ast.Subscript):
            base = self.place(target.value)
            self.mark_mutated(root_name(base), target)
            item_t = base.type.item if isinstance(base.type, ListT) else UNKNOWN
            if isinstance(base.type, TupleT):
                raise reject(target, "tuple item assignment", "tuples are immutable (TypeError in Python)")
            if isinstance(target.slice, ast.Slice):
                raise reject(target, "slice assignment", "slice assignment is not translated yet")
            # CPython evaluates the value first, then the index
            tmp = self.fresh("v", item_t)
            pre = [ir.Assign(ir.NamePlace(tmp, item_t), self.coerce(value, item_t, node))]
            index = self.int_index(self.expr(target.slice), target.slice)
            return pre + [ir.Assign(ir.IndexPlace(base, index, item_t), ir.Name(tmp, item_t))]
        raise reject(target, "assignment target", f"assigning to {type(target).__name__} is not translated")

    def place(self, node: ast.expr) -> ir.NamePlace | ir.IndexPlace:
        if isinstance(node, ast.Name):
            name = self.renames.get(node.id, node.id)
            if name not in self.locals and name not in self.temps and node.id not in self.renames:
                raise reject(node, "global mutation", f"`{node.id}` is not a local list",
                             "pass the list as a parameter")
            if self.may_be_unbound(name):
                raise reject(node, "unbound local", f"`{name}` may be used before it is assigned",
                             "assign it on every path first")
            return ir.NamePlace(name, self.var_type(name))
        if isinstance(node, ast.Subscript) and not isinstance(node.slice, ast.Slice):
            base = self.place(node.value)
            item_t = base.type.item if isinstance(base.type, ListT) else UNKNOWN
            if self.final and not isinstance(base.type, ListT):
                raise reject(node, "item assignment", f"cannot assign items of a {base.type}")
            return ir.IndexPlace(base, self.int_index(self.expr(node.slice), node.slice), item_t)
        raise reject(node, "assignment target", "only names and list items can be assigned")

    def place_expr(self, place: ir.NamePlace | ir.IndexPlace) -> ir.Expr:
        if isinstance(place, ir.NamePlace):
            return ir.Name(place.name, place.type)
        return ir.Index(self.place_expr(place.base), place.index, place.type)

    def mark_mutated(self, name: str, node: ast.AST) -> None:
        self.mutated.add(name)
        self.mutation_sites.setdefault(name, (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)))

    def stmt_If(self, node: ast.If) -> list[ir.Stmt]:
        cond = self.condition(node.test)
        entry = self.state()
        body = self.block(node.body)
        after_body, self.defined = self.defined, entry
        orelse = self.block(node.orelse)
        self.defined = self.meet(after_body, self.defined)
        return [ir.If(cond, tuple(body), tuple(orelse))]

    def loop(self, node: ast.For | ast.While, build) -> list[ir.Stmt]:
        """Lower a loop; `for`/`while` ... `else` runs the else block unless a break ran.

        `build(body)` returns the loop's statements, calling `body()` to lower one
        iteration. What is assigned before the first iteration is what is assigned
        when the loop ends normally (and runs its else block), unless it is a `while True`.
        """
        entry = self.state()
        flag = self.fresh("broke", BOOL) if node.orelse else None
        self.loop_flags.append(flag)
        self.break_states.append([])
        try:
            loop = build(lambda: self.block(node.body))
        finally:
            self.loop_flags.pop()
            breaks = self.break_states.pop()
        forever = isinstance(node, ast.While) and isinstance(node.test, ast.Constant) and node.test.value is True
        self.defined = None if forever else entry
        if flag is None:
            self.defined = self.meet(self.defined, *breaks)
            return loop
        pre = [ir.Assign(ir.NamePlace(flag, BOOL), ir.Const(False, BOOL))]
        post = [ir.If(ir.Unary("not", ir.Name(flag, BOOL), BOOL), tuple(self.block(node.orelse)))]
        self.defined = self.meet(self.defined, *breaks)
        return pre + loop + post

    def stmt_Break(self, node: ast.Break) -> list[ir.Stmt]:
        flag = self.loop_flags[-1] if self.loop_flags else None
        if self.break_states:
            self.break_states[-1].append(self.state())
        self.defined = None
        out: list[ir.Stmt] = [ir.Assign(ir.NamePlace(flag, BOOL), ir.Const(True, BOOL))] if flag else []
        return out + [ir.Break()]

    def stmt_Continue(self, node: ast.Continue) -> list[ir.Stmt]:
        self.defined = None
        return [ir.Continue()]

    def stmt_While(self, node: ast.While) -> list[ir.Stmt]:
        cond = self.condition(node.test)
        return self.loop(node, lambda body: [ir.While(cond, tuple(body()))])

    def stmt_For(self, node: ast.For) -> list[ir.Stmt]:
        return self.loop(node, lambda body: self.for_loop(node.target, node.iter, node, body))

    def for_loop(self, target: ast.expr, iterable: ast.expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """Lower `for target in iterable` to ForRange or an index-driven While.

        `body_fn()` lowers the body (it runs after the target is known, so the body
        sees the loop variable's type) and returns the statements of one iteration.
        """
        call = iterable if isinstance(iterable, ast.Call) and isinstance(iterable.func, ast.Name) else None
        fname = call.func.id if call is not None and self.is_builtin(call.func.id) else None
        if fname == "range":
            start, stop, step = self.range_args(call)
            if isinstance(target, ast.Name):
                var = self.renames.get(target.id, target.id)
                self.record_assign(var, INT, node)
                self.define(var)
                return [ir.ForRange(var, start, stop, step, tuple(body_fn()))]
            raise reject(target, "loop target", "a range loop needs one name")
        if fname == "reversed" and len(call.args) == 1 and isinstance(call.args[0], ast.Call) \
                and isinstance(call.args[0].func, ast.Name) and call.args[0].func.id == "range" \
                and self.is_builtin("range"):
            start, stop, step = self.range_args(call.args[0])
            var = self.fresh("r", INT)
            pre = self.assign(target, ir.Name(var, INT), node)
            return [ir.ForRange(var, start, stop, step, tuple(pre + body_fn()), reverse=True)]
        if fname == "enumerate":
            if not call.args or len(call.args) > 2 or call.keywords and call.keywords[0].arg != "start":
                raise reject(call, "enumerate", "enumerate(seq) or enumerate(seq, start) only")
            seq = self.sequence(call.args[0], node)
            start = self.expr(call.keywords[0].value if call.keywords else call.args[1]) if len(call.args) > 1 or call.keywords else ir.Const(0, INT)
            return self.index_loop([seq], node, target, body_fn, enumerate_start=self.to_int(start))
        if fname == "zip":
            if call.keywords or not call.args:
                raise reject(call, "zip", "zip(a, b, ...) without keywords only")
            return self.index_loop([self.sequence(a, node) for a in call.args], node, target, body_fn, zipped=True)
        if fname == "reversed" and len(call.args) == 1:
            return self.index_loop([self.sequence(call.args[0], node)], node, target, body_fn, reverse=True)
        return self.index_loop([self.sequence(iterable, node)], node, target, body_fn)

    def sequence(self, node: ast.expr, loop: ast.AST) -> tuple[list[ir.Stmt], ir.Name]:
        """A list or tuple to iterate: a local name as is (iterated live), else a temp."""
        expr = self.expr(node)
        if not isinstance(expr.type, (ListT, TupleT, UnknownT)):
            raise reject(node, "iteration", f"iterating over a {expr.type} is not translated")
        expr = self.as_list(expr, node)
        if isinstance(expr, ir.Name) and not self.rebinds(expr.name, loop):
            return [], expr  # iterated live: the loop sees its own appends, as in CPython
        # CPython iterates the object the expression had when the loop started, whatever
        # the name is rebound to later
        tmp = self.fresh("seq", expr.type)
        return [ir.Assign(ir.NamePlace(tmp, expr.type), expr)], ir.Name(tmp, expr.type)

    def index_loop(self, seqs, node, target, body_fn, *, enumerate_start=None, zipped=False, reverse=False):
        pre: list[ir.Stmt] = []
        names = []
        for stmts, name in seqs:
            pre += stmts
            names.append(name)
        idx = self.fresh("k", INT)
        items = []
        for name in names:
            t = name.type
            item_t = t.item if isinstance(t, ListT) else t.items[0] if isinstance(t, TupleT) and t.items else UNKNOWN
            items.append(ir.Index(name, ir.Name(idx, INT), item_t, checked=False))
        if reverse:
            # CPython's reversed(list): starts at len-1, stops when the index leaves the list
            pre.append(ir.Assign(ir.NamePlace(idx, INT), ir.Len(names[0])))
            cond = ir.Compare("gt", ir.Name(idx, INT), ir.Const(0, INT))
            step = [ir.Assign(ir.NamePlace(idx, INT), ir.Arith("add_bounded", ir.Name(idx, INT), ir.Const(-1, INT), INT))]
            guard = [ir.If(ir.Compare("ge", ir.Name(idx, INT), ir.Len(names[0])), (ir.Break(),))]
            fetch_items = items
        else:
            pre.append(ir.Assign(ir.NamePlace(idx, INT), ir.Const(0, INT)))
            conds = [ir.Compare("lt", ir.Name(idx, INT), ir.Len(n)) for n in names]
            cond = conds[0]
            for c in conds[1:]:
                cond = ir.BoolOp("and", cond, c, BOOL)
            step = []
            guard = []
            fetch_items = items
        value: ir.Expr
        if enumerate_start is not None:
            counter = ir.Arith("add", enumerate_start, ir.Name(idx, INT), INT)
            value = ir.TupleLit((counter, fetch_items[0]), TupleT((INT, fetch_items[0].type)))
        elif zipped:
            value = ir.TupleLit(tuple(fetch_items), TupleT(tuple(i.type for i in fetch_items)))
        else:
            value = fetch_items[0]
        tmp = self.fresh("item", value.type)
        fetch = [ir.Assign(ir.NamePlace(tmp, value.type), value)]
        advance = [] if reverse else [
            ir.Assign(ir.NamePlace(idx, INT), ir.Arith("add_bounded", ir.Name(idx, INT), ir.Const(1, INT), INT))]
        binds = self.assign(target, ir.Name(tmp, value.type), node)
        body = step + guard + fetch + advance + binds + body_fn()
        return pre + [ir.While(cond, tuple(body))]

    def rebinds(self, name: str, loop: ast.AST) -> bool:
        """Whether the body of `for` loop `loop` assigns `name` (the loop must then hold on
        to the list it started with). Comprehensions cannot assign."""
        body = loop.body if isinstance(loop, ast.For) else []
        for stmt in body:
            for node in ast.walk(stmt):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store) \
                        and self.renames.get(node.id, node.id) == name:
                    return True
        return False

    def range_args(self, call: ast.Call) -> tuple[ir.Expr, ir.Expr, ir.Expr]:
        if call.keywords or not 1 <= len(call.args) <= 3:
            raise reject(call, "range", "range() takes 1 to 3 positional arguments")
        args = [self.to_int(self.expr(a)) for a in call.args]
        for a, node in zip(args, call.args):
            if not isinstance(a.type, (IntT, UnknownT)):
                raise reject(node, "range", f"range() needs ints, got a {a.type}")
        if len(args) == 1:
            return ir.Const(0, INT), args[0], ir.Const(1, INT)
        if len(args) == 2:
            return args[0], args[1], ir.Const(1, INT)
        return args[0], args[1], args[2]

    def stmt_Raise(self, node: ast.Raise) -> list[ir.Stmt]:
        exc = node.exc
        if node.cause is not None:
            raise reject(node, "raise from", "`raise ... from ...` is not translated")
        if exc is None:
            raise reject(node, "bare raise", "re-raising is not translated")
        name = exc.func if isinstance(exc, ast.Call) else exc
        if not isinstance(name, ast.Name) or name.id not in EXCEPTIONS or not self.is_builtin(name.id):
            raise reject(node, "raise", "only builtin exception types can be raised",
                         f"one of {', '.join(sorted(EXCEPTIONS))}")
        message = None
        if isinstance(exc, ast.Call):
            if exc.keywords or len(exc.args) > 1:
                raise reject(exc, "raise", "an exception takes at most one message argument here")
            if exc.args:
                arg = exc.args[0]
                if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                    raise reject(arg, "exception message", "exception messages must be string literals here")
                message = ir.Const(arg.value, STR)
        self.defined = None
        return [ir.Raise(name.id, message)]

    def stmt_Assert(self, node: ast.Assert) -> list[ir.Stmt]:
        message = None
        if node.msg is not None:
            if not (isinstance(node.msg, ast.Constant) and isinstance(node.msg.value, str)):
                raise reject(node.msg, "assert message", "assert messages must be string literals here")
            message = ir.Const(node.msg.value, STR)
        cond = self.condition(node.test)
        check = ir.If(ir.Unary("not", cond, BOOL), (ir.Raise("AssertionError", message),))
        # `python -O` drops asserts, condition and all: rt reads the flag at import
        return [ir.If(ir.Intrinsic("asserts.enabled", (), BOOL), (check,))]

    # ------------------------------------------------------------ expressions

    def expr(self, node: ast.expr) -> ir.Expr:
        method = getattr(self, "expr_" + type(node).__name__, None)
        if method is None:
            raise reject(node, type(node).__name__, f"`{type(node).__name__}` expressions are not translated")
        return method(node)

    def expr_Constant(self, node: ast.Constant) -> ir.Expr:
        value = node.value
        if isinstance(value, bool):
            return ir.Const(value, BOOL)
        if isinstance(value, int):
            if not I64_MIN <= value <= I64_MAX:
                raise reject(node, "big int", "integer literal beyond 64 bits")
            return ir.Const(value, INT)
        if isinstance(value, float):
            return ir.Const(value, FLOAT)
        if value is None:
            return ir.Const(None, NONE)
        raise reject(node, type(value).__name__, f"{type(value).__name__} values are not translated yet")

    def is_builtin(self, name: str) -> bool:
        """Whether `name` means the builtin of that name here (nothing local or global shadows it)."""
        return name not in self.locals and name not in self.info.bound and name not in self.renames \
            and hasattr(builtins, name)

    def name_expr(self, name: str, node: ast.AST) -> ir.Expr:
        name = self.renames.get(name, name)
        if name in self.locals or name in self.temps:
            t = self.var_type(name)
            if isinstance(t, UnknownT):
                return self.unknown(node, f"`{name}`")
            if self.may_be_unbound(name):
                # CPython raises UnboundLocalError here when no path assigned it yet (the
                # wording varies between versions): a run-time check that deopts
                if contains_list(t):
                    raise reject(node, "unbound local", f"`{name}` may be used before it is assigned",
                                 "assign it on every path first")
                self.maybe_unbound.add(name)
                return ir.Block((ir.CheckBound(name),), ir.Name(name, t), t)
            return ir.Name(name, t)
        if name in self.info.constants:
            value, t = self.info.constants[name]
            return ir.Global(name, t)
        value = literal_value(node, self.info)
        if value is not None:  # `from math import pi`
            return ir.Const(value, FLOAT)
        raise reject(node, "name", f"`{name}` is not a parameter, local, numeric module constant or known builtin")

    def expr_Name(self, node: ast.Name) -> ir.Expr:
        return self.name_expr(node.id, node)

    def expr_Attribute(self, node: ast.Attribute) -> ir.Expr:
        value = literal_value(node, self.info)
        if value is not None:
            return ir.Const(value, FLOAT)
        raise reject(node, "attribute", f"attribute access `.{node.attr}` is not translated")

    def expr_BinOp(self, node: ast.BinOp) -> ir.Expr:
        op = ARITH_OPS.get(type(node.op))
        if op is None:
            raise reject(node, "operator", f"the operator {type(node.op).__name__} is not translated")
        return self.binop(op, self.expr(node.left), self.expr(node.right), node)

    def binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        lt, rt_ = left.type, right.type
        if isinstance(lt, UnknownT) or isinstance(rt_, UnknownT):
            return self.unknown(node, "an operand")
        if isinstance(lt, ListT) or isinstance(rt_, ListT) or isinstance(lt, TupleT) or isinstance(rt_, TupleT):
            return self.sequence_binop(op, left, right, node)
        if not (numeric(lt) and numeric(rt_)):
            raise reject(node, "operator", f"`{op}` of {lt} and {rt_} is not translated")
        if isinstance(lt, BoolT) and isinstance(rt_, BoolT) and op in ("bitand", "bitor", "bitxor"):
            return ir.Arith(op, left, right, BOOL)
        left, right = self.to_int(left), self.to_int(right)
        lt, rt_ = left.type, right.type
        if op in INT_ONLY_OPS:
            if not (isinstance(lt, IntT) and isinstance(rt_, IntT)):
                raise reject(node, "operator", f"`{op}` needs ints (TypeError on floats)")
            return ir.Arith(op, left, right, INT)
        if isinstance(lt, IntT) and isinstance(rt_, IntT):
            if op == "truediv":
                return ir.Arith(op, left, right, FLOAT)
            if op == "pow":
                # int ** int is an int for a non-negative exponent, else float_pow of both
                # operands as floats (long_pow); unknown until run time: rt::Num
                exponent = const_int(right)
                if exponent is None:
                    return ir.Arith(op, left, right, NUM)
                if exponent < 0:
                    return ir.Arith(op, self.to_float(left), self.to_float(right), FLOAT)
                return ir.Arith(op, left, right, INT)
            return ir.Arith(op, left, right, INT)
        if isinstance(lt, FloatT) or isinstance(rt_, FloatT):
            return ir.Arith(op, self.to_float(left), self.to_float(right), FLOAT)
        # int | float at run time on one side at least: rt::Num decides per value
        result = FLOAT if op == "truediv" else NUM
        return ir.Arith(op, self.coerce(left, NUM, node), self.coerce(right, NUM, node), result)

    def sequence_binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        lt, rt_ = left.type, right.type
        if op == "add" and type(lt) is type(rt_):
            joined = join(lt, rt_)
            if joined is None:
                raise reject(node, "concatenation", f"concatenating {lt} and {rt_}")
            if isinstance(lt, TupleT):
                return ir.TupleLit(tuple(ir.TupleGet(left, k, t) for k, t in enumerate(lt.items)) +
                                   tuple(ir.TupleGet(right, k, t) for k, t in enumerate(rt_.items)),  # type: ignore[union-attr]
                                   TupleT(lt.items + rt_.items))  # type: ignore[union-attr]
            return ir.Intrinsic("list.concat", (self.coerce(left, joined, node), self.coerce(right, joined, node)), joined)
        if op == "mul" and isinstance(lt, ListT) and isinstance(self.to_int(right).type, IntT):
            return ir.Intrinsic("list.repeat", (left, self.to_int(right)), lt)
        if op == "mul" and isinstance(rt_, ListT) and isinstance(self.to_int(left).type, IntT):
            return ir.Intrinsic("list.repeat", (right, self.to_int(left)), rt_)
        raise reject(node, "operator", f"`{op}` of {lt} and {rt_} is not translated")

    def condition(self, node: ast.expr) -> ir.Expr:
        """An expression used only for its truth (if, while, assert, comprehension filters):
        `a and b` is `truthy(a) && truthy(b)` with the same evaluation order, so its
        operands may have different types (`if xs and xs[0] > 0`)."""
        if isinstance(node, ast.BoolOp):
            op = "and" if isinstance(node.op, ast.And) else "or"
            values = [self.condition(v) for v in node.values]
            result = values[-1]
            for value in reversed(values[:-1]):
                result = ir.BoolOp(op, value, result, BOOL)
            return result
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return ir.Unary("not", self.condition(node.operand), BOOL)
        value = self.expr(node)
        if isinstance(value.type, UnknownT):
            return self.unknown(node, "a condition")
        return self.truthy(value)

    def expr_UnaryOp(self, node: ast.UnaryOp) -> ir.Expr:
        if isinstance(node.op, ast.Not):
            return ir.Unary("not", self.condition(node.operand), BOOL)
        operand = self.expr(node.operand)
        if isinstance(operand.type, UnknownT):
            return self.unknown(node, "an operand")
        if not numeric(operand.type):
            raise reject(node, "operator", f"unary {type(node.op).__name__} of a {operand.type}")
        operand = self.to_int(operand)
        if isinstance(node.op, ast.USub):
            if isinstance(operand, ir.Const) and isinstance(operand.value, (int, float)) \
                    and -operand.value != I64_MAX + 1:  # a literal: fold, as CPython's compiler does
                return ir.Const(-operand.value, operand.type)
            return ir.Unary("neg", operand, operand.type)
        if isinstance(node.op, ast.UAdd):
            return operand
        if not isinstance(operand.type, IntT):
            raise reject(node, "operator", "`~` needs an int")
        return ir.Unary("invert", operand, INT)

    def truthy(self, expr: ir.Expr) -> ir.Expr:
        if isinstance(expr.type, BoolT):
            return expr
        if isinstance(expr.type, (StrType := type(STR))):  # pragma: no cover - strings arrive with issue 5
            raise reject(None, "str", "strings are not translated yet")
        return ir.Truthy(expr)

    def expr_BoolOp(self, node: ast.BoolOp) -> ir.Expr:
        op = "and" if isinstance(node.op, ast.And) else "or"
        values = [self.expr(v) for v in node.values]
        result = values[-1]
        for value in reversed(values[:-1]):
            t = join(value.type, result.type)
            if t is None:
                raise reject(node, "boolean operator", f"`{op}` of a {value.type} and a {result.type} "
                             "(Python returns one of the operands)")
            result = ir.BoolOp(op, self.coerce(value, t, node), self.coerce(result, t, node), t)
        return result

    def expr_IfExp(self, node: ast.IfExp) -> ir.Expr:
        cond = self.condition(node.test)
        then, orelse = self.expr(node.body), self.expr(node.orelse)
        t = join(then.type, orelse.type)
        if t is None:
            raise reject(node, "conditional expression", f"branches of types {then.type} and {orelse.type}")
        return ir.IfExp(cond, self.coerce(then, t, node), self.coerce(orelse, t, node), t)

    def expr_Compare(self, node: ast.Compare) -> ir.Expr:
        operands = [self.expr(node.left)] + [self.expr(c) for c in node.comparators]
        if len(node.ops) == 1:
            return self.compare(node.ops[0], operands[0], operands[1], node)
        # a < b < c: operands are evaluated left to right, each once, and evaluation stops
        # at the first false comparison. Every operand but the last goes to a temp (unless
        # reading it twice is free), bound right before the comparison that first needs it:
        #     { c0 = a; { c1 = b; (c0 < c1) && { (c1 < c) } } }
        last = len(operands) - 1
        names: list[ir.Expr] = []
        for k, operand in enumerate(operands):
            if k == last or isinstance(operand, (ir.Const, ir.Name, ir.Global)):
                names.append(operand)
            else:
                names.append(ir.Name(self.fresh("c", operand.type), operand.type))

        def bound(k: int, value: ir.Expr) -> ir.Expr:
            name = names[k]
            if name is operands[k]:
                return value
            assert isinstance(name, ir.Name)
            return ir.Block((ir.Assign(ir.NamePlace(name.name, name.type), operands[k]),), value, value.type)

        result = self.compare(node.ops[-1], names[-2], names[-1], node)
        for k in range(len(node.ops) - 2, -1, -1):
            result = ir.BoolOp("and", self.compare(node.ops[k], names[k], names[k + 1], node),
                               bound(k + 2, result), BOOL)
        return bound(0, bound(1, result))

    def compare(self, op_node: ast.cmpop, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        if isinstance(left.type, UnknownT) or isinstance(right.type, UnknownT):
            return self.unknown(node, "an operand")
        if isinstance(op_node, (ast.In, ast.NotIn)):
            if not isinstance(right.type, (ListT, TupleT)):
                raise reject(node, "in", f"`in` on a {right.type} is not translated")
            right = self.as_list(right, node)
            item_t = right.type.item  # type: ignore[attr-defined]
            if not numeric(item_t) or not numeric(left.type):
                raise reject(node, "in", "`in` is translated for numbers in lists and tuples")
            found = ir.Intrinsic("seq.contains", (right, left), BOOL)
            return found if isinstance(op_node, ast.In) else ir.Unary("not", found, BOOL)
        op = CMP_OPS.get(type(op_node))
        if op is None:
            raise reject(node, "comparison", f"`{type(op_node).__name__}` comparisons are not translated")
        if numeric(left.type) and numeric(right.type):
            left, right = self.to_int(left), self.to_int(right)
            return ir.Compare(op, left, right)
        raise reject(node, "comparison", f"comparing a {left.type} with a {right.type} is not translated")

    def expr_Subscript(self, node: ast.Subscript) -> ir.Expr:
        seq = self.expr(node.value)
        if isinstance(node.slice, ast.Slice):
            return self.slice(seq, node.slice, node)
        index = self.expr(node.slice)
        t = seq.type
        if isinstance(t, UnknownT):
            return self.unknown(node, "a subscripted value")
        if isinstance(t, TupleT):
            k = literal_value(node.slice)
            if isinstance(k, int) and not isinstance(k, bool):
                if not -len(t.items) <= k < len(t.items):
                    raise reject(node, "index", "tuple index out of range")
                k = k % len(t.items)
                return ir.TupleGet(seq, k, t.items[k])
            seq = self.as_list(seq, node)
            return ir.Index(seq, self.int_index(index, node.slice), seq.type.item)  # type: ignore[attr-defined]
        if isinstance(t, ListT):
            return ir.Index(seq, self.int_index(index, node.slice), t.item)
        raise reject(node, "subscript", f"indexing a {t} is not translated")

    def int_index(self, index: ir.Expr, node: ast.AST) -> ir.Expr:
        index = self.to_int(index)
        if not isinstance(index.type, (IntT, UnknownT)):
            raise reject(node, "index", f"indexes must be ints, not {index.type}")
        return index

    def slice(self, seq: ir.Expr, sl: ast.Slice, node: ast.AST) -> ir.Expr:
        if not isinstance(seq.type, (ListT, UnknownT)):
            raise reject(node, "slice", f"slicing a {seq.type} is not translated")
        parts = []
        for part in (sl.lower, sl.upper, sl.step):
            parts.append(ir.Const(None, NONE) if part is None else self.int_index(self.expr(part), part))
        return ir.Intrinsic("list.slice", (seq, *parts), seq.type)

    def expr_List(self, node: ast.List) -> ir.Expr:
        items = [self.expr(e) for e in node.elts]
        t: RType | None = UNKNOWN
        for item in items:
            t = join(t, item.type)
            if t is None:
                raise reject(node, "list", "a list literal with items of mixed types")
        assert t is not None
        return ir.ListLit(tuple(self.coerce(i, t, node) for i in items), ListT(t))

    def expr_Tuple(self, node: ast.Tuple) -> ir.Expr:
        items = tuple(self.expr(e) for e in node.elts)
        return ir.TupleLit(items, TupleT(tuple(i.type for i in items)))

    def expr_ListComp(self, node: ast.ListComp) -> ir.Expr:
        return self.comprehension(node, node.elt)

    def expr_GeneratorExp(self, node: ast.GeneratorExp) -> ir.Expr:
        # Only reached where a generator is consumed whole (sum, min, max, list, sorted):
        # materialising it evaluates the same items in the same order.
        return self.comprehension(node, node.elt)

    def comprehension(self, node: ast.ListComp | ast.GeneratorExp, elt: ast.expr) -> ir.Expr:
        saved = dict(self.renames)
        result = self.fresh("comp", UNKNOWN)
        try:
            inner: list[ir.Stmt] = []
            elt_holder: list[ir.Expr] = []

            def nest(k: int) -> list[ir.Stmt]:
                gen = node.generators[k]
                if gen.is_async:
                    raise reject(gen, "async comprehension", "async comprehensions are not translated")
                self.rename_targets(gen.target)

                def body() -> list[ir.Stmt]:
                    conds = [self.condition(c) for c in gen.ifs]
                    stmts = nest(k + 1) if k + 1 < len(node.generators) else self.comp_append(result, elt, elt_holder)
                    for cond in reversed(conds):
                        stmts = [ir.If(cond, tuple(stmts))]
                    return stmts

                return self.for_loop(gen.target, gen.iter, gen, body)

            inner = nest(0)
            item_t = elt_holder[0].type if elt_holder else UNKNOWN
        finally:
            self.renames = saved
        list_t = ListT(item_t)
        self.temps[result] = list_t
        init = ir.Assign(ir.NamePlace(result, list_t), ir.ListLit((), list_t))
        return ir.Block((init, *retype_appends(inner, result, list_t)), ir.Name(result, list_t), list_t)

    def short_circuit(self, name: str, node: ast.GeneratorExp) -> ir.Expr:
        """`any(elt for ...)` / `all(elt for ...)`: items are produced one at a time and the
        loop stops at the first that decides (truthy for any, falsy for all), as in CPython.

            any(x > 0 for x in xs)  ->  { found = False; for x in xs: if x > 0: found = True; break; found }
        """
        decides = name == "any"  # the value an item's truth must have to end the loop
        saved = dict(self.renames)
        result = self.fresh("decided", BOOL)
        done: ir.Expr = ir.Name(result, BOOL) if decides else ir.Unary("not", ir.Name(result, BOOL), BOOL)
        try:
            def nest(k: int) -> list[ir.Stmt]:
                gen = node.generators[k]
                if gen.is_async:
                    raise reject(gen, "async comprehension", "async comprehensions are not translated")
                self.rename_targets(gen.target)

                def body() -> list[ir.Stmt]:
                    conds = [self.condition(c) for c in gen.ifs]
                    if k + 1 < len(node.generators):
                        stmts = nest(k + 1) + [ir.If(done, (ir.Break(),))]
                    else:
                        test = self.condition(node.elt)
                        if not decides:
                            test = ir.Unary("not", test, BOOL)
                        stmts = [ir.If(test, (ir.Assign(ir.NamePlace(result, BOOL), ir.Const(decides, BOOL)),
                                              ir.Break()))]
                    for cond in reversed(conds):
                        stmts = [ir.If(cond, tuple(stmts))]
                    return stmts

                return self.for_loop(gen.target, gen.iter, gen, body)

            inner = nest(0)
        finally:
            self.renames = saved
        init = ir.Assign(ir.NamePlace(result, BOOL), ir.Const(not decides, BOOL))
        return ir.Block((init, *inner), ir.Name(result, BOOL), BOOL)

    def rename_targets(self, target: ast.expr) -> None:
        """Comprehension variables live in their own scope: give each a fresh local."""
        for name_node in ast.walk(target):
            if isinstance(name_node, ast.Name):
                fresh = self.fresh(f"{name_node.id}_", UNKNOWN)
                self.temps.pop(fresh)
                self.renames[name_node.id] = fresh
                self.locals.add(fresh)

    def comp_append(self, result: str, elt: ast.expr, holder: list[ir.Expr]) -> list[ir.Stmt]:
        value = self.expr(elt)
        holder.append(value)
        return [ir.ExprStmt(ir.Intrinsic("list.append", (ir.Name(result, UNKNOWN), value), NONE))]

    def expr_Call(self, node: ast.Call) -> ir.Expr:
        func = node.func
        attr = math_attribute(func, self.info)
        if attr is not None:
            if any(k.arg is None for k in node.keywords) or node.keywords:
                raise reject(node, f"math.{attr}", "keyword arguments to math functions are not translated")
            return bi.math_call(self, attr, [self.expr(a) for a in node.args], node)
        if isinstance(func, ast.Attribute):
            return bi.method_call(self, func, node)
        if not isinstance(func, ast.Name):
            raise reject(node, "call", "only calls of names are translated")
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            raise reject(node, "call", "`*args`/`**kwargs` in calls are not translated")
        name = func.id
        if name in self.info.functions and name not in self.locals:
            return self.module_call(name, node)
        if self.is_builtin(name):
            return bi.builtin_call(self, name, node)
        raise reject(node, "call", f"calling `{name}` is not translated: it is not a function of this module, "
                     "a math function or a builtin", "only module functions, math and builtins are translated")

    def module_call(self, name: str, node: ast.Call) -> ir.Expr:
        callee = self.info.functions[name]
        params = [a.arg for a in callee.args.args + callee.args.kwonlyargs]
        given: dict[str, ir.Expr] = {}
        if len(node.args) > len(callee.args.args):
            raise reject(node, "call", f"too many arguments for {name}()")
        for param, arg in zip(params, node.args):
            given[param] = self.expr(arg)
        for kw in node.keywords:
            if kw.arg not in params or kw.arg in given:
                raise reject(kw, "call", f"bad keyword argument {kw.arg!r} for {name}()")
            given[kw.arg] = self.expr(kw.value)
        if any(isinstance(e.type, UnknownT) or not is_known(e.type) for e in given.values()):
            return self.unknown(node, f"the arguments of {name}()")
        arg_types = [given[p].type if p in given else UNKNOWN for p in params]
        sig = self.resolver.signature(name, arg_types, node, final=self.final)
        if not is_known(sig.ret):  # a recursive call before any return type is known
            return self.unknown(node, f"the result of {name}()")
        args = []
        for (pname, ptype) in sig.params:
            if pname in given and pname in sig.mutates:
                position = params.index(pname)
                arg_node = node.args[position] if position < len(node.args) else \
                    next(k.value for k in node.keywords if k.arg == pname)
                if not isinstance(arg_node, ast.Name):
                    raise reject(node, "call", f"{name}() mutates `{pname}`: pass a variable")
                var = self.renames.get(arg_node.id, arg_node.id)
                self.mark_mutated(var, node)
                for other, value in given.items():
                    if other != pname and var in names_read(value):
                        # one list for two parameters: Rust would need two copies (or two
                        # borrows, one of them mutable), Python shares it
                        raise reject(node, "call", f"passes `{arg_node.id}` to {name}() twice, and {name}() "
                                     f"changes its `{pname}` in place", "pass a copy: `list(x)`")
            if pname in given:
                args.append(self.coerce(given[pname], ptype, node))
            elif pname in sig.defaults:
                value = sig.defaults[pname]
                if value is None:
                    raise reject(node, "call", f"None default for {pname!r} is not translated")
                args.append(self.coerce(ir.Const(value, ptype if not isinstance(ptype, NumT) else
                                                 (FLOAT if isinstance(value, float) else INT)), ptype, node))
            else:
                raise reject(node, "call", f"missing argument {pname!r} for {name}()")
        return ir.Call(sig.rust_name, tuple(args), sig.ret)


def const_int(expr: ir.Expr) -> int | None:
    """The value of an int constant (`3`, `-2`), else None."""
    if isinstance(expr, ir.Const) and type(expr.value) is int:
        return expr.value
    if isinstance(expr, ir.Unary) and expr.op == "neg":
        inner = const_int(expr.operand)
        return -inner if inner is not None else None
    return None


def join_all(types: tuple[RType, ...]) -> RType | None:
    t: RType | None = UNKNOWN
    for item in types:
        t = join(t, item)
    return t


def root_name(place: ir.NamePlace | ir.IndexPlace) -> str:
    while isinstance(place, ir.IndexPlace):
        place = place.base
    return place.name


def retype_appends(stmts, result: str, list_t: ListT) -> tuple[ir.Stmt, ...]:
    """Give the comprehension's appends the list type known only after its element."""
    out = []
    for s in stmts:
        if isinstance(s, ir.ExprStmt) and isinstance(s.expr, ir.Intrinsic) and s.expr.name == "list.append" \
                and isinstance(s.expr.args[0], ir.Name) and s.expr.args[0].name == result:
            out.append(ir.ExprStmt(ir.Intrinsic("list.append", (ir.Name(result, list_t), s.expr.args[1]), NONE)))
        elif isinstance(s, ir.If):
            out.append(ir.If(s.cond, retype_appends(s.body, result, list_t), retype_appends(s.orelse, result, list_t)))
        elif isinstance(s, ir.While):
            out.append(ir.While(s.cond, retype_appends(s.body, result, list_t)))
        elif isinstance(s, ir.ForRange):
            out.append(replace(s, body=retype_appends(s.body, result, list_t)))
        else:
            out.append(s)
    return tuple(out)


def falls_through(stmts: list[ast.stmt]) -> bool:
    """Whether control may reach the end of `stmts` (a structural, conservative check)."""
    for stmt in stmts:
        if isinstance(stmt, (ast.Return, ast.Raise)):
            return False
        if isinstance(stmt, ast.If) and not falls_through(stmt.body) and not falls_through(stmt.orelse):
            return False
        if isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and stmt.test.value is True \
                and not any(isinstance(n, ast.Break) for n in ast.walk(stmt)):
            return False
    return True

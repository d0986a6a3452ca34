"""Shared tables and small helpers of the lowering (used by every `Lowerer` part)."""

from __future__ import annotations

import ast

from rustify.translate.frontend import parameters
from rustify.translate.ir import nodes as ir
from dataclasses import replace

from rustify.translate.ir.rtypes import (
    NONE, UNKNOWN, BoolT, BytesT, DictT, FloatT, IntT, ListT, NoneT, NumT, OptionalT, RType, SetT, StrT, TupleT, join,
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
    "RuntimeError", "RecursionError", "NotImplementedError", "ArithmeticError", "LookupError", "StopIteration",
    "Exception",
}


def numeric(t: RType) -> bool:
    return isinstance(t, (IntT, FloatT, NumT, BoolT))


def const_int(expr: ir.Expr) -> int | None:
    """The value of an int constant (`3`, `-2`), else None."""
    if isinstance(expr, ir.Const) and type(expr.value) is int:
        return expr.value
    if isinstance(expr, ir.Unary) and expr.op == "neg":
        inner = const_int(expr.operand)
        return -inner if inner is not None else None
    return None


#: the Python classes a native value of each type may be an instance of (exactly)
_CLASSES = {IntT: {"int"}, FloatT: {"float"}, NumT: {"int", "float"}, BoolT: {"bool"}, NoneT: {"None"},
            StrT: {"str"}, BytesT: {"bytes"}, ListT: {"list"}, TupleT: {"tuple"}, DictT: {"dict"},
            SetT: {"set"}}


def _classes(t: RType) -> set[str] | None:
    """The exact classes of the values of `t` (None: any, an object or a numpy value)."""
    if isinstance(t, OptionalT):
        inner = _classes(t.item)
        return None if inner is None else inner | {"None"}
    return _CLASSES.get(type(t))


def never_same(a: RType, b: RType) -> bool:
    """Whether no object can be both a value of `a` and of `b` (`a is b` is False)."""
    ca, cb = _classes(a), _classes(b)
    return ca is not None and cb is not None and not ca & cb


def never_equal(a: RType, b: RType) -> bool:
    """Whether a value of `a` never equals one of `b` (numbers of any kind may be equal)."""
    numbers = {"int", "float", "bool"}
    ca, cb = _classes(a), _classes(b)
    if ca is None or cb is None:
        return False
    ka, kb = (({"number"} if c & numbers else set()) | (c - numbers) for c in (ca, cb))
    return not ka & kb


def evaluated(result: ir.Expr, *operands: ir.Expr) -> ir.Expr:
    """`result`, after evaluating the operands for their effects (names need no evaluation)."""
    effects = tuple(ir.ExprStmt(o) for o in operands if not isinstance(o, (ir.Name, ir.Const)))
    return ir.Block(effects, result, result.type) if effects else result


def identity_sources(fn: ast.FunctionDef, names: set[str]) -> set[str]:
    """`names` and every local whose object one of them may hold (`c = a if f else b`: a
    and b; `for x in xs`: xs's items; `m = max(a, b)`): for `c is a` to be CPython's, all
    must be objects. Arithmetic, comparisons and literals make new objects."""
    out = set(names)
    while True:
        more = set()
        for node in ast.walk(fn):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.NamedExpr)):
                targets, value = (node.targets if isinstance(node, ast.Assign) else [node.target]), node.value
            elif isinstance(node, (ast.For, ast.comprehension)):
                targets, value = [node.target], node.iter
            else:
                continue
            bound = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            if bound & out and value is not None:
                more |= _object_sources(value)
        if more <= out:
            return out
        out |= more


def _object_sources(e: ast.expr) -> set[str]:
    """The names whose object (or an item of it) `e` may be."""
    if isinstance(e, ast.Name):
        return {e.id}
    if isinstance(e, ast.IfExp):
        return _object_sources(e.body) | _object_sources(e.orelse)
    if isinstance(e, (ast.BoolOp, ast.Tuple, ast.List, ast.Set)):
        parts = e.values if isinstance(e, ast.BoolOp) else e.elts
        return set().union(*(_object_sources(v) for v in parts))
    if isinstance(e, (ast.Subscript, ast.Attribute, ast.Starred, ast.NamedExpr)):
        return _object_sources(e.value)
    if isinstance(e, ast.Call):  # max(a, b), d.get(k, default), f(x): may hand back what it was given
        return set().union(*(_object_sources(a) for a in [*e.args, *(k.value for k in e.keywords)]),
                           _object_sources(e.func.value) if isinstance(e.func, ast.Attribute) else set())
    return set()


def join_all(types: tuple[RType, ...]) -> RType | None:
    t: RType | None = UNKNOWN
    for item in types:
        t = join(t, item)
    return t


def root_name(place: ir.NamePlace | ir.IndexPlace) -> str:
    while isinstance(place, ir.IndexPlace):
        place = place.base
    return place.name


def retype_appends(stmts, result: str, list_t: ListT, item=None) -> tuple[ir.Stmt, ...]:
    """Give the comprehension's appends the list type known only after its element
    (`item(value)`, when given, converts each appended value to the new item type)."""
    out = []
    for s in stmts:
        if isinstance(s, ir.ExprStmt) and isinstance(s.expr, ir.Intrinsic) and s.expr.name == "list.append" \
                and isinstance(s.expr.args[0], ir.Name) and s.expr.args[0].name == result:
            value = item(s.expr.args[1]) if item is not None else s.expr.args[1]
            out.append(ir.ExprStmt(ir.Intrinsic("list.append", (ir.Name(result, list_t), value), NONE)))
        elif isinstance(s, ir.If):
            out.append(ir.If(s.cond, retype_appends(s.body, result, list_t, item),
                             retype_appends(s.orelse, result, list_t, item)))
        elif isinstance(s, ir.While):
            out.append(ir.While(s.cond, retype_appends(s.body, result, list_t, item)))
        elif isinstance(s, ir.ForRange):
            out.append(replace(s, body=retype_appends(s.body, result, list_t, item)))
        else:
            out.append(s)
    return tuple(out)


def comprehension_result(expr: ir.Expr) -> str | None:
    """The temporary a comprehension's Block builds its list in (None for other values)."""
    if isinstance(expr, ir.Block) and isinstance(expr.result, ir.Name) and expr.result.name.startswith("$comp") \
            and expr.body and isinstance(expr.body[0], ir.Assign) and isinstance(expr.body[0].target, ir.NamePlace) \
            and expr.body[0].target.name == expr.result.name:
        return expr.result.name
    return None


def falls_through(stmts: list[ast.stmt]) -> bool:
    """Whether control may reach the end of `stmts` (a structural, conservative check)."""
    for stmt in stmts:
        if isinstance(stmt, (ast.Return, ast.Raise)):
            return False
        if isinstance(stmt, ast.If) and not falls_through(stmt.body) and not falls_through(stmt.orelse):
            return False
        if isinstance(stmt, ast.Try):  # ends after the body and else, or after a handler, then finally
            through = (falls_through(stmt.body) and falls_through(stmt.orelse)) \
                or any(falls_through(h.body) for h in stmt.handlers)
            if not through or not falls_through(stmt.finalbody):
                return False
        if isinstance(stmt, ast.While) and isinstance(stmt.test, ast.Constant) and stmt.test.value is True \
                and not any(isinstance(n, ast.Break) for n in ast.walk(stmt)):
            return False
    return True


def name_uses(fn: ast.AST) -> tuple[dict[str, int], dict[str, list[ast.Name]]]:
    """How many times each name is bound (or deleted) in `fn`, and where it is read."""
    stores: dict[str, int] = {}
    loads: dict[str, list[ast.Name]] = {}
    for node in ast.walk(fn):
        if isinstance(node, ast.Name):
            if isinstance(node.ctx, (ast.Store, ast.Del)):
                stores[node.id] = stores.get(node.id, 0) + 1
            else:
                loads.setdefault(node.id, []).append(node)
    return stores, loads


def method_aliases(fn: ast.FunctionDef) -> dict[str, tuple[str, str, ast.Assign]]:
    """Locals bound once to a method of another local and only ever called:
    `perm_ins = perm.insert` then `perm_ins(i, x)` (a common speed idiom). Each call is
    then the method call itself. Kept exact by requiring: the binding is a top-level
    statement, the alias is assigned nowhere else and used only as the callee of calls
    after it, and the receiver is a parameter never assigned or a local assigned once,
    at top level, before the binding (so it is the same object at every call)."""
    params = {a.arg for a in fn.args.posonlyargs + parameters(fn)}
    stores, loads = name_uses(fn)
    callees: set[int] = set()
    for node in ast.walk(fn):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            callees.add(id(node.func))
        elif isinstance(node, (ast.FunctionDef, ast.Lambda, ast.AsyncFunctionDef)) and node is not fn:
            return {}  # a nested scope could see the names: keep it simple
    top_stores = {}
    out: dict[str, tuple[str, str, ast.Assign]] = {}
    for stmt in fn.body:
        if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                and isinstance(stmt.value, ast.Attribute) and isinstance(stmt.value.value, ast.Name)):
            alias, receiver = stmt.targets[0].id, stmt.value.value.id
            receiver_fixed = (receiver in params and stores.get(receiver, 0) == 0) or (
                receiver not in params and stores.get(receiver, 0) == 1 and receiver in top_stores)
            uses = loads.get(alias, [])
            if (alias not in params and stores.get(alias) == 1 and receiver_fixed and alias != receiver
                    and all(id(u) in callees and u.lineno > stmt.lineno for u in uses)):
                out[alias] = (receiver, stmt.value.attr, stmt)
        for node in ast.walk(stmt) if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else ():
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                top_stores[node.id] = stmt
    return out

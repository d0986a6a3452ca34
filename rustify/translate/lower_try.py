"""Lowering of `try` / `except` / `else` / `finally` and of a bare `raise` in a handler.

Part of `Lowerer` (see lower.py). Caught are the builtin exceptions translated code
raises (rt::ExcKind), by Python's class hierarchy; a deopt is never caught (it is
not a Python exception: the original function runs instead, from the start).

Rejected, with a reason: `except E as e` where `e` is used other than as `str(e)` /
`f"{e}"` inside its clause (the exception object itself is not
translated), exception classes other than the builtin ones listed in
lower_support.EXCEPTIONS, `break`/`continue` inside a `try` body, handler or `else`
that leave a loop around the `try`, and `return`/`break`/`continue` in `finally`.

    try: v = xs[i]                 Try(body=(v = xs[i],),
    except IndexError: v = 0.0  ->     handlers=(ExceptClause(("IndexError",), (v = 0.0,)),), ...)
"""

from __future__ import annotations

import ast

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import OBJ, ExcT, UnknownT
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.nodes_try import ExceptClause, ReRaise, Try, With
from rustify.translate.ir.walk import walk_body
from rustify.translate.lower_support import EXCEPTIONS

#: the type of `e` in `except K as e`
EXC = ExcT()

#: names `except` accepts: the builtin exception classes translated code can raise
#: (BaseException would also catch KeyboardInterrupt and SystemExit, at any point)
CATCHABLE = EXCEPTIONS


def _jumps(stmts: list[ast.stmt], kinds: tuple[type, ...]) -> ast.AST | None:
    """The first `kinds` statement in `stmts` that leaves them (not inside a nested loop
    for break/continue, never inside a nested function)."""
    for stmt in stmts:
        for node in _walk_same_loop(stmt, kinds):
            return node
    return None


def _walk_same_loop(node: ast.AST, kinds: tuple[type, ...]):
    if isinstance(node, kinds):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            continue
        if isinstance(child, (ast.For, ast.While)) and not (kinds == (ast.Return,) or ast.Return in kinds):
            continue  # a break/continue of an inner loop stays inside
        if isinstance(child, (ast.For, ast.While)):
            inner = tuple(k for k in kinds if k is ast.Return)
            yield from _walk_same_loop(child, inner) if inner else iter(())
            continue
        yield from _walk_same_loop(child, kinds)


class TryLowering:
    """`try` statements of `Lowerer`."""

    def stmt_Try(self, node: ast.Try) -> list:
        loop_exit = _jumps(node.body + [s for h in node.handlers for s in h.body] + node.orelse,
                           (ast.Break, ast.Continue))
        if loop_exit is not None:
            raise reject(loop_exit, "try", f"`{type(loop_exit).__name__.lower()}` inside a try statement is "
                         "not translated", "set a flag, and break after the try")
        final_exit = _jumps(node.finalbody, (ast.Return, ast.Break, ast.Continue))
        if final_exit is not None:
            raise reject(final_exit, "finally", "leaving a `finally` block early is not translated")
        entry = self.state()
        self.forget_assigned(node)  # an exception may come before or after any assignment
        narrowed = dict(self.narrowed)
        body = self.block(node.body)
        handlers = []
        ends = []
        after_body = self.state()
        # around Python code (the object tier), `except K as e` binds the exception object
        # itself, usable as any object; around native code only its text is translated
        # (a function of the module or any other callee may raise an exception of Python
        # code: decided from the source, the same in every inference round)
        objects = any(isinstance(n, obj.NODES) for n in walk_body(tuple(body))) or any(
            isinstance(n, ast.Call) and not (isinstance(n.func, ast.Name) and self.is_builtin(n.func.id))
            and not (isinstance(n.func, ast.Attribute) and not self.is_obj(n.func.value))
            for stmt in node.body for n in ast.walk(stmt))
        for h in node.handlers:
            bind: list = []
            kinds, classes = self._kinds(h)
            if h.name is not None and (objects or classes):
                self._check_exception_name(h, any_use=True)
                self.record_assign(h.name, OBJ, h)
                bind = [ir.Assign(ir.NamePlace(h.name, OBJ), ir.Intrinsic("exc.object", (), OBJ))]
            elif h.name is not None:
                self._check_exception_name(h)
                self.record_assign(h.name, EXC, h)
                bind = [ir.Assign(ir.NamePlace(h.name, self.var_type(h.name)),
                                  ir.Intrinsic("exc.caught", (), EXC))]
            handlers.append(ExceptClause(kinds, (), classes))
            self.defined = None if entry is None else set(entry)  # the body may have failed anywhere
            self.narrowed = dict(narrowed)
            if h.name is not None:
                self.define(h.name)
            depth = self.handler_depth
            self.handler_depth = depth + 1
            try:
                handlers[-1] = ExceptClause(handlers[-1].kinds, tuple(bind + self.block(h.body)), handlers[-1].classes)
            finally:
                self.handler_depth = depth
            ends.append(self.state())
        self.defined = after_body
        orelse = self.block(node.orelse)
        ends.append(self.state())
        self.defined = self.meet(*ends)
        if node.finalbody:
            before_final = self.defined
            self.defined = None if entry is None else set(entry)  # runs after a failure too
            self.narrowed = dict(narrowed)
            finalbody = self.block(node.finalbody)
            after_final = self.state()
            if before_final is None:
                self.defined = None  # every path ended in a return or raise
            else:
                self.defined = before_final | (after_final or set())
        else:
            finalbody = []
        self.narrowed = narrowed
        return [Try(tuple(body), tuple(handlers), tuple(orelse), tuple(finalbody))]

    def stmt_With(self, node: ast.With) -> list:
        """`with a as x, b: body`: one With per item, the later ones nested in the earlier,
        as CPython runs them. Leaving the block with break/continue is rejected (as for try)."""
        loop_exit = _jumps(node.body, (ast.Break, ast.Continue))
        if loop_exit is not None:
            raise reject(loop_exit, "with", f"`{type(loop_exit).__name__.lower()}` inside a with block is not "
                         "translated", "set a flag, and break after the block")
        return self._with_items(node, 0)

    def _with_items(self, node: ast.With, k: int) -> list:
        item = node.items[k]
        manager = self.expr(item.context_expr)
        if isinstance(manager.type, UnknownT):
            return []
        manager = self.box(manager, item.context_expr)
        enter, exit_ = self.fresh("enter", OBJ), self.fresh("exit", OBJ)
        entry = self.state()
        self.forget_assigned(node)  # `__exit__` may swallow an exception from anywhere in it
        narrowed = dict(self.narrowed)
        body: list = []
        if item.optional_vars is not None:
            body += self.assign(item.optional_vars, ir.Name(enter, OBJ), node)
        body += self._with_items(node, k + 1) if k + 1 < len(node.items) else self.block(node.body)
        after = self.state()
        # `__exit__` may swallow an exception from anywhere in the body: what it assigns
        # may be unassigned after it (a later read checks)
        self.defined = None if after is None and entry is None else (entry or set())
        self.narrowed = narrowed
        return [With(manager, enter, exit_, tuple(body))]

    def _check_exception_name(self, h: ast.ExceptHandler, any_use: bool = False) -> None:
        """`except K as e`: `e` is translated where it is used only inside that clause
        (CPython unbinds it when the clause ends), and, around native code, only turned
        into text (`str(e)`, `f"{e}"`); with `any_use`, it is the exception object."""
        inside = {id(n) for stmt in h.body for n in ast.walk(stmt)}
        allowed = set()
        for n in ast.walk(self.fn):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "str" \
                    and len(n.args) == 1 and not n.keywords:
                allowed.add(id(n.args[0]))
            elif isinstance(n, ast.FormattedValue) and n.conversion in (-1, 115) and n.format_spec is None:
                allowed.add(id(n.value))
        handlers = [n for n in ast.walk(self.fn) if isinstance(n, ast.ExceptHandler) and n.name == h.name]
        if any_use:  # the name is bound by each of these clauses, and used inside them only
            inside = {id(n) for other in handlers for stmt in other.body for n in ast.walk(stmt)}
        for n in ast.walk(self.fn):
            if isinstance(n, ast.Name) and n.id == h.name:
                if id(n) not in inside or not any_use and (id(n) not in allowed or len(handlers) > 1):
                    raise reject(n, "except as", f"`{h.name}` (the caught exception) is translated only as "
                                 f"str({h.name}) or f\"{{{h.name}}}\" inside its except clause",
                                 "use its message, or catch without `as`")
        if not self.is_builtin("str"):
            raise reject(h, "except as", "`str` is not the builtin here")

    def _kinds(self, h: ast.ExceptHandler) -> tuple[tuple[str, ...], tuple[ir.Expr, ...]]:
        """The builtin classes a clause names (rt::ExcKind names), and the others as
        objects (`except ParseError:`, `except errors.Timeout:`), looked up when tried."""
        if h.type is None:
            return ("BaseException",), ()  # a bare except: SystemExit from Python code too
        names = h.type.elts if isinstance(h.type, ast.Tuple) else [h.type]
        kinds, classes = [], []
        for n in names:
            if isinstance(n, ast.Name) and n.id in CATCHABLE and self.is_builtin(n.id):
                kinds.append(n.id)
                continue
            value = self.expr(n)
            if isinstance(value.type, UnknownT):
                continue  # settled in a later round
            classes.append(self.box(value, n))
        return tuple(kinds), tuple(classes)

    def reraise(self, node: ast.Raise) -> list:
        """A bare `raise`: the handled exception again (inside an except clause only)."""
        if not self.handler_depth:
            raise reject(node, "bare raise", "a bare `raise` outside an except clause is not translated")
        self.defined = None
        return [ReRaise()]

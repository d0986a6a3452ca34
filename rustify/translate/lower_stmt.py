"""Lowering of statements: assignments (incl. unpacking and item targets), if, raise, assert.

Part of `Lowerer` (see lower.py); the typing rules stay in one class, split by topic.
"""

from __future__ import annotations

import ast

from rustify.translate import builtins_numpy
from rustify.translate.errors import reject
from rustify.translate.frontend import parameters
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import OBJ, BytesT, ObjT, StrT, movable
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.lower_objects import fresh_container
from rustify.translate.lower_support import (
    ARITH_OPS, EXCEPTIONS, root_name,
)
from rustify.translate.ir.rtypes import (
    BOOL, INT, NONE, STR, UNKNOWN, ListT, TupleT, UnknownT, is_known, join,
)



def _is_array_name(lw, node: ast.expr, slice_: ast.expr | None = None) -> bool:
    from rustify.translate.ir.rtypes_numpy import NdArrayT

    if not isinstance(node, ast.Name):
        return False
    t = lw.var_type(lw.renames.get(node.id, node.id))
    if isinstance(t, UnknownT) and not lw.final and isinstance(slice_, ast.Tuple):
        return True  # `out[i, j] = v` before `out`'s type is known: an array store, typed next round
    return isinstance(t, NdArrayT)


class StatementLowering:
    """Statements of `Lowerer`."""

    def stmt(self, node: ast.stmt) -> list[ir.Stmt]:
        method = getattr(self, "stmt_" + type(node).__name__, None)
        if method is None:
            raise reject(node, type(node).__name__.lower(), f"`{type(node).__name__}` statements are not translated")
        return method(node)

    def stmt_Pass(self, node: ast.Pass) -> list[ir.Stmt]:
        return []

    def stmt_Global(self, node: ast.Global) -> list[ir.Stmt]:
        return []  # the names are module globals (lower.py `declared_global`)

    def stmt_Expr(self, node: ast.Expr) -> list[ir.Stmt]:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return []  # a docstring or a bare string: no effect
        return [ir.ExprStmt(self.expr(node.value))]

    def stmt_Return(self, node: ast.Return) -> list[ir.Stmt]:
        value = self.value_of(node.value) if node.value is not None else ir.Const(None, NONE)
        self.defined = None
        self.returns.append(value.type)
        if self.ret_type is not None:
            value = self.coerce(value, self.ret_type, node)
        return [ir.Return(value, node.lineno, node.col_offset)]

    def stmt_Assign(self, node: ast.Assign) -> list[ir.Stmt]:
        if any(stmt is node for _, _, stmt in self.aliases.values()):
            return []  # `ins = xs.insert`: each call of `ins` is the method call (expr_Call)
        target = node.targets[0]
        if isinstance(target, ast.Name) and self.iter_candidates.get(target.id) is node:  # type: ignore[attr-defined]
            native = self.make_iterator(node)  # type: ignore[attr-defined]
            if native is not None:  # `it = iter(xs)`: the state of a native iterator
                return native
        value = self.value_of(node.value)
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
        on_object = self.object_augassign(target, op, node)
        if on_object is not None:
            return on_object
        if isinstance(target, ast.Name):
            current = self.global_object(target.id, target) if target.id in self.declared_global \
                else self.name_expr(target.id, target)
            if isinstance(current.type, ObjT):  # `x += y` on an object: `__iadd__` first
                value = self.object_binop(op, current, self.expr(node.value), node, inplace=True)
                return self.assign(target, value, node)
            if isinstance(current.type, ListT) and op == "add":  # xs += ys extends xs in place
                self.mark_mutated(target.id, node)
                other = self.coerce(self.expr(node.value), current.type, node)
                return [ir.ExprStmt(ir.Intrinsic("list.extend", (current, other), NONE))]
            value = self.binop(op, current, self.expr(node.value), node)
            return self.assign(target, value, node)
        if isinstance(target, ast.Subscript) and _is_array_name(self, target.value, target.slice):
            return builtins_numpy.store(self, target, self.expr(node.value), node, op)
        if isinstance(target, ast.Subscript):
            on_dict = self.dict_augassign(target, op, node)
            if on_dict is not None:
                return on_dict
            base = self.place(target.value)
            index = self.expr(target.slice)
            if isinstance(base.type, ListT):  # a Python int as the index of a native list
                index = self.int_index(index, target.slice)
            tmp = self.fresh("i", index.type)
            pre = [ir.Assign(ir.NamePlace(tmp, index.type), index)]
            seq_type = base.type
            item_t = seq_type.item if isinstance(seq_type, ListT) else UNKNOWN
            current = ir.Index(self.place_expr(base), ir.Name(tmp, index.type), item_t)
            result = self.binop(op, current, self.expr(node.value), node)
            self.record_value_at(ir.IndexPlace(base, ir.Name(tmp, index.type), item_t), result.type, node)
            value = self.coerce(result, item_t, node)
            self.mark_mutated(root_name(base), node)
            return pre + [ir.Assign(ir.IndexPlace(base, ir.Name(tmp, index.type), item_t), value)]
        raise reject(node, "assignment target", "only names and list items can be assigned")

    def assign(self, target: ast.expr, value: ir.Expr, node: ast.AST) -> list[ir.Stmt]:
        if isinstance(target, ast.Name) and target.id in self.declared_global:  # `global x; x = v`
            if isinstance(value.type, UnknownT):
                return []
            return [ir.ExprStmt(obj.ObjStoreGlobal(target.id, self.box(value, node)))]
        if isinstance(target, ast.Name):
            name = self.renames.get(target.id, target.id)
            var_t = self.var_type(name)
            # a new container given to a variable that holds Python objects is made one
            # (`memo = {}` for a parameter passed a dict by callers): it holds an object
            made = isinstance(var_t, ObjT) and fresh_container(value) is not None
            self.record_assign(name, OBJ if made else value.type, node)
            self.define(name)
            self.assigned_value(name, value)  # None ends an `is not None` narrowing
            if name in {a.arg for a in parameters(self.fn)}:
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
            if isinstance(t, ObjT):  # any iterable object: UNPACK_SEQUENCE's checks and errors
                items_t = TupleT((OBJ,) * len(elts))
                tmp = self.fresh("t", items_t)
                out = [ir.Assign(ir.NamePlace(tmp, items_t), obj.ObjUnpack(value, items_t))]
                for k, elt in enumerate(elts):  # each item read once: moved out of the temporary
                    out += self.assign(elt, ir.TupleGet(ir.Name(tmp, items_t), k, OBJ, moved=True), node)
                return out
            if isinstance(t, ListT):
                # a list: its length is checked (CPython's ValueError), then each target is
                # assigned its item, left to right
                tmp = self.fresh("t", t)
                seq = ir.Name(tmp, t)
                out = [ir.Assign(ir.NamePlace(tmp, t), value),
                       ir.ExprStmt(ir.Intrinsic("seq.unpack_check", (ir.Len(seq), ir.Const(len(elts), INT)), NONE))]
                for k, elt in enumerate(elts):
                    out += self.assign(elt, ir.Index(seq, ir.Const(k, INT), t.item), node)
                return out
            if not isinstance(t, TupleT) or len(t.items) != len(elts):
                raise reject(node, "unpacking", f"cannot unpack a {t} into {len(elts)} names",
                             "unpack tuples of a known length, or lists")
            tmp = self.fresh("t", t)
            out = [ir.Assign(ir.NamePlace(tmp, t), value)]
            for k, elt in enumerate(elts):  # each item read once from the temporary: moved out
                out += self.assign(elt, ir.TupleGet(ir.Name(tmp, t), k, t.items[k], moved=movable(t.items[k])), node)
            return out
        on_object = self.object_store(target, value, node)
        if on_object is not None:
            return on_object
        if isinstance(target, ast.Subscript) and _is_array_name(self, target.value, target.slice):
            self.mark_mutated(self.renames.get(target.value.id, target.value.id), target)  # type: ignore[attr-defined]
            return builtins_numpy.store(self, target, value, node)
        if isinstance(target, ast.Subscript):
            on_dict = self.dict_store(target, value, node)
            if on_dict is not None:
                return on_dict
            base = self.place(target.value)
            self.mark_mutated(root_name(base), target)
            item_t = base.type.item if isinstance(base.type, ListT) else UNKNOWN
            if isinstance(base.type, TupleT):
                raise reject(target, "tuple item assignment", "tuples are immutable (TypeError in Python)")
            if isinstance(base.type, (StrT, BytesT)):
                raise reject(target, "item assignment", f"{base.type} is immutable (TypeError in Python)")
            if isinstance(target.slice, ast.Slice):
                # `xs[a:b:c] = ys`: the value is evaluated (a new list) before the slice bounds
                if not isinstance(base.type, ListT):
                    raise reject(target, "slice assignment", f"slice assignment to a {base.type}")
                new = self.coerce(self.as_list(value, node), base.type, node)
                if not isinstance(new.type, ListT):
                    raise reject(target, "slice assignment", "the value assigned to a slice must be a list")
                tmp = self.fresh("v", new.type)
                bounds = [ir.Const(None, NONE) if part is None else self.int_index(self.expr(part), part)
                          for part in (target.slice.lower, target.slice.upper, target.slice.step)]
                return [ir.Assign(ir.NamePlace(tmp, new.type), new),
                        ir.ExprStmt(ir.Intrinsic("list.set_slice", (self.place_expr(base), *bounds,
                                                                     ir.Name(tmp, new.type)), NONE))]
            # CPython evaluates the value first, then the index
            self.record_value_at(ir.IndexPlace(base, ir.Const(0, INT), item_t), value.type, node)
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

    def record_value_at(self, place: ir.NamePlace | ir.IndexPlace, t, node: ast.AST) -> None:
        """A value of type `t` is stored at `place` (`grid[i][j] = 0.5`, `rows[k].append(x)`):
        the variable holding it must be able to hold it there, whatever its first value
        held (`[[0] * m for ...]` becomes a list[list[int | float]], each item keeping its
        own type, so the int zeros never overwritten stay ints). A mix no native type
        holds is left to the store's coercion, which rejects it."""
        if isinstance(t, UnknownT) or not is_known(t):
            return
        while isinstance(place, ir.IndexPlace):
            container = place.base.type
            if not isinstance(container, ListT):
                return
            item = join(container.item, t)
            if item is None:
                return
            t, place = ListT(item), place.base
        if place.name in self.params:  # a parameter's items: its type widens (infer.py)
            widened = join(self.widened.get(place.name, self.params[place.name]), t)
            if widened is not None:
                self.widened[place.name] = widened
            return
        self.record_assign(place.name, t, node)

    def mark_mutated(self, name: str, node: ast.AST) -> None:
        self.mutated.add(name)
        self.mutation_sites.setdefault(name, (getattr(node, "lineno", 0), getattr(node, "col_offset", 0)))

    def stmt_If(self, node: ast.If) -> list[ir.Stmt]:
        cond = self.condition(node.test)
        entry, narrowed = self.state(), dict(self.narrowed)
        facts = self.facts(node.test)  # `x is None` tests and the like (lower_narrowing.py)
        with self.narrowed_by(facts.true):
            body = self.block(node.body)
            body_end = self.narrowed_state()
        after_body, self.defined = self.defined, entry
        with self.narrowed_by(facts.false):
            orelse = self.block(node.orelse)
            else_end = self.narrowed_state()
        self.defined = self.meet(after_body, self.defined)
        self.join_narrowed(narrowed, body_end, else_end)
        return [ir.If(cond, tuple(body), tuple(orelse))]

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

    def message(self, arg: ast.expr, construct: str) -> ir.Expr:
        """An exception's message: any str expression (a literal, an f-string, a variable).
        Other types are rejected: `ValueError(n)` has `args == (n,)`, which a translation
        carrying a message string would not reproduce."""
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
            return ir.Const(arg.value, STR)
        value = self.expr(arg)
        if isinstance(value.type, UnknownT):  # not settled in this inference round yet
            return self.unknown(arg, "the exception message")
        if not isinstance(value.type, StrT):
            raise reject(arg, construct, f"an exception message of type {value.type} is not translated",
                         "pass a str, e.g. an f-string")
        return value

    def stmt_Raise(self, node: ast.Raise) -> list[ir.Stmt]:
        exc = node.exc
        if exc is None:
            if node.cause is not None:
                raise reject(node, "raise from", "`raise from` without an exception")
            return self.reraise(node)  # lower_try.py
        name = exc.func if isinstance(exc, ast.Call) else exc
        native = isinstance(name, ast.Name) and name.id in EXCEPTIONS and self.is_builtin(name.id)
        if node.cause is not None or not native or isinstance(exc, ast.Call) and (
                exc.keywords or len(exc.args) > 1 or exc.args and not isinstance(self.peek(exc.args[0]), StrT)):
            # any other exception (a user class, an instance, several arguments, a cause):
            # raised as CPython raises it (RAISE_VARARGS: a class is called, __cause__ set)
            value = self.box(self.expr(exc), exc)
            cause = self.box(self.expr(node.cause), node.cause) if node.cause is not None else None
            self.defined = None
            return [ir.ExprStmt(obj.ObjRaise(value, cause))]
        message = None
        if isinstance(exc, ast.Call):
            if exc.keywords or len(exc.args) > 1:
                raise reject(exc, "raise", "an exception takes at most one message argument here")
            if exc.args:
                message = self.message(exc.args[0], "exception message")
        self.defined = None
        return [ir.Raise(name.id, message)]

    def stmt_Assert(self, node: ast.Assert) -> list[ir.Stmt]:
        message = None
        cond = self.condition(node.test)
        if node.msg is not None:  # evaluated only when the assertion fails, as in CPython
            message = self.message(node.msg, "assert message")
        check = ir.If(ir.Unary("not", cond, BOOL), (ir.Raise("AssertionError", message),))
        self.assert_narrowing(node.test)  # `assert x is not None` (but `python -O` removes it)
        # `python -O` drops asserts, condition and all: rt reads the flag at import
        return [ir.If(ir.Intrinsic("asserts.enabled", (), BOOL), (check,))]

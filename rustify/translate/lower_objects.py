"""Lowering of the object tier: what native lowering cannot type goes through Python objects.

Part of `Lowerer` (see lower.py). A value is an object (`ObjT`) when its type is not
proven native: a parameter observed as an instance of a class, a module global that is
not a numeric constant, an attribute of an object, the result of calling anything that is
not translated (a class, an imported function, a builtin given an object). Operations on
objects are the C-API calls CPython makes (ir/nodes_obj.py); a native operand is boxed,
and an object used where a native value is needed is unboxed with an exact-type check
(passes/check_effects.py proves that check may still deopt).
"""

from __future__ import annotations

import ast

from rustify.translate.errors import KeepAsObjects, reject
from rustify.translate.frontend import math_attribute
from rustify.translate.genexp import generator_function
from rustify.translate.ir import nodes as ir
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ops import op
from rustify.translate.ir.rtypes import (
    BOOL, NONE, OBJ, UNKNOWN, BoolT, BytesT, DictT, FloatT, IntT, ListT, NoneT, NumT, ObjT, RType, SetT, StrT, UnknownT, boxable,
    is_known, items_mutable,
)

#: builtins that read the calling frame (its locals, globals or class cell): called from
#: Rust they would see the frame of whoever called the translated function
FRAME_BUILTINS = frozenset({"eval", "exec", "locals", "globals", "vars", "dir", "super", "breakpoint",
                            "__import__"})

#: builtins that only read their arguments while they run and keep no reference to them:
#: a native list, dict or set may be passed as a copy (the same items)
READING_BUILTINS = frozenset({"len", "sum", "min", "max", "sorted", "tuple", "list", "set", "frozenset", "any",
                              "all", "dict", "print", "repr", "str", "format", "bool", "hash", "isinstance"})
#: methods of that kind (of any receiver: `sep.join(words)`)
READING_METHODS = frozenset({"join"})
#: builtins that take every item of an iterable argument before doing anything else with
#: any (`sum` adds as it goes, `set` hashes as it goes: an error there must come before
#: the next item is made), so a generator expression passed to them may be a list first
CONSUMING_BUILTINS = frozenset({"sorted", "tuple", "list"})

#: native types an object may be unboxed to (runtime FromPy: exact type checks)
UNBOXABLE = (IntT, FloatT, BoolT, NumT, StrT, BytesT, NoneT)


def fresh_container(e: ir.Expr) -> ir.Expr | None:
    """A list, dict or set display being made right here, as a Python object (its items
    boxed), or None. Only displays: their items are values no one else holds as
    containers of this function."""
    if isinstance(e, ir.Block) and isinstance(e.type, ListT) and is_known(e.type) and boxable(e.type.item):
        return obj.Box(e)  # a comprehension's new list of immutable values
    if isinstance(e, ir.ListLit) and all(boxable(i.type) or fresh_container(i) is not None for i in e.items):
        return obj.ObjBuild("list", tuple(fresh_container(i) or (i if isinstance(i.type, ObjT) else obj.Box(i))
                                          for i in e.items))
    if isinstance(e, ir.Intrinsic) and op(e.name).fresh and e.name not in ("dict.new", "dict.lit", "set.new", "set.lit") \
            and isinstance(e.type, ListT) and is_known(e.type) and boxable(e.type.item):
        return obj.Box(e)  # a new list of immutable values (`[None] * n`, `list(range(n))`, `xs[:]` of numbers)
    if isinstance(e, ir.Intrinsic) and e.name in ("dict.new", "dict.lit", "set.new", "set.lit") and \
            all(boxable(i.type) or fresh_container(i) is not None for i in e.args):
        kind = "set" if e.name.startswith("set.") else "dict"
        return obj.ObjBuild(kind, tuple(fresh_container(i) or (i if isinstance(i.type, ObjT) else obj.Box(i))
                                        for i in e.args))
    return None


class ObjectLowering:
    """The object tier of `Lowerer`."""

    def peek(self, node: ast.expr) -> RType:
        """The type `node` lowers to, without keeping anything the lowering recorded."""
        e = self.trial(node)
        return UNKNOWN if e is None else e.type

    def trial(self, node: ast.expr) -> ir.Expr | None:
        """What `node` lowers to, without keeping anything the lowering recorded (None when
        it cannot be lowered: the rejection is met again when it is lowered for real)."""
        saved = (self.counter, dict(self.temps), dict(self.assigned), set(self.mutated),  # type: ignore[attr-defined]
                 dict(self.mutation_sites), set(self.maybe_unbound))  # type: ignore[attr-defined]
        try:
            return self.expr(node)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a rejection here is met again when lowered for real
            return None
        finally:
            (self.counter, self.temps, self.assigned, self.mutated,  # type: ignore[attr-defined]
             self.mutation_sites, self.maybe_unbound) = saved  # type: ignore[attr-defined]

    def not_yet_known(self, node: ast.expr) -> bool:
        """Whether `node` lowers, to a value whose type a later round decides (`peek` also
        answers UNKNOWN for what cannot be lowered at all)."""
        saved = (self.counter, dict(self.temps), dict(self.assigned), set(self.mutated),  # type: ignore[attr-defined]
                 dict(self.mutation_sites), set(self.maybe_unbound))  # type: ignore[attr-defined]
        try:
            return isinstance(self.expr(node).type, UnknownT)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a rejection: it is met again when lowered for real
            return False
        finally:
            (self.counter, self.temps, self.assigned, self.mutated,  # type: ignore[attr-defined]
             self.mutation_sites, self.maybe_unbound) = saved  # type: ignore[attr-defined]

    def is_obj(self, node: ast.expr) -> bool:
        return isinstance(self.peek(node), ObjT)

    def box(self, e: ir.Expr, node: ast.AST, copy_ok: bool = False) -> ir.Expr:
        """`e` as an object: itself when it is one, else boxed (immutable values only; with
        `copy_ok`, for a callee that only reads it, a list, dict or set as a new copy)."""
        if isinstance(e.type, ObjT):
            return e
        fresh = fresh_container(e)
        if fresh is not None:  # a new container no one else holds: made a Python object
            return fresh
        if isinstance(e.type, UnknownT) or not is_known(e.type):  # settled in a later round
            if isinstance(e, ir.Name) and not copy_ok and isinstance(e.type, (ListT, DictT, SetT)):
                # a list Python code fills (`log = []; note(log, x)`): the variable is the object
                raise KeepAsObjects(reject(node, "object", f"`{e.name}` is passed to Python code, which may "
                                           "change it").rejection, (e.name,))
            return self.unknown(node, "a value passed to Python code")  # type: ignore[attr-defined]
        if copy_ok and is_known(e.type) and not getattr(e.type, "numpy", False) and not items_mutable(e.type):
            return obj.Box(e)  # (a copy of nested lists would not hold the same inner lists)
        if not boxable(e.type):
            rejection = reject(node, "object", f"a {e.type} would be passed to Python code: the Rust copy of it "
                               "is not the caller's object", "pass it as a parameter that is only read, or a tuple")
            if isinstance(e, ir.Name):  # the variable itself can be the object (the translator retries)
                raise KeepAsObjects(rejection.rejection, (e.name,))
            raise rejection
        return obj.Box(e)

    def unbox(self, e: ir.Expr, to: RType, node: ast.AST) -> ir.Expr | None:
        """An object where a native `to` is needed: an exact-type check (deopts otherwise)."""
        if isinstance(e.type, ObjT) and isinstance(to, UNBOXABLE):
            return obj.Unbox(e, to)
        return None

    # ------------------------------------------------------------ calls

    def call_args(self, node: ast.Call, reading: bool = False) -> tuple[tuple[ir.Expr, ...], tuple[str, ...]]:
        """The arguments as objects; `reading`: the callee only reads them (see READING_BUILTINS)."""
        consuming = isinstance(node.func, ast.Name) and node.func.id in CONSUMING_BUILTINS and \
            self.is_builtin(node.func.id) or isinstance(node.func, ast.Attribute) and node.func.attr in READING_METHODS  # type: ignore[attr-defined]
        args = [self.box(self.expr(a), a, reading) if consuming else self.call_arg(a, reading)  # type: ignore[attr-defined]
                for a in list(node.args) + [k.value for k in node.keywords]]
        return tuple(args), tuple(k.arg for k in node.keywords)  # type: ignore[misc]

    def star_call(self, node: ast.Call) -> ir.Expr:
        """`f(a, *xs, k=v, **kw)`: the callable as an object (a method as its bound method:
        CPython loads it with LOAD_ATTR for such a call), then CALL_FUNCTION_EX's parts."""
        func = node.func
        if isinstance(func, ast.Name) and func.id in self.aliases:  # type: ignore[attr-defined]
            receiver, attr, _ = self.aliases[func.id]  # type: ignore[attr-defined]
            func = ast.copy_location(ast.Attribute(value=ast.copy_location(ast.Name(id=receiver, ctx=ast.Load()), func),
                                                   attr=attr, ctx=ast.Load()), func)
        if isinstance(func, ast.Attribute) and math_attribute(func, self.info) is None:  # type: ignore[attr-defined]
            callee: ir.Expr = obj.ObjAttr(self.box(self.expr(func.value), func.value), func.attr)  # type: ignore[attr-defined]
        elif isinstance(func, ast.Name) and self.renames.get(func.id, func.id) not in self.locals and \
                self.renames.get(func.id, func.id) not in self.temps:  # type: ignore[attr-defined]
            callee = self.global_object(func.id, func)  # a function of the module, a builtin, any global
        else:
            callee = self.expr(func)  # type: ignore[attr-defined]
        if isinstance(callee.type, UnknownT):
            return self.unknown(node, "the callable")  # type: ignore[attr-defined]
        if not isinstance(callee.type, ObjT):
            raise reject(node, "call", f"calling a {callee.type} is not translated")
        parts, how = [], []
        for a in node.args:
            starred = isinstance(a, ast.Starred)
            value = a.value if isinstance(a, ast.Starred) else a
            parts.append(self.call_arg(value, starred))  # (`*xs` is only read: a copy of a list will do)
            how.append("*" if starred else "")
        for k in node.keywords:
            parts.append(self.call_arg(k.value, k.arg is None))
            how.append(k.arg or "**")
        if any(isinstance(p.type, UnknownT) for p in parts):
            return self.unknown(node, "the arguments of a call")  # type: ignore[attr-defined]
        return obj.ObjCallEx(callee, tuple(parts), tuple(how))

    def call_arg(self, node: ast.expr, reading: bool) -> ir.Expr:
        """One argument of a call into Python code, as an object."""
        # (a generator expression is a generator: Python code may take its items one at a time)
        return self.box(self.value_of(node), node, reading)  # type: ignore[attr-defined]

    def object_call(self, func: ir.Expr, node: ast.Call, reading: bool = False) -> ir.Expr:
        args, kwnames = self.call_args(node, reading)
        if any(isinstance(a.type, UnknownT) for a in args):
            return self.unknown(node, "the arguments of a call")  # type: ignore[attr-defined]
        return obj.ObjCall(func, args, kwnames)

    def object_method(self, receiver: ir.Expr, method: str, node: ast.Call) -> ir.Expr:
        args, kwnames = self.call_args(node, method in READING_METHODS and isinstance(receiver, obj.Box))
        if any(isinstance(a.type, UnknownT) for a in args):
            return self.unknown(node, "the arguments of a call")  # type: ignore[attr-defined]
        return obj.ObjMethod(receiver, method, args, kwnames)

    def global_call(self, name: str, node: ast.Call) -> ir.Expr:
        """A call of a module global or builtin that is not translated: the object itself."""
        reading = name in READING_BUILTINS and self.is_builtin(name)  # type: ignore[attr-defined]
        return self.object_call(self.global_object(name, node), node, reading)

    def global_object(self, name: str, node: ast.AST) -> ir.Expr:
        """The object a module global (or builtin) names, read at each use."""
        if name in FRAME_BUILTINS and self.is_builtin(name):  # type: ignore[attr-defined]
            raise reject(node, f"{name}()", f"{name}() reads the calling frame, which a translated function "
                         "does not have", "keep this function in Python")
        return obj.ObjGlobal(name)

    def can_call_python(self, node: ast.Call) -> bool:
        """Whether every argument can be passed to Python code as it is (objects, and
        immutable native values boxed)."""
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return False
        values = list(node.args) + [k.value for k in node.keywords]
        reading = isinstance(node.func, ast.Name) and node.func.id in READING_BUILTINS or \
            isinstance(node.func, ast.Attribute) and node.func.attr in READING_METHODS
        saved = self.view_ok, self.consumed  # type: ignore[attr-defined]
        self.view_ok, self.consumed = True, node  # the arguments as the call consumes them
        try:
            types = [self.peek(v) for v in values]
        finally:
            self.view_ok, self.consumed = saved
        # (a container whose items are still being inferred: its real type is known when lowered)
        return all(boxable(t) or reading and not isinstance(t, UnknownT) for t in types)

    def has_object_argument(self, node: ast.Call, consumed: bool = False) -> bool:
        """Whether an argument is a Python object; `consumed`: looked at as a builtin that
        consumes its arguments would lower them (`list(range(n))` is a native list)."""
        saved = self.view_ok, self.consumed  # type: ignore[attr-defined]
        if consumed:
            self.view_ok, self.consumed = True, node
        try:
            return any(self.is_obj(a.value if isinstance(a, ast.Starred) else a) for a in node.args) or \
                any(self.is_obj(k.value) for k in node.keywords)
        finally:
            self.view_ok, self.consumed = saved

    def object_display(self, kind: str, elts: list, node: ast.AST) -> ir.Expr:
        """A list, dict or set display as a new Python object, each item evaluated in order
        (a fresh container inside is made an object too: no one else holds it)."""
        items = []
        for e in elts:
            value = self.expr(e)  # type: ignore[attr-defined]
            if isinstance(value.type, UnknownT):
                return self.unknown(node, "an item")  # type: ignore[attr-defined]
            items.append(self.box(value, e))
        return obj.ObjBuild(kind, tuple(items))

    # ------------------------------------------------------------ operators

    def object_binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST, inplace: bool = False) -> ir.Expr:
        return obj.ObjBinOp(op, self.box(left, node), self.box(right, node), inplace)

    def object_compare(self, op_node: ast.cmpop, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr | None:
        """A comparison with an object on either side (None when both are native)."""
        if not (isinstance(left.type, ObjT) or isinstance(right.type, ObjT)):
            return None
        if isinstance(op_node, (ast.Is, ast.IsNot)):
            same = obj.ObjIs(self.box(left, node), self.box(right, node))
            return same if isinstance(op_node, ast.Is) else ir.Unary("not", same, same.type)
        if isinstance(op_node, (ast.In, ast.NotIn)):
            found = obj.ObjContains(self.box(right, node), self.box(left, node))
            return found if isinstance(op_node, ast.In) else ir.Unary("not", found, found.type)
        ops = {ast.Lt: "lt", ast.LtE: "le", ast.Eq: "eq", ast.NotEq: "ne", ast.Gt: "gt", ast.GtE: "ge"}
        return obj.ObjCompare(ops[type(op_node)], self.box(left, node), self.box(right, node))

    # ------------------------------------------------------------ stores

    def object_store(self, target: ast.expr, value: ir.Expr, node: ast.AST) -> list[ir.Stmt] | None:
        """`o.attr = v` and `o[k] = v` on an object (None when the target is not one)."""
        if isinstance(target, ast.Attribute):
            receiver = self.expr(target.value)  # type: ignore[attr-defined]
            if isinstance(receiver.type, UnknownT):
                return []
            if not isinstance(receiver.type, ObjT):
                raise reject(target, "attribute assignment", f"assigning an attribute of a {receiver.type}")
            return [ir.ExprStmt(obj.ObjSetAttr(receiver, target.attr, self.box(value, node)))]
        if isinstance(target, ast.Subscript) and not isinstance(target.value, ast.Name) and \
                isinstance(self.peek(target.value), UnknownT) and not self.final:  # type: ignore[attr-defined]
            return []  # its type is known in a later round
        if isinstance(target, ast.Subscript) and self.is_obj(target.value):
            if isinstance(target.slice, ast.Slice):
                raise reject(target, "slice assignment", "assigning a slice of an object is not translated")
            receiver = self.expr(target.value)  # type: ignore[attr-defined]
            key = self.box(self.expr(target.slice), target.slice)  # type: ignore[attr-defined]
            return [ir.ExprStmt(obj.ObjSetItem(receiver, key, self.box(value, node)))]
        return None

    def object_augassign(self, target: ast.expr, op: str, node: ast.AugAssign) -> list[ir.Stmt] | None:
        """`o.attr += v`, `o[k] += v` on an object, the object and key evaluated once."""
        if isinstance(target, (ast.Attribute, ast.Subscript)) and isinstance(self.peek(target.value), UnknownT) \
                and not self.final:  # type: ignore[attr-defined]
            return []  # its type is known in a later round
        if isinstance(target, ast.Attribute) and self.is_obj(target.value):
            pre, receiver = self.once(self.expr(target.value))  # type: ignore[attr-defined]
            current = obj.ObjAttr(receiver, target.attr)
            new = self.object_binop(op, current, self.expr(node.value), node, inplace=True)  # type: ignore[attr-defined]
            return pre + [ir.ExprStmt(obj.ObjSetAttr(receiver, target.attr, new))]
        if isinstance(target, ast.Subscript) and self.is_obj(target.value) and not isinstance(target.slice, ast.Slice):
            pre, receiver = self.once(self.expr(target.value))  # type: ignore[attr-defined]
            more, key = self.once(self.box(self.expr(target.slice), target.slice))  # type: ignore[attr-defined]
            new = self.object_binop(op, obj.ObjGetItem(receiver, key), self.expr(node.value), node,  # type: ignore[attr-defined]
                                    inplace=True)
            return pre + more + [ir.ExprStmt(obj.ObjSetItem(receiver, key, new))]
        return None

    def once(self, e: ir.Expr) -> tuple[list[ir.Stmt], ir.Expr]:
        """`e` evaluated once into a temporary (a name or constant is read as is)."""
        if isinstance(e, (ir.Name, ir.Const)):
            return [], e
        tmp = self.fresh("o", e.type)  # type: ignore[attr-defined]
        return [ir.Assign(ir.NamePlace(tmp, e.type), e)], ir.Name(tmp, e.type)

    # ------------------------------------------------------------ generators

    def expr_Yield(self, node: ast.Yield) -> ir.Expr:
        """`yield v`: suspends the generator (runtime gen.rs `gen_yield`); its value is what
        the generator is resumed with (None for next(), the value of send()), or the
        exception throw()/close() raise there."""
        value = self.value_of(node.value) if node.value is not None else ir.Const(None, NONE)
        return ir.Intrinsic("gen.yield", (self.box(value, node),), OBJ)

    def value_of(self, node: ast.expr) -> ir.Expr:
        """`node` lowered where its value is kept (assigned, returned, passed, yielded): a
        generator expression there is a generator (translate/genexp.py)."""
        if isinstance(node, ast.GeneratorExp):
            return self.generator_value(node)
        return self.expr(node)  # type: ignore[attr-defined]

    def generator_value(self, node: ast.GeneratorExp) -> ir.Expr:
        """A generator expression as the generator it makes: a call of the generator
        function it stands for with `iter()` of its first iterable, evaluated here."""
        name, captured = generator_function(node, self.fn, self.info)  # type: ignore[attr-defined]
        first = ast.Call(func=ast.Name(id="iter", ctx=ast.Load()), args=[node.generators[0].iter], keywords=[])
        call = ast.Call(func=ast.Name(id=name, ctx=ast.Load()),
                        args=[first, *(ast.Name(id=c, ctx=ast.Load()) for c in captured)], keywords=[])
        for new in (first, first.func, call, call.func, *call.args[1:]):
            ast.copy_location(new, node)
        return self.module_call(name, call)  # type: ignore[attr-defined]

    def expr_YieldFrom(self, node: ast.YieldFrom) -> ir.Expr:
        """`yield from it` (PEP 380, runtime `gen_yield_from`): its value is the result of
        the sub-iterator; sent and thrown values go on to it."""
        iterable = self.box(self.expr(node.value), node, copy_ok=True)  # type: ignore[attr-defined]
        return ir.Intrinsic("gen.yield_from", (iterable,), OBJ)

    # ------------------------------------------------------------ loops

    def object_loop(self, target: ast.expr, iterable: ir.Expr, node: ast.AST, body_fn) -> list[ir.Stmt]:
        """`for x in o`: iter(o), then next() until the iterator is exhausted."""
        it = self.fresh("it", OBJ)  # type: ignore[attr-defined]
        item = self.fresh("nx", OBJ)  # type: ignore[attr-defined]
        head: list[ir.Stmt] = [
            ir.Assign(ir.NamePlace(item, OBJ), obj.ObjNext(ir.Name(it, OBJ))),
            ir.If(obj.ObjExhausted(ir.Name(item, OBJ)), (ir.Break(),)),
        ]
        head += self.assign(target, ir.Name(item, OBJ), node)  # type: ignore[attr-defined]
        body = head + body_fn()
        return [ir.Assign(ir.NamePlace(it, OBJ), obj.ObjIter(iterable)),
                ir.While(ir.Const(True, BOOL), tuple(body))]


__all__ = ["ObjectLowering", "UNBOXABLE", "NONE", "OBJ"]

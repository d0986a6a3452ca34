"""Lowering of dict and set literals, comprehensions, subscripts, `in`, `del`,
iteration over dicts, and `is` tests (narrowing after them: lower_narrowing.py).

Part of `Lowerer` (see lower.py); the typing rules of their methods are in
builtins_dict.py.
"""

from __future__ import annotations

import ast

from rustify.translate.builtins_dict import (
    DICT_MUTATORS, SET_MUTATORS, VIEWS, check_stored, hashable, holds_mutable, key_arg, with_views,
)
from rustify.translate.errors import KeepAsObjects, reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, NONE, UNKNOWN, BoolT, DictT, ListT, NoneT, ObjT, OptionalT, SetT, TupleT, UnknownT, join,
)
from rustify.translate.lower_support import evaluated, identity_sources, never_equal, never_same, root_name
from rustify.translate.passes.liveness import names_read


class ContainerLowering:
    """dict, set and None expressions of `Lowerer`."""

    # ------------------------------------------------------------ literals

    def expr_Dict(self, node: ast.Dict) -> ir.Expr:
        if any(k is None for k in node.keys):
            raise reject(node, "dict unpacking", "`**` in dict literals is not translated")
        args: list[ir.Expr] = []
        kt, vt = UNKNOWN, UNKNOWN
        for k, v in zip(node.keys, node.values):
            key, value = self.expr(k), self.expr(v)  # CPython: key, then value, pair by pair
            kt, vt = join(kt, key.type), join(vt, value.type)
            if kt is None or vt is None or isinstance(kt, ObjT):  # a dict of Python objects
                return self.object_display("dict", [x for pair in zip(node.keys, node.values) for x in pair], node)
            check_stored(self, value, v)
            args += [key, value]
        if not hashable(kt):
            raise reject(node, "dict key", f"{kt} keys are not translated", "use int or tuple-of-int or str keys")
        t = DictT(kt, vt)
        items = tuple(self.coerce(a, kt if i % 2 == 0 else vt, node) for i, a in enumerate(args))
        return ir.Intrinsic("dict.lit" if items else "dict.new", items, t)

    def expr_Set(self, node: ast.Set) -> ir.Expr:
        items = [self.expr(e) for e in node.elts]
        t = UNKNOWN
        for item in items:
            t = join(t, item.type)
            if t is None or isinstance(t, ObjT):  # a set of Python objects
                return self.object_display("set", node.elts, node)
        if not hashable(t):
            raise reject(node, "set", f"sets of {t} are not translated", "use ints or tuples of ints")
        return ir.Intrinsic("set.lit", tuple(self.coerce(i, t, node) for i in items), SetT(t))

    def expr_DictComp(self, node: ast.DictComp) -> ir.Expr:
        # CPython 3.8+ evaluates the key before the value: the pair (key, value) in order
        pair = ast.copy_location(ast.Tuple([node.key, node.value], ast.Load()), node)
        pairs = self.comprehension(node, pair)  # type: ignore[arg-type]
        item = pairs.type.item  # type: ignore[attr-defined]
        if isinstance(item, UnknownT):
            return ir.Intrinsic("dict.from_pairs", (pairs,), DictT(UNKNOWN, UNKNOWN))
        if not hashable(item.items[0]):
            raise reject(node, "dict key", f"{item.items[0]} keys are not translated")
        if holds_mutable(item.items[1]) and self.final:
            raise reject(node.value, "dict value", "dict comprehensions with list values are not translated",
                         "build the dict with a loop")
        return ir.Intrinsic("dict.from_pairs", (pairs,), DictT(item.items[0], item.items[1]))

    def expr_SetComp(self, node: ast.SetComp) -> ir.Expr:
        items = self.comprehension(node, node.elt)  # type: ignore[arg-type]
        item = items.type.item  # type: ignore[attr-defined]
        if not hashable(item):
            raise reject(node, "set", f"sets of {item} are not translated")
        return ir.Intrinsic("set.from_list", (items,), SetT(item))

    # ------------------------------------------------------------ d[k], d[k] = v, del d[k]

    def dict_subscript(self, d: ir.Expr, node: ast.Subscript) -> ir.Expr:
        if isinstance(node.slice, ast.Slice):
            raise reject(node, "slice", "slicing a dict (TypeError in Python)")
        key = key_arg(self, d.type, self.expr(node.slice), node.slice, d)
        if isinstance(d.type.value, UnknownT):  # type: ignore[attr-defined]
            return self.unknown(node, "the values of the dict")
        return ir.Intrinsic("dict.getitem", (d, key), d.type.value)  # type: ignore[attr-defined]

    def dict_store(self, target: ast.Subscript, value: ir.Expr, node: ast.AST) -> list[ir.Stmt] | None:
        """`d[k] = v` when `d` is a dict variable (None: not a dict, the list rules apply)."""
        if not isinstance(target.value, ast.Name):
            base = self.expr(target.value)
            if isinstance(base.type, DictT):
                raise reject(target, "item assignment", "assigning into a dict inside another container")
            return None
        name = self.renames.get(target.value.id, target.value.id)
        t = self.var_type(name)
        if isinstance(t, UnknownT) and not self.final:
            return []  # not known yet (a dict from a call, say): the next round decides
        if not isinstance(t, DictT):
            return None
        place = self.place(target.value)
        self.mark_mutated(root_name(place), target)
        # CPython evaluates the value (already lowered: its temp comes first), then the key
        key = self.expr(target.slice)
        if isinstance(key.type, ObjT):  # a Python object as the key: the dict becomes an object
            raise KeepAsObjects(reject(target.slice, "dict key", "a Python object as a key").rejection, (name,))
        if not hashable(key.type) and not self.final:
            key = ir.Const(None, UNKNOWN)  # not settled yet (a variable still None in this round)
        if not isinstance(key.type, UnknownT) and not hashable(key.type):
            raise reject(target.slice, "dict key", f"{key.type} keys are not translated", "use int or tuple-of-int or str keys")
        self.record_assign(name, DictT(key.type, value.type), node)
        t = self.var_type(name)
        assert isinstance(t, DictT)
        vt = t.value if not isinstance(t.value, UnknownT) else value.type
        check_stored(self, value, node)
        tmp = self.fresh("v", vt)
        pre: list[ir.Stmt] = [ir.Assign(ir.NamePlace(tmp, vt), self.coerce(value, vt, node))]
        key = key_arg(self, t, key, target.slice, ir.Name(name, t))
        return pre + [ir.ExprStmt(ir.Intrinsic("dict.setitem", (ir.Name(name, t), key, ir.Name(tmp, vt)), NONE))]

    def dict_augassign(self, target: ast.Subscript, op: str, node: ast.AugAssign) -> list[ir.Stmt] | None:
        """`d[k] += v`: load d[k] (KeyError if missing), compute, store under the same key."""
        if not isinstance(target.value, ast.Name):
            return None
        name = self.renames.get(target.value.id, target.value.id)
        t = self.var_type(name)
        if not isinstance(t, DictT):
            return None
        self.mark_mutated(root_name(self.place(target.value)), target)
        key = key_arg(self, t, self.expr(target.slice), target.slice, ir.Name(name, t))
        ktmp = self.fresh("k", key.type)
        pre: list[ir.Stmt] = [ir.Assign(ir.NamePlace(ktmp, key.type), key)]
        current = ir.Intrinsic("dict.getitem", (ir.Name(name, t), ir.Name(ktmp, key.type)), t.value)
        value = self.binop(op, current, self.expr(node.value), node)
        self.record_assign(name, DictT(key.type, value.type), node)
        t2 = self.var_type(name)
        vt = t2.value if isinstance(t2, DictT) else value.type
        return pre + [ir.ExprStmt(ir.Intrinsic("dict.setitem", (ir.Name(name, t2), ir.Name(ktmp, key.type),
                                                               self.coerce(value, vt, node)), NONE))]

    def stmt_Delete(self, node: ast.Delete) -> list[ir.Stmt]:
        out: list[ir.Stmt] = []
        for target in node.targets:
            if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name)
                    and not isinstance(target.slice, ast.Slice)):
                raise reject(target, "del", "only `del d[key]` on a dict variable is translated")
            d = self.expr(target.value)
            if isinstance(d.type, UnknownT):
                self.unknown(target, "the dict")
                continue
            if not isinstance(d.type, DictT):
                raise reject(target, "del", f"`del` on a {d.type} is not translated")
            self.mark_mutated(root_name(self.place(target.value)), target)
            key = key_arg(self, d.type, self.expr(target.slice), target.slice, d)
            out.append(ir.ExprStmt(ir.Intrinsic("dict.delitem", (d, key), NONE)))
        return out

    # ------------------------------------------------------------ in, is

    def container_contains(self, op_node: ast.cmpop, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        kt = right.type.key if isinstance(right.type, DictT) else right.type.item  # type: ignore[attr-defined]
        if not isinstance(kt, UnknownT) and never_equal(left.type, kt):
            # `"a" in d` of a dict of int keys: no key can equal it (both still evaluated)
            found: ir.Expr = evaluated(ir.Const(False, BOOL), left, right)
        elif not hashable(left.type):
            raise reject(node, "in", f"looking up a {left.type} in a {right.type}")
        else:
            name = "dict.contains" if isinstance(right.type, DictT) else "set.contains"
            found = ir.Intrinsic(name, (right, key_arg(self, right.type, left, node, right)), BOOL)
        return found if isinstance(op_node, ast.In) else ir.Unary("not", found, BOOL)

    def identity(self, op_node: ast.cmpop, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """`a is b` / `a is not b` of native values: `x is None`; bools by value (True and
        False are singletons); values of types no object has both of are never the same.
        Other values keep no identity natively: the variables they come from are made
        Python objects (the translator retries), whose identity is CPython's."""
        if isinstance(right.type, NoneT) and not isinstance(left.type, NoneT):
            left, right = right, left
        if isinstance(left.type, NoneT):
            other = right
            if isinstance(other.type, NoneT):
                result: ir.Expr = ir.Const(True, BOOL)
            elif isinstance(other.type, OptionalT):
                result = ir.Intrinsic("opt.is_none", (other,), BOOL)
            else:  # never None: still evaluated for its effects
                result = ir.Intrinsic("opt.never_none", (other,), BOOL)
        elif isinstance(left.type, BoolT) and isinstance(right.type, BoolT):
            result = ir.Compare("eq", left, right)
        elif never_same(left.type, right.type):
            result = evaluated(ir.Const(False, BOOL), left, right)
        else:
            names = sorted(identity_sources(self.fn, names_read(left) | names_read(right)) & self.locals)
            rejection = reject(node, "is", f"`is` between a {left.type} and a {right.type}: native values "
                               "have no identity", "compare with ==")
            if names:
                raise KeepAsObjects(rejection.rejection, tuple(names))
            raise rejection
        return result if isinstance(op_node, ast.Is) else ir.Unary("not", result, BOOL)

    # ------------------------------------------------------------ iteration

    def iterable_expr(self, node: ast.expr, loop: ast.AST) -> ir.Expr:
        """What a for loop or comprehension iterates: dicts and their views become a
        snapshot list (keys, values or (key, value) pairs); sets are rejected."""
        expr = with_views(self, self.expr, node)
        t = expr.type
        if isinstance(t, SetT):
            raise reject(node, "set iteration", "iterating a set: CPython's order follows hashes and is not "
                         "reproduced", "iterate sorted(s) instead")
        source = node.func.value if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr in VIEWS else node
        if isinstance(t, DictT):
            expr = ir.Intrinsic("dict.keys", (expr,), ListT(t.key))
        elif not (isinstance(expr, ir.Intrinsic) and expr.name in ("dict.keys", "dict.values", "dict.items")):
            return expr
        if isinstance(source, ast.Name):
            self.check_not_changed(source.id, loop)
        return expr

    def check_not_changed(self, name: str, loop: ast.AST) -> None:
        """Changing a dict while a loop iterates it is an error in CPython (RuntimeError
        once its size changed): such loops are rejected."""
        body = list(getattr(loop, "body", [])) + list(getattr(loop, "orelse", []))
        for stmt in body:
            for n in ast.walk(stmt):
                hit = False
                if isinstance(n, (ast.Subscript,)) and isinstance(n.ctx, (ast.Store, ast.Del)) \
                        and isinstance(n.value, ast.Name) and n.value.id == name:
                    hit = True
                elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) \
                        and isinstance(n.func.value, ast.Name) and n.func.value.id == name \
                        and n.func.attr in DICT_MUTATORS | SET_MUTATORS:
                    hit = True
                elif isinstance(n, ast.Call) and any(isinstance(a, ast.Name) and a.id == name for a in n.args):
                    hit = isinstance(n.func, ast.Name) and n.func.id in self.info.functions
                if hit:
                    raise reject(n, "dict changed while iterated", f"`{name}` is changed while a loop iterates it",
                                 "iterate over list(d) or a copy")


__all__ = ["ContainerLowering", "TupleT"]

"""Lowering of expressions: constants, names, arithmetic with CPython's coercions,
comparisons, boolean operators, subscripts, slices, literals and calls.

Part of `Lowerer` (see lower.py).
"""

from __future__ import annotations

import ast
import builtins

from rustify.translate import builtins as bi
from rustify.translate import builtins_table as builtin_table
from rustify.translate import builtins_str as bstr
from rustify.translate import builtins_numpy as bnp
from rustify.translate import builtins_stdlib as bstd
from rustify.translate.ir.rtypes_numpy import NdArrayT, NpBoolT, is_np_scalar
from rustify.translate.errors import KeepAsObjects, Reject, reject
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.frontend import (
    I64_MAX, I64_MIN, ObjectDefault, defaults, is_generator, literal_value, math_attribute, stdlib_attribute,
)
from rustify.translate.ir import nodes as ir
from rustify.translate.map_filter import CONSUMERS, consumes_generators
from rustify.translate.lower_iterators import drained
from rustify.translate.passes.liveness import names_read
from rustify.translate.lower_support import (
    ARITH_OPS, CMP_OPS, INT_ONLY_OPS, const_int, evaluated, never_equal, numeric,
)
from rustify.translate.ir.rtypes import StrT
from rustify.translate.ir.rtypes import DictT, NoneT, OptionalT, SetT
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, NUM, OBJ, UNKNOWN, BoolT, FloatT, IntT, ListT, NumT, ObjT, RType, TupleT, UnknownT, boxable,
    contains_list, is_known, join,
)



class ExpressionLowering:
    """Expressions of `Lowerer`."""

    def expr(self, node: ast.expr) -> ir.Expr:
        if isinstance(node, ast.Lambda):
            raise reject(node, "lambda", "a lambda is translated only as the function of a map(), filter() or "
                         "itertools.accumulate() that a loop, a comprehension or list()/sum()/... consumes where it stands",
                         "use a comprehension, or move the function to module level")
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
        if isinstance(value, (str, bytes)):
            return bstr.constant(value, node)
        raise reject(node, type(value).__name__, f"{type(value).__name__} values are not translated yet")

    def expr_JoinedStr(self, node: ast.JoinedStr) -> ir.Expr:
        return bstr.fstring(self, node)

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
            if isinstance(t, (OptionalT, NoneT)):  # after `x is not None` (lower_narrowing.py)
                narrowed = self.narrowed_read(name, t, node)
                if narrowed is not None:
                    return narrowed
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
            return ir.Global(name, t, value)
        value = literal_value(node, self.info)
        if value is not None:  # `from math import pi`
            return ir.Const(value, FLOAT)
        # any other global (a class, an imported module or function, a global rebound by
        # `global`): the object the module holds at this moment, as LOAD_GLOBAL reads it
        return self.global_object(name, node)

    def expr_Name(self, node: ast.Name) -> ir.Expr:
        return self.name_expr(node.id, node)

    def expr_Attribute(self, node: ast.Attribute) -> ir.Expr:
        value = literal_value(node, self.info)
        if value is not None:
            return ir.Const(value, FLOAT)
        array_attr = bnp.attribute(self, node)  # a.shape, a.size, ...
        if array_attr is not None:
            return array_attr
        receiver_t = self.peek(node.value)
        if isinstance(receiver_t, ObjT):
            return obj.ObjAttr(self.expr(node.value), node.attr)
        if isinstance(receiver_t, UnknownT):
            return self.unknown(node, f"`.{node.attr}`")
        raise reject(node, "attribute", f"attribute access `.{node.attr}` is not translated",
                     "a method kept in a local (`push = out.append`) is translated when the local is "
                     "bound once at the top of the function, only called, and its list/dict/set/str is "
                     "a parameter never reassigned or a local assigned once before it")

    def expr_BinOp(self, node: ast.BinOp) -> ir.Expr:
        op = ARITH_OPS.get(type(node.op))
        if op is None:
            raise reject(node, "operator", f"the operator {type(node.op).__name__} is not translated")
        return self.binop(op, self.expr(node.left), self.expr(node.right), node)

    def binop(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        lt, rt_ = left.type, right.type
        if isinstance(lt, UnknownT) or isinstance(rt_, UnknownT):
            return self.unknown(node, "an operand")
        if isinstance(lt, ObjT) or isinstance(rt_, ObjT):
            return self.object_binop(op, left, right, node)
        if is_np_scalar(lt) or is_np_scalar(rt_):
            return bnp.binop(self, op, left, right, node)
        if bstr.is_text(lt) or bstr.is_text(rt_):
            try:
                return bstr.binop(self, op, left, right, node)
            except Reject:  # `"%.3f" % x` and the like: CPython's own operator on the values
                if not (boxable(lt) and boxable(rt_)):
                    raise
                return self.object_binop(op, left, right, node)
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
            values = self.narrowed_operands(op, node.values, self.condition)  # `x is not None and x > 0`
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
        if isinstance(operand.type, ObjT):
            return obj.ObjUnary({ast.USub: "neg", ast.UAdd: "pos", ast.Invert: "invert"}[type(node.op)], operand)
        if is_np_scalar(operand.type):
            return bnp.unary(self, type(node.op).__name__, operand, node)
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
        if isinstance(expr.type, NpBoolT) or is_np_scalar(expr.type):
            return bnp.truthy(self, expr)
        return ir.Truthy(expr)

    def expr_BoolOp(self, node: ast.BoolOp) -> ir.Expr:
        op = "and" if isinstance(node.op, ast.And) else "or"
        values = self.narrowed_operands(op, node.values, self.expr)  # `x and x[0]`
        result = values[-1]
        for value in reversed(values[:-1]):
            t = join(value.type, result.type)
            if t is None and _either_object(value.type, result.type):
                # `flag and count`: Python returns one operand or the other, of either type
                result = ir.BoolOp(op, self.box(value, node), self.box(result, node), OBJ)
                continue
            if t is None:
                raise reject(node, "boolean operator", f"`{op}` of a {value.type} and a {result.type} "
                             "(Python returns one of the operands)")
            result = ir.BoolOp(op, self.coerce(value, t, node), self.coerce(result, t, node), t)
        return result

    def expr_IfExp(self, node: ast.IfExp) -> ir.Expr:
        cond = self.condition(node.test)
        facts = self.facts(node.test)  # `a if x is not None else b` (lower_narrowing.py)
        with self.narrowed_by(facts.true):
            then = self.expr(node.body)
        with self.narrowed_by(facts.false):
            orelse = self.expr(node.orelse)
        t = join(then.type, orelse.type)
        if t is None and _either_object(then.type, orelse.type):  # either, as the object it is
            return ir.IfExp(cond, self.box(then, node.body), self.box(orelse, node.orelse), OBJ)
        if t is None:
            raise reject(node, "conditional expression", f"branches of types {then.type} and {orelse.type}")
        return ir.IfExp(cond, self.coerce(then, t, node), self.coerce(orelse, t, node), t)

    def expr_Compare(self, node: ast.Compare) -> ir.Expr:
        operands = [self.expr(node.left)] + [self.expr(c) for c in node.comparators]
        if len(node.ops) == 1:
            return self.compare(node.ops[0], operands[0], operands[1], node)
        if any(isinstance(o.type, ObjT) for o in operands):
            raise reject(node, "comparison", "chained comparisons of Python objects are not translated",
                         "compare in two steps joined by `and`")
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
        on_objects = self.object_compare(op_node, left, right, node)
        if on_objects is not None:
            return on_objects
        if isinstance(left.type, UnknownT) or isinstance(right.type, UnknownT):
            return self.unknown(node, "an operand")
        if isinstance(op_node, (ast.Is, ast.IsNot)):
            return self.identity(op_node, left, right, node)
        if isinstance(op_node, (ast.In, ast.NotIn)) and isinstance(right.type, (DictT, SetT)):
            return self.container_contains(op_node, left, right, node)
        seq = self.as_list(right, node) if isinstance(right.type, (ListT, TupleT)) else None
        if isinstance(op_node, (ast.In, ast.NotIn)) and seq is not None \
                and not (bstr.is_text(left.type) and bstr.is_text(seq.type.item)):  # (a str in strs: below)
            right = seq
            item_t = right.type.item  # type: ignore[attr-defined]
            if never_equal(left.type, item_t):  # `"a" in [1, 2]`: no item can equal it
                found: ir.Expr = evaluated(ir.Const(False, BOOL), left, right)
            elif numeric(item_t) and numeric(left.type) or left.type == item_t:
                # numbers by value (int/float mixed), other values by CPython's == (a NaN
                # inside, found by identity in CPython, deopts)
                found = ir.Intrinsic("seq.contains", (right, left), BOOL)
            else:
                raise reject(node, "in", f"`in` of a {left.type} in a list of {item_t} is not translated")
            return found if isinstance(op_node, ast.In) else ir.Unary("not", found, BOOL)
        if bstr.is_text(left.type) or bstr.is_text(right.type):  # str/bytes, or a str in a list[str]
            return bstr.compare(self, op_node, left, right, node)
        if isinstance(op_node, (ast.In, ast.NotIn)):
            raise reject(node, "in", f"`in` on a {right.type} is not translated")
        op = CMP_OPS.get(type(op_node))
        if op is None:
            raise reject(node, "comparison", f"`{type(op_node).__name__}` comparisons are not translated")
        if is_np_scalar(left.type) or is_np_scalar(right.type):
            return bnp.compare(self, op, left, right, node)
        if numeric(left.type) and numeric(right.type):
            left, right = self.to_int(left), self.to_int(right)
            return ir.Compare(op, left, right)
        if op in ("eq", "ne"):
            return self.equality(op, left, right, node)
        raise reject(node, "comparison", f"comparing a {left.type} with a {right.type} is not translated")

    def equality(self, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
        """`==` / `!=` of lists, tuples and optionals: CPython's `==` item by item (rt::PyEq;
        a NaN inside, which CPython finds equal to itself by identity, deopts)."""
        lt, rt_ = left.type, right.type
        t = join(lt, rt_)
        if t is None and (never_equal(lt, rt_) or isinstance(lt, TupleT) and isinstance(rt_, TupleT)):
            same: ir.Expr = evaluated(ir.Const(False, BOOL), left, right)  # (tuples of other lengths)
        elif t is None or not isinstance(t, (ListT, TupleT, OptionalT)):
            raise reject(node, "comparison", f"comparing a {lt} with a {rt_} is not translated")
        elif not is_known(t):
            return self.unknown(node, "the items compared")
        else:
            same = ir.Intrinsic("value.eq", (self.coerce(left, t, node), self.coerce(right, t, node)), BOOL)
        return same if op == "eq" else ir.Unary("not", same, BOOL)

    def expr_Subscript(self, node: ast.Subscript) -> ir.Expr:
        seq = self.expr(node.value)
        if isinstance(seq.type, ObjT):
            if isinstance(node.slice, ast.Slice):  # bounds evaluated in order, then the slice
                bounds = [self.box(self.expr(b) if b is not None else ir.Const(None, NONE), b or node)
                          for b in (node.slice.lower, node.slice.upper, node.slice.step)]
                return obj.ObjGetSlice(seq, *bounds)
            return obj.ObjGetItem(seq, self.box(self.expr(node.slice), node.slice))
        if isinstance(seq.type, NdArrayT):
            return bnp.subscript(self, seq, node)
        if isinstance(seq.type, DictT):  # a dict key is any hashable, not an index
            return self.dict_subscript(seq, node)
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
        if bstr.is_text(t):
            return bstr.subscript(self, seq, index, node.slice)
        raise reject(node, "subscript", f"indexing a {t} is not translated")

    def int_index(self, index: ir.Expr, node: ast.AST) -> ir.Expr:
        if isinstance(index.type, ObjT):
            index = obj.Unbox(index, INT)
        index = self.to_int(index)
        if not isinstance(index.type, (IntT, UnknownT)):
            raise reject(node, "index", f"indexes must be ints, not {index.type}")
        return index

    def slice(self, seq: ir.Expr, sl: ast.Slice, node: ast.AST) -> ir.Expr:
        if bstr.is_text(seq.type):
            bounds = [ir.Const(None, NONE) if part is None else self.int_index(self.expr(part), part)
                      for part in (sl.lower, sl.upper, sl.step)]
            return bstr.slice_(self, seq, bounds, node)
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
            if t is None:  # a list of Python objects
                return self.object_display("list", node.elts, node)
        assert t is not None
        return ir.ListLit(tuple(self.coerce(i, t, node) for i in items), ListT(t))

    def expr_Tuple(self, node: ast.Tuple) -> ir.Expr:
        items = tuple(self.expr(e) for e in node.elts)
        return ir.TupleLit(items, TupleT(tuple(i.type for i in items)))

    def expr_Call(self, node: ast.Call) -> ir.Expr:
        func = node.func
        if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
            return self.star_call(node)
        if isinstance(func, ast.Name) and func.id == "next" and node.args and isinstance(node.args[0], ast.Name) \
                and node.args[0].id in self.iterators and node.args[0].id not in self.renames:  # type: ignore[attr-defined]
            return self.iterator_next(self.iterators[node.args[0].id], node)  # type: ignore[attr-defined]
        consumer = (isinstance(func, ast.Name) and func.id in CONSUMERS and self.is_builtin(func.id)
                    or isinstance(func, ast.Attribute) and func.attr == "join") and consumes_generators(node)
        if consumer and len(node.args) == 1 and (isinstance(node.args[0], ast.Name) and node.args[0].id in self.iterators
                                                 and node.args[0].id not in self.renames  # type: ignore[attr-defined]
                                                 or self.itertools_native(node.args[0], pools=True)):  # type: ignore[attr-defined]
            # `list(it)`, `sum(pairwise(xs))`: a generator over what a loop iterates natively
            call = ast.Call(func=func, args=[drained(node.args[0])], keywords=node.keywords)
            return self.expr_Call(ast.copy_location(call, node))
        if consumer and len(node.args) == 1 and self.mapped(node.args[0]) is not None:  # type: ignore[attr-defined]
            # `sum(map(f, xs))`: the generator expression it equals (map_filter.py)
            call = ast.Call(func=func, args=[self.mapped(node.args[0])], keywords=node.keywords)  # type: ignore[attr-defined]
            return self.expr_Call(ast.copy_location(call, node))
        attr = math_attribute(func, self.info)
        if attr is not None and self.has_object_argument(node):  # math.f(obj): the function itself
            return self.object_call(self.expr(func), node)
        if attr in bstd.MATH:
            return bstd.math_call(self, attr, node)
        std = stdlib_attribute(func, self.info)
        if std is not None and std[0] in bstd.MODULES and std[2] not in self.locals and std[2] not in self.renames:
            return self.stdlib_call(std[0], std[1], func, node)
        if attr is not None:
            if any(k.arg is None for k in node.keywords) or node.keywords:
                raise reject(node, f"math.{attr}", "keyword arguments to math functions are not translated")
            return bi.math_call(self, attr, [self.expr(a) for a in node.args], node)
        np_name = bnp.numpy_attr(func, self.info)
        if np_name is not None:
            return bnp.call(self, np_name, node)
        if isinstance(func, ast.Attribute):
            receiver_t = self.peek(func.value)
            if isinstance(receiver_t, ObjT):  # a method of a Python object
                return self.object_method(self.expr(func.value), func.attr, node)
            if isinstance(receiver_t, UnknownT) and self.not_yet_known(func.value):  # known in a later round
                self.expr(func.value)  # (lowered, so what it records settles it)
                return self.unknown(node, f"the receiver of .{func.attr}()")
            try:
                return builtin_table.method_call(self, func, node)
            except Reject:
                # a method of an immutable value (str, bytes, tuple, number) the native
                # rules do not cover: CPython's own method on the boxed value
                if not (boxable(receiver_t) and self.can_call_python(node)):
                    raise
                return self.object_method(self.box(self.expr(func.value), func.value), func.attr, node)
        if not isinstance(func, ast.Name):
            callee = self.expr(func)
            if isinstance(callee.type, ObjT):
                return self.object_call(callee, node)
            raise reject(node, "call", f"calling a {callee.type} is not translated")
        if func.id in self.aliases:  # `ins(i, x)` after `ins = xs.insert`: the method call
            receiver, attr, _ = self.aliases[func.id]
            method = ast.Attribute(value=ast.Name(id=receiver, ctx=ast.Load()), attr=attr, ctx=ast.Load())
            call = ast.Call(func=method, args=node.args, keywords=node.keywords)
            for new in (method, method.value, call):
                ast.copy_location(new, node)
            return self.expr_Call(call)
        name = func.id
        local = self.renames.get(name, name)
        if local in self.locals or local in self.temps:  # a callable held in a local
            callee = self.name_expr(name, func)
            if isinstance(callee.type, UnknownT):
                return self.unknown(node, f"`{name}`")
            if not isinstance(callee.type, ObjT):
                raise reject(node, "call", f"calling a {callee.type} is not translated")
            return self.object_call(callee, node)
        if name in self.info.functions:
            fn_args = self.info.functions[name].args
            if is_generator(self.info.functions[name]) and (fn_args.kwonlyargs or fn_args.vararg or fn_args.kwarg):
                return self.global_call(name, node)  # makes its generator (translated or not)
            if fn_args.vararg is None and fn_args.kwarg is None:
                return self.module_call(name, node)
            return self.global_call(name, node)  # `*args`/`**kwargs` packed by the call itself
        if self.is_builtin(name):
            keyed = name in ("sorted", "min", "max") and any(k.arg == "key" for k in node.keywords)
            native = keyed or name in builtin_table.CLASS_ARGUMENTS or not self.has_object_argument(node, consumed=True)
            if name in builtin_table.RULES and native:
                try:
                    return builtin_table.builtin_call(self, name, node)
                except Reject as exc:  # a form the native rules do not cover: the builtin itself
                    if not self.can_call_python(node):
                        values = [*node.args, *(k.value for k in node.keywords)]
                        if any(self.not_yet_known(a) for a in values):
                            for a in values:  # lowered, so what they record settles them in a later round
                                self.expr(a)
                            return self.unknown(node, f"the arguments of {name}()")
                        raise exc
            return self.global_call(name, node)  # the builtin itself, given Python objects
        return self.global_call(name, node)  # a class, an imported function, any global

    def stdlib_call(self, module: str, attr: str, func: ast.expr, node: ast.Call) -> ir.Expr:
        """`heapq.heappush(h, x)` and the like: native (builtins_stdlib.py), or the function
        itself when an argument is a Python object or the form is not covered."""
        functions = bstd.function_arguments(module, attr, node)  # key=abs, reduce(f, ...): not values
        values = ast.Call(node.func, [a for a in node.args if a not in functions],
                          [k for k in node.keywords if k.value not in functions])
        if not self.has_object_argument(ast.copy_location(values, node)):
            try:
                return bstd.call(self, module, attr, node)
            except Reject:
                if not self.can_call_python(node):
                    raise
        return self.object_call(self.expr(func), node)

    def module_call(self, name: str, node: ast.Call) -> ir.Expr:
        callee = self.info.functions[name]
        params = [a.arg for a in callee.args.args + callee.args.kwonlyargs]
        given: dict[str, ir.Expr] = {}
        if len(node.args) > len(callee.args.args):
            raise reject(node, "call", f"too many arguments for {name}()")
        for param, arg in zip(params, node.args):
            given[param] = self.value_of(arg)
        for kw in node.keywords:
            if kw.arg not in params or kw.arg in given:
                raise reject(kw, "call", f"bad keyword argument {kw.arg!r} for {name}()")
            given[kw.arg] = self.value_of(kw.value)
        if any(isinstance(e.type, UnknownT) or not is_known(e.type) for e in given.values()):
            return self.unknown(node, f"the arguments of {name}()")
        if not self.final and any(isinstance(e.type, NoneT) for e in given.values()):
            # a variable that is still only None in this round (`best = None` before a loop
            # assigns it): instantiating the callee for None now would be premature
            return self.unknown(node, f"the arguments of {name}()")
        callee_defaults = defaults(callee, self.info)
        if any(isinstance(v, ObjectDefault) for v in callee_defaults.values()) and \
                any(p not in given for p in callee_defaults):
            # a function with default objects (`bodies=SYSTEM`) called with some defaults
            # left out: the function object itself, which passes its own defaults as CPython
            # does (so the translation never bakes in that function's defaults)
            return self.global_call(name, node)
        arg_types = [given[p].type if p in given else UNKNOWN for p in params]
        try:
            sig = self.resolver.signature(name, arg_types, node, final=self.final)
        except Reject as exc:
            # the callee stays Python: call the function object the module holds
            try:
                return self.global_call(name, node)
            except KeepAsObjects:
                raise  # (a variable passed to it must be an object first)
            except Reject:
                raise exc from None
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
                if given[pname].type != ptype:  # the callee holds other item types in it: so must the caller
                    self.record_value_at(ir.NamePlace(var, given[pname].type), ptype, node)
                    if self.final:
                        raise reject(node, "call", f"{name}() changes `{arg_node.id}` in place as a {ptype}, "
                                     f"which holds a {given[pname].type} here")
                for other, value in given.items():
                    if other != pname and var in names_read(value):
                        # one list for two parameters: Rust would need two copies (or two
                        # borrows, one of them mutable), Python shares it
                        raise reject(node, "call", f"passes `{arg_node.id}` to {name}() twice, and {name}() "
                                     f"changes its `{pname}` in place", "pass a copy: `list(x)`")
            if pname in given:
                value = given[pname]
                if isinstance(ptype, ObjT) and isinstance(value, ir.Name) and not boxable(value.type):
                    # the callee takes the caller's object itself: so must this variable be one
                    raise KeepAsObjects(reject(node, "call", f"{name}() takes `{value.name}` as an object").rejection,
                                        (value.name,))
                args.append(self.coerce(value, ptype, node))
            elif pname in sig.defaults:
                value = sig.defaults[pname]
                if value is None and isinstance(ptype, OptionalT):  # `x: T | None = None`
                    args.append(self.coerce(ir.Const(None, NONE), ptype, node))
                    continue
                if value is None:
                    raise reject(node, "call", f"None default for {pname!r} is not translated")
                args.append(self.coerce(ir.Const(value, ptype if not isinstance(ptype, NumT) else
                                                 (FLOAT if isinstance(value, float) else INT)), ptype, node))
            else:
                raise reject(node, "call", f"missing argument {pname!r} for {name}()")
        return ir.Call(sig.rust_name, tuple(args), sig.ret)


def _either_object(a: RType, b: RType) -> bool:
    """Two types no native type joins, that can meet as Python objects: both boxable, or one
    already an object (the other then boxed; a new list or dict becomes its own object)."""
    return boxable(a) and boxable(b) or isinstance(a, ObjT) or isinstance(b, ObjT)

"""Typing rules for builtins, list methods and the math module (part of lowering).

Each rule checks argument types the way CPython would accept them, inserts the
conversions CPython performs (an int passed to `math.sqrt` becomes a float), and
names the runtime helper through an `Intrinsic`. Anything else is rejected with the
construct and a hint rather than guessed.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Callable

from rustify.translate import builtins_str
from rustify.translate.builtins_support import _positional, _unknown
from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, NUM, STR, BoolT, FloatT, IntT, ListT, NumT, RType, StrT, TupleT, UnknownT, join,
)

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext

#: math functions of one float argument returning a float (domain checks in the runtime)
MATH_FLOAT1 = {"sqrt", "exp", "log2", "log10", "log1p", "expm1", "sin", "cos", "tan", "asin", "acos", "atan",
               "sinh", "cosh", "tanh", "fabs", "degrees", "radians", "erf", "erfc", "gamma", "lgamma"}
MATH_FLOAT2 = {"atan2", "hypot", "pow", "copysign", "fmod"}
MATH_TO_INT = {"floor", "ceil", "trunc"}
MATH_PREDICATES = {"isnan", "isinf", "isfinite"}
SUPPORTED_MATH = MATH_FLOAT1 | MATH_FLOAT2 | MATH_TO_INT | MATH_PREDICATES | {"log", "gcd", "factorial"}
RT_MATH_MISSING = {"erf", "erfc", "gamma", "lgamma"}


def _as_float(lw: LowerContext, arg: ir.Expr, node: ast.AST, what: str) -> ir.Expr:
    arg = lw.to_int(arg)
    if isinstance(arg.type, FloatT):
        return arg
    if isinstance(arg.type, (IntT, NumT)):
        return ir.Convert(arg, FLOAT)
    raise reject(node, what, f"{what}() needs a number, got a {arg.type}")


def math_call(lw: LowerContext, name: str, args: list[ir.Expr], node: ast.AST) -> ir.Expr:
    if name not in SUPPORTED_MATH or name in RT_MATH_MISSING:
        raise reject(node, f"math.{name}", f"math.{name} is not translated")
    unknown = _unknown(lw, args, node)
    if unknown is not None:
        return unknown
    what = f"math.{name}"
    if name in MATH_FLOAT1 and len(args) == 1:
        return ir.Intrinsic(what, (_as_float(lw, args[0], node, what),), FLOAT)
    if name in MATH_FLOAT2 and len(args) == 2:
        return ir.Intrinsic(what, tuple(_as_float(lw, a, node, what) for a in args), FLOAT)
    if name == "log" and len(args) in (1, 2):
        return ir.Intrinsic(what, tuple(_as_float(lw, a, node, what) for a in args), FLOAT)
    if name in MATH_TO_INT and len(args) == 1:
        arg = lw.to_int(args[0])
        if isinstance(arg.type, IntT):
            return arg  # math.floor(int) is the int itself
        return ir.Intrinsic(what, (_as_float(lw, arg, node, what),), INT)
    if name in MATH_PREDICATES and len(args) == 1:
        return ir.Intrinsic(what, (_as_float(lw, args[0], node, what),), BOOL)
    if name in ("gcd", "factorial") and args:
        ints = [lw.to_int(a) for a in args]
        if not all(isinstance(a.type, IntT) for a in ints) or (name == "factorial" and len(ints) != 1):
            raise reject(node, what, f"{what}() needs int arguments")
        if name == "gcd" and len(ints) != 2:
            raise reject(node, what, "math.gcd() of two ints only")
        return ir.Intrinsic(what, tuple(ints), INT)
    raise reject(node, what, f"{what}() with {len(args)} arguments is not translated")


def _numeric_items(lw: LowerContext, seq: ir.Expr, node: ast.AST, what: str) -> RType:
    t = seq.type
    item = t.item if isinstance(t, ListT) else None
    if isinstance(t, TupleT):
        item = t.items[0] if t.items and len(set(t.items)) == 1 else None
    if item is None or not isinstance(item, (IntT, FloatT, NumT, BoolT, UnknownT)):
        raise reject(node, what, f"{what}() over a {t} is not translated")
    return item


def _len(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "len")
    if len(args) != 1:
        raise reject(node, "len", "len() takes one argument")
    if _unknown(lw, args, node):
        return lw.unknown(node, "len()'s argument")
    from rustify.translate import builtins_numpy

    if builtins_numpy.is_array(args[0].type):
        return builtins_numpy.length(lw, args[0])
    if builtins_str.is_text(args[0].type):  # a str by code point, bytes by byte
        return ir.Len(args[0])
    if not isinstance(args[0].type, (ListT, TupleT)):
        raise reject(node, "len", f"len() of a {args[0].type} is not translated")
    return ir.Len(args[0])


def _abs(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "abs")
    if len(args) != 1:
        raise reject(node, "abs", "abs() takes one argument")
    if _unknown(lw, args, node):
        return lw.unknown(node, "abs()'s argument")
    arg = lw.to_int(args[0])
    if not isinstance(arg.type, (IntT, FloatT, NumT)):
        raise reject(node, "abs", f"abs() of a {arg.type}")
    return ir.Intrinsic("abs", (arg,), arg.type)


def _minmax(name: str):
    def rule(lw: LowerContext, node: ast.Call) -> ir.Expr:
        args = _positional(lw, node, name)
        if _unknown(lw, args, node):
            return lw.unknown(node, f"{name}()'s arguments")
        if len(args) == 1:
            seq = lw.as_list(args[0], node)
            if builtins_str.is_text(seq.type) or isinstance(seq.type, ListT) and isinstance(seq.type.item, StrT):
                return _text_extreme(name, seq)  # min("hello"), max(words)
            item = _numeric_items(lw, seq, node, name)
            if isinstance(item, UnknownT):
                return lw.unknown(node, f"{name}()'s items")
            return ir.Intrinsic(f"{name}.seq", (seq,), item)
        if len(args) < 2:
            raise reject(node, name, f"{name}() needs arguments")
        if all(isinstance(a.type, StrT) for a in args):  # max(a, b) of strs
            return _text_extreme(name, ir.ListLit(tuple(args), ListT(STR)))
        bools = [isinstance(a.type, BoolT) for a in args]
        if all(bools):  # the winning bool itself, not 1
            return ir.Intrinsic(f"{name}.seq", (ir.ListLit(tuple(args), ListT(BOOL)),), BOOL)
        if any(bools):
            raise reject(node, name, f"{name}() of a bool and a number returns the bool object when it wins "
                         "(True, not 1)", "convert it first: int(flag)")
        t = None
        for a in args:
            if not isinstance(lw.to_int(a).type, (IntT, FloatT, NumT)):
                raise reject(node, name, f"{name}() of a {a.type} is not translated")
            t = join(t, lw.to_int(a).type)
        assert t is not None
        # max(a, b) returns one of the objects, keeping its own type: a num when they differ
        items = tuple(lw.coerce(lw.to_int(a), t, node) for a in args)
        return ir.Intrinsic(f"{name}.seq", (ir.ListLit(items, ListT(t)),), t)

    return rule


def _text_extreme(name: str, seq: ir.Expr) -> ir.Expr:
    """min/max of strs (a str's characters, a list of strs): code-point order, the first
    of equal extremes (ValueError when there are none)."""
    if isinstance(seq.type, StrT):
        seq = builtins_str.as_list(seq)
    return ir.Intrinsic(f"{name}.seq", (seq,), STR)


def _sum(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "sum", ("start",))
    if node.keywords:
        args.append(lw.expr(node.keywords[0].value))
    if not 1 <= len(args) <= 2:
        raise reject(node, "sum", "sum() takes an iterable and an optional start")
    if _unknown(lw, args, node):
        return lw.unknown(node, "sum()'s arguments")
    args[0] = lw.as_list(args[0], node)
    item = lw.to_int(ir.Const(None, _numeric_items(lw, args[0], node, "sum"))).type
    if isinstance(item, UnknownT):
        return lw.unknown(node, "sum()'s items")
    start = lw.to_int(args[1]) if len(args) == 2 else ir.Const(0, INT)
    if not isinstance(start.type, (IntT, FloatT, NumT)):
        raise reject(node, "sum", f"sum() with a {start.type} start")
    if isinstance(item, IntT) and isinstance(start.type, IntT):
        result: RType = INT
    elif isinstance(start.type, FloatT):
        result = FLOAT
    else:
        result = NUM  # an int start stays an int until the first float item (int 0 when empty)
    return ir.Intrinsic("sum", (args[0], lw.coerce(start, NUM, node) if isinstance(result, NumT) else start), result)


def _int(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "int")
    if not args:
        return ir.Const(0, INT)  # int() is 0
    if len(args) != 1:
        raise reject(node, "int", "int() of one number only")
    if _unknown(lw, args, node):
        return lw.unknown(node, "int()'s argument")
    arg = lw.to_int(args[0])
    if isinstance(arg.type, IntT):
        return arg
    if isinstance(arg.type, (FloatT, NumT)):
        return ir.Intrinsic("int", (arg,), INT)
    if builtins_str.is_text(arg.type):
        return builtins_str.parse_number("int", arg, node)
    raise reject(node, "int", f"int() of a {arg.type} is not translated yet")


def _float(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "float")
    if not args:
        return ir.Const(0.0, FLOAT)  # float() is 0.0
    if len(args) != 1:
        raise reject(node, "float", "float() of one number only")
    if _unknown(lw, args, node):
        return lw.unknown(node, "float()'s argument")
    from rustify.translate import builtins_numpy

    if builtins_numpy.is_np_scalar(args[0].type):  # float(np.float64(x)) is the same double (int64: rounded)
        return builtins_numpy.to_float(lw, args[0])
    if builtins_str.is_text(args[0].type):
        return builtins_str.parse_number("float", args[0], node)
    return _as_float(lw, args[0], node, "float")


def _bool(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "bool")
    if not args:
        return ir.Const(False, BOOL)  # bool() is False
    if len(args) != 1:
        raise reject(node, "bool", "bool() of one value only")
    if _unknown(lw, args, node):
        return lw.unknown(node, "bool()'s argument")
    return lw.truthy(args[0])


def _round(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "round", ("ndigits",))
    if node.keywords:
        args.append(lw.expr(node.keywords[0].value))
    if not 1 <= len(args) <= 2:
        raise reject(node, "round", "round(x) or round(x, ndigits)")
    if _unknown(lw, args, node):
        return lw.unknown(node, "round()'s arguments")
    x = lw.to_int(args[0])
    if len(args) == 2 and isinstance(args[1], ir.Const) and args[1].value is None:
        args = args[:1]
    if len(args) == 1:
        if isinstance(x.type, IntT):
            return x
        if isinstance(x.type, (FloatT, NumT)):
            return ir.Intrinsic("round", (x,), INT)
        raise reject(node, "round", f"round() of a {x.type}")
    digits = lw.to_int(args[1])
    if not isinstance(digits.type, IntT):
        raise reject(node, "round", "round()'s ndigits must be an int")
    if isinstance(x.type, (IntT, FloatT, NumT)):
        return ir.Intrinsic("round.ndigits", (x, digits), x.type)
    raise reject(node, "round", f"round() of a {x.type}")


def _divmod(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "divmod")
    if len(args) != 2:
        raise reject(node, "divmod", "divmod() takes two numbers")
    if _unknown(lw, args, node):
        return lw.unknown(node, "divmod()'s arguments")
    a, b = lw.to_int(args[0]), lw.to_int(args[1])
    if isinstance(a.type, IntT) and isinstance(b.type, IntT):
        return ir.Intrinsic("divmod", (a, b), TupleT((INT, INT)))
    if isinstance(a.type, (IntT, FloatT)) and isinstance(b.type, (IntT, FloatT)):
        return ir.Intrinsic("divmod", (lw.to_float(a), lw.to_float(b)), TupleT((FLOAT, FLOAT)))
    if isinstance(a.type, (IntT, FloatT, NumT)) and isinstance(b.type, (IntT, FloatT, NumT)):
        # an int or a float, known at run time: both results take the type of the pair
        return ir.Intrinsic("divmod", (lw.coerce(a, NUM, node), lw.coerce(b, NUM, node)), TupleT((NUM, NUM)))
    raise reject(node, "divmod", f"divmod() of {a.type} and {b.type}")


def _pow(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "pow")
    if len(args) != 2:
        raise reject(node, "pow", "pow() with two arguments only")
    return lw.binop("pow", args[0], args[1], node)


def _list(lw: LowerContext, node: ast.Call) -> ir.Expr:
    if not node.args:
        return ir.ListLit((), ListT(UNKNOWN_ITEM))
    args = _positional(lw, node, "list")
    if len(args) != 1:
        raise reject(node, "list", "list() takes one iterable")
    if _unknown(lw, args, node):
        return lw.unknown(node, "list()'s argument")
    t = args[0].type
    if isinstance(t, ListT):
        return ir.Intrinsic("list.copy", (args[0],), t)
    if builtins_str.is_text(t):
        return builtins_str.as_list(args[0])
    raise reject(node, "list", f"list() of a {t} is not translated")


def _sorted(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "sorted", ("reverse",))
    if len(node.args) != 1:
        raise reject(node, "sorted", "sorted() of one list")
    reverse: ir.Expr = ir.Const(False, BOOL)
    if node.keywords:
        reverse = lw.truthy(lw.expr(node.keywords[0].value))
    if _unknown(lw, args, node):
        return lw.unknown(node, "sorted()'s argument")
    args[0] = lw.as_list(args[0], node)
    item = _numeric_items(lw, args[0], node, "sorted")
    if not isinstance(args[0].type, ListT):
        raise reject(node, "sorted", "sorted() of a list only")
    return ir.Intrinsic("sorted", (args[0], reverse), ListT(item))


def _any_all(name: str):
    def rule(lw: LowerContext, node: ast.Call) -> ir.Expr:
        if len(node.args) != 1 or node.keywords:
            raise reject(node, name, f"{name}() takes one iterable")
        arg = node.args[0]
        if isinstance(arg, ast.GeneratorExp):
            # short-circuits like CPython: stop at the first deciding item
            return lw.short_circuit(name, arg)
        seq = lw.expr(arg)
        if _unknown(lw, [seq], node):
            return lw.unknown(node, f"{name}()'s argument")
        if not isinstance(seq.type, (ListT, TupleT)):
            raise reject(node, name, f"{name}() of a {seq.type}")
        return ir.Intrinsic(name, (lw.as_list(seq, node),), BOOL)

    return rule


UNKNOWN_ITEM = UnknownT()

#: the rules for builtins of numbers and lists (builtins_table.py adds the others)
def _consumed_here(lw: LowerContext, node: ast.Call) -> bool:
    """Whether `node`'s value is only consumed where it stands (iterated, or an argument of
    list(), sum(), len(), sorted(), min(), max(), ...), never kept."""
    consumed = lw.consumed
    return consumed is node or isinstance(consumed, ast.Call) and any(a is node for a in consumed.args)


def _reversed(lw: LowerContext, node: ast.Call) -> ir.Expr:
    """`reversed(xs)` consumed where it stands (`list(reversed(xs))`, a comprehension over
    it): a new list of the same items in reverse order. Kept in a variable it would be a
    list where CPython has an iterator (exhausted after one pass), so it is rejected there."""
    if not _consumed_here(lw, node):
        raise reject(node, "reversed()", "reversed() as a value is translated only where it is consumed",
                     "iterate it, or pass it to list(), sum(), min(), max() or sorted()")
    if node.keywords or len(node.args) != 1:
        raise reject(node, "reversed()", "reversed() takes one argument")
    seq = lw.expr(node.args[0])
    if isinstance(seq.type, UnknownT):
        return lw.unknown(node, "reversed()'s argument")
    if not isinstance(seq.type, ListT):
        raise reject(node, "reversed()", f"reversed() of a {seq.type} is not translated")
    return ir.Intrinsic("list.reversed", (seq,), seq.type)


def _range(lw: LowerContext, node: ast.Call) -> ir.Expr:
    """`range(...)` consumed where it stands (`list(range(n))`, `sum(range(a, b))`,
    `sorted(range(n), reverse=True)`, a comprehension over it): its items as a fresh
    list. Anywhere it could be kept or returned it would be a list where CPython has a
    range object, so it is rejected there (a `for` header over range is a native loop)."""
    if not _consumed_here(lw, node):
        raise reject(node, "range()", "range() as a value is translated only where it is consumed",
                     "iterate it, or pass it to list(), sum(), len(), sorted(), min() or max()")
    start, stop, step = lw.range_args(node)
    return ir.Intrinsic("range.list", (start, stop, step), ListT(INT))


BASE_RULES = {
    "len": _len, "abs": _abs, "min": _minmax("min"), "max": _minmax("max"), "sum": _sum, "int": _int,
    "float": _float, "bool": _bool, "round": _round, "divmod": _divmod, "pow": _pow, "list": _list,
    "sorted": _sorted, "any": _any_all("any"), "all": _any_all("all"), "range": _range,
    "reversed": _reversed,
}

# ---------------------------------------------------------------- list methods

def method_call(lw: LowerContext, func: ast.Attribute, node: ast.Call,
                methods: dict[type, Callable[..., ir.Expr]]) -> ir.Expr:
    """A method call: list methods here, other receivers' from `methods` (receiver type
    class -> rule(lowerer, receiver, func, args, node); builtins_table.py)."""
    receiver = lw.expr(func.value)
    arg_nodes: list[ast.expr] = list(node.args)
    if node.keywords and not isinstance(receiver.type, UnknownT):
        if not isinstance(receiver.type, StrT):
            raise reject(node, f".{func.attr}()", "keyword arguments to methods are not translated")
        arg_nodes = builtins_str.keyword_arguments(func, node)  # s.split(",", maxsplit=1)
    args = [lw.expr(a) for a in arg_nodes]
    t = receiver.type
    if isinstance(t, UnknownT):
        if func.attr == "append" and isinstance(func.value, ast.Name) and len(args) == 1:
            # `out = []` then `out.append(x)`: the append tells the list's item type
            lw.record_assign(lw.renames.get(func.value.id, func.value.id), ListT(args[0].type), node)
        return lw.unknown(node, "the receiver of a method")
    extra = methods.get(type(t))
    if extra is not None:  # methods of other receiver types (str, dict, ...)
        return extra(lw, receiver, func, args, node)
    if not isinstance(t, ListT):
        raise reject(node, f".{func.attr}()", f"methods of {t} are not translated")
    name = func.attr
    mutating = {"append", "pop", "extend", "insert", "reverse", "sort", "clear", "remove"}
    if name in mutating:
        place = lw.place(func.value)
        from rustify.translate.lower_support import root_name

        lw.mark_mutated(root_name(place), node)
        stored = {"append": 0, "insert": 1}.get(name)
        if stored is not None and len(args) == stored + 1:  # the list may hold the item's type too
            lw.record_value_at(place, ListT(args[stored].type), node)
        elif name == "extend" and len(args) == 1 and isinstance(args[0].type, ListT):
            lw.record_value_at(place, args[0].type, node)
    item = t.item
    if name == "append" and len(args) == 1:
        return ir.Intrinsic("list.append", (receiver, lw.coerce(args[0], item, node)), NONE)
    if name == "extend" and len(args) == 1 and isinstance(args[0].type, ListT):
        return ir.Intrinsic("list.extend", (receiver, lw.coerce(args[0], t, node)), NONE)
    if name == "pop" and len(args) <= 1:
        return ir.Intrinsic("list.pop", (receiver, *[lw.to_int(a) for a in args]), item)
    if name == "insert" and len(args) == 2:
        return ir.Intrinsic("list.insert", (receiver, lw.to_int(args[0]), lw.coerce(args[1], item, node)), NONE)
    if name in ("index", "count") and len(args) == 1:
        if not (isinstance(item, (IntT, FloatT, NumT, BoolT)) and isinstance(lw.to_int(args[0]).type, (IntT, FloatT, NumT, BoolT))):
            raise reject(node, f".{name}()", f"list.{name}() is translated for lists of numbers")
        return ir.Intrinsic(f"list.{name}", (receiver, args[0]), INT)
    if name == "copy" and not args:
        return ir.Intrinsic("list.copy", (receiver,), t)
    if name == "reverse" and not args:
        return ir.Intrinsic("list.reverse", (receiver,), NONE)
    if name == "clear" and not args:
        return ir.Intrinsic("list.clear", (receiver,), NONE)
    raise reject(node, f".{name}()", f"list.{name}() with these arguments is not translated")

"""Typing rules for str and bytes: operators, subscripts, builtins and methods.

Each rule checks its operands the way CPython accepts them and names the runtime/src/text.rs
helper through an `Intrinsic` (emitted by emit/strings.py). What CPython would refuse
(TypeError) or what is not translated yet is rejected with the construct and a hint.

    "ab"[i]        ->  str.index!(s, i): str            (IndexError "string index out of range")
    s.split(",")   ->  str.split!(s, ','): list[str]
    f"{n}-{s}"     ->  str.format!(str.of!(n), '-', s): str
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate.builtins_support import _positional, _unknown
from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import ExcT, ObjT
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.rtypes import (
    BOOL, BYTES, FLOAT, INT, NONE, STR, BoolT, BytesT, FloatT, IntT, ListT, NumT, RType, StrT, TupleT, UnknownT,
)

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext

TEXT = (StrT, BytesT)
CMP_NAMES = {ast.Lt: "lt", ast.LtE: "le", ast.Eq: "eq", ast.NotEq: "ne", ast.Gt: "gt", ast.GtE: "ge"}


def is_text(t: RType) -> bool:
    return isinstance(t, TEXT)


def _kind(t: RType) -> str:
    return "str" if isinstance(t, StrT) else "bytes"


def constant(value: object, node: ast.AST) -> ir.Expr:
    """A str or bytes literal (a str with lone surrogates cannot be held: rejected)."""
    if isinstance(value, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            raise reject(node, "str", "a string literal with lone surrogates is not translated")
        return ir.Const(value, STR)  # type: ignore[arg-type]
    return ir.Const(value, BYTES)  # type: ignore[arg-type]


# ---------------------------------------------------------------- operators


def binop(lw: LowerContext, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
    lt, rt_ = left.type, right.type
    if op == "add" and type(lt) is type(rt_) and is_text(lt):
        return ir.Intrinsic(f"{_kind(lt)}.concat", (left, right), lt)
    if op == "mul":
        if is_text(lt) and isinstance(lw.to_int(right).type, IntT):
            return ir.Intrinsic(f"{_kind(lt)}.repeat", (left, lw.to_int(right)), lt)
        if is_text(rt_) and isinstance(lw.to_int(left).type, IntT):
            # `n * s`: n is evaluated first, as written
            return ir.Intrinsic(f"{_kind(rt_)}.repeat_rev", (lw.to_int(left), right), rt_)
    what = "%-formatting" if op == "mod" and isinstance(lt, StrT) else f"`{op}`"
    raise reject(node, "operator", f"{what} of {lt} and {rt_} is not translated",
                 "str supports +, * and f-strings" if isinstance(lt, StrT) else "")


def compare(lw: LowerContext, op_node: ast.cmpop, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
    if isinstance(op_node, (ast.In, ast.NotIn)) and isinstance(right.type, TupleT) and is_text(left.type):
        right = lw.as_list(right, node)  # `c in ("a", "b")`: a list of the same items
    lt, rt_ = left.type, right.type
    if isinstance(op_node, (ast.In, ast.NotIn)):
        found: ir.Expr
        if isinstance(rt_, StrT) and isinstance(lt, StrT):
            found = ir.Intrinsic("str.in", (left, right), BOOL)
        elif isinstance(rt_, BytesT) and isinstance(lt, BytesT):
            found = ir.Intrinsic("bytes.in", (left, right), BOOL)
        elif isinstance(rt_, BytesT) and isinstance(lw.to_int(left).type, IntT):
            found = ir.Intrinsic("bytes.int_in", (lw.to_int(left), right), BOOL)
        elif isinstance(rt_, ListT) and is_text(rt_.item) and rt_.item == lt:
            found = ir.Intrinsic("textlist.in", (left, right), BOOL)
        else:
            raise reject(node, "in", f"`in` of a {lt} in a {rt_} is not translated",
                         "a str in a str, an int or bytes in bytes, a str in a list[str]")
        return found if isinstance(op_node, ast.In) else ir.Unary("not", found, BOOL)
    op = CMP_NAMES.get(type(op_node))
    if op is None:
        raise reject(node, "comparison", f"`{type(op_node).__name__}` comparisons of {lt} are not translated",
                     "compare strings with == or !=")
    if type(lt) is type(rt_) and is_text(lt):
        return ir.Intrinsic(f"{_kind(lt)}.{op}", (left, right), BOOL)
    raise reject(node, "comparison", f"comparing a {lt} with a {rt_} is not translated")


# ---------------------------------------------------------------- subscripts


def subscript(lw: LowerContext, seq: ir.Expr, index: ir.Expr, node: ast.AST) -> ir.Expr:
    index = lw.int_index(index, node)
    if isinstance(seq.type, StrT):
        return ir.Intrinsic("str.index", (seq, index), STR)
    return ir.Intrinsic("bytes.index", (seq, index), INT)


def slice_(lw: LowerContext, seq: ir.Expr, parts: list[ir.Expr], node: ast.AST) -> ir.Expr:
    return ir.Intrinsic(f"{_kind(seq.type)}.slice", (seq, *parts), seq.type)


def as_list(expr: ir.Expr) -> ir.Expr:
    """A str iterated (or `list(s)`) is its one-character strings; bytes are their ints."""
    if isinstance(expr.type, StrT):
        return ir.Intrinsic("str.chars", (expr,), ListT(STR))
    return ir.Intrinsic("bytes.to_list", (expr,), ListT(INT))


# ---------------------------------------------------------------- builtins


def to_str(lw: LowerContext, value: ir.Expr, node: ast.AST, what: str) -> ir.Expr:
    """`str(x)` / `f"{x}"`: str as is; ints, bools and floats by their repr."""
    t = value.type
    if isinstance(t, StrT):
        return value
    if isinstance(t, (IntT, FloatT, BoolT, NumT)):
        return ir.Intrinsic("str.of", (value,), STR)
    if isinstance(t, ExcT):  # `except K as e`: str(e), CPython's str of the exception
        return ir.Intrinsic("exc.str", (value,), STR)
    raise reject(node, what, f"{what} of a {t} is not translated", "format ints, floats, bools and strs")


def _str(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "str")
    if not args:
        return ir.Const("", STR)  # type: ignore[arg-type]
    if len(args) != 1:
        raise reject(node, "str", "str() of one value only (no encoding arguments)")
    if _unknown(lw, args, node):
        return lw.unknown(node, "str()'s argument")
    return to_str(lw, args[0], node, "str()")


def _ord(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "ord")
    if len(args) != 1:
        raise reject(node, "ord", "ord() takes one argument")
    if _unknown(lw, args, node):
        return lw.unknown(node, "ord()'s argument")
    if not isinstance(args[0].type, StrT):
        raise reject(node, "ord", f"ord() of a {args[0].type} is not translated")
    return ir.Intrinsic("str.ord", (args[0],), INT)


def _chr(lw: LowerContext, node: ast.Call) -> ir.Expr:
    args = _positional(lw, node, "chr")
    if len(args) != 1:
        raise reject(node, "chr", "chr() takes one argument")
    if _unknown(lw, args, node):
        return lw.unknown(node, "chr()'s argument")
    arg = lw.to_int(args[0])
    if not isinstance(arg.type, IntT):
        raise reject(node, "chr", f"chr() of a {arg.type} is not translated")
    return ir.Intrinsic("str.chr", (arg,), STR)


def parse_number(name: str, arg: ir.Expr, node: ast.AST) -> ir.Expr:
    """`int(s)` / `float(s)` of a str (bytes arguments are not translated)."""
    if not isinstance(arg.type, StrT):
        raise reject(node, name, f"{name}() of a {arg.type} is not translated")
    return ir.Intrinsic(f"{name}.from_str", (arg,), INT if name == "int" else FLOAT)


def _bytes(lw: LowerContext, node: ast.Call) -> ir.Expr:
    """`bytes()`, `bytes(n)` (n zero bytes), `bytes(ints)`, `bytes(b)` (the same bytes)."""
    args = _positional(lw, node, "bytes")
    if not args:
        return ir.Const(b"", BYTES)  # type: ignore[arg-type]
    if len(args) != 1:
        raise reject(node, "bytes", "bytes() of a str with an encoding is not translated", "use s.encode()")
    if _unknown(lw, args, node):
        return lw.unknown(node, "bytes()'s argument")
    arg = lw.to_int(args[0])
    if isinstance(arg.type, BytesT):
        return arg
    if isinstance(arg.type, IntT):
        return ir.Intrinsic("bytes.zeros", (arg,), BYTES)
    items = lw.as_list(arg, node)
    if isinstance(items.type, ListT) and isinstance(items.type.item, (IntT, BoolT)):
        return ir.Intrinsic("bytes.from_ints", (lw.coerce(items, ListT(INT), node),), BYTES)
    raise reject(node, "bytes", f"bytes() of a {arg.type} is not translated")


#: str and bytes builtins (assembled by builtins_table.py)
RULES = {"str": _str, "ord": _ord, "chr": _chr, "bytes": _bytes}


# ---------------------------------------------------------------- f-strings


def fstring(lw: LowerContext, node: ast.JoinedStr) -> ir.Expr:
    if any(isinstance(v, ast.FormattedValue) and (v.conversion != -1 or v.format_spec is not None
                                                   or isinstance(lw.peek(v.value), ObjT)) for v in node.values):
        return object_fstring(lw, node)
    parts: list[ir.Expr] = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(constant(value.value, value))
            continue
        assert isinstance(value, ast.FormattedValue)
        if value.conversion != -1 or value.format_spec is not None:
            raise reject(node, "f-string", "conversions (!r) and format specs (:...) in f-strings are not translated",
                         "write f\"{x}\" and format the value separately")
        inner = lw.expr(value.value)
        if isinstance(inner.type, UnknownT):
            return lw.unknown(value, "an f-string value")
        parts.append(to_str(lw, inner, value, "an f-string"))
    if len(parts) == 1 and isinstance(parts[0].type, StrT) and not isinstance(parts[0], ir.Name):
        return parts[0]
    return ir.Intrinsic("str.format", tuple(parts), STR)


#: FormattedValue.conversion -> the conversion FORMAT_VALUE applies
CONVERSIONS = {-1: "", ord("s"): "s", ord("r"): "r", ord("a"): "a"}


def object_fstring(lw: LowerContext, node: ast.JoinedStr) -> ir.Expr:
    """An f-string with conversions, format specs or object values: CPython's own
    FORMAT_VALUE and BUILD_STRING on the values (a str object)."""
    parts: list[ir.Expr] = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(lw.box(constant(value.value, value), value))
            continue
        assert isinstance(value, ast.FormattedValue)
        inner = lw.expr(value.value)
        if isinstance(inner.type, UnknownT):
            return lw.unknown(value, "an f-string value")
        spec = object_fstring(lw, value.format_spec) if isinstance(value.format_spec, ast.JoinedStr) else None
        if isinstance(spec, ir.Const):  # unknown in this inference round
            return spec
        parts.append(obj.ObjFormat(lw.box(inner, value), CONVERSIONS[value.conversion], spec))
    return obj.ObjBuildString(tuple(parts))


# ---------------------------------------------------------------- methods

STR_METHODS_0 = {"lower": STR, "upper": STR, "isdigit": BOOL, "isalpha": BOOL, "isspace": BOOL, "isalnum": BOOL,
                 "title": STR, "capitalize": STR, "swapcase": STR, "isupper": BOOL, "islower": BOOL}
#: str methods whose keyword arguments are translated: method -> (parameter, default) in order
STR_KEYWORDS = {"split": (("sep", None), ("maxsplit", -1)), "rsplit": (("sep", None), ("maxsplit", -1)),
                "splitlines": (("keepends", False),)}


def keyword_arguments(func: ast.Attribute, node: ast.Call) -> list[ast.expr]:
    """The arguments of `s.split(",", maxsplit=1)` in parameter order (a parameter left out
    before a given one takes its default, a constant); keywords written in another order
    than the parameters' are rejected (they are evaluated as written)."""
    params = STR_KEYWORDS.get(func.attr)
    names = [p for p, _ in params] if params else []
    given = [k.arg for k in node.keywords]
    if params is None or any(k not in names[len(node.args):] for k in given) or \
            given != sorted(given, key=names.index):
        raise reject(node, f".{func.attr}()", f"str.{func.attr}() with these keyword arguments is not translated")
    values = {k.arg: k.value for k in node.keywords}
    last = max(names.index(k) for k in given)
    return list(node.args) + [values.get(p, ast.Constant(d)) for p, d in params[len(node.args):last + 1]]
#: methods of one str argument returning an int: method -> intrinsic
STR_SEARCH = {"find": "str.find", "rfind": "str.rfind", "index": "str.index_of", "count": "str.count"}


def _str_method(lw: LowerContext, receiver: ir.Expr, func: ast.Attribute, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
    name = func.attr
    if any(isinstance(a.type, UnknownT) for a in args):
        return lw.unknown(node, f"the arguments of str.{name}()")
    types = [a.type for a in args]
    strs = all(isinstance(t, StrT) for t in types)
    if name in STR_METHODS_0 and not args:
        return ir.Intrinsic(f"str.{name}", (receiver,), STR_METHODS_0[name])
    if name == "split" and len(args) <= 2:
        sep = args[0] if args and not _is_none(args[0]) else None
        if sep is not None and not isinstance(sep.type, StrT):
            raise reject(node, ".split()", f"str.split() with a {sep.type} separator is not translated")
        if len(args) == 2:  # s.split(sep, maxsplit)
            maxsplit = _index_arg(lw, args[1], node, "split")
            return ir.Intrinsic("str.split", (receiver, sep or args[0], maxsplit), ListT(STR))
        return ir.Intrinsic("str.split", (receiver, *([sep] if sep is not None else [])), ListT(STR))
    if name in ("rsplit", "partition", "rpartition", "splitlines", "center", "ljust", "rjust", "zfill",
                "removeprefix", "removesuffix"):
        return _layout_method(lw, name, receiver, args, node)
    if name in ("strip", "lstrip", "rstrip") and len(args) <= 1:
        if args and isinstance(args[0], ir.Const) and args[0].value is None:
            args = []
        if args and not strs:
            raise reject(node, f".{name}()", f"str.{name}() of a {types[0]} is not translated")
        return ir.Intrinsic(f"str.{name}", (receiver, *args), STR)
    if name in ("startswith", "endswith") and len(args) == 1 and strs:
        return ir.Intrinsic(f"str.{name}", (receiver, args[0]), BOOL)
    if name in STR_SEARCH and 1 <= len(args) <= 3 and isinstance(types[0], StrT):
        # s.find(sub[, start[, end]]): the bounds are ints or None, clipped as slices are
        bounds = [a if _is_none(a) else _index_arg(lw, a, node, name) for a in args[1:]]
        return ir.Intrinsic(STR_SEARCH[name], (receiver, args[0], *bounds), INT)
    if name == "replace" and len(args) == 2 and strs:
        return ir.Intrinsic("str.replace", (receiver, *args), STR)
    if name == "join" and len(args) == 1:
        if isinstance(types[0], ListT) and isinstance(types[0].item, StrT):
            return ir.Intrinsic("str.join", (receiver, args[0]), STR)
        if isinstance(types[0], ListT) and isinstance(types[0].item, UnknownT):
            return lw.unknown(node, "the items joined")
        raise reject(node, ".join()", f"str.join() of a {types[0]} is not translated", "join a list[str]")
    if name == "encode" and _utf8_only(args):
        return ir.Intrinsic("str.encode", (receiver,), BYTES)
    raise reject(node, f".{name}()", f"str.{name}() with these arguments is not translated",
                 "translated: split/rsplit (sep, maxsplit), partition/rpartition, splitlines, strip/lstrip/rstrip, "
                 "startswith, endswith, join, replace, find/rfind/index/count (sub, start, end), lower, upper, title, "
                 "capitalize, swapcase, center/ljust/rjust, zfill, removeprefix/removesuffix, isdigit, isalpha, "
                 "isalnum, isspace, isupper, islower, encode")


def _layout_method(lw: LowerContext, name: str, receiver: ir.Expr, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
    """rsplit, partition/rpartition, splitlines, center/ljust/rjust, zfill, removeprefix/suffix
    (runtime/src/text_layout.rs)."""
    types = [a.type for a in args]
    if name == "rsplit" and len(args) <= 2:
        sep = args[0] if args else ir.Const(None, NONE)
        if not (_is_none(sep) or isinstance(sep.type, StrT)):
            raise reject(node, ".rsplit()", f"str.rsplit() with a {sep.type} separator is not translated")
        maxsplit = _index_arg(lw, args[1], node, name) if len(args) == 2 else ir.Const(-1, INT)
        return ir.Intrinsic("str.rsplit", (receiver, sep, maxsplit), ListT(STR))
    if name in ("partition", "rpartition") and len(args) == 1 and isinstance(types[0], StrT):
        return ir.Intrinsic(f"str.{name}", (receiver, args[0]), TupleT((STR, STR, STR)))
    if name == "splitlines" and len(args) <= 1:
        keepends = lw.truthy(args[0]) if args else ir.Const(False, BOOL)
        return ir.Intrinsic("str.splitlines", (receiver, keepends), ListT(STR))
    if name in ("center", "ljust", "rjust") and len(args) in (1, 2) and all(isinstance(t, StrT) for t in types[1:]):
        return ir.Intrinsic(f"str.{name}", (receiver, _index_arg(lw, args[0], node, name), *args[1:]), STR)
    if name == "zfill" and len(args) == 1:
        return ir.Intrinsic("str.zfill", (receiver, _index_arg(lw, args[0], node, name)), STR)
    if name in ("removeprefix", "removesuffix") and len(args) == 1 and isinstance(types[0], StrT):
        return ir.Intrinsic(f"str.{name}", (receiver, args[0]), STR)
    raise reject(node, f".{name}()", f"str.{name}() with these arguments is not translated")


def _is_none(e: ir.Expr) -> bool:
    return isinstance(e, ir.Const) and e.value is None


def _index_arg(lw: LowerContext, e: ir.Expr, node: ast.AST, method: str) -> ir.Expr:
    """An int argument of a str method (a bool is an int; anything else is a TypeError)."""
    e = lw.to_int(e)
    if not isinstance(e.type, IntT):
        raise reject(node, f".{method}()", f"str.{method}() with a {e.type} bound is not translated")
    return e


def _utf8_only(args: list[ir.Expr]) -> bool:
    if not args:
        return True
    return len(args) == 1 and isinstance(args[0], ir.Const) and isinstance(args[0].value, str) \
        and args[0].value.lower().replace("-", "").replace("_", "") == "utf8"  # type: ignore[union-attr]


def _bytes_method(lw: LowerContext, receiver: ir.Expr, func: ast.Attribute, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
    if func.attr == "decode" and _utf8_only(args):
        return ir.Intrinsic("bytes.decode", (receiver,), STR)
    raise reject(node, f".{func.attr}()", f"bytes.{func.attr}() with these arguments is not translated",
                 "translated: decode() (UTF-8)")


#: receiver type class -> method rule (assembled by builtins_table.py)
METHODS = {StrT: _str_method, BytesT: _bytes_method}

__all__ = ["binop", "compare", "subscript", "slice_", "as_list", "fstring", "constant", "parse_number", "is_text",
           "NONE"]

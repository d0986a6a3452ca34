"""Typing rules for dicts, sets and `T | None` values (part of lowering).

Representations (see ir/rtypes.py and runtime/src/dict.rs):
- `dict[K, V]` is an `indexmap::IndexMap<K, V>`: insertion order kept, deletion by
  `shift_remove` (the order of the other keys is kept, as in CPython). Keys are ints,
  or tuples of them (Rust's hash and equality agree with Python's on those); float,
  bool and str keys are rejected (`1 == 1.0 == True`, `-0.0 == 0.0` and NaN would need
  Python's hash rules).
- `set[T]` is an `indexmap::IndexSet<T>`. CPython iterates a set in hash-table order,
  which this translation does not reproduce: iterating a set is rejected, as is a set
  parameter the function changes (writing it back would change its order).
- `T | None` is an `Option<T>`.

`.keys()`, `.values()` and `.items()` are translated where they are iterated (a for
loop, a comprehension, `list()`, `sorted()`): there they are a snapshot of the dict,
and changing the dict while iterating it is rejected (CPython raises RuntimeError).
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from rustify.translate import builtins as bi
from rustify.translate import builtins_str as bi_str
from rustify.translate.errors import KeepAsObjects, reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, INT, NONE, UNKNOWN, DictT, IntT, ListT, NoneT, OptionalT, RType, SetT, TupleT, UnknownT, contains_list,
    is_known, join,
)
from rustify.translate.ir.rtypes import BytesT, ObjT, StrT

if TYPE_CHECKING:
    from rustify.translate.lower_context import LowerContext

VIEWS = ("keys", "values", "items")
DICT_MUTATORS = {"setdefault", "pop", "update", "clear", "popitem"}
SET_MUTATORS = {"add", "discard", "clear", "remove", "update", "pop"}


def hashable(t: RType) -> bool:
    """Key types whose Rust hash and equality are Python's."""
    if isinstance(t, (IntT, StrT, BytesT)):  # rt::Str / rt::Bytes: Hash and Eq by code point / byte
        return True
    if isinstance(t, TupleT):
        return bool(t.items) and all(hashable(i) for i in t.items)
    return isinstance(t, UnknownT)


def container_rtype(t, rtype_of) -> RType | None:
    from rustify import pytypes

    if isinstance(t, pytypes.DictT):
        k, v = rtype_of(t.key), rtype_of(t.value)
        if k is None or v is None or not hashable(k) or isinstance(v, NoneT):
            return None
        return DictT(k, v)
    if isinstance(t, pytypes.SetT) and not t.frozen:
        item = rtype_of(t.item)
        return SetT(item) if item is not None and hashable(item) else None
    return None


def is_mutable_container(t: RType) -> bool:
    return isinstance(t, (DictT, SetT))


def check_write_back(arg: ast.arg, t: RType) -> None:
    """A dict parameter changed in place is written back into the caller's dict: only
    when its values are immutable (a list value would be replaced by a new list)."""
    if isinstance(t, SetT):
        raise reject(arg, "set parameter", f"`{arg.arg}` is a set the function changes: writing it back "
                     "would change CPython's iteration order", "build and return a new set")
    if isinstance(t, DictT) and (contains_list(t.value) or isinstance(t.value, (DictT, SetT))):
        raise reject(arg, "dict parameter", f"`{arg.arg}` is a dict of mutable values the function changes",
                     "return a new dict instead")


def coerce_container(lw: LowerContext, expr: ir.Expr, to: RType, node: ast.AST) -> ir.Expr | None:
    """`lw.coerce` for dict, set and Optional targets (None: no rule applies)."""
    t = expr.type
    if isinstance(to, OptionalT):
        if isinstance(t, NoneT):
            return ir.Convert(expr, to)
        if isinstance(t, OptionalT):
            return expr if t == to else None
        inner = lw.coerce(expr, to.item, node)
        return ir.Convert(inner, to) if inner.type == to.item else None
    if isinstance(to, DictT) and isinstance(t, DictT):
        if isinstance(expr, ir.Intrinsic) and expr.name in ("dict.new", "dict.lit"):
            args = []
            for k in range(0, len(expr.args), 2):
                args += [lw.coerce(expr.args[k], to.key, node), lw.coerce(expr.args[k + 1], to.value, node)]
            return ir.Intrinsic(expr.name, tuple(args), to)
        if not is_known(t) and join(t, to) == to:
            return ir.Intrinsic("dict.retype", (expr,), to)
    if isinstance(to, SetT) and isinstance(t, SetT):
        if isinstance(expr, ir.Intrinsic) and expr.name in ("set.new", "set.lit"):
            return ir.Intrinsic(expr.name, tuple(lw.coerce(a, to.item, node) for a in expr.args), to)
        if not is_known(t) and join(t, to) == to:
            return ir.Intrinsic("set.retype", (expr,), to)
    return None


def holds_mutable(t: RType) -> bool:
    return contains_list(t) or isinstance(t, (DictT, SetT))


def check_stored(lw: LowerContext, value: ir.Expr, node: ast.AST) -> None:
    """A list stored into a dict is shared with whoever else holds it in CPython, copied
    here: only new lists (literals, comprehensions, results of calls) may be stored."""
    from rustify.translate.passes.check_aliasing import is_fresh

    if lw.final and holds_mutable(value.type) and not is_fresh(value, True):
        raise reject(node, "dict value", f"stores a {value.type} that another variable may hold into a dict",
                     "store a copy: `list(x)`")


def key_arg(lw: LowerContext, d: RType, key: ir.Expr, node: ast.AST, holder: ir.Expr | None = None) -> ir.Expr:
    """The key of a lookup, converted to the dict's key type (or rejected). A Python object
    as the key of a dict or set variable (`holder`) makes that variable an object."""
    kt = d.key if isinstance(d, DictT) else d.item  # type: ignore[attr-defined]
    if isinstance(key.type, ObjT) and isinstance(holder, ir.Name):
        raise KeepAsObjects(reject(node, "dict key", "a Python object as a key").rejection, (holder.name,))
    if isinstance(key.type, UnknownT) or isinstance(kt, UnknownT):
        return key
    if not hashable(key.type) and not lw.final:
        return ir.Const(None, UNKNOWN)  # not settled yet (a variable still None in this round)
    if not hashable(key.type):
        raise reject(node, "dict key", f"a {key.type} key is not translated", "use int or tuple-of-int or str keys")
    if key.type != kt:
        joined = join(key.type, kt)
        if joined != kt:
            raise reject(node, "dict key", f"looking up a {key.type} in a container of {kt} keys")
        return lw.coerce(key, kt, node)
    return key


def receiver_place(lw: LowerContext, func: ast.Attribute, node: ast.AST) -> None:
    """Mark the receiver of a mutating method as changed in place."""
    if not isinstance(func.value, ast.Name):
        raise reject(node, f".{func.attr}()", "changing a dict or set that is not a variable is not translated")
    from rustify.translate.lower_support import root_name

    lw.mark_mutated(root_name(lw.place(func.value)), node)


def dict_method(lw: LowerContext, receiver: ir.Expr, func: ast.Attribute, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
    t = receiver.type
    assert isinstance(t, DictT)
    name = func.attr
    if any(isinstance(a.type, UnknownT) for a in args):
        return lw.unknown(node, f"the arguments of .{name}()")
    if name in DICT_MUTATORS:
        receiver_place(lw, func, node)
    if name in VIEWS and not args:
        if not lw.view_ok:
            raise reject(node, f".{name}()", f"dict.{name}() is translated only where it is iterated",
                         f"iterate it, or use list(d.{name}())")
        item = {"keys": t.key, "values": t.value, "items": TupleT((t.key, t.value))}[name]
        return ir.Intrinsic(f"dict.{name}", (receiver,), ListT(item))
    if name == "get" and len(args) in (1, 2):
        key = key_arg(lw, t, args[0], node, receiver)
        if len(args) == 1:
            if isinstance(t.value, UnknownT):
                return lw.unknown(node, "the values of the dict")
            result = OptionalT(t.value)
            return ir.Intrinsic("dict.get", (receiver, key), result)
        default = args[1]
        result_t = join(t.value, default.type)
        if result_t is None or isinstance(result_t, OptionalT):
            raise reject(node, ".get()", f".get() with a {default.type} default on a dict of {t.value}")
        return ir.Intrinsic("dict.get", (receiver, key, lw.coerce(default, result_t, node)), result_t)
    if name == "setdefault" and len(args) == 2:
        key = key_arg(lw, t, args[0], node, receiver)
        value = args[1]
        if isinstance(func.value, ast.Name):
            lw.record_assign(lw.renames.get(func.value.id, func.value.id), DictT(key.type, value.type), node)
        check_stored(lw, value, node)
        return ir.Intrinsic("dict.setdefault", (receiver, key, lw.coerce(value, t.value, node)), t.value)
    if name == "pop" and len(args) in (1, 2):
        key = key_arg(lw, t, args[0], node, receiver)
        if len(args) == 1:
            return ir.Intrinsic("dict.pop", (receiver, key), t.value)
        result_t = join(t.value, args[1].type)
        if result_t is None or isinstance(result_t, OptionalT):
            raise reject(node, ".pop()", f".pop() with a {args[1].type} default on a dict of {t.value}")
        return ir.Intrinsic("dict.pop", (receiver, key, lw.coerce(args[1], result_t, node)), result_t)
    if name == "update" and len(args) == 1 and isinstance(args[0].type, DictT):
        if holds_mutable(args[0].type.value):
            raise reject(node, ".update()", "update() with list values (CPython shares them between the dicts)")
        if isinstance(func.value, ast.Name):
            lw.record_assign(lw.renames.get(func.value.id, func.value.id), args[0].type, node)
        return ir.Intrinsic("dict.update", (receiver, lw.coerce(args[0], t, node)), NONE)
    if name == "clear" and not args:
        return ir.Intrinsic("dict.clear", (receiver,), NONE)
    if name == "copy" and not args:
        return ir.Intrinsic("dict.copy", (receiver,), t)
    raise reject(node, f".{name}()", f"dict.{name}() with these arguments is not translated")


def set_method(lw: LowerContext, receiver: ir.Expr, func: ast.Attribute, args: list[ir.Expr], node: ast.Call) -> ir.Expr:
    t = receiver.type
    assert isinstance(t, SetT)
    name = func.attr
    if name in SET_MUTATORS:
        receiver_place(lw, func, node)
    if any(isinstance(a.type, UnknownT) for a in args):
        return lw.unknown(node, f"the arguments of .{name}()")
    if name in ("add", "discard") and len(args) == 1:
        if name == "add" and isinstance(func.value, ast.Name):
            lw.record_assign(lw.renames.get(func.value.id, func.value.id), SetT(args[0].type), node)
        if not hashable(args[0].type):
            raise reject(node, f".{name}()", f"sets of {args[0].type} are not translated", "use ints or tuples of ints")
        return ir.Intrinsic(f"set.{name}", (receiver, key_arg(lw, t, args[0], node, receiver)), NONE)
    if name == "remove" and len(args) == 1:  # KeyError(x) when missing
        return ir.Intrinsic("set.remove", (receiver, key_arg(lw, t, args[0], node, receiver)), NONE)
    if name == "update" and args:  # s.update(xs, ys, ...): every item of each, in order
        out = []
        for arg in args:
            items = ir.Intrinsic("set.to_list", (arg,), ListT(arg.type.item)) if isinstance(arg.type, SetT) \
                else bi_str.as_list(arg) if bi_str.is_text(arg.type) else lw.as_list(arg, node)
            if not isinstance(items.type, ListT) or not hashable(items.type.item):
                raise reject(node, ".update()", f"set.update() with a {arg.type} is not translated")
            if isinstance(func.value, ast.Name):
                lw.record_assign(lw.renames.get(func.value.id, func.value.id), SetT(items.type.item), node)
            out.append(ir.Intrinsic("set.update", (receiver, lw.coerce(items, ListT(t.item), node)
                                                   if not isinstance(t.item, UnknownT) else items), NONE))
        return out[0] if len(out) == 1 else ir.Block(tuple(ir.ExprStmt(e) for e in out), ir.Const(None, NONE), NONE)
    if name == "clear" and not args:
        return ir.Intrinsic("set.clear", (receiver,), NONE)
    raise reject(node, f".{name}()", f"set.{name}() is not translated")


#: receiver type class -> method rule (assembled by builtins_table.py)
METHODS = {DictT: dict_method, SetT: set_method}

# ---------------------------------------------------------------- builtins on dicts and sets

_len_rule = bi.BASE_RULES["len"]
_list_rule = bi.BASE_RULES["list"]


def _len(lw: LowerContext, node: ast.Call) -> ir.Expr:
    if len(node.args) == 1 and not node.keywords:
        arg = with_views(lw, lw.expr, node.args[0])
        if isinstance(arg.type, (DictT, SetT)):
            return ir.Len(arg)
        if isinstance(arg, ir.Intrinsic) and arg.name in ("dict.keys", "dict.values", "dict.items"):
            return ir.Len(arg.args[0])  # len(d.items()) is len(d)
    return with_views(lw, _len_rule, lw, node)


def _viewing(rule):
    """sum(d.values()), any(...), all(...): the views are iterated there."""
    def wrapped(lw: LowerContext, node: ast.Call) -> ir.Expr:
        return with_views(lw, rule, lw, node)

    return wrapped


def with_views(lw: LowerContext, fn, *args):
    """Run `fn` where `.keys()`/`.values()`/`.items()` may be used (they are iterated), and
    where the value being lowered (`args[-1]`: an iterated expression, or a call whose
    arguments are consumed) is only read, never kept: `range(...)` may be a list there."""
    saved = lw.view_ok, lw.consumed
    lw.view_ok = True
    lw.consumed = args[-1] if args and isinstance(args[-1], ast.AST) else None
    try:
        return fn(*args)
    finally:
        lw.view_ok, lw.consumed = saved


def _list(lw: LowerContext, node: ast.Call) -> ir.Expr:
    if len(node.args) == 1 and not node.keywords:
        arg = with_views(lw, lw.expr, node.args[0])
        if isinstance(arg.type, DictT):
            return ir.Intrinsic("dict.keys", (arg,), ListT(arg.type.key))
        if isinstance(arg.type, ListT) and isinstance(arg, ir.Intrinsic) and arg.name.startswith("dict."):
            return arg  # a fresh snapshot list already
        if isinstance(arg.type, SetT):
            raise reject(node, "list", "list() of a set: CPython's set order is not reproduced")
        if isinstance(arg, ir.Intrinsic) and arg.name == "range.list":
            return arg  # a fresh list already
    return with_views(lw, _list_rule, lw, node)


def _set(lw: LowerContext, node: ast.Call) -> ir.Expr:
    if node.keywords or len(node.args) > 1:
        raise reject(node, "set", "set() or set(list) only")
    if not node.args:
        return ir.Intrinsic("set.new", (), SetT(UNKNOWN))
    arg = with_views(lw, lw.expr, node.args[0])
    arg = lw.as_list(arg, node)
    if isinstance(arg.type, UnknownT):
        return lw.unknown(node, "set()'s argument")
    if not isinstance(arg.type, ListT) or not hashable(arg.type.item):
        raise reject(node, "set", f"set() of a {arg.type} is not translated")
    return ir.Intrinsic("set.from_list", (arg,), SetT(arg.type.item))


def _dict(lw: LowerContext, node: ast.Call) -> ir.Expr:
    """`dict()`, `dict(d)` (a copy), `dict(pairs)` and `dict(zip(keys, values))`: the pairs
    in order, a later duplicate key keeping the first one's place with the last value."""
    if node.keywords or len(node.args) > 1:
        raise reject(node, "dict", "dict() with keywords is not translated")
    if not node.args:
        return ir.Intrinsic("dict.new", (), DictT(UNKNOWN, UNKNOWN))
    arg = node.args[0]
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id == "zip" \
            and lw.is_builtin("zip") and len(arg.args) == 2 and not arg.keywords:
        k, v = (ast.Name(f"__zip_{role}", ast.Load()) for role in ("key", "value"))
        target = ast.Tuple([ast.Name(k.id, ast.Store()), ast.Name(v.id, ast.Store())], ast.Store())
        pairs_node = ast.ListComp(ast.Tuple([k, v], ast.Load()), [ast.comprehension(target, arg, [], 0)])
        for n in ast.walk(pairs_node):
            if not hasattr(n, "lineno"):
                ast.copy_location(n, arg)
        pairs = lw.expr(pairs_node)
    else:
        pairs = with_views(lw, lw.expr, arg)
        if isinstance(pairs.type, DictT):
            return ir.Intrinsic("dict.copy", (pairs,), pairs.type)
        pairs = lw.as_list(pairs, node)
    t = pairs.type
    if isinstance(t, UnknownT) or isinstance(t, ListT) and isinstance(t.item, UnknownT):
        return lw.unknown(node, "dict()'s argument")
    if not (isinstance(t, ListT) and isinstance(t.item, TupleT) and len(t.item.items) == 2):
        raise reject(node, "dict", f"dict() of a {t} is not translated", "pass key/value pairs or zip(keys, values)")
    key, value = t.item.items
    if not hashable(key):
        raise reject(node, "dict key", f"{key} keys are not translated")
    if holds_mutable(value):
        raise reject(node, "dict value", "dict() with list values is not translated", "build the dict with a loop")
    return ir.Intrinsic("dict.from_pairs", (pairs,), DictT(key, value))




__all__ = ["container_rtype", "is_mutable_container", "check_write_back", "coerce_container", "hashable"]


# ---------------------------------------------------------------- sorted/max/min with key=

_sorted_rule = bi.BASE_RULES["sorted"]
_max_rule = bi.BASE_RULES["max"]
_min_rule = bi.BASE_RULES["min"]


def sort_key_ok(t: RType) -> bool:
    """Key types whose Rust order is CPython's `<` (a NaN anywhere deopts at run time)."""
    from rustify.translate.ir.rtypes import BoolT, FloatT, NumT

    if isinstance(t, (IntT, FloatT, NumT, BoolT, StrT)):
        return True
    return isinstance(t, TupleT) and 0 < len(t.items) <= 3 and all(isinstance(i, (IntT, FloatT, NumT, BoolT, StrT))
                                                                   for i in t.items)


def keyed(lw: LowerContext, node: ast.Call, what: str, set_ok: bool = False) -> ir.Expr:
    """`sorted(xs, key=f)`, `max(xs, key=f)`, `min(xs, key=f)` with `f` a one-parameter
    lambda, or `d.get` when iterating `d` itself. The keys are computed first, in order
    (as CPython does); the items are then ordered by them (stable; max/min keep the
    first extreme item)."""
    kws = {k.arg: k.value for k in node.keywords}
    if len(node.args) != 1 or set(kws) - ({"key", "reverse"} if what == "sorted" else {"key"}):
        raise reject(node, what, f"{what}(iterable, key=...) forms only")
    key = kws["key"]
    if set_ok:  # sorted(s), max(s), min(s): distinct items in a total order, so the set's order is not seen
        seq = lw.expr(node.args[0])
        if isinstance(seq.type, SetT):
            seq = ir.Intrinsic("set.to_list", (seq,), ListT(seq.type.item))
    else:
        seq = lw.iterable_expr(node.args[0], node)
    seq = lw.as_list(seq, node)
    if isinstance(seq.type, ObjT):  # any iterable object: its items, once, as a list (as sorted() takes them)
        item = "__keyed_item"
        comp = ast.ListComp(ast.Name(item, ast.Load()),
                            [ast.comprehension(ast.Name(item, ast.Store()), node.args[0], [], 0)])
        for n in ast.walk(comp):
            ast.copy_location(n, node.args[0]) if not hasattr(n, "lineno") else None
        seq = lw.expr(comp)
    if isinstance(seq.type, UnknownT):
        return lw.unknown(node, f"{what}()'s argument")
    if not isinstance(seq.type, ListT):
        raise reject(node, what, f"{what}() of a {seq.type} with a key is not translated")
    # a list variable is read where it is (a temp holding it would be a second name for a list
    # that may be changed elsewhere); any other expression is evaluated once into a temp
    tmp = seq.name if isinstance(seq, ir.Name) else lw.fresh("s", seq.type)
    if isinstance(key, ast.Lambda):
        a = key.args
        if len(a.args) != 1 or a.vararg or a.kwarg or a.kwonlyargs or a.defaults or a.posonlyargs:
            raise reject(key, "lambda", "key lambdas take exactly one parameter")
        target, body = ast.Name(a.args[0].arg, ast.Store()), key.body
    elif isinstance(key, ast.Attribute) and key.attr == "get" and isinstance(key.value, ast.Name) \
            and isinstance(node.args[0], ast.Name) and node.args[0].id == key.value.id:
        # max(d, key=d.get): every key looked up is in d, so d.get(k) is d[k]
        param = lw.fresh("key", UNKNOWN)
        lw.temps.pop(param)
        target = ast.Name(param, ast.Store())
        body = ast.Subscript(ast.Name(key.value.id, ast.Load()), ast.Name(param, ast.Load()), ast.Load())
    elif named_key(lw, key) is not None:  # key=len, key=abs, key=str.lower, key=a module function
        param = lw.fresh("key", UNKNOWN)
        lw.temps.pop(param)
        target = ast.Name(param, ast.Store())
        body = named_key(lw, key)(ast.Name(param, ast.Load()))  # type: ignore[misc]
    else:
        raise reject(key, "key function", "key= must be a lambda, a builtin (len, abs, str.lower, ...), a module "
                     "function, or d.get when iterating d")
    comp = ast.ListComp(body, [ast.comprehension(target, ast.Name(tmp, ast.Load()), [], 0)])
    ast.copy_location(comp, node)
    for n in ast.walk(comp):
        ast.copy_location(n, key) if not hasattr(n, "lineno") else None
    if not isinstance(seq, ir.Name):
        lw.locals.add(tmp)
    keys = lw.expr(comp)
    key_t = keys.type.item if isinstance(keys.type, ListT) else UNKNOWN
    items = ir.Name(tmp, seq.type)
    pre = () if isinstance(seq, ir.Name) else (ir.Assign(ir.NamePlace(tmp, seq.type), seq),)
    if not is_known(key_t):
        return lw.unknown(node, f"the keys of {what}()")
    if isinstance(key_t, ObjT) and what != "sorted" and isinstance(key, ast.Lambda):
        return keyed_objects(lw, node, what, key, seq)
    if isinstance(key_t, ObjT) and what == "sorted":
        # the keys computed in order, then CPython's own sort orders the items by them
        reverse_obj: ir.Expr = ir.Const(False, BOOL)
        if "reverse" in kws:
            reverse_obj = lw.truthy(lw.expr(kws["reverse"]))
        items_obj = ir.Name(tmp, seq.type)
        value = ir.Intrinsic("sorted.by_object_keys", (items_obj, keys, reverse_obj), ObjT())
        return ir.Block(pre, value, value.type)
    if not sort_key_ok(key_t):
        raise reject(key, "key function", f"{what}() by {key_t} keys is not translated", "use int or float keys")
    if what == "sorted":
        reverse: ir.Expr = ir.Const(False, BOOL)
        if "reverse" in kws:
            reverse = lw.truthy(lw.expr(kws["reverse"]))
        value = ir.Intrinsic("sorted.keyed", (items, keys, reverse), seq.type)
    else:
        value = ir.Intrinsic(f"{what}.keyed", (items, keys), seq.type.item)
    return ir.Block(pre, value, value.type)


#: builtins of one argument usable as key= (`key=len`), and the str methods (`key=str.lower`)
KEY_BUILTINS = frozenset({"len", "abs", "str", "int", "float", "round", "ord", "bool", "sum", "min", "max", "tuple"})
KEY_STR_METHODS = frozenset({"lower", "upper", "strip", "casefold", "title", "swapcase", "lstrip", "rstrip"})


def named_key(lw: LowerContext, key: ast.expr):
    """For `key=len` (a builtin nothing shadows), `key=str.lower`, or `key=f` (a function of
    the module): the call it stands for, given the item's AST; else None."""
    if isinstance(key, ast.Name) and key.id in KEY_BUILTINS and lw.is_builtin(key.id) or \
            isinstance(key, ast.Name) and key.id in lw.info.functions and key.id not in lw.locals:
        return lambda item: ast.Call(ast.Name(key.id, ast.Load()), [item], [])
    if isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and key.value.id == "str" \
            and lw.is_builtin("str") and key.attr in KEY_STR_METHODS:
        return lambda item: ast.Call(ast.Attribute(item, key.attr, ast.Load()), [], [])
    return None


def default_extreme(lw: LowerContext, node: ast.Call, what: str) -> ir.Expr:
    """`max(xs, default=d)` / `min(xs, key=f, default=d)`: the items as a list and `d`
    evaluated first (as the call's arguments), then the extreme of the items, or `d` when
    there are none."""
    if len(node.args) != 1:
        raise reject(node, what, f"{what}() with default= takes one iterable")
    seq = lw.as_list(with_views(lw, lw.iterable_expr, node.args[0], node), node)
    if isinstance(seq.type, SetT):
        seq = ir.Intrinsic("set.to_list", (seq,), ListT(seq.type.item))
    kws = {k.arg: k.value for k in node.keywords}
    default = lw.expr(kws["default"])
    if isinstance(seq.type, UnknownT) or isinstance(default.type, UnknownT):
        return lw.unknown(node, f"the arguments of {what}()")
    if not isinstance(seq.type, ListT):
        raise reject(node, what, f"{what}() of a {seq.type} with default= is not translated")
    tmp_s, tmp_d = lw.fresh("s", seq.type), lw.fresh("d", default.type)
    lw.locals.update((tmp_s, tmp_d))
    pre = (ir.Assign(ir.NamePlace(tmp_s, seq.type), seq), ir.Assign(ir.NamePlace(tmp_d, default.type), default))
    call = ast.Call(ast.Name(what, ast.Load()), [ast.Name(tmp_s, ast.Load())],
                    [k for k in node.keywords if k.arg != "default"])
    choice = ast.IfExp(ast.Name(tmp_s, ast.Load()), call, ast.Name(tmp_d, ast.Load()))
    for n in ast.walk(choice):
        ast.copy_location(n, node) if not hasattr(n, "lineno") else None
    value = lw.expr(choice)
    if isinstance(value.type, UnknownT):
        return lw.unknown(node, f"the value of {what}()")
    return ir.Block(pre, value, value.type)


def keyed_objects(lw: LowerContext, node: ast.Call, what: str, key: ast.Lambda, seq: ir.Expr) -> ir.Expr:
    """`max(xs, key=lambda p: p.x)` with object keys, as bltinmodule.c min_max runs it:
    each item's key, then its comparison with the best so far (`>` for max, `<` for min),
    before the next key; ValueError for no items."""
    n = node.lineno * 1000 + node.col_offset
    item, k, best, best_key, first = (f"__{what}_{role}_{n}" for role in ("item", "key", "best", "bkey", "first"))

    class Rename(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.Name:
            return ast.Name(item, name.ctx) if name.id == key.args.args[0].arg else name

        def visit_Lambda(self, inner: ast.Lambda) -> ast.Lambda:
            return inner  # (a nested lambda has its own parameters)

    body = Rename().visit(ast.parse(ast.unparse(key.body), mode="eval").body)
    op = ">" if what == "max" else "<"
    source = (f"{first} = True\n"
              f"for {item} in __SEQ__:\n"
              f"    {k} = __KEY__\n"
              f"    if {first}:\n        {best} = {item}\n        {best_key} = {k}\n        {first} = False\n"
              f"    elif {k} {op} {best_key}:\n        {best} = {item}\n        {best_key} = {k}\n"
              f"if {first}:\n    raise ValueError('{what}() arg is an empty sequence')\n")
    tree = ast.parse(source)
    seq_name = lw.fresh("s", seq.type)

    class Fill(ast.NodeTransformer):
        def visit_Name(self, name: ast.Name) -> ast.AST:
            if name.id == "__SEQ__":
                return ast.Name(seq_name, ast.Load())
            if name.id == "__KEY__":
                return body
            return name

    stmts = [Fill().visit(s) for s in tree.body]
    for s in stmts:
        for sub in ast.walk(s):
            ast.copy_location(sub, node)
    for name in (item, k, best, best_key, first):
        lw.locals.add(name)
    lowered = [ir.Assign(ir.NamePlace(seq_name, seq.type), seq)] + lw.block(stmts)
    t = lw.var_type(best)
    return ir.Block(tuple(lowered), ir.Name(best, t), t)


def _with_key(what: str, rule):
    def wrapped(lw: LowerContext, node: ast.Call) -> ir.Expr:
        if what != "sorted" and any(k.arg == "default" for k in node.keywords):
            return default_extreme(lw, node, what)
        if any(k.arg == "key" for k in node.keywords):
            return keyed(lw, node, what)
        if len(node.args) == 1 and not node.keywords or what == "sorted" and len(node.args) == 1:
            arg = with_views(lw, lw.expr, node.args[0])
            if isinstance(arg.type, (DictT, SetT)) or isinstance(arg, ir.Intrinsic) and arg.name in (
                    "dict.keys", "dict.values", "dict.items"):
                return keyed_plain(lw, node, what, arg)
        return with_views(lw, rule, lw, node)

    return wrapped


def keyed_plain(lw: LowerContext, node: ast.Call, what: str, arg: ir.Expr) -> ir.Expr:
    """`sorted(d)`, `max(d.values())`, ...: the same as with `key=lambda x: x`."""
    node2 = ast.Call(node.func, node.args, node.keywords + [ast.keyword(
        "key", ast.Lambda(ast.arguments([], [ast.arg("_x")], None, [], [], None, []), ast.Name("_x", ast.Load())))])
    ast.copy_location(node2, node)
    for n in ast.walk(node2):
        if not hasattr(n, "lineno"):
            ast.copy_location(n, node)
    return keyed(lw, node2, what, set_ok=isinstance(arg.type, SetT))


#: builtins on dicts and sets, and `key=`: each wraps the base rule of the same name
#: (assembled by builtins_table.py)
RULES = {
    "len": _len, "list": _list, "set": _set, "dict": _dict,
    **{name: _viewing(bi.BASE_RULES[name]) for name in ("sum", "any", "all")},
    "sorted": _with_key("sorted", _sorted_rule), "max": _with_key("max", _max_rule),
    "min": _with_key("min", _min_rule),
}

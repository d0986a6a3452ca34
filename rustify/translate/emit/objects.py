"""Rust for the object tier's nodes (ir/nodes_obj.py): one runtime call each (obj.rs).

Operands are passed by reference (`&Obj`), so reading a variable costs no reference
count. Where CPython evaluates an operand before another that Rust would evaluate first
(the value of `o.a = v` and `o[k] = v`, the item of `x in c`), it goes into a local first.
Attribute, global and keyword names are statics of the function, interned once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.emit.rust_syntax import rust_type
from rustify.translate.ir import nodes as ir
from rustify.translate.ir import nodes_obj as obj
from rustify.translate.ir.rtypes import BoolT, FloatT, IntT, NoneT, NumT, StrT

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter

BINOPS = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "TrueDiv", "floordiv": "FloorDiv", "mod": "Mod",
          "pow": "Pow", "lshift": "LShift", "rshift": "RShift", "bitand": "And", "bitor": "Or", "bitxor": "Xor",
          "matmul": "MatMul"}
UNOPS = {"neg": "Neg", "pos": "Pos", "invert": "Invert"}
CMPOPS = {"lt": "Lt", "le": "Le", "eq": "Eq", "ne": "Ne", "gt": "Gt", "ge": "Ge"}


def _args(em: FunctionEmitter, args: tuple[ir.Expr, ...]) -> str:
    return f"&[{', '.join(em.borrow(a) for a in args)}]"


def e_global(em: FunctionEmitter, e: obj.ObjGlobal) -> str:
    return f"rt::val_load_global(&{em.module_globals()}, &{em.interned(e.name)}, &{em.site('GlobalSite')})?"


def e_store_global(em: FunctionEmitter, e: obj.ObjStoreGlobal) -> str:
    return f"rt::val_store_global(&{em.module_globals()}, &{em.interned(e.name)}, {em.borrow(e.value)})?"


def e_attr(em: FunctionEmitter, e: obj.ObjAttr) -> str:
    return f"rt::val_getattr_at({em.borrow(e.obj)}, &{em.interned(e.attr)}, &{em.site('AttrSite')})?"


def e_setattr(em: FunctionEmitter, e: obj.ObjSetAttr) -> str:
    tmp = em.fresh()  # STORE_ATTR: the value is computed before the object is loaded
    site = em.site("AttrSite")
    return f"{{ let {tmp} = {em.value(e.value)}; rt::val_setattr_at({em.borrow(e.obj)}, &{em.interned(e.attr)}, &{tmp}, &{site})? }}"


def e_call(em: FunctionEmitter, e: obj.ObjCall) -> str:
    if e.kwnames:
        return f"rt::val_call_kw({em.borrow(e.func)}, {_args(em, e.args)}, &{em.kwnames(e.kwnames)})?"
    return f"rt::val_call({em.borrow(e.func)}, {_args(em, e.args)})?"


def e_call_ex(em: FunctionEmitter, e: obj.ObjCallEx) -> str:
    """CALL_FUNCTION_EX: each part merged as soon as it is evaluated (a `*` iterable is
    iterated, a `**` mapping merged, before the next part runs), as CPython does."""
    tmp = em.fresh()
    steps = [f"let mut {tmp} = rt::CallEx::new({em.borrow(e.func)})?;"]
    only_star = [h for h in e.how if h in ("", "*")] == ["*"]  # `f(*xs, ...)`: xs itself, made a tuple last
    for part, how in zip(e.parts, e.how):
        value = em.borrow(part)
        if how == "":
            steps.append(f"{tmp}.arg({value})?;")
        elif how == "*":
            steps.append(f"{tmp}.{'star_only' if only_star else 'star'}({value})?;")
        elif how == "**":
            steps.append(f"{tmp}.star_star({value})?;")
        else:
            steps.append(f"{tmp}.named(&{em.interned(how)}, {value})?;")
    return f"{{ {' '.join(steps)} {tmp}.call()? }}"


#: methods with a fast path for the exact builtin type (runtime val.rs `val_method_<name>`)
FAST_METHODS = frozenset({"get", "append", "add", "remove", "discard", "pop"})


def e_method(em: FunctionEmitter, e: obj.ObjMethod) -> str:
    if e.method in FAST_METHODS and not e.kwnames:
        return f"rt::val_method_{e.method}({em.borrow(e.obj)}, &{em.interned(e.method)}, {_args(em, e.args)})?"
    kw = f"Some(&{em.kwnames(e.kwnames)})" if e.kwnames else "None"
    return f"rt::val_call_method({em.borrow(e.obj)}, &{em.interned(e.method)}, {_args(em, e.args)}, {kw})?"


def e_binop(em: FunctionEmitter, e: obj.ObjBinOp) -> str:
    inplace = "true" if e.inplace else "false"
    return f"rt::val_binop({em.borrow(e.left)}, {em.borrow(e.right)}, rt::BinOp::{BINOPS[e.op]}, {inplace})?"


def e_unary(em: FunctionEmitter, e: obj.ObjUnary) -> str:
    return f"rt::val_unary({em.borrow(e.operand)}, rt::UnOp::{UNOPS[e.op]})?"


def e_compare(em: FunctionEmitter, e: obj.ObjCompare) -> str:
    return f"rt::val_compare({em.borrow(e.left)}, {em.borrow(e.right)}, rt::CmpOp::{CMPOPS[e.op]})?"


def compare_truth(em: FunctionEmitter, e: obj.ObjCompare) -> str:
    """`if a < b:`: the comparison's truth, without making the bool object."""
    return f"rt::val_compare_truth({em.borrow(e.left)}, {em.borrow(e.right)}, rt::CmpOp::{CMPOPS[e.op]})?"


def truthy(em: FunctionEmitter, operand: ir.Expr) -> str:
    if isinstance(operand, obj.ObjCompare):
        return compare_truth(em, operand)
    return f"rt::val_truthy({em.borrow(operand)})?"


def e_is(em: FunctionEmitter, e: obj.ObjIs) -> str:
    return f"rt::val_is({em.borrow(e.left)}, {em.borrow(e.right)})?"


def e_getitem(em: FunctionEmitter, e: obj.ObjGetItem) -> str:
    return f"rt::val_getitem({em.borrow(e.obj)}, {em.borrow(e.key)})?"


def e_getslice(em: FunctionEmitter, e: obj.ObjGetSlice) -> str:
    return (f"rt::val_getslice({em.borrow(e.obj)}, {em.borrow(e.lower)}, {em.borrow(e.upper)}, "
            f"{em.borrow(e.step)})?")


def e_setitem(em: FunctionEmitter, e: obj.ObjSetItem) -> str:
    tmp = em.fresh()  # STORE_SUBSCR: value, then container, then key
    return f"{{ let {tmp} = {em.value(e.value)}; rt::val_setitem({em.borrow(e.obj)}, {em.borrow(e.key)}, &{tmp})? }}"


def e_contains(em: FunctionEmitter, e: obj.ObjContains) -> str:
    tmp = em.fresh()  # CONTAINS_OP: the item is evaluated first
    return f"{{ let {tmp} = {em.value(e.item)}; rt::val_contains({em.borrow(e.container)}, &{tmp})? }}"


def e_iter(em: FunctionEmitter, e: obj.ObjIter) -> str:
    return f"rt::val_iter({em.borrow(e.obj)})?"


def e_next(em: FunctionEmitter, e: obj.ObjNext) -> str:
    return f"rt::val_next({em.borrow(e.iterator)})?"


def e_exhausted(em: FunctionEmitter, e: obj.ObjExhausted) -> str:
    return f"rt::val_is_end({em.borrow(e.item)})"


def e_format(em: FunctionEmitter, e: obj.ObjFormat) -> str:
    conversion = f"b'{e.conversion}'" if e.conversion else "0"
    spec = f"Some({em.borrow(e.spec)})" if e.spec is not None else "None"
    return f"rt::val_format({em.borrow(e.value)}, {conversion}, {spec})?"


def e_build_string(em: FunctionEmitter, e: obj.ObjBuildString) -> str:
    return f"rt::val_build_string({_args(em, e.parts)})?"


def e_raise(em: FunctionEmitter, e: obj.ObjRaise) -> str:
    cause = f"Some({em.borrow(e.cause)})" if e.cause is not None else "None"
    return f"rt::val_raise({em.borrow(e.exc)}, {cause})?"


def e_build(em: FunctionEmitter, e: obj.ObjBuild) -> str:
    return f"rt::val_build_{e.kind}({_args(em, e.items)})?"


def e_unpack(em: FunctionEmitter, e: obj.ObjUnpack) -> str:
    names = [em.fresh() for _ in e.type.items]  # type: ignore[attr-defined]
    return (f"{{ let [{', '.join(names)}] = rt::val_unpack::<{len(names)}>({em.borrow(e.value)})?; "
            f"({', '.join(names)},) }}")


def e_box(em: FunctionEmitter, e: obj.Box) -> str:
    """Numbers stay unboxed (`Val::int`/`Val::float`, an object only when needed)."""
    t = e.value.type
    if isinstance(t, NoneT):
        if isinstance(e.value, ir.Const):
            return "rt::Val::none()"
        return f"{{ let _ = {em.value(e.value)}; rt::Val::none() }}"
    if isinstance(t, BoolT):
        return f"rt::Val::boolean({em.value(e.value)})"
    if isinstance(t, StrT) and isinstance(e.value, ir.Const):  # a str constant: one object, made once
        return f"rt::val_const(&{em.interned(str(e.value.value))})"
    if isinstance(t, IntT):
        return f"rt::Val::int({em.value(e.value)})?"
    if isinstance(t, FloatT):
        return f"rt::Val::float({em.value(e.value)})?"
    if isinstance(t, NumT):
        return f"rt::Val::num({em.value(e.value)})?"
    return f"rt::Val::boxed::<{rust_type(t)}>({em.borrow(e.value)})?"


def e_unbox(em: FunctionEmitter, e: obj.Unbox) -> str:
    return f"rt::unboxed::<{rust_type(e.type)}>({em.borrow(e.value)})?"


def sorted_by_object_keys(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    items, keys, reverse = e.args
    return f"rt::val_sorted_by_keys({em.borrow(items)}, {em.borrow(keys)}, {em.value(reverse)})?"


def gen_yield(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::gen_yield({em.value(e.args[0])})?"


def gen_yield_from(em: FunctionEmitter, e: ir.Intrinsic) -> str:
    return f"rt::gen_yield_from({em.borrow(e.args[0])})?"


#: intrinsics of the object tier (assembled by emit/tables.py)
INTRINSICS: dict[str, Callable] = {"sorted.by_object_keys": sorted_by_object_keys, "gen.yield": gen_yield,
                                   "gen.yield_from": gen_yield_from}


EXPRS: dict[type, Callable] = {
    obj.ObjGlobal: e_global, obj.ObjStoreGlobal: e_store_global, obj.ObjAttr: e_attr, obj.ObjSetAttr: e_setattr,
    obj.ObjCall: e_call, obj.ObjCallEx: e_call_ex, obj.ObjMethod: e_method, obj.ObjBinOp: e_binop, obj.ObjUnary: e_unary,
    obj.ObjCompare: e_compare, obj.ObjIs: e_is, obj.ObjGetItem: e_getitem, obj.ObjGetSlice: e_getslice, obj.ObjSetItem: e_setitem,
    obj.ObjContains: e_contains, obj.ObjIter: e_iter, obj.ObjNext: e_next, obj.ObjExhausted: e_exhausted,
    obj.ObjFormat: e_format, obj.ObjBuildString: e_build_string, obj.ObjBuild: e_build, obj.ObjRaise: e_raise, obj.ObjUnpack: e_unpack, obj.Box: e_box,
    obj.Unbox: e_unbox,
}


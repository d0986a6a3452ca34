"""Lowering of numpy: array parameters read in place, `a[i]`, `a[i, j]`, `a.shape`,
`a.size`, `a.ndim`, `len(a)`, `np.zeros/ones/empty(shape)`, `np.zeros_like/ones_like/
empty_like(a)`, item stores into arrays the function created, and the arithmetic of
the numpy.float64 scalars read from float64 arrays (see ir/rtypes_numpy.py).

Decisions, each CPython's (numpy 2) behaviour or a rejection:
- an item of a float64 array is a numpy.float64; `np.float64 op x` for x an int,
  float, bool or numpy.float64 is a numpy.float64 (NEP 50: Python numbers are weak);
- numpy warns (RuntimeWarning) instead of raising on division by zero, overflow to
  inf and invalid results (nan): the Rust code deopts there, so the original runs and
  warns exactly as it would;
- an item of an int64 array is a numpy.int64: with ints and bools it stays one
  (overflow, zero divisors and negative powers deopt: numpy wraps, warns or raises
  there), `/` gives a numpy.float64 of the operands converted to float64, with floats
  it gives a numpy.float64; `total = 0` then `total += a[i]` is `int | numpy.int64`;
  comparing it with a float is rejected (numpy compares after converting to float64);
- items of float32, int32 and bool arrays have other rules again: reading them is
  rejected; their arrays still work for shapes and lengths;
- arrays created here are float64 (numpy's default dtype); a `dtype=` other than
  float64 is rejected; writing into an argument array, returning it, aliasing a
  created array under a second name, and passing arrays to other translated
  functions are rejected.
"""

from __future__ import annotations

import ast

from rustify.translate.errors import reject
from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import (
    BOOL, FLOAT, INT, NONE, BoolT, FloatT, IntT, RType, TupleT, UnknownT,
)
from rustify.translate.ir.rtypes_numpy import (
    FX, IX, NP_BOOL, NP_F64, NP_I64, FxT, IxT, NdArrayT, NpFloat64T, NpInt64T, is_np_int, is_np_scalar,
)

NP_OPS = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow"}
CREATORS = {"zeros": "0.0", "ones": "1.0", "empty": "0.0"}
LIKE = {"zeros_like": "0.0", "ones_like": "1.0", "empty_like": "0.0"}
FLOAT64_NAMES = {"float64", "double", "float_"}


def is_array(t: RType) -> bool:
    return isinstance(t, NdArrayT)


def numpy_attr(node: ast.AST, info) -> str | None:
    """`zeros` for `np.zeros` when `np` is the numpy module here, else None."""
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
            and node.value.id in getattr(info, "numpy_modules", ()):
        return node.attr
    return None


# ---------------------------------------------------------------- arrays

def attribute(lw, node: ast.Attribute) -> ir.Expr | None:
    """`a.shape`, `a.size`, `a.ndim` of an array; None when `node` is no array attribute."""
    if numpy_attr(node, lw.info) is not None:
        return None
    if not isinstance(node.value, (ast.Name, ast.Attribute, ast.Subscript)):
        return None
    value = lw.expr(node.value)
    t = value.type
    if isinstance(t, UnknownT):
        return lw.unknown(node, "an attribute's object")
    if not isinstance(t, NdArrayT):
        return None
    if node.attr == "shape":
        return ir.Intrinsic("nd.shape", (value,), TupleT((INT,) * t.ndim))
    if node.attr == "size":
        return ir.Intrinsic("nd.size", (value,), INT)
    if node.attr == "ndim":
        return ir.Const(t.ndim, INT)
    raise reject(node, "array attribute", f"`.{node.attr}` of a numpy array is not translated",
                 "shape, size, ndim, len() and items are")


def length(lw, arg: ir.Expr) -> ir.Expr:
    return ir.Intrinsic("nd.len", (arg,), INT)


def _index(lw, node: ast.expr) -> ir.Expr:
    index = lw.expr(node)
    if isinstance(index.type, UnknownT):
        return index
    if not isinstance(index.type, IntT):  # a bool index is a mask in numpy, a float one a TypeError
        raise reject(node, "array index", f"array indexes must be ints here, not {index.type}")
    return index


def _indexes(lw, arr: ir.Expr, slice_: ast.expr, node: ast.AST) -> tuple[ir.Expr, ...]:
    t = arr.type
    assert isinstance(t, NdArrayT)
    parts = slice_.elts if isinstance(slice_, ast.Tuple) else [slice_]
    if any(isinstance(p, (ast.Slice, ast.Starred)) or (isinstance(p, ast.Constant) and p.value in (None, ...))
           for p in parts):
        raise reject(node, "array slice", "slicing numpy arrays is not translated (it makes views)")
    if len(parts) != t.ndim:
        raise reject(node, "array index", f"indexing a {t.ndim}-D array with {len(parts)} index(es) "
                     "is not translated (only single items are)")
    return tuple(_index(lw, p) for p in parts)


def item_type(t: NdArrayT, node: ast.AST) -> RType:
    if t.dtype == "int64":
        return NP_I64
    if t.dtype != "float64":
        raise reject(node, "array item", f"items of {t.dtype} arrays are numpy.{t.dtype} scalars, whose "
                     "arithmetic is not translated", "use float64 arrays, or convert with .astype(np.float64)")
    return NP_F64


def subscript(lw, arr: ir.Expr, node: ast.Subscript) -> ir.Expr:
    t = arr.type
    assert isinstance(t, NdArrayT)
    indexes = _indexes(lw, arr, node.slice, node)
    item = item_type(t, node)
    if any(isinstance(i.type, UnknownT) for i in indexes):
        return lw.unknown(node, "an array index")
    return ir.Intrinsic(f"nd.get{t.ndim}", (arr, *indexes), item)


def store(lw, target: ast.Subscript, value: ir.Expr, node: ast.AST, op: str | None = None) -> list[ir.Stmt]:
    """`out[i] = v` (and `out[i] op= v`) into an array the function created."""
    arr = lw.expr(target.value)
    t = arr.type
    if isinstance(t, UnknownT):
        return []
    assert isinstance(t, NdArrayT)
    if not isinstance(target.value, ast.Name):
        raise reject(target, "array store", "only items of named arrays can be assigned")
    if not t.owned:
        raise reject(target, "array store", "writing into an argument array is not translated",
                     "write into a new array (np.empty_like(a)) and return it")
    if t.dtype != "float64":
        raise reject(target, "array store", f"storing into a {t.dtype} array is not translated")
    out: list[ir.Stmt] = []
    if op is not None:
        indexes = _indexes(lw, arr, target.slice, target)
        temps = []
        for index in indexes:
            tmp = lw.fresh("i", index.type)
            out.append(ir.Assign(ir.NamePlace(tmp, index.type), index))
            temps.append(ir.Name(tmp, index.type))
        current = ir.Intrinsic(f"nd.get{t.ndim}", (arr, *temps), NP_F64)  # a float64 array (checked above)
        value = lw.binop(op, current, value, node)
        indexes = tuple(temps)
    else:
        # CPython evaluates the value first, then the indexes
        tmp = lw.fresh("v", value.type)
        out.append(ir.Assign(ir.NamePlace(tmp, value.type), value))
        value = ir.Name(tmp, value.type)
        indexes = _indexes(lw, arr, target.slice, target)
    if isinstance(value.type, UnknownT) or any(isinstance(i.type, UnknownT) for i in indexes):
        return out
    if not isinstance(value.type, (IntT, FloatT, BoolT, NpFloat64T, FxT, NpInt64T, IxT)):
        raise reject(node, "array store", f"storing a {value.type} into a float64 array is not translated")
    out.append(ir.ExprStmt(ir.Intrinsic(f"nd.set{t.ndim}", (arr, *indexes, value), NONE)))
    return out


# ---------------------------------------------------------------- numpy functions

def _dtype_ok(lw, node: ast.Call, allowed_positional: int) -> None:
    for kw in node.keywords:
        if kw.arg != "dtype":
            raise reject(node, "numpy call", f"the keyword `{kw.arg}` is not translated")
        v = kw.value
        ok = (numpy_attr(v, lw.info) in FLOAT64_NAMES) or (isinstance(v, ast.Name) and v.id == "float"
                                                           and lw.is_builtin("float")) \
            or (isinstance(v, ast.Constant) and v.value in ("float64", "f8", "d"))
        if not ok:
            raise reject(kw, "dtype", "only float64 arrays are created here", "dtype=np.float64")
    if len(node.args) > allowed_positional:
        raise reject(node, "numpy call", "only the shape (or array) and dtype= are translated")


def call(lw, name: str, node: ast.Call) -> ir.Expr:
    if any(isinstance(a, ast.Starred) for a in node.args) or any(k.arg is None for k in node.keywords):
        raise reject(node, "numpy call", "`*args`/`**kwargs` are not translated")
    if name in CREATORS:
        _dtype_ok(lw, node, 1)
        if len(node.args) != 1:
            raise reject(node, f"np.{name}", f"np.{name}() needs a shape")
        shape = lw.expr(node.args[0])
        t = shape.type
        if isinstance(t, UnknownT):
            return lw.unknown(node, "a shape")
        if isinstance(t, BoolT) or not isinstance(t, (IntT, TupleT)):
            raise reject(node, f"np.{name}", f"a shape of type {t} is not translated")
        dims = (shape,) if isinstance(t, IntT) else None
        if dims is None:
            assert isinstance(t, TupleT)
            if any(isinstance(i, UnknownT) for i in t.items):
                return lw.unknown(node, "a shape")
            if not 1 <= len(t.items) <= 2 or not all(isinstance(i, IntT) for i in t.items):
                raise reject(node, f"np.{name}", "shapes of one or two ints are translated")
            if isinstance(shape, ir.TupleLit):
                dims = shape.items
            else:
                tmp = lw.fresh("s", t)
                return ir.Block((ir.Assign(ir.NamePlace(tmp, t), shape),),
                                ir.Intrinsic(f"np.new{len(t.items)}", (ir.Const(float(CREATORS[name]), FLOAT),
                                             *[ir.TupleGet(ir.Name(tmp, t), k, INT) for k in range(len(t.items))]),
                                             NdArrayT("float64", len(t.items), True)), NdArrayT("float64", len(t.items), True))
        return ir.Intrinsic(f"np.new{len(dims)}", (ir.Const(float(CREATORS[name]), FLOAT), *dims),
                            NdArrayT("float64", len(dims), True))
    if name in LIKE:
        _dtype_ok(lw, node, 1)
        if len(node.args) != 1:
            raise reject(node, f"np.{name}", f"np.{name}() needs an array")
        src = lw.expr(node.args[0])
        t = src.type
        if isinstance(t, UnknownT):
            return lw.unknown(node, "an array")
        if not isinstance(t, NdArrayT):
            raise reject(node, f"np.{name}", f"np.{name}() of a {t} is not translated")
        if t.dtype != "float64" and not node.keywords:
            raise reject(node, f"np.{name}", f"np.{name}() of a {t.dtype} array makes a {t.dtype} array, "
                         "which is not translated")
        return ir.Intrinsic("np.like", (ir.Const(float(LIKE[name]), FLOAT), src), NdArrayT("float64", t.ndim, True))
    raise reject(node, f"np.{name}", f"np.{name}() is not translated",
                 "np.zeros/ones/empty and their _like forms are")


# ---------------------------------------------------------------- numpy scalars

INTLIKE = (IntT, BoolT, NpInt64T, IxT)


def _as_ix(lw, e: ir.Expr, node: ast.AST) -> ir.Expr:
    if isinstance(e.type, (NpInt64T, IxT)):
        return e
    return ir.Intrinsic("np.ix_of", (e,), IX)


def _as_fx(lw, e: ir.Expr, node: ast.AST) -> ir.Expr:
    t = e.type
    if isinstance(t, (NpFloat64T, FxT)):
        return e
    if isinstance(t, (IntT, FloatT, BoolT, NpInt64T, IxT)):
        return ir.Intrinsic("np.fx_of", (e,), FX)
    raise reject(node, "numpy scalar", f"arithmetic of a numpy.float64 with a {t} is not translated",
                 "give the variable one type")


def binop(lw, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
    if isinstance(left.type, UnknownT) or isinstance(right.type, UnknownT):
        return lw.unknown(node, "an operand")
    if op not in NP_OPS:
        raise reject(node, "operator", f"`{op}` of {left.type} and {right.type} is not translated")
    if isinstance(left.type, INTLIKE) and isinstance(right.type, INTLIKE):
        np_static = isinstance(left.type, NpInt64T) or isinstance(right.type, NpInt64T)
        args = (_as_ix(lw, left, node), _as_ix(lw, right, node))
        if op == "truediv":
            return ir.Intrinsic("np.itruediv", args, NP_F64 if np_static else FX)
        return ir.Intrinsic(f"np.iarith.{op}", args, NP_I64 if np_static else IX)
    always_np = (NpFloat64T, NpInt64T)  # with a float, a numpy scalar makes a numpy.float64
    result = NP_F64 if isinstance(left.type, always_np) or isinstance(right.type, always_np) else FX
    return ir.Intrinsic(f"np.arith.{op}", (_as_fx(lw, left, node), _as_fx(lw, right, node)), result)


def compare(lw, op: str, left: ir.Expr, right: ir.Expr, node: ast.AST) -> ir.Expr:
    if isinstance(left.type, INTLIKE) and isinstance(right.type, INTLIKE):
        return ir.Intrinsic(f"np.cmp.{op}", (_as_ix(lw, left, node), _as_ix(lw, right, node)), NP_BOOL)
    if is_np_int(left.type) or is_np_int(right.type):
        raise reject(node, "comparison", f"comparing a {left.type} with a {right.type} is not translated",
                     "numpy compares int64 with floats after converting to float64, Python exactly")
    return ir.Intrinsic(f"np.cmp.{op}", (_as_fx(lw, left, node), _as_fx(lw, right, node)), NP_BOOL)


def unary(lw, op: str, operand: ir.Expr, node: ast.AST) -> ir.Expr:
    if op == "USub":
        return ir.Intrinsic("np.neg", (operand,), operand.type)
    if op == "UAdd":
        return ir.Intrinsic("np.pos", (operand,), operand.type)
    raise reject(node, "operator", f"unary {op} of a {operand.type}")


def truthy(lw, e: ir.Expr) -> ir.Expr:
    return ir.Intrinsic("np.truth", (e,), BOOL)


def coerce(lw, expr: ir.Expr, to: RType, node: ast.AST) -> ir.Expr | None:
    """float or numpy.float64 into `float | numpy.float64`; None when no numpy rule applies."""
    if isinstance(to, FxT) and isinstance(expr.type, (FloatT, NpFloat64T)):
        return ir.Intrinsic("np.fx_of", (expr,), FX)
    if isinstance(to, IxT) and isinstance(expr.type, (IntT, NpInt64T)):
        return ir.Intrinsic("np.ix_of", (expr,), IX)
    return None


def to_float(lw, e: ir.Expr) -> ir.Expr:
    """float(x) of a numpy scalar: the same double as a Python float."""
    return ir.Intrinsic("np.fx_value", (e,), FLOAT)


__all__ = ["attribute", "subscript", "store", "call", "binop", "compare", "truthy", "coerce", "numpy_attr",
           "is_array", "length", "unary", "is_np_scalar", "to_float"]

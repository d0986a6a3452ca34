"""Emission of numpy: the `nd.*`/`np.*` intrinsics (its INTRINSICS, assembled by
emit/tables.py), the wrapper's array arguments (read in place through rust-numpy's
read-only borrow, held for the whole call) and `np_glue`, the lib.rs module with the
conversions that need the rust-numpy crate (only crates with arrays depend on it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from rustify.translate.ir import nodes as ir
from rustify.translate.ir.rtypes import BoolT, IntT, ListT, RType, TupleT
from rustify.translate.ir.rtypes_numpy import DTYPES, FxT, IxT, NdArrayT, NpBoolT, NpFloat64T, NpInt64T

if TYPE_CHECKING:
    from rustify.translate.emit.function import FunctionEmitter
from rustify.translate.ir.walk import walk_body

OPS = {"add": "Add", "sub": "Sub", "mul": "Mul", "truediv": "TrueDiv", "floordiv": "FloorDiv", "mod": "Mod",
       "pow": "Pow"}
CMP = {"lt": "<", "le": "<=", "eq": "==", "ne": "!=", "gt": ">", "ge": ">="}


def _arr(em: FunctionEmitter, e: ir.Expr) -> str:
    return f"({em.borrow(e)})"


def _f64(em: FunctionEmitter, e: ir.Expr) -> str:
    text = em.value(e)
    t = e.type
    if isinstance(t, (NpFloat64T, FxT)):
        return f"{text}.v"
    if isinstance(t, (NpInt64T, IxT)):
        return f"({text}.v as f64)"
    if isinstance(t, IntT):
        return f"({text} as f64)"
    if isinstance(t, BoolT):
        return f"(({text} as i64) as f64)"
    return text


def _shape(em, e):
    tmp = em.fresh()
    parts = ", ".join(f"{tmp}.shape[{k}] as i64" for k in range(e.args[0].type.ndim))
    return f"{{ let {tmp} = {_arr(em, e.args[0])}; ({parts},) }}"


def _get(em, e):
    idx = ", ".join(em.value(a) for a in e.args[1:])
    wrap = "rt::Ix::np" if isinstance(e.type, NpInt64T) else "rt::Fx::np"
    return f"{wrap}({_arr(em, e.args[0])}.get{len(e.args) - 1}({idx})?)"


def _set(em, e):
    arr, *idx, value = e.args
    names = [em.fresh() for _ in idx]
    value_name = em.fresh()
    binds = " ".join(f"let {n}: i64 = {em.value(a)};" for n, a in zip(names, idx))
    return (f"{{ {binds} let {value_name}: f64 = {_f64(em, value)}; "
            f"rt::Arr::<f64>::set{len(idx)}(&mut {em.place_path(arr)}, {', '.join(names)}, {value_name})? }}")


def _new(em, e):
    fill, *dims = e.args
    return f"rt::Arr::<f64>::filled{len(dims)}({em.value(fill)}, {', '.join(em.value(d) for d in dims)})?"


def _fx_of(em, e):
    a = e.args[0]
    if isinstance(a.type, (NpFloat64T, FxT)):
        return em.value(a)
    if isinstance(a.type, (NpInt64T, IxT)):
        return f"{em.value(a)}.fx()"
    return f"rt::Fx::py({_f64(em, a)})"


def _ix_of(em, e):
    a = e.args[0]
    if isinstance(a.type, (NpInt64T, IxT)):
        return em.value(a)
    if isinstance(a.type, BoolT):
        return f"rt::Ix::py({em.value(a)} as i64)"
    return f"rt::Ix::py({em.value(a)})"


def _truth(em, e):
    a = e.args[0]
    if isinstance(a.type, NpBoolT):
        return em.value(a)
    if isinstance(a.type, (NpInt64T, IxT)):
        return f"({em.value(a)}.v != 0)"
    return f"({em.value(a)}.v != 0.0)"


#: this module's intrinsics (assembled with the others by emit/tables.py)
INTRINSICS: dict[str, Callable[[FunctionEmitter, ir.Intrinsic], str]] = {}
INTRINSICS.update({
    "nd.shape": _shape,
    "nd.size": lambda em, e: f"{_arr(em, e.args[0])}.size()",
    "nd.len": lambda em, e: f"{_arr(em, e.args[0])}.len_i64()",
    "nd.get1": _get, "nd.get2": _get,
    "nd.set1": _set, "nd.set2": _set,
    "np.new1": _new, "np.new2": _new,
    "np.like": lambda em, e: f"rt::arr_like({em.value(e.args[0])}, {_arr(em, e.args[1])})",
    "np.fx_of": _fx_of,
    "np.fx_value": lambda em, e: _f64(em, e.args[0]),
    "np.neg": lambda em, e: f"{em.value(e.args[0])}.neg()" + ("?" if isinstance(e.type, (NpInt64T, IxT)) else ""),
    "np.ix_of": _ix_of,
    "np.itruediv": lambda em, e: f"rt::ix_truediv({em.value(e.args[0])}, {em.value(e.args[1])})?",
    "np.pos": lambda em, e: em.value(e.args[0]),
    "np.truth": _truth,
})
for _op, _name in OPS.items():
    INTRINSICS[f"np.arith.{_op}"] = (lambda name: lambda em, e: f"rt::fx_arith(rt::FxOp::{name}, "
                                     f"{em.value(e.args[0])}, {em.value(e.args[1])})?")(_name)
for _op, _name in OPS.items():
    INTRINSICS[f"np.iarith.{_op}"] = (lambda name: lambda em, e: f"rt::ix_arith(rt::FxOp::{name}, "
                                      f"{em.value(e.args[0])}, {em.value(e.args[1])})?")(_name)
for _op, _sym in CMP.items():
    INTRINSICS[f"np.cmp.{_op}"] = (lambda sym: lambda em, e: f"({em.value(e.args[0])}.v {sym} "
                                   f"{em.value(e.args[1])}.v)")(_sym)


# ---------------------------------------------------------------- boundary

def contains_numpy(t: RType) -> bool:
    if isinstance(t, (NdArrayT, NpFloat64T, FxT, NpBoolT, NpInt64T, IxT)):
        return True
    if isinstance(t, ListT):
        return contains_numpy(t.item)
    if isinstance(t, TupleT):
        return any(contains_numpy(i) for i in t.items)
    return False


def uses_numpy(function: ir.Function) -> bool:
    if any(contains_numpy(p.type) for p in function.params) or contains_numpy(function.ret):
        return True
    if any(contains_numpy(t) for _, t in function.locals):
        return True
    return any(isinstance(n, ir.Intrinsic) and n.name.startswith(("nd.", "np.")) for n in walk_body(function.body))


def arg_line(param: ir.Param, obj: str, value: str, guard: str, fallback: str) -> str | None:
    """The wrapper's conversion of an array argument `obj` into `value` (kept readable
    by the borrow `guard`); None: not an array."""
    t = param.type
    if not isinstance(t, NdArrayT):
        return None
    elem = DTYPES[t.dtype]
    return (f"let Some(({guard}, {value})) = np_glue::arg::<{elem}>({obj}, {t.ndim}) "
            f"else {{ return {fallback}; }};")


GLUE = """\
/// Conversions that need the rust-numpy crate (see runtime/src/ndarray.rs `Arr` and `Fx`).
mod np_glue {
    use crate::rt;
    use numpy::{PyArrayDyn, PyArrayMethods, PyReadonlyArrayDyn, PyUntypedArrayMethods, Element};
    use pyo3::prelude::*;
    use pyo3::sync::PyOnceLock;
    use pyo3::ffi;

    /// An exact numpy.ndarray (no subclass) of dtype `T` and `ndim` dimensions, in native
    /// byte order, borrowed read-only (the guard) and seen in place (the view); None: deopt.
    pub fn arg<'py, T: Element + Copy>(obj: &Bound<'py, PyAny>, ndim: usize)
        -> Option<(PyReadonlyArrayDyn<'py, T>, rt::Arr<T>)> {
        let py = obj.py();
        if unsafe { numpy::npyffi::array::PyArray_CheckExact(py, obj.as_ptr()) } == 0 {
            return None;
        }
        let arr = obj.cast::<PyArrayDyn<T>>().ok()?;
        if arr.ndim() != ndim {
            return None;
        }
        let guard = arr.try_readonly().ok()?;
        let item = std::mem::size_of::<T>() as isize;
        let mut shape = [0usize, 1];
        let mut strides = [1isize, 1];
        for k in 0..ndim {
            let s = arr.strides()[k];
            if item == 0 || s % item != 0 {
                return None;
            }
            shape[k] = arr.shape()[k];
            strides[k] = s / item;
        }
        let view = unsafe { rt::Arr::view(arr.data() as *const T, ndim, shape, strides) };
        Some((guard, view))
    }

    impl rt::ToPy for rt::Arr<f64> {
        fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
            let shape: Vec<usize> = self.shape[..self.ndim].to_vec();
            let copy;
            let data: &[f64] = if self.owned_data().len() == self.size() as usize {
                self.owned_data()
            } else {
                copy = self.to_c_vec();
                &copy
            };
            let flat = numpy::PyArray1::<f64>::from_slice(py, data);
            match flat.reshape(shape) {
                Ok(a) => a.into_ptr(),
                Err(e) => { e.restore(py); std::ptr::null_mut() }
            }
        }
    }

    static NP_FLOAT64: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    static NP_INT64: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

    impl rt::ToPy for rt::Ix {
        fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
            if !self.np {
                return rt::ToPy::to_py(&self.v, py);
            }
            let t = NP_INT64.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                Ok(py.import("numpy")?.getattr("int64")?.unbind())
            });
            match t.and_then(|t| t.bind(py).call1((self.v,))) {
                Ok(o) => o.into_ptr(),
                Err(e) => { e.restore(py); std::ptr::null_mut() }
            }
        }
    }

    impl rt::ToPy for rt::Fx {
        fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
            if !self.np {
                return rt::ToPy::to_py(&self.v, py);
            }
            let t = NP_FLOAT64.get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                Ok(py.import("numpy")?.getattr("float64")?.unbind())
            });
            match t.and_then(|t| t.bind(py).call1((self.v,))) {
                Ok(o) => o.into_ptr(),
                Err(e) => { e.restore(py); std::ptr::null_mut() }
            }
        }
    }
}
"""

//! Conversions that need the rust-numpy crate (arrays in and out, numpy scalars out);
//! compiled only with the `numpy` feature, which generated crates with arrays enable.

use crate as rt;
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

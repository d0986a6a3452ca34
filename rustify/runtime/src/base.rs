//! Errors (`Exc`, `R`), the fallback registry and deopt, and `Num`.

use super::*;

// =====================================================================================
// 1. Errors
// =====================================================================================

/// The Python exception classes translated code may raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcKind {
    ValueError,
    ZeroDivisionError,
    IndexError,
    OverflowError,
    AssertionError,
    TypeError,
    KeyError,
    RuntimeError,
    RecursionError,
    NotImplementedError,
    ArithmeticError,
    LookupError,
    /// `next(it)` of an exhausted iterator
    StopIteration,
    Exception,
    /// only as the class of a bare `except:` (which catches SystemExit and the like that
    /// Python code called by translated code raises); translated code never raises it
    BaseException,
}

/// Why a translated computation did not produce a value.
#[derive(Clone, Debug, PartialEq)]
pub enum Exc {
    /// The exact result is not representable here: run the original Python function.
    Deopt,
    /// Raise this Python exception with exactly this message (`str(exc)`).
    Raise(ExcKind, String),
    /// An exception raised by Python code the object tier called (runtime/src/obj.rs): the
    /// exception object itself, passed on unchanged.
    Py(PyExc),
}

/// A Python exception object held by [`Exc::Py`]: one pointer, so `Exc` (and every
/// `R<T>`) stays small. Cloning takes a new reference; two are equal when they hold the
/// same exception object.
#[derive(Debug)]
pub struct PyExc(pub Py<pyo3::exceptions::PyBaseException>);

impl PyExc {
    /// The exception set in the interpreter now (normalized), taken out of it.
    pub fn fetch(py: Python<'_>) -> PyExc {
        PyExc(PyErr::fetch(py).into_value(py))
    }
}

impl Clone for PyExc {
    fn clone(&self) -> PyExc {
        PyExc(Python::attach(|py| self.0.clone_ref(py)))
    }
}

impl PartialEq for PyExc {
    fn eq(&self, other: &PyExc) -> bool {
        self.0.as_ptr() == other.0.as_ptr()
    }
}

/// Result of every fallible runtime helper.
pub type R<T> = Result<T, Exc>;

/// `str()` of the OverflowError CPython raises from `PyErr_SetFromErrno(ERANGE)` (float `**`).
/// [`Exc::into_pyerr`] turns this message back into the args `(34, 'Numerical result out of
/// range')` so `exc.args` matches too.
pub const ERANGE_MSG: &str = "(34, 'Numerical result out of range')";

/// The message of an exception raised with no arguments (`raise ValueError`, a bare
/// `assert`): [`Exc::into_pyerr`] gives it `args == ()`, as CPython does, where an empty
/// message would give `('',)`. `str()` of both is ''.
pub const NO_ARGS: &str = "\u{0}no-args";

/// Raise `kind(msg)`; the cold path of every helper.
#[cold]
#[inline(never)]
pub fn raise<T>(kind: ExcKind, msg: impl Into<String>) -> R<T> {
    Err(Exc::Raise(kind, msg.into()))
}

/// Signal that the exact answer needs the Python original.
#[cold]
#[inline(never)]
pub fn deopt<T>() -> R<T> {
    Err(Exc::Deopt)
}

pyo3::create_exception!(
    rustify,
    RustifyDeopt,
    pyo3::exceptions::PyException,
    "Raised by a rustify-translated function when it cannot reproduce CPython's result exactly and no Python fallback is registered; catch it and call the original function."
);

impl Exc {
    /// Convert to the `PyErr` CPython would have raised (`Deopt` becomes [`RustifyDeopt`]).
    pub fn into_pyerr(self) -> PyErr {
        match self {
            Exc::Deopt => RustifyDeopt::new_err("deopt"),
            Exc::Raise(kind, msg) if msg == NO_ARGS => new_pyerr(kind, ()), // `raise E`: args ()
            Exc::Raise(ExcKind::OverflowError, msg) if msg == ERANGE_MSG => {
                PyOverflowError::new_err((34i32, "Numerical result out of range"))
            }
            Exc::Raise(ExcKind::KeyError, msg) => key_error_pyerr(msg), // runtime/src/dict.rs: KeyError(key)
            Exc::Raise(kind, msg) => new_pyerr(kind, msg),
            Exc::Py(e) => Python::attach(|py| PyErr::from_value(e.0.into_bound(py).into_any())),
        }
    }
}

impl From<Exc> for PyErr {
    fn from(e: Exc) -> PyErr {
        e.into_pyerr()
    }
}

// =====================================================================================
// 2. Fallback (deopt) registry
// =====================================================================================

static FALLBACKS: LazyLock<Mutex<HashMap<String, Py<PyAny>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The registry lock; a poisoned lock is still usable (nothing here can leave it half-written).
fn fallbacks() -> MutexGuard<'static, HashMap<String, Py<PyAny>>> {
    FALLBACKS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Register `f` (the original Python function) to run when the translated `name` deopts.
pub fn set_fallback(name: &str, f: Py<PyAny>) {
    let previous = fallbacks().insert(name.to_owned(), f);
    // the module whose globals the translations follow may be another now (runtime/src/guard.rs)
    FALLBACK_EPOCH.fetch_add(1, AtomicOrdering::AcqRel);
    // Dropped only after the lock is released: a decref may run arbitrary Python code.
    drop(previous);
}

/// The fallback registered for `name`, if any (a new reference); else the original found
/// where it was defined (see [`set_origin`]), which is then registered.
pub fn get_fallback(py: Python<'_>, name: &str) -> Option<Py<PyAny>> {
    if let Some(f) = fallbacks().get(name).map(|f| f.clone_ref(py)) {
        return Some(f);
    }
    let original = find_original(py, name)?;
    set_fallback(name, original.clone_ref(py));
    Some(original)
}

/// Python: `_rustify_set_fallback(name, func)`; see [`set_fallback`].
#[pyfunction]
#[pyo3(name = "_rustify_set_fallback")]
fn py_set_fallback(name: &str, func: Py<PyAny>) {
    set_fallback(name, func);
}

/// Call the Python original registered for `name` with these positional arguments, or raise
/// `RustifyDeopt(name)` when none is registered.  The registry lock is not held during the call,
/// so the fallback may itself call translated functions.
pub fn call_fallback(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
) -> PyResult<Py<PyAny>> {
    let Some(func) = get_fallback(py, name) else {
        return Err(RustifyDeopt::new_err(name.to_owned()));
    };
    let ptrs: Vec<*mut ffi::PyObject> = args.iter().map(|a| a.as_ptr()).collect();
    // SAFETY: attached to the interpreter; `ptrs` holds borrowed references kept alive by
    // `args` for the duration of the call.
    unsafe {
        let result = ffi::PyObject_Vectorcall(
            func.as_ptr(),
            ptrs.as_ptr(),
            ptrs.len(),
            std::ptr::null_mut(),
        );
        Bound::from_owned_ptr_or_err(py, result).map(Bound::unbind)
    }
}

/// Finish a translated function: a value becomes its Python object, a raise becomes the
/// exception, and a deopt runs the registered Python original on the same arguments.
pub fn finish<T: ToPy>(
    py: Python<'_>,
    name: &str,
    args: &[&Bound<'_, PyAny>],
    result: R<T>,
) -> PyResult<Py<PyAny>> {
    match result {
        Ok(v) => ret(py, &v),
        Err(Exc::Deopt) => call_fallback(py, name, args),
        Err(e) => Err(e.into_pyerr()),
    }
}

/// Add `RustifyDeopt` and `_rustify_set_fallback` to a generated extension module.
/// Also decides once whether floats may be allocated directly (see [`new_float`]).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    enable_direct_floats(py);
    enable_attribute_sites(py);
    remember_module(m);
    make_swapped_type()?;
    m.add_function(pyo3::wrap_pyfunction!(py_swap, m)?)?;
    m.add("RustifyDeopt", py.get_type::<RustifyDeopt>())?;
    m.add_function(pyo3::wrap_pyfunction!(py_set_fallback, m)?)?;
    Ok(())
}

// =====================================================================================
// 3. Num: a variable that holds an int at one time and a float at another
// =====================================================================================

/// A Python number that is either an exact `int` (fitting i64) or a `float`.
#[derive(Clone, Copy, Debug)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    #[inline(always)]
    pub fn from_int(i: i64) -> Num {
        Num::Int(i)
    }
    #[inline(always)]
    pub fn from_float(x: f64) -> Num {
        Num::Float(x)
    }
    #[inline(always)]
    pub fn is_int(self) -> bool {
        matches!(self, Num::Int(_))
    }
    #[inline(always)]
    pub fn is_float(self) -> bool {
        matches!(self, Num::Float(_))
    }
}

/// The value as a float, converted as `float(i)` does (for when the result is known to be
/// used as a float).
#[inline(always)]
pub fn num_as_f64(n: Num) -> f64 {
    match n {
        Num::Int(i) => int_to_float(i),
        Num::Float(x) => x,
    }
}

impl PartialEq for Num {
    /// Python `==`: `1 == 1.0` is True, `nan == nan` is False.
    fn eq(&self, other: &Num) -> bool {
        num_cmp(*self, *other, CmpOp::Eq)
    }
}

impl PartialOrd for Num {
    /// Python's order of an int and a float (exact, `2**53 + 1 > 2.0**53`); None with a NaN.
    fn partial_cmp(&self, other: &Num) -> Option<Ordering> {
        if num_cmp(*self, *other, CmpOp::Lt) {
            Some(Ordering::Less)
        } else if num_cmp(*self, *other, CmpOp::Gt) {
            Some(Ordering::Greater)
        } else if num_cmp(*self, *other, CmpOp::Eq) {
            Some(Ordering::Equal)
        } else {
            None
        }
    }
}

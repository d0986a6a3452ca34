use super::*;

// =====================================================================================
// 8. Boundary conversion (raw C API: exact-type checks, values read in place)
// =====================================================================================

/// Read a Python object as a native value without calling any Python code.  `None` means
/// "not representable exactly" (wrong exact type, int beyond i64, ...): the caller deopts.
pub trait FromPy: Sized {
    /// # Safety
    /// `obj` is a valid borrowed reference and the caller is attached to the interpreter.
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Self>;
}

/// Build a new Python object (a new reference, or NULL with a Python error set).
pub trait ToPy {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject;

    /// As an item of a new list; `short`: a list of at most [`FLOAT_FREE_LIST`] items.
    #[inline(always)]
    fn to_py_item(&self, py: Python<'_>, _short: bool) -> *mut ffi::PyObject {
        self.to_py(py)
    }
}

impl FromPy for i64 {
    /// An exact `int` (a bool is not accepted) that fits in i64.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<i64> {
        unsafe {
            if ffi::PyLong_CheckExact(obj) == 0 {
                return None;
            }
            let mut overflow: c_int = 0;
            let v = ffi::PyLong_AsLongLongAndOverflow(obj, &mut overflow);
            if overflow != 0 {
                return None;
            }
            Some(v)
        }
    }
}

impl FromPy for f64 {
    /// An exact `float` (an int is not accepted: it is a different Python type).
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<f64> {
        unsafe {
            if ffi::PyFloat_CheckExact(obj) == 0 {
                return None;
            }
            Some(ffi::PyFloat_AS_DOUBLE(obj))
        }
    }
}

impl FromPy for bool {
    /// `True` or `False` (by identity).
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<bool> {
        unsafe {
            if obj == ffi::Py_True() {
                Some(true)
            } else if obj == ffi::Py_False() {
                Some(false)
            } else {
                None
            }
        }
    }
}

impl FromPy for Num {
    /// An exact `int` fitting i64 or an exact `float`.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Num> {
        unsafe {
            if ffi::PyFloat_CheckExact(obj) != 0 {
                return Some(Num::Float(ffi::PyFloat_AS_DOUBLE(obj)));
            }
            i64::from_py(obj).map(Num::Int)
        }
    }
}

impl FromPy for () {
    /// `None`.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<()> {
        unsafe {
            if obj == ffi::Py_None() {
                Some(())
            } else {
                None
            }
        }
    }
}

impl FromPy for String {
    /// An exact `str` (one without lone surrogates, which UTF-8 cannot hold).
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<String> {
        unsafe {
            if ffi::PyUnicode_CheckExact(obj) == 0 {
                return None;
            }
            let mut size: ffi::Py_ssize_t = 0;
            let data = ffi::PyUnicode_AsUTF8AndSize(obj, &mut size);
            if data.is_null() {
                ffi::PyErr_Clear();
                return None;
            }
            let bytes = std::slice::from_raw_parts(data as *const u8, size as usize);
            Some(String::from_utf8_unchecked(bytes.to_vec()))
        }
    }
}

impl<T: FromPy> FromPy for Vec<T> {
    /// An exact `list` whose every item converts; items are read in place.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Vec<T>> {
        unsafe {
            if ffi::PyList_CheckExact(obj) == 0 {
                return None;
            }
            let n = ffi::PyList_GET_SIZE(obj);
            let mut out: Vec<T> = Vec::with_capacity(n as usize);
            for i in 0..n {
                out.push(T::from_py(ffi::PyList_GET_ITEM(obj, i))?);
            }
            Some(out)
        }
    }
}

/// Item `i` of an exact tuple known to be long enough.
#[inline(always)]
unsafe fn tuple_item<T: FromPy>(obj: *mut ffi::PyObject, i: ffi::Py_ssize_t) -> Option<T> {
    unsafe { T::from_py(ffi::PyTuple_GET_ITEM(obj, i)) }
}

/// Is `obj` an exact tuple of length `n`?
#[inline(always)]
unsafe fn is_tuple_of_len(obj: *mut ffi::PyObject, n: ffi::Py_ssize_t) -> bool {
    unsafe { ffi::PyTuple_CheckExact(obj) != 0 && ffi::PyTuple_GET_SIZE(obj) == n }
}

impl<A: FromPy> FromPy for (A,) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A,)> {
        unsafe {
            if !is_tuple_of_len(obj, 1) {
                return None;
            }
            Some((tuple_item(obj, 0)?,))
        }
    }
}

impl<A: FromPy, B: FromPy> FromPy for (A, B) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B)> {
        unsafe {
            if !is_tuple_of_len(obj, 2) {
                return None;
            }
            Some((tuple_item(obj, 0)?, tuple_item(obj, 1)?))
        }
    }
}

impl<A: FromPy, B: FromPy, C: FromPy> FromPy for (A, B, C) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B, C)> {
        unsafe {
            if !is_tuple_of_len(obj, 3) {
                return None;
            }
            Some((tuple_item(obj, 0)?, tuple_item(obj, 1)?, tuple_item(obj, 2)?))
        }
    }
}

impl<A: FromPy, B: FromPy, C: FromPy, D: FromPy> FromPy for (A, B, C, D) {
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<(A, B, C, D)> {
        unsafe {
            if !is_tuple_of_len(obj, 4) {
                return None;
            }
            Some((
                tuple_item(obj, 0)?,
                tuple_item(obj, 1)?,
                tuple_item(obj, 2)?,
                tuple_item(obj, 3)?,
            ))
        }
    }
}

impl ToPy for i64 {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe { ffi::PyLong_FromLongLong(*self) }
    }
}

/// Set by [`register`] when floats may be allocated without `PyFloat_FromDouble`.
static DIRECT_FLOATS: AtomicBool = AtomicBool::new(false);

/// Enable [`new_float`]'s direct allocation when this interpreter's float layout is the one
/// this crate was compiled for: CPython with the GIL (a 16-byte object header), no
/// reference-count debugging (`sys.gettotalrefcount`), and `float.__basicsize__` equal to
/// `PyFloatObject`.  Anything else keeps the public `PyFloat_FromDouble`.
pub(crate) fn enable_direct_floats(py: Python<'_>) {
    let check = || -> PyResult<bool> {
        let sys = py.import("sys")?;
        let cpython = sys.getattr("implementation")?.getattr("name")?.extract::<String>()? == "cpython";
        let refdebug = sys.hasattr("gettotalrefcount")?;
        // SAFETY: reading a field of the static float type object.
        let basicsize = unsafe { (*std::ptr::addr_of!(ffi::PyFloat_Type)).tp_basicsize };
        Ok(cpython
            && !refdebug
            && std::mem::size_of::<ffi::PyObject>() == 16
            && basicsize as usize == std::mem::size_of::<ffi::PyFloatObject>())
    };
    DIRECT_FLOATS.store(check().unwrap_or(false), AtomicOrdering::Relaxed);
}

/// Whether [`new_float`] allocates directly (decided by [`register`]).
pub fn direct_floats_enabled() -> bool {
    DIRECT_FLOATS.load(AtomicOrdering::Relaxed)
}

/// A new Python float: what `PyFloat_FromDouble` returns, about 30% cheaper when building
/// large result lists.  When enabled by [`register`], the object is allocated with
/// `PyObject_Malloc` and its header written directly (refcount 1, type `float`), exactly as
/// PyFloat_FromDouble initialises a fresh object; `float_dealloc` frees it normally.
#[inline(always)]
pub fn new_float(x: f64) -> *mut ffi::PyObject {
    unsafe {
        if DIRECT_FLOATS.load(AtomicOrdering::Relaxed) {
            let p = ffi::PyObject_Malloc(std::mem::size_of::<ffi::PyFloatObject>())
                as *mut ffi::PyFloatObject;
            if p.is_null() {
                return ffi::PyErr_NoMemory();
            }
            let mut header = ffi::PyObject_HEAD_INIT;
            header.ob_type = std::ptr::addr_of_mut!(ffi::PyFloat_Type);
            std::ptr::write(p, ffi::PyFloatObject { ob_base: header, ob_fval: x });
            p as *mut ffi::PyObject
        } else {
            ffi::PyFloat_FromDouble(x)
        }
    }
}

impl ToPy for f64 {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        new_float(*self)
    }

    /// A short list's floats come from CPython's free list (see [`FLOAT_FREE_LIST`]).
    #[inline(always)]
    fn to_py_item(&self, _py: Python<'_>, short: bool) -> *mut ffi::PyObject {
        if short {
            return unsafe { ffi::PyFloat_FromDouble(*self) };
        }
        new_float(*self)
    }
}

impl ToPy for bool {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let obj = if *self { ffi::Py_True() } else { ffi::Py_False() };
            ffi::Py_INCREF(obj);
            obj
        }
    }
}

impl ToPy for Num {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        match self {
            Num::Int(i) => i.to_py(py),
            Num::Float(x) => x.to_py(py),
        }
    }
}

impl ToPy for () {
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            let obj = ffi::Py_None();
            ffi::Py_INCREF(obj);
            obj
        }
    }
}

impl ToPy for String {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        self.as_str().to_py(py)
    }
}

impl ToPy for &str {
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe {
            ffi::PyUnicode_FromStringAndSize(
                self.as_ptr() as *const std::os::raw::c_char,
                self.len() as ffi::Py_ssize_t,
            )
        }
    }
}

/// How many floats CPython keeps for reuse (PyFloat_MAXFREELIST in 3.11): a result list of
/// at most this many takes them from that free list, which the previous results' floats,
/// released, refill (a parser returning 40 floats per line); longer ones are built directly.
pub const FLOAT_FREE_LIST: usize = 100;

/// A new Python list of `v`'s items, built in place (PyList_New + PyList_SET_ITEM).
#[inline(always)]
pub fn list_to_py<T: ToPy>(py: Python<'_>, v: &[T]) -> *mut ffi::PyObject {
    unsafe {
        let list = ffi::PyList_New(v.len() as ffi::Py_ssize_t);
        if list.is_null() {
            return list;
        }
        let short = v.len() <= FLOAT_FREE_LIST;
        for (i, x) in v.iter().enumerate() {
            let item = x.to_py_item(py, short);
            if item.is_null() {
                ffi::Py_DECREF(list); // unset slots are NULL: list_dealloc skips them
                return std::ptr::null_mut();
            }
            ffi::PyList_SET_ITEM(list, i as ffi::Py_ssize_t, item);
        }
        list
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    #[inline(always)]
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        list_to_py(py, self)
    }
}

/// A new tuple from freshly built items (any NULL item releases the rest and returns NULL).
fn tuple_to_py(items: &[*mut ffi::PyObject]) -> *mut ffi::PyObject {
    unsafe {
        if items.iter().any(|p| p.is_null()) {
            for &p in items {
                if !p.is_null() {
                    ffi::Py_DECREF(p);
                }
            }
            return std::ptr::null_mut();
        }
        let t = ffi::PyTuple_New(items.len() as ffi::Py_ssize_t);
        if t.is_null() {
            for &p in items {
                ffi::Py_DECREF(p);
            }
            return t;
        }
        for (i, &p) in items.iter().enumerate() {
            ffi::PyTuple_SET_ITEM(t, i as ffi::Py_ssize_t, p);
        }
        t
    }
}

impl<A: ToPy> ToPy for (A,) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy> ToPy for (A, B) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy, C: ToPy> ToPy for (A, B, C) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py), self.2.to_py(py)])
    }
}

impl<A: ToPy, B: ToPy, C: ToPy, D: ToPy> ToPy for (A, B, C, D) {
    fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
        tuple_to_py(&[self.0.to_py(py), self.1.to_py(py), self.2.to_py(py), self.3.to_py(py)])
    }
}

/// Tuples of 5 to 8 items, both ways (the shorter ones are written out above).
macro_rules! long_tuples {
    ($( $n:literal => ($($t:ident $i:tt),+) ),+ $(,)?) => {$(
        impl<$($t: FromPy),+> FromPy for ($($t,)+) {
            unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<($($t,)+)> {
                unsafe {
                    if !is_tuple_of_len(obj, $n) {
                        return None;
                    }
                    Some(($(tuple_item::<$t>(obj, $i)?,)+))
                }
            }
        }

        impl<$($t: ToPy),+> ToPy for ($($t,)+) {
            fn to_py(&self, py: Python<'_>) -> *mut ffi::PyObject {
                tuple_to_py(&[$(self.$i.to_py(py)),+])
            }
        }
    )+};
}

long_tuples! {
    5 => (A 0, B 1, C 2, D 3, E 4),
    6 => (A 0, B 1, C 2, D 3, E 4, F 5),
    7 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6),
    8 => (A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7),
}

/// Convert an argument; `None` means the caller must deopt.
#[inline(always)]
pub fn arg<T: FromPy>(obj: &Bound<'_, PyAny>) -> Option<T> {
    // SAFETY: a Bound is a valid reference held while attached to the interpreter.
    unsafe { T::from_py(obj.as_ptr()) }
}

/// Convert a result to a Python object (Err only on MemoryError).
#[inline(always)]
pub fn ret<T: ToPy>(py: Python<'_>, v: &T) -> PyResult<Py<PyAny>> {
    // SAFETY: to_py returns a new reference or NULL with an error set.
    unsafe { Bound::from_owned_ptr_or_err(py, v.to_py(py)).map(Bound::unbind) }
}

/// Are two arguments the same Python object (`a is b`)?  Used to deopt on aliased list
/// arguments that the function mutates.
#[inline(always)]
pub fn same_object(a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> bool {
    a.as_ptr() == b.as_ptr()
}

/// Make the caller's list equal to `v` in place (`list[:] = v`, via PyList_SetSlice with a
/// fresh list), so a mutation done on the Rust copy is visible to the caller as in Python.
/// Nested lists are replaced by new list objects (not mutated in place): only write back
/// lists whose items are immutable values.
///
/// # Safety
/// `list` must be a `list` (checked by the caller's argument conversion).
pub unsafe fn write_back_list<T: ToPy>(
    py: Python<'_>,
    list: &Bound<'_, PyAny>,
    v: &[T],
) -> PyResult<()> {
    unsafe {
        let fresh = list_to_py(py, v);
        if fresh.is_null() {
            return Err(PyErr::fetch(py));
        }
        let rc = ffi::PyList_SetSlice(list.as_ptr(), 0, ffi::PY_SSIZE_T_MAX, fresh);
        ffi::Py_DECREF(fresh);
        if rc < 0 {
            return Err(PyErr::fetch(py));
        }
        Ok(())
    }
}

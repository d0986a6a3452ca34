use super::*;

// =====================================================================================
// The swapped function's Python face (activation.py: `_rustify_swap`)
// =====================================================================================
//
// `rustify run` puts a translation where the program's function stood. A bare builtin
// function would differ from the original in ways Python code sees: no `__defaults__`,
// `__kwdefaults__`, `__wrapped__`, `__code__`; no binding when stored on a class (a
// function becomes a method, a builtin does not: `self` would go missing); its own
// `__doc__` and pickling name. So the swap is a small callable of its own type that
// calls the translation through vectorcall (no argument tuple is built) and shows the
// original everywhere else: every attribute but a few is the original's (read and
// written), it binds as a method, it pickles by the original's name, and
// `__wrapped__` is the original. If the program changes the original's `__code__`,
// `__defaults__` or `__kwdefaults__` (through the swap or directly), calls go to the
// original, which then behaves as CPython would.

#[repr(C)]
struct Swapped {
    ob_base: ffi::PyObject,
    vectorcall: Option<ffi::vectorcallfunc>,
    /// the translation (a builtin function of this module)
    inner: *mut ffi::PyObject,
    /// the Python function it stands for
    original: *mut ffi::PyObject,
    /// the original's `__code__`, `__defaults__`, `__kwdefaults__` when swapped (or NULL)
    code: *mut ffi::PyObject,
    defaults: *mut ffi::PyObject,
    kwdefaults: *mut ffi::PyObject,
}

static SWAPPED_TYPE: std::sync::atomic::AtomicPtr<ffi::PyObject> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

extern "C" {
    fn PyMethod_New(func: *mut ffi::PyObject, self_: *mut ffi::PyObject) -> *mut ffi::PyObject;
}

/// The Python function behind `obj` when `obj` is one of this module's swaps.
pub fn swapped_original(obj: *mut ffi::PyObject) -> Option<*mut ffi::PyObject> {
    let t = SWAPPED_TYPE.load(AtomicOrdering::Relaxed);
    // SAFETY: reading the type of a live object; `Swapped` is that type's layout.
    unsafe { (!t.is_null() && ffi::Py_TYPE(obj) as *mut ffi::PyObject == t).then(|| (*(obj as *mut Swapped)).original) }
}

unsafe extern "C" fn swapped_call(
    callable: *mut ffi::PyObject,
    args: *const *mut ffi::PyObject,
    nargsf: usize,
    kwnames: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    let s = callable as *mut Swapped;
    let o = (*s).original;
    let same = ffi::PyFunction_GetCode(o) == (*s).code
        && ffi::PyFunction_GetDefaults(o) == (*s).defaults
        && ffi::PyFunction_GetKwDefaults(o) == (*s).kwdefaults;
    ffi::PyObject_Vectorcall(if same { (*s).inner } else { o }, args, nargsf, kwnames)
}

/// Names the swap answers itself; every other attribute is the original's.
const OWN: [&std::ffi::CStr; 7] =
    [c"__class__", c"__wrapped__", c"__rustify__", c"__reduce_ex__", c"__reduce__", c"__call__", c"__get__"];

unsafe extern "C" fn swapped_getattro(slf: *mut ffi::PyObject, name: *mut ffi::PyObject) -> *mut ffi::PyObject {
    if OWN.iter().any(|own| ffi::PyUnicode_CompareWithASCIIString(name, own.as_ptr()) == 0) {
        return ffi::PyObject_GenericGetAttr(slf, name);
    }
    let found = ffi::PyObject_GetAttr((*(slf as *mut Swapped)).original, name);
    if found.is_null() && ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) != 0 {
        ffi::PyErr_Clear();
        return ffi::PyObject_GenericGetAttr(slf, name);
    }
    found
}

unsafe extern "C" fn swapped_setattro(
    slf: *mut ffi::PyObject,
    name: *mut ffi::PyObject,
    value: *mut ffi::PyObject,
) -> std::os::raw::c_int {
    ffi::PyObject_SetAttr((*(slf as *mut Swapped)).original, name, value)
}

unsafe extern "C" fn swapped_descr_get(
    slf: *mut ffi::PyObject,
    obj: *mut ffi::PyObject,
    _type: *mut ffi::PyObject,
) -> *mut ffi::PyObject {
    if obj.is_null() || obj == ffi::Py_None() {
        ffi::Py_IncRef(slf);
        return slf;
    }
    PyMethod_New(slf, obj) // as a function stored on a class: a bound method
}

unsafe extern "C" fn swapped_repr(slf: *mut ffi::PyObject) -> *mut ffi::PyObject {
    let qualname = ffi::PyObject_GetAttrString((*(slf as *mut Swapped)).original, c"__qualname__".as_ptr());
    if qualname.is_null() {
        return std::ptr::null_mut();
    }
    let text = ffi::PyUnicode_FromFormat(c"<function %U (rustify)>".as_ptr(), qualname);
    ffi::Py_DecRef(qualname);
    text
}

/// Pickled by reference: the name under which the original's module holds it.
unsafe extern "C" fn swapped_reduce(slf: *mut ffi::PyObject, _arg: *mut ffi::PyObject) -> *mut ffi::PyObject {
    ffi::PyObject_GetAttrString((*(slf as *mut Swapped)).original, c"__qualname__".as_ptr())
}

unsafe extern "C" fn swapped_traverse(
    slf: *mut ffi::PyObject,
    visit: ffi::visitproc,
    arg: *mut std::ffi::c_void,
) -> std::os::raw::c_int {
    let s = slf as *mut Swapped;
    for p in [(*s).inner, (*s).original, (*s).code, (*s).defaults, (*s).kwdefaults] {
        if !p.is_null() {
            let r = visit(p, arg);
            if r != 0 {
                return r;
            }
        }
    }
    0
}

unsafe extern "C" fn swapped_clear(slf: *mut ffi::PyObject) -> std::os::raw::c_int {
    let s = slf as *mut Swapped;
    for p in [&mut (*s).inner, &mut (*s).original, &mut (*s).code, &mut (*s).defaults, &mut (*s).kwdefaults] {
        let old = std::mem::replace(p, std::ptr::null_mut());
        if !old.is_null() {
            ffi::Py_DecRef(old);
        }
    }
    0
}

unsafe extern "C" fn swapped_dealloc(slf: *mut ffi::PyObject) {
    let tp = ffi::Py_TYPE(slf);
    ffi::PyObject_GC_UnTrack(slf as *mut std::ffi::c_void);
    swapped_clear(slf);
    let free: ffi::freefunc = std::mem::transmute(ffi::PyType_GetSlot(tp, ffi::Py_tp_free));
    free(slf as *mut std::ffi::c_void);
    ffi::Py_DecRef(tp as *mut ffi::PyObject);
}

/// Create the swap type once per extension module (called by [`register`]).
pub(crate) fn make_swapped_type() -> PyResult<()> {
    if !SWAPPED_TYPE.load(AtomicOrdering::Relaxed).is_null() {
        return Ok(());
    }
    // The tables must outlive the type: leaked once per process.
    let members: &'static mut [ffi::PyMemberDef; 4] = Box::leak(Box::new([
        ffi::PyMemberDef {
            name: c"__vectorcalloffset__".as_ptr(),
            type_code: ffi::Py_T_PYSSIZET,
            offset: std::mem::offset_of!(Swapped, vectorcall) as ffi::Py_ssize_t,
            flags: ffi::Py_READONLY,
            doc: std::ptr::null(),
        },
        ffi::PyMemberDef {
            name: c"__rustify__".as_ptr(), // the translation itself (a builtin of the extension)
            type_code: ffi::Py_T_OBJECT_EX,
            offset: std::mem::offset_of!(Swapped, inner) as ffi::Py_ssize_t,
            flags: ffi::Py_READONLY,
            doc: std::ptr::null(),
        },
        ffi::PyMemberDef {
            name: c"__wrapped__".as_ptr(),
            type_code: ffi::Py_T_OBJECT_EX,
            offset: std::mem::offset_of!(Swapped, original) as ffi::Py_ssize_t,
            flags: ffi::Py_READONLY,
            doc: std::ptr::null(),
        },
        ffi::PyMemberDef::default(),
    ]));
    let methods: &'static mut [ffi::PyMethodDef; 2] = Box::leak(Box::new([
        ffi::PyMethodDef {
            ml_name: c"__reduce_ex__".as_ptr(),
            ml_meth: ffi::PyMethodDefPointer { PyCFunction: swapped_reduce },
            ml_flags: ffi::METH_O,
            ml_doc: std::ptr::null(),
        },
        ffi::PyMethodDef::zeroed(),
    ]));
    let slot = |slot: std::os::raw::c_int, pfunc: *mut std::ffi::c_void| ffi::PyType_Slot { slot, pfunc };
    let slots: &'static mut [ffi::PyType_Slot; 12] = Box::leak(Box::new([
        slot(ffi::Py_tp_call, ffi::PyVectorcall_Call as *mut _),
        slot(ffi::Py_tp_getattro, swapped_getattro as *mut _),
        slot(ffi::Py_tp_setattro, swapped_setattro as *mut _),
        slot(ffi::Py_tp_descr_get, swapped_descr_get as *mut _),
        slot(ffi::Py_tp_repr, swapped_repr as *mut _),
        slot(ffi::Py_tp_traverse, swapped_traverse as *mut _),
        slot(ffi::Py_tp_clear, swapped_clear as *mut _),
        slot(ffi::Py_tp_dealloc, swapped_dealloc as *mut _),
        slot(ffi::Py_tp_members, members.as_mut_ptr() as *mut _),
        slot(ffi::Py_tp_methods, methods.as_mut_ptr() as *mut _),
        slot(ffi::Py_tp_doc, c"A Python function running as its rustify translation.".as_ptr() as *mut _),
        ffi::PyType_Slot::default(),
    ]));
    let spec: &'static mut ffi::PyType_Spec = Box::leak(Box::new(ffi::PyType_Spec {
        name: c"rustify.rustified_function".as_ptr(),
        basicsize: std::mem::size_of::<Swapped>() as std::os::raw::c_int,
        itemsize: 0,
        // METHOD_DESCRIPTOR: `obj.m(a)` may call `m(obj, a)` without making the bound method,
        // which is what binding through `swapped_descr_get` gives (as for a Python function)
        flags: (ffi::Py_TPFLAGS_DEFAULT
            | ffi::Py_TPFLAGS_HAVE_GC
            | ffi::Py_TPFLAGS_HAVE_VECTORCALL
            | ffi::Py_TPFLAGS_METHOD_DESCRIPTOR) as std::os::raw::c_uint,
        slots: slots.as_mut_ptr(),
    }));
    // SAFETY: a complete spec of 'static tables; the GIL is held (module init).
    let t = unsafe { ffi::PyType_FromSpec(spec) };
    if t.is_null() {
        // SAFETY: attached; PyType_FromSpec set an exception.
        return Err(PyErr::fetch(unsafe { Python::assume_attached() }));
    }
    SWAPPED_TYPE.store(t, AtomicOrdering::Relaxed);
    Ok(())
}

/// Python: `_rustify_swap(translation, original)`: the callable that stands for `original`.
#[pyfunction]
#[pyo3(name = "_rustify_swap")]
pub(crate) fn py_swap(py: Python<'_>, translation: &Bound<'_, PyAny>, original: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    // SAFETY: type checks and field reads on live objects; the new object's fields are set
    // (with new references) before anything can see it.
    unsafe {
        if ffi::PyFunction_Check(original.as_ptr()) == 0 {
            return Err(pyo3::exceptions::PyTypeError::new_err("_rustify_swap: the original must be a Python function"));
        }
        let t = SWAPPED_TYPE.load(AtomicOrdering::Relaxed) as *mut ffi::PyTypeObject;
        let obj = ffi::PyType_GenericAlloc(t, 0);
        if obj.is_null() {
            return Err(PyErr::fetch(py));
        }
        let s = obj as *mut Swapped;
        let keep = |p: *mut ffi::PyObject| {
            if !p.is_null() {
                ffi::Py_IncRef(p);
            }
            p
        };
        (*s).vectorcall = Some(swapped_call);
        (*s).inner = keep(translation.as_ptr());
        (*s).original = keep(original.as_ptr());
        (*s).code = keep(ffi::PyFunction_GetCode(original.as_ptr()));
        (*s).defaults = keep(ffi::PyFunction_GetDefaults(original.as_ptr()));
        (*s).kwdefaults = keep(ffi::PyFunction_GetKwDefaults(original.as_ptr()));
        Ok(Bound::from_owned_ptr(py, obj).unbind())
    }
}

// Where each translation's original is defined: found again in any process.

static ORIGINS: LazyLock<Mutex<HashMap<String, (String, String)>>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// Where the Python original of the translated `name` is defined: module and qualname
/// (called by the module's init). A process that imports the extension without
/// registering fallbacks (a `multiprocessing` worker, code that imports it directly)
/// still finds the original there when a call must deopt.
pub fn set_origin(name: &str, module: &str, qualname: &str) {
    let previous = ORIGINS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(name.to_owned(), (module.to_owned(), qualname.to_owned()));
    drop(previous);
}

/// The Python function `qualname` of the already loaded `module` (nothing is imported: no
/// module's code runs because of a deopt), if it is a plain Python function. A method
/// (`Class.method`) is read from the class's own `__dict__` (a staticmethod or classmethod
/// gives its function); a swap found there stands for its original.
pub(crate) fn find_original(py: Python<'_>, name: &str) -> Option<Py<PyAny>> {
    let (module, qualname) = ORIGINS.lock().unwrap_or_else(|p| p.into_inner()).get(name).cloned()?;
    let modules = py.import("sys").ok()?.getattr("modules").ok()?;
    let mut obj = modules.get_item(module.as_str()).ok()?;
    for part in qualname.split('.') {
        obj = if obj.is_instance_of::<pyo3::types::PyType>() {
            obj.getattr("__dict__").ok()?.get_item(part).ok()?
        } else {
            obj.getattr(part).ok()?
        };
    }
    let builtins = py.import("builtins").ok()?;
    for wrapper in ["staticmethod", "classmethod"] {
        let kind = builtins.getattr(wrapper).ok()?;
        if obj.get_type().is(&kind) {
            obj = obj.getattr("__func__").ok()?;
        }
    }
    if let Some(original) = swapped_original(obj.as_ptr()) {
        // SAFETY: the swap holds a strong reference to its original, alive while `obj` is.
        obj = unsafe { Bound::from_borrowed_ptr(py, original) };
    }
    // SAFETY: a type check on a live object. Any other builtin here is a translation: never
    // its own fallback.
    (unsafe { ffi::PyFunction_Check(obj.as_ptr()) } != 0).then(|| obj.unbind())
}

// =====================================================================================
// Exports that bind their own arguments (methods, parameters Rust cannot name)
// =====================================================================================
//
// A `#[pyfunction]` takes its keyword names from Rust identifiers, and its name must be
// one: a method's first parameter `self` has no Rust spelling, and `Point.norm() missing
// 1 required positional argument: 'k'` names the function by its qualname. Such an export
// is a plain METH_FASTCALL | METH_KEYWORDS builtin (through PyO3's own trampoline: panics
// and attachment as for a `#[pyfunction]`) that binds a call exactly where binding is
// simple, positional arguments then keywords naming parameters, and hands every other
// call, one that would raise TypeError included, to the Python original unchanged, which
// then raises CPython's own message.

/// A translated function whose export binds its own arguments (see [`bound_call`]).
pub struct BoundDef {
    /// the export's name: the extension's attribute and the fallback registry's key
    pub name: &'static str,
    c_name: &'static std::ffi::CStr,
    /// `name(params)\n--\n\n` and the docstring: CPython's `__text_signature__` and `__doc__`
    doc: &'static std::ffi::CStr,
    /// the Python parameter names: those that may be passed by position first
    params: &'static [&'static str],
    positional: usize,
    func: ffi::PyCFunctionFastWithKeywords,
    interned: pyo3::sync::PyOnceLock<Vec<Py<pyo3::types::PyString>>>,
}

impl BoundDef {
    pub const fn new(
        name: &'static str,
        c_name: &'static std::ffi::CStr,
        doc: &'static std::ffi::CStr,
        params: &'static [&'static str],
        positional: usize,
        func: ffi::PyCFunctionFastWithKeywords,
    ) -> BoundDef {
        BoundDef { name, c_name, doc, params, positional, func, interned: pyo3::sync::PyOnceLock::new() }
    }

    /// The parameter a keyword names, if any (an exact str compared by identity first, then by
    /// value, never by a subclass's `__eq__`; as CPython's own binding).
    fn slot(&self, py: Python<'_>, key: *mut ffi::PyObject) -> Option<usize> {
        let names = self.interned.get_or_init(py, || {
            self.params.iter().map(|n| pyo3::types::PyString::intern(py, n).unbind()).collect()
        });
        if let Some(i) = names.iter().position(|n| n.as_ptr() == key) {
            return Some(i);
        }
        // SAFETY: `key` is a live object of the call's kwnames tuple; PyUnicode_Compare of two
        // str objects cannot fail.
        unsafe {
            if ffi::PyUnicode_Check(key) == 0 {
                return None;
            }
            names.iter().position(|n| ffi::PyUnicode_Compare(n.as_ptr(), key) == 0)
        }
    }
}

/// The arguments of a vectorcall bound to `def`'s parameters (`None` for a parameter not
/// given), or `None` when the call does not bind simply: more positional arguments than
/// positional parameters, a keyword that names no parameter or one already given.
///
/// # Safety
/// `args[..nargs + len(kwnames)]` are live objects and `kwnames` is NULL or a tuple of str,
/// as CPython passes them to a METH_FASTCALL | METH_KEYWORDS function.
pub unsafe fn bind_args<'a, 'py, const N: usize>(
    py: Python<'py>,
    def: &BoundDef,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> Option<[Option<pyo3::Borrowed<'a, 'py, PyAny>>; N]> {
    let nargs = usize::try_from(nargs).ok()?;
    if nargs > def.positional || nargs > N {
        return None;
    }
    let mut slots: [Option<pyo3::Borrowed<'a, 'py, PyAny>>; N] = [None; N];
    // SAFETY: as the caller promises, each pointer read is a live argument of this call.
    unsafe {
        for (i, slot) in slots.iter_mut().enumerate().take(nargs) {
            *slot = Some(pyo3::Borrowed::from_ptr(py, *args.add(i)));
        }
        if !kwnames.is_null() {
            let count = ffi::PyTuple_GET_SIZE(kwnames);
            for k in 0..count {
                let i = def.slot(py, ffi::PyTuple_GET_ITEM(kwnames, k))?;
                if i >= N || slots[i].is_some() {
                    return None;
                }
                slots[i] = Some(pyo3::Borrowed::from_ptr(py, *args.add(nargs + k as usize)));
            }
        }
    }
    Some(slots)
}

/// A bound parameter with a default, as the wrapper takes it: the argument, or missing.
pub fn given<'py>(slot: &Option<pyo3::Borrowed<'_, 'py, PyAny>>) -> Given<'py> {
    match slot {
        Some(obj) => Given::Arg((**obj).clone()),
        None => Given::Missing,
    }
}

/// Run one call of a self-binding export: `body` gets the bound arguments and returns `None`
/// when they do not fit (a required parameter missing); then, as for a call that does not
/// bind, the Python original runs with the call's own arguments (CPython's TypeError).
///
/// # Safety
/// As [`bind_args`].
pub unsafe fn bound_call<'py, const N: usize>(
    py: Python<'py>,
    def: &BoundDef,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
    body: impl for<'a> FnOnce(&[Option<pyo3::Borrowed<'a, 'py, PyAny>>; N]) -> Option<PyResult<Py<PyAny>>>,
) -> PyResult<*mut ffi::PyObject> {
    // SAFETY: forwarded from the caller.
    let slots = unsafe { bind_args::<N>(py, def, args, nargs, kwnames) };
    let result = match slots.as_ref().and_then(|s| body(s)) {
        Some(result) => result,
        // SAFETY: forwarded from the caller.
        None => unsafe { call_fallback_vectorcall(py, def.name, args, nargs, kwnames) },
    };
    result.map(Py::into_ptr)
}

/// Call the Python original of `name` with a vectorcall's own arguments (keywords included).
///
/// # Safety
/// As [`bind_args`].
pub unsafe fn call_fallback_vectorcall(
    py: Python<'_>,
    name: &str,
    args: *const *mut ffi::PyObject,
    nargs: ffi::Py_ssize_t,
    kwnames: *mut ffi::PyObject,
) -> PyResult<Py<PyAny>> {
    let Some(func) = get_fallback(py, name) else {
        return Err(RustifyDeopt::new_err(name.to_owned()));
    };
    // SAFETY: the arguments are the caller's, alive for the duration of the call.
    unsafe {
        let result = ffi::PyObject_Vectorcall(func.as_ptr(), args, nargs as usize, kwnames);
        Bound::from_owned_ptr_or_err(py, result).map(Bound::unbind)
    }
}

/// Add a self-binding export to the extension module (`def.name` is its attribute; its
/// `__name__` too, `__text_signature__` and `__doc__` from `def.doc`).
pub fn add_bound(m: &Bound<'_, PyModule>, def: &'static BoundDef) -> PyResult<()> {
    let py = m.py();
    // the method table must outlive the function: leaked once per module initialisation
    let ml: &'static mut ffi::PyMethodDef = Box::leak(Box::new(ffi::PyMethodDef {
        ml_name: def.c_name.as_ptr(),
        ml_meth: ffi::PyMethodDefPointer { PyCFunctionFastWithKeywords: def.func },
        ml_flags: ffi::METH_FASTCALL | ffi::METH_KEYWORDS,
        ml_doc: def.doc.as_ptr(),
    }));
    let module_name = m.name()?;
    // SAFETY: a complete method table that lives forever; the module and its name are live.
    let func = unsafe {
        Bound::from_owned_ptr_or_err(py, ffi::PyCFunction_NewEx(ml, m.as_ptr(), module_name.as_ptr()))?
    };
    m.add(def.name, func)
}

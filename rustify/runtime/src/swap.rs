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
        flags: (ffi::Py_TPFLAGS_DEFAULT | ffi::Py_TPFLAGS_HAVE_GC | ffi::Py_TPFLAGS_HAVE_VECTORCALL) as std::os::raw::c_uint,
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
/// module's code runs because of a deopt), if it is a plain Python function.
pub(crate) fn find_original(py: Python<'_>, name: &str) -> Option<Py<PyAny>> {
    let (module, qualname) = ORIGINS.lock().unwrap_or_else(|p| p.into_inner()).get(name).cloned()?;
    let modules = py.import("sys").ok()?.getattr("modules").ok()?;
    let mut obj = modules.get_item(module.as_str()).ok()?;
    for part in qualname.split('.') {
        obj = obj.getattr(part).ok()?;
    }
    // SAFETY: a type check on a live object. A builtin here is a translation (ours, swapped
    // in): never its own fallback.
    (unsafe { ffi::PyFunction_Check(obj.as_ptr()) } != 0).then(|| obj.unbind())
}

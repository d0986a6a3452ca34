use super::*;

use std::ptr::NonNull;

// =====================================================================================
// The object tier: any Python object, operated on as the interpreter would
// =====================================================================================
//
// A value whose type the translator cannot prove is an `Obj`: an owned (strong) reference
// to the Python object itself, so identity, aliasing and mutation are CPython's own. Every
// operation is the C-API call the interpreter makes for the same bytecode
// (Python/ceval.c 3.11: BINARY_OP -> PyNumber_*, COMPARE_OP -> PyObject_RichCompare,
// LOAD_ATTR -> PyObject_GetAttr, CALL -> vectorcall, ...), so the result, the exception and
// its message are CPython's. Errors come back as `Exc::Py`, the exception object itself.
//
// Fast paths are taken only where the answer is provably the same as the generic call:
// two exact floats for `+ - *` and comparisons (Objects/floatobject.c: plain IEEE operations
// on the two doubles), two exact ints that fit i64 for comparisons.
//
// Functions that hold an `Obj` never release the GIL (translate/emit/gil.py), so every
// helper here runs attached; `Obj`'s Clone and Drop are Py_IncRef/Py_DecRef.

/// An owned reference to a Python object.
#[repr(transparent)]
pub struct Obj(NonNull<ffi::PyObject>);

/// The interpreter token inside translated code, which always runs attached when it holds
/// objects.
#[inline(always)]
pub(crate) fn py<'a>() -> Python<'a> {
    // SAFETY: object-tier code runs only in functions that never detach (emit/gil.py).
    unsafe { Python::assume_attached() }
}

/// The Python exception now set, as an `Exc`.
#[cold]
#[inline(never)]
pub fn fetch() -> Exc {
    Exc::Py(PyExc::fetch(py()))
}

impl Obj {
    /// Own a new reference; NULL means the call that made it raised.
    ///
    /// # Safety
    /// `p` is a new reference or NULL with an exception set.
    #[inline(always)]
    pub unsafe fn from_owned(p: *mut ffi::PyObject) -> R<Obj> {
        match NonNull::new(p) {
            Some(p) => Ok(Obj(p)),
            None => Err(fetch()),
        }
    }

    /// A new strong reference to a borrowed object.
    ///
    /// # Safety
    /// `p` is a valid, non-NULL borrowed reference.
    #[inline(always)]
    pub unsafe fn from_borrowed(p: *mut ffi::PyObject) -> Obj {
        unsafe {
            ffi::Py_INCREF(p);
            Obj(NonNull::new_unchecked(p))
        }
    }

    /// `None`.
    #[inline(always)]
    pub fn none() -> Obj {
        unsafe { Obj::from_borrowed(ffi::Py_None()) }
    }

    #[inline(always)]
    pub fn as_ptr(&self) -> *mut ffi::PyObject {
        self.0.as_ptr()
    }
}

impl Clone for Obj {
    #[inline(always)]
    fn clone(&self) -> Obj {
        unsafe { Obj::from_borrowed(self.as_ptr()) }
    }
}

impl Drop for Obj {
    #[inline(always)]
    fn drop(&mut self) {
        unsafe { ffi::Py_DECREF(self.as_ptr()) }
    }
}

impl Default for Obj {
    fn default() -> Obj {
        Obj::none()
    }
}

impl std::fmt::Debug for Obj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Obj({:p})", self.as_ptr())
    }
}

impl FromPy for Obj {
    /// Any object: the same object, one more reference.
    #[inline(always)]
    unsafe fn from_py(obj: *mut ffi::PyObject) -> Option<Obj> {
        Some(unsafe { Obj::from_borrowed(obj) })
    }
}

impl ToPy for Obj {
    /// The object itself (identity kept, as CPython returns it).
    #[inline(always)]
    fn to_py(&self, _py: Python<'_>) -> *mut ffi::PyObject {
        unsafe { ffi::Py_INCREF(self.as_ptr()) };
        self.as_ptr()
    }
}

// ------------------------------------------------------------------ boxing

/// A native value as a new Python object.
#[inline(always)]
pub fn box_obj<T: ToPy>(v: &T) -> R<Obj> {
    unsafe { Obj::from_owned(v.to_py(py())) }
}

/// `True` / `False` as objects.
#[inline(always)]
pub fn obj_bool(b: bool) -> Obj {
    unsafe { Obj::from_borrowed(if b { ffi::Py_True() } else { ffi::Py_False() }) }
}

// ------------------------------------------------------------------ attributes

/// `o.name` (LOAD_ATTR: PyObject_GetAttr with the interned name).
#[inline]
pub fn obj_getattr(o: &Obj, name: &'static Interned) -> R<Obj> {
    unsafe { Obj::from_owned(ffi::PyObject_GetAttr(o.as_ptr(), name.get())) }
}

/// `o.name = v` (STORE_ATTR).
#[inline]
pub fn obj_setattr(o: &Obj, name: &'static Interned, v: &Obj) -> R<()> {
    let rc = unsafe { ffi::PyObject_SetAttr(o.as_ptr(), name.get(), v.as_ptr()) };
    if rc < 0 {
        return Err(fetch());
    }
    Ok(())
}

// ------------------------------------------------------------------ calls

/// The keyword names of one call site, made into a tuple once.
pub struct KwNames {
    names: &'static [&'static str],
    tuple: pyo3::sync::PyOnceLock<Py<pyo3::types::PyTuple>>,
}

impl KwNames {
    pub const fn new(names: &'static [&'static str]) -> KwNames {
        KwNames { names, tuple: pyo3::sync::PyOnceLock::new() }
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }

    pub(crate) fn tuple(&self) -> *mut ffi::PyObject {
        let py = py();
        self.tuple
            .get_or_init(py, || {
                let items: Vec<Bound<'_, pyo3::types::PyString>> =
                    self.names.iter().map(|n| pyo3::types::PyString::intern(py, n)).collect();
                pyo3::types::PyTuple::new(py, items).expect("a tuple of str").unbind()
            })
            .as_ptr()
    }
}

// ------------------------------------------------------------------ operators

/// Binary operators (BINARY_OP's `oparg`, without the in-place bit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

/// `a op b`, or `a op= b` when `inplace` (the `__iadd__` family first, as CPython).
pub fn obj_binop(a: &Obj, b: &Obj, op: BinOp, inplace: bool) -> R<Obj> {
    let (x, y) = (a.as_ptr(), b.as_ptr());
    unsafe {
        if ffi::PyFloat_CheckExact(x) != 0 && ffi::PyFloat_CheckExact(y) != 0 {
            // float_add/float_sub/float_mul: the IEEE operation on the two doubles
            // (floats have no in-place slots, so `+=` is the same)
            let (u, v) = (ffi::PyFloat_AS_DOUBLE(x), ffi::PyFloat_AS_DOUBLE(y));
            match op {
                BinOp::Add => return Obj::from_owned(ffi::PyFloat_FromDouble(u + v)),
                BinOp::Sub => return Obj::from_owned(ffi::PyFloat_FromDouble(u - v)),
                BinOp::Mul => return Obj::from_owned(ffi::PyFloat_FromDouble(u * v)),
                _ => {}
            }
        }
        let r = match (op, inplace) {
            (BinOp::Add, false) => ffi::PyNumber_Add(x, y),
            (BinOp::Sub, false) => ffi::PyNumber_Subtract(x, y),
            (BinOp::Mul, false) => ffi::PyNumber_Multiply(x, y),
            (BinOp::TrueDiv, false) => ffi::PyNumber_TrueDivide(x, y),
            (BinOp::FloorDiv, false) => ffi::PyNumber_FloorDivide(x, y),
            (BinOp::Mod, false) => ffi::PyNumber_Remainder(x, y),
            (BinOp::Pow, false) => ffi::PyNumber_Power(x, y, ffi::Py_None()),
            (BinOp::LShift, false) => ffi::PyNumber_Lshift(x, y),
            (BinOp::RShift, false) => ffi::PyNumber_Rshift(x, y),
            (BinOp::And, false) => ffi::PyNumber_And(x, y),
            (BinOp::Or, false) => ffi::PyNumber_Or(x, y),
            (BinOp::Xor, false) => ffi::PyNumber_Xor(x, y),
            (BinOp::MatMul, false) => ffi::PyNumber_MatrixMultiply(x, y),
            (BinOp::Add, true) => ffi::PyNumber_InPlaceAdd(x, y),
            (BinOp::Sub, true) => ffi::PyNumber_InPlaceSubtract(x, y),
            (BinOp::Mul, true) => ffi::PyNumber_InPlaceMultiply(x, y),
            (BinOp::TrueDiv, true) => ffi::PyNumber_InPlaceTrueDivide(x, y),
            (BinOp::FloorDiv, true) => ffi::PyNumber_InPlaceFloorDivide(x, y),
            (BinOp::Mod, true) => ffi::PyNumber_InPlaceRemainder(x, y),
            (BinOp::Pow, true) => ffi::PyNumber_InPlacePower(x, y, ffi::Py_None()),
            (BinOp::LShift, true) => ffi::PyNumber_InPlaceLshift(x, y),
            (BinOp::RShift, true) => ffi::PyNumber_InPlaceRshift(x, y),
            (BinOp::And, true) => ffi::PyNumber_InPlaceAnd(x, y),
            (BinOp::Or, true) => ffi::PyNumber_InPlaceOr(x, y),
            (BinOp::Xor, true) => ffi::PyNumber_InPlaceXor(x, y),
            (BinOp::MatMul, true) => ffi::PyNumber_InPlaceMatrixMultiply(x, y),
        };
        Obj::from_owned(r)
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Invert,
}

/// `-o`, `+o`, `~o`.
pub fn obj_unary(o: &Obj, op: UnOp) -> R<Obj> {
    let x = o.as_ptr();
    unsafe {
        if op == UnOp::Neg && ffi::PyFloat_CheckExact(x) != 0 {
            return Obj::from_owned(ffi::PyFloat_FromDouble(-ffi::PyFloat_AS_DOUBLE(x)));
        }
        Obj::from_owned(match op {
            UnOp::Neg => ffi::PyNumber_Negative(x),
            UnOp::Pos => ffi::PyNumber_Positive(x),
            UnOp::Invert => ffi::PyNumber_Invert(x),
        })
    }
}

fn cmp_code(op: CmpOp) -> c_int {
    match op {
        CmpOp::Lt => ffi::Py_LT,
        CmpOp::Le => ffi::Py_LE,
        CmpOp::Eq => ffi::Py_EQ,
        CmpOp::Ne => ffi::Py_NE,
        CmpOp::Gt => ffi::Py_GT,
        CmpOp::Ge => ffi::Py_GE,
    }
}

/// Both exact floats, or both exact ints within i64: the comparison itself.
#[inline(always)]
unsafe fn fast_compare(x: *mut ffi::PyObject, y: *mut ffi::PyObject, op: CmpOp) -> Option<bool> {
    unsafe {
        if ffi::PyFloat_CheckExact(x) != 0 && ffi::PyFloat_CheckExact(y) != 0 {
            return Some(cmp_float(ffi::PyFloat_AS_DOUBLE(x), ffi::PyFloat_AS_DOUBLE(y), op));
        }
        if ffi::PyLong_CheckExact(x) != 0 && ffi::PyLong_CheckExact(y) != 0 {
            let (a, b) = (i64::from_py(x)?, i64::from_py(y)?);
            return Some(op.test(a.cmp(&b)));
        }
        None
    }
}

/// `a op b` as a value (COMPARE_OP: PyObject_RichCompare; the result may be any object).
pub fn obj_compare(a: &Obj, b: &Obj, op: CmpOp) -> R<Obj> {
    unsafe {
        if let Some(r) = fast_compare(a.as_ptr(), b.as_ptr(), op) {
            return Ok(obj_bool(r));
        }
        Obj::from_owned(ffi::PyObject_RichCompare(a.as_ptr(), b.as_ptr(), cmp_code(op)))
    }
}

/// `a op b` used for its truth (`if a < b:`): the comparison, then its truth. Not
/// PyObject_RichCompareBool, whose identity shortcut CPython's `==` does not take.
pub fn obj_compare_truth(a: &Obj, b: &Obj, op: CmpOp) -> R<bool> {
    unsafe {
        if let Some(r) = fast_compare(a.as_ptr(), b.as_ptr(), op) {
            return Ok(r);
        }
    }
    obj_truthy(&obj_compare(a, b, op)?)
}

/// The truth of an object (PyObject_IsTrue).
#[inline]
pub fn obj_truthy(o: &Obj) -> R<bool> {
    let x = o.as_ptr();
    unsafe {
        if x == ffi::Py_True() {
            return Ok(true);
        }
        if x == ffi::Py_False() || x == ffi::Py_None() {
            return Ok(false);
        }
        match ffi::PyObject_IsTrue(x) {
            r if r < 0 => Err(fetch()),
            r => Ok(r != 0),
        }
    }
}

/// `a is b`.
#[inline(always)]
pub fn obj_is(a: &Obj, b: &Obj) -> bool {
    a.as_ptr() == b.as_ptr()
}

/// `o is None`.
#[inline(always)]
pub fn obj_is_none(o: &Obj) -> bool {
    o.as_ptr() == unsafe { ffi::Py_None() }
}

// ------------------------------------------------------------------ containers

/// `o[k]` (BINARY_SUBSCR: PyObject_GetItem).
#[inline]
pub fn obj_getitem(o: &Obj, k: &Obj) -> R<Obj> {
    unsafe { Obj::from_owned(ffi::PyObject_GetItem(o.as_ptr(), k.as_ptr())) }
}

/// `o[k] = v` (STORE_SUBSCR).
#[inline]
pub fn obj_setitem(o: &Obj, k: &Obj, v: &Obj) -> R<()> {
    if unsafe { ffi::PyObject_SetItem(o.as_ptr(), k.as_ptr(), v.as_ptr()) } < 0 {
        return Err(fetch());
    }
    Ok(())
}

/// `len(o)` (PyObject_Size; CPython's `len` raises the same errors).
#[inline]
pub fn obj_len(o: &Obj) -> R<i64> {
    match unsafe { ffi::PyObject_Size(o.as_ptr()) } {
        n if n < 0 => Err(fetch()),
        n => Ok(n as i64),
    }
}

/// `item in container` (CONTAINS_OP: PySequence_Contains).
#[inline]
pub fn obj_contains(container: &Obj, item: &Obj) -> R<bool> {
    match unsafe { ffi::PySequence_Contains(container.as_ptr(), item.as_ptr()) } {
        r if r < 0 => Err(fetch()),
        r => Ok(r != 0),
    }
}

/// `iter(o)` (GET_ITER).
#[inline]
pub fn obj_iter(o: &Obj) -> R<Obj> {
    if is_generator(o) {
        return Ok(o.clone()); // a translated generator is its own iterator
    }
    unsafe { Obj::from_owned(ffi::PyObject_GetIter(o.as_ptr())) }
}

/// The next item of an iterator, `None` when it is exhausted (FOR_ITER).
#[inline]
pub fn obj_next(it: &Obj) -> R<Option<Obj>> {
    if let Some(next) = gen_next(it) {
        return next; // a translated generator, resumed directly (runtime gen.rs)
    }
    unsafe {
        let p = ffi::PyIter_Next(it.as_ptr());
        if p.is_null() {
            if !ffi::PyErr_Occurred().is_null() {
                return Err(fetch());
            }
            return Ok(None);
        }
        Ok(Some(Obj(NonNull::new_unchecked(p))))
    }
}

// ------------------------------------------------------------------ module globals

/// The globals dict of one source module, found through an exported function's Python
/// original (its `__globals__`, the dict CPython's LOAD_GLOBAL reads), refreshed when a
/// fallback is registered again.
pub struct ModuleGlobals {
    export: &'static str,
    /// the FALLBACK_EPOCH the dicts were found at (u64::MAX: not yet)
    epoch: std::sync::atomic::AtomicU64,
    /// owned references (kept for the life of the process: a reader may still hold an
    /// older one, so a refresh never releases it)
    globals: std::sync::atomic::AtomicPtr<ffi::PyObject>,
    builtins: std::sync::atomic::AtomicPtr<ffi::PyObject>,
}

impl ModuleGlobals {
    pub const fn new(export: &'static str) -> ModuleGlobals {
        ModuleGlobals {
            export,
            epoch: std::sync::atomic::AtomicU64::new(u64::MAX),
            globals: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
            builtins: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// The module's globals dict and the builtins dict its functions see (borrowed).
    #[inline(always)]
    fn dicts(&self) -> Option<(*mut ffi::PyObject, *mut ffi::PyObject)> {
        let epoch = FALLBACK_EPOCH.load(AtomicOrdering::Acquire);
        if self.epoch.load(AtomicOrdering::Acquire) != epoch {
            self.refresh(epoch);
        }
        let g = self.globals.load(AtomicOrdering::Acquire);
        (!g.is_null()).then(|| (g, self.builtins.load(AtomicOrdering::Acquire)))
    }

    #[cold]
    #[inline(never)]
    fn refresh(&self, epoch: u64) {
        let py = py();
        // runs Python code (attribute reads): the dicts are stored only once both are known
        let Some(globals) = get_fallback(py, self.export).and_then(|f| module_globals_of(f.bind(py))) else {
            self.globals.store(std::ptr::null_mut(), AtomicOrdering::Release);
            self.epoch.store(epoch, AtomicOrdering::Release);
            return;
        };
        let builtins = builtins_of(globals.bind(py)).unbind();
        self.builtins.store(builtins.into_ptr(), AtomicOrdering::Release);
        self.globals.store(globals.into_ptr(), AtomicOrdering::Release);
        self.epoch.store(epoch, AtomicOrdering::Release);
    }
}

/// One global-name site of translated code: the object found, while neither the module's
/// dict nor the builtins changed (their version tags, as LOAD_GLOBAL's specialization).
pub struct GlobalSite {
    globals: std::sync::atomic::AtomicPtr<ffi::PyObject>,
    globals_version: std::sync::atomic::AtomicU64,
    builtins_version: std::sync::atomic::AtomicU64,
    value: std::sync::atomic::AtomicPtr<ffi::PyObject>,
}

impl GlobalSite {
    pub const fn new() -> GlobalSite {
        GlobalSite {
            globals: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
            globals_version: std::sync::atomic::AtomicU64::new(0),
            builtins_version: std::sync::atomic::AtomicU64::new(0),
            value: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()),
        }
    }
}

impl Default for GlobalSite {
    fn default() -> GlobalSite {
        GlobalSite::new()
    }
}

#[inline(always)]
unsafe fn dict_version(d: *mut ffi::PyObject) -> u64 {
    unsafe { (*(d as *mut ffi::PyDictObject)).ma_version_tag }
}

/// A global name (LOAD_GLOBAL): the module's dict, then its builtins; NameError as CPython
/// words it, with `.name` set. The site keeps what it found while both dicts are unchanged.
#[inline(always)]
pub fn load_global(g: &ModuleGlobals, name: &'static Interned, site: &'static GlobalSite) -> R<Obj> {
    let Some((globals, builtins)) = g.dicts() else {
        return deopt(); // no module to read from (the extension used on its own)
    };
    unsafe {
        let value = site.value.load(AtomicOrdering::Relaxed);
        if !value.is_null()
            && site.globals.load(AtomicOrdering::Relaxed) == globals
            && site.globals_version.load(AtomicOrdering::Relaxed) == dict_version(globals)
            && site.builtins_version.load(AtomicOrdering::Relaxed) == dict_version(builtins)
        {
            return Ok(Obj::from_borrowed(value));
        }
    }
    load_global_slow(globals, builtins, name, site)
}

#[inline(never)]
fn load_global_slow(globals: *mut ffi::PyObject, builtins: *mut ffi::PyObject, name: &'static Interned,
                    site: &'static GlobalSite) -> R<Obj> {
    let py = py();
    let key = name.get();
    unsafe {
        for dict in [globals, builtins] {
            let hit = ffi::PyDict_GetItemWithError(dict, key);
            if !hit.is_null() {
                site.globals.store(globals, AtomicOrdering::Relaxed);
                site.globals_version.store(dict_version(globals), AtomicOrdering::Relaxed);
                site.builtins_version.store(dict_version(builtins), AtomicOrdering::Relaxed);
                site.value.store(hit, AtomicOrdering::Relaxed);
                return Ok(Obj::from_borrowed(hit));
            }
            if !ffi::PyErr_Occurred().is_null() {
                return Err(fetch());
            }
        }
    }
    let text = name.text;
    let err = pyo3::exceptions::PyNameError::new_err(format!("name '{text}' is not defined"));
    let _ = err.value(py).setattr("name", text);
    Err(Exc::Py(PyExc(err.into_value(py))))
}

/// `global name; name = v` (STORE_GLOBAL).
pub fn store_global(g: &ModuleGlobals, name: &'static Interned, v: &Obj) -> R<()> {
    let Some((globals, _)) = g.dicts() else {
        return deopt();
    };
    if unsafe { ffi::PyDict_SetItem(globals, name.get(), v.as_ptr()) } < 0 {
        return Err(fetch());
    }
    Ok(())
}

/// The builtins dict a function of this module sees (`__builtins__` of its globals, a
/// module or a dict; else the interpreter's).
fn builtins_of<'py>(globals: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
    let py = globals.py();
    if let Ok(Some(b)) = globals.get_item("__builtins__").map(Some).or_else(|_| Ok::<_, PyErr>(None)) {
        if b.is_instance_of::<pyo3::types::PyDict>() {
            return b;
        }
        if let Ok(d) = b.getattr("__dict__") {
            return d;
        }
    }
    unsafe { Bound::from_borrowed_ptr(py, ffi::PyEval_GetBuiltins()) }
}

fn module_globals_of(f: &Bound<'_, PyAny>) -> Option<Py<PyAny>> {
    let mut f = f.clone();
    for _ in 0..100 {
        match f.getattr("__wrapped__") {
            Ok(inner) => f = inner,
            Err(_) => break,
        }
    }
    let g = f.getattr("__globals__").ok()?;
    g.is_instance_of::<pyo3::types::PyDict>().then(|| g.unbind())
}

/// A parameter's default: the same object CPython passes (`__defaults__` /
/// `__kwdefaults__` of the original, read at each call as CPython does). `positional` is
/// (the parameter's index, the number of positional parameters); None for keyword-only.
pub fn default_arg(py: Python<'_>, export: &str, positional: Option<(usize, usize)>, name: &str) -> PyResult<Py<PyAny>> {
    let missing = || RustifyDeopt::new_err(export.to_owned());
    let Some(f) = get_fallback(py, export) else {
        return Err(missing());
    };
    let mut f = f.into_bound(py);
    for _ in 0..100 {  // the original under any `functools.wraps` wrappers, as for its globals
        match f.getattr("__wrapped__") {
            Ok(inner) => f = inner,
            Err(_) => break,
        }
    }
    let found = match positional {
        Some((index, count)) => {
            let defaults = f.getattr("__defaults__")?;
            let n = defaults.len().map_err(|_| missing())?;
            let first = count.checked_sub(n).ok_or_else(missing)?;
            let k = index.checked_sub(first).ok_or_else(missing)?;
            defaults.get_item(k)
        }
        None => f.getattr("__kwdefaults__")?.get_item(name),
    };
    found.map(Bound::unbind).map_err(|_| missing())
}

/// An interned attribute or global name of one site in generated code: the str object is
/// made (and interned) on first use and kept for the life of the process.
pub struct Interned {
    text: &'static str,
    ptr: std::sync::atomic::AtomicPtr<ffi::PyObject>,
}

impl Interned {
    pub const fn new(text: &'static str) -> Interned {
        Interned { text, ptr: std::sync::atomic::AtomicPtr::new(std::ptr::null_mut()) }
    }

    /// The interned str (a borrowed reference this static owns).
    #[inline(always)]
    pub fn get(&self) -> *mut ffi::PyObject {
        let p = self.ptr.load(AtomicOrdering::Relaxed);
        if !p.is_null() {
            return p;
        }
        self.make()
    }

    #[cold]
    #[inline(never)]
    fn make(&self) -> *mut ffi::PyObject {
        // attached (object-tier code never detaches); two threads may race only while
        // attached, so the GIL orders them: the loser's str is simply the same interned one
        let s = pyo3::types::PyString::intern(py(), self.text).unbind().into_ptr();
        self.ptr.store(s, AtomicOrdering::Relaxed);
        s
    }
}

/// The object `obj_next_item` returns when the iterator is exhausted: a private object no
/// Python code can see, so no real item is ever taken for it.
pub(crate) fn end_marker() -> *mut ffi::PyObject {
    static END: pyo3::sync::PyOnceLock<Py<PyAny>> = pyo3::sync::PyOnceLock::new();
    END.get_or_init(py(), || pyo3::types::PyList::empty(py()).into_any().unbind()).as_ptr()
}

/// The next item of an iterator, or the end marker (test with [`obj_is_end`]).
#[inline]
pub fn obj_next_item(it: &Obj) -> R<Obj> {
    match obj_next(it)? {
        Some(o) => Ok(o),
        None => Ok(unsafe { Obj::from_borrowed(end_marker()) }),
    }
}

/// Whether `o` is the end marker of [`obj_next_item`].
#[inline(always)]
pub fn obj_is_end(o: &Obj) -> bool {
    o.as_ptr() == end_marker()
}

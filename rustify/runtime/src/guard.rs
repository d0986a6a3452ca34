use super::*;

// =====================================================================================
// Module globals a translation depends on (emit/guards.py)
// =====================================================================================
//
// A translated function bakes in what it read of its module when it was generated: the
// values of numeric constants (`SCALE = 2.5`) and which function a name calls (`helper`,
// translated too). CPython looks both up in the module's dict at every use, so a program
// that rebinds them (`mod.SCALE = 5.0`, a `global` write elsewhere, a monkeypatched
// helper) must see the change. Each exported function therefore checks, on entry and before
// any effect, that every global it (or any translated function it calls) reads still holds
// what was baked in; if not, the call deopts and the Python original runs, reading the
// current values. The module dict is the registered fallback's `__globals__` (following
// `__wrapped__`), exactly the dict CPython would consult.
//
// Fast path: one dict lookup (interned name, cached hash) and a pointer comparison per
// global, plus `__code__`/`__defaults__` pointer comparisons for functions. An object is
// validated once (slow path) and then held, so its address cannot be reused by another.

/// What a global must hold for the baked-in translation to be exact.
pub enum Expect {
    /// an exact `int` of this value
    Int(&'static str, i64),
    /// an exact `float` with these bits (so -0.0 and 0.0 differ, as `repr` does)
    Float(&'static str, u64),
    /// `True` or `False`
    Bool(&'static str, bool),
    /// the module-level function `def name` whose code has this fingerprint, with these
    /// defaults (`repr((f.__defaults__, f.__kwdefaults__))`), or its translation from this crate
    Function(&'static str, u64, &'static str),
    /// a standard library function translations run natively: `Stdlib(global, module, attr,
    /// true)` for `module.attr` read through the module bound to `global` (`heapq.heappush`),
    /// `false` for the function bound to `global` itself (`from heapq import heappush`); it
    /// must be the module's own function named as the last field says (`bisect.bisect` is
    /// `bisect_right`); a monkeypatched one deopts
    Stdlib(&'static str, &'static str, &'static str, bool, &'static str),
    /// the standard-library module `module` itself (attribute "") or its attribute `attr`
    /// as the module had it when first checked (`from itertools import product`)
    StdlibObject(&'static str, &'static str, &'static str),
}

impl Expect {
    fn name(&self) -> &'static str {
        match self {
            Expect::Int(n, _) | Expect::Float(n, _) | Expect::Bool(n, _) | Expect::Function(n, _, _) => n,
            Expect::Stdlib(n, _, _, _, _) | Expect::StdlibObject(n, _, _) => n,
        }
    }
}

/// One validated global: the object, and for a Python function the code and defaults it
/// had when validated (they can be reassigned on the same function object).
struct Seen {
    obj: Py<PyAny>,
    parts: Option<[Option<Py<PyAny>>; 3]>,
}

struct GuardState {
    epoch: u64,
    globals: Option<Py<PyAny>>,
    names: Vec<Py<PyAny>>,
    /// the attribute read through a module global (`Expect::Stdlib(.., true)`), interned
    attrs: Vec<Option<Py<PyAny>>>,
    seen: Vec<Option<Seen>>,
}

enum Check {
    Holds,
    Fails,
    Validated,
}

/// The globals one exported function depends on, checked per call.
pub struct Guards {
    export: &'static str,
    expects: &'static [Expect],
    state: Mutex<Option<GuardState>>,
}

/// Bumped whenever a fallback is registered: the module dict may have changed.
pub static FALLBACK_EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// This extension module (set by [`register`]): a translated function found in a global is
/// recognised as ours by its `__self__`.
static THIS_MODULE: std::sync::atomic::AtomicPtr<ffi::PyObject> =
    std::sync::atomic::AtomicPtr::new(std::ptr::null_mut());

pub fn remember_module(m: &Bound<'_, PyModule>) {
    // the module lives as long as the process has it imported; one strong reference is kept
    let ptr = m.clone().unbind().into_ptr();
    THIS_MODULE.store(ptr, AtomicOrdering::Relaxed);
}

/// The Python function `obj` is, or stands for (a swap of this module: runtime/src/swap.rs).
fn def_of(obj: *mut ffi::PyObject) -> *mut ffi::PyObject {
    swapped_original(obj).unwrap_or(obj)
}

fn function_parts(obj: *mut ffi::PyObject) -> [*mut ffi::PyObject; 3] {
    let f = def_of(obj);
    // SAFETY: `f` is a live function object (checked when it was validated); these read fields.
    unsafe { [ffi::PyFunction_GetCode(f), ffi::PyFunction_GetDefaults(f), ffi::PyFunction_GetKwDefaults(f)] }
}

fn ptr_of(o: &Option<Py<PyAny>>) -> *mut ffi::PyObject {
    o.as_ref().map_or(std::ptr::null_mut(), |o| o.as_ptr())
}

impl Guards {
    pub const fn new(export: &'static str, expects: &'static [Expect]) -> Guards {
        Guards { export, expects, state: Mutex::new(None) }
    }

    /// Whether every global still holds what the translation baked in. False (deopt) when
    /// one does not, or when the check cannot be made right now (re-entered while a check
    /// runs Python code). True when no fallback names a module: used on its own, the
    /// extension has no module whose globals it could follow.
    pub fn hold(&self, py: Python<'_>) -> bool {
        // each round either answers or validates one new object; a program that keeps
        // rebinding while we validate gets a deopt, never a wrong answer
        for _ in 0..self.expects.len() + 2 {
            match self.check(py) {
                Check::Holds => return true,
                Check::Fails => return false,
                Check::Validated => continue,
            }
        }
        false
    }

    fn check(&self, py: Python<'_>) -> Check {
        let Ok(mut guard) = self.state.try_lock() else {
            return Check::Fails;
        };
        let epoch = FALLBACK_EPOCH.load(AtomicOrdering::Acquire);
        if guard.as_ref().map_or(true, |s| s.epoch != epoch) {
            let old = guard.take();
            drop(guard);
            drop(old); // decrefs may run Python code: not while holding the lock
            let fresh = self.fresh_state(py, epoch);
            let Ok(mut again) = self.state.try_lock() else {
                return Check::Fails;
            };
            let old = again.replace(fresh);
            drop(again);
            drop(old);
            return Check::Validated;
        }
        let state = guard.as_mut().expect("state was just set");
        let Some(globals) = state.globals.as_ref().map(|g| g.clone_ref(py)) else {
            return Check::Holds;
        };
        let mut stale = None;
        for (i, _) in self.expects.iter().enumerate() {
            // SAFETY: attached; `globals` is a dict (checked when it was taken), `names[i]` an
            // interned str; the result is a borrowed reference or NULL (never raises).
            let mut current = unsafe { ffi::PyDict_GetItem(globals.as_ptr(), state.names[i].as_ptr()) };
            if current.is_null() {
                return Check::Fails; // deleted: Python raises NameError
            }
            if let Some(attr) = &state.attrs[i] {
                // `heapq.heappush`: the function the module bound to the global holds now
                // SAFETY: a type check, then a borrowed dict of a live module and a lookup in it.
                unsafe {
                    if ffi::PyModule_Check(current) == 0 {
                        return Check::Fails;
                    }
                    let dict = ffi::PyModule_GetDict(current);
                    current = if dict.is_null() { dict } else { ffi::PyDict_GetItem(dict, attr.as_ptr()) };
                }
                if current.is_null() {
                    return Check::Fails;
                }
            }
            let same = match &state.seen[i] {
                Some(seen) if seen.obj.as_ptr() == current => match &seen.parts {
                    None => true,
                    Some(parts) => {
                        let now = function_parts(current);
                        (0..3).all(|k| now[k] == ptr_of(&parts[k]))
                    }
                },
                _ => false,
            };
            if !same {
                // SAFETY: `current` is borrowed from the dict: take a strong reference.
                stale = Some((i, unsafe { Bound::from_borrowed_ptr(py, current) }.unbind()));
                break;
            }
        }
        drop(guard);
        let Some((i, obj)) = stale else {
            return Check::Holds;
        };
        // the slow path may run Python code (attribute reads, repr), so it runs unlocked
        if !validate(py, &self.expects[i], obj.bind(py), &globals) {
            return Check::Fails;
        }
        let parts = if is_function(obj.bind(py)) || swapped_original(obj.as_ptr()).is_some() {
            let p = function_parts(obj.as_ptr());
            // SAFETY: borrowed pointers from a live function: take new references.
            Some(p.map(|x| (!x.is_null()).then(|| unsafe { Bound::from_borrowed_ptr(py, x) }.unbind())))
        } else {
            None
        };
        let Ok(mut again) = self.state.try_lock() else {
            return Check::Fails;
        };
        let old = match again.as_mut() {
            Some(s) if s.epoch == epoch => s.seen[i].replace(Seen { obj, parts }),
            _ => None,
        };
        drop(again);
        drop(old);
        Check::Validated
    }

    fn fresh_state(&self, py: Python<'_>, epoch: u64) -> GuardState {
        let names = self
            .expects
            .iter()
            .map(|e| pyo3::types::PyString::intern(py, e.name()).into_any().unbind())
            .collect();
        let attrs = self
            .expects
            .iter()
            .map(|e| match e {
                Expect::Stdlib(_, _, attr, true, _) => Some(pyo3::types::PyString::intern(py, attr).into_any().unbind()),
                _ => None,
            })
            .collect();
        let globals = get_fallback(py, self.export).and_then(|f| globals_of(f.bind(py)));
        GuardState { epoch, globals, names, attrs, seen: self.expects.iter().map(|_| None).collect() }
    }
}

fn is_function(obj: &Bound<'_, PyAny>) -> bool {
    // SAFETY: a type check on a live object.
    unsafe { ffi::PyFunction_Check(obj.as_ptr()) != 0 }
}

/// The module dict a fallback's code reads its globals from (`__wrapped__` followed, as
/// `inspect.unwrap` does), if it is a Python function.
fn globals_of(f: &Bound<'_, PyAny>) -> Option<Py<PyAny>> {
    let mut f = f.clone();
    for _ in 0..100 {
        match f.getattr("__wrapped__") {
            Ok(inner) => f = inner,
            Err(_) => break,
        }
    }
    if !is_function(&f) {
        return None;
    }
    let g = f.getattr("__globals__").ok()?;
    g.is_instance_of::<pyo3::types::PyDict>().then(|| g.unbind())
}

/// Whether `obj` is what `expect` says (the slow path, once per new object).
fn validate(py: Python<'_>, expect: &Expect, obj: &Bound<'_, PyAny>, globals: &Py<PyAny>) -> bool {
    // SAFETY (all branches): exact type checks and value reads on a live object.
    match *expect {
        Expect::Int(_, v) => unsafe {
            if ffi::PyLong_CheckExact(obj.as_ptr()) == 0 {
                return false;
            }
            let mut overflow: c_int = 0;
            let x = ffi::PyLong_AsLongLongAndOverflow(obj.as_ptr(), &mut overflow);
            overflow == 0 && x == v && ffi::PyErr_Occurred().is_null()
        },
        Expect::Float(_, bits) => unsafe {
            ffi::PyFloat_CheckExact(obj.as_ptr()) != 0 && ffi::PyFloat_AS_DOUBLE(obj.as_ptr()).to_bits() == bits
        },
        Expect::Bool(_, b) => unsafe { obj.as_ptr() == if b { ffi::Py_True() } else { ffi::Py_False() } },
        Expect::Stdlib(_, module, _, _, name) => stdlib_original(py, obj, module, name).unwrap_or(false),
        Expect::StdlibObject(_, module, attr) => {
            let Ok(m) = py.import(module) else {
                return false;
            };
            if attr.is_empty() {
                return obj.is(&m);
            }
            m.getattr(attr).is_ok_and(|f| obj.is(&f))
        }
        Expect::Function(name, fingerprint, defaults) => {
            if is_function(obj) {
                return same_def(obj, name, fingerprint, defaults, globals).unwrap_or(false);
            }
            if let Some(original) = swapped_original(obj.as_ptr()) {
                // SAFETY: the swap holds a strong reference to its original while `obj` lives.
                let original = unsafe { Bound::from_borrowed_ptr(py, original) };
                return same_def(&original, name, fingerprint, defaults, globals).unwrap_or(false);
            }
            // a translation from this crate: its own guards keep it exact, if its original
            // is that same def
            let ours = THIS_MODULE.load(AtomicOrdering::Relaxed);
            // SAFETY: a type check, then a field read of a live builtin function.
            let is_ours = unsafe {
                ffi::PyCFunction_Check(obj.as_ptr()) != 0 && !ours.is_null() && ffi::PyCFunction_GetSelf(obj.as_ptr()) == ours
            };
            if !is_ours {
                return false;
            }
            let Ok(export) = obj.getattr("__name__").and_then(|n| n.extract::<String>()) else {
                return false;
            };
            match get_fallback(py, &export) {
                Some(original) => {
                    let original = original.bind(py);
                    is_function(original) && same_def(original, name, fingerprint, defaults, globals).unwrap_or(false)
                }
                None => false,
            }
        }
    }
}

/// Whether `obj` is the function `name` of `module` as the standard library defines it: its C function (from
/// `module` or its accelerator `_module`), or the Python function of that module's own code.
fn stdlib_original(py: Python<'_>, obj: &Bound<'_, PyAny>, module: &str, name: &str) -> PyResult<bool> {
    if obj.getattr("__name__")?.extract::<String>()? != name {
        return Ok(false);
    }
    // SAFETY: a type check on a live object.
    if unsafe { ffi::PyCFunction_Check(obj.as_ptr()) } != 0 {
        let owner = obj.getattr("__module__")?.extract::<String>()?;
        return Ok(owner == module || owner == format!("_{module}"));
    }
    if !is_function(obj) {
        return Ok(false);
    }
    let home = PyModule::import(py, module)?;
    // SAFETY: a field read of a live function object.
    let g = unsafe { ffi::PyFunction_GetGlobals(obj.as_ptr()) };
    Ok(g == home.dict().as_ptr())
}

/// Whether `f` is the function `def name` of the module whose dict is `globals`, with the
/// code that was translated (by fingerprint: a comment or a def added above it changes
/// nothing, an edit of its body does), and still has the literal defaults translated.
fn same_def(f: &Bound<'_, PyAny>, name: &str, fingerprint: u64, defaults: &str, globals: &Py<PyAny>) -> PyResult<bool> {
    // SAFETY: a field read of a live function object.
    let g = unsafe { ffi::PyFunction_GetGlobals(f.as_ptr()) };
    if g != globals.as_ptr() || !f.getattr("__closure__")?.is_none() {
        return Ok(false);
    }
    let code = f.getattr("__code__")?;
    if code.getattr("co_name")?.extract::<String>()? != name || code_fingerprint(&code)? != fingerprint {
        return Ok(false);
    }
    if defaults.is_empty() {
        return Ok(true); // its defaults are objects the translation never bakes in
    }
    let pair = pyo3::types::PyTuple::new(f.py(), [f.getattr("__defaults__")?, f.getattr("__kwdefaults__")?])?;
    Ok(pair.repr()?.to_str()? == defaults)
}

const FNV_OFFSET: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

fn fnv(h: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *h = (*h ^ u64::from(*b)).wrapping_mul(FNV_PRIME);
    }
}

/// `repr`, with the members of frozensets sorted (rustify/translate/fingerprint.py `const_text`).
fn const_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if value.is_exact_instance_of::<pyo3::types::PyFrozenSet>() {
        let mut items = Vec::new();
        for item in value.try_iter()? {
            items.push(const_text(&item?)?);
        }
        items.sort();
        return Ok(format!("frozenset{{{}}}", items.join(",")));
    }
    if value.is_exact_instance_of::<pyo3::types::PyTuple>() {
        let mut items = Vec::new();
        for item in value.try_iter()? {
            items.push(const_text(&item?)?);
        }
        return Ok(format!("({})", items.join(",")));
    }
    Ok(value.repr()?.to_str()?.to_owned())
}

fn code_stream(code: &Bound<'_, PyAny>, h: &mut u64) -> PyResult<()> {
    let py = code.py();
    fnv(h, code.getattr("co_code")?.cast::<pyo3::types::PyBytes>()?.as_bytes());
    for attr in ["co_names", "co_varnames"] {
        fnv(h, b"\0");
        fnv(h, code.getattr(attr)?.repr()?.to_str()?.as_bytes());
    }
    let signature = pyo3::types::PyTuple::new(py, [
        code.getattr("co_argcount")?, code.getattr("co_posonlyargcount")?,
        code.getattr("co_kwonlyargcount")?, code.getattr("co_flags")?,
    ])?;
    fnv(h, b"\0");
    fnv(h, signature.repr()?.to_str()?.as_bytes());
    let code_type = code.get_type();
    for c in code.getattr("co_consts")?.try_iter()? {
        let c = c?;
        if c.get_type().is(&code_type) {
            fnv(h, b"\0C");
            code_stream(&c, h)?;
        } else {
            fnv(h, b"\0");
            fnv(h, const_text(&c)?.as_bytes());
        }
        fnv(h, b"\x01");
    }
    Ok(())
}

/// The fingerprint of a code object (rustify/translate/fingerprint.py `code_fingerprint`).
pub fn code_fingerprint(code: &Bound<'_, PyAny>) -> PyResult<u64> {
    let mut h = FNV_OFFSET;
    code_stream(code, &mut h)?;
    Ok(h)
}

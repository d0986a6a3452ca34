//! Generators (Objects/genobject.c): a translated generator function's body is the same
//! Rust function as any other translation, run on a stackful coroutine (crate
//! `corosensei`). `yield v` is a call ([`gen_yield`]) that suspends the coroutine and,
//! when the generator is resumed, returns the value sent (None for `next()`) or the
//! exception `throw()`/`close()` raise at that point, so the translated `try`/`finally`
//! and `with` blocks around it run exactly as CPython's would.
//!
//! The Python face is [`Generator`]: `__next__`, `send`, `throw`, `close`, with
//! genobject.c's rules: the body starts at the first resume, `return v` ends it with
//! `StopIteration(v)`, a StopIteration escaping the body becomes RuntimeError (PEP 479),
//! a finished generator raises StopIteration again, a resume while it runs raises
//! ValueError("generator already executing"), and a generator released while suspended
//! is closed first (GeneratorExit at its `yield`, as `_PyGen_Finalize` does).
//!
//! A deopt can come only before the first `yield` (passes/check_effects.py counts a yield
//! as a visible effect): the generator then calls the Python original with the same
//! arguments and hands every later resume to the generator that returns.
//!
//! Stacks are pooled per thread, so making a generator costs no mmap once warm. The
//! suspended body holds only Rust frames: Python code it calls has returned before any
//! `yield`, so the interpreter's own state (CPython 3.11's frame and recursion counters)
//! is balanced at every switch.

use super::*;
use corosensei::stack::DefaultStack;
use corosensei::{Coroutine, CoroutineResult, Yielder};
use std::cell::{Cell, RefCell};

/// What a suspended `yield` is resumed with: the value sent, or the exception to raise there.
pub type Resume = Result<Obj, Exc>;
pub(crate) type Coro = Coroutine<Resume, Obj, R<Obj>, DefaultStack>;
/// The body of a generator: the translated function called with its bound arguments,
/// its return value boxed.
pub type GenBody = Box<dyn FnOnce() -> R<Obj>>;
/// The Python original called with the same arguments (run on a deopt).
pub type GenFallback = Box<dyn Fn(Python<'_>) -> PyResult<Py<PyAny>>>;

/// Room for the body and the Python code it calls (C recursion of reprs, sorts, ...);
/// pages are only committed when touched.
const STACK_SIZE: usize = 1 << 20;
/// Stacks kept for reuse per thread.
const POOL_MAX: usize = 256;

thread_local! {
    /// The yielder of the coroutine running now (null outside any generator body).
    static CURRENT: Cell<*const Yielder<Resume, Obj>> = const { Cell::new(std::ptr::null()) };
    static POOL: RefCell<Vec<DefaultStack>> = const { RefCell::new(Vec::new()) };
}

/// Stacks kept for reuse on this thread (for tests).
#[cfg(test)]
pub(crate) fn pooled_stacks() -> usize {
    POOL.with(|p| p.borrow().len())
}

pub(crate) fn take_stack() -> PyResult<DefaultStack> {
    if let Some(s) = POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(s);
    }
    DefaultStack::new(STACK_SIZE).map_err(|_| pyo3::exceptions::PyMemoryError::new_err(()))
}

pub(crate) fn give_stack(coro: Coro) {
    if !coro.done() {
        // suspended for good (it ignored GeneratorExit): its frames are left as they are
        std::mem::forget(coro);
        return;
    }
    let stack = coro.into_stack();
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < POOL_MAX {
            p.push(stack);
        }
    });
}

/// `yield v` in a translated generator's body: suspend, handing `v` to the resumer;
/// resumed, the value sent (None for `next()`), or the exception to raise here.
pub fn gen_yield(v: Val) -> R<Val> {
    if CURRENT.with(|c| c.get()).is_null() {
        return raise(ExcKind::RuntimeError, "yield outside a running generator");
    }
    let o = v.obj()?.clone();
    drop(v);
    gen_suspend(o).map(Val::object)
}

fn gen_suspend(o: Obj) -> Resume {
    let y = CURRENT.with(|c| c.get());
    if y.is_null() {
        return raise(ExcKind::RuntimeError, "yield outside a running generator");
    }
    // SAFETY: `y` is the yielder of the coroutine this code runs on (set when it was
    // started or last resumed); it lives on that coroutine's stack until the body returns.
    let r = unsafe { (*y).suspend(o) };
    CURRENT.with(|c| c.set(y));
    r
}

fn is_instance_of(e: &Exc, kind: *mut ffi::PyObject) -> bool {
    match e {
        Exc::Py(p) => unsafe { ffi::PyErr_GivenExceptionMatches(p.0.as_ptr(), kind) != 0 },
        _ => false,
    }
}

/// `StopIteration.value` of the StopIteration now set (taken out), or None when no
/// exception is set; Err for any other exception (`_PyGen_FetchStopIterationValue`).
fn fetch_stop_value() -> R<Obj> {
    unsafe {
        if ffi::PyErr_Occurred().is_null() {
            return Ok(Obj::none());
        }
        if ffi::PyErr_ExceptionMatches(ffi::PyExc_StopIteration) == 0 {
            return Err(fetch());
        }
    }
    let Exc::Py(e) = fetch() else { unreachable!() };
    let value = unsafe { ffi::PyObject_GetAttrString(e.0.as_ptr(), c"value".as_ptr()) };
    unsafe { Obj::from_owned(value) }
}

/// A step of the sub-iterator of `yield from`: the next value, or its end with its result.
enum Step {
    Item(Obj),
    End(Obj),
}

/// One resume of `yield from`'s sub-iterator with what the outer generator was resumed
/// with (Python/ceval.c SEND and genobject.c `_gen_throw`, 3.11).
fn sub_step(it: &Obj, input: Resume) -> R<Step> {
    let p = it.as_ptr();
    if matches!(&input, Ok(sent) if sent.as_ptr() == unsafe { ffi::Py_None() }) {
        if let Some(g) = as_generator(it) {
            // a translated generator, resumed directly
            return match g.get().resume(g.py(), Ok(Obj::none())) {
                Ok(Some(item)) => Ok(Step::Item(unsafe { Obj::from_owned(item.into_ptr())? })),
                Ok(None) => Ok(Step::End(Obj::none())),
                Err(e) => {
                    let py = g.py();
                    if !e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) {
                        return Err(Exc::Py(PyExc(e.into_value(py))));
                    }
                    let value = e.value(py).getattr("value").map_err(|x| Exc::Py(PyExc(x.into_value(py))))?;
                    Ok(Step::End(unsafe { Obj::from_owned(value.into_ptr())? }))
                }
            };
        }
    }
    match input {
        Ok(sent) => unsafe {
            let r = if sent.as_ptr() == ffi::Py_None() && ffi::PyIter_Check(p) != 0 {
                let next = (*ffi::Py_TYPE(p)).tp_iternext.expect("an iterator has tp_iternext");
                next(p)
            } else {
                ffi::PyObject_CallMethodOneArg(p, intern_name(c"send"), sent.as_ptr())
            };
            if r.is_null() {
                return Ok(Step::End(fetch_stop_value()?));
            }
            Ok(Step::Item(Obj::from_owned(r)?))
        },
        Err(e) if is_instance_of(&e, unsafe { ffi::PyExc_GeneratorExit }) => {
            // close the sub-iterator first, then GeneratorExit here (an error of close()
            // is raised here instead)
            let close = unsafe { ffi::PyObject_GetAttrString(p, c"close".as_ptr()) };
            if close.is_null() {
                unsafe { ffi::PyErr_Clear() };
            } else {
                let close = unsafe { Obj::from_owned(close)? };
                unsafe { Obj::from_owned(ffi::PyObject_CallNoArgs(close.as_ptr()))? };
            }
            Err(e)
        }
        Err(e) => {
            let throw = unsafe { ffi::PyObject_GetAttrString(p, c"throw".as_ptr()) };
            if throw.is_null() {
                unsafe {
                    if ffi::PyErr_ExceptionMatches(ffi::PyExc_AttributeError) == 0 {
                        return Err(fetch());
                    }
                    ffi::PyErr_Clear();
                }
                return Err(e);
            }
            let throw = unsafe { Obj::from_owned(throw)? };
            let value = match &e {
                Exc::Py(x) => unsafe { Obj::from_borrowed(x.0.as_ptr()) },
                other => Python::attach(|py| unsafe {
                    Obj::from_owned(other.clone().into_pyerr().into_value(py).into_ptr())
                })?,
            };
            let r = unsafe { ffi::PyObject_CallOneArg(throw.as_ptr(), value.as_ptr()) };
            if r.is_null() {
                return Ok(Step::End(fetch_stop_value()?));
            }
            Ok(Step::Item(unsafe { Obj::from_owned(r)? }))
        }
    }
}

fn intern_name(name: &'static std::ffi::CStr) -> *mut ffi::PyObject {
    // a new reference each time would leak; interned strings live for the process
    thread_local! {
        static NAMES: RefCell<Vec<(usize, usize)>> = const { RefCell::new(Vec::new()) };
    }
    let key = name.as_ptr() as usize;
    NAMES.with(|n| {
        let mut n = n.borrow_mut();
        if let Some(&(_, o)) = n.iter().find(|(k, _)| *k == key) {
            return o as *mut ffi::PyObject;
        }
        let o = unsafe { ffi::PyUnicode_InternFromString(name.as_ptr()) };
        n.push((key, o as usize));
        o
    })
}

/// `yield from it` (PEP 380): every value of the sub-iterator is yielded, what the
/// generator is sent or thrown goes on to it, and the value is its result.
pub fn gen_yield_from(v: &Val) -> R<Val> {
    let it = obj_iter(v.obj()?)?;
    let mut input: Resume = Ok(Obj::none());
    loop {
        match sub_step(&it, input)? {
            Step::End(result) => return Ok(Val::object(result)),
            Step::Item(item) => input = gen_suspend(item),
        }
    }
}

/// A translated generator, as Python sees it. Its state is touched only with the GIL
/// held and never across a resume (`running` guards re-entry), so it lives in cells and
/// the class is frozen: no borrow flag or thread check per resume.
#[pyclass(frozen, name = "generator", module = "rustify")]
pub struct Generator {
    name: &'static str,
    running: Cell<bool>,
    state: std::cell::UnsafeCell<GenState>,
}

// SAFETY: every access (resume, close, drop) holds the GIL, which serializes them (as it
// does CPython's own generators, which any thread may resume); a body resumed on another
// thread runs on its own stack, and `CURRENT` is set by the thread that resumes it.
unsafe impl Send for Generator {}
unsafe impl Sync for Generator {}

struct GenState {
    /// the body, until it finishes (None then)
    coro: Option<Coro>,
    /// the body before it first runs
    body: Option<GenBody>,
    fallback: Option<GenFallback>,
    /// the values it yielded so far (a deopt after them replays as many steps of the
    /// original: passes/check_effects.py `replayable` allows it only where that is exact)
    yields: u64,
    /// the Python original's generator, after a deopt: every resume goes to it
    delegate: Option<Py<PyAny>>,
}

/// Make the generator of a call (the body runs at the first resume).
pub fn new_generator(py: Python<'_>, name: &'static str, body: GenBody, fallback: GenFallback) -> PyResult<Py<PyAny>> {
    let state = GenState { coro: None, body: Some(body), fallback: Some(fallback), yields: 0, delegate: None };
    let g = Generator { name, running: Cell::new(false), state: std::cell::UnsafeCell::new(state) };
    Ok(Py::new(py, g)?.into_any())
}

/// How one resume ended.
enum Outcome {
    Yielded(Obj),
    Returned(Obj),
    Raised(Exc),
}

fn stop_iteration(value: Obj) -> PyErr {
    if value.as_ptr() == unsafe { ffi::Py_None() } {
        return pyo3::exceptions::PyStopIteration::new_err(());
    }
    Python::attach(|py| {
        let v = unsafe { Bound::from_owned_ptr(py, value.to_py(py)) }.unbind();
        pyo3::exceptions::PyStopIteration::new_err((v,))
    })
}

/// The exception an escaping `e` becomes: StopIteration is RuntimeError (PEP 479).
fn escaped(e: Exc) -> PyErr {
    let stop = matches!(&e, Exc::Py(_)) && is_instance_of(&e, unsafe { ffi::PyExc_StopIteration });
    let err = e.into_pyerr();
    if !stop {
        return err;
    }
    Python::attach(|py| {
        let new = pyo3::exceptions::PyRuntimeError::new_err("generator raised StopIteration");
        new.set_cause(py, Some(err.clone_ref(py)));
        let value = new.value(py);
        unsafe { ffi::PyException_SetContext(value.as_ptr(), err.into_value(py).into_ptr()) };
        new
    })
}

fn already_executing() -> PyErr {
    PyValueError::new_err("generator already executing")
}

/// What a resume of a generator gives its caller: a value yielded, or its end (None: it
/// returned None, which a `for` loop and tp_iternext take without making an exception).
type Next = PyResult<Option<Py<PyAny>>>;

impl Generator {
    /// The state; only while not running, and never held across a resume.
    #[allow(clippy::mut_from_ref)]
    fn state(&self) -> &mut GenState {
        // SAFETY: one thread (unsendable); callers check `running` first and drop the
        // reference before resuming the body, which may reach this generator again.
        unsafe { &mut *self.state.get() }
    }

    /// Resume the body with `input` (the caller checked it may run).
    fn run(&self, input: Resume) -> PyResult<Outcome> {
        let st = self.state();
        if st.coro.is_none() {
            let body = st.body.take().expect("a generator that has not finished has a body or a coroutine");
            st.coro = Some(Coroutine::with_stack(take_stack()?, move |y: &Yielder<Resume, Obj>, _first: Resume| {
                CURRENT.with(|c| c.set(y as *const _));
                body()
            }));
        }
        self.running.set(true);
        let saved = CURRENT.with(|c| c.get());
        // resumed in place: while it runs, every other way in (resume, close) stops at
        // `running` before it touches the state, and the caller holds a reference
        let coro: *mut Coro = st.coro.as_mut().expect("made above");
        let result = unsafe { (*coro).resume(input) };
        CURRENT.with(|c| c.set(saved));
        self.running.set(false);
        let st = self.state();
        Ok(match result {
            CoroutineResult::Yield(o) => {
                st.yields += 1;
                Outcome::Yielded(o)
            }
            CoroutineResult::Return(r) => {
                give_stack(st.coro.take().expect("it ran"));
                if !matches!(r, Err(Exc::Deopt)) {
                    st.fallback = None;
                }
                match r {
                    Ok(v) => Outcome::Returned(v),
                    Err(e) => Outcome::Raised(e),
                }
            }
        })
    }

    fn finished(&self) -> bool {
        let st = self.state();
        st.coro.is_none() && st.body.is_none()
    }

    /// `gen.send(v)`, `next(gen)` (`v` None) or `gen.throw(e)` (`input` Err).
    fn resume(&self, py: Python<'_>, input: Resume) -> Next {
        if self.running.get() {
            return Err(already_executing());
        }
        let st = self.state();
        if let Some(d) = &st.delegate {
            let d = d.clone_ref(py);
            return delegate_resume(d.bind(py), input).map(Some);
        }
        if self.finished() {
            return match input {
                Ok(_) => Ok(None),
                Err(e) => Err(e.into_pyerr()),
            };
        }
        if st.coro.is_none() {
            match input {
                Ok(ref v) if v.as_ptr() != unsafe { ffi::Py_None() } => {
                    return Err(PyTypeError::new_err("can't send non-None value to a just-started generator"));
                }
                Err(e) => {
                    // thrown in before the body ran: raised at its start, which ends it
                    st.body = None;
                    st.fallback = None;
                    return Err(e.into_pyerr());
                }
                _ => {}
            }
        }
        match self.run(input)? {
            Outcome::Yielded(o) => Ok(Some(unsafe { Bound::from_owned_ptr(py, o.to_py(py)) }.unbind())),
            Outcome::Returned(v) if v.as_ptr() == unsafe { ffi::Py_None() } => Ok(None),
            Outcome::Returned(v) => Err(stop_iteration(v)),
            Outcome::Raised(Exc::Deopt) => {
                let st = self.state();
                let Some(fallback) = st.fallback.take() else {
                    return Err(RustifyDeopt::new_err(self.name));
                };
                let d = fallback(py)?;
                for _ in 0..st.yields {
                    // the steps already taken, taken again by the original (their values
                    // were handed out already)
                    d.bind(py).call_method1("send", (py.None(),))?;
                }
                self.state().delegate = Some(d.clone_ref(py));
                delegate_resume(d.bind(py), Ok(Obj::none())).map(Some)
            }
            Outcome::Raised(e) => Err(escaped(e)),
        }
    }

    /// `gen.close()`: GeneratorExit at the suspended `yield`.
    fn close_now(&self, py: Python<'_>) -> PyResult<()> {
        if self.running.get() {
            return Err(already_executing());
        }
        let st = self.state();
        if let Some(d) = &st.delegate {
            let d = d.clone_ref(py);
            d.bind(py).call_method0("close")?;
            return Ok(());
        }
        if st.coro.is_none() {
            st.body = None;
            st.fallback = None;
            return Ok(());
        }
        let exit = Exc::Py(PyExc(pyo3::exceptions::PyGeneratorExit::new_err(()).into_value(py)));
        match self.run(Err(exit))? {
            Outcome::Yielded(_) => Err(PyRuntimeError::new_err("generator ignored GeneratorExit")),
            Outcome::Returned(_) => Ok(()),
            Outcome::Raised(e) => {
                let err = escaped(e);
                let ignored = err.is_instance_of::<pyo3::exceptions::PyGeneratorExit>(py)
                    || err.is_instance_of::<pyo3::exceptions::PyStopIteration>(py);
                if ignored { Ok(()) } else { Err(err) }
            }
        }
    }
}

/// The next item of `it` when it is a translated generator, resumed directly (no
/// tp_iternext, no StopIteration object at its end): Some(Ok(None)) at the end; None
/// when `it` is something else.
#[inline]
pub fn gen_next(it: &Obj) -> Option<R<Option<Obj>>> {
    let g = as_generator(it)?;
    let py = g.py();
    Some(match g.get().resume(py, Ok(Obj::none())) {
        Ok(Some(o)) => unsafe { Obj::from_owned(o.into_ptr()) }.map(Some),
        Ok(None) => Ok(None),
        Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => Ok(None), // `return v`
        Err(e) => Err(Exc::Py(PyExc(e.into_value(py)))),
    })
}

/// Whether `o` is a translated generator.
#[inline]
pub fn is_generator(o: &Obj) -> bool {
    unsafe { ffi::Py_TYPE(o.as_ptr()) == <Generator as pyo3::PyTypeInfo>::type_object_raw(py()) }
}

/// `it` as a translated generator (exact type), if it is one.
#[inline]
fn as_generator(it: &Obj) -> Option<Bound<'static, Generator>> {
    let py = py();
    let p = it.as_ptr();
    if unsafe { ffi::Py_TYPE(p) } != <Generator as pyo3::PyTypeInfo>::type_object_raw(py) {
        return None;
    }
    // SAFETY: the exact type was checked (a new reference is taken).
    Some(unsafe { Bound::from_borrowed_ptr(py, p).cast_into_unchecked::<Generator>() })
}

fn delegate_resume(d: &Bound<'_, PyAny>, input: Resume) -> PyResult<Py<PyAny>> {
    let py = d.py();
    match input {
        Ok(v) => {
            let v = unsafe { Bound::from_owned_ptr(py, v.to_py(py)) };
            Ok(d.call_method1("send", (v,))?.unbind())
        }
        Err(e) => {
            let e = e.into_pyerr().into_value(py);
            Ok(d.call_method1("throw", (e,))?.unbind())
        }
    }
}

/// The exception `throw(typ, val)` raises (genobject.c `_gen_throw`'s normalization).
fn thrown(py: Python<'_>, typ: &Bound<'_, PyAny>, val: Option<&Bound<'_, PyAny>>) -> PyResult<PyErr> {
    let base = py.get_type::<pyo3::exceptions::PyBaseException>();
    let val = val.filter(|v| !v.is_none());
    if typ.is_instance(&base)? {
        if val.is_some() {
            return Err(PyTypeError::new_err("instance exception may not have a separate value"));
        }
        return Ok(PyErr::from_value(typ.clone()));
    }
    let is_class = typ.is_instance_of::<pyo3::types::PyType>() && typ.cast::<pyo3::types::PyType>()?.is_subclass(&base)?;
    if !is_class {
        let name = typ.get_type().name()?;
        return Err(PyTypeError::new_err(format!(
            "exceptions must be classes or BaseException instances, not {name}"
        )));
    }
    let made = match val {
        None => typ.call0()?,
        Some(v) if v.is_instance(typ)? => v.clone(),
        Some(v) => match v.cast::<pyo3::types::PyTuple>() {
            Ok(t) => typ.call1(t.clone())?,
            Err(_) => typ.call1((v,))?,
        },
    };
    Ok(PyErr::from_value(made))
}

/// A resume from Python: the value, or StopIteration (send/throw raise it even for None).
fn or_stop(next: Next) -> PyResult<Py<PyAny>> {
    next?.ok_or_else(|| pyo3::exceptions::PyStopIteration::new_err(()))
}

#[pymethods]
impl Generator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> Next {
        self.resume(py, Ok(Obj::none()))
    }

    fn send(&self, py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        or_stop(self.resume(py, Ok(unsafe { Obj::from_borrowed(value.as_ptr()) })))
    }

    #[pyo3(signature = (typ, val=None, tb=None))]
    fn throw(&self, py: Python<'_>, typ: &Bound<'_, PyAny>, val: Option<&Bound<'_, PyAny>>,
             tb: Option<&Bound<'_, PyAny>>) -> PyResult<Py<PyAny>> {
        let _ = tb;
        let err = thrown(py, typ, val)?;
        or_stop(self.resume(py, Err(Exc::Py(PyExc(err.into_value(py))))))
    }

    fn close(&self, py: Python<'_>) -> PyResult<()> {
        self.close_now(py)
    }

    #[getter]
    fn gi_running(&self) -> bool {
        self.running.get()
    }

    #[getter]
    fn __name__(&self) -> &'static str {
        self.name.rsplit('.').next().unwrap_or(self.name)
    }

    #[getter]
    fn __qualname__(&self) -> &'static str {
        self.name
    }

    fn __repr__(slf: &Bound<'_, Self>) -> String {
        format!("<generator object {} at {:#x}>", slf.get().name, slf.as_ptr() as usize)
    }
}

impl Drop for Generator {
    /// Released while suspended: closed first, as `_PyGen_Finalize` does (an error is
    /// reported as unraisable); one still suspended after that (it ignored GeneratorExit)
    /// is left as it is.
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if st.coro.is_none() || self.running.get() {
            return;
        }
        Python::attach(|py| {
            if let Err(e) = self.close_now(py) {
                e.write_unraisable(py, None);
            }
        });
        if let Some(c) = self.state.get_mut().coro.take() {
            std::mem::forget(c);
        }
    }
}

/// A call of a translated generator function from translated code (emit/objects.py
/// `generator_call`): its generator made directly, the body a Rust closure over the
/// arguments; on a deopt it calls `original` (the function the module global held at the
/// call) with the same arguments as objects.
pub fn gen_new(name: &'static str, body: GenBody, original: Val, args: Vec<Val>) -> R<Val> {
    let fallback: GenFallback = Box::new(move |py: Python<'_>| {
        let refs: Vec<&Val> = args.iter().collect();
        match val_call(&original, &refs) {
            Ok(v) => Ok(unsafe { Bound::from_owned_ptr(py, v.to_py(py)) }.unbind()),
            Err(e) => Err(e.into_pyerr()),
        }
    });
    let g = new_generator(py(), name, body, fallback).map_err(|e| Exc::Py(PyExc(e.into_value(py()))))?;
    Ok(Val::object(unsafe { Obj::from_owned(g.into_ptr())? }))
}
